"""Registers collabrel's strategies with hypothesis, so `st.from_type(Partner)` works.

Hypothesis calls [`_register`][] through the `hypothesis` entry point while it is being
imported. Registration is lazy: each type gets a function that imports
`collabrel.testing.strategies` only when hypothesis first needs a strategy for that type, so
importing hypothesis neither builds strategies nor imports this package's strategy module.
"""

from __future__ import annotations

import importlib
from typing import Any, Final


def _lazy(name: str) -> Any:
    """A function giving the strategy `strategies.<name>()`, importing it on first use."""

    def resolve(_: type) -> Any:
        module = importlib.import_module("collabrel.testing.strategies")
        return getattr(module, name)()

    return resolve


def _register() -> None:
    """Register a strategy for every public type of `collabrel.model` with hypothesis.

    Does nothing when hypothesis or collabrel's model cannot be imported (a broken or partial
    install) and skips names the model no longer has, so it never stops hypothesis from
    importing; the test suite checks that every public type is registered.
    """
    try:
        from hypothesis import strategies as st  # noqa: PLC0415  (only when hypothesis loads us)

        model = importlib.import_module("collabrel.model")
    except ImportError:  # pragma: no cover - depends on the environment
        return
    for name, function in STRATEGY_NAMES.items():
        cls = getattr(model, name, None)
        if isinstance(cls, type):
            st.register_type_strategy(cls, _lazy(function))


STRATEGY_NAMES: Final[dict[str, str]] = {
    "Action": "actions",
    "ActionPlan": "action_plans",
    "ActionStatus": "action_statuses",
    "Appointment": "appointments",
    "Approval": "approvals",
    "AwarenessSection": "awareness_sections",
    "BodyKind": "body_kinds",
    "BusinessCase": "business_cases",
    "Cadence": "cadences",
    "Candidate": "candidates",
    "Check": "checks",
    "CollaborativeProfile": "collaborative_profiles",
    "CommunicationItem": "communication_items",
    "CommunicationsPlan": "communications_plans",
    "Contact": "contacts",
    "Criterion": "criteria",
    "CriterionCategory": "criterion_categories",
    "Decision": "decisions",
    "DecisionRight": "decision_rights",
    "Direction": "directions",
    "DisengagementStep": "disengagement_steps",
    "DocumentMeta": "document_metas",
    "Evaluation": "evaluations",
    "Event": "events",
    "EventKind": "event_kinds",
    "ExitPlan": "exit_plans",
    "ExitStrategySection": "exit_strategy_sections",
    "ExitTrigger": "exit_triggers",
    "ExpectedBenefit": "expected_benefits",
    "Finding": "findings",
    "Governance": "governances",
    "GovernanceBody": "governance_bodies",
    "HealthResponse": "health_responses",
    "HealthSurvey": "health_surveys",
    "IdeaStatus": "idea_statuses",
    "InnovationIdea": "innovation_ideas",
    "InternalAssessmentSection": "internal_assessment_sections",
    "IssueEntry": "issue_entries",
    "IssueStatus": "issue_statuses",
    "KPI": "kpis",
    "KeyDate": "key_dates",
    "KnowledgeItem": "knowledge_items",
    "KnowledgeMap": "knowledge_maps",
    "KnowledgeSection": "knowledge_sections",
    "Lesson": "lessons",
    "MaturityAssessment": "maturity_assessments",
    "Measurement": "measurements",
    "Objective": "objectives",
    "Override": "overrides",
    "Partner": "partners",
    "PartnerRole": "partner_roles",
    "PartnerSelectionSection": "partner_selection_sections",
    "Person": "people",
    "PersonRole": "person_roles",
    "Phase": "phases",
    "PlanKind": "plan_kinds",
    "Policy": "policies",
    "PrioritisedRelationship": "prioritised_relationships",
    "RACIMatrix": "raci_matrices",
    "RaciActivity": "raci_activities",
    "RaciAssignment": "raci_assignments",
    "RealisedValue": "realised_values",
    "Record": "records",
    "RecordStatus": "record_statuses",
    "Relationship": "relationships",
    "RelationshipKind": "relationship_kinds",
    "RelationshipManagementPlan": "relationship_management_plans",
    "RelationshipPortfolio": "relationship_portfolios",
    "Responsibility": "responsibilities",
    "Result": "results",
    "Review": "reviews",
    "ReviewKind": "review_kinds",
    "Risk": "risks",
    "RiskStatus": "risk_statuses",
    "Scope": "scopes",
    "ScopeLevel": "scope_levels",
    "Score": "scores",
    "SelectionCriteria": "selection_criteria",
    "SelectionDecision": "selection_decisions",
    "Sharing": "sharings",
    "Stage": "stages",
    "StageLevel": "stage_levels",
    "StageSections": "stage_sections",
    "StayingTogetherSection": "staying_together_sections",
    "Transfer": "transfers",
    "TransferKind": "transfer_kinds",
    "ValueCreationSection": "value_creation_sections",
    "ValueProposition": "value_propositions",
    "ValueStatus": "value_statuses",
    "WorkingTogetherSection": "working_together_sections",
}
"""Public model type name to the name of its strategy function in `strategies`."""
