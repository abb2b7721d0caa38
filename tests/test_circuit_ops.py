"""Every api operation: a positive test, and a negative test where one tampered wire (or a
bad input) is rejected by the R1CS itself, checked natively and by a Python reference."""

from __future__ import annotations

import pytest
from circuit_ref import first_unsatisfied

from masa_zk.bn254.fr import R
from masa_zk.circuit import Circuit, Private, Public, Scalar, compile
from masa_zk.circuit.testing import assert_satisfied, assert_tampered_rejected
from masa_zk.errors import UnsatisfiedConstraint


def rejected(cs, values: list[int]) -> int:
    """Both checkers reject the assignment; the index of the first violated constraint."""
    native = cs.first_unsatisfied(values)
    assert native is not None, "native check accepted a bad assignment"
    assert first_unsatisfied(cs, values) == native
    return native


def accepted(cs, values: list[int]) -> None:
    assert cs.is_satisfied(values)
    assert first_unsatisfied(cs, values) is None


class Mul(Circuit):
    a: Private[Scalar]
    b: Private[Scalar]

    def define(self, api):
        self.out = self.a * self.b  # operator form calls api.mul
        api.assert_equal(api.mul(self.a, self.b), self.out)


def test_mul() -> None:
    cs = compile(Mul)
    assert cs.num_constraints == 1  # the second product is the same wire
    w = assert_satisfied(cs, {"a": 6, "b": R - 7})
    assert w["mul#3"] == (6 * (R - 7)) % R
    accepted(cs, w.values)
    bad = w.values
    bad[3] += 1
    assert rejected(cs, bad) == 0
    assert_tampered_rejected(cs, {"a": 6, "b": 7}, wire="mul#3")
    assert_tampered_rejected(cs, {"a": 6, "b": 7}, wire="a")


class Equal(Circuit):
    x: Public[Scalar]
    y: Private[Scalar]

    def define(self, api):
        api.assert_equal(self.x, self.y * 3 + 1)


def test_assert_equal() -> None:
    cs = compile(Equal)
    assert cs.num_constraints == 1
    w = assert_satisfied(cs, {"x": 10, "y": 3})
    accepted(cs, w.values)
    rejected(cs, w.replace("y", 4).values)
    with pytest.raises(UnsatisfiedConstraint):
        cs.witness({"x": 11, "y": 3})
    assert_tampered_rejected(cs, {"x": 10, "y": 3}, wire="x")


class Bool(Circuit):
    b: Private[Scalar]

    def define(self, api):
        api.assert_bool(self.b)


@pytest.mark.parametrize("v", [0, 1])
def test_assert_bool(v: int) -> None:
    cs = compile(Bool)
    w = assert_satisfied(cs, {"b": v})
    accepted(cs, w.values)
    for other in (2, R - 1, 1 - v + 2):
        rejected(cs, w.replace("b", other).values)
    with pytest.raises(UnsatisfiedConstraint, match="assert_bool"):
        cs.witness({"b": 2})


class Select(Circuit):
    s: Private[Scalar]
    a: Private[Scalar]
    b: Private[Scalar]
    out: Public[Scalar]

    def define(self, api):
        api.assert_equal(api.select(self.s, self.a, self.b), self.out)


def test_select() -> None:
    cs = compile(Select)
    assert cs.num_constraints == 2  # bool, product (the equality merged into it)
    assert_satisfied(cs, {"s": 1, "a": 5, "b": 9, "out": 5})
    assert_satisfied(cs, {"s": 0, "a": 5, "b": 9, "out": 9})
    assert_tampered_rejected(cs, {"s": 1, "a": 5, "b": 9, "out": 5}, wire="out")
    assert_tampered_rejected(cs, {"s": 0, "a": 5, "b": 9, "out": 9}, wire="s")


def test_select_non_boolean_selector_rejected_by_constraints() -> None:
    cs = compile(Select)
    # s = 2 makes b + s·(a - b) = 2a - b: a consistent assignment of every other wire...
    s, a, b = 2, 5, 9
    out = (b + s * (a - b)) % R
    values = [1, out, s, a, b]
    assert cs.labels == ["one", "out", "s", "a", "b"]
    # ...is refused only by the boolean constraint on s.
    i = rejected(cs, values)
    assert cs.info[i].kind == "assert_bool"
    with pytest.raises(UnsatisfiedConstraint, match="assert_bool"):
        cs.witness({"s": 2, "a": 5, "b": 9, "out": 1})


class IsZero(Circuit):
    a: Private[Scalar]
    z: Public[Scalar]

    def define(self, api):
        api.assert_equal(api.is_zero(self.a), self.z)


@pytest.mark.parametrize(("a", "z"), [(0, 1), (1, 0), (R - 1, 0), (12345, 0)])
def test_is_zero(a: int, z: int) -> None:
    cs = compile(IsZero)
    w = assert_satisfied(cs, {"a": a, "z": z})
    assert w["is_zero#3.out"] == z
    # The result wire cannot be flipped, whatever value the free inverse wire takes.
    for inv in (0, 1, 7, w["is_zero#3.inv"]):
        values = w.replace("is_zero#3.out", 1 - z).replace("is_zero#3.inv", inv).values
        values[1] = 1 - z  # and the public claim follows it
        rejected(cs, values)
    with pytest.raises(UnsatisfiedConstraint):
        cs.witness({"a": a, "z": 1 - z})


class IsEqual(Circuit):
    a: Private[Scalar]
    b: Private[Scalar]
    e: Public[Scalar]

    def define(self, api):
        api.assert_equal(api.is_equal(self.a, self.b), self.e)


@pytest.mark.parametrize(("a", "b", "e"), [(0, 0, 1), (5, 5, 1), (5, 6, 0), (0, R - 1, 0)])
def test_is_equal(a: int, b: int, e: int) -> None:
    cs = compile(IsEqual)
    assert cs.num_constraints == 3
    assert_satisfied(cs, {"a": a, "b": b, "e": e})
    assert_tampered_rejected(cs, {"a": a, "b": b, "e": e}, wire="e")
    out = next(lab for lab in cs.labels if lab.endswith(".out"))
    assert_tampered_rejected(cs, {"a": a, "b": b, "e": e}, wire=out)
    with pytest.raises(UnsatisfiedConstraint):
        cs.witness({"a": a, "b": b, "e": 1 - e})


class Inverse(Circuit):
    a: Private[Scalar]

    def define(self, api):
        api.inverse(self.a)


def test_inverse() -> None:
    cs = compile(Inverse)
    w = assert_satisfied(cs, {"a": 3})
    assert w["inverse#2"] * 3 % R == 1
    assert_tampered_rejected(cs, {"a": 3}, wire="inverse#2")
    assert_tampered_rejected(cs, {"a": 3}, wire="inverse#2", value=0)


def test_inverse_of_zero_is_unsatisfiable() -> None:
    cs = compile(Inverse)
    with pytest.raises(UnsatisfiedConstraint, match="inverse"):
        cs.witness({"a": 0})
    for inv in (0, 1, R - 1):
        rejected(cs, [1, 0, inv])


class Div(Circuit):
    a: Private[Scalar]
    b: Private[Scalar]
    q: Public[Scalar]

    def define(self, api):
        api.assert_equal(self.a / self.b, self.q)


def test_div() -> None:
    cs = compile(Div)
    assert cs.num_constraints == 2  # b·inv = 1, a·inv = q
    assert_satisfied(cs, {"a": 12, "b": 4, "q": 3})
    assert_satisfied(cs, {"a": 1, "b": 2, "q": pow(2, -1, R)})
    assert_satisfied(cs, {"a": 0, "b": 5, "q": 0})
    assert_tampered_rejected(cs, {"a": 12, "b": 4, "q": 3}, wire="q")
    assert_tampered_rejected(cs, {"a": 12, "b": 4, "q": 3}, wire="inverse#4")


@pytest.mark.parametrize("a", [0, 7])
def test_div_by_zero_is_unsatisfiable(a: int) -> None:
    cs = compile(Div)
    with pytest.raises(UnsatisfiedConstraint):
        cs.witness({"a": a, "b": 0, "q": 0})
    # 0/0: no choice of the inverse and quotient wires satisfies the circuit.
    for inv in (0, 1, 5):
        for q in (0, 1, 5):
            rejected(cs, [1, q, a, 0, inv])


class Bits(Circuit):
    x: Private[Scalar]

    def define(self, api):
        bits = api.hint("bits", [self.x], param=4)
        for b in bits:
            api.assert_bool(b)
        api.assert_equal(sum(b * (1 << i) for i, b in enumerate(bits)), self.x)


def test_hint_bits_constrained() -> None:
    cs = compile(Bits)
    assert cs.num_constraints == 5
    w = assert_satisfied(cs, {"x": 0b1011})
    assert [w[f"hint.bits#2[{k}]"] for k in range(4)] == [1, 1, 0, 1]
    for k in range(4):
        assert_tampered_rejected(cs, {"x": 11}, wire=f"hint.bits#2[{k}]")
    with pytest.raises(UnsatisfiedConstraint):
        cs.witness({"x": 16})  # does not fit in 4 bits


class DivMod(Circuit):
    a: Private[Scalar]
    b: Private[Scalar]
    lt: Public[Scalar]

    def define(self, api):
        q, r = api.hint("divmod", [self.a, self.b])
        api.assert_equal(q * self.b + r, self.a)
        (lt,) = api.hint("less_than", [r, self.b])
        api.assert_equal(lt, self.lt)


@pytest.mark.parametrize(("a", "b"), [(17, 5), (4, 5), (R - 1, 2), (R - 1, R - 2)])
def test_hint_divmod_less_than(a: int, b: int) -> None:
    cs = compile(DivMod)
    w = assert_satisfied(cs, {"a": a, "b": b, "lt": 1})
    assert (w["hint.divmod#4[0]"], w["hint.divmod#4[1]"]) == divmod(a, b)
    assert_tampered_rejected(cs, {"a": a, "b": b, "lt": 1}, wire="hint.divmod#4[1]")


def test_mixed_arithmetic_matches_python() -> None:
    class Poly(Circuit):
        x: Private[Scalar]
        y: Public[Scalar]

        def define(self, api):
            x = self.x
            api.assert_equal(3 * x * x - (x - 2) * 5 + 7 - x / 3, self.y)

    cs = compile(Poly)
    for x in (0, 1, 2, 10**30, R - 1):
        y = (3 * x * x - (x - 2) * 5 + 7 - x * pow(3, -1, R)) % R
        assert_satisfied(cs, {"x": x, "y": y})
        with pytest.raises(UnsatisfiedConstraint):
            cs.witness({"x": x, "y": (y + 1) % R})
