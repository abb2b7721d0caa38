"""snarkjs powers-of-tau ``.ptau`` files (phase 1 of a Groth16 ceremony): reading, and
the ceremony itself natively (``new``, ``contribute``, ``beacon``, ``prepare phase2``,
``verify``), file-compatible with snarkjs both ways.

The native core reads them from a memory map and checks the header (BN254), the size of
every section, the contribution records and, on request, every point (canonical
coordinates, on the curve, G2 subgroup). A ``.ptau`` prepared with ``snarkjs powersoftau
prepare phase2`` (sections 12-15, the Lagrange basis) feeds
:func:`masa_zk.formats.setup_from_ptau`.

>>> import tempfile, os
>>> d = tempfile.mkdtemp()
>>> ptau_new(3, os.path.join(d, "p0.ptau"))
>>> h = ptau_contribute(os.path.join(d, "p0.ptau"), os.path.join(d, "p1.ptau"), "me", "dice")
>>> ptau_prepare_phase2(os.path.join(d, "p1.ptau"), os.path.join(d, "final.ptau"))
>>> info = read_ptau(os.path.join(d, "final.ptau"))
>>> info.power, info.n_contributions, info.prepared
(3, 1, True)
>>> [c.name for c in ptau_verify(os.path.join(d, "final.ptau"))]
['me']
"""

from __future__ import annotations

import os
import struct
from dataclasses import dataclass

from masa_zk import _ffi

__all__ = [
    "PtauContribution",
    "PtauInfo",
    "ptau_beacon",
    "ptau_contribute",
    "ptau_new",
    "ptau_prepare_phase2",
    "ptau_verify",
    "read_ptau",
]

_Path = str | os.PathLike[str]


@dataclass(frozen=True)
class PtauInfo:
    """What a ``.ptau`` file holds."""

    #: Circuits up to 2^power constraints (+ public signals) can be set up from it.
    power: int
    #: The power the ceremony ran at (larger than ``power`` after ``truncate``).
    ceremony_power: int
    #: Phase-1 contributions recorded in the file.
    n_contributions: int
    #: Whether the Lagrange sections 12-15 are present (``prepare phase2`` was run).
    prepared: bool


def read_ptau(path: str | os.PathLike[str], check_points: bool = True) -> PtauInfo:
    """Open and validate a ``.ptau`` file. With ``check_points`` (the default) every
    point is decoded and checked; otherwise only the header, the section sizes and the
    contribution records (fast on large files; points are still checked when a setup
    uses them).

    >>> read_ptau("pot12_final.ptau").prepared  # doctest: +SKIP
    True
    """
    power, ceremony, n, prepared = _ffi.ptau_info(os.fspath(path), check_points)
    return PtauInfo(power, ceremony, n, prepared)


def ptau_new(power: int, path: _Path) -> None:
    """Start a ceremony (snarkjs ``powersoftau new bn128 <power>``): every point is the
    generator; the same bytes as snarkjs. Circuits up to 2^power rows.

    >>> ptau_new(10, "pot10_0000.ptau")  # doctest: +SKIP
    """
    if not isinstance(power, int) or not 1 <= power <= 27:
        from masa_zk.errors import InvalidInput

        raise InvalidInput("power must be an int in 1..27")
    _ffi.ptau_new(power, os.fspath(path))


def ptau_contribute(src: _Path, dst: _Path, name: str = "", entropy: bytes | str = b"") -> bytes:
    """Contribute to a ceremony (snarkjs ``powersoftau contribute``): secrets from the OS
    CSPRNG mixed with ``entropy`` (as snarkjs mixes them), dropped afterwards. Writes
    ``dst`` (without Lagrange sections) and returns the response hash to publish.

    >>> h = ptau_contribute("pot10_0000.ptau", "pot10_0001.ptau", "alice", "dice")  # doctest: +SKIP
    """
    e = entropy.encode("utf-8") if isinstance(entropy, str) else bytes(entropy)
    return _ffi.ptau_contribute(os.fspath(src), os.fspath(dst), name, e)


def ptau_beacon(
    src: _Path, dst: _Path, beacon_hash: bytes, num_iterations_exp: int, name: str = ""
) -> bytes:
    """A public random-beacon contribution (snarkjs ``powersoftau beacon``): deterministic;
    ``beacon_hash`` has 1-255 bytes, SHA-256 iterated 2^``num_iterations_exp`` times
    (10..63). Returns the response hash.

    >>> ptau_beacon("p1.ptau", "p2.ptau", bytes.fromhex("0102"), 10, "final")  # doctest: +SKIP
    """
    if not isinstance(num_iterations_exp, int) or not 10 <= num_iterations_exp <= 63:
        from masa_zk.errors import InvalidInput

        raise InvalidInput("num_iterations_exp must be an int in 10..63")
    return _ffi.ptau_beacon(
        os.fspath(src), os.fspath(dst), name, bytes(beacon_hash), num_iterations_exp
    )


def ptau_prepare_phase2(src: _Path, dst: _Path) -> None:
    """Add the Lagrange sections a Groth16 setup needs (snarkjs ``powersoftau prepare
    phase2``); the same bytes as snarkjs.

    >>> ptau_prepare_phase2("pot10_0002.ptau", "pot10_final.ptau")  # doctest: +SKIP
    """
    _ffi.ptau_prepare_phase2(os.fspath(src), os.fspath(dst))


@dataclass(frozen=True)
class PtauContribution:
    """One verified phase-1 contribution."""

    name: str
    #: "contribution" or "beacon".
    kind: str
    #: The response hash (known for the last contribution only).
    response_hash: bytes | None


def ptau_verify(path: _Path) -> list[PtauContribution]:
    """Verify a ceremony file (snarkjs ``powersoftau verify``): every contribution's proofs
    of knowledge and chaining, the points against the last contribution, the powers
    structure of every section and the Lagrange sections. Raises
    :class:`~masa_zk.errors.InvalidProof` naming the failed check.

    >>> [c.kind for c in ptau_verify("pot10_final.ptau")]  # doctest: +SKIP
    ['contribution', 'beacon']
    """
    data = _ffi.ptau_verify(os.fspath(path))
    out = []
    pos = 0
    while pos < len(data):
        (kind,) = struct.unpack_from("<I", data, pos)
        pos += 4
        h = None
        if data[pos] == 1:
            h = data[pos + 1 : pos + 65]
            pos += 65
        else:
            pos += 1
        n = data[pos]
        name = data[pos + 1 : pos + 1 + n].decode("utf-8", errors="replace")
        pos += 1 + n
        out.append(PtauContribution(name, "beacon" if kind == 1 else "contribution", h))
    return out
