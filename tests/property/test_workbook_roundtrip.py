"""Round trips: every generated plan survives a workbook and a folder of CSV files unchanged."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings

from collabrel.interop import from_csv, from_workbook, to_csv, to_workbook
from collabrel.testing import strategies as cst

_FEW = settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])


class TestWorkbookRoundTrip:
    @_FEW
    @given(cst.relationship_management_plans())
    def test_generated_plans_survive_a_workbook(self, rmp):
        """from_workbook(to_workbook(plan)) == plan for any plan the strategies draw."""
        with tempfile.TemporaryDirectory() as folder:
            saved = to_workbook(rmp, Path(folder) / "plan.xlsx")
            assert from_workbook(saved) == rmp

    @_FEW
    @given(cst.relationship_management_plans())
    def test_generated_plans_survive_csv_files(self, rmp):
        """from_csv(to_csv(plan)) == plan, RACI order included, for any plan drawn."""
        with tempfile.TemporaryDirectory() as folder:
            assert from_csv(to_csv(rmp, Path(folder) / "plan")) == rmp
