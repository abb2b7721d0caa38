"""Pairings and GT, checked against py_ecc (exact values, after mapping the tower) and
snarkjs' ffjavascript."""

from __future__ import annotations

import json

import pytest
from bn254_ref import M, Q, R, g1_of, g2_of, gt_to_pyecc, run_node
from hypothesis import given, settings
from hypothesis import strategies as st
from py_ecc import optimized_bn128 as ob

from masa_zk import G1, G2, GT, Fr, pairing, pairing_check, pairing_product
from masa_zk.errors import InvalidEncoding, InvalidInput, NotInSubgroup

scalars = st.integers(min_value=1, max_value=R - 1)
g, h = G1.generator(), G2.generator()


def test_gcd_m_r() -> None:
    from math import gcd

    assert gcd(M, R) == 1  # so e^M is a bilinear non-degenerate pairing too


@pytest.mark.parametrize(("a", "b"), [(1, 1), (5, 7), (R - 1, 2**130 + 11)])
def test_pairing_exact_value_vs_py_ecc(a: int, b: int) -> None:
    """Our value is py_ecc's textbook e(P, Q) = f^((q^12-1)/r) raised to M exactly; the
    exponent M comes from the final exponentiation that arkworks and snarkjs share."""
    p, q = g * a, h * b
    ours = gt_to_pyecc(pairing(p, q))
    ref = ob.pairing(g2_of(q), g1_of(p))
    assert ours != ref
    assert ours == ref**M


def test_pairing_exact_value_vs_snarkjs() -> None:
    """snarkjs' bn128.pairing gives the same 12 coefficients in the same order (so GT bytes
    match e.g. vk_alphabeta_12 in a snarkjs verification key)."""
    ks = [(1, 1), (3, 11), (R - 5, 987654321)]
    script = """
const { buildBn128 } = require("ffjavascript");
(async () => {
  const bn = await buildBn128(true);
  const out = __KS__.map(([a, b]) => {
    const e = bn.pairing(bn.G1.timesScalar(bn.G1.g, BigInt(a)),
                         bn.G2.timesScalar(bn.G2.g, BigInt(b)));
    return bn.Gt.toObject(e).flat(2).map((v) => v.toString());
  });
  console.log(JSON.stringify(out));
  process.exit(0);
})();
""".replace("__KS__", json.dumps([[str(a), str(b)] for a, b in ks]))
    for (a, b), coeffs in zip(ks, run_node(script), strict=True):
        assert pairing(g * a, h * b).coefficients() == tuple(int(c) for c in coeffs)


def test_coefficient_order_is_the_documented_tower() -> None:
    """The Fq12 encoding: 12 x 32-byte big-endian coefficients, bytes == coefficients()."""
    e = pairing(g, h)
    b = e.to_bytes()
    assert len(b) == 384
    assert e.coefficients() == tuple(
        int.from_bytes(b[i : i + 32], "big") for i in range(0, 384, 32)
    )
    assert all(0 <= c < Q for c in e.coefficients())
    assert GT.one().coefficients() == (1,) + (0,) * 11
    assert gt_to_pyecc(GT.one()) == ob.FQ12.one()


@settings(max_examples=8, deadline=None)
@given(scalars, scalars)
def test_bilinearity(a: int, b: int) -> None:
    e = pairing(g, h)
    assert pairing(g * a, h * b) == e ** (a * b % R) == pairing(g * (a * b % R), h)
    assert pairing(g * a, h) * pairing(g * b, h) == pairing(g * ((a + b) % R), h)


def test_degenerate_inputs() -> None:
    assert pairing(G1.identity(), h).is_one()
    assert pairing(g, G2.identity()).is_one()
    assert not pairing(g, h).is_one()


def test_gt_group_ops() -> None:
    e = pairing(g, h)
    assert (e**Fr.MODULUS).is_one() and (e**0).is_one()
    assert e**-1 * e == GT.one()
    assert e / e == GT.one()
    assert e ** Fr(3) == e * e * e == e**3
    assert e ** (R + 2) == e**2
    assert GT.from_bytes(e.to_bytes()) == e
    assert hash(GT.from_bytes(e.to_bytes())) == hash(e)
    assert gt_to_pyecc(e * e) == gt_to_pyecc(e) * gt_to_pyecc(e)


@settings(max_examples=5, deadline=None)
@given(st.lists(st.tuples(scalars, scalars), min_size=0, max_size=5))
def test_pairing_product(pairs: list[tuple[int, int]]) -> None:
    pts = [(g * a, h * b) for a, b in pairs]
    prod = GT.one()
    for p, q in pts:
        prod = prod * pairing(p, q)
    assert pairing_product(pts) == prod
    assert pairing_product(iter(pts)) == prod
    e = pairing(g, h)
    assert prod == e ** (sum(a * b for a, b in pairs) % R)


def test_pairing_check() -> None:
    a, b, c = 12345, 67890, 13579
    # e(aG, bH) * e(-abG, H) == 1
    assert pairing_check([(g * a, h * b), (-(g * (a * b)), h)])
    assert not pairing_check([(g * a, h * b), (-(g * (a * b + 1)), h)])
    # Groth16-shaped: e(A,B) = e(alpha,beta) e(C,delta)
    assert pairing_check([(-(g * a), h * b), (g * c, h * 7), (g * ((a * b - 7 * c) % R), h)])
    assert pairing_check([])
    assert pairing_check([(G1.identity(), h)])
    # And py_ecc agrees on a product that is one.
    lhs = ob.pairing(g2_of(h * b), g1_of(g * a))
    rhs = ob.pairing(g2_of(h), g1_of(g * (a * b % R)))
    assert lhs == rhs


def test_wrong_types() -> None:
    with pytest.raises(InvalidInput):
        pairing(h, g)  # type: ignore[arg-type]
    with pytest.raises(InvalidInput):
        pairing(g, g)  # type: ignore[arg-type]
    for bad in ([(g,)], [(g, h, h)], [g], "gh", None, [[g, h]], 5):
        with pytest.raises(InvalidInput):
            pairing_product(bad)  # type: ignore[arg-type]
        with pytest.raises(InvalidInput):
            pairing_check(bad)  # type: ignore[arg-type]
    e = pairing(g, h)
    with pytest.raises(InvalidInput):
        e * 2  # type: ignore[operator]
    with pytest.raises(InvalidInput):
        e**1.5  # type: ignore[operator]
    with pytest.raises(InvalidInput):
        GT(e.to_bytes())
    assert e != e.to_bytes()


def test_gt_from_bytes_checks() -> None:
    e = pairing(g, h).to_bytes()
    with pytest.raises(InvalidInput):
        GT.from_bytes(e[:-1])
    with pytest.raises(InvalidInput):
        GT.from_bytes(list(e))  # type: ignore[arg-type]
    # A coefficient >= q.
    with pytest.raises(InvalidEncoding):
        GT.from_bytes(Q.to_bytes(32, "big") + e[32:])
    # Canonical Fq12 elements outside the order-r subgroup.
    two = (2).to_bytes(32, "big") + bytes(352)
    with pytest.raises(NotInSubgroup):
        GT.from_bytes(two)
    with pytest.raises(NotInSubgroup):
        GT.from_bytes(bytes(384))
    # e * 2 (a field multiple) is not in GT either.
    coeffs = pairing(g, h).coefficients()
    doubled = b"".join((2 * c % Q).to_bytes(32, "big") for c in coeffs)
    with pytest.raises(NotInSubgroup):
        GT.from_bytes(doubled)
