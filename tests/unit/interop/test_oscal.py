"""OSCAL: the catalog and assessment results are valid OSCAL 1.2.1 by compliance-trestle.

compliance-trestle is a test dependency only (CI installs it); without it these tests skip.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from functools import cache

import pytest

from collabrel import examples
from collabrel.conformance import (
    Catalogue,
    Clause,
    ConformanceReport,
    Outcome,
    Requirement,
    assess,
    catalogue,
    catalogues,
    draft,
)
from collabrel.errors import ArgumentError
from collabrel.interop import (
    OSCAL_NS,
    OSCAL_VERSION,
    to_oscal_assessment_results,
    to_oscal_catalog,
)
from collabrel.interop._oscal import _STATUS
from collabrel.model import Result

pytest.importorskip("trestle")

from trestle.core import validator_factory
from trestle.oscal import OSCAL_VERSION as TRESTLE_OSCAL_VERSION
from trestle.oscal.assessment_results import AssessmentResults
from trestle.oscal.catalog import Catalog

AS_OF = date(2026, 10, 31)
DAY = date(2026, 11, 1)
EXAMPLES = ("alliance", "flawed", "consortium")


class _AllChecks:
    mode = "all"


TRESTLE_CHECKS = validator_factory.validator_factory.get(_AllChecks())  # duplicates, refs, links


@cache
def report(example: str, name: str) -> ConformanceReport:
    return assess(examples.load(example), name, as_of=AS_OF)


@cache
def catalog(name: str) -> dict:
    return json.loads(to_oscal_catalog(name, last_modified=DAY))["catalog"]


@cache
def results(example: str, name: str) -> dict:
    return json.loads(to_oscal_assessment_results(report(example, name)))["assessment-results"]


def props(obj: dict, name: str) -> list[str]:
    return [p["value"] for p in obj.get("props", []) if p["name"] == name]


def walk(groups: list[dict]):
    for group in groups:
        yield group
        yield from walk(group.get("groups", []))


def test_writes_the_version_trestle_reads():
    """collabrel pins the OSCAL version compliance-trestle validates."""
    assert OSCAL_VERSION == TRESTLE_OSCAL_VERSION == "1.2.1"


class TestToOscalCatalog:
    @pytest.mark.parametrize("name", catalogues())
    def test_is_a_valid_catalog(self, name):
        """The catalog validates with trestle's model and its own checks (UUIDs, links)."""
        model = Catalog.model_validate(catalog(name))
        assert TRESTLE_CHECKS.model_is_valid(model, quiet=True)
        assert catalog(name)["metadata"]["oscal-version"] == OSCAL_VERSION

    @pytest.mark.parametrize("name", catalogues())
    def test_every_requirement_is_a_control_with_our_paraphrase(self, name):
        """Each requirement is a control in its clause's group, its text the statement."""
        cat = catalogue(name)
        controls = {
            c["id"]: (g, c) for g in walk(catalog(name)["groups"]) for c in g.get("controls", [])
        }
        assert list(controls) == [r.id for b in cat.clauses for r in cat if r.clause == b.id]
        for req in cat:
            group, control = controls[req.id]
            assert props(group, "label") == [req.clause]
            assert control["title"] == req.title
            statement = control["parts"][0]
            assert (statement["id"], statement["prose"]) == (f"{req.id}_smt", req.text)
            assert props(control, "assessable") == [str(req.assessable).lower()]
            methods = [p["props"][0]["value"] for p in control["parts"][1:]]
            assert methods == ["EXAMINE"] * bool(req.records) + ["INTERVIEW"] * (not req.assessable)

    def test_the_clause_tree_nests(self):
        """Sub-clauses are groups inside their clause's group."""
        top = catalog("iso44001:2017")["groups"]
        operation = next(g for g in top if g["id"] == "clause-8")
        assert [g["id"] for g in operation["groups"]][1:3] == ["clause-8.2", "clause-8.3"]
        assert props(operation["groups"][5], "stage") == ["working_together"]

    def test_re_export_is_byte_identical_and_the_uuid_follows_the_content(self):
        """The same arguments give the same bytes; another date gives another UUID."""
        first = to_oscal_catalog("bs11000", last_modified=DAY)
        assert first == to_oscal_catalog("bs11000-1:2010", last_modified=DAY)
        later = to_oscal_catalog("bs11000", last_modified=datetime(2026, 11, 2, tzinfo=UTC))
        assert json.loads(first)["catalog"]["uuid"] != json.loads(later)["catalog"]["uuid"]

    def test_a_catalogue_of_your_own_exports_whatever_its_clauses(self):
        """Requirements outside the clause tree are top-level controls; a repeated clause once."""
        req = Requirement(
            id="ACME.P.VETTED", title="Vetted", text="Partners are vetted.", clause="9"
        )
        own = Catalogue(
            name="acme:policy",
            title="Acme policy",
            version=1,
            standard="Acme",
            clauses=(Clause(id="1", title="One"), Clause(id="1", title="One again")),
            requirements=(req,),
        )
        doc = json.loads(to_oscal_catalog(own, last_modified=DAY))["catalog"]
        Catalog.model_validate(doc)
        assert [g["id"] for g in doc["groups"]] == ["clause-1"]
        assert [c["id"] for c in doc["controls"]] == ["ACME.P.VETTED"]
        assert "remarks" not in doc["metadata"]

    def test_refuses_an_instant_without_a_timezone(self):
        """last_modified must be a date or an aware datetime."""
        with pytest.raises(ArgumentError):
            to_oscal_catalog("bs11000", last_modified=datetime(2026, 11, 1))  # noqa: DTZ001
        with pytest.raises(ArgumentError):
            to_oscal_catalog("bs11000", last_modified="2026-11-01")  # type: ignore[arg-type]


class TestToOscalAssessmentResults:
    @pytest.mark.parametrize("name", catalogues())
    @pytest.mark.parametrize("example", EXAMPLES)
    def test_is_valid_assessment_results(self, example, name):
        """Every assessment validates with trestle's model and its own checks."""
        model = AssessmentResults.model_validate(results(example, name))
        assert TRESTLE_CHECKS.model_is_valid(model, quiet=True)

    @pytest.mark.parametrize("name", catalogues())
    @pytest.mark.parametrize("example", EXAMPLES)
    def test_each_outcome_is_a_finding_on_the_catalogs_statement(self, example, name):
        """One finding per requirement, targeting its statement in the catalog, graded in props."""
        rep = report(example, name)
        (result,) = results(example, name)["results"]
        statements = {
            p["id"]
            for g in walk(catalog(name)["groups"])
            for c in g.get("controls", [])
            for p in c["parts"]
        }
        assert len(result["findings"]) == len(rep.outcomes)
        for outcome, finding in zip(rep.outcomes, result["findings"], strict=True):
            state, reason, status = _STATUS[outcome.result]
            assert finding["target"]["target-id"] in statements
            assert finding["target"]["status"] == {"state": state, "reason": reason}
            assert props(finding, "result") == [outcome.result.value]
            assert props(finding, "status") == [status]
            assert all(p["ns"] == OSCAL_NS for p in finding["props"])

    def test_partial_not_assessable_and_agreed_are_in_props(self):
        """Minor (partial), not assessable and agreed-not-exercised each show in the props."""
        statuses = {
            s
            for example in EXAMPLES
            for f in results(example, "iso44001:2017")["results"][0]["findings"]
            for s in props(f, "status")
        }
        assert {"partial", "not-assessable", "agreed-not-exercised"} <= statuses
        assert set(statuses) <= {status for _, _, status in _STATUS.values()}

    def test_what_records_cannot_judge_is_never_satisfied(self):
        """Not assessable and nonconformities are not-satisfied; the rest satisfied."""
        for result, (state, _, _) in _STATUS.items():
            failing = result.is_nonconformity or result is Result.NOT_ASSESSABLE
            assert state == ("not-satisfied" if failing else "satisfied")

    @pytest.mark.parametrize("example", EXAMPLES)
    def test_findings_are_observations_with_their_evidence_paths(self, example):
        """Each finding of the report is an observation carrying its document paths."""
        rep = report(example, "bs11000-1:2010")
        (result,) = results(example, "bs11000-1:2010")["results"]
        observations = result["observations"]
        assert len(observations) == len(rep.findings)
        for finding, observation in zip(rep.findings, observations, strict=True):
            assert observation["description"] == finding.message
            paths = [p for e in observation.get("relevant-evidence", []) for p in props(e, "path")]
            assert paths == list(finding.paths)
        related = {
            r["observation-uuid"] for f in result["findings"] for r in f["related-observations"]
        }
        assert related == {o["uuid"] for o in observations}

    def test_re_export_is_byte_identical(self):
        """The same report gives the same bytes; another report other UUIDs."""
        rep = report("flawed", "iso44001:2017")
        again = assess(examples.load("flawed"), "iso44001:2017", as_of=AS_OF)
        assert to_oscal_assessment_results(rep) == to_oscal_assessment_results(again)
        other = results("alliance", "iso44001:2017")
        assert other["uuid"] != results("flawed", "iso44001:2017")["uuid"]

    def test_a_drafted_report_says_where_it_came_from(self):
        """A report drafted through the crosswalk is valid and names its source in props."""
        drafted = draft(report("flawed", "bs11000-1:2010"), "iso44001:2017")
        doc = json.loads(to_oscal_assessment_results(drafted))["assessment-results"]
        AssessmentResults.model_validate(doc)
        assert props(doc["results"][0], "drafted-from") == ["bs11000-1:2010"]
        assert props(doc["results"][0], "certification") == ["not-ready"]

    def test_a_report_without_findings_is_valid(self):
        """A report of a template plan whose outcome has no finding still validates."""
        outcome = Outcome(
            requirement="CBR.S5.RACI", title="RACI", clause="8.6", result=Result.NOT_ASSESSABLE
        )
        bare = ConformanceReport(
            standard="iso44001:2017", catalogue_version=1, as_of=AS_OF, outcomes=[outcome]
        )
        doc = json.loads(to_oscal_assessment_results(bare))["assessment-results"]
        AssessmentResults.model_validate(doc)
        (result,) = doc["results"]
        assert "observations" not in result
        assert "related-observations" not in result["findings"][0]
        assert props(result, "subject") == []
        empty = ConformanceReport(standard="iso44001:2017", catalogue_version=1, as_of=AS_OF)
        assert (
            "findings"
            not in json.loads(to_oscal_assessment_results(empty))["assessment-results"]["results"][
                0
            ]
        )

    def test_refuses_what_is_not_a_report(self):
        """A report must be a ConformanceReport."""
        with pytest.raises(ArgumentError):
            to_oscal_assessment_results({"standard": "iso44001:2017"})  # type: ignore[arg-type]
