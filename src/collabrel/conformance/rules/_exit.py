"""Stage 8, exit strategy: the rules, judged from working together on until exit is reached."""

from __future__ import annotations

from collabrel.conformance._checks import counted, fact, non_empty, recorded
from collabrel.conformance._grading import Checked, per_relationship
from collabrel.conformance._rules import Context, _judgement
from collabrel.model import Check, ExitPlan, Relationship, Result

__all__ = ["exit_plan", "future", "lessons", "transition", "triggers"]


def _recorded(ctx: Context, plan: ExitPlan | None) -> Check:
    """Whether the exit plan is in place on the date (`_checks.recorded`)."""
    return recorded(ctx, plan, "relationship.exit_plan", "exit plan")


@per_relationship
def exit_plan(ctx: Context, rel: Relationship) -> Checked:
    """A joint exit plan is approved, signed by every partner and kept current."""
    plan = rel.exit_plan
    return ctx.record_checks(plan, "relationship.exit_plan", "exit plan", joint=True)


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
