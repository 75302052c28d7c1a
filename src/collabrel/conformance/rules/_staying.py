"""Stage 7, staying together: the rules."""

from __future__ import annotations

from datetime import date
from typing import Final

from collabrel._text import plural
from collabrel.conformance._checks import clear, counted, fact
from collabrel.conformance._grading import Checked, judge, per_relationship
from collabrel.conformance._rules import Context, Judgement, _judgement
from collabrel.conformance.rules._common import action_checks, none_outstanding, partner_of
from collabrel.metrics import assess_kpis
from collabrel.model import (
    Cadence,
    Check,
    IssueStatus,
    Relationship,
    Result,
    RiskStatus,
    Stage,
)

__all__ = ["corrective", "health", "issues", "maturity", "measurement", "reviews", "risk_review"]

_SERIOUS_ISSUE: Final = 3
"""An issue severity from which it must be dealt with early."""
_EARLY_DAYS: Final = 90
"""How long a serious issue may stay open before it is late."""

_CADENCE_DAYS: Final = {
    Cadence.WEEKLY: 7,
    Cadence.FORTNIGHTLY: 14,
    Cadence.MONTHLY: 31,
    Cadence.QUARTERLY: 92,
    Cadence.HALF_YEARLY: 183,
    Cadence.ANNUALLY: 366,
}


def _within(as_of: date, last: date | None, days: int) -> bool:
    return last is not None and (as_of - last).days <= days


def reviews(ctx: Context) -> Checked:
    """Joint reviews are held regularly and signed by every partner."""
    reviews = ctx.rmp.stages.staying_together.reviews
    rel = ctx.rmp.relationship
    cadences = [b.cadence for b in rel.governance.bodies if b.is_joint and b.cadence] if rel else []
    period = max((_CADENCE_DAYS[c] for c in cadences), default=183) * 2
    last = max((r.held_on for r in reviews if r.held_on <= ctx.as_of), default=None)
    checks = [
        counted(
            reviews, "relationship reviews are held", "review", "stages.staying_together.reviews"
        ),
        fact(
            f"a review was held in the {period} days before {ctx.as_of}",
            _within(ctx.as_of, last, period),
            f"last review {last}" if last else "none held",
            "stages.staying_together.reviews",
        ),
    ]
    for i, r in enumerate(reviews):
        missing = r.unsigned_by(ctx.parties_to_sign(r))
        checks.append(
            fact(
                f"review {r.id} is signed by every partner",
                not missing,
                f"signed by {', '.join(r.signatories) or 'nobody'}"
                + (f"; not by {', '.join(missing)}" if missing else ""),
                f"stages.staying_together.reviews[{i}].signatories",
            )
        )
    return checks


@per_relationship
def measurement(ctx: Context, rel: Relationship) -> Judgement:
    """KPIs are measured at their frequency; those off track are flagged for action.

    A KPI without a recent measurement is a nonconformity (monitoring is not happening); a
    measured KPI that is off track or at risk is an observation (monitoring works, and the
    reviews must act on it).
    """
    checks = [counted(rel.kpis, "performance is measured", "KPI", "relationship.kpis")]
    off: list[Check] = []
    if rel.kpis:
        report = assess_kpis(rel.kpis, ctx.as_of)
        for i, (kpi, a) in enumerate(zip(rel.kpis, report.kpis, strict=True)):
            path = f"relationship.kpis[{i}].measurements"
            days = _CADENCE_DAYS.get(kpi.frequency, 92) * 2 if kpi.frequency else 183
            checks.append(
                fact(
                    f"KPI {kpi.id} was measured in the {days} days before {ctx.as_of}",
                    _within(ctx.as_of, a.measured_on, days),
                    f"last measured {a.measured_on}" if a.measured_on else "never measured",
                    path,
                )
            )
            if a.value is not None and a.status.value != "on_track":
                off.append(
                    fact(
                        f"KPI {kpi.id} is on track",
                        passed=False,
                        observed=f"{a.status.value.replace('_', ' ')}, latest {a.value:g} against "
                        f"{a.target:g}",
                        path=path,
                    )
                )
    judged = judge(
        ctx,
        Stage.STAYING_TOGETHER,
        checks,
        title="Performance monitoring",
        remediation="measure every KPI at its frequency and act on those off track",
    )
    if judged.result is not Result.CONFORMS or not off:
        return judged
    return _judgement(
        result=Result.OBSERVATION,
        message="Performance monitoring: in place, but "
        + "; ".join(f"{c.description.removesuffix(' is on track')}: {c.observed}" for c in off),
        checks=[*checks, *off],
        remediation="review the KPIs off track with the joint management team and agree "
        "corrective actions",
    )


def health(ctx: Context) -> Checked:
    """Relationship health is measured by people on every side."""
    surveys = [s for s in ctx.rmp.stages.staying_together.health_surveys if s.held_on <= ctx.as_of]
    checks = [
        counted(
            surveys,
            "relationship health surveys are held",
            "survey",
            "stages.staying_together.health_surveys",
        )
    ]
    if surveys:
        i, latest = max(
            (
                (i, s)
                for i, s in enumerate(ctx.rmp.stages.staying_together.health_surveys)
                if s.held_on <= ctx.as_of
            ),
            key=lambda t: t[1].held_on,
        )
        sides = {partner_of(ctx, r.respondent) for r in latest.responses} - {None}
        # a partner who joined since could not have answered, one who has left need not have
        missing = [p for p in ctx.parties_since(latest.held_on) if p not in sides]
        checks += [
            fact(
                f"the latest survey ({latest.held_on}) is within a year of {ctx.as_of}",
                _within(ctx.as_of, latest.held_on, 366),
                f"held {latest.held_on}",
                f"stages.staying_together.health_surveys[{i}].held_on",
            ),
            fact(
                "every partner answered the latest survey",
                not missing,
                "answers from "
                + (", ".join(sorted(p for p in sides if p)) or "nobody")
                + (f"; none from {', '.join(missing)}" if missing else ""),
                f"stages.staying_together.health_surveys[{i}].responses",
            ),
        ]
    return checks


@per_relationship
def risk_review(ctx: Context, rel: Relationship) -> Checked:
    """Open risks are reviewed by their review dates."""
    checks = []
    for i, r in enumerate(rel.risks):
        if r.status in (RiskStatus.CLOSED, RiskStatus.REALISED):
            continue
        checks.append(
            fact(
                f"risk {r.id} is reviewed on time",
                r.review_on is not None and r.review_on >= ctx.as_of,
                f"review on {r.review_on}" if r.review_on else "no review date",
                f"relationship.risks[{i}].review_on",
            )
        )
    return checks or [clear("no open risk awaits review", "none open", "relationship.risks")]


def issues(ctx: Context) -> Checked:
    """Issues and disputes are logged, escalated to a body and resolved with a record."""
    log = ctx.rmp.stages.staying_together.issue_log
    checks = []
    for i, issue in enumerate(log):
        p = f"stages.staying_together.issue_log[{i}]"
        if issue.status is IssueStatus.ESCALATED:
            checks.append(
                fact(
                    f"escalated issue {issue.id} names the body it went to",
                    issue.escalated_to is not None,
                    issue.escalated_to or "no body",
                    f"{p}.escalated_to",
                )
            )
        if issue.status in (IssueStatus.RESOLVED, IssueStatus.CLOSED):
            checks.append(
                fact(
                    f"resolved issue {issue.id} records its resolution",
                    issue.resolution is not None and issue.resolved_on is not None,
                    ", ".join(
                        filter(
                            None,
                            [
                                "resolution recorded" if issue.resolution else "no resolution",
                                f"resolved on {issue.resolved_on}"
                                if issue.resolved_on
                                else "no resolution date",
                            ],
                        )
                    ),
                    f"{p}.resolution",
                )
            )
        if issue.status is IssueStatus.OPEN and issue.severity >= _SERIOUS_ISSUE:
            age = (ctx.as_of - issue.raised_on).days
            checks.append(
                fact(
                    f"serious open issue {issue.id} is dealt with early",
                    age <= _EARLY_DAYS,
                    f"open for {age} days",
                    f"{p}.status",
                )
            )
    return checks or [
        clear(
            "the issue log shows nothing left unhandled",
            plural(len(log), "issue"),
            "stages.staying_together.issue_log",
        )
    ]


def corrective(ctx: Context) -> Checked:
    """Corrective actions are owned, dated and closed on time."""
    actions = ctx.rmp.stages.staying_together.corrective_actions
    checks = action_checks(ctx, actions, "stages.staying_together.corrective_actions")
    return checks or [none_outstanding()]


def maturity(ctx: Context) -> Checked:
    """The relationship's maturity is assessed, at least yearly."""
    assessments = [
        m
        for m in ctx.rmp.stages.staying_together.maturity_assessments
        if m.assessed_on <= ctx.as_of
    ]
    last = max((m.assessed_on for m in assessments), default=None)
    return [
        counted(
            assessments,
            "maturity assessments are made",
            "assessment",
            "stages.staying_together.maturity_assessments",
        ),
        fact(
            f"the latest is within a year of {ctx.as_of}",
            _within(ctx.as_of, last, 366),
            f"latest {last}" if last else "none",
            "stages.staying_together.maturity_assessments",
        ),
    ]
