"""Groth16 .zkey interop with snarkjs 0.7.6 (npm): our `zkey new` equals snarkjs's byte for
byte, keys read and written back are unchanged, snarkjs verifies our phase-2 contributions
(and proves and verifies with the result), we verify snarkjs's, beacons agree bit for bit,
and tampered keys are rejected."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from formats_ref import R, r1cs_file, run
from zkey_ref import (
    CIRCOM_SOURCE,
    ceremony,
    g1_from_lem,
    g2_from_lem,
    replace,
    section,
    snarkjs,
)

from masa_zk.circuit import Circuit, Private, Public, Scalar, compile
from masa_zk.errors import InvalidInput, InvalidProof
from masa_zk.formats import (
    R1CS,
    beacon_zkey,
    contribute_zkey,
    read_zkey,
    read_zkey_bytes,
    setup_from_ptau,
    verify_zkey,
    write_zkey,
    zkey_bytes,
    zkey_contributions,
    zkey_info,
)


class Dsl(Circuit):
    """x^3 + x + 5 = out, with a public bound check on a second input."""

    out: Public[Scalar]
    k: Public[Scalar]
    x: Private[Scalar]
    y: Private[Scalar]

    def define(self, api):
        x2 = self.x * self.x
        api.assert_equal(x2 * self.x + self.x + 5, self.out)
        api.assert_equal(self.y * (self.k - 2), self.k * self.k - 2 * self.k)


def raw_r1cs() -> bytes:
    """A hand-made file that exercises snarkjs's raw handling: unsorted and repeated terms,
    coefficients near r, an unused wire, C terms on public wires, an empty LC."""
    cons = [
        ([(3, 1), (2, R - 1), (3, 5)], [(4, 2)], [(1, 1)]),
        ([(4, R - 7), (0, 12345678901234567890)], [(0, 1)], [(2, 3), (5, 1)]),
        ([], [], []),
        ([(5, 1)], [(5, 1), (3, 2**200)], [(6, 1)]),
    ]
    # 8 wires: 0 one, 1 output, 2 public input, 3-4 private, 5-6 internal, 7 unused.
    return r1cs_file(8, 1, 1, 2, cons)


@pytest.fixture(scope="module")
def ptau(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return ceremony(tmp_path_factory.getbasetemp())[0]


@pytest.fixture(scope="module")
def circuits(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Path]]:
    """name -> {"r1cs": ..., "wtns": ... (when the circuit can be proved)}."""
    d = tmp_path_factory.mktemp("circuits")
    out: dict[str, dict[str, Path]] = {}

    c = d / "circom"
    c.mkdir()
    (c / "main.circom").write_text(CIRCOM_SOURCE)
    p = run("circom2", "main.circom", "--r1cs", "--wasm", "-o", ".", cwd=c)
    assert p.returncode == 0, p.stderr
    (c / "input.json").write_text(json.dumps({"a": "3", "b": "4", "c": "5"}))
    snarkjs("wtns", "calculate", c / "main_js" / "main.wasm", c / "input.json", c / "w.wtns")
    out["circom"] = {"r1cs": c / "main.r1cs", "wtns": c / "w.wtns"}

    cs = compile(Dsl)
    (d / "dsl").mkdir()
    cs.write_r1cs(d / "dsl" / "c.r1cs")
    cs.witness({"out": 35, "k": 9, "x": 3, "y": 9}).write_wtns(d / "dsl" / "w.wtns")
    out["dsl"] = {"r1cs": d / "dsl" / "c.r1cs", "wtns": d / "dsl" / "w.wtns"}

    (d / "raw").mkdir()
    (d / "raw" / "c.r1cs").write_bytes(raw_r1cs())
    out["raw"] = {"r1cs": d / "raw" / "c.r1cs"}
    return out


@pytest.fixture(scope="module")
def js_keys(circuits: dict[str, dict[str, Path]], ptau: Path) -> dict[str, dict[str, Path]]:
    """snarkjs keys per circuit: zkey new (k0), one contribution (k1), a beacon (k2)."""
    out = {}
    for name, files in circuits.items():
        d = files["r1cs"].parent
        k0, k1, k2 = d / "js0.zkey", d / "js1.zkey", d / "js2.zkey"
        snarkjs("zkey", "new", files["r1cs"], ptau, k0)
        snarkjs("zkey", "contribute", k0, k1, "--name=js contributor", "-e=js entropy")
        snarkjs("zkey", "beacon", k1, k2, "0a0b0c0d", "10", "-n=js beacon")
        out[name] = {"k0": k0, "k1": k1, "k2": k2}
    return out


NAMES = ["circom", "dsl", "raw"]
#: Bytes of section 2 before its points: n8q, q, n8r, r, nVars, nPublic, domainSize.
HDR = 84


@pytest.mark.parametrize("name", NAMES)
def test_setup_equals_snarkjs_zkey_new(
    name: str, circuits: dict[str, dict[str, Path]], js_keys: dict[str, dict[str, Path]], ptau: Path
) -> None:
    pk = setup_from_ptau(circuits[name]["r1cs"], ptau)
    want = js_keys[name]["k0"].read_bytes()
    assert zkey_bytes(pk) == want
    info = zkey_info(pk)
    assert info.n_contributions == 0
    assert info.cs_hash == want[section(want, 10)[0] :][:64]


def test_setup_from_objects(circuits: dict[str, dict[str, Path]], ptau: Path) -> None:
    """A compiled ConstraintSystem, an R1CS object and the file's bytes all give the key of
    the file (snarkjs's, by the test above)."""
    want = zkey_bytes(setup_from_ptau(circuits["dsl"]["r1cs"], ptau))
    cs = compile(Dsl)
    assert zkey_bytes(setup_from_ptau(cs, ptau)) == want
    assert zkey_bytes(setup_from_ptau(cs.to_r1cs(), ptau)) == want
    assert zkey_bytes(setup_from_ptau(circuits["dsl"]["r1cs"].read_bytes(), ptau)) == want
    assert zkey_bytes(setup_from_ptau(R1CS.from_file(circuits["dsl"]["r1cs"]), ptau)) == want


@pytest.mark.parametrize("which", ["k0", "k1", "k2"])
@pytest.mark.parametrize("name", NAMES)
def test_read_write_identical(name: str, which: str, js_keys: dict[str, dict[str, Path]]) -> None:
    path = js_keys[name][which]
    data = path.read_bytes()
    assert zkey_bytes(read_zkey(path)) == data
    assert zkey_bytes(read_zkey_bytes(data)) == data


@pytest.mark.parametrize("name", NAMES)
def test_beacon_equals_snarkjs(name: str, js_keys: dict[str, dict[str, Path]]) -> None:
    pk, h = beacon_zkey(read_zkey(js_keys[name]["k1"]), bytes.fromhex("0a0b0c0d"), 10, "js beacon")
    assert zkey_bytes(pk) == js_keys[name]["k2"].read_bytes()
    assert zkey_contributions(pk)[-1].hash == h


@pytest.mark.parametrize("name", NAMES)
def test_we_verify_snarkjs_contributions(
    name: str, circuits: dict[str, dict[str, Path]], js_keys: dict[str, dict[str, Path]], ptau: Path
) -> None:
    got = verify_zkey(circuits[name]["r1cs"], ptau, js_keys[name]["k2"])
    assert [(c.name, c.kind) for c in got] == [
        ("js contributor", "contribution"),
        ("js beacon", "beacon"),
    ]
    # The hashes are the ones snarkjs prints for the same key.
    out = re.sub(
        r"\s", "", snarkjs("zkey", "verify", circuits[name]["r1cs"], ptau, js_keys[name]["k2"])
    )
    assert all(c.hash.hex() in out for c in got)
    assert verify_zkey(circuits[name]["r1cs"], ptau, js_keys[name]["k0"]) == []


@pytest.mark.parametrize("name", NAMES)
def test_snarkjs_verifies_our_contributions(
    name: str,
    circuits: dict[str, dict[str, Path]],
    js_keys: dict[str, dict[str, Path]],
    ptau: Path,
    tmp_path: Path,
) -> None:
    r1cs = circuits[name]["r1cs"]
    pk = setup_from_ptau(r1cs, ptau)
    pk, h1 = contribute_zkey(pk, name="alice", entropy="alice's dice")
    pk, h2 = contribute_zkey(pk, name="bob ✓", entropy=b"\x00\x01")
    assert h1 != h2
    write_zkey(pk, tmp_path / "ours.zkey")
    out = re.sub(r"\s", "", snarkjs("zkey", "verify", r1cs, ptau, tmp_path / "ours.zkey"))
    assert "ZKeyOk!" in out and h1.hex() in out and h2.hex() in out
    # Mixed chain: snarkjs contributes on top of ours, we verify the result.
    snarkjs(
        "zkey", "contribute", tmp_path / "ours.zkey", tmp_path / "mixed.zkey", "-n=carol", "-e=x"
    )
    got = verify_zkey(r1cs, ptau, tmp_path / "mixed.zkey")
    assert [c.name for c in got] == ["alice", "bob ✓", "carol"]
    assert [c.hash for c in got[:2]] == [h1, h2]
    # And our key on top of snarkjs's chain.
    pk3, _ = contribute_zkey(read_zkey(js_keys[name]["k2"]), name="dave", entropy="d")
    write_zkey(pk3, tmp_path / "on_js.zkey")
    assert "ZKey Ok!" in snarkjs("zkey", "verify", r1cs, ptau, tmp_path / "on_js.zkey")


@pytest.mark.parametrize("name", ["circom", "dsl"])
def test_snarkjs_proves_with_our_key(
    name: str, circuits: dict[str, dict[str, Path]], ptau: Path, tmp_path: Path
) -> None:
    pk, _ = contribute_zkey(setup_from_ptau(circuits[name]["r1cs"], ptau), "p", "e")
    key = tmp_path / "k.zkey"
    write_zkey(pk, key)
    vk, proof, public = tmp_path / "vk.json", tmp_path / "proof.json", tmp_path / "public.json"
    snarkjs("zkey", "export", "verificationkey", key, vk)
    snarkjs("groth16", "prove", key, circuits[name]["wtns"], proof, public)
    assert "OK!" in snarkjs("groth16", "verify", vk, public, proof)
    # The exported key is our key: delta_2 and IC decoded here from our bytes.
    data = key.read_bytes()
    v = json.loads(vk.read_text())
    off, _ = section(data, 2)
    (dx, dy) = g2_from_lem(data[off + HDR + 64 * 3 + 128 * 2 : off + HDR + 64 * 3 + 128 * 3])
    assert v["vk_delta_2"][:2] == [[str(dx[0]), str(dx[1])], [str(dy[0]), str(dy[1])]]
    ic_off, ic_size = section(data, 3)
    ic = [g1_from_lem(data[ic_off + 64 * i : ic_off + 64 * i + 64]) for i in range(ic_size // 64)]
    assert [p[:2] for p in v["IC"]] == [[str(x), str(y)] for x, y in ic]


def _tamper(data: bytes, sid: int, size: int = 64) -> bytes:
    """Swap the first two different points of a section (both stay valid points)."""
    off, n = section(data, sid)
    pts = [data[off + k * size : off + (k + 1) * size] for k in range(n // size)]
    i = 0
    j = next(k for k in range(1, len(pts)) if pts[k] != pts[0])
    a = data[off + i * size : off + (i + 1) * size]
    b = data[off + j * size : off + (j + 1) * size]
    return replace(replace(data, off + i * size, b), off + j * size, a)


def test_verify_rejects_tampered_keys(
    circuits: dict[str, dict[str, Path]], js_keys: dict[str, dict[str, Path]], ptau: Path
) -> None:
    r1cs = circuits["circom"]["r1cs"]
    good = js_keys["circom"]["k1"].read_bytes()
    verify_zkey(r1cs, ptau, read_zkey_bytes(good))
    coef_off, _ = section(good, 4)
    hdr_off, _ = section(good, 2)
    mpc_off, _ = section(good, 10)
    sig = int.from_bytes(good[coef_off + 12 : coef_off + 16], "little")
    n_vars = int.from_bytes(good[hdr_off + 72 : hdr_off + 76], "little")
    bad = {
        "H": _tamper(good, 9),
        "C": _tamper(good, 8),
        "IC": _tamper(good, 3),
        "A": _tamper(good, 5),
        "B2": _tamper(good, 7, 128),
        # the signal of the first coefficient
        "coef": replace(good, coef_off + 4 + 8, ((sig + 1) % n_vars).to_bytes(4, "little")),
        # delta1 := alpha1 (a valid point, but not the contributions' delta)
        "delta1": replace(
            good, hdr_off + HDR + 64 * 2 + 128 * 2, good[hdr_off + HDR : hdr_off + HDR + 64]
        ),
        # the transcript of the contribution
        "transcript": replace(good, mpc_off + 68 + 64 * 3 + 128, bytes(64)),
        # the circuit hash
        "cshash": replace(good, mpc_off, bytes(64)),
    }
    for what, data in bad.items():
        assert data != good, what
        pk = read_zkey_bytes(data)
        with pytest.raises(InvalidProof):
            verify_zkey(r1cs, ptau, pk)
    # A key of another circuit.
    with pytest.raises(InvalidProof):
        verify_zkey(circuits["dsl"]["r1cs"], ptau, js_keys["circom"]["k1"])
    # snarkjs agrees on one of them (the tampering is real, not an artefact of our reader).
    tmp = js_keys["circom"]["k1"].parent / "tampered.zkey"
    tmp.write_bytes(bad["H"])
    assert "ZKey Ok!" not in run("snarkjs", "zkey", "verify", r1cs, ptau, tmp).stdout


def test_contribution_needs_phase2_section(js_keys: dict[str, dict[str, Path]]) -> None:
    """A zkey without section 10 (no circuit hash) has no chain to extend or verify."""
    data = js_keys["raw"]["k0"].read_bytes()
    off, size = section(data, 10)
    # Drop section 10: header count 9, then the bytes without it (and its 12-byte header).
    stripped = data[:8] + (9).to_bytes(4, "little") + data[12 : off - 12] + data[off + size :]
    pk = read_zkey_bytes(stripped)
    assert zkey_info(pk).n_contributions == 0 and zkey_info(pk).cs_hash == bytes(64)
    with pytest.raises(InvalidInput):
        contribute_zkey(pk, "x", "y")


@pytest.mark.skipif(
    not os.environ.get("MASA_ZK_SLOW"), reason="minutes of work; set MASA_ZK_SLOW=1 to run"
)
def test_setup_domain_equal_to_power_matches_snarkjs(tmp_path: Path) -> None:
    """snarkjs's circuit hash reads one "point" past tauG1 when the domain is 2^power and
    at least 2^15; we reproduce that read, so the keys are still identical."""
    from masa_zk.formats import ptau_contribute, ptau_new, ptau_prepare_phase2

    p = 15
    ptau_new(p, tmp_path / "a.ptau")
    ptau_contribute(tmp_path / "a.ptau", tmp_path / "b.ptau", "x", "y")
    ptau_prepare_phase2(tmp_path / "b.ptau", tmp_path / "c.ptau")
    m = (1 << p) - 2  # m + 1 public = 2^15 - 1 rows: domain 2^15
    cons = [([(2 + i, 1)], [(2 + i, 1)], [(3 + i, 1)]) for i in range(m)]
    r1cs = tmp_path / "c.r1cs"
    r1cs.write_bytes(r1cs_file(m + 3, 1, 0, 1, cons))
    snarkjs("zkey", "new", r1cs, tmp_path / "c.ptau", tmp_path / "k.zkey")
    pk = setup_from_ptau(r1cs, tmp_path / "c.ptau")
    assert zkey_info(pk).domain_size == 1 << p
    assert zkey_bytes(pk) == (tmp_path / "k.zkey").read_bytes()
