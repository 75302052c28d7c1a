"""How time is judged: the one currency check, and the table of the rules' dated records.

`Rule.records` lists, for every built-in rule, the dated records it relies on. These tests hold
the table to the model (each path is a record), to the catalogues (each is evidence of the
rule's requirements) and to the rules' behaviour (a rule judges the currency of exactly the
records it lists), and pin what the shared checks `recorded` and `current` say.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from functools import cache
from typing import Any, Final

import attrs
import pytest

from collabrel.conformance import Context, Rule, _checks, builtin_rules, catalogue, catalogues
from collabrel.examples import load
from collabrel.model import (
    Event,
    EventKind,
    Record,
    RecordStatus,
    RelationshipManagementPlan,
    Result,
)

AS_OF: Final = date(2026, 10, 31)
RULES: Final = builtin_rules()
DATED: Final = [r for r in RULES if r.records]


@cache
def _alliance() -> RelationshipManagementPlan:
    """The alliance with exit activated, so that every rule asks what it can of its records."""
    plan = load("alliance")
    activate = Event(
        kind=EventKind.ACTIVATE_EXIT, at=datetime(2026, 10, 20, 9, tzinfo=UTC), actor="h.okafor"
    )
    return attrs.evolve(plan, history=(*plan.history, activate))


def _record_paths(plan: RelationshipManagementPlan) -> list[str]:
    """The path of every record the plan holds: the stage sections' and the exit plan."""
    paths = [
        f"stages.{section.name}.{f.name}"
        for section in attrs.fields(type(plan.stages))
        for f in attrs.fields(type(getattr(plan.stages, section.name)))
        if isinstance(getattr(getattr(plan.stages, section.name), f.name), Record)
    ]
    rel = plan.relationship
    if rel is not None and rel.exit_plan is not None:
        paths.append("relationship.exit_plan")
    return paths


def _evolved(plan: RelationshipManagementPlan, path: str, **changes: object) -> Any:
    names = path.split(".")
    chain: list[Any] = [plan]
    for name in names:
        chain.append(getattr(chain[-1], name))
    value: Any = attrs.evolve(chain[-1], **changes)
    for parent, name in zip(reversed(chain[:-1]), reversed(names), strict=True):
        value = attrs.evolve(parent, **{name: value})
    return value


def _overdue(path: str) -> RelationshipManagementPlan:
    plan: RelationshipManagementPlan = _evolved(
        _alliance(),
        path,
        status=RecordStatus.APPROVED,
        approved_on=date(2024, 1, 2),
        last_reviewed_on=None,
        review_every_months=12,
    )
    return plan


def _judges_currency(rule: Rule, ctx: Context, path: str) -> bool:
    return any(
        c.passed is False and c.path == f"{path}.last_reviewed_on"
        for c in rule.evaluate(ctx).checks
    )


# ------------------------------------------------------------------------------ the table


def test_the_table_lists_the_dated_records_of_rows_and_bespoke_rules() -> None:
    """Record rows and the bespoke rules that ask a record's questions both declare it."""
    ids = {r.id for r in DATED}
    assert {"CR.S1.POLICY", "CR.S1.PRIORITISATION", "CR.S4.NEGOTIATION", "CR.S5.CONTRACT"} <= ids
    assert {
        "CR.S1.SER",
        "CR.S2.BUSINESS_CASE",
        "CR.S3.GAP_PLAN",
        "CR.S3.SELECTION_CRITERIA",
        "CR.S4.DECISION",
        "CR.S8.EXIT_PLAN",
        "CR.S8.TRANSITION",
    } <= ids


@pytest.mark.parametrize("rule", DATED, ids=lambda r: r.id)
def test_every_dated_record_is_a_record_of_the_plan(rule: Rule) -> None:
    """Each listed path holds a record in the alliance (every record is there)."""
    ctx = Context(_alliance(), AS_OF)
    for path in rule.records:
        value, _ = ctx.at(path)
        assert isinstance(value, Record), (rule.id, path)


@pytest.mark.parametrize("name", catalogues())
@pytest.mark.parametrize("rule", DATED, ids=lambda r: r.id)
def test_every_dated_record_is_evidence_of_the_rules_requirements(rule: Rule, name: str) -> None:
    """A rule's dated records are among the `records:` of each requirement it judges."""
    cat = catalogue(name)
    for requirement in rule.requirements:
        req = cat.get(requirement)
        if req is not None:
            assert set(rule.records) <= set(req.records), (rule.id, requirement)


def test_a_rule_judges_the_currency_of_exactly_the_records_it_lists() -> None:
    """Making any record overdue gets a "not current" check from the rules listing it, only."""
    for path in _record_paths(_alliance()):
        ctx = Context(_overdue(path), AS_OF)
        judging = {r.id for r in RULES if _judges_currency(r, ctx, path)}
        listing = {r.id for r in RULES if path in r.records}
        assert judging == listing, path


# ------------------------------------------------------------------------------ behaviour


@pytest.mark.parametrize(
    ("rule_id", "path"),
    [
        ("CR.S1.PRIORITISATION", "stages.awareness.relationship_portfolio"),
        ("CR.S1.SER", "stages.awareness.ser_appointment"),
        ("CR.S2.BUSINESS_CASE", "stages.knowledge.business_case"),
        ("CR.S3.SELECTION_CRITERIA", "stages.internal_assessment.selection_criteria"),
        ("CR.S4.DECISION", "stages.partner_selection.decision"),
        ("CR.S4.NEGOTIATION", "stages.partner_selection.negotiation_approach"),
        ("CR.S5.CONTRACT", "stages.working_together.contract"),
    ],
)
def test_rules_that_ignored_the_review_period_now_judge_it(rule_id: str, path: str) -> None:
    """A record these rules once took as current forever is overdue past its own period."""
    rule = next(r for r in RULES if r.id == rule_id)
    judgement = rule.evaluate(Context(_overdue(path), AS_OF))
    assert judgement.result is Result.MINOR
    [check] = [c for c in judgement.checks if c.path == f"{path}.last_reviewed_on"]
    assert check.passed is False
    assert check.observed == (
        "approved 2024-01-02, not reviewed since; review every 12 months, due 2025-01-02: "
        "overdue by 667 days"
    )
    assert f"is current on {AS_OF}: no (approved 2024-01-02" in judgement.message


def test_the_knowledge_map_approved_after_the_audit_is_not_in_place() -> None:
    """CBR.S2.KNOWLEDGE_MAP: a map approved after the date does not count: major, as missing."""
    path = "stages.knowledge.knowledge_map"
    plan = _evolved(_alliance(), path, approved_on=date(2026, 11, 20), last_reviewed_on=None)
    rule = next(r for r in RULES if r.id == "CR.S2.KNOWLEDGE_MAP")
    judgement = rule.evaluate(Context(plan, AS_OF))
    assert judgement.result is Result.MAJOR
    [check] = judgement.checks
    assert check.path == path
    assert check.observed == (
        "'Knowledge and intellectual property map' (knowledge-map) approved on 2026-11-20, after "
        "2026-10-31: not in place on that date"
    )


def test_the_exit_rules_do_not_count_an_exit_plan_approved_after_the_date() -> None:
    """Triggers and transition read the exit plan only when it was in place on the date."""
    plan = _evolved(_alliance(), "relationship.exit_plan", approved_on=date(2027, 1, 1))
    ctx = Context(plan, AS_OF)
    for rule_id in ("CR.S8.EXIT_PLAN", "CR.S8.TRIGGERS", "CR.S8.TRANSITION"):
        rule = next(r for r in RULES if r.id == rule_id)
        checks = rule.evaluate(ctx).checks
        assert [c.passed for c in checks if c.path == "relationship.exit_plan"] == [False]
        assert not [c for c in checks if (c.path or "").startswith("relationship.exit_plan.")]


class TestCurrent:
    """`_checks.current`: the one judgement of a record's currency, explained by its dates."""

    def _check(self, as_of: date = AS_OF, **fields: Any) -> Any:
        record = Record(id="r", title="R", status=RecordStatus.APPROVED, **fields)
        return _checks.current(Context(load("alliance"), as_of), record, "p", "record")

    def test_a_draft_is_not_asked(self) -> None:
        """Only an approved record is asked whether it is current."""
        record = Record(id="r", title="R", review_every_months=1, approved_on=date(2020, 1, 1))
        assert _checks.current(Context(load("alliance"), AS_OF), record, "p", "record") is None

    def test_no_review_period_is_current(self) -> None:
        """A record without a review period (a contract, say) stays current."""
        check = self._check(approved_on=date(2020, 1, 1))
        assert (check.passed, check.observed) == (True, "no review period")

    def test_the_due_day_itself_is_still_current(self) -> None:
        """Due on the date judged against is not late; the day after is, by one day."""
        assert self._check(approved_on=date(2025, 10, 31), review_every_months=12).passed
        late = self._check(approved_on=date(2025, 10, 30), review_every_months=12)
        assert late.passed is False
        assert late.observed.endswith("due 2026-10-30: overdue by 1 day")

    def test_a_review_after_the_date_has_not_happened_yet(self) -> None:
        """A review dated after the date judged against does not count: the approval does."""
        check = self._check(
            approved_on=date(2024, 1, 2),
            last_reviewed_on=date(2026, 12, 1),
            review_every_months=12,
        )
        assert check.passed is False
        assert check.observed == (
            "approved 2024-01-02, not reviewed since (the review of 2026-12-01 is after "
            "2026-10-31); review every 12 months, due 2025-01-02: overdue by 667 days"
        )

    def test_no_date_to_count_from_is_left_to_documented_information(self) -> None:
        """Approved with a period but no date: not judged late here (MS.7.5 asks the dates)."""
        check = self._check(review_every_months=12)
        assert check.passed is True
        assert check.observed == "review every 12 months; no approval or review date to count from"


class TestRecordAsOf:
    """`Record.reviewed_as_of`, `review_due_as_of`, `is_dated_after` and `is_current`."""

    def test_a_record_approved_after_the_date_is_not_current(self) -> None:
        """Approved after the date judged against, a record was not in place: not current."""
        record = Record(id="r", title="R", status=RecordStatus.APPROVED, approved_on=AS_OF)
        assert record.is_current(AS_OF)
        assert not record.is_current(AS_OF - timedelta(days=1))
        assert record.is_dated_after(AS_OF - timedelta(days=1))

    def test_the_period_runs_from_the_last_review_on_or_before_the_date(self) -> None:
        """Before its last review the record counts from its approval."""
        record = Record(
            id="r",
            title="R",
            approved_on=date(2024, 1, 2),
            last_reviewed_on=date(2025, 1, 2),
            review_every_months=6,
        )
        assert record.review_due_as_of(date(2025, 1, 1)) == date(2024, 7, 2)
        assert record.review_due_as_of(date(2025, 1, 2)) == date(2025, 7, 2)
        assert record.review_due_on == date(2025, 7, 2)
        assert record.reviewed_as_of(date(2023, 12, 31)) is None
