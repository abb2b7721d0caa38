"""Groth16 interop with snarkjs (npm), the independent reference:

- snarkjs verifies proofs we make (``snarkjs groth16 verify`` on our
  ``verification_key.json``, ``public.json`` and ``proof.json``) and rejects them with a
  changed public input;
- we verify proofs snarkjs makes for a circom2-compiled circuit (ptau ceremony, setup and a
  phase-2 contribution all by snarkjs) and reject tampered ones, one by one and in a batch;
- our JSON encoders re-emit snarkjs's own files byte for byte (vk_alphabeta_12 included).

The snarkjs artefacts are built once per session in a temporary directory (a 2^10 ptau).
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from formats_ref import ROOT, run

from masa_zk import G1, groth16, poseidon
from masa_zk.bn254 import R
from masa_zk.circuit import Array, Circuit, Private, Public, Scalar, compile
from masa_zk.gadgets.poseidon import poseidon as poseidon_gadget
from masa_zk.groth16 import Proof, VerifyingKey

CIRCUIT = """pragma circom 2.0.0;
include "circomlib/poseidon.circom";
template T() {
    signal input a;
    signal input b;
    signal output h;
    signal output p;
    component H = Poseidon(2);
    H.inputs[0] <== a;
    H.inputs[1] <== b;
    h <== H.out;
    p <== a * b;
}
component main {public [b]} = T();
"""


def ok(p: Any) -> None:
    assert p.returncode == 0, p.stdout + p.stderr


@dataclass
class SnarkjsRun:
    dir: Path
    vk: Path
    proof: Path
    public: Path


@pytest.fixture(scope="session")
def snarkjs_run(tmp_path_factory: pytest.TempPathFactory) -> SnarkjsRun:
    """circom2 + snarkjs: ptau 2^10, groth16 setup, one contribution, fullprove."""
    lib = ROOT / "node_modules" / "circomlib" / "circuits"
    assert lib.is_dir(), "run `make setup` (npm ci) to install circomlib and snarkjs"
    d = tmp_path_factory.mktemp("snarkjs")
    shutil.copytree(lib, d / "circomlib")
    (d / "main.circom").write_text(CIRCUIT)
    ok(run("circom2", "main.circom", "--r1cs", "--wasm", "-o", ".", cwd=d))
    ok(run("snarkjs", "powersoftau", "new", "bn128", "10", "pot0.ptau", cwd=d))
    ok(run("snarkjs", "powersoftau", "contribute", "pot0.ptau", "pot1.ptau",
           "--name=one", "-e=some entropy", cwd=d))  # fmt: skip
    ok(run("snarkjs", "powersoftau", "prepare", "phase2", "pot1.ptau", "final.ptau", cwd=d))
    ok(run("snarkjs", "groth16", "setup", "main.r1cs", "final.ptau", "k0.zkey", cwd=d))
    ok(run("snarkjs", "zkey", "contribute", "k0.zkey", "k1.zkey",
           "--name=two", "-e=more entropy", cwd=d))  # fmt: skip
    ok(run("snarkjs", "zkey", "export", "verificationkey", "k1.zkey", "vk.json", cwd=d))
    (d / "input.json").write_text(json.dumps({"a": "7", "b": "11"}))
    ok(run("snarkjs", "groth16", "fullprove", "input.json", "main_js/main.wasm", "k1.zkey",
           "proof.json", "public.json", cwd=d))  # fmt: skip
    return SnarkjsRun(d, d / "vk.json", d / "proof.json", d / "public.json")


def test_we_verify_snarkjs_proofs(snarkjs_run: SnarkjsRun) -> None:
    vk = VerifyingKey.read_json(snarkjs_run.vk)
    proof = Proof.read_json(snarkjs_run.proof)
    public = groth16.public_from_json(json.loads(snarkjs_run.public.read_text()))
    # circom order: outputs (h, p), then the public input b
    assert public == [poseidon([7, 11]), 77, 11]
    assert vk.n_public == 3
    assert groth16.verify(vk, public, proof)
    assert not groth16.verify(vk, [public[0], 78, 11], proof)
    assert not groth16.verify(vk, [public[0] + R, 77, 11], proof)
    assert not groth16.verify(vk, public, Proof(proof.a, proof.b, proof.c + G1.generator()))
    res = groth16.batch_verify(
        vk,
        [(public, proof), (public[::-1], proof), (public, proof), ([public[0], 77, 12], proof)],
    )
    assert res.invalid == (1, 3)


def test_json_reemitted_byte_for_byte(snarkjs_run: SnarkjsRun, tmp_path: Path) -> None:
    for cls, src in ((VerifyingKey, snarkjs_run.vk), (Proof, snarkjs_run.proof)):
        obj = cls.read_json(src)
        out = tmp_path / src.name
        obj.write_json(out)
        assert json.loads(out.read_text()) == json.loads(src.read_text())
        assert out.read_text().strip() == src.read_text().strip()
    pub = json.loads(snarkjs_run.public.read_text())
    assert groth16.public_to_json(groth16.public_from_json(pub)) == pub


class Preimage(Circuit):
    digest: Public[Scalar]
    tag: Public[Scalar]
    xs: Private[Array[Scalar, 2]]

    def define(self, api: Any) -> None:
        api.assert_equal(poseidon_gadget(api, [*self.xs, self.tag]), self.digest)


def snarkjs_verify(d: Path) -> Any:
    return run("snarkjs", "groth16", "verify", d / "vk.json", d / "public.json", d / "proof.json")


def test_snarkjs_verifies_our_proofs(tmp_path: Path) -> None:
    cs = compile(Preimage)
    pk, vk = groth16.setup(cs)
    proof, public = groth16.prove(pk, cs, {"digest": poseidon([5, 6, 9]), "tag": 9, "xs": [5, 6]})
    vk.write_json(tmp_path / "vk.json")
    proof.write_json(tmp_path / "proof.json")
    (tmp_path / "public.json").write_text(json.dumps(groth16.public_to_json(public)))
    p = snarkjs_verify(tmp_path)
    assert p.returncode == 0 and "OK" in p.stdout, p.stdout + p.stderr
    # snarkjs's verdict is meaningful: a changed public input fails there too
    (tmp_path / "public.json").write_text(json.dumps([str(public[0]), "10"]))
    p = snarkjs_verify(tmp_path)
    assert p.returncode != 0 and "OK" not in p.stdout.replace("Invalid proof", ""), p.stdout


def test_snarkjs_verifies_proofs_from_a_witness(tmp_path: Path) -> None:
    """prove_witness on a witness that went through circom's .wtns layout."""
    cs = compile(Preimage)
    pk, vk = groth16.setup(cs)
    w = cs.witness({"digest": poseidon([1, 2, 3]), "tag": 3, "xs": [1, 2]})
    proof, public = groth16.prove_witness(pk, w.to_bytes_le())
    vk.write_json(tmp_path / "vk.json")
    proof.write_json(tmp_path / "proof.json")
    (tmp_path / "public.json").write_text(json.dumps(groth16.public_to_json(public)))
    p = snarkjs_verify(tmp_path)
    assert p.returncode == 0 and "OK" in p.stdout, p.stdout + p.stderr
