//! Times one BN254 pairing and a 4-pairing product (shared final exponentiation), native
//! only, single-threaded, median of many runs.
//!
//!     cargo run --release --example pairing_bench
use std::time::Instant;

use ark_bn254::{Bn254, Fr, G1Projective, G2Projective};
use ark_ec::pairing::Pairing;
use ark_ec::{CurveGroup, PrimeGroup};
use ark_ff::UniformRand;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[v.len() / 2]
}

fn main() {
    let mut rng = ark_std::test_rng();
    let p: Vec<_> = (0..4)
        .map(|_| (G1Projective::generator() * Fr::rand(&mut rng)).into_affine())
        .collect();
    let q: Vec<_> = (0..4)
        .map(|_| (G2Projective::generator() * Fr::rand(&mut rng)).into_affine())
        .collect();
    let reps = 200;
    let mut one = Vec::with_capacity(reps);
    let mut four = Vec::with_capacity(reps);
    for _ in 0..reps {
        let t = Instant::now();
        let _ = std::hint::black_box(Bn254::pairing(p[0], q[0]));
        one.push(t.elapsed().as_secs_f64() * 1e3);
        let t = Instant::now();
        let _ = std::hint::black_box(Bn254::multi_pairing(&p, &q));
        four.push(t.elapsed().as_secs_f64() * 1e3);
    }
    println!("pairing            median {:.3} ms", median(one));
    println!("4-pairing product  median {:.3} ms", median(four));
}
