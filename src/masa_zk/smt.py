"""Sparse Merkle trees over Poseidon, node for node the same as circomlibjs's ``SMT``
(``newMemEmptyTrie``) and circomlib's ``SMTVerifier`` circuits.

The tree is a binary trie over the bits of each key, least significant bit first (bit
``i`` picks the child at depth ``i + 1``: 0 left, 1 right). A leaf sits as high as it can:
only as deep as needed to separate its key from every other key's, so a tree's shape and
root depend on its set of (key, value) pairs only, never on the order of the operations.

* empty subtree: ``0``;
* leaf: ``poseidon([key, value, 1])``;
* branch: ``poseidon([left, right])``.

Keys and values are field elements (ints in [0, r)). Proofs (:class:`SmtProof`) serve
both membership (the key's leaf and its siblings) and non-membership (the siblings down
to where the key's path ends, at an empty subtree or at the leaf of another key whose
path shares those bits); :func:`masa_zk.gadgets.smt.smt_proof_inputs` turns one into the
inputs of the circuit gadgets :func:`~masa_zk.gadgets.assert_smt_membership` and
:func:`~masa_zk.gadgets.assert_smt_non_membership`.

>>> from masa_zk import SparseMerkleTree
>>> tree = SparseMerkleTree()
>>> tree.insert(3, 30)
>>> tree.insert(5, 50)           # 3 = 0b11 and 5 = 0b101 share bit 0: both at depth 2
>>> tree.get(5), len(tree), 7 in tree
(50, 2, False)
>>> p = tree.prove(7)            # 7 = 0b111 ends at 3's leaf: 3 and 7 share bits 0 and 1
>>> p.found, p.old_key, p.is_old0, p.verify(tree.root)
(False, 3, False, True)
>>> SparseMerkleTree.from_json(tree.to_json()).root == tree.root
True

Serialisation (:meth:`SparseMerkleTree.to_json`): a JSON object ::

    {"type": "masa-zk/smt", "version": 1, "hash": "poseidon",
     "root": "<decimal>", "leaves": [["<key>", "<value>"], ...]}

with field elements as decimal strings (as snarkjs writes them) and the leaves sorted
by key. The leaves alone determine the tree; :meth:`~SparseMerkleTree.from_json`
rebuilds it and refuses the document (:class:`~masa_zk.errors.InvalidEncoding`) unless
the rebuilt root equals ``root``, so a published document can be checked against the
root an issuer put on chain.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from numbers import Integral
from typing import Any

from masa_zk.bn254.fr import R, field_int
from masa_zk.errors import InvalidEncoding, InvalidInput
from masa_zk.hashing import poseidon, poseidon_batch

__all__ = ["MAX_DEPTH", "SmtProof", "SparseMerkleTree", "leaf_hash", "node_hash"]

#: Depth bound: two different keys below r (254 bits) differ in one of the first 254 bits.
MAX_DEPTH = R.bit_length()

JSON_TYPE = "masa-zk/smt"
JSON_VERSION = 1


def leaf_hash(key: int, value: int) -> int:
    """The node of a leaf: ``poseidon([key, value, 1])`` (circomlibjs's ``hash1``).

    >>> from masa_zk import poseidon
    >>> leaf_hash(1, 2) == poseidon([1, 2, 1])
    True
    """
    return poseidon([key, value, 1])


def node_hash(left: int, right: int) -> int:
    """The node of a branch: ``poseidon([left, right])`` (circomlibjs's ``hash0``).

    >>> node_hash(0, 0) != 0
    True
    """
    return poseidon([left, right])


def _bit(key: int, i: int) -> int:
    return (key >> i) & 1


def _climb(key: int, siblings: Iterable[int], node: int) -> int:
    """The root reached from ``node`` at depth len(siblings) along ``key``'s path."""
    sib = list(siblings)
    for i in range(len(sib) - 1, -1, -1):
        node = node_hash(sib[i], node) if _bit(key, i) else node_hash(node, sib[i])
    return node


@dataclass(frozen=True)
class SmtProof:
    """A (non-)membership proof for ``key`` in the tree with root ``root``.

    ``siblings[i]`` is the sibling at depth ``i + 1`` along the key's path, from the root
    down to where the path ends (circomlibjs's ``find(key).siblings``; the last one is
    never 0). When ``found``, ``value`` is the key's value. Otherwise the path ends at an
    empty subtree (``is_old0``; ``old_key`` is then ``key`` and ``old_value`` 0, as
    circomlibjs reports them) or at the leaf of ``old_key`` (≠ ``key``, sharing its
    first ``len(siblings)`` bits) holding ``old_value``.

    >>> t = SparseMerkleTree()
    >>> t.insert(1, 10)
    >>> p = t.prove(1)
    >>> p.found, p.siblings, p.value, p.root == t.root
    (True, (), 10, True)
    """

    root: int
    key: int
    found: bool
    siblings: tuple[int, ...]
    value: int = 0
    old_key: int = 0
    old_value: int = 0
    is_old0: bool = False

    @property
    def depth(self) -> int:
        """Where the path ends: one below the last non-zero sibling (0 for none)."""
        d = len(self.siblings)
        while d and self.siblings[d - 1] == 0:
            d -= 1
        return d

    def verify(self, root: int | None = None) -> bool:
        """Whether the proof shows its statement against ``root`` (default: its own).

        The same checks as the circuit gadgets: the path's end is one below the last
        non-zero sibling; for non-membership of a leaf, ``old_key`` differs from ``key``
        and shares the path's bits. Raises :class:`~masa_zk.errors.InvalidInput` for
        values outside [0, r).

        >>> t = SparseMerkleTree()
        >>> t.insert(2, 20)
        >>> t.prove(2).verify(), t.prove(4).verify(t.root), t.prove(2).verify(0)
        (True, True, False)
        """
        want = self.root if root is None else field_int(root, "smt: root")
        key = field_int(self.key, "smt: key")
        if len(self.siblings) > MAX_DEPTH:
            raise InvalidInput(f"smt: at most {MAX_DEPTH} siblings, got {len(self.siblings)}")
        sibs = [field_int(s, "smt: sibling") for s in self.siblings[: self.depth]]
        if self.found:
            node = leaf_hash(key, field_int(self.value, "smt: value"))
        elif self.is_old0:
            node = 0
        else:
            old = field_int(self.old_key, "smt: old_key")
            mask = (1 << len(sibs)) - 1
            if old == key or (old ^ key) & mask:
                return False
            node = leaf_hash(old, field_int(self.old_value, "smt: old_value"))
        return _climb(key, sibs, node) == want


class SparseMerkleTree:
    """A sparse Merkle tree of field elements, equal to circomlibjs's ``SMT``.

    Operations cost one Poseidon per level of the touched path. Nodes are kept in memory,
    addressed by their hash (as circomlibjs's ``SMTMemDB``).

    >>> t = SparseMerkleTree()
    >>> t.root
    0
    >>> t.insert(1, 10); t.update(1, 11); t.get(1)
    11
    >>> t.delete(1); t.root
    0
    """

    def __init__(self) -> None:
        self._root = 0
        self._branches: dict[int, tuple[int, int]] = {}
        self._leaves: dict[int, tuple[int, int]] = {}  # node -> (key, value)
        self._values: dict[int, int] = {}

    @property
    def root(self) -> int:
        """The root (0 for the empty tree)."""
        return self._root

    def __len__(self) -> int:
        return len(self._values)

    def __contains__(self, key: object) -> bool:
        return isinstance(key, Integral) and not isinstance(key, bool) and int(key) in self._values

    def __iter__(self) -> Iterator[int]:
        return iter(sorted(self._values))

    def items(self) -> list[tuple[int, int]]:
        """The (key, value) pairs, sorted by key.

        >>> t = SparseMerkleTree.from_items([(5, 1), (2, 7)])
        >>> t.items()
        [(2, 7), (5, 1)]
        """
        return sorted(self._values.items())

    def get(self, key: int) -> int | None:
        """The value of ``key``, or ``None`` when absent.

        >>> SparseMerkleTree().get(1) is None
        True
        """
        return self._values.get(field_int(key, "smt: key"))

    def find(self, key: int) -> SmtProof:
        """Alias of :meth:`prove` (circomlibjs's name)."""
        return self.prove(key)

    def prove(self, key: int) -> SmtProof:
        """A membership proof when ``key`` is present, a non-membership proof otherwise.

        >>> t = SparseMerkleTree.from_items([(1, 5)])
        >>> t.prove(1).found, t.prove(2).found, t.prove(2).old_key
        (True, False, 1)
        """
        key = field_int(key, "smt: key")
        siblings, node = self._walk(key)
        if node == 0:
            return SmtProof(self._root, key, False, tuple(siblings), 0, key, 0, True)
        k, v = self._leaves[node]
        if k == key:
            return SmtProof(self._root, key, True, tuple(siblings), v)
        return SmtProof(self._root, key, False, tuple(siblings), 0, k, v, False)

    def _walk(self, key: int) -> tuple[list[int], int]:
        """Siblings down ``key``'s path and the node (0 or a leaf) where it ends."""
        siblings: list[int] = []
        node = self._root
        while node in self._branches:
            left, right = self._branches[node]
            if _bit(key, len(siblings)):
                siblings.append(left)
                node = right
            else:
                siblings.append(right)
                node = left
        return siblings, node

    def insert(self, key: int, value: int) -> None:
        """Adds ``key`` with ``value``; :class:`~masa_zk.errors.InvalidInput` if present.

        >>> t = SparseMerkleTree()
        >>> t.insert(1, 2); t.get(1)
        2
        """
        key = field_int(key, "smt: key")
        value = field_int(value, "smt: value")
        if key in self._values:
            raise InvalidInput(f"smt: key {key} is already in the tree")
        siblings, node = self._walk(key)
        if node != 0:  # another key's leaf: push both down until their bits differ
            other = self._leaves[node][0]
            while _bit(other, len(siblings)) == _bit(key, len(siblings)):
                siblings.append(0)
            siblings.append(node)
        new = self._add_leaf(key, value)
        self._replace_path(key, siblings, new)

    def update(self, key: int, value: int) -> None:
        """Sets the value of a present ``key``; :class:`~masa_zk.errors.InvalidInput` if absent.

        >>> t = SparseMerkleTree.from_items([(1, 2)])
        >>> t.update(1, 3); t.get(1)
        3
        """
        key = field_int(key, "smt: key")
        value = field_int(value, "smt: value")
        if key not in self._values:
            raise InvalidInput(f"smt: key {key} is not in the tree")
        siblings, node = self._walk(key)
        del self._leaves[node]
        self._replace_path(key, siblings, self._add_leaf(key, value))

    def delete(self, key: int) -> None:
        """Removes a present ``key``; :class:`~masa_zk.errors.InvalidInput` if absent.

        >>> t = SparseMerkleTree.from_items([(1, 2), (3, 4)])
        >>> t.delete(3); t.root == SparseMerkleTree.from_items([(1, 2)]).root
        True
        """
        key = field_int(key, "smt: key")
        if key not in self._values:
            raise InvalidInput(f"smt: key {key} is not in the tree")
        siblings, node = self._walk(key)
        del self._leaves[node]
        del self._values[key]
        self._replace_path(key, siblings, 0)

    def _add_leaf(self, key: int, value: int) -> int:
        node = leaf_hash(key, value)
        self._leaves[node] = (key, value)
        self._values[key] = value
        return node

    def _replace_path(self, key: int, siblings: list[int], node: int) -> None:
        """Puts ``node`` at depth len(siblings) on ``key``'s path and hashes up to a new
        root, dropping the old path's branches. A branch whose children are a leaf (or 0)
        and 0 would not be there in a compact tree: it collapses to that child, which is
        how a leaf moves up after a delete (never the case for insert and update)."""
        cur, depth = self._root, 0
        while cur in self._branches:  # the old path's branches go
            left, right = self._branches.pop(cur)
            cur = right if _bit(key, depth) else left
            depth += 1
        for i in range(len(siblings) - 1, -1, -1):
            sib = siblings[i]
            terminal = node == 0 or node in self._leaves
            if terminal and (sib == 0 or (node == 0 and sib in self._leaves)):
                node = node or sib
                continue
            pair = (sib, node) if _bit(key, i) else (node, sib)
            node = node_hash(*pair)
            self._branches[node] = pair
        self._root = node

    @classmethod
    def from_items(cls, items: Iterable[tuple[int, int]]) -> SparseMerkleTree:
        """A tree holding ``items`` (key, value pairs; keys distinct), built in one pass:
        the leaves hashed in one native batch, then each branch once.

        >>> a = SparseMerkleTree.from_items([(1, 2), (3, 4)])
        >>> b = SparseMerkleTree(); b.insert(3, 4); b.insert(1, 2)
        >>> a.root == b.root
        True
        """
        tree = cls()
        pairs = [(field_int(k, "smt: key"), field_int(v, "smt: value")) for k, v in items]
        for k, v in pairs:
            if k in tree._values:
                raise InvalidInput(f"smt: key {k} appears twice")
            tree._values[k] = v
        if not pairs:
            return tree
        hashes = poseidon_batch([[k, v, 1] for k, v in pairs])
        by_key: dict[int, int] = {}  # key -> leaf node
        for (k, v), h in zip(pairs, hashes, strict=True):
            tree._leaves[h] = (k, v)
            by_key[k] = h
        tree._root = tree._build(sorted(by_key), by_key, 0)
        return tree

    def _build(self, keys: list[int], by_key: dict[int, int], depth: int) -> int:
        if not keys:
            return 0
        if len(keys) == 1:
            return by_key[keys[0]]
        left = [k for k in keys if not _bit(k, depth)]
        right = [k for k in keys if _bit(k, depth)]
        pair = (self._build(left, by_key, depth + 1), self._build(right, by_key, depth + 1))
        node = node_hash(*pair)
        self._branches[node] = pair
        return node

    def to_json(self) -> str:
        """The tree as a JSON document (see the module docstring for the layout).

        >>> SparseMerkleTree.from_items([(1, 2)]).to_json()[:48]
        '{"type": "masa-zk/smt", "version": 1, "hash": "p'
        """
        doc = {
            "type": JSON_TYPE,
            "version": JSON_VERSION,
            "hash": "poseidon",
            "root": str(self._root),
            "leaves": [[str(k), str(v)] for k, v in self.items()],
        }
        return json.dumps(doc)

    @classmethod
    def from_json(cls, text: str | bytes) -> SparseMerkleTree:
        """The tree of a :meth:`to_json` document; :class:`~masa_zk.errors.InvalidEncoding`
        when the document is malformed, a number is not a canonical decimal field
        element, a key repeats, or the leaves do not give the stated root.

        >>> SparseMerkleTree.from_json(SparseMerkleTree().to_json()).root
        0
        """
        try:
            doc: Any = json.loads(text)
        except (ValueError, UnicodeDecodeError) as e:
            raise InvalidEncoding(f"smt: not JSON: {e}") from None
        if not isinstance(doc, dict):
            raise InvalidEncoding("smt: expected a JSON object")
        if doc.get("type") != JSON_TYPE or doc.get("version") != JSON_VERSION:
            raise InvalidEncoding(f"smt: expected type {JSON_TYPE!r} version {JSON_VERSION}")
        if doc.get("hash") != "poseidon":
            raise InvalidEncoding("smt: unsupported hash (expected 'poseidon')")
        leaves = doc.get("leaves")
        if not isinstance(leaves, list):
            raise InvalidEncoding("smt: 'leaves' must be a list")
        pairs = []
        for entry in leaves:
            if not (isinstance(entry, list) and len(entry) == 2):
                raise InvalidEncoding("smt: each leaf must be a [key, value] pair")
            pairs.append((_decimal(entry[0], "key"), _decimal(entry[1], "value")))
        root = _decimal(doc.get("root"), "root")
        try:
            tree = cls.from_items(pairs)
        except InvalidInput as e:
            raise InvalidEncoding(str(e)) from None
        if tree.root != root:
            raise InvalidEncoding("smt: the leaves do not give the stated root")
        return tree


def _decimal(v: object, what: str) -> int:
    """A field element written as a canonical decimal string."""
    if not isinstance(v, str) or not v.isascii() or not v.isdigit() or v != str(int(v)):
        raise InvalidEncoding(f"smt: {what} must be a canonical decimal string")
    x = int(v)
    if x >= R:
        raise InvalidEncoding(f"smt: {what} must lie in [0, r)")
    return x
