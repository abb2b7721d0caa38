//! Radix-2 FFT over BN254's scalar field Fr: the prover's second hot kernel.
//!
//! # Layout of the algorithm
//!
//! Two in-place butterfly networks do all the work, both driven by one twiddle table `T`
//! that holds the powers of a root of unity in **bit-reversed exponent order**
//! (`T[b] = ω^{bitrev(b)}`):
//!
//! * [`ct`] (Cooley–Tukey, "multiply then add/sub"): natural-order input, bit-reversed output.
//!   Block `b` of level `s` uses the single twiddle `T[b]`, so a level reads a *prefix* of `T`
//!   sequentially, and the table of a size-`n` domain is the prefix of the table of any
//!   larger one.
//! * [`gs`] (Gentleman–Sande, "add/sub then multiply"): bit-reversed input, natural output.
//!
//! With `T` built from ω and `Tinv` from ω⁻¹:
//!
//! | network       | maps                                        |
//! |---------------|---------------------------------------------|
//! | `ct(T)`       | natural coefficients → bit-reversed evaluations |
//! | `gs(T)`       | bit-reversed coefficients → natural evaluations |
//! | `ct(Tinv)`    | natural evaluations → bit-reversed coefficients (× n) |
//! | `gs(Tinv)`    | bit-reversed evaluations → natural coefficients (× n) |
//!
//! So a pipeline "evaluations → coefficients → pointwise op → evaluations" ([`Domain::
//! odd_coset_h`]) runs `ct(Tinv)` then `gs(T)` and never permutes. The public transforms take
//! and return natural order and pay one bit-reversal permutation.
//!
//! Both networks recurse depth-first: above [`LEAF`] elements a level is one parallel pass
//! over the block, then the two halves recurse in parallel (`rayon::join`); a block of at most
//! `LEAF` elements (fits in L2) runs all its remaining levels serially while it is in cache.
//! A per-element scale (a constant, such as n⁻¹, or a table, such as coset powers) is applied
//! at the leaves, while the block is still in cache, instead of in a separate pass.
use ark_bn254::Fr;
use ark_ff::{FftField, Field, One, Zero};
use rayon::prelude::*;

use crate::error::{invalid, Result};

/// Largest supported `log2(n)`: the two-adicity of Fr (2^28 divides r − 1).
pub const MAX_LOG_SIZE: u32 = Fr::TWO_ADICITY;

/// Blocks of at most this many elements (128 KiB) run their remaining levels serially.
const LEAF: usize = 1 << 12;
/// Butterflies per parallel task in a level pass over a large block.
const PAR_CHUNK: usize = 1 << 10;
/// Below this many elements, element-wise passes (scaling, permutation) run serially.
const PAR_MIN: usize = 1 << 12;

/// ffjavascript's `Fr.shift` (the square of the smallest quadratic non-residue, 5): the
/// coset snarkjs uses instead of ω_{2n}·H when n = 2^28 has no 2n-th root of unity.
pub fn snarkjs_shift() -> Fr {
    Fr::from(25u64)
}

/// A multiplicative subgroup H = ⟨ω⟩ of Fr of size n = 2^k, with precomputed twiddles.
///
/// ω is ark-bn254's two-adic root of unity (5^t, t = (r − 1)/2^28) squared 28 − k times:
/// the same ω as ffjavascript's `Fr.w[k]` (snarkjs, circom, rapidsnark).
#[derive(Clone, Debug)]
pub struct Domain {
    log_n: u32,
    n: usize,
    omega: Fr,
    omega_inv: Fr,
    n_inv: Fr,
    /// Bit-reversed powers of ω_{2n} (n entries; n/2 when k = 28 and no ω_{2n} exists).
    /// Its prefix of n/2 entries is the bit-reversed powers of ω = ω_{2n}²: the forward
    /// twiddles; all n entries are the bit-reversed odd-coset shifts used by `odd_coset_h`.
    fwd: Vec<Fr>,
    /// Bit-reversed powers of ω⁻¹ (n/2 entries): the inverse twiddles.
    inv: Vec<Fr>,
}

/// The primitive 2^k-th root of unity.
pub fn root_of_unity(log_n: u32) -> Fr {
    let mut w = Fr::TWO_ADIC_ROOT_OF_UNITY;
    for _ in log_n..MAX_LOG_SIZE {
        w.square_in_place();
    }
    w
}

impl Domain {
    /// The domain of size 2^`log_n`, 1 ≤ `log_n` ≤ 28.
    pub fn new(log_n: u32) -> Result<Self> {
        if !(1..=MAX_LOG_SIZE).contains(&log_n) {
            return Err(invalid(format!(
                "fft domain: log2(size) must be in 1..={MAX_LOG_SIZE}, got {log_n}"
            )));
        }
        let n = 1usize << log_n;
        let omega = root_of_unity(log_n);
        let omega_inv = omega.inverse().expect("root of unity is non-zero");
        let n_inv = Fr::from(n as u64).inverse().expect("n < r");
        let fwd = if log_n < MAX_LOG_SIZE {
            bitrev_powers(root_of_unity(log_n + 1), n)
        } else {
            bitrev_powers(omega, n / 2)
        };
        let inv = bitrev_powers(omega_inv, n / 2);
        Ok(Domain {
            log_n,
            n,
            omega,
            omega_inv,
            n_inv,
            fwd,
            inv,
        })
    }

    pub fn size(&self) -> usize {
        self.n
    }

    pub fn log_size(&self) -> u32 {
        self.log_n
    }

    /// The generator ω of H.
    pub fn omega(&self) -> Fr {
        self.omega
    }

    pub fn omega_inv(&self) -> Fr {
        self.omega_inv
    }

    pub fn size_inv(&self) -> Fr {
        self.n_inv
    }

    /// ω^0, ω^1, …, ω^{n−1}.
    pub fn elements(&self) -> Vec<Fr> {
        let mut v = vec![Fr::one(); self.n];
        scale_by_powers(&mut v, self.omega, Fr::one());
        v
    }

    fn check_len(&self, got: usize) -> Result<()> {
        if got != self.n {
            return Err(invalid(format!(
                "fft: expected {} values, got {got}",
                self.n
            )));
        }
        Ok(())
    }

    /// Coefficients (natural order) → evaluations on H (natural order: entry i is at ω^i).
    pub fn fft(&self, v: &mut [Fr]) -> Result<()> {
        self.check_len(v.len())?;
        ct(v, &self.fwd[..self.n / 2], 0, Post::None);
        bit_reverse(v);
        Ok(())
    }

    /// Evaluations on H (natural order) → coefficients (natural order).
    pub fn ifft(&self, v: &mut [Fr]) -> Result<()> {
        self.check_len(v.len())?;
        ct(v, &self.inv, 0, Post::Const(self.n_inv));
        bit_reverse(v);
        Ok(())
    }

    /// Coefficients → evaluations on the coset g·H (entry i is at g·ω^i).
    pub fn coset_fft(&self, v: &mut [Fr], g: Fr) -> Result<()> {
        self.check_len(v.len())?;
        check_shift(g)?;
        scale_by_powers(v, g, Fr::one());
        self.fft(v)
    }

    /// Evaluations on the coset g·H → coefficients.
    pub fn coset_ifft(&self, v: &mut [Fr], g: Fr) -> Result<()> {
        self.check_len(v.len())?;
        check_shift(g)?;
        let g_inv = g.inverse().expect("checked non-zero");
        ct(v, &self.inv, 0, Post::None);
        bit_reverse(v);
        scale_by_powers(v, g_inv, self.n_inv);
        Ok(())
    }

    /// The quotient step of a snarkjs/rapidsnark Groth16 prover.
    ///
    /// Input: evaluations of A, B, C on H (natural order), with A·B − C = 0 on H. Output, in
    /// place of `a`: P(x) = A(x)·B(x) − C(x) at x_i = s·ω^i, where s = ω_{2n} (so x_i =
    /// ω_{2n}^{2i+1}, the odd points of the size-2n domain), or s = 25 (ffjavascript's
    /// `Fr.shift`) when n = 2^28. Like snarkjs we do not divide by Z_H: Z_H(x_i) = s^n − 1 is
    /// the same constant (−2 for ω_{2n}) at every point, and the `.zkey` H points (Lagrange
    /// basis of that coset) absorb it. A, B, C are interpolated with degree < n, extended to
    /// the coset, and multiplied there. `b` and `c` are clobbered.
    pub fn odd_coset_h(&self, a: &mut [Fr], b: &mut [Fr], c: &mut [Fr]) -> Result<()> {
        self.check_len(a.len())?;
        self.check_len(b.len())?;
        self.check_len(c.len())?;
        let shift_table;
        let shifts: &[Fr] = if self.fwd.len() == self.n {
            &self.fwd
        } else {
            shift_table = bitrev_powers(snarkjs_shift(), self.n);
            &shift_table
        };
        let fwd = &self.fwd[..self.n / 2];
        // ct(Tinv) leaves n·coefficients in bit-reversed order; the leaf step multiplies entry
        // p (coefficient bitrev(p)) by s^{bitrev(p)} = shifts[p]; gs(T) then evaluates on H
        // into natural order: n·X(s·ω^i). No permutation on the way.
        for x in [&mut *a, &mut *b, &mut *c] {
            ct(x, &self.inv, 0, Post::Table(shifts));
            gs(x, fwd, 0);
        }
        // Each of A', B', C' carries a factor n: P = (A'·B' − n·C')·n⁻².
        let n_fr = Fr::from(self.n as u64);
        let n_inv2 = self.n_inv.square();
        a.par_iter_mut()
            .zip(b.par_iter())
            .zip(c.par_iter())
            .with_min_len(PAR_MIN)
            .for_each(|((a, b), c)| {
                *a = (*a * b - n_fr * c) * n_inv2;
            });
        Ok(())
    }

    /// Raw network access for the benchmarks: natural coefficients → bit-reversed
    /// evaluations (no permutation).
    pub fn fft_to_bitrev(&self, v: &mut [Fr]) -> Result<()> {
        self.check_len(v.len())?;
        ct(v, &self.fwd[..self.n / 2], 0, Post::None);
        Ok(())
    }

    /// Bit-reversed evaluations → natural coefficients (no permutation).
    pub fn ifft_from_bitrev(&self, v: &mut [Fr]) -> Result<()> {
        self.check_len(v.len())?;
        gs(v, &self.inv, 0);
        scale_by_powers(v, Fr::one(), self.n_inv);
        Ok(())
    }
}

fn check_shift(g: Fr) -> Result<()> {
    if g.is_zero() {
        return Err(invalid("fft: coset shift must be non-zero"));
    }
    Ok(())
}

/// `out[b] = z^{bitrev(b)}` for b < `len` (a power of two), bit reversal over log2(len) bits.
///
/// Built level by level: for b in [2^s, 2^{s+1}), bitrev(b) = bitrev(b − 2^s) + len/2^{s+1},
/// so each level is the previous prefix times one constant: `len − 1` multiplications.
pub fn bitrev_powers(z: Fr, len: usize) -> Vec<Fr> {
    debug_assert!(len.is_power_of_two());
    let mut out = vec![Fr::zero(); len];
    out[0] = Fr::one();
    let mut m = 1;
    while m < len {
        let f = z.pow([(len / (2 * m)) as u64]);
        let (lo, hi) = out.split_at_mut(m);
        hi[..m]
            .par_iter_mut()
            .zip(lo.par_iter())
            .with_min_len(PAR_MIN)
            .for_each(|(h, l)| *h = *l * f);
        m *= 2;
    }
    out
}

/// `v[i] *= c·g^i`, in parallel chunks (each chunk starts from one exponentiation).
pub fn scale_by_powers(v: &mut [Fr], g: Fr, c: Fr) {
    if v.len() <= PAR_MIN {
        let mut p = c;
        for x in v.iter_mut() {
            *x *= p;
            p *= g;
        }
        return;
    }
    v.par_chunks_mut(PAR_MIN)
        .enumerate()
        .for_each(|(i, chunk)| {
            let mut p = c * g.pow([(i * PAR_MIN) as u64]);
            for x in chunk.iter_mut() {
                *x *= p;
                p *= g;
            }
        });
}

/// What to do with a leaf block once its last level is done (while it is in cache).
#[derive(Clone, Copy)]
enum Post<'a> {
    None,
    /// Multiply every element by a constant.
    Const(Fr),
    /// Multiply element p (global position) by `table[p]`.
    Table(&'a [Fr]),
}

#[inline(always)]
fn butterfly_ct(lo: &mut Fr, hi: &mut Fr, z: Fr) {
    let t = *hi * z;
    *hi = *lo - t;
    *lo += t;
}

#[inline(always)]
fn butterfly_ct_one(lo: &mut Fr, hi: &mut Fr) {
    let t = *hi;
    *hi = *lo - t;
    *lo += t;
}

#[inline(always)]
fn butterfly_gs(lo: &mut Fr, hi: &mut Fr, z: Fr) {
    let t = *lo - *hi;
    *lo += *hi;
    *hi = t * z;
}

#[inline(always)]
fn butterfly_gs_one(lo: &mut Fr, hi: &mut Fr) {
    let t = *lo - *hi;
    *lo += *hi;
    *hi = t;
}

/// One level of one block: pairs (lo[j], hi[j]) with twiddle z (z = 1 when `block` is 0,
/// where the multiplication-free butterfly `one` runs instead of `bf`).
fn level(
    lo: &mut [Fr],
    hi: &mut [Fr],
    z: Fr,
    block: usize,
    parallel: bool,
    bf: impl Fn(&mut Fr, &mut Fr, Fr) + Sync,
    one: impl Fn(&mut Fr, &mut Fr) + Sync,
) {
    let f = |(l, h): (&mut [Fr], &mut [Fr])| {
        if block == 0 {
            l.iter_mut().zip(h).for_each(|(a, b)| one(a, b));
        } else {
            l.iter_mut().zip(h).for_each(|(a, b)| bf(a, b, z));
        }
    };
    if parallel {
        lo.par_chunks_mut(PAR_CHUNK)
            .zip(hi.par_chunks_mut(PAR_CHUNK))
            .for_each(f);
    } else {
        f((lo, hi));
    }
}

fn level_ct(lo: &mut [Fr], hi: &mut [Fr], z: Fr, block: usize, parallel: bool) {
    level(lo, hi, z, block, parallel, butterfly_ct, butterfly_ct_one);
}

fn level_gs(lo: &mut [Fr], hi: &mut [Fr], z: Fr, block: usize, parallel: bool) {
    level(lo, hi, z, block, parallel, butterfly_gs, butterfly_gs_one);
}

/// Cooley–Tukey network on `v`, which is block `block` of its level (`v.len()` a power of
/// two; `tw[block · v.len() / 2 ..]` must exist for the last level). Natural → bit-reversed.
fn ct(v: &mut [Fr], tw: &[Fr], block: usize, post: Post<'_>) {
    let len = v.len();
    if len <= LEAF {
        ct_serial(v, tw, block);
        match post {
            Post::None => {}
            Post::Const(c) => v.iter_mut().for_each(|x| *x *= c),
            Post::Table(t) => {
                let t = &t[block * len..(block + 1) * len];
                v.iter_mut().zip(t).for_each(|(x, s)| *x *= s);
            }
        }
        return;
    }
    let (lo, hi) = v.split_at_mut(len / 2);
    level_ct(lo, hi, tw[block], block, true);
    rayon::join(
        || ct(lo, tw, 2 * block, post),
        || ct(hi, tw, 2 * block + 1, post),
    );
}

fn ct_serial(v: &mut [Fr], tw: &[Fr], block: usize) {
    let len = v.len();
    let mut half = len / 2;
    let mut first = block;
    while half >= 1 {
        for (i, chunk) in v.chunks_exact_mut(2 * half).enumerate() {
            let b = first + i;
            let (lo, hi) = chunk.split_at_mut(half);
            level_ct(lo, hi, tw[b], b, false);
        }
        half /= 2;
        first *= 2;
    }
}

/// Gentleman–Sande network: bit-reversed → natural. Same block numbering as [`ct`].
fn gs(v: &mut [Fr], tw: &[Fr], block: usize) {
    let len = v.len();
    if len <= LEAF {
        gs_serial(v, tw, block);
        return;
    }
    let (lo, hi) = v.split_at_mut(len / 2);
    rayon::join(|| gs(lo, tw, 2 * block), || gs(hi, tw, 2 * block + 1));
    level_gs(lo, hi, tw[block], block, true);
}

fn gs_serial(v: &mut [Fr], tw: &[Fr], block: usize) {
    let len = v.len();
    if len < 2 {
        return;
    }
    let levels = len.trailing_zeros();
    let mut half = 1;
    for d in (0..levels).rev() {
        let first = block << d;
        for (i, chunk) in v.chunks_exact_mut(2 * half).enumerate() {
            let b = first + i;
            let (lo, hi) = chunk.split_at_mut(half);
            level_gs(lo, hi, tw[b], b, false);
        }
        half *= 2;
    }
}

#[inline(always)]
fn bitrev(i: usize, bits: u32) -> usize {
    i.reverse_bits() >> (usize::BITS - bits)
}

/// Raw pointer that may cross threads: each index pair is swapped by exactly one task.
#[derive(Clone, Copy)]
struct SharedMut(*mut Fr);
unsafe impl Send for SharedMut {}
unsafe impl Sync for SharedMut {}

impl SharedMut {
    // A method, so closures capture the whole wrapper rather than its raw-pointer field.
    fn get(&self) -> *mut Fr {
        self.0
    }
}

/// In-place bit-reversal permutation of a power-of-two-length slice.
pub fn bit_reverse(v: &mut [Fr]) {
    let n = v.len();
    if n <= 2 {
        return;
    }
    let bits = n.trailing_zeros();
    if n <= PAR_MIN {
        for i in 0..n {
            let j = bitrev(i, bits);
            if i < j {
                v.swap(i, j);
            }
        }
        return;
    }
    let p = SharedMut(v.as_mut_ptr());
    (0..n).into_par_iter().with_min_len(PAR_MIN).for_each(|i| {
        let j = bitrev(i, bits);
        if i < j {
            // SAFETY: i, j < n, i ≠ j, and the pair {i, j} is visited only from its smaller
            // index, so no two tasks touch the same element.
            unsafe { std::ptr::swap(p.get().add(i), p.get().add(j)) };
        }
    });
}

#[cfg(test)]
mod tests;
