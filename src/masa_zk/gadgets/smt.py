"""Sparse Merkle tree membership and non-membership (circomlib's ``SMTVerifier`` inputs,
our own constraints), for trees of :class:`masa_zk.SparseMerkleTree` / circomlibjs.

A circuit for ``n`` levels takes ``siblings`` of length ``n``: a proof's siblings padded
with zeros (:func:`smt_proof_inputs`). The path ends one below the last non-zero
sibling, so one circuit serves every proof of depth ≤ n (circomlib's needs depth < n).

How (per level ``i``, from the bottom up; ``b_i`` the key's bits, from its strict
decomposition so that the path is the canonical one):

* ``z_i = is_zero(sibling_i)``; ``above_i`` = "some sibling at level ≥ i is non-zero"
  = ``1 - z_i·(1 - above_{i+1})`` (one product; at the bottom level ``1 - z``). The
  levels with ``above_i = 1`` are exactly those on the path above its end;
* ``h_i = poseidon(switch(b_i, cur, sibling_i))`` (one product for the swap);
* ``cur = cur + above_i·(h_i - cur)``: hash at the levels above the end, carry the
  node unchanged below it (one product).

``cur`` starts as the node where the path ends: the leaf ``poseidon([key, value, 1])``
for membership; for non-membership 0 (``is_old0 = 1``, an empty subtree) or the leaf
``poseidon([old_key, old_value, 1])`` of another key. Non-membership also states:
``is_old0`` boolean (circomlib's ``SMTVerifier`` leaves it free, and a non-boolean value
scales the old leaf into any node, the key's own leaf included); ``old_key ≠ key`` when
``is_old0 = 0`` (an inverse); and ``old_key`` shares the key's bits at every level above
the path's end (its own strict decomposition, and one constraint per level), so the old
leaf really lies on the key's path. A present key cannot be proven absent: its path ends
at its own leaf, which is not 0, not a branch (a Poseidon of 2 inputs, the leaf one of
3) and not the leaf of another key.

Cost (constraints, ``n`` levels, every input non-constant):

=================================  ==============================================
``assert_smt_membership``          384 (strict key bits) + 258 (leaf hash)
                                   + 245·n - 1
``assert_smt_non_membership``      2·384 (key and old key bits) + 258 + 4
                                   + 246·n - 1
=================================  ==============================================

Per level: Poseidon(2) 240, ``is_zero`` 2, ``above`` 1 (none at the bottom), swap 1,
select 1, and for non-membership the old key's bit 1. Depth 20: 5541 and 5949, against
6573 for circomlib's ``SMTVerifier(20)`` (``circom2 --O2``; 251 per level, and two
``Num2Bits_strict``), which serves both (its ``fnc`` input picks).

>>> from masa_zk import SparseMerkleTree
>>> from masa_zk.circuit import Array, Circuit, Private, Public, Scalar, compile
>>> class NotRevoked(Circuit):
...     root: Public[Scalar]
...     key: Private[Scalar]
...     siblings: Private[Array[Scalar, 8]]
...     old_key: Private[Scalar]
...     old_value: Private[Scalar]
...     is_old0: Private[Scalar]
...     def define(self, api):
...         assert_smt_non_membership(api, self.root, self.key, self.siblings,
...                                   self.old_key, self.old_value, self.is_old0)
>>> revoked = SparseMerkleTree.from_items([(11, 1), (42, 1), (97, 1)])
>>> cs = compile(NotRevoked)
>>> cs.num_constraints == smt_non_membership_cost(8)
True
>>> w = cs.witness(smt_proof_inputs(revoked.prove(12), 8))
>>> w.public == [revoked.root]
True
"""

from __future__ import annotations

from collections.abc import Sequence

from masa_zk.circuit.api import Api
from masa_zk.circuit.lc import LinearCombination, Operand
from masa_zk.errors import InvalidInput
from masa_zk.gadgets.bits import FIELD_BITS, to_bits_strict
from masa_zk.gadgets.poseidon import poseidon, poseidon_cost
from masa_zk.smt import SmtProof

__all__ = [
    "SMT_LEVEL_COST",
    "assert_smt_membership",
    "assert_smt_non_membership",
    "smt_membership_cost",
    "smt_non_membership_cost",
    "smt_proof_inputs",
]

#: Constraints per level of the membership gadget: Poseidon(2) + is_zero 2 + above 1
#: + swap 1 + select 1. Non-membership adds 1 (the old key's bit).
SMT_LEVEL_COST = poseidon_cost(2) + 5

_STRICT_BITS = 384  # to_bits_strict: 254 + 130
_LEAF_HASH = poseidon_cost(3) - 3  # the constant 1 input folds one S-box


def _check_levels(n: int) -> None:
    if not 1 <= n <= FIELD_BITS:
        raise InvalidInput(f"smt: expected 1..{FIELD_BITS} siblings, got {n}")


def smt_membership_cost(levels: int) -> int:
    """Constraints of :func:`assert_smt_membership` for ``levels`` levels.

    >>> smt_membership_cost(20)
    5541
    """
    _check_levels(levels)
    return _STRICT_BITS + _LEAF_HASH + SMT_LEVEL_COST * levels - 1


def smt_non_membership_cost(levels: int) -> int:
    """Constraints of :func:`assert_smt_non_membership` for ``levels`` levels.

    >>> smt_non_membership_cost(20)
    5949
    """
    _check_levels(levels)
    return 2 * _STRICT_BITS + _LEAF_HASH + 4 + (SMT_LEVEL_COST + 1) * levels - 1


def _path_root(
    api: Api,
    key_bits: Sequence[LinearCombination],
    siblings: Sequence[LinearCombination],
    node: LinearCombination,
) -> tuple[LinearCombination, list[LinearCombination]]:
    """The root reached from ``node`` where the path ends, and ``above`` per level."""
    n = len(siblings)
    above: list[LinearCombination] = [api.constant(0)] * n
    with api.scope("levels"):
        for i in range(n - 1, -1, -1):
            with api.scope(f"level[{i}]"):
                z = api.is_zero(siblings[i])
                above[i] = 1 - z if i == n - 1 else 1 - api.mul(z, 1 - above[i + 1])
        cur = node
        for i in range(n - 1, -1, -1):
            with api.scope(f"level[{i}]"):
                sib = siblings[i]
                d = api.mul(key_bits[i], sib - cur)  # bit 1: cur is the right child
                h = poseidon(api, [cur + d, sib - d])
                cur = cur + api.mul(above[i], h - cur)
    return cur, above


def _prepare(
    api: Api, key: Operand, siblings: Sequence[Operand]
) -> tuple[LinearCombination, list[LinearCombination], list[LinearCombination]]:
    _check_levels(len(siblings))
    lkey = api.lc(key)
    with api.scope("key_bits"):
        bits = to_bits_strict(api, lkey)[: len(siblings)]
    return lkey, bits, [api.lc(s) for s in siblings]


def assert_smt_membership(
    api: Api,
    root: Operand,
    key: Operand,
    value: Operand,
    siblings: Sequence[Operand],
) -> None:
    """States that the tree with ``root`` maps ``key`` to ``value``; ``siblings`` is the
    proof's path padded with zeros to the circuit's number of levels (1..254). Costs
    :func:`smt_membership_cost` (245 per level), inside ``api.scope("smt")``.

    >>> from masa_zk import SparseMerkleTree
    >>> from masa_zk.circuit import Array, Circuit, Private, Public, Scalar, compile
    >>> class Member(Circuit):
    ...     root: Public[Scalar]
    ...     key: Private[Scalar]
    ...     value: Private[Scalar]
    ...     siblings: Private[Array[Scalar, 4]]
    ...     def define(self, api):
    ...         assert_smt_membership(api, self.root, self.key, self.value, self.siblings)
    >>> tree = SparseMerkleTree.from_items([(1, 10), (2, 20), (3, 30)])
    >>> _ = compile(Member).witness(smt_proof_inputs(tree.prove(3), 4))
    """
    with api.scope("smt"):
        lkey, bits, sibs = _prepare(api, key, siblings)
        with api.scope("leaf"):
            leaf = poseidon(api, [lkey, value, 1])
        computed, _ = _path_root(api, bits, sibs, leaf)
        api.assert_equal(computed, root)


def assert_smt_non_membership(
    api: Api,
    root: Operand,
    key: Operand,
    siblings: Sequence[Operand],
    old_key: Operand,
    old_value: Operand,
    is_old0: Operand,
) -> None:
    """States that ``key`` is NOT in the tree with ``root``: its path (``siblings``,
    zero-padded) ends at an empty subtree (``is_old0 = 1``) or at the leaf of
    ``old_key`` (≠ ``key``, sharing its path bits) holding ``old_value``. Costs
    :func:`smt_non_membership_cost` (246 per level), inside ``api.scope("smt")``.

    >>> from masa_zk import SparseMerkleTree
    >>> from masa_zk.circuit import Array, Circuit, Private, Public, Scalar, compile
    >>> class Absent(Circuit):
    ...     root: Public[Scalar]
    ...     key: Private[Scalar]
    ...     siblings: Private[Array[Scalar, 4]]
    ...     old_key: Private[Scalar]
    ...     old_value: Private[Scalar]
    ...     is_old0: Private[Scalar]
    ...     def define(self, api):
    ...         assert_smt_non_membership(api, self.root, self.key, self.siblings,
    ...                                   self.old_key, self.old_value, self.is_old0)
    >>> tree = SparseMerkleTree.from_items([(1, 10), (2, 20)])
    >>> cs = compile(Absent)
    >>> _ = cs.witness(smt_proof_inputs(tree.prove(5), 4))   # ends at 1's leaf
    >>> _ = cs.witness(smt_proof_inputs(tree.prove(4), 4))   # ends at an empty subtree
    """
    with api.scope("smt"):
        lkey, bits, sibs = _prepare(api, key, siblings)
        lold, is0 = api.lc(old_key), api.lc(is_old0)
        with api.scope("old_leaf"):
            # Boolean (select states it), and the key compared against: old_key, or the
            # key itself when the path ends at an empty subtree.
            compared = api.select(is0, lkey, lold)
            # old_key ≠ key unless is_old0: (old_key - key)·(1 - is_old0) + is_old0 ≠ 0
            api.inverse(compared - lkey + is0)
            with api.scope("bits"):
                old_bits = to_bits_strict(api, compared)
            leaf = api.mul(1 - is0, poseidon(api, [lold, old_value, 1]))
        computed, above = _path_root(api, bits, sibs, leaf)
        with api.scope("shared_path"):
            for i, a in enumerate(above):
                api.add_constraint(a, old_bits[i] - bits[i], 0, "smt_shared_path")
        api.assert_equal(computed, root)


def smt_proof_inputs(proof: SmtProof, levels: int) -> dict[str, object]:
    """The gadgets' inputs for ``proof``, siblings zero-padded to ``levels``: ``root``,
    ``key``, ``siblings`` and ``value`` (membership) or ``old_key``, ``old_value``,
    ``is_old0`` (non-membership). Raises :class:`~masa_zk.errors.InvalidInput` when the
    proof is deeper than ``levels``.

    >>> from masa_zk import SparseMerkleTree
    >>> t = SparseMerkleTree.from_items([(1, 10)])
    >>> inputs = smt_proof_inputs(t.prove(1), 3)
    >>> inputs["key"], inputs["value"], inputs["siblings"], inputs["root"] == t.root
    (1, 10, [0, 0, 0], True)
    >>> smt_proof_inputs(t.prove(2), 3)["is_old0"], smt_proof_inputs(t.prove(2), 3)["old_key"]
    (0, 1)
    """
    _check_levels(levels)
    depth = proof.depth
    if depth > levels:
        raise InvalidInput(f"smt: the proof has depth {depth}, the circuit {levels} levels")
    siblings = [*proof.siblings[:depth], *[0] * (levels - depth)]
    out: dict[str, object] = {"root": proof.root, "key": proof.key, "siblings": siblings}
    if proof.found:
        out["value"] = proof.value
    else:
        out["old_key"] = proof.old_key
        out["old_value"] = proof.old_value
        out["is_old0"] = int(proof.is_old0)
    return out
