"""The auditor's questions as check builders: one small vocabulary every rule composes.

Each builder answers one question about the plan with a `Check`
pointing at the document path it looked at:

- `recorded`: is the record there, and in place on the date judged against?
- `approved`: is it approved?
- `approved_by`: by someone holding the right role, of an organisation taking part that day?
- `current`: is it within its review period on the date judged against? (The one judgement
  of currency: `Rule.records` lists the dated records each rule asks it of.)
- `signed`: is it signed by every party to the agreement on the date judged against who was
  one at its signing (its last approval or review), `Record.unsigned_by` of
  `Relationship.parties_to_sign`?
- `counted`, `non_empty`: does it carry the list (or value) it must?
- `named`: is anyone (or anything) named, and who?
- `fact`: any other question, answered by the rule; `clear` when there is nothing to ask.

A check that relies on a fact another requirement establishes says so with `rests_on`, the
path of the record that requirement judges: `approved_by` rests on the record appointing
holders of the role (`ROLE_RECORDS`). After every rule has run, the assessment reports a
finding whose failed checks all rest on records whose requirements are nonconforming as a
consequence of them (issue 15, principle 2: one finding per root cause).

`Context.record_checks` asks the first five
of one record, in that order; `RecordRule` rows and the
bespoke rules compose the same builders. The values they are built from are trusted (see
`_trusted`), so the checks are built without re-validation: this is the hot path of an
assessment.
"""

from __future__ import annotations

from collections.abc import Sequence, Sized
from datetime import date
from typing import Final, Protocol

from collabrel._text import plural
from collabrel.conformance import _trusted
from collabrel.model import Check, Person, PersonRole, Record, RelationshipManagementPlan

__all__ = [
    "ROLE_RECORDS",
    "approved",
    "approved_by",
    "clear",
    "counted",
    "current",
    "fact",
    "named",
    "non_empty",
    "recorded",
    "signed",
]

fact: Final = _trusted.check
"""A check of a question the rule answers itself: `fact(description, passed, observed, path)`,
with `rests_on=<record path>` when the answer relies on a fact that record establishes."""

ROLE_RECORDS: Final[dict[PersonRole, str]] = {
    PersonRole.SER: "stages.awareness.ser_appointment",
}
"""The record establishing who holds a role, where the plan has one: an approval "by a SER"
rests on the SER's appointment (judged by `CBR.S1.SER`)."""


class Asked(Protocol):
    """What the builders read of the context (the rule context, without importing it)."""

    @property
    def rmp(self) -> RelationshipManagementPlan:
        """The plan being assessed."""

    @property
    def as_of(self) -> date:
        """The date judged against."""

    @property
    def partner_ids(self) -> tuple[str, ...]:
        """The parties to the agreement on the date judged against."""

    def parties_to_sign(self, record: Record) -> tuple[str, ...]:
        """The parties who must have signed a joint record (`Relationship.parties_to_sign`)."""

    def person(self, person_id: str | None) -> Person | None:
        """The person with that id, if the relationship has one."""

    def holds(self, person_id: str | None, role: PersonRole) -> bool:
        """Whether the person holds the role."""

    def describe(self, person_id: str | None) -> str:
        """The person in words."""


def non_empty(value: object, description: str, observed_if: str, path: str) -> Check:
    """Whether `value` (a list, usually) is there: observed `observed_if`, else "none recorded"."""
    return _trusted.check(description, bool(value), observed_if if value else "none recorded", path)


def clear(description: str, observed: str, path: str) -> Check:
    """A passed check saying there is nothing to ask about (no benefit due, no open risk)."""
    return _trusted.check(description, passed=True, observed=observed, path=path)


def counted(values: Sized, description: str, noun: str, path: str) -> Check:
    """Whether the list `values` is not empty: observed as its count of `noun`s."""
    n = len(values)
    return _trusted.check(description, n > 0, plural(n, noun) if n else "none recorded", path)


def named(names: Sequence[str], description: str, nobody: str, path: str) -> Check:
    """Whether anyone (or anything) is named: observed as the names, else as `nobody`."""
    return _trusted.check(description, bool(names), ", ".join(names) or nobody, path)


def recorded(ctx: Asked, record: Record | None, path: str, what: str) -> Check:
    """Whether the record is in place on `as_of`: "the *what* is recorded".

    A record approved after the date judged against was not in place on it: it fails as a
    missing one does, and the check says when it was approved. The other questions of a record
    are asked only when this one passed.
    """
    if record is None:
        return _trusted.check(
            f"the {what} is recorded", passed=False, observed="missing", path=path
        )
    named = f"{record.title!r} ({record.id})"
    if late := record.lateness(ctx.as_of):
        return _trusted.check(
            f"the {what} is recorded", passed=False, observed=f"{named} {late}", path=path
        )
    return _trusted.check(f"the {what} is recorded", passed=True, observed=named, path=path)


def approved(record: Record, path: str, what: str) -> Check:
    """Whether the record's status is approved."""
    return _trusted.check(
        f"the {what} is approved",
        record.is_approved,
        f"status {record.status.value}",
        f"{path}.status",
    )


def _role(role: PersonRole) -> str:
    name = str(role.value)
    return name.upper() if role is PersonRole.SER else name.replace("_", " ")


def approved_by(
    ctx: Asked, record: Record, path: str, what: str, role: PersonRole | None
) -> Check | None:
    """Whether an approved record was approved by someone holding `role`.

    `None` (nothing to ask) without a role, for a record not approved, or for a plan without a
    relationship whose people could hold roles.
    """
    rel = ctx.rmp.relationship
    if role is None or not record.is_approved or rel is None:
        return None
    observed = f"approved by {ctx.describe(record.approved_by)}"
    person, day = ctx.person(record.approved_by), record.approved_on
    # who may approve is judged against the parties of the day: not someone whose
    # organisation had left, or had not yet joined, when they approved
    away = (
        person.partner_id
        if person is not None
        and day is not None
        and not rel.partner(person.partner_id).is_member_on(day)
        else None
    )
    if away is not None:
        observed += f", whose organisation {away} was not taking part on {day}"
    return _trusted.check(
        f"the {what} is approved by a {_role(role)}",
        ctx.holds(record.approved_by, role) and away is None,
        observed,
        f"{path}.approved_by",
        ROLE_RECORDS.get(role),
    )


def current(ctx: Asked, record: Record, path: str, what: str) -> Check | None:
    """Whether an approved record is within its review period on `as_of` (`None` if a draft).

    The one judgement of currency every rule relying on a dated record makes
    (`Record.is_current`): the period runs from the last review on or before `as_of`, else
    from the approval (`Record.reviewed_as_of`). The check observes
    the dates it was judged from, and by how many days it is overdue.
    """
    if not record.is_approved:
        return None
    as_of = ctx.as_of
    months = record.review_every_months
    since = record.reviewed_as_of(as_of)
    due = record.review_due_as_of(as_of)
    if months is None:
        observed = "no review period"
    elif since is None or due is None:
        observed = f"review every {months} months; no approval or review date to count from"
    else:
        last = record.last_reviewed_on
        observed = (
            f"last reviewed {since}"
            if since == last
            else f"approved {since}, not reviewed since"
            + (f" (the review of {last} is after {as_of.isoformat()})" if last else "")
        ) + f"; review every {months} months, due {due}"
        if as_of > due:
            observed += f": overdue by {plural((as_of - due).days, 'day')}"
    return _trusted.check(
        f"the {what} is current on {as_of.isoformat()}",
        record.is_current(as_of),
        observed,
        f"{path}.last_reviewed_on",
    )


def signed(ctx: Asked, record: Record, path: str, what: str) -> Check | None:
    """Whether every party who must sign the record did (`None` when there is nobody to)."""
    parties = ctx.parties_to_sign(record)
    if not parties:
        return None
    missing = record.unsigned_by(parties)
    return _trusted.check(
        f"the {what} is signed by every partner",
        not missing,
        f"signed by {', '.join(record.signatories) or 'nobody'}"
        + (f"; not by {', '.join(missing)}" if missing else ""),
        f"{path}.signatories",
    )
