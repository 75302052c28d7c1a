"""The pure lifecycle engine: `step`, `can`, `replay`, `state_as_of` and `trace`."""

# The engine reads and fills states' and definitions' private slots directly: it is their
# hot path, and a property or method call would cost a large part of a transition.
# ruff: noqa: SLF001

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Protocol, runtime_checkable

from attrs import field, frozen

from collabrel.errors import LifecycleError
from collabrel.lifecycle._definition import STANDARD, LifecycleDefinition
from collabrel.lifecycle._rules import EXIT_NEXT, NEXT, NEXT_ORDINAL, WHY_NOT
from collabrel.lifecycle._state import LifecycleState, _new, _object_new, read_as_of
from collabrel.lifecycle._status import _MASK, BY_ORDINAL, ORDINAL, STATUS_BITS
from collabrel.model import (
    Check,
    Event,
    EventKind,
    Finding,
    RelationshipManagementPlan,
    Result,
)
from collabrel.model import _validators as v
from collabrel.model._history import PARTNER_EVENTS

__all__ = [
    "Guard",
    "InvalidEventError",
    "Transition",
    "TransitionRefusedError",
    "Verdict",
    "available",
    "can",
    "replay",
    "state_as_of",
    "step",
    "trace",
]

_START = EventKind.START
_COMPLETE = EventKind.COMPLETE
_REOPEN = EventKind.REOPEN
_SKIP = EventKind.SKIP
_EXIT = EventKind.ACTIVATE_EXIT


class InvalidEventError(LifecycleError):
    """An event that cannot apply to a state whatever the guards say.

    For example an unknown stage, a timestamp earlier than the last event, completing a stage
    that was never started, or a skip without a justification. The state is left as it was.

    Attributes:
        state: The state the event was applied to (unchanged).
        event: The event.
        field: The event field at fault (`"stage"`, `"at"`, `"kind"`, `"note"`, ...).
        reason: What is wrong, in words.
        index: The event's position in the history, when replaying one.
        path: Where the fault is, e.g. `"history[12].at"` when replaying, else `"at"`.
    """

    def __init__(
        self,
        state: LifecycleState,
        event: object,
        field: str,
        reason: str,
        *,
        index: int | None = None,
    ) -> None:
        self.state = state
        self.event = event
        self.field = field
        self.reason = reason
        self.index = index
        self.path = field if index is None else f"history[{index}].{field}"
        super().__init__(f"{self.path}: {reason}")

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild_invalid, (self.state, self.event, self.field, self.reason, self.index))

    def _at_index(self, index: int) -> InvalidEventError:
        return InvalidEventError(self.state, self.event, self.field, self.reason, index=index)


def _rebuild_invalid(
    state: LifecycleState, event: object, field: str, reason: str, index: int | None
) -> InvalidEventError:
    return InvalidEventError(state, event, field, reason, index=index)


class TransitionRefusedError(LifecycleError):
    """Guards refused a transition and the event carries no override.

    Attributes:
        state: The state the event was applied to (unchanged).
        event: The refused event.
        reasons: The failed guards' findings (each a nonconformity), in guard order.
        index: The event's position in the history, when replaying one.
    """

    def __init__(
        self,
        state: LifecycleState,
        event: Event,
        reasons: Iterable[Finding],
        *,
        index: int | None = None,
    ) -> None:
        self.state = state
        self.event = event
        self.reasons: tuple[Finding, ...] = tuple(reasons)
        self.index = index
        where = "" if index is None else f"history[{index}]: "
        lines = "\n".join(f"  - [{f.requirement}] {f.message}" for f in self.reasons)
        super().__init__(
            f"{where}{_describe(state.definition, event)} refused by "
            f"{len(self.reasons)} guard finding{'s' if len(self.reasons) != 1 else ''}:\n"
            f"{lines}\n(record an override on the event to proceed anyway)"
        )

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild_refused, (self.state, self.event, self.reasons, self.index))


def _rebuild_refused(
    state: LifecycleState, event: Event, reasons: tuple[Finding, ...], index: int | None
) -> TransitionRefusedError:
    return TransitionRefusedError(state, event, reasons, index=index)


@runtime_checkable
class Guard(Protocol):
    """A condition on transitions, checked before an event is applied.

    A guard returns findings about the transition; any minor or major nonconformity among
    them refuses it (unless the event carries an override). Observations and conforming
    findings explain without refusing. A guard that needs the plan and is given `None`
    should answer `not_assessable` rather than refuse.

    Examples:
        >>> from collabrel.lifecycle import Guard
        >>> from collabrel.model import Finding, Result
        >>> class NoWeekendWork:
        ...     def check(self, state, event, rmp):
        ...         if event.at.weekday() >= 5:
        ...             yield Finding(requirement="ORG.NO_WEEKENDS", result=Result.MINOR,
        ...                           message="no lifecycle decisions at weekends")
        >>> isinstance(NoWeekendWork(), Guard)
        True
    """

    def check(
        self,
        state: LifecycleState,
        event: Event,
        rmp: RelationshipManagementPlan | None,
        /,
    ) -> Iterable[Finding]:
        """Findings about applying `event` to `state` (with the plan, when given)."""
        ...


@frozen(kw_only=True)
class Verdict:
    """The answer of `can`: may this event apply, and why (not).

    A verdict is truthy when the event is allowed (refused by guards but overridden counts as
    allowed).

    Attributes:
        allowed: Whether the event would be applied.
        event: The event asked about.
        before: The state asked about.
        after: The state the event would lead to (`None` if the event is invalid).
        findings: Every finding the guards returned, in guard order.
        error: Why the event is invalid whatever the guards say, if it is.
        overridden: Whether guards refused it and the event's override lets it through.
    """

    allowed: bool = field(validator=v.boolean())
    event: Event = field(validator=v.instance(Event))
    before: LifecycleState = field(validator=v.instance(LifecycleState))
    after: LifecycleState | None = v.optional_part(LifecycleState)
    findings: tuple[Finding, ...] = field(
        default=(), converter=v.to_tuple, validator=v.items(Finding)
    )
    error: InvalidEventError | None = field(default=None, eq=False)
    overridden: bool = field(default=False, validator=v.boolean())

    def __bool__(self) -> bool:
        return self.allowed

    @property
    def reasons(self) -> tuple[Finding, ...]:
        """Why the event is or would be refused: the invalid-event finding or failed guards."""
        if self.error is not None:
            return (_error_finding(self.error),)
        return tuple(f for f in self.findings if f.result.is_nonconformity)

    def explain(self) -> str:
        """The verdict in a few lines of text.

        Examples:
            >>> from datetime import datetime, timezone
            >>> from collabrel.lifecycle import Event, EventKind, LifecycleState, can
            >>> from collabrel.model import Stage
            >>> e = Event(kind=EventKind.COMPLETE, stage=Stage.KNOWLEDGE, actor="jo",
            ...           at=datetime(2025, 1, 6, tzinfo=timezone.utc))
            >>> print(can(LifecycleState.initial(), e).explain())
            refused: complete Knowledge (knowledge) on 2025-01-06
              - [LC.EVENT] kind: cannot complete Knowledge: it was never started
        """
        head = "allowed" if self.allowed else "refused"
        if self.overridden and self.event.override is not None:
            head = f"allowed by override of {self.event.override.by}"
        lines = [f"{head}: {_describe(self.before.definition, self.event)}"]
        lines.extend(f"  - [{f.requirement}] {f.message}" for f in self.reasons)
        return "\n".join(lines)


@frozen(kw_only=True)
class Transition:
    """One event of a history, applied: the states either side and what the guards said.

    Attributes:
        index: The event's position in the history.
        event: The event.
        before: The state before it.
        after: The state after it.
        findings: Every finding the guards returned.
        refused: Whether the guards refused it (it then stood only by its override).
        overridden: Whether the event carried an override (needed or not).
    """

    index: int = field(validator=v.integer(low=0))
    event: Event = field(validator=v.instance(Event))
    before: LifecycleState = field(validator=v.instance(LifecycleState))
    after: LifecycleState = field(validator=v.instance(LifecycleState))
    findings: tuple[Finding, ...] = field(
        default=(), converter=v.to_tuple, validator=v.items(Finding)
    )
    refused: bool = field(default=False, validator=v.boolean())
    overridden: bool = field(default=False, validator=v.boolean())

    @property
    def reasons(self) -> tuple[Finding, ...]:
        """The failed guards' findings (nonconformities)."""
        return tuple(f for f in self.findings if f.result.is_nonconformity)

    @property
    def is_unjustified(self) -> bool:
        """Whether guards refused the event and nobody recorded an override for it."""
        return self.refused and not self.overridden


# ----------------------------------------------------------------------------- the core


def _describe(definition: LifecycleDefinition, event: Event) -> str:
    when = event.at.date().isoformat()
    if event.kind is _EXIT:
        return f"activate exit on {when}"
    if event.kind in PARTNER_EVENTS:
        verb = "joins" if event.kind is EventKind.PARTNER_JOINS else "leaves"
        return f"partner {event.partner!r} {verb} on {when}"
    key = event.substage or (event.stage.value if event.stage is not None else None)
    spec = definition._index.get(key) if key is not None else None
    what = f"{definition.stages[spec].title} ({key})" if spec is not None else repr(key)
    return f"{event.kind.value.replace('_', ' ')} {what} on {when}"


def _apply(state: LifecycleState, event: Event) -> LifecycleState:
    """Apply one event's structural rules; raise `InvalidEventError` if it cannot apply.

    `step`'s first step, for a state already checked: the event is an `Event` no earlier
    than the state's last one (the history is append-only); exit activation moves the exit
    stage, any other event its stage's status as the transition table allows. This is the hot
    path of every transition: it indexes the state's tuple rather than call its properties.
    """
    if type(event) is not Event and not isinstance(event, Event):
        raise InvalidEventError(state, event, "event", f"expected an Event (got {event!r})")
    last = state._updated_at
    at = event.at
    if last is not None and at < last:
        raise InvalidEventError(
            state,
            event,
            "at",
            f"{at.isoformat()} is earlier than the last event ({last.isoformat()}); "
            "the history is append-only",
        )
    kind = event.kind
    if kind in PARTNER_EVENTS:
        return _membership(state, event)
    if event.partner is not None:
        raise InvalidEventError(
            state, event, "partner", "only a partner_joins or partner_leaves event names a partner"
        )
    if kind is _EXIT:
        return _activate_exit(state, event)
    definition = state._definition
    stage_index = definition._stage_index
    i = stage_index.get(event.stage) if event.substage is None else None
    if i is None:
        i = _locate(state, event)
    # Statuses are packed three bits per stage: read one, write its successor.
    code = state._code
    shift = STATUS_BITS * i
    current = (code >> shift) & _MASK
    new = NEXT_ORDINAL[kind][current]
    if new < 0:
        status = BY_ORDINAL[current]
        raise InvalidEventError(
            state,
            event,
            "kind",
            f"cannot {kind.value} {definition.stages[i].title}: {WHY_NOT[kind, status]}",
        )
    if kind is _SKIP and not event.note:
        raise InvalidEventError(
            state, event, "note", "a skip needs a justification in the event's note"
        )
    return _new(definition, code + ((new - current) << shift), at, state._exit_activated_at)


def available(state: LifecycleState) -> tuple[tuple[EventKind, str | None], ...]:
    """The events that can apply to `state` now, as (kind, stage key) pairs; guards aside.

    Useful to offer only the transitions that make sense (e.g. buttons in an application);
    ask `can` with guards before applying one. A skip also needs a justification in
    its note, and exit activation names no stage (`None`). A partner joining or leaving
    (`partner_joins`, `partner_leaves`) can be recorded at any time and is not listed: it
    names a partner, not a stage.

    Examples:
        >>> from collabrel.lifecycle import LifecycleState, available
        >>> [(kind.value, key) for kind, key in available(LifecycleState.initial())][:3]
        [('start', 'awareness'), ('skip', 'awareness'), ('start', 'knowledge')]
    """
    moves: list[tuple[EventKind, str | None]] = [
        (kind, spec.key)
        for spec, status in zip(state.definition.stages, state.statuses, strict=True)
        for kind in (_START, _COMPLETE, _REOPEN, _SKIP)
        if (kind, status) in NEXT
    ]
    if state.definition.exit_stage is not None and state.exit_activated_at is None:
        moves.append((_EXIT, None))
    return tuple(moves)


def _check_state(state: object) -> None:
    if type(state) is not LifecycleState and not isinstance(state, LifecycleState):
        msg = f"expected a LifecycleState (got {state!r}); start from LifecycleState.initial()"
        raise LifecycleError(msg)


def _locate(state: LifecycleState, event: Event) -> int:
    definition = state.definition
    stage = event.stage
    if stage is None:
        raise InvalidEventError(
            state, event, "stage", f"a {event.kind.value} event must name a stage"
        )
    if event.substage is not None:
        i = definition._index.get(event.substage)
        if i is None or definition.stages[i].stage is not stage:
            raise InvalidEventError(
                state,
                event,
                "substage",
                f"{event.substage!r} is not a sub-stage of {stage.value!r} in lifecycle "
                f"definition {definition.name!r}",
            )
        return i
    i = definition._stage_index.get(stage)
    if i is None:
        raise InvalidEventError(
            state,
            event,
            "stage",
            f"{stage.value!r} is not a stage of lifecycle definition {definition.name!r}",
        )
    return i


def _membership(state: LifecycleState, event: Event) -> LifecycleState:
    """A partner joining or leaving: recorded in time, no stage's status changes."""
    if event.partner is None:
        raise InvalidEventError(
            state, event, "partner", f"a {event.kind.value} event names the partner"
        )
    if event.stage is not None or event.substage is not None:
        raise InvalidEventError(
            state,
            event,
            "stage",
            f"a {event.kind.value} event is about a partner and names no stage",
        )
    return _new(state._definition, state._code, event.at, state._exit_activated_at)


def _activate_exit(state: LifecycleState, event: Event) -> LifecycleState:
    definition = state.definition
    key = definition.exit_stage
    if key is None:
        raise InvalidEventError(
            state,
            event,
            "kind",
            f"lifecycle definition {definition.name!r} has no exit stage to activate",
        )
    i = definition._index[key]
    if event.stage is not None and (
        event.stage is not definition.stages[i].stage or event.substage not in (None, key)
    ):
        raise InvalidEventError(
            state, event, "stage", f"exit is activated on the exit stage ({key!r}) or none"
        )
    if state.exit_activated_at is not None:
        raise InvalidEventError(
            state,
            event,
            "kind",
            f"exit was already activated on {state.exit_activated_at.isoformat()}",
        )
    code = state._code
    shift = STATUS_BITS * i
    current = (code >> shift) & _MASK
    new = ORDINAL[EXIT_NEXT[BY_ORDINAL[current]]]
    return _new(definition, code + ((new - current) << shift), event.at, event.at)


def _run_guards(
    state: LifecycleState,
    event: Event,
    guards: Sequence[Guard],
    rmp: RelationshipManagementPlan | None,
) -> tuple[Finding, ...]:
    findings: list[Finding] = []
    for guard in guards:
        findings.extend(guard.check(state, event, rmp))
    return tuple(findings)


def _error_finding(error: InvalidEventError) -> Finding:
    return Finding(
        requirement="LC.EVENT",
        result=Result.MAJOR,
        message=f"{error.field}: {error.reason}",
        explanation=[Check(description="the event can apply to the state", passed=False)],
        paths=[error.path],
    )


def step(
    state: LifecycleState,
    event: Event,
    *,
    guards: Sequence[Guard] = (),
    rmp: RelationshipManagementPlan | None = None,
) -> LifecycleState:
    """Apply one event to a state and return the new state; the old one is unchanged.

    The event must make sense for the state (see `InvalidEventError`);
    then every guard is asked. If any guard finds a nonconformity the transition is refused,
    unless the event carries an `override` (who overrode it and why), which lets it through.

    Args:
        state: The state before the event.
        event: The event to apply.
        guards: Conditions to check, e.g. `default_guards()`.
        rmp: The plan the guards may consult (records, partners).

    Returns:
        The state after the event.

    Raises:
        LifecycleError: If `state` is not a `LifecycleState`.
        InvalidEventError: If the event cannot apply to the state (unknown stage, time going
            backwards, a transition the stage's status does not allow, a skip without a note).
        TransitionRefusedError: If guards refuse the event and it has no override.

    Examples:
        >>> from datetime import datetime, timezone
        >>> from collabrel.lifecycle import Event, EventKind, LifecycleState, step
        >>> from collabrel.model import Stage
        >>> at = datetime(2025, 1, 6, 9, 0, tzinfo=timezone.utc)
        >>> start = Event(kind=EventKind.START, stage=Stage.AWARENESS, actor="jo", at=at)
        >>> state = step(LifecycleState.initial(), start)
        >>> state.status(Stage.AWARENESS).value, state.updated_at == at
        ('in_progress', True)
        >>> from collabrel.lifecycle import InvalidEventError
        >>> try:
        ...     step(state, start)
        ... except InvalidEventError as err:
        ...     print(err.path, "-", err.reason)
        kind - cannot start Awareness: it is already in progress
    """
    # The common case inline, from the definition's table of moves (`_rules.moves`): a stage
    # event no earlier than the last, whose kind depends on the stage's status alone. Anything
    # else, and every error, goes through `_apply`, the full rules.
    if (
        type(state) is LifecycleState
        and type(event) is Event
        and event.substage is None
        and event.partner is None
    ):
        at = event.at
        last = state._updated_at
        if last is None or at >= last:
            definition = state._definition
            try:
                shift, change = definition._moves[event.kind][event.stage]
            except KeyError:
                pass
            else:
                code = state._code
                delta = change[(code >> shift) & _MASK]
                if delta is not None:
                    # `_state._make` inlined: a call would cost a tenth of the transition.
                    after = _object_new(LifecycleState)
                    after._definition = definition
                    after._code = code + delta
                    after._updated_at = at
                    after._exit_activated_at = state._exit_activated_at
                    after._as_of = None
                    if guards:
                        _ask_guards(state, event, guards, rmp)
                    return after
    if type(state) is not LifecycleState:
        _check_state(state)
    after = _apply(state, event)
    if guards:
        _ask_guards(state, event, guards, rmp)
    return after


# `step`'s second step, asking the guards (the first is `_apply`, above).


def _ask_guards(
    state: LifecycleState,
    event: Event,
    guards: Sequence[Guard],
    rmp: RelationshipManagementPlan | None,
) -> None:
    """Refuse the event if a guard finds a nonconformity, unless the event is overridden."""
    reasons = [f for f in _run_guards(state, event, guards, rmp) if f.result.is_nonconformity]
    if reasons and event.override is None:
        raise TransitionRefusedError(state, event, reasons)


def can(
    state: LifecycleState,
    event: Event,
    *,
    guards: Sequence[Guard] = (),
    rmp: RelationshipManagementPlan | None = None,
) -> Verdict:
    """Whether `event` may apply to `state`, with the reasons: a dry run of `step`.

    Nothing is changed and nothing is raised for an invalid or refused event: the verdict says
    why. Guards run only for events that are valid.

    Args:
        state: The state to ask about.
        event: The event to try.
        guards: Conditions to check.
        rmp: The plan the guards may consult.

    Returns:
        A `Verdict`, truthy when the event would be applied.

    Raises:
        LifecycleError: If `state` is not a `LifecycleState`.
        InvalidEventError: If `event` is not an `Event` at all (field `event`).

    Examples:
        >>> from datetime import datetime, timezone
        >>> from collabrel.lifecycle import Event, EventKind, LifecycleState, can, default_guards
        >>> from collabrel.model import Stage
        >>> e = Event(kind=EventKind.START, stage=Stage.WORKING_TOGETHER, actor="jo",
        ...           at=datetime(2025, 1, 6, tzinfo=timezone.utc))
        >>> verdict = can(LifecycleState.initial(), e, guards=default_guards())
        >>> bool(verdict), [f.requirement for f in verdict.reasons]
        (False, ['LC.ORDER'])
    """
    _check_state(state)
    try:
        after = _apply(state, event)
    except InvalidEventError as exc:
        if not isinstance(event, Event):
            raise
        return Verdict(allowed=False, event=event, before=state, error=exc)
    findings = _run_guards(state, event, guards, rmp) if guards else ()
    refused = any(f.result.is_nonconformity for f in findings)
    overridden = refused and event.override is not None
    return Verdict(
        allowed=not refused or overridden,
        event=event,
        before=state,
        after=after,
        findings=findings,
        overridden=overridden,
    )


def replay(
    events: Iterable[Event],
    *,
    definition: LifecycleDefinition = STANDARD,
    guards: Sequence[Guard] = (),
    rmp: RelationshipManagementPlan | None = None,
    start: LifecycleState | None = None,
) -> LifecycleState:
    """The state a history leads to: `step` folded over the events, oldest first.

    Args:
        events: The history (e.g. `rmp.history`), oldest first.
        definition: The lifecycle definition (ignored when `start` is given).
        guards: Conditions to check at every event; none by default, since a recorded history
            is a record of what happened (use `trace` to audit it against guards).
        rmp: The plan the guards may consult.
        start: The state to start from; the initial state of `definition` by default.

    Returns:
        The state after the last event.

    Raises:
        InvalidEventError: If an event cannot apply; its `path` names it (`history[3].at`).
        TransitionRefusedError: If guards refuse an event that has no override.

    Examples:
        >>> from collabrel.examples import load
        >>> from collabrel.lifecycle import replay
        >>> from collabrel.model import Stage
        >>> state = replay(load("alliance").history)
        >>> state.status(Stage.PARTNER_SELECTION).value, state.active
        ('completed', ('value_creation', 'staying_together', 'exit_strategy'))
    """
    state = LifecycleState.initial(definition) if start is None else start
    if guards:
        for i, event in enumerate(events):
            state = _indexed(state, event, i, guards, rmp)
        return state
    return _fast_replay(state, events)


def _indexed(
    state: LifecycleState,
    event: Event,
    index: int,
    guards: Sequence[Guard],
    rmp: RelationshipManagementPlan | None,
) -> LifecycleState:
    try:
        return step(state, event, guards=guards, rmp=rmp)
    except InvalidEventError as exc:
        raise exc._at_index(index) from None
    except TransitionRefusedError as exc:
        raise TransitionRefusedError(exc.state, exc.event, exc.reasons, index=index) from None


def _fast_replay(state: LifecycleState, events: Iterable[Event]) -> LifecycleState:
    # `step`'s common case on a running code, building one state at the end. Anything out of
    # the ordinary (an error, exit activation, sub-stages, skips, partners) goes through
    # `_apply` so both paths share one definition of the rules.
    definition = state.definition
    table = definition._moves
    code = state._code
    last = state.updated_at
    exit_at = state.exit_activated_at
    for i, event in enumerate(events):
        if type(event) is Event and event.substage is None and event.partner is None:
            at = event.at
            if last is None or at >= last:
                try:
                    shift, change = table[event.kind][event.stage]
                except KeyError:
                    pass
                else:
                    delta = change[(code >> shift) & _MASK]
                    if delta is not None:
                        code += delta
                        last = at
                        continue
        before = _new(definition, code, last, exit_at)
        try:
            after = _apply(before, event)
        except InvalidEventError as exc:
            raise exc._at_index(i) from None
        code = after._code
        last = after.updated_at
        exit_at = after.exit_activated_at
    return _new(definition, code, last, exit_at)


def state_as_of(
    events: Iterable[Event],
    when: date | datetime,
    *,
    definition: LifecycleDefinition = STANDARD,
) -> LifecycleState:
    """Where the lifecycle stood at `when`: the replay of the events up to then.

    Args:
        events: The history, oldest first.
        when: An aware instant (events at or before it count) or a date: events count by
            their own local date, up to the first event dated after `when` (so with events in
            mixed time zones, pass an instant to be exact).
        definition: The lifecycle definition.

    Returns:
        The state after the last event at or before `when`, carrying `when` as its
        `as_of` (its `updated_at` is the last
        event's instant). It equals the replay of those events.

    Raises:
        LifecycleError: If `when` is a naive datetime or not a date.
        InvalidEventError: If an event up to `when` cannot apply.

    Examples:
        >>> from datetime import date
        >>> from collabrel.examples import load
        >>> from collabrel.lifecycle import state_as_of
        >>> from collabrel.model import Stage
        >>> then = state_as_of(load("alliance").history, date(2024, 11, 1))
        >>> then.status(Stage.PARTNER_SELECTION).value, then.active
        ('reopened', ('partner_selection', 'working_together', 'exit_strategy'))
        >>> then.as_of, then.updated_at.date()
        (datetime.date(2024, 11, 1), datetime.date(2024, 10, 21))
    """
    if isinstance(when, datetime):
        if when.utcoffset() is None:
            msg = f"when must be a date or an aware datetime (got naive {when.isoformat()})"
            raise LifecycleError(msg)
        cutoff = when

        def counts(e: Event) -> bool:
            return e.at <= cutoff
    elif isinstance(when, date):
        day = when

        def counts(e: Event) -> bool:
            return e.at.date() <= day
    else:
        msg = f"when must be a date or an aware datetime (got {when!r})"
        raise LifecycleError(msg)
    prefix: list[Event] = []
    for i, event in enumerate(events):
        if not isinstance(event, Event):
            raise InvalidEventError(
                LifecycleState.initial(definition),
                event,
                "event",
                f"expected an Event (got {event!r})",
                index=i,
            )
        if not counts(event):
            break
        prefix.append(event)
    return read_as_of(replay(prefix, definition=definition), when)


def trace(
    events: Iterable[Event],
    *,
    definition: LifecycleDefinition = STANDARD,
    guards: Sequence[Guard] = (),
    rmp: RelationshipManagementPlan | None = None,
) -> tuple[Transition, ...]:
    """Replay a history transition by transition, recording what the guards said of each.

    Unlike `replay` with guards, a refused transition does not stop the trace:
    it is recorded (`refused=True`), so an auditor sees every transition that went ahead
    against the guards and whether someone recorded an override for it.

    Args:
        events: The history, oldest first.
        definition: The lifecycle definition.
        guards: Conditions to check at every event.
        rmp: The plan the guards may consult.

    Returns:
        One `Transition` per event.

    Raises:
        InvalidEventError: If an event cannot apply at all; its `path` names it.

    Examples:
        >>> from collabrel.examples import load
        >>> from collabrel.lifecycle import default_guards, trace
        >>> rmp = load("alliance")
        >>> steps = trace(rmp.history, guards=default_guards(), rmp=rmp)
        >>> [(t.index, t.event.stage.value) for t in steps if t.refused]
        [(17, 'staying_together')]
        >>> steps[17].overridden
        True
    """
    state = LifecycleState.initial(definition)
    out: list[Transition] = []
    for i, event in enumerate(events):
        try:
            after = _apply(state, event)
        except InvalidEventError as exc:
            raise exc._at_index(i) from None
        findings = _run_guards(state, event, guards, rmp) if guards else ()
        out.append(
            Transition(
                index=i,
                event=event,
                before=state,
                after=after,
                findings=findings,
                refused=any(f.result.is_nonconformity for f in findings),
                overridden=event.override is not None,
            )
        )
        state = after
    return tuple(out)
