"""Records: the documents an auditor asks for, all sharing one auditable core.

Every record answers the auditor's four questions from the same fields: does it exist (it is
in the plan), who approved it and when (`approved_by`, `approved_on`), is it current
(`review_every_months`, `last_reviewed_on`), and is it joint (`signatories`).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import ClassVar

from attrs import field, frozen
from dateutil.relativedelta import relativedelta

from collabrel.model import _validators as v
from collabrel.model._display import pretty, summary_repr
from collabrel.model._enums import ActionStatus, Decision, RecordStatus, Sharing
from collabrel.model._refs import ref

__all__ = [
    "Action",
    "ActionPlan",
    "Appointment",
    "BusinessCase",
    "CollaborativeProfile",
    "KnowledgeItem",
    "KnowledgeMap",
    "Policy",
    "Record",
]


@frozen(kw_only=True)
class Record:
    """The auditable core every record shares.

    Attributes:
        id: The record's id, unique among the plan's records.
        title: What the record is, e.g. `"Collaborative working policy"`.
        status: Draft, approved or superseded.
        approved_by: The id of the person who approved it.
        approved_on: The day it was approved.
        review_every_months: How often it must be reviewed, if at all.
        last_reviewed_on: The day of its last review.
        signatories: Ids of the partners who signed it (a joint record needs them all).
        evidence: Links or references to the underlying documents.
        notes: Free text.

    Examples:
        >>> from datetime import date
        >>> r = Record(id="pol", title="Policy", status=RecordStatus.APPROVED,
        ...            approved_on=date(2025, 1, 10), review_every_months=12)
        >>> r.review_due_on
        datetime.date(2026, 1, 10)
        >>> r.is_current(date(2026, 2, 1))
        False
    """

    _entity_kind: ClassVar[str] = "record"

    id: str = field(validator=v.identifier())
    title: str = field(validator=v.text())
    status: RecordStatus = field(default=RecordStatus.DRAFT, validator=v.member_of(RecordStatus))
    approved_by: str | None = v.optional_id("person")
    approved_on: date | None = v.optional_date()
    review_every_months: int | None = v.optional_integer(low=1, high=120)
    last_reviewed_on: date | None = v.optional_date()
    signatories: tuple[str, ...] = field(
        default=(),
        converter=v.dedupe,
        validator=v.items(str, element_check=v.identifier()),
        metadata=ref("partner"),
    )
    evidence: tuple[str, ...] = field(default=(), converter=v.to_tuple, validator=v.items(str))
    notes: str | None = v.optional_text()

    @property
    def is_approved(self) -> bool:
        """Whether the record's status is approved."""
        return self.status is RecordStatus.APPROVED

    @property
    def review_due_on(self) -> date | None:
        """When the next review is due: the last review (or approval) plus the review period.

        `None` when the record has no review period or no date to count from. As of a date,
        see `review_due_as_of`.
        """
        return self.review_due_as_of(date.max)

    def is_dated_after(self, as_of: date) -> bool:
        """Whether the record was approved after `as_of`: on that date it was not in place.

        Examples:
            >>> from datetime import date
            >>> r = Record(id="map", title="Knowledge map", approved_on=date(2026, 11, 20))
            >>> r.is_dated_after(date(2026, 10, 31)), r.is_dated_after(date(2026, 11, 20))
            (True, False)
        """
        return self.approved_on is not None and self.approved_on > as_of

    def lateness(self, as_of: date) -> str:
        """Why the record was not in place on `as_of` in words, or `""` when it was.

        The one wording every layer uses for a record approved after the day it is judged on
        (`is_dated_after`).

        Examples:
            >>> from datetime import date
            >>> r = Record(id="map", title="Knowledge map", approved_on=date(2026, 11, 20))
            >>> r.lateness(date(2026, 10, 31))
            'approved on 2026-11-20, after 2026-10-31: not in place on that date'
            >>> r.lateness(date(2026, 11, 20))
            ''
        """
        if not self.is_dated_after(as_of):
            return ""
        return (
            f"approved on {self.approved_on}, after {as_of.isoformat()}: not in place on that date"
        )

    def reviewed_as_of(self, as_of: date) -> date | None:
        """The day its review period ran from on `as_of`: its last review, else its approval.

        A review (or approval) dated after `as_of` had not happened on that day, so it does not
        count: the period runs from the approval then, or from nothing.

        Examples:
            >>> from datetime import date
            >>> r = Record(id="pol", title="Policy", approved_on=date(2024, 2, 26),
            ...            last_reviewed_on=date(2026, 2, 20))
            >>> r.reviewed_as_of(date(2026, 10, 31)), r.reviewed_as_of(date(2025, 6, 1))
            (datetime.date(2026, 2, 20), datetime.date(2024, 2, 26))
        """
        last = self.last_reviewed_on
        if last is not None and last <= as_of:
            return last
        approved = self.approved_on
        return approved if approved is not None and approved <= as_of else None

    def review_due_as_of(self, as_of: date) -> date | None:
        """When its next review was due as `as_of` saw it: `reviewed_as_of` plus the period.

        `None` when the record has no review period or no date on or before `as_of` to count
        from.
        """
        start = self.reviewed_as_of(as_of)
        if self.review_every_months is None or start is None:
            return None
        due: date = start + relativedelta(months=self.review_every_months)
        return due

    def is_current(self, as_of: date) -> bool:
        """Whether the record is approved, in place and not overdue for review on `as_of`.

        In place: not approved after `as_of` (see `is_dated_after`); not overdue: `as_of` is
        not after `review_due_as_of(as_of)`. The conformance rules judge currency by it.
        """
        due = self.review_due_as_of(as_of)
        return self.is_approved and not self.is_dated_after(as_of) and (due is None or as_of <= due)

    def unsigned_by(self, parties: Iterable[str]) -> tuple[str, ...]:
        """Those of `parties` who have not signed the record, in the order given.

        Pass the relationship's
        `parties_to_sign` of the record to ask
        whether a joint record is signed by every party, as every layer does.

        Examples:
            >>> Record(id="jrmp", title="Joint RMP", signatories=["acme"]).unsigned_by(
            ...     ["acme", "nr"])
            ('nr',)
        """
        signed = set(self.signatories)
        return tuple(p for p in parties if p not in signed)

    def is_signed_by_all(self, partner_ids: Iterable[str]) -> bool:
        """Whether every partner in `partner_ids` signed the record (see `unsigned_by`)."""
        return not self.unsigned_by(partner_ids)


@frozen(kw_only=True)
class Policy(Record):
    """A policy for collaborative working, tied to the organisation's objectives."""

    principles: tuple[str, ...] = field(default=(), converter=v.to_tuple, validator=v.items(str))
    business_objectives: tuple[str, ...] = field(
        default=(), converter=v.to_tuple, validator=v.items(str)
    )


@frozen(kw_only=True)
class Appointment(Record):
    """The appointment of a person to a collaboration role, e.g. the SER."""

    person_id: str = field(validator=v.identifier(), metadata=ref("person"))
    role: str = field(validator=v.text())
    effective_on: date | None = v.optional_date()


@frozen(kw_only=True)
class BusinessCase(Record):
    """The case for collaborating on one opportunity, ending in a go / no-go decision."""

    objectives: tuple[str, ...] = field(default=(), converter=v.to_tuple, validator=v.items(str))
    drivers: tuple[str, ...] = field(default=(), converter=v.to_tuple, validator=v.items(str))
    operating_model: str | None = v.optional_text()
    benefits: tuple[str, ...] = field(default=(), converter=v.to_tuple, validator=v.items(str))
    candidate_partners: tuple[str, ...] = field(
        default=(), converter=v.to_tuple, validator=v.items(str)
    )
    decision: Decision | None = v.optional_member(Decision)
    decided_on: date | None = v.optional_date()
    decided_by: str | None = v.optional_id("person")


@frozen(kw_only=True)
class KnowledgeItem:
    """One piece of knowledge or intellectual property and whether it may be shared."""

    name: str = field(validator=v.text())
    sharing: Sharing = field(validator=v.member_of(Sharing))
    owner_partner_id: str | None = v.optional_id("partner")
    intellectual_property: bool = field(default=False, validator=v.boolean())
    conditions: str | None = v.optional_text()


@frozen(kw_only=True, repr=False)
class KnowledgeMap(Record):
    """What can, could and must not be shared, and who owns it."""

    items: tuple[KnowledgeItem, ...] = field(
        default=(), converter=v.to_tuple, validator=v.items(KnowledgeItem)
    )

    __repr__ = summary_repr
    _repr_pretty_ = pretty


@frozen(kw_only=True)
class CollaborativeProfile(Record):
    """The result of a capability and maturity self-assessment."""

    strengths: tuple[str, ...] = field(default=(), converter=v.to_tuple, validator=v.items(str))
    weaknesses: tuple[str, ...] = field(default=(), converter=v.to_tuple, validator=v.items(str))
    blockers: tuple[str, ...] = field(default=(), converter=v.to_tuple, validator=v.items(str))
    maturity_level: int | None = v.optional_integer(low=0, high=10)


@frozen(kw_only=True)
class Action:
    """An action with an owner and a due date (gap closure, corrective action, review output)."""

    _entity_kind: ClassVar[str] = "action"

    id: str = field(validator=v.identifier())
    description: str = field(validator=v.text())
    owner: str | None = v.optional_id("person")
    due_on: date | None = v.optional_date()
    status: ActionStatus = field(default=ActionStatus.OPEN, validator=v.member_of(ActionStatus))
    completed_on: date | None = v.optional_date()


@frozen(kw_only=True)
class ActionPlan(Record):
    """A record holding a list of actions, e.g. the plan to close capability gaps."""

    actions: tuple[Action, ...] = field(default=(), converter=v.to_tuple, validator=v.items(Action))
