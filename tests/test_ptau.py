"""Reading snarkjs .ptau files (npm snarkjs ceremony of power 8): facts, what setup needs
(prepared file, enough power), and malformed files raising typed errors."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
from bn254_ref import g2_point_outside_subgroup
from formats_ref import r1cs_file
from zkey_ref import POWER, Q, ceremony, fq_to_lem, replace, section

from masa_zk.errors import InvalidEncoding, InvalidInput, NotInSubgroup, NotOnCurve
from masa_zk.formats import read_ptau, setup_from_ptau


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return ceremony(tmp_path_factory.getbasetemp())


def small_r1cs(m: int) -> bytes:
    """m constraints x_i * x_i = x_{i+1} (wire 1 public output)."""
    cons = [([(2 + i, 1)], [(2 + i, 1)], [(3 + i, 1)]) for i in range(m)]
    return r1cs_file(m + 3, 1, 0, 1, cons)


def test_facts(files: tuple[Path, Path]) -> None:
    prepared, raw = files
    assert read_ptau(prepared) == read_ptau(prepared, check_points=False)
    info = read_ptau(prepared)
    assert (info.power, info.ceremony_power, info.n_contributions, info.prepared) == (
        POWER,
        POWER,
        1,
        True,
    )
    assert read_ptau(raw).prepared is False


def test_setup_needs_prepared_file_and_power(files: tuple[Path, Path]) -> None:
    prepared, raw = files
    with pytest.raises(InvalidInput, match="Lagrange"):
        setup_from_ptau(small_r1cs(3), raw)
    # 2^8 - 1 rows fit (m + nPublic = 255 < 256); one more needs 2^9.
    setup_from_ptau(small_r1cs(2**POWER - 2), prepared)
    with pytest.raises(InvalidInput, match="too big"):
        setup_from_ptau(small_r1cs(2**POWER - 1), prepared)


def test_malformed(files: tuple[Path, Path], tmp_path: Path) -> None:
    data = files[0].read_bytes()
    bad = tmp_path / "bad.ptau"

    def read(b: bytes, check: bool = True) -> object:
        bad.write_bytes(b)
        return read_ptau(bad, check_points=check)

    for n in list(range(0, 200)) + list(range(200, len(data), 4099)):
        with pytest.raises(InvalidEncoding):
            read(data[:n])
    with pytest.raises(InvalidEncoding, match="magic"):
        read(b"ptaX" + data[4:])
    h, _ = section(data, 1)
    with pytest.raises(InvalidInput, match="bn128"):
        read(replace(data, h + 4, (Q + 1).to_bytes(32, "little")))
    with pytest.raises(InvalidEncoding, match="power"):
        read(replace(data, h + 36, struct.pack("<I", 29)))
    # A point of tauG1 off the curve: found by a full check; the fast open skips points.
    t, _ = section(data, 2)
    off_curve = replace(data, t + 64 * 5, fq_to_lem(1) + fq_to_lem(1))
    with pytest.raises(NotOnCurve):
        read(off_curve)
    read(off_curve, check=False)
    # A tauG2 point outside the subgroup.
    x, y = g2_point_outside_subgroup()
    g2 = b"".join(fq_to_lem(int(c)) for c in (*x.coeffs, *y.coeffs))
    t3, _ = section(data, 3)
    with pytest.raises(NotInSubgroup):
        read(replace(data, t3 + 128 * 3, g2))
    # A Lagrange point used by a setup is checked even on the fast path.
    t12, _ = section(data, 12)
    bad.write_bytes(replace(data, t12 + 64 * 7, fq_to_lem(1) + fq_to_lem(1)))
    with pytest.raises(NotOnCurve):
        setup_from_ptau(small_r1cs(5), bad)
