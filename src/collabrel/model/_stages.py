"""The plan's stage sections: the records each of the eight stages produces."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any, ClassVar

from attrs import field, fields, frozen

from collabrel._text import plural
from collabrel.errors import InvalidFieldError
from collabrel.model import _validators as v
from collabrel.model._display import pretty, summary_repr
from collabrel.model._enums import (
    CriterionCategory,
    Direction,
    IdeaStatus,
    IssueStatus,
    ReviewKind,
    Stage,
)
from collabrel.model._records import (
    Action,
    ActionPlan,
    Appointment,
    BusinessCase,
    CollaborativeProfile,
    KnowledgeMap,
    Policy,
    Record,
)
from collabrel.model._refs import ref

__all__ = [
    "AwarenessSection",
    "Candidate",
    "CommunicationItem",
    "CommunicationsPlan",
    "Criterion",
    "Evaluation",
    "ExitStrategySection",
    "HealthResponse",
    "HealthSurvey",
    "InnovationIdea",
    "InternalAssessmentSection",
    "IssueEntry",
    "KnowledgeSection",
    "Lesson",
    "MaturityAssessment",
    "PartnerSelectionSection",
    "PrioritisedRelationship",
    "RelationshipPortfolio",
    "Review",
    "Score",
    "SelectionCriteria",
    "SelectionDecision",
    "StageLevel",
    "StageSections",
    "StayingTogetherSection",
    "ValueCreationSection",
    "WorkingTogetherSection",
]


# ---------------------------------------------------------------- 1 Awareness


@frozen(kw_only=True)
class PrioritisedRelationship:
    """A candidate relationship and its priority for collaborative working (1 is highest)."""

    name: str = field(validator=v.text())
    priority: int = field(validator=v.integer(low=1))
    collaborative: bool = field(default=True, validator=v.boolean())
    rationale: str | None = v.optional_text()


@frozen(kw_only=True)
class RelationshipPortfolio(Record):
    """The organisation's relationships, prioritised against stated criteria."""

    criteria: tuple[str, ...] = field(default=(), converter=v.to_tuple, validator=v.items(str))
    entries: tuple[PrioritisedRelationship, ...] = field(
        default=(), converter=v.to_tuple, validator=v.items(PrioritisedRelationship)
    )


@frozen(kw_only=True, repr=False)
class AwarenessSection:
    """Stage 1: policy, the SER, the value of collaborating, priorities, initial risks."""

    policy: Policy | None = v.optional_part(Policy)
    ser_appointment: Appointment | None = v.optional_part(Appointment)
    value_analysis: Record | None = v.optional_part(Record)
    relationship_portfolio: RelationshipPortfolio | None = v.optional_part(RelationshipPortfolio)
    initial_risk_assessment: Record | None = v.optional_part(Record)

    __repr__ = summary_repr
    _repr_pretty_ = pretty


# ---------------------------------------------------------------- 2 Knowledge


@frozen(kw_only=True, repr=False)
class KnowledgeSection:
    """Stage 2: the business case, knowledge map, skills, risk approach and exit outline."""

    business_case: BusinessCase | None = v.optional_part(BusinessCase)
    knowledge_map: KnowledgeMap | None = v.optional_part(KnowledgeMap)
    skills_assessment: Record | None = v.optional_part(Record)
    risk_management: Record | None = v.optional_part(Record)
    exit_outline: Record | None = v.optional_part(Record)

    __repr__ = summary_repr
    _repr_pretty_ = pretty


# ---------------------------------------------------------------- 3 Internal assessment


def _check_scale(inst: Criterion, attribute: Any, value: float) -> None:
    if value <= inst.scale_min:
        raise InvalidFieldError(
            "Criterion", attribute.name, value, f"greater than scale_min ({inst.scale_min:g})"
        )


@frozen(kw_only=True)
class Criterion:
    """A partner-selection criterion: weight, scale, direction, and whether it is a gate."""

    _entity_kind: ClassVar[str] = "criterion"

    id: str = field(validator=v.identifier())
    name: str = field(validator=v.text())
    category: CriterionCategory = field(validator=v.member_of(CriterionCategory))
    weight: float = field(converter=v.to_float, validator=v.number(low=0))
    scale_min: float = field(default=0.0, converter=v.to_float, validator=v.number())
    scale_max: float = field(
        default=5.0, converter=v.to_float, validator=[v.number(), _check_scale]
    )
    direction: Direction = field(default=Direction.INCREASE, validator=v.member_of(Direction))
    gate: bool = field(default=False, validator=v.boolean())
    gate_threshold: float | None = v.optional_number()
    evidence_required: str | None = v.optional_text()


@frozen(kw_only=True, repr=False)
class SelectionCriteria(Record):
    """The partner-selection strategy and its criteria, set before candidates are scored."""

    strategy: str | None = v.optional_text()
    criteria: tuple[Criterion, ...] = field(
        default=(), converter=v.to_tuple, validator=v.items(Criterion)
    )

    __repr__ = summary_repr
    _repr_pretty_ = pretty


@frozen(kw_only=True, repr=False)
class InternalAssessmentSection:
    """Stage 3: the collaborative profile, gap plan, competences, leaders, selection criteria."""

    collaborative_profile: CollaborativeProfile | None = v.optional_part(CollaborativeProfile)
    gap_plan: ActionPlan | None = v.optional_part(ActionPlan)
    competence_assessment: Record | None = v.optional_part(Record)
    collaborative_leaders: tuple[str, ...] = field(
        default=(),
        converter=v.dedupe,
        validator=v.items(str, element_check=v.identifier()),
        metadata=ref("person"),
    )
    selection_criteria: SelectionCriteria | None = v.optional_part(SelectionCriteria)

    __repr__ = summary_repr
    _repr_pretty_ = pretty


# ---------------------------------------------------------------- 4 Partner selection


@frozen(kw_only=True)
class Candidate:
    """An organisation nominated as a potential partner."""

    _entity_kind: ClassVar[str] = "candidate"

    id: str = field(validator=v.identifier())
    name: str = field(validator=v.text())
    partner_id: str | None = v.optional_id("partner")
    shortlisted: bool = field(default=False, validator=v.boolean())
    nominated_on: date | None = v.optional_date()


@frozen(kw_only=True)
class Score:
    """One score of a candidate against one criterion, with its provenance."""

    criterion_id: str = field(validator=v.identifier(), metadata=ref("criterion"))
    value: float = field(converter=v.to_float, validator=v.number())
    scored_by: str | None = v.optional_id("person")
    scored_on: date | None = v.optional_date()
    evidence: str | None = v.optional_text()
    rationale: str | None = v.optional_text()


@frozen(kw_only=True)
class Evaluation(Record):
    """The evaluation of one candidate: its scores and whether due diligence was done."""

    candidate_id: str = field(validator=v.identifier(), metadata=ref("candidate"))
    scores: tuple[Score, ...] = field(default=(), converter=v.to_tuple, validator=v.items(Score))
    due_diligence_done: bool = field(default=False, validator=v.boolean())
    behavioural_assessment_done: bool = field(default=False, validator=v.boolean())


@frozen(kw_only=True)
class SelectionDecision(Record):
    """The recorded partner-selection decision and its rationale."""

    selected: tuple[str, ...] = field(
        default=(),
        converter=v.dedupe,
        validator=v.items(str, element_check=v.identifier()),
        metadata=ref("candidate"),
    )
    rationale: str | None = v.optional_text()
    decided_on: date | None = v.optional_date()
    decided_by: str | None = v.optional_id("person")


@frozen(kw_only=True, repr=False)
class PartnerSelectionSection:
    """Stage 4: candidates, evaluations, the decision, draft joint objectives, negotiation."""

    candidates: tuple[Candidate, ...] = field(
        default=(), converter=v.to_tuple, validator=v.items(Candidate)
    )
    evaluations: tuple[Evaluation, ...] = field(
        default=(), converter=v.to_tuple, validator=v.items(Evaluation)
    )
    decision: SelectionDecision | None = v.optional_part(SelectionDecision)
    joint_objectives_draft: Record | None = v.optional_part(Record)
    negotiation_approach: Record | None = v.optional_part(Record)

    __repr__ = summary_repr
    _repr_pretty_ = pretty


# ---------------------------------------------------------------- 5 Working together


@frozen(kw_only=True)
class CommunicationItem:
    """One line of the communications plan: who hears what, how and how often."""

    audience: str = field(validator=v.text())
    purpose: str = field(validator=v.text())
    channel: str | None = v.optional_text()
    frequency: str | None = v.optional_text()
    owner: str | None = v.optional_id("person", "body")


@frozen(kw_only=True)
class CommunicationsPlan(Record):
    """The joint communications plan."""

    items: tuple[CommunicationItem, ...] = field(
        default=(), converter=v.to_tuple, validator=v.items(CommunicationItem)
    )


@frozen(kw_only=True, repr=False)
class WorkingTogetherSection:
    """Stage 5: the joint RMP, governance terms, contract, communications, issue procedure."""

    joint_rmp: Record | None = v.optional_part(Record)
    governance_terms: Record | None = v.optional_part(Record)
    contract: Record | None = v.optional_part(Record)
    communications_plan: CommunicationsPlan | None = v.optional_part(CommunicationsPlan)
    issue_resolution: Record | None = v.optional_part(Record)
    knowledge_sharing: Record | None = v.optional_part(Record)
    performance_framework: Record | None = v.optional_part(Record)

    __repr__ = summary_repr
    _repr_pretty_ = pretty


# ---------------------------------------------------------------- 6 Value creation


@frozen(kw_only=True)
class InnovationIdea:
    """An entry in the joint improvement and innovation register."""

    _entity_kind: ClassVar[str] = "idea"

    id: str = field(validator=v.identifier())
    title: str = field(validator=v.text())
    status: IdeaStatus = field(default=IdeaStatus.PROPOSED, validator=v.member_of(IdeaStatus))
    proposed_by: str | None = v.optional_id("partner")
    proposed_on: date | None = v.optional_date()
    expected_benefit: str | None = v.optional_text()
    realised_benefit: float | None = v.optional_number()
    decided_on: date | None = v.optional_date()
    decision_note: str | None = v.optional_text()


@frozen(kw_only=True, repr=False)
class ValueCreationSection:
    """Stage 6: the joint innovation process and its idea register."""

    innovation_process: Record | None = v.optional_part(Record)
    ideas: tuple[InnovationIdea, ...] = field(
        default=(), converter=v.to_tuple, validator=v.items(InnovationIdea)
    )

    __repr__ = summary_repr
    _repr_pretty_ = pretty


# ---------------------------------------------------------------- 7 Staying together


@frozen(kw_only=True)
class Review(Record):
    """A periodic joint review, with its outcomes and actions."""

    held_on: date = field(validator=v.calendar_date())
    kind: ReviewKind = field(default=ReviewKind.PERFORMANCE, validator=v.member_of(ReviewKind))
    attendees: tuple[str, ...] = field(
        default=(),
        converter=v.dedupe,
        validator=v.items(str, element_check=v.identifier()),
        metadata=ref("person"),
    )
    outcomes: tuple[str, ...] = field(default=(), converter=v.to_tuple, validator=v.items(str))
    actions: tuple[Action, ...] = field(default=(), converter=v.to_tuple, validator=v.items(Action))


@frozen(kw_only=True)
class IssueEntry:
    """An entry in the issue and dispute log."""

    _entity_kind: ClassVar[str] = "issue"

    id: str = field(validator=v.identifier())
    description: str = field(validator=v.text())
    raised_on: date = field(validator=v.calendar_date())
    raised_by: str | None = v.optional_id("partner")
    severity: int = field(default=2, validator=v.integer(low=1, high=5))
    status: IssueStatus = field(default=IssueStatus.OPEN, validator=v.member_of(IssueStatus))
    escalated_to: str | None = v.optional_id("body")
    resolved_on: date | None = v.optional_date()
    resolution: str | None = v.optional_text()


@frozen(kw_only=True)
class StageLevel:
    """The maturity level reached in one stage."""

    stage: Stage = field(validator=v.member_of(Stage))
    level: int = field(validator=v.integer(low=0, high=10))


def _check_levels(inst: MaturityAssessment, attribute: Any, value: tuple[StageLevel, ...]) -> None:
    stages = [s.stage for s in value]
    if len(set(stages)) != len(stages):
        raise InvalidFieldError("MaturityAssessment", attribute.name, value, "one level per stage")
    for s in value:
        if s.level > inst.scale_max:
            raise InvalidFieldError(
                "MaturityAssessment",
                attribute.name,
                s.level,
                f"levels of at most scale_max ({inst.scale_max}) (stage {s.stage.value!r})",
            )


@frozen(kw_only=True)
class MaturityAssessment:
    """A maturity assessment across the stages on a 1..`scale_max` scale."""

    assessed_on: date = field(validator=v.calendar_date())
    scale_max: int = field(default=5, validator=v.integer(low=1, high=10))
    assessed_by: str | None = v.optional_id("person")
    levels: tuple[StageLevel, ...] = field(
        default=(), converter=v.to_tuple, validator=[v.items(StageLevel), _check_levels]
    )

    def level(self, stage: Stage) -> int | None:
        """The level recorded for `stage`, if any."""
        for s in self.levels:
            if s.stage is stage:
                return s.level
        return None


@frozen(kw_only=True)
class HealthResponse:
    """One person's rating of one relationship-health dimension in a survey.

    The respondent's organisation is the partner the person belongs to. A `score` of `None`
    records a question left unanswered (it is excluded when the survey is scored).
    """

    respondent: str = field(validator=v.identifier(), metadata=ref("person"))
    dimension: str = field(validator=v.identifier())
    score: float | None = v.optional_number()
    comment: str | None = v.optional_text()


def _check_survey_scale(inst: HealthSurvey, attribute: Any, value: float) -> None:
    if value <= inst.scale_min:
        raise InvalidFieldError(
            "HealthSurvey", attribute.name, value, f"greater than scale_min ({inst.scale_min:g})"
        )


def _check_responses(inst: HealthSurvey, attribute: Any, value: tuple[HealthResponse, ...]) -> None:
    for index, response in enumerate(value):
        if response.score is not None and not inst.scale_min <= response.score <= inst.scale_max:
            raise InvalidFieldError(
                "HealthSurvey",
                attribute.name,
                response.score,
                f"scores from {inst.scale_min:g} to {inst.scale_max:g} (response {index})",
            )


@frozen(kw_only=True, repr=False)
class HealthSurvey:
    """A relationship health survey (such as a 360° behaviour survey) for one review period.

    People on every side of the relationship rate dimensions such as trust or communication on
    the survey's scale; `collabrel.metrics` turns the responses into health scores.

    Examples:
        >>> from datetime import date
        >>> survey = HealthSurvey(id="hs-1", held_on=date(2026, 5, 29),
        ...     responses=[HealthResponse(respondent="jo", dimension="trust", score=4)])
        >>> survey.responses[0].score, survey.scale_max
        (4.0, 5.0)
    """

    _entity_kind: ClassVar[str] = "survey"

    id: str = field(validator=v.identifier())
    held_on: date = field(validator=v.calendar_date())
    title: str | None = v.optional_text()
    scale_min: float = field(default=1.0, converter=v.to_float, validator=v.number())
    scale_max: float = field(
        default=5.0, converter=v.to_float, validator=[v.number(), _check_survey_scale]
    )
    review_id: str | None = v.optional_id("record")
    responses: tuple[HealthResponse, ...] = field(
        default=(), converter=v.to_tuple, validator=[v.items(HealthResponse), _check_responses]
    )

    __repr__ = summary_repr
    _repr_pretty_ = pretty


@frozen(kw_only=True, repr=False)
class StayingTogetherSection:
    """Stage 7: reviews, the issue log, corrective actions, maturity and health surveys."""

    reviews: tuple[Review, ...] = field(default=(), converter=v.to_tuple, validator=v.items(Review))
    issue_log: tuple[IssueEntry, ...] = field(
        default=(), converter=v.to_tuple, validator=v.items(IssueEntry)
    )
    corrective_actions: tuple[Action, ...] = field(
        default=(), converter=v.to_tuple, validator=v.items(Action)
    )
    maturity_assessments: tuple[MaturityAssessment, ...] = field(
        default=(), converter=v.to_tuple, validator=v.items(MaturityAssessment)
    )
    health_surveys: tuple[HealthSurvey, ...] = field(
        default=(), converter=v.to_tuple, validator=v.items(HealthSurvey)
    )

    __repr__ = summary_repr
    _repr_pretty_ = pretty


# ---------------------------------------------------------------- 8 Exit strategy


@frozen(kw_only=True)
class Lesson:
    """A lesson learnt, dated, and the stage it concerns if any."""

    on: date = field(validator=v.calendar_date())
    text: str = field(validator=v.text())
    stage: Stage | None = v.optional_member(Stage)


@frozen(kw_only=True, repr=False)
class ExitStrategySection:
    """Stage 8: the transition plan, lessons learnt and future opportunities.

    The exit plan itself lives on the relationship
    (the `Relationship`'s `exit_plan`) because it is drafted from
    stage 2 on.
    """

    transition_plan: Record | None = v.optional_part(Record)
    lessons_learnt: tuple[Lesson, ...] = field(
        default=(), converter=v.to_tuple, validator=v.items(Lesson)
    )
    future_opportunities: Record | None = v.optional_part(Record)

    __repr__ = summary_repr
    _repr_pretty_ = pretty


# ---------------------------------------------------------------- all stages


@frozen(kw_only=True, repr=False)
class StageSections:
    """One section per stage.

    Its `repr` counts the records in each stage rather than showing them all.

    Examples:
        >>> sections = StageSections()
        >>> sections.section(Stage.KNOWLEDGE).business_case is None
        True
        >>> list(sections.records(Stage.KNOWLEDGE))
        []
        >>> sections
        <StageSections (0 records)>
    """

    awareness: AwarenessSection = v.part(AwarenessSection)
    knowledge: KnowledgeSection = v.part(KnowledgeSection)
    internal_assessment: InternalAssessmentSection = v.part(InternalAssessmentSection)
    partner_selection: PartnerSelectionSection = v.part(PartnerSelectionSection)
    working_together: WorkingTogetherSection = v.part(WorkingTogetherSection)
    value_creation: ValueCreationSection = v.part(ValueCreationSection)
    staying_together: StayingTogetherSection = v.part(StayingTogetherSection)
    exit_strategy: ExitStrategySection = v.part(ExitStrategySection)

    def section(self, stage: Stage) -> Any:
        """The section object of `stage` (e.g. a `KnowledgeSection`)."""
        return getattr(self, stage.value)

    def records(self, stage: Stage) -> Iterator[tuple[str, Record]]:
        """Each record in `stage`'s section with its path below the section, in field order."""
        section = self.section(stage)
        for a in fields(type(section)):
            value = getattr(section, a.name)
            if isinstance(value, Record):
                yield a.name, value
            elif isinstance(value, tuple):
                for i, item in enumerate(value):
                    if isinstance(item, Record):
                        yield f"{a.name}[{i}]", item

    def __repr__(self) -> str:
        counts = record_counts(self)
        by_stage = ", ".join(f"{stage.value} {n}" for stage, n in counts.items() if n)
        total = plural(sum(counts.values()), "record")
        return f"<StageSections ({total}{': ' + by_stage if by_stage else ''})>"

    _repr_pretty_ = pretty


def record_counts(sections: StageSections) -> dict[Stage, int]:
    """How many records each stage's section holds, stage by stage."""
    return {stage: sum(1 for _ in sections.records(stage)) for stage in Stage}
