"""Hypothesis strategies for every public type of `collabrel.model`.

Every strategy draws objects that are valid by construction and shrink towards small, plain
ones (few items, short ids such as `"0"`, short text). There is one function per type, named
after it in snake case and in the plural: `partners()`, `people()`, `raci_matrices()`,
`relationships()`, `relationship_management_plans()` (also `rmps()`), and one per enum
(`stages()`, `results()`, ...), which draws as `st.from_type` does. They are inferred from
the model's validators and `ref()` declarations; only what no single field states (a body's
chair is a member, scores fit their criterion's scale, a history replays) is written by hand.

References are ids, so a strategy for an object that refers to others takes the ids it may
refer to: `<kind>_ids` (`person_ids`, `partner_ids`, `body_ids`, `record_ids`, ...) or
`parties` (people, bodies or partners). `None` (the default) means any valid id, which is
right for an object on its own; a sequence restricts the reference to those ids, and an empty
sequence leaves optional references out (and makes a strategy whose object needs such a
reference draw nothing). Entity strategies take `ids`, a strategy for the object's own id
(`identifiers()` by default). Ids nested inside
one drawn object (the actions of an action plan, the criteria of a selection record, ...) are
unique per kind.

The document strategies, `relationships()` and `relationship_management_plans()`, build whole
documents in which ids are unique per kind and every reference resolves: people belong to the
partners drawn, risk owners are people, RACI parties are people, bodies or partners, bodies
escalate only to bodies listed before them (so never in a cycle), records are approved by
people and signed by partners, evaluations score the drawn candidates against the drawn
criteria within each criterion's scale, and the history is one the lifecycle accepts:
each event is one the state reached so far allows, by an actor who is a person.

Text is printable (no control characters but tab and newline, no surrogates) and non-blank
where the model asks for it; numbers are finite; dates fall between 1990 and 2100 and instants
carry one of a few fixed UTC offsets.

Examples:
    >>> from hypothesis import given, settings
    >>> from collabrel.testing import strategies as cst
    >>> @settings(max_examples=5, deadline=None)
    ... @given(cst.relationship_management_plans())
    ... def test_every_plan_has_a_title(rmp):
    ...     assert rmp.meta.title.strip()
    >>> test_every_plan_has_a_title()
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from enum import Enum
from typing import Protocol, TypeVar

from hypothesis import strategies as st

import collabrel.model as m
from collabrel.testing._names import strategy_name
from collabrel.testing.strategies import _documents as _doc
from collabrel.testing.strategies._infer import enum_members, hand_written, infer, of, required
from collabrel.testing.strategies._pools import (
    DATES,
    DATETIMES,
    IDENTIFIERS,
    Ids,
    fresh,
    is_empty,
    scoped,
)
from collabrel.testing.strategies._pools import parties as _parties
from collabrel.testing.strategies._pools import texts as _texts

# fmt: off
__all__ = [
    "IdStrategy", "Ids", "action_plans", "action_statuses", "actions", "appointments", "approvals",
    "aware_datetimes", "awareness_sections", "body_kinds", "business_cases", "cadences",
    "calendar_dates", "candidates", "checks", "collaborative_profiles", "communication_items",
    "communications_plans", "contacts", "criteria", "criterion_categories", "decision_rights",
    "decisions", "directions", "disengagement_steps", "document_metas", "evaluations",
    "event_kinds", "events", "evidence_links", "evidence_statuses", "exit_plans",
    "exit_strategy_sections", "exit_triggers",
    "expected_benefits", "findings", "for_type", "governance_bodies", "governances",
    "health_responses", "health_surveys", "idea_statuses", "identifiers", "innovation_ideas",
    "interim_targets",
    "internal_assessment_sections", "issue_entries", "issue_statuses", "key_dates",
    "knowledge_items", "knowledge_maps", "knowledge_sections", "kpis", "lessons",
    "maturity_assessments", "measurements", "objectives", "overrides", "partner_roles",
    "partner_selection_sections", "partners", "passage_locations", "people", "person_roles",
    "phases", "plan_kinds",
    "plan_references", "policies", "prioritised_relationships", "raci_activities",
    "raci_assignments", "raci_matrices",
    "realised_values", "record_statuses", "records", "relationship_kinds",
    "relationship_management_plans", "relationship_portfolios", "relationships",
    "representation_kinds", "representations", "responsibilities",
    "results", "review_kinds", "reviews", "risk_statuses", "risks", "rmps", "scope_levels",
    "scopes", "scores", "selection_criteria", "selection_decisions", "sharings", "stage_levels",
    "stage_sections", "stages", "staying_together_sections", "texts", "transfer_kinds", "transfers",
    "value_creation_sections", "value_propositions", "value_statuses", "working_together_sections",
]
# fmt: on

_T = TypeVar("_T")
_E = TypeVar("_E", bound=Enum)
_R = TypeVar("_R", bound=m.Record)
_R_co = TypeVar("_R_co", bound=m.Record, covariant=True)
IdStrategy = st.SearchStrategy[str] | None
"""A strategy for an entity's own id; `None` draws ids unique per kind in the document."""


class _RecordStrategy(Protocol[_R_co]):
    """A record strategy: `person_ids` may approve the record, `partner_ids` sign it."""

    def __call__(
        self, *, person_ids: Ids = None, partner_ids: Ids = None, ids: IdStrategy = None
    ) -> st.SearchStrategy[_R_co]: ...


def _drawn(
    cls: type[_T],
    ids: IdStrategy = None,
    strategy: st.SearchStrategy[_T] | None = None,
    /,
    **given: Ids,
) -> st.SearchStrategy[_T]:
    """`cls` drawn with references naming the ids `given` per kind.

    Draws nothing when a reference `cls` needs has nothing to name.
    """
    if any(all(is_empty(given.get(kind)) for kind in kinds) for kinds in required(cls)):
        return st.nothing()
    return scoped(of(cls, ids) if strategy is None else strategy, **given)


# ---------------------------------------------------------------- primitives


def identifiers() -> st.SearchStrategy[str]:
    """Ids as the model accepts them: 1-128 letters, digits, `.`, `_`, `:` or `-`.

    They start with a letter or digit and shrink towards `"0"`.
    """
    return IDENTIFIERS


def texts(*, allow_empty: bool = False, max_size: int = 20) -> st.SearchStrategy[str]:
    """Printable text: no surrogates and no control characters but tab and newline.

    Args:
        allow_empty: Whether empty and blank (whitespace-only) text may be drawn; the model's
            free-text fields ask for non-blank text, its lists of strings do not.
        max_size: The longest text drawn, in characters.

    Returns:
        A strategy drawing text that shrinks towards `"0"` (or `""` when `allow_empty`).
    """
    return _texts(allow_empty=allow_empty, max_size=max_size)


def calendar_dates() -> st.SearchStrategy[date]:
    """Days from 1 January 1990 to 31 December 2100 (`datetime.date`, never `datetime`)."""
    return DATES


def aware_datetimes() -> st.SearchStrategy[datetime]:
    """Instants from 1990 to 2100 at UTC, +01:00, -05:00, +05:30 or -09:30."""
    return DATETIMES


# ---------------------------------------------------------------- enums


def _members(enum: type[_E]) -> Callable[[], st.SearchStrategy[_E]]:
    """The strategy function for `enum`: its members, drawn as `st.from_type` draws them."""

    def members() -> st.SearchStrategy[_E]:
        strategy: st.SearchStrategy[_E] = enum_members(enum)
        return strategy

    members.__name__ = members.__qualname__ = strategy_name(enum.__name__)
    members.__doc__ = f"Members of `{enum.__name__}`."
    return members


action_statuses = _members(m.ActionStatus)
body_kinds = _members(m.BodyKind)
cadences = _members(m.Cadence)
criterion_categories = _members(m.CriterionCategory)
decisions = _members(m.Decision)
directions = _members(m.Direction)
event_kinds = _members(m.EventKind)
evidence_statuses = _members(m.EvidenceStatus)
idea_statuses = _members(m.IdeaStatus)
issue_statuses = _members(m.IssueStatus)
partner_roles = _members(m.PartnerRole)
person_roles = _members(m.PersonRole)
phases = _members(m.Phase)
plan_kinds = _members(m.PlanKind)
record_statuses = _members(m.RecordStatus)
relationship_kinds = _members(m.RelationshipKind)
representation_kinds = _members(m.RepresentationKind)
results = _members(m.Result)
review_kinds = _members(m.ReviewKind)
risk_statuses = _members(m.RiskStatus)
scope_levels = _members(m.ScopeLevel)
sharings = _members(m.Sharing)
stages = _members(m.Stage)
transfer_kinds = _members(m.TransferKind)
value_statuses = _members(m.ValueStatus)


# ---------------------------------------------------------------- parties and records


def contacts() -> st.SearchStrategy[m.Contact]:
    """`Contact`s: a name and, perhaps, email, phone and position."""
    return of(m.Contact)


def partners(*, ids: IdStrategy = None) -> st.SearchStrategy[m.Partner]:
    """`Partner` organisations with up to two contacts."""
    return _drawn(m.Partner, ids)


def representations(*, partner_ids: Ids = None) -> st.SearchStrategy[m.Representation]:
    """`Representation`s of one of `partner_ids`, each ending on or after it starts."""
    return _drawn(m.Representation, None, partner=partner_ids)


def people(*, partner_ids: Ids = None, ids: IdStrategy = None) -> st.SearchStrategy[m.Person]:
    """`Person`s, each belonging to one of `partner_ids`.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=10)
        ... @given(people(partner_ids=["acme", "nr"]))
        ... def test_people_belong_to_known_partners(person):
        ...     assert person.partner_id in {"acme", "nr"}
        >>> test_people_belong_to_known_partners()
    """
    return _drawn(m.Person, ids, partner=partner_ids)


def _records(cls: type[_R]) -> _RecordStrategy[_R]:
    """The strategy function for the record class `cls`, named after it."""

    def records(
        *, person_ids: Ids = None, partner_ids: Ids = None, ids: IdStrategy = None
    ) -> st.SearchStrategy[_R]:
        return _drawn(cls, ids, person=person_ids, partner=partner_ids)

    records.__name__ = records.__qualname__ = strategy_name(cls.__name__)
    records.__doc__ = f"`{cls.__name__}` records."
    return records


records = _records(m.Record)
"""Plain `Record`s: approval, review period and signatories."""
policies = _records(m.Policy)
"""`Policy` records with principles and business objectives."""
appointments = _records(m.Appointment)
"""`Appointment`s of one of `person_ids` to a role."""
business_cases = _records(m.BusinessCase)
"""`BusinessCase` records, perhaps with a decision."""
knowledge_maps = _records(m.KnowledgeMap)
"""`KnowledgeMap` records with up to two items."""
collaborative_profiles = _records(m.CollaborativeProfile)
"""`CollaborativeProfile` records (maturity 0-10)."""
action_plans = _records(m.ActionPlan)
"""`ActionPlan` records with up to two actions."""
relationship_portfolios = _records(m.RelationshipPortfolio)
"""`RelationshipPortfolio` records."""
selection_criteria = _records(m.SelectionCriteria)
"""`SelectionCriteria` records with a few criteria."""
reviews = _records(m.Review)
"""Joint `Review` records with attendees and actions."""


def knowledge_items(*, partner_ids: Ids = None) -> st.SearchStrategy[m.KnowledgeItem]:
    """`KnowledgeItem`s: what may be shared, owned by whom."""
    return _drawn(m.KnowledgeItem, partner=partner_ids)


def actions(*, person_ids: Ids = None, ids: IdStrategy = None) -> st.SearchStrategy[m.Action]:
    """`Action`s with, perhaps, an owner and dates."""
    return _drawn(m.Action, ids, person=person_ids)


# ---------------------------------------------------------------- objectives, value, risks, KPIs


def objectives(
    *, partner_ids: Ids = None, person_ids: Ids = None, kpi_ids: Ids = None, ids: IdStrategy = None
) -> st.SearchStrategy[m.Objective]:
    """`Objective`s: joint, or one of `partner_ids`' own."""
    return _drawn(m.Objective, ids, partner=partner_ids, person=person_ids, kpi=kpi_ids)


def expected_benefits(
    *, kpi_ids: Ids = None, ids: IdStrategy = None
) -> st.SearchStrategy[m.ExpectedBenefit]:
    """`ExpectedBenefit`s: a measure, a target, a date."""
    return _drawn(m.ExpectedBenefit, ids, kpi=kpi_ids)


def interim_targets() -> st.SearchStrategy[m.InterimTarget]:
    """`InterimTarget`s: a day and a finite amount expected realised by it."""
    return of(m.InterimTarget)


def realised_values(
    *, benefit_ids: Ids = None, partner_ids: Ids = None
) -> st.SearchStrategy[m.RealisedValue]:
    """`RealisedValue`s recorded against one of `benefit_ids`."""
    return _drawn(m.RealisedValue, benefit=benefit_ids, partner=partner_ids)


def value_propositions(
    *, partner_ids: Ids = None, person_ids: Ids = None, kpi_ids: Ids = None, ids: IdStrategy = None
) -> st.SearchStrategy[m.ValueProposition]:
    """`ValueProposition`s with benefits and realised value.

    Realised value is only ever recorded against the proposition's own benefits.
    """
    return _drawn(m.ValueProposition, ids, partner=partner_ids, person=person_ids, kpi=kpi_ids)


def risks(*, person_ids: Ids = None, ids: IdStrategy = None) -> st.SearchStrategy[m.Risk]:
    """`Risk`s owned by one of `person_ids`, scored 1-5 twice."""
    return _drawn(m.Risk, ids, person=person_ids)


def measurements() -> st.SearchStrategy[m.Measurement]:
    """`Measurement`s: a day and a finite value."""
    return of(m.Measurement)


def kpis(*, person_ids: Ids = None, ids: IdStrategy = None) -> st.SearchStrategy[m.KPI]:
    """`KPI`s with up to three measurements in date order."""
    return _drawn(m.KPI, ids, person=person_ids)


# ---------------------------------------------------------------- RACI and governance


def raci_assignments(
    *, parties: Ids = None, alphabet: str = "RACI"
) -> st.SearchStrategy[m.RaciAssignment]:
    """`RaciAssignment`s: one of `parties`, 1-3 codes."""
    return _drawn(m.RaciAssignment, None, _doc.raci_assignments(alphabet), **_parties(parties))


def raci_activities(
    *, parties: Ids = None, alphabet: str = "RACI", ids: IdStrategy = None
) -> st.SearchStrategy[m.RaciActivity]:
    """`RaciActivity` rows naming each party at most once."""
    activities = _doc.raci_activities(fresh("activity") if ids is None else ids, alphabet)
    return scoped(activities, **_parties(parties))


def raci_matrices(
    *, parties: Ids = None, alphabet: str | None = None
) -> st.SearchStrategy[m.RACIMatrix]:
    """`RACIMatrix`es with up to three activities.

    `alphabet` is by default one of RACI, RASCI, RACI-VS and DACI, or a few distinct capitals.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=10)
        ... @given(raci_matrices(parties=["jo", "jmt"]))
        ... def test_parties_are_the_ones_given(matrix):
        ...     assert set(matrix.parties) <= {"jo", "jmt"}
        >>> test_parties_are_the_ones_given()
    """
    return scoped(_doc.raci_matrices(alphabet), **_parties(parties))


def governance_bodies(
    *, person_ids: Ids = None, body_ids: Ids = None, record_ids: Ids = None, ids: IdStrategy = None
) -> st.SearchStrategy[m.GovernanceBody]:
    """`GovernanceBody`s: members, chair, escalation.

    The chair, when there is one, is a member. Leave the body's own id out of `body_ids`, the
    bodies it may escalate to, so that it does not escalate to itself.
    """
    given = {"person": person_ids, "body": body_ids, "record": record_ids}
    return _drawn(m.GovernanceBody, ids, **given)


def decision_rights(*, parties: Ids = None) -> st.SearchStrategy[m.DecisionRight]:
    """`DecisionRight`s: who may decide what, to what limit."""
    return _drawn(m.DecisionRight, **_parties(parties))


def governances(
    *, person_ids: Ids = None, partner_ids: Ids = None, record_ids: Ids = None
) -> st.SearchStrategy[m.Governance]:
    """`Governance`: bodies, a RACI matrix and decision rights.

    Bodies have different ids and escalate only to bodies listed before them, so escalation
    never forms a cycle. RACI parties and decision-right holders are people, partners or
    the bodies drawn.
    """
    return _drawn(m.Governance, person=person_ids, partner=partner_ids, record=record_ids)


# ---------------------------------------------------------------- exit


def exit_triggers(*, ids: IdStrategy = None) -> st.SearchStrategy[m.ExitTrigger]:
    """`ExitTrigger`s: agreed signs that it is time to exit."""
    return _drawn(m.ExitTrigger, ids)


def disengagement_steps(*, parties: Ids = None) -> st.SearchStrategy[m.DisengagementStep]:
    """`DisengagementStep`s, perhaps with an owner."""
    return _drawn(m.DisengagementStep, **_parties(parties, ("person", "partner")))


def transfers(*, partner_ids: Ids = None) -> st.SearchStrategy[m.Transfer]:
    """`Transfer`s on exit, perhaps between named partners."""
    return _drawn(m.Transfer, partner=partner_ids)


def responsibilities(*, parties: Ids = None) -> st.SearchStrategy[m.Responsibility]:
    """`Responsibility`s: a duty on exit and its holder."""
    return _drawn(m.Responsibility, **_parties(parties))


def exit_plans(
    *, person_ids: Ids = None, partner_ids: Ids = None, body_ids: Ids = None, ids: IdStrategy = None
) -> st.SearchStrategy[m.ExitPlan]:
    """`ExitPlan` records: triggers, steps, transfers, duties."""
    return _drawn(m.ExitPlan, ids, person=person_ids, partner=partner_ids, body=body_ids)


# ---------------------------------------------------------------- the relationship


def key_dates() -> st.SearchStrategy[m.KeyDate]:
    """`KeyDate`s: a name and a day."""
    return of(m.KeyDate)


def relationships() -> st.SearchStrategy[m.Relationship]:
    """Whole `Relationship`s in which every reference resolves.

    Two or three partners, some perhaps subcontractors of another; up to four people, each
    belonging to one of them; KPIs, objectives, value propositions and risks owned by those
    people; governance bodies whose members are those people and which escalate without
    cycles; a RACI matrix over people, bodies and partners; perhaps an exit plan. Ids are
    unique per kind.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=5, deadline=None)
        ... @given(relationships())
        ... def test_people_belong_to_partners(rel):
        ...     assert {p.partner_id for p in rel.people} <= set(rel.partner_ids)
        >>> test_people_belong_to_partners()
    """
    return scoped(_doc.relationships())


# ---------------------------------------------------------------- stage sections


def prioritised_relationships() -> st.SearchStrategy[m.PrioritisedRelationship]:
    """`PrioritisedRelationship` entries."""
    return of(m.PrioritisedRelationship)


def awareness_sections(
    *, person_ids: Ids = None, partner_ids: Ids = None
) -> st.SearchStrategy[m.AwarenessSection]:
    """`AwarenessSection`s (stage 1), records optional."""
    return _drawn(m.AwarenessSection, person=person_ids, partner=partner_ids)


def knowledge_sections(
    *, person_ids: Ids = None, partner_ids: Ids = None
) -> st.SearchStrategy[m.KnowledgeSection]:
    """`KnowledgeSection`s (stage 2), records optional."""
    return _drawn(m.KnowledgeSection, person=person_ids, partner=partner_ids)


def criteria(*, ids: IdStrategy = None) -> st.SearchStrategy[m.Criterion]:
    """Partner-selection `Criterion`s, each with a proper scale."""
    return of(m.Criterion, ids)


def internal_assessment_sections(
    *, person_ids: Ids = None, partner_ids: Ids = None
) -> st.SearchStrategy[m.InternalAssessmentSection]:
    """`InternalAssessmentSection`s (stage 3)."""
    return _drawn(m.InternalAssessmentSection, person=person_ids, partner=partner_ids)


def candidates(
    *, partner_ids: Ids = None, ids: IdStrategy = None
) -> st.SearchStrategy[m.Candidate]:
    """`Candidate` organisations, perhaps already partners."""
    return _drawn(m.Candidate, ids, partner=partner_ids)


def scores(*, criterion_ids: Ids = None, person_ids: Ids = None) -> st.SearchStrategy[m.Score]:
    """`Score`s of a candidate against one of `criterion_ids`."""
    return _drawn(m.Score, criterion=criterion_ids, person=person_ids)


def evaluations(
    *,
    candidate_ids: Ids = None,
    criterion_ids: Ids = None,
    person_ids: Ids = None,
    partner_ids: Ids = None,
    ids: IdStrategy = None,
) -> st.SearchStrategy[m.Evaluation]:
    """`Evaluation` records: one candidate's scores.

    Empty `criterion_ids` give evaluations without scores.
    """
    given = {"candidate": candidate_ids, "criterion": criterion_ids}
    return _drawn(m.Evaluation, ids, **given, person=person_ids, partner=partner_ids)


def selection_decisions(
    *,
    candidate_ids: Ids = None,
    person_ids: Ids = None,
    partner_ids: Ids = None,
    ids: IdStrategy = None,
) -> st.SearchStrategy[m.SelectionDecision]:
    """`SelectionDecision` records."""
    given = {"candidate": candidate_ids, "person": person_ids, "partner": partner_ids}
    return _drawn(m.SelectionDecision, ids, **given)


def partner_selection_sections(
    *, person_ids: Ids = None, partner_ids: Ids = None, criterion_ids: Ids = None
) -> st.SearchStrategy[m.PartnerSelectionSection]:
    """`PartnerSelectionSection`s (stage 4).

    Evaluations and the decision refer only to the candidates drawn in the same section.
    """
    given = {"person": person_ids, "partner": partner_ids, "criterion": criterion_ids}
    return _drawn(m.PartnerSelectionSection, **given)


def communication_items(*, owners: Ids = None) -> st.SearchStrategy[m.CommunicationItem]:
    """`CommunicationItem`s, owned by a person or body."""
    return _drawn(m.CommunicationItem, **_parties(owners, ("person", "body")))


def communications_plans(
    *, person_ids: Ids = None, partner_ids: Ids = None, body_ids: Ids = None, ids: IdStrategy = None
) -> st.SearchStrategy[m.CommunicationsPlan]:
    """`CommunicationsPlan` records."""
    given = {"person": person_ids, "partner": partner_ids, "body": body_ids}
    return _drawn(m.CommunicationsPlan, ids, **given)


def working_together_sections(
    *, person_ids: Ids = None, partner_ids: Ids = None, body_ids: Ids = None
) -> st.SearchStrategy[m.WorkingTogetherSection]:
    """`WorkingTogetherSection`s (stage 5)."""
    given = {"person": person_ids, "partner": partner_ids, "body": body_ids}
    return _drawn(m.WorkingTogetherSection, **given)


def innovation_ideas(
    *, partner_ids: Ids = None, ids: IdStrategy = None
) -> st.SearchStrategy[m.InnovationIdea]:
    """`InnovationIdea`s of the joint idea register."""
    return _drawn(m.InnovationIdea, ids, partner=partner_ids)


def value_creation_sections(
    *, person_ids: Ids = None, partner_ids: Ids = None
) -> st.SearchStrategy[m.ValueCreationSection]:
    """`ValueCreationSection`s (stage 6)."""
    return _drawn(m.ValueCreationSection, person=person_ids, partner=partner_ids)


def issue_entries(
    *, partner_ids: Ids = None, body_ids: Ids = None, ids: IdStrategy = None
) -> st.SearchStrategy[m.IssueEntry]:
    """`IssueEntry` lines of the issue and dispute log."""
    return _drawn(m.IssueEntry, ids, partner=partner_ids, body=body_ids)


def stage_levels(*, scale_max: int = 10) -> st.SearchStrategy[m.StageLevel]:
    """`StageLevel`s: a stage and a level from 0 to `scale_max`."""
    return infer(m.StageLevel, level=st.integers(min_value=0, max_value=scale_max))


def maturity_assessments(*, person_ids: Ids = None) -> st.SearchStrategy[m.MaturityAssessment]:
    """`MaturityAssessment`s: one level per stage."""
    return _drawn(m.MaturityAssessment, person=person_ids)


def health_responses(*, person_ids: Ids = None) -> st.SearchStrategy[m.HealthResponse]:
    """`HealthResponse`s: one person's rating of a dimension."""
    return _drawn(m.HealthResponse, person=person_ids)


def health_surveys(
    *, person_ids: Ids = None, record_ids: Ids = None, ids: IdStrategy = None
) -> st.SearchStrategy[m.HealthSurvey]:
    """`HealthSurvey`s with responses within their scale.

    `record_ids` are the reviews a survey may belong to; empty `person_ids` give surveys
    without responses.
    """
    return _drawn(m.HealthSurvey, ids, person=person_ids, record=record_ids)


def staying_together_sections(
    *, person_ids: Ids = None, partner_ids: Ids = None, body_ids: Ids = None
) -> st.SearchStrategy[m.StayingTogetherSection]:
    """`StayingTogetherSection`s (stage 7)."""
    given = {"person": person_ids, "partner": partner_ids, "body": body_ids}
    return _drawn(m.StayingTogetherSection, **given)


def lessons() -> st.SearchStrategy[m.Lesson]:
    """`Lesson`s learnt, perhaps about one stage."""
    return of(m.Lesson)


def exit_strategy_sections(
    *, person_ids: Ids = None, partner_ids: Ids = None
) -> st.SearchStrategy[m.ExitStrategySection]:
    """`ExitStrategySection`s (stage 8)."""
    return _drawn(m.ExitStrategySection, person=person_ids, partner=partner_ids)


def stage_sections(
    *, person_ids: Ids = None, partner_ids: Ids = None, body_ids: Ids = None
) -> st.SearchStrategy[m.StageSections]:
    """`StageSections`: one section for each of the stages.

    Records, actions, criteria, candidates, ideas and issues have ids unique per kind across
    all sections, and evaluations score the section's candidates against the stage-3
    criteria, within each criterion's scale.
    """
    given = {"person": person_ids, "partner": partner_ids, "body": body_ids}
    return _drawn(m.StageSections, **given)


# ---------------------------------------------------------------- history, findings, the plan


def overrides(*, person_ids: Ids = None) -> st.SearchStrategy[m.Override]:
    """`Override`s of a refused transition: who, and why."""
    return _drawn(m.Override, person=person_ids)


def events(
    *, person_ids: Ids = None, at: st.SearchStrategy[datetime] | None = None
) -> st.SearchStrategy[m.Event]:
    """Lifecycle `Event`s: what happened to a stage, when, by whom.

    One event on its own; a plan's history replays (see
    `relationship_management_plans()`).
    """
    strategy = None if at is None else infer(m.Event, at=at)
    return _drawn(m.Event, None, strategy, person=person_ids)


def checks() -> st.SearchStrategy[m.Check]:
    """`Check`s: one check behind a finding, and what it saw."""
    return of(m.Check)


def findings() -> st.SearchStrategy[m.Finding]:
    """`Finding`s with requirement ids such as `CBR.S5.RACI`, never a consequence of their own."""
    return of(m.Finding)


def _not_its_own_cause(_draw: st.DrawFn, kw: dict[str, object]) -> None:
    """A finding's root causes are other requirements than its own."""
    causes = kw.get("caused_by")
    if isinstance(causes, list | tuple):
        kw["caused_by"] = [c for c in causes if c != kw["requirement"]]


hand_written({m.Finding: lambda _ids: infer(m.Finding, _not_its_own_cause)})


def passage_locations() -> st.SearchStrategy[m.PassageLocation]:
    """`PassageLocation`s: a paragraph, perhaps a page, up to two headings above it."""
    return of(m.PassageLocation)


def evidence_links(*, person_ids: Ids = None) -> st.SearchStrategy[m.EvidenceLink]:
    """`EvidenceLink`s of the register; an accepted or rejected one names one of `person_ids`.

    Without a person to name (an empty `person_ids`), every link drawn is a suggestion.
    """
    return _drawn(m.EvidenceLink, person=person_ids)


def _reviewed(draw: st.DrawFn, kw: dict[str, object]) -> None:
    """A reviewed link says who and when; with nobody to name it stays a suggestion."""
    if kw["status"] is m.EvidenceStatus.SUGGESTED:
        return
    if kw["reviewed_by"] is None:
        kw["status"] = m.EvidenceStatus.SUGGESTED
    elif kw["reviewed_on"] is None:
        kw["reviewed_on"] = draw(DATES)


hand_written(
    {
        m.EvidenceLink: lambda _ids: infer(m.EvidenceLink, _reviewed),
        m.PassageLocation: lambda _ids: infer(
            m.PassageLocation, heading_path=st.lists(_texts(), max_size=2)
        ),
    }
)


def approvals(*, person_ids: Ids = None, partner_ids: Ids = None) -> st.SearchStrategy[m.Approval]:
    """Signed `Approval`s of a plan."""
    return _drawn(m.Approval, person=person_ids, partner=partner_ids)


def document_metas(
    *, person_ids: Ids = None, partner_ids: Ids = None
) -> st.SearchStrategy[m.DocumentMeta]:
    """`DocumentMeta`: a plan's title, revision, approvals."""
    return _drawn(m.DocumentMeta, person=person_ids, partner=partner_ids)


def plan_references() -> st.SearchStrategy[m.PlanReference]:
    """`PlanReference`s: the enterprise plan a plan inherits from (`DocumentMeta.inherits`)."""
    return of(m.PlanReference)


def scopes() -> st.SearchStrategy[m.Scope]:
    """`Scope`s: what a plan covers."""
    return of(m.Scope)


def relationship_management_plans() -> st.SearchStrategy[m.RelationshipManagementPlan]:
    """Whole `RelationshipManagementPlan`s.

    A relationship plan carries a relationship drawn as by
    `relationships()`; a template may or may not. Every stage section
    refers only to the people, partners and bodies of that relationship, governance bodies
    take any record of the plan as their terms of reference, ids are unique per kind across
    the whole document (the exit plan and the stage records share one namespace), and the
    history replays: it is drawn by stepping the lifecycle from its initial state, choosing
    among the moves `available` at each step, in time
    order with actors who are people. Also available as `rmps()`.

    Examples:
        >>> from hypothesis import given, settings
        >>> from collabrel.lifecycle import replay
        >>> @settings(max_examples=5, deadline=None)
        ... @given(relationship_management_plans())
        ... def test_history_replays(rmp):
        ...     last = rmp.history[-1].at if rmp.history else None
        ...     assert replay(rmp.history).updated_at == last
        >>> test_history_replays()
    """
    return scoped(_doc.plans())


rmps = relationship_management_plans


def for_type(cls: type[_T]) -> st.SearchStrategy[_T]:
    """The default strategy for a public model type, e.g. `partners()` for `Partner`.

    This is what `st.from_type(cls)` uses once hypothesis has loaded collabrel's plugin.
    Objects drawn on their own refer to arbitrary ids, except `relationships()` and
    `relationship_management_plans()`, which are whole documents.

    Args:
        cls: A class or enum listed in `collabrel.model.__all__`.

    Returns:
        The strategy for `cls`, called without arguments.

    Raises:
        KeyError: If `cls` is not a public model type.

    Examples:
        >>> from collabrel.model import Partner
        >>> for_type(Partner) is not None
        True
        >>> for_type(int)
        Traceback (most recent call last):
        ...
        KeyError: "no collabrel strategy for <class 'int'>"
    """
    name = cls.__name__
    if name not in m.__all__ or getattr(m, name) is not cls:
        msg = f"no collabrel strategy for {cls!r}"
        raise KeyError(msg)
    strategy: st.SearchStrategy[_T] = globals()[strategy_name(name)]()
    return strategy
