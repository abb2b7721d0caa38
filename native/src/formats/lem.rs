//! snarkjs's "LEM" point encoding (`.zkey`, `.ptau`): affine coordinates as little-endian
//! Montgomery words (value·2^256 mod q), G2 coordinates as `c0, c1`; infinity is (0, 0).
//!
//! arkworks keeps `Fq` in Montgomery form with the same R = 2^256, so a canonical LEM word
//! *is* arkworks' internal representation: decoding is a range check (< q) plus the curve
//! and subgroup checks, encoding is a copy of the limbs.
use ark_bn254::{Fq, Fq2, Fr, G1Affine, G2Affine};
use ark_ec::AffineRepr;
use ark_ff::{BigInt, Field, PrimeField, Zero};
use rayon::prelude::*;

use super::binfile::encoding;
use crate::error::{Error, Result};

pub const G1_LEM: usize = 64;
pub const G2_LEM: usize = 128;
/// Points per parallel task when converting arrays.
const CHUNK: usize = 1 << 10;

fn limbs(b: &[u8]) -> BigInt<4> {
    let mut l = [0u64; 4];
    for (i, x) in l.iter_mut().enumerate() {
        *x = u64::from_le_bytes(b[8 * i..8 * i + 8].try_into().expect("8 bytes"));
    }
    BigInt::new(l)
}

fn put_limbs(x: &BigInt<4>, out: &mut [u8]) {
    for (i, l) in x.0.iter().enumerate() {
        out[8 * i..8 * i + 8].copy_from_slice(&l.to_le_bytes());
    }
}

/// One Fq coordinate from its Montgomery word; `None` unless the word is < q.
pub fn fq_from_lem(b: &[u8]) -> Option<Fq> {
    let v = limbs(b);
    (v < Fq::MODULUS).then(|| Fq::new_unchecked(v))
}

pub fn fq_write_lem(x: &Fq, out: &mut [u8]) {
    put_limbs(&x.0, out);
}

/// An Fr element stored as a Montgomery word (the raw-as-Montgomery reading snarkjs uses).
pub fn fr_from_mont_word(b: &[u8]) -> Option<Fr> {
    let v = limbs(b);
    (v < Fr::MODULUS).then(|| Fr::new_unchecked(v))
}

pub fn fr_write_mont_word(x: &Fr, out: &mut [u8]) {
    put_limbs(&x.0, out);
}

/// Decodes one G1 point, checking canonical coordinates and the curve equation (G1 has
/// cofactor 1, so that is also the subgroup check). `what` names it in errors.
pub fn g1_from_lem(b: &[u8], what: &dyn Fn() -> String) -> Result<G1Affine> {
    let (x, y) = match (fq_from_lem(&b[..32]), fq_from_lem(&b[32..64])) {
        (Some(x), Some(y)) => (x, y),
        _ => return Err(encoding(format!("{}: coordinate >= q", what()))),
    };
    if x.is_zero() && y.is_zero() {
        return Ok(G1Affine::identity());
    }
    let p = G1Affine::new_unchecked(x, y);
    if !p.is_on_curve() {
        return Err(Error::NotOnCurve(format!(
            "{}: G1 point not on the curve",
            what()
        )));
    }
    Ok(p)
}

/// Decodes one G2 point: canonical coordinates, curve equation and prime-order subgroup.
pub fn g2_from_lem(b: &[u8], what: &dyn Fn() -> String) -> Result<G2Affine> {
    let mut c = [Fq::zero(); 4];
    for (i, ci) in c.iter_mut().enumerate() {
        *ci = fq_from_lem(&b[32 * i..32 * i + 32])
            .ok_or_else(|| encoding(format!("{}: coordinate >= q", what())))?;
    }
    let x = Fq2::new(c[0], c[1]);
    let y = Fq2::new(c[2], c[3]);
    if x.is_zero() && y.is_zero() {
        return Ok(G2Affine::identity());
    }
    let p = G2Affine::new_unchecked(x, y);
    if !p.is_on_curve() {
        return Err(Error::NotOnCurve(format!(
            "{}: G2 point not on the curve",
            what()
        )));
    }
    if !p.is_in_correct_subgroup_assuming_on_curve() {
        return Err(Error::NotInSubgroup(format!(
            "{}: G2 point not in the prime-order subgroup",
            what()
        )));
    }
    Ok(p)
}

pub fn g1_write_lem(p: &G1Affine, out: &mut [u8]) {
    if p.is_zero() {
        out[..G1_LEM].fill(0);
        return;
    }
    fq_write_lem(&p.x, &mut out[..32]);
    fq_write_lem(&p.y, &mut out[32..64]);
}

pub fn g2_write_lem(p: &G2Affine, out: &mut [u8]) {
    if p.is_zero() {
        out[..G2_LEM].fill(0);
        return;
    }
    fq_write_lem(&p.x.c0, &mut out[..32]);
    fq_write_lem(&p.x.c1, &mut out[32..64]);
    fq_write_lem(&p.y.c0, &mut out[64..96]);
    fq_write_lem(&p.y.c1, &mut out[96..128]);
}

/// Decodes `b.len() / 64` G1 points in parallel; `what` names the array in errors.
pub fn g1_array_from_lem(b: &[u8], what: &str) -> Result<Vec<G1Affine>> {
    if b.len() % G1_LEM != 0 {
        return Err(encoding(format!("{what}: size is not a multiple of 64")));
    }
    let mut out = vec![G1Affine::identity(); b.len() / G1_LEM];
    out.par_chunks_mut(CHUNK)
        .zip(b.par_chunks(CHUNK * G1_LEM))
        .enumerate()
        .try_for_each(|(c, (o, src))| {
            for (i, (p, s)) in o.iter_mut().zip(src.chunks_exact(G1_LEM)).enumerate() {
                *p = g1_from_lem(s, &|| format!("{what}[{}]", c * CHUNK + i))?;
            }
            Ok(())
        })?;
    Ok(out)
}

pub fn g2_array_from_lem(b: &[u8], what: &str) -> Result<Vec<G2Affine>> {
    if b.len() % G2_LEM != 0 {
        return Err(encoding(format!("{what}: size is not a multiple of 128")));
    }
    let mut out = vec![G2Affine::identity(); b.len() / G2_LEM];
    out.par_chunks_mut(CHUNK / 4)
        .zip(b.par_chunks(CHUNK / 4 * G2_LEM))
        .enumerate()
        .try_for_each(|(c, (o, src))| {
            for (i, (p, s)) in o.iter_mut().zip(src.chunks_exact(G2_LEM)).enumerate() {
                *p = g2_from_lem(s, &|| format!("{what}[{}]", c * CHUNK / 4 + i))?;
            }
            Ok(())
        })?;
    Ok(out)
}

/// Appends the LEM encoding of `pts` to `out`, converting in parallel.
pub fn g1_array_to_lem(pts: &[G1Affine], out: &mut Vec<u8>) {
    let start = out.len();
    out.resize(start + pts.len() * G1_LEM, 0);
    out[start..]
        .par_chunks_mut(G1_LEM)
        .zip(pts.par_iter())
        .with_min_len(CHUNK)
        .for_each(|(o, p)| g1_write_lem(p, o));
}

pub fn g2_array_to_lem(pts: &[G2Affine], out: &mut Vec<u8>) {
    let start = out.len();
    out.resize(start + pts.len() * G2_LEM, 0);
    out[start..]
        .par_chunks_mut(G2_LEM)
        .zip(pts.par_iter())
        .with_min_len(CHUNK / 4)
        .for_each(|(o, p)| g2_write_lem(p, o));
}

/// R_r = 2^256 mod r as a field element: section 4 stores coefficients multiplied by R_r².
pub fn fr_r() -> Fr {
    // The Montgomery form of R is R·R mod r; `Fr::R` is R mod r as an integer.
    Fr::from_bigint(Fr::R).expect("R mod r is canonical")
}

/// `coef` from the stored word `v = coef·R² mod r` (read as an integer), or `None` if v ≥ r.
/// `r_inv` is `fr_r()⁻¹`.
pub fn coef_from_zkey_word(b: &[u8], r_inv: &Fr) -> Option<Fr> {
    // Reading v as a Montgomery word gives the element v·R⁻¹ = coef·R.
    Some(fr_from_mont_word(b)? * r_inv)
}

pub fn fr_r_inv() -> Fr {
    fr_r().inverse().expect("R is invertible")
}

/// Writes `coef·R² mod r` as a little-endian integer.
pub fn coef_write_zkey_word(coef: &Fr, r: &Fr, out: &mut [u8]) {
    fr_write_mont_word(&(*coef * r), out);
}
