"""BN254 (alt_bn128; snarkjs' "bn128"): the scalar field, G1, G2, GT, pairings and MSM.

- :mod:`masa_zk.bn254.fr`: :class:`Fr`, pure-Python arithmetic mod r.
- :mod:`masa_zk.bn254.points`: :class:`G1`, :class:`G2`, checked immutable points.
- :mod:`masa_zk.bn254.pairing`: :class:`GT`, :func:`pairing`, :func:`pairing_product`,
  :func:`pairing_check`.
- :mod:`masa_zk.bn254.msm`: :func:`msm_g1`, :func:`msm_g2`, :class:`G1Bases`,
  :class:`G2Bases`.

>>> from masa_zk import G1, G2, Fr, pairing_check
>>> a, b = Fr.random(), Fr.random()
>>> pairing_check([(G1.generator() * a, G2.generator() * b),
...                (-(G1.generator() * (a * b)), G2.generator())])
True
"""

from __future__ import annotations

from masa_zk.bn254.fr import Fr, Q, R
from masa_zk.bn254.msm import G1Bases, G2Bases, Scalars, msm_g1, msm_g2
from masa_zk.bn254.pairing import GT, pairing, pairing_check, pairing_product
from masa_zk.bn254.points import G1, G2

__all__ = [
    "G1",
    "G2",
    "GT",
    "Fr",
    "G1Bases",
    "G2Bases",
    "Q",
    "R",
    "Scalars",
    "msm_g1",
    "msm_g2",
    "pairing",
    "pairing_check",
    "pairing_product",
]
