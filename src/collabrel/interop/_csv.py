"""Plans as CSV files, one per register, with the workbook's columns (the standard library only).

For tools that speak CSV and nothing else: a folder holds `plan.csv`, one file per register
(`parties.csv`, `risks.csv`, `raci.csv`, ...; the names come from the sheets' names) and
`document.json` with the rest of the plan. Every file is written as `dump` writes, and read
within `LoadLimits`; problems name the file and the cell (`risks.csv!D7`) as the workbook's
name the sheet.
"""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path
from typing import Any, Final

from collabrel.errors import ArgumentError, DocumentError, Problem
from collabrel.interop import _tables
from collabrel.interop._registers import RACI, Kind
from collabrel.interop._workbook import build_plan, checked_path
from collabrel.model import RelationshipManagementPlan
from collabrel.serialization._io import to_data
from collabrel.serialization._limits import LoadLimits, checked_limits, over_limit
from collabrel.serialization._save import write_atomically

__all__ = ["from_csv", "to_csv"]

DOCUMENT_FILE: Final = "document.json"


def _file_name(layout: _tables.Layout) -> str:
    return RACI.file_name if layout is RACI else layout.sheet.lower().replace(" ", "-") + ".csv"


_FILES: Final = {_file_name(layout): layout for layout in _tables.LAYOUTS}


def to_csv(plan: RelationshipManagementPlan, folder: str | os.PathLike[str]) -> Path:
    """Write `plan` as CSV files in `folder`, one per register, with the workbook's columns.

    The folder (made if it is not there) gets `plan.csv`, a file per register (`risks.csv`,
    `raci.csv`, ...) and `document.json` with the rest of the plan, each saved atomically.
    Values are written as text: dates in ISO 8601, flags as `true` and `false`, lists as the
    workbook writes them. `from_csv` reads them back.

    Returns:
        The folder, as a `Path`.

    Raises:
        ArgumentError: If `plan` is not a plan (also a `TypeError`).
        SaveError: If a file cannot be written (also an `OSError`).

    Examples:
        >>> import tempfile
        >>> import collabrel as cr
        >>> from collabrel.interop import from_csv, to_csv
        >>> plan = cr.examples.load("alliance")
        >>> folder = to_csv(plan, tempfile.mkdtemp() + "/alliance")  # a str or a path
        >>> print((folder / "risks.csv").read_text().splitlines()[0][:40])
        ID,Title,Owner,Likelihood,Impact,Descrip
        >>> from_csv(folder) == plan
        True
    """
    if not isinstance(plan, RelationshipManagementPlan):
        raise ArgumentError("plan", plan, "a RelationshipManagementPlan")
    target = checked_path(folder)
    target.mkdir(parents=True, exist_ok=True)
    rest, tables = _tables.split(to_data(plan))
    for layout in _tables.LAYOUTS:
        headers, rows = _tables.sheet_cells(layout, tables[layout.sheet])
        out = io.StringIO(newline="")
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(headers)
        writer.writerows([_tables.to_text(kind, value) for kind, value in row] for row in rows)
        write_atomically(target / _file_name(layout), out.getvalue().encode("utf-8"))
    text = _json(rest)
    write_atomically(target / DOCUMENT_FILE, text.encode("utf-8"))
    return target


def _json(rest: dict[str, Any]) -> str:
    import json  # noqa: PLC0415 - only writing needs it here

    return json.dumps(rest, ensure_ascii=True, indent=1) + "\n"


def from_csv(
    folder: str | os.PathLike[str],
    base: RelationshipManagementPlan | None = None,
    *,
    limits: LoadLimits | None = None,
) -> RelationshipManagementPlan:
    """Read a plan from the CSV files `to_csv` wrote.

    Columns are found by their header; blank lines are skipped; every problem is reported at
    once with its file, cell and document path (`risks.csv!D7 →
    relationship.risks[5].likelihood: ...`), and nothing is returned unless the whole is a
    valid plan.

    Args:
        folder: The folder of CSV files.
        base: A plan to update: the folder's register files replace those registers of
            `base`, a register without a file keeps `base`'s, and everything else of `base`
            stays (`document.json` is not read).
        limits: The bounds on what is read: each file at most `max_bytes` bytes and
            `max_items` rows. The defaults of `LoadLimits` when not
            given.

    Raises:
        DocumentError: If the files are not a valid plan; lists every problem.
        ArgumentError: If an argument is not of the right type (also a `TypeError`).
        OSError: If a file cannot be read.

    Examples:
        >>> import tempfile, pathlib
        >>> import collabrel as cr
        >>> from collabrel.interop import from_csv, to_csv
        >>> plan = cr.examples.load("flawed")
        >>> folder = to_csv(plan, pathlib.Path(tempfile.mkdtemp()))
        >>> risks = folder / "risks.csv"
        >>> _ = risks.write_text(risks.read_text().replace(",3,", ",9,", 1))
        >>> try:
        ...     from_csv(folder, base=plan)
        ... except cr.DocumentError as err:
        ...     print(err.problems[0])
        risks.csv!D2 → relationship.risks[0].likelihood: must be an integer from 1 to 5 (got 9)
    """
    checked = checked_limits(limits)
    target = checked_path(folder)
    if base is not None and not isinstance(base, RelationshipManagementPlan):
        raise ArgumentError("base", base, "a RelationshipManagementPlan or None")
    source = str(target)
    problems: list[Problem] = []
    present = {p.name: p for p in sorted(target.iterdir()) if p.is_file()}
    for name in present:
        if name.lower().endswith(".csv") and name not in _FILES:
            known = ", ".join(_FILES)
            problems.append(
                _tables.CellProblem(name, "", f"not a file of a plan (its files: {known})")
            )
    document = present.get(DOCUMENT_FILE)
    rest, tables = _tables.begin(
        base,
        None
        if document is None
        else lambda: _tables.rest_from_json(_text(document, checked), DOCUMENT_FILE, problems),
        _tables.CellProblem(DOCUMENT_FILE, "", "the file is missing"),
        problems,
    )
    for name, layout in _FILES.items():
        found = present.get(name)
        if found is not None:
            raw = _raw(found, checked, problems)
            tables[layout.sheet] = _tables.read_rows(layout, raw, _decode, problems)
        elif base is None:
            problems.append(_tables.CellProblem(name, "", "the file is missing"))
    label = {layout.sheet: name for name, layout in _FILES.items()}
    return build_plan(
        rest,
        tables,
        limits=checked,
        source=source,
        problems=problems,
        label=lambda sheet: label.get(sheet, sheet),
    )


def _decode(kind: Kind, raw: object) -> object:
    return _tables.from_text(kind, str(raw))


def _text(path: Path, limits: LoadLimits) -> str:
    size = path.stat().st_size
    if size > limits.max_bytes:
        words = over_limit(f"{size} bytes", limits.max_bytes, "max_bytes")
        raise DocumentError([_tables.CellProblem(path.name, "", words)], source=str(path.parent))
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        problem = _tables.CellProblem(path.name, "", f"not UTF-8 text: {exc}")
        raise DocumentError([problem], source=str(path.parent)) from exc


def _raw(path: Path, limits: LoadLimits, problems: list[Problem]) -> _tables.RawSheet:
    """A CSV file's header and non-blank rows; stops at `limits.max_items` rows."""
    label = path.name
    reader = csv.reader(io.StringIO(_text(path, limits), newline=""))
    header: dict[int, str] = {}
    rows: list[tuple[int, dict[int, object]]] = []
    try:
        for number, record in enumerate(reader, start=1):
            values: dict[int, object] = {
                col: text for col, text in enumerate(record, start=1) if text != ""
            }
            if number == 1:
                header = {col: str(text) for col, text in values.items() if str(text).strip()}
                continue
            if not values:
                continue
            if len(rows) >= limits.max_items:
                problems.append(
                    _tables.over_rows(label, f"more than {limits.max_items} rows", limits.max_items)
                )
                break
            rows.append((number, values))
    except csv.Error as exc:
        problems.append(
            _tables.CellProblem(f"{label}!{reader.line_num}:{reader.line_num}", "", str(exc))
        )
    return _tables.RawSheet(label, header, rows)
