"""Groth16 setup / prove / verify / batch verify on DSL circuits, and soundness: a wrong
witness cannot be proved, and tampered proofs, swapped or out-of-range public inputs and
invalid points are rejected by verify and by batch verify (which names the bad proofs).

The independent reference for validity is snarkjs (tests/test_groth16_snarkjs.py); here
the checks are that the honest path verifies and every deviation is refused."""

from __future__ import annotations

import random
from typing import Any

import pytest

from masa_zk import G1, G2, groth16, poseidon
from masa_zk.bn254 import Q, R
from masa_zk.circuit import Array, Circuit, Private, Public, Scalar, compile
from masa_zk.errors import (
    InvalidEncoding,
    InvalidInput,
    NotInSubgroup,
    NotOnCurve,
    UnsatisfiedConstraint,
)
from masa_zk.gadgets.poseidon import poseidon as poseidon_gadget
from masa_zk.groth16 import BatchResult, Proof, VerifyingKey


class Preimage(Circuit):
    """Knowledge of a Poseidon preimage, bound to a public tag."""

    digest: Public[Scalar]
    tag: Public[Scalar]
    xs: Private[Array[Scalar, 3]]

    def define(self, api: Any) -> None:
        api.assert_equal(poseidon_gadget(api, [*self.xs, self.tag]), self.digest)


def product_chain(n: int) -> type[Circuit]:
    """y = x^(2^n) via n squarings (n constraints)."""

    class Chain(Circuit):
        y: Public[Scalar]
        x: Private[Scalar]

        def define(self, api: Any) -> None:
            acc = self.x
            for _ in range(n):
                acc = acc * acc
            api.assert_equal(acc, self.y)

    return Chain


@pytest.fixture(scope="module")
def preimage() -> tuple[Any, groth16.ProvingKey, VerifyingKey]:
    cs = compile(Preimage)
    pk, vk = groth16.setup(cs)
    return cs, pk, vk


def preimage_inputs(xs: list[int], tag: int) -> dict[str, object]:
    return {"digest": poseidon([*xs, tag]), "tag": tag, "xs": xs}


def test_poseidon_preimage_round_trip(preimage: Any) -> None:
    cs, pk, vk = preimage
    inputs = preimage_inputs([1, 2, 3], 77)
    proof, public = groth16.prove(pk, cs, inputs)
    assert public == [poseidon([1, 2, 3, 77]), 77]
    assert groth16.verify(vk, public, proof)
    # proving is randomised: a second proof differs and verifies too
    proof2, _ = groth16.prove(pk, cs, inputs)
    assert proof2 != proof and groth16.verify(vk, public, proof2)
    assert pk.n_public == vk.n_public == 2
    assert pk.n_vars == cs.num_wires
    assert pk.domain_size > cs.num_constraints + 2
    assert pk.domain_size // 2 <= cs.num_constraints + 2


@pytest.mark.parametrize("n", [1, 2, 3, 6, 7, 100, 1000])
def test_product_chain_round_trip(n: int) -> None:
    cs = compile(product_chain(n))
    pk, vk = groth16.setup(cs)
    x = 3
    y = pow(x, 2**n, R)
    proof, public = groth16.prove(pk, cs, {"x": x, "y": y})
    assert public == [y]
    assert groth16.verify(vk, [y], proof)
    assert not groth16.verify(vk, [(y + 1) % R], proof)
    w = cs.witness({"x": x, "y": y})
    proof_w, public_w = groth16.prove_witness(pk, w)
    assert public_w == [y] and groth16.verify(vk, public_w, proof_w)
    # the same witness as raw LE words, as a uint64 array and as ints
    for form in (w.to_bytes_le(), w.words, w.values):
        p, pub = groth16.prove_witness(pk, form)
        assert pub == [y] and groth16.verify(vk, pub, p)


def test_keys_differ_between_setups() -> None:
    """Fresh toxic waste each time: no two setups share a key."""
    cs = compile(product_chain(3))
    (_, vk1), (_, vk2) = groth16.setup(cs), groth16.setup(cs)
    assert vk1.alpha1 != vk2.alpha1 and vk1.delta2 != vk2.delta2
    assert vk1.gamma2 == vk2.gamma2 == G2.generator()  # as snarkjs


def test_wrong_witness_cannot_be_proved(preimage: Any) -> None:
    cs, pk, _vk = preimage
    bad = preimage_inputs([1, 2, 3], 77)
    bad["digest"] = int(bad["digest"]) ^ 1  # type: ignore[call-overload]
    with pytest.raises(UnsatisfiedConstraint, match="constraint #"):
        groth16.prove(pk, cs, bad)
    good = cs.witness(preimage_inputs([1, 2, 3], 77))
    # any tampered wire of a full witness: no proof leaves prove_witness
    rng = random.Random(5)
    for wire in [1, 2, 3, *rng.sample(range(4, cs.num_wires), 5)]:
        with pytest.raises(UnsatisfiedConstraint):
            groth16.prove_witness(pk, good.replace(wire, good[wire] + 1))
    with pytest.raises(InvalidInput):
        groth16.prove_witness(pk, good.values[:-1])
    with pytest.raises(InvalidInput):
        groth16.prove_witness(pk, [2, *good.values[1:]])  # wire 0 must be 1


def test_key_and_circuit_must_match(preimage: Any) -> None:
    _, pk, _ = preimage
    other = compile(product_chain(5))
    with pytest.raises(InvalidInput):
        groth16.prove(pk, other, {"x": 2, "y": pow(2, 32, R)})


def _bump(p: G1) -> G1:
    return p + G1.generator()


def test_tampered_proofs_and_public_inputs_rejected(preimage: Any) -> None:
    cs, pk, vk = preimage
    proof, public = groth16.prove(pk, cs, preimage_inputs([4, 5, 6], 1))
    other, other_public = groth16.prove(pk, cs, preimage_inputs([7, 8, 9], 2))
    assert groth16.verify(vk, public, proof)
    for bad in (
        Proof(_bump(proof.a), proof.b, proof.c),
        Proof(proof.a, proof.b + G2.generator(), proof.c),
        Proof(proof.a, proof.b, _bump(proof.c)),
        Proof(-proof.a, proof.b, proof.c),
        Proof(proof.a, other.b, proof.c),
        Proof(G1.identity(), proof.b, proof.c),
        Proof(proof.a, G2.identity(), proof.c),
        other,
    ):
        assert not groth16.verify(vk, public, bad)
    assert not groth16.verify(vk, public[::-1], proof)  # swapped public inputs
    assert not groth16.verify(vk, other_public, proof)
    assert not groth16.verify(vk, [public[0], public[1] + 1], proof)
    # public inputs >= r (the classic x + r malleability) and negative: rejected
    assert not groth16.verify(vk, [public[0] + R, public[1]], proof)
    assert not groth16.verify(vk, [public[0], public[1] + R], proof)
    assert not groth16.verify(vk, [-1, public[1]], proof)
    with pytest.raises(InvalidInput):
        groth16.verify(vk, public[:1], proof)
    with pytest.raises(InvalidInput):
        groth16.verify(vk, [*public, 0], proof)
    with pytest.raises(InvalidInput):
        groth16.verify(vk, ["1", public[1]], proof)  # type: ignore[list-item]


def _off_curve_g1() -> bytes:
    return (1).to_bytes(32, "big") + (3).to_bytes(32, "big")


def _g2_outside_subgroup() -> bytes:
    """A point on the G2 twist curve but outside the order-r subgroup (x = 1 + k·u)."""

    def mul(a: tuple[int, int], c: tuple[int, int]) -> tuple[int, int]:
        return ((a[0] * c[0] - a[1] * c[1]) % Q, (a[0] * c[1] + a[1] * c[0]) % Q)

    def inv(a: tuple[int, int]) -> tuple[int, int]:
        d = pow(a[0] * a[0] + a[1] * a[1], Q - 2, Q)
        return (a[0] * d % Q, -a[1] * d % Q)

    def sqrt(a: tuple[int, int]) -> tuple[int, int] | None:
        # Fq2 square root for q = 3 mod 4 (Adj & Rodríguez-Henríquez, algorithm 9)
        def pw(x: tuple[int, int], e: int) -> tuple[int, int]:
            r = (1, 0)
            while e:
                if e & 1:
                    r = mul(r, x)
                x = mul(x, x)
                e >>= 1
            return r

        a1 = pw(a, (Q - 3) // 4)
        alpha = mul(a1, mul(a1, a))
        x0 = mul(a1, a)
        if alpha == (Q - 1, 0):
            return mul((0, 1), x0)
        b = pw(((1 + alpha[0]) % Q, alpha[1]), (Q - 1) // 2)
        x = mul(b, x0)
        return x if mul(x, x) == a else None

    bprime = mul((3, 0), inv((9, 1)))
    for k in range(1, 100):
        x = (1, k)
        rhs = mul(mul(x, x), x)
        rhs = ((rhs[0] + bprime[0]) % Q, (rhs[1] + bprime[1]) % Q)
        y = sqrt(rhs)
        if y is not None:
            return b"".join(c.to_bytes(32, "big") for c in (x[1], x[0], y[1], y[0]))
    raise AssertionError("no point found")


def test_invalid_points_rejected_at_decoding(preimage: Any) -> None:
    cs, pk, vk = preimage
    proof, _public = groth16.prove(pk, cs, preimage_inputs([1, 1, 1], 1))
    data = proof.to_bytes()
    assert Proof.from_bytes(data) == proof
    with pytest.raises(NotOnCurve):
        Proof.from_bytes(_off_curve_g1() + data[64:])
    with pytest.raises(NotOnCurve):
        Proof.from_bytes(data[:192] + _off_curve_g1())
    outside = _g2_outside_subgroup()
    with pytest.raises(NotInSubgroup):
        Proof.from_bytes(data[:64] + outside + data[192:])
    with pytest.raises(InvalidEncoding):
        Proof.from_bytes(data[:-1])
    with pytest.raises(InvalidEncoding):  # a coordinate >= q
        Proof.from_bytes(Q.to_bytes(32, "big") + data[32:])
    # the same through proof.json
    j = proof.to_json()
    j["pi_a"] = ["1", "3", "1"]
    with pytest.raises(NotOnCurve):
        Proof.from_json(j)
    j = proof.to_json()
    j["pi_b"] = [
        [str(int.from_bytes(outside[32:64], "big")), str(int.from_bytes(outside[:32], "big"))],
        [str(int.from_bytes(outside[96:], "big")), str(int.from_bytes(outside[64:96], "big"))],
        ["1", "0"],
    ]
    with pytest.raises(NotInSubgroup):
        Proof.from_json(j)
    # and in a verifying key
    vb = vk.to_bytes()
    with pytest.raises(NotInSubgroup):
        VerifyingKey.from_bytes(vb[:64] + outside + vb[192:])
    with pytest.raises(NotOnCurve):
        VerifyingKey.from_bytes(vb[:-64] + _off_curve_g1())
    with pytest.raises(InvalidEncoding):
        VerifyingKey.from_bytes(vb[:-64])


def test_batch_verify_names_bad_proofs(preimage: Any) -> None:
    cs, pk, vk = preimage
    items = [groth16.prove(pk, cs, preimage_inputs([i, i + 1, i + 2], i))[::-1] for i in range(8)]
    items = [(list(pub), p) for pub, p in items]
    res = groth16.batch_verify(vk, items)
    assert res == BatchResult(8, ()) and res.ok and bool(res)
    assert groth16.batch_verify(vk, []).ok
    assert groth16.batch_verify(vk, items[:1]).ok

    bad = list(items)
    bad[3] = (bad[3][0], Proof(bad[3][1].a, bad[3][1].b, _bump(bad[3][1].c)))
    res = groth16.batch_verify(vk, bad)
    assert not res and res.invalid == (3,)

    # swapped public inputs between two proofs: both named
    bad = list(items)
    bad[1], bad[6] = (bad[6][0], bad[1][1]), (bad[1][0], bad[6][1])
    assert groth16.batch_verify(vk, bad).invalid == (1, 6)

    # a public input >= r, and a proof for other inputs
    bad = list(items)
    bad[0] = ([bad[0][0][0] + R, bad[0][0][1]], bad[0][1])
    bad[7] = (bad[7][0], items[2][1])
    assert groth16.batch_verify(vk, bad).invalid == (0, 7)

    # one bad alone, and everything bad
    assert groth16.batch_verify(vk, [bad[7]]).invalid == (0,)
    allbad = [(pub, items[(i + 1) % 8][1]) for i, (pub, _) in enumerate(items)]
    assert groth16.batch_verify(vk, allbad).invalid == tuple(range(8))
    with pytest.raises(InvalidInput):
        groth16.batch_verify(vk, [(items[0][0][:1], items[0][1])])
    with pytest.raises(InvalidInput):
        groth16.batch_verify(vk, [items[0][1]])  # type: ignore[list-item]


def test_binary_and_json_round_trips(preimage: Any) -> None:
    cs, pk, vk = preimage
    proof, public = groth16.prove(pk, cs, preimage_inputs([9, 9, 9], 9))
    assert VerifyingKey.from_bytes(vk.to_bytes()) == vk
    assert VerifyingKey.from_json(vk.to_json()) == vk
    assert Proof.from_json(proof.to_json()) == proof
    assert groth16.public_from_json(groth16.public_to_json(public)) == public
    assert len(proof.to_bytes()) == 256
    assert len(vk.to_bytes()) == 452 + 64 * 3
    j = vk.to_json()
    assert list(j) == [
        "protocol",
        "curve",
        "nPublic",
        "vk_alpha_1",
        "vk_beta_2",
        "vk_gamma_2",
        "vk_delta_2",
        "vk_alphabeta_12",
        "IC",
    ]
    assert j["nPublic"] == 2 and len(j["IC"]) == 3
    assert j["vk_gamma_2"] == [
        [str(G2.generator().x[0]), str(G2.generator().x[1])],
        [str(G2.generator().y[0]), str(G2.generator().y[1])],
        ["1", "0"],
    ]
    # a wrong alphabeta, nPublic or protocol is refused
    for key, value in (
        ("nPublic", 3),
        ("protocol", "plonk"),
        ("curve", "bls12381"),
        ("vk_alphabeta_12", [[["1", "0"]] * 3] * 2),
    ):
        bad = dict(j)
        bad[key] = value
        with pytest.raises(InvalidEncoding):
            VerifyingKey.from_json(bad)
    # pickling keeps keys and proofs
    import pickle

    assert pickle.loads(pickle.dumps(vk)) == vk
    assert pickle.loads(pickle.dumps(proof)) == proof


@pytest.mark.parametrize(
    "value",
    ["01", "-1", "1.0", " 1", "0x1", 1, str(Q), "", None],
)
def test_json_numbers_are_strict(value: object) -> None:
    g = G1.generator()
    j = Proof(g, G2.generator(), g).to_json()
    j["pi_a"] = [value, "2", "1"]
    with pytest.raises(InvalidEncoding):
        Proof.from_json(j)


def test_json_infinity_encodings() -> None:
    p = Proof(G1.identity(), G2.identity(), G1.generator())
    j = p.to_json()
    assert j["pi_a"] == ["0", "1", "0"]
    assert j["pi_b"] == [["0", "0"], ["1", "0"], ["0", "0"]]
    assert Proof.from_json(j) == p
    for bad_a in (["0", "0", "0"], ["0", "0", "1"], ["1", "2", "2"], ["1", "2"]):
        j2 = dict(j)
        j2["pi_a"] = bad_a
        with pytest.raises(InvalidEncoding):
            Proof.from_json(j2)
    with pytest.raises(InvalidEncoding):
        groth16.public_from_json([str(R)])
    with pytest.raises(InvalidInput):
        groth16.public_to_json([R])
