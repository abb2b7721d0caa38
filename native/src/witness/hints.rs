//! Built-in hints: values computed outside the constraints, natively.
//!
//! A hint only proposes values for fresh wires; the circuit must constrain them. Each
//! kind is total: on inputs where the intended value does not exist (inverse of 0, bits of
//! a too-large value) it returns a fixed value, and the circuit's constraints then fail.
use ark_bn254::Fr;
use ark_ff::{BigInteger, Field, PrimeField, Zero};

use crate::error::{invalid, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HintKind {
    /// [a] → [a⁻¹], 0 when a = 0.
    Inverse,
    /// [a] → [a⁻¹ or 0, 1 if a = 0 else 0].
    IsZero,
    /// [a] → the `param` low bits of a (as an integer in [0, r)), least significant first.
    Bits,
    /// [a, b] → [a div b, a mod b] as integers; [0, 0] when b = 0.
    DivMod,
    /// [a, b] → [1 if a < b as integers in [0, r) else 0].
    LessThan,
    /// [a, b] → [a / b in the field], 0 when b = 0: one wire `q` with `b·q = a`
    /// costs one constraint instead of two (`a · inverse(b)`).
    Div,
}

impl HintKind {
    pub fn from_code(code: u8) -> Result<HintKind> {
        Ok(match code {
            0 => HintKind::Inverse,
            1 => HintKind::IsZero,
            2 => HintKind::Bits,
            3 => HintKind::DivMod,
            4 => HintKind::LessThan,
            5 => HintKind::Div,
            _ => return Err(invalid(format!("unknown hint kind {code}"))),
        })
    }

    /// (number of inputs, number of outputs) for a parameter.
    pub fn arity(self, param: u32) -> Result<(usize, u32)> {
        Ok(match self {
            HintKind::Inverse => (1, 1),
            HintKind::IsZero => (1, 2),
            HintKind::Bits => {
                if !(1..=254).contains(&param) {
                    return Err(invalid(format!("bits hint: 1..=254 bits, got {param}")));
                }
                (1, param)
            }
            HintKind::DivMod => (2, 2),
            HintKind::LessThan => (2, 1),
            HintKind::Div => (2, 1),
        })
    }

    /// Computes the outputs into `out` (its length is the arity's output count).
    pub fn run(self, param: u32, inputs: &[Fr], out: &mut [Fr]) {
        match self {
            HintKind::Inverse => out[0] = inputs[0].inverse().unwrap_or(Fr::zero()),
            HintKind::IsZero => {
                out[0] = inputs[0].inverse().unwrap_or(Fr::zero());
                out[1] = Fr::from(inputs[0].is_zero() as u64);
            }
            HintKind::Bits => {
                let a = inputs[0].into_bigint();
                for (i, o) in out.iter_mut().enumerate().take(param as usize) {
                    *o = Fr::from(a.get_bit(i) as u64);
                }
            }
            HintKind::DivMod => {
                let (a, b) = (inputs[0].into_bigint(), inputs[1].into_bigint());
                if b.is_zero() {
                    out[0] = Fr::zero();
                    out[1] = Fr::zero();
                } else {
                    let (q, r) = divmod(a.to_bits_le(), b);
                    out[0] = Fr::from_bigint(q).expect("quotient <= a < r");
                    out[1] = Fr::from_bigint(r).expect("remainder < b < r");
                }
            }
            HintKind::LessThan => {
                out[0] = Fr::from((inputs[0].into_bigint() < inputs[1].into_bigint()) as u64)
            }
            HintKind::Div => {
                out[0] = inputs[1]
                    .inverse()
                    .map_or(Fr::zero(), |inv| inputs[0] * inv)
            }
        }
    }
}

type Big = <Fr as PrimeField>::BigInt;

/// Schoolbook binary long division of the integer with bits `a` (LE) by `b` != 0.
fn divmod(a_bits: Vec<bool>, b: Big) -> (Big, Big) {
    let mut q_bits = vec![false; a_bits.len()];
    let mut r = Big::zero();
    for (i, bit) in a_bits.iter().enumerate().rev() {
        // r < b < 2^254, so doubling never overflows 256 bits.
        r.mul2();
        if *bit {
            r.add_with_carry(&Big::from(1u64));
        }
        if r >= b {
            r.sub_with_borrow(&b);
            q_bits[i] = true;
        }
    }
    (Big::from_bits_le(&q_bits), r)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn divmod_small_and_large() {
        let run = |a: u64, b: u64| {
            let mut out = [Fr::zero(); 2];
            HintKind::DivMod.run(0, &[Fr::from(a), Fr::from(b)], &mut out);
            (out[0], out[1])
        };
        assert_eq!(run(17, 5), (Fr::from(3u64), Fr::from(2u64)));
        assert_eq!(run(4, 5), (Fr::zero(), Fr::from(4u64)));
        assert_eq!(run(9, 0), (Fr::zero(), Fr::zero()));
        let a = -Fr::from(1u64); // r - 1
        let mut out = [Fr::zero(); 2];
        HintKind::DivMod.run(0, &[a, Fr::from(2u64)], &mut out);
        // r - 1 is even: (r - 1) / 2 exactly.
        assert_eq!(out[1], Fr::zero());
        assert_eq!(out[0] * Fr::from(2u64), a);
    }

    #[test]
    fn div_field_and_by_zero() {
        let mut out = [Fr::zero()];
        HintKind::Div.run(0, &[Fr::from(3u64), Fr::from(7u64)], &mut out);
        assert_eq!(out[0] * Fr::from(7u64), Fr::from(3u64));
        HintKind::Div.run(0, &[Fr::from(3u64), Fr::zero()], &mut out);
        assert_eq!(out[0], Fr::zero());
    }

    #[test]
    fn bits_and_less_than() {
        let mut out = [Fr::zero(); 4];
        HintKind::Bits.run(4, &[Fr::from(0b1011u64)], &mut out);
        assert_eq!(out.map(|b| b == Fr::from(1u64)), [true, true, false, true]);
        let mut lt = [Fr::zero()];
        HintKind::LessThan.run(0, &[Fr::from(3u64), -Fr::from(1u64)], &mut lt);
        assert_eq!(lt[0], Fr::from(1u64));
        HintKind::LessThan.run(0, &[-Fr::from(1u64), Fr::from(3u64)], &mut lt);
        assert_eq!(lt[0], Fr::zero());
    }
}
