"""Groth16 provers side by side: ours, snarkjs, groth16py and (when given) rapidsnark.

Every prover proves the same circom circuit from the same ``.zkey`` and ``.wtns``, each in
its own process (as a user runs it: start, load the key, prove, write ``proof.json``),
interleaved A B C A B C ... and timed by wall clock with the peak RSS of that process
(``wait4``). Every proof is checked with ``snarkjs groth16 verify``. The circuits are
Poseidon(2) chains plus a chain of multiplications, sized to about 2^16 and 2^18
constraints (circom ``--O2``); the key comes from our single-party setup, written as a
``.zkey`` that snarkjs, groth16py and rapidsnark all read.

Run: ``.venv/bin/python benches/prove_compare.py [--log2 16 18] [--reps 3]
[--rapidsnark PATH | env RAPIDSNARK_PROVER] [--results benches/RESULTS.md] [--json]``.
Needs ``npm ci`` (circom2, snarkjs) and ``pip install groth16py`` (the ``bench`` extra);
a prover that is not installed is skipped and said so. Material is cached in
``benches/.cache``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
NODE_BIN = ROOT / "node_modules" / ".bin"
CACHE = ROOT / "benches" / ".cache"

CIRCOM_SOURCE = """pragma circom 2.0.0;
include "circomlib/poseidon.circom";
// {hashes} Poseidon(2) hashes and {muls} multiplications, chained.
template Bench(hashes, muls) {{
    signal input x;
    signal output y;
    component h[hashes];
    signal acc[hashes + 1];
    acc[0] <== x;
    for (var i = 0; i < hashes; i++) {{
        h[i] = Poseidon(2);
        h[i].inputs[0] <== acc[i];
        h[i].inputs[1] <== i;
        acc[i + 1] <== h[i].out;
    }}
    signal m[muls + 1];
    m[0] <== acc[hashes];
    for (var i = 0; i < muls; i++) {{
        m[i + 1] <== m[i] * m[i] + i;
    }}
    y <== m[muls];
}}
component main = Bench({hashes}, {muls});
"""


def sizes(log2: int) -> tuple[int, int]:
    """Hashes and multiplications for about 2^log2 - 2^(log2-4) constraints (room for the
    public rows in the same power-of-two domain): 3/4 Poseidon, 1/4 multiplications."""
    target = (1 << log2) - (1 << (log2 - 4))
    hashes = target * 3 // 4 // 240
    return hashes, target - 240 * hashes


@dataclass
class Run:
    wall_s: float
    peak_rss_mib: float


TIME = shutil.which("time") or "/usr/bin/time"


def timed(cmd: list[str], cwd: Path) -> Run:
    """Runs ``cmd`` to completion under ``/usr/bin/time``: wall time (measured here) and
    the peak RSS of that process alone (``wait4`` on a child forked from this process
    would also count the pages it shared with us before ``exec``)."""
    t = time.perf_counter()
    p = subprocess.run([TIME, "-f", "MAXRSS_KB=%M", *cmd], cwd=cwd, capture_output=True, text=True)
    wall = time.perf_counter() - t
    if p.returncode != 0:
        raise RuntimeError(f"{cmd[0]} failed:\n{p.stdout}\n{p.stderr}")
    kb = int(p.stderr.rsplit("MAXRSS_KB=", 1)[1].split()[0])
    return Run(wall, kb / 1024)


def material(log2: int) -> dict[str, Path]:
    """The circuit (r1cs, wasm), a witness and a key for a 2^log2-class circuit, cached."""
    hashes, muls = sizes(log2)
    work = CACHE / f"bench_{log2}_{hashes}_{muls}"
    files = {
        "r1cs": work / "bench.r1cs",
        "wasm": work / "bench_js" / "bench.wasm",
        "wtns": work / "bench.wtns",
        "zkey": work / "bench.zkey",
        "vkey": work / "verification_key.json",
    }
    if all(f.exists() for f in files.values()):
        return files
    work.mkdir(parents=True, exist_ok=True)
    lib = work / "circomlib"
    if not lib.exists():
        shutil.copytree(ROOT / "node_modules" / "circomlib" / "circuits", lib)
    (work / "bench.circom").write_text(CIRCOM_SOURCE.format(hashes=hashes, muls=muls))
    subprocess.run(
        [str(NODE_BIN / "circom2"), "bench.circom", "--r1cs", "--wasm", "--O2", "-o", "."],
        cwd=work,
        check=True,
        capture_output=True,
    )
    (work / "input.json").write_text(json.dumps({"x": "7"}))
    subprocess.run(
        [
            str(NODE_BIN / "snarkjs"),
            "wtns",
            "calculate",
            "bench_js/bench.wasm",
            "input.json",
            "bench.wtns",
        ],
        cwd=work,
        check=True,
        capture_output=True,
    )
    # The key: a single-party setup (a ceremony's prepare phase2 takes minutes at 2^16 and
    # changes nothing in proving), written as a .zkey every prover reads.
    from masa_zk import groth16
    from masa_zk.formats import write_zkey

    pk, vk = groth16.setup_r1cs(files["r1cs"])
    write_zkey(pk, files["zkey"])
    files["vkey"].write_text(json.dumps(vk.to_json(), indent=1))
    return files


def provers(rapidsnark: str | None) -> dict[str, list[str] | None]:
    """The command of each prover (``{zkey} {wtns} {proof} {public}`` filled in later), or
    None when it is not installed here."""
    try:
        import groth16py  # noqa: F401

        g16py = [
            sys.executable,
            "-c",
            "import sys, groth16py; pk, _ = groth16py.import_zkey(sys.argv[1]);"
            "open(sys.argv[3], 'wb').write(groth16py.prove_wtns(pk, sys.argv[2]))",
            "{zkey}",
            "{wtns}",
            "{proof}",
        ]
    except ImportError:
        g16py = None
    return {
        "masa-zk": [
            sys.executable,
            "-m",
            "masa_zk",
            "groth16",
            "prove",
            "{zkey}",
            "{wtns}",
            "{proof}",
            "{public}",
        ],
        "snarkjs": [
            str(NODE_BIN / "snarkjs"),
            "groth16",
            "prove",
            "{zkey}",
            "{wtns}",
            "{proof}",
            "{public}",
        ],
        "groth16py": g16py,
        "rapidsnark": [rapidsnark, "{zkey}", "{wtns}", "{proof}", "{public}"]
        if rapidsnark
        else None,
    }


def measure(log2: int, reps: int, rapidsnark: str | None) -> dict[str, Any]:
    files = material(log2)
    work = files["zkey"].parent
    cmds = provers(rapidsnark)
    runs: dict[str, list[Run]] = {name: [] for name, cmd in cmds.items() if cmd}
    for rep in range(reps):
        for name, cmd in cmds.items():
            if not cmd:
                continue
            proof, public = work / f"proof_{name}.json", work / f"public_{name}.json"
            subst = {"zkey": files["zkey"], "wtns": files["wtns"], "proof": proof, "public": public}
            runs[name].append(timed([a.format(**subst) for a in cmd], work))
            if rep == 0 and name != "groth16py":  # groth16py writes proof bytes, not JSON
                subprocess.run(
                    [
                        str(NODE_BIN / "snarkjs"),
                        "groth16",
                        "verify",
                        str(files["vkey"]),
                        str(public),
                        str(proof),
                    ],
                    check=True,
                    capture_output=True,
                )
    from masa_zk.formats import R1CS

    n_constraints = R1CS.from_file(files["r1cs"]).n_constraints
    out: dict[str, Any] = {"log2": log2, "constraints": n_constraints, "provers": {}}
    for name, rs in runs.items():
        out["provers"][name] = {
            "wall_s": round(statistics.median(r.wall_s for r in rs), 3),
            "peak_rss_mib": round(max(r.peak_rss_mib for r in rs), 1),
        }
    ours = out["provers"]["masa-zk"]["wall_s"]
    for v in out["provers"].values():
        v["ours_vs_this"] = round(ours / v["wall_s"], 3)
    return out


def table(rows: list[dict[str, Any]]) -> str:
    lines = [
        "| constraints | prover | wall s | peak RSS MiB | masa-zk time / this |",
        "|---:|---|---:|---:|---:|",
    ]
    for row in rows:
        for name, v in row["provers"].items():
            lines.append(
                f"| {row['constraints']} | {name} | {v['wall_s']} | {v['peak_rss_mib']} | "
                f"{v['ours_vs_this']} |"
            )
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--log2", type=int, nargs="+", default=[16, 18])
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--rapidsnark", default=os.environ.get("RAPIDSNARK_PROVER"))
    ap.add_argument("--results", type=Path, help="write the table into this Markdown file")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    rows = [measure(k, args.reps, args.rapidsnark) for k in args.log2]
    if args.json:
        print(json.dumps(rows, indent=2))
    else:
        print(table(rows))
    if args.results:
        machine = subprocess.run(["uname", "-srm"], capture_output=True, text=True).stdout.strip()
        args.results.write_text(
            "# Prover benchmark results\n\nWritten by `benches/prove_compare.py` "
            f"({time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {os.cpu_count()} cores, "
            f"{machine}); medians of {args.reps} interleaved runs, each prover in its own "
            "process from the same `.zkey` and `.wtns`.\n\n" + table(rows) + "\n"
        )


if __name__ == "__main__":
    main()
