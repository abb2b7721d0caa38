"""Vectors of field elements as they cross into the native core: 32-byte little-endian
words, given either as Python ints or as a numpy ``uint64`` array of shape (n, 4) (one row
per element, four little-endian 64-bit limbs), which crosses without conversion.

>>> encode_words([1, 2], "xs", reduce=False)[:2]
b'\\x01\\x00'
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from masa_zk.bn254.fr import field_int, scalar_int
from masa_zk.errors import InvalidInput


def encode_words(values: Any, what: str, *, reduce: bool) -> Any:
    """``values`` as one buffer of words: a C-contiguous numpy array passes through (the
    native core checks each word < r); ints are reduced mod r (``reduce=True``, scalars)
    or must lie in [0, r) (``reduce=False``, field elements)."""
    if isinstance(values, np.ndarray):
        if values.dtype.kind != "u" or values.dtype.itemsize != 8:
            raise InvalidInput(f"{what}: expected a uint64 array, got dtype {values.dtype}")
        if values.ndim != 2 or values.shape[1] != 4:
            raise InvalidInput(f"{what}: expected shape (n, 4), got {values.shape}")
        return np.ascontiguousarray(values, dtype="<u8")
    if isinstance(values, (str, bytes, bytearray, memoryview)) or not isinstance(values, Sequence):
        raise InvalidInput(
            f"{what}: expected a sequence of int/Fr or a numpy array, got {type(values).__name__}"
        )
    if reduce:
        return b"".join([scalar_int(v).to_bytes(32, "little") for v in values])
    return b"".join(
        [field_int(v, f"{what}[{i}]").to_bytes(32, "little") for i, v in enumerate(values)]
    )
