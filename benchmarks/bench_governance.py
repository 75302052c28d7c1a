"""Governance benchmarks for collabrel: the full analysis of a large generated consortium.

Run from the repository root::

    .venv/bin/python benchmarks/bench_governance.py            # 10,000 and 100,000 parties
    .venv/bin/python benchmarks/bench_governance.py --quick    # 2,000 and 10,000 parties
    .venv/bin/python benchmarks/bench_governance.py --json     # also save results as JSON

A consortium of N parties (organisations) is generated deterministically: one client, one lead
partner, the other parties in clusters of 50 with a cluster board and working groups that
escalate to a joint executive board; two people per organisation; one activity per five
organisations; a tenth of the organisations are subcontractors, some of them two or three deep;
and a few planted defects (organisations without a route, an escalation loop). Then:

1. **collabrel**: `analyze(relationship, backend=...)`, that is, reading the relationship into
   nodes and edges, building the escalation graph, RACI validation, escalation reachability,
   cycles, dominators (single points of failure), sampled betweenness (k=200, seeded) for
   bottlenecks, subcontracting chains, and the findings; timed for `backend="networkx"` and,
   when python-igraph is installed, `backend="igraph"`. `governance_graph(relationship)` (the
   typed MultiDiGraph, which the analysis does not need) is timed on its own.
2. **raw networkx**: the networkx calls that analysis makes, on lists prepared beforehand:
   the escalation `DiGraph`, two `ancestors`, `immediate_dominators` and
   `strongly_connected_components`; the floor for the pure-networkx path. Beside it, the
   `MultiDiGraph` built from prepared lists, the floor for `governance_graph`.
   **raw igraph** (when installed): the igraph backend's work written by hand from the same
   lists: the keys numbered and the graph built from integer pairs in one call, the two
   reachability searches and the dominator tree answered by key (as networkx answers), the
   sampled betweenness and the strongly connected parts of the escalation edges; the floor
   for `backend="igraph"`.
3. **betweenness**: networkx's `betweenness_centrality(k=200, seed=0)` on the escalation
   graph, for reference, beside collabrel's sparse Brandes, which returns the same values
   (the analysis uses it instead: networkx initialises every node for each sampled source).

Each figure is the median of a few runs (the minimum in brackets).
"""

from __future__ import annotations

import gc
import random
import time
from collections.abc import Callable
from typing import Any

import networkx as nx

import _runner
from _runner import fmt_time, heading, table
from collabrel import model as m
from collabrel.governance import analyze, governance_graph
from collabrel.governance._analysis import _Index, _Structure
from collabrel.governance._backend import ROOT, has_igraph, sparse_betweenness
from collabrel.governance._graph import _parts

PACKAGES = ("collabrel", "attrs", "networkx", "igraph")
SECTIONS = ("analysis",)
CLUSTER = 50
GROUPS_PER_CLUSTER = 3
SAMPLES = 200


def consortium(n: int) -> m.Relationship:
    """A deterministic consortium of `n` organisations (see the module docstring)."""
    partners: list[m.Partner] = []
    people: list[m.Person] = []
    for i in range(n):
        role = (
            m.PartnerRole.CLIENT
            if i == 0
            else m.PartnerRole.LEAD_PARTNER
            if i == 1
            else m.PartnerRole.PARTNER
        )
        sub = None
        if i > CLUSTER and i % 10 == 0:
            # a tenth are subcontractors: of the organisation before them, so every 100th is
            # a subcontractor of a subcontractor's subcontractor ... (chains up to 3 deep)
            sub = f"o{i - 1}" if i % 100 == 0 else f"o{i - 3}"
        partners.append(m.Partner(id=f"o{i}", name=f"Org {i}", role=role, subcontractor_of=sub))
        people.append(m.Person(id=f"e{i}", name=f"Exec {i}", partner_id=f"o{i}"))
        people.append(m.Person(id=f"m{i}", name=f"Manager {i}", partner_id=f"o{i}"))
    bodies: list[m.GovernanceBody] = []
    clusters = range(0, n, CLUSTER)
    board = [f"e{c}" for c in clusters]  # one executive per cluster sits on the board
    bodies.append(
        m.GovernanceBody(
            id="jeb",
            name="Joint executive board",
            kind=m.BodyKind.JOINT_EXECUTIVE_BOARD,
            members=board,
            chair="e0",
        )
    )
    for c in clusters:
        members = range(c, min(c + CLUSTER, n))
        lonely = c // CLUSTER % 40 == 39  # planted: every 40th cluster escalates nowhere
        bodies.append(
            m.GovernanceBody(
                id=f"cb{c}",
                name=f"Cluster board {c}",
                kind=m.BodyKind.STEERING_COMMITTEE,
                members=[f"e{i}" for i in members if partners[i].subcontractor_of is None],
                escalates_to=None if lonely else "jeb",
            )
        )
        bodies.extend(
            m.GovernanceBody(
                id=f"wg{c}-{g}",
                name=f"Working group {c}-{g}",
                kind=m.BodyKind.WORKING_GROUP,
                members=[f"m{i}" for i in members if i % GROUPS_PER_CLUSTER == g],
                escalates_to=f"cb{c}",
            )
            for g in range(GROUPS_PER_CLUSTER)
        )
    # planted: an escalation loop between two extra groups
    bodies.append(
        m.GovernanceBody(id="loop-a", name="Loop A", kind=m.BodyKind.OTHER, escalates_to="loop-b")
    )
    bodies.append(
        m.GovernanceBody(id="loop-b", name="Loop B", kind=m.BodyKind.OTHER, escalates_to="loop-a")
    )
    activities = [
        m.RaciActivity(
            id=f"a{k}",
            name=f"Activity {k}",
            assignments=[
                m.RaciAssignment(party=f"m{5 * k}", codes="A"),
                m.RaciAssignment(party=f"wg{5 * k // CLUSTER * CLUSTER}-{k % 3}", codes="R"),
                m.RaciAssignment(party=f"m{5 * k + 5}", codes="C"),
            ],
        )
        for k in range(n // 5)
    ]
    with m.deferred_reference_checks():  # valid by construction; checking is not what we time
        return m.Relationship(
            id="big",
            name=f"Generated consortium of {n} parties",
            kind=m.RelationshipKind.CONSORTIUM,
            partners=partners,
            people=people,
            governance=m.Governance(bodies=bodies, raci=m.RACIMatrix(activities=activities)),
        )


def raw_calls(rel: m.Relationship) -> dict[str, Callable[[], object]]:
    """The networkx (and igraph) calls the analysis makes, on inputs prepared here (untimed)."""
    nodes, edges = _parts(rel)
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    graph.add_nodes_from(nodes)
    graph.add_edges_from(edges)  # type: ignore[arg-type]
    s = _Structure(_Index(graph))
    base = [(o, p) for p, os in s.person_orgs.items() for o in os]
    base.extend((p, b) for p, bs in s.seats.items() for b in bs)
    base.extend(s.escalation)
    base.extend((a, h) for a in s.activities for h in s.route_holders(a))
    subs = [(w, u) for u, w in s.subs]
    keys = [k for k, _ in nodes]
    tops = list(s.qualified)
    escalation = list(s.escalation)

    def build() -> object:
        g: nx.MultiDiGraph[str] = nx.MultiDiGraph()
        g.add_nodes_from(nodes)
        g.add_edges_from(edges)  # type: ignore[arg-type]
        return g

    def up_graph() -> nx.DiGraph[str]:
        up: nx.DiGraph[str] = nx.DiGraph()
        up.add_nodes_from(keys)
        up.add_edges_from(base)
        up.add_node(ROOT)
        up.add_edges_from((t, ROOT) for t in tops)
        return up

    def everything() -> object:
        up = up_graph()
        nx.ancestors(up, ROOT)
        up.add_edges_from(subs)
        nx.ancestors(up, ROOT)
        nx.immediate_dominators(up.reverse(copy=False), ROOT)
        list(nx.strongly_connected_components(nx.DiGraph(escalation)))
        up.remove_node(ROOT)
        return up

    prepared = up_graph()
    prepared.add_edges_from(subs)
    prepared.remove_node(ROOT)

    fns: dict[str, Callable[[], object]] = {
        "raw networkx: the calls the analysis makes": everything,
        "raw networkx: MultiDiGraph from prepared lists": build,
        "networkx betweenness_centrality(k=200), for reference": lambda: nx.betweenness_centrality(
            prepared, k=SAMPLES, seed=0
        ),
        "collabrel's sparse betweenness (same values)": lambda: sparse_betweenness(
            prepared, SAMPLES, 0
        ),
    }
    if has_igraph():
        fns["raw igraph: the calls the analysis makes"] = _raw_igraph(
            keys, base, subs, tops, escalation
        )
    # collabrel pauses the cyclic garbage collector during an analysis; the same floors
    # with the collector paused show what that alone is worth
    for floor in [k for k in fns if k.endswith("the calls the analysis makes")]:
        fns[f"{floor}, collector paused"] = _paused(fns[floor])
    return fns


def _paused(fn: Callable[[], object]) -> Callable[[], object]:
    def run() -> object:
        gc.disable()
        try:
            return fn()
        finally:
            gc.enable()

    return run


def _raw_igraph(
    keys: list[str],
    base: list[tuple[str, str]],
    subs: list[tuple[str, str]],
    tops: list[str],
    escalation: list[tuple[str, str]],
) -> Callable[[], object]:
    """The igraph backend's work as one would write it by hand, from the same lists.

    The node keys are numbered and the graph built from integer pairs in one call; then the
    two reachability searches (answered as sets of keys, as networkx's `ancestors` are), the
    dominator tree (a dict of keys, as networkx's), betweenness from the same 200 seeded
    sources (a dict by key) and the strongly connected parts of the escalation edges.
    """
    import igraph as ig  # noqa: PLC0415 - optional

    def run() -> object:
        names = [*keys, ROOT]
        index = {k: i for i, k in enumerate(names)}
        root = len(keys)
        pairs = [(index[u], index[w]) for u, w in base]
        pairs.extend((index[t], root) for t in tops)
        g = ig.Graph(n=len(names), edges=pairs, directed=True)
        direct = {names[i] for i in g.subcomponent(root, mode="in")}
        g.add_edges([(index[u], index[w]) for u, w in subs])
        reach = {names[i] for i in g.subcomponent(root, mode="in")}
        idom = {
            names[i]: names[d]
            for i, d in enumerate(g.dominator(root, mode="in"))
            if d == d and d >= 0  # NaN: unreachable; -1: the root  # noqa: PLR0124
        }
        g.delete_vertices(root)
        sources = sorted(index[k] for k in random.Random(0).sample(keys, SAMPLES))
        between = dict(zip(keys, g.betweenness(directed=True, sources=sources), strict=True))
        loops = ig.Graph(
            n=len(keys), edges=[(index[u], index[w]) for u, w in escalation], directed=True
        ).connected_components(mode="strong")
        return direct, reach, idom, between, [c for c in loops if len(c) > 1]

    return run


def bench_size(n: int, runs: int) -> dict[str, Any]:
    heading(f"{n:,} parties")
    t0 = time.perf_counter()
    rel = consortium(n)
    setup = time.perf_counter() - t0
    fns: dict[str, Callable[[], object]] = {
        "collabrel analyze (networkx)": lambda: analyze(rel, backend="networkx"),
    }
    if has_igraph():
        fns["collabrel analyze (igraph)"] = lambda: analyze(rel, backend="igraph")
    fns["collabrel governance_graph (the MultiDiGraph)"] = lambda: governance_graph(rel)
    fns.update(raw_calls(rel))
    report = analyze(rel, backend="networkx")
    if has_igraph():
        fast = analyze(rel, backend="igraph")
        assert fast.requirements == report.requirements, "the backends disagree"
        assert len(fast) == len(report), "the backends disagree"
    graph_size = _parts(rel)
    results: dict[str, Any] = {
        "parties": n,
        "nodes": len(graph_size[0]),
        "edges": len(graph_size[1]),
        "setup_s": setup,
        "findings": len(report),
        "requirements": {r: len(report.select(r)) for r in report.requirements},
        "timings": {},
    }
    results["timings"] = _runner.time_runs(fns, repeat=runs)
    timings = results["timings"]
    raw = timings["raw networkx: the calls the analysis makes"]["median_s"]
    raw_ig = timings.get("raw igraph: the calls the analysis makes", {}).get("median_s")
    rows = [
        [
            name,
            fmt_time(t["median_s"]),
            fmt_time(t["min_s"]),
            f"{t['median_s'] / raw:.2f}x",
            f"{t['median_s'] / raw_ig:.2f}x" if raw_ig else "",
        ]
        for name, t in timings.items()
    ]
    print(
        f"Graph: {results['nodes']:,} nodes, {results['edges']:,} edges; generating the"
        f" relationship took {fmt_time(setup)}; {len(report)} findings"
        f" ({', '.join(f'{k} {v}' for k, v in results['requirements'].items())}).\n"
    )
    print(table(["what", "median", "min", "vs raw networkx", "vs raw igraph"], rows, "lrrrr"))
    return results


def main(argv: list[str] | None = None) -> int:
    parser = _runner.parser(__doc__, SECTIONS)
    parser.add_argument("--sizes", type=int, nargs="+", help="party counts to run")
    parser.add_argument("--runs", type=int, help="runs per measurement")
    args = _runner.parse(parser, argv)
    sizes = args.sizes or ([2_000, 10_000] if args.quick else [10_000, 100_000])
    runs = args.runs or (1 if args.quick else 3)
    sections: _runner.Sections = {
        "analysis": lambda: {"sizes": [bench_size(n, runs) for n in sizes]}
    }
    name = f"governance-{args.mode}"
    return _runner.run(args, "governance", sections, packages=PACKAGES, name=name)


if __name__ == "__main__":
    raise SystemExit(main())
