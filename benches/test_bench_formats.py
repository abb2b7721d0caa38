"""Reading, writing and checking circom ``.r1cs`` / ``.wtns`` files of 2^16 .. 2^20 constraints.

    .venv/bin/python -m pytest benches/test_bench_formats.py --benchmark-enable --benchmark-only

The circuit is a chain ``(w_i + 3 w_0) * w_i = w_{i+1}`` (two terms in A, one in B and C,
as in typical circom output), built as file bytes with numpy so set-up stays cheap.
Parsing includes full validation (every coefficient < r, every wire id < nWires).
"""

from __future__ import annotations

import struct
from typing import Any

import numpy as np
import pytest

from masa_zk import _ffi
from masa_zk.formats import R1CS, wtns_to_bytes

R = 21888242871839275222246405745257275088548364400416034343698204186575808495617
LOG_SIZES = [16, 18, 20]


def _chain(n: int) -> tuple[bytes, np.ndarray]:
    """The .r1cs bytes and a satisfying witness (numpy (n + 1, 4) LE words)."""
    rec = np.zeros((n, 4 + 72 + 4 + 36 + 4 + 36), dtype=np.uint8)
    i = np.arange(n, dtype="<u4")

    def put(col: int, v: np.ndarray) -> None:
        rec[:, col : col + 4] = v.astype("<u4").view(np.uint8).reshape(n, 4)

    put(0, np.full(n, 2))  # A: (0, 3), (i + 1, 1)
    put(4, np.zeros(n))
    rec[:, 8] = 3
    put(40, i + 1)
    rec[:, 44] = 1
    put(76, np.ones(n))  # B: (i + 1, 1)
    put(80, i + 1)
    rec[:, 84] = 1
    put(116, np.ones(n))  # C: (i + 2, 1)
    put(120, i + 2)
    rec[:, 124] = 1

    def sec(k: int, p: bytes) -> bytes:
        return struct.pack("<IQ", k, len(p)) + p

    n_wires = n + 2
    hdr = struct.pack("<I", 32) + R.to_bytes(32, "little")
    hdr += struct.pack("<IIIIQI", n_wires, 0, 0, 1, n_wires, n)
    labels = np.arange(n_wires, dtype="<u8").tobytes()
    data = b"r1cs" + struct.pack("<II", 1, 3) + sec(2, rec.tobytes()) + sec(1, hdr) + sec(3, labels)
    w = [1, 2]
    for _ in range(n):
        w.append((w[-1] + 3) * w[-1] % R)
    arr = np.array([[(v >> (64 * k)) & (2**64 - 1) for k in range(4)] for v in w], dtype=np.uint64)
    return data, arr


_CACHE: dict[int, tuple[bytes, np.ndarray]] = {}


def chain(log_n: int) -> tuple[bytes, np.ndarray]:
    if log_n not in _CACHE:
        _CACHE[log_n] = _chain(1 << log_n)
    return _CACHE[log_n]


@pytest.mark.parametrize("log_n", LOG_SIZES)
def test_bench_r1cs_parse(benchmark: Any, log_n: int) -> None:
    data, _ = chain(log_n)
    r = benchmark(R1CS.from_bytes, data)
    assert r.n_constraints == 1 << log_n


@pytest.mark.parametrize("log_n", LOG_SIZES)
def test_bench_r1cs_write(benchmark: Any, log_n: int) -> None:
    data, _ = chain(log_n)
    r = R1CS.from_bytes(data)
    assert benchmark(r.to_bytes) == data


@pytest.mark.parametrize("log_n", LOG_SIZES)
def test_bench_r1cs_check(benchmark: Any, log_n: int) -> None:
    data, w = chain(log_n)
    r = R1CS.from_bytes(data)
    benchmark(r.check, w)


@pytest.mark.parametrize("log_n", LOG_SIZES)
def test_bench_wtns_read(benchmark: Any, log_n: int) -> None:
    _, w = chain(log_n)
    wb = wtns_to_bytes(w)
    words = benchmark(_ffi.wtns_read, wb)
    assert len(words) == w.size * 8
