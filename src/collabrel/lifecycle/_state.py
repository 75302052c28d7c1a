"""The lifecycle state: a status per stage, derived from the history."""

from __future__ import annotations

import html
from collections.abc import Iterable, Iterator, Mapping
from datetime import date, datetime
from typing import Any, Final, Self, TypeVar

from collabrel._rows import records
from collabrel.errors import InvalidFieldError
from collabrel.lifecycle._definition import STANDARD, LifecycleDefinition
from collabrel.lifecycle._status import (
    _MASK,
    ACTIVE,
    BY_ORDINAL,
    ORDINAL,
    STATUS_BITS,
    StageStatus,
    badge,
)
from collabrel.model import Phase, Stage

__all__ = ["LifecycleState"]


class LifecycleState:
    """Where a relationship stands in its lifecycle: the status of every stage.

    A state is an immutable value. It is normally not built by hand but derived from the
    history with `replay` or moved on one event at a time with
    `step`. Several stages may be active at once.

    Underneath, a state is a small object of five slots holding its definition, the statuses
    packed into one integer, two instants and `as_of`, so creating one costs a fraction of a
    microsecond and a few dozen bytes. Its fields are read-only properties; iterating over it
    gives them in the order above (`as_of` only when set), as when it was a tuple. It
    compares equal only to another `LifecycleState`.

    Attributes:
        definition: The lifecycle definition the statuses follow.
        statuses: One status per stage of the definition, in its order.
        updated_at: The instant of the last event applied (`None` before any).
        exit_activated_at: When exit was activated, if it was.
        as_of: The date or instant asked for, on a state from
            `state_as_of` (`None` otherwise). It says when
            the state was read, not what it is: equality and saving leave it out, and a state
            moved on (by `step`, say) no longer carries it.

    Raises:
        InvalidFieldError: If a field has the wrong type or `statuses` the wrong length.

    Examples:
        >>> from collabrel.lifecycle import LifecycleState
        >>> from collabrel.model import Phase, Stage
        >>> state = LifecycleState.initial()
        >>> state.status(Stage.AWARENESS)
        <StageStatus.NOT_STARTED: 'not_started'>
        >>> state = LifecycleState.from_statuses({"awareness": "completed",
        ...                                       "knowledge": "in_progress"})
        >>> state.active
        ('knowledge',)
        >>> state.phase_status(Phase.STRATEGIC).value
        'in_progress'
        >>> state
        LifecycleState(bs11000: awareness=completed, knowledge=in_progress)
    """

    __slots__ = ("_as_of", "_code", "_definition", "_exit_activated_at", "_updated_at")
    _definition: LifecycleDefinition
    _code: int
    _updated_at: datetime | None
    _exit_activated_at: datetime | None
    _as_of: date | datetime | None

    def __new__(
        cls,
        *,
        definition: LifecycleDefinition = STANDARD,
        statuses: Iterable[StageStatus],
        updated_at: datetime | None = None,
        exit_activated_at: datetime | None = None,
    ) -> Self:
        if not isinstance(definition, LifecycleDefinition):
            raise InvalidFieldError(
                "LifecycleState", "definition", definition, "a LifecycleDefinition"
            )
        try:
            values = tuple(statuses)
        except TypeError:
            raise InvalidFieldError(
                "LifecycleState", "statuses", statuses, "an iterable of StageStatus"
            ) from None
        n = len(definition.stages)
        if len(values) != n or not all(type(x) is StageStatus for x in values):
            raise InvalidFieldError(
                "LifecycleState",
                "statuses",
                statuses,
                f"one StageStatus per stage of {definition.name!r} ({n})",
            )
        for name, value in (("updated_at", updated_at), ("exit_activated_at", exit_activated_at)):
            if value is not None and not is_aware(value):
                raise InvalidFieldError(
                    "LifecycleState", name, value, "an aware datetime (with a timezone) or None"
                )
        return _make(cls, definition, encode(values), updated_at, exit_activated_at, None)

    @property
    def definition(self) -> LifecycleDefinition:
        """The lifecycle definition the statuses follow."""
        return self._definition

    @property
    def statuses(self) -> tuple[StageStatus, ...]:
        """One status per stage of the definition, in its order."""
        return decode(self._code, len(self._definition.stages))

    @property
    def updated_at(self) -> datetime | None:
        """The instant of the last event applied (`None` before any)."""
        return self._updated_at

    @property
    def exit_activated_at(self) -> datetime | None:
        """When exit was activated, if it was."""
        return self._exit_activated_at

    @property
    def as_of(self) -> date | datetime | None:
        """The date or instant asked for, on a state from `state_as_of` (`None` otherwise)."""
        return self._as_of

    def _fields(self) -> tuple[LifecycleDefinition, int, datetime | None, datetime | None]:
        """What the state is (`as_of` aside): what equality, hashing and saving look at."""
        return (self._definition, self._code, self._updated_at, self._exit_activated_at)

    def _items(self) -> tuple[object, ...]:
        """The fields, with `as_of` last when it is set (the items the state had as a tuple)."""
        if self._as_of is None:
            return self._fields()
        return (*self._fields(), self._as_of)

    def __iter__(self) -> Iterator[object]:
        return iter(self._items())

    def __len__(self) -> int:
        return _ITEMS if self._as_of is None else _ITEMS + 1

    def __getitem__(self, index: int) -> object:
        return self._items()[index]

    def __reduce__(self) -> tuple[object, ...]:
        if self._as_of is not None:
            return (_read_as_of, self._items())
        return (_new, self._fields())

    def __eq__(self, other: object) -> bool:
        # Not `NotImplemented`: only another state can be equal. `as_of` is left out: a state
        # read as of a day equals the replay it is.
        if type(other) is not type(self):
            return False
        return (
            self._code == other._code
            and self._updated_at == other._updated_at
            and self._exit_activated_at == other._exit_activated_at
            and (self._definition is other._definition or self._definition == other._definition)
        )

    def __ne__(self, other: object) -> bool:
        return not self == other

    def __hash__(self) -> int:
        return hash(self._fields())

    def __repr__(self) -> str:
        parts = ", ".join(
            f"{spec.key}={status.value}"
            for spec, status in zip(self.definition.stages, self.statuses, strict=True)
            if status is not StageStatus.NOT_STARTED
        )
        when = f", updated_at={self.updated_at.isoformat()}" if self.updated_at else ""
        exit_ = (
            f", exit_activated_at={self.exit_activated_at.isoformat()}"
            if self.exit_activated_at
            else ""
        )
        asked = f", as_of={self.as_of.isoformat()}" if self.as_of is not None else ""
        return (
            f"LifecycleState({self.definition.name}: {parts or 'nothing started'}"
            f"{when}{exit_}{asked})"
        )

    def _asdict(self) -> dict[str, Any]:
        """The fields by name (as a named tuple would give them)."""
        return {
            "definition": self.definition,
            "statuses": self.statuses,
            "updated_at": self.updated_at,
            "exit_activated_at": self.exit_activated_at,
        }

    def _replace(self, /, **changes: Any) -> Self:
        """A copy with some fields changed, validated like a new state."""
        fields = self._asdict()
        fields.update(changes)
        return type(self)(**fields)

    @classmethod
    def initial(cls, definition: LifecycleDefinition = STANDARD) -> LifecycleState:
        """The state before any event: every stage not started.

        Raises:
            InvalidFieldError: If `definition` is not a `LifecycleDefinition`.

        Examples:
            >>> LifecycleState.initial().started
            ()
        """
        if not isinstance(definition, LifecycleDefinition):
            raise InvalidFieldError(
                "LifecycleState", "definition", definition, "a LifecycleDefinition"
            )
        return _make(LifecycleState, definition, 0, None, None, None)

    @classmethod
    def from_statuses(
        cls,
        statuses: Mapping[str | Stage, StageStatus | str],
        *,
        definition: LifecycleDefinition = STANDARD,
        updated_at: datetime | None = None,
        exit_activated_at: datetime | None = None,
    ) -> LifecycleState:
        """A state with the given statuses; stages not named are not started.

        Args:
            statuses: Status (or its value, e.g. `"completed"`) by stage key or `Stage`.
            definition: The lifecycle definition.
            updated_at: The instant of the last event, if known.
            exit_activated_at: When exit was activated, if it was.

        Raises:
            LifecycleError: If a key is not a stage of the definition.
            InvalidFieldError: If a status is not a `StageStatus` (or its value).
        """
        values = [StageStatus.NOT_STARTED] * len(definition.stages)
        for key, status in statuses.items():
            i = definition.position(key)
            try:
                values[i] = StageStatus(status)
            except ValueError:
                allowed = ", ".join(s.value for s in StageStatus)
                raise InvalidFieldError(
                    "LifecycleState", f"statuses[{key!r}]", status, f"one of {allowed}"
                ) from None
        return cls(
            definition=definition,
            statuses=values,
            updated_at=updated_at,
            exit_activated_at=exit_activated_at,
        )

    def status(self, stage: str | Stage) -> StageStatus:
        """The status of one stage (a `Stage` or a stage key).

        Raises:
            LifecycleError: If the definition has no such stage.
        """
        return BY_ORDINAL[(self._code >> (STATUS_BITS * self._definition.position(stage))) & _MASK]

    def by_key(self) -> dict[str, StageStatus]:
        """Every stage's status by stage key, in the definition's order.

        Examples:
            >>> LifecycleState.initial().by_key()["exit_strategy"].value
            'not_started'
        """
        return {spec.key: s for spec, s in zip(self.definition.stages, self.statuses, strict=True)}

    def to_records(self, *, typed: bool = False) -> list[dict[str, object]]:
        """One flat row per stage: `key`, `title`, `stage`, `phase`, `status`.

        Cells are plain data (enums by value) unless `typed`, which keeps enum members.

        Examples:
            >>> LifecycleState.initial().to_records()[0]["status"]
            'not_started'
        """
        rows = [
            {
                "key": spec.key,
                "title": spec.title,
                "stage": spec.stage,
                "phase": spec.phase,
                "status": status,
            }
            for spec, status in zip(self.definition.stages, self.statuses, strict=True)
        ]
        return records(rows, typed=typed)

    def _keys_where(self, wanted: frozenset[StageStatus]) -> tuple[str, ...]:
        return tuple(
            spec.key
            for spec, s in zip(self.definition.stages, self.statuses, strict=True)
            if s in wanted
        )

    @property
    def active(self) -> tuple[str, ...]:
        """Keys of the stages under way (in progress or reopened)."""
        return self._keys_where(ACTIVE)

    @property
    def started(self) -> tuple[str, ...]:
        """Keys of the stages that have left `not_started`."""
        return self._keys_where(_STARTED)

    @property
    def completed(self) -> tuple[str, ...]:
        """Keys of the completed stages."""
        return self._keys_where(_COMPLETED)

    @property
    def is_exit_activated(self) -> bool:
        """Whether exit has been activated."""
        return self.exit_activated_at is not None

    def phase_status(self, phase: Phase) -> StageStatus:
        """The roll-up of a phase's stages (sub-stages included).

        A phase is in progress while any of its stages is active or some are done and others
        not started; completed when all are done and at least one completed; not applicable
        when all were skipped; not started when none has started.
        """
        return _roll_up(
            [
                s
                for spec, s in zip(self.definition.stages, self.statuses, strict=True)
                if spec.phase is phase
            ]
        )

    @property
    def phases(self) -> dict[Phase, StageStatus]:
        """Every phase's rolled-up status."""
        return {phase: self.phase_status(phase) for phase in Phase}

    def _repr_html_(self) -> str:
        """An HTML table of phase, stage and status badge (for notebooks)."""
        definition = self.definition
        rows = []
        for spec, status in zip(definition.stages, self.statuses, strict=True):
            indent = "&nbsp;&nbsp;&nbsp;" if spec.is_substage else ""
            rows.append(
                f"<tr><td>{spec.phase.title}</td><td>{indent}{html.escape(spec.title)}</td>"
                f"<td>{badge(status)}</td></tr>"
            )
        when = self.updated_at.isoformat() if self.updated_at is not None else "no events yet"
        if self.as_of is not None:
            when = f"{self.as_of.isoformat()} (last event: {when})"
        exit_note = (
            f"; exit activated {self.exit_activated_at.date().isoformat()}"
            if self.exit_activated_at is not None
            else ""
        )
        return (
            f"<table><caption>Lifecycle ({html.escape(definition.name)}), as of "
            f"{html.escape(when)}{exit_note}</caption>"
            "<thead><tr><th>Phase</th><th>Stage</th><th>Status</th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>"
        )


_STARTED = frozenset(StageStatus) - {StageStatus.NOT_STARTED}
_COMPLETED = frozenset({StageStatus.COMPLETED})


def _roll_up(statuses: list[StageStatus]) -> StageStatus:
    present = set(statuses)
    if not present or present == {StageStatus.NOT_STARTED}:
        return StageStatus.NOT_STARTED
    if present == {StageStatus.NOT_APPLICABLE}:
        return StageStatus.NOT_APPLICABLE
    if present <= {StageStatus.COMPLETED, StageStatus.NOT_APPLICABLE}:
        return StageStatus.COMPLETED
    return StageStatus.IN_PROGRESS


def is_aware(value: object) -> bool:
    """Whether `value` is a datetime with a timezone."""
    return isinstance(value, datetime) and value.utcoffset() is not None


_object_new = object.__new__
_S = TypeVar("_S", bound=LifecycleState)
_DECODED: dict[tuple[int, int], tuple[StageStatus, ...]] = {}
_DECODE_LIMIT: Final = 1 << 16


def encode(statuses: Iterable[StageStatus]) -> int:
    """Pack statuses into one integer, three bits per stage, the first stage lowest."""
    code = 0
    for i, status in enumerate(statuses):
        code |= ORDINAL[status] << (STATUS_BITS * i)
    return code


def decode(code: int, n: int) -> tuple[StageStatus, ...]:
    """Unpack `n` statuses; one shared tuple per combination."""
    found = _DECODED.get((code, n))
    if found is None:
        if len(_DECODED) >= _DECODE_LIMIT:
            _DECODED.clear()
        found = tuple(BY_ORDINAL[(code >> (STATUS_BITS * i)) & _MASK] for i in range(n))
        _DECODED[code, n] = found
    return found


_ITEMS: Final = 4
"""Fields a state has as a sequence; a state from `state_as_of` has a fifth, `as_of`."""


def read_as_of(state: LifecycleState, when: date | datetime) -> LifecycleState:
    """`state` as read on `when`: equal to it, and carrying `when` as its `as_of`."""
    return _read_as_of(*state._fields(), when)


def _read_as_of(
    definition: LifecycleDefinition,
    code: int,
    updated_at: datetime | None,
    exit_activated_at: datetime | None,
    as_of: date | datetime,
) -> LifecycleState:
    return _make(LifecycleState, definition, code, updated_at, exit_activated_at, as_of)


def _new(
    definition: LifecycleDefinition,
    code: int,
    updated_at: datetime | None,
    exit_activated_at: datetime | None,
) -> LifecycleState:
    """Build a state without validation: for values the engine has already checked."""
    return _make(LifecycleState, definition, code, updated_at, exit_activated_at, None)


def _make(  # noqa: PLR0917  (positional: a call with keyword-only parameters costs more)
    cls: type[_S],
    definition: LifecycleDefinition,
    code: int,
    updated_at: datetime | None,
    exit_activated_at: datetime | None,
    as_of: date | datetime | None,
) -> _S:
    """The one place a state's slots are filled (the engine's hot path inlines the same)."""
    state = _object_new(cls)
    state._definition = definition  # noqa: SLF001
    state._code = code  # noqa: SLF001
    state._updated_at = updated_at  # noqa: SLF001
    state._exit_activated_at = exit_activated_at  # noqa: SLF001
    state._as_of = as_of  # noqa: SLF001
    return state
