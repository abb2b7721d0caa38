//! Group operations beyond what arkworks gives one call at a time: bulk decoding of
//! scalars and points, fixed-base batch multiplication of the generators, and pairings.
use ark_bn254::{Bn254, Fq12, Fr, G1Affine, G1Projective, G2Affine, G2Projective};
use ark_ec::pairing::Pairing;
use ark_ec::scalar_mul::BatchMulPreprocessing;
use ark_ec::PrimeGroup;
use ark_ff::One;
use rayon::prelude::*;

use super::encoding::{
    fr_from_le, g1_from_uncompressed, g2_from_uncompressed, G1_UNCOMPRESSED, G2_UNCOMPRESSED,
};
use crate::error::{invalid, Result};

/// Below this many items a parallel split costs more than it saves.
const PAR_MIN: usize = 1 << 10;

/// Decodes `n` 32-byte little-endian scalar words (each `< r`), in parallel.
pub fn scalars_from_le(b: &[u8]) -> Result<Vec<Fr>> {
    if b.len() % 32 != 0 {
        return Err(invalid(format!(
            "scalars: length {} is not a multiple of 32",
            b.len()
        )));
    }
    let n = b.len() / 32;
    if n < PAR_MIN {
        return b.chunks_exact(32).map(fr_from_le).collect();
    }
    b.par_chunks_exact(32).map(fr_from_le).collect()
}

fn decode_all<T: Send>(
    what: &str,
    b: &[u8],
    size: usize,
    f: impl Fn(&[u8]) -> Result<T> + Sync + Send,
) -> Result<Vec<T>> {
    if b.len() % size != 0 {
        return Err(invalid(format!(
            "{what}: length {} is not a multiple of {size}",
            b.len()
        )));
    }
    if b.len() / size < PAR_MIN {
        return b.chunks_exact(size).map(f).collect();
    }
    b.par_chunks_exact(size).map(f).collect()
}

/// Decodes concatenated uncompressed G1 points, each fully checked, in parallel.
pub fn g1_points_from_uncompressed(b: &[u8]) -> Result<Vec<G1Affine>> {
    decode_all("G1 points", b, G1_UNCOMPRESSED, g1_from_uncompressed)
}

/// Decodes concatenated uncompressed G2 points, each fully checked, in parallel.
pub fn g2_points_from_uncompressed(b: &[u8]) -> Result<Vec<G2Affine>> {
    decode_all("G2 points", b, G2_UNCOMPRESSED, g2_from_uncompressed)
}

/// `[s]B` for every scalar `s` and one fixed base `B`: one shared window table of `B`, then
/// one mixed addition per window per scalar, in parallel; results normalised in one batch.
pub fn g1_batch_mul(base: G1Projective, scalars: &[Fr]) -> Vec<G1Affine> {
    if scalars.is_empty() {
        return Vec::new();
    }
    BatchMulPreprocessing::new(base, scalars.len()).batch_mul(scalars)
}

/// `[s]B` for every scalar `s` and one fixed G2 base `B` (as [`g1_batch_mul`]).
pub fn g2_batch_mul(base: G2Projective, scalars: &[Fr]) -> Vec<G2Affine> {
    if scalars.is_empty() {
        return Vec::new();
    }
    BatchMulPreprocessing::new(base, scalars.len()).batch_mul(scalars)
}

/// `[s]G1` for every scalar `s` (Groth16 setup; random bases for benchmarks).
pub fn g1_generator_mul_batch(scalars: &[Fr]) -> Vec<G1Affine> {
    g1_batch_mul(G1Projective::generator(), scalars)
}

/// `[s]G2` for every scalar `s`.
pub fn g2_generator_mul_batch(scalars: &[Fr]) -> Vec<G2Affine> {
    g2_batch_mul(G2Projective::generator(), scalars)
}

/// `e(P, Q)` as arkworks defines it (see the crate docs on the GT exponent).
pub fn pairing(p: &G1Affine, q: &G2Affine) -> Fq12 {
    Bn254::pairing(*p, *q).0
}

/// `prod_i e(P_i, Q_i)` with one multi-Miller loop and one final exponentiation.
pub fn pairing_product(ps: &[G1Affine], qs: &[G2Affine]) -> Result<Fq12> {
    if ps.len() != qs.len() {
        return Err(invalid(format!(
            "pairing product: {} G1 points but {} G2 points",
            ps.len(),
            qs.len()
        )));
    }
    if ps.is_empty() {
        return Ok(Fq12::one());
    }
    let ml = Bn254::multi_miller_loop(ps.iter().copied(), qs.iter().copied());
    // The Miller loop output is zero only for degenerate inputs, which checked points exclude.
    Bn254::final_exponentiation(ml)
        .map(|o| o.0)
        .ok_or_else(|| invalid("pairing product: Miller loop output is zero"))
}

/// Whether `prod_i e(P_i, Q_i) == 1`.
pub fn pairing_check(ps: &[G1Affine], qs: &[G2Affine]) -> Result<bool> {
    Ok(pairing_product(ps, qs)?.is_one())
}

#[cfg(test)]
mod tests {
    use super::*;
    use ark_ec::CurveGroup;
    use ark_ff::{Field, PrimeField, UniformRand};

    #[test]
    fn batch_mul_matches_naive() {
        let mut rng = ark_std::test_rng();
        for n in [0usize, 1, 5, 40, 2000] {
            let s: Vec<Fr> = (0..n).map(|_| Fr::rand(&mut rng)).collect();
            let got = g1_generator_mul_batch(&s);
            let want: Vec<G1Affine> = s
                .iter()
                .map(|k| (G1Projective::generator() * k).into_affine())
                .collect();
            assert_eq!(got, want);
            let got2 = g2_generator_mul_batch(&s[..n.min(50)]);
            for (k, p) in s.iter().zip(got2) {
                assert_eq!(p, (G2Projective::generator() * k).into_affine());
            }
            let base = G1Projective::generator() * Fr::from(12345u64);
            for (k, p) in s.iter().zip(g1_batch_mul(base, &s)) {
                assert_eq!(p, (base * k).into_affine());
            }
        }
    }

    #[test]
    fn pairing_bilinear_and_check() {
        let mut rng = ark_std::test_rng();
        let a = Fr::rand(&mut rng);
        let b = Fr::rand(&mut rng);
        let g1 = G1Affine::generator();
        let g2 = G2Affine::generator();
        let e = pairing(&g1, &g2);
        let lhs = pairing(
            &(G1Projective::generator() * a).into_affine(),
            &(G2Projective::generator() * b).into_affine(),
        );
        assert_eq!(lhs, e.pow((a * b).into_bigint()));
        let ps = [(g1 * a).into_affine(), (-(g1 * (a * b))).into_affine()];
        let qs = [(g2 * b).into_affine(), g2];
        assert!(pairing_check(&ps, &qs).unwrap());
        assert!(!pairing_check(&ps[..1], &qs[..1]).unwrap());
        assert!(pairing_check(&[], &[]).unwrap());
        assert!(pairing_product(&ps, &qs[..1]).is_err());
    }

    use ark_ec::AffineRepr;
}
