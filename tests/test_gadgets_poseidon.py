"""The Poseidon gadget: the same function as ``masa_zk.poseidon`` (checked against
circomlibjs in test_poseidon.py), its cost, and that its wires are constrained."""

from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

import pytest
from formats_ref import ROOT, run, snarkjs_r1cs_info

from masa_zk import poseidon as native_poseidon
from masa_zk.bn254.fr import R
from masa_zk.circuit import Array, Circuit, Private, Public, Scalar, compile
from masa_zk.circuit.program import LinOp, MulOp
from masa_zk.circuit.testing import (
    assert_satisfied,
    assert_tampered_rejected,
    unconstrained_wires,
)
from masa_zk.errors import InvalidInput, UnsatisfiedConstraint
from masa_zk.gadgets.poseidon import poseidon, poseidon_cost

ARITIES = range(1, 17)


def hash_circuit(n: int) -> type[Circuit]:
    """``digest = Poseidon(xs)`` for ``n`` private inputs."""

    class Hash(Circuit):
        N = n
        digest: Public[Scalar]
        xs: Private[Array[Scalar, N]]

        def define(self, api):
            api.assert_equal(poseidon(api, self.xs), self.digest)

    Hash.__name__ = f"Hash{n}"
    return Hash


def output_circuit(n: int) -> type[Circuit]:
    """Computes Poseidon(xs) without stating anything about it: the output combination
    is recorded so the test can evaluate it on the witness (no wire is eliminated, so
    its wire numbers are the final ones)."""

    class Out(Circuit):
        N = n
        xs: Private[Array[Scalar, N]]

        def define(self, api):
            type(self).out_terms = dict(poseidon(api, self.xs).terms)

    return Out


def random_inputs(rng: random.Random, n: int) -> list[int]:
    edge = [0, 1, R - 1]
    return [rng.choice(edge) if rng.random() < 0.2 else rng.randrange(R) for _ in range(n)]


@pytest.mark.parametrize("n", ARITIES)
def test_output_wire_equals_native_poseidon(n: int) -> None:
    rng = random.Random(1000 + n)
    circuit = output_circuit(n)
    cs = compile(circuit)
    for _ in range(3):
        xs = random_inputs(rng, n)
        w = assert_satisfied(cs, {"xs": xs})
        value = sum(c * w[i] for i, c in circuit.out_terms.items()) % R  # type: ignore[attr-defined]
        assert value == native_poseidon(xs)


@pytest.mark.parametrize("n", ARITIES)
def test_cost_and_digest_statement(n: int) -> None:
    rng = random.Random(n)
    cs = compile(hash_circuit(n))
    # 3 per S-box, full rounds on all t elements, partial rounds on one; the first S-box
    # acts on the constant capacity element and is folded; the final assert_equal is free
    assert cs.num_constraints == poseidon_cost(n)
    assert all(info.scope == "poseidon" for info in cs.info)
    xs = random_inputs(rng, n)
    digest = native_poseidon(xs)
    assert_satisfied(cs, {"xs": xs, "digest": digest})
    with pytest.raises(UnsatisfiedConstraint):
        cs.witness({"xs": xs, "digest": (digest + 1) % R})
    assert unconstrained_wires(cs) == []


def test_documented_costs() -> None:
    # circom 2 compiles circomlib's Poseidon(1), (2), (16) to 216, 243, 612 non-linear
    # constraints (node_modules/circomlib, `circom2 --r1cs`, default --O1; Poseidon(2) at
    # --O2: 240); ours fold the S-box of the constant capacity element as --O2 does
    assert [poseidon_cost(n) for n in (1, 2, 16)] == [213, 240, 609]
    for n, circomlib in ((1, 216), (2, 243), (16, 612)):
        assert circomlib - 3 == poseidon_cost(n)


def test_density_does_not_regress() -> None:
    # non-zero coefficients of the R1CS (witness and prover work); circom2 --O2 gives
    # 3040 for circomlib's Poseidon(2) (see the module docstring for why ours is denser)
    cs = compile(hash_circuit(2))
    assert sum(len(a) + len(b) + len(c) for a, b, c in cs.constraints) <= 6722


def test_witness_program_stays_lean() -> None:
    # The witness program reads the partial rounds' state from scratch registers (the
    # R1CS above is untouched) and runs them in the sparse form: a few terms per
    # operand, ~1140 in all against the R1CS's 6722, and only the final binding
    # constraint needs a check at witness time.
    cs = compile(hash_circuit(2))
    lcs = [
        t
        for op in cs.ops
        for t in (
            [op.lc] if isinstance(op, LinOp) else [op.a, op.b] if isinstance(op, MulOp) else []
        )
    ]
    assert max(map(len, lcs)) <= 4
    assert sum(map(len, lcs)) <= 1150
    assert cs.checks is not None and len(cs.checks) <= 1


@pytest.mark.parametrize("n", [1, 2, 5, 16])
def test_tampered_sbox_and_output_rejected(n: int) -> None:
    rng = random.Random(7 * n)
    cs = compile(hash_circuit(n))
    xs = random_inputs(rng, n)
    inputs = {"xs": xs, "digest": native_poseidon(xs)}
    sboxes = [lab for lab in cs.labels if lab.startswith("poseidon.mul#")]
    assert len(sboxes) == poseidon_cost(n) - 1  # the last x^5 is eliminated
    for label in (sboxes[0], sboxes[1], sboxes[len(sboxes) // 2], sboxes[-1]):
        assert_tampered_rejected(cs, inputs, wire=label)
    assert_tampered_rejected(cs, inputs, wire="digest")
    assert_tampered_rejected(cs, inputs, wire="xs[0]")
    assert_tampered_rejected(cs, inputs, wire=f"xs[{n - 1}]")


def test_constant_inputs_are_folded() -> None:
    class Mixed(Circuit):
        digest: Public[Scalar]
        x: Private[Scalar]

        def define(self, api):
            api.assert_equal(poseidon(api, [5, self.x]), self.digest)

    class Constant(Circuit):
        digest: Public[Scalar]

        def define(self, api):
            api.assert_equal(poseidon(api, [5, 6]), self.digest)

    cs = compile(Mixed)
    assert cs.num_constraints < poseidon_cost(2)
    assert_satisfied(cs, {"x": 9, "digest": native_poseidon([5, 9])})
    with pytest.raises(UnsatisfiedConstraint):
        cs.witness({"x": 9, "digest": native_poseidon([5, 8])})
    const = compile(Constant)
    assert const.num_constraints == 1
    assert_satisfied(const, {"digest": native_poseidon([5, 6])})


@pytest.mark.parametrize("n", [0, 17])
def test_wrong_arity_rejected(n: int) -> None:
    class Bad(Circuit):
        x: Private[Scalar]

        def define(self, api):
            poseidon(api, [self.x] * n)

    with pytest.raises(InvalidInput, match=r"1\.\.16"):
        compile(Bad)
    with pytest.raises(InvalidInput):
        poseidon_cost(n)


CIRCOMLIB = ROOT / "node_modules" / "circomlib" / "circuits"


def circomlib_count(tmp: Path, name: str, body: str, *flags: str) -> int:
    """Non-linear constraints of a circom main built on circomlib (circom2, npm)."""
    if not (tmp / "cl").exists():
        shutil.copytree(CIRCOMLIB, tmp / "cl")  # circom2 (WASI) reads only below its cwd
    (tmp / f"{name}.circom").write_text(f"pragma circom 2.0.0;\n{body}\n")
    p = run("circom2", f"{name}.circom", "--r1cs", *flags, "-o", ".", cwd=tmp)
    assert p.returncode == 0, p.stdout + p.stderr
    info = snarkjs_r1cs_info(tmp / f"{name}.r1cs")
    m = re.search(r"non-linear constraints: (\d+)", p.stdout)
    assert m is not None, p.stdout
    if "--O2" in flags:  # no linear constraints left: snarkjs' count is the same
        assert info["Constraints"] == int(m[1])
    return int(m[1])


def test_cost_against_circomlib_compiled_by_circom(tmp_path: Path) -> None:
    main = 'include "cl/poseidon.circom";\ncomponent main = Poseidon({n});'
    for n, o1, o2 in ((1, 216, 213), (2, 243, 240), (16, 612, 609)):
        body = main.format(n=n)
        assert circomlib_count(tmp_path, f"p{n}", body) == o1
        assert circomlib_count(tmp_path, f"p{n}o2", body, "--O2") == o2
        ours = poseidon_cost(n)
        assert ours == o2 <= o1 and ours <= 1.1 * o1


def test_snarkjs_accepts_our_poseidon_witness(tmp_path: Path) -> None:
    cs = compile(hash_circuit(2))
    xs = [3, R - 5]
    r1cs, wtns = tmp_path / "h.r1cs", tmp_path / "h.wtns"
    cs.write_r1cs(r1cs)
    cs.witness({"xs": xs, "digest": native_poseidon(xs)}).write_wtns(wtns)
    assert snarkjs_r1cs_info(r1cs)["Constraints"] == 240
    p = run("snarkjs", "wtns", "check", r1cs, wtns)
    assert p.returncode == 0 and "WITNESS IS CORRECT" in p.stdout, p.stdout + p.stderr
