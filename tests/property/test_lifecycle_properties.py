"""Properties of the lifecycle over generated valid histories."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from functools import reduce
from itertools import pairwise

from hypothesis import given, settings

from collabrel.lifecycle import (
    LifecycleState,
    StageStatus,
    intervals,
    replay,
    state_as_of,
    step,
    summarize,
)
from collabrel.serialization import dumps, loads
from collabrel.testing.lifecycle import lifecycle_histories, lifecycle_states

_FEW = settings(max_examples=60, deadline=None)


@_FEW
@given(lifecycle_histories())
def test_replay_is_step_folded_over_the_history(history):
    """The fast replay and folding `step` agree, and replaying twice gives equal states."""
    folded = reduce(step, history, LifecycleState.initial())
    assert replay(history) == folded
    assert replay(history) == replay(list(history))


@_FEW
@given(lifecycle_histories(max_events=15))
def test_state_as_of_each_event_is_the_replay_up_to_it(history):
    """`state_as_of(event.at)` is the replay of every event at or before that instant."""
    for event in history:
        upto = [e for e in history if e.at <= event.at]
        assert state_as_of(history, event.at) == replay(upto)


@_FEW
@given(lifecycle_states())
def test_any_reachable_state_round_trips(state):
    """Every reachable state survives JSON and YAML."""
    for fmt in ("json", "yaml"):
        assert loads(dumps(state, fmt), fmt, cls=LifecycleState) == state


@_FEW
@given(lifecycle_histories())
def test_intervals_tile_each_stage_in_time_order(history):
    """A stage's status intervals follow each other without gaps or overlaps."""
    spans = intervals(history)
    by_key: dict[str, list] = {}
    for span in spans:
        by_key.setdefault(span.key, []).append(span)
    for stage_spans in by_key.values():
        for before, after in pairwise(stage_spans):
            assert before.end == after.start
            assert before.status is not after.status
        assert stage_spans[-1].end is None


@_FEW
@given(lifecycle_histories())
def test_summary_counts_match_the_history(history):
    """Reopenings are the moves into `reopened`; time in statuses never exceeds the span."""
    summary = summarize(history)
    reopens: Counter[str] = Counter()
    state = LifecycleState.initial()
    for event in history:
        after = step(state, event)
        for spec, old, new in zip(
            state.definition.stages, state.statuses, after.statuses, strict=True
        ):
            if old is not new and new is StageStatus.REOPENED:
                reopens[spec.key] += 1
        state = after
    assert summary.reopened == dict(reopens)
    span = history[-1].at - history[0].at if history else timedelta(0)
    for stage in summary.stages:
        assert sum((t for _, t in stage.time_in_status), timedelta(0)) <= span
        assert stage.active_time <= span
    assert summary.peak_concurrency <= len(summary.stages)
