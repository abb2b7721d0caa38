//! Poseidon parameter generation, as in the reference `generate_parameters_grain.sage` of the
//! Poseidon authors: an 80-bit Grain LFSR seeded with the instance description produces the
//! round constants (rejection-sampled below p) and the Cauchy MDS matrix.
//!
//! circomlib ran it as `generate_parameters_grain.sage 1 0 254 t 8 R_P p` for every t, in the
//! script's original form: round constants drawn first, then the first Cauchy matrix
//! candidate. Later versions of the script draw the matrix first and re-draw it until the
//! subspace-trail checks (Algorithms 1-3) pass, which gives other constants; circomlib's
//! matrices pass those checks anyway (tests/test_poseidon_mds.py), so no re-draw applies.
use ark_bn254::Fr;
use ark_ff::{BigInt, PrimeField};

/// Bits of the field size n that go into the seed and into each sampled element.
const FIELD_BITS: u16 = 254;

/// The self-shrinking Grain LFSR of the reference script.
pub(crate) struct Grain {
    /// The 80 state bits, oldest first (`state[0]` is the next one shifted out).
    state: [u8; 80],
}

impl Grain {
    /// Seeds the LFSR with (field = 1: GF(p), sbox = 0: x^alpha, n, t, R_F, R_P, 30 ones),
    /// each field written most significant bit first, then discards 160 bits.
    pub(crate) fn new(t: usize, r_f: usize, r_p: usize) -> Self {
        let mut bits = Vec::with_capacity(80);
        let mut push = |value: u64, width: u32| {
            for i in (0..width).rev() {
                bits.push(((value >> i) & 1) as u8);
            }
        };
        push(1, 2); // field: GF(p)
        push(0, 4); // S-box: x^alpha
        push(u64::from(FIELD_BITS), 12);
        push(t as u64, 12);
        push(r_f as u64, 10);
        push(r_p as u64, 10);
        push((1 << 30) - 1, 30);
        let mut state = [0u8; 80];
        state.copy_from_slice(&bits);
        let mut g = Grain { state };
        for _ in 0..160 {
            g.step();
        }
        g
    }

    /// One LFSR step: b_{i+80} = b_{i+62} ^ b_{i+51} ^ b_{i+38} ^ b_{i+23} ^ b_{i+13} ^ b_i.
    fn step(&mut self) -> u8 {
        let s = &self.state;
        let new = s[62] ^ s[51] ^ s[38] ^ s[23] ^ s[13] ^ s[0];
        self.state.copy_within(1.., 0);
        self.state[79] = new;
        new
    }

    /// The shrinking step: bits come in pairs; a pair whose first bit is 1 outputs its
    /// second bit, any other pair outputs nothing.
    fn next_bit(&mut self) -> u8 {
        loop {
            let first = self.step();
            let second = self.step();
            if first == 1 {
                return second;
            }
        }
    }

    /// `n` output bits read as an integer, most significant bit first.
    fn next_bits(&mut self, n: u16) -> BigInt<4> {
        let mut limbs = [0u64; 4];
        for i in (0..usize::from(n)).rev() {
            if self.next_bit() == 1 {
                limbs[i / 64] |= 1 << (i % 64);
            }
        }
        BigInt::new(limbs)
    }

    /// A round constant: 254-bit samples, rejected until one is below p.
    pub(crate) fn next_constant(&mut self) -> Fr {
        loop {
            if let Some(f) = Fr::from_bigint(self.next_bits(FIELD_BITS)) {
                return f;
            }
        }
    }

    /// An MDS sample: a 254-bit value reduced mod p (the script's `F(...)`, no rejection).
    fn next_reduced(&mut self) -> Fr {
        let bits = self.next_bits(FIELD_BITS);
        let mut bytes = [0u8; 32];
        for (i, limb) in bits.0.iter().enumerate() {
            bytes[8 * i..8 * i + 8].copy_from_slice(&limb.to_le_bytes());
        }
        Fr::from_le_bytes_mod_order(&bytes)
    }

    /// The Cauchy matrix M[i][j] = 1 / (x_i + y_j) from 2t distinct samples, resampled
    /// while any two samples coincide or any x_i + y_j is zero (as the script does).
    pub(crate) fn next_cauchy_mds(&mut self, t: usize) -> Vec<Vec<Fr>> {
        loop {
            let vals = loop {
                let vals: Vec<Fr> = (0..2 * t).map(|_| self.next_reduced()).collect();
                let mut sorted = vals.clone();
                sorted.sort_unstable();
                sorted.dedup();
                if sorted.len() == vals.len() {
                    break vals;
                }
            };
            let (xs, ys) = vals.split_at(t);
            let m: Option<Vec<Vec<Fr>>> = xs
                .iter()
                .map(|x| {
                    ys.iter()
                        .map(|y| ark_ff::Field::inverse(&(*x + y)))
                        .collect::<Option<Vec<Fr>>>()
                })
                .collect();
            if let Some(m) = m {
                return m;
            }
        }
    }
}
