use ark_bn254::{Fr, G1Affine, G1Projective, G2Affine};
use ark_ec::{AffineRepr, CurveGroup, PrimeGroup};
use ark_ff::{Field, One, UniformRand, Zero};
use ark_poly::{EvaluationDomain, Radix2EvaluationDomain};
use ark_std::rand::{rngs::StdRng, SeedableRng};

use super::prove::{prove_circuit, prove_with_rng};
use super::setup::{coefficients, domain_log_size, setup, setup_with, Toxic};
use super::verify::PreparedVerifyingKey;
use super::*;
use crate::witness::{Lc, Op, Program, R1cs};

fn lc(terms: &[(u32, i64)]) -> Lc {
    Lc(terms
        .iter()
        .map(|&(w, c)| {
            (
                w,
                if c < 0 {
                    -Fr::from((-c) as u64)
                } else {
                    Fr::from(c as u64)
                },
            )
        })
        .collect())
}

/// Public y (wire 1), private x (2): x·x = x2 (3), x2·x = x3 (4), (x3 + x + 5)·1 = y,
/// padded with `extra` more squarings of x (wires 5..) to reach larger domains.
fn cubic(extra: usize) -> (usize, Vec<(Lc, Lc, Lc)>) {
    let mut cs = vec![
        (lc(&[(2, 1)]), lc(&[(2, 1)]), lc(&[(3, 1)])),
        (lc(&[(3, 1)]), lc(&[(2, 1)]), lc(&[(4, 1)])),
        (lc(&[(4, 1), (2, 1), (0, 5)]), lc(&[(0, 1)]), lc(&[(1, 1)])),
    ];
    for i in 0..extra {
        let prev = if i == 0 { 2 } else { 4 + i as u32 };
        cs.push((lc(&[(prev, 1)]), lc(&[(prev, 1)]), lc(&[(5 + i as u32, 1)])));
    }
    (5 + extra, cs)
}

fn cubic_witness(x: u64, extra: usize) -> Vec<Fr> {
    let x = Fr::from(x);
    let mut w = vec![
        Fr::one(),
        x * x * x + x + Fr::from(5u64),
        x,
        x * x,
        x * x * x,
    ];
    let mut prev = x;
    for _ in 0..extra {
        prev = prev * prev;
        w.push(prev);
    }
    w
}

fn satisfied(cs: &[(Lc, Lc, Lc)], w: &[Fr]) -> bool {
    cs.iter()
        .all(|(a, b, c)| a.eval(w) * b.eval(w) == c.eval(w))
}

#[test]
fn domain_sizes_like_snarkjs() {
    assert_eq!(domain_log_size(3, 1).unwrap(), 3); // 4 rows + 1 → 8
    assert_eq!(domain_log_size(2, 1).unwrap(), 2); // 3 rows + 1 → 4
    assert_eq!(domain_log_size(4, 3).unwrap(), 3);
    assert_eq!(domain_log_size(0, 0).unwrap(), 1);
    assert!(domain_log_size(1 << 27, 0).is_err());
}

#[test]
fn setup_points_match_definitions() {
    // Independent check of every section with known toxic waste: Lagrange bases from
    // ark-poly's domains, not from setup.rs's formula.
    let mut rng = StdRng::seed_from_u64(1);
    let t = Toxic {
        tau: Fr::rand(&mut rng),
        alpha: Fr::rand(&mut rng),
        beta: Fr::rand(&mut rng),
        delta: Fr::rand(&mut rng),
    };
    let (nw, cs) = cubic(2);
    let pk = setup_with(nw, &cs, 1, &t).unwrap();
    let n = pk.domain_size;
    assert_eq!(n, 8);
    let d = Radix2EvaluationDomain::<Fr>::new(n).unwrap();
    let d2 = Radix2EvaluationDomain::<Fr>::new(2 * n).unwrap();
    let l = d.evaluate_all_lagrange_coefficients(t.tau);
    let l2 = d2.evaluate_all_lagrange_coefficients(t.tau);
    let g1 = |x: Fr| (G1Projective::generator() * x).into_affine();
    let g2 = |x: Fr| (ark_bn254::G2Projective::generator() * x).into_affine();
    let m = cs.len();
    let di = t.delta.inverse().unwrap();
    for s in 0..nw {
        let mut u = Fr::zero();
        let mut v = Fr::zero();
        let mut w = Fr::zero();
        for (j, (a, b, c)) in cs.iter().enumerate() {
            for (lc, acc) in [(a, &mut u), (b, &mut v), (c, &mut w)] {
                for &(wire, coef) in &lc.0 {
                    if wire as usize == s {
                        *acc += coef * l[j];
                    }
                }
            }
        }
        if s <= 1 {
            u += l[m + s];
        }
        assert_eq!(pk.a[s], g1(u));
        assert_eq!(pk.b1[s], g1(v));
        assert_eq!(pk.b2[s], g2(v));
        let lin = t.beta * u + t.alpha * v + w;
        if s <= 1 {
            assert_eq!(pk.ic[s], g1(lin));
        } else {
            assert_eq!(pk.c[s - 2], g1(lin * di));
        }
    }
    for i in 0..n {
        assert_eq!(pk.h[i], g1(l2[2 * i + 1] * di));
    }
    assert_eq!(pk.alpha1, g1(t.alpha));
    assert_eq!(pk.beta1, g1(t.beta));
    assert_eq!(pk.beta2, g2(t.beta));
    assert_eq!(pk.delta1, g1(t.delta));
    assert_eq!(pk.delta2, g2(t.delta));
    assert_eq!(pk.gamma2, G2Affine::generator());
    assert_eq!(pk.coeffs, coefficients(&cs, 1));
    let last = pk.coeffs.last().unwrap();
    assert_eq!(
        (last.matrix, last.constraint, last.signal),
        (0, m as u32 + 1, 1)
    );
    assert!(pk.mpc.is_none());
}

#[test]
fn prove_verify_round_trip_and_rejections() {
    let mut rng = StdRng::seed_from_u64(2);
    for extra in [0usize, 5, 60] {
        let (nw, cs) = cubic(extra);
        let pk = setup(nw, &cs, 1).unwrap();
        let w = cubic_witness(3, extra);
        assert!(satisfied(&cs, &w));
        let proof = prove_with_rng(&pk, &w, &mut rng).unwrap();
        let pvk = PreparedVerifyingKey::new(pk.verifying_key()).unwrap();
        assert!(pvk.verify(&w[1..2], &proof).unwrap());
        assert!(verify(&pk.verifying_key(), &w[1..2], &proof).unwrap());
        // proofs are randomised
        let proof2 = prove_with_rng(&pk, &w, &mut rng).unwrap();
        assert_ne!(proof, proof2);
        assert!(pvk.verify(&w[1..2], &proof2).unwrap());
        // wrong public input, tampered points
        assert!(!pvk.verify(&[w[1] + Fr::one()], &proof).unwrap());
        let bump = |p: G1Affine| (p + G1Affine::generator()).into_affine();
        for bad in [
            Proof {
                a: bump(proof.a),
                ..proof
            },
            Proof {
                c: bump(proof.c),
                ..proof
            },
            Proof {
                b: proof2.b,
                ..proof
            },
            Proof {
                a: G1Affine::zero(),
                ..proof
            },
        ] {
            assert!(!pvk.verify(&w[1..2], &bad).unwrap());
        }
        assert!(pvk.verify(&[], &proof).is_err());
        // a witness that breaks a constraint gives a proof that does not verify
        let mut bad_w = w.clone();
        bad_w[3] += Fr::one();
        assert!(!satisfied(&cs, &bad_w));
        let p = prove_with_rng(&pk, &bad_w, &mut rng).unwrap();
        assert!(!pvk.verify(&w[1..2], &p).unwrap());
    }
}

#[test]
fn batch_verify_names_bad_proofs() {
    let mut rng = StdRng::seed_from_u64(3);
    let (nw, cs) = cubic(3);
    let pk = setup(nw, &cs, 1).unwrap();
    let pvk = PreparedVerifyingKey::new(pk.verifying_key()).unwrap();
    let mut items: Vec<(Vec<Fr>, Proof)> = (0..7)
        .map(|x| {
            let w = cubic_witness(x + 2, 3);
            (w[1..2].to_vec(), prove_with_rng(&pk, &w, &mut rng).unwrap())
        })
        .collect();
    assert_eq!(pvk.batch_verify(&items).unwrap(), Vec::<usize>::new());
    assert_eq!(pvk.batch_verify(&items[..1]).unwrap(), Vec::<usize>::new());
    assert_eq!(pvk.batch_verify(&[]).unwrap(), Vec::<usize>::new());
    // swap two public inputs: both proofs are now bad
    let p0 = items[0].0.clone();
    items[0].0 = items[4].0.clone();
    items[4].0 = p0;
    items[6].1.c = (items[6].1.c + G1Affine::generator()).into_affine();
    assert_eq!(pvk.batch_verify(&items).unwrap(), vec![0, 4, 6]);
    assert_eq!(pvk.batch_verify(&items[4..5]).unwrap(), vec![0]);
    items[1].0.push(Fr::one());
    assert!(pvk.batch_verify(&items).is_err());
}

#[test]
fn prove_from_circuit_program() {
    // y = x³ + x + 5 as a witness program; the R1CS checks it.
    let (nw, cs) = cubic(0);
    let program = Program {
        n_wires: nw,
        n_scratch: 0,
        n_inputs: 2,
        ops: vec![
            Op::Mul {
                out: 3,
                a: lc(&[(2, 1)]),
                b: lc(&[(2, 1)]),
            },
            Op::Mul {
                out: 4,
                a: lc(&[(3, 1)]),
                b: lc(&[(2, 1)]),
            },
        ],
        checks: None,
    };
    let circuit = crate::witness::Circuit::new(
        program,
        R1cs {
            n_wires: nw,
            constraints: cs.clone(),
        },
    )
    .unwrap();
    let pk = setup(nw, &cs, 1).unwrap();
    let (proof, public) = prove_circuit(&pk, &circuit, &[Fr::from(35u64), Fr::from(3u64)]).unwrap();
    assert_eq!(public, vec![Fr::from(35u64)]);
    assert!(verify(&pk.verifying_key(), &public, &proof).unwrap());
    let err = prove_circuit(&pk, &circuit, &[Fr::from(36u64), Fr::from(3u64)]).unwrap_err();
    assert!(matches!(err, crate::error::Error::UnsatisfiedConstraint(_)));
}
