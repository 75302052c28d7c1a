"""Workbooks: plans out and back, templates, and every kind of bad input named by its cell."""

from __future__ import annotations

import pickle
from datetime import date

import attrs
import openpyxl
import pytest

from collabrel import examples
from collabrel.conformance import assess, catalogue
from collabrel.errors import DocumentError
from collabrel.interop import CellProblem, from_workbook, template_workbook, to_workbook
from collabrel.interop._registers import REGISTERS
from collabrel.model import RelationshipManagementPlan
from collabrel.serialization import LoadLimits


@pytest.fixture(scope="module")
def alliance():
    return examples.load("alliance")


@pytest.fixture(scope="module")
def saved(alliance, tmp_path_factory):
    return to_workbook(alliance, tmp_path_factory.mktemp("wb") / "alliance.xlsx")


def _edited(saved, tmp_path, edit):
    book = openpyxl.load_workbook(saved)
    edit(book)
    out = tmp_path / "edited.xlsx"
    book.save(out)
    return out


def _problems(path, **kwargs):
    with pytest.raises(DocumentError) as caught:
        from_workbook(path, **kwargs)
    return caught.value.problems


class TestToWorkbook:
    @pytest.mark.parametrize("name", examples.names())
    def test_examples_read_back_equal(self, name, tmp_path):
        """Every bundled example reads back from its workbook as an equal plan."""
        plan = examples.load(name)
        assert from_workbook(to_workbook(plan, tmp_path / f"{name}.xlsx")) == plan

    def test_sheets_have_frozen_headers_dates_and_drop_downs(self, saved):
        """Registers are sheets with a frozen header, real dates and enum drop-down lists."""
        book = openpyxl.load_workbook(saved)
        assert book.sheetnames[0] == "README"
        assert {r.sheet for r in REGISTERS} <= set(book.sheetnames)
        risks = book["Risks"]
        assert risks.freeze_panes == "A2"
        assert [c.value for c in risks[1]][:5] == ["ID", "Title", "Owner", "Likelihood", "Impact"]
        assert isinstance(risks["D2"].value, int)
        raised = [c.value for c in risks["K"][1:] if c.value is not None]
        assert raised
        assert all(c.year > 1900 for c in raised)  # datetimes, not text
        formulas = [v.formula1 for v in risks.data_validations.dataValidation]
        assert formulas
        assert all(f.startswith("Lists!") for f in formulas)
        assert book["Lists"].sheet_state == "hidden"

    def test_readme_explains_every_column(self, saved):
        """The README sheet has a row for every column of every register."""
        rows = list(openpyxl.load_workbook(saved)["README"].iter_rows(values_only=True))
        described = {(r[0], r[1]) for r in rows}
        for register in REGISTERS:
            for column in register.all_columns:
                assert (register.sheet, column.title) in described

    def test_text_that_looks_like_a_formula_stays_text(self, alliance, tmp_path):
        """A description starting with '=' is written as text and read back as it was."""
        risk = attrs.evolve(alliance.relationship.risks[0], description="=SUM(A1)\r\x01_x0041_")
        relationship = attrs.evolve(
            alliance.relationship, risks=(risk, *alliance.relationship.risks[1:])
        )
        plan = attrs.evolve(alliance, relationship=relationship)
        assert from_workbook(to_workbook(plan, tmp_path / "p.xlsx")) == plan

    def test_a_failed_save_leaves_nothing(self, alliance, tmp_path):
        """Saving into a folder that does not exist fails and writes nothing."""
        with pytest.raises(OSError, match="cannot save"):
            to_workbook(alliance, tmp_path / "missing" / "p.xlsx")
        assert list(tmp_path.iterdir()) == []


class TestFromWorkbook:
    def test_wrong_types_name_the_cell_and_the_path(self, saved, tmp_path):
        """A wrong value names its cell, its document path and what is wrong, all at once."""

        def edit(book):
            book["Risks"]["D7"] = "high"
            book["Risks"]["E3"] = 9

        problems = _problems(_edited(saved, tmp_path, edit))
        assert [(p.cell, p.document_path) for p in problems] == [
            ("Risks!E3", "relationship.risks[1].impact"),
            ("Risks!D7", "relationship.risks[5].likelihood"),
        ]
        assert str(problems[1]).startswith("Risks!D7 → relationship.risks[5].likelihood: ")

    def test_formulas_are_refused_not_evaluated(self, saved, tmp_path):
        """A formula is a problem at its cell, never computed."""
        path = _edited(saved, tmp_path, lambda b: b["Risks"].__setitem__("D7", "=2+1"))
        (problem,) = _problems(path)
        assert (problem.cell, problem.document_path) == (
            "Risks!D7",
            "relationship.risks[5].likelihood",
        )
        assert "formula" in problem.message

    def test_merged_cells_are_refused(self, saved, tmp_path):
        """Merged cells are a problem naming the range."""
        path = _edited(saved, tmp_path, lambda b: b["Risks"].merge_cells("F7:G8"))
        assert [p.cell for p in _problems(path)] == ["Risks!F7:G8"]

    def test_a_renamed_sheet_is_unknown_and_missing(self, saved, tmp_path):
        """A renamed register sheet is reported as an unknown sheet and a missing one."""

        def edit(book):
            book["Risks"].title = "Risk register"

        assert [p.cell for p in _problems(_edited(saved, tmp_path, edit))] == [
            "Risk register",
            "Risks",
        ]

    def test_extra_sheets_are_problems(self, saved, tmp_path):
        """A sheet collabrel does not know is a problem, not silently dropped."""
        path = _edited(saved, tmp_path, lambda b: b.create_sheet("Notes"))
        assert [p.cell for p in _problems(path)] == ["Notes"]

    def test_moved_columns_and_blank_rows_are_fine(self, alliance, saved, tmp_path):
        """Columns are matched by header and blank rows skipped: the plan is unchanged."""

        def edit(book):
            book["Risks"].move_range("D1:D20", cols=20)
            book["Risks"].insert_rows(5, 3)

        assert from_workbook(_edited(saved, tmp_path, edit)) == alliance

    def test_unknown_and_missing_columns(self, saved, tmp_path):
        """An unknown header and a missing column are named at the header row."""

        def edit(book):
            book["Risks"]["D1"] = "Chance"

        problems = _problems(_edited(saved, tmp_path, edit))
        assert [p.cell for p in problems] == ["Risks!D1", "Risks!1:1"]
        assert "'Likelihood' is missing" in problems[1].message

    def test_dangling_references_and_unknown_parents(self, saved, tmp_path):
        """A reference that names nothing and a child row of no parent are named by cell."""

        def edit(book):
            book["Risks"]["C7"] = "nobody"
            book["Measurements"]["A3"] = "no-kpi"

        problems = _problems(_edited(saved, tmp_path, edit))
        assert {(p.cell, p.document_path) for p in problems} == {
            ("Measurements!A3", "relationship.kpis"),
            ("Risks!C7", "relationship.risks[5].owner"),
        }

    def test_too_many_rows_is_a_limit(self, saved):
        """A sheet with more rows than LoadLimits.max_items is refused, read streamed."""
        (problem, *_) = _problems(saved, limits=LoadLimits(max_items=5))
        assert "LoadLimits.max_items" in problem.message

    def test_not_a_workbook(self, tmp_path):
        """A file that is not an xlsx is a DocumentError, not a zip or openpyxl error."""
        path = tmp_path / "x.xlsx"
        path.write_text("hello")
        with pytest.raises(DocumentError, match="not a workbook"):
            from_workbook(path)

    def test_base_keeps_what_the_registers_do_not_hold(self, alliance, saved):
        """With base, the registers come from the workbook and the rest from base."""
        older = attrs.evolve(alliance, history=alliance.history[:2])
        assert from_workbook(saved, base=older) == older

    def test_base_takes_the_workbooks_registers(self, alliance, saved, tmp_path):
        """With base, an edited register replaces base's."""
        path = _edited(saved, tmp_path, lambda b: b["Risks"].__setitem__("B2", "Renamed"))
        plan = from_workbook(path, base=alliance)
        assert plan.relationship.risks[0].title == "Renamed"
        assert plan.history == alliance.history

    def test_problems_pickle(self):
        """A CellProblem keeps its cell and path through pickling."""
        written = pickle.dumps(CellProblem("Risks!D7", "relationship.risks[5]", "x"))
        problem = pickle.loads(written)  # noqa: S301 - bytes this test just wrote
        assert (problem.cell, problem.document_path, problem.message) == (
            "Risks!D7",
            "relationship.risks[5]",
            "x",
        )


class TestTemplateWorkbook:
    def test_a_filled_template_is_a_plan(self, tmp_path):
        """A consultant fills the Plan sheet and two parties; it reads as a plan."""
        book = openpyxl.load_workbook(template_workbook(tmp_path / "t.xlsx"))
        plan_sheet = book["Plan"]
        values = {
            "meta.title": "Pilot plan",
            "meta.issued_on": "2026-01-05",
            "meta.author": "A. Consultant",
            "relationship.id": "pilot",
            "relationship.name": "Pilot",
            "relationship.kind": "bilateral",
        }
        for row in plan_sheet.iter_rows(min_row=2):
            if row[0].value in values:
                row[1].value = values[row[0].value]
        book["Parties"].append(["nr", "Network Rail", "client"])
        book["Parties"].append(["acme", "Acme", "supplier"])
        book.save(tmp_path / "filled.xlsx")
        plan = from_workbook(tmp_path / "filled.xlsx")
        assert isinstance(plan, RelationshipManagementPlan)
        assert plan.relationship.partner_ids == ("nr", "acme")
        report = assess(plan, "iso44001:2017", as_of=date(2026, 1, 31))
        assert report.subject == "pilot"
        assert len(report.outcomes) == len(catalogue("iso44001:2017").requirements)
        assert not report.certification.ready  # an empty plan lacks its records
        assert report.findings_for("CBR.S5.RACI")
