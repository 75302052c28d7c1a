"""Plans as Excel workbooks (the `xlsx` extra): one sheet per register, read back losslessly.

The sheets come from the one table in `_registers.py`; the rows from `_tables.split`. A
workbook holds, in order:

- `README`: what each sheet and column holds, the values each list column allows;
- `Plan`: the plan's single fields (title, dates, the relationship's name), one per row;
- one sheet per register (Parties, People, RACI, Risks, KPIs, Measurements, ...), a header
  row that stays in view, real dates and numbers, drop-down lists for the enum columns;
- `Stage records`: each stage record's status, approver, dates and signatories;
- `Document`: the rest of the plan (governance bodies, the records' own fields, the history)
  as JSON, split over the rows of column A;
- `Lists` (hidden): the values the drop-down lists offer.

Reading streams each sheet (openpyxl's read-only mode, formulas as written, never
evaluated), within `LoadLimits`, and builds the plan once with `from_data`; every problem
names its cell and its document path.
"""

from __future__ import annotations

import functools
import io
import json
import os
import re
import zipfile
from collections.abc import Callable, Iterable
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, cast

from collabrel._optional import import_optional
from collabrel.errors import ArgumentError, DocumentError, Problem
from collabrel.interop._registers import PLAN_FIELDS, RACI, Column, Kind
from collabrel.interop._tables import (
    LAYOUTS,
    PLAN,
    PLAN_LAYOUT,
    CellProblem,
    Layout,
    RawSheet,
    Row,
    Tables,
    begin,
    from_text,
    locate,
    merge,
    over_rows,
    read_rows,
    rest_from_json,
    sheet_cells,
    split,
    to_text,
)
from collabrel.model import RelationshipManagementPlan, deferred_reference_checks
from collabrel.serialization._io import to_data
from collabrel.serialization._limits import LoadLimits, checked_limits, over_limit
from collabrel.serialization._reading import from_data
from collabrel.serialization._save import write_atomically

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

__all__ = [
    "build_plan",
    "checked_path",
    "from_workbook",
    "template_workbook",
    "to_workbook",
]

README: Final = "README"
DOCUMENT: Final = "Document"
LISTS: Final = "Lists"
_CHUNK: Final = 32_000  # characters of JSON per cell (Excel holds at most 32,767)
_UNPACKED: Final = 10  # a workbook may unpack to this many times LoadLimits.max_bytes
_DATE_FORMAT: Final = "yyyy-mm-dd"
# The workbook's sheets are README, then LAYOUTS in order, then Document.
_READ: Final = {layout.sheet: layout for layout in LAYOUTS}


# ---------------------------------------------------------------------------- text in cells

_ESCAPE: Final = re.compile(r"_(?=x[0-9A-Fa-f]{4}_)|[\x00-\x08\x0b-\x1f\ud800-\udfff\ufffe\uffff]")
_UNESCAPE: Final = re.compile(r"_x([0-9A-Fa-f]{4})_")


def _escape(text: str) -> str:
    r"""Text a workbook can hold: characters XML cannot carry as `_xHHHH_`, as Excel does.

    Examples:
        >>> _escape("a\rb"), _escape("_x0041_")
        ('a_x000D_b', '_x005F_x0041_')
    """
    return _ESCAPE.sub(lambda m: f"_x{ord(m[0]):04X}_", text)


def _unescape(text: str) -> str:
    r"""The text `_escape` was given.

    Examples:
        >>> _unescape("a_x000D_b"), _unescape("_x005F_x0041_")
        ('a\rb', '_x0041_')
    """
    if "_x" not in text:
        return text
    return _UNESCAPE.sub(lambda m: chr(int(m[1], 16)), text)


def _number_text(value: float) -> str:
    return str(int(value)) if isinstance(value, int) or value.is_integer() else repr(value)


def _decode(kind: Kind, raw: object) -> object:  # noqa: PLR0911 - a return per kind of value
    """The plain value of a workbook cell `(value, data type)` for a column of `kind`."""
    value, data_type = cast("tuple[object, str]", raw)
    if data_type == "f" or not isinstance(
        value, (str, int, float, datetime, date, time, timedelta)
    ):
        msg = f"a formula ({value}): collabrel reads values, not formulas; put the value itself"
        raise ValueError(msg)
    if data_type == "e":
        msg = f"an error value ({value}); put the value itself"
        raise ValueError(msg)
    if isinstance(value, datetime):
        if value.time() != time():
            if kind is Kind.DATE:
                msg = f"a date and time ({value.isoformat(sep=' ')}); this column holds a day"
                raise ValueError(msg)
            return from_text(kind, value.isoformat())
        return from_text(kind, value.date().isoformat())
    if isinstance(value, (date, time, timedelta)):
        return from_text(kind, str(value))
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        if kind in (Kind.TEXT, Kind.ID, Kind.CHOICE) or kind.is_list:
            return from_text(kind, _number_text(value))
        return value
    return from_text(kind, _unescape(value))


def _cell_value(kind: Kind, value: object) -> object:
    """What a cell of `kind` is given for a plain value: a date, a number, a flag or text."""
    if kind is Kind.DATE and isinstance(value, str):
        return date.fromisoformat(value)
    if kind in (Kind.INTEGER, Kind.NUMBER, Kind.BOOLEAN) and isinstance(value, (int, float)):
        return value
    return _escape(to_text(kind, value))


# ---------------------------------------------------------------------------- writing


def to_workbook(plan: RelationshipManagementPlan, path: str | os.PathLike[str]) -> Path:
    """Write `plan` as an Excel workbook, one sheet per register; atomically.

    `from_workbook` reads it back into an equal plan. The
    workbook opens in Excel, LibreOffice and Google Sheets: dates are real dates, numbers
    real numbers, the columns of an enum have drop-down lists, the header rows stay in view,
    and a README sheet says what each column holds. What the registers do not hold (the
    governance bodies, the records' own fields, the history) is kept as JSON in the Document
    sheet.

    The file is saved as `dump` saves: the previous file
    stays as it was if anything fails.

    Args:
        plan: The plan to write.
        path: Where to save it (an `.xlsx` file).

    Returns:
        The path written, as a `Path`.

    Raises:
        ImportError: If openpyxl is not installed (`pip install 'collabrel[xlsx]'`).
        ArgumentError: If `plan` is not a plan (also a `TypeError`).
        SaveError: If the file cannot be written (also an `OSError`).

    Examples:
        >>> import tempfile, pathlib
        >>> import collabrel as cr
        >>> from collabrel.interop import from_workbook, to_workbook
        >>> plan = cr.examples.load("flawed")
        >>> saved = to_workbook(plan, pathlib.Path(tempfile.mkdtemp()) / "plan.xlsx")
        >>> from_workbook(saved) == plan
        True
    """
    if not isinstance(plan, RelationshipManagementPlan):
        raise ArgumentError("plan", plan, "a RelationshipManagementPlan")
    target = checked_path(path)
    rest, tables = split(to_data(plan))
    write_atomically(target, _render(rest, tables))
    return target


def template_workbook(path: str | os.PathLike[str]) -> Path:
    """Write an empty workbook for a consultant to fill in; atomically.

    It has every sheet and column a plan's workbook has, the Plan sheet's fields with their
    defaults, and no rows. Filled in (the Plan sheet's title, date, author and the
    relationship's id, name and kind; two parties at least), it reads into a plan with
    `from_workbook`.

    Returns:
        The path written, as a `Path`.

    Raises:
        ImportError: If openpyxl is not installed (`pip install 'collabrel[xlsx]'`).
        SaveError: If the file cannot be written (also an `OSError`).

    Examples:
        >>> import tempfile, pathlib
        >>> import collabrel as cr
        >>> from collabrel.interop import from_workbook, template_workbook
        >>> empty = template_workbook(pathlib.Path(tempfile.mkdtemp()) / "template.xlsx")
        >>> try:
        ...     from_workbook(empty)
        ... except cr.DocumentError as err:
        ...     print(err.problems[0])
        Plan!B2 → meta.title: required field is missing
    """
    target = checked_path(path)
    tables: Tables = {layout.sheet: [] for layout in LAYOUTS}
    tables[PLAN] = [Row({"field": f.path}) for f in PLAN_FIELDS]
    write_atomically(target, _render({}, tables))
    return target


def checked_path(path: object) -> Path:
    if not isinstance(path, (str, os.PathLike)):
        raise ArgumentError("path", path, "a str or os.PathLike path")
    return Path(path)


class _Lists:
    """The hidden Lists sheet: one column per list of allowed values, shared by the sheets."""

    def __init__(self, book: Workbook) -> None:
        self.sheet = book.create_sheet(LISTS)
        self.sheet.sheet_state = "hidden"
        self.columns: dict[tuple[str, ...], str] = {}

    def formula(self, column: Column) -> str:
        letter = self.columns.get(column.choices)
        if letter is None:
            index = len(self.columns) + 1
            letter = _letter(index)
            self.columns[column.choices] = letter
            self.sheet.cell(row=1, column=index, value=column.title)
            for row, choice in enumerate(column.choices, start=2):
                self.sheet.cell(row=row, column=index, value=choice)
        return f"{LISTS}!${letter}$2:${letter}${len(column.choices) + 1}"


def _letter(index: int) -> str:
    openpyxl = import_optional("openpyxl", "workbooks", "xlsx")
    letter: str = openpyxl.utils.get_column_letter(index)
    return letter


def _render(rest: dict[str, Any], tables: Tables) -> bytes:
    openpyxl = import_optional("openpyxl", "workbooks", "xlsx")
    book = openpyxl.Workbook()
    book.remove(book.active)
    readme = book.create_sheet(README)
    lists = _Lists(book)
    bold = openpyxl.styles.Font(bold=True)
    for layout in LAYOUTS:
        sheet = book.create_sheet(layout.sheet)
        _write_rows(sheet, layout, tables[layout.sheet], lists)
        _finish(sheet, bold)
    document = book.create_sheet(DOCUMENT)
    text = json.dumps(rest, ensure_ascii=True, separators=(",", ":"))
    document.append(["JSON"])
    for start in range(0, len(text), _CHUNK):
        document.append([text[start : start + _CHUNK]])
    document.column_dimensions["A"].width = 100
    _finish(document, bold)
    _write_readme(readme)
    _finish(readme, bold)
    book.move_sheet(LISTS, offset=len(book.sheetnames))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _finish(sheet: Worksheet, bold: object) -> None:
    sheet.freeze_panes = "A2"
    for cell in sheet[1]:
        cell.font = bold  # type: ignore[assignment]


def _put_row(sheet: Worksheet, number: int, values: list[tuple[Kind, object]]) -> None:
    """Append a row of plain values; dates get a date format, text stays text."""
    sheet.append([None if value is None else _cell_value(kind, value) for kind, value in values])
    for index, (kind, value) in enumerate(values, start=1):
        if value is None:
            continue
        if kind is Kind.DATE and isinstance(value, str):
            sheet.cell(row=number, column=index).number_format = _DATE_FORMAT
        elif _needs_digits(value):
            # openpyxl writes 16 digits; a float may need 17, a big integer all of its own
            cell = sheet.cell(row=number, column=index)
            cell.value = repr(value)
            cell.data_type = "n"
        elif not (kind in (Kind.INTEGER, Kind.NUMBER, Kind.BOOLEAN) and not isinstance(value, str)):
            sheet.cell(row=number, column=index).data_type = "s"  # never a formula


def _needs_digits(value: object) -> bool:
    """Whether openpyxl's 16 significant digits would not give `value` back."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    written = f"{value:.16g}"
    return written != str(value) if isinstance(value, int) else float(written) != value


def _validate(sheet: Worksheet, column: Column, where: str, lists: _Lists) -> None:
    openpyxl = import_optional("openpyxl", "workbooks", "xlsx")
    rule = openpyxl.worksheet.datavalidation.DataValidation(
        type="list",
        formula1=lists.formula(column),
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=column.title,
        error=f"{column.title} is one of the values in the list.",
    )
    sheet.add_data_validation(rule)
    rule.add(where)


def _write_rows(sheet: Worksheet, layout: Layout, rows: list[Row], lists: _Lists) -> None:
    headers, values = sheet_cells(layout, rows)
    sheet.append(headers)
    for number, cells in enumerate(values, start=2):
        _put_row(sheet, number, cells)
    if layout is PLAN_LAYOUT:
        by_path = {f.path: f.column for f in PLAN_FIELDS}
        for number, row in enumerate(rows, start=2):
            column = by_path[str(row.values["field"])]
            if column.kind is Kind.CHOICE:
                _validate(sheet, column, f"B{number}", lists)
        widths: tuple[int, ...] = (26, 40, 60)
    elif layout is RACI:
        widths = (16, 40, 16)
    else:
        widths = tuple(min(max(len(c.title) + 4, 12), 40) for c in layout.all_columns)
        for index, c in enumerate(layout.all_columns, start=1):
            if c.kind is Kind.CHOICE:
                letter = _letter(index)
                _validate(sheet, c, f"{letter}2:{letter}1048576", lists)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[_letter(index)].width = width


def _readme_rows() -> Iterable[list[str]]:
    yield ["Sheet", "Column", "Holds", "Required", "Values", "About"]
    yield [README, "", "", "", "", "This sheet: what every sheet and column holds."]
    for layout in LAYOUTS:
        yield [layout.sheet, "", "", "", "", layout.about]
        if layout is PLAN_LAYOUT:
            for f in PLAN_FIELDS:
                yield [PLAN, f.path, *_about(f.column)]
            continue
        for c in layout.all_columns:
            yield [layout.sheet, c.title, *_about(c)]
        if layout is RACI:
            yield [
                RACI.sheet,
                "(a party's id)",
                "codes",
                "no",
                "letters of the alphabet",
                "one column per person, body or partner; its codes on each activity",
            ]
    yield [
        DOCUMENT,
        "",
        "",
        "",
        "",
        (
            "The rest of the plan (governance bodies, the records' own fields, the history) "
            "as JSON over the rows of column A; edit with care."
        ),
    ]


def _about(column: Column) -> list[str]:
    values = ", ".join(column.choices)
    default = f" (blank: {column.default})" if column.default is not None else ""
    return [
        column.kind.value,
        "yes" if column.required else "no",
        values,
        column.description + default,
    ]


def _write_readme(sheet: Worksheet) -> None:
    for row in _readme_rows():
        sheet.append(row)
    for letter, width in zip("ABCDEF", (20, 26, 20, 10, 40, 80), strict=True):
        sheet.column_dimensions[letter].width = width


# ---------------------------------------------------------------------------- reading


def from_workbook(
    path: str | os.PathLike[str],
    base: RelationshipManagementPlan | None = None,
    *,
    limits: LoadLimits | None = None,
) -> RelationshipManagementPlan:
    """Read a plan from a workbook that `to_workbook` wrote.

    Columns are found by their header, wherever they are; blank rows are skipped. Every
    problem is reported at once, each naming its cell and document path
    (`Risks!D7 → relationship.risks[5].likelihood: ...`), and nothing is returned unless the
    whole workbook is a valid plan. Formulas are refused, not evaluated; merged cells,
    unknown sheets and columns, and values of the wrong kind are problems too.

    Args:
        path: The workbook (`.xlsx`).
        base: A plan to update: the workbook's register sheets replace those registers of
            `base`, and everything else of `base` (what the Document sheet would hold) stays.
            A register sheet the workbook does not have keeps `base`'s register.
        limits: The bounds on what is read; each sheet may have at most `max_items` rows,
            the file at most `max_bytes` bytes (and unpack to ten times that). The defaults
            of `LoadLimits` when not given.

    Returns:
        The plan the workbook describes.

    Raises:
        ImportError: If openpyxl is not installed (`pip install 'collabrel[xlsx]'`).
        DocumentError: If the workbook is not a valid plan, or cannot be read as a workbook;
            each problem is a `CellProblem` where it has a
            cell.
        ArgumentError: If an argument is not of the right type (also a `TypeError`).
        OSError: If the file cannot be read.

    Examples:
        >>> import tempfile, pathlib
        >>> import attrs
        >>> import collabrel as cr
        >>> from collabrel.interop import from_workbook, to_workbook
        >>> plan = cr.examples.load("alliance")
        >>> saved = to_workbook(plan, pathlib.Path(tempfile.mkdtemp()) / "alliance.xlsx")
        >>> older = attrs.evolve(plan, history=())  # a base the workbook updates
        >>> updated = from_workbook(saved, base=older)
        >>> updated.history == (), updated.relationship == plan.relationship
        (True, True)
    """
    checked = checked_limits(limits)
    target = checked_path(path)
    if base is not None and not isinstance(base, RelationshipManagementPlan):
        raise ArgumentError("base", base, "a RelationshipManagementPlan or None")
    source = str(target)
    _check_size(target, checked, source)
    openpyxl = import_optional("openpyxl", "workbooks", "xlsx")
    try:
        book = openpyxl.load_workbook(target, read_only=True, data_only=False, keep_links=False)
    except (OSError, ValueError, KeyError, zipfile.BadZipFile) as exc:
        if isinstance(exc, FileNotFoundError):
            raise
        raise DocumentError(
            [Problem("", f"not a workbook collabrel can read: {exc}")], source=source
        ) from exc
    try:
        problems: list[Problem] = []
        raws = _read_sheets(book, checked, problems)
    finally:
        book.close()
    return _build(raws, base, checked, source, problems)


def _check_size(target: Path, limits: LoadLimits, source: str) -> None:
    size = target.stat().st_size
    if size > limits.max_bytes:
        words = over_limit(f"{size} bytes", limits.max_bytes, "max_bytes")
        raise DocumentError([Problem("", words)], source=source)
    try:
        with zipfile.ZipFile(target) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as exc:
        problem = Problem("", f"not a workbook (an .xlsx file is a zip archive): {exc}")
        raise DocumentError([problem], source=source) from exc
    if unpacked > _UNPACKED * limits.max_bytes:
        words = over_limit(
            f"{unpacked} bytes unpacked", _UNPACKED * limits.max_bytes, "max_bytes, ten times"
        )
        raise DocumentError([Problem("", words)], source=source)


def _read_sheets(book: Any, limits: LoadLimits, problems: list[Problem]) -> dict[str, RawSheet]:
    raws: dict[str, RawSheet] = {}
    known = ", ".join(repr(s) for s in (README, *_READ, DOCUMENT))
    for name in book.sheetnames:
        if name in (README, LISTS):
            continue
        if name not in _READ and name != DOCUMENT:
            problems.append(
                CellProblem(name, "", f"not a sheet of a plan's workbook (its sheets: {known})")
            )
            continue
        raws[name] = _raw_sheet(book, book[name], name, limits.max_items, problems)
    return raws


def _raw_sheet(book: Any, sheet: Any, label: str, limit: int, problems: list[Problem]) -> RawSheet:
    """A sheet's header and non-blank rows, streamed; stops at `limit` rows below the header."""
    header: dict[int, str] = {}
    rows: list[tuple[int, dict[int, object]]] = []
    with sheet._get_source() as source:  # noqa: SLF001 - the read-only sheet's stream
        parser = _parser_type()(
            source,
            getattr(sheet, "_shared_strings", []),
            data_only=False,
            epoch=book.epoch,
            date_formats=getattr(book, "_date_formats", set()),
            timedelta_formats=getattr(book, "_timedelta_formats", set()),
        )
        elements = 0
        for number, cells in parser.parse():
            elements += 1
            values: dict[int, object] = {
                c["column"]: (c["value"], c["data_type"])
                for c in cells
                if c["value"] is not None and c["value"] != ""
            }
            if number == 1:
                header = {col: str(_decode(Kind.TEXT, raw) or "") for col, raw in values.items()}
                header = {col: text for col, text in header.items() if text.strip()}
                continue
            if not values:
                if elements > _UNPACKED * limit:
                    problems.append(over_rows(label, f"{elements} rows", _UNPACKED * limit))
                    return RawSheet(label, header, rows)
                continue
            if len(rows) >= limit:
                problems.append(over_rows(label, f"more than {limit} rows", limit))
                return RawSheet(label, header, rows)
            rows.append((number, values))
        merged = getattr(parser, "merged_cells", None)
    problems.extend(
        CellProblem(f"{label}!{ranged.ref}", "", "merged cells: unmerge them and fill each cell")
        for ranged in getattr(merged, "mergeCell", None) or ()
    )
    return RawSheet(label, header, rows)


@functools.cache
def _parser_type() -> type[Any]:
    """The sheet parser of openpyxl, reading plain inline strings without rich-text objects.

    openpyxl writes text as inline strings and reads each back through a rich-text object,
    which is most of the time a big sheet takes to read; a plain one is a single `<t>`.
    """
    reader = import_optional("openpyxl.worksheet._reader", "workbooks", "xlsx")
    utils = import_optional("openpyxl.utils.cell", "workbooks", "xlsx")
    inline, text_tag, formula = (
        reader.INLINE_STRING,
        reader.INLINE_STRING[:-2] + "t",
        reader.FORMULA_TAG,
    )

    class _Parser(reader.WorkSheetParser):  # type: ignore[misc,name-defined]
        def parse_cell(self, element: Any) -> Any:
            child = element.find(inline) if element.get("t") == "inlineStr" else None
            if child is None or len(child) != 1 or child[0].tag != text_tag:
                return super().parse_cell(element)
            if element.find(formula) is not None:
                return super().parse_cell(element)
            coordinate = element.get("r")
            if coordinate:
                row, column = utils.coordinate_to_tuple(coordinate)
                self.col_counter = column
            else:
                self.col_counter += 1
                row, column = self.row_counter, self.col_counter
            style = element.get("s", 0)
            return {
                "row": row,
                "column": column,
                "value": child[0].text or "",
                "data_type": "s",
                "style_id": int(style) if style else 0,
            }

    return _Parser


def _document(raw: RawSheet, problems: list[Problem]) -> dict[str, Any]:
    parts = []
    for number, cells in raw.rows:
        for col, cell in sorted(cells.items()):
            value, data_type = cast("tuple[object, str]", cell)
            if col != 1 or data_type == "f" or not isinstance(value, str):
                problems.append(
                    CellProblem(
                        f"{DOCUMENT}!{_letter(col)}{number}",
                        "",
                        "the Document sheet holds JSON text in column A only",
                    )
                )
                continue
            parts.append(_unescape(value))
    return rest_from_json("".join(parts), DOCUMENT, problems)


def _build(
    raws: dict[str, RawSheet],
    base: RelationshipManagementPlan | None,
    limits: LoadLimits,
    source: str,
    problems: list[Problem],
) -> RelationshipManagementPlan:
    document = raws.get(DOCUMENT)
    rest, tables = begin(
        base,
        None if document is None else lambda: _document(document, problems),
        CellProblem(DOCUMENT, "", "the sheet is missing"),
        problems,
    )
    for layout in LAYOUTS:
        raw = raws.get(layout.sheet)
        if raw is not None:
            tables[layout.sheet] = read_rows(layout, raw, _decode, problems)
        elif base is None:
            problems.append(CellProblem(layout.sheet, "", "the sheet is missing"))
    return build_plan(rest, tables, limits=limits, source=source, problems=problems)


def build_plan(
    rest: dict[str, Any],
    tables: Tables,
    *,
    limits: LoadLimits,
    source: str,
    problems: list[Problem],
    label: Callable[[str], str] = str,
) -> RelationshipManagementPlan:
    """The plan of `rest` and `tables`, checked once; every problem with its cell."""
    merged = merge(rest, tables, label=label)
    problems.extend(merged.problems)
    try:
        with deferred_reference_checks():
            plan: RelationshipManagementPlan = from_data(
                merged.data, RelationshipManagementPlan, source=source, limits=limits
            )
    except DocumentError as exc:
        problems.extend(locate(exc.problems, merged))
        raise DocumentError(problems, source=source) from exc
    if problems:
        raise DocumentError(problems, source=source)
    return plan
