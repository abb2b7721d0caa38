//! circom's `.r1cs` format (version 1): header (section 1), constraints (2), wire → label
//! map (3). Sections 4/5 (custom gates) belong to PLONK circuits and are rejected.
use ark_bn254::Fr;
use ark_ff::{One, Zero};
use rayon::prelude::*;

use super::binfile::{encoding, fr_to_le_bytes, BinFile, BinWriter, Reader};
use crate::error::{invalid, Error, Result};

/// A linear combination: (wire id, coefficient) terms.
pub type Lc = Vec<(u32, Fr)>;

const MAGIC: &[u8; 4] = b"r1cs";
const VERSION: u32 = 1;
const HEADER: u32 = 1;
const CONSTRAINTS: u32 = 2;
const WIRE_TO_LABEL: u32 = 3;
const CUSTOM_GATES_LIST: u32 = 4;
const CUSTOM_GATES_USES: u32 = 5;
/// n8 (4) + prime (32) + nWires, nPubOut, nPubIn, nPrvIn (16) + nLabels (8) + m (4).
const HEADER_SIZE: usize = 64;

/// A rank-1 constraint system in circom's wire layout: wire 0 is the constant 1, then
/// public outputs, public inputs, private inputs, then internal wires. Each constraint
/// `(a, b, c)` means `<a,w> * <b,w> = <c,w>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct R1cs {
    pub n_wires: u32,
    pub n_pub_out: u32,
    pub n_pub_in: u32,
    pub n_prv_in: u32,
    pub n_labels: u64,
    pub constraints: Vec<(Lc, Lc, Lc)>,
    pub wire_to_label: Vec<u64>,
}

impl R1cs {
    /// Public signals (outputs then inputs), as snarkjs counts them.
    pub fn n_public(&self) -> u64 {
        self.n_pub_out as u64 + self.n_pub_in as u64
    }

    /// Checks the invariants the file format implies: counts fit, wire ids in range,
    /// one label per wire, each label < nLabels.
    pub fn validate(&self) -> Result<()> {
        let io = 1u64 + self.n_pub_out as u64 + self.n_pub_in as u64 + self.n_prv_in as u64;
        if io > self.n_wires as u64 {
            return Err(invalid(format!(
                "r1cs: 1 + nPubOut + nPubIn + nPrvIn = {io} exceeds nWires = {}",
                self.n_wires
            )));
        }
        if self.constraints.len() > u32::MAX as usize {
            return Err(invalid("r1cs: more than 2^32 - 1 constraints"));
        }
        if self.wire_to_label.len() != self.n_wires as usize {
            return Err(invalid(format!(
                "r1cs: {} labels in the wire map, expected nWires = {}",
                self.wire_to_label.len(),
                self.n_wires
            )));
        }
        if let Some((w, l)) = self
            .wire_to_label
            .iter()
            .enumerate()
            .find(|(_, &l)| l >= self.n_labels)
        {
            return Err(invalid(format!(
                "r1cs: wire {w} has label {l} >= nLabels = {}",
                self.n_labels
            )));
        }
        for (i, (a, b, c)) in self.constraints.iter().enumerate() {
            for lc in [a, b, c] {
                if lc.len() > u32::MAX as usize {
                    return Err(invalid(format!("r1cs: constraint {i} has too many terms")));
                }
                if let Some((w, _)) = lc.iter().find(|(w, _)| *w >= self.n_wires) {
                    return Err(invalid(format!(
                        "r1cs: constraint {i} uses wire {w} >= nWires = {}",
                        self.n_wires
                    )));
                }
            }
        }
        Ok(())
    }

    /// Parses and fully validates a `.r1cs` file held in memory.
    pub fn from_bytes(data: &[u8]) -> Result<Self> {
        let f = BinFile::parse(data, MAGIC, VERSION)?;
        if f.count(CUSTOM_GATES_LIST) + f.count(CUSTOM_GATES_USES) > 0 {
            return Err(invalid(
                "r1cs: custom gates (PLONK-only sections 4/5) are not supported",
            ));
        }
        let mut h = f.reader(HEADER)?;
        if h.remaining() != HEADER_SIZE {
            return Err(encoding(format!(
                "r1cs: header section is {} bytes, expected {HEADER_SIZE}",
                h.remaining()
            )));
        }
        h.expect_fr_prime()?;
        let n_wires = h.u32()?;
        let n_pub_out = h.u32()?;
        let n_pub_in = h.u32()?;
        let n_prv_in = h.u32()?;
        let n_labels = h.u64()?;
        let m = h.u32()?;
        h.finish("header")?;

        let constraints = constraints_from_bytes(f.section(CONSTRAINTS)?, m, n_wires)?;

        let map = f.section(WIRE_TO_LABEL)?;
        if map.len() as u64 != n_wires as u64 * 8 {
            return Err(encoding(format!(
                "r1cs: wire map section is {} bytes, expected 8 * nWires = {}",
                map.len(),
                n_wires as u64 * 8
            )));
        }
        let wire_to_label = map
            .chunks_exact(8)
            .map(|c| u64::from_le_bytes(c.try_into().expect("chunks of 8")))
            .collect();

        let r1cs = R1cs {
            n_wires,
            n_pub_out,
            n_pub_in,
            n_prv_in,
            n_labels,
            constraints,
            wire_to_label,
        };
        r1cs.validate()?;
        Ok(r1cs)
    }

    /// Writes circom's layout: sections in circom's order (constraints, header, wire map), terms sorted by wire id with repeated
    /// wires merged and zero terms dropped, coefficients LE in normal form.
    pub fn to_bytes(&self) -> Result<Vec<u8>> {
        self.validate()?;
        let mut w = BinWriter::new(MAGIC, VERSION, 3);
        // Exact size when the LCs are already normal (the usual case): one allocation.
        let terms: usize = (self.constraints.par_iter())
            .map(|(a, b, c)| a.len() + b.len() + c.len())
            .sum();
        let body = 12 * self.constraints.len() + 36 * terms;
        w.reserve(3 * 12 + body + HEADER_SIZE + 8 * self.wire_to_label.len());
        w.start_section(CONSTRAINTS);
        constraints_to_bytes(&self.constraints, true, w.buffer());
        w.end_section();

        w.start_section(HEADER);
        w.fr_prime();
        w.u32(self.n_wires);
        w.u32(self.n_pub_out);
        w.u32(self.n_pub_in);
        w.u32(self.n_prv_in);
        w.u64(self.n_labels);
        w.u32(self.constraints.len() as u32);
        w.end_section();

        w.start_section(WIRE_TO_LABEL);
        for l in &self.wire_to_label {
            w.u64(*l);
        }
        w.end_section();
        Ok(w.finish())
    }

    /// `Ok(())` when every constraint holds for `witness`, else `Err(i)` with the first
    /// failing constraint. A wire missing from a short witness makes its constraint fail.
    /// (Wire 0 = 1 and the witness length are checked by [`R1cs::check_witness`].)
    pub fn is_satisfied(&self, witness: &[Fr]) -> std::result::Result<(), usize> {
        let eval = |lc: &Lc| -> Option<Fr> {
            let mut acc = Fr::zero();
            for (wire, coeff) in lc {
                acc += *coeff * witness.get(*wire as usize)?;
            }
            Some(acc)
        };
        let holds = |(a, b, c): &(Lc, Lc, Lc)| match (eval(a), eval(b), eval(c)) {
            (Some(a), Some(b), Some(c)) => a * b == c,
            _ => false,
        };
        // find_first keeps the answer deterministic (the lowest failing index).
        match self
            .constraints
            .par_iter()
            .with_min_len(1 << 10)
            .position_first(|c| !holds(c))
        {
            None => Ok(()),
            Some(i) => Err(i),
        }
    }

    /// Typed form of [`R1cs::is_satisfied`]: also requires `len == nWires` and wire 0 = 1.
    pub fn check_witness(&self, witness: &[Fr]) -> Result<()> {
        if witness.len() != self.n_wires as usize {
            return Err(invalid(format!(
                "witness has {} values, the r1cs has {} wires",
                witness.len(),
                self.n_wires
            )));
        }
        if !witness[0].is_one() {
            return Err(Error::UnsatisfiedConstraint(
                "witness wire 0 (the constant) is not 1".into(),
            ));
        }
        self.is_satisfied(witness)
            .map_err(|i| Error::UnsatisfiedConstraint(format!("constraint {i} is not satisfied")))
    }
}

/// Decodes `m` constraints in the section-2 layout (the whole slice must be consumed):
/// per constraint A, B, C, each `nTerms u32` then (`wire u32`, `coeff 32 bytes LE`) terms.
///
/// A first pass reads only the term counts to find where each record starts (checking
/// that every record fits); the records are then decoded in parallel.
pub fn constraints_from_bytes(b: &[u8], m: u32, n_wires: u32) -> Result<Vec<(Lc, Lc, Lc)>> {
    let mut r = Reader::new(b, "r1cs");
    // The smallest record is 3 empty LCs (12 bytes): cap the allocation by the payload.
    let mut starts = Vec::with_capacity((m as usize).min(r.remaining() / 12) + 1);
    for _ in 0..m {
        starts.push(r.pos());
        for _ in 0..3 {
            let n = r.u32()? as usize;
            r.bytes(
                n.checked_mul(36)
                    .ok_or_else(|| encoding("r1cs: term count overflows"))?,
            )?;
        }
    }
    starts.push(r.pos());
    r.finish("constraints")?;
    starts
        .par_windows(2)
        .enumerate()
        .with_min_len(1 << 12)
        .map(|(i, s)| {
            let mut r = Reader::new(&b[s[0]..s[1]], "r1cs");
            let a = read_lc(&mut r, n_wires, i)?;
            let b = read_lc(&mut r, n_wires, i)?;
            let c = read_lc(&mut r, n_wires, i)?;
            Ok((a, b, c))
        })
        .collect::<Vec<Result<_>>>()
        // Sequentially, so a malformed file always reports its first bad record.
        .into_iter()
        .collect()
}

/// Appends constraints in the section-2 layout; `normal` sorts and merges terms first
/// (circom's form), otherwise terms are written as stored.
pub fn constraints_to_bytes(cs: &[(Lc, Lc, Lc)], normal: bool, out: &mut Vec<u8>) {
    for (a, b, c) in cs {
        for lc in [a, b, c] {
            let merged;
            let lc = if normal && !is_normal(lc) {
                merged = normalize(lc);
                &merged
            } else {
                lc
            };
            out.extend_from_slice(&(lc.len() as u32).to_le_bytes());
            for (wire, coeff) in lc {
                out.extend_from_slice(&wire.to_le_bytes());
                fr_to_le_bytes(coeff, out);
            }
        }
    }
}

fn read_lc(r: &mut Reader<'_>, n_wires: u32, i: usize) -> Result<Lc> {
    let n = r.u32()? as usize;
    // Each term is 36 bytes: a lying count fails on the first missing byte, not in malloc.
    let mut lc = Vec::with_capacity(n.min(r.remaining() / 36));
    for _ in 0..n {
        let wire = r.u32()?;
        if wire >= n_wires {
            return Err(invalid(format!(
                "r1cs: constraint {i} uses wire {wire} >= nWires = {n_wires}"
            )));
        }
        lc.push((wire, r.fr()?));
    }
    Ok(lc)
}

fn is_normal(lc: &[(u32, Fr)]) -> bool {
    lc.windows(2).all(|p| p[0].0 < p[1].0) && lc.iter().all(|t| !t.1.is_zero())
}

/// Sorted by wire id, repeated wires summed, zero coefficients dropped.
pub fn normalize(lc: &[(u32, Fr)]) -> Lc {
    let mut v = lc.to_vec();
    v.sort_by_key(|t| t.0);
    let mut out: Lc = Vec::with_capacity(v.len());
    for (w, c) in v {
        match out.last_mut() {
            Some(last) if last.0 == w => last.1 += c,
            _ => out.push((w, c)),
        }
    }
    out.retain(|t| !t.1.is_zero());
    out
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// x * y = z (z public output, wire 1), then z * z = t, with an out-of-order LC.
    pub(crate) fn sample() -> (R1cs, Vec<Fr>) {
        let one = Fr::one();
        let r1cs = R1cs {
            n_wires: 5,
            n_pub_out: 1,
            n_pub_in: 0,
            n_prv_in: 2,
            n_labels: 6,
            constraints: vec![
                (vec![(2, one)], vec![(3, one)], vec![(1, one)]),
                (
                    vec![(1, one)],
                    vec![(1, one)],
                    vec![(4, Fr::from(2u64)), (0, Fr::from(5u64)), (4, -one)],
                ),
            ],
            wire_to_label: vec![0, 1, 2, 3, 5],
        };
        // x = 3, y = 11, z = 33, t + 5 = 1089 -> t = 1084
        let w = [1u64, 33, 3, 11, 1084].map(Fr::from).to_vec();
        (r1cs, w)
    }

    #[test]
    fn roundtrip_normalizes_terms() {
        let (r1cs, w) = sample();
        let bytes = r1cs.to_bytes().unwrap();
        let back = R1cs::from_bytes(&bytes).unwrap();
        assert_eq!(
            back.constraints[1].2,
            vec![(0, Fr::from(5u64)), (4, Fr::one())]
        );
        assert_eq!(back.to_bytes().unwrap(), bytes);
        // circom's section order: constraints (2) first, then header (1), then map (3).
        assert_eq!(&bytes[12..16], &2u32.to_le_bytes());
        assert_eq!(back.check_witness(&w), Ok(()));
        assert_eq!(r1cs.check_witness(&w), Ok(()));
        let mut bad = w.clone();
        bad[4] += Fr::one();
        assert_eq!(back.is_satisfied(&bad), Err(1));
        assert!(matches!(
            back.check_witness(&bad),
            Err(Error::UnsatisfiedConstraint(_))
        ));
        assert!(matches!(
            back.check_witness(&w[..4]),
            Err(Error::InvalidInput(_))
        ));
        assert_eq!(back.is_satisfied(&w[..4]), Err(1));
    }

    #[test]
    fn rejects_bad_semantics() {
        let (mut r1cs, _) = sample();
        r1cs.constraints[0].0.push((5, Fr::one()));
        assert!(r1cs.to_bytes().is_err());
        let (mut r1cs, _) = sample();
        r1cs.wire_to_label[2] = 6;
        assert!(r1cs.to_bytes().is_err());
        let (mut r1cs, _) = sample();
        r1cs.n_prv_in = 4;
        assert!(r1cs.to_bytes().is_err());
    }

    #[test]
    fn parallel_check_finds_first_failure() {
        let one = Fr::one();
        let n = 5000u32;
        // w_i * w_i = w_i: every wire boolean.
        let r1cs = R1cs {
            n_wires: n + 1,
            n_pub_out: 0,
            n_pub_in: 0,
            n_prv_in: 0,
            n_labels: n as u64 + 1,
            constraints: (1..=n)
                .map(|i| (vec![(i, one)], vec![(i, one)], vec![(i, one)]))
                .collect(),
            wire_to_label: (0..=n as u64).collect(),
        };
        let mut w = vec![one; n as usize + 1];
        assert_eq!(r1cs.is_satisfied(&w), Ok(()));
        w[4000] = Fr::from(7u64);
        assert_eq!(r1cs.is_satisfied(&w), Err(3999));
        w[3000] = Fr::from(7u64);
        assert_eq!(r1cs.is_satisfied(&w), Err(2999));
        w[1] = Fr::from(2u64);
        assert_eq!(r1cs.is_satisfied(&w), Err(0));
    }
}
