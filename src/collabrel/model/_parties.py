"""The organisations and people in a relationship."""

from __future__ import annotations

from typing import ClassVar

from attrs import field, frozen

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
    email: str | None = field(default=None, validator=v.optional(v.text()))
    phone: str | None = field(default=None, validator=v.optional(v.text()))
    position: str | None = field(default=None, validator=v.optional(v.text()))


@frozen(kw_only=True)
class Partner:
    """An organisation taking part in the relationship.

    Examples:
        >>> p = Partner(id="acme", name="Acme Rail Ltd", role=PartnerRole.SUPPLIER)
        >>> p.role.value
        'supplier'
    """

    _entity_kind: ClassVar[str] = "partner"

    id: str = field(validator=v.identifier())
    name: str = field(validator=v.text())
    role: PartnerRole = field(validator=v.member_of(PartnerRole))
    description: str | None = field(default=None, validator=v.optional(v.text()))
    contacts: tuple[Contact, ...] = field(
        default=(), converter=v.to_tuple, validator=v.items(Contact)
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
    position: str | None = field(default=None, validator=v.optional(v.text()))
    roles: tuple[PersonRole, ...] = field(
        default=(), converter=v.dedupe, validator=v.items(PersonRole)
    )
    email: str | None = field(default=None, validator=v.optional(v.text()))

    def has_role(self, role: PersonRole) -> bool:
        """Whether the person holds `role`."""
        return role in self.roles
