"""The binary Poseidon Merkle gadget against a pure-Python reference tree built with
``masa_zk.poseidon`` (itself checked against circomlibjs)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from formats_ref import run, snarkjs_r1cs_info
from test_gadgets_poseidon import circomlib_count

from masa_zk import poseidon as native_poseidon
from masa_zk.bn254.fr import R
from masa_zk.circuit import Array, Circuit, Private, Public, Scalar, compile
from masa_zk.circuit.testing import (
    assert_satisfied,
    assert_tampered_rejected,
    unconstrained_wires,
)
from masa_zk.errors import InvalidInput, UnsatisfiedConstraint
from masa_zk.gadgets.merkle import MERKLE_LEVEL_COST, assert_merkle_inclusion, merkle_root
from masa_zk.gadgets.poseidon import poseidon_cost


class RefTree:
    """A sparse binary Poseidon tree of ``depth`` levels; absent leaves are 0."""

    def __init__(self, depth: int, leaves: dict[int, int]) -> None:
        self.depth = depth
        self.zeros = [0]
        for _ in range(depth):
            self.zeros.append(native_poseidon([self.zeros[-1], self.zeros[-1]]))
        self.levels: list[dict[int, int]] = [dict(leaves)]
        for level in range(depth):
            below = self.levels[-1]
            up: dict[int, int] = {}
            for i in {k // 2 for k in below}:
                left = below.get(2 * i, self.zeros[level])
                right = below.get(2 * i + 1, self.zeros[level])
                up[i] = native_poseidon([left, right])
            self.levels.append(up)

    @property
    def root(self) -> int:
        return self.levels[self.depth].get(0, self.zeros[self.depth])

    def leaf(self, index: int) -> int:
        return self.levels[0].get(index, 0)

    def path(self, index: int) -> tuple[list[int], list[int]]:
        """(siblings, indices) from the leaf up; indices[i] = 1 when the node is a right child."""
        elements, bits = [], []
        for level in range(self.depth):
            elements.append(self.levels[level].get(index ^ 1, self.zeros[level]))
            bits.append(index & 1)
            index >>= 1
        return elements, bits

    def inputs(self, index: int) -> dict[str, object]:
        elements, bits = self.path(index)
        return {"root": self.root, "leaf": self.leaf(index), "path": elements, "index": bits}


def inclusion_circuit(depth: int) -> type[Circuit]:
    class Inclusion(Circuit):
        D = depth
        root: Public[Scalar]
        leaf: Private[Scalar]
        path: Private[Array[Scalar, D]]
        index: Private[Array[Scalar, D]]

        def define(self, api):
            assert_merkle_inclusion(api, self.leaf, self.root, self.path, self.index)

    Inclusion.__name__ = f"Inclusion{depth}"
    return Inclusion


class RootOut(Circuit):
    """Computes the root of a depth-4 path without stating it (read off the witness)."""

    leaf: Private[Scalar]
    path: Private[Array[Scalar, 4]]
    index: Private[Array[Scalar, 4]]

    def define(self, api):
        type(self).out_terms = dict(merkle_root(api, self.leaf, self.path, self.index).terms)


def test_level_cost_is_poseidon2_plus_boolean_plus_one_swap_product() -> None:
    assert MERKLE_LEVEL_COST == poseidon_cost(2) + 2 == 242
    # circomlib (Switcher + Poseidon(2) + boolean check per level), circom2 --O1:
    # 4900 non-linear constraints at depth 20, i.e. 245 per level
    assert 20 * MERKLE_LEVEL_COST == 4840 <= 4900


def test_depth_4_every_leaf_included() -> None:
    rng = random.Random(4)
    tree = RefTree(4, {i: rng.randrange(R) for i in range(16)})
    cs = compile(inclusion_circuit(4))
    assert cs.num_constraints == 4 * MERKLE_LEVEL_COST
    assert unconstrained_wires(cs) == []
    for i in range(16):
        assert_satisfied(cs, tree.inputs(i))


def test_root_wire_equals_reference_root() -> None:
    rng = random.Random(44)
    tree = RefTree(4, {i: rng.randrange(R) for i in range(0, 16, 3)})
    cs = compile(RootOut)
    for i in (0, 5, 10, 15, 6):  # present and absent (zero) leaves
        inputs = tree.inputs(i)
        del inputs["root"]
        w = assert_satisfied(cs, inputs)
        value = sum(c * w[k] for k, c in RootOut.out_terms.items()) % R  # type: ignore[attr-defined]
        assert value == tree.root


def test_depth_20_inclusion() -> None:
    rng = random.Random(20)
    indices = [0, 1, 2**20 - 1, rng.randrange(2**20), rng.randrange(2**20)]
    tree = RefTree(20, {i: rng.randrange(R) for i in indices})
    cs = compile(inclusion_circuit(20))
    assert cs.num_constraints == 20 * MERKLE_LEVEL_COST == 4840
    for i in indices:
        assert_satisfied(cs, tree.inputs(i))
    # an empty slot holds the leaf 0
    empty = next(i for i in range(2, 2**20) if i not in indices)
    assert_satisfied(cs, tree.inputs(empty))


@pytest.fixture(scope="module")
def depth4() -> tuple[RefTree, object]:
    rng = random.Random(404)
    tree = RefTree(4, {i: rng.randrange(1, R) for i in range(16)})
    return tree, compile(inclusion_circuit(4))


def test_wrong_paths_rejected(depth4) -> None:
    tree, cs = depth4
    good = tree.inputs(9)
    bad: list[dict[str, object]] = []
    for level in range(4):
        path = list(good["path"])
        path[level] = (path[level] + 1) % R
        bad.append({**good, "path": path})  # wrong sibling
        bits = list(good["index"])
        bits[level] ^= 1
        bad.append({**good, "index": bits})  # wrong index
    bad.append({**good, "leaf": tree.leaf(8)})  # another leaf at this position
    bad.append({**good, "root": (tree.root + 1) % R})
    bad.append({**tree.inputs(8), "leaf": tree.leaf(9)})  # a leaf with another's path
    for inputs in bad:
        with pytest.raises(UnsatisfiedConstraint):
            cs.witness(inputs)


def test_non_boolean_index_rejected(depth4) -> None:
    tree, cs = depth4
    good = tree.inputs(6)
    for level in range(4):
        for v in (2, R - 1, (R + 1) // 2):
            bits = list(good["index"])
            bits[level] = v
            with pytest.raises(UnsatisfiedConstraint, match="assert_bool") as e:
                cs.witness({**good, "index": bits})
            # the error names the gadget's scope, the author's line and the input
            msg = str(e.value)
            assert f"merkle.level[{level}]" in msg
            assert "test_gadgets_merkle.py" in msg and "assert_merkle_inclusion(" in msg
            assert f"index[{level}] = {v}" in msg


def test_non_boolean_index_cannot_fake_a_root() -> None:
    """Without the boolean check, s = (cur - x)/(sib - cur) puts any x on the left: the
    swap would let a prover hash a value of its choice. The check must reject it."""
    rng = random.Random(5)
    tree = RefTree(1, {0: rng.randrange(R), 1: rng.randrange(R)})
    leaf, sib, forged_left = tree.leaf(0), tree.leaf(1), rng.randrange(R)
    s = (forged_left - leaf) * pow(sib - leaf, -1, R) % R
    forged_right = (sib - s * (sib - leaf)) % R
    cs = compile(inclusion_circuit(1))
    inputs = {
        "root": native_poseidon([forged_left, forged_right]),
        "leaf": leaf,
        "path": [sib],
        "index": [s],
    }
    with pytest.raises(UnsatisfiedConstraint, match="assert_bool"):
        cs.witness(inputs)


def test_tampered_wires_rejected(depth4) -> None:
    tree, cs = depth4
    inputs = tree.inputs(11)
    for label in ("leaf", "root", "path[0]", "path[3]", "index[0]", "index[2]"):
        assert_tampered_rejected(cs, inputs, wire=label)
    for level in (0, 3):
        wires = [lab for lab in cs.labels if lab.startswith(f"merkle.level[{level}].")]
        swap = wires[0]  # the product s·(sibling - cur), created before the hash
        assert swap.startswith(f"merkle.level[{level}].mul#")
        sboxes = [lab for lab in wires if ".poseidon.mul#" in lab]
        assert len(sboxes) >= poseidon_cost(2) - 1
        for label in (swap, sboxes[0], sboxes[len(sboxes) // 2], sboxes[-1]):
            assert_tampered_rejected(cs, inputs, wire=label)


def test_path_length_mismatch_rejected() -> None:
    class Mismatch(Circuit):
        leaf: Private[Scalar]
        path: Private[Array[Scalar, 3]]
        index: Private[Array[Scalar, 2]]

        def define(self, api):
            merkle_root(api, self.leaf, self.path, self.index)

    with pytest.raises(InvalidInput, match="3 path elements but 2 indices"):
        compile(Mismatch)


CIRCOM_MERKLE = """include "cl/poseidon.circom";
include "cl/switcher.circom";
template Merkle(n) {
    signal input leaf;
    signal input path[n];
    signal input index[n];
    signal output root;
    component sw[n];
    component h[n];
    signal cur[n + 1];
    cur[0] <== leaf;
    for (var i = 0; i < n; i++) {
        index[i] * (1 - index[i]) === 0;
        sw[i] = Switcher();
        sw[i].sel <== index[i];
        sw[i].L <== cur[i];
        sw[i].R <== path[i];
        h[i] = Poseidon(2);
        h[i].inputs[0] <== sw[i].outL;
        h[i].inputs[1] <== sw[i].outR;
        cur[i + 1] <== h[i].out;
    }
    root <== cur[n];
}
component main = Merkle(20);"""


def test_depth_20_cost_against_circomlib(tmp_path: Path) -> None:
    o1 = circomlib_count(tmp_path, "m20", CIRCOM_MERKLE)
    o2 = circomlib_count(tmp_path, "m20o2", CIRCOM_MERKLE, "--O2")
    assert (o1, o2) == (4900, 4840)
    ours = compile(inclusion_circuit(20)).num_constraints
    assert ours == o2 <= o1 and ours <= 1.1 * o1


def test_snarkjs_accepts_our_merkle_witness(tmp_path: Path, depth4) -> None:
    tree, cs = depth4
    r1cs, wtns = tmp_path / "m.r1cs", tmp_path / "m.wtns"
    cs.write_r1cs(r1cs)
    cs.witness(tree.inputs(13)).write_wtns(wtns)
    assert snarkjs_r1cs_info(r1cs)["Constraints"] == 4 * MERKLE_LEVEL_COST
    p = run("snarkjs", "wtns", "check", r1cs, wtns)
    assert p.returncode == 0 and "WITNESS IS CORRECT" in p.stdout, p.stdout + p.stderr
