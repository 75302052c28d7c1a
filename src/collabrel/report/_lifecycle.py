"""A timeline (Gantt-like) figure of a lifecycle history, drawn with matplotlib."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta
from itertools import takewhile
from typing import TYPE_CHECKING, Any, Final, cast

from collabrel.lifecycle import (
    STANDARD,
    STATUS_COLOURS,
    LifecycleDefinition,
    LifecycleState,
    StageStatus,
    intervals,
)
from collabrel.model import Event
from collabrel.report._optional import matplotlib_module, pyplot

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["plot_timeline"]

OVERRIDE_COLOUR: Final = "#c0392b"
AS_OF_COLOUR: Final = "#212121"


def plot_timeline(
    events: Iterable[Event],
    *,
    definition: LifecycleDefinition = STANDARD,
    as_of: date | datetime | LifecycleState | None = None,
    ax: Axes | None = None,
    title: str | None = None,
) -> Figure:
    """Draw a history as a timeline: one row per stage, one bar per status it held.

    Bars are coloured by status (the colours of `collabrel.lifecycle.STATUS_COLOURS`);
    events with an override are marked with a red diamond. The timeline runs to `as_of`,
    marked by a line named in the legend: stages still open then run to it, and later
    events are left out.

    Args:
        events: The history, oldest first (e.g. `rmp.history`).
        definition: The lifecycle definition.
        as_of: Where the timeline ends: an aware instant; a date (to the end of that day,
            UTC, counting events by their own local date as
            `state_as_of` does); or a state, for its
            `as_of` (or else its `updated_at`).
            Today by default.
        ax: Axes to draw on; a new figure is made when `None`.
        title: The figure's title.

    Returns:
        The matplotlib figure (save it with `fig.savefig("timeline.png")`).

    Raises:
        ImportError: If matplotlib is not installed (the `plot` extra).
        InvalidEventError: If an event cannot apply (see `collabrel.lifecycle.replay`).
        LifecycleError: If `as_of` is a naive datetime, or `events` holds something that is
            not an `Event`.

    Examples:
        >>> import matplotlib
        >>> matplotlib.use("Agg")
        >>> from datetime import date
        >>> from collabrel import examples
        >>> from collabrel.report import plot_timeline
        >>> fig = plot_timeline(examples.load("alliance").history, as_of=date(2025, 10, 31))
        >>> [t.get_text() for t in fig.axes[0].get_yticklabels()][:2]
        ['Awareness', 'Knowledge']
        >>> [t.get_text() for t in fig.axes[0].get_legend().get_texts()][-2:]
        ['override', 'as of 2025-10-31']
    """
    plt = pyplot()
    dates = matplotlib_module("matplotlib.dates")
    when = _as_of(as_of)
    if isinstance(when, datetime):
        history = list(events)
        spans = intervals(history, definition=definition, as_of=when)
        end, shown = when, when.isoformat(timespec="minutes")
    else:  # a day: its events count by their own local date, as in state_as_of
        day = when
        history = list(takewhile(lambda e: _counts(e, day), events))
        spans = intervals(history, definition=definition)
        end, shown = datetime.combine(day + timedelta(days=1), time(), UTC), day.isoformat()
    if ax is None:
        fig, ax = plt.subplots(figsize=(10, 0.45 * len(definition.stages) + 1.5))
    else:
        fig = ax.figure
    rows = {spec.key: n for n, spec in enumerate(definition.stages)}
    stop_num = dates.date2num(end)
    for span in spans:
        start_num = dates.date2num(span.start)
        stop = dates.date2num(span.end) if span.end is not None else stop_num
        ax.barh(
            rows[span.key],
            max(stop - start_num, 0.5),
            left=start_num,
            height=0.6,
            color=STATUS_COLOURS[span.status],
            edgecolor="#555555",
            linewidth=0.5,
        )
    counted = [e for e in history if e.at <= end]
    overrides = _mark_overrides(ax, counted, rows, definition)
    line = ax.axvline(stop_num, color=AS_OF_COLOUR, linestyle="-.", linewidth=1.2)
    line.set_label(f"as of {shown}")
    first = min((dates.date2num(s.start) for s in spans), default=stop_num - 30)
    margin = max(stop_num - first, 1.0) * 0.02
    ax.set_xlim(first - margin, stop_num + margin)
    _label(ax, definition, [*overrides, line])
    ax.set_title(title or f"Lifecycle timeline ({definition.name})")
    fig.autofmt_xdate()
    fig.tight_layout()
    return cast("Figure", fig)


def _as_of(as_of: date | datetime | LifecycleState | None) -> date | datetime:
    """The day or instant a timeline runs to: a state's `as_of` or `updated_at`, or today."""
    if isinstance(as_of, LifecycleState):
        as_of = as_of.as_of or as_of.updated_at
    return date.today() if as_of is None else as_of  # noqa: DTZ011 - a day, not an instant


def _counts(event: object, day: date) -> bool:
    """Whether an event counts on `day` (by its local date); `intervals` refuses non-events."""
    return not isinstance(event, Event) or event.at.date() <= day


def _mark_overrides(
    ax: Axes, events: Iterable[Event], rows: dict[str, int], definition: LifecycleDefinition
) -> list[Any]:
    """A red diamond on the row of each event that went ahead by override; its legend entry."""
    dates = matplotlib_module("matplotlib.dates")
    marked: list[Any] = []  # the last marker, which the legend shows
    for event in events:
        if event.override is None or event.is_membership:
            continue
        key = event.substage or (event.stage.value if event.stage else definition.exit_stage)
        if key in rows:
            marked = ax.plot(
                dates.date2num(event.at), rows[key], marker="D", color=OVERRIDE_COLOUR, ms=6
            )
    for handle in marked:
        handle.set_label("override")
    return marked


def _label(ax: Axes, definition: LifecycleDefinition, extra: list[Any]) -> None:
    """The stages down the side, dates along the bottom, and a legend of what is drawn."""
    patches = matplotlib_module("matplotlib.patches")
    ax.set_yticks(range(len(definition.stages)))
    ax.set_yticklabels([spec.title for spec in definition.stages])
    ax.invert_yaxis()
    ax.xaxis_date()
    ax.grid(axis="x", linestyle=":", alpha=0.6)
    handles: list[Any] = [
        patches.Patch(color=STATUS_COLOURS[s], label=s.label)
        for s in StageStatus
        if s is not StageStatus.NOT_STARTED
    ]
    ax.legend(
        handles=[*handles, *extra],
        loc="upper left",
        bbox_to_anchor=(1.0, 1.0),
        fontsize="small",
    )
