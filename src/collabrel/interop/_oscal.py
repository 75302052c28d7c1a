"""OSCAL: a catalogue as an OSCAL catalog, a conformance report as OSCAL assessment results.

Both are plain JSON written with the standard library (no OSCAL library at run time), for
OSCAL 1.2.1. Every UUID is a version-5 UUID derived from the content, so exporting the same
catalogue or report again gives the same bytes; `tests/unit/interop/test_oscal.py` validates
the documents with compliance-trestle's models.

OSCAL's objective status knows only `satisfied` and `not-satisfied`; collabrel's own grade
travels in the props (namespace `OSCAL_NS`) of each finding: `result` (collabrel's value, e.g.
`agreed_not_exercised`) and `status` (`satisfied`, `observation`, `agreed-not-exercised`,
`not-applicable`, `partial`, `not-satisfied`, `not-assessable`).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from datetime import date, datetime
from typing import Final

from collabrel.conformance import Catalogue, ConformanceReport, Outcome, Requirement
from collabrel.errors import ArgumentError
from collabrel.interop._catalogue import Branch, catalogue_of, tree
from collabrel.model import Check, Finding, Result
from collabrel.report._outline import RESULT_LABELS
from collabrel.serialization._formats import render
from collabrel.serialization._io import to_data

__all__ = ["OSCAL_NS", "OSCAL_VERSION", "to_oscal_assessment_results", "to_oscal_catalog"]

OSCAL_VERSION: Final = "1.2.1"
"""The OSCAL version collabrel writes (the one compliance-trestle 5.2 validates)."""

OSCAL_NS: Final = "https://collabrel.readthedocs.io/ns/oscal"
"""The namespace of the props collabrel adds (its grades, clauses, stages)."""

_UUIDS: Final = uuid.uuid5(uuid.NAMESPACE_URL, OSCAL_NS)

_STATUS: Final[dict[Result, tuple[str, str, str]]] = {
    Result.CONFORMS: ("satisfied", "pass", "satisfied"),
    Result.OBSERVATION: ("satisfied", "pass", "observation"),
    Result.AGREED_NOT_EXERCISED: ("satisfied", "other", "agreed-not-exercised"),
    Result.NOT_APPLICABLE: ("satisfied", "other", "not-applicable"),
    Result.MINOR: ("not-satisfied", "fail", "partial"),
    Result.MAJOR: ("not-satisfied", "fail", "not-satisfied"),
    Result.NOT_ASSESSABLE: ("not-satisfied", "other", "not-assessable"),
}
"""Each result as OSCAL's objective state and reason, and the `status` prop's value.

A minor nonconformity is a partial conformity; what records cannot judge is never reported
as satisfied; agreed controls of a stage not reached yet are satisfied for now.
"""


def _prop(name: str, value: str, cls: str | None = None) -> dict[str, str]:
    prop = {"name": name, "ns": OSCAL_NS, "value": value}
    if cls is not None:
        prop["class"] = cls
    return prop


def _canonical(data: object) -> str:
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _instant(when: date | datetime) -> str:
    if isinstance(when, datetime):
        return when.isoformat()
    return f"{when.isoformat()}T00:00:00+00:00"


def _token(text: str) -> str:
    """`text` as an OSCAL token (letters, digits, `_`, `-`, `.`; not starting with a digit)."""
    kept = "".join(ch if ch.isalnum() or ch in "_-." else "-" for ch in text)
    return kept if kept[:1].isalpha() or kept[:1] == "_" else f"_{kept}"


def _flag(value: bool) -> str:
    return "true" if value else "false"


# ---------------------------------------------------------------- the catalog


def to_oscal_catalog(standard: str | Catalogue, *, last_modified: date | datetime) -> str:
    """A catalogue as an OSCAL catalog (JSON).

    Each clause is a group (`clause-8.6`, sub-clauses nested), each requirement a control
    with our id as its `id`, our title, and our paraphrase as its statement part
    (`CBR.S5.RACI_smt`, the target of the findings `to_oscal_assessment_results` writes).
    Props in collabrel's namespace (`OSCAL_NS`) carry the clause, stage, importance, whether it is
    joint and assessable, and the clauses it corresponds to; an `assessment-method` part
    says how it is judged: by examining the plan's records (listed), or by interview when
    records cannot judge it (with the reason).

    Args:
        standard: A catalogue name (`"bs11000-1:2010"`, `"iso44001:2017"`) or a catalogue.
        last_modified: The catalog's `last-modified` (a date is midnight UTC; a datetime must
            carry its timezone). collabrel never reads the clock: the same arguments always
            give the same bytes.

    Returns:
        The catalog's JSON text, for OSCAL 1.2.1.

    Raises:
        CatalogueError: If `standard` names no catalogue.
        ArgumentError: If an argument is not of the right type, or `last_modified` has no
            timezone.

    Examples:
        >>> import json
        >>> from datetime import date
        >>> doc = json.loads(to_oscal_catalog("iso44001:2017", last_modified=date(2026, 11, 1)))
        >>> doc["catalog"]["metadata"]["oscal-version"]
        '1.2.1'
        >>> group = doc["catalog"]["groups"][0]
        >>> group["id"], group["groups"][0]["controls"][0]["id"]
        ('clause-4', 'MS.4.1.CONTEXT')
    """
    cat = catalogue_of(standard)
    when = _checked_instant(last_modified, "last_modified")
    branches, outside = tree(cat)
    body: dict[str, object] = {
        "metadata": {
            "title": cat.title,
            "last-modified": when,
            "version": str(cat.version),
            "oscal-version": OSCAL_VERSION,
            "props": [_prop("catalogue", cat.name)],
            **({"remarks": cat.notice} if cat.notice else {}),
        },
    }
    groups = _groups(branches)
    if groups:
        body["groups"] = groups
    if outside:
        body["controls"] = [_control(r) for r in outside]
    document_id = uuid.uuid5(_UUIDS, "catalog:" + _canonical(body))
    return render({"catalog": {"uuid": str(document_id), **body}}, "json")


def _checked_instant(when: object, argument: str) -> str:
    if isinstance(when, datetime):
        if when.tzinfo is None or when.utcoffset() is None:
            raise ArgumentError(argument, when, "a date or a datetime with a timezone")
        return _instant(when)
    if isinstance(when, date):
        return _instant(when)
    raise ArgumentError(argument, when, "a date or a datetime with a timezone")


def _groups(branches: tuple[Branch, ...]) -> list[dict[str, object]]:
    """The clause groups, nested as the clauses are."""
    top: list[dict[str, object]] = []
    by_clause: dict[str, dict[str, object]] = {}
    for b in branches:
        props = [{"name": "label", "value": b.clause.id}]
        if b.clause.stage is not None:
            props.append(_prop("stage", b.clause.stage.value))
        group: dict[str, object] = {
            "id": _token(f"clause-{b.clause.id}"),
            "title": b.clause.title,
            "props": props,
        }
        if b.requirements:
            group["controls"] = [_control(r) for r in b.requirements]
        by_clause[b.clause.id] = group
        if b.parent is None:
            top.append(group)
        else:
            parent = by_clause[b.parent.id]
            children = parent.setdefault("groups", [])
            assert isinstance(children, list)  # noqa: S101 - built just above
            children.append(group)
    return top


def _control(req: Requirement) -> dict[str, object]:
    props = [
        {"name": "label", "value": req.id},
        _prop("clause", req.clause),
        *([_prop("stage", req.stage.value)] if req.stage is not None else []),
        _prop("importance", req.importance.value),
        _prop("joint", _flag(req.joint)),
        _prop("assessable", _flag(req.assessable)),
        *(
            _prop("reference", f"{ref.standard} {ref.clause}", _verified(ref.verified))
            for ref in req.references
        ),
    ]
    parts: list[dict[str, object]] = [
        {"id": f"{req.id}_smt", "name": "statement", "prose": req.text}
    ]
    if req.records:
        parts.append(
            {
                "id": f"{req.id}_asm-examine",
                "name": "assessment-method",
                "props": [{"name": "method", "value": "EXAMINE"}],
                "parts": [
                    {
                        "id": f"{req.id}_asm-examine_obj",
                        "name": "assessment-objects",
                        "prose": "The plan's records: " + "; ".join(req.records) + ".",
                    }
                ],
            }
        )
    if not req.assessable:
        parts.append(
            {
                "id": f"{req.id}_asm-interview",
                "name": "assessment-method",
                "props": [{"name": "method", "value": "INTERVIEW"}],
                "prose": f"Not assessable from records: {req.not_assessable_reason}",
            }
        )
    return {
        "id": req.id,
        "class": "requirement",
        "title": req.title,
        "props": props,
        "parts": parts,
    }


def _verified(verified: bool) -> str:
    return "verified" if verified else "unverified"


# ---------------------------------------------------------------- assessment results


def to_oscal_assessment_results(report: ConformanceReport) -> str:
    """A conformance report as OSCAL assessment results (JSON), in one result.

    Each finding of the report is an observation: its message, its checks (in `remarks`,
    with the remediation), the examined method, and its document paths as relevant
    evidence (each with a `path` prop). Each requirement's outcome is a finding on the
    control's statement (`CBR.S5.RACI_smt`, as `to_oscal_catalog` writes it) that relates
    the observations behind it. OSCAL's status is `satisfied` or `not-satisfied` only, so
    collabrel's grade is in the finding's props: `result` (the outcome's value) and `status`:

    | result | OSCAL state (reason) | `status` prop |
    |---|---|---|
    | conforms | satisfied (pass) | `satisfied` |
    | observation | satisfied (pass) | `observation` |
    | agreed, not exercised | satisfied (other) | `agreed-not-exercised` |
    | not applicable | satisfied (other) | `not-applicable` |
    | minor | not-satisfied (fail) | `partial` |
    | major | not-satisfied (fail) | `not-satisfied` |
    | not assessable | not-satisfied (other) | `not-assessable` |

    Every instant is the report's `as_of` at midnight UTC and every UUID derives from the
    report, so the same report always gives the same bytes. The assessment plan it imports
    is `#` (collabrel has none to point to).

    Args:
        report: The conformance report (from `assess`).

    Returns:
        The assessment results' JSON text, for OSCAL 1.2.1.

    Raises:
        ArgumentError: If `report` is not a `ConformanceReport`.

    Examples:
        >>> import json
        >>> from datetime import date
        >>> import collabrel as cr
        >>> report = cr.assess(cr.examples.load("flawed"), "iso44001:2017",
        ...                    as_of=date(2026, 10, 31))
        >>> doc = json.loads(to_oscal_assessment_results(report))
        >>> finding = doc["assessment-results"]["results"][0]["findings"][0]
        >>> finding["target"]["target-id"], finding["target"]["status"]
        ('MS.4.1.CONTEXT_smt', {'state': 'not-satisfied', 'reason': 'fail'})
        >>> [p["value"] for p in finding["props"] if p["name"] == "status"]
        ['partial']
    """
    if not isinstance(report, ConformanceReport):
        raise ArgumentError("report", report, "a ConformanceReport")
    seed = uuid.uuid5(_UUIDS, "report:" + _canonical(to_data(report)))

    def uid(*key: str) -> str:
        return str(uuid.uuid5(seed, "/".join(key)))

    when = _instant(report.as_of)
    observations: list[dict[str, object]] = []
    by_requirement: dict[str, list[str]] = {}
    for i, finding in enumerate(report.findings):
        observation = _observation(finding, uid("observation", str(i)), when)
        observations.append(observation)
        by_requirement.setdefault(finding.requirement, []).append(str(observation["uuid"]))
    findings = [
        _finding(
            o, report.findings_for(o.requirement), by_requirement, uid("finding", o.requirement)
        )
        for o in report.outcomes
    ]
    result: dict[str, object] = {
        "uuid": uid("result"),
        "title": f"Assessment against {report.standard} as of {report.as_of.isoformat()}",
        "description": _summary(report),
        "start": when,
        "props": _result_props(report),
        "reviewed-controls": {"control-selections": [{"include-all": {}}]},
    }
    if observations:
        result["observations"] = observations
    if findings:
        result["findings"] = findings
    subject = report.subject_name or report.subject or "a template plan"
    document = {
        "assessment-results": {
            "uuid": uid("assessment-results"),
            "metadata": {
                "title": f"collabrel assessment of {subject} against {report.standard}",
                "last-modified": when,
                "version": report.as_of.isoformat(),
                "oscal-version": OSCAL_VERSION,
            },
            "import-ap": {"href": "#"},
            "results": [result],
        }
    }
    return render(document, "json")


def _summary(report: ConformanceReport) -> str:
    cert = report.certification
    if cert.ready:
        return "collabrel: ready for certification."
    return "collabrel: not ready for certification: " + "; ".join(cert.reasons) + "."


def _result_props(report: ConformanceReport) -> list[dict[str, str]]:
    props = [
        _prop("standard", report.standard),
        _prop("catalogue-version", str(report.catalogue_version)),
        _prop("certification", "ready" if report.certification.ready else "not-ready"),
    ]
    if report.subject is not None:
        props.append(_prop("subject", report.subject))
    if report.drafted_from is not None:
        props.append(_prop("drafted-from", report.drafted_from))
    return props


def _observation(finding: Finding, observation_id: str, when: str) -> dict[str, object]:
    observation: dict[str, object] = {
        "uuid": observation_id,
        "title": f"{finding.requirement}: {RESULT_LABELS[finding.result]}",
        "description": finding.message,
        "props": [_prop("requirement", finding.requirement), _prop("result", finding.result.value)],
        "methods": ["EXAMINE"],
        "types": ["finding"],
    }
    if finding.paths:
        observation["relevant-evidence"] = [
            {"description": f"The plan at {path}", "props": [_prop("path", path)]}
            for path in finding.paths
        ]
    observation["collected"] = when
    remarks = _remarks(finding.explanation, finding.remediation)
    if remarks:
        observation["remarks"] = remarks
    return observation


def _remarks(checks: Iterable[Check], remediation: str | None) -> str:
    lines = [f"- {c.description}: {_verdict(c)}" for c in checks]
    if remediation:
        lines.append(f"Remediation: {remediation}")
    return "\n".join(lines)


def _verdict(check: Check) -> str:
    verdict = {True: "yes", False: "no", None: "noted"}[check.passed]
    return f"{verdict} ({check.observed})" if check.observed else verdict


def _finding(
    outcome: Outcome,
    findings: tuple[Finding, ...],
    observations: dict[str, list[str]],
    finding_id: str,
) -> dict[str, object]:
    state, reason, status = _STATUS[outcome.result]
    props = [
        _prop("result", outcome.result.value),
        _prop("status", status),
        _prop("clause", outcome.clause),
        *([_prop("stage", outcome.stage.value)] if outcome.stage is not None else []),
    ]
    out: dict[str, object] = {
        "uuid": finding_id,
        "title": f"{outcome.requirement} {outcome.title}",
        "description": " ".join(f.message for f in findings) or outcome.title,
        "props": props,
        "target": {
            "type": "statement-id",
            "target-id": f"{outcome.requirement}_smt",
            "status": {"state": state, "reason": reason},
        },
    }
    related = observations.get(outcome.requirement)
    if related:
        out["related-observations"] = [{"observation-uuid": u} for u in related]
    return out
