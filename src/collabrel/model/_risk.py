"""The joint risk register."""

from __future__ import annotations

from datetime import date
from typing import ClassVar, Final

from attrs import field, frozen

from collabrel.model import _validators as v
from collabrel.model._enums import RiskStatus
from collabrel.model._refs import ref

__all__ = ["Risk"]

_ACTIVE: Final = frozenset({RiskStatus.OPEN, RiskStatus.MITIGATING})


@frozen(kw_only=True)
class Risk:
    """An entry in the (joint) risk register, scored by likelihood and impact on 1-5 scales.

    Examples:
        >>> r = Risk(id="r1", title="Key staff leave", owner="jo", likelihood=3, impact=4)
        >>> r.score
        12
    """

    _entity_kind: ClassVar[str] = "risk"

    id: str = field(validator=v.identifier())
    title: str = field(validator=v.text())
    owner: str = field(validator=v.identifier(), metadata=ref("person"))
    likelihood: int = field(validator=v.integer(low=1, high=5))
    impact: int = field(validator=v.integer(low=1, high=5))
    description: str | None = v.optional_text()
    category: str | None = v.optional_text()
    mitigation: str | None = v.optional_text()
    status: RiskStatus = field(default=RiskStatus.OPEN, validator=v.member_of(RiskStatus))
    joint: bool = field(default=False, validator=v.boolean())
    raised_on: date | None = v.optional_date()
    review_on: date | None = v.optional_date()

    @property
    def score(self) -> int:
        """Likelihood times impact, 1 to 25."""
        return self.likelihood * self.impact

    @property
    def is_active(self) -> bool:
        """Whether the risk still needs managing: open, or being mitigated.

        Examples:
            >>> Risk(id="r1", title="Key staff leave", owner="jo", likelihood=3, impact=4,
            ...      status=RiskStatus.CLOSED).is_active
            False
        """
        return self.status in _ACTIVE
