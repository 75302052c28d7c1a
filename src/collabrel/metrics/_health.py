"""Relationship health: survey ratings from both sides, weighted, with the perception gap."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from itertools import combinations
from operator import attrgetter
from typing import ClassVar, Final

from attrs import field, frozen

from collabrel._rows import records
from collabrel._text import plural
from collabrel.errors import MetricsError
from collabrel.metrics._checks import check_instance, check_items, check_mapping, with_headroom
from collabrel.metrics._lookup import one
from collabrel.metrics._output import Output
from collabrel.model import _display
from collabrel.model import _validators as v
from collabrel.model._enums import PartnerRole
from collabrel.model._finding import Check, Finding, Result
from collabrel.model._rmp import RelationshipManagementPlan

__all__ = [
    "CLIENT_SIDE",
    "DEFAULT_HEALTH_DIMENSIONS",
    "SUPPLY_SIDE",
    "DimensionGap",
    "DimensionScore",
    "GroupHealth",
    "HealthAssessment",
    "HealthDimension",
    "HealthPeriod",
    "HealthRating",
    "PerceptionGap",
    "assess_health",
    "health_ratings",
]

CLIENT_SIDE: Final = "client"
"""The side of the partners whose role is `client`."""
SUPPLY_SIDE: Final = "supply"
"""The side of every other partner, when the relationship has a client."""


@frozen(kw_only=True)
class HealthDimension:
    """One aspect of relationship health that respondents rate, and its weight.

    Examples:
        >>> HealthDimension(id="trust", name="Trust", weight=2).weight
        2.0
    """

    id: str = field(validator=v.identifier())
    name: str = field(validator=v.text())
    weight: float = field(default=1.0, converter=v.to_float, validator=v.number(low=0))
    description: str | None = v.optional_text()


DEFAULT_HEALTH_DIMENSIONS: Final[tuple[HealthDimension, ...]] = (
    HealthDimension(
        id="trust", name="Trust", description="Partners rely on each other's word and data."
    ),
    HealthDimension(
        id="charter_behaviours",
        name="Behaviours against the charter",
        description="People behave as the agreed behaviour charter asks, in bad times too.",
    ),
    HealthDimension(
        id="communication",
        name="Communication",
        description="Information flows openly, early and both ways.",
    ),
    HealthDimension(
        id="joint_objectives",
        name="Joint objectives",
        description="The joint objectives are shared, understood and being met.",
    ),
    HealthDimension(
        id="governance",
        name="Governance effectiveness",
        description="Joint bodies decide in time and escalation works.",
    ),
    HealthDimension(
        id="value_creation",
        name="Value creation",
        description="The relationship creates value beyond the contract.",
    ),
    HealthDimension(
        id="joint_risk",
        name="Joint risk management",
        description="Risks are owned and worked on together.",
    ),
    HealthDimension(
        id="issue_resolution",
        name="Issue resolution",
        description="Issues are raised early and settled at the lowest level.",
    ),
)
"""The default health model: eight equally weighted dimensions."""


def _check_rating_scale(inst: HealthRating, _attribute: object, value: float) -> None:
    if value <= inst.scale_min:
        raise MetricsError(
            f"HealthRating scale is reversed or empty: scale_min {inst.scale_min:g},"
            f" scale_max {value:g}"
        )


@frozen(kw_only=True)
class HealthRating:
    """One respondent's rating of one health dimension in one review period.

    Attributes:
        period: The review period the rating belongs to (e.g. the survey's closing day).
        respondent: Who rated (a person id).
        organisation: The respondent's organisation (a partner id).
        side: The respondent's side of the relationship, e.g. `"client"` or `"supply"`.
        dimension: The id of the rated dimension.
        score: The rating on the scale, or `None` if the question was left unanswered.
        scale_min: The lowest rating of the scale.
        scale_max: The highest rating of the scale.
        role: The respondent's role or position, for the record.

    Examples:
        >>> from datetime import date
        >>> r = HealthRating(period=date(2026, 5, 29), respondent="jo", organisation="nr",
        ...                  side="client", dimension="trust", score=4)
        >>> r.normalised
        75.0
    """

    period: date = field(validator=v.calendar_date())
    respondent: str = field(validator=v.identifier())
    organisation: str = field(validator=v.identifier())
    side: str = field(validator=v.identifier())
    dimension: str = field(validator=v.identifier())
    score: float | None = field(converter=v.to_optional_float, validator=v.optional(v.number()))
    scale_min: float = field(default=1.0, converter=v.to_float, validator=v.number())
    scale_max: float = field(
        default=5.0, converter=v.to_float, validator=[v.number(), _check_rating_scale]
    )
    role: str | None = v.optional_text()

    def __attrs_post_init__(self) -> None:
        if self.score is not None and not self.scale_min <= self.score <= self.scale_max:
            raise MetricsError(
                f"HealthRating score {self.score:g} of {self.respondent!r} on"
                f" {self.dimension!r} lies outside its scale {self.scale_min:g}-{self.scale_max:g}"
            )

    @property
    def normalised(self) -> float | None:
        """The score on a 0-100 scale (the scale's bottom is 0, its top 100), if answered."""
        if self.score is None:
            return None
        return 100.0 * (self.score - self.scale_min) / (self.scale_max - self.scale_min)


def _default_sides(rmp: RelationshipManagementPlan) -> dict[str, str]:
    rel = rmp.relationship
    if rel is None:
        return {}
    if any(p.role is PartnerRole.CLIENT for p in rel.partners):
        return {
            p.id: CLIENT_SIDE if p.role is PartnerRole.CLIENT else SUPPLY_SIDE for p in rel.partners
        }
    return {p.id: p.id for p in rel.partners}


def health_ratings(
    rmp: RelationshipManagementPlan, *, sides: Mapping[str, str] | None = None
) -> tuple[HealthRating, ...]:
    """The health ratings of every survey in a plan's staying-together section.

    Each respondent's organisation is the partner the person belongs to, and their role is
    their position (or their first collaboration role).

    Args:
        rmp: The plan whose `stages.staying_together.health_surveys` are read.
        sides: The side of each partner id. By default the partners whose role is `client`
            form the `"client"` side and all others the `"supply"` side; a relationship
            without a client has one side per partner.

    Returns:
        One rating per response, survey by survey, in document order.

    Raises:
        MetricsError: If `rmp` is not a plan, `sides` not a mapping, or `sides` leaves out a
            partner that has respondents.

    Examples:
        >>> from collabrel import examples
        >>> ratings = health_ratings(examples.load("alliance"))
        >>> sorted({r.side for r in ratings})
        ['client', 'supply']
    """
    check_instance("rmp", rmp, RelationshipManagementPlan)
    surveys = rmp.stages.staying_together.health_surveys
    rel = rmp.relationship
    if rel is None:  # no people, so (the plan checks references) no responses either
        return ()
    if sides is not None:
        check_mapping("sides", sides)
    side_of = dict(sides) if sides is not None else _default_sides(rmp)
    people = {p.id: p for p in rel.people}
    ratings = []
    for s, survey in enumerate(surveys):
        for r, response in enumerate(survey.responses):
            person = people[response.respondent]  # the plan has checked the reference
            if person.partner_id not in side_of:
                raise MetricsError(
                    f"no side given for partner {person.partner_id!r} (respondent of "
                    f"stages.staying_together.health_surveys[{s}].responses[{r}])"
                )
            role = person.position or (person.roles[0].value if person.roles else None)
            ratings.append(
                HealthRating(
                    period=survey.held_on,
                    respondent=response.respondent,
                    organisation=person.partner_id,
                    side=side_of[person.partner_id],
                    dimension=response.dimension,
                    score=response.score,
                    scale_min=survey.scale_min,
                    scale_max=survey.scale_max,
                    role=role,
                )
            )
    return tuple(ratings)


@frozen(kw_only=True)
class DimensionScore:
    """One dimension's score (0-100) for a group, and how many answers it rests on."""

    dimension: str
    score: float | None
    responses: int


@frozen(kw_only=True)
class GroupHealth:
    """The health seen by one group: the whole relationship, one side, or one organisation.

    Attributes:
        kind: `"relationship"`, `"side"` or `"organisation"`.
        group: The side or organisation id (`"all"` for the relationship).
        index: The weighted health index, 0-100, over the dimensions answered (the weights
            of unanswered dimensions are shared among the others); `None` if nothing was
            answered.
        dimensions: A score per configured dimension, in order (`None` where unanswered).
        respondents: How many different people answered at least one question.
    """

    kind: str
    group: str
    index: float | None
    dimensions: tuple[DimensionScore, ...]
    respondents: int

    def score(self, dimension: str) -> float | None:
        """The score of `dimension` (0-100), or `None` if it was not answered.

        Raises:
            MetricsError: If `dimension` is not one of the assessment's dimensions.
        """
        for d in self.dimensions:
            if d.dimension == dimension:
                return d.score
        raise MetricsError(f"no health dimension {dimension!r}")


@frozen(kw_only=True)
class DimensionGap:
    """One side's score of a dimension minus the other side's (`None` if either is missing)."""

    dimension: str
    gap: float | None


@frozen(kw_only=True)
class PerceptionGap:
    """How differently two sides see the relationship: `side`'s view minus `other`'s.

    A negative gap means `side` sees the relationship as less healthy than `other` does.
    """

    side: str
    other: str
    index_gap: float | None
    dimensions: tuple[DimensionGap, ...]

    @property
    def largest(self) -> DimensionGap | None:
        """The dimension on which the two sides differ most, if any was answered by both."""
        known = [d for d in self.dimensions if d.gap is not None]
        return max(known, key=lambda d: abs(d.gap or 0.0)) if known else None


@frozen(kw_only=True, repr=False)
class HealthPeriod(Output):
    """Relationship health in one review period: overall, per side, per organisation, gaps.

    Its `repr` is a one-line summary; in a notebook it is a table of the dimensions by side
    and organisation, with the perception gap between the sides.
    """

    _title: ClassVar[str] = "Relationship health"

    period: date
    overall: GroupHealth
    sides: tuple[GroupHealth, ...]
    organisations: tuple[GroupHealth, ...]
    gaps: tuple[PerceptionGap, ...]

    def side(self, side: str) -> GroupHealth:
        """The health seen by `side`.

        Raises:
            MetricsError: If no one on `side` answered in this period.
        """
        return self._seen_by(self.sides, side, f"side {side!r}")

    def organisation(self, organisation: str) -> GroupHealth:
        """The health seen by `organisation`.

        Raises:
            MetricsError: If no one from `organisation` answered in this period.
        """
        return self._seen_by(self.organisations, organisation, repr(organisation))

    def _seen_by(self, groups: Iterable[GroupHealth], group: str, who: str) -> GroupHealth:
        return one(
            groups,
            attrgetter("group"),
            group,
            lambda: MetricsError(f"no ratings from {who} in the period {self.period}"),
        )

    def to_records(self, *, typed: bool = False) -> list[dict[str, object]]:
        """One row per group and dimension (dimension `"index"` is the weighted index)."""
        rows: list[dict[str, object]] = []
        for group in (self.overall, *self.sides, *self.organisations):
            base = {"period": self.period, "kind": group.kind, "group": group.group}
            rows.append({**base, "dimension": "index", "score": group.index, "responses": None})
            rows.extend(
                {**base, "dimension": d.dimension, "score": d.score, "responses": d.responses}
                for d in group.dimensions
            )
        return records(rows, typed=typed)

    def __repr__(self) -> str:
        sides = ", ".join(f"{g.group} {_score(g.index)}" for g in self.sides[:_SHOWN])
        gap = next(iter(self.gaps), None)
        return (
            f"<HealthPeriod {self.period.isoformat()}: index {_score(self.overall.index)}"
            f"{'; ' + sides if sides else ''}"
            f"{f'; gap {_pair(gap)} {_signed(gap.index_gap)}' if gap is not None else ''}"
            f"; {plural(self.overall.respondents, 'respondent')}>"
        )

    _repr_pretty_ = _display.pretty

    def _repr_html_(self) -> str:
        return _display.block(_pivot(self, {}))


@frozen(kw_only=True, repr=False)
class HealthAssessment(Output):
    """Relationship health over review periods, from ratings by both sides.

    Its `repr` is a one-line summary; in a notebook it shows the trend of the index and the
    latest period's dimensions by side and organisation, with the perception gap.

    Attributes:
        dimensions: The dimensions and weights used.
        sides: The sides, in the order the perception gaps use (first minus second).
        periods: One result per review period, oldest first.
    """

    _title: ClassVar[str] = "Relationship health by period"

    dimensions: tuple[HealthDimension, ...]
    sides: tuple[str, ...]
    periods: tuple[HealthPeriod, ...]

    @property
    def latest(self) -> HealthPeriod | None:
        """The most recent period, if there are ratings at all."""
        return self.periods[-1] if self.periods else None

    @property
    def trend(self) -> tuple[tuple[date, float | None], ...]:
        """The overall health index of each period, oldest first."""
        return tuple((p.period, p.overall.index) for p in self.periods)

    @property
    def change(self) -> float | None:
        """The overall index of the latest period minus that of the first, if both exist."""
        values = [index for _, index in self.trend if index is not None]
        return values[-1] - values[0] if len(values) > 1 else None

    def to_records(self, *, typed: bool = False) -> list[dict[str, object]]:
        """One row per period, group and dimension (see `HealthPeriod.to_records`)."""
        return [row for period in self.periods for row in period.to_records(typed=typed)]

    def __repr__(self) -> str:
        if not self.periods:
            return f"<HealthAssessment no ratings; {plural(len(self.dimensions), 'dimension')}>"
        first, last = self.periods[0], self.periods[-1]
        span = plural(len(self.periods), "period")
        change = f" ({_signed(self.change)})" if self.change is not None else ""
        return (
            f"<HealthAssessment {span} {first.period.isoformat()} to {last.period.isoformat()}: "
            f"index {_score(first.overall.index)} to {_score(last.overall.index)}{change}; "
            f"sides {', '.join(self.sides[:_SHOWN]) or 'none'}; "
            f"{plural(len(self.dimensions), 'dimension')}>"
        )

    _repr_pretty_ = _display.pretty

    def _repr_html_(self) -> str:
        latest = self.latest
        if latest is None:
            return _display.block(_display.heading("Relationship health", "no ratings"))
        pair = latest.gaps[0] if latest.gaps else None
        trend = _display.table(
            ["period", "index", *self.sides, *([f"gap {_pair(pair)}"] if pair else [])],
            [
                [
                    p.period.isoformat(),
                    _score(p.overall.index),
                    *(_score(_side_index(p, side)) for side in self.sides),
                    *([_signed(_index_gap(p, pair))] if pair else []),
                ]
                for p in self.periods
            ],
            caption="Health index by period (0-100)",
            right=range(1, 3 + len(self.sides)),
        )
        change = f"change {_signed(self.change)}" if self.change is not None else None
        return _display.block(
            _display.heading("Relationship health", plural(len(self.periods), "period"), change),
            trend,
            _pivot(latest, {dim.id: dim.name for dim in self.dimensions}),
        )

    def findings(self, *, gap_threshold: float = 15.0) -> tuple[Finding, ...]:
        """Observations on the latest period: each dimension the sides see very differently.

        Args:
            gap_threshold: The smallest absolute gap (in points of 0-100) worth reporting.

        Returns:
            One `MET.HEALTH_PERCEPTION_GAP` observation per dimension and pair of sides whose
            gap reaches the threshold, largest first.
        """
        latest = self.latest
        if latest is None:
            return ()
        found = []
        for pair in latest.gaps:
            for d in pair.dimensions:
                if d.gap is not None and abs(d.gap) >= gap_threshold:
                    lower, higher = (
                        (pair.side, pair.other) if d.gap < 0 else (pair.other, pair.side)
                    )
                    found.append(
                        (
                            -abs(d.gap),
                            Finding(
                                requirement="MET.HEALTH_PERCEPTION_GAP",
                                result=Result.OBSERVATION,
                                message=(
                                    f"The {lower} side rates {d.dimension!r} {abs(d.gap):.0f}"
                                    f" points lower than the {higher} side"
                                    f" ({latest.period.isoformat()})."
                                ),
                                explanation=[
                                    Check(
                                        description=f"|gap| below {gap_threshold:g}",
                                        passed=False,
                                        observed=f"{d.gap:+.1f}",
                                    )
                                ],
                                paths=["stages.staying_together.health_surveys"],
                                subjects=[pair.side, pair.other],
                                remediation=(
                                    "Discuss the dimension jointly at the next relationship"
                                    " review and agree actions both sides can see."
                                ),
                            ),
                        )
                    )
        return tuple(f for _, f in sorted(found, key=lambda item: item[0]))


_SHOWN: Final = 3
"""How many sides (and pairs of sides) a health summary shows."""


def _score(value: float | None) -> str:
    return _display.format_number(value, places=1) if value is not None else "-"


def _signed(value: float | None) -> str:
    return _display.format_number(value, places=1, signed=True) if value is not None else "-"


def _pair(gap: PerceptionGap) -> str:
    return f"{gap.side} \u2212 {gap.other}"


def _label(group: GroupHealth) -> str:
    if group.kind == "relationship":
        return "all"
    return f"{group.group} side" if group.kind == "side" else group.group


def _side_index(period: HealthPeriod, side: str) -> float | None:
    return next((g.index for g in period.sides if g.group == side), None)


def _index_gap(period: HealthPeriod, pair: PerceptionGap) -> float | None:
    same = (g for g in period.gaps if (g.side, g.other) == (pair.side, pair.other))
    return next((g.index_gap for g in same), None)


def _pivot(period: HealthPeriod, names: Mapping[str, str]) -> _display.Markup:
    """The period's scores as a table: dimensions down, groups across, then the gaps."""
    sides = {g.group for g in period.sides}
    groups = [
        period.overall,
        *period.sides,
        *(o for o in period.organisations if o.group not in sides),
    ]
    gaps = period.gaps[:_SHOWN]
    columns = [
        "dimension",
        *(_label(g) for g in groups),
        *(f"gap {_pair(p)}" for p in gaps),
    ]
    rows = [
        ["health index", *(_score(g.index) for g in groups), *(_signed(p.index_gap) for p in gaps)]
    ]
    for i, dim in enumerate(period.overall.dimensions):
        rows.append(
            [
                names.get(dim.dimension, dim.dimension),
                *(_score(g.dimensions[i].score) for g in groups),
                *(_signed(p.dimensions[i].gap) for p in gaps),
            ]
        )
    more = len(period.gaps) - len(gaps)
    caption = (
        f"Health on {period.period.isoformat()} (0-100; "
        f"{plural(period.overall.respondents, 'respondent')})"
        + (f"; {more} more pairs of sides in gaps" if more > 0 else "")
    )
    return _display.table(columns, rows, caption=caption, right=range(1, len(columns)))


def _index(scores: Sequence[DimensionScore], weights: Mapping[str, float]) -> float | None:
    answered = [(weights[d.dimension], d.score) for d in scores if d.score is not None]
    total = math.fsum(w for w, _ in answered)
    if total <= 0:
        return None
    return math.fsum(w * s for w, s in answered) / total


def _group(
    kind: str,
    name: str,
    *,
    values: Mapping[str, list[float]],
    dimensions: Sequence[HealthDimension],
    weights: Mapping[str, float],
    respondents: int,
) -> GroupHealth:
    scores = tuple(
        DimensionScore(
            dimension=d.id,
            score=math.fsum(values[d.id]) / len(values[d.id]) if values.get(d.id) else None,
            responses=len(values.get(d.id, ())),
        )
        for d in dimensions
    )
    return GroupHealth(
        kind=kind,
        group=name,
        index=_index(scores, weights),
        dimensions=scores,
        respondents=respondents,
    )


def _overall(
    sides: Sequence[GroupHealth],
    dimensions: Sequence[HealthDimension],
    weights: Mapping[str, float],
    respondents: int,
) -> GroupHealth:
    scores = []
    for i, d in enumerate(dimensions):
        seen = [s.dimensions[i] for s in sides if s.dimensions[i].score is not None]
        scores.append(
            DimensionScore(
                dimension=d.id,
                score=math.fsum(x.score or 0.0 for x in seen) / len(seen) if seen else None,
                responses=sum(x.responses for x in seen),
            )
        )
    return GroupHealth(
        kind="relationship",
        group="all",
        index=_index(scores, weights),
        dimensions=tuple(scores),
        respondents=respondents,
    )


def _gap(a: GroupHealth, b: GroupHealth) -> PerceptionGap:
    dims = tuple(
        DimensionGap(
            dimension=x.dimension,
            gap=None if x.score is None or y.score is None else x.score - y.score,
        )
        for x, y in zip(a.dimensions, b.dimensions, strict=True)
    )
    index_gap = None if a.index is None or b.index is None else a.index - b.index
    return PerceptionGap(side=a.group, other=b.group, index_gap=index_gap, dimensions=dims)


def assess_health(
    ratings: Iterable[HealthRating],
    *,
    dimensions: Sequence[HealthDimension] = DEFAULT_HEALTH_DIMENSIONS,
    sides: Sequence[str] | None = None,
) -> HealthAssessment:
    """Score relationship health per period, side and organisation, with perception gaps.

    Method, per review period: each answered rating is normalised to 0-100 on its scale;
    unanswered ones are left out. A group's dimension score is the mean of its ratings; the
    relationship's is the mean of the sides' scores (each side counts the same, however many
    people answered for it). A group's index is the weighted mean of its dimension scores
    over the dimensions it answered (the weights of the others are shared out). The
    perception gap of two sides is the first side's score minus the second's, per dimension
    and for the index.

    Args:
        ratings: The ratings, in any order.
        dimensions: The dimensions and weights (the eight default ones unless given).
        sides: The order of the sides for the gaps; by default `"client"` first, then the
            others in alphabetical order.

    Returns:
        The assessment, one period per distinct rating period, oldest first.

    Raises:
        MetricsError: If `ratings`, `dimensions` or `sides` is not an iterable of
            `HealthRating`, `HealthDimension` or `str` (the message names the item),
            dimension ids repeat, every weight is zero, a rating names an unknown dimension,
            or `sides` leaves out a side that has ratings. Huge weights are fine: only their
            proportions count.

    Examples:
        >>> from datetime import date
        >>> day = date(2026, 5, 29)
        >>> ratings = [
        ...     HealthRating(period=day, respondent="c1", organisation="nr", side="client",
        ...                  dimension="trust", score=3),
        ...     HealthRating(period=day, respondent="s1", organisation="acme", side="supply",
        ...                  dimension="trust", score=5),
        ... ]
        >>> latest = assess_health(ratings).latest
        >>> latest.overall.index, latest.gaps[0].index_gap
        (75.0, -50.0)
    """
    dims = check_items("dimensions", dimensions, HealthDimension)
    if sides is not None:
        sides = check_items("sides", sides, str)
    ids = [d.id for d in dims]
    if len(set(ids)) != len(ids):
        raise MetricsError(f"health dimension ids repeat: {ids}")
    weights = dict(zip(ids, with_headroom([d.weight for d in dims]), strict=True))
    if not math.fsum(weights.values()) > 0:
        raise MetricsError("at least one health dimension needs a weight above zero")
    known = set(ids)
    # (period, side, organisation) -> (dimension -> normalised scores, who answered)
    cells: dict[tuple[date, str, str], tuple[dict[str, list[float]], set[str]]] = {}
    for rating in check_items("ratings", ratings, HealthRating):
        dimension = rating.dimension
        if dimension not in known:
            raise MetricsError(
                f"rating by {rating.respondent!r} names an unknown health dimension"
                f" {dimension!r} (known: {', '.join(ids)})"
            )
        key = (rating.period, rating.side, rating.organisation)
        cell = cells.get(key)
        if cell is None:
            cell = cells[key] = ({}, set())
        score = rating.score
        if score is None:
            continue
        low = rating.scale_min
        normalised = 100.0 * (score - low) / (rating.scale_max - low)
        values = cell[0].get(dimension)
        if values is None:
            cell[0][dimension] = [normalised]
        else:
            values.append(normalised)
        cell[1].add(rating.respondent)
    order = _side_order(dict.fromkeys(side for _, side, _ in cells), sides)
    results = [
        _period(period, cells, order, dims, weights)
        for period in sorted({period for period, _, _ in cells})
    ]
    return HealthAssessment(dimensions=dims, sides=order, periods=tuple(results))


def _merge(
    parts: Iterable[tuple[dict[str, list[float]], set[str]]],
) -> tuple[dict[str, list[float]], set[str]]:
    values: dict[str, list[float]] = {}
    people: set[str] = set()
    for scores, who in parts:
        for dimension, xs in scores.items():
            values.setdefault(dimension, []).extend(xs)
        people |= who
    return values, people


def _period(
    period: date,
    cells: Mapping[tuple[date, str, str], tuple[dict[str, list[float]], set[str]]],
    order: Sequence[str],
    dims: Sequence[HealthDimension],
    weights: Mapping[str, float],
) -> HealthPeriod:
    mine = {(side, org): cell for (p, side, org), cell in cells.items() if p == period}
    side_groups = []
    everyone: set[str] = set()
    for name in order:
        values, people = _merge(cell for (side, _), cell in mine.items() if side == name)
        if people:
            everyone |= people
            side_groups.append(
                _group(
                    "side",
                    name,
                    values=values,
                    dimensions=dims,
                    weights=weights,
                    respondents=len(people),
                )
            )
    org_groups = []
    for name in sorted({org for _, org in mine}):
        values, people = _merge(cell for (_, org), cell in mine.items() if org == name)
        if people:
            org_groups.append(
                _group(
                    "organisation",
                    name,
                    values=values,
                    dimensions=dims,
                    weights=weights,
                    respondents=len(people),
                )
            )
    sides = tuple(side_groups)
    return HealthPeriod(
        period=period,
        overall=_overall(sides, dims, weights, len(everyone)),
        sides=sides,
        organisations=tuple(org_groups),
        gaps=tuple(_gap(a, b) for a, b in combinations(sides, 2)),
    )


def _side_order(seen: Mapping[str, None], sides: Sequence[str] | None) -> tuple[str, ...]:
    if sides is not None:
        missing = [s for s in seen if s not in sides]
        if missing:
            raise MetricsError(f"ratings come from sides not listed in `sides`: {missing}")
        return tuple(dict.fromkeys(sides))
    names = sorted(seen)
    if CLIENT_SIDE in seen:
        names.remove(CLIENT_SIDE)
        names.insert(0, CLIENT_SIDE)
    return tuple(names)
