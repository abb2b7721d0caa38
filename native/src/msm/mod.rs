//! Multi-scalar multiplication: the prover's hottest kernel.
//!
//! Placeholder implementation on arkworks' `VariableBaseMSM`; replaced by our own
//! signed-digit, batch-affine Pippenger (see the issue).
use ark_bn254::{Fr, G1Affine, G1Projective, G2Affine, G2Projective};
use ark_ec::VariableBaseMSM;

/// sum_i scalars[i] * bases[i] over G1. `bases.len()` must equal `scalars.len()`.
pub fn msm_g1(bases: &[G1Affine], scalars: &[Fr]) -> G1Projective {
    assert_eq!(bases.len(), scalars.len(), "msm_g1: length mismatch");
    G1Projective::msm(bases, scalars).expect("lengths checked")
}

/// sum_i scalars[i] * bases[i] over G2. `bases.len()` must equal `scalars.len()`.
pub fn msm_g2(bases: &[G2Affine], scalars: &[Fr]) -> G2Projective {
    assert_eq!(bases.len(), scalars.len(), "msm_g2: length mismatch");
    G2Projective::msm(bases, scalars).expect("lengths checked")
}
