"""Value realised: each expected benefit against the value recorded, over time and by partner."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from enum import Enum
from operator import attrgetter
from typing import ClassVar

from attrs import evolve, frozen

from collabrel._rows import records
from collabrel._text import plural
from collabrel.metrics._checks import check_day, check_items
from collabrel.metrics._lookup import one
from collabrel.metrics._output import Output, total
from collabrel.model import _display as d
from collabrel.model._value import ExpectedBenefit, RealisedValue, ValueProposition

__all__ = [
    "BenefitRealisation",
    "BenefitStatus",
    "PartnerShare",
    "RealisedPoint",
    "ValueRealisation",
    "assess_value",
]


class BenefitStatus(Enum):
    """How far an expected benefit has been realised."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    BEHIND = "behind"
    """Not yet due, but the realised total trails what the benefit's plan expected by then."""
    ACHIEVED = "achieved"
    """The realised total has reached the target."""
    OVERDUE = "overdue"
    """The due date has passed and the target is not reached."""
    WITHDRAWN = "withdrawn"
    """The value proposition is withdrawn: the benefit is no longer pursued and counts for
    nothing (in no total, never behind or overdue)."""


@frozen(kw_only=True)
class RealisedPoint:
    """The value realised on one day and the running total up to it."""

    on: date
    amount: float
    cumulative: float


@frozen(kw_only=True)
class PartnerShare:
    """The value realised by one partner (`None`: recorded for the whole relationship)."""

    partner_id: str | None
    amount: float


@frozen(kw_only=True)
class BenefitRealisation:
    """One expected benefit: its target and what has been realised by a date."""

    value_proposition_id: str
    benefit_id: str
    description: str
    unit: str
    target: float
    due_on: date | None
    realised: float
    share: float | None
    """The realised total over the target (`None` for a target of zero)."""
    status: BenefitStatus
    by_partner: tuple[PartnerShare, ...]
    series: tuple[RealisedPoint, ...]
    expected: float | None = None
    """What the benefit's plan expected realised by `expected_on` (`None`: no plan in force,
    the benefit having none or its proposition not agreed)."""
    expected_on: date | None = None
    """The day the plan is read on (see `assess_value`)."""

    @property
    def is_behind_plan(self) -> bool:
        """Whether the realised total trails what the plan expected by `expected_on`."""
        return self.expected is not None and not _meets(self.realised, self.expected, self.target)


@frozen(kw_only=True, repr=False)
class ValueRealisation(Output):
    """Expected benefits against value realised, as of a date.

    Its `repr` is a one-line summary, the benefits counted by status; in a notebook it
    shows the totals by unit and a row per benefit: target, realised, share and status.

    Examples:
        >>> from datetime import date
        >>> from collabrel import examples
        >>> vps = examples.load("alliance").relationship.value_propositions
        >>> assess_value(vps, date(2026, 10, 31))  # doctest: +ELLIPSIS
        <ValueRealisation as of 2026-10-31: 6 benefits in 5 units (1 not started, ..., 1 withdrawn)>

    Attributes:
        as_of: The day judged; records after it are left out.
        benefits: One entry per expected benefit, value proposition by value proposition.
    """

    _title: ClassVar[str] = "Value realised"

    as_of: date
    benefits: tuple[BenefitRealisation, ...]

    def benefit(self, benefit_id: str) -> BenefitRealisation:
        """The realisation of one benefit.

        Raises:
            KeyError: If there is no benefit with that id.
        """
        return one(self.benefits, attrgetter("benefit_id"), benefit_id)

    def _totals(self) -> list[list[object]]:
        """The totals table's rows: per unit, the benefits, targets and value realised."""
        by_unit: dict[str, list[BenefitRealisation]] = {}
        for b in self._pursued():
            by_unit.setdefault(b.unit, []).append(b)
        rows: list[list[object]] = []
        for unit, bs in by_unit.items():
            target, realised = total([b.target for b in bs]), total([b.realised for b in bs])
            share = realised / target if target else None
            rows.append(
                [
                    unit,
                    len(bs),
                    d.format_amount(target, unit),
                    d.format_amount(realised, unit),
                    d.format_percent(share),
                ]
            )
        return rows

    def _pursued(self) -> list[BenefitRealisation]:
        return [b for b in self.benefits if b.status is not BenefitStatus.WITHDRAWN]

    def _summary(self) -> str:
        if not self.benefits:
            return "no benefits"
        units = len({b.unit for b in self.benefits})
        counts = d.counted((b.status for b in self.benefits), BenefitStatus)
        return f"{plural(len(self.benefits), 'benefit')} in {plural(units, 'unit')} ({counts})"

    def __repr__(self) -> str:
        return f"<ValueRealisation as of {self.as_of.isoformat()}: {self._summary()}>"

    _repr_pretty_ = d.pretty

    def _repr_html_(self) -> str:
        head = d.heading(self._title, f"as of {self.as_of.isoformat()}", self._summary())
        if not self.benefits:
            return d.block(head)
        totals = d.table(
            ["unit", "benefits", "target", "realised", "share"],
            self._totals(),
            caption="Totals by unit",
            right=[1, 2, 3, 4],
        )
        benefits = d.table(
            ["benefit", "description", "target", "expected", "realised", "share", "status"],
            [
                [
                    b.benefit_id,
                    d.clip(b.description, 50),
                    d.format_amount(b.target, b.unit),
                    d.format_amount(b.expected, b.unit, places=0),
                    d.format_amount(b.realised, b.unit),
                    d.format_percent(b.share),
                    d.words(b.status),
                ]
                for b in self.benefits
            ],
            caption="Benefits (expected: what the plan expected by the latest record)",
            right=[2, 3, 4, 5],
        )
        return d.block(head, totals, benefits)

    def to_records(self, *, typed: bool = False) -> list[dict[str, object]]:
        """One row per benefit and partner (partner `None`: the whole relationship)."""
        rows = [
            {**_benefit_row(b), "partner": partner, "amount": amount}
            for b in self.benefits
            for partner, amount in [(p.partner_id, p.amount) for p in b.by_partner] or [(None, 0.0)]
        ]
        return records(rows, typed=typed)


def _benefit_row(b: BenefitRealisation) -> dict[str, object]:
    """The columns of `to_records` that describe the benefit itself."""
    return {
        "value_proposition": b.value_proposition_id,
        "benefit": b.benefit_id,
        "unit": b.unit,
        "target": b.target,
        "expected": b.expected,
        "realised": b.realised,
        "share": b.share,
        "status": b.status,
    }


def _meets(total: float, goal: float, target: float) -> bool:
    """Whether `total` has come as far as `goal`: up to it, or down for a negative target."""
    return total >= goal if target >= 0 else total <= goal


def _plan_day(benefit: ExpectedBenefit, records: list[RealisedValue], as_of: date) -> date:
    """The day a benefit's plan is read on, judging it as of `as_of`.

    Value is recorded in arrears (a gain share statement to the end of a quarter), so the
    plan is read on the day of the latest record, set beside what was realised by then; but
    never before the latest of the plan's own days that has come (an interim target or the
    due date is held to in full once it has passed). With nothing recorded, on `as_of`.
    """
    if not records:
        return as_of
    passed = [t.on for t in benefit.interim_targets if t.on <= as_of]
    if benefit.due_on is not None and benefit.due_on <= as_of:
        passed.append(benefit.due_on)
    return max([records[-1].on, *passed])


def _status(
    realisation: BenefitRealisation, as_of: date, *, any_: bool, withdrawn: bool
) -> BenefitStatus:
    r = realisation
    if withdrawn:
        return BenefitStatus.WITHDRAWN
    if _meets(r.realised, r.target, r.target) and any_:
        return BenefitStatus.ACHIEVED
    if r.due_on is not None and r.due_on < as_of:
        return BenefitStatus.OVERDUE
    if r.is_behind_plan:
        return BenefitStatus.BEHIND
    return BenefitStatus.IN_PROGRESS if any_ else BenefitStatus.NOT_STARTED


def assess_value(
    value_propositions: Iterable[ValueProposition],
    as_of: date,
    *,
    plans_start_on: date | None = None,
) -> ValueRealisation:
    """Compare each value proposition's expected benefits with the value realised by a date.

    Realised-value records dated after `as_of` are left out; a record counts only for the
    benefit of its own value proposition. Totals use `math.fsum` (an infinity beyond the float
    range); a withdrawn proposition's benefits are listed but counted in no total.

    A benefit of an agreed proposition with a realisation plan (a baseline or interim targets,
    `ExpectedBenefit.expected_by`) is also set beside its plan. Value is recorded in arrears,
    so the plan is read on the day of the latest record on or before `as_of` (on `as_of`
    with nothing recorded), though never before an interim target or due date that has
    passed; a benefit not yet due whose realised total trails that is *behind*.

    Args:
        value_propositions: E.g. `rmp.relationship.value_propositions`.
        as_of: The day to judge.
        plans_start_on: The day plans without a `baseline_on` start from their baseline
            (the conformance rules give the day value creation started); without it such a
            plan expects nothing beyond the baseline before its first interim target.

    Returns:
        One realisation per expected benefit, with a running total over time and the split by
        partner (partners in the order they first appear).

    Raises:
        MetricsError: If `value_propositions` is not an iterable of `ValueProposition`, or
            `as_of` or a `plans_start_on` given not a date (`datetime.date`).

    Examples:
        >>> from datetime import date
        >>> from collabrel import examples
        >>> vps = examples.load("alliance").relationship.value_propositions
        >>> b = assess_value(vps, date(2026, 10, 31)).benefit("b-efficiency")
        >>> b.realised, round(b.share, 3), b.by_partner[0]
        (6400000.0, 0.533, PartnerShare(partner_id='nmri', amount=3200000.0))

        The efficiency plan (from 0 on 1 April 2025 through GBP 4m by 31 March 2026 and
        GBP 7m by 31 March 2027) expected GBP 5.5m by the latest statement, of 30 September,
        and GBP 6.4m is realised:

        >>> round(b.expected), b.expected_on, b.status.value
        (5504110, datetime.date(2026, 9, 30), 'in_progress')
    """
    check_day("as_of", as_of)
    if plans_start_on is not None:
        check_day("plans_start_on", plans_start_on)
    benefits = []
    for vp in check_items("value_propositions", value_propositions, ValueProposition):
        for benefit in vp.benefits:
            records = sorted(
                (r for r in vp.realised if r.benefit_id == benefit.id and r.on <= as_of),
                key=lambda r: r.on,
            )
            by_day: dict[date, list[float]] = {}
            by_partner: dict[str | None, list[float]] = {}
            for r in records:
                by_day.setdefault(r.on, []).append(r.amount)
                by_partner.setdefault(r.partner_id, []).append(r.amount)
            series = []
            running: list[float] = []
            for day, amounts in by_day.items():
                running.extend(amounts)
                series.append(
                    RealisedPoint(on=day, amount=total(amounts), cumulative=total(running))
                )
            realised = total(running)
            expected_on = _plan_day(benefit, records, as_of) if vp.is_agreed else None
            expected = (
                None
                if expected_on is None
                else benefit.expected_by(expected_on, starts_on=plans_start_on)
            )
            realisation = BenefitRealisation(
                value_proposition_id=vp.id,
                benefit_id=benefit.id,
                description=benefit.description,
                unit=benefit.unit,
                target=benefit.target,
                due_on=benefit.due_on,
                realised=realised,
                share=realised / benefit.target if benefit.target else None,
                status=BenefitStatus.NOT_STARTED,
                by_partner=tuple(
                    PartnerShare(partner_id=p, amount=total(a)) for p, a in by_partner.items()
                ),
                series=tuple(series),
                expected=expected,
                expected_on=None if expected is None else expected_on,
            )
            status = _status(realisation, as_of, any_=bool(records), withdrawn=not vp.is_pursued)
            benefits.append(evolve(realisation, status=status))
    return ValueRealisation(as_of=as_of, benefits=tuple(benefits))
