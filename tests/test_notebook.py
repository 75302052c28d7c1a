"""The consultant's notebook in the docs: stored clean, runs without error, shows what it says.

The docs build executes it too (mkdocs-jupyter with `allow_errors: false`); these tests fail
first and say which cell, and check what a reader sees in the executed cells.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from tests._notebook import executed, outputs, read

ROOT = Path(__file__).resolve().parents[1]
FIGURES = (
    "plot_timeline",
    "plot_health_radar",
    "plot_kpi_trends",
    "plot_selection",
    "draw_governance",
)


def _html(output: dict) -> str:
    return "".join(output.get("data", {}).get("text/html", ""))


def _plain(output: dict) -> str:
    return "".join(output.get("data", {}).get("text/plain", "")) + "".join(output.get("text", ""))


class TestStored:
    def test_the_notebook_is_stored_without_outputs(self):
        """Outputs come from the build, so the stored file never shows stale results."""
        dirty = [
            i
            for i, cell in enumerate(read().cells)
            if cell.cell_type == "code" and (cell.outputs or cell.execution_count is not None)
        ]
        assert not dirty, f"code cells {dirty} carry outputs: clear them before committing"

    def test_the_docs_build_runs_it_and_fails_on_an_error(self):
        config = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)  # noqa: S506 - our own file, tags kept as text
        plugin = next(
            p["mkdocs-jupyter"]
            for p in config["plugins"]
            if isinstance(p, dict) and "mkdocs-jupyter" in p
        )
        assert plugin["execute"] == "true"
        assert plugin["allow_errors"] == "false"
        assert "notebooks/consultant-review.ipynb" in (ROOT / "mkdocs.yml").read_text()

    def test_its_sections_walk_a_review(self):
        headings = [
            line.removeprefix("## ")
            for cell in read().cells
            if cell.cell_type == "markdown"
            for line in cell.source.splitlines()
            if line.startswith("## ")
        ]
        for topic in (
            "lifecycle",
            "Conformance",
            "health",
            "KPIs",
            "Exit",
            "selection",
            "Governance",
            "report",
        ):
            assert any(topic in heading for heading in headings), (topic, headings)

    def test_every_figure_function_is_drawn(self):
        source = "\n".join(cell.source for cell in read().cells if cell.cell_type == "code")
        for name in FIGURES:
            assert f"report.{name}(" in source, name


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
class TestExecuted:
    def test_no_cell_writes_an_error_or_a_warning(self):
        streams = [
            (cell.source.splitlines()[0], "".join(out.get("text", "")))
            for cell in executed().cells
            if cell.cell_type == "code"
            for out in cell.outputs
            if out["output_type"] == "error" or out.get("name") == "stderr"
        ]
        assert not streams, streams

    def test_every_cell_that_ends_in_a_value_shows_it(self):
        for cell in executed().cells:
            if cell.cell_type != "code":
                continue
            last = cell.source.rstrip().splitlines()[-1]
            if (
                not re.match(r"^(fig = |print\(|import |from |[A-Z_]+ = )", last)
                and " = " not in last
            ):
                assert cell.outputs, f"cell ending {last!r} shows nothing"

    def test_the_plan_shows_its_summary_not_its_fields(self):
        (out,) = outputs(executed(), ending="\nrmp")
        assert _plain(out).startswith(
            "<RelationshipManagementPlan 'Northern Rail Renewals Alliance'"
        )
        assert len(_plain(out)) < 300
        html = _html(out)
        assert 'class="collabrel"' in html
        for fact in ("Northmoor Rail Infrastructure Ltd", "Awareness", "Exit strategy"):
            assert fact in html, fact

    def test_the_state_is_shown_as_of_the_review_day(self):
        (out,) = outputs(executed(), ending="\nstate")
        assert "as_of=2026-10-31" in _plain(out)

    def test_the_conformance_cells_give_the_verdict(self):
        notebook = executed()
        (report,) = outputs(notebook, ending="\nresult")
        assert "ready for certification" in _plain(report)
        (verdict,) = outputs(notebook, ending="result.certification")
        assert "ready=True" in _plain(verdict)
        (contrast,) = outputs(notebook, ending="consortium.certification")
        assert "ready=False" in _plain(contrast)

    def test_tables_are_dataframes_with_their_amounts(self):
        notebook = executed()
        (findings,) = outputs(
            notebook, ending='!= "conforms"][["requirement", "result", "message"]]'
        )
        assert "<table" in _html(findings)
        assert "not_assessable" in _html(findings)
        (shares,) = outputs(notebook, ending='aggfunc="sum")')
        assert "b-efficiency" in _html(shares)

    def test_every_figure_is_an_image(self):
        pngs = [
            out
            for cell in executed().cells
            if cell.cell_type == "code" and cell.source.lstrip().startswith("fig = ")
            for out in cell.outputs
            if "image/png" in out.get("data", {})
        ]
        assert len(pngs) == len(FIGURES)

    def test_the_report_is_written(self):
        (out,) = outputs(executed(), ending="splitlines()[0])")
        text = _plain(out)
        assert re.search(r"alliance-review\.html: [\d,]+ bytes", text), text
        assert "Northern Rail Renewals Alliance" in text
