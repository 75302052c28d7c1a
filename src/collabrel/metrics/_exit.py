"""Exit readiness: a score from how complete and current the exit plan is.

`EXIT_CRITERIA` is the one table of how readiness is weighed: every element of the exit plan,
its weight, whether it is essential, the requirement whose text covers it and why. The
default weights (`DEFAULT_EXIT_WEIGHTS`), the essentials (`EXIT_ESSENTIALS`), the conformance
rule of `CBR.S8.EXIT_PLAN` and the table in the docs are all read from it.

The score is the weighted share of the elements in place, capped when an essential is
missing (`exit_readiness_cap`): one essential missing caps it at 49, two at 24.5, *k* at
49 / *k*. A plan without agreed triggers, disengagement steps or continuity arrangements is
never "mostly ready", however complete the rest of it is, and a plan with more missing never
scores higher than the same plan with less missing.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from datetime import date
from types import MappingProxyType
from typing import ClassVar, Final

from attrs import frozen

from collabrel._rows import records
from collabrel._text import plural
from collabrel.errors import MetricsError
from collabrel.metrics._checks import (
    check_count,
    check_day,
    check_instance,
    check_items,
    check_mapping,
    checked_weights,
)
from collabrel.metrics._output import Output
from collabrel.model import _display as d
from collabrel.model._exit import ExitPlan, TransferKind
from collabrel.model._finding import Check, Finding, Result

__all__ = [
    "DEFAULT_EXIT_WEIGHTS",
    "EXIT_CAP",
    "EXIT_CRITERIA",
    "EXIT_ESSENTIALS",
    "ExitCriterion",
    "ExitElement",
    "ExitReadiness",
    "assess_exit_readiness",
    "exit_readiness_cap",
]


@frozen(kw_only=True)
class ExitCriterion:
    """How one element of the exit plan is weighed in exit readiness, and why.

    Attributes:
        id: The element's id, e.g. `"steps"` (a key of `DEFAULT_EXIT_WEIGHTS`).
        label: The element in words.
        weight: Its default weight.
        essential: Whether its absence caps the score below 50 (`exit_readiness_cap`).
        requirement: The requirement whose text covers it, e.g. `"CBR.S8.TRIGGERS"`: the one
            that judges an essential missing as a nonconformity.
        field: The exit plan's field it is read from (`"status"`, `"triggers"`, ...).
        reason: Why it weighs what it weighs.

    Examples:
        >>> steps = next(c for c in EXIT_CRITERIA if c.id == "steps")
        >>> steps.essential, steps.weight, steps.requirement, steps.field
        (True, 3.0, 'CBR.S8.EXIT_PLAN', 'steps')
    """

    id: str
    label: str
    weight: float
    requirement: str
    field: str
    reason: str
    essential: bool = False


_PLAN: Final = "CBR.S8.EXIT_PLAN"
_TRANSITION: Final = "CBR.S8.TRANSITION"
_NAMED_TRANSFER: Final = (
    "Named by the requirement, but a relationship may have nothing of this kind to hand "
    "over, so a missing kind weighs without capping."
)
_OTHER_TRANSFER: Final = "Worth planning where it applies; the requirement does not name it."
_NAMED_KINDS: Final = frozenset(
    {
        TransferKind.PEOPLE,
        TransferKind.ASSETS,
        TransferKind.DATA,
        TransferKind.INTELLECTUAL_PROPERTY,
    }
)
"""The transfers CBR.S8.TRANSITION names: people, assets, data and intellectual property."""


def _transfer(kind: TransferKind) -> ExitCriterion:
    named = kind in _NAMED_KINDS
    return ExitCriterion(
        id=f"transfer_{kind.value}",
        label=f"transfer of {kind.value.replace('_', ' ')}",
        weight=2.0 if named else 1.0,
        requirement=_TRANSITION,
        field="transfers",
        reason=_NAMED_TRANSFER if named else _OTHER_TRANSFER,
    )


EXIT_CRITERIA: Final[tuple[ExitCriterion, ...]] = (
    ExitCriterion(
        id="approved",
        label="approved",
        weight=2.0,
        requirement=_PLAN,
        field="status",
        reason="A draft binds nobody: the exit strategy must be one the partners have agreed.",
        essential=True,
    ),
    ExitCriterion(
        id="current",
        label="reviewed within its period",
        weight=2.0,
        requirement=_PLAN,
        field="last_reviewed_on",
        reason="The strategy is kept current as the relationship changes; an overdue review makes "
        "the plan doubtful, not void, so it weighs without capping.",
    ),
    ExitCriterion(
        id="signed",
        label="signed by every partner",
        weight=2.0,
        requirement=_PLAN,
        field="signatories",
        reason="The strategy is joint: a partner who has not signed it is not bound to "
        "disengage by it.",
        essential=True,
    ),
    ExitCriterion(
        id="triggers",
        label="exit triggers agreed",
        weight=3.0,
        requirement="CBR.S8.TRIGGERS",
        field="triggers",
        reason="Without agreed triggers nobody can tell when the plan is to be activated.",
        essential=True,
    ),
    ExitCriterion(
        id="steps",
        label="disengagement steps",
        weight=3.0,
        requirement=_PLAN,
        field="steps",
        reason="Exit means orderly disengagement: without its steps there is nothing to carry out.",
        essential=True,
    ),
    ExitCriterion(
        id="continuity",
        label="continuity arrangements",
        weight=3.0,
        requirement=_TRANSITION,
        field="continuity",
        reason="Services must keep going while the partners disengage.",
        essential=True,
    ),
    *(_transfer(kind) for kind in TransferKind),
    ExitCriterion(
        id="responsibilities",
        label="responsibilities on exit",
        weight=2.0,
        requirement=_PLAN,
        field="responsibilities",
        reason="Who holds each duty on exit; the steps name owners of their own, so it weighs "
        "without capping.",
    ),
    ExitCriterion(
        id="future_relationship",
        label="future relationship",
        weight=1.0,
        requirement="CBR.S8.FUTURE",
        field="future_relationship",
        reason="Leaving the door open matters (a requirement of low importance), but not to an "
        "orderly exit.",
    ),
)
"""The elements of exit readiness, in a fixed order: weight, essential or not, and why.

Essential are the agreement itself (approved, signed by every partner) and what an exit cannot
be carried out without: agreed triggers, disengagement steps and continuity arrangements.
"""

DEFAULT_EXIT_WEIGHTS: Final[Mapping[str, float]] = MappingProxyType(
    {c.id: c.weight for c in EXIT_CRITERIA}
)
"""The default weight of each element of exit readiness (from `EXIT_CRITERIA`)."""

EXIT_ESSENTIALS: Final[frozenset[str]] = frozenset(c.id for c in EXIT_CRITERIA if c.essential)
"""The elements whose absence caps exit readiness below 50 (from `EXIT_CRITERIA`)."""

EXIT_CAP: Final = 49.0
"""The most a plan missing one essential can score: below 50, where a plan reads as not ready."""

_CRITERIA: Final = {c.id: c for c in EXIT_CRITERIA}


def exit_readiness_cap(missing_essentials: int) -> float:
    """The most a plan missing `missing_essentials` essentials can score.

    100 when none is missing; otherwise `EXIT_CAP` divided by how many are: 49 for one,
    24.5 for two, 49 / k for k. Always below 50 once one is missing, and lower for every
    further one, so a plan with more missing never scores higher.

    Raises:
        MetricsError: If `missing_essentials` is not an integer of at least 0.

    Examples:
        >>> [exit_readiness_cap(k) for k in range(4)]
        [100.0, 49.0, 24.5, 16.333333333333332]
    """
    k = check_count("missing_essentials", missing_essentials)
    return 100.0 if k == 0 else EXIT_CAP / k


@frozen(kw_only=True)
class ExitElement:
    """One element of exit readiness: whether it is in place, its weight and what was seen.

    Attributes:
        id: The element's id (see `EXIT_CRITERIA`).
        label: The element in words.
        met: Whether it is in place.
        weight: The weight it was given.
        essential: Whether its absence caps the score (`exit_readiness_cap`).
        detail: What was seen, e.g. `"2 steps"`.
    """

    id: str
    label: str
    met: bool
    weight: float
    detail: str
    essential: bool = False


@frozen(kw_only=True, repr=False)
class ExitReadiness(Output):
    """How ready the relationship is to exit in good order, from its exit plan.

    Its `repr` is a one-line summary, the score (with its cap, when an essential is missing)
    and the elements in place counted; in a notebook it is a table of the elements: in place
    or not, essential or not, weight and what was seen.

    Examples:
        >>> from datetime import date
        >>> from collabrel import examples
        >>> rel, day = examples.load("flawed").relationship, date(2026, 10, 31)
        >>> readiness = assess_exit_readiness(rel.exit_plan, day,
        ...                                   partner_ids=rel.parties_to_sign(rel.exit_plan, day))
        >>> readiness
        <ExitReadiness 'exit-plan' as of 2026-10-31: score 24.5
            (at most 24.5: 2 essentials missing); 5 of 14 elements in place>
        >>> round(readiness.weighted, 1), [e.id for e in readiness.capped_by]
        (39.3, ['triggers', 'continuity'])
        >>> assess_exit_readiness(None, date(2026, 10, 31), partner_ids=[])
        <ExitReadiness no exit plan as of 2026-10-31: score 0
            (at most 9.8: 5 essentials missing); 0 of 14 elements in place>

    Attributes:
        as_of: The day judged.
        plan_id: The exit plan's id (`None` when there is no plan).
        score: The readiness, 0-100: the weighted share, limited by the cap.
        elements: Each element, in the order of `EXIT_CRITERIA`.
        weighted: The weighted share of elements in place, 0-100, before the cap.
        cap: The most the plan could score with the essentials it misses
            (`exit_readiness_cap`); `None` when none is missing.
    """

    _title: ClassVar[str] = "Exit readiness"

    as_of: date
    plan_id: str | None
    score: float
    elements: tuple[ExitElement, ...]
    weighted: float
    cap: float | None = None

    @property
    def missing(self) -> tuple[ExitElement, ...]:
        """The elements not in place."""
        return tuple(e for e in self.elements if not e.met)

    @property
    def capped_by(self) -> tuple[ExitElement, ...]:
        """The essential elements not in place: those that set `cap`."""
        return tuple(e for e in self.missing if e.essential)

    def _capping(self) -> str:
        if self.cap is None:
            return ""
        n = len(self.capped_by)
        return f" (at most {d.format_number(self.cap, places=1)}: {plural(n, 'essential')} missing)"

    def _summary(self) -> str:
        met = len(self.elements) - len(self.missing)
        return (
            f"score {d.format_number(self.score, places=1)}{self._capping()}; "
            f"{met} of {plural(len(self.elements), 'element')} in place"
        )

    def _plan(self) -> str:
        return "no exit plan" if self.plan_id is None else repr(d.clip(self.plan_id, 40))

    def __repr__(self) -> str:
        return f"<ExitReadiness {self._plan()} as of {self.as_of.isoformat()}: {self._summary()}>"

    _repr_pretty_ = d.pretty

    def _repr_html_(self) -> str:
        plan = "no exit plan" if self.plan_id is None else self.plan_id
        head = d.heading(self._title, plan, f"as of {self.as_of.isoformat()}", self._summary())
        rows = [
            [
                e.label,
                "yes" if e.met else "no",
                "yes" if e.essential else "",
                d.format_number(e.weight),
                e.detail,
            ]
            for e in self.elements
        ]
        return d.block(
            head,
            d.table(["element", "in place", "essential", "weight", "seen"], rows, right=[3]),
        )

    def to_records(self, *, typed: bool = False) -> list[dict[str, object]]:
        """One row per element."""
        rows = [
            {
                "element": e.id,
                "label": e.label,
                "met": e.met,
                "essential": e.essential,
                "weight": e.weight,
                "detail": e.detail,
            }
            for e in self.elements
        ]
        return records(rows, typed=typed)

    def findings(self) -> tuple[Finding, ...]:
        """One `MET.EXIT_READINESS` observation per missing element (saying so if essential)."""
        capped = (
            f"; it is essential: readiness is at most {d.format_number(self.cap, places=1)}"
            if self.cap is not None
            else ""
        )
        return tuple(
            Finding(
                requirement="MET.EXIT_READINESS",
                result=Result.OBSERVATION,
                message=f"Exit plan: {e.label} is missing ({e.detail})"
                + (capped if e.essential else "")
                + ".",
                explanation=[Check(description=e.label, passed=False, observed=e.detail)],
                paths=[f"relationship.exit_plan.{_CRITERIA[e.id].field}"],
                subjects=[self.plan_id] if self.plan_id else [],
                remediation=f"Agree jointly and record in the exit plan: {e.label}.",
            )
            for e in self.missing
        )


def _count(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word if n == 1 else (many or word + 's')}"


def _observed(
    plan: ExitPlan, partner_ids: Sequence[str], as_of: date
) -> dict[str, tuple[bool, str]]:
    due = plan.review_due_as_of(as_of)
    unsigned = sorted(plan.unsigned_by(partner_ids))
    kinds = plan.transfer_kinds
    seen = {
        "approved": (plan.is_approved, plan.status.value),
        "current": (
            plan.is_current(as_of) and due is not None,
            f"next review due {due}" if due is not None else "no review period set",
        ),
        "signed": (
            not unsigned,
            f"not signed by {', '.join(unsigned)}" if unsigned else "every partner signed",
        ),
        "triggers": (bool(plan.triggers), _count(len(plan.triggers), "trigger")),
        "steps": (bool(plan.steps), _count(len(plan.steps), "step")),
        "continuity": (bool(plan.continuity), _count(len(plan.continuity), "arrangement")),
        "responsibilities": (
            bool(plan.responsibilities),
            _count(len(plan.responsibilities), "responsibility", "responsibilities"),
        ),
        "future_relationship": (
            plan.future_relationship is not None,
            "described" if plan.future_relationship is not None else "not described",
        ),
    }
    for kind in TransferKind:
        count = sum(1 for t in plan.transfers if t.kind is kind)
        seen[f"transfer_{kind.value}"] = (kind in kinds, _count(count, "transfer"))
    return seen


def assess_exit_readiness(
    plan: ExitPlan | None,
    as_of: date,
    *,
    partner_ids: Sequence[str],
    weights: Mapping[str, float] = DEFAULT_EXIT_WEIGHTS,
) -> ExitReadiness:
    """Score the exit plan's completeness and currency from 0 to 100.

    Each element of `EXIT_CRITERIA` is in place or not (approved; reviewed within its period
    as of `as_of`; signed by every partner; triggers; disengagement steps; continuity; a
    transfer of each kind; responsibilities; the future relationship). The score is the
    weighted share in place, capped by `exit_readiness_cap` when essentials are missing: at
    49 with one missing, 24.5 with two, 49 / k with k. No plan scores 0.

    Args:
        plan: The exit plan, e.g. `rmp.relationship.exit_plan`.
        as_of: The day to judge the review's currency on.
        partner_ids: The parties who must all have signed the plan: the relationship's
            `Relationship.parties_to_sign` of the plan on `as_of` (the conformance rules'
            parties, so "signed by every partner" means the same in both).
        weights: The weight of each element (every element must be listed; a weight of 0
            leaves an element out of the weighted share but not out of the list). An essential
            missing caps the score whatever its weight.

    Returns:
        The readiness, with every element, what was seen, and the cap with the essentials
        that set it.

    Raises:
        MetricsError: If `plan` is not an `ExitPlan` or `None`, `as_of` not a date,
            `partner_ids` not an iterable of strings, `weights` not a mapping, misses or adds
            an element, a weight (named in the message) is negative or not finite, or every
            weight is zero. Huge weights are fine: only their proportions count.

    Examples:
        >>> from datetime import date
        >>> from attrs import evolve
        >>> from collabrel import examples
        >>> rel, day = examples.load("alliance").relationship, date(2026, 10, 31)
        >>> parties = rel.parties_to_sign(rel.exit_plan, day)
        >>> readiness = assess_exit_readiness(rel.exit_plan, day, partner_ids=parties)
        >>> readiness.score, readiness.missing, readiness.cap
        (100.0, (), None)
        >>> no_steps = evolve(rel.exit_plan, steps=())
        >>> readiness = assess_exit_readiness(no_steps, day, partner_ids=parties)
        >>> round(readiness.weighted, 1), readiness.score, [e.id for e in readiness.capped_by]
        (89.3, 49.0, ['steps'])
    """
    if plan is not None:
        check_instance("plan", plan, ExitPlan)
    check_day("as_of", as_of)
    partner_ids = check_items("partner_ids", partner_ids, str)
    if set(check_mapping("weights", weights)) != set(DEFAULT_EXIT_WEIGHTS):
        missing = sorted(set(DEFAULT_EXIT_WEIGHTS) - set(weights))
        extra = sorted(set(weights) - set(DEFAULT_EXIT_WEIGHTS), key=str)
        raise MetricsError(
            f"exit readiness weights must name every element: missing {missing}, unknown {extra}"
        )
    checked = checked_weights(weights)
    total = math.fsum(checked.values())
    if total <= 0:
        raise MetricsError("at least one exit readiness weight must be above zero")
    seen = (
        _observed(plan, partner_ids, as_of)
        if plan is not None
        else dict.fromkeys(DEFAULT_EXIT_WEIGHTS, (False, "no exit plan"))
    )
    elements = tuple(
        ExitElement(
            id=c.id,
            label=c.label,
            met=seen[c.id][0],
            weight=checked[c.id],
            detail=seen[c.id][1],
            essential=c.essential,
        )
        for c in EXIT_CRITERIA
    )
    weighted = 100.0 * math.fsum(e.weight for e in elements if e.met) / total
    lacking = sum(1 for e in elements if e.essential and not e.met)
    cap = exit_readiness_cap(lacking) if lacking else None
    return ExitReadiness(
        as_of=as_of,
        plan_id=plan.id if plan is not None else None,
        score=weighted if cap is None else min(weighted, cap),
        elements=elements,
        weighted=weighted,
        cap=cap,
    )
