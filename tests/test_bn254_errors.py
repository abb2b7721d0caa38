"""Bad input to the BN254 layer: every case a typed exception, never a crash."""

from __future__ import annotations

import pytest
from bn254_ref import Q, R, g2_point_outside_subgroup
from py_ecc import optimized_bn128 as ob

from masa_zk import G1, G2, Fr
from masa_zk.errors import (
    InvalidEncoding,
    InvalidInput,
    InvalidPoint,
    NotInSubgroup,
    NotOnCurve,
)


def be(*vals: int) -> bytes:
    return b"".join(v.to_bytes(32, "big") for v in vals)


def g2_bytes(x: tuple[int, int], y: tuple[int, int]) -> bytes:
    return be(x[1], x[0], y[1], y[0])


def test_g1_coordinates_not_canonical() -> None:
    g = G1.generator()
    # x + q encodes the same residue as x: must be rejected, not reduced.
    with pytest.raises(InvalidEncoding):
        G1.from_bytes(be(g.x + Q, g.y))
    with pytest.raises(InvalidEncoding):
        G1.from_bytes(be(g.x, g.y + Q))
    with pytest.raises(InvalidEncoding):
        G1.from_bytes(be(2**256 - 1, 2))
    with pytest.raises(InvalidEncoding):
        G1.from_coordinates(Q, 2)
    with pytest.raises(InvalidEncoding):
        G1.from_coordinates(1, -2)


def test_g1_off_curve() -> None:
    with pytest.raises(NotOnCurve):
        G1.from_bytes(be(1, 3))
    with pytest.raises(NotOnCurve):
        G1.from_coordinates(1, 1)
    with pytest.raises(NotOnCurve):
        G1.from_bytes(be(0, 1))
    # An x with no y: x^3 + 3 a non-square. Compressed decoding must reject it.
    x = next(x for x in range(1, 100) if pow((x**3 + 3) % Q, (Q - 1) // 2, Q) == Q - 1)
    with pytest.raises(NotOnCurve):
        G1.from_bytes(be(x), compressed=True)


def test_g2_not_canonical_and_off_curve() -> None:
    h = G2.generator()
    (x0, x1), (y0, y1) = h.x, h.y
    for bad in ((x0 + Q, x1, y0, y1), (x0, x1 + Q, y0, y1), (x0, x1, y0, y1 + Q)):
        with pytest.raises(InvalidEncoding):
            G2.from_bytes(g2_bytes((bad[0], bad[1]), (bad[2], bad[3])))
    with pytest.raises(NotOnCurve):
        G2.from_bytes(g2_bytes((x0, x1), (y0, (y1 + 1) % Q)))
    with pytest.raises(NotOnCurve):
        G2.from_coordinates((1, 2), (3, 4))
    # EIP-197 order matters: swapping c0/c1 of both coordinates gives an off-curve point.
    with pytest.raises(NotOnCurve):
        G2.from_bytes(be(x0, x1, y0, y1))


def test_g2_outside_subgroup_rejected() -> None:
    """A point on the twist whose order is not r (py_ecc confirms r*P != 0) is refused by
    every way in: uncompressed, compressed and from coordinates."""
    x, y = g2_point_outside_subgroup()
    assert ob.is_on_curve((x, y, type(x).one()), ob.b2)
    xs = (int(x.coeffs[0]), int(x.coeffs[1]))
    ys = (int(y.coeffs[0]), int(y.coeffs[1]))
    with pytest.raises(NotInSubgroup):
        G2.from_coordinates(xs, ys)
    with pytest.raises(NotInSubgroup):
        G2.from_bytes(g2_bytes(xs, ys))
    half = (Q - 1) // 2
    larger = (ys[1] > half) if ys[1] else (ys[0] > half)
    comp = bytearray(be(xs[1], xs[0]))
    comp[0] |= 0x80 if larger else 0
    with pytest.raises(NotInSubgroup):
        G2.from_bytes(bytes(comp))
    comp[0] ^= 0x80  # the other root: -P, outside the subgroup as well
    with pytest.raises(NotInSubgroup):
        G2.from_bytes(bytes(comp))
    # Its multiple by the cofactor is in the subgroup, and is accepted.
    h = 2 * Q - R  # #E'(Fq2) = r * (2q - r)
    cleared = ob.normalize(ob.multiply((x, y, type(x).one()), h))
    ok = G2.from_coordinates(
        (int(cleared[0].coeffs[0]), int(cleared[0].coeffs[1])),
        (int(cleared[1].coeffs[0]), int(cleared[1].coeffs[1])),
    )
    assert not ok.is_identity()
    assert (ok * R).is_identity()
    # Another subclass check: the exception is an InvalidPoint and an InvalidInput.
    assert issubclass(NotInSubgroup, InvalidPoint) and issubclass(NotInSubgroup, InvalidInput)


@pytest.mark.parametrize(("cls", "size", "csize"), [(G1, 64, 32), (G2, 128, 64)], ids=["G1", "G2"])
def test_flags_and_lengths(cls: type, size: int, csize: int) -> None:
    p = cls.generator() * 5
    z = bytearray(p.to_bytes(compressed=True))
    # Both flags together.
    bad = bytearray(z)
    bad[0] |= 0xC0
    with pytest.raises(InvalidEncoding):
        cls.from_bytes(bytes(bad))
    # Infinity flag with any other bit set.
    for i, v in ((0, 0x41), (0, 0xC0), (csize - 1, 1), (csize // 2, 0x10)):
        inf = bytearray(csize)
        inf[0] = 0x40
        inf[i] |= v
        with pytest.raises(InvalidEncoding):
            cls.from_bytes(bytes(inf))
    # x >= q in the compressed form (flags clear).
    big = bytearray(be(Q) + bytes(csize - 32))
    with pytest.raises(InvalidEncoding):
        cls.from_bytes(bytes(big))
    # An all-zero compressed string is x = 0 with no flags, not the identity.
    with pytest.raises(InvalidPoint):
        cls.from_bytes(bytes(csize))
    # Uncompressed with top bits set is just a too-large coordinate.
    u = bytearray(p.to_bytes())
    u[0] |= 0x80
    with pytest.raises(InvalidEncoding):
        cls.from_bytes(bytes(u))
    # Lengths.
    for n in (0, 1, csize - 1, csize + 1, size - 1, size + 1, 2 * size):
        with pytest.raises(InvalidInput):
            cls.from_bytes(bytes(n))
    with pytest.raises(InvalidInput):
        cls.from_bytes(p.to_bytes(), compressed=True)
    with pytest.raises(InvalidInput):
        cls.from_bytes(bytes(z), compressed=False)


@pytest.mark.parametrize("cls", [G1, G2], ids=["G1", "G2"])
def test_wrong_types(cls: type) -> None:
    p = cls.generator()
    other = G2.generator() if cls is G1 else G1.generator()
    for wrong in ("00" * 64, 5, None, [0] * 64, 1.5):
        with pytest.raises(InvalidInput):
            cls.from_bytes(wrong)
    for wrong in (5, other, "p", None, Fr(1)):
        with pytest.raises(InvalidInput):
            p + wrong
        with pytest.raises(InvalidInput):
            p - wrong
    for wrong in (1.5, "2", None, other, b"\x02"):
        with pytest.raises(InvalidInput):
            p * wrong
    with pytest.raises(InvalidInput):
        True * p
    with pytest.raises(InvalidInput):
        cls(p.to_bytes())
    with pytest.raises(InvalidInput):
        cls.from_coordinates("1", "2")


def test_fr_non_canonical() -> None:
    with pytest.raises(InvalidEncoding):
        Fr.from_bytes(R.to_bytes(32, "big"))
    with pytest.raises(InvalidInput):
        Fr(R)
