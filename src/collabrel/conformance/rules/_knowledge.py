"""Stage 2, knowledge: the bespoke rules.

The knowledge map and the skills assessment are record rows of the table.
"""

from __future__ import annotations

from collabrel.conformance._checks import counted, fact
from collabrel.conformance._grading import Checked, per_relationship
from collabrel.conformance._rules import Context
from collabrel.model import (
    BusinessCase,
    PersonRole,
    Relationship,
)

__all__ = ["business_case", "collab_risk", "exit_outline"]


def business_case(ctx: Context) -> Checked:
    """A business case ending in a recorded go / no-go decision."""
    case, path = ctx.at("stages.knowledge.business_case", BusinessCase)
    checks = ctx.record_checks(case, path, "business case", approver=PersonRole.SER)
    if case is not None and checks[0].passed:
        checks.insert(
            1,
            fact(
                "the business case records a go / no-go decision",
                case.decision is not None,
                case.decision.value if case.decision else "no decision",
                f"{path}.decision",
            ),
        )
        checks += [
            counted(
                case.objectives,
                "the business case states objectives",
                "objective",
                f"{path}.objectives",
            ),
            fact(
                "the decision says who took it",
                case.decided_by is not None or case.decision is None,
                ctx.describe(case.decided_by) if case.decided_by else "not recorded",
                f"{path}.decided_by",
            ),
        ]
    return checks


@per_relationship
def collab_risk(ctx: Context, rel: Relationship) -> Checked:
    """Collaboration risks are managed: a register with owners and an agreed approach."""
    risks = rel.risks
    approach = ctx.rmp.stages.knowledge.risk_management
    return [
        counted(
            risks, "a risk register for the relationship is kept", "risk", "relationship.risks"
        ),
        fact(
            "the approach to managing collaboration risk is recorded",
            approach is not None,
            f"{approach.title!r}" if approach else "missing",
            "stages.knowledge.risk_management",
        ),
    ]


def exit_outline(ctx: Context) -> Checked:
    """An exit strategy is outlined from the knowledge stage on."""
    outline = ctx.rmp.stages.knowledge.exit_outline
    plan = ctx.rmp.relationship.exit_plan if ctx.rmp.relationship else None
    return [
        fact(
            "an exit strategy is outlined",
            outline is not None or plan is not None,
            f"exit outline {outline.id!r}"
            if outline
            else (f"exit plan {plan.id!r}" if plan else "no outline and no exit plan"),
            "stages.knowledge.exit_outline",
        )
    ]
