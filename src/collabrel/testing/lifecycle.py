"""A reusable hypothesis state machine that checks the lifecycle's invariants.

`LifecycleStateMachine` drives random
event sequences (valid and invalid, refused and overridden) through
`step` and checks after every step that:

- replaying the accepted history gives the live state (with the same guards, too);
- a refused or invalid event changes nothing, and `step` agrees with `can`;
- timestamps in the history never go backwards;
- `state_as_of` at the last event's instant equals the live state;
- the state survives a round trip through the project's converter (JSON data).

`lifecycle_histories` and
`lifecycle_states` draw valid histories and the
states they reach, for tests of code that takes lifecycle states.

Subclass the machine to run the same checks with your own guards, plan or lifecycle definition:

```python
from collabrel.lifecycle import default_guards
from collabrel.testing.lifecycle import LifecycleStateMachine


class WithBuiltInGuards(LifecycleStateMachine):
    guards = default_guards()


TestWithBuiltInGuards = WithBuiltInGuards.TestCase
```
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import ClassVar

from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from collabrel.lifecycle import (
    STANDARD,
    Guard,
    InvalidEventError,
    LifecycleDefinition,
    LifecycleState,
    TransitionRefusedError,
    available,
    can,
    replay,
    state_as_of,
    step,
)
from collabrel.model import Event, EventKind, Override, RelationshipManagementPlan
from collabrel.serialization import from_data, to_data

__all__ = ["LifecycleStateMachine", "lifecycle_histories", "lifecycle_states"]


def _expect(condition: bool, message: str) -> None:
    # An explicit check rather than `assert`, so it also runs under `python -O`.
    if not condition:
        raise AssertionError(message)


_START: datetime = datetime(2024, 1, 1, 9, 0, tzinfo=UTC)


class LifecycleStateMachine(RuleBasedStateMachine):
    """Random event sequences through `step`, with the lifecycle's invariants checked.

    Set the class attributes in a subclass to test your own configuration; run it with
    `TestX = X.TestCase` (pytest collects it) or `hypothesis.stateful.run_state_machine_as_test`.

    Attributes:
        definition: The lifecycle definition to drive.
        guards: The guards every event is checked against.
        rmp: The plan the guards consult (`None` for none).
        actors: Person ids used as event actors and override authors.
    """

    definition: ClassVar[LifecycleDefinition] = STANDARD
    guards: ClassVar[Sequence[Guard]] = ()
    rmp: ClassVar[RelationshipManagementPlan | None] = None
    actors: ClassVar[tuple[str, ...]] = ("ser", "manager")

    def __init__(self) -> None:
        super().__init__()
        self.state = LifecycleState.initial(self.definition)
        self.history: list[Event] = []
        self.clock = _START

    def _event(self, data: st.DataObject, at: datetime) -> Event:
        spec = data.draw(st.sampled_from(self.definition.stages), label="stage")
        kind = data.draw(st.sampled_from(EventKind), label="kind")
        overridden = data.draw(st.booleans(), label="override")
        # Exit activation may name no stage; any other stage event without one is invalid. A
        # partner joining or leaving names the partner and no stage (now and then it does not).
        membership = kind in (EventKind.PARTNER_JOINS, EventKind.PARTNER_LEAVES)
        named = (None, None, spec.stage) if membership else (spec.stage, spec.stage, None)
        stage = data.draw(st.sampled_from(named), label="stage named")
        partner = (
            data.draw(st.sampled_from(("partner", "partner", None)), label="partner")
            if membership
            else None
        )
        return Event(
            kind=kind,
            at=at,
            actor=data.draw(st.sampled_from(self.actors), label="actor"),
            stage=stage,
            substage=spec.key if spec.is_substage and not membership else None,
            partner=partner,
            note=data.draw(st.sampled_from((None, "because")), label="note"),
            override=Override(by=self.actors[0], reason="agreed at the board")
            if overridden
            else None,
        )

    @rule(data=st.data(), hours=st.integers(min_value=0, max_value=24 * 90))
    def apply_event(self, data: st.DataObject, hours: int) -> None:
        """Apply a random event at or after the last one; `step` must agree with `can`."""
        event = self._event(data, self.clock + timedelta(hours=hours))
        before = self.state
        verdict = can(before, event, guards=self.guards, rmp=self.rmp)
        try:
            after = step(before, event, guards=self.guards, rmp=self.rmp)
        except InvalidEventError:
            _expect(verdict.error is not None, "step found the event invalid, can did not")
            _expect(not verdict.allowed, "can allowed an event that step found invalid")
            _expect(self.state == before, "a refused event changed the state")
            return
        except TransitionRefusedError as refused:
            _expect(not verdict.allowed, "step refused an event that can allowed")
            _expect(refused.reasons == verdict.reasons, "step and can give different reasons")
            _expect(event.override is None, "step refused an event that carries an override")
            _expect(self.state == before, "a refused event changed the state")
            return
        _expect(verdict.allowed, "step applied an event that can refused")
        _expect(verdict.after == after, "can and step lead to different states")
        _expect(
            not event.is_membership or after.statuses == before.statuses,
            "a partner joining or leaving changed a stage",
        )
        self.state = after
        self.history.append(event)
        self.clock = event.at

    @precondition(lambda self: bool(self.history))
    @rule(data=st.data(), hours=st.integers(min_value=1, max_value=24 * 365))
    def event_in_the_past(self, data: st.DataObject, hours: int) -> None:
        """An event earlier than the last one is refused and changes nothing."""
        event = self._event(data, self.clock - timedelta(hours=hours))
        before = self.state
        try:
            step(before, event, guards=self.guards, rmp=self.rmp)
        except InvalidEventError as exc:
            _expect(exc.field == "at", "an event in the past was refused for another reason")
        else:  # pragma: no cover - a failure of the library under test
            msg = "an event earlier than the last one was applied"
            raise AssertionError(msg)
        _expect(self.state == before, "a refused event changed the state")

    @invariant()
    def replay_gives_the_live_state(self) -> None:
        """Replaying the accepted history, with or without the guards, gives the state."""
        _expect(
            replay(self.history, definition=self.definition) == self.state,
            "replaying the history does not give the live state",
        )
        if self.guards:
            _expect(
                (
                    replay(
                        self.history, definition=self.definition, guards=self.guards, rmp=self.rmp
                    )
                    == self.state
                ),
                "replaying the history with the guards does not give the live state",
            )

    @invariant()
    def timestamps_never_go_backwards(self) -> None:
        """The history is in time order."""
        _expect(
            all(a.at <= b.at for a, b in zip(self.history, self.history[1:], strict=False)),
            "the history is out of time order",
        )

    @invariant()
    def state_as_of_the_last_event_is_the_state(self) -> None:
        """`state_as_of` at the last event's instant is the live state."""
        if self.history:
            _expect(
                (
                    state_as_of(self.history, self.history[-1].at, definition=self.definition)
                    == self.state
                ),
                "state_as_of the last event differs from the live state",
            )

    @invariant()
    def state_round_trips(self) -> None:
        """The state survives the converter's round trip."""
        _expect(
            from_data(to_data(self.state), LifecycleState) == self.state,
            "the state does not survive a round trip through the converter",
        )

    @invariant()
    def exit_activation_starts_the_exit_stage(self) -> None:
        """Once exit is activated, the exit stage has started."""
        key = self.definition.exit_stage
        if self.state.exit_activated_at is not None and key is not None:
            _expect(
                self.state.status(key).is_started,
                "exit is activated but the exit stage has not started",
            )


@st.composite
def _stepped(
    draw: st.DrawFn,
    definition: LifecycleDefinition,
    actors: st.SearchStrategy[str],
    start: st.SearchStrategy[datetime],
    max_events: int,
) -> list[Event]:
    """Histories that replay: each event is one the state reached so far allows.

    Shared with the plan strategies, which draw actors among a plan's people and a start.
    """
    state = LifecycleState.initial(definition)
    at = draw(start)
    history: list[Event] = []
    for _ in range(draw(st.integers(min_value=0, max_value=max_events))):
        at += timedelta(hours=draw(st.integers(min_value=0, max_value=24 * 60)))
        kind, key = draw(st.sampled_from(available(state)))
        spec = definition.spec(key) if key is not None else None
        event = Event(
            kind=kind,
            at=at,
            actor=draw(actors),
            stage=spec.stage if spec is not None else None,
            substage=key if spec is not None and spec.is_substage else None,
            note="not needed here" if kind is EventKind.SKIP else None,
        )
        state = step(state, event)
        history.append(event)
    return history


def lifecycle_histories(
    *,
    definition: LifecycleDefinition = STANDARD,
    actors: Sequence[str] = ("ser",),
    max_events: int = 30,
) -> st.SearchStrategy[list[Event]]:
    """Valid lifecycle histories: events that `replay` accepts, in time order.

    Each event is drawn from those the state reached so far allows (structurally; guards are
    not applied), so histories start, complete, reopen and skip stages and may activate exit.

    Args:
        definition: The lifecycle definition the histories follow.
        actors: Person ids to use as the events' actors.
        max_events: The most events in one history.

    Returns:
        A strategy drawing lists of `Event`s.

    Examples:
        >>> from hypothesis import given, settings
        >>> from collabrel.lifecycle import replay
        >>> @settings(max_examples=10, deadline=None)
        ... @given(lifecycle_histories(max_events=10))
        ... def test_histories_replay(history):
        ...     replay(history)
        >>> test_histories_replay()
    """
    return _stepped(definition, st.sampled_from(tuple(actors)), st.just(_START), max_events)


def lifecycle_states(
    *,
    definition: LifecycleDefinition = STANDARD,
    max_events: int = 30,
) -> st.SearchStrategy[LifecycleState]:
    """Lifecycle states that some valid history reaches.

    Args:
        definition: The lifecycle definition.
        max_events: The most events in the history behind a state.

    Returns:
        A strategy drawing `LifecycleState`s.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=10, deadline=None)
        ... @given(lifecycle_states())
        ... def test_exit_starts_the_exit_stage(state):
        ...     assert not state.is_exit_activated or state.status("exit_strategy").is_started
        >>> test_exit_starts_the_exit_stage()
    """
    return lifecycle_histories(definition=definition, max_events=max_events).map(
        lambda history: replay(history, definition=definition)
    )
