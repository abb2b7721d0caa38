"""Independent references for the .zkey/.ptau tests: snarkjs (npm) ceremonies and setups, a
plain-Python reader of the iden3 section table, and LEM point encoding in pure Python
(written from FORMATS.md §1/§4.1, not from our native code)."""

from __future__ import annotations

import struct
from pathlib import Path

from formats_ref import run

Q = 21888242871839275222246405745257275088696311157297823662689037894645226208583
R_MONT = 2**256
#: Power of the test ceremony: circuits up to 2^8 rows.
POWER = 8


def snarkjs(*args: str | Path, cwd: Path | None = None) -> str:
    """Run snarkjs; fail with its output unless it exits 0."""
    p = run("snarkjs", *args, cwd=cwd)
    assert p.returncode == 0, f"snarkjs {args}: {p.stdout}\n{p.stderr}"
    return p.stdout + p.stderr


def ceremony(base: Path) -> tuple[Path, Path]:
    """A small phase-1 ceremony by snarkjs, made once per test session (cached under
    ``base``): (prepared ptau with sections 12-15, the same ptau before prepare phase2)."""
    d = base / f"ptau{POWER}"
    final, raw = d / "pot_final.ptau", d / "pot_1.ptau"
    if final.exists():
        return final, raw
    d.mkdir(parents=True, exist_ok=True)
    snarkjs("powersoftau", "new", "bn128", str(POWER), d / "pot_0.ptau")
    snarkjs("powersoftau", "contribute", d / "pot_0.ptau", raw, "--name=first", "-e=some entropy")
    snarkjs("powersoftau", "prepare", "phase2", raw, d / "tmp.ptau")
    (d / "tmp.ptau").rename(final)
    return final, raw


def sections(data: bytes) -> dict[int, list[tuple[int, int]]]:
    """Section id -> [(payload offset, size)] of an iden3 binary file."""
    (n,) = struct.unpack_from("<I", data, 8)
    pos = 12
    out: dict[int, list[tuple[int, int]]] = {}
    for _ in range(n):
        sid, size = struct.unpack_from("<IQ", data, pos)
        out.setdefault(sid, []).append((pos + 12, size))
        pos += 12 + size
    return out


def section(data: bytes, sid: int) -> tuple[int, int]:
    (s,) = sections(data)[sid]
    return s


def fq_from_lem(b: bytes) -> int:
    v = int.from_bytes(b, "little")
    assert v < Q
    return v * pow(R_MONT, -1, Q) % Q


def fq_to_lem(x: int) -> bytes:
    return (x * R_MONT % Q).to_bytes(32, "little")


def g1_from_lem(b: bytes) -> tuple[int, int]:
    return fq_from_lem(b[:32]), fq_from_lem(b[32:64])


def g2_from_lem(b: bytes) -> tuple[tuple[int, int], tuple[int, int]]:
    """((x.c0, x.c1), (y.c0, y.c1))."""
    c = [fq_from_lem(b[32 * i : 32 * i + 32]) for i in range(4)]
    return (c[0], c[1]), (c[2], c[3])


def replace(data: bytes, offset: int, new: bytes) -> bytes:
    return data[:offset] + new + data[offset + len(new) :]


CIRCOM_SOURCE = """pragma circom 2.0.0;
template T() {
    signal input a; signal input b; signal input c;
    signal output y; signal output z;
    signal t;
    t <== a * b;
    y <== t * c + 3;
    z <== (a + 7 * b) * (c - 1);
}
component main {public [a]} = T();
"""
