"""Stage 1, awareness: the bespoke rules (the policy and the portfolio are record rows)."""

from __future__ import annotations

from collabrel._text import plural
from collabrel.conformance._checks import ROLE_RECORDS, counted, fact, named
from collabrel.conformance._grading import Checked
from collabrel.conformance._rules import Context
from collabrel.model import (
    Appointment,
    PersonRole,
    RecordStatus,
)

__all__ = ["initial_risk", "rmp", "ser", "value"]


def ser(ctx: Context) -> Checked:
    """A senior executive responsible (SER) is appointed and named in the plan."""
    rel = ctx.rmp.relationship
    appointment, path = ctx.at("stages.awareness.ser_appointment", Appointment)
    checks = ctx.record_checks(appointment, path, "SER appointment")
    holders = [p.id for p in rel.people if PersonRole.SER in p.roles] if rel else []
    checks.insert(
        1,
        named(
            holders,
            "someone in the relationship holds the SER role",
            "nobody holds the 'ser' role",
            "relationship.people",
        ),
    )
    if appointment is not None and checks[0].passed:
        checks.append(
            fact(
                "the appointed person holds the SER role",
                ctx.holds(appointment.person_id, PersonRole.SER),
                ctx.describe(appointment.person_id),
                f"{path}.person_id",
            )
        )
    return checks


def value(ctx: Context) -> Checked:
    """The value collaborating should add is analysed."""
    rel = ctx.rmp.relationship
    analysis = ctx.rmp.stages.awareness.value_analysis
    props = [vp for vp in rel.value_propositions if vp.is_pursued] if rel else []
    checks = [
        fact(
            "the value of collaborating is analysed",
            analysis is not None or bool(props),
            ", ".join(
                filter(
                    None,
                    [
                        f"value analysis {analysis.id!r}" if analysis else "",
                        plural(len(props), "value proposition") if props else "",
                    ],
                )
            )
            or "no value analysis and no value proposition",
            "stages.awareness.value_analysis",
        )
    ]
    if analysis is not None and not props:
        # value propositions are evidence enough; without them the analysis must be approved
        checks.append(
            fact(
                "the value analysis is approved",
                analysis.is_approved,
                f"status {analysis.status.value}",
                "stages.awareness.value_analysis.status",
            )
        )
    return checks


def initial_risk(ctx: Context) -> Checked:
    """The risks of collaborating are looked at from the start."""
    rel = ctx.rmp.relationship
    record = ctx.rmp.stages.awareness.initial_risk_assessment
    risks = rel.risks if rel else ()
    return [
        fact(
            "an initial view of the risks of collaborating is recorded",
            record is not None or bool(risks),
            f"initial risk assessment {record.id!r}"
            if record
            else (plural(len(risks), "risk") + " in the register" if risks else "none"),
            "stages.awareness.initial_risk_assessment",
        )
    ]


def rmp(ctx: Context) -> Checked:
    """The relationship management plan is established, approved by a SER and kept current."""
    meta = ctx.rmp.meta
    checks = [
        fact(
            "the plan is approved",
            meta.status is RecordStatus.APPROVED,
            f"status {meta.status.value}",
            "meta.status",
        ),
        counted(meta.approvals, "the plan's approvals are recorded", "approval", "meta.approvals"),
    ]
    if meta.approvals:
        by_ser = [a for a in meta.approvals if ctx.holds(a.person_id, PersonRole.SER)]
        checks.append(
            fact(
                "a senior executive responsible approved the plan",
                bool(by_ser),
                "; ".join(f"{ctx.describe(a.person_id)} as {a.role}" for a in meta.approvals),
                "meta.approvals",
                ROLE_RECORDS[PersonRole.SER],
            )
        )
    checks.append(
        fact(
            f"the plan's next review is not overdue on {ctx.as_of.isoformat()}",
            meta.next_review_on is not None and meta.next_review_on >= ctx.as_of,
            f"next review {meta.next_review_on}" if meta.next_review_on else "no review date",
            "meta.next_review_on",
        )
    )
    checks.append(
        fact(
            "the plan has an owner",
            meta.owner is not None,
            ctx.describe(meta.owner) if meta.owner else "no owner",
            "meta.owner",
        )
    )
    return checks
