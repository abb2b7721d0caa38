"""An independent pure-Python R1CS checker for the circuit tests (no native code)."""

from __future__ import annotations

from masa_zk.bn254.fr import R
from masa_zk.circuit import ConstraintSystem


def first_unsatisfied(cs: ConstraintSystem, values: list[int]) -> int | None:
    """The first constraint A·B = C that ``values`` violates, evaluated in Python."""
    assert len(values) == cs.num_wires and values[0] == 1
    for i, (a, b, c) in enumerate(cs.constraints):
        ev = [sum(k * values[w] for w, k in lc.items()) % R for lc in (a, b, c)]
        if ev[0] * ev[1] % R != ev[2]:
            return i
    return None
