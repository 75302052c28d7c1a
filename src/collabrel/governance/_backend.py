"""The graph algorithms behind the analyses, in networkx and (optionally) igraph.

Both backends take the escalation graph as plain lists and return plain Python data, and
give the same answers: reachability and dominators are exact, and betweenness follows
networkx's sampling (the same seeded sources) and rescaling, so the two agree within float
tolerance.
"""

from __future__ import annotations

import importlib.util
import math
import random
from collections import deque
from collections.abc import Sequence
from typing import Final, Literal, NamedTuple

import networkx as nx

from collabrel._collector import paused as collector_paused
from collabrel.errors import GovernanceError

__all__ = [
    "AUTO_IGRAPH_FROM",
    "Backend",
    "Escalation",
    "EscalationGraph",
    "collector_paused",
    "compute",
    "has_igraph",
    "pick_backend",
]

Backend = Literal["auto", "networkx", "igraph"]

AUTO_IGRAPH_FROM: Final = 2000
"""With `backend="auto"`, graphs of at least this many nodes use igraph when it is installed."""

ROOT: Final = "\x00collabrel:top"
"""A virtual node every qualifying top body escalates to."""

Edge = tuple[str, str]


class EscalationGraph(NamedTuple):
    """The escalation graph as plain lists: what both backends take."""

    nodes: Sequence[str]
    base: Sequence[Edge]
    """Who escalates to whom (person to organisation and body, body upwards, activity to its
    accountable party)."""
    subs: Sequence[Edge] = ()
    """A subcontractor to its principal: routes that reach the top only through a principal."""
    tops: Sequence[str] = ()
    """The qualifying top bodies, which escalate to a virtual root."""


class Escalation:
    """What the algorithms found: who reaches the top, dominators, betweenness."""

    __slots__ = ("betweenness", "idom", "reach", "reach_direct")

    def __init__(
        self,
        reach: set[str],
        reach_direct: set[str] | None,
        idom: dict[str, str],
        betweenness: dict[str, float],
    ) -> None:
        self.reach = reach
        """Nodes with a route to a qualifying top body."""
        self.reach_direct = reach_direct
        """The same without routes through a principal (`None`: no subcontracting)."""
        self.idom = idom
        """Immediate dominator of each reaching node on its routes to the top (`ROOT` above
        the top bodies)."""
        self.betweenness = betweenness


def has_igraph() -> bool:
    """Whether python-igraph can be imported."""
    return importlib.util.find_spec("igraph") is not None


def pick_backend(backend: str, size: int) -> Literal["networkx", "igraph"]:
    """The backend to use for a graph of `size` nodes.

    Raises:
        GovernanceError: If `backend` is unknown.
        ImportError: If igraph is asked for and not installed.
    """
    if backend == "networkx":
        return "networkx"
    if backend == "igraph":
        if not has_igraph():
            msg = "the igraph backend needs python-igraph: pip install 'collabrel[igraph]'"
            raise ImportError(msg)
        return "igraph"
    if backend == "auto":
        return "igraph" if size >= AUTO_IGRAPH_FROM and has_igraph() else "networkx"
    raise GovernanceError(f"backend must be 'auto', 'networkx' or 'igraph' (got {backend!r})")


def compute(
    graph: EscalationGraph,
    *,
    samples: int | None,
    seed: int,
    backend: Literal["networkx", "igraph"],
) -> Escalation:
    """Run reachability, dominators and betweenness on the escalation graph."""
    if backend == "igraph":
        return _igraph(graph, samples, seed)
    return _networkx(graph, samples, seed)


def _k(samples: int | None, n: int) -> int | None:
    return None if samples is None or samples >= n else samples


def _networkx(graph: EscalationGraph, samples: int | None, seed: int) -> Escalation:
    nodes, base, subs, tops = graph
    up: nx.DiGraph[str] = nx.DiGraph()
    up.add_nodes_from(nodes)
    up.add_edges_from(base)
    up.add_node(ROOT)
    up.add_edges_from((t, ROOT) for t in tops)
    reach_direct = nx.ancestors(up, ROOT) if subs else None
    up.add_edges_from(subs)
    reach = nx.ancestors(up, ROOT)
    idom = nx.immediate_dominators(up.reverse(copy=False), ROOT) if tops else {}
    up.remove_node(ROOT)
    return Escalation(reach, reach_direct, idom, sparse_betweenness(up, samples, seed))


def sparse_betweenness(graph: nx.DiGraph[str], samples: int | None, seed: int) -> dict[str, float]:
    """`nx.betweenness_centrality(graph, k=samples, seed=seed)` for a directed graph, faster.

    The same algorithm (Brandes), the same seeded sources and the same arithmetic in the same
    order, so the values are equal to networkx's (3.5 and later); but each source's search
    only initialises the nodes it reaches. networkx initialises every node of the graph for
    every source, which dominates on escalation graphs, where a search from an organisation
    or an activity reaches a few dozen nodes out of tens of thousands.
    """
    n = len(graph)
    k = _k(samples, n)
    nodes = list(graph)
    sources = nodes if k is None else random.Random(seed).sample(nodes, k)  # noqa: S311
    betweenness = dict.fromkeys(nodes, 0.0)
    adj = graph.adj
    for s in sources:
        order: list[str] = []
        preds: dict[str, list[str]] = {s: []}
        sigma: dict[str, float] = {s: 1.0}
        dist = {s: 0}
        queue = deque([s])
        while queue:
            v = queue.popleft()
            order.append(v)
            dv, sv = dist[v], sigma[v]
            for w in adj[v]:
                if w not in dist:
                    queue.append(w)
                    dist[w] = dv + 1
                    sigma[w] = 0.0
                    preds[w] = []
                if dist[w] == dv + 1:
                    sigma[w] += sv
                    preds[w].append(v)
        delta = dict.fromkeys(order, 0.0)
        while order:
            w = order.pop()
            coeff = (1 + delta[w]) / sigma[w]
            for v in preds[w]:
                delta[v] += sigma[v] * coeff
            if w != s:
                betweenness[w] += delta[w]
    return _rescale(betweenness, n, k, set(sources) if k is not None else set())


def _rescale(raw: dict[str, float], n: int, k: int | None, sources: set[str]) -> dict[str, float]:
    """Normalise directed betweenness (endpoints excluded) as networkx 3.5+ does."""
    pairs = n - 1
    if pairs < 2:  # noqa: PLR2004 - no node can lie between two others
        return raw
    if k is None:
        scale = 1 / (pairs * (pairs - 1))
        return {v: b * scale for v, b in raw.items()}
    on_source = 1 / ((k - 1) * (pairs - 1)) if k > 1 else math.nan
    off_source = 1 / (k * (pairs - 1))
    return {v: b * (on_source if v in sources else off_source) for v, b in raw.items()}


def _igraph(escalation: EscalationGraph, samples: int | None, seed: int) -> Escalation:
    import igraph as ig  # type: ignore[import-untyped] # noqa: PLC0415 - optional extra

    nodes, base, subs, tops = escalation

    names = [*nodes, ROOT]
    index = {name: i for i, name in enumerate(names)}
    root = len(names) - 1
    edges = [(index[u], index[w]) for u, w in base]
    edges.extend((index[t], root) for t in tops)
    graph = ig.Graph(n=len(names), edges=edges, directed=True)

    def ancestors() -> set[str]:
        return {names[i] for i in graph.subcomponent(root, mode="in") if i != root}

    reach_direct = ancestors() if subs else None
    graph.add_edges([(index[u], index[w]) for u, w in subs])
    reach = ancestors()
    idom: dict[str, str] = {}
    if tops:
        # igraph marks the root -1 and an unreachable vertex NaN (which equals nothing)
        idom = {
            names[i]: names[int(d)]
            for i, d in enumerate(graph.dominator(root, mode="in"))
            if d == d and d >= 0 and i != root  # noqa: PLR0124 - NaN is not itself
        }
    graph.delete_vertices(root)  # the last vertex: the others keep their indices
    return Escalation(reach, reach_direct, idom, _ig_betweenness(graph, nodes, samples, seed))


def _ig_betweenness(
    graph: object, nodes: Sequence[str], samples: int | None, seed: int
) -> dict[str, float]:
    """The directed, normalised `nx.betweenness_centrality(G, k, seed=seed)`, in igraph."""
    n = len(nodes)
    k = _k(samples, n)
    if k is None:
        raw = graph.betweenness(directed=True)  # type: ignore[attr-defined]
        sources: set[int] = set()
    else:
        # the positions networkx's `sample(nodes, k)` picks: sampling depends on the length only
        sources = set(random.Random(seed).sample(range(n), k))  # noqa: S311
        raw = graph.betweenness(directed=True, sources=sorted(sources))  # type: ignore[attr-defined]
    return _rescale(
        dict(zip(nodes, map(float, raw), strict=True)),
        n,
        k,
        {nodes[i] for i in sources},
    )
