//! C ABI for BN254: points, MSM, pairings and GT.
//!
//! Byte conventions (see `crate::bn254::encoding`): single points and GT elements are the
//! public big-endian encodings (G1 64 bytes, G2 128 bytes uncompressed; GT 384 bytes);
//! arrays of points are those encodings concatenated; scalars are 32-byte little-endian
//! words `< r`, concatenated. Every input is passed as (pointer, length) and fully checked.
//! Fixed-size outputs are written to caller buffers of the documented size; variable-size
//! outputs come back as an [`MzBuffer`].
use ark_bn254::{Fr, G1Affine, G1Projective, G2Affine, G2Projective};
use ark_ec::CurveGroup;

use super::{expect_len, guard, guard_free, slice, slice_mut, write_out, MzBuffer, MzStatus};
use crate::bn254::encoding::{
    fr_from_le, g1_from_bytes, g1_from_uncompressed, g1_to_compressed, g1_to_uncompressed,
    g1_write_uncompressed, g2_from_bytes, g2_from_uncompressed, g2_to_compressed,
    g2_to_uncompressed, g2_write_uncompressed, gt_from_bytes, gt_to_bytes, G1_COMPRESSED,
    G1_UNCOMPRESSED, G2_COMPRESSED, G2_UNCOMPRESSED, GT_BYTES,
};
use crate::bn254::ops;
use crate::error::{invalid, Result};

/// Validated G1 points kept on the native side for repeated MSMs.
pub struct G1Bases {
    points: Vec<G1Affine>,
}

/// Validated G2 points kept on the native side for repeated MSMs.
pub struct G2Bases {
    points: Vec<G2Affine>,
}

unsafe fn g1_in(ptr: *const u8, len: usize) -> Result<G1Affine> {
    let b = slice(ptr, len)?;
    expect_len("G1 point", b.len(), G1_UNCOMPRESSED)?;
    g1_from_uncompressed(b)
}

unsafe fn g2_in(ptr: *const u8, len: usize) -> Result<G2Affine> {
    let b = slice(ptr, len)?;
    expect_len("G2 point", b.len(), G2_UNCOMPRESSED)?;
    g2_from_uncompressed(b)
}

unsafe fn scalar_in(ptr: *const u8, len: usize) -> Result<Fr> {
    let b = slice(ptr, len)?;
    expect_len("scalar", b.len(), 32)?;
    fr_from_le(b)
}

unsafe fn g1_out(out: *mut u8, p: G1Projective) -> Result<()> {
    slice_mut(out, G1_UNCOMPRESSED)?.copy_from_slice(&g1_to_uncompressed(&p.into_affine()));
    Ok(())
}

unsafe fn g2_out(out: *mut u8, p: G2Projective) -> Result<()> {
    slice_mut(out, G2_UNCOMPRESSED)?.copy_from_slice(&g2_to_uncompressed(&p.into_affine()));
    Ok(())
}

unsafe fn gt_out(out: *mut u8, x: &ark_bn254::Fq12) -> Result<()> {
    slice_mut(out, GT_BYTES)?.copy_from_slice(&gt_to_bytes(x));
    Ok(())
}

fn check_counts(what: &str, points: usize, scalars: usize) -> Result<()> {
    if points != scalars {
        return Err(invalid(format!(
            "{what}: {points} points but {scalars} scalars"
        )));
    }
    Ok(())
}

// ----- G1 ------------------------------------------------------------------------------------

/// Decodes a G1 point given in either form (64 bytes uncompressed or 32 compressed, chosen
/// by `len`), with all checks, and writes its canonical uncompressed form (64 bytes) to `out`.
///
/// # Safety
/// `data` must point to `len` readable bytes; `out` to 64 writable bytes.
#[no_mangle]
pub unsafe extern "C" fn mz_g1_decode(data: *const u8, len: usize, out: *mut u8) -> MzStatus {
    guard(|| {
        let p = g1_from_bytes(slice(data, len)?)?;
        g1_write_uncompressed(&p, slice_mut(out, G1_UNCOMPRESSED)?);
        Ok(())
    })
}

/// Writes the 32-byte compressed form of a G1 point given uncompressed.
///
/// # Safety
/// `p` must point to `p_len` readable bytes; `out` to 32 writable bytes.
#[no_mangle]
pub unsafe extern "C" fn mz_g1_compress(p: *const u8, p_len: usize, out: *mut u8) -> MzStatus {
    guard(|| {
        let p = g1_in(p, p_len)?;
        slice_mut(out, G1_COMPRESSED)?.copy_from_slice(&g1_to_compressed(&p));
        Ok(())
    })
}

/// `out = a + b` (G1, uncompressed, 64 bytes each).
///
/// # Safety
/// Inputs must point to their lengths in readable bytes; `out` to 64 writable bytes.
#[no_mangle]
pub unsafe extern "C" fn mz_g1_add(
    a: *const u8,
    a_len: usize,
    b: *const u8,
    b_len: usize,
    out: *mut u8,
) -> MzStatus {
    guard(|| g1_out(out, g1_in(a, a_len)? + g1_in(b, b_len)?))
}

/// `out = a - b` (G1).
///
/// # Safety
/// As [`mz_g1_add`].
#[no_mangle]
pub unsafe extern "C" fn mz_g1_sub(
    a: *const u8,
    a_len: usize,
    b: *const u8,
    b_len: usize,
    out: *mut u8,
) -> MzStatus {
    guard(|| g1_out(out, g1_in(a, a_len)? - g1_in(b, b_len)?))
}

/// `out = -a` (G1).
///
/// # Safety
/// `a` must point to `a_len` readable bytes; `out` to 64 writable bytes.
#[no_mangle]
pub unsafe extern "C" fn mz_g1_neg(a: *const u8, a_len: usize, out: *mut u8) -> MzStatus {
    guard(|| g1_out(out, -G1Projective::from(g1_in(a, a_len)?)))
}

/// `out = [s] p` (G1); `s` is a 32-byte little-endian scalar `< r`.
///
/// # Safety
/// Inputs must point to their lengths in readable bytes; `out` to 64 writable bytes.
#[no_mangle]
pub unsafe extern "C" fn mz_g1_mul(
    p: *const u8,
    p_len: usize,
    s: *const u8,
    s_len: usize,
    out: *mut u8,
) -> MzStatus {
    guard(|| g1_out(out, g1_in(p, p_len)? * scalar_in(s, s_len)?))
}

/// `*out = (a == b)` for two checked G1 points.
///
/// # Safety
/// Inputs must point to their lengths in readable bytes; `out` must be valid for writes.
#[no_mangle]
pub unsafe extern "C" fn mz_g1_eq(
    a: *const u8,
    a_len: usize,
    b: *const u8,
    b_len: usize,
    out: *mut bool,
) -> MzStatus {
    guard(|| write_out(out, g1_in(a, a_len)? == g1_in(b, b_len)?))
}

/// `[s_i] G1` for every scalar word in `scalars` (parallel, one shared table): the points,
/// uncompressed and concatenated (64 bytes each), in `out`.
///
/// # Safety
/// `scalars` must point to `scalars_len` readable bytes; `out` to a valid `MzBuffer`.
#[no_mangle]
pub unsafe extern "C" fn mz_g1_generator_mul_batch(
    scalars: *const u8,
    scalars_len: usize,
    out: *mut MzBuffer,
) -> MzStatus {
    guard(|| {
        let s = ops::scalars_from_le(slice(scalars, scalars_len)?)?;
        let pts = ops::g1_generator_mul_batch(&s);
        let mut buf = vec![0u8; pts.len() * G1_UNCOMPRESSED];
        for (p, o) in pts.iter().zip(buf.chunks_exact_mut(G1_UNCOMPRESSED)) {
            g1_write_uncompressed(p, o);
        }
        write_out(out, MzBuffer::from_vec(buf))
    })
}

/// `sum_i s_i P_i` over G1; `points` are concatenated uncompressed points (each checked),
/// `scalars` concatenated 32-byte LE words, the same count. Writes 64 bytes to `out`.
///
/// # Safety
/// Inputs must point to their lengths in readable bytes; `out` to 64 writable bytes.
#[no_mangle]
pub unsafe extern "C" fn mz_g1_msm(
    points: *const u8,
    points_len: usize,
    scalars: *const u8,
    scalars_len: usize,
    out: *mut u8,
) -> MzStatus {
    guard(|| {
        let p = ops::g1_points_from_uncompressed(slice(points, points_len)?)?;
        let s = ops::scalars_from_le(slice(scalars, scalars_len)?)?;
        check_counts("G1 MSM", p.len(), s.len())?;
        g1_out(out, crate::msm::msm_g1(&p, &s))
    })
}

/// Checks and stores G1 points (concatenated, uncompressed) for repeated MSMs.
/// Free the handle with [`mz_g1_bases_free`].
///
/// # Safety
/// `points` must point to `points_len` readable bytes; `out` must be valid for writes.
#[no_mangle]
pub unsafe extern "C" fn mz_g1_bases_new(
    points: *const u8,
    points_len: usize,
    out: *mut *mut G1Bases,
) -> MzStatus {
    guard(|| {
        let points = ops::g1_points_from_uncompressed(slice(points, points_len)?)?;
        write_out(out, Box::into_raw(Box::new(G1Bases { points })))
    })
}

/// Number of points in a [`G1Bases`].
///
/// # Safety
/// `bases` must come from [`mz_g1_bases_new`] and not be freed; `out` valid for writes.
#[no_mangle]
pub unsafe extern "C" fn mz_g1_bases_len(bases: *const G1Bases, out: *mut usize) -> MzStatus {
    guard(|| {
        let b = bases.as_ref().ok_or_else(|| invalid("null G1Bases"))?;
        write_out(out, b.points.len())
    })
}

/// `sum_i s_i P_i` over the stored points; exactly one scalar word per point.
///
/// # Safety
/// `bases` must be a live handle; `scalars` must point to `scalars_len` readable bytes;
/// `out` to 64 writable bytes.
#[no_mangle]
pub unsafe extern "C" fn mz_g1_bases_msm(
    bases: *const G1Bases,
    scalars: *const u8,
    scalars_len: usize,
    out: *mut u8,
) -> MzStatus {
    guard(|| {
        let b = bases.as_ref().ok_or_else(|| invalid("null G1Bases"))?;
        let s = ops::scalars_from_le(slice(scalars, scalars_len)?)?;
        check_counts("G1 MSM", b.points.len(), s.len())?;
        g1_out(out, crate::msm::msm_g1(&b.points, &s))
    })
}

/// Frees a [`G1Bases`]. Null is a no-op.
///
/// # Safety
/// `bases` must come from [`mz_g1_bases_new`] and not be freed twice.
#[no_mangle]
pub unsafe extern "C" fn mz_g1_bases_free(bases: *mut G1Bases) {
    guard_free(|| {
        if !bases.is_null() {
            drop(Box::from_raw(bases));
        }
    })
}

// ----- G2 ------------------------------------------------------------------------------------

/// Decodes a G2 point given in either form (128 bytes uncompressed or 64 compressed, chosen
/// by `len`), with all checks (subgroup included), and writes its canonical uncompressed
/// form (128 bytes) to `out`.
///
/// # Safety
/// `data` must point to `len` readable bytes; `out` to 128 writable bytes.
#[no_mangle]
pub unsafe extern "C" fn mz_g2_decode(data: *const u8, len: usize, out: *mut u8) -> MzStatus {
    guard(|| {
        let p = g2_from_bytes(slice(data, len)?)?;
        g2_write_uncompressed(&p, slice_mut(out, G2_UNCOMPRESSED)?);
        Ok(())
    })
}

/// Writes the 64-byte compressed form of a G2 point given uncompressed.
///
/// # Safety
/// `p` must point to `p_len` readable bytes; `out` to 64 writable bytes.
#[no_mangle]
pub unsafe extern "C" fn mz_g2_compress(p: *const u8, p_len: usize, out: *mut u8) -> MzStatus {
    guard(|| {
        let p = g2_in(p, p_len)?;
        slice_mut(out, G2_COMPRESSED)?.copy_from_slice(&g2_to_compressed(&p));
        Ok(())
    })
}

/// `out = a + b` (G2, uncompressed, 128 bytes each).
///
/// # Safety
/// Inputs must point to their lengths in readable bytes; `out` to 128 writable bytes.
#[no_mangle]
pub unsafe extern "C" fn mz_g2_add(
    a: *const u8,
    a_len: usize,
    b: *const u8,
    b_len: usize,
    out: *mut u8,
) -> MzStatus {
    guard(|| g2_out(out, g2_in(a, a_len)? + g2_in(b, b_len)?))
}

/// `out = a - b` (G2).
///
/// # Safety
/// As [`mz_g2_add`].
#[no_mangle]
pub unsafe extern "C" fn mz_g2_sub(
    a: *const u8,
    a_len: usize,
    b: *const u8,
    b_len: usize,
    out: *mut u8,
) -> MzStatus {
    guard(|| g2_out(out, g2_in(a, a_len)? - g2_in(b, b_len)?))
}

/// `out = -a` (G2).
///
/// # Safety
/// `a` must point to `a_len` readable bytes; `out` to 128 writable bytes.
#[no_mangle]
pub unsafe extern "C" fn mz_g2_neg(a: *const u8, a_len: usize, out: *mut u8) -> MzStatus {
    guard(|| g2_out(out, -G2Projective::from(g2_in(a, a_len)?)))
}

/// `out = [s] p` (G2); `s` is a 32-byte little-endian scalar `< r`.
///
/// # Safety
/// Inputs must point to their lengths in readable bytes; `out` to 128 writable bytes.
#[no_mangle]
pub unsafe extern "C" fn mz_g2_mul(
    p: *const u8,
    p_len: usize,
    s: *const u8,
    s_len: usize,
    out: *mut u8,
) -> MzStatus {
    guard(|| g2_out(out, g2_in(p, p_len)? * scalar_in(s, s_len)?))
}

/// `*out = (a == b)` for two checked G2 points.
///
/// # Safety
/// Inputs must point to their lengths in readable bytes; `out` must be valid for writes.
#[no_mangle]
pub unsafe extern "C" fn mz_g2_eq(
    a: *const u8,
    a_len: usize,
    b: *const u8,
    b_len: usize,
    out: *mut bool,
) -> MzStatus {
    guard(|| write_out(out, g2_in(a, a_len)? == g2_in(b, b_len)?))
}

/// `[s_i] G2` for every scalar word (as [`mz_g1_generator_mul_batch`]; 128 bytes each).
///
/// # Safety
/// `scalars` must point to `scalars_len` readable bytes; `out` to a valid `MzBuffer`.
#[no_mangle]
pub unsafe extern "C" fn mz_g2_generator_mul_batch(
    scalars: *const u8,
    scalars_len: usize,
    out: *mut MzBuffer,
) -> MzStatus {
    guard(|| {
        let s = ops::scalars_from_le(slice(scalars, scalars_len)?)?;
        let pts = ops::g2_generator_mul_batch(&s);
        let mut buf = vec![0u8; pts.len() * G2_UNCOMPRESSED];
        for (p, o) in pts.iter().zip(buf.chunks_exact_mut(G2_UNCOMPRESSED)) {
            g2_write_uncompressed(p, o);
        }
        write_out(out, MzBuffer::from_vec(buf))
    })
}

/// `sum_i s_i Q_i` over G2 (as [`mz_g1_msm`]; 128-byte points and output).
///
/// # Safety
/// Inputs must point to their lengths in readable bytes; `out` to 128 writable bytes.
#[no_mangle]
pub unsafe extern "C" fn mz_g2_msm(
    points: *const u8,
    points_len: usize,
    scalars: *const u8,
    scalars_len: usize,
    out: *mut u8,
) -> MzStatus {
    guard(|| {
        let p = ops::g2_points_from_uncompressed(slice(points, points_len)?)?;
        let s = ops::scalars_from_le(slice(scalars, scalars_len)?)?;
        check_counts("G2 MSM", p.len(), s.len())?;
        g2_out(out, crate::msm::msm_g2(&p, &s))
    })
}

/// Checks and stores G2 points (concatenated, uncompressed) for repeated MSMs.
/// Free the handle with [`mz_g2_bases_free`].
///
/// # Safety
/// `points` must point to `points_len` readable bytes; `out` must be valid for writes.
#[no_mangle]
pub unsafe extern "C" fn mz_g2_bases_new(
    points: *const u8,
    points_len: usize,
    out: *mut *mut G2Bases,
) -> MzStatus {
    guard(|| {
        let points = ops::g2_points_from_uncompressed(slice(points, points_len)?)?;
        write_out(out, Box::into_raw(Box::new(G2Bases { points })))
    })
}

/// Number of points in a [`G2Bases`].
///
/// # Safety
/// `bases` must come from [`mz_g2_bases_new`] and not be freed; `out` valid for writes.
#[no_mangle]
pub unsafe extern "C" fn mz_g2_bases_len(bases: *const G2Bases, out: *mut usize) -> MzStatus {
    guard(|| {
        let b = bases.as_ref().ok_or_else(|| invalid("null G2Bases"))?;
        write_out(out, b.points.len())
    })
}

/// `sum_i s_i Q_i` over the stored points; exactly one scalar word per point.
///
/// # Safety
/// `bases` must be a live handle; `scalars` must point to `scalars_len` readable bytes;
/// `out` to 128 writable bytes.
#[no_mangle]
pub unsafe extern "C" fn mz_g2_bases_msm(
    bases: *const G2Bases,
    scalars: *const u8,
    scalars_len: usize,
    out: *mut u8,
) -> MzStatus {
    guard(|| {
        let b = bases.as_ref().ok_or_else(|| invalid("null G2Bases"))?;
        let s = ops::scalars_from_le(slice(scalars, scalars_len)?)?;
        check_counts("G2 MSM", b.points.len(), s.len())?;
        g2_out(out, crate::msm::msm_g2(&b.points, &s))
    })
}

/// Frees a [`G2Bases`]. Null is a no-op.
///
/// # Safety
/// `bases` must come from [`mz_g2_bases_new`] and not be freed twice.
#[no_mangle]
pub unsafe extern "C" fn mz_g2_bases_free(bases: *mut G2Bases) {
    guard_free(|| {
        if !bases.is_null() {
            drop(Box::from_raw(bases));
        }
    })
}

// ----- pairings and GT ---------------------------------------------------------------------

/// `out = e(p, q)`: a 64-byte G1 point and a 128-byte G2 point, both checked; 384 bytes out.
///
/// # Safety
/// Inputs must point to their lengths in readable bytes; `out` to 384 writable bytes.
#[no_mangle]
pub unsafe extern "C" fn mz_bn254_pairing(
    p: *const u8,
    p_len: usize,
    q: *const u8,
    q_len: usize,
    out: *mut u8,
) -> MzStatus {
    guard(|| gt_out(out, &ops::pairing(&g1_in(p, p_len)?, &g2_in(q, q_len)?)))
}

unsafe fn pairs_in(
    g1s: *const u8,
    g1s_len: usize,
    g2s: *const u8,
    g2s_len: usize,
) -> Result<(Vec<G1Affine>, Vec<G2Affine>)> {
    let ps = ops::g1_points_from_uncompressed(slice(g1s, g1s_len)?)?;
    let qs = ops::g2_points_from_uncompressed(slice(g2s, g2s_len)?)?;
    Ok((ps, qs))
}

/// `out = prod_i e(p_i, q_i)` with one shared final exponentiation; `g1s`/`g2s` are
/// concatenated uncompressed points, the same count. 384 bytes out (one for no pairs).
///
/// # Safety
/// Inputs must point to their lengths in readable bytes; `out` to 384 writable bytes.
#[no_mangle]
pub unsafe extern "C" fn mz_bn254_pairing_product(
    g1s: *const u8,
    g1s_len: usize,
    g2s: *const u8,
    g2s_len: usize,
    out: *mut u8,
) -> MzStatus {
    guard(|| {
        let (ps, qs) = pairs_in(g1s, g1s_len, g2s, g2s_len)?;
        gt_out(out, &ops::pairing_product(&ps, &qs)?)
    })
}

/// `*out = (prod_i e(p_i, q_i) == 1)` (arguments as [`mz_bn254_pairing_product`]).
///
/// # Safety
/// Inputs must point to their lengths in readable bytes; `out` must be valid for writes.
#[no_mangle]
pub unsafe extern "C" fn mz_bn254_pairing_check(
    g1s: *const u8,
    g1s_len: usize,
    g2s: *const u8,
    g2s_len: usize,
    out: *mut bool,
) -> MzStatus {
    guard(|| {
        let (ps, qs) = pairs_in(g1s, g1s_len, g2s, g2s_len)?;
        write_out(out, ops::pairing_check(&ps, &qs)?)
    })
}

/// Checks a 384-byte GT element: canonical coefficients and membership of the order-r
/// subgroup (status only).
///
/// # Safety
/// `a` must point to `a_len` readable bytes.
#[no_mangle]
pub unsafe extern "C" fn mz_gt_check(a: *const u8, a_len: usize) -> MzStatus {
    guard(|| gt_from_bytes(slice(a, a_len)?).map(|_| ()))
}

/// `out = a * b` in GT (both checked).
///
/// # Safety
/// Inputs must point to their lengths in readable bytes; `out` to 384 writable bytes.
#[no_mangle]
pub unsafe extern "C" fn mz_gt_mul(
    a: *const u8,
    a_len: usize,
    b: *const u8,
    b_len: usize,
    out: *mut u8,
) -> MzStatus {
    guard(|| {
        let a = gt_from_bytes(slice(a, a_len)?)?;
        let b = gt_from_bytes(slice(b, b_len)?)?;
        gt_out(out, &(a * b))
    })
}

/// `out = a^s` in GT; `s` is a 32-byte little-endian scalar `< r`.
///
/// # Safety
/// Inputs must point to their lengths in readable bytes; `out` to 384 writable bytes.
#[no_mangle]
pub unsafe extern "C" fn mz_gt_pow(
    a: *const u8,
    a_len: usize,
    s: *const u8,
    s_len: usize,
    out: *mut u8,
) -> MzStatus {
    guard(|| {
        use ark_ff::{Field, PrimeField};
        let a = gt_from_bytes(slice(a, a_len)?)?;
        let s = scalar_in(s, s_len)?;
        gt_out(out, &a.pow(s.into_bigint()))
    })
}
