"""The Groth16 protocol: setup, prove, verify and batch verify (all work in the native core).

>>> from masa_zk.circuit import Circuit, Private, Public, Scalar, compile
>>> from masa_zk import groth16
>>> class Product(Circuit):
...     c: Public[Scalar]
...     a: Private[Scalar]
...     b: Private[Scalar]
...     def define(self, api):
...         api.assert_equal(self.a * self.b, self.c)
>>> cs = compile(Product)
>>> pk, vk = groth16.setup(cs)
>>> proof, public = groth16.prove(pk, cs, {"a": 3, "b": 5, "c": 15})
>>> public, groth16.verify(vk, public, proof), groth16.verify(vk, [16], proof)
([15], True, False)
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from numbers import Integral
from typing import TYPE_CHECKING, Any

from masa_zk import _ffi
from masa_zk.bn254 import R
from masa_zk.errors import InvalidInput, UnsatisfiedConstraint
from masa_zk.formats.r1cs import R1CS
from masa_zk.groth16.keys import ProvingKey, VerifyingKey
from masa_zk.groth16.proof import Proof

if TYPE_CHECKING:
    from masa_zk.circuit.system import ConstraintSystem, Witness


def _public_words(vk: VerifyingKey, public: Sequence[int]) -> bytes | None:
    """The public inputs as LE words; None when one is outside [0, r) (a proof for such an
    input is rejected, as snarkjs and the Solidity verifier do)."""
    if isinstance(public, (str, bytes)) or not isinstance(public, Sequence):
        raise InvalidInput(f"public inputs must be a list of ints, got {type(public).__name__}")
    if len(public) != vk.n_public:
        raise InvalidInput(f"the key takes {vk.n_public} public inputs, got {len(public)}")
    out: list[bytes] = []
    for i, x in enumerate(public):
        if not isinstance(x, Integral) or isinstance(x, bool):
            raise InvalidInput(f"public input {i} must be an int, got {type(x).__name__}")
        if not 0 <= int(x) < R:
            return None
        out.append(int(x).to_bytes(32, "little"))
    return b"".join(out)


def setup(cs: ConstraintSystem) -> tuple[ProvingKey, VerifyingKey]:
    """A proving key and its verifying key for a compiled circuit.

    The toxic waste (tau, alpha, beta, delta) comes from the OS CSPRNG and is dropped
    inside the native call; gamma is the G2 generator, as in every snarkjs key. The key is
    what snarkjs's ``zkey new`` followed by one phase-2 contribution would give, so it can
    be written as a ``.zkey``. The public inputs are the circuit's public inputs
    (wires 1..n_public).

    >>> from masa_zk.circuit import Circuit, Private, Public, Scalar, compile
    >>> class Sq(Circuit):
    ...     y: Public[Scalar]
    ...     x: Private[Scalar]
    ...     def define(self, api):
    ...         api.assert_equal(self.x * self.x, self.y)
    >>> pk, vk = setup(compile(Sq))
    >>> pk.n_public, vk.n_public, pk.domain_size
    (1, 1, 4)
    """
    pk = ProvingKey(_ffi.groth16_setup(cs._handle(), cs.num_public_inputs))
    return pk, pk.verifying_key()


def setup_r1cs(r1cs: str | os.PathLike[str] | bytes | R1CS) -> tuple[ProvingKey, VerifyingKey]:
    """:func:`setup` for a circom ``.r1cs`` (a path, its bytes or an :class:`R1CS`); the
    public signals are its public outputs, then its public inputs, as in snarkjs.

    A single-party setup: whoever runs it could forge proofs if they kept the randomness
    (it is dropped here). For production keys run a ceremony (``masa-zk powersoftau …``,
    ``groth16 setup``, ``zkey contribute``).

    >>> from masa_zk.formats import R1CS
    >>> r = R1CS(n_wires=4, n_pub_out=1, n_prv_in=2, constraints=[({2: 1}, {3: 1}, {1: 1})])
    >>> pk, vk = setup_r1cs(r)
    >>> proof, public = prove_witness(pk, [1, 33, 3, 11])
    >>> public, verify(vk, public, proof)
    ([33], True)
    """
    if isinstance(r1cs, R1CS):
        data = r1cs.to_bytes()
    elif isinstance(r1cs, (bytes, bytearray, memoryview)):
        data = bytes(r1cs)
    else:
        with open(r1cs, "rb") as f:
            data = f.read()
    pk = ProvingKey(_ffi.groth16_setup_r1cs(data))
    return pk, pk.verifying_key()


def prove(
    pk: ProvingKey, cs: ConstraintSystem, inputs: Mapping[str, object]
) -> tuple[Proof, list[int]]:
    """Compute the witness from ``inputs`` and prove, in one native call.

    Returns the proof and the public inputs (what a verifier needs with the proof). Raises
    :class:`~masa_zk.errors.UnsatisfiedConstraint` (naming the constraint and the line that
    made it) when the inputs violate the circuit: no proof is ever made for a bad witness.

    >>> from masa_zk.circuit import Circuit, Private, Public, Scalar, compile
    >>> class Sq(Circuit):
    ...     y: Public[Scalar]
    ...     x: Private[Scalar]
    ...     def define(self, api):
    ...         api.assert_equal(self.x * self.x, self.y)
    >>> cs = compile(Sq)
    >>> pk, vk = setup(cs)
    >>> proof, public = prove(pk, cs, {"x": 4, "y": 16})
    >>> verify(vk, public, proof)
    True
    >>> prove(pk, cs, {"x": 4, "y": 15})
    Traceback (most recent call last):
    ...
    masa_zk.errors.UnsatisfiedConstraint: Sq: constraint #0 ...
    """
    if not isinstance(pk, ProvingKey):
        raise InvalidInput(f"pk must be a ProvingKey, got {type(pk).__name__}")
    words = cs.encode_inputs(inputs)
    try:
        proof, public = _ffi.groth16_prove_circuit(pk._handle, cs._handle(), words)
    except UnsatisfiedConstraint:
        cs.witness(inputs)  # raises the same failure, described with labels and lines
        raise
    n = len(public) // 32
    return Proof.from_bytes(proof), [
        int.from_bytes(public[32 * i : 32 * i + 32], "little") for i in range(n)
    ]


def _witness_words(witness: Witness | bytes | Sequence[int] | Any) -> bytes:
    data = getattr(witness, "data", None)
    if isinstance(data, bytes):  # a masa_zk Witness
        return data
    if isinstance(witness, (bytes, bytearray, memoryview)):
        return bytes(witness)
    nbytes = getattr(witness, "nbytes", None)
    if nbytes is not None:  # a numpy (n, 4) uint64 array
        import numpy as np

        arr = np.ascontiguousarray(witness, dtype="<u8")
        if arr.ndim != 2 or arr.shape[1] != 4:
            raise InvalidInput("a witness array must have shape (n_wires, 4)")
        return arr.tobytes()
    if isinstance(witness, Sequence) and not isinstance(witness, str):
        out = []
        for i, x in enumerate(witness):
            if not isinstance(x, Integral) or isinstance(x, bool) or not 0 <= int(x) < R:
                raise InvalidInput(f"witness value {i}: {x!r} is not a field element")
            out.append(int(x).to_bytes(32, "little"))
        return b"".join(out)
    raise InvalidInput(f"unsupported witness type {type(witness).__name__}")


def prove_witness(
    pk: ProvingKey, witness: Witness | bytes | Sequence[int] | Any
) -> tuple[Proof, list[int]]:
    """Prove with a full witness: a :class:`~masa_zk.circuit.Witness`, ``n_vars`` 32-byte
    little-endian words (a ``.wtns`` body), an ``(n_vars, 4)`` uint64 array, or ints.

    The proving key has no C matrix to check the witness against, so the proof is verified
    natively before it is returned: a witness that violates the constraints raises
    :class:`~masa_zk.errors.UnsatisfiedConstraint` and no proof leaves the call.

    >>> from masa_zk.circuit import Circuit, Private, Public, Scalar, compile
    >>> class Sq(Circuit):
    ...     y: Public[Scalar]
    ...     x: Private[Scalar]
    ...     def define(self, api):
    ...         api.assert_equal(self.x * self.x, self.y)
    >>> cs = compile(Sq)
    >>> pk, vk = setup(cs)
    >>> proof, public = prove_witness(pk, [1, 9, 3])
    >>> public, verify(vk, public, proof)
    ([9], True)
    """
    if not isinstance(pk, ProvingKey):
        raise InvalidInput(f"pk must be a ProvingKey, got {type(pk).__name__}")
    words = _witness_words(witness)
    proof = Proof.from_bytes(_ffi.groth16_prove(pk._handle, words))
    n = pk.n_public
    return proof, [int.from_bytes(words[32 * i : 32 * i + 32], "little") for i in range(1, n + 1)]


def verify(vk: VerifyingKey, public: Sequence[int], proof: Proof) -> bool:
    """Whether ``proof`` is valid for ``public`` under ``vk``.

    Public inputs outside [0, r) make it False (as in snarkjs and the Solidity verifier);
    a wrong number of them raises :class:`~masa_zk.errors.InvalidInput`. Proof points were
    checked (curve, subgroup) when the :class:`Proof` was built.

    >>> from masa_zk.circuit import Circuit, Private, Public, Scalar, compile
    >>> from masa_zk.bn254 import R
    >>> class Sq(Circuit):
    ...     y: Public[Scalar]
    ...     x: Private[Scalar]
    ...     def define(self, api):
    ...         api.assert_equal(self.x * self.x, self.y)
    >>> cs = compile(Sq)
    >>> pk, vk = setup(cs)
    >>> proof, public = prove(pk, cs, {"x": 3, "y": 9})
    >>> verify(vk, [9], proof), verify(vk, [9 + R], proof)
    (True, False)
    """
    if not isinstance(vk, VerifyingKey) or not isinstance(proof, Proof):
        raise InvalidInput("verify(vk: VerifyingKey, public: list[int], proof: Proof)")
    words = _public_words(vk, public)
    if words is None:
        return False
    return _ffi.groth16_verify(vk._handle(), words, proof.to_bytes())


@dataclass(frozen=True)
class BatchResult:
    """The outcome of :func:`batch_verify`: ``invalid`` lists the indices of the proofs
    that do not verify (empty when all do); truthy iff all are valid."""

    count: int
    invalid: tuple[int, ...]

    @property
    def ok(self) -> bool:
        return not self.invalid

    def __bool__(self) -> bool:
        return self.ok


def batch_verify(vk: VerifyingKey, items: Iterable[tuple[Sequence[int], Proof]]) -> BatchResult:
    """Verify many proofs of one key at once.

    One check for the whole batch (a random linear combination with 128-bit weights from
    the OS CSPRNG, one Miller loop per proof and one final exponentiation); if it fails,
    each proof is checked on its own so the result names the invalid ones. Entries with a
    public input outside [0, r) are invalid.

    >>> from masa_zk.circuit import Circuit, Private, Public, Scalar, compile
    >>> class Sq(Circuit):
    ...     y: Public[Scalar]
    ...     x: Private[Scalar]
    ...     def define(self, api):
    ...         api.assert_equal(self.x * self.x, self.y)
    >>> cs = compile(Sq)
    >>> pk, vk = setup(cs)
    >>> items = [prove(pk, cs, {"x": x, "y": x * x})[::-1] for x in range(4)]
    >>> bool(batch_verify(vk, items))
    True
    >>> items[2] = ([5], items[2][1])
    >>> batch_verify(vk, items)
    BatchResult(count=4, invalid=(2,))
    """
    if not isinstance(vk, VerifyingKey):
        raise InvalidInput(f"vk must be a VerifyingKey, got {type(vk).__name__}")
    bad_range: list[int] = []
    index: list[int] = []
    pubs: list[bytes] = []
    proofs: list[bytes] = []
    count = 0
    for i, item in enumerate(items):
        count += 1
        if not isinstance(item, (tuple, list)) or len(item) != 2:
            raise InvalidInput(f"batch item {i}: expected (public, proof)")
        public, proof = item
        if not isinstance(proof, Proof):
            raise InvalidInput(f"batch item {i}: expected a Proof, got {type(proof).__name__}")
        words = _public_words(vk, public)
        if words is None:
            bad_range.append(i)
            continue
        index.append(i)
        pubs.append(words)
        proofs.append(proof.to_bytes())
    bad = _ffi.groth16_batch_verify(vk._handle(), b"".join(pubs), b"".join(proofs), len(index))
    invalid = sorted(bad_range + [index[j] for j in bad])
    return BatchResult(count, tuple(invalid))
