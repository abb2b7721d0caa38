//! Witness generation: run a compiled circuit's witness program over `Fr`, then check the
//! R1CS (in parallel over constraints).
//!
//! The program and the R1CS come from the Python DSL as bytes (format in [`program`]);
//! Python runs once per circuit to build them, this module runs once per witness.
pub mod hints;
pub mod program;

use ark_bn254::Fr;
use ark_ff::{One, Zero};
use rayon::prelude::*;

pub use program::{fr_from_le, Lc, Op, Program, R1cs};

use crate::error::{invalid, Result};

/// A loaded circuit: its witness program and its constraints, checked to agree on wires.
#[derive(Debug, Clone)]
pub struct Circuit {
    pub program: Program,
    pub r1cs: R1cs,
}

impl Circuit {
    pub fn new(program: Program, r1cs: R1cs) -> Result<Circuit> {
        if program.n_wires != r1cs.n_wires {
            return Err(invalid(format!(
                "program has {} wires, R1CS has {}",
                program.n_wires, r1cs.n_wires
            )));
        }
        if let Some(&last) = program.checks.as_ref().and_then(|c| c.last()) {
            if last as usize >= r1cs.constraints.len() {
                return Err(invalid(format!(
                    "program checks constraint {last}, the R1CS has {}",
                    r1cs.constraints.len()
                )));
            }
        }
        Ok(Circuit { program, r1cs })
    }

    /// Runs the program on the inputs (wires 1..=n_inputs) and returns every wire (the
    /// scratch registers dropped).
    pub fn run(&self, inputs: &[Fr]) -> Result<Vec<Fr>> {
        let p = &self.program;
        if inputs.len() != p.n_inputs {
            return Err(invalid(format!(
                "expected {} inputs, got {}",
                p.n_inputs,
                inputs.len()
            )));
        }
        let mut w = vec![Fr::zero(); p.n_wires + p.n_scratch];
        w[0] = Fr::one();
        w[1..=p.n_inputs].copy_from_slice(inputs);
        let mut ins = Vec::new();
        for op in &p.ops {
            match op {
                Op::Lin { out, lc } => w[*out as usize] = lc.eval(&w),
                Op::Mul { out, a, b } => w[*out as usize] = a.eval(&w) * b.eval(&w),
                Op::Hint {
                    kind,
                    param,
                    inputs,
                    out_start,
                    n_out,
                } => {
                    ins.clear();
                    ins.extend(inputs.iter().map(|lc| lc.eval(&w)));
                    let s = *out_start as usize;
                    kind.run(*param, &ins, &mut w[s..s + *n_out as usize]);
                }
            }
        }
        w.truncate(p.n_wires);
        Ok(w)
    }

    /// Runs the program and checks the constraints it does not imply by construction
    /// (`Program::checks`): the witness and the first violated constraint, if any.
    pub fn witness(&self, inputs: &[Fr]) -> Result<(Vec<Fr>, Option<usize>)> {
        let w = self.run(inputs)?;
        let bad = match &self.program.checks {
            None => self.first_unsatisfied(&w)?,
            Some(checks) => checks
                .par_iter()
                .with_min_len(256)
                .map(|&i| i as usize)
                .find_first(|&i| {
                    let (a, b, c) = &self.r1cs.constraints[i];
                    a.eval(&w) * b.eval(&w) != c.eval(&w)
                }),
        };
        Ok((w, bad))
    }

    /// The index of the first constraint that `w` violates, or `None`.
    pub fn first_unsatisfied(&self, w: &[Fr]) -> Result<Option<usize>> {
        if w.len() != self.r1cs.n_wires {
            return Err(invalid(format!(
                "expected {} wire values, got {}",
                self.r1cs.n_wires,
                w.len()
            )));
        }
        if w[0] != Fr::one() {
            return Err(invalid("wire 0 must be 1"));
        }
        Ok(self
            .r1cs
            .constraints
            .par_iter()
            .with_min_len(256)
            .position_first(|(a, b, c)| a.eval(w) * b.eval(w) != c.eval(w)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lc(terms: &[(u32, u64)]) -> Lc {
        Lc(terms.iter().map(|&(w, c)| (w, Fr::from(c))).collect())
    }

    /// x (input 1) → y = x³ + x + 5 with wires 2 = x², 3 = x³, 4 = y.
    fn cubic() -> Circuit {
        let program = Program {
            n_wires: 5,
            n_scratch: 0,
            n_inputs: 1,
            checks: None,
            ops: vec![
                Op::Mul {
                    out: 2,
                    a: lc(&[(1, 1)]),
                    b: lc(&[(1, 1)]),
                },
                Op::Mul {
                    out: 3,
                    a: lc(&[(2, 1)]),
                    b: lc(&[(1, 1)]),
                },
                Op::Lin {
                    out: 4,
                    lc: lc(&[(3, 1), (1, 1), (0, 5)]),
                },
            ],
        };
        let r1cs = R1cs {
            n_wires: 5,
            constraints: vec![
                (lc(&[(1, 1)]), lc(&[(1, 1)]), lc(&[(2, 1)])),
                (lc(&[(2, 1)]), lc(&[(1, 1)]), lc(&[(3, 1)])),
                (lc(&[(3, 1), (1, 1), (0, 5)]), lc(&[(0, 1)]), lc(&[(4, 1)])),
            ],
        };
        Circuit::new(program, r1cs).unwrap()
    }

    #[test]
    fn runs_and_checks() {
        let c = cubic();
        let w = c.run(&[Fr::from(3u64)]).unwrap();
        assert_eq!(w[4], Fr::from(35u64));
        assert_eq!(c.first_unsatisfied(&w).unwrap(), None);
        let mut bad = w.clone();
        bad[3] += Fr::one();
        assert_eq!(c.first_unsatisfied(&bad).unwrap(), Some(1));
        assert!(c.run(&[]).is_err());
        assert!(c.first_unsatisfied(&w[..4]).is_err());
    }

    #[test]
    fn scratch_registers_and_checks() {
        // y = x³ + x + 5 with (x² + 1) computed once into scratch slot 5 and read twice
        let program = Program {
            n_wires: 5,
            n_scratch: 1,
            n_inputs: 1,
            ops: vec![
                Op::Mul {
                    out: 2,
                    a: lc(&[(1, 1)]),
                    b: lc(&[(1, 1)]),
                },
                Op::Lin {
                    out: 5,
                    lc: lc(&[(2, 1), (0, 1)]),
                },
                Op::Mul {
                    out: 3,
                    a: lc(&[(5, 1)]),
                    b: lc(&[(1, 1)]),
                },
                Op::Lin {
                    out: 4,
                    lc: lc(&[(3, 1), (0, 5)]),
                },
            ],
            checks: Some(vec![2]),
        };
        let r1cs = R1cs {
            n_wires: 5,
            constraints: vec![
                (lc(&[(1, 1)]), lc(&[(1, 1)]), lc(&[(2, 1)])),
                (lc(&[(2, 1), (0, 1)]), lc(&[(1, 1)]), lc(&[(3, 1)])),
                (lc(&[(3, 1), (0, 5)]), lc(&[(0, 1)]), lc(&[(4, 1), (0, 1)])),
            ],
        };
        let c = Circuit::new(program.clone(), r1cs.clone()).unwrap();
        let (w, bad) = c.witness(&[Fr::from(3u64)]).unwrap();
        assert_eq!(w.len(), 5); // the register is not part of the witness
        assert_eq!(w[3], Fr::from(30u64));
        // only the listed constraint is checked: #2 is false (35 != 36)
        assert_eq!(bad, Some(2));
        assert_eq!(c.first_unsatisfied(&w).unwrap(), Some(2));
        let mut out_of_range = program;
        out_of_range.checks = Some(vec![3]);
        assert!(Circuit::new(out_of_range, r1cs).is_err());
    }
}
