"""Stage 6 value rules judge value against its plan (issue 15, principle 3).

Each test changes the bundled alliance in one way and reads the finding of one requirement.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from functools import cache

import attrs
import pytest

from collabrel.conformance import assess
from collabrel.examples import load
from collabrel.model import (
    Event,
    EventKind,
    Finding,
    RealisedValue,
    Relationship,
    RelationshipManagementPlan,
    Result,
    Stage,
    ValueProposition,
    ValueStatus,
)

AS_OF = date(2026, 10, 31)
STANDARD = "iso44001:2017"


@cache
def _alliance() -> RelationshipManagementPlan:
    return load("alliance")


def _rel(rmp: RelationshipManagementPlan) -> Relationship:
    return rmp.require_relationship()


def _with_propositions(
    rmp: RelationshipManagementPlan, props: list[ValueProposition]
) -> RelationshipManagementPlan:
    return attrs.evolve(rmp, relationship=attrs.evolve(_rel(rmp), value_propositions=props))


def _changed(vp_id: str, **changes: object) -> RelationshipManagementPlan:
    rmp = _alliance()
    props = [
        attrs.evolve(vp, **changes) if vp.id == vp_id else vp for vp in _rel(rmp).value_propositions
    ]
    return _with_propositions(rmp, props)


def _finding(rmp: RelationshipManagementPlan, requirement: str) -> Finding:
    (finding,) = assess(rmp, STANDARD, as_of=AS_OF).findings_for(requirement)
    return finding


def _failed(finding: Finding) -> list[str]:
    return [c.description for c in finding.explanation if c.passed is False]


class TestBenefitsOnPlan:
    def test_the_alliance_keeps_up_with_its_plans(self):
        """CBR.S6.BENEFITS: the alliance's planned benefits keep up with their plans."""
        finding = _finding(_alliance(), "CBR.S6.BENEFITS")
        assert finding.result is Result.CONFORMS
        plan_checks = [c for c in finding.explanation if "keeps up with its plan" in c.description]
        assert [c.path for c in plan_checks] == [
            "relationship.value_propositions[0].benefits[0]",
            "relationship.value_propositions[0].benefits[1]",
        ]

    def test_a_benefit_behind_its_plan_is_a_nonconformity(self):
        """CBR.S6.BENEFITS: 150 delay minutes of 6,000 five months before due is behind plan."""
        vp = _rel(_alliance()).value_propositions[0]
        realised = [r for r in vp.realised if r.benefit_id != "b-overrun"]
        realised.append(RealisedValue(benefit_id="b-overrun", amount=150, on=date(2026, 9, 30)))
        finding = _finding(_changed(vp.id, realised=realised), "CBR.S6.BENEFITS")
        assert finding.result is Result.MINOR
        assert _failed(finding) == ["realised value of benefit b-overrun keeps up with its plan"]
        (check,) = [c for c in finding.explanation if c.passed is False]
        assert check.path == "relationship.value_propositions[0].benefits[1]"
        assert (
            check.observed
            == "150 minutes realised by 2026-09-30, 4,559 minutes expected by the plan"
        )

    def test_the_plan_starts_when_value_creation_started(self):
        """A plan without a baseline day starts on the history's start of value creation."""
        rmp = _alliance()
        start = next(
            e for e in rmp.history if e.kind is EventKind.START and e.stage is Stage.VALUE_CREATION
        )
        later = attrs.evolve(start, at=datetime(2026, 9, 1, tzinfo=UTC))
        history = [later if e is start else e for e in rmp.history]
        vp = _rel(rmp).value_propositions[0]
        realised = [r for r in vp.realised if r.benefit_id != "b-overrun"]
        realised.append(RealisedValue(benefit_id="b-overrun", amount=150, on=date(2026, 9, 30)))
        planted = attrs.evolve(_changed(vp.id, realised=realised), history=history)
        checks = {c.description: c for c in _finding(planted, "CBR.S6.BENEFITS").explanation}
        check = checks["realised value of benefit b-overrun keeps up with its plan"]
        assert check.passed is False
        assert "150 minutes realised by 2026-09-30" in check.observed


class TestValueCreationNotHollow:
    @staticmethod
    def _hollow(*, status: ValueStatus) -> RelationshipManagementPlan:
        rmp = _alliance()
        props = [
            attrs.evolve(vp, realised=(), status=status if vp.is_pursued else vp.status)
            for vp in _rel(rmp).value_propositions
        ]
        ideas = [attrs.evolve(i, realised_benefit=None) for i in rmp.stages.value_creation.ideas]
        done = Event(
            kind=EventKind.COMPLETE,
            stage=Stage.VALUE_CREATION,
            at=datetime(2026, 9, 30, 15, tzinfo=UTC),
            actor="t.bakare",
        )
        stages = attrs.evolve(
            rmp.stages, value_creation=attrs.evolve(rmp.stages.value_creation, ideas=ideas)
        )
        return attrs.evolve(
            _with_propositions(rmp, props), stages=stages, history=[*rmp.history, done]
        )

    def test_completed_with_nothing_realised_is_a_nonconformity(self):
        """CBR.S6.BENEFITS: value creation completed, nothing realised, nothing in delivery."""
        finding = _finding(self._hollow(status=ValueStatus.AGREED), "CBR.S6.BENEFITS")
        assert finding.result is Result.MINOR
        assert "value creation, completed, realised value or has it in delivery" in _failed(finding)

    def test_value_in_delivery_is_not_hollow(self):
        """A proposition in delivery is value creation at work, even with nothing realised yet."""
        finding = _finding(self._hollow(status=ValueStatus.IN_DELIVERY), "CBR.S6.BENEFITS")
        assert "value creation, completed, realised value or has it in delivery" not in _failed(
            finding
        )


class TestValueDefined:
    def test_a_benefit_not_yet_due_needs_a_kpi_and_an_owner(self):
        """CBR.S6.VALUE: a benefit not yet due still needs a measure (a KPI) and an owner."""
        vp = _rel(_alliance()).value_propositions[2]
        benefits = [attrs.evolve(vp.benefits[0], kpi_id=None)]
        finding = _finding(_changed(vp.id, owner=None, benefits=benefits), "CBR.S6.VALUE")
        assert finding.result is Result.MINOR
        assert set(_failed(finding)) >= {
            "the benefits of value proposition vp-plant have an owner",
            "expected benefit b-plant-idle is measured by a KPI",
        }

    @pytest.mark.parametrize("requirement", ["CBR.S6.VALUE", "CBR.S5.PERFORMANCE"])
    def test_a_withdrawn_proposition_is_not_asked_for(self, requirement: str):
        """A withdrawn proposition's unmeasured benefit is no gap in either rule."""
        finding = _finding(_alliance(), requirement)
        assert not any("b-welfare" in d or "vp-welfare" in d for d in _failed(finding))
        assert not any("vp-welfare" in c.description for c in finding.explanation)
