"""The relationship: its partners, people, objectives, value, risks, KPIs and governance."""

from __future__ import annotations

from datetime import date
from typing import ClassVar, Final

from attrs import field, frozen

from collabrel._text import plural
from collabrel.errors import DocumentError
from collabrel.model import _display as d
from collabrel.model import _validators as v
from collabrel.model._enums import PartnerRole, PersonRole, RelationshipKind
from collabrel.model._exit import ExitPlan
from collabrel.model._governance import Governance
from collabrel.model._kpi import KPI
from collabrel.model._parties import Partner, Person, membership
from collabrel.model._records import Record
from collabrel.model._refs import by_id, check_references, checks_deferred
from collabrel.model._risk import Risk
from collabrel.model._value import Objective, ValueProposition

__all__ = ["KeyDate", "Relationship"]


_PLAN_KINDS: Final = frozenset({"record"})
"""Kinds a relationship may refer to that live in the plan's stage sections."""


@frozen(kw_only=True)
class KeyDate:
    """A named date in the relationship's life, e.g. contract award."""

    name: str = field(validator=v.text())
    on: date = field(validator=v.calendar_date())


@frozen(kw_only=True, repr=False)
class Relationship:
    """A collaborative relationship between two or more partners.

    Building one checks that ids are unique per kind and that every id it refers to (a risk
    owner, a body member, a RACI party, ...) exists within it.

    Its `repr` is a one-line summary (name, kind, partners, counts); in a notebook it shows
    its partners, counts and value propositions with their amounts.

    Raises:
        InvalidFieldError: A field has a bad value.
        DocumentError: Ids repeat or references dangle; every problem is listed with its path.

    Examples:
        >>> rel = Relationship(id="r1", name="Signalling alliance",
        ...     kind=RelationshipKind.BILATERAL,
        ...     partners=[Partner(id="nr", name="Network Rail", role=PartnerRole.CLIENT),
        ...               Partner(id="sig", name="Signal Co", role=PartnerRole.SUPPLIER)])
        >>> [p.id for p in rel.partners_with_role(PartnerRole.SUPPLIER)]
        ['sig']
        >>> rel
        <Relationship 'Signalling alliance' (bilateral; partners nr client, sig supplier)>
    """

    _entity_kind: ClassVar[str] = "relationship"

    id: str = field(validator=v.identifier())
    name: str = field(validator=v.text())
    kind: RelationshipKind = field(validator=v.member_of(RelationshipKind))
    partners: tuple[Partner, ...] = field(
        converter=v.to_tuple, validator=v.items(Partner, min_len=2)
    )
    description: str | None = v.optional_text()
    people: tuple[Person, ...] = field(default=(), converter=v.to_tuple, validator=v.items(Person))
    objectives: tuple[Objective, ...] = field(
        default=(), converter=v.to_tuple, validator=v.items(Objective)
    )
    value_propositions: tuple[ValueProposition, ...] = field(
        default=(), converter=v.to_tuple, validator=v.items(ValueProposition)
    )
    risks: tuple[Risk, ...] = field(default=(), converter=v.to_tuple, validator=v.items(Risk))
    kpis: tuple[KPI, ...] = field(default=(), converter=v.to_tuple, validator=v.items(KPI))
    governance: Governance = v.part(Governance)
    exit_plan: ExitPlan | None = v.optional_part(ExitPlan)
    key_dates: tuple[KeyDate, ...] = field(
        default=(), converter=v.to_tuple, validator=v.items(KeyDate)
    )

    def __attrs_post_init__(self) -> None:
        if checks_deferred():
            return
        problems = check_references(self, outside=_PLAN_KINDS)
        if problems:
            raise DocumentError(problems)

    @property
    def partner_ids(self) -> tuple[str, ...]:
        """The partners' ids, in order (subcontractors included; see `parties_to_agreement`)."""
        return tuple(p.id for p in self.partners)

    @property
    def parties_to_agreement(self) -> tuple[str, ...]:
        """The ids of every party to the relationship's own agreement over the plan's life.

        Subcontractors are left out (see `parties_on`), membership dates are not: a partner
        who has left, or joins later, is listed too. To ask who must sign, be represented
        or see value on a day, ask `parties_on` that day.

        Examples:
            >>> rel = Relationship(id="r1", name="Flood alliance", kind=RelationshipKind.CONSORTIUM,
            ...     partners=[Partner(id="efa", name="Flood Authority", role=PartnerRole.CLIENT),
            ...               Partner(id="pds", name="Data Systems", role=PartnerRole.PARTNER),
            ...               Partner(id="svy", name="Surveys Ltd", role=PartnerRole.SUPPLIER,
            ...                       subcontractor_of="pds")])
            >>> rel.parties_to_agreement
            ('efa', 'pds')
        """
        return tuple(p.id for p in self.partners if _is_party(p))

    def parties_on(self, day: date) -> tuple[str, ...]:
        """The ids of the parties to the relationship's agreement on `day`, in order.

        This is the one meaning of "every partner" wherever the plan asks for it: the parties
        who sign the joint records (the joint RMP, the exit plan), who must be represented in
        joint governance, whose risks and value the plan answers for, judged on the day in
        question. The standard has the parties to the agreement sign it; a subcontractor
        (`Partner.subcontractor_of`) works under one of them, is bound by that party's
        contract and signs only where it is itself a party, that is, not as a subcontractor.
        A partner counts from the day it joined to the day it left (`Partner.is_member_on`):
        one that left before `day`, or joins after it, is not asked for anything on `day`,
        while what it signed or realised while a party stays attributed to it.

        Examples:
            >>> rel = Relationship(id="r1", name="Signalling alliance",
            ...     kind=RelationshipKind.ALLIANCE,
            ...     partners=[Partner(id="nr", name="Network Rail", role=PartnerRole.CLIENT),
            ...               Partner(id="old", name="Old Signals", role=PartnerRole.PARTNER,
            ...                       left_on=date(2026, 6, 30), left_because="sold"),
            ...               Partner(id="new", name="New Signals", role=PartnerRole.PARTNER,
            ...                       joined_on=date(2026, 7, 1))])
            >>> rel.parties_on(date(2026, 6, 30)), rel.parties_on(date(2026, 7, 1))
            (('nr', 'old'), ('nr', 'new'))
        """
        return self.parties_throughout(day)

    def parties_to_sign(self, record: Record, as_of: date) -> tuple[str, ...]:
        """The parties who must be among the joint `record`'s signatories on `as_of`.

        They are the parties on `as_of` (`parties_on`) who were parties when the record was
        signed: on its last review on or before `as_of`, else its approval
        (`Record.reviewed_as_of`). So a partner that joined since signs at the next review,
        one that left before `as_of` or joins after it is never asked, and a departed
        partner's signature stays on the record. A record holds one list of signatories, that
        of its latest signing; when that came after `as_of`, a party who had left by then
        cannot be on the list and is not asked for either.

        Examples:
            >>> from collabrel.model._records import Record
            >>> rel = Relationship(id="r1", name="Signalling alliance",
            ...     kind=RelationshipKind.ALLIANCE,
            ...     partners=[Partner(id="nr", name="Network Rail", role=PartnerRole.CLIENT),
            ...               Partner(id="old", name="Old Signals", role=PartnerRole.PARTNER,
            ...                       left_on=date(2026, 6, 30)),
            ...               Partner(id="new", name="New Signals", role=PartnerRole.PARTNER,
            ...                       joined_on=date(2026, 7, 1))])
            >>> jrmp = Record(id="jrmp", title="Joint RMP", approved_on=date(2025, 2, 28),
            ...               last_reviewed_on=date(2026, 7, 15), signatories=["nr", "new"])
            >>> rel.parties_to_sign(jrmp, date(2026, 10, 31))
            ('nr', 'new')
            >>> rel.parties_to_sign(jrmp, date(2025, 3, 1))  # Old Signals left before 2026-07-15
            ('nr',)
            >>> import attrs
            >>> policy = attrs.evolve(jrmp, last_reviewed_on=None, signatories=["nr", "old"])
            >>> rel.parties_to_sign(policy, date(2026, 10, 31))  # signed before New joined
            ('nr',)
        """
        signed = record.reviewed_as_of(as_of) or as_of
        return self.parties_throughout(as_of, signed, record.reviewed_as_of(date.max) or signed)

    def parties_throughout(self, *days: date) -> tuple[str, ...]:
        """The parties to the agreement on every one of `days`, in order (see `parties_on`).

        For what was done on one day and is judged on another, e.g. a survey held in May and
        judged in October: the parties of October who could have answered in May.

        Examples:
            >>> rel = Relationship(id="r1", name="Signalling alliance",
            ...     kind=RelationshipKind.ALLIANCE,
            ...     partners=[Partner(id="nr", name="Network Rail", role=PartnerRole.CLIENT),
            ...               Partner(id="new", name="New Signals", role=PartnerRole.PARTNER,
            ...                       joined_on=date(2026, 7, 1))])
            >>> rel.parties_throughout(date(2026, 5, 29), date(2026, 10, 31))
            ('nr',)
        """
        return tuple(
            p.id for p in self.partners if _is_party(p) and all(p.is_member_on(d) for d in days)
        )

    def acting_for(self, person_id: str, day: date) -> tuple[str, ...]:
        """The organisations person `person_id` acts for on `day`, employer first.

        This is the one answer wherever the plan asks whom a person stands for: who is
        represented on a joint body, whose escalation runs through the person. It is the
        person's employer (`Person.partner_id`) and each organisation they act for by a
        representation in force that day (`Person.acts_for`, `Representation.is_in_force_on`),
        each only while it takes part (`Partner.is_member_on`): a person whose employer
        has left still acts for the partners they are seconded to, and a secondment to a
        partner that has left carries nothing.

        Raises:
            KeyError: If there is no such person.

        Examples:
            >>> from collabrel.model._parties import Representation, RepresentationKind
            >>> rel = Relationship(id="r1", name="Signalling alliance",
            ...     kind=RelationshipKind.ALLIANCE,
            ...     partners=[Partner(id="nr", name="Network Rail", role=PartnerRole.CLIENT),
            ...               Partner(id="sig", name="Signal Co", role=PartnerRole.PARTNER)],
            ...     people=[Person(id="ed", name="Ed Marlow", partner_id="nr",
            ...         acts_for=[Representation(partner_id="sig",
            ...             kind=RepresentationKind.SECONDMENT, from_on=date(2026, 5, 1))])])
            >>> rel.acting_for("ed", date(2026, 4, 30)), rel.acting_for("ed", date(2026, 5, 1))
            (('nr',), ('nr', 'sig'))
        """
        person = self.person(person_id)
        wanted = [person.partner_id]
        wanted.extend(r.partner_id for r in person.acts_for if r.is_in_force_on(day))
        out: list[str] = []
        for pid in wanted:
            if pid not in out and self._member_on(pid, day):
                out.append(pid)
        return tuple(out)

    def _member_on(self, partner_id: str, day: date) -> bool:
        partner = next((p for p in self.partners if p.id == partner_id), None)
        return partner is not None and partner.is_member_on(day)

    def partner(self, partner_id: str) -> Partner:
        """The partner with id `partner_id`.

        Raises:
            KeyError: If there is no such partner.
        """
        return by_id(self.partners, partner_id)

    def person(self, person_id: str) -> Person:
        """The person with id `person_id`.

        Raises:
            KeyError: If there is no such person.
        """
        return by_id(self.people, person_id)

    def partners_with_role(self, role: PartnerRole) -> tuple[Partner, ...]:
        """The partners whose role is `role`, in order."""
        return tuple(p for p in self.partners if p.role is role)

    def people_of(self, partner_id: str) -> tuple[Person, ...]:
        """The people who belong to partner `partner_id`, in order."""
        return tuple(p for p in self.people if p.partner_id == partner_id)

    def people_with_role(self, role: PersonRole) -> tuple[Person, ...]:
        """The people holding `role` (e.g. every SER), in order."""
        return tuple(p for p in self.people if role in p.roles)

    def __repr__(self) -> str:
        shown = ", ".join(f"{d.clip(p.id, 24)} {p.role.value}" for p in self.partners[:_SHOWN])
        more = len(self.partners) - _SHOWN
        partners = f"partners {shown}" + (f", +{more} more" if more > 0 else "")
        held = ", ".join(counted(self))
        tail = f"; {held}" if held else ""
        return f"<Relationship {d.clip(self.name)!r} ({self.kind.value}; {partners}{tail})>"

    _repr_pretty_ = d.pretty

    def _repr_html_(self) -> str:
        return d.block(
            d.heading(self.name, self.kind.value, f"id {self.id}"), *relationship_parts(self)
        )


_SHOWN: Final = 3
"""How many partners a relationship's `repr` names."""


def _is_party(partner: Partner) -> bool:
    """Whether `partner` is a party to the agreement itself (not a subcontractor)."""
    return partner.subcontractor_of is None


def counted(rel: Relationship) -> list[str]:
    """What the relationship holds, counted, e.g. `["28 people", "12 risks"]` (none if none)."""
    return [
        plural(n, word)
        for n, word in (
            (len(rel.people), "person"),
            (len(rel.objectives), "objective"),
            (len(rel.risks), "risk"),
            (len(rel.kpis), "KPI"),
            (len(rel.value_propositions), "value proposition"),
        )
        if n
    ]


def relationship_parts(rel: Relationship) -> list[d.Markup]:
    """The body of a relationship's notebook view: description, partners, counts, value."""
    dated = any(membership(p) for p in rel.partners)
    partners = d.table(
        ["partner", "id", "role", "subcontractor of", *(["membership"] if dated else [])],
        [
            [p.name, p.id, p.role.value, p.subcontractor_of, *([membership(p)] if dated else [])]
            for p in rel.partners
        ],
    )
    bodies = len(rel.governance.bodies)
    counts = ", ".join(
        filter(
            None,
            [
                *counted(rel),
                plural(bodies, "governance body", "governance bodies") if bodies else "",
                "an exit plan" if rel.exit_plan is not None else "no exit plan",
            ],
        )
    )
    benefits = [
        [
            d.clip(vp.statement, 50),
            d.clip(b.description, 50),
            d.format_amount(b.target, b.unit),
            d.format_amount(vp.realised_total(b.id), b.unit),
        ]
        for vp in rel.value_propositions
        for b in vp.benefits
    ]
    value = (
        d.table(
            ["value proposition", "benefit", "target", "realised (recorded)"],
            benefits,
            right=[2, 3],
        )
        if benefits
        else d.Markup("")
    )
    return [
        d.paragraph(d.clip(rel.description or "", 300)),
        partners,
        d.paragraph(counts),
        value,
    ]
