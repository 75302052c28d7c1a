"""Enterprise plans: what the organisation sets once, and relationship plans inheriting it.

An enterprise plan (`PlanKind.ENTERPRISE`) is the organisation-wide RMP. The catalogue says
which requirements are met at that level (`Requirement.level`, one column of the catalogue
data); an enterprise plan is judged on those (and on the `plan`-level ones every plan answers
for itself), and every relationship-level requirement is not applicable to it.

A relationship plan naming the enterprise plan in `meta.inherits` and assessed with it
(`assess(plan, enterprise=corporate)`) may rely on the enterprise plan's record of an
enterprise-level requirement where it has none of its own: the record rule judges the
inherited record by the same checks (in place on the date, approved, current within its own
review period), asked in the enterprise plan's own context, and its checks' paths read
`enterprise:<path>`, the "recorded" check saying which plan it was inherited from.
"""

from __future__ import annotations

from typing import Final

from collabrel.conformance import _trusted
from collabrel.conformance._catalogue import Catalogue, Requirement, RequirementLevel
from collabrel.conformance._rules import Context
from collabrel.errors import InvalidFieldError
from collabrel.model import Check, Finding, PlanKind, Record, RelationshipManagementPlan, Result

__all__ = ["PREFIX", "inheritable", "plan_name", "record_at"]

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
