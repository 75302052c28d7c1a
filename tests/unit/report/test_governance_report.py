"""Governance for people: RACI DataFrames and governance drawings (the pandas and plot extras)."""

from __future__ import annotations

from datetime import date

import pytest

from collabrel import examples
from collabrel.errors import GovernanceError
from collabrel.governance import analyze, governance_graph, raci_from_csv, raci_table, raci_to_csv
from collabrel.model import DocumentMeta, PlanKind, RelationshipManagementPlan

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")
pd = pytest.importorskip("pandas")

from collabrel.report import (  # noqa: E402 - after choosing the backend
    draw_governance,
    raci_from_dataframe,
    raci_to_dataframe,
    to_dataframe,
)


@pytest.fixture(scope="module")
def raci():
    return examples.load("alliance").relationship.governance.raci


class TestRaciToDataframe:
    def test_rows_and_columns_keep_the_matrix_order(self, raci):
        """One row per activity in order; activity, name, then parties in order."""
        df = raci_to_dataframe(raci)
        assert df["activity"].tolist() == [a.id for a in raci.activities]
        assert df.columns.tolist() == ["activity", "name", *raci.parties]
        assert df.loc[0, "aeb"] == "A"
        assert df.loc[0, "h.okafor"] == ""

    def test_round_trip(self, raci):
        """Writing a matrix to a DataFrame and reading it back gives the same cells."""
        back = raci_from_dataframe(raci_to_dataframe(raci))
        assert [a.id for a in back.activities] == [a.id for a in raci.activities]
        assert all(back.by_activity(a.id) == raci.by_activity(a.id) for a in raci.activities)


class TestRaciFromDataframe:
    def test_missing_values_mean_no_code(self):
        """None, NaN and empty cells are not assignments."""
        df = pd.DataFrame(
            {
                "name": ["Plan", "Build"],
                "activity": ["plan", "build"],
                "jeb": ["A", None],
                "jmt": ["R", float("nan")],
                "ops": ["", "AR"],
            }
        )
        m = raci_from_dataframe(df, alphabet="RACI")
        assert m.by_activity("plan") == {"jeb": "A", "jmt": "R"}
        assert m.by_activity("build") == {"ops": "AR"}

    def test_missing_column(self):
        """A frame without the activity column is a GovernanceError naming it."""
        with pytest.raises(GovernanceError, match="'activity'"):
            raci_from_dataframe(pd.DataFrame({"name": ["x"], "jeb": ["A"]}))

    def test_bad_codes(self):
        """Codes outside the alphabet are a GovernanceError."""
        df = pd.DataFrame({"activity": ["a"], "name": ["A"], "jeb": ["Z"]})
        with pytest.raises(GovernanceError, match="not a valid RACI matrix"):
            raci_from_dataframe(df)

    def test_flag_is_kept(self):
        """The accountable-acts-as-responsible flag is set as asked."""
        df = pd.DataFrame({"activity": ["a"], "name": ["A"], "jeb": ["A"]})
        assert raci_from_dataframe(
            df, accountable_acts_as_responsible=True
        ).accountable_acts_as_responsible


class TestCsv:
    def test_round_trip(self, raci):
        """CSV text reads back into the same cells in the same order."""
        back = raci_from_csv(raci_to_csv(raci))
        assert all(back.by_activity(a.id) == raci.by_activity(a.id) for a in raci.activities)

    @pytest.mark.parametrize(
        ("text", "match"),
        [
            ("", "empty"),
            ("activity,name,jeb\na,A\n", "row 2 has 2 cells"),
            ("activity,name,jeb,jeb\na,A,A,R\n", "appears twice"),
        ],
    )
    def test_malformed(self, text, match):
        """Malformed CSV is a GovernanceError saying what is wrong."""
        with pytest.raises(GovernanceError, match=match):
            raci_from_csv(text)

    def test_table_renders(self, raci):
        """The table renders as text and HTML, and to_dataframe takes its records."""
        table = raci_table(raci)
        assert str(table).splitlines()[0].split()[:2] == ["activity", "aeb"]
        assert "<table>" in table._repr_html_()
        assert to_dataframe(table).shape == (len(raci.activities), 2 + len(raci.parties))


class TestFindingsTable:
    def test_report_as_dataframe(self):
        """A governance report becomes one row per finding."""
        report = analyze(examples.load("flawed"))
        df = to_dataframe(report)
        assert df["requirement"].tolist() == [f.requirement for f in report]


class TestDrawGovernance:
    def test_renders_png(self, tmp_path):
        """The consortium draws and saves as a PNG with the Agg backend."""
        fig = draw_governance(examples.load("consortium"), activities=True)
        path = tmp_path / "g.png"
        fig.savefig(path)
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        matplotlib.pyplot.close(fig)

    def test_organisations_are_clusters(self):
        """Each organisation gets a cluster patch; nonconforming nodes are ringed."""
        rel = examples.load("consortium").relationship
        fig = draw_governance(rel)
        ax = fig.axes[0]
        assert len(ax.patches) == len(rel.partners)
        labels = [t.get_text() for t in ax.get_legend().get_texts()]
        assert {"escalates to", "subcontracts to", "organisation", "body"} <= set(labels)
        matplotlib.pyplot.close(fig)

    def test_draws_into_given_axes_and_graphs(self):
        """A graph can be drawn into existing axes, with given findings and a title."""
        graph = governance_graph(examples.load("flawed").relationship)
        fig, ax = matplotlib.pyplot.subplots()
        out = draw_governance(graph, ax=ax, findings=analyze(graph), title="Harbour")
        assert out is fig
        assert ax.get_title() == "Harbour"
        matplotlib.pyplot.close(fig)

    def test_plan_without_relationship(self):
        """A template plan has nothing to draw."""

        plan = RelationshipManagementPlan(
            meta=DocumentMeta(
                title="T", issued_on=date(2026, 1, 1), author="A", kind=PlanKind.TEMPLATE
            )
        )
        with pytest.raises(GovernanceError, match="no relationship"):
            draw_governance(plan)
