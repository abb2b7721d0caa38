//! Poseidon over the BN254 scalar field, exactly as circomlib's `Poseidon(n)` and
//! circomlibjs's `poseidon`: width t = n + 1 (one capacity element, initialised to 0),
//! x^5 S-box, R_F = 8 full rounds, R_P partial rounds from [`PARTIAL_ROUNDS`], output state[0].
//!
//! The constants are generated at first use from the reference Grain LFSR ([`grain`]) and
//! checked against circomlibjs's tables by the tests. Hashing runs an equivalent, faster form
//! of the permutation: partial-round constants folded to one scalar each and the MDS matrix of
//! the partial rounds factored into sparse matrices (Poseidon paper, appendix B), so a partial
//! round costs about 2t multiplications instead of t².
mod grain;

use std::sync::OnceLock;

use ark_bn254::Fr;
use ark_ff::{Field, One, Zero};
use rayon::prelude::*;

use crate::error::{invalid, Result};

/// Full rounds, for every width.
pub const FULL_ROUNDS: usize = 8;
/// Partial rounds for t = 2..=17 (index t - 2), as circomlib chose them.
pub const PARTIAL_ROUNDS: [usize; 16] = [
    56, 57, 56, 60, 60, 63, 64, 63, 60, 66, 60, 65, 70, 60, 64, 68,
];
/// The largest number of inputs of one hash.
pub const MAX_INPUTS: usize = PARTIAL_ROUNDS.len();

/// The constants of one width, in the reference form and in the optimised form.
pub struct Params {
    pub t: usize,
    pub rounds_p: usize,
    /// Round constants, (R_F + R_P) * t of them, round by round.
    pub c: Vec<Fr>,
    /// The MDS matrix: the linear layer maps state to `m · state`.
    pub m: Vec<Vec<Fr>>,
    opt: Optimized,
}

/// The partial-round matrix `[[m00, row], [w, I]]`.
struct Sparse {
    row: Vec<Fr>,
    w: Vec<Fr>,
}

struct Optimized {
    /// Constants of the R_F full rounds; the first full round after the partial rounds also
    /// carries what the partial rounds pushed forward.
    full_c: Vec<Fr>,
    /// One constant per partial round, added to state[0] only.
    partial_c: Vec<Fr>,
    /// Sparse factors for partial rounds 0..R_P-1; the last partial round uses `last_m`.
    sparse: Vec<Sparse>,
    last_m: Vec<Vec<Fr>>,
    m00: Fr,
}

static PARAMS: [OnceLock<Params>; MAX_INPUTS] = [const { OnceLock::new() }; MAX_INPUTS];

/// The constants of width `t` (2..=17), generated on first use.
pub fn params(t: usize) -> Result<&'static Params> {
    if !(2..=MAX_INPUTS + 1).contains(&t) {
        return Err(invalid(format!(
            "poseidon: width t must be in 2..={}, got {t}",
            MAX_INPUTS + 1
        )));
    }
    Ok(PARAMS[t - 2].get_or_init(|| Params::generate(t)))
}

fn mat_vec(m: &[Vec<Fr>], v: &[Fr]) -> Vec<Fr> {
    m.iter()
        .map(|row| row.iter().zip(v).map(|(a, b)| *a * b).sum())
        .collect()
}

fn mat_mul(a: &[Vec<Fr>], b: &[Vec<Fr>]) -> Vec<Vec<Fr>> {
    let n = b[0].len();
    a.iter()
        .map(|row| {
            (0..n)
                .map(|j| row.iter().zip(b).map(|(x, brow)| *x * brow[j]).sum())
                .collect()
        })
        .collect()
}

/// Gauss-Jordan inverse; `None` for a singular matrix.
fn mat_inv(m: &[Vec<Fr>]) -> Option<Vec<Vec<Fr>>> {
    let n = m.len();
    let mut a: Vec<Vec<Fr>> = m.to_vec();
    let mut inv: Vec<Vec<Fr>> = (0..n)
        .map(|i| {
            (0..n)
                .map(|j| if i == j { Fr::one() } else { Fr::zero() })
                .collect()
        })
        .collect();
    for col in 0..n {
        let pivot = (col..n).find(|&r| !a[r][col].is_zero())?;
        a.swap(col, pivot);
        inv.swap(col, pivot);
        let p_inv = a[col][col].inverse()?;
        for j in 0..n {
            a[col][j] *= p_inv;
            inv[col][j] *= p_inv;
        }
        for r in 0..n {
            if r != col && !a[r][col].is_zero() {
                let f = a[r][col];
                for j in 0..n {
                    let (ac, ic) = (a[col][j], inv[col][j]);
                    a[r][j] -= f * ac;
                    inv[r][j] -= f * ic;
                }
            }
        }
    }
    Some(inv)
}

#[inline(always)]
fn pow5(x: Fr) -> Fr {
    let x2 = x.square();
    x2.square() * x
}

impl Params {
    fn generate(t: usize) -> Params {
        let rounds_p = PARTIAL_ROUNDS[t - 2];
        let mut g = grain::Grain::new(t, FULL_ROUNDS, rounds_p);
        let c: Vec<Fr> = (0..(FULL_ROUNDS + rounds_p) * t)
            .map(|_| g.next_constant())
            .collect();
        let m = g.next_cauchy_mds(t);
        let opt = Optimized::derive(t, rounds_p, &c, &m);
        Params {
            t,
            rounds_p,
            c,
            m,
            opt,
        }
    }

    /// The permutation straight from its definition (kept as the reference for the tests).
    pub fn permute_reference(&self, state: &mut [Fr]) {
        let t = self.t;
        let half = FULL_ROUNDS / 2;
        for r in 0..FULL_ROUNDS + self.rounds_p {
            for (s, c) in state.iter_mut().zip(&self.c[r * t..(r + 1) * t]) {
                *s += c;
            }
            if r < half || r >= half + self.rounds_p {
                state.iter_mut().for_each(|s| *s = pow5(*s));
            } else {
                state[0] = pow5(state[0]);
            }
            let next = mat_vec(&self.m, state);
            state.copy_from_slice(&next);
        }
    }

    /// The permutation in its optimised form (same result as [`Self::permute_reference`]).
    pub fn permute(&self, state: &mut [Fr]) {
        let t = self.t;
        let o = &self.opt;
        let half = FULL_ROUNDS / 2;
        let mut tmp = [Fr::zero(); MAX_INPUTS + 1];
        let tmp = &mut tmp[..t];
        let full_round = |state: &mut [Fr], tmp: &mut [Fr], consts: &[Fr], m: &[Vec<Fr>]| {
            for (s, c) in state.iter_mut().zip(consts) {
                *s = pow5(*s + c);
            }
            for (out, row) in tmp.iter_mut().zip(m) {
                *out = row.iter().zip(state.iter()).map(|(a, b)| *a * b).sum();
            }
            state.copy_from_slice(tmp);
        };
        for r in 0..half {
            full_round(state, tmp, &o.full_c[r * t..(r + 1) * t], &self.m);
        }
        for (k, sp) in o.sparse.iter().enumerate() {
            let s0 = pow5(state[0] + o.partial_c[k]);
            let mut acc = o.m00 * s0;
            for (j, s) in state[1..].iter_mut().enumerate() {
                acc += sp.row[j] * *s;
                *s += sp.w[j] * s0;
            }
            state[0] = acc;
        }
        state[0] = pow5(state[0] + o.partial_c[self.rounds_p - 1]);
        for (out, row) in tmp.iter_mut().zip(&o.last_m) {
            *out = row.iter().zip(state.iter()).map(|(a, b)| *a * b).sum();
        }
        state.copy_from_slice(tmp);
        for r in half..FULL_ROUNDS {
            full_round(state, tmp, &o.full_c[r * t..(r + 1) * t], &self.m);
        }
    }
}

impl Optimized {
    fn derive(t: usize, rounds_p: usize, c: &[Fr], m: &[Vec<Fr>]) -> Optimized {
        let half = FULL_ROUNDS / 2;
        // Constants: in a partial round only state[0] meets the S-box, so the constants of
        // the other cells commute with it and move through M into the next round.
        let mut full_c = Vec::with_capacity(FULL_ROUNDS * t);
        full_c.extend_from_slice(&c[..half * t]);
        let mut partial_c = Vec::with_capacity(rounds_p);
        let mut carry = vec![Fr::zero(); t];
        for k in 0..rounds_p {
            let r = half + k;
            let mut ck: Vec<Fr> = c[r * t..(r + 1) * t].to_vec();
            ck.iter_mut().zip(&carry).for_each(|(a, b)| *a += b);
            partial_c.push(ck[0]);
            ck[0] = Fr::zero();
            carry = mat_vec(m, &ck);
        }
        let r = half + rounds_p;
        let mut first_after: Vec<Fr> = c[r * t..(r + 1) * t].to_vec();
        first_after
            .iter_mut()
            .zip(&carry)
            .for_each(|(a, b)| *a += b);
        full_c.extend_from_slice(&first_after);
        full_c.extend_from_slice(&c[(r + 1) * t..]);

        // Matrices: M = diag(1, H) · [[m00, row], [H⁻¹·col, I]] with H the lower-right
        // (t-1)×(t-1) block; diag(1, H) commutes with the partial S-box and the scalar
        // constants, so it is pushed into the next round: round k uses
        // row_k = row · Ĥ^k and w_k = Ĥ^-(k+1) · col.
        let hat: Vec<Vec<Fr>> = m[1..].iter().map(|r| r[1..].to_vec()).collect();
        let hat_inv = mat_inv(&hat).expect("a Cauchy matrix's minors are invertible");
        let col: Vec<Fr> = m[1..].iter().map(|r| r[0]).collect();
        let mut row: Vec<Fr> = m[0][1..].to_vec();
        let mut w = mat_vec(&hat_inv, &col);
        let mut sparse = Vec::with_capacity(rounds_p - 1);
        for _ in 0..rounds_p - 1 {
            sparse.push(Sparse {
                row: row.clone(),
                w: w.clone(),
            });
            // row ← row · Ĥ (a row vector times the matrix), w ← Ĥ⁻¹ · w.
            row = (0..t - 1)
                .map(|j| row.iter().zip(&hat).map(|(a, h)| *a * h[j]).sum())
                .collect();
            w = mat_vec(&hat_inv, &w);
        }
        // Last partial round: the dense M · diag(1, Ĥ^(R_P - 1)).
        let mut hpow: Vec<Vec<Fr>> = (0..t - 1)
            .map(|i| {
                (0..t - 1)
                    .map(|j| if i == j { Fr::one() } else { Fr::zero() })
                    .collect()
            })
            .collect();
        for _ in 0..rounds_p - 1 {
            hpow = mat_mul(&hpow, &hat);
        }
        let mut d = vec![vec![Fr::zero(); t]; t];
        d[0][0] = Fr::one();
        for i in 0..t - 1 {
            d[i + 1][1..].copy_from_slice(&hpow[i]);
        }
        let last_m = mat_mul(m, &d);
        Optimized {
            full_c,
            partial_c,
            sparse,
            last_m,
            m00: m[0][0],
        }
    }
}

/// Poseidon of 1..=16 field elements (circomlib's `Poseidon(inputs.len())`).
pub fn hash(inputs: &[Fr]) -> Result<Fr> {
    let n = inputs.len();
    if n == 0 || n > MAX_INPUTS {
        return Err(invalid(format!(
            "poseidon: expected 1..={MAX_INPUTS} inputs, got {n}"
        )));
    }
    let p = params(n + 1)?;
    let mut state = [Fr::zero(); MAX_INPUTS + 1];
    state[1..=n].copy_from_slice(inputs);
    p.permute(&mut state[..=n]);
    Ok(state[0])
}

/// Hashes every row of `arity` consecutive elements of `inputs`, in parallel.
pub fn hash_batch(inputs: &[Fr], arity: usize) -> Result<Vec<Fr>> {
    if arity == 0 || arity > MAX_INPUTS {
        return Err(invalid(format!(
            "poseidon: expected 1..={MAX_INPUTS} inputs per row, got {arity}"
        )));
    }
    if inputs.len() % arity != 0 {
        return Err(invalid(format!(
            "poseidon: {} elements do not split into rows of {arity}",
            inputs.len()
        )));
    }
    let p = params(arity + 1)?;
    Ok(inputs
        .par_chunks(arity)
        .with_min_len(64)
        .map(|row| {
            let mut state = [Fr::zero(); MAX_INPUTS + 1];
            state[1..=arity].copy_from_slice(row);
            p.permute(&mut state[..=arity]);
            state[0]
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use ark_ff::UniformRand;
    use ark_std::test_rng;

    #[test]
    fn optimised_matches_reference() {
        let mut rng = test_rng();
        for t in 2..=17 {
            let p = params(t).unwrap();
            for _ in 0..3 {
                let mut a: Vec<Fr> = (0..t).map(|_| Fr::rand(&mut rng)).collect();
                let mut b = a.clone();
                p.permute(&mut a);
                p.permute_reference(&mut b);
                assert_eq!(a, b, "t = {t}");
            }
        }
    }

    #[test]
    fn known_value_t3() {
        // circomlibjs: poseidon([1, 2])
        let h = hash(&[Fr::from(1u64), Fr::from(2u64)]).unwrap();
        let want: Fr =
            "7853200120776062878684798364095072458815029376092732009249414926327459813530"
                .parse()
                .unwrap();
        assert_eq!(h, want);
    }

    #[test]
    fn arity_errors() {
        assert!(hash(&[]).is_err());
        assert!(hash(&[Fr::zero(); 17]).is_err());
        assert!(hash_batch(&[Fr::zero(); 5], 2).is_err());
        assert!(hash_batch(&[Fr::zero(); 4], 0).is_err());
    }

    #[test]
    fn batch_matches_single() {
        let mut rng = test_rng();
        let rows: Vec<Fr> = (0..3 * 100).map(|_| Fr::rand(&mut rng)).collect();
        let out = hash_batch(&rows, 3).unwrap();
        for (i, h) in out.iter().enumerate() {
            assert_eq!(*h, hash(&rows[3 * i..3 * i + 3]).unwrap());
        }
    }
}

#[cfg(test)]
mod timing {
    use super::*;
    use std::time::Instant;

    /// `cargo test --profile fastbuild --lib poseidon::timing -- --ignored --nocapture`:
    /// the optimised permutation against the plain one, interleaved, per width.
    #[test]
    #[ignore]
    fn optimised_vs_reference() {
        for t in [2, 3, 6, 17] {
            let p = params(t).unwrap();
            let mut state: Vec<Fr> = (0..t as u64).map(Fr::from).collect();
            let iters = 20_000;
            let (mut opt, mut reference) = (Vec::new(), Vec::new());
            for _ in 0..5 {
                let start = Instant::now();
                for _ in 0..iters {
                    p.permute(&mut state);
                }
                opt.push(start.elapsed().as_secs_f64() / iters as f64 * 1e6);
                let start = Instant::now();
                for _ in 0..iters {
                    p.permute_reference(&mut state);
                }
                reference.push(start.elapsed().as_secs_f64() / iters as f64 * 1e6);
            }
            opt.sort_by(f64::total_cmp);
            reference.sort_by(f64::total_cmp);
            println!(
                "t={t}: optimised {:.2} us, reference {:.2} us (medians of 5)",
                opt[2], reference[2]
            );
        }
    }
}
