"""Independent references for the .r1cs/.wtns tests: a plain-Python encoder of the iden3
binary layout (written from FORMATS.md, not from our native writer), a plain-Python
constraint evaluator, and runners for snarkjs / circom2 from the repository's node_modules."""

from __future__ import annotations

import json
import re
import struct
import subprocess
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / "node_modules" / ".bin"
R = 21888242871839275222246405745257275088548364400416034343698204186575808495617

Lc = list[tuple[int, int]]


def section(sid: int, payload: bytes) -> bytes:
    return struct.pack("<IQ", sid, len(payload)) + payload


def container(magic: bytes, version: int, sections: list[bytes]) -> bytes:
    return magic + struct.pack("<II", version, len(sections)) + b"".join(sections)


def fe(x: int) -> bytes:
    return x.to_bytes(32, "little")


def r1cs_header(
    n_wires: int, out: int, pub: int, prv: int, labels: int, m: int, prime: int = R
) -> bytes:
    return (
        struct.pack("<I", 32)
        + fe(prime)
        + struct.pack("<IIIIQI", n_wires, out, pub, prv, labels, m)
    )


def lc_bytes(lc: Lc) -> bytes:
    return struct.pack("<I", len(lc)) + b"".join(struct.pack("<I", w) + fe(c) for w, c in lc)


def r1cs_file(
    n_wires: int,
    out: int,
    pub: int,
    prv: int,
    constraints: list[tuple[Lc, Lc, Lc]],
    labels: list[int] | None = None,
    n_labels: int | None = None,
) -> bytes:
    """A .r1cs file exactly as circom lays it out: sections 2, 1, 3 (terms already sorted)."""
    labels = list(range(n_wires)) if labels is None else labels
    n_labels = n_wires if n_labels is None else n_labels
    body = b"".join(lc_bytes(a) + lc_bytes(b) + lc_bytes(c) for a, b, c in constraints)
    return container(
        b"r1cs",
        1,
        [
            section(2, body),
            section(1, r1cs_header(n_wires, out, pub, prv, n_labels, len(constraints))),
            section(3, b"".join(struct.pack("<Q", x) for x in labels)),
        ],
    )


def wtns_file(values: list[int], version: int = 2, prime: int = R) -> bytes:
    return container(
        b"wtns",
        version,
        [
            section(1, struct.pack("<I", 32) + fe(prime) + struct.pack("<I", len(values))),
            section(2, b"".join(fe(v) for v in values)),
        ],
    )


def evaluate(constraints: list[tuple[Lc, Lc, Lc]], w: list[int]) -> int | None:
    """First constraint index with <a,w>*<b,w> != <c,w> (mod r), or None."""
    for i, (a, b, c) in enumerate(constraints):
        va, vb, vc = (sum(k * w[j] for j, k in lc) % R for lc in (a, b, c))
        if va * vb % R != vc:
            return i
    return None


def run(tool: str, *args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run a node_modules binary (snarkjs, circom2); colours stripped from the output."""
    p = subprocess.run(
        [str(BIN / tool), *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
    )
    p.stdout = re.sub(r"\x1b\[[0-9;]*m", "", p.stdout)
    p.stderr = re.sub(r"\x1b\[[0-9;]*m", "", p.stderr)
    return p


def snarkjs_r1cs_info(path: Path) -> dict[str, int]:
    p = run("snarkjs", "r1cs", "info", path)
    assert p.returncode == 0, p.stdout + p.stderr
    return {m[0]: int(m[1]) for m in re.findall(r"# of ([A-Za-z ]+): (\d+)", p.stdout)}


def snarkjs_export_json(kind: str, src: Path, dst: Path) -> Any:
    p = run("snarkjs", kind, "export", "json", src, dst)
    assert p.returncode == 0, p.stdout + p.stderr
    return json.loads(dst.read_text())
