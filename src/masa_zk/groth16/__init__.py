"""Groth16 over BN254: setup, prove, verify and batch verify, interoperable with snarkjs.

- :mod:`.keys`: :class:`ProvingKey` (native, a snarkjs ``.zkey``'s content) and
  :class:`VerifyingKey`;
- :mod:`.proof`: :class:`Proof`;
- :mod:`.protocol`: :func:`setup`, :func:`prove`, :func:`prove_witness`, :func:`verify`,
  :func:`batch_verify` (:class:`BatchResult`);
- :mod:`.snarkjs_json`: the JSON encodings of points and public inputs.

Keys and proofs have compact binary encodings and snarkjs JSON encodings (``proof.json``,
``public.json``, ``verification_key.json``).
"""

from __future__ import annotations

from masa_zk.groth16.keys import ProvingKey, VerifyingKey
from masa_zk.groth16.proof import Proof
from masa_zk.groth16.protocol import (
    BatchResult,
    batch_verify,
    prove,
    prove_witness,
    setup,
    setup_r1cs,
    verify,
)
from masa_zk.groth16.snarkjs_json import public_from_json, public_to_json

__all__ = [
    "BatchResult",
    "Proof",
    "ProvingKey",
    "VerifyingKey",
    "batch_verify",
    "prove",
    "prove_witness",
    "public_from_json",
    "public_to_json",
    "setup",
    "setup_r1cs",
    "verify",
]
