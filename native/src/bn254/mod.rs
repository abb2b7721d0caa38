//! BN254 (alt_bn128, snarkjs' "bn128"): encodings with full validation, batch operations
//! and pairings on top of arkworks' `ark-bn254`.
//!
//! - [`encoding`]: canonical big-endian byte forms of Fr, G1, G2 (uncompressed and
//!   compressed) and GT; every decoder checks canonical coordinates, flags, the curve
//!   equation and subgroup membership.
//! - [`ops`]: scalar/point array decoding, fixed-base batch multiplication, pairings.
//!
//! GT values are arkworks' pairing outputs. Its final exponentiation (Fuentes-Castañeda,
//! Knapp, Rodríguez-Henríquez) raises to `m * (q^12 - 1) / r` with
//! `m = 2x(6x^2 + 3x + 1)` (x the BN parameter) rather than to `(q^12 - 1) / r`, so
//! `e_ark(P, Q) = e_std(P, Q)^m`; `m` is coprime to r, so the map is bilinear and
//! non-degenerate all the same and pairing checks (`prod == 1`) agree with every other
//! implementation. snarkjs/ffjavascript use the same final exponentiation: their GT values
//! (e.g. `vk_alphabeta_12`) equal ours coefficient for coefficient, in the same order. Only
//! implementations with the plain exponent (py_ecc) give other raw GT values.
pub mod encoding;
pub mod ops;

pub use ark_bn254::{Fq, Fq12, Fq2, Fr, G1Affine, G1Projective, G2Affine, G2Projective};
