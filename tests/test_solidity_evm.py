"""The exported Solidity verifier in a real EVM (solcjs + pyrevm), on real Groth16 proofs made
by the npm snarkjs, cross-checked case by case against snarkjs's own exported verifier."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import eth_abi
import pytest
from bn254_ref import g2_point_outside_subgroup
from Crypto.Hash import keccak
from evm_ref import Chain, compile_contract, compiler_messages
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from py_ecc import optimized_bn128 as ob
from py_ecc.fields import optimized_bn128_FQ2 as FQ2
from solidity_ref import CIRCUITS, Material, make_material, make_ptau

from masa_zk.solidity import (
    solidity_calldata,
    solidity_verifier,
    verify_proof_args,
    verify_proof_calldata,
)

Q = ob.field_modulus
R = ob.curve_order


# --- fixtures (session-wide: snarkjs and solcjs take seconds) ---------------------------------


@pytest.fixture(scope="session")
def ptau(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_ptau(tmp_path_factory.mktemp("ptau"))


@pytest.fixture(scope="session", params=sorted(CIRCUITS))
def material(
    request: pytest.FixtureRequest, ptau: Path, tmp_path_factory: pytest.TempPathFactory
) -> Material:
    return make_material(request.param, ptau, tmp_path_factory.mktemp(request.param))


@pytest.fixture(scope="session")
def chain() -> Chain:
    return Chain()


@dataclass(frozen=True)
class Deployed:
    ours: str
    #: snarkjs's exported verifier (None where it does not compile: no public input).
    snarkjs: str | None


@pytest.fixture(scope="session")
def deployed(material: Material, chain: Chain) -> Deployed:
    ours = chain.deploy(compile_contract(solidity_verifier(material.vk), "Groth16Verifier"))
    theirs = None
    if material.n_public > 0:
        code = compile_contract(material.snarkjs_verifier, "Groth16Verifier")
        theirs = chain.deploy(code)
    return Deployed(ours, theirs)


# --- calldata, built independently of masa_zk.solidity (eth-abi, pycryptodome, py_ecc) ---


def encode(words: list[int], n: int) -> bytes:
    """``verifyProof`` calldata for 8 proof words (EVM order) and n public inputs."""
    sig = "verifyProof(uint256[2],uint256[2][2],uint256[2]" + (f",uint256[{n}])" if n else ")")
    sel = keccak.new(digest_bits=256, data=sig.encode()).digest()[:4]
    types = ["uint256[2]", "uint256[2][2]", "uint256[2]"] + ([f"uint256[{n}]"] if n else [])
    args: list[object] = [words[0:2], [words[2:4], words[4:6]], words[6:8]]
    if n:
        args.append(words[8:])
    return sel + eth_abi.encode(types, args)


def proof_words(m: Material) -> list[int]:
    """[Ax, Ay, Bx.c1, Bx.c0, By.c1, By.c0, Cx, Cy, public...] from the JSON files."""
    a, b, c = m.proof["pi_a"], m.proof["pi_b"], m.proof["pi_c"]
    w = [a[0], a[1], b[0][1], b[0][0], b[1][1], b[1][0], c[0], c[1], *m.public]
    return [int(v) for v in w]


def g1_add_gen(x: int, y: int) -> list[int]:
    p = ob.normalize(ob.add((ob.FQ(x), ob.FQ(y), ob.FQ.one()), ob.G1))
    return [int(p[0]), int(p[1])]


def g2_evm(p: tuple[FQ2, FQ2, FQ2]) -> list[int]:
    x, y = ob.normalize(p)
    return [int(x.coeffs[1]), int(x.coeffs[0]), int(y.coeffs[1]), int(y.coeffs[0])]


def g2_of_words(w: list[int]) -> tuple[FQ2, FQ2, FQ2]:
    return (FQ2([w[1], w[0]]), FQ2([w[3], w[2]]), FQ2.one())


Case = tuple[bytes, bool | None, bool | None]  # calldata, ours, snarkjs (None: reverts)


def _with(w: list[int], i: int, v: int) -> list[int]:
    w = list(w)
    w[i] = v
    return w


def case_table(m: Material) -> dict[str, Case | None]:
    """Every case: calldata and what each verifier must answer (True / False, or None for a
    revert). None for a case that does not apply to this circuit."""
    n = m.n_public
    w = proof_words(m)
    pub = w[8:]
    out: dict[str, Case | None] = {}
    out["valid"] = (encode(w, n), True, True)
    out["A tampered (A + G1)"] = (encode(g1_add_gen(w[0], w[1]) + w[2:], n), False, False)
    b_plus = g2_evm(ob.add(g2_of_words(w[2:6]), ob.G2))
    out["B tampered (B + G2)"] = (encode(w[:2] + b_plus + w[6:], n), False, False)
    out["C tampered (C + G1)"] = (encode(w[:6] + g1_add_gen(w[6], w[7]) + w[8:], n), False, False)
    out["A negated"] = (encode(_with(w, 1, Q - w[1]), n), False, False)
    out["A at infinity"] = (encode([0, 0, *w[2:]], n), False, False)
    out["all-zero proof"] = (encode([0] * 8 + pub, n), False, False)
    out["A off the curve"] = (encode(_with(w, 1, (w[1] + 1) % Q), n), False, False)
    out["C off the curve"] = (encode(_with(w, 7, (w[7] + 1) % Q), n), False, False)
    out["B off the twist"] = (encode(_with(w, 5, (w[5] + 1) % Q), n), False, False)
    tx, ty = g2_point_outside_subgroup()
    b_out = g2_evm(ob.add(g2_of_words(w[2:6]), (tx, ty, FQ2.one())))
    out["B outside the subgroup"] = (encode(w[:2] + b_out + w[6:], n), False, False)
    for i, label in enumerate(["A.x", "A.y", "B.x.c1", "B.x.c0", "B.y.c1", "B.y.c0", "C.x", "C.y"]):
        out[f"{label} + q"] = (encode(_with(w, i, w[i] + Q), n), False, False)
    # snarkjs negates A as (q - Ay) mod q without checking Ay < q: Ay' = Ay + 2^256 (mod q),
    # Ay' >= q, gives the same -A, so its verifier accepts this non-canonical proof.
    ay_alias = (w[1] + 2**256) % Q + Q
    out["A.y non-canonical alias"] = (encode(_with(w, 1, ay_alias), n), False, True)
    out["truncated calldata"] = (encode(w, n)[:-32], None, None)
    if n >= 1:
        out["input + 1"] = (encode(_with(w, 8, (pub[0] + 1) % R), n), False, False)
        out["input + r"] = (encode(_with(w, 8, pub[0] + R), n), False, False)
        out["last input + r"] = (encode(_with(w, 7 + n, pub[-1] + R), n), False, False)
        out["input 2^256 - 1"] = (encode(_with(w, 8, 2**256 - 1), n), False, False)
        out["one input too few"] = (encode(w[:-1], n - 1), None, None)
    else:
        out["input + 1"] = out["input + r"] = out["last input + r"] = None
        out["input 2^256 - 1"] = out["one input too few"] = None
    out["one input too many"] = (encode([*w, 1], n + 1), None, None)
    if n >= 2 and pub[0] != pub[-1]:
        swapped = [*pub[-1:], *pub[1:-1], pub[0]]
        out["inputs swapped"] = (encode(w[:8] + swapped, n), False, False)
    else:
        out["inputs swapped"] = None
    return out


def _case_names() -> list[str]:
    # The same names for every circuit; build the table once on dummy material to list them.
    dummy_proof = {
        "pi_a": ["1", "2", "1"],
        "pi_b": [[str(v) for v in ob.G2[0].coeffs], [str(v) for v in ob.G2[1].coeffs], ["1", "0"]],
        "pi_c": ["1", "2", "1"],
    }
    names: set[str] = set()
    for n in (0, 2):
        m = Material("dummy", {"nPublic": n}, dummy_proof, ["1", "2"][:n], "", "")
        names |= set(case_table(m))
    return sorted(names)


CASES = _case_names()


def answer(chain: Chain, to: str, data: bytes) -> bool | None:
    r = chain.call(to, data)
    if r.reverted:
        return None
    assert r.returned_true or r.returned_false, r.output.hex()
    return r.returned_true


# --- tests ------------------------------------------------------------------------------------


@pytest.mark.parametrize("case", CASES)
def test_verifier_cases(case: str, material: Material, deployed: Deployed, chain: Chain) -> None:
    """Our contract (and snarkjs's, as a cross-check) on each valid / tampered call."""
    c = case_table(material)[case]
    if c is None:
        pytest.skip(f"not applicable with {material.n_public} public inputs")
    data, want_ours, want_snarkjs = c
    assert answer(chain, deployed.ours, data) is want_ours
    if deployed.snarkjs is not None:
        assert answer(chain, deployed.snarkjs, data) is want_snarkjs


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_random_word_changes_rejected_by_both(
    data: st.DataObject, material: Material, deployed: Deployed, chain: Chain
) -> None:
    """Any change of one word of a valid call (a small offset or a random 256-bit value) is
    rejected by our contract, and by snarkjs's alike."""
    n = material.n_public
    w = proof_words(material)
    i = data.draw(st.integers(0, len(w) - 1), label="word")
    new = data.draw(
        st.one_of(
            st.integers(1, 3).map(lambda d: (w[i] + d) % 2**256),
            st.integers(0, 2**256 - 1),
        ),
        label="value",
    )
    if new == w[i]:
        return
    call = encode(_with(w, i, new), n)
    assert answer(chain, deployed.ours, call) is False
    if deployed.snarkjs is not None:
        assert answer(chain, deployed.snarkjs, call) is False


def test_outside_subgroup_rejected_by_the_pairing_precompile(
    material: Material, deployed: Deployed, chain: Chain
) -> None:
    """B outside the subgroup passes our own checks (it is on the twist) and is refused by
    0x08: the precompile call fails and consumes the gas it was given, and the contract answers
    false; a merely wrong B (in the subgroup) costs the normal amount of gas."""
    table = case_table(material)
    out_data = table["B outside the subgroup"]
    wrong_data = table["B tampered (B + G2)"]
    assert out_data is not None and wrong_data is not None
    out = chain.call(deployed.ours, out_data[0], gas=10_000_000)
    wrong = chain.call(deployed.ours, wrong_data[0], gas=10_000_000)
    assert out.returned_false and wrong.returned_false
    assert wrong.tx_gas < 400_000 < 9_000_000 < out.tx_gas


@pytest.mark.parametrize(
    "case", ["A off the curve", "C off the curve", "A.x + q", "C.y + q", "A.y + q", "input + r"]
)
def test_malformed_a_c_inputs_refused_before_the_precompiles(
    case: str, material: Material, deployed: Deployed, chain: Chain
) -> None:
    """Our own checks refuse these before any precompile call: the transaction costs little
    more than its intrinsic gas (under 100k of a 10M limit), where a failing precompile call
    would consume most of the limit and a pairing alone costs 181k."""
    c = case_table(material)[case]
    if c is None:
        pytest.skip(f"not applicable with {material.n_public} public inputs")
    r = chain.call(deployed.ours, c[0], gas=10_000_000)
    assert r.returned_false
    assert r.tx_gas < 100_000


def test_revm_pairing_precompile_checks_g2_subgroup(chain: Chain) -> None:
    """The EVM we test with (revm) implements EIP-197's subgroup check: 0x08 fails on a point
    of the twist outside the order-r subgroup, and answers (0) for a valid but unequal pair."""
    pre = "0x" + "00" * 19 + "08"
    g1 = (1).to_bytes(32, "big") + (2).to_bytes(32, "big")
    g2 = b"".join(v.to_bytes(32, "big") for v in g2_evm(ob.G2))
    tx, ty = g2_point_outside_subgroup()
    assert ob.is_on_curve((tx, ty, FQ2.one()), ob.b2)
    bad = b"".join(v.to_bytes(32, "big") for v in g2_evm((tx, ty, FQ2.one())))
    assert chain.evm.message_call("0x" + "ca" * 20, pre, g1 + g2, gas=1_000_000) == bytes(32)
    with pytest.raises(RuntimeError, match="PrecompileError"):
        chain.evm.message_call("0x" + "ca" * 20, pre, g1 + bad, gas=1_000_000)


def test_compiles_without_warnings(material: Material) -> None:
    src = solidity_verifier(material.vk)
    assert "Warning" not in compiler_messages(src, "Groth16Verifier")


def test_calldata_text_matches_snarkjs(material: Material) -> None:
    """``solidity_calldata`` prints what ``snarkjs zkey export soliditycalldata`` prints."""
    assert solidity_calldata(material.proof, material.public) + "\n" == material.snarkjs_calldata


def test_abi_calldata_matches_eth_abi(material: Material) -> None:
    """Our selector and ABI encoding equal eth-abi's (with pycryptodome's keccak)."""
    w = proof_words(material)
    assert verify_proof_calldata(material.proof, material.public) == encode(w, material.n_public)
    a, b, c, pub = verify_proof_args(material.proof, material.public)
    assert [*a, *b[0], *b[1], *c, *pub] == w


def test_paths_accepted(material: Material, tmp_path: Path) -> None:
    """Paths to the JSON files work like the parsed JSON."""
    import json

    paths = {}
    for name, obj in (("vk", material.vk), ("proof", material.proof), ("pub", material.public)):
        paths[name] = tmp_path / f"{name}.json"
        paths[name].write_text(json.dumps(obj))
    assert solidity_verifier(paths["vk"]) == solidity_verifier(material.vk)
    assert solidity_calldata(paths["proof"], str(paths["pub"])) == solidity_calldata(
        material.proof, material.public
    )


def test_gas_not_above_snarkjs(material: Material, deployed: Deployed, chain: Chain) -> None:
    """Our extra checks cost no more gas than snarkjs's verifier on a valid proof."""
    if deployed.snarkjs is None:
        pytest.skip("snarkjs's verifier does not compile without public inputs")
    data = verify_proof_calldata(material.proof, material.public)
    ours = chain.execution_gas(deployed.ours, data)
    theirs = chain.execution_gas(deployed.snarkjs, data)
    assert ours <= theirs, (ours, theirs)
    # The pairing alone costs 45000 + 4 * 34000 and each input an ecMul + ecAdd (6150).
    assert 181_000 + 6_150 * material.n_public < ours < 181_000 + 6_150 * material.n_public + 6000
