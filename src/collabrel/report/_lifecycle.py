"""A timeline (Gantt-like) figure of a lifecycle history, drawn with matplotlib."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING, cast

from collabrel.lifecycle import (
    STANDARD,
    STATUS_COLOURS,
    LifecycleDefinition,
    StageStatus,
    intervals,
)
from collabrel.model import Event
from collabrel.report._optional import matplotlib_module, pyplot

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["plot_timeline"]


def plot_timeline(
    events: Iterable[Event],
    *,
    definition: LifecycleDefinition = STANDARD,
    as_of: datetime | None = None,
    ax: Axes | None = None,
    title: str | None = None,
) -> Figure:
    """Draw a history as a timeline: one row per stage, one bar per status it held.

    Bars are coloured by status (the colours of `collabrel.lifecycle.STATUS_COLOURS`);
    events with an override are marked with a red diamond; open intervals run to `as_of`
    (or to the last event).

    Args:
        events: The history, oldest first (e.g. `rmp.history`).
        definition: The lifecycle definition.
        as_of: Where open intervals end, and events after it are left out.
        ax: Axes to draw on; a new figure is made when `None`.
        title: The figure's title.

    Returns:
        The matplotlib figure (save it with `fig.savefig("timeline.png")`).

    Raises:
        ImportError: If matplotlib is not installed (the `plot` extra).
        InvalidEventError: If an event cannot apply (see `collabrel.lifecycle.replay`).

    Examples:
        >>> import matplotlib
        >>> matplotlib.use("Agg")
        >>> from collabrel import examples
        >>> from collabrel.report import plot_timeline
        >>> fig = plot_timeline(examples.load("alliance").history)
        >>> [t.get_text() for t in fig.axes[0].get_yticklabels()][:2]
        ['Awareness', 'Knowledge']
    """
    plt = pyplot()
    dates = matplotlib_module("matplotlib.dates")
    history = list(events)
    spans = intervals(history, definition=definition, as_of=as_of)
    counted = [e for e in history if as_of is None or e.at <= as_of]
    end = as_of or (counted[-1].at if counted else None)
    if ax is None:
        fig, ax = plt.subplots(figsize=(10, 0.45 * len(definition.stages) + 1.5))
    else:
        fig = ax.figure
    rows = {spec.key: n for n, spec in enumerate(definition.stages)}
    for span in spans:
        stop = span.end or end or span.start
        start_num = dates.date2num(span.start)
        width = max(dates.date2num(stop) - start_num, 0.5)
        ax.barh(
            rows[span.key],
            width,
            left=start_num,
            height=0.6,
            color=STATUS_COLOURS[span.status],
            edgecolor="#555555",
            linewidth=0.5,
        )
    _mark_overrides(ax, counted, rows, definition)
    _label(ax, definition)
    ax.set_title(title or f"Lifecycle timeline ({definition.name})")
    fig.autofmt_xdate()
    fig.tight_layout()
    return cast("Figure", fig)


def _mark_overrides(
    ax: Axes, events: Iterable[Event], rows: dict[str, int], definition: LifecycleDefinition
) -> None:
    """A red diamond on the row of each event that went ahead by override."""
    dates = matplotlib_module("matplotlib.dates")
    for event in events:
        if event.override is None:
            continue
        key = event.substage or (event.stage.value if event.stage else definition.exit_stage)
        if key in rows:
            ax.plot(dates.date2num(event.at), rows[key], marker="D", color="#c0392b", ms=6)


def _label(ax: Axes, definition: LifecycleDefinition) -> None:
    """The stages down the side, dates along the bottom, and a legend of the statuses."""
    patches = matplotlib_module("matplotlib.patches")
    ax.set_yticks(range(len(definition.stages)))
    ax.set_yticklabels([spec.title for spec in definition.stages])
    ax.invert_yaxis()
    ax.xaxis_date()
    ax.grid(axis="x", linestyle=":", alpha=0.6)
    handles = [
        patches.Patch(color=STATUS_COLOURS[s], label=s.label)
        for s in StageStatus
        if s is not StageStatus.NOT_STARTED
    ]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize="small")
