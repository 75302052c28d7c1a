"""Stage statuses: the leaf of the lifecycle package, shared by definitions, states and diagrams.

Nothing here imports another lifecycle module, so every module of the package may import it.
"""

from __future__ import annotations

from enum import Enum
from typing import Final

__all__ = [
    "ACTIVE",
    "BY_ORDINAL",
    "ORDINAL",
    "STATUS_BITS",
    "STATUS_COLOURS",
    "StageStatus",
    "badge",
]


class StageStatus(Enum):
    """Where one stage (or a phase, rolled up) stands.

    Examples:
        >>> StageStatus.REOPENED.is_active, StageStatus.NOT_APPLICABLE.is_done
        (True, True)
    """

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    REOPENED = "reopened"
    NOT_APPLICABLE = "not_applicable"

    # Members are singletons: hash by identity (C speed) rather than Enum's hash of the name.
    __hash__ = object.__hash__

    @property
    def is_active(self) -> bool:
        """Whether work on the stage is under way: in progress or reopened."""
        return self in ACTIVE

    @property
    def is_done(self) -> bool:
        """Whether the stage needs no more work: completed or not applicable (skipped)."""
        return self in _DONE

    @property
    def is_started(self) -> bool:
        """Whether the stage has left `not_started` (whatever happened since)."""
        return self is not StageStatus.NOT_STARTED

    @property
    def label(self) -> str:
        """The status for people, e.g. `"in progress"`."""
        return self.value.replace("_", " ")


ACTIVE: Final = frozenset({StageStatus.IN_PROGRESS, StageStatus.REOPENED})
"""The statuses of a stage under way."""
BY_ORDINAL: Final = tuple(StageStatus)
"""The statuses in declaration order; a status's position is its ordinal."""
ORDINAL: Final = {status: i for i, status in enumerate(BY_ORDINAL)}
_DONE: Final = frozenset({StageStatus.COMPLETED, StageStatus.NOT_APPLICABLE})

STATUS_BITS: Final = 3
"""Bits per stage in a state's packed statuses (five statuses fit in three bits)."""
_MASK: Final = (1 << STATUS_BITS) - 1

STATUS_COLOURS: Final[dict[StageStatus, str]] = {
    StageStatus.NOT_STARTED: "#e8e8e8",
    StageStatus.IN_PROGRESS: "#ffd166",
    StageStatus.COMPLETED: "#06d6a0",
    StageStatus.REOPENED: "#f78c6b",
    StageStatus.NOT_APPLICABLE: "#bdbdbd",
}
"""The fill colour of each status in diagrams, timelines and notebook tables."""


def badge(status: StageStatus) -> str:
    """An HTML badge of a status, in its colour (for notebook tables)."""
    return (
        f'<span style="background:{STATUS_COLOURS[status]};padding:1px 6px;'
        f'border-radius:3px;color:#222">{status.label}</span>'
    )
