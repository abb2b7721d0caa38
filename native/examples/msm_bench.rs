//! G1 MSM timing: ours vs arkworks' `VariableBaseMSM::msm`, interleaved.
//!
//! Usage:
//!   msm_bench [--sizes 12,14,16,18,20] [--reps 5]   table of medians (ms)
//!   msm_bench --serve        read `log2n` lines, answer `ours_ms ark_ms ours_cpu_ms
//!                            ark_cpu_ms` (for
//!                            benches/msm_compare.sh, which interleaves with gnark)
//!   msm_bench --bits01 ...   any mode with scalars in {0, 1} (witness-like)
//!   msm_bench --g2 12        G2 at n = 2^12, ours vs arkworks
//!   msm_bench --calibrate    field multiplication and inversion cost
//!   msm_bench --sweep-c 16 [--cs 12,13]   time each window size c at n = 2^16
use std::io::BufRead;
use std::time::Instant;

use ark_bn254::{Fr, G1Affine, G1Projective};
use ark_ec::{AdditiveGroup, CurveGroup, VariableBaseMSM};
use ark_ff::UniformRand;
use ark_std::rand::{rngs::StdRng, Rng, SeedableRng};
use masa_zk_native::msm::{msm_g1, msm_sw_with};

fn inputs(n: usize) -> (Vec<G1Affine>, Vec<Fr>) {
    let mut r = StdRng::seed_from_u64(42);
    let steps: Vec<G1Projective> = (0..16).map(|_| G1Projective::rand(&mut r)).collect();
    let mut p = G1Projective::rand(&mut r);
    let walk: Vec<G1Projective> = (0..n)
        .map(|_| {
            p += steps[r.gen_range(0..16)];
            p
        })
        .collect();
    let scalars = (0..n).map(|_| Fr::rand(&mut r)).collect();
    (G1Projective::normalize_batch(&walk), scalars)
}

/// CPU time (user + system) of the whole process, in ns, threads that already exited
/// included. Under load from other processes wall time mostly measures the
/// scheduler; CPU time measures work (rayon's idle spinning included).
fn cpu_ns() -> u64 {
    let mut ru = std::mem::MaybeUninit::<libc::rusage>::zeroed();
    // SAFETY: getrusage fills the struct it is given; RUSAGE_SELF is always valid.
    let ru = unsafe {
        libc::getrusage(libc::RUSAGE_SELF, ru.as_mut_ptr());
        ru.assume_init()
    };
    let us = |t: libc::timeval| t.tv_sec as u64 * 1_000_000 + t.tv_usec as u64;
    (us(ru.ru_utime) + us(ru.ru_stime)) * 1000
}

/// (wall ms, cpu ms) of one call of `f`.
fn ms_cpu<T>(f: impl FnOnce() -> T) -> (f64, f64, T) {
    let c = cpu_ns();
    let (t, out) = ms(f);
    (t, (cpu_ns() - c) as f64 / 1e6, out)
}

fn ms<T>(f: impl FnOnce() -> T) -> (f64, T) {
    let t = Instant::now();
    let out = f();
    (t.elapsed().as_secs_f64() * 1e3, out)
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let m = v.len() / 2;
    if v.len() % 2 == 1 {
        v[m]
    } else {
        (v[m - 1] + v[m]) / 2.0
    }
}

/// One interleaved pair; the results are compared so neither side can be skipped.
fn pair(b: &[G1Affine], s: &[Fr]) -> (f64, f64) {
    let (t_ours, ours) = ms(|| msm_g1(b, s));
    let (t_ark, ark) = ms(|| G1Projective::msm(b, s).unwrap());
    assert_eq!(ours, ark, "MSM mismatch at n={}", b.len());
    (t_ours, t_ark)
}

fn arg<'a>(args: &'a [String], name: &str) -> Option<&'a str> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .map(String::as_str)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let sizes: Vec<u32> = arg(&args, "--sizes")
        .unwrap_or("12,14,16,18,20")
        .split(',')
        .map(|x| x.parse().expect("--sizes: log2 sizes"))
        .collect();
    let max = if args.iter().any(|a| a == "--calibrate" || a == "--g2") {
        1
    } else if args.iter().any(|a| a == "--serve") {
        20
    } else if let Some(l) = arg(&args, "--sweep-c") {
        l.parse().expect("--sweep-c log2n")
    } else {
        *sizes.iter().max().unwrap()
    };
    let (bases, mut scalars) = inputs(1 << max);
    if args.iter().any(|a| a == "--bits01") {
        // Witness-like scalars: half zeros, half ones.
        for (i, s) in scalars.iter_mut().enumerate() {
            *s = Fr::from((i.wrapping_mul(0x9e37_79b9) >> 7) as u64 & 1);
        }
    }

    if args.iter().any(|a| a == "--calibrate") {
        // Field costs in ns, to calibrate the cost model.
        use ark_bn254::Fq;
        use ark_ff::Field;
        let mut r = StdRng::seed_from_u64(1);
        let (mut x, y) = (Fq::rand(&mut r), Fq::rand(&mut r));
        let k = 10_000_000;
        let (_, t, _) = ms_cpu(|| {
            for _ in 0..k {
                x *= &y;
            }
        });
        println!("mul {:.2} ns cpu ({x})", t * 1e6 / k as f64);
        let (_, t, _) = ms_cpu(|| {
            for _ in 0..10_000 {
                x = x.inverse().unwrap() + y;
            }
        });
        println!("inverse {:.2} ns cpu ({x})", t * 1e6 / 1e4);
        return;
    }
    if let Some(l) = arg(&args, "--g2") {
        // G2 sanity check: ours (same generic code) vs arkworks, interleaved.
        use ark_bn254::G2Projective;
        let n = 1usize << l.parse::<u32>().expect("--g2 log2n");
        let mut r = StdRng::seed_from_u64(3);
        let step = G2Projective::rand(&mut r);
        let mut p = G2Projective::rand(&mut r);
        let walk: Vec<G2Projective> = (0..n)
            .map(|_| {
                p += step;
                p.double_in_place();
                p
            })
            .collect();
        let b = G2Projective::normalize_batch(&walk);
        let s: Vec<Fr> = (0..n).map(|_| Fr::rand(&mut r)).collect();
        let (mut o, mut a): (Vec<f64>, Vec<f64>) = (0..5)
            .map(|_| {
                let (t_ours, ours) = ms(|| masa_zk_native::msm::msm_g2(&b, &s));
                let (t_ark, ark) = ms(|| G2Projective::msm(&b, &s).unwrap());
                assert_eq!(ours, ark);
                (t_ours, t_ark)
            })
            .unzip();
        println!(
            "G2 2^{l}: ours {:.2} ms, arkworks {:.2} ms",
            median(&mut o),
            median(&mut a)
        );
        return;
    }
    if let Some(which) = arg(&args, "--once") {
        // For profilers: one call of one implementation at the largest size.
        let (t, cpu, _) = if which == "ark" {
            ms_cpu(|| G1Projective::msm(&bases, &scalars).unwrap())
        } else {
            ms_cpu(|| msm_g1(&bases, &scalars))
        };
        println!("{which}: {t:.2} ms wall, {cpu:.2} ms cpu");
        return;
    }
    if args.iter().any(|a| a == "--serve") {
        println!("ready");
        for line in std::io::stdin().lock().lines() {
            let l: u32 = line.unwrap().trim().parse().expect("log2n");
            let n = 1usize << l;
            let (b, s) = (&bases[..n], &scalars[..n]);
            let (t_ours, c_ours, ours) = ms_cpu(|| msm_g1(b, s));
            let (t_ark, c_ark, ark) = ms_cpu(|| G1Projective::msm(b, s).unwrap());
            assert_eq!(ours, ark, "MSM mismatch at n={n}");
            println!("{t_ours:.3} {t_ark:.3} {c_ours:.3} {c_ark:.3}");
        }
        return;
    }
    if arg(&args, "--sweep-c").is_some() {
        let reps: usize = arg(&args, "--reps").unwrap_or("3").parse().unwrap();
        let want = msm_g1(&bases, &scalars);
        let cs: Vec<usize> = arg(&args, "--cs")
            .unwrap_or("6,7,8,9,10,11,12,13,14,15,16")
            .split(',')
            .map(|x| x.parse().expect("--cs: window sizes"))
            .collect();
        for c in cs {
            let (mut t, mut cpu): (Vec<f64>, Vec<f64>) = (0..reps)
                .map(|_| {
                    let (t, cpu, got) = ms_cpu(|| msm_sw_with(&bases, &scalars, Some(c)));
                    assert_eq!(got, want);
                    (t, cpu)
                })
                .unzip();
            println!(
                "c={c:2} median {:.2} ms wall, {:.2} ms cpu",
                median(&mut t),
                median(&mut cpu)
            );
        }
        return;
    }
    let reps: usize = arg(&args, "--reps").unwrap_or("5").parse().unwrap();
    let threads = rayon::current_num_threads();
    println!("threads={threads} reps={reps}");
    for &l in &sizes {
        let (c, batch, chunks) = masa_zk_native::msm::plan_for(1 << l, 254, threads);
        println!("plan 2^{l}: c={c} batch_affine={batch} chunks={chunks}");
    }
    if reps == 0 {
        return;
    }
    println!(
        "{:>6} {:>12} {:>12} {:>10}",
        "log2n", "ours_ms", "arkworks_ms", "ours/ark"
    );
    for &l in &sizes {
        let n = 1usize << l;
        let (b, s) = (&bases[..n], &scalars[..n]);
        let _ = pair(b, s); // warm-up
        let (mut o, mut a): (Vec<f64>, Vec<f64>) = (0..reps).map(|_| pair(b, s)).unzip();
        let (mo, ma) = (median(&mut o), median(&mut a));
        println!("{l:>6} {mo:>12.2} {ma:>12.2} {:>10.3}", mo / ma);
    }
}
