"""EdDSA-Poseidon verification in constraints: the statement of circomlib's
``EdDSAPoseidonVerifier`` (and of :meth:`masa_zk.eddsa.PublicKey.verify`).

For a public key ``A``, a message ``M`` (a field element) and a signature ``(R8, S)``:

1. ``S < l`` (the subgroup order): ``to_bits(S, 251)`` + ``assert_bits_le(bits, l - 1)``;
2. ``h = Poseidon(R8x, R8y, Ax, Ay, M)``, decomposed strictly (``to_bits_strict``);
3. ``A`` on the curve and not of small order (:func:`assert_not_small_order`; circomlib
   checks only the latter, by doubling three times), ``R8`` on the curve;
4. ``S·B8 == R8 + h·(8·A)``: ``8·A`` by three Montgomery doublings, ``h·(8A)`` by the
   variable-base chain, ``S·B8`` by the fixed-base windows, and the final addition stated
   with the fixed-base result as its output (no division wires, no equality constraints).

Cost: **3699** constraints (circomlib ``EdDSAPoseidonVerifier()``, circom 2 ``--O2``:
4217, so 0.877 x): S range 251 + 151, Poseidon(5) 321, strict bits of h 384, point checks
6 + 3, 8·A 16, h·(8A) 2058, S·B8 504, the final addition 6 (one product is shared).
Where it is cheaper: the strict decomposition of h (384 against 515), the variable-base
multiplication (signed digits: 8 constraints per bit against 9), S decomposed in 251
bits (S < l < 2^251) and the last addition stated against the fixed-base output. With
``enabled`` (+1 for the boolean and +1 per non-constant input): when ``enabled = 0``
the inputs are replaced by a built-in valid signature, so nothing is required of them.

>>> from masa_zk.circuit import Circuit, Public, Scalar, compile
>>> from masa_zk.eddsa import PrivateKey
>>> class Signed(Circuit):
...     ax: Public[Scalar]
...     ay: Public[Scalar]
...     msg: Public[Scalar]
...     r8x: Public[Scalar]
...     r8y: Public[Scalar]
...     s: Public[Scalar]
...     def define(self, api):
...         assert_eddsa_poseidon(
...             api, (self.ax, self.ay), self.msg, (self.r8x, self.r8y), self.s
...         )
>>> sk = PrivateKey.from_bytes(bytes(32))
>>> sig, a = sk.sign(42), sk.public_key().point
>>> cs = compile(Signed)
>>> cs.num_constraints
3699
>>> w = cs.witness({"ax": a.x, "ay": a.y, "msg": 42, "r8x": sig.R8.x, "r8y": sig.R8.y,
...                 "s": sig.S})
"""

from __future__ import annotations

from functools import cache

from masa_zk.babyjubjub import SUBGROUP_ORDER, base8
from masa_zk.circuit.api import Api
from masa_zk.circuit.lc import Operand
from masa_zk.gadgets.babyjubjub import (
    PointLike,
    _edwards_add,
    _from_mont,
    _mont_double,
    _point,
    _scalar_mul_mont,
    _to_mont,
    assert_not_small_order,
    assert_on_curve,
    scalar_mul_fixed,
)
from masa_zk.gadgets.bits import assert_bits_le, to_bits, to_bits_strict
from masa_zk.gadgets.poseidon import poseidon

__all__ = ["EDDSA_POSEIDON_COST", "assert_eddsa_poseidon"]

#: Constraints of :func:`assert_eddsa_poseidon` without ``enabled`` (+7 with it).
EDDSA_POSEIDON_COST = 3699

#: Bits of S: S < l < 2^251.
S_BITS = SUBGROUP_ORDER.bit_length()


@cache
def _dummy() -> tuple[int, int, int, int, int, int]:
    """A valid (Ax, Ay, M, R8x, R8y, S), verified when ``enabled = 0``."""
    from masa_zk.eddsa import PrivateKey

    sk = PrivateKey.from_bytes(b"masa-zk eddsa disabled signature")
    sig, a = sk.sign(0), sk.public_key().point
    return a.x, a.y, 0, sig.R8.x, sig.R8.y, sig.S


def assert_eddsa_poseidon(
    api: Api,
    pub_key: PointLike,
    msg: Operand,
    r8: PointLike,
    s: Operand,
    *,
    enabled: Operand | None = None,
) -> None:
    """States that ``(r8, s)`` is a valid EdDSA-Poseidon signature of ``msg`` under
    ``pub_key`` (circomlibjs ``verifyPoseidon`` plus ``S < l`` and the point checks):
    :data:`EDDSA_POSEIDON_COST` (3699) constraints, inside ``api.scope("eddsa")``.

    With ``enabled`` (stated boolean; +1 per non-constant input, +1) the statement holds only when
    ``enabled = 1``; with ``enabled = 0`` any inputs are accepted (circomlib's
    ``enabled`` input).

    >>> from masa_zk.circuit import Circuit, Private, Public, Scalar, compile
    >>> from masa_zk.eddsa import PrivateKey
    >>> class Maybe(Circuit):
    ...     on: Public[Scalar]
    ...     sig: Private[Array[Scalar, 5]]
    ...     def define(self, api):
    ...         ax, ay, r8x, r8y, s = self.sig
    ...         assert_eddsa_poseidon(api, (ax, ay), 7, (r8x, r8y), s, enabled=self.on)
    >>> from masa_zk.circuit import Array
    >>> cs = compile(Maybe)
    >>> cs.num_constraints
    3705
    >>> _ = cs.witness({"on": 0, "sig": [1, 2, 3, 4, 5]})       # disabled: anything goes
    """
    with api.scope("eddsa"):
        ax, ay = _point(api, pub_key, "public key")
        rx, ry = _point(api, r8, "R8")
        m, sv = api.lc(msg), api.lc(s)
        if enabled is not None:
            on = api.lc(enabled)
            dax, day, dm, drx, dry, ds = _dummy()
            ax, ay = api.select(on, ax, dax), api.select(on, ay, day)
            rx, ry = api.select(on, rx, drx), api.select(on, ry, dry)
            m, sv = api.select(on, m, dm), api.select(on, sv, ds)
        a, r = (ax, ay), (rx, ry)
        with api.scope("s_range"):
            s_bits = to_bits(api, sv, S_BITS)
            assert_bits_le(api, s_bits, SUBGROUP_ORDER - 1)
        h = poseidon(api, [rx, ry, ax, ay, m])
        h_bits = to_bits_strict(api, h)
        assert_not_small_order(api, a)
        assert_on_curve(api, r)
        with api.scope("a8"):
            # A of order ≥ l, so 8·A has order exactly l: the chain's precondition.
            a8 = _mont_double(api, _mont_double(api, _mont_double(api, _to_mont(api, a))))
            a8_edwards = _from_mont(api, a8)
        with api.scope("h_a8"):
            right = _scalar_mul_mont(api, h_bits, a8_edwards, a8)
        left = scalar_mul_fixed(api, s_bits, base8())
        with api.scope("check"):
            _edwards_add(api, r, right, out=left)
