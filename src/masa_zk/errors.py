"""The exception hierarchy of masa-zk.

Every error the library raises on purpose derives from :class:`MasaZKError`, so a service
can catch them all at one place; the subclasses say what went wrong.

>>> from masa_zk import Fr
>>> from masa_zk.errors import InvalidInput
>>> try:
...     Fr.from_bytes(b"\\xff" * 32)
... except InvalidInput as e:
...     print(type(e).__name__)
InvalidEncoding
"""

from __future__ import annotations


class MasaZKError(Exception):
    """Base class of every error masa-zk raises on purpose."""


class InvalidInput(MasaZKError, ValueError):
    """An argument has the wrong type, length, shape or range."""


class InvalidEncoding(InvalidInput):
    """Bytes that do not decode canonically (a field element >= modulus, bad flag bits)."""


class InvalidPoint(InvalidEncoding):
    """Bytes that decode to coordinates, but not to a valid group element."""


class NotOnCurve(InvalidPoint):
    """Coordinates that do not satisfy the curve equation."""


class NotInSubgroup(InvalidPoint):
    """A point on the curve but outside its prime-order subgroup."""


class InvalidProof(MasaZKError):
    """A proof or signature that does not verify, where that is an error."""


class UnsatisfiedConstraint(MasaZKError):
    """A witness that violates a constraint of its circuit."""


class NativeError(MasaZKError, RuntimeError):
    """A bug inside the native core (a caught Rust panic). Please report it."""
