//! Byte buffers and pointer helpers shared by every FFI module.
use crate::error::{invalid, Error};

/// A byte buffer allocated by Rust and handed to the caller, who frees it with
/// [`mz_buffer_free`]. `ptr` is null when `len` is zero.
#[repr(C)]
pub struct MzBuffer {
    pub ptr: *mut u8,
    pub len: usize,
}

impl MzBuffer {
    pub fn from_vec(v: Vec<u8>) -> Self {
        if v.is_empty() {
            return MzBuffer {
                ptr: std::ptr::null_mut(),
                len: 0,
            };
        }
        let boxed = v.into_boxed_slice();
        let len = boxed.len();
        let ptr = Box::into_raw(boxed) as *mut u8;
        MzBuffer { ptr, len }
    }
}

/// Frees a buffer returned by any `mz_*` function. Safe to call on an empty buffer.
///
/// # Safety
/// `buf` must come from this library and must not be freed twice.
#[no_mangle]
pub unsafe extern "C" fn mz_buffer_free(buf: MzBuffer) {
    if !buf.ptr.is_null() && buf.len > 0 {
        drop(Box::from_raw(std::ptr::slice_from_raw_parts_mut(
            buf.ptr, buf.len,
        )));
    }
}

/// Borrows `len` bytes at `ptr` (null is allowed when `len` is zero).
///
/// # Safety
/// `ptr` must point to `len` readable bytes that outlive the returned slice.
pub(crate) unsafe fn slice<'a>(ptr: *const u8, len: usize) -> Result<&'a [u8], Error> {
    if len == 0 {
        return Ok(&[]);
    }
    if ptr.is_null() {
        return Err(invalid("null input pointer"));
    }
    Ok(std::slice::from_raw_parts(ptr, len))
}

/// Borrows `len` writable bytes at `ptr`.
///
/// # Safety
/// `ptr` must point to `len` writable bytes not aliased elsewhere.
pub(crate) unsafe fn slice_mut<'a>(ptr: *mut u8, len: usize) -> Result<&'a mut [u8], Error> {
    if len == 0 {
        return Ok(&mut []);
    }
    if ptr.is_null() {
        return Err(invalid("null output pointer"));
    }
    Ok(std::slice::from_raw_parts_mut(ptr, len))
}

/// Writes a result through an out-pointer.
///
/// # Safety
/// `out` must be null (an error) or valid for writes.
pub(crate) unsafe fn write_out<T>(out: *mut T, value: T) -> Result<(), Error> {
    if out.is_null() {
        return Err(invalid("null output pointer"));
    }
    out.write(value);
    Ok(())
}

/// Checks that a byte string has exactly the expected length.
pub(crate) fn expect_len(what: &str, got: usize, want: usize) -> Result<(), Error> {
    if got != want {
        return Err(invalid(format!("{what}: expected {want} bytes, got {got}")));
    }
    Ok(())
}
