"""FftDomain against independent references: galois over GF(r), naive O(n^2) evaluation and
interpolation in Python integers, and the snarkjs/ffjavascript root of unity."""

from __future__ import annotations

import random

import galois
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from masa_zk import FftDomain
from masa_zk.errors import InvalidEncoding, InvalidInput

R = 21888242871839275222246405745257275088548364400416034343698204186575808495617
# ffjavascript: nqr = 5 (the smallest quadratic non-residue), Fr.w[28] = 5^((r-1)/2^28).
W28 = 19103219067921713944291392827692070036145651957329286315305642004821462161904
MASK = (1 << 64) - 1

# 5 generates Fr^* (ark-bn254's and ffjavascript's choice); verify=False skips factoring r-1.
GF = galois.GF(R, primitive_element=5, verify=False)

scalars = st.integers(min_value=0, max_value=R - 1)
log_sizes = st.integers(min_value=1, max_value=6)


def to_array(values: list[int]) -> np.ndarray:
    return np.array([[(v >> (64 * j)) & MASK for j in range(4)] for v in values], dtype=np.uint64)


def from_array(arr: np.ndarray) -> list[int]:
    return [sum(int(x) << (64 * j) for j, x in enumerate(row)) for row in arr]


def horner(coeffs: list[int], x: int) -> int:
    acc = 0
    for c in reversed(coeffs):
        acc = (acc * x + c) % R
    return acc


def naive_interpolate(evals: list[int], omega: int, shift: int = 1) -> list[int]:
    n = len(evals)
    n_inv, w_inv, s_inv = pow(n, -1, R), pow(omega, -1, R), pow(shift, -1, R)
    out = []
    for j in range(n):
        wj = pow(w_inv, j, R)
        acc = sum(e * pow(wj, i, R) for i, e in enumerate(evals)) % R
        out.append(acc * n_inv * pow(s_inv, j, R) % R)
    return out


def polymul(a: list[int], b: list[int]) -> list[int]:
    out = [0] * (len(a) + len(b) - 1)
    for i, x in enumerate(a):
        for j, y in enumerate(b):
            out[i + j] = (out[i + j] + x * y) % R
    return out


# --- the domain --------------------------------------------------------------------------------


@pytest.mark.parametrize("log_n", [1, 2, 5, 10, 16])
def test_omega_is_snarkjs_root(log_n: int) -> None:
    n = 1 << log_n
    d = FftDomain(n)
    assert d.size == n and d.log_size == log_n
    assert d.omega == pow(W28, 1 << (28 - log_n), R)
    assert d.omega == pow(5, (R - 1) // n, R)
    assert d.omega == int(GF.primitive_root_of_unity(n))
    assert pow(d.omega, n // 2, R) == R - 1


def test_w28_is_generator_power() -> None:
    assert W28 == pow(5, (R - 1) >> 28, R)
    assert pow(5, (R - 1) // 2, R) == R - 1  # 5 is a non-residue
    assert all(pow(a, (R - 1) // 2, R) == 1 for a in (2, 3, 4))  # ... and the smallest one


@pytest.mark.parametrize("n", [2, 8, 64])
def test_elements(n: int) -> None:
    d = FftDomain(n)
    assert d.elements() == [pow(d.omega, i, R) for i in range(n)]


# --- transforms against references -------------------------------------------------------------


@settings(max_examples=30, deadline=None)
@given(log_n=log_sizes, data=st.data())
def test_fft_matches_galois_evaluation(log_n: int, data: st.DataObject) -> None:
    n = 1 << log_n
    coeffs = data.draw(st.lists(scalars, min_size=n, max_size=n))
    d = FftDomain(n)
    poly = galois.Poly(coeffs[::-1], field=GF)  # galois wants the highest degree first
    points = GF.primitive_root_of_unity(n) ** np.arange(n)
    assert d.fft(coeffs) == [int(v) for v in poly(points)]
    assert d.ifft([int(v) for v in poly(points)]) == coeffs


@settings(max_examples=30, deadline=None)
@given(log_n=log_sizes, data=st.data(), shift=st.integers(min_value=1, max_value=R - 1))
def test_coset_fft_matches_galois_evaluation(log_n: int, data: st.DataObject, shift: int) -> None:
    n = 1 << log_n
    coeffs = data.draw(st.lists(scalars, min_size=n, max_size=n))
    d = FftDomain(n)
    poly = galois.Poly(coeffs[::-1], field=GF)
    points = GF(shift) * GF.primitive_root_of_unity(n) ** np.arange(n)
    evals = [int(v) for v in poly(points)]
    assert d.coset_fft(coeffs, shift=shift) == evals
    assert d.coset_ifft(evals, shift=shift) == coeffs


@pytest.mark.parametrize("log_n", [1, 3, 7, 8])
def test_against_naive(log_n: int) -> None:
    n = 1 << log_n
    rng = random.Random(log_n)
    coeffs = [rng.randrange(R) for _ in range(n)]
    d = FftDomain(n)
    w = d.omega
    evals = [horner(coeffs, pow(w, i, R)) for i in range(n)]
    assert d.fft(coeffs) == evals
    assert naive_interpolate(evals, w) == coeffs
    assert d.ifft(evals) == coeffs
    # Default coset shift: Fr's multiplicative generator 5.
    coset = [horner(coeffs, 5 * pow(w, i, R) % R) for i in range(n)]
    assert d.coset_fft(coeffs) == coset
    assert naive_interpolate(coset, w, 5) == coeffs
    assert d.coset_ifft(coset) == coeffs


@pytest.mark.parametrize("log_n", [13, 14, 16])
def test_large_sparse_against_direct_evaluation(log_n: int) -> None:
    # Large enough for the native parallel levels and cache-blocked leaves; a sparse
    # polynomial keeps the O(n * terms) reference cheap.
    n = 1 << log_n
    rng = random.Random(log_n)
    terms = {rng.randrange(n): rng.randrange(R) for _ in range(3)}
    terms[n - 1] = rng.randrange(R)
    coeffs = [0] * n
    for j, c in terms.items():
        coeffs[j] = c
    d = FftDomain(n)
    elements = d.elements()
    assert elements[1] == d.omega and elements[-1] == pow(d.omega, n - 1, R)
    g = 7
    expect = [sum(c * pow(x, j, R) for j, c in terms.items()) % R for x in elements]
    expect_coset = [sum(c * pow(g * x % R, j, R) for j, c in terms.items()) % R for x in elements]
    arr = to_array(coeffs)
    out = d.fft(arr)
    assert out.dtype == np.uint64 and out.shape == (n, 4)
    assert from_array(out) == expect
    assert from_array(d.ifft(out)) == coeffs
    cout = d.coset_fft(arr, shift=g)
    assert from_array(cout) == expect_coset
    assert from_array(d.coset_ifft(cout, shift=g)) == coeffs
    assert from_array(arr) == coeffs  # the input is not modified


@settings(max_examples=25, deadline=None)
@given(log_n=st.integers(min_value=1, max_value=9), data=st.data())
def test_round_trips_and_array_path(log_n: int, data: st.DataObject) -> None:
    n = 1 << log_n
    values = data.draw(st.lists(scalars, min_size=n, max_size=n))
    shift = data.draw(st.integers(min_value=1, max_value=R - 1))
    d = FftDomain(n)
    assert d.ifft(d.fft(values)) == values
    assert d.fft(d.ifft(values)) == values
    assert d.coset_ifft(d.coset_fft(values, shift), shift) == values
    arr = to_array(values)
    assert from_array(d.fft(arr)) == d.fft(values)
    assert from_array(d.coset_ifft(arr, shift)) == d.coset_ifft(values, shift)
    # Linearity: fft(x + y) = fft(x) + fft(y).
    other = data.draw(st.lists(scalars, min_size=n, max_size=n))
    summed = d.fft([(x + y) % R for x, y in zip(values, other, strict=True)])
    assert summed == [(x + y) % R for x, y in zip(d.fft(values), d.fft(other), strict=True)]


def test_non_contiguous_array_input() -> None:
    n = 16
    values = list(range(1, n + 1))
    wide = np.zeros((n, 8), dtype=np.uint64)
    wide[:, ::2] = to_array(values)
    view = wide[:, ::2]
    assert not view.flags.c_contiguous
    assert from_array(FftDomain(n).fft(view)) == FftDomain(n).fft(values)


# --- the odd-coset quotient step (snarkjs/rapidsnark Groth16) ----------------------------------


@pytest.mark.parametrize("log_n", [1, 2, 4, 6])
def test_odd_coset_h_against_naive_polynomials(log_n: int) -> None:
    n = 1 << log_n
    rng = random.Random(100 + log_n)
    a = [rng.randrange(R) for _ in range(n)]
    b = [rng.randrange(R) for _ in range(n)]
    c = [x * y % R for x, y in zip(a, b, strict=True)]  # a satisfied system: A*B = C on H
    d = FftDomain(n)
    pa, pb, pc = (naive_interpolate(v, d.omega) for v in (a, b, c))
    p = polymul(pa, pb)
    for i, x in enumerate(pc):
        p[i] = (p[i] - x) % R
    # P = h * Z_H with Z_H = x^n - 1: fold the high half down; the remainder vanishes.
    h = p[n:]
    assert all((p[j] + (p[j + n] if j + n < len(p) else 0)) % R == 0 for j in range(n))
    w2n = FftDomain(2 * n).omega
    points = [pow(w2n, 2 * i + 1, R) for i in range(n)]
    expect = [horner(p, x) for x in points]
    # Z_H is the constant -2 on the odd coset: P = -2 h there (snarkjs does not divide).
    assert expect == [(-2 * horner(h, x)) % R for x in points]
    assert d.odd_coset_h(a, b, c) == expect
    out = d.odd_coset_h(to_array(a), to_array(b), to_array(c))
    assert from_array(out) == expect


def test_odd_coset_h_large_matches_transforms() -> None:
    n = 1 << 13
    rng = np.random.default_rng(5)
    # Random values < 2^253 < r, generic (the identity needs no A*B = C).
    arrs = [rng.integers(0, 1 << 63, size=(n, 4), dtype=np.uint64) >> np.uint64(2) for _ in "abc"]
    for arr in arrs:
        arr[:, 3] >>= np.uint64(2)
    d = FftDomain(n)
    w2n = FftDomain(2 * n).omega
    ext = [from_array(d.coset_fft(d.ifft(arr), shift=w2n)) for arr in arrs]
    expect = [(x * y - z) % R for x, y, z in zip(*ext, strict=True)]
    assert from_array(d.odd_coset_h(*arrs)) == expect


# --- bad input ----------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [0, 1, 3, 6, 12, -4, 1 << 29, 3 << 20])
def test_bad_sizes(size: int) -> None:
    with pytest.raises(InvalidInput):
        FftDomain(size)


@pytest.mark.parametrize("size", [2.0, "8", None, True])
def test_bad_size_types(size: object) -> None:
    with pytest.raises(InvalidInput):
        FftDomain(size)  # type: ignore[arg-type]


def test_bad_values() -> None:
    d = FftDomain(4)
    with pytest.raises(InvalidEncoding, match="index 2"):
        d.fft([0, 1, R, 3])
    for bad in ([0, 1, 2, -1], [0, 1, 2, 1 << 256], [0, 1, 2, "3"], [0, 1, 2, 3.0]):
        with pytest.raises(InvalidInput):
            d.fft(bad)  # type: ignore[arg-type]
    for wrong_len in ([1, 2, 3], [1] * 5, []):
        with pytest.raises(InvalidInput):
            d.ifft(wrong_len)
    for not_seq in ("abcd", b"abcd", 7, None):
        with pytest.raises(InvalidInput):
            d.fft(not_seq)  # type: ignore[arg-type]


def test_bad_arrays() -> None:
    d = FftDomain(4)
    good = to_array([1, 2, 3, 4])
    for bad in (
        good.astype(np.int64),
        good.astype(np.float64),
        good.astype(np.uint32),
        good[:, :3],
        good[:3],
        good.reshape(16),
        good.reshape(2, 8),
        np.zeros((4, 4, 1), dtype=np.uint64),
    ):
        with pytest.raises(InvalidInput):
            d.fft(bad)  # type: ignore[arg-type]
    too_big = good.copy()
    too_big[1] = to_array([R])[0]
    with pytest.raises(InvalidEncoding, match="index 1"):
        d.coset_fft(too_big)
    all_ones = np.full((4, 4), MASK, dtype=np.uint64)
    with pytest.raises(InvalidEncoding):
        d.ifft(all_ones)


def test_bad_shifts() -> None:
    d = FftDomain(4)
    for shift in (0, R, R + 5, -1):
        with pytest.raises(InvalidInput):
            d.coset_fft([1, 2, 3, 4], shift=shift)
        with pytest.raises(InvalidInput):
            d.coset_ifft([1, 2, 3, 4], shift=shift)
    with pytest.raises(InvalidInput):
        d.coset_fft([1, 2, 3, 4], shift="5")  # type: ignore[call-overload]


def test_odd_coset_h_bad_input() -> None:
    d = FftDomain(4)
    arr = to_array([1, 2, 3, 4])
    with pytest.raises(InvalidInput):
        d.odd_coset_h(arr, [1, 2, 3, 4], arr)  # type: ignore[call-overload]
    with pytest.raises(InvalidInput):
        d.odd_coset_h([1, 2, 3, 4], [1, 2, 3], [1, 2, 3, 4])
    with pytest.raises(InvalidEncoding):
        d.odd_coset_h([1, 2, 3, 4], [1, 2, R, 4], [1, 2, 3, 4])
    with pytest.raises(InvalidInput):
        d.odd_coset_h(arr, arr, arr[:2])
