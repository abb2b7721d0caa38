//! Canonical byte encodings of BN254 field elements, points and GT elements.
//!
//! All public encodings are big-endian:
//! - `Fr`, `Fq`: 32 bytes, the integer value; a value `>=` the modulus is rejected.
//! - `Fq2` `c0 + c1*u`: 64 bytes `c1 || c0` (EIP-197 order).
//! - G1 uncompressed: 64 bytes `x || y`; G2 uncompressed: 128 bytes `x || y` with each
//!   coordinate an `Fq2` as above. The point at infinity is all zero bytes (the point (0, 0)
//!   is on neither curve, so this is unambiguous).
//! - G1 compressed: 32 bytes, G2 compressed: 64 bytes: `x` as above, with flags in the top
//!   two bits of byte 0 (free because q < 2^254), as snarkjs/wasmcurves' "C" format:
//!   `0x80` = y is the larger square root ("negative": for Fq, y > (q-1)/2; for Fq2, decided
//!   by c1 when c1 != 0, else by c0); `0x40` = infinity, with every other bit zero.
//! - GT (an `Fq12`): 384 bytes, twelve 32-byte `Fq` coefficients in arkworks' tower order
//!   `c0.c0.c0, c0.c0.c1, c0.c1.c0, c0.c1.c1, c0.c2.c0, c0.c2.c1, c1.c0.c0, ..., c1.c2.c1`,
//!   where `Fq12 = Fq6[w]/(w^2 - v)`, `Fq6 = Fq2[v]/(v^3 - (9 + u))`, `Fq2 = Fq[u]/(u^2 + 1)`.
//!   Coefficient `cA.cB.cC` multiplies `w^A * v^B * u^C`.
//!
//! Every decoder checks everything: length, canonical coordinates, flag bits, curve
//! equation and prime-order subgroup membership (GT: membership of the order-r subgroup).
use ark_bn254::{Fq, Fq12, Fq2, Fq6, Fr, G1Affine, G2Affine};
use ark_ec::AffineRepr;
use ark_ff::{BigInt, CyclotomicMultSubgroup, Field, PrimeField, Zero};

use crate::error::{Error, Result};

pub const FR_BYTES: usize = 32;
pub const FQ_BYTES: usize = 32;
pub const G1_UNCOMPRESSED: usize = 64;
pub const G1_COMPRESSED: usize = 32;
pub const G2_UNCOMPRESSED: usize = 128;
pub const G2_COMPRESSED: usize = 64;
pub const GT_BYTES: usize = 384;

const FLAG_LARGEST: u8 = 0x80;
const FLAG_INFINITY: u8 = 0x40;
const FLAG_MASK: u8 = 0xC0;

fn encoding(msg: impl Into<String>) -> Error {
    Error::InvalidEncoding(msg.into())
}

fn limbs_from_be(b: &[u8]) -> BigInt<4> {
    debug_assert_eq!(b.len(), 32);
    let mut limbs = [0u64; 4];
    for (i, limb) in limbs.iter_mut().enumerate() {
        let start = 32 - 8 * (i + 1);
        *limb = u64::from_be_bytes(b[start..start + 8].try_into().expect("8 bytes"));
    }
    BigInt::new(limbs)
}

fn limbs_from_le(b: &[u8]) -> BigInt<4> {
    debug_assert_eq!(b.len(), 32);
    let mut limbs = [0u64; 4];
    for (i, limb) in limbs.iter_mut().enumerate() {
        *limb = u64::from_le_bytes(b[8 * i..8 * i + 8].try_into().expect("8 bytes"));
    }
    BigInt::new(limbs)
}

fn limbs_to_be(x: BigInt<4>, out: &mut [u8]) {
    for (i, limb) in x.0.iter().enumerate() {
        let start = 32 - 8 * (i + 1);
        out[start..start + 8].copy_from_slice(&limb.to_be_bytes());
    }
}

fn check_len(what: &str, b: &[u8], want: usize) -> Result<()> {
    if b.len() != want {
        return Err(Error::InvalidInput(format!(
            "{what}: expected {want} bytes, got {}",
            b.len()
        )));
    }
    Ok(())
}

// ----- scalar field ------------------------------------------------------------------------

/// Decodes a 32-byte big-endian scalar; rejects values `>= r`.
pub fn fr_from_be(b: &[u8]) -> Result<Fr> {
    check_len("Fr", b, FR_BYTES)?;
    Fr::from_bigint(limbs_from_be(b)).ok_or_else(|| encoding("Fr: value >= r (not canonical)"))
}

/// Decodes a 32-byte little-endian scalar word (the internal array form); rejects `>= r`.
pub fn fr_from_le(b: &[u8]) -> Result<Fr> {
    check_len("Fr", b, FR_BYTES)?;
    fr_from_le_word(b).ok_or_else(|| encoding("Fr: value >= r (not canonical)"))
}

/// The one decoder of 32-byte little-endian words (arrays across the FFI, circom files,
/// witness programs, packed points): `None` unless exactly 32 bytes encoding a value `< r`.
pub fn fr_from_le_word(b: &[u8]) -> Option<Fr> {
    if b.len() != FR_BYTES {
        return None;
    }
    Fr::from_bigint(limbs_from_le(b))
}

/// Writes `x` (normal form) as a 32-byte little-endian word into `out[..32]`.
pub fn fr_write_le(x: &Fr, out: &mut [u8]) {
    for (i, limb) in x.into_bigint().0.iter().enumerate() {
        out[8 * i..8 * i + 8].copy_from_slice(&limb.to_le_bytes());
    }
}

pub fn fr_to_be(x: &Fr) -> [u8; 32] {
    let mut out = [0u8; 32];
    limbs_to_be(x.into_bigint(), &mut out);
    out
}

pub fn fr_to_le(x: &Fr) -> [u8; 32] {
    let mut out = [0u8; 32];
    fr_write_le(x, &mut out);
    out
}

// ----- base field and its extensions -------------------------------------------------------

/// Decodes a 32-byte big-endian base-field element; rejects values `>= q`.
pub fn fq_from_be(b: &[u8]) -> Result<Fq> {
    check_len("Fq", b, FQ_BYTES)?;
    Fq::from_bigint(limbs_from_be(b)).ok_or_else(|| encoding("Fq: coordinate >= q (not canonical)"))
}

pub fn fq_write_be(x: &Fq, out: &mut [u8]) {
    limbs_to_be(x.into_bigint(), out);
}

/// `c1 || c0`, each 32 bytes big-endian.
pub fn fq2_from_be(b: &[u8]) -> Result<Fq2> {
    check_len("Fq2", b, 2 * FQ_BYTES)?;
    let c1 = fq_from_be(&b[..32])?;
    let c0 = fq_from_be(&b[32..])?;
    Ok(Fq2::new(c0, c1))
}

pub fn fq2_write_be(x: &Fq2, out: &mut [u8]) {
    fq_write_be(&x.c1, &mut out[..32]);
    fq_write_be(&x.c0, &mut out[32..64]);
}

/// The wasmcurves sign: true when `y > (q-1)/2`.
fn fq_is_larger(y: &Fq) -> bool {
    y.into_bigint() > Fq::MODULUS_MINUS_ONE_DIV_TWO
}

/// The wasmcurves sign of an `Fq2`: decided by c1 when c1 != 0, else by c0.
fn fq2_is_larger(y: &Fq2) -> bool {
    if y.c1.is_zero() {
        fq_is_larger(&y.c0)
    } else {
        fq_is_larger(&y.c1)
    }
}

// ----- G1 ------------------------------------------------------------------------------------

fn check_g1(p: G1Affine) -> Result<G1Affine> {
    if !p.is_on_curve() {
        return Err(Error::NotOnCurve("G1: point is not on the curve".into()));
    }
    // The cofactor of G1 is 1, so this is always true for a point on the curve; kept so the
    // check cannot be forgotten if the code is reused.
    if !p.is_in_correct_subgroup_assuming_on_curve() {
        return Err(Error::NotInSubgroup(
            "G1: point is not in the subgroup".into(),
        ));
    }
    Ok(p)
}

/// Builds a G1 point from affine coordinates with all checks.
pub fn g1_from_xy(x: Fq, y: Fq) -> Result<G1Affine> {
    if x.is_zero() && y.is_zero() {
        return Ok(G1Affine::identity());
    }
    check_g1(G1Affine::new_unchecked(x, y))
}

/// Decodes 64 bytes `x || y`.
pub fn g1_from_uncompressed(b: &[u8]) -> Result<G1Affine> {
    check_len("G1 (uncompressed)", b, G1_UNCOMPRESSED)?;
    let x = fq_from_be(&b[..32])?;
    let y = fq_from_be(&b[32..])?;
    g1_from_xy(x, y)
}

pub fn g1_write_uncompressed(p: &G1Affine, out: &mut [u8]) {
    if p.is_zero() {
        out[..G1_UNCOMPRESSED].fill(0);
        return;
    }
    fq_write_be(&p.x, &mut out[..32]);
    fq_write_be(&p.y, &mut out[32..64]);
}

pub fn g1_to_uncompressed(p: &G1Affine) -> [u8; G1_UNCOMPRESSED] {
    let mut out = [0u8; G1_UNCOMPRESSED];
    g1_write_uncompressed(p, &mut out);
    out
}

/// Splits byte 0's flag bits off a compressed encoding. Returns `None` for a valid infinity
/// encoding, else `(largest, x bytes with flags cleared)`.
fn split_flags(what: &str, b: &[u8]) -> Result<Option<(bool, Vec<u8>)>> {
    let flags = b[0] & FLAG_MASK;
    if flags & FLAG_INFINITY != 0 {
        if flags != FLAG_INFINITY || b[0] & !FLAG_MASK != 0 || b[1..].iter().any(|&v| v != 0) {
            return Err(encoding(format!(
                "{what}: infinity flag set with other bits non-zero"
            )));
        }
        return Ok(None);
    }
    let mut x = b.to_vec();
    x[0] &= !FLAG_MASK;
    Ok(Some((flags & FLAG_LARGEST != 0, x)))
}

/// Decodes the 32-byte compressed form.
pub fn g1_from_compressed(b: &[u8]) -> Result<G1Affine> {
    check_len("G1 (compressed)", b, G1_COMPRESSED)?;
    let Some((largest, xb)) = split_flags("G1", b)? else {
        return Ok(G1Affine::identity());
    };
    let x = fq_from_be(&xb)?;
    let rhs = x.square() * x + g1_b();
    let mut y = rhs.sqrt().ok_or_else(|| {
        Error::NotOnCurve("G1: x is not the x-coordinate of a curve point".into())
    })?;
    if fq_is_larger(&y) != largest {
        y = -y;
    }
    check_g1(G1Affine::new_unchecked(x, y))
}

pub fn g1_to_compressed(p: &G1Affine) -> [u8; G1_COMPRESSED] {
    let mut out = [0u8; G1_COMPRESSED];
    if p.is_zero() {
        out[0] = FLAG_INFINITY;
        return out;
    }
    fq_write_be(&p.x, &mut out);
    if fq_is_larger(&p.y) {
        out[0] |= FLAG_LARGEST;
    }
    out
}

/// Decodes either form, chosen by length (64 uncompressed, 32 compressed).
pub fn g1_from_bytes(b: &[u8]) -> Result<G1Affine> {
    match b.len() {
        G1_UNCOMPRESSED => g1_from_uncompressed(b),
        G1_COMPRESSED => g1_from_compressed(b),
        n => Err(Error::InvalidInput(format!(
            "G1: expected 64 (uncompressed) or 32 (compressed) bytes, got {n}"
        ))),
    }
}

fn g1_b() -> Fq {
    <ark_bn254::g1::Config as ark_ec::short_weierstrass::SWCurveConfig>::COEFF_B
}

fn g2_b() -> Fq2 {
    <ark_bn254::g2::Config as ark_ec::short_weierstrass::SWCurveConfig>::COEFF_B
}

// ----- G2 ------------------------------------------------------------------------------------

fn check_g2(p: G2Affine) -> Result<G2Affine> {
    if !p.is_on_curve() {
        return Err(Error::NotOnCurve("G2: point is not on the curve".into()));
    }
    // G2 has a large cofactor: this check (psi(P) == [6x^2]P, El Housni-Guillevic-Piellard
    // 2022/352) is what keeps small-order components out.
    if !p.is_in_correct_subgroup_assuming_on_curve() {
        return Err(Error::NotInSubgroup(
            "G2: point is on the curve but not in the prime-order subgroup".into(),
        ));
    }
    Ok(p)
}

/// Builds a G2 point from affine coordinates with all checks.
pub fn g2_from_xy(x: Fq2, y: Fq2) -> Result<G2Affine> {
    if x.is_zero() && y.is_zero() {
        return Ok(G2Affine::identity());
    }
    check_g2(G2Affine::new_unchecked(x, y))
}

/// Decodes 128 bytes `x.c1 || x.c0 || y.c1 || y.c0`.
pub fn g2_from_uncompressed(b: &[u8]) -> Result<G2Affine> {
    check_len("G2 (uncompressed)", b, G2_UNCOMPRESSED)?;
    let x = fq2_from_be(&b[..64])?;
    let y = fq2_from_be(&b[64..])?;
    g2_from_xy(x, y)
}

pub fn g2_write_uncompressed(p: &G2Affine, out: &mut [u8]) {
    if p.is_zero() {
        out[..G2_UNCOMPRESSED].fill(0);
        return;
    }
    fq2_write_be(&p.x, &mut out[..64]);
    fq2_write_be(&p.y, &mut out[64..128]);
}

pub fn g2_to_uncompressed(p: &G2Affine) -> [u8; G2_UNCOMPRESSED] {
    let mut out = [0u8; G2_UNCOMPRESSED];
    g2_write_uncompressed(p, &mut out);
    out
}

/// Decodes the 64-byte compressed form.
pub fn g2_from_compressed(b: &[u8]) -> Result<G2Affine> {
    check_len("G2 (compressed)", b, G2_COMPRESSED)?;
    let Some((largest, xb)) = split_flags("G2", b)? else {
        return Ok(G2Affine::identity());
    };
    let x = fq2_from_be(&xb)?;
    let rhs = x.square() * x + g2_b();
    let mut y = rhs.sqrt().ok_or_else(|| {
        Error::NotOnCurve("G2: x is not the x-coordinate of a curve point".into())
    })?;
    if fq2_is_larger(&y) != largest {
        y = -y;
    }
    check_g2(G2Affine::new_unchecked(x, y))
}

pub fn g2_to_compressed(p: &G2Affine) -> [u8; G2_COMPRESSED] {
    let mut out = [0u8; G2_COMPRESSED];
    if p.is_zero() {
        out[0] = FLAG_INFINITY;
        return out;
    }
    fq2_write_be(&p.x, &mut out);
    if fq2_is_larger(&p.y) {
        out[0] |= FLAG_LARGEST;
    }
    out
}

/// Decodes either form, chosen by length (128 uncompressed, 64 compressed).
pub fn g2_from_bytes(b: &[u8]) -> Result<G2Affine> {
    match b.len() {
        G2_UNCOMPRESSED => g2_from_uncompressed(b),
        G2_COMPRESSED => g2_from_compressed(b),
        n => Err(Error::InvalidInput(format!(
            "G2: expected 128 (uncompressed) or 64 (compressed) bytes, got {n}"
        ))),
    }
}

// ----- GT --------------------------------------------------------------------------------------

fn fq12_coeffs(x: &Fq12) -> [Fq; 12] {
    let mut out = [Fq::zero(); 12];
    for (a, c6) in [&x.c0, &x.c1].into_iter().enumerate() {
        for (b, c2) in [&c6.c0, &c6.c1, &c6.c2].into_iter().enumerate() {
            out[6 * a + 2 * b] = c2.c0;
            out[6 * a + 2 * b + 1] = c2.c1;
        }
    }
    out
}

/// Encodes an `Fq12` (documented order at the top of this module).
pub fn gt_to_bytes(x: &Fq12) -> [u8; GT_BYTES] {
    let mut out = [0u8; GT_BYTES];
    for (i, c) in fq12_coeffs(x).iter().enumerate() {
        fq_write_be(c, &mut out[32 * i..32 * (i + 1)]);
    }
    out
}

/// Decodes 384 bytes to an `Fq12` without the subgroup check (canonical coefficients only).
pub fn fq12_from_bytes(b: &[u8]) -> Result<Fq12> {
    check_len("GT", b, GT_BYTES)?;
    let mut c = [Fq::zero(); 12];
    for (i, ci) in c.iter_mut().enumerate() {
        *ci = fq_from_be(&b[32 * i..32 * (i + 1)])?;
    }
    let f6 = |o: usize| {
        Fq6::new(
            Fq2::new(c[o], c[o + 1]),
            Fq2::new(c[o + 2], c[o + 3]),
            Fq2::new(c[o + 4], c[o + 5]),
        )
    };
    Ok(Fq12::new(f6(0), f6(6)))
}

/// 6x^2 for the BN parameter x = 4965661367192848881, as little-endian limbs.
const SIX_X_SQUARED: [u64; 2] = [17887900258952609094, 8020209761171036667];

/// Whether `x` is in GT, the order-r subgroup of `Fq12^*`.
///
/// Two cheap tests instead of `x^r == 1` (a 254-bit exponentiation, ~6x slower):
/// 1. `x^(q^4 - q^2 + 1) == 1` (Frobenius maps only): x is in the cyclotomic subgroup, whose
///    order is Phi_12(q) = q^4 - q^2 + 1, a multiple of r;
/// 2. `x^q == x^(6x^2)` (a 127-bit cyclotomic exponentiation; q = 6x^2 mod r).
///
/// Together they give ord(x) | gcd(Phi_12(q), q - 6x^2), which is exactly r for BN254
/// (checked numerically; `tests::gt_membership_matches_pow_r` compares with `x^r == 1`).
pub fn gt_is_member(x: &Fq12) -> bool {
    if x.is_zero() {
        return false;
    }
    let mut q4 = *x;
    q4.frobenius_map_in_place(4);
    let mut q2 = *x;
    q2.frobenius_map_in_place(2);
    if q4 * x != q2 {
        return false;
    }
    let mut q1 = *x;
    q1.frobenius_map_in_place(1);
    q1 == x.cyclotomic_exp(SIX_X_SQUARED)
}

/// The definition, for tests: `x != 0` and `x^r == 1`.
#[cfg(test)]
fn gt_is_member_slow(x: &Fq12) -> bool {
    use ark_ff::One;
    !x.is_zero() && x.pow(Fr::MODULUS).is_one()
}

/// Decodes a GT element with all checks (canonical coefficients, order-r subgroup).
pub fn gt_from_bytes(b: &[u8]) -> Result<Fq12> {
    let x = fq12_from_bytes(b)?;
    if !gt_is_member(&x) {
        return Err(Error::NotInSubgroup(
            "GT: element is not in the order-r subgroup of Fq12".into(),
        ));
    }
    Ok(x)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ark_ec::{AffineRepr, CurveGroup};
    use ark_ff::{One, UniformRand};

    fn rng() -> ark_std::rand::rngs::StdRng {
        use ark_std::rand::SeedableRng;
        ark_std::rand::rngs::StdRng::seed_from_u64(7)
    }

    #[test]
    fn fr_roundtrip_and_reject() {
        let mut r = rng();
        for _ in 0..20 {
            let x = Fr::rand(&mut r);
            assert_eq!(fr_from_be(&fr_to_be(&x)).unwrap(), x);
            assert_eq!(fr_from_le(&fr_to_le(&x)).unwrap(), x);
        }
        let mut m = [0u8; 32];
        limbs_to_be(Fr::MODULUS, &mut m);
        assert!(matches!(fr_from_be(&m), Err(Error::InvalidEncoding(_))));
        assert!(matches!(
            fr_from_be(&[0u8; 31]),
            Err(Error::InvalidInput(_))
        ));
    }

    #[test]
    fn g1_roundtrips() {
        let mut r = rng();
        for i in 0..20 {
            let p = if i == 0 {
                G1Affine::identity()
            } else {
                ark_bn254::G1Projective::rand(&mut r).into_affine()
            };
            assert_eq!(g1_from_uncompressed(&g1_to_uncompressed(&p)).unwrap(), p);
            assert_eq!(g1_from_compressed(&g1_to_compressed(&p)).unwrap(), p);
            assert_eq!(g1_from_compressed(&g1_to_compressed(&-p)).unwrap(), -p);
        }
    }

    #[test]
    fn g2_roundtrips() {
        let mut r = rng();
        for i in 0..20 {
            let p = if i == 0 {
                G2Affine::identity()
            } else {
                ark_bn254::G2Projective::rand(&mut r).into_affine()
            };
            assert_eq!(g2_from_uncompressed(&g2_to_uncompressed(&p)).unwrap(), p);
            assert_eq!(g2_from_compressed(&g2_to_compressed(&p)).unwrap(), p);
            assert_eq!(g2_from_compressed(&g2_to_compressed(&-p)).unwrap(), -p);
        }
        let g = G2Affine::generator();
        assert!(g.y.c1 != Fq::zero());
    }

    #[test]
    fn bad_flags_rejected() {
        let p = G1Affine::generator();
        let mut c = g1_to_compressed(&p);
        c[0] |= 0x40; // infinity flag with x bits set
        assert!(matches!(
            g1_from_compressed(&c),
            Err(Error::InvalidEncoding(_))
        ));
        let mut inf = [0u8; 32];
        inf[0] = 0xC0;
        assert!(matches!(
            g1_from_compressed(&inf),
            Err(Error::InvalidEncoding(_))
        ));
        inf[0] = 0x40;
        inf[31] = 1;
        assert!(matches!(
            g1_from_compressed(&inf),
            Err(Error::InvalidEncoding(_))
        ));
        inf[31] = 0;
        assert!(g1_from_compressed(&inf).unwrap().is_zero());
    }

    /// An on-curve G2 point outside the subgroup: any x with x^3 + b square gives a curve
    /// point, and with cofactor h ~ 2^254 a random one lies outside the subgroup.
    pub(crate) fn g2_point_outside_subgroup() -> G2Affine {
        let mut x = Fq2::new(Fq::from(1u64), Fq::from(1u64));
        loop {
            if let Some(y) = (x.square() * x + g2_b()).sqrt() {
                let p = G2Affine::new_unchecked(x, y);
                assert!(p.is_on_curve());
                if !p.is_in_correct_subgroup_assuming_on_curve() {
                    return p;
                }
            }
            x += Fq2::one();
        }
    }

    #[test]
    fn g2_subgroup_check_is_real() {
        let p = g2_point_outside_subgroup();
        // Independent check: r * P != 0 for a point outside the subgroup.
        assert!(!p.mul_bigint(Fr::MODULUS).is_zero());
        let b = g2_to_uncompressed(&p);
        assert!(matches!(
            g2_from_uncompressed(&b),
            Err(Error::NotInSubgroup(_))
        ));
        assert!(matches!(
            g2_from_compressed(&g2_to_compressed(&p)),
            Err(Error::NotInSubgroup(_))
        ));
        // Clearing the cofactor lands in the subgroup, where both checks agree.
        let q = p.clear_cofactor();
        assert!(q.mul_bigint(Fr::MODULUS).is_zero());
        assert_eq!(g2_from_uncompressed(&g2_to_uncompressed(&q)).unwrap(), q);
    }

    #[test]
    fn off_curve_rejected() {
        let mut b = g1_to_uncompressed(&G1Affine::generator());
        b[63] ^= 1;
        assert!(matches!(
            g1_from_uncompressed(&b),
            Err(Error::NotOnCurve(_))
        ));
        let mut b = g2_to_uncompressed(&G2Affine::generator());
        b[127] ^= 1;
        assert!(matches!(
            g2_from_uncompressed(&b),
            Err(Error::NotOnCurve(_))
        ));
    }

    #[test]
    fn gt_roundtrip_and_membership() {
        use ark_ec::pairing::Pairing;
        let e = ark_bn254::Bn254::pairing(G1Affine::generator(), G2Affine::generator()).0;
        let b = gt_to_bytes(&e);
        assert_eq!(gt_from_bytes(&b).unwrap(), e);
        let mut two = [0u8; GT_BYTES];
        two[31] = 2;
        assert!(matches!(gt_from_bytes(&two), Err(Error::NotInSubgroup(_))));
    }

    #[test]
    fn six_x_squared_constant() {
        let x: u128 = 4965661367192848881;
        let v = 6 * x * x;
        assert_eq!(SIX_X_SQUARED, [v as u64, (v >> 64) as u64]);
    }

    #[test]
    fn gt_membership_matches_pow_r() {
        use ark_ec::pairing::Pairing;
        let mut r = rng();
        let e = ark_bn254::Bn254::pairing(G1Affine::generator(), G2Affine::generator()).0;
        for i in 0..12 {
            let random = Fq12::rand(&mut r);
            // Into the cyclotomic subgroup (the "easy part" of the final exponentiation):
            // passes test 1 but, with overwhelming probability, not test 2.
            let mut cyclo = random;
            cyclo.frobenius_map_in_place(6);
            cyclo *= random.inverse().unwrap();
            let mut c2 = cyclo;
            c2.frobenius_map_in_place(2);
            cyclo *= c2;
            let member = e.pow([i as u64 + 1]);
            for (x, want) in [(random, false), (cyclo, false), (member, true)] {
                assert_eq!(gt_is_member_slow(&x), want);
                assert_eq!(gt_is_member(&x), want);
            }
            // A member times an element of small order dividing Phi_12(q)/r is not a member.
            let h_part = cyclo.pow(Fr::MODULUS);
            assert!(!h_part.is_one());
            assert!(!gt_is_member(&(member * h_part)));
            assert!(!gt_is_member_slow(&(member * h_part)));
        }
        assert!(gt_is_member(&Fq12::one()));
        assert!(!gt_is_member(&Fq12::zero()));
    }
}
