"""Circuit DSL: compile time and native witness generation for a 2^16-step product chain.

Run: ``.venv/bin/python -m pytest benches/test_bench_circuit.py --benchmark-enable``.
"""

from __future__ import annotations

from typing import Any

from masa_zk.bn254.fr import R
from masa_zk.circuit import Circuit, Private, Public, Scalar, compile

STEPS = 1 << 16


class SquareChain(Circuit):
    x: Private[Scalar]
    y: Public[Scalar]

    def define(self, api):
        acc = self.x
        for i in range(STEPS):
            acc = acc * acc + i
        api.assert_equal(acc, self.y)


def _expected(x: int) -> int:
    for i in range(STEPS):
        x = (x * x + i) % R
    return x


def test_bench_compile(benchmark: Any) -> None:
    cs = benchmark.pedantic(compile, args=(SquareChain,), rounds=3, iterations=1)
    assert cs.num_constraints == STEPS


def test_bench_witness(benchmark: Any) -> None:
    cs = compile(SquareChain)
    inputs = {"x": 7, "y": _expected(7)}
    cs.witness(inputs)  # load the native program once
    w = benchmark(cs.witness, inputs)
    assert w.public == [inputs["y"]]
