"""ISO 44001's management-system clauses: the rules."""

from __future__ import annotations

from typing import Final

from dateutil.relativedelta import relativedelta

from collabrel._text import plural
from collabrel.conformance._checks import ROLE_RECORDS, clear, counted, fact, named, non_empty
from collabrel.conformance._enterprise import with_inherited
from collabrel.conformance._grading import Checked, per_relationship
from collabrel.conformance._rules import Context
from collabrel.conformance.rules._common import action_checks, none_outstanding
from collabrel.errors import CollabrelError
from collabrel.lifecycle import default_guards, trace
from collabrel.model import (
    PersonRole,
    Record,
    Relationship,
    ReviewKind,
    Stage,
)

__all__ = [
    "context",
    "documented",
    "improvement",
    "interested_parties",
    "management_review",
    "monitoring",
    "ms_risks",
    "nonconformity",
    "objectives",
    "operational",
    "roles",
    "scope",
]

_HIGH_RISK: Final = 12
"""A risk score (likelihood x impact) from which a mitigation is expected."""
_GRAVE_ISSUE: Final = 4
"""An issue severity from which a corrective action is expected."""


def context(ctx: Context) -> Checked:
    """The context for collaborating is understood: drivers and objectives are stated."""
    case = ctx.rmp.stages.knowledge.business_case
    analysis = ctx.rmp.stages.awareness.value_analysis
    return [
        fact(
            "the drivers for collaborating are stated",
            (case is not None and bool(case.drivers)) or analysis is not None,
            (plural(len(case.drivers), "driver") if case else "no business case")
            + (f"; value analysis {analysis.id!r}" if analysis else ""),
            "stages.knowledge.business_case.drivers",
        )
    ]


@per_relationship
def interested_parties(ctx: Context, rel: Relationship) -> Checked:
    """The interested parties and what they need from the relationship are identified.

    The partners asked about are those taking part on the date (`Partner.is_member_on`).
    """
    checks = [
        fact(
            f"partner {p.id} has named people",
            bool(rel.people_of(p.id)),
            plural(len(rel.people_of(p.id)), "person"),
            f"relationship.partners[{i}]",
        )
        for i, p in enumerate(rel.partners)
        if p.is_member_on(ctx.as_of)
    ]
    checks.append(
        non_empty(
            [b for vp in rel.value_propositions if vp.is_pursued for b in vp.beneficiaries],
            "the value each party expects is recorded",
            "beneficiaries named",
            "relationship.value_propositions",
        )
    )
    return checks


def scope(ctx: Context) -> Checked:
    """The scope of the collaborative working is stated."""
    scope = ctx.rmp.scope
    return [
        fact(
            "the scope is described",
            scope.description is not None,
            f"{scope.level.value}: {scope.description}"
            if scope.description
            else f"{scope.level.value}, no description",
            "scope.description",
        )
    ]


@per_relationship
def roles(ctx: Context, rel: Relationship) -> Checked:
    """Roles, responsibilities and authorities are assigned, the SER's among them."""
    holders = [p.id for p in rel.people if PersonRole.SER in p.roles]
    appointment = ctx.rmp.stages.awareness.ser_appointment
    checks = [
        fact(
            "a senior executive responsible is appointed",
            bool(holders) or appointment is not None,
            ", ".join(holders) or ("appointment recorded" if appointment else "nobody"),
            "stages.awareness.ser_appointment",
            ROLE_RECORDS[PersonRole.SER],  # the fact CBR.S1.SER establishes
        ),
    ]
    checks.append(
        counted(
            rel.governance.raci.activities,
            "responsibilities are assigned",
            "activity",
            "relationship.governance.raci",
        )
    )
    checks.append(
        counted(
            rel.governance.decision_rights,
            "authorities are recorded",
            "decision right",
            "relationship.governance.decision_rights",
        )
    )
    return checks


@per_relationship
def ms_risks(_ctx: Context, rel: Relationship) -> Checked:
    """Risks and opportunities are addressed: open risks have mitigations."""
    risks = rel.risks
    checks = [counted(risks, "risks are identified", "risk", "relationship.risks")]
    for i, r in enumerate(risks):
        if r.is_active and r.score >= _HIGH_RISK:
            checks.append(
                fact(
                    f"high risk {r.id} (score {r.score}) has a mitigation",
                    r.mitigation is not None,
                    r.mitigation or "none",
                    f"relationship.risks[{i}].mitigation",
                )
            )
    return checks


@per_relationship
def objectives(_ctx: Context, rel: Relationship) -> Checked:
    """Collaborative objectives are measurable, owned and planned."""
    objectives = rel.objectives
    checks = [counted(objectives, "objectives are set", "objective", "relationship.objectives")]
    for i, o in enumerate(objectives):
        checks.append(
            fact(
                f"objective {o.id} is measurable (a KPI or a target date)",
                bool(o.kpi_ids) or o.target_date is not None,
                ", ".join(o.kpi_ids) or (str(o.target_date) if o.target_date else "neither"),
                f"relationship.objectives[{i}]",
            )
        )
        checks.append(
            fact(
                f"objective {o.id} has an owner",
                o.owner is not None,
                o.owner or "no owner",
                f"relationship.objectives[{i}].owner",
            )
        )
    return checks


def _all_records(ctx: Context) -> list[tuple[str, Record]]:
    out = []
    for stage in Stage:
        out += [(f"stages.{stage.value}.{p}", r) for p, r in ctx.rmp.stages.records(stage)]
    if ctx.rmp.relationship is not None and ctx.rmp.relationship.exit_plan is not None:
        out.append(("relationship.exit_plan", ctx.rmp.relationship.exit_plan))
    return out


def documented(ctx: Context) -> Checked:
    """Documented information is controlled: approvals are attributed and dated."""
    meta = ctx.rmp.meta
    checks = [
        fact(
            "the plan carries a revision, owner and next review date",
            meta.owner is not None and meta.next_review_on is not None,
            f"revision {meta.revision}, owner {meta.owner or 'none'}, "
            f"next review {meta.next_review_on or 'none'}",
            "meta",
        ),
    ]
    records = _all_records(ctx)
    for path, r in records:
        if r.is_approved and (r.approved_by is None or r.approved_on is None):
            checks.append(
                fact(
                    f"approved record {r.id} says who approved it and when",
                    passed=False,
                    observed=f"approved_by {r.approved_by or 'missing'}, approved_on "
                    f"{r.approved_on or 'missing'}",
                    path=path,
                )
            )
    if len(checks) == 1:
        checks.append(
            clear(
                "every approved record says who approved it and when",
                plural(len(records), "record"),
                "stages",
            )
        )
    return checks


def operational(ctx: Context) -> Checked:
    """The lifecycle is planned and controlled: the history replays and follows the guards."""
    history = ctx.rmp.history
    checks = [counted(history, "the lifecycle history is recorded", "event", "history")]
    if ctx.history_error is not None:
        err = ctx.history_error
        checks.append(
            fact(
                "the history replays", passed=False, observed=err.reason, path=err.path or "history"
            )
        )
    elif history:
        checks.append(clear("the history replays", "every event applies", "history"))
        try:
            transitions = trace(history, guards=default_guards(), rmp=with_inherited(ctx))
        except CollabrelError as exc:  # pragma: no cover - replay already succeeded
            transitions = ()
            checks.append(
                fact("the history can be traced", passed=False, observed=str(exc), path="history")
            )
        for t in transitions:
            if t.event.at.date() > ctx.as_of:
                break
            checks.extend(
                fact(
                    f"history[{t.index}]: {f.message}",
                    t.overridden,
                    "overridden: " + t.event.override.reason
                    if t.event.override
                    else "no override recorded",
                    f"history[{t.index}]",
                    # a gate refused for want of a record rests on that record's requirement
                    f.paths[0] if f.paths else None,
                )
                for f in t.reasons
            )
    return checks


@per_relationship
def monitoring(ctx: Context, rel: Relationship) -> Checked:
    """Monitoring covers performance, value and relationship health."""
    measured = [k.id for k in rel.kpis if k.measurements]
    surveys = ctx.rmp.stages.staying_together.health_surveys
    checks = [
        non_empty(measured, "performance is measured", ", ".join(measured), "relationship.kpis"),
        counted(
            surveys,
            "relationship health is measured",
            "survey",
            "stages.staying_together.health_surveys",
        ),
    ]
    for i, vp in enumerate(rel.value_propositions):
        for b in vp.benefits if vp.is_pursued else ():
            if b.due_on is not None and b.due_on <= ctx.as_of:
                seen = any(r.benefit_id == b.id and r.on <= ctx.as_of for r in vp.realised)
                checks.append(
                    fact(
                        f"value realised for benefit {b.id} is measured",
                        seen,
                        f"due {b.due_on}; " + ("recorded" if seen else "nothing recorded"),
                        f"relationship.value_propositions[{i}].realised",
                    )
                )
    return checks


@per_relationship
def management_review(ctx: Context, _rel: Relationship) -> Checked:
    """Top management reviews the collaboration at least yearly."""
    reviews = ctx.rmp.stages.staying_together.reviews
    year_ago = ctx.as_of - relativedelta(years=1)
    mgmt = [
        (i, r)
        for i, r in enumerate(reviews)
        if year_ago <= r.held_on <= ctx.as_of
        and (
            r.kind is ReviewKind.MANAGEMENT
            or any(ctx.holds(a, PersonRole.SER) for a in r.attendees)
        )
    ]
    return [
        named(
            [r.id for _, r in mgmt],
            "a management review (or a review with a SER) was held in the last year",
            "none",
            "stages.staying_together.reviews",
        )
    ]


def nonconformity(ctx: Context) -> Checked:
    """Nonconformities and issues lead to owned corrective actions, closed on time."""
    st = ctx.rmp.stages.staying_together
    checks = action_checks(ctx, st.corrective_actions, "stages.staying_together.corrective_actions")
    serious = [(i, x) for i, x in enumerate(st.issue_log) if x.severity >= _GRAVE_ISSUE]
    if serious and not st.corrective_actions:
        i, x = serious[0]
        checks.append(
            fact(
                "serious issues lead to corrective action",
                passed=False,
                observed=f"issue {x.id} (severity {x.severity}), no corrective action",
                path=f"stages.staying_together.issue_log[{i}]",
            )
        )
    return checks or [none_outstanding()]


def improvement(ctx: Context) -> Checked:
    """There is evidence of continual improvement."""
    st = ctx.rmp.stages.staying_together
    lessons = ctx.rmp.stages.exit_strategy.lessons_learnt
    ideas = [i for i in ctx.rmp.stages.value_creation.ideas if i.status.value == "implemented"]
    evidence = [
        plural(len(lessons), "lesson") if lessons else "",
        plural(len(st.maturity_assessments), "maturity assessment")
        if len(st.maturity_assessments) > 1
        else "",
        plural(len(ideas), "implemented idea") if ideas else "",
    ]
    seen = [e for e in evidence if e]
    return [
        named(
            seen,
            "improvement is evidenced (lessons, repeated maturity assessments, implemented ideas)",
            "none",
            "stages",
        )
    ]
