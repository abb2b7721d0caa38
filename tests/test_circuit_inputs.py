"""Witness inputs: InvalidInput naming the input; UnsatisfiedConstraint naming wires and line."""

from __future__ import annotations

import inspect

import numpy as np
import pytest

from masa_zk import Fr
from masa_zk.bn254.fr import R
from masa_zk.circuit import Array, Circuit, Private, Public, Scalar, compile
from masa_zk.errors import InvalidInput, UnsatisfiedConstraint


class Credential(Circuit):
    age: Private[Scalar]
    threshold: Public[Scalar]
    path: Private[Array[Scalar, 3]]
    grid: Private[Array[Array[Scalar, 2], 2]]

    def define(self, api):
        total = sum(self.path) + sum(self.grid[0]) + sum(self.grid[1])
        api.assert_equal(self.age * total, self.threshold)  # CHECK-LINE


GOOD = {"age": 2, "threshold": 30, "path": [1, 2, 3], "grid": [[1, 2], [3, 3]]}


def test_good_inputs_in_many_forms() -> None:
    cs = compile(Credential)
    w = cs.witness(GOOD)
    assert w.public == [30] and len(w) == cs.num_wires == 1 + 1 + 1 + 3 + 4
    assert w.values[:3] == [1, 30, 2]
    alt = dict(GOOD, age=Fr(2), threshold="30", path=np.array([1, 2, 3]), grid=((1, 2), [3, "0x3"]))
    assert cs.witness(alt).to_bytes_le() == w.to_bytes_le()
    assert w.words.shape == (cs.num_wires, 4) and int(w.words[1, 0]) == 30


@pytest.mark.parametrize(
    ("change", "needle"),
    [
        ({"age": None}, "missing input(s) 'age'"),
        ({"extra": 1}, "unexpected input(s) 'extra'"),
        ({"age": R}, "input 'age'"),
        ({"age": -1}, "input 'age'"),
        ({"age": True}, "input 'age'"),
        ({"age": 1.5}, "input 'age'"),
        ({"age": "abc"}, "input 'age'"),
        ({"path": [1, 2]}, "input 'path' must have 3 elements, got 2"),
        ({"path": [1, 2, 3, 4]}, "input 'path' must have 3 elements, got 4"),
        ({"path": 5}, "input 'path' must be a list"),
        ({"path": "123"}, "input 'path' must be a list"),
        ({"path": [1, R, 3]}, "input 'path[1]'"),
        ({"grid": [[1, 2], [3]]}, "input 'grid[1]' must have 2 elements"),
        ({"grid": [[1, 2], [3, R + 5]]}, "input 'grid[1][1]'"),
    ],
)
def test_invalid_inputs_name_the_input(change: dict, needle: str) -> None:
    cs = compile(Credential)
    inputs = {k: v for k, v in {**GOOD, **change}.items() if v is not None}
    with pytest.raises(InvalidInput) as info:
        cs.witness(inputs)
    assert needle in str(info.value)


def test_inputs_must_be_a_mapping() -> None:
    with pytest.raises(InvalidInput):
        compile(Credential).witness([1, 2, 3])  # type: ignore[arg-type]


def test_unsatisfied_names_wires_values_and_line() -> None:
    cs = compile(Credential)
    src, start = inspect.getsourcelines(Credential.define)
    line = start + next(i for i, s in enumerate(src) if "CHECK-LINE" in s)
    with pytest.raises(UnsatisfiedConstraint) as info:
        cs.witness(dict(GOOD, threshold=31))
    msg = str(info.value)
    assert f"{__file__}:{line}" in msg
    assert "assert_equal" in msg and "api.assert_equal(self.age * total" in msg
    assert "threshold = 31" in msg and "age = 2" in msg and "path[1] = 2" in msg
    assert msg.startswith("Credential: constraint #0 (mul) ")


def test_is_satisfied_on_raw_values() -> None:
    cs = compile(Credential)
    values = cs.witness(GOOD).values
    assert cs.is_satisfied(values)
    values[-1] = 31
    assert not cs.is_satisfied(values)
    assert cs.first_unsatisfied(values) == 0
    with pytest.raises(InvalidInput):
        cs.is_satisfied(values[:-1])
    with pytest.raises(InvalidInput):
        cs.is_satisfied([*values[:-1], R])
    with pytest.raises(InvalidInput, match="wire 0"):
        cs.is_satisfied([2, *values[1:]])
