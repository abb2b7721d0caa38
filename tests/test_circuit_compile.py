"""Compilation: wire layout and labels, R1CS optimisation (by counts), source lines."""

from __future__ import annotations

import inspect

import pytest
from circuit_ref import first_unsatisfied

from masa_zk.bn254.fr import R
from masa_zk.circuit import Array, Circuit, Private, Public, Scalar, compile
from masa_zk.circuit.program import HintOp, LinOp, MulOp
from masa_zk.errors import InvalidInput, UnsatisfiedConstraint

N = 3


class Layout(Circuit):
    secret: Private[Scalar]
    root: Public[Scalar]
    path: Private[Array[Scalar, N]]
    grid: Public[Array[Array[Scalar, 2], 2]]

    def define(self, api):
        with api.scope("merkle"):
            acc = self.secret
            for i, p in enumerate(self.path):
                with api.scope(f"level[{i}]"):
                    acc = acc * p
        api.assert_equal(acc, self.root + self.grid[1][0])


def test_layout_and_labels_follow_circom_order() -> None:
    cs = compile(Layout)
    # wire 0, public inputs (declaration order), private inputs, internal wires
    assert cs.labels[:10] == [
        "one",
        "root",
        "grid[0][0]",
        "grid[0][1]",
        "grid[1][0]",
        "grid[1][1]",
        "secret",
        "path[0]",
        "path[1]",
        "path[2]",
    ]
    # the last product is eliminated: acc = root + grid[1][0] is its value
    assert cs.labels[10:] == [f"merkle.level[{i}].mul#{10 + i}" for i in range(2)]
    assert (cs.num_public_inputs, cs.num_private_inputs) == (5, 4)
    assert (cs.public_wires, cs.private_input_wires) == (range(1, 6), range(6, 10))
    assert cs.internal_wires == range(10, 12)
    assert cs.stats() == {
        "constraints": 3,
        "wires": 12,
        "public_inputs": 5,
        "private_inputs": 4,
        "internal_wires": 2,
        "hint_wires": 0,
        "ops": 2,
        "scratch": 0,
    }
    assert cs.cost_by_scope() == {"merkle": 3}
    assert [i.scope for i in cs.info] == [f"merkle.level[{i}]" for i in range(3)]
    w = cs.witness({"secret": 2, "path": [3, 4, 5], "root": 100, "grid": [[0, 0], [20, 0]]})
    assert w.public == [100, 0, 0, 20, 0]
    assert w["merkle.level[1].mul#11"] == 24
    assert not cs.is_satisfied(w.replace("root", 101))


def test_source_lines_point_into_define() -> None:
    cs = compile(Layout)
    src, start = inspect.getsourcelines(Layout.define)
    mul_line = start + next(i for i, s in enumerate(src) if "acc * p" in s)
    eq_line = start + next(i for i, s in enumerate(src) if "assert_equal" in s)
    assert [i.line for i in cs.info] == [mul_line] * 3
    assert all(i.file == __file__ for i in cs.info)
    # the final equality was folded into the last product: both lines are kept
    (eq,) = cs.info[2].merged
    assert (eq.kind, eq.line, eq.file) == ("assert_equal", eq_line, __file__)
    assert eq.source.startswith("api.assert_equal(acc")
    assert f"merged with assert_equal at {__file__}:{eq_line}" in cs.describe_constraint(2)


def test_lines_from_helper_functions_are_the_define_line() -> None:
    def helper(api, x):
        return api.mul(x, x)  # not the define line

    class UsesHelper(Circuit):
        x: Private[Scalar]

        def define(self, api):
            helper(api, self.x)  # MARK

    cs = compile(UsesHelper)
    src, start = inspect.getsourcelines(UsesHelper.define)
    assert cs.info[0].line == start + next(i for i, s in enumerate(src) if "MARK" in s)


class Merging(Circuit):
    x: Private[Scalar]
    y: Public[Scalar]

    def define(self, api):
        lc = self.x + self.x + 3 * self.y - self.y - 2 * self.x + self.x  # = x + 2y
        assert lc.terms == {2: 1, 1: 2}
        api.assert_equal(lc + 5 - 5, self.y * 2 + self.x)  # the same LC: no constraint
        api.assert_equal(lc, 7)


def test_linear_combinations_merge_and_trivial_constraints_vanish() -> None:
    cs = compile(Merging)
    assert cs.num_constraints == 1
    ((a, b, c),) = cs.constraints
    assert a == {2: 1, 1: 2, 0: R - 7} and b == {0: 1} and c == {}
    assert cs.witness({"x": 3, "y": 2}).public == [2]


class Folding(Circuit):
    x: Private[Scalar]

    def define(self, api):
        k = api.mul(3, 4) * 5 - 60  # constants: 0
        assert k.is_constant() and k.constant_value() == 0
        api.assert_equal(api.mul(self.x, 7), 7 * self.x)  # scaled, not multiplied
        api.assert_equal(api.is_zero(0), 1)
        api.assert_equal(api.is_equal(3, 4), 0)
        api.assert_equal(api.inverse(4) * 4, 1)
        api.assert_equal(api.div(self.x, 2) * 2, self.x)
        api.assert_equal(api.select(1, self.x, 5), self.x)
        api.assert_bool(1)
        api.assert_bool(0)
        api.assert_equal(self.x * 0, 0)


def test_constants_fold_to_zero_constraints() -> None:
    cs = compile(Folding)
    assert cs.num_constraints == 0
    assert cs.ops == []
    assert cs.is_satisfied(cs.witness({"x": 9}))


class Reuse(Circuit):
    x: Private[Scalar]
    y: Private[Scalar]
    s: Private[Scalar]

    def define(self, api):
        p1 = self.x * self.y
        p2 = api.mul(self.y, self.x)
        assert p1.terms == p2.terms
        api.is_zero(self.x + 1)
        api.is_zero(1 + self.x)
        api.inverse(self.y)
        api.div(self.x, self.y)  # reuses inverse(y): one more product
        api.assert_bool(self.s)
        api.assert_bool(self.s)
        api.select(self.s, self.x, self.y)  # its boolean check is already there


def test_repeated_operations_and_duplicate_constraints_are_shared() -> None:
    cs = compile(Reuse)
    # mul 1 + is_zero 2 + inverse 1 + div 1 + bool 1 + select 1
    assert cs.num_constraints == 7
    kinds = [i.kind for i in cs.info]
    assert kinds.count("assert_bool") == 1 and kinds.count("is_zero") == 2
    assert cs.is_satisfied(cs.witness({"x": 2, "y": 3, "s": 1}))


def test_witness_program_ops() -> None:
    cs = compile(Reuse)
    kinds = [type(op) for op in cs.ops]
    assert kinds == [MulOp, HintOp, HintOp, MulOp, MulOp]
    assert not any(isinstance(op, LinOp) for op in cs.ops)
    prog = cs.program_bytes()
    assert prog[:4] == b"MZWP" and cs.r1cs_bytes()[:4] == b"MZRC"


def test_false_statements_on_constants_fail_at_compile_time() -> None:
    class Never(Circuit):
        def define(self, api):
            api.assert_equal(api.mul(2, 3), 7)

    with pytest.raises(UnsatisfiedConstraint, match="constants"):
        compile(Never)

    class BadSelector(Circuit):
        a: Private[Scalar]

        def define(self, api):
            api.select(2, self.a, 0)

    with pytest.raises(UnsatisfiedConstraint, match="selector"):
        compile(BadSelector)

    class InvZero(Circuit):
        def define(self, api):
            api.inverse(0)

    with pytest.raises(UnsatisfiedConstraint, match="inverse"):
        compile(InvZero)


def test_declaration_errors() -> None:
    with pytest.raises(TypeError):
        Array[Scalar, 0]
    with pytest.raises(TypeError):
        Private[int]

    class NotACircuit:
        pass

    with pytest.raises(InvalidInput):
        compile(NotACircuit)  # type: ignore[arg-type]

    class Base(Circuit):
        a: Public[Scalar]

    class Derived(Base):
        b: Private[Scalar]
        note: str = "not an input"

        def define(self, api):
            api.assert_equal(self.a, self.b)

    cs = compile(Derived)
    assert cs.labels == ["one", "a", "b"]
    with pytest.raises(InvalidInput):
        cs.wire_index("nope")


def test_values_from_another_circuit_are_refused() -> None:
    leaked = []

    class First(Circuit):
        x: Private[Scalar]

        def define(self, api):
            leaked.append(self.x)

    class Second(Circuit):
        y: Private[Scalar]

        def define(self, api):
            api.assert_equal(leaked[0], self.y)

    compile(First)
    with pytest.raises(InvalidInput, match="another circuit"):
        compile(Second)


def test_parametrised_instance() -> None:
    class Power(Circuit):
        x: Private[Scalar]
        y: Public[Scalar]

        def __init__(self, n: int = 2) -> None:
            self.n = n

        def define(self, api):
            acc = api.constant(1)
            for _ in range(self.n):
                acc = acc * self.x
            api.assert_equal(acc, self.y)

    cs = compile(Power(5))
    assert cs.num_constraints == 4  # 1·x is folded, the equality merged: 4 products
    assert cs.witness({"x": 3, "y": 243}).public == [243]


class Eliminations(Circuit):
    x: Private[Scalar]
    y: Private[Scalar]
    a: Private[Scalar]
    b: Private[Scalar]
    z: Public[Scalar]

    def define(self, api):
        p = self.x * self.y
        q = self.a * self.b
        api.assert_equal(p, q)  # q (newer) := p
        api.assert_equal(q, self.z)  # resolves to p = z: p := z
        api.assert_equal(p * p + q, self.z * self.z + self.z)  # uses both eliminated wires
        (h,) = api.hint("inverse", [self.z])
        api.assert_equal(p, h * self.z * self.z)  # newest wire is a product of h: eliminated


def test_chained_eliminations_stay_sound() -> None:
    cs = compile(Eliminations)
    # x·y = z, a·b = z, z·z = m, h·z = n, n·z = z: three equalities cost nothing
    assert cs.constraints == [
        ({2: 1}, {3: 1}, {1: 1}),
        ({4: 1}, {5: 1}, {1: 1}),
        ({1: 1}, {1: 1}, {6: 1}),
        ({7: 1}, {1: 1}, {8: 1}),
        ({8: 1}, {1: 1}, {1: 1}),
    ]
    assert cs.labels == ["one", "z", "x", "y", "a", "b", "mul#8", "hint.inverse#10", "mul#11"]
    assert [len(i.merged) for i in cs.info] == [1, 1, 1, 0, 1]
    inputs = {"x": 3, "y": 4, "a": 2, "b": 6, "z": 12}
    w = cs.witness(inputs)
    assert cs.is_satisfied(w)
    for wire in cs.labels[1:]:
        bad = w.replace(wire, w[wire] + 1)
        assert first_unsatisfied(cs, bad.values) is not None
        assert cs.first_unsatisfied(bad) is not None
    with pytest.raises(UnsatisfiedConstraint):
        cs.witness(dict(inputs, b=5))


def test_no_elimination_when_the_newest_wire_is_not_a_product() -> None:
    class HintNewest(Circuit):
        x: Private[Scalar]

        def define(self, api):
            p = self.x * self.x
            (h,) = api.hint("inverse", [self.x])
            api.assert_equal(p, h)  # h is newer than p and not a product: a real constraint

    cs = compile(HintNewest)
    assert [i.kind for i in cs.info] == ["mul", "assert_equal"]
    assert cs.labels == ["one", "x", "mul#2", "hint.inverse#3"]


def test_circuit_values_refuse_python_conditions() -> None:
    class Branchy(Circuit):
        x: Private[Scalar]

        def define(self, api):
            if self.x:
                pass

    class Compares(Circuit):
        x: Private[Scalar]

        def define(self, api):
            api.assert_bool(self.x == 1)

    for c in (Branchy, Compares):
        with pytest.raises(TypeError, match="api"):
            compile(c)


def test_long_chains_of_eliminations() -> None:
    n = 3000

    class AllEqual(Circuit):
        x: Private[Array[Scalar, 2]]
        z: Public[Scalar]

        def define(self, api):
            ps = [api.mul(self.x[0] + i, self.x[1]) for i in range(n)]
            for i in range(n - 1, 0, -1):  # each eliminates the newer product
                api.assert_equal(ps[i] - i * self.x[1], ps[i - 1] - (i - 1) * self.x[1])
            api.assert_equal(ps[0], self.z)

    cs = compile(AllEqual)
    assert cs.num_constraints == n and cs.num_wires == 4
    assert cs.witness({"x": [3, 5], "z": 15}).public == [15]
    with pytest.raises(UnsatisfiedConstraint):
        cs.witness({"x": [3, 5], "z": 16})
    assert [len(i.merged) for i in cs.info] == [1] * n  # the statement of its own product
