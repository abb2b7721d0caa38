//! Groth16 setup from an R1CS with fresh toxic waste, producing exactly the key snarkjs's
//! `zkey new` followed by one phase-2 contribution would (FORMATS.md §4.2).
//!
//! τ, α, β, δ are drawn from the OS CSPRNG and dropped when [`setup`] returns; γ = 1 (the
//! IC points carry no 1/γ and gamma2 is the G2 generator), as in every snarkjs key.
use ark_bn254::{Fr, G2Projective};
use ark_ec::{CurveGroup, PrimeGroup};
use ark_ff::{batch_inversion, Field, One, UniformRand, Zero};
use ark_std::rand::RngCore;
use rayon::prelude::*;

use super::keys::{Coef, ProvingKey};
use super::rng::OsRng;
use crate::bn254::ops::{g1_generator_mul_batch, g2_generator_mul_batch};
use crate::error::{invalid, Result};
use crate::fft::root_of_unity;
use crate::witness::Lc;

/// The largest domain: the H points need a 2n-th root of unity, and Fr's 2-adicity is 28.
const MAX_LOG_DOMAIN: u32 = 27;

/// The toxic waste of one setup. Only tests keep it (to check the key against it).
pub(crate) struct Toxic {
    pub tau: Fr,
    pub alpha: Fr,
    pub beta: Fr,
    pub delta: Fr,
}

impl Toxic {
    fn sample<R: RngCore>(rng: &mut R) -> Toxic {
        let nz = |rng: &mut R| loop {
            let x = Fr::rand(rng);
            if !x.is_zero() {
                return x;
            }
        };
        Toxic {
            tau: nz(rng),
            alpha: nz(rng),
            beta: nz(rng),
            delta: nz(rng),
        }
    }
}

/// log2 of the snarkjs domain: the smallest power of two strictly greater than m + n_public.
pub fn domain_log_size(m: usize, n_public: usize) -> Result<u32> {
    let need = m + n_public; // the domain holds need + 1 rows
                             // at least 2 (the FFT's smallest domain)
    let k = (usize::BITS - need.leading_zeros()).max(1);
    if k > MAX_LOG_DOMAIN {
        return Err(invalid(format!(
            "setup: {m} constraints + {n_public} public inputs need a domain of 2^{k}, \
             the largest supported is 2^{MAX_LOG_DOMAIN}"
        )));
    }
    Ok(k)
}

/// `L_j(τ)` for j < n on the domain of size n with generator `omega`:
/// `(τ^n − 1)/n · ω^j/(τ − ω^j)`, one batch inversion. τ must not be in the domain.
fn lagrange_at(tau: Fr, n: usize, omega: Fr) -> Vec<Fr> {
    let z_over_n = (tau.pow([n as u64]) - Fr::one()) * Fr::from(n as u64).inverse().unwrap();
    let mut pows = vec![Fr::one(); n];
    for j in 1..n {
        pows[j] = pows[j - 1] * omega;
    }
    let mut den: Vec<Fr> = pows.par_iter().map(|w| tau - w).collect();
    batch_inversion(&mut den);
    pows.par_iter()
        .zip(den.par_iter())
        .map(|(w, d)| z_over_n * w * d)
        .collect()
}

/// The coefficient list of `.zkey` section 4: each constraint's A terms then its B terms, in
/// constraint order; then `(A, m + s, s, 1)` for every public wire s (wire 0 included).
pub fn coefficients(constraints: &[(Lc, Lc, Lc)], n_public: usize) -> Vec<Coef> {
    let m = constraints.len();
    let nnz: usize = constraints
        .iter()
        .map(|(a, b, _)| a.0.len() + b.0.len())
        .sum();
    let mut out = Vec::with_capacity(nnz + n_public + 1);
    for (c, (a, b, _)) in constraints.iter().enumerate() {
        for (matrix, lc) in [(0u8, a), (1u8, b)] {
            for &(signal, value) in &lc.0 {
                out.push(Coef {
                    matrix,
                    constraint: c as u32,
                    signal,
                    value,
                });
            }
        }
    }
    for s in 0..=n_public {
        out.push(Coef {
            matrix: 0,
            constraint: (m + s) as u32,
            signal: s as u32,
            value: Fr::one(),
        });
    }
    out
}

/// Setup for an R1CS whose wires 1..=n_public are public, with fresh OS randomness.
pub fn setup(n_wires: usize, constraints: &[(Lc, Lc, Lc)], n_public: usize) -> Result<ProvingKey> {
    let toxic = Toxic::sample(&mut OsRng);
    setup_with(n_wires, constraints, n_public, &toxic)
}

pub(crate) fn setup_with(
    n_wires: usize,
    constraints: &[(Lc, Lc, Lc)],
    n_public: usize,
    t: &Toxic,
) -> Result<ProvingKey> {
    if n_public + 1 > n_wires {
        return Err(invalid(format!(
            "setup: {n_public} public inputs need more than {n_wires} wires"
        )));
    }
    if n_wires > u32::MAX as usize || constraints.len() > u32::MAX as usize / 2 {
        return Err(invalid("setup: circuit too large"));
    }
    for (i, (a, b, c)) in constraints.iter().enumerate() {
        for lc in [a, b, c] {
            if lc.0.iter().any(|&(w, _)| w as usize >= n_wires) {
                return Err(invalid(format!(
                    "setup: constraint {i} uses a wire >= {n_wires}"
                )));
            }
        }
    }
    let m = constraints.len();
    let k = domain_log_size(m, n_public)?;
    let n = 1usize << k;
    let omega = root_of_unity(k);
    if t.tau.pow([n as u64]).is_one() || t.tau.pow([2 * n as u64]).is_one() {
        // τ on the domain or its coset (probability ~2^-226): the Lagrange formula breaks.
        return Err(invalid("setup: degenerate τ, run setup again"));
    }
    let lag = lagrange_at(t.tau, n, omega);

    // u, v, w: the A, B, C column polynomials of every wire at τ.
    let mut u = vec![Fr::zero(); n_wires];
    let mut v = vec![Fr::zero(); n_wires];
    let mut w = vec![Fr::zero(); n_wires];
    for ((a, b, c), l) in constraints.iter().zip(&lag) {
        for (lc, acc) in [(a, &mut u), (b, &mut v), (c, &mut w)] {
            for &(wire, coef) in &lc.0 {
                acc[wire as usize] += coef * l;
            }
        }
    }
    for s in 0..=n_public {
        u[s] += lag[m + s];
    }

    let delta_inv = t.delta.inverse().expect("δ is non-zero");
    // β·u + α·v + w: the IC points (γ = 1) and, divided by δ, the C points.
    let mut l: Vec<Fr> = u
        .par_iter()
        .zip(v.par_iter())
        .zip(w.par_iter())
        .map(|((u, v), w)| t.beta * u + t.alpha * v + w)
        .collect();
    l[n_public + 1..]
        .par_iter_mut()
        .for_each(|x| *x *= delta_inv);

    // H_i = L^{(2n)}_{2i+1}(τ) / δ = (τ^{2n} − 1)/(2n) · x_i/(τ − x_i) / δ, x_i = ω_{2n}·ω^i.
    let omega2 = root_of_unity(k + 1);
    let z2 = (t.tau.pow([2 * n as u64]) - Fr::one())
        * Fr::from(2 * n as u64).inverse().unwrap()
        * delta_inv;
    let mut xs = vec![omega2; n];
    for i in 1..n {
        xs[i] = xs[i - 1] * omega;
    }
    let mut den: Vec<Fr> = xs.par_iter().map(|x| t.tau - x).collect();
    batch_inversion(&mut den);
    let h: Vec<Fr> = xs
        .par_iter()
        .zip(den.par_iter())
        .map(|(x, d)| z2 * x * d)
        .collect();

    // One fixed-base table for every G1 point: [u | v | l | h | α, β, δ].
    let nv = n_wires;
    let mut g1s = Vec::with_capacity(3 * nv + n + 3);
    g1s.extend_from_slice(&u);
    g1s.extend_from_slice(&v);
    g1s.extend_from_slice(&l);
    g1s.extend_from_slice(&h);
    g1s.extend_from_slice(&[t.alpha, t.beta, t.delta]);
    let mut g2s = v;
    g2s.extend_from_slice(&[t.beta, t.delta]);
    let (p1, p2) = rayon::join(
        || g1_generator_mul_batch(&g1s),
        || g2_generator_mul_batch(&g2s),
    );
    let a = p1[..nv].to_vec();
    let b1 = p1[nv..2 * nv].to_vec();
    let ic = p1[2 * nv..2 * nv + n_public + 1].to_vec();
    let c = p1[2 * nv + n_public + 1..3 * nv].to_vec();
    let hp = p1[3 * nv..3 * nv + n].to_vec();
    let tail = &p1[3 * nv + n..];
    Ok(ProvingKey {
        n_vars: nv,
        n_public,
        domain_size: n,
        alpha1: tail[0],
        beta1: tail[1],
        beta2: p2[nv],
        gamma2: G2Projective::generator().into_affine(),
        delta1: tail[2],
        delta2: p2[nv + 1],
        ic,
        coeffs: coefficients(constraints, n_public),
        a,
        b1,
        b2: p2[..nv].to_vec(),
        c,
        h: hp,
        mpc: None,
    })
}
