"""Exponential ElGamal encryption on Baby Jubjub in constraints.

``C1 = r·G``, ``C2 = m·G + r·PK`` with ``G`` = :func:`masa_zk.babyjubjub.base8` (the
generator of the prime-order subgroup), a message ``m`` range-checked to ``m_bits`` bits
and randomness ``r`` decomposed into ``r_bits`` bits (252 by default: every r < l fits).
Decryption recovers ``m·G = C2 - sk·C1``, and m by a small discrete logarithm, so m is
kept small; ciphertexts add component-wise (the sum encrypts the sum of the messages).

Cost (``m_bits = 32``, ``r_bits = 252``): ``to_bits`` of m and r (32 + 252), ``r·G``
fixed-base (506), ``m·G`` fixed-base (66), ``r·PK`` variable-base with the public-key
check (2038), one addition (6): **2900**.

>>> from masa_zk.circuit import Circuit, Private, Public, Scalar, compile
>>> from masa_zk.babyjubjub import base8
>>> class Enc(Circuit):
...     pkx: Public[Scalar]
...     pky: Public[Scalar]
...     c: Public[Array[Scalar, 4]]
...     m: Private[Scalar]
...     r: Private[Scalar]
...     def define(self, api):
...         c1, c2 = elgamal_encrypt(api, (self.pkx, self.pky), self.m, self.r)
...         for got, want in zip((*c1, *c2), self.c):
...             api.assert_equal(got, want)
>>> from masa_zk.circuit import Array
>>> pk = base8() * 1234
>>> c1, c2 = base8() * 99, base8() * 5 + pk * 99
>>> cs = compile(Enc)
>>> cs.num_constraints - 4   # the four equalities
2900
>>> _ = cs.witness({"pkx": pk.x, "pky": pk.y, "c": [c1.x, c1.y, c2.x, c2.y], "m": 5, "r": 99})
"""

from __future__ import annotations

from collections.abc import Sequence

from masa_zk.babyjubjub import base8
from masa_zk.circuit.api import Api
from masa_zk.circuit.lc import Operand
from masa_zk.errors import InvalidInput
from masa_zk.gadgets.babyjubjub import Point, PointLike, point_add, scalar_mul, scalar_mul_fixed
from masa_zk.gadgets.bits import to_bits

__all__ = ["ELGAMAL_R_BITS", "elgamal_encrypt"]

#: Default width of the randomness r: 252 bits hold every r < l.
ELGAMAL_R_BITS = 252


def elgamal_encrypt(
    api: Api,
    pk: PointLike,
    m: Operand | Sequence[Operand],
    r: Operand | Sequence[Operand],
    *,
    m_bits: int = 32,
    r_bits: int = ELGAMAL_R_BITS,
) -> tuple[Point, Point]:
    """``(C1, C2) = (r·G, m·G + r·pk)``: the exponential ElGamal encryption of ``m``.

    ``m`` and ``r`` are values (decomposed here: m must fit in ``m_bits`` bits, r in
    ``r_bits``) or sequences of bits (LSB first, stated boolean). ``pk`` is stated to be on
    the curve and not of small order. Cost: see the module docstring (2900 by default).

    >>> from masa_zk.circuit import Circuit, Private, Scalar, compile
    >>> class E(Circuit):
    ...     m: Private[Scalar]
    ...     r: Private[Scalar]
    ...     def define(self, api):
    ...         elgamal_encrypt(api, base8() * 3, self.m, self.r, m_bits=8, r_bits=16)
    >>> cs = compile(E)
    >>> _ = cs.witness({"m": 200, "r": 5000})
    """
    for name, width in (("m_bits", m_bits), ("r_bits", r_bits)):
        if isinstance(width, bool) or not isinstance(width, int) or not 1 <= width <= 253:
            raise InvalidInput(f"elgamal_encrypt: {name} must be an int in 1..=253")
    with api.scope("elgamal"):
        mb = list(m) if isinstance(m, Sequence) else to_bits(api, m, m_bits)
        rb = list(r) if isinstance(r, Sequence) else to_bits(api, r, r_bits)
        g = base8()
        c1 = scalar_mul_fixed(api, rb, g)
        mg = scalar_mul_fixed(api, mb, g)
        rpk = scalar_mul(api, rb, pk, check=True)
        return c1, point_add(api, mg, rpk)
