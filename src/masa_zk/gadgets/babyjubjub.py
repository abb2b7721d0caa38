"""Baby Jubjub in constraints: point addition and checks, fixed- and variable-base
scalar multiplication (the curve of :mod:`masa_zk.babyjubjub`, circomlib's ``babyjub``).

A point is a pair ``(x, y)`` of circuit values (linear combinations, ints or
:class:`masa_zk.babyjubjub.Point` for a constant). Costs (constraints, non-constant inputs):

==================================  =======  ==============================================
gadget                              ours     circomlib (circom 2 ``--O2``)
==================================  =======  ==============================================
``point_add(p, q)``                 6        ``BabyAdd``: 6
``point_add(p, constant)``          3        —
``point_double(p)``                 5        ``BabyDbl``: 6
``assert_on_curve(p)``              3        ``BabyCheck``: 3
``assert_not_small_order(p)``       6        — (includes ``assert_on_curve``)
``scalar_mul_fixed(bits253, B)``    510      ``EscalarMulFix(253)``: 523
``scalar_mul(bits254, p)``          2066     ``EscalarMulAny(254)``: 2310 (no point check)
==================================  =======  ==============================================

How they work (the preconditions are stated where they matter):

* ``point_add`` is the twisted Edwards formula, complete on the curve (``a`` is a square
  and ``d`` is not, so the denominators ``1 ± d·x1·x2·y1·y2`` never vanish for points on
  the curve): 4 products and two divisions stated as ``den · out = num`` (the native
  ``div`` hint proposes ``out``). A constant operand makes three products linear.
  Inputs must be on the curve (for other inputs a zero denominator leaves ``out`` free).
* Scalar multiplication runs in the birationally equivalent Montgomery form
  ``B·v² = u³ + A·u² + u``, where an addition costs 3 constraints and a doubling 4, but
  whose affine formulas have exceptional cases (equal or opposite x, the point at
  infinity). Each gadget is arranged so that, for EVERY value of the bits, no exceptional
  case arises; the bounds below are what makes that true. The Edwards results are then
  combined with the complete Edwards addition.
* ``scalar_mul_fixed``: 3-bit windows. Window ``j`` looks up the constant
  ``(w + 1)·8^j·B`` (3 constraints for the 8-entry table: one bit product, one product
  per coordinate) and adds it to the accumulator (3), which starts at the constant
  ``(8^m + w_0 + 1)·B``. The accumulator's multiple of B always exceeds the table's and
  their sum stays below l (the subgroup order) for segments of m ≤ 83 windows (249 bits),
  so x never collides. Bits above 249 are looked up in Edwards form together with the
  constant correction ``-(8^m + Σ 8^j)·B`` and added with one complete addition.
  Precondition: the constant base is not of small order (checked at compile time).
* ``scalar_mul``: right-to-left signed digits. With ``c = Σ c_i·2^i`` the digits
  ``s_i = 2·c_(i+1) - 1 ∈ {-1, +1}`` and a top digit +1 give ``Σ s_i·2^i = c - c_0 + 1``.
  The chain doubles ``D_i = 2^i·P`` (4) and adds ``±D_i`` (the sign is one product on
  v; the addition 3): the accumulator is an odd multiple of P below ``2^i`` in absolute
  value, so it never equals ``±D_i`` while ``2^(i+1) < l`` (i < 250). The correction
  ``-(1 - c_0)·P`` and the bits from 250 up are added in Edwards form (complete).
  Precondition: P on the curve and not of small order (order ≥ l); ``check=True`` (the
  default) states it with :func:`assert_not_small_order` (6 constraints).

>>> from masa_zk.circuit import Array, Circuit, Private, Public, Scalar, compile
>>> from masa_zk.babyjubjub import base8
>>> from masa_zk.gadgets import to_bits
>>> class PubKey(Circuit):
...     ax: Public[Scalar]
...     ay: Public[Scalar]
...     sk: Private[Scalar]
...     def define(self, api):
...         x, y = scalar_mul_fixed(api, to_bits(api, self.sk, 64), base8())
...         api.assert_equal(x, self.ax)
...         api.assert_equal(y, self.ay)
>>> pk = base8() * 12345
>>> _ = compile(PubKey).witness({"sk": 12345, "ax": pk.x, "ay": pk.y})
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from masa_zk.babyjubjub import SUBGROUP_ORDER
from masa_zk.babyjubjub import A as CURVE_A
from masa_zk.babyjubjub import D as CURVE_D
from masa_zk.babyjubjub import Point as BjjPoint
from masa_zk.bn254.fr import R
from masa_zk.circuit.api import Api
from masa_zk.circuit.lc import LinearCombination, Operand
from masa_zk.errors import InvalidInput, UnsatisfiedConstraint

__all__ = [
    "POINT_ADD_COST",
    "Point",
    "PointLike",
    "assert_not_small_order",
    "assert_on_curve",
    "point_add",
    "point_double",
    "point_select",
    "scalar_mul",
    "scalar_mul_fixed",
]

#: A point in the circuit: (x, y) as linear combinations.
Point = tuple[LinearCombination, LinearCombination]
#: What the gadgets accept as a point: a pair of operands or a constant curve point.
PointLike = tuple[Operand, Operand] | BjjPoint

#: Constraints of :func:`point_add` on two non-constant points (circomlib ``BabyAdd``: 6).
POINT_ADD_COST = 6

# Montgomery form B·v² = u³ + A·u² + u of the curve (u = (1+y)/(1-y), v = u/x).
MONT_A = 2 * (CURVE_A + CURVE_D) * pow(CURVE_A - CURVE_D, -1, R) % R
MONT_B = 4 * pow(CURVE_A - CURVE_D, -1, R) % R

#: Windows per Montgomery segment of :func:`scalar_mul_fixed` (83 · 3 = 249 bits):
#: the largest m with (2 + 1/7)·8^m < l, the bound that keeps x-coordinates apart.
FIXED_SEGMENT_WINDOWS = 83
#: Bits handled by the Montgomery chain of :func:`scalar_mul`: the largest n with 2^n < l.
VARIABLE_CHAIN_BITS = 250

assert (2 * 8**FIXED_SEGMENT_WINDOWS + (8**FIXED_SEGMENT_WINDOWS) // 7 + 1) < SUBGROUP_ORDER
assert 1 << VARIABLE_CHAIN_BITS < SUBGROUP_ORDER


def _point(api: Api, p: PointLike, what: str = "point") -> Point:
    if isinstance(p, BjjPoint):
        return api.constant(p.x), api.constant(p.y)
    if not isinstance(p, (tuple, list)) or len(p) != 2:
        raise InvalidInput(f"babyjubjub: a {what} is an (x, y) pair or a babyjubjub.Point")
    return api.lc(p[0]), api.lc(p[1])


def _div(api: Api, num: LinearCombination, den: LinearCombination) -> LinearCombination:
    """``q`` with ``den · q = num``: 1 constraint (0 for a constant ``den``). The caller
    guarantees ``den ≠ 0`` (for ``den = num = 0`` q would be free)."""
    if den.is_constant():
        d = den.constant_value()
        if d == 0:
            raise UnsatisfiedConstraint("babyjubjub: division by the constant 0")
        return num.scale(pow(d, -1, R))
    (q,) = api.hint("div", [num, den])
    api.add_constraint(den, q, num, "div")
    return q


def _edwards_add(api: Api, p: Point, q: Point, out: Point | None = None) -> Point:
    (x1, y1), (x2, y2) = p, q
    beta = api.mul(x1, y2)
    gamma = api.mul(y1, x2)
    delta = api.mul(y1 - x1.scale(CURVE_A), x2 + y2)
    tau = api.mul(beta, gamma)
    num_x = beta + gamma
    num_y = delta + beta.scale(CURVE_A) - gamma
    den_x = 1 + tau.scale(CURVE_D)
    den_y = 1 - tau.scale(CURVE_D)
    if out is None:
        return _div(api, num_x, den_x), _div(api, num_y, den_y)
    # The sum is known: state it directly (no division wires).
    api.add_constraint(den_x, out[0], num_x, "point_add")
    api.add_constraint(den_y, out[1], num_y, "point_add")
    return out


def point_add(api: Api, p: PointLike, q: PointLike) -> Point:
    """``p + q`` on Baby Jubjub: 6 constraints, 3 when one side is a constant point.

    Both points must be on the curve (state it with :func:`assert_on_curve` when they
    come from outside): the formula is complete there.

    >>> from masa_zk.circuit import Circuit, Private, Scalar, compile
    >>> from masa_zk.babyjubjub import base8
    >>> class Add(Circuit):
    ...     x: Private[Scalar]
    ...     y: Private[Scalar]
    ...     def define(self, api):
    ...         s = point_add(api, (self.x, self.y), base8())
    ...         t = base8() * 6
    ...         api.assert_equal(s[0], t.x)
    ...         api.assert_equal(s[1], t.y)
    >>> p = base8() * 5
    >>> cs = compile(Add)
    >>> cs.num_constraints, cs.is_satisfied(cs.witness({"x": p.x, "y": p.y}))
    (5, True)
    """
    with api.scope("point_add"):
        return _edwards_add(api, _point(api, p), _point(api, q))


def point_double(api: Api, p: PointLike) -> Point:
    """``2·p``: 5 constraints (the addition formula with its two cross products shared).

    >>> from masa_zk.circuit import Circuit, Private, Scalar, compile
    >>> class Dbl(Circuit):
    ...     x: Private[Scalar]
    ...     y: Private[Scalar]
    ...     def define(self, api):
    ...         point_double(api, (self.x, self.y))
    >>> compile(Dbl).num_constraints
    5
    """
    with api.scope("point_double"):
        pp = _point(api, p)
        return _edwards_add(api, pp, pp)


def point_select(api: Api, s: Operand, p: PointLike, q: PointLike) -> Point:
    """``p`` if ``s`` = 1 else ``q``; states ``s`` boolean. 3 constraints (1 + 1 per
    non-constant coordinate difference).

    >>> from masa_zk.circuit import Circuit, Private, Scalar, compile
    >>> from masa_zk.babyjubjub import base8, Point as P
    >>> class Sel(Circuit):
    ...     s: Private[Scalar]
    ...     def define(self, api):
    ...         point_select(api, self.s, base8(), P.identity())
    >>> compile(Sel).num_constraints   # constant points: the selection is linear
    1
    """
    with api.scope("point_select"):
        (px, py), (qx, qy) = _point(api, p), _point(api, q)
        return api.select(s, px, qx), api.select(s, py, qy)


def _curve_squares(api: Api, p: Point) -> tuple[LinearCombination, LinearCombination]:
    x, y = p
    xx, yy = api.mul(x, x), api.mul(y, y)
    # a·x² + y² = 1 + d·x²·y²  ⇔  (d·x²)·(y²) = a·x² + y² - 1
    api.add_constraint(xx.scale(CURVE_D), yy, xx.scale(CURVE_A) + yy - 1, "on_curve")
    return xx, yy


def assert_on_curve(api: Api, p: PointLike) -> None:
    """States ``a·x² + y² = 1 + d·x²·y²``: 3 constraints (circomlib ``BabyCheck``: 3).

    >>> from masa_zk.circuit import Circuit, Private, Scalar, compile
    >>> from masa_zk.babyjubjub import base8
    >>> class On(Circuit):
    ...     x: Private[Scalar]
    ...     y: Private[Scalar]
    ...     def define(self, api):
    ...         assert_on_curve(api, (self.x, self.y))
    >>> cs = compile(On)
    >>> cs.num_constraints, cs.is_satisfied(cs.witness({"x": base8().x, "y": base8().y}))
    (3, True)
    """
    with api.scope("on_curve"):
        _curve_squares(api, _point(api, p))


def assert_not_small_order(api: Api, p: PointLike) -> None:
    """States that ``p`` is on the curve and not one of the 8 points of order dividing 8
    (so its order is a multiple of l): 6 constraints, 3 more than :func:`assert_on_curve`
    (whose products it shares when both are called).

    On the curve the small-order points are exactly those with ``x = 0`` (orders 1, 2),
    ``y = 0`` (order 4) or ``y² = a·x²`` (order 8: their double has y = 0), so it states
    ``x·y·(y² - a·x²) ≠ 0`` (a product, a product, an inverse).

    >>> from masa_zk.circuit import Circuit, Private, Scalar, compile
    >>> from masa_zk.babyjubjub import base8
    >>> class Big(Circuit):
    ...     x: Private[Scalar]
    ...     y: Private[Scalar]
    ...     def define(self, api):
    ...         assert_not_small_order(api, (self.x, self.y))
    >>> cs = compile(Big)
    >>> cs.num_constraints, cs.is_satisfied(cs.witness({"x": base8().x, "y": base8().y}))
    (6, True)
    """
    with api.scope("not_small_order"):
        pp = _point(api, p)
        xx, yy = _curve_squares(api, pp)
        xy = api.mul(pp[0], pp[1])
        api.inverse(api.mul(xy, yy - xx.scale(CURVE_A)))


# --- Montgomery form (internal) -------------------------------------------------------------


def _to_mont(api: Api, p: Point) -> Point:
    """(u, v) = ((1 + y)/(1 - y), u/x): 2 constraints. Needs x ≠ 0 and y ≠ 1 (else
    unsatisfiable or, for (0, -1), v free): guaranteed for points of order ≥ l."""
    x, y = p
    u = _div(api, 1 + y, 1 - y)
    return u, _div(api, u, x)


def _from_mont(api: Api, p: Point) -> Point:
    """(x, y) = (u/v, (u - 1)/(u + 1)): 2 constraints; needs v ≠ 0 (no point of order ≤ 2)."""
    u, v = p
    return _div(api, u, v), _div(api, u - 1, u + 1)


def _mont_add(api: Api, p: Point, q: Point) -> Point:
    """p + q for u_p ≠ u_q: 3 constraints. With u_p = u_q the slope is free (p = q) or
    unsatisfiable (p = -q): callers make that impossible."""
    (u1, v1), (u2, v2) = p, q
    lam = _div(api, v2 - v1, u2 - u1)
    u3 = api.mul(lam, lam).scale(MONT_B) - MONT_A - u1 - u2
    return u3, api.mul(lam, u1 - u3) - v1


def _mont_double(api: Api, p: Point) -> Point:
    """2·p for v ≠ 0 (p not of order ≤ 2): 4 constraints."""
    u, v = p
    uu = api.mul(u, u)
    lam = _div(api, uu.scale(3) + u.scale(2 * MONT_A) + 1, v.scale(2 * MONT_B))
    u3 = api.mul(lam, lam).scale(MONT_B) - MONT_A - u.scale(2)
    return u3, api.mul(lam, u - u3) - v


def _mont_const(p: BjjPoint) -> tuple[int, int]:
    u = (1 + p.y) * pow(1 - p.y, -1, R) % R
    return u, u * pow(p.x, -1, R) % R


def _lookup(api: Api, bits: Sequence[LinearCombination], table: Sequence[tuple[int, int]]) -> Point:
    """The constant ``table[Σ bits·2^i]`` (len(table) = 2^len(bits)); bits boolean.
    Two bits: linear after one bit product; each further bit costs one product per
    coordinate and level: 3 constraints for 3 bits, 7 for 4."""
    if len(bits) <= 2:
        b = list(bits) + [api.constant(0)] * (2 - len(bits))
        t = list(table) + [table[-1]] * (4 - len(table))
        b01 = api.mul(b[0], b[1])
        coords = []
        for k in range(2):
            c0, c1, c2, c3 = (t[i][k] for i in range(4))
            coords.append(
                api.constant(c0)
                + b[0].scale(c1 - c0)
                + b[1].scale(c2 - c0)
                + b01.scale(c3 - c2 - c1 + c0)
            )
        return coords[0], coords[1]
    half = len(table) // 2
    lo = _lookup(api, bits[:-1], table[:half])
    hi = _lookup(api, bits[:-1], table[half:])
    top = bits[-1]
    return lo[0] + api.mul(top, hi[0] - lo[0]), lo[1] + api.mul(top, hi[1] - lo[1])


def _bits(api: Api, bits: Sequence[Operand], what: str) -> list[LinearCombination]:
    lbits = [api.lc(b) for b in bits]
    if not lbits:
        raise InvalidInput(f"babyjubjub: {what} needs at least one bit")
    for b in lbits:
        api.assert_bool(b)  # free when the bits come from to_bits (same statement, dropped)
    return lbits


@cache
def _fixed_tables(
    bx: int, by: int, n: int
) -> tuple[list[list[tuple[int, int]]], list[tuple[int, int]]]:
    """Montgomery window tables of the low segment and the Edwards table of the top bits
    (including the segment's constant correction) for ``n`` bits of base (bx, by)."""
    base = BjjPoint(bx, by)
    low = min(n, 3 * FIXED_SEGMENT_WINDOWS)
    m = -(-low // 3)
    offset = 8**m
    windows: list[list[tuple[int, int]]] = []
    step = base  # 8^j · base
    for j in range(m):
        # window 0 carries the offset 8^m that keeps the accumulator above every table entry
        mults = [offset + w + 1 for w in range(8)] if j == 0 else [w + 1 for w in range(8)]
        windows.append([_mont_const(step * k) for k in mults])
        step = step * 8
    correction = -(base * (offset + sum(8**j for j in range(m))))
    top_bits = n - low
    top_base = base * (1 << low)
    # Edwards points, added with the complete formula: the identity is allowed here.
    top = [top_base * w + correction for w in range(1 << top_bits)]
    return windows, [(p.x, p.y) for p in top]


def scalar_mul_fixed(api: Api, bits: Sequence[Operand], base: BjjPoint) -> Point:
    """``k·base`` for ``k = Σ bits[i]·2^i`` (LSB first) and a CONSTANT point ``base``;
    states every bit boolean (free for bits from ``to_bits``). 253 bits: 510 constraints
    (circomlib ``EscalarMulFix(253)``: 523); 2 per bit up to 249 bits plus ≤ 13.

    ``base`` must not be of small order (InvalidInput otherwise); any k works, including
    0 and multiples of the order (the result is then the identity (0, 1)).

    >>> from masa_zk.circuit import Array, Circuit, Private, Scalar, compile
    >>> from masa_zk.babyjubjub import base8
    >>> class Mul(Circuit):
    ...     k: Private[Array[Scalar, 6]]
    ...     def define(self, api):
    ...         x, y = scalar_mul_fixed(api, self.k, base8())
    ...         p = base8() * 45
    ...         api.assert_equal(x, p.x)
    ...         api.assert_equal(y, p.y)
    >>> _ = compile(Mul).witness({"k": [1, 0, 1, 1, 0, 1]})   # 45 = 0b101101
    """
    if not isinstance(base, BjjPoint):
        raise InvalidInput("scalar_mul_fixed: the base must be a constant babyjubjub.Point")
    if (base * 8).is_identity():
        raise InvalidInput("scalar_mul_fixed: the base has small order")
    with api.scope("scalar_mul_fixed"):
        lbits = _bits(api, bits, "scalar_mul_fixed")
        n = len(lbits)
        windows, top = _fixed_tables(base.x, base.y, n)
        low = min(n, 3 * FIXED_SEGMENT_WINDOWS)
        padded = lbits[:low] + [api.constant(0)] * (3 * len(windows) - low)
        acc: Point | None = None
        for j, table in enumerate(windows):
            t = _lookup(api, padded[3 * j : 3 * j + 3], table)
            acc = t if acc is None else _mont_add(api, acc, t)
        assert acc is not None
        # acc = (8^m + Σ (w_j + 1)·8^j)·base: never of order ≤ 2 (a multiple of base below l).
        edwards = _from_mont(api, acc)
        rest = _lookup_edwards(api, lbits[low:], top)
        return _edwards_add(api, edwards, rest)


def _lookup_edwards(
    api: Api, bits: Sequence[LinearCombination], table: Sequence[tuple[int, int]]
) -> Point:
    if not bits:
        return api.constant(table[0][0]), api.constant(table[0][1])
    return _lookup(api, bits, table)


def scalar_mul(api: Api, bits: Sequence[Operand], p: PointLike, *, check: bool = True) -> Point:
    """``k·p`` for ``k = Σ bits[i]·2^i`` (LSB first, 1..254 bits) and a variable point
    ``p``; states every bit boolean (free for bits from ``to_bits``).

    254 bits: 2060 constraints + 6 for ``check``; 8 per bit up to 250 bits, 14 per bit
    above (circomlib ``EscalarMulAny(254)``: 2310). ``p`` must be on the curve and not of
    small order: ``check=True`` states it (:func:`assert_not_small_order`); pass
    ``check=False`` only when the circuit already guarantees it. Any k works (k = 0 gives
    the identity).

    >>> from masa_zk.circuit import Array, Circuit, Private, Scalar, compile
    >>> from masa_zk.babyjubjub import base8
    >>> class Mul(Circuit):
    ...     k: Private[Array[Scalar, 4]]
    ...     px: Private[Scalar]
    ...     py: Private[Scalar]
    ...     def define(self, api):
    ...         x, y = scalar_mul(api, self.k, (self.px, self.py))
    ...         q = base8() * (7 * 11)
    ...         api.assert_equal(x, q.x)
    ...         api.assert_equal(y, q.y)
    >>> p = base8() * 7
    >>> _ = compile(Mul).witness({"k": [1, 1, 0, 1], "px": p.x, "py": p.y})   # k = 11
    """
    with api.scope("scalar_mul"):
        pp = _point(api, p)
        lbits = _bits(api, bits, "scalar_mul")
        if len(lbits) > 254:
            raise InvalidInput(f"scalar_mul: at most 254 bits, got {len(lbits)}")
        if check:
            assert_not_small_order(api, pp)
        return _scalar_mul_mont(api, lbits, pp, _to_mont(api, pp))


def _scalar_mul_mont(api: Api, bits: Sequence[LinearCombination], p: Point, pm: Point) -> Point:
    """k·P from P in Edwards (``p``) and Montgomery (``pm``) form; P of order ≥ l."""
    n = len(bits)
    chain = min(n, VARIABLE_CHAIN_BITS)
    # Digits s_i = 2·c_(i+1) - 1 for i < chain - 1 and s_(chain-1) = +1:
    # Σ s_i·2^i = c_low - c_0 + 1, an odd multiple, never 0.
    d = pm
    u0, v0 = pm
    acc: Point = (u0, api.mul(bits[1].scale(2) - 1, v0) if chain > 1 else v0)
    for i in range(1, chain):
        with api.scope(f"bit[{i}]"):
            d = _mont_double(api, d)
            v = d[1] if i == chain - 1 else api.mul(bits[i + 1].scale(2) - 1, d[1])
            acc = _mont_add(api, acc, (d[0], v))
    res = _from_mont(api, acc)
    # - (1 - c_0)·P in Edwards: (c_0 - 1)·x, y + c_0·(1 - y); identity when c_0 = 1.
    c0 = bits[0]
    fix = (api.mul(c0 - 1, p[0]), p[1] + api.mul(c0, 1 - p[1]))
    res = _edwards_add(api, res, fix)
    for i in range(chain, n):
        with api.scope(f"bit[{i}]"):
            d = _mont_double(api, d)
            de = _from_mont(api, d)
            b = bits[i]
            res = _edwards_add(api, res, (api.mul(b, de[0]), 1 + api.mul(b, de[1] - 1)))
    return res
