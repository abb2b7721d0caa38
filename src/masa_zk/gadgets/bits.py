"""Bit decomposition, range checks and canonical (strict) decomposition.

Costs (constraints; ``x`` a non-constant value):

=========================  ==================  =============================================
gadget                     constraints         circomlib
=========================  ==================  =============================================
``to_bits(x, n)``          n                   ``Num2Bits(n)``: n (+1 linear, optimised away)
``range_check(x, n)``      n                   ``Num2Bits(n)``
``from_bits(bits)``        0                   ``Bits2Num``: 0 (linear)
``assert_bits_le(b, c)``   ≤ 1 per run of 0s +  ``CompConstant``: 127 + ``Num2Bits(135)``
                           ≤ 2 per run of 1s    = 262
                           in ``c``
``to_bits_strict(x)``      254 + 130 = 384     ``Num2Bits_strict``: 515 (circom 2 --O2)
=========================  ==================  =============================================

``to_bits`` allocates n - 1 hint wires (the low bits) and expresses the top bit as the
linear combination ``(x - Σ low) / 2^(n-1)``: stating that combination boolean both
constrains the top bit and proves ``x = Σ bits·2^i`` — n constraints in all, none spent on
the sum. With n ≤ 253 the sum is below 2^253 < r, so the bits are unique. With 254 bits
two representations can exist (x and x + r both fit): ``to_bits_strict`` adds
``assert_bits_le(bits, r - 1)``.
"""

from __future__ import annotations

from collections.abc import Sequence

from masa_zk.bn254.fr import R
from masa_zk.circuit.api import Api
from masa_zk.circuit.lc import LinearCombination, Operand
from masa_zk.errors import InvalidInput, UnsatisfiedConstraint

#: Bits of the field modulus r (254): the width of a strict decomposition.
FIELD_BITS = R.bit_length()


def _check_width(n: int, most: int) -> None:
    if isinstance(n, bool) or not isinstance(n, int) or not 1 <= n <= most:
        raise InvalidInput(f"bit width must be an int in 1..={most}, got {n!r}")


def _decompose(api: Api, x: LinearCombination, n: int) -> list[LinearCombination]:
    """n bits of x, LSB first, each boolean and Σ bits·2^i = x (mod r): n constraints."""
    if x.is_constant():
        v = x.constant_value()
        if v >> n:
            raise UnsatisfiedConstraint(f"to_bits: constant {v} does not fit in {n} bits")
        return [api.constant((v >> i) & 1) for i in range(n)]
    low = api.hint("bits", [x], n - 1) if n > 1 else []
    for b in low:
        api.assert_bool(b)
    rest = x - sum((b.scale(1 << i) for i, b in enumerate(low)), api.constant(0))
    top = rest.scale(pow(1 << (n - 1), -1, R))
    api.assert_bool(top)
    return [*low, top]


def to_bits(api: Api, x: Operand, n: int) -> list[LinearCombination]:
    """The ``n`` bits of ``x`` (LSB first), ``1 <= n <= 253``: n constraints, n - 1 wires.

    Each bit is constrained boolean and their weighted sum equals ``x``, so the circuit is
    unsatisfiable when ``x >= 2^n``. Since 2^253 < r the bits are unique.

    >>> from masa_zk.circuit import Circuit, Private, Scalar, compile
    >>> class Low3(Circuit):
    ...     x: Private[Scalar]
    ...     def define(self, api):
    ...         api.assert_equal(to_bits(api, self.x, 3)[2], 1)   # 4 <= x < 8
    >>> cs = compile(Low3)
    >>> cs.num_constraints, cs.is_satisfied(cs.witness({"x": 6}))  # 3 + the equality
    (4, True)
    """
    _check_width(n, FIELD_BITS - 1)
    with api.scope("to_bits"):
        return _decompose(api, api.lc(x), n)


def from_bits(api: Api, bits: Sequence[Operand]) -> LinearCombination:
    """``Σ bits[i]·2^i`` (LSB first): a linear combination, 0 constraints.

    It does not constrain the bits: pass bits that are already boolean (``to_bits``).

    >>> from masa_zk.circuit import Circuit, Private, Scalar, compile
    >>> class Roundtrip(Circuit):
    ...     x: Private[Scalar]
    ...     def define(self, api):
    ...         api.assert_equal(from_bits(api, to_bits(api, self.x, 8)), self.x)
    >>> compile(Roundtrip).num_constraints
    8
    """
    total = api.constant(0)
    for i, b in enumerate(bits):
        total = total + api.lc(b).scale(pow(2, i, R))
    return total


def range_check(api: Api, x: Operand, n: int) -> None:
    """States ``0 <= x < 2^n`` (x as an integer in [0, r)), ``1 <= n <= 253``: n constraints.

    >>> from masa_zk.circuit import Circuit, Private, Scalar, compile
    >>> class Byte(Circuit):
    ...     x: Private[Scalar]
    ...     def define(self, api):
    ...         range_check(api, self.x, 8)
    >>> cs = compile(Byte)
    >>> cs.num_constraints, cs.is_satisfied(cs.witness({"x": 255}))
    (8, True)
    """
    _check_width(n, FIELD_BITS - 1)
    with api.scope("range_check"):
        _decompose(api, api.lc(x), n)


def _and(api: Api, factors: list[LinearCombination]) -> LinearCombination:
    """AND of boolean values: 0 constraints for 1 factor, 1 for 2, 2 for more."""
    factors = [f for f in factors if not (f.is_constant() and f.constant_value() == 1)]
    if not factors:
        return api.constant(1)
    if len(factors) == 1:
        return factors[0]
    if len(factors) == 2:
        return api.mul(factors[0], factors[1])
    # The sum of k < r booleans is 0 only when every one is 0.
    return api.is_zero(sum((1 - f for f in factors), api.constant(0)))


def assert_bits_le(api: Api, bits: Sequence[Operand], c: int) -> None:
    """States ``Σ bits[i]·2^i <= c`` for BOOLEAN ``bits`` (LSB first) and a constant ``c``.

    Scans ``c`` from its top bit, keeping ``eq`` = "the bits so far equal c's": at a run
    of 0s in ``c``, ``eq · Σ run bits = 0`` (1 constraint); at a run of 1s, ``eq`` becomes
    ``eq AND run`` (1 constraint for one factor, 2 for more, via ``is_zero``). Cost: one
    constraint per run of 0s plus at most two per run of 1s (130 for c = r - 1).

    >>> from masa_zk.circuit import Circuit, Private, Scalar, compile
    >>> class AtMost5(Circuit):
    ...     x: Private[Scalar]
    ...     def define(self, api):
    ...         assert_bits_le(api, to_bits(api, self.x, 3), 5)
    >>> cs = compile(AtMost5)
    >>> cs.is_satisfied(cs.witness({"x": 5}))
    True
    """
    lbits = [api.lc(b) for b in bits]
    n = len(lbits)
    if c < 0:
        raise InvalidInput(f"assert_bits_le: constant must be >= 0, got {c}")
    if c >> n:
        return  # every n-bit value is <= c
    with api.scope("assert_bits_le"):
        eq = api.constant(1)
        i = n - 1
        while i >= 0:
            bit = (c >> i) & 1
            j = i
            while j >= 0 and (c >> j) & 1 == bit:
                j -= 1
            run = lbits[j + 1 : i + 1]
            if bit == 0:
                # eq = 1 here means every bit above equals c's: these must be 0.
                api.add_constraint(eq, sum(run, api.constant(0)), 0, "assert_bits_le")
            elif j >= 0:  # eq is needed only when a 0 of c follows
                eq = _and(api, [eq, *run])
            i = j


def to_bits_strict(api: Api, x: Operand) -> list[LinearCombination]:
    """The unique 254-bit representation of ``x`` (LSB first), read as an integer < r.

    ``to_bits`` on 254 bits admits two representations for x < 2^254 - r (x and x + r);
    this one adds ``assert_bits_le(bits, r - 1)``: 254 + 130 = 384 constraints
    (circomlib's ``Num2Bits_strict``: 515).

    >>> from masa_zk.circuit import Circuit, Private, Scalar, compile
    >>> class Strict(Circuit):
    ...     x: Private[Scalar]
    ...     def define(self, api):
    ...         to_bits_strict(api, self.x)
    >>> compile(Strict).num_constraints
    384
    """
    with api.scope("to_bits_strict"):
        bits = _decompose(api, api.lc(x), FIELD_BITS)
        assert_bits_le(api, bits, R - 1)
    return bits
