"""A committed value is in a Merkle-committed set.

The verifier publishes the ``root`` of a binary Poseidon Merkle tree whose leaves are the
allowed values (say the ISO 3166-1 numeric codes of the countries a service accepts),
padded with 0 to ``2^DEPTH`` leaves. The holder's credential commits to a value::

    commitment = poseidon([value, salt])

and the holder proves that the committed value is a leaf of the tree, revealing neither
the value nor its position.

Why the commitment: the set is public, so "I know a member of the set" alone proves
nothing (anyone can name one). The statement worth proving is about a value someone else
vouched for; here the value is tied to ``commitment`` (which an issuer signs or publishes).

Soundness: the leaves beyond the set are 0, so the circuit states ``value != 0`` (one
constraint: ``value · inverse = 1``); :class:`MerkleTree` refuses 0 as a member. The tree
has a fixed depth, so an inner node cannot pass for a leaf (its path is one level short).

Cost: Poseidon(2) 240 + ``value != 0`` 1 + 8 levels of 242 = **2177** constraints.

Run ``masa-zk circuit info circuits.set_membership:SetMembership`` from the repository root.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence

from masa_zk import Fr, poseidon_batch
from masa_zk import poseidon as native_poseidon
from masa_zk.circuit import Api, Array, Circuit, Private, Public, Scalar
from masa_zk.gadgets import assert_merkle_inclusion, poseidon

#: Tree depth: up to 2^8 = 256 allowed values (ISO 3166-1 has 249 countries).
DEPTH = 8


class SetMembership(Circuit):
    """The value committed in ``commitment`` is a leaf of the tree with ``root``."""

    root: Public[Scalar]
    commitment: Public[Scalar]  # poseidon([value, salt])
    value: Private[Scalar]
    salt: Private[Scalar]
    path_elements: Private[Array[Scalar, DEPTH]]  # the siblings, leaf level first
    path_indices: Private[Array[Scalar, DEPTH]]  # 1 where the node is the right child

    def define(self, api: Api) -> None:
        with api.scope("commitment"):
            api.assert_equal(poseidon(api, [self.value, self.salt]), self.commitment)
        with api.scope("nonzero"):
            api.inverse(self.value)  # padding leaves are 0: 0 is not a member
        assert_merkle_inclusion(api, self.value, self.root, self.path_elements, self.path_indices)


class MerkleTree:
    """The binary Poseidon Merkle tree of ``values`` (outside any circuit).

    Leaves are the values in the order given, padded with 0 to ``2^depth``; a parent is
    ``poseidon([left, right])``, as :func:`masa_zk.gadgets.merkle_root` computes it.

    >>> tree = MerkleTree([276, 250, 380], depth=2)
    >>> elements, indices = tree.path(380)
    >>> indices, elements[0]               # 380 is leaf 2: a left child, its sibling is 0
    ([0, 1], 0)
    >>> tree.root == native_poseidon([native_poseidon([276, 250]), native_poseidon([380, 0])])
    True
    """

    def __init__(self, values: Sequence[int], depth: int = DEPTH) -> None:
        if len(values) > 1 << depth:
            raise ValueError(f"{len(values)} values do not fit in a tree of depth {depth}")
        if len(set(values)) != len(values):
            raise ValueError("values must be distinct")
        for v in values:
            if not 0 < v < Fr.MODULUS:
                raise ValueError(f"values must be in [1, r): 0 pads the tree, got {v}")
        self.depth = depth
        self.index = {v: i for i, v in enumerate(values)}
        level = [*values, *[0] * ((1 << depth) - len(values))]
        self.levels: list[list[int]] = [level]
        while len(level) > 1:
            level = poseidon_batch([level[i : i + 2] for i in range(0, len(level), 2)])
            self.levels.append(level)

    @property
    def root(self) -> int:
        """The root: the public input ``root`` of :class:`SetMembership`."""
        return self.levels[-1][0]

    def path(self, value: int) -> tuple[list[int], list[int]]:
        """``(path_elements, path_indices)`` of ``value``'s leaf, leaf level first."""
        if value not in self.index:
            raise KeyError(f"{value} is not in the set")
        i = self.index[value]
        elements, indices = [], []
        for level in self.levels[:-1]:
            elements.append(level[i ^ 1])
            indices.append(i & 1)
            i >>= 1
        return elements, indices


def inputs(tree: MerkleTree, value: int, salt: int | None = None) -> dict[str, object]:
    """A full input assignment for :class:`SetMembership` (a fresh random salt by default).

    >>> tree = MerkleTree([4, 8, 15, 16, 23, 42])
    >>> i = inputs(tree, 15, salt=1)
    >>> i["root"] == tree.root, i["path_indices"][:2]   # leaf 2: left, then right child
    (True, [0, 1])
    """
    salt = secrets.randbelow(Fr.MODULUS) if salt is None else salt
    elements, indices = tree.path(value)
    return {
        "root": tree.root,
        "commitment": native_poseidon([value, salt]),
        "value": value,
        "salt": salt,
        "path_elements": elements,
        "path_indices": indices,
    }
