"""Stage 6, value creation: the bespoke rules (the innovation process is a record row)."""

from __future__ import annotations

from collabrel.conformance._checks import clear, counted, fact
from collabrel.conformance._grading import Checked, per_relationship
from collabrel.conformance._rules import Context
from collabrel.model import (
    Relationship,
    ValueStatus,
)

__all__ = ["benefits", "ideas", "value_defined"]


@per_relationship
def value_defined(ctx: Context, rel: Relationship) -> Checked:
    """What value means to each partner is agreed, with measurable benefits."""
    props = rel.value_propositions
    checks = [
        counted(
            props,
            "value propositions are recorded",
            "proposition",
            "relationship.value_propositions",
        )
    ]
    beneficiaries = {b for vp in props for b in vp.beneficiaries}
    missing = [p for p in ctx.partner_ids if p not in beneficiaries]
    if props:
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
    for i, vp in enumerate(props):
        checks.append(
            fact(
                f"value proposition {vp.id} is agreed",
                vp.status is not ValueStatus.PROPOSED,
                f"status {vp.status.value}",
                f"relationship.value_propositions[{i}].status",
            )
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
    """Benefits that have fallen due have realised value recorded."""
    checks = []
    for i, vp in enumerate(rel.value_propositions):
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
    return checks or [
        clear(
            "no benefit has fallen due yet", f"as of {ctx.as_of}", "relationship.value_propositions"
        )
    ]
