"""What a history says over time: status intervals, durations, reopenings, concurrency."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Final

from attrs import field, frozen

from collabrel._rows import records
from collabrel._text import plural
from collabrel.errors import LifecycleError
from collabrel.lifecycle._definition import STANDARD, LifecycleDefinition, StageSpec
from collabrel.lifecycle._engine import InvalidEventError, _apply
from collabrel.lifecycle._state import LifecycleState, is_aware
from collabrel.lifecycle._status import StageStatus, badge
from collabrel.model import Event, Stage
from collabrel.model import _display as d
from collabrel.model import _validators as v
from collabrel.model._arguments import ArgumentChecks, shown

_ARGS: Final = ArgumentChecks(LifecycleError)
_ONE_DAY: Final = timedelta(days=1)
_SHOWN_ORDER: Final = (
    StageStatus.COMPLETED,
    StageStatus.NOT_APPLICABLE,
    StageStatus.REOPENED,
    StageStatus.IN_PROGRESS,
    StageStatus.NOT_STARTED,
)
"""The order a summary's `repr` counts the stages in: done, then under way, then not begun."""

__all__ = ["LifecycleSummary", "StageSummary", "StatusInterval", "intervals", "summarize"]


@frozen(kw_only=True)
class StatusInterval:
    """A span of time during which one stage had one status.

    Attributes:
        key: The stage key.
        title: The stage's name.
        stage: The BS 11000 stage it is or belongs to.
        status: The status held (never `not_started`: that is the time before the first).
        start: When the status began (the event's instant).
        end: When it ended; `None` if it still holds.
    """

    key: str = field(validator=v.identifier())
    title: str = field(validator=v.text())
    stage: Stage = field(validator=v.member_of(Stage))
    status: StageStatus = field(validator=v.member_of(StageStatus))
    start: datetime = field(validator=v.aware_datetime())
    end: datetime | None = field(default=None, validator=v.optional(v.aware_datetime()))

    def duration(self, as_of: datetime | None = None) -> timedelta:
        """How long the status held; an open interval is measured up to `as_of`.

        Raises:
            LifecycleError: If the interval is open and `as_of` is not given, or `as_of` is
                not an aware datetime.
        """
        _check_as_of(as_of)
        end = self.end if self.end is not None else as_of
        if end is None:
            msg = f"interval of {self.key!r} is still open: give as_of to measure it"
            raise LifecycleError(msg)
        return max(end - self.start, timedelta(0))


def _check_as_of(as_of: object) -> None:
    if as_of is not None and not is_aware(as_of):
        msg = f"as_of must be an aware datetime (got {shown(as_of)})"
        raise LifecycleError(msg)


def intervals(
    events: Iterable[Event],
    *,
    definition: LifecycleDefinition = STANDARD,
    as_of: datetime | None = None,
) -> tuple[StatusInterval, ...]:
    """Every status each stage held, as intervals in the order they began.

    Args:
        events: The history, oldest first.
        definition: The lifecycle definition.
        as_of: Ignore events after this instant (all events by default). Open intervals
            stay open (`end=None`).

    Returns:
        The intervals, ordered by start (then by stage order).

    Raises:
        InvalidEventError: If an event cannot apply; its `path` names it.
        LifecycleError: If `as_of` is not an aware datetime, `events` not an iterable of
            `Event` or `definition` not a `LifecycleDefinition` (the message names it).

    Examples:
        >>> from collabrel.examples import load
        >>> spans = intervals(load("alliance").history)
        >>> [(s.status.value, s.start.date().isoformat()) for s in spans
        ...  if s.key == "partner_selection"]
        [('in_progress', '2024-06-10'), ('completed', '2024-09-27'),
         ('reopened', '2024-10-21'), ('completed', '2024-12-13')]
    """
    return _walk(events, definition, as_of)[0]


_Peak = tuple[int, datetime | None, tuple[str, ...]]


def _walk(
    events: Iterable[Event], definition: LifecycleDefinition, as_of: datetime | None
) -> tuple[tuple[StatusInterval, ...], LifecycleState, list[Event], _Peak]:
    """Replay up to `as_of`: the intervals, the final state, the events applied, the peak."""
    _check_as_of(as_of)
    events = _ARGS.items("events", events, Event)
    _ARGS.instance("definition", definition, LifecycleDefinition)
    state = LifecycleState.initial(definition)
    specs = definition.stages
    open_at: list[datetime | None] = [None] * len(specs)
    spans: list[StatusInterval] = []
    applied: list[Event] = []
    peak: _Peak = (0, None, ())
    for i, event in enumerate(events):
        if as_of is not None and event.at > as_of:
            break
        try:
            after = _apply(state, event)
        except InvalidEventError as exc:
            raise exc._at_index(i) from None  # noqa: SLF001
        for j, (old, new) in enumerate(zip(state.statuses, after.statuses, strict=True)):
            if old is new:
                continue
            start = open_at[j]
            if start is not None:
                spans.append(_span(specs[j], old, start, event.at))
            open_at[j] = event.at
        state = after
        applied.append(event)
        active = state.active
        if len(active) > peak[0]:  # the first time the most stages were active
            peak = (len(active), event.at, active)
    spans.extend(
        _span(spec, status, start, None)
        for spec, status, start in zip(specs, state.statuses, open_at, strict=True)
        if start is not None
    )
    order = {spec.key: n for n, spec in enumerate(specs)}
    spans.sort(key=lambda s: (s.start, order[s.key]))
    return tuple(spans), state, applied, peak


def _span(
    spec: StageSpec, status: StageStatus, start: datetime, end: datetime | None
) -> StatusInterval:
    return StatusInterval(
        key=spec.key, title=spec.title, stage=spec.stage, status=status, start=start, end=end
    )


@frozen(kw_only=True)
class StageSummary:
    """One stage over a history: its status, how long it was worked on, how often reopened.

    Attributes:
        key: The stage key.
        title: The stage's name.
        status: Its status at the end of the history (or at `as_of`).
        first_started: When work on it first began (`None` if never).
        last_completed: When it was last completed (`None` if never).
        active_time: Total time in progress or reopened, up to `as_of`.
        time_in_status: Total time in each status it held, in status order.
        times_reopened: How many times it was reopened.
    """

    key: str = field(validator=v.identifier())
    title: str = field(validator=v.text())
    status: StageStatus = field(validator=v.member_of(StageStatus))
    first_started: datetime | None = field(default=None)
    last_completed: datetime | None = field(default=None)
    active_time: timedelta = field(default=timedelta(0))
    time_in_status: tuple[tuple[StageStatus, timedelta], ...] = field(
        default=(), converter=v.to_tuple
    )
    times_reopened: int = field(default=0, validator=v.integer(low=0))


@frozen(kw_only=True, repr=False)
class LifecycleSummary:
    """A history summed up: per-stage durations and reopenings, and the peak of concurrency.

    Its `repr` is a one-line summary, the stages counted by status; in a notebook it is a
    table of each stage's status, first start, last completion, active days and reopenings.

    Examples:
        >>> from collabrel.examples import load
        >>> summarize(load("alliance").history)
        <LifecycleSummary bs11000, 18 events to 2025-04-01: 5 completed, 3 in progress;
         1 override; 1 stage reopened; at most 3 active at once>
        >>> summarize([])
        <LifecycleSummary bs11000, no events: 8 not started>

    Attributes:
        state: The state at the end of the history (or at `as_of`).
        as_of: The instant open intervals were measured to.
        stages: One summary per stage of the definition, in order.
        events: How many events were counted.
        overrides: How many of them carried an override.
        peak_concurrency: The most stages active at once.
        peak_at: When that peak was first reached.
        peak_stages: Which stages were active then.
    """

    state: LifecycleState
    as_of: datetime | None
    stages: tuple[StageSummary, ...] = field(converter=v.to_tuple)
    events: int = 0
    overrides: int = 0
    peak_concurrency: int = 0
    peak_at: datetime | None = None
    peak_stages: tuple[str, ...] = field(default=(), converter=v.to_tuple)

    def stage(self, key: str | Stage) -> StageSummary:
        """The summary of one stage.

        Raises:
            LifecycleError: If the definition has no such stage.
        """
        return self.stages[self.state.definition.position(key)]

    @property
    def reopened(self) -> dict[str, int]:
        """Stages reopened at least once, with how many times."""
        return {s.key: s.times_reopened for s in self.stages if s.times_reopened}

    def to_records(self, *, typed: bool = False) -> list[dict[str, object]]:
        """One flat row per stage (for tables and DataFrames).

        Cells are plain data (statuses by value, instants as ISO text) unless `typed`, which
        keeps statuses and datetimes as they are.
        """
        rows = [
            {
                "key": s.key,
                "title": s.title,
                "status": s.status,
                "first_started": s.first_started,
                "last_completed": s.last_completed,
                "active_days": round(s.active_time.total_seconds() / 86400, 2),
                "times_reopened": s.times_reopened,
            }
            for s in self.stages
        ]
        return records(rows, typed=typed)

    def _counts(self) -> str:
        return d.counted((s.status for s in self.stages), _SHOWN_ORDER)

    def __repr__(self) -> str:
        end = f" to {self.as_of.date().isoformat()}" if self.as_of is not None else ""
        parts = [
            self._counts(),
            *([plural(self.overrides, "override")] if self.overrides else []),
            *([f"{plural(len(self.reopened), 'stage')} reopened"] if self.reopened else []),
            *([f"at most {self.peak_concurrency} active at once"] if self.events else []),
        ]
        return (
            f"<LifecycleSummary {self.state.definition.name}, "
            f"{plural(self.events, 'event') if self.events else 'no events'}{end}: "
            f"{'; '.join(parts)}>"
        )

    _repr_pretty_ = d.pretty

    def _repr_html_(self) -> str:
        rows = [
            [
                s.title,
                d.Markup(badge(s.status)),
                _day(s.first_started),
                _day(s.last_completed),
                d.format_number(s.active_time / _ONE_DAY),
                s.times_reopened,
            ]
            for s in self.stages
        ]
        caption = (
            f"{plural(self.events, 'event')}, {plural(self.overrides, 'override')}; at most "
            f"{self.peak_concurrency} stages active at once"
        )
        columns = ["Stage", "Status", "First started", "Last completed", "Active days"]
        end = f"to {self.as_of.date().isoformat()}" if self.as_of is not None else None
        return d.block(
            d.heading("Lifecycle summary", self.state.definition.name, end, self._counts()),
            d.table([*columns, "Reopened"], rows, caption=caption, right=[4, 5]),
        )


def _day(moment: datetime | None) -> str:
    return "" if moment is None else moment.date().isoformat()


def summarize(
    events: Iterable[Event],
    *,
    definition: LifecycleDefinition = STANDARD,
    as_of: datetime | None = None,
) -> LifecycleSummary:
    """Sum up a history: time in each status, active time, reopenings, peak concurrency.

    Args:
        events: The history, oldest first.
        definition: The lifecycle definition.
        as_of: Count events up to this instant and measure open intervals to it; by default
            all events count and open intervals end at the last event.

    Returns:
        A `LifecycleSummary`.

    Raises:
        InvalidEventError: If an event cannot apply; its `path` names it.
        LifecycleError: If `as_of` is not an aware datetime, `events` not an iterable of
            `Event` or `definition` not a `LifecycleDefinition` (the message names it).

    Examples:
        >>> from datetime import datetime, timezone
        >>> from collabrel.examples import load
        >>> s = summarize(load("alliance").history,
        ...               as_of=datetime(2026, 1, 1, tzinfo=timezone.utc))
        >>> s.reopened, s.peak_concurrency
        ({'partner_selection': 1}, 3)
        >>> s.stage("partner_selection").active_time.days
        162
    """
    spans, state, counted, peak = _walk(events, definition, as_of)
    end = as_of if as_of is not None else (counted[-1].at if counted else None)
    per_key: dict[str, dict[StageStatus, timedelta]] = {s.key: {} for s in definition.stages}
    first: dict[str, datetime] = {}
    done: dict[str, datetime] = {}
    reopened: dict[str, int] = {}
    for span in spans:
        took = span.duration(end) if (span.end is not None or end is not None) else timedelta(0)
        bucket = per_key[span.key]
        bucket[span.status] = bucket.get(span.status, timedelta(0)) + took
        if span.status.is_active:
            first.setdefault(span.key, span.start)
        if span.status is StageStatus.COMPLETED:
            done[span.key] = span.start
        if span.status is StageStatus.REOPENED:
            reopened[span.key] = reopened.get(span.key, 0) + 1
    stages = [
        StageSummary(
            key=spec.key,
            title=spec.title,
            status=status,
            first_started=first.get(spec.key),
            last_completed=done.get(spec.key),
            active_time=sum(
                (t for st, t in per_key[spec.key].items() if st.is_active), timedelta(0)
            ),
            time_in_status=[
                (st, per_key[spec.key][st]) for st in StageStatus if st in per_key[spec.key]
            ],
            times_reopened=reopened.get(spec.key, 0),
        )
        for spec, status in zip(definition.stages, state.statuses, strict=True)
    ]
    return LifecycleSummary(
        state=state,
        as_of=end,
        stages=stages,
        events=len(counted),
        overrides=sum(1 for e in counted if e.override is not None),
        peak_concurrency=peak[0],
        peak_at=peak[1],
        peak_stages=peak[2],
    )
