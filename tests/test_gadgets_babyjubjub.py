"""Baby Jubjub gadgets (points, scalar multiplication, ElGamal) against ``masa_zk.babyjubjub``
(itself checked against circomlibjs), including the small-order and non-subgroup points."""

from __future__ import annotations

import random
from typing import Any

import pytest

from masa_zk.babyjubjub import SUBGROUP_ORDER, Point, base8, generator
from masa_zk.bn254.fr import R
from masa_zk.circuit import Array, Circuit, Private, Public, Scalar, compile
from masa_zk.circuit.testing import (
    assert_satisfied,
    assert_tampered_rejected,
    unconstrained_wires,
)
from masa_zk.errors import InvalidInput, UnsatisfiedConstraint
from masa_zk.gadgets import (
    assert_not_small_order,
    assert_on_curve,
    elgamal_encrypt,
    point_add,
    point_double,
    point_select,
    scalar_mul,
    scalar_mul_fixed,
    to_bits,
    to_bits_strict,
)

L = SUBGROUP_ORDER
RNG = random.Random(2494)
# The 8 points of order dividing 8: k·(l·G) for the order-8l generator G.
SMALL = [generator() * (L * k) for k in range(8)]
assert len(set(SMALL)) == 8 and all((p * 8).is_identity() for p in SMALL)


def rand_point(subgroup: bool = True) -> Point:
    if subgroup:
        return base8() * RNG.randrange(1, L)
    return generator() * RNG.randrange(1, 8 * L)


def label(cs: Any, *parts: str) -> str:
    return next(lab for lab in cs.labels if all(p in lab for p in parts))


# --- point addition, doubling, selection and checks ------------------------------------------


class Add(Circuit):
    ox: Public[Scalar]
    oy: Public[Scalar]
    p: Private[Array[Scalar, 2]]
    q: Private[Array[Scalar, 2]]

    def define(self, api: Any) -> None:
        x, y = point_add(api, self.p, self.q)
        api.assert_equal(x, self.ox)
        api.assert_equal(y, self.oy)


def add_inputs(p: Point, q: Point, out: Point | None = None) -> dict[str, Any]:
    o = p + q if out is None else out
    return {"p": [p.x, p.y], "q": [q.x, q.y], "ox": o.x, "oy": o.y}


def test_point_add_matches_reference_including_edge_points() -> None:
    cs = compile(Add)
    assert cs.num_constraints == 6 + 2  # BabyAdd: 6; the two equalities
    assert unconstrained_wires(cs) == []
    pts = [rand_point(), rand_point(False), Point.identity(), *SMALL]
    for p in pts:
        for q in [*pts, p, -p]:
            assert_satisfied(cs, add_inputs(p, q))
    p, q = rand_point(), rand_point()
    with pytest.raises(UnsatisfiedConstraint):
        cs.witness(add_inputs(p, q, p + q + base8()))


def test_point_add_tampered_wires_rejected() -> None:
    cs = compile(Add)
    inputs = add_inputs(rand_point(), rand_point())
    for wire in (label(cs, "point_add", "div"), label(cs, "point_add", "mul"), "p[0]"):
        assert_tampered_rejected(cs, inputs, wire=wire)


def test_point_add_constant_and_double_costs() -> None:
    c = rand_point()

    class AddConst(Circuit):
        ox: Public[Scalar]
        oy: Public[Scalar]
        p: Private[Array[Scalar, 2]]

        def define(self, api: Any) -> None:
            x, y = point_add(api, self.p, c)
            api.assert_equal(x, self.ox)
            api.assert_equal(y, self.oy)

    class Dbl(Circuit):
        ox: Public[Scalar]
        oy: Public[Scalar]
        p: Private[Array[Scalar, 2]]

        def define(self, api: Any) -> None:
            x, y = point_double(api, self.p)
            api.assert_equal(x, self.ox)
            api.assert_equal(y, self.oy)

    ca, cd = compile(AddConst), compile(Dbl)
    assert (ca.num_constraints, cd.num_constraints) == (3 + 2, 5 + 2)
    assert unconstrained_wires(ca) == unconstrained_wires(cd) == []
    for p in (rand_point(), rand_point(False), *SMALL):
        s, d = p + c, p.double()
        assert_satisfied(ca, {"p": [p.x, p.y], "ox": s.x, "oy": s.y})
        assert_satisfied(cd, {"p": [p.x, p.y], "ox": d.x, "oy": d.y})
    p = rand_point()
    d = p.double()
    inputs = {"p": [p.x, p.y], "ox": d.x, "oy": d.y}
    assert_tampered_rejected(cd, inputs, wire=label(cd, "point_double", "div"))
    s = p + c
    inputs = {"p": [p.x, p.y], "ox": s.x, "oy": s.y}
    assert_tampered_rejected(ca, inputs, wire=label(ca, "point_add", "div"))


def test_point_select() -> None:
    p, q = rand_point(), rand_point()

    class Sel(Circuit):
        ox: Public[Scalar]
        oy: Public[Scalar]
        s: Private[Scalar]
        p: Private[Array[Scalar, 2]]

        def define(self, api: Any) -> None:
            x, y = point_select(api, self.s, self.p, q)
            api.assert_equal(x, self.ox)
            api.assert_equal(y, self.oy)

    cs = compile(Sel)
    assert cs.num_constraints == 3 and unconstrained_wires(cs) == []  # equalities folded
    for s, o in ((1, p), (0, q)):
        assert_satisfied(cs, {"s": s, "p": [p.x, p.y], "ox": o.x, "oy": o.y})
    with pytest.raises(UnsatisfiedConstraint):
        cs.witness({"s": 2, "p": [p.x, p.y], "ox": p.x, "oy": p.y})
    assert_tampered_rejected(cs, {"s": 1, "p": [p.x, p.y], "ox": p.x, "oy": p.y}, wire="s")


class OnCurve(Circuit):
    p: Private[Array[Scalar, 2]]

    def define(self, api: Any) -> None:
        assert_on_curve(api, self.p)


class LargeOrder(Circuit):
    p: Private[Array[Scalar, 2]]

    def define(self, api: Any) -> None:
        assert_not_small_order(api, self.p)


def test_on_curve() -> None:
    cs = compile(OnCurve)
    assert cs.num_constraints == 3 and unconstrained_wires(cs) == []
    for p in (rand_point(), rand_point(False), *SMALL):
        assert_satisfied(cs, {"p": [p.x, p.y]})
    p = rand_point()
    for bad in ([p.x, p.y + 1], [1, 1], [0, 0]):
        with pytest.raises(UnsatisfiedConstraint):
            cs.witness({"p": bad})
    assert_tampered_rejected(cs, {"p": [p.x, p.y]}, wire="p[1]")
    assert_tampered_rejected(cs, {"p": [p.x, p.y]}, wire=label(cs, "on_curve", "mul"))


def test_not_small_order_rejects_exactly_the_eight_small_points() -> None:
    cs = compile(LargeOrder)
    assert cs.num_constraints == 6 and unconstrained_wires(cs) == []
    for p in (rand_point(), rand_point(False), generator(), base8(), base8() + SMALL[1]):
        assert_satisfied(cs, {"p": [p.x, p.y]})
    for p in SMALL:
        with pytest.raises(UnsatisfiedConstraint):
            cs.witness({"p": [p.x, p.y]})
    with pytest.raises(UnsatisfiedConstraint):  # off the curve
        cs.witness({"p": [5, 7]})
    p = rand_point()
    assert_tampered_rejected(cs, {"p": [p.x, p.y]}, wire=label(cs, "inverse"))


# --- scalar multiplication ---------------------------------------------------------------------


def mul_circuit(n: int, fixed: Point | None, check: bool = True) -> type[Circuit]:
    class Mul(Circuit):
        ox: Public[Scalar]
        oy: Public[Scalar]
        k: Private[Scalar]
        p: Private[Array[Scalar, 2]]

        def define(self, api: Any) -> None:
            bits = to_bits_strict(api, self.k) if n == 254 else to_bits(api, self.k, n)
            if fixed is not None:
                x, y = scalar_mul_fixed(api, bits, fixed)
                api.assert_equal(self.p[0], 0)  # unused here
                api.assert_equal(self.p[1], 0)
            else:
                x, y = scalar_mul(api, bits, self.p, check=check)
            api.assert_equal(x, self.ox)
            api.assert_equal(y, self.oy)

    return Mul


def mul_inputs(k: int, p: Point, fixed: bool) -> dict[str, Any]:
    q = p * k
    return {"k": k, "p": [0, 0] if fixed else [p.x, p.y], "ox": q.x, "oy": q.y}


def scalars(n: int) -> list[int]:
    ks = [0, 1, 2, 3, 7, 8, L - 1, L, L + 1, 2 * L, (1 << (n - 1)), (1 << n) - 1]
    ks += [RNG.randrange(1 << n) for _ in range(4)]
    return [k for k in ks if k < (1 << n) and k < R]


@pytest.mark.parametrize("n", [253, 251, 249, 250, 64, 4, 1])
def test_scalar_mul_fixed(n: int) -> None:
    for base in (base8(), generator()):  # orders l and 8l
        cs = compile(mul_circuit(n, base))
        assert unconstrained_wires(cs) == []
        for k in scalars(n):
            assert_satisfied(cs, mul_inputs(k, base, fixed=True))
        k = RNG.randrange(1 << n)
        with pytest.raises(UnsatisfiedConstraint):
            cs.witness({**mul_inputs(k, base, True), "ox": (base * (k + 1)).x})


def test_scalar_mul_fixed_cost_and_tamper() -> None:
    cs = compile(mul_circuit(253, base8()))
    assert cs.num_constraints == 253 + 510 + 4  # bits, the gadget, four equalities
    inputs = mul_inputs(RNG.randrange(1 << 253), base8(), True)
    for part in ("div#", "mul#"):
        assert_tampered_rejected(cs, inputs, wire=label(cs, "scalar_mul_fixed", part))
    assert_tampered_rejected(cs, inputs, wire="k")


def test_scalar_mul_fixed_rejects_small_order_base() -> None:
    with pytest.raises(InvalidInput):
        compile(mul_circuit(8, SMALL[3]))


@pytest.mark.parametrize("n", [254, 253, 251, 250, 249, 16, 2, 1])
def test_scalar_mul_variable(n: int) -> None:
    cs = compile(mul_circuit(n, None))
    assert unconstrained_wires(cs) == []
    for k in scalars(n):
        p = rand_point(subgroup=RNG.random() < 0.5)
        assert_satisfied(cs, mul_inputs(k, p, fixed=False))
    p, k = rand_point(), RNG.randrange(1 << min(n, 253))
    with pytest.raises(UnsatisfiedConstraint):
        cs.witness({**mul_inputs(k, p, False), "oy": (p * (k + 1)).y})


def test_scalar_mul_variable_cost_and_checks() -> None:
    cs = compile(mul_circuit(254, None))
    assert cs.num_constraints == 384 + 2066 + 2  # strict bits, the gadget, two equalities
    assert compile(mul_circuit(254, None, check=False)).num_constraints == 384 + 2060 + 2
    p = rand_point()
    inputs = mul_inputs(RNG.randrange(R), p, False)
    for part in ("bit[7].hint.div", "bit[200].mul", "bit[252].hint.div"):
        assert_tampered_rejected(cs, inputs, wire=label(cs, "scalar_mul." + part))
    assert_tampered_rejected(cs, inputs, wire="p[0]")
    # the point check: small-order points and points off the curve are refused
    for bad in SMALL:
        with pytest.raises(UnsatisfiedConstraint):
            cs.witness({**inputs, "p": [bad.x, bad.y]})
    with pytest.raises(UnsatisfiedConstraint):
        cs.witness({**inputs, "p": [p.x, p.y + 1]})


# --- ElGamal ------------------------------------------------------------------------------------


class Enc(Circuit):
    pk: Public[Array[Scalar, 2]]
    c: Public[Array[Scalar, 4]]
    m: Private[Scalar]
    r: Private[Scalar]

    def define(self, api: Any) -> None:
        c1, c2 = elgamal_encrypt(api, self.pk, self.m, self.r)
        for got, want in zip((*c1, *c2), self.c, strict=True):
            api.assert_equal(got, want)


def enc_inputs(pk: Point, m: int, r: int) -> dict[str, Any]:
    g = base8()
    c1, c2 = g * r, g * m + pk * r
    return {"pk": [pk.x, pk.y], "c": [c1.x, c1.y, c2.x, c2.y], "m": m, "r": r}


def test_elgamal_matches_reference_and_decrypts() -> None:
    cs = compile(Enc)
    assert cs.num_constraints == 2900 + 4
    assert unconstrained_wires(cs) == []
    sk = RNG.randrange(1, L)
    pk = base8() * sk
    for m, r in ((0, 0), (1, 1), (2**32 - 1, L - 1), (12345, RNG.randrange(L)), (7, 2**252 - 1)):
        w = assert_satisfied(cs, enc_inputs(pk, m, r))
        c1, c2 = Point(*w.public[2:4]), Point(*w.public[4:6])
        assert c2 - c1 * sk == base8() * m  # decryption recovers m·G
    inputs = enc_inputs(pk, 99, RNG.randrange(L))
    bad = dict(inputs, m=100)
    with pytest.raises(UnsatisfiedConstraint):
        cs.witness(bad)
    with pytest.raises(UnsatisfiedConstraint):  # m out of its 32-bit range
        cs.witness(enc_inputs(pk, 2**32, 5))
    with pytest.raises(UnsatisfiedConstraint):  # a small-order public key
        cs.witness(enc_inputs(SMALL[2], 5, 9))
    for wire in ("r", label(cs, "elgamal.scalar_mul.bit[100].hint.div"), label(cs, "point_add")):
        assert_tampered_rejected(cs, inputs, wire=wire)


def test_elgamal_bits_input_and_widths() -> None:
    pk = rand_point()

    class EncBits(Circuit):
        c: Public[Array[Scalar, 4]]
        m: Private[Array[Scalar, 8]]
        r: Private[Scalar]

        def define(self, api: Any) -> None:
            c1, c2 = elgamal_encrypt(api, pk, self.m, self.r, r_bits=64)
            for got, want in zip((*c1, *c2), self.c, strict=True):
                api.assert_equal(got, want)

    cs = compile(EncBits)
    assert unconstrained_wires(cs) == []
    m, r = 0b10110101, RNG.randrange(1 << 64)
    inputs = enc_inputs(pk, m, r)
    inputs = {"c": inputs["c"], "m": [(m >> i) & 1 for i in range(8)], "r": r}
    assert_satisfied(cs, inputs)
    with pytest.raises(UnsatisfiedConstraint):  # a non-boolean "bit"
        cs.witness({**inputs, "m": [2, *inputs["m"][1:]]})
    with pytest.raises(InvalidInput):
        compile(
            type(
                "Bad",
                (EncBits,),
                {"define": lambda s, api: elgamal_encrypt(api, pk, 1, 1, m_bits=0)},
            )
        )
