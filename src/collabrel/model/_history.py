"""The lifecycle history: dated events, oldest first."""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import Final

from attrs import field, frozen

from collabrel.model import _validators as v
from collabrel.model._enums import Stage
from collabrel.model._refs import ref

__all__ = ["Event", "EventKind", "Override"]


class EventKind(Enum):
    """What happened: to a stage, to the exit, or to the relationship's membership.

    `partner_joins` and `partner_leaves` record a partner becoming or ceasing to be a party
    (they name the `partner`, no stage, and change no stage's status); the partner's own
    `joined_on` / `left_on` hold the date, and the plan checks the event agrees with it.
    """

    START = "start"
    COMPLETE = "complete"
    REOPEN = "reopen"
    SKIP = "skip"
    ACTIVATE_EXIT = "activate_exit"
    PARTNER_JOINS = "partner_joins"
    PARTNER_LEAVES = "partner_leaves"

    # Members are singletons: hash by identity (C speed) rather than Enum's hash of the name.
    __hash__ = object.__hash__


PARTNER_EVENTS: Final = frozenset({EventKind.PARTNER_JOINS, EventKind.PARTNER_LEAVES})
"""The kinds of event about membership (a partner joining or leaving), not about a stage."""


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
    An `activate_exit` event may leave `stage` empty. A `partner_joins` or `partner_leaves`
    event names the `partner` instead of a stage. `note` is free text (a `skip` needs one:
    the justification, a partner leaving usually says why); `override` records who overrode a
    refused transition and why.

    Examples:
        >>> from datetime import datetime, timezone
        >>> e = Event(kind=EventKind.START, stage=Stage.AWARENESS, actor="jo",
        ...           at=datetime(2025, 1, 6, 9, 0, tzinfo=timezone.utc))
        >>> e.stage.number
        1
        >>> left = Event(kind=EventKind.PARTNER_LEAVES, partner="carrick", actor="jo",
        ...              at=datetime(2024, 10, 18, 17, 0, tzinfo=timezone.utc))
        >>> left.is_membership, left.stage is None
        (True, True)
    """

    kind: EventKind = field(validator=v.member_of(EventKind))
    at: datetime = field(converter=v.shared_offset, validator=v.aware_datetime())
    actor: str = field(validator=v.identifier(), metadata=ref("person"))
    stage: Stage | None = v.optional_member(Stage)
    substage: str | None = v.optional_id()
    note: str | None = v.optional_text()
    override: Override | None = v.optional_part(Override)
    partner: str | None = v.optional_id("partner")
    """The partner joining or leaving, on a `partner_joins` or `partner_leaves` event."""

    @property
    def is_membership(self) -> bool:
        """Whether the event is a partner joining or leaving (`PARTNER_EVENTS`)."""
        return self.kind in PARTNER_EVENTS
