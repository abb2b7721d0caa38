"""The sparse Merkle tree gadgets: proofs from ``SparseMerkleTree`` (itself checked against
circomlibjs in test_smt.py) accepted; every attempt to prove a present key absent, and
every single tampered wire, rejected by the constraints; costs against circomlib."""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path
from typing import Any

import pytest
from formats_ref import run, snarkjs_r1cs_info
from test_gadgets_poseidon import CIRCOMLIB, circomlib_count

from masa_zk import SparseMerkleTree
from masa_zk import poseidon as native_poseidon
from masa_zk.bn254.fr import R
from masa_zk.circuit import Array, Circuit, Private, Public, Scalar, compile
from masa_zk.circuit.system import ConstraintSystem
from masa_zk.circuit.testing import (
    assert_satisfied,
    assert_tampered_rejected,
    unconstrained_wires,
)
from masa_zk.errors import InvalidInput, UnsatisfiedConstraint
from masa_zk.gadgets import (
    SMT_LEVEL_COST,
    assert_smt_membership,
    assert_smt_non_membership,
    smt_membership_cost,
    smt_non_membership_cost,
    smt_proof_inputs,
)
from masa_zk.gadgets.poseidon import poseidon_cost
from masa_zk.smt import SmtProof

N = 8  # levels of the test circuits


def membership_circuit(n: int) -> type[Circuit]:
    class Member(Circuit):
        L = n
        root: Public[Scalar]
        key: Private[Scalar]
        value: Private[Scalar]
        siblings: Private[Array[Scalar, L]]

        def define(self, api: Any) -> None:
            assert_smt_membership(api, self.root, self.key, self.value, self.siblings)

    Member.__name__ = f"Member{n}"
    return Member


def non_membership_circuit(n: int) -> type[Circuit]:
    class Absent(Circuit):
        L = n
        root: Public[Scalar]
        key: Private[Scalar]
        siblings: Private[Array[Scalar, L]]
        old_key: Private[Scalar]
        old_value: Private[Scalar]
        is_old0: Private[Scalar]

        def define(self, api: Any) -> None:
            assert_smt_non_membership(
                api, self.root, self.key, self.siblings, self.old_key, self.old_value, self.is_old0
            )

    Absent.__name__ = f"Absent{n}"
    return Absent


def make_tree(seed: int, n_keys: int, exclude: tuple[int, ...] = ()) -> SparseMerkleTree:
    """Keys with distinct low N bits (so every path ends by depth N), high bits random."""
    rng = random.Random(seed)
    lows = rng.sample(sorted(set(range(1 << N)) - set(exclude)), n_keys)
    return SparseMerkleTree.from_items(
        [((rng.randrange(R >> N) << N) | low, rng.randrange(R)) for low in lows]
    )


@pytest.fixture(scope="module")
def member() -> ConstraintSystem:
    return compile(membership_circuit(N))


@pytest.fixture(scope="module")
def absent() -> ConstraintSystem:
    return compile(non_membership_circuit(N))


@pytest.fixture(scope="module")
def tree() -> SparseMerkleTree:
    t = make_tree(1, 40, exclude=(0b0101_0101, 0b1101_0101))
    # a pair sharing N - 1 low bits: leaves at depth N (the deepest an N-level circuit takes)
    t.insert(0b0101_0101 | 7 << 200, 1)
    t.insert(0b1101_0101 | 9 << 200, 2)
    return t


def absent_keys(tree: SparseMerkleTree, rng: random.Random, count: int) -> list[int]:
    keys: list[int] = []
    while len(keys) < count:
        k = rng.randrange(R)
        if k not in tree:
            keys.append(k)
    return keys


# --- costs ---------------------------------------------------------------------------


def test_costs() -> None:
    assert SMT_LEVEL_COST == poseidon_cost(2) + 5 == 245
    for n in (1, 2, 5, 20):
        assert compile(membership_circuit(n)).num_constraints == smt_membership_cost(n)
        assert compile(non_membership_circuit(n)).num_constraints == smt_non_membership_cost(n)
    assert smt_membership_cost(21) - smt_membership_cost(20) == 245
    assert smt_non_membership_cost(21) - smt_non_membership_cost(20) == 246
    # strict key bits 384 + leaf Poseidon(3) with a constant input 258
    assert smt_membership_cost(20) == 384 + 258 + 245 * 20 - 1 == 5541
    assert smt_non_membership_cost(20) == 2 * 384 + 258 + 4 + 246 * 20 - 1 == 5949


def test_cost_against_circomlib_smtverifier(tmp_path: Path) -> None:
    """circomlib's SMTVerifier(n) (both statements, its ``fnc`` picks), circom2 --O2."""
    body = 'include "cl/smt/smtverifier.circom";\ncomponent main = SMTVerifier({});'
    o2_2 = circomlib_count(tmp_path, "v2", body.format(2), "--O2")
    o2_20 = circomlib_count(tmp_path, "v20", body.format(20), "--O2")
    assert (o2_2, o2_20) == (2055, 6573)
    per_level = (o2_20 - o2_2) // 18
    assert per_level == 251 > SMT_LEVEL_COST + 1
    assert smt_membership_cost(20) < smt_non_membership_cost(20) < o2_20


def test_bad_level_counts() -> None:
    with pytest.raises(InvalidInput, match=r"1\.\.254"):
        smt_membership_cost(0)
    with pytest.raises(InvalidInput, match=r"1\.\.254"):
        smt_non_membership_cost(255)


# --- accepted proofs -----------------------------------------------------------------


def test_every_present_key_is_a_member(member: ConstraintSystem, tree: SparseMerkleTree) -> None:
    assert unconstrained_wires(member) == []
    depths = set()
    for k in tree:
        p = tree.prove(k)
        depths.add(p.depth)
        w = assert_satisfied(member, smt_proof_inputs(p, N))
        assert w.public == [tree.root]
    assert max(depths) == N and min(depths) < N - 2  # full and zero-padded paths


def test_absent_keys_are_non_members(absent: ConstraintSystem, tree: SparseMerkleTree) -> None:
    assert unconstrained_wires(absent) == []
    rng = random.Random(2)
    kinds = set()
    for k in absent_keys(tree, rng, 60):
        p = tree.prove(k)
        if p.depth > N:
            continue
        kinds.add(p.is_old0)
        assert_satisfied(absent, smt_proof_inputs(p, N))
    assert kinds == {True, False}


def test_small_trees(member: ConstraintSystem, absent: ConstraintSystem) -> None:
    empty = SparseMerkleTree()
    assert_satisfied(absent, smt_proof_inputs(empty.prove(5), N))  # root 0
    one = SparseMerkleTree.from_items([(5, 50)])
    assert_satisfied(member, smt_proof_inputs(one.prove(5), N))  # depth 0: root = leaf
    assert_satisfied(absent, smt_proof_inputs(one.prove(6), N))  # ends at 5's leaf
    assert_satisfied(absent, smt_proof_inputs(one.prove(5 + (1 << 100)), N))


def test_one_level_circuit() -> None:
    t = SparseMerkleTree.from_items([(2, 20), (3, 30)])  # depth 1
    assert_satisfied(membership_circuit(1), smt_proof_inputs(t.prove(3), 1))
    assert_satisfied(non_membership_circuit(1), smt_proof_inputs(t.prove(5), 1))
    with pytest.raises(InvalidInput, match="depth 2"):
        smt_proof_inputs(SparseMerkleTree.from_items([(1, 0), (3, 0)]).prove(1), 1)


def test_wrong_membership_claims_rejected(member: ConstraintSystem, tree: SparseMerkleTree) -> None:
    keys = list(tree)
    good = smt_proof_inputs(tree.prove(keys[3]), N)
    other = smt_proof_inputs(tree.prove(keys[4]), N)
    bad: list[dict[str, object]] = [
        {**good, "value": (int(good["value"]) + 1) % R},  # type: ignore[call-overload]
        {**good, "key": other["key"]},
        {**good, "root": (tree.root + 1) % R},
        {**other, "value": good["value"]},
    ]
    for level in range(N):
        sib = list(good["siblings"])  # type: ignore[call-overload]
        sib[level] = (sib[level] + 1) % R
        bad.append({**good, "siblings": sib})
    for k in absent_keys(tree, random.Random(3), 5):  # absent keys, any value and path
        bad.append({**good, "key": k})
    for inputs in bad:
        with pytest.raises(UnsatisfiedConstraint):
            member.witness(inputs)


# --- a present key cannot be proven absent -------------------------------------------


def forge(p: SmtProof, **fields: object) -> dict[str, object]:
    """Non-membership inputs built from a present key's proof with ``fields`` replaced."""
    base: dict[str, object] = {
        "root": p.root,
        "key": p.key,
        "siblings": [*p.siblings, *[0] * (N - len(p.siblings))],
        "old_key": p.key,
        "old_value": p.value,
        "is_old0": 0,
    }
    return {**base, **fields}


def present_keys(tree: SparseMerkleTree) -> list[int]:
    """Present keys at several depths, the deepest (N) included."""
    by_depth: dict[int, int] = {}
    for k in tree:
        by_depth.setdefault(tree.prove(k).depth, k)
    assert len(by_depth) >= 3 and N in by_depth
    return list(by_depth.values())


def test_present_key_not_provable_absent(absent: ConstraintSystem, tree: SparseMerkleTree) -> None:
    attempts = 0
    for k in present_keys(tree):
        p = tree.prove(k)
        d = p.depth
        sib = list(p.siblings)
        tries = [
            forge(p),  # its own leaf as the "old" leaf: old_key == key
            forge(p, old_value=(p.value + 1) % R),  # old_key == key, another value
            forge(p, is_old0=1),  # "empty" where its leaf is
            forge(p, is_old0=1, old_key=0, old_value=0),
        ]
        for other in list(tree)[:6]:  # another present key's leaf on this path
            if other != k:
                tries.append(forge(p, old_key=other, old_value=tree.get(other)))
        # truncated paths: end one or more levels early, at an "empty" or a leaf
        for cut in range(d):
            short = [*sib[:cut], *[0] * (N - cut)]
            tries.append(forge(p, siblings=short, is_old0=1))
            tries.append(forge(p, siblings=short))
            for other in tree:
                if other != k and (other ^ k) & ((1 << cut) - 1) == 0:
                    tries.append(forge(p, siblings=short, old_key=other, old_value=tree.get(other)))
                    break
        # extended paths: the key's leaf pushed below zero siblings
        for extra in range(d + 1, N + 1):
            longer = [*sib, *[0] * (extra - d - 1), 1, *[0] * (N - extra)]
            tries.append(forge(p, siblings=longer, is_old0=1))
        for inputs in tries:
            with pytest.raises(UnsatisfiedConstraint):
                absent.witness(inputs)
            attempts += 1
    assert attempts > 30


def test_old_key_equal_to_key_rejected_by_the_inverse(
    absent: ConstraintSystem, tree: SparseMerkleTree
) -> None:
    p = tree.prove(next(iter(tree)))
    with pytest.raises(UnsatisfiedConstraint, match="inverse") as e:
        absent.witness(forge(p))
    assert "smt.old_leaf" in str(e.value)


def test_non_boolean_is_old0_rejected(absent: ConstraintSystem, tree: SparseMerkleTree) -> None:
    """circomlib's SMTVerifier does not state isOld0 boolean. With is_old0 = 1 - N/H, the
    old leaf term (1 - is_old0)·H equals any node N: here the key's own leaf, scaled out
    of another key's leaf. Only the boolean check stops it."""
    keys = list(tree)
    k, other = keys[5], keys[6]
    p = tree.prove(k)
    own = native_poseidon([k, p.value, 1])
    h_other = native_poseidon([other, tree.get(other), 1])
    is0 = (1 - own * pow(h_other, -1, R)) % R
    assert (1 - is0) * h_other % R == own  # the forged old leaf term is the key's leaf
    inputs = forge(p, old_key=other, old_value=tree.get(other), is_old0=is0)
    with pytest.raises(UnsatisfiedConstraint, match="assert_bool"):
        absent.witness(inputs)
    for v in (2, R - 1):
        with pytest.raises(UnsatisfiedConstraint, match="assert_bool"):
            absent.witness(forge(p, is_old0=v))


def test_circomlib_smtverifier_accepts_the_forged_witness_we_reject(tmp_path: Path) -> None:
    """The non-boolean ``isOld0`` forgery against circomlib's own SMTVerifier(4) (circom2,
    snarkjs): it computes a witness and ``wtns check`` passes: present key 3 "proved"
    absent with the leaf of 6 (which is not even on 3's path). Ours rejects it."""
    tree = SparseMerkleTree.from_items([(1, 10), (2, 20), (3, 30), (6, 60)])
    p = tree.prove(3)
    own, h6 = native_poseidon([3, 30, 1]), native_poseidon([6, 60, 1])
    is0 = (1 - own * pow(h6, -1, R)) % R
    siblings = [*p.siblings, *[0] * (4 - len(p.siblings))]
    shutil.copytree(CIRCOMLIB, tmp_path / "cl")
    (tmp_path / "v.circom").write_text(
        'pragma circom 2.0.0;\ninclude "cl/smt/smtverifier.circom";\n'
        "component main = SMTVerifier(4);\n"
    )
    c = run("circom2", "v.circom", "--r1cs", "--wasm", "--O2", "-o", ".", cwd=tmp_path)
    assert c.returncode == 0, c.stdout + c.stderr
    forged = {
        "enabled": "1",
        "fnc": "1",  # verify NON-inclusion
        "root": str(tree.root),
        "siblings": [str(s) for s in siblings],
        "oldKey": "6",
        "oldValue": "60",
        "isOld0": str(is0),
        "key": "3",
        "value": "0",
    }
    (tmp_path / "forged.json").write_text(json.dumps(forged))
    w = run("snarkjs", "wtns", "calculate", "v_js/v.wasm", "forged.json", "f.wtns", cwd=tmp_path)
    assert w.returncode == 0, w.stdout + w.stderr
    ok = run("snarkjs", "wtns", "check", "v.r1cs", "f.wtns", cwd=tmp_path)
    assert ok.returncode == 0 and "WITNESS IS CORRECT" in ok.stdout, ok.stdout + ok.stderr
    ours = {"root": tree.root, "key": 3, "siblings": siblings, "old_key": 6, "old_value": 60}
    with pytest.raises(UnsatisfiedConstraint, match="assert_bool"):
        compile(non_membership_circuit(4)).witness({**ours, "is_old0": is0})


def test_old_key_must_share_the_path(absent: ConstraintSystem) -> None:
    """A malformed tree: the leaf of 6 = 0b110 placed on the path of 1 = 0b001 (bit 0 = 1).
    The hashes match; the shared-path constraint rejects."""
    sib = 123456789
    root = native_poseidon([sib, native_poseidon([6, 60, 1])])
    inputs = forge(SmtProof(root, 1, True, (sib,), 0), old_key=6, old_value=60)
    with pytest.raises(UnsatisfiedConstraint, match="smt_shared_path"):
        absent.witness(inputs)
    # the same shape with 7 = 0b111 (shares bit 0) is accepted: the check is the reason
    root7 = native_poseidon([sib, native_poseidon([7, 70, 1])])
    assert_satisfied(absent, forge(SmtProof(root7, 1, True, (sib,), 0), old_key=7, old_value=70))


# --- every wire is constrained -------------------------------------------------------


def internal(cs: ConstraintSystem, prefix: str, contains: str = "") -> list[str]:
    labels = [lab for lab in cs.labels if lab.startswith(prefix) and contains in lab]
    assert labels, (prefix, contains)
    return labels


def test_membership_tampered_wires_rejected(
    member: ConstraintSystem, tree: SparseMerkleTree
) -> None:
    k = next(k for k in tree if 2 <= tree.prove(k).depth < N - 1)
    inputs = smt_proof_inputs(tree.prove(k), N)
    d = tree.prove(k).depth
    labels = ["root", "key", "value", "siblings[0]", f"siblings[{d - 1}]", f"siblings[{N - 1}]"]
    labels += internal(member, "smt.key_bits.to_bits_strict.hint.bits")[:3]
    labels += internal(member, "smt.leaf.poseidon")[:1] + internal(member, "smt.leaf")[-1:]
    for level in (0, d - 1, d, N - 1):  # hashed levels and levels below the path's end
        scope = f"smt.levels.level[{level}]."
        labels += internal(member, scope, "is_zero")
        labels += internal(member, scope, ".mul#")[:1]  # above (or the swap at the bottom)
        labels += internal(member, scope, ".poseidon.")[-1:]
    for label in dict.fromkeys(labels):
        if label.endswith(".inv") and member.witness(inputs)[label] == 0:
            continue  # is_zero's inverse of 0 is free (documented; the output is pinned)
        assert_tampered_rejected(member, inputs, wire=label)


def test_non_membership_tampered_wires_rejected(
    absent: ConstraintSystem, tree: SparseMerkleTree
) -> None:
    rng = random.Random(5)
    cases = {}
    for k in absent_keys(tree, rng, 40):
        p = tree.prove(k)
        if p.depth >= 2:
            cases.setdefault(p.is_old0, p)
    assert set(cases) == {True, False}
    for p in cases.values():
        inputs = smt_proof_inputs(p, N)
        d = p.depth
        labels = ["root", "key", "siblings[0]", f"siblings[{d - 1}]", f"siblings[{N - 1}]"]
        labels += ["old_key", "old_value", "is_old0"]
        labels += internal(absent, "smt.old_leaf.")[:2]  # the select's product, the inverse
        labels += internal(absent, "smt.old_leaf.bits.to_bits_strict.hint.bits")[:3]
        labels += internal(absent, "smt.old_leaf.poseidon")[-1:]
        labels += internal(absent, "smt.old_leaf.mul#")[-1:]  # (1 - is_old0)·leaf
        for level in (0, d - 1, d, N - 1):
            scope = f"smt.levels.level[{level}]."
            labels += internal(absent, scope, "is_zero")
            muls = internal(absent, scope, ".mul#")
            labels += [lab for lab in muls if ".poseidon." not in lab]  # above, swap, select
            labels += [lab for lab in muls if ".poseidon." in lab][::120]
        for label in dict.fromkeys(labels):
            if label.endswith(".inv") and absent.witness(inputs)[label] == 0:
                continue
            assert_tampered_rejected(absent, inputs, wire=label)


def test_error_names_scope_and_author_line(
    member: ConstraintSystem, tree: SparseMerkleTree
) -> None:
    inputs = smt_proof_inputs(tree.prove(next(iter(tree))), N)
    with pytest.raises(UnsatisfiedConstraint) as e:
        member.witness({**inputs, "root": 1})
    assert "test_gadgets_smt.py" in str(e.value) and "assert_smt_membership(" in str(e.value)


# --- snarkjs -------------------------------------------------------------------------


class RevocationCheck(Circuit):
    """A credential (key, value) is in the issuer's tree and not in its revocation tree."""

    issued_root: Public[Scalar]
    revoked_root: Public[Scalar]
    key: Private[Scalar]
    value: Private[Scalar]
    issued_path: Private[Array[Scalar, N]]
    revoked_path: Private[Array[Scalar, N]]
    old_key: Private[Scalar]
    old_value: Private[Scalar]
    is_old0: Private[Scalar]

    def define(self, api: Any) -> None:
        assert_smt_membership(api, self.issued_root, self.key, self.value, self.issued_path)
        assert_smt_non_membership(
            api,
            self.revoked_root,
            self.key,
            self.revoked_path,
            self.old_key,
            self.old_value,
            self.is_old0,
        )


def test_snarkjs_accepts_our_smt_witness(tmp_path: Path, tree: SparseMerkleTree) -> None:
    revoked = make_tree(7, 30)
    key = next(k for k in tree if k not in revoked and revoked.prove(k).depth <= N)
    m = smt_proof_inputs(tree.prove(key), N)
    a = smt_proof_inputs(revoked.prove(key), N)
    inputs = {
        "issued_root": tree.root,
        "revoked_root": revoked.root,
        "key": key,
        "value": m["value"],
        "issued_path": m["siblings"],
        "revoked_path": a["siblings"],
        "old_key": a["old_key"],
        "old_value": a["old_value"],
        "is_old0": a["is_old0"],
    }
    cs = compile(RevocationCheck)
    assert unconstrained_wires(cs) == []
    r1cs, wtns = tmp_path / "s.r1cs", tmp_path / "s.wtns"
    cs.write_r1cs(r1cs)
    cs.witness(inputs).write_wtns(wtns)
    assert snarkjs_r1cs_info(r1cs)["Constraints"] == cs.num_constraints
    p = run("snarkjs", "wtns", "check", r1cs, wtns)
    assert p.returncode == 0 and "WITNESS IS CORRECT" in p.stdout, p.stdout + p.stderr
    # once the key is revoked, its (membership) path gives no non-membership witness
    now = SparseMerkleTree.from_items([*revoked.items(), (key, 1)])
    path = smt_proof_inputs(now.prove(key), N)["siblings"]
    for old in ({"old_key": key, "old_value": 1, "is_old0": 0}, {"is_old0": 1}):
        with pytest.raises(UnsatisfiedConstraint):
            cs.witness({**inputs, "revoked_root": now.root, "revoked_path": path, **old})
