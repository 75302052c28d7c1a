"""Behaviour of the timeline: status intervals, durations, reopen counts and concurrency.

Expected values are worked out by hand from the timestamps in the alliance example's history
(src/collabrel/examples/data/alliance.yaml), written here in UTC.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import pytest

from collabrel import to_data
from collabrel.errors import LifecycleError
from collabrel.lifecycle import (
    Event,
    EventKind,
    InvalidEventError,
    LifecycleState,
    Override,
    StageStatus,
    StatusInterval,
    intervals,
    replay,
    summarize,
)
from collabrel.model import Stage

NS, IP, DONE, RE, NA = StageStatus  # every status, in declaration order


def _utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)  # type: ignore[misc]


# The alliance history's instants in UTC (the YAML gives some at +01:00): its stage events,
# numbered as the stage events come, and the partners joining and leaving between them.
A0_AWARENESS_START = _utc(2024, 1, 15, 9, 30)
A1_AWARENESS_DONE = _utc(2024, 3, 4, 16, 0)
A2_KNOWLEDGE_START = _utc(2024, 3, 11, 9, 0)
A3_ASSESSMENT_START = _utc(2024, 4, 8, 8, 0)
A4_EXIT_START = _utc(2024, 4, 22, 9, 0)
A5_KNOWLEDGE_DONE = _utc(2024, 5, 20, 16, 30)
A6_ASSESSMENT_DONE = _utc(2024, 6, 3, 11, 0)
A7_SELECTION_START = _utc(2024, 6, 10, 8, 0)
A8_SELECTION_DONE = _utc(2024, 9, 27, 14, 0)
CARRICK_JOINS = _utc(2024, 9, 27, 14, 0)
A9_WORKING_START = _utc(2024, 10, 7, 8, 0)
CARRICK_LEAVES = _utc(2024, 10, 18, 16, 0)
A10_SELECTION_REOPENED = _utc(2024, 10, 21, 9, 0)
A11_SELECTION_DONE_AGAIN = _utc(2024, 12, 13, 11, 0)
ALDERGATE_JOINS = _utc(2024, 12, 13, 11, 0)
A12_WORKING_DONE = _utc(2025, 2, 28, 16, 0)
A13_VALUE_START = _utc(2025, 3, 3, 9, 0)
A14_STAYING_START = _utc(2025, 4, 1, 7, 0)
LAST = A14_STAYING_START

AT = _utc(2025, 1, 6, 9, 0)


@pytest.fixture(scope="module")
def history(alliance) -> tuple[Event, ...]:
    return tuple(alliance.history)


def _event(kind: EventKind, stage: Stage | None, at: datetime, **kw: object) -> Event:
    return Event(kind=kind, stage=stage, actor="jo", at=at, **kw)  # type: ignore[arg-type]


def _spans(
    spans: tuple[StatusInterval, ...], key: str
) -> list[tuple[StageStatus, datetime, datetime | None]]:
    return [(s.status, s.start, s.end) for s in spans if s.key == key]


class TestHistoryTimestamps:
    def test_constants_match_the_example(self, history):
        """The hand-written instants are those of the alliance YAML (guards the other tests)."""
        assert [e.at for e in history] == [
            A0_AWARENESS_START,
            A1_AWARENESS_DONE,
            A2_KNOWLEDGE_START,
            A3_ASSESSMENT_START,
            A4_EXIT_START,
            A5_KNOWLEDGE_DONE,
            A6_ASSESSMENT_DONE,
            A7_SELECTION_START,
            A8_SELECTION_DONE,
            CARRICK_JOINS,
            A9_WORKING_START,
            CARRICK_LEAVES,
            A10_SELECTION_REOPENED,
            A11_SELECTION_DONE_AGAIN,
            ALDERGATE_JOINS,
            A12_WORKING_DONE,
            A13_VALUE_START,
            A14_STAYING_START,
        ]


class TestIntervals:
    def test_partner_selection(self, history):
        """Partner selection: in progress, completed, reopened, completed (still open)."""
        assert _spans(intervals(history), "partner_selection") == [
            (IP, A7_SELECTION_START, A8_SELECTION_DONE),
            (DONE, A8_SELECTION_DONE, A10_SELECTION_REOPENED),
            (RE, A10_SELECTION_REOPENED, A11_SELECTION_DONE_AGAIN),
            (DONE, A11_SELECTION_DONE_AGAIN, None),
        ]

    def test_awareness_and_exit(self, history):
        """Awareness ran and closed; the exit strategy has been in progress since stage 2."""
        spans = intervals(history)
        assert _spans(spans, "awareness") == [
            (IP, A0_AWARENESS_START, A1_AWARENESS_DONE),
            (DONE, A1_AWARENESS_DONE, None),
        ]
        assert _spans(spans, "exit_strategy") == [(IP, A4_EXIT_START, None)]

    def test_every_interval_has_a_real_status(self, history):
        """No interval is for not_started, and each has the stage's title and Stage."""
        for span in intervals(history):
            assert span.status is not NS
            assert span.stage is Stage(span.key)
            assert span.title == span.stage.title

    def test_order(self, history):
        """Intervals are ordered by start, then by stage order."""
        spans = intervals(history)
        order = [s.value for s in Stage]
        keys = [(s.start, order.index(s.key)) for s in spans]
        assert keys == sorted(keys)
        assert len(spans) == 2 + 2 + 2 + 4 + 2 + 1 + 1 + 1

    def test_one_open_interval_per_started_stage(self, history):
        """Each started stage has exactly one open interval, holding its current status."""
        spans = intervals(history)
        open_ = {s.key: s.status for s in spans if s.end is None}
        assert open_ == {k: s for k, s in replay(history).by_key().items() if s is not NS}

    def test_as_of_cuts_off(self, history):
        """With as_of, later events are ignored and the current intervals stay open."""
        cut = _utc(2024, 11, 1)
        spans = intervals(history, as_of=cut)
        assert all(s.start <= cut for s in spans)
        assert _spans(spans, "partner_selection")[-1] == (RE, A10_SELECTION_REOPENED, None)
        assert _spans(spans, "value_creation") == []

    def test_event_at_as_of_counts(self, history):
        """An event exactly at as_of is counted."""
        spans = intervals(history, as_of=A10_SELECTION_REOPENED)
        assert _spans(spans, "partner_selection")[-1][0] is RE

    def test_empty_history(self):
        """No events, no intervals."""
        assert intervals([]) == ()

    def test_skip_and_exit(self):
        """A skip opens a not-applicable interval; exit on an active stage does not split it."""
        events = [
            _event(EventKind.START, Stage.EXIT_STRATEGY, AT),
            _event(EventKind.SKIP, Stage.VALUE_CREATION, AT + timedelta(1), note="Not needed."),
            _event(EventKind.ACTIVATE_EXIT, None, AT + timedelta(2)),
        ]
        spans = intervals(events)
        assert _spans(spans, "exit_strategy") == [(IP, AT, None)]
        assert _spans(spans, "value_creation") == [(NA, AT + timedelta(1), None)]

    def test_substages(self, awareness_with):
        """Sub-stages of a custom definition get intervals of their own."""
        defn = awareness_with("variant", {"intro": "Introductions"})
        events = [
            _event(EventKind.START, Stage.AWARENESS, AT, substage="intro"),
            _event(EventKind.COMPLETE, Stage.AWARENESS, AT + timedelta(1), substage="intro"),
        ]
        spans = intervals(events, definition=defn)
        assert [(s.key, s.title, s.stage, s.status) for s in spans] == [
            ("intro", "Introductions", Stage.AWARENESS, IP),
            ("intro", "Introductions", Stage.AWARENESS, DONE),
        ]

    def test_invalid_event(self, history):
        """An event that cannot apply raises with its path."""
        bad = [*history, _event(EventKind.START, Stage.AWARENESS, LAST + timedelta(1))]
        with pytest.raises(InvalidEventError) as info:
            intervals(bad)
        assert info.value.path == "history[18].kind"

    @pytest.mark.parametrize(
        "as_of",
        [datetime(2024, 11, 1), date(2024, 11, 1), "2024-11-01"],  # noqa: DTZ001
        ids=repr,
    )
    def test_bad_as_of(self, history, as_of):
        """as_of must be an aware datetime."""
        with pytest.raises(LifecycleError, match="as_of must be an aware datetime"):
            intervals(history, as_of=as_of)


class TestStatusIntervalDuration:
    def _span(self, end: datetime | None) -> StatusInterval:
        return StatusInterval(
            key="knowledge", title="Knowledge", stage=Stage.KNOWLEDGE, status=IP, start=AT, end=end
        )

    def test_closed(self):
        """A closed interval lasts from start to end."""
        assert self._span(AT + timedelta(days=2, hours=3)).duration() == timedelta(days=2, hours=3)

    def test_closed_ignores_as_of(self):
        """as_of does not change a closed interval's duration."""
        span = self._span(AT + timedelta(days=2))
        assert span.duration(AT + timedelta(days=30)) == timedelta(days=2)

    def test_open_needs_as_of(self):
        """An open interval is measured to as_of, and cannot be measured without it."""
        span = self._span(None)
        assert span.duration(AT + timedelta(hours=5)) == timedelta(hours=5)
        with pytest.raises(LifecycleError, match="still open"):
            span.duration()

    def test_never_negative(self):
        """An as_of before the start gives zero, not a negative duration."""
        assert self._span(None).duration(AT - timedelta(days=1)) == timedelta(0)


class TestSummarize:
    def test_counts(self, history):
        """The alliance has 18 events (3 of partners joining or leaving), one with an override."""
        s = summarize(history)
        assert (s.events, s.overrides) == (18, 1)
        assert s.as_of == LAST
        assert s.state == replay(history)

    def test_peak_concurrency(self, history):
        """At most three stages ran at once, first when the exit strategy started."""
        s = summarize(history)
        assert s.peak_concurrency == 3
        assert s.peak_at == A4_EXIT_START
        assert s.peak_stages == ("knowledge", "internal_assessment", "exit_strategy")

    def test_reopen_counts(self, history):
        """Only partner selection was reopened, once."""
        s = summarize(history)
        assert s.reopened == {"partner_selection": 1}
        assert s.stage("partner_selection").times_reopened == 1
        assert s.stage(Stage.AWARENESS).times_reopened == 0

    def test_partner_selection_durations(self, history):
        """Partner selection's active time adds the first run and the reopened one."""
        s = summarize(history).stage("partner_selection")
        first_run = A8_SELECTION_DONE - A7_SELECTION_START
        second_run = A11_SELECTION_DONE_AGAIN - A10_SELECTION_REOPENED
        assert first_run == timedelta(days=109, hours=6)
        assert second_run == timedelta(days=53, hours=2)
        assert s.active_time == first_run + second_run
        assert dict(s.time_in_status) == {
            IP: first_run,
            DONE: (A10_SELECTION_REOPENED - A8_SELECTION_DONE) + (LAST - A11_SELECTION_DONE_AGAIN),
            RE: second_run,
        }
        assert [st for st, _ in s.time_in_status] == [IP, DONE, RE]
        assert s.first_started == A7_SELECTION_START
        assert s.last_completed == A11_SELECTION_DONE_AGAIN
        assert s.status is DONE

    def test_awareness_durations(self, history):
        """Awareness was active 49 days 6.5 hours and completed since."""
        s = summarize(history).stage("awareness")
        assert s.active_time == timedelta(days=49, hours=6, minutes=30)
        assert dict(s.time_in_status) == {
            IP: timedelta(days=49, hours=6, minutes=30),
            DONE: LAST - A1_AWARENESS_DONE,
        }
        assert (s.first_started, s.last_completed) == (A0_AWARENESS_START, A1_AWARENESS_DONE)

    def test_open_stage_measured_to_the_last_event(self, history):
        """Without as_of, the still-open exit strategy is measured to the last event."""
        s = summarize(history).stage("exit_strategy")
        assert s.active_time == LAST - A4_EXIT_START
        assert s.status is IP
        assert s.last_completed is None

    def test_stage_started_at_the_last_event(self, history):
        """A stage started by the last event has had no time yet."""
        s = summarize(history).stage("staying_together")
        assert s.active_time == timedelta(0)
        assert s.first_started == A14_STAYING_START

    def test_as_of_after_the_end(self, history):
        """A later as_of extends open intervals to it (162 days 8 hours of selection work)."""
        as_of = _utc(2026, 1, 1)
        s = summarize(history, as_of=as_of)
        assert s.as_of == as_of
        assert s.stage("partner_selection").active_time == timedelta(days=162, hours=8)
        assert s.stage("exit_strategy").active_time == as_of - A4_EXIT_START
        assert s.events == 18

    def test_as_of_cut_off(self, history):
        """An earlier as_of ignores later events and measures to it."""
        as_of = _utc(2024, 11, 1)
        s = summarize(history, as_of=as_of)
        assert s.events == 13
        assert s.overrides == 0
        assert s.state == replay(history[:13])
        ps = s.stage("partner_selection")
        assert ps.status is RE
        assert ps.times_reopened == 1
        assert dict(ps.time_in_status)[RE] == timedelta(days=10, hours=15)
        vc = s.stage("value_creation")
        assert (vc.status, vc.first_started, vc.active_time, vc.time_in_status) == (
            NS,
            None,
            timedelta(0),
            (),
        )

    def test_as_of_before_the_first_event(self, history):
        """Before any event the summary is of the initial state."""
        s = summarize(history, as_of=_utc(2023, 1, 1))
        assert s.state == LifecycleState.initial()
        assert (s.events, s.peak_concurrency, s.peak_at, s.peak_stages) == (0, 0, None, ())
        assert all(st.active_time == timedelta(0) for st in s.stages)

    def test_empty_history(self):
        """An empty history has no as_of and nothing active."""
        s = summarize([])
        assert s.as_of is None
        assert s.events == 0
        assert len(s.stages) == 8

    def test_accepts_an_iterator(self, history):
        """A one-shot iterator of events is counted once, correctly."""
        assert summarize(iter(history)).events == 18

    def test_skip(self):
        """A skipped stage has no active time and its not-applicable time counted."""
        events = [
            _event(EventKind.START, Stage.KNOWLEDGE, AT),
            _event(EventKind.SKIP, Stage.KNOWLEDGE, AT + timedelta(2), note="Not needed."),
            _event(EventKind.START, Stage.AWARENESS, AT + timedelta(5)),
        ]
        s = summarize(events).stage("knowledge")
        assert s.status is NA
        assert dict(s.time_in_status) == {IP: timedelta(2), NA: timedelta(3)}
        assert s.active_time == timedelta(2)

    def test_exit_activation(self):
        """Exit activation shows in the plain data and reopens a completed exit stage."""
        events = [
            _event(EventKind.START, Stage.EXIT_STRATEGY, AT),
            _event(EventKind.COMPLETE, Stage.EXIT_STRATEGY, AT + timedelta(1)),
            _event(
                EventKind.ACTIVATE_EXIT,
                None,
                AT + timedelta(2),
                override=Override(by="jo", reason="Insolvency of the partner."),
            ),
        ]
        s = summarize(events)
        assert s.overrides == 1
        assert to_data(s)["state"]["exit_activated_at"] == (AT + timedelta(2)).isoformat()
        assert s.stage("exit_strategy").status is RE
        assert s.stage("exit_strategy").last_completed == AT + timedelta(1)

    def test_unknown_stage(self, history):
        """Asking for a stage the definition lacks is a LifecycleError."""
        with pytest.raises(LifecycleError):
            summarize(history).stage("nowhere")

    def test_bad_as_of(self, history):
        """A naive as_of is a LifecycleError."""
        with pytest.raises(LifecycleError, match="as_of"):
            summarize(history, as_of=datetime(2025, 1, 1))  # noqa: DTZ001

    def test_invalid_event(self, history):
        """An invalid event in the history raises with its path."""
        with pytest.raises(InvalidEventError) as info:
            summarize([history[1]])
        assert info.value.path == "history[0].kind"


class TestSummaryOutput:
    def test_to_records(self, history):
        """to_records gives one flat row per stage with days rounded to two places."""
        rows = summarize(history, as_of=_utc(2026, 1, 1)).to_records()
        assert [r["key"] for r in rows] == [s.value for s in Stage]
        ps = rows[3]
        # Instants keep the time zone the history gave them (here +01:00 for the start).
        assert datetime.fromisoformat(str(ps.pop("first_started"))) == A7_SELECTION_START
        assert datetime.fromisoformat(str(ps.pop("last_completed"))) == A11_SELECTION_DONE_AGAIN
        assert ps == {
            "key": "partner_selection",
            "title": "Partner selection",
            "status": "completed",
            "active_days": round(162 + 8 / 24, 2),
            "times_reopened": 1,
        }
        assert rows[6]["last_completed"] is None

    def test_to_data_is_json(self, history):
        """collabrel.to_data gives plain JSON-able data with the headline figures."""
        data = to_data(summarize(history))
        again = json.loads(json.dumps(data))
        assert again == data
        assert data["state"]["definition"] == "bs11000"
        assert datetime.fromisoformat(str(data["as_of"])) == LAST
        assert data["peak_concurrency"] == 3
        assert data["peak_stages"] == ["knowledge", "internal_assessment", "exit_strategy"]
        assert "exit_activated_at" not in data["state"]  # None, the default, is left out
        assert len(data["stages"]) == 8  # type: ignore[arg-type]
