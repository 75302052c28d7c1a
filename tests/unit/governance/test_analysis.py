from __future__ import annotations

import json
from datetime import date

import attrs
import networkx as nx
import pytest

from _builders import consortium, partners
from collabrel import examples
from collabrel.errors import GovernanceError
from collabrel.governance import (
    EdgeKind,
    Limits,
    NodeKind,
    analyze,
    analyze_portfolio,
    escalation_betweenness,
    governance_graph,
    node_key,
    portfolio_graph,
    to_graphml,
    to_node_link,
)
from collabrel.governance._backend import has_igraph, pick_backend, sparse_betweenness
from collabrel.model import (
    BodyKind,
    DocumentMeta,
    PartnerRole,
    PlanKind,
    RelationshipManagementPlan,
    Result,
)

JEB = BodyKind.JOINT_EXECUTIVE_BOARD
JMT = BodyKind.JOINT_MANAGEMENT_TEAM
WG = BodyKind.WORKING_GROUP


def ids(report):
    return [f.requirement for f in report]


class TestGovernanceGraph:
    def test_nodes_are_typed_and_keyed_by_kind(self, sound):
        """Every organisation, person, body and activity is a node with its kind and path."""
        g = governance_graph(sound)
        assert g.nodes["org:c"]["kind"] == NodeKind.ORGANISATION
        assert g.nodes["org:c"]["role"] == "client"
        assert g.nodes["person:p1"]["organisation"] == "p"
        assert g.nodes["body:jmt"]["joint"] is True
        assert g.nodes["activity:plan"]["path"] == "relationship.governance.raci.activities[0]"
        kinds = {k for _, k in g.nodes(data="kind")}
        assert kinds == {"organisation", "person", "body", "activity"}

    def test_typed_edges(self, sound):
        """Membership, escalation, accountability and contracts are typed edges."""
        g = governance_graph(sound)
        assert g.has_edge("person:p1", "org:p", key=EdgeKind.MEMBER_OF)
        assert g.has_edge("person:p1", "body:jeb", key="member_of")
        assert g.has_edge("body:wg", "body:jmt", key="escalates_to")
        assert g.has_edge("body:jeb", "activity:plan", key="accountable_for")
        assert g.has_edge("body:jmt", "activity:plan", key="responsible_for")
        assert g.has_edge("org:p", "org:c", key="contracts_with")
        assert not g.has_edge("org:c", "org:c")
        assert all(d["kind"] == k for _, _, k, d in g.edges(keys=True, data=True))

    def test_chairs_and_subcontracts(self, make):
        """A chair and a subcontractor give `chairs` and `subcontracts_to` edges."""
        rel = make(
            orgs=("c", "p", "s"),
            subs={"s": "p"},
            people={"c1": "c"},
            bodies=[("jeb", JEB, ["c1"], None)],
            chairs={"jeb": "c1"},
        )
        g = governance_graph(rel)
        assert g.has_edge("person:c1", "body:jeb", key="chairs")
        assert g.has_edge("org:p", "org:s", key="subcontracts_to")
        assert not g.has_edge("org:s", "org:c", key="contracts_with")
        assert g.nodes["org:s"]["subcontractor_of"] == "p"

    def test_lead_partner_when_there_is_no_client(self):
        """Without a client, parties contract with the lead partner."""
        lead, partner = ("a", "A", PartnerRole.LEAD_PARTNER), ("b", "B", PartnerRole.PARTNER)
        rel = consortium(partners(lead, partner), id="r", name="R")
        assert list(governance_graph(rel).edges(keys=True)) == [
            ("org:b", "org:a", "contracts_with")
        ]

    def test_ids_shared_between_kinds_stay_apart(self, make):
        """A person and a body with the same id are different nodes."""
        rel = make(people={"x": "c"}, bodies=[("x", JEB, ["x"], None)])
        g = governance_graph(rel)
        assert {"person:x", "body:x"} <= set(g)
        assert g.has_edge("person:x", "body:x")

    def test_new_graph_each_call(self, sound):
        """Each call returns a fresh graph that can be changed freely."""
        g = governance_graph(sound)
        g.remove_node("body:jeb")
        assert "body:jeb" in governance_graph(sound)


class TestNodeKey:
    def test_unknown_kind(self):
        """An unknown kind is a ValueError."""
        with pytest.raises(ValueError, match="nope"):
            node_key("nope", "x")


class TestAnalyze:
    def test_sound_consortium_has_no_findings(self, sound):
        """A sound consortium gives an empty report."""
        assert ids(analyze(sound)) == []

    def test_escalation_cycle(self, variant):
        """Bodies escalating in a loop are one major finding with the loop's edges."""
        rel = variant(escalates={"jmt": "wg"})
        (f,) = analyze(rel).select("GOV.ESCALATION.CYCLE")
        assert f.result is Result.MAJOR
        assert set(f.nodes) == {"body:jmt", "body:wg"}
        assert set(f.edges) == {
            ("body:jmt", "body:wg", "escalates_to"),
            ("body:wg", "body:jmt", "escalates_to"),
        }

    def test_self_loop_is_a_cycle(self, make):
        """A graph where a body escalates to itself has a one-body cycle."""
        g = governance_graph(make(people={"c1": "c"}, bodies=[("jeb", JEB, ["c1"], None)]))
        g.add_edge("body:jeb", "body:jeb", key="escalates_to", kind="escalates_to")
        (f,) = analyze(g).select("GOV.ESCALATION.CYCLE")
        assert f.edges == (("body:jeb", "body:jeb", "escalates_to"),)

    def test_no_top_body(self, variant):
        """When every body escalates further there is no top: one major finding."""
        rel = variant(
            bodies=[
                ("jeb", JEB, ["c1", "p1", "q1"], "jmt"),
                ("jmt", JMT, ["c2", "p2", "q2"], "jeb"),
            ],
            raci=[],
        )
        assert ids(analyze(rel)) == [
            "GOV.RACI.EMPTY",
            "GOV.ESCALATION.CYCLE",
            "GOV.ESCALATION.NO_TOP",
        ]

    def test_top_must_be_the_joint_executive_level(self, variant):
        """A top body that is neither a joint board nor has every partner is not enough."""
        rel = variant(bodies=[("board", BodyKind.STEERING_COMMITTEE, ["c1", "p1"], None)], raci=[])
        f = analyze(rel).select("GOV.ESCALATION.NO_TOP")[0]
        assert f.subjects == ("board",)
        assert "q" in f.explanation[0].observed

    def test_a_steering_committee_with_every_partner_is_a_top(self, variant):
        """A top body with a member from every partner is the joint executive level."""
        rel = variant(
            bodies=[("board", BodyKind.STEERING_COMMITTEE, ["c1", "p1", "q1"], None)], raci=[]
        )
        report = analyze(rel)
        assert "GOV.ESCALATION.NO_TOP" not in report.requirements
        assert report.select("GOV.ESCALATION.NO_ROUTE") == ()

    def test_joint_body_missing_a_partner(self, variant):
        """A joint body without a member from some partner is reported; graded by how few."""
        rel = variant(
            bodies=[
                ("jeb", JEB, ["c1", "p1", "q1"], None),
                ("jmt", JMT, ["c2", "p2"], "jeb"),
                ("jmt2", JMT, ["c2"], "jeb"),
            ],
            raci=[],
        )
        found = analyze(rel).select("GOV.JOINT_BODY.UNREPRESENTED")
        assert [(f.subjects, f.result) for f in found] == [
            (("jmt", "q"), Result.MINOR),
            (("jmt2", "p", "q"), Result.MAJOR),
        ]

    def test_partner_without_a_route(self, variant):
        """A partner whose people sit only on a body that escalates nowhere has no route."""
        rel = variant(
            bodies=[
                ("jeb", JEB, ["c1", "p1"], None),
                ("jmt", JMT, ["c2", "p2"], "jeb"),
                ("eco", WG, ["q1", "q2"], None),
            ],
            raci=[("eco-plan", {"q1": "A", "eco": "R"})],
        )
        report = analyze(rel)
        (f,) = report.select("GOV.ESCALATION.NO_ROUTE")
        assert f.result is Result.MAJOR
        assert f.subjects == ("q",)
        assert set(f.nodes) == {"org:q", "person:q1", "person:q2", "body:eco"}
        assert f.paths == ("relationship.partners[2]",)
        (a,) = report.select("GOV.ESCALATION.ACTIVITY_NO_ROUTE")
        assert a.subjects == ("eco-plan", "q1")

    def test_single_person_on_whom_escalation_hangs(self, variant):
        """A partner whose only route to the board is one person: a major SPOF finding."""
        rel = variant(
            people={"c1": "c", "c2": "c", "p1": "p", "q1": "q", "q2": "q"},
            bodies=[
                ("jeb", JEB, ["c1", "p1", "q1"], None),
                ("jmt", JMT, ["c2", "q2"], "jeb"),
            ],
            raci=[],
        )
        (f,) = analyze(rel).select("GOV.SPOF")
        assert f.requirement == "GOV.SPOF.PERSON"
        assert f.subjects == ("p1", "p")
        assert f.nodes == ("person:p1", "org:p")

    def test_body_on_which_escalation_hangs(self, variant):
        """A body every route of a partner passes through is a minor SPOF finding."""
        rel = variant(
            bodies=[
                ("jeb", JEB, ["c1", "p1", "q1"], None),
                ("pb", BodyKind.STEERING_COMMITTEE, ["c2"], "jeb"),
                ("wg", WG, ["p2"], "pb"),
            ],
            people={"c1": "c", "c2": "c", "p1": "p", "p2": "p", "q1": "q", "q2": "q", "s1": "s"},
            orgs=("c", "p", "q", "s"),
            subs={"s": "q"},
            raci=[],
        )
        rel2 = variant(
            orgs=("c", "p", "q", "s"),
            people={"c1": "c", "p1": "p", "q1": "q", "s1": "s"},
            bodies=[
                ("jeb", JEB, ["c1", "p1", "q1", "s1"], None),
                ("pb", BodyKind.STEERING_COMMITTEE, ["c1"], "jeb"),
                ("wg", WG, ["s1"], "pb"),
            ],
            raci=[],
        )
        assert analyze(rel).select("GOV.SPOF.BODY") == ()
        assert analyze(rel2).select("GOV.SPOF.BODY") == ()
        rel3 = variant(
            orgs=("c", "p", "q", "s"),
            people={"c1": "c", "p1": "p", "q1": "q", "s1": "s", "s2": "s"},
            bodies=[
                ("jeb", JEB, ["c1", "p1", "q1"], None),
                ("pb", BodyKind.STEERING_COMMITTEE, ["c1"], "jeb"),
                ("wg", WG, ["s1"], "pb"),
                ("wg2", WG, ["s2"], "pb"),
            ],
            raci=[],
        )
        (f,) = analyze(rel3).select("GOV.SPOF.BODY")
        assert f.result is Result.MINOR
        assert f.subjects == ("pb", "s")

    def test_key_person_concentration(self, variant):
        """A person on more bodies, or chairing more, than the limits is reported."""
        rel = variant(
            members={"jmt": ["c1", "p2", "q2"], "wg": ["c1", "p2"]},
            chairs={"jeb": "c1", "jmt": "c1", "wg": "c1"},
        )
        (f,) = analyze(rel).select("GOV.KEY_PERSON")
        assert f.subjects[0] == "c1"
        assert [c.passed for c in f.explanation] == [True, False]
        assert analyze(rel, limits=Limits(max_chairs=3)).select("GOV.KEY_PERSON") == ()
        assert len(analyze(rel, limits=Limits(max_seats=2)).select("GOV.KEY_PERSON")) == 1

    def test_person_accountable_for_many_activities(self, variant):
        """A person accountable for more activities than the limit is a bottleneck."""
        raci = [(f"a{i}", {"c2": "A", "jmt": "R"}) for i in range(3)] + [
            ("z", {"jeb": "A", "jmt": "R"})
        ]
        rel = variant(raci=raci)
        lim = Limits(max_accountable=2, max_accountable_share=1)
        (f,) = analyze(rel, limits=lim).select("GOV.BOTTLENECK.ACCOUNTABLE")
        assert f.subjects == ("c2", "a0", "a1", "a2")
        assert f.edges[0] == ("person:c2", "activity:a0", "accountable_for")
        assert analyze(rel, limits=Limits(max_accountable_share=1)).select("GOV.BOTTLENECK") == ()

    def test_central_person(self, sound):
        """A person with escalation betweenness above the limit is an observation."""
        scores = escalation_betweenness(sound)
        top_person = max((n for n in scores if n.startswith("person:")), key=scores.__getitem__)
        lim = Limits(max_betweenness=scores[top_person] / 2)
        found = analyze(sound, limits=lim).select("GOV.BOTTLENECK.CENTRALITY")
        assert "person:" + found[0].subjects[0] in {top_person} | {
            n for n in scores if scores[n] > lim.max_betweenness
        }
        assert all(f.result is Result.OBSERVATION for f in found)

    def test_deep_subcontracting_chain(self, variant):
        """A chain of subcontracts deeper than the limit is reported with its edges."""
        rel = variant(
            orgs=("c", "p", "q", "s1", "s2", "s3"), subs={"s1": "p", "s2": "s1", "s3": "s2"}
        )
        report = analyze(rel)
        (f,) = report.select("GOV.SUBCONTRACT.TOO_DEEP")
        assert f.subjects == ("p", "s1", "s2", "s3")
        assert f.edges == (
            ("org:p", "org:s1", "subcontracts_to"),
            ("org:s1", "org:s2", "subcontracts_to"),
            ("org:s2", "org:s3", "subcontracts_to"),
        )
        assert (
            analyze(rel, limits=Limits(max_subcontract_depth=3)).select("GOV.SUBCONTRACT.TOO_DEEP")
            == ()
        )

    def test_reached_only_through_a_subcontractor(self, variant):
        """A sub-subcontractor without seats reaches the top only through a subcontractor."""
        rel = variant(orgs=("c", "p", "q", "s1", "s2"), subs={"s1": "p", "s2": "s1"})
        found = analyze(rel).select("GOV.SUBCONTRACT.INDIRECT")
        assert [f.subjects for f in found] == [("s2", "s1")]
        assert analyze(rel).select("GOV.ESCALATION.NO_ROUTE") == ()

    def test_subcontractor_of_an_unrouted_principal(self, variant):
        """A subcontractor of a partner without a route has none either (minor)."""
        rel = variant(
            orgs=("c", "p", "q", "s"),
            subs={"s": "q"},
            bodies=[("jeb", JEB, ["c1", "p1"], None), ("jmt", JMT, ["c2", "p2"], "jeb")],
            raci=[],
        )
        found = {f.subjects[0]: f.result for f in analyze(rel).select("GOV.ESCALATION.NO_ROUTE")}
        assert found == {"q": Result.MAJOR, "s": Result.MINOR}

    def test_subcontracting_loop(self, make):
        """Organisations subcontracting to each other in a loop are a major finding."""
        g = governance_graph(make(people={"c1": "c"}, bodies=[("jeb", JEB, ["c1"], None)]))
        g.add_edge("org:p", "org:q", key="subcontracts_to", kind="subcontracts_to")
        g.add_edge("org:q", "org:p", key="subcontracts_to", kind="subcontracts_to")
        (f,) = analyze(g).select("GOV.SUBCONTRACT.CYCLE")
        assert set(f.subjects) == {"p", "q"}

    def test_a_plain_networkx_graph_works(self):
        """A DiGraph built by hand with the same attributes is analysed the same way."""
        g = nx.DiGraph()
        g.add_node("acme", kind="organisation")
        g.add_node("bolt", kind="organisation")
        g.add_node("ann", kind="person")
        g.add_node("board", kind="body", body_kind="joint_executive_board")
        g.add_edge("ann", "acme", kind="member_of")
        g.add_edge("ann", "board", kind="member_of")
        report = analyze(g)
        (f,) = report.select("GOV.ESCALATION.NO_ROUTE")
        assert f.subjects == ("bolt",)
        assert "GOV.JOINT_BODY.UNREPRESENTED" in report.requirements

    def test_reports_to_is_an_escalation_route(self):
        """A person reporting to a board member's body has a route through it."""
        g = nx.DiGraph()
        g.add_nodes_from(["a", "b"], kind="organisation")
        g.add_node("ann", kind="person")
        g.add_node("bob", kind="person")
        g.add_node("board", kind="body", body_kind="joint_executive_board")
        g.add_edges_from([("ann", "a"), ("bob", "b"), ("ann", "board")], kind="member_of")
        g.add_edge("bob", "ann", kind="reports_to")
        report = analyze(g)
        assert report.select("GOV.ESCALATION.NO_ROUTE") == ()
        assert [f.subjects for f in report.select("GOV.SPOF.PERSON")] == [
            ("ann", "a", "b"),
            ("bob", "b"),
        ]

    def test_relationship_and_its_graph_give_the_same_findings(self, sound, variant):
        """Analysing a relationship and its governance graph agree on the graph findings."""
        rel = variant(
            orgs=("c", "p", "q", "s1", "s2", "s3"), subs={"s1": "p", "s2": "s1", "s3": "s2"}
        )
        for r in (sound, rel, examples.load("consortium").relationship):
            direct = [f for f in analyze(r) if not f.requirement.startswith("GOV.RACI.")]
            assert tuple(direct) == analyze(governance_graph(r)).findings

    @pytest.mark.parametrize(
        ("mutate", "match"),
        [
            (lambda g: g.add_node("x"), "node 'x' has kind None"),
            (lambda g: g.add_edge("org:c", "org:p", kind="likes"), "has kind 'likes'"),
            (
                lambda g: g.add_edge("org:c", "body:jeb", kind="escalates_to"),
                "joins a organisation to a body",
            ),
        ],
    )
    def test_malformed_graphs(self, sound, mutate, match):
        """Nodes or edges without a known kind, or joining the wrong kinds, are refused."""
        g = governance_graph(sound)
        mutate(g)
        with pytest.raises(GovernanceError, match=match):
            analyze(g)

    def test_other_inputs_are_refused(self):
        """Undirected graphs, other objects and a plan without relationship are refused."""
        with pytest.raises(GovernanceError, match="directed"):
            analyze(nx.Graph())
        with pytest.raises(GovernanceError, match="expected a Relationship"):
            analyze("rel")  # type: ignore[arg-type]
        template = RelationshipManagementPlan(
            meta=DocumentMeta(
                title="T", issued_on=date(2026, 1, 1), author="A", kind=PlanKind.TEMPLATE
            )
        )
        with pytest.raises(GovernanceError, match="no relationship"):
            analyze(template)

    def test_bad_options(self, sound):
        """Too few samples and an unknown backend are refused."""
        with pytest.raises(GovernanceError, match="samples"):
            analyze(sound, samples=1)
        with pytest.raises(GovernanceError, match="backend"):
            analyze(sound, backend="fast")  # type: ignore[arg-type]

    def test_does_not_change_a_graph(self, sound):
        """The graph analysed is left as it was."""
        g = governance_graph(sound)
        g.nodes["org:c"]["note"] = [1]  # even values GraphML could not hold
        before = nx.node_link_data(g, edges="edges")
        analyze(g)
        assert nx.node_link_data(g, edges="edges") == before

    def test_alliance_has_no_false_alarms(self):
        """The bundled alliance: no nonconformity; its only observations are idle RACI parties."""
        report = analyze(examples.load("alliance"))
        assert report.nonconformities == ()
        assert report.requirements == ("GOV.RACI.IDLE_PARTY",)

    def test_flawed_example(self):
        """The flawed example's loop, missing top, one-sided JMT and RACI flaws are found."""
        report = analyze(examples.load("flawed"))
        assert {
            "GOV.RACI.MULTIPLE_ACCOUNTABLE",
            "GOV.RACI.NO_ACCOUNTABLE",
            "GOV.ESCALATION.CYCLE",
            "GOV.ESCALATION.NO_TOP",
            "GOV.JOINT_BODY.UNREPRESENTED",
        } <= set(report.requirements)
        (jmt,) = report.select("GOV.JOINT_BODY.UNREPRESENTED")
        assert jmt.result is Result.MAJOR
        assert jmt.subjects == ("jmt", "tidemark")

    def test_consortium_example_defects(self):
        """Each defect the consortium's header lists is found."""
        report = analyze(examples.load("consortium"))
        found = {(f.requirement, f.subjects[0]) for f in report}
        assert {
            ("GOV.ESCALATION.NO_ROUTE", "quayside"),
            ("GOV.JOINT_BODY.UNREPRESENTED", "jeb"),
            ("GOV.JOINT_BODY.UNREPRESENTED", "jmt"),
            ("GOV.SUBCONTRACT.TOO_DEEP", "penrith"),
            ("GOV.SUBCONTRACT.INDIRECT", "tern"),
            ("GOV.SUBCONTRACT.INDIRECT", "undercliff"),
            ("GOV.SPOF.PERSON", "h.lamb"),
            ("GOV.SPOF.PERSON", "p.vance"),
            ("GOV.KEY_PERSON.CONCENTRATION", "h.lamb"),
            ("GOV.BOTTLENECK.ACCOUNTABLE", "h.lamb"),
            ("GOV.RACI.OVERLOAD", "h.lamb"),
            ("GOV.ESCALATION.ACTIVITY_NO_ROUTE", "act-ecology"),
            ("GOV.RACI.TOO_MANY_CONSULTED", "act-report"),
            ("GOV.RACI.CONFLICTING_CODES", "act-publish"),
        } <= found


@pytest.mark.skipif(not has_igraph(), reason="python-igraph is not installed")
class TestIgraphBackend:
    @pytest.mark.parametrize("name", ["alliance", "flawed", "consortium"])
    def test_same_findings_as_networkx(self, name):
        """Both backends give the same findings on the bundled examples."""
        rmp = examples.load(name)
        assert analyze(rmp, backend="igraph") == analyze(rmp, backend="networkx")

    @pytest.mark.parametrize("samples", [None, 5, 40])
    def test_same_betweenness_as_networkx(self, samples):
        """igraph's betweenness equals networkx's own, sampled or exact, within tolerance."""
        g = governance_graph(examples.load("consortium").relationship)
        fast = escalation_betweenness(g, samples=samples, seed=3, backend="igraph")
        slow = escalation_betweenness(g, samples=samples, seed=3, backend="networkx")
        assert fast.keys() == slow.keys()
        assert all(abs(fast[n] - slow[n]) < 1e-12 for n in fast)

    def test_auto_picks_igraph_for_large_graphs(self):
        """auto means networkx for small graphs and igraph from the threshold on."""
        assert pick_backend("auto", 10) == "networkx"
        assert pick_backend("auto", 10**6) == "igraph"


class TestEscalationBetweenness:
    def test_matches_networkx(self):
        """The scores are networkx's betweenness_centrality on the escalation graph."""
        g = nx.DiGraph(nx.gnp_random_graph(60, 0.08, seed=1, directed=True))
        g = nx.relabel_nodes(g, str)
        for k in (None, 10):
            assert sparse_betweenness(g, k, 7) == nx.betweenness_centrality(g, k=k, seed=7)

    def test_amt_is_the_alliance_hub(self):
        """In the alliance the joint management team carries most escalation routes."""
        scores = escalation_betweenness(examples.load("alliance"))
        assert max(scores, key=scores.__getitem__) == "body:amt"
        assert all(0 <= v <= 1 for v in scores.values())


class TestPortfolio:
    def test_graph_joins_relationships(self):
        """Organisations are shared by id; bodies are kept per relationship."""
        rels = [examples.load(n).relationship for n in ("alliance", "consortium")]
        g = portfolio_graph(rels)
        assert g.has_edge("org:nmri", "relationship:nrra", key="party_to")
        assert "body:efrc/jmt" in g
        assert g.nodes["body:efrc/jmt"]["path"] == "relationships[1].governance.bodies[1]"

    def test_duplicate_relationship_ids(self):
        """The same relationship twice is refused."""
        rel = examples.load("alliance").relationship
        with pytest.raises(GovernanceError, match="twice"):
            portfolio_graph([rel, rel])

    def test_people_shared_across_relationships(self, variant):
        """A person on bodies of two relationships is judged on all their seats together."""
        one = variant()
        two = attrs.evolve(variant(), id="rel2")
        report = analyze_portfolio([one, two], limits=Limits(max_seats=2, max_accountable=1))
        (seats,) = [f for f in report.select("GOV.PORTFOLIO.KEY_PERSON") if f.subjects[0] == "c2"]
        assert seats.subjects == ("c2", "rel", "rel2")
        assert any(f.subjects[0] == "c2" for f in report.select("GOV.PORTFOLIO.BOTTLENECK"))

    def test_per_relationship_findings_are_relabelled(self):
        """Findings of each relationship name it and point into the list."""
        rels = [examples.load(n).relationship for n in ("alliance", "flawed")]
        report = analyze_portfolio(rels)
        (f,) = report.select("GOV.ESCALATION.CYCLE")
        assert f.message.startswith("[harbour-maintenance] ")
        assert all(p.startswith("relationships[1].") for p in f.paths)


class TestExports:
    def test_graphml_round_trip(self, sound, tmp_path):
        """The governance graph writes to GraphML and reads back with its attributes."""
        path = tmp_path / "g.graphml"
        to_graphml(governance_graph(sound), path)
        back = nx.read_graphml(path)
        assert back.nodes["body:jmt"]["body_kind"] == "joint_management_team"

    def test_graphml_refuses_odd_values(self, sound, tmp_path):
        """A value GraphML cannot hold is a GovernanceError."""
        g = governance_graph(sound)
        g.nodes["org:c"]["bad"] = [1, 2]
        with pytest.raises(GovernanceError, match="GraphML"):
            to_graphml(g, tmp_path / "g.graphml")

    def test_node_link_is_json(self, sound):
        """Node-link data is JSON-able and keeps every node and edge."""
        g = governance_graph(sound)
        data = to_node_link(g)
        assert len(json.loads(json.dumps(data))["edges"]) == g.number_of_edges()

    def test_node_link_refuses_odd_values(self, sound):
        """A value JSON cannot hold is a GovernanceError."""
        g = governance_graph(sound)
        g.nodes["org:c"]["bad"] = object()
        with pytest.raises(GovernanceError, match="JSON"):
            to_node_link(g)
