"""One finding per root cause (issue 15, principle 2), over every rule and drawn plans.

A check that relies on a fact another requirement establishes names the record it rests on
(`Check.rests_on`); after every rule has run, a nonconformity whose failed checks all rest on
records judged by nonconforming requirements is linked to its root causes
(`Finding.caused_by`). Over plans drawn by `collabrel.testing.strategies`, judged by every
built-in rule against both catalogues:

- a link points at a root cause reported in the same report: a nonconformity that is not
  itself a consequence (so links never form chains or cycles);
- each link is justified: every check that failed in the consequence rests on a record that a
  nonconforming requirement judges (`Rule.records`), leading back to the roots named;
- the outcome and the tallies agree with the findings' links;
- linking changes nothing else: results, messages, checks and remediations are what they are
  with the linking step left out;
- removing the records a root cause judges never leaves a consequence linked to something
  absent;
- a report with links saves and loads unchanged, and its JSON satisfies the report schema.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any, Final
from unittest import mock

import attrs
import jsonschema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import collabrel
from collabrel.conformance import (
    ConformanceReport,
    Remediation,
    Tally,
    _assess,
    assess,
    builtin_rules,
)
from collabrel.errors import CollabrelError
from collabrel.examples import load
from collabrel.model import Finding, PersonRole, RelationshipManagementPlan
from collabrel.testing import strategies as cst

AS_OF: Final = date(2026, 10, 31)
STANDARDS: Final = st.sampled_from(["bs11000-1:2010", "iso44001:2017"])
_N: Final = min(settings.default.max_examples, 25)
PLANS: Final = settings(
    max_examples=_N,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
RULES: Final = builtin_rules()


def _judges(report: ConformanceReport) -> dict[str, set[str]]:
    """Each record path: the requirements of the report whose rules judge it."""
    by_id = {r.id: r for r in RULES}
    judges: dict[str, set[str]] = {}
    for o in report.outcomes:
        for rule_id in o.rules:
            for path in by_id[rule_id].records:
                judges.setdefault(path, set()).add(o.requirement)
    return judges


def _judging(path: str | None, judges: dict[str, set[str]]) -> set[str]:
    """The requirements judging the record at `path` or the record it lies in.

    A section's path (a lifecycle gate waiting on the records of a stage) rests on the
    records inside it.
    """
    inside = {
        q for record, qs in judges.items() if path and record.startswith(f"{path}.") for q in qs
    }
    while path:
        if path in judges:
            return judges[path]
        path = path.rpartition(".")[0]
    return inside


def _assert_links_hold(report: ConformanceReport) -> None:
    """Every link points at a reported root cause, is justified, and the roll-ups agree."""
    outcomes = {o.requirement: o for o in report.outcomes}
    bad = {r for r, o in outcomes.items() if o.result.is_nonconformity}
    judges = _judges(report)
    for f in report.findings:
        if not f.caused_by:
            continue
        assert f.result.is_nonconformity, f
        assert f.requirement not in f.caused_by
        for root in f.caused_by:
            assert root in bad, (f.requirement, root)
            assert not outcomes[root].caused_by, f"{root} is a consequence itself"
        failed = [c for c in f.explanation if c.passed is False]
        assert failed, f"{f.requirement} is linked without a failed check"
        for c in failed:
            rests = _judging(c.rests_on, judges) & bad - {f.requirement}
            assert rests, f"{f.requirement}: {c.description!r} rests on nothing nonconforming"
    for req, o in outcomes.items():
        linked = [f for f in report.findings_for(req) if f.result.is_nonconformity]
        if o.caused_by:
            assert o.result.is_nonconformity
            assert linked
            assert all(f.caused_by for f in linked)
            assert set(o.caused_by) == {r for f in linked for r in f.caused_by}
        elif linked:
            assert not all(f.caused_by for f in linked), req
    tally = report.tally
    assert tally == Tally.of_outcomes(report.outcomes)
    assert tally.consequences == sum(o.is_consequence for o in report.outcomes)
    assert tally.root_causes + tally.consequences == tally.nonconformities
    roots = {f.requirement for f in report.root_causes}
    assert roots | {f.requirement for f in report.consequences} == bad
    cert = report.certification
    assert set(cert.major_causes) <= roots
    assert cert.ready == (not cert.reasons)


def _assert_remediations(report: ConformanceReport) -> None:
    """Each corrective action is listed once and answers every nonconformity asking for it."""
    actions = report.remediations()
    assert all(isinstance(a, Remediation) for a in actions)
    assert len({a.action for a in actions}) == len(actions)
    asked = {(f.requirement, f.remediation) for f in report.nonconformities if f.remediation}
    answered = {(r, a.action) for a in actions for r in a.requirements}
    assert answered == asked
    roots = {f.requirement for f in report.root_causes}
    for a in actions:
        assert set(a.caused_by) <= roots


def _unlinked(rmp: RelationshipManagementPlan, standard: str) -> ConformanceReport:
    """The report as the assessment would give it without its linking step."""
    with mock.patch.object(
        _assess, "_link", lambda outcomes, findings, _judges: (outcomes, findings)
    ):
        return assess(rmp, standard, as_of=AS_OF)


def _plain(f: Finding) -> Finding:
    return attrs.evolve(f, caused_by=())


@PLANS
@given(cst.rmps(), STANDARDS)
def test_links_point_at_reported_root_causes(rmp: RelationshipManagementPlan, standard: str):
    """A consequence's roots are reported root causes, and every failed check rests on one."""
    report = assess(rmp, standard, as_of=AS_OF)
    _assert_links_hold(report)
    _assert_remediations(report)


@PLANS
@given(cst.rmps(), STANDARDS)
def test_linking_leaves_the_grades_as_they_are(rmp: RelationshipManagementPlan, standard: str):
    """Results, messages, checks and remediations are those of an assessment without links."""
    linked = assess(rmp, standard, as_of=AS_OF)
    unlinked = _unlinked(rmp, standard)
    assert [_plain(f) for f in linked.findings] == list(unlinked.findings)
    assert [attrs.evolve(o, caused_by=()) for o in linked.outcomes] == list(unlinked.outcomes)
    assert linked.tally.as_dict() == unlinked.tally.as_dict()
    assert linked.certification.ready == unlinked.certification.ready
    assert linked.certification.majors == unlinked.certification.majors


def _without(rmp: RelationshipManagementPlan, path: str) -> RelationshipManagementPlan | None:
    """`rmp` with the record at the dotted `path` removed (`None` if it cannot be)."""
    names = path.split(".")
    chain: list[Any] = [rmp]
    for name in names:
        value = getattr(chain[-1], name, None)
        if value is None:
            return None
        chain.append(value)
    value = None
    try:
        for parent, name in zip(reversed(chain[:-1]), reversed(names), strict=True):
            value = attrs.evolve(parent, **{name: value})
    except (CollabrelError, TypeError, ValueError):  # a reference to the removed record
        return None
    assert isinstance(value, RelationshipManagementPlan)
    return value


@PLANS
@given(cst.rmps(), STANDARDS, st.data())
def test_removing_a_root_causes_records_keeps_the_links_whole(
    rmp: RelationshipManagementPlan, standard: str, data: st.DataObject
):
    """With the records a root cause judges removed, every link still lands on a root cause."""
    report = assess(rmp, standard, as_of=AS_OF)
    by_id = {r.id: r for r in RULES}
    roots = sorted({r for f in report.consequences for r in f.caused_by})
    paths = sorted(
        {
            p
            for o in report.outcomes
            if o.requirement in roots
            for i in o.rules
            for p in by_id[i].records
        }
    )
    if not paths:
        return
    changed = _without(rmp, data.draw(st.sampled_from(paths)))
    if changed is None:
        return
    _assert_links_hold(assess(changed, standard, as_of=AS_OF))


@PLANS
@given(cst.rmps(), STANDARDS)
def test_reports_with_links_round_trip(rmp: RelationshipManagementPlan, standard: str):
    """A report saves and loads unchanged, links included, and its JSON fits the schema."""
    report = assess(rmp, standard, as_of=AS_OF)
    text = collabrel.dumps(report, "json")
    assert collabrel.loads(text, "json", cls=ConformanceReport) == report
    jsonschema.validate(json.loads(text), _SCHEMA)


_SCHEMA: Final = collabrel.json_schema(ConformanceReport)


# ------------------------------------------------------------------------- the SER's absence


def _without_ser_role(rmp: RelationshipManagementPlan) -> RelationshipManagementPlan:
    """`rmp` with nobody holding the SER role (the appointment record stays)."""
    rel = rmp.require_relationship()
    people = [
        attrs.evolve(p, roles=[r for r in p.roles if r is not PersonRole.SER]) for p in rel.people
    ]
    return attrs.evolve(rmp, relationship=attrs.evolve(rel, people=people))


def test_a_role_nobody_holds_is_raised_once():
    """Nobody holding the SER role: CBR.S1.SER is the root, the SER approvals its consequences."""
    report = assess(_without_ser_role(load("alliance")), as_of=AS_OF)
    _assert_links_hold(report)
    assert report.outcome("CBR.S1.SER").result.is_nonconformity
    assert not report.outcome("CBR.S1.SER").caused_by
    led = {f.requirement for f in report.consequences_of("CBR.S1.SER")}
    assert {"CBR.S1.POLICY", "MS.5.2.POLICY", "CBR.S5.JOINT_RMP"} <= led
    assert all(report.outcome(r).caused_by == ("CBR.S1.SER",) for r in led)
    before = {f.requirement for f in assess(load("alliance"), as_of=AS_OF).root_causes}
    assert {f.requirement for f in report.root_causes} == {"CBR.S1.SER", *before}
    _assert_remediations(report)
    ser = next(a for a in report.remediations() if "CBR.S1.SER" in a.requirements)
    assert not ser.caused_by
    later = [a for a in report.remediations() if a.caused_by]
    assert later
    assert all(a.caused_by == ("CBR.S1.SER",) for a in later)
    # the SER appointment removed as well: the links still land on CBR.S1.SER
    gone = _without(_without_ser_role(load("alliance")), "stages.awareness.ser_appointment")
    assert gone is not None
    _assert_links_hold(assess(gone, as_of=AS_OF))
