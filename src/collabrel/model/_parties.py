"""The organisations and people in a relationship."""

from __future__ import annotations

from typing import Any, ClassVar

from attrs import field, frozen

from collabrel.errors import InvalidFieldError
from collabrel.model import _display as d
from collabrel.model import _validators as v
from collabrel.model._enums import PartnerRole, PersonRole
from collabrel.model._refs import ref

__all__ = ["Contact", "Partner", "Person"]


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
    """An organisation taking part in the relationship.

    Examples:
        >>> p = Partner(id="acme", name="Acme Rail Ltd", role=PartnerRole.SUPPLIER)
        >>> p.role.value
        'supplier'
        >>> Partner(id="tamar", name="Tamar Drainage", role=PartnerRole.SUPPLIER,
        ...     subcontractor_of="acme").is_subcontractor
        True
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

    def _repr_html_(self) -> str:
        works_for = f"subcontractor of {self.subcontractor_of}" if self.subcontractor_of else None
        contacts = (
            d.table(
                ["contact", "position", "email", "phone"],
                [[c.name, c.position, c.email, c.phone] for c in self.contacts],
            )
            if self.contacts
            else ""
        )
        return d.block(
            d.heading(self.name, self.role.value, f"id {self.id}", works_for),
            d.paragraph(d.clip(self.description or "", 300)),
            contacts,
        )


@frozen(kw_only=True)
class Person:
    """A person involved in the relationship, belonging to one partner organisation.

    Examples:
        >>> ser = Person(id="jo", name="Jo Hale", partner_id="acme", roles=[PersonRole.SER])
        >>> ser.has_role(PersonRole.SER)
        True
    """

    _entity_kind: ClassVar[str] = "person"

    id: str = field(validator=v.identifier())
    name: str = field(validator=v.text())
    partner_id: str = field(validator=v.identifier(), metadata=ref("partner"))
    position: str | None = v.optional_text()
    roles: tuple[PersonRole, ...] = field(
        default=(), converter=v.dedupe, validator=v.items(PersonRole)
    )
    email: str | None = v.optional_text()

    def has_role(self, role: PersonRole) -> bool:
        """Whether the person holds `role`."""
        return role in self.roles
