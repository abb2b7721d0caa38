//! Groth16 verification: one proof (three Miller loops against a prepared key and one final
//! exponentiation) and batches of proofs of one key (a random linear combination: one
//! Miller loop per proof plus three, one final exponentiation).
//!
//! The equation is snarkjs's: e(A, B) = e(α, β) · e(vk_x, γ) · e(C, δ) with
//! vk_x = IC₀ + Σ pubⱼ·ICⱼ. Points reach here decoded, so on the curve and in the subgroup;
//! public inputs are `Fr`, so already < r.
use ark_bn254::{Bn254, Fq12, Fr, G1Affine, G1Projective, G2Affine};
use ark_ec::bn::G2Prepared;
use ark_ec::pairing::Pairing;
use ark_ec::{CurveGroup, VariableBaseMSM};
use ark_ff::One;
use ark_std::rand::RngCore;
use rayon::prelude::*;

use super::keys::{Proof, VerifyingKey};
use super::rng::OsRng;
use crate::bn254::ops::pairing;
use crate::error::{invalid, Result};

type G2Prep = G2Prepared<ark_bn254::Config>;

/// A verifying key with what every verification reuses: e(α, β) and the prepared (line
/// coefficients) −β, −γ, −δ.
#[derive(Debug, Clone)]
pub struct PreparedVerifyingKey {
    pub vk: VerifyingKey,
    pub alpha_beta: Fq12,
    neg_beta: G2Prep,
    neg_gamma: G2Prep,
    neg_delta: G2Prep,
}

impl PreparedVerifyingKey {
    pub fn new(vk: VerifyingKey) -> Result<Self> {
        if vk.ic.is_empty() {
            return Err(invalid("verifying key: IC is empty"));
        }
        let prep = |q: G2Affine| G2Prep::from(-q);
        Ok(PreparedVerifyingKey {
            alpha_beta: pairing(&vk.alpha1, &vk.beta2),
            neg_beta: prep(vk.beta2),
            neg_gamma: prep(vk.gamma2),
            neg_delta: prep(vk.delta2),
            vk,
        })
    }

    pub fn n_public(&self) -> usize {
        self.vk.ic.len() - 1
    }

    fn check_len(&self, public: &[Fr]) -> Result<()> {
        if public.len() != self.n_public() {
            return Err(invalid(format!(
                "verify: the key takes {} public inputs, got {}",
                self.n_public(),
                public.len()
            )));
        }
        Ok(())
    }

    /// IC₀ + Σ pubⱼ·ICⱼ.
    fn vk_x(&self, public: &[Fr]) -> G1Projective {
        let ic = &self.vk.ic;
        ic[0] + G1Projective::msm_unchecked(&ic[1..], public)
    }

    /// Whether `proof` is valid for `public` (wrong count of public inputs: an error).
    pub fn verify(&self, public: &[Fr], proof: &Proof) -> Result<bool> {
        self.check_len(public)?;
        let vk_x = self.vk_x(public).into_affine();
        let ml = Bn254::multi_miller_loop(
            [proof.a, vk_x, proof.c],
            [
                G2Prep::from(proof.b),
                self.neg_gamma.clone(),
                self.neg_delta.clone(),
            ],
        );
        Ok(Bn254::final_exponentiation(ml).is_some_and(|e| e.0 == self.alpha_beta))
    }

    /// Verifies many proofs at once; returns the indices of the invalid ones (empty: all
    /// valid). One combined check with random 128-bit weights rᵢ:
    /// Π e(rᵢ·Aᵢ, Bᵢ) · e(−Σrᵢ·α, β) · e(−Σrᵢ·vk_xᵢ, γ) · e(−Σrᵢ·Cᵢ, δ) = 1.
    /// A batch with an invalid proof passes with probability about 2^-128; when the check
    /// fails, every proof is verified on its own to name the bad ones.
    pub fn batch_verify(&self, items: &[(Vec<Fr>, Proof)]) -> Result<Vec<usize>> {
        self.batch_verify_with_rng(items, &mut OsRng)
    }

    pub fn batch_verify_with_rng<R: RngCore>(
        &self,
        items: &[(Vec<Fr>, Proof)],
        rng: &mut R,
    ) -> Result<Vec<usize>> {
        for (p, _) in items {
            self.check_len(p)?;
        }
        if items.is_empty() {
            return Ok(Vec::new());
        }
        if items.len() == 1 {
            let ok = self.verify(&items[0].0, &items[0].1)?;
            return Ok(if ok { Vec::new() } else { vec![0] });
        }
        let rs: Vec<Fr> = (0..items.len())
            .map(|_| {
                let lo = rng.next_u64() as u128;
                let hi = rng.next_u64() as u128;
                Fr::from(lo | (hi << 64))
            })
            .collect();
        if self.combined_check(items, &rs) {
            return Ok(Vec::new());
        }
        let bad: Vec<Option<usize>> = items
            .par_iter()
            .enumerate()
            .map(|(i, (p, proof))| match self.verify(p, proof) {
                Ok(true) => None,
                _ => Some(i),
            })
            .collect();
        Ok(bad.into_iter().flatten().collect())
    }

    fn combined_check(&self, items: &[(Vec<Fr>, Proof)], rs: &[Fr]) -> bool {
        let np = self.n_public();
        // t₀ = Σrᵢ, tⱼ = Σrᵢ·pubᵢⱼ: Σrᵢ·vk_xᵢ = Σⱼ tⱼ·ICⱼ.
        let t: Vec<Fr> = (0..=np)
            .into_par_iter()
            .map(|j| {
                if j == 0 {
                    rs.iter().sum()
                } else {
                    items.iter().zip(rs).map(|((p, _), r)| p[j - 1] * r).sum()
                }
            })
            .collect();
        let cs: Vec<G1Affine> = items.iter().map(|(_, p)| p.c).collect();
        let (sum_vk_x, sum_c) = rayon::join(
            || G1Projective::msm_unchecked(&self.vk.ic, &t),
            || G1Projective::msm_unchecked(&cs, rs),
        );
        let (ra, bs): (Vec<G1Projective>, Vec<G2Prep>) = items
            .par_iter()
            .zip(rs.par_iter())
            .map(|((_, p), r)| (p.a * r, G2Prep::from(p.b)))
            .unzip();
        let mut g1 = G1Projective::normalize_batch(&ra);
        let mut g2 = bs;
        // e(t₀α, −β)·e(Σrᵢvk_xᵢ, −γ)·e(ΣrᵢCᵢ, −δ), with the prepared negated G2 points.
        g1.extend(G1Projective::normalize_batch(&[
            self.vk.alpha1 * t[0],
            sum_vk_x,
            sum_c,
        ]));
        g2.extend([
            self.neg_beta.clone(),
            self.neg_gamma.clone(),
            self.neg_delta.clone(),
        ]);
        let ml = Bn254::multi_miller_loop(g1, g2);
        Bn254::final_exponentiation(ml).is_some_and(|e| e.0.is_one())
    }
}

/// Verifies one proof (prepares the key; prefer [`PreparedVerifyingKey`] for many).
pub fn verify(vk: &VerifyingKey, public: &[Fr], proof: &Proof) -> Result<bool> {
    PreparedVerifyingKey::new(vk.clone())?.verify(public, proof)
}
