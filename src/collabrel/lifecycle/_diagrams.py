"""Diagrams of lifecycles: Mermaid and Graphviz DOT (states and definitions draw their own HTML)."""

from __future__ import annotations

import html
import re
from typing import Final

from collabrel.lifecycle._definition import LifecycleDefinition
from collabrel.lifecycle._state import LifecycleState
from collabrel.lifecycle._status import STATUS_COLOURS
from collabrel.model import Phase

__all__ = ["STATUS_COLOURS", "status_diagram", "to_dot", "to_mermaid"]


def _split(
    obj: LifecycleDefinition | LifecycleState,
) -> tuple[LifecycleDefinition, LifecycleState | None]:
    if isinstance(obj, LifecycleState):
        return obj.definition, obj
    return obj, None


def _node_ids(definition: LifecycleDefinition) -> dict[str, str]:
    """Mermaid ids for the stages: readable, unique, and clear of Mermaid's keywords."""
    ids: dict[str, str] = {}
    taken: set[str] = set()
    for i, spec in enumerate(definition.stages):
        node = "st_" + re.sub(r"[^A-Za-z0-9]", "_", spec.key)
        if node in taken:
            node = f"{node}_{i}"
        taken.add(node)
        ids[spec.key] = node
    return ids


def to_mermaid(obj: LifecycleDefinition | LifecycleState) -> str:
    """A Mermaid flowchart of a lifecycle definition, or of a state (stages coloured).

    Stages are grouped by phase. A solid arrow means "must be done before", a dashed arrow
    "must have started before", a dotted arrow labelled `exit` where exit may be activated
    from. Paste the text into a Mermaid block (GitHub, mkdocs-material, many wikis).

    Examples:
        >>> from collabrel.lifecycle import STANDARD, to_mermaid
        >>> print(to_mermaid(STANDARD).splitlines()[0])
        flowchart LR
        >>> "st_knowledge -.-> st_internal_assessment" in to_mermaid(STANDARD)
        True
    """
    definition, state = _split(obj)
    node = _node_ids(definition)
    lines = ["flowchart LR"]
    for phase in Phase:
        specs = [s for s in definition.stages if s.phase is phase]
        if not specs:
            continue
        lines.append(f'  subgraph phase_{phase.value}["{phase.title}"]')
        for spec in specs:
            label = html.escape(spec.title, quote=True)
            if state is not None:
                label += f"<br/><i>{state.status(spec.key).label}</i>"
            lines.append(f'    {node[spec.key]}["{label}"]')
        lines.append("  end")
    lines.extend(_edges(definition, node, solid="-->", dashed="-.->", dotted="-. exit .->"))
    if state is not None:
        for status, colour in STATUS_COLOURS.items():
            lines.append(f"  classDef {status.value} fill:{colour},stroke:#555")
        for spec, status in zip(definition.stages, state.statuses, strict=True):
            lines.append(f"  class {node[spec.key]} {status.value}")
    return "\n".join(lines)


def _edges(
    definition: LifecycleDefinition,
    node: dict[str, str],
    *,
    solid: str,
    dashed: str,
    dotted: str,
) -> list[str]:
    lines: list[str] = []
    for spec in definition.stages:
        target = node[spec.key]
        lines.extend(f"  {node[r]} {solid} {target}" for r in spec.requires)
        lines.extend(f"  {node[a]} {dashed} {target}" for a in spec.after)
    if definition.exit_stage is not None:
        exit_node = node[definition.exit_stage]
        lines.extend(f"  {node[k]} {dotted} {exit_node}" for k in definition.exit_from)
    return lines


def to_dot(obj: LifecycleDefinition | LifecycleState) -> str:
    """A Graphviz DOT digraph of a lifecycle definition, or of a state (stages coloured).

    The same content as `to_mermaid`: phases as clusters, solid edges for
    "done before", dashed for "started before", dotted for exit activation.

    Examples:
        >>> from collabrel.lifecycle import STANDARD, to_dot
        >>> dot = to_dot(STANDARD)
        >>> dot.startswith("digraph lifecycle {"), '"working_together" -> "value_creation"' in dot
        (True, True)
    """
    definition, state = _split(obj)
    lines = [
        "digraph lifecycle {",
        "  rankdir=LR;",
        '  node [shape=box, style="rounded,filled", fillcolor="#ffffff", fontname="Helvetica"];',
    ]
    for phase in Phase:
        specs = [s for s in definition.stages if s.phase is phase]
        if not specs:
            continue
        lines.append(f"  subgraph cluster_{phase.value} {{")
        lines.append(f'    label="{phase.title}";')
        for spec in specs:
            label = _dot_escape(spec.title)
            fill = ""
            if state is not None:
                status = state.status(spec.key)
                label += f"\\n({status.label})"
                fill = f', fillcolor="{STATUS_COLOURS[status]}"'
            lines.append(f'    "{_dot_escape(spec.key)}" [label="{label}"{fill}];')
        lines.append("  }")
    for spec in definition.stages:
        target = _dot_escape(spec.key)
        lines.extend(f'  "{_dot_escape(r)}" -> "{target}";' for r in spec.requires)
        lines.extend(f'  "{_dot_escape(a)}" -> "{target}" [style=dashed];' for a in spec.after)
    if definition.exit_stage is not None:
        exit_key = _dot_escape(definition.exit_stage)
        lines.extend(
            f'  "{_dot_escape(k)}" -> "{exit_key}" [style=dotted, label="exit"];'
            for k in definition.exit_from
        )
    lines.append("}")
    return "\n".join(lines)


def _dot_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


def status_diagram() -> str:
    """A Mermaid state diagram of how one stage's status moves with each kind of event.

    Examples:
        >>> print(status_diagram().splitlines()[1])
            [*] --> not_started
    """
    return _STATUS_DIAGRAM


_STATUS_DIAGRAM: Final = """\
stateDiagram-v2
    [*] --> not_started
    not_started --> in_progress: start
    in_progress --> completed: complete
    reopened --> completed: complete
    completed --> reopened: reopen
    not_applicable --> reopened: reopen
    not_started --> not_applicable: skip (justified)
    in_progress --> not_applicable: skip (justified)
    reopened --> not_applicable: skip (justified)"""
