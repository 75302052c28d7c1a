"""A conformance report as SARIF 2.1.0, for code-scanning views of plans kept in a repository.

The requirements are the rules; every nonconformity and observation is a result at the plan
file, with the document paths it concerns as logical locations. Nothing here reads the clock:
the same report always gives the same text.
"""

from __future__ import annotations

import json
from typing import Final

from collabrel.conformance import ConformanceReport, Outcome
from collabrel.errors import ArgumentError
from collabrel.model import Finding, Result

__all__ = ["to_sarif"]

_SCHEMA: Final = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
"""The JSON Schema of SARIF 2.1.0, which a SARIF log names as its `$schema`."""

_LEVELS: Final = {Result.MAJOR: "error", Result.MINOR: "warning", Result.OBSERVATION: "note"}
"""The results that become SARIF results, and their levels."""

_Json = dict[str, object]


def _rule(outcome: Outcome, findings: list[Finding]) -> _Json:
    where = f"clause {outcome.clause}"
    if outcome.stage is not None:
        where += f", stage {outcome.stage.number} {outcome.stage.title}"
    rule: _Json = {
        "id": outcome.requirement,
        "shortDescription": {"text": outcome.title},
        "fullDescription": {"text": f"{outcome.title} ({where})."},
    }
    remedy = next((f.remediation for f in findings if f.remediation), None)
    if remedy is not None:
        rule["help"] = {"text": remedy}
    props: _Json = {"clause": outcome.clause, "importance": outcome.importance.value}
    if outcome.stage is not None:
        props["stage"] = outcome.stage.value
    rule["properties"] = props
    return rule


def _result(finding: Finding, rule_index: int, artifact_uri: str | None) -> _Json:
    location: _Json = {}
    if artifact_uri is not None:
        location["physicalLocation"] = {"artifactLocation": {"uri": artifact_uri, "index": 0}}
    if finding.paths:
        location["logicalLocations"] = [
            {"fullyQualifiedName": path, "kind": "member"} for path in finding.paths
        ]
    result: _Json = {
        "ruleId": finding.requirement,
        "ruleIndex": rule_index,
        "level": _LEVELS[finding.result],
        "message": {"text": finding.message},
    }
    if location:
        result["locations"] = [location]
    props: _Json = {
        "result": finding.result.value,
        "checks": [
            {
                "description": c.description,
                "passed": c.passed,
                "observed": c.observed,
                "path": c.path,
            }
            for c in finding.explanation
        ],
    }
    if finding.subjects:
        props["subjects"] = list(finding.subjects)
    if finding.remediation:
        props["remediation"] = finding.remediation
    if finding.caused_by:
        props["caused_by"] = list(finding.caused_by)
    result["properties"] = props
    return result


def to_sarif(report: ConformanceReport, *, artifact_uri: str | None = None) -> str:
    """A conformance report as a SARIF 2.1.0 log, for code-scanning tools.

    The log has one run of the tool `collabrel`, whose rules are the catalogue's requirements
    (id; short description the title; full description the title with clause and stage; help
    the remediation, where a finding gives one). Every major nonconformity is a result of level
    `error`, every minor one `warning` and every observation `note`, with the finding's
    message, its checks, whom it concerns, its remediation and, for a consequence, the root
    causes it follows from (`caused_by`) as properties, and one location: the plan file
    (`artifact_uri`) with the document paths the finding concerns as logical
    locations (`relationship.risks[3].mitigation`). Other results are not reported. The run's
    properties name the standard, the catalogue version, the subject, the day and whether the
    plan is ready for certification.

    GitHub code scanning needs every result at a file: give `artifact_uri` (the CLI gives the
    plan's path). The text is JSON, deterministic and ends in a newline.

    Args:
        report: A `ConformanceReport`.
        artifact_uri: The plan file's URI, relative to the repository root or absolute
            (`plans/harbour.yaml`); results carry only logical locations when `None`.

    Returns:
        The SARIF log as JSON text.

    Raises:
        ArgumentError: If `report` is not a `ConformanceReport` (a
            `ReportDiff` has no results).

    Examples:
        >>> import json
        >>> from datetime import date
        >>> from collabrel import assess, examples
        >>> from collabrel.report import to_sarif
        >>> report = assess(examples.load("flawed"), as_of=date(2026, 10, 31))
        >>> log = json.loads(to_sarif(report, artifact_uri="plans/flawed.yaml"))
        >>> log["version"], log["runs"][0]["tool"]["driver"]["name"]
        ('2.1.0', 'collabrel')
        >>> result = next(r for r in log["runs"][0]["results"]
        ...               if r["ruleId"] == "CBR.S5.JOINT_RMP")
        >>> result["level"], result["locations"][0]["logicalLocations"][0]["fullyQualifiedName"]
        ('error', 'stages.working_together.joint_rmp.signatories')
    """
    if not isinstance(report, ConformanceReport):
        raise ArgumentError(
            "report",
            report,
            "a ConformanceReport (a ReportDiff has no results: render it with to_text,"
            " to_markdown or to_html)",
        )
    by_requirement: dict[str, list[Finding]] = {o.requirement: [] for o in report.outcomes}
    for finding in report.findings:
        by_requirement.setdefault(finding.requirement, []).append(finding)
    rules = [_rule(o, by_requirement[o.requirement]) for o in report.outcomes]
    index = {o.requirement: n for n, o in enumerate(report.outcomes)}
    results = [
        _result(f, index[f.requirement], artifact_uri)
        for f in report.findings
        if f.result in _LEVELS and f.requirement in index
    ]
    run: _Json = {
        "tool": {"driver": {"name": "collabrel", "rules": rules}},
        "automationDetails": {"id": f"collabrel/{report.standard}/{report.subject or 'template'}/"},
    }
    if artifact_uri is not None:
        run["artifacts"] = [{"location": {"uri": artifact_uri}, "roles": ["analysisTarget"]}]
    run["results"] = results
    run["properties"] = {
        "standard": report.standard,
        "catalogueVersion": report.catalogue_version,
        "subject": report.subject,
        "subjectName": report.subject_name,
        "asOf": report.as_of.isoformat(),
        "draftedFrom": report.drafted_from,
        "certificationReady": report.certification.ready,
    }
    log = {"$schema": _SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"
