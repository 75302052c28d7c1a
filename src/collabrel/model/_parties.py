"""The organisations and people in a relationship."""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import Any, ClassVar

from attrs import field, frozen

from collabrel.errors import InvalidFieldError
from collabrel.model import _display as d
from collabrel.model import _validators as v
from collabrel.model._enums import PartnerRole, PersonRole
from collabrel.model._refs import ref

__all__ = ["Contact", "Partner", "Person", "Representation", "RepresentationKind"]


@frozen(kw_only=True)
class Contact:
    """A way to reach an organisation: a named contact point with email or phone.

    Examples:
        >>> Contact(name="Alliance office", email="office@example.org").email
        'office@example.org'
    """

    name: str = field(validator=v.text())
    email: str | None = v.optional_text()
    phone: str | None = v.optional_text()
    position: str | None = v.optional_text()


@frozen(kw_only=True)
class Partner:
    """An organisation taking part in the relationship, for the period it is a party.

    A partner may join after the relationship began (`joined_on`) and leave before it ends
    (`left_on`, with why in `left_because`); it stays in the plan after it has left, so that
    what it signed, owned and realised stays attributed to it. Whether it counts as a party on
    a given day is `is_member_on`; the relationship's `parties_on` asks it of every partner.

    Raises:
        InvalidFieldError: A field has a bad value, `left_on` is before `joined_on`, or
            `left_because` is given without `left_on`.

    Examples:
        >>> p = Partner(id="acme", name="Acme Rail Ltd", role=PartnerRole.SUPPLIER)
        >>> p.role.value
        'supplier'
        >>> Partner(id="tamar", name="Tamar Drainage", role=PartnerRole.SUPPLIER,
        ...     subcontractor_of="acme").is_subcontractor
        True
        >>> from datetime import date
        >>> carrick = Partner(id="carrick", name="Carrick Signal Engineering",
        ...     role=PartnerRole.PARTNER, joined_on=date(2024, 9, 27),
        ...     left_on=date(2024, 10, 18), left_because="withdrew after its sale")
        >>> [carrick.is_member_on(date(2024, m, 1)) for m in (9, 10, 11)]
        [False, True, False]
    """

    _entity_kind: ClassVar[str] = "partner"

    id: str = field(validator=v.identifier())
    name: str = field(validator=v.text())
    role: PartnerRole = field(validator=v.member_of(PartnerRole))
    description: str | None = v.optional_text()
    contacts: tuple[Contact, ...] = field(
        default=(), converter=v.to_tuple, validator=v.items(Contact)
    )
    subcontractor_of: str | None = v.optional_id("partner")
    """The partner this organisation works for as a subcontractor; `None` for a party to the
    relationship's own agreement."""
    joined_on: date | None = v.optional_date()
    """The first day it was a party; `None` for a party from the relationship's start."""
    left_on: date | None = v.optional_date()
    """The last day it was a party; `None` while it still is one."""
    left_because: str | None = v.optional_text()
    """Why it left (withdrawal, sale, termination, end of its part), when it has left."""

    @left_on.validator
    def _check_left_on(self, attribute: Any, value: date | None) -> None:
        _not_before("Partner", attribute.name, value, "joined_on", self.joined_on)

    @left_because.validator
    def _check_left_because(self, attribute: Any, value: str | None) -> None:
        if value is not None and self.left_on is None:
            raise InvalidFieldError(
                "Partner", attribute.name, value, "given only with left_on (the day it left)"
            )

    @subcontractor_of.validator
    def _check_subcontractor_of(self, attribute: Any, value: str | None) -> None:
        if value is not None and value == self.id:
            raise InvalidFieldError(
                "Partner", attribute.name, value, "another partner's id, not the partner's own"
            )

    @property
    def is_subcontractor(self) -> bool:
        """Whether the organisation takes part as another partner's subcontractor."""
        return self.subcontractor_of is not None

    def is_member_on(self, day: date) -> bool:
        """Whether the organisation takes part on `day`: from `joined_on` to `left_on`.

        Both ends count (a partner leaving on 30 June is still one that day); an open end
        runs from the relationship's start or to its end.
        """
        return _within(day, self.joined_on, self.left_on)

    def _repr_html_(self) -> str:
        works_for = f"subcontractor of {self.subcontractor_of}" if self.subcontractor_of else None
        period = membership(self)
        contacts = (
            d.table(
                ["contact", "position", "email", "phone"],
                [[c.name, c.position, c.email, c.phone] for c in self.contacts],
            )
            if self.contacts
            else ""
        )
        return d.block(
            d.heading(self.name, self.role.value, f"id {self.id}", works_for, period),
            d.paragraph(d.clip(self.description or "", 300)),
            contacts,
        )


def _within(day: date, start: date | None, end: date | None) -> bool:
    """Whether `day` is in the period from `start` to `end`, both included, open ends open."""
    return (start is None or start <= day) and (end is None or day <= end)


def _not_before(
    cls: str, name: str, value: date | None, start_name: str, start: date | None
) -> None:
    """Refuse a period's end `value` that comes before its start."""
    if value is not None and start is not None and value < start:
        raise InvalidFieldError(cls, name, value, f"on or after {start_name} ({start.isoformat()})")


def membership(partner: Partner) -> str | None:
    """A partner's membership period in words (`joined 2024-12-13`, `left 2024-10-18: ...`)."""
    parts = [
        *([f"joined {partner.joined_on.isoformat()}"] if partner.joined_on else []),
        *([f"left {partner.left_on.isoformat()}"] if partner.left_on else []),
    ]
    if not parts:
        return None
    because = f" ({partner.left_because})" if partner.left_because else ""
    return ", ".join(parts) + because


class RepresentationKind(Enum):
    """How a person comes to act for an organisation other than their employer.

    Each kind gives the person the same standing in governance (a seat and an escalation
    route for the organisation they act for); the kind says how they came by it, and
    `phrase` says so in an explanation ("seconded from brackwell").

    Examples:
        >>> RepresentationKind.SECONDMENT.phrase
        'seconded from'
    """

    SECONDMENT = "secondment"
    """Lent by their employer to work for the organisation for a period."""
    AGENT = "agent"
    """Engaged by the organisation to act on its behalf (a consultant, a managing agent)."""
    REPRESENTATIVE = "representative"
    """Nominated to speak for the organisation on a body (a small partner's delegate)."""

    @property
    def phrase(self) -> str:
        """How the person stands to their employer, for an explanation (`seconded from`)."""
        return _PHRASES[self]


_PHRASES: dict[RepresentationKind, str] = {
    RepresentationKind.SECONDMENT: "seconded from",
    RepresentationKind.AGENT: "agent employed by",
    RepresentationKind.REPRESENTATIVE: "representative employed by",
}


@frozen(kw_only=True)
class Representation:
    """A person acting for another organisation, for a period: a secondment, agency or delegation.

    While it is in force (`from_on` to `until_on`, both days included; an open end runs
    from the relationship's start or to its end) the person sits on bodies and escalates for
    `partner_id` as well as for their employer (`Relationship.acting_for`). It gives no
    authority to sign or approve for that organisation: records are signed by partners
    (`Record.signatories`), and an approval is judged by the approver's employer.

    Raises:
        InvalidFieldError: A field has a bad value, or `until_on` is before `from_on`.

    Examples:
        >>> from datetime import date
        >>> r = Representation(partner_id="kestrel", kind=RepresentationKind.SECONDMENT,
        ...     from_on=date(2026, 5, 1), until_on=date(2027, 4, 30))
        >>> [r.is_in_force_on(date(y, m, 1)) for y, m in ((2026, 4), (2026, 5), (2027, 5))]
        [False, True, False]
    """

    partner_id: str = field(validator=v.identifier(), metadata=ref("partner"))
    """The organisation the person acts for."""
    kind: RepresentationKind = field(
        default=RepresentationKind.REPRESENTATIVE, validator=v.member_of(RepresentationKind)
    )
    from_on: date | None = v.optional_date()
    """The first day the person acts for it; `None` from the relationship's start."""
    until_on: date | None = v.optional_date()
    """The last day the person acts for it; `None` while they still do."""
    note: str | None = v.optional_text()

    @until_on.validator
    def _check_until_on(self, attribute: Any, value: date | None) -> None:
        _not_before("Representation", attribute.name, value, "from_on", self.from_on)

    def is_in_force_on(self, day: date) -> bool:
        """Whether the person acts for the organisation on `day` (both ends count)."""
        return _within(day, self.from_on, self.until_on)


@frozen(kw_only=True)
class Person:
    """A person involved in the relationship, employed by one partner organisation.

    A person may also act for other organisations for a period (`acts_for`: seconded to
    one, its agent, or its representative on a body); which organisations a person acts
    for on a day is `Relationship.acting_for`.

    Raises:
        InvalidFieldError: A field has a bad value, or a representation names the person's
            own employer.

    Examples:
        >>> ser = Person(id="jo", name="Jo Hale", partner_id="acme", roles=[PersonRole.SER])
        >>> ser.has_role(PersonRole.SER)
        True
        >>> Person(id="ed", name="Ed Marlow", partner_id="acme",
        ...     acts_for=[Representation(partner_id="kestrel",
        ...                              kind=RepresentationKind.SECONDMENT)]).acts_for[0].kind
        <RepresentationKind.SECONDMENT: 'secondment'>
    """

    _entity_kind: ClassVar[str] = "person"

    id: str = field(validator=v.identifier())
    name: str = field(validator=v.text())
    partner_id: str = field(validator=v.identifier(), metadata=ref("partner"))
    """The organisation employing the person."""
    position: str | None = v.optional_text()
    roles: tuple[PersonRole, ...] = field(
        default=(), converter=v.dedupe, validator=v.items(PersonRole)
    )
    email: str | None = v.optional_text()
    acts_for: tuple[Representation, ...] = field(
        default=(), converter=v.to_tuple, validator=v.items(Representation)
    )
    """The other organisations the person acts for, each for its period."""

    @acts_for.validator
    def _check_acts_for(self, attribute: Any, value: tuple[Representation, ...]) -> None:
        for i, r in enumerate(value):
            if r.partner_id == self.partner_id:
                raise InvalidFieldError(
                    "Person",
                    f"{attribute.name}[{i}].partner_id",
                    r.partner_id,
                    "an organisation other than the person's employer (partner_id)",
                )

    def has_role(self, role: PersonRole) -> bool:
        """Whether the person holds `role`."""
        return role in self.roles
