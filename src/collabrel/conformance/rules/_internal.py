"""Stage 3, internal assessment: the bespoke rules.

The profile and the competence assessment are record rows of the table.
"""

from __future__ import annotations

from typing import Final

from collabrel.conformance._checks import counted, fact, named
from collabrel.conformance._grading import Checked
from collabrel.conformance._rules import Context
from collabrel.conformance.rules._common import action_checks
from collabrel.model import (
    ActionPlan,
    CriterionCategory,
    PersonRole,
    SelectionCriteria,
)

__all__ = ["criteria", "gap_plan", "leaders"]

_COLLABORATIVE: Final = frozenset(
    {CriterionCategory.COLLABORATIVE_MATURITY, CriterionCategory.CULTURE_AND_BEHAVIOUR}
)


def gap_plan(ctx: Context) -> Checked:
    """Capability gaps have a plan with owned, dated actions."""
    plan, path = ctx.at("stages.internal_assessment.gap_plan", ActionPlan)
    checks = ctx.record_checks(plan, path, "gap closure plan")
    if plan is not None and checks[0].passed:
        checks.append(counted(plan.actions, "the plan has actions", "action", f"{path}.actions"))
        checks += action_checks(ctx, plan.actions, f"{path}.actions")
    return checks


def leaders(ctx: Context) -> Checked:
    """Collaborative leaders are appointed."""
    rel = ctx.rmp.relationship
    listed = ctx.rmp.stages.internal_assessment.collaborative_leaders
    with_role = (
        [p.id for p in rel.people if PersonRole.COLLABORATIVE_LEADER in p.roles] if rel else []
    )
    leaders = list(dict.fromkeys([*listed, *with_role]))
    return [
        named(
            leaders,
            "collaborative leaders are appointed",
            "none named",
            "stages.internal_assessment.collaborative_leaders",
        )
    ]


def criteria(ctx: Context) -> Checked:
    """Partner selection criteria are set, weighted, and weigh collaborative capability."""
    crit, path = ctx.at("stages.internal_assessment.selection_criteria", SelectionCriteria)
    checks = ctx.record_checks(crit, path, "set of partner selection criteria")
    if crit is not None and checks[0].passed:
        total = sum(c.weight for c in crit.criteria)
        collab = sum(c.weight for c in crit.criteria if c.category in _COLLABORATIVE)
        checks.insert(
            1,
            counted(crit.criteria, "criteria are listed", "criterion", f"{path}.criteria"),
        )
        checks += [
            fact(
                "the criteria carry weights",
                total > 0,
                f"total weight {total:g}",
                f"{path}.criteria",
            ),
            fact(
                "collaborative capability or behaviour is weighed, not only price",
                collab > 0,
                f"{collab / total:.0%} of the weight" if total else "no weight",
                f"{path}.criteria",
            ),
        ]
    return checks
