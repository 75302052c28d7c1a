"""The registration table: every built-in rule, in catalogue order.

A requirement that one record be in place is a `RecordRule` row, declared here in full (record
path, what it is, the lists it must carry, the approving role, joint or not, what is essential,
title, remediation); its stage comes from its path, and whether it must be current from the
record's own review period. A requirement that needs judgement of its own is a function in its
stage's module (`_awareness` ... `_exit`, `_system` for ISO 44001's management-system clauses),
registered here by `_bespoke` with the first line of its docstring as its title, and with the
dated records it asks `Context.record_checks` of as its `records`: every rule's dated records
are read from this table (`Rule.records`).
`tests/unit/conformance/test_record_rules.py` holds every row to the model (its path
resolves to a record, its lists to lists) and to both catalogues (`records:` and `joint:`).
"""

from __future__ import annotations

from typing import Final

from collabrel.conformance._grading import CheckFunction, graded
from collabrel.conformance._record_rule import RecordContent, RecordRule
from collabrel.conformance._rules import Rule, RuleFunction, Severity
from collabrel.conformance.rules import (
    _awareness,
    _exit,
    _internal,
    _knowledge,
    _selection,
    _staying,
    _system,
    _value,
    _working,
)
from collabrel.model import PersonRole, Stage

__all__ = ["RECORD_RULES", "RULES"]

_MINOR: Final = Severity.MINOR
_SER: Final = PersonRole.SER


_STAGES: Final = {f"CBR.S{s.number}.": s for s in Stage}


def _stage_of(requirement: str) -> Stage | None:
    """The stage a requirement id names (`CBR.S5.…` is working together; `MS.…` none)."""
    return _STAGES.get(requirement[: len("CBR.S5.")])


def _bespoke(
    rule_id: str,
    requirements: tuple[str, ...],
    func: CheckFunction,
    *,
    title: str,
    remediation: str,
    essential: int = 1,
    severity: Severity = Severity.MAJOR,
    records: tuple[str, ...] = (),
) -> Rule:
    """A rule of a function's checks, graded under `title` at its requirement's stage.

    `records` are the dated records the function asks `Context.record_checks` of.
    """
    evaluate = graded(
        func,
        _stage_of(requirements[0]),
        title=title,
        remediation=remediation,
        essential=essential,
    )
    return Rule(
        id=rule_id,
        title=title,
        requirements=requirements,
        evaluate=evaluate,
        severity=severity,
        records=records,
    )


def _self_graded(rule_id: str, requirements: tuple[str, ...], func: RuleFunction) -> Rule:
    """A rule whose function grades its checks itself (its docstring's first line is its title)."""
    title = (func.__doc__ or rule_id).strip().splitlines()[0]
    return Rule(id=rule_id, title=title, requirements=requirements, evaluate=func)


RULES: Final[tuple[Rule, ...]] = (
    # ------------------------------------------------------------------------- 1 Awareness
    _bespoke(
        "CR.S1.SER",
        ("CBR.S1.SER",),
        _awareness.ser,
        title="Senior executive responsible",
        remediation="appoint a senior executive responsible, record the appointment and give "
        "the person the 'ser' role",
        essential=2,
        records=("stages.awareness.ser_appointment",),
    ),
    RecordRule(
        id="CR.S1.POLICY",
        requirements=("CBR.S1.POLICY", "MS.5.2.POLICY"),
        path="stages.awareness.policy",
        what="collaborative working policy",
        approver=_SER,
        contents=[
            RecordContent(
                description="the policy is tied to business objectives",
                lists={"business_objectives": "objective"},
            )
        ],
        title="Collaborative working policy",
        remediation="approve a policy for collaborative working, link it to the business "
        "objectives and review it within its period",
    ),
    _bespoke(
        "CR.S1.VALUE",
        ("CBR.S1.VALUE",),
        _awareness.value,
        title="Value of collaborating",
        remediation="record what collaborating should add (a value analysis or value propositions)",
    ),
    RecordRule(
        id="CR.S1.PRIORITISATION",
        requirements=("CBR.S1.PRIORITISATION",),
        path="stages.awareness.relationship_portfolio",
        what="prioritised relationship list",
        contents=[
            RecordContent(
                description="the prioritisation states its criteria",
                lists={"criteria": "criterion"},
            ),
            RecordContent(
                description="relationships are listed with priorities",
                lists={"entries": "relationship"},
            ),
        ],
        title="Relationship prioritisation",
        remediation="list candidate relationships and rank them against stated criteria",
        severity=_MINOR,
    ),
    _bespoke(
        "CR.S1.RISK",
        ("CBR.S1.RISK",),
        _awareness.initial_risk,
        title="Initial risk view",
        remediation="record an initial assessment of the risks of collaborating, including "
        "the risk of the relationship breaking down",
    ),
    _bespoke(
        "CR.S1.RMP",
        ("CBR.S1.RMP",),
        _awareness.rmp,
        title="Relationship management plan",
        remediation="have a senior executive responsible approve the plan and set its next "
        "review date",
    ),
    # ------------------------------------------------------------------------- 2 Knowledge
    _bespoke(
        "CR.S2.BUSINESS_CASE",
        ("CBR.S2.BUSINESS_CASE",),
        _knowledge.business_case,
        title="Business case",
        remediation="complete and approve the business case and record its go / no-go decision",
        essential=2,
        records=("stages.knowledge.business_case",),
    ),
    RecordRule(
        id="CR.S2.SKILLS",
        requirements=("CBR.S2.SKILLS",),
        path="stages.knowledge.skills_assessment",
        what="skills assessment",
        title="Skills needed",
        remediation="assess the skills the relationship needs",
        severity=_MINOR,
    ),
    RecordRule(
        id="CR.S2.KNOWLEDGE_MAP",
        requirements=("CBR.S2.KNOWLEDGE_MAP",),
        path="stages.knowledge.knowledge_map",
        what="knowledge map",
        contents=[
            RecordContent(
                description="the map lists knowledge and intellectual property with sharing rules",
                lists={"items": "item"},
            )
        ],
        title="Knowledge map",
        remediation="map what may, may under conditions, and must not be shared, and who owns it",
    ),
    _bespoke(
        "CR.S2.RISK",
        ("CBR.S2.RISK",),
        _knowledge.collab_risk,
        title="Collaboration risk management",
        remediation="keep a risk register for the relationship and record how its risks are "
        "managed",
    ),
    _bespoke(
        "CR.S2.EXIT_OUTLINE",
        ("CBR.S2.EXIT_OUTLINE",),
        _knowledge.exit_outline,
        title="Exit strategy outline",
        remediation="outline how the relationship would end before committing to it",
    ),
    # ------------------------------------------------------------------------- 3 Internal
    RecordRule(
        id="CR.S3.PROFILE",
        requirements=("CBR.S3.PROFILE",),
        path="stages.internal_assessment.collaborative_profile",
        what="collaborative profile",
        contents=[
            RecordContent(
                description="the profile records strengths and weaknesses",
                lists={"strengths": "strength", "weaknesses": "weakness"},
            )
        ],
        title="Collaborative profile",
        remediation="assess your own capability and maturity for collaborating and record "
        "the profile",
    ),
    _bespoke(
        "CR.S3.GAP_PLAN",
        ("CBR.S3.GAP_PLAN",),
        _internal.gap_plan,
        title="Gap closure plan",
        remediation="plan actions with owners and due dates to close the gaps the profile shows",
        records=("stages.internal_assessment.gap_plan",),
    ),
    RecordRule(
        id="CR.S3.COMPETENCE",
        requirements=("CBR.S3.COMPETENCE", "MS.7.2.COMPETENCE"),
        path="stages.internal_assessment.competence_assessment",
        what="competence assessment",
        title="Competences and behaviours",
        remediation="assess the competences and behaviours of the people involved",
    ),
    _bespoke(
        "CR.S3.LEADERS",
        ("CBR.S3.LEADERS",),
        _internal.leaders,
        title="Collaborative leaders",
        remediation="name the people who will lead collaboration",
    ),
    _bespoke(
        "CR.S3.SELECTION_CRITERIA",
        ("CBR.S3.SELECTION_CRITERIA",),
        _internal.criteria,
        title="Partner selection criteria",
        remediation="set the selection strategy and weighted criteria, including "
        "collaborative capability and behaviour, before scoring candidates",
        essential=2,
        records=("stages.internal_assessment.selection_criteria",),
    ),
    # ------------------------------------------------------------------------- 4 Selection
    _bespoke(
        "CR.S4.NOMINATION",
        ("CBR.S4.NOMINATION",),
        _selection.nomination,
        title="Nomination of candidates",
        remediation="record the candidates considered and the shortlist",
    ),
    _bespoke(
        "CR.S4.EVALUATION",
        ("CBR.S4.EVALUATION",),
        _selection.evaluation,
        title="Evaluation of candidates",
        remediation="score every shortlisted candidate against the agreed criteria",
        essential=2,
    ),
    _bespoke(
        "CR.S4.DUE_DILIGENCE",
        ("CBR.S4.DUE_DILIGENCE",),
        _selection.due_diligence,
        title="Due diligence",
        remediation="verify the chosen partners' claims by due diligence and assess their "
        "behaviour, not only their written bids",
    ),
    _bespoke(
        "CR.S4.DECISION",
        ("CBR.S4.DECISION",),
        _selection.decision,
        title="Selection decision",
        remediation="base the decision on evaluations against the agreed criteria and record "
        "its rationale",
        essential=4,
        records=("stages.partner_selection.decision",),
    ),
    _bespoke(
        "CR.S4.JOINT_OBJECTIVES",
        ("CBR.S4.JOINT_OBJECTIVES",),
        _selection.joint_objectives,
        title="Joint objectives",
        remediation="agree objectives that belong to the relationship as a whole, not to one "
        "partner",
    ),
    RecordRule(
        id="CR.S4.NEGOTIATION",
        requirements=("CBR.S4.NEGOTIATION",),
        path="stages.partner_selection.negotiation_approach",
        what="negotiation approach",
        title="Negotiation approach",
        remediation="record a non-adversarial negotiation approach",
        severity=_MINOR,
    ),
    # ------------------------------------------------------------------------- 5 Working
    RecordRule(
        id="CR.S5.JOINT_RMP",
        requirements=("CBR.S5.JOINT_RMP",),
        path="stages.working_together.joint_rmp",
        what="joint RMP",
        approver=_SER,
        joint=True,
        essential=["signatories"],  # the signatures are what makes it joint
        title="Joint relationship management plan",
        remediation="have every partner sign the joint relationship management plan",
    ),
    _bespoke(
        "CR.S5.GOVERNANCE",
        ("CBR.S5.GOVERNANCE",),
        _working.governance,
        title="Joint governance",
        remediation="set up a joint management team with members from every partner and "
        "agreed terms of reference",
    ),
    _self_graded("CR.S5.SPONSORS", ("CBR.S5.SPONSORS",), _working.sponsors),
    _self_graded("CR.S5.RACI", ("CBR.S5.RACI",), _working.raci),
    _self_graded("CR.S5.ESCALATION", ("CBR.S5.ESCALATION",), _working.escalation),
    RecordRule(
        id="CR.S5.CONTRACT",
        requirements=("CBR.S5.CONTRACT",),
        path="stages.working_together.contract",
        what="contract",
        joint=True,
        title="Contracting arrangements",
        remediation="record the contract and have every partner sign it",
    ),
    _bespoke(
        "CR.S5.JOINT_RISK",
        ("CBR.S5.JOINT_RISK",),
        _working.joint_risk,
        title="Joint risk register",
        remediation="manage risks jointly and give each to the partner best placed to own it",
    ),
    RecordRule(
        id="CR.S5.KNOWLEDGE_SHARING",
        requirements=("CBR.S5.KNOWLEDGE_SHARING",),
        path="stages.working_together.knowledge_sharing",
        what="knowledge-sharing process",
        joint=True,
        title="Knowledge sharing",
        remediation="agree how the partners share knowledge",
        severity=_MINOR,
    ),
    RecordRule(
        id="CR.S5.COMMUNICATIONS",
        requirements=("CBR.S5.COMMUNICATIONS", "MS.7.4.COMMUNICATION"),
        path="stages.working_together.communications_plan",
        what="communications plan",
        joint=True,
        contents=[
            RecordContent(
                description="the plan lists audiences and messages", lists={"items": "line"}
            )
        ],
        essential=["items"],
        title="Communications plan",
        remediation="agree a joint communications plan: audiences, purpose, channel, "
        "frequency, owner",
    ),
    _bespoke(
        "CR.S5.PERFORMANCE",
        ("CBR.S5.PERFORMANCE",),
        _working.performance,
        title="Performance measurement",
        remediation="measure the joint objectives and expected benefits with KPIs",
    ),
    RecordRule(
        id="CR.S5.ISSUE_RESOLUTION",
        requirements=("CBR.S5.ISSUE_RESOLUTION",),
        path="stages.working_together.issue_resolution",
        what="issue resolution procedure",
        joint=True,
        title="Issue resolution procedure",
        remediation="agree a joint procedure for resolving issues early",
    ),
    # ------------------------------------------------------------------------- 6 Value
    RecordRule(
        id="CR.S6.PROCESS",
        requirements=("CBR.S6.PROCESS",),
        path="stages.value_creation.innovation_process",
        what="joint innovation process",
        joint=True,
        title="Improvement and innovation process",
        remediation="agree a joint process for improvement and innovation",
    ),
    _bespoke(
        "CR.S6.VALUE",
        ("CBR.S6.VALUE",),
        _value.value_defined,
        title="Value for every partner",
        remediation="agree what value each partner expects, with measurable benefits",
    ),
    _bespoke(
        "CR.S6.IDEAS",
        ("CBR.S6.IDEAS",),
        _value.ideas,
        title="Idea register",
        remediation="keep a joint register of ideas and record each evaluation and decision",
    ),
    _bespoke(
        "CR.S6.BENEFITS",
        ("CBR.S6.BENEFITS",),
        _value.benefits,
        title="Benefits realised",
        remediation="record the value realised for each benefit that has fallen due",
        essential=0,
    ),
    # ------------------------------------------------------------------------- 7 Staying
    _bespoke(
        "CR.S7.REVIEWS",
        ("CBR.S7.REVIEWS",),
        _staying.reviews,
        title="Joint reviews",
        remediation="hold joint reviews at the governance cadence and have every partner "
        "sign the record",
    ),
    _self_graded("CR.S7.MEASUREMENT", ("CBR.S7.MEASUREMENT",), _staying.measurement),
    _bespoke(
        "CR.S7.HEALTH",
        ("CBR.S7.HEALTH",),
        _staying.health,
        title="Relationship health",
        remediation="survey relationship health (trust, behaviours, communication) on every "
        "side at least yearly",
    ),
    _bespoke(
        "CR.S7.RISK_REVIEW",
        ("CBR.S7.RISK_REVIEW",),
        _staying.risk_review,
        severity=_MINOR,
        title="Risk review",
        remediation="review each open risk jointly by its review date and set the next one",
        essential=0,
    ),
    _bespoke(
        "CR.S7.ISSUES",
        ("CBR.S7.ISSUES",),
        _staying.issues,
        severity=_MINOR,
        title="Issues and disputes",
        remediation="escalate serious issues early through the agreed ladder and record "
        "each resolution",
        essential=0,
    ),
    _bespoke(
        "CR.S7.CORRECTIVE_ACTION",
        ("CBR.S7.CORRECTIVE_ACTION",),
        _staying.corrective,
        severity=_MINOR,
        title="Corrective action",
        remediation="give every corrective action an owner and a due date, and close it",
        essential=0,
    ),
    _bespoke(
        "CR.S7.MATURITY",
        ("CBR.S7.MATURITY",),
        _staying.maturity,
        severity=_MINOR,
        title="Maturity assessment",
        remediation="assess the relationship's maturity stage by stage at least yearly",
    ),
    # ------------------------------------------------------------------------- 8 Exit
    _bespoke(
        "CR.S8.EXIT_PLAN",
        ("CBR.S8.EXIT_PLAN",),
        _exit.exit_plan,
        title="Joint exit strategy",
        remediation="agree a joint exit strategy, signed by every partner, and review it",
        essential=1 + len(_exit.PLAN_ESSENTIALS),
        records=("relationship.exit_plan",),
    ),
    _bespoke(
        "CR.S8.TRIGGERS",
        ("CBR.S8.TRIGGERS",),
        _exit.triggers,
        title="Exit triggers",
        remediation="agree the signs that the relationship has run its course",
        essential=2,
    ),
    _bespoke(
        "CR.S8.TRANSITION",
        ("CBR.S8.TRANSITION",),
        _exit.transition,
        title="Continuity and transition",
        remediation="plan the transfer of people, assets, data and intellectual property, "
        "and how service continues",
        essential=3,
        records=("stages.exit_strategy.transition_plan",),
    ),
    _bespoke(
        "CR.S8.FUTURE",
        ("CBR.S8.FUTURE",),
        _exit.future,
        severity=_MINOR,
        title="Future relationship",
        remediation="say how the partners could work together again after exit",
    ),
    _bespoke(
        "CR.S8.LESSONS",
        ("CBR.S8.LESSONS",),
        _exit.lessons,
        severity=_MINOR,
        title="Lessons learnt",
        remediation="record the lessons learnt from the relationship",
    ),
    # ------------------------------------------------------------------------- management system
    _bespoke(
        "CR.MS.CONTEXT",
        ("MS.4.1.CONTEXT",),
        _system.context,
        severity=_MINOR,
        title="Context of collaboration",
        remediation="state the internal and external drivers for collaborating",
    ),
    _bespoke(
        "CR.MS.INTERESTED_PARTIES",
        ("MS.4.2.INTERESTED_PARTIES",),
        _system.interested_parties,
        severity=_MINOR,
        title="Interested parties",
        remediation="name each party's people and what each expects",
        essential=0,
    ),
    _bespoke(
        "CR.MS.SCOPE",
        ("MS.4.3.SCOPE",),
        _system.scope,
        severity=_MINOR,
        title="Scope",
        remediation="describe what the plan covers",
    ),
    _bespoke(
        "CR.MS.ROLES",
        ("MS.5.3.ROLES",),
        _system.roles,
        title="Roles and authorities",
        remediation="appoint the SER and record who is responsible for and may decide what",
    ),
    _bespoke(
        "CR.MS.RISKS",
        ("MS.6.1.RISKS",),
        _system.ms_risks,
        title="Risks and opportunities",
        remediation="plan a mitigation for every high risk",
    ),
    _bespoke(
        "CR.MS.OBJECTIVES",
        ("MS.6.2.OBJECTIVES",),
        _system.objectives,
        title="Collaborative objectives",
        remediation="make each objective measurable and give it an owner",
    ),
    _bespoke(
        "CR.MS.DOCUMENTED_INFORMATION",
        ("MS.7.5.DOCUMENTED_INFORMATION",),
        _system.documented,
        severity=_MINOR,
        title="Documented information",
        remediation="record who approved each document and when, and keep the "
        "plan's revision and review date",
        essential=0,
    ),
    _bespoke(
        "CR.MS.OPERATIONAL_PLANNING",
        ("MS.8.1.OPERATIONAL_PLANNING",),
        _system.operational,
        title="Operational planning and control",
        remediation="record lifecycle events as they happen; where a stage starts "
        "before what it waits on, record who decided so and why (an override)",
        essential=2,
    ),
    _bespoke(
        "CR.MS.MONITORING",
        ("MS.9.1.MONITORING",),
        _system.monitoring,
        title="Monitoring and measurement",
        remediation="measure performance, value realised and relationship health",
    ),
    _bespoke(
        "CR.MS.MANAGEMENT_REVIEW",
        ("MS.9.3.MANAGEMENT_REVIEW",),
        _system.management_review,
        title="Management review",
        remediation="hold a management review with the SER at least yearly",
    ),
    _bespoke(
        "CR.MS.NONCONFORMITY",
        ("MS.10.1.NONCONFORMITY",),
        _system.nonconformity,
        severity=_MINOR,
        title="Nonconformity and corrective action",
        remediation="answer each nonconformity with an owned, dated corrective action",
        essential=0,
    ),
    _bespoke(
        "CR.MS.IMPROVEMENT",
        ("MS.10.2.IMPROVEMENT",),
        _system.improvement,
        severity=Severity.OBSERVATION,
        title="Continual improvement",
        remediation="capture lessons, reassess maturity and implement ideas",
    ),
)
"""Every built-in rule, in catalogue order (stages 1 to 8, then the management system)."""

RECORD_RULES: Final[tuple[RecordRule, ...]] = tuple(r for r in RULES if isinstance(r, RecordRule))
"""The record-shaped built-in rules: the rows of the table above."""
