"""Findings: the one vocabulary every analysis in collabrel speaks."""

from __future__ import annotations

from enum import Enum
from typing import Any, Final

from attrs import field, frozen

from collabrel.errors import InvalidFieldError
from collabrel.model import _validators as v

__all__ = ["Check", "Finding", "Result"]

REQUIREMENT_PATTERN: Final = r"^[A-Z][A-Z0-9_]*(\.[A-Za-z0-9_]+)+$"


class Result(Enum):
    """The outcome of judging one requirement, in an auditor's grades.

    Examples:
        >>> Result.MAJOR.is_nonconformity, Result.OBSERVATION.is_nonconformity
        (True, False)
    """

    CONFORMS = "conforms"
    MINOR = "minor"
    MAJOR = "major"
    OBSERVATION = "observation"
    NOT_APPLICABLE = "not_applicable"
    NOT_ASSESSABLE = "not_assessable"
    AGREED_NOT_EXERCISED = "agreed_not_exercised"

    @property
    def is_nonconformity(self) -> bool:
        """Whether the result is a minor or major nonconformity."""
        return self in (Result.MINOR, Result.MAJOR)


@frozen(kw_only=True)
class Check:
    """One check that ran while judging a requirement: what was looked at and the answer.

    Attributes:
        description: What was checked, in words.
        passed: The answer (`None`: not judged).
        observed: What was seen.
        path: The document path looked at.
        rests_on: The document path of the record whose own requirement establishes the fact
            this check relies on, if it relies on one: an approval "by a SER" rests on the
            SER's appointment, a lifecycle gate on the record it waits for. When that
            record's requirement is a nonconformity in the same report, a finding whose
            failed checks all rest on such records is reported as its consequence (see
            `Finding.caused_by`).

    Examples:
        >>> c = Check(description="the policy is approved by a SER", passed=False,
        ...     rests_on="stages.awareness.ser_appointment")
        >>> c.rests_on
        'stages.awareness.ser_appointment'
    """

    description: str = field(validator=v.text())
    passed: bool | None = field(default=None, validator=v.optional(v.boolean()))
    observed: str | None = field(default=None, validator=v.optional(v.text(allow_empty=True)))
    path: str | None = v.optional_text()
    rests_on: str | None = v.optional_text()


@frozen(kw_only=True)
class Finding:
    """The outcome of evaluating one requirement (or analysis) against the records.

    A nonconformity is either a root cause or a consequence of one: `caused_by` names the
    root requirements (reported as nonconformities in the same report) whose failure
    explains every check that failed here. A consequence keeps its own result, message and
    remediation; reports show it as "consequence of" its roots and count it apart.

    Examples:
        >>> f = Finding(requirement="CBR.S5.RACI", result=Result.MINOR,
        ...     message="Activity 'plan' has two accountable parties",
        ...     paths=["relationship.governance.raci.activities[0]"])
        >>> f.result.is_nonconformity, f.is_consequence
        (True, False)
    """

    requirement: str = field(
        validator=v.matches(REQUIREMENT_PATTERN, "a requirement id such as 'CBR.S5.RACI'")
    )
    result: Result = field(validator=v.member_of(Result))
    message: str = field(validator=v.text())
    explanation: tuple[Check, ...] = field(
        default=(), converter=v.to_tuple, validator=v.items(Check)
    )
    paths: tuple[str, ...] = field(default=(), converter=v.to_tuple, validator=v.items(str))
    subjects: tuple[str, ...] = field(default=(), converter=v.to_tuple, validator=v.items(str))
    remediation: str | None = v.optional_text()
    caused_by: tuple[str, ...] = field(
        default=(),
        converter=v.to_tuple,
        validator=v.items(
            str, element_check=v.matches(REQUIREMENT_PATTERN, "a requirement id"), unique=True
        ),
    )

    @caused_by.validator
    def _check_caused_by(self, attribute: Any, value: tuple[str, ...]) -> None:
        if self.requirement in value:
            raise InvalidFieldError(
                "Finding", attribute.name, value, "root requirements other than its own"
            )

    @property
    def is_consequence(self) -> bool:
        """Whether the finding is a consequence of a root cause reported elsewhere."""
        return bool(self.caused_by)
