"""Joint governance: bodies, their membership and escalation, decision rights, RACI."""

from __future__ import annotations

from enum import Enum
from typing import ClassVar

from attrs import field, frozen

from collabrel.model import _validators as v
from collabrel.model._display import pretty, summary_repr
from collabrel.model._enums import Cadence
from collabrel.model._raci import RACIMatrix
from collabrel.model._refs import by_id, ref

__all__ = ["BodyKind", "DecisionRight", "Governance", "GovernanceBody"]


class BodyKind(Enum):
    """The kinds of governance body."""

    JOINT_EXECUTIVE_BOARD = "joint_executive_board"
    JOINT_MANAGEMENT_TEAM = "joint_management_team"
    WORKING_GROUP = "working_group"
    STEERING_COMMITTEE = "steering_committee"
    INTERNAL_BOARD = "internal_board"
    OTHER = "other"


@frozen(kw_only=True)
class GovernanceBody:
    """A governance body: its members, chair and where it escalates to.

    Examples:
        >>> jmt = GovernanceBody(id="jmt", name="Joint management team",
        ...     kind=BodyKind.JOINT_MANAGEMENT_TEAM, members=["ann", "raj"], chair="ann",
        ...     escalates_to="jeb")
        >>> jmt.is_joint
        True
    """

    _entity_kind: ClassVar[str] = "body"

    id: str = field(validator=v.identifier())
    name: str = field(validator=v.text())
    kind: BodyKind = field(validator=v.member_of(BodyKind))
    members: tuple[str, ...] = field(
        default=(),
        converter=v.dedupe,
        validator=v.items(str, element_check=v.identifier()),
        metadata=ref("person"),
    )
    chair: str | None = v.optional_id("person")
    escalates_to: str | None = v.optional_id("body")
    cadence: Cadence | None = v.optional_member(Cadence)
    terms_of_reference: str | None = v.optional_id("record")

    @property
    def is_joint(self) -> bool:
        """Whether the body is meant to have members from every partner."""
        return self.kind in (BodyKind.JOINT_EXECUTIVE_BOARD, BodyKind.JOINT_MANAGEMENT_TEAM)


@frozen(kw_only=True)
class DecisionRight:
    """Who may decide what, and up to what limit."""

    decision: str = field(validator=v.text())
    holder: str = field(validator=v.identifier(), metadata=ref("person", "body", "partner"))
    limit: str | None = v.optional_text()


@frozen(kw_only=True, repr=False)
class Governance:
    """The relationship's joint governance arrangements."""

    bodies: tuple[GovernanceBody, ...] = field(
        default=(), converter=v.to_tuple, validator=v.items(GovernanceBody)
    )
    raci: RACIMatrix = v.part(RACIMatrix)
    decision_rights: tuple[DecisionRight, ...] = field(
        default=(), converter=v.to_tuple, validator=v.items(DecisionRight)
    )

    def body(self, body_id: str) -> GovernanceBody:
        """The body with id `body_id`.

        Raises:
            KeyError: If there is no such body.
        """
        return by_id(self.bodies, body_id)

    __repr__ = summary_repr
    _repr_pretty_ = pretty
