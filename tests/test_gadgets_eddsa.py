"""The EdDSA-Poseidon verifier gadget: accepts signatures of ``masa_zk.eddsa`` and of
circomlibjs ``eddsa.signPoseidon`` (live, through node), rejects tampered ones and
S >= l, and snarkjs accepts its witness."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
from formats_ref import run, snarkjs_r1cs_info
from vectors.oracle import ask

from masa_zk.babyjubjub import SUBGROUP_ORDER, Point, base8, generator
from masa_zk.bn254.fr import R
from masa_zk.circuit import Circuit, Public, Scalar, compile
from masa_zk.circuit.testing import (
    assert_satisfied,
    assert_tampered_rejected,
    unconstrained_wires,
)
from masa_zk.eddsa import PrivateKey
from masa_zk.errors import UnsatisfiedConstraint
from masa_zk.gadgets import EDDSA_POSEIDON_COST, assert_eddsa_poseidon

L = SUBGROUP_ORDER
RNG = random.Random(5)


class Verify(Circuit):
    ax: Public[Scalar]
    ay: Public[Scalar]
    msg: Public[Scalar]
    r8x: Public[Scalar]
    r8y: Public[Scalar]
    s: Public[Scalar]

    def define(self, api: Any) -> None:
        assert_eddsa_poseidon(api, (self.ax, self.ay), self.msg, (self.r8x, self.r8y), self.s)


class VerifyIf(Verify):
    enabled: Public[Scalar]

    def define(self, api: Any) -> None:
        assert_eddsa_poseidon(
            api,
            (self.ax, self.ay),
            self.msg,
            (self.r8x, self.r8y),
            self.s,
            enabled=self.enabled,
        )


def inputs(a: Point, msg: int, r8: Point, s: int) -> dict[str, int]:
    return {"ax": a.x, "ay": a.y, "msg": msg, "r8x": r8.x, "r8y": r8.y, "s": s}


def signed(seed: int) -> tuple[PrivateKey, int, dict[str, int]]:
    rng = random.Random(seed)
    sk = PrivateKey.from_bytes(rng.randbytes(32))
    msg = rng.randrange(R)
    sig = sk.sign(msg)
    return sk, msg, inputs(sk.public_key().point, msg, sig.R8, sig.S)


@pytest.fixture(scope="module")
def cs() -> Any:
    return compile(Verify)


def test_cost_and_no_unconstrained_wires(cs: Any) -> None:
    assert cs.num_constraints == EDDSA_POSEIDON_COST == 3699
    assert unconstrained_wires(cs) == []
    # circomlib's EdDSAPoseidonVerifier(), circom2 --O2: 4217 (tests/test_gadgets_costs.py)
    assert cs.num_constraints <= 1.10 * 4217


def test_accepts_masa_zk_signatures(cs: Any) -> None:
    for seed in range(4):
        assert_satisfied(cs, signed(seed)[2])
    sk = PrivateKey.from_bytes(bytes(32))
    for msg in (0, 1, R - 1):
        sig = sk.sign(msg)
        assert_satisfied(cs, inputs(sk.public_key().point, msg, sig.R8, sig.S))


def test_accepts_circomlibjs_signatures(cs: Any) -> None:
    rng = random.Random(77)
    keys = [rng.randbytes(32) for _ in range(3)]
    msgs = [rng.randrange(R) for _ in range(3)]
    reqs = [{"op": "sign", "prv": k.hex(), "msg": str(m)} for k, m in zip(keys, msgs, strict=True)]
    reqs += [{"op": "prv2pub", "prv": k.hex()} for k in keys]
    ans = ask(reqs)
    for i, m in enumerate(msgs):
        sig, pub = ans[i], ans[3 + i]
        a = Point(int(pub[0]), int(pub[1]))
        r8 = Point(int(sig["R8"][0]), int(sig["R8"][1]))
        assert_satisfied(cs, inputs(a, m, r8, int(sig["S"])))


def test_rejects_tampered_signatures(cs: Any) -> None:
    _, msg, good = signed(11)
    r8 = Point(good["r8x"], good["r8y"])
    a = Point(good["ax"], good["ay"])
    other = PrivateKey.from_bytes(b"\x09" * 32).public_key().point
    r8b = r8 + base8()
    bad = [
        dict(good, msg=(msg + 1) % R),
        dict(good, s=(good["s"] + 1) % L),
        dict(good, s=good["s"] + L),  # S >= l: the group equation holds, the range does not
        dict(good, r8x=r8b.x, r8y=r8b.y),
        dict(good, r8x=r8.x, r8y=(r8.y + 1) % R),  # R8 off the curve
        dict(good, ax=other.x, ay=other.y),
        dict(good, ax=(a.x + 1) % R),  # A off the curve
    ]
    for small in (Point.identity(), generator() * (L * 4)):  # A of small order
        bad.append(dict(good, ax=small.x, ay=small.y))
    for b in bad:
        with pytest.raises(UnsatisfiedConstraint):
            cs.witness(b)


def test_forged_small_order_key_rejected(cs: Any) -> None:
    """A = identity makes h·8A the identity: S·B8 = R8 would verify for any message."""
    s = RNG.randrange(L)
    r8 = base8() * s
    with pytest.raises(UnsatisfiedConstraint):
        cs.witness(inputs(Point.identity(), 123, r8, s))


def test_tampered_wires_rejected(cs: Any) -> None:
    good = signed(3)[2]
    labels = cs.labels
    picks = ["s", "msg"]
    for part in ("eddsa.h_a8.bit[17].hint.div", "eddsa.scalar_mul_fixed.mul", "eddsa.a8"):
        picks.append(next(lab for lab in labels if lab.startswith(part)))
    picks.append(next(lab for lab in labels if lab.startswith("eddsa.poseidon")))
    picks.append(next(lab for lab in labels if "s_range" in lab))
    for wire in picks:
        assert_tampered_rejected(cs, good, wire=wire)


def test_enabled_flag() -> None:
    cs = compile(VerifyIf)
    assert cs.num_constraints == EDDSA_POSEIDON_COST + 7
    assert unconstrained_wires(cs) == []
    good = signed(21)[2]
    assert_satisfied(cs, {**good, "enabled": 1})
    assert_satisfied(cs, {**good, "enabled": 0})
    junk = {"ax": 0, "ay": 0, "msg": 5, "r8x": 1, "r8y": 2, "s": R - 1}
    assert_satisfied(cs, {**junk, "enabled": 0})
    for b in ({**junk, "enabled": 1}, {**good, "msg": good["msg"] + 1, "enabled": 1}):
        with pytest.raises(UnsatisfiedConstraint):
            cs.witness(b)
    with pytest.raises(UnsatisfiedConstraint):
        cs.witness({**good, "enabled": 2})
    assert_tampered_rejected(cs, {**junk, "enabled": 0}, wire="enabled")


def test_snarkjs_accepts_our_witness(cs: Any, tmp_path: Path) -> None:
    r1cs, wtns = tmp_path / "e.r1cs", tmp_path / "e.wtns"
    cs.write_r1cs(r1cs)
    cs.witness(signed(8)[2]).write_wtns(wtns)
    assert snarkjs_r1cs_info(r1cs)["Constraints"] == EDDSA_POSEIDON_COST
    p = run("snarkjs", "wtns", "check", r1cs, wtns)
    assert p.returncode == 0 and "WITNESS IS CORRECT" in p.stdout, p.stdout + p.stderr
