"""The optimal ate pairing of BN254 and its target group GT.

GT elements are 384 bytes: twelve 32-byte big-endian Fq coefficients in the tower order
``c0.c0.c0, c0.c0.c1, c0.c1.c0, ..., c1.c2.c1`` of ``Fq12 = Fq6[w]/(w^2 - v)``,
``Fq6 = Fq2[v]/(v^3 - (9 + u))``, ``Fq2 = Fq[u]/(u^2 + 1)``; coefficient ``cA.cB.cC``
multiplies ``w^A v^B u^C``.

Pairing values are those of arkworks, whose final exponentiation raises to
``m * (q^12 - 1)/r`` with ``m = 2x(6x^2 + 3x + 1)`` (x the BN parameter) instead of
``(q^12 - 1)/r``: ``pairing(P, Q) == e(P, Q) ** m`` for the textbook ``e``. The map is
bilinear and non-degenerate either way, and pairing checks agree with every other
implementation (EIP-197, py_ecc). snarkjs (ffjavascript) uses the same exponent: its GT
values, e.g. ``vk_alphabeta_12``, equal ours in value and coefficient order.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from masa_zk import _ffi
from masa_zk.bn254.fr import Fr, scalar_le
from masa_zk.bn254.points import G1, G2
from masa_zk.errors import InvalidInput

_ONE = (1).to_bytes(32, "big") + bytes(_ffi.GT_BYTES - 32)


class GT:
    """An element of GT, the order-r subgroup of Fq12^*, written multiplicatively.

    >>> e = pairing(G1.generator(), G2.generator())
    >>> e * e == e ** 2 == pairing(G1.generator() * 2, G2.generator())
    True
    >>> (e ** Fr.MODULUS).is_one()
    True
    """

    __slots__ = ("_b",)
    _b: bytes

    def __init__(self, *args: object, **kwargs: object) -> None:
        raise InvalidInput("GT: use GT.from_bytes, GT.one or pairing()")

    @classmethod
    def _wrap(cls, canonical: bytes) -> GT:
        g = object.__new__(cls)
        object.__setattr__(g, "_b", canonical)
        return g

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("GT is immutable")

    def __reduce__(self) -> tuple[Any, tuple[bytes]]:
        return (GT.from_bytes, (self._b,))

    @classmethod
    def one(cls) -> GT:
        """The identity of GT."""
        return cls._wrap(_ONE)

    @classmethod
    def from_bytes(cls, data: bytes) -> GT:
        """Decode 384 bytes, checking canonical coefficients and membership of GT."""
        if not isinstance(data, (bytes, bytearray, memoryview)):
            raise InvalidInput(f"GT.from_bytes: expected bytes, got {type(data).__name__}")
        data = bytes(data)
        _ffi.gt_check(data)
        return cls._wrap(data)

    def to_bytes(self) -> bytes:
        """The 384-byte encoding."""
        return self._b

    def coefficients(self) -> tuple[int, ...]:
        """The twelve Fq coefficients, in the encoding's order."""
        return tuple(int.from_bytes(self._b[i : i + 32], "big") for i in range(0, 384, 32))

    def is_one(self) -> bool:
        """Whether this is the identity."""
        return self._b == _ONE

    def __mul__(self, other: GT) -> GT:
        if type(other) is not GT:
            raise InvalidInput(f"GT * : expected GT, got {type(other).__name__}")
        return GT._wrap(_ffi.gt_mul(self._b, other._b))

    def __truediv__(self, other: GT) -> GT:
        if type(other) is not GT:
            raise InvalidInput(f"GT / : expected GT, got {type(other).__name__}")
        return self * other**-1

    def __pow__(self, k: int | Fr) -> GT:
        return GT._wrap(_ffi.gt_pow(self._b, scalar_le(k)))

    def __eq__(self, other: object) -> bool:
        if type(other) is not GT:
            return NotImplemented
        return self._b == other._b

    def __hash__(self) -> int:
        return hash(("GT", self._b))

    def __repr__(self) -> str:
        return "GT(one)" if self.is_one() else f"GT({self._b[:8].hex()}...)"


def _check_pair(pair: object) -> tuple[G1, G2]:
    if not isinstance(pair, tuple) or len(pair) != 2:
        raise InvalidInput("pairs: expected (G1, G2) tuples")
    p, q = pair
    if type(p) is not G1 or type(q) is not G2:
        raise InvalidInput(
            f"pairs: expected (G1, G2), got ({type(p).__name__}, {type(q).__name__})"
        )
    return p, q


def _pairs_bytes(pairs: Iterable[tuple[G1, G2]]) -> tuple[bytes, bytes]:
    if isinstance(pairs, (str, bytes)) or not isinstance(pairs, Iterable):
        raise InvalidInput("pairs: expected an iterable of (G1, G2) tuples")
    ps, qs = [], []
    for pair in pairs:
        p, q = _check_pair(pair)
        ps.append(p._b)
        qs.append(q._b)
    return b"".join(ps), b"".join(qs)


def pairing(p: G1, q: G2) -> GT:
    """The pairing ``e(p, q)``.

    >>> g, h = G1.generator(), G2.generator()
    >>> pairing(g * 6, h) == pairing(g * 2, h * 3)
    True
    """
    p, q = _check_pair((p, q))
    return GT._wrap(_ffi.bn254_pairing(p._b, q._b))


def pairing_product(pairs: Iterable[tuple[G1, G2]]) -> GT:
    """``prod_i e(p_i, q_i)`` with one shared final exponentiation (one for no pairs).

    >>> g, h = G1.generator(), G2.generator()
    >>> pairing_product([(g, h), (-g, h)]).is_one()
    True
    """
    g1s, g2s = _pairs_bytes(pairs)
    return GT._wrap(_ffi.bn254_pairing_product(g1s, g2s))


def pairing_check(pairs: Iterable[tuple[G1, G2]]) -> bool:
    """Whether ``prod_i e(p_i, q_i) == 1`` (the EIP-197 precompile's question).

    >>> g, h = G1.generator(), G2.generator()
    >>> pairing_check([(g * 3, h * 4), (-(g * 12), h)])
    True
    """
    g1s, g2s = _pairs_bytes(pairs)
    return _ffi.bn254_pairing_check(g1s, g2s)


__all__ = ["GT", "pairing", "pairing_check", "pairing_product"]
