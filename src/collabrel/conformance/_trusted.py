"""Trusted construction of the conformance layer's own value objects.

The checks, findings and outcomes that the built-in rules and `assess` build come
from values that are valid by construction: requirement ids checked when the catalogue was
loaded, enum members, non-empty literal descriptions, strings built by f-strings, tuples.
Running the public validators on them again took about half the time of an assessment
(measured with cProfile on the bundled examples), so these builders set the fields of the
frozen attrs instances directly, as attrs' own `__init__` does, without the checks.

Nothing here is public. Values from outside (a user rule's `Judgement`, a loaded report) always
go through the validating constructors; `tests/unit/conformance` checks that every object built
here equals the one the validating constructor builds from the same fields.
"""

from __future__ import annotations

from datetime import date
from typing import Final

from collabrel.conformance._catalogue import Importance
from collabrel.conformance._report import (
    REPORT_SCHEMA_VERSION,
    ConformanceReport,
    Outcome,
    StageProgress,
)
from collabrel.model import Check, EvidenceLink, Finding, PlanKind, Result, Stage

__all__ = ["check", "finding", "outcome", "report", "stage_progress"]

_new: Final = object.__new__
_set: Final = object.__setattr__


def check(
    description: str,
    passed: bool | None,
    observed: str | None,
    path: str | None,
    rests_on: str | None = None,
) -> Check:
    """A `Check` from trusted values."""
    c = _new(Check)
    _set(c, "description", description)
    _set(c, "passed", passed)
    _set(c, "observed", observed)
    _set(c, "path", path)
    _set(c, "rests_on", rests_on)
    return c


def finding(
    requirement: str,
    result: Result,
    message: str,
    *,
    explanation: tuple[Check, ...],
    paths: tuple[str, ...],
    subjects: tuple[str, ...],
    remediation: str | None,
    caused_by: tuple[str, ...] = (),
) -> Finding:
    """A `Finding` from trusted values."""
    f = _new(Finding)
    _set(f, "requirement", requirement)
    _set(f, "result", result)
    _set(f, "message", message)
    _set(f, "explanation", explanation)
    _set(f, "paths", paths)
    _set(f, "subjects", subjects)
    _set(f, "remediation", remediation)
    _set(f, "caused_by", caused_by)
    return f


def outcome(
    requirement: str,
    title: str,
    clause: str,
    *,
    stage: Stage | None,
    importance: Importance,
    result: Result,
    rules: tuple[str, ...],
    caused_by: tuple[str, ...] = (),
    evidence: tuple[EvidenceLink, ...] = (),
) -> Outcome:
    """An `Outcome` from trusted values."""
    o = _new(Outcome)
    _set(o, "requirement", requirement)
    _set(o, "title", title)
    _set(o, "clause", clause)
    _set(o, "stage", stage)
    _set(o, "importance", importance)
    _set(o, "result", result)
    _set(o, "rules", rules)
    _set(o, "caused_by", caused_by)
    _set(o, "evidence", evidence)
    return o


def stage_progress(stage: Stage, status: str | None, *, reached: bool) -> StageProgress:
    """A `StageProgress` from trusted values."""
    p = _new(StageProgress)
    _set(p, "stage", stage)
    _set(p, "status", status)
    _set(p, "reached", reached)
    return p


def report(
    standard: str,
    catalogue_version: int,
    as_of: date,
    *,
    subject: str | None,
    subject_name: str | None,
    outcomes: tuple[Outcome, ...],
    findings: tuple[Finding, ...],
    stages: tuple[StageProgress, ...],
    plan_kind: PlanKind = PlanKind.RELATIONSHIP,
) -> ConformanceReport:
    """A `ConformanceReport` of an assessment, from trusted values."""
    r = _new(ConformanceReport)
    _set(r, "standard", standard)
    _set(r, "catalogue_version", catalogue_version)
    _set(r, "as_of", as_of)
    _set(r, "subject", subject)
    _set(r, "subject_name", subject_name)
    _set(r, "outcomes", outcomes)
    _set(r, "findings", findings)
    _set(r, "stages", stages)
    _set(r, "drafted_from", None)
    _set(r, "schema_version", REPORT_SCHEMA_VERSION)
    _set(r, "plan_kind", plan_kind)
    return r
