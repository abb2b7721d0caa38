"""Comparators on n-bit values that RANGE-CHECK their inputs.

circomlib's ``LessThan(n)`` decomposes ``a + 2^n - b`` into n + 1 bits and is unsound
when ``a`` or ``b`` is not known to fit in n bits (e.g. ``a = r - 1`` compares as
"less than" anything). Every comparator here states ``a, b < 2^n`` itself.

Costs, ``1 <= n <= 252`` (non-constant inputs; a constant input is checked at compile
time and its range check costs nothing):

======================  ==============  =====================================================
gadget                  constraints     circomlib ``LessThan(n)`` (inputs unchecked): n + 1
======================  ==============  =====================================================
``lt/le/gt/ge``         3n + 1          n + 1 for the comparison + 2n for the range checks
``assert_lt/...``       3n              range checks of a, b and of the difference
======================  ==============  =====================================================

For n = 64: ``lt`` costs 193 = 65 (as ``LessThan(64)``) + 128 (soundness: both inputs
range-checked). Results are boolean linear combinations (1 or 0).
"""

from __future__ import annotations

from masa_zk.circuit.api import Api
from masa_zk.circuit.lc import LinearCombination, Operand
from masa_zk.gadgets.bits import _check_width, _decompose

#: Widest comparable values: a + 2^n - b must fit in 253 bits (unique decomposition).
MAX_BITS = 252


def _checked(api: Api, a: Operand, b: Operand, n: int) -> tuple[LinearCombination, ...]:
    _check_width(n, MAX_BITS)
    la, lb = api.lc(a), api.lc(b)
    with api.scope("range_check"):
        _decompose(api, la, n)
        _decompose(api, lb, n)
    return la, lb


def _lt(api: Api, a: Operand, b: Operand, n: int, name: str) -> LinearCombination:
    with api.scope(name):
        la, lb = _checked(api, a, b, n)
        # a + 2^n - b is in (0, 2^(n+1)); its bit n is 1 exactly when a >= b.
        return 1 - _decompose(api, la + (1 << n) - lb, n + 1)[n]


def lt(api: Api, a: Operand, b: Operand, n: int) -> LinearCombination:
    """1 if ``a < b`` else 0, stating ``a, b < 2^n`` (1 <= n <= 252): 3n + 1 constraints.

    >>> from masa_zk.circuit import Circuit, Private, Public, Scalar, compile
    >>> class Less(Circuit):
    ...     out: Public[Scalar]
    ...     a: Private[Scalar]
    ...     b: Private[Scalar]
    ...     def define(self, api):
    ...         api.assert_equal(lt(api, self.a, self.b, 64), self.out)
    >>> cs = compile(Less)
    >>> cs.num_constraints, cs.witness({"out": 1, "a": 3, "b": 2**64 - 1}).public  # 193 + 1
    (194, [1])
    """
    return _lt(api, a, b, n, "lt")


def gt(api: Api, a: Operand, b: Operand, n: int) -> LinearCombination:
    """1 if ``a > b`` else 0 (``lt(b, a)``), stating ``a, b < 2^n``: 3n + 1 constraints.

    >>> from masa_zk.circuit import Circuit, Private, Scalar, compile
    >>> class Gt(Circuit):
    ...     a: Private[Scalar]
    ...     def define(self, api):
    ...         api.assert_equal(gt(api, self.a, 10, 8), 1)
    >>> compile(Gt).num_constraints   # 8 + 9, the constant 10 needs no range check; + 1
    18
    """
    return _lt(api, b, a, n, "gt")


def le(api: Api, a: Operand, b: Operand, n: int) -> LinearCombination:
    """1 if ``a <= b`` else 0 (``1 - lt(b, a)``), stating ``a, b < 2^n``: 3n + 1.

    >>> from masa_zk.circuit import Circuit, Private, Scalar, compile
    >>> class Le(Circuit):
    ...     a: Private[Scalar]
    ...     b: Private[Scalar]
    ...     def define(self, api):
    ...         api.assert_equal(le(api, self.a, self.b, 8), 1)
    >>> compile(Le).witness({"a": 7, "b": 7}).public
    []
    """
    return 1 - _lt(api, b, a, n, "le")


def ge(api: Api, a: Operand, b: Operand, n: int) -> LinearCombination:
    """1 if ``a >= b`` else 0 (``1 - lt(a, b)``), stating ``a, b < 2^n``: 3n + 1.

    >>> from masa_zk.circuit import Circuit, Private, Scalar, compile
    >>> class Ge(Circuit):
    ...     a: Private[Scalar]
    ...     def define(self, api):
    ...         api.assert_equal(ge(api, self.a, 18, 8), 1)
    >>> compile(Ge).witness({"a": 18}).public
    []
    """
    return 1 - _lt(api, a, b, n, "ge")


def _assert_le(api: Api, a: Operand, b: Operand, n: int, name: str, strict: bool) -> None:
    with api.scope(name):
        la, lb = _checked(api, a, b, n)
        # a, b in [0, 2^n): b - a (- 1) is in [0, 2^n) exactly when a <= b (a < b);
        # otherwise it is a field element >= r - 2^(n+1), far above 2^n.
        with api.scope("range_check"):
            _decompose(api, lb - la - int(strict), n)


def assert_lt(api: Api, a: Operand, b: Operand, n: int) -> None:
    """States ``a < b`` and ``a, b < 2^n`` (1 <= n <= 252): 3n constraints.

    >>> from masa_zk.circuit import Circuit, Private, Scalar, compile
    >>> class Below(Circuit):
    ...     a: Private[Scalar]
    ...     b: Private[Scalar]
    ...     def define(self, api):
    ...         assert_lt(api, self.a, self.b, 16)
    >>> compile(Below).num_constraints
    48
    """
    _assert_le(api, a, b, n, "assert_lt", strict=True)


def assert_le(api: Api, a: Operand, b: Operand, n: int) -> None:
    """States ``a <= b`` and ``a, b < 2^n`` (1 <= n <= 252): 3n constraints.

    >>> from masa_zk.circuit import Circuit, Private, Scalar, compile
    >>> class AtMost(Circuit):
    ...     a: Private[Scalar]
    ...     def define(self, api):
    ...         assert_le(api, self.a, 100, 8)
    >>> compile(AtMost).num_constraints
    16
    """
    _assert_le(api, a, b, n, "assert_le", strict=False)


def assert_gt(api: Api, a: Operand, b: Operand, n: int) -> None:
    """States ``a > b`` and ``a, b < 2^n`` (``assert_lt(b, a)``): 3n constraints.

    >>> from masa_zk.circuit import Circuit, Private, Scalar, compile
    >>> class Above(Circuit):
    ...     a: Private[Scalar]
    ...     def define(self, api):
    ...         assert_gt(api, self.a, 0, 8)
    >>> compile(Above).witness({"a": 1}).public
    []
    """
    _assert_le(api, b, a, n, "assert_gt", strict=True)


def assert_ge(api: Api, a: Operand, b: Operand, n: int) -> None:
    """States ``a >= b`` and ``a, b < 2^n`` (``assert_le(b, a)``): 3n constraints.

    >>> from masa_zk.circuit import Circuit, Private, Scalar, compile
    >>> class AtLeast(Circuit):
    ...     a: Private[Scalar]
    ...     def define(self, api):
    ...         assert_ge(api, self.a, 18, 8)
    >>> compile(AtLeast).witness({"a": 18}).public
    []
    """
    _assert_le(api, b, a, n, "assert_ge", strict=False)
