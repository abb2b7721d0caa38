"""EdDSA-Poseidon against circomlibjs: vectors, live sign/verify both ways, bad input."""

from __future__ import annotations

import pickle
import random

import pytest
from vectors.oracle import VECTORS, ask

from masa_zk import _ffi, poseidon
from masa_zk.babyjubjub import FIELD_MODULUS, SUBGROUP_ORDER, Point, base8, generator
from masa_zk.eddsa import PrivateKey, PublicKey, Signature
from masa_zk.errors import InvalidInput, NotInSubgroup

R = FIELD_MODULUS
L = SUBGROUP_ORDER


def pt(v: list[str]) -> Point:
    return Point(int(v[0]), int(v[1]))


def js_pt(p: Point) -> list[str]:
    return [str(p.x), str(p.y)]


@pytest.mark.parametrize("v", VECTORS["blake512"], ids=lambda v: str(len(v["data"]) // 2))
def test_blake512_matches_npm_blake_hash(v: dict[str, str]) -> None:
    assert _ffi.blake512(bytes.fromhex(v["data"])).hex() == v["digest"]


@pytest.mark.parametrize("v", VECTORS["eddsa"], ids=lambda v: v["private_key"][:6] + v["msg"][:6])
def test_matches_circomlibjs_vectors(v: dict[str, object]) -> None:
    sk = PrivateKey.from_bytes(bytes.fromhex(v["private_key"]))  # type: ignore[arg-type]
    pk = sk.public_key()
    assert pk.point == pt(v["public_key"])  # type: ignore[arg-type]
    assert pk.to_bytes().hex() == v["public_key_packed"]
    msg = int(v["msg"])  # type: ignore[call-overload]
    sig = sk.sign(msg)
    assert sig.R8 == pt(v["R8"])  # type: ignore[arg-type]
    assert sig.S == int(v["S"])  # type: ignore[call-overload]
    assert sig.to_bytes().hex() == v["signature_packed"]
    assert pk.verify(msg, sig)
    assert pk.verify(msg, bytes.fromhex(v["signature_packed"]))  # type: ignore[arg-type]
    assert not pk.verify((msg + 1) % R, sig)


def test_live_cross_verification() -> None:
    rng = random.Random(99)
    keys = [PrivateKey.from_bytes(rng.randbytes(32)) for _ in range(4)]
    msgs = [rng.randrange(R) for _ in range(4)]
    ours = [sk.sign(m) for sk, m in zip(keys, msgs, strict=True)]
    pubs = [sk.public_key() for sk in keys]
    tampered = [
        (0, Signature(ours[0].R8, (ours[0].S + 1) % L), msgs[0]),
        (1, ours[1], (msgs[1] + 1) % R),
        (2, Signature(ours[2].R8 + base8(), ours[2].S), msgs[2]),
        (3, Signature(ours[3].R8, ours[3].S + L), msgs[3]),  # S >= l: malleated
    ]
    reqs: list[dict[str, object]] = []
    # 1. circomlibjs verifies our signatures.
    reqs += [
        {"op": "verify", "msg": str(m), "R8": js_pt(s.R8), "S": str(s.S), "A": js_pt(pk.point)}
        for pk, m, s in zip(pubs, msgs, ours, strict=True)
    ]
    # 2. circomlibjs signs; we verify.
    reqs += [
        {"op": "sign", "prv": sk.to_bytes().hex(), "msg": str(m)}
        for sk, m in zip(keys, msgs, strict=True)
    ]
    reqs += [{"op": "prv2pub", "prv": sk.to_bytes().hex()} for sk in keys]
    # 3. Tampered signatures, judged by circomlibjs.
    reqs += [
        {"op": "verify", "msg": str(m), "R8": js_pt(s.R8), "S": str(s.S), "A": js_pt(pubs[i].point)}
        for i, s, m in tampered
    ]
    ans = ask(reqs)
    assert ans[0:4] == [True] * 4
    for pk, m, s, a in zip(pubs, msgs, ours, ans[4:8], strict=True):
        js_sig = Signature(pt(a["R8"]), int(a["S"]))
        assert pk.verify(m, js_sig)
        assert pk.verify(m, bytes.fromhex(a["packed"]))
        assert js_sig == s  # deterministic: the very same signature
    assert [pt(a) for a in ans[8:12]] == [pk.point for pk in pubs]
    assert ans[12:16] == [False] * 4
    assert [pubs[i].verify(m, s) for i, s, m in tampered] == [False] * 4


def test_rejects_s_not_below_l() -> None:
    sk = PrivateKey.from_bytes(b"\x05" * 32)
    pk, sig = sk.public_key(), sk.sign(77)
    assert pk.verify(77, sig)
    for s in (sig.S + L, L, 2**256 - 1):
        assert not pk.verify(77, Signature(sig.R8, s))
        assert not pk.verify(77, Signature(sig.R8, s).to_bytes())
    # Bypassing the Python check: the native core rejects it too.
    s_bytes = (sig.S + L).to_bytes(32, "little")
    assert not _ffi.eddsa_verify(
        pk.point._to_native(), (77).to_bytes(32, "little"), sig.R8._to_native(), s_bytes
    )


def test_rejects_key_outside_subgroup_that_circomlibjs_accepts() -> None:
    """A' = A + T (T of order 8) lets a signer make signatures that circomlibjs accepts
    under A' (8·H·A' = 8·H·A); we refuse keys outside the subgroup."""
    sk = PrivateKey.from_bytes(b"\x09" * 32)
    h = _ffi.blake512(sk.to_bytes())
    s_bytes = bytearray(h[:32])
    s_bytes[0] &= 0xF8
    s_bytes[31] = (s_bytes[31] & 0x7F) | 0x40
    s = int.from_bytes(s_bytes, "little")
    torsion = generator() * SUBGROUP_ORDER  # order 8
    assert not torsion.is_identity() and (torsion * 8).is_identity()
    a_bad = sk.public_key().point + torsion
    msg, r = 1234, 5678
    r8 = base8() * r
    hm = poseidon([r8.x, r8.y, a_bad.x, a_bad.y, msg])
    forged = Signature(r8, (r + hm * s) % L)
    assert ask(
        [{"op": "verify", "msg": str(msg), "R8": js_pt(r8), "S": str(forged.S), "A": js_pt(a_bad)}]
    ) == [True]
    with pytest.raises(NotInSubgroup):
        PublicKey(a_bad)
    with pytest.raises(NotInSubgroup):
        PublicKey.from_bytes(a_bad.to_bytes())
    assert not _ffi.eddsa_verify(
        a_bad._to_native(),
        msg.to_bytes(32, "little"),
        r8._to_native(),
        forged.S.to_bytes(32, "little"),
    )


def test_rejects_r8_outside_subgroup_and_malformed_bytes() -> None:
    sk = PrivateKey.from_bytes(b"\x0a" * 32)
    pk, sig = sk.public_key(), sk.sign(3)
    two_torsion = Point(0, R - 1)
    assert not pk.verify(3, Signature(sig.R8 + two_torsion, sig.S))
    raw = sig.to_bytes()
    bad_y = R.to_bytes(32, "little") + raw[32:]  # non-canonical R8
    assert not pk.verify(3, bad_y)
    assert not pk.verify(3, raw[:63])
    assert not pk.verify(3, raw + b"\x00")
    assert not pk.verify(3, bytes(64))  # y = 0 gives x² = 1/a: check no crash
    # Off-curve coordinates through the native seam: false, not an error.
    off = (1).to_bytes(32, "little") * 2
    assert not _ffi.eddsa_verify(
        off, (3).to_bytes(32, "little"), sig.R8._to_native(), sig.S.to_bytes(32, "little")
    )
    # The identity as a public key verifies nothing.
    assert not _ffi.eddsa_verify(
        Point.identity()._to_native(),
        (3).to_bytes(32, "little"),
        (base8() * sig.S)._to_native(),
        sig.S.to_bytes(32, "little"),
    )


def test_wrong_types_and_ranges() -> None:
    sk = PrivateKey.from_bytes(b"\x0b" * 32)
    pk, sig = sk.public_key(), sk.sign(0)
    for bad_msg in (-1, R, 1.0, "1", None, True):
        with pytest.raises(InvalidInput):
            sk.sign(bad_msg)  # type: ignore[arg-type]
        with pytest.raises(InvalidInput):
            pk.verify(bad_msg, sig)  # type: ignore[arg-type]
    with pytest.raises(InvalidInput):
        pk.verify(0, "sig")  # type: ignore[arg-type]
    for bad_key in (b"", b"\x00" * 31, b"\x00" * 33, "00" * 32):
        with pytest.raises(InvalidInput):
            PrivateKey.from_bytes(bad_key)  # type: ignore[arg-type]
    with pytest.raises(InvalidInput):
        PublicKey.from_bytes(b"\x00" * 31)
    with pytest.raises(InvalidInput):
        Signature(sig.R8, -1)
    with pytest.raises(InvalidInput):
        Signature(sig.R8, 2**256)
    with pytest.raises(InvalidInput):
        Signature((1, 2), 5)  # type: ignore[arg-type]
    with pytest.raises(InvalidInput):
        Signature.from_bytes(b"\x00" * 63)


def test_keys_and_secrecy() -> None:
    sk = PrivateKey.generate()
    assert sk != PrivateKey.generate()
    secret_hex = sk.to_bytes().hex()
    assert secret_hex not in repr(sk) and secret_hex not in str(sk)
    assert secret_hex[:16] not in f"{sk!r} {sk!s}"
    with pytest.raises(TypeError):
        pickle.dumps(sk)
    pk = sk.public_key()
    assert PublicKey.from_bytes(pk.to_bytes()) == pk
    assert pk.point.in_subgroup()
    sig = sk.sign(R - 1)
    assert Signature.from_bytes(sig.to_bytes()) == sig
    assert pk.verify(R - 1, sig)
    assert sk.sign(R - 1) == sig  # deterministic
