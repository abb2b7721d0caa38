"""The ``masa-zk`` command line.

Subcommands of this release:

* ``masa-zk version`` — the package and native-core versions and the thread count;
* ``masa-zk smoke [--json] [--log-size K]`` — exercises every primitive of the native core on
  fresh random inputs, checks each result against an independent identity, and prints the
  timings (the foundation's own smoke run; ``make demo`` runs it until the demo lands);
* ``masa-zk demo`` — the end-to-end demo; in this release the smoke run;
* ``masa-zk circuit info [--json] <module:Class>`` — constraints, wires, inputs and the cost
  per gadget scope of a DSL circuit;
* ``masa-zk circuit compile [--sym] <module:Class> <out.r1cs>`` — the circom ``.r1cs`` file;
* ``masa-zk circuit witness [--public P] <module:Class> <input.json> <out.wtns>`` — the circom
  ``.wtns`` witness for a circom-style ``input.json`` (names → ints or decimal strings, arrays
  as lists); ``--public`` also writes snarkjs' ``public.json``.

* ``masa-zk groth16 setup|prove|fullprove|verify …`` and ``masa-zk zkey
  contribute|verify|export …`` — snarkjs's commands, same arguments and files
  (:mod:`masa_zk.cli_snarkjs`).

``module:Class`` names a dotted module path (importable from the current directory) or a
path to a ``.py`` file, and a :class:`~masa_zk.circuit.Circuit` subclass in it.

Exit status: 0 on success, 1 when a check failed or the inputs do not satisfy the
circuit, 2 on bad usage or bad input.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import json
import os
import secrets
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from masa_zk.circuit import ConstraintSystem


@dataclass
class _Step:
    name: str
    ok: bool
    seconds: float
    detail: str = ""


@dataclass
class _Report:
    steps: list[_Step] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(s.ok for s in self.steps)

    def run(self, name: str, fn: Callable[[], tuple[bool, str]], quiet: bool) -> None:
        t0 = time.perf_counter()
        try:
            ok, detail = fn()
        except Exception as exc:  # a smoke run reports failures, it does not crash
            ok, detail = False, f"{type(exc).__name__}: {exc}"
        step = _Step(name, ok, time.perf_counter() - t0, detail)
        self.steps.append(step)
        if not quiet:
            mark = "ok  " if ok else "FAIL"
            print(f"  [{mark}] {name:<44} {step.seconds * 1e3:9.2f} ms  {detail}", flush=True)

    def as_json(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "steps": [
                {"name": s.name, "ok": s.ok, "seconds": s.seconds, "detail": s.detail}
                for s in self.steps
            ],
        }


def _smoke(log_size: int, quiet: bool) -> _Report:
    import numpy as np

    from masa_zk import (
        G1,
        G2,
        FftDomain,
        Fr,
        G1Bases,
        babyjubjub,
        pairing,
        pairing_check,
        poseidon,
        poseidon_batch,
    )
    from masa_zk.eddsa import PrivateKey

    rep = _Report()
    n = 1 << log_size
    g1, g2 = G1.generator(), G2.generator()

    def pairing_bilinear() -> tuple[bool, str]:
        a, b = Fr.random(), Fr.random()
        lhs = pairing(g1 * a, g2 * b)
        rhs = pairing(g1, g2) ** int(a * b)
        return lhs == rhs, "e(aP, bQ) == e(P, Q)^(ab)"

    def pairing_product() -> tuple[bool, str]:
        a, b = Fr.random(), Fr.random()
        ok = pairing_check([(g1 * a, g2 * b), (-(g1 * (a * b)), g2)])
        bad = pairing_check([(g1 * a, g2 * b), (-(g1 * (a * b + 1)), g2)])
        return ok and not bad, "e(aP,bQ)·e(-abP,Q) == 1, and != 1 when tampered"

    scalars = [secrets.randbelow(Fr.MODULUS) for _ in range(n)]

    def msm() -> tuple[bool, str]:
        ks = [secrets.randbelow(Fr.MODULUS) for _ in range(n)]
        got = G1Bases.from_generator_mul(ks).msm(scalars)
        want = g1 * (sum(k * s for k, s in zip(ks, scalars, strict=True)) % Fr.MODULUS)
        return got == want, f"n = {n}: Σ s_i·(k_i·G) == (Σ s_i k_i)·G"

    def fft() -> tuple[bool, str]:
        dom = FftDomain(n)
        evals = dom.fft(scalars)
        x = dom.elements()[1]
        naive = sum(c * pow(x, i, Fr.MODULUS) for i, c in enumerate(scalars)) % Fr.MODULUS
        back = dom.ifft(evals)
        return evals[1] == naive and back == scalars, f"n = {n}: f(ω) naive, ifft∘fft = id"

    def hashing() -> tuple[bool, str]:
        rows = np.array([[i, i + 1] for i in range(256)], dtype=object)
        batch = poseidon_batch([[int(a), int(b)] for a, b in rows])
        single = [poseidon([int(a), int(b)]) for a, b in rows]
        known = poseidon([1, 2])
        # circomlibjs: poseidon([1, 2])
        want = 7853200120776062878684798364095072458815029376092732009249414926327459813530
        return batch == single and known == want, "batch == single; poseidon([1,2]) as circomlibjs"

    def signatures() -> tuple[bool, str]:
        key = PrivateKey.generate()
        msg = secrets.randbelow(Fr.MODULUS)
        sig = key.sign(msg)
        pub = key.public_key()
        ok = pub.verify(msg, sig) and not pub.verify((msg + 1) % Fr.MODULUS, sig)
        return ok, "sign/verify; tampered message rejected"

    def jubjub() -> tuple[bool, str]:
        k = secrets.randbelow(babyjubjub.SUBGROUP_ORDER)
        p = babyjubjub.base8() * k
        ok = babyjubjub.Point.from_bytes(p.to_bytes()) == p and (p + (-p)).is_identity()
        return ok, "pack/unpack; P + (-P) = O"

    if not quiet:
        print(f"masa-zk smoke run (n = 2^{log_size})", flush=True)
    rep.run("pairing: bilinearity", pairing_bilinear, quiet)
    rep.run("pairing: product check", pairing_product, quiet)
    rep.run("G1 MSM", msm, quiet)
    rep.run("FFT / iFFT", fft, quiet)
    rep.run("Poseidon", hashing, quiet)
    rep.run("Baby Jubjub", jubjub, quiet)
    rep.run("EdDSA-Poseidon", signatures, quiet)
    return rep


def _cmd_version(_: argparse.Namespace) -> int:
    from masa_zk import __version__, native_version, num_threads

    print(f"masa-zk {__version__} (native core {native_version()}, {num_threads()} threads)")
    return 0


def _cmd_smoke(args: argparse.Namespace) -> int:
    rep = _smoke(args.log_size, quiet=args.json)
    if args.json:
        print(json.dumps(rep.as_json(), indent=2))
    else:
        passed = sum(s.ok for s in rep.steps)
        print(f"{passed}/{len(rep.steps)} checks passed")
    return 0 if rep.ok else 1


def _load_circuit(spec: str) -> ConstraintSystem:
    """Import ``module:Class`` (a dotted module or a ``.py`` path) and compile the class."""
    from masa_zk.circuit import Circuit, compile
    from masa_zk.errors import InvalidInput

    mod_name, sep, cls_name = spec.rpartition(":")
    if not sep or not mod_name or not cls_name:
        raise InvalidInput(f"expected <module:Class> or <file.py:Class>, got {spec!r}")
    try:
        if mod_name.endswith(".py") or os.sep in mod_name or "/" in mod_name:
            if not os.path.isfile(mod_name):
                raise InvalidInput(f"no such file: {mod_name}")
            name = "_masa_zk_circuit_" + os.path.splitext(os.path.basename(mod_name))[0]
            file_spec = importlib.util.spec_from_file_location(name, mod_name)
            if file_spec is None or file_spec.loader is None:
                raise InvalidInput(f"cannot import {mod_name}")
            module = importlib.util.module_from_spec(file_spec)
            # its own directory first, so that it can import its sibling modules
            sys.path.insert(0, os.path.dirname(os.path.abspath(mod_name)))
            sys.modules[name] = module
            file_spec.loader.exec_module(module)
        else:
            if "" not in sys.path and os.getcwd() not in sys.path:
                sys.path.insert(0, os.getcwd())  # as `python -m` does
            module = importlib.import_module(mod_name)
    except InvalidInput:
        raise
    except ImportError as exc:
        raise InvalidInput(f"cannot import {mod_name}: {exc}") from None
    except Exception as exc:  # an error while running the author's module
        raise InvalidInput(f"importing {mod_name} failed: {type(exc).__name__}: {exc}") from None
    cls = getattr(module, cls_name, None)
    if cls is None:
        raise InvalidInput(f"{mod_name} has no attribute {cls_name!r}")
    if not (isinstance(cls, type) and issubclass(cls, Circuit)):
        raise InvalidInput(f"{spec} is not a Circuit subclass")
    try:
        return compile(cls)
    except InvalidInput:
        raise
    except Exception as exc:  # a bug in the author's define, reported without a traceback
        raise InvalidInput(f"compiling {spec} failed: {type(exc).__name__}: {exc}") from None


def _cmd_circuit_info(args: argparse.Namespace) -> int:
    cs = _load_circuit(args.circuit)
    stats = cs.stats()
    costs = dict(sorted(cs.cost_by_scope().items(), key=lambda kv: (-kv[1], kv[0])))
    if args.json:
        print(json.dumps({"circuit": cs.name, **stats, "cost_by_scope": costs}, indent=2))
        return 0
    print(f"circuit {cs.name} ({args.circuit})")
    for key in ("constraints", "wires", "public_inputs", "private_inputs"):
        print(f"  {key.replace('_', ' ') + ':':<17} {stats[key]}")
    print(f"  {'internal wires:':<17} {stats['internal_wires']} ({stats['hint_wires']} from hints)")
    print("cost by scope (constraints):")
    for scope, n in costs.items():
        print(f"  {scope or '(top level)':<30} {n}")
    return 0


def _cmd_circuit_compile(args: argparse.Namespace) -> int:
    cs = _load_circuit(args.circuit)
    cs.write_r1cs(args.out, sym=args.sym)
    print(
        f"wrote {args.out}: {cs.num_constraints} constraints, {cs.num_wires} wires, "
        f"{cs.num_public_inputs} public inputs, {cs.num_private_inputs} private inputs"
    )
    return 0


def _cmd_circuit_witness(args: argparse.Namespace) -> int:
    from masa_zk.errors import InvalidInput

    cs = _load_circuit(args.circuit)
    try:
        with open(args.input, encoding="utf-8") as f:
            inputs = json.load(f)
    except json.JSONDecodeError as exc:
        raise InvalidInput(f"{args.input} is not valid JSON: {exc}") from None
    w = cs.witness(inputs)
    w.write_wtns(args.out)
    if args.public is not None:
        with open(args.public, "w", encoding="utf-8") as f:
            json.dump([str(v) for v in w.public], f)  # snarkjs' public.json
    print(f"wrote {args.out}: {len(w)} wires, public inputs {[str(v) for v in w.public]}")
    return 0


def _cmd_circuit(args: argparse.Namespace) -> int:
    from masa_zk.errors import InvalidInput, UnsatisfiedConstraint

    try:
        code: int = args.circuit_fn(args)
    except (InvalidInput, OSError) as exc:
        print(f"masa-zk: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 2
    except UnsatisfiedConstraint as exc:  # the inputs do not satisfy the circuit
        print(f"masa-zk: UnsatisfiedConstraint: {exc}", file=sys.stderr)
        return 1
    return code


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="masa-zk", description=__doc__.splitlines()[0])
    sub = p.add_subparsers(dest="command", required=True)
    sub.add_parser("version", help="print versions").set_defaults(fn=_cmd_version)
    for name, help_ in (("smoke", "smoke-run the native core"), ("demo", "run the demo")):
        s = sub.add_parser(name, help=help_)
        s.add_argument("--json", action="store_true", help="print a machine-readable report")
        s.add_argument("--log-size", type=int, default=12, help="MSM/FFT size as log2 (default 12)")
        s.set_defaults(fn=_cmd_smoke)
    c = sub.add_parser("circuit", help="inspect, compile and run DSL circuits (circom formats)")
    csub = c.add_subparsers(dest="circuit_command", required=True)
    spec_help = "a dotted module path or a .py file, and a Circuit subclass in it"
    info = csub.add_parser("info", help="constraints, wires, inputs and cost per gadget scope")
    info.add_argument("circuit", metavar="module:Class", help=spec_help)
    info.add_argument("--json", action="store_true", help="print a machine-readable report")
    info.set_defaults(fn=_cmd_circuit, circuit_fn=_cmd_circuit_info)
    comp = csub.add_parser("compile", help="write the circom .r1cs file")
    comp.add_argument("circuit", metavar="module:Class", help=spec_help)
    comp.add_argument("out", metavar="out.r1cs")
    comp.add_argument("--sym", action="store_true", help="also write the .sym file (wire names)")
    comp.set_defaults(fn=_cmd_circuit, circuit_fn=_cmd_circuit_compile)
    wit = csub.add_parser("witness", help="compute the witness and write the circom .wtns file")
    wit.add_argument("circuit", metavar="module:Class", help=spec_help)
    wit.add_argument("input", metavar="input.json", help="circom-style inputs: names to values")
    wit.add_argument("out", metavar="out.wtns")
    wit.add_argument("--public", metavar="public.json", help="also write the public inputs")
    wit.set_defaults(fn=_cmd_circuit, circuit_fn=_cmd_circuit_witness)
    from masa_zk.cli_snarkjs import register

    register(sub)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``masa-zk`` console script.

    >>> main(["version"])  # doctest: +ELLIPSIS
    masa-zk 0.1.0 (native core 0.1.0, ... threads)
    0
    """
    args = _parser().parse_args(argv)
    if getattr(args, "log_size", 1) not in range(1, 21):
        print("masa-zk: --log-size must be in 1..20", file=sys.stderr)
        return 2
    code: int = args.fn(args)
    return code


if __name__ == "__main__":
    sys.exit(main())
