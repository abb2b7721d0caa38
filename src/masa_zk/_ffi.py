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

# (end fft)


# --- poseidon, baby jubjub, eddsa ---------------------------------------------------------------


def poseidon_hash(inputs: bytes, n: int) -> bytes:
    """Poseidon of ``n`` field elements (``n`` 32-byte LE words); 32 bytes LE."""
    return out_bytes(lib.mz_poseidon_hash, 32, from_buffer(inputs), n)


def poseidon_hash_batch_into(inputs: Any, rows: int, arity: int, out: Any) -> None:
    """Poseidon of ``rows`` rows of ``arity`` words at ``inputs``, into the writable ``out``."""
    dst = ffi.from_buffer("uint8_t[]", out, require_writable=True)
    if len(dst) != rows * 32:
        raise errors.InvalidInput(f"output buffer must hold {rows * 32} bytes")
    check(lib.mz_poseidon_hash_batch(from_buffer(inputs), rows, arity, dst))


def poseidon_constants(t: int) -> tuple[bytes, bytes]:
    """The round constants and the MDS matrix (row-major) of width ``t``, as LE words."""
    c = ffi.new("MzBuffer *")
    m = ffi.new("MzBuffer *")
    check(lib.mz_poseidon_constants(t, c, m))
    return take_buffer(c), take_buffer(m)


def babyjubjub_add(p: bytes, q: bytes) -> bytes:
    """Sum of two Baby Jubjub points (64-byte x || y LE words)."""
    return out_bytes(lib.mz_babyjubjub_add, 64, from_buffer(p), from_buffer(q))


def babyjubjub_mul(p: bytes, k: bytes) -> bytes:
    """``k · p`` for a 32-byte LE scalar ``k``."""
    return out_bytes(lib.mz_babyjubjub_mul, 64, from_buffer(p), from_buffer(k))


def babyjubjub_in_subgroup(p: bytes) -> bool:
    """Whether the point is in the subgroup of prime order l."""
    out = ffi.new("bool *")
    check(lib.mz_babyjubjub_in_subgroup(from_buffer(p), out))
    return bool(out[0])


def babyjubjub_pack(p: bytes) -> bytes:
    """The 32-byte circomlibjs packing of a point."""
    return out_bytes(lib.mz_babyjubjub_pack, 32, from_buffer(p))


def babyjubjub_unpack(packed: bytes, check_subgroup: bool) -> bytes:
    """A point (x || y) from its 32-byte packing; raises on any invalid encoding."""
    return out_bytes(lib.mz_babyjubjub_unpack, 64, from_buffer(packed), check_subgroup)


def blake512(data: bytes) -> bytes:
    """BLAKE-512 (the SHA-3 finalist) of ``data``."""
    return out_bytes(lib.mz_blake512, 64, from_buffer(data), len(data))


def eddsa_public_key(private_key: bytes) -> bytes:
    """The EdDSA-Poseidon public key (x || y) of a 32-byte private key."""
    return out_bytes(lib.mz_eddsa_public_key, 64, from_buffer(private_key), len(private_key))


def eddsa_sign(private_key: bytes, msg: bytes) -> bytes:
    """R8.x || R8.y || S (32-byte LE words) signing the field element ``msg`` (32 bytes LE)."""
    return out_bytes(
        lib.mz_eddsa_sign, 96, from_buffer(private_key), len(private_key), from_buffer(msg)
    )


def eddsa_verify(a: bytes, msg: bytes, r8: bytes, s: bytes) -> bool:
    """Whether (R8, S) is a valid signature of ``msg`` under the public key ``a``."""
    out = ffi.new("bool *")
    check(
        lib.mz_eddsa_verify(from_buffer(a), from_buffer(msg), from_buffer(r8), from_buffer(s), out)
    )
    return bool(out[0])


# (end poseidon, baby jubjub, eddsa)
