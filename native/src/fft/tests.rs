use super::*;
use ark_ff::{BigInteger, PrimeField, UniformRand};
use ark_poly::{EvaluationDomain, Radix2EvaluationDomain};
use std::str::FromStr;

fn rand_vec(n: usize, seed: u64) -> Vec<Fr> {
    use ark_std::rand::{rngs::StdRng, SeedableRng};
    let mut rng = StdRng::seed_from_u64(seed);
    (0..n).map(|_| Fr::rand(&mut rng)).collect()
}

/// Σ_j c_j x^j by Horner.
fn eval(coeffs: &[Fr], x: Fr) -> Fr {
    coeffs.iter().rev().fold(Fr::zero(), |acc, c| acc * x + c)
}

/// Naive O(n²) interpolation on the points x·ω^i: coefficients of degree < n.
fn naive_interpolate(evals: &[Fr], omega: Fr, shift: Fr) -> Vec<Fr> {
    let n = evals.len();
    let n_inv = Fr::from(n as u64).inverse().unwrap();
    let w_inv = omega.inverse().unwrap();
    let s_inv = shift.inverse().unwrap();
    (0..n)
        .map(|j| {
            // c_j = s^{-j}/n Σ_i e_i ω^{-ij}
            let wj = w_inv.pow([j as u64]);
            let mut acc = Fr::zero();
            let mut p = Fr::one();
            for e in evals {
                acc += *e * p;
                p *= wj;
            }
            acc * n_inv * s_inv.pow([j as u64])
        })
        .collect()
}

#[test]
fn omega_matches_snarkjs() {
    // ffjavascript: nqr = 5 (smallest non-residue), w[28] = nqr^((r−1)/2^28).
    let mut exp = Fr::MODULUS;
    exp.sub_with_borrow(&ark_ff::BigInt::from(1u64));
    let exp = exp >> 28;
    let w28 = Fr::from(5u64).pow(exp);
    assert_eq!(root_of_unity(28), w28);
    assert_eq!(
        w28,
        Fr::from_str(
            "19103219067921713944291392827692070036145651957329286315305642004821462161904"
        )
        .unwrap()
    );
    for k in 1..=28 {
        let w = root_of_unity(k);
        assert_eq!(w.pow([1u64 << (k - 1)]), -Fr::one(), "k = {k}");
    }
    assert!(Fr::from(5u64).legendre().is_qnr());
    assert!(Fr::from(2u64).legendre().is_qr() && Fr::from(3u64).legendre().is_qr());
}

#[test]
fn rejects_bad_sizes_and_lengths() {
    assert!(Domain::new(0).is_err());
    assert!(Domain::new(29).is_err());
    let d = Domain::new(3).unwrap();
    assert!(d.fft(&mut [Fr::one(); 4]).is_err());
    assert!(d.ifft(&mut [Fr::one(); 16]).is_err());
    assert!(d.coset_fft(&mut [Fr::one(); 8], Fr::zero()).is_err());
    let (mut a, mut b, mut c) = (vec![Fr::one(); 8], vec![Fr::one(); 8], vec![Fr::one(); 7]);
    assert!(d.odd_coset_h(&mut a, &mut b, &mut c).is_err());
}

#[test]
fn bitrev_powers_layout() {
    let z = root_of_unity(5);
    let t = bitrev_powers(z, 16);
    for (b, x) in t.iter().enumerate() {
        assert_eq!(*x, z.pow([bitrev(b, 4) as u64]));
    }
}

#[test]
fn fft_matches_naive_evaluation() {
    for k in 1..=9 {
        let d = Domain::new(k).unwrap();
        let n = d.size();
        let coeffs = rand_vec(n, k as u64);
        let g = Fr::from(7u64);
        let mut v = coeffs.clone();
        d.fft(&mut v).unwrap();
        let mut cv = coeffs.clone();
        d.coset_fft(&mut cv, g).unwrap();
        for (i, (x, cx)) in d.elements().into_iter().zip(&d.elements()).enumerate() {
            assert_eq!(x, d.omega().pow([i as u64]));
            assert_eq!(v[i], eval(&coeffs, x), "k = {k}, i = {i}");
            assert_eq!(cv[i], eval(&coeffs, g * cx), "coset k = {k}, i = {i}");
        }
        let mut back = v.clone();
        d.ifft(&mut back).unwrap();
        assert_eq!(back, coeffs);
        assert_eq!(naive_interpolate(&v, d.omega(), Fr::one()), coeffs);
        let mut cback = cv.clone();
        d.coset_ifft(&mut cback, g).unwrap();
        assert_eq!(cback, coeffs);
        assert_eq!(naive_interpolate(&cv, d.omega(), g), coeffs);
    }
}

#[test]
fn matches_ark_poly_above_leaf_size() {
    // Sizes above LEAF exercise the parallel levels and the leaf post-scaling.
    for k in [12u32, 13, 15] {
        let d = Domain::new(k).unwrap();
        let ark = Radix2EvaluationDomain::<Fr>::new(1 << k).unwrap();
        assert_eq!(ark.group_gen(), d.omega());
        let x = rand_vec(1 << k, 100 + k as u64);
        let mut ours = x.clone();
        d.fft(&mut ours).unwrap();
        assert_eq!(ours, ark.fft(&x), "fft k = {k}");
        let mut ours = x.clone();
        d.ifft(&mut ours).unwrap();
        assert_eq!(ours, ark.ifft(&x), "ifft k = {k}");
        let g = Fr::from(5u64);
        let coset = ark.get_coset(g).unwrap();
        let mut ours = x.clone();
        d.coset_fft(&mut ours, g).unwrap();
        assert_eq!(ours, coset.fft(&x), "coset fft k = {k}");
        let mut ours = x.clone();
        d.coset_ifft(&mut ours, g).unwrap();
        assert_eq!(ours, coset.ifft(&x), "coset ifft k = {k}");
        let mut ours = x.clone();
        d.fft_to_bitrev(&mut ours).unwrap();
        d.ifft_from_bitrev(&mut ours).unwrap();
        assert_eq!(ours, x);
    }
}

/// A, B on H arbitrary, C = A·B on H (a satisfied "constraint system"); P = A·B − C computed
/// naively: interpolate, multiply the polynomials, evaluate at the odd points ω_{2n}^{2i+1}.
fn check_odd_coset_h(k: u32) {
    let d = Domain::new(k).unwrap();
    let n = d.size();
    let a = rand_vec(n, 1000 + k as u64);
    let b = rand_vec(n, 2000 + k as u64);
    let c: Vec<Fr> = a.iter().zip(&b).map(|(x, y)| *x * y).collect();
    let (mut pa, mut pb, mut pc) = (a.clone(), b.clone(), c.clone());
    d.odd_coset_h(&mut pa, &mut pb, &mut pc).unwrap();

    let ca = naive_interpolate(&a, d.omega(), Fr::one());
    let cb = naive_interpolate(&b, d.omega(), Fr::one());
    let cc = naive_interpolate(&c, d.omega(), Fr::one());
    // P = A·B − C as a polynomial of degree ≤ 2n − 2.
    let mut p = vec![Fr::zero(); 2 * n - 1];
    for (i, x) in ca.iter().enumerate() {
        for (j, y) in cb.iter().enumerate() {
            p[i + j] += *x * y;
        }
    }
    for (i, x) in cc.iter().enumerate() {
        p[i] -= x;
    }
    // P is divisible by Z_H = x^n − 1: h_j = Σ_{t≥1} p_{j + t·n}, remainder zero.
    let h: Vec<Fr> = (0..n - 1).map(|j| p[j + n]).collect();
    for j in 0..n {
        let rem = p[j]
            + if j + n < p.len() {
                p[j + n]
            } else {
                Fr::zero()
            };
        assert!(rem.is_zero(), "P not divisible by Z_H at {j}");
    }
    let w2n = root_of_unity(k + 1);
    for (i, got) in pa.iter().enumerate() {
        let x = w2n.pow([2 * i as u64 + 1]);
        assert_eq!(*got, eval(&p, x), "k = {k}, i = {i}");
        // Z_H(x) = x^n − 1 = −2 on the odd coset.
        assert_eq!(*got, eval(&h, x) * (-Fr::from(2u64)));
    }
}

#[test]
fn odd_coset_h_matches_naive() {
    for k in 1..=7 {
        check_odd_coset_h(k);
    }
}

#[test]
fn odd_coset_h_large_matches_composition() {
    // Above LEAF: compare with the public transforms (already checked against ark-poly).
    let k = 14;
    let d = Domain::new(k).unwrap();
    let n = d.size();
    let a = rand_vec(n, 7);
    let b = rand_vec(n, 8);
    let c = rand_vec(n, 9); // need not satisfy A·B = C for this identity
    let w2n = root_of_unity(k + 1);
    let ext = |e: &[Fr]| {
        let mut v = e.to_vec();
        d.ifft(&mut v).unwrap();
        d.coset_fft(&mut v, w2n).unwrap();
        v
    };
    let (ea, eb, ec) = (ext(&a), ext(&b), ext(&c));
    let (mut pa, mut pb, mut pc) = (a, b, c);
    d.odd_coset_h(&mut pa, &mut pb, &mut pc).unwrap();
    for i in 0..n {
        assert_eq!(pa[i], ea[i] * eb[i] - ec[i], "i = {i}");
    }
}
