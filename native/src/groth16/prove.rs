//! The Groth16 prover, step for step snarkjs's `groth16_prove.js` (FORMATS.md §5), so it
//! proves with any snarkjs `.zkey` and snarkjs verifies what it proves.
use ark_bn254::{Fr, G1Projective};
use ark_ec::CurveGroup;
use ark_ff::{One, UniformRand, Zero};
use ark_std::rand::RngCore;
use rayon::prelude::*;

use super::keys::{Coef, Proof, ProvingKey};
use super::rng::OsRng;
use crate::error::{invalid, Error, Result};
use crate::fft::Domain;
use crate::msm::{msm_g1, msm_g2};
use crate::witness::Circuit;

/// Checks the shape of a key (sizes agree, coefficients in range) before proving with it:
/// keys also come from files.
pub fn check_key(pk: &ProvingKey) -> Result<()> {
    let n = pk.domain_size;
    if !n.is_power_of_two() || !(2..=1 << 28).contains(&n) {
        return Err(invalid(format!("proving key: bad domain size {n}")));
    }
    let nv = pk.n_vars;
    if pk.n_public + 1 > nv
        || pk.ic.len() != pk.n_public + 1
        || pk.a.len() != nv
        || pk.b1.len() != nv
        || pk.b2.len() != nv
        || pk.c.len() != nv - pk.n_public - 1
        || pk.h.len() != n
    {
        return Err(invalid("proving key: section sizes disagree"));
    }
    if let Some(c) = pk
        .coeffs
        .iter()
        .find(|c| c.matrix > 1 || c.constraint as usize >= n || c.signal as usize >= nv)
    {
        return Err(invalid(format!(
            "proving key: coefficient {c:?} out of range"
        )));
    }
    Ok(())
}

/// `out[row] += value · w[signal]` over the coefficients of one matrix.
fn matrix_times_witness(coeffs: &[Coef], matrix: u8, w: &[Fr], n: usize) -> Vec<Fr> {
    let mut out = vec![Fr::zero(); n];
    for c in coeffs.iter().filter(|c| c.matrix == matrix) {
        let x = w[c.signal as usize];
        // most coefficients are 1 (a wire): an add instead of a product
        if c.value.is_one() {
            out[c.constraint as usize] += x;
        } else {
            out[c.constraint as usize] += c.value * x;
        }
    }
    out
}

/// The quotient scalars: A·w, B·w on the domain, C = A∘B, then P = A·B − C on the odd coset.
#[doc(hidden)]
pub fn h_scalars(pk: &ProvingKey, w: &[Fr]) -> Result<Vec<Fr>> {
    let n = pk.domain_size;
    let (mut a, mut b) = rayon::join(
        || matrix_times_witness(&pk.coeffs, 0, w, n),
        || matrix_times_witness(&pk.coeffs, 1, w, n),
    );
    let mut c: Vec<Fr> = a
        .par_iter()
        .zip(b.par_iter())
        .map(|(x, y)| *x * y)
        .collect();
    let domain = Domain::new(n.trailing_zeros())?;
    domain.odd_coset_h(&mut a, &mut b, &mut c)?;
    Ok(a)
}

/// Proves with a full witness (`pk.n_vars` values, wire 0 = 1). The witness is not checked
/// against the constraints here (the key has no C matrix): a wrong witness gives a proof
/// that does not verify. Callers that hold the circuit check it first ([`prove_circuit`]).
pub fn prove(pk: &ProvingKey, w: &[Fr]) -> Result<Proof> {
    prove_with_rng(pk, w, &mut OsRng)
}

pub fn prove_with_rng<R: RngCore>(pk: &ProvingKey, w: &[Fr], rng: &mut R) -> Result<Proof> {
    check_key(pk)?;
    if w.len() != pk.n_vars {
        return Err(invalid(format!(
            "prove: the key has {} wires, the witness {}",
            pk.n_vars,
            w.len()
        )));
    }
    if !w[0].is_one() {
        return Err(invalid("prove: wire 0 must be 1"));
    }
    let np = pk.n_public;
    // The quotient (FFTs, then the H MSM) alongside the four witness MSMs.
    let (h, (pa, (pb1, (pb2, pc)))) = rayon::join(
        || h_scalars(pk, w).map(|p| msm_g1(&pk.h, &p)),
        || {
            rayon::join(
                || msm_g1(&pk.a, w),
                || {
                    rayon::join(
                        || msm_g1(&pk.b1, w),
                        || rayon::join(|| msm_g2(&pk.b2, w), || msm_g1(&pk.c, &w[np + 1..])),
                    )
                },
            )
        },
    );
    let h = h?;
    let r = Fr::rand(rng);
    let s = Fr::rand(rng);
    let a = pa + pk.alpha1 + pk.delta1 * r;
    let b = pb2 + pk.beta2 + pk.delta2 * s;
    let b1 = pb1 + pk.beta1 + pk.delta1 * s;
    let c: G1Projective = pc + h + a * s + b1 * r - pk.delta1 * (r * s);
    let [a, c] = [a, c].map(|p| p.into_affine());
    Ok(Proof {
        a,
        b: b.into_affine(),
        c,
    })
}

/// Runs the circuit's witness program on `inputs` (wires 1..=n_inputs) and proves; fails
/// with `UnsatisfiedConstraint` (no proof) if the inputs violate a constraint. Returns the
/// proof and the public inputs (wires 1..=n_public).
pub fn prove_circuit(
    pk: &ProvingKey,
    circuit: &Circuit,
    inputs: &[Fr],
) -> Result<(Proof, Vec<Fr>)> {
    if circuit.r1cs.n_wires != pk.n_vars {
        return Err(invalid(format!(
            "prove: the circuit has {} wires, the key {}",
            circuit.r1cs.n_wires, pk.n_vars
        )));
    }
    let (w, bad) = circuit.witness(inputs)?;
    if let Some(i) = bad {
        return Err(Error::UnsatisfiedConstraint(format!(
            "constraint {i} is not satisfied"
        )));
    }
    let proof = prove(pk, &w)?;
    Ok((proof, w[1..=pk.n_public].to_vec()))
}
