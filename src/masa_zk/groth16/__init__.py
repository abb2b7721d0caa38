"""Groth16 over BN254: setup, prove, verify and batch verify, interoperable with snarkjs.

Keys and proofs (:mod:`.keys`) have compact binary encodings and snarkjs JSON encodings
(``proof.json``, ``public.json``, ``verification_key.json``).
"""

from __future__ import annotations

from masa_zk.groth16.keys import ProvingKey

__all__ = ["ProvingKey"]
