"""circom/snarkjs file formats: ``.r1cs`` constraint systems, ``.wtns`` witnesses,
Groth16 ``.zkey`` proving keys, ``.ptau`` powers of tau, and circom's witness ``.wasm``
run in-process (:class:`CircomWitnessCalculator`).

Files are parsed and validated by the native core (magic, version, sections, sizes, the
BN254 scalar field, canonical values); malformed files raise
:class:`~masa_zk.errors.InvalidEncoding`, unsupported ones
:class:`~masa_zk.errors.InvalidInput` — never a crash.

>>> r = R1CS(n_wires=4, n_pub_out=1, n_prv_in=2, constraints=[({2: 1}, {3: 1}, {1: 1})])
>>> r.check(wtns_from_bytes(wtns_to_bytes([1, 33, 3, 11])))
"""

from __future__ import annotations

from masa_zk.formats.circom_wasm import CircomWitnessCalculator
from masa_zk.formats.ptau import (
    PtauContribution,
    PtauInfo,
    ptau_beacon,
    ptau_contribute,
    ptau_new,
    ptau_prepare_phase2,
    ptau_verify,
    read_ptau,
)
from masa_zk.formats.r1cs import R1CS, Constraint, LinearCombination
from masa_zk.formats.wtns import (
    Witness,
    read_wtns,
    read_wtns_array,
    write_wtns,
    wtns_from_bytes,
    wtns_to_bytes,
)
from masa_zk.formats.zkey import (
    Contribution,
    ZkeyInfo,
    beacon_zkey,
    contribute_zkey,
    read_zkey,
    read_zkey_bytes,
    setup_from_ptau,
    verify_zkey,
    write_zkey,
    zkey_bytes,
    zkey_contributions,
    zkey_info,
)

__all__ = [
    "R1CS",
    "CircomWitnessCalculator",
    "Constraint",
    "LinearCombination",
    "Witness",
    "read_wtns",
    "read_wtns_array",
    "write_wtns",
    "wtns_from_bytes",
    "wtns_to_bytes",
]
__all__ += ["PtauContribution", "PtauInfo", "ptau_beacon", "ptau_contribute", "ptau_new"]
__all__ += ["ptau_prepare_phase2", "ptau_verify", "read_ptau"]
__all__ += ["Contribution", "ZkeyInfo", "beacon_zkey", "contribute_zkey", "read_zkey"]
__all__ += ["read_zkey_bytes", "setup_from_ptau", "verify_zkey", "write_zkey", "zkey_bytes"]
__all__ += ["zkey_contributions", "zkey_info"]
