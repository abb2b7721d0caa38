"""Groth16 key types.

:class:`ProvingKey` wraps a native proving key (the content of a snarkjs ``.zkey``); it
is created by setup or by reading a ``.zkey`` file and never crosses the FFI as bytes
unless written out. :class:`VerifyingKey` is small and plain: a binary form and snarkjs's
``verification_key.json``.
"""

from __future__ import annotations

import os
from typing import Any

from masa_zk import _ffi
from masa_zk.bn254 import G1, G2
from masa_zk.errors import InvalidEncoding, InvalidInput
from masa_zk.groth16 import snarkjs_json as sj

#: Bytes of a verifying key before its IC points (alpha1, beta2, gamma2, delta2, n_public).
VK_HEADER_BYTES = 452


class ProvingKey:
    """A Groth16 proving key held by the native core (snarkjs ``.zkey`` content).

    Created by ``masa_zk.groth16.setup`` or ``masa_zk.formats.read_zkey``; not
    constructed directly.
    """

    __slots__ = ("_handle",)

    def __init__(self, handle: Any) -> None:
        self._handle = handle

    def _sizes(self) -> tuple[int, int, int]:
        return _ffi.proving_key_sizes(self._handle)

    @property
    def n_vars(self) -> int:
        """Wires of the circuit, wire 0 included."""
        return self._sizes()[0]

    @property
    def n_public(self) -> int:
        """Public inputs (circom: outputs, then public inputs)."""
        return self._sizes()[1]

    @property
    def domain_size(self) -> int:
        """The FFT domain: the smallest power of two above constraints + public inputs."""
        return self._sizes()[2]

    def verifying_key(self) -> VerifyingKey:
        """The verifying key of this proving key."""
        return VerifyingKey.from_bytes(_ffi.proving_key_verifying_key(self._handle))

    def __repr__(self) -> str:
        nv, npub, n = self._sizes()
        return f"ProvingKey(n_vars={nv}, n_public={npub}, domain_size={n})"


class VerifyingKey:
    """A Groth16 verifying key: ``alpha1``, ``beta2``, ``gamma2``, ``delta2`` and the
    ``n_public + 1`` points ``ic``.

    Binary form (:meth:`to_bytes`), big-endian, the uncompressed point encodings of
    :mod:`masa_zk.bn254`::

        alpha1 (G1, 64) ‖ beta2 ‖ gamma2 ‖ delta2 (G2, 128 each) ‖ n_public (u32 BE)
        ‖ IC_0 … IC_n_public (G1, 64 each)          = 452 + 64·(n_public + 1) bytes

    JSON form: snarkjs's ``verification_key.json`` (:meth:`to_json`), with
    ``vk_alphabeta_12`` = e(alpha1, beta2) computed natively.

    >>> from masa_zk import G1, G2
    >>> g1, g2 = G1.generator(), G2.generator()
    >>> vk = VerifyingKey(g1, g2, g2, g2 * 2, [g1, g1 * 3])
    >>> vk.n_public, len(vk.to_bytes())
    (1, 580)
    >>> VerifyingKey.from_bytes(vk.to_bytes()) == vk == VerifyingKey.from_json(vk.to_json())
    True
    """

    __slots__ = ("_b", "_native")

    def __init__(self, alpha1: G1, beta2: G2, gamma2: G2, delta2: G2, ic: list[G1]) -> None:
        if not (
            isinstance(alpha1, G1)
            and all(isinstance(q, G2) for q in (beta2, gamma2, delta2))
            and isinstance(ic, (list, tuple))
            and len(ic) >= 1
            and all(isinstance(p, G1) for p in ic)
        ):
            raise InvalidInput(
                "VerifyingKey(alpha1: G1, beta2: G2, gamma2: G2, delta2: G2, ic: list[G1], "
                "at least one IC point)"
            )
        self._b = (
            alpha1.to_bytes()
            + beta2.to_bytes()
            + gamma2.to_bytes()
            + delta2.to_bytes()
            + (len(ic) - 1).to_bytes(4, "big")
            + b"".join(p.to_bytes() for p in ic)
        )
        self._native: Any = None

    @classmethod
    def from_bytes(cls, data: bytes) -> VerifyingKey:
        """Decode the binary form; every point is checked (curve and subgroup)."""
        if not isinstance(data, (bytes, bytearray, memoryview)):
            raise InvalidInput(f"verifying key: expected bytes, got {type(data).__name__}")
        data = bytes(data)
        if len(data) < VK_HEADER_BYTES:
            raise InvalidEncoding(f"verifying key: {len(data)} bytes is too short")
        n = int.from_bytes(data[448:452], "big")
        if len(data) != VK_HEADER_BYTES + 64 * (n + 1):
            raise InvalidEncoding(
                f"verifying key: {len(data)} bytes, but n_public = {n} needs "
                f"{VK_HEADER_BYTES + 64 * (n + 1)}"
            )
        vk = object.__new__(cls)
        vk._b = data
        vk._native = _ffi.verifying_key_new(data)  # checks every point
        return vk

    def to_bytes(self) -> bytes:
        """The binary form (see the class docs)."""
        return self._b

    def _handle(self) -> Any:
        if self._native is None:
            self._native = _ffi.verifying_key_new(self._b)
        return self._native

    @property
    def n_public(self) -> int:
        return int.from_bytes(self._b[448:452], "big")

    @property
    def alpha1(self) -> G1:
        return G1.from_bytes(self._b[:64])

    @property
    def beta2(self) -> G2:
        return G2.from_bytes(self._b[64:192])

    @property
    def gamma2(self) -> G2:
        return G2.from_bytes(self._b[192:320])

    @property
    def delta2(self) -> G2:
        return G2.from_bytes(self._b[320:448])

    @property
    def ic(self) -> list[G1]:
        b = self._b
        return [G1.from_bytes(b[i : i + 64]) for i in range(VK_HEADER_BYTES, len(b), 64)]

    def alphabeta(self) -> list[list[list[str]]]:
        """e(alpha1, beta2) as snarkjs's ``vk_alphabeta_12`` (Fq12 as 2 x 3 x 2 decimals)."""
        gt = _ffi.verifying_key_alphabeta(self._handle())
        c = [str(int.from_bytes(gt[i : i + 32], "big")) for i in range(0, 384, 32)]
        return [[[c[6 * a + 2 * b], c[6 * a + 2 * b + 1]] for b in range(3)] for a in range(2)]

    def to_json(self) -> dict[str, Any]:
        """snarkjs's ``verification_key.json`` object (same keys, order and formats)."""
        return {
            "protocol": "groth16",
            "curve": "bn128",
            "nPublic": self.n_public,
            "vk_alpha_1": sj.g1_to_json(self.alpha1),
            "vk_beta_2": sj.g2_to_json(self.beta2),
            "vk_gamma_2": sj.g2_to_json(self.gamma2),
            "vk_delta_2": sj.g2_to_json(self.delta2),
            "vk_alphabeta_12": self.alphabeta(),
            "IC": [sj.g1_to_json(p) for p in self.ic],
        }

    @classmethod
    def from_json(cls, obj: object) -> VerifyingKey:
        """Parse ``verification_key.json`` (an object or its text): points checked,
        ``nPublic`` must match ``IC``, and ``vk_alphabeta_12``, when present, must equal
        e(alpha1, beta2)."""
        obj = sj.load(obj)
        if not isinstance(obj, dict):
            raise InvalidEncoding("verification_key.json: expected an object")
        for key, want in (("protocol", "groth16"), ("curve", "bn128")):
            if obj.get(key) != want:
                raise InvalidEncoding(
                    f"verification_key.json: {key} is {obj.get(key)!r}, expected {want!r}"
                )
        need = ("nPublic", "vk_alpha_1", "vk_beta_2", "vk_gamma_2", "vk_delta_2", "IC")
        missing = [k for k in need if k not in obj]
        if missing:
            raise InvalidEncoding(f"verification_key.json: missing {', '.join(missing)}")
        ic = obj["IC"]
        n = obj["nPublic"]
        if not isinstance(ic, list) or not ic:
            raise InvalidEncoding("verification_key.json: IC must be a non-empty list")
        if not isinstance(n, int) or isinstance(n, bool) or n != len(ic) - 1:
            raise InvalidEncoding(
                f"verification_key.json: nPublic = {n!r} but IC has {len(ic)} points"
            )
        vk = cls(
            sj.g1_from_json(obj["vk_alpha_1"], "vk_alpha_1"),
            sj.g2_from_json(obj["vk_beta_2"], "vk_beta_2"),
            sj.g2_from_json(obj["vk_gamma_2"], "vk_gamma_2"),
            sj.g2_from_json(obj["vk_delta_2"], "vk_delta_2"),
            [sj.g1_from_json(p, f"IC[{i}]") for i, p in enumerate(ic)],
        )
        if "vk_alphabeta_12" in obj and obj["vk_alphabeta_12"] != vk.alphabeta():
            raise InvalidEncoding(
                "verification_key.json: vk_alphabeta_12 is not e(vk_alpha_1, vk_beta_2)"
            )
        return vk

    def write_json(self, path: str | os.PathLike[str]) -> None:
        """Write ``verification_key.json`` as snarkjs does."""
        sj.write(self.to_json(), path)

    @classmethod
    def read_json(cls, path: str | os.PathLike[str]) -> VerifyingKey:
        """Read a ``verification_key.json`` file."""
        with open(path, "rb") as f:
            return cls.from_json(f.read())

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, VerifyingKey):
            return NotImplemented
        return self._b == other._b

    def __hash__(self) -> int:
        return hash(self._b)

    def __reduce__(self) -> tuple[Any, tuple[bytes]]:
        return (VerifyingKey.from_bytes, (self._b,))

    def __repr__(self) -> str:
        return f"VerifyingKey(n_public={self.n_public})"
