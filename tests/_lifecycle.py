"""What the lifecycle tests share: short names for statuses and events, and stage specs.

Importable as `_lifecycle` because pytest puts tests/ on the path (`pythonpath` in pyproject).
"""

from __future__ import annotations

from datetime import UTC, datetime

from collabrel.lifecycle import EventKind, Override, StageSpec, StageStatus
from collabrel.model import Stage

NS, IP, DONE, RE, NA = StageStatus  # every status, in declaration order

START = EventKind.START
COMPLETE = EventKind.COMPLETE
REOPEN = EventKind.REOPEN
SKIP = EventKind.SKIP
EXIT = EventKind.ACTIVATE_EXIT

AT = datetime(2025, 1, 6, 9, 0, tzinfo=UTC)
BOSS = Override(by="h.okafor", reason="The board decided to go ahead.")

# The first four main stages, each in a different status other than not started.
MIXED = {"awareness": DONE, "knowledge": RE, "internal_assessment": NA, "partner_selection": IP}


def spec(
    key: str, stage: Stage | None = None, *, title: str | None = None, **kw: object
) -> StageSpec:
    """A stage spec: of the main stage `key` unless `stage` says otherwise; titled from the key."""
    stage = stage if stage is not None else Stage(key)
    title = title if title is not None else key.replace("_", " ").capitalize()
    return StageSpec(key=key, title=title, stage=stage, **kw)


# Two sub-stages of partner selection: shortlisting may start once partner selection has, due
# diligence needs the shortlist done.
SELECTION_SUBSTAGES = (
    spec("shortlist", Stage.PARTNER_SELECTION, title="Shortlisting", after=["partner_selection"]),
    spec("due_diligence", Stage.PARTNER_SELECTION, requires=["shortlist"]),
)
