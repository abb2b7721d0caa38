"""Solidity (EVM) export of Groth16 verifying keys and proofs, in snarkjs's JSON shapes.

* :func:`solidity_verifier` turns a ``verification_key.json`` (a dict or a path) into the
  source of a verifier contract with snarkjs's ABI::

      function verifyProof(uint[2] calldata _pA, uint[2][2] calldata _pB,
                           uint[2] calldata _pC, uint[N] calldata _pubSignals)
          external view returns (bool)

  so callers of a snarkjs-exported verifier switch without changes. Unlike snarkjs's it
  rejects non-canonical ``A``/``C`` coordinates (``>= q``; snarkjs's verifier accepts an alias
  of ``A.y`` above q), checks ``A`` and ``C`` on the curve itself, never answers ``true`` on a
  chain where the pairing precompile is missing, and compiles for ``nPublic = 0``.
* :func:`solidity_calldata` writes the arguments as ``snarkjs zkey export soliditycalldata``
  does (byte for byte), for pasting into a block explorer or a script.
* :func:`verify_proof_args` gives the arguments as Python ints (for web3.py / eth-abi), and
  :func:`verify_proof_calldata` the ready transaction data (selector and ABI encoding).

The proof and public inputs are ``proof.json`` / ``public.json`` as snarkjs writes them (dicts,
lists, or paths). Points are snarkjs JSON objects: G1 ``[x, y, "1"]``, G2
``[[x.c0, x.c1], [y.c0, y.c1], ["1", "0"]]``; the EVM wants Fp2 elements imaginary part first
(EIP-197), and the swap happens here and in the generated contract only.

>>> vk = json.loads(EXAMPLE_VK)
>>> src = solidity_verifier(vk)
>>> "function verifyProof(" in src and "uint256[1] calldata _pubSignals" in src
True
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping, Sequence
from typing import Any

from masa_zk.bn254 import G1, G2
from masa_zk.errors import InvalidInput, MasaZKError

__all__ = [
    "Q",
    "R",
    "solidity_calldata",
    "solidity_verifier",
    "verify_proof_args",
    "verify_proof_calldata",
    "verify_proof_signature",
]

#: The BN254 scalar field order (public inputs must be below it).
R = 21888242871839275222246405745257275088548364400416034343698204186575808495617
#: The BN254 base field prime (every point coordinate must be below it).
Q = 21888242871839275222246405745257275088696311157297823662689037894645226208583

JsonSource = Mapping[str, Any] | str | os.PathLike[str]
PublicSource = Sequence[Any] | str | os.PathLike[str]

G1Words = tuple[int, int]
G2Words = tuple[tuple[int, int], tuple[int, int]]
VerifyArgs = tuple[G1Words, G2Words, G1Words, tuple[int, ...]]

#: A tiny verifying key (1 public input) for the examples in the docstrings.
EXAMPLE_VK = json.dumps(
    {
        "protocol": "groth16",
        "curve": "bn128",
        "nPublic": 1,
        "vk_alpha_1": ["1", "2", "1"],
        "vk_beta_2": [
            [
                "10857046999023057135944570762232829481370756359578518086990519993285655852781",
                "11559732032986387107991004021392285783925812861821192530917403151452391805634",
            ],
            [
                "8495653923123431417604973247489272438418190587263600148770280649306958101930",
                "4082367875863433681332203403145435568316851327593401208105741076214120093531",
            ],
            ["1", "0"],
        ],
        "vk_gamma_2": [
            [
                "10857046999023057135944570762232829481370756359578518086990519993285655852781",
                "11559732032986387107991004021392285783925812861821192530917403151452391805634",
            ],
            [
                "8495653923123431417604973247489272438418190587263600148770280649306958101930",
                "4082367875863433681332203403145435568316851327593401208105741076214120093531",
            ],
            ["1", "0"],
        ],
        "vk_delta_2": [
            [
                "10857046999023057135944570762232829481370756359578518086990519993285655852781",
                "11559732032986387107991004021392285783925812861821192530917403151452391805634",
            ],
            [
                "8495653923123431417604973247489272438418190587263600148770280649306958101930",
                "4082367875863433681332203403145435568316851327593401208105741076214120093531",
            ],
            ["1", "0"],
        ],
        "IC": [["1", "2", "1"], ["1", "2", "1"]],
    }
)


# --- reading snarkjs JSON ---------------------------------------------------------------------


def _load(src: object, what: str) -> Any:
    """A JSON value given directly, or read from a path."""
    if isinstance(src, (str, os.PathLike)):
        try:
            with open(src, encoding="utf-8") as f:
                return json.load(f)
        except (OSError, ValueError) as e:
            raise InvalidInput(f"{what}: cannot read {os.fspath(src)!r}: {e}") from e
    return src


def _int(v: object, what: str, bound: int) -> int:
    """A decimal string (or int) in [0, bound)."""
    if isinstance(v, bool):
        raise InvalidInput(f"{what}: expected a decimal string, got a bool")
    if isinstance(v, int):
        n = v
    elif isinstance(v, str) and v.isascii() and v.isdigit():
        n = int(v)
    else:
        raise InvalidInput(f"{what}: expected a decimal string, got {v!r}")
    if not 0 <= n < bound:
        raise InvalidInput(f"{what}: {n} is not below the field modulus {bound}")
    return n


def _seq(v: object, n: int, what: str) -> Sequence[Any]:
    if not isinstance(v, (list, tuple)) or len(v) != n:
        raise InvalidInput(f"{what}: expected a list of {n} items, got {v!r}")
    return v


def _g1(v: object, what: str) -> G1Words:
    """(x, y) of a snarkjs G1 object; the identity (z = 0) becomes (0, 0) as in EIP-196."""
    x, y, z = _seq(v, 3, what)
    zi = _int(z, f"{what}[2]", Q)
    if zi == 0:
        return 0, 0
    if zi != 1:
        raise InvalidInput(f"{what}: not affine (z = {zi}); snarkjs writes z = 1")
    return _int(x, f"{what}[0]", Q), _int(y, f"{what}[1]", Q)


def _g2(v: object, what: str) -> G2Words:
    """((x.c0, x.c1), (y.c0, y.c1)) of a snarkjs G2 object (snarkjs order, real part first);
    the identity becomes all zeros."""
    x, y, z = _seq(v, 3, what)
    zc = tuple(_int(c, f"{what}[2]", Q) for c in _seq(z, 2, f"{what}[2]"))
    if zc == (0, 0):
        return (0, 0), (0, 0)
    if zc != (1, 0):
        raise InvalidInput(f"{what}: not affine (z = {zc}); snarkjs writes z = [1, 0]")
    xs = _seq(x, 2, f"{what}[0]")
    ys = _seq(y, 2, f"{what}[1]")
    return (
        (_int(xs[0], f"{what}[0][0]", Q), _int(xs[1], f"{what}[0][1]", Q)),
        (_int(ys[0], f"{what}[1][0]", Q), _int(ys[1], f"{what}[1][1]", Q)),
    )


def _evm_g2(p: G2Words) -> G2Words:
    """snarkjs (c0, c1) pairs to the EIP-197 order (c1, c0)."""
    (x0, x1), (y0, y1) = p
    return (x1, x0), (y1, y0)


_VK_KEYS = (
    "protocol",
    "curve",
    "nPublic",
    "vk_alpha_1",
    "vk_beta_2",
    "vk_gamma_2",
    "vk_delta_2",
    "IC",
)


class _Vk:
    """A checked ``verification_key.json``: affine coordinates, G2 in snarkjs order."""

    def __init__(self, src: JsonSource) -> None:
        vk = _load(src, "verification key")
        if not isinstance(vk, Mapping):
            raise InvalidInput("verification key: expected a JSON object")
        for key in _VK_KEYS:
            if key not in vk:
                raise InvalidInput(f"verification key: missing {key!r}")
        if vk["protocol"] != "groth16":
            raise InvalidInput(f"verification key: protocol {vk['protocol']!r} is not groth16")
        if vk["curve"] not in ("bn128", "bn254"):
            raise InvalidInput(f"verification key: curve {vk['curve']!r} is not bn128 (BN254)")
        ic = vk["IC"]
        n = vk["nPublic"]
        if not isinstance(n, int) or isinstance(n, bool) or n < 0:
            raise InvalidInput(f"verification key: nPublic {n!r} is not a count")
        if not isinstance(ic, list) or len(ic) != n + 1:
            raise InvalidInput(f"verification key: IC must hold nPublic + 1 = {n + 1} points")
        self.n_public = n
        self.alpha = _g1(vk["vk_alpha_1"], "vk_alpha_1")
        self.beta = _g2(vk["vk_beta_2"], "vk_beta_2")
        self.gamma = _g2(vk["vk_gamma_2"], "vk_gamma_2")
        self.delta = _g2(vk["vk_delta_2"], "vk_delta_2")
        self.ic = [_g1(p, f"IC[{i}]") for i, p in enumerate(ic)]
        # A key with bad points yields a contract that rejects everything (or worse):
        # check the curve and the G2 subgroup here, with the native core.
        g1s = [("vk_alpha_1", self.alpha)] + [(f"IC[{i}]", p) for i, p in enumerate(self.ic)]
        g2s = [("vk_beta_2", self.beta), ("vk_gamma_2", self.gamma), ("vk_delta_2", self.delta)]
        for name, p1 in g1s:
            try:
                G1.from_coordinates(*p1)
            except MasaZKError as e:
                raise type(e)(f"verification key: {name}: {e}") from e
        for name, p2 in g2s:
            try:
                G2.from_coordinates(*p2)
            except MasaZKError as e:
                raise type(e)(f"verification key: {name}: {e}") from e


def _proof(src: JsonSource) -> tuple[G1Words, G2Words, G1Words]:
    proof = _load(src, "proof")
    if not isinstance(proof, Mapping):
        raise InvalidInput("proof: expected a JSON object")
    for key in ("pi_a", "pi_b", "pi_c"):
        if key not in proof:
            raise InvalidInput(f"proof: missing {key!r}")
    if proof.get("protocol", "groth16") != "groth16":
        raise InvalidInput(f"proof: protocol {proof['protocol']!r} is not groth16")
    return _g1(proof["pi_a"], "pi_a"), _g2(proof["pi_b"], "pi_b"), _g1(proof["pi_c"], "pi_c")


def _public(src: PublicSource) -> tuple[int, ...]:
    public = _load(src, "public inputs")
    if not isinstance(public, (list, tuple)):
        raise InvalidInput("public inputs: expected a JSON list of decimal strings")
    return tuple(_int(v, f"public[{i}]", R) for i, v in enumerate(public))


# --- calldata -----------------------------------------------------------------------------


def verify_proof_args(proof: JsonSource, public: PublicSource) -> VerifyArgs:
    """The arguments of ``verifyProof(_pA, _pB, _pC, _pubSignals)`` as Python ints, with
    ``_pB`` already in EIP-197 order (imaginary part first): pass them to web3.py's
    ``contract.functions.verifyProof(*args)`` or to ``eth_abi.encode``.

    Checks the shape and that every number is canonical (coordinates < q, inputs < r); it
    does not check the proof (that is the contract's job).

    >>> proof = {"pi_a": ["1", "2", "1"], "pi_b": [["3", "4"], ["5", "6"], ["1", "0"]],
    ...          "pi_c": ["7", "8", "1"], "protocol": "groth16", "curve": "bn128"}
    >>> verify_proof_args(proof, ["9", "10"])
    ((1, 2), ((4, 3), (6, 5)), (7, 8), (9, 10))
    """
    a, b, c = _proof(proof)
    return a, _evm_g2(b), c, _public(public)


def verify_proof_signature(n_public: int) -> str:
    """The canonical signature of ``verifyProof`` for ``n_public`` inputs (the selector is the
    first 4 bytes of its keccak-256); with no public input the last parameter is left out,
    since Solidity has no ``uint256[0]``.

    >>> verify_proof_signature(2)
    'verifyProof(uint256[2],uint256[2][2],uint256[2],uint256[2])'
    """
    head = "verifyProof(uint256[2],uint256[2][2],uint256[2]"
    return head + (f",uint256[{n_public}])" if n_public else ")")


def verify_proof_calldata(proof: JsonSource, public: PublicSource) -> bytes:
    """The transaction data of a ``verifyProof`` call: the 4-byte selector, then the ABI
    encoding of the (all static) arguments, 32 bytes per number.

    >>> proof = {"pi_a": ["1", "2", "1"], "pi_b": [["3", "4"], ["5", "6"], ["1", "0"]],
    ...          "pi_c": ["7", "8", "1"], "protocol": "groth16", "curve": "bn128"}
    >>> data = verify_proof_calldata(proof, ["9"])
    >>> len(data), data[:4].hex(), data[4 + 32 * 2: 4 + 32 * 3].hex()[-2:]
    (292, '43753b4d', '04')
    """
    a, b, c, pub = verify_proof_args(proof, public)
    words = [*a, *b[0], *b[1], *c, *pub]
    selector = _keccak256(verify_proof_signature(len(pub)).encode())[:4]
    return selector + b"".join(w.to_bytes(32, "big") for w in words)


def solidity_calldata(proof: JsonSource, public: PublicSource) -> str:
    """The ``verifyProof`` arguments as text, exactly as ``snarkjs zkey export
    soliditycalldata public.json proof.json`` prints them (without its final newline).

    >>> proof = {"pi_a": ["1", "2", "1"], "pi_b": [["3", "4"], ["5", "6"], ["1", "0"]],
    ...          "pi_c": ["7", "8", "1"], "protocol": "groth16", "curve": "bn128"}
    >>> s = solidity_calldata(proof, ["9", "10"])
    >>> s.replace("0x" + "0" * 63, "")
    '["1", "2"],[["4", "3"],["6", "5"]],["7", "8"],["9","a"]'
    """
    a, b, c, pub = verify_proof_args(proof, public)

    def h(v: int) -> str:
        return f'"0x{v:064x}"'

    def pair(p: tuple[int, int]) -> str:
        return f"[{h(p[0])}, {h(p[1])}]"

    return f"{pair(a)},[{pair(b[0])},{pair(b[1])}],{pair(c)},[" + ",".join(map(h, pub)) + "]"


# --- keccak-256 (for the function selector; hashlib's sha3 uses different padding) --------


def _keccak256(data: bytes) -> bytes:
    """Keccak-256 as Ethereum uses it (original Keccak padding 0x01 ... 0x80).

    >>> _keccak256(b"").hex()[:16]
    'c5d2460186f7233c'
    """
    mask = (1 << 64) - 1

    def rol(v: int, n: int) -> int:
        n %= 64
        return ((v << n) | (v >> (64 - n))) & mask

    rate = 136
    msg = bytearray(data) + b"\x01" + bytes(-(len(data) + 1) % rate)
    msg[-1] |= 0x80
    lanes = [[0] * 5 for _ in range(5)]  # lanes[x][y]
    for off in range(0, len(msg), rate):
        block = msg[off : off + rate]
        for i in range(rate // 8):
            lanes[i % 5][i // 5] ^= int.from_bytes(block[8 * i : 8 * i + 8], "little")
        lfsr = 1
        for _ in range(24):
            c = [
                lanes[x][0] ^ lanes[x][1] ^ lanes[x][2] ^ lanes[x][3] ^ lanes[x][4]
                for x in range(5)
            ]
            d = [c[(x - 1) % 5] ^ rol(c[(x + 1) % 5], 1) for x in range(5)]
            lanes = [[lanes[x][y] ^ d[x] for y in range(5)] for x in range(5)]
            x, y = 1, 0
            cur = lanes[x][y]
            for t in range(24):
                x, y = y, (2 * x + 3 * y) % 5
                cur, lanes[x][y] = lanes[x][y], rol(cur, (t + 1) * (t + 2) // 2)
            for y in range(5):
                row = [lanes[x][y] for x in range(5)]
                for x in range(5):
                    lanes[x][y] = row[x] ^ ((~row[(x + 1) % 5]) & row[(x + 2) % 5])
            for j in range(7):
                lfsr = ((lfsr << 1) ^ ((lfsr >> 7) * 0x71)) % 256
                if lfsr & 2:
                    lanes[0][0] ^= 1 << ((1 << j) - 1)
    out = b"".join(lanes[i % 5][i // 5].to_bytes(8, "little") for i in range(4))
    return out


# --- the contract -----------------------------------------------------------------------------


def _ident(name: str) -> str:
    if not (name.isascii() and name.replace("_", "a").isalnum() and not name[0].isdigit()):
        raise InvalidInput(f"contract name {name!r} is not a Solidity identifier")
    return name


def solidity_verifier(vk: JsonSource, *, contract_name: str = "Groth16Verifier") -> str:
    """The Solidity source of a Groth16 verifier contract for one verifying key
    (``verification_key.json`` as snarkjs writes it: a dict or a path).

    The contract (``pragma solidity >=0.7.0 <0.9.0``, no imports, no storage) has snarkjs's
    ABI, ``verifyProof(uint[2] _pA, uint[2][2] _pB, uint[2] _pC, uint[N] _pubSignals)`` with
    N = ``nPublic`` (the last parameter is left out when N = 0), and returns ``false``
    (never reverts) for a proof that does not verify. It rejects:

    * a public input >= r (checked in the contract);
    * an ``A`` or ``C`` coordinate >= q, or ``A``/``C`` off the curve (checked in the
      contract, for about 150 gas; such calls do not burn gas). snarkjs's verifier leaves
      these to the precompiles, but it negates ``A.y`` as ``(q - A.y) mod q`` in 256-bit
      arithmetic without a range check, so it also accepts an alias ``A.y' >= q`` with
      ``A.y' = A.y + 2^256 (mod q)`` (see docs/solidity.md);
    * a ``B`` coordinate >= q, ``B`` off the twist or outside the order-r subgroup
      (checked by the pairing precompile 0x08, as EIP-197 requires; a failing precompile
      call consumes the gas it was given, 63/64 of what is left, and the contract returns
      ``false``);
    * an answer from 0x08 that is not exactly one 32-byte word 1 (so a chain without the
      precompile rejects everything instead of accepting everything).

    The key itself is checked here (canonical coordinates, on the curve, G2 points in the
    subgroup, ``len(IC) == nPublic + 1``) and hard-coded as constants, G2 in EIP-197 order
    (imaginary part first).

    >>> src = solidity_verifier(json.loads(EXAMPLE_VK), contract_name="MyVerifier")
    >>> "contract MyVerifier {" in src
    True
    """
    k = _Vk(vk)
    name = _ident(contract_name)
    n = k.n_public

    def g2_consts(label: str, p: G2Words) -> list[str]:
        (x1, x0), (y1, y0) = _evm_g2(p)
        return [
            f"    uint256 internal constant {label}_X1 = {x1};",
            f"    uint256 internal constant {label}_X0 = {x0};",
            f"    uint256 internal constant {label}_Y1 = {y1};",
            f"    uint256 internal constant {label}_Y0 = {y0};",
        ]

    consts = [
        f"    uint256 internal constant ALPHA_X = {k.alpha[0]};",
        f"    uint256 internal constant ALPHA_Y = {k.alpha[1]};",
        *g2_consts("BETA", k.beta),
        *g2_consts("GAMMA", k.gamma),
        *g2_consts("DELTA", k.delta),
    ]
    for i, (x, y) in enumerate(k.ic):
        consts.append(f"    uint256 internal constant IC{i}_X = {x};")
        consts.append(f"    uint256 internal constant IC{i}_Y = {y};")

    # Calldata offsets of the (all static) ABI arguments after the selector.
    pub = [260 + 32 * i for i in range(n)]
    # The first offsets by name (the same gas as a literal, and no unused-parameter warning).
    names = {4: "_pA", 68: "_pB", 196: "_pC", 260: "_pubSignals"}
    checks = "\n".join(
        f"            valid := and(valid, lt(calldataload({names.get(o, o)}), R))" for o in pub
    )
    acc = "\n".join(
        f"""\
            mstore(448, IC{i + 1}_X)
            mstore(480, IC{i + 1}_Y)
            mstore(512, calldataload({o}))
            success := and(success, staticcall(gas(), 7, 448, 96, 448, 64))
            success := and(success, staticcall(gas(), 6, 384, 128, 384, 64))"""
        for i, o in enumerate(pub)
    )
    pub_param = f",\n        uint256[{n}] calldata _pubSignals" if n else ""
    return _TEMPLATE.format(
        name=name,
        n=n,
        R=R,
        Q=Q,
        consts="\n".join(consts),
        pub_param=pub_param,
        checks=checks or "            // (no public inputs)",
        acc=acc or "            // (no public inputs: vk_x = IC0)",
    )


_TEMPLATE = """\
// SPDX-License-Identifier: MIT OR Apache-2.0
// Generated by masa-zk: a Groth16 verifier over BN254 (alt_bn128) for one verifying key.
pragma solidity >=0.7.0 <0.9.0;

/// @title Groth16 verifier ({n} public inputs)
/// @notice verifyProof returns true iff the proof verifies for these public inputs, and false
///         otherwise (it does not revert on a bad proof). Checked here: public inputs < r,
///         coordinates of A and C < q, A and C on the curve. Checked by the pairing
///         precompile 0x08 (EIP-197): B's coordinates < q, B on the twist and in the order-r
///         subgroup.
contract {name} {{
    // Scalar field order r and base field prime q of BN254.
    uint256 internal constant R = {R};
    uint256 internal constant Q = {Q};

    // The verifying key. G2 coordinates in EIP-197 order: X1/Y1 the imaginary parts.
{consts}

    /// @dev The ABI arguments are all static, so they sit at fixed calldata offsets: _pA at 4,
    ///      _pB at 68, _pC at 196, _pubSignals at 260 (hence `external`); offsets inside them
    ///      are written as literals. Memory from 0 is used freely: the assembly block ends the
    ///      call itself.
    function verifyProof(
        uint256[2] calldata _pA,
        uint256[2][2] calldata _pB,
        uint256[2] calldata _pC{pub_param}
    ) external view returns (bool) {{
        assembly {{
            // A = (ax, ay) and C = (cx, cy): coordinates < q and on y^2 = x^3 + 3, or (0, 0),
            // the point at infinity of EIP-196.
            let ax := calldataload(_pA)
            let ay := calldataload(36)
            let cx := calldataload(_pC)
            let cy := calldataload(228)
            let valid := and(and(lt(ax, Q), lt(ay, Q)), and(lt(cx, Q), lt(cy, Q)))
            valid := and(
                valid,
                or(
                    eq(mulmod(ay, ay, Q), addmod(mulmod(ax, mulmod(ax, ax, Q), Q), 3, Q)),
                    iszero(or(ax, ay))
                )
            )
            valid := and(
                valid,
                or(
                    eq(mulmod(cy, cy, Q), addmod(mulmod(cx, mulmod(cx, cx, Q), Q), 3, Q)),
                    iszero(or(cx, cy))
                )
            )
            // B is checked by 0x08 below: coordinates < q, on the twist, in the subgroup.
            // Public inputs < r.
{checks}
            if iszero(valid) {{
                mstore(0, 0)
                return(0, 32)
            }}

            // The pairing input at 0: four (G1, G2) pairs (-A, B), (alpha, beta),
            // (vk_x, gamma), (C, delta), 192 bytes each. vk_x = IC0 + sum input_i * IC_i is
            // accumulated in its slot (384) with ecMul (0x07) and ecAdd (0x06), the gamma slot
            // after it (448 .. 544) serving as scratch until gamma is written.
            let success := 1
            mstore(384, IC0_X)
            mstore(416, IC0_Y)
{acc}

            mstore(0, ax)
            mstore(32, mod(sub(Q, ay), Q))
            calldatacopy(64, _pB, 128)
            mstore(192, ALPHA_X)
            mstore(224, ALPHA_Y)
            mstore(256, BETA_X1)
            mstore(288, BETA_X0)
            mstore(320, BETA_Y1)
            mstore(352, BETA_Y0)
            mstore(448, GAMMA_X1)
            mstore(480, GAMMA_X0)
            mstore(512, GAMMA_Y1)
            mstore(544, GAMMA_Y0)
            mstore(576, cx)
            mstore(608, cy)
            mstore(640, DELTA_X1)
            mstore(672, DELTA_X0)
            mstore(704, DELTA_Y1)
            mstore(736, DELTA_Y0)

            // e(-A, B) e(alpha, beta) e(vk_x, gamma) e(C, delta) == 1? Accept only successful
            // calls and exactly the word 1 from 0x08: an address without code "succeeds" with
            // no output.
            success := and(success, staticcall(gas(), 8, 0, 768, 0, 32))
            success := and(success, and(eq(returndatasize(), 32), eq(mload(0), 1)))
            mstore(0, success)
            return(0, 32)
        }}
    }}
}}
"""
