"""Baby Jubjub (EIP-2494), the twisted Edwards curve of circomlib, as circomlibjs's ``babyjub``.

``a·x² + y² = 1 + d·x²·y²`` with ``a = 168700``, ``d = 168696`` over the BN254 scalar field.
The group has order ``ORDER = 8 · SUBGROUP_ORDER``; :func:`base8` generates the prime-order
subgroup that EdDSA uses. Points are immutable; the arithmetic runs in the native core.

>>> from masa_zk.babyjubjub import Point, base8, SUBGROUP_ORDER
>>> p = base8() * 5
>>> p + p == base8() * 10
True
>>> (base8() * SUBGROUP_ORDER).is_identity()
True
>>> Point.from_bytes(p.to_bytes()) == p
True
"""

from __future__ import annotations

import operator
from typing import Any

from masa_zk import _ffi

#: The base field: the BN254 scalar field modulus.
from masa_zk.bn254.fr import R as FIELD_MODULUS
from masa_zk.bn254.fr import field_int
from masa_zk.errors import InvalidInput, NotOnCurve

#: Curve coefficients.
A = 168700
D = 168696
#: Order of the prime-order subgroup, l.
SUBGROUP_ORDER = 2736030358979909402780800718157159386076813972158567259200215660948447373041
#: Order of the whole curve group (8 · l).
ORDER = 8 * SUBGROUP_ORDER
COFACTOR = 8

__all__ = [
    "COFACTOR",
    "FIELD_MODULUS",
    "ORDER",
    "SUBGROUP_ORDER",
    "A",
    "D",
    "Point",
    "base8",
    "generator",
]


def _coord(v: Any, name: str) -> int:
    return field_int(v, f"babyjubjub: {name}")


def _on_curve(x: int, y: int) -> bool:
    p = FIELD_MODULUS
    x2, y2 = x * x % p, y * y % p
    return (A * x2 + y2) % p == (1 + D * x2 * y2) % p


class Point:
    """An immutable point of Baby Jubjub, always on the curve (not necessarily in the subgroup).

    ``Point(x, y)`` raises :class:`~masa_zk.errors.NotOnCurve` unless ``(x, y)`` satisfies the
    curve equation. Supports ``+``, ``-``, unary ``-``, ``k * P`` / ``P * k`` for any int ``k``.

    >>> g = generator()
    >>> g * 8 == base8()
    True
    >>> g.in_subgroup(), base8().in_subgroup()
    (False, True)
    """

    __slots__ = ("_x", "_y")
    _x: int
    _y: int

    def __init__(self, x: int, y: int) -> None:
        xi, yi = _coord(x, "x"), _coord(y, "y")
        if not _on_curve(xi, yi):
            raise NotOnCurve("babyjubjub: (x, y) is not on the curve")
        object.__setattr__(self, "_x", xi)
        object.__setattr__(self, "_y", yi)

    @classmethod
    def _trusted(cls, x: int, y: int) -> Point:
        p = object.__new__(cls)
        object.__setattr__(p, "_x", x)
        object.__setattr__(p, "_y", y)
        return p

    @classmethod
    def _from_native(cls, b: bytes) -> Point:
        return cls._trusted(int.from_bytes(b[:32], "little"), int.from_bytes(b[32:], "little"))

    def _to_native(self) -> bytes:
        return self._x.to_bytes(32, "little") + self._y.to_bytes(32, "little")

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("Point is immutable")

    def __delattr__(self, name: str) -> None:
        raise AttributeError("Point is immutable")

    @property
    def x(self) -> int:
        """The x coordinate, in [0, p)."""
        return self._x

    @property
    def y(self) -> int:
        """The y coordinate, in [0, p)."""
        return self._y

    @staticmethod
    def is_on_curve(x: int, y: int) -> bool:
        """Whether integers ``(x, y)`` in [0, p) satisfy the curve equation.

        >>> Point.is_on_curve(0, 1), Point.is_on_curve(1, 1)
        (True, False)
        """
        xi, yi = _coord(x, "x"), _coord(y, "y")
        return _on_curve(xi, yi)

    @classmethod
    def identity(cls) -> Point:
        """The neutral element (0, 1).

        >>> Point.identity() + base8() == base8()
        True
        """
        return cls._trusted(0, 1)

    def is_identity(self) -> bool:
        """Whether this is (0, 1)."""
        return self._x == 0 and self._y == 1

    def in_subgroup(self) -> bool:
        """Whether ``SUBGROUP_ORDER · self`` is the identity (the prime-order subgroup).

        >>> (generator() * 3).in_subgroup()
        False
        """
        return _ffi.babyjubjub_in_subgroup(self._to_native())

    def __add__(self, other: object) -> Point:
        if not isinstance(other, Point):
            return NotImplemented
        return Point._from_native(_ffi.babyjubjub_add(self._to_native(), other._to_native()))

    def __neg__(self) -> Point:
        return Point._trusted((-self._x) % FIELD_MODULUS, self._y)

    def __sub__(self, other: object) -> Point:
        if not isinstance(other, Point):
            return NotImplemented
        return self + (-other)

    def double(self) -> Point:
        """``2 · self``."""
        return self + self

    def __mul__(self, k: object) -> Point:
        if isinstance(k, bool):
            raise InvalidInput("babyjubjub: scalars must be ints")
        try:
            ki = operator.index(k)  # type: ignore[arg-type]
        except TypeError:
            return NotImplemented
        # Every point's order divides ORDER, so reducing mod ORDER changes nothing.
        kb = (ki % ORDER).to_bytes(32, "little")
        return Point._from_native(_ffi.babyjubjub_mul(self._to_native(), kb))

    __rmul__ = __mul__

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Point):
            return NotImplemented
        return self._x == other._x and self._y == other._y

    def __hash__(self) -> int:
        return hash(("babyjubjub.Point", self._x, self._y))

    def __repr__(self) -> str:
        return f"Point(x={self._x}, y={self._y})"

    def to_bytes(self) -> bytes:
        """The 32-byte circomlibjs packing (``babyJub.packPoint``): y little-endian, and the
        top bit of the last byte set when x > (p - 1) / 2.

        >>> Point.identity().to_bytes().hex()
        '0100000000000000000000000000000000000000000000000000000000000000'
        """
        return _ffi.babyjubjub_pack(self._to_native())

    @classmethod
    def from_bytes(cls, data: bytes, *, check_subgroup: bool = True) -> Point:
        """Unpack 32 bytes (``babyJub.unpackPoint``), strictly.

        Raises :class:`~masa_zk.errors.InvalidInput` for a wrong type or length;
        :class:`~masa_zk.errors.InvalidEncoding` for y >= p or a sign bit on x = 0;
        :class:`~masa_zk.errors.NotOnCurve` when no x exists for y; and with
        ``check_subgroup`` (the default) :class:`~masa_zk.errors.NotInSubgroup` for a
        point outside the prime-order subgroup.

        >>> Point.from_bytes(base8().to_bytes()) == base8()
        True
        """
        if not isinstance(data, (bytes, bytearray, memoryview)):
            raise InvalidInput("babyjubjub: from_bytes expects bytes")
        raw = bytes(data)
        if len(raw) != 32:
            raise InvalidInput(f"babyjubjub: a packed point is 32 bytes, got {len(raw)}")
        return cls._from_native(_ffi.babyjubjub_unpack(raw, bool(check_subgroup)))


_GENERATOR = Point._trusted(
    995203441582195749578291179787384436505546430278305826713579947235728471134,
    5472060717959818805561601436314318772137091100104008585924551046643952123905,
)
_BASE8 = Point._trusted(
    5299619240641551281634865583518297030282874472190772894086521144482721001553,
    16950150798460657717958625567821834550301663161624707787222815936182638968203,
)


def generator() -> Point:
    """circomlibjs's ``babyJub.Generator``, of order ``ORDER`` (8 · l).

    >>> generator() * ORDER == Point.identity()
    True
    """
    return _GENERATOR


def base8() -> Point:
    """circomlibjs's ``babyJub.Base8`` = 8 · generator, of prime order ``SUBGROUP_ORDER``.

    >>> base8() == generator() * 8
    True
    """
    return _BASE8
