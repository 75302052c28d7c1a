"""How the built-in rules grade their checks, and the answer for a plan without a relationship.

`judge` turns a rule's checks into a judgement:

- every check passed: conforms;
- the stage is not reached yet: agreed, not yet exercised when the stage's controls are agreed
  in advance (see `Context.planned`), else a minor
  nonconformity;
- an *essential* check failed (the record is missing, or its core content is): major;
- only other checks failed: minor.

The exit strategy's requirements are due from working together on: until the exit stage is
reached they are judged as of working together.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeAlias, TypeVar

from collabrel.conformance._rules import Context, Judgement, RuleFunction, _judgement
from collabrel.model import Check, Relationship, Result, Stage

__all__ = ["CheckFunction", "Checked", "graded", "judge", "no_relationship", "per_relationship"]

Checked: TypeAlias = Sequence[Check] | Judgement
"""What a bespoke rule's function returns: its checks, or a judgement it made itself."""

CheckFunction: TypeAlias = Callable[[Context], Checked]
"""A bespoke rule's function: the checks it asks of the plan."""

_C = TypeVar("_C", bound=Checked)


def judge(
    ctx: Context,
    stage: Stage | None,
    checks: Sequence[Check],
    *,
    title: str,
    remediation: str,
    essential: int = 1,
    subjects: Sequence[str] = (),
) -> Judgement:
    """Turn checks into a judgement (see the module): the first `essential` checks are core."""
    failed = [c for c in checks if c.passed is False]
    if stage is Stage.EXIT_STRATEGY and not ctx.reached(stage):
        stage = Stage.WORKING_TOGETHER  # the exit plan is due from working together on
    if not failed:
        return _judgement(result=Result.CONFORMS, message=f"{title}: in place", checks=checks)
    if stage is not None and not ctx.reached(stage):
        return _not_reached(ctx, stage, checks, title=title, remediation=remediation)
    major = any(c.passed is False for c in checks[:essential])
    grouped: dict[str, list[str]] = {}
    for c in failed:
        grouped.setdefault(c.description, []).extend([c.observed] if c.observed else [])
    detail = "; ".join(
        f"{d}: no" + (f" ({'; '.join(seen)})" if seen else "") for d, seen in grouped.items()
    )
    return _judgement(
        result=Result.MAJOR if major else Result.MINOR,
        message=f"{title}: {detail}",
        checks=checks,
        subjects=subjects,
        remediation=remediation,
    )


def _not_reached(
    ctx: Context, stage: Stage, checks: Sequence[Check], *, title: str, remediation: str
) -> Judgement:
    """A failed check of a stage not reached: agreed if its controls are, else minor."""
    planned = ctx.planned(stage)
    agreed = bool(planned.passed)
    return _judgement(
        result=Result.AGREED_NOT_EXERCISED if agreed else Result.MINOR,
        message=(
            f"{title}: {stage.title} is not reached yet and its controls are agreed"
            if agreed
            else f"{title}: {stage.title} is not reached yet and its controls are not "
            "agreed in advance"
        ),
        checks=[*checks, planned],
        evidence=[planned.path] if not agreed and planned.path else (),
        remediation=None if agreed else remediation,
    )


def no_relationship() -> Judgement:
    """The answer of a rule about one relationship for a template plan: not applicable."""
    return _judgement(
        result=Result.NOT_APPLICABLE,
        message="the plan has no relationship (a template): judged per relationship",
        evidence=["relationship"],
    )


def graded(
    func: CheckFunction,
    stage: Stage | None,
    *,
    title: str,
    remediation: str,
    essential: int = 1,
) -> RuleFunction:
    """A rule from a function of its checks, graded by `judge` with the rule's title.

    A judgement the function returns (a template's `not_applicable`, say) stands as it is.
    """

    def rule(ctx: Context) -> Judgement:
        checked = func(ctx)
        if isinstance(checked, Judgement):
            return checked
        return judge(ctx, stage, checked, title=title, remediation=remediation, essential=essential)

    rule.__doc__ = func.__doc__
    rule.__name__ = func.__name__
    return rule


def per_relationship(
    func: Callable[[Context, Relationship], _C],
) -> Callable[[Context], _C | Judgement]:
    """A rule about one relationship: `func(ctx, relationship)`, not applicable to a template."""

    def rule(ctx: Context) -> _C | Judgement:
        rel = ctx.rmp.relationship
        if rel is None:
            return no_relationship()
        return func(ctx, rel)

    rule.__doc__ = func.__doc__
    rule.__name__ = func.__name__
    return rule
