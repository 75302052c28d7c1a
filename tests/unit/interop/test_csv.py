"""CSV files: one per register, the workbook's columns, problems named by file and cell."""

from __future__ import annotations

import pytest

from collabrel import examples
from collabrel.errors import DocumentError
from collabrel.interop import from_csv, to_csv


class TestCsv:
    @pytest.mark.parametrize("name", examples.names())
    def test_examples_read_back_equal(self, name, tmp_path):
        """Every bundled example reads back from its CSV files as an equal plan (RACI too)."""
        plan = examples.load(name)
        assert from_csv(to_csv(plan, tmp_path / name)) == plan

    def test_raci_has_one_column_per_party(self, tmp_path):
        """raci.csv has the activities down and one column per party, codes in the cells."""
        plan = examples.load("alliance")
        header = (to_csv(plan, tmp_path) / "raci.csv").read_text().splitlines()[0].split(",")
        assert header[:3] == ["Activity ID", "Activity name", "Party order"]
        assert set(header[3:]) == set(plan.relationship.governance.raci.parties)

    def test_wrong_values_name_the_file_cell_and_path(self, tmp_path):
        """A bad value in a CSV file names the file, the cell and the document path."""
        plan = examples.load("flawed")
        folder = to_csv(plan, tmp_path)
        risks = folder / "risks.csv"
        risks.write_text(risks.read_text().replace(",3,", ",high,", 1))
        with pytest.raises(DocumentError) as caught:
            from_csv(folder)
        (problem,) = caught.value.problems
        assert (problem.cell, problem.document_path) == (
            "risks.csv!D2",
            "relationship.risks[0].likelihood",
        )

    def test_base_keeps_registers_without_a_file(self, tmp_path):
        """With base, a register whose file is gone keeps base's; unknown files are problems."""
        plan = examples.load("alliance")
        folder = to_csv(plan, tmp_path)
        (folder / "risks.csv").unlink()
        assert from_csv(folder, base=plan) == plan
        (folder / "risk-register.csv").write_text("ID\n")
        with pytest.raises(DocumentError) as caught:
            from_csv(folder, base=plan)
        assert [p.cell for p in caught.value.problems] == ["risk-register.csv"]

    def test_a_missing_file_without_base_is_a_problem(self, tmp_path):
        """Without base every register's file must be there."""
        folder = to_csv(examples.load("flawed"), tmp_path)
        (folder / "people.csv").unlink()
        with pytest.raises(DocumentError) as caught:
            from_csv(folder)
        assert "people.csv: the file is missing" in [str(p) for p in caught.value.problems]
