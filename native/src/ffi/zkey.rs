//! snarkjs `.zkey` and `.ptau` files across the seam: reading (from a memory-mapped path
//! or bytes), writing, setup from a ptau (`zkey new`), phase-2 contributions and `zkey
//! verify`. Keys travel as [`MzProvingKey`] handles.
use std::path::PathBuf;

use super::groth16::MzProvingKey;
use super::{guard, slice, write_out, MzBuffer, MzStatus};
use crate::error::{invalid, Result};
use crate::formats::ptau::PtauFile;
use crate::formats::zkey::{self, map_file, MpcParams};
use crate::formats::R1cs;
use crate::groth16::phase2::{self, VerifiedContribution};
use crate::groth16::setup_ptau::setup_from_ptau;
use crate::groth16::ProvingKey;

unsafe fn path(p: *const u8, len: usize) -> Result<PathBuf> {
    let s = std::str::from_utf8(slice(p, len)?).map_err(|_| invalid("path is not UTF-8"))?;
    Ok(PathBuf::from(s))
}

unsafe fn key<'a>(pk: *const MzProvingKey) -> Result<&'a ProvingKey> {
    pk.as_ref()
        .map(|k| &k.0)
        .ok_or_else(|| invalid("null proving key handle"))
}

unsafe fn new_key(pk: ProvingKey, out: *mut *mut MzProvingKey) -> Result<()> {
    if out.is_null() {
        return Err(invalid("null output pointer"));
    }
    write_out(out, Box::into_raw(Box::new(MzProvingKey(pk))))
}

unsafe fn hash_out(out: *mut u8, h: &[u8; 64]) -> Result<()> {
    if out.is_null() {
        return Err(invalid("null output pointer"));
    }
    std::ptr::copy_nonoverlapping(h.as_ptr(), out, 64);
    Ok(())
}

/// Reads and validates a `.zkey` file (memory-mapped).
///
/// # Safety
/// `path` must point to `path_len` bytes of UTF-8; `out` must be valid for writes.
#[no_mangle]
pub unsafe extern "C" fn mz_zkey_read_file(
    path_ptr: *const u8,
    path_len: usize,
    out: *mut *mut MzProvingKey,
) -> MzStatus {
    guard(|| new_key(zkey::read_zkey_file(&path(path_ptr, path_len)?)?, out))
}

/// Reads and validates a `.zkey` held in memory.
///
/// # Safety
/// `data` must point to `len` readable bytes; `out` must be valid for writes.
#[no_mangle]
pub unsafe extern "C" fn mz_zkey_read(
    data: *const u8,
    len: usize,
    out: *mut *mut MzProvingKey,
) -> MzStatus {
    guard(|| new_key(zkey::read_zkey(slice(data, len)?)?, out))
}

/// The `.zkey` bytes of a key.
///
/// # Safety
/// `pk` must be a live handle; `out` must be valid for writes.
#[no_mangle]
pub unsafe extern "C" fn mz_zkey_write(pk: *const MzProvingKey, out: *mut MzBuffer) -> MzStatus {
    guard(|| write_out(out, MzBuffer::from_vec(zkey::write_zkey(key(pk)?)?)))
}

/// Writes a key to a `.zkey` file.
///
/// # Safety
/// `pk` must be a live handle; `path` must point to `path_len` bytes of UTF-8.
#[no_mangle]
pub unsafe extern "C" fn mz_zkey_write_file(
    pk: *const MzProvingKey,
    path_ptr: *const u8,
    path_len: usize,
) -> MzStatus {
    guard(|| {
        let bytes = zkey::write_zkey(key(pk)?)?;
        let p = path(path_ptr, path_len)?;
        std::fs::write(&p, bytes).map_err(|e| invalid(format!("cannot write {}: {e}", p.display())))
    })
}

/// Sizes of a key: `out[0..4]` = nVars, nPublic, domainSize, number of coefficients.
///
/// # Safety
/// `pk` must be a live handle; `out` must point to 4 writable u64.
#[no_mangle]
pub unsafe extern "C" fn mz_zkey_sizes(pk: *const MzProvingKey, out: *mut u64) -> MzStatus {
    guard(|| {
        let k = key(pk)?;
        if out.is_null() {
            return Err(invalid("null output pointer"));
        }
        let v = [k.n_vars, k.n_public, k.domain_size, k.coeffs.len()];
        for (i, x) in v.iter().enumerate() {
            *out.add(i) = *x as u64;
        }
        Ok(())
    })
}

/// Section 10 of a key (circuit hash and contribution records, snarkjs layout); empty when
/// the key has none (a local setup).
///
/// # Safety
/// `pk` must be a live handle; `out` must be valid for writes.
#[no_mangle]
pub unsafe extern "C" fn mz_zkey_mpc(pk: *const MzProvingKey, out: *mut MzBuffer) -> MzStatus {
    guard(|| {
        let v = key(pk)?.mpc.clone().unwrap_or_default();
        write_out(out, MzBuffer::from_vec(v))
    })
}

/// Facts about a `.ptau` file: `out[0..4]` = power, ceremonyPower, number of contributions,
/// 1 if it has the Lagrange sections (prepared for phase 2). With `full`, every point is
/// decoded and checked (curve, subgroup); otherwise the header, the sizes and section 7.
///
/// # Safety
/// `path` must point to `path_len` bytes of UTF-8; `out` must point to 4 writable u64.
#[no_mangle]
pub unsafe extern "C" fn mz_ptau_info(
    path_ptr: *const u8,
    path_len: usize,
    full: bool,
    out: *mut u64,
) -> MzStatus {
    guard(|| {
        if out.is_null() {
            return Err(invalid("null output pointer"));
        }
        let data = map_file(&path(path_ptr, path_len)?)?;
        let p = PtauFile::parse(&data)?;
        if full {
            p.validate_all()?;
        }
        let v = [
            p.power as u64,
            p.ceremony_power as u64,
            p.contributions.len() as u64,
            p.has_lagrange as u64,
        ];
        for (i, x) in v.iter().enumerate() {
            *out.add(i) = *x;
        }
        Ok(())
    })
}

/// snarkjs `zkey new`: a key from `.r1cs` bytes and a prepared `.ptau` file.
///
/// # Safety
/// `r1cs` must point to `r1cs_len` bytes; `ptau_path` to `ptau_len` bytes of UTF-8; `out`
/// must be valid for writes.
#[no_mangle]
pub unsafe extern "C" fn mz_zkey_setup_from_ptau(
    r1cs: *const u8,
    r1cs_len: usize,
    ptau_path: *const u8,
    ptau_len: usize,
    out: *mut *mut MzProvingKey,
) -> MzStatus {
    guard(|| {
        let r = R1cs::from_bytes(slice(r1cs, r1cs_len)?)?;
        let data = map_file(&path(ptau_path, ptau_len)?)?;
        let p = PtauFile::parse(&data)?;
        new_key(setup_from_ptau(&r, &p)?, out)
    })
}

/// snarkjs `zkey contribute`: δ' from the OS CSPRNG mixed with `entropy`. Writes the new
/// key and the 64-byte contribution hash.
///
/// # Safety
/// `pk` must be a live handle; `name`/`entropy` must point to their lengths in bytes (the
/// name UTF-8); `out` must be valid for writes; `hash` must point to 64 writable bytes.
#[no_mangle]
pub unsafe extern "C" fn mz_zkey_contribute(
    pk: *const MzProvingKey,
    name: *const u8,
    name_len: usize,
    entropy: *const u8,
    entropy_len: usize,
    out: *mut *mut MzProvingKey,
    hash: *mut u8,
) -> MzStatus {
    guard(|| {
        let name = std::str::from_utf8(slice(name, name_len)?)
            .map_err(|_| invalid("contribution name is not UTF-8"))?;
        let (k, h) = phase2::contribute(key(pk)?, name, slice(entropy, entropy_len)?)?;
        hash_out(hash, &h)?;
        new_key(k, out)
    })
}

/// snarkjs `zkey beacon`: a reproducible contribution from a public beacon value (1–255
/// bytes) hashed 2^`num_iterations_exp` times with SHA-256 (10 ≤ exp ≤ 63).
///
/// # Safety
/// As [`mz_zkey_contribute`], with `beacon` pointing to `beacon_len` bytes.
#[no_mangle]
pub unsafe extern "C" fn mz_zkey_beacon(
    pk: *const MzProvingKey,
    name: *const u8,
    name_len: usize,
    beacon: *const u8,
    beacon_len: usize,
    num_iterations_exp: u32,
    out: *mut *mut MzProvingKey,
    hash: *mut u8,
) -> MzStatus {
    guard(|| {
        let name = std::str::from_utf8(slice(name, name_len)?)
            .map_err(|_| invalid("contribution name is not UTF-8"))?;
        let exp = u8::try_from(num_iterations_exp)
            .map_err(|_| invalid("beacon: the iteration exponent must be in 10..=63"))?;
        let (k, h) = phase2::beacon(key(pk)?, name, slice(beacon, beacon_len)?, exp)?;
        hash_out(hash, &h)?;
        new_key(k, out)
    })
}

/// Encodes verified contributions: per record `u32 type`, 64-byte hash, `u8 name length`,
/// name bytes.
fn encode_contributions(cs: &[VerifiedContribution]) -> Vec<u8> {
    let mut v = Vec::new();
    for c in cs {
        v.extend_from_slice(&c.kind.to_le_bytes());
        v.extend_from_slice(&c.hash);
        let name = c.name.as_deref().unwrap_or(&[]);
        v.push(name.len() as u8);
        v.extend_from_slice(name);
    }
    v
}

/// snarkjs `zkey verify`: `MZ_STATUS_INVALID_PROOF` (with the failed check) unless the key
/// is `zkey new` of this `.r1cs` and `.ptau` followed by valid contributions. On success
/// `out` lists the contributions (see the encoding in the source: type, hash, name).
///
/// # Safety
/// `r1cs` must point to `r1cs_len` bytes; `ptau_path` to `ptau_len` bytes of UTF-8; `pk`
/// must be a live handle; `out` must be valid for writes.
#[no_mangle]
pub unsafe extern "C" fn mz_zkey_verify(
    r1cs: *const u8,
    r1cs_len: usize,
    ptau_path: *const u8,
    ptau_len: usize,
    pk: *const MzProvingKey,
    out: *mut MzBuffer,
) -> MzStatus {
    guard(|| {
        let r = R1cs::from_bytes(slice(r1cs, r1cs_len)?)?;
        let data = map_file(&path(ptau_path, ptau_len)?)?;
        let p = PtauFile::parse(&data)?;
        let cs = phase2::verify_zkey(&r, &p, key(pk)?)?;
        write_out(out, MzBuffer::from_vec(encode_contributions(&cs)))
    })
}

/// The contributions recorded in a key, checked as a chain on their own (transcripts,
/// proofs of knowledge, beacons) without the circuit: same encoding as [`mz_zkey_verify`].
///
/// # Safety
/// `pk` must be a live handle; `out` must be valid for writes.
#[no_mangle]
pub unsafe extern "C" fn mz_zkey_contributions(
    pk: *const MzProvingKey,
    out: *mut MzBuffer,
) -> MzStatus {
    guard(|| {
        let b = key(pk)?
            .mpc
            .as_deref()
            .ok_or_else(|| invalid("proving key has no phase-2 section"))?;
        let (_, cs) = phase2::verify_chain(&MpcParams::parse(b)?)?;
        write_out(out, MzBuffer::from_vec(encode_contributions(&cs)))
    })
}
