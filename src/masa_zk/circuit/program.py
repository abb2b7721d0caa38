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

    lc      := u32 n, n x (u32 wire, 32-byte coefficient)
    program := "MZWP" u32 2, u32 n_wires, u32 n_scratch, u32 n_inputs, u32 n_ops, ops,
               u32 n_checks, n_checks x u32 index   (n_checks = 0xFFFFFFFF: all, no list)
    op      := u8 0, u32 out, lc  |  u8 1, u32 out, lc, lc
             | u8 2, u8 kind, u32 param, u32 n_in, n_in x lc, u32 out_start, u32 n_out
    r1cs    := "MZRC" u32 1, u32 n_wires, u32 n_constraints, n_constraints x (lc, lc, lc)
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
_TERM_WIRE = struct.Struct("<I")


def _put_lc(out: bytearray, terms: Terms) -> None:
    out += _U32.pack(len(terms))
    for w, c in terms.items():
        out += _TERM_WIRE.pack(w)
        out += c.to_bytes(32, "little")


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
    out = bytearray(b"MZWP")
    out += struct.pack("<IIIII", 2, n_wires, n_scratch, n_inputs, len(ops))
    for op in ops:
        if isinstance(op, LinOp):
            out += b"\x00" + _U32.pack(op.out)
            _put_lc(out, op.lc)
        elif isinstance(op, MulOp):
            out += b"\x01" + _U32.pack(op.out)
            _put_lc(out, op.a)
            _put_lc(out, op.b)
        else:
            out += struct.pack("<BBII", 2, op.kind, op.param, len(op.inputs))
            for lc in op.inputs:
                _put_lc(out, lc)
            out += struct.pack("<II", op.out_start, op.n_out)
    if checks is None:
        out += _U32.pack(0xFFFFFFFF)
    else:
        out += _U32.pack(len(checks))
        out += struct.pack(f"<{len(checks)}I", *checks)
    return bytes(out)


def r1cs_bytes(n_wires: int, constraints: Iterable[tuple[Terms, Terms, Terms]]) -> bytes:
    """Serialise an R1CS."""
    cs = list(constraints)
    out = bytearray(b"MZRC")
    out += struct.pack("<III", 1, n_wires, len(cs))
    for a, b, c in cs:
        _put_lc(out, a)
        _put_lc(out, b)
        _put_lc(out, c)
    return bytes(out)
