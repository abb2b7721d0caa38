"""Independent BN254 references for the tests: py_ecc (optimized_bn128) and, when the npm
packages are installed, snarkjs' ffjavascript through node."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

from py_ecc import optimized_bn128 as ob
from py_ecc.fields import optimized_bn128_FQ2 as FQ2
from py_ecc.fields import optimized_bn128_FQ12 as FQ12

from masa_zk import G1, G2, GT

Q = ob.field_modulus
R = ob.curve_order
#: The BN parameter x (u in some papers): q and r are polynomials in it.
BN_X = 4965661367192848881
#: arkworks' (and snarkjs') final exponentiation raises to M * (q^12 - 1) / r.
M = 2 * BN_X * (6 * BN_X**2 + 3 * BN_X + 1)

ROOT = Path(__file__).resolve().parent.parent


def ref_g1(k: int) -> tuple[int, int] | None:
    """Affine coordinates of k * G1 by py_ecc (None for infinity)."""
    p = ob.normalize(ob.multiply(ob.G1, k % R))
    if ob.is_inf(ob.multiply(ob.G1, k % R)):
        return None
    return int(p[0]), int(p[1])


def ref_g2_point(k: int) -> Any:
    return ob.multiply(ob.G2, k % R)


def ref_g2(k: int) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """Affine coordinates ((x.c0, x.c1), (y.c0, y.c1)) of k * G2 by py_ecc."""
    p = ref_g2_point(k)
    if ob.is_inf(p):
        return None
    x, y = ob.normalize(p)
    return (int(x.coeffs[0]), int(x.coeffs[1])), (int(y.coeffs[0]), int(y.coeffs[1]))


def g1_of(p: G1) -> Any:
    """Our G1 point as a py_ecc projective point."""
    if p.is_identity():
        return ob.Z1
    return (ob.FQ(p.x), ob.FQ(p.y), ob.FQ.one())


def g2_of(p: G2) -> Any:
    if p.is_identity():
        return ob.Z2
    return (FQ2(list(p.x)), FQ2(list(p.y)), FQ2.one())


def gt_to_pyecc(gt: GT | tuple[int, ...]) -> Any:
    """Map our tower coefficients (w^a v^b u^c) to py_ecc's w-basis (w^6 = 9 + u, so
    v = w^2 and u = w^6 - 9)."""
    c = gt.coefficients() if isinstance(gt, GT) else gt
    out = [0] * 12
    for a in range(2):
        for b in range(3):
            k = a + 2 * b
            c0, c1 = c[6 * a + 2 * b], c[6 * a + 2 * b + 1]
            out[k] = (out[k] + c0 - 9 * c1) % Q
            out[k + 6] = (out[k + 6] + c1) % Q
    return FQ12(out)


def fq2_sqrt(a: Any) -> Any | None:
    """A square root in Fq2 (q = 3 mod 4; Adj & Rodriguez-Henriquez, Algorithm 9)."""
    a1 = a ** ((Q - 3) // 4)
    alpha = a1 * a1 * a
    a0 = (alpha**Q) * alpha
    if a0 == -FQ2.one():
        return None
    x0 = a1 * a
    if alpha == -FQ2.one():
        x = FQ2([0, 1]) * x0
    else:
        b = (FQ2.one() + alpha) ** ((Q - 1) // 2)
        x = b * x0
    return x if x * x == a else None


def g2_point_outside_subgroup(start: int = 1) -> tuple[Any, Any]:
    """An affine point (x, y) of the twist that py_ecc confirms is NOT of order r."""
    i = start
    while True:
        x = FQ2([i, 1])
        y = fq2_sqrt(x**3 + ob.b2)
        if y is not None:
            pt = (x, y, FQ2.one())
            assert ob.is_on_curve(pt, ob.b2)
            if not ob.is_inf(ob.multiply(pt, R)):
                return x, y
        i += 1


def run_node(script: str) -> Any:
    """Run a node script (with the repository's node_modules) that prints one JSON line."""
    out = subprocess.run(
        ["node", "-e", script], cwd=ROOT, capture_output=True, text=True, check=True, timeout=120
    )
    return json.loads(out.stdout)
