"""Hints: values computed outside the constraints by the native core.

A hint proposes values for fresh private wires; it proves nothing. The circuit author must
constrain every hint output (``masa_zk.circuit.testing.unconstrained_wires`` flags those
that appear in no constraint). Hints are named kinds that run natively inside the witness
program, so witness generation never calls back into Python; there are no author-defined
Python hints in this version (a Python callback per hint call would put Python back on
the witness path). The kinds (``native/src/witness/hints.rs``):

=============  ======  ======================================  ===========================
name           inputs  outputs                                 where no value exists
=============  ======  ======================================  ===========================
``inverse``    a       a⁻¹                                     a = 0: 0
``is_zero``    a       a⁻¹ (or 0), 1 if a = 0 else 0
``bits``       a       the ``param`` low bits of a, LSB first  higher bits are dropped
``divmod``     a, b    a div b, a mod b (as integers < r)      b = 0: 0, 0
``less_than``  a, b    1 if a < b (as integers < r) else 0
``div``        a, b    a / b in the field                      b = 0: 0
=============  ======  ======================================  ===========================
"""

from __future__ import annotations

from dataclasses import dataclass

from masa_zk.errors import InvalidInput


@dataclass(frozen=True)
class HintKind:
    """A native hint: its name, its code in the witness program, and its arity."""

    name: str
    code: int
    n_inputs: int
    n_outputs: int  # 0: as many outputs as the parameter (``bits``)

    def outputs(self, param: int) -> int:
        """Number of outputs for a parameter."""
        if self.n_outputs:
            return self.n_outputs
        if not 1 <= param <= 254:
            raise InvalidInput(f"hint {self.name!r}: parameter must be in 1..=254, got {param}")
        return param


HINTS: dict[str, HintKind] = {
    h.name: h
    for h in (
        HintKind("inverse", 0, 1, 1),
        HintKind("is_zero", 1, 1, 2),
        HintKind("bits", 2, 1, 0),
        HintKind("divmod", 3, 2, 2),
        HintKind("less_than", 4, 2, 1),
        HintKind("div", 5, 2, 1),
    )
}


def hint_kind(name: str) -> HintKind:
    """The registered hint called ``name``.

    >>> hint_kind("bits").outputs(8)
    8
    """
    try:
        return HINTS[name]
    except KeyError:
        raise InvalidInput(f"unknown hint {name!r}; known: {', '.join(sorted(HINTS))}") from None
