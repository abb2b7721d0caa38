"""Bit decomposition gadgets: values, costs vs circomlib, tampering and aliasing attacks."""

# No `from __future__ import annotations`: bits_circuit(n) sizes an Array by a local n.

from functools import cache
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from masa_zk.bn254.fr import R
from masa_zk.circuit import Array, Circuit, Private, Public, Scalar, compile
from masa_zk.circuit.hints import HINTS
from masa_zk.circuit.program import HintOp, LinOp, MulOp, Terms
from masa_zk.circuit.testing import (
    assert_satisfied,
    assert_tampered_rejected,
    unconstrained_wires,
)
from masa_zk.errors import InvalidInput, UnsatisfiedConstraint
from masa_zk.gadgets import assert_bits_le, from_bits, range_check, to_bits, to_bits_strict
from tests.circuit_ref import first_unsatisfied

# circomlib's Num2Bits_strict(), compiled alone by circom 2 --O2 (tests/test_gadgets_costs.py
# recompiles it): Num2Bits(254) + AliasCheck (CompConstant(-1): 127 products + Num2Bits(135)).
CIRCOMLIB_NUM2BITS_STRICT = 515


def _bits(v: int, n: int) -> list[int]:
    return [(v >> i) & 1 for i in range(n)]


def bits_circuit(n: int) -> type[Circuit]:
    class ToBits(Circuit):
        x: Private[Scalar]
        bits: Public[Array[Scalar, n]]

        def define(self, api: Any) -> None:
            for b, out in zip(to_bits(api, self.x, n), self.bits, strict=True):
                api.assert_equal(b, out)

    return ToBits


def decompose_circuit(n: int) -> type[Circuit]:
    class Decompose(Circuit):
        x: Private[Scalar]

        def define(self, api: Any) -> None:
            to_bits(api, self.x, n)

    return Decompose


class RangeCheck(Circuit):
    x: Private[Scalar]

    def define(self, api: Any) -> None:
        range_check(api, self.x, 16)


class Strict(Circuit):
    x: Private[Scalar]
    bits: Public[Array[Scalar, 254]]

    def define(self, api: Any) -> None:
        for b, out in zip(to_bits_strict(api, self.x), self.bits, strict=True):
            api.assert_equal(b, out)


class StrictOnly(Circuit):
    x: Private[Scalar]

    def define(self, api: Any) -> None:
        to_bits_strict(api, self.x)


class GivenBits(Circuit):
    """Bits given as inputs: the aliasing attack chooses them freely."""

    x: Public[Scalar]
    bits: Private[Array[Scalar, 254]]

    def define(self, api: Any) -> None:
        for b in self.bits:
            api.assert_bool(b)
        api.assert_equal(from_bits(api, self.bits), self.x)
        assert_bits_le(api, self.bits, R - 1)


class GivenBitsNoCheck(Circuit):
    """The same without ``assert_bits_le``: shows the alias really is an alias."""

    x: Public[Scalar]
    bits: Private[Array[Scalar, 254]]

    def define(self, api: Any) -> None:
        for b in self.bits:
            api.assert_bool(b)
        api.assert_equal(from_bits(api, self.bits), self.x)


# --- values --------------------------------------------------------------------------------------


@pytest.mark.parametrize("n", [1, 2, 8, 64, 253])
def test_to_bits_values_and_cost(n: int) -> None:
    assert compile(decompose_circuit(n)).num_constraints == n  # as circomlib's Num2Bits(n)
    cs = compile(bits_circuit(n))  # + n equalities with the public outputs
    for x in {0, 1, (1 << n) - 1, (1 << n) // 3}:
        w = assert_satisfied(cs, {"x": x, "bits": _bits(x, n)})
        assert w.public == _bits(x, n)
    assert unconstrained_wires(cs) == []


@pytest.mark.parametrize("n", [1, 8, 253])
def test_to_bits_out_of_range_is_unsatisfiable(n: int) -> None:
    cs = compile(bits_circuit(n))
    for x in (1 << n, R - 1):
        with pytest.raises(UnsatisfiedConstraint):
            cs.witness({"x": x, "bits": _bits(x, n)})


def test_to_bits_tampered_wires_rejected() -> None:
    C = bits_circuit(8)
    inputs = {"x": 0b10110101, "bits": _bits(0b10110101, 8)}
    cs = compile(C)
    hint_wires = sorted(cs.hint_wires)
    assert len(hint_wires) == 7  # the top bit is a linear combination, not a wire
    for w in [*hint_wires, cs.wire_index("x")]:
        assert_tampered_rejected(cs, inputs, wire=w)
        # flipping a bit (keeping it boolean) is rejected too
        honest = cs.witness(inputs)
        assert_tampered_rejected(cs, inputs, wire=w, value=1 - honest[w])


def test_to_bits_wrapped_representation_rejected() -> None:
    # x = 2^8 does not fit in 8 bits: no choice of the 7 hint bits satisfies the circuit.
    cs = compile(RangeCheck)
    honest = cs.witness({"x": 5})
    hint_wires = sorted(cs.hint_wires)
    for low in (0, 1, 0x7F, 0x55, (1 << 15) - 1):
        w = honest.replace("x", 1 << 16)
        for i, wire in enumerate(hint_wires):
            w = w.replace(wire, (low >> i) & 1)
        assert not cs.is_satisfied(w)
        assert first_unsatisfied(cs, w.values) is not None


def test_range_check() -> None:
    cs = compile(RangeCheck)
    assert cs.num_constraints == 16
    for x in (0, 1, 12345, (1 << 16) - 1):
        assert_satisfied(cs, {"x": x})
    for x in (1 << 16, (1 << 16) + 1, R - 1):
        with pytest.raises(UnsatisfiedConstraint):
            cs.witness({"x": x})
    for w in sorted(cs.hint_wires):
        assert_tampered_rejected(cs, {"x": 40000}, wire=w)


def test_widths_checked() -> None:
    class Bad(Circuit):
        x: Private[Scalar]

        def define(self, api: Any) -> None:
            to_bits(api, self.x, 254)  # not unique: use to_bits_strict

    with pytest.raises(InvalidInput):
        compile(Bad)


def test_constant_operands() -> None:
    class Const(Circuit):
        x: Private[Scalar]

        def define(self, api: Any) -> None:
            api.assert_equal(from_bits(api, to_bits(api, 6, 3)), self.x)

    assert compile(Const).num_constraints == 1
    assert_satisfied(Const, {"x": 6})

    class TooBig(Circuit):
        x: Private[Scalar]

        def define(self, api: Any) -> None:
            range_check(api, 8, 3)

    with pytest.raises(UnsatisfiedConstraint):
        compile(TooBig)


# --- strict decomposition ------------------------------------------------------------------------


STRICT_COST = 254 + 130


def test_strict_cost_vs_circomlib() -> None:
    n = compile(StrictOnly).num_constraints
    assert n == STRICT_COST
    # Our strict decomposition is cheaper than circomlib's Num2Bits_strict (never >10% more).
    assert n <= CIRCOMLIB_NUM2BITS_STRICT * 1.10
    assert compile(Strict).num_constraints == STRICT_COST + 254  # + output equalities


@pytest.mark.parametrize("x", [0, 1, 5, R - 1, R - 2, (1 << 253) - 1, 1 << 253, R // 2, 2**254 - R])
def test_strict_values(x: int) -> None:
    w = assert_satisfied(Strict, {"x": x, "bits": _bits(x, 254)})
    assert w.public == _bits(x, 254)


def test_strict_tampered_rejected() -> None:
    cs = compile(Strict)
    inputs = {"x": R - 3, "bits": _bits(R - 3, 254)}
    # every bit wire and x; is_zero's inverse wire is free when its input is 0 (harmless:
    # the output is still pinned), so only the outputs of the comparison are tampered.
    bit_wires = [w for w in sorted(cs.hint_wires) if ".hint.bits#" in cs.labels[w]]
    assert len(bit_wires) == 253
    outs = [w for w in sorted(cs.hint_wires) if cs.labels[w].endswith(".out")]
    assert outs
    for w in [*bit_wires, *outs, cs.wire_index("x")]:
        assert_tampered_rejected(cs, inputs, wire=w)
    assert unconstrained_wires(cs) == []


def _run_program(cs: Any, values: dict[int, int], hint_bits: list[int]) -> list[int]:
    """Evaluates the witness program in Python with the ``bits`` hint's outputs CHOSEN by
    an attacker (every other wire computed as the program would: the attacker's best)."""
    w = [0] * (cs.num_wires + cs.n_scratch)
    w[0] = 1
    for i, v in values.items():
        w[i] = v % R

    def ev(t: Terms) -> int:
        return sum(k * w[i] for i, k in t.items()) % R

    for op in cs.ops:
        if isinstance(op, LinOp):
            w[op.out] = ev(op.lc)
        elif isinstance(op, MulOp):
            w[op.out] = ev(op.a) * ev(op.b) % R
        else:
            assert isinstance(op, HintOp)
            kind = next(h.name for h in HINTS.values() if h.code == op.kind)
            if kind == "bits":
                out = hint_bits[: op.n_out]
            elif kind == "is_zero":
                a = ev(op.inputs[0])
                out = [pow(a, -1, R) if a else 0, int(a == 0)]
            else:
                raise AssertionError(kind)
            w[op.out_start : op.out_start + op.n_out] = out
    return w[: cs.num_wires]


@pytest.mark.parametrize("x", [0, 5, 2**254 - R - 1])
def test_strict_rejects_alias(x: int) -> None:
    alias = x + R
    assert alias < 1 << 254
    cs = compile(StrictOnly)
    xw = cs.wire_index("x")
    # the program itself, with honest hint bits, is accepted (the evaluator is right) ...
    honest = _run_program(cs, {xw: x}, _bits(x, 253))
    assert first_unsatisfied(cs, honest) is None
    # ... and with the bits of x + r (a valid 254-bit decomposition of x mod r) rejected.
    forged = _run_program(cs, {xw: x}, _bits(alias, 253))
    assert first_unsatisfied(cs, forged) is not None
    assert not cs.is_satisfied(forged)


@pytest.mark.parametrize("x", [0, 5, 2**254 - R - 1])
def test_given_alias_bits_rejected(x: int) -> None:
    alias = _bits(x + R, 254)
    # without the canonical check, the alias satisfies bits boolean + Σ bits·2^i = x
    assert_satisfied(GivenBitsNoCheck, {"x": x, "bits": alias})
    # with it, the native witness run finds the constraint that rejects it
    cs = compile(GivenBits)
    with pytest.raises(UnsatisfiedConstraint, match="assert_bits_le"):
        cs.witness({"x": x, "bits": alias})
    assert_satisfied(cs, {"x": x, "bits": _bits(x, 254)})


@pytest.mark.parametrize("c", [0, 1, 5, 6, 0b1011001, 255])
def test_assert_bits_le_exhaustive(c: int) -> None:
    class Le(Circuit):
        bits: Private[Array[Scalar, 8]]

        def define(self, api: Any) -> None:
            for b in self.bits:
                api.assert_bool(b)
            assert_bits_le(api, self.bits, c)

    cs = compile(Le)
    for v in range(256):
        if v <= c:
            assert_satisfied(cs, {"bits": _bits(v, 8)})
        else:
            with pytest.raises(UnsatisfiedConstraint):
                cs.witness({"bits": _bits(v, 8)})


@cache
def _strict_cs() -> Any:
    return compile(StrictOnly)


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 2**254 - R - 1))
def test_strict_rejects_every_alias(x: int) -> None:
    cs = _strict_cs()
    xw = cs.wire_index("x")
    assert first_unsatisfied(cs, _run_program(cs, {xw: x}, _bits(x, 253))) is None
    assert first_unsatisfied(cs, _run_program(cs, {xw: x}, _bits(x + R, 253))) is not None


@cache
def _le_cs(c: int) -> Any:
    class Le(Circuit):
        bits: Private[Array[Scalar, 12]]

        def define(self, api: Any) -> None:
            for b in self.bits:
                api.assert_bool(b)
            assert_bits_le(api, self.bits, c)

    return compile(Le)


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 2**12 - 1), st.integers(0, 2**12 - 1))
def test_assert_bits_le_matches_python(c: int, v: int) -> None:
    cs = _le_cs(c)
    assert cs.is_satisfied(cs.witness({"bits": _bits(c, 12)}))
    if v <= c:
        assert_satisfied(cs, {"bits": _bits(v, 12)})
    else:
        with pytest.raises(UnsatisfiedConstraint):
            cs.witness({"bits": _bits(v, 12)})
