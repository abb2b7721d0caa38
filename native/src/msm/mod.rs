//! Multi-scalar multiplication: the prover's hottest kernel.
//!
//! Signed-digit Pippenger: scalars leave Montgomery form once and are recoded into
//! base-2^c digits in `[-(2^(c-1)-1), 2^(c-1)]`, so each window needs `2^(c-1)`
//! buckets and a negative digit adds the negated point (free in affine). A cost
//! model ([`digits::choose_plan`]) picks `c`, the bucket kind, and whether to split
//! each window's points into chunks, from `n` and the thread count. The
//! (window, chunk) tasks run on rayon's threads. From about 2^11 points, buckets are
//! affine and points are added in batches that share one field inversion
//! (Montgomery's trick), with a queue for points whose bucket is already in the
//! batch; below that, projective mixed additions. Buckets are reduced with running
//! sums (batch-affine too, in lockstep segments) and the windows combined by
//! doubling (Horner).
mod buckets;
mod digits;

use ark_bn254::{Fr, G1Affine, G1Projective, G2Affine, G2Projective};
use ark_ec::short_weierstrass::{Affine, Projective, SWCurveConfig};
use ark_ec::{AdditiveGroup, AffineRepr};
use ark_ff::{BigInteger, PrimeField};
use ark_std::Zero;
use rayon::prelude::*;

use digits::{choose_plan, Plan};

/// sum_i scalars[i] * bases[i] over G1. `bases.len()` must equal `scalars.len()`.
pub fn msm_g1(bases: &[G1Affine], scalars: &[Fr]) -> G1Projective {
    assert_eq!(bases.len(), scalars.len(), "msm_g1: length mismatch");
    msm_sw(bases, scalars)
}

/// sum_i scalars[i] * bases[i] over G2. `bases.len()` must equal `scalars.len()`.
pub fn msm_g2(bases: &[G2Affine], scalars: &[Fr]) -> G2Projective {
    assert_eq!(bases.len(), scalars.len(), "msm_g2: length mismatch");
    msm_sw(bases, scalars)
}

/// The plan the cost model picks for `n` points on this many threads:
/// `(window size c, batch-affine buckets?, point chunks per window)`.
#[doc(hidden)]
pub fn plan_for(n: usize, bits: usize, threads: usize) -> (usize, bool, usize) {
    let p = choose_plan(n, bits, threads);
    (p.c, p.batch_affine, p.chunks)
}

/// Generic signed-digit Pippenger over any short-Weierstrass curve.
pub fn msm_sw<P: SWCurveConfig>(bases: &[Affine<P>], scalars: &[P::ScalarField]) -> Projective<P> {
    msm_sw_with(bases, scalars, None)
}

/// [`msm_sw`] with the window size `c` forced (benchmarks sweep it; clamped to
/// 1..=16) or, with `None`, taken from the cost model.
#[doc(hidden)]
pub fn msm_sw_with<P: SWCurveConfig>(
    bases: &[Affine<P>],
    scalars: &[P::ScalarField],
    c: Option<usize>,
) -> Projective<P> {
    let n = bases.len().min(scalars.len());
    let (bases, scalars) = (&bases[..n], &scalars[..n]);
    match n {
        0 => return Projective::zero(),
        1 => return bases[0] * scalars[0],
        _ => {}
    }
    // Leave Montgomery form once; a base at infinity contributes nothing, and
    // dropping it here keeps the affine formulas free of that special case.
    let ints: Vec<_> = bases
        .par_iter()
        .zip(scalars.par_iter())
        .map(|(b, s)| {
            if b.is_zero() {
                <P::ScalarField as PrimeField>::BigInt::from(0u64)
            } else {
                s.into_bigint()
            }
        })
        .collect();
    let full = P::ScalarField::MODULUS_BIT_SIZE as usize;
    let c = c.map(|c| c.clamp(1, digits::C_MAX));
    if c.is_some() {
        return pippenger(bases, &ints, full, c);
    }
    // Witness-like scalars are mostly tiny (0/1, bytes, u64) or tiny negatives
    // (r - k). Group scalars by the bit length of min(s, r - s) so each group only
    // pays for the windows its scalars need; random scalars all land in the top
    // group and run without any copying.
    let class: Vec<u8> = ints.par_iter().map(size_class::<P::ScalarField>).collect();
    let mut counts = [0usize; CLASS_BITS.len() + 2];
    for &k in &class {
        counts[k as usize] += 1;
    }
    let top = CLASS_BITS.len() + 1;
    if counts[top] + counts[0] == n {
        return pippenger(bases, &ints, full, None);
    }
    let mut total = Projective::<P>::zero();
    for k in 1..=top {
        if counts[k] == 0 {
            continue;
        }
        let bits = if k == top { full } else { CLASS_BITS[k - 1] };
        let (b, v): (Vec<Affine<P>>, Vec<_>) = (0..n)
            .into_par_iter()
            .filter(|&i| class[i] as usize == k)
            .map(|i| {
                let s = ints[i];
                let mut neg = P::ScalarField::MODULUS;
                neg.sub_with_borrow(&s);
                // Small classes may hold r - s with the negated base.
                if k < top && neg.num_bits() < s.num_bits() {
                    (-bases[i], neg)
                } else {
                    (bases[i], s)
                }
            })
            .unzip();
        total += if bits == 1 {
            // All +-1: a plain sum, in parallel chunks of batch-affine rounds.
            let chunk = b.len().div_ceil(rayon::current_num_threads()).max(1 << 10);
            b.par_chunks(chunk)
                .map(|c| buckets::sum_affine(c.to_vec()))
                .reduce(Projective::zero, |x, y| x + y)
        } else {
            pippenger(&b, &v, bits, None)
        };
    }
    total
}

/// Upper bit lengths of the small-scalar groups; a last group holds the rest.
const CLASS_BITS: [usize; 4] = [1, 16, 64, 128];

/// Group of a scalar: 0 for zero, `k` for at most `CLASS_BITS[k-1]` bits (of `s`
/// or of `r - s`, whichever is shorter), `CLASS_BITS.len() + 1` for the rest.
fn size_class<F: PrimeField>(s: &F::BigInt) -> u8 {
    if s.is_zero() {
        return 0;
    }
    let mut neg = F::MODULUS;
    neg.sub_with_borrow(s);
    let bits = s.num_bits().min(neg.num_bits()) as usize;
    CLASS_BITS
        .iter()
        .position(|&lim| bits <= lim)
        .map_or(CLASS_BITS.len() + 1, |k| k + 1) as u8
}

/// Pippenger on scalars already in normal form and below `2^bits`, none of them on
/// a base at infinity.
fn pippenger<P: SWCurveConfig>(
    bases: &[Affine<P>],
    ints: &[<P::ScalarField as PrimeField>::BigInt],
    bits: usize,
    c: Option<usize>,
) -> Projective<P> {
    let n = bases.len().min(ints.len());
    let threads = rayon::current_num_threads();
    let plan = match c {
        // A forced window size still gets the cheaper bucket kind for it.
        Some(c) => [false, c >= 9]
            .map(|batch_affine| Plan {
                c,
                batch_affine,
                chunks: 1,
            })
            .into_iter()
            .min_by(|a, b| {
                let cost = |p| digits::plan_cost(n, bits, threads, p);
                cost(*a).total_cmp(&cost(*b))
            })
            .expect("two candidates"),
        None => choose_plan(n, bits, threads),
    };
    let c = plan.c;
    let digits = digits::Digits::new(&ints[..n], bits, c);
    let blocks = digits.blocks();
    let per_chunk = blocks.div_ceil(plan.chunks);
    let tasks: Vec<(usize, std::ops::Range<usize>)> = (0..digits.windows)
        .flat_map(|w| {
            (0..blocks)
                .step_by(per_chunk)
                .map(move |b| (w, b..(b + per_chunk).min(blocks)))
        })
        .collect();
    let partial: Vec<(usize, Projective<P>)> = tasks
        .into_par_iter()
        .map(|(w, range)| {
            let sum = if plan.batch_affine {
                buckets::window_batch_affine(&bases[..n], &digits, w, range)
            } else {
                buckets::window_projective(&bases[..n], &digits, w, range)
            };
            (w, sum)
        })
        .collect();
    let mut windows = vec![Projective::<P>::zero(); digits.windows];
    for (w, sum) in partial {
        windows[w] += sum;
    }
    let mut acc = Projective::<P>::zero();
    for w in windows.iter().rev() {
        for _ in 0..c {
            acc.double_in_place();
        }
        acc += w;
    }
    acc
}
