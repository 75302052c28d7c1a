"""A conformance report as JUnit XML, so a CI pipeline shows each nonconformity as a failed test.

One `<testsuite>` per report (one plan against one standard), one `<testcase>` per requirement
outcome, in catalogue order. What a test viewer shows of a finding is the finding's section of
the report (`finding_view`) as plain text, so the XML says what the other renderings say.
Nothing here reads the clock or the host: the same report always gives the same bytes.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from typing import Final

from collabrel.conformance import ConformanceReport, Outcome
from collabrel.errors import ArgumentError
from collabrel.model import Finding, Result
from collabrel.report import _render
from collabrel.report._conformance import finding_view
from collabrel.report._outline import RESULT_LABELS

__all__ = ["to_junit"]

_XML_INVALID: Final = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""Characters XML 1.0 cannot carry, even escaped (control characters, lone surrogates)."""

_SKIPPED: Final = frozenset({Result.NOT_APPLICABLE, Result.NOT_ASSESSABLE})
_PASSED_WITH_OUTPUT: Final = frozenset({Result.OBSERVATION, Result.AGREED_NOT_EXERCISED})
_DECLARATION: Final = '<?xml version="1.0" encoding="UTF-8"?>\n'


def _clean(text: str) -> str:
    return _XML_INVALID.sub("", text)


def _element(parent: ET.Element | None, tag: str, attrs: Mapping[str, str]) -> ET.Element:
    clean = {name: _clean(value) for name, value in attrs.items()}
    return ET.Element(tag, clean) if parent is None else ET.SubElement(parent, tag, clean)


def _finding_text(finding: Finding, outcome: Outcome) -> str:
    return "\n".join(_render.text(finding_view(finding, outcome).document))


def _suite_name(report: ConformanceReport) -> str:
    name = report.subject_name or report.subject or "template plan"
    return f"{name} against {report.standard}"


def _classname(report: ConformanceReport, outcome: Outcome) -> str:
    parts = [report.subject or "template", report.standard]
    parts.append(f"clause_{outcome.clause.split('.', 1)[0]}")
    if outcome.stage is not None:
        parts.append(f"stage_{outcome.stage.number}_{outcome.stage.value}")
    return ".".join(parts)


def _properties(report: ConformanceReport) -> dict[str, str]:
    cert = report.certification
    props = {
        "standard": report.standard,
        "catalogue_version": str(report.catalogue_version),
        "subject": report.subject or "",
        "subject_name": report.subject_name or "",
        "as_of": report.as_of.isoformat(),
        "certification": "ready" if cert.ready else "not ready: " + "; ".join(cert.reasons),
    }
    if report.drafted_from is not None:
        props["drafted_from"] = report.drafted_from
    return props


def _testcase(
    suite: ET.Element,
    report: ConformanceReport,
    outcome: Outcome,
    findings: tuple[Finding, ...],
    source: str | None,
) -> None:
    attrs = {"name": outcome.requirement, "classname": _classname(report, outcome)}
    if source is not None:
        attrs["file"] = source
    case = _element(suite, "testcase", {**attrs, "time": "0"})
    body = "\n\n".join(_finding_text(f, outcome) for f in findings)
    result = outcome.result
    messages = "; ".join(f.message for f in findings if f.result is result) or RESULT_LABELS[result]
    if result.is_nonconformity:
        failure = _element(case, "failure", {"type": result.value, "message": messages})
        failure.text = _clean(body)
    elif result in _SKIPPED:
        skipped = _element(case, "skipped", {"message": messages})
        skipped.text = _clean(body)
    elif result in _PASSED_WITH_OUTPUT:
        _element(case, "system-out", {}).text = _clean(body)


def to_junit(report: ConformanceReport, *, source: str | None = None) -> str:
    """A conformance report as JUnit XML, for the test report of a CI pipeline.

    The XML has one `<testsuite>` (the plan against the standard) with one `<testcase>` per
    requirement, in catalogue order, named by the requirement's id and classed by subject,
    standard, clause and stage (`harbour-maintenance.iso44001:2017.clause_8.stage_5_working_together`),
    so test viewers group them. Each result becomes what a test viewer understands:

    | result | test case |
    |---|---|
    | major or minor nonconformity | failed: `<failure>` with `type` the result (`major`, `minor`) |
    | observation, agreed but not yet exercised | passed, with the finding in `<system-out>` |
    | conforms | passed |
    | not applicable, not assessable from records | skipped: `<skipped>` with the reason |

    A failure's `message` is the finding's message; its text (and a skip's or a system-out's)
    is the finding's section of the report in plain text: the message, every check with what
    was observed and where, the evidence paths, whom it concerns and the remediation. The
    suite's counts (`tests`, `failures`, `errors`, `skipped`) are the outcomes'; its
    `timestamp` is the day the plan was judged (`as_of`, at midnight), every `time` is `0`;
    its properties name the standard, the catalogue version, the subject, the day and the
    certification verdict. Characters XML cannot carry (control characters) are dropped;
    everything else is escaped. The text is deterministic and ends in a newline.

    Args:
        report: A `ConformanceReport`.
        source: The plan's path, given to every test case as its `file` attribute (GitLab
            links it to the file); no `file` attribute when `None`.

    Returns:
        The XML document, UTF-8 declared, ending in a newline.

    Raises:
        ArgumentError: If `report` is not a `ConformanceReport` (a
            `ReportDiff` has no test cases: render it
            with `to_text`, `to_markdown` or `to_html`).

    Examples:
        >>> from datetime import date
        >>> import xml.etree.ElementTree as ET
        >>> from collabrel import assess, examples
        >>> from collabrel.report import to_junit
        >>> report = assess(examples.load("flawed"), as_of=date(2026, 10, 31))
        >>> suite = ET.fromstring(to_junit(report, source="flawed.yaml")).find("testsuite")
        >>> {k: suite.get(k) for k in ("tests", "failures", "skipped", "timestamp")}
        {'tests': '74', 'failures': '48', 'skipped': '10', 'timestamp': '2026-10-31T00:00:00'}
        >>> case = suite.find("testcase[@name='CBR.S5.JOINT_RMP']")
        >>> case.get("classname"), case.get("file")
        ('harbour-maintenance.iso44001:2017.clause_8.stage_5_working_together', 'flawed.yaml')
        >>> failure = case.find("failure")
        >>> failure.get("type"), failure.get("message").split(":")[0]
        ('major', 'Joint relationship management plan')
        >>> "Remediation: have every partner sign" in failure.text
        True
    """  # noqa: E501 - the table's rows are Markdown, which cannot wrap them
    if not isinstance(report, ConformanceReport):
        raise ArgumentError(
            "report",
            report,
            "a ConformanceReport (a ReportDiff has no test cases: render it with to_text,"
            " to_markdown or to_html)",
        )
    tally = report.tally
    counts = {
        "tests": str(tally.total),
        "failures": str(tally.nonconformities),
        "errors": "0",
        "skipped": str(tally.not_applicable + tally.not_assessable),
        "time": "0",
    }
    root = _element(None, "testsuites", {"name": "collabrel assess", **counts})
    suite = _element(
        root,
        "testsuite",
        {
            "name": _suite_name(report),
            **counts,
            "timestamp": f"{report.as_of.isoformat()}T00:00:00",
        },
    )
    properties = _element(suite, "properties", {})
    for name, value in _properties(report).items():
        _element(properties, "property", {"name": name, "value": value})
    by_requirement: dict[str, list[Finding]] = {}
    for finding in report.findings:
        by_requirement.setdefault(finding.requirement, []).append(finding)
    for outcome in report.outcomes:
        findings = tuple(by_requirement.get(outcome.requirement, ()))
        _testcase(suite, report, outcome, findings, source)
    ET.indent(root)
    return _DECLARATION + ET.tostring(root, encoding="unicode") + "\n"
