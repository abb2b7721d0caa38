//! FFI for Groth16: proving-key handles (from setup or a `.zkey`), proving, verifying.
use super::guard_free;
use crate::groth16::ProvingKey;

/// A proving key. Free with [`mz_proving_key_free`].
#[allow(dead_code)] // read by the prover and the .zkey writer
pub struct MzProvingKey(pub(crate) ProvingKey);

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
