"""What the figures say: legends, labelled thresholds, where timelines end, governance layers."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, timedelta

import pytest

from collabrel import examples
from collabrel.governance import GovernanceReport, governance_graph
from collabrel.lifecycle import STANDARD, replay, state_as_of
from collabrel.metrics import DecisionMatrix, Thresholds, assess_kpis, select_partners

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")

from matplotlib import dates as mdates  # noqa: E402 - after choosing the backend
from matplotlib import pyplot as plt  # noqa: E402

from collabrel.report import (  # noqa: E402
    _governance,
    _lifecycle,
    draw_governance,
    plot_kpi_trends,
    plot_selection,
    plot_timeline,
)

AS_OF = date(2026, 10, 31)


@pytest.fixture(scope="module")
def alliance():
    return examples.load("alliance")


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _legend(ax_or_fig):
    legend = ax_or_fig.get_legend() if hasattr(ax_or_fig, "get_legend") else ax_or_fig.legends[0]
    return [t.get_text() for t in legend.get_texts()]


def _vertical_lines(ax):
    """The lines that run straight up the axes (`axvline`), by x."""
    return {
        float(line.get_xdata()[0]): line
        for line in ax.lines
        if len(line.get_xdata()) == 2
        and line.get_xdata()[0] == line.get_xdata()[1]
        and tuple(line.get_ydata()) == (0, 1)
    }


class TestPlotSelectionLegend:
    def test_every_threshold_line_is_named_with_its_value(self, alliance):
        """Each threshold line carries a label naming the threshold and its value."""
        thresholds = Thresholds(proceed=75, conditional=55)
        result = select_partners(DecisionMatrix.from_plan(alliance), thresholds=thresholds)
        ax = plot_selection(result).axes[0]
        lines = _vertical_lines(ax)
        assert set(lines) == {75.0, 55.0}
        assert lines[75.0].get_label() == "proceed threshold: score ≥ 75"
        assert lines[55.0].get_label() == "conditional threshold: score ≥ 55"
        assert {"proceed threshold: score ≥ 75", "conditional threshold: score ≥ 55"} <= set(
            _legend(ax)
        )

    def test_legend_names_the_outcome_colours_and_the_whiskers(self, alliance):
        """The legend says what the bar colours and the whiskers mean."""
        ax = plot_selection(select_partners(DecisionMatrix.from_plan(alliance))).axes[0]
        labels = _legend(ax)
        assert labels[:3] == ["proceed", "conditional", "do not proceed"]
        assert "5th-95th percentile, random weights" in labels

    def test_no_whisker_entry_without_sensitivity(self, alliance):
        """Without a sensitivity analysis the legend has no whisker entry."""
        result = select_partners(DecisionMatrix.from_plan(alliance), sensitivity=False)
        labels = _legend(plot_selection(result).axes[0])
        assert not any("percentile" in label for label in labels)


class TestPlotKpiTrendsLabels:
    def test_each_target_line_is_written_with_its_value(self, alliance):
        """Every chart writes its target (and tolerance) on the target line."""
        report = assess_kpis(alliance.relationship.kpis, AS_OF)
        fig = plot_kpi_trends(report)
        for ax, kpi in zip(fig.axes, report.kpis, strict=True):
            texts = [t.get_text() for t in ax.texts]
            expected = f"target {kpi.target:g}"
            if kpi.tolerance is not None:
                expected += f", tolerance {kpi.tolerance:g}"
            assert texts == [expected]
            targets = [ln for ln in ax.lines if ln.get_label() == "target"]
            assert [float(ln.get_ydata()[0]) for ln in targets] == [kpi.target]

    def test_one_legend_names_every_kind_of_line(self, alliance):
        """The figure has one legend, with each kind of line once, whichever chart has it."""
        report = assess_kpis(alliance.relationship.kpis, AS_OF)
        fig = plot_kpi_trends(report, kpis=["kpi-afr", "kpi-carbon"])
        assert len(fig.legends) == 1
        assert _legend(fig) == [
            "measured",
            "target",
            "at risk (within tolerance)",
            "forecast to the target date",
        ]
        assert all(ax.get_legend() is None for ax in fig.axes)

    def test_every_chart_shows_its_dates(self, alliance):
        """Charts in upper rows keep their date labels (they do not share the x axis)."""
        report = assess_kpis(alliance.relationship.kpis, AS_OF)
        fig = plot_kpi_trends(report, kpis=["kpi-afr", "kpi-plant", "kpi-carbon"])
        for ax in fig.axes:
            assert isinstance(ax.xaxis.get_major_formatter(), mdates.ConciseDateFormatter)
            labels = ax.get_xticklabels()
            assert labels
            assert all(t.get_visible() for t in labels)


def _bar_ends(ax):
    return [p.get_x() + p.get_width() for p in ax.patches]


class TestPlotTimelineEnd:
    def test_runs_to_the_end_of_the_day_asked_for(self, alliance):
        """With a date, bars still open run to the end of that day, marked by a labelled line."""
        ax = plot_timeline(alliance.history, as_of=date(2025, 10, 31)).axes[0]
        end = mdates.date2num(datetime(2025, 11, 1, tzinfo=UTC))
        assert max(_bar_ends(ax)) == pytest.approx(end)
        assert ax.get_xlim()[1] >= end
        assert _vertical_lines(ax)[end].get_label() == "as of 2025-10-31"
        assert _legend(ax)[-1] == "as of 2025-10-31"

    def test_open_stages_reach_the_as_of_line(self, alliance):
        """Every stage still active then has a bar ending on the as-of line."""
        when = datetime(2024, 11, 1, 12, tzinfo=UTC)
        ax = plot_timeline(alliance.history, as_of=when).axes[0]
        end = mdates.date2num(when)
        keys = [spec.key for spec in STANDARD.stages]
        reaching = {
            keys[round(p.get_y() + p.get_height() / 2)]
            for p in ax.patches
            if p.get_x() + p.get_width() == pytest.approx(end)
        }
        assert set(state_as_of(alliance.history, when).active) <= reaching
        assert _legend(ax)[-1] == "as of 2024-11-01T12:00+00:00"

    def test_events_after_as_of_are_left_out(self, alliance):
        """No bar starts after the as-of instant."""
        when = datetime(2024, 6, 1, tzinfo=UTC)
        ax = plot_timeline(alliance.history, as_of=when).axes[0]
        assert max(p.get_x() for p in ax.patches) <= mdates.date2num(when)
        assert max(_bar_ends(ax)) == pytest.approx(mdates.date2num(when))

    def test_a_state_gives_its_as_of(self, alliance):
        """A state from `state_as_of` ends the timeline on its day; another on its last event."""
        read = state_as_of(alliance.history, date(2024, 11, 1))
        ax = plot_timeline(alliance.history, as_of=read).axes[0]
        assert max(_bar_ends(ax)) == pytest.approx(
            mdates.date2num(datetime(2024, 11, 2, tzinfo=UTC))
        )
        live = replay(alliance.history)
        ax = plot_timeline(alliance.history, as_of=live).axes[0]
        line = _vertical_lines(ax)[mdates.date2num(live.updated_at)]
        assert line.get_label() == f"as of {live.updated_at.isoformat(timespec='minutes')}"

    def test_today_by_default(self, alliance, monkeypatch):
        """Without as_of (or with a state that has no date) the timeline runs to today."""

        class Today(date):
            @classmethod
            def today(cls):
                return date(2030, 1, 1)

        monkeypatch.setattr(_lifecycle, "date", Today)
        end = mdates.date2num(datetime(2030, 1, 2, tzinfo=UTC))
        ax = plot_timeline(alliance.history).axes[0]
        assert max(_bar_ends(ax)) == pytest.approx(end)
        assert _legend(ax)[-1] == "as of 2030-01-01"
        ax = plot_timeline([], as_of=replay([])).axes[0]
        assert ax.get_xlim()[1] >= end

    def test_overrides_are_named_in_the_legend(self, alliance):
        """The red diamonds of events that went ahead by override have a legend entry."""
        labels = _legend(plot_timeline(alliance.history, as_of=date(2025, 10, 31)).axes[0])
        assert labels[-2:] == ["override", "as of 2025-10-31"]
        early = _legend(plot_timeline(alliance.history, as_of=date(2024, 3, 1)).axes[0])
        assert "override" not in early


def _positions(fig):
    """Each node's position, read from its label (which carries the node key as its gid)."""
    return {t.get_gid(): t.xy for t in fig.axes[0].texts if t.get_gid()}


_WITH_RELATIONSHIP = [n for n in examples.names() if examples.load(n).relationship is not None]
"""The examples with governance to draw (an enterprise plan describes no relationship)."""


def _boxes(fig):
    return {
        p.get_gid().removeprefix("box:"): (p.get_x(), p.get_x() + p.get_width())
        for p in fig.axes[0].patches
        if (p.get_gid() or "").startswith("box:")
    }


@pytest.mark.parametrize("name", _WITH_RELATIONSHIP)
class TestDrawGovernanceLayout:
    def test_higher_escalation_is_higher_up(self, name):
        """A body is drawn above every body that escalates to it (a loop stays in one row)."""
        graph = governance_graph(examples.load(name).relationship)
        where = _positions(draw_governance(graph))
        for u, w, kind in graph.edges(data="kind"):
            if kind == "escalates_to" and not graph.has_edge(w, u, key="escalates_to"):
                assert where[w][1] > where[u][1], (u, w)

    def test_bodies_over_people_over_organisations(self, name):
        """Every body is above every person, every person above every organisation."""
        graph = governance_graph(examples.load(name).relationship)
        where = _positions(draw_governance(graph))
        by_kind = {}
        for node, kind in graph.nodes(data="kind"):
            if node in where:
                by_kind.setdefault(kind, []).append(where[node][1])
        assert min(by_kind["body"]) > max(by_kind["person"]) > max(by_kind["organisation"])

    def test_people_sit_in_their_organisation_box(self, name):
        """Each person is inside their organisation's box, above it, and boxes do not overlap."""
        graph = governance_graph(examples.load(name).relationship)
        fig = draw_governance(graph)
        where, boxes = _positions(fig), _boxes(fig)
        orgs = [n for n, k in graph.nodes(data="kind") if k == "organisation"]
        assert set(boxes) == set(orgs)
        for node, org in graph.nodes(data="organisation"):
            if graph.nodes[node]["kind"] == "person":
                left, right = boxes[f"org:{org}"]
                assert left <= where[node][0] <= right
                assert where[node][1] > where[f"org:{org}"][1]
        spans = sorted(boxes.values())
        assert all(a[1] < b[0] for a, b in itertools.pairwise(spans))

    def test_the_layout_repeats(self, name):
        """The same graph is laid out the same way every time."""
        rmp = examples.load(name)
        assert _positions(draw_governance(rmp)) == _positions(draw_governance(rmp))


class TestDrawGovernanceDetails:
    def test_subcontractors_stand_beside_their_principal(self):
        """The consortium's subcontracting chain is drawn left to right, box after box."""
        where = _positions(draw_governance(examples.load("consortium")))
        chain = ["org:penrith", "org:saltmarsh", "org:tern", "org:undercliff"]
        xs = [where[n][0] for n in chain]
        assert xs == sorted(xs)

    def test_activities_stand_in_a_column_on_the_right(self):
        """RACI activities, when drawn, are right of everything else, top to bottom."""
        graph = governance_graph(examples.load("consortium").relationship)
        where = _positions(draw_governance(graph, activities=True))
        chores = [n for n, k in graph.nodes(data="kind") if k == "activity"]
        others = [xy for n, xy in where.items() if n not in chores]
        assert len({where[n][0] for n in chores}) == 1
        assert where[chores[0]][0] > max(x for x, _ in others)
        ys = [where[n][1] for n in chores]
        assert ys == sorted(ys, reverse=True)

    def test_legend_names_what_is_drawn(self):
        """The legend names the kinds drawn and the red ring, which only flags bring."""
        rmp = examples.load("consortium")
        labels = _legend(draw_governance(rmp).axes[0])
        assert {"member of", "chairs", "escalates to", "contracts with", "subcontracts to"} <= set(
            labels
        )
        assert labels[-1] == "named by a nonconformity"
        calm = _legend(draw_governance(rmp, findings=GovernanceReport(findings=())).axes[0])
        assert "named by a nonconformity" not in calm
        assert "accountable for" not in calm

    def test_row_names_say_what_each_row_holds(self):
        """Each row is named at the left: the bodies by level, the people, the organisations."""
        ax = draw_governance(examples.load("alliance")).axes[0]
        names = [t.get_text() for t in ax.texts if not t.get_gid() and t.get_text()]
        assert names[:3] == ["bodies: level 3", "bodies: level 2", "bodies: top"]
        assert names[3:5] == ["people", "organisations"]

    def test_contract_lanes_never_share_a_span(self):
        """Lines whose spans overlap get different lanes; apart, they share the nearest."""
        pos = {"a": (0.0, 0.0), "b": (2.0, 0.0), "c": (4.0, 0.0), "d": (9.0, 0.0), "e": (12.0, 0)}
        routed = [("b", "a", "k"), ("c", "a", "k"), ("d", "e", "k")]
        lanes = _governance._lanes(routed, pos)
        assert lanes == {("b", "a", "k"): 0, ("d", "e", "k"): 0, ("c", "a", "k"): 1}

    def test_draws_into_given_axes(self):
        """Given axes, the figure is the axes' own and keeps its size."""
        fig, ax = plt.subplots(figsize=(4, 3))
        assert draw_governance(examples.load("flawed"), ax=ax) is fig
        assert tuple(fig.get_size_inches()) == (4.0, 3.0)


def test_timeline_date_counts_events_by_their_local_date():
    """A date counts events by their own local date, as `state_as_of` does."""
    alliance = examples.load("alliance")
    day = alliance.history[3].at.date()  # 09:00+01:00: still the day before in no zone
    ax = plot_timeline(alliance.history, as_of=day).axes[0]
    ax_before = plot_timeline(alliance.history, as_of=day - timedelta(days=1)).axes[0]
    assert len(ax.patches) == len(ax_before.patches) + 1
