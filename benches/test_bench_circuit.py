"""Circuit DSL: compile time and native witness generation for a 2^16-step product chain and
a 2^18-constraint Poseidon chain (1107 x Poseidon(2) = 262,359 constraints).

Side by side with circom's WebAssembly witness calculator: ``benches/witness_compare.py``.

Run: ``.venv/bin/python -m pytest benches/test_bench_circuit.py --benchmark-enable``.
"""

from __future__ import annotations

from typing import Any

from masa_zk import poseidon as native_poseidon
from masa_zk.bn254.fr import R
from masa_zk.circuit import Circuit, Private, Public, Scalar, compile
from masa_zk.gadgets import poseidon

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


HASHES = 1107  # x 237 constraints (the constant input folds one S-box) >= 2^18


class PoseidonChain(Circuit):
    x: Private[Scalar]
    y: Public[Scalar]

    def define(self, api):
        acc = self.x
        for i in range(HASHES):
            acc = poseidon(api, [acc, i])
        api.assert_equal(acc, self.y)


def test_bench_compile_poseidon_chain(benchmark: Any) -> None:
    cs = benchmark.pedantic(compile, args=(PoseidonChain,), rounds=1, iterations=1)
    assert cs.num_constraints >= 1 << 18


def test_bench_witness_poseidon_chain(benchmark: Any) -> None:
    cs = compile(PoseidonChain)
    y = 7
    for i in range(HASHES):
        y = native_poseidon([y, i])
    inputs = {"x": 7, "y": y}
    cs.witness(inputs)
    w = benchmark(cs.witness, inputs)
    assert w.public == [y]
