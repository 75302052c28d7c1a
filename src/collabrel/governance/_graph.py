"""Governance graphs: a relationship (or a portfolio of them) as a typed networkx MultiDiGraph."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date, datetime
from os import PathLike
from typing import Final

import networkx as nx

from collabrel.errors import GovernanceError
from collabrel.governance._findings import ARGS
from collabrel.governance._kinds import EdgeKind, NodeKind, node_key
from collabrel.governance._raci import resolve_alphabet
from collabrel.model import PartnerRole, Relationship

__all__ = ["governance_graph", "portfolio_graph", "to_graphml", "to_node_link"]

_Attrs = dict[str, str | bool]
_EdgeSpec = tuple[str, str, str, _Attrs]
Parts = tuple[list[tuple[str, _Attrs]], list[_EdgeSpec]]
"""A graph's nodes (key, attributes) and edges (source, target, key, attributes)."""

_BARE: Final[_Attrs] = {}
"""The attributes of every edge of bare parts (`detail=False`): shared, never to be changed."""

_PRINCIPAL_ROLES: Final = (PartnerRole.CLIENT, PartnerRole.LEAD_PARTNER)


def governance_graph(
    relationship: Relationship, *, as_of: date | None = None
) -> nx.MultiDiGraph[str]:
    """The relationship's governance as a networkx `MultiDiGraph` with typed nodes and edges.

    Nodes are keyed by `node_key` (`"org:nmri"`,
    `"person:d.marsh"`, `"body:amt"`, `"activity:act-risk"`) and carry `kind` (a
    `NodeKind` value), `id`, `name`, `path` (where the
    thing is in the document) and, by kind, `role`, `subcontractor_of` and `member`
    (organisations; `member` is `False` for a partner who has left the relationship,
    `Partner.left_on`), `organisation` (people), `body_kind` and `joint` (bodies). Edges
    are keyed by their `EdgeKind` value and carry `kind` and `path`:

    - a person is a `member_of` their organisation and of each body they sit on, and
      `chairs` the bodies they chair; a person who acts for another organisation on
      `as_of` (a secondment, an agency or a delegation in force: `Relationship.acting_for`)
      `acts_for` it, the edge carrying the `representation` kind;
    - a body `escalates_to` the body above it;
    - the parties coded accountable or responsible in the RACI matrix are
      `accountable_for` / `responsible_for` the activity (DACI: Approver and Driver);
    - each party to the relationship's agreement (a partner that is not a subcontractor)
      `contracts_with` the client partners (or, without a client, the lead partners);
    - a principal `subcontracts_to` each of its subcontractors.

    The graph shows the relationship on `as_of`: a partner not taking part that day is
    marked `member: False` and a representation not in force draws no `acts_for` edge.
    Without `as_of` it shows the plan as it stands after every date it records
    (`AS_PLANNED`): partners who have left are out, and so are representations that have
    ended.

    Every value is a string or a bool, so the graph exports to GraphML as it is. The graph is
    new on every call: change it freely.

    A RACI matrix in an alphabet whose accountable and responsible letters are unknown adds
    no `accountable_for` or `responsible_for` edges.

    Raises:
        GovernanceError: If `relationship` is not a `Relationship`, or `as_of` not a date;
            never for one whose references resolve (every relationship built normally).

    Examples:
        >>> from collabrel import examples
        >>> g = governance_graph(examples.load("alliance").relationship)
        >>> g.nodes["body:amt"]["kind"], g.nodes["body:amt"]["joint"]
        ('body', True)
        >>> g.has_edge("body:amt", "body:aeb", key="escalates_to")
        True
    """
    ARGS.instance("relationship", relationship, Relationship)
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph(relationship=relationship.id)
    nodes, edges = graph_parts(relationship, as_of)
    graph.add_nodes_from(nodes)
    graph.add_edges_from(edges)  # type: ignore[arg-type] # stubs omit (u, v, key, data)
    return graph


def graph_parts(
    relationship: Relationship, as_of: date | None = None, *, detail: bool = True
) -> Parts:
    """The node and edge lists of the relationship's governance graph on `as_of`.

    With `detail=False` the parts are bare, for the analyses, which read only the nodes and
    who is joined to whom: every edge has the same empty attributes (`_BARE`) and there are
    no `contracts_with` edges, which no analysis follows. Building the graph's edge data is
    most of the cost of the parts on large relationships.

    Raises:
        GovernanceError: If `as_of` is neither `None` nor a date.
    """
    return _parts(relationship, day=day_of(as_of), detail=detail)


def day_of(as_of: date | None) -> date:
    """The day a graph shows: `as_of`, or `AS_PLANNED` without one.

    Raises:
        GovernanceError: If `as_of` is neither `None` nor a date (a datetime is refused).
    """
    if as_of is None:
        return AS_PLANNED
    if isinstance(as_of, datetime) or not isinstance(as_of, date):
        raise GovernanceError(f"as_of must be a date or None (got {type(as_of).__name__})")
    return as_of


def _parts(
    rel: Relationship, prefix: str = "", day: date | None = None, *, detail: bool = True
) -> Parts:
    """Nodes and edges of `rel`'s graph on `day`; body and activity keys get `prefix`.

    Without `day` the graph shows the plan `AS_PLANNED`; `prefix` keys a portfolio's bodies
    and activities within their relationship; without `detail` the parts are bare (see
    `graph_parts`).

    In order: the partners (and who subcontracts to whom), the agreement's contracts, the
    people, the governance bodies, the RACI matrix's activities.
    """
    nodes: list[tuple[str, _Attrs]] = []
    edges: list[_EdgeSpec] = []
    on = AS_PLANNED if day is None else day
    _partner_parts(rel, on, nodes, edges, detail=detail)
    if detail:
        _contract_edges(rel, edges)
    _people_parts(rel, on, nodes, edges, detail=detail)
    _body_parts(rel, prefix, nodes, edges, detail=detail)
    edges.extend(_raci_edges(rel, prefix, nodes, detail=detail))
    return nodes, edges


# Keys are built inline below (node_key's checks cost a third of the build on large graphs).
_ORG_KEY: Final = node_key(NodeKind.ORGANISATION, "")
_PERSON_KEY: Final = node_key(NodeKind.PERSON, "")
_ROOT: Final = "relationship"
AS_PLANNED: Final = date.max
"""The day a relationship's graph shows it on: after every date the plan records, so a
partner who has left (`Partner.left_on`) is marked `member: False` and one who joined
later takes part."""


def _partner_parts(
    rel: Relationship,
    day: date,
    nodes: list[tuple[str, _Attrs]],
    edges: list[_EdgeSpec],
    *,
    detail: bool,
) -> None:
    """An organisation node per partner; a principal `subcontracts_to` its subcontractors."""
    org = NodeKind.ORGANISATION.value
    for i, p in enumerate(rel.partners):
        attrs: _Attrs = {
            "kind": org,
            "id": p.id,
            "name": p.name,
            "role": p.role.value,
            "path": f"{_ROOT}.partners[{i}]",
        }
        if not p.is_member_on(day):
            attrs["member"] = False
        if p.subcontractor_of is not None:
            attrs["subcontractor_of"] = p.subcontractor_of
            edges.append(
                _edge(
                    _ORG_KEY + p.subcontractor_of,
                    _ORG_KEY + p.id,
                    EdgeKind.SUBCONTRACTS_TO,
                    f"{_ROOT}.partners[{i}].subcontractor_of" if detail else None,
                )
            )
        nodes.append((_ORG_KEY + p.id, attrs))


def _contract_edges(rel: Relationship, edges: list[_EdgeSpec]) -> None:
    """Each party to the agreement `contracts_with` the clients (or else the lead partners)."""
    principals = [p.id for p in rel.partners if p.role is PartnerRole.CLIENT] or [
        p.id for p in rel.partners if p.role is PartnerRole.LEAD_PARTNER
    ]
    for i, p in enumerate(rel.partners):
        if p.subcontractor_of is None and p.id not in principals:
            edges.extend(
                _edge(
                    _ORG_KEY + p.id,
                    _ORG_KEY + q,
                    EdgeKind.CONTRACTS_WITH,
                    f"{_ROOT}.partners[{i}]",
                )
                for q in principals
            )


def _people_parts(
    rel: Relationship,
    day: date,
    nodes: list[tuple[str, _Attrs]],
    edges: list[_EdgeSpec],
    *,
    detail: bool,
) -> None:
    """A node per person, a `member_of` their organisation; `acts_for` whom they act for."""
    member, acts = EdgeKind.MEMBER_OF.value, EdgeKind.ACTS_FOR.value
    person = NodeKind.PERSON.value
    for i, h in enumerate(rel.people):
        key = _PERSON_KEY + h.id
        nodes.append(
            (
                key,
                {
                    "kind": person,
                    "id": h.id,
                    "name": h.name,
                    "organisation": h.partner_id,
                    "path": f"{_ROOT}.people[{i}]",
                },
            )
        )
        edges.append(
            (
                key,
                _ORG_KEY + h.partner_id,
                member,
                _attrs(member, nodes[-1][1]) if detail else _BARE,
            )
        )
        if not h.acts_for:
            continue
        acting = rel.acting_for(h.id, day)
        for j, r in enumerate(h.acts_for):
            if r.partner_id in acting and r.is_in_force_on(day):
                acting = tuple(o for o in acting if o != r.partner_id)  # the first one counts
                edges.append(
                    (
                        key,
                        _ORG_KEY + r.partner_id,
                        acts,
                        {
                            "kind": acts,
                            "path": f"{_ROOT}.people[{i}].acts_for[{j}]",
                            "representation": r.kind.value,
                        }
                        if detail
                        else _BARE,
                    )
                )


def _body_parts(
    rel: Relationship,
    prefix: str,
    nodes: list[tuple[str, _Attrs]],
    edges: list[_EdgeSpec],
    *,
    detail: bool,
) -> None:
    """A node per body; its members and chair, and the body it `escalates_to`."""
    member, chairs = EdgeKind.MEMBER_OF.value, EdgeKind.CHAIRS.value
    body_key = node_key(NodeKind.BODY, prefix)
    for i, b in enumerate(rel.governance.bodies):
        here = f"{_ROOT}.governance.bodies[{i}]"
        key = body_key + b.id
        nodes.append(
            (
                key,
                {
                    "kind": NodeKind.BODY.value,
                    "id": b.id,
                    "name": b.name,
                    "body_kind": b.kind.value,
                    "joint": b.is_joint,
                    "path": here,
                },
            )
        )
        if detail:
            edges.extend(
                (_PERSON_KEY + m, key, member, {"kind": member, "path": f"{here}.members[{j}]"})
                for j, m in enumerate(b.members)
            )
        else:
            edges.extend((_PERSON_KEY + m, key, member, _BARE) for m in b.members)
        if b.chair is not None:
            edges.append(
                (
                    _PERSON_KEY + b.chair,
                    key,
                    chairs,
                    _path(chairs, f"{here}.chair" if detail else None),
                )
            )
        if b.escalates_to is not None:
            edges.append(
                _edge(
                    key,
                    body_key + b.escalates_to,
                    EdgeKind.ESCALATES_TO,
                    f"{here}.escalates_to" if detail else None,
                )
            )


def _raci_edges(
    rel: Relationship, prefix: str, nodes: list[tuple[str, _Attrs]], *, detail: bool
) -> list[_EdgeSpec]:
    matrix = rel.governance.raci
    try:
        abc = resolve_alphabet(None, matrix.alphabet)
    except GovernanceError:
        return []  # an alphabet without accountable and responsible letters draws no edges
    people = {h.id for h in rel.people}
    bodies = {b.id for b in rel.governance.bodies}

    person_key, body_key = node_key(NodeKind.PERSON, ""), node_key(NodeKind.BODY, prefix)
    org_key, activity_key = node_key(NodeKind.ORGANISATION, ""), node_key(NodeKind.ACTIVITY, prefix)

    def party(ident: str) -> str:
        if ident in people:
            return person_key + ident
        if ident in bodies:
            return body_key + ident
        return org_key + ident

    edges: list[_EdgeSpec] = []
    acc, resp = EdgeKind.ACCOUNTABLE_FOR.value, EdgeKind.RESPONSIBLE_FOR.value
    activity = NodeKind.ACTIVITY.value
    for i, row in enumerate(matrix.activities):
        here = f"relationship.governance.raci.activities[{i}]"
        key = activity_key + row.id
        nodes.append((key, {"kind": activity, "id": row.id, "name": row.name, "path": here}))
        for j, a in enumerate(row.assignments):
            where = f"{here}.assignments[{j}]" if detail else None
            if abc.accountable in a.codes:
                edges.append((party(a.party), key, acc, _path(acc, where)))
            if abc.responsible in a.codes:
                edges.append((party(a.party), key, resp, _path(resp, where)))
    return edges


def _edge(u: str, w: str, kind: EdgeKind, path: str | None) -> _EdgeSpec:
    """An edge with its kind and path; a bare one (`_BARE`) without a path."""
    return (u, w, kind.value, _BARE if path is None else {"kind": kind.value, "path": path})


def _path(kind: str, path: str | None) -> _Attrs:
    return _BARE if path is None else {"kind": kind, "path": path}


def _attrs(kind: str, person: _Attrs) -> _Attrs:
    return {"kind": kind, "path": str(person["path"]) + ".partner_id"}


def portfolio_graph(
    relationships: Iterable[Relationship], *, as_of: date | None = None
) -> nx.MultiDiGraph[str]:
    """One graph of many relationships: who partners with whom, and through which governance.

    Organisations and people are shared between relationships by id (the same id is taken
    to be the same organisation or person); each relationship adds a `relationship` node
    that its partners are `party_to`, and its bodies and activities are keyed within it
    (`"body:<relationship id>/<body id>"`). Every node and edge carries the `relationship`
    ids it comes from (`relationships`, joined with `;` on shared nodes; `relationship` on
    edges) and paths start at `relationships[i]`. Each relationship is drawn on `as_of` as
    `governance_graph` draws it.

    Raises:
        GovernanceError: If `relationships` is not an iterable of `Relationship`, two
            relationships have the same id, or `as_of` is not a date.

    Examples:
        >>> from collabrel import examples
        >>> rels = [examples.load(n).relationship for n in ("alliance", "flawed")]
        >>> g = portfolio_graph(rels)
        >>> sorted(n for n, k in g.nodes(data="kind") if k == "relationship")
        ['relationship:harbour-maintenance', 'relationship:nrra']
        >>> "body:nrra/amt" in g
        True
    """
    day = day_of(as_of)
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    seen: set[str] = set()
    party = EdgeKind.PARTY_TO.value
    for i, rel in enumerate(ARGS.items("relationships", relationships, Relationship)):
        if rel.id in seen:
            raise GovernanceError(f"relationship id {rel.id!r} appears twice in the portfolio")
        seen.add(rel.id)
        here = f"relationships[{i}]"
        nodes, edges = _parts(rel, prefix=f"{rel.id}/", day=day)
        rel_key = node_key(NodeKind.RELATIONSHIP, rel.id)
        graph.add_node(
            rel_key,
            kind=NodeKind.RELATIONSHIP.value,
            id=rel.id,
            name=rel.name,
            path=here,
            relationships=rel.id,
        )
        for key, attrs in nodes:
            attrs["path"] = here + str(attrs["path"]).removeprefix("relationship")
            if key in graph:
                old = graph.nodes[key]
                old["relationships"] = f"{old['relationships']};{rel.id}"
            else:
                graph.add_node(key, **attrs, relationships=rel.id)
        more: list[_EdgeSpec] = [
            (u, w, k, {**a, "path": here + str(a["path"]).removeprefix("relationship")})
            for u, w, k, a in edges
        ]
        more.extend(
            (
                node_key(NodeKind.ORGANISATION, p.id),
                rel_key,
                party,
                _path(party, f"{here}.partners[{j}]"),
            )
            for j, p in enumerate(rel.partners)
        )
        for *_, a in more:
            a["relationship"] = rel.id
        graph.add_edges_from(more)  # type: ignore[arg-type] # stubs omit (u, v, key, data)
    return graph


def to_graphml(graph: nx.Graph[str], path: str | PathLike[str]) -> None:
    """Write a governance graph to a GraphML file (readable by Gephi, yEd, Cytoscape).

    Raises:
        GovernanceError: If `graph` is not a networkx graph, or an attribute value is not a
            string, number or bool.
        OSError: If the file cannot be written.

    Examples:
        >>> import tempfile, pathlib, networkx as nx
        >>> from collabrel import examples
        >>> g = governance_graph(examples.load("flawed").relationship)
        >>> with tempfile.TemporaryDirectory() as d:
        ...     to_graphml(g, pathlib.Path(d) / "gov.graphml")
        ...     back = nx.read_graphml(pathlib.Path(d) / "gov.graphml")
        >>> back.nodes["body:jmt"]["kind"]
        'body'
    """
    ARGS.instance("graph", graph, nx.Graph)
    try:
        # The standard-library writer, always: `write_graphml` switches to lxml's when lxml is
        # installed, which writes other bytes and fails on a bad value with a bare KeyError.
        nx.write_graphml_xml(graph, path)
    except nx.NetworkXError as exc:
        raise GovernanceError(f"cannot write the graph as GraphML: {exc}") from exc


def to_node_link(graph: nx.Graph[str]) -> dict[str, object]:
    """A governance graph as node-link data (d3.js style), ready for `json.dumps`.

    Edges are listed under `"edges"`, each with its `source`, `target`, `key` and
    attributes.

    Raises:
        GovernanceError: If `graph` is not a networkx graph, or an attribute value cannot be
            written as JSON.

    Examples:
        >>> from collabrel import examples
        >>> data = to_node_link(governance_graph(examples.load("flawed").relationship))
        >>> sorted(data)
        ['directed', 'edges', 'graph', 'multigraph', 'nodes']
        >>> data["nodes"][0]["id"]
        'org:gha'
    """
    ARGS.instance("graph", graph, nx.Graph)
    data: dict[str, object] = nx.node_link_data(graph, edges="edges")
    try:
        json.dumps(data)
    except (TypeError, ValueError) as exc:
        raise GovernanceError(f"the graph has data that JSON cannot hold: {exc}") from exc
    return data
