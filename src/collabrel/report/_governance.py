"""Governance for people: RACI matrices as DataFrames, governance graphs as figures."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, Final, NamedTuple, cast

from collabrel.errors import GovernanceError
from collabrel.governance import (
    GovernanceReport,
    NodeKind,
    RaciTable,
    analyze,
    governance_graph,
    raci_table,
)
from collabrel.model import RACIMatrix, Relationship, RelationshipManagementPlan
from collabrel.report._frames import to_dataframe
from collabrel.report._optional import matplotlib_module, pandas, pyplot

if TYPE_CHECKING:
    import networkx as nx
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from pandas import DataFrame

__all__ = ["draw_governance", "raci_from_dataframe", "raci_to_dataframe"]

KIND_STYLE: Final = {
    NodeKind.ORGANISATION: ("s", "#37474f", 420),
    NodeKind.PERSON: ("o", "#90a4ae", 120),
    NodeKind.BODY: ("h", "#1565c0", 520),
    NodeKind.ACTIVITY: ("D", "#8d6e63", 90),
}
EDGE_STYLE: Final = {
    "member_of": ("#b0bec5", "solid"),
    "acts_for": ("#00838f", "dotted"),
    "chairs": ("#1565c0", "solid"),
    "escalates_to": ("#c62828", "solid"),
    "reports_to": ("#ef6c00", "solid"),
    "accountable_for": ("#6d4c41", "dashed"),
    "responsible_for": ("#a1887f", "dotted"),
    "contracts_with": ("#2e7d32", "dashed"),
    "subcontracts_to": ("#7b1fa2", "dashed"),
}
FLAG_COLOUR: Final = "#d50000"


def raci_to_dataframe(matrix: RACIMatrix) -> DataFrame:
    """A RACI matrix as a DataFrame: one row per activity, a column per party.

    The columns are `activity` (the id), `name`, then the parties in order of first
    appearance; a cell holds the party's codes, `""` when none. Rows keep the matrix order.

    Raises:
        ImportError: If pandas is not installed (the `pandas` extra).

    Examples:
        >>> from collabrel import examples
        >>> df = raci_to_dataframe(examples.load("flawed").relationship.governance.raci)
        >>> df.loc[0, ["activity", "board", "jmt"]].tolist()
        ['act-plan', 'A', 'R']
    """
    return to_dataframe(raci_table(matrix))


def raci_from_dataframe(
    frame: DataFrame, *, alphabet: str = "RACI", accountable_acts_as_responsible: bool = False
) -> RACIMatrix:
    """Read a RACI matrix from a DataFrame laid out as `raci_to_dataframe` lays it out.

    The frame needs an `activity` (id) and a `name` column; every other column is a party, in
    column order. Empty cells, `None` and NaN mean no code.

    Raises:
        GovernanceError: If a column is missing or repeated, or a cell or id is not valid for
            a RACI matrix.
        ImportError: If pandas is not installed (the `pandas` extra).

    Examples:
        >>> import pandas as pd
        >>> df = pd.DataFrame({"activity": ["plan"], "name": ["Approve the plan"],
        ...                    "jeb": ["A"], "jmt": ["R"], "ops": [None]})
        >>> raci_from_dataframe(df).by_activity("plan")
        {'jeb': 'A', 'jmt': 'R'}
    """
    pandas()
    header = [str(c) for c in frame.columns]
    rows = [[_cell(v) for v in row] for row in frame.itertuples(index=False, name=None)]
    return RaciTable.from_rows(
        header,
        rows,
        alphabet=alphabet,
        accountable_acts_as_responsible=accountable_acts_as_responsible,
    ).to_matrix()


def _cell(value: object) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value)


def draw_governance(
    subject: Relationship | RelationshipManagementPlan | nx.MultiDiGraph[str],
    *,
    activities: bool = False,
    findings: GovernanceReport | None = None,
    ax: Axes | None = None,
    title: str | None = None,
) -> Figure:
    """Draw a governance graph in layers: bodies by escalation level above their people.

    The governance bodies sit in rows by escalation level, the top of the ladder highest;
    below them the people, each in a box with their organisation (subcontractors beside
    their principal). Each body sits above the people in it, so membership lines run
    upward, mostly side by side; escalation arrows (red) run up between the rows; contracts
    (green) and subcontracts (purple) run in lanes below the organisations; RACI activities,
    when drawn, stand in a column on the right. Nodes named by nonconforming `findings` are
    ringed in red. The layout depends only on the graph, so a graph always draws the same.

    Args:
        subject: A relationship, a plan with one, or a governance graph.
        activities: Also draw the RACI activities and who is accountable or responsible.
        findings: Findings to highlight; `analyze(subject)` when `None`, none if empty.
        ax: Axes to draw into; a new figure, sized to the graph, when `None`.
        title: The figure's title; the relationship's name by default.

    Returns:
        The matplotlib figure. Each node's label carries the node's key as its `gid`
        (`"body:amt"`), so tools (and SVG output) can find it.

    Raises:
        GovernanceError: As `analyze` does.
        ImportError: If matplotlib is not installed (the `plot` extra).

    Examples:
        >>> import matplotlib
        >>> matplotlib.use("Agg")
        >>> from collabrel import examples
        >>> fig = draw_governance(examples.load("consortium"))
        >>> fig.axes[0].get_title()
        'Estuary Flood Resilience Consortium'
        >>> where = {t.get_gid(): t.xy for t in fig.axes[0].texts if t.get_gid()}
        >>> where["body:jeb"][1] > where["body:jmt"][1] > where["person:h.lamb"][1]
        True
    """
    plt = pyplot()
    rel = subject.relationship if isinstance(subject, RelationshipManagementPlan) else subject
    if rel is None:
        raise GovernanceError("the plan has no relationship to draw")
    graph: Any = governance_graph(rel) if isinstance(rel, Relationship) else rel
    report = analyze(graph) if findings is None else findings
    flagged = {n for f in report.nonconformities for n in f.nodes}
    kinds: dict[str, str] = {
        n: str(k) for n, k in graph.nodes(data="kind") if activities or k != NodeKind.ACTIVITY
    }
    edges = [(u, w, str(k)) for u, w, k in graph.edges(data="kind") if u in kinds and w in kinds]
    layout = _layout(kinds, edges)
    own = ax is None
    if ax is None:
        left, right, bottom, top = layout.bounds
        size = (min(max(0.62 * (right - left) + 2.0, 8.0), 30.0), 0.95 * (top - bottom) + 0.6)
        fig, ax = plt.subplots(figsize=size)
    else:
        fig = ax.figure
    _draw(ax, kinds, edges, layout, flagged)
    for n, kind in kinds.items():
        _node_label(ax, str(graph.nodes[n].get("id", n)), n, kind, layout)
    default_title = getattr(rel, "name", None) or str(graph.graph.get("relationship", ""))
    ax.set_title(title or default_title or "Governance")
    ax.legend(
        loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=7, frameon=False, markerscale=0.5
    )
    ax.set_xlim(layout.bounds[0], layout.bounds[1])
    ax.set_ylim(layout.bounds[2], layout.bounds[3])
    ax.set_axis_off()
    if own:  # room for the title above and the legend on the right (tight_layout is slow)
        width, height = fig.get_size_inches()
        fig.subplots_adjust(left=0.01, right=1 - 1.8 / width, bottom=0.01, top=1 - 0.4 / height)
    return cast("Figure", fig)


ROW_GAP: Final = 1.25
"""Vertical distance between the rows of bodies (people are one unit above organisations)."""
SLOT: Final = 1.0
"""Horizontal room for one person."""
GROUP_GAP: Final = 0.9
"""Horizontal room between two organisations' boxes."""
BODY_GAP: Final = 2.0
"""The least horizontal distance between two bodies in a row."""
LANE: Final = 0.28
"""Depth of each lane of contract and subcontract lines below the organisations."""
_ROUTED: Final = frozenset({"contracts_with", "subcontracts_to"})
_ARROWS: Final = frozenset({"escalates_to", "reports_to"})


class _Layout(NamedTuple):
    """Where everything goes: nodes, boxes, row names, lanes and the drawing's bounds."""

    positions: dict[str, tuple[float, float]]
    boxes: dict[str, tuple[float, float]]  # organisation -> the x extent of its people
    rows: dict[float, str]  # y -> what the row holds
    lanes: dict[tuple[str, str, str], int]  # routed edge -> its lane below the organisations
    bounds: tuple[float, float, float, float]  # left, right, bottom, top


def _layout(kinds: dict[str, str], edges: list[tuple[str, str, str]]) -> _Layout:
    """Bodies in rows by escalation level over people boxed with their organisations.

    People are placed twice: in document order, then each box ordered by where that
    person's bodies went, and the bodies placed again over them.
    """
    orgs = [n for n, k in kinds.items() if k == NodeKind.ORGANISATION]
    principal = {w: u for u, w, k in edges if k == "subcontracts_to"}
    home: dict[str, str] = {}
    sits: dict[str, list[str]] = {n: [] for n, k in kinds.items() if k == NodeKind.PERSON}
    for u, w, k in edges:
        if u in sits and k == "member_of" and kinds[w] == NodeKind.ORGANISATION:
            home.setdefault(u, w)
        elif u in sits and k in ("member_of", "chairs") and kinds[w] == NodeKind.BODY:
            sits[u].append(w)
    groups: list[tuple[str | None, list[str]]] = [
        (org, [p for p in sits if home.get(p) == org]) for org in _cluster_order(orgs, principal)
    ]
    loose = [p for p in sits if p not in home]
    if loose:
        groups.append((None, loose))
    bodies = [n for n, k in kinds.items() if k == NodeKind.BODY]
    pos: dict[str, tuple[float, float]] = {}
    boxes = _place_people(groups, pos, lambda _: 0.0)
    rows = _place_bodies(bodies, edges, sits, pos)
    boxes = _place_people(groups, pos, lambda p: _mean([pos[b][0] for b in sits[p]], pos[p][0]))
    rows = _place_bodies(bodies, edges, sits, pos)
    xs = [x for x, _ in pos.values()] or [0.0]
    top = max(rows, default=1.0)
    chores = [n for n, k in kinds.items() if k == NodeKind.ACTIVITY]
    for i, n in enumerate(chores):  # RACI activities: a column on the right
        pos[n] = (max(xs) + 2.5, top - i * (top + 0.5) / max(len(chores) - 1, 1))
    lanes = _lanes([(u, w, k) for u, w, k in edges if k in _ROUTED], pos)
    xs = [x for x, _ in pos.values()] or [0.0]
    rows.update({1.0: "people", 0.0: "organisations"} if sits else {0.0: "organisations"})
    bottom = -0.75 - LANE * (max(lanes.values(), default=-1) + 1)
    bounds = (min(xs) - 2.6, max(xs) + (1.6 if chores else 0.8), bottom, top + 0.6)
    return _Layout(pos, boxes, rows, lanes, bounds)


def _mean(values: list[float], default: float) -> float:
    return sum(values) / len(values) if values else default


def _place_people(
    groups: list[tuple[str | None, list[str]]],
    pos: dict[str, tuple[float, float]],
    key: Callable[[str], float],
) -> dict[str, tuple[float, float]]:
    """People in one row, box by box, each box in `key` order; its organisation under it."""
    boxes: dict[str, tuple[float, float]] = {}
    x = 0.0
    for org, people in groups:
        ordered = sorted(people, key=key)
        for j, person in enumerate(ordered):
            pos[person] = (x + j * SLOT, 1.0)
        last = x + (max(len(ordered), 1) - 1) * SLOT
        if org is not None:
            pos[org] = ((x + last) / 2, 0.0)
            boxes[org] = (x, last)
        x = last + SLOT + GROUP_GAP
    return boxes


def _place_bodies(
    bodies: list[str],
    edges: list[tuple[str, str, str]],
    sits: dict[str, list[str]],
    pos: dict[str, tuple[float, float]],
) -> dict[float, str]:
    """Each row of bodies, lowest first, over the people and bodies below that belong to it.

    A body goes to the mean position of its members and of the bodies escalating to it,
    pushed apart from its neighbours by at least `BODY_GAP`, the row kept centred where its
    bodies wanted to be. Returns the rows' heights and names.
    """
    level = _levels(edges, bodies)
    ranks = sorted(set(level.values()))
    below: dict[str, list[str]] = {b: [] for b in bodies}
    for person, seats in sits.items():
        for b in seats:
            below[b].append(person)
    for u, w, k in edges:
        if k in _ARROWS and u in below and w in below and level[u] > level[w]:
            below[w].append(u)
    people = [x for p, (x, _) in pos.items() if p in sits]
    rows: dict[float, str] = {}
    for rank in reversed(range(len(ranks))):
        y = 1.0 + ROW_GAP * (len(ranks) - rank) + 0.2
        rows[y] = "bodies: top" if rank == 0 else f"bodies: level {rank + 1}"
        row = [b for b in bodies if level[b] == ranks[rank]]
        wanted = {b: _mean([pos[n][0] for n in below[b]], _mean(people, 0.0)) for b in row}
        ordered = sorted(row, key=wanted.__getitem__)
        xs: list[float] = []
        for b in ordered:
            xs.append(wanted[b] if not xs else max(wanted[b], xs[-1] + BODY_GAP))
        shift = _mean(list(wanted.values()), 0.0) - _mean(xs, 0.0)
        for b, x in zip(ordered, xs, strict=True):
            pos[b] = (x + shift, y)
    return rows


def _lanes(
    routed: list[tuple[str, str, str]], pos: dict[str, tuple[float, float]]
) -> dict[tuple[str, str, str], int]:
    """A lane below the organisations for each contract line, shortest nearest, none shared.

    Two lines share a lane only when their spans do not overlap, so no line crosses
    another's horizontal run.
    """
    taken: list[list[tuple[float, float]]] = []
    out: dict[tuple[str, str, str], int] = {}
    for edge in sorted(routed, key=lambda e: abs(pos[e[0]][0] - pos[e[1]][0])):
        span = sorted((pos[edge[0]][0], pos[edge[1]][0]))
        lane = next(
            (
                i
                for i, used in enumerate(taken)
                if all(span[1] < lo or span[0] > hi for lo, hi in used)
            ),
            len(taken),
        )
        if lane == len(taken):
            taken.append([])
        taken[lane].append((span[0], span[1]))
        out[edge] = lane
    return out


def _draw(
    ax: Axes,
    kinds: dict[str, str],
    edges: list[tuple[str, str, str]],
    layout: _Layout,
    flagged: set[str],
) -> None:
    """Draw the boxes and row names, the edges by kind and the nodes by kind."""
    patches = matplotlib_module("matplotlib.patches")
    pos = layout.positions
    for org, (left, right) in layout.boxes.items():
        ax.add_patch(
            patches.FancyBboxPatch(
                (left - 0.42, -0.42),
                right - left + 0.84,
                1.84,
                boxstyle="round,pad=0,rounding_size=0.25",
                facecolor="#eceff1",
                edgecolor="#cfd8dc",
                zorder=0,
                gid=f"box:{org}",
            )
        )
    for y, name in layout.rows.items():
        ax.text(layout.bounds[0] + 0.1, y, name, fontsize=7, color="#607d8b", va="center")
    _draw_edges(ax, kinds, edges, layout)
    for kind, (marker, colour, size) in KIND_STYLE.items():
        nodes = [n for n, k in kinds.items() if k == kind]
        if not nodes:
            continue
        ax.scatter(
            [pos[n][0] for n in nodes],
            [pos[n][1] for n in nodes],
            marker=marker,
            c=colour,
            s=size,
            edgecolors=[FLAG_COLOUR if n in flagged else "white" for n in nodes],
            linewidths=[2.5 if n in flagged else 0.5 for n in nodes],
            label=str(kind),
            zorder=2,
        )
    if flagged & set(kinds):
        ax.scatter(
            [],
            [],
            marker="o",
            facecolors="white",
            edgecolors=FLAG_COLOUR,
            linewidths=2,
            label="named by a nonconformity",
        )


def _draw_edges(
    ax: Axes, kinds: dict[str, str], edges: list[tuple[str, str, str]], layout: _Layout
) -> None:
    """Each kind of edge in its style, and a legend entry for each kind drawn.

    Membership of an organisation is its box; a chair's membership is the chair line.
    """
    collections = matplotlib_module("matplotlib.collections")
    pos = layout.positions
    chaired = {(u, w) for u, w, k in edges if k == "chairs"}
    for kind, (colour, style) in EDGE_STYLE.items():
        mine = [
            (u, w)
            for u, w, k in edges
            if k == kind
            and not (k == "member_of" and (kinds[w] == NodeKind.ORGANISATION or (u, w) in chaired))
        ]
        if not mine:
            continue
        if kind in _ROUTED:
            for u, w in mine:
                lane = layout.lanes[u, w, kind]
                _routed(ax, pos[u], pos[w], lane, colour=colour, style=style)
        elif kind in _ARROWS:
            for u, w in mine:
                _arrow(ax, pos[u], pos[w], colour, style)
        else:
            faint = kind == "member_of"
            ax.add_collection(
                collections.LineCollection(
                    [(pos[u], pos[w]) for u, w in mine],
                    colors=colour,
                    linestyles=style,
                    linewidths=0.7 if faint else 1.3,
                    alpha=0.55 if faint else 0.9,
                    zorder=1,
                )
            )
        ax.plot([], [], color=colour, linestyle=style, label=kind.replace("_", " "))


def _arrow(
    ax: Axes, start: tuple[float, float], end: tuple[float, float], colour: str, style: str
) -> None:
    """An arrow between two nodes; curved between nodes of one row, so both ways show."""
    ax.annotate(
        "",
        xy=end,
        xytext=start,
        arrowprops={
            "arrowstyle": "-|>",
            "color": colour,
            "linestyle": style,
            "linewidth": 1.2,
            "shrinkA": 8,
            "shrinkB": 10,
            "connectionstyle": f"arc3,rad={0.3 if start[1] == end[1] else 0.0}",
        },
        zorder=1,
    )


def _routed(
    ax: Axes,
    start: tuple[float, float],
    end: tuple[float, float],
    lane: int,
    *,
    colour: str,
    style: str,
) -> None:
    """A contract line: down from one organisation to its lane, along, and up to the other."""
    depth = -0.5 - LANE * (lane + 1)
    nudge = 0.06 * lane  # lines meeting one organisation stand side by side
    x0, x1 = start[0] + nudge, end[0] - nudge
    ax.plot([x0, x0, x1], [start[1] - 0.15, depth, depth], color=colour, linestyle=style, lw=1)
    ax.annotate(
        "",
        xy=(x1, end[1] - 0.15),
        xytext=(x1, depth),
        arrowprops={"arrowstyle": "-|>", "color": colour, "linestyle": style, "shrinkA": 0},
    )


def _node_label(ax: Axes, text: str, node: str, kind: str, layout: _Layout) -> None:
    """A node's id under it (people's staggered, so neighbours' labels do not collide)."""
    x, y = layout.positions[node]
    drop = -9.0
    if kind == NodeKind.PERSON:
        drop -= 8.0 * (round(x / SLOT) % 2)
    elif kind == NodeKind.ACTIVITY:
        drop = 0.0
    ax.annotate(
        text,
        xy=(x, y),
        xytext=(8.0, 0.0) if kind == NodeKind.ACTIVITY else (0.0, drop),
        textcoords="offset points",
        fontsize=7,
        ha="left" if kind == NodeKind.ACTIVITY else "center",
        va="center" if kind == NodeKind.ACTIVITY else "top",
        zorder=3,
        gid=node,
        bbox={"boxstyle": "round,pad=0.1", "facecolor": "white", "edgecolor": "none", "alpha": 0.8},
    )


def _cluster_order(orgs: list[str], principal: dict[str, str]) -> list[str]:
    """Organisations in order, each subcontractor right after its principal."""
    below: dict[str, list[str]] = {}
    for sub, top in principal.items():
        below.setdefault(top, []).append(sub)
    out: list[str] = []
    seen: set[str] = set()

    def visit(org: str) -> None:
        if org in seen:
            return
        seen.add(org)
        out.append(org)
        for sub in below.get(org, []):
            visit(sub)

    for org in orgs:
        if org not in principal:
            visit(org)
    for org in orgs:  # subcontracting loops: no principal first
        visit(org)
    return out


def _levels(edges: list[tuple[str, str, str]], bodies: Iterable[str]) -> dict[str, int]:
    """How many escalation steps below the top each body is (0 at the top)."""
    up: dict[str, str] = {}
    for u, w, k in edges:
        if k in ("escalates_to", "reports_to"):
            up.setdefault(u, w)
    out: dict[str, int] = {}
    for b in bodies:
        depth, here, seen = 0, b, {b}
        while here in up and up[here] not in seen:
            here = up[here]
            seen.add(here)
            depth += 1
        out[b] = depth
    return out
