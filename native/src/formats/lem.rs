//! snarkjs's "LEM" point encoding (`.zkey`, `.ptau`): affine coordinates as little-endian
//! Montgomery words (value·2^256 mod q), G2 coordinates as `c0, c1`; infinity is (0, 0).
//!
//! arkworks keeps `Fq` in Montgomery form with the same R = 2^256, so a canonical LEM word
//! *is* arkworks' internal representation: decoding is a range check (< q) plus the curve
//! and subgroup checks, encoding is a copy of the limbs.
use ark_bn254::{Fq, Fq2, Fr, G1Affine, G2Affine, G2Projective};
use ark_ec::AdditiveGroup;
use ark_ec::AffineRepr;
use ark_ff::{BigInt, Field, MontFp, PrimeField, Zero};
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
    if !g2_in_subgroup(&p) {
        return Err(Error::NotInSubgroup(format!(
            "{}: G2 point not in the prime-order subgroup",
            what()
        )));
    }
    Ok(p)
}

/// The BN parameter x (t = 6x² + 1).
const BN_X: u64 = 4_965_661_367_192_848_881;

/// ψ (untwist-Frobenius-twist) on Jacobian coordinates: conjugating X, Y, Z conjugates x and
/// y, then x·(u+9)^((q−1)/3), y·(u+9)^((q−1)/2).
fn psi(p: &G2Projective) -> G2Projective {
    let c0 = Fq2::new(
        MontFp!("21575463638280843010398324269430826099269044274347216827212613867836435027261"),
        MontFp!("10307601595873709700152284273816112264069230130616436755625194854815875713954"),
    );
    let c1 = Fq2::new(
        MontFp!("2821565182194536844548159561693502659359617185244120367078079554186484126554"),
        MontFp!("3505843767911556378687030309984248845540243509899259641013678093033130930403"),
    );
    let mut r = *p;
    r.x.frobenius_map_in_place(1);
    r.y.frobenius_map_in_place(1);
    r.z.frobenius_map_in_place(1);
    r.x *= c0;
    r.y *= c1;
    r
}

/// G2 membership for a point on the curve, with the BN test of Dai, Lin, Zhao and Zhou
/// (eprint 2022/348): P ∈ G2 ⇔ [x+1]P + ψ([x]P) + ψ²([x]P) = ψ³([2x]P). It needs one
/// 63-bit multiplication instead of arkworks' 127-bit one, which matters when a key holds
/// 2^16+ G2 points.
pub fn g2_in_subgroup(p: &G2Affine) -> bool {
    let mut xp = G2Projective::zero();
    for i in (0..64).rev() {
        xp.double_in_place();
        if (BN_X >> i) & 1 == 1 {
            xp += p;
        }
    }
    let lhs = xp + p + psi(&xp) + psi(&psi(&xp));
    let rhs = psi(&psi(&psi(&xp.double())));
    lhs == rhs
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

#[cfg(test)]
mod tests {
    use super::*;
    use ark_ec::{CurveGroup, PrimeGroup};
    use ark_ff::UniformRand;
    use ark_std::rand::{rngs::StdRng, SeedableRng};

    fn on_curve_point(rng: &mut StdRng) -> G2Affine {
        loop {
            let x = Fq2::new(Fq::rand(rng), Fq::rand(rng));
            if let Some(p) = G2Affine::get_point_from_x_unchecked(x, false) {
                return p;
            }
        }
    }

    #[test]
    fn fast_g2_subgroup_check_agrees_with_arkworks() {
        let mut rng = StdRng::seed_from_u64(5);
        let (mut inside, mut outside) = (0, 0);
        for i in 0..200 {
            let p = if i % 2 == 0 {
                (G2Affine::generator() * Fr::rand(&mut rng)).into_affine()
            } else {
                on_curve_point(&mut rng)
            };
            let want = p.is_in_correct_subgroup_assuming_on_curve();
            assert_eq!(g2_in_subgroup(&p), want);
            if want {
                inside += 1
            } else {
                outside += 1
            }
        }
        assert!(inside >= 100 && outside >= 90);
        // A subgroup point plus a component of order 10069 (a factor of the cofactor).
        let q = on_curve_point(&mut rng);
        // [r]Q lies in the cofactor part; [h/10069]·([r]Q) has order dividing 10069.
        let rq = q.mul_bigint(Fr::MODULUS);
        let t = small_order(rq);
        assert!(!t.is_zero());
        let g = (G2Affine::generator() * Fr::rand(&mut rng)).into_affine();
        let bad = (g.into_group() + t).into_affine();
        assert!(!bad.is_in_correct_subgroup_assuming_on_curve());
        assert!(!g2_in_subgroup(&bad));
    }

    /// [h/10069]P for the G2 cofactor h = 10069 · h'.
    fn small_order(p: G2Projective) -> G2Projective {
        // h' = h / 10069, computed with u128 long division on the 4 limbs of h.
        let h: [u64; 4] = [
            0x345f_2299_c0f9_fa8d,
            0x06ce_ecda_572a_2489,
            0xb850_45b6_8181_585e,
            0x3064_4e72_e131_a029,
        ];
        let mut q = [0u64; 4];
        let mut rem = 0u128;
        for i in (0..4).rev() {
            let cur = (rem << 64) | h[i] as u128;
            q[i] = (cur / 10069) as u64;
            rem = cur % 10069;
        }
        assert_eq!(rem, 0, "10069 divides the cofactor");
        p.mul_bigint(q)
    }
}
