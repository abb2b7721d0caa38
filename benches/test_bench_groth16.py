"""Groth16: prove at 2^12 .. 2^16 constraints (a DSL square chain, witness computed in
the same native call), verify one proof, and batch-verify 1,000 proofs against verifying
them one by one.

Run: ``.venv/bin/python -m pytest benches/test_bench_groth16.py --benchmark-enable``
(native timings without Python: ``cargo run --release --example groth16_bench``).
"""

from __future__ import annotations

from functools import cache
from typing import Any

import pytest

from masa_zk import groth16
from masa_zk.bn254.fr import R
from masa_zk.circuit import Circuit, Private, Public, Scalar, compile

BATCH = 1000


def chain(steps: int) -> type[Circuit]:
    """y = f^steps(x) with f(a) = a² + 7: one constraint per step, full-size values."""

    class Chain(Circuit):
        y: Public[Scalar]
        x: Private[Scalar]

        def define(self, api: Any) -> None:
            acc = self.x
            for _ in range(steps):
                acc = acc * acc + 7
            api.assert_equal(acc, self.y)

    Chain.__name__ = f"Chain{steps}"
    return Chain


def expected(x: int, steps: int) -> int:
    for _ in range(steps):
        x = (x * x + 7) % R
    return x


@cache
def keyed(log_n: int) -> tuple[Any, groth16.ProvingKey, groth16.VerifyingKey, int]:
    # domain 2^log_n: constraints + public inputs + 1 <= 2^log_n
    steps = (1 << log_n) - 3
    cs = compile(chain(steps))
    pk, vk = groth16.setup(cs)
    assert pk.domain_size == 1 << log_n
    return cs, pk, vk, steps


@pytest.mark.parametrize("log_n", [12, 14, 16])
def test_bench_prove(benchmark: Any, log_n: int) -> None:
    cs, pk, vk, steps = keyed(log_n)
    inputs = {"x": 5, "y": expected(5, steps)}
    proof, public = benchmark.pedantic(
        groth16.prove, args=(pk, cs, inputs), rounds=3, iterations=1, warmup_rounds=1
    )
    benchmark.extra_info["constraints"] = cs.num_constraints
    assert groth16.verify(vk, public, proof)


@pytest.fixture(scope="module")
def many() -> tuple[groth16.VerifyingKey, list[tuple[list[int], groth16.Proof]]]:
    cs, pk, vk, steps = keyed(6)
    items = []
    for x in range(BATCH):
        proof, public = groth16.prove(pk, cs, {"x": x, "y": expected(x, steps)})
        items.append((public, proof))
    return vk, items


def test_bench_verify(benchmark: Any, many: Any) -> None:
    vk, items = many
    public, proof = items[0]
    assert benchmark(groth16.verify, vk, public, proof)


def test_bench_verify_1000_one_by_one(benchmark: Any, many: Any) -> None:
    vk, items = many

    def each() -> bool:
        return all(groth16.verify(vk, p, pr) for p, pr in items)

    assert benchmark.pedantic(each, rounds=3, iterations=1)


def test_bench_batch_verify_1000(benchmark: Any, many: Any) -> None:
    vk, items = many
    res = benchmark.pedantic(groth16.batch_verify, args=(vk, items), rounds=3, iterations=1)
    assert res.ok and res.count == BATCH
