"""`step`'s common case (the definition's table of moves) agrees with the full rules.

`step` and `replay` apply most events from a table compiled per definition and leave the rest
to `_apply`; every event, valid or not, must come out as `_apply` alone would have it.
"""

from __future__ import annotations

import itertools
from datetime import timedelta

import pytest

from _lifecycle import AT, BOSS, EXIT, SELECTION_SUBSTAGES, spec
from collabrel.lifecycle import (
    ISO_44001,
    STANDARD,
    Event,
    EventKind,
    InvalidEventError,
    LifecycleDefinition,
    LifecycleState,
    StageStatus,
    replay,
    state_as_of,
    step,
)
from collabrel.lifecycle._engine import _apply
from collabrel.model import Stage

VARIANT = LifecycleDefinition(
    name="selection_variant",
    stages=[spec("awareness"), spec("partner_selection"), *SELECTION_SUBSTAGES],
    exit_stage=None,
)
DEFINITIONS = {"standard": STANDARD, "iso": ISO_44001, "variant": VARIANT}


def _events(definition: LifecycleDefinition) -> list[Event]:
    """Every kind on every stage (and none), with and without the fields that change the rules."""
    stages: list[Stage | None] = [*Stage, None]
    events = []
    for kind, stage in itertools.product(EventKind, stages):
        base = {"kind": kind, "stage": stage, "actor": "jo", "at": AT}
        events.append(Event(**base))  # type: ignore[arg-type]
        events.append(Event(**base, note="Not needed here.", override=BOSS))  # type: ignore[arg-type]
        events.append(Event(**{**base, "at": AT - timedelta(hours=1)}))  # type: ignore[arg-type]
        events.append(Event(**base, partner="acme"))  # type: ignore[arg-type]
        events.extend(
            Event(**base, substage=s.key)  # type: ignore[arg-type]
            for s in definition.stages
            if s.stage is stage
        )
    return events


def _states(definition: LifecycleDefinition) -> list[LifecycleState]:
    """Each stage in each status, before any event, at the events' instant and an hour later."""
    states = []
    for spec_, status, updated in itertools.product(
        definition.stages, StageStatus, (None, AT, AT + timedelta(hours=1))
    ):
        states.append(
            LifecycleState.from_statuses(
                {spec_.key: status}, definition=definition, updated_at=updated
            )
        )
    return states


def _outcome(apply: object, state: LifecycleState, event: Event) -> object:
    try:
        return apply(state, event)  # type: ignore[operator]
    except InvalidEventError as exc:
        return (exc.field, exc.reason, exc.state is state, exc.event is event)


@pytest.mark.parametrize("name", list(DEFINITIONS))
def test_step_agrees_with_the_full_rules(name: str) -> None:
    """Every event on every one-stage state: `step` gives `_apply`'s state or its error."""
    definition = DEFINITIONS[name]
    events = _events(definition)
    for state in _states(definition):
        for event in events:
            assert _outcome(step, state, event) == _outcome(_apply, state, event), (state, event)


@pytest.mark.parametrize("name", list(DEFINITIONS))
def test_replay_agrees_with_stepping(name: str) -> None:
    """Every one-event history from every state replays as `step` applies it, error and all."""
    definition = DEFINITIONS[name]
    events = _events(definition)
    for state in _states(definition):
        for event in events:
            try:
                expected: object = step(state, event)
            except InvalidEventError as exc:
                expected = (exc.field, exc.reason)
            try:
                got: object = replay([event], start=state)
            except InvalidEventError as exc:
                got = (exc.field, exc.reason) if exc.path == f"history[0].{exc.field}" else exc
            assert got == expected, (state, event)


def test_a_state_read_as_of_a_day_moves_on_without_it() -> None:
    """A state from `state_as_of` (five items) moves on as a plain state, by either path."""
    start = Event(kind=EventKind.START, stage=Stage.AWARENESS, actor="jo", at=AT)
    later = Event(kind=EventKind.COMPLETE, stage=Stage.AWARENESS, actor="jo", at=AT)
    read = state_as_of([start], AT)
    assert read.as_of == AT
    for event in (later, Event(kind=EXIT, actor="jo", at=AT)):
        after = step(read, event)
        assert after == _apply(read, event)
        assert after.as_of is None
        assert len(after) == 4
