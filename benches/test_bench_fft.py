"""FFT throughput through the public API (numpy path), 2^12 .. 2^20 elements.

    .venv/bin/python -m pytest benches/test_bench_fft.py --benchmark-enable --benchmark-only

Times include the FFI copy-in/copy-out (decode + range check of every element, re-encode)
and the defensive copy of the input array. The domain (twiddle tables) is built once, outside
the timed region.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from masa_zk import FftDomain

LOG_SIZES = [12, 14, 16, 18, 20]


def _random_scalars(n: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    arr = rng.integers(0, np.iinfo(np.uint64).max, size=(n, 4), dtype=np.uint64, endpoint=True)
    arr[:, 3] >>= np.uint64(3)  # < 2^253 < r
    return arr


@pytest.mark.parametrize("log_n", LOG_SIZES)
def test_bench_fft(benchmark: Any, log_n: int) -> None:
    d = FftDomain(1 << log_n)
    x = _random_scalars(1 << log_n, log_n)
    out = benchmark(d.fft, x)
    assert out.shape == x.shape


@pytest.mark.parametrize("log_n", LOG_SIZES)
def test_bench_ifft(benchmark: Any, log_n: int) -> None:
    d = FftDomain(1 << log_n)
    x = _random_scalars(1 << log_n, log_n)
    out = benchmark(d.ifft, x)
    assert out.shape == x.shape


@pytest.mark.parametrize("log_n", [12, 16, 20])
def test_bench_coset_fft(benchmark: Any, log_n: int) -> None:
    d = FftDomain(1 << log_n)
    x = _random_scalars(1 << log_n, log_n)
    out = benchmark(d.coset_fft, x)
    assert out.shape == x.shape


@pytest.mark.parametrize("log_n", [12, 16, 20])
def test_bench_odd_coset_h(benchmark: Any, log_n: int) -> None:
    d = FftDomain(1 << log_n)
    a, b, c = (_random_scalars(1 << log_n, log_n + i) for i in range(3))
    out = benchmark(d.odd_coset_h, a, b, c)
    assert out.shape == a.shape
