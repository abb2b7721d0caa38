"""G1 and G2: group law, scalar multiplication and encodings, checked against py_ecc and
(compressed form) snarkjs' ffjavascript."""

from __future__ import annotations

import json

import numpy as np
import pytest
from bn254_ref import (
    R,
    g1_of,
    g2_of,
    ref_g1,
    ref_g2,
    run_node,
)
from hypothesis import given, settings
from hypothesis import strategies as st
from py_ecc import optimized_bn128 as ob

from masa_zk import G1, G2, Fr

scalars = st.integers(min_value=0, max_value=R - 1)
any_ints = st.integers(min_value=-(2**300), max_value=2**300)

FIXED = [0, 1, 2, 3, 5, 123456789, R - 1, R - 2, 2**128 + 7, (R - 1) // 2]


@pytest.mark.parametrize("k", FIXED)
def test_g1_scalar_mul_matches_py_ecc(k: int) -> None:
    p = G1.generator() * k
    ref = ref_g1(k)
    if ref is None:
        assert p.is_identity() and p.x == 0 and p.y == 0
    else:
        assert (p.x, p.y) == ref
        # Uncompressed encoding is x || y big-endian, as EIP-196.
        assert p.to_bytes() == ref[0].to_bytes(32, "big") + ref[1].to_bytes(32, "big")


@pytest.mark.parametrize("k", FIXED)
def test_g2_scalar_mul_matches_py_ecc(k: int) -> None:
    p = G2.generator() * k
    ref = ref_g2(k)
    if ref is None:
        assert p.is_identity()
    else:
        assert (p.x, p.y) == ref
        (x0, x1), (y0, y1) = ref
        # EIP-197 order: x.c1 || x.c0 || y.c1 || y.c0.
        assert p.to_bytes() == b"".join(v.to_bytes(32, "big") for v in (x1, x0, y1, y0))


def test_generators_and_identity() -> None:
    assert (G1.generator().x, G1.generator().y) == (1, 2)
    assert (G2.generator().x, G2.generator().y) == ref_g2(1)
    for cls in (G1, G2):
        zero = cls.identity()
        assert zero.is_identity() and not zero
        assert zero.to_bytes() == bytes(64 if cls is G1 else 128)
        assert zero + cls.generator() == cls.generator()
        assert cls.generator() * 0 == zero
        assert cls.generator() * R == zero
        assert -zero == zero


@settings(max_examples=30, deadline=None)
@given(scalars, scalars, scalars)
def test_g1_group_laws(a: int, b: int, c: int) -> None:
    g = G1.generator()
    pa, pb, pc = g * a, g * b, g * c
    assert pa + pb == pb + pa
    assert (pa + pb) + pc == pa + (pb + pc)
    assert pa + G1.identity() == pa
    assert pa - pa == G1.identity() and pa + (-pa) == G1.identity()
    assert pa + pb == g * ((a + b) % R)
    assert pa * b == g * (a * b % R) == pb * Fr(a)
    assert pa - pb == g * ((a - b) % R)


@settings(max_examples=15, deadline=None)
@given(scalars, scalars)
def test_g2_group_laws(a: int, b: int) -> None:
    h = G2.generator()
    pa, pb = h * a, h * b
    assert pa + pb == pb + pa == h * ((a + b) % R)
    assert pa - pb == h * ((a - b) % R)
    assert pa * b == h * (a * b % R)
    assert pa + (-pa) == G2.identity()


@settings(max_examples=10, deadline=None)
@given(scalars, scalars)
def test_addition_matches_py_ecc(a: int, b: int) -> None:
    p1, q1 = G1.generator() * a, G1.generator() * b
    assert ob.eq(g1_of(p1 + q1), ob.add(g1_of(p1), g1_of(q1)))
    p2, q2 = G2.generator() * a, G2.generator() * b
    assert ob.eq(g2_of(p2 + q2), ob.add(g2_of(p2), g2_of(q2)))


@settings(max_examples=20, deadline=None)
@given(any_ints)
def test_any_int_scalar_is_reduced(k: int) -> None:
    g = G1.generator()
    assert g * k == g * (k % R) == k * g == Fr.reduce(k) * g


@settings(max_examples=30, deadline=None)
@given(scalars)
def test_encodings_roundtrip(k: int) -> None:
    for cls, n, c in ((G1, 64, 32), (G2, 128, 64)):
        p = cls.generator() * k
        u, z = p.to_bytes(), p.to_bytes(compressed=True)
        assert len(u) == n and len(z) == c
        assert cls.from_bytes(u) == p == cls.from_bytes(z)
        assert cls.from_bytes(u, compressed=False) == cls.from_bytes(z, compressed=True)
        assert cls.from_bytes(bytearray(u)) == cls.from_bytes(memoryview(z)) == p
        assert hash(cls.from_bytes(z)) == hash(p)


def _g1_larger(y: int) -> bool:
    return y > (ob.field_modulus - 1) // 2


@settings(max_examples=30, deadline=None)
@given(scalars)
def test_compressed_format_by_hand(k: int) -> None:
    """The compressed bytes are x (EIP order) with 0x80 when y is the larger root."""
    p = G1.generator() * k
    z = p.to_bytes(compressed=True)
    if p.is_identity():
        assert z == b"\x40" + bytes(31)
        return
    flag = 0x80 if _g1_larger(p.y) else 0
    assert z == bytes([z[0]]) + p.x.to_bytes(32, "big")[1:]
    assert z[0] == p.x.to_bytes(32, "big")[0] | flag

    h = G2.generator() * k
    z2 = h.to_bytes(compressed=True)
    (x0, x1), (y0, y1) = h.x, h.y
    sign_from = y1 if y1 != 0 else y0
    flag = 0x80 if _g1_larger(sign_from) else 0
    body = x1.to_bytes(32, "big") + x0.to_bytes(32, "big")
    assert z2 == bytes([body[0] | flag]) + body[1:]


def test_identity_compressed() -> None:
    assert G1.identity().to_bytes(compressed=True) == b"\x40" + bytes(31)
    assert G2.identity().to_bytes(compressed=True) == b"\x40" + bytes(63)
    assert G1.from_bytes(b"\x40" + bytes(31)).is_identity()
    assert G2.from_bytes(b"\x40" + bytes(63)).is_identity()


def test_compressed_matches_snarkjs_ffjavascript() -> None:
    ks = [0, 1, 2, 7, 12345, R - 1, 2**200 + 3, 98765432123456789]
    script = """
const { buildBn128 } = require("ffjavascript");
(async () => {
  const bn = await buildBn128(true);
  const ks = __KS__;
  const hex = (u) => Buffer.from(u).toString("hex");
  const out = ks.map((k) => {
    const p = bn.G1.timesScalar(bn.G1.g, BigInt(k));
    const q = bn.G2.timesScalar(bn.G2.g, BigInt(k));
    const c1 = new Uint8Array(32); bn.G1.toRprCompressed(c1, 0, p);
    const c2 = new Uint8Array(64); bn.G2.toRprCompressed(c2, 0, q);
    const u1 = new Uint8Array(64); bn.G1.toRprUncompressed(u1, 0, p);
    const u2 = new Uint8Array(128); bn.G2.toRprUncompressed(u2, 0, q);
    return [hex(c1), hex(c2), hex(u1), hex(u2)];
  });
  console.log(JSON.stringify(out));
  process.exit(0);
})();
""".replace("__KS__", json.dumps([str(k) for k in ks]))
    ref = run_node(script)
    for k, (c1, c2, u1, u2) in zip(ks, ref, strict=True):
        p, q = G1.generator() * k, G2.generator() * k
        assert p.to_bytes(compressed=True).hex() == c1
        assert q.to_bytes(compressed=True).hex() == c2
        assert G1.from_bytes(bytes.fromhex(c1)) == p
        assert G2.from_bytes(bytes.fromhex(c2)) == q
        if k % R:  # wasmcurves marks infinity in its uncompressed form with 0x40
            assert p.to_bytes().hex() == u1
            assert q.to_bytes().hex() == u2


def test_from_coordinates() -> None:
    k = 424242
    x, y = ref_g1(k)  # type: ignore[misc]
    assert G1.from_coordinates(x, y) == G1.generator() * k
    assert G1.from_coordinates(0, 0).is_identity()
    x2, y2 = ref_g2(k)  # type: ignore[misc]
    assert G2.from_coordinates(x2, y2) == G2.generator() * k
    assert G2.from_coordinates(list(x2), list(y2)) == G2.generator() * k
    assert G2.from_coordinates((0, 0), (0, 0)).is_identity()


def test_generator_mul_batch() -> None:
    ks = [0, 1, 5, R - 1, 2**100, 77]
    pts = G1.generator_mul_batch(ks)
    assert pts == [G1.generator() * k for k in ks]
    assert G2.generator_mul_batch([Fr(3), 4]) == [G2.generator() * 3, G2.generator() * 4]
    arr = np.array([[k >> (64 * i) & (2**64 - 1) for i in range(4)] for k in ks], dtype=np.uint64)
    assert G1.generator_mul_batch(arr) == pts
    assert G1.generator_mul_batch([]) == []


def test_immutable_and_repr() -> None:
    g = G1.generator()
    with pytest.raises(AttributeError):
        g._b = b""  # type: ignore[misc]
    assert "x=0x1" in repr(g) and repr(G2.identity()) == "G2(identity)"
    assert len({g, G1.generator(), g * 2}) == 2
    assert g != G2.generator() and g != g.to_bytes()


def test_pickle_and_copy() -> None:
    import copy
    import pickle

    from masa_zk import GT, pairing

    g, h = G1.generator() * 9, G2.generator() * 9
    e = pairing(g, h)
    for v in (g, h, e, Fr(12345)):
        assert pickle.loads(pickle.dumps(v)) == v
        assert copy.deepcopy(v) == v and copy.copy(v) == v
    assert isinstance(pickle.loads(pickle.dumps(e)), GT)


def test_numpy_integer_scalars() -> None:
    g = G1.generator()
    assert g * np.uint64(7) == g * 7 == np.int64(7) * g
    assert Fr(3) * np.int32(-1) == Fr(R - 3)


def test_native_eq_agrees_with_bytes_eq() -> None:
    from masa_zk import _ffi

    g, h = G1.generator(), G2.generator()
    assert _ffi.g1_eq((g * 3).to_bytes(), (g + g + g).to_bytes())
    assert not _ffi.g1_eq(g.to_bytes(), (g * 2).to_bytes())
    assert _ffi.g2_eq((h * 3).to_bytes(), (h + h + h).to_bytes())
    assert not _ffi.g2_eq(h.to_bytes(), G2.identity().to_bytes())


def test_concurrent_native_calls_from_threads() -> None:
    """Native calls release the GIL; results and per-thread error messages stay correct."""
    from concurrent.futures import ThreadPoolExecutor

    from masa_zk import pairing
    from masa_zk.errors import NotOnCurve

    g, h = G1.generator(), G2.generator()
    want = pairing(g * 6, h)

    def work(i: int) -> bool:
        ok = pairing(g * 2, h * 3) == want
        try:
            G1.from_coordinates(1, 3 + i)
        except NotOnCurve as e:
            ok = ok and "not on the curve" in str(e)
        return ok

    with ThreadPoolExecutor(max_workers=4) as ex:
        assert all(ex.map(work, range(16)))
