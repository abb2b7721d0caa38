"""Malformed and adversarial .r1cs/.wtns input: typed InvalidInput/InvalidEncoding, never a
crash; plus round-trip and checker laws against a plain-Python evaluator."""

from __future__ import annotations

import random
import struct

import numpy as np
import pytest
from formats_ref import (
    Lc,
    R,
    container,
    evaluate,
    fe,
    lc_bytes,
    r1cs_file,
    r1cs_header,
    section,
    wtns_file,
)
from hypothesis import given, settings
from hypothesis import strategies as st

from masa_zk.errors import InvalidEncoding, InvalidInput, MasaZKError, UnsatisfiedConstraint
from masa_zk.formats import R1CS, wtns_from_bytes, wtns_to_bytes

MUL: list[tuple[Lc, Lc, Lc]] = [([(2, 1)], [(3, 1)], [(1, 1)])]
GOOD_R1CS = r1cs_file(4, 1, 0, 2, MUL)
GOOD_WTNS = wtns_file([1, 33, 3, 11])


def test_good_files_parse() -> None:
    r = R1CS.from_bytes(GOOD_R1CS)
    assert (r.n_wires, r.n_pub_out, r.n_prv_in, r.n_constraints) == (4, 1, 2, 1)
    assert r.constraints() == MUL
    assert wtns_from_bytes(GOOD_WTNS) == [1, 33, 3, 11]
    r.check([1, 33, 3, 11])


def parts(n_wires: int = 4, m: int = 1, prime: int = R, body: bytes | None = None) -> list[bytes]:
    body = (
        b"".join(lc_bytes(a) + lc_bytes(b) + lc_bytes(c) for a, b, c in MUL)
        if body is None
        else body
    )
    return [
        section(2, body),
        section(1, r1cs_header(n_wires, 1, 0, 2, n_wires, m, prime)),
        section(3, b"".join(struct.pack("<Q", i) for i in range(n_wires))),
    ]


BAD_R1CS = {
    "bad magic": (b"r1cx" + GOOD_R1CS[4:], InvalidEncoding),
    "version 2": (container(b"r1cs", 2, parts()), InvalidInput),
    "version 0": (container(b"r1cs", 0, parts()), InvalidInput),
    "empty": (b"", InvalidEncoding),
    "missing header": (container(b"r1cs", 1, [parts()[0], parts()[2]]), InvalidEncoding),
    "missing map": (container(b"r1cs", 1, parts()[:2]), InvalidEncoding),
    "duplicate header": (container(b"r1cs", 1, [*parts(), parts()[1]]), InvalidEncoding),
    "duplicate constraints": (container(b"r1cs", 1, [*parts(), parts()[0]]), InvalidEncoding),
    "wrong prime": (container(b"r1cs", 1, parts(prime=R - 2)), InvalidInput),
    "Fq as prime": (
        container(
            b"r1cs",
            1,
            parts(
                prime=21888242871839275222246405745257275088696311157297823662689037894645226208583
            ),
        ),
        InvalidInput,
    ),
    "n8 48": (
        container(
            b"r1cs",
            1,
            [
                parts()[0],
                section(
                    1, struct.pack("<I", 48) + bytes(48) + struct.pack("<IIIIQI", 4, 1, 0, 2, 4, 1)
                ),
                parts()[2],
            ],
        ),
        InvalidEncoding,
    ),
    "coefficient = r": (
        container(
            b"r1cs", 1, parts(body=lc_bytes([(2, R)]) + lc_bytes([(3, 1)]) + lc_bytes([(1, 1)]))
        ),
        InvalidEncoding,
    ),
    "coefficient = 2^256-1": (
        container(
            b"r1cs", 1, parts(body=lc_bytes([(2, 2**256 - 1)]) + lc_bytes([]) + lc_bytes([]))
        ),
        InvalidEncoding,
    ),
    "wire id = nWires": (
        container(b"r1cs", 1, parts(body=lc_bytes([(4, 1)]) + lc_bytes([]) + lc_bytes([]))),
        InvalidInput,
    ),
    "more constraints claimed": (container(b"r1cs", 1, parts(m=2)), InvalidEncoding),
    "fewer constraints claimed": (container(b"r1cs", 1, parts(m=0)), InvalidEncoding),
    "huge term count": (
        container(b"r1cs", 1, parts(body=struct.pack("<I", 2**32 - 1) + bytes(36))),
        InvalidEncoding,
    ),
    "huge constraint count": (container(b"r1cs", 1, parts(m=2**32 - 1)), InvalidEncoding),
    "map too short": (
        container(b"r1cs", 1, [*parts()[:2], section(3, bytes(24))]),
        InvalidEncoding,
    ),
    "label >= nLabels": (r1cs_file(4, 1, 0, 2, MUL, labels=[0, 1, 2, 9], n_labels=4), InvalidInput),
    "io wires exceed nWires": (r1cs_file(2, 1, 0, 2, [([], [], [])]), InvalidInput),
    "trailing bytes": (GOOD_R1CS + b"\x00", InvalidEncoding),
    "section size past end": (
        GOOD_R1CS[:16] + struct.pack("<Q", 2**63) + GOOD_R1CS[24:],
        InvalidEncoding,
    ),
    "header too long": (
        container(
            b"r1cs", 1, [parts()[0], section(1, r1cs_header(4, 1, 0, 2, 4, 1) + b"\0"), parts()[2]]
        ),
        InvalidEncoding,
    ),
    "custom gates": (
        container(b"r1cs", 1, [*parts(), section(4, struct.pack("<I", 0))]),
        InvalidInput,
    ),
}


@pytest.mark.parametrize("name", list(BAD_R1CS))
def test_bad_r1cs(name: str) -> None:
    data, exc = BAD_R1CS[name]
    with pytest.raises(exc) as info:
        R1CS.from_bytes(data)
    if exc is InvalidInput:  # InvalidEncoding subclasses InvalidInput; be exact
        assert type(info.value) is InvalidInput


def test_sections_in_any_order_and_unknown_ids_accepted() -> None:
    p = parts()
    for order in ([1, 0, 2], [2, 1, 0], [0, 2, 1]):
        data = container(b"r1cs", 1, [p[i] for i in order] + [section(77, b"xyz")])
        assert R1CS.from_bytes(data).to_bytes() == GOOD_R1CS


BAD_WTNS = {
    "bad magic": (b"wtnz" + GOOD_WTNS[4:], InvalidEncoding),
    "version 3": (wtns_file([1], version=3), InvalidInput),
    "wrong prime": (wtns_file([1], prime=R + 2), InvalidInput),
    "value = r": (wtns_file([1, R]), InvalidEncoding),
    "value = 2^256-1": (wtns_file([2**256 - 1]), InvalidEncoding),
    "count too high": (
        container(
            b"wtns",
            2,
            [
                section(1, struct.pack("<I", 32) + fe(R) + struct.pack("<I", 3)),
                section(2, fe(1) * 2),
            ],
        ),
        InvalidEncoding,
    ),
    "missing values": (
        container(b"wtns", 2, [section(1, struct.pack("<I", 32) + fe(R) + struct.pack("<I", 0))]),
        InvalidEncoding,
    ),
    "duplicate values": (
        GOOD_WTNS[:8] + struct.pack("<I", 3) + GOOD_WTNS[12:] + section(2, b""),
        InvalidEncoding,
    ),
    "r1cs magic": (GOOD_R1CS, InvalidEncoding),
}


@pytest.mark.parametrize("name", list(BAD_WTNS))
def test_bad_wtns(name: str) -> None:
    data, exc = BAD_WTNS[name]
    with pytest.raises(exc) as info:
        wtns_from_bytes(data)
    if exc is InvalidInput:
        assert type(info.value) is InvalidInput


def test_version_1_wtns_accepted() -> None:
    assert wtns_from_bytes(wtns_file([1, 2], version=1)) == [1, 2]


@pytest.mark.parametrize("data", [GOOD_R1CS, GOOD_WTNS], ids=["r1cs", "wtns"])
def test_every_truncation_is_a_typed_error(data: bytes) -> None:
    parse = R1CS.from_bytes if data[:4] == b"r1cs" else wtns_from_bytes
    for n in range(len(data)):
        with pytest.raises(InvalidInput):
            parse(data[:n])


@pytest.mark.parametrize("data", [GOOD_R1CS, GOOD_WTNS], ids=["r1cs", "wtns"])
def test_random_byte_flips_never_crash(data: bytes) -> None:
    parse = R1CS.from_bytes if data[:4] == b"r1cs" else wtns_from_bytes
    rng = random.Random(1234)
    for _ in range(3000):
        b = bytearray(data)
        for _ in range(rng.randint(1, 3)):
            b[rng.randrange(len(b))] = rng.randrange(256)
        try:
            parse(bytes(b))
        except MasaZKError as e:
            assert isinstance(e, InvalidInput), e  # never NativeError (a caught panic)


def test_bad_python_input() -> None:
    with pytest.raises(InvalidInput):
        R1CS(n_wires=2, constraints=[({2: 1}, {}, {})])  # wire out of range
    with pytest.raises(InvalidInput):
        R1CS(n_wires=2, constraints=[({-1: 1}, {}, {})])
    with pytest.raises(InvalidInput):
        R1CS(n_wires=2, constraints=[({1: 1}, {})])  # type: ignore[list-item]
    with pytest.raises(InvalidInput):
        R1CS(n_wires=2, n_pub_out=2)
    with pytest.raises(InvalidInput):
        R1CS(n_wires=2, wire_to_label=[0])
    r = R1CS.from_bytes(GOOD_R1CS)
    with pytest.raises(InvalidInput):
        r.check([1, 33, 3])  # wrong length
    with pytest.raises(InvalidInput):
        r.first_unsatisfied([1, 33, 3, 11, 0])
    with pytest.raises(InvalidInput):
        r.check([1, 33 + R, 3, 11])  # not reduced
    with pytest.raises(InvalidEncoding):
        r.check(np.array([[1, 0, 0, 0]] * 3 + [[2**64 - 1] * 4], dtype=np.uint64))
    with pytest.raises(InvalidInput):
        wtns_to_bytes([R])
    with pytest.raises(InvalidInput):
        wtns_to_bytes(np.zeros((2, 3), dtype=np.uint64))
    with pytest.raises(UnsatisfiedConstraint, match="wire 0"):
        r.check([2, 33, 3, 11])  # all constraints hold but the constant wire is not 1
    assert not r.is_satisfied([2, 33, 3, 11])
    assert r.first_unsatisfied([2, 33, 3, 11]) is None


fes = st.one_of(st.integers(0, 5), st.integers(0, R - 1), st.just(R - 1))


@st.composite
def systems(draw: st.DrawFn) -> tuple[int, list[tuple[Lc, Lc, Lc]], list[int]]:
    n = draw(st.integers(1, 8))
    lc = st.lists(st.tuples(st.integers(0, n - 1), fes), max_size=4)
    cs = draw(st.lists(st.tuples(lc, lc, lc), max_size=6))
    w = [1, *draw(st.lists(fes, min_size=n - 1, max_size=n - 1))]
    return n, cs, w


def normal(lc: Lc) -> Lc:
    acc: dict[int, int] = {}
    for wire, c in lc:
        acc[wire] = (acc.get(wire, 0) + c) % R
    return sorted((k, v) for k, v in acc.items() if v)


@settings(max_examples=150, deadline=None)
@given(systems())
def test_roundtrip_and_checker_match_python(
    sys_: tuple[int, list[tuple[Lc, Lc, Lc]], list[int]],
) -> None:
    n, cs, w = sys_
    r = R1CS(n_wires=n, constraints=cs)
    want = [(normal(a), normal(b), normal(c)) for a, b, c in cs]
    data = r.to_bytes()
    assert data == r1cs_file(n, 0, 0, 0, want)
    back = R1CS.from_bytes(data)
    assert back.constraints() == want
    assert back.to_bytes() == data
    first = evaluate(cs, w)
    assert r.first_unsatisfied(w) == first == back.first_unsatisfied(w)
    assert r.is_satisfied(w) == (first is None)
    arr = np.array([[(v >> (64 * k)) & (2**64 - 1) for k in range(4)] for v in w], dtype=np.uint64)
    assert r.first_unsatisfied(arr) == first
    assert r.is_satisfied(arr) == (first is None)
    assert wtns_from_bytes(wtns_to_bytes(w)) == w
    assert wtns_to_bytes(w) == wtns_file(w)


def test_docstring_examples() -> None:
    import doctest

    import masa_zk.formats
    import masa_zk.formats.r1cs
    import masa_zk.formats.wtns

    for mod in (masa_zk.formats, masa_zk.formats.r1cs, masa_zk.formats.wtns):
        result = doctest.testmod(mod)
        assert result.failed == 0 and result.attempted > 0, mod.__name__
