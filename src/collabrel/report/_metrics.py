"""Figures of metrics results, drawn with matplotlib (the optional `plot` extra)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, Final, Literal, cast

from collabrel.errors import MetricsError
from collabrel.metrics import (
    HealthAssessment,
    HealthPeriod,
    KPIReport,
    KPIStatus,
    MaturityProfile,
    Outcome,
    SelectionResult,
)
from collabrel.model import Direction
from collabrel.report._optional import matplotlib_module, pyplot

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["plot_health_radar", "plot_kpi_trends", "plot_maturity_profile", "plot_selection"]

STATUS_COLOURS: Final = {
    KPIStatus.ON_TRACK: "#2e7d32",
    KPIStatus.AT_RISK: "#f9a825",
    KPIStatus.OFF_TRACK: "#c62828",
    KPIStatus.NO_DATA: "#9e9e9e",
}
OUTCOME_COLOURS: Final = {
    Outcome.PROCEED: "#2e7d32",
    Outcome.CONDITIONAL: "#f9a825",
    Outcome.DO_NOT_PROCEED: "#c62828",
}


def _period(assessment: HealthAssessment, period: date | None) -> HealthPeriod:
    if period is None:
        latest = assessment.latest
        if latest is None:
            raise MetricsError("the health assessment has no ratings to draw")
        return latest
    for p in assessment.periods:
        if p.period == period:
            return p
    raise MetricsError(f"the health assessment has no period {period}")


def plot_health_radar(
    assessment: HealthAssessment,
    *,
    period: date | None = None,
    by: Literal["side", "organisation"] = "side",
    ax: Axes | None = None,
    title: str | None = None,
) -> Figure:
    """Draw relationship health as a radar: one polygon per side (or organisation), overlaid.

    Each spoke is a health dimension on a 0-100 scale; where the polygons part, the sides see
    the relationship differently (the perception gap). The legend gives each group's index.

    Args:
        assessment: The health assessment.
        period: The review period to draw; the latest by default.
        by: Draw one polygon per `"side"` (default) or per `"organisation"`.
        ax: Polar axes to draw on; a new figure is made when `None`.
        title: The figure's title.

    Returns:
        The matplotlib figure.

    Raises:
        ImportError: If matplotlib is not installed (the `plot` extra).
        MetricsError: If the assessment has no such period, or no ratings at all.

    Examples:
        >>> import matplotlib
        >>> matplotlib.use("Agg")
        >>> from collabrel import examples
        >>> from collabrel.metrics import assess_health, health_ratings
        >>> health = assess_health(health_ratings(examples.load("alliance")))
        >>> fig = plot_health_radar(health)
        >>> [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
        ['client (67)', 'supply (79)']
    """
    plt = pyplot()
    chosen = _period(assessment, period)
    groups = chosen.sides if by == "side" else chosen.organisations
    names = [d.name for d in assessment.dimensions]
    n = len(names)
    angles = [2 * math.pi * i / n for i in range(n)]
    if ax is None:
        fig, ax = plt.subplots(figsize=(7, 7), subplot_kw={"projection": "polar"})
    else:
        fig = ax.figure
    for group in groups:
        values = [d.score if d.score is not None else 0.0 for d in group.dimensions]
        index = f"{group.index:.0f}" if group.index is not None else "-"
        label = f"{group.group} ({index})"
        ax.plot([*angles, angles[0]], [*values, values[0]], linewidth=2, label=label)
        ax.fill([*angles, angles[0]], [*values, values[0]], alpha=0.15)
    ax.set_xticks(angles)
    ax.set_xticklabels(names, fontsize=8)
    ax.set_ylim(0, 100)
    ax.set_yticks([25, 50, 75, 100])
    ax.legend(loc="upper right", bbox_to_anchor=(1.25, 1.1))
    ax.set_title(title or f"Relationship health, {chosen.period.isoformat()}", pad=24)
    fig.tight_layout()
    return cast("Figure", fig)


def plot_kpi_trends(
    report: KPIReport,
    *,
    kpis: Sequence[str] | None = None,
    columns: int = 2,
    title: str | None = None,
) -> Figure:
    """Draw each KPI's measurements against its target: one small chart per KPI.

    The target is a dashed line labelled with its value, the at-risk band (the tolerance short
    of the target) shaded beside it; the trend line's forecast runs to the target date where
    there is one; each chart's title carries the status. One legend, at the top, names the
    lines for every chart.

    Args:
        report: The KPI report (e.g. from `collabrel.metrics.assess_kpis`).
        kpis: The ids of the KPIs to draw, in order; all by default.
        columns: Charts per row.
        title: The figure's title.

    Returns:
        The matplotlib figure.

    Raises:
        ImportError: If matplotlib is not installed (the `plot` extra).
        MetricsError: If `kpis` names a KPI the report does not have, none is left to draw,
            or `columns` is below 1.

    Examples:
        >>> import matplotlib
        >>> matplotlib.use("Agg")
        >>> from datetime import date
        >>> from collabrel import examples
        >>> from collabrel.metrics import assess_kpis
        >>> report = assess_kpis(examples.load("alliance").relationship.kpis, date(2026, 10, 31))
        >>> fig = plot_kpi_trends(report, kpis=["kpi-efficiency", "kpi-carbon"])
        >>> len(fig.axes)
        2
        >>> [t.get_text() for t in fig.legends[0].get_texts()]
        ['measured', 'target', 'at risk (within tolerance)', 'forecast to the target date']
        >>> [t.get_text() for t in fig.axes[0].texts]
        ['target 8, tolerance 0.5']
    """
    plt = pyplot()
    by_id = {k.kpi_id: k for k in report.kpis}
    wanted = list(kpis) if kpis is not None else list(by_id)
    unknown = [k for k in wanted if k not in by_id]
    if unknown:
        raise MetricsError(f"the report has no KPI {unknown[0]!r}")
    if not wanted:
        raise MetricsError("there is no KPI to draw")
    if columns < 1:
        raise MetricsError(f"columns must be at least 1 (got {columns})")
    cols = min(columns, len(wanted))
    rows = math.ceil(len(wanted) / cols)
    dates = matplotlib_module("matplotlib.dates")
    fig, axes = plt.subplots(rows, cols, figsize=(5.5 * cols, 3.2 * rows), squeeze=False)
    flat = [a for row in axes for a in row]
    for ax, kpi_id in zip(flat, wanted, strict=False):
        k = by_id[kpi_id]
        days = [m.on for m in k.history]
        ax.plot(days, [m.value for m in k.history], marker="o", color="#1565c0", label="measured")
        ax.axhline(k.target, color="#424242", linestyle="--", linewidth=1, label="target")
        if k.tolerance is not None:
            edge = k.target - k.tolerance if k.direction is Direction.INCREASE else k.target
            ax.axhspan(
                edge,
                edge + k.tolerance,
                color="#f9a825",
                alpha=0.15,
                label="at risk (within tolerance)",
            )
        if k.forecast is not None and k.target_date is not None and days:
            ax.plot(
                [days[-1], k.target_date],
                [k.history[-1].value, k.forecast],
                linestyle=":",
                color="#1565c0",
                label="forecast to the target date",
            )
        ax.set_title(
            f"{k.name} ({k.status.value.replace('_', ' ')})",
            fontsize=9,
            color=STATUS_COLOURS[k.status],
        )
        ax.set_ylabel(k.unit, fontsize=8)
        ax.tick_params(labelsize=7)
        locator = dates.AutoDateLocator()
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(dates.ConciseDateFormatter(locator))
        _target_text(ax, k.target, k.tolerance)
    for ax in flat[len(wanted) :]:
        fig.delaxes(ax)
    fig.suptitle(title or f"KPIs as of {report.as_of.isoformat()}")
    legend: dict[str, object] = {}  # one entry per kind of line, from whichever chart has it
    for ax in flat[: len(wanted)]:
        handles, labels = ax.get_legend_handles_labels()
        legend.update((label, h) for h, label in zip(handles, labels, strict=True))
    order = [lbl for lbl in _KPI_LEGEND_ORDER if lbl in legend]
    fig.legend(
        [legend[lbl] for lbl in order],
        order,
        loc="upper center",
        ncol=len(order),
        fontsize=8,
        frameon=False,
        bbox_to_anchor=(0.5, 1 - 0.4 / fig.get_figheight()),
    )
    fig.tight_layout(rect=(0, 0, 1, 1 - 0.6 / fig.get_figheight()))
    return cast("Figure", fig)


_KPI_LEGEND_ORDER: Final = (
    "measured",
    "target",
    "at risk (within tolerance)",
    "forecast to the target date",
)


def _target_text(ax: Axes, target: float, tolerance: float | None) -> None:
    """The target's value (and tolerance) written on its line, at the right.

    Above the line, or below it when the line is near the top of the chart.
    """
    text = f"target {target:g}"
    if tolerance is not None:
        text += f", tolerance {tolerance:g}"
    low, high = ax.get_ylim()
    above = target < low + 0.85 * (high - low)
    ax.annotate(
        text,
        xy=(1.0, target),
        xycoords=ax.get_yaxis_transform(),
        xytext=(-3, 3 if above else -3),
        textcoords="offset points",
        ha="right",
        va="bottom" if above else "top",
        fontsize=7,
        color="#424242",
        bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none"},
    )


def plot_maturity_profile(
    profile: MaturityProfile, *, ax: Axes | None = None, title: str | None = None
) -> Figure:
    """Draw the maturity profile: a bar per stage at its level, a marker at the previous one.

    Args:
        profile: The maturity profile (from `collabrel.metrics.assess_maturity`).
        ax: Axes to draw on; a new figure is made when `None`.
        title: The figure's title.

    Returns:
        The matplotlib figure.

    Raises:
        ImportError: If matplotlib is not installed (the `plot` extra).

    Examples:
        >>> import matplotlib
        >>> matplotlib.use("Agg")
        >>> from collabrel import examples
        >>> from collabrel.metrics import assess_maturity
        >>> rmp = examples.load("alliance")
        >>> fig = plot_maturity_profile(
        ...     assess_maturity(rmp.stages.staying_together.maturity_assessments))
        >>> len(fig.axes[0].patches)
        8
    """
    plt = pyplot()
    if ax is None:
        fig, ax = plt.subplots(figsize=(9, 4))
    else:
        fig = ax.figure
    labels = [f"{s.stage.number} {s.stage.title}" for s in profile.stages]
    levels = [s.level or 0 for s in profile.stages]
    ax.bar(range(len(labels)), levels, color="#1565c0", alpha=0.8, label="level")
    previous = [(i, s.previous) for i, s in enumerate(profile.stages) if s.previous is not None]
    if previous:
        ax.scatter(
            [i for i, _ in previous],
            [p for _, p in previous],
            marker="_",
            s=400,
            color="#c62828",
            label=f"previous ({profile.previous_on})",
        )
    ax.set_xticks(range(len(labels)))
    ax.set_xticklabels(labels, rotation=30, ha="right", fontsize=8)
    scale = profile.scale
    ax.set_ylim(0, scale.highest + 0.5)
    ax.set_yticks([lvl.level for lvl in scale.levels])
    ax.set_yticklabels([f"{lvl.level} {lvl.name}" for lvl in scale.levels], fontsize=8)
    ax.legend(fontsize=8, loc="upper right")
    on = profile.assessed_on.isoformat() if profile.assessed_on else "not assessed"
    ax.set_title(title or f"Maturity profile ({on})")
    fig.tight_layout()
    return cast("Figure", fig)


def plot_selection(
    result: SelectionResult, *, ax: Axes | None = None, title: str | None = None
) -> Figure:
    """Draw the selection scores with their sensitivity bands and the outcome thresholds.

    One bar per candidate past the gates, coloured by outcome; the whisker spans the 5th to
    95th percentile of its score under random weights (when the result has a sensitivity
    analysis); the dashed lines are the outcome thresholds, each named with its value in the
    legend beside the chart; candidates that failed a gate are listed below the chart.

    Args:
        result: The selection result (from `collabrel.metrics.select_partners`).
        ax: Axes to draw on; a new figure is made when `None`.
        title: The figure's title.

    Returns:
        The matplotlib figure.

    Raises:
        ImportError: If matplotlib is not installed (the `plot` extra).

    Examples:
        >>> import matplotlib
        >>> matplotlib.use("Agg")
        >>> from collabrel import examples
        >>> from collabrel.metrics import DecisionMatrix, select_partners
        >>> result = select_partners(DecisionMatrix.from_plan(examples.load("alliance")))
        >>> fig = plot_selection(result)
        >>> [t.get_text() for t in fig.axes[0].get_yticklabels()][0]
        'Brackwell Civil Engineering Ltd'
        >>> [t.get_text() for t in fig.axes[0].get_legend().get_texts()][-2:]
        ['proceed threshold: score ≥ 70', 'conditional threshold: score ≥ 60']
    """
    plt = pyplot()
    patches = matplotlib_module("matplotlib.patches")
    scored = [c for c in result.candidates if c.score is not None]
    if ax is None:
        fig, ax = plt.subplots(figsize=(10.5, 0.6 * max(len(scored), 2) + 1.8))
    else:
        fig = ax.figure
    positions = list(range(len(scored)))[::-1]
    ax.barh(
        positions,
        [c.score or 0.0 for c in scored],
        color=[OUTCOME_COLOURS[c.outcome] for c in scored],
        alpha=0.85,
    )
    handles: list[Any] = [
        patches.Patch(color=colour, alpha=0.85, label=outcome.value.replace("_", " "))
        for outcome, colour in OUTCOME_COLOURS.items()
    ]
    if result.sensitivity is not None:
        for y, c in zip(positions, scored, strict=True):
            s = result.sensitivity.candidate(c.candidate_id)
            ax.plot([s.low, s.high], [y, y], color="#212121", linewidth=2)
            ax.plot([s.low, s.low], [y - 0.15, y + 0.15], color="#212121")
            ax.plot([s.high, s.high], [y - 0.15, y + 0.15], color="#212121")
        handles += ax.plot([], [], color="#212121", linewidth=2, marker="|", ms=8)
        handles[-1].set_label("5th-95th percentile, random weights")
    for name, value in (
        ("proceed", result.thresholds.proceed),
        ("conditional", result.thresholds.conditional),
    ):
        colour = OUTCOME_COLOURS[Outcome(name)]
        label = f"{name} threshold: score ≥ {value:g}"
        handles.append(ax.axvline(value, color=colour, linestyle="--", linewidth=1, label=label))
    ax.legend(
        handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False
    )
    ax.set_yticks(positions)
    ax.set_yticklabels([c.name for c in scored], fontsize=8)
    ax.set_xlim(0, 100)
    ax.set_xlabel(f"score ({result.method.value.replace('_', ' ')}), 0-100")
    failed = [c.name for c in result.candidates if c.failed_gates]
    if failed:
        ax.text(0, -1.2, "failed a gate: " + ", ".join(failed), fontsize=8, color="#c62828")
    stability = result.sensitivity.winner_stability if result.sensitivity else None
    suffix = f"; winner stable in {stability:.0%} of weight draws" if stability is not None else ""
    ax.set_title(title or f"Partner selection{suffix}", fontsize=10)
    fig.tight_layout()
    return cast("Figure", fig)
