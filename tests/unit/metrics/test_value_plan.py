"""A benefit's realisation plan: the model reads it, the value metrics judge against it."""

from __future__ import annotations

from datetime import date

import pytest

from collabrel import examples
from collabrel.errors import InvalidFieldError
from collabrel.metrics import BenefitStatus, assess_value
from collabrel.model import (
    ExpectedBenefit,
    InterimTarget,
    RealisedValue,
    ValueProposition,
    ValueStatus,
)

AS_OF = date(2026, 10, 31)


def _benefit(**plan: object) -> ExpectedBenefit:
    fields: dict[str, object] = {"target": 6000, "due_on": date(2027, 3, 31), **plan}
    return ExpectedBenefit(
        id="b", description="Delay minutes avoided", measure="minutes", unit="minutes", **fields
    )


def _vp(benefit: ExpectedBenefit, *amounts: tuple[float, date], **kw: object) -> ValueProposition:
    realised = [RealisedValue(benefit_id="b", amount=a, on=on) for a, on in amounts]
    fields: dict[str, object] = {"status": ValueStatus.IN_DELIVERY, **kw}
    return ValueProposition(id="vp", statement="S", benefits=[benefit], realised=realised, **fields)


class TestExpectedBy:
    def test_no_plan_expects_nothing(self):
        """A benefit with neither baseline nor interim targets has no plan to read."""
        b = _benefit()
        assert (b.has_plan, b.plan(), b.expected_by(AS_OF)) == (False, (), None)

    def test_straight_lines_between_points(self):
        """From the baseline day through each interim target to the target on the due date."""
        b = _benefit(
            baseline=0,
            baseline_on=date(2026, 1, 1),
            interim_targets=[InterimTarget(on=date(2026, 1, 11), amount=1000)],
        )
        assert b.expected_by(date(2025, 12, 1)) == 0
        assert b.expected_by(date(2026, 1, 6)) == 500
        assert b.expected_by(date(2026, 1, 11)) == 1000
        assert b.expected_by(date(2027, 3, 31)) == b.expected_by(date(2030, 1, 1)) == 6000

    def test_a_plan_without_a_baseline_day_starts_when_told(self):
        """Without `baseline_on` the ramp starts on `starts_on`; without either, at the due date."""
        b = _benefit(baseline=0)
        assert b.expected_by(AS_OF) == 0
        start = date(2026, 3, 31)  # 365 days before the due date
        assert b.expected_by(date(2026, 9, 30), starts_on=start) == pytest.approx(6000 * 183 / 365)

    def test_a_start_after_the_first_interim_target_is_ignored(self):
        """A start given later than the plan's first point does not bend the plan backwards."""
        b = _benefit(interim_targets=[InterimTarget(on=date(2026, 1, 1), amount=100)])
        assert b.plan(date(2026, 6, 1))[0] == (date(2026, 1, 1), 100)


class TestPlanValidation:
    def test_interim_targets_in_date_order(self):
        """Interim targets out of date order name the field and the day."""
        with pytest.raises(InvalidFieldError) as exc:
            _benefit(
                interim_targets=[
                    InterimTarget(on=date(2026, 6, 1), amount=1),
                    InterimTarget(on=date(2026, 1, 1), amount=2),
                ]
            )
        assert (exc.value.field, exc.value.value) == ("interim_targets", date(2026, 1, 1))

    def test_interim_targets_within_the_plan(self):
        """No interim target before the baseline day or after the due date."""
        late = [InterimTarget(on=date(2027, 6, 1), amount=1)]
        with pytest.raises(InvalidFieldError, match="on or before due_on"):
            _benefit(interim_targets=late)
        early = [InterimTarget(on=date(2025, 6, 1), amount=1)]
        with pytest.raises(InvalidFieldError, match="on or after baseline_on"):
            _benefit(baseline_on=date(2026, 1, 1), interim_targets=early)

    def test_baseline_day_before_due_date(self):
        """The plan cannot start after the benefit is due."""
        with pytest.raises(InvalidFieldError, match="on or before due_on"):
            _benefit(baseline_on=date(2028, 1, 1))


class TestAssessValueAgainstPlan:
    PLAN = _benefit(baseline=0, baseline_on=date(2025, 3, 31))  # 730 days to the due date

    def test_behind_plan(self):
        """150 of the 4,500 expected by the latest record's day is behind the plan."""
        b = assess_value([_vp(self.PLAN, (150, date(2026, 9, 30)))], AS_OF).benefit("b")
        assert b.status is BenefitStatus.BEHIND
        assert b.is_behind_plan
        assert b.expected_on == date(2026, 9, 30)
        assert b.expected == pytest.approx(6000 * 548 / 730)

    def test_on_plan_read_in_arrears(self):
        """The plan is read on the day of the latest record, not on the day judged."""
        vp = _vp(self.PLAN, (4550, date(2026, 9, 30)))
        b = assess_value([vp], AS_OF).benefit("b")
        assert (b.status, b.is_behind_plan) == (BenefitStatus.IN_PROGRESS, False)
        assert b.expected is not None
        assert b.expected < self.PLAN.expected_by(AS_OF)  # type: ignore[operator]

    def test_nothing_recorded_reads_the_plan_on_the_day(self):
        """With nothing recorded, the plan is read on the day judged."""
        b = assess_value([_vp(self.PLAN)], AS_OF).benefit("b")
        assert (b.status, b.expected_on) == (BenefitStatus.BEHIND, AS_OF)

    def test_a_passed_interim_target_is_held_to(self):
        """An interim target that has passed since the latest record is held to in full."""
        plan = _benefit(
            baseline=0,
            baseline_on=date(2025, 3, 31),
            interim_targets=[InterimTarget(on=date(2026, 10, 1), amount=5000)],
        )
        b = assess_value([_vp(plan, (4800, date(2026, 6, 30)))], AS_OF).benefit("b")
        assert (b.expected_on, b.expected, b.status) == (
            date(2026, 10, 1),
            5000,
            BenefitStatus.BEHIND,
        )

    def test_a_proposal_is_not_held_to_its_plan(self):
        """A proposition not yet agreed shows no expected value and is never behind."""
        vp = _vp(self.PLAN, status=ValueStatus.PROPOSED)
        b = assess_value([vp], AS_OF).benefit("b")
        assert (b.expected, b.status) == (None, BenefitStatus.NOT_STARTED)

    def test_withdrawn_counts_for_nothing(self):
        """A withdrawn proposition's benefit is withdrawn and in no total."""
        vp = _vp(_benefit(due_on=date(2026, 1, 1)), status=ValueStatus.WITHDRAWN)
        value = assess_value([vp], AS_OF)
        assert value.benefit("b").status is BenefitStatus.WITHDRAWN
        assert value._totals() == []

    def test_totals_add_up_within_a_unit(self):
        """Benefits in the same unit are added up in the totals."""
        other = ValueProposition(
            id="vp2",
            statement="T",
            benefits=[
                ExpectedBenefit(id="c", description="C", measure="m", unit="minutes", target=4000)
            ],
        )
        (row,) = assess_value([_vp(_benefit()), other], AS_OF)._totals()
        assert row[:3] == ["minutes", 2, "10,000 minutes"]

    def test_overdue_before_behind(self):
        """Past its due date short of the target a benefit is overdue, and behind its plan."""
        b = assess_value([_vp(self.PLAN, (10, date(2026, 1, 1)))], date(2027, 6, 1)).benefit("b")
        assert (b.status, b.is_behind_plan, b.expected) == (BenefitStatus.OVERDUE, True, 6000)

    def test_plans_start_on_is_checked(self):
        """A `plans_start_on` that is not a date is refused with its name."""
        with pytest.raises(Exception, match="plans_start_on"):
            assess_value([], AS_OF, plans_start_on="2025-01-01")  # type: ignore[arg-type]

    def test_alliance_efficiency_plan(self):
        """The alliance's gain share plan expected about GBP 5.5m by 30 September 2026."""
        vps = examples.load("alliance").require_relationship().value_propositions
        b = assess_value(vps, AS_OF).benefit("b-efficiency")
        assert b.expected == pytest.approx(4_000_000 + 3_000_000 * 183 / 365)
        assert (b.expected_on, b.is_behind_plan) == (date(2026, 9, 30), False)
        rows = assess_value(vps, AS_OF).to_records()
        assert {r["expected"] for r in rows if r["benefit"] == "b-testers"} == {None}
