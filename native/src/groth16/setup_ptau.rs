//! Groth16 setup from a prepared powers-of-tau file: snarkjs `zkey new` (FORMATS.md §4.2),
//! producing the same key (and, written out, the same bytes) as snarkjs for the same
//! `.r1cs` and `.ptau`. Phase 2 has not started: gamma = delta = the generators, so the key
//! is not safe to use until at least one contribution (see `phase2`).
use ark_bn254::{Fr, G1Affine, G1Projective, G2Affine, G2Projective};
use ark_ec::{AffineRepr, CurveGroup};
use ark_ff::{BigInteger, Field, One, PrimeField, Zero};
use blake2::{Blake2b512, Digest};
use rayon::prelude::*;

use crate::bn254::encoding::{g1_to_uncompressed, g2_to_uncompressed};
use crate::error::{invalid, Result};
use crate::formats::ptau::{
    PtauFile, ALPHA_TAU_G1, BETA_G2, BETA_TAU_G1, LAGRANGE_ALPHA_TAU_G1, LAGRANGE_BETA_TAU_G1,
    LAGRANGE_TAU_G1, LAGRANGE_TAU_G2, TAU_G1,
};
use crate::formats::zkey::MpcParams;
use crate::formats::R1cs;
use crate::groth16::{Coef, ProvingKey};

/// snarkjs's domain: the smallest power of two strictly greater than m + nPublic.
pub fn domain_log(m: u64, n_public: u64) -> u32 {
    let v = m + n_public;
    // ffjavascript's log2(0) is 0.
    let floor_log = if v == 0 { 0 } else { 63 - v.leading_zeros() };
    floor_log + 1
}

/// Σ coef·P, cheap for the small and "negative small" coefficients circuits are full of.
fn add_scaled<G: CurveGroup>(acc: &mut G, p: &G::Affine, coef: &Fr) {
    if p.is_zero() || coef.is_zero() {
        return;
    }
    if coef.is_one() {
        *acc += p;
        return;
    }
    let neg = -*coef;
    if neg.into_bigint().num_bits() < coef.into_bigint().num_bits() {
        *acc -= p.mul_bigint(neg.into_bigint());
    } else {
        *acc += p.mul_bigint(coef.into_bigint());
    }
}

/// Terms of one wire across the A, B and C matrices: (row, coefficient).
#[derive(Default, Clone)]
struct Column {
    a: Vec<(u32, Fr)>,
    b: Vec<(u32, Fr)>,
    c: Vec<(u32, Fr)>,
}

/// The Lagrange-basis points of the size-n domain that the setup needs (rows 0..rows).
struct Bases {
    l1: Vec<G1Affine>,
    l2: Vec<G2Affine>,
    alpha: Vec<G1Affine>,
    beta: Vec<G1Affine>,
}

/// `zkey new`: a proving key (with section 10: the circuit hash, no contributions) from an
/// R1CS and a `.ptau` that went through `prepare phase2`.
pub fn setup_from_ptau(r1cs: &R1cs, ptau: &PtauFile<'_>) -> Result<ProvingKey> {
    r1cs.validate()?;
    let m = r1cs.constraints.len() as u64;
    let n_public = r1cs.n_public();
    let n_vars = r1cs.n_wires as usize;
    let log_n = domain_log(m, n_public);
    if log_n > ptau.power {
        return Err(invalid(format!(
            "circuit too big for this ptau: needs 2^{log_n} > m + nPublic = {}, the file has \
             power {}",
            m + n_public,
            ptau.power
        )));
    }
    if log_n >= 28 {
        return Err(invalid("setup: domains of 2^28 are not supported"));
    }
    if !ptau.has_lagrange {
        return Err(invalid(
            "ptau: no Lagrange sections; run `snarkjs powersoftau prepare phase2` first",
        ));
    }
    let n = 1usize << log_n;
    let n_pub = n_public as usize;
    let rows = m + n_public + 1;

    // Coefficient list (section 4) and per-wire columns, in snarkjs's order.
    let mut coeffs = Vec::new();
    let mut cols = vec![Column::default(); n_vars];
    for (row, (a, b, c)) in r1cs.constraints.iter().enumerate() {
        let row = row as u32;
        for &(s, v) in a {
            coeffs.push(Coef {
                matrix: 0,
                constraint: row,
                signal: s,
                value: v,
            });
            cols[s as usize].a.push((row, v));
        }
        for &(s, v) in b {
            coeffs.push(Coef {
                matrix: 1,
                constraint: row,
                signal: s,
                value: v,
            });
            cols[s as usize].b.push((row, v));
        }
        for &(s, v) in c {
            cols[s as usize].c.push((row, v));
        }
    }
    for (s, col) in cols.iter_mut().enumerate().take(n_pub + 1) {
        let row = (m as usize + s) as u32;
        coeffs.push(Coef {
            matrix: 0,
            constraint: row,
            signal: s as u32,
            value: Fr::one(),
        });
        col.a.push((row, Fr::one()));
    }

    let bases = Bases {
        l1: ptau.lagrange_g1(LAGRANGE_TAU_G1, log_n, rows)?,
        l2: ptau.lagrange_g2(LAGRANGE_TAU_G2, log_n, rows)?,
        alpha: ptau.lagrange_g1(LAGRANGE_ALPHA_TAU_G1, log_n, rows)?,
        beta: ptau.lagrange_g1(LAGRANGE_BETA_TAU_G1, log_n, rows)?,
    };

    // Per wire: A, B1, B2 and K = β·A + α·B + C (IC for public wires, C for the rest).
    let per_wire: Vec<(G1Projective, G1Projective, G2Projective, G1Projective)> = cols
        .par_iter()
        .map(|col| {
            let (mut a, mut b1, mut b2, mut k) = (
                G1Projective::zero(),
                G1Projective::zero(),
                G2Projective::zero(),
                G1Projective::zero(),
            );
            for (row, v) in &col.a {
                add_scaled(&mut a, &bases.l1[*row as usize], v);
                add_scaled(&mut k, &bases.beta[*row as usize], v);
            }
            for (row, v) in &col.b {
                add_scaled(&mut b1, &bases.l1[*row as usize], v);
                add_scaled(&mut b2, &bases.l2[*row as usize], v);
                add_scaled(&mut k, &bases.alpha[*row as usize], v);
            }
            for (row, v) in &col.c {
                add_scaled(&mut k, &bases.l1[*row as usize], v);
            }
            (a, b1, b2, k)
        })
        .collect();
    drop(cols);
    let (a, b1, b2, k) = {
        let mut a = Vec::with_capacity(n_vars);
        let mut b1 = Vec::with_capacity(n_vars);
        let mut b2 = Vec::with_capacity(n_vars);
        let mut k = Vec::with_capacity(n_vars);
        for (x, y, z, w) in per_wire {
            a.push(x);
            b1.push(y);
            b2.push(z);
            k.push(w);
        }
        (
            G1Projective::normalize_batch(&a),
            G1Projective::normalize_batch(&b1),
            G2Projective::normalize_batch(&b2),
            G1Projective::normalize_batch(&k),
        )
    };
    let ic = k[..=n_pub].to_vec();
    let c = k[n_pub + 1..].to_vec();

    // H: the odd points of the size-2n Lagrange block.
    let block2 = ptau.lagrange_g1(LAGRANGE_TAU_G1, log_n + 1, 2 * n as u64)?;
    let h: Vec<G1Affine> = block2.iter().skip(1).step_by(2).copied().collect();

    let alpha1 = ptau.g1_at(ALPHA_TAU_G1, 0)?;
    let beta1 = ptau.g1_at(BETA_TAU_G1, 0)?;
    let beta2 = ptau.g2_at(BETA_G2, 0)?;
    let (g1, g2) = (G1Affine::generator(), G2Affine::generator());

    let mut pk = ProvingKey {
        n_vars,
        n_public: n_pub,
        domain_size: n,
        alpha1,
        beta1,
        beta2,
        gamma2: g2,
        delta1: g1,
        delta2: g2,
        ic,
        coeffs,
        a,
        b1,
        b2,
        c,
        h,
        mpc: None,
    };
    let cs_hash = circuit_hash(&pk, ptau)?;
    pk.mpc = Some(
        MpcParams {
            cs_hash,
            contributions: vec![],
        }
        .to_bytes(),
    );
    Ok(pk)
}

/// Feeds U-format (uncompressed, big-endian) points to the hasher, encoded in parallel.
fn hash_g1s(h: &mut Blake2b512, pts: &[G1Affine]) {
    let mut buf = vec![0u8; pts.len() * 64];
    buf.par_chunks_mut(64)
        .zip(pts.par_iter())
        .with_min_len(1 << 10)
        .for_each(|(o, p)| o.copy_from_slice(&g1_to_uncompressed(p)));
    h.update(&buf);
}

fn hash_g2s(h: &mut Blake2b512, pts: &[G2Affine]) {
    let mut buf = vec![0u8; pts.len() * 128];
    buf.par_chunks_mut(128)
        .zip(pts.par_iter())
        .with_min_len(1 << 8)
        .for_each(|(o, p)| o.copy_from_slice(&g2_to_uncompressed(p)));
    h.update(&buf);
}

/// The circuit hash of a fresh key (`csHash`, FORMATS.md §4.2), including the quirk of
/// snarkjs's `hashHPoints`: the H block hashes `min(n − 1, 2^14)` points per 2^14-step, i.e.
/// n points once n ≥ 2^15, while its count prefix says n − 1; when n = 2^power the last of
/// those reads lies past tauG1 (see `past_the_end`).
pub fn circuit_hash(pk: &ProvingKey, ptau: &PtauFile<'_>) -> Result<[u8; 64]> {
    let n = pk.domain_size;
    let mut h = Blake2b512::new();
    hash_g1s(&mut h, &[pk.alpha1, pk.beta1]);
    hash_g2s(&mut h, &[pk.beta2, pk.gamma2]);
    hash_g1s(&mut h, &[pk.delta1]);
    hash_g2s(&mut h, &[pk.delta2]);
    h.update((pk.ic.len() as u32).to_be_bytes());
    hash_g1s(&mut h, &pk.ic);

    const CHUNK: usize = 1 << 14;
    let count: usize = (0..n.saturating_sub(1))
        .step_by(CHUNK)
        .map(|_| (n - 1).min(CHUNK))
        .sum();
    // tauG1 has 2^(power+1) − 1 points; with n = 2^power ≥ 2^15 snarkjs's last read runs
    // one point past the section (see `past_the_end`).
    let tau_len = (1usize << (ptau.power + 1)) - 1;
    let inside = count.min(tau_len - n);
    let lo = ptau.g1(TAU_G1, 0, count as u64)?;
    let hi = ptau.g1(TAU_G1, n as u64, inside as u64)?;
    let diff: Vec<G1Projective> = hi
        .par_iter()
        .zip(lo.par_iter())
        .map(|(a, b)| a.into_group() - b)
        .collect();
    h.update(((n - 1) as u32).to_be_bytes());
    hash_g1s(&mut h, &G1Projective::normalize_batch(&diff));
    if count > inside {
        h.update(past_the_end(ptau, &lo[inside])?);
    }

    h.update((pk.c.len() as u32).to_be_bytes());
    hash_g1s(&mut h, &pk.c);
    h.update((pk.a.len() as u32).to_be_bytes());
    hash_g1s(&mut h, &pk.a);
    h.update((pk.b1.len() as u32).to_be_bytes());
    hash_g1s(&mut h, &pk.b1);
    h.update((pk.b2.len() as u32).to_be_bytes());
    hash_g2s(&mut h, &pk.b2);
    let mut out = [0u8; 64];
    out.copy_from_slice(&h.finalize());
    Ok(out)
}

/// snarkjs's `hashHPoints` for n = 2^power reads its last "point" from the 64 file bytes
/// after section 2 (the next section's header and the start of its data) and hashes
/// `g1m_subAffine(those bytes, tauG1[n−1])`, computed by wasmcurves on words that are not
/// reduced mod q. Its field add/sub wrap at 2^256 (so results are not always congruent),
/// its Montgomery product is exact; we replay `g1m_addAffine` with the same integer
/// operations and convert the Jacobian result like `batchToAffine`. Returned in U format.
fn past_the_end(ptau: &PtauFile<'_>, lo: &G1Affine) -> Result<[u8; 64]> {
    use ark_bn254::Fq;
    let raw = ptau.bytes_after(TAU_G1, 64)?;
    let word = |b: &[u8]| -> W {
        let mut w = [0u64; 4];
        for (i, x) in w.iter_mut().enumerate() {
            *x = u64::from_le_bytes(b[8 * i..8 * i + 8].try_into().expect("8"));
        }
        w
    };
    let (x1, y1) = (word(&raw[..32]), word(&raw[32..]));
    // −tauG1[n−1] as Montgomery words (canonical).
    let x2 = lo.x.0 .0;
    let y2 = (-lo.y).0 .0;
    let h = w_sub(&x2, &x1);
    let ym = w_sub(&y2, &y1);
    let hh = w_mul(&h, &h);
    let i = w_add(&hh, &hh);
    let i = w_add(&i, &i);
    let j = w_mul(&h, &i);
    let r = w_add(&ym, &ym);
    let v = w_mul(&x1, &i);
    let r2 = w_mul(&r, &r);
    let v2 = w_add(&v, &v);
    let x3 = w_sub(&w_sub(&r2, &j), &v2);
    let yj = w_mul(&y1, &j);
    let yj = w_add(&yj, &yj);
    let y3 = w_sub(&w_mul(&w_sub(&v, &x3), &r), &yj);
    let z3 = w_add(&h, &h);
    // From here on only products and an inverse: congruent, so plain field arithmetic.
    let r_inv = Fq::from(2u64).pow([256u64]).inverse().expect("non-zero");
    let elem = |w: &W| {
        let mut b = [0u8; 32];
        for (k, x) in w.iter().enumerate() {
            b[8 * k..8 * k + 8].copy_from_slice(&x.to_le_bytes());
        }
        Fq::from_le_bytes_mod_order(&b) * r_inv
    };
    let zi = elem(&z3)
        .inverse()
        .ok_or_else(|| invalid("setup: degenerate csHash read"))?;
    let x = elem(&x3) * zi.square();
    let y = elem(&y3) * zi.square() * zi;
    let mut out = [0u8; 64];
    crate::bn254::encoding::fq_write_be(&x, &mut out[..32]);
    crate::bn254::encoding::fq_write_be(&y, &mut out[32..]);
    Ok(out)
}

/// A 256-bit word as wasmcurves' field code handles it (little-endian u64 limbs).
type W = [u64; 4];

fn q_words() -> W {
    <ark_bn254::Fq as PrimeField>::MODULUS.0
}

fn w_add_raw(a: &W, b: &W) -> (W, bool) {
    let mut r = [0u64; 4];
    let mut carry = false;
    for k in 0..4 {
        let (s1, c1) = a[k].overflowing_add(b[k]);
        let (s2, c2) = s1.overflowing_add(carry as u64);
        r[k] = s2;
        carry = c1 || c2;
    }
    (r, carry)
}

fn w_sub_raw(a: &W, b: &W) -> (W, bool) {
    let mut r = [0u64; 4];
    let mut borrow = false;
    for k in 0..4 {
        let (d1, b1) = a[k].overflowing_sub(b[k]);
        let (d2, b2) = d1.overflowing_sub(borrow as u64);
        r[k] = d2;
        borrow = b1 || b2;
    }
    (r, borrow)
}

fn w_ge(a: &W, b: &W) -> bool {
    for k in (0..4).rev() {
        if a[k] != b[k] {
            return a[k] > b[k];
        }
    }
    true
}

/// f1m_add: int add; on carry or ≥ q subtract q (mod 2^256).
fn w_add(a: &W, b: &W) -> W {
    let q = q_words();
    let (s, carry) = w_add_raw(a, b);
    if carry || w_ge(&s, &q) {
        w_sub_raw(&s, &q).0
    } else {
        s
    }
}

/// f1m_sub: int sub; on borrow add q (mod 2^256).
fn w_sub(a: &W, b: &W) -> W {
    let (d, borrow) = w_sub_raw(a, b);
    if borrow {
        w_add_raw(&d, &q_words()).0
    } else {
        d
    }
}

/// f1m_mul: the exact Montgomery product t = (a·b + m·q)/2^256, minus q once if it carries
/// past 2^256 or is ≥ q.
fn w_mul(a: &W, b: &W) -> W {
    let q = q_words();
    let mut t = [0u64; 9];
    for i in 0..4 {
        let mut carry = 0u128;
        for j in 0..4 {
            let v = t[i + j] as u128 + a[i] as u128 * b[j] as u128 + carry;
            t[i + j] = v as u64;
            carry = v >> 64;
        }
        t[i + 4] = carry as u64;
    }
    // −q⁻¹ mod 2^64.
    let mut inv = 1u64;
    for _ in 0..63 {
        inv = inv.wrapping_mul(inv).wrapping_mul(q[0]);
    }
    let inv = inv.wrapping_neg();
    for i in 0..4 {
        let m = t[i].wrapping_mul(inv);
        let mut carry = 0u128;
        for j in 0..4 {
            let v = t[i + j] as u128 + m as u128 * q[j] as u128 + carry;
            t[i + j] = v as u64;
            carry = v >> 64;
        }
        let mut k = i + 4;
        while carry != 0 && k < 9 {
            let v = t[k] as u128 + carry;
            t[k] = v as u64;
            carry = v >> 64;
            k += 1;
        }
    }
    let r = [t[4], t[5], t[6], t[7]];
    if t[8] != 0 || w_ge(&r, &q) {
        w_sub_raw(&r, &q).0
    } else {
        r
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wasm_word_ops_agree_with_the_field_on_reduced_inputs() {
        use ark_bn254::Fq;
        let a = Fq::from(123456789u64).pow([77u64]);
        let b = -Fq::from(987654321u64).pow([55u64]);
        assert_eq!(w_mul(&a.0 .0, &b.0 .0), (a * b).0 .0);
        assert_eq!(w_add(&a.0 .0, &b.0 .0), (a + b).0 .0);
        assert_eq!(w_sub(&a.0 .0, &b.0 .0), (a - b).0 .0);
        assert_eq!(w_sub(&b.0 .0, &a.0 .0), (b - a).0 .0);
    }

    #[test]
    fn domain_is_strictly_greater() {
        assert_eq!(domain_log(0, 0), 1);
        assert_eq!(domain_log(3, 1), 3); // 4 → 8
        assert_eq!(domain_log(3, 0), 2); // 3 → 4
        assert_eq!(domain_log(4, 3), 3); // 7 → 8
    }
}
