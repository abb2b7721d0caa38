"""The BN254 scalar field Fr, in pure Python.

A field operation on Python ints costs well under a microsecond; a call across the FFI
costs more than that, so ``Fr`` never calls the native core.
"""

from __future__ import annotations

import secrets
from numbers import Integral
from typing import Any, ClassVar, TypeVar, overload

from masa_zk.errors import InvalidEncoding, InvalidInput

_T = TypeVar("_T")

#: The order r of G1, G2 and GT, and the modulus of Fr.
R = 21888242871839275222246405745257275088548364400416034343698204186575808495617
#: The modulus q of the base field Fq.
Q = 21888242871839275222246405745257275088696311157297823662689037894645226208583


def scalar_int(k: object) -> int:
    """The integer of a scalar argument: an ``int`` (reduced mod r) or an :class:`Fr`.

    >>> scalar_int(-1) == R - 1
    True
    """
    if type(k) is Fr:
        return k._v
    if isinstance(k, int) and not isinstance(k, bool):
        return k % R
    if isinstance(k, Integral) and not isinstance(k, bool):  # numpy integers
        return int(k) % R
    raise InvalidInput(f"expected an int or Fr scalar, got {type(k).__name__}")


def field_int(v: object, what: str) -> int:
    """A canonical field element given as an ``int`` (or numpy integer, or :class:`Fr`):
    unlike :func:`scalar_int` nothing is reduced, values outside [0, r) are refused.

    >>> field_int(5, "x")
    5
    """
    if type(v) is Fr:
        return v._v
    if isinstance(v, Integral) and not isinstance(v, bool):
        x = int(v)
        if 0 <= x < R:
            return x
        raise InvalidInput(f"{what} must lie in [0, r) (r = the BN254 scalar field)")
    raise InvalidInput(f"{what} must be an int, got {type(v).__name__}")


def scalar_le(k: object) -> bytes:
    """A scalar as the 32-byte little-endian word the native core takes."""
    return scalar_int(k).to_bytes(32, "little")


def _new(v: int) -> Fr:
    f = object.__new__(Fr)
    object.__setattr__(f, "_v", v)
    return f


def _other(x: object) -> int:
    if type(x) is Fr:
        return x._v
    if isinstance(x, int) and not isinstance(x, bool):
        return x % R
    if isinstance(x, Integral) and not isinstance(x, bool):  # numpy integers
        return int(x) % R
    raise InvalidInput(f"cannot combine Fr with {type(x).__name__}")


class Fr:
    """An element of the BN254 scalar field (integers mod r). Immutable and hashable.

    ``Fr(v)`` takes an ``int`` in ``[0, r)`` (anything else raises :class:`InvalidInput`).
    Arithmetic takes ``Fr`` or ``int`` operands; an ``int`` operand is reduced mod r.

    >>> a = Fr(3)
    >>> (a * 5 - 1) / 2 == Fr(7)
    True
    >>> a ** -1 * a == 1
    True
    >>> Fr.from_bytes(Fr(258).to_bytes()) == 258
    True
    """

    __slots__ = ("_v",)
    _v: int
    MODULUS: ClassVar[int] = R

    def __init__(self, value: int | Fr = 0) -> None:
        if type(value) is Fr:
            v = value._v
        elif isinstance(value, int) and not isinstance(value, bool):
            if not 0 <= value < R:
                raise InvalidInput("Fr: value outside [0, r); use Fr.reduce() to reduce")
            v = int(value)
        else:
            raise InvalidInput(f"Fr: expected an int, got {type(value).__name__}")
        object.__setattr__(self, "_v", v)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("Fr is immutable")

    @classmethod
    def reduce(cls, value: int) -> Fr:
        """``value mod r`` for any int (negative too).

        >>> Fr.reduce(-1) == Fr(R - 1)
        True
        """
        if not isinstance(value, int) or isinstance(value, bool):
            raise InvalidInput(f"Fr.reduce: expected an int, got {type(value).__name__}")
        return _new(value % R)

    @classmethod
    def random(cls) -> Fr:
        """A uniformly random element from the OS CSPRNG (``secrets``)."""
        return _new(secrets.randbelow(R))

    @classmethod
    def from_bytes(cls, data: bytes) -> Fr:
        """Decode 32 bytes big-endian; values ``>= r`` raise :class:`InvalidEncoding`.

        >>> Fr.from_bytes(bytes(31) + b"\\x05")
        Fr(5)
        """
        if not isinstance(data, (bytes, bytearray, memoryview)):
            raise InvalidInput(f"Fr.from_bytes: expected bytes, got {type(data).__name__}")
        if len(data) != 32:
            raise InvalidInput(f"Fr.from_bytes: expected 32 bytes, got {len(data)}")
        v = int.from_bytes(data, "big")
        if v >= R:
            raise InvalidEncoding("Fr: value >= r (not canonical)")
        return _new(v)

    def to_bytes(self) -> bytes:
        """32 bytes big-endian.

        >>> Fr(1).to_bytes()[-1]
        1
        """
        return self._v.to_bytes(32, "big")

    def inverse(self) -> Fr:
        """The multiplicative inverse; ``ZeroDivisionError`` for zero.

        >>> Fr(2).inverse() * 2 == 1
        True
        """
        if self._v == 0:
            raise ZeroDivisionError("Fr: inverse of zero")
        return _new(pow(self._v, -1, R))

    def __reduce__(self) -> tuple[type[Fr], tuple[int]]:
        return (Fr, (self._v,))

    def __int__(self) -> int:
        return self._v

    def __index__(self) -> int:
        return self._v

    def __bool__(self) -> bool:
        return self._v != 0

    def __repr__(self) -> str:
        return f"Fr({self._v})"

    def __hash__(self) -> int:
        return hash(self._v)

    def __eq__(self, other: object) -> bool:
        if type(other) is Fr:
            return self._v == other._v
        if isinstance(other, int) and not isinstance(other, bool):
            return self._v == other % R
        return NotImplemented

    def __add__(self, other: Fr | int) -> Fr:
        return _new((self._v + _other(other)) % R)

    __radd__ = __add__

    def __sub__(self, other: Fr | int) -> Fr:
        return _new((self._v - _other(other)) % R)

    def __rsub__(self, other: Fr | int) -> Fr:
        return _new((_other(other) - self._v) % R)

    @overload
    def __mul__(self, other: Fr | int) -> Fr: ...

    @overload
    def __mul__(self, other: _T) -> _T: ...

    def __mul__(self, other: object) -> Any:
        if getattr(type(other), "_SCALES_BY_FR", False):
            return NotImplemented  # a group element: its __rmul__ does scalar multiplication
        return _new(self._v * _other(other) % R)

    def __rmul__(self, other: Fr | int) -> Fr:
        return _new(self._v * _other(other) % R)

    def __truediv__(self, other: Fr | int) -> Fr:
        o = _other(other)
        if o == 0:
            raise ZeroDivisionError("Fr: division by zero")
        return _new(self._v * pow(o, -1, R) % R)

    def __rtruediv__(self, other: Fr | int) -> Fr:
        return Fr.__truediv__(_new(_other(other)), self)

    def __pow__(self, exponent: int) -> Fr:
        if not isinstance(exponent, int) or isinstance(exponent, bool):
            raise InvalidInput(f"Fr ** : expected an int exponent, got {type(exponent).__name__}")
        if exponent < 0:
            return self.inverse() ** -exponent
        return _new(pow(self._v, exponent, R))

    def __neg__(self) -> Fr:
        return _new(-self._v % R)

    def __pos__(self) -> Fr:
        return self
