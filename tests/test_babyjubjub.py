"""Baby Jubjub against circomlibjs (vectors and live) and an independent Python model."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from vectors.oracle import VECTORS, ask

from masa_zk.babyjubjub import (
    FIELD_MODULUS,
    ORDER,
    SUBGROUP_ORDER,
    Point,
    base8,
    generator,
)
from masa_zk.errors import InvalidEncoding, InvalidInput, NotInSubgroup, NotOnCurve

P = FIELD_MODULUS
BJJ = VECTORS["babyjubjub"]


def pt(v: list[str]) -> Point:
    return Point(int(v[0]), int(v[1]))


# An independent model: EIP-2494's affine addition law, in plain Python ints.
def ref_add(a: tuple[int, int], b: tuple[int, int]) -> tuple[int, int]:
    (x1, y1), (x2, y2) = a, b
    t = 168696 * x1 * x2 * y1 * y2 % P
    x3 = (x1 * y2 + y1 * x2) * pow(1 + t, -1, P) % P
    y3 = (y1 * y2 - 168700 * x1 * x2) * pow(1 - t, -1, P) % P
    return x3, y3


def ref_mul(a: tuple[int, int], k: int) -> tuple[int, int]:
    acc, base = (0, 1), a
    while k:
        if k & 1:
            acc = ref_add(acc, base)
        base = ref_add(base, base)
        k >>= 1
    return acc


def test_constants() -> None:
    assert generator() == pt(BJJ["generator"])
    assert base8() == pt(BJJ["base8"])
    assert ORDER == int(BJJ["order"])
    assert SUBGROUP_ORDER == int(BJJ["sub_order"])


@pytest.mark.parametrize("v", BJJ["points"], ids=lambda v: f"{v['base']}*{v['k'][:8]}")
def test_points_and_packing(v: dict[str, object]) -> None:
    base = generator() if v["base"] == "generator" else base8()
    p = base * int(v["k"])  # type: ignore[arg-type]
    assert p == pt(v["point"])  # type: ignore[arg-type]
    packed = bytes.fromhex(v["packed"])  # type: ignore[arg-type]
    assert p.to_bytes() == packed
    assert Point.from_bytes(packed, check_subgroup=False) == p
    assert p.in_subgroup() is v["in_subgroup"]
    if v["in_subgroup"]:
        assert Point.from_bytes(packed) == p
    else:
        with pytest.raises(NotInSubgroup):
            Point.from_bytes(packed)


@pytest.mark.parametrize("v", BJJ["sums"])
def test_sums(v: dict[str, list[str]]) -> None:
    assert pt(v["p"]) + pt(v["q"]) == pt(v["sum"])


scalars = st.integers(min_value=-(2**300), max_value=2**300)


@settings(max_examples=40, deadline=None)
@given(scalars, scalars, scalars)
def test_group_law(a: int, b: int, c: int) -> None:
    g = generator()
    pa, pb, pc = g * a, g * b, g * c
    assert (pa + pb) + pc == pa + (pb + pc)
    assert pa + pb == pb + pa
    assert pa + Point.identity() == pa
    assert (pa + (-pa)).is_identity()
    assert pa - pb == pa + (-pb)
    assert g * (a + b) == pa + pb
    assert pa * b == g * (a * b)
    assert pa.double() == pa + pa == 2 * pa
    assert (pa * ORDER).is_identity()


@settings(max_examples=15, deadline=None)
@given(st.integers(0, ORDER - 1), st.integers(0, ORDER - 1))
def test_matches_independent_model(a: int, b: int) -> None:
    g = (generator().x, generator().y)
    pa, pb = ref_mul(g, a), ref_mul(g, b)
    got = Point(*pa) + Point(*pb)
    assert (got.x, got.y) == ref_add(pa, pb)
    assert generator() * a == Point(*pa)


def test_subgroup_membership() -> None:
    g = generator()
    for k in range(1, 17):
        assert (g * k).in_subgroup() == (k % 8 == 0)
    assert Point.identity().in_subgroup()
    assert (base8() * (SUBGROUP_ORDER - 1)).in_subgroup()


def test_live_circomlibjs_pack_unpack() -> None:
    rng = random.Random(11)
    pts = [generator() * rng.randrange(ORDER) for _ in range(12)]
    reqs: list[dict[str, object]] = [{"op": "pack", "P": [str(p.x), str(p.y)]} for p in pts]
    reqs += [{"op": "unpack", "hex": p.to_bytes().hex()} for p in pts]
    reqs += [{"op": "in_subgroup", "P": [str(p.x), str(p.y)]} for p in pts]
    ans = ask(reqs)
    n = len(pts)
    assert [bytes.fromhex(a) for a in ans[:n]] == [p.to_bytes() for p in pts]
    assert [pt(a) for a in ans[n : 2 * n]] == pts
    assert ans[2 * n :] == [p.in_subgroup() for p in pts]


def y_without_x() -> int:
    """A y for which (1 - y²) / (a - d·y²) is not a square: no point has it."""
    for y in range(2, 100):
        x2 = (1 - y * y) * pow(168700 - 168696 * y * y, -1, P) % P
        if pow(x2, (P - 1) // 2, P) == P - 1:
            return y
    raise AssertionError("unreachable")


def test_unpack_rejects_bad_encodings() -> None:
    with pytest.raises(InvalidEncoding):
        Point.from_bytes(P.to_bytes(32, "little"))  # y = p, not canonical
    with pytest.raises(InvalidEncoding):
        Point.from_bytes(((1 << 255) - 1).to_bytes(32, "little"))
    with pytest.raises(InvalidEncoding):  # sign bit on x = 0
        Point.from_bytes((1 | 1 << 255).to_bytes(32, "little"), check_subgroup=False)
    with pytest.raises(NotOnCurve):
        Point.from_bytes(y_without_x().to_bytes(32, "little"), check_subgroup=False)
    with pytest.raises(NotInSubgroup):
        Point.from_bytes(generator().to_bytes())
    # The order-2 point (0, -1) decodes but is not in the subgroup.
    two_torsion = (P - 1).to_bytes(32, "little")
    assert Point.from_bytes(two_torsion, check_subgroup=False) == Point(0, P - 1)
    with pytest.raises(NotInSubgroup):
        Point.from_bytes(two_torsion)
    for bad_len in (b"", b"\x01" * 31, b"\x01" * 33):
        with pytest.raises(InvalidInput):
            Point.from_bytes(bad_len)
    with pytest.raises(InvalidInput):
        Point.from_bytes("00" * 32)  # type: ignore[arg-type]


def test_identity_encoding() -> None:
    """The identity packs as circomlibjs packs it; circomlibjs cannot unpack any x = 0
    point (its square-root test fails on 0), masa-zk decodes (0, 1) as the identity."""
    ident = Point.identity()
    assert Point.from_bytes(ident.to_bytes()) == ident
    packed_js, unpacked_js = ask(
        [{"op": "pack", "P": ["0", "1"]}, {"op": "unpack", "hex": ident.to_bytes().hex()}]
    )
    assert bytes.fromhex(packed_js) == ident.to_bytes()
    assert unpacked_js is None


def test_bad_points_and_types() -> None:
    with pytest.raises(NotOnCurve):
        Point(1, 1)
    with pytest.raises(InvalidInput):
        Point(P, 1)
    with pytest.raises(InvalidInput):
        Point(-1, 1)
    with pytest.raises(InvalidInput):
        Point("0", 1)  # type: ignore[arg-type]
    with pytest.raises(InvalidInput):
        Point(True, 1)
    assert not Point.is_on_curve(1, 1)
    assert Point.is_on_curve(generator().x, generator().y)
    g = generator()
    with pytest.raises(TypeError):
        g * 1.5  # type: ignore[operator]
    with pytest.raises(TypeError):
        g + 1  # type: ignore[operator]
    with pytest.raises(InvalidInput):
        g * True
    with pytest.raises(AttributeError):
        g.x = 5  # type: ignore[misc]
    with pytest.raises(AttributeError):
        g._x = 5  # type: ignore[misc]
    assert hash(g * 3) == hash(g + g + g)
    assert "Point(x=" in repr(g)
