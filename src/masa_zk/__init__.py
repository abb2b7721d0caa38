"""masa-zk: zero-knowledge proofs for privacy-preserving data networks.

A pure-Python API over a Rust native core: BN254 arithmetic, MSM and FFT, Poseidon,
Baby Jubjub and EdDSA-Poseidon (this release), then the circuit DSL, Groth16, zkSBT access
passes and homomorphic aggregation.
"""

from __future__ import annotations

from masa_zk import babyjubjub, eddsa, errors
from masa_zk._ffi import num_threads
from masa_zk._ffi import version as native_version
from masa_zk.poseidon import poseidon, poseidon_batch

__version__ = "0.1.0"

__all__ = [
    "__version__",
    "babyjubjub",
    "eddsa",
    "errors",
    "native_version",
    "num_threads",
    "poseidon",
    "poseidon_batch",
]
