"""Random straight-line circuits: native witness + R1CS agree with a Python simulation and
with the Python reference checker, through constant folding, reuse and eliminations."""

from __future__ import annotations

import pytest
from circuit_ref import first_unsatisfied
from hypothesis import given, settings
from hypothesis import strategies as st

from masa_zk.bn254.fr import R
from masa_zk.circuit import Array, Circuit, Private, Public, Scalar, compile
from masa_zk.errors import UnsatisfiedConstraint

OPS = ["add", "sub", "scale", "mul", "is_zero", "is_equal", "select", "inverse", "bind", "cache"]
small = st.integers(min_value=0, max_value=5) | st.integers(min_value=0, max_value=R - 1)
Array3 = Array[Scalar, 3]
step = st.tuples(st.sampled_from(OPS), st.integers(0, 50), st.integers(0, 50), small)


def build(recipe, inputs: list[int]) -> tuple[type[Circuit], int]:
    """A circuit running ``recipe`` on x0..x2 and stating the last value equals ``out``;
    also the value ``out`` must take (a Python simulation of the same recipe)."""
    vals = list(inputs)
    plan = []  # (op, i, j, k, extra constant)
    for op, i, j, k in recipe:
        i, j = i % len(vals), j % len(vals)
        a, b = vals[i], vals[j]
        extra = 0
        if op in ("add", "cache"):
            v = (a + b + k) % R
        elif op == "sub":
            v = (a - b) % R
        elif op == "scale":
            v = a * k % R
        elif op == "mul":
            v = a * b % R
        elif op in ("is_zero", "is_equal"):
            v = int((a if op == "is_zero" else a - b) % R == 0)
        elif op == "select":
            v = a if k % 2 else b
        elif op == "inverse":
            if a == 0:
                continue
            v = pow(a, -1, R)
        else:  # bind: p = a·b, then assert p = b + extra (extra makes it true)
            v = a * b % R
            extra = (v - b) % R
        vals.append(v)
        plan.append((op, i, j, k, extra))

    class Random(Circuit):
        x: Private[Array3]
        out: Public[Scalar]

        def define(self, api):
            vs = list(self.x)
            for op, i, j, k, extra in plan:
                a, b = vs[i], vs[j]
                if op == "add":
                    v = a + b + k
                elif op == "cache":  # the same value, read from a scratch register
                    v = api.cache(a + b + k)
                elif op == "sub":
                    v = a - b
                elif op == "scale":
                    v = a * k
                elif op == "mul":
                    v = a * b
                elif op == "is_zero":
                    v = api.is_zero(a)
                elif op == "is_equal":
                    v = api.is_equal(a, b)
                elif op == "select":
                    v = api.select(k % 2, a, b)
                elif op == "inverse":
                    v = api.inverse(a)
                else:
                    v = a * b
                    api.assert_equal(v, b + extra)
                vs.append(v)
            api.assert_equal(vs[-1], self.out)

    return Random, vals[-1]


@settings(max_examples=100, deadline=None)
@given(st.lists(step, min_size=1, max_size=12), st.lists(small, min_size=3, max_size=3))
def test_random_circuits(recipe, inputs) -> None:
    circuit, out = build(recipe, inputs)
    cs = compile(circuit)
    w = cs.witness({"x": inputs, "out": out})
    values = w.values
    assert w.public == [out]
    assert first_unsatisfied(cs, values) is None
    # a wrong public value is rejected, natively and by the reference
    bad = w.replace("out", out + 1)
    assert cs.first_unsatisfied(bad) is not None
    assert first_unsatisfied(cs, bad.values) is not None
    # ... and by the witness run, which checks only what the program does not imply
    with pytest.raises(UnsatisfiedConstraint):
        cs.witness({"x": inputs, "out": (out + 1) % R})
    # the two checkers agree on every single-wire tampering
    for i in range(1, cs.num_wires):
        t = w.replace(i, values[i] + 1)
        assert cs.first_unsatisfied(t) == first_unsatisfied(cs, t.values)
