"""Helpers for circuit authors' tests (in the spirit of gnark's ``test.NewAssert``).

* :func:`assert_satisfied` — good inputs give a witness that satisfies every constraint;
* :func:`assert_tampered_rejected` — changing one chosen wire of that witness makes the
  R1CS reject it (the wire is really constrained);
* :func:`unconstrained_wires` — private inputs and hint outputs that appear in no
  constraint at all (almost always a missing constraint).

>>> from masa_zk.circuit import Circuit, Private, Public, Scalar
>>> class Square(Circuit):
...     y: Public[Scalar]
...     x: Private[Scalar]
...     def define(self, api):
...         api.assert_equal(self.x * self.x, self.y)
>>> _ = assert_satisfied(Square, {"x": 3, "y": 9})
>>> assert_tampered_rejected(Square, {"x": 3, "y": 9}, wire="x")  # the rejecting constraint
0
"""

from __future__ import annotations

from collections.abc import Mapping

from masa_zk.bn254.fr import R
from masa_zk.circuit.base import Circuit
from masa_zk.circuit.compiler import compile
from masa_zk.circuit.system import ConstraintSystem, Witness
from masa_zk.errors import UnsatisfiedConstraint

CircuitLike = type[Circuit] | Circuit | ConstraintSystem


def _cs(circuit: CircuitLike) -> ConstraintSystem:
    return circuit if isinstance(circuit, ConstraintSystem) else compile(circuit)


def assert_satisfied(circuit: CircuitLike, inputs: Mapping[str, object]) -> Witness:
    """Compiles (if needed), computes the witness and asserts that every constraint holds.

    Returns the witness. Raises ``AssertionError`` (with the failing constraint's wires
    and source line) when the inputs do not satisfy the circuit.
    """
    cs = _cs(circuit)
    try:
        w = cs.witness(inputs)
    except UnsatisfiedConstraint as e:
        raise AssertionError(f"expected the circuit to be satisfied: {e}") from e
    # Independent of the native run's own check: the full assignment, checked again.
    assert cs.is_satisfied(w), "witness computed but not accepted by the R1CS check"
    return w


def assert_tampered_rejected(
    circuit: CircuitLike,
    inputs: Mapping[str, object],
    wire: str | int,
    value: int | None = None,
) -> int:
    """Asserts that changing ``wire`` in the honest witness makes the R1CS reject it.

    ``value`` is the tampered value (default: the honest value + 1, mod r). Returns the
    index of the first constraint that rejects the tampered witness.
    """
    cs = _cs(circuit)
    honest = assert_satisfied(cs, inputs)
    i = cs.wire_index(wire) if isinstance(wire, str) else wire
    if i == 0:
        raise AssertionError("wire 0 is the constant 1; tamper another wire")
    new = (honest[i] + 1) % R if value is None else value % R
    if new == honest[i]:
        raise AssertionError(f"tampered value of {cs.labels[i]} equals the honest value")
    failed = cs.first_unsatisfied(honest.replace(i, new))
    if failed is None:
        raise AssertionError(
            f"{cs.name}: wire {cs.labels[i]} changed from {honest[i]} to {new} and every "
            "constraint still holds: the wire is under-constrained"
        )
    return failed


def unconstrained_wires(cs: ConstraintSystem) -> list[str]:
    """Labels of private inputs and hint outputs that appear in no constraint.

    >>> from masa_zk.circuit import Circuit, Private, Scalar, compile
    >>> class Forgetful(Circuit):
    ...     x: Private[Scalar]
    ...     def define(self, api):
    ...         api.hint("inverse", [self.x])
    >>> unconstrained_wires(compile(Forgetful))
    ['x', 'hint.inverse#2']
    """
    used: set[int] = set()
    for a, b, c in cs.constraints:
        used.update(a)
        used.update(b)
        used.update(c)
    candidates = sorted(set(cs.private_input_wires) | cs.hint_wires)
    return [cs.labels[w] for w in candidates if w not in used]
