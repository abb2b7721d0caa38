"""Binary Poseidon Merkle inclusion proofs (the Semaphore / circomlib layout).

A parent is ``poseidon([left, right])``; ``path_indices[i]`` is 1 when the current node
at level ``i`` is the RIGHT child (its sibling ``path_elements[i]`` is on the left), 0
when it is the left child. Level 0 is the leaf's level.

Cost per level: 240 (Poseidon(2), see :mod:`masa_zk.gadgets.poseidon`) + 2 (the index
stated boolean, and one product ``d = s·(sibling - cur)`` shared by the swap
``left = cur + d``, ``right = sibling - d``) = **242**; depth 20: 4840, the final
``assert_equal`` with the root being folded into the last S-box. The same proof in
circom with circomlib (Switcher + Poseidon(2) + the boolean check per level), compiled
by ``circom2 --r1cs``: 4900 non-linear constraints at depth 20 (245 per level) at the
default ``--O1``, 4840 at ``--O2``.

>>> from masa_zk.circuit import Array, Circuit, Private, Public, Scalar, compile
>>> class Member(Circuit):
...     root: Public[Scalar]
...     leaf: Private[Scalar]
...     path: Private[Array[Scalar, 2]]
...     index: Private[Array[Scalar, 2]]
...     def define(self, api):
...         assert_merkle_inclusion(api, self.leaf, self.root, self.path, self.index)
>>> compile(Member).stats()["constraints"]
484
"""

from __future__ import annotations

from collections.abc import Sequence

from masa_zk.circuit.api import Api
from masa_zk.circuit.lc import LinearCombination, Operand
from masa_zk.errors import InvalidInput
from masa_zk.gadgets.poseidon import poseidon

__all__ = ["MERKLE_LEVEL_COST", "assert_merkle_inclusion", "merkle_root"]

#: Constraints per level of :func:`merkle_root` (Poseidon(2) 240 + boolean 1 + swap 1).
MERKLE_LEVEL_COST = 242


def merkle_root(
    api: Api,
    leaf: Operand,
    path_elements: Sequence[Operand],
    path_indices: Sequence[Operand],
) -> LinearCombination:
    """The root reached from ``leaf`` along the path; states every index boolean.

    Costs :data:`MERKLE_LEVEL_COST` (242) constraints per level, inside
    ``api.scope("merkle")`` (levels in ``merkle.level[i]``).

    >>> from masa_zk.circuit import Circuit, Private, Public, Scalar, compile
    >>> from masa_zk import poseidon as native_poseidon
    >>> class OneLevel(Circuit):
    ...     root: Public[Scalar]
    ...     leaf: Private[Scalar]
    ...     sibling: Private[Scalar]
    ...     is_right: Private[Scalar]
    ...     def define(self, api):
    ...         r = merkle_root(api, self.leaf, [self.sibling], [self.is_right])
    ...         api.assert_equal(r, self.root)
    >>> root = native_poseidon([5, 3])  # leaf 3 is the right child of its parent
    >>> _ = compile(OneLevel).witness({"root": root, "leaf": 3, "sibling": 5, "is_right": 1})
    """
    if len(path_elements) != len(path_indices):
        raise InvalidInput(
            f"merkle: {len(path_elements)} path elements but {len(path_indices)} indices"
        )
    cur = api.lc(leaf)
    with api.scope("merkle"):
        for i, (sibling, index) in enumerate(zip(path_elements, path_indices, strict=True)):
            with api.scope(f"level[{i}]"):
                s = api.lc(index)
                sib = api.lc(sibling)
                api.assert_bool(s)
                d = api.mul(s, sib - cur)  # s = 1: swap cur and sibling
                cur = poseidon(api, [cur + d, sib - d])
    return cur


def assert_merkle_inclusion(
    api: Api,
    leaf: Operand,
    root: Operand,
    path_elements: Sequence[Operand],
    path_indices: Sequence[Operand],
) -> None:
    """States that ``leaf`` is in the tree with ``root`` at the position the path gives:
    :func:`merkle_root` then ``assert_equal`` (folded into the last S-box: free).

    >>> from masa_zk.circuit import Circuit, Private, Public, Scalar, compile
    >>> class M(Circuit):
    ...     root: Public[Scalar]
    ...     leaf: Private[Scalar]
    ...     sib: Private[Scalar]
    ...     idx: Private[Scalar]
    ...     def define(self, api):
    ...         assert_merkle_inclusion(api, self.leaf, self.root, [self.sib], [self.idx])
    >>> compile(M).stats()["constraints"]
    242
    """
    api.assert_equal(merkle_root(api, leaf, path_elements, path_indices), root)
