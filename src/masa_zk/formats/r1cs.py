"""circom ``.r1cs`` files: rank-1 constraint systems in circom's wire layout.

Wire 0 is the constant 1, then ``n_pub_out`` public outputs, ``n_pub_in`` public inputs,
``n_prv_in`` private inputs, then internal wires. A constraint ``(a, b, c)`` of linear
combinations means ``<a, w> * <b, w> = <c, w>`` for the witness ``w``.

The system is parsed and held by the native core; Python sees the counts and, on request
(for inspection and small circuits), the constraints as lists of ``(wire, coefficient)``.

>>> # x * y = z with z a public output (wire 1), x and y private (wires 2, 3)
>>> r = R1CS(n_wires=4, n_pub_out=1, n_prv_in=2,
...          constraints=[({2: 1}, {3: 1}, {1: 1})])
>>> r.n_constraints, r.n_public
(1, 1)
>>> r.is_satisfied([1, 33, 3, 11])
True
>>> R1CS.from_bytes(r.to_bytes()).constraints()
[([(2, 1)], [(3, 1)], [(1, 1)])]
"""

from __future__ import annotations

import os
import struct
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TypeAlias

import numpy as np
import numpy.typing as npt

from masa_zk import _ffi
from masa_zk.bn254.fr import scalar_int
from masa_zk.errors import InvalidInput, UnsatisfiedConstraint
from masa_zk.formats.wtns import Witness, witness_words

#: A linear combination as given: ``{wire: coeff}`` or ``[(wire, coeff), ...]``; coefficients
#: are ints (reduced mod r, so ``-1`` means ``r - 1``) or :class:`~masa_zk.Fr`.
LinearCombination: TypeAlias = Mapping[int, Any] | Iterable[tuple[int, Any]]
#: A constraint as returned: three lists of ``(wire, coeff)`` with ``0 <= coeff < r``.
Constraint: TypeAlias = tuple[list[tuple[int, int]], list[tuple[int, int]], list[tuple[int, int]]]

__all__ = ["R1CS", "Constraint", "LinearCombination"]

_U32 = 2**32


def _encode_lc(lc: LinearCombination, where: str) -> bytes:
    items = list(lc.items()) if isinstance(lc, Mapping) else list(lc)
    parts = [struct.pack("<I", len(items))]
    for term in items:
        try:
            wire, coeff = term
        except (TypeError, ValueError):
            raise InvalidInput(f"{where}: a term must be a (wire, coeff) pair") from None
        if not isinstance(wire, int) or isinstance(wire, bool) or not 0 <= wire < _U32:
            raise InvalidInput(f"{where}: wire id must be an int in [0, 2^32), got {wire!r}")
        parts.append(struct.pack("<I", wire))
        parts.append(scalar_int(coeff).to_bytes(32, "little"))
    return b"".join(parts)


def _decode_constraints(data: bytes) -> list[Constraint]:
    out: list[Constraint] = []
    pos = 0
    while pos < len(data):
        lcs: list[list[tuple[int, int]]] = []
        for _ in range(3):
            (n,) = struct.unpack_from("<I", data, pos)
            pos += 4
            lc = []
            for _ in range(n):
                (wire,) = struct.unpack_from("<I", data, pos)
                lc.append((wire, int.from_bytes(data[pos + 4 : pos + 36], "little")))
                pos += 36
            lcs.append(lc)
        out.append((lcs[0], lcs[1], lcs[2]))
    return out


class R1CS:
    """A rank-1 constraint system (circom's ``.r1cs`` model), validated on construction.

    Build one by hand with the counts and constraints, or read one with
    :meth:`from_file`/:meth:`from_bytes`. ``wire_to_label`` defaults to the identity and
    ``n_labels`` to ``n_wires``.

    >>> r = R1CS(n_wires=3, n_prv_in=1, constraints=[([(1, 1)], [(1, 1)], [(2, 1)])])
    >>> r.first_unsatisfied([1, 3, 9]), r.first_unsatisfied([1, 3, 8])
    (None, 0)
    """

    __slots__ = ("_h",)

    def __init__(
        self,
        *,
        n_wires: int,
        n_pub_out: int = 0,
        n_pub_in: int = 0,
        n_prv_in: int = 0,
        constraints: Iterable[tuple[LinearCombination, LinearCombination, LinearCombination]] = (),
        n_labels: int | None = None,
        wire_to_label: Sequence[int] | None = None,
    ) -> None:
        counts = {"n_wires": n_wires, "n_pub_out": n_pub_out, "n_pub_in": n_pub_in}
        counts["n_prv_in"] = n_prv_in
        for name, v in counts.items():
            if not isinstance(v, int) or isinstance(v, bool) or not 0 <= v < _U32:
                raise InvalidInput(f"{name} must be an int in [0, 2^32), got {v!r}")
        labels = list(range(n_wires)) if wire_to_label is None else list(wire_to_label)
        if n_labels is None:
            n_labels = max(labels, default=-1) + 1 if wire_to_label is not None else n_wires
        if not isinstance(n_labels, int) or not 0 <= n_labels < 2**64:
            raise InvalidInput(f"n_labels must be an int in [0, 2^64), got {n_labels!r}")
        for i, lab in enumerate(labels):
            if not isinstance(lab, int) or not 0 <= lab < 2**64:
                raise InvalidInput(f"wire_to_label[{i}] must be an int in [0, 2^64)")
        body = []
        m = 0
        for i, c in enumerate(constraints):
            try:
                a, b, cc = c
            except (TypeError, ValueError):
                raise InvalidInput(f"constraint {i}: expected a triple (a, b, c)") from None
            for name, lc in (("a", a), ("b", b), ("c", cc)):
                body.append(_encode_lc(lc, f"constraint {i}.{name}"))
            m += 1
        self._h = _ffi.r1cs_new(
            [n_wires, n_pub_out, n_pub_in, n_prv_in, n_labels],
            m,
            b"".join(body),
            np.asarray(labels, dtype="<u8").tobytes(),
        )

    @classmethod
    def _wrap(cls, h: Any) -> R1CS:
        self = cls.__new__(cls)
        self._h = h
        return self

    @classmethod
    def from_bytes(cls, data: bytes) -> R1CS:
        """Parse ``.r1cs`` bytes, validating everything: magic, version 1, the BN254 scalar
        field, each section present once with consistent sizes, canonical coefficients,
        wire ids < nWires, one label per wire. Raises ``InvalidEncoding`` for malformed
        bytes and ``InvalidInput`` for unsupported content (another field, custom gates).

        >>> R1CS.from_bytes(b"r1cs")
        Traceback (most recent call last):
        masa_zk.errors.InvalidEncoding: r1cs: truncated (needed 4 bytes at offset 4, 0 left)
        """
        return cls._wrap(_ffi.r1cs_from_bytes(bytes(data)))

    @classmethod
    def from_file(cls, path: str | os.PathLike[str]) -> R1CS:
        """Read a ``.r1cs`` file (see :meth:`from_bytes`).

        >>> import tempfile, os
        >>> p = os.path.join(tempfile.mkdtemp(), "c.r1cs")
        >>> R1CS(n_wires=2, n_pub_in=1).to_file(p)
        >>> R1CS.from_file(p).n_pub_in
        1
        """
        with open(path, "rb") as f:
            return cls.from_bytes(f.read())

    def to_bytes(self) -> bytes:
        """The ``.r1cs`` bytes in circom's layout: terms sorted by wire id (repeated wires
        summed, zero terms dropped), coefficients 32 bytes LE.

        >>> R1CS(n_wires=1).to_bytes()[:8]
        b'r1cs\\x01\\x00\\x00\\x00'
        """
        return _ffi.r1cs_to_bytes(self._h)

    def to_file(self, path: str | os.PathLike[str]) -> None:
        """Write the ``.r1cs`` file (see :meth:`to_bytes`)."""
        data = self.to_bytes()
        with open(path, "wb") as f:
            f.write(data)

    def _counts(self) -> tuple[int, int, int, int, int, int]:
        return _ffi.r1cs_counts(self._h)

    @property
    def n_wires(self) -> int:
        """Total number of wires, wire 0 (the constant 1) included."""
        return self._counts()[0]

    @property
    def n_pub_out(self) -> int:
        """Number of public outputs (wires 1..n_pub_out)."""
        return self._counts()[1]

    @property
    def n_pub_in(self) -> int:
        """Number of public inputs (after the outputs)."""
        return self._counts()[2]

    @property
    def n_prv_in(self) -> int:
        """Number of private inputs (after the public inputs)."""
        return self._counts()[3]

    @property
    def n_public(self) -> int:
        """Public signals as snarkjs counts them: outputs plus public inputs."""
        c = self._counts()
        return c[1] + c[2]

    @property
    def n_labels(self) -> int:
        """Number of labels (circom's signal names, including eliminated ones)."""
        return self._counts()[4]

    @property
    def n_constraints(self) -> int:
        """Number of constraints."""
        return self._counts()[5]

    def constraints(self, start: int = 0, stop: int | None = None) -> list[Constraint]:
        """Constraints ``start .. stop`` as ``(a, b, c)`` lists of ``(wire, coeff)`` — for
        inspection and small circuits (it builds Python objects per term).

        >>> R1CS(n_wires=2, constraints=[({1: -1}, {0: 1}, {})]).constraints()[0][0]
        [(1, 21888242871839275222246405745257275088548364400416034343698204186575808495616)]
        """
        n = self.n_constraints
        lo, hi, _ = slice(start, stop).indices(n)
        if hi <= lo:
            return []
        return _decode_constraints(_ffi.r1cs_constraints(self._h, lo, hi - lo))

    def wire_to_label(self) -> npt.NDArray[np.uint64]:
        """The label id of each wire (numpy ``uint64``, length ``n_wires``).

        >>> R1CS(n_wires=3).wire_to_label().tolist()
        [0, 1, 2]
        """
        raw = _ffi.r1cs_wire_to_label(self._h)
        return np.frombuffer(raw, dtype="<u8").astype(np.uint64)

    def first_unsatisfied(self, witness: Witness) -> int | None:
        """Index of the first constraint ``witness`` violates, or ``None`` (checked in
        parallel natively). The witness must have ``n_wires`` values.

        >>> R1CS(n_wires=2, constraints=[({1: 1}, {1: 1}, {1: 1})]).first_unsatisfied([1, 2])
        0
        """
        return _ffi.r1cs_first_unsatisfied(self._h, witness_words(witness))

    def is_satisfied(self, witness: Witness) -> bool:
        """Whether wire 0 is 1 and every constraint holds.

        >>> R1CS(n_wires=2, constraints=[({1: 1}, {1: 1}, {1: 1})]).is_satisfied([1, 1])
        True
        """
        try:
            _ffi.r1cs_check(self._h, witness_words(witness))
        except UnsatisfiedConstraint:
            return False
        return True

    def check(self, witness: Witness) -> None:
        """Raise :class:`~masa_zk.errors.UnsatisfiedConstraint` naming the first failing
        constraint (or wire 0 != 1); ``InvalidInput`` for a wrong-length witness.

        >>> R1CS(n_wires=2, constraints=[({1: 1}, {1: 1}, {1: 1})]).check([1, 2])
        Traceback (most recent call last):
        masa_zk.errors.UnsatisfiedConstraint: constraint 0 is not satisfied
        """
        _ffi.r1cs_check(self._h, witness_words(witness))

    def __repr__(self) -> str:
        w, o, i, p, _, m = self._counts()
        return f"R1CS(n_wires={w}, n_pub_out={o}, n_pub_in={i}, n_prv_in={p}, n_constraints={m})"
