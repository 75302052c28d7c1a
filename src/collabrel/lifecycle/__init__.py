"""The lifecycle: the eight stages as a pure state machine over a dated history.

The state of a relationship's lifecycle is a status per stage (not started, in progress,
completed, reopened, not applicable) with a roll-up per phase. Several stages may be active at
once and a completed stage may be reopened. Events (start, complete, reopen, skip, activate
exit) move the state on through `step`, a pure function; the
history of events is the record, and `replay` derives the state
from it. Guards are pluggable objects (`Guard`); a refused
transition goes ahead only with a recorded override.

Examples:
    >>> from datetime import date
    >>> from collabrel import examples
    >>> from collabrel.lifecycle import replay, state_as_of
    >>> rmp = examples.load("alliance")
    >>> replay(rmp.history).active
    ('value_creation', 'staying_together', 'exit_strategy')
    >>> state_as_of(rmp.history, date(2024, 3, 31)).completed
    ('awareness',)
"""

from __future__ import annotations

from collabrel.errors import LifecycleError
from collabrel.lifecycle._definition import (
    ISO_44001,
    STANDARD,
    DefinitionError,
    LifecycleDefinition,
    StageSpec,
)
from collabrel.lifecycle._diagrams import status_diagram, to_dot, to_mermaid
from collabrel.lifecycle._engine import (
    Guard,
    InvalidEventError,
    Transition,
    TransitionRefusedError,
    Verdict,
    available,
    can,
    replay,
    state_as_of,
    step,
    trace,
)
from collabrel.lifecycle._guards import (
    RECORD_GUARDS,
    ExitActivation,
    RecordGuard,
    StageOrder,
    default_guards,
)
from collabrel.lifecycle._state import LifecycleState
from collabrel.lifecycle._status import STATUS_COLOURS, StageStatus
from collabrel.lifecycle._timeline import (
    LifecycleSummary,
    StageSummary,
    StatusInterval,
    intervals,
    summarize,
)
from collabrel.model import Event, EventKind, Override

__all__ = [
    "ISO_44001",
    "RECORD_GUARDS",
    "STANDARD",
    "STATUS_COLOURS",
    "DefinitionError",
    "Event",
    "EventKind",
    "ExitActivation",
    "Guard",
    "InvalidEventError",
    "LifecycleDefinition",
    "LifecycleError",
    "LifecycleState",
    "LifecycleSummary",
    "Override",
    "RecordGuard",
    "StageOrder",
    "StageSpec",
    "StageStatus",
    "StageSummary",
    "StatusInterval",
    "Transition",
    "TransitionRefusedError",
    "Verdict",
    "available",
    "can",
    "default_guards",
    "intervals",
    "replay",
    "state_as_of",
    "status_diagram",
    "step",
    "summarize",
    "to_dot",
    "to_mermaid",
    "trace",
]
