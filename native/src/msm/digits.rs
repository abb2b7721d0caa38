//! Scalar recoding into signed base-2^c digits, and the window-size cost model.
use ark_ff::BigInteger;
#[cfg(test)]
use ark_ff::PrimeField;
use rayon::prelude::*;

/// Points per block of the digit matrix. The matrix is stored block-major, then
/// window-major inside a block, so one window task streams contiguous runs and the
/// recoding can be done block-parallel without transposing.
pub(crate) const BLOCK: usize = 1 << 12;

/// Largest supported window size: digits are stored as `i16` (see [`decode`]).
pub(crate) const C_MAX: usize = 16;

/// Signed digits of every scalar, laid out `[block][window][point in block]`, as
/// `i16` to halve the matrix (n * windows entries). For c = 16 the one digit that
/// does not fit, +2^15, is stored as `i16::MIN`; no digit is ever -2^15.
pub(crate) struct Digits {
    pub c: usize,
    pub windows: usize,
    pub n: usize,
    data: Vec<i16>,
}

impl Digits {
    /// Recode `scalars` (normal form, not Montgomery) into digits in
    /// `[-(2^(c-1) - 1), 2^(c-1)]`, so a window needs only `2^(c-1)` buckets.
    pub fn new<B: BigInteger>(scalars: &[B], bits: usize, c: usize) -> Self {
        assert!((1..=C_MAX).contains(&c), "window size {c}");
        // ceil((bits + 1) / c) windows leave the top window at most c-1 bits wide, so
        // its value plus an incoming carry never exceeds 2^(c-1): no final carry out.
        let windows = (bits + 1).div_ceil(c);
        let n = scalars.len();
        let mut data = vec![0i16; n * windows];
        data.par_chunks_mut(BLOCK * windows)
            .zip(scalars.par_chunks(BLOCK))
            .for_each(|(out, sc)| {
                let len = sc.len();
                for (i, s) in sc.iter().enumerate() {
                    let limbs = s.as_ref();
                    let mut carry = 0i64;
                    for j in 0..windows {
                        let raw = extract(limbs, j * c, c) as i64 + carry;
                        let d = if raw > 1i64 << (c - 1) {
                            carry = 1;
                            raw - (1i64 << c)
                        } else {
                            carry = 0;
                            raw
                        };
                        // Wraps +2^15 to i16::MIN on purpose (see `decode`).
                        out[j * len + i] = d as i16;
                    }
                    debug_assert_eq!(carry, 0);
                }
            });
        Digits {
            c,
            windows,
            n,
            data,
        }
    }

    /// The digits of window `w` for the points of block `b` (`b * BLOCK ..`).
    #[inline]
    pub fn block(&self, b: usize, w: usize) -> &[i16] {
        let start = b * BLOCK;
        let len = BLOCK.min(self.n - start);
        let base = start * self.windows + w * len;
        &self.data[base..base + len]
    }

    pub fn blocks(&self) -> usize {
        self.n.div_ceil(BLOCK)
    }
}

/// The digit a stored `i16` stands for.
#[inline(always)]
pub(crate) fn decode(x: i16) -> i32 {
    if x == i16::MIN {
        1 << 15
    } else {
        x as i32
    }
}

/// `c` bits of the little-endian limbs starting at bit `at` (zero past the end).
#[inline]
fn extract(limbs: &[u64], at: usize, c: usize) -> u64 {
    let (li, sh) = (at / 64, at % 64);
    if li >= limbs.len() {
        return 0;
    }
    let mut v = limbs[li] >> sh;
    if sh + c > 64 && li + 1 < limbs.len() {
        v |= limbs[li + 1] << (64 - sh);
    }
    v & ((1u64 << c) - 1)
}

/// Costs in field multiplications, measured on x86-64 with the ADX asm
/// (`msm_bench --calibrate`): an affine addition inside a batch (5M + 1S, plus
/// subtractions), one field inversion, and projective (Jacobian) mixed and full
/// additions.
const ADD_AFFINE: f64 = 6.5;
const INVERSE: f64 = 290.0;
const ADD_MIXED: f64 = 11.0;
const ADD_FULL: f64 = 16.0;

/// How to run one MSM: window size, bucket kind, and how many point chunks each
/// window is split into (so that all threads have work when windows are few).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Plan {
    pub c: usize,
    pub batch_affine: bool,
    pub chunks: usize,
}

/// Modelled time of `plan` for `n` points: the `windows * chunks` tasks run in
/// `ceil(tasks / threads)` rounds; a task accumulates `n / chunks` points into
/// `2^(c-1)` buckets and reduces them.
pub(crate) fn plan_cost(n: usize, bits: usize, threads: usize, plan: Plan) -> f64 {
    let Plan {
        c,
        batch_affine,
        chunks,
    } = plan;
    let windows = (bits + 1).div_ceil(c);
    let rounds = (windows * chunks).div_ceil(threads.max(1)) as f64;
    let nb = 1usize << (c - 1);
    let pts = n.div_ceil(chunks) as f64;
    let task = if batch_affine {
        let batch = super::buckets::batch_size(nb) as f64;
        let segs = super::buckets::reduce_segments(nb) as f64;
        // Buckets beyond the L2 cache (~2 MiB per core here) slow every access.
        let spill = if nb * 64 > 1 << 21 { 1.15 } else { 1.0 };
        let accumulate = pts * (ADD_AFFINE + INVERSE / batch) * spill;
        let reduce =
            nb as f64 * 2.0 * (ADD_AFFINE + INVERSE / (2.0 * segs)) + 3.0 * segs * ADD_FULL;
        accumulate + reduce
    } else {
        pts * ADD_MIXED + nb as f64 * (ADD_MIXED + ADD_FULL)
    };
    rounds * task
}

/// The cheapest plan by [`plan_cost`] over window sizes 1..=16, both bucket kinds,
/// and enough chunks to give every thread work (chunks are whole digit blocks).
pub(crate) fn choose_plan(n: usize, bits: usize, threads: usize) -> Plan {
    let mut best = (
        f64::INFINITY,
        Plan {
            c: 1,
            batch_affine: false,
            chunks: 1,
        },
    );
    for c in 1..=C_MAX {
        let windows = (bits + 1).div_ceil(c);
        let max_chunks = n
            .div_ceil(BLOCK)
            .min((2 * threads).div_ceil(windows))
            .max(1);
        for chunks in 1..=max_chunks {
            // Batch-affine needs enough buckets for conflict-free batches.
            for batch_affine in [false, c >= 9] {
                let plan = Plan {
                    c,
                    batch_affine,
                    chunks,
                };
                let cost = plan_cost(n, bits, threads, plan);
                if cost < best.0 {
                    best = (cost, plan);
                }
            }
        }
    }
    best.1
}

/// Digits of one scalar, for tests: `sum d_j 2^(jc) == s`.
#[cfg(test)]
pub(crate) fn digits_of<F: PrimeField>(s: &F, c: usize) -> Vec<i32> {
    let d = Digits::new(&[s.into_bigint()], F::MODULUS_BIT_SIZE as usize, c);
    (0..d.windows).map(|w| decode(d.block(0, w)[0])).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use ark_bn254::Fr;
    use ark_ff::{Field, UniformRand};

    fn recombine(d: &[i32], c: usize) -> Fr {
        let base = Fr::from(2u64).pow([c as u64]);
        d.iter()
            .rev()
            .fold(Fr::from(0u64), |acc, &x| acc * base + Fr::from(x as i64))
    }

    #[test]
    fn digits_recombine_and_stay_in_range() {
        let mut rng = ark_std::test_rng();
        let mut cases: Vec<Fr> = (0..200).map(|_| Fr::rand(&mut rng)).collect();
        cases.extend([
            Fr::from(0u64),
            Fr::from(1u64),
            -Fr::from(1u64),
            -Fr::from(2u64),
        ]);
        for c in 1..=C_MAX {
            for s in &cases {
                let d = digits_of(s, c);
                let half = 1i32 << (c - 1);
                assert!(d.iter().all(|&x| x <= half && x > -half));
                assert_eq!(recombine(&d, c), *s, "c={c}");
            }
        }
    }

    #[test]
    fn cost_model_plans() {
        let tiny = choose_plan(8, 254, 2);
        assert!(!tiny.batch_affine && tiny.c <= 4, "{tiny:?}");
        let small = choose_plan(1 << 10, 254, 2);
        let big = choose_plan(1 << 20, 254, 2);
        assert!(big.batch_affine && small.c < big.c, "{small:?} {big:?}");
        // Few windows on many threads: points get split into chunks.
        let wide = choose_plan(1 << 20, 254, 64);
        assert!(wide.chunks > 1, "{wide:?}");
    }
}
