"""Linear combinations of wires: the values a circuit author computes with.

A :class:`LinearCombination` is Σ cᵢ·wᵢ over the BN254 scalar field, wire 0 being the
constant 1. ``+``, ``-`` and multiplication/division by constants only rewrite the
coefficients: they cost no constraint and no wire. ``a * b`` of two non-constant
combinations calls ``api.mul`` (one constraint, one wire); ``a / b`` calls ``api.div``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from masa_zk.bn254.fr import Fr, R

if TYPE_CHECKING:
    from masa_zk.circuit.api import Api


class LinearCombination:
    """Σ cᵢ·wᵢ; ``terms`` maps a wire index to its non-zero coefficient in [1, r).

    ``prog`` is how the witness program computes the same value, or None when that is
    ``terms`` itself: after :meth:`Api.cache <masa_zk.circuit.api.Api.cache>` a long
    combination is one scratch register, and combinations built from cached values stay
    short in the program however long their ``terms`` grow (Poseidon's partial rounds).

    >>> from masa_zk.circuit import Circuit, Private, Scalar, compile
    >>> class Twice(Circuit):
    ...     x: Private[Scalar]
    ...     def define(self, api):
    ...         y = self.x + self.x - 3
    ...         assert y.terms == {1: 2, 0: R - 3}
    >>> compile(Twice).num_constraints
    0
    """

    __slots__ = ("_key", "api", "prog", "terms")

    def __init__(self, api: Api, terms: dict[int, int], prog: dict[int, int] | None = None) -> None:
        self.api = api
        self.terms = terms
        self.prog = prog
        self._key: tuple[tuple[int, int], ...] | None = None

    @property
    def program_terms(self) -> dict[int, int]:
        """The terms the witness program evaluates (wires and scratch registers)."""
        return self.terms if self.prog is None else self.prog

    # --- inspection ---------------------------------------------------------------------------

    def is_constant(self) -> bool:
        """Whether no wire other than wire 0 (the constant 1) appears."""
        t = self.terms
        return not t or (len(t) == 1 and 0 in t)

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
        """A hashable canonical form (sorted terms), computed once (``terms`` is never
        changed after construction)."""
        if self._key is None:
            self._key = tuple(sorted(self.terms.items()))
        return self._key

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
        prog = None
        if self.prog is not None or o.prog is not None:
            prog = _add_terms(self.program_terms, o.program_terms)
        return LinearCombination(self.api, _add_terms(self.terms, o.terms), prog)

    __radd__ = __add__

    def __neg__(self) -> LinearCombination:
        prog = None if self.prog is None else {w: R - c for w, c in self.prog.items()}
        return LinearCombination(self.api, {w: R - c for w, c in self.terms.items()}, prog)

    def __sub__(self, other: Operand) -> LinearCombination:
        return self + (-self._lc(other))

    def __rsub__(self, other: Operand) -> LinearCombination:
        return self._lc(other) - self

    def scale(self, k: int) -> LinearCombination:
        """``k·self`` for a constant ``k``."""
        k %= R
        if k == 0:
            return LinearCombination(self.api, {})
        prog = None if self.prog is None else {w: c * k % R for w, c in self.prog.items()}
        return LinearCombination(self.api, {w: c * k % R for w, c in self.terms.items()}, prog)

    def __mul__(self, other: Operand) -> LinearCombination:
        return self.api.mul(self, other)

    __rmul__ = __mul__

    def __truediv__(self, other: Operand) -> LinearCombination:
        return self.api.div(self, other)

    def __rtruediv__(self, other: Operand) -> LinearCombination:
        return self.api.div(other, self)


def _add_terms(a: dict[int, int], b: dict[int, int]) -> dict[int, int]:
    out = dict(a)
    for w, c in b.items():
        v = (out.get(w, 0) + c) % R
        if v:
            out[w] = v
        else:
            out.pop(w, None)
    return out


def linear_sum(
    api: Api, coeffs: Sequence[int], values: Sequence[LinearCombination], constant: int = 0
) -> LinearCombination:
    """``Σ coeffs[i]·values[i] + constant`` in one pass (and its program form): the hot
    loop of gadgets that mix many combinations (Poseidon's MDS layer).

    >>> from masa_zk.circuit import Circuit, Private, Scalar, compile
    >>> class Mix(Circuit):
    ...     a: Private[Scalar]
    ...     b: Private[Scalar]
    ...     def define(self, api):
    ...         assert linear_sum(api, [2, 3], [self.a, self.a + self.b], 1).terms == {
    ...             1: 5, 2: 3, 0: 1}
    >>> _ = compile(Mix)
    """
    acc: dict[int, int] = {0: constant % R} if constant % R else {}
    for k, v in zip(coeffs, values, strict=True):
        for w, c in v.terms.items():
            acc[w] = acc.get(w, 0) + k * c
    terms = _reduced(acc)
    prog = None
    if any(v.prog is not None for v in values):
        pacc: dict[int, int] = {0: constant % R} if constant % R else {}
        for k, v in zip(coeffs, values, strict=True):
            for w, c in v.program_terms.items():
                pacc[w] = pacc.get(w, 0) + k * c
        prog = _reduced(pacc)
    return LinearCombination(api, terms, prog)


def _reduced(acc: dict[int, int]) -> dict[int, int]:
    """``acc`` with coefficients reduced mod r and zeros dropped (one ``%`` per term)."""
    out: dict[int, int] = {}
    for w, c in acc.items():
        c %= R
        if c:
            out[w] = c
    return out


#: What the api accepts where a value is expected: a combination, an ``int`` or an ``Fr``.
Operand = LinearCombination | int | Fr


def constant_int(v: Any) -> int:
    """The field element of a Python constant (``int`` reduced mod r, or ``Fr``)."""
    if isinstance(v, Fr):
        return int(v)
    if isinstance(v, int) and not isinstance(v, bool):
        return v % R
    raise TypeError(f"expected a LinearCombination, int or Fr, got {type(v).__name__}")
