//! Phase 1 (powers of tau) natively, file-compatible with snarkjs (FORMATS.md §6):
//! `new`, `contribute`, `beacon`, `prepare phase2` and `verify`.
//!
//! A [`Ptau`] holds every point in memory (a power-20 file is ~1.2 GB with its Lagrange
//! sections; the ceremony sizes this is meant for fit comfortably). Hashes, keys and the
//! contribution record follow snarkjs exactly, so `snarkjs powersoftau verify` accepts our
//! files and our `verify` accepts snarkjs's; a beacon contribution is bit-identical.
use ark_bn254::{Fr, G1Affine, G1Projective, G2Affine, G2Projective};
use ark_ec::{AffineRepr, CurveGroup};
use ark_ff::{Field, One, Zero};
use rayon::prelude::*;

use super::blake2b::Blake2b;
use super::phase2::{fail, same_ratio, Source};
use super::snarkjs_rng::{beacon_rng, hash_to_g2, random_rng, ChaCha};
use crate::bn254::encoding::{
    g1_to_compressed, g1_to_uncompressed, g2_to_compressed, g2_to_uncompressed,
};
use crate::error::{invalid, Result};
use crate::fft::root_of_unity;
use crate::formats::binfile::BinWriter;
use crate::formats::lem::{g1_array_to_lem, g1_write_lem, g2_array_to_lem, g2_write_lem};
use crate::formats::ptau::{section_len, PtauContribution, PtauFile};
use crate::formats::ptau::{
    ALPHA_TAU_G1, BETA_G2, BETA_TAU_G1, LAGRANGE_ALPHA_TAU_G1, LAGRANGE_BETA_TAU_G1,
    LAGRANGE_TAU_G1, LAGRANGE_TAU_G2, TAU_G1, TAU_G2,
};
use crate::formats::zkey::{contribution_name, write_params};
use crate::msm::{msm_g1, msm_g2};

/// Largest power we create: 2^28 is Fr's two-adicity and needs snarkjs's split method.
const MAX_POWER: u32 = 27;

/// The Lagrange sections 12–15 (blocks of sizes 2^0, 2^1, … back to back).
#[derive(Debug, Clone, PartialEq)]
pub struct Lagrange {
    pub tau_g1: Vec<G1Affine>,
    pub tau_g2: Vec<G2Affine>,
    pub alpha_tau_g1: Vec<G1Affine>,
    pub beta_tau_g1: Vec<G1Affine>,
}

/// A whole `.ptau` in memory.
#[derive(Debug, Clone, PartialEq)]
pub struct Ptau {
    pub power: u32,
    pub ceremony_power: u32,
    pub tau_g1: Vec<G1Affine>,
    pub tau_g2: Vec<G2Affine>,
    pub alpha_tau_g1: Vec<G1Affine>,
    pub beta_tau_g1: Vec<G1Affine>,
    pub beta_g2: G2Affine,
    pub contributions: Vec<PtauContribution>,
    pub lagrange: Option<Lagrange>,
}

fn check_power(power: u32) -> Result<()> {
    if !(1..=MAX_POWER).contains(&power) {
        return Err(invalid(format!(
            "powersoftau: power must be in 1..={MAX_POWER}"
        )));
    }
    Ok(())
}

impl Ptau {
    /// `powersoftau new`: every point the generator, no contributions.
    pub fn new(power: u32) -> Result<Self> {
        check_power(power)?;
        let n = 1usize << power;
        let (g1, g2) = (G1Affine::generator(), G2Affine::generator());
        Ok(Ptau {
            power,
            ceremony_power: power,
            tau_g1: vec![g1; 2 * n - 1],
            tau_g2: vec![g2; n],
            alpha_tau_g1: vec![g1; n],
            beta_tau_g1: vec![g1; n],
            beta_g2: g2,
            contributions: vec![],
            lagrange: None,
        })
    }

    /// Decodes (and validates) every point of a parsed file.
    pub fn from_file(f: &PtauFile<'_>) -> Result<Self> {
        let p = f.power;
        let lagrange = if f.has_lagrange {
            Some(Lagrange {
                tau_g1: f.g1(LAGRANGE_TAU_G1, 0, section_len(LAGRANGE_TAU_G1, p))?,
                tau_g2: f.g2(LAGRANGE_TAU_G2, 0, section_len(LAGRANGE_TAU_G2, p))?,
                alpha_tau_g1: f.g1(LAGRANGE_ALPHA_TAU_G1, 0, section_len(14, p))?,
                beta_tau_g1: f.g1(LAGRANGE_BETA_TAU_G1, 0, section_len(15, p))?,
            })
        } else {
            None
        };
        Ok(Ptau {
            power: p,
            ceremony_power: f.ceremony_power,
            tau_g1: f.g1(TAU_G1, 0, section_len(TAU_G1, p))?,
            tau_g2: f.g2(TAU_G2, 0, section_len(TAU_G2, p))?,
            alpha_tau_g1: f.g1(ALPHA_TAU_G1, 0, section_len(ALPHA_TAU_G1, p))?,
            beta_tau_g1: f.g1(BETA_TAU_G1, 0, section_len(BETA_TAU_G1, p))?,
            beta_g2: f.g2_at(BETA_G2, 0)?,
            contributions: f.contributions.clone(),
            lagrange,
        })
    }

    /// The file bytes, laid out as snarkjs writes them (sections 1–7, then 12–15).
    pub fn to_bytes(&self) -> Vec<u8> {
        let n_sections = if self.lagrange.is_some() { 11 } else { 7 };
        let mut w = BinWriter::new(b"ptau", 1, n_sections);
        w.start_section(1);
        w.u32(32);
        let mut q = [0u8; 32];
        for (i, l) in <ark_bn254::Fq as ark_ff::PrimeField>::MODULUS
            .0
            .iter()
            .enumerate()
        {
            q[8 * i..8 * i + 8].copy_from_slice(&l.to_le_bytes());
        }
        w.bytes(&q);
        w.u32(self.power);
        w.u32(self.ceremony_power);
        w.end_section();
        let g1s = |w: &mut BinWriter, id: u32, pts: &[G1Affine]| {
            w.start_section(id);
            g1_array_to_lem(pts, w.buffer());
            w.end_section();
        };
        let g2s = |w: &mut BinWriter, id: u32, pts: &[G2Affine]| {
            w.start_section(id);
            g2_array_to_lem(pts, w.buffer());
            w.end_section();
        };
        g1s(&mut w, TAU_G1, &self.tau_g1);
        g2s(&mut w, TAU_G2, &self.tau_g2);
        g1s(&mut w, ALPHA_TAU_G1, &self.alpha_tau_g1);
        g1s(&mut w, BETA_TAU_G1, &self.beta_tau_g1);
        g2s(&mut w, BETA_G2, &[self.beta_g2]);
        w.start_section(7);
        w.u32(self.contributions.len() as u32);
        for c in &self.contributions {
            write_contribution(w.buffer(), c);
        }
        w.end_section();
        if let Some(l) = &self.lagrange {
            g1s(&mut w, LAGRANGE_TAU_G1, &l.tau_g1);
            g2s(&mut w, LAGRANGE_TAU_G2, &l.tau_g2);
            g1s(&mut w, LAGRANGE_ALPHA_TAU_G1, &l.alpha_tau_g1);
            g1s(&mut w, LAGRANGE_BETA_TAU_G1, &l.beta_tau_g1);
        }
        w.finish()
    }
}

fn write_contribution(out: &mut Vec<u8>, c: &PtauContribution) {
    let mut g1 = [0u8; 64];
    let mut g2 = [0u8; 128];
    let mut p1 = |out: &mut Vec<u8>, p: &G1Affine| {
        g1_write_lem(p, &mut g1);
        out.extend_from_slice(&g1);
    };
    let mut p2 = |out: &mut Vec<u8>, p: &G2Affine| {
        g2_write_lem(p, &mut g2);
        out.extend_from_slice(&g2);
    };
    p1(out, &c.tau_g1);
    p2(out, &c.tau_g2);
    p1(out, &c.alpha_g1);
    p1(out, &c.beta_g1);
    p2(out, &c.beta_g2);
    for (s, sx) in &c.key_g1 {
        p1(out, s);
        p1(out, sx);
    }
    for spx in &c.key_g2 {
        p2(out, spx);
    }
    out.extend_from_slice(&c.partial_hash);
    out.extend_from_slice(&c.next_challenge);
    out.extend_from_slice(&c.kind.to_le_bytes());
    write_params(
        out,
        c.name.as_deref(),
        c.kind,
        c.num_iterations_exp,
        c.beacon_hash.as_deref(),
    );
}

fn digest(h: Blake2b) -> [u8; 64] {
    h.finalize()
}

/// The challenge before the first contribution: BLAKE2b(BLAKE2b("") ‖ the U-encoded
/// generator points of a fresh file of this ceremony power).
pub fn first_challenge(ceremony_power: u32) -> [u8; 64] {
    let mut h = Blake2b::new();
    h.update(&Blake2b::new().finalize());
    let n = 1usize << ceremony_power;
    let g1 = g1_to_uncompressed(&G1Affine::generator());
    let g2 = g2_to_uncompressed(&G2Affine::generator());
    let block = |h: &mut Blake2b, p: &[u8], count: usize| {
        let chunk: Vec<u8> = p.repeat(count.min(4096));
        let mut left = count;
        while left > 0 {
            let k = left.min(4096);
            h.update(&chunk[..k * p.len()]);
            left -= k;
        }
    };
    block(&mut h, &g1, 2 * n - 1);
    block(&mut h, &g2, n);
    block(&mut h, &g1, n);
    block(&mut h, &g1, n);
    h.update(&g2);
    digest(h)
}

/// One secret and its proof of knowledge (snarkjs `calculatePubKey`).
#[derive(Clone, Copy)]
struct KeyPart {
    x: Fr,
    g1_s: G1Affine,
    g1_sx: G1Affine,
    g2_spx: G2Affine,
}

fn g2_sp(pers: u8, challenge: &[u8; 64], g1_s: &G1Affine, g1_sx: &G1Affine) -> G2Affine {
    let mut h = Blake2b::new();
    h.update(&[pers]);
    h.update(challenge);
    h.update(&g1_to_uncompressed(g1_s));
    h.update(&g1_to_uncompressed(g1_sx));
    hash_to_g2(&digest(h))
}

/// snarkjs `createPTauKey`: tau, alpha, beta (in that order from the rng), then each
/// public key in turn.
fn create_key(challenge: &[u8; 64], rng: &mut ChaCha) -> [KeyPart; 3] {
    let xs = [rng.fr(), rng.fr(), rng.fr()];
    let mut out = [KeyPart {
        x: Fr::zero(),
        g1_s: G1Affine::identity(),
        g1_sx: G1Affine::identity(),
        g2_spx: G2Affine::identity(),
    }; 3];
    for (i, k) in out.iter_mut().enumerate() {
        let g1_s = rng.g1();
        let g1_sx = (g1_s * xs[i]).into_affine();
        let sp = g2_sp(i as u8, challenge, &g1_s, &g1_sx);
        *k = KeyPart {
            x: xs[i],
            g1_s,
            g1_sx,
            g2_spx: (sp * xs[i]).into_affine(),
        };
    }
    out
}

/// first·inc^i for i < n, in parallel chunks.
fn powers(first: Fr, inc: Fr, n: usize) -> Vec<Fr> {
    let mut v = vec![Fr::zero(); n];
    const CHUNK: usize = 1 << 12;
    v.par_chunks_mut(CHUNK).enumerate().for_each(|(c, chunk)| {
        let mut t = first * inc.pow([(c * CHUNK) as u64]);
        for x in chunk {
            *x = t;
            t *= inc;
        }
    });
    v
}

fn apply_g1(pts: &[G1Affine], first: Fr, inc: Fr) -> Vec<G1Affine> {
    let k = powers(first, inc, pts.len());
    let proj: Vec<G1Projective> = pts
        .par_iter()
        .zip(k.par_iter())
        .map(|(p, k)| *p * k)
        .collect();
    G1Projective::normalize_batch(&proj)
}

fn apply_g2(pts: &[G2Affine], first: Fr, inc: Fr) -> Vec<G2Affine> {
    let k = powers(first, inc, pts.len());
    let proj: Vec<G2Projective> = pts
        .par_iter()
        .zip(k.par_iter())
        .map(|(p, k)| *p * k)
        .collect();
    G2Projective::normalize_batch(&proj)
}

// snarkjs feeds the response hasher one chunk of 2^20 bytes of LEM points at a time
// (16384 G1 / 8192 G2 points); we do the same so exported states match byte for byte.
fn hash_c1(h: &mut Blake2b, pts: &[G1Affine]) {
    let mut buf = vec![0u8; pts.len() * 32];
    buf.par_chunks_mut(32)
        .zip(pts.par_iter())
        .for_each(|(o, p)| o.copy_from_slice(&g1_to_compressed(p)));
    for chunk in buf.chunks(16384 * 32) {
        h.update(chunk);
    }
}

fn hash_c2(h: &mut Blake2b, pts: &[G2Affine]) {
    let mut buf = vec![0u8; pts.len() * 64];
    buf.par_chunks_mut(64)
        .zip(pts.par_iter())
        .for_each(|(o, p)| o.copy_from_slice(&g2_to_compressed(p)));
    for chunk in buf.chunks(8192 * 64) {
        h.update(chunk);
    }
}

fn hash_u1(h: &mut Blake2b, pts: &[G1Affine]) {
    let mut buf = vec![0u8; pts.len() * 64];
    buf.par_chunks_mut(64)
        .zip(pts.par_iter())
        .for_each(|(o, p)| o.copy_from_slice(&g1_to_uncompressed(p)));
    h.update(&buf);
}

fn hash_u2(h: &mut Blake2b, pts: &[G2Affine]) {
    let mut buf = vec![0u8; pts.len() * 128];
    buf.par_chunks_mut(128)
        .zip(pts.par_iter())
        .for_each(|(o, p)| o.copy_from_slice(&g2_to_uncompressed(p)));
    h.update(&buf);
}

/// The public key in U format, in record order (what the response hash absorbs).
fn hash_pubkey(h: &mut Blake2b, key_g1: &[(G1Affine, G1Affine); 3], key_g2: &[G2Affine; 3]) {
    for (s, sx) in key_g1 {
        h.update(&g1_to_uncompressed(s));
        h.update(&g1_to_uncompressed(sx));
    }
    for p in key_g2 {
        h.update(&g2_to_uncompressed(p));
    }
}

fn hash_sections_u(h: &mut Blake2b, p: &Ptau) {
    hash_u1(h, &p.tau_g1);
    hash_u2(h, &p.tau_g2);
    hash_u1(h, &p.alpha_tau_g1);
    hash_u1(h, &p.beta_tau_g1);
    hash_u2(h, &[p.beta_g2]);
}

/// The challenge the next contribution answers.
fn current_challenge(p: &Ptau) -> [u8; 64] {
    p.contributions
        .last()
        .map(|c| c.next_challenge)
        .unwrap_or_else(|| first_challenge(p.ceremony_power))
}

/// `powersoftau contribute` (Source::Random) or `beacon` (Source::Beacon). Returns the new
/// file (7 sections: run `prepare_phase2` again) and the response hash.
pub fn contribute(p: &Ptau, name: &str, source: Source<'_>) -> Result<(Ptau, [u8; 64])> {
    if p.power != p.ceremony_power {
        return Err(invalid(
            "powersoftau: this file was truncated; contribute to the full ceremony file",
        ));
    }
    let (mut rng, kind, exp, beacon_hash) = match source {
        Source::Random { random, entropy } => (random_rng(&random, entropy), 0, None, None),
        Source::Beacon {
            hash,
            num_iterations_exp,
        } => (
            beacon_rng(hash, num_iterations_exp)?,
            1,
            Some(num_iterations_exp),
            Some(hash.to_vec()),
        ),
    };
    let challenge = current_challenge(p);
    let key = create_key(&challenge, &mut rng);
    let [tau, alpha, beta] = key;
    let mut out = Ptau {
        power: p.power,
        ceremony_power: p.ceremony_power,
        tau_g1: apply_g1(&p.tau_g1, Fr::one(), tau.x),
        tau_g2: apply_g2(&p.tau_g2, Fr::one(), tau.x),
        alpha_tau_g1: apply_g1(&p.alpha_tau_g1, alpha.x, tau.x),
        beta_tau_g1: apply_g1(&p.beta_tau_g1, beta.x, tau.x),
        beta_g2: (p.beta_g2 * beta.x).into_affine(),
        contributions: p.contributions.clone(),
        lagrange: None,
    };
    let mut response = Blake2b::new();
    response.update(&challenge);
    hash_c1(&mut response, &out.tau_g1);
    hash_c2(&mut response, &out.tau_g2);
    hash_c1(&mut response, &out.alpha_tau_g1);
    hash_c1(&mut response, &out.beta_tau_g1);
    hash_c2(&mut response, &[out.beta_g2]);
    let partial_hash = response.export().to_vec();
    let key_g1 = [
        (tau.g1_s, tau.g1_sx),
        (alpha.g1_s, alpha.g1_sx),
        (beta.g1_s, beta.g1_sx),
    ];
    let key_g2 = [tau.g2_spx, alpha.g2_spx, beta.g2_spx];
    hash_pubkey(&mut response, &key_g1, &key_g2);
    let response_hash = digest(response);
    let mut next = Blake2b::new();
    next.update(&response_hash);
    hash_sections_u(&mut next, &out);
    let name = contribution_name(name);
    out.contributions.push(PtauContribution {
        tau_g1: out.tau_g1[1],
        tau_g2: out.tau_g2[1],
        alpha_g1: out.alpha_tau_g1[0],
        beta_g1: out.beta_tau_g1[0],
        beta_g2: out.beta_g2,
        key_g1,
        key_g2,
        partial_hash,
        next_challenge: digest(next),
        kind,
        name: (!name.is_empty()).then_some(name),
        num_iterations_exp: exp,
        beacon_hash,
    });
    Ok((out, response_hash))
}

/// In-place radix-2 inverse FFT over a group (natural order in and out): entry i becomes
/// (1/N)·Σ_j ω^(−ij)·v_j, i.e. monomial points [τ^j] → Lagrange points [L_i(τ)].
fn group_ifft<G>(v: &mut [G], log_n: u32)
where
    G: CurveGroup<ScalarField = Fr> + Send + Sync,
{
    let n = v.len();
    debug_assert_eq!(n, 1 << log_n);
    if n == 1 {
        return;
    }
    for i in 0..n {
        let j = i.reverse_bits() >> (usize::BITS - log_n);
        if i < j {
            v.swap(i, j);
        }
    }
    let mut half = 1;
    let mut level = 1;
    while half < n {
        let w = root_of_unity(level).inverse().expect("non-zero");
        let tw = powers(Fr::one(), w, half);
        v.par_chunks_mut(2 * half).for_each(|chunk| {
            let (lo, hi) = chunk.split_at_mut(half);
            lo.par_iter_mut()
                .zip(hi.par_iter_mut())
                .zip(tw.par_iter())
                .with_min_len(64)
                .for_each(|((a, b), w)| {
                    let t = if w.is_one() { *b } else { *b * w };
                    *b = *a - t;
                    *a += t;
                });
        });
        half *= 2;
        level += 1;
    }
    let n_inv = Fr::from(n as u64).inverse().expect("n < r");
    v.par_iter_mut().for_each(|x| *x *= n_inv);
}

fn lagrange_g1(monomials: &[G1Affine], max_log: u32, top_missing: bool) -> Vec<G1Affine> {
    let mut out = Vec::with_capacity((2usize << max_log) - 1);
    for k in 0..=max_log {
        let n = 1usize << k;
        let mut v: Vec<G1Projective> = (0..n)
            .map(|i| {
                if top_missing && k == max_log && i == n - 1 {
                    G1Projective::zero()
                } else {
                    monomials[i].into_group()
                }
            })
            .collect();
        group_ifft(&mut v, k);
        out.extend(G1Projective::normalize_batch(&v));
    }
    out
}

fn lagrange_g2(monomials: &[G2Affine], max_log: u32) -> Vec<G2Affine> {
    let mut out = Vec::with_capacity((2usize << max_log) - 1);
    for k in 0..=max_log {
        let n = 1usize << k;
        let mut v: Vec<G2Projective> = monomials[..n].iter().map(|p| p.into_group()).collect();
        group_ifft(&mut v, k);
        out.extend(G2Projective::normalize_batch(&v));
    }
    out
}

/// `powersoftau prepare phase2`: adds the Lagrange sections 12–15.
pub fn prepare_phase2(p: &Ptau) -> Result<Ptau> {
    check_power(p.power)?;
    let mut out = p.clone();
    out.lagrange = Some(Lagrange {
        // The size-2^(p+1) block lacks its last monomial, taken as infinity (as snarkjs).
        tau_g1: lagrange_g1(&p.tau_g1, p.power + 1, true),
        tau_g2: lagrange_g2(&p.tau_g2, p.power),
        alpha_tau_g1: lagrange_g1(&p.alpha_tau_g1, p.power, false),
        beta_tau_g1: lagrange_g1(&p.beta_tau_g1, p.power, false),
    });
    Ok(out)
}

/// What `verify` reports per contribution.
#[derive(Debug, Clone)]
pub struct VerifiedPtauContribution {
    pub name: Option<Vec<u8>>,
    pub kind: u32,
    /// The response hash snarkjs prints for it (known for the last one only; zero before).
    pub response_hash: Option<[u8; 64]>,
}

/// The running "previous contribution" of the key checks.
struct Prev {
    tau_g1: G1Affine,
    tau_g2: G2Affine,
    alpha_g1: G1Affine,
    beta_g1: G1Affine,
    beta_g2: G2Affine,
    next_challenge: [u8; 64],
}

fn check_contribution(i: usize, c: &PtauContribution, prev: &Prev) -> Result<()> {
    let sp: Vec<G2Affine> = (0..3)
        .map(|k| {
            g2_sp(
                k as u8,
                &prev.next_challenge,
                &c.key_g1[k].0,
                &c.key_g1[k].1,
            )
        })
        .collect();
    if c.kind == 1 {
        let (Some(hash), Some(exp)) = (&c.beacon_hash, c.num_iterations_exp) else {
            return Err(fail(format!("contribution {i}: beacon without parameters")));
        };
        let mut rng = beacon_rng(hash, exp).map_err(|e| fail(e.message()))?;
        let key = create_key(&prev.next_challenge, &mut rng);
        for (k, part) in key.iter().enumerate() {
            if (part.g1_s, part.g1_sx) != c.key_g1[k] || part.g2_spx != c.key_g2[k] {
                return Err(fail(format!("contribution {i}: beacon key does not match")));
            }
        }
    }
    for (k, sp_k) in sp.iter().enumerate() {
        if !same_ratio(&c.key_g1[k].0, &c.key_g1[k].1, sp_k, &c.key_g2[k])? {
            return Err(fail(format!(
                "contribution {i}: key {k}: G1 and G2 proofs of knowledge disagree"
            )));
        }
    }
    let checks = [
        same_ratio(&prev.tau_g1, &c.tau_g1, &sp[0], &c.key_g2[0])?,
        same_ratio(&c.key_g1[0].0, &c.key_g1[0].1, &prev.tau_g2, &c.tau_g2)?,
        same_ratio(&prev.alpha_g1, &c.alpha_g1, &sp[1], &c.key_g2[1])?,
        same_ratio(&prev.beta_g1, &c.beta_g1, &sp[2], &c.key_g2[2])?,
        same_ratio(&c.key_g1[2].0, &c.key_g1[2].1, &prev.beta_g2, &c.beta_g2)?,
    ];
    let names = ["tauG1", "tauG2", "alphaG1", "betaG1", "betaG2"];
    if let Some(k) = checks.iter().position(|ok| !ok) {
        return Err(fail(format!(
            "contribution {i}: {} does not follow from the previous one",
            names[k]
        )));
    }
    Ok(())
}

fn random_scalars(n: usize) -> Result<Vec<Fr>> {
    let seed = super::snarkjs_rng::os_random()?;
    let mut rng = ChaCha::from_hash(&seed);
    Ok((0..n)
        .map(|_| {
            let hi = rng.next_u64() as u128;
            Fr::from((hi << 64) | rng.next_u64() as u128)
        })
        .collect())
}

/// Σ r_i·P_i and Σ r_i·P_{i+1} for one random r: equal ratios mean P_{i+1} = x·P_i.
fn shifted_g1(pts: &[G1Affine]) -> Result<(G1Affine, G1Affine)> {
    let n = pts.len() - 1;
    let r = random_scalars(n)?;
    Ok((
        msm_g1(&pts[..n], &r).into_affine(),
        msm_g1(&pts[1..], &r).into_affine(),
    ))
}

/// `powersoftau verify`: the contribution chain, the points against the last contribution,
/// the powers structure of every section and, when present, the Lagrange sections.
pub fn verify(p: &Ptau) -> Result<Vec<VerifiedPtauContribution>> {
    let (g1, g2) = (G1Affine::generator(), G2Affine::generator());
    let mut prev = Prev {
        tau_g1: g1,
        tau_g2: g2,
        alpha_g1: g1,
        beta_g1: g1,
        beta_g2: g2,
        next_challenge: first_challenge(p.ceremony_power),
    };
    let mut out = Vec::new();
    let last = p.contributions.len().checked_sub(1);
    for (i, c) in p.contributions.iter().enumerate() {
        check_contribution(i, c, &prev)?;
        let mut response_hash = None;
        if Some(i) == last {
            let mut h = Blake2b::import(&c.partial_hash).map_err(|e| fail(e.message()))?;
            hash_pubkey(&mut h, &c.key_g1, &c.key_g2);
            let rh = digest(h);
            if p.power == p.ceremony_power {
                let mut next = Blake2b::new();
                next.update(&rh);
                hash_sections_u(&mut next, p);
                if digest(next) != c.next_challenge {
                    return Err(fail("the points do not hash to the last nextChallenge"));
                }
            }
            response_hash = Some(rh);
        }
        out.push(VerifiedPtauContribution {
            name: c.name.clone(),
            kind: c.kind,
            response_hash,
        });
        prev = Prev {
            tau_g1: c.tau_g1,
            tau_g2: c.tau_g2,
            alpha_g1: c.alpha_g1,
            beta_g1: c.beta_g1,
            beta_g2: c.beta_g2,
            next_challenge: c.next_challenge,
        };
    }
    // The file's points against the last contribution (or the generators).
    if p.tau_g1[0] != g1 || p.tau_g2[0] != g2 {
        return Err(fail("tauG1[0] / tauG2[0] are not the generators"));
    }
    if p.tau_g1[1] != prev.tau_g1
        || p.tau_g2[1] != prev.tau_g2
        || p.alpha_tau_g1[0] != prev.alpha_g1
        || p.beta_tau_g1[0] != prev.beta_g1
        || p.beta_g2 != prev.beta_g2
    {
        return Err(fail("the first points differ from the last contribution's"));
    }
    let tau2 = prev.tau_g2;
    for (what, pts) in [
        ("tauG1", &p.tau_g1),
        ("alphaTauG1", &p.alpha_tau_g1),
        ("betaTauG1", &p.beta_tau_g1),
    ] {
        let (r1, r2) = shifted_g1(pts)?;
        if !same_ratio(&r1, &r2, &g2, &tau2)? {
            return Err(fail(format!("{what} are not successive powers of tau")));
        }
    }
    let n = p.tau_g2.len() - 1;
    let r = random_scalars(n)?;
    let r1 = msm_g2(&p.tau_g2[..n], &r).into_affine();
    let r2 = msm_g2(&p.tau_g2[1..], &r).into_affine();
    if n > 0 && !same_ratio(&g1, &prev.tau_g1, &r1, &r2)? {
        return Err(fail("tauG2 are not successive powers of tau"));
    }
    if let Some(l) = &p.lagrange {
        verify_lagrange_g1("tauG1", &p.tau_g1, &l.tau_g1, p.power + 1)?;
        verify_lagrange_g1("alphaTauG1", &p.alpha_tau_g1, &l.alpha_tau_g1, p.power)?;
        verify_lagrange_g1("betaTauG1", &p.beta_tau_g1, &l.beta_tau_g1, p.power)?;
        for k in 0..=p.power {
            let n = 1usize << k;
            let (r, rh) = lagrange_scalars(n, false)?;
            let a = msm_g2(&p.tau_g2[..n], &r);
            let b = msm_g2(&l.tau_g2[n - 1..2 * n - 1], &rh);
            if a != b {
                return Err(fail(format!("Lagrange tauG2 block 2^{k} is wrong")));
            }
        }
    }
    Ok(out)
}

/// Random r (r_{N−1} = 0 when the top monomial is missing) and r̂ = FFT_N(r).
fn lagrange_scalars(n: usize, top_missing: bool) -> Result<(Vec<Fr>, Vec<Fr>)> {
    let mut r = random_scalars(n)?;
    if top_missing {
        r[n - 1] = Fr::zero();
    }
    let mut rh = r.clone();
    if n > 1 {
        crate::fft::Domain::new(n.trailing_zeros())?.fft(&mut rh)?;
    }
    Ok((r, rh))
}

/// Σ r_j·M_j = Σ r̂_i·L_i for every block (L = iFFT(M) ⇔ this for random r).
fn verify_lagrange_g1(what: &str, mono: &[G1Affine], lag: &[G1Affine], max_log: u32) -> Result<()> {
    for k in 0..=max_log {
        let n = 1usize << k;
        let top_missing = n > mono.len();
        let (r, rh) = lagrange_scalars(n, top_missing)?;
        let m = n.min(mono.len());
        let a = msm_g1(&mono[..m], &r[..m]);
        let b = msm_g1(&lag[n - 1..2 * n - 1], &rh);
        if a != b {
            return Err(fail(format!("Lagrange {what} block 2^{k} is wrong")));
        }
    }
    Ok(())
}

/// Generator check used by tests: tauG1[i] = τ^i·G for a known τ.
#[cfg(test)]
fn powers_of(tau: Fr, n: usize) -> Vec<G1Affine> {
    let k = powers(Fr::one(), tau, n);
    use ark_ec::PrimeGroup;
    let proj: Vec<G1Projective> = k.iter().map(|k| G1Projective::generator() * k).collect();
    G1Projective::normalize_batch(&proj)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ark_ec::PrimeGroup;

    #[test]
    fn group_ifft_gives_lagrange_points() {
        // With known τ, [L_i(τ)] = L_i(τ)·G; L_i(τ) = (τ^N − 1)/(N) · ω^i/(τ − ω^i).
        let tau = Fr::from(123456789u64);
        let log_n = 3;
        let n = 1usize << log_n;
        let mono = powers_of(tau, n);
        let mut v: Vec<G1Projective> = mono.iter().map(|p| p.into_group()).collect();
        group_ifft(&mut v, log_n);
        let w = root_of_unity(log_n);
        let zn = tau.pow([n as u64]) - Fr::one();
        for (i, p) in v.iter().enumerate() {
            let wi = w.pow([i as u64]);
            let l = zn * wi * (Fr::from(n as u64) * (tau - wi)).inverse().unwrap();
            assert_eq!(
                p.into_affine(),
                (G1Projective::generator() * l).into_affine()
            );
        }
    }

    #[test]
    fn ceremony_roundtrip_verifies() {
        let p = Ptau::new(3).unwrap();
        assert!(verify(&p).is_ok());
        let src = Source::Random {
            random: [7u8; 64],
            entropy: b"x",
        };
        let (p1, _) = contribute(&p, "a", src).unwrap();
        let (p2, _) = contribute(
            &p1,
            "b",
            Source::Beacon {
                hash: &[1, 2],
                num_iterations_exp: 10,
            },
        )
        .unwrap();
        let p3 = prepare_phase2(&p2).unwrap();
        assert_eq!(verify(&p3).unwrap().len(), 2);
        let mut bad = p3.clone();
        bad.tau_g1.swap(3, 4);
        assert!(verify(&bad).is_err());
        let mut bad = p3.clone();
        bad.lagrange.as_mut().unwrap().tau_g2.swap(3, 4);
        assert!(verify(&bad).is_err());
    }
}
