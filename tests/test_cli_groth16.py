"""``masa-zk groth16 …`` / ``zkey export soliditycalldata``: snarkjs's commands, files and
exit codes (0 OK, 1 invalid proof, 2 bad input)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from formats_ref import ROOT, run

from masa_zk import groth16
from masa_zk import poseidon as native_poseidon
from masa_zk.circuit import Circuit, Private, Public, Scalar, compile
from masa_zk.cli import main
from masa_zk.solidity import solidity_calldata


class Product(Circuit):
    c: Public[Scalar]
    a: Private[Scalar]
    b: Private[Scalar]

    def define(self, api):
        api.assert_equal(self.a * self.b, self.c)


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("cli_groth16")
    cs = compile(Product)
    pk, vk = groth16.setup(cs)
    proof, public = groth16.prove(pk, cs, {"a": 3, "b": 5, "c": 15})
    f = {"vk": d / "verification_key.json", "proof": d / "proof.json", "public": d / "public.json"}
    f["vk"].write_text(json.dumps(vk.to_json()))
    f["proof"].write_text(json.dumps(proof.to_json()))
    f["public"].write_text(json.dumps(groth16.public_to_json(public)))
    return f


def test_verify_ok(files: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(["groth16", "verify", str(files["vk"]), str(files["public"]), str(files["proof"])])
        == 0
    )
    assert capsys.readouterr().out.strip() == "OK"


def test_verify_invalid_and_bad_input(files: dict[str, Path], tmp_path: Path) -> None:
    wrong = tmp_path / "public.json"
    wrong.write_text(json.dumps(["16"]))
    assert main(["groth16", "verify", str(files["vk"]), str(wrong), str(files["proof"])]) == 1
    garbage = tmp_path / "garbage.json"
    garbage.write_text("{not json")
    assert main(["groth16", "verify", str(files["vk"]), str(files["public"]), str(garbage)]) == 2
    off_curve = json.loads(files["proof"].read_text())
    off_curve["pi_a"][1] = str(int(off_curve["pi_a"][1]) + 1)
    bad = tmp_path / "proof.json"
    bad.write_text(json.dumps(off_curve))
    assert main(["groth16", "verify", str(files["vk"]), str(files["public"]), str(bad)]) == 2
    assert main(["groth16", "verify", str(tmp_path / "missing.json"), str(wrong), str(bad)]) == 2


def test_soliditycalldata(files: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    args = ["zkey", "export", "soliditycalldata", str(files["public"]), str(files["proof"])]
    assert main(args) == 0
    expected = solidity_calldata(
        json.loads(files["proof"].read_text()), json.loads(files["public"].read_text())
    )
    assert capsys.readouterr().out.strip() == expected


CIRCOM = """pragma circom 2.0.0;
include "circomlib/poseidon.circom";
template Preimage() {
    signal input x;
    signal input y;
    signal input digest;
    component h = Poseidon(2);
    h.inputs[0] <== x;
    h.inputs[1] <== y;
    h.out === digest;
}
component main {public [digest]} = Preimage();
"""


@pytest.fixture(scope="module")
def ceremony(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A circom circuit and a key made only with masa-zk commands (phase 1 and 2)."""
    d = tmp_path_factory.mktemp("cli_ceremony")
    shutil.copytree(ROOT / "node_modules" / "circomlib" / "circuits", d / "circomlib")
    (d / "c.circom").write_text(CIRCOM)
    p = run("circom2", "c.circom", "--r1cs", "--wasm", "-o", ".", cwd=d)
    assert p.returncode == 0, p.stdout + p.stderr
    steps = [
        ["powersoftau", "new", "bn128", "10", "p0.ptau"],
        ["powersoftau", "contribute", "p0.ptau", "p1.ptau", "--name", "alice", "--entropy", "x"],
        ["powersoftau", "beacon", "p1.ptau", "p2.ptau", "0102", "10", "--name", "beacon"],
        ["powersoftau", "prepare", "phase2", "p2.ptau", "p.ptau"],
        ["powersoftau", "verify", "p.ptau"],
        ["groth16", "setup", "c.r1cs", "p.ptau", "c0.zkey"],
        ["zkey", "contribute", "c0.zkey", "c.zkey", "--name", "bob"],
        ["zkey", "verify", "c.r1cs", "p.ptau", "c.zkey"],
        ["zkey", "export", "verificationkey", "c.zkey", "vk.json"],
        ["zkey", "export", "solidityverifier", "c.zkey", "verifier.sol"],
    ]
    for argv in steps:
        assert main(_in(d, argv)) == 0, argv
    digest = native_poseidon([3, 4])
    (d / "input.json").write_text(json.dumps({"x": 3, "y": "4", "digest": str(digest)}))
    return d


def _in(d: Path, argv: list[str]) -> list[str]:
    """Arguments naming files become paths in ``d``."""
    return [
        str(d / a)
        if a.endswith((".ptau", ".zkey", ".r1cs", ".json", ".sol", ".wtns", ".wasm"))
        else a
        for a in argv
    ]


def test_ceremony_files_satisfy_snarkjs(ceremony: Path) -> None:
    d = ceremony
    for args in (
        ["powersoftau", "verify", "p.ptau"],
        ["zkey", "verify", "c.r1cs", "p.ptau", "c.zkey"],
    ):
        p = run("snarkjs", *args, cwd=d)
        assert p.returncode == 0 and "ERROR" not in p.stdout.upper(), p.stdout + p.stderr
    p = run("snarkjs", "zkey", "export", "verificationkey", "c.zkey", "vk_snarkjs.json", cwd=d)
    assert p.returncode == 0, p.stdout + p.stderr
    assert json.loads((d / "vk_snarkjs.json").read_text()) == json.loads(
        (d / "vk.json").read_text()
    )
    assert "contract Groth16Verifier" in (d / "verifier.sol").read_text()


def test_fullprove_and_prove_interop(ceremony: Path, capsys: pytest.CaptureFixture[str]) -> None:
    d = ceremony
    assert (
        main(
            _in(
                d,
                [
                    "groth16",
                    "fullprove",
                    "input.json",
                    "c_js/c.wasm",
                    "c.zkey",
                    "proof.json",
                    "public.json",
                ],
            )
        )
        == 0
    )
    p = run("snarkjs", "groth16", "verify", "vk.json", "public.json", "proof.json", cwd=d)
    assert p.returncode == 0 and "OK" in p.stdout, p.stdout + p.stderr
    # our prover from a snarkjs-computed .wtns; snarkjs's prover from our .zkey
    p = run("snarkjs", "wtns", "calculate", "c_js/c.wasm", "input.json", "w.wtns", cwd=d)
    assert p.returncode == 0, p.stdout + p.stderr
    assert (
        main(_in(d, ["groth16", "prove", "c.zkey", "w.wtns", "proof2.json", "public2.json"])) == 0
    )
    p = run("snarkjs", "groth16", "verify", "vk.json", "public2.json", "proof2.json", cwd=d)
    assert p.returncode == 0 and "OK" in p.stdout, p.stdout + p.stderr
    p = run("snarkjs", "groth16", "prove", "c.zkey", "w.wtns", "proof3.json", "public3.json", cwd=d)
    assert p.returncode == 0, p.stdout + p.stderr
    capsys.readouterr()
    assert main(_in(d, ["groth16", "verify", "vk.json", "public3.json", "proof3.json"])) == 0
    assert capsys.readouterr().out.strip() == "OK"


def test_fullprove_of_unsatisfied_inputs_fails(ceremony: Path) -> None:
    d = ceremony
    (d / "bad.json").write_text(json.dumps({"x": 3, "y": 4, "digest": 5}))
    assert (
        main(
            _in(
                d, ["groth16", "fullprove", "bad.json", "c_js/c.wasm", "c.zkey", "p.json", "q.json"]
            )
        )
        == 1
    )
    assert not (d / "p.json").exists()


def test_setup_without_contribution_warns(
    ceremony: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    d = ceremony
    assert (
        main(_in(d, ["groth16", "setup", "--no-contribution", "c.r1cs", "p.ptau", "bare.zkey"]))
        == 0
    )
    assert "can be forged" in capsys.readouterr().err
    run("snarkjs", "wtns", "calculate", "c_js/c.wasm", "input.json", "w.wtns", cwd=d)
    assert main(_in(d, ["groth16", "prove", "bare.zkey", "w.wtns", "p4.json", "q4.json"])) == 0
    assert "can be forged" in capsys.readouterr().err
