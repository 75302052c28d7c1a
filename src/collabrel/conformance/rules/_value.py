"""Stage 6, value creation: the bespoke rules (the innovation process is a record row).

Value is judged against its plan (issue 15, principle 3): a withdrawn value proposition
counts for nothing (`ValueProposition.is_pursued`); a benefit of an agreed proposition with
a realisation plan is behind when its realised value trails the plan, read as
`collabrel.metrics.assess_value` reads it (the one judgement, shared with the metrics);
completing value creation with nothing realised and nothing in delivery is a nonconformity;
and every benefit, due or not, needs a measure (a KPI) and an owner.
"""

from __future__ import annotations

from datetime import date

from collabrel.conformance._checks import clear, counted, fact
from collabrel.conformance._grading import Checked, per_relationship
from collabrel.conformance._rules import Context
from collabrel.lifecycle import StageStatus
from collabrel.metrics import assess_value
from collabrel.model import (
    Check,
    EventKind,
    ExpectedBenefit,
    Relationship,
    Stage,
    ValueStatus,
)
from collabrel.model._display import format_amount

__all__ = ["benefit_measured", "benefits", "ideas", "value_creation_started", "value_defined"]


def benefit_measured(b: ExpectedBenefit, kpi_ids: set[str], path: str) -> Check:
    """The check that an expected benefit is measured by one of the relationship's KPIs.

    `path` is the benefit's own path; the check points at its `kpi_id`.
    """
    linked = b.kpi_id is not None and b.kpi_id in kpi_ids
    return fact(
        f"expected benefit {b.id} is measured by a KPI",
        linked,
        f"KPI {b.kpi_id}" if linked else "tied to no KPI",
        f"{path}.kpi_id",
    )


def value_creation_started(ctx: Context) -> date | None:
    """The day the history first started value creation, on or before the date judged.

    The day a benefit's plan without a baseline day starts from (`assess_value`'s
    `plans_start_on`); `None` if the history has not started it.
    """
    for event in ctx.rmp.history:
        if event.at.date() > ctx.as_of:
            break
        if event.kind is EventKind.START and event.stage is Stage.VALUE_CREATION:
            return event.at.date()
    return None


@per_relationship
def value_defined(ctx: Context, rel: Relationship) -> Checked:
    """What value means to each partner is agreed, with measurable, owned benefits."""
    pursued = [(i, vp) for i, vp in enumerate(rel.value_propositions) if vp.is_pursued]
    checks = [
        counted(
            pursued,
            "value propositions are recorded",
            "proposition",
            "relationship.value_propositions",
        )
    ]
    beneficiaries = {b for _, vp in pursued for b in vp.beneficiaries}
    missing = [p for p in ctx.partner_ids if p not in beneficiaries]
    if pursued:
        checks.append(
            fact(
                "every partner sees value for itself",
                not missing,
                "beneficiaries: "
                + (", ".join(sorted(beneficiaries)) or "none named")
                + (f"; nothing for {', '.join(missing)}" if missing else ""),
                "relationship.value_propositions",
            )
        )
    kpi_ids = {k.id for k in rel.kpis}
    for i, vp in pursued:
        path = f"relationship.value_propositions[{i}]"
        checks.append(
            fact(
                f"value proposition {vp.id} is agreed",
                vp.status is not ValueStatus.PROPOSED,
                f"status {vp.status.value}",
                f"{path}.status",
            )
        )
        if vp.benefits:
            checks.append(
                fact(
                    f"the benefits of value proposition {vp.id} have an owner",
                    vp.owner is not None,
                    f"owner {ctx.describe(vp.owner)}" if vp.owner else "no owner named",
                    f"{path}.owner",
                )
            )
        checks.extend(
            benefit_measured(b, kpi_ids, f"{path}.benefits[{j}]") for j, b in enumerate(vp.benefits)
        )
    return checks


def ideas(ctx: Context) -> Checked:
    """An idea register records ideas with their evaluation and decision."""
    ideas = ctx.rmp.stages.value_creation.ideas
    checks = [
        counted(
            ideas,
            "an improvement and innovation register is kept",
            "idea",
            "stages.value_creation.ideas",
        )
    ]
    for i, idea in enumerate(ideas):
        decided = idea.status.value in {"approved", "implemented", "rejected", "dropped"}
        if decided:
            checks.append(
                fact(
                    f"the decision on idea {idea.id} is dated",
                    idea.decided_on is not None,
                    f"{idea.status.value} on {idea.decided_on}"
                    if idea.decided_on
                    else f"{idea.status.value}, no decision date",
                    f"stages.value_creation.ideas[{i}].decided_on",
                )
            )
    return checks


@per_relationship
def benefits(ctx: Context, rel: Relationship) -> Checked:
    """Benefits that have fallen due have realised value recorded; none trails its plan.

    When the lifecycle shows value creation completed, something was realised or is in
    delivery.
    """
    checks = []
    pursued = [(i, vp) for i, vp in enumerate(rel.value_propositions) if vp.is_pursued]
    for i, vp in pursued:
        for b in vp.benefits:
            if b.due_on is None or b.due_on > ctx.as_of:
                continue
            total = sum(r.amount for r in vp.realised if r.benefit_id == b.id and r.on <= ctx.as_of)
            checks.append(
                fact(
                    f"realised value of benefit {b.id} (due {b.due_on}) is recorded",
                    any(r.benefit_id == b.id and r.on <= ctx.as_of for r in vp.realised),
                    f"{total:g} {b.unit} of {b.target:g}",
                    f"relationship.value_propositions[{i}].realised",
                )
            )
    checks.extend(_on_plan(ctx, rel))
    if ctx.state is not None and ctx.state.status(Stage.VALUE_CREATION) is StageStatus.COMPLETED:
        checks.append(_not_hollow(ctx, rel))
    return checks or [
        clear(
            "no benefit has fallen due yet", f"as of {ctx.as_of}", "relationship.value_propositions"
        )
    ]


def _on_plan(ctx: Context, rel: Relationship) -> list[Check]:
    """A check per benefit with a plan in force: its realised value keeps up with the plan."""
    paths = {
        (vp.id, b.id): f"relationship.value_propositions[{i}].benefits[{j}]"
        for i, vp in enumerate(rel.value_propositions)
        for j, b in enumerate(vp.benefits)
    }
    value = assess_value(
        rel.value_propositions, ctx.as_of, plans_start_on=value_creation_started(ctx)
    )
    return [
        fact(
            f"realised value of benefit {b.benefit_id} keeps up with its plan",
            not b.is_behind_plan,
            f"{format_amount(b.realised, b.unit, places=0)} realised by {b.expected_on}, "
            f"{format_amount(b.expected, b.unit, places=0)} expected by the plan",
            paths[b.value_proposition_id, b.benefit_id],
        )
        for b in value.benefits
        if b.expected is not None
    ]


def _not_hollow(ctx: Context, rel: Relationship) -> Check:
    """Value creation, completed, has value realised or a proposition in delivery."""
    pursued = [vp for vp in rel.value_propositions if vp.is_pursued]
    realised = sum(1 for vp in pursued for r in vp.realised if r.on <= ctx.as_of)
    ideas = [i for i in ctx.rmp.stages.value_creation.ideas if i.realised_benefit is not None]
    delivering = [
        vp.id for vp in pursued if vp.status in {ValueStatus.IN_DELIVERY, ValueStatus.REALISED}
    ]
    seen = [
        f"{realised} realised value records" if realised else "",
        f"{len(ideas)} ideas with a realised benefit" if ideas else "",
        f"in delivery: {', '.join(delivering)}" if delivering else "",
    ]
    return fact(
        "value creation, completed, realised value or has it in delivery",
        bool(realised or ideas or delivering),
        "; ".join(filter(None, seen)) or "nothing realised, nothing in delivery",
        "relationship.value_propositions",
    )
