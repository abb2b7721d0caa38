"""Real Groth16 material from the npm snarkjs (independent of our prover) for the Solidity
tests: a tiny powers-of-tau, circom2-compiled circuits, keys with a phase-2 contribution,
proofs by ``snarkjs groth16 fullprove``, and snarkjs's own exports (calldata text and its
Solidity verifier) to cross-check against."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from formats_ref import run

#: Circuits by name: (circom source, input.json). Public signals are outputs first, then the
#: public inputs, as circom orders them.
CIRCUITS: dict[str, tuple[str, dict[str, Any]]] = {
    # 1 public signal: the output c = a * b.
    "one": (
        "template M() { signal input a; signal input b; signal output c; c <== a * b; }\n"
        "component main = M();\n",
        {"a": "3", "b": "11"},
    ),
    # 8 public signals: 4 outputs y[i] = x[i] * k, then the 4 public inputs x[i].
    "eight": (
        "template M(n) {\n"
        "    signal input x[n]; signal input k; signal output y[n];\n"
        "    for (var i = 0; i < n; i++) { y[i] <== x[i] * k; }\n"
        "}\n"
        "component main {public [x]} = M(4);\n",
        {"x": ["1", "2", "3", "4"], "k": "7"},
    ),
    # No public signal at all (snarkjs's exported verifier does not compile for it).
    "zero": (
        "template Z() { signal input a; signal input b; signal c; c <== a * b; }\n"
        "component main = Z();\n",
        {"a": "3", "b": "5"},
    ),
}


@dataclass(frozen=True)
class Material:
    name: str
    vk: dict[str, Any]
    proof: dict[str, Any]
    public: list[str]
    #: ``snarkjs zkey export soliditycalldata`` stdout.
    snarkjs_calldata: str
    #: ``snarkjs zkey export solidityverifier`` output.
    snarkjs_verifier: str

    @property
    def n_public(self) -> int:
        return int(self.vk["nPublic"])


def _ok(*args: str | Path, cwd: Path) -> str:
    p = run(*args, cwd=cwd)  # type: ignore[arg-type]
    assert p.returncode == 0, f"{args}: {p.stdout}\n{p.stderr}"
    return p.stdout


def make_ptau(d: Path) -> Path:
    """A phase-2-ready powers of tau of power 8 (256 constraints) with one contribution."""
    _ok("snarkjs", "powersoftau", "new", "bn128", "8", "pot0.ptau", cwd=d)
    _ok(
        "snarkjs", "powersoftau", "contribute", "pot0.ptau", "pot1.ptau", "--name=t", "-e=t1", cwd=d
    )
    _ok("snarkjs", "powersoftau", "prepare", "phase2", "pot1.ptau", "pot.ptau", cwd=d)
    return d / "pot.ptau"


def make_material(name: str, ptau: Path, d: Path) -> Material:
    """Compile circuit ``name`` with circom2 in ``d`` (circom2 sees only its cwd), set up a key
    with one phase-2 contribution, prove, and export everything snarkjs exports."""
    src, inputs = CIRCUITS[name]
    (d / "c.circom").write_text("pragma circom 2.0.0;\n" + src)
    (d / "input.json").write_text(json.dumps(inputs))
    _ok("circom2", "c.circom", "--r1cs", "--wasm", "-o", ".", cwd=d)
    _ok("snarkjs", "groth16", "setup", "c.r1cs", ptau, "c0.zkey", cwd=d)
    _ok("snarkjs", "zkey", "contribute", "c0.zkey", "c.zkey", "--name=p2", "-e=t2", cwd=d)
    _ok("snarkjs", "zkey", "export", "verificationkey", "c.zkey", "vk.json", cwd=d)
    _ok("snarkjs", "groth16", "fullprove", "input.json", "c_js/c.wasm", "c.zkey", "proof.json",
        "public.json", cwd=d)  # fmt: skip
    calldata = _ok("snarkjs", "zkey", "export", "soliditycalldata", "public.json", "proof.json",
                   cwd=d)  # fmt: skip
    _ok("snarkjs", "zkey", "export", "solidityverifier", "c.zkey", "snarkjs.sol", cwd=d)
    return Material(
        name=name,
        vk=json.loads((d / "vk.json").read_text()),
        proof=json.loads((d / "proof.json").read_text()),
        public=json.loads((d / "public.json").read_text()),
        snarkjs_calldata=calldata,
        snarkjs_verifier=(d / "snarkjs.sol").read_text(),
    )
