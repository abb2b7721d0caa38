//! Baby Jubjub (EIP-2494): the twisted Edwards curve a·x² + y² = 1 + d·x²·y² with
//! a = 168700, d = 168696 over the BN254 scalar field, exactly as circomlibjs's `babyjub`.
//!
//! The group has order 8·l; `base8` generates the subgroup of prime order l that EdDSA uses.
//! The addition law is complete (a is a square, d is not), so one formula serves every pair
//! of points, the identity (0, 1) included. Points are kept affine; arithmetic runs in
//! extended coordinates (X : Y : T : Z), x = X/Z, y = Y/Z, T = XY/Z.
//!
//! Scalar multiplication uses a fixed 4-bit window over all 256 bits of the scalar, so its
//! sequence of curve operations does not depend on the scalar; the field arithmetic
//! underneath is not hardened against timing side channels.
use ark_bn254::Fr;
use ark_ff::{AdditiveGroup, BigInt, BigInteger, Field, MontFp, One, PrimeField, Zero};

use crate::error::{Error, Result};

pub const COEFF_A: Fr = MontFp!("168700");
pub const COEFF_D: Fr = MontFp!("168696");

/// Order of the prime-order subgroup, l.
pub const SUBGROUP_ORDER: BigInt<4> =
    BigInt!("2736030358979909402780800718157159386076813972158567259200215660948447373041");
/// Order of the whole curve group, 8·l.
pub const ORDER: BigInt<4> =
    BigInt!("21888242871839275222246405745257275088614511777268538073601725287587578984328");

/// An affine point of Baby Jubjub. Values of this type are always on the curve.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Point {
    x: Fr,
    y: Fr,
}

#[derive(Clone, Copy, Debug)]
struct Extended {
    x: Fr,
    y: Fr,
    t: Fr,
    z: Fr,
}

impl Extended {
    const IDENTITY: Extended = Extended {
        x: Fr::ZERO,
        y: Fr::ONE,
        t: Fr::ZERO,
        z: Fr::ONE,
    };

    fn from_affine(p: &Point) -> Self {
        Extended {
            x: p.x,
            y: p.y,
            t: p.x * p.y,
            z: Fr::one(),
        }
    }

    fn to_affine(self) -> Point {
        // Z is never zero for points of a complete twisted Edwards curve.
        let zi = self.z.inverse().expect("Z of an Edwards point is non-zero");
        Point {
            x: self.x * zi,
            y: self.y * zi,
        }
    }

    /// Unified addition (Hisil–Wong–Carter–Dawson 2008, "add-2008-hwcd").
    fn add(&self, o: &Extended) -> Extended {
        let a = self.x * o.x;
        let b = self.y * o.y;
        let c = COEFF_D * self.t * o.t;
        let d = self.z * o.z;
        let e = (self.x + self.y) * (o.x + o.y) - a - b;
        let f = d - c;
        let g = d + c;
        let h = b - COEFF_A * a;
        Extended {
            x: e * f,
            y: g * h,
            t: e * h,
            z: f * g,
        }
    }

    /// Doubling ("dbl-2008-hwcd").
    fn double(&self) -> Extended {
        let a = self.x.square();
        let b = self.y.square();
        let c = self.z.square().double();
        let d = COEFF_A * a;
        let e = (self.x + self.y).square() - a - b;
        let g = d + b;
        let f = g - c;
        let h = d - b;
        Extended {
            x: e * f,
            y: g * h,
            t: e * h,
            z: f * g,
        }
    }

    fn is_identity(&self) -> bool {
        self.x.is_zero() && self.y == self.z
    }
}

/// (p - 1) / 2: x above it has its sign bit set in the packed form.
fn half_modulus() -> BigInt<4> {
    Fr::MODULUS_MINUS_ONE_DIV_TWO
}

fn is_negative(x: &Fr) -> bool {
    x.into_bigint() > half_modulus()
}

impl Point {
    pub const IDENTITY: Point = Point {
        x: Fr::ZERO,
        y: Fr::ONE,
    };

    /// The curve equation a·x² + y² = 1 + d·x²·y².
    pub fn is_on_curve_xy(x: &Fr, y: &Fr) -> bool {
        let x2 = x.square();
        let y2 = y.square();
        COEFF_A * x2 + y2 == Fr::one() + COEFF_D * x2 * y2
    }

    /// A point from coordinates; `NotOnCurve` unless they satisfy the curve equation.
    pub fn new(x: Fr, y: Fr) -> Result<Point> {
        if !Self::is_on_curve_xy(&x, &y) {
            return Err(Error::NotOnCurve(
                "babyjubjub: coordinates are not on the curve".into(),
            ));
        }
        Ok(Point { x, y })
    }

    pub fn x(&self) -> Fr {
        self.x
    }

    pub fn y(&self) -> Fr {
        self.y
    }

    /// circomlibjs's `babyJub.Generator` (generates the whole group, order 8·l).
    pub fn generator() -> Point {
        Point {
            x: MontFp!(
                "995203441582195749578291179787384436505546430278305826713579947235728471134"
            ),
            y: MontFp!(
                "5472060717959818805561601436314318772137091100104008585924551046643952123905"
            ),
        }
    }

    /// circomlibjs's `babyJub.Base8` = 8·Generator, of order l.
    pub fn base8() -> Point {
        Point {
            x: MontFp!(
                "5299619240641551281634865583518297030282874472190772894086521144482721001553"
            ),
            y: MontFp!(
                "16950150798460657717958625567821834550301663161624707787222815936182638968203"
            ),
        }
    }

    pub fn is_identity(&self) -> bool {
        self.x.is_zero() && self.y.is_one()
    }

    pub fn add(&self, other: &Point) -> Point {
        Extended::from_affine(self)
            .add(&Extended::from_affine(other))
            .to_affine()
    }

    pub fn double(&self) -> Point {
        Extended::from_affine(self).double().to_affine()
    }

    pub fn neg(&self) -> Point {
        Point {
            x: -self.x,
            y: self.y,
        }
    }

    /// k·P for a 256-bit little-endian scalar (any value; not reduced).
    pub fn mul(&self, k: &BigInt<4>) -> Point {
        self.mul_extended(k).to_affine()
    }

    fn mul_extended(&self, k: &BigInt<4>) -> Extended {
        let p = Extended::from_affine(self);
        let mut table = [Extended::IDENTITY; 16];
        for i in 1..16 {
            table[i] = table[i - 1].add(&p);
        }
        let mut acc = Extended::IDENTITY;
        for limb in k.0.iter().rev() {
            for nibble in (0..16).rev() {
                acc = acc.double().double().double().double();
                acc = acc.add(&table[((limb >> (4 * nibble)) & 0xf) as usize]);
            }
        }
        acc
    }

    /// Whether l·P is the identity (P lies in the prime-order subgroup).
    pub fn in_subgroup(&self) -> bool {
        self.mul_extended(&SUBGROUP_ORDER).is_identity()
    }

    /// circomlibjs `packPoint`: y little-endian, the top bit of the last byte set when
    /// x > (p - 1) / 2.
    pub fn pack(&self) -> [u8; 32] {
        let mut out = [0u8; 32];
        out.copy_from_slice(&self.y.into_bigint().to_bytes_le());
        if is_negative(&self.x) {
            out[31] |= 0x80;
        }
        out
    }

    /// circomlibjs `unpackPoint`, strict: y must be canonical (< p), x must exist, and a
    /// sign bit on x = 0 is rejected as non-canonical. With `check_subgroup` the point must
    /// also lie in the prime-order subgroup.
    pub fn unpack(bytes: &[u8; 32], check_subgroup: bool) -> Result<Point> {
        let mut b = *bytes;
        let sign = b[31] & 0x80 != 0;
        b[31] &= 0x7f;
        let y = crate::bn254::encoding::fr_from_le_word(&b).ok_or_else(|| {
            Error::InvalidEncoding("babyjubjub: packed y is not below the field modulus".into())
        })?;
        let y2 = y.square();
        let not_on_curve = || Error::NotOnCurve("babyjubjub: no point has this y".into());
        let x2 = (Fr::one() - y2)
            * (COEFF_A - COEFF_D * y2)
                .inverse()
                .ok_or_else(not_on_curve)?;
        let mut x = x2.sqrt().ok_or_else(not_on_curve)?;
        if is_negative(&x) {
            x = -x;
        }
        if sign {
            if x.is_zero() {
                return Err(Error::InvalidEncoding(
                    "babyjubjub: sign bit set on x = 0".into(),
                ));
            }
            x = -x;
        }
        let p = Point::new(x, y)?;
        if check_subgroup && !p.in_subgroup() {
            return Err(Error::NotInSubgroup(
                "babyjubjub: point is not in the prime-order subgroup".into(),
            ));
        }
        Ok(p)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn big(n: u64) -> BigInt<4> {
        BigInt::from(n)
    }

    #[test]
    fn constants_are_consistent() {
        let g = Point::generator();
        assert!(Point::is_on_curve_xy(&g.x, &g.y));
        assert_eq!(g.mul(&big(8)), Point::base8());
        assert!(Point::base8().in_subgroup());
        assert!(!g.in_subgroup());
        assert!(g.mul(&ORDER).is_identity());
        assert_eq!(SUBGROUP_ORDER << 3, ORDER);
        assert_eq!(SUBGROUP_ORDER, <ark_ed_on_bn254::Fr as PrimeField>::MODULUS);
    }

    #[test]
    fn group_law() {
        let b = Point::base8();
        let two = b.add(&b);
        assert_eq!(two, b.double());
        assert_eq!(b.mul(&big(2)), two);
        assert_eq!(b.mul(&big(5)), two.double().add(&b));
        assert!(b.add(&b.neg()).is_identity());
        assert_eq!(b.add(&Point::IDENTITY), b);
        assert!(b.mul(&big(0)).is_identity());
    }

    #[test]
    fn pack_roundtrip() {
        let g = Point::generator();
        for k in 1..40u64 {
            let p = g.mul(&big(k));
            let packed = p.pack();
            assert_eq!(Point::unpack(&packed, false).unwrap(), p);
            let in_sub = k % 8 == 0;
            assert_eq!(Point::unpack(&packed, true).is_ok(), in_sub);
        }
        assert_eq!(
            Point::unpack(&Point::IDENTITY.pack(), true).unwrap(),
            Point::IDENTITY
        );
        let mut bad = Point::IDENTITY.pack();
        bad[31] |= 0x80;
        assert!(matches!(
            Point::unpack(&bad, false),
            Err(Error::InvalidEncoding(_))
        ));
        assert!(matches!(
            Point::unpack(&[0xff; 32], false),
            Err(Error::InvalidEncoding(_))
        ));
    }
}
