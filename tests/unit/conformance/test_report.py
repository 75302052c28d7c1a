"""Conformance reports on the bundled examples: roll-ups, readiness, diff, draft, output, guards."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, date, datetime
from functools import cache

import attrs
import pytest

import collabrel
from _builders import approved
from collabrel.conformance import (
    REPORT_SCHEMA_VERSION,
    CatalogueError,
    Certification,
    Change,
    ConformanceGuard,
    ConformanceReport,
    Outcome,
    Relation,
    StageProgress,
    StageReadiness,
    Tally,
    assess,
    assess_many,
    catalogue,
    conformance_guards,
    crosswalk,
    draft,
    load_catalogue,
    worst,
)
from collabrel.errors import DocumentError, InvalidFieldError
from collabrel.examples import load
from collabrel.lifecycle import (
    LifecycleState,
    StageStatus,
    TransitionRefusedError,
    can,
    default_guards,
    replay,
    step,
    trace,
)
from collabrel.model import (
    Check,
    Event,
    EventKind,
    Finding,
    Override,
    Phase,
    Policy,
    RelationshipManagementPlan,
    Result,
    Stage,
)

AS_OF = date(2026, 10, 31)
BS = "bs11000-1:2010"
ISO = "iso44001:2017"
EXAMPLES = ("alliance", "flawed", "consortium")
CASES = [(name, std) for name in EXAMPLES for std in (BS, ISO)]
PASSING = frozenset({Result.CONFORMS, Result.AGREED_NOT_EXERCISED, Result.NOT_APPLICABLE})


@cache
def _plan(name: str) -> RelationshipManagementPlan:
    return load(name)


@cache
def _report(name: str, standard: str) -> ConformanceReport:
    return assess(_plan(name), standard, as_of=AS_OF)


def _at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 9, tzinfo=UTC)


def _with_joint_rmp_signed_by_all(rmp: RelationshipManagementPlan) -> RelationshipManagementPlan:
    """The plan with every partner's signature on its joint RMP."""
    wt = rmp.stages.working_together
    assert wt.joint_rmp is not None
    assert rmp.relationship is not None
    partners = [p.id for p in rmp.relationship.partners if p.subcontractor_of is None]
    signed = attrs.evolve(wt.joint_rmp, signatories=partners)
    stages = attrs.evolve(rmp.stages, working_together=attrs.evolve(wt, joint_rmp=signed))
    return attrs.evolve(rmp, stages=stages)


# ------------------------------------------------------------------------- roll-ups


@pytest.mark.parametrize(("name", "standard"), CASES)
class TestRollUps:
    def test_one_outcome_per_requirement_in_catalogue_order(self, name, standard):
        report = _report(name, standard)
        cat = catalogue(standard)
        assert report.standard == cat.name
        assert report.catalogue_version == cat.version
        assert report.as_of == AS_OF
        assert tuple(o.requirement for o in report.outcomes) == cat.ids
        for o in report.outcomes:
            req = cat[o.requirement]
            assert (o.title, o.clause, o.stage, o.importance) == (
                req.title,
                req.clause,
                req.stage,
                req.importance,
            )
            assert o.phase is req.phase

    def test_tally_adds_up(self, name, standard):
        report = _report(name, standard)
        tally = report.tally
        assert sum(tally.as_dict().values()) == tally.total
        assert tally.total == len(report.outcomes) == len(catalogue(standard))
        assert tally.nonconformities == tally.minor + tally.major
        assert tally.nonconformities == sum(o.result.is_nonconformity for o in report.outcomes)
        assert tally.not_assessable == len(report.not_assessable)

    def test_outcome_is_the_worst_of_its_findings(self, name, standard):
        report = _report(name, standard)
        assert {f.requirement for f in report} == set(catalogue(standard).ids)
        for o in report.outcomes:
            findings = report.findings_for(o.requirement)
            assert findings
            assert o.result is worst(f.result for f in findings)
        failing = {o.requirement for o in report.outcomes if o.result.is_nonconformity}
        assert {f.requirement for f in report.nonconformities} == failing
        assert len(report) == len(report.findings)

    def test_by_stage_and_by_phase(self, name, standard):
        report = _report(name, standard)
        by_stage = report.by_stage()
        assert list(by_stage) == list(Stage)  # every stage has requirements
        staged = [o for o in report.outcomes if o.stage is not None]
        assert sum(t.total for t in by_stage.values()) == len(staged)
        for stage, tally in by_stage.items():
            outcomes = [o for o in staged if o.stage is stage]
            assert tally == Tally.of_outcomes(outcomes)
            assert tally.as_dict() == Tally.of(o.result for o in outcomes).as_dict()
            assert tally.consequences == sum(
                o.is_consequence and o.result.is_nonconformity for o in outcomes
            )
        by_phase = report.by_phase()
        assert list(by_phase) == list(Phase)
        for phase, tally in by_phase.items():
            assert tally.total == sum(by_stage[s].total for s in phase.stages)
            assert tally.as_dict() == {
                k: sum(by_stage[s].as_dict()[k] for s in phase.stages) for k in tally.as_dict()
            }

    def test_by_clause(self, name, standard):
        report = _report(name, standard)
        cat = catalogue(standard)
        by_clause = report.by_clause()
        assert sum(t.total for t in by_clause.values()) == len(report.outcomes)
        for clause, tally in by_clause.items():
            assert tally.total == len(cat.by_clause(clause))
        expected = list(dict.fromkeys(cat.top_clause(i) for i in cat.ids))
        assert list(by_clause) == expected

    def test_readiness_has_the_eight_stages(self, name, standard):
        report = _report(name, standard)
        readiness = report.readiness()
        assert [r.stage for r in readiness] == list(Stage)
        by_stage = report.by_stage()
        progress = {p.stage: p for p in report.stages}
        for r in readiness:
            assert isinstance(r, StageReadiness)
            assert r.tally == by_stage[r.stage]
            assert r.status == progress[r.stage].status
            assert r.reached == progress[r.stage].reached
            assert r.gaps == tuple(
                o.requirement
                for o in report.outcomes
                if o.stage is r.stage and o.result.is_nonconformity
            )
            assert r.readiness is None or 0 <= r.readiness <= 1
            if r.tally.major:
                assert not r.agreed

    def test_certification_is_consistent(self, name, standard):
        report = _report(name, standard)
        cert = report.certification
        assert isinstance(cert, Certification)
        assert cert.majors == tuple(
            o.requirement for o in report.outcomes if o.result is Result.MAJOR
        )
        assert cert.stages_not_agreed == tuple(r.stage for r in report.readiness() if not r.agreed)
        assert cert.ready == (not cert.reasons)
        assert cert.ready == (not cert.majors and not cert.stages_not_agreed)


class TestCertification:
    @pytest.mark.parametrize("standard", [BS, ISO])
    def test_alliance_is_ready(self, standard):
        report = _report("alliance", standard)
        cert = report.certification
        assert cert.ready
        assert cert.majors == ()
        assert cert.reasons == ()
        # minors in a stage being exercised need corrective action, not a new agreement
        assert report.tally.minor > 0
        assert all(r.agreed for r in report.readiness())

    @pytest.mark.parametrize("standard", [BS, ISO])
    def test_flawed_is_not_ready_and_says_why(self, standard):
        report = _report("flawed", standard)
        cert = report.certification
        assert not cert.ready
        assert "CBR.S5.JOINT_RMP" in cert.majors
        n, causes = len(cert.majors), len(cert.major_causes)
        if standard == ISO:  # the SER's absence explains MS.5.3.ROLES too
            assert 0 < causes < n
            assert f"{n} major nonconformities from {causes} root causes" in cert.reasons
        else:
            assert cert.major_causes == cert.majors
            assert f"{n} major nonconformities" in cert.reasons
        assert any(r.startswith("stages not agreed: ") for r in cert.reasons)
        assert Stage.WORKING_TOGETHER in cert.stages_not_agreed

    def test_consortium_is_not_ready(self):
        cert = _report("consortium", ISO).certification
        assert not cert.ready
        assert cert.reasons

    def test_flawed_findings_explain_themselves(self):
        report = _report("flawed", BS)
        [f] = report.findings_for("CBR.S5.JOINT_RMP")
        assert f.result is Result.MAJOR
        assert "stages.working_together.joint_rmp.signatories" in f.paths
        assert "not by tidemark" in f.message
        assert f.remediation
        assert any(c.passed is False for c in f.explanation)

    def test_outcome_lookup(self):
        report = _report("flawed", ISO)
        assert report.outcome("CBR.S5.JOINT_RMP").result is Result.MAJOR
        with pytest.raises(KeyError, match=r"CBR\.S9\.NOPE"):
            report.outcome("CBR.S9.NOPE")
        assert report.findings_for("CBR.S9.NOPE") == ()


# ------------------------------------------------------------------------- diff


class TestDiff:
    def test_same_report_has_nothing_moved(self):
        report = _report("flawed", ISO)
        diff = report.diff(report)
        assert diff.moved == ()
        assert diff.improved == diff.regressed == ()
        assert {c.direction for c in diff.changes} == {"unchanged"}
        assert len(diff.changes) == len(report.outcomes)
        assert diff.to_records() == []

    def test_two_dates(self):
        rmp = _plan("flawed")
        before = assess(rmp, BS, as_of=date(2019, 6, 1))
        after = assess(rmp, BS, as_of=AS_OF)
        diff = after.diff(before)
        assert (diff.previous_as_of, diff.as_of) == (date(2019, 6, 1), AS_OF)
        regressed = {c.requirement: c for c in diff.regressed}
        # before the history starts nothing is reached: the skipped internal assessment's
        # controls counted as agreed in advance; by 2026 the stage was skipped without them
        profile = regressed["CBR.S3.PROFILE"]
        assert (profile.before, profile.after) == (Result.AGREED_NOT_EXERCISED, Result.MAJOR)
        assert set(diff.moved) == set(diff.improved) | set(diff.regressed)
        for c in diff.regressed:
            assert c.before is before.outcome(c.requirement).result
            assert c.after is after.outcome(c.requirement).result

    def test_signing_the_joint_rmp_improves_it(self):
        original = _report("flawed", BS)
        fixed = assess(_with_joint_rmp_signed_by_all(_plan("flawed")), BS, as_of=AS_OF)
        [f] = fixed.findings_for("CBR.S5.JOINT_RMP")
        assert "stages.working_together.joint_rmp.signatories" not in f.paths
        diff = fixed.diff(original)
        improved = {c.requirement: c for c in diff.improved}
        assert "CBR.S5.JOINT_RMP" in improved
        change = improved["CBR.S5.JOINT_RMP"]
        assert change.before is Result.MAJOR
        assert change.after is fixed.outcome("CBR.S5.JOINT_RMP").result
        assert "CBR.S5.JOINT_RMP" not in {c.requirement for c in diff.regressed}
        # adding a signature can only help (a signed joint RMP also agrees later stages)
        assert diff.regressed == ()
        rows = diff.to_records()
        assert {
            "requirement": "CBR.S5.JOINT_RMP",
            "title": change.title,
            "before": "major",
            "after": change.after.value,
            "direction": "improved",
        } in rows
        # the other way round it is a regression
        assert "CBR.S5.JOINT_RMP" in {c.requirement for c in original.diff(fixed).regressed}

    def test_added_and_removed_requirements(self):
        bs, iso = _report("alliance", BS), _report("alliance", ISO)
        grown = iso.diff(bs)
        added = {c.requirement for c in grown.changes if c.direction == "added"}
        assert added == {i for i in catalogue(ISO).ids if i.startswith("MS.")}
        shrunk = bs.diff(iso)
        removed = {c.requirement for c in shrunk.changes if c.direction == "removed"}
        assert removed == added
        assert all(c.after is None for c in shrunk.changes if c.direction == "removed")

    @pytest.mark.parametrize(
        ("before", "after", "direction"),
        [
            (Result.MAJOR, Result.MINOR, "improved"),
            (Result.MINOR, Result.CONFORMS, "improved"),
            (Result.NOT_ASSESSABLE, Result.OBSERVATION, "improved"),
            (Result.CONFORMS, Result.OBSERVATION, "regressed"),
            (Result.AGREED_NOT_EXERCISED, Result.MAJOR, "regressed"),
            (Result.AGREED_NOT_EXERCISED, Result.NOT_APPLICABLE, "unchanged"),
            (None, Result.MAJOR, "added"),
            (Result.MAJOR, None, "removed"),
        ],
    )
    def test_change_direction(self, before, after, direction):
        change = Change(requirement="CBR.S1.SER", title="SER", before=before, after=after)
        assert change.direction == direction


# ------------------------------------------------------------------------- draft


class TestDraft:
    @pytest.mark.parametrize("name", EXAMPLES)
    def test_bs_to_iso(self, name):
        source = _report(name, BS)
        drafted = draft(source, ISO)
        iso = catalogue(ISO)
        assert drafted.drafted_from == BS
        assert drafted.standard == ISO
        assert drafted.catalogue_version == iso.version
        assert (drafted.as_of, drafted.subject, drafted.stages) == (
            source.as_of,
            source.subject,
            source.stages,
        )
        assert tuple(o.requirement for o in drafted.outcomes) == iso.ids
        for o in source.outcomes:  # every BS id maps `equal` onto the same ISO id, and only it
            assert drafted.outcome(o.requirement).result is o.result
        mapped = {e.right for e in crosswalk().entries}
        for req in iso:
            if req.id not in mapped or not req.assessable:
                assert drafted.outcome(req.id).result is Result.NOT_ASSESSABLE, req.id

    @pytest.mark.parametrize("name", EXAMPLES)
    def test_iso_to_bs(self, name):
        source = _report(name, ISO)
        drafted = draft(source, BS)
        assert drafted.drafted_from == ISO
        assert drafted.standard == BS
        assert tuple(o.requirement for o in drafted.outcomes) == catalogue(BS).ids
        back = crosswalk().towards(BS)
        for o in drafted.outcomes:
            sources = [e for e in back.entries if e.right == o.requirement]
            assert sources
            if all(e.relation is Relation.EQUAL for e in sources):
                assert o.result is source.outcome(o.requirement).result
            # a nonconformity carried by `equal` is never softened by the other sources
            if source.outcome(o.requirement).result.is_nonconformity:
                assert o.result.is_nonconformity

    def test_drafted_findings_say_where_they_came_from(self):
        drafted = draft(_report("flawed", BS), ISO)
        [f] = drafted.findings_for("CBR.S5.JOINT_RMP")
        assert f.result is Result.MAJOR
        assert BS in f.message
        assert f.explanation
        assert "CBR.S5.JOINT_RMP (equal) was major" in f.explanation[0].description
        assert f.remediation
        [audit] = drafted.findings_for("MS.9.2.INTERNAL_AUDIT")
        assert audit.result is Result.NOT_ASSESSABLE

    def test_subset_nonconformity_carries_and_superset_softens(self):
        source = _report("flawed", BS)
        assert source.outcome("CBR.S1.SER").result is Result.MAJOR
        drafted = draft(source, ISO)
        # CBR.S1.SER subset MS.5.3.ROLES: failing the part fails the whole
        assert drafted.outcome("MS.5.3.ROLES").result.is_nonconformity
        # and back: MS.5.3.ROLES superset CBR.S1.SER softens to an observation at most
        iso = _report("flawed", ISO)
        back = draft(iso, BS)
        assert back.outcome("CBR.S1.SER").result is Result.MAJOR  # its `equal` source fails

    def test_draft_with_an_explicit_mapping(self):
        source = _report("alliance", BS)
        assert draft(source, ISO, mapping=crosswalk().inverse()) == draft(source, ISO)

    def test_draft_to_an_unknown_catalogue(self):
        with pytest.raises(CatalogueError):
            draft(_report("alliance", BS), "iso9001")

    def test_draft_to_a_catalogue_the_crosswalk_does_not_map(self, tmp_path):
        path = tmp_path / "acme.yaml"
        path.write_text(
            "format: 1\nname: acme:policy\ntitle: Acme\nstandard: Acme\nversion: 1\n"
            "clauses: [{id: '1', title: All}]\n"
            "requirements: [{id: ACME.X.Y, title: T, text: T, clause: '1'}]\n",
            encoding="utf-8",
        )
        with pytest.raises(CatalogueError) as info:
            draft(_report("alliance", BS), load_catalogue(path))
        assert info.value.paths == ("target",)


# ------------------------------------------------------------------------- serialisation


class TestSerialisation:
    @pytest.mark.parametrize(("name", "standard"), CASES)
    def test_json_round_trip(self, name, standard):
        report = _report(name, standard)
        text = collabrel.dumps(report, "json")
        assert f'"schema_version": {REPORT_SCHEMA_VERSION}' in text
        assert collabrel.loads(text, cls=ConformanceReport) == report

    def test_drafted_report_round_trips(self):
        drafted = draft(_report("flawed", BS), ISO)
        text = collabrel.dumps(drafted, "json")
        assert json.loads(text)["drafted_from"] == BS
        assert collabrel.loads(text, cls=ConformanceReport) == drafted

    @pytest.mark.parametrize("fmt", ["yaml", "toml"])
    def test_other_formats_round_trip(self, fmt):
        report = _report("flawed", ISO)
        assert collabrel.loads(collabrel.dumps(report, fmt), fmt, cls=ConformanceReport) == report

    def test_schema_version_is_written_even_though_it_is_the_default(self):
        data = json.loads(collabrel.dumps(_report("alliance", ISO), "json"))
        assert data["schema_version"] == REPORT_SCHEMA_VERSION == 2

    @pytest.mark.parametrize("version", [0, -1, 3, 99, "2", True])
    def test_wrong_schema_version_fails_clearly(self, version):
        data = json.loads(collabrel.dumps(_report("alliance", ISO), "json"))
        data["schema_version"] = version
        with pytest.raises(DocumentError) as info:
            collabrel.loads(json.dumps(data), cls=ConformanceReport, source="report.json")
        err = info.value
        assert err.paths == ("schema_version",)
        assert f"got {version!r}" in str(err)
        assert "report.json" in str(err)

    def test_a_newer_report_asks_for_an_upgrade(self):
        data = json.loads(collabrel.dumps(_report("alliance", ISO), "json"))
        data["schema_version"] = REPORT_SCHEMA_VERSION + 1
        with pytest.raises(DocumentError, match="newer than this collabrel understands"):
            collabrel.loads(json.dumps(data), cls=ConformanceReport)

    @pytest.mark.parametrize(("name", "standard"), CASES)
    def test_a_version_1_report_loads_and_answers_alike(self, name, standard):
        """Version 2 added optional fields only: a version 1 report reads as it was written."""
        report = _report(name, standard)
        data = json.loads(collabrel.dumps(report, "json"))
        data["schema_version"] = 1
        _strip(data, ("caused_by", "rests_on", "plan_kind"))
        old = collabrel.loads(json.dumps(data), cls=ConformanceReport)
        assert old.schema_version == 1
        assert [(o.requirement, o.result) for o in old.outcomes] == [
            (o.requirement, o.result) for o in report.outcomes
        ]
        assert old.certification.ready == report.certification.ready
        assert collabrel.loads(collabrel.dumps(old, "json"), cls=ConformanceReport) == old

    def test_wrong_schema_version_in_the_constructor(self):
        with pytest.raises(InvalidFieldError):
            attrs.evolve(_report("alliance", ISO), schema_version=REPORT_SCHEMA_VERSION + 1)

    def test_to_records(self):
        report = _report("flawed", ISO)
        rows = report.to_records()
        assert len(rows) == len(report.findings)
        keys = {"requirement", "title", "clause", "stage", "phase", "importance", "result"}
        keys |= {"message", "paths", "remediation", "caused_by"}
        assert all(set(row) == keys for row in rows)
        [rmp] = [r for r in rows if r["requirement"] == "CBR.S1.RMP"]
        assert rmp["caused_by"] == "CBR.S1.SER"
        assert [r["requirement"] for r in rows] == [f.requirement for f in report.findings]
        [jrmp] = [r for r in rows if r["requirement"] == "CBR.S5.JOINT_RMP"]
        assert jrmp["result"] == "major"
        assert jrmp["clause"] == "8.6"
        assert jrmp["stage"] == "working_together"
        assert jrmp["phase"] == "engagement"
        assert jrmp["importance"] == "high"
        assert "stages.working_together.joint_rmp.signatories" in jrmp["paths"].split("; ")
        assert jrmp["remediation"]
        assert jrmp["caused_by"] is None
        [ms] = [r for r in rows if r["requirement"] == "MS.9.2.INTERNAL_AUDIT"]
        assert (ms["stage"], ms["phase"], ms["result"]) == (None, None, "not_assessable")
        for row in rows:
            if row["result"] == "conforms":
                assert row["remediation"] is None
        json.dumps(rows)  # plain data

    def test_repr_html_escapes(self):
        report = _report("flawed", ISO)
        nasty = attrs.evolve(report, subject_name="<script>alert('x')</script> & co")
        html = nasty._repr_html_()
        assert "<script>" not in html
        assert "&lt;script&gt;" in html
        assert "&amp; co" in html
        readiness, _, causes = html.partition("<caption>Root causes</caption>")
        assert readiness.count("<tr>") == 1 + len(Stage)
        shown = min(len(report.root_causes), 25)
        assert causes.count("<tr>") == 1 + shown
        assert f"and {len(report.root_causes) - shown} more root causes" in html
        assert "not ready" in html

    def test_repr_html_lists_root_causes_with_their_consequences(self):
        report = _report("flawed", ISO)
        html = report._repr_html_()
        tally = report.tally
        assert f"{tally.root_causes} root causes, {tally.consequences} consequences" in html
        (root,) = [f for f in report.root_causes if report.consequences_of(f.requirement)][:1]
        row = html[html.index(f"<td>{root.requirement}</td>") :].split("</tr>")[0]
        for consequence in report.consequences_of(root.requirement):
            assert consequence.requirement in row

    def test_repr_html_of_a_ready_plan(self):
        html = _report("alliance", ISO)._repr_html_()
        assert "ready for certification" in html
        assert "not ready" not in html


# ------------------------------------------------------------------------- assess_many


class TestAssessMany:
    def test_lazy_over_a_generator(self):
        consumed: list[str] = []

        def plans() -> Iterator[RelationshipManagementPlan]:
            for name in EXAMPLES:
                consumed.append(name)
                yield _plan(name)
            pytest.fail("the generator was read past its end")  # pragma: no cover

        reports = assess_many(plans(), BS, as_of=AS_OF)
        assert consumed == []
        first = next(reports)
        assert consumed == ["alliance"]
        assert first == _report("alliance", BS)
        assert next(reports) == _report("flawed", BS)
        assert consumed == ["alliance", "flawed"]

    def test_same_as_assess_one_by_one(self):
        got = list(assess_many((_plan(n) for n in EXAMPLES), ISO, as_of=AS_OF))
        assert got == [_report(n, ISO) for n in EXAMPLES]

    def test_empty(self):
        assert list(assess_many(iter(()), as_of=AS_OF)) == []

    def test_unknown_catalogue(self):
        with pytest.raises(CatalogueError):
            list(assess_many([_plan("alliance")], "iso9001", as_of=AS_OF))


# ------------------------------------------------------------------------- state and templates


class TestAssessWithState:
    def test_replayed_state_equals_the_default(self):
        rmp = _plan("alliance")
        assert assess(rmp, ISO, as_of=AS_OF, state=replay(rmp.history)) == _report("alliance", ISO)

    def test_given_state_drives_the_stage_progress(self):
        rmp = _plan("flawed")
        report = assess(rmp, BS, as_of=AS_OF, state=LifecycleState.initial())
        assert {p.status for p in report.stages} == {StageStatus.NOT_STARTED.value}
        default = _report("flawed", BS)
        assert [p.status for p in default.stages] != [p.status for p in report.stages]
        # stages holding records still count as reached
        reached = {p.stage for p in report.stages if p.reached}
        assert Stage.WORKING_TOGETHER in reached

    def test_earlier_state(self):
        rmp = _plan("flawed")
        early = replay(e for e in rmp.history if e.at.date() <= date(2024, 5, 31))
        report = assess(rmp, BS, as_of=AS_OF, state=early)
        status = {p.stage: p.status for p in report.stages}
        assert status[Stage.AWARENESS] == "completed"
        assert status[Stage.PARTNER_SELECTION] == "not_started"


class TestTemplatePlan:
    @pytest.mark.parametrize("standard", [BS, ISO])
    def test_empty_template(self, standard, template):
        report = assess(template, standard, as_of=AS_OF)
        assert report.subject is None
        assert report.subject_name == template.meta.title
        assert report.tally.total == len(catalogue(standard))
        cert = report.certification
        assert not cert.ready
        assert any("template" in r for r in cert.reasons)
        # rules that need a relationship say they do not apply
        assert report.outcome("CBR.S5.GOVERNANCE").result is Result.NOT_APPLICABLE
        assert report.outcome("CBR.S5.RACI").result is Result.NOT_APPLICABLE

    def test_template_with_a_policy(self, template):
        policy = approved(
            Policy,
            "policy",
            "Collaborative working policy",
            date(2026, 1, 5),
            review_every_months=12,
            business_objectives=["grow through partnering"],
        )
        awareness = attrs.evolve(template.stages.awareness, policy=policy)
        plan = attrs.evolve(template, stages=attrs.evolve(template.stages, awareness=awareness))
        report = assess(plan, ISO, as_of=AS_OF)
        assert report.outcome("CBR.S1.POLICY").result is Result.CONFORMS
        assert report.outcome("MS.5.2.POLICY").result is Result.CONFORMS
        assert not report.certification.ready
        assert collabrel.loads(collabrel.dumps(report), cls=ConformanceReport) == report


# ------------------------------------------------------------------------- guards


def _complete(stage: Stage, day: date, actor: str, override: Override | None = None) -> Event:
    return Event(kind=EventKind.COMPLETE, stage=stage, actor=actor, at=_at(day), override=override)


class TestConformanceGuards:
    def test_one_guard_on_the_catalogue(self):
        [guard] = conformance_guards("iso44001")
        assert isinstance(guard, ConformanceGuard)
        assert guard.catalogue is catalogue(ISO)
        with pytest.raises(CatalogueError):
            conformance_guards("nope")

    def _internal_assessment_started(self, actor: str) -> LifecycleState:
        start = Event(
            kind=EventKind.START,
            stage=Stage.INTERNAL_ASSESSMENT,
            actor=actor,
            at=_at(date(2024, 6, 3)),
        )
        return step(LifecycleState.initial(), start)

    def test_refuses_completing_internal_assessment_on_the_flawed_plan(self):
        rmp = _plan("flawed")
        state = self._internal_assessment_started("r.carver")
        event = _complete(Stage.INTERNAL_ASSESSMENT, date(2024, 6, 24), "r.carver")
        with pytest.raises(TransitionRefusedError) as info:
            step(state, event, guards=conformance_guards(ISO), rmp=rmp)
        [reason] = info.value.reasons
        assert reason.requirement == "CONF.STAGE_COMPLETE"
        assert reason.result is Result.MAJOR
        assert "CBR.S3.PROFILE" in reason.message
        assert reason.remediation
        assert {c.description.split()[0] for c in reason.explanation} == {
            r.id for r in catalogue(ISO).by_stage(Stage.INTERNAL_ASSESSMENT)
        }
        verdict = can(state, event, guards=conformance_guards(ISO), rmp=rmp)
        assert not verdict

    def test_an_override_lets_it_through(self):
        rmp = _plan("flawed")
        state = self._internal_assessment_started("r.carver")
        event = _complete(
            Stage.INTERNAL_ASSESSMENT,
            date(2024, 6, 24),
            "r.carver",
            override=Override(by="r.carver", reason="board accepted the risk"),
        )
        after = step(state, event, guards=conformance_guards(ISO), rmp=rmp)
        assert after.status(Stage.INTERNAL_ASSESSMENT) is StageStatus.COMPLETED

    def test_allows_completing_awareness_on_the_alliance(self):
        rmp = _plan("alliance")
        start, complete = rmp.history[0], rmp.history[1]
        assert (complete.kind, complete.stage) == (EventKind.COMPLETE, Stage.AWARENESS)
        state = step(LifecycleState.initial(), start)
        after = step(state, complete, guards=conformance_guards(ISO), rmp=rmp)
        assert after.status(Stage.AWARENESS) is StageStatus.COMPLETED
        [finding] = ConformanceGuard(catalogue=catalogue(ISO)).check(state, complete, rmp)
        assert finding.result is Result.CONFORMS
        assert "may complete" in finding.message

    def test_trace_of_the_alliance_and_the_flawed_plan(self):
        alliance = _plan("alliance")
        steps = trace(alliance.history, guards=conformance_guards(ISO), rmp=alliance)
        completed = [t for t in steps if t.event.kind is EventKind.COMPLETE]
        assert len(completed) >= 5
        # the selection decision was approved in September 2024 and revised in December: it
        # backs both completions of partner selection
        assert not [t for t in steps if t.refused]
        assert all(t.findings for t in completed)  # every completion was checked
        # approved only in December, it was not in place on the first completion's day
        decision = alliance.stages.partner_selection.decision
        assert decision is not None
        late = attrs.evolve(decision, approved_on=date(2024, 12, 12), last_reviewed_on=None)
        selection = attrs.evolve(alliance.stages.partner_selection, decision=late)
        later = attrs.evolve(
            alliance, stages=attrs.evolve(alliance.stages, partner_selection=selection)
        )
        steps = trace(later.history, guards=conformance_guards(ISO), rmp=later)
        [first] = [t for t in steps if t.refused]
        assert (first.event.stage, first.event.at.date()) == (
            Stage.PARTNER_SELECTION,
            date(2024, 9, 27),
        )
        assert "CBR.S4.DECISION" in first.findings[0].message
        flawed = _plan("flawed")
        steps = trace(flawed.history, guards=conformance_guards(ISO), rmp=flawed)
        refused = {t.event.stage for t in steps if t.refused}
        assert {Stage.AWARENESS, Stage.PARTNER_SELECTION} <= refused
        assert all(t.event.kind is EventKind.COMPLETE for t in steps if t.refused)

    def test_works_with_the_default_guards(self):
        rmp = _plan("alliance")
        guards = (*default_guards(), *conformance_guards(ISO))
        steps = trace(rmp.history[:2], guards=guards, rmp=rmp)
        assert not any(t.refused for t in steps)

    def test_minor_nonconformities_do_not_block_completion(self):
        rmp = _plan("alliance")
        steps = trace(rmp.history, guards=conformance_guards(ISO), rmp=rmp)
        [wt] = [
            t
            for t in steps
            if t.event.kind is EventKind.COMPLETE and t.event.stage is Stage.WORKING_TOGETHER
        ]
        # the stage has a minor nonconformity only: an observation, which does not refuse
        assert not wt.refused
        assert not any(f.result.is_nonconformity for f in wt.findings)

    def test_without_the_plan_it_is_not_assessable(self):
        [guard] = conformance_guards(ISO)
        event = _complete(Stage.AWARENESS, date(2024, 3, 4), "h.okafor")
        [finding] = guard.check(LifecycleState.initial(), event, None)
        assert finding.result is Result.NOT_ASSESSABLE
        start = Event(
            kind=EventKind.START, stage=Stage.AWARENESS, actor="h.okafor", at=_at(date(2024, 3, 4))
        )
        state = step(LifecycleState.initial(), start, guards=conformance_guards(ISO))
        assert state.status(Stage.AWARENESS) is StageStatus.IN_PROGRESS

    def test_only_complete_events_are_checked(self):
        [guard] = conformance_guards(ISO)
        rmp = _plan("flawed")
        for event in rmp.history:
            if event.kind is not EventKind.COMPLETE:
                assert list(guard.check(LifecycleState.initial(), event, rmp)) == []


class TestBadInput:
    """`assess` names the argument that is wrong instead of failing inside a rule."""

    @pytest.mark.parametrize(
        ("kwargs", "field"),
        [
            ({"as_of": "2026-10-31"}, "as_of"),
            ({"as_of": datetime(2026, 10, 31, tzinfo=UTC)}, "as_of"),
            ({"state": "completed"}, "state"),
        ],
    )
    def test_bad_arguments_are_named(self, kwargs, field):
        with pytest.raises(InvalidFieldError) as info:
            assess(collabrel.examples.load("flawed"), **kwargs)
        assert info.value.field == field

    def test_a_plan_is_required(self):
        with pytest.raises(InvalidFieldError) as info:
            assess({"meta": {}})  # type: ignore[arg-type]
        assert info.value.field == "rmp"

    def test_assess_many_checks_as_of_at_the_call(self):
        with pytest.raises(InvalidFieldError):
            assess_many([], as_of="yesterday")  # type: ignore[arg-type]


def test_trusted_objects_equal_validated_ones():
    """The assessment's own objects, built without re-validation, pass the validators too."""
    for name in ("alliance", "flawed", "consortium"):
        report = assess(collabrel.examples.load(name), as_of=AS_OF)
        rebuilt = ConformanceReport(
            **{a.name: getattr(report, a.name) for a in attrs.fields(ConformanceReport)}
        )
        assert rebuilt == report
        for f in report.findings:
            assert Finding(**attrs.asdict(f, recurse=False)) == f
            for c in f.explanation:
                assert Check(**attrs.asdict(c)) == c
        for o in report.outcomes:
            assert Outcome(**attrs.asdict(o, recurse=False)) == o
        for s in report.stages:
            assert StageProgress(**attrs.asdict(s, recurse=False)) == s


class TestWorst:
    def test_an_item_that_is_not_a_result_is_named(self):
        """worst() names the position of an item that is not a Result."""
        with pytest.raises(InvalidFieldError) as info:
            worst([Result.MINOR, "major"])  # type: ignore[list-item]
        assert info.value.field == "results[1]"

    def test_an_unhashable_item_is_named_too(self):
        """worst() refuses an unhashable item with the same error."""
        with pytest.raises(InvalidFieldError):
            worst([[]])  # type: ignore[list-item]


def _strip(data: object, keys: tuple[str, ...]) -> None:
    """Remove `keys` wherever they occur in plain data (what a version 1 report lacked)."""
    if isinstance(data, dict):
        for key in keys:
            data.pop(key, None)
        for value in data.values():
            _strip(value, keys)
    elif isinstance(data, list):
        for item in data:
            _strip(item, keys)
