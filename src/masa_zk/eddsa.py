"""EdDSA-Poseidon over Baby Jubjub, exactly as circomlibjs's ``eddsa.signPoseidon`` /
``verifyPoseidon`` / ``prv2pub`` / ``packSignature`` (and circomlib's
``EdDSAPoseidonVerifier`` circuit).

Messages are BN254 scalar field elements (ints in [0, r)). Verification is circomlibjs's
check ``Base8·S == R8 + (8·H)·A`` plus: ``S < l``, ``A`` and ``R8`` in the prime-order
subgroup, ``A`` not the identity.

>>> from masa_zk.eddsa import PrivateKey
>>> sk = PrivateKey.from_bytes(bytes(range(32)))
>>> sig = sk.sign(42)
>>> sk.public_key().verify(42, sig), sk.public_key().verify(43, sig)
(True, False)
"""

from __future__ import annotations

import hmac
import operator
import secrets
from typing import Any

from masa_zk import _ffi
from masa_zk.babyjubjub import SUBGROUP_ORDER, Point
from masa_zk.errors import InvalidInput, NotInSubgroup
from masa_zk.hashing import FIELD_MODULUS

__all__ = ["PrivateKey", "PublicKey", "Signature"]


def _msg_bytes(msg: Any) -> bytes:
    if isinstance(msg, bool):
        raise InvalidInput("eddsa: the message must be an int")
    try:
        m = operator.index(msg)
    except TypeError:
        raise InvalidInput(
            f"eddsa: the message must be an int field element, got {type(msg).__name__}"
        ) from None
    if not 0 <= m < FIELD_MODULUS:
        raise InvalidInput("eddsa: the message must lie in [0, r) (the BN254 scalar field)")
    return m.to_bytes(32, "little")


def _as_bytes(data: Any, n: int, what: str) -> bytes:
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise InvalidInput(f"eddsa: {what} must be bytes, got {type(data).__name__}")
    raw = bytes(data)
    if len(raw) != n:
        raise InvalidInput(f"eddsa: {what} must be {n} bytes, got {len(raw)}")
    return raw


class Signature:
    """An EdDSA-Poseidon signature ``(R8, S)``.

    ``S`` may be any int in [0, 2^256) here, so that a malleated ``S >= l`` can be
    represented; :meth:`PublicKey.verify` rejects it.

    >>> sig = PrivateKey.from_bytes(b"\\x01" * 32).sign(7)
    >>> Signature.from_bytes(sig.to_bytes()) == sig
    True
    """

    __slots__ = ("_r8", "_s")
    _r8: Point
    _s: int

    def __init__(self, R8: Point, S: int) -> None:
        if not isinstance(R8, Point):
            raise InvalidInput("eddsa: R8 must be a babyjubjub.Point")
        if isinstance(S, bool):
            raise InvalidInput("eddsa: S must be an int")
        try:
            s = operator.index(S)
        except TypeError:
            raise InvalidInput("eddsa: S must be an int") from None
        if not 0 <= s < 1 << 256:
            raise InvalidInput("eddsa: S must lie in [0, 2^256)")
        object.__setattr__(self, "_r8", R8)
        object.__setattr__(self, "_s", s)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("Signature is immutable")

    @property
    def R8(self) -> Point:
        """The commitment point ``R8 = r · Base8``."""
        return self._r8

    @property
    def S(self) -> int:
        """The scalar ``S = r + H · s mod l``."""
        return self._s

    def to_bytes(self) -> bytes:
        """64 bytes, circomlibjs ``packSignature``: packed R8 || S (32 bytes little-endian)."""
        return self._r8.to_bytes() + self._s.to_bytes(32, "little")

    @classmethod
    def from_bytes(cls, data: bytes) -> Signature:
        """Parse 64 bytes (circomlibjs ``unpackSignature`` layout).

        R8 must decode to a curve point (else an :class:`~masa_zk.errors.InvalidEncoding`
        subclass is raised); its subgroup and the range of S are checked by ``verify``.
        """
        raw = _as_bytes(data, 64, "a signature")
        r8 = Point.from_bytes(raw[:32], check_subgroup=False)
        return cls(r8, int.from_bytes(raw[32:], "little"))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Signature):
            return NotImplemented
        return self._r8 == other._r8 and self._s == other._s

    def __hash__(self) -> int:
        return hash(("eddsa.Signature", self._r8, self._s))

    def __repr__(self) -> str:
        return f"Signature({self.to_bytes().hex()})"


class PublicKey:
    """An EdDSA-Poseidon public key: a point ``A`` of the prime-order subgroup.

    >>> pk = PrivateKey.from_bytes(b"\\x02" * 32).public_key()
    >>> PublicKey.from_bytes(pk.to_bytes()) == pk
    True
    """

    __slots__ = ("_point",)
    _point: Point

    def __init__(self, point: Point) -> None:
        if not isinstance(point, Point):
            raise InvalidInput("eddsa: a public key is a babyjubjub.Point")
        if not point.in_subgroup():
            raise NotInSubgroup("eddsa: a public key must be in the prime-order subgroup")
        object.__setattr__(self, "_point", point)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("PublicKey is immutable")

    @property
    def point(self) -> Point:
        """The point ``A``."""
        return self._point

    def to_bytes(self) -> bytes:
        """The packed point, 32 bytes (circomlibjs ``packPoint``)."""
        return self._point.to_bytes()

    @classmethod
    def from_bytes(cls, data: bytes) -> PublicKey:
        """Unpack 32 bytes; raises unless they encode a point of the prime-order subgroup."""
        return cls(Point.from_bytes(_as_bytes(data, 32, "a public key"), check_subgroup=True))

    def verify(self, msg: int, signature: Signature | bytes) -> bool:
        """Whether ``signature`` signs the field element ``msg`` under this key.

        Returns False for every invalid signature: a wrong one, ``S >= l``, R8 outside the
        subgroup, or bytes that do not parse. Raises
        :class:`~masa_zk.errors.InvalidInput` only for a ``msg`` that is not an int in
        [0, r) or a ``signature`` of another type.

        >>> sk = PrivateKey.from_bytes(b"\\x03" * 32)
        >>> sk.public_key().verify(5, sk.sign(5).to_bytes())
        True
        """
        m = _msg_bytes(msg)
        if isinstance(signature, (bytes, bytearray, memoryview)):
            try:
                signature = Signature.from_bytes(bytes(signature))
            except InvalidInput:
                return False
        if not isinstance(signature, Signature):
            raise InvalidInput("eddsa: signature must be a Signature or 64 bytes")
        if signature.S >= SUBGROUP_ORDER:
            return False
        return _ffi.eddsa_verify(
            self._point._to_native(),
            m,
            signature.R8._to_native(),
            signature.S.to_bytes(32, "little"),
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, PublicKey):
            return NotImplemented
        return self._point == other._point

    def __hash__(self) -> int:
        return hash(("eddsa.PublicKey", self._point))

    def __repr__(self) -> str:
        return f"PublicKey({self.to_bytes().hex()})"


class PrivateKey:
    """A 32-byte EdDSA-Poseidon private key (circomlibjs's ``prv``). Its repr never shows it.

    >>> sk = PrivateKey.generate()
    >>> sk.public_key().verify(1, sk.sign(1))
    True
    >>> "PrivateKey" in repr(sk)
    True
    """

    __slots__ = ("_secret",)
    _secret: bytes

    def __init__(self, secret: bytes) -> None:
        object.__setattr__(self, "_secret", _as_bytes(secret, 32, "a private key"))

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("PrivateKey is immutable")

    @classmethod
    def from_bytes(cls, data: bytes) -> PrivateKey:
        """A private key from its 32 bytes."""
        return cls(data)

    @classmethod
    def generate(cls) -> PrivateKey:
        """A fresh private key from the operating system's CSPRNG."""
        return cls(secrets.token_bytes(32))

    def to_bytes(self) -> bytes:
        """The 32 secret bytes (handle with care)."""
        return self._secret

    def public_key(self) -> PublicKey:
        """``A = Base8 · (s >> 3)`` (circomlibjs ``prv2pub``)."""
        a = Point._from_native(_ffi.eddsa_public_key(self._secret))
        return PublicKey(a)

    def sign(self, msg: int) -> Signature:
        """Sign the field element ``msg`` (circomlibjs ``signPoseidon``; deterministic)."""
        out = _ffi.eddsa_sign(self._secret, _msg_bytes(msg))
        return Signature(Point._from_native(out[:64]), int.from_bytes(out[64:], "little"))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, PrivateKey):
            return NotImplemented
        return hmac.compare_digest(self._secret, other._secret)

    def __hash__(self) -> int:
        return hash(("eddsa.PrivateKey", self.public_key()))

    def __repr__(self) -> str:
        return "PrivateKey(<secret>)"

    __str__ = __repr__

    def __reduce__(self) -> Any:
        raise TypeError("PrivateKey is not picklable; store to_bytes() deliberately")
