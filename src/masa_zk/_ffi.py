"""The FFI seam: the only module that touches the cffi ``ffi``/``lib`` of the native core.

Conventions (mirrored in ``native/src/ffi/mod.rs``):

* every native function returns an ``MzStatus``; :func:`check` turns a non-zero status into
  the matching exception of :mod:`masa_zk.errors`, with the native message;
* byte results come back as ``MzBuffer``; :func:`take_buffer` copies them into ``bytes``
  and frees the native buffer at once;
* opaque handles are wrapped with ``ffi.gc`` at the point they enter Python, with their
  one ``*_free``;
* cffi releases the GIL around every native call, so long calls do not block other threads.

Everything above this module speaks Python types (``int``, ``bytes``, numpy arrays).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from masa_zk import errors
from masa_zk._native import ffi, lib

_STATUS_ERRORS: dict[int, type[errors.MasaZKError]] = {
    lib.MZ_STATUS_INVALID_INPUT: errors.InvalidInput,
    lib.MZ_STATUS_INVALID_ENCODING: errors.InvalidEncoding,
    lib.MZ_STATUS_NOT_ON_CURVE: errors.NotOnCurve,
    lib.MZ_STATUS_NOT_IN_SUBGROUP: errors.NotInSubgroup,
    lib.MZ_STATUS_INVALID_PROOF: errors.InvalidProof,
    lib.MZ_STATUS_UNSATISFIED_CONSTRAINT: errors.UnsatisfiedConstraint,
    lib.MZ_STATUS_NULL_POINTER: errors.InvalidInput,
    lib.MZ_STATUS_PANIC: errors.NativeError,
}


def _last_error() -> str:
    buf = ffi.new("MzBuffer *")
    if lib.mz_last_error(buf) != lib.MZ_STATUS_OK:
        return "unknown native error"
    return take_buffer(buf).decode("utf-8", errors="replace")


def check(status: int) -> None:
    """Raise the exception that matches a non-zero native status."""
    if status == lib.MZ_STATUS_OK:
        return
    exc = _STATUS_ERRORS.get(status, errors.NativeError)
    raise exc(_last_error())


def take_buffer(buf: Any) -> bytes:
    """Copy an ``MzBuffer *`` filled by the native core into ``bytes`` and free it."""
    try:
        if buf.len == 0:
            return b""
        return bytes(ffi.buffer(buf.ptr, buf.len))
    finally:
        lib.mz_buffer_free(buf[0])


def call_bytes(fn: Callable[..., int], *args: Any) -> bytes:
    """Call ``fn(*args, MzBuffer *out)`` and return the buffer as ``bytes``."""
    buf = ffi.new("MzBuffer *")
    check(fn(*args, buf))
    return take_buffer(buf)


def out_bytes(fn: Callable[..., int], size: int, *args: Any) -> bytes:
    """Call ``fn(*args, uint8_t *out)`` that writes exactly ``size`` bytes."""
    out = ffi.new("uint8_t[]", size)
    check(fn(*args, out))
    return bytes(ffi.buffer(out, size))


def from_buffer(data: Any) -> Any:
    """Borrow a read-only C pointer on ``bytes``/``bytearray``/a contiguous numpy array."""
    return ffi.from_buffer("uint8_t[]", data)


# --- core --------------------------------------------------------------------------------


def version() -> str:
    """The native core's version."""
    return call_bytes(lib.mz_version).decode()


def num_threads() -> int:
    """How many worker threads the native core uses (``RAYON_NUM_THREADS`` sets it)."""
    out = ffi.new("uintptr_t *")
    check(lib.mz_num_threads(out))
    return int(out[0])


def debug_panic() -> None:
    """Trigger a caught panic in the native core (for tests of the seam)."""
    check(lib.mz_debug_panic())


# --- bn254: Fr, G1, G2, pairing, MSM ---------------------------------------------------------

# (end bn254)


# --- fft -------------------------------------------------------------------------------------


def fft_domain_new(log_n: int) -> Any:
    """A native FFT domain of size ``2**log_n`` (freed by the garbage collector)."""
    out = ffi.new("MzFftDomain **")
    check(lib.mz_fft_domain_new(log_n, out))
    return ffi.gc(out[0], lib.mz_fft_domain_free)


def fft_domain_omega(domain: Any) -> bytes:
    """The domain generator, 32 bytes little-endian."""
    return out_bytes(lib.mz_fft_domain_omega, 32, domain)


def fft_domain_elements(domain: Any, size: int) -> bytes:
    """omega^0 .. omega^(size-1), ``size`` 32-byte little-endian words."""
    out = ffi.new("uint8_t[]", 32 * size)
    check(lib.mz_fft_domain_elements(domain, out, 32 * size))
    return bytes(ffi.buffer(out, 32 * size))


def _writable(data: Any) -> Any:
    return ffi.from_buffer("uint8_t[]", data, require_writable=True)


def fft_forward(domain: Any, data: Any) -> None:
    """In place on a writable buffer of 32-byte LE words: coefficients -> evaluations."""
    buf = _writable(data)
    check(lib.mz_fft_forward(domain, buf, len(buf)))


def fft_inverse(domain: Any, data: Any) -> None:
    """In place: evaluations -> coefficients."""
    buf = _writable(data)
    check(lib.mz_fft_inverse(domain, buf, len(buf)))


def fft_coset_forward(domain: Any, shift: bytes, data: Any) -> None:
    """In place: coefficients -> evaluations on ``shift * H`` (shift: 32 bytes LE)."""
    if len(shift) != 32:
        raise errors.InvalidInput("coset shift must be 32 bytes")
    buf = _writable(data)
    check(lib.mz_fft_coset_forward(domain, from_buffer(shift), buf, len(buf)))


def fft_coset_inverse(domain: Any, shift: bytes, data: Any) -> None:
    """In place: evaluations on ``shift * H`` -> coefficients."""
    if len(shift) != 32:
        raise errors.InvalidInput("coset shift must be 32 bytes")
    buf = _writable(data)
    check(lib.mz_fft_coset_inverse(domain, from_buffer(shift), buf, len(buf)))


def fft_odd_coset_h(domain: Any, a: Any, b: Any, c: Any, out: Any) -> None:
    """Groth16 quotient step: ``out`` = A*B - C on the odd coset, from A, B, C on H."""
    bufs = [from_buffer(x) for x in (a, b, c)]
    dst = _writable(out)
    if any(len(x) != len(dst) for x in bufs):
        raise errors.InvalidInput("odd_coset_h: a, b, c and out must have the same length")
    check(lib.mz_fft_odd_coset_h(domain, *bufs, len(dst), dst))


# (end fft)


# --- poseidon, baby jubjub, eddsa ---------------------------------------------------------------

# (end poseidon, baby jubjub, eddsa)
