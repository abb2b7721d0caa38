"""The native powers-of-tau ceremony against snarkjs 0.7.6 (npm): `new` and `prepare phase2`
give snarkjs's bytes, `snarkjs powersoftau verify` accepts a chain mixing our contributions,
snarkjs's and a beacon, we verify snarkjs's files, and tampering is caught."""

from __future__ import annotations

from pathlib import Path

import pytest
from zkey_ref import POWER, ceremony, replace, section, snarkjs

from masa_zk.errors import InvalidInput, InvalidProof
from masa_zk.formats import (
    ptau_beacon,
    ptau_contribute,
    ptau_new,
    ptau_prepare_phase2,
    ptau_verify,
    read_ptau,
    setup_from_ptau,
    zkey_bytes,
)


@pytest.fixture(scope="module")
def js(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return ceremony(tmp_path_factory.getbasetemp())


def test_new_equals_snarkjs(js: tuple[Path, Path], tmp_path: Path) -> None:
    ptau_new(POWER, tmp_path / "p.ptau")
    assert (tmp_path / "p.ptau").read_bytes() == (js[1].parent / "pot_0.ptau").read_bytes()


def test_prepare_phase2_equals_snarkjs(js: tuple[Path, Path], tmp_path: Path) -> None:
    prepared, raw = js
    ptau_prepare_phase2(raw, tmp_path / "p.ptau")
    assert (tmp_path / "p.ptau").read_bytes() == prepared.read_bytes()


def test_we_verify_snarkjs_files(js: tuple[Path, Path]) -> None:
    prepared, raw = js
    for f in (prepared, raw):
        got = ptau_verify(f)
        assert [(c.name, c.kind) for c in got] == [("first", "contribution")]
    # The response hash is the one snarkjs printed for the contribution.
    out = "".join(snarkjs("powersoftau", "verify", raw).split())
    h = got[-1].response_hash
    assert h is not None and h.hex() in out


def test_mixed_chain_snarkjs_verifies(tmp_path: Path) -> None:
    p = 5
    f = [tmp_path / f"p{i}.ptau" for i in range(5)]
    ptau_new(p, f[0])
    h1 = ptau_contribute(f[0], f[1], "ours", "entropy one")
    snarkjs("powersoftau", "contribute", f[1], f[2], "--name=theirs", "-e=x")
    h3 = ptau_contribute(f[2], f[3], "ours again ✓", b"\xff")
    ptau_prepare_phase2(f[3], f[4])
    out = "".join(snarkjs("powersoftau", "verify", f[4]).split())
    assert "PowersofTauOk!" in out, out[-400:]
    assert h3.hex() in out
    got = ptau_verify(f[4])
    assert [c.name for c in got] == ["ours", "theirs", "ours again ✓"]
    assert got[-1].response_hash == h3 and h1 != h3
    # snarkjs also prepares our chain identically.
    snarkjs("powersoftau", "prepare", "phase2", f[3], tmp_path / "js_prep.ptau")
    assert (tmp_path / "js_prep.ptau").read_bytes() == f[4].read_bytes()


def test_beacon_equals_snarkjs(js: tuple[Path, Path], tmp_path: Path) -> None:
    raw = js[1]
    h = ptau_beacon(raw, tmp_path / "ours.ptau", bytes.fromhex("deadbeef"), 10, "final beacon")
    snarkjs("powersoftau", "beacon", raw, tmp_path / "js.ptau", "deadbeef", "10", "-n=final beacon")
    # Bit for bit, including the response hasher's exported state (partialHash).
    assert (tmp_path / "ours.ptau").read_bytes() == (tmp_path / "js.ptau").read_bytes()
    assert ptau_verify(tmp_path / "js.ptau")[-1].response_hash == h
    assert "".join(h.hex()) in "".join(
        snarkjs("powersoftau", "verify", tmp_path / "js.ptau").split()
    )


def test_setup_from_our_ceremony(tmp_path: Path) -> None:
    """A native ceremony feeds snarkjs's `zkey new`, and ours gives the same key."""
    from formats_ref import r1cs_file

    ptau_new(4, tmp_path / "a.ptau")
    ptau_contribute(tmp_path / "a.ptau", tmp_path / "b.ptau", "x", "y")
    ptau_prepare_phase2(tmp_path / "b.ptau", tmp_path / "c.ptau")
    r1cs = tmp_path / "c.r1cs"
    r1cs.write_bytes(
        r1cs_file(5, 1, 0, 1, [([(2, 1)], [(2, 1)], [(3, 1)]), ([(3, 1)], [(2, 1)], [(1, 1)])])
    )
    snarkjs("zkey", "new", r1cs, tmp_path / "c.ptau", tmp_path / "k.zkey")
    assert (
        zkey_bytes(setup_from_ptau(r1cs, tmp_path / "c.ptau")) == (tmp_path / "k.zkey").read_bytes()
    )


def test_tampering_is_caught(js: tuple[Path, Path], tmp_path: Path) -> None:
    prepared = js[0].read_bytes()
    bad = tmp_path / "bad.ptau"

    def check(data: bytes) -> None:
        assert data != prepared
        bad.write_bytes(data)
        with pytest.raises(InvalidProof):
            ptau_verify(bad)

    t2, _ = section(prepared, 2)
    swapped = replace(
        replace(prepared, t2 + 64 * 5, prepared[t2 + 64 * 6 : t2 + 64 * 7]),
        t2 + 64 * 6,
        prepared[t2 + 64 * 5 : t2 + 64 * 6],
    )
    check(swapped)
    t12, _ = section(prepared, 12)
    check(replace(prepared, t12 + 64 * 9, prepared[t12 + 64 * 10 : t12 + 64 * 11]))
    t13, _ = section(prepared, 13)
    check(replace(prepared, t13 + 128 * 9, prepared[t13 + 128 * 10 : t13 + 128 * 11]))
    t4, _ = section(prepared, 4)
    check(replace(prepared, t4 + 64 * 3, prepared[t4 + 64 * 4 : t4 + 64 * 5]))
    # The contribution's nextChallenge.
    c7, _ = section(prepared, 7)
    nc = c7 + 4 + 64 * 9 + 128 * 5 + 216
    check(replace(prepared, nc, bytes(64)))
    # A key proof replaced by another valid point (tau.g1_sx := tau.g1_s).
    k = c7 + 4 + 64 * 3 + 128 * 2
    check(replace(prepared, k + 64, prepared[k : k + 64]))


def test_contribute_rejects_truncated_power(tmp_path: Path) -> None:
    ptau_new(3, tmp_path / "a.ptau")
    data = (tmp_path / "a.ptau").read_bytes()
    h, _ = section(data, 1)
    # ceremonyPower 4 > power 3: a truncated file.
    (tmp_path / "t.ptau").write_bytes(replace(data, h + 40, (4).to_bytes(4, "little")))
    assert read_ptau(tmp_path / "t.ptau").ceremony_power == 4
    with pytest.raises(InvalidInput, match="truncated"):
        ptau_contribute(tmp_path / "t.ptau", tmp_path / "u.ptau", "x", "y")
    with pytest.raises(InvalidInput):
        ptau_new(0, tmp_path / "z.ptau")
