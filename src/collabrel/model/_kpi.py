"""Key performance indicators and their dated measurements."""

from __future__ import annotations

from datetime import date
from itertools import pairwise
from typing import Any, ClassVar

from attrs import field, frozen

from collabrel.errors import InvalidFieldError
from collabrel.model import _validators as v
from collabrel.model._enums import Cadence, Direction

__all__ = ["KPI", "Measurement"]


@frozen(kw_only=True)
class Measurement:
    """One dated value of a KPI."""

    on: date = field(validator=v.calendar_date())
    value: float = field(converter=v.to_float, validator=v.number())
    note: str | None = v.optional_text()


def _check_measurements(_inst: KPI, attribute: Any, value: tuple[Measurement, ...]) -> None:
    for earlier, later in pairwise(value):
        if later.on < earlier.on:
            raise InvalidFieldError(
                "KPI", attribute.name, later.on, f"in date order (after {earlier.on.isoformat()})"
            )


@frozen(kw_only=True)
class KPI:
    """A key performance indicator: a target, a direction and dated measurements.

    Examples:
        >>> from datetime import date
        >>> k = KPI(id="k1", name="Schedule adherence", unit="%", target=95,
        ...         direction=Direction.INCREASE,
        ...         measurements=[Measurement(on=date(2026, 1, 31), value=91.5)])
        >>> k.latest.value
        91.5
    """

    _entity_kind: ClassVar[str] = "kpi"

    id: str = field(validator=v.identifier())
    name: str = field(validator=v.text())
    unit: str = field(validator=v.text())
    target: float = field(converter=v.to_float, validator=v.number())
    direction: Direction = field(validator=v.member_of(Direction))
    description: str | None = v.optional_text()
    baseline: float | None = v.optional_number()
    tolerance: float | None = v.optional_number(low=0)
    target_date: date | None = v.optional_date()
    owner: str | None = v.optional_id("person")
    frequency: Cadence | None = v.optional_member(Cadence)
    measurements: tuple[Measurement, ...] = field(
        default=(),
        converter=v.to_tuple,
        validator=[v.items(Measurement), _check_measurements],
    )

    @property
    def latest(self) -> Measurement | None:
        """The most recent measurement, if any."""
        return self.measurements[-1] if self.measurements else None

    def value_as_of(self, as_of: date) -> float | None:
        """The latest measured value on or before `as_of`, if any."""
        found = None
        for m in self.measurements:
            if m.on > as_of:
                break
            found = m.value
        return found
