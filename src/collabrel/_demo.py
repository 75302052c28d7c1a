"""The `collabrel demo` tour: a readable summary of a bundled example plan, as lines of text.

The tour shows the plan's header, parties and people, stage records, top risks, governance
(escalation ladder and findings), metrics (value realised, KPIs, relationship health, maturity,
exit readiness, partner selection), the lifecycle with its guard audit and dry runs, the plan's
conformance readiness and, last, the explained findings of the flawed example. The conformance
parts are the terminal view of the report outline (`collabrel.report`), so they read exactly as
`collabrel assess` prints them. Lines fit a 100-column terminal.

This is the top layer, beside `cli`: it may compose every layer below.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, time
from typing import Final

from attrs import evolve, fields

from collabrel._text import plural, with_article
from collabrel.conformance import ConformanceReport, assess
from collabrel.errors import MetricsError
from collabrel.examples import load as load_example
from collabrel.governance import analyze as analyze_governance
from collabrel.lifecycle import (
    STANDARD,
    LifecycleDefinition,
    LifecycleError,
    LifecycleState,
    TransitionRefusedError,
    can,
    default_guards,
    state_as_of,
    step,
    summarize,
    trace,
)
from collabrel.metrics import (
    DecisionMatrix,
    KPIStatus,
    Outcome,
    Trend,
    assess_exit_readiness,
    assess_health,
    assess_kpis,
    assess_maturity,
    assess_value,
    health_ratings,
    select_partners,
)
from collabrel.model import (
    Direction,
    Event,
    EventKind,
    Finding,
    PersonRole,
    Record,
    Relationship,
    RelationshipManagementPlan,
    Result,
    Stage,
)
from collabrel.model._parties import membership
from collabrel.report._conformance import finding_line, finding_view, readiness_view
from collabrel.report._outline import Block, Heading, Line, plain
from collabrel.report._render import cell, clip, text, wrap

__all__ = ["demo_lines"]

_TOP_RISKS: Final = 5
_YES: Final = "[x]"
_NO: Final = "[ ]"
_NA: Final = " - "
_DEMO_STANDARD: Final = "iso44001:2017"


# ----------------------------------------------------------------------------- the tour


def demo_lines(rmp: RelationshipManagementPlan, as_of: date) -> list[str]:
    """The demo's summary of `rmp` as judged on `as_of`, as lines of plain ASCII-friendly text.

    Args:
        rmp: The plan to summarise.
        as_of: The day against which currency, realised value, KPIs and progress are judged.

    Returns:
        Lines of at most 99 characters, without trailing newlines.
    """
    sections = [
        _header(rmp, as_of),
        _parties(rmp),
        _stage_table(rmp, as_of),
        _risks(rmp, as_of),
        _print_governance(rmp),
        *_print_metrics(rmp, as_of),
        _lifecycle(rmp, as_of),
        _conformance_readiness(assess(rmp, _DEMO_STANDARD, as_of=as_of)),
        _flawed_findings(as_of),
    ]
    lines: list[str] = []
    for section in sections:
        if lines:
            lines.append("")
        lines.extend(section)
    return lines


def _header(rmp: RelationshipManagementPlan, as_of: date) -> list[str]:
    meta = rmp.meta
    rel = rmp.relationship
    title = rel.name if rel is not None else meta.title
    lines = text((Heading(1, (plain(title),)),))
    if rel is not None:
        lines.append(
            wrap(
                f"Relationship {rel.id!r}: {rel.kind.value},"
                f" {plural(len(rel.partners), 'partner')},"
                f" {plural(len(rel.people), 'person', 'people')}; scope: {rmp.scope.level.value}",
                hang=4,
            )
        )
    lines.append(
        wrap(
            f"Plan: {meta.title} (revision {meta.revision}, {meta.status.value}), issued"
            f" {meta.issued_on.isoformat()}"
            + (f", next review {meta.next_review_on.isoformat()}" if meta.next_review_on else ""),
            hang=6,
        )
    )
    for approval in meta.approvals:
        who = _person_name(rmp, approval.person_id)
        lines.append(wrap(f"  approved by {who}, {approval.role}, on {approval.on}", hang=4))
    if not meta.approvals:
        lines.append("  not approved by anyone")
    lines.append(f"As of: {as_of.isoformat()}")
    return lines


def _parties(rmp: RelationshipManagementPlan) -> list[str]:
    rel = rmp.relationship
    if rel is None:
        return [f"Parties: none ({with_article(rmp.meta.kind.value)} plan has no relationship)"]
    lines = ["Parties and people"]
    for partner in rel.partners:
        period = membership(partner)
        lines.append(
            clip(
                f"  [{partner.role.value}] {partner.name} ({partner.id})"
                + (f"; {period}" if period else "")
            )
        )
        people = rel.people_of(partner.id)
        for person in people:
            roles = ", ".join(r.value for r in person.roles) or "no collaboration role"
            position = f", {person.position}" if person.position else ""
            lines.append(wrap(f"      {person.name}{position} -- {roles}", hang=10))
        if not people:
            lines.append("      (no people named)")
    sers = [f"{p.name} ({p.partner_id})" for p in rel.people_with_role(PersonRole.SER)]
    lines.append(wrap(f"  Senior Executives Responsible: {', '.join(sers) or 'none'}", hang=4))
    return lines


def _stage_table(rmp: RelationshipManagementPlan, as_of: date) -> list[str]:
    rel = rmp.relationship
    try:
        statuses = state_as_of(rmp.history, as_of).by_key()
    except LifecycleError:
        statuses = {}
    lines = [
        f"Stage records as of {as_of.isoformat()}",
        "  appr = approved, curr = approved and not overdue for review,",
        "  sign = signed by every partner (joint stages 5-8 only; ' - ' where not joint)",
        f"    {'record':<24} {'title':<54} appr curr sign",
    ]
    for stage in Stage:
        status = statuses[stage.value].label if statuses else "unknown (see the history)"
        joint = ", joint" if stage.is_joint else ""
        lines.append(
            f"  {stage.number} {stage.title} ({stage.phase.value}{joint}; lifecycle: {status})"
        )
        lines.extend(_stage_rows(rmp, stage, as_of, rel))
    return lines


def _stage_rows(
    rmp: RelationshipManagementPlan, stage: Stage, as_of: date, rel: Relationship | None
) -> list[str]:
    section = rmp.stages.section(stage)
    records = list(rmp.stages.records(stage))
    rows: list[str] = []
    for attribute in fields(type(section)):
        name = attribute.name
        value = getattr(section, name)
        mine = [(p, r) for p, r in records if p == name or p.startswith(f"{name}[")]
        if mine:
            rows.extend(_record_row(p, r, stage, as_of, rel) for p, r in mine)
        elif value is None:
            sign = _NO if stage.is_joint else _NA
            row = f"    {cell(name, 24)} {cell('-- missing --', 54)} {_NO}  {_NO}  {sign}"
            rows.append(row.rstrip())
        else:  # a tuple of entries that are not records
            count = f"{len(value)} entr{'ies' if len(value) != 1 else 'y'}" if value else "none"
            rows.append(f"    {cell(name, 24)} {count}")
    return rows


def _record_row(
    path: str, record: Record, stage: Stage, as_of: date, rel: Relationship | None
) -> str:
    """A record's row: approved, current and (in a joint stage) signed by the parties."""
    parties = rel.parties_to_sign(record, as_of) if rel is not None else ()
    signed = _mark(not record.unsigned_by(parties)) if stage.is_joint else _NA
    approved = _mark(record.is_approved)
    current = _mark(record.is_current(as_of))
    title = record.title if record.is_approved else f"{record.title} ({record.status.value})"
    row = f"    {cell(path, 24)} {cell(title, 54)} {approved}  {current}  {signed}"
    return row.rstrip()


def _risks(rmp: RelationshipManagementPlan, as_of: date) -> list[str]:
    rel = rmp.relationship
    if rel is None or not rel.risks:
        return ["Risks: none recorded"]
    active = [r for r in rel.risks if r.is_active]
    top = sorted(active, key=lambda r: -r.score)[:_TOP_RISKS]
    lines = [
        f"Top risks by score ({len(active)} of {len(rel.risks)} are open or mitigating)",
        f"  {'score':>5}  {'L x I':<5}  {'id':<9} {'title':<36} {'owner':<16} review",
    ]
    for risk in top:
        if risk.review_on is None:
            review = "no date"
        elif risk.review_on < as_of:
            review = f"OVERDUE {risk.review_on.isoformat()}"
        else:
            review = risk.review_on.isoformat()
        lines.append(
            f"  {risk.score:>5}  {risk.likelihood} x {risk.impact}  {cell(risk.id, 9)}"
            f" {cell(risk.title, 36)} {cell(_person_name(rmp, risk.owner), 16)} {review}"
        )
    parties = rel.parties_on(as_of)
    owners = {rel.person(r.owner).partner_id for r in rel.risks} & set(parties)
    lines.append(f"  risk owners come from {plural(len(owners), 'partner')} of {len(parties)}")
    return lines


def _lifecycle(rmp: RelationshipManagementPlan, as_of: date) -> list[str]:
    events = _events_until(rmp.history, as_of)
    later = len(rmp.history) - len(events)
    head = f"Lifecycle as of {as_of.isoformat()} (definition {STANDARD.name})"
    if not events:
        return [head, "  no lifecycle events yet: every stage is not started"]
    end = max(events[-1].at, datetime.combine(as_of, time(23, 59), tzinfo=UTC))
    try:
        summary = summarize(events, as_of=end)
    except LifecycleError as exc:
        return [head, wrap(f"  the history cannot be replayed: {exc}", hang=4)]
    state = summary.state
    phases = "; ".join(f"{p.title} {s.label}" for p, s in state.phases.items())
    lines = [head, wrap(f"  Phases: {phases}", hang=4)]
    lines.append(
        f"    {'stage':<26}{'status':<16}{'started':<12}{'completed':<12}"
        f"{'active days':>11}{'reopened':>10}"
    )
    for n, stage in enumerate(summary.stages, start=1):
        started = stage.first_started.date().isoformat() if stage.first_started else "-"
        done = stage.last_completed.date().isoformat() if stage.last_completed else "-"
        days = f"{stage.active_time.days}" if stage.first_started else "-"
        again = str(stage.times_reopened) if stage.times_reopened else "-"
        lines.append(
            f"    {cell(f'{n} {stage.title}', 26)}{stage.status.label:<16}{started:<12}"
            f"{done:<12}{days:>11}{again:>10}"
        )
    span = f"{events[0].at.date().isoformat()} to {events[-1].at.date().isoformat()}"
    lines.append(
        f"  {plural(len(events), 'event')} from {span}; {plural(summary.overrides, 'override')}"
    )
    if later:
        lines.append(f"  ({plural(later, 'event')} after {as_of.isoformat()} not counted)")
    if summary.peak_at is not None and summary.peak_concurrency > 1:
        titles = ", ".join(state.definition.spec(k).title for k in summary.peak_stages)
        lines.append(
            wrap(
                f"  Concurrency: at most {summary.peak_concurrency} stages active at once,"
                f" first on {summary.peak_at.date().isoformat()} ({titles})",
                hang=4,
            )
        )
    for event in events:
        if event.kind is EventKind.REOPEN and event.stage is not None:
            who = _person_name(rmp, event.actor)
            note = f": {event.note}" if event.note else ""
            lines.append(
                wrap(
                    f"  Iteration: {event.stage.title} reopened on"
                    f" {event.at.date().isoformat()} by {who}{note}",
                    hang=4,
                )
            )
    lines.extend(_guard_audit(rmp, events))
    lines.extend(_dry_runs(rmp, state, end))
    return lines


def _guard_audit(rmp: RelationshipManagementPlan, events: list[Event]) -> list[str]:
    guards = default_guards()
    steps = trace(events, guards=guards, rmp=rmp)
    refused = [t for t in steps if t.refused]
    unjustified = sum(1 for t in refused if t.is_unjustified)
    lines = [
        wrap(
            f"  Built-in guards on this history: {plural(len(steps), 'transition')},"
            f" {len(refused)} refused by the guards ({unjustified} without a recorded override)",
            hang=4,
        )
    ]
    for t in refused:
        event = t.event
        title = _event_title(t.before.definition, event)
        verdict = (
            f"refused; went ahead by override of {_person_name(rmp, event.override.by)}"
            if event.override is not None
            else "refused; went ahead with NO recorded override"
        )
        lines.append(
            wrap(
                f"    {event.at.date().isoformat()} {event.kind.value} {title}: {verdict}",
                hang=8,
            )
        )
        lines.extend(_reason(f) for f in t.reasons)
        if event.override is not None:
            lines.append(wrap(f"      override reason: {event.override.reason}", hang=8))
            bare = evolve(event, override=None)
            try:
                step(t.before, bare, guards=guards, rmp=rmp)
            except TransitionRefusedError as exc:
                lines.append(
                    wrap(
                        f"      without it, step() raises TransitionRefusedError:"
                        f" {len(exc.reasons)} failed guard finding(s)",
                        hang=8,
                    )
                )
    return lines


def _dry_runs(rmp: RelationshipManagementPlan, state: LifecycleState, at: datetime) -> list[str]:
    guards = default_guards()
    actor = rmp.relationship.people[0].id if rmp.relationship and rmp.relationship.people else "x"
    tries = [
        Event(kind=EventKind.COMPLETE, stage=state.definition.spec(key).stage, actor=actor, at=at)
        for key in state.active
        if not state.definition.spec(key).is_substage
    ]
    if not state.is_exit_activated:
        tries.append(Event(kind=EventKind.ACTIVATE_EXIT, actor=actor, at=at))
    lines = [f"  Dry runs on {at.date().isoformat()} (can(): nothing is changed)"]
    for event in tries:
        verdict = can(state, event, guards=guards, rmp=rmp)
        what = f"{event.kind.value.replace('_', ' ')} {_event_title(state.definition, event)}"
        lines.append(f"    {what.strip()}: {'allowed' if verdict else 'REFUSED'}")
        lines.extend(_reason(f) for f in verdict.reasons)
    return lines


def _reason(finding: Finding) -> str:
    seen = [c.observed for c in finding.explanation if c.passed is False and c.observed]
    extra = f" (seen: {'; '.join(seen)})" if seen else ""
    return wrap(f"      - [{finding.requirement}] {finding.message}{extra}", hang=8)


def _event_title(definition: LifecycleDefinition, event: Event) -> str:
    if event.substage is not None:
        return definition.spec(event.substage).title
    return definition.spec(event.stage).title if event.stage is not None else ""


def _events_until(events: Iterable[Event], as_of: date) -> list[Event]:
    return [e for e in events if e.at.date() <= as_of]


# ----------------------------------------------------------------------------- metrics


def _print_governance(rmp: RelationshipManagementPlan) -> list[str]:
    """The governance section: the escalation ladder, then what `analyze` finds."""
    rel = rmp.relationship
    if rel is None:
        return [f"Governance: none ({with_article(rmp.meta.kind.value)} plan has no relationship)"]
    report = analyze_governance(rel)
    bad = report.nonconformities
    majors = sum(f.result is Result.MAJOR for f in bad)
    others = [f for f in report if not f.result.is_nonconformity]
    summary = f"{majors} major, {len(bad) - majors} minor, {plural(len(others), 'observation')}"
    lines = [f"Governance findings: {summary}"]
    for body in rel.governance.bodies:
        up = f" -> {body.escalates_to}" if body.escalates_to else " (top)"
        members = {rel.person(m).partner_id for m in body.members}
        lines.append(
            clip(
                f"  {body.id}{up}: {body.kind.value}, {plural(len(body.members), 'member')}"
                f" from {plural(len(members), 'partner')}"
            )
        )
    lines.extend(text(finding_line(f) for f in bad))
    if not bad:
        lines.append("  no nonconformities")
    counts: dict[str, int] = {}
    for f in others:
        counts[f.requirement] = counts.get(f.requirement, 0) + 1
    if counts:
        seen = ", ".join(f"{k} x{n}" for k, n in counts.items())
        lines.append(wrap(f"  observations: {seen}", hang=6))
    return lines


def _print_metrics(rmp: RelationshipManagementPlan, as_of: date) -> list[list[str]]:
    """The demo's metrics sections: value, KPIs, health, maturity, exit, partner selection."""
    return [
        _value_realised(rmp, as_of),
        _kpi_status(rmp, as_of),
        _health(rmp, as_of),
        _maturity(rmp, as_of),
        _exit_readiness(rmp, as_of),
        _partner_selection(rmp),
    ]


def _value_realised(rmp: RelationshipManagementPlan, as_of: date) -> list[str]:
    rel = rmp.relationship
    if rel is None or not rel.value_propositions:
        return ["Value propositions: none"]
    realisation = assess_value(rel.value_propositions, as_of)
    lines = [f"Value propositions: expected benefits vs value realised by {as_of.isoformat()}"]
    for vp in rel.value_propositions:
        lines.append(wrap(f"  {vp.id} [{vp.status.value}] {vp.statement}", hang=6))
        for benefit in vp.benefits:
            b = realisation.benefit(benefit.id)
            share = f" ({b.share:.0%})" if b.share is not None else ""
            kpi = f", KPI {benefit.kpi_id}" if benefit.kpi_id else ", no KPI"
            status = b.status.value.replace("_", " ")
            lines.append(
                wrap(
                    f"    {b.benefit_id}: {b.description}; target {_num(b.target)} {b.unit},"
                    f" realised {_num(b.realised)}{share}, {status}{kpi}",
                    hang=8,
                )
            )
            if b.by_partner:
                split = "; ".join(
                    f"{p.partner_id or 'whole relationship'} {_num(p.amount)}" for p in b.by_partner
                )
                lines.append(wrap(f"      by partner: {split}", hang=8))
    return lines


_KPI_STATUS_TEXT: Final = {
    KPIStatus.ON_TRACK: "on track",
    KPIStatus.AT_RISK: "at risk",
    KPIStatus.OFF_TRACK: "OFF TRACK",
    KPIStatus.NO_DATA: "no data",
}


def _kpi_status(rmp: RelationshipManagementPlan, as_of: date) -> list[str]:
    rel = rmp.relationship
    if rel is None or not rel.kpis:
        return ["KPIs: none defined"]
    report = assess_kpis(rel.kpis, as_of)
    counts = ", ".join(
        f"{report.count(status)} {text.lower()}"
        for status, text in _KPI_STATUS_TEXT.items()
        if report.count(status)
    )
    lines = [
        f"KPIs as of {as_of.isoformat()}: {counts}",
        f"  {'kpi':<28} {'latest':>9} {'on':<10} {'target':>10} {'unit':<10} {'status':<10} trend",
    ]
    for k in report.kpis:
        sign = ">=" if k.direction is Direction.INCREASE else "<="
        latest = _num(k.value) if k.value is not None else "-"
        on = k.measured_on.isoformat() if k.measured_on is not None else "-"
        trend = k.trend.value if k.trend is not Trend.UNKNOWN else "-"
        lines.append(
            f"  {cell(k.name, 28)} {latest:>9} {on:<10} {sign + ' ' + _num(k.target):>10}"
            f" {cell(k.unit, 10)} {_KPI_STATUS_TEXT[k.status]:<10} {trend}"
        )
        if k.forecast is not None and k.target_date is not None:
            lines.append(
                f"      forecast {_num(round(k.forecast, 1))} on {k.target_date.isoformat()}"
                " (straight-line trend of the last 4 measurements)"
            )
    return lines


def _health(rmp: RelationshipManagementPlan, as_of: date) -> list[str]:
    ratings = [r for r in health_ratings(rmp) if r.period <= as_of]
    if not ratings:
        return ["Relationship health: no survey responses recorded"]
    health = assess_health(ratings)
    latest = health.latest
    assert latest is not None  # noqa: S101 - there are ratings
    sides = [s.group for s in latest.sides]
    gap = latest.gaps[0] if latest.gaps else None
    gap_words = f"; gap = {gap.side} minus {gap.other}" if gap is not None else ""
    lines = [
        f"Relationship health (0-100, surveys rated by every side{gap_words})",
        f"  {'period':<12}{'overall':>8}" + "".join(f"{s:>9}" for s in sides) + f"{'gap':>8}",
    ]
    for period in health.periods:
        by_side = {s.group: s.index for s in period.sides}
        first = period.gaps[0].index_gap if period.gaps else None
        cells = "".join(f"{_score(by_side.get(s)):>9}" for s in sides)
        lines.append(
            f"  {period.period.isoformat():<12}{_score(period.overall.index):>8}{cells}"
            f"{_signed(first):>8}"
        )
    lines.append(f"  latest period by dimension ({latest.period.isoformat()}):")
    names = {d.id: d.name for d in health.dimensions}
    for i, dimension in enumerate(health.dimensions):
        scores = "".join(f"{_score(s.dimensions[i].score):>9}" for s in latest.sides)
        dim_gap = gap.dimensions[i].gap if gap is not None else None
        lines.append(f"    {cell(dimension.name, 32)}{scores}{_signed(dim_gap):>8}")
    largest = gap.largest if gap is not None else None
    if gap is not None and largest is not None and largest.gap is not None:
        lower = gap.side if largest.gap < 0 else gap.other
        lines.append(
            wrap(
                f"  perception gap: overall {_signed(gap.index_gap)}; largest on"
                f" {names[largest.dimension]} ({_signed(largest.gap)}), rated lower by the"
                f" {lower} side",
                hang=4,
            )
        )
    orgs = "; ".join(f"{o.group} {_score(o.index)}" for o in latest.organisations)
    lines.append(wrap(f"  by organisation: {orgs}", hang=4))
    if health.change is not None:
        lines.append(f"  trend: overall index {_signed(health.change)} since the first survey")
    return lines


def _maturity(rmp: RelationshipManagementPlan, as_of: date) -> list[str]:
    assessments = rmp.stages.staying_together.maturity_assessments
    try:
        profile = assess_maturity(assessments, as_of=as_of)
    except MetricsError as exc:
        return [wrap(f"Maturity: cannot be profiled: {exc}", hang=4)]
    if profile.assessed_on is None:
        return ["Maturity: not assessed"]
    since = f", change since {profile.previous_on}" if profile.previous_on else ""
    lines = [f"Maturity profile ({profile.assessed_on}, levels 1-5{since})"]
    cells = []
    for s in profile.stages:
        level = "-" if s.level is None else str(s.level)
        change = f" ({s.change:+d})" if s.change else ""
        cells.append(f"{s.stage.number} {s.stage.title} {level}{change}")
    lines.append(wrap("  " + "; ".join(cells), hang=4))
    weakest = ", ".join(stage.title for stage in profile.weakest)
    lines.append(wrap(f"  least mature: {weakest}", hang=4))
    return lines


def _exit_readiness(rmp: RelationshipManagementPlan, as_of: date) -> list[str]:
    rel = rmp.relationship
    plan = rel.exit_plan if rel is not None else None
    if rel is None or plan is None:
        return ["Exit readiness", f"  {_NO} no exit plan recorded"]
    readiness = assess_exit_readiness(plan, as_of, partner_ids=rel.parties_to_sign(plan, as_of))
    lines = [clip(f"Exit readiness {readiness.score:.0f}/100: exit plan {plan.id!r}, {plan.title}")]
    lines.extend(
        clip(f"  {_mark(e.met)} {e.label}" + (f" ({e.detail})" if e.detail != e.label else ""))
        for e in readiness.elements
    )
    met = len(readiness.elements) - len(readiness.missing)
    lines.append(f"  {met} of {len(readiness.elements)} elements in place")
    return lines


def _partner_selection(rmp: RelationshipManagementPlan) -> list[str]:
    try:
        matrix = DecisionMatrix.from_plan(rmp)
    except MetricsError as exc:
        return [wrap(f"Partner selection: cannot be scored: {exc}", hang=4)]
    if not matrix.candidates:
        return ["Partner selection: no candidate has been evaluated"]
    result = select_partners(matrix)
    t = result.thresholds
    lines = [
        wrap(
            f"Partner selection (weighted sum after gates; proceed >= {t.proceed:g},"
            f" conditional >= {t.conditional:g}; band = 5th-95th percentile under random weights)",
            hang=4,
        ),
        f"  {'rank':>4} {'candidate':<34} {'score':>6}  {'outcome':<15} {'band':<12} wins",
    ]
    sens = result.sensitivity
    for c in result.candidates:
        rank = str(c.rank) if c.rank is not None else "-"
        score = f"{c.score:.1f}" if c.score is not None else "gate"
        band, wins = "", ""
        if sens is not None and c.score is not None:
            s = sens.candidate(c.candidate_id)
            band, wins = f"{s.low:.1f}-{s.high:.1f}", f"{s.win_share:.0%}"
        outcome = c.outcome.value.replace("_", " ")
        lines.append(
            f"  {rank:>4} {cell(c.name, 34)} {score:>6}  {outcome:<15} {band:<12} {wins}".rstrip()
        )
    lines.extend(
        wrap(f"    {c.candidate_id}: {'; '.join(c.reasons)}", hang=8)
        for c in result.candidates
        if c.outcome is not Outcome.PROCEED
    )
    decision = rmp.stages.partner_selection.decision
    if decision is not None:
        chosen = ", ".join(decision.selected) or "nobody"
        lines.append(wrap(f"  recorded decision ({decision.decided_on}): {chosen}", hang=4))
    if sens is not None:
        lines.append(
            wrap(
                f"  sensitivity: {sens.winner} stays the winner in {sens.winner_stability:.0%} of"
                f" {sens.draws:,} random weight sets (each weight x 1 +- {sens.spread:g},"
                f" seed {sens.seed})",
                hang=4,
            )
        )
        ranges = "; ".join(
            f"{w.criterion_id} {w.weight:.2f} ({w.low:.2f}-{w.high:.2f})"
            for w in sens.one_at_a_time
        )
        lines.append(wrap(f"  weight ranges keeping the winner: {ranges}", hang=4))
    reversals = [r for r in result.rank_reversals if r.reversed_pairs]
    removed = ", ".join(r.removed for r in reversals) or "none"
    lines.append(wrap(f"  rank reversal when one candidate is removed: {removed}", hang=4))
    return lines


def _score(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def _signed(value: float | None) -> str:
    return "-" if value is None else f"{value:+.1f}"


# ----------------------------------------------------------------------------- conformance


def _conformance_readiness(report: ConformanceReport) -> list[str]:
    """The certification verdict, the tally and the readiness of every stage, as reports say it."""
    return text((readiness_view(report),))


def _flawed_findings(as_of: date) -> list[str]:
    """The demo's look at explained findings: the flawed example's nonconformities."""
    report = assess(load_example("flawed"), _DEMO_STANDARD, as_of=as_of)
    t = report.tally
    head = (
        f"Conformance findings of the flawed example ({report.standard},"
        f" {report.as_of.isoformat()}): {t.major} major, {t.minor} minor"
    )
    blocks: list[Block] = [Line(head, indent=0)]
    for result in (Result.MAJOR, Result.MINOR):
        blocks.extend(finding_view(f) for f in report.findings if f.result is result)
    if not report.nonconformities:
        blocks.append(Line("no nonconformities"))
    observations = [f.requirement for f in report.findings if f.result is Result.OBSERVATION]
    if observations:
        blocks.append(
            Line(
                f"(and {plural(len(observations), 'observation')}: {', '.join(observations)};"
                " `collabrel assess` prints them all)"
            )
        )
    return text(blocks)


# ----------------------------------------------------------------------------- formatting


def _person_name(rmp: RelationshipManagementPlan, person_id: str) -> str:
    # Every person id in a loaded plan resolves (the model checks references), and a plan
    # without a relationship has no people to name.
    rel = rmp.relationship
    return rel.person(person_id).name if rel is not None else person_id


def _mark(flag: bool) -> str:
    return _YES if flag else _NO


def _num(value: float) -> str:
    """A number for people: thousands separated, no needless decimals (`1,300,000`, `0.08`)."""
    if float(value).is_integer():
        return f"{value:,.0f}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")
