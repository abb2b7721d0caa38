"""BN254 benchmarks: G1 MSM through G1Bases at 2^12..2^20, pairings, point decoding.

Run: ``.venv/bin/python -m pytest benches/test_bench_bn254.py --benchmark-enable``
(``--benchmark-only`` to skip nothing else; ``-k msm`` for a subset).
"""

from __future__ import annotations

from functools import cache

import numpy as np
import pytest

from masa_zk import G1, G2, Fr, G1Bases, _ffi, pairing, pairing_check, pairing_product

MSM_LOG_SIZES = [12, 14, 16, 18, 20]


def random_scalars(n: int, seed: int) -> np.ndarray:
    """n uniformly spread scalars < r as (n, 4) uint64 little-endian words (top word
    masked below r's top word 0x30644e72e131a029, so every row is < r)."""
    rng = np.random.default_rng(seed)
    s = rng.integers(0, 2**64, size=(n, 4), dtype=np.uint64, endpoint=False)
    s[:, 3] &= np.uint64(0x1FFFFFFFFFFFFFFF)
    return s


@cache
def msm_inputs(log_n: int) -> tuple[G1Bases, np.ndarray]:
    """Bases [s_i]G from the native batch generator multiplication, and MSM scalars;
    built once per size."""
    n = 1 << log_n
    bases = G1Bases.from_generator_mul(random_scalars(n, seed=log_n))
    return bases, random_scalars(n, seed=1000 + log_n)


@pytest.mark.parametrize("log_n", MSM_LOG_SIZES, ids=[f"2^{k}" for k in MSM_LOG_SIZES])
def test_g1_msm(benchmark, log_n: int) -> None:
    bases, scalars = msm_inputs(log_n)
    rounds = 10 if log_n <= 16 else 3
    result = benchmark.pedantic(bases.msm, args=(scalars,), rounds=rounds, iterations=1)
    assert isinstance(result, G1)


def test_pairing(benchmark) -> None:
    p, q = G1.generator() * Fr.random(), G2.generator() * Fr.random()
    benchmark(pairing, p, q)


def test_pairing_product_4(benchmark) -> None:
    pairs = [(G1.generator() * Fr.random(), G2.generator() * Fr.random()) for _ in range(4)]
    benchmark(pairing_product, pairs)


def test_pairing_check_4(benchmark) -> None:
    pairs = [(G1.generator() * Fr.random(), G2.generator() * Fr.random()) for _ in range(4)]
    benchmark(pairing_check, pairs)


def test_g2_decode_with_subgroup_check(benchmark) -> None:
    raw = (G2.generator() * Fr.random()).to_bytes()
    benchmark(_ffi.g2_decode, raw)


def test_g1_generator_mul_batch_2_16(benchmark) -> None:
    scalars = random_scalars(1 << 16, seed=7)
    benchmark.pedantic(G1Bases.from_generator_mul, args=(scalars,), rounds=3, iterations=1)


def test_fr_mul(benchmark) -> None:
    a, b = Fr.random(), Fr.random()
    benchmark(lambda: a * b)
