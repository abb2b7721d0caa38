"""The ``api`` a circuit's ``define`` builds constraints with.

Every method that states something adds R1CS constraints; values the constraints do not
pin down (hints) come back as fresh wires that the author must constrain. Costs, in
constraints (c) and wires (w), for non-constant operands:

==========================  =====  ==  =====================================================
operation                   c      w   constraints
==========================  =====  ==  =====================================================
``a + b``, ``a - b``, ``k*a``  0   0   (linear combinations are free)
``mul(a, b)`` / ``a * b``   1      1   a·b = out
``assert_equal(a, b)``      1      0   (a - b)·1 = 0
``assert_bool(a)``          1      0   a·(a - 1) = 0
``select(s, a, b)``         2      1   s·(s - 1) = 0, s·(a - b) = t; result b + t
``is_zero(a)``              2      2   a·inv = 1 - out, a·out = 0
``is_equal(a, b)``          2      2   is_zero(a - b)
``inverse(a)``              1      1   a·inv = 1  (unsatisfiable for a = 0)
``div(a, b)``               2      2   b·inv = 1, a·inv = out (unsatisfiable for b = 0)
``hint(name, ...)``         0      n   none: constrain the outputs yourself
==========================  =====  ==  =====================================================

The compiler folds constants (an operation on constants costs nothing; a statement on
constants is checked at compile time), reuses the result of an operation repeated on the
same operands (``mul(x, y)`` twice is one constraint), and drops duplicate constraints
(``assert_bool(s)`` then ``select(s, ...)`` states ``s`` boolean once). A linear
statement whose newest wire is a product costs nothing: ``assert_equal(x * y, z)`` is the
single constraint ``x·y = z`` (the product wire is eliminated, see :meth:`Api.assert_equal`).
"""

from __future__ import annotations

import linecache
import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from types import CodeType
from typing import NamedTuple

from masa_zk.bn254.fr import R
from masa_zk.circuit.hints import hint_kind
from masa_zk.circuit.lc import LinearCombination, Operand, constant_int
from masa_zk.circuit.program import HintOp, LinOp, MulOp, Op, Terms
from masa_zk.errors import InvalidInput, UnsatisfiedConstraint

# Frames inside these folders are library code: a constraint's line is the author's.
_LIBRARY_DIRS = tuple(
    os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), d) + os.sep
    for d in ("circuit", "gadgets")
)


_LIBRARY_CODE: dict[CodeType, bool] = {}


def _is_library(code: CodeType) -> bool:
    """Whether a code object lives in the DSL or the gadgets (cached: one look per code)."""
    lib = _LIBRARY_CODE.get(code)
    if lib is None:
        lib = _LIBRARY_CODE[code] = os.path.abspath(code.co_filename).startswith(_LIBRARY_DIRS)
    return lib


@dataclass(frozen=True)
class ConstraintInfo:
    """Where a constraint comes from: the operation, its scope, and the author's line."""

    index: int
    kind: str
    scope: str
    file: str
    line: int
    #: Linear statements (``assert_equal``) folded into this constraint by the compiler.
    merged: tuple[ConstraintInfo, ...] = ()

    @property
    def source(self) -> str:
        """The text of the author's source line (empty when unknown)."""
        return linecache.getline(self.file, self.line).strip() if self.line else ""

    def where(self) -> str:
        """``file:line`` of the author's code, or ``unknown location``."""
        return f"{self.file}:{self.line}" if self.line else "unknown location"


#: Scratch register ids start here (far above any wire); ``finalize`` renumbers them
#: after the wires.
REGISTER_BASE = 1 << 40
#: A program operand with more terms than this is cached in a register.
_AUTO_CACHE_TERMS = 2


class Finalized(NamedTuple):
    """What :meth:`Api.finalize` hands to the ConstraintSystem."""

    labels: list[str]
    constraints: list[tuple[Terms, Terms, Terms]]
    info: list[ConstraintInfo]
    ops: list[Op]
    hint_wires: set[int]
    n_scratch: int
    #: Constraints a witness run must check (the others restate a MulOp).
    checks: list[int]


class Api:
    """Builds the constraints, the wires and the witness program of one circuit.

    Authors receive it as ``define(self, api)``; gadget writers also use
    :meth:`add_constraint`, :meth:`new_wires` and :meth:`scope`.
    """

    def __init__(self, define_code: CodeType | None = None) -> None:
        self.labels: list[str] = ["one"]
        self.constraints: list[tuple[Terms, Terms, Terms]] = []
        self.info: list[ConstraintInfo] = []
        self.ops: list[Op] = []
        self.hint_wires: set[int] = set()
        self._define_code = define_code
        self._scopes: list[str] = []
        self._seen_constraints: set[tuple[object, ...]] = set()
        self._keys: list[tuple[object, ...]] = []  # the key of each constraint
        self._memo: dict[tuple[object, ...], LinearCombination] = {}
        # Product wires (defined by a MulOp) that a linear statement may eliminate.
        self._product_wires: set[int] = set()
        # Eliminated wire -> its value as a combination of older wires, and the statement.
        self._subst: dict[int, Terms] = {}
        self._subst_info: dict[int, ConstraintInfo] = {}
        self._resolved_memo: dict[int, Terms] = {}
        # Scratch registers of the witness program (ids from REGISTER_BASE on).
        self.n_registers = 0
        # Constraint index -> the product wire whose MulOp that constraint restates.
        self._defines: dict[int, int] = {}

    # --- wires and values -----------------------------------------------------------------------

    @property
    def n_wires(self) -> int:
        return len(self.labels)

    def lc(self, v: Operand) -> LinearCombination:
        """A linear combination from a combination, an ``int`` (mod r) or an ``Fr``."""
        if isinstance(v, LinearCombination):
            if v.api is not self:
                raise InvalidInput("a value from another circuit was used in this one")
            return v
        k = constant_int(v)
        return LinearCombination(self, {0: k} if k else {})

    def constant(self, v: int) -> LinearCombination:
        """The constant ``v`` (mod r) as a linear combination."""
        return self.lc(v)

    def wire(self, w: int) -> LinearCombination:
        """The combination ``1·w`` of wire index ``w``."""
        return LinearCombination(self, {w: 1})

    def new_wires(self, op: str, n: int, names: Sequence[str] = ()) -> int:
        """Allocates ``n`` consecutive internal wires; returns the first index.

        They are labelled ``<scope>.<op>#<first index>`` plus ``[k]`` (or ``.<names[k]>``)
        when there are several, e.g. ``merkle.mul#17`` or ``is_zero#5.out``.
        """
        start = len(self.labels)
        prefix = "".join(s + "." for s in self._scopes)
        for k in range(n):
            suffix = f".{names[k]}" if names else (f"[{k}]" if n > 1 else "")
            self.labels.append(f"{prefix}{op}#{start}{suffix}")
        return start

    @contextmanager
    def scope(self, name: str) -> Iterator[None]:
        """Names the wires and constraints created inside (``with api.scope("merkle"):``)."""
        self._scopes.append(name)
        try:
            yield
        finally:
            self._scopes.pop()

    def cache(self, a: Operand) -> LinearCombination:
        """The same value, computed once by the witness program into a scratch register
        that later operations read: for a long combination used many times, or one that
        later combinations are built from (they then stay short in the program). Costs no
        constraint and no wire; the R1CS is unchanged.

        >>> from masa_zk.circuit import Circuit, Private, Scalar, compile
        >>> class Cube(Circuit):
        ...     x: Private[Scalar]
        ...     y: Private[Scalar]
        ...     def define(self, api):
        ...         s = api.cache(self.x + 2 * self.y + 1)
        ...         api.assert_equal(s * s * s, 27)
        >>> cs = compile(Cube)
        >>> cs.num_constraints, cs.stats()["scratch"]
        (2, 1)
        """
        la = self.lc(a)
        prog = la.program_terms
        if len(prog) <= 1:
            return la  # a wire or a constant already
        reg = REGISTER_BASE + self.n_registers
        self.n_registers += 1
        self.ops.append(LinOp(reg, prog))
        return LinearCombination(self, la.terms, {reg: 1})

    def _program_terms(self, la: LinearCombination) -> Terms:
        """``la``'s terms for the program; a combination longer than
        ``_AUTO_CACHE_TERMS`` is cached in place first (several operations often read
        the same one: ``x·x``, then ``x⁴·x``)."""
        prog = la.program_terms
        if len(prog) > _AUTO_CACHE_TERMS:
            la.prog = self.cache(la).prog
            return la.prog  # type: ignore[return-value]
        return prog

    # --- constraints ------------------------------------------------------------------------------

    def _caller(self) -> tuple[str, int]:
        """The author's file and line: the circuit's ``define`` frame, else the first frame
        outside the library."""
        frame = sys._getframe(2)
        fallback: tuple[str, int] | None = None
        while frame is not None:
            code = frame.f_code
            if code is self._define_code:
                return code.co_filename, frame.f_lineno
            if fallback is None and not _is_library(code):
                fallback = (code.co_filename, frame.f_lineno)
            frame = frame.f_back  # type: ignore[assignment]
        return fallback or ("", 0)

    def add_constraint(self, a: Operand, b: Operand, c: Operand, kind: str = "constraint") -> None:
        """States ``a · b = c``. Statements on constants are checked now; duplicates dropped."""
        la, lb, lc = self.lc(a), self.lc(b), self.lc(c)
        if la.is_constant() and lb.is_constant() and lc.is_constant():
            if la.constant_value() * lb.constant_value() % R != lc.constant_value():
                file, line = self._caller()
                raise UnsatisfiedConstraint(
                    f"{kind} on constants can never hold (at {file}:{line})"
                )
            return
        if not lc.terms and (not la.terms or not lb.terms):
            return  # 0 · b = 0
        ka, kb = la.key(), lb.key()
        key = (min(ka, kb), max(ka, kb), lc.key())
        if key in self._seen_constraints:
            return
        self._seen_constraints.add(key)
        self._keys.append(key)
        file, line = self._caller()
        scope = ".".join(self._scopes)
        self.info.append(ConstraintInfo(len(self.constraints), kind, scope, file, line))
        self.constraints.append((la.terms, lb.terms, lc.terms))

    # --- the operations ---------------------------------------------------------------------------

    def mul(self, a: Operand, b: Operand) -> LinearCombination:
        """``a · b``: one constraint and one wire, none if either side is a constant.

        >>> from masa_zk.circuit import Circuit, Private, Scalar, compile
        >>> class Square(Circuit):
        ...     x: Private[Scalar]
        ...     def define(self, api):
        ...         api.assert_equal(api.mul(self.x, self.x), 9)
        >>> compile(Square).witness({"x": 3}).public
        []
        """
        la, lb = self.lc(a), self.lc(b)
        if la.is_constant():
            return lb.scale(la.constant_value())
        if lb.is_constant():
            return la.scale(lb.constant_value())
        ka, kb = la.key(), lb.key()
        memo = ("mul", min(ka, kb), max(ka, kb))
        if memo in self._memo:
            return self._memo[memo]
        out = self.new_wires("mul", 1)
        self.ops.append(MulOp(out, self._program_terms(la), self._program_terms(lb)))
        n = len(self.constraints)
        self.add_constraint(la, lb, self.wire(out), "mul")
        if len(self.constraints) > n:
            self._defines[n] = out
        self._memo[memo] = res = self.wire(out)
        self._product_wires.add(out)
        return res

    def assert_equal(self, a: Operand, b: Operand) -> None:
        """States ``a = b``: one constraint ``(a - b)·1 = 0`` (none if a - b is 0).

        When the newest wire of ``a - b`` is a product ``w = x·y``, the statement costs
        nothing: ``w`` is eliminated (replaced by the older wires it must equal, in every
        constraint and operation), so ``x·y = w, w = c`` becomes ``x·y = c``.
        """
        diff = self._resolve((self.lc(a) - self.lc(b)).terms)
        w = max(diff, default=0)
        if w in self._product_wires and w not in self._subst:
            c_inv = pow(diff[w], -1, R)
            self._subst[w] = {v: (R - c) * c_inv % R for v, c in diff.items() if v != w}
            self._resolved_memo.clear()  # memoised values may mention w
            file, line = self._caller()
            scope = ".".join(self._scopes)
            self._subst_info[w] = ConstraintInfo(-1, "assert_equal", scope, file, line)
            return
        self.add_constraint(LinearCombination(self, diff), 1, 0, "assert_equal")

    def _resolve(self, terms: Terms, used: set[int] | None = None) -> Terms:
        """``terms`` with every eliminated wire replaced (transitively) by its value;
        the eliminated wires that appear in ``terms`` itself are added to ``used``."""
        if not self._subst or self._subst.keys().isdisjoint(terms.keys()):
            return terms
        out: Terms = {}
        for w, c in terms.items():
            if w in self._subst:
                value = self._resolved(w)
                if used is not None:
                    used.add(w)
                part = {v: c * k % R for v, k in value.items()}
            else:
                part = {w: c}
            for v, k in part.items():
                k = (out.get(v, 0) + k) % R
                if k:
                    out[v] = k
                else:
                    out.pop(v, None)
        return out

    def _resolved(self, w: int) -> Terms:
        """The value of eliminated wire ``w`` in non-eliminated wires; iterative (chains
        of eliminations can be long) and memoised."""
        memo = self._resolved_memo
        stack = [w]
        while stack:
            v = stack[-1]
            if v in memo:
                stack.pop()
                continue
            pending = [u for u in self._subst[v] if u in self._subst and u not in memo]
            if pending:
                stack.extend(pending)
                continue
            value: Terms = {}
            for u, c in self._subst[v].items():
                if u in self._subst:
                    part = {x: c * k % R for x, k in memo[u].items()}
                else:
                    part = {u: c}
                for x, k in part.items():
                    k = (value.get(x, 0) + k) % R
                    if k:
                        value[x] = k
                    else:
                        value.pop(x, None)
            memo[v] = value
            stack.pop()
        return memo[w]

    def finalize(self) -> Finalized:
        """Applies the eliminations, drops constraints they made trivial or duplicate,
        renumbers the wires densely and the scratch registers after them."""
        gone = self._subst
        first_gone = min(gone, default=len(self.labels))
        remap: dict[int, int] = {}
        for w in range(first_gone, len(self.labels)):
            if w not in gone:
                remap[w] = first_gone + len(remap)
        n_wires = len(self.labels) - len(gone)
        reg_shift = n_wires - REGISTER_BASE

        def fix(terms: Terms, used: set[int] | None = None) -> Terms:
            if max(terms, default=0) < first_gone:
                return terms  # only wires below every eliminated one: unchanged
            return {remap.get(w, w): c for w, c in self._resolve(terms, used).items()}

        def fix_op(terms: Terms) -> Terms:
            top = max(terms, default=0)
            if top < first_gone:
                return terms
            if top < REGISTER_BASE:
                return fix(terms)
            return {
                w + reg_shift if w >= REGISTER_BASE else remap.get(w, w): c
                for w, c in self._resolve(terms).items()
            }

        fixed: list[tuple[Terms, Terms, Terms, set[int]]] = []
        unchanged_keys: set[tuple[object, ...]] = set()
        for (a, b, c), key in zip(self.constraints, self._keys, strict=True):
            used: set[int] = set()
            abc = (fix(a, used), fix(b, used), fix(c, used))
            fixed.append((*abc, used))
            if abc[0] is a and abc[1] is b and abc[2] is c:
                unchanged_keys.add(key)
        constraints: list[tuple[Terms, Terms, Terms]] = []
        info: list[ConstraintInfo] = []
        checks: list[int] = []
        seen: set[tuple[object, ...]] = set()
        for i, ((fa, fb, fc, used), (a, b, c), meta) in enumerate(
            zip(fixed, self.constraints, self.info, strict=True)
        ):
            if not (fa is a and fb is b and fc is c):
                if not fc and (not fa or not fb):
                    continue  # became 0 = 0
                ka, kb = tuple(sorted(fa.items())), tuple(sorted(fb.items()))
                key = (min(ka, kb), max(ka, kb), tuple(sorted(fc.items())))
                if key in seen or key in unchanged_keys:
                    continue  # became a duplicate
                seen.add(key)
                merged = tuple(self._subst_info[w] for w in sorted(used))
                meta = ConstraintInfo(
                    len(info), meta.kind, meta.scope, meta.file, meta.line, merged
                )
            elif meta.index != len(info):
                meta = ConstraintInfo(len(info), meta.kind, meta.scope, meta.file, meta.line)
            # A product's constraint restates its MulOp unless the product was eliminated
            # (then it states something new: x·y = c).
            if i not in self._defines or self._defines[i] in gone:
                checks.append(len(info))
            info.append(meta)
            constraints.append((fa, fb, fc))
        ops: list[Op] = []
        for op in self.ops:
            if isinstance(op, MulOp):
                if op.out not in gone:
                    ops.append(MulOp(remap.get(op.out, op.out), fix_op(op.a), fix_op(op.b)))
            elif isinstance(op, HintOp):
                ins = tuple(fix_op(x) for x in op.inputs)
                ops.append(
                    HintOp(op.kind, op.param, ins, remap.get(op.out_start, op.out_start), op.n_out)
                )
            else:
                out = op.out + reg_shift if op.out >= REGISTER_BASE else remap.get(op.out, op.out)
                ops.append(LinOp(out, fix_op(op.lc)))
        labels = [lab for w, lab in enumerate(self.labels) if w not in gone]
        hint_wires = {remap.get(w, w) for w in self.hint_wires}
        return Finalized(labels, constraints, info, ops, hint_wires, self.n_registers, checks)

    def assert_bool(self, a: Operand) -> None:
        """States ``a ∈ {0, 1}``: one constraint ``a·(a - 1) = 0``."""
        la = self.lc(a)
        self.add_constraint(la, la - 1, 0, "assert_bool")

    def select(self, s: Operand, a: Operand, b: Operand) -> LinearCombination:
        """``a`` if ``s`` = 1 else ``b``; states that ``s`` is boolean. 2 constraints."""
        ls = self.lc(s)
        if ls.is_constant():
            v = ls.constant_value()
            if v not in (0, 1):
                raise UnsatisfiedConstraint(f"select: constant selector {v} is not 0 or 1")
            return self.lc(a) if v == 1 else self.lc(b)
        self.assert_bool(ls)
        lb = self.lc(b)
        return self.mul(ls, self.lc(a) - lb) + lb

    def is_zero(self, a: Operand) -> LinearCombination:
        """1 if ``a`` = 0 else 0 (a boolean wire). 2 constraints, 2 wires."""
        la = self.lc(a)
        if la.is_constant():
            return self.lc(int(la.constant_value() == 0))
        memo = ("is_zero", la.key())
        if memo in self._memo:
            return self._memo[memo]
        inv, out = self._hint("is_zero", [la], 0, "is_zero", ("inv", "out"))
        self.add_constraint(la, inv, 1 - out, "is_zero")
        self.add_constraint(la, out, 0, "is_zero")
        self._memo[memo] = out
        return out

    def is_equal(self, a: Operand, b: Operand) -> LinearCombination:
        """1 if ``a`` = ``b`` else 0: ``is_zero(a - b)``."""
        return self.is_zero(self.lc(a) - self.lc(b))

    def inverse(self, a: Operand) -> LinearCombination:
        """``1 / a``: one constraint ``a·inv = 1``, which no witness satisfies when a = 0."""
        la = self.lc(a)
        if la.is_constant():
            v = la.constant_value()
            if v == 0:
                raise UnsatisfiedConstraint("inverse of the constant 0")
            return self.lc(pow(v, -1, R))
        memo = ("inverse", la.key())
        if memo in self._memo:
            return self._memo[memo]
        (inv,) = self._hint("inverse", [la], 0, "inverse", ())
        self.add_constraint(la, inv, 1, "inverse")
        self._memo[memo] = inv
        return inv

    def div(self, a: Operand, b: Operand) -> LinearCombination:
        """``a / b`` = ``a · inverse(b)``: unsatisfiable for b = 0, even when a = 0."""
        return self.mul(a, self.inverse(b))

    def hint(self, name: str, inputs: Sequence[Operand], param: int = 0) -> list[LinearCombination]:
        """Runs the native hint ``name`` (see :mod:`masa_zk.circuit.hints`) on ``inputs``;
        returns its outputs as fresh, UNCONSTRAINED private wires.

        >>> from masa_zk.circuit import Circuit, Private, Scalar, compile
        >>> class Bits(Circuit):
        ...     x: Private[Scalar]
        ...     def define(self, api):
        ...         bits = api.hint("bits", [self.x], param=3)
        ...         for b in bits:
        ...             api.assert_bool(b)
        ...         api.assert_equal(bits[0] + 2 * bits[1] + 4 * bits[2], self.x)
        >>> w = compile(Bits).witness({"x": 6})
        >>> [w[f"hint.bits#2[{k}]"] for k in range(3)]
        [0, 1, 1]
        """
        return self._hint(name, [self.lc(x) for x in inputs], param, f"hint.{name}", ())

    def _hint(
        self,
        name: str,
        inputs: list[LinearCombination],
        param: int,
        label: str,
        names: Sequence[str],
    ) -> list[LinearCombination]:
        kind = hint_kind(name)
        if len(inputs) != kind.n_inputs:
            raise InvalidInput(f"hint {name!r} takes {kind.n_inputs} inputs, got {len(inputs)}")
        n = kind.outputs(param)
        start = self.new_wires(label, n, names)
        self.hint_wires.update(range(start, start + n))
        ins = tuple(self._program_terms(x) for x in inputs)
        self.ops.append(HintOp(kind.code, param, ins, start, n))
        return [self.wire(start + k) for k in range(n)]
