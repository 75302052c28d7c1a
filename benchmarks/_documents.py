"""Deterministic benchmark documents built with collabrel's model classes.

- `make_relationship(i)` builds relationship number `i` of the bulk-load benchmark: three or
  four partners with two people each, objectives, a value proposition, three risks, three
  KPIs with monthly measurements, governance bodies, a RACI matrix and (one in four) an exit
  plan. Ids and names vary with `i`; the same `i` always gives the same relationship.
- `make_alliance()` is a stand-in for the bundled `alliance` example, used only while
  `collabrel.examples.load("alliance")` is not available: a four-party alliance RMP with
  every stage section filled in.
"""

from __future__ import annotations

import datetime as dt
import random

from collabrel.model import (
    KPI,
    Action,
    ActionPlan,
    ActionStatus,
    Appointment,
    Approval,
    AwarenessSection,
    BodyKind,
    BusinessCase,
    Cadence,
    Candidate,
    CollaborativeProfile,
    CommunicationItem,
    CommunicationsPlan,
    Contact,
    Criterion,
    CriterionCategory,
    Decision,
    DecisionRight,
    Direction,
    DisengagementStep,
    DocumentMeta,
    Evaluation,
    Event,
    EventKind,
    ExitPlan,
    ExitStrategySection,
    ExitTrigger,
    ExpectedBenefit,
    Governance,
    GovernanceBody,
    IdeaStatus,
    InnovationIdea,
    InternalAssessmentSection,
    IssueEntry,
    IssueStatus,
    KeyDate,
    KnowledgeItem,
    KnowledgeMap,
    KnowledgeSection,
    Lesson,
    MaturityAssessment,
    Measurement,
    Objective,
    Override,
    Partner,
    PartnerRole,
    PartnerSelectionSection,
    Person,
    PersonRole,
    Policy,
    PrioritisedRelationship,
    RaciActivity,
    RaciAssignment,
    RACIMatrix,
    RealisedValue,
    Record,
    RecordStatus,
    Relationship,
    RelationshipKind,
    RelationshipManagementPlan,
    RelationshipPortfolio,
    Responsibility,
    Review,
    ReviewKind,
    Risk,
    RiskStatus,
    Scope,
    ScopeLevel,
    Score,
    SelectionCriteria,
    SelectionDecision,
    Sharing,
    Stage,
    StageLevel,
    StageSections,
    StayingTogetherSection,
    Transfer,
    TransferKind,
    ValueCreationSection,
    ValueProposition,
    ValueStatus,
    WorkingTogetherSection,
)

_FIRST = (
    "Alex",
    "Bea",
    "Chidi",
    "Dana",
    "Eilidh",
    "Farah",
    "Gareth",
    "Hana",
    "Imran",
    "Jo",
    "Kofi",
    "Lena",
    "Marek",
    "Niamh",
    "Owen",
    "Priya",
    "Quinn",
    "Rosa",
    "Sam",
    "Tariq",
)
_LAST = (
    "Adebayo",
    "Brennan",
    "Chowdhury",
    "Doyle",
    "Evans",
    "Fischer",
    "Gallagher",
    "Hughes",
    "Iqbal",
    "Jensen",
    "Kowalski",
    "Lindqvist",
    "Morgan",
    "Novak",
    "Okafor",
    "Patel",
)
_ORGS = (
    "Pennine",
    "Tyne",
    "Humber",
    "Mersey",
    "Wear",
    "Calder",
    "Aire",
    "Ribble",
    "Eden",
    "Tees",
    "Ouse",
    "Swale",
    "Lune",
    "Derwent",
    "Wharfe",
    "Nidd",
)
_TRADES = (
    "Rail Infrastructure",
    "Civil Engineering",
    "Signalling Systems",
    "Track Services",
    "Electrification",
    "Design Consultants",
    "Plant Hire",
    "Telecoms",
)
_SUBJECTS = (
    "track renewals",
    "signalling upgrades",
    "bridge strengthening",
    "drainage works",
    "station refurbishment",
    "level crossing closures",
    "overhead line renewals",
    "earthworks stabilisation",
)
_POSITIONS = (
    "Alliance Director",
    "Programme Manager",
    "Commercial Lead",
    "Engineering Manager",
    "Safety Lead",
    "Planning Manager",
    "Project Controls Lead",
    "Site Manager",
)
_RISKS = (
    ("Possession overruns", "Overruns of engineering possessions delay train services."),
    ("Key staff turnover", "Loss of experienced staff weakens delivery and relationships."),
    ("Supply chain delay", "Late delivery of rail, sleepers or signalling equipment."),
    ("Scope creep", "Unagreed additions to the works erode the joint budget."),
    ("Misaligned incentives", "Partners optimise their own margins over joint outcomes."),
    ("Data sharing breach", "Commercially sensitive data is shared beyond the alliance."),
)
_KPIS = (
    ("Schedule adherence", "%", 95.0, Direction.INCREASE),
    ("Cost performance index", "ratio", 1.0, Direction.INCREASE),
    ("Lost time injury frequency", "per 100k h", 0.2, Direction.DECREASE),
    ("Possession overrun minutes", "min", 30.0, Direction.DECREASE),
    ("Partner satisfaction", "score", 4.0, Direction.INCREASE),
)
_ACTIVITIES = (
    "Approve annual works plan",
    "Set joint budget",
    "Manage joint risk register",
    "Report performance to the board",
    "Resolve escalated issues",
    "Approve changes to scope",
)


def _person_name(rng: random.Random) -> str:
    return f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"


def _day(rng: random.Random, start: dt.date, span_days: int) -> dt.date:
    return start + dt.timedelta(days=rng.randrange(span_days))


def _partners(i: int, rng: random.Random, count: int) -> list[Partner]:
    roles = [PartnerRole.CLIENT, PartnerRole.LEAD_PARTNER] + [PartnerRole.PARTNER] * (count - 2)
    out = []
    for n, role in enumerate(roles):
        org = f"{rng.choice(_ORGS)} {rng.choice(_TRADES)}"
        pid = f"p{n + 1}-{i}"
        out.append(
            Partner(
                id=pid,
                name=f"{org} Ltd",
                role=role,
                description=f"{role.value.replace('_', ' ').capitalize()} of alliance {i}.",
                contacts=[
                    Contact(
                        name=f"{org} alliance office",
                        email=f"alliance@{pid}.example.org",
                        phone=f"+44 113 496 {rng.randrange(10_000):04d}",
                    )
                ],
            )
        )
    return out


def _people(partners: list[Partner], rng: random.Random, per_partner: int) -> list[Person]:
    people = []
    for p in partners:
        for n in range(per_partner):
            name = _person_name(rng)
            roles = []
            if n == 0:
                roles.append(
                    PersonRole.SER if p.role is PartnerRole.CLIENT else PersonRole.JMT_MEMBER
                )
            if n == 1:
                roles.append(PersonRole.EXECUTIVE_SPONSOR)
                if per_partner < 3:
                    roles.append(PersonRole.RISK_OWNER)
            if n == 2:
                roles.extend([PersonRole.RISK_OWNER, PersonRole.COLLABORATIVE_LEADER])
            ident = f"{p.id}.{name.split()[0].lower()}{n}"
            people.append(
                Person(
                    id=ident,
                    name=name,
                    partner_id=p.id,
                    position=_POSITIONS[(n + len(people)) % len(_POSITIONS)],
                    roles=roles,
                    email=f"{ident}@example.org",
                )
            )
    return people


def _kpis(
    people: list[Person], rng: random.Random, start: dt.date, count: int, months: int
) -> list[KPI]:
    kpis = []
    for n, (name, unit, target, direction) in enumerate(_KPIS[:count]):
        base = target * (0.8 if direction is Direction.INCREASE else 1.4)
        measurements = []
        for m in range(months):
            on = dt.date(
                start.year + (start.month + m - 1) // 12, (start.month + m - 1) % 12 + 1, 28
            )
            measurements.append(
                Measurement(on=on, value=round(base * (1 + rng.uniform(-0.1, 0.25)), 3))
            )
        kpis.append(
            KPI(
                id=f"kpi{n + 1}",
                name=name,
                unit=unit,
                target=target,
                direction=direction,
                description=f"{name}, measured monthly across all worksites.",
                baseline=round(base, 3),
                tolerance=round(target * 0.05, 3),
                target_date=start + dt.timedelta(days=730),
                owner=rng.choice(people).id,
                frequency=Cadence.MONTHLY,
                measurements=measurements,
            )
        )
    return kpis


def _governance(
    partners: list[Partner], people: list[Person], rng: random.Random, n_activities: int
) -> Governance:
    seniors = [p for p in people if PersonRole.EXECUTIVE_SPONSOR in p.roles]
    managers = [p for p in people if PersonRole.JMT_MEMBER in p.roles or PersonRole.SER in p.roles]
    bodies = [
        GovernanceBody(
            id="jeb",
            name="Joint executive board",
            kind=BodyKind.JOINT_EXECUTIVE_BOARD,
            members=[p.id for p in seniors],
            chair=seniors[0].id,
            cadence=Cadence.QUARTERLY,
        ),
        GovernanceBody(
            id="jmt",
            name="Joint management team",
            kind=BodyKind.JOINT_MANAGEMENT_TEAM,
            members=[p.id for p in managers],
            chair=managers[0].id,
            escalates_to="jeb",
            cadence=Cadence.MONTHLY,
        ),
        GovernanceBody(
            id="risk-wg",
            name="Risk working group",
            kind=BodyKind.WORKING_GROUP,
            members=[p.id for p in people if PersonRole.RISK_OWNER in p.roles],
            escalates_to="jmt",
            cadence=Cadence.FORTNIGHTLY,
        ),
    ]
    activities = []
    for n, name in enumerate(_ACTIVITIES[:n_activities]):
        parties = ["jeb", "jmt", partners[n % len(partners)].id]
        codes = ["A", "R", "C"] if n % 2 == 0 else ["I", "AR", "C"]
        activities.append(
            RaciActivity(
                id=f"act{n + 1}",
                name=name,
                assignments=[
                    RaciAssignment(party=party, codes=code)
                    for party, code in zip(parties, codes, strict=True)
                ],
            )
        )
    return Governance(
        bodies=bodies,
        raci=RACIMatrix(activities=activities),
        decision_rights=[
            DecisionRight(
                decision="Approve change up to the delegated limit",
                holder="jmt",
                limit="GBP 250,000",
            ),
            DecisionRight(decision="Approve the annual joint budget", holder="jeb"),
            DecisionRight(decision="Stop work on safety grounds", holder=rng.choice(people).id),
        ],
    )


def _exit_plan(i: int, partners: list[Partner], people: list[Person]) -> ExitPlan:
    client, lead = partners[0], partners[1]
    return ExitPlan(
        id=f"exit-{i}",
        title="Joint exit strategy",
        status=RecordStatus.APPROVED,
        approved_by=people[0].id,
        approved_on=dt.date(2025, 3, 14),
        review_every_months=12,
        signatories=[p.id for p in partners],
        evidence=[f"https://docs.example.org/alliance-{i}/exit-strategy-v2.pdf"],
        triggers=[
            ExitTrigger(
                id="t-complete",
                description="Programme of works complete",
                indicator="Final completion certificate issued",
            ),
            ExitTrigger(
                id="t-perf",
                description="Sustained under-performance",
                indicator="Schedule adherence below 80% for two quarters",
            ),
        ],
        steps=[
            DisengagementStep(
                description="Agree a demobilisation plan",
                owner=lead.id,
                timing="3 months before exit",
            ),
            DisengagementStep(
                description="Hand over asset records", owner=client.id, timing="At exit"
            ),
        ],
        continuity=["Maintain possessions already booked", "Keep safety-critical staff on site"],
        transfers=[
            Transfer(
                kind=TransferKind.DATA,
                description="Asset condition data",
                from_partner=lead.id,
                to_partner=client.id,
            ),
            Transfer(
                kind=TransferKind.KNOWLEDGE,
                description="Lessons learnt register",
                from_partner=lead.id,
                to_partner=client.id,
            ),
        ],
        responsibilities=[
            Responsibility(party="jmt", duty="Oversee the disengagement plan"),
            Responsibility(party=client.id, duty="Re-let outstanding works"),
        ],
        future_relationship="Partners remain on the client's framework for future renewals.",
    )


def make_relationship(i: int, *, full: bool = False) -> Relationship:
    """Relationship number `i` of the bulk-load benchmark (deterministic in `i`).

    The bulk relationships are mid-sized (three or four partners, two people each, three
    risks, three KPIs with a quarter of monthly measurements, a three-row RACI); `full=True`
    gives the larger one the stand-in alliance uses.
    """
    rng = random.Random(i)
    start = dt.date(2024, 1, 1) + dt.timedelta(days=(i * 7) % 365)
    partners = _partners(i, rng, 4 if full else 3 + i % 2)
    people = _people(partners, rng, 4 if full else 2)
    kpis = _kpis(people, rng, start, 5 if full else 3, 18 if full else 3)
    subject = _SUBJECTS[i % len(_SUBJECTS)]
    risks = [
        Risk(
            id=f"risk{n + 1}",
            title=title,
            owner=rng.choice(people).id,
            likelihood=rng.randint(1, 5),
            impact=rng.randint(1, 5),
            description=text,
            category="delivery" if n % 2 == 0 else "relationship",
            mitigation="Reviewed at the joint management team; actions tracked to closure.",
            status=(RiskStatus.OPEN, RiskStatus.MITIGATING)[n % 2],
            joint=n % 3 != 0,
            raised_on=_day(rng, start, 90),
            review_on=_day(rng, start + dt.timedelta(days=120), 60),
        )
        for n, (title, text) in enumerate(_RISKS if full else _RISKS[:3])
    ]
    objectives = [
        Objective(
            id="obj-ours",
            statement=f"Deliver the {subject} programme safely, on time "
            "and within the joint budget.",
            owner=people[0].id,
            target_date=start + dt.timedelta(days=730),
            kpi_ids=["kpi1", "kpi2"],
        ),
        Objective(
            id="obj-client",
            statement="Reduce disruption to passengers from engineering works.",
            partner_id=partners[0].id,
            owner=people[0].id,
            kpi_ids=["kpi3"],
        ),
        Objective(
            id="obj-lead",
            statement="Grow a sustainable, repeatable renewals business.",
            partner_id=partners[1].id,
            owner=people[3].id,
            kpi_ids=[kpis[-1].id],
        ),
    ]
    value = [
        ValueProposition(
            id="vp1",
            statement=f"Joint planning of {subject} cuts whole-life cost.",
            beneficiaries=[p.id for p in partners[:2]],
            benefits=[
                ExpectedBenefit(
                    id="b1",
                    description="Lower whole-life cost",
                    measure="saving",
                    unit="GBP",
                    target=2_000_000.0,
                    baseline=0.0,
                    due_on=start + dt.timedelta(days=730),
                    kpi_id="kpi2",
                ),
                ExpectedBenefit(
                    id="b2",
                    description="Fewer possession overruns",
                    measure="overrun minutes avoided",
                    unit="min",
                    target=1200.0,
                ),
            ][: 2 if full else 1],
            status=ValueStatus.IN_DELIVERY,
            owner=people[0].id,
            realised=[
                RealisedValue(
                    benefit_id="b1",
                    amount=float(rng.randrange(50_000, 400_000)),
                    on=start + dt.timedelta(days=180),
                    partner_id=partners[0].id,
                    evidence="Quarterly cost report Q2",
                ),
                RealisedValue(
                    benefit_id="b2",
                    amount=float(rng.randrange(50, 400)),
                    on=start + dt.timedelta(days=270),
                ),
            ][: 2 if full else 1],
        ),
    ]
    return Relationship(
        id=f"rel-{i:05d}",
        name=f"{rng.choice(_ORGS)} {subject.title()} Alliance {i}",
        kind=(RelationshipKind.ALLIANCE, RelationshipKind.CONSORTIUM)[i % 2],
        partners=partners,
        description=f"A {len(partners)}-party alliance delivering {subject} under one "
        "relationship management plan.",
        people=people,
        objectives=objectives,
        value_propositions=value,
        risks=risks,
        kpis=kpis,
        governance=_governance(partners, people, rng, 6 if full else 3),
        exit_plan=_exit_plan(i, partners, people) if full or i % 4 == 0 else None,
        key_dates=[
            KeyDate(name="Alliance agreement signed", on=start),
            KeyDate(name="First works on site", on=start + dt.timedelta(days=90)),
        ],
    )


def _record(
    ident: str, title: str, people: list[Person], partners: list[Partner], **kw: object
) -> dict:
    base: dict[str, object] = {
        "id": ident,
        "title": title,
        "status": RecordStatus.APPROVED,
        "approved_by": people[0].id,
        "approved_on": dt.date(2024, 2, 1),
        "review_every_months": 12,
        "last_reviewed_on": dt.date(2025, 2, 3),
        "signatories": [p.id for p in partners],
        "evidence": [f"https://docs.example.org/alliance/{ident}.pdf"],
        "notes": f"{title}; held in the alliance document register.",
    }
    base.update(kw)
    return base


def make_alliance() -> RelationshipManagementPlan:
    """A stand-in for the bundled alliance RMP: every stage section filled in."""
    rng = random.Random(44001)
    rel = make_relationship(1, full=True)
    partners, people = list(rel.partners), list(rel.people)
    client, lead = partners[0], partners[1]
    ser = people[0]
    ids = [p.id for p in people]

    def rec(cls: type, ident: str, title: str, **kw: object) -> object:
        return cls(**_record(ident, title, people, partners, **kw))

    def actions(prefix: str, count: int) -> list[Action]:
        return [
            Action(
                id=f"{prefix}{n + 1}",
                description=f"Close gap {n + 1}: {text.lower()}",
                owner=rng.choice(ids),
                due_on=dt.date(2025, 1 + n % 12, 15),
                status=(ActionStatus.DONE, ActionStatus.IN_PROGRESS, ActionStatus.OPEN)[n % 3],
                completed_on=dt.date(2025, 1 + n % 12, 10) if n % 3 == 0 else None,
            )
            for n, (text, _) in enumerate((_RISKS * 2)[:count])
        ]

    criteria = [
        Criterion(
            id=f"c{n + 1}",
            name=name,
            category=cat,
            weight=w,
            gate=n == 0,
            gate_threshold=3.0 if n == 0 else None,
            evidence_required="Evidence from references and site visits",
        )
        for n, (name, cat, w) in enumerate(
            [
                ("Collaborative maturity", CriterionCategory.COLLABORATIVE_MATURITY, 0.25),
                ("Technical capability", CriterionCategory.CAPABILITY, 0.25),
                ("Strategic fit", CriterionCategory.STRATEGIC_FIT, 0.2),
                ("Behaviours", CriterionCategory.CULTURE_AND_BEHAVIOUR, 0.15),
                ("Price", CriterionCategory.PRICE, 0.15),
            ]
        )
    ]
    candidates = [
        Candidate(
            id=f"cand{n + 1}",
            name=p.name,
            partner_id=p.id,
            shortlisted=True,
            nominated_on=dt.date(2023, 9, 1 + n),
        )
        for n, p in enumerate(partners[1:])
    ] + [Candidate(id="cand-x", name="Swale Civils Ltd", nominated_on=dt.date(2023, 9, 9))]
    evaluations = [
        rec(
            Evaluation,
            f"eval-{c.id}",
            f"Evaluation of {c.name}",
            candidate_id=c.id,
            due_diligence_done=True,
            behavioural_assessment_done=c.shortlisted,
            scores=[
                Score(
                    criterion_id=k.id,
                    value=float(rng.randint(2, 5)),
                    scored_by=rng.choice(ids),
                    scored_on=dt.date(2023, 10, 2),
                    evidence="Interview notes",
                    rationale="Consistent with references",
                )
                for k in criteria
            ],
        )
        for c in candidates
    ]
    stages = StageSections(
        awareness=AwarenessSection(
            policy=rec(
                Policy,
                "policy",
                "Collaborative working policy",
                principles=[
                    "Joint decisions where we share risk",
                    "No blame, open book",
                    "Best for programme",
                ],
                business_objectives=[
                    "Deliver the control period renewals programme",
                    "Reduce whole-life cost by 10%",
                ],
            ),
            ser_appointment=rec(
                Appointment,
                "ser-appt",
                "Appointment of the SER",
                person_id=ser.id,
                role="Senior executive responsible",
                effective_on=dt.date(2023, 6, 1),
            ),
            value_analysis=rec(Record, "value-analysis", "Value of collaborative working"),
            relationship_portfolio=rec(
                RelationshipPortfolio,
                "portfolio",
                "Relationship portfolio",
                criteria=["Spend", "Strategic importance", "Risk"],
                entries=[
                    PrioritisedRelationship(
                        name=f"{o} renewals",
                        priority=n + 1,
                        collaborative=n < 3,
                        rationale="High spend, long duration",
                    )
                    for n, o in enumerate(_ORGS[:6])
                ],
            ),
            initial_risk_assessment=rec(Record, "initial-risk", "Initial risk assessment"),
        ),
        knowledge=KnowledgeSection(
            business_case=rec(
                BusinessCase,
                "business-case",
                "Business case for the alliance",
                objectives=["Deliver renewals safely", "Cut cost by 10%"],
                drivers=["Constrained funding", "Passenger disruption"],
                operating_model="Integrated alliance with a single joint team",
                benefits=["Lower cost", "Fewer overruns", "Shared learning"],
                candidate_partners=[p.name for p in partners[1:]],
                decision=Decision.GO,
                decided_on=dt.date(2023, 8, 1),
                decided_by=ser.id,
            ),
            knowledge_map=rec(
                KnowledgeMap,
                "knowledge-map",
                "Knowledge and IP map",
                items=[
                    KnowledgeItem(
                        name="Asset condition data",
                        sharing=Sharing.CAN_SHARE,
                        owner_partner_id=client.id,
                    ),
                    KnowledgeItem(
                        name="Proprietary tamping method",
                        sharing=Sharing.SHARE_UNDER_CONDITIONS,
                        owner_partner_id=lead.id,
                        intellectual_property=True,
                        conditions="Licence for the alliance",
                    ),
                    KnowledgeItem(
                        name="Supplier rates",
                        sharing=Sharing.MUST_NOT_SHARE,
                        owner_partner_id=lead.id,
                    ),
                ],
            ),
            skills_assessment=rec(Record, "skills", "Skills assessment"),
            risk_management=rec(Record, "risk-approach", "Risk management approach"),
            exit_outline=rec(Record, "exit-outline", "Outline exit strategy"),
        ),
        internal_assessment=InternalAssessmentSection(
            collaborative_profile=rec(
                CollaborativeProfile,
                "profile",
                "Collaborative profile",
                strengths=["Open-book culture", "Strong safety record"],
                weaknesses=["Siloed planning"],
                blockers=["Framework contract terms"],
                maturity_level=3,
            ),
            gap_plan=rec(ActionPlan, "gap-plan", "Capability gap plan", actions=actions("gap", 6)),
            competence_assessment=rec(Record, "competence", "Competence assessment"),
            collaborative_leaders=[
                p.id for p in people if PersonRole.COLLABORATIVE_LEADER in p.roles
            ],
            selection_criteria=rec(
                SelectionCriteria,
                "selection-criteria",
                "Partner selection criteria",
                strategy="Two-stage selection with behavioural assessment",
                criteria=criteria,
            ),
        ),
        partner_selection=PartnerSelectionSection(
            candidates=candidates,
            evaluations=evaluations,
            decision=rec(
                SelectionDecision,
                "selection",
                "Partner selection decision",
                selected=[c.id for c in candidates if c.shortlisted],
                rationale="Highest weighted scores; passed the maturity gate",
                decided_on=dt.date(2023, 11, 1),
                decided_by=ser.id,
            ),
            joint_objectives_draft=rec(Record, "joint-objectives", "Draft joint objectives"),
            negotiation_approach=rec(Record, "negotiation", "Negotiation approach"),
        ),
        working_together=WorkingTogetherSection(
            joint_rmp=rec(Record, "joint-rmp", "Joint relationship management plan"),
            governance_terms=rec(Record, "governance-terms", "Governance terms of reference"),
            contract=rec(Record, "contract", "Alliance agreement"),
            communications_plan=rec(
                CommunicationsPlan,
                "comms",
                "Communications plan",
                items=[
                    CommunicationItem(
                        audience="All alliance staff",
                        purpose="Programme news",
                        channel="Newsletter",
                        frequency="Monthly",
                        owner="jmt",
                    ),
                    CommunicationItem(
                        audience="Lineside neighbours",
                        purpose="Works notices",
                        channel="Letter drop",
                        frequency="Before each possession",
                        owner=ser.id,
                    ),
                    CommunicationItem(
                        audience="Executive board",
                        purpose="Performance report",
                        channel="Board pack",
                        frequency="Quarterly",
                        owner="jmt",
                    ),
                ],
            ),
            issue_resolution=rec(Record, "issue-resolution", "Issue resolution procedure"),
            knowledge_sharing=rec(Record, "knowledge-sharing", "Knowledge sharing protocol"),
            performance_framework=rec(Record, "performance", "Performance framework"),
        ),
        value_creation=ValueCreationSection(
            innovation_process=rec(Record, "innovation", "Joint innovation process"),
            ideas=[
                InnovationIdea(
                    id=f"idea{n + 1}",
                    title=title,
                    status=status,
                    proposed_by=partners[n % len(partners)].id,
                    proposed_on=dt.date(2024, 3 + n, 1),
                    expected_benefit="Shorter possessions",
                    realised_benefit=12500.0 if status is IdeaStatus.IMPLEMENTED else None,
                    decided_on=dt.date(2024, 4 + n, 1),
                    decision_note="JMT decision",
                )
                for n, (title, status) in enumerate(
                    [
                        ("Modular switch and crossing panels", IdeaStatus.IMPLEMENTED),
                        ("Drone surveys of earthworks", IdeaStatus.APPROVED),
                        ("Shared plant pool", IdeaStatus.EVALUATING),
                        ("Night-time ballast delivery", IdeaStatus.REJECTED),
                    ]
                )
            ],
        ),
        staying_together=StayingTogetherSection(
            reviews=[
                rec(
                    Review,
                    f"review-{q}",
                    f"Quarterly performance review {q}",
                    held_on=dt.date(2024, 3 * q, 20),
                    kind=ReviewKind.PERFORMANCE,
                    attendees=ids[:6],
                    outcomes=["KPIs on track", "Two risks escalated"],
                    actions=actions(f"rev{q}-", 2),
                )
                for q in range(1, 5)
            ],
            issue_log=[
                IssueEntry(
                    id=f"issue{n + 1}",
                    description=f"Disagreement over {what}",
                    raised_on=dt.date(2024, 2 + n, 11),
                    raised_by=partners[n % 3].id,
                    severity=1 + n % 4,
                    status=(IssueStatus.RESOLVED, IssueStatus.ESCALATED, IssueStatus.OPEN)[n % 3],
                    escalated_to="jeb" if n % 3 == 1 else None,
                    resolved_on=dt.date(2024, 3 + n, 2) if n % 3 == 0 else None,
                    resolution="Agreed at JMT" if n % 3 == 0 else None,
                )
                for n, what in enumerate(
                    ["possession access", "change valuation", "plant costs", "design liability"]
                )
            ],
            corrective_actions=actions("ca", 4),
            maturity_assessments=[
                MaturityAssessment(
                    assessed_on=dt.date(2024 + y, 6, 30),
                    assessed_by=ser.id,
                    levels=[
                        StageLevel(stage=s, level=min(5, 2 + y + n % 2))
                        for n, s in enumerate(Stage)
                    ],
                )
                for y in range(2)
            ],
        ),
        exit_strategy=ExitStrategySection(
            transition_plan=rec(Record, "transition", "Transition plan"),
            lessons_learnt=[
                Lesson(
                    on=dt.date(2024, 9, 1),
                    text="Book possessions jointly a year ahead",
                    stage=Stage.WORKING_TOGETHER,
                ),
                Lesson(on=dt.date(2024, 12, 1), text="Share asset data early"),
            ],
            future_opportunities=rec(Record, "future", "Future opportunities"),
        ),
    )
    history = [
        Event(
            kind=kind,
            at=dt.datetime(2023, 6 + n // 3, 1 + n, 9, 30, tzinfo=dt.UTC),
            actor=ser.id,
            stage=stage,
            note=f"{kind.value} {stage.value}",
        )
        for n, (kind, stage) in enumerate(
            [(k, s) for s in list(Stage)[:6] for k in (EventKind.START, EventKind.COMPLETE)]
        )
    ] + [
        Event(
            kind=EventKind.START,
            stage=Stage.STAYING_TOGETHER,
            actor=ser.id,
            at=dt.datetime(2024, 2, 1, 8, 0, tzinfo=dt.UTC),
            override=Override(by=ser.id, reason="Value creation runs in parallel"),
        )
    ]
    return RelationshipManagementPlan(
        meta=DocumentMeta(
            title="Northern Rail Renewals Alliance RMP",
            issued_on=dt.date(2025, 1, 6),
            author="Alliance management office",
            revision=4,
            status=RecordStatus.APPROVED,
            owner=ser.id,
            next_review_on=dt.date(2026, 1, 6),
            approvals=[
                Approval(
                    person_id=p.id,
                    role="Executive sponsor",
                    on=dt.date(2025, 1, 6),
                    partner_id=p.partner_id,
                )
                for p in people
                if PersonRole.EXECUTIVE_SPONSOR in p.roles
            ],
        ),
        relationship=rel,
        scope=Scope(level=ScopeLevel.RELATIONSHIP, description="The renewals alliance."),
        stages=stages,
        history=history,
    )
