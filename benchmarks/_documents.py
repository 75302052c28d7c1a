"""Deterministic benchmark documents built with collabrel's model classes.

- `make_relationship(i)` builds relationship number `i` of the bulk-load benchmark: three or
  four partners with two people each, objectives, a value proposition, three risks, three
  KPIs with monthly measurements, governance bodies, a RACI matrix and (one in four) an exit
  plan. Ids and names vary with `i`; the same `i` always gives the same relationship.
"""

from __future__ import annotations

import datetime as dt
import random

from collabrel import model as m

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
)
_KPIS = (
    ("Schedule adherence", "%", 95.0, m.Direction.INCREASE),
    ("Cost performance index", "ratio", 1.0, m.Direction.INCREASE),
    ("Lost time injury frequency", "per 100k h", 0.2, m.Direction.DECREASE),
)
_ACTIVITIES = (
    "Approve annual works plan",
    "Set joint budget",
    "Manage joint risk register",
)


def _person_name(rng: random.Random) -> str:
    return f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"


def _day(rng: random.Random, start: dt.date, span_days: int) -> dt.date:
    return start + dt.timedelta(days=rng.randrange(span_days))


def _partners(i: int, rng: random.Random, count: int) -> list[m.Partner]:
    roles = [m.PartnerRole.CLIENT, m.PartnerRole.LEAD_PARTNER] + [m.PartnerRole.PARTNER] * (
        count - 2
    )
    out = []
    for n, role in enumerate(roles):
        org = f"{rng.choice(_ORGS)} {rng.choice(_TRADES)}"
        pid = f"p{n + 1}-{i}"
        out.append(
            m.Partner(
                id=pid,
                name=f"{org} Ltd",
                role=role,
                description=f"{role.value.replace('_', ' ').capitalize()} of alliance {i}.",
                contacts=[
                    m.Contact(
                        name=f"{org} alliance office",
                        email=f"alliance@{pid}.example.org",
                        phone=f"+44 113 496 {rng.randrange(10_000):04d}",
                    )
                ],
            )
        )
    return out


def _people(partners: list[m.Partner], rng: random.Random, per_partner: int) -> list[m.Person]:
    people = []
    for p in partners:
        for n in range(per_partner):
            name = _person_name(rng)
            roles = []
            if n == 0:
                roles.append(
                    m.PersonRole.SER if p.role is m.PartnerRole.CLIENT else m.PersonRole.JMT_MEMBER
                )
            if n == 1:
                roles.append(m.PersonRole.EXECUTIVE_SPONSOR)
                if per_partner < 3:
                    roles.append(m.PersonRole.RISK_OWNER)
            if n == 2:
                roles.extend([m.PersonRole.RISK_OWNER, m.PersonRole.COLLABORATIVE_LEADER])
            ident = f"{p.id}.{name.split()[0].lower()}{n}"
            people.append(
                m.Person(
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
    people: list[m.Person], rng: random.Random, start: dt.date, count: int, months: int
) -> list[m.KPI]:
    kpis = []
    for n, (name, unit, target, direction) in enumerate(_KPIS[:count]):
        base = target * (0.8 if direction is m.Direction.INCREASE else 1.4)
        measurements = []
        for k in range(months):
            on = dt.date(
                start.year + (start.month + k - 1) // 12, (start.month + k - 1) % 12 + 1, 28
            )
            measurements.append(
                m.Measurement(on=on, value=round(base * (1 + rng.uniform(-0.1, 0.25)), 3))
            )
        kpis.append(
            m.KPI(
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
                frequency=m.Cadence.MONTHLY,
                measurements=measurements,
            )
        )
    return kpis


def _governance(
    partners: list[m.Partner], people: list[m.Person], rng: random.Random, n_activities: int
) -> m.Governance:
    seniors = [p for p in people if m.PersonRole.EXECUTIVE_SPONSOR in p.roles]
    managers = [
        p for p in people if m.PersonRole.JMT_MEMBER in p.roles or m.PersonRole.SER in p.roles
    ]
    risk = [p for p in people if m.PersonRole.RISK_OWNER in p.roles]
    k, c = m.BodyKind, m.Cadence
    # fmt: off
    bodies = [
        m.GovernanceBody(id=body, name=name, kind=kind, members=[p.id for p in members],
                         chair=chair, escalates_to=up, cadence=cadence)
        for body, name, kind, members, chair, up, cadence in (
            ("jeb", "Joint executive board", k.JOINT_EXECUTIVE_BOARD, seniors, seniors[0].id,
             None, c.QUARTERLY),
            ("jmt", "Joint management team", k.JOINT_MANAGEMENT_TEAM, managers, managers[0].id,
             "jeb", c.MONTHLY),
            ("risk-wg", "Risk working group", k.WORKING_GROUP, risk, None, "jmt", c.FORTNIGHTLY),
        )
    ]
    # fmt: on
    activities = []
    for n, name in enumerate(_ACTIVITIES[:n_activities]):
        parties = ["jeb", "jmt", partners[n % len(partners)].id]
        codes = ["A", "R", "C"] if n % 2 == 0 else ["I", "AR", "C"]
        activities.append(
            m.RaciActivity(
                id=f"act{n + 1}",
                name=name,
                assignments=[
                    m.RaciAssignment(party=party, codes=code)
                    for party, code in zip(parties, codes, strict=True)
                ],
            )
        )
    return m.Governance(
        bodies=bodies,
        raci=m.RACIMatrix(activities=activities),
        decision_rights=[
            m.DecisionRight(
                decision="Approve change up to the delegated limit",
                holder="jmt",
                limit="GBP 250,000",
            ),
            m.DecisionRight(decision="Approve the annual joint budget", holder="jeb"),
            m.DecisionRight(decision="Stop work on safety grounds", holder=rng.choice(people).id),
        ],
    )


def _exit_plan(i: int, partners: list[m.Partner], people: list[m.Person]) -> m.ExitPlan:
    client, lead = partners[0], partners[1]
    return m.ExitPlan(
        id=f"exit-{i}",
        title="Joint exit strategy",
        status=m.RecordStatus.APPROVED,
        approved_by=people[0].id,
        approved_on=dt.date(2025, 3, 14),
        review_every_months=12,
        signatories=[p.id for p in partners],
        evidence=[f"https://docs.example.org/alliance-{i}/exit-strategy-v2.pdf"],
        triggers=[
            m.ExitTrigger(
                id="t-complete",
                description="Programme of works complete",
                indicator="Final completion certificate issued",
            ),
            m.ExitTrigger(
                id="t-perf",
                description="Sustained under-performance",
                indicator="Schedule adherence below 80% for two quarters",
            ),
        ],
        steps=[
            m.DisengagementStep(
                description="Agree a demobilisation plan",
                owner=lead.id,
                timing="3 months before exit",
            ),
            m.DisengagementStep(
                description="Hand over asset records", owner=client.id, timing="At exit"
            ),
        ],
        continuity=["Maintain possessions already booked", "Keep safety-critical staff on site"],
        transfers=[
            m.Transfer(
                kind=m.TransferKind.DATA,
                description="Asset condition data",
                from_partner=lead.id,
                to_partner=client.id,
            ),
            m.Transfer(
                kind=m.TransferKind.KNOWLEDGE,
                description="Lessons learnt register",
                from_partner=lead.id,
                to_partner=client.id,
            ),
        ],
        responsibilities=[
            m.Responsibility(party="jmt", duty="Oversee the disengagement plan"),
            m.Responsibility(party=client.id, duty="Re-let outstanding works"),
        ],
        future_relationship="Partners remain on the client's framework for future renewals.",
    )


def make_relationship(i: int) -> m.Relationship:
    """Relationship number `i` of the bulk-load benchmark (deterministic in `i`).

    The bulk relationships are mid-sized (three or four partners, two people each, three
    risks, three KPIs with a quarter of monthly measurements, a three-row RACI). Built from
    the model's public classes; the bundled examples stay the reference plans.
    """
    rng = random.Random(i)
    start = dt.date(2024, 1, 1) + dt.timedelta(days=(i * 7) % 365)
    partners = _partners(i, rng, 3 + i % 2)
    people = _people(partners, rng, 2)
    kpis = _kpis(people, rng, start, 3, 3)
    subject = _SUBJECTS[i % len(_SUBJECTS)]
    risks = [
        m.Risk(
            id=f"risk{n + 1}",
            title=title,
            owner=rng.choice(people).id,
            likelihood=rng.randint(1, 5),
            impact=rng.randint(1, 5),
            description=text,
            category="delivery" if n % 2 == 0 else "relationship",
            mitigation="Reviewed at the joint management team; actions tracked to closure.",
            status=(m.RiskStatus.OPEN, m.RiskStatus.MITIGATING)[n % 2],
            joint=n % 3 != 0,
            raised_on=_day(rng, start, 90),
            review_on=_day(rng, start + dt.timedelta(days=120), 60),
        )
        for n, (title, text) in enumerate(_RISKS)
    ]
    objectives = [
        m.Objective(
            id="obj-ours",
            statement=f"Deliver the {subject} programme safely, on time "
            "and within the joint budget.",
            owner=people[0].id,
            target_date=start + dt.timedelta(days=730),
            kpi_ids=["kpi1", "kpi2"],
        ),
        m.Objective(
            id="obj-client",
            statement="Reduce disruption to passengers from engineering works.",
            partner_id=partners[0].id,
            owner=people[0].id,
            kpi_ids=["kpi3"],
        ),
        m.Objective(
            id="obj-lead",
            statement="Grow a sustainable, repeatable renewals business.",
            partner_id=partners[1].id,
            owner=people[3].id,
            kpi_ids=[kpis[-1].id],
        ),
    ]
    realised = float(rng.randrange(50_000, 400_000))
    rng.randrange(50, 400)  # drawn for a second benefit once, kept so later draws stay the same
    value = [
        m.ValueProposition(
            id="vp1",
            statement=f"Joint planning of {subject} cuts whole-life cost.",
            beneficiaries=[p.id for p in partners[:2]],
            benefits=[
                m.ExpectedBenefit(
                    id="b1",
                    description="Lower whole-life cost",
                    measure="saving",
                    unit="GBP",
                    target=2_000_000.0,
                    baseline=0.0,
                    due_on=start + dt.timedelta(days=730),
                    kpi_id="kpi2",
                ),
            ],
            status=m.ValueStatus.IN_DELIVERY,
            owner=people[0].id,
            realised=[
                m.RealisedValue(
                    benefit_id="b1",
                    amount=realised,
                    on=start + dt.timedelta(days=180),
                    partner_id=partners[0].id,
                    evidence="Quarterly cost report Q2",
                ),
            ],
        ),
    ]
    return m.Relationship(
        id=f"rel-{i:05d}",
        name=f"{rng.choice(_ORGS)} {subject.title()} Alliance {i}",
        kind=(m.RelationshipKind.ALLIANCE, m.RelationshipKind.CONSORTIUM)[i % 2],
        partners=partners,
        description=f"A {len(partners)}-party alliance delivering {subject} under one "
        "relationship management plan.",
        people=people,
        objectives=objectives,
        value_propositions=value,
        risks=risks,
        kpis=kpis,
        governance=_governance(partners, people, rng, 3),
        exit_plan=_exit_plan(i, partners, people) if i % 4 == 0 else None,
        key_dates=[
            m.KeyDate(name="Alliance agreement signed", on=start),
            m.KeyDate(name="First works on site", on=start + dt.timedelta(days=90)),
        ],
    )
