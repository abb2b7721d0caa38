"""The circuit DSL: write a predicate in Python, compile it to R1CS + a witness program.

>>> from masa_zk.circuit import Circuit, Private, Public, Scalar, compile
>>> class IsEighteen(Circuit):
...     age: Private[Scalar]
...     flag: Public[Scalar]
...     def define(self, api):
...         api.assert_equal(api.is_equal(self.age, 18), self.flag)
>>> cs = compile(IsEighteen)
>>> cs.witness({"age": 30, "flag": 0}).public, cs.num_constraints
([0], 3)

Modules: :mod:`.inputs` (``Public``/``Private``/``Scalar``/``Array``), :mod:`.base`
(``Circuit``), :mod:`.lc` (linear combinations), :mod:`.api` (what ``define`` can state),
:mod:`.hints` (native hints), :mod:`.program` (witness program and byte formats),
:mod:`.system` (``ConstraintSystem``, ``Witness``), :mod:`.compiler` (``compile``),
:mod:`.testing` (helpers for circuit authors' tests).
"""

from __future__ import annotations

from masa_zk.circuit.api import Api, ConstraintInfo
from masa_zk.circuit.base import Circuit
from masa_zk.circuit.compiler import compile
from masa_zk.circuit.hints import HINTS
from masa_zk.circuit.inputs import Array, Private, Public, Scalar
from masa_zk.circuit.lc import LinearCombination
from masa_zk.circuit.system import ConstraintSystem, Witness

__all__ = [
    "HINTS",
    "Api",
    "Array",
    "Circuit",
    "ConstraintInfo",
    "ConstraintSystem",
    "LinearCombination",
    "Private",
    "Public",
    "Scalar",
    "Witness",
    "compile",
]
