"""Analyses of governance graphs: escalation, single points of failure, bottlenecks, contracts."""

from __future__ import annotations

import itertools
from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from typing import Final, TypeAlias, TypedDict, cast

import attrs
import networkx as nx

from collabrel.errors import GovernanceError
from collabrel.governance._backend import (
    ROOT,
    Backend,
    Escalation,
    EscalationGraph,
    collector_paused,
    compute,
    pick_backend,
)
from collabrel.governance._findings import (
    ARGS,
    GovernanceFinding,
    GovernanceReport,
    Limits,
    finding,
    limits_or_default,
    unmet,
)
from collabrel.governance._graph import Parts, graph_parts, portfolio_graph
from collabrel.governance._kinds import EDGE_ENDS, EdgeKind, NodeKind, node_key
from collabrel.governance._raci import raci_findings
from collabrel.model import BodyKind, Check, Relationship, RelationshipManagementPlan, Result

__all__ = ["analyze", "analyze_portfolio", "escalation_betweenness"]

_JOINT_KINDS: Final = frozenset(
    {BodyKind.JOINT_EXECUTIVE_BOARD.value, BodyKind.JOINT_MANAGEMENT_TEAM.value}
)
_NODE_KINDS: Final = frozenset(NodeKind)
_PERSON_OR_BODY: Final = frozenset({NodeKind.PERSON.value, NodeKind.BODY.value})
_MAX_NAMED: Final = 10
_PARTY_KINDS: Final = (NodeKind.ORGANISATION, NodeKind.BODY, NodeKind.PERSON)

Subject: TypeAlias = "Relationship | RelationshipManagementPlan | nx.Graph[str]"


class _About(TypedDict):
    """What a finding says about graph nodes: their keys, ids and document paths."""

    paths: list[str]
    subjects: list[str]
    nodes: list[str]


class _Index:
    """A governance graph read once: node kinds and edges sorted by kind, checked."""

    def __init__(self, graph: nx.Graph[str] | Parts) -> None:
        self.kind: dict[str, str] = {}
        self.edges: dict[str, list[tuple[str, str]]] = {k.value: [] for k in EdgeKind}
        if isinstance(graph, tuple):  # the parts of a relationship's graph, valid by making
            self.data: Mapping[str, Mapping[str, object]] = dict(graph[0])
            self.kind = {key: str(data["kind"]) for key, data in graph[0]}
            for u, w, k, _ in graph[1]:
                self.edges[k].append((u, w))
        else:
            self._read(graph)
        self.order = {n: i for i, n in enumerate(self.kind)}
        """Each node's place in the graph (or the plan): the order findings list nodes in."""
        self._by_kind: dict[str, list[str]] = {}
        for n, k in self.kind.items():
            self._by_kind.setdefault(k, []).append(n)

    def _read(self, graph: object) -> None:
        """Read a graph from outside, checking every node and edge kind."""
        if not isinstance(graph, nx.Graph):
            raise GovernanceError(
                "expected a Relationship, a RelationshipManagementPlan or a networkx graph"
                f" (got {type(graph).__name__})"
            )
        if not graph.is_directed():
            raise GovernanceError("a governance graph must be directed (a DiGraph or MultiDiGraph)")
        if ROOT in graph:
            raise GovernanceError(f"the node key {ROOT!r} is reserved")
        self.data = cast("Mapping[str, Mapping[str, object]]", graph.nodes)
        for n, k in cast("Iterable[tuple[str, object]]", graph.nodes(data="kind")):
            if k not in _NODE_KINDS:
                raise GovernanceError(
                    f"node {n!r} has kind {k!r}; a governance graph's nodes need a 'kind' of"
                    f" {', '.join(NodeKind)}"
                )
            self.kind[n] = str(k)
        for u, w, k in cast("Iterable[tuple[str, str, str]]", graph.edges(data="kind")):
            ends = EDGE_ENDS.get(k)
            if ends is None:
                raise GovernanceError(
                    f"edge {u!r} -> {w!r} has kind {k!r}; a governance graph's edges need a"
                    f" 'kind' of {', '.join(EdgeKind)}"
                )
            if self.kind[u] not in ends[0] or self.kind[w] not in ends[1]:
                raise GovernanceError(
                    f"edge {u!r} -> {w!r} of kind {k!r} joins a {self.kind[u]} to a"
                    f" {self.kind[w]}; it must go from {' or '.join(sorted(ends[0]))} to"
                    f" {' or '.join(sorted(ends[1]))}"
                )
            self.edges[k].append((u, w))

    def of_kind(self, kind: NodeKind) -> list[str]:
        """The nodes of `kind`, in node order (a new list)."""
        return list(self._by_kind.get(kind.value, ()))

    def ident(self, node: str) -> str:
        return str(self.data[node].get("id", node))

    def label(self, node: str) -> str:
        data = self.data[node]
        name, ident = data.get("name"), data.get("id", node)
        return f"{name} ({ident})" if name and name != ident else str(ident)

    def path(self, node: str) -> str:
        return str(self.data[node].get("path", ""))

    def about(self, nodes: Iterable[str], *, paths: Iterable[str] | None = None) -> _About:
        """A finding's `nodes`, their `subjects` (ids) and `paths` (of `paths`, or of all)."""
        listed = list(nodes)
        where = listed if paths is None else paths
        return {
            "paths": [self.path(n) for n in where],
            "subjects": [self.ident(n) for n in listed],
            "nodes": listed,
        }

    def is_joint(self, body: str) -> bool:
        data = self.data[body]
        return bool(data.get("joint", False)) or data.get("body_kind") in _JOINT_KINDS


def _names(idx: _Index, nodes: Iterable[str]) -> str:
    listed = list(nodes)
    shown = ", ".join(idx.label(n) for n in listed[:_MAX_NAMED])
    more = len(listed) - _MAX_NAMED
    return f"{shown} and {more} more" if more > 0 else shown


class _Structure:
    """Who belongs where, derived from an index."""

    def __init__(self, idx: _Index) -> None:
        kind = idx.kind
        org, body = NodeKind.ORGANISATION.value, NodeKind.BODY.value
        # a partner who has left (`member: False`) is asked for nothing any more
        self.orgs = [
            o for o in idx.of_kind(NodeKind.ORGANISATION) if idx.data[o].get("member", True)
        ]
        self.bodies = idx.of_kind(NodeKind.BODY)
        self.people = idx.of_kind(NodeKind.PERSON)
        self.activities = idx.of_kind(NodeKind.ACTIVITY)
        self.person_orgs: dict[str, list[str]] = {}
        self.org_people: dict[str, list[str]] = {}
        self.seats: dict[str, set[str]] = {}
        self.chaired: dict[str, set[str]] = {}
        self.body_people: dict[str, set[str]] = {}
        for u, w in idx.edges[EdgeKind.MEMBER_OF]:
            if kind[w] == org:
                self.person_orgs.setdefault(u, []).append(w)
                self.org_people.setdefault(w, []).append(u)
            else:
                self.seats.setdefault(u, set()).add(w)
                self.body_people.setdefault(w, set()).add(u)
        self.acting = self._acting(idx)
        for u, w in idx.edges[EdgeKind.CHAIRS]:
            self.chaired.setdefault(u, set()).add(w)
            self.seats.setdefault(u, set()).add(w)
            self.body_people.setdefault(w, set()).add(u)
        self.escalation = idx.edges[EdgeKind.ESCALATES_TO] + idx.edges[EdgeKind.REPORTS_TO]
        self.accountable: dict[str, list[str]] = {}
        for u, w in idx.edges[EdgeKind.ACCOUNTABLE_FOR]:
            self.accountable.setdefault(w, []).append(u)
        self.responsible: dict[str, list[str]] = {}
        for u, w in idx.edges[EdgeKind.RESPONSIBLE_FOR]:
            self.responsible.setdefault(w, []).append(u)
        self.subs = idx.edges[EdgeKind.SUBCONTRACTS_TO]
        self.principals: dict[str, list[str]] = {}
        for u, w in self.subs:
            self.principals.setdefault(w, []).append(u)
        # a graph lists edges by source node, a relationship by section: put lists of nodes
        # in node order so that both give the same findings in the same order
        order = idx.order.__getitem__
        for lists in (self.accountable, self.responsible, self.principals, self.org_people):
            for nodes in lists.values():
                if len(nodes) > 1:
                    nodes.sort(key=order)
        self.direct = [o for o in self.orgs if o not in self.principals]
        escalating = {u for u, _ in self.escalation if kind[u] == body}
        self.tops = [b for b in self.bodies if b not in escalating]
        wanted = set(self.direct)
        self.qualified = [
            t
            for t in self.tops
            if idx.data[t].get("body_kind") == BodyKind.JOINT_EXECUTIVE_BOARD.value
            or wanted <= self.represented(t)
        ]

    def _acting(self, idx: _Index) -> dict[str, list[str]]:
        """Whom each person acts for besides their employer, added to their organisations.

        A person acting for another organisation sits and escalates for it as for their own.
        """
        acting: dict[str, list[str]] = {}
        for u, w in idx.edges[EdgeKind.ACTS_FOR]:
            acting.setdefault(u, []).append(w)
            if w not in self.person_orgs.setdefault(u, []):
                self.person_orgs[u].append(w)
                self.org_people.setdefault(w, []).append(u)
        return acting

    def represented(self, body: str) -> set[str]:
        return {o for p in self.body_people.get(body, ()) for o in self.person_orgs.get(p, ())}

    def route_holders(self, activity: str) -> list[str]:
        return self.accountable.get(activity) or self.responsible.get(activity, [])

    def escalation_edges(self) -> list[tuple[str, str]]:
        """Who escalates to whom: people, bodies upwards, activities to their holders.

        A person escalates to their organisation and their bodies; an activity to the party
        accountable (or else responsible) for it.
        """
        edges = [(o, p) for p, os in self.person_orgs.items() for o in os]
        edges.extend((p, b) for p, bodies in self.seats.items() for b in bodies)
        edges.extend(self.escalation)
        edges.extend((a, h) for a in self.activities for h in self.route_holders(a))
        return edges


def analyze(
    subject: Subject,
    *,
    as_of: date | None = None,
    limits: Limits | None = None,
    samples: int | None = 200,
    seed: int = 0,
    backend: Backend = "auto",
) -> GovernanceReport:
    """Analyse a relationship's governance (or a governance graph) and report what is wrong.

    For a relationship (or a plan's relationship) the RACI matrix is validated first (see
    `validate_raci`; a matrix in an alphabet whose
    accountable and responsible letters are unknown gives one `GOV.RACI.UNKNOWN_ALPHABET`
    finding, not assessable); then its
    `governance_graph`, or the graph given, is
    analysed:

    - `GOV.ESCALATION.CYCLE`: escalation loops (major);
    - `GOV.ESCALATION.NO_TOP`: no body at the top of the escalation ladder has a member from
      every party to the agreement (major);
    - `GOV.JOINT_BODY.UNREPRESENTED`: a joint body lacks a member from some party (major
      when it has members from one party only, else minor);
    - `GOV.ESCALATION.NO_ROUTE`: an organisation has no escalation route to the top body
      (major; minor for a subcontractor); `GOV.ESCALATION.ACTIVITY_NO_ROUTE`: nor has an
      activity's accountable party (minor);
    - `GOV.SUBCONTRACT.INDIRECT`: an organisation reaches the top only through a
      subcontractor (minor);
    - `GOV.SPOF.PERSON` / `GOV.SPOF.BODY`: a person (major) or a body below the top (minor)
      whose removal cuts organisations off from the top (a dominator of their routes);
    - `GOV.KEY_PERSON.CONCENTRATION`: a person with more seats or chairs than the limits
      (minor);
    - `GOV.BOTTLENECK.ACCOUNTABLE`: a person accountable for more activities than the
      limit (minor); `GOV.BOTTLENECK.CENTRALITY`: a person whose escalation betweenness is
      above the limit (observation);
    - `GOV.SUBCONTRACT.TOO_DEEP`: a subcontracting chain deeper than the limit (minor);
      `GOV.SUBCONTRACT.CYCLE`: organisations subcontracting to each other in a loop (major).

    The organisations asked for representation and routes are the partners taking part on
    `as_of`, or as the plan stands without it: one who has left (`Partner.left_on`; a graph
    node with `member` false) is left out, its people and their history kept. A person
    stands for every organisation they act for (`Relationship.acting_for`: their employer
    and, on `as_of`, each organisation they are seconded to, agent of or representative
    for; an `acts_for` edge of a graph): their seats represent it on joint bodies and its
    escalation runs through them, so a seconded person who is the only route of two
    organisations is a single point of failure of both (`GOV.SPOF.PERSON`, with a check
    naming whom they act for).

    Args:
        subject: A `Relationship`, a
            `RelationshipManagementPlan` with a
            relationship, or a directed networkx graph with the node and edge `kind`
            attributes of a governance graph.
        as_of: The day the relationship is judged on (see `governance_graph`); `None`
            for the plan as it stands after every date it records. A graph is analysed
            as it was drawn.
        limits: Thresholds; `Limits()` by default.
        samples: Source nodes sampled for betweenness (networkx's `k`); `None` for the exact
            value. Graphs with no more nodes than this are computed exactly.
        seed: Seed of the sample, so results repeat.
        backend: `"networkx"`, `"igraph"` (the `igraph` extra; same results, much faster on
            large graphs) or `"auto"` (igraph for large graphs when it is installed).

    Returns:
        The findings; an empty report when nothing is wrong. The input is never changed.

    Raises:
        GovernanceError: If the subject cannot be analysed: a plan without a relationship,
            a graph that is undirected or has a node or edge without a known `kind`, an
            unknown backend; or an argument of the wrong type (`as_of` not a date,
            `limits` not `Limits`,
            `samples` not `None` or an integer of at least 2, `seed` not an integer; the
            message names it).
        ImportError: If `backend="igraph"` and python-igraph is not installed.

    Examples:
        >>> from collabrel import examples
        >>> report = analyze(examples.load("flawed"))
        >>> "GOV.ESCALATION.CYCLE" in report.requirements
        True
        >>> analyze(examples.load("alliance")).nonconformities
        ()
    """
    rel = _relationship_of(subject)
    lim = limits_or_default(limits)
    with collector_paused():
        if rel is not None:
            # the analyses need no MultiDiGraph, nor the edges' data: save building them
            idx = _Index(graph_parts(rel, as_of, detail=False))
            findings = _raci_or_why_not(rel, lim)
        else:
            idx = _Index(subject)  # type: ignore[arg-type] # not a relationship: a graph, checked
            findings = []
        findings.extend(_graph_findings(idx, lim, samples, seed, backend))
        return GovernanceReport(findings=findings)


def _raci_or_why_not(rel: Relationship, limits: Limits) -> list[GovernanceFinding]:
    """The RACI findings, or one saying why the matrix cannot be judged."""
    raci = rel.governance.raci
    try:
        return raci_findings(raci, None, limits, party_node=_party_resolver(rel).get)
    except GovernanceError as exc:
        return [
            finding(
                "GOV.RACI.UNKNOWN_ALPHABET",
                Result.NOT_ASSESSABLE,
                f"The responsibility matrix cannot be judged: {exc}",
                paths=["relationship.governance.raci.alphabet"],
                remediation="Use RACI, RASCI, RACI-VS or DACI, or validate the matrix with"
                " validate_raci and a RaciAlphabet that says which letter is which role.",
            )
        ]


def _relationship_of(subject: object) -> Relationship | None:
    if isinstance(subject, RelationshipManagementPlan):
        if subject.relationship is None:
            raise GovernanceError("the plan has no relationship to analyse")
        return subject.relationship
    if isinstance(subject, Relationship):
        return subject
    return None


def _party_resolver(rel: Relationship) -> dict[str, str]:
    """A RACI party id to its node key (people first, then bodies, then partners)."""
    org, body, person = (node_key(k, "") for k in _PARTY_KINDS)
    out = {p.id: org + p.id for p in rel.partners}
    out.update((b.id, body + b.id) for b in rel.governance.bodies)
    out.update((h.id, person + h.id) for h in rel.people)
    return out


def _check_samples(samples: int | None, seed: int) -> None:
    if samples is not None:
        ARGS.count("samples", samples, least=2)
    ARGS.count("seed", seed, least=None)


def _graph_findings(
    idx: _Index, limits: Limits, samples: int | None, seed: int, backend: Backend
) -> list[GovernanceFinding]:
    _check_samples(samples, seed)
    s = _Structure(idx)
    chosen = pick_backend(backend, len(idx.kind))
    escalation = EscalationGraph(
        list(idx.kind), s.escalation_edges(), [(w, u) for u, w in s.subs], s.qualified
    )
    esc = compute(escalation, samples=samples, seed=seed, backend=chosen)
    out = list(_cycles(idx, s))
    out.extend(_tops(idx, s))
    out.extend(_joint_bodies(idx, s))
    if s.qualified:
        out.extend(_routes(idx, s, esc))
        out.extend(_dominators(idx, s, esc))
    out.extend(_key_people(idx, s, limits))
    out.extend(_bottlenecks(idx, esc, limits))
    out.extend(_subcontracting(idx, s, limits))
    return out


def _loops(
    idx: _Index, graph: nx.DiGraph[str]
) -> Iterator[tuple[list[str], list[tuple[str, str]]]]:
    """Each loop of `graph` (its members, its edges), one per strongly connected part.

    Parts come in no fixed order from networkx, so each loop starts at the member the plan
    lists first, and the loops come in the order of their first members; the findings are
    then the same on every run.
    """
    order = idx.order
    parts = [(min(c, key=order.__getitem__), c) for c in nx.strongly_connected_components(graph)]
    for first, component in sorted(parts, key=lambda part: order[part[0]]):
        if len(component) == 1 and not graph.has_edge(first, first):
            continue
        loop = [(u, w) for u, w, *_ in nx.find_cycle(graph.subgraph(component), source=first)]
        yield [u for u, _ in loop], loop


def _cycles(idx: _Index, s: _Structure) -> Iterator[GovernanceFinding]:
    graph: nx.DiGraph[str] = nx.DiGraph(s.escalation)
    kinds = {
        tuple(e): k for k in (EdgeKind.ESCALATES_TO, EdgeKind.REPORTS_TO) for e in idx.edges[k]
    }
    for members, loop in _loops(idx, graph):
        yield finding(
            "GOV.ESCALATION.CYCLE",
            Result.MAJOR,
            "Escalation loops: " + " -> ".join(idx.ident(n) for n in [*members, members[0]]),
            **idx.about(members),
            edges=[(u, w, kinds[(u, w)]) for u, w in loop],
            remediation="Break the loop: one body in the chain must escalate to a joint"
            " executive body that escalates to nobody.",
        )


def _tops(idx: _Index, s: _Structure) -> list[GovernanceFinding]:
    if s.qualified or not s.orgs:
        return []
    direct = set(s.direct)
    checks = [
        unmet(
            f"top body {idx.label(t)} has a member from every party",
            "missing: " + (", ".join(sorted(idx.ident(o) for o in direct - s.represented(t)))),
            idx.path(t) or None,
        )
        for t in s.tops
    ]
    if not s.tops:
        checks.append(
            unmet(
                "a body that escalates to nobody",
                "every body escalates further" if s.bodies else "no bodies",
            )
        )
    return [
        finding(
            "GOV.ESCALATION.NO_TOP",
            Result.MAJOR,
            "No governance body at the top of the escalation ladder has a member from every"
            " party, so nothing can be escalated to the joint executive level",
            **idx.about(s.tops),
            checks=checks,
            remediation="Set up a joint executive board with a member from every party to the"
            " agreement, escalating to nobody, and make the other bodies escalate to it.",
        )
    ]


def _joint_bodies(idx: _Index, s: _Structure) -> Iterator[GovernanceFinding]:
    for b in s.bodies:
        if not idx.is_joint(b):
            continue
        present = s.represented(b) & set(s.direct)
        missing = [o for o in s.direct if o not in present]
        if not missing:
            continue
        yield finding(
            "GOV.JOINT_BODY.UNREPRESENTED",
            Result.MAJOR if len(present) <= 1 else Result.MINOR,
            f"Joint body {idx.label(b)} has no member from {_names(idx, missing)}",
            **idx.about([b, *missing], paths=[b]),
            expected="a member from every party to the agreement",
            observed=f"{len(present)} of {len(s.direct)} parties represented",
            remediation="Appoint a member from each missing party.",
        )


def _routes(idx: _Index, s: _Structure, esc: Escalation) -> Iterator[GovernanceFinding]:
    top = _names(idx, s.qualified)
    for o in s.orgs:
        if o in esc.reach:
            continue
        people = s.org_people.get(o, [])
        bodies = sorted({b for p in people for b in s.seats.get(p, ())})
        sub = o in s.principals
        yield finding(
            "GOV.ESCALATION.NO_ROUTE",
            Result.MINOR if sub else Result.MAJOR,
            f"Organisation {idx.label(o)} has no escalation route to {top}",
            paths=[idx.path(o)],
            subjects=[idx.ident(o)],
            nodes=[o, *people, *bodies],
            checks=[
                Check(
                    description="people of the organisation",
                    observed=", ".join(idx.ident(p) for p in people) or "none",
                ),
                unmet(
                    "bodies they sit on, none leading to the top",
                    ", ".join(idx.ident(b) for b in bodies) or "none",
                ),
            ],
            remediation="Give the organisation a seat on a body that escalates to the"
            " joint executive level.",
        )
    for a in s.activities:
        holders = s.route_holders(a)
        if not holders or a in esc.reach:
            continue
        yield finding(
            "GOV.ESCALATION.ACTIVITY_NO_ROUTE",
            Result.MINOR,
            f"Activity {idx.label(a)} has no escalation route to {top}: its accountable"
            f" party {_names(idx, holders)} cannot escalate",
            **idx.about([a, *holders], paths=[a]),
            remediation="Make the activity's accountable party a body, or a member of a"
            " body, that escalates to the joint executive level.",
        )
    if esc.reach_direct is not None:
        for o in s.orgs:
            if o in esc.reach_direct or o not in esc.reach:
                continue
            via = [p for p in s.principals.get(o, ()) if p in esc.reach]
            if via and all(p in s.principals for p in via):
                yield finding(
                    "GOV.SUBCONTRACT.INDIRECT",
                    Result.MINOR,
                    f"Organisation {idx.label(o)} reaches the top body only through"
                    f" subcontractor {_names(idx, via)}",
                    **idx.about([o, *via], paths=[o]),
                    edges=[(p, o, EdgeKind.SUBCONTRACTS_TO.value) for p in via],
                    remediation="Give the organisation its own line to a party to the"
                    " agreement, or a seat on a governance body.",
                )


def _dominators(idx: _Index, s: _Structure, esc: Escalation) -> Iterator[GovernanceFinding]:
    tops = set(s.qualified)
    cut: dict[str, list[str]] = {}
    for o in s.orgs:
        if o not in esc.reach:
            continue
        d = esc.idom.get(o, ROOT)
        while d != ROOT:
            if d not in tops and idx.kind[d] in _PERSON_OR_BODY:
                cut.setdefault(d, []).append(o)
            d = esc.idom.get(d, ROOT)
    for d in sorted(cut, key=idx.order.__getitem__):
        orgs = cut[d]
        person = idx.kind[d] == NodeKind.PERSON
        what = "person" if person else "body"
        acting = [o for o in s.acting.get(d, ()) if o in orgs]
        checks = []
        if acting:
            employer = idx.data[d].get("organisation")
            checks.append(
                Check(
                    description="organisations the person acts for besides their employer",
                    observed=", ".join(idx.ident(o) for o in acting)
                    + (f" (employed by {employer})" if employer else ""),
                )
            )
        yield finding(
            "GOV.SPOF.PERSON" if person else "GOV.SPOF.BODY",
            Result.MAJOR if person else Result.MINOR,
            f"Every escalation route of {_names(idx, orgs)} to the top passes through"
            f" {what} {idx.label(d)}",
            **idx.about([d, *orgs]),
            checks=checks,
            expected=f"a route to the top that avoids {idx.ident(d)}",
            observed=f"{len(orgs)} organisation(s) cut off without it",
            remediation="Give the organisations a second route: another member on the"
            " joint bodies, or a deputy.",
        )


def _key_people(idx: _Index, s: _Structure, limits: Limits) -> Iterator[GovernanceFinding]:
    # only people sit on and chair bodies: look at those over a limit, in node order
    over = {p for p, seats in s.seats.items() if len(seats) > limits.max_seats}
    over.update(p for p, chairs in s.chaired.items() if len(chairs) > limits.max_chairs)
    for p in sorted(over, key=idx.order.__getitem__):
        seats = s.seats.get(p, set())
        chairs = s.chaired.get(p, set())
        order = sorted(seats, key=idx.ident)
        yield finding(
            "GOV.KEY_PERSON.CONCENTRATION",
            Result.MINOR,
            f"{idx.label(p)} sits on {len(seats)} bodies and chairs {len(chairs)}",
            **idx.about([p, *order]),
            checks=[
                Check(
                    description=f"at most {limits.max_seats} seats",
                    passed=len(seats) <= limits.max_seats,
                    observed=str(len(seats)),
                ),
                Check(
                    description=f"at most {limits.max_chairs} chairs",
                    passed=len(chairs) <= limits.max_chairs,
                    observed=str(len(chairs)),
                ),
            ],
            remediation="Share the seats and chairs among more people.",
        )


def _bottlenecks(idx: _Index, esc: Escalation, limits: Limits) -> Iterator[GovernanceFinding]:
    load: dict[str, list[str]] = {}
    person = NodeKind.PERSON.value
    for u, w in idx.edges[EdgeKind.ACCOUNTABLE_FOR]:
        if idx.kind[u] == person:
            load.setdefault(u, []).append(w)
    order = idx.order.__getitem__
    for p in sorted(
        (p for p, acts in load.items() if len(acts) > limits.max_accountable), key=order
    ):
        acts = load[p]
        yield finding(
            "GOV.BOTTLENECK.ACCOUNTABLE",
            Result.MINOR,
            f"{idx.label(p)} is accountable for {len(acts)} activities"
            f" (more than {limits.max_accountable})",
            **idx.about([p, *acts]),
            edges=[(p, a, EdgeKind.ACCOUNTABLE_FOR.value) for a in acts],
            checks=[
                unmet(
                    f"accountable for at most {limits.max_accountable}",
                    str(len(acts)),
                ),
                Check(
                    description="escalation betweenness",
                    observed=f"{esc.betweenness.get(p, 0.0):.4f}",
                ),
            ],
            remediation="Delegate accountability to other people or to joint bodies.",
        )
    central = (
        p
        for p, score in esc.betweenness.items()
        if not score <= limits.max_betweenness and idx.kind.get(p) == person
    )
    for p in sorted(central, key=order):
        score = esc.betweenness[p]
        yield finding(
            "GOV.BOTTLENECK.CENTRALITY",
            Result.OBSERVATION,
            f"{idx.label(p)} lies on {score:.0%} of the escalation routes (betweenness"
            f" above {limits.max_betweenness:.2f})",
            **idx.about([p]),
            expected=f"betweenness at most {limits.max_betweenness:.2f}",
            observed=f"{score:.4f}",
            remediation="Spread escalation across more people: deputies, or more members"
            " on the bodies this person links.",
        )


def _subcontracting(idx: _Index, s: _Structure, limits: Limits) -> Iterator[GovernanceFinding]:
    if not s.subs:
        return
    below: dict[str, list[str]] = {}
    for u, w in s.subs:
        below.setdefault(u, []).append(w)
    depth = dict.fromkeys(s.direct, 0)
    parent: dict[str, str] = {}
    queue = deque(s.direct)
    while queue:
        u = queue.popleft()
        for w in below.get(u, ()):
            if w not in depth:
                depth[w] = depth[u] + 1
                parent[w] = u
                queue.append(w)
    for o in s.orgs:
        if depth.get(o, 0) <= limits.max_subcontract_depth:
            continue
        chain = [o]
        while chain[-1] in parent:
            chain.append(parent[chain[-1]])
        chain.reverse()
        yield finding(
            "GOV.SUBCONTRACT.TOO_DEEP",
            Result.MINOR,
            f"Organisation {idx.label(o)} is {depth[o]} subcontracts deep (more than"
            f" {limits.max_subcontract_depth}): " + " -> ".join(idx.ident(n) for n in chain),
            **idx.about(chain, paths=chain[1:]),
            edges=[(u, w, EdgeKind.SUBCONTRACTS_TO.value) for u, w in itertools.pairwise(chain)],
            remediation="Shorten the chain: contract the work closer to the parties to the"
            " agreement.",
        )
    yield from _subcontract_cycles(idx, s)


def _subcontract_cycles(idx: _Index, s: _Structure) -> Iterator[GovernanceFinding]:
    for members, loop in _loops(idx, nx.DiGraph(s.subs)):
        yield finding(
            "GOV.SUBCONTRACT.CYCLE",
            Result.MAJOR,
            "Organisations subcontract to each other in a loop: "
            + " -> ".join(idx.ident(n) for n in [*members, members[0]]),
            **idx.about(members),
            edges=[(u, w, EdgeKind.SUBCONTRACTS_TO.value) for u, w in loop],
            remediation="Correct the subcontracting records: a principal cannot be its own"
            " subcontractor's subcontractor.",
        )


def escalation_betweenness(
    subject: Subject,
    *,
    as_of: date | None = None,
    samples: int | None = 200,
    seed: int = 0,
    backend: Backend = "auto",
) -> dict[str, float]:
    """The betweenness of every node on the escalation graph, by node key.

    The escalation graph runs upward: organisation to its people, person to the bodies they
    sit on, body to the body it escalates or reports to, activity to its accountable party
    (responsible when nobody is accountable), subcontractor to its principal. A high value
    means many escalation routes pass through the node: a decision bottleneck. The values
    are networkx's normalised, directed `betweenness_centrality`, sampled from `samples`
    seeded sources. A relationship is drawn on `as_of` as `analyze` draws it.

    Raises:
        GovernanceError: As `analyze` does.
        ImportError: If `backend="igraph"` and python-igraph is not installed.

    Examples:
        >>> from collabrel import examples
        >>> scores = escalation_betweenness(examples.load("alliance"))
        >>> max(scores, key=scores.__getitem__)
        'body:amt'
    """
    _check_samples(samples, seed)
    rel = _relationship_of(subject)
    with collector_paused():
        idx = _Index(graph_parts(rel, as_of, detail=False) if rel is not None else subject)  # type: ignore[arg-type]
        s = _Structure(idx)
        base = s.escalation_edges()
        base.extend((w, u) for u, w in s.subs)
        esc = compute(
            EscalationGraph(list(idx.kind), base),
            samples=samples,
            seed=seed,
            backend=pick_backend(backend, len(idx.kind)),
        )
        return esc.betweenness


def analyze_portfolio(
    relationships: Iterable[Relationship],
    *,
    as_of: date | None = None,
    limits: Limits | None = None,
    samples: int | None = 200,
    seed: int = 0,
    backend: Backend = "auto",
) -> GovernanceReport:
    """Analyse many relationships: each one alone, then the people they share.

    Each relationship is analysed on `as_of` as `analyze` does; its
    findings' messages start with `[relationship id]` and their paths with
    `relationships[i]`. Then, over the `portfolio_graph`
    (people are the same person across relationships when their ids are equal):

    - `GOV.PORTFOLIO.KEY_PERSON`: a person in several relationships with more seats or chairs
      in all of them together than the limits allow (minor);
    - `GOV.PORTFOLIO.BOTTLENECK`: a person in several relationships accountable for more
      activities in all of them together than the limit (minor).

    Raises:
        GovernanceError: As `analyze` and `portfolio_graph` do.
        ImportError: If `backend="igraph"` and python-igraph is not installed.

    Examples:
        >>> from collabrel import examples
        >>> rels = [examples.load(n).relationship for n in ("alliance", "flawed")]
        >>> report = analyze_portfolio(rels)
        >>> report.select("GOV.ESCALATION.CYCLE")[0].message
        '[harbour-maintenance] Escalation loops: jmt -> board -> jmt'
    """
    rels = list(ARGS.items("relationships", relationships, Relationship))
    lim = limits_or_default(limits)
    with collector_paused():
        graph = portfolio_graph(rels, as_of=as_of)
        out: list[GovernanceFinding] = []
        for i, rel in enumerate(rels):
            here = f"relationships[{i}]"
            found = analyze(
                rel, as_of=as_of, limits=lim, samples=samples, seed=seed, backend=backend
            )
            out.extend(
                attrs.evolve(
                    f,
                    message=f"[{rel.id}] {f.message}",
                    paths=[here + p.removeprefix("relationship") for p in f.paths],
                )
                for f in found
            )
        out.extend(_portfolio_people(_Index(graph), lim))
        return GovernanceReport(findings=out)


def _portfolio_people(idx: _Index, limits: Limits) -> Iterator[GovernanceFinding]:
    s = _Structure(idx)
    load: dict[str, list[str]] = {}
    person = NodeKind.PERSON.value
    for u, w in idx.edges[EdgeKind.ACCOUNTABLE_FOR]:
        if idx.kind[u] == person:
            load.setdefault(u, []).append(w)
    for p in s.people:
        rels = str(idx.data[p].get("relationships", "")).split(";")
        if len(rels) < 2:  # noqa: PLR2004 - shared by at least two relationships
            continue
        seats, chairs = s.seats.get(p, set()), s.chaired.get(p, set())
        if len(seats) > limits.max_seats or len(chairs) > limits.max_chairs:
            yield finding(
                "GOV.PORTFOLIO.KEY_PERSON",
                Result.MINOR,
                f"{idx.label(p)} sits on {len(seats)} bodies and chairs {len(chairs)}"
                f" across {len(rels)} relationships ({', '.join(rels)})",
                paths=[idx.path(b) for b in sorted(seats)],
                subjects=[idx.ident(p), *rels],
                nodes=[p, *sorted(seats)],
                remediation="Share the seats and chairs among more people.",
            )
        acts = load.get(p, [])
        if len(acts) > limits.max_accountable:
            yield finding(
                "GOV.PORTFOLIO.BOTTLENECK",
                Result.MINOR,
                f"{idx.label(p)} is accountable for {len(acts)} activities across"
                f" {len(rels)} relationships ({', '.join(rels)})",
                paths=[idx.path(a) for a in acts],
                subjects=[idx.ident(p), *rels],
                nodes=[p, *acts],
                edges=[(p, a, EdgeKind.ACCOUNTABLE_FOR.value) for a in acts],
                remediation="Delegate accountability to other people or to joint bodies.",
            )
