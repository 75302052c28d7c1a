"""People act for another party (issue 15, principle 6), as properties of governance and rules.

A person seconded to, agent of or representative for another organisation stands for it
while the representation is in force (`Relationship.acting_for`): a representation
outside its period never counts; adding one never takes an escalation route away; and
removing an organisation's only representative on a joint body leaves it unrepresented
there, both in the governance analysis and in the conformance rule; and a seat held on a
representation not in force changes no rule's finding.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache

import attrs
from hypothesis import assume, given
from hypothesis import strategies as st

from collabrel.conformance import assess
from collabrel.examples import load
from collabrel.governance import analyze, governance_graph
from collabrel.model import (
    Person,
    PersonRole,
    Relationship,
    RelationshipManagementPlan,
    Representation,
    RepresentationKind,
)
from collabrel.testing.strategies import relationships

DAYS = st.dates(min_value=date(2024, 1, 1), max_value=date(2028, 12, 31))
SPANS = st.integers(min_value=0, max_value=400).map(lambda n: timedelta(days=n))
KINDS = st.sampled_from(list(RepresentationKind))
AS_OF = date(2026, 10, 31)


@cache
def _alliance() -> RelationshipManagementPlan:
    return load("alliance")


@st.composite
def _outside(draw: st.DrawFn, day: date) -> tuple[date | None, date | None]:
    """A period that `day` is not in: it ends before `day`, or starts after it."""
    if draw(st.booleans()):
        until = day - timedelta(days=1) - draw(SPANS)
        start = draw(st.none() | SPANS.map(lambda span: until - span))
        return start, until
    start = day + timedelta(days=1) + draw(SPANS)
    return start, draw(st.none() | SPANS.map(lambda span: start + span))


def _with_person(rel: Relationship, person: Person) -> Relationship:
    return attrs.evolve(rel, people=[*rel.people, person])


def _acts_for_edges(rel: Relationship, day: date | None, person: str) -> set[str]:
    """The organisations `person`'s `acts_for` edges lead to in the graph of `day`."""
    graph = governance_graph(rel, as_of=day)
    return {w for u, w, k in graph.edges(keys=True) if k == "acts_for" and u == person}


def _routes(rel: Relationship, day: date | None) -> set[str] | None:
    """The organisations with no escalation route on `day`; `None` when no top qualifies."""
    report = analyze(rel, as_of=day, samples=None)
    if report.select("GOV.ESCALATION.NO_TOP"):
        return None
    return {f.subjects[0] for f in report.select("GOV.ESCALATION.NO_ROUTE")}


class TestOutsideItsPeriod:
    @given(relationships(), DAYS, KINDS, st.data())
    def test_a_representation_outside_its_period_never_counts(
        self, rel: Relationship, day: date, kind: RepresentationKind, data: st.DataObject
    ) -> None:
        """On a day outside its period a representation adds nobody the person acts for."""
        employer = data.draw(st.sampled_from(rel.partner_ids))
        others = [p for p in rel.partner_ids if p != employer]
        assume(others)
        target = data.draw(st.sampled_from(others))
        start, until = data.draw(_outside(day))
        person = Person(
            id="secondee",
            name="Sam Secondee",
            partner_id=employer,
            acts_for=[Representation(partner_id=target, kind=kind, from_on=start, until_on=until)],
        )
        with_it = _with_person(rel, person)
        without = _with_person(rel, attrs.evolve(person, acts_for=()))
        assert target not in with_it.acting_for("secondee", day)
        assert with_it.acting_for("secondee", day) == without.acting_for("secondee", day)
        assert _acts_for_edges(with_it, day, "person:secondee") == set()


def _results(rmp: RelationshipManagementPlan, rel: Relationship) -> list[tuple[str, str, str]]:
    report = assess(attrs.evolve(rmp, relationship=rel), "iso44001:2017", as_of=AS_OF)
    return [
        (f.requirement, f.result.value, " ".join(c.observed for c in f.explanation))
        for f in report.findings
    ]


class TestAcrossEveryRule:
    @given(
        st.sampled_from(["amt", "aeb", "wg-possessions"]),
        st.sampled_from(["nmri", "aldergate", "holloway", "kestrel"]),
        KINDS,
        _outside(AS_OF),
    )
    def test_a_representation_outside_its_period_changes_no_finding(
        self,
        body: str,
        target: str,
        kind: RepresentationKind,
        period: tuple[date | None, date | None],
    ) -> None:
        """A seat held for a partner on a representation not in force changes no rule's finding."""
        rmp = _alliance()
        assert rmp.relationship is not None
        start, until = period
        secondee = Person(
            id="secondee",
            name="Sam Secondee",
            partner_id="brackwell",
            roles=[PersonRole.JMT_MEMBER],
            acts_for=[Representation(partner_id=target, kind=kind, from_on=start, until_on=until)],
        )
        bodies = [
            attrs.evolve(b, members=[*b.members, "secondee"]) if b.id == body else b
            for b in rmp.relationship.governance.bodies
        ]
        rel = attrs.evolve(
            rmp.relationship,
            people=[*rmp.relationship.people, secondee],
            governance=attrs.evolve(rmp.relationship.governance, bodies=bodies),
        )
        plain = attrs.evolve(
            rel, people=[*rmp.relationship.people, attrs.evolve(secondee, acts_for=())]
        )
        assert _results(rmp, rel) == _results(rmp, plain)


class TestAddingNeverRemovesARoute:
    @given(relationships(), st.one_of(st.none(), DAYS), KINDS, st.data())
    def test_adding_a_representation_never_removes_a_route(
        self,
        rel: Relationship,
        day: date | None,
        kind: RepresentationKind,
        data: st.DataObject,
    ) -> None:
        """An organisation with an escalation route keeps it when someone starts acting for one."""
        assume(rel.people)
        i = data.draw(st.integers(min_value=0, max_value=len(rel.people) - 1))
        person = rel.people[i]
        others = [p for p in rel.partner_ids if p != person.partner_id]
        assume(others)
        target = data.draw(st.sampled_from(others))
        added = attrs.evolve(
            person, acts_for=[*person.acts_for, Representation(partner_id=target, kind=kind)]
        )
        people = list(rel.people)
        people[i] = added
        before, after = _routes(rel, day), _routes(attrs.evolve(rel, people=people), day)
        if before is not None:
            assert after is not None
            assert after <= before


def _seconded_only(
    rel: Relationship, body: str, target: str, kind: RepresentationKind
) -> Relationship:
    """`rel` with `target`'s people on `body` replaced by one person seconded to it.

    The secondee is employed by another partner and acts for `target` throughout.
    """
    employer = next(p for p in rel.partner_ids if p != target)
    secondee = Person(
        id="secondee",
        name="Sam Secondee",
        partner_id=employer,
        roles=[PersonRole.JMT_MEMBER],
        acts_for=[Representation(partner_id=target, kind=kind)],
    )
    targets = {h.id for h in rel.people if h.partner_id == target}
    bodies = []
    for b in rel.governance.bodies:
        members = [m for m in b.members if m not in targets]
        chair = b.chair if b.chair in members else None
        changed = attrs.evolve(b, members=[*members, "secondee"], chair=chair)
        bodies.append(changed if b.id == body else b)
    return attrs.evolve(
        rel,
        people=[*rel.people, secondee],
        governance=attrs.evolve(rel.governance, bodies=bodies),
    )


def _without_secondee(rel: Relationship, body: str) -> Relationship:
    bodies = [
        attrs.evolve(b, members=[m for m in b.members if m != "secondee"]) if b.id == body else b
        for b in rel.governance.bodies
    ]
    return attrs.evolve(rel, governance=attrs.evolve(rel.governance, bodies=bodies))


def _unrepresented(rel: Relationship, body: str) -> set[str]:
    found = analyze(rel, samples=None).select("GOV.JOINT_BODY.UNREPRESENTED")
    return {s for f in found if f.subjects[0] == body for s in f.subjects[1:]}


def _governance_misses(rmp: RelationshipManagementPlan, rel: Relationship) -> str:
    """The observed text of the joint-governance checks that failed on the audit date."""
    report = assess(attrs.evolve(rmp, relationship=rel), "iso44001:2017", as_of=AS_OF)
    (finding,) = report.findings_for("CBR.S5.GOVERNANCE")
    return " ".join(c.observed for c in finding.explanation if c.passed is False)


class TestRemovingTheOnlyRepresentative:
    @given(
        st.sampled_from(["amt", "aeb"]),
        st.sampled_from(["nmri", "brackwell", "aldergate", "holloway", "kestrel"]),
        KINDS,
    )
    def test_removing_the_only_representative_leaves_the_body_unrepresented(
        self, body: str, target: str, kind: RepresentationKind
    ) -> None:
        """With its only representative gone, a joint body has no member for the partner."""
        rmp = _alliance()
        assert rmp.relationship is not None
        seconded = _seconded_only(rmp.relationship, body, target, kind)
        assert target not in _unrepresented(seconded, body)
        assert f"none from {target}" not in _governance_misses(rmp, seconded)
        removed = _without_secondee(seconded, body)
        assert target in _unrepresented(removed, body)
        assert f"none from {target}" in _governance_misses(rmp, removed)
