"""Multi-scalar multiplication over G1 and G2, and handles of checked bases.

Scalars are given as a sequence of ``int``/:class:`Fr` (ints are reduced mod r) or, for
speed, as a numpy ``uint64`` array of shape (n, 4): each row one scalar as four
little-endian 64-bit words, which must be ``< r``. Such an array crosses into the native
core without conversion.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, ClassVar, Generic, NamedTuple, Self, TypeAlias, TypeVar

import numpy as np
import numpy.typing as npt

from masa_zk import _ffi
from masa_zk.bn254.fr import Fr
from masa_zk.bn254.points import G1, G2, _Point
from masa_zk.bn254.words import encode_words
from masa_zk.errors import InvalidInput

#: What MSM functions accept as scalars.
Scalars: TypeAlias = Sequence[int | Fr] | npt.NDArray[np.uint64]

_P = TypeVar("_P", G1, G2)


def scalars_le_array(scalars: Any) -> Any:
    """Scalars as a buffer of 32-byte little-endian words (``bytes`` or a numpy array)."""
    return encode_words(scalars, "scalars", reduce=True)


def _points_bytes(cls: type[_Point], points: object) -> bytes:
    if isinstance(points, (bytes, bytearray, memoryview)):
        return bytes(points)
    if not isinstance(points, Sequence):
        raise InvalidInput(f"points: expected a sequence of {cls.__name__}")
    out = []
    for p in points:
        if type(p) is not cls:
            raise InvalidInput(f"points: expected {cls.__name__}, got {type(p).__name__}")
        out.append(p._b)
    return b"".join(out)


def msm_g1(points: Sequence[G1], scalars: Scalars) -> G1:
    """``sum_i scalars[i] * points[i]`` over G1 (same lengths).

    >>> g = G1.generator()
    >>> msm_g1([g, g * 2], [3, Fr(4)]) == g * 11
    True
    """
    return G1._wrap(_ffi.g1_msm(_points_bytes(G1, points), scalars_le_array(scalars)))


def msm_g2(points: Sequence[G2], scalars: Scalars) -> G2:
    """``sum_i scalars[i] * points[i]`` over G2 (same lengths).

    >>> h = G2.generator()
    >>> msm_g2([h, h], [1, 2]) == h * 3
    True
    """
    return G2._wrap(_ffi.g2_msm(_points_bytes(G2, points), scalars_le_array(scalars)))


class _BasesOps(NamedTuple):
    """The native calls behind one group's bases handle."""

    new: Callable[[bytes], Any]
    length: Callable[[Any], int]
    msm: Callable[[Any, Any], bytes]
    generator_mul_batch: Callable[[Any], bytes]


class _Bases(Generic[_P]):
    _cls: ClassVar[type[Any]]
    _ops: ClassVar[_BasesOps]

    __slots__ = ("_handle", "_n")

    def __init__(self, points: Sequence[_P] | bytes) -> None:
        raw = _points_bytes(self._cls, points)
        self._handle = self._ops.new(raw)
        self._n = self._ops.length(self._handle)

    @classmethod
    def from_generator_mul(cls, scalars: Scalars) -> Self:
        """The bases ``[s_i] G``, computed natively without Python objects per point.

        >>> G1Bases.from_generator_mul([1, 2]).msm([2, 1]) == G1.generator() * 4
        True
        """
        return cls(cls._ops.generator_mul_batch(scalars_le_array(scalars)))

    def __len__(self) -> int:
        return self._n

    def msm(self, scalars: Scalars) -> _P:
        """``sum_i scalars[i] * bases[i]``; exactly one scalar per base."""
        point: _P = self._cls._wrap(self._ops.msm(self._handle, scalars_le_array(scalars)))
        return point

    def __repr__(self) -> str:
        return f"{type(self).__name__}(n={self._n})"


class G1Bases(_Bases[G1]):
    """G1 points checked once and kept native-side for repeated MSMs.

    Build it from a sequence of :class:`G1` or from their uncompressed encodings
    concatenated (each is checked).

    >>> g = G1.generator()
    >>> bases = G1Bases([g, g * 2, g * 3])
    >>> bases.msm([1, 1, 1]) == g * 6
    True
    """

    __slots__ = ()
    _cls = G1
    _ops = _BasesOps(
        _ffi.g1_bases_new, _ffi.g1_bases_len, _ffi.g1_bases_msm, _ffi.g1_generator_mul_batch
    )


class G2Bases(_Bases[G2]):
    """G2 points checked once (subgroup included) and kept native-side for MSMs.

    >>> h = G2.generator()
    >>> G2Bases([h, h]).msm([2, 3]) == h * 5
    True
    """

    __slots__ = ()
    _cls = G2
    _ops = _BasesOps(
        _ffi.g2_bases_new, _ffi.g2_bases_len, _ffi.g2_bases_msm, _ffi.g2_generator_mul_batch
    )


__all__ = ["G1Bases", "G2Bases", "Scalars", "msm_g1", "msm_g2", "scalars_le_array"]
