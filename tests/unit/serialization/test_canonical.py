"""Canonical JSON (RFC 8785) and content digests: the RFC's own examples, and properties."""

from __future__ import annotations

import json
import struct

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import collabrel as cr
from collabrel.errors import ArgumentError
from collabrel.serialization._canonical import canonical_json, content_digest, digest_of_data
from collabrel.testing.strategies import relationship_management_plans

# RFC 8785, Appendix B: IEEE 754 doubles (as hex) and how ECMAScript writes them.
_NUMBERS = [
    ("0000000000000000", "0"),
    ("8000000000000000", "0"),
    ("0000000000000001", "5e-324"),
    ("8000000000000001", "-5e-324"),
    ("7fefffffffffffff", "1.7976931348623157e+308"),
    ("ffefffffffffffff", "-1.7976931348623157e+308"),
    ("4340000000000000", "9007199254740992"),
    ("c340000000000000", "-9007199254740992"),
    ("4430000000000000", "295147905179352830000"),
    ("44b52d02c7e14af5", "9.999999999999997e+22"),
    ("44b52d02c7e14af6", "1e+23"),
    ("44b52d02c7e14af7", "1.0000000000000001e+23"),
    ("444b1ae4d6e2ef4e", "999999999999999700000"),
    ("444b1ae4d6e2ef4f", "999999999999999900000"),
    ("444b1ae4d6e2ef50", "1e+21"),
    ("3eb0c6f7a0b5ed8c", "9.999999999999997e-7"),
    ("3eb0c6f7a0b5ed8d", "0.000001"),
    ("41b3de4355555553", "333333333.3333332"),
    ("41b3de4355555554", "333333333.33333325"),
    ("41b3de4355555555", "333333333.3333333"),
    ("41b3de4355555556", "333333333.3333334"),
    ("41b3de4355555557", "333333333.33333343"),
    ("becbf647612f3696", "-0.0000033333333333333333"),
    ("43143ff3c1cb0959", "1424953923781206.2"),
]


@pytest.mark.parametrize(("bits", "expected"), _NUMBERS)
def test_numbers_are_written_as_ecmascript_writes_them(bits: str, expected: str) -> None:
    (value,) = struct.unpack(">d", bytes.fromhex(bits))
    assert canonical_json(value).decode() == expected


def test_members_are_sorted_by_utf16_code_units() -> None:
    # RFC 8785, 3.2.3: the emoji (a surrogate pair) sorts before U+FB33.
    names = ["\u20ac", "\r", "\ufb33", "1", "\U0001f600", "\u0080", "\u00f6"]
    data = {name: i for i, name in enumerate(names)}
    text = canonical_json(data).decode()
    assert list(json.loads(text)) == [
        "\r",
        "1",
        "\u0080",
        "\u00f6",
        "\u20ac",
        "\U0001f600",
        "\ufb33",
    ]


def test_strings_escape_only_what_ecmascript_escapes() -> None:
    text = canonical_json(['\u20ac$\u000f\nA\'B"\\\\"/', "\u2028\x7f"]).decode()
    assert canonical_json(2**64) == b"18446744073709551616"  # exact, unlike a double
    assert text == '["\u20ac$\\u000f\\nA\'B\\"\\\\\\\\\\"/","\u2028\x7f"]'


@pytest.mark.parametrize(
    "bad", [float("nan"), float("inf"), "\ud800", {1: "x"}, object(), {"a": {3}}]
)
def test_what_cannot_be_written_canonically_is_an_argument_error(bad: object) -> None:
    with pytest.raises(ArgumentError):
        canonical_json(bad)


_json = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**53), 2**53)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=50)
@given(_json)
def test_canonical_json_reads_back_as_the_same_data(data: object) -> None:
    # A double is written without a fraction where it has none, so it reads back as an int.
    assert json.loads(canonical_json(data), parse_int=float) == data


@settings(max_examples=50)
@given(st.dictionaries(st.text(), _json, max_size=6), st.randoms(use_true_random=False))
def test_member_order_does_not_change_the_digest(data: dict[str, object], rnd: object) -> None:
    names = list(data)
    rnd.shuffle(names)  # type: ignore[attr-defined]
    assert digest_of_data({name: data[name] for name in names}) == digest_of_data(data)


@settings(max_examples=5, deadline=None)
@given(relationship_management_plans())
def test_a_plans_digest_is_the_same_from_every_format(plan: cr.RelationshipManagementPlan) -> None:
    digest = content_digest(plan)
    for fmt in ("json", "yaml", "toml"):
        assert content_digest(cr.loads(cr.dumps(plan, format=fmt), format=fmt)) == digest


def test_a_digest_changes_with_the_content_and_not_with_left_out_fields() -> None:
    plan = cr.examples.load("alliance")
    jrmp = plan.stages.working_together.joint_rmp
    assert jrmp is not None
    retitled = attrs.evolve(jrmp, title=jrmp.title + ".")
    resigned = attrs.evolve(jrmp, signatories=jrmp.signatories[:1])
    assert content_digest(retitled) != content_digest(jrmp)
    assert content_digest(resigned) != content_digest(jrmp)
    assert content_digest(resigned, leave_out=("signatories",)) == content_digest(
        jrmp, leave_out=("signatories",)
    )
