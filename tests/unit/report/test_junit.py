"""Conformance reports as JUnit XML (collabrel.report.to_junit), read back by a JUnit parser."""

from __future__ import annotations

import functools
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import PurePath

import attrs
import pytest

from collabrel import examples
from collabrel.cli import main
from collabrel.conformance import assess, catalogues
from collabrel.errors import ArgumentError, FormatError
from collabrel.model import Result
from collabrel.report import REPORT_FORMATS, choose_format, to_junit

junitparser = pytest.importorskip("junitparser")

AS_OF = date(2026, 10, 31)
CASES = [(name, standard) for name in examples.names() for standard in catalogues()]


@functools.cache
def _report(name, standard="iso44001:2017"):
    return assess(examples.load(name), standard, as_of=AS_OF)


def _suite(text):
    """The one test suite of a JUnit document, as junitparser reads it from a file's bytes.

    (With lxml installed, junitparser refuses a str that declares its encoding, as lxml does.)
    """
    xml = junitparser.JUnitXml.fromstring(text.encode("utf-8"))
    (suite,) = list(xml)
    return suite


def _results(case):
    """The JUnit results of a test case (failure, skipped, ...), by their class."""
    return {type(r): r for r in case.result}


class TestToJunit:
    @pytest.mark.parametrize(("name", "standard"), CASES)
    def test_failures_are_the_nonconformities(self, name, standard):
        """Every nonconformity is a failed test of its result's type; skips are not judged."""
        report = _report(name, standard)
        suite = _suite(to_junit(report))
        cases = list(suite)
        assert [c.name for c in cases] == [o.requirement for o in report.outcomes]
        failed = {c.name: _results(c)[junitparser.Failure] for c in cases if c.is_failure}
        assert sorted(failed) == sorted(f.requirement for f in report.nonconformities)
        for finding in report.nonconformities:
            failure = failed[finding.requirement]
            assert failure.type == finding.result.value
            assert failure.message == finding.message
        skipped = {c.name for c in cases if c.is_skipped}
        not_judged = {Result.NOT_APPLICABLE, Result.NOT_ASSESSABLE}
        assert skipped == {o.requirement for o in report.outcomes if o.result in not_judged}
        tally = report.tally
        assert (suite.tests, suite.failures, suite.errors, suite.skipped) == (
            tally.total,
            tally.nonconformities,
            0,
            tally.not_applicable + tally.not_assessable,
        )

    def test_failure_text_explains_the_finding(self):
        """A failure's text gives the message, every check, the evidence and the remedy."""
        report = _report("flawed")
        (finding,) = report.findings_for("CBR.S5.JOINT_RMP")
        suite = _suite(to_junit(report))
        (case,) = [c for c in suite if c.name == "CBR.S5.JOINT_RMP"]
        text = " ".join(_results(case)[junitparser.Failure].text.split())
        assert case.classname == (
            "harbour-maintenance.iso44001:2017.clause_8.stage_5_working_together"
        )
        for check in finding.explanation:
            assert check.description in text
            assert f"({check.path})" in text
        assert f"Evidence: {', '.join(finding.paths)}" in text
        assert f"Remediation: {finding.remediation}" in text

    def test_observations_pass_with_their_finding(self):
        """An observation, or an agreed but unexercised requirement, passes and says why."""
        report = _report("flawed")
        cases = {c.name: c for c in _suite(to_junit(report))}
        shown = [f for f in report.findings if f.result in _shown_results()]
        assert shown
        for finding in shown:
            case = cases[finding.requirement]
            assert case.is_passed
            assert finding.message.split(":")[0] in case.system_out

    def test_conforming_requirements_pass_quietly(self):
        """A requirement that conforms is a passed test with nothing more to say."""
        report = _report("alliance")
        cases = {c.name: c for c in _suite(to_junit(report))}
        for outcome in report.outcomes:
            if outcome.result is Result.CONFORMS:
                assert cases[outcome.requirement].is_passed
                assert cases[outcome.requirement].system_out is None

    def test_suite_properties_and_timestamp(self):
        """The suite names the plan and standard, its day and verdict, as properties."""
        report = _report("alliance", "bs11000-1:2010")
        suite = _suite(to_junit(report))
        props = {p.name: p.value for p in suite.properties()}
        assert props == {
            "standard": "bs11000-1:2010",
            "catalogue_version": "1",
            "subject": report.subject,
            "subject_name": report.subject_name,
            "as_of": "2026-10-31",
            "certification": "ready",
        }
        assert suite.name == f"{report.subject_name} against bs11000-1:2010"
        assert suite.timestamp == "2026-10-31T00:00:00"

    def test_source_is_every_case_file(self):
        """`source` is every test case's `file`; without it there is no such attribute."""
        report = _report("flawed")
        with_source = ET.fromstring(to_junit(report, source="plans/flawed.yaml"))  # noqa: S314 - ours
        without = ET.fromstring(to_junit(report))  # noqa: S314 - our own output
        assert {c.get("file") for c in with_source.iter("testcase")} == {"plans/flawed.yaml"}
        assert {c.get("file") for c in without.iter("testcase")} == {None}

    def test_hostile_text_is_escaped_and_control_characters_dropped(self):
        """Markup in a finding stays text; characters XML cannot carry are left out."""
        report = _report("flawed")
        hostile = '<failure>&amp; ]]> "quoted" \x00\x1b[31m\x7f end'
        first = attrs.evolve(report.findings[0], message=hostile, remediation=hostile)
        report = attrs.evolve(report, findings=(first, *report.findings[1:]))
        text = to_junit(report)
        assert "\x00" not in text
        assert "\x1b" not in text
        suite = _suite(text)
        case = next(iter(suite))
        failure = _results(case)[junitparser.Failure]
        assert failure.message == '<failure>&amp; ]]> "quoted" [31m\x7f end'
        assert failure.message in failure.text

    def test_findings_of_one_requirement_share_its_test(self):
        """Several findings on one requirement are one test, failed by the gravest result."""
        report = _report("flawed")
        (major,) = report.findings_for("CBR.S5.JOINT_RMP")
        minor = attrs.evolve(major, result=Result.MINOR, message="A second, lesser gap")
        findings = [f for f in report.findings if f is not major]
        report = attrs.evolve(report, findings=[major, minor, *findings])
        cases = [c for c in _suite(to_junit(report)) if c.name == "CBR.S5.JOINT_RMP"]
        (case,) = cases
        failure = _results(case)[junitparser.Failure]
        assert (failure.type, failure.message) == ("major", major.message)
        assert "A second, lesser gap" in failure.text

    def test_is_deterministic(self):
        """The same report gives the same text, ending in one newline."""
        text = to_junit(_report("consortium"))
        again = assess(examples.load("consortium"), as_of=AS_OF)
        assert to_junit(again) == text
        assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites ')
        assert text.endswith("</testsuites>\n")

    def test_template_plan(self, template):
        """A template plan's suite and classes say so."""
        report = assess(template, as_of=AS_OF)
        suite = _suite(to_junit(report))
        assert report.subject is None
        assert suite.name == "Corporate template against iso44001:2017"
        assert all(c.classname.startswith("template.iso44001:2017.clause_") for c in suite)

    def test_a_diff_is_refused(self):
        """A diff has no test cases: it is an ArgumentError (a TypeError) that says so."""
        report = _report("flawed")
        with pytest.raises(ArgumentError, match="a ReportDiff has no test cases") as info:
            to_junit(report.diff(report))  # type: ignore[arg-type]
        assert isinstance(info.value, TypeError)
        assert info.value.argument == "report"


def _shown_results():
    return {Result.OBSERVATION, Result.AGREED_NOT_EXERCISED}


class TestChooseFormat:
    @pytest.mark.parametrize(
        ("output", "expected"),
        [
            ("report.xml", "junit"),
            ("report.sarif", "sarif"),
            ("REPORT.MD", "markdown"),
            ("report.htm", "html"),
            ("report.json", "json"),
            ("report.txt", "text"),
            ("report.pdf", "text"),
            (None, "text"),
        ],
    )
    def test_by_suffix(self, output, expected):
        """Without a name the output's suffix chooses the format, else text."""
        path = None if output is None else PurePath(output)
        assert choose_format(None, path).name == expected

    def test_name_wins(self):
        """A name chooses the format whatever the suffix."""
        assert choose_format("junit", PurePath("report.html")) is REPORT_FORMATS["junit"]

    def test_unknown_name(self):
        """An unknown name is a FormatError naming the formats there are."""
        with pytest.raises(FormatError, match="choose from text, markdown, html, json, junit"):
            choose_format("pdf")


class TestAssessJunit:
    @staticmethod
    def _plan(tmp_path, name="flawed"):
        path = tmp_path / f"{name}.yaml"
        path.write_text(examples.text(name), encoding="utf-8")
        return path

    def test_prints_junit(self, tmp_path, capsys, monkeypatch):
        """`assess --format junit` prints JUnit XML a parser reads; the exit code is unchanged."""
        monkeypatch.chdir(tmp_path)
        self._plan(tmp_path)
        assert main(["assess", "flawed.yaml", "--as-of", "2026-10-31", "--format", "junit"]) == 1
        out = capsys.readouterr().out
        assert out == to_junit(_report("flawed"), source="flawed.yaml")
        suite = _suite(out)
        assert suite.failures == len(_report("flawed").nonconformities)

    @pytest.mark.parametrize(("suffix", "start"), [(".xml", "<?xml"), (".sarif", "{")])
    def test_output_suffix(self, tmp_path, capsys, suffix, start):
        """`--output` with `.xml` writes JUnit and with `.sarif` writes SARIF."""
        path = self._plan(tmp_path, "alliance")
        target = tmp_path / f"report{suffix}"
        assert main(["assess", str(path), "--as-of", "2026-10-31", "--output", str(target)]) == 0
        assert capsys.readouterr().out.startswith(f"wrote {target} ")
        written = target.read_text(encoding="utf-8")
        assert written.startswith(start)
        assert path.as_posix() in written

    def test_help_lists_the_formats(self, capsys):
        """`assess --help` names every format of the table."""
        assert main(["assess", "--help"]) == 0
        out = " ".join(capsys.readouterr().out.split())
        assert "{text,markdown,html,json,junit,sarif}" in out
        assert ".xml junit, .sarif sarif; else text" in out
