"""Checks more than one stage asks: owned, dated actions, and which partner a person is on."""

from __future__ import annotations

from collections.abc import Sequence

from collabrel.conformance._checks import clear, fact
from collabrel.conformance._rules import Context
from collabrel.model import (
    ActionStatus,
    Check,
)

__all__ = ["action_checks", "none_outstanding", "partner_of"]


def partner_of(ctx: Context, person_id: str) -> str | None:
    person = ctx.person(person_id)
    return person.partner_id if person else None


def action_checks(ctx: Context, actions: Sequence[object], path: str) -> list[Check]:
    checks = []
    for i, a in enumerate(actions):
        owner = getattr(a, "owner", None)
        due = getattr(a, "due_on", None)
        status = getattr(a, "status", ActionStatus.OPEN)
        aid = getattr(a, "id", str(i))
        checks.append(
            fact(
                f"action {aid} has an owner and a due date",
                owner is not None and due is not None,
                f"owner {owner or 'none'}, due {due or 'never'}",
                f"{path}[{i}]",
            )
        )
        if status in (ActionStatus.OPEN, ActionStatus.IN_PROGRESS) and due is not None:
            checks.append(
                fact(
                    f"open action {aid} is on time",
                    due >= ctx.as_of,
                    f"due {due}",
                    f"{path}[{i}].due_on",
                )
            )
    return checks


def none_outstanding() -> Check:
    """The check that stands in for the actions when there are none."""
    return clear(
        "no corrective action is outstanding",
        "none recorded",
        "stages.staying_together.corrective_actions",
    )
