//! Groth16 timings on a synthetic circuit shaped like circom output (products of linear
//! combinations, full-size witness values): setup, prove (median), verify, and batch
//! verification of many proofs against verifying them one by one.
//!
//! Usage: groth16_bench [--log 16] [--reps 5] [--batch 1000]
//! (`cargo run --release --example groth16_bench -- --log 16`)
use std::time::Instant;

use ark_bn254::Fr;
use ark_ff::One;
use masa_zk_native::groth16::{prove, setup, PreparedVerifyingKey, Proof};
use masa_zk_native::witness::Lc;

/// Wire 1 public (the last value), wire 2 private (the seed); constraint i:
/// (w[i+2] + w[i+1] + 3)·(w[i+2] + 7) = w[i+3]; the last: (w_last)·1 = w[1].
fn circuit(m: usize) -> (usize, Vec<(Lc, Lc, Lc)>, Vec<Fr>) {
    let mut cs = Vec::with_capacity(m);
    let mut w = vec![Fr::one(), Fr::from(0u64), Fr::from(5u64)];
    let three = Fr::from(3u64);
    let seven = Fr::from(7u64);
    for i in 0..m - 1 {
        let (cur, prev) = (i + 2, if i == 0 { 2 } else { i + 1 });
        let a = Lc(vec![
            (0, three),
            (prev as u32, Fr::one()),
            (cur as u32, Fr::one()),
        ]);
        let b = Lc(vec![(0, seven), (cur as u32, Fr::one())]);
        let c = Lc(vec![((cur + 1) as u32, Fr::one())]);
        let v = (w[cur] + w[prev] + three) * (w[cur] + seven);
        w.push(v);
        cs.push((a, b, c));
    }
    let last = w.len() - 1;
    w[1] = w[last];
    cs.push((
        Lc(vec![(last as u32, Fr::one())]),
        Lc(vec![(0, Fr::one())]),
        Lc(vec![(1, Fr::one())]),
    ));
    (w.len(), cs, w)
}

/// CPU time (user + system) of the process so far, in ms: under load from other processes
/// it measures work where wall time measures the scheduler.
fn cpu_ms() -> f64 {
    let mut ru = std::mem::MaybeUninit::<libc::rusage>::zeroed();
    // SAFETY: getrusage fills the struct it is given; RUSAGE_SELF is always valid.
    let ru = unsafe {
        libc::getrusage(libc::RUSAGE_SELF, ru.as_mut_ptr());
        ru.assume_init()
    };
    let tv = |t: libc::timeval| t.tv_sec as f64 * 1e3 + t.tv_usec as f64 / 1e3;
    tv(ru.ru_utime) + tv(ru.ru_stime)
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[v.len() / 2]
}

fn arg(args: &[String], name: &str, default: usize) -> usize {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .map(|s| s.parse().expect("a number"))
        .unwrap_or(default)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let log = arg(&args, "--log", 16);
    let reps = arg(&args, "--reps", 5);
    let batch = arg(&args, "--batch", 1000);
    // domain 2^log: m + n_public + 1 <= 2^log
    let m = (1usize << log) - 2;
    let (nw, cs, w) = circuit(m);
    assert!(cs
        .iter()
        .all(|(a, b, c)| a.eval(&w) * b.eval(&w) == c.eval(&w)));
    let t = Instant::now();
    let pk = setup(nw, &cs, 1).unwrap();
    println!(
        "constraints {m}, wires {nw}, domain 2^{}: setup {:.0} ms",
        pk.domain_size.trailing_zeros(),
        t.elapsed().as_secs_f64() * 1e3
    );
    let pvk = PreparedVerifyingKey::new(pk.verifying_key()).unwrap();
    let mut times = Vec::new();
    let mut cpu = Vec::new();
    let mut proof = None;
    for _ in 0..reps {
        let t = Instant::now();
        let c = cpu_ms();
        proof = Some(prove(&pk, &w).unwrap());
        times.push(t.elapsed().as_secs_f64() * 1e3);
        cpu.push(cpu_ms() - c);
    }
    let proof = proof.unwrap();
    if args.iter().any(|a| a == "--phases") {
        use masa_zk_native::msm::{msm_g1, msm_g2};
        let ms = |t: Instant| t.elapsed().as_secs_f64() * 1e3;
        let t = Instant::now();
        let h = masa_zk_native::groth16::prove::h_scalars(&pk, &w).unwrap();
        println!("  quotient (A·w, B·w, 3 iFFT + 3 FFT): {:.0} ms", ms(t));
        let t = Instant::now();
        let _ = msm_g1(&pk.h, &h);
        println!("  msm H ({}): {:.0} ms", h.len(), ms(t));
        let t = Instant::now();
        let _ = msm_g1(&pk.a, &w);
        println!("  msm A: {:.0} ms", ms(t));
        let t = Instant::now();
        let _ = msm_g1(&pk.b1, &w);
        println!("  msm B1: {:.0} ms", ms(t));
        let t = Instant::now();
        let _ = msm_g2(&pk.b2, &w);
        println!("  msm B2 (G2): {:.0} ms", ms(t));
        let t = Instant::now();
        let _ = msm_g1(&pk.c, &w[2..]);
        println!("  msm C: {:.0} ms", ms(t));
    }
    assert!(pvk.verify(&w[1..2], &proof).unwrap());
    println!(
        "prove: median {:.1} ms wall, {:.1} ms CPU over {reps} (wall: {:?})",
        median(times.clone()),
        median(cpu),
        times.iter().map(|x| x.round()).collect::<Vec<_>>()
    );

    if batch > 0 {
        // many proofs of one small key: distinct public inputs
        let (nw, cs, _) = circuit(30);
        let pk = setup(nw, &cs, 1).unwrap();
        let pvk = PreparedVerifyingKey::new(pk.verifying_key()).unwrap();
        let items: Vec<(Vec<Fr>, Proof)> = (0..batch)
            .map(|i| {
                let (_, _, mut w) = circuit(30);
                // a different seed gives a different chain: recompute from seed i
                w[2] = Fr::from(i as u64 + 5);
                for j in 0..29 {
                    let (cur, prev) = (j + 2, if j == 0 { 2 } else { j + 1 });
                    w[cur + 1] = (w[cur] + w[prev] + Fr::from(3u64)) * (w[cur] + Fr::from(7u64));
                }
                w[1] = w[w.len() - 1];
                (vec![w[1]], prove(&pk, &w).unwrap())
            })
            .collect();
        let mut one = Vec::new();
        let mut all = Vec::new();
        for _ in 0..3 {
            let t = Instant::now();
            assert!(items.iter().all(|(p, pr)| pvk.verify(p, pr).unwrap()));
            one.push(t.elapsed().as_secs_f64() * 1e3);
            let t = Instant::now();
            assert!(pvk.batch_verify(&items).unwrap().is_empty());
            all.push(t.elapsed().as_secs_f64() * 1e3);
        }
        let (one, all) = (median(one), median(all));
        println!(
            "verify {batch} proofs: one by one {one:.1} ms ({:.3} ms each), batch {all:.1} ms: {:.1}x",
            one / batch as f64,
            one / all
        );
    }
}
