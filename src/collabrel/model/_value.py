"""Objectives and the value the parties expect to create together."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from attrs import field, frozen

from collabrel.model import _validators as v
from collabrel.model._display import pretty, summary_repr
from collabrel.model._enums import ValueStatus
from collabrel.model._refs import ref

__all__ = ["ExpectedBenefit", "Objective", "RealisedValue", "ValueProposition"]


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
class ExpectedBenefit:
    """A benefit a value proposition promises, with a measure, a target and a date."""

    _entity_kind: ClassVar[str] = "benefit"

    id: str = field(validator=v.identifier())
    description: str = field(validator=v.text())
    measure: str = field(validator=v.text())
    unit: str = field(validator=v.text())
    target: float = field(converter=v.to_float, validator=v.number())
    baseline: float | None = v.optional_number()
    due_on: date | None = v.optional_date()
    kpi_id: str | None = v.optional_id("kpi")


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

    def realised_total(self, benefit_id: str) -> float:
        """The sum of realised amounts recorded against `benefit_id`."""
        return float(sum(r.amount for r in self.realised if r.benefit_id == benefit_id))

    __repr__ = summary_repr
    _repr_pretty_ = pretty
