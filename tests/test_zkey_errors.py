"""Hostile and malformed .zkey files: every truncation, bit flips, and each field a reader must
check (magic, version, protocol, fields, section sizes, canonical coordinates, curve and G2
subgroup membership, coefficient ranges, the phase-2 section) raise typed errors, never
crash. Files are built from a snarkjs key with a plain-Python section editor."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
from bn254_ref import g2_point_outside_subgroup
from formats_ref import R, container, r1cs_file
from formats_ref import section as make_section
from zkey_ref import Q, ceremony, fq_to_lem, replace, section, sections, snarkjs

from masa_zk.errors import (
    InvalidEncoding,
    InvalidInput,
    MasaZKError,
    NotInSubgroup,
    NotOnCurve,
)
from masa_zk.formats import read_zkey, read_zkey_bytes, zkey_bytes

HDR = 84  # section 2 bytes before the points


@pytest.fixture(scope="module")
def key(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """A snarkjs-contributed key of a 3-constraint circuit (section 10 with one record)."""
    ptau = ceremony(tmp_path_factory.getbasetemp())[0]
    d = tmp_path_factory.mktemp("zkey_errors")
    cons = [
        ([(2, 1)], [(3, 1)], [(4, 1)]),
        ([(4, 1)], [(2, 1)], [(1, 1)]),
        ([(0, 5), (3, 1)], [(0, 1)], [(5, 1)]),
    ]
    (d / "c.r1cs").write_bytes(r1cs_file(6, 1, 1, 1, cons))
    snarkjs("zkey", "new", d / "c.r1cs", ptau, d / "k0.zkey")
    snarkjs("zkey", "contribute", d / "k0.zkey", d / "k1.zkey", "-n=x", "-e=y")
    return (d / "k1.zkey").read_bytes()


def rebuild(data: bytes, payloads: dict[int, bytes | None]) -> bytes:
    """The same container with some section payloads replaced (None: dropped)."""
    secs = sections(data)
    out = []
    for sid in secs:
        for off, size in secs[sid]:
            p = payloads.get(sid, data[off : off + size])
            if p is not None:
                out.append(make_section(sid, p))
    return container(b"zkey", 1, out)


def payload(data: bytes, sid: int) -> bytes:
    off, size = section(data, sid)
    return data[off : off + size]


def test_every_truncation_is_a_typed_error(key: bytes) -> None:
    assert zkey_bytes(read_zkey_bytes(key)) == key
    for n in range(len(key)):
        with pytest.raises(InvalidEncoding):
            read_zkey_bytes(key[:n])


def test_bit_flips_never_crash(key: bytes) -> None:
    """Each flip either decodes to a valid key or raises one of the typed errors."""
    decoded = 0
    for i in range(0, len(key), 5):
        bad = bytearray(key)
        bad[i] ^= 1 << (i % 8)
        try:
            read_zkey_bytes(bytes(bad))
            decoded += 1
        except (InvalidEncoding, InvalidInput, NotOnCurve, NotInSubgroup):
            pass
    # Flips in names/transcripts/hashes decode; most flips in points do not.
    assert 0 < decoded < len(key) // 5


def test_header_fields(key: bytes) -> None:
    with pytest.raises(InvalidEncoding, match="magic"):
        read_zkey_bytes(b"zkez" + key[4:])
    with pytest.raises(InvalidInput, match="version"):
        read_zkey_bytes(key[:4] + struct.pack("<I", 3) + key[8:])
    with pytest.raises(InvalidInput, match="Groth16"):
        read_zkey_bytes(rebuild(key, {1: struct.pack("<I", 2)}))  # PLONK
    h = payload(key, 2)
    with pytest.raises(InvalidInput, match="base field"):
        read_zkey_bytes(rebuild(key, {2: h[:4] + (Q + 2).to_bytes(32, "little") + h[36:]}))
    with pytest.raises(InvalidInput, match="scalar field"):
        read_zkey_bytes(rebuild(key, {2: h[:40] + (R - 2).to_bytes(32, "little") + h[72:]}))
    n_vars, n_pub, domain = struct.unpack_from("<III", h, 72)
    for nv, npub, dom in [
        (n_vars, n_vars, domain),
        (n_vars, n_pub, domain + 1),
        (n_vars, n_pub, 0),
    ]:
        bad = h[:72] + struct.pack("<III", nv, npub, dom) + h[84:]
        with pytest.raises(InvalidEncoding):
            read_zkey_bytes(rebuild(key, {2: bad}))
    with pytest.raises(InvalidEncoding, match="section 2"):
        read_zkey_bytes(rebuild(key, {2: None}))
    with pytest.raises(InvalidEncoding):
        read_zkey_bytes(rebuild(key, {2: h + b"\x00"}))


def test_section_sizes(key: bytes) -> None:
    for sid, size in [(3, 64), (5, 64), (6, 64), (7, 128), (8, 64), (9, 64)]:
        p = payload(key, sid)
        with pytest.raises(InvalidEncoding, match=f"section {sid}"):
            read_zkey_bytes(rebuild(key, {sid: p[:-size]}))
        with pytest.raises(InvalidEncoding, match=f"section {sid}"):
            read_zkey_bytes(rebuild(key, {sid: p + p[:size]}))
    # A repeated section.
    secs = sections(key)
    off, size = secs[3][0]
    dup = container(
        b"zkey",
        1,
        [make_section(s, key[o : o + n]) for s in secs for o, n in secs[s]]
        + [make_section(3, key[off : off + size])],
    )
    with pytest.raises(InvalidEncoding, match="twice"):
        read_zkey_bytes(dup)


def test_points(key: bytes) -> None:
    off, _ = section(key, 5)  # A
    # A coordinate >= q (q itself, which is 0 mod q: not canonical).
    with pytest.raises(InvalidEncoding, match="coordinate"):
        read_zkey_bytes(replace(key, off, Q.to_bytes(32, "little")))
    # (1, 1) is on no curve.
    with pytest.raises(NotOnCurve):
        read_zkey_bytes(replace(key, off, fq_to_lem(1) + fq_to_lem(1)))
    # G2 (section 7 and the header's beta2): off the curve, and on it but outside the subgroup.
    x, y = g2_point_outside_subgroup()
    bad_g2 = b"".join(fq_to_lem(int(c)) for c in (*x.coeffs, *y.coeffs))
    off7, _ = section(key, 7)
    with pytest.raises(NotInSubgroup):
        read_zkey_bytes(replace(key, off7, bad_g2))
    hoff, _ = section(key, 2)
    with pytest.raises(NotInSubgroup, match="beta2"):
        read_zkey_bytes(replace(key, hoff + HDR + 128, bad_g2))
    with pytest.raises(NotOnCurve):
        read_zkey_bytes(replace(key, off7, fq_to_lem(1) * 4))
    # In section 10 too.
    moff, _ = section(key, 10)
    with pytest.raises(NotOnCurve, match="contribution 0"):
        read_zkey_bytes(replace(key, moff + 68, fq_to_lem(1) + fq_to_lem(1)))


def test_coefficients(key: bytes) -> None:
    off, _ = section(key, 4)
    e = off + 4  # the first entry: matrix, constraint, signal, value
    n_vars, _, domain = struct.unpack_from("<III", payload(key, 2), 72)
    cases = {
        "matrix": replace(key, e, struct.pack("<I", 2)),
        "constraint": replace(key, e + 4, struct.pack("<I", domain)),
        "signal": replace(key, e + 8, struct.pack("<I", n_vars)),
        "value": replace(key, e + 12, R.to_bytes(32, "little")),
    }
    for what, data in cases.items():
        with pytest.raises(InvalidEncoding, match=what):
            read_zkey_bytes(data)
    p = payload(key, 4)
    with pytest.raises(InvalidEncoding, match="coefficients"):
        read_zkey_bytes(rebuild(key, {4: struct.pack("<I", 10**6) + p[4:]}))


def test_phase2_section(key: bytes) -> None:
    p = payload(key, 10)
    with pytest.raises(InvalidEncoding, match="contributions"):
        read_zkey_bytes(rebuild(key, {10: p[:64] + struct.pack("<I", 10**6) + p[68:]}))
    with pytest.raises(InvalidEncoding):
        read_zkey_bytes(rebuild(key, {10: p[:-1]}))
    # Record layout: 68 + 3 G1 + G2 + transcript, then type, paramsLen, params.
    t = 68 + 64 * 3 + 128 + 64
    with pytest.raises(InvalidEncoding, match="type"):
        read_zkey_bytes(rebuild(key, {10: p[:t] + struct.pack("<I", 7) + p[t + 4 :]}))
    # A beacon without its parameters.
    with pytest.raises(InvalidEncoding, match="beacon"):
        read_zkey_bytes(rebuild(key, {10: p[:t] + struct.pack("<I", 1) + p[t + 4 :]}))
    # Parameters: name "x" is (1, 1, "x"); an unknown id and an unsorted list.
    for params in [b"\x09\x00", b"\x01\x01x\x01\x01x"]:
        body = p[: t + 4] + struct.pack("<I", len(params)) + params
        with pytest.raises(InvalidEncoding, match="parameter"):
            read_zkey_bytes(rebuild(key, {10: body}))


def test_read_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="cannot open"):
        read_zkey(tmp_path / "nope.zkey")
    (tmp_path / "empty.zkey").write_bytes(b"")
    with pytest.raises(MasaZKError):
        read_zkey(tmp_path / "empty.zkey")
