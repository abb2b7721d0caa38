"""Poseidon, Baby Jubjub and EdDSA-Poseidon benchmarks.

Run: .venv/bin/python -m pytest benches/test_bench_poseidon.py --benchmark-enable --benchmark-only
"""

from __future__ import annotations

import random
from typing import Any

import numpy as np
import pytest

from masa_zk import poseidon, poseidon_batch
from masa_zk.babyjubjub import SUBGROUP_ORDER, base8
from masa_zk.eddsa import PrivateKey
from masa_zk.hashing import FIELD_MODULUS

R = FIELD_MODULUS
RNG = random.Random(1)


def random_limbs(m: int, n: int) -> np.ndarray:
    """(m, n, 4) uint64 limbs of uniform elements below r (top limb kept below r's)."""
    rng = np.random.default_rng(1)
    arr = rng.integers(0, 2**64, size=(m, n, 4), dtype=np.uint64)
    arr[:, :, 3] %= np.uint64(R >> 192)
    return arr


@pytest.mark.parametrize("n", [1, 2, 5, 16])
def test_bench_poseidon_single(benchmark: Any, n: int) -> None:
    xs = [RNG.randrange(R) for _ in range(n)]
    benchmark(poseidon, xs)


@pytest.mark.parametrize("n", [2, 5])
def test_bench_poseidon_batch_numpy_2_16(benchmark: Any, n: int) -> None:
    """2^16 hashes of arity n, numpy limbs in and out (rayon across all cores)."""
    rows = random_limbs(1 << 16, n)
    out = benchmark(poseidon_batch, rows)
    assert out.shape == (1 << 16, 4)


def test_bench_poseidon_batch_lists_2_12(benchmark: Any) -> None:
    """2^12 hashes of arity 2 from Python int lists (includes int <-> bytes conversion)."""
    rows = [[RNG.randrange(R), RNG.randrange(R)] for _ in range(1 << 12)]
    benchmark(poseidon_batch, rows)


def test_bench_babyjubjub_mul(benchmark: Any) -> None:
    k = RNG.randrange(SUBGROUP_ORDER)
    benchmark(lambda: base8() * k)


def test_bench_eddsa_sign(benchmark: Any) -> None:
    sk = PrivateKey.from_bytes(bytes(range(32)))
    benchmark(sk.sign, 12345)


def test_bench_eddsa_verify(benchmark: Any) -> None:
    sk = PrivateKey.from_bytes(bytes(range(32)))
    pk, sig = sk.public_key(), sk.sign(12345)
    assert benchmark(pk.verify, 12345, sig)
