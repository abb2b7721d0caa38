"""Radix-2 FFT over BN254's scalar field Fr (the native, multi-threaded kernel).

An :class:`FftDomain` is the multiplicative subgroup H = <omega> of Fr of size n = 2^k
(1 <= k <= 28), with its twiddle tables precomputed natively. omega is the same root of unity
that snarkjs, circom and rapidsnark use (ffjavascript's ``Fr.w[k]``, i.e. 5^((r-1)/2^28)
squared 28 - k times), so evaluations line up with ``.zkey`` Lagrange bases.

Values are either a sequence of Python ints (each ``0 <= v < r``; a ``list[int]`` comes back)
or a numpy ``uint64`` array of shape ``(n, 4)``: one row per element, four 64-bit limbs, least
significant first, normal (non-Montgomery) form; an array of the same shape comes back. The
array path skips all per-element Python work and is the one to use for large n. Inputs are
never modified.

>>> from masa_zk import FftDomain
>>> d = FftDomain(4)
>>> evals = d.fft([1, 2, 0, 0])          # 1 + 2x at 1, w, w^2, w^3
>>> evals == [(1 + 2 * x) % R for x in d.elements()]
True
>>> d.ifft(evals)
[1, 2, 0, 0]
"""

from __future__ import annotations

import operator
from collections.abc import Sequence
from typing import Any, overload

import numpy as np
import numpy.typing as npt

from masa_zk import _ffi
from masa_zk.errors import InvalidInput

__all__ = ["GENERATOR", "MAX_LOG_SIZE", "FftDomain", "R"]

#: The order of BN254's G1/G2 groups: the scalar field Fr.
from masa_zk.bn254.fr import R

#: Fr's multiplicative generator (the smallest quadratic non-residue); the default coset shift.
GENERATOR = 5
#: Fr's two-adicity: the largest FFT domain has 2^28 elements.
MAX_LOG_SIZE = 28

U64Array = npt.NDArray[np.uint64]


def _encode_ints(values: Sequence[int], n: int) -> bytearray:
    if len(values) != n:
        raise InvalidInput(f"expected {n} values, got {len(values)}")
    try:
        return bytearray(b"".join([operator.index(v).to_bytes(32, "little") for v in values]))
    except (TypeError, OverflowError):
        pass
    for i, v in enumerate(values):
        try:
            x = operator.index(v)
        except TypeError:
            raise InvalidInput(f"value at index {i} is not an integer: {v!r}") from None
        if not 0 <= x < R:
            raise InvalidInput(f"value at index {i} is out of range [0, r)")
    raise AssertionError("unreachable")  # pragma: no cover


def _decode_ints(buf: bytes | bytearray) -> list[int]:
    mv = memoryview(buf)
    return [int.from_bytes(mv[i : i + 32], "little") for i in range(0, len(mv), 32)]


def _check_array(values: U64Array, n: int) -> U64Array:
    if values.dtype != np.dtype(np.uint64):
        raise InvalidInput(f"array values must have dtype uint64, got {values.dtype}")
    if values.shape != (n, 4):
        raise InvalidInput(f"array values must have shape ({n}, 4), got {values.shape}")
    # A fresh C-contiguous copy: the transform runs in place on it.
    return np.array(values, dtype=np.uint64, order="C", copy=True)


def _shift_bytes(shift: int | None) -> bytes:
    g = GENERATOR if shift is None else shift
    try:
        g = operator.index(g)
    except TypeError:
        raise InvalidInput(f"coset shift must be an integer, got {shift!r}") from None
    if not 0 < g < R:
        raise InvalidInput("coset shift must be in [1, r)")
    return g.to_bytes(32, "little")


class FftDomain:
    """The subgroup H of Fr of size ``size`` (a power of two, 2 <= size <= 2^28).

    Transforms return natural order: entry i of an evaluation vector is the value at
    ``omega**i`` (``shift * omega**i`` for a coset); coefficient i is that of ``x**i``.

    >>> d = FftDomain(8)
    >>> d.size, pow(d.omega, 8, R), pow(d.omega, 4, R) == R - 1
    (8, 1, True)
    >>> coeffs = [3, 1, 4, 1, 5, 9, 2, 6]
    >>> d.coset_ifft(d.coset_fft(coeffs)) == coeffs
    True
    """

    __slots__ = ("_handle", "_log_size", "_omega", "_size")

    def __init__(self, size: int) -> None:
        if isinstance(size, bool) or not isinstance(size, int):
            raise InvalidInput(f"domain size must be an int, got {type(size).__name__}")
        if size < 2 or size & (size - 1) or size > 1 << MAX_LOG_SIZE:
            raise InvalidInput(
                f"domain size must be a power of two in [2, 2^{MAX_LOG_SIZE}], got {size}"
            )
        self._size = size
        self._log_size = size.bit_length() - 1
        self._handle = _ffi.fft_domain_new(self._log_size)
        self._omega = int.from_bytes(_ffi.fft_domain_omega(self._handle), "little")

    def __repr__(self) -> str:
        return f"FftDomain({self._size})"

    @property
    def size(self) -> int:
        """The number of elements n."""
        return self._size

    @property
    def log_size(self) -> int:
        """log2(n)."""
        return self._log_size

    @property
    def omega(self) -> int:
        """The generator of H: a primitive n-th root of unity."""
        return self._omega

    def elements(self) -> list[int]:
        """``[omega**0, omega**1, ..., omega**(n-1)]``.

        >>> FftDomain(2).elements() == [1, R - 1]
        True
        """
        return _decode_ints(_ffi.fft_domain_elements(self._handle, self._size))

    def _apply(self, values: Any, run: Any) -> Any:
        if isinstance(values, np.ndarray):
            arr = _check_array(values, self._size)
            run(arr)
            return arr
        if isinstance(values, (str, bytes, bytearray)) or not isinstance(values, Sequence):
            raise InvalidInput(
                "values must be a sequence of ints or a uint64 numpy array of shape (n, 4)"
            )
        buf = _encode_ints(values, self._size)
        run(buf)
        return _decode_ints(buf)

    @overload
    def fft(self, values: U64Array) -> U64Array: ...
    @overload
    def fft(self, values: Sequence[int]) -> list[int]: ...
    def fft(self, values: Sequence[int] | U64Array) -> list[int] | U64Array:
        """Coefficients -> evaluations on H.

        >>> FftDomain(2).fft([5, 1]) == [6, 4]
        True
        """
        return self._apply(values, lambda b: _ffi.fft_forward(self._handle, b))  # type: ignore[no-any-return]

    @overload
    def ifft(self, values: U64Array) -> U64Array: ...
    @overload
    def ifft(self, values: Sequence[int]) -> list[int]: ...
    def ifft(self, values: Sequence[int] | U64Array) -> list[int] | U64Array:
        """Evaluations on H -> coefficients (the interpolating polynomial of degree < n).

        >>> FftDomain(2).ifft([6, 4])
        [5, 1]
        """
        return self._apply(values, lambda b: _ffi.fft_inverse(self._handle, b))  # type: ignore[no-any-return]

    @overload
    def coset_fft(self, values: U64Array, shift: int | None = None) -> U64Array: ...
    @overload
    def coset_fft(self, values: Sequence[int], shift: int | None = None) -> list[int]: ...
    def coset_fft(
        self, values: Sequence[int] | U64Array, shift: int | None = None
    ) -> list[int] | U64Array:
        """Coefficients -> evaluations on the coset ``shift * H`` (entry i at shift*omega^i).

        ``shift`` defaults to :data:`GENERATOR` (5), Fr's multiplicative generator, which is
        never in H; it must be in [1, r).

        >>> FftDomain(2).coset_fft([5, 1], shift=3) == [8, 2]
        True
        """
        g = _shift_bytes(shift)
        return self._apply(values, lambda b: _ffi.fft_coset_forward(self._handle, g, b))  # type: ignore[no-any-return]

    @overload
    def coset_ifft(self, values: U64Array, shift: int | None = None) -> U64Array: ...
    @overload
    def coset_ifft(self, values: Sequence[int], shift: int | None = None) -> list[int]: ...
    def coset_ifft(
        self, values: Sequence[int] | U64Array, shift: int | None = None
    ) -> list[int] | U64Array:
        """Evaluations on ``shift * H`` -> coefficients (the inverse of :meth:`coset_fft`).

        >>> FftDomain(2).coset_ifft([8, 2], shift=3)
        [5, 1]
        """
        g = _shift_bytes(shift)
        return self._apply(values, lambda b: _ffi.fft_coset_inverse(self._handle, g, b))  # type: ignore[no-any-return]

    @overload
    def odd_coset_h(self, a: U64Array, b: U64Array, c: U64Array) -> U64Array: ...
    @overload
    def odd_coset_h(self, a: Sequence[int], b: Sequence[int], c: Sequence[int]) -> list[int]: ...
    def odd_coset_h(
        self,
        a: Sequence[int] | U64Array,
        b: Sequence[int] | U64Array,
        c: Sequence[int] | U64Array,
    ) -> list[int] | U64Array:
        """The Groth16 quotient step, computed the snarkjs/rapidsnark way.

        From the evaluations of A, B, C on H (the R1CS matrices applied to a witness), returns
        ``A(x)*B(x) - C(x)`` at the n odd points ``x_i = omega_2n**(2*i + 1)`` of the size-2n
        domain, i.e. on the coset ``omega_2n * H`` (for n = 2^28, which has no 2n-th root:
        on ``25 * H``, ffjavascript's ``Fr.shift``). A, B, C are interpolated with degree < n.
        Like snarkjs, the result is **not** divided by Z_H(x) = x^n - 1: that is the constant
        -2 on this coset, and the ``.zkey`` H points absorb it. These are the scalars of the
        H multi-exponentiation. All three inputs must be of the same kind.

        >>> d = FftDomain(2)
        >>> w4 = FftDomain(4).omega
        >>> a, b = [1, 2], [3, 4]
        >>> c = [x * y for x, y in zip(a, b)]
        >>> h = d.odd_coset_h(a, b, c)
        >>> # A(x) = (3 - x)/2 and B(x) = (7 - x)/2 interpolate a and b on {1, -1}
        >>> inv2 = pow(2, -1, R)
        >>> A = lambda x: (3 - x) * inv2 % R
        >>> B = lambda x: (7 - x) * inv2 % R
        >>> C = lambda x: (11 - 5 * x) * inv2 % R
        >>> h == [(A(x) * B(x) - C(x)) % R for x in (w4, pow(w4, 3, R))]
        True
        """
        n = self._size
        kinds = {isinstance(x, np.ndarray) for x in (a, b, c)}
        if len(kinds) != 1:
            raise InvalidInput("a, b and c must all be numpy arrays or all be sequences")
        if kinds == {True}:
            arrs = [_check_array(x, n) for x in (a, b, c)]  # type: ignore[arg-type]
            out = np.empty((n, 4), dtype=np.uint64)
            _ffi.fft_odd_coset_h(self._handle, arrs[0], arrs[1], arrs[2], out)
            return out
        bufs = []
        for x in (a, b, c):
            if isinstance(x, (str, bytes, bytearray)) or not isinstance(x, Sequence):
                raise InvalidInput("values must be sequences of ints")
            bufs.append(_encode_ints(x, n))
        res = bytearray(32 * n)
        _ffi.fft_odd_coset_h(self._handle, bufs[0], bufs[1], bufs[2], res)
        return _decode_ints(res)
