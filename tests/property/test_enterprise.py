"""Enterprise plans (issue 15, principle 7), as properties over drawn records and plans.

- An inherited record satisfies exactly what the plan's own identical record would: for every
  record rule whose record may be inherited, the same checks pass and fail, observed alike,
  at the same paths but for the `enterprise:` prefix, and the same result, whatever the record's
  status, dates and review period and whatever the date judged against. The one exception is
  the approver's role, which a record of the enterprise plan (naming no people) is not asked.
- An enterprise plan never gets a finding on a relationship-level requirement other than not
  applicable (not assessable, as on any plan, where records cannot show it), in either
  catalogue, whatever it holds.
- An enterprise plan, and a plan naming one in `meta.inherits`, round-trip in every format.
"""

from __future__ import annotations

from datetime import date
from typing import Final

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from collabrel.conformance import (
    RecordRule,
    RequirementLevel,
    assess,
    builtin_rules,
    catalogue,
    catalogues,
    worst,
)
from collabrel.conformance._enterprise import PREFIX, inheritable
from collabrel.examples import load
from collabrel.model import (
    PlanKind,
    PlanReference,
    Record,
    RecordStatus,
    Result,
)
from collabrel.serialization import FORMATS, dumps, loads
from collabrel.testing import strategies as cst

STANDARD: Final = "iso44001:2017"
ROWS: Final = [
    r
    for r in builtin_rules()
    if isinstance(r, RecordRule) and r.path in inheritable(catalogue(STANDARD))
]
"""The record rules whose record a relationship plan may inherit."""
SLOW: Final = settings(deadline=None)
"""Each example assesses whole plans: timing varies with the machine's load, not the code."""
DAYS: Final = st.dates(min_value=date(2023, 1, 1), max_value=date(2029, 12, 31))


def _put(obj: object, path: str, value: object) -> object:
    """`obj` with `value` at the dotted `path`."""
    head, _, rest = path.partition(".")
    return attrs.evolve(obj, **{head: value if not rest else _put(getattr(obj, head), rest, value)})


def _at(obj: object, path: str) -> object:
    for name in path.split("."):
        obj = getattr(obj, name)
    return obj


@st.composite
def _records(draw: st.DrawFn, like: Record) -> Record:
    """`like` with drawn status, approval and review dates, review period and lists."""
    approved = draw(st.none() | DAYS)
    reviewed = draw(st.none() | DAYS)
    changes: dict[str, object] = {
        "status": draw(st.sampled_from(RecordStatus)),
        "approved_on": approved,
        "last_reviewed_on": reviewed,
        "review_every_months": draw(st.none() | st.integers(1, 36)),
        "approved_by": None,  # the enterprise plan names no people
    }
    for a in attrs.fields(type(like)):
        listed = a.name not in attrs.fields_dict(Record) and isinstance(
            getattr(like, a.name), tuple
        )
        if listed and draw(st.booleans()):
            changes[a.name] = ()  # a list the rule may ask for, emptied
    return attrs.evolve(like, **changes)


def _observed(text: str | None) -> str | None:
    """An observation without the words saying where the record was inherited from."""
    return text.split(", inherited from ")[0] if text else text


def _judged(report, rule: RecordRule):
    """The rule's result and checks, paths without the prefix and approver checks left out."""
    (f,) = report.findings_for(rule.requirements[0])
    checks = [
        (c.description, c.passed, _observed(c.observed), (c.path or "").removeprefix(PREFIX))
        for c in f.explanation
        if " is approved by a " not in c.description
    ]
    return f.result, checks


@pytest.mark.parametrize("rule", ROWS, ids=lambda r: r.id)
@SLOW
@given(data=st.data(), as_of=DAYS)
def test_an_inherited_record_counts_as_the_plans_own(rule: RecordRule, data, as_of):
    """The plan's own copy of an enterprise record is judged exactly as the inherited one."""
    enterprise = load("enterprise")
    record = data.draw(_records(_at(enterprise, rule.path)))
    enterprise = _put(enterprise, rule.path, record)
    flawed = load("flawed")
    inheriting = _put(flawed, rule.path, None)
    own = _put(flawed, rule.path, record)
    got, got_checks = _judged(
        assess(inheriting, STANDARD, as_of=as_of, enterprise=enterprise), rule
    )
    expected, expected_checks = _judged(assess(own, STANDARD, as_of=as_of), rule)
    assert got_checks == expected_checks
    if rule.approver is None:
        assert got is expected
    else:  # the own record, approved by nobody the plan names, also fails the approver's role
        assert worst([got, expected]) is expected


ENTERPRISE_PLANS: Final = cst.rmps().filter(lambda p: p.meta.kind is PlanKind.ENTERPRISE)
"""Drawn enterprise plans (a third of the plans drawn)."""


@pytest.mark.parametrize("standard", catalogues())
@SLOW
@given(plan=ENTERPRISE_PLANS)
def test_an_enterprise_plan_meets_only_organisation_requirements(standard, plan):
    """Every relationship-level requirement is not applicable to an enterprise plan."""
    report = assess(plan, standard, as_of=date(2026, 10, 31))
    cat = catalogue(standard)
    for f in report.findings:
        req = cat[f.requirement]
        if req.level is RequirementLevel.RELATIONSHIP:
            expected = Result.NOT_APPLICABLE if req.assessable else Result.NOT_ASSESSABLE
            assert f.result is expected, f.requirement


@pytest.mark.parametrize("fmt", FORMATS)
@SLOW
@given(
    enterprise=ENTERPRISE_PLANS,
    plan=cst.rmps(),
    title=st.text("abc XYZ-", min_size=1).map(str.strip).filter(bool),
)
def test_enterprise_and_inheriting_plans_round_trip(fmt, enterprise, plan, title):
    """An enterprise plan, and a plan naming one, come back equal from every format."""
    assert loads(dumps(enterprise, fmt), fmt) == enterprise
    if plan.meta.kind is not PlanKind.ENTERPRISE:
        ref = PlanReference(title=title)
        named = attrs.evolve(plan, meta=attrs.evolve(plan.meta, inherits=ref))
        assert loads(dumps(named, fmt), fmt) == named


def test_rows_cover_the_inheritable_records():
    """Every inheritable record of the catalogue is judged by one of the rows above."""
    assert {r.path for r in ROWS} == inheritable(catalogue(STANDARD))
