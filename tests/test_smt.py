"""The sparse Merkle tree against circomlibjs's ``SMT`` (newMemEmptyTrie, run with node):
roots after random operation sequences, and ``find`` output for present and absent keys."""

from __future__ import annotations

import json
import random
import shutil
import subprocess
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from vectors.oracle import HERE, ROOT

from masa_zk import SmtProof, SparseMerkleTree
from masa_zk import poseidon as native_poseidon
from masa_zk.bn254.fr import R
from masa_zk.errors import InvalidEncoding, InvalidInput


def circomlibjs_smt(scripts: list[list[list[str]]]) -> list[list[Any]]:
    """Runs each script of operations on a fresh circomlibjs tree (circomlibjs_smt.js)."""
    node = shutil.which("node")
    if node is None or not (ROOT / "node_modules" / "circomlibjs").is_dir():
        pytest.fail("circomlibjs cross-checks need node and `npm ci` (run `make setup`)")
    proc = subprocess.run(
        [node, str(HERE / "circomlibjs_smt.js")],
        input=json.dumps(scripts).encode(),
        capture_output=True,
        cwd=ROOT,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr.decode()
    out: list[list[Any]] = json.loads(proc.stdout)
    return out


def random_key(rng: random.Random) -> int:
    """Keys that collide on many low bits (deep paths), small keys, and random ones."""
    kind = rng.randrange(4)
    if kind == 0:
        return rng.randrange(64)
    if kind == 1:
        return (rng.randrange(8) << rng.randrange(20, 200)) | 0b1011  # share 4+ low bits
    if kind == 2:
        return R - 1 - rng.randrange(16)
    return rng.randrange(R)


def random_script(rng: random.Random, n_ops: int) -> tuple[list[list[str]], SparseMerkleTree]:
    """A random sequence of valid operations, applied to our tree as it is generated; the
    root is read after every operation and ``find`` run on present and absent keys."""
    tree = SparseMerkleTree()
    ops: list[list[str]] = []
    for _ in range(n_ops):
        present = list(tree)
        r = rng.random()
        if present and r < 0.25:
            k = rng.choice(present)
            tree.delete(k)
            ops.append(["delete", str(k)])
        elif present and r < 0.4:
            k, v = rng.choice(present), rng.randrange(R)
            tree.update(k, v)
            ops.append(["update", str(k), str(v)])
        else:
            k = random_key(rng)
            if k in tree:
                continue
            v = rng.randrange(R)
            tree.insert(k, v)
            ops.append(["insert", str(k), str(v)])
        ops.append(["root"])
    return ops, tree


def proof_as_circomlibjs(p: SmtProof) -> dict[str, Any]:
    out: dict[str, Any] = {
        "found": p.found,
        "isOld0": p.is_old0,
        "siblings": [str(s) for s in p.siblings],
    }
    if p.found:
        out["foundValue"] = str(p.value)
    else:
        out["notFoundKey"] = str(p.old_key)
        out["notFoundValue"] = str(p.old_value)
    return out


def test_roots_and_finds_match_circomlibjs() -> None:
    scripts, expected = [], []
    for seed in range(8):
        rng = random.Random(seed)
        ops, _ = random_script(rng, 60)
        # replay on a fresh tree of ours to collect the expected answers
        tree = SparseMerkleTree()
        want: list[Any] = []
        for op in ops:
            if op[0] == "root":
                want.append(str(tree.root))
                continue
            getattr(tree, op[0])(*map(int, op[1:]))
            want.append(None)
        probes = [*list(tree)[:10], *(random_key(rng) for _ in range(15))]
        for k in probes:
            ops.append(["find", str(k)])
            want.append(proof_as_circomlibjs(tree.prove(k)))
        scripts.append(ops)
        expected.append(want)
    got = circomlibjs_smt(scripts)
    for g, w in zip(got, expected, strict=True):
        assert g == w
    # the scripts exercised what they should: collapses after deletes, deep paths,
    # non-membership at empty subtrees and at other keys' leaves
    finds = [a for s in expected for a in s if isinstance(a, dict)]
    assert any(f["found"] for f in finds)
    assert any(not f["found"] and f["isOld0"] for f in finds)
    assert any(not f["found"] and not f["isOld0"] for f in finds)
    assert max(len(f["siblings"]) for f in finds) > 20
    assert sum(op[0] == "delete" for s in scripts for op in s) > 50


def test_deep_collision_matches_circomlibjs() -> None:
    """Two keys equal on their 250 low bits: the leaves go down to depth 251."""
    a, b = 5, 5 + (1 << 250)
    tree = SparseMerkleTree()
    tree.insert(a, 1)
    tree.insert(b, 2)
    tree.insert(7, 3)
    probes = [a, b, 7, 5 + (1 << 251), 5 + (1 << 100)]
    ops = [["insert", str(a), "1"], ["insert", str(b), "2"], ["insert", "7", "3"], ["root"]]
    ops += [["find", str(k)] for k in probes]
    ops += [["delete", str(a)], ["root"], ["find", str(b)]]
    got = circomlibjs_smt([ops])[0]
    assert got[3] == str(tree.root)
    assert got[4:9] == [proof_as_circomlibjs(tree.prove(k)) for k in probes]
    assert len(tree.prove(a).siblings) == 251
    tree.delete(a)
    assert got[10:] == [str(tree.root), proof_as_circomlibjs(tree.prove(b))]
    assert len(tree.prove(b).siblings) == 2  # b moved back up next to 7's leaf


def test_structure_by_hand() -> None:
    h = native_poseidon
    tree = SparseMerkleTree()
    assert tree.root == 0
    tree.insert(1, 10)
    leaf1 = h([1, 10, 1])
    assert tree.root == leaf1  # a single leaf is the root
    tree.insert(2, 20)  # bit 0 differs: 2 left, 1 right
    leaf2 = h([2, 20, 1])
    assert tree.root == h([leaf2, leaf1])
    tree.insert(3, 30)  # 3 and 1 share bit 0, differ at bit 1
    leaf3 = h([3, 30, 1])
    assert tree.root == h([leaf2, h([leaf1, leaf3])])
    p = tree.prove(5)  # 5 = 0b101 walks right, left: 1's leaf
    assert (p.found, p.old_key, p.old_value, p.is_old0) == (False, 1, 10, False)
    assert p.siblings == (leaf2, leaf3)
    tree.delete(3)
    assert tree.root == h([leaf2, leaf1])
    tree.delete(2)
    assert tree.root == leaf1
    tree.delete(1)
    assert tree.root == 0
    assert tree._branches == {} and tree._leaves == {}  # no stale nodes


@settings(max_examples=25, deadline=None)
@given(
    st.dictionaries(
        st.one_of(st.integers(0, 255), st.integers(0, R - 1)), st.integers(0, R - 1), max_size=12
    ),
    st.randoms(use_true_random=False),
)
def test_root_depends_on_the_set_only(items: dict[int, int], rng: random.Random) -> None:
    pairs = list(items.items())
    bulk = SparseMerkleTree.from_items(pairs)
    rng.shuffle(pairs)
    tree = SparseMerkleTree()
    for k, v in pairs:
        tree.insert(k, (v + 1) % R)
    for k, v in pairs:
        tree.update(k, v)
    extra = [k for k in (256, 1000, R - 1) if k not in items]
    for k in extra:
        tree.insert(k, 7)
    for k in extra:
        tree.delete(k)
    assert tree.root == bulk.root
    assert tree.items() == bulk.items() == sorted(items.items())
    assert len(tree._branches) == len(bulk._branches)  # deletes leave no stale nodes
    for k in [*items, 300, 301]:
        p = tree.prove(k)
        assert p.verify() and p.verify(bulk.root)
        assert p.found == (k in items)


def test_proofs_verify_and_tampering_fails() -> None:
    rng = random.Random(9)
    tree = SparseMerkleTree.from_items([(rng.randrange(R), rng.randrange(R)) for _ in range(40)])
    tree.insert(1 << 10 | 3, 5)
    tree.insert(1 << 11 | 3, 6)  # shares 11 low bits with the one above: deep
    keys = [*list(tree)[:5], 1 << 10 | 3, 3, 1 << 12 | 3, 77]
    for k in keys:
        p = tree.prove(k)
        assert p.verify()
        assert not p.verify((tree.root + 1) % R)
        if p.siblings:
            sib = list(p.siblings)
            sib[0] = (sib[0] + 1) % R
            assert not SmtProof(**{**p.__dict__, "siblings": tuple(sib)}).verify()
        if p.found:
            assert not SmtProof(**{**p.__dict__, "value": (p.value + 1) % R}).verify()
            # a present key dressed up as absent
            fake = {**p.__dict__, "found": False, "old_key": k, "old_value": p.value}
            assert not SmtProof(**fake).verify()
            assert not SmtProof(**{**fake, "is_old0": True}).verify()
        elif not p.is_old0:
            assert not SmtProof(**{**p.__dict__, "old_value": p.old_value + 1}).verify()
            assert not SmtProof(**{**p.__dict__, "old_key": k}).verify()


def test_old_key_must_share_the_path_bits() -> None:
    """A malformed tree (the leaf of 6 = 0b110 placed on the path of 1 = 0b001) gives a
    root the hashes alone would accept; the shared-bits check refuses it."""
    h = native_poseidon
    sib = 123456789
    root = h([sib, h([6, 60, 1])])  # 6's leaf as the right child: bit 0 of 1
    forged = SmtProof(root, 1, False, (sib,), 0, 6, 60, False)
    assert not forged.verify()
    honest = SmtProof(h([sib, h([7, 70, 1])]), 1, False, (sib,), 0, 7, 70, False)
    assert honest.verify()  # 7 = 0b111 shares bit 0 with 1
    assert SmtProof(h([sib, 0]), 1, False, (sib,), 0, 1, 0, True).verify()


def test_invalid_inputs() -> None:
    tree = SparseMerkleTree()
    for bad in (R, -1, True, 1.0, "1", None):
        with pytest.raises(InvalidInput):
            tree.insert(bad, 1)  # type: ignore[arg-type]
        with pytest.raises(InvalidInput):
            tree.insert(1, bad)  # type: ignore[arg-type]
        with pytest.raises(InvalidInput):
            tree.prove(bad)  # type: ignore[arg-type]
        with pytest.raises(InvalidInput):
            tree.get(bad)  # type: ignore[arg-type]
    tree.insert(1, 2)
    with pytest.raises(InvalidInput, match="already"):
        tree.insert(1, 3)
    with pytest.raises(InvalidInput, match="not in the tree"):
        tree.update(2, 3)
    with pytest.raises(InvalidInput, match="not in the tree"):
        tree.delete(2)
    with pytest.raises(InvalidInput, match="twice"):
        SparseMerkleTree.from_items([(1, 2), (1, 3)])
    assert tree.get(1) == 2 and len(tree) == 1  # failed calls changed nothing
    with pytest.raises(InvalidInput):
        SmtProof(tree.root, R, True, (), 2).verify()


def test_json_round_trip() -> None:
    rng = random.Random(3)
    _, tree = random_script(rng, 80)
    text = tree.to_json()
    doc = json.loads(text)
    assert doc["type"] == "masa-zk/smt" and doc["version"] == 1 and doc["hash"] == "poseidon"
    assert doc["root"] == str(tree.root)
    assert doc["leaves"] == [[str(k), str(v)] for k, v in tree.items()]
    back = SparseMerkleTree.from_json(text)
    assert back.root == tree.root and back.items() == tree.items()
    assert SparseMerkleTree.from_json(text.encode()).root == tree.root
    back.insert(12345, 1)  # a loaded tree is a working tree
    assert back.prove(12345).verify()


def test_json_rejects_malformed_documents() -> None:
    good = json.loads(SparseMerkleTree.from_items([(1, 2), (3, 4)]).to_json())
    bad_docs: list[Any] = [
        {**good, "type": "other"},
        {**good, "version": 2},
        {**good, "hash": "mimc"},
        {**good, "root": str(int(good["root"]) + 1)},  # leaves do not give the root
        {**good, "root": int(good["root"])},  # not a string
        {**good, "leaves": [["1", "2"], ["1", "4"]]},  # repeated key
        {**good, "leaves": [["1", "2", "3"]]},
        {**good, "leaves": [[1, 2]]},
        {**good, "leaves": [["01", "2"], ["3", "4"]]},  # not canonical
        {**good, "leaves": [[str(R), "2"]]},
        {**good, "leaves": [["-1", "2"]]},
        {**good, "leaves": "none"},
        [good],
    ]
    for doc in bad_docs:
        with pytest.raises(InvalidEncoding):
            SparseMerkleTree.from_json(json.dumps(doc))
    for text in ("", "{", b"\xff"):
        with pytest.raises(InvalidEncoding):
            SparseMerkleTree.from_json(text)
