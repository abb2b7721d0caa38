"""Poseidon over the BN254 scalar field, exactly as circomlib's ``Poseidon(n)``.

Width ``t = n + 1`` for ``n`` = 1..16 inputs, x^5 S-box, 8 full rounds and circomlib's
partial-round counts; the constants come from the Poseidon reference's Grain LFSR.

>>> from masa_zk import poseidon
>>> poseidon([1, 2])
7853200120776062878684798364095072458815029376092732009249414926327459813530
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, overload

import numpy as np
import numpy.typing as npt

from masa_zk import _ffi

#: The BN254 scalar field modulus r: every input must lie in [0, r).
from masa_zk.bn254.fr import R as FIELD_MODULUS
from masa_zk.bn254.fr import field_int
from masa_zk.errors import InvalidInput

#: The largest number of inputs of one hash.
MAX_INPUTS = 16
#: Partial rounds for t = 2..17 (index t - 2); every width has 8 full rounds.
PARTIAL_ROUNDS = (56, 57, 56, 60, 60, 63, 64, 63, 60, 66, 60, 65, 70, 60, 64, 68)
FULL_ROUNDS = 8

__all__ = ["FIELD_MODULUS", "MAX_INPUTS", "constants", "poseidon", "poseidon_batch"]


def _element(v: Any) -> int:
    return field_int(v, "poseidon: each input")


def _row(values: Any, where: str = "") -> list[int]:
    if isinstance(values, (str, bytes, bytearray)) or not isinstance(values, Sequence):
        raise InvalidInput(f"poseidon: expected a sequence of integers{where}")
    n = len(values)
    if not 1 <= n <= MAX_INPUTS:
        raise InvalidInput(f"poseidon: expected 1..{MAX_INPUTS} inputs{where}, got {n}")
    return [_element(v) for v in values]


def poseidon(values: Sequence[int]) -> int:
    """Poseidon hash of 1..16 field elements, as circomlib's ``Poseidon(len(values))``.

    Raises :class:`~masa_zk.errors.InvalidInput` for a wrong count, a non-integer, or a value
    outside [0, r).

    >>> poseidon([0])
    19014214495641488759237505126948346942972912379615652741039992445865937985820
    """
    xs = _row(values)
    data = b"".join(x.to_bytes(32, "little") for x in xs)
    return int.from_bytes(_ffi.poseidon_hash(data, len(xs)), "little")


@overload
def poseidon_batch(rows: npt.NDArray[np.uint64]) -> npt.NDArray[np.uint64]: ...


@overload
def poseidon_batch(rows: Sequence[Sequence[int]]) -> list[int]: ...


def poseidon_batch(
    rows: Sequence[Sequence[int]] | npt.NDArray[np.uint64],
) -> list[int] | npt.NDArray[np.uint64]:
    """Poseidon of many rows of the same arity, hashed in parallel by the native core.

    ``rows`` is either a sequence of equal-length rows of ints (returns ``list[int]``), or a
    numpy ``uint64`` array of shape ``(m, n, 4)`` holding each element as four little-endian
    64-bit limbs (returns a ``(m, 4)`` ``uint64`` array in the same layout).

    >>> poseidon_batch([[1, 2], [3, 4]])[0] == poseidon([1, 2])
    True
    """
    if isinstance(rows, np.ndarray):
        return _batch_numpy(rows)
    if isinstance(rows, (str, bytes, bytearray)) or not isinstance(rows, Sequence):
        raise InvalidInput("poseidon_batch: expected a sequence of rows or a numpy array")
    if len(rows) == 0:
        return []
    parsed = [_row(r, f" in row {i}") for i, r in enumerate(rows)]
    arity = len(parsed[0])
    for i, r in enumerate(parsed):
        if len(r) != arity:
            raise InvalidInput(f"poseidon_batch: row {i} has {len(r)} inputs, row 0 has {arity}")
    data = b"".join(x.to_bytes(32, "little") for r in parsed for x in r)
    out = bytearray(32 * len(parsed))
    _ffi.poseidon_hash_batch_into(data, len(parsed), arity, out)
    return [int.from_bytes(out[32 * i : 32 * i + 32], "little") for i in range(len(parsed))]


def _batch_numpy(rows: npt.NDArray[Any]) -> npt.NDArray[np.uint64]:
    if rows.dtype != np.uint64 or rows.ndim != 3 or rows.shape[2] != 4:
        raise InvalidInput(
            "poseidon_batch: a numpy input must be uint64 of shape (m, n, 4), "
            f"got {rows.dtype} {rows.shape}"
        )
    m, n = int(rows.shape[0]), int(rows.shape[1])
    if not 1 <= n <= MAX_INPUTS:
        raise InvalidInput(f"poseidon_batch: expected 1..{MAX_INPUTS} inputs per row, got {n}")
    out = np.zeros((m, 4), dtype=np.uint64)
    if m == 0:
        return out
    data = np.ascontiguousarray(rows, dtype="<u8")
    _ffi.poseidon_hash_batch_into(data, m, n, out)
    return out


def constants(t: int) -> tuple[list[int], list[list[int]]]:
    """The round constants and the MDS matrix of width ``t`` (2..17), as generated.

    ``constants(t)[0]`` lists ``(8 + R_P) * t`` round constants round by round, and
    ``constants(t)[1][i][j]`` is the MDS entry mapping state ``j`` into state ``i``.

    >>> c, m = constants(3)
    >>> len(c), len(m)
    (195, 3)
    """
    if isinstance(t, bool) or not isinstance(t, int) or not 2 <= t <= MAX_INPUTS + 1:
        raise InvalidInput(f"poseidon: width t must be an int in 2..{MAX_INPUTS + 1}")
    cb, mb = _ffi.poseidon_constants(t)
    words = [int.from_bytes(cb[i : i + 32], "little") for i in range(0, len(cb), 32)]
    mw = [int.from_bytes(mb[i : i + 32], "little") for i in range(0, len(mb), 32)]
    return words, [mw[i * t : (i + 1) * t] for i in range(t)]
