"""Witness generation side by side: our native witness program vs circom's WASM calculator.

The same circuit both ways: a chain of ``n`` Poseidon(2) hashes, ``acc ← Poseidon(acc, i)``
(circomlib's ``Poseidon(2)`` compiled by circom2 to ``.wasm``; ours written in the DSL).
Both witnesses are checked to end in the same hash. circom's calculator is timed inside
one node process (node start and WebAssembly instantiation excluded, the first run
reported apart as "cold"); ours is timed around ``ConstraintSystem.witness`` (inputs in,
checked witness out). Runs are interleaved and medians reported; compile times too.

Run: ``.venv/bin/python benches/witness_compare.py [--hashes 256 1107] [--reps 7] [--json]``
(1107 hashes = 262,359 constraints ≥ 2^18: 237 each, as the constant input folds one
S-box). Needs ``npm ci`` (circom2, circomlib).
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

from masa_zk import poseidon as native_poseidon
from masa_zk.circuit import Circuit, Private, Public, Scalar, compile
from masa_zk.gadgets import poseidon

ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT / "node_modules"

CIRCOM_SOURCE = """pragma circom 2.0.0;
include "circomlib/poseidon.circom";
template Chain(n) {
    signal input x;
    signal output y;
    component h[n];
    signal acc[n + 1];
    acc[0] <== x;
    for (var i = 0; i < n; i++) {
        h[i] = Poseidon(2);
        h[i].inputs[0] <== acc[i];
        h[i].inputs[1] <== i;
        acc[i + 1] <== h[i].out;
    }
    y <== acc[n];
}
component main = Chain(%d);
"""

# Loads the calculator once, then times `reps` witness computations (milliseconds) and
# prints them with the output wire (wire 1: circom puts outputs first).
TIMER_JS = """
const fs = require("fs");
const [dir, input, reps] = [process.argv[2], JSON.parse(process.argv[3]), +process.argv[4]];
const wc = require(dir + "/witness_calculator.js");
(async () => {
  const calc = await wc(fs.readFileSync(dir + "/chain.wasm"));
  const times = [];
  let w;
  for (let i = 0; i < reps; i++) {
    const t = process.hrtime.bigint();
    w = await calc.calculateWitness(input, 0);
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  console.log(JSON.stringify({ times, y: w[1].toString() }));
})();
"""


def chain_circuit(n: int) -> type[Circuit]:
    class PoseidonChain(Circuit):
        x: Private[Scalar]
        y: Public[Scalar]

        def define(self, api: Any) -> None:
            acc = self.x
            for i in range(n):
                acc = poseidon(api, [acc, i])
            api.assert_equal(acc, self.y)

    return PoseidonChain


def circom_build(n: int, work: Path) -> float:
    """Compiles the circom chain to WebAssembly in ``work``; returns the seconds taken."""
    shutil.copytree(NODE_MODULES / "circomlib" / "circuits", work / "circomlib")
    (work / "chain.circom").write_text(CIRCOM_SOURCE % n)
    t = time.perf_counter()
    subprocess.run(
        [str(NODE_MODULES / ".bin" / "circom2"), "chain.circom", "--wasm", "-o", "."],
        cwd=work,
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - t


def circom_witness(work: Path, x: int, reps: int) -> dict[str, Any]:
    (work / "timer.js").write_text(TIMER_JS)
    p = subprocess.run(
        ["node", "timer.js", str(work / "chain_js"), json.dumps({"x": str(x)}), str(reps)],
        cwd=work,
        check=True,
        capture_output=True,
        text=True,
    )
    out: dict[str, Any] = json.loads(p.stdout)
    return out


def measure(n: int, reps: int) -> dict[str, Any]:
    x = 7
    y = x
    for i in range(n):
        y = native_poseidon([y, i])
    t = time.perf_counter()
    cs = compile(chain_circuit(n))
    ours_compile = time.perf_counter() - t
    inputs = {"x": x, "y": y}
    t = time.perf_counter()
    cs.witness(inputs)  # loads the program into the native core
    ours_cold = time.perf_counter() - t
    ours: list[float] = []
    theirs: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        circom_compile = circom_build(n, work)
        cold = None
        for _ in range(reps):  # interleaved: one node process, then ours, each rep
            r = circom_witness(work, x, 4)
            if int(r["y"]) != y:
                raise SystemExit(f"circom's witness ends in {r['y']}, ours in {y}")
            cold = r["times"][0] if cold is None else cold
            theirs.extend(r["times"][1:])  # warm: the JIT has seen the code once
            for _ in range(3):
                t = time.perf_counter()
                w = cs.witness(inputs)
                ours.append((time.perf_counter() - t) * 1e3)
            assert w.public == [y]
    ours_ms, theirs_ms = statistics.median(ours), statistics.median(theirs)
    return {
        "hashes": n,
        "constraints": cs.num_constraints,
        "wires": cs.num_wires,
        "ours_compile_s": round(ours_compile, 2),
        "circom_compile_s": round(circom_compile, 2),
        "ours_witness_first_ms": round(ours_cold * 1e3, 2),
        "ours_witness_ms": round(ours_ms, 2),
        "circom_witness_first_ms": round(cold or 0.0, 2),
        "circom_witness_ms": round(theirs_ms, 2),
        "speedup": round(theirs_ms / ours_ms, 1),
        "constraints_per_s": round(cs.num_constraints / ours_ms * 1e3),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--hashes", type=int, nargs="+", default=[256, 1107])
    ap.add_argument("--reps", type=int, default=7)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    rows = [measure(n, args.reps) for n in args.hashes]
    if args.json:
        print(json.dumps(rows, indent=2))
        return
    print(
        f"{'hashes':>7} {'constraints':>11} | {'compile s':>9} {'circom':>7} | "
        f"{'witness ms':>10} {'circom':>8} {'speedup':>7}"
    )
    for r in rows:
        print(
            f"{r['hashes']:>7} {r['constraints']:>11} | {r['ours_compile_s']:>9} "
            f"{r['circom_compile_s']:>7} | {r['ours_witness_ms']:>10} "
            f"{r['circom_witness_ms']:>8} {r['speedup']:>6}x"
        )


if __name__ == "__main__":
    main()
