"""Time is judged everywhere the same way (issue 15, principle 1), over every dated record.

The rules that rely on a dated record list it in `Rule.records`; the cases below are read from
that table, so a rule added with a dated record is covered without a line here. For each, on
the bundled alliance (with exit activated, for the records of the exit stage):

- made overdue (approved, maybe reviewed, then a review period that ran out before the date
  judged against), the rule reports a failed "current" check at the record's
  `last_reviewed_on`, explaining the dates;
- judged on a date before the record was approved, the rule does not count it: its "recorded"
  check fails, saying when it was approved, and nothing else is asked of it;
- reviewed within its period, it passes that check.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from functools import cache
from typing import Any, Final

import attrs
import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given, settings
from hypothesis import strategies as st

from collabrel.conformance import Context, Rule, builtin_rules
from collabrel.examples import load
from collabrel.model import (
    Check,
    Event,
    EventKind,
    Record,
    RecordStatus,
    RelationshipManagementPlan,
)

AS_OF: Final = date(2026, 10, 31)
CASES: Final = [(rule, path) for rule in builtin_rules() for path in rule.records]
"""Every (rule, dated record) pair of the rule table."""
SETTINGS: Final = settings(max_examples=15, deadline=None)


def _params() -> list[Any]:
    return [pytest.param(rule, path, id=f"{rule.id}-{path}") for rule, path in CASES]


@cache
def _base(path: str) -> RelationshipManagementPlan:
    """The alliance; with exit activated for a record of the exit stage (asked only then)."""
    plan = load("alliance")
    if not path.startswith("stages.exit_strategy."):
        return plan
    activate = Event(
        kind=EventKind.ACTIVATE_EXIT, at=datetime(2026, 10, 20, 9, tzinfo=UTC), actor="h.okafor"
    )
    return attrs.evolve(plan, history=(*plan.history, activate))


def _with_record(
    plan: RelationshipManagementPlan, path: str, **changes: object
) -> RelationshipManagementPlan:
    """`plan` with the record at the dotted `path` changed, every parent rebuilt."""
    names = path.split(".")
    chain: list[Any] = [plan]
    for name in names:
        chain.append(getattr(chain[-1], name))
    record = chain[-1]
    assert isinstance(record, Record), f"{path} holds no record in the alliance"
    value: Any = attrs.evolve(record, **changes)
    for parent, name in zip(reversed(chain[:-1]), reversed(names), strict=True):
        value = attrs.evolve(parent, **{name: value})
    assert isinstance(value, RelationshipManagementPlan)
    return value


def _checks(rule: Rule, plan: RelationshipManagementPlan, as_of: date) -> tuple[Check, ...]:
    return rule.evaluate(Context(plan, as_of)).checks


def test_the_table_has_the_dated_records_of_every_kind_of_rule() -> None:
    """The cases cover the record rows and the bespoke rules that rely on a dated record."""
    ids = {rule.id for rule, _ in CASES}
    assert {"CR.S1.POLICY", "CR.S1.PRIORITISATION", "CR.S5.CONTRACT"} <= ids  # rows
    assert {"CR.S1.SER", "CR.S4.DECISION", "CR.S8.EXIT_PLAN", "CR.S8.TRANSITION"} <= ids


@pytest.mark.parametrize(("rule", "path"), _params())
@SETTINGS
@given(
    months=st.integers(1, 36),
    overdue=st.integers(1, 700),
    reviewed=st.booleans(),
)
def test_an_overdue_record_is_not_current(
    rule: Rule, path: str, months: int, overdue: int, *, reviewed: bool
) -> None:
    """A record whose review period ran out before the date gets a failed "current" check."""
    started = AS_OF - timedelta(days=overdue) - relativedelta(months=months)
    due = started + relativedelta(months=months)
    plan = _with_record(
        _base(path),
        path,
        status=RecordStatus.APPROVED,
        approved_on=started - timedelta(days=30) if reviewed else started,
        last_reviewed_on=started if reviewed else None,
        review_every_months=months,
    )
    [check] = [c for c in _checks(rule, plan, AS_OF) if c.path == f"{path}.last_reviewed_on"]
    assert check.passed is False
    assert check.description.endswith(f"is current on {AS_OF}")
    assert f"review every {months} months, due {due}" in (check.observed or "")
    late = (AS_OF - due).days
    assert (check.observed or "").endswith(f"overdue by {late} day" + ("s" if late > 1 else ""))


@pytest.mark.parametrize(("rule", "path"), _params())
@SETTINGS
@given(months=st.integers(1, 36), margin=st.integers(3, 300))
def test_a_record_reviewed_within_its_period_is_current(
    rule: Rule, path: str, months: int, margin: int
) -> None:
    """A review inside the period, however near its end, passes the "current" check.

    (A month back and a month on is not always the same day: 31 October less a month is
    30 September, and a month on from that 30 October; `margin` starts at three days.)
    """
    last = AS_OF - relativedelta(months=months) + timedelta(days=margin)
    last = min(last, AS_OF)
    plan = _with_record(
        _base(path),
        path,
        status=RecordStatus.APPROVED,
        approved_on=last - timedelta(days=400),
        last_reviewed_on=last,
        review_every_months=months,
    )
    [check] = [c for c in _checks(rule, plan, AS_OF) if c.path == f"{path}.last_reviewed_on"]
    assert check.passed is True
    assert (check.observed or "").startswith(f"last reviewed {last}")


@pytest.mark.parametrize(("rule", "path"), _params())
@SETTINGS
@given(days=st.integers(1, 900), reviewed=st.booleans())
def test_an_assessment_before_the_record_existed_does_not_count_it(
    rule: Rule, path: str, days: int, *, reviewed: bool
) -> None:
    """Judged on a date before its approval, the record fails "recorded", as if absent."""
    plan = _base(path)
    approved_on = AS_OF + timedelta(days=days)
    plan = _with_record(
        plan,
        path,
        status=RecordStatus.APPROVED,
        approved_on=approved_on,
        last_reviewed_on=approved_on + timedelta(days=10) if reviewed else None,
    )
    about = [c for c in _checks(rule, plan, AS_OF) if c.path and c.path.startswith(path)]
    [check] = [c for c in about if c.path == path]
    assert check.passed is False
    assert (check.observed or "").endswith(
        f"approved on {approved_on}, after {AS_OF}: not in place on that date"
    )
    assert [c for c in about if c.path != path and c.path.startswith(f"{path}.")] == []
