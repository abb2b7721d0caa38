"""Fr: pure-Python scalar field arithmetic, checked against py_ecc's field class."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from py_ecc.fields.field_elements import FQ

from masa_zk import Fr
from masa_zk.bn254 import R
from masa_zk.errors import InvalidEncoding, InvalidInput


class RefFr(FQ):  # py_ecc's generic prime field, instantiated at r
    field_modulus = R


elems = st.integers(min_value=0, max_value=R - 1)
nonzero = st.integers(min_value=1, max_value=R - 1)


def test_modulus_is_bn254_r() -> None:
    from py_ecc import optimized_bn128

    assert optimized_bn128.curve_order == R == Fr.MODULUS


@given(elems, elems)
def test_ops_match_reference(a: int, b: int) -> None:
    fa, fb, ra, rb = Fr(a), Fr(b), RefFr(a), RefFr(b)
    assert int(fa + fb) == (ra + rb).n
    assert int(fa - fb) == (ra - rb).n
    assert int(fa * fb) == (ra * rb).n
    assert int(-fa) == (-ra).n
    if b:
        assert int(fa / fb) == (ra / rb).n


@given(elems, st.integers(min_value=0, max_value=2**300))
def test_pow_matches_reference(a: int, e: int) -> None:
    assert int(Fr(a) ** e) == (RefFr(a) ** e).n


@given(elems, elems, elems)
def test_field_laws(a: int, b: int, c: int) -> None:
    x, y, z = Fr(a), Fr(b), Fr(c)
    assert x + y == y + x
    assert x * y == y * x
    assert (x + y) + z == x + (y + z)
    assert (x * y) * z == x * (y * z)
    assert x * (y + z) == x * y + x * z
    assert x + Fr(0) == x and x * Fr(1) == x
    assert x - x == 0 and x + (-x) == 0


@given(nonzero)
def test_inverse(a: int) -> None:
    x = Fr(a)
    assert x * x.inverse() == 1
    assert x**-1 == x.inverse()
    assert x ** (R - 1) == 1  # Fermat
    assert 1 / x == x.inverse()


@given(elems, st.integers(min_value=-(2**300), max_value=2**300))
def test_int_operands_are_reduced(a: int, k: int) -> None:
    x = Fr(a)
    assert x + k == Fr((a + k) % R)
    assert k + x == Fr((a + k) % R)
    assert x * k == Fr(a * k % R)
    assert k - x == Fr((k - a) % R)
    assert x == a and hash(x) == hash(a)


@given(elems)
def test_bytes_roundtrip(a: int) -> None:
    x = Fr(a)
    b = x.to_bytes()
    assert len(b) == 32 and b == a.to_bytes(32, "big")
    assert Fr.from_bytes(b) == x
    assert int(x) == a


def test_from_bytes_strict() -> None:
    assert Fr.from_bytes((R - 1).to_bytes(32, "big")) == R - 1
    for bad in (R, R + 1, 2**256 - 1):
        with pytest.raises(InvalidEncoding):
            Fr.from_bytes(bad.to_bytes(32, "big"))
    for n in (0, 31, 33):
        with pytest.raises(InvalidInput):
            Fr.from_bytes(bytes(n))
    with pytest.raises(InvalidInput):
        Fr.from_bytes("00" * 32)  # type: ignore[arg-type]


def test_constructor_strict() -> None:
    assert Fr(0) == 0 and Fr(R - 1) == -1
    assert Fr(Fr(5)) == 5
    assert Fr.reduce(-1) == R - 1 and Fr.reduce(R) == 0
    for bad in (R, R + 5, -1):
        with pytest.raises(InvalidInput):
            Fr(bad)
    for wrong in ("3", 3.0, True, None, b"\x03", [3]):
        with pytest.raises(InvalidInput):
            Fr(wrong)  # type: ignore[arg-type]


def test_wrong_operand_types() -> None:
    x = Fr(3)
    for wrong in ("3", 3.0, True, None, object()):
        with pytest.raises(InvalidInput):
            x + wrong  # type: ignore[operator]
        with pytest.raises(InvalidInput):
            x * wrong  # type: ignore[operator]
        with pytest.raises(InvalidInput):
            wrong - x  # type: ignore[operator]
    with pytest.raises(InvalidInput):
        x ** Fr(2)  # type: ignore[operator]
    with pytest.raises(ZeroDivisionError):
        x / 0
    with pytest.raises(ZeroDivisionError):
        Fr(0).inverse()
    assert (x == "3") is False


def test_immutable_and_hashable() -> None:
    x = Fr(7)
    with pytest.raises(AttributeError):
        x._v = 8  # type: ignore[misc]
    assert len({Fr(7), Fr(7), Fr(8)}) == 2


def test_random_is_in_range_and_varies() -> None:
    xs = {int(Fr.random()) for _ in range(50)}
    assert len(xs) == 50
    assert all(0 <= v < R for v in xs)
