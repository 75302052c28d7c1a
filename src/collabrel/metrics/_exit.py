"""Exit readiness: a score from how complete and current the exit plan is."""

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
    "ExitElement",
    "ExitReadiness",
    "assess_exit_readiness",
]

DEFAULT_EXIT_WEIGHTS: Final[Mapping[str, float]] = MappingProxyType(
    {
        "approved": 1.0,
        "current": 2.0,
        "signed": 1.0,
        "triggers": 2.0,
        "steps": 1.0,
        "continuity": 2.0,
        "transfer_people": 2.0,
        "transfer_assets": 2.0,
        "transfer_data": 2.0,
        "transfer_intellectual_property": 2.0,
        "transfer_knowledge": 1.0,
        "transfer_customers": 1.0,
        "responsibilities": 2.0,
        "future_relationship": 1.0,
    }
)
"""The elements of exit readiness and their weights: the essentials (triggers, continuity,
the transfer of people, assets, data and intellectual property, responsibilities and a review
within its period) count twice."""

_LABELS: Final = {
    "approved": "approved",
    "current": "reviewed within its period",
    "signed": "signed by every partner",
    "triggers": "exit triggers agreed",
    "steps": "disengagement steps",
    "continuity": "continuity arrangements",
    "transfer_people": "transfer of people",
    "transfer_assets": "transfer of assets",
    "transfer_data": "transfer of data",
    "transfer_intellectual_property": "transfer of intellectual property",
    "transfer_knowledge": "transfer of knowledge",
    "transfer_customers": "transfer of customers",
    "responsibilities": "responsibilities on exit",
    "future_relationship": "future relationship",
}


@frozen(kw_only=True)
class ExitElement:
    """One element of exit readiness: whether it is in place, its weight and what was seen."""

    id: str
    label: str
    met: bool
    weight: float
    detail: str


@frozen(kw_only=True, repr=False)
class ExitReadiness(Output):
    """How ready the relationship is to exit in good order, from its exit plan.

    Its `repr` is a one-line summary, the score and the elements in place counted; in a
    notebook it is a table of the elements: in place or not, weight and what was seen.

    Examples:
        >>> from datetime import date
        >>> from collabrel import examples
        >>> rel = examples.load("flawed").relationship
        >>> assess_exit_readiness(rel.exit_plan, date(2026, 10, 31),
        ...                       partner_ids=rel.parties_to_agreement)
        <ExitReadiness 'exit-plan' as of 2026-10-31: score 31.8; 5 of 14 elements in place>
        >>> assess_exit_readiness(None, date(2026, 10, 31), partner_ids=[])
        <ExitReadiness no exit plan as of 2026-10-31: score 0; 0 of 14 elements in place>

    Attributes:
        as_of: The day judged.
        plan_id: The exit plan's id (`None` when there is no plan).
        score: The weighted share of elements in place, 0-100.
        elements: Each element, in a fixed order.
    """

    _title: ClassVar[str] = "Exit readiness"

    as_of: date
    plan_id: str | None
    score: float
    elements: tuple[ExitElement, ...]

    @property
    def missing(self) -> tuple[ExitElement, ...]:
        """The elements not in place."""
        return tuple(e for e in self.elements if not e.met)

    def _summary(self) -> str:
        met = len(self.elements) - len(self.missing)
        return (
            f"score {d.format_number(self.score, places=1)}; "
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
            [e.label, "yes" if e.met else "no", d.format_number(e.weight), e.detail]
            for e in self.elements
        ]
        return d.block(head, d.table(["element", "in place", "weight", "seen"], rows, right=[2]))

    def to_records(self, *, typed: bool = False) -> list[dict[str, object]]:
        """One row per element."""
        rows = [
            {
                "element": e.id,
                "label": e.label,
                "met": e.met,
                "weight": e.weight,
                "detail": e.detail,
            }
            for e in self.elements
        ]
        return records(rows, typed=typed)

    def findings(self) -> tuple[Finding, ...]:
        """One `MET.EXIT_READINESS` observation per missing element."""
        return tuple(
            Finding(
                requirement="MET.EXIT_READINESS",
                result=Result.OBSERVATION,
                message=f"Exit plan: {e.label} is missing ({e.detail}).",
                explanation=[Check(description=e.label, passed=False, observed=e.detail)],
                paths=["relationship.exit_plan"],
                subjects=[self.plan_id] if self.plan_id else [],
                remediation=f"Agree the {e.label} jointly and record it in the exit plan.",
            )
            for e in self.missing
        )


def _count(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word if n == 1 else (many or word + 's')}"


def _observed(
    plan: ExitPlan, partner_ids: Sequence[str], as_of: date
) -> dict[str, tuple[bool, str]]:
    due = plan.review_due_on
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

    Each element of `DEFAULT_EXIT_WEIGHTS` is in place or not
    (approved; reviewed within its period as of `as_of`; signed by every partner; triggers;
    disengagement steps; continuity; a transfer of each kind; responsibilities; the future
    relationship); the score is the weighted share in place. No plan scores 0.

    Args:
        plan: The exit plan, e.g. `rmp.relationship.exit_plan`.
        as_of: The day to judge the review's currency on.
        partner_ids: The parties who must all sign the plan: the relationship's
            `Relationship.parties_to_agreement`.
        weights: The weight of each element (every element must be listed; a weight of 0
            leaves an element out of the score but not out of the list).

    Returns:
        The readiness, with every element and what was seen.

    Raises:
        MetricsError: If `plan` is not an `ExitPlan` or `None`, `as_of` not a date,
            `partner_ids` not an iterable of strings, `weights` not a mapping, misses or adds
            an element, a weight (named in the message) is negative or not finite, or every
            weight is zero. Huge weights are fine: only their proportions count.

    Examples:
        >>> from datetime import date
        >>> from collabrel import examples
        >>> rel = examples.load("alliance").relationship
        >>> readiness = assess_exit_readiness(rel.exit_plan, date(2026, 10, 31),
        ...                                   partner_ids=rel.parties_to_agreement)
        >>> readiness.score, readiness.missing
        (100.0, ())
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
            id=key,
            label=_LABELS[key],
            met=seen[key][0],
            weight=checked[key],
            detail=seen[key][1],
        )
        for key in DEFAULT_EXIT_WEIGHTS
    )
    score = 100.0 * math.fsum(e.weight for e in elements if e.met) / total
    return ExitReadiness(
        as_of=as_of,
        plan_id=plan.id if plan is not None else None,
        score=score,
        elements=elements,
    )
