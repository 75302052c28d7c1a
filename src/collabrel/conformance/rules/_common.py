"""Checks more than one stage asks: owned, dated actions, and which partner a person is on."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from collabrel.conformance._checks import clear, fact
from collabrel.conformance._rules import Context
from collabrel.model import (
    ActionStatus,
    Check,
    Relationship,
)

__all__ = ["action_checks", "none_outstanding", "partner_of", "seated"]


def partner_of(ctx: Context, person_id: str) -> str | None:
    person = ctx.person(person_id)
    return person.partner_id if person else None


def seated(ctx: Context, rel: Relationship, members: Iterable[str]) -> tuple[set[str], list[str]]:
    """The partners a body's `members` act for on `as_of`, and who represents whom for another.

    Each member stands for the organisations `Relationship.acting_for` names that day: their
    employer and those they are seconded to, agent of or representative for. The second
    part reads `kestrel represented by e.marlow (seconded from brackwell)`, one per
    representation that counts.
    """
    parties: set[str] = set()
    via: list[str] = []
    for m in members:
        acting = rel.acting_for(m, ctx.as_of)
        parties.update(acting)
        person = rel.person(m)
        via.extend(
            f"{r.partner_id} represented by {m} ({r.kind.phrase} {person.partner_id})"
            for r in person.acts_for
            if r.partner_id in acting and r.is_in_force_on(ctx.as_of)
        )
    return parties, list(dict.fromkeys(via))


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
