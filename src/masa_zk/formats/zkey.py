"""snarkjs Groth16 ``.zkey`` files: read, write, set up from a ``.ptau``, phase 2.

The native core parses keys from a memory map and checks everything (magic, version,
section sizes, the BN254 fields, canonical coordinates, points on the curve and in the
subgroup, coefficient indices): malformed files raise
:class:`~masa_zk.errors.InvalidEncoding`, :class:`~masa_zk.errors.NotOnCurve` or
:class:`~masa_zk.errors.NotInSubgroup`; unsupported ones (PLONK keys, other curves)
:class:`~masa_zk.errors.InvalidInput`.

The snarkjs workflow, natively::

    pk = setup_from_ptau("circuit.r1cs", "pot12_final.ptau")    # snarkjs zkey new
    pk, h = contribute_zkey(pk, name="alice", entropy=b"...")   # snarkjs zkey contribute
    verify_zkey("circuit.r1cs", "pot12_final.ptau", pk)          # snarkjs zkey verify
    write_zkey(pk, "circuit_final.zkey")

``setup_from_ptau`` writes the same bytes as ``snarkjs zkey new``, a key read and written
back is byte-identical, and ``snarkjs zkey verify`` accepts our contributions (and we
accept snarkjs's).

>>> from masa_zk.errors import InvalidEncoding
>>> try:
...     read_zkey_bytes(b"zkey\\x01\\x00\\x00\\x00")
... except InvalidEncoding as e:
...     print("rejected")
rejected
"""

from __future__ import annotations

import os
import struct
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeAlias

from masa_zk import _ffi
from masa_zk.errors import InvalidInput
from masa_zk.formats.r1cs import R1CS
from masa_zk.groth16.keys import ProvingKey

if TYPE_CHECKING:
    from masa_zk.circuit import ConstraintSystem

__all__ = [
    "Contribution",
    "R1CSLike",
    "ZkeyInfo",
    "beacon_zkey",
    "contribute_zkey",
    "read_zkey",
    "read_zkey_bytes",
    "setup_from_ptau",
    "verify_zkey",
    "write_zkey",
    "zkey_bytes",
    "zkey_contributions",
    "zkey_info",
]

#: What the setup functions accept as the circuit: a ``.r1cs`` path, its bytes, an
#: :class:`~masa_zk.formats.R1CS` or a compiled :class:`~masa_zk.circuit.ConstraintSystem`.
R1CSLike: TypeAlias = "str | os.PathLike[str] | bytes | R1CS | ConstraintSystem"


def _handle(pk: ProvingKey) -> Any:
    if not isinstance(pk, ProvingKey):
        raise InvalidInput(f"expected a ProvingKey, got {type(pk).__name__}")
    return pk._handle


def _r1cs_bytes(r1cs: Any) -> bytes:
    if isinstance(r1cs, bytes | bytearray | memoryview):
        return bytes(r1cs)
    if isinstance(r1cs, str | os.PathLike):
        with open(r1cs, "rb") as f:
            return f.read()
    if isinstance(r1cs, R1CS):
        return r1cs.to_bytes()
    to_r1cs = getattr(r1cs, "to_r1cs", None)
    if callable(to_r1cs):
        r = to_r1cs()
        if isinstance(r, R1CS):
            return r.to_bytes()
    raise InvalidInput(
        "r1cs must be a .r1cs path, its bytes, an R1CS or a compiled ConstraintSystem, "
        f"got {type(r1cs).__name__}"
    )


def read_zkey(path: str | os.PathLike[str]) -> ProvingKey:
    """Read a snarkjs Groth16 ``.zkey`` file (memory-mapped, fully validated).

    >>> pk = read_zkey("circuit_final.zkey")  # doctest: +SKIP
    >>> zkey_info(pk).n_public  # doctest: +SKIP
    2
    """
    return ProvingKey(_ffi.zkey_read_file(os.fspath(path)))


def read_zkey_bytes(data: bytes) -> ProvingKey:
    """Parse ``.zkey`` bytes held in memory (see :func:`read_zkey`).

    >>> read_zkey_bytes(open("circuit.zkey", "rb").read())  # doctest: +SKIP
    ProvingKey(...)
    """
    return ProvingKey(_ffi.zkey_read(bytes(data)))


def zkey_bytes(pk: ProvingKey) -> bytes:
    """The ``.zkey`` bytes of a key, laid out as snarkjs lays them out (version 1;
    ``zkey new``'s section order before any contribution, id order after).

    >>> zkey_bytes(read_zkey("a.zkey")) == open("a.zkey", "rb").read()  # doctest: +SKIP
    True
    """
    return _ffi.zkey_write(_handle(pk))


def write_zkey(pk: ProvingKey, path: str | os.PathLike[str]) -> None:
    """Write a key as a ``.zkey`` file that snarkjs (prove, export, verify) accepts.

    A key from a local setup (no ceremony) gets an empty phase-2 section (zero circuit
    hash, no contributions).

    >>> write_zkey(pk, "circuit.zkey")  # doctest: +SKIP
    """
    _ffi.zkey_write_file(_handle(pk), os.fspath(path))


@dataclass(frozen=True)
class ZkeyInfo:
    """Sizes and ceremony state of a key."""

    #: Wires including wire 0 (snarkjs ``nVars``).
    n_vars: int
    #: Public signals (outputs then public inputs).
    n_public: int
    #: The FFT domain size (a power of two > constraints + public signals).
    domain_size: int
    #: Entries of the A/B coefficient section.
    n_coefficients: int
    #: BLAKE2b-512 circuit hash from ``zkey new`` (zero bytes for a local setup key).
    cs_hash: bytes
    #: Phase-2 contributions recorded in the key.
    n_contributions: int


def zkey_info(pk: ProvingKey) -> ZkeyInfo:
    """Sizes, circuit hash and number of contributions of a key.

    >>> info = zkey_info(setup_from_ptau("c.r1cs", "pot.ptau"))  # doctest: +SKIP
    >>> info.n_contributions  # doctest: +SKIP
    0
    """
    h = _handle(pk)
    n_vars, n_public, domain, n_coef = _ffi.zkey_sizes(h)
    mpc = _ffi.zkey_mpc(h)
    cs_hash = mpc[:64] if mpc else bytes(64)
    n_contrib = struct.unpack_from("<I", mpc, 64)[0] if mpc else 0
    return ZkeyInfo(n_vars, n_public, domain, n_coef, cs_hash, n_contrib)


def setup_from_ptau(r1cs: R1CSLike, ptau: str | os.PathLike[str]) -> ProvingKey:
    """Groth16 setup from a powers-of-tau file: snarkjs ``zkey new``.

    ``ptau`` must have gone through ``powersoftau prepare phase2`` and have a power of at
    least log2 of the circuit's domain. The key equals snarkjs's byte for byte. Phase 2
    has not started (delta is the generator): anyone could forge proofs until at least
    one honest :func:`contribute_zkey`.

    >>> pk = setup_from_ptau("circuit.r1cs", "pot12_final.ptau")  # doctest: +SKIP
    """
    return ProvingKey(_ffi.zkey_setup_from_ptau(_r1cs_bytes(r1cs), os.fspath(ptau)))


@dataclass(frozen=True)
class Contribution:
    """One verified phase-2 contribution."""

    name: str
    #: "contribution" or "beacon".
    kind: str
    #: The 64-byte hash snarkjs prints for it (BLAKE2b-512 of its public key).
    hash: bytes

    @property
    def hash_hex(self) -> str:
        """The hash as hex."""
        return self.hash.hex()


def _decode_contributions(data: bytes) -> list[Contribution]:
    out = []
    pos = 0
    while pos < len(data):
        (kind,) = struct.unpack_from("<I", data, pos)
        h = data[pos + 4 : pos + 68]
        n = data[pos + 68]
        name = data[pos + 69 : pos + 69 + n].decode("utf-8", errors="replace")
        pos += 69 + n
        out.append(Contribution(name, "beacon" if kind == 1 else "contribution", h))
    return out


def contribute_zkey(
    pk: ProvingKey, name: str = "", entropy: bytes | str = b""
) -> tuple[ProvingKey, bytes]:
    """A phase-2 contribution (snarkjs ``zkey contribute``): returns the new key and the
    contribution hash to publish.

    The secret comes from the OS CSPRNG mixed with ``entropy`` exactly as snarkjs mixes
    them (BLAKE2b, then ChaCha20) and is dropped afterwards. ``name`` is stored in the key
    (cut to 64 characters).

    >>> pk2, h = contribute_zkey(pk, name="alice", entropy="dice rolls")  # doctest: +SKIP
    """
    e = entropy.encode("utf-8") if isinstance(entropy, str) else bytes(entropy)
    h, digest = _ffi.zkey_contribute(_handle(pk), name, e)
    return ProvingKey(h), digest


def beacon_zkey(
    pk: ProvingKey, beacon_hash: bytes, num_iterations_exp: int, name: str = ""
) -> tuple[ProvingKey, bytes]:
    """A public random-beacon contribution (snarkjs ``zkey beacon``): deterministic, the
    same key snarkjs computes for the same beacon. ``beacon_hash`` has 1-255 bytes and
    SHA-256 is iterated 2^``num_iterations_exp`` times (10 ≤ exp ≤ 63).

    >>> pk3, h = beacon_zkey(pk2, bytes.fromhex("0102"), 10, name="final")  # doctest: +SKIP
    """
    if not isinstance(num_iterations_exp, int) or not 10 <= num_iterations_exp <= 63:
        raise InvalidInput("num_iterations_exp must be an int in 10..63")
    h, digest = _ffi.zkey_beacon(_handle(pk), name, bytes(beacon_hash), num_iterations_exp)
    return ProvingKey(h), digest


def verify_zkey(
    r1cs: R1CSLike, ptau: str | os.PathLike[str], pk: ProvingKey | str | os.PathLike[str]
) -> list[Contribution]:
    """snarkjs ``zkey verify``: check that ``pk`` is ``zkey new`` of this circuit and ptau
    followed by valid contributions. Returns the contributions; raises
    :class:`~masa_zk.errors.InvalidProof` naming the first failed check.

    >>> [c.name for c in verify_zkey("c.r1cs", "pot.ptau", "c_final.zkey")]  # doctest: +SKIP
    ['alice', 'final']
    """
    key = pk if isinstance(pk, ProvingKey) else read_zkey(pk)
    data = _ffi.zkey_verify(_r1cs_bytes(r1cs), os.fspath(ptau), _handle(key))
    return _decode_contributions(data)


def zkey_contributions(pk: ProvingKey) -> list[Contribution]:
    """The contributions recorded in a key, checked as a chain on their own (transcripts,
    proofs of knowledge, beacons); :func:`verify_zkey` also checks them against the
    circuit and the ptau.

    >>> zkey_contributions(read_zkey("c_final.zkey"))[0].kind  # doctest: +SKIP
    'contribution'
    """
    return _decode_contributions(_ffi.zkey_contributions(_handle(pk)))
