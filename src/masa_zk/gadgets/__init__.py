"""Gadgets: reusable circuit pieces with documented, tested costs."""

from __future__ import annotations

from masa_zk.gadgets.merkle import assert_merkle_inclusion, merkle_root
from masa_zk.gadgets.poseidon import poseidon, poseidon_cost

__all__ = ["assert_merkle_inclusion", "merkle_root", "poseidon", "poseidon_cost"]
