"""Conformance reports as SARIF 2.1.0 logs (collabrel.report.to_sarif)."""

from __future__ import annotations

import functools
import json
from datetime import date
from pathlib import PurePath, PurePosixPath

import pytest

from collabrel import examples
from collabrel.conformance import assess, catalogues
from collabrel.errors import ArgumentError
from collabrel.model import Result
from collabrel.report import REPORT_FORMATS, to_sarif

AS_OF = date(2026, 10, 31)
CASES = [(name, standard) for name in examples.names() for standard in catalogues()]
LEVELS = {Result.MAJOR: "error", Result.MINOR: "warning", Result.OBSERVATION: "note"}


@functools.cache
def _report(name, standard="iso44001:2017"):
    return assess(examples.load(name), standard, as_of=AS_OF)


def _run(text):
    log = json.loads(text)
    (run,) = log["runs"]
    return run


class TestToSarif:
    @pytest.mark.parametrize(("name", "standard"), CASES)
    def test_has_the_keys_sarif_requires(self, name, standard):
        """Version, schema, the tool's driver and each result's rule and message are there."""
        log = json.loads(to_sarif(_report(name, standard), artifact_uri="plan.yaml"))
        assert log["version"] == "2.1.0"
        assert log["$schema"].endswith("sarif-schema-2.1.0.json")
        (run,) = log["runs"]
        driver = run["tool"]["driver"]
        assert driver["name"] == "collabrel"
        rules = driver["rules"]
        for result in run["results"]:
            assert isinstance(result["ruleId"], str)
            assert result["message"]["text"]
            assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
            assert result["level"] in {"error", "warning", "note"}
            (location,) = result["locations"]
            assert location["physicalLocation"]["artifactLocation"]["uri"] == "plan.yaml"

    @pytest.mark.parametrize(("name", "standard"), CASES)
    def test_results_are_the_nonconformities_and_observations(self, name, standard):
        """Each major, minor and observation is a result of its level; nothing else is."""
        report = _report(name, standard)
        run = _run(to_sarif(report))
        got = [(r["ruleId"], r["level"], r["message"]["text"]) for r in run["results"]]
        expected = [
            (f.requirement, LEVELS[f.result], f.message) for f in report if f.result in LEVELS
        ]
        assert got == expected

    def test_rules_are_the_requirements(self):
        """One rule per requirement: its title, clause and stage, and the remedy given."""
        report = _report("flawed")
        rules = {r["id"]: r for r in _run(to_sarif(report))["tool"]["driver"]["rules"]}
        assert list(rules) == [o.requirement for o in report.outcomes]
        rule = rules["CBR.S5.JOINT_RMP"]
        outcome = report.outcome("CBR.S5.JOINT_RMP")
        assert rule["shortDescription"]["text"] == outcome.title
        assert "clause 8.6, stage 5 Working together" in rule["fullDescription"]["text"]
        assert rule["help"]["text"] == report.findings_for("CBR.S5.JOINT_RMP")[0].remediation
        assert rule["properties"]["stage"] == "working_together"
        assert "help" not in rules["MS.4.2.INTERESTED_PARTIES"]

    def test_locations_are_document_paths(self):
        """A result's logical locations are the document paths of its finding, with its checks."""
        report = _report("flawed")
        (finding,) = report.findings_for("CBR.S5.JOINT_RMP")
        run = _run(to_sarif(report))
        (result,) = [r for r in run["results"] if r["ruleId"] == "CBR.S5.JOINT_RMP"]
        (location,) = result["locations"]
        assert "physicalLocation" not in location
        names = [loc["fullyQualifiedName"] for loc in location["logicalLocations"]]
        assert names == list(finding.paths)
        checks = result["properties"]["checks"]
        assert [c["description"] for c in checks] == [c.description for c in finding.explanation]
        assert result["properties"]["remediation"] == finding.remediation
        assert "artifacts" not in run

    def test_run_properties(self):
        """The run names the standard, catalogue, subject, day and verdict."""
        report = _report("alliance", "bs11000-1:2010")
        props = _run(to_sarif(report))["properties"]
        assert props["standard"] == "bs11000-1:2010"
        assert props["catalogueVersion"] == 1
        assert props["subject"] == report.subject
        assert props["asOf"] == "2026-10-31"
        assert props["certificationReady"] is True

    @pytest.mark.parametrize(
        ("path", "uri"),
        [
            (PurePosixPath("plans/my plan.yaml"), "plans/my%20plan.yaml"),
            (PurePosixPath("/srv/plans/a.yaml"), "file:///srv/plans/a.yaml"),
        ],
    )
    def test_the_format_table_gives_the_plan_as_uri(self, path: PurePath, uri):
        """The CLI's path becomes a URI: relative ones stay relative, spaces are escaped."""
        run = _run(REPORT_FORMATS["sarif"].render(_report("flawed"), source=path))
        assert run["artifacts"] == [{"location": {"uri": uri}, "roles": ["analysisTarget"]}]
        uris = {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]
        }
        assert uris == {uri}

    def test_is_deterministic(self):
        """The same report gives the same text, ending in a newline."""
        text = to_sarif(_report("consortium"))
        assert to_sarif(assess(examples.load("consortium"), as_of=AS_OF)) == text
        assert text.endswith("}\n")

    def test_a_diff_is_refused(self):
        """A diff has no results: it is an ArgumentError."""
        report = _report("flawed")
        with pytest.raises(ArgumentError, match="a ReportDiff has no results"):
            to_sarif(report.diff(report))  # type: ignore[arg-type]
