"""snarkjs powers-of-tau ``.ptau`` files (phase 1 of a Groth16 ceremony).

The native core reads them from a memory map and checks the header (BN254), the size of
every section, the contribution records and, on request, every point (canonical
coordinates, on the curve, G2 subgroup). A ``.ptau`` prepared with ``snarkjs powersoftau
prepare phase2`` (sections 12-15, the Lagrange basis) feeds
:func:`masa_zk.formats.setup_from_ptau`.

>>> info = read_ptau("pot12_final.ptau")  # doctest: +SKIP
>>> info.power, info.prepared  # doctest: +SKIP
(12, True)
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from masa_zk import _ffi

__all__ = ["PtauInfo", "read_ptau"]


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
