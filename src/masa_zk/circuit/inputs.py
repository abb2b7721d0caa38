"""How a circuit declares its inputs: ``Public[...]`` / ``Private[...]`` class annotations.

A circuit's inputs are the annotated fields of its class, each either ``Public[shape]``
or ``Private[shape]``, where a shape is ``Scalar`` (one field element) or
``Array[shape, n]`` (``n`` of them; arrays nest)::

    class Membership(Circuit):
        root: Public[Scalar]
        leaf: Private[Scalar]
        path: Private[Array[Scalar, 20]]

Inside ``define`` the field holds the input's wires: a :class:`LinearCombination` for a
``Scalar``, a list (of lists...) of them for an ``Array``. Annotations that are not
``Public``/``Private`` are ignored. Wire order follows circom: wire 0 is the constant 1,
then every public input (in declaration order, base classes first), then every private
input, then the internal wires. There are no public *outputs*: constrain a result to a
public input with ``api.assert_equal`` instead.
"""

from __future__ import annotations

import inspect
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from masa_zk.errors import InvalidInput


class Scalar:
    """The shape of one field element (an integer in [0, r))."""


@dataclass(frozen=True)
class ArrayShape:
    """The shape ``Array[elem, length]``: ``length`` values of shape ``elem``."""

    elem: Shape
    length: int

    def __repr__(self) -> str:
        elem = "Scalar" if self.elem is Scalar else repr(self.elem)
        return f"Array[{elem}, {self.length}]"


Shape = type[Scalar] | ArrayShape


def _shape(t: object) -> Shape:
    if t is Scalar:
        return Scalar
    if isinstance(t, ArrayShape):
        return t
    raise TypeError(f"expected Scalar or Array[...] as an input shape, got {t!r}")


class Array:
    """``Array[Scalar, n]``: a fixed-size array input (``Array[Array[Scalar, 2], 3]`` nests)."""

    def __class_getitem__(cls, params: Any) -> ArrayShape:
        if not (isinstance(params, tuple) and len(params) == 2):
            raise TypeError("use Array[shape, length]")
        elem, length = params
        if not isinstance(length, int) or isinstance(length, bool) or length < 1:
            raise TypeError(f"array length must be a positive int, got {length!r}")
        return ArrayShape(_shape(elem), length)


@dataclass(frozen=True)
class InputDecl:
    """One ``Public[...]`` or ``Private[...]`` annotation (``name`` is set by the class)."""

    public: bool
    shape: Shape
    name: str = ""

    def size(self) -> int:
        """Number of wires (field elements) this input takes."""
        return shape_size(self.shape)


def shape_size(shape: Shape) -> int:
    if isinstance(shape, ArrayShape):
        return shape.length * shape_size(shape.elem)
    return 1


def shape_labels(name: str, shape: Shape) -> Iterator[str]:
    """Wire labels in layout order: ``x``, or ``path[0]``, ``path[1]``, ... (row-major)."""
    if isinstance(shape, ArrayShape):
        for i in range(shape.length):
            yield from shape_labels(f"{name}[{i}]", shape.elem)
    else:
        yield name


class Public:
    """``Public[shape]``: an input every verifier sees (a public input of the proof)."""

    def __class_getitem__(cls, shape: Any) -> InputDecl:
        return InputDecl(True, _shape(shape))


class Private:
    """``Private[shape]``: an input only the prover knows (part of the private witness)."""

    def __class_getitem__(cls, shape: Any) -> InputDecl:
        return InputDecl(False, _shape(shape))


def declared_inputs(cls: type) -> list[InputDecl]:
    """The input declarations of a circuit class, public ones first (base classes first).

    >>> from masa_zk.circuit import Circuit
    >>> class C(Circuit):
    ...     x: Private[Scalar]
    ...     y: Public[Array[Scalar, 2]]
    >>> [(d.name, d.public, d.size()) for d in declared_inputs(C)]
    [('y', True, 2), ('x', False, 1)]
    """
    seen: dict[str, InputDecl] = {}
    for klass in reversed(cls.__mro__):
        module = sys.modules.get(klass.__module__)
        # The DSL's names resolve even where a doctest or a function body imported them.
        names = {"Public": Public, "Private": Private, "Scalar": Scalar, "Array": Array}
        names.update(vars(module) if module else {})
        for name, ann in inspect.get_annotations(klass).items():
            if isinstance(ann, str):
                try:
                    ann = eval(ann, names, dict(vars(klass)))
                except Exception:
                    if "Public[" in ann or "Private[" in ann:
                        raise InvalidInput(
                            f"cannot evaluate the annotation {ann!r} of {klass.__name__}.{name}"
                            " (array lengths must be literals or module-level constants)"
                        ) from None
                    continue
            if isinstance(ann, InputDecl):
                seen[name] = InputDecl(ann.public, ann.shape, name)
    decls = list(seen.values())
    return [d for d in decls if d.public] + [d for d in decls if not d.public]
