"""The lifecycle history: dated events, oldest first."""

from __future__ import annotations

from datetime import datetime
from enum import Enum

from attrs import field, frozen

from collabrel.model import _validators as v
from collabrel.model._enums import Stage
from collabrel.model._refs import ref

__all__ = ["Event", "EventKind", "Override"]


class EventKind(Enum):
    """What happened to a stage."""

    START = "start"
    COMPLETE = "complete"
    REOPEN = "reopen"
    SKIP = "skip"
    ACTIVATE_EXIT = "activate_exit"

    # Members are singletons: hash by identity (C speed) rather than Enum's hash of the name.
    __hash__ = object.__hash__


@frozen(kw_only=True)
class Override:
    """Who overrode a refused transition, and why."""

    by: str = field(validator=v.identifier(), metadata=ref("person"))
    reason: str = field(validator=v.text())


@frozen(kw_only=True)
class Event:
    """One lifecycle event: something done to a stage, when, by whom.

    `stage` names one of the eight stages; `substage` names a sub-stage of it when the
    lifecycle definition in use has sub-stages (see `collabrel.lifecycle.LifecycleDefinition`).
    An `activate_exit` event may leave `stage` empty. `note` is free text (a `skip` needs one:
    the justification); `override` records who overrode a refused transition and why.

    Examples:
        >>> from datetime import datetime, timezone
        >>> e = Event(kind=EventKind.START, stage=Stage.AWARENESS, actor="jo",
        ...           at=datetime(2025, 1, 6, 9, 0, tzinfo=timezone.utc))
        >>> e.stage.number
        1
    """

    kind: EventKind = field(validator=v.member_of(EventKind))
    at: datetime = field(converter=v.shared_offset, validator=v.aware_datetime())
    actor: str = field(validator=v.identifier(), metadata=ref("person"))
    stage: Stage | None = v.optional_member(Stage)
    substage: str | None = v.optional_id()
    note: str | None = v.optional_text()
    override: Override | None = v.optional_part(Override)
