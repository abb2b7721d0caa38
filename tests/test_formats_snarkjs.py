""".r1cs/.wtns interop with snarkjs 0.7.6 and circom2 (npm): snarkjs reads and checks the files
we write, we read the files circom and snarkjs write, and both reject tampered witnesses."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
from formats_ref import (
    Lc,
    R,
    evaluate,
    r1cs_file,
    run,
    snarkjs_export_json,
    snarkjs_r1cs_info,
)

from masa_zk.errors import UnsatisfiedConstraint
from masa_zk.formats import R1CS, read_wtns, read_wtns_array, write_wtns, wtns_to_bytes

CHAIN = 12


def chain_circuit() -> tuple[R1CS, list[tuple[Lc, Lc, Lc]], list[int]]:
    """x*y = z (z public output), k public input, then a chain
    t0 = (x + k)(y - 2), t_i = (t_{i-1} + 3x + 1) t_{i-1}, and a constraint whose first
    LC repeats a wire ((5y + 1 - 5y) * z = z). Returns the R1CS, its constraints in
    circom's normal form (sorted, merged) and a satisfying witness."""
    x, y, k = 3, 11, 5
    z = x * y
    t = [(x + k) * (y - 2) % R]
    for _ in range(1, CHAIN):
        t.append((t[-1] + 3 * x + 1) * t[-1] % R)
    w = [1, z, k, x, y, *t]
    given: list[tuple[object, object, object]] = [({3: 1}, {4: 1}, {1: 1})]
    normal: list[tuple[Lc, Lc, Lc]] = [([(3, 1)], [(4, 1)], [(1, 1)])]
    given.append(({3: 1, 2: 1}, [(4, 1), (0, -2)], {5: 1}))
    normal.append(([(2, 1), (3, 1)], [(0, R - 2), (4, 1)], [(5, 1)]))
    for i in range(1, CHAIN):
        given.append(({4 + i: 1, 3: 3, 0: 1}, {4 + i: 1}, {5 + i: 1}))
        normal.append(([(0, 1), (3, 3), (4 + i, 1)], [(4 + i, 1)], [(5 + i, 1)]))
    given.append(([(4, 5), (0, 1), (4, -5)], {1: 1}, {1: 1}))
    normal.append(([(0, 1)], [(1, 1)], [(1, 1)]))
    r1cs = R1CS(
        n_wires=len(w),
        n_pub_out=1,
        n_pub_in=1,
        n_prv_in=2,
        constraints=given,  # type: ignore[arg-type]
    )
    return r1cs, normal, w


@pytest.fixture(scope="module")
def chain_files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, list[int]]:
    d = tmp_path_factory.mktemp("chain")
    r1cs, _, w = chain_circuit()
    r1cs.to_file(d / "c.r1cs")
    write_wtns(d / "c.wtns", w)
    return d / "c.r1cs", d / "c.wtns", w


def test_writer_matches_independent_encoding() -> None:
    r1cs, normal, w = chain_circuit()
    assert r1cs.to_bytes() == r1cs_file(r1cs.n_wires, 1, 1, 2, normal)
    assert evaluate(normal, w) is None
    assert r1cs.is_satisfied(w)


def test_snarkjs_r1cs_info_reads_our_file(chain_files: tuple[Path, Path, list[int]]) -> None:
    info = snarkjs_r1cs_info(chain_files[0])
    assert info == {
        "Wires": 5 + CHAIN,
        "Constraints": CHAIN + 2,
        "Private Inputs": 2,
        "Public Inputs": 1,
        "Labels": 5 + CHAIN,
        "Outputs": 1,
    }


def test_snarkjs_export_json_matches_our_parse(
    chain_files: tuple[Path, Path, list[int]], tmp_path: Path
) -> None:
    path, wpath, w = chain_files
    j = snarkjs_export_json("r1cs", path, tmp_path / "r.json")
    ours = R1CS.from_file(path)
    assert (j["nVars"], j["nOutputs"], j["nPubInputs"], j["nPrvInputs"]) == (
        ours.n_wires,
        ours.n_pub_out,
        ours.n_pub_in,
        ours.n_prv_in,
    )
    assert int(j["prime"]) == R and j["nConstraints"] == ours.n_constraints
    as_json = [[{str(k): str(v) for k, v in lc} for lc in c] for c in ours.constraints()]
    assert as_json == j["constraints"]
    assert [int(v) for v in snarkjs_export_json("wtns", wpath, tmp_path / "w.json")] == w


def test_snarkjs_accepts_our_witness(chain_files: tuple[Path, Path, list[int]]) -> None:
    path, wpath, w = chain_files
    p = run("snarkjs", "wtns", "check", path, wpath)
    assert p.returncode == 0 and "WITNESS IS CORRECT" in p.stdout, p.stdout + p.stderr
    assert read_wtns(wpath) == w
    R1CS.from_file(path).check(read_wtns(wpath))


@pytest.mark.parametrize("wire", [1, 3, 4, 5, 5 + CHAIN // 2, 4 + CHAIN])
def test_tampered_witness_rejected_by_snarkjs_and_us(
    chain_files: tuple[Path, Path, list[int]], tmp_path: Path, wire: int
) -> None:
    path, _, w = chain_files
    bad = list(w)
    bad[wire] = (bad[wire] + 1) % R
    write_wtns(tmp_path / "bad.wtns", bad)
    _, normal, _ = chain_circuit()
    want = evaluate(normal, bad)
    assert want is not None
    r1cs = R1CS.from_file(path)
    assert r1cs.first_unsatisfied(bad) == want
    assert not r1cs.is_satisfied(bad)
    with pytest.raises(UnsatisfiedConstraint, match=f"constraint {want} "):
        r1cs.check(bad)
    p = run("snarkjs", "wtns", "check", path, tmp_path / "bad.wtns")
    assert p.returncode != 0 and "WITNESS IS NOT CORRECT" in p.stdout + p.stderr
    assert f"aborting checking process at constraint {want}" in p.stdout + p.stderr


CIRCOM = """pragma circom 2.0.0;
template Chain(n) {
    signal input a;
    signal input b;
    signal output out;
    signal t[n];
    t[0] <== a * b;
    for (var i = 1; i < n; i++) { t[i] <== t[i-1] * (t[i-1] + 3*a + 5); }
    out <== t[n-1] * b + 7;
}
component main {public [a]} = Chain(8);
"""


@pytest.fixture(scope="module")
def circom_files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    d = tmp_path_factory.mktemp("circom")
    (d / "chain.circom").write_text(CIRCOM)
    p = run("circom2", "chain.circom", "--r1cs", "--wasm", "-o", ".", cwd=d)
    assert p.returncode == 0, p.stdout + p.stderr
    (d / "in.json").write_text('{"a": "4", "b": "9"}')
    p = run(
        "snarkjs", "wtns", "calculate", d / "chain_js" / "chain.wasm", d / "in.json", d / "c.wtns"
    )
    assert p.returncode == 0, p.stdout + p.stderr
    return d / "chain.r1cs", d / "c.wtns"


def test_circom_r1cs_and_snarkjs_wtns_read_and_check(
    circom_files: tuple[Path, Path], tmp_path: Path
) -> None:
    rpath, wpath = circom_files
    r1cs = R1CS.from_file(rpath)
    info = snarkjs_r1cs_info(rpath)
    assert (info["Wires"], info["Constraints"], info["Outputs"]) == (
        r1cs.n_wires,
        r1cs.n_constraints,
        r1cs.n_pub_out,
    )
    assert (info["Public Inputs"], info["Private Inputs"], info["Labels"]) == (
        r1cs.n_pub_in,
        r1cs.n_prv_in,
        r1cs.n_labels,
    )
    assert (r1cs.n_pub_out, r1cs.n_pub_in, r1cs.n_prv_in, r1cs.n_constraints) == (1, 1, 1, 9)
    j = snarkjs_export_json("r1cs", rpath, tmp_path / "r.json")
    assert [[{str(k): str(v) for k, v in lc} for lc in c] for c in r1cs.constraints()] == j[
        "constraints"
    ]
    assert r1cs.wire_to_label().tolist() == j["map"]
    w = read_wtns(wpath)
    assert w == [int(v) for v in snarkjs_export_json("wtns", wpath, tmp_path / "w.json")]
    assert w[:3] == [1, w[1], 4]  # wire 1 the output, wire 2 the public input a
    r1cs.check(w)
    r1cs.check(read_wtns_array(wpath))
    assert r1cs.is_satisfied(read_wtns_array(wpath)) and r1cs.is_satisfied(w)
    # independent evaluation of the parsed constraints
    assert evaluate(r1cs.constraints(), w) is None


def test_our_writers_reproduce_circom_and_snarkjs_bytes(circom_files: tuple[Path, Path]) -> None:
    rpath, wpath = circom_files
    assert R1CS.from_file(rpath).to_bytes() == rpath.read_bytes()
    assert wtns_to_bytes(read_wtns(wpath)) == wpath.read_bytes()
    assert wtns_to_bytes(read_wtns_array(wpath)) == wpath.read_bytes()


def test_circom_witness_tampered(circom_files: tuple[Path, Path], tmp_path: Path) -> None:
    rpath, wpath = circom_files
    r1cs = R1CS.from_file(rpath)
    w = read_wtns_array(wpath).copy()
    for wire in range(1, r1cs.n_wires):
        bad = w.copy()
        bad[wire, 0] ^= np.uint64(1)
        want = evaluate(
            r1cs.constraints(), [sum(int(x) << (64 * k) for k, x in enumerate(row)) for row in bad]
        )
        assert want is not None
        assert r1cs.first_unsatisfied(bad) == want
    bad = w.copy()
    bad[3, 0] ^= np.uint64(1)
    write_wtns(tmp_path / "bad.wtns", bad)
    p = run("snarkjs", "wtns", "check", rpath, tmp_path / "bad.wtns")
    assert p.returncode != 0
    got = re.search(r"aborting checking process at constraint (\d+)", p.stdout + p.stderr)
    assert got is not None and int(got[1]) == r1cs.first_unsatisfied(bad)
