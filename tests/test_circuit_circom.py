"""Compiled DSL circuits as circom files: snarkjs 0.7.6 (npm) reads our ``.r1cs``, reports our
counts, exports our constraints, and accepts our ``.wtns`` — and rejects a tampered one."""

from __future__ import annotations

from pathlib import Path

import pytest
from formats_ref import R, evaluate, run, snarkjs_export_json, snarkjs_r1cs_info

from masa_zk.circuit import Array, Circuit, ConstraintSystem, Private, Public, Scalar, compile
from masa_zk.formats import R1CS, read_wtns

N = 3


class Mixed(Circuit):
    """is_zero over an array, select, div, inverse, a bits hint, a nested array."""

    total: Public[Scalar]
    flags: Public[Array[Scalar, N]]
    xs: Private[Array[Scalar, N]]
    grid: Private[Array[Array[Scalar, 2], 2]]
    d: Private[Scalar]

    def define(self, api):
        with api.scope("zeros"):
            for x, f in zip(self.xs, self.flags, strict=True):
                api.assert_equal(api.is_zero(x), f)
        with api.scope("pick"):
            s = api.select(self.flags[0], self.grid[0][0], self.grid[0][1])
        with api.scope("ratio"):
            q = api.div(self.grid[1][0], self.d)
            one = api.inverse(self.grid[1][1]) * self.grid[1][1]
        with api.scope("bits"):
            bits = api.hint("bits", [self.grid[1][1]], param=8)
            for b in bits:
                api.assert_bool(b)
            api.assert_equal(sum(b * (1 << i) for i, b in enumerate(bits)), self.grid[1][1])
        api.assert_equal(s + q + one, self.total)


MIXED_INPUTS = {
    "total": 11,  # grid[0][0] + 12 / 4 + 1
    "flags": [1, 0, 1],
    "xs": [0, 5, 0],
    "grid": [[7, 9], [12, 200]],
    "d": 4,
}


class SumOfSquares(Circuit):
    """(r - 1)^2 = 1 in the field."""

    total: Public[Scalar]
    xs: Private[Array[Scalar, 4]]

    def define(self, api):
        with api.scope("squares"):
            s = sum(x * x for x in self.xs)
        api.assert_equal(s, self.total)


SQUARES_INPUTS = {"total": 1 + 4 + 9 + 1, "xs": [1, 2, 3, R - 1]}

CASES = [
    # circuit, inputs, public inputs, private inputs, wires to tamper
    (Mixed, MIXED_INPUTS, 1 + N, N + 4 + 1, ["flags[1]", "xs[0]", "grid[1][1]"]),
    (SumOfSquares, SQUARES_INPUTS, 1, 4, ["total", "xs[3]"]),
]


def write_files(cs: ConstraintSystem, inputs: dict[str, object], d: Path) -> tuple[Path, Path]:
    r1cs, wtns = d / f"{cs.name}.r1cs", d / f"{cs.name}.wtns"
    cs.write_r1cs(r1cs, sym=True)
    cs.witness(inputs).write_wtns(wtns)
    return r1cs, wtns


@pytest.mark.parametrize(("circuit", "inputs", "n_pub", "n_prv", "tamper"), CASES)
def test_snarkjs_reads_r1cs_and_accepts_witness(
    tmp_path: Path,
    circuit: type[Circuit],
    inputs: dict[str, object],
    n_pub: int,
    n_prv: int,
    tamper: list[str],
) -> None:
    cs = compile(circuit)
    r1cs, wtns = write_files(cs, inputs, tmp_path)

    info = snarkjs_r1cs_info(r1cs)
    assert info["Constraints"] == cs.num_constraints
    assert info["Wires"] == cs.num_wires
    assert info["Public Inputs"] == n_pub == cs.num_public_inputs
    assert info["Private Inputs"] == n_prv == cs.num_private_inputs
    assert info["Outputs"] == 0
    assert info["Labels"] == cs.num_wires

    p = run("snarkjs", "wtns", "check", r1cs, wtns)
    assert p.returncode == 0 and "WITNESS IS CORRECT" in p.stdout, p.stdout + p.stderr

    # snarkjs' own decoding of both files: constraints are ours, and they hold on the witness
    exported = snarkjs_export_json("r1cs", r1cs, tmp_path / "r1cs.json")
    constraints = [
        tuple(sorted((int(k), int(v)) for k, v in lc.items()) for lc in c)
        for c in exported["constraints"]
    ]
    assert constraints == [tuple(sorted(lc.items()) for lc in c) for c in cs.constraints]
    values = [int(v) for v in snarkjs_export_json("wtns", wtns, tmp_path / "wtns.json")]
    assert values[: 1 + cs.num_inputs] == [1, *flat_inputs(cs, inputs)]
    assert evaluate(constraints, values) is None  # type: ignore[arg-type]

    # one changed wire: snarkjs' constraints reject it; and snarkjs itself rejects the first
    for k, label in enumerate(tamper):
        bad = cs.witness(inputs).replace(label, values[cs.wire_index(label)] + 1)
        assert evaluate(constraints, bad.values) is not None, label  # type: ignore[arg-type]
        if k == 0:
            bad.write_wtns(wtns)
            p = run("snarkjs", "wtns", "check", r1cs, wtns)
            assert "WITNESS IS NOT CORRECT" in p.stdout + p.stderr, p.stdout + p.stderr


def test_files_read_back_with_labels(tmp_path: Path) -> None:
    cs = compile(Mixed)
    r1cs, wtns = write_files(cs, MIXED_INPUTS, tmp_path)
    r = R1CS.from_file(r1cs)
    assert (r.n_pub_out, r.n_pub_in, r.n_prv_in) == (0, 1 + N, N + 5)
    assert r.wire_to_label().tolist() == list(range(cs.num_wires))
    assert read_wtns(wtns) == cs.witness(MIXED_INPUTS).values
    sym = (tmp_path / "Mixed.sym").read_text().splitlines()
    assert sym[:3] == ["1,1,0,main.total", "2,2,0,main.flags[0]", "3,3,0,main.flags[1]"]
    assert "10,10,0,main.grid[1][0]" in sym and len(sym) == cs.num_wires - 1


def flat_inputs(cs: ConstraintSystem, inputs: dict[str, object]) -> list[int]:
    """The inputs in declaration order, row-major (what circom puts after wire 0)."""
    out: list[int] = []

    def walk(v: object) -> None:
        if isinstance(v, list):
            for x in v:
                walk(x)
        else:
            out.append(int(v))  # type: ignore[call-overload]

    for d in cs.inputs:
        walk(inputs[d.name])
    return out
