//! Groth16 phase 2 on snarkjs keys (FORMATS.md §7): `zkey contribute`, `zkey beacon` and
//! `zkey verify`, interoperable with snarkjs both ways.
//!
//! A contribution multiplies delta by a secret δ' and divides the C and H points by it; it
//! publishes a proof of knowledge of δ' (g1_s, g1_sx = δ'·g1_s, g2_spx = δ'·g2_sp with g2_sp
//! derived from the transcript hash), so anyone can check the chain of deltas with pairings.
use ark_bn254::{Fr, G1Affine, G1Projective, G2Affine};
use ark_ec::{AffineRepr, CurveGroup};
use ark_ff::{Field, Zero};
use blake2::{Blake2b512, Digest};
use rayon::prelude::*;

use super::setup_ptau::setup_from_ptau;
use super::snarkjs_rng::{beacon_rng, hash_to_g2, os_random, random_rng, ChaCha};
use crate::bn254::encoding::{g1_to_uncompressed, g2_to_uncompressed};
use crate::bn254::ops::pairing_check;
use crate::error::{invalid, Error, Result};
use crate::fft::{root_of_unity, Domain};
use crate::formats::ptau::{PtauFile, TAU_G1};
use crate::formats::zkey::{contribution_name, Contribution, MpcParams};
use crate::formats::R1cs;
use crate::groth16::ProvingKey;
use crate::msm::msm_g1;

/// snarkjs `hashPubKey`: U(deltaAfter), U(g1_s), U(g1_sx), U(g2_spx), transcript.
pub fn hash_pub_key(h: &mut Blake2b512, c: &Contribution) {
    h.update(g1_to_uncompressed(&c.delta_after));
    h.update(g1_to_uncompressed(&c.g1_s));
    h.update(g1_to_uncompressed(&c.g1_sx));
    h.update(g2_to_uncompressed(&c.g2_spx));
    h.update(c.transcript);
}

/// The hash snarkjs shows for a contribution: BLAKE2b-512(hashPubKey(record)).
pub fn contribution_hash(c: &Contribution) -> [u8; 64] {
    let mut h = Blake2b512::new();
    hash_pub_key(&mut h, c);
    let mut out = [0u8; 64];
    out.copy_from_slice(&h.finalize());
    out
}

fn mpc_of(pk: &ProvingKey) -> Result<MpcParams> {
    match &pk.mpc {
        Some(b) => MpcParams::parse(b),
        None => Err(invalid(
            "proving key has no phase-2 section (it was not set up from a ptau)",
        )),
    }
}

/// How a contribution's randomness was derived.
pub enum Source<'a> {
    /// `getRandomRng`: 64 random bytes mixed with the entropy text.
    Random { random: [u8; 64], entropy: &'a [u8] },
    /// `rngFromBeaconParams`.
    Beacon {
        hash: &'a [u8],
        num_iterations_exp: u8,
    },
}

/// Applies one contribution and returns the new key and the contribution hash.
pub fn contribute_with(
    pk: &ProvingKey,
    name: &str,
    source: Source<'_>,
) -> Result<(ProvingKey, [u8; 64])> {
    let mut mpc = mpc_of(pk)?;
    let (mut rng, kind, exp, beacon_hash): (ChaCha, u32, Option<u8>, Option<Vec<u8>>) = match source
    {
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
    let mut transcript_hasher = Blake2b512::new();
    transcript_hasher.update(mpc.cs_hash);
    for c in &mpc.contributions {
        hash_pub_key(&mut transcript_hasher, c);
    }
    let delta = rng.fr();
    if delta.is_zero() {
        return Err(invalid(
            "contribution: zero secret (astronomically unlikely)",
        ));
    }
    let g1_s = rng.g1();
    let g1_sx = (g1_s * delta).into_affine();
    transcript_hasher.update(g1_to_uncompressed(&g1_s));
    transcript_hasher.update(g1_to_uncompressed(&g1_sx));
    let mut transcript = [0u8; 64];
    transcript.copy_from_slice(&transcript_hasher.finalize());
    let g2_sp = hash_to_g2(&transcript);
    let g2_spx = (g2_sp * delta).into_affine();

    let inv = delta.inverse().expect("non-zero");
    let mut out = pk.clone();
    out.delta1 = (pk.delta1 * delta).into_affine();
    out.delta2 = (pk.delta2 * delta).into_affine();
    out.c = scale(&pk.c, inv);
    out.h = scale(&pk.h, inv);
    let name = contribution_name(name);
    let record = Contribution {
        delta_after: out.delta1,
        g1_s,
        g1_sx,
        g2_spx,
        transcript,
        kind,
        name: (!name.is_empty()).then_some(name),
        num_iterations_exp: exp,
        beacon_hash,
    };
    let hash = contribution_hash(&record);
    mpc.contributions.push(record);
    out.mpc = Some(mpc.to_bytes());
    Ok((out, hash))
}

/// `zkey contribute`: δ' from the OS CSPRNG mixed with `entropy`, as snarkjs does.
pub fn contribute(pk: &ProvingKey, name: &str, entropy: &[u8]) -> Result<(ProvingKey, [u8; 64])> {
    let random = os_random()?;
    contribute_with(pk, name, Source::Random { random, entropy })
}

/// `zkey beacon`: a public, reproducible final contribution.
pub fn beacon(
    pk: &ProvingKey,
    name: &str,
    hash: &[u8],
    num_iterations_exp: u8,
) -> Result<(ProvingKey, [u8; 64])> {
    contribute_with(
        pk,
        name,
        Source::Beacon {
            hash,
            num_iterations_exp,
        },
    )
}

fn scale(pts: &[G1Affine], k: Fr) -> Vec<G1Affine> {
    let proj: Vec<G1Projective> = pts.par_iter().map(|p| *p * k).collect();
    G1Projective::normalize_batch(&proj)
}

/// snarkjs `sameRatio`: all four points non-zero and e(a, d) = e(b, c).
pub(crate) fn same_ratio(a: &G1Affine, b: &G1Affine, c: &G2Affine, d: &G2Affine) -> Result<bool> {
    if a.is_zero() || b.is_zero() || c.is_zero() || d.is_zero() {
        return Ok(false);
    }
    pairing_check(&[*a, -*b], &[*d, *c])
}

/// A failed ceremony check.
pub(crate) fn fail(msg: impl Into<String>) -> Error {
    Error::InvalidProof(msg.into())
}

/// One verified contribution, for reporting.
#[derive(Debug, Clone)]
pub struct VerifiedContribution {
    pub name: Option<Vec<u8>>,
    pub kind: u32,
    pub hash: [u8; 64],
}

/// Checks the contribution chain of section 10 on its own (transcripts, proofs of
/// knowledge, delta chain, beacons) and returns the final delta1.
pub fn verify_chain(mpc: &MpcParams) -> Result<(G1Affine, Vec<VerifiedContribution>)> {
    let mut acc = Blake2b512::new();
    acc.update(mpc.cs_hash);
    let mut cur = G1Affine::generator();
    let mut out = Vec::new();
    for (i, c) in mpc.contributions.iter().enumerate() {
        let mut h = acc.clone();
        h.update(g1_to_uncompressed(&c.g1_s));
        h.update(g1_to_uncompressed(&c.g1_sx));
        if h.finalize().as_slice() != c.transcript {
            return Err(fail(format!("contribution {i}: inconsistent transcript")));
        }
        let g2_sp = hash_to_g2(&c.transcript);
        if !same_ratio(&c.g1_s, &c.g1_sx, &g2_sp, &c.g2_spx)? {
            return Err(fail(format!(
                "contribution {i}: the G1 and G2 public keys do not have the same ratio"
            )));
        }
        if !same_ratio(&cur, &c.delta_after, &g2_sp, &c.g2_spx)? {
            return Err(fail(format!(
                "contribution {i}: deltaAfter does not follow the public key"
            )));
        }
        if c.kind == 1 {
            let (Some(hash), Some(exp)) = (&c.beacon_hash, c.num_iterations_exp) else {
                return Err(fail(format!("contribution {i}: beacon without parameters")));
            };
            let mut rng = beacon_rng(hash, exp).map_err(|e| fail(e.message()))?;
            let k = rng.fr();
            let g1_s = rng.g1();
            if g1_s != c.g1_s || (g1_s * k).into_affine() != c.g1_sx {
                return Err(fail(format!(
                    "contribution {i}: the beacon key does not match its parameters"
                )));
            }
        }
        hash_pub_key(&mut acc, c);
        out.push(VerifiedContribution {
            name: c.name.clone(),
            kind: c.kind,
            hash: contribution_hash(c),
        });
        cur = c.delta_after;
    }
    Ok((cur, out))
}

/// Random 128-bit scalars for the batched consistency checks (fresh OS randomness).
fn random_scalars(n: usize) -> Result<Vec<Fr>> {
    let seed = os_random()?;
    let mut rng = ChaCha::from_hash(&seed);
    Ok((0..n)
        .map(|_| {
            let hi = rng.next_u64() as u128;
            Fr::from((hi << 64) | rng.next_u64() as u128)
        })
        .collect())
}

/// e(R1, d_init) = e(R2, d) where R2 should be R1 / δ; both zero also passes (no points).
fn ratio_or_both_zero(r1: &G1Affine, r2: &G1Affine, d: &G2Affine) -> Result<bool> {
    if r1.is_zero() || r2.is_zero() {
        return Ok(r1.is_zero() && r2.is_zero());
    }
    same_ratio(r1, r2, d, &G2Affine::generator())
}

/// snarkjs `zkey verify`: the key is the key `zkey new` makes from this R1CS and ptau,
/// followed by valid contributions. Err(InvalidProof) names the first failed check.
pub fn verify_zkey(
    r1cs: &R1cs,
    ptau: &PtauFile<'_>,
    pk: &ProvingKey,
) -> Result<Vec<VerifiedContribution>> {
    let mpc = mpc_of(pk).map_err(|e| fail(e.message()))?;
    let (delta, contributions) = verify_chain(&mpc)?;
    let init = setup_from_ptau(r1cs, ptau)?;
    let init_mpc = mpc_of(&init)?;
    if (pk.n_vars, pk.n_public, pk.domain_size) != (init.n_vars, init.n_public, init.domain_size) {
        return Err(fail(
            "nVars, nPublic or domainSize differ from the circuit's",
        ));
    }
    if pk.alpha1 != init.alpha1
        || pk.beta1 != init.beta1
        || pk.beta2 != init.beta2
        || pk.gamma2 != init.gamma2
    {
        return Err(fail("alpha, beta or gamma differ from the ptau's"));
    }
    if pk.delta1 != delta {
        return Err(fail("delta1 is not the last contribution's deltaAfter"));
    }
    if !same_ratio(
        &G1Affine::generator(),
        &delta,
        &G2Affine::generator(),
        &pk.delta2,
    )? {
        return Err(fail("delta1 and delta2 do not match"));
    }
    if mpc.cs_hash != init_mpc.cs_hash {
        return Err(fail("the circuit hash differs"));
    }
    if pk.ic != init.ic {
        return Err(fail("IC differs"));
    }
    if pk.coeffs != init.coeffs {
        return Err(fail("the coefficients differ"));
    }
    if pk.a != init.a || pk.b1 != init.b1 || pk.b2 != init.b2 {
        return Err(fail("the A, B1 or B2 points differ"));
    }
    if pk.c.len() != init.c.len() || pk.h.len() != init.h.len() {
        return Err(fail("wrong number of C or H points"));
    }
    // C: Σ r_i·C_init_i = δ·Σ r_i·C_i.
    let r = random_scalars(pk.c.len())?;
    let r1 = msm_g1(&init.c, &r).into_affine();
    let r2 = msm_g1(&pk.c, &r).into_affine();
    if !ratio_or_both_zero(&r1, &r2, &pk.delta2)? {
        return Err(fail("the C points are not the circuit's divided by delta"));
    }
    // H: with P_j(X) = X^j·Z(X) (j < n − 1), P_j(τ) = Σ_i P_j(x_i)·L_i(τ) over the odd
    // coset x_i = ω_2n^(2i+1), where P_j(x_i) = −2·x_i^j. So Σ_j r_j·[τ^j Z(τ)] =
    // δ·Σ_i r̂_i·H_i with r̂ = −2·(evaluations of Σ r_j X^j on the coset ω_2n·H).
    let n = pk.domain_size;
    let log_n = n.trailing_zeros();
    let mut r = random_scalars(n)?;
    r[n - 1] = Fr::zero();
    let lo = ptau.g1(TAU_G1, 0, (n - 1) as u64)?;
    let hi = ptau.g1(TAU_G1, n as u64, (n - 1) as u64)?;
    let r1 = (msm_g1(&hi, &r[..n - 1]) - msm_g1(&lo, &r[..n - 1])).into_affine();
    let domain = Domain::new(log_n)?;
    domain.coset_fft(&mut r, root_of_unity(log_n + 1))?;
    let minus_two = -Fr::from(2u64);
    r.par_iter_mut().for_each(|x| *x *= minus_two);
    let r2 = msm_g1(&pk.h, &r).into_affine();
    if !ratio_or_both_zero(&r1, &r2, &pk.delta2)? {
        return Err(fail("the H points are not the ptau's divided by delta"));
    }
    Ok(contributions)
}
