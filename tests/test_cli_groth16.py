"""``masa-zk groth16 …`` / ``zkey export soliditycalldata``: snarkjs's commands, files and
exit codes (0 OK, 1 invalid proof, 2 bad input)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from masa_zk import groth16
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
