"""masa-zk: zero-knowledge proofs for privacy-preserving data networks.

A pure-Python API over a Rust native core: BN254 arithmetic, MSM and FFT, Poseidon,
Baby Jubjub and EdDSA-Poseidon (this release), then the circuit DSL, Groth16, zkSBT access
passes and homomorphic aggregation.
"""

from __future__ import annotations

from masa_zk import babyjubjub, circuit, eddsa, errors, formats, gadgets, groth16, solidity
from masa_zk._ffi import num_threads
from masa_zk._ffi import version as native_version
from masa_zk.bn254 import (
    G1,
    G2,
    GT,
    Fr,
    G1Bases,
    G2Bases,
    msm_g1,
    msm_g2,
    pairing,
    pairing_check,
    pairing_product,
)
from masa_zk.fft import FftDomain
from masa_zk.formats import (
    R1CS,
    read_ptau,
    read_wtns,
    read_zkey,
    setup_from_ptau,
    verify_zkey,
    write_wtns,
    write_zkey,
)
from masa_zk.hashing import poseidon, poseidon_batch
from masa_zk.smt import SmtProof, SparseMerkleTree

__version__ = "0.1.0"

__all__ = ["__version__", "errors", "native_version", "num_threads"]
__all__ += ["G1", "G2", "GT", "Fr", "G1Bases", "G2Bases", "msm_g1", "msm_g2"]
__all__ += ["pairing", "pairing_check", "pairing_product"]
__all__ += ["FftDomain", "babyjubjub", "eddsa", "poseidon", "poseidon_batch"]
__all__ += ["R1CS", "formats", "read_wtns", "write_wtns"]
__all__ += ["circuit"]
__all__ += ["read_ptau", "read_zkey", "setup_from_ptau", "verify_zkey", "write_zkey"]
__all__ += ["gadgets"]
__all__ += ["SmtProof", "SparseMerkleTree"]
__all__ += ["groth16", "solidity"]
