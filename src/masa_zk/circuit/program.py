"""The witness program and the R1CS, and their byte format for the native core.

The witness program is a flat list of operations, run in order by
``native/src/witness``; each assigns fresh wires from wires assigned before it::

    LinOp(out, lc)                              w[out] = lc
    MulOp(out, a, b)                            w[out] = a · b
    HintOp(kind, param, inputs, out_start, n)   w[out_start : out_start + n] = hint(inputs)

Wire 0 is 1; wires 1..n_inputs are the inputs (public, then private). Slots from n_wires
on are scratch registers: values the program computes once and reads many times, which
are not wires of the R1CS. ``checks`` lists the constraints a witness run verifies (the
others restate a ``MulOp`` and hold by construction); None verifies all. Byte format (all
little-endian; field elements are 32-byte words < r)::

    coefs   := u32 n, n x 32-byte field element     (each distinct coefficient once)
    lc      := u32 n, n x u32 wire, n x u32 index into coefs
    program := "MZWP" u32 2, u32 n_wires, u32 n_scratch, u32 n_inputs, u32 n_ops, coefs,
               ops, u32 n_checks, n_checks x u32 index   (n_checks = 0xFFFFFFFF: all, no list)
    op      := u8 0, u32 out, lc  |  u8 1, u32 out, lc, lc
             | u8 2, u8 kind, u32 param, u32 n_in, n_in x lc, u32 out_start, u32 n_out
    r1cs    := "MZRC" u32 2, u32 n_wires, u32 n_constraints, coefs,
               n_constraints x (lc, lc, lc)
"""

from __future__ import annotations

import struct
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

#: Terms of a linear combination: wire index → coefficient in [1, r).
Terms = dict[int, int]


@dataclass(frozen=True)
class LinOp:
    """``w[out] = lc``."""

    out: int
    lc: Terms


@dataclass(frozen=True)
class MulOp:
    """``w[out] = a · b``."""

    out: int
    a: Terms
    b: Terms


@dataclass(frozen=True)
class HintOp:
    """``w[out_start : out_start + n_out] = hint_<kind>(inputs; param)``."""

    kind: int
    param: int
    inputs: tuple[Terms, ...]
    out_start: int
    n_out: int


Op = LinOp | MulOp | HintOp

_U32 = struct.Struct("<I")


class _Writer:
    """Serialises linear combinations; each distinct coefficient is written once (a
    circuit uses few distinct values, and converting ints to bytes is the slow part)."""

    def __init__(self) -> None:
        self.parts: list[bytes] = []
        self.coefs: dict[int, int] = {}  # value -> index

    def lc(self, terms: Terms) -> None:
        ids = self.coefs
        n = len(terms)
        self.parts.append(
            struct.pack(
                f"<{2 * n + 1}I", n, *terms, *[ids.setdefault(c, len(ids)) for c in terms.values()]
            )
        )

    def table(self) -> bytes:
        return _U32.pack(len(self.coefs)) + b"".join(c.to_bytes(32, "little") for c in self.coefs)


def program_bytes(
    n_wires: int,
    n_inputs: int,
    ops: Iterable[Op],
    *,
    n_scratch: int = 0,
    checks: Sequence[int] | None = None,
) -> bytes:
    """Serialise a witness program (``checks``: ascending constraint indices, None: all)."""
    ops = list(ops)
    wr = _Writer()
    parts = wr.parts
    for op in ops:
        if isinstance(op, LinOp):
            parts.append(b"\x00" + _U32.pack(op.out))
            wr.lc(op.lc)
        elif isinstance(op, MulOp):
            parts.append(b"\x01" + _U32.pack(op.out))
            wr.lc(op.a)
            wr.lc(op.b)
        else:
            parts.append(struct.pack("<BBII", 2, op.kind, op.param, len(op.inputs)))
            for lc in op.inputs:
                wr.lc(lc)
            parts.append(struct.pack("<II", op.out_start, op.n_out))
    if checks is None:
        parts.append(_U32.pack(0xFFFFFFFF))
    else:
        parts.append(struct.pack(f"<{len(checks) + 1}I", len(checks), *checks))
    head = b"MZWP" + struct.pack("<IIIII", 2, n_wires, n_scratch, n_inputs, len(ops))
    return head + wr.table() + b"".join(parts)


def r1cs_bytes(n_wires: int, constraints: Iterable[tuple[Terms, Terms, Terms]]) -> bytes:
    """Serialise an R1CS."""
    cs = list(constraints)
    wr = _Writer()
    for a, b, c in cs:
        wr.lc(a)
        wr.lc(b)
        wr.lc(c)
    head = b"MZRC" + struct.pack("<III", 2, n_wires, len(cs))
    return head + wr.table() + b"".join(wr.parts)
