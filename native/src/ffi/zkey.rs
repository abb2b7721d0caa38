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

// ----- powers of tau (phase 1), file to file ------------------------------------------------

use crate::groth16::powersoftau::{self, Ptau};

unsafe fn read_ptau_file(p: *const u8, len: usize) -> Result<Ptau> {
    let data = map_file(&path(p, len)?)?;
    Ptau::from_file(&PtauFile::parse(&data)?)
}

unsafe fn write_ptau_file(ptau: &Ptau, p: *const u8, len: usize) -> Result<()> {
    let p = path(p, len)?;
    std::fs::write(&p, ptau.to_bytes())
        .map_err(|e| invalid(format!("cannot write {}: {e}", p.display())))
}

/// snarkjs `powersoftau new bn128 <power>`: writes a fresh ceremony file.
///
/// # Safety
/// `out_path` must point to `out_len` bytes of UTF-8.
#[no_mangle]
pub unsafe extern "C" fn mz_ptau_new(power: u32, out_path: *const u8, out_len: usize) -> MzStatus {
    guard(|| write_ptau_file(&Ptau::new(power)?, out_path, out_len))
}

/// snarkjs `powersoftau contribute`: OS randomness mixed with `entropy`; writes the new file
/// and the 64-byte response hash.
///
/// # Safety
/// Paths, name (UTF-8) and entropy must point to their lengths in bytes; `hash` to 64
/// writable bytes.
#[no_mangle]
pub unsafe extern "C" fn mz_ptau_contribute(
    in_path: *const u8,
    in_len: usize,
    out_path: *const u8,
    out_len: usize,
    name: *const u8,
    name_len: usize,
    entropy: *const u8,
    entropy_len: usize,
    hash: *mut u8,
) -> MzStatus {
    guard(|| {
        let p = read_ptau_file(in_path, in_len)?;
        let name = std::str::from_utf8(slice(name, name_len)?)
            .map_err(|_| invalid("contribution name is not UTF-8"))?;
        let source = phase2::Source::Random {
            random: crate::groth16::snarkjs_rng::os_random()?,
            entropy: slice(entropy, entropy_len)?,
        };
        let (out, h) = powersoftau::contribute(&p, name, source)?;
        hash_out(hash, &h)?;
        write_ptau_file(&out, out_path, out_len)
    })
}

/// snarkjs `powersoftau beacon`: a reproducible contribution from a public beacon.
///
/// # Safety
/// As [`mz_ptau_contribute`], with `beacon` pointing to `beacon_len` bytes.
#[no_mangle]
pub unsafe extern "C" fn mz_ptau_beacon(
    in_path: *const u8,
    in_len: usize,
    out_path: *const u8,
    out_len: usize,
    name: *const u8,
    name_len: usize,
    beacon: *const u8,
    beacon_len: usize,
    num_iterations_exp: u32,
    hash: *mut u8,
) -> MzStatus {
    guard(|| {
        let p = read_ptau_file(in_path, in_len)?;
        let name = std::str::from_utf8(slice(name, name_len)?)
            .map_err(|_| invalid("contribution name is not UTF-8"))?;
        let exp = u8::try_from(num_iterations_exp)
            .map_err(|_| invalid("beacon: the iteration exponent must be in 10..=63"))?;
        let source = phase2::Source::Beacon {
            hash: slice(beacon, beacon_len)?,
            num_iterations_exp: exp,
        };
        let (out, h) = powersoftau::contribute(&p, name, source)?;
        hash_out(hash, &h)?;
        write_ptau_file(&out, out_path, out_len)
    })
}

/// snarkjs `powersoftau prepare phase2`: adds the Lagrange sections.
///
/// # Safety
/// Paths must point to their lengths in bytes of UTF-8.
#[no_mangle]
pub unsafe extern "C" fn mz_ptau_prepare_phase2(
    in_path: *const u8,
    in_len: usize,
    out_path: *const u8,
    out_len: usize,
) -> MzStatus {
    guard(|| {
        let p = read_ptau_file(in_path, in_len)?;
        write_ptau_file(&powersoftau::prepare_phase2(&p)?, out_path, out_len)
    })
}

/// snarkjs `powersoftau verify`: `MZ_STATUS_INVALID_PROOF` naming the failed check, or on
/// success per contribution: `u32 type`, `u8` 1 + 64-byte response hash (last one) or `u8`
/// 0, `u8 name length`, name.
///
/// # Safety
/// `ptau_path` must point to `len` bytes of UTF-8; `out` must be valid for writes.
#[no_mangle]
pub unsafe extern "C" fn mz_ptau_verify(
    ptau_path: *const u8,
    len: usize,
    out: *mut MzBuffer,
) -> MzStatus {
    guard(|| {
        let p = read_ptau_file(ptau_path, len)?;
        let mut v = Vec::new();
        for c in powersoftau::verify(&p)? {
            v.extend_from_slice(&c.kind.to_le_bytes());
            match c.response_hash {
                Some(h) => {
                    v.push(1);
                    v.extend_from_slice(&h);
                }
                None => v.push(0),
            }
            let name = c.name.as_deref().unwrap_or(&[]);
            v.push(name.len() as u8);
            v.extend_from_slice(name);
        }
        write_out(out, MzBuffer::from_vec(v))
    })
}
