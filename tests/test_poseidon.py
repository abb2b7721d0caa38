"""Poseidon against circomlibjs: committed vectors, live cross-checks, constants, bad input."""

from __future__ import annotations

import hashlib
import random
from collections import defaultdict

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from vectors.oracle import VECTORS, ask

from masa_zk import poseidon, poseidon_batch
from masa_zk.errors import InvalidInput
from masa_zk.hashing import FIELD_MODULUS, constants

R = FIELD_MODULUS


def to_limbs(rows: list[list[int]]) -> np.ndarray:
    m, n = len(rows), len(rows[0])
    out = np.zeros((m, n, 4), dtype=np.uint64)
    for i, row in enumerate(rows):
        for j, v in enumerate(row):
            for k in range(4):
                out[i, j, k] = (v >> (64 * k)) & (2**64 - 1)
    return out


def from_limbs(arr: np.ndarray) -> list[int]:
    return [sum(int(w) << (64 * k) for k, w in enumerate(row)) for row in arr]


def test_vectors_cover_every_arity() -> None:
    arities = {len(v["inputs"]) for v in VECTORS["poseidon"]}
    assert arities == set(range(1, 17))


@pytest.mark.parametrize("vec", VECTORS["poseidon"], ids=lambda v: f"n{len(v['inputs'])}")
def test_matches_circomlibjs_vectors(vec: dict[str, object]) -> None:
    inputs = [int(x) for x in vec["inputs"]]  # type: ignore[attr-defined]
    assert poseidon(inputs) == int(vec["output"])  # type: ignore[arg-type]


def test_batch_matches_vectors_lists_and_numpy() -> None:
    by_arity: dict[int, list[dict[str, object]]] = defaultdict(list)
    for v in VECTORS["poseidon"]:
        by_arity[len(v["inputs"])].append(v)
    for vs in by_arity.values():
        rows = [[int(x) for x in v["inputs"]] for v in vs]  # type: ignore[attr-defined]
        want = [int(v["output"]) for v in vs]  # type: ignore[arg-type]
        assert poseidon_batch(rows) == want
        out = poseidon_batch(to_limbs(rows))
        assert out.dtype == np.uint64 and out.shape == (len(rows), 4)
        assert from_limbs(out) == want


@pytest.mark.parametrize("t", range(2, 18))
def test_constants_match_circomlibjs(t: int) -> None:
    """The Grain-generated constants equal circomlibjs's tables, all of them (by digest)."""
    want = next(c for c in VECTORS["poseidon_constants"] if c["t"] == t)
    c, m = constants(t)
    assert len(c) == want["n_constants"]
    assert c[0] == int(want["first_constant"]) and c[-1] == int(want["last_constant"])
    assert m[0][0] == int(want["m00"]) and m[t - 1][t - 1] == int(want["m_last"])
    h = hashlib.sha256()
    for x in c + [v for row in m for v in row]:
        h.update(x.to_bytes(32, "big"))
    assert h.hexdigest() == want["sha256"]


def reference_poseidon(inputs: list[int]) -> int:
    """Poseidon from its definition, in Python, on the generated constants."""
    t = len(inputs) + 1
    c, m = constants(t)
    rp = [56, 57, 56, 60, 60, 63, 64, 63, 60, 66, 60, 65, 70, 60, 64, 68][t - 2]
    state = [0, *inputs]
    for r in range(8 + rp):
        state = [(s + c[r * t + i]) % R for i, s in enumerate(state)]
        if r < 4 or r >= 4 + rp:
            state = [pow(s, 5, R) for s in state]
        else:
            state[0] = pow(state[0], 5, R)
        state = [sum(m[i][j] * state[j] for j in range(t)) % R for i in range(t)]
    return state[0]


@settings(max_examples=30, deadline=None)
@given(st.lists(st.integers(0, R - 1), min_size=1, max_size=16))
def test_native_matches_python_definition(xs: list[int]) -> None:
    # The native core runs the sparse-matrix form; this is the plain definition.
    assert poseidon(xs) == reference_poseidon(xs)


def test_live_circomlibjs_random_inputs() -> None:
    rng = random.Random(2024)
    rows = [[rng.randrange(R) for _ in range(n)] for n in range(1, 17) for _ in range(3)]
    rows += [[R - 1 - rng.randrange(2**64) for _ in range(n)] for n in (1, 2, 5, 16)]
    answers = ask([{"op": "poseidon", "inputs": [str(x) for x in r]} for r in rows])
    assert [poseidon(r) for r in rows] == [int(a) for a in answers]


def test_batch_large_and_empty() -> None:
    rng = random.Random(7)
    rows = [[rng.randrange(R), rng.randrange(R)] for _ in range(1000)]
    got = poseidon_batch(rows)
    assert got[::97] == [poseidon(r) for r in rows[::97]]
    assert poseidon_batch([]) == []
    empty = poseidon_batch(np.zeros((0, 3, 4), dtype=np.uint64))
    assert empty.shape == (0, 4)


def test_batch_numpy_non_contiguous() -> None:
    rows = [[1, 2], [3, 4], [5, 6]]
    arr = to_limbs(rows)
    wide = np.zeros((3, 4, 4), dtype=np.uint64)
    wide[:, ::2, :] = arr
    view = wide[:, ::2, :]
    assert not view.flags.c_contiguous
    assert from_limbs(poseidon_batch(view)) == [poseidon(r) for r in rows]


@pytest.mark.parametrize(
    "bad",
    [[], list(range(17)), [R], [-1], [1, R + 5], [1.0], ["1"], [True], [None], "12", b"12", 5],
)
def test_bad_inputs_rejected(bad: object) -> None:
    with pytest.raises(InvalidInput):
        poseidon(bad)  # type: ignore[arg-type]


def test_bad_batches_rejected() -> None:
    with pytest.raises(InvalidInput):
        poseidon_batch([[1, 2], [3]])
    with pytest.raises(InvalidInput):
        poseidon_batch([[]])
    with pytest.raises(InvalidInput):
        poseidon_batch([[1] * 17])
    with pytest.raises(InvalidInput):
        poseidon_batch([[R]])
    with pytest.raises(InvalidInput):
        poseidon_batch(np.zeros((2, 2, 4), dtype=np.int64))
    with pytest.raises(InvalidInput):
        poseidon_batch(np.zeros((2, 2, 3), dtype=np.uint64))
    with pytest.raises(InvalidInput):
        poseidon_batch(np.zeros((2, 17, 4), dtype=np.uint64))
    with pytest.raises(InvalidInput):
        poseidon_batch(np.zeros((2, 0, 4), dtype=np.uint64))
    big = to_limbs([[1, 2], [3, 4]])
    big[1, 0] = to_limbs([[R]])[0, 0]
    with pytest.raises(InvalidInput):
        poseidon_batch(big)
    with pytest.raises(InvalidInput):
        constants(18)
