"""circom/snarkjs witness files (``.wtns``, version 2).

A witness is one field element per wire, in wire order (wire 0 is the constant 1). It is
given as a sequence of ``int``/:class:`~masa_zk.Fr` (each in [0, r); nothing is reduced) or,
for large witnesses, as a numpy ``uint64`` array of shape (n, 4): each row one value as
four little-endian 64-bit words, which crosses into the native core without conversion.

>>> import tempfile, os
>>> path = os.path.join(tempfile.mkdtemp(), "w.wtns")
>>> write_wtns(path, [1, 33, 3, 11])
>>> read_wtns(path)
[1, 33, 3, 11]
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any, TypeAlias

import numpy as np
import numpy.typing as npt

from masa_zk import _ffi
from masa_zk.bn254.fr import Fr
from masa_zk.bn254.words import encode_words

#: What the witness functions accept.
Witness: TypeAlias = Sequence[int | Fr] | npt.NDArray[np.uint64]

__all__ = [
    "Witness",
    "read_wtns",
    "read_wtns_array",
    "witness_words",
    "write_wtns",
    "wtns_from_bytes",
    "wtns_to_bytes",
]


def witness_words(witness: Witness) -> Any:
    """The witness as a buffer of 32-byte little-endian words (``bytes`` or a numpy array).

    Values are checked to lie in [0, r) (for numpy arrays, by the native core).

    >>> witness_words([1, 2])[:2]
    b'\\x01\\x00'
    """
    return encode_words(witness, "witness", reduce=False)


def _words_to_ints(words: bytes) -> list[int]:
    return [int.from_bytes(words[i : i + 32], "little") for i in range(0, len(words), 32)]


def wtns_from_bytes(data: bytes) -> list[int]:
    """Parse ``.wtns`` bytes into a list of ints (validated: magic, version <= 2, the BN254
    scalar field, sizes, every value < r).

    >>> wtns_from_bytes(wtns_to_bytes([1, 5]))
    [1, 5]
    """
    return _words_to_ints(_ffi.wtns_read(bytes(data)))


def wtns_to_bytes(witness: Witness) -> bytes:
    """Encode a witness as ``.wtns`` bytes (version 2, the layout circom and snarkjs write).

    >>> wtns_to_bytes([1])[:4]
    b'wtns'
    """
    return _ffi.wtns_write(witness_words(witness))


def read_wtns(path: str | os.PathLike[str]) -> list[int]:
    """Read a ``.wtns`` file as a list of ints (see :func:`wtns_from_bytes`).

    >>> import tempfile, os
    >>> p = os.path.join(tempfile.mkdtemp(), "a.wtns")
    >>> write_wtns(p, [1, 2, 3])
    >>> read_wtns(p)
    [1, 2, 3]
    """
    with open(path, "rb") as f:
        return wtns_from_bytes(f.read())


def read_wtns_array(path: str | os.PathLike[str]) -> npt.NDArray[np.uint64]:
    """Read a ``.wtns`` file as a numpy ``uint64`` array of shape (n, 4) (LE words), the
    fast form for large witnesses.

    >>> import tempfile, os
    >>> p = os.path.join(tempfile.mkdtemp(), "a.wtns")
    >>> write_wtns(p, [1, 2**64 + 7])
    >>> read_wtns_array(p).tolist()
    [[1, 0, 0, 0], [7, 1, 0, 0]]
    """
    with open(path, "rb") as f:
        words = _ffi.wtns_read(f.read())
    return np.frombuffer(words, dtype="<u8").reshape(-1, 4).astype(np.uint64)


def write_wtns(path: str | os.PathLike[str], witness: Witness) -> None:
    """Write a witness as a ``.wtns`` file (see :func:`wtns_to_bytes`).

    >>> import tempfile, os
    >>> p = os.path.join(tempfile.mkdtemp(), "b.wtns")
    >>> write_wtns(p, [1, 42])
    >>> os.path.getsize(p)
    140
    """
    data = wtns_to_bytes(witness)
    with open(path, "wb") as f:
        f.write(data)
