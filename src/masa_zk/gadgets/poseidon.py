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
witness program does not pay for it: each partial-round state element is cached in a
scratch register (:meth:`~masa_zk.circuit.api.Api.cache`), so every program operand has
at most t + 2 terms (Poseidon(2): ~1400 terms in all).

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
from functools import cache

from masa_zk.circuit.api import Api
from masa_zk.circuit.lc import LinearCombination, Operand, linear_sum
from masa_zk.errors import InvalidInput
from masa_zk.hashing import FULL_ROUNDS, MAX_INPUTS, PARTIAL_ROUNDS, constants

__all__ = ["poseidon", "poseidon_cost"]


@cache
def _params(t: int) -> tuple[tuple[int, ...], tuple[tuple[int, ...], ...]]:
    c, m = constants(t)
    return tuple(c), tuple(tuple(row) for row in m)


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
    rounds_p = PARTIAL_ROUNDS[t - 2]
    c, m = _params(t)
    half = FULL_ROUNDS // 2
    with api.scope("poseidon"):
        state = [api.constant(0)] + [api.lc(x) for x in inputs]
        for r in range(FULL_ROUNDS + rounds_p):
            state = [s + c[r * t + i] for i, s in enumerate(state)]
            if r < half or r >= half + rounds_p:
                state = [_sbox(api, s) for s in state]
            else:
                state[0] = _sbox(api, state[0])
            last = r == FULL_ROUNDS + rounds_p - 1
            state = [linear_sum(api, row, state) for row in (m[:1] if last else m)]
            if half <= r < half + rounds_p:
                # The state of the partial rounds gains a wire per round; the witness
                # program reads it from registers instead of re-summing it each round.
                state = [api.cache(s) for s in state]
        return state[0]
