//! Groth16 over BN254, in snarkjs's model so `.zkey` files map onto these types one to one.
//!
//! The proving key holds what a snarkjs `.zkey` holds (FORMATS.md §4): the A/B matrix
//! coefficients (the prover rebuilds A·w, B·w from them and takes C = A·B pointwise), the
//! per-wire points, and the H points as the Lagrange basis of the odd coset of the size-2n
//! domain divided by δ (the prover evaluates A·B − C there and never divides by Z).
pub mod blake2b;
pub mod keys;
pub mod phase2;
pub mod powersoftau;
pub mod setup_ptau;
pub mod snarkjs_rng;

pub use keys::{Coef, Proof, ProvingKey, VerifyingKey};
