//! Groth16 over BN254, in snarkjs's model so `.zkey` files map onto these types one to one.
//!
//! The proving key holds what a snarkjs `.zkey` holds (FORMATS.md §4): the A/B matrix
//! coefficients (the prover rebuilds A·w, B·w from them and takes C = A·B pointwise), the
//! per-wire points, and the H points as the Lagrange basis of the odd coset of the size-2n
//! domain divided by δ (the prover evaluates A·B − C there and never divides by Z).
//!
//! - [`setup`]: a key from an R1CS with fresh OS randomness (what snarkjs's `zkey new` plus
//!   one contribution gives); [`setup_ptau`]: snarkjs's `zkey new` from a `.ptau`;
//! - [`prove`]: snarkjs's prover, from a full witness or from a circuit and its inputs;
//! - [`verify`]: single and batch verification;
//! - [`phase2`], [`powersoftau`]: the ceremonies, compatible with snarkjs ([`blake2b`] and
//!   [`snarkjs_rng`] reproduce its transcript hashing and randomness).
pub mod blake2b;
pub mod encoding;
pub mod keys;
pub mod phase2;
pub mod powersoftau;
pub mod prove;
pub mod rng;
pub mod setup;
pub mod setup_ptau;
pub mod snarkjs_rng;
pub mod verify;

pub use keys::{Coef, Proof, ProvingKey, VerifyingKey};
pub use prove::{prove, prove_circuit};
pub use setup::setup;
pub use verify::{verify, PreparedVerifyingKey};

#[cfg(test)]
mod tests;
