"""snarkjs's JSON encodings of numbers and points (FORMATS.md §8), both directions.

Numbers are decimal strings in normal form; a G1 point is ``[x, y, "1"]`` and a G2 point
``[[x.c0, x.c1], [y.c0, y.c1], ["1", "0"]]`` (projective coordinates with z = 1); the point
at infinity is ``["0", "1", "0"]`` in G1 and ``[["0", "0"], ["1", "0"], ["0", "0"]]`` in G2.
Parsing is strict: canonical decimal strings only (no sign, no leading zeros), coordinates
``< q``, scalars ``< r``, z exactly as snarkjs writes it; points are checked to be on the
curve and in the subgroup (:class:`~masa_zk.errors.NotOnCurve`,
:class:`~masa_zk.errors.NotInSubgroup`).

>>> from masa_zk import G1
>>> g1_to_json(G1.generator())
['1', '2', '1']
>>> g1_from_json(['1', '2', '1']) == G1.generator()
True
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Sequence
from numbers import Integral
from typing import Any

from masa_zk.bn254 import G1, G2, Q, R
from masa_zk.errors import InvalidEncoding, InvalidInput

_DECIMAL = re.compile(r"0|[1-9][0-9]*")

G1_INFINITY = ["0", "1", "0"]
G2_INFINITY = [["0", "0"], ["1", "0"], ["0", "0"]]


def decimal(what: str, v: object, bound: int) -> int:
    """A canonical decimal string ``< bound`` as an int (InvalidEncoding otherwise)."""
    if not isinstance(v, str) or not _DECIMAL.fullmatch(v):
        raise InvalidEncoding(f"{what}: expected a decimal string, got {v!r}")
    x = int(v)
    if x >= bound:
        raise InvalidEncoding(f"{what}: {v} is not below the modulus")
    return x


def _list(what: str, v: object, n: int) -> list[Any]:
    if not isinstance(v, list) or len(v) != n:
        raise InvalidEncoding(f"{what}: expected a list of {n} elements, got {v!r}")
    return v


def fr_from_json(what: str, v: object) -> int:
    """A scalar (``< r``) from its decimal string."""
    return decimal(what, v, R)


def g1_to_json(p: G1) -> list[str]:
    """``[x, y, "1"]``, or ``["0", "1", "0"]`` for the identity."""
    if p.is_identity():
        return list(G1_INFINITY)
    return [str(p.x), str(p.y), "1"]


def g1_from_json(v: object, what: str = "G1 point") -> G1:
    """The point of ``[x, y, "1"]`` / ``["0", "1", "0"]``, fully checked."""
    x, y, z = _list(what, v, 3)
    if z == "0":
        if [x, y] != ["0", "1"]:
            raise InvalidEncoding(f'{what}: the point at infinity is ["0", "1", "0"]')
        return G1.identity()
    if z != "1":
        raise InvalidEncoding(f'{what}: z must be "1" (affine) or "0" (infinity), got {z!r}')
    xi, yi = decimal(f"{what}.x", x, Q), decimal(f"{what}.y", y, Q)
    if xi == 0 and yi == 0:
        raise InvalidEncoding(f'{what}: (0, 0) is not a point; infinity has z = "0"')
    return G1.from_coordinates(xi, yi)


def g2_to_json(p: G2) -> list[list[str]]:
    """``[[x.c0, x.c1], [y.c0, y.c1], ["1", "0"]]``, or the identity's encoding."""
    if p.is_identity():
        return [list(c) for c in G2_INFINITY]
    (x0, x1), (y0, y1) = p.x, p.y
    return [[str(x0), str(x1)], [str(y0), str(y1)], ["1", "0"]]


def g2_from_json(v: object, what: str = "G2 point") -> G2:
    """The point of ``[[x.c0, x.c1], [y.c0, y.c1], ["1", "0"]]``, fully checked (subgroup
    included)."""
    x, y, z = (_list(f"{what}[{i}]", c, 2) for i, c in enumerate(_list(what, v, 3)))
    if z == ["0", "0"]:
        if [x, y] != [["0", "0"], ["1", "0"]]:
            raise InvalidEncoding(f"{what}: bad encoding of the point at infinity")
        return G2.identity()
    if z != ["1", "0"]:
        raise InvalidEncoding(f'{what}: z must be ["1", "0"] or ["0", "0"], got {z!r}')
    xs = [decimal(f"{what}.x", c, Q) for c in x]
    ys = [decimal(f"{what}.y", c, Q) for c in y]
    if not any(xs + ys):
        raise InvalidEncoding(f'{what}: (0, 0) is not a point; infinity has z = ["0", "0"]')
    return G2.from_coordinates(xs, ys)


def public_to_json(public: Sequence[int]) -> list[str]:
    """``public.json``: the public inputs as decimal strings.

    >>> public_to_json([35, 0])
    ['35', '0']
    """
    out: list[str] = []
    for i, x in enumerate(public):
        if not isinstance(x, Integral) or isinstance(x, bool) or not 0 <= int(x) < R:
            raise InvalidInput(f"public input {i}: {x!r} is not a field element in [0, r)")
        out.append(str(int(x)))
    return out


def public_from_json(v: object) -> list[int]:
    """Public inputs from ``public.json`` (a list of decimal strings, each ``< r``).

    >>> public_from_json(["35", "0"])
    [35, 0]
    """
    if isinstance(v, (str, bytes)):
        v = json.loads(v)
    if not isinstance(v, list):
        raise InvalidEncoding(f"public inputs: expected a list, got {type(v).__name__}")
    return [fr_from_json(f"public input {i}", x) for i, x in enumerate(v)]


def load(v: object) -> Any:
    """A parsed JSON value from a dict/list, JSON text or bytes."""
    if isinstance(v, (str, bytes, bytearray)):
        try:
            return json.loads(v)
        except ValueError as e:
            raise InvalidEncoding(f"not JSON: {e}") from None
    return v


def write(obj: Any, path: str | os.PathLike[str]) -> None:
    """Write ``obj`` as snarkjs writes its JSON files (``JSON.stringify(obj, null, 1)``)."""
    with open(path, "w", encoding="utf-8") as f:
        f.write(json.dumps(obj, indent=1))
