"""People act for another party (issue 15, principle 6): representations and acting_for."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import attrs
import jsonschema
import networkx as nx
import pytest

import collabrel as cr
from collabrel.errors import DocumentError, GovernanceError, InvalidFieldError
from collabrel.examples import load
from collabrel.governance import analyze, governance_graph, portfolio_graph
from collabrel.model import Representation, RepresentationKind

SECONDMENT = RepresentationKind.SECONDMENT
MAY = date(2026, 5, 1)


def _rep(**kw: object) -> Representation:
    return Representation(partner_id="kestrel", **kw)  # type: ignore[arg-type]


def _secondee(*reps: Representation, employer: str = "brackwell") -> cr.Person:
    return cr.Person(
        id="e.marlow",
        name="Eve Marlow",
        partner_id=employer,
        roles=[cr.PersonRole.JMT_MEMBER],
        acts_for=reps,
    )


def _alliance() -> cr.RelationshipManagementPlan:
    return load("alliance")


def _with(rel: cr.Relationship, person: cr.Person, seats: dict[str, str | None]) -> cr.Relationship:
    """`rel` with `person` added, taking the seat of `seats[body]` (or a new one if `None`)."""
    bodies = []
    for b in rel.governance.bodies:
        if b.id in seats:
            gone = seats[b.id]
            members = [m for m in b.members if m != gone]
            chair = b.chair if b.chair in members else None
            b = attrs.evolve(b, members=[*members, person.id], chair=chair)  # noqa: PLW2901
        bodies.append(b)
    return attrs.evolve(
        rel,
        people=[*rel.people, person],
        governance=attrs.evolve(rel.governance, bodies=bodies),
    )


class TestRepresentation:
    def test_in_force_from_start_to_end_both_days_included(self) -> None:
        """A representation is in force from from_on to until_on, both days counted."""
        r = _rep(kind=SECONDMENT, from_on=MAY, until_on=date(2026, 10, 31))
        days = [date(2026, 4, 30), MAY, date(2026, 10, 31), date(2026, 11, 1)]
        assert [r.is_in_force_on(d) for d in days] == [False, True, True, False]

    def test_open_ends_run_from_the_start_and_to_the_end(self) -> None:
        """Without dates a representation is in force every day."""
        assert _rep().is_in_force_on(date(1990, 1, 1))
        assert _rep().is_in_force_on(date.max)

    def test_a_representative_by_default(self) -> None:
        """Without a kind a representation is a representative's."""
        assert _rep().kind is RepresentationKind.REPRESENTATIVE

    def test_ending_before_it_starts_is_refused(self) -> None:
        """until_on before from_on is an InvalidFieldError naming until_on."""
        with pytest.raises(InvalidFieldError) as err:
            _rep(from_on=MAY, until_on=date(2026, 4, 30))
        assert (err.value.cls, err.value.field) == ("Representation", "until_on")
        assert "on or after from_on (2026-05-01)" in str(err.value)

    def test_each_kind_says_how_the_person_stands(self) -> None:
        """Every kind has a phrase for explanations."""
        assert [k.phrase for k in RepresentationKind] == [
            "seconded from",
            "agent employed by",
            "representative employed by",
        ]


class TestPersonActsFor:
    def test_acting_for_the_employer_is_refused(self) -> None:
        """A representation naming the person's employer is refused with its field path."""
        with pytest.raises(InvalidFieldError) as err:
            _secondee(_rep(), Representation(partner_id="brackwell"))
        assert err.value.field == "acts_for[1].partner_id"

    def test_a_document_names_every_problem_with_its_path(self) -> None:
        """Loading reports an unknown partner and a period out of order at their paths."""
        data = cr.to_data(_alliance())
        people = data["relationship"]["people"]
        people[0]["acts_for"] = [{"partner_id": "nobody"}]
        people[1]["acts_for"] = [
            {"partner_id": "kestrel", "from_on": "2026-05-01", "until_on": "2026-04-01"}
        ]
        with pytest.raises(DocumentError) as err:
            cr.loads(json.dumps(data), "json")
        paths = {p.path for p in err.value.problems}
        assert paths == {
            "relationship.people[0].acts_for[0].partner_id",
            "relationship.people[1].acts_for[0].until_on",
        }


class TestActingFor:
    def test_employer_first_then_representations_in_force(self) -> None:
        """acting_for is the employer, then each partner represented that day."""
        rmp = _alliance()
        assert rmp.relationship is not None
        person = _secondee(
            _rep(kind=SECONDMENT, from_on=MAY),
            Representation(partner_id="holloway", until_on=date(2026, 4, 30)),
        )
        rel = _with(rmp.relationship, person, {})
        assert rel.acting_for("e.marlow", date(2026, 4, 30)) == ("brackwell", "holloway")
        assert rel.acting_for("e.marlow", MAY) == ("brackwell", "kestrel")

    def test_a_partner_not_taking_part_is_carried_by_nobody(self) -> None:
        """Neither a departed employer nor a departed represented partner is acted for."""
        rmp = _alliance()
        assert rmp.relationship is not None
        rel = _with(rmp.relationship, _secondee(_rep(kind=SECONDMENT)), {})
        partners = [
            attrs.evolve(p, left_on=date(2026, 6, 30)) if p.id == "kestrel" else p
            for p in rel.partners
        ]
        gone = attrs.evolve(rel, partners=partners)
        assert gone.acting_for("e.marlow", date(2026, 7, 1)) == ("brackwell",)
        employer_gone = attrs.evolve(
            rel,
            partners=[
                attrs.evolve(p, left_on=date(2026, 6, 30)) if p.id == "brackwell" else p
                for p in rel.partners
            ],
        )
        assert employer_gone.acting_for("e.marlow", date(2026, 7, 1)) == ("kestrel",)

    def test_an_unknown_person_is_a_key_error(self) -> None:
        """acting_for of a person not in the relationship raises KeyError."""
        rmp = _alliance()
        assert rmp.relationship is not None
        with pytest.raises(KeyError):
            rmp.relationship.acting_for("nobody", MAY)


class TestFormats:
    @pytest.mark.parametrize("fmt", ["json", "yaml", "toml"])
    def test_representations_round_trip_in_every_format(self, fmt: str) -> None:
        """A plan with representations reads back equal from JSON, YAML and TOML."""
        rmp = _alliance()
        assert rmp.relationship is not None
        person = _secondee(
            _rep(kind=SECONDMENT, from_on=MAY, until_on=date(2027, 4, 30), note="plant seat"),
            Representation(partner_id="holloway", kind=RepresentationKind.AGENT),
        )
        plan = attrs.evolve(rmp, relationship=_with(rmp.relationship, person, {"amt": "n.shah"}))
        assert cr.loads(cr.dumps(plan, fmt), fmt) == plan

    def test_the_schema_knows_representations(self) -> None:
        """A plan with a representation validates against json_schema(); a bad kind does not."""
        rmp = _alliance()
        assert rmp.relationship is not None
        plan = attrs.evolve(
            rmp, relationship=_with(rmp.relationship, _secondee(_rep(kind=SECONDMENT)), {})
        )
        validator = jsonschema.Draft202012Validator(cr.json_schema())
        data = json.loads(cr.dumps(plan, "json"))
        validator.validate(data)
        data["relationship"]["people"][-1]["acts_for"][0]["kind"] = "mercenary"
        assert not validator.is_valid(data)

    def test_a_version_1_person_loads_acting_for_nobody(self) -> None:
        """A version 1 document's people load with no representations."""
        data = cr.to_data(_alliance())
        data["meta"]["schema_version"] = 1
        for person in data["relationship"]["people"]:
            person.pop("acts_for", None)  # version 1 had no representations
        plan = cr.loads(json.dumps(data), "json")
        assert plan.relationship is not None
        assert all(p.acts_for == () for p in plan.relationship.people)


class TestGovernance:
    def test_a_representation_in_force_draws_an_acts_for_edge(self) -> None:
        """The graph of a day has an acts_for edge with its kind and path while in force."""
        rmp = _alliance()
        assert rmp.relationship is not None
        person = _secondee(_rep(kind=SECONDMENT, from_on=MAY, until_on=date(2027, 4, 30)))
        rel = _with(rmp.relationship, person, {})
        graph = governance_graph(rel, as_of=MAY)
        edge = graph.edges["person:e.marlow", "org:kestrel", "acts_for"]
        assert edge == {
            "kind": "acts_for",
            "path": "relationship.people[14].acts_for[0]",
            "representation": "secondment",
        }
        assert not governance_graph(rel, as_of=date(2026, 4, 30)).has_edge(
            "person:e.marlow", "org:kestrel"
        )
        # as planned, the secondment has ended
        assert not governance_graph(rel).has_edge("person:e.marlow", "org:kestrel")

    def test_the_seat_represents_the_partner_on_the_day(self) -> None:
        """Kestrel's seat held by a secondee counts only while the secondment is in force."""
        rmp = _alliance()
        assert rmp.relationship is not None
        person = _secondee(_rep(kind=SECONDMENT, from_on=MAY))
        rel = _with(rmp.relationship, person, {"amt": "n.shah"})
        before = analyze(rel, as_of=date(2026, 4, 30)).select("GOV.JOINT_BODY.UNREPRESENTED")
        assert [f.subjects for f in before] == [("amt", "kestrel")]
        assert not analyze(rel, as_of=MAY).select("GOV.JOINT_BODY.UNREPRESENTED")

    def test_one_secondee_carrying_two_partners_is_a_single_point_of_failure(self) -> None:
        """A secondee who is two partners' only route to the top is a GOV.SPOF.PERSON of both."""
        rmp = _alliance()
        assert rmp.relationship is not None
        rel = rmp.relationship
        carried = {"kestrel", "holloway"}
        person = _secondee(
            _rep(kind=SECONDMENT), Representation(partner_id="holloway"), employer="aldergate"
        )
        theirs = {h.id for h in rel.people if h.partner_id in carried}
        bodies = [
            attrs.evolve(
                b,
                members=[*(m for m in b.members if m not in theirs), "e.marlow"],
                chair=None if b.chair in theirs else b.chair,
            )
            for b in rel.governance.bodies
            if b.id in {"aeb", "amt"}
        ] + [
            attrs.evolve(
                b,
                members=[m for m in b.members if m not in theirs] or ["k.iyer"],
                chair=None if b.chair in theirs else b.chair,
            )
            for b in rel.governance.bodies
            if b.id not in {"aeb", "amt"}
        ]
        changed = attrs.evolve(
            rel,
            people=[*rel.people, person],
            governance=attrs.evolve(rel.governance, bodies=bodies),
        )
        (spof,) = analyze(changed).select("GOV.SPOF.PERSON")
        assert spof.subjects[0] == "e.marlow"
        assert set(spof.subjects[1:]) == carried
        acting = next(c for c in spof.explanation if "acts for" in c.description)
        assert acting.observed == "kestrel, holloway (employed by aldergate)"

    def test_a_graph_with_acts_for_edges_is_analysed_as_drawn(self) -> None:
        """analyze reads acts_for edges of a graph built by hand; a wrong end is refused."""
        rmp = _alliance()
        assert rmp.relationship is not None
        rel = _with(rmp.relationship, _secondee(_rep(kind=SECONDMENT)), {"amt": "n.shah"})
        graph = governance_graph(rel)
        assert not analyze(graph).select("GOV.JOINT_BODY.UNREPRESENTED")
        bad: nx.MultiDiGraph[str] = graph.copy()
        bad.add_edge("person:e.marlow", "body:amt", key="acts_for", kind="acts_for")
        with pytest.raises(GovernanceError, match="acts_for"):
            analyze(bad)

    def test_as_of_must_be_a_date(self) -> None:
        """A datetime or a string as_of is a GovernanceError naming as_of."""
        rmp = _alliance()
        assert rmp.relationship is not None
        for wrong in ("2026-05-01", datetime(2026, 5, 1, tzinfo=UTC)):
            with pytest.raises(GovernanceError, match="as_of"):
                governance_graph(rmp.relationship, as_of=wrong)  # type: ignore[arg-type]
        with pytest.raises(GovernanceError, match="as_of"):
            portfolio_graph([rmp.relationship], as_of=MAY.isoformat())  # type: ignore[arg-type]


class TestConformance:
    def _top_check(self, rel: cr.Relationship, day: date) -> cr.Check:
        from collabrel.conformance import assess  # noqa: PLC0415

        plan = attrs.evolve(_alliance(), relationship=rel)
        (finding,) = assess(plan, "iso44001:2017", as_of=day).findings_for("CBR.S5.ESCALATION")
        return next(c for c in finding.explanation if c.description.startswith("the top"))

    def test_escalation_counts_a_representative_on_the_top_body(self) -> None:
        """CBR.S5.ESCALATION: the top has every partner while a secondee sits for one of them."""
        rmp = _alliance()
        assert rmp.relationship is not None
        person = _secondee(_rep(kind=SECONDMENT, from_on=MAY))
        rel = _with(rmp.relationship, person, {"aeb": "j.whitfield"})
        during = self._top_check(rel, date(2026, 10, 31))
        assert during.passed
        assert during.observed == (
            "top: aeb; kestrel represented by e.marlow (seconded from brackwell)"
        )
        assert not self._top_check(rel, date(2026, 4, 30)).passed
