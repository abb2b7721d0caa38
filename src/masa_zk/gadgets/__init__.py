"""Gadgets: reusable pieces of circuits, built only on the public DSL ``api``.

Each gadget documents its cost in constraints (tests assert it). Modules:
:mod:`.bits` (``to_bits``, ``to_bits_strict``, ``from_bits``, ``range_check``,
``assert_bits_le``), :mod:`.comparators` (``lt``, ``le``, ``gt``, ``ge`` and the
``assert_*`` forms, which range-check both inputs), :mod:`.poseidon` (``poseidon``, the
same function as :func:`masa_zk.poseidon`), :mod:`.merkle` (binary Poseidon Merkle
inclusion: ``merkle_root``, ``assert_merkle_inclusion``), :mod:`.smt` (sparse Merkle
trees of :class:`masa_zk.SparseMerkleTree`: ``assert_smt_membership``,
``assert_smt_non_membership``, ``smt_proof_inputs``), :mod:`.babyjubjub` (Baby Jubjub
points: ``point_add``, ``point_double``, ``point_select``, ``assert_on_curve``,
``assert_not_small_order``, ``scalar_mul_fixed``, ``scalar_mul``), :mod:`.eddsa`
(``assert_eddsa_poseidon``, circomlib's ``EdDSAPoseidonVerifier``) and :mod:`.elgamal`
(``elgamal_encrypt``, exponential ElGamal on Baby Jubjub).

>>> from masa_zk.circuit import Circuit, Private, Public, Scalar, compile
>>> from masa_zk.gadgets import ge
>>> class Adult(Circuit):
...     threshold: Public[Scalar]
...     age: Private[Scalar]
...     def define(self, api):
...         api.assert_equal(ge(api, self.age, self.threshold, 8), 1)
>>> cs = compile(Adult)
>>> cs.num_constraints, cs.witness({"threshold": 18, "age": 30}).public  # 3·8 + 1, + 1 equality
(26, [18])
"""

from __future__ import annotations

from masa_zk.gadgets.babyjubjub import (
    assert_not_small_order,
    assert_on_curve,
    point_add,
    point_double,
    point_select,
    scalar_mul,
    scalar_mul_fixed,
)
from masa_zk.gadgets.bits import assert_bits_le, from_bits, range_check, to_bits, to_bits_strict
from masa_zk.gadgets.comparators import (
    assert_ge,
    assert_gt,
    assert_le,
    assert_lt,
    ge,
    gt,
    le,
    lt,
)
from masa_zk.gadgets.eddsa import EDDSA_POSEIDON_COST, assert_eddsa_poseidon
from masa_zk.gadgets.elgamal import elgamal_encrypt
from masa_zk.gadgets.merkle import MERKLE_LEVEL_COST, assert_merkle_inclusion, merkle_root
from masa_zk.gadgets.poseidon import poseidon, poseidon_cost
from masa_zk.gadgets.smt import (
    SMT_LEVEL_COST,
    assert_smt_membership,
    assert_smt_non_membership,
    smt_membership_cost,
    smt_non_membership_cost,
    smt_proof_inputs,
)

__all__ = [
    "EDDSA_POSEIDON_COST",
    "MERKLE_LEVEL_COST",
    "SMT_LEVEL_COST",
    "assert_bits_le",
    "assert_eddsa_poseidon",
    "assert_ge",
    "assert_gt",
    "assert_le",
    "assert_lt",
    "assert_merkle_inclusion",
    "assert_not_small_order",
    "assert_on_curve",
    "assert_smt_membership",
    "assert_smt_non_membership",
    "elgamal_encrypt",
    "from_bits",
    "ge",
    "gt",
    "le",
    "lt",
    "merkle_root",
    "point_add",
    "point_double",
    "point_select",
    "poseidon",
    "poseidon_cost",
    "range_check",
    "scalar_mul",
    "scalar_mul_fixed",
    "smt_membership_cost",
    "smt_non_membership_cost",
    "smt_proof_inputs",
    "to_bits",
    "to_bits_strict",
]
