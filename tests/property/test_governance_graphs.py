"""Governance graph analyses on generated relationships: monotone, pure, backend-independent."""

from __future__ import annotations

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from _builders import activity, client_first, consortium
from collabrel.governance import analyze, escalation_betweenness, governance_graph
from collabrel.governance._backend import has_igraph
from collabrel.model import BodyKind, GovernanceBody, Person, Relationship
from collabrel.testing import strategies as cst

KINDS = list(BodyKind)


@st.composite
def consortia(draw: st.DrawFn) -> Relationship:
    """Consortia with subcontracting, people on bodies, escalation (loops too) and a RACI."""
    n_orgs = draw(st.integers(2, 6))
    orgs = []
    for i in range(n_orgs):
        principal = draw(st.integers(-1, i - 1)) if i >= 2 else -1
        orgs.append((f"o{i}", f"Org {i}", f"o{principal}" if principal >= 0 else None))
    partners = client_first(orgs)
    people = [
        Person(id=f"p{j}", name=f"P {j}", partner_id=f"o{draw(st.integers(0, n_orgs - 1))}")
        for j in range(draw(st.integers(0, 8)))
    ]
    n_bodies = draw(st.integers(0, 5))
    bodies = []
    for b in range(n_bodies):
        members = (
            draw(st.lists(st.sampled_from([p.id for p in people]), max_size=4)) if people else []
        )
        up = draw(st.integers(-1, n_bodies - 1))
        bodies.append(
            GovernanceBody(
                id=f"b{b}",
                name=f"Body {b}",
                kind=draw(st.sampled_from(KINDS)),
                members=members,
                chair=members[0] if members and draw(st.booleans()) else None,
                escalates_to=f"b{up}" if up >= 0 and up != b else None,
            )
        )
    parties = [p.id for p in people] + [b.id for b in bodies] + [p.id for p in partners]
    codes = st.sampled_from(["A", "R", "AR", "C", "I"])
    activities = [
        activity(
            f"a{k}",
            f"A {k}",
            {
                party: draw(codes)
                for party in draw(st.lists(st.sampled_from(parties), unique=True, max_size=3))
            },
        )
        for k in range(draw(st.integers(0, 4)))
    ]
    return consortium(
        partners, people=people, bodies=bodies, activities=activities, id="r", name="R"
    )


RELATIONSHIPS = consortia()
SETTINGS = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
UNROUTED = ("GOV.ESCALATION.NO_ROUTE", "GOV.ESCALATION.ACTIVITY_NO_ROUTE")


def unrouted(graph: nx.MultiDiGraph) -> set[tuple[str, str]]:
    report = analyze(graph)
    return {(f.requirement, f.subjects[0]) for f in report if f.requirement in UNROUTED}


@SETTINGS
@given(RELATIONSHIPS, st.data())
def test_escalating_to_the_top_never_cuts_a_route(rel: Relationship, data: st.DataObject):
    """Adding an escalation edge to a top body never creates a 'no escalation route' finding."""
    graph = governance_graph(rel)
    graph.add_node("body:top", kind="body", id="top", body_kind="joint_executive_board")
    bodies = [n for n, k in graph.nodes(data="kind") if k == "body" and n != "body:top"]
    tops = [
        n
        for n, d in graph.nodes(data=True)
        if d.get("body_kind") == "joint_executive_board"
        and not any(k == "escalates_to" for _, _, k in graph.out_edges(n, keys=True))
    ]
    if not bodies:
        bodies = ["body:top"]  # no other body: escalate the new top to an old one instead
        tops = [t for t in tops if t != "body:top"] or ["body:top"]
    source = data.draw(st.sampled_from(bodies))
    target = data.draw(st.sampled_from([t for t in tops if t != source] or ["body:top"]))
    if source == target:
        return
    before = unrouted(graph)
    graph.add_edge(source, target, key="escalates_to", kind="escalates_to")
    assert unrouted(graph) <= before


@SETTINGS
@given(RELATIONSHIPS)
def test_analyses_never_change_their_input(rel: Relationship):
    """Analysing a relationship's graph leaves the graph exactly as it was."""
    graph = governance_graph(rel)
    before = nx.node_link_data(graph, edges="edges")
    analyze(graph)
    escalation_betweenness(graph)
    assert nx.node_link_data(graph, edges="edges") == before
    assert list(governance_graph(rel).edges(keys=True, data=True)) == list(
        graph.edges(keys=True, data=True)
    )


@SETTINGS
@given(RELATIONSHIPS)
def test_relationship_and_graph_agree(rel: Relationship):
    """A relationship and its governance graph give the same graph findings."""
    graph_findings = [f for f in analyze(rel) if not f.requirement.startswith("GOV.RACI.")]
    assert tuple(graph_findings) == analyze(governance_graph(rel)).findings


@pytest.mark.skipif(not has_igraph(), reason="python-igraph is not installed")
@SETTINGS
@given(RELATIONSHIPS, st.sampled_from([None, 2, 5]))
def test_backends_agree(rel: Relationship, samples: int | None):
    """igraph and networkx give the same findings and betweenness within float tolerance."""
    assert analyze(rel, backend="igraph") == analyze(rel, backend="networkx")
    fast = escalation_betweenness(rel, samples=samples, backend="igraph")
    slow = escalation_betweenness(rel, samples=samples, backend="networkx")
    assert fast.keys() == slow.keys()
    assert all(abs(fast[n] - slow[n]) < 1e-9 for n in fast)


@settings(max_examples=10, deadline=None)
@given(cst.relationships())
def test_any_valid_relationship_can_be_analysed(rel: Relationship):
    """Every relationship the public strategy draws is analysed without an error."""
    report = analyze(rel)
    assert all(f.requirement.startswith("GOV.") for f in report)
