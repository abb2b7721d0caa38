""".zkey benchmarks: setup from a .ptau (snarkjs ``zkey new``), reading and writing keys, a
phase-2 contribution and ``zkey verify``, on a Poseidon-like circuit (multiplications with
large constant coefficients, as circom's Poseidon has).

The ptau comes from ``MASA_ZK_PTAU`` (a prepared file; its power sets the largest size run)
or is made by the native ceremony at power 10 (once per session).

Run: ``.venv/bin/python -m pytest benches/test_bench_zkey.py --benchmark-enable``
(``MASA_ZK_PTAU=pot16.ptau`` for 2^16 keys).
"""

from __future__ import annotations

import os
import sys
from functools import cache
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from formats_ref import R, r1cs_file

from masa_zk.formats import (
    contribute_zkey,
    ptau_contribute,
    ptau_new,
    ptau_prepare_phase2,
    read_ptau,
    read_zkey,
    setup_from_ptau,
    verify_zkey,
    write_zkey,
    zkey_bytes,
)


@pytest.fixture(scope="session")
def ptau(tmp_path_factory: pytest.TempPathFactory) -> Path:
    env = os.environ.get("MASA_ZK_PTAU")
    if env:
        return Path(env)
    d = tmp_path_factory.mktemp("ptau")
    ptau_new(10, d / "p0.ptau")
    ptau_contribute(d / "p0.ptau", d / "p1.ptau", "a", "b")
    ptau_prepare_phase2(d / "p1.ptau", d / "p.ptau")
    return d / "p.ptau"


@cache
def circuit(m: int) -> bytes:
    """m constraints (x_i + c_i·x_{i-1}) * x_i = x_{i+1}; c_i large constants; 1 public."""
    cons = []
    for i in range(m):
        c = pow(7, i + 100, R)
        cons.append(([(2 + i, 1), (1 + i, c)], [(2 + i, 1)], [(3 + i, 1)]))
    return r1cs_file(m + 3, 1, 0, 1, cons)


def sizes(ptau: Path) -> list[int]:
    power = read_ptau(ptau, check_points=False).power
    return [k for k in (10, 12, 14, 16, 18) if k <= power]


@pytest.mark.parametrize("log_n", [10, 12, 14, 16, 18])
def test_setup_from_ptau(benchmark, ptau: Path, log_n: int) -> None:
    if log_n not in sizes(ptau):
        pytest.skip("ptau too small")
    r1cs = circuit((1 << log_n) - 2)
    benchmark.pedantic(setup_from_ptau, args=(r1cs, ptau), rounds=1, iterations=1)


@pytest.mark.parametrize("log_n", [10, 12, 14, 16, 18])
def test_read_write(benchmark, ptau: Path, log_n: int, tmp_path: Path) -> None:
    if log_n not in sizes(ptau):
        pytest.skip("ptau too small")
    path = tmp_path / "k.zkey"
    write_zkey(setup_from_ptau(circuit((1 << log_n) - 2), ptau), path)
    benchmark.extra_info["bytes"] = path.stat().st_size
    benchmark.pedantic(read_zkey, args=(path,), rounds=3, iterations=1)
    pk = read_zkey(path)
    assert zkey_bytes(pk) == path.read_bytes()


@pytest.mark.parametrize("log_n", [10, 14, 16])
def test_contribute_verify(benchmark, ptau: Path, log_n: int) -> None:
    if log_n not in sizes(ptau):
        pytest.skip("ptau too small")
    r1cs = circuit((1 << log_n) - 2)
    pk, _ = contribute_zkey(setup_from_ptau(r1cs, ptau), "bench", "e")
    benchmark.pedantic(verify_zkey, args=(r1cs, ptau, pk), rounds=1, iterations=1)
