"""Do circomlib's Poseidon MDS matrices pass the reference script's security checks?

circomlib's constants equal the Grain LFSR output of the *older* reference script
(generate_parameters_grain.sage): round constants first, then the first Cauchy matrix
candidate, for every t. Later versions of the script draw the matrix first and re-draw it
until three checks pass (Algorithms 1-3, after "Proving Resistance Against Infinitely Long
Subspace Trails", eprint 2020/500), so they produce different constants. These tests run
those checks, with s = 1 as the script does, on the matrices masa-zk generates (equal to
circomlibjs's, see test_poseidon.py), in plain Python over GF(p), to show that the
re-draw step would not have fired: circomlib's matrices are ones the current script accepts.
"""

from __future__ import annotations

import pytest

from masa_zk.hashing import FIELD_MODULUS, constants

P = FIELD_MODULUS
Mat = list[list[int]]


def mat_mul(a: Mat, b: Mat) -> Mat:
    n = len(b[0])
    return [[sum(x * b[k][j] for k, x in enumerate(row)) % P for j in range(n)] for row in a]


def mat_vec(a: Mat, v: list[int]) -> list[int]:
    return [sum(x * y for x, y in zip(row, v, strict=True)) % P for row in a]


def rref(rows: Mat) -> Mat:
    """Reduced row echelon form over GF(p), zero rows dropped."""
    m = [r[:] for r in rows]
    ncols = len(m[0]) if m else 0
    pivot_row = 0
    for col in range(ncols):
        piv = next((i for i in range(pivot_row, len(m)) if m[i][col]), None)
        if piv is None:
            continue
        m[pivot_row], m[piv] = m[piv], m[pivot_row]
        inv = pow(m[pivot_row][col], -1, P)
        m[pivot_row] = [x * inv % P for x in m[pivot_row]]
        for i in range(len(m)):
            if i != pivot_row and m[i][col]:
                f = m[i][col]
                m[i] = [(x - f * y) % P for x, y in zip(m[i], m[pivot_row], strict=True)]
        pivot_row += 1
    out = [r for r in m if any(r)]
    return out


def rank(rows: Mat) -> int:
    return len(rref(rows)) if rows else 0


def kernel(rows: Mat, ncols: int) -> Mat:
    """A basis of {v : rows · v = 0}."""
    if not rows:
        return [[int(i == j) for j in range(ncols)] for i in range(ncols)]
    r = rref(rows)
    pivots = [next(j for j, x in enumerate(row) if x) for row in r]
    free = [j for j in range(ncols) if j not in pivots]
    basis = []
    for f in free:
        v = [0] * ncols
        v[f] = 1
        for row, pc in zip(r, pivots, strict=True):
            v[pc] = -row[f] % P
        basis.append(v)
    return basis


def charpoly(a: Mat) -> list[int]:
    """Characteristic polynomial (coefficients, lowest degree first) by Faddeev-LeVerrier."""
    n = len(a)
    coeffs = [0] * (n + 1)
    coeffs[n] = 1
    mk = [[0] * n for _ in range(n)]
    ident = [[int(i == j) for j in range(n)] for i in range(n)]
    for k in range(1, n + 1):
        prod = mat_mul(a, mk)
        mk = [
            [(prod[i][j] + coeffs[n - k + 1] * ident[i][j]) % P for j in range(n)] for i in range(n)
        ]
        am = mat_mul(a, mk)
        trace = sum(am[i][i] for i in range(n)) % P
        coeffs[n - k] = -trace * pow(k, -1, P) % P
    return coeffs


def poly_mulmod(a: list[int], b: list[int], f: list[int]) -> list[int]:
    prod = [0] * (len(a) + len(b) - 1)
    for i, x in enumerate(a):
        if x:
            for j, y in enumerate(b):
                prod[i + j] = (prod[i + j] + x * y) % P
    return poly_mod(prod, f)


def poly_mod(a: list[int], f: list[int]) -> list[int]:
    a = a[:]
    d = len(f) - 1
    inv = pow(f[-1], -1, P)
    for i in range(len(a) - 1, d - 1, -1):
        c = a[i] * inv % P
        if c:
            for j in range(d + 1):
                a[i - d + j] = (a[i - d + j] - c * f[j]) % P
    return a[:d] if len(a) > d else a


def trim(x: list[int]) -> list[int]:
    while x and x[-1] == 0:
        x = x[:-1]
    return x


def poly_gcd(a: list[int], b: list[int]) -> list[int]:
    a, b = trim(a), trim(b)
    while b:
        a, b = b, trim(poly_mod(a, b))
    inv = pow(a[-1], -1, P)
    return [x * inv % P for x in a]


def poly_powmod(base: list[int], e: int, f: list[int]) -> list[int]:
    result = [1]
    base = poly_mod(base, f)
    while e:
        if e & 1:
            result = poly_mulmod(result, base, f)
        base = poly_mulmod(base, base, f)
        e >>= 1
    return result


def roots_in_field(f: list[int]) -> list[int]:
    """The distinct roots in GF(p) of f: split gcd(f, x^p - x) (Cantor-Zassenhaus)."""
    xp = [*poly_powmod([0, 1], P, f), 0, 0]
    xp[1] = (xp[1] - 1) % P
    g = poly_gcd(f, trim(xp) or [0])
    found: list[int] = []

    def split(h: list[int], a: int) -> None:
        if len(h) == 1:
            return
        if len(h) == 2:
            found.append(-h[0] % P)
            return
        while True:
            w = [*poly_powmod([a, 1], (P - 1) // 2, h), 0]
            w[0] = (w[0] - 1) % P
            d = poly_gcd(h, trim(w) or [0])
            a += 1
            if 1 < len(d) < len(h):
                split(d, a)
                q = poly_divexact(h, d)
                split(q, a)
                return

    split(g, 1)
    return sorted(found)


def poly_divexact(a: list[int], b: list[int]) -> list[int]:
    a = a[:]
    q = [0] * (len(a) - len(b) + 1)
    inv = pow(b[-1], -1, P)
    for i in range(len(q) - 1, -1, -1):
        c = a[i + len(b) - 1] * inv % P
        q[i] = c
        for j, y in enumerate(b):
            a[i + j] = (a[i + j] - c * y) % P
    return q


def intersect_with_eigenspace(s_basis: Mat, m: Mat, lam: int) -> Mat:
    """A basis of S ∩ ker(M - lam·I)."""
    t = len(m)
    shifted = [[(m[r][c] - (lam if r == c else 0)) % P for c in range(t)] for r in range(t)]
    images = [mat_vec(shifted, v) for v in s_basis]  # columns of (M - lam·I)·S
    rows = [[images[k][r] for k in range(len(s_basis))] for r in range(t)]
    coeffs = kernel(rows, len(s_basis))
    return [
        [sum(c * v[i] for c, v in zip(cs, s_basis, strict=True)) % P for i in range(t)]
        for cs in coeffs
    ]


def e0_is_cyclic(m: Mat) -> bool:
    """Algorithm 2 with s = 1: the Krylov space of e_0 under M is the whole space."""
    t = len(m)
    v = [int(i == 0) for i in range(t)]
    vs = [v]
    for _ in range(t - 1):
        v = mat_vec(m, v)
        vs.append(v)
    return rank(vs) == t


def algorithm_1(m: Mat) -> bool:
    t = len(m)
    powers = [m]
    for _ in range(t):
        powers.append(mat_mul(powers[-1], m))  # powers[j] = M^(j+1)
    for i in range(1, t):
        mi = powers[i - 1]
        if all(mi[r][c] == (mi[0][0] if r == c else 0) for r in range(t) for c in range(t)):
            return False  # M^i is a scalar matrix
        # S: vectors (0, v) with row 0 of M^1 .. M^(i-1) (without column 0) killing v.
        cons = [powers[j][0][1:] for j in range(i - 1)]
        s_basis = [[0, *v] for v in kernel(cons, t - 1)]
        # IS: the parts of S in eigenspaces of M^i for eigenvalues in GF(p).
        is_basis: Mat = []
        for lam in roots_in_field(charpoly(mi)):
            is_basis += intersect_with_eigenspace(s_basis, mi, lam)
        if 1 <= rank(is_basis) < t:
            return False  # an invariant subspace inside S
        for j in range(1, i + 1):
            moved = [mat_vec(powers[j - 1], v) for v in s_basis]
            if rank(s_basis + moved) == len(s_basis):
                return False  # S is invariant under M^j
    return True


@pytest.mark.parametrize("t", range(2, 18))
def test_circomlib_mds_passes_reference_security_checks(t: int) -> None:
    _, m = constants(t)
    assert algorithm_1(m), "Algorithm 1"
    assert e0_is_cyclic(m), "Algorithm 2"
    mr = m
    for _ in range(2, 4 * t + 1):
        mr = mat_mul(mr, m)
        assert e0_is_cyclic(mr), "Algorithm 3"


def test_helpers_on_a_known_matrix() -> None:
    # diag(2, 3, 5) conjugated by an invertible matrix: eigenvalues 2, 3, 5.
    q = [[1, 2, 3], [0, 1, 4], [5, 6, 0]]
    q_inv_rows = rref([row + [int(i == j) for j in range(3)] for i, row in enumerate(q)])
    q_inv = [r[3:] for r in q_inv_rows]
    a = mat_mul(mat_mul(q, [[2, 0, 0], [0, 3, 0], [0, 0, 5]]), q_inv)
    assert charpoly(a) == [-30 % P, 31, -10 % P, 1]
    assert roots_in_field(charpoly(a)) == [2, 3, 5]
    col = [q[r][1] for r in range(3)]  # eigenvector of 3
    assert intersect_with_eigenspace([[1, 0, 0], [0, 1, 0], [0, 0, 1]], a, 3) != []
    assert mat_vec(a, col) == [3 * x % P for x in col]


def test_checks_reject_insecure_matrices() -> None:
    # Block-diagonal: span(e1, e2) is invariant, e0 spans only itself.
    block = [[2, 0, 0], [0, 3, 1], [0, 1, 4]]
    assert not algorithm_1(block)
    assert not e0_is_cyclic(block)
    assert not algorithm_1([[7, 0, 0], [0, 7, 0], [0, 0, 7]])  # scalar
