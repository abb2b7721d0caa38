"""The ``Circuit`` base class that predicate authors subclass."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from masa_zk.circuit.api import Api


class Circuit:
    """A circuit: inputs declared as annotated class fields, constraints in :meth:`define`.

    >>> from masa_zk.circuit import Circuit, Private, Public, Scalar, compile
    >>> class AgeAtLeast(Circuit):
    ...     age: Private[Scalar]
    ...     threshold: Public[Scalar]
    ...     def define(self, api):
    ...         d = api.hint("bits", [self.age - self.threshold], param=8)
    ...         for b in d:
    ...             api.assert_bool(b)
    ...         api.assert_equal(sum(b * 2**i for i, b in enumerate(d)), self.age - self.threshold)
    >>> cs = compile(AgeAtLeast)
    >>> cs.labels[:3]
    ['one', 'threshold', 'age']
    >>> cs.witness({"age": 30, "threshold": 18}).public
    [18]

    See :mod:`masa_zk.circuit.inputs` for the declarations and :class:`~masa_zk.circuit.api.Api`
    for what ``define`` can state. ``compile`` calls ``define`` once, on an instance whose
    input fields hold the input wires; an instance may carry parameters (``compile(C(depth=3))``).
    """

    def define(self, api: Api) -> None:
        """States the circuit's constraints on its inputs (override this)."""
        raise NotImplementedError(f"{type(self).__name__} must define define(self, api)")
