//! FFI for Groth16: proving-key handles (from setup or a `.zkey`), proving, verifying.
//!
//! Proofs cross as 256 bytes (A ‖ B ‖ C, big-endian uncompressed points); verifying keys as
//! the layout of `crate::groth16::encoding`; public inputs and witnesses as 32-byte
//! little-endian words `< r` (as every scalar array of this FFI).
use ark_bn254::Fr;

use super::bytes::{expect_len, slice, slice_mut, write_out, MzBuffer};
use super::witness::MzCircuit;
use super::{guard, guard_free, MzStatus};
use crate::bn254::encoding::{fr_write_le, gt_to_bytes, GT_BYTES};
use crate::bn254::ops::scalars_from_le;
use crate::error::{invalid, Error, Result};
use crate::groth16::encoding::{
    proof_from_bytes, proof_to_bytes, vk_from_bytes, vk_to_bytes, PROOF_BYTES,
};
use crate::groth16::{prove, prove_circuit, setup, PreparedVerifyingKey, Proof, ProvingKey};
use crate::witness::Lc;

/// A proving key. Free with [`mz_proving_key_free`].
pub struct MzProvingKey(pub(crate) ProvingKey);

/// A verifying key, checked and prepared for repeated verification. Free with
/// [`mz_verifying_key_free`].
pub struct MzVerifyingKey(pub(crate) PreparedVerifyingKey);

/// Frees a proving key. Null is allowed.
///
/// # Safety
/// `pk` must come from this library and must not be used afterwards.
#[no_mangle]
pub unsafe extern "C" fn mz_proving_key_free(pk: *mut MzProvingKey) {
    guard_free(|| {
        if !pk.is_null() {
            drop(Box::from_raw(pk));
        }
    })
}

/// Frees a verifying key. Null is allowed.
///
/// # Safety
/// `vk` must come from this library and must not be used afterwards.
#[no_mangle]
pub unsafe extern "C" fn mz_verifying_key_free(vk: *mut MzVerifyingKey) {
    guard_free(|| {
        if !vk.is_null() {
            drop(Box::from_raw(vk));
        }
    })
}

unsafe fn pk_ref<'a>(pk: *const MzProvingKey) -> Result<&'a ProvingKey> {
    Ok(&pk.as_ref().ok_or_else(|| invalid("null proving key"))?.0)
}

unsafe fn vk_ref<'a>(vk: *const MzVerifyingKey) -> Result<&'a PreparedVerifyingKey> {
    Ok(&vk.as_ref().ok_or_else(|| invalid("null verifying key"))?.0)
}

unsafe fn proof_out(out: *mut u8, p: &Proof) -> Result<()> {
    slice_mut(out, PROOF_BYTES)?.copy_from_slice(&proof_to_bytes(p));
    Ok(())
}

fn words_out(xs: &[Fr]) -> MzBuffer {
    let mut bytes = vec![0u8; 32 * xs.len()];
    for (f, chunk) in xs.iter().zip(bytes.chunks_exact_mut(32)) {
        fr_write_le(f, chunk);
    }
    MzBuffer::from_vec(bytes)
}

/// Groth16 setup for a loaded circuit whose wires 1..=`n_public` are public, with toxic
/// waste from the OS CSPRNG (dropped before returning). The key is what snarkjs's
/// `zkey new` plus one phase-2 contribution would give.
///
/// # Safety
/// `circuit` must be a live circuit; `out` must be valid.
#[no_mangle]
pub unsafe extern "C" fn mz_groth16_setup(
    circuit: *const MzCircuit,
    n_public: usize,
    out: *mut *mut MzProvingKey,
) -> MzStatus {
    guard(|| {
        let c = &circuit.as_ref().ok_or_else(|| invalid("null circuit"))?.0;
        let pk = setup(c.r1cs.n_wires, &c.r1cs.constraints, n_public)?;
        write_out(out, Box::into_raw(Box::new(MzProvingKey(pk))))
    })
}

/// Groth16 setup for a circom `.r1cs` (its public outputs and inputs are the public
/// signals), with toxic waste from the OS CSPRNG (dropped before returning).
///
/// # Safety
/// `r1cs` must point to `r1cs_len` readable bytes; `out` must be valid.
#[no_mangle]
pub unsafe extern "C" fn mz_groth16_setup_r1cs(
    r1cs: *const u8,
    r1cs_len: usize,
    out: *mut *mut MzProvingKey,
) -> MzStatus {
    guard(|| {
        let r = crate::formats::r1cs::R1cs::from_bytes(slice(r1cs, r1cs_len)?)?;
        let constraints: Vec<_> = r
            .constraints
            .into_iter()
            .map(|(a, b, c)| (Lc(a), Lc(b), Lc(c)))
            .collect();
        let pk = setup(
            r.n_wires as usize,
            &constraints,
            r.n_pub_out as usize + r.n_pub_in as usize,
        )?;
        write_out(out, Box::into_raw(Box::new(MzProvingKey(pk))))
    })
}

/// Sizes of a proving key: wires (wire 0 included), public inputs, domain size.
///
/// # Safety
/// `pk` must be a live proving key; the out-pointers must be valid.
#[no_mangle]
pub unsafe extern "C" fn mz_proving_key_sizes(
    pk: *const MzProvingKey,
    n_vars: *mut usize,
    n_public: *mut usize,
    domain_size: *mut usize,
) -> MzStatus {
    guard(|| {
        let pk = pk_ref(pk)?;
        write_out(n_vars, pk.n_vars)?;
        write_out(n_public, pk.n_public)?;
        write_out(domain_size, pk.domain_size)
    })
}

/// The verifying key of a proving key, in the binary layout of `groth16::encoding`.
///
/// # Safety
/// `pk` must be a live proving key; `out` must be valid.
#[no_mangle]
pub unsafe extern "C" fn mz_proving_key_verifying_key(
    pk: *const MzProvingKey,
    out: *mut MzBuffer,
) -> MzStatus {
    guard(|| {
        let pk = pk_ref(pk)?;
        write_out(out, MzBuffer::from_vec(vk_to_bytes(&pk.verifying_key())))
    })
}

/// Decodes (every point checked: curve and subgroup) and prepares a verifying key.
///
/// # Safety
/// `data` must point to `len` readable bytes; `out` must be valid.
#[no_mangle]
pub unsafe extern "C" fn mz_verifying_key_new(
    data: *const u8,
    len: usize,
    out: *mut *mut MzVerifyingKey,
) -> MzStatus {
    guard(|| {
        let vk = vk_from_bytes(slice(data, len)?)?;
        let p = PreparedVerifyingKey::new(vk)?;
        write_out(out, Box::into_raw(Box::new(MzVerifyingKey(p))))
    })
}

/// The number of public inputs a verifying key takes.
///
/// # Safety
/// `vk` must be a live verifying key; `out` must be valid.
#[no_mangle]
pub unsafe extern "C" fn mz_verifying_key_n_public(
    vk: *const MzVerifyingKey,
    out: *mut usize,
) -> MzStatus {
    guard(|| write_out(out, vk_ref(vk)?.n_public()))
}

/// e(alpha1, beta2) (snarkjs's `vk_alphabeta_12`), 384 bytes in the GT encoding of
/// `bn254::encoding`.
///
/// # Safety
/// `vk` must be a live verifying key; `out` must point to 384 writable bytes.
#[no_mangle]
pub unsafe extern "C" fn mz_verifying_key_alphabeta(
    vk: *const MzVerifyingKey,
    out: *mut u8,
) -> MzStatus {
    guard(|| {
        let x = gt_to_bytes(&vk_ref(vk)?.alpha_beta);
        slice_mut(out, GT_BYTES)?.copy_from_slice(&x);
        Ok(())
    })
}

/// Proves with a full witness (`n_vars` words, wire 0 = 1), writing the 256-byte proof.
/// The key holds no C matrix, so the proof is verified before it is returned: a witness
/// that violates the constraints fails with `UNSATISFIED_CONSTRAINT` and no proof.
///
/// # Safety
/// `pk` must be a live proving key; `witness` must point to `witness_len` readable bytes;
/// `proof` to 256 writable bytes.
#[no_mangle]
pub unsafe extern "C" fn mz_groth16_prove(
    pk: *const MzProvingKey,
    witness: *const u8,
    witness_len: usize,
    proof: *mut u8,
) -> MzStatus {
    guard(|| {
        let pk = pk_ref(pk)?;
        let w = scalars_from_le(slice(witness, witness_len)?)?;
        let p = prove(pk, &w)?;
        let n = pk.n_public;
        if w.len() != pk.n_vars
            || !PreparedVerifyingKey::new(pk.verifying_key())?.verify(&w[1..=n], &p)?
        {
            return Err(Error::UnsatisfiedConstraint(
                "the witness does not satisfy the key's constraints (its proof does not verify)"
                    .into(),
            ));
        }
        proof_out(proof, &p)
    })
}

/// Runs the circuit's witness program on `inputs` (n_inputs words, public first) and
/// proves, in one call. Writes the 256-byte proof and the public inputs (n_public words).
/// Fails with `UNSATISFIED_CONSTRAINT` (and no proof) when the inputs violate a constraint.
///
/// # Safety
/// `pk` and `circuit` must be live; `inputs` must point to `inputs_len` readable bytes;
/// `proof` to 256 writable bytes; `public` must be valid.
#[no_mangle]
pub unsafe extern "C" fn mz_groth16_prove_circuit(
    pk: *const MzProvingKey,
    circuit: *const MzCircuit,
    inputs: *const u8,
    inputs_len: usize,
    proof: *mut u8,
    public: *mut MzBuffer,
) -> MzStatus {
    guard(|| {
        let pk = pk_ref(pk)?;
        let c = &circuit.as_ref().ok_or_else(|| invalid("null circuit"))?.0;
        let xs = scalars_from_le(slice(inputs, inputs_len)?)?;
        let (p, pubs) = prove_circuit(pk, c, &xs)?;
        proof_out(proof, &p)?;
        write_out(public, words_out(&pubs))
    })
}

/// Verifies one proof: `ok` is set to whether it is valid. Public inputs: n_public words
/// (a word `>= r` fails with `INVALID_ENCODING`); the proof: 256 bytes, every point checked
/// (off-curve or outside the subgroup: an error status).
///
/// # Safety
/// `vk` must be live; the data pointers must point to the given numbers of readable bytes;
/// `ok` must be valid.
#[no_mangle]
pub unsafe extern "C" fn mz_groth16_verify(
    vk: *const MzVerifyingKey,
    public: *const u8,
    public_len: usize,
    proof: *const u8,
    proof_len: usize,
    ok: *mut bool,
) -> MzStatus {
    guard(|| {
        write_out(ok, false)?;
        let vk = vk_ref(vk)?;
        let pubs = scalars_from_le(slice(public, public_len)?)?;
        let p = proof_from_bytes(slice(proof, proof_len)?)?;
        write_out(ok, vk.verify(&pubs, &p)?)
    })
}

/// Verifies `count` proofs of one key at once (random linear combination, one final
/// exponentiation). `public`: count × n_public words; `proofs`: count × 256 bytes. `bad`
/// receives the indices of the invalid proofs as u64 little-endian (empty: all valid).
///
/// # Safety
/// `vk` must be live; the data pointers must point to the given numbers of readable bytes;
/// `bad` must be valid.
#[no_mangle]
pub unsafe extern "C" fn mz_groth16_batch_verify(
    vk: *const MzVerifyingKey,
    public: *const u8,
    public_len: usize,
    proofs: *const u8,
    proofs_len: usize,
    count: usize,
    bad: *mut MzBuffer,
) -> MzStatus {
    guard(|| {
        let vk = vk_ref(vk)?;
        let np = vk.n_public();
        let pub_bytes = slice(public, public_len)?;
        let proof_bytes = slice(proofs, proofs_len)?;
        let want_pub = count
            .checked_mul(np * 32)
            .ok_or_else(|| invalid("batch verify: count too large"))?;
        expect_len("batch verify: public inputs", pub_bytes.len(), want_pub)?;
        expect_len(
            "batch verify: proofs",
            proof_bytes.len(),
            count * PROOF_BYTES,
        )?;
        let pubs = scalars_from_le(pub_bytes)?;
        let items = (0..count)
            .map(|i| {
                let p = proof_from_bytes(&proof_bytes[i * PROOF_BYTES..(i + 1) * PROOF_BYTES])?;
                Ok((pubs[i * np..(i + 1) * np].to_vec(), p))
            })
            .collect::<Result<Vec<_>>>()?;
        let idx = vk.batch_verify(&items)?;
        let bytes: Vec<u8> = idx.iter().flat_map(|&i| (i as u64).to_le_bytes()).collect();
        write_out(bad, MzBuffer::from_vec(bytes))
    })
}
