"""Objectives and the value the parties expect to create together."""

from __future__ import annotations

from datetime import date
from itertools import pairwise
from typing import Any, ClassVar

from attrs import field, frozen

from collabrel.errors import InvalidFieldError
from collabrel.model import _validators as v
from collabrel.model._display import pretty, summary_repr
from collabrel.model._enums import ValueStatus
from collabrel.model._refs import ref

__all__ = [
    "ExpectedBenefit",
    "InterimTarget",
    "Objective",
    "RealisedValue",
    "ValueProposition",
]


@frozen(kw_only=True)
class Objective:
    """An objective: one partner's own ("yours", "mine") or joint ("ours", no `partner_id`).

    Examples:
        >>> Objective(id="o1", statement="Cut possession overruns by half").is_joint
        True
    """

    _entity_kind: ClassVar[str] = "objective"

    id: str = field(validator=v.identifier())
    statement: str = field(validator=v.text())
    partner_id: str | None = v.optional_id("partner")
    owner: str | None = v.optional_id("person")
    target_date: date | None = v.optional_date()
    kpi_ids: tuple[str, ...] = field(
        default=(),
        converter=v.dedupe,
        validator=v.items(str, element_check=v.identifier()),
        metadata=ref("kpi"),
    )

    @property
    def is_joint(self) -> bool:
        """Whether the objective is shared by all parties rather than one partner's own."""
        return self.partner_id is None


@frozen(kw_only=True)
class InterimTarget:
    """A point on a benefit's realisation plan: the value expected realised by a day.

    The amount is cumulative, in the benefit's unit: what should have been realised in all
    by `on`, as the benefit's target is by its due date.
    """

    on: date = field(validator=v.calendar_date())
    amount: float = field(converter=v.to_float, validator=v.number())
    note: str | None = v.optional_text()


def _check_interim_targets(
    inst: ExpectedBenefit, attribute: Any, value: tuple[InterimTarget, ...]
) -> None:
    for earlier, later in pairwise(value):
        if later.on < earlier.on:
            raise InvalidFieldError(
                "ExpectedBenefit",
                attribute.name,
                later.on,
                f"in date order (after {earlier.on.isoformat()})",
            )
    if not value:
        return
    if inst.baseline_on is not None and value[0].on < inst.baseline_on:
        raise InvalidFieldError(
            "ExpectedBenefit",
            attribute.name,
            value[0].on,
            f"on or after baseline_on ({inst.baseline_on.isoformat()})",
        )
    if inst.due_on is not None and value[-1].on > inst.due_on:
        raise InvalidFieldError(
            "ExpectedBenefit",
            attribute.name,
            value[-1].on,
            f"on or before due_on ({inst.due_on.isoformat()})",
        )


@frozen(kw_only=True)
class ExpectedBenefit:
    """A benefit a value proposition promises, with a measure, a target and a date.

    Its realisation plan, when it has one, runs from the `baseline` (realised by
    `baseline_on`) through the `interim_targets` to the `target` on `due_on`, in straight
    lines between those points; `expected_by` reads it.

    Examples:
        >>> from datetime import date
        >>> b = ExpectedBenefit(id="b1", description="Delay minutes avoided",
        ...     measure="minutes against the 2024 baseline", unit="minutes", target=6000,
        ...     baseline=0, baseline_on=date(2025, 4, 1), due_on=date(2027, 3, 31),
        ...     interim_targets=[InterimTarget(on=date(2026, 3, 31), amount=2500)])
        >>> b.has_plan, b.expected_by(date(2025, 9, 30)), b.expected_by(date(2026, 3, 31))
        (True, 1250.0, 2500.0)
    """

    _entity_kind: ClassVar[str] = "benefit"

    id: str = field(validator=v.identifier())
    description: str = field(validator=v.text())
    measure: str = field(validator=v.text())
    unit: str = field(validator=v.text())
    target: float = field(converter=v.to_float, validator=v.number())
    baseline: float | None = v.optional_number()
    """The value realised when the plan starts (usually 0); a baseline makes a plan."""
    due_on: date | None = v.optional_date()
    kpi_id: str | None = v.optional_id("kpi")
    baseline_on: date | None = v.optional_date()
    """The day the plan starts from the baseline (on or before every interim target)."""
    interim_targets: tuple[InterimTarget, ...] = field(
        default=(),
        converter=v.to_tuple,
        validator=[v.items(InterimTarget), _check_interim_targets],
    )
    """The value expected by days before `due_on`, in date order."""

    @baseline_on.validator
    def _check_baseline_on(self, attribute: Any, value: date | None) -> None:
        if value is not None and self.due_on is not None and value > self.due_on:
            raise InvalidFieldError(
                "ExpectedBenefit",
                attribute.name,
                value,
                f"on or before due_on ({self.due_on.isoformat()})",
            )

    @property
    def has_plan(self) -> bool:
        """Whether the benefit has a realisation plan: a baseline or interim targets."""
        return (
            self.baseline is not None or self.baseline_on is not None or bool(self.interim_targets)
        )

    def plan(self, starts_on: date | None = None) -> tuple[tuple[date, float], ...]:
        """The plan's points, (day, value expected realised by it), in date order.

        The plan starts from the baseline (0 if none is given) on `baseline_on`, or on
        `starts_on` when the benefit names no baseline day (the day value creation started,
        say); it passes through the interim targets and ends at the target on `due_on`.
        A benefit without a plan (`has_plan`) has no points.
        """
        if not self.has_plan:
            return ()
        points = [(t.on, t.amount) for t in self.interim_targets]
        if self.due_on is not None:
            points.append((self.due_on, self.target))
        start = self.baseline_on or starts_on
        if start is not None and (not points or start <= points[0][0]):
            points.insert(0, (start, self.baseline or 0.0))
        return tuple(points)

    def expected_by(self, day: date, *, starts_on: date | None = None) -> float | None:
        """The value the plan expects realised by `day`; `None` without a plan.

        Between two points of the plan (`plan`) the expected value moves in a straight line;
        before the first it is the baseline (0 if none is given), after the last the last
        point's value. `starts_on` is the day a plan without a `baseline_on` starts.
        """
        points = self.plan(starts_on)
        if not points:
            return None
        if day < points[0][0]:
            return self.baseline or 0.0
        for (d0, v0), (d1, v1) in pairwise(points):
            if d0 <= day < d1:
                return v0 + (v1 - v0) * (day - d0).days / (d1 - d0).days
        return points[-1][1]


@frozen(kw_only=True)
class RealisedValue:
    """A record of value actually realised against one expected benefit."""

    benefit_id: str = field(validator=v.identifier(), metadata=ref("benefit"))
    amount: float = field(converter=v.to_float, validator=v.number())
    on: date = field(validator=v.calendar_date())
    partner_id: str | None = v.optional_id("partner")
    evidence: str | None = v.optional_text()
    note: str | None = v.optional_text()


@frozen(kw_only=True, repr=False)
class ValueProposition:
    """The value the parties expect to create together, and what has been realised.

    Examples:
        >>> from datetime import date
        >>> b = ExpectedBenefit(id="b1", description="Lower whole-life cost",
        ...                     measure="saving", unit="GBP", target=2_000_000)
        >>> vp = ValueProposition(id="vp1", statement="Save together", benefits=[b],
        ...     realised=[RealisedValue(benefit_id="b1", amount=250_000, on=date(2026, 3, 31))])
        >>> vp.realised_total("b1")
        250000.0
    """

    _entity_kind: ClassVar[str] = "value_proposition"

    id: str = field(validator=v.identifier())
    statement: str = field(validator=v.text())
    beneficiaries: tuple[str, ...] = field(
        default=(),
        converter=v.dedupe,
        validator=v.items(str, element_check=v.identifier()),
        metadata=ref("partner"),
    )
    benefits: tuple[ExpectedBenefit, ...] = field(
        default=(), converter=v.to_tuple, validator=v.items(ExpectedBenefit)
    )
    status: ValueStatus = field(default=ValueStatus.PROPOSED, validator=v.member_of(ValueStatus))
    owner: str | None = v.optional_id("person")
    realised: tuple[RealisedValue, ...] = field(
        default=(), converter=v.to_tuple, validator=v.items(RealisedValue)
    )

    @property
    def is_pursued(self) -> bool:
        """Whether the parties still pursue it: a withdrawn proposition counts for nothing."""
        return self.status is not ValueStatus.WITHDRAWN

    @property
    def is_agreed(self) -> bool:
        """Whether the parties have agreed it: its benefits' plans bind them from then on."""
        return self.status not in {ValueStatus.PROPOSED, ValueStatus.WITHDRAWN}

    def realised_total(self, benefit_id: str) -> float:
        """The sum of realised amounts recorded against `benefit_id`."""
        return float(sum(r.amount for r in self.realised if r.benefit_id == benefit_id))

    __repr__ = summary_repr
    _repr_pretty_ = pretty
