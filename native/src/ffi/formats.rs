//! circom/snarkjs files across the seam: `.r1cs` as an opaque handle (parsed and validated
//! once; constraints leave it only on request, in the file's own section-2 layout) and
//! `.wtns` as 32-byte LE words, the FFI's scalar array form.
use super::{guard, guard_free, slice, write_out, MzBuffer, MzStatus};
use crate::bn254::ops::scalars_from_le;
use crate::error::{invalid, Result};
use crate::formats::r1cs::{constraints_from_bytes, constraints_to_bytes};
use crate::formats::{wtns, R1cs};

/// A parsed, validated rank-1 constraint system.
pub struct MzR1cs {
    inner: R1cs,
}

unsafe fn handle<'a>(h: *const MzR1cs) -> Result<&'a R1cs> {
    h.as_ref()
        .map(|h| &h.inner)
        .ok_or_else(|| invalid("null r1cs handle"))
}

unsafe fn new_handle(inner: R1cs, out: *mut *mut MzR1cs) -> Result<()> {
    if out.is_null() {
        return Err(invalid("null output pointer"));
    }
    write_out(out, Box::into_raw(Box::new(MzR1cs { inner })))
}

/// Parses a `.r1cs` file held in memory (`len` bytes at `data`).
///
/// # Safety
/// `data` must point to `len` readable bytes; `out` must be valid for writes.
#[no_mangle]
pub unsafe extern "C" fn mz_r1cs_from_bytes(
    data: *const u8,
    len: usize,
    out: *mut *mut MzR1cs,
) -> MzStatus {
    guard(|| new_handle(R1cs::from_bytes(slice(data, len)?)?, out))
}

/// Builds an R1CS from its parts. `counts` holds 5 values: nWires, nPubOut, nPubIn,
/// nPrvIn, nLabels. `constraints` holds `n_constraints` records in the `.r1cs` section-2
/// layout; `labels` holds nWires u64 LE label ids.
///
/// # Safety
/// `counts` must point to 5 readable u64; `constraints`/`labels` to their lengths in bytes;
/// `out` must be valid for writes.
#[no_mangle]
pub unsafe extern "C" fn mz_r1cs_new(
    counts: *const u64,
    n_constraints: u64,
    constraints: *const u8,
    constraints_len: usize,
    labels: *const u8,
    labels_len: usize,
    out: *mut *mut MzR1cs,
) -> MzStatus {
    guard(|| {
        if counts.is_null() {
            return Err(invalid("null counts pointer"));
        }
        let c = std::slice::from_raw_parts(counts, 5);
        let u32_count = |i: usize, what: &str| {
            u32::try_from(c[i]).map_err(|_| invalid(format!("r1cs: {what} must be < 2^32")))
        };
        let n_wires = u32_count(0, "nWires")?;
        let m = u32::try_from(n_constraints)
            .map_err(|_| invalid("r1cs: more than 2^32 - 1 constraints"))?;
        let labels = slice(labels, labels_len)?;
        if labels.len() as u64 != n_wires as u64 * 8 {
            return Err(invalid(format!(
                "r1cs: {} label bytes, expected 8 * nWires = {}",
                labels.len(),
                n_wires as u64 * 8
            )));
        }
        let inner = R1cs {
            n_wires,
            n_pub_out: u32_count(1, "nPubOut")?,
            n_pub_in: u32_count(2, "nPubIn")?,
            n_prv_in: u32_count(3, "nPrvIn")?,
            n_labels: c[4],
            constraints: constraints_from_bytes(slice(constraints, constraints_len)?, m, n_wires)?,
            wire_to_label: labels
                .chunks_exact(8)
                .map(|b| u64::from_le_bytes(b.try_into().expect("chunks of 8")))
                .collect(),
        };
        inner.validate()?;
        new_handle(inner, out)
    })
}

/// Frees an R1CS handle. Null is a no-op.
///
/// # Safety
/// `h` must come from this library and must not be freed twice.
#[no_mangle]
pub unsafe extern "C" fn mz_r1cs_free(h: *mut MzR1cs) {
    guard_free(|| {
        if !h.is_null() {
            drop(Box::from_raw(h));
        }
    })
}

/// Writes the 6 counts: nWires, nPubOut, nPubIn, nPrvIn, nLabels, nConstraints.
///
/// # Safety
/// `h` must be a live handle; `out` must point to 6 writable u64.
#[no_mangle]
pub unsafe extern "C" fn mz_r1cs_counts(h: *const MzR1cs, out: *mut u64) -> MzStatus {
    guard(|| {
        let r = handle(h)?;
        if out.is_null() {
            return Err(invalid("null output pointer"));
        }
        let v = [
            r.n_wires as u64,
            r.n_pub_out as u64,
            r.n_pub_in as u64,
            r.n_prv_in as u64,
            r.n_labels,
            r.constraints.len() as u64,
        ];
        std::ptr::copy_nonoverlapping(v.as_ptr(), out, v.len());
        Ok(())
    })
}

/// The `.r1cs` file bytes (circom's layout: terms sorted by wire, merged, no zeros).
///
/// # Safety
/// `h` must be a live handle; `out` must be valid for writes.
#[no_mangle]
pub unsafe extern "C" fn mz_r1cs_to_bytes(h: *const MzR1cs, out: *mut MzBuffer) -> MzStatus {
    guard(|| write_out(out, MzBuffer::from_vec(handle(h)?.to_bytes()?)))
}

/// Constraints `start .. start + count` (clamped to the end) in the section-2 layout,
/// terms as stored.
///
/// # Safety
/// `h` must be a live handle; `out` must be valid for writes.
#[no_mangle]
pub unsafe extern "C" fn mz_r1cs_constraints(
    h: *const MzR1cs,
    start: u64,
    count: u64,
    out: *mut MzBuffer,
) -> MzStatus {
    guard(|| {
        let cs = &handle(h)?.constraints;
        let lo = usize::try_from(start).unwrap_or(usize::MAX).min(cs.len());
        let hi = lo
            .saturating_add(usize::try_from(count).unwrap_or(usize::MAX))
            .min(cs.len());
        let mut buf = Vec::new();
        constraints_to_bytes(&cs[lo..hi], false, &mut buf);
        write_out(out, MzBuffer::from_vec(buf))
    })
}

/// The wire → label map, nWires u64 LE values.
///
/// # Safety
/// `h` must be a live handle; `out` must be valid for writes.
#[no_mangle]
pub unsafe extern "C" fn mz_r1cs_wire_to_label(h: *const MzR1cs, out: *mut MzBuffer) -> MzStatus {
    guard(|| {
        let map = &handle(h)?.wire_to_label;
        let buf: Vec<u8> = map.iter().flat_map(|l| l.to_le_bytes()).collect();
        write_out(out, MzBuffer::from_vec(buf))
    })
}

unsafe fn witness_words(r: &R1cs, words: *const u8, len: usize) -> Result<Vec<ark_bn254::Fr>> {
    let w = scalars_from_le(slice(words, len)?)?;
    if w.len() != r.n_wires as usize {
        return Err(invalid(format!(
            "witness has {} values, the r1cs has {} wires",
            w.len(),
            r.n_wires
        )));
    }
    Ok(w)
}

/// Writes to `out` the index of the first unsatisfied constraint, or `u64::MAX` when all
/// hold. The witness is nWires 32-byte LE words (each < r).
///
/// # Safety
/// `h` must be a live handle; `words` must point to `len` bytes; `out` valid for writes.
#[no_mangle]
pub unsafe extern "C" fn mz_r1cs_first_unsatisfied(
    h: *const MzR1cs,
    words: *const u8,
    len: usize,
    out: *mut u64,
) -> MzStatus {
    guard(|| {
        let r = handle(h)?;
        let w = witness_words(r, words, len)?;
        let first = match r.is_satisfied(&w) {
            Ok(()) => u64::MAX,
            Err(i) => i as u64,
        };
        write_out(out, first)
    })
}

/// Checks a witness: wire 0 must be 1 and every constraint must hold, else
/// `UnsatisfiedConstraint` naming the first failing constraint.
///
/// # Safety
/// `h` must be a live handle; `words` must point to `len` bytes.
#[no_mangle]
pub unsafe extern "C" fn mz_r1cs_check(h: *const MzR1cs, words: *const u8, len: usize) -> MzStatus {
    guard(|| {
        let r = handle(h)?;
        let w = witness_words(r, words, len)?;
        r.check_witness(&w)
    })
}

/// Parses a `.wtns` file; `out` receives the witness as nWitness 32-byte LE words.
///
/// # Safety
/// `data` must point to `len` readable bytes; `out` must be valid for writes.
#[no_mangle]
pub unsafe extern "C" fn mz_wtns_read(data: *const u8, len: usize, out: *mut MzBuffer) -> MzStatus {
    guard(|| {
        let words = wtns::fr_words_from_bytes(slice(data, len)?)?;
        write_out(out, MzBuffer::from_vec(words.to_vec()))
    })
}

/// Writes a `.wtns` file (version 2) from `len` bytes of 32-byte LE words (each < r).
///
/// # Safety
/// `words` must point to `len` readable bytes; `out` must be valid for writes.
#[no_mangle]
pub unsafe extern "C" fn mz_wtns_write(
    words: *const u8,
    len: usize,
    out: *mut MzBuffer,
) -> MzStatus {
    guard(|| {
        let bytes = wtns::words_to_bytes(slice(words, len)?)?;
        write_out(out, MzBuffer::from_vec(bytes))
    })
}
