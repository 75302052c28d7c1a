"""The domain model: typed, immutable records of a collaborative relationship.

Every class is a frozen, slotted, keyword-only attrs class validated on construction; change
one with `attrs.evolve()`. This package imports nothing from the rest of collabrel but its
errors.
"""

from __future__ import annotations

from collabrel.model import _inline
from collabrel.model._enterprise import PlanReference
from collabrel.model._enums import (
    ActionStatus,
    Cadence,
    CriterionCategory,
    Decision,
    Direction,
    IdeaStatus,
    IssueStatus,
    PartnerRole,
    PersonRole,
    Phase,
    PlanKind,
    RecordStatus,
    RelationshipKind,
    ReviewKind,
    RiskStatus,
    ScopeLevel,
    Sharing,
    Stage,
    ValueStatus,
)
from collabrel.model._evidence import (
    EvidenceLink,
    EvidenceStatus,
    PassageLocation,
)
from collabrel.model._exit import (
    DisengagementStep,
    ExitPlan,
    ExitTrigger,
    Responsibility,
    Transfer,
    TransferKind,
)
from collabrel.model._finding import (
    Check,
    Finding,
    Result,
)
from collabrel.model._governance import (
    BodyKind,
    DecisionRight,
    Governance,
    GovernanceBody,
)
from collabrel.model._history import (
    Event,
    EventKind,
    Override,
)
from collabrel.model._kpi import (
    KPI,
    Measurement,
)
from collabrel.model._parties import (
    Contact,
    Partner,
    Person,
    Representation,
    RepresentationKind,
)
from collabrel.model._raci import (
    RaciActivity,
    RaciAssignment,
    RACIMatrix,
)
from collabrel.model._records import (
    Action,
    ActionPlan,
    Appointment,
    BusinessCase,
    CollaborativeProfile,
    KnowledgeItem,
    KnowledgeMap,
    Policy,
    Record,
)
from collabrel.model._refs import deferred_reference_checks
from collabrel.model._relationship import (
    KeyDate,
    Relationship,
)
from collabrel.model._risk import (
    Risk,
)
from collabrel.model._rmp import (
    SCHEMA_VERSION,
    Approval,
    DocumentMeta,
    RelationshipManagementPlan,
    Scope,
)
from collabrel.model._stages import (
    AwarenessSection,
    Candidate,
    CommunicationItem,
    CommunicationsPlan,
    Criterion,
    Evaluation,
    ExitStrategySection,
    HealthResponse,
    HealthSurvey,
    InnovationIdea,
    InternalAssessmentSection,
    IssueEntry,
    KnowledgeSection,
    Lesson,
    MaturityAssessment,
    PartnerSelectionSection,
    PrioritisedRelationship,
    RelationshipPortfolio,
    Review,
    Score,
    SelectionCriteria,
    SelectionDecision,
    StageLevel,
    StageSections,
    StayingTogetherSection,
    ValueCreationSection,
    WorkingTogetherSection,
)
from collabrel.model._value import (
    ExpectedBenefit,
    InterimTarget,
    Objective,
    RealisedValue,
    ValueProposition,
)

__all__ = [
    "KPI",
    "SCHEMA_VERSION",
    "Action",
    "ActionPlan",
    "ActionStatus",
    "Appointment",
    "Approval",
    "AwarenessSection",
    "BodyKind",
    "BusinessCase",
    "Cadence",
    "Candidate",
    "Check",
    "CollaborativeProfile",
    "CommunicationItem",
    "CommunicationsPlan",
    "Contact",
    "Criterion",
    "CriterionCategory",
    "Decision",
    "DecisionRight",
    "Direction",
    "DisengagementStep",
    "DocumentMeta",
    "Evaluation",
    "Event",
    "EventKind",
    "EvidenceLink",
    "EvidenceStatus",
    "ExitPlan",
    "ExitStrategySection",
    "ExitTrigger",
    "ExpectedBenefit",
    "Finding",
    "Governance",
    "GovernanceBody",
    "HealthResponse",
    "HealthSurvey",
    "IdeaStatus",
    "InnovationIdea",
    "InterimTarget",
    "InternalAssessmentSection",
    "IssueEntry",
    "IssueStatus",
    "KeyDate",
    "KnowledgeItem",
    "KnowledgeMap",
    "KnowledgeSection",
    "Lesson",
    "MaturityAssessment",
    "Measurement",
    "Objective",
    "Override",
    "Partner",
    "PartnerRole",
    "PartnerSelectionSection",
    "PassageLocation",
    "Person",
    "PersonRole",
    "Phase",
    "PlanKind",
    "PlanReference",
    "Policy",
    "PrioritisedRelationship",
    "RACIMatrix",
    "RaciActivity",
    "RaciAssignment",
    "RealisedValue",
    "Record",
    "RecordStatus",
    "Relationship",
    "RelationshipKind",
    "RelationshipManagementPlan",
    "RelationshipPortfolio",
    "Representation",
    "RepresentationKind",
    "Responsibility",
    "Result",
    "Review",
    "ReviewKind",
    "Risk",
    "RiskStatus",
    "Scope",
    "ScopeLevel",
    "Score",
    "SelectionCriteria",
    "SelectionDecision",
    "Sharing",
    "Stage",
    "StageLevel",
    "StageSections",
    "StayingTogetherSection",
    "Transfer",
    "TransferKind",
    "ValueCreationSection",
    "ValueProposition",
    "ValueStatus",
    "WorkingTogetherSection",
    "deferred_reference_checks",
]

# Every model class's __init__ checks its fields inline before calling their validators
# (the same checks, the same errors; see collabrel.model._inline).
_inline.inline_all(globals())
