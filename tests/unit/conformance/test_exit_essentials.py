"""An exit plan lacking an essential element is not a conforming exit plan (issue 15, 4).

Each essential of `collabrel.metrics.EXIT_CRITERIA`, taken out of the healthy scenario plan,
makes the requirement the table names for it a nonconformity (a major one for the plan's
contents: triggers, steps, continuity), and caps exit readiness below 50: the metric and the
conformance rules read the same table and say the same thing.
"""

from __future__ import annotations

from typing import Any

import pytest
from attrs import evolve
from tests.scenarios._plants import AS_OF, plan_for

from collabrel.conformance import assess
from collabrel.conformance.rules._exit import PLAN_ESSENTIALS
from collabrel.metrics import EXIT_CRITERIA, assess_exit_readiness
from collabrel.model import ExitPlan, RecordStatus, RelationshipManagementPlan, Result

ESSENTIALS = [c for c in EXIT_CRITERIA if c.essential]
CONTENTS = {"triggers", "steps", "continuity"}
"""The essentials of the plan's contents (the others are the record's approval and signatures)."""


def _without(plan: ExitPlan, element: str) -> dict[str, Any]:
    if element == "approved":
        return {"status": RecordStatus.DRAFT}
    if element == "signed":
        return {"signatories": plan.signatories[:1]}
    return {element: ()}


def _damaged(element: str) -> RelationshipManagementPlan:
    rmp = plan_for(None)
    rel = rmp.require_relationship()
    assert rel.exit_plan is not None
    plan = evolve(rel.exit_plan, **_without(rel.exit_plan, element))
    return evolve(rmp, relationship=evolve(rel, exit_plan=plan))


@pytest.mark.parametrize("criterion", ESSENTIALS, ids=lambda c: c.id)
@pytest.mark.parametrize("catalogue", ["iso44001:2017", "bs11000-1:2010"])
def test_an_essential_missing_is_a_nonconformity_of_its_requirement(criterion, catalogue):
    """Its requirement is not met (major for the contents), and readiness is capped below 50."""
    rmp = _damaged(criterion.id)
    outcomes = {o.requirement: o for o in assess(rmp, catalogue, as_of=AS_OF).outcomes}
    result = outcomes[criterion.requirement].result
    assert result.is_nonconformity, (criterion.id, result)
    if criterion.id in CONTENTS:
        assert result is Result.MAJOR, criterion.id
    rel = rmp.require_relationship()
    parties = rel.parties_to_sign(rel.exit_plan, AS_OF)
    readiness = assess_exit_readiness(rel.exit_plan, AS_OF, partner_ids=parties)
    assert criterion.id in {e.id for e in readiness.capped_by}
    assert readiness.score < 50


def test_the_healthy_plan_conforms_and_is_ready():
    """The healthy plan has every essential: its exit requirements conform, nothing caps it."""
    rmp = plan_for(None)
    outcomes = {o.requirement: o for o in assess(rmp, "iso44001:2017", as_of=AS_OF).outcomes}
    for requirement in {c.requirement for c in ESSENTIALS}:
        assert outcomes[requirement].result is Result.CONFORMS, requirement
    rel = rmp.require_relationship()
    parties = rel.parties_to_sign(rel.exit_plan, AS_OF)
    readiness = assess_exit_readiness(rel.exit_plan, AS_OF, partner_ids=parties)
    assert readiness.cap is None


def test_exit_plan_judges_the_essentials_of_its_contents_from_the_table():
    """CBR.S8.EXIT_PLAN asks each essential of the plan's contents the table gives it: steps."""
    assert [c.id for c in PLAN_ESSENTIALS] == ["steps"]
    finding = next(
        f
        for f in assess(_damaged("steps"), "iso44001:2017", as_of=AS_OF).findings
        if f.requirement == "CBR.S8.EXIT_PLAN"
    )
    failed = [c for c in finding.explanation if c.passed is False]
    assert [(c.description, c.path) for c in failed] == [
        ("the exit plan sets out disengagement steps", "relationship.exit_plan.steps")
    ]
