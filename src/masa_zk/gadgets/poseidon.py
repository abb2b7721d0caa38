"""Poseidon in constraints: the same function as :func:`masa_zk.poseidon` (circomlib's
``Poseidon(n)``), for 1..16 inputs.

Cost: every x^5 S-box is 3 constraints (x², x⁴, x⁵) and 3 wires; adding round constants
and the MDS mix are linear combinations (free). Full rounds apply the S-box to all ``t =
n + 1`` state elements, partial rounds to element 0 only, so Poseidon(n) costs
``3·(8·t + R_P) - 3`` constraints: the first S-box acts on the constant capacity element
(0 + c) and is folded. Poseidon(2): 3·(24 + 57) - 3 = **240**. circomlib's Poseidon(2)
compiled by circom 2 (``circom2 --r1cs``): 243 non-linear constraints at the default
``--O1``, which keeps that S-box, and 240 at ``--O2``; Poseidon(1): 216 vs our 213,
Poseidon(16): 612 vs our 609.

The constraints are denser than circom's ``--O2`` output (Poseidon(2): 6722 non-zero
coefficients against 3040): the state of the partial rounds is a linear combination
that gains a term per round and appears in the A and B of ``x²`` and the B of ``x⁵``,
where circom substitutes the other way (keeps the S-box input as the wire and eliminates
``x⁵``), which the DSL's elimination (newest product wire only) cannot express. The
witness program does not pay for it: the partial rounds run in the sparse form of the
Poseidon paper's appendix B (the same derivation as the native hash: ~2t terms of work
per round instead of t²), and each state element is cached in a scratch register
(:meth:`~masa_zk.circuit.api.Api.cache`), so every program operand has at most t + 1
terms (Poseidon(2): ~1140 terms in all).

>>> from masa_zk.circuit import Circuit, Private, Public, Scalar, compile
>>> from masa_zk import poseidon as native_poseidon
>>> class Preimage(Circuit):
...     digest: Public[Scalar]
...     a: Private[Scalar]
...     b: Private[Scalar]
...     def define(self, api):
...         api.assert_equal(poseidon(api, [self.a, self.b]), self.digest)
>>> cs = compile(Preimage)
>>> cs.stats()["constraints"]
240
>>> _ = cs.witness({"a": 1, "b": 2, "digest": native_poseidon([1, 2])})
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from masa_zk.bn254.fr import R
from masa_zk.circuit.api import Api
from masa_zk.circuit.lc import LinearCombination, Operand, linear_sum
from masa_zk.errors import InvalidInput
from masa_zk.hashing import FULL_ROUNDS, MAX_INPUTS, PARTIAL_ROUNDS, constants

__all__ = ["poseidon", "poseidon_cost"]


@cache
def _params(t: int) -> tuple[tuple[int, ...], tuple[tuple[int, ...], ...]]:
    c, m = constants(t)
    return tuple(c), tuple(tuple(row) for row in m)


Matrix = list[list[int]]


def _mat_vec(m: Matrix, v: Sequence[int]) -> list[int]:
    return [sum(a * b for a, b in zip(row, v, strict=True)) % R for row in m]


def _mat_mul(a: Matrix, b: Matrix) -> Matrix:
    cols = list(zip(*b, strict=True))
    return [[sum(x * y for x, y in zip(row, col, strict=True)) % R for col in cols] for row in a]


def _mat_inv(m: Matrix) -> Matrix:
    """Gauss-Jordan inverse mod r (the matrices here are Cauchy minors: invertible)."""
    n = len(m)
    a = [list(row) + [int(i == j) for j in range(n)] for i, row in enumerate(m)]
    for col in range(n):
        piv = next(i for i in range(col, n) if a[i][col])
        a[col], a[piv] = a[piv], a[col]
        inv = pow(a[col][col], -1, R)
        a[col] = [x * inv % R for x in a[col]]
        for i in range(n):
            if i != col and a[i][col]:
                f = a[i][col]
                a[i] = [(x - f * y) % R for x, y in zip(a[i], a[col], strict=True)]
    return [row[n:] for row in a]


@dataclass(frozen=True)
class _Sparse:
    """Poseidon's partial rounds in the sparse form (Poseidon paper, appendix B; the same
    derivation as ``native/src/poseidon``): a partial round is ``x = (s0 + c)^5``,
    ``s0' = m00·x + row·s[1:]``, ``s[1:] += w·x``; the last one uses a dense matrix."""

    full_c: tuple[int, ...]  # R_F·t constants of the full rounds (the 5th carries a fold)
    partial_c: tuple[int, ...]  # one per partial round, for state[0]
    rows: tuple[tuple[int, ...], ...]
    ws: tuple[tuple[int, ...], ...]
    last_m: tuple[tuple[int, ...], ...]
    m00: int


@cache
def _sparse(t: int) -> _Sparse:
    c, m_t = _params(t)
    m = [list(row) for row in m_t]
    rounds_p = PARTIAL_ROUNDS[t - 2]
    half = FULL_ROUNDS // 2
    # Constants of the cells that skip the S-box commute with it and move through M.
    full_c = list(c[: half * t])
    partial_c = []
    carry = [0] * t
    for k in range(rounds_p):
        r = half + k
        ck = [(a + b) % R for a, b in zip(c[r * t : (r + 1) * t], carry, strict=True)]
        partial_c.append(ck[0])
        ck[0] = 0
        carry = _mat_vec(m, ck)
    r = half + rounds_p
    full_c += [(a + b) % R for a, b in zip(c[r * t : (r + 1) * t], carry, strict=True)]
    full_c += c[(r + 1) * t :]
    # M = diag(1, H)·[[m00, row], [H⁻¹·col, I]]; diag(1, H) moves into the next round.
    hat = [row[1:] for row in m[1:]]
    hat_inv = _mat_inv(hat)
    col = [row[0] for row in m[1:]]
    row = m[0][1:]
    w = _mat_vec(hat_inv, col)
    rows, ws = [], []
    for _ in range(rounds_p - 1):
        rows.append(tuple(row))
        ws.append(tuple(w))
        row = [sum(a * h[j] for a, h in zip(row, hat, strict=True)) % R for j in range(t - 1)]
        w = _mat_vec(hat_inv, w)
    hpow = [[int(i == j) for j in range(t - 1)] for i in range(t - 1)]
    for _ in range(rounds_p - 1):
        hpow = _mat_mul(hpow, hat)
    d = [[int(i == j == 0) for j in range(t)] for i in range(t)]
    for i in range(t - 1):
        d[i + 1][1:] = hpow[i]
    last_m = _mat_mul(m, d)
    return _Sparse(
        tuple(full_c),
        tuple(partial_c),
        tuple(rows),
        tuple(ws),
        tuple(tuple(r_) for r_ in last_m),
        m[0][0],
    )


def poseidon_cost(n: int) -> int:
    """Constraints of :func:`poseidon` on ``n`` non-constant inputs: ``3·(8·t + R_P) - 3``.

    >>> poseidon_cost(2)
    240
    """
    if not 1 <= n <= MAX_INPUTS:
        raise InvalidInput(f"poseidon: expected 1..{MAX_INPUTS} inputs, got {n}")
    t = n + 1
    return 3 * (FULL_ROUNDS * t + PARTIAL_ROUNDS[t - 2]) - 3


def _sbox(api: Api, x: LinearCombination) -> LinearCombination:
    x2 = api.mul(x, x)
    x4 = api.mul(x2, x2)
    return api.mul(x4, x)


def poseidon(api: Api, inputs: Sequence[Operand]) -> LinearCombination:
    """Poseidon of 1..16 circuit values, equal to ``masa_zk.poseidon`` of their values.

    Costs :func:`poseidon_cost` constraints (240 for two inputs), created inside
    ``api.scope("poseidon")``; constant inputs cost less (constants are folded).

    >>> from masa_zk.circuit import Circuit, Private, Public, Scalar, compile
    >>> from masa_zk import poseidon as native_poseidon
    >>> class H(Circuit):
    ...     h: Public[Scalar]
    ...     x: Private[Scalar]
    ...     def define(self, api):
    ...         api.assert_equal(poseidon(api, [self.x]), self.h)
    >>> _ = compile(H).witness({"x": 7, "h": native_poseidon([7])})
    """
    n = len(inputs)
    if not 1 <= n <= MAX_INPUTS:
        raise InvalidInput(f"poseidon: expected 1..{MAX_INPUTS} inputs, got {n}")
    t = n + 1
    _, m = _params(t)
    sp = _sparse(t)
    half = FULL_ROUNDS // 2

    def full_round(
        state: list[LinearCombination], r: int, rows: Sequence[Sequence[int]]
    ) -> list[LinearCombination]:
        state = [_sbox(api, s + sp.full_c[r * t + i]) for i, s in enumerate(state)]
        return [linear_sum(api, row, state) for row in rows]

    with api.scope("poseidon"):
        state = [api.constant(0)] + [api.lc(x) for x in inputs]
        for r in range(half):
            state = full_round(state, r, m)
        # Partial rounds, sparse: ~2t terms of work per round instead of t². The state
        # gains a wire per round; the witness program reads it from scratch registers
        # (api.cache) instead of re-summing it.
        for k, (row, w) in enumerate(zip(sp.rows, sp.ws, strict=True)):
            x = _sbox(api, state[0] + sp.partial_c[k])
            s0 = linear_sum(api, (sp.m00, *row), [x, *state[1:]])
            rest = [linear_sum(api, (1, wj), [s, x]) for s, wj in zip(state[1:], w, strict=True)]
            state = [api.cache(s) for s in (s0, *rest)]
        state[0] = _sbox(api, state[0] + sp.partial_c[-1])
        state = [api.cache(linear_sum(api, row, state)) for row in sp.last_m]
        for r in range(half, FULL_ROUNDS - 1):
            state = full_round(state, r, m)
        return full_round(state, FULL_ROUNDS - 1, m[:1])[0]
