"""Enterprise plans: what the organisation sets once, and relationship plans inheriting it.

An enterprise plan (`PlanKind.ENTERPRISE`) is the organisation-wide RMP. The catalogue says
which requirements are met at that level (`Requirement.level`, one column of the catalogue
data); an enterprise plan is judged on those (and on the `plan`-level ones every plan answers
for itself), and every relationship-level requirement is not applicable to it (not
assessable, as on any plan, where records cannot show it).

A relationship plan naming the enterprise plan in `meta.inherits` and assessed with it
(`assess(plan, enterprise=corporate)`) may rely on the enterprise plan's record of an
enterprise-level requirement where it has none of its own: the record rule judges the
inherited record by the same checks (in place on the date, approved, current within its own
review period), asked in the enterprise plan's own context, and its checks' paths read
`enterprise:<path>`, the "recorded" check saying which plan it was inherited from.
"""

from __future__ import annotations

import copy
from typing import Final, TypeVar

import attrs

from collabrel.conformance import _trusted
from collabrel.conformance._catalogue import Catalogue, Requirement, RequirementLevel
from collabrel.conformance._rules import Context
from collabrel.errors import DocumentError, InvalidFieldError
from collabrel.model import Check, Finding, PlanKind, Record, RelationshipManagementPlan, Result

__all__ = ["PREFIX", "inheritable", "plan_name", "record_at", "with_inherited"]

_T = TypeVar("_T")

PREFIX: Final = "enterprise:"
"""What the path of an inherited record starts with: `enterprise:stages.awareness.policy`."""


def inheritable(cat: Catalogue) -> frozenset[str]:
    """The record paths a relationship plan may inherit: those of the enterprise-level requirements.

    Examples:
        >>> from collabrel.conformance import catalogue
        >>> sorted(inheritable(catalogue("bs11000-1:2010")))  # doctest: +NORMALIZE_WHITESPACE
        ['stages.awareness.policy', 'stages.awareness.relationship_portfolio',
         'stages.internal_assessment.collaborative_profile',
         'stages.internal_assessment.competence_assessment']
    """
    return frozenset(
        path
        for r in cat.requirements
        if r.level is RequirementLevel.ENTERPRISE
        for path in r.records
    )


def plan_name(plan: RelationshipManagementPlan) -> str:
    """The enterprise plan in words: `enterprise plan 'Title' (revision 3)`."""
    return f"enterprise plan {plan.meta.title!r} (revision {plan.meta.revision})"


def record_at(ctx: Context, path: str) -> tuple[Context, Record | None, str]:
    """The record a rule judges at `path`: the plan's own, else the one it inherits.

    Returns the context to ask the auditor's questions in (the enterprise plan's, for an
    inherited record), the record (`None` when neither plan has one) and the path to report
    (`enterprise:<path>` for an inherited record).
    """
    record, _ = ctx.at(path, Record)
    enterprise = ctx.enterprise
    if record is None and enterprise is not None and path in ctx.inheritable:
        inherited, _ = enterprise.at(path, Record)
        if inherited is not None:
            return enterprise, inherited, PREFIX + path
    return ctx, record, path


def with_inherited(ctx: Context) -> RelationshipManagementPlan:
    """The plan as the lifecycle guards see it: each record it inherits in its own place.

    The guards replayed over the history (`CR.MS.OPERATIONAL_PLANNING`) ask whether a stage's
    records were there when it completed; a record the plan inherits counts as its own, as it
    does for the record rules. Without an enterprise plan (or when an inherited record's id
    clashes with one of the plan's), the plan itself.
    """
    enterprise = ctx.enterprise
    plan = ctx.rmp
    if enterprise is None:
        return plan
    for path in sorted(ctx.inheritable):
        _, record, _ = record_at(ctx, path)
        if record is not None and ctx.at(path)[0] is None:
            plan = _put(plan, path.split("."), record)
    try:
        return attrs.evolve(plan)  # the document's checks, once, over the records put in
    except DocumentError:
        return ctx.rmp


def _put(obj: _T, names: list[str], value: object) -> _T:
    """`obj` with `value` at the path `names`, each part on the way evolved (not re-checked)."""
    head, *rest = names
    inner = value if not rest else _put(getattr(obj, head), rest, value)
    new = copy.copy(obj)
    object.__setattr__(new, head, inner)
    return new


def inherited(check: Check, asked: Context) -> Check:
    """The "recorded" check of an inherited record, saying which plan it was inherited from."""
    observed = f"{check.observed}, inherited from {plan_name(asked.rmp)}"
    return _trusted.check(check.description, check.passed, observed, check.path, check.rests_on)


def names(rmp: RelationshipManagementPlan, enterprise: RelationshipManagementPlan | None) -> bool:
    """Whether `rmp` names `enterprise` in `meta.inherits` (its title, and revision if pinned)."""
    ref = rmp.meta.inherits
    return (
        enterprise is not None
        and ref is not None
        and ref.matches(enterprise.meta.title, enterprise.meta.revision)
    )


def check_enterprise(
    rmp: RelationshipManagementPlan, enterprise: object
) -> RelationshipManagementPlan | None:
    """`enterprise`, checked to be the enterprise plan `rmp` says it inherits from.

    Raises:
        InvalidFieldError: If `enterprise` is not an enterprise plan, or `rmp` names no
            enterprise plan or another one (another title, or another revision it pins).
    """
    if enterprise is None:
        return None
    if (
        not isinstance(enterprise, RelationshipManagementPlan)
        or enterprise.meta.kind is not PlanKind.ENTERPRISE
    ):
        got = (
            f"a {enterprise.meta.kind.value} plan"
            if isinstance(enterprise, RelationshipManagementPlan)
            else type(enterprise).__name__
        )
        expected = "a plan whose meta.kind is 'enterprise'"
        raise InvalidFieldError("assess", "enterprise", got, expected)
    ref = rmp.meta.inherits
    meta = enterprise.meta
    if ref is None or not names(rmp, enterprise):
        named = (
            "no enterprise plan in meta.inherits"
            if ref is None
            else f"{ref.title!r}" + (f" revision {ref.revision}" if ref.revision else "")
        )
        raise InvalidFieldError(
            "assess",
            "enterprise",
            f"{meta.title!r} revision {meta.revision}",
            f"the enterprise plan the plan inherits from ({named})",
        )
    return enterprise


def not_applicable(req: Requirement) -> Finding:
    """The finding on a relationship-level requirement of an enterprise plan: not applicable."""
    return _trusted.finding(
        req.id,
        Result.NOT_APPLICABLE,
        f"{req.title}: not applicable to an enterprise plan (a {req.level.value}-level "
        "requirement, met by each relationship plan)",
        explanation=(),
        paths=(),
        subjects=(),
        remediation=None,
    )
