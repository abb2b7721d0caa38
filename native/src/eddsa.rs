//! EdDSA over Baby Jubjub with Poseidon, exactly as circomlibjs's `eddsa.signPoseidon`,
//! `verifyPoseidon` and `prv2pub` (and circomlib's `EdDSAPoseidonVerifier` circuit):
//!
//! - h = BLAKE-512(private key) (BLAKE, the SHA-3 finalist, not BLAKE2); the low 32 bytes
//!   are pruned (clear the 3 low bits, clear bit 255, set bit 254) into s;
//! - A = Base8 · (s >> 3);
//! - r = BLAKE-512(h[32..64] || msg as 32 bytes LE) as a 512-bit little-endian integer mod l;
//! - R8 = Base8 · r, hm = Poseidon(R8.x, R8.y, A.x, A.y, msg), S = r + hm · s mod l.
//!
//! Verification checks Base8 · S = R8 + (8·hm) · A as circomlibjs does, and additionally
//! rejects S >= l, R8 or A outside the prime-order subgroup, and the identity as A.
use ark_bn254::Fr;
use ark_ff::{BigInt, PrimeField};
use blake_hash::Digest;

use crate::babyjubjub::{Point, SUBGROUP_ORDER};
use crate::error::Result;
use crate::poseidon;

/// The scalar field of the subgroup, integers mod l.
type Scalar = ark_ed_on_bn254::Fr;

/// BLAKE-512 (the SHA-3 finalist) of `data`.
pub fn blake512(data: &[u8]) -> [u8; 64] {
    let mut out = [0u8; 64];
    out.copy_from_slice(&blake_hash::Blake512::digest(data));
    out
}

/// The pruned secret scalar s (as 32 little-endian bytes) and the nonce key h[32..64].
fn expand(private_key: &[u8]) -> ([u8; 32], [u8; 32]) {
    let h = blake512(private_key);
    let mut s = [0u8; 32];
    s.copy_from_slice(&h[..32]);
    s[0] &= 0xf8;
    s[31] &= 0x7f;
    s[31] |= 0x40;
    let mut nonce_key = [0u8; 32];
    nonce_key.copy_from_slice(&h[32..]);
    (s, nonce_key)
}

fn bigint_le(bytes: &[u8; 32]) -> BigInt<4> {
    let mut limbs = [0u64; 4];
    for (i, l) in limbs.iter_mut().enumerate() {
        *l = u64::from_le_bytes(bytes[8 * i..8 * i + 8].try_into().expect("8 bytes"));
    }
    BigInt::new(limbs)
}

fn fr_le(f: &Fr) -> [u8; 32] {
    let mut out = [0u8; 32];
    for (i, l) in f.into_bigint().0.iter().enumerate() {
        out[8 * i..8 * i + 8].copy_from_slice(&l.to_le_bytes());
    }
    out
}

/// circomlibjs `prv2pub`: A = Base8 · (s >> 3).
pub fn public_key(private_key: &[u8]) -> Point {
    let (s, _) = expand(private_key);
    Point::base8().mul(&(bigint_le(&s) >> 3))
}

fn message_hash(r8: &Point, a: &Point, msg: Fr) -> Result<Fr> {
    poseidon::hash(&[r8.x(), r8.y(), a.x(), a.y(), msg])
}

/// circomlibjs `signPoseidon`: returns (R8, S) with S < l.
pub fn sign(private_key: &[u8], msg: Fr) -> Result<(Point, BigInt<4>)> {
    let (s_bytes, nonce_key) = expand(private_key);
    let a = Point::base8().mul(&(bigint_le(&s_bytes) >> 3));

    let mut compose = [0u8; 64];
    compose[..32].copy_from_slice(&nonce_key);
    compose[32..].copy_from_slice(&fr_le(&msg));
    let r = Scalar::from_le_bytes_mod_order(&blake512(&compose));
    let r8 = Point::base8().mul(&r.into_bigint());

    let hm = message_hash(&r8, &a, msg)?;
    let hm = Scalar::from_le_bytes_mod_order(&fr_le(&hm));
    let s = Scalar::from_le_bytes_mod_order(&s_bytes);
    Ok((r8, (r + hm * s).into_bigint()))
}

/// circomlibjs `verifyPoseidon`, plus the checks of the module doc. Never fails: any
/// invalid signature gives `false`.
pub fn verify(a: &Point, msg: Fr, r8: &Point, s: &BigInt<4>) -> bool {
    if *s >= SUBGROUP_ORDER || a.is_identity() || !a.in_subgroup() || !r8.in_subgroup() {
        return false;
    }
    let Ok(hm) = message_hash(r8, a, msg) else {
        return false;
    };
    let left = Point::base8().mul(s);
    let a8 = a.double().double().double();
    let right = r8.add(&a8.mul(&hm.into_bigint()));
    left == right
}

#[cfg(test)]
mod tests {
    use super::*;
    use ark_ff::BigInteger;

    #[test]
    fn blake512_known_answer() {
        // BLAKE-512("") from the BLAKE submission's test vectors.
        let h = blake512(b"");
        assert_eq!(h[..8], [0xa8, 0xcf, 0xbb, 0xd7, 0x37, 0x26, 0x06, 0x2d]);
    }

    #[test]
    fn sign_then_verify() {
        let prv = [7u8; 32];
        let a = public_key(&prv);
        let msg = Fr::from(1234u64);
        let (r8, s) = sign(&prv, msg).unwrap();
        assert!(verify(&a, msg, &r8, &s));
        assert!(!verify(&a, Fr::from(1235u64), &r8, &s));
        let mut s_plus_l = s;
        s_plus_l.add_with_carry(&SUBGROUP_ORDER);
        assert!(!verify(&a, msg, &r8, &s_plus_l));
    }
}
