"""masa_zk.solidity without an EVM: input checking, encodings, the selector hash.
(The contract itself is tested in a real EVM in test_solidity_evm.py.)"""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from bn254_ref import Q, R, g2_point_outside_subgroup
from Crypto.Hash import keccak
from hypothesis import given, settings
from hypothesis import strategies as st

from masa_zk.errors import InvalidInput, NotInSubgroup, NotOnCurve
from masa_zk.solidity import (
    EXAMPLE_VK,
    _keccak256,
    solidity_calldata,
    solidity_verifier,
    verify_proof_args,
    verify_proof_calldata,
    verify_proof_signature,
)

PROOF: dict[str, Any] = {
    "pi_a": ["1", "2", "1"],
    "pi_b": [["3", "4"], ["5", "6"], ["1", "0"]],
    "pi_c": ["7", "8", "1"],
    "protocol": "groth16",
    "curve": "bn128",
}


def vk() -> dict[str, Any]:
    v: dict[str, Any] = json.loads(EXAMPLE_VK)
    return v


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=600))
def test_keccak_matches_pycryptodome(data: bytes) -> None:
    assert _keccak256(data) == keccak.new(digest_bits=256, data=data).digest()


@pytest.mark.parametrize("n", [0, 1, 2, 8, 40])
def test_selector(n: int) -> None:
    sig = verify_proof_signature(n).encode()
    data = verify_proof_calldata(PROOF, [str(i) for i in range(n)])
    assert data[:4] == keccak.new(digest_bits=256, data=sig).digest()[:4]
    assert len(data) == 4 + 32 * (8 + n)


def test_known_selector() -> None:
    """The selector of snarkjs's verifier for one public input, as block explorers show it."""
    assert verify_proof_calldata(PROOF, ["1"])[:4].hex() == "43753b4d"


def test_args_swap_g2_to_evm_order_and_accept_ints() -> None:
    proof = copy.deepcopy(PROOF)
    proof["pi_a"] = [1, 2, 1]
    assert verify_proof_args(proof, [9]) == ((1, 2), ((4, 3), (6, 5)), (7, 8), (9,))


def test_infinity_becomes_zero_words() -> None:
    proof = copy.deepcopy(PROOF)
    proof["pi_a"] = ["0", "1", "0"]
    proof["pi_b"] = [["0", "0"], ["1", "0"], ["0", "0"]]
    a, b, _c, _ = verify_proof_args(proof, [])
    assert a == (0, 0) and b == ((0, 0), (0, 0))


@pytest.mark.parametrize(
    "path, value",
    [
        (("pi_a", 0), str(Q)),
        (("pi_a", 1), str(Q + 5)),
        (("pi_b", 1, 0), str(Q)),
        (("pi_c", 1), "-1"),
        (("pi_c", 0), "0x10"),
        (("pi_c", 0), True),
        (("pi_a", 2), "2"),
        (("pi_b", 2), ["1", "1"]),
    ],
)
def test_bad_proof_rejected(path: tuple[Any, ...], value: object) -> None:
    proof = copy.deepcopy(PROOF)
    obj: Any = proof
    for k in path[:-1]:
        obj = obj[k]
    obj[path[-1]] = value
    with pytest.raises(InvalidInput):
        verify_proof_args(proof, ["1"])
    with pytest.raises(InvalidInput):
        solidity_calldata(proof, ["1"])


@pytest.mark.parametrize("public", [[str(R)], ["1", str(2**256)], "12", [None], {"0": "1"}])
def test_bad_public_rejected(public: object) -> None:
    with pytest.raises(InvalidInput):
        verify_proof_calldata(PROOF, public)  # type: ignore[arg-type]


def test_missing_files_and_bad_json(tmp_path: Any) -> None:
    with pytest.raises(InvalidInput, match="cannot read"):
        solidity_verifier(tmp_path / "absent.json")
    (tmp_path / "bad.json").write_text("{")
    with pytest.raises(InvalidInput, match="cannot read"):
        solidity_calldata(tmp_path / "bad.json", [])
    with pytest.raises(InvalidInput):
        verify_proof_args({"pi_a": PROOF["pi_a"]}, [])
    with pytest.raises(InvalidInput):
        verify_proof_args({**PROOF, "protocol": "plonk"}, [])


def _vk_with(path: tuple[Any, ...], value: object) -> dict[str, Any]:
    v = vk()
    obj: Any = v
    for k in path[:-1]:
        obj = obj[k]
    obj[path[-1]] = value
    return v


@pytest.mark.parametrize(
    "path, value",
    [
        (("protocol",), "plonk"),
        (("curve",), "bls12381"),
        (("nPublic",), 2),
        (("nPublic",), True),
        (("IC",), [["1", "2", "1"]] * 3),
        (("vk_alpha_1", 0), str(Q + 1)),
        (("vk_beta_2", 0, 1), str(Q)),
    ],
)
def test_bad_key_rejected(path: tuple[Any, ...], value: object) -> None:
    with pytest.raises(InvalidInput):
        solidity_verifier(_vk_with(path, value))


def test_key_points_checked_on_curve_and_subgroup() -> None:
    with pytest.raises(NotOnCurve, match="IC\\[1\\]"):
        solidity_verifier(_vk_with(("IC", 1), ["1", "3", "1"]))
    with pytest.raises(NotOnCurve, match="vk_gamma_2"):
        solidity_verifier(_vk_with(("vk_gamma_2", 1, 0), "1"))
    x, y = g2_point_outside_subgroup()
    bad = [[str(c) for c in x.coeffs], [str(c) for c in y.coeffs], ["1", "0"]]
    with pytest.raises(NotInSubgroup, match="vk_delta_2"):
        solidity_verifier(_vk_with(("vk_delta_2",), bad))


def test_key_missing_field() -> None:
    v = vk()
    del v["vk_delta_2"]
    with pytest.raises(InvalidInput, match="vk_delta_2"):
        solidity_verifier(v)
    with pytest.raises(InvalidInput):
        solidity_verifier([1, 2])  # type: ignore[arg-type]


@pytest.mark.parametrize("name", ["", "1abc", "a-b", "Verifier;", "Vé"])
def test_bad_contract_name(name: str) -> None:
    with pytest.raises(InvalidInput):
        solidity_verifier(vk(), contract_name=name)


def test_key_constants_in_evm_order() -> None:
    """G2 constants are written imaginary part first (EIP-197)."""
    v = vk()
    src = solidity_verifier(v)
    beta = v["vk_beta_2"]
    assert f"BETA_X1 = {beta[0][1]};" in src and f"BETA_X0 = {beta[0][0]};" in src
    assert f"BETA_Y1 = {beta[1][1]};" in src and f"BETA_Y0 = {beta[1][0]};" in src
    assert "IC1_X = 1;" in src and "IC1_Y = 2;" in src
