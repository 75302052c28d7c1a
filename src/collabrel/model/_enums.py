"""Stages, phases and the small closed vocabularies of the domain.

Enum values are stable lower-case strings: they are what documents store.
"""

from __future__ import annotations

from enum import Enum
from typing import Final, NamedTuple

__all__ = [
    "ActionStatus",
    "Cadence",
    "CriterionCategory",
    "Decision",
    "Direction",
    "IdeaStatus",
    "IssueStatus",
    "PartnerRole",
    "PersonRole",
    "Phase",
    "PlanKind",
    "RecordStatus",
    "RelationshipKind",
    "ReviewKind",
    "RiskStatus",
    "ScopeLevel",
    "Sharing",
    "Stage",
    "ValueStatus",
]


class Phase(Enum):
    """The three phases that group the eight stages.

    Examples:
        >>> [stage.number for stage in Phase.ENGAGEMENT.stages]
        [4, 5, 6]
    """

    STRATEGIC = "strategic"
    ENGAGEMENT = "engagement"
    MANAGEMENT = "management"

    # Members are singletons: hash by identity (C speed) rather than Enum's hash of the name.
    __hash__ = object.__hash__

    @property
    def title(self) -> str:
        """The phase's name for people, e.g. `"Strategic"`."""
        return self.value.capitalize()

    @property
    def stages(self) -> tuple[Stage, ...]:
        """The stages of this phase, in order."""
        return tuple(s for s in Stage if s.phase is self)


class _StageInfo(NamedTuple):
    number: int
    title: str
    phase: Phase
    bs11000_clause: int
    iso44001_clause: str
    iso44001_title: str
    joint: bool


_STAGE_INFO: Final[dict[str, _StageInfo]] = {
    "awareness": _StageInfo(
        1, "Awareness", Phase.STRATEGIC, 3, "8.2", "Operational awareness", joint=False
    ),
    "knowledge": _StageInfo(2, "Knowledge", Phase.STRATEGIC, 4, "8.3", "Knowledge", joint=False),
    "internal_assessment": _StageInfo(
        3, "Internal assessment", Phase.STRATEGIC, 5, "8.4", "Internal assessment", joint=False
    ),
    "partner_selection": _StageInfo(
        4, "Partner selection", Phase.ENGAGEMENT, 6, "8.5", "Partner selection", joint=False
    ),
    "working_together": _StageInfo(
        5, "Working together", Phase.ENGAGEMENT, 7, "8.6", "Working together", joint=True
    ),
    "value_creation": _StageInfo(
        6, "Value creation", Phase.ENGAGEMENT, 8, "8.7", "Value creation", joint=True
    ),
    "staying_together": _StageInfo(
        7, "Staying together", Phase.MANAGEMENT, 9, "8.8", "Staying together", joint=True
    ),
    "exit_strategy": _StageInfo(
        8, "Exit strategy", Phase.MANAGEMENT, 10, "8.9", "Exit strategy activation", joint=True
    ),
}


class Stage(Enum):
    """The eight stages of a collaborative business relationship.

    Stages are ordered by number; they overlap and repeat in practice, so the order is a
    reference, not a sequence that must be followed.

    Examples:
        >>> Stage.WORKING_TOGETHER.number, Stage.WORKING_TOGETHER.phase
        (5, <Phase.ENGAGEMENT: 'engagement'>)
        >>> Stage.WORKING_TOGETHER.bs11000_clause, Stage.WORKING_TOGETHER.iso44001_clause
        (7, '8.6')
        >>> Stage.from_number(8).iso44001_title
        'Exit strategy activation'
        >>> Stage.AWARENESS < Stage.KNOWLEDGE
        True
    """

    AWARENESS = "awareness"
    KNOWLEDGE = "knowledge"
    INTERNAL_ASSESSMENT = "internal_assessment"
    PARTNER_SELECTION = "partner_selection"
    WORKING_TOGETHER = "working_together"
    VALUE_CREATION = "value_creation"
    STAYING_TOGETHER = "staying_together"
    EXIT_STRATEGY = "exit_strategy"

    # Members are singletons: hash by identity (C speed) rather than Enum's hash of the name.
    __hash__ = object.__hash__

    @property
    def number(self) -> int:
        """The stage number, 1 to 8."""
        return _STAGE_INFO[self.value].number

    @property
    def title(self) -> str:
        """The stage's BS 11000-1 name for people, e.g. `"Working together"`."""
        return _STAGE_INFO[self.value].title

    @property
    def phase(self) -> Phase:
        """The phase the stage belongs to."""
        return _STAGE_INFO[self.value].phase

    @property
    def bs11000_clause(self) -> int:
        """The BS 11000-1:2010 clause of the stage (3 to 10)."""
        return _STAGE_INFO[self.value].bs11000_clause

    @property
    def iso44001_clause(self) -> str:
        """The ISO 44001:2017 sub-clause of the stage (`"8.2"` to `"8.9"`; not verified)."""
        return _STAGE_INFO[self.value].iso44001_clause

    @property
    def iso44001_title(self) -> str:
        """The stage's ISO 44001 name, where it differs from BS 11000-1's."""
        return _STAGE_INFO[self.value].iso44001_title

    @property
    def is_joint(self) -> bool:
        """Whether the stage's records are joint (signed by every partner): stages 5 to 8."""
        return _STAGE_INFO[self.value].joint

    @classmethod
    def from_number(cls, number: int) -> Stage:
        """The stage with the given number.

        Raises:
            ValueError: If `number` is not 1 to 8.
        """
        for stage in cls:
            if stage.number == number:
                return stage
        msg = f"stage number must be from 1 to 8 (got {number!r})"
        raise ValueError(msg)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Stage):
            return NotImplemented
        return self.number < other.number

    def __le__(self, other: object) -> bool:
        if not isinstance(other, Stage):
            return NotImplemented
        return self.number <= other.number

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, Stage):
            return NotImplemented
        return self.number > other.number

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, Stage):
            return NotImplemented
        return self.number >= other.number


class PartnerRole(Enum):
    """An organisation's role in a relationship."""

    CLIENT = "client"
    SUPPLIER = "supplier"
    LEAD_PARTNER = "lead_partner"
    PARTNER = "partner"


class PersonRole(Enum):
    """The collaboration roles a person may hold."""

    SER = "ser"
    """Senior Executive Responsible: the executive who owns collaborative working."""
    EXECUTIVE_SPONSOR = "executive_sponsor"
    RELATIONSHIP_MANAGER = "relationship_manager"
    JMT_MEMBER = "jmt_member"
    COLLABORATIVE_LEADER = "collaborative_leader"
    RISK_OWNER = "risk_owner"
    AUDITOR = "auditor"


class RelationshipKind(Enum):
    """The form a collaborative relationship takes."""

    BILATERAL = "bilateral"
    CONSORTIUM = "consortium"
    ALLIANCE = "alliance"
    JOINT_VENTURE = "joint_venture"
    SUPPLY_CHAIN = "supply_chain"
    NETWORK = "network"
    INTERNAL = "internal"


class ScopeLevel(Enum):
    """What a plan covers: one application, one relationship, several, or the enterprise."""

    APPLICATION = "application"
    RELATIONSHIP = "relationship"
    MULTIPLE = "multiple"
    ENTERPRISE = "enterprise"


class PlanKind(Enum):
    """What a plan is: a relationship's plan, the organisation's template or its enterprise plan.

    An enterprise plan is the organisation-wide RMP: it sets the policy and holds the
    organisation-level records (policy, relationship portfolio, collaborative profile,
    competences) once for every relationship, and relationship plans inherit them
    (`DocumentMeta.inherits`). Like a template it needs no relationship.
    """

    RELATIONSHIP = "relationship"
    TEMPLATE = "template"
    ENTERPRISE = "enterprise"


class RecordStatus(Enum):
    """Where a record stands: drafted, approved, or replaced by a newer one."""

    DRAFT = "draft"
    APPROVED = "approved"
    SUPERSEDED = "superseded"


class RiskStatus(Enum):
    """Where a risk stands."""

    OPEN = "open"
    MITIGATING = "mitigating"
    CLOSED = "closed"
    REALISED = "realised"


class ValueStatus(Enum):
    """Where a value proposition stands."""

    PROPOSED = "proposed"
    AGREED = "agreed"
    IN_DELIVERY = "in_delivery"
    REALISED = "realised"
    WITHDRAWN = "withdrawn"


class Direction(Enum):
    """Which way a measure should move: up (`increase`) or down (`decrease`)."""

    INCREASE = "increase"
    DECREASE = "decrease"


class Cadence(Enum):
    """How often something recurs (meetings, reviews, measurements)."""

    WEEKLY = "weekly"
    FORTNIGHTLY = "fortnightly"
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    HALF_YEARLY = "half_yearly"
    ANNUALLY = "annually"

    @property
    def months(self) -> float:
        """The cadence's length in months (a week is 12/52 of a month).

        Examples:
            >>> Cadence.QUARTERLY.months
            3.0
        """
        return _CADENCE_MONTHS[self.value]


_CADENCE_MONTHS: Final = {
    "weekly": 12 / 52,
    "fortnightly": 24 / 52,
    "monthly": 1.0,
    "quarterly": 3.0,
    "half_yearly": 6.0,
    "annually": 12.0,
}


class Decision(Enum):
    """The outcome of a go / no-go decision."""

    GO = "go"
    NO_GO = "no_go"
    DEFERRED = "deferred"


class Sharing(Enum):
    """What may be shared with partners."""

    CAN_SHARE = "can_share"
    SHARE_UNDER_CONDITIONS = "share_under_conditions"
    MUST_NOT_SHARE = "must_not_share"


class ActionStatus(Enum):
    """Where an action stands."""

    OPEN = "open"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    CANCELLED = "cancelled"


class CriterionCategory(Enum):
    """The families partner-selection criteria fall into."""

    STRATEGIC_FIT = "strategic_fit"
    CAPABILITY = "capability"
    COLLABORATIVE_MATURITY = "collaborative_maturity"
    CULTURE_AND_BEHAVIOUR = "culture_and_behaviour"
    GOVERNANCE_AND_COMMERCIAL = "governance_and_commercial"
    RISK = "risk"
    EXIT_FEASIBILITY = "exit_feasibility"
    PRICE = "price"
    OTHER = "other"


class IdeaStatus(Enum):
    """Where an improvement or innovation idea stands."""

    PROPOSED = "proposed"
    EVALUATING = "evaluating"
    APPROVED = "approved"
    IMPLEMENTED = "implemented"
    REJECTED = "rejected"
    DROPPED = "dropped"


class ReviewKind(Enum):
    """What a review looked at."""

    PERFORMANCE = "performance"
    RELATIONSHIP = "relationship"
    RISK = "risk"
    MATURITY = "maturity"
    MANAGEMENT = "management"


class IssueStatus(Enum):
    """Where an issue or dispute stands."""

    OPEN = "open"
    ESCALATED = "escalated"
    RESOLVED = "resolved"
    CLOSED = "closed"
