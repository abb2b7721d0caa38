//! The witness program and R1CS as they cross from Python: a flat little-endian byte format.
//!
//! ```text
//! coefs   := u32 n, n × [u8; 32] field element LE (< r)
//! lc      := u32 n_terms, n_terms × u32 wire, n_terms × u32 index into coefs
//! program := "MZWP" u32 version=2, u32 n_wires, u32 n_scratch, u32 n_inputs, u32 n_ops,
//!            coefs, n_ops × op, u32 n_checks, n_checks × u32 constraint (strictly increasing)
//!            (n_checks = u32::MAX and no list: check every constraint)
//! op      := u8 0 (LIN)  u32 out, lc                 w[out] = lc
//!          | u8 1 (MUL)  u32 out, lc a, lc b         w[out] = a · b
//!          | u8 2 (HINT) u8 kind, u32 param, u32 n_in, n_in × lc, u32 out_start, u32 n_out
//!                                                    w[out_start..+n_out] = hint(inputs)
//! r1cs    := "MZRC" u32 version=2, u32 n_wires, u32 n_constraints, coefs,
//!            n_constraints × (lc a, lc b, lc c)
//! ```
//! Wire 0 is the constant 1, wires 1..=n_inputs are the inputs (public first, as in circom);
//! the program must assign every other wire exactly once, reading only assigned wires.
//! Slots n_wires..n_wires+n_scratch are scratch registers: values the program computes once
//! and reads many times (a long linear combination used by several operations) that are not
//! wires of the R1CS. `checks` lists the constraints a witness run must verify; the others
//! restate an operation of the program (`a·b = out` of a MUL) and hold by construction.
//! [`Program::parse`] checks all of this once, so running it can never read a hole.
use crate::bn254::encoding::fr_from_le_word;
use ark_bn254::Fr;
use ark_ff::Field;

use super::hints::HintKind;
use crate::error::{invalid, Error, Result};

/// Refuse larger circuits before allocating for them (2^28 wires = 8 GiB of witness).
pub(crate) const MAX_WIRES: usize = 1 << 28;

/// A linear combination Σ cᵢ·w[iᵢ].
#[derive(Debug, Clone, PartialEq)]
pub struct Lc(pub Vec<(u32, Fr)>);

impl Lc {
    #[inline]
    pub fn eval(&self, w: &[Fr]) -> Fr {
        let mut acc = Fr::from(0u64);
        for (i, c) in &self.0 {
            // most coefficients are 1 (a wire, a register): an add instead of a product
            if *c == Fr::ONE {
                acc += w[*i as usize];
            } else {
                acc += w[*i as usize] * c;
            }
        }
        acc
    }
}

/// One instruction of the witness program.
#[derive(Debug, Clone, PartialEq)]
pub enum Op {
    Lin {
        out: u32,
        lc: Lc,
    },
    Mul {
        out: u32,
        a: Lc,
        b: Lc,
    },
    Hint {
        kind: HintKind,
        param: u32,
        inputs: Vec<Lc>,
        out_start: u32,
        n_out: u32,
    },
}

#[derive(Debug, Clone)]
pub struct Program {
    /// Wires of the R1CS (the witness), wire 0 included.
    pub n_wires: usize,
    /// Scratch registers after the wires.
    pub n_scratch: usize,
    pub n_inputs: usize,
    pub ops: Vec<Op>,
    /// The constraints a run checks (ascending); `None`: all of them.
    pub checks: Option<Vec<u32>>,
}

/// A rank-1 constraint system: A·B = C for every row.
#[derive(Debug, Clone)]
pub struct R1cs {
    pub n_wires: usize,
    pub constraints: Vec<(Lc, Lc, Lc)>,
}

/// A little-endian cursor that fails with `InvalidInput` instead of panicking.
pub(crate) struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
    /// The blob's coefficient table; terms name coefficients by index.
    coefs: Vec<Fr>,
}

impl<'a> Reader<'a> {
    pub(crate) fn new(buf: &'a [u8]) -> Self {
        Reader {
            buf,
            pos: 0,
            coefs: Vec::new(),
        }
    }

    /// Reads the coefficient table (`u32 n, n × 32-byte LE field element`).
    fn coef_table(&mut self) -> Result<()> {
        let n = self.u32()? as usize;
        if n > (self.buf.len() - self.pos) / 32 {
            return Err(invalid("coefficient table longer than the data"));
        }
        self.coefs = (0..n).map(|_| self.fr()).collect::<Result<_>>()?;
        Ok(())
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8]> {
        let end = self
            .pos
            .checked_add(n)
            .filter(|&e| e <= self.buf.len())
            .ok_or_else(|| invalid(format!("truncated data at byte {}", self.pos)))?;
        let s = &self.buf[self.pos..end];
        self.pos = end;
        Ok(s)
    }

    fn u8(&mut self) -> Result<u8> {
        Ok(self.take(1)?[0])
    }

    fn u32(&mut self) -> Result<u32> {
        Ok(u32::from_le_bytes(
            self.take(4)?.try_into().expect("4 bytes"),
        ))
    }

    fn fr(&mut self) -> Result<Fr> {
        fr_from_le(self.take(32)?)
    }

    fn lc(&mut self, n_wires: usize) -> Result<Lc> {
        let n = self.u32()? as usize;
        // Each term is 8 bytes: refuse absurd counts before allocating.
        if n > (self.buf.len() - self.pos) / 8 {
            return Err(invalid("linear combination longer than the data"));
        }
        let wires = self.take(4 * n)?;
        let ids = self.take(4 * n)?;
        let word = |b: &[u8]| u32::from_le_bytes(b.try_into().expect("4 bytes"));
        let mut terms = Vec::with_capacity(n);
        for (w, id) in wires.chunks_exact(4).zip(ids.chunks_exact(4)) {
            let (w, id) = (word(w), word(id));
            if w as usize >= n_wires {
                return Err(invalid(format!("wire {w} out of range ({n_wires} wires)")));
            }
            let c = self.coefs.get(id as usize).ok_or_else(|| {
                invalid(format!(
                    "coefficient {id} out of range ({})",
                    self.coefs.len()
                ))
            })?;
            terms.push((w, *c));
        }
        Ok(Lc(terms))
    }

    fn magic(&mut self, magic: &[u8; 4], version: u32) -> Result<()> {
        if self.take(4)? != magic {
            return Err(invalid(format!(
                "bad magic, expected {}",
                String::from_utf8_lossy(magic)
            )));
        }
        if self.u32()? != version {
            return Err(invalid("unsupported format version"));
        }
        Ok(())
    }

    fn finish(&self) -> Result<()> {
        if self.pos != self.buf.len() {
            return Err(invalid("trailing bytes after the data"));
        }
        Ok(())
    }
}

/// A canonical field element from 32 little-endian bytes.
pub fn fr_from_le(bytes: &[u8]) -> Result<Fr> {
    fr_from_le_word(bytes)
        .ok_or_else(|| Error::InvalidEncoding("field element is not below r".into()))
}

impl Program {
    /// Parses and validates a program (see the module docs for the rules).
    pub fn parse(bytes: &[u8]) -> Result<Program> {
        let mut r = Reader::new(bytes);
        r.magic(b"MZWP", 2)?;
        let n_real = r.u32()? as usize;
        let n_scratch = r.u32()? as usize;
        let n_inputs = r.u32()? as usize;
        let n_ops = r.u32()? as usize;
        r.coef_table()?;
        if n_inputs >= n_real {
            return Err(invalid("program: more inputs than wires"));
        }
        // all slots: wires, then scratch registers
        let n_wires = n_real.saturating_add(n_scratch);
        if n_wires > MAX_WIRES {
            return Err(invalid(format!("program: more than {MAX_WIRES} wires")));
        }
        let mut assigned = vec![false; n_wires];
        assigned[..=n_inputs].iter_mut().for_each(|a| *a = true);
        let check_reads = |lc: &Lc, assigned: &[bool]| -> Result<()> {
            match lc.0.iter().find(|(w, _)| !assigned[*w as usize]) {
                Some((w, _)) => Err(invalid(format!(
                    "program reads wire {w} before assigning it"
                ))),
                None => Ok(()),
            }
        };
        let assign = |w: u32, assigned: &mut [bool]| -> Result<()> {
            let slot = assigned
                .get_mut(w as usize)
                .ok_or_else(|| invalid(format!("output wire {w} out of range")))?;
            if *slot {
                return Err(invalid(format!("program assigns wire {w} twice")));
            }
            *slot = true;
            Ok(())
        };
        let mut ops = Vec::with_capacity(n_ops.min(bytes.len()));
        for _ in 0..n_ops {
            let op = match r.u8()? {
                0 => {
                    let out = r.u32()?;
                    let lc = r.lc(n_wires)?;
                    check_reads(&lc, &assigned)?;
                    assign(out, &mut assigned)?;
                    Op::Lin { out, lc }
                }
                1 => {
                    let out = r.u32()?;
                    let a = r.lc(n_wires)?;
                    let b = r.lc(n_wires)?;
                    check_reads(&a, &assigned)?;
                    check_reads(&b, &assigned)?;
                    assign(out, &mut assigned)?;
                    Op::Mul { out, a, b }
                }
                2 => {
                    let kind = HintKind::from_code(r.u8()?)?;
                    let param = r.u32()?;
                    let n_in = r.u32()? as usize;
                    let (want_in, n_out) = kind.arity(param)?;
                    if n_in != want_in {
                        return Err(invalid(format!(
                            "hint {kind:?} takes {want_in} inputs, got {n_in}"
                        )));
                    }
                    let inputs = (0..n_in)
                        .map(|_| r.lc(n_wires))
                        .collect::<Result<Vec<_>>>()?;
                    for lc in &inputs {
                        check_reads(lc, &assigned)?;
                    }
                    let out_start = r.u32()?;
                    if r.u32()? != n_out {
                        return Err(invalid(format!(
                            "hint {kind:?} with parameter {param} has {n_out} outputs"
                        )));
                    }
                    for k in 0..n_out {
                        let w = out_start
                            .checked_add(k)
                            .ok_or_else(|| invalid("output wire out of range"))?;
                        assign(w, &mut assigned)?;
                    }
                    Op::Hint {
                        kind,
                        param,
                        inputs,
                        out_start,
                        n_out,
                    }
                }
                t => return Err(invalid(format!("unknown program op {t}"))),
            };
            ops.push(op);
        }
        let checks = match r.u32()? {
            u32::MAX => None,
            n_checks => {
                let n_checks = n_checks as usize;
                if n_checks > (bytes.len() - r.pos) / 4 {
                    return Err(invalid("program: check list longer than the data"));
                }
                let mut checks: Vec<u32> = Vec::with_capacity(n_checks);
                for _ in 0..n_checks {
                    let i = r.u32()?;
                    if checks.last().is_some_and(|&prev| prev >= i) {
                        return Err(invalid("program: checks must be strictly increasing"));
                    }
                    checks.push(i);
                }
                Some(checks)
            }
        };
        r.finish()?;
        if let Some(w) = assigned.iter().position(|a| !a) {
            return Err(invalid(format!("program never assigns wire {w}")));
        }
        Ok(Program {
            n_wires: n_real,
            n_scratch,
            n_inputs,
            ops,
            checks,
        })
    }
}

impl R1cs {
    pub fn parse(bytes: &[u8]) -> Result<R1cs> {
        let mut r = Reader::new(bytes);
        r.magic(b"MZRC", 2)?;
        let n_wires = r.u32()? as usize;
        let n = r.u32()? as usize;
        r.coef_table()?;
        let mut constraints = Vec::with_capacity(n.min(bytes.len() / 12));
        for _ in 0..n {
            let a = r.lc(n_wires)?;
            let b = r.lc(n_wires)?;
            let c = r.lc(n_wires)?;
            constraints.push((a, b, c));
        }
        r.finish()?;
        Ok(R1cs {
            n_wires,
            constraints,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(n_wires: u32, n_inputs: u32, n_ops: u32) -> Vec<u8> {
        let mut v = b"MZWP".to_vec();
        for x in [2, n_wires, 0, n_inputs, n_ops, 1] {
            v.extend_from_slice(&x.to_le_bytes());
        }
        let mut one = [0u8; 32]; // the coefficient table: [1]
        one[0] = 1;
        v.extend_from_slice(&one);
        v
    }

    fn lc1(v: &mut Vec<u8>, wire: u32) {
        for x in [1, wire, 0] {
            v.extend_from_slice(&x.to_le_bytes());
        }
    }

    #[test]
    fn parses_a_product() {
        let mut p = header(3, 1, 1);
        p.push(1);
        p.extend_from_slice(&2u32.to_le_bytes());
        lc1(&mut p, 1);
        lc1(&mut p, 1);
        p.extend_from_slice(&0u32.to_le_bytes()); // no checks
        let prog = Program::parse(&p).unwrap();
        assert_eq!(prog.ops.len(), 1);
        // every prefix is refused, never a panic
        for n in 0..p.len() {
            assert!(Program::parse(&p[..n]).is_err());
        }
    }

    #[test]
    fn refuses_huge_or_inconsistent_sizes() {
        let no_checks = |mut v: Vec<u8>| {
            v.extend_from_slice(&0u32.to_le_bytes());
            v
        };
        assert!(Program::parse(&no_checks(header(u32::MAX, 1, 0))).is_err());
        assert!(Program::parse(&no_checks(header(2, 2, 0))).is_err());
        assert!(Program::parse(&no_checks(header(3, 1, 0))).is_err()); // wire 2 never assigned
        assert!(Program::parse(&no_checks(header(2, 1, 0))).is_ok());
        let mut unsorted = header(2, 1, 0);
        for x in [2u32, 5, 5] {
            unsorted.extend_from_slice(&x.to_le_bytes());
        }
        assert!(Program::parse(&unsorted).is_err());
    }
}
