//! FFI for compiled circuits: load a witness program + R1CS, compute and check witnesses.
//!
//! Values cross as 32-byte little-endian words in normal form (< r, else `InvalidEncoding`).
//! When a witness violates a constraint the call fails with `MZ_STATUS_UNSATISFIED_CONSTRAINT`
//! and writes the index of the first violated constraint to `failed`, so the caller can name
//! the constraint's labels and source line.
use ark_bn254::Fr;

use super::bytes::{slice, write_out, MzBuffer};
use super::{guard, MzStatus};
use crate::bn254::encoding::fr_write_le;
use crate::error::{invalid, Error, Result};
use crate::witness::{fr_from_le, Circuit, Program, R1cs};

/// A loaded circuit (witness program and R1CS). Free with [`mz_circuit_free`].
pub struct MzCircuit(pub(crate) Circuit);

fn read_words(bytes: &[u8]) -> Result<Vec<Fr>> {
    if bytes.len() % 32 != 0 {
        return Err(invalid("expected a multiple of 32 bytes"));
    }
    bytes.chunks_exact(32).map(fr_from_le).collect()
}

fn unsatisfied(index: usize) -> Error {
    Error::UnsatisfiedConstraint(format!("constraint {index} is not satisfied"))
}

/// Loads a witness program and an R1CS (formats in `native/src/witness/program.rs`);
/// both are validated.
///
/// # Safety
/// The pointers must point to the given numbers of readable bytes; `out` must be valid.
#[no_mangle]
pub unsafe extern "C" fn mz_circuit_new(
    program: *const u8,
    program_len: usize,
    r1cs: *const u8,
    r1cs_len: usize,
    out: *mut *mut MzCircuit,
) -> MzStatus {
    guard(|| {
        let p = Program::parse(slice(program, program_len)?)?;
        let r = R1cs::parse(slice(r1cs, r1cs_len)?)?;
        let c = Circuit::new(p, r)?;
        write_out(out, Box::into_raw(Box::new(MzCircuit(c))))
    })
}

/// Frees a circuit from [`mz_circuit_new`]. Null is allowed.
///
/// # Safety
/// `c` must come from [`mz_circuit_new`] and must not be used afterwards.
#[no_mangle]
pub unsafe extern "C" fn mz_circuit_free(c: *mut MzCircuit) {
    super::guard_free(|| {
        if !c.is_null() {
            drop(Box::from_raw(c));
        }
    })
}

/// Numbers of wires, inputs (public and private, without wire 0) and constraints.
///
/// # Safety
/// `c` must be a live circuit; the out-pointers must be valid.
#[no_mangle]
pub unsafe extern "C" fn mz_circuit_sizes(
    c: *const MzCircuit,
    n_wires: *mut usize,
    n_inputs: *mut usize,
    n_constraints: *mut usize,
) -> MzStatus {
    guard(|| {
        let c = &c.as_ref().ok_or_else(|| invalid("null circuit"))?.0;
        write_out(n_wires, c.program.n_wires)?;
        write_out(n_inputs, c.program.n_inputs)?;
        write_out(n_constraints, c.r1cs.constraints.len())
    })
}

/// Computes the full witness from the inputs (n_inputs words, public first) and checks
/// every constraint the program does not imply by construction. The witness (n_wires words) is written to `out` even when a
/// constraint fails (then the status is `UNSATISFIED_CONSTRAINT` and `failed` holds its
/// index); `failed` is `UINT64_MAX` when all constraints hold.
///
/// # Safety
/// `c` must be a live circuit; `inputs` must point to `inputs_len` readable bytes;
/// `out` and `failed` must be valid.
#[no_mangle]
pub unsafe extern "C" fn mz_circuit_witness(
    c: *const MzCircuit,
    inputs: *const u8,
    inputs_len: usize,
    out: *mut MzBuffer,
    failed: *mut u64,
) -> MzStatus {
    guard(|| {
        write_out(failed, u64::MAX)?;
        let c = &c.as_ref().ok_or_else(|| invalid("null circuit"))?.0;
        let xs = read_words(slice(inputs, inputs_len)?)?;
        let (w, bad) = c.witness(&xs)?;
        let mut bytes = vec![0u8; 32 * w.len()];
        for (f, chunk) in w.iter().zip(bytes.chunks_exact_mut(32)) {
            fr_write_le(f, chunk);
        }
        write_out(out, MzBuffer::from_vec(bytes))?;
        match bad {
            Some(i) => {
                write_out(failed, i as u64)?;
                Err(unsatisfied(i))
            }
            None => Ok(()),
        }
    })
}

/// Checks a full witness (n_wires words, wire 0 = 1) against every constraint; on a
/// violation returns `UNSATISFIED_CONSTRAINT` with the first violated index in `failed`.
///
/// # Safety
/// `c` must be a live circuit; `witness` must point to `witness_len` readable bytes;
/// `failed` must be valid.
#[no_mangle]
pub unsafe extern "C" fn mz_circuit_check(
    c: *const MzCircuit,
    witness: *const u8,
    witness_len: usize,
    failed: *mut u64,
) -> MzStatus {
    guard(|| {
        write_out(failed, u64::MAX)?;
        let c = &c.as_ref().ok_or_else(|| invalid("null circuit"))?.0;
        let w = read_words(slice(witness, witness_len)?)?;
        match c.first_unsatisfied(&w)? {
            Some(i) => {
                write_out(failed, i as u64)?;
                Err(unsatisfied(i))
            }
            None => Ok(()),
        }
    })
}
