"""The exit strategy: disengagement and continuity, not contract termination."""

from __future__ import annotations

from enum import Enum
from typing import ClassVar

from attrs import field, frozen

from collabrel.model import _validators as v
from collabrel.model._display import pretty, summary_repr
from collabrel.model._records import Record
from collabrel.model._refs import ref

__all__ = [
    "DisengagementStep",
    "ExitPlan",
    "ExitTrigger",
    "Responsibility",
    "Transfer",
    "TransferKind",
]


@frozen(kw_only=True)
class ExitTrigger:
    """An agreed sign that the relationship has run its course, or must end."""

    _entity_kind: ClassVar[str] = "trigger"

    id: str = field(validator=v.identifier())
    description: str = field(validator=v.text())
    indicator: str | None = v.optional_text()


@frozen(kw_only=True)
class DisengagementStep:
    """One step of disengaging, in order, with an owner and timing."""

    description: str = field(validator=v.text())
    owner: str | None = v.optional_id("person", "partner")
    timing: str | None = v.optional_text()


class TransferKind(Enum):
    """What passes from one party to another on exit."""

    PEOPLE = "people"
    ASSETS = "assets"
    DATA = "data"
    INTELLECTUAL_PROPERTY = "intellectual_property"
    KNOWLEDGE = "knowledge"
    CUSTOMERS = "customers"


@frozen(kw_only=True)
class Transfer:
    """A transfer on exit: what passes, from which partner to which."""

    kind: TransferKind = field(validator=v.member_of(TransferKind))
    description: str = field(validator=v.text())
    from_partner: str | None = v.optional_id("partner")
    to_partner: str | None = v.optional_id("partner")


@frozen(kw_only=True)
class Responsibility:
    """A duty on exit and the party that holds it."""

    party: str = field(validator=v.identifier(), metadata=ref("person", "body", "partner"))
    duty: str = field(validator=v.text())


@frozen(kw_only=True, repr=False)
class ExitPlan(Record):
    """The joint exit strategy: triggers, steps, continuity, transfers and the future.

    Being a `Record`, it carries approval, review period and
    signatories like every other record.

    Examples:
        >>> plan = ExitPlan(id="exit", title="Exit strategy",
        ...     triggers=[ExitTrigger(id="t1", description="Programme complete")],
        ...     transfers=[Transfer(kind=TransferKind.DATA, description="Asset data")])
        >>> sorted(k.value for k in plan.transfer_kinds)
        ['data']
    """

    triggers: tuple[ExitTrigger, ...] = field(
        default=(), converter=v.to_tuple, validator=v.items(ExitTrigger)
    )
    steps: tuple[DisengagementStep, ...] = field(
        default=(), converter=v.to_tuple, validator=v.items(DisengagementStep)
    )
    continuity: tuple[str, ...] = field(default=(), converter=v.to_tuple, validator=v.items(str))
    transfers: tuple[Transfer, ...] = field(
        default=(), converter=v.to_tuple, validator=v.items(Transfer)
    )
    responsibilities: tuple[Responsibility, ...] = field(
        default=(), converter=v.to_tuple, validator=v.items(Responsibility)
    )
    future_relationship: str | None = v.optional_text()

    @property
    def transfer_kinds(self) -> frozenset[TransferKind]:
        """The kinds of transfer the plan covers."""
        return frozenset(t.kind for t in self.transfers)

    __repr__ = summary_repr
    _repr_pretty_ = pretty
