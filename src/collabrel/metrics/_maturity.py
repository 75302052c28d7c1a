"""Maturity: a profile of the eight stages on a configurable level scale."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from itertools import pairwise
from operator import attrgetter
from typing import ClassVar, Final

from attrs import field, frozen

from collabrel._rows import records
from collabrel.errors import MetricsError
from collabrel.metrics._checks import check_day, check_instance, check_items
from collabrel.metrics._lookup import one
from collabrel.metrics._output import Output, fsum_mean
from collabrel.model import _validators as v
from collabrel.model._enums import Stage
from collabrel.model._stages import MaturityAssessment

__all__ = [
    "DEFAULT_MATURITY_SCALE",
    "MaturityLevel",
    "MaturityProfile",
    "MaturityScale",
    "StageMaturity",
    "assess_maturity",
]


@frozen(kw_only=True)
class MaturityLevel:
    """One level of a maturity scale: its number, a short name and what it looks like."""

    level: int = field(validator=v.integer(low=0, high=10))
    name: str = field(validator=v.text())
    descriptor: str = field(validator=v.text())


def _check_levels(
    _inst: MaturityScale, _attribute: object, value: tuple[MaturityLevel, ...]
) -> None:
    numbers = [level.level for level in value]
    if len(numbers) < 2:  # noqa: PLR2004 - a scale needs a bottom and a top
        raise MetricsError("a maturity scale needs at least two levels")
    if any(b != a + 1 for a, b in pairwise(numbers)):
        raise MetricsError(f"maturity levels must be consecutive and increasing (got {numbers})")


@frozen(kw_only=True)
class MaturityScale:
    """The levels a stage may reach, lowest first (consecutive numbers).

    Examples:
        >>> DEFAULT_MATURITY_SCALE.lowest, DEFAULT_MATURITY_SCALE.highest
        (1, 5)
        >>> DEFAULT_MATURITY_SCALE.level(3).name
        'Defined'
    """

    levels: tuple[MaturityLevel, ...] = field(
        converter=v.to_tuple, validator=[v.items(MaturityLevel), _check_levels]
    )

    @property
    def lowest(self) -> int:
        """The lowest level number."""
        return self.levels[0].level

    @property
    def highest(self) -> int:
        """The highest level number."""
        return self.levels[-1].level

    def level(self, number: int) -> MaturityLevel:
        """The level numbered `number`.

        Raises:
            MetricsError: If the scale has no such level.
        """
        return one(
            self.levels,
            attrgetter("level"),
            number,
            lambda: MetricsError(
                f"level {number} is not on the scale {self.lowest}-{self.highest}"
            ),
        )

    def normalise(self, number: int) -> float:
        """`number` on a 0-100 scale: the lowest level is 0, the highest 100.

        Raises:
            MetricsError: If `number` is above the scale (a level below it counts as 0).
        """
        if number > self.highest:
            raise MetricsError(f"level {number} is above the scale's top ({self.highest})")
        return 100.0 * max(0, number - self.lowest) / (self.highest - self.lowest)


DEFAULT_MATURITY_SCALE: Final = MaturityScale(
    levels=(
        MaturityLevel(
            level=1,
            name="Initial",
            descriptor="Collaboration depends on individuals; little is written down or agreed.",
        ),
        MaturityLevel(
            level=2,
            name="Developing",
            descriptor="The stage's records exist in draft; practice varies from team to team.",
        ),
        MaturityLevel(
            level=3,
            name="Defined",
            descriptor="Agreed, approved records are followed; roles and reviews are in place.",
        ),
        MaturityLevel(
            level=4,
            name="Managed",
            descriptor="The stage is measured and reviewed jointly; gaps are acted on.",
        ),
        MaturityLevel(
            level=5,
            name="Embedded",
            descriptor="Collaborative working is how the partners work; they improve it together.",
        ),
    )
)
"""Our own five-level scale (the standard's maturity matrix wording is not public)."""


@frozen(kw_only=True)
class StageMaturity:
    """One stage's level, its meaning, its 0-100 value and its change since last time."""

    stage: Stage
    level: int | None
    name: str | None
    score: float | None
    previous: int | None
    change: int | None


@frozen(kw_only=True)
class MaturityProfile(Output):
    """The maturity of each of the eight stages at the latest assessment.

    Attributes:
        assessed_on: The day of the assessment used (`None` if there is none).
        previous_on: The day of the assessment before it, if any.
        scale: The level scale.
        stages: One entry per stage, in stage order (`level` is `None` where not assessed).
    """

    _title: ClassVar[str] = "Maturity profile"

    assessed_on: date | None
    previous_on: date | None
    scale: MaturityScale
    stages: tuple[StageMaturity, ...]

    @property
    def mean_level(self) -> float | None:
        """The mean level over the assessed stages."""
        levels = [float(s.level) for s in self.stages if s.level is not None]
        return fsum_mean(levels) if levels else None

    @property
    def weakest(self) -> tuple[Stage, ...]:
        """The assessed stages at the lowest level."""
        levels = [s.level for s in self.stages if s.level is not None]
        if not levels:
            return ()
        return tuple(s.stage for s in self.stages if s.level == min(levels))

    def to_records(self, *, typed: bool = False) -> list[dict[str, object]]:
        """One row per stage."""
        rows = [
            {
                "stage": s.stage,
                "number": s.stage.number,
                "level": s.level,
                "name": s.name,
                "score": s.score,
                "previous": s.previous,
                "change": s.change,
            }
            for s in self.stages
        ]
        return records(rows, typed=typed)


def assess_maturity(
    assessments: Iterable[MaturityAssessment],
    *,
    as_of: date | None = None,
    scale: MaturityScale = DEFAULT_MATURITY_SCALE,
) -> MaturityProfile:
    """The maturity profile of the latest assessment on or before `as_of`.

    Args:
        assessments: Maturity assessments, in any order (e.g. the plan's
            `stages.staying_together.maturity_assessments`).
        as_of: Ignore assessments after this day; `None` uses them all.
        scale: The level scale; each assessment's `scale_max` must be its top level.

    Returns:
        The profile, with each stage's change since the assessment before.

    Raises:
        MetricsError: If `assessments` is not an iterable of `MaturityAssessment`, `as_of`
            not a date or `None`, `scale` not a `MaturityScale`, or an assessment's scale
            does not match `scale`.

    Examples:
        >>> from collabrel import examples
        >>> rmp = examples.load("alliance")
        >>> profile = assess_maturity(rmp.stages.staying_together.maturity_assessments)
        >>> profile.stages[0].level, profile.stages[0].change, profile.weakest[0].title
        (4, 1, 'Exit strategy')
    """
    if as_of is not None:
        check_day("as_of", as_of)
    check_instance("scale", scale, MaturityScale)
    chosen = sorted(
        (
            a
            for a in check_items("assessments", assessments, MaturityAssessment)
            if as_of is None or a.assessed_on <= as_of
        ),
        key=lambda a: a.assessed_on,
    )
    for a in chosen:
        if a.scale_max != scale.highest:
            raise MetricsError(
                f"the assessment of {a.assessed_on} uses levels up to {a.scale_max}, the scale"
                f" goes up to {scale.highest}"
            )
    latest = chosen[-1] if chosen else None
    before = chosen[-2] if len(chosen) > 1 else None
    stages = []
    for stage in Stage:
        level = latest.level(stage) if latest is not None else None
        previous = before.level(stage) if before is not None else None
        stages.append(
            StageMaturity(
                stage=stage,
                level=level,
                name=scale.level(level).name
                if level is not None and level >= scale.lowest
                else None,
                score=scale.normalise(level) if level is not None else None,
                previous=previous,
                change=None if level is None or previous is None else level - previous,
            )
        )
    return MaturityProfile(
        assessed_on=latest.assessed_on if latest is not None else None,
        previous_on=before.assessed_on if before is not None else None,
        scale=scale,
        stages=tuple(stages),
    )
