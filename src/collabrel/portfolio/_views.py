"""Views of a portfolio report: readiness by relationship and stage, the trend, tables, pages.

The views are worked out from the report's plan summaries and counts when asked for, so a
report stays small and mergeable; they are values of their own (`ReadinessMatrix`,
`TrendPoint`) or renderings: DataFrames (the `pandas` extra, through
`collabrel.report.to_dataframe`), a heatmap (the `plot` extra) and the notebook view; the
text, Markdown and HTML renderings are one outline, in `_document.py`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Final, Protocol

from attrs import frozen

from collabrel._rows import records
from collabrel._text import plural
from collabrel.conformance import Tally
from collabrel.model import Result, Stage
from collabrel.model import _display as d
from collabrel.portfolio._parts import (
    TALLY_FIELDS,
    PartnerCount,
    PlanSummary,
    PortfolioProblem,
    RequirementCount,
    StageSummary,
    TierCount,
    add_tally,
    tally_of,
)
from collabrel.report import _outline as o
from collabrel.report._optional import pyplot

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = [
    "PortfolioView",
    "ReadinessMatrix",
    "Rows",
    "TrendPoint",
    "figure",
    "latest",
    "notebook",
    "stage_result",
    "tally_rows",
    "trend",
]


def latest(rows: Iterable[PlanSummary]) -> tuple[PlanSummary, ...]:
    """The latest revision of each relationship (by issue date, then revision), in key order.

    A plan without a relationship (a template, an enterprise plan) is its own, by location.
    """
    found: dict[str, PlanSummary] = {}
    for row in rows:
        key = row.relationship
        held = found.get(key)
        if held is None or _recency(row) > _recency(held):
            found[key] = row
    return tuple(found[k] for k in sorted(found))


def _recency(row: PlanSummary) -> tuple[date, int, str]:
    return (row.issued_on, row.revision, row.location)


def stage_result(stage: StageSummary) -> Result | None:
    """The result a stage's cell is coloured by: its gravest nonconformity, else conforms.

    `None` when nothing in the stage was judged and nothing fails.
    """
    if stage.majors:
        return Result.MAJOR
    if stage.nonconformities:
        return Result.MINOR
    return None if stage.readiness is None else Result.CONFORMS


@frozen(kw_only=True, repr=False)
class ReadinessMatrix:
    """Readiness by relationship and stage: the latest revision of each relationship.

    Attributes:
        stages: The columns, in stage order.
        plans: The rows: each relationship's latest plan summary, by relationship id.

    Examples:
        >>> from datetime import date
        >>> from collabrel import examples
        >>> from collabrel.conformance import assess
        >>> from collabrel.portfolio import Accumulator
        >>> acc = Accumulator()
        >>> plan = examples.load("flawed")
        >>> acc.add("flawed.json", plan, assess(plan, as_of=date(2026, 10, 31)))
        >>> matrix = acc.freeze().readiness_matrix()
        >>> matrix.relationships, round(matrix.value("harbour-maintenance", Stage.KNOWLEDGE), 2)
        (('harbour-maintenance',), 0.2)
        >>> matrix
        <ReadinessMatrix 1 relationship x 8 stages>
    """

    stages: tuple[Stage, ...] = tuple(Stage)
    plans: tuple[PlanSummary, ...] = ()

    @property
    def relationships(self) -> tuple[str, ...]:
        """The rows' keys: relationship ids (a location for a plan without one)."""
        return tuple(p.relationship for p in self.plans)

    def cell(self, relationship: str, stage: Stage) -> StageSummary | None:
        """The summary of `stage` in `relationship`'s latest plan.

        Raises:
            KeyError: If the matrix has no such relationship.
        """
        for p in self.plans:
            if p.relationship == relationship:
                return p.stage(stage)
        msg = f"the matrix has no relationship {relationship!r}"
        raise KeyError(msg)

    def value(self, relationship: str, stage: Stage) -> float | None:
        """The readiness of `stage` in `relationship` (`None`: nothing judged).

        Raises:
            KeyError: If the matrix has no such relationship.
        """
        cell = self.cell(relationship, stage)
        return None if cell is None else cell.readiness

    def least_ready(self, n: int | None = None) -> tuple[PlanSummary, ...]:
        """The rows, least ready first (by the plan's overall readiness), at most `n`."""
        ordered = sorted(self.plans, key=_readiness_order)
        return tuple(ordered if n is None else ordered[:n])

    def to_records(self, *, typed: bool = False) -> list[dict[str, object]]:
        """One row per relationship and stage (`typed`: stages and statuses as enum members)."""
        rows = [
            {
                "relationship": p.relationship,
                "name": p.label,
                "stage": s.stage,
                "status": s.status,
                "agreed": s.agreed,
                "readiness": s.readiness,
                "nonconformities": s.nonconformities,
                "majors": s.majors,
            }
            for p in self.plans
            for s in p.stages
            if s.stage in self.stages
        ]
        return records(rows, typed=typed)

    def __repr__(self) -> str:
        return (
            f"<ReadinessMatrix {plural(len(self.plans), 'relationship')} x "
            f"{plural(len(self.stages), 'stage')}>"
        )

    _repr_pretty_ = d.pretty

    def _repr_html_(self) -> str:
        return d.block(
            d.heading("Readiness by relationship and stage", plural(len(self.plans), "plan")),
            _matrix_table(self, _NOTEBOOK_ROWS),
        )


def _readiness_order(row: PlanSummary) -> tuple[float, str]:
    share = row.tally.readiness
    return (2.0 if share is None else share, row.relationship)


@frozen(kw_only=True)
class TrendPoint:
    """The portfolio on one review date: each relationship's latest revision issued by then.

    Attributes:
        on: The date (a plan revision's `meta.issued_on`).
        relationships: The relationships with a revision issued by then.
        revisions: The plan revisions issued on that very day.
        ready: The relationships whose latest revision was ready for certification.
        nonconformities: Their minor and major nonconformities.
        majors: Their major nonconformities.
        tally: The results of their requirements.
    """

    on: date
    relationships: int
    revisions: int
    ready: int
    nonconformities: int
    majors: int
    tally: Tally

    @property
    def readiness(self) -> float | None:
        """The share of their judged requirements that conform (`Tally.readiness`)."""
        return self.tally.readiness

    @property
    def ready_share(self) -> float:
        """`ready` as a share of `relationships`."""
        return self.ready / self.relationships if self.relationships else 0.0


def trend(rows: Iterable[PlanSummary]) -> tuple[TrendPoint, ...]:
    """The portfolio on each date a revision was issued, oldest first.

    On each date, every relationship counts with its latest revision issued by then (by
    `issued_on`, then `revision`); a later revision replaces an earlier one. Worked out in
    one sweep over the revisions in date order.
    """
    ordered = sorted(rows, key=_recency)
    current: dict[str, PlanSummary] = {}
    totals = [0] * len(TALLY_FIELDS)
    ready = majors = 0
    points: list[TrendPoint] = []
    revisions = 0
    for n, row in enumerate(ordered):
        old = current.get(row.relationship)
        if old is not None:
            _add(totals, old.tally, -1)
            ready -= old.ready
            majors -= old.tally.major
        current[row.relationship] = row
        _add(totals, row.tally, 1)
        ready += row.ready
        majors += row.tally.major
        revisions += 1
        last = n + 1 == len(ordered)
        if last or ordered[n + 1].issued_on != row.issued_on:
            tally = tally_of(totals)
            points.append(
                TrendPoint(
                    on=row.issued_on,
                    relationships=len(current),
                    revisions=revisions,
                    ready=ready,
                    nonconformities=tally.nonconformities,
                    majors=majors,
                    tally=tally,
                )
            )
            revisions = 0
    return tuple(points)


def _add(total: list[int], tally: Tally, sign: int) -> None:
    if sign > 0:
        add_tally(total, tally)
    else:
        for i, name in enumerate(TALLY_FIELDS):
            total[i] -= getattr(tally, name)


class Rows:
    """A table for `collabrel.report.to_dataframe`: typed rows and the columns they have."""

    def __init__(self, columns: Sequence[str], rows: Iterable[Mapping[str, object]]) -> None:
        self.record_columns = tuple(columns)
        self.rows = [dict(r) for r in rows]

    def to_records(self, *, typed: bool = False) -> list[dict[str, object]]:
        """The rows (`typed`: cells as built, else plain data)."""
        return records(self.rows, typed=typed)


def tally_rows(key: str, groups: Iterable[tuple[object, Tally]]) -> Rows:
    """A table of tallies: one row per group, a column per result, and the readiness."""
    results = [r.value for r in Result]
    columns = (key, *results, "consequences", "readiness")
    return Rows(
        columns,
        (
            {key: k, **t.as_dict(), "consequences": t.consequences, "readiness": t.readiness}
            for k, t in groups
        ),
    )


class PortfolioView(Protocol):
    """What the views and renderings read of a portfolio report (a `PortfolioReport`).

    A seam, so that the report (which renders itself through them) is the only one of the
    two that imports the other.
    """

    @property
    def standard(self) -> str | None: ...  # pragma: no cover - a protocol
    @property
    def rows(self) -> tuple[PlanSummary, ...]: ...  # pragma: no cover - a protocol
    @property
    def problems(self) -> tuple[PortfolioProblem, ...]: ...  # pragma: no cover - a protocol
    @property
    def partners(self) -> tuple[PartnerCount, ...]: ...  # pragma: no cover - a protocol
    @property
    def tiers(self) -> tuple[TierCount, ...]: ...  # pragma: no cover - a protocol
    @property
    def plans(self) -> int: ...  # pragma: no cover - a protocol
    @property
    def ready(self) -> int: ...  # pragma: no cover - a protocol
    @property
    def as_of(self) -> date | None: ...  # pragma: no cover - a protocol
    @property
    def tally(self) -> Tally: ...  # pragma: no cover - a protocol
    def by_stage(self) -> dict[Stage, Tally]: ...  # pragma: no cover - a protocol
    def most_common(
        self, n: int | None = ...
    ) -> tuple[RequirementCount, ...]: ...  # pragma: no cover - a protocol
    def readiness_matrix(self) -> ReadinessMatrix: ...  # pragma: no cover - a protocol
    def trend(self) -> tuple[TrendPoint, ...]: ...  # pragma: no cover - a protocol


# ------------------------------------------------------------------ notebook and page

_NOTEBOOK_ROWS: Final = 15
"""The most relationships (and nonconformities) a notebook view lists."""


def _percent(share: float | None) -> str:
    return d.format_percent(share) or o.DASH


def _matrix_table(matrix: ReadinessMatrix, limit: int) -> d.Markup:
    shown = matrix.least_ready(limit)
    more = len(matrix.plans) - len(shown)
    table = d.table(
        ["relationship", *(str(s.number) for s in matrix.stages), "ready"],
        [
            [
                d.clip(p.label, 40),
                *(_percent(c.readiness if (c := p.stage(s)) else None) for s in matrix.stages),
                "yes" if p.ready else "no",
            ]
            for p in shown
        ],
        caption="Readiness of each stage (1 to 8), least ready relationships first",
        right=range(1, len(matrix.stages) + 1),
    )
    return d.block(table, d.paragraph(f"and {more} more relationships" if more > 0 else ""))


_DARK_BELOW: Final = 0.2
_DARK_ABOVE: Final = 0.85
"""The readiness below and above which a heatmap cell is dark enough for white text."""


def figure(
    matrix: ReadinessMatrix,
    *,
    limit: int = 30,
    ax: Axes | None = None,
    title: str | None = None,
) -> Figure:
    """A heatmap of `matrix`: a row per relationship (least ready first), a column per stage.

    Cells are coloured by readiness from red (0 %) to green (100 %), grey where nothing was
    judged, and say their share; at most `limit` relationships are drawn.
    """
    plt = pyplot()
    shown = matrix.least_ready(limit)
    values = [
        [
            float("nan") if (c := p.stage(s)) is None or c.readiness is None else c.readiness
            for s in matrix.stages
        ]
        for p in shown
    ]
    if ax is None:
        height = 1.5 + 0.35 * max(len(shown), 1)
        fig, ax = plt.subplots(figsize=(9, height))
    else:
        fig = ax.figure
    cmap = plt.get_cmap("RdYlGn").with_extremes(bad="#e0e0e0")
    image = ax.imshow(
        values or [[float("nan")] * len(matrix.stages)], cmap=cmap, vmin=0, vmax=1, aspect="auto"
    )
    ax.set_xticks(range(len(matrix.stages)))
    ax.set_xticklabels(
        [f"{s.number} {s.title}" for s in matrix.stages], rotation=30, ha="right", fontsize=8
    )
    ax.set_yticks(range(len(shown)))
    ax.set_yticklabels([d.clip(p.label, 36) for p in shown], fontsize=8)
    for i, row in enumerate(values):
        for j, share in enumerate(row):
            if not math.isnan(share):
                dark = share < _DARK_BELOW or share > _DARK_ABOVE
                colour = "white" if dark else "black"
                ax.text(j, i, f"{share:.0%}", ha="center", va="center", fontsize=7, color=colour)
    fig.colorbar(image, ax=ax, label="readiness", fraction=0.04)
    more = len(matrix.plans) - len(shown)
    ax.set_title(
        title
        or "Readiness by relationship and stage" + (f" ({more} more not shown)" if more > 0 else "")
    )
    fig.tight_layout()
    return fig  # type: ignore[no-any-return]


def notebook(report: PortfolioView) -> str:
    """The report's notebook view: its summary, readiness by stage and the worst parts."""
    common = report.most_common(_NOTEBOOK_ROWS // 2)
    stages = report.by_stage()
    return d.block(
        d.heading(
            "Portfolio",
            report.standard,
            plural(report.plans, "plan"),
            f"{report.ready} ready for certification",
            plural(len(report.problems), "problem"),
        ),
        d.table(
            ["stage", "readiness", "major", "minor"],
            [
                [f"{s.number} {s.title}", _percent(t.readiness), t.major, t.minor]
                for s, t in stages.items()
            ],
            caption="Readiness by stage",
            right=[1, 2, 3],
        ),
        d.table(
            ["requirement", "title", "plans", "share"],
            [[r.requirement, d.clip(r.title, 60), r.count, _percent(r.share)] for r in common],
            caption="Most common nonconformities",
            right=[2, 3],
        )
        if common
        else "",
        _matrix_table(report.readiness_matrix(), _NOTEBOOK_ROWS) if report.rows else "",
    )
