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


def debug_new_flag() -> Any:
    """A one-byte native buffer for :func:`debug_wait_flag` (tests of GIL release)."""
    return ffi.new("uint8_t[1]")


def debug_wait_flag(flag: Any, timeout_ms: int) -> None:
    """Block in native code until ``flag[0]`` is non-zero; raise after ``timeout_ms``."""
    check(lib.mz_debug_wait_flag(flag, timeout_ms))


# --- bn254: Fr, G1, G2, pairing, MSM ---------------------------------------------------------

# Sizes of the canonical encodings (see native/src/bn254/encoding.rs).
G1_BYTES = 64
G1_COMPRESSED_BYTES = 32
G2_BYTES = 128
G2_COMPRESSED_BYTES = 64
GT_BYTES = 384


def _bn_op1(fn: Callable[..., int], size: int, a: Any) -> bytes:
    return out_bytes(fn, size, from_buffer(a), len(a))


def _bn_op2(fn: Callable[..., int], size: int, a: Any, b: Any) -> bytes:
    return out_bytes(fn, size, from_buffer(a), len(a), from_buffer(b), len(b))


def _bn_nbytes(data: Any) -> int:
    """Length in bytes of ``bytes`` or a contiguous numpy array."""
    return int(getattr(data, "nbytes", len(data)))


def _bn_bool2(fn: Callable[..., int], a: Any, b: Any) -> bool:
    out = ffi.new("bool *")
    check(fn(from_buffer(a), _bn_nbytes(a), from_buffer(b), _bn_nbytes(b), out))
    return bool(out[0])


def g1_decode(data: bytes) -> bytes:
    """Check a G1 encoding (64 or 32 bytes) and return its canonical uncompressed form."""
    return _bn_op1(lib.mz_g1_decode, G1_BYTES, data)


def g1_compress(p: bytes) -> bytes:
    return _bn_op1(lib.mz_g1_compress, G1_COMPRESSED_BYTES, p)


def g1_add(a: bytes, b: bytes) -> bytes:
    return _bn_op2(lib.mz_g1_add, G1_BYTES, a, b)


def g1_sub(a: bytes, b: bytes) -> bytes:
    return _bn_op2(lib.mz_g1_sub, G1_BYTES, a, b)


def g1_neg(a: bytes) -> bytes:
    return _bn_op1(lib.mz_g1_neg, G1_BYTES, a)


def g1_mul(p: bytes, scalar_le: bytes) -> bytes:
    return _bn_op2(lib.mz_g1_mul, G1_BYTES, p, scalar_le)


def g1_eq(a: bytes, b: bytes) -> bool:
    return _bn_bool2(lib.mz_g1_eq, a, b)


def g1_generator_mul_batch(scalars_le: Any) -> bytes:
    """``[s]G1`` for each 32-byte LE scalar word; the points concatenated (64 bytes each)."""
    return call_bytes(
        lib.mz_g1_generator_mul_batch, from_buffer(scalars_le), _bn_nbytes(scalars_le)
    )


def g1_msm(points: bytes, scalars_le: Any) -> bytes:
    return out_bytes(
        lib.mz_g1_msm,
        G1_BYTES,
        from_buffer(points),
        len(points),
        from_buffer(scalars_le),
        _bn_nbytes(scalars_le),
    )


def g1_bases_new(points: bytes) -> Any:
    """A native ``G1Bases`` handle (freed by the garbage collector)."""
    out = ffi.new("G1Bases **")
    check(lib.mz_g1_bases_new(from_buffer(points), len(points), out))
    return ffi.gc(out[0], lib.mz_g1_bases_free)


def g1_bases_len(handle: Any) -> int:
    out = ffi.new("uintptr_t *")
    check(lib.mz_g1_bases_len(handle, out))
    return int(out[0])


def g1_bases_msm(handle: Any, scalars_le: Any) -> bytes:
    return out_bytes(
        lib.mz_g1_bases_msm, G1_BYTES, handle, from_buffer(scalars_le), _bn_nbytes(scalars_le)
    )


def g2_decode(data: bytes) -> bytes:
    """Check a G2 encoding (128 or 64 bytes) and return its canonical uncompressed form."""
    return _bn_op1(lib.mz_g2_decode, G2_BYTES, data)


def g2_compress(p: bytes) -> bytes:
    return _bn_op1(lib.mz_g2_compress, G2_COMPRESSED_BYTES, p)


def g2_add(a: bytes, b: bytes) -> bytes:
    return _bn_op2(lib.mz_g2_add, G2_BYTES, a, b)


def g2_sub(a: bytes, b: bytes) -> bytes:
    return _bn_op2(lib.mz_g2_sub, G2_BYTES, a, b)


def g2_neg(a: bytes) -> bytes:
    return _bn_op1(lib.mz_g2_neg, G2_BYTES, a)


def g2_mul(p: bytes, scalar_le: bytes) -> bytes:
    return _bn_op2(lib.mz_g2_mul, G2_BYTES, p, scalar_le)


def g2_eq(a: bytes, b: bytes) -> bool:
    return _bn_bool2(lib.mz_g2_eq, a, b)


def g2_generator_mul_batch(scalars_le: Any) -> bytes:
    """``[s]G2`` for each 32-byte LE scalar word; the points concatenated (128 bytes each)."""
    return call_bytes(
        lib.mz_g2_generator_mul_batch, from_buffer(scalars_le), _bn_nbytes(scalars_le)
    )


def g2_msm(points: bytes, scalars_le: Any) -> bytes:
    return out_bytes(
        lib.mz_g2_msm,
        G2_BYTES,
        from_buffer(points),
        len(points),
        from_buffer(scalars_le),
        _bn_nbytes(scalars_le),
    )


def g2_bases_new(points: bytes) -> Any:
    """A native ``G2Bases`` handle (freed by the garbage collector)."""
    out = ffi.new("G2Bases **")
    check(lib.mz_g2_bases_new(from_buffer(points), len(points), out))
    return ffi.gc(out[0], lib.mz_g2_bases_free)


def g2_bases_len(handle: Any) -> int:
    out = ffi.new("uintptr_t *")
    check(lib.mz_g2_bases_len(handle, out))
    return int(out[0])


def g2_bases_msm(handle: Any, scalars_le: Any) -> bytes:
    return out_bytes(
        lib.mz_g2_bases_msm, G2_BYTES, handle, from_buffer(scalars_le), _bn_nbytes(scalars_le)
    )


def bn254_pairing(p: bytes, q: bytes) -> bytes:
    return _bn_op2(lib.mz_bn254_pairing, GT_BYTES, p, q)


def bn254_pairing_product(g1s: bytes, g2s: bytes) -> bytes:
    return _bn_op2(lib.mz_bn254_pairing_product, GT_BYTES, g1s, g2s)


def bn254_pairing_check(g1s: bytes, g2s: bytes) -> bool:
    return _bn_bool2(lib.mz_bn254_pairing_check, g1s, g2s)


def gt_check(a: bytes) -> None:
    """Raise unless ``a`` is a canonical encoding of an element of GT."""
    check(lib.mz_gt_check(from_buffer(a), len(a)))


def gt_mul(a: bytes, b: bytes) -> bytes:
    return _bn_op2(lib.mz_gt_mul, GT_BYTES, a, b)


def gt_pow(a: bytes, scalar_le: bytes) -> bytes:
    return _bn_op2(lib.mz_gt_pow, GT_BYTES, a, scalar_le)


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


# --- formats: .r1cs, .wtns ---------------------------------------------------------------------


def r1cs_from_bytes(data: bytes) -> Any:
    """A handle on a parsed and validated ``.r1cs`` file."""
    out = ffi.new("MzR1cs **")
    check(lib.mz_r1cs_from_bytes(from_buffer(data), len(data), out))
    return ffi.gc(out[0], lib.mz_r1cs_free)


def r1cs_new(counts: list[int], n_constraints: int, constraints: bytes, labels: bytes) -> Any:
    """A handle on an R1CS built from counts, section-2 constraint bytes and u64 LE labels."""
    c = ffi.new("uint64_t[5]", counts)
    out = ffi.new("MzR1cs **")
    check(
        lib.mz_r1cs_new(
            c,
            n_constraints,
            from_buffer(constraints),
            len(constraints),
            from_buffer(labels),
            len(labels),
            out,
        )
    )
    return ffi.gc(out[0], lib.mz_r1cs_free)


def r1cs_counts(h: Any) -> tuple[int, int, int, int, int, int]:
    """nWires, nPubOut, nPubIn, nPrvIn, nLabels, nConstraints."""
    out = ffi.new("uint64_t[6]")
    check(lib.mz_r1cs_counts(h, out))
    return (out[0], out[1], out[2], out[3], out[4], out[5])


def r1cs_to_bytes(h: Any) -> bytes:
    """The ``.r1cs`` file bytes in circom's layout."""
    return call_bytes(lib.mz_r1cs_to_bytes, h)


def r1cs_constraints(h: Any, start: int, count: int) -> bytes:
    """Constraints ``start .. start + count`` in the ``.r1cs`` section-2 layout."""
    return call_bytes(lib.mz_r1cs_constraints, h, start, count)


def r1cs_wire_to_label(h: Any) -> bytes:
    """The wire -> label map as nWires u64 LE values."""
    return call_bytes(lib.mz_r1cs_wire_to_label, h)


def r1cs_first_unsatisfied(h: Any, words: Any) -> int | None:
    """Index of the first constraint the witness (32-byte LE words) violates, or None."""
    buf = from_buffer(words)
    out = ffi.new("uint64_t *")
    check(lib.mz_r1cs_first_unsatisfied(h, buf, len(buf), out))
    i = int(out[0])
    return None if i == 2**64 - 1 else i


def r1cs_check(h: Any, words: Any) -> None:
    """Raise ``UnsatisfiedConstraint`` unless wire 0 = 1 and every constraint holds."""
    buf = from_buffer(words)
    check(lib.mz_r1cs_check(h, buf, len(buf)))


def wtns_read(data: bytes) -> bytes:
    """The witness of a ``.wtns`` file as 32-byte LE words (validated)."""
    return call_bytes(lib.mz_wtns_read, from_buffer(data), len(data))


def wtns_write(words: Any) -> bytes:
    """A ``.wtns`` file (version 2) from 32-byte LE words (each < r)."""
    buf = from_buffer(words)
    return call_bytes(lib.mz_wtns_write, buf, len(buf))


# (end formats)


# --- circuit: witness programs and R1CS ------------------------------------------------------

_NO_FAILURE = 2**64 - 1


def circuit_new(program: bytes, r1cs: bytes) -> Any:
    """A native ``MzCircuit`` (witness program + R1CS), freed by the garbage collector."""
    out = ffi.new("MzCircuit **")
    check(lib.mz_circuit_new(from_buffer(program), len(program), from_buffer(r1cs), len(r1cs), out))
    return ffi.gc(out[0], lib.mz_circuit_free)


def circuit_sizes(handle: Any) -> tuple[int, int, int]:
    """(wires, inputs, constraints) of a loaded circuit."""
    out = ffi.new("uintptr_t[3]")
    check(lib.mz_circuit_sizes(handle, out, out + 1, out + 2))
    return int(out[0]), int(out[1]), int(out[2])


def circuit_witness(handle: Any, inputs_le: bytes) -> tuple[bytes, int | None]:
    """Run the program on the inputs: (all wires as LE words, index of the first violated
    constraint or None). Other failures raise."""
    buf = ffi.new("MzBuffer *")
    failed = ffi.new("uint64_t *")
    status = lib.mz_circuit_witness(handle, from_buffer(inputs_le), len(inputs_le), buf, failed)
    data = take_buffer(buf)
    if status == lib.MZ_STATUS_UNSATISFIED_CONSTRAINT and failed[0] != _NO_FAILURE:
        _last_error()  # the message is rebuilt in Python with labels and lines
        return data, int(failed[0])
    check(status)
    return data, None


def circuit_check(handle: Any, witness_le: bytes) -> int | None:
    """Index of the first constraint the full witness violates, or None."""
    failed = ffi.new("uint64_t *")
    status = lib.mz_circuit_check(handle, from_buffer(witness_le), len(witness_le), failed)
    if status == lib.MZ_STATUS_UNSATISFIED_CONSTRAINT and failed[0] != _NO_FAILURE:
        return int(failed[0])
    check(status)
    return None


# (end circuit)


# --- groth16: proving keys, prove, verify ----------------------------------------------------


PROOF_BYTES = 256


def proving_key_handle(ptr: Any) -> Any:
    """Owns a native proving-key pointer (freed by the garbage collector)."""
    return ffi.gc(ptr, lib.mz_proving_key_free)


def groth16_setup(circuit: Any, n_public: int) -> Any:
    """A proving key for a loaded circuit (fresh OS randomness), as an owned handle."""
    out = ffi.new("MzProvingKey **")
    check(lib.mz_groth16_setup(circuit, n_public, out))
    return proving_key_handle(out[0])


def groth16_setup_r1cs(r1cs: bytes) -> Any:
    """A proving key for circom ``.r1cs`` bytes (fresh OS randomness), as an owned handle."""
    out = ffi.new("MzProvingKey **")
    check(lib.mz_groth16_setup_r1cs(from_buffer(r1cs), len(r1cs), out))
    return proving_key_handle(out[0])


def proving_key_sizes(pk: Any) -> tuple[int, int, int]:
    """(wires, public inputs, domain size) of a proving key."""
    out = ffi.new("uintptr_t[3]")
    check(lib.mz_proving_key_sizes(pk, out, out + 1, out + 2))
    return int(out[0]), int(out[1]), int(out[2])


def proving_key_verifying_key(pk: Any) -> bytes:
    """The verifying key of a proving key, in its binary layout."""
    return call_bytes(lib.mz_proving_key_verifying_key, pk)


def verifying_key_new(data: bytes) -> Any:
    """A checked, prepared native verifying key (freed by the garbage collector)."""
    out = ffi.new("MzVerifyingKey **")
    check(lib.mz_verifying_key_new(from_buffer(data), len(data), out))
    return ffi.gc(out[0], lib.mz_verifying_key_free)


def verifying_key_n_public(vk: Any) -> int:
    out = ffi.new("uintptr_t *")
    check(lib.mz_verifying_key_n_public(vk, out))
    return int(out[0])


def verifying_key_alphabeta(vk: Any) -> bytes:
    """e(alpha1, beta2) as 384 GT bytes."""
    return out_bytes(lib.mz_verifying_key_alphabeta, GT_BYTES, vk)


def groth16_prove(pk: Any, witness_le: Any) -> bytes:
    """A 256-byte proof from a full witness (LE words); the proof is verified natively
    before it is returned (UnsatisfiedConstraint otherwise)."""
    return out_bytes(
        lib.mz_groth16_prove, PROOF_BYTES, pk, from_buffer(witness_le), len(witness_le)
    )


def groth16_prove_circuit(pk: Any, circuit: Any, inputs_le: bytes) -> tuple[bytes, bytes]:
    """(256-byte proof, public inputs as LE words) from a circuit's inputs."""
    proof = ffi.new("uint8_t[]", PROOF_BYTES)
    buf = ffi.new("MzBuffer *")
    check(
        lib.mz_groth16_prove_circuit(
            pk, circuit, from_buffer(inputs_le), len(inputs_le), proof, buf
        )
    )
    return bytes(ffi.buffer(proof, PROOF_BYTES)), take_buffer(buf)


def groth16_verify(vk: Any, public_le: bytes, proof: bytes) -> bool:
    """Whether the proof (256 bytes) is valid for the public inputs (LE words)."""
    ok = ffi.new("bool *")
    check(
        lib.mz_groth16_verify(
            vk, from_buffer(public_le), len(public_le), from_buffer(proof), len(proof), ok
        )
    )
    return bool(ok[0])


def groth16_batch_verify(vk: Any, public_le: bytes, proofs: bytes, count: int) -> list[int]:
    """Indices of the invalid proofs among ``count`` (empty: all valid)."""
    data = call_bytes(
        lib.mz_groth16_batch_verify,
        vk,
        from_buffer(public_le),
        len(public_le),
        from_buffer(proofs),
        len(proofs),
        count,
    )
    return [int.from_bytes(data[i : i + 8], "little") for i in range(0, len(data), 8)]


# (end groth16)


# --- zkey / ptau files ------------------------------------------------------------------------


def _path_arg(path: str) -> tuple[Any, int]:
    b = path.encode("utf-8")
    return from_buffer(b), len(b)


def _new_key_out() -> Any:
    return ffi.new("MzProvingKey **")


def zkey_read_file(path: str) -> Any:
    """A proving-key handle from a ``.zkey`` file (memory-mapped, fully validated)."""
    out = _new_key_out()
    p, n = _path_arg(path)
    check(lib.mz_zkey_read_file(p, n, out))
    return proving_key_handle(out[0])


def zkey_read(data: bytes) -> Any:
    """A proving-key handle from ``.zkey`` bytes (fully validated)."""
    out = _new_key_out()
    check(lib.mz_zkey_read(from_buffer(data), len(data), out))
    return proving_key_handle(out[0])


def zkey_write(pk: Any) -> bytes:
    """The ``.zkey`` bytes of a proving key."""
    return call_bytes(lib.mz_zkey_write, pk)


def zkey_write_file(pk: Any, path: str) -> None:
    """Write a proving key to a ``.zkey`` file."""
    p, n = _path_arg(path)
    check(lib.mz_zkey_write_file(pk, p, n))


def zkey_sizes(pk: Any) -> tuple[int, int, int, int]:
    """nVars, nPublic, domainSize, number of A/B coefficients."""
    out = ffi.new("uint64_t[4]")
    check(lib.mz_zkey_sizes(pk, out))
    return int(out[0]), int(out[1]), int(out[2]), int(out[3])


def zkey_mpc(pk: Any) -> bytes:
    """Section 10 (circuit hash and contributions) of a key; empty if it has none."""
    return call_bytes(lib.mz_zkey_mpc, pk)


def ptau_info(path: str, full: bool) -> tuple[int, int, int, bool]:
    """power, ceremonyPower, number of contributions, prepared for phase 2."""
    out = ffi.new("uint64_t[4]")
    p, n = _path_arg(path)
    check(lib.mz_ptau_info(p, n, full, out))
    return int(out[0]), int(out[1]), int(out[2]), bool(out[3])


def zkey_setup_from_ptau(r1cs: bytes, ptau_path: str) -> Any:
    """snarkjs ``zkey new``: a key handle from ``.r1cs`` bytes and a prepared ``.ptau``."""
    out = _new_key_out()
    p, n = _path_arg(ptau_path)
    check(lib.mz_zkey_setup_from_ptau(from_buffer(r1cs), len(r1cs), p, n, out))
    return proving_key_handle(out[0])


def zkey_contribute(pk: Any, name: str, entropy: bytes) -> tuple[Any, bytes]:
    """A phase-2 contribution (OS randomness mixed with entropy): (new key, hash)."""
    out = _new_key_out()
    h = ffi.new("uint8_t[64]")
    nb = name.encode("utf-8")
    check(
        lib.mz_zkey_contribute(
            pk, from_buffer(nb), len(nb), from_buffer(entropy), len(entropy), out, h
        )
    )
    return proving_key_handle(out[0]), bytes(ffi.buffer(h, 64))


def zkey_beacon(pk: Any, name: str, beacon: bytes, exp: int) -> tuple[Any, bytes]:
    """A beacon contribution: (new key, hash)."""
    out = _new_key_out()
    h = ffi.new("uint8_t[64]")
    nb = name.encode("utf-8")
    check(
        lib.mz_zkey_beacon(
            pk, from_buffer(nb), len(nb), from_buffer(beacon), len(beacon), exp, out, h
        )
    )
    return proving_key_handle(out[0]), bytes(ffi.buffer(h, 64))


def zkey_verify(r1cs: bytes, ptau_path: str, pk: Any) -> bytes:
    """snarkjs ``zkey verify``; raises InvalidProof. Returns the encoded contributions."""
    p, n = _path_arg(ptau_path)
    return call_bytes(lib.mz_zkey_verify, from_buffer(r1cs), len(r1cs), p, n, pk)


def zkey_contributions(pk: Any) -> bytes:
    """The key's contribution chain, checked on its own; encoded as by zkey_verify."""
    return call_bytes(lib.mz_zkey_contributions, pk)


def ptau_new(power: int, out_path: str) -> None:
    """snarkjs ``powersoftau new``: a fresh ceremony file."""
    p, n = _path_arg(out_path)
    check(lib.mz_ptau_new(power, p, n))


def ptau_contribute(src: str, dst: str, name: str, entropy: bytes) -> bytes:
    """snarkjs ``powersoftau contribute``; returns the response hash."""
    a, na = _path_arg(src)
    b, nb = _path_arg(dst)
    nm = name.encode("utf-8")
    h = ffi.new("uint8_t[64]")
    check(
        lib.mz_ptau_contribute(
            a, na, b, nb, from_buffer(nm), len(nm), from_buffer(entropy), len(entropy), h
        )
    )
    return bytes(ffi.buffer(h, 64))


def ptau_beacon(src: str, dst: str, name: str, beacon: bytes, exp: int) -> bytes:
    """snarkjs ``powersoftau beacon``; returns the response hash."""
    a, na = _path_arg(src)
    b, nb = _path_arg(dst)
    nm = name.encode("utf-8")
    h = ffi.new("uint8_t[64]")
    check(
        lib.mz_ptau_beacon(
            a, na, b, nb, from_buffer(nm), len(nm), from_buffer(beacon), len(beacon), exp, h
        )
    )
    return bytes(ffi.buffer(h, 64))


def ptau_prepare_phase2(src: str, dst: str) -> None:
    """snarkjs ``powersoftau prepare phase2``."""
    a, na = _path_arg(src)
    b, nb = _path_arg(dst)
    check(lib.mz_ptau_prepare_phase2(a, na, b, nb))


def ptau_verify(path: str) -> bytes:
    """snarkjs ``powersoftau verify``; raises InvalidProof. Encoded contributions."""
    p, n = _path_arg(path)
    return call_bytes(lib.mz_ptau_verify, p, n)


# (end zkey / ptau files)


# --- solidity / evm -----------------------------------------------------------------------------

# (end solidity / evm)
