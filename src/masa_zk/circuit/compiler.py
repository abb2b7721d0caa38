"""``compile``: run a circuit's ``define`` once and collect its ConstraintSystem."""

from __future__ import annotations

from masa_zk.circuit.api import Api
from masa_zk.circuit.base import Circuit
from masa_zk.circuit.inputs import ArrayShape, InputDecl, Shape, declared_inputs
from masa_zk.circuit.lc import LinearCombination
from masa_zk.circuit.system import ConstraintSystem
from masa_zk.errors import InvalidInput

#: What an input field holds inside ``define``: one wire, or (nested) lists of them.
InputValue = LinearCombination | list["InputValue"]


def _allocate(api: Api, name: str, shape: Shape) -> InputValue:
    if isinstance(shape, ArrayShape):
        return [_allocate(api, f"{name}[{i}]", shape.elem) for i in range(shape.length)]
    api.labels.append(name)
    return api.wire(len(api.labels) - 1)


def compile(circuit: type[Circuit] | Circuit) -> ConstraintSystem:
    """Compiles a circuit class (or a parametrised instance) into a ConstraintSystem.

    >>> from masa_zk.circuit import Circuit, Private, Public, Scalar, compile
    >>> class IsSquareRoot(Circuit):
    ...     y: Public[Scalar]
    ...     x: Private[Scalar]
    ...     def define(self, api):
    ...         api.assert_equal(self.x * self.x, self.y)
    >>> cs = compile(IsSquareRoot)
    >>> cs.num_constraints, cs.labels
    (1, ['one', 'y', 'x'])
    """
    if isinstance(circuit, type):
        if not issubclass(circuit, Circuit):
            raise InvalidInput(f"{circuit.__name__} is not a Circuit subclass")
        instance = circuit()
    elif isinstance(circuit, Circuit):
        instance = circuit
    else:
        raise InvalidInput(f"expected a Circuit class or instance, got {type(circuit).__name__}")
    cls = type(instance)
    decls: list[InputDecl] = declared_inputs(cls)
    api = Api(define_code=getattr(cls.define, "__code__", None))
    for d in decls:
        setattr(instance, d.name, _allocate(api, d.name, d.shape))
    instance.define(api)
    f = api.finalize()
    return ConstraintSystem(
        cls.__name__,
        decls,
        f.labels,
        f.constraints,
        f.info,
        f.ops,
        f.hint_wires,
        n_scratch=f.n_scratch,
        checks=f.checks,
    )
