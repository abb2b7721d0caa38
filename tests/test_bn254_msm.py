"""MSM over G1 and G2 and the bases handles, checked against a naive sum by py_ecc."""

from __future__ import annotations

import gc
import random

import numpy as np
import pytest
from bn254_ref import R, g1_of, g2_of
from hypothesis import given, settings
from hypothesis import strategies as st
from py_ecc import optimized_bn128 as ob

from masa_zk import G1, G2, Fr, G1Bases, G2Bases, msm_g1, msm_g2
from masa_zk.errors import InvalidEncoding, InvalidInput, NotOnCurve


def to_words(ks: list[int]) -> np.ndarray:
    """Scalars as the (n, 4) uint64 little-endian word array."""
    return np.array(
        [[(k >> (64 * i)) & (2**64 - 1) for i in range(4)] for k in ks], dtype=np.uint64
    )


def naive(ref_points: list, ks: list[int], zero: object) -> object:
    acc = zero
    for p, k in zip(ref_points, ks, strict=True):
        acc = ob.add(acc, ob.multiply(p, k % R))
    return acc


@pytest.mark.parametrize("n", [0, 1, 2, 7, 33])
def test_msm_g1_vs_py_ecc(n: int) -> None:
    rng = random.Random(n)
    pts = [G1.generator() * rng.randrange(R) for _ in range(n)]
    ks = [rng.randrange(R) for _ in range(n)]
    want = naive([g1_of(p) for p in pts], ks, ob.Z1)
    got = msm_g1(pts, ks)
    assert ob.eq(g1_of(got), want)
    assert msm_g1(pts, to_words(ks) if n else np.zeros((0, 4), np.uint64)) == got
    assert G1Bases(pts).msm(ks) == got
    assert G1Bases(b"".join(p.to_bytes() for p in pts)).msm([Fr(k) for k in ks]) == got


@pytest.mark.parametrize("n", [0, 1, 5])
def test_msm_g2_vs_py_ecc(n: int) -> None:
    rng = random.Random(100 + n)
    pts = [G2.generator() * rng.randrange(R) for _ in range(n)]
    ks = [rng.randrange(R) for _ in range(n)]
    want = naive([g2_of(p) for p in pts], ks, ob.Z2)
    got = msm_g2(pts, ks)
    assert ob.eq(g2_of(got), want)
    assert G2Bases(pts).msm(to_words(ks) if n else np.zeros((0, 4), np.uint64)) == got


@settings(max_examples=10, deadline=None)
@given(st.lists(st.tuples(st.integers(0, R - 1), st.integers(-(2**260), 2**260)), max_size=12))
def test_msm_matches_sum_of_products(items: list[tuple[int, int]]) -> None:
    g = G1.generator()
    pts = [g * a for a, _ in items]
    ks = [k for _, k in items]
    want = G1.identity()
    for p, k in zip(pts, ks, strict=True):
        want = want + p * k
    assert msm_g1(pts, ks) == want


def test_larger_msm_with_edge_scalars() -> None:
    n = 3000  # above the native parallel threshold
    rng = random.Random(5)
    ks = [rng.randrange(R) for _ in range(n)]
    ks[:4] = [0, 1, R - 1, 2**253]
    bases = G1Bases.from_generator_mul(list(range(1, n + 1)))
    assert len(bases) == n
    # sum k_i * (i+1) G = (sum k_i (i+1)) G
    want = G1.generator() * (sum(k * (i + 1) for i, k in enumerate(ks)) % R)
    assert bases.msm(ks) == want
    assert bases.msm(to_words(ks)) == want
    # A non-contiguous or big-endian array is converted, not misread.
    arr = to_words(ks)
    assert bases.msm(np.asfortranarray(arr)) == want
    assert bases.msm(arr.astype(">u8")) == want
    g2b = G2Bases.from_generator_mul([1, 2, 3])
    assert g2b.msm([1, 1, 1]) == G2.generator() * 6


def test_bases_reject_bad_input() -> None:
    g = G1.generator()
    bases = G1Bases([g, g])
    with pytest.raises(InvalidInput):
        bases.msm([1])  # count mismatch
    with pytest.raises(InvalidInput):
        bases.msm([1, 2, 3])
    with pytest.raises(InvalidInput):
        msm_g1([g], [1, 2])
    with pytest.raises(InvalidInput):
        bases.msm(np.zeros((2, 4), dtype=np.int64))
    with pytest.raises(InvalidInput):
        bases.msm(np.zeros((2, 3), dtype=np.uint64))
    with pytest.raises(InvalidInput):
        bases.msm(np.zeros(8, dtype=np.uint64))
    with pytest.raises(InvalidInput):
        bases.msm("12")  # type: ignore[arg-type]
    with pytest.raises(InvalidInput):
        bases.msm([1, 2.0])  # type: ignore[list-item]
    # Array scalars must be canonical (< r): they are not reduced.
    with pytest.raises(InvalidEncoding):
        bases.msm(to_words([1, R]))
    with pytest.raises(InvalidInput):
        G1Bases([g, G2.generator()])  # type: ignore[list-item]
    with pytest.raises(InvalidInput):
        G1Bases(bytes(63))
    bad = bytearray(g.to_bytes())
    bad[-1] ^= 1
    with pytest.raises(NotOnCurve):
        G1Bases(bytes(bad) + g.to_bytes())
    with pytest.raises(InvalidInput):
        msm_g2([G1.generator()], [1])  # type: ignore[list-item]


def test_bases_freed() -> None:
    # Many short-lived handles: each is freed by its ffi.gc finaliser.
    for _ in range(200):
        G1Bases.from_generator_mul([1, 2, 3]).msm([1, 2, 3])
    gc.collect()
