//! FFT benchmark: ours vs ark-poly's `Radix2EvaluationDomain`, interleaved in one run.
//!
//!     cargo run --release --example fft_bench [min_log] [max_log] [reps]
//!
//! For each size, runs A B A B … (ours, ark) `reps` times on fresh copies of the same random
//! input and prints the median of each and the ratio ark/ours (> 1: ours is faster).
use std::time::Instant;

use ark_bn254::Fr;
use ark_ff::UniformRand;
use ark_poly::{EvaluationDomain, Radix2EvaluationDomain};
use ark_std::rand::{rngs::StdRng, SeedableRng};
use masa_zk_native::fft::{root_of_unity, Domain};

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[v.len() / 2]
}

fn time<F: FnMut()>(mut f: F) -> f64 {
    let t = Instant::now();
    f();
    t.elapsed().as_secs_f64() * 1e3
}

fn main() {
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .map(|a| a.parse().expect("numeric arguments"))
        .collect();
    let min_log = *args.first().unwrap_or(&12) as u32;
    let max_log = *args.get(1).unwrap_or(&20) as u32;
    let reps = *args.get(2).unwrap_or(&9);
    println!("threads: {}", rayon::current_num_threads());
    println!(
        "{:>4} {:>10} {:>10} {:>10} {:>7} | {:>10} {:>10} {:>7} | {:>10} {:>10} {:>7}",
        "log",
        "dom_new",
        "fft",
        "ark_fft",
        "ratio",
        "ifft",
        "ark_ifft",
        "ratio",
        "h",
        "ark_h",
        "ratio"
    );
    let mut rng = StdRng::seed_from_u64(42);
    for k in min_log..=max_log {
        let n = 1usize << k;
        let x: Vec<Fr> = (0..n).map(|_| Fr::rand(&mut rng)).collect();
        let y: Vec<Fr> = (0..n).map(|_| Fr::rand(&mut rng)).collect();
        let z: Vec<Fr> = (0..n).map(|_| Fr::rand(&mut rng)).collect();
        let t_new = time(|| {
            Domain::new(k).unwrap();
        });
        let d = Domain::new(k).unwrap();
        let ark = Radix2EvaluationDomain::<Fr>::new(n).unwrap();
        let ark_coset = ark.get_coset(root_of_unity(k + 1)).unwrap();
        let (mut f, mut af, mut i, mut ai, mut h, mut ah) =
            (vec![], vec![], vec![], vec![], vec![], vec![]);
        for _ in 0..reps {
            let mut v = x.clone();
            f.push(time(|| d.fft(&mut v).unwrap()));
            let mut w = x.clone();
            af.push(time(|| ark.fft_in_place(&mut w)));
            assert_eq!(v, w);
            let mut v = x.clone();
            i.push(time(|| d.ifft(&mut v).unwrap()));
            let mut w = x.clone();
            ai.push(time(|| ark.ifft_in_place(&mut w)));
            assert_eq!(v, w);
            if k <= 18 || reps <= 5 {
                let (mut a, mut b, mut c) = (x.clone(), y.clone(), z.clone());
                h.push(time(|| d.odd_coset_h(&mut a, &mut b, &mut c).unwrap()));
                let (mut a2, mut b2, mut c2) = (x.clone(), y.clone(), z.clone());
                // The same computation on ark-poly: 3 × (ifft, coset fft on ω_{2n}·H), join.
                ah.push(time(|| {
                    for v in [&mut a2, &mut b2, &mut c2] {
                        ark.ifft_in_place(v);
                        ark_coset.fft_in_place(v);
                    }
                    for ((a, b), c) in a2.iter_mut().zip(&b2).zip(&c2) {
                        *a = *a * b - c;
                    }
                }));
                assert_eq!(a, a2);
            }
        }
        let (f, af, i, ai) = (median(f), median(af), median(i), median(ai));
        let (hs, ahs, hr) = if h.is_empty() {
            ("-".into(), "-".into(), "-".into())
        } else {
            let (h, ah) = (median(h), median(ah));
            (
                format!("{h:.3}"),
                format!("{ah:.3}"),
                format!("{:.2}", ah / h),
            )
        };
        println!(
            "{k:>4} {t_new:>10.3} {f:>10.3} {af:>10.3} {:>7.2} | {i:>10.3} {ai:>10.3} {:>7.2} | {hs:>10} {ahs:>10} {hr:>7}",
            af / f,
            ai / i
        );
    }
    println!("(times in ms, medians of {reps}; ratio = ark / ours)");
}
