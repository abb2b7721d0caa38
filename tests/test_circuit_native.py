"""The native witness interpreter: program validation, and a 2^16-constraint circuit."""

from __future__ import annotations

import pytest

from masa_zk import _ffi
from masa_zk.bn254.fr import R
from masa_zk.circuit import Circuit, Private, Public, Scalar, compile
from masa_zk.circuit.program import HintOp, LinOp, MulOp, program_bytes, r1cs_bytes
from masa_zk.errors import InvalidEncoding, InvalidInput

CHAIN = 1 << 16


class SquareChain(Circuit):
    """x_{i+1} = x_i² + i, CHAIN times: one constraint per step."""

    x: Private[Scalar]
    y: Public[Scalar]

    def define(self, api):
        acc = self.x
        for i in range(CHAIN):
            acc = acc * acc + i
        api.assert_equal(acc, self.y)


def test_chain_of_2_pow_16_multiplications() -> None:
    cs = compile(SquareChain)
    # each step is a product; the final equality is merged into the last one
    assert cs.num_constraints == CHAIN
    assert cs.num_wires == 3 + CHAIN - 1
    accs = [5]
    for i in range(CHAIN):
        accs.append((accs[-1] * accs[-1] + i) % R)
    acc = accs[-1]
    w = cs.witness({"x": 5, "y": acc})
    assert _ffi.circuit_sizes(cs._handle()) == (cs.num_wires, 2, CHAIN)
    assert w.public == [acc]
    assert w[cs.num_wires - 1] == accs[CHAIN - 2] ** 2 % R
    # A wire deep in the chain, tampered, is caught by the parallel check at its index.
    mid = 3 + CHAIN // 2
    assert cs.first_unsatisfied(w.replace(mid, w[mid] + 1)) == CHAIN // 2
    with pytest.raises(Exception, match=f"constraint #{CHAIN - 1} "):
        cs.witness({"x": 5, "y": acc + 1})


def _load(n_wires: int, n_inputs: int, ops, constraints=(), n_scratch: int = 0) -> object:
    return _ffi.circuit_new(
        program_bytes(n_wires, n_inputs, ops, n_scratch=n_scratch),
        r1cs_bytes(n_wires, list(constraints)),
    )


def test_valid_program_loads_and_runs() -> None:
    h = _load(4, 1, [MulOp(2, {1: 1}, {1: 1}), LinOp(3, {2: 1, 0: 5})], [({1: 1}, {1: 1}, {2: 1})])
    data, failed = _ffi.circuit_witness(h, (7).to_bytes(32, "little"))
    assert failed is None
    assert [int.from_bytes(data[i : i + 32], "little") for i in range(0, 128, 32)] == [1, 7, 49, 54]


@pytest.mark.parametrize(
    ("ops", "needle"),
    [
        ([MulOp(2, {3: 1}, {1: 1}), LinOp(3, {1: 1})], "before assigning"),
        ([LinOp(2, {1: 1}), LinOp(2, {1: 1})], "twice"),
        ([LinOp(1, {0: 1}), LinOp(2, {1: 1}), LinOp(3, {1: 1})], "twice"),
        ([LinOp(2, {1: 1})], "never assigns wire 3"),
        ([LinOp(2, {1: 1}), LinOp(9, {1: 1})], "out of range"),
        ([LinOp(2, {7: 1}), LinOp(3, {1: 1})], "out of range"),
        ([HintOp(0, 0, ({1: 1}, {1: 1}), 2, 1), LinOp(3, {1: 1})], "inputs"),
        ([HintOp(2, 0, ({1: 1},), 2, 0), LinOp(3, {1: 1})], "bits"),
        ([HintOp(2, 2, ({1: 1},), 2, 3)], "outputs"),
        ([HintOp(9, 0, ({1: 1},), 2, 1), LinOp(3, {1: 1})], "unknown hint"),
    ],
)
def test_malformed_programs_are_refused(ops, needle: str) -> None:
    with pytest.raises(InvalidInput, match=needle):
        _load(4, 1, ops)


def test_scratch_registers_and_check_lists() -> None:
    # w3 = (x + 1)·x through scratch slot 4 = x + 1; the product restates the MulOp
    ops = [LinOp(4, {1: 1, 0: 1}), MulOp(2, {4: 1}, {1: 1}), LinOp(3, {2: 1})]
    cons = [({1: 1, 0: 1}, {1: 1}, {2: 1}), ({3: 1}, {0: 1}, {2: 1, 0: 1})]  # #1 is false
    for checks, failed in (([], None), ([1], 1), (None, 1)):
        h = _ffi.circuit_new(
            program_bytes(4, 1, ops, n_scratch=1, checks=checks), r1cs_bytes(4, cons)
        )
        data, bad = _ffi.circuit_witness(h, (6).to_bytes(32, "little"))
        assert len(data) == 4 * 32 and int.from_bytes(data[64:96], "little") == 42
        assert bad == failed
    for checks, needle in (([2], "checks constraint 2"), ([1, 0], "increasing")):
        with pytest.raises(InvalidInput, match=needle):
            _ffi.circuit_new(
                program_bytes(4, 1, ops, n_scratch=1, checks=checks), r1cs_bytes(4, cons)
            )
    with pytest.raises(InvalidInput, match="before assigning"):  # a register read unset
        _load(4, 1, ops[1:], n_scratch=1)
    with pytest.raises(InvalidInput, match="never assigns wire 5"):  # a register left empty
        _load(4, 1, ops, n_scratch=2)


def test_malformed_bytes_are_refused() -> None:
    good = program_bytes(3, 1, [LinOp(2, {1: 1})])
    r1cs = r1cs_bytes(3, [])
    for bad in (good[:-1], good + b"\0", b"XXXX" + good[4:], good[:8]):
        with pytest.raises(InvalidInput):
            _ffi.circuit_new(bad, r1cs)
    with pytest.raises(InvalidInput, match="wires"):
        _ffi.circuit_new(good, r1cs_bytes(4, []))
    with pytest.raises(InvalidEncoding):
        _ffi.circuit_new(program_bytes(3, 1, [LinOp(2, {1: R})]), r1cs)
    h = _ffi.circuit_new(good, r1cs)
    with pytest.raises(InvalidInput):
        _ffi.circuit_witness(h, b"\0" * 64)  # two inputs for one
    with pytest.raises(InvalidEncoding):
        _ffi.circuit_witness(h, R.to_bytes(32, "little"))
    with pytest.raises(InvalidInput):
        _ffi.circuit_check(h, b"\0" * 31)
