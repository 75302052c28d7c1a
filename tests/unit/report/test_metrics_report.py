"""Figures and tables of metrics results (the plot and pandas extras)."""

from __future__ import annotations

from datetime import date

import pytest

from collabrel import examples
from collabrel.errors import MetricsError
from collabrel.metrics import (
    DecisionMatrix,
    assess_health,
    assess_kpis,
    assess_maturity,
    health_ratings,
    select_partners,
)

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")

from collabrel.report import (  # noqa: E402 - after choosing the backend
    plot_health_radar,
    plot_kpi_trends,
    plot_maturity_profile,
    plot_selection,
    to_dataframe,
)

AS_OF = date(2026, 10, 31)
PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def rmp():
    return examples.load("alliance")


def _saved(fig, path):
    fig.savefig(path)
    matplotlib.pyplot.close(fig)
    data = path.read_bytes()
    assert data.startswith(PNG)
    assert len(data) > 10_000
    return data


class TestPlotHealthRadar:
    def test_renders_png(self, rmp, tmp_path):
        """The radar of both sides renders to a PNG."""
        fig = plot_health_radar(assess_health(health_ratings(rmp)))
        _saved(fig, tmp_path / "health.png")

    def test_by_organisation_and_period(self, rmp, tmp_path):
        """One polygon per organisation, for an earlier period, on given polar axes."""
        health = assess_health(health_ratings(rmp))
        fig, ax = matplotlib.pyplot.subplots(subplot_kw={"projection": "polar"})
        plot_health_radar(health, by="organisation", period=date(2025, 5, 30), ax=ax)
        assert len(ax.get_legend().get_texts()) == 5
        _saved(fig, tmp_path / "orgs.png")

    def test_missing_period(self, rmp):
        """An unknown period, or no ratings at all, is an error."""
        health = assess_health(health_ratings(rmp))
        with pytest.raises(MetricsError, match="no period"):
            plot_health_radar(health, period=date(2020, 1, 1))
        with pytest.raises(MetricsError, match="no ratings"):
            plot_health_radar(assess_health([]))


class TestPlotKpiTrends:
    def test_renders_png(self, rmp, tmp_path):
        """Every KPI gets a chart with its target; the figure renders to a PNG."""
        chosen = ["kpi-efficiency", "kpi-design-rft", "kpi-carbon"]
        fig = plot_kpi_trends(assess_kpis(rmp.relationship.kpis, AS_OF), kpis=chosen, columns=2)
        assert [ax.get_title().split(" (")[0] for ax in fig.axes] == [
            "Efficiency against the programme cost baseline",
            "Design packages accepted first time",
            "Embodied carbon per track-km renewed",
        ]
        _saved(fig, tmp_path / "kpis.png")

    def test_bad_arguments(self, rmp):
        """Unknown KPIs, an empty choice and fewer than one column are errors."""
        report = assess_kpis(rmp.relationship.kpis, AS_OF)
        with pytest.raises(MetricsError, match="no KPI 'nope'"):
            plot_kpi_trends(report, kpis=["nope"])
        with pytest.raises(MetricsError, match="no KPI to draw"):
            plot_kpi_trends(report, kpis=[])
        with pytest.raises(MetricsError, match="at least 1"):
            plot_kpi_trends(report, columns=0)


class TestPlotMaturityProfile:
    def test_renders_png(self, rmp, tmp_path):
        """The maturity profile renders to a PNG, on new or given axes."""
        profile = assess_maturity(rmp.stages.staying_together.maturity_assessments)
        _saved(plot_maturity_profile(profile), tmp_path / "maturity.png")
        fig, ax = matplotlib.pyplot.subplots()
        assert plot_maturity_profile(profile, ax=ax, title="T") is fig
        matplotlib.pyplot.close(fig)


class TestPlotSelection:
    def test_renders_png(self, rmp, tmp_path):
        """Scores with sensitivity bands and thresholds render to a PNG."""
        result = select_partners(DecisionMatrix.from_plan(rmp), draws=100)
        fig = plot_selection(result)
        assert "winner stable in 100%" in fig.axes[0].get_title()
        _saved(fig, tmp_path / "selection.png")

    def test_gate_failures_and_no_sensitivity(self, rmp, tmp_path):
        """Candidates failing a gate are listed; without sensitivity there are no bands."""
        m = DecisionMatrix.from_plan(rmp)
        cells = [
            c
            for c in m.cells
            if not (c.candidate_id == "cand-fairhaven" and c.score.criterion_id == "crit-safety")
        ]
        result = select_partners(
            DecisionMatrix(criteria=m.criteria, candidates=m.candidates, cells=cells),
            sensitivity=False,
        )
        fig, ax = matplotlib.pyplot.subplots()
        plot_selection(result, ax=ax)
        assert any("failed a gate" in t.get_text() for t in ax.texts)
        _saved(fig, tmp_path / "gates.png")


class TestToDataframe:
    def test_kpi_report(self, rmp):
        """A result becomes a DataFrame with one row per record."""
        pytest.importorskip("pandas")
        frame = to_dataframe(assess_kpis(rmp.relationship.kpis, AS_OF))
        assert list(frame["kpi_id"])[:2] == ["kpi-efficiency", "kpi-handback"]
        assert len(frame) == len(rmp.relationship.kpis)

    def test_selection_with_provenance(self, rmp):
        """The decision matrix's cells come with who scored them and on what evidence."""
        pytest.importorskip("pandas")
        frame = to_dataframe(DecisionMatrix.from_plan(rmp))
        assert {"scored_by", "evidence"} <= set(frame.columns)

    def test_refuses_objects_without_records(self):
        """An object without to_records() is refused with a clear message."""
        pytest.importorskip("pandas")
        with pytest.raises(TypeError, match="no to_records"):
            to_dataframe(object())  # type: ignore[arg-type]
