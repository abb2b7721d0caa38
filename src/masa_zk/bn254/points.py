"""The BN254 groups G1 (over Fq) and G2 (over Fq2), as immutable values.

A point holds its canonical uncompressed encoding (G1: 64 bytes ``x || y``; G2: 128 bytes
``x.c1 || x.c0 || y.c1 || y.c0``, big-endian, EIP-196/197; the identity is all zeros).
Every way in (``from_bytes``, ``from_coordinates``) checks canonical coordinates, the curve
equation and membership of the prime-order subgroup; arithmetic runs in the native core.
The compressed forms (32 / 64 bytes) follow snarkjs/wasmcurves: flag ``0x80`` in byte 0
means y is the larger root, ``0x40`` is the identity.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, ClassVar, NamedTuple, TypeVar

from masa_zk import _ffi
from masa_zk.bn254.fr import Fr, Q, scalar_le
from masa_zk.errors import InvalidEncoding, InvalidInput

_P = TypeVar("_P", bound="_Point")


class _Ops(NamedTuple):
    """The native functions of one group."""

    decode: Callable[[bytes], bytes]
    compress: Callable[[bytes], bytes]
    add: Callable[[bytes, bytes], bytes]
    sub: Callable[[bytes, bytes], bytes]
    neg: Callable[[bytes], bytes]
    mul: Callable[[bytes, bytes], bytes]
    batch: Callable[[Any], bytes]


def _check_bytes(what: str, data: object) -> bytes:
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise InvalidInput(f"{what}: expected bytes, got {type(data).__name__}")
    return bytes(data)


def _coord(what: str, v: object) -> int:
    if not isinstance(v, int) or isinstance(v, bool):
        raise InvalidInput(f"{what}: expected an int coordinate, got {type(v).__name__}")
    if not 0 <= v < Q:
        raise InvalidEncoding(f"{what}: coordinate outside [0, q)")
    return v


class _Point:
    """What G1 and G2 share; the class attributes say which group."""

    __slots__ = ("_b",)
    _b: bytes
    _SIZE: ClassVar[int]
    _CSIZE: ClassVar[int]
    _OPS: ClassVar[_Ops]
    _SCALES_BY_FR: ClassVar[bool] = True
    _GEN: ClassVar[bytes]

    def __init__(self, *args: object, **kwargs: object) -> None:
        raise InvalidInput(
            f"{type(self).__name__}: use from_bytes, from_coordinates, generator or identity"
        )

    @classmethod
    def _wrap(cls: type[_P], canonical: bytes) -> _P:
        p = object.__new__(cls)
        object.__setattr__(p, "_b", canonical)
        return p

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable")

    def __reduce__(self) -> tuple[Any, tuple[bytes]]:
        # Pickling goes through from_bytes, so an unpickled point is checked again.
        return (type(self).from_bytes, (self._b,))

    def _same(self: _P, other: object, op: str) -> _P:
        if type(other) is not type(self):
            raise InvalidInput(
                f"{type(self).__name__} {op}: expected {type(self).__name__}, "
                f"got {type(other).__name__}"
            )
        return other

    @classmethod
    def generator(cls: type[_P]) -> _P:
        """The standard generator (EIP-196/197)."""
        return cls._wrap(cls._GEN)

    @classmethod
    def identity(cls: type[_P]) -> _P:
        """The point at infinity."""
        return cls._wrap(bytes(cls._SIZE))

    @classmethod
    def from_bytes(cls: type[_P], data: bytes, compressed: bool | None = None) -> _P:
        """Decode and check an encoding; the form is chosen by length unless ``compressed``
        says which.

        >>> p = G1.generator() * 7
        >>> G1.from_bytes(p.to_bytes()) == G1.from_bytes(p.to_bytes(True), compressed=True) == p
        True
        """
        data = _check_bytes(f"{cls.__name__}.from_bytes", data)
        if compressed is not None:
            want = cls._CSIZE if compressed else cls._SIZE
            if len(data) != want:
                raise InvalidInput(
                    f"{cls.__name__}.from_bytes: expected {want} bytes, got {len(data)}"
                )
        return cls._wrap(cls._OPS.decode(data))

    def to_bytes(self, compressed: bool = False) -> bytes:
        """The canonical encoding: uncompressed (default) or compressed.

        >>> G1.generator().to_bytes().hex()[-2:], len(G2.generator().to_bytes(compressed=True))
        ('02', 64)
        """
        if compressed:
            return self._OPS.compress(self._b)
        return self._b

    def is_identity(self) -> bool:
        """Whether this is the point at infinity.

        >>> G2.identity().is_identity(), G2.generator().is_identity()
        (True, False)
        """
        return not any(self._b)

    @classmethod
    def generator_mul_batch(cls: type[_P], scalars: Any) -> list[_P]:
        """``[s]G`` for every scalar (ints, :class:`Fr`, or a numpy uint64 (n, 4) array),
        in parallel with one shared table of multiples of the generator.

        >>> G1.generator_mul_batch([1, 2]) == [G1.generator(), G1.generator() * 2]
        True
        """
        from masa_zk.bn254.msm import scalars_le_array

        raw = cls._OPS.batch(scalars_le_array(scalars))
        n = cls._SIZE
        return [cls._wrap(raw[i : i + n]) for i in range(0, len(raw), n)]

    def __add__(self: _P, other: _P) -> _P:
        return self._wrap(self._OPS.add(self._b, self._same(other, "+")._b))

    def __sub__(self: _P, other: _P) -> _P:
        return self._wrap(self._OPS.sub(self._b, self._same(other, "-")._b))

    def __neg__(self: _P) -> _P:
        return self._wrap(self._OPS.neg(self._b))

    def __mul__(self: _P, k: int | Fr) -> _P:
        return self._wrap(self._OPS.mul(self._b, scalar_le(k)))

    def __rmul__(self: _P, k: int | Fr) -> _P:
        return self.__mul__(k)

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self._b == other._b

    def __hash__(self) -> int:
        return hash((type(self).__name__, self._b))

    def __bool__(self) -> bool:
        return not self.is_identity()


def _gen1() -> bytes:
    return (1).to_bytes(32, "big") + (2).to_bytes(32, "big")


_G2_GEN_X = (
    10857046999023057135944570762232829481370756359578518086990519993285655852781,
    11559732032986387107991004021392285783925812861821192530917403151452391805634,
)
_G2_GEN_Y = (
    8495653923123431417604973247489272438418190587263600148770280649306958101930,
    4082367875863433681332203403145435568316851327593401208105741076214120093531,
)


def _fq2_be(c: tuple[int, int]) -> bytes:
    return c[1].to_bytes(32, "big") + c[0].to_bytes(32, "big")


class G1(_Point):
    """A point of G1 (the curve y^2 = x^3 + 3 over Fq, prime order r).

    >>> g = G1.generator()
    >>> (g * 2 + g) == 3 * g
    True
    >>> G1.from_bytes((g * 5).to_bytes(compressed=True)) == Fr(5) * g
    True
    >>> (g - g).is_identity()
    True
    """

    __slots__ = ()
    _SIZE = _ffi.G1_BYTES
    _CSIZE = _ffi.G1_COMPRESSED_BYTES
    _OPS = _Ops(
        _ffi.g1_decode,
        _ffi.g1_compress,
        _ffi.g1_add,
        _ffi.g1_sub,
        _ffi.g1_neg,
        _ffi.g1_mul,
        _ffi.g1_generator_mul_batch,
    )
    _GEN = _gen1()

    @classmethod
    def from_coordinates(cls, x: int, y: int) -> G1:
        """The point (x, y), checked; (0, 0) is the identity.

        >>> G1.from_coordinates(1, 2) == G1.generator()
        True
        """
        data = _coord("G1 x", x).to_bytes(32, "big") + _coord("G1 y", y).to_bytes(32, "big")
        return cls._wrap(_ffi.g1_decode(data))

    @property
    def x(self) -> int:
        """The affine x coordinate (0 for the identity)."""
        return int.from_bytes(self._b[:32], "big")

    @property
    def y(self) -> int:
        """The affine y coordinate (0 for the identity)."""
        return int.from_bytes(self._b[32:], "big")

    def __repr__(self) -> str:
        if self.is_identity():
            return "G1(identity)"
        return f"G1(x={self.x:#x}, y={self.y:#x})"


class G2(_Point):
    """A point of G2 (the twist y^2 = x^3 + 3/(9+u) over Fq2, its order-r subgroup).

    Coordinates are pairs ``(c0, c1)`` meaning ``c0 + c1*u`` (snarkjs JSON order); the byte
    encoding puts c1 first (EVM order).

    >>> h = G2.generator()
    >>> h * 3 - h == h + h
    True
    >>> G2.from_bytes(h.to_bytes(compressed=True)) == h
    True
    """

    __slots__ = ()
    _SIZE = _ffi.G2_BYTES
    _CSIZE = _ffi.G2_COMPRESSED_BYTES
    _OPS = _Ops(
        _ffi.g2_decode,
        _ffi.g2_compress,
        _ffi.g2_add,
        _ffi.g2_sub,
        _ffi.g2_neg,
        _ffi.g2_mul,
        _ffi.g2_generator_mul_batch,
    )
    _GEN = _fq2_be(_G2_GEN_X) + _fq2_be(_G2_GEN_Y)

    @classmethod
    def from_coordinates(cls, x: Sequence[int], y: Sequence[int]) -> G2:
        """The point with ``x = x[0] + x[1]*u``, ``y = y[0] + y[1]*u``, checked (subgroup
        included); all-zero coordinates are the identity.

        >>> G2.from_coordinates(G2.generator().x, G2.generator().y) == G2.generator()
        True
        """
        parts = []
        for name, c in (("x", x), ("y", y)):
            if not isinstance(c, (tuple, list)) or len(c) != 2:
                raise InvalidInput(f"G2 {name}: expected a pair (c0, c1)")
            parts.append(_fq2_be((_coord(f"G2 {name}.c0", c[0]), _coord(f"G2 {name}.c1", c[1]))))
        return cls._wrap(_ffi.g2_decode(b"".join(parts)))

    @property
    def x(self) -> tuple[int, int]:
        """The affine x coordinate as (c0, c1) ((0, 0) for the identity)."""
        b = self._b
        return int.from_bytes(b[32:64], "big"), int.from_bytes(b[0:32], "big")

    @property
    def y(self) -> tuple[int, int]:
        """The affine y coordinate as (c0, c1) ((0, 0) for the identity)."""
        b = self._b
        return int.from_bytes(b[96:128], "big"), int.from_bytes(b[64:96], "big")

    def __repr__(self) -> str:
        if self.is_identity():
            return "G2(identity)"
        return f"G2(x={self.x}, y={self.y})"


__all__ = ["G1", "G2"]
