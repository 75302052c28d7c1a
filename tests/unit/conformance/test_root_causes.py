"""One finding per root cause: how assessment links consequences to their root causes.

Small registries of hand-written rules over the bundled alliance, each failing as a case asks,
show the linking step on its own: a finding whose failed checks all rest on records judged by
nonconforming requirements is a consequence of them; chains lead back to the first root;
requirements resting only on each other are roots; a finding with one independent failure is a
root. Then what the report, the certification verdict and the renderers make of the links.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date
from typing import Final

import pytest

import collabrel
from collabrel.conformance import (
    ConformanceReport,
    Judgement,
    Outcome,
    Registry,
    Remediation,
    Rule,
    Tally,
    assess,
)
from collabrel.errors import InvalidFieldError
from collabrel.examples import load
from collabrel.model import Check, Finding, Result
from collabrel.report import to_html, to_junit, to_markdown, to_sarif, to_text

AS_OF: Final = date(2026, 10, 31)
SER: Final = "stages.awareness.ser_appointment"
POLICY: Final = "stages.awareness.policy"
SKILLS: Final = "stages.knowledge.skills_assessment"
MAP: Final = "stages.knowledge.knowledge_map"


def _rule(
    requirement: str,
    result: Result,
    *rests_on: str | None,
    records: Iterable[str] = (),
    remediation: str | None = None,
) -> Rule:
    """A rule judging `requirement` as `result`, with one failed check resting on each path."""
    checks = [
        Check(description=f"check {n} of {requirement}", passed=False, rests_on=on)
        for n, on in enumerate(rests_on or (None,))
    ]
    passed = result is Result.CONFORMS
    judgement = Judgement(
        result=result,
        message=f"{requirement} judged",
        checks=[] if passed else checks,
        remediation=None if passed else remediation or f"fix {requirement}",
    )
    return Rule(
        id=f"T.{requirement.replace('.', '_')}",
        title=f"test rule for {requirement}",
        requirements=[requirement],
        evaluate=lambda _ctx: judgement,
        records=records,
    )


def _assess(*rules: Rule) -> ConformanceReport:
    return assess(load("alliance"), as_of=AS_OF, rules=Registry(rules))


def _root(result: Result = Result.MAJOR) -> Rule:
    return _rule("CBR.S1.SER", result, records=[SER])


def _links(report: ConformanceReport) -> dict[str, tuple[str, ...]]:
    return {f.requirement: f.caused_by for f in report.findings if f.caused_by}


class TestLinking:
    def test_a_failure_resting_on_a_nonconforming_record_is_a_consequence(self):
        """A check resting on the SER appointment links its finding to CBR.S1.SER."""
        report = _assess(_root(), _rule("CBR.S1.POLICY", Result.MINOR, SER, records=[POLICY]))
        assert _links(report) == {"CBR.S1.POLICY": ("CBR.S1.SER",)}
        assert report.outcome("CBR.S1.POLICY").caused_by == ("CBR.S1.SER",)
        assert report.outcome("CBR.S1.SER").caused_by == ()

    def test_nothing_links_to_a_requirement_that_conforms(self):
        """When the record's requirement conforms, the failure is a root cause of its own."""
        report = _assess(_root(Result.CONFORMS), _rule("CBR.S1.POLICY", Result.MINOR, SER))
        assert _links(report) == {}

    def test_an_observation_is_no_root(self):
        """Only nonconformities are root causes: an observation on the record links nothing."""
        report = _assess(_root(Result.OBSERVATION), _rule("CBR.S1.POLICY", Result.MINOR, SER))
        assert _links(report) == {}

    def test_one_independent_failure_makes_a_root(self):
        """A finding with a failed check resting on nothing is a root cause."""
        report = _assess(_root(), _rule("CBR.S1.POLICY", Result.MINOR, SER, None))
        assert _links(report) == {}

    def test_a_path_inside_the_record_rests_on_it(self):
        """A check resting on a field of a judged record rests on the record."""
        report = _assess(_root(), _rule("CBR.S1.POLICY", Result.MINOR, f"{SER}.person_id"))
        assert _links(report) == {"CBR.S1.POLICY": ("CBR.S1.SER",)}

    def test_chains_lead_back_to_the_first_root(self):
        """A consequence of a consequence names the root cause, never the one in between."""
        report = _assess(
            _root(),
            _rule("CBR.S1.POLICY", Result.MINOR, SER, records=[POLICY]),
            _rule("CBR.S1.RMP", Result.MAJOR, f"{POLICY}.approved_by"),
        )
        assert _links(report) == {
            "CBR.S1.POLICY": ("CBR.S1.SER",),
            "CBR.S1.RMP": ("CBR.S1.SER",),
        }

    def test_several_roots_are_named_in_catalogue_order(self):
        """A finding resting on two root causes names both, in catalogue order."""
        report = _assess(
            _rule("CBR.S2.SKILLS", Result.MAJOR, records=[SKILLS]),
            _root(),
            _rule("CBR.S5.JOINT_RMP", Result.MINOR, SKILLS, SER),
        )
        assert report.outcome("CBR.S5.JOINT_RMP").caused_by == ("CBR.S1.SER", "CBR.S2.SKILLS")

    def test_requirements_resting_only_on_each_other_are_roots(self):
        """A cycle without a root cause outside it leaves both ends root causes: no cycle."""
        report = _assess(
            _rule("CBR.S2.SKILLS", Result.MAJOR, MAP, records=[SKILLS]),
            _rule("CBR.S2.KNOWLEDGE_MAP", Result.MINOR, SKILLS, records=[MAP]),
            _rule("CBR.S5.JOINT_RMP", Result.MINOR, MAP),
        )
        assert report.outcome("CBR.S2.SKILLS").caused_by == ()
        assert report.outcome("CBR.S2.KNOWLEDGE_MAP").caused_by == ()
        assert report.outcome("CBR.S5.JOINT_RMP").caused_by == ("CBR.S2.KNOWLEDGE_MAP",)
        assert _links(report) == {"CBR.S5.JOINT_RMP": ("CBR.S2.KNOWLEDGE_MAP",)}

    def test_a_check_resting_on_its_own_record_is_independent(self):
        """A rule's own record is no root cause of its own finding."""
        report = _assess(_rule("CBR.S1.SER", Result.MAJOR, SER, records=[SER]))
        assert _links(report) == {}

    def test_a_requirement_with_a_root_finding_stays_a_root(self):
        """Two rules on one requirement, one independent: the requirement is a root cause."""
        policy = _rule("CBR.S1.POLICY", Result.MINOR, SER)
        other = Rule(
            id="T.OTHER",
            title="another rule",
            requirements=["CBR.S1.POLICY"],
            evaluate=_rule("CBR.S1.POLICY", Result.MINOR).evaluate,
        )
        report = _assess(_root(), policy, other)
        first, second = report.findings_for("CBR.S1.POLICY")
        assert first.caused_by == ("CBR.S1.SER",)
        assert second.caused_by == ()
        assert report.outcome("CBR.S1.POLICY").caused_by == ()
        assert report.tally.consequences == 0


class TestCounting:
    def test_tally_counts_root_causes_and_consequences(self):
        """The tally's grades count every nonconformity; consequences are counted apart."""
        report = _assess(
            _root(), _rule("CBR.S1.POLICY", Result.MINOR, SER), _rule("CBR.S1.RMP", Result.MAJOR)
        )
        t = report.tally
        assert (t.major, t.minor, t.nonconformities) == (2, 1, 3)
        assert (t.root_causes, t.consequences) == (2, 1)
        assert t.as_dict() == Tally.of(o.result for o in report.outcomes).as_dict()
        assert report.by_stage()[report.outcome("CBR.S1.POLICY").stage].consequences == 1

    def test_tally_of_outcomes_counts_only_linked_nonconformities(self):
        """An outcome's links count only when it is a nonconformity."""
        outcome = Outcome(
            requirement="CBR.S1.POLICY",
            title="Policy",
            clause="4.1",
            result=Result.MINOR,
            caused_by=["CBR.S1.SER"],
        )
        assert Tally.of_outcomes([outcome]).consequences == 1
        assert Tally.of_outcomes([outcome]).root_causes == 0

    def test_a_major_consequence_makes_its_root_a_major_cause(self):
        """The verdict counts causes: a major consequence of a minor root stops certification."""
        report = _assess(_root(Result.MINOR), _rule("CBR.S1.POLICY", Result.MAJOR, SER))
        cert = report.certification
        assert not cert.ready
        assert cert.majors == ("CBR.S1.POLICY",)
        assert cert.major_causes == ("CBR.S1.SER",)
        assert "1 major nonconformity from 1 root cause" in cert.reasons

    def test_majors_that_are_their_own_causes_read_as_before(self):
        """Without major consequences the reason counts the majors alone."""
        cert = _assess(_root(), _rule("CBR.S1.POLICY", Result.MINOR, SER)).certification
        assert cert.major_causes == cert.majors == ("CBR.S1.SER",)
        assert "1 major nonconformity" in cert.reasons

    def test_report_lists_root_causes_and_consequences(self):
        """root_causes and consequences split the nonconformities; consequences_of finds them."""
        report = _assess(_root(), _rule("CBR.S1.POLICY", Result.MINOR, SER))
        assert [f.requirement for f in report.root_causes] == ["CBR.S1.SER"]
        assert [f.requirement for f in report.consequences] == ["CBR.S1.POLICY"]
        assert report.consequences_of("CBR.S1.SER") == report.consequences
        assert report.consequences_of("CBR.S1.POLICY") == ()


class TestRemediations:
    def test_a_consequence_repeating_its_root_is_listed_once(self):
        """The same words from a root and its consequence are one action, the root's."""
        same = "appoint a SER and have the SER approve the records"
        report = _assess(
            _rule("CBR.S1.SER", Result.MAJOR, records=[SER], remediation=same),
            _rule("CBR.S1.POLICY", Result.MINOR, SER, remediation=same),
        )
        assert report.remediations() == (
            Remediation(
                action=same, requirements=["CBR.S1.SER", "CBR.S1.POLICY"], result=Result.MAJOR
            ),
        )

    def test_a_consequences_own_action_follows_its_root(self):
        """A consequence's own action comes after its root's, naming the root to correct first."""
        report = _assess(
            _rule("CBR.S1.RMP", Result.MINOR),
            _rule("CBR.S1.POLICY", Result.MINOR, SER),
            _root(),
        )
        actions = report.remediations()
        assert [(a.requirements, a.caused_by) for a in actions] == [
            (("CBR.S1.SER",), ()),
            (("CBR.S1.POLICY",), ("CBR.S1.SER",)),
            (("CBR.S1.RMP",), ()),
        ]


class TestModel:
    def test_a_finding_is_no_consequence_of_itself(self):
        """Finding.caused_by refuses the finding's own requirement, naming the field."""
        with pytest.raises(InvalidFieldError) as info:
            Finding(
                requirement="CBR.S1.SER", result=Result.MINOR, message="m", caused_by=["CBR.S1.SER"]
            )
        assert info.value.field == "caused_by"

    def test_caused_by_holds_requirement_ids(self):
        """Finding.caused_by refuses what is not a requirement id."""
        with pytest.raises(InvalidFieldError) as info:
            Finding(
                requirement="CBR.S1.POLICY",
                result=Result.MINOR,
                message="m",
                caused_by=["not an id"],
            )
        assert info.value.field == "caused_by"

    def test_check_rests_on_is_text(self):
        """Check.rests_on refuses what is not text."""
        with pytest.raises(InvalidFieldError) as info:
            Check(description="d", rests_on=3)  # type: ignore[arg-type]
        assert info.value.field == "rests_on"

    def test_a_report_with_links_round_trips(self):
        """dumps/loads keep the links and the checks' rests_on."""
        report = _assess(_root(), _rule("CBR.S1.POLICY", Result.MINOR, SER))
        for fmt in ("json", "yaml"):
            text = collabrel.dumps(report, fmt)
            back = collabrel.loads(text, fmt, cls=ConformanceReport)
            assert back == report
            assert back.outcome("CBR.S1.POLICY").caused_by == ("CBR.S1.SER",)

    def test_reports_without_links_write_no_link_fields(self):
        """Fields at their defaults are left out: a report without links reads as before."""
        text = collabrel.dumps(assess(load("alliance"), as_of=AS_OF), "json")
        assert "caused_by" not in text


class TestRendering:
    @pytest.fixture
    def report(self) -> ConformanceReport:
        return _assess(_root(), _rule("CBR.S1.POLICY", Result.MINOR, SER))

    def test_text_says_consequence_of_and_consequences(self, report):
        """The terminal report names a consequence's root and a root's consequences."""
        text = to_text(report)
        assert "        consequence of: CBR.S1.SER\n" in text
        assert "        consequences: CBR.S1.POLICY\n" in text
        assert (
            "The 2 nonconformities come from 1 root cause: 1 is a consequence of a root cause"
            in text
        )
        assert "Corrective actions (2 for 2 nonconformities)" in text
        assert "   2. after CBR.S1.SER: CBR.S1.POLICY (minor): fix CBR.S1.POLICY" in text

    def test_markdown_says_consequence_of(self, report):
        """The Markdown report says "Consequence of" with the root's id."""
        text = to_markdown(report)
        assert "**Consequence of** `CBR.S1.SER`: its grade stands" in text
        assert "**Consequences:** `CBR.S1.POLICY`" in text
        assert "- **after** `CBR.S1.SER`: `CBR.S1.POLICY` (minor): fix CBR.S1.POLICY" in text

    def test_html_links_consequence_and_root(self, report):
        """In HTML the consequence links to its root's finding and the root to it."""
        page = to_html(report)
        assert (
            '<p class="consequence"><strong>Consequence of</strong> '
            '<a href="#finding-cbr-s1-ser"><code>CBR.S1.SER</code></a>'
        ) in page
        assert (
            '<strong>Consequences:</strong> <a href="#finding-cbr-s1-policy">'
            "<code>CBR.S1.POLICY</code></a>"
        ) in page
        assert '<h2 id="actions">Corrective actions</h2>' in page

    def test_without_consequences_nothing_is_said(self):
        """A report without links says nothing of root causes."""
        text = to_text(_assess(_root(), _rule("CBR.S1.POLICY", Result.MINOR)))
        assert "consequence" not in text.lower()

    def test_sarif_and_junit_name_the_root(self, report):
        """SARIF gives a consequence's roots as a property; JUnit says it in the failure."""
        sarif = json.loads(to_sarif(report))
        results = {r["ruleId"]: r for r in sarif["runs"][0]["results"]}
        assert results["CBR.S1.POLICY"]["properties"]["caused_by"] == ["CBR.S1.SER"]
        assert "caused_by" not in results["CBR.S1.SER"]["properties"]
        assert "Consequence of CBR.S1.SER" in to_junit(report)
