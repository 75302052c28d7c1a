"""Behaviour of lifecycle diagrams: Mermaid, DOT, the status diagram and notebook HTML."""

from __future__ import annotations

import re
from typing import Final

import pytest

from _lifecycle import AT, IP, MIXED
from _lifecycle import spec as _spec
from collabrel import examples
from collabrel.lifecycle import (
    ISO_44001,
    STANDARD,
    STATUS_COLOURS,
    LifecycleDefinition,
    LifecycleState,
    StageStatus,
    replay,
    status_diagram,
    summarize,
    to_dot,
    to_mermaid,
)
from collabrel.model import Phase, Stage

NASTY = 'R&D <b>"quoted"</b>'


def _variant(title: str = "Shortlisting") -> LifecycleDefinition:
    """Strategic stages only, plus a sub-stage of knowledge with a title of choice."""
    return LifecycleDefinition(
        name="variant",
        stages=[
            _spec("awareness"),
            _spec("knowledge", requires=["awareness"]),
            _spec("scan", Stage.KNOWLEDGE, title=title, after=["knowledge"]),
        ],
        exit_stage=None,
    )


def _mixed() -> LifecycleState:
    return LifecycleState.from_statuses(MIXED, updated_at=AT)


def _edges(defn: LifecycleDefinition) -> tuple[list[tuple[str, str]], ...]:
    """The definition's done-before, started-before and exit edges, from its fields."""
    solid = [(r, s.key) for s in defn.stages for r in s.requires]
    dashed = [(a, s.key) for s in defn.stages for a in s.after]
    exit_ = [(k, defn.exit_stage) for k in defn.exit_from if defn.exit_stage]
    return solid, dashed, exit_


# Each renderer's line for a requires, an after and an exit edge, and what marks an edge line.
_EDGE_LINES: Final = {
    "mermaid": (
        to_mermaid,
        "  st_{a} --> st_{b}",
        "  st_{a} -.-> st_{b}",
        "  st_{a} -. exit .-> st_{b}",
        "->",
    ),
    "dot": (
        to_dot,
        '  "{a}" -> "{b}";',
        '  "{a}" -> "{b}" [style=dashed];',
        '  "{a}" -> "{b}" [style=dotted, label="exit"];',
        " -> ",
    ),
}


@pytest.mark.parametrize("renderer", _EDGE_LINES)
def test_every_edge_kind(renderer):
    """Mermaid: solid arrows for requires, dashed for after, dotted 'exit' for exit_from.

    DOT: plain edges for requires, dashed for after, dotted with label for exit. Nothing else
    is drawn as an edge.
    """
    render, solid_line, dashed_line, exit_line, arrow = _EDGE_LINES[renderer]
    lines = render(STANDARD).splitlines()
    solid, dashed, exit_ = _edges(STANDARD)
    assert solid
    assert dashed
    assert exit_
    for edges, line in ((solid, solid_line), (dashed, dashed_line), (exit_, exit_line)):
        for a, b in edges:
            assert line.format(a=a, b=b) in lines
    assert sum(arrow in ln for ln in lines) == len(solid) + len(dashed) + len(exit_)


class TestToMermaid:
    @pytest.mark.parametrize("defn", [STANDARD, ISO_44001], ids=["bs11000", "iso44001"])
    def test_every_stage_and_phase(self, defn):
        """The flowchart has a subgraph per phase and a node per stage with its title."""
        text = to_mermaid(defn)
        assert text.splitlines()[0] == "flowchart LR"
        for phase in Phase:
            assert f'subgraph phase_{phase.value}["{phase.title}"]' in text
        for spec in defn.stages:
            assert f'    st_{spec.key}["{spec.title}"]' in text.splitlines()

    def test_stages_sit_in_their_phase(self):
        """Each stage's node is inside its phase's subgraph."""
        text = to_mermaid(STANDARD)
        for phase in Phase:
            block = text.split(f"subgraph phase_{phase.value}[")[1].split("  end")[0]
            nodes = set(re.findall(r"^    (\w+)\[", block, flags=re.MULTILINE))
            assert nodes == {f"st_{s.value}" for s in phase.stages}

    def test_definition_has_no_colours(self):
        """A definition's chart has no status classes."""
        assert "classDef" not in to_mermaid(STANDARD)

    def test_state_colours_each_stage(self):
        """A state's chart defines a class per status and puts each stage in its status's class."""
        state = _mixed()
        lines = to_mermaid(state).splitlines()
        for status, colour in STATUS_COLOURS.items():
            assert f"  classDef {status.value} fill:{colour},stroke:#555" in lines
        for key, status in state.by_key().items():
            assert f"  class st_{key} {status.value}" in lines
        assert '    st_knowledge["Knowledge<br/><i>reopened</i>"]' in lines

    def test_substages_and_missing_phases(self):
        """Sub-stages get nodes; phases without stages get no subgraph."""
        text = to_mermaid(_variant())
        assert '    st_scan["Shortlisting"]' in text.splitlines()
        assert "  st_knowledge -.-> st_scan" in text.splitlines()
        assert "subgraph phase_engagement" not in text
        assert "subgraph phase_management" not in text
        assert "exit" not in text

    def test_titles_are_escaped(self):
        """HTML and quotes in titles are escaped so the label stays one Mermaid string."""
        text = to_mermaid(_variant(NASTY))
        assert NASTY not in text
        assert "R&amp;D &lt;b&gt;&quot;quoted&quot;&lt;/b&gt;" in text

    def test_distinct_keys_give_distinct_nodes(self, awareness_with):
        """Two stages whose keys differ only by '-' and '_' are two nodes."""
        defn = awareness_with("clash", {"pre-read": "Pre-read", "pre_read": "Pre_read"})
        nodes = re.findall(r"^    (\S+)\[", to_mermaid(defn), flags=re.MULTILINE)
        assert len(set(nodes)) == 3

    def test_keys_never_clash_with_keywords_or_phases(self, awareness_with):
        """Keys such as 'end' or a phase's name still give their own, valid node ids."""
        defn = awareness_with("awkward", {"end": "End", "strategic": "Strategic review"})
        text = to_mermaid(defn)
        nodes = re.findall(r"^    (\S+)\[", text, flags=re.MULTILINE)
        assert nodes == ["st_awareness", "st_end", "st_strategic"]
        assert text.count("\n  end") == 1  # only the phase's own closing line


class TestToDot:
    @pytest.mark.parametrize("defn", [STANDARD, ISO_44001], ids=["bs11000", "iso44001"])
    def test_every_stage_and_phase(self, defn):
        """The digraph has a cluster per phase and a node per stage labelled with its title."""
        text = to_dot(defn)
        assert text.startswith("digraph lifecycle {\n")
        assert text.endswith("\n}")
        assert text.count("{") == text.count("}")
        for phase in Phase:
            assert f"subgraph cluster_{phase.value} {{" in text
            assert f'label="{phase.title}";' in text
        for spec in defn.stages:
            assert f'    "{spec.key}" [label="{spec.title}"];' in text.splitlines()

    def test_state_fills_and_labels(self):
        """A state's digraph fills each stage with its status colour and names the status."""
        state = _mixed()
        lines = to_dot(state).splitlines()
        for spec, status in zip(STANDARD.stages, state.statuses, strict=True):
            assert (
                f'    "{spec.key}" [label="{spec.title}\\n({status.label})", '
                f'fillcolor="{STATUS_COLOURS[status]}"];'
            ) in lines

    def test_quotes_are_escaped(self):
        """Quotes and backslashes in titles are escaped inside DOT strings."""
        text = to_dot(_variant('The "best" \\ stage'))
        assert '[label="The \\"best\\" \\\\ stage"]' in text

    def test_no_exit_edges_without_exit_stage(self):
        """A definition with no exit stage has no exit edges."""
        assert "exit" not in to_dot(_variant())


# The issue's transitions, by hand: (from, to, event label).
STATUS_EDGES = [
    ("not_started", "in_progress", "start"),
    ("in_progress", "completed", "complete"),
    ("reopened", "completed", "complete"),
    ("completed", "reopened", "reopen"),
    ("not_applicable", "reopened", "reopen"),
    ("not_started", "not_applicable", "skip (justified)"),
    ("in_progress", "not_applicable", "skip (justified)"),
    ("reopened", "not_applicable", "skip (justified)"),
]


class TestStatusDiagram:
    def test_every_allowed_transition(self):
        """The status diagram has exactly the allowed transitions and an initial state."""
        lines = [ln.strip() for ln in status_diagram().splitlines()]
        assert lines[0] == "stateDiagram-v2"
        assert "[*] --> not_started" in lines
        edges = [ln for ln in lines if "-->" in ln and not ln.startswith("[*]")]
        assert sorted(edges) == sorted(f"{a} --> {b}: {label}" for a, b, label in STATUS_EDGES)

    def test_names_every_status(self):
        """Every status appears in the diagram."""
        text = status_diagram()
        for status in StageStatus:
            assert status.value in text


class TestStatusColours:
    def test_one_distinct_colour_per_status(self):
        """Every status has its own hex colour."""
        assert set(STATUS_COLOURS) == set(StageStatus)
        assert len(set(STATUS_COLOURS.values())) == len(StageStatus)
        assert all(re.fullmatch(r"#[0-9a-f]{6}", c) for c in STATUS_COLOURS.values())


class TestReprHtml:
    def test_state(self):
        """A state's HTML lists every stage with its status badge and the time of the update."""
        state = _mixed()
        html = state._repr_html_()
        assert html.startswith("<table>")
        assert "Lifecycle (bs11000), as of 2025-01-06T09:00:00+00:00" in html
        for spec, status in zip(STANDARD.stages, state.statuses, strict=True):
            assert f"<td>{spec.title}</td>" in html
            assert f"background:{STATUS_COLOURS[status]}" in html
            assert f">{status.label}</span>" in html
        assert html.count("<tr>") == 1 + 8

    def test_initial_state_and_exit(self):
        """A state with no events says so; one with exit activated shows the date."""
        assert "no events yet" in LifecycleState.initial()._repr_html_()
        exited = LifecycleState.from_statuses(
            {"exit_strategy": IP}, updated_at=AT, exit_activated_at=AT
        )
        assert "; exit activated 2025-01-06" in exited._repr_html_()

    def test_substages_are_indented(self):
        """Sub-stages are indented under their stage."""
        html = LifecycleState.initial(_variant())._repr_html_()
        assert "<td>&nbsp;&nbsp;&nbsp;Shortlisting</td>" in html
        assert "<td>Knowledge</td>" in html

    def test_definition(self):
        """A definition's HTML lists every stage's title, key and what it waits on."""
        html = STANDARD._repr_html_()
        assert "Lifecycle definition bs11000" in html
        for spec in STANDARD.stages:
            assert f"<td>{spec.title}</td>" in html
            assert f"<code>{spec.key}</code>" in html
        assert "<td>Knowledge, Internal assessment</td>" in html

    def test_summary(self):
        """A summary's HTML has a row per stage with its status and the headline figures."""
        summary = summarize(examples.load("alliance").history)
        html = summary._repr_html_()
        assert "18 events, 1 override; at most 3 stages active at once" in html
        for spec in STANDARD.stages:
            assert f"<td>{spec.title}</td>" in html
        assert html.count("<tr>") == 1 + 8

    @pytest.mark.parametrize("kind", ["state", "definition", "summary"])
    def test_titles_are_escaped(self, kind):
        """HTML in stage titles is escaped in every notebook view."""
        defn = _variant(NASTY)
        html = {
            "state": lambda: LifecycleState.initial(defn)._repr_html_(),
            "definition": defn._repr_html_,
            "summary": lambda: summarize([], definition=defn)._repr_html_(),
        }[kind]()
        assert NASTY not in html
        assert "<b>" not in html
        assert "R&amp;D &lt;b&gt;" in html

    def test_alliance_state_renders(self):
        """The alliance's final state renders with its three active stages in progress."""
        html = replay(examples.load("alliance").history)._repr_html_()
        assert html.count(">in progress</span>") == 3
        assert html.count(">completed</span>") == 5
