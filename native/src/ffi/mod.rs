//! The only `extern "C"` code of the crate: the FFI seam.
//!
//! Conventions, shared by every entry point:
//! - each function returns an [`MzStatus`]; results go through out-pointers;
//! - no panic crosses the boundary: every body runs inside [`guard`], which turns a panic
//!   into `MZ_STATUS_PANIC` and stores a message retrievable with [`mz_last_error`];
//! - byte results are [`MzBuffer`]s owned by Rust and released with [`mz_buffer_free`];
//! - long-lived native objects are opaque handles, each type with exactly one `*_free`;
//! - scalar arrays cross as 32-byte little-endian words (normal form, < r unless stated).
use std::cell::RefCell;
use std::panic::{catch_unwind, AssertUnwindSafe};

use crate::error::Error;

pub mod bn254;
pub mod bytes;
pub mod fft;
pub mod formats;
pub mod groth16;
pub mod hash;
pub mod witness;
pub mod zkey;
pub use bytes::*;

/// Status of an FFI call. Zero is success; every other value has a message in
/// [`mz_last_error`].
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MzStatus {
    Ok = 0,
    InvalidInput = 1,
    InvalidEncoding = 2,
    NotOnCurve = 3,
    NotInSubgroup = 4,
    InvalidProof = 5,
    UnsatisfiedConstraint = 6,
    NullPointer = 7,
    /// A bug in the native core (a caught panic). Never expected; always reported.
    Panic = 99,
}

impl From<&Error> for MzStatus {
    fn from(e: &Error) -> Self {
        match e {
            Error::InvalidInput(_) => MzStatus::InvalidInput,
            Error::InvalidEncoding(_) => MzStatus::InvalidEncoding,
            Error::NotOnCurve(_) => MzStatus::NotOnCurve,
            Error::NotInSubgroup(_) => MzStatus::NotInSubgroup,
            Error::InvalidProof(_) => MzStatus::InvalidProof,
            Error::UnsatisfiedConstraint(_) => MzStatus::UnsatisfiedConstraint,
        }
    }
}

thread_local! {
    static LAST_ERROR: RefCell<String> = const { RefCell::new(String::new()) };
}

fn set_last_error(msg: String) {
    LAST_ERROR.with(|e| *e.borrow_mut() = msg);
}

/// Runs an FFI body: converts `Err` and panics into a status and a stored message.
pub(crate) fn guard<F>(f: F) -> MzStatus
where
    F: FnOnce() -> Result<(), Error>,
{
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(Ok(())) => MzStatus::Ok,
        Ok(Err(e)) => {
            let status = MzStatus::from(&e);
            set_last_error(e.message().to_owned());
            status
        }
        Err(payload) => {
            let msg = if let Some(s) = payload.downcast_ref::<&str>() {
                (*s).to_owned()
            } else if let Some(s) = payload.downcast_ref::<String>() {
                s.clone()
            } else {
                "unknown panic".to_owned()
            };
            set_last_error(format!("internal error in native core: {msg}"));
            MzStatus::Panic
        }
    }
}

/// Runs a `*_free` body: a drop cannot fail, but even so no unwind may cross the boundary.
pub(crate) fn guard_free<F: FnOnce()>(f: F) {
    let _ = catch_unwind(AssertUnwindSafe(f));
}

/// Copies the message of the last failed call on this thread into `out`
/// (UTF-8, not NUL-terminated). Free it with [`mz_buffer_free`].
///
/// # Safety
/// `out` must be a valid pointer to an `MzBuffer`.
#[no_mangle]
pub unsafe extern "C" fn mz_last_error(out: *mut MzBuffer) -> MzStatus {
    guard(|| {
        let msg = LAST_ERROR.with(|e| e.borrow().clone());
        write_out(out, MzBuffer::from_vec(msg.into_bytes()))
    })
}

/// Version of the native core, as "major.minor.patch" bytes.
///
/// # Safety
/// `out` must be a valid pointer to an `MzBuffer`.
#[no_mangle]
pub unsafe extern "C" fn mz_version(out: *mut MzBuffer) -> MzStatus {
    guard(|| {
        write_out(
            out,
            MzBuffer::from_vec(env!("CARGO_PKG_VERSION").as_bytes().to_vec()),
        )
    })
}

/// Number of worker threads the native core uses.
///
/// # Safety
/// `out` must be a valid pointer.
#[no_mangle]
pub unsafe extern "C" fn mz_num_threads(out: *mut usize) -> MzStatus {
    guard(|| write_out(out, rayon::current_num_threads()))
}

/// Test hook: panics inside the guard, so the Python tests can show that a native panic
/// becomes a typed exception instead of aborting the process.
#[no_mangle]
pub extern "C" fn mz_debug_panic() -> MzStatus {
    guard(|| panic!("deliberate panic (mz_debug_panic)"))
}

/// Test hook: waits until the byte at `flag` becomes non-zero or `timeout_ms` passes
/// (then `MZ_STATUS_INVALID_INPUT`). The Python tests set the flag from another thread
/// while this call runs, which they can only do if the call released the GIL.
///
/// # Safety
/// `flag` must point to one byte that stays valid for the whole call.
#[no_mangle]
pub unsafe extern "C" fn mz_debug_wait_flag(flag: *const u8, timeout_ms: u64) -> MzStatus {
    guard(|| {
        if flag.is_null() {
            return Err(crate::error::invalid("null flag"));
        }
        let deadline = std::time::Instant::now() + std::time::Duration::from_millis(timeout_ms);
        while std::ptr::read_volatile(flag) == 0 {
            if std::time::Instant::now() >= deadline {
                return Err(crate::error::invalid("flag not set before the timeout"));
            }
            std::thread::sleep(std::time::Duration::from_micros(200));
        }
        Ok(())
    })
}
