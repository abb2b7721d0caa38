"""Linear combinations of wires: the values a circuit author computes with.

A :class:`LinearCombination` is Σ cᵢ·wᵢ over the BN254 scalar field, wire 0 being the
constant 1. ``+``, ``-`` and multiplication/division by constants only rewrite the
coefficients: they cost no constraint and no wire. ``a * b`` of two non-constant
combinations calls ``api.mul`` (one constraint, one wire); ``a / b`` calls ``api.div``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from masa_zk.bn254.fr import Fr, R

if TYPE_CHECKING:
    from masa_zk.circuit.api import Api


class LinearCombination:
    """Σ cᵢ·wᵢ; ``terms`` maps a wire index to its non-zero coefficient in [1, r).

    >>> from masa_zk.circuit import Circuit, Private, Scalar, compile
    >>> class Twice(Circuit):
    ...     x: Private[Scalar]
    ...     def define(self, api):
    ...         y = self.x + self.x - 3
    ...         assert y.terms == {1: 2, 0: R - 3}
    >>> compile(Twice).num_constraints
    0
    """

    __slots__ = ("api", "terms")

    def __init__(self, api: Api, terms: dict[int, int]) -> None:
        self.api = api
        self.terms = terms

    # --- inspection ---------------------------------------------------------------------------

    def is_constant(self) -> bool:
        """Whether no wire other than wire 0 (the constant 1) appears."""
        return all(w == 0 for w in self.terms)

    def constant_value(self) -> int:
        """The constant term (the whole value when :meth:`is_constant`)."""
        return self.terms.get(0, 0)

    def single_wire(self) -> int | None:
        """The wire index if this is exactly ``1·w`` for one wire ``w`` != 0, else None."""
        if len(self.terms) == 1:
            ((w, c),) = self.terms.items()
            if w != 0 and c == 1:
                return w
        return None

    def key(self) -> tuple[tuple[int, int], ...]:
        """A hashable canonical form (sorted terms)."""
        return tuple(sorted(self.terms.items()))

    def __repr__(self) -> str:
        labels = self.api.labels
        parts = []
        for w, c in sorted(self.terms.items()):
            coeff = c if c <= R // 2 else c - R
            parts.append(str(coeff) if w == 0 else f"{coeff}*{labels[w]}")
        return "LC(" + (" + ".join(parts) or "0") + ")"

    # --- no hidden comparisons ------------------------------------------------------------------

    def __bool__(self) -> bool:
        raise TypeError(
            "a circuit value has no truth value while the circuit is built; "
            "use api.is_zero / api.is_equal / api.select to compute with conditions"
        )

    def __eq__(self, other: object) -> bool:
        raise TypeError(
            "== on circuit values states nothing; use api.assert_equal (a constraint) "
            "or api.is_equal (a boolean wire), or compare .terms"
        )

    __hash__ = object.__hash__

    # --- arithmetic ---------------------------------------------------------------------------

    def _lc(self, other: Operand) -> LinearCombination:
        return self.api.lc(other)

    def __add__(self, other: Operand) -> LinearCombination:
        o = self._lc(other)
        terms = dict(self.terms)
        for w, c in o.terms.items():
            v = (terms.get(w, 0) + c) % R
            if v:
                terms[w] = v
            else:
                terms.pop(w, None)
        return LinearCombination(self.api, terms)

    __radd__ = __add__

    def __neg__(self) -> LinearCombination:
        return LinearCombination(self.api, {w: R - c for w, c in self.terms.items()})

    def __sub__(self, other: Operand) -> LinearCombination:
        return self + (-self._lc(other))

    def __rsub__(self, other: Operand) -> LinearCombination:
        return self._lc(other) - self

    def scale(self, k: int) -> LinearCombination:
        """``k·self`` for a constant ``k``."""
        k %= R
        if k == 0:
            return LinearCombination(self.api, {})
        return LinearCombination(self.api, {w: c * k % R for w, c in self.terms.items()})

    def __mul__(self, other: Operand) -> LinearCombination:
        return self.api.mul(self, other)

    __rmul__ = __mul__

    def __truediv__(self, other: Operand) -> LinearCombination:
        return self.api.div(self, other)

    def __rtruediv__(self, other: Operand) -> LinearCombination:
        return self.api.div(other, self)


#: What the api accepts where a value is expected: a combination, an ``int`` or an ``Fr``.
Operand = LinearCombination | int | Fr


def constant_int(v: Any) -> int:
    """The field element of a Python constant (``int`` reduced mod r, or ``Fr``)."""
    if isinstance(v, Fr):
        return int(v)
    if isinstance(v, int) and not isinstance(v, bool):
        return v % R
    raise TypeError(f"expected a LinearCombination, int or Fr, got {type(v).__name__}")
