"""The floor for the conformance benchmark: five built-in rules written by hand over tuples.

One rule of each shape: `CR.S1.POLICY` (a plain record, judging `CBR.S1.POLICY` and
`MS.5.2.POLICY`), `CR.S5.JOINT_RMP` (a joint record signed by every party), `CR.S5.JOINT_RISK`
(a list's content), `CR.S6.IDEAS` (a stage often not reached, agreed or not) and
`CR.S7.MEASUREMENT` (KPIs).
A rule is a plain function returning a tuple; a check is `(description, passed, observed, path)`.
No `Context`, `Judgement`, `Check`, `Finding` or report objects, no validators. Shared with
collabrel: the model (`parties_on`, `parties_to_sign`, `unsigned_by`, `review_due_on`), `replay`,
`assess_kpis`, and (read once, untimed, by `compile_spec`) the catalogue and the rules'
requirement ids and severity caps. The benchmark checks both agree on every plan first.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import date
from typing import Any, NamedTuple

import attrs

from collabrel.lifecycle import InvalidEventError, StageStatus, replay
from collabrel.metrics import assess_kpis
from collabrel.model import Cadence, PersonRole, RecordStatus, Result, Stage

__all__ = ["RULES", "FloorReport", "assess", "compile_spec"]

_J = tuple[Any, ...]  # a judgement: (result, message, checks, evidence, subjects, remediation)
_DAYS = dict(zip(Cadence, (7, 14, 31, 92, 183, 366), strict=True))  # weekly ... annually
_APPROVED = RecordStatus.APPROVED


class _Facts:
    """What the rules look at, worked out once per plan."""

    __slots__ = ("as_of", "parties", "people", "reached", "rmp", "state")

    def __init__(self, rmp: Any, as_of: date) -> None:
        self.rmp, self.as_of, self.state, rel = rmp, as_of, None, rmp.relationship
        if rmp.history:
            with contextlib.suppress(InvalidEventError):
                self.state = replay(e for e in rmp.history if e.at.date() <= as_of)
        self.parties = rel.parties_on(as_of) if rel else ()
        self.people = {p.id: p for p in rel.people} if rel else {}
        shown = set()  # the stages the plan shows being exercised
        for s in Stage:
            section = rmp.stages.section(s)
            if any(getattr(section, a.name) not in (None, ()) for a in attrs.fields(type(section))):
                shown.add(s)
        if rel is not None:
            if rel.governance.bodies or rel.governance.raci.activities:
                shown.add(Stage.WORKING_TOGETHER)
            if any(m.on <= as_of for k in rel.kpis for m in k.measurements):
                shown.add(Stage.STAYING_TOGETHER)
            if any(r.on <= as_of for v in rel.value_propositions for r in v.realised):
                shown.add(Stage.VALUE_CREATION)
        if (st := self.state) is not None:
            self.reached = shown | {s for s in Stage if st.status(s) is not StageStatus.NOT_STARTED}
        else:  # without a usable history, a later stage's evidence means the earlier ones
            last = max((s.number for s in shown), default=0)
            self.reached = {s for s in Stage if s.number <= last}

    def signers(self, rec: Any) -> tuple[str, ...]:
        rel = self.rmp.relationship
        return rel.parties_to_sign(rec, self.as_of) if rel is not None else ()

    def describe(self, person_id: str | None) -> str:
        person = self.people.get(person_id) if person_id else None
        if person is None:
            return person_id or "nobody"
        roles = ", ".join(r.value for r in person.roles) or "no collaboration role"
        return f"{person.name} ({person.id}, {roles})"


def _n(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")


def _some(items: Any, description: str, observed: str, path: str) -> _J:
    return (description, bool(items), observed if items else "none recorded", path)


def _record(fx: _Facts, rec: Any, path: str, what: str, joint: bool) -> list[_J]:
    """Recorded; approved; approved by a SER; current; signed by every party (when joint)."""
    the = f"the {what} is"
    if rec is None:
        return [(f"{the} recorded", False, "missing", path)]
    ok = rec.status is _APPROVED
    out = [
        (f"{the} recorded", True, f"{rec.title!r} ({rec.id})", path),
        (f"{the} approved", ok, f"status {rec.status.value}", f"{path}.status"),
    ]
    if ok and fx.rmp.relationship is not None:
        by = fx.people.get(rec.approved_by or "")
        ser, seen = by is not None and PersonRole.SER in by.roles, fx.describe(rec.approved_by)
        day, rel = rec.approved_on, fx.rmp.relationship
        if by is not None and day is not None and not rel.partner(by.partner_id).is_member_on(day):
            ser, seen = (
                False,
                f"{seen}, whose organisation {by.partner_id} was not taking part on {day}",
            )
        out.append((f"{the} approved by a SER", ser, f"approved by {seen}", f"{path}.approved_by"))
    if ok:
        every, since = rec.review_every_months, rec.reviewed_as_of(fx.as_of)
        due = rec.review_due_as_of(fx.as_of)
        if every is None:
            seen = "no review period"
        elif since is None or due is None:
            seen = f"review every {every} months; no approval or review date to count from"
        else:
            last = rec.last_reviewed_on
            seen = (
                f"last reviewed {since}"
                if since == last
                else f"approved {since}, not reviewed since"
                + (f" (the review of {last} is after {fx.as_of})" if last else "")
            ) + f"; review every {every} months, due {due}"
            if fx.as_of > due:
                seen += f": overdue by {_n((fx.as_of - due).days, 'day')}"
        current = rec.is_current(fx.as_of)
        out.append((f"{the} current on {fx.as_of}", current, seen, f"{path}.last_reviewed_on"))
    signers = fx.signers(rec) if joint else ()
    if signers:
        missing = rec.unsigned_by(signers)
        seen = f"signed by {', '.join(rec.signatories) or 'nobody'}"
        seen += f"; not by {', '.join(missing)}" if missing else ""
        out.append((f"{the} signed by every partner", not missing, seen, f"{path}.signatories"))
    return out


def _planned(fx: _Facts, stage: Stage) -> _J:
    """Whether the controls of a stage not reached are agreed in advance (as a check)."""
    meta, jrmp = fx.rmp.meta, fx.rmp.stages.working_together.joint_rmp
    covers = f"covers {stage.title} in advance"
    if not stage.is_joint:
        seen = f"plan status {meta.status.value}"
        return (f"the approved plan {covers}", meta.status is _APPROVED, seen, "meta.status")
    unsigned = jrmp.unsigned_by(fx.signers(jrmp)) if jrmp is not None else ()
    ok = meta.status is _APPROVED and jrmp is not None and jrmp.status is _APPROVED
    if jrmp is None:
        seen = "no joint RMP"
    else:
        seen = f"plan {meta.status.value}, joint RMP {jrmp.status.value}"
        seen += f", not signed by {', '.join(unsigned)}" if unsigned else ""
    what = f"the approved joint RMP, signed by every partner, {covers}"
    return (what, ok and not unsigned, seen, "stages.working_together.joint_rmp")


def _judge(
    fx: _Facts, stage: Stage, checks: list[_J], title: str, fix: str, *, core: int = 1
) -> _J:
    """The judgement the built-in rules give: the first `core` checks are essential."""
    failed = [c for c in checks if c[1] is False]
    if not failed:
        return (Result.CONFORMS, f"{title}: in place", tuple(checks), (), (), None)
    if stage not in fx.reached:
        planned = _planned(fx, stage)
        said = f"{title}: {stage.title} is not reached yet and its controls are"
        if planned[1]:
            return (Result.AGREED_NOT_EXERCISED, f"{said} agreed", (*checks, planned), (), (), None)
        said += " not agreed in advance"
        return (Result.MINOR, said, (*checks, planned), (planned[3],), (), fix)
    grouped: dict[str, list[str]] = {}
    for c in failed:
        grouped.setdefault(c[0], []).extend([c[2]] if c[2] else [])
    detail = "; ".join(d + ": no" + (f" ({'; '.join(s)})" if s else "") for d, s in grouped.items())
    result = Result.MAJOR if any(c[1] is False for c in checks[:core]) else Result.MINOR
    return (result, f"{title}: {detail}", tuple(checks), (), (), fix)


def _policy(fx: _Facts) -> _J:
    path, policy = "stages.awareness.policy", fx.rmp.stages.awareness.policy
    checks = _record(fx, policy, path, "collaborative working policy", joint=False)
    if policy is not None:
        goals, where = policy.business_objectives, f"{path}.business_objectives"
        tied = "the policy is tied to business objectives"
        checks.append(_some(goals, tied, _n(len(goals), "objective"), where))
    fix = "approve a policy for collaborative working, link it to the business objectives and "
    fix += "review it within its period"
    return _judge(fx, Stage.AWARENESS, checks, "Collaborative working policy", fix)


def _joint_rmp(fx: _Facts) -> _J:
    path = "stages.working_together.joint_rmp"
    checks = _record(fx, fx.rmp.stages.working_together.joint_rmp, path, "joint RMP", joint=True)
    if checks[-1][3].endswith(".signatories"):  # the signatures are among the essential checks
        checks.insert(1, checks.pop())
    fix = "have every partner sign the joint relationship management plan"
    title = "Joint relationship management plan"
    return _judge(fx, Stage.WORKING_TOGETHER, checks, title, fix, core=2)


_TEMPLATE = "the plan has no relationship (a template): judged per relationship"
_NO_RELATIONSHIP = (Result.NOT_APPLICABLE, _TEMPLATE, (), ("relationship",), (), None)


def _joint_risk(fx: _Facts) -> _J:
    if (rel := fx.rmp.relationship) is None:
        return _NO_RELATIONSHIP
    owners: dict[str, int] = {}
    for r in rel.risks:
        side = owner.partner_id if (owner := fx.people.get(r.owner)) is not None else "?"
        owners[side] = owners.get(side, 0) + 1
    joint = [r for r in rel.risks if r.joint]
    missing = [p for p in fx.parties if p not in owners]
    seen = "owners from " + ", ".join(f"{p} ({k})" for p, k in sorted(owners.items()))
    seen += f"; none from {', '.join(missing)}" if missing else ""
    path = "relationship.risks"
    checks = [
        _some(rel.risks, "a risk register is kept", _n(len(rel.risks), "risk"), path),
        _some(joint, "risks are managed jointly", _n(len(joint), "joint risk"), path),
        ("risks have owners on every side", not missing, seen, path),
    ]
    fix = "manage risks jointly and give each to the partner best placed to own it"
    return _judge(fx, Stage.WORKING_TOGETHER, checks, "Joint risk register", fix)


def _measurement(fx: _Facts) -> _J:
    if (rel := fx.rmp.relationship) is None:
        return _NO_RELATIONSHIP
    kpis, as_of = rel.kpis, fx.as_of
    checks = [_some(kpis, "performance is measured", _n(len(kpis), "KPI"), "relationship.kpis")]
    off = []
    for i, (kpi, a) in enumerate(zip(kpis, assess_kpis(kpis, as_of).kpis if kpis else ())):  # noqa: B905
        path, last = f"relationship.kpis[{i}].measurements", a.measured_on
        days = _DAYS[kpi.frequency] * 2 if kpi.frequency else 183
        recent = last is not None and (as_of - last).days <= days
        seen = f"last measured {last}" if last else "never measured"
        did = f"KPI {kpi.id} was measured in the {days} days before {as_of}"
        checks.append((did, recent, seen, path))
        if a.value is not None and a.status.value != "on_track":
            seen = f"{a.status.value.replace('_', ' ')}, latest {a.value:g} against {a.target:g}"
            off.append((f"KPI {kpi.id}", seen, path))
    fix = "measure every KPI at its frequency and act on those off track"
    judged = _judge(fx, Stage.STAYING_TOGETHER, checks, "Performance monitoring", fix)
    if judged[0] is not Result.CONFORMS or not off:
        return judged
    said = "Performance monitoring: in place, but " + "; ".join(f"{k}: {s}" for k, s, _ in off)
    flagged = tuple((f"{k} is on track", False, s, p) for k, s, p in off)
    fix = "review the KPIs off track with the joint management team and agree corrective actions"
    return (Result.OBSERVATION, said, (*checks, *flagged), (), (), fix)


def _ideas(fx: _Facts) -> _J:
    path, ideas = "stages.value_creation.ideas", fx.rmp.stages.value_creation.ideas
    kept = "an improvement and innovation register is kept"
    checks = [_some(ideas, kept, _n(len(ideas), "idea"), path)]
    for i, idea in enumerate(ideas):
        if (status := idea.status.value) in {"approved", "implemented", "rejected", "dropped"}:
            on = idea.decided_on
            seen = f"{status} on {on}" if on else f"{status}, no decision date"
            dated = f"the decision on idea {idea.id} is dated"
            checks.append((dated, on is not None, seen, f"{path}[{i}].decided_on"))
    fix = "keep a joint register of ideas and record each evaluation and decision"
    return _judge(fx, Stage.VALUE_CREATION, checks, "Idea register", fix)


_BODIES: dict[str, Callable[[_Facts], _J]] = {
    "CR.S1.POLICY": _policy,
    "CR.S5.JOINT_RMP": _joint_rmp,
    "CR.S5.JOINT_RISK": _joint_risk,
    "CR.S6.IDEAS": _ideas,
    "CR.S7.MEASUREMENT": _measurement,
}
RULES = tuple(_BODIES)
"""The built-in rules the floor writes again."""


class FloorReport(NamedTuple):
    """The report's fields as tuples: outcomes `(requirement, result)`, findings `(requirement,
    result, message, checks, paths, subjects, remediation)`, stages `(stage, status, reached)`.
    """

    standard: str
    catalogue_version: int
    as_of: date
    subject: str | None
    subject_name: str | None
    outcomes: list[tuple[str, Result]]
    findings: list[_J]
    stages: list[tuple[Stage, str | None, bool]]


def compile_spec(catalogue: Any, registry: Any) -> _J:
    """Each requirement with the rules of `registry` judging it and their caps (not timed)."""
    rows = []
    for req in catalogue.requirements:
        rules = tuple(
            (rule.id, _BODIES[rule.id], {r: rule.cap(r) for r in Result})
            for rule in registry.for_requirement(req.id)
        )
        why = req.not_assessable_reason or "no rule is registered for this requirement"
        said = f"{req.title}: not assessable from records ({why})"
        rows.append((req.id, said, tuple(req.records), rules))
    return (catalogue.name, catalogue.version, tuple(rows))


_ORDER = "not_applicable not_assessable conforms agreed_not_exercised observation minor major"
_GRAVITY = {Result(v): i for i, v in enumerate(_ORDER.split())}  # least grave first


def assess(rmp: Any, spec: _J, as_of: date) -> FloorReport:
    """Judge `rmp` against the requirements of `spec` (from `compile_spec`) on `as_of`."""
    name, version, requirements = spec
    fx, done, outcomes, findings = _Facts(rmp, as_of), {}, [], []
    for req_id, not_assessable, records, rules in requirements:
        if not rules:
            findings.append((req_id, Result.NOT_ASSESSABLE, not_assessable, (), records, (), None))
            outcomes.append((req_id, Result.NOT_ASSESSABLE))
            continue
        gravest = Result.NOT_APPLICABLE
        for rule_id, body, cap in rules:
            j = done[rule_id] if rule_id in done else done.setdefault(rule_id, body(fx))
            result, checks = cap[j[0]], j[2]
            paths = j[3] or tuple(dict.fromkeys(c[3] for c in checks if c[3] and not c[1]))
            paths = paths or tuple(dict.fromkeys(c[3] for c in checks if c[3]))
            fix = j[5] if result is not Result.CONFORMS else None
            findings.append((req_id, result, j[1], checks, paths, j[4], fix))
            gravest = result if _GRAVITY[result] > _GRAVITY[gravest] else gravest
        outcomes.append((req_id, gravest))
    rel, state = rmp.relationship, fx.state
    progress = [(s, state.status(s).value if state else None, s in fx.reached) for s in Stage]
    subject, title = (rel.id, rel.name) if rel else (None, rmp.meta.title)
    return FloorReport(name, version, as_of, subject, title, outcomes, findings, progress)
