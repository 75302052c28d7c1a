"""Workbook benchmarks for collabrel: the alliance through a workbook, and a big risk register.

Run from the repository root::

    .venv/bin/python benchmarks/bench_interop_workbook.py          # full run (about a minute)
    .venv/bin/python benchmarks/bench_interop_workbook.py --quick  # smoke run
    .venv/bin/python benchmarks/bench_interop_workbook.py --json   # also save results as JSON

What it measures (see docs/benchmarks.md, "Workbooks"):

1. alliance: the bundled alliance written with `to_workbook`, read back with
   `from_workbook`, and both in a row (the target: a round trip under 1 s); the CSV round
   trip beside it.
2. risks: `from_workbook` of a plan whose risk register has 10,000 rows (the default
   `LoadLimits.max_items`; the target: under 3 s), read streamed in openpyxl's read-only
   mode; writing it is timed on its own row.

Every read is checked to give back the plan written before anything is timed.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import attrs

import _runner
from _runner import fmt_time, heading, table, time_runs
from collabrel import examples
from collabrel.interop import from_csv, from_workbook, to_csv, to_workbook
from collabrel.model import RelationshipManagementPlan, Risk

PACKAGES = ("collabrel", "openpyxl", "attrs", "cattrs")
SECTIONS = ("alliance", "risks")


def big_register(rows: int) -> RelationshipManagementPlan:
    """The alliance with a risk register of `rows` risks."""
    plan = examples.load("alliance")
    assert plan.relationship is not None
    owner = plan.relationship.risks[0].owner
    risks = [
        Risk(
            id=f"r{i}",
            title=f"Risk {i}",
            owner=owner,
            likelihood=1 + i % 5,
            impact=1 + i % 3,
            description="A risk written to fill the register",
            category="delivery",
        )
        for i in range(rows)
    ]
    return attrs.evolve(plan, relationship=attrs.evolve(plan.relationship, risks=risks))


def _rows(results: dict[str, dict[str, Any]]) -> list[list[str]]:
    return [[k, fmt_time(v["median_s"]), fmt_time(v["min_s"])] for k, v in results.items()]


def section_alliance(repeat: int, folder: Path) -> dict[str, Any]:
    heading("alliance: to_workbook, from_workbook, both; CSV beside them")
    plan = examples.load("alliance")
    path = folder / "alliance.xlsx"
    assert from_workbook(to_workbook(plan, path)) == plan
    assert from_csv(to_csv(plan, folder / "csv")) == plan
    results = time_runs(
        {
            "to_workbook": lambda: to_workbook(plan, path),
            "from_workbook": lambda: from_workbook(path),
            "round trip (write and read)": lambda: from_workbook(to_workbook(plan, path)),
            "CSV round trip": lambda: from_csv(to_csv(plan, folder / "csv")),
        },
        repeat=repeat,
    )
    print(table(["step", "median", "min"], _rows(results)))
    return {"results": results}


def section_risks(repeat: int, rows: int, folder: Path) -> dict[str, Any]:
    heading(f"risks: a register of {rows:,} rows")
    plan = big_register(rows)
    path = folder / "risks.xlsx"
    assert from_workbook(to_workbook(plan, path)) == plan
    results = time_runs(
        {
            f"from_workbook, {rows:,} risks": lambda: from_workbook(path),
            f"to_workbook, {rows:,} risks": lambda: to_workbook(plan, path),
        },
        repeat=repeat,
    )
    print(table(["step", "median", "min"], _rows(results)))
    return {"rows": rows, "bytes": path.stat().st_size, "results": results}


def main(argv: list[str] | None = None) -> int:
    args = _runner.parse(_runner.parser(__doc__, SECTIONS), argv)
    repeat = 3 if args.quick else 7
    rows = 1_000 if args.quick else 10_000
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        sections: _runner.Sections = {
            "alliance": lambda: section_alliance(repeat, folder),
            "risks": lambda: section_risks(repeat, rows, folder),
        }
        return _runner.run(
            args, "workbooks", sections, packages=PACKAGES, name=f"workbooks-{args.mode}"
        )


if __name__ == "__main__":
    raise SystemExit(main())
