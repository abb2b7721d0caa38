//! FFI for the radix-2 FFT over Fr: an opaque domain handle and in-place transforms.
//!
//! Scalar arrays are `len` bytes holding `len / 32` little-endian 32-byte words in normal
//! form; every word must be < r. A call that fails leaves its output untouched.
use crate::bn254::encoding::{fr_from_le_word, fr_write_le};
use ark_bn254::Fr;
use rayon::prelude::*;

use super::{expect_len, guard, guard_free, slice, slice_mut, write_out, MzStatus};
use crate::error::{invalid, Error, Result};
use crate::fft::Domain;

/// A precomputed FFT domain (subgroup of size 2^k of Fr). Free with [`mz_fft_domain_free`].
pub struct MzFftDomain {
    inner: Domain,
}

const WORD: usize = 32;

fn word_to_fr(w: &[u8], index: usize) -> Result<Fr> {
    fr_from_le_word(w).ok_or_else(|| {
        Error::InvalidEncoding(format!("fft: value at index {index} is not reduced (>= r)"))
    })
}

/// Decodes `n` words, checking the byte length and that each value is < r.
fn read_scalars(bytes: &[u8], n: usize) -> Result<Vec<Fr>> {
    expect_len("fft values", bytes.len(), n * WORD)?;
    bytes
        .par_chunks_exact(WORD)
        .with_min_len(1024)
        .enumerate()
        .map(|(i, w)| word_to_fr(w, i))
        .collect()
}

fn write_scalars(v: &[Fr], out: &mut [u8]) {
    out.par_chunks_exact_mut(WORD)
        .with_min_len(1024)
        .zip(v.par_iter())
        .for_each(|(w, x)| fr_write_le(x, w));
}

unsafe fn domain<'a>(d: *const MzFftDomain) -> Result<&'a Domain> {
    d.as_ref()
        .map(|d| &d.inner)
        .ok_or_else(|| invalid("null fft domain"))
}

/// Runs `f` on the decoded `data` and writes the result back in place.
unsafe fn in_place(
    d: *const MzFftDomain,
    data: *mut u8,
    len: usize,
    f: impl FnOnce(&Domain, &mut [Fr]) -> Result<()>,
) -> Result<()> {
    let d = domain(d)?;
    let bytes = slice_mut(data, len)?;
    let mut v = read_scalars(bytes, d.size())?;
    f(d, &mut v)?;
    write_scalars(&v, bytes);
    Ok(())
}

unsafe fn read_shift(shift: *const u8) -> Result<Fr> {
    word_to_fr(slice(shift, WORD)?, 0)
        .map_err(|_| Error::InvalidEncoding("fft: coset shift is not reduced (>= r)".into()))
}

/// Creates the domain of size 2^`log_n` (1 ≤ `log_n` ≤ 28) with its twiddle tables.
///
/// # Safety
/// `out` must be valid for writes.
#[no_mangle]
pub unsafe extern "C" fn mz_fft_domain_new(log_n: u32, out: *mut *mut MzFftDomain) -> MzStatus {
    guard(|| {
        if out.is_null() {
            return Err(invalid("null output pointer"));
        }
        let inner = Domain::new(log_n)?;
        write_out(out, Box::into_raw(Box::new(MzFftDomain { inner })))
    })
}

/// Frees a domain from [`mz_fft_domain_new`]. Null is a no-op.
///
/// # Safety
/// `d` must come from [`mz_fft_domain_new`] and must not be freed twice.
#[no_mangle]
pub unsafe extern "C" fn mz_fft_domain_free(d: *mut MzFftDomain) {
    guard_free(|| {
        if !d.is_null() {
            drop(Box::from_raw(d));
        }
    })
}

/// Writes the domain's generator ω (32 bytes LE, normal form) to `out`.
///
/// # Safety
/// `d` must be a live domain; `out` must point to 32 writable bytes.
#[no_mangle]
pub unsafe extern "C" fn mz_fft_domain_omega(d: *const MzFftDomain, out: *mut u8) -> MzStatus {
    guard(|| {
        let d = domain(d)?;
        fr_write_le(&d.omega(), slice_mut(out, WORD)?);
        Ok(())
    })
}

/// Writes ω^0 … ω^{n−1} (n words) to `out`, which must be `out_len` = 32·n bytes.
///
/// # Safety
/// `d` must be a live domain; `out` must point to `out_len` writable bytes.
#[no_mangle]
pub unsafe extern "C" fn mz_fft_domain_elements(
    d: *const MzFftDomain,
    out: *mut u8,
    out_len: usize,
) -> MzStatus {
    guard(|| {
        let d = domain(d)?;
        if out_len != d.size() * WORD {
            return Err(invalid(format!(
                "fft: expected an output of {} bytes, got {out_len}",
                d.size() * WORD
            )));
        }
        write_scalars(&d.elements(), slice_mut(out, out_len)?);
        Ok(())
    })
}

/// In place: coefficients → evaluations on H, natural order (entry i at ω^i).
///
/// # Safety
/// `d` must be a live domain; `data` must point to `len` writable bytes.
#[no_mangle]
pub unsafe extern "C" fn mz_fft_forward(
    d: *const MzFftDomain,
    data: *mut u8,
    len: usize,
) -> MzStatus {
    guard(|| in_place(d, data, len, |d, v| d.fft(v)))
}

/// In place: evaluations on H → coefficients.
///
/// # Safety
/// As [`mz_fft_forward`].
#[no_mangle]
pub unsafe extern "C" fn mz_fft_inverse(
    d: *const MzFftDomain,
    data: *mut u8,
    len: usize,
) -> MzStatus {
    guard(|| in_place(d, data, len, |d, v| d.ifft(v)))
}

/// In place: coefficients → evaluations on the coset g·H (entry i at g·ω^i). `shift` is g,
/// 32 bytes LE, non-zero and < r.
///
/// # Safety
/// As [`mz_fft_forward`]; `shift` must point to 32 readable bytes.
#[no_mangle]
pub unsafe extern "C" fn mz_fft_coset_forward(
    d: *const MzFftDomain,
    shift: *const u8,
    data: *mut u8,
    len: usize,
) -> MzStatus {
    guard(|| {
        let g = read_shift(shift)?;
        in_place(d, data, len, |d, v| d.coset_fft(v, g))
    })
}

/// In place: evaluations on the coset g·H → coefficients.
///
/// # Safety
/// As [`mz_fft_coset_forward`].
#[no_mangle]
pub unsafe extern "C" fn mz_fft_coset_inverse(
    d: *const MzFftDomain,
    shift: *const u8,
    data: *mut u8,
    len: usize,
) -> MzStatus {
    guard(|| {
        let g = read_shift(shift)?;
        in_place(d, data, len, |d, v| d.coset_ifft(v, g))
    })
}

/// The Groth16 quotient step (snarkjs/rapidsnark): from evaluations of A, B, C on H
/// (`len` bytes each), writes A·B − C at the odd points ω_{2n}^{2i+1}, i < n (the `.zkey`
/// H-point coset; `Fr.shift`·H for n = 2^28) to `out` (`len` bytes). Not divided by Z_H,
/// which is constant there.
///
/// # Safety
/// `d` must be a live domain; `a`, `b`, `c` must point to `len` readable bytes and `out`
/// to `len` writable bytes.
#[no_mangle]
pub unsafe extern "C" fn mz_fft_odd_coset_h(
    d: *const MzFftDomain,
    a: *const u8,
    b: *const u8,
    c: *const u8,
    len: usize,
    out: *mut u8,
) -> MzStatus {
    guard(|| {
        let d = domain(d)?;
        let n = d.size();
        let mut va = read_scalars(slice(a, len)?, n)?;
        let mut vb = read_scalars(slice(b, len)?, n)?;
        let mut vc = read_scalars(slice(c, len)?, n)?;
        let out = slice_mut(out, len)?;
        d.odd_coset_h(&mut va, &mut vb, &mut vc)?;
        write_scalars(&va, out);
        Ok(())
    })
}
