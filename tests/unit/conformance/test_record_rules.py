"""The record rules: the table's rows agree with the model and the catalogues, and a new row works.

The built-in record-shaped requirements are `RecordRule` rows of one table
(`collabrel.conformance.rules._table`). Two invariants bind the rows to the other places that
know about them: every row's path resolves on the model to a record (and its lists to lists
of that record), and both catalogues list the row's path as the requirement's `records:` and
agree with it on `joint:`. The rows themselves are the source: the catalogues are data users
replace, and a test, not a generator, keeps the shipped ones in step.
"""

from __future__ import annotations

import types
import typing
from datetime import date
from functools import cache
from typing import Any, Final

import attrs
import pytest

from collabrel.conformance import (
    Context,
    RecordContent,
    RecordRule,
    Registry,
    Rule,
    assess,
    builtin_rules,
    catalogue,
    catalogues,
    default_rules,
    parse_catalogue,
)
from collabrel.conformance.rules import RECORD_RULES
from collabrel.errors import InvalidFieldError
from collabrel.examples import load
from collabrel.model import (
    DocumentMeta,
    PersonRole,
    PlanKind,
    Policy,
    Record,
    RelationshipManagementPlan,
    Result,
    Stage,
)

AS_OF: Final = date(2026, 10, 31)


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _unwrap(hint: Any) -> Any:
    """`X` of `X | None`."""
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        (inner,) = [a for a in typing.get_args(hint) if a is not type(None)]
        return inner
    return hint


def _field_type(path: str) -> Any:
    """The model type at a dotted path, walked through `attrs.fields` from the plan."""
    cls: Any = RelationshipManagementPlan
    for name in path.split("."):
        assert attrs.has(cls), f"{path}: {cls} has no fields (at {name!r})"
        assert name in attrs.fields_dict(cls), f"{path}: {cls.__name__} has no field {name!r}"
        cls = _unwrap(_hints(cls)[name])
    return cls


def _assert_resolves(rule: RecordRule) -> None:
    record = _field_type(rule.path)
    assert isinstance(record, type), (rule.id, record)
    assert issubclass(record, Record), f"{rule.id}: {rule.path} is a {record}, not a record"
    for content in rule.contents:
        for name in content.names:
            hint = _field_type(f"{rule.path}.{name}")
            assert typing.get_origin(hint) is tuple, f"{rule.id}: {name} is not a list"


# ------------------------------------------------------------------------------ the invariants


def test_the_table_holds_the_record_shaped_rules_among_the_builtin_ones() -> None:
    """Every row is a built-in rule, and the rows are the record rules of the built-ins."""
    assert RECORD_RULES
    assert tuple(r for r in builtin_rules() if isinstance(r, RecordRule)) == RECORD_RULES
    assert len({r.id for r in RECORD_RULES}) == len(RECORD_RULES)


@pytest.mark.parametrize("rule", RECORD_RULES, ids=lambda r: r.id)
def test_every_row_path_resolves_on_the_model(rule: RecordRule) -> None:
    """A row's path names a record field of the plan; its lists are list fields of that record."""
    _assert_resolves(rule)
    # the same path, walked on a real plan, gives the record or nothing
    value, path = Context(load("alliance"), AS_OF).at(rule.path)
    assert path == rule.path
    assert value is None or isinstance(value, Record)


@pytest.mark.parametrize("rule", RECORD_RULES, ids=lambda r: r.id)
def test_every_row_stage_is_its_paths_section(rule: RecordRule) -> None:
    """The stage is derived from the path: `stages.<section>.<record>`."""
    assert rule.path.startswith("stages.")
    assert rule.stage is Stage(rule.path.split(".")[1])


@pytest.mark.parametrize("name", catalogues())
@pytest.mark.parametrize("rule", RECORD_RULES, ids=lambda r: r.id)
def test_the_catalogues_agree_with_every_row(rule: RecordRule, name: str) -> None:
    """Each requirement a row judges lists the row's path as its records and agrees on joint.

    A stage requirement is joint exactly when the row's record must be signed by every
    partner; a management-system clause (no stage) is never joint.
    """
    cat = catalogue(name)
    judged = [cat[q] for q in rule.requirements if q in cat]
    assert judged or name == "bs11000-1:2010", f"{rule.id} judges nothing in {name}"
    for req in judged:
        assert req.assessable, req.id
        assert req.records == (rule.path,), (req.id, req.records)
        if req.stage is None:
            assert not req.joint, req.id
        else:
            assert req.stage is rule.stage, req.id
            assert req.joint is rule.joint, req.id


def test_every_row_requirement_is_in_a_catalogue() -> None:
    """No row judges a requirement no shipped catalogue has."""
    known = {q.id for name in catalogues() for q in catalogue(name)}
    assert {q for r in RECORD_RULES for q in r.requirements} <= known


# ------------------------------------------------------------------------------ a new row


_FRAMEWORK: Final = RecordRule(
    id="ACME.S5.PERFORMANCE_FRAMEWORK",
    requirements=["ACME.S5.PERFORMANCE_FRAMEWORK"],
    path="stages.working_together.performance_framework",
    what="joint performance framework",
    joint=True,
    title="Joint performance framework",
    remediation="agree a joint performance framework and have every partner sign it",
)

_ACME_CATALOGUE: Final = {
    "format": 1,
    "name": "acme:partnering",
    "title": "Acme partnering policy",
    "standard": "Acme Group policy GP-14",
    "version": 1,
    "clauses": [{"id": "1", "title": "Working together", "stage": "working_together"}],
    "requirements": [
        {
            "id": "ACME.S5.PERFORMANCE_FRAMEWORK",
            "title": "Joint performance framework agreed",
            "text": "The partners agree one framework for measuring how the relationship does.",
            "clause": "1",
            "stage": "working_together",
            "records": ["stages.working_together.performance_framework"],
            "joint": True,
            "importance": "high",
        }
    ],
}


def test_a_record_requirement_is_one_row_and_one_catalogue_entry() -> None:
    """A new row plus its catalogue entry assesses plans like a built-in rule."""
    cat = parse_catalogue(_ACME_CATALOGUE, source="test")
    rules = default_rules()
    rules.add(_FRAMEWORK)
    _assert_resolves(_FRAMEWORK)
    (req,) = cat.requirements
    assert req.records == (_FRAMEWORK.path,)
    assert req.joint is _FRAMEWORK.joint
    assert req.stage is _FRAMEWORK.stage

    (held,) = assess(load("alliance"), cat, as_of=AS_OF, rules=rules).findings
    assert held.result is Result.CONFORMS
    assert held.message == "Joint performance framework: in place"
    assert [c.path for c in held.explanation] == [
        "stages.working_together.performance_framework",
        "stages.working_together.performance_framework.status",
        "stages.working_together.performance_framework.last_reviewed_on",
        "stages.working_together.performance_framework.signatories",
    ]

    (missing,) = assess(load("flawed"), cat, as_of=AS_OF, rules=rules).findings
    assert missing.result is Result.MAJOR
    assert missing.paths == ("stages.working_together.performance_framework",)
    assert missing.message == (
        "Joint performance framework: the joint performance framework is recorded: no (missing)"
    )
    assert missing.remediation == _FRAMEWORK.remediation


def test_a_row_is_a_rule_with_a_derived_stage_and_evaluation() -> None:
    """A row registers like any rule; evolving it re-derives its stage and evaluation."""
    assert isinstance(_FRAMEWORK, Rule)
    assert _FRAMEWORK.stage is Stage.WORKING_TOGETHER
    moved = attrs.evolve(
        _FRAMEWORK, path="stages.knowledge.skills_assessment", joint=False, approver=PersonRole.SER
    )
    assert moved.stage is Stage.KNOWLEDGE
    judgement = moved.evaluate(Context(load("alliance"), AS_OF))
    assert judgement.checks[0].path == "stages.knowledge.skills_assessment"
    outside = attrs.evolve(_FRAMEWORK, path="relationship.exit_plan")
    assert outside.stage is None  # judged whatever the stage, like a management-system clause
    assert Registry([moved]).for_requirement("ACME.S5.PERFORMANCE_FRAMEWORK") == (moved,)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"essential": ["signatories"], "joint": False}, "essential"),
        ({"essential": ["items"]}, "essential"),
        ({"path": "stages.nowhere.record"}, "path"),
        ({"path": "Stages awareness"}, "path"),
        ({"what": " "}, "what"),
    ],
    ids=["signatures-of-a-non-joint-record", "unknown-list", "unknown-stage", "bad-path", "blank"],
)
def test_a_bad_row_is_refused_naming_the_field(change: dict[str, Any], field: str) -> None:
    """A row that could not be evaluated fails when it is built, naming the field."""
    with pytest.raises(InvalidFieldError) as info:
        attrs.evolve(_FRAMEWORK, **change)
    assert info.value.field == field


def test_a_path_the_model_does_not_have_is_refused_when_evaluated() -> None:
    """A well-formed path to nothing fails with the path, not an AttributeError."""
    rule = attrs.evolve(_FRAMEWORK, path="stages.working_together.no_such_record")
    with pytest.raises(InvalidFieldError) as info:
        rule.evaluate(Context(load("alliance"), AS_OF))
    assert info.value.value == "stages.working_together.no_such_record"


def test_context_at_checks_the_kind_of_value() -> None:
    """`Context.at` gives the value and its path, and refuses a value of another kind."""
    ctx = Context(load("alliance"), AS_OF)
    policy, path = ctx.at("stages.awareness.policy", Policy)
    assert isinstance(policy, Policy)
    assert path == "stages.awareness.policy"
    with pytest.raises(InvalidFieldError):
        ctx.at("meta.title", Record)
    meta = DocumentMeta(title="Template", issued_on=AS_OF, author="Office", kind=PlanKind.TEMPLATE)
    template = RelationshipManagementPlan(meta=meta)
    assert Context(template, AS_OF).at("relationship.exit_plan") == (
        None,
        "relationship.exit_plan",
    )


def test_record_content_with_several_lists_points_at_the_first_empty_one() -> None:
    """Several lists pass together; the check observes each count."""
    content = RecordContent(
        description="the profile records strengths and weaknesses",
        lists={"strengths": "strength", "weaknesses": "weakness"},
    )
    assert content.names == ("strengths", "weaknesses")
    profile = load("alliance").stages.internal_assessment.collaborative_profile
    assert profile is not None
    path = "stages.internal_assessment.collaborative_profile"
    full = content.check(profile, path)
    assert (full.passed, full.path) == (True, f"{path}.weaknesses")
    empty = content.check(attrs.evolve(profile, strengths=()), path)
    assert (empty.passed, empty.path) == (False, f"{path}.strengths")
    assert empty.observed is not None
    assert empty.observed.startswith("0 strengths, ")
