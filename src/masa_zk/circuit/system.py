"""A compiled circuit (:class:`ConstraintSystem`) and its witnesses (:class:`Witness`)."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from numbers import Integral
from typing import Any

import numpy as np

from masa_zk import _ffi
from masa_zk.bn254.fr import Fr, R
from masa_zk.circuit.api import ConstraintInfo
from masa_zk.circuit.inputs import ArrayShape, InputDecl, Shape
from masa_zk.circuit.program import Op, Terms, program_bytes, r1cs_bytes
from masa_zk.errors import InvalidInput, UnsatisfiedConstraint
from masa_zk.formats import R1CS, wtns_to_bytes

#: How many wires of a failing constraint an error message lists.
_MAX_WIRES_IN_MESSAGE = 10


def _field_value(what: str, v: object) -> int:
    """A canonical field element from an int, numpy int, ``Fr`` or decimal/hex string."""
    if isinstance(v, Fr):
        return int(v)
    if isinstance(v, str):
        try:
            x = int(v, 0)
        except ValueError:
            raise InvalidInput(f"{what}: {v!r} is not an integer") from None
    elif isinstance(v, Integral) and not isinstance(v, bool):
        x = int(v)
    else:
        raise InvalidInput(f"{what} must be an int, Fr or decimal string, got {type(v).__name__}")
    if not 0 <= x < R:
        raise InvalidInput(f"{what} = {x} is outside the field [0, r)")
    return x


def _flatten(name: str, shape: Shape, v: object, out: list[int]) -> None:
    if isinstance(shape, ArrayShape):
        if isinstance(v, (str, bytes)) or not isinstance(v, (Sequence, np.ndarray)):
            raise InvalidInput(f"input {name!r} must be a list of {shape.length} values")
        if len(v) != shape.length:
            raise InvalidInput(f"input {name!r} must have {shape.length} elements, got {len(v)}")
        for i, x in enumerate(v):
            _flatten(f"{name}[{i}]", shape.elem, x, out)
    else:
        out.append(_field_value(f"input {name!r}", v))


@dataclass
class Witness:
    """Every wire value of one execution (wire 0 = 1, public inputs, private inputs, ...).

    ``w[i]`` or ``w["label"]`` reads a wire; :attr:`public` lists the public inputs in
    circom order; :meth:`to_bytes_le` gives n_wires 32-byte little-endian words.
    """

    cs: ConstraintSystem
    data: bytes = field(repr=False)

    def __len__(self) -> int:
        return len(self.data) // 32

    def __getitem__(self, wire: int | str) -> int:
        i = self.cs.wire_index(wire) if isinstance(wire, str) else wire
        if not 0 <= i < len(self):
            raise IndexError(f"wire {i} out of range")
        return int.from_bytes(self.data[32 * i : 32 * i + 32], "little")

    @property
    def values(self) -> list[int]:
        """All wire values as ints (a Python loop over wires: for tests and small circuits)."""
        d = self.data
        return [int.from_bytes(d[i : i + 32], "little") for i in range(0, len(d), 32)]

    @property
    def public(self) -> list[int]:
        """The public inputs, in wire order (what a verifier gets)."""
        return [self[i] for i in self.cs.public_wires]

    @property
    def words(self) -> np.ndarray[Any, np.dtype[np.uint64]]:
        """The wires as an (n_wires, 4) array of little-endian uint64 limbs (no copy)."""
        return np.frombuffer(self.data, dtype="<u8").reshape(-1, 4)

    def to_bytes_le(self) -> bytes:
        """n_wires 32-byte little-endian words (the layout of a circom ``.wtns`` body)."""
        return self.data

    def to_wtns_bytes(self) -> bytes:
        """The witness as circom ``.wtns`` bytes (version 2), in the wire order of
        :meth:`ConstraintSystem.to_r1cs`."""
        return wtns_to_bytes(self.words)

    def write_wtns(self, path: str | os.PathLike[str]) -> None:
        """Write the witness as a circom ``.wtns`` file, which ``snarkjs wtns check`` accepts
        against the ``.r1cs`` of :meth:`ConstraintSystem.write_r1cs`.

        >>> import os, tempfile
        >>> from masa_zk.circuit import Circuit, Private, Public, Scalar, compile
        >>> class Sq(Circuit):
        ...     y: Public[Scalar]
        ...     x: Private[Scalar]
        ...     def define(self, api):
        ...         api.assert_equal(self.x * self.x, self.y)
        >>> p = os.path.join(tempfile.mkdtemp(), "sq.wtns")
        >>> compile(Sq).witness({"x": 3, "y": 9}).write_wtns(p)
        >>> from masa_zk.formats import read_wtns
        >>> read_wtns(p)
        [1, 9, 3]
        """
        data = self.to_wtns_bytes()
        with open(path, "wb") as f:
            f.write(data)

    def replace(self, wire: int | str, value: int) -> Witness:
        """A copy with one wire set to ``value`` (mod r): for tests that tamper a witness."""
        i = self.cs.wire_index(wire) if isinstance(wire, str) else wire
        if not 0 <= i < len(self):
            raise IndexError(f"wire {i} out of range")
        d = bytearray(self.data)
        d[32 * i : 32 * i + 32] = (value % R).to_bytes(32, "little")
        return Witness(self.cs, bytes(d))


class ConstraintSystem:
    """A compiled circuit: R1CS, wire layout and labels, and the witness program.

    Built by :func:`masa_zk.circuit.compile`. Wire 0 is the constant 1, then the public
    inputs, the private inputs and the internal wires (circom's order).

    >>> from masa_zk.circuit import Circuit, Private, Public, Scalar, compile
    >>> class Product(Circuit):
    ...     c: Public[Scalar]
    ...     a: Private[Scalar]
    ...     b: Private[Scalar]
    ...     def define(self, api):
    ...         api.assert_equal(self.a * self.b, self.c)
    >>> cs = compile(Product)
    >>> cs.stats()["constraints"], cs.is_satisfied(cs.witness({"a": 3, "b": 5, "c": 15}))
    (1, True)
    """

    def __init__(
        self,
        name: str,
        inputs: list[InputDecl],
        labels: list[str],
        constraints: list[tuple[Terms, Terms, Terms]],
        info: list[ConstraintInfo],
        ops: list[Op],
        hint_wires: set[int],
        *,
        n_scratch: int = 0,
        checks: Sequence[int] | None = None,
    ) -> None:
        self.name = name
        self.inputs = inputs
        self.labels = labels
        self.constraints = constraints
        self.info = info
        self.ops = ops
        self.hint_wires = frozenset(hint_wires)
        #: Scratch registers of the witness program (after the wires; not in the R1CS).
        self.n_scratch = n_scratch
        #: Constraints :meth:`witness` checks (None: all); the others restate a product
        #: the program computes, so they hold by construction. :meth:`is_satisfied`
        #: checks all.
        self.checks = None if checks is None else tuple(checks)
        self.num_public_inputs = sum(d.size() for d in inputs if d.public)
        self.num_private_inputs = sum(d.size() for d in inputs if not d.public)
        self._index: dict[str, int] | None = None
        self._native: Any = None
        self._native_witness: Any = None

    # --- sizes ----------------------------------------------------------------------------------

    @property
    def num_constraints(self) -> int:
        return len(self.constraints)

    @property
    def num_wires(self) -> int:
        """All wires, including wire 0 (the constant 1)."""
        return len(self.labels)

    @property
    def num_inputs(self) -> int:
        return self.num_public_inputs + self.num_private_inputs

    @property
    def public_wires(self) -> range:
        """Wire indices of the public inputs (right after wire 0)."""
        return range(1, 1 + self.num_public_inputs)

    @property
    def private_input_wires(self) -> range:
        """Wire indices of the private inputs."""
        return range(1 + self.num_public_inputs, 1 + self.num_inputs)

    @property
    def internal_wires(self) -> range:
        """Wire indices computed by the witness program (products, hint outputs)."""
        return range(1 + self.num_inputs, self.num_wires)

    def stats(self) -> dict[str, int]:
        """Counts: constraints, wires, public/private inputs, internal and hint wires, ops,
        scratch registers."""
        return {
            "constraints": self.num_constraints,
            "wires": self.num_wires,
            "public_inputs": self.num_public_inputs,
            "private_inputs": self.num_private_inputs,
            "internal_wires": len(self.internal_wires),
            "hint_wires": len(self.hint_wires),
            "ops": len(self.ops),
            "scratch": self.n_scratch,
        }

    def cost_by_scope(self) -> dict[str, int]:
        """Constraints per outermost ``api.scope`` (``""``: outside any scope)."""
        return dict(Counter(i.scope.split(".", 1)[0] for i in self.info))

    def wire_index(self, label: str) -> int:
        """The wire index of a label (``"age"``, ``"path[3]"``, ``"mul#7"``)."""
        if self._index is None:
            self._index = {lab: i for i, lab in enumerate(self.labels)}
        try:
            return self._index[label]
        except KeyError:
            raise InvalidInput(f"{self.name} has no wire labelled {label!r}") from None

    # --- native ---------------------------------------------------------------------------------

    def program_bytes(self) -> bytes:
        """The witness program in the native byte format (see :mod:`.program`)."""
        return program_bytes(
            self.num_wires,
            self.num_inputs,
            self.ops,
            n_scratch=self.n_scratch,
            checks=self.checks,
        )

    def r1cs_bytes(self) -> bytes:
        """The R1CS in the native byte format."""
        return r1cs_bytes(self.num_wires, self.constraints)

    # --- circom -----------------------------------------------------------------------------------

    def to_r1cs(self) -> R1CS:
        """The R1CS in circom's model (:class:`masa_zk.formats.R1CS`): wire 0 = 1, the
        public inputs, the private inputs, then internal wires; no public outputs
        (``n_pub_out = 0``); wire ``i`` has label id ``i`` (names in :meth:`sym_text`).

        >>> from masa_zk.circuit import Circuit, Private, Public, Scalar, compile
        >>> class Sq(Circuit):
        ...     y: Public[Scalar]
        ...     x: Private[Scalar]
        ...     def define(self, api):
        ...         api.assert_equal(self.x * self.x, self.y)
        >>> compile(Sq).to_r1cs()
        R1CS(n_wires=3, n_pub_out=0, n_pub_in=1, n_prv_in=1, n_constraints=1)
        """
        return R1CS(
            n_wires=self.num_wires,
            n_pub_out=0,
            n_pub_in=self.num_public_inputs,
            n_prv_in=self.num_private_inputs,
            constraints=self.constraints,
        )

    def write_r1cs(self, path: str | os.PathLike[str], sym: bool = False) -> None:
        """Write the circom ``.r1cs`` file (see :meth:`to_r1cs`); with ``sym=True`` also
        the ``.sym`` file next to it (same path, suffix ``.sym``) naming every wire.

        >>> import os, tempfile
        >>> from masa_zk.circuit import Circuit, Private, Scalar, compile
        >>> class B(Circuit):
        ...     b: Private[Scalar]
        ...     def define(self, api):
        ...         api.assert_bool(self.b)
        >>> p = os.path.join(tempfile.mkdtemp(), "b.r1cs")
        >>> compile(B).write_r1cs(p, sym=True)
        >>> open(p[:-5] + ".sym").read()
        '1,1,0,main.b\\n'
        """
        self.to_r1cs().to_file(path)
        if sym:
            root, _ = os.path.splitext(os.fspath(path))
            with open(root + ".sym", "w", encoding="utf-8") as f:
                f.write(self.sym_text())

    def sym_text(self) -> str:
        """circom's ``.sym`` text: ``label,wire,component,main.<label>`` per wire after
        wire 0 (what ``snarkjs r1cs print`` uses to name wires)."""
        return "".join(f"{i},{i},0,main.{self.labels[i]}\n" for i in range(1, self.num_wires))

    def _handle(self) -> Any:
        """The native circuit with the whole R1CS (checks, proofs)."""
        if self._native is None:
            self._native = _ffi.circuit_new(self.program_bytes(), self.r1cs_bytes())
        return self._native

    def _witness_handle(self) -> Any:
        """The native circuit for :meth:`witness`: the program and only the constraints
        it must check (most restate a product: loading them all would cost more than
        computing the witness)."""
        if self.checks is None:
            return self._handle()
        if self._native_witness is None:
            subset = [self.constraints[i] for i in self.checks]
            program = program_bytes(
                self.num_wires,
                self.num_inputs,
                self.ops,
                n_scratch=self.n_scratch,
                checks=range(len(subset)),
            )
            self._native_witness = _ffi.circuit_new(program, r1cs_bytes(self.num_wires, subset))
        return self._native_witness

    def encode_inputs(self, inputs: Mapping[str, object]) -> bytes:
        """The inputs as 32-byte LE words in wire order; InvalidInput names a bad input."""
        if not isinstance(inputs, Mapping):
            raise InvalidInput(f"inputs must be a dict, got {type(inputs).__name__}")
        names = [d.name for d in self.inputs]
        extra = sorted(str(k) for k in inputs if k not in names)
        if extra:
            raise InvalidInput(
                f"unexpected input(s) {', '.join(map(repr, extra))} for {self.name}; "
                f"its inputs are {', '.join(names) or 'none'}"
            )
        missing = [n for n in names if n not in inputs]
        if missing:
            raise InvalidInput(f"missing input(s) {', '.join(map(repr, missing))} for {self.name}")
        flat: list[int] = []
        for d in self.inputs:
            _flatten(d.name, d.shape, inputs[d.name], flat)
        return b"".join(x.to_bytes(32, "little") for x in flat)

    def witness(self, inputs: Mapping[str, object]) -> Witness:
        """Runs the witness program natively on ``inputs`` and checks every constraint.

        Raises ``InvalidInput`` for missing/extra/out-of-field inputs or wrong array
        lengths, and ``UnsatisfiedConstraint`` (naming the constraint's wires and the line
        of ``define`` that created it) when the inputs violate the circuit.
        """
        data, failed = _ffi.circuit_witness(self._witness_handle(), self.encode_inputs(inputs))
        if failed is not None:
            if self.checks is not None:
                failed = self.checks[failed]  # index in the subset -> in the R1CS
            raise UnsatisfiedConstraint(self.describe_failure(failed, data))
        return Witness(self, data)

    def _witness_bytes(self, values: Witness | Sequence[int]) -> bytes:
        if isinstance(values, Witness):
            return values.data
        if len(values) != self.num_wires:
            raise InvalidInput(f"expected {self.num_wires} wire values, got {len(values)}")
        return b"".join(
            _field_value(f"wire {i}", v).to_bytes(32, "little") for i, v in enumerate(values)
        )

    def first_unsatisfied(self, values: Witness | Sequence[int]) -> int | None:
        """The index of the first constraint the full assignment violates, or None."""
        return _ffi.circuit_check(self._handle(), self._witness_bytes(values))

    def is_satisfied(self, values: Witness | Sequence[int]) -> bool:
        """Whether a full assignment (a :class:`Witness` or n_wires ints, wire 0 = 1)
        satisfies every constraint (checked natively, in parallel)."""
        return self.first_unsatisfied(values) is None

    # --- explaining -------------------------------------------------------------------------------

    def constraint_wires(self, index: int) -> list[int]:
        """The wires (other than wire 0) of constraint ``index``: those of C, then A, then B."""
        seen: dict[int, None] = {}
        a, b, c = self.constraints[index]
        for lc in (c, a, b):  # the claimed side first
            for w in lc:
                if w:
                    seen[w] = None
        return list(seen)

    def describe_constraint(self, index: int) -> str:
        """``#i kind [in scope] at file:line: `source` `` for error messages."""
        info = self.info[index]
        scope = f" in {info.scope}" if info.scope else ""
        src = f": `{info.source}`" if info.source else ""
        text = f"constraint #{index} ({info.kind}{scope}) created at {info.where()}{src}"
        for m in info.merged:
            msrc = f": `{m.source}`" if m.source else ""
            text += f", merged with {m.kind} at {m.where()}{msrc}"
        return text

    def describe_failure(self, index: int, data: bytes) -> str:
        """The message of an UnsatisfiedConstraint: constraint, line, wires and values."""
        wires = self.constraint_wires(index)
        shown = ", ".join(
            f"{self.labels[w]} = {int.from_bytes(data[32 * w : 32 * w + 32], 'little')}"
            for w in wires[:_MAX_WIRES_IN_MESSAGE]
        )
        more = f", ... ({len(wires)} wires)" if len(wires) > _MAX_WIRES_IN_MESSAGE else ""
        return f"{self.name}: {self.describe_constraint(index)} is not satisfied; {shown}{more}"
