"""Governance for people: RACI matrices as DataFrames, governance graphs as figures."""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Final, cast

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
    """Draw a governance graph: organisations as clusters of their people, bodies in the middle.

    Each organisation sits on an outer circle with its people around it (subcontractors
    beside their principal); governance bodies sit inside, the top of the escalation ladder
    at the centre. Edges are coloured by kind (escalation red, membership grey, contracts
    green, subcontracts purple). Nodes named by nonconforming `findings` are ringed in red.

    Args:
        subject: A relationship, a plan with one, or a governance graph.
        activities: Also draw the RACI activities and who is accountable or responsible.
        findings: Findings to highlight; `analyze(subject)` when `None`, none if empty.
        ax: Axes to draw into; a new figure when `None`.
        title: The figure's title; the relationship's name by default.

    Returns:
        The matplotlib figure.

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
    positions = _layout(kinds, edges)
    if ax is None:
        fig, ax = plt.subplots(figsize=(10, 10))
    else:
        fig = ax.figure
    _draw(ax, kinds, edges, positions, flagged)
    for n in kinds:
        x, y = positions[n]
        ax.text(x, y - 0.22, str(graph.nodes[n].get("id", n)), fontsize=7, ha="center", zorder=3)
    default_title = getattr(rel, "name", None) or str(graph.graph.get("relationship", ""))
    ax.set_title(title or default_title or "Governance")
    ax.legend(loc="lower left", fontsize=7, frameon=False, markerscale=0.6)
    ax.set_axis_off()
    ax.set_aspect("equal")
    ax.autoscale_view()
    return cast("Figure", fig)


def _draw(
    ax: Axes,
    kinds: dict[str, str],
    edges: list[tuple[str, str, str]],
    positions: dict[str, tuple[float, float]],
    flagged: set[str],
) -> None:
    """Draw the clusters, the edges by kind and the nodes by kind."""
    patches = matplotlib_module("matplotlib.patches")
    for n, k in kinds.items():  # a cluster: the organisation and its people
        if k == NodeKind.ORGANISATION:
            x, y = positions[n]
            centre = (x * 1.15, y * 1.15)
            ax.add_patch(patches.Circle(centre, 0.75, color="#eceff1", zorder=0))
    for kind, (colour, style) in EDGE_STYLE.items():
        mine = [(u, w) for u, w, k in edges if k == kind]
        for u, w in mine:
            ax.annotate(
                "",
                xy=positions[w],
                xytext=positions[u],
                arrowprops={
                    "arrowstyle": "-|>",
                    "color": colour,
                    "linestyle": style,
                    "linewidth": 1.0,
                    "shrinkA": 7,
                    "shrinkB": 9,
                },
                zorder=1,
            )
        if mine:
            ax.plot([], [], color=colour, linestyle=style, label=kind.replace("_", " "))
    for kind, (marker, colour, size) in KIND_STYLE.items():
        nodes = [n for n, k in kinds.items() if k == kind]
        if not nodes:
            continue
        ax.scatter(
            [positions[n][0] for n in nodes],
            [positions[n][1] for n in nodes],
            marker=marker,
            c=colour,
            s=size,
            edgecolors=[FLAG_COLOUR if n in flagged else "white" for n in nodes],
            linewidths=[2.5 if n in flagged else 0.5 for n in nodes],
            label=str(kind),
            zorder=2,
        )


def _layout(
    kinds: dict[str, str], edges: list[tuple[str, str, str]]
) -> dict[str, tuple[float, float]]:
    """Organisations on a circle with their people around them; bodies inside by level."""
    orgs = [n for n, k in kinds.items() if k == NodeKind.ORGANISATION]
    principal = {w: u for u, w, k in edges if k == "subcontracts_to"}
    order = _cluster_order(orgs, principal)
    pos: dict[str, tuple[float, float]] = {}
    angles: dict[str, float] = {}
    for i, org in enumerate(order):
        angles[org] = 2 * math.pi * i / max(len(order), 1)
        pos[org] = _polar(3.0, angles[org])
    people_of: dict[str, list[str]] = {}
    for u, w, k in edges:
        if k == "member_of" and kinds.get(w) == NodeKind.ORGANISATION:
            people_of.setdefault(w, []).append(u)
    spread = min(0.5, math.pi / max(len(order), 1))
    for org, people in people_of.items():
        for j, person in enumerate(people):
            offset = (j - (len(people) - 1) / 2) * spread / max(len(people) - 1, 1)
            pos[person] = _polar(3.8 + 0.25 * (j % 2), angles[org] + offset)
    bodies = [n for n, k in kinds.items() if k == NodeKind.BODY]
    level = _levels(edges, bodies)
    rings: dict[int, list[str]] = {}
    for b in bodies:
        rings.setdefault(level[b], []).append(b)
    for depth, ring in rings.items():
        for j, b in enumerate(ring):
            angle = 2 * math.pi * j / len(ring) + depth * 0.4
            radius = (0.0 if len(ring) == 1 else 0.4) if depth == 0 else 0.4 + 0.55 * depth
            pos[b] = (radius * math.cos(angle), radius * math.sin(angle))
    others = [n for n in kinds if n not in pos]
    for j, n in enumerate(others):  # activities and people without an organisation
        angle = 2 * math.pi * j / max(len(others), 1)
        pos[n] = (4.6 * math.cos(angle), 4.6 * math.sin(angle))
    return pos


def _polar(radius: float, angle: float) -> tuple[float, float]:
    return (radius * math.cos(angle), radius * math.sin(angle))


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
