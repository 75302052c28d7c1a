"""Accepted evidence under its requirement: in the report's data and its renderings."""

from __future__ import annotations

from datetime import date

import attrs
import pytest

import collabrel as cr
from collabrel.conformance import ConformanceReport, assess
from collabrel.model import EvidenceLink, EvidenceStatus, PassageLocation, Result
from collabrel.report import to_html, to_markdown, to_text

AS_OF = date(2026, 10, 31)
UNASSESSABLE = "MS.5.1.LEADERSHIP"  # judged by interviewing top management
JUDGED = "CBR.S5.JOINT_RMP"


def link(requirement: str, status: EvidenceStatus = EvidenceStatus.ACCEPTED) -> EvidenceLink:
    reviewed = status is not EvidenceStatus.SUGGESTED
    return EvidenceLink(
        requirement=requirement,
        document="board-minutes",
        document_sha256="1" * 64,
        location=PassageLocation(paragraph=7, page=3, heading_path=("Sponsorship",)),
        quote_sha256="2" * 64,
        quote="The board confirmed its sponsorship of the alliance.",
        status=status,
        reviewed_by="h.okafor" if reviewed else None,
        reviewed_on=date(2026, 3, 2) if reviewed else None,
    )


def _alliance_without_register() -> cr.RelationshipManagementPlan:
    """The alliance with its own evidence register emptied, so each test sets what it needs."""
    return attrs.evolve(cr.examples.load("alliance"), evidence=())


@pytest.fixture(scope="module")
def plain() -> ConformanceReport:
    return assess(_alliance_without_register(), as_of=AS_OF)


@pytest.fixture(scope="module")
def with_evidence() -> ConformanceReport:
    rmp = attrs.evolve(
        _alliance_without_register(),
        evidence=[
            link(UNASSESSABLE),
            link(UNASSESSABLE, EvidenceStatus.REJECTED),
            link(UNASSESSABLE, EvidenceStatus.SUGGESTED),
            link(JUDGED),
        ],
    )
    return assess(rmp, as_of=AS_OF)


class TestOutcomeEvidence:
    def test_accepted_links_only_are_shown(self, with_evidence: ConformanceReport) -> None:
        """An outcome holds its requirement's accepted links, not suggestions or rejections."""
        assert with_evidence.outcome(UNASSESSABLE).evidence == (link(UNASSESSABLE),)
        assert with_evidence.outcome("MS.5.2.POLICY").evidence == ()

    def test_evidence_never_changes_a_result(
        self, plain: ConformanceReport, with_evidence: ConformanceReport
    ) -> None:
        """Results and the certification verdict are those of the plan without evidence."""
        assert [o.result for o in with_evidence.outcomes] == [o.result for o in plain.outcomes]
        assert with_evidence.certification == plain.certification
        assert with_evidence.outcome(UNASSESSABLE).result is Result.NOT_ASSESSABLE

    def test_evidence_offered_is_for_requirements_records_cannot_show(
        self, with_evidence: ConformanceReport
    ) -> None:
        """Only a not-assessable requirement with accepted evidence reads 'evidence offered'."""
        assert with_evidence.outcome(UNASSESSABLE).evidence_offered
        assert not with_evidence.outcome(JUDGED).evidence_offered

    def test_report_round_trips_with_its_evidence(self, with_evidence: ConformanceReport) -> None:
        """The report's JSON keeps the evidence, within schema version 2."""
        text = cr.dumps(with_evidence)
        assert '"schema_version": 2' in text or '"schema_version":2' in text
        assert cr.loads(text, cls=ConformanceReport) == with_evidence

    def test_a_report_without_evidence_writes_none(self, plain: ConformanceReport) -> None:
        """A plan without a register gives the report's JSON as before: no evidence key."""
        assert '"evidence"' not in cr.dumps(plain)


class TestRenderings:
    @pytest.mark.parametrize("render", [to_text, to_markdown, to_html])
    def test_evidence_offered_with_the_link(
        self, render: object, with_evidence: ConformanceReport
    ) -> None:
        """Text, Markdown and HTML say 'evidence offered' and describe the accepted link."""
        out = render(with_evidence)  # type: ignore[operator]
        assert "evidence offered" in out
        assert "board-minutes, page 3, Sponsorship, paragraph 7" in out
        assert "rejected by" not in out

    @pytest.mark.parametrize("render", [to_text, to_markdown, to_html])
    def test_nothing_offered_without_evidence(
        self, render: object, plain: ConformanceReport
    ) -> None:
        """A plan without accepted evidence renders no 'evidence offered'."""
        assert "evidence offered" not in render(plain)  # type: ignore[operator]

    @pytest.mark.parametrize("render", [to_text, to_markdown, to_html])
    def test_a_nonconformity_shows_the_documents_offered(self, render: object) -> None:
        """A finding's section lists its requirement's accepted evidence, and keeps its grade."""
        plan = cr.examples.load("flawed")
        reviewer = plan.relationship.people[0].id  # type: ignore[union-attr]
        offered = attrs.evolve(
            link(JUDGED), reviewed_by=reviewer, quote="Signed by both partners on 3 March."
        )
        report = assess(attrs.evolve(plan, evidence=[offered]), as_of=AS_OF)
        before = assess(plan, as_of=AS_OF)
        assert report.outcome(JUDGED).result is before.outcome(JUDGED).result is Result.MAJOR
        out = " ".join(render(report).split())  # type: ignore[operator] - lines wrap in text
        section = out[out.index(JUDGED, out.index("JOINT_RMP") + 1) :][:3000]
        assert "ocuments offered" in section
        assert "Signed by both partners on 3 March." in section
        assert "ocuments offered" not in render(before)  # type: ignore[operator]
