"""The snarkjs-named commands of ``masa-zk``: ``groth16 …`` and ``zkey …``.

Same names, arguments and files as snarkjs, so circom users switch without relearning:

* ``groth16 setup <circuit.r1cs> <powers.ptau> <circuit.zkey>``
* ``groth16 prove <circuit.zkey> <witness.wtns> <proof.json> <public.json>``
* ``groth16 fullprove <input.json> <circuit.wasm> <circuit.zkey> <proof.json> <public.json>``
  (the witness computed in-process from circom's ``.wasm``; no Node)
* ``groth16 verify <verification_key.json> <public.json> <proof.json>``: prints ``OK`` and
  exits 0 for a valid proof, exits 1 for an invalid one, 2 on bad input
* ``zkey contribute <in.zkey> <out.zkey> --name NAME [--entropy E]``
* ``zkey verify <circuit.r1cs> <powers.ptau> <circuit.zkey>``
* ``zkey export verificationkey <circuit.zkey> <verification_key.json>``
* ``zkey export solidityverifier <circuit.zkey> <verifier.sol>``
* ``zkey export soliditycalldata <public.json> <proof.json>``

Long steps show a progress line on a terminal (:mod:`masa_zk.progress`), nothing when
piped. Errors print ``masa-zk: <message>`` and exit 2 (bad input) or 1 (a failed check).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from masa_zk.errors import InvalidInput, InvalidProof, MasaZKError, UnsatisfiedConstraint
from masa_zk.progress import step


def _fail(e: Exception, code: int) -> int:
    print(f"masa-zk: {e}", file=sys.stderr)
    return code


def _guard(fn: Any) -> Any:
    """Runs a command: typed library errors become messages and exit codes."""

    def run(args: argparse.Namespace) -> int:
        try:
            code: int = fn(args)
            return code
        except (UnsatisfiedConstraint, InvalidProof) as e:
            return _fail(e, 1)
        except (MasaZKError, OSError, ValueError) as e:
            return _fail(e, 2)

    return run


def _read_json(path: str) -> Any:
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except json.JSONDecodeError as e:
        raise InvalidInput(f"{path}: not JSON ({e})") from None


def _write_json(obj: Any, path: str | os.PathLike[str]) -> None:
    with open(path, "w", encoding="utf-8") as f:
        json.dump(obj, f, indent=1)
        f.write("\n")


# --- groth16 ----------------------------------------------------------------------------------


def _groth16_setup(args: argparse.Namespace) -> int:
    from masa_zk.formats import setup_from_ptau, write_zkey

    with step("setup"):
        pk = setup_from_ptau(args.r1cs, args.ptau)
    write_zkey(pk, args.zkey)
    return 0


def _write_proof(proof: Any, public: list[int], proof_path: str, public_path: str) -> None:
    from masa_zk.groth16 import public_to_json

    _write_json(proof.to_json(), proof_path)
    _write_json(public_to_json(public), public_path)


def _groth16_prove(args: argparse.Namespace) -> int:
    from masa_zk.formats import read_wtns_array, read_zkey
    from masa_zk.groth16 import prove_witness

    pk = read_zkey(args.zkey)
    witness = read_wtns_array(args.wtns)
    with step("prove"):
        proof, public = prove_witness(pk, witness)
    _write_proof(proof, public, args.proof, args.public)
    return 0


def _groth16_fullprove(args: argparse.Namespace) -> int:
    from masa_zk.formats import CircomWitnessCalculator, read_zkey
    from masa_zk.groth16 import prove_witness

    inputs = _read_json(args.input)
    with step("witness"):
        words = CircomWitnessCalculator(args.wasm).witness_words(inputs)
    pk = read_zkey(args.zkey)
    with step("prove"):
        proof, public = prove_witness(pk, words)
    _write_proof(proof, public, args.proof, args.public)
    return 0


def _groth16_verify(args: argparse.Namespace) -> int:
    from masa_zk.groth16 import Proof, VerifyingKey, public_from_json, verify

    vk = VerifyingKey.from_json(_read_json(args.vkey))
    public = public_from_json(_read_json(args.public))
    proof = Proof.from_json(_read_json(args.proof))
    if verify(vk, public, proof):
        print("OK")
        return 0
    print("INVALID proof", file=sys.stderr)
    return 1


# --- zkey -------------------------------------------------------------------------------------


def _zkey_contribute(args: argparse.Namespace) -> int:
    from masa_zk.formats import contribute_zkey, read_zkey, write_zkey

    pk = read_zkey(args.zkey_in)
    with step("contribute"):
        out = contribute_zkey(pk, args.name, entropy=args.entropy)
    write_zkey(out, args.zkey_out)
    return 0


def _zkey_verify(args: argparse.Namespace) -> int:
    from masa_zk.formats import verify_zkey

    with step("verify"):
        ok = verify_zkey(args.r1cs, args.ptau, args.zkey)
    if ok:
        print("ZKey OK")
        return 0
    print("INVALID zkey", file=sys.stderr)
    return 1


def _zkey_export_vk(args: argparse.Namespace) -> int:
    from masa_zk.formats import read_zkey

    _write_json(read_zkey(args.zkey).verifying_key().to_json(), args.out)
    return 0


def _zkey_export_solidity(args: argparse.Namespace) -> int:
    from masa_zk.formats import read_zkey
    from masa_zk.solidity import solidity_verifier

    vk = read_zkey(args.zkey).verifying_key().to_json()
    Path(args.out).write_text(solidity_verifier(vk), encoding="utf-8")
    return 0


def _zkey_export_calldata(args: argparse.Namespace) -> int:
    from masa_zk.solidity import solidity_calldata

    print(solidity_calldata(_read_json(args.proof), _read_json(args.public)))
    return 0


def register(sub: Any) -> None:
    """Adds the ``groth16`` and ``zkey`` command groups to the top-level subparsers."""
    g = sub.add_parser("groth16", help="Groth16 setup, prove, fullprove, verify (snarkjs names)")
    gs = g.add_subparsers(dest="groth16_command", required=True)
    p = gs.add_parser("setup", help="a .zkey from a circom .r1cs and a prepared .ptau")
    p.add_argument("r1cs", metavar="circuit.r1cs")
    p.add_argument("ptau", metavar="powers.ptau")
    p.add_argument("zkey", metavar="circuit.zkey")
    p.set_defaults(fn=_guard(_groth16_setup))
    p = gs.add_parser("prove", help="a proof from a .zkey and a .wtns")
    for a in ("zkey", "wtns", "proof", "public"):
        p.add_argument(
            a, metavar={"zkey": "circuit.zkey", "wtns": "witness.wtns"}.get(a, a + ".json")
        )
    p.set_defaults(fn=_guard(_groth16_prove))
    p = gs.add_parser("fullprove", help="witness (circom .wasm, in-process) and proof")
    p.add_argument("input", metavar="input.json")
    p.add_argument("wasm", metavar="circuit.wasm")
    p.add_argument("zkey", metavar="circuit.zkey")
    p.add_argument("proof", metavar="proof.json")
    p.add_argument("public", metavar="public.json")
    p.set_defaults(fn=_guard(_groth16_fullprove))
    p = gs.add_parser("verify", help="OK and exit 0 for a valid proof, exit 1 otherwise")
    p.add_argument("vkey", metavar="verification_key.json")
    p.add_argument("public", metavar="public.json")
    p.add_argument("proof", metavar="proof.json")
    p.set_defaults(fn=_guard(_groth16_verify))

    z = sub.add_parser("zkey", help="phase-2 contributions and exports of .zkey files")
    zs = z.add_subparsers(dest="zkey_command", required=True)
    p = zs.add_parser("contribute", help="add a phase-2 contribution")
    p.add_argument("zkey_in", metavar="in.zkey")
    p.add_argument("zkey_out", metavar="out.zkey")
    p.add_argument("--name", required=True, help="the contributor's name (in the transcript)")
    p.add_argument("--entropy", default="", help="extra entropy mixed with the OS CSPRNG")
    p.set_defaults(fn=_guard(_zkey_contribute))
    p = zs.add_parser("verify", help="check a .zkey against its circuit and ptau")
    p.add_argument("r1cs", metavar="circuit.r1cs")
    p.add_argument("ptau", metavar="powers.ptau")
    p.add_argument("zkey", metavar="circuit.zkey")
    p.set_defaults(fn=_guard(_zkey_verify))
    e = zs.add_parser("export", help="verification key, Solidity verifier, calldata")
    es = e.add_subparsers(dest="export_command", required=True)
    p = es.add_parser("verificationkey", help="verification_key.json (as snarkjs writes it)")
    p.add_argument("zkey", metavar="circuit.zkey")
    p.add_argument("out", metavar="verification_key.json")
    p.set_defaults(fn=_guard(_zkey_export_vk))
    p = es.add_parser("solidityverifier", help="a Solidity verifier contract")
    p.add_argument("zkey", metavar="circuit.zkey")
    p.add_argument("out", metavar="verifier.sol")
    p.set_defaults(fn=_guard(_zkey_export_solidity))
    p = es.add_parser("soliditycalldata", help="verifyProof arguments, as snarkjs prints them")
    p.add_argument("public", metavar="public.json")
    p.add_argument("proof", metavar="proof.json")
    p.set_defaults(fn=_guard(_zkey_export_calldata))
