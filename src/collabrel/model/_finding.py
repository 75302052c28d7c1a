"""Findings: the one vocabulary every analysis in collabrel speaks."""

from __future__ import annotations

from enum import Enum
from typing import Final

from attrs import field, frozen

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
    """One check that ran while judging a requirement: what was looked at and the answer."""

    description: str = field(validator=v.text())
    passed: bool | None = field(default=None, validator=v.optional(v.boolean()))
    observed: str | None = field(default=None, validator=v.optional(v.text(allow_empty=True)))
    path: str | None = v.optional_text()


@frozen(kw_only=True)
class Finding:
    """The outcome of evaluating one requirement (or analysis) against the records.

    Examples:
        >>> f = Finding(requirement="CBR.S5.RACI", result=Result.MINOR,
        ...     message="Activity 'plan' has two accountable parties",
        ...     paths=["relationship.governance.raci.activities[0]"])
        >>> f.result.is_nonconformity
        True
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
