"""``masa-zk circuit info|compile|witness`` in a subprocess, on a circuit module written to a
temp dir: outputs, exit codes (0 ok, 1 unsatisfied, 2 bad usage/input), and snarkjs (npm)
reading the ``.r1cs`` and accepting the ``.wtns``."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from formats_ref import run, snarkjs_r1cs_info

MODULE = textwrap.dedent(
    """
    from masa_zk.circuit import Array, Circuit, Private, Public, Scalar

    class AgeOver(Circuit):
        threshold: Public[Scalar]
        over: Public[Scalar]
        ages: Private[Array[Scalar, 2]]

        def define(self, api):
            with api.scope("diff"):
                d = self.ages[0] - self.threshold
            with api.scope("check"):
                bits = api.hint("bits", [d], param=8)
                for b in bits:
                    api.assert_bool(b)
                api.assert_equal(sum(b * (1 << i) for i, b in enumerate(bits)), d)
            api.assert_equal(api.is_zero(self.ages[1]), self.over)

    NotACircuit = 3

    class Broken(Circuit):
        x: Private[Scalar]

        def define(self, api):
            if self.x == 1:
                pass
    """
)

GOOD = {"threshold": "18", "over": 0, "ages": [30, "7"]}


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("cli")
    (d / "agecircuit.py").write_text(MODULE)
    (d / "good.json").write_text(json.dumps(GOOD))
    return d


def cli(cwd: Path, *args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "masa_zk.cli", "circuit", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def test_info_text_and_json(workdir: Path) -> None:
    p = cli(workdir, "info", "agecircuit:AgeOver")
    assert p.returncode == 0, p.stderr
    assert "constraints:" in p.stdout and "check" in p.stdout and "diff" not in p.stdout
    p = cli(workdir, "info", "--json", workdir / "agecircuit.py:AgeOver")
    assert p.returncode == 0, p.stderr
    info = json.loads(p.stdout)
    assert info["circuit"] == "AgeOver"
    assert (info["public_inputs"], info["private_inputs"]) == (2, 2)
    assert info["cost_by_scope"]["check"] == 9
    assert info["constraints"] == sum(info["cost_by_scope"].values())
    assert info["wires"] == 1 + 4 + info["internal_wires"]


def test_compile_and_witness_accepted_by_snarkjs(workdir: Path) -> None:
    info = json.loads(cli(workdir, "info", "--json", "agecircuit:AgeOver").stdout)
    p = cli(workdir, "compile", "agecircuit.py:AgeOver", "age.r1cs")
    assert p.returncode == 0, p.stderr
    assert "age.r1cs" in p.stdout
    got = snarkjs_r1cs_info(workdir / "age.r1cs")
    assert got["Constraints"] == info["constraints"]
    assert got["Wires"] == info["wires"]
    assert (got["Public Inputs"], got["Private Inputs"], got["Outputs"]) == (2, 2, 0)

    p = cli(
        workdir, "witness", "agecircuit:AgeOver", "good.json", "age.wtns", "--public", "pub.json"
    )
    assert p.returncode == 0, p.stderr
    assert json.loads((workdir / "pub.json").read_text()) == ["18", "0"]
    s = run("snarkjs", "wtns", "check", workdir / "age.r1cs", workdir / "age.wtns")
    assert s.returncode == 0 and "WITNESS IS CORRECT" in s.stdout, s.stdout + s.stderr


def test_unsatisfied_inputs_exit_1(workdir: Path) -> None:
    (workdir / "young.json").write_text(json.dumps({**GOOD, "ages": [17, 7]}))
    p = cli(workdir, "witness", "agecircuit:AgeOver", "young.json", "young.wtns")
    assert p.returncode == 1, p.stdout + p.stderr
    assert "UnsatisfiedConstraint" in p.stderr and "not satisfied" in p.stderr
    assert "agecircuit.py:16" in p.stderr and "ages[0] = 17" in p.stderr
    assert not (workdir / "young.wtns").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["info", "agecircuit"], "module:Class"),
        (["info", "nosuchmodule:AgeOver"], "nosuchmodule"),
        (["info", "nosuch.py:AgeOver"], "no such file"),
        (["info", "agecircuit:Missing"], "Missing"),
        (["info", "agecircuit:NotACircuit"], "not a Circuit"),
        (["info", "agecircuit:Broken"], "Broken"),
        (["witness", "agecircuit:AgeOver", "missing.json", "x.wtns"], "missing.json"),
        (["witness", "agecircuit:AgeOver", "notjson.json", "x.wtns"], "not valid JSON"),
        (["witness", "agecircuit:AgeOver", "noages.json", "x.wtns"], "'ages'"),
        (["witness", "agecircuit:AgeOver", "short.json", "x.wtns"], "'ages'"),
        (["witness", "agecircuit:AgeOver", "big.json", "x.wtns"], "'threshold'"),
        (["witness", "agecircuit:AgeOver", "extra.json", "x.wtns"], "'extra'"),
        (["compile", "agecircuit:AgeOver"], "usage"),
    ],
)
def test_bad_usage_or_input_exits_2(workdir: Path, args: list[str], message: str) -> None:
    (workdir / "notjson.json").write_text("{threshold: 1")
    (workdir / "noages.json").write_text(json.dumps({"threshold": 1, "over": 0}))
    (workdir / "short.json").write_text(json.dumps({**GOOD, "ages": [1]}))
    (workdir / "big.json").write_text(json.dumps({**GOOD, "threshold": str(2**254)}))
    (workdir / "extra.json").write_text(json.dumps({**GOOD, "extra": 1}))
    p = cli(workdir, *args)
    assert p.returncode == 2, p.stdout + p.stderr
    assert message in p.stderr, p.stderr
    assert "Traceback" not in p.stderr
