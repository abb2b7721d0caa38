"""circom's witness .wasm run in-process (wasmtime) against snarkjs's `wtns calculate`."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from formats_ref import ROOT, run

from masa_zk.bn254.fr import R
from masa_zk.errors import InvalidInput, UnsatisfiedConstraint
from masa_zk.formats import CircomWitnessCalculator, read_wtns

SOURCE = """pragma circom 2.0.0;
include "circomlib/poseidon.circom";
template T() {
    signal input a;
    signal input xs[3];
    signal input grid[2][2];
    signal input expected;
    signal output h;
    signal output p;
    signal d;
    component hash = Poseidon(2);
    hash.inputs[0] <== a;
    hash.inputs[1] <== xs[0] + xs[1] * xs[2];  // one product: fine
    h <== hash.out;
    d <== grid[0][1] * grid[1][0];
    p <== grid[0][0] * grid[1][1] - d;
    p === expected;
}
component main {public [a]} = T();
"""

GOOD = {"a": 5, "xs": [1, "2", 3], "grid": [[4, 5], [6, 7]], "expected": 4 * 7 - 5 * 6}


@pytest.fixture(scope="module")
def compiled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("circom_wasm")
    shutil.copytree(ROOT / "node_modules" / "circomlib" / "circuits", work / "circomlib")
    (work / "t.circom").write_text(SOURCE)
    p = run("circom2", "t.circom", "--wasm", "-o", ".", cwd=work)
    assert p.returncode == 0, p.stdout + p.stderr
    return work


def _snarkjs_witness(work: Path, inputs: dict[str, object], name: str) -> list[int]:
    (work / f"{name}.json").write_text(json.dumps(inputs))
    p = run("snarkjs", "wtns", "calculate", "t_js/t.wasm", f"{name}.json", f"{name}.wtns", cwd=work)
    assert p.returncode == 0, p.stdout + p.stderr
    return list(read_wtns(work / f"{name}.wtns"))


def test_witness_equals_snarkjs(compiled: Path) -> None:
    calc = CircomWitnessCalculator(compiled / "t_js" / "t.wasm")
    assert calc.witness(GOOD) == _snarkjs_witness(compiled, GOOD, "good")
    # negative values are reduced mod r, as snarkjs does; the calculator is reusable
    neg = dict(GOOD, a=-1)
    assert calc.witness(neg) == _snarkjs_witness(compiled, neg, "neg")
    assert calc.witness(neg)[3] == R - 1  # wire 3: the public input a (after the outputs)
    words = calc.witness_words(GOOD)
    assert len(words) == 32 * calc.witness_size


def test_failed_assert_is_unsatisfied(compiled: Path) -> None:
    calc = CircomWitnessCalculator(compiled / "t_js" / "t.wasm")
    with pytest.raises(UnsatisfiedConstraint, match="assert failed"):
        calc.witness(dict(GOOD, expected=0))
    assert calc.witness(GOOD)[0] == 1  # still usable after a failure


@pytest.mark.parametrize(
    ("inputs", "needle"),
    [
        ({k: v for k, v in GOOD.items() if k != "expected"}, "input values were set"),
        (dict(GOOD, nope=1), "no input signal 'nope'"),
        (dict(GOOD, xs=[1, 2]), "takes 3 value"),
        (dict(GOOD, xs=[1, 2, 3, 4]), "takes 3 value"),
        (dict(GOOD, a="abc"), "not an integer"),
        (dict(GOOD, a=1.5), "expected integers"),
        ("not a dict", "must be a dict"),
    ],
)
def test_bad_inputs_are_named(compiled: Path, inputs: object, needle: str) -> None:
    calc = CircomWitnessCalculator(compiled / "t_js" / "t.wasm")
    with pytest.raises(InvalidInput, match=needle):
        calc.witness(inputs)  # type: ignore[arg-type]


def test_not_a_circom_module(tmp_path: Path) -> None:
    bad = tmp_path / "x.wasm"
    bad.write_bytes(b"\0asm garbage")
    with pytest.raises(InvalidInput):
        CircomWitnessCalculator(bad)
    with pytest.raises(InvalidInput):
        CircomWitnessCalculator(b'(module (func (export "f")))')
    with pytest.raises(InvalidInput, match="imports"):
        CircomWitnessCalculator(b'(module (import "env" "f" (func)))')
