"""The authors' testing helpers catch under-constrained circuits."""

from __future__ import annotations

import builtins
import doctest
from pathlib import Path

import pytest

import masa_zk.circuit
from masa_zk.circuit import (
    Circuit,
    Private,
    Public,
    Scalar,
    api,
    base,
    compile,
    compiler,
    hints,
    inputs,
    lc,
    system,
    testing,
)
from masa_zk.circuit.testing import assert_satisfied, assert_tampered_rejected, unconstrained_wires


class Sound(Circuit):
    y: Public[Scalar]
    x: Private[Scalar]

    def define(self, api):
        (inv,) = api.hint("inverse", [self.x])
        api.assert_equal(inv * self.x, 1)
        api.assert_equal(inv, self.y)


class Underconstrained(Circuit):
    """The Masa lesson: a value tied to the record only at witness time, not by constraints."""

    y: Public[Scalar]
    x: Private[Scalar]
    unused: Private[Scalar]

    def define(self, api):
        (inv,) = api.hint("inverse", [self.x])
        api.hint("bits", [self.x], param=2)  # forgotten outputs
        api.assert_equal(self.y * 1, self.y)  # states nothing (and costs nothing)
        api.assert_equal(inv * inv, self.y)  # y tied to inv, but inv not tied to x


def test_sound_circuit_passes_helpers() -> None:
    inputs = {"x": 4, "y": pow(4, -1, masa_zk.bn254.fr.R)}
    assert_satisfied(Sound, inputs)
    assert_tampered_rejected(Sound, inputs, wire="x")
    assert_tampered_rejected(Sound, inputs, wire="hint.inverse#3")
    assert unconstrained_wires(compile(Sound)) == []


def test_underconstrained_circuit_is_caught() -> None:
    cs = compile(Underconstrained)
    assert unconstrained_wires(cs) == ["x", "unused", "hint.bits#5[0]", "hint.bits#5[1]"]
    inputs = {"x": 2, "y": pow(4, -1, masa_zk.bn254.fr.R), "unused": 0}
    assert_satisfied(cs, inputs)
    with pytest.raises(AssertionError, match="under-constrained"):
        assert_tampered_rejected(cs, inputs, wire="x")
    assert_tampered_rejected(cs, inputs, wire="y")


def test_helper_errors() -> None:
    with pytest.raises(AssertionError, match="satisfied"):
        assert_satisfied(Sound, {"x": 4, "y": 5})
    with pytest.raises(AssertionError, match="wire 0"):
        assert_tampered_rejected(Sound, {"x": 4, "y": pow(4, -1, masa_zk.bn254.fr.R)}, wire=0)


@pytest.mark.parametrize(
    "module", [masa_zk.circuit, api, base, compiler, hints, inputs, lc, system, testing]
)
def test_docstring_examples(module) -> None:
    failures, tried = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert failures == 0 and tried > 0


def test_docs_example_runs() -> None:
    doc = (Path(__file__).parent.parent / "docs" / "circuit_dsl.md").read_text()
    code = doc.split("```python\n", 1)[1].split("```", 1)[0]
    scope: dict[str, object] = {"__name__": "docs_example"}
    exec(builtins.compile(code, "docs/circuit_dsl.md", "exec"), scope)
    assert scope["cs"].stats()["constraints"] == 3  # type: ignore[attr-defined]
