"""Comparators: values vs Python, boundaries, out-of-range inputs, tampering, costs."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from functools import cache
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from masa_zk.bn254.fr import R
from masa_zk.circuit import Circuit, Private, Public, Scalar, compile
from masa_zk.circuit.system import ConstraintSystem
from masa_zk.circuit.testing import (
    assert_satisfied,
    assert_tampered_rejected,
    unconstrained_wires,
)
from masa_zk.errors import InvalidInput, UnsatisfiedConstraint
from masa_zk.gadgets import (
    assert_ge,
    assert_gt,
    assert_le,
    assert_lt,
    ge,
    gt,
    le,
    lt,
    to_bits,
)
from tests.circuit_ref import first_unsatisfied

# circomlib's LessThan(n): Num2Bits(n + 1) of in[0] + 2^n - in[1] → n + 1 constraints.
CIRCOMLIB_LESS_THAN_64 = 65

GADGETS: dict[str, Callable[..., Any]] = {"lt": lt, "le": le, "gt": gt, "ge": ge}
PYTHON: dict[str, Callable[[int, int], bool]] = {
    "lt": lambda a, b: a < b,
    "le": lambda a, b: a <= b,
    "gt": lambda a, b: a > b,
    "ge": lambda a, b: a >= b,
}
ASSERTS: dict[str, Callable[..., Any]] = {
    "lt": assert_lt,
    "le": assert_le,
    "gt": assert_gt,
    "ge": assert_ge,
}


@cache
def compare_circuit(op: str, n: int) -> ConstraintSystem:
    """out (public) = op(a, b) on n-bit a, b."""
    gadget = GADGETS[op]

    class Compare(Circuit):
        out: Public[Scalar]
        a: Private[Scalar]
        b: Private[Scalar]

        def define(self, api: Any) -> None:
            api.assert_equal(gadget(api, self.a, self.b, n), self.out)

    Compare.__name__ = f"{op}{n}"
    return compile(Compare)


@cache
def bare_circuit(op: str, n: int, asserting: bool = False) -> ConstraintSystem:
    """Only the gadget (its result unused): the constraint count is the gadget's cost."""
    gadget = (ASSERTS if asserting else GADGETS)[op]

    class Bare(Circuit):
        a: Private[Scalar]
        b: Private[Scalar]

        def define(self, api: Any) -> None:
            gadget(api, self.a, self.b, n)

    return compile(Bare)


def _inputs(op: str, a: int, b: int) -> dict[str, int]:
    return {"out": int(PYTHON[op](a, b)), "a": a, "b": b}


# --- costs ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("n", [1, 8, 64, 252])
@pytest.mark.parametrize("op", sorted(GADGETS))
def test_cost(op: str, n: int) -> None:
    assert bare_circuit(op, n).num_constraints == 3 * n + 1
    assert bare_circuit(op, n, asserting=True).num_constraints == 3 * n
    assert compare_circuit(op, n).num_constraints == 3 * n + 2  # + the equality with out


def test_cost_vs_circomlib_less_than_64() -> None:
    ours = bare_circuit("lt", 64).num_constraints
    soundness = 2 * 64  # range checks of both inputs, which LessThan(64) leaves out
    assert ours - soundness == CIRCOMLIB_LESS_THAN_64
    assert ours - soundness <= CIRCOMLIB_LESS_THAN_64 * 1.10


# --- values --------------------------------------------------------------------------------------


@pytest.mark.parametrize("n", [1, 8, 64, 252])
@pytest.mark.parametrize("op", sorted(GADGETS))
def test_boundaries(op: str, n: int) -> None:
    cs = compare_circuit(op, n)
    top = (1 << n) - 1
    for a, b in {
        (0, 0),
        (0, top),
        (top, 0),
        (top, top),
        (top - 1, top),
        (top, top - 1),
        (1, 0),
        (0, 1),
        (top // 2, top // 2),
    }:
        if a < 0 or b < 0:
            continue
        assert_satisfied(cs, _inputs(op, a, b))
        wrong = _inputs(op, a, b)
        wrong["out"] = 1 - wrong["out"]
        with pytest.raises(UnsatisfiedConstraint):
            cs.witness(wrong)


@pytest.mark.parametrize("n", [1, 8, 64, 252])
@pytest.mark.parametrize("op", sorted(GADGETS))
def test_inputs_just_out_of_range(op: str, n: int) -> None:
    cs = compare_circuit(op, n)
    for a, b in [(1 << n, 0), (0, 1 << n), (1 << n, 1 << n), (R - 1, 0), (0, R - 1)]:
        for out in (0, 1):
            with pytest.raises(UnsatisfiedConstraint, match="range_check"):
                cs.witness({"out": out, "a": a, "b": b})


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_matches_python(data: st.DataObject) -> None:
    n = data.draw(st.sampled_from([1, 2, 8, 31, 64, 200, 252]))
    a = data.draw(st.integers(0, (1 << n) - 1))
    b = data.draw(st.one_of(st.just(a), st.integers(0, (1 << n) - 1)))
    for op in GADGETS:
        cs = compare_circuit(op, n)
        assert cs.is_satisfied(cs.witness(_inputs(op, a, b)))
        with pytest.raises(UnsatisfiedConstraint):
            cs.witness({**_inputs(op, a, b), "out": 1 - int(PYTHON[op](a, b))})


# --- soundness -----------------------------------------------------------------------------------


@pytest.mark.parametrize("op", sorted(GADGETS))
def test_tampered_wires_rejected(op: str) -> None:
    cs = compare_circuit(op, 16)
    assert unconstrained_wires(cs) == []
    for a, b in [(3, 40000), (40000, 3), (777, 777)]:
        inputs = _inputs(op, a, b)
        for w in [*sorted(cs.hint_wires), *cs.public_wires, *cs.private_input_wires]:
            assert_tampered_rejected(cs, inputs, wire=w)
            honest = cs.witness(inputs)[w]
            if honest in (0, 1):  # a bit flipped, still boolean
                assert_tampered_rejected(cs, inputs, wire=w, value=1 - honest)


@pytest.mark.parametrize("op", sorted(GADGETS))
def test_exhaustive_small(op: str) -> None:
    """n = 3: over every boolean assignment of the hint wires (booleanity is constrained,
    so these are all candidate witnesses), a witness exists exactly when a, b < 8 and
    out = op(a, b): no input out of range and no wrong answer can be proven."""
    n = 3
    cs = compare_circuit(op, n)
    hint = sorted(cs.hint_wires)
    inputs = [*cs.public_wires, *cs.private_input_wires]
    assert sorted([0, *inputs, *hint]) == list(range(cs.num_wires))  # no other wires
    ia, ib, io = cs.wire_index("a"), cs.wire_index("b"), cs.wire_index("out")
    for a, b in itertools.product([0, 3, 7, 8, 9, 15, R - 1, R - 8], repeat=2):
        for out in (0, 1):
            found = False
            for bits in itertools.product((0, 1), repeat=len(hint)):
                values = [0] * cs.num_wires
                values[0], values[ia], values[ib], values[io] = 1, a, b, out
                for w, v in zip(hint, bits, strict=True):
                    values[w] = v
                if first_unsatisfied(cs, values) is None:
                    found = True
                    break
            assert found == (a < 8 and b < 8 and out == int(PYTHON[op](a, b))), (a, b, out)


class UncheckedLessThan(Circuit):
    """circomlib's LessThan(8): bit 8 of a + 2^8 - b, with NO range checks on a, b."""

    out: Public[Scalar]
    a: Private[Scalar]
    b: Private[Scalar]

    def define(self, api: Any) -> None:
        api.assert_equal(1 - to_bits(api, self.a + (1 << 8) - self.b, 9)[8], self.out)


def test_unchecked_less_than_is_unsound_ours_is_not() -> None:
    # a = r - 1 ("-1") is not an 8-bit value, yet the unchecked gadget proves r - 1 < 0.
    bad = {"out": 1, "a": R - 1, "b": 0}
    assert_satisfied(UncheckedLessThan, bad)
    with pytest.raises(UnsatisfiedConstraint, match="range_check"):
        compare_circuit("lt", 8).witness(bad)


def test_wrapped_bits_rejected() -> None:
    """a = 2^8 with the range-check bits forged to every 7-bit pattern (the top bit is
    derived): the honest-looking rest of the witness is still rejected."""
    cs = compare_circuit("lt", 8)
    honest = cs.witness(_inputs("lt", 5, 10))
    ia = cs.wire_index("a")
    a_bits = [w for w in sorted(cs.hint_wires) if cs.labels[w].startswith("lt.range_check")][:7]
    for pattern in range(128):
        w = honest.replace(ia, 1 << 8)
        for i, wire in enumerate(a_bits):
            w = w.replace(wire, (pattern >> i) & 1)
        assert not cs.is_satisfied(w)


@pytest.mark.parametrize("n", [0, 253, -1])
def test_width_checked(n: int) -> None:
    with pytest.raises(InvalidInput):
        bare_circuit("lt", n)


# --- assert_* ------------------------------------------------------------------------------------


@cache
def assert_circuit(op: str, n: int) -> ConstraintSystem:
    check = ASSERTS[op]

    class Assert(Circuit):
        a: Private[Scalar]
        b: Private[Scalar]

        def define(self, api: Any) -> None:
            check(api, self.a, self.b, n)

    return compile(Assert)


@pytest.mark.parametrize("n", [1, 8, 64, 252])
@pytest.mark.parametrize("op", sorted(ASSERTS))
def test_asserts(op: str, n: int) -> None:
    cs = assert_circuit(op, n)
    assert cs.num_constraints == 3 * n
    top = (1 << n) - 1
    pairs = [(0, 0), (0, top), (top, 0), (top, top), (1, 0), (0, 1), (top - 1, top)]
    for a, b in pairs:
        if PYTHON[op](a, b):
            assert_satisfied(cs, {"a": a, "b": b})
        else:
            with pytest.raises(UnsatisfiedConstraint):
                cs.witness({"a": a, "b": b})
    for a, b in [(1 << n, 0), (0, 1 << n), (R - 1, 0), (0, R - 1)]:
        with pytest.raises(UnsatisfiedConstraint):
            cs.witness({"a": a, "b": b})


@pytest.mark.parametrize("op", sorted(ASSERTS))
def test_asserts_tampered(op: str) -> None:
    cs = assert_circuit(op, 16)
    a, b = (3, 40000) if op in ("lt", "le") else (40000, 3)
    for w in [*sorted(cs.hint_wires), *cs.private_input_wires]:
        assert_tampered_rejected(cs, {"a": a, "b": b}, wire=w)
