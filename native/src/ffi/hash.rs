//! FFI for Poseidon, Baby Jubjub and EdDSA-Poseidon.
//!
//! Field elements cross as 32-byte little-endian words (< p, else `InvalidEncoding`);
//! Baby Jubjub points as 64 bytes x || y of such words (checked to be on the curve);
//! scalars as 32-byte little-endian integers.
use ark_bn254::Fr;
use ark_ff::{BigInt, PrimeField};

use super::bytes::{expect_len, slice, slice_mut, write_out, MzBuffer};
use super::{guard, MzStatus};
use crate::babyjubjub::Point;
use crate::bn254::encoding::fr_from_le_word;
use crate::error::{invalid, Error, Result};
use crate::{eddsa, poseidon};

fn read_fr(bytes: &[u8]) -> Result<Fr> {
    expect_len("field element", bytes.len(), 32)?;
    fr_from_le_word(bytes).ok_or_else(|| {
        Error::InvalidEncoding("field element is not below the BN254 scalar modulus".into())
    })
}

fn write_fr(f: &Fr, out: &mut [u8]) {
    for (i, l) in f.into_bigint().0.iter().enumerate() {
        out[8 * i..8 * i + 8].copy_from_slice(&l.to_le_bytes());
    }
}

fn read_frs(bytes: &[u8]) -> Result<Vec<Fr>> {
    bytes.chunks_exact(32).map(read_fr).collect()
}

fn read_scalar(bytes: &[u8]) -> BigInt<4> {
    let mut limbs = [0u64; 4];
    for (i, l) in limbs.iter_mut().enumerate() {
        *l = u64::from_le_bytes(bytes[8 * i..8 * i + 8].try_into().expect("8 bytes"));
    }
    BigInt::new(limbs)
}

/// # Safety
/// `ptr` must point to 64 readable bytes.
unsafe fn read_point(ptr: *const u8) -> Result<Point> {
    let b = slice(ptr, 64)?;
    Point::new(read_fr(&b[..32])?, read_fr(&b[32..])?)
}

/// # Safety
/// `out` must point to 64 writable bytes.
unsafe fn write_point(p: &Point, out: *mut u8) -> Result<()> {
    let o = slice_mut(out, 64)?;
    write_fr(&p.x(), &mut o[..32]);
    write_fr(&p.y(), &mut o[32..]);
    Ok(())
}

/// Poseidon of `n` (1..=16) field elements at `inputs` (n·32 bytes); 32 bytes to `out`.
///
/// # Safety
/// `inputs` must point to `n`·32 readable bytes, `out` to 32 writable bytes.
#[no_mangle]
pub unsafe extern "C" fn mz_poseidon_hash(inputs: *const u8, n: usize, out: *mut u8) -> MzStatus {
    guard(|| {
        if n == 0 || n > poseidon::MAX_INPUTS {
            return Err(invalid(format!(
                "poseidon: expected 1..={} inputs, got {n}",
                poseidon::MAX_INPUTS
            )));
        }
        let xs = read_frs(slice(inputs, n * 32)?)?;
        let h = poseidon::hash(&xs)?;
        write_fr(&h, slice_mut(out, 32)?);
        Ok(())
    })
}

/// Poseidon of each of `rows` rows of `arity` field elements (row-major, rows·arity·32
/// bytes), in parallel; rows·32 bytes to `out`.
///
/// # Safety
/// `inputs` must point to rows·arity·32 readable bytes, `out` to rows·32 writable bytes.
#[no_mangle]
pub unsafe extern "C" fn mz_poseidon_hash_batch(
    inputs: *const u8,
    rows: usize,
    arity: usize,
    out: *mut u8,
) -> MzStatus {
    guard(|| {
        if arity == 0 || arity > poseidon::MAX_INPUTS {
            return Err(invalid(format!(
                "poseidon: expected 1..={} inputs per row, got {arity}",
                poseidon::MAX_INPUTS
            )));
        }
        let len = rows
            .checked_mul(arity)
            .and_then(|x| x.checked_mul(32))
            .ok_or_else(|| invalid("poseidon: batch too large"))?;
        let xs = read_frs(slice(inputs, len)?)?;
        let hs = poseidon::hash_batch(&xs, arity)?;
        let o = slice_mut(out, rows * 32)?;
        for (h, chunk) in hs.iter().zip(o.chunks_exact_mut(32)) {
            write_fr(h, chunk);
        }
        Ok(())
    })
}

/// The constants of width `t` (2..=17): round constants ((8 + R_P)·t words) to `out_c`,
/// the MDS matrix (t·t words, row-major) to `out_m`.
///
/// # Safety
/// `out_c` and `out_m` must be valid pointers to `MzBuffer`s.
#[no_mangle]
pub unsafe extern "C" fn mz_poseidon_constants(
    t: usize,
    out_c: *mut MzBuffer,
    out_m: *mut MzBuffer,
) -> MzStatus {
    guard(|| {
        let p = poseidon::params(t)?;
        let mut c = vec![0u8; p.c.len() * 32];
        for (f, chunk) in p.c.iter().zip(c.chunks_exact_mut(32)) {
            write_fr(f, chunk);
        }
        let mut m = vec![0u8; t * t * 32];
        for (f, chunk) in p.m.iter().flatten().zip(m.chunks_exact_mut(32)) {
            write_fr(f, chunk);
        }
        write_out(out_c, MzBuffer::from_vec(c))?;
        write_out(out_m, MzBuffer::from_vec(m))
    })
}

/// Baby Jubjub: `out` = p + q.
///
/// # Safety
/// `p`, `q` must point to 64 readable bytes, `out` to 64 writable bytes.
#[no_mangle]
pub unsafe extern "C" fn mz_babyjubjub_add(p: *const u8, q: *const u8, out: *mut u8) -> MzStatus {
    guard(|| write_point(&read_point(p)?.add(&read_point(q)?), out))
}

/// Baby Jubjub: `out` = k · p, k a 32-byte little-endian integer.
///
/// # Safety
/// `p` must point to 64 readable bytes, `k` to 32, `out` to 64 writable bytes.
#[no_mangle]
pub unsafe extern "C" fn mz_babyjubjub_mul(p: *const u8, k: *const u8, out: *mut u8) -> MzStatus {
    guard(|| {
        let k = read_scalar(slice(k, 32)?);
        write_point(&read_point(p)?.mul(&k), out)
    })
}

/// Baby Jubjub: whether `p` (on the curve, else `NotOnCurve`) is in the subgroup of order l.
///
/// # Safety
/// `p` must point to 64 readable bytes, `out` must be a valid pointer.
#[no_mangle]
pub unsafe extern "C" fn mz_babyjubjub_in_subgroup(p: *const u8, out: *mut bool) -> MzStatus {
    guard(|| write_out(out, read_point(p)?.in_subgroup()))
}

/// Baby Jubjub: the 32-byte circomlibjs packing of `p`.
///
/// # Safety
/// `p` must point to 64 readable bytes, `out` to 32 writable bytes.
#[no_mangle]
pub unsafe extern "C" fn mz_babyjubjub_pack(p: *const u8, out: *mut u8) -> MzStatus {
    guard(|| {
        slice_mut(out, 32)?.copy_from_slice(&read_point(p)?.pack());
        Ok(())
    })
}

/// Baby Jubjub: unpacks 32 bytes (circomlibjs layout, strict) into x || y; with
/// `check_subgroup` the point must be in the subgroup of order l (`NotInSubgroup`).
///
/// # Safety
/// `packed` must point to 32 readable bytes, `out` to 64 writable bytes.
#[no_mangle]
pub unsafe extern "C" fn mz_babyjubjub_unpack(
    packed: *const u8,
    check_subgroup: bool,
    out: *mut u8,
) -> MzStatus {
    guard(|| {
        let b: &[u8; 32] = slice(packed, 32)?.try_into().expect("32 bytes");
        write_point(&Point::unpack(b, check_subgroup)?, out)
    })
}

/// BLAKE-512 (the SHA-3 finalist) of `len` bytes; 64 bytes to `out`.
///
/// # Safety
/// `data` must point to `len` readable bytes, `out` to 64 writable bytes.
#[no_mangle]
pub unsafe extern "C" fn mz_blake512(data: *const u8, len: usize, out: *mut u8) -> MzStatus {
    guard(|| {
        let h = eddsa::blake512(slice(data, len)?);
        slice_mut(out, 64)?.copy_from_slice(&h);
        Ok(())
    })
}

/// EdDSA-Poseidon public key (x || y) of a 32-byte private key (circomlibjs `prv2pub`).
///
/// # Safety
/// `private_key` must point to `len` readable bytes, `out` to 64 writable bytes.
#[no_mangle]
pub unsafe extern "C" fn mz_eddsa_public_key(
    private_key: *const u8,
    len: usize,
    out: *mut u8,
) -> MzStatus {
    guard(|| {
        expect_len("eddsa private key", len, 32)?;
        write_point(&eddsa::public_key(slice(private_key, len)?), out)
    })
}

/// EdDSA-Poseidon signature of the field element `msg` (32 bytes LE): 96 bytes to `out`,
/// R8.x || R8.y || S, each 32 bytes little-endian.
///
/// # Safety
/// `private_key` must point to `len` readable bytes, `msg` to 32, `out` to 96 writable bytes.
#[no_mangle]
pub unsafe extern "C" fn mz_eddsa_sign(
    private_key: *const u8,
    len: usize,
    msg: *const u8,
    out: *mut u8,
) -> MzStatus {
    guard(|| {
        expect_len("eddsa private key", len, 32)?;
        let msg = read_fr(slice(msg, 32)?)?;
        let (r8, s) = eddsa::sign(slice(private_key, len)?, msg)?;
        write_point(&r8, out)?;
        let o = slice_mut(out, 96)?;
        for (i, l) in s.0.iter().enumerate() {
            o[64 + 8 * i..72 + 8 * i].copy_from_slice(&l.to_le_bytes());
        }
        Ok(())
    })
}

/// Verifies an EdDSA-Poseidon signature (R8 x || y, S 32 bytes LE) on the field element
/// `msg` under the public key `a` (x || y). `out` is false for any invalid signature or key
/// (off-curve or non-canonical coordinates included); only a non-canonical `msg` is an error.
///
/// # Safety
/// `a` and `r8` must point to 64 readable bytes, `msg` and `s` to 32, `out` must be valid.
#[no_mangle]
pub unsafe extern "C" fn mz_eddsa_verify(
    a: *const u8,
    msg: *const u8,
    r8: *const u8,
    s: *const u8,
    out: *mut bool,
) -> MzStatus {
    guard(|| {
        let msg = read_fr(slice(msg, 32)?)?;
        let s = read_scalar(slice(s, 32)?);
        let ok = match (read_point(a), read_point(r8)) {
            (Ok(a), Ok(r8)) => eddsa::verify(&a, msg, &r8, &s),
            _ => false,
        };
        write_out(out, ok)
    })
}
