"""The transition table: which event moves a stage from which status to which.

The rules of `step` that depend on nothing but an event's kind and a stage's status. Every
other lifecycle module reads them from here: the engine applies them, a definition compiles
them into its table of moves (`moves`) for the engine's common case.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from collabrel.lifecycle._status import BY_ORDINAL, ORDINAL, STATUS_BITS, StageStatus
from collabrel.model import EventKind, Stage

__all__ = ["EXIT_NEXT", "NEXT", "NEXT_ORDINAL", "WHY_NOT", "Move", "moves"]

_NS = StageStatus.NOT_STARTED
_IP = StageStatus.IN_PROGRESS
_DONE = StageStatus.COMPLETED
_RE = StageStatus.REOPENED
_NA = StageStatus.NOT_APPLICABLE
_START = EventKind.START
_COMPLETE = EventKind.COMPLETE
_REOPEN = EventKind.REOPEN
_SKIP = EventKind.SKIP

NEXT: Final[dict[tuple[EventKind, StageStatus], StageStatus]] = {
    (_START, _NS): _IP,
    (_COMPLETE, _IP): _DONE,
    (_COMPLETE, _RE): _DONE,
    (_REOPEN, _DONE): _RE,
    (_REOPEN, _NA): _RE,
    (_SKIP, _NS): _NA,
    (_SKIP, _IP): _NA,
    (_SKIP, _RE): _NA,
}
"""The status an event moves a stage to, by (event kind, current status)."""

WHY_NOT: Final[dict[tuple[EventKind, StageStatus], str]] = {
    (_START, _IP): "it is already in progress",
    (_START, _RE): "it is already in progress (reopened)",
    (_START, _DONE): "it is completed; reopen it to work on it again",
    (_START, _NA): "it was skipped as not applicable; reopen it to take it up",
    (_COMPLETE, _NS): "it was never started",
    (_COMPLETE, _DONE): "it is already completed",
    (_COMPLETE, _NA): "it was skipped as not applicable; reopen it first",
    (_REOPEN, _NS): "it was never started; start it instead",
    (_REOPEN, _IP): "it is still in progress",
    (_REOPEN, _RE): "it is already reopened",
    (_SKIP, _DONE): "it is completed and cannot be skipped",
    (_SKIP, _NA): "it is already skipped as not applicable",
}
"""Why an event cannot move a stage, by (event kind, current status) not in `NEXT`."""

NEXT_ORDINAL: Final[dict[EventKind, tuple[int, ...]]] = {
    kind: tuple(ORDINAL[NEXT[kind, old]] if (kind, old) in NEXT else -1 for old in BY_ORDINAL)
    for kind in EventKind
}
"""`NEXT` on ordinals: the successor's ordinal by kind and current ordinal, -1 if none."""

EXIT_NEXT: Final[dict[StageStatus, StageStatus]] = {
    _NS: _IP,
    _IP: _IP,
    _RE: _RE,
    _DONE: _RE,
    _NA: _RE,
}
"""The status exit activation moves the exit stage to, by its current status."""

Move = tuple[int, tuple[int | None, ...]]
"""One kind of event on one stage: the stage's shift in the packed statuses, and by the
stage's current ordinal the change to add to the packed statuses (`None` if not allowed)."""

_PLAIN: Final = (_START, _COMPLETE, _REOPEN)
"""The kinds whose move depends on the stage's status alone (a skip also needs a note)."""


def moves(stage_index: Mapping[Stage, int]) -> dict[EventKind, dict[Stage | None, Move]]:
    """`NEXT` compiled for stages at the given positions: by kind, then by `Stage`, a `Move`.

    Every kind has a row; a row is empty for the kinds with more to check than the stage's
    status (a skip, exit activation, a partner joining or leaving), which `step` leaves to
    its full rules.

    Examples:
        >>> from collabrel.model import EventKind, Stage
        >>> shift, change = moves({Stage.KNOWLEDGE: 1})[EventKind.START][Stage.KNOWLEDGE]
        >>> shift, change[0], change[1]
        (3, 8, None)
        >>> moves({Stage.KNOWLEDGE: 1})[EventKind.SKIP]
        {}
    """
    slots = 1 << STATUS_BITS
    table: dict[EventKind, dict[Stage | None, Move]] = {kind: {} for kind in EventKind}
    for kind in _PLAIN:
        ordinals = NEXT_ORDINAL[kind]
        for stage, i in stage_index.items():
            shift = STATUS_BITS * i
            change = [None if new < 0 else (new - old) << shift for old, new in enumerate(ordinals)]
            change.extend([None] * (slots - len(change)))
            table[kind][stage] = (shift, tuple(change))
    return table
