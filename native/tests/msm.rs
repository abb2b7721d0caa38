//! Our MSM against arkworks' `VariableBaseMSM` (an independent implementation).
use ark_bn254::{Fr, G1Affine, G1Projective, G2Affine, G2Projective};
use ark_ec::{AffineRepr, CurveGroup, VariableBaseMSM};
use ark_ff::{Field, UniformRand, Zero};
use ark_std::rand::{rngs::StdRng, Rng, SeedableRng};
use masa_zk_native::msm::{msm_g1, msm_g2, msm_sw_with};

fn rng(seed: u64) -> StdRng {
    StdRng::seed_from_u64(seed)
}

/// Random distinct points: a random walk from a random point (cheap for large n).
fn g1_points(n: usize, r: &mut StdRng) -> Vec<G1Affine> {
    let steps: Vec<G1Projective> = (0..16).map(|_| G1Projective::rand(r)).collect();
    let mut p = G1Projective::rand(r);
    let walk: Vec<G1Projective> = (0..n)
        .map(|_| {
            p += steps[r.gen_range(0..16)];
            p
        })
        .collect();
    G1Projective::normalize_batch(&walk)
}

fn g1_scalars(n: usize, r: &mut StdRng) -> Vec<Fr> {
    (0..n).map(|_| Fr::rand(r)).collect()
}

fn check_g1(bases: &[G1Affine], scalars: &[Fr]) {
    let want = G1Projective::msm(bases, scalars).unwrap();
    assert_eq!(msm_g1(bases, scalars), want, "n={}", bases.len());
}

#[test]
fn g1_random_sizes() {
    let mut r = rng(1);
    for n in [0usize, 1, 2, 3, 17, 100, 511, 512, 1000, (1 << 12) + 3] {
        let b = g1_points(n, &mut r);
        let s = g1_scalars(n, &mut r);
        check_g1(&b, &s);
    }
}

#[test]
fn g1_every_window_size() {
    let mut r = rng(2);
    for n in [5usize, 700] {
        let b = g1_points(n, &mut r);
        let mut s = g1_scalars(n, &mut r);
        // A digit of exactly +2^15 at c = 16 (the extreme stored digit).
        s[0] = Fr::from((1u64 << 15) | (1 << 47));
        let want = G1Projective::msm(&b, &s).unwrap();
        for c in 1..=16 {
            assert_eq!(msm_sw_with(&b, &s, Some(c)), want, "n={n} c={c}");
        }
    }
}

#[test]
fn g1_edge_scalars() {
    let mut r = rng(3);
    let n = 2000;
    let b = g1_points(n, &mut r);
    check_g1(&b, &vec![Fr::zero(); n]);
    check_g1(&b, &vec![-Fr::from(1u64); n]);
    check_g1(&b, &vec![Fr::from(1u64); n]);
    // Small scalars only (0/1 and bytes), as in typical witnesses.
    let small: Vec<Fr> = (0..n).map(|_| Fr::from(r.gen_range(0u64..3))).collect();
    check_g1(&b, &small);
    let mixed: Vec<Fr> = (0..n)
        .map(|i| match i % 4 {
            0 => Fr::zero(),
            1 => -Fr::from(1u64),
            2 => Fr::from(r.gen::<u8>() as u64),
            _ => Fr::rand(&mut r),
        })
        .collect();
    check_g1(&b, &mixed);
}

#[test]
fn g1_repeated_and_opposite_bases() {
    let mut r = rng(4);
    let p = G1Projective::rand(&mut r).into_affine();
    for n in [2usize, 3, 600, 3000] {
        // Identical bases and scalars: every addition hits the same bucket (P + P).
        check_g1(&vec![p; n], &vec![Fr::from(5u64); n]);
        let s = g1_scalars(n, &mut r);
        check_g1(&vec![p; n], &s);
        // P and -P with equal scalars cancel (P + (-P) inside a batch).
        let b: Vec<G1Affine> = (0..n).map(|i| if i % 2 == 0 { p } else { -p }).collect();
        let same = vec![Fr::rand(&mut r); n];
        check_g1(&b, &same);
        check_g1(&b, &s);
        // A few distinct points repeated many times.
        let few = g1_points(3, &mut r);
        let b: Vec<G1Affine> = (0..n).map(|i| few[i % 3]).collect();
        check_g1(&b, &s);
        check_g1(&b, &vec![Fr::from(7u64); n]);
    }
}

#[test]
fn g1_points_at_infinity() {
    let mut r = rng(5);
    for n in [1usize, 2, 50, 1500] {
        let mut b = g1_points(n, &mut r);
        for i in (0..n).step_by(3) {
            b[i] = G1Affine::identity();
        }
        let s = g1_scalars(n, &mut r);
        check_g1(&b, &s);
        check_g1(&vec![G1Affine::identity(); n], &s);
    }
}

#[test]
fn g1_single_point_matches_scalar_mul() {
    let g = G1Affine::generator();
    let s = Fr::from(123456789u64).pow([77]);
    assert_eq!(msm_g1(&[g], &[s]), g * s);
}

#[test]
fn g2_random_and_edges() {
    let mut r = rng(6);
    for n in [0usize, 1, 2, 17, 600] {
        let b = G2Projective::normalize_batch(
            &(0..n)
                .map(|_| G2Projective::rand(&mut r))
                .collect::<Vec<_>>(),
        );
        let s: Vec<Fr> = (0..n).map(|_| Fr::rand(&mut r)).collect();
        assert_eq!(msm_g2(&b, &s), G2Projective::msm(&b, &s).unwrap());
        if n > 0 {
            let rep = vec![b[0]; n];
            let zeros = vec![G2Affine::identity(); n];
            assert_eq!(msm_g2(&rep, &s), G2Projective::msm(&rep, &s).unwrap());
            assert_eq!(msm_g2(&zeros, &s), G2Projective::zero());
        }
    }
}

#[test]
#[should_panic(expected = "length mismatch")]
fn g1_length_mismatch_panics() {
    let _ = msm_g1(&[G1Affine::generator()], &[]);
}

#[test]
fn g1_split_into_point_chunks() {
    // With many threads the planner splits each window's points into chunks.
    assert!(masa_zk_native::msm::plan_for((1 << 14) + 5, 254, 48).2 > 1);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(48)
        .build()
        .unwrap();
    let mut r = rng(7);
    let n = (1 << 14) + 5;
    let b = g1_points(n, &mut r);
    let s = g1_scalars(n, &mut r);
    let want = G1Projective::msm(&b, &s).unwrap();
    assert_eq!(pool.install(|| msm_g1(&b, &s)), want);
}

#[test]
fn g1_scalar_size_groups() {
    // Scalars of every size group, positive and negative (r - k), at the group
    // boundaries, mixed with full-size ones: exercises the grouping by bit length.
    let mut r = rng(8);
    let n = 3000;
    let b = g1_points(n, &mut r);
    let two = Fr::from(2u64);
    let s: Vec<Fr> = (0..n)
        .map(|i| {
            let k = match i % 7 {
                0 => Fr::from(1u64),
                1 => Fr::from(r.gen::<u16>() as u64),
                2 => two.pow([16]),
                3 => Fr::from(r.gen::<u64>()),
                4 => two.pow([64]) + Fr::from(r.gen::<u64>()),
                5 => two.pow([128]) - Fr::from(1u64),
                _ => Fr::rand(&mut r),
            };
            if i % 2 == 0 {
                k
            } else {
                -k
            }
        })
        .collect();
    check_g1(&b, &s);
    // Only small scalars (no full-size group at all).
    let small: Vec<Fr> = s.iter().step_by(7).copied().collect();
    check_g1(&b[..small.len()], &small);
}

#[test]
fn g1_unit_scalars_special_cases() {
    // Scalars +-1 take the pairwise batch-affine sum: cover P + P, P + (-P),
    // odd lengths and infinity among the bases.
    let mut r = rng(9);
    let p = G1Projective::rand(&mut r).into_affine();
    for n in [2usize, 3, 5, 1025, 3001] {
        let one = Fr::from(1u64);
        check_g1(&vec![p; n], &vec![one; n]);
        let alt: Vec<Fr> = (0..n)
            .map(|i| if i % 2 == 0 { one } else { -one })
            .collect();
        check_g1(&vec![p; n], &alt);
        let mut b = g1_points(n, &mut r);
        b[n / 2] = G1Affine::identity();
        b[0] = p;
        b[n - 1] = -p;
        let s: Vec<Fr> = (0..n)
            .map(|i| if i % 3 == 0 { -one } else { one })
            .collect();
        check_g1(&b, &s);
        check_g1(&b, &vec![one; n]);
    }
}
