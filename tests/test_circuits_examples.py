"""The example predicates in ``circuits/``: good inputs satisfy them, bad ones (too young,
not in the set, wrong commitment, wrap-around mod r) are rejected by the constraint that
names the gadget, every key wire is constrained, costs are pinned, snarkjs (npm) reads the
``.r1cs`` and accepts the ``.wtns``, and the ``masa-zk circuit`` commands run on them."""

from __future__ import annotations

import datetime
import doctest
import json
import subprocess
import sys
from pathlib import Path

import pytest
from formats_ref import R, run, snarkjs_r1cs_info
from hypothesis import given, settings
from hypothesis import strategies as st

from masa_zk import poseidon
from masa_zk.circuit import Circuit, ConstraintSystem, compile
from masa_zk.circuit.testing import (
    assert_satisfied,
    assert_tampered_rejected,
    unconstrained_wires,
)
from masa_zk.errors import UnsatisfiedConstraint
from masa_zk.gadgets import MERKLE_LEVEL_COST, poseidon_cost

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # `circuits` is a folder of the repository, not of the package

from circuits import age_over, set_membership  # noqa: E402
from circuits.age_over import DATE_BITS, AgeOver  # noqa: E402
from circuits.set_membership import DEPTH, MerkleTree, SetMembership  # noqa: E402

D = datetime.date
TODAY = D(2026, 3, 10)

# ISO 3166-1 numeric codes of the EU member states.
EU = [40, 56, 100, 191, 196, 203, 208, 233, 246, 250, 276, 300, 348, 372, 380, 428, 440, 442]
EU += [470, 528, 616, 620, 642, 703, 705, 724, 752]


@pytest.fixture(scope="module")
def age_cs() -> ConstraintSystem:
    return compile(AgeOver)


@pytest.fixture(scope="module")
def set_cs() -> ConstraintSystem:
    return compile(SetMembership)


@pytest.fixture(scope="module")
def eu() -> MerkleTree:
    return MerkleTree(EU)


def rejected(cs: ConstraintSystem, inputs: dict[str, object]) -> str:
    with pytest.raises(UnsatisfiedConstraint) as e:
        cs.witness(inputs)
    return str(e.value)


def test_docstring_examples_run() -> None:
    for module in (age_over, set_membership):
        failed, tried = doctest.testmod(module)
        assert tried > 0 and failed == 0, module.__name__


# ---- AgeOver -------------------------------------------------------------------------


def test_age_cost(age_cs: ConstraintSystem) -> None:
    assert age_cs.num_constraints == poseidon_cost(4) + 3 * DATE_BITS == 297 + 66 == 363
    assert age_cs.cost_by_scope() == {"commitment": 297, "age": 66}
    assert (age_cs.num_public_inputs, age_cs.num_private_inputs) == (3, 4)
    assert unconstrained_wires(age_cs) == []


def test_age_exactly_on_the_birthday(age_cs: ConstraintSystem) -> None:
    good = age_over.inputs(D(2008, 3, 10), TODAY, 18, salt=99)
    w = assert_satisfied(age_cs, good)
    # the public inputs are the commitment, today and the threshold: nothing else
    assert w.public == [poseidon([good["birth_date"], 276, 123456789, 99]), 739685, 6574]
    assert_satisfied(age_cs, age_over.inputs(D(1950, 1, 1), TODAY, 18))


def test_age_one_day_too_young(age_cs: ConstraintSystem) -> None:
    msg = rejected(age_cs, age_over.inputs(D(2008, 3, 11), TODAY, 18))
    assert "age.assert_le.range_check" in msg and "age_over.py" in msg


def test_age_wrong_commitment(age_cs: ConstraintSystem) -> None:
    # the holder claims an earlier birth date than the one committed to
    bad = age_over.inputs(D(2010, 1, 1), TODAY, 18)
    bad["birth_date"] = D(2000, 1, 1).toordinal()
    assert "commitment.poseidon" in rejected(age_cs, bad)


def test_age_wrap_around_is_rejected(age_cs: ConstraintSystem) -> None:
    # a "birth date" of -1 (r - 1), committed honestly: before every date in the integers
    # mod r, and refused by the range check on birth_date
    salt = 5
    bad = age_over.inputs(D(2000, 1, 1), TODAY, 18, salt=salt)
    bad["birth_date"] = R - 1
    bad["commitment"] = poseidon([R - 1, 276, 123456789, salt])
    assert "age.assert_le.range_check" in rejected(age_cs, bad)
    # a threshold above today: the cutoff today - min_age wraps to a huge field element
    bad = age_over.inputs(D(2000, 1, 1), TODAY, 18)
    bad["min_age_days"] = bad["today"] + 1
    assert "age.assert_le.range_check" in rejected(age_cs, bad)


@pytest.mark.parametrize(
    "wire",
    ["commitment", "today", "min_age_days", "birth_date", "nationality", "document_id", "salt"],
)
def test_age_tampered_inputs_rejected(age_cs: ConstraintSystem, wire: str) -> None:
    good = age_over.inputs(D(1990, 6, 1), TODAY, 18)
    assert_tampered_rejected(age_cs, good, wire=wire)


def test_age_tampered_internal_wires_rejected(age_cs: ConstraintSystem) -> None:
    good = age_over.inputs(D(1990, 6, 1), TODAY, 18)
    hints = [w for w in sorted(age_cs.hint_wires) if age_cs.labels[w].startswith("age.")]
    assert len(hints) == 3 * (DATE_BITS - 1)  # three decompositions, top bits are linear
    for w in [hints[0], hints[-1], age_cs.num_wires - 1]:
        assert_tampered_rejected(age_cs, good, wire=age_cs.labels[w])


def calendar_age(birth: datetime.date, today: datetime.date) -> int:
    """Age in whole years, the way people count (independent of ``min_age_days``)."""
    return today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))


@settings(max_examples=150, deadline=None)
@given(
    birth=st.dates(D(1900, 1, 1), D(2030, 12, 31)),
    today=st.dates(D(2000, 1, 1), D(2040, 12, 31)),
    years=st.integers(0, 100),
)
def test_age_matches_calendar_age(
    age_cs: ConstraintSystem, birth: datetime.date, today: datetime.date, years: int
) -> None:
    inputs = age_over.inputs(birth, today, years)
    try:
        age_cs.witness(inputs)
        proved = True
    except UnsatisfiedConstraint:
        proved = False
    assert proved == (birth <= today and calendar_age(birth, today) >= years)


def test_age_leap_day_birthdays(age_cs: ConstraintSystem) -> None:
    leapling = D(2008, 2, 29)
    for today, ok in [(D(2026, 2, 28), False), (D(2026, 3, 1), True), (D(2028, 2, 29), True)]:
        inputs = age_over.inputs(leapling, today, 18)
        assert age_cs.is_satisfied(age_cs.witness(inputs)) if ok else rejected(age_cs, inputs)
    # on 29 February, someone born on 1 March is not yet a year older
    assert rejected(age_cs, age_over.inputs(D(2007, 3, 1), D(2024, 2, 29), 17))
    assert_satisfied(age_cs, age_over.inputs(D(2007, 2, 28), D(2024, 2, 29), 17))


# ---- SetMembership -------------------------------------------------------------------


def test_set_cost(set_cs: ConstraintSystem) -> None:
    want = poseidon_cost(2) + 1 + DEPTH * MERKLE_LEVEL_COST
    assert set_cs.num_constraints == want == 240 + 1 + 8 * 242 == 2177
    assert set_cs.cost_by_scope() == {"commitment": 240, "nonzero": 1, "merkle": 1936}
    assert (set_cs.num_public_inputs, set_cs.num_private_inputs) == (2, 2 + 2 * DEPTH)
    assert unconstrained_wires(set_cs) == []


def test_tree_is_the_recursive_definition(eu: MerkleTree) -> None:
    leaves = EU + [0] * (2**DEPTH - len(EU))

    def node(level: int, i: int) -> int:  # one Poseidon call per node, no batching
        if level == 0:
            return leaves[i]
        return poseidon([node(level - 1, 2 * i), node(level - 1, 2 * i + 1)])

    assert eu.root == node(DEPTH, 0)
    elements, indices = eu.path(380)  # Italy, leaf 14 = 0b1110
    assert indices == [0, 1, 1, 1, 0, 0, 0, 0]
    assert elements[:2] == [EU[15], poseidon([EU[12], EU[13]])]


def test_tree_refuses_bad_sets() -> None:
    with pytest.raises(ValueError, match="pads"):
        MerkleTree([1, 0])
    with pytest.raises(ValueError, match="distinct"):
        MerkleTree([1, 1])
    with pytest.raises(ValueError, match="fit"):
        MerkleTree(list(range(1, 6)), depth=2)
    with pytest.raises(KeyError):
        MerkleTree([1, 2]).path(3)


def test_every_member_proves(set_cs: ConstraintSystem, eu: MerkleTree) -> None:
    for value in EU:
        w = set_cs.witness(set_membership.inputs(eu, value, salt=value))
        assert w.public == [eu.root, poseidon([value, value])]


def test_value_not_in_set(set_cs: ConstraintSystem, eu: MerkleTree) -> None:
    bad = set_membership.inputs(eu, 250, salt=7)  # France's path, Switzerland's value
    bad["value"], bad["commitment"] = 756, poseidon([756, 7])
    msg = rejected(set_cs, bad)
    assert "merkle.level[7].poseidon" in msg and "assert_merkle_inclusion" in msg


def test_padding_leaf_zero_is_not_a_member(set_cs: ConstraintSystem, eu: MerkleTree) -> None:
    # leaf 255 is padding (0): its path reaches the root, the nonzero check refuses it
    i = 2**DEPTH - 1
    elements = [level[(i >> k) ^ 1] for k, level in enumerate(eu.levels[:-1])]
    cur = 0
    for sibling in elements:
        cur = poseidon([sibling, cur])
    assert cur == eu.root
    bad = {
        "root": eu.root,
        "commitment": poseidon([0, 3]),
        "value": 0,
        "salt": 3,
        "path_elements": elements,
        "path_indices": [1] * DEPTH,
    }
    assert "inverse in nonzero" in rejected(set_cs, bad)


def test_set_wrong_commitment_and_bad_index(set_cs: ConstraintSystem, eu: MerkleTree) -> None:
    bad = set_membership.inputs(eu, 276)
    bad["commitment"] = poseidon([250, bad["salt"]])  # commits to France, proves Germany
    assert "commitment.poseidon" in rejected(set_cs, bad)
    bad = set_membership.inputs(eu, 276)
    bad["path_indices"] = [2, *bad["path_indices"][1:]]  # type: ignore[index]
    assert "assert_bool in merkle.level[0]" in rejected(set_cs, bad)


@pytest.mark.parametrize(
    "wire",
    [
        *("root", "commitment", "value", "salt"),
        *("path_elements[0]", "path_elements[7]", "path_indices[0]", "path_indices[5]"),
    ],
)
def test_set_tampered_wires_rejected(set_cs: ConstraintSystem, eu: MerkleTree, wire: str) -> None:
    assert_tampered_rejected(set_cs, set_membership.inputs(eu, 442), wire=wire)


# ---- circom files, snarkjs and the command line --------------------------------------


def age_good() -> dict[str, object]:
    return age_over.inputs(D(2000, 2, 29), TODAY, 21, salt=11)


def set_good() -> dict[str, object]:
    return set_membership.inputs(MerkleTree(EU), 620, salt=12)


CASES = [(AgeOver, age_good, 363, 3, 4), (SetMembership, set_good, 2177, 2, 18)]


@pytest.mark.parametrize(("circuit", "good", "constraints", "n_pub", "n_prv"), CASES)
def test_snarkjs_accepts_example_files(
    tmp_path: Path, circuit: type[Circuit], good, constraints: int, n_pub: int, n_prv: int
) -> None:
    cs = compile(circuit)
    r1cs, wtns = tmp_path / "c.r1cs", tmp_path / "c.wtns"
    cs.write_r1cs(r1cs)
    inputs = good()
    cs.witness(inputs).write_wtns(wtns)

    info = snarkjs_r1cs_info(r1cs)
    assert info["Constraints"] == constraints == cs.num_constraints
    assert (info["Public Inputs"], info["Private Inputs"]) == (n_pub, n_prv)
    assert info["Wires"] == cs.num_wires
    p = run("snarkjs", "wtns", "check", r1cs, wtns)
    assert p.returncode == 0 and "WITNESS IS CORRECT" in p.stdout, p.stdout + p.stderr

    # the private input salt changed by one: snarkjs finds a broken constraint
    cs.witness(inputs).replace("salt", int(inputs["salt"]) + 1).write_wtns(wtns)  # type: ignore[call-overload]
    p = run("snarkjs", "wtns", "check", r1cs, wtns)
    assert "WITNESS IS NOT CORRECT" in p.stdout + p.stderr, p.stdout + p.stderr


def cli(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "masa_zk.cli", "circuit", *map(str, args)],
        cwd=ROOT,  # as an author runs it: from the repository root
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("spec", "good", "constraints"),
    [
        ("circuits.age_over:AgeOver", age_good, 363),
        ("circuits/set_membership.py:SetMembership", set_good, 2177),
    ],
)
def test_cli_on_examples(tmp_path: Path, spec: str, good, constraints: int) -> None:
    p = cli("info", "--json", spec)
    assert p.returncode == 0, p.stderr
    assert json.loads(p.stdout)["constraints"] == constraints

    r1cs, wtns, public = tmp_path / "c.r1cs", tmp_path / "c.wtns", tmp_path / "public.json"
    p = cli("compile", "--sym", spec, r1cs)
    assert p.returncode == 0 and f"{constraints} constraints" in p.stdout, p.stderr
    assert snarkjs_r1cs_info(r1cs)["Constraints"] == constraints

    inputs = good()
    (tmp_path / "input.json").write_text(json.dumps(inputs))
    p = cli("witness", "--public", public, spec, tmp_path / "input.json", wtns)
    assert p.returncode == 0, p.stderr
    p = run("snarkjs", "wtns", "check", r1cs, wtns)
    assert "WITNESS IS CORRECT" in p.stdout, p.stdout + p.stderr
    n_pub = 3 if "age" in spec else 2
    assert json.loads(public.read_text()) == [str(inputs[k]) for k in list(inputs)[:n_pub]]

    inputs["salt"] = int(inputs["salt"]) + 1  # type: ignore[call-overload]
    (tmp_path / "bad.json").write_text(json.dumps(inputs))
    p = cli("witness", spec, tmp_path / "bad.json", wtns)
    assert p.returncode == 1 and "UnsatisfiedConstraint" in p.stderr
    assert "commitment.poseidon" in p.stderr


def test_shelf_readme_lists_the_costs(age_cs: ConstraintSystem, set_cs: ConstraintSystem) -> None:
    text = (ROOT / "circuits" / "README.md").read_text(encoding="utf-8")
    for name, cs in [("AgeOver", age_cs), ("SetMembership", set_cs)]:
        row = next(line for line in text.splitlines() if f"`{name}`" in line)
        assert f"| {cs.num_constraints} = " in row, row
