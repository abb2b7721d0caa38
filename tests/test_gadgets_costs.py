"""The cost table of docs/gadgets.md, checked against the compiler (a regression shows)."""

from __future__ import annotations

import builtins
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from formats_ref import ROOT, run
from test_gadgets_merkle import CIRCOM_MERKLE

from masa_zk.babyjubjub import base8
from masa_zk.bn254.fr import R
from masa_zk.circuit import Array, Circuit, Private, Scalar, compile
from masa_zk.gadgets import (
    assert_bits_le,
    assert_eddsa_poseidon,
    assert_lt,
    assert_not_small_order,
    assert_on_curve,
    assert_smt_membership,
    assert_smt_non_membership,
    elgamal_encrypt,
    lt,
    merkle_root,
    point_add,
    point_double,
    poseidon,
    range_check,
    scalar_mul,
    scalar_mul_fixed,
    to_bits,
    to_bits_strict,
)

DOC = Path(__file__).resolve().parent.parent / "docs" / "gadgets.md"


class Bits254(Circuit):
    bits: Private[Array[Scalar, 254]]


def _cost(body: Callable[[Any, list[Any]], object], n_inputs: int = 2) -> int:
    class C(Circuit):
        a: Private[Scalar]
        b: Private[Scalar]

        def define(self, api: Any) -> None:
            body(api, [self.a, self.b][:n_inputs])

    return compile(C).num_constraints


def _assert_bits_le_cost() -> int:
    class C(Bits254):
        def define(self, api: Any) -> None:
            assert_bits_le(api, self.bits, R - 1)

    return compile(C).num_constraints


class Smt20(Circuit):
    root: Private[Scalar]
    key: Private[Scalar]
    value: Private[Scalar]
    siblings: Private[Array[Scalar, 20]]
    old_key: Private[Scalar]
    old_value: Private[Scalar]
    is_old0: Private[Scalar]


def _smt_membership_cost() -> int:
    class C(Smt20):
        def define(self, api: Any) -> None:
            assert_smt_membership(api, self.root, self.key, self.value, self.siblings)

    return compile(C).num_constraints


def _smt_non_membership_cost() -> int:
    class C(Smt20):
        def define(self, api: Any) -> None:
            assert_smt_non_membership(
                api, self.root, self.key, self.siblings, self.old_key, self.old_value, self.is_old0
            )

    return compile(C).num_constraints


def _merkle_cost() -> int:
    class C(Circuit):
        leaf: Private[Scalar]
        path: Private[Array[Scalar, 20]]
        index: Private[Array[Scalar, 20]]

        def define(self, api: Any) -> None:
            merkle_root(api, self.leaf, self.path, self.index)

    return compile(C).num_constraints


def _wide_cost(body: Callable[[Any, list[Any]], object]) -> int:
    """Cost of ``body`` on 254 private values (points, bits, signature parts)."""

    class C(Bits254):
        def define(self, api: Any) -> None:
            body(api, list(self.bits))

    return compile(C).num_constraints


B8 = base8()
MEASURED: dict[str, Callable[[], int]] = {
    "to_bits(x, 64)": lambda: _cost(lambda api, v: to_bits(api, v[0], 64)),
    "to_bits(x, 253)": lambda: _cost(lambda api, v: to_bits(api, v[0], 253)),
    "range_check(x, 64)": lambda: _cost(lambda api, v: range_check(api, v[0], 64)),
    "to_bits_strict(x)": lambda: _cost(lambda api, v: to_bits_strict(api, v[0])),
    "assert_bits_le(bits, r - 1)": _assert_bits_le_cost,
    "lt(a, b, 64)": lambda: _cost(lambda api, v: lt(api, v[0], v[1], 64)),
    "assert_lt(a, b, 64)": lambda: _cost(lambda api, v: assert_lt(api, v[0], v[1], 64)),
    "poseidon(api, [a, b])": lambda: _cost(lambda api, v: poseidon(api, v)),
    "merkle_root(20 levels)": _merkle_cost,
    "assert_smt_membership(20 levels)": _smt_membership_cost,
    "assert_smt_non_membership(20 levels)": _smt_non_membership_cost,
    "point_add(p, q)": lambda: _wide_cost(lambda api, v: point_add(api, v[0:2], v[2:4])),
    "point_add(p, c)": lambda: _wide_cost(lambda api, v: point_add(api, v[0:2], B8)),
    "point_double(p)": lambda: _wide_cost(lambda api, v: point_double(api, v[0:2])),
    "assert_on_curve(p)": lambda: _wide_cost(lambda api, v: assert_on_curve(api, v[0:2])),
    "assert_not_small_order(p)": lambda: _wide_cost(
        lambda api, v: assert_not_small_order(api, v[0:2])
    ),
    # bits stated boolean inside the gadgets (as circomlib's templates take bits as given)
    "scalar_mul_fixed(bits253, B8)": lambda: (
        _wide_cost(lambda api, v: scalar_mul_fixed(api, v[:253], B8)) - 253
    ),
    "scalar_mul(bits254, p)": lambda: (
        _wide_cost(lambda api, v: scalar_mul(api, v, (v[0], v[1]))) - 254
    ),
    "assert_eddsa_poseidon(A, m, R8, S)": lambda: _wide_cost(
        lambda api, v: assert_eddsa_poseidon(api, v[0:2], v[2], v[3:5], v[5])
    ),
    "assert_eddsa_poseidon(..., enabled)": lambda: _wide_cost(
        lambda api, v: assert_eddsa_poseidon(api, v[0:2], v[2], v[3:5], v[5], enabled=v[6])
    ),
    "elgamal_encrypt(pk, m, r)": lambda: _wide_cost(
        lambda api, v: elgamal_encrypt(api, v[0:2], v[2], v[3])
    ),
}


def _table() -> dict[str, tuple[int, int | None]]:
    rows: dict[str, tuple[int, int | None]] = {}
    for m in re.finditer(r"^\| `([^`]+)` \| (\d+) \| (\d+|—)", DOC.read_text("utf-8"), re.M):
        rows[m[1]] = (int(m[2]), None if m[3] == "—" else int(m[3]))
    return rows


def test_table_lists_every_measured_gadget() -> None:
    assert set(_table()) == set(MEASURED)


@pytest.mark.parametrize("gadget", sorted(MEASURED))
def test_documented_cost(gadget: str) -> None:
    ours, circomlib = _table()[gadget]
    assert MEASURED[gadget]() == ours
    if circomlib is not None:
        # the same function as circomlib's: within 10%
        assert ours <= circomlib * 1.10


def test_doc_example_runs() -> None:
    text = DOC.read_text("utf-8")
    (code,) = re.findall(r"```python\n(.*?)```", text, flags=re.S)
    exec(builtins.compile(code, str(DOC), "exec"), {"__name__": "gadgets_doc"})


CIRCOM_LT_CHECKED = """include "circomlib/bitify.circom";
include "circomlib/comparators.circom";
template CheckedLessThan(n) {
    signal input a;
    signal input b;
    signal output out;
    component ra = Num2Bits(n);
    component rb = Num2Bits(n);
    component lt = LessThan(n);
    ra.in <== a;
    rb.in <== b;
    lt.in[0] <== a;
    lt.in[1] <== b;
    out <== lt.out;
}
component main = CheckedLessThan(64);
"""

# A binary Poseidon Merkle proof as circomlib users write it (Switcher + Poseidon(2) +
# a boolean index per level): the template of test_gadgets_merkle, includes from here.
CIRCOM_MERKLE_20 = CIRCOM_MERKLE.replace('include "cl/', 'include "circomlib/')

# circomlib template (include file, instantiation) for each row with a circomlib cost;
# include "" means the second item is a whole circom source.
CIRCOMLIB: dict[str, tuple[str, str]] = {
    "to_bits(x, 64)": ("bitify.circom", "Num2Bits(64)"),
    "to_bits(x, 253)": ("bitify.circom", "Num2Bits(253)"),
    "range_check(x, 64)": ("bitify.circom", "Num2Bits(64)"),
    "to_bits_strict(x)": ("bitify.circom", "Num2Bits_strict()"),
    "assert_bits_le(bits, r - 1)": ("compconstant.circom", "CompConstant(-1)"),
    # the same statement: LessThan is only sound on range-checked inputs
    "lt(a, b, 64)": ("", CIRCOM_LT_CHECKED),
    "poseidon(api, [a, b])": ("poseidon.circom", "Poseidon(2)"),
    "merkle_root(20 levels)": ("", CIRCOM_MERKLE_20),
    "assert_smt_membership(20 levels)": ("smt/smtverifier.circom", "SMTVerifier(20)"),
    "assert_smt_non_membership(20 levels)": ("smt/smtverifier.circom", "SMTVerifier(20)"),
    "point_add(p, q)": ("babyjub.circom", "BabyAdd()"),
    "point_double(p)": ("babyjub.circom", "BabyDbl()"),
    "assert_on_curve(p)": ("babyjub.circom", "BabyCheck()"),
    "scalar_mul_fixed(bits253, B8)": (
        "escalarmulfix.circom",
        f"EscalarMulFix(253, [{base8().x}, {base8().y}])",
    ),
    "scalar_mul(bits254, p)": ("escalarmulany.circom", "EscalarMulAny(254)"),
    "assert_eddsa_poseidon(A, m, R8, S)": ("eddsaposeidon.circom", "EdDSAPoseidonVerifier()"),
    "assert_eddsa_poseidon(..., enabled)": ("eddsaposeidon.circom", "EdDSAPoseidonVerifier()"),
}


@pytest.mark.parametrize("gadget", sorted(CIRCOMLIB))
def test_circomlib_cost_measured(gadget: str, tmp_path: Path) -> None:
    """The circomlib column is what circom 2 reports for the template compiled alone."""
    include, template = CIRCOMLIB[gadget]
    lib = ROOT / "node_modules" / "circomlib" / "circuits"
    assert lib.is_dir(), "run `make setup` (npm ci) to install circomlib"
    # circom2 (WebAssembly) sees only its working directory: copy the library there
    shutil.copytree(lib, tmp_path / "circomlib")
    if include:
        body = f'include "circomlib/{include}";\ncomponent main = {template};\n'
    else:
        body = template
    (tmp_path / "main.circom").write_text("pragma circom 2.0.0;\n" + body)
    p = run("circom2", "main.circom", "--r1cs", "--O2", "-o", ".", cwd=tmp_path)
    assert p.returncode == 0, p.stdout + p.stderr
    m = re.search(r"non-linear constraints: (\d+)", p.stdout)
    assert m, p.stdout
    assert re.search(r"(?<!non-)linear constraints: 0", p.stdout), p.stdout
    assert _table()[gadget][1] == int(m[1])
