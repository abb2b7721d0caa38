"""The snarkjs-named commands of ``masa-zk``: ``groth16 …``, ``zkey …``, ``powersoftau …``.

Same names, arguments and files as snarkjs, so circom users switch without relearning:

* ``groth16 setup <circuit.r1cs> <powers.ptau> <circuit.zkey>`` (unlike snarkjs, adds one
  phase-2 contribution from the OS CSPRNG: a key without one can be forged with;
  ``--no-contribution`` gives snarkjs's bare ``zkey new``)
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
* ``zkey beacon <in.zkey> <out.zkey> <beaconHash> <numIterationsExp>``
* ``powersoftau new bn128 <power> <out.ptau>``, ``powersoftau contribute <in> <out>
  --name N [--entropy E]``, ``powersoftau beacon <in> <out> <hash> <exp>``,
  ``powersoftau prepare phase2 <in> <out>``, ``powersoftau verify <ptau>``

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
    from masa_zk.formats import contribute_zkey, setup_from_ptau, write_zkey

    with step("setup"):
        pk = setup_from_ptau(args.r1cs, args.ptau)
    if args.no_contribution:
        print(_UNSAFE, file=sys.stderr)
    else:
        # A key with no phase-2 contribution has delta = the generator: anyone can forge
        # proofs with it (Masa's published zkSBT key). Contribute once from the OS CSPRNG.
        with step("contribute"):
            pk, _ = contribute_zkey(pk, "masa-zk groth16 setup")
    write_zkey(pk, args.zkey)
    return 0


_UNSAFE = (
    "masa-zk: WARNING: this key has no phase-2 contribution (delta = the generator): proofs "
    "made with it can be forged. Add one with `masa-zk zkey contribute` before use."
)


def _warn_if_uncontributed(pk: Any) -> None:
    from masa_zk.bn254 import G2

    if pk.verifying_key().delta2 == G2.generator():
        print(_UNSAFE, file=sys.stderr)


def _write_proof(proof: Any, public: list[int], proof_path: str, public_path: str) -> None:
    from masa_zk.groth16 import public_to_json

    _write_json(proof.to_json(), proof_path)
    _write_json(public_to_json(public), public_path)


def _groth16_prove(args: argparse.Namespace) -> int:
    from masa_zk.formats import read_wtns_array, read_zkey
    from masa_zk.groth16 import prove_witness

    pk = read_zkey(args.zkey)
    _warn_if_uncontributed(pk)
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
    _warn_if_uncontributed(pk)
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
        out, digest = contribute_zkey(pk, args.name, entropy=args.entropy)
    write_zkey(out, args.zkey_out)
    print(f"Contribution hash: {_hash_text(digest)}")
    return 0


def _zkey_beacon(args: argparse.Namespace) -> int:
    from masa_zk.formats import beacon_zkey, read_zkey, write_zkey

    pk = read_zkey(args.zkey_in)
    with step("beacon"):
        out, digest = beacon_zkey(pk, _hex(args.beacon), args.exp, name=args.name)
    write_zkey(out, args.zkey_out)
    print(f"Contribution hash: {_hash_text(digest)}")
    return 0


def _zkey_verify(args: argparse.Namespace) -> int:
    from masa_zk.formats import verify_zkey

    with step("verify"):
        contributions = verify_zkey(args.r1cs, args.ptau, args.zkey)
    for i, c in enumerate(contributions, 1):
        print(f"contribution #{i} {c.name or '(no name)'} ({c.kind})")
    print("ZKey OK")
    return 0


def _hash_text(digest: bytes) -> str:
    """snarkjs shows hashes as 4 lines of 4 groups of 8 hex digits."""
    h = digest.hex()
    return "\n\t\t" + "\n\t\t".join(
        " ".join(h[i + 8 * j : i + 8 * j + 8] for j in range(4)) for i in range(0, len(h), 32)
    )


def _hex(text: str) -> bytes:
    try:
        return bytes.fromhex(text.removeprefix("0x"))
    except ValueError:
        raise InvalidInput(f"beacon hash {text!r} is not hex") from None


# --- powersoftau --------------------------------------------------------------------------------


def _ptau_new(args: argparse.Namespace) -> int:
    from masa_zk.formats import ptau_new

    if args.curve not in ("bn128", "bn254"):
        raise InvalidInput(f"curve {args.curve!r}: only bn128 (BN254) is supported")
    with step("new"):
        ptau_new(args.power, args.out)
    return 0


def _ptau_contribute(args: argparse.Namespace) -> int:
    from masa_zk.formats import ptau_contribute

    with step("contribute"):
        digest = ptau_contribute(args.ptau_in, args.ptau_out, args.name, args.entropy)
    print(f"Contribution Response Hash: {_hash_text(digest)}")
    return 0


def _ptau_beacon(args: argparse.Namespace) -> int:
    from masa_zk.formats import ptau_beacon

    with step("beacon"):
        digest = ptau_beacon(args.ptau_in, args.ptau_out, _hex(args.beacon), args.exp, args.name)
    print(f"Contribution Response Hash: {_hash_text(digest)}")
    return 0


def _ptau_prepare(args: argparse.Namespace) -> int:
    from masa_zk.formats import ptau_prepare_phase2

    with step("prepare phase2"):
        ptau_prepare_phase2(args.ptau_in, args.ptau_out)
    return 0


def _ptau_verify(args: argparse.Namespace) -> int:
    from masa_zk.formats import ptau_verify

    with step("verify"):
        contributions = ptau_verify(args.ptau)
    for i, c in enumerate(contributions, 1):
        print(f"contribution #{i} {getattr(c, 'name', '') or '(no name)'}")
    print("Powers of Tau Ok!")
    return 0


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
    p.add_argument(
        "--no-contribution",
        action="store_true",
        help="snarkjs's bare `zkey new` (UNSAFE until someone contributes)",
    )
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
    p = zs.add_parser("beacon", help="a public random-beacon contribution")
    p.add_argument("zkey_in", metavar="in.zkey")
    p.add_argument("zkey_out", metavar="out.zkey")
    p.add_argument("beacon", metavar="beaconHash", help="hex, 1-255 bytes")
    p.add_argument("exp", metavar="numIterationsExp", type=int, help="10..63")
    p.add_argument("--name", default="", help="the contribution's name")
    p.set_defaults(fn=_guard(_zkey_beacon))
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

    t = sub.add_parser("powersoftau", help="phase-1 ceremony (.ptau files snarkjs accepts)")
    ts = t.add_subparsers(dest="ptau_command", required=True)
    p = ts.add_parser("new", help="start a ceremony: powersoftau new bn128 <power> <out.ptau>")
    p.add_argument("curve", choices=["bn128", "bn254"])
    p.add_argument("power", type=int, help="2^power constraints at most (1..28)")
    p.add_argument("out", metavar="out.ptau")
    p.set_defaults(fn=_guard(_ptau_new))
    p = ts.add_parser("contribute", help="add a contribution")
    p.add_argument("ptau_in", metavar="in.ptau")
    p.add_argument("ptau_out", metavar="out.ptau")
    p.add_argument("--name", default="", help="the contributor's name")
    p.add_argument("--entropy", default="", help="extra entropy mixed with the OS CSPRNG")
    p.set_defaults(fn=_guard(_ptau_contribute))
    p = ts.add_parser("beacon", help="a public random-beacon contribution")
    p.add_argument("ptau_in", metavar="in.ptau")
    p.add_argument("ptau_out", metavar="out.ptau")
    p.add_argument("beacon", metavar="beaconHash", help="hex, 1-255 bytes")
    p.add_argument("exp", metavar="numIterationsExp", type=int, help="10..63")
    p.add_argument("--name", default="", help="the contribution's name")
    p.set_defaults(fn=_guard(_ptau_beacon))
    p = ts.add_parser("prepare", help="prepare phase2 <in.ptau> <out.ptau>")
    p.add_argument("phase", choices=["phase2"])
    p.add_argument("ptau_in", metavar="in.ptau")
    p.add_argument("ptau_out", metavar="out.ptau")
    p.set_defaults(fn=_guard(_ptau_prepare))
    p = ts.add_parser("verify", help="verify every contribution of a .ptau")
    p.add_argument("ptau", metavar="powers.ptau")
    p.set_defaults(fn=_guard(_ptau_verify))
