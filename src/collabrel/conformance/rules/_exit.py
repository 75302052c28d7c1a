"""Stage 8, exit strategy: the rules, judged from working together on until exit is reached.

An exit plan lacking an essential element (`collabrel.metrics.EXIT_CRITERIA`) is not a
conforming exit plan: each essential is judged, as a core check, under the requirement whose
text covers it. Agreed triggers under `CBR.S8.TRIGGERS`, continuity arrangements under
`CBR.S8.TRANSITION`, and the plan's own essentials under `CBR.S8.EXIT_PLAN`: its approval and
every partner's signature (the record's questions) and its disengagement steps
(`PLAN_ESSENTIALS`, read from the table).
"""

from __future__ import annotations

from typing import Final

import attrs

from collabrel.conformance._checks import counted, fact, non_empty, recorded
from collabrel.conformance._grading import Checked, per_relationship
from collabrel.conformance._rules import Context, _judgement
from collabrel.metrics._exit import EXIT_CRITERIA, ExitCriterion, assess_exit_readiness
from collabrel.model import Check, ExitPlan, Record, Relationship, Result

__all__ = ["PLAN_ESSENTIALS", "exit_plan", "future", "lessons", "transition", "triggers"]

_PATH: Final = "relationship.exit_plan"

PLAN_ESSENTIALS: Final[tuple[ExitCriterion, ...]] = tuple(
    c
    for c in EXIT_CRITERIA
    if c.essential
    and c.requirement == "CBR.S8.EXIT_PLAN"
    and c.field not in attrs.fields_dict(Record)
)
"""The essentials of the exit plan's contents that `CBR.S8.EXIT_PLAN` judges (the steps);
its record essentials, approval and signatures, are the record's own questions."""


def _recorded(ctx: Context, plan: ExitPlan | None) -> Check:
    """Whether the exit plan is in place on the date (`_checks.recorded`)."""
    return recorded(ctx, plan, _PATH, "exit plan")


@per_relationship
def exit_plan(ctx: Context, rel: Relationship) -> Checked:
    """A joint exit plan sets out how to disengage, is approved, signed and kept current.

    The checks: the plan is recorded; each of `PLAN_ESSENTIALS` is in place (core checks,
    right after it); approved, current, signed by every partner.
    """
    plan = rel.exit_plan
    checks = ctx.record_checks(plan, _PATH, "exit plan", joint=True)
    if plan is None or not checks[0].passed:
        return checks
    readiness = assess_exit_readiness(plan, ctx.as_of, partner_ids=ctx.partner_ids)
    seen = {e.id: e for e in readiness.elements}
    essentials = [
        fact(
            f"the exit plan sets out {c.label}",
            seen[c.id].met,
            seen[c.id].detail,
            f"{_PATH}.{c.field}",
        )
        for c in PLAN_ESSENTIALS
    ]
    return [checks[0], *essentials, *checks[1:]]


@per_relationship
def triggers(ctx: Context, rel: Relationship) -> Checked:
    """The exit plan names the triggers that end the relationship."""
    plan = rel.exit_plan
    checks = [_recorded(ctx, plan)]
    if plan is not None and checks[0].passed:
        checks.append(
            counted(
                plan.triggers,
                "exit triggers are agreed",
                "trigger",
                "relationship.exit_plan.triggers",
            )
        )
    return checks


@per_relationship
def transition(ctx: Context, rel: Relationship) -> Checked:
    """Continuity and the transfer of people, assets, data and IP are planned."""
    plan = rel.exit_plan
    checks = [_recorded(ctx, plan)]
    if plan is not None and checks[0].passed:
        kinds = sorted(k.value for k in plan.transfer_kinds)
        checks += [
            non_empty(
                plan.transfers,
                "transfers on exit are planned",
                ", ".join(kinds),
                "relationship.exit_plan.transfers",
            ),
            counted(
                plan.continuity,
                "continuity of service is planned",
                "arrangement",
                "relationship.exit_plan.continuity",
            ),
        ]
    if ctx.exit_activated:
        checks += ctx.record_checks(
            ctx.rmp.stages.exit_strategy.transition_plan,
            "stages.exit_strategy.transition_plan",
            "transition plan",
            joint=True,
        )
    return checks


@per_relationship
def future(ctx: Context, rel: Relationship) -> Checked:
    """The exit plan considers the future relationship and leaves the door open."""
    plan = rel.exit_plan
    record = ctx.rmp.stages.exit_strategy.future_opportunities
    return [
        fact(
            "the future relationship is considered",
            (plan is not None and plan.future_relationship is not None) or record is not None,
            "considered" if (plan and plan.future_relationship) or record else "not addressed",
            "relationship.exit_plan.future_relationship",
        )
    ]


@per_relationship
def lessons(ctx: Context, rel: Relationship) -> Checked:
    """Lessons learnt are captured once exit is activated."""
    lessons = ctx.rmp.stages.exit_strategy.lessons_learnt
    if not ctx.exit_activated:
        plan = rel.exit_plan
        planned = fact(
            "an exit plan is agreed",
            plan is not None and plan.is_approved,
            f"status {plan.status.value}" if plan else "missing",
            "relationship.exit_plan",
        )
        agreed = bool(planned.passed)
        return _judgement(
            result=Result.AGREED_NOT_EXERCISED if agreed else Result.MINOR,
            message="Lessons learnt: exit is not activated"
            + ("; the exit plan is agreed" if agreed else " and no exit plan is agreed"),
            checks=[
                fact("exit is activated", passed=False, observed="not activated", path="history"),
                planned,
            ],
            evidence=[] if agreed else ["relationship.exit_plan"],
            remediation=None if agreed else "agree the exit plan",
        )
    return [
        counted(
            lessons, "lessons learnt are recorded", "lesson", "stages.exit_strategy.lessons_learnt"
        )
    ]
