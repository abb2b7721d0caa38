"""A Groth16 proof: three points, with a 256-byte binary form and snarkjs's ``proof.json``."""

from __future__ import annotations

import os
from typing import Any

from masa_zk.bn254 import G1, G2
from masa_zk.errors import InvalidEncoding, InvalidInput
from masa_zk.groth16 import snarkjs_json as sj

#: Size of :meth:`Proof.to_bytes`.
PROOF_BYTES = 256


class Proof:
    """A Groth16 proof ``(A, B, C)``: A, C in G1 and B in G2, each checked on construction.

    Binary form (256 bytes): A (64) ‖ B (128) ‖ C (64), the canonical big-endian
    uncompressed encodings of :class:`~masa_zk.bn254.G1`/:class:`~masa_zk.bn254.G2`
    (EVM order). JSON form: snarkjs's ``proof.json``.

    >>> from masa_zk import G1, G2
    >>> p = Proof(G1.generator(), G2.generator(), G1.generator() * 2)
    >>> Proof.from_bytes(p.to_bytes()) == p
    True
    >>> list(p.to_json())
    ['pi_a', 'pi_b', 'pi_c', 'protocol', 'curve']
    >>> Proof.from_json(p.to_json()) == p
    True
    """

    __slots__ = ("a", "b", "c")
    a: G1
    b: G2
    c: G1

    def __init__(self, a: G1, b: G2, c: G1) -> None:
        if not (isinstance(a, G1) and isinstance(b, G2) and isinstance(c, G1)):
            raise InvalidInput("Proof(a, b, c) takes a G1, a G2 and a G1 point")
        object.__setattr__(self, "a", a)
        object.__setattr__(self, "b", b)
        object.__setattr__(self, "c", c)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("Proof is immutable")

    def __reduce__(self) -> tuple[Any, tuple[bytes]]:
        return (Proof.from_bytes, (self.to_bytes(),))

    def to_bytes(self) -> bytes:
        """A ‖ B ‖ C, 256 bytes."""
        return self.a.to_bytes() + self.b.to_bytes() + self.c.to_bytes()

    @classmethod
    def from_bytes(cls, data: bytes) -> Proof:
        """Decode 256 bytes; every point is checked (curve and subgroup)."""
        if not isinstance(data, (bytes, bytearray, memoryview)):
            raise InvalidInput(f"proof: expected bytes, got {type(data).__name__}")
        data = bytes(data)
        if len(data) != PROOF_BYTES:
            raise InvalidEncoding(f"proof: expected {PROOF_BYTES} bytes, got {len(data)}")
        return cls(
            G1.from_bytes(data[:64], compressed=False),
            G2.from_bytes(data[64:192], compressed=False),
            G1.from_bytes(data[192:], compressed=False),
        )

    def to_json(self) -> dict[str, Any]:
        """snarkjs's ``proof.json`` object (same keys, order and number format)."""
        return {
            "pi_a": sj.g1_to_json(self.a),
            "pi_b": sj.g2_to_json(self.b),
            "pi_c": sj.g1_to_json(self.c),
            "protocol": "groth16",
            "curve": "bn128",
        }

    @classmethod
    def from_json(cls, obj: object) -> Proof:
        """Parse a ``proof.json`` object (or its text), with every check of
        :mod:`.snarkjs_json`."""
        obj = sj.load(obj)
        if not isinstance(obj, dict):
            raise InvalidEncoding("proof.json: expected an object")
        for key, want in (("protocol", "groth16"), ("curve", "bn128")):
            if key in obj and obj[key] != want:
                raise InvalidEncoding(f"proof.json: {key} is {obj[key]!r}, expected {want!r}")
        missing = [k for k in ("pi_a", "pi_b", "pi_c") if k not in obj]
        if missing:
            raise InvalidEncoding(f"proof.json: missing {', '.join(missing)}")
        return cls(
            sj.g1_from_json(obj["pi_a"], "pi_a"),
            sj.g2_from_json(obj["pi_b"], "pi_b"),
            sj.g1_from_json(obj["pi_c"], "pi_c"),
        )

    def write_json(self, path: str | os.PathLike[str]) -> None:
        """Write ``proof.json`` as snarkjs does."""
        sj.write(self.to_json(), path)

    @classmethod
    def read_json(cls, path: str | os.PathLike[str]) -> Proof:
        """Read a ``proof.json`` file."""
        with open(path, "rb") as f:
            return cls.from_json(f.read())

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Proof):
            return NotImplemented
        return self.to_bytes() == other.to_bytes()

    def __hash__(self) -> int:
        return hash(self.to_bytes())

    def __repr__(self) -> str:
        return f"Proof(a={self.a!r}, b={self.b!r}, c={self.c!r})"
