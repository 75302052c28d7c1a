"""Plain data to rows and back: what the workbook and the CSV files share.

`split` takes a plan's plain data apart into the rest of the document and one table of rows
per register; `merge` puts rows (read from sheets or files) and a rest together again and
remembers, for every document path it sets, the cell it came from, so that `locate` can
turn the problems `from_data` finds into problems that name both the cell and the path
(`Risks!D7 → relationship.risks[5].likelihood: ...`).

What a cell holds is converted by kind here too (`to_text`, `from_text`), so the workbook and
the CSV files write and read lists, numbers and flags alike.
"""

from __future__ import annotations

import functools
import json
import math
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Final

from collabrel.errors import Problem
from collabrel.interop._registers import (
    PLAN_FIELDS,
    RACI,
    RECORDS,
    REGISTERS,
    Column,
    Kind,
    RaciLayout,
    RecordsLayout,
    Register,
    header_key,
)
from collabrel.model import RelationshipManagementPlan
from collabrel.serialization._io import to_data
from collabrel.serialization._limits import over_limit

__all__ = [
    "LAYOUTS",
    "PLAN",
    "CellProblem",
    "Layout",
    "RawSheet",
    "Row",
    "Tables",
    "begin",
    "cell_name",
    "from_text",
    "locate",
    "merge",
    "read_rows",
    "split",
    "to_text",
]

Plain = dict[str, Any]

PLAN: Final = "Plan"
"""The sheet of the plan's single fields (`PLAN_FIELDS`)."""

Layout = Register | RecordsLayout | RaciLayout


class CellProblem(Problem):
    """A problem found in a workbook or CSV file: the cell, the document path and what is wrong.

    Its `path` reads `Risks!D7 → relationship.risks[5].likelihood`, so a
    `DocumentError` prints both; `cell` and `document_path` hold
    them apart for programs.

    Attributes:
        cell: Where in the workbook: `Risks!D7` (a cell), `Risks!7:7` (a row) or `Risks`
            (a sheet); for CSV files the file's name takes the sheet's place
            (`risks.csv!D7`).
        document_path: The document path of what the cell holds, e.g.
            `relationship.risks[5].likelihood`; empty when the problem is with the sheet
            itself (an unknown column, a formula where a value belongs).

    Examples:
        >>> problem = CellProblem("Risks!D7", "relationship.risks[5].likelihood", "too big")
        >>> print(problem)
        Risks!D7 → relationship.risks[5].likelihood: too big
        >>> problem.cell, problem.document_path
        ('Risks!D7', 'relationship.risks[5].likelihood')
    """

    __slots__ = ("cell", "document_path")

    def __init__(self, cell: str, document_path: str, message: str) -> None:
        self.cell = cell
        self.document_path = document_path
        super().__init__(f"{cell} → {document_path}" if document_path else cell, message)

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.cell, self.document_path, self.message))


@functools.cache
def _letters(column: int) -> str:
    """The letters of a column, from 1: `A`, `Z`, `AA`."""
    out = ""
    while column:
        column, rest = divmod(column - 1, 26)
        out = chr(65 + rest) + out
    return out


def cell_name(label: str, column: int, row: int) -> str:
    """A cell's name, e.g. `Risks!D7` (columns and rows from 1).

    Examples:
        >>> cell_name("Risks", 4, 7), cell_name("RACI", 28, 2)
        ('Risks!D7', 'RACI!AB2')
    """
    return f"{label}!{_letters(column)}{row}"


class Row:
    """One row of a register: plain values by column key, and the cells they came from."""

    __slots__ = ("cells", "codes", "ref", "refused", "spoiled", "values")

    def __init__(self, values: Plain, ref: str = "") -> None:
        self.values = values
        self.ref = ref
        self.cells: dict[str, str] = {}
        self.codes: list[tuple[str, str, str]] = []  # RACI: (party, codes, cell)
        self.spoiled: set[str] = set()  # keys of missing columns (already reported)
        self.refused: dict[str, tuple[str, str]] = {}  # key -> (cell, why it was refused)


Tables = dict[str, list[Row]]
"""Rows by sheet name."""


# ---------------------------------------------------------------------------- cell text

_SPLIT_IDS: Final = re.compile(r"[\s,;]+")


def _lines_or_json(items: list[str]) -> str:
    text = "\n".join(items)
    return text if _texts(text) == items else json.dumps(items, ensure_ascii=False)


def _texts(text: str) -> list[str]:
    if text.startswith("["):
        try:
            found = json.loads(text)
        except ValueError:
            found = None
        if isinstance(found, list) and all(isinstance(x, str) for x in found):
            return found
    return text.split("\n") if text else []


def to_text(kind: Kind, value: object) -> str:
    r"""A plain value as the text of a cell or a CSV field (`None` is empty).

    Examples:
        >>> to_text(Kind.IDS, ["nr", "acme"]), to_text(Kind.BOOLEAN, True)
        ('nr, acme', 'true')
        >>> to_text(Kind.TEXTS, ["one", "two"]), to_text(Kind.TEXTS, ["a\nb"])
        ('one\ntwo', '["a\\nb"]')
    """
    if value is None:
        return ""
    if isinstance(value, list):
        items = [str(x) for x in value]
        return _lines_or_json(items) if kind is Kind.TEXTS else ", ".join(items)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return str(value)


_INTEGER: Final = re.compile(r"[+-]?[0-9]+")


def from_text(kind: Kind, text: str) -> object:  # noqa: PLR0911 - a return per kind
    """The plain value of a cell's text for a column of `kind` (`None` when blank).

    Text that is not what the column holds is passed on as it is, for the document's
    checks to report in their words.

    Examples:
        >>> from_text(Kind.INTEGER, "4"), from_text(Kind.NUMBER, "2.5"), from_text(Kind.IDS, "a, b")
        (4, 2.5, ['a', 'b'])
        >>> from_text(Kind.INTEGER, "high"), from_text(Kind.TEXT, "  ")
        ('high', None)
    """
    if kind is Kind.TEXTS:
        return _texts(text) or None
    if not text.strip():
        return None
    if kind in (Kind.IDS, Kind.CHOICES):
        return [x for x in _SPLIT_IDS.split(text.strip()) if x]
    if kind is Kind.INTEGER and _INTEGER.fullmatch(text.strip()):
        return int(text)
    if kind is Kind.NUMBER:
        try:
            number = float(text)
        except ValueError:
            return text
        return number if math.isfinite(number) else text
    if kind is Kind.BOOLEAN and text.strip().casefold() in ("true", "false"):
        return text.strip().casefold() == "true"
    return text


# ---------------------------------------------------------------------------- paths


def _get(data: Plain, path: str) -> Any:
    node: Any = data
    for key in path.split("."):
        if not isinstance(node, dict):
            return None
        node = node.get(key)
    return node


def _pop(data: Plain, path: str) -> Any:
    *parents, last = path.split(".")
    node: Any = data
    for key in parents:
        node = node.get(key) if isinstance(node, dict) else None
    return node.pop(last, None) if isinstance(node, dict) else None


def _put(data: Plain, path: str, value: object) -> bool:
    """Set `path` in `data`, making the mappings on the way; False if one is not a mapping."""
    *parents, last = path.split(".")
    node: Any = data
    for key in parents:
        node = node.setdefault(key, {})
        if not isinstance(node, dict):
            return False
    node[last] = value
    return True


def _prune(data: Plain) -> Plain:
    """`data` without the mappings that splitting left empty."""
    for key in [k for k, value in data.items() if isinstance(value, dict)]:
        if not _prune(data[key]):
            del data[key]
    return data


def _prefixes(path: str) -> Iterator[str]:
    """`path` and each shorter path above it, longest first."""
    yield path
    for found in reversed(list(re.finditer(r"[.\[]", path))):
        yield path[: found.start()]


# ---------------------------------------------------------------------------- split


def begin(
    base: RelationshipManagementPlan | None,
    rest: Callable[[], Plain] | None,
    missing: Problem,
    problems: list[Problem],
) -> tuple[Plain, Tables]:
    """Where a read starts: `base`'s document and registers, or empty registers and the rest.

    Without a base, the rest of the document is what `rest` reads from the file's document
    part, or `missing` is a problem when the file has none.
    """
    if base is not None:
        return split(to_data(base))
    tables: Tables = {layout.sheet: [] for layout in LAYOUTS}
    if rest is None:
        problems.append(missing)
        return {}, tables
    return rest(), tables


def split(data: Plain) -> tuple[Plain, Tables]:
    """Take a plan's plain data apart: the rest of the document, and rows per register.

    `data` is used up (pass a fresh `to_data` result).
    """
    tables: Tables = {PLAN: [], RECORDS.sheet: [], RACI.sheet: []}
    for f in PLAN_FIELDS:
        tables[PLAN].append(Row({"field": f.path, "value": _pop(data, f.path)}))
    for path in RECORDS.paths:
        record = _get(data, path)
        if isinstance(record, dict):
            core = {c.key: record.pop(c.key) for c in RECORDS.columns if c.key in record}
            tables[RECORDS.sheet].append(Row({"record": path, **core}))
    for register in REGISTERS:
        tables[register.sheet] = []
    for register in REGISTERS:
        if register.parent:
            continue
        for item in _pop(data, register.path) or []:
            _split_children(register, item, tables)
            tables[register.sheet].append(Row(item))
    tables[RACI.sheet] = [_raci_row(a) for a in _pop(data, RACI.path) or []]
    return _prune(data), tables


def _split_children(register: Register, item: Plain, tables: Tables) -> None:
    """Move the lists of `item` that are child registers (and theirs) into their tables."""
    for child in REGISTERS:
        if child.parent == register.sheet:
            assert child.parent_column is not None  # noqa: S101 - a child has one
            link = {child.parent_column.key: item.get("id")}
            for x in item.pop(child.path, []):
                _split_children(child, x, tables)
                tables[child.sheet].append(Row({**link, **x}))


def _raci_row(activity: Plain) -> Row:
    row = Row({"id": activity.get("id"), "name": activity.get("name")})
    row.codes = [(a["party"], a["codes"], "") for a in activity.get("assignments", [])]
    return row


def raci_parties(rows: Iterable[Row]) -> list[str]:
    """The parties of RACI rows, in order of first appearance (the columns' order)."""
    return list(dict.fromkeys(party for row in rows for party, _, _ in row.codes))


def raci_order(row: Row, parties: list[str]) -> list[str] | None:
    """A row's parties in order, if the columns' order would not give them back."""
    mine = [party for party, _, _ in row.codes]
    return None if mine == [p for p in parties if p in set(mine)] else mine


# ---------------------------------------------------------------------------- read


class RawSheet:
    """A sheet (or CSV file) as read: its header cells and its non-blank rows of raw cells."""

    __slots__ = ("header", "label", "rows")

    def __init__(
        self, label: str, header: dict[int, str], rows: list[tuple[int, dict[int, object]]]
    ) -> None:
        self.label = label
        self.header = header  # column -> header text
        self.rows = rows  # (row number, column -> raw value), blank rows left out


Decode = Callable[[Kind, object], object]
"""Turns a raw cell into a plain value for a column's kind; raises ValueError to refuse it."""


def _fixed_key(layout: Layout, text: str) -> str:
    return " ".join(text.split()).casefold() if layout is RACI else header_key(text)


class _Header:
    """Which column of a sheet is which: the layout's columns by header, RACI's parties."""

    def __init__(self, layout: Layout, raw: RawSheet, problems: list[Problem]) -> None:
        fixed = {_fixed_key(layout, c.title): c for c in layout.all_columns}
        self.columns: dict[int, Column] = {}
        self.parties: dict[int, str] = {}
        seen: set[str] = set()
        for col, text in sorted(raw.header.items()):
            key = _fixed_key(layout, text)
            where = cell_name(raw.label, col, 1)
            if key in seen:
                problems.append(CellProblem(where, "", f"the column {text.strip()!r} is twice"))
            elif key in fixed:
                self.columns[col] = fixed[key]
            elif layout is RACI:
                self.parties[col] = text.strip()
            else:
                names = ", ".join(repr(c.title) for c in layout.all_columns)
                message = f"no column {text.strip()!r} in {raw.label} (its columns: {names})"
                problems.append(CellProblem(where, "", message))
            seen.add(key)
        found = set(self.columns.values())
        self.missing = [c for c in layout.all_columns if c not in found]
        problems.extend(
            CellProblem(f"{raw.label}!1:1", "", f"the column {c.title!r} is missing")
            for c in self.missing
            if c.required or layout is not RACI
        )


def read_rows(layout: Layout, raw: RawSheet, decode: Decode, problems: list[Problem]) -> list[Row]:
    """The rows of `raw` for `layout`, matching columns by header (not by position).

    Unknown, repeated and missing headers, refused cells and values below no header are
    added to `problems`, each with its cell.
    """
    header = _Header(layout, raw, problems)
    headed = set(raw.header)
    rows = []
    for number, cells in raw.rows:
        row = Row({}, f"{raw.label}!{number}:{number}")
        row.spoiled.update(c.key for c in header.missing)
        for col, fixed in header.columns.items():  # blank cells too: a missing value's place
            row.cells[fixed.key] = cell_name(raw.label, col, number)
        # a Plan row's value is read as the field it names, so its Field cell goes first
        ordered = sorted(cells.items(), key=lambda c: _last_if_value(header.columns.get(c[0])))
        for col, value in ordered:
            where = cell_name(raw.label, col, number)
            column = header.columns.get(col)
            try:
                if column is not None:
                    row.cells[column.key] = where
                    _read_value(
                        layout, row, column, decode(_value_kind(layout, row, column), value)
                    )
                elif col in header.parties:
                    codes = decode(Kind.TEXT, value)
                    if codes is not None:
                        row.codes.append((header.parties[col], str(codes), where))
                elif col not in headed:
                    problems.append(CellProblem(where, "", "a value below no header"))
            except ValueError as exc:
                if column is None:
                    problems.append(CellProblem(where, "", str(exc)))
                else:
                    row.refused[column.key] = (where, str(exc))
        rows.append(row)
    return rows


def _read_value(_layout: Layout, row: Row, column: Column, plain: object) -> None:
    if plain is not None:
        row.values[column.key] = plain


def _last_if_value(column: Column | None) -> bool:
    return column is not None and column.key == "value"


def _value_kind(layout: Layout, row: Row, column: Column) -> Kind:
    """The kind of a cell: a Plan row's value takes the kind of the field the row names."""
    if layout is PLAN_LAYOUT and column.key == "value":
        found = _PLAN_BY_PATH.get(str(row.values.get("field")))
        return found.kind if found is not None else Kind.TEXT
    return column.kind


PLAN_LAYOUT: Final = Register(
    PLAN,
    "",
    dict,
    (
        Column("field", "the field's document path", Kind.TEXT, required=True),
        Column("value", "its value", Kind.TEXT, required=False),
        Column("about", "what the field is (not read)", Kind.TEXT, required=False),
    ),
    "The plan's single fields: its title, dates and status, the relationship's name.",
)
"""The Plan sheet's columns."""

LAYOUTS: Final[tuple[Layout, ...]] = (
    PLAN_LAYOUT,
    *REGISTERS[:3],
    RACI,
    *REGISTERS[3:],
    RECORDS,
)
"""The sheets (and CSV files) that hold the plan, in the workbook's order."""

_PLAN_BY_PATH: Final = {f.path: f.column for f in PLAN_FIELDS}


# ---------------------------------------------------------------------------- merge


class Merged:
    """A plan's plain data put together, with where each path came from."""

    __slots__ = ("data", "locations", "problems", "spoiled")

    def __init__(self, data: Plain) -> None:
        self.data = data
        self.locations: dict[str, str] = {}
        self.problems: list[Problem] = []
        self.spoiled: set[str] = set()

    def at(self, path: str, row: Row) -> None:
        """Remember that the item at `path` is `row` (and each of its cells)."""
        if row.ref:
            self.locations[path] = row.ref
        for key, cell in row.cells.items():
            self.locations[f"{path}.{key}"] = cell
        self.spoiled.update(f"{path}.{key}" for key in row.spoiled)
        for key, (cell, message) in row.refused.items():
            self.problems.append(CellProblem(cell, f"{path}.{key}", message))
            self.spoiled.add(f"{path}.{key}")


def merge(rest: Plain, tables: Tables, *, label: Callable[[str], str] = str) -> Merged:
    """Put `rest` and the rows of `tables` together into a plan's plain data.

    `label` names a sheet as the problems show it (a CSV file's name for CSV files).
    """
    out = Merged(rest)
    _merge_plan_fields(out, tables[PLAN], label(PLAN))
    _merge_records(out, tables[RECORDS.sheet], label(RECORDS.sheet))
    items: dict[str, list[tuple[str, Plain]]] = {}
    for register in REGISTERS:
        rows = tables[register.sheet]
        if register.parent_column is None:
            items[register.sheet] = []
            for index, row in enumerate(rows):
                items[register.sheet].append((f"{register.path}[{index}]", dict(row.values)))
                out.at(f"{register.path}[{index}]", row)
            out.locations.setdefault(register.path, label(register.sheet))
            continue
        _merge_children(out, register, rows, items, label)
    for register in REGISTERS:
        if register.parent_column is None and items[register.sheet]:
            _set(out, register.path, [x for _, x in items[register.sheet]], label(register.sheet))
    activities = []
    for index, row in enumerate(tables[RACI.sheet]):
        path = f"{RACI.path}[{index}]"
        activities.append(_activity(out, row, path))
        out.at(path, row)
    out.locations.setdefault(RACI.path, label(RACI.sheet))
    if activities:
        _set(out, RACI.path, activities, label(RACI.sheet))
    return out


def _set(out: Merged, path: str, value: object, where: str) -> None:
    if not _put(out.data, path, value):
        out.problems.append(
            CellProblem(where, path, "the rest of the document holds something else there")
        )


def _merge_plan_fields(out: Merged, rows: list[Row], label: str) -> None:
    seen: set[str] = set()
    for row in rows:
        path = row.values.get("field")
        where = row.cells.get("field", label)
        if path is None:
            if "value" in row.values:
                out.problems.append(CellProblem(where, "", "which field? the Field cell is blank"))
            continue
        if path not in _PLAN_BY_PATH:
            known = ", ".join(_PLAN_BY_PATH)
            out.problems.append(CellProblem(where, "", f"no field {path!r} (the fields: {known})"))
            continue
        if path in seen:
            out.problems.append(CellProblem(where, path, "the field is there twice"))
            continue
        seen.add(path)
        if "value" in row.cells:
            out.locations[path] = row.cells["value"]
        if "value" in row.spoiled:
            out.spoiled.add(path)
        if "value" in row.refused:
            cell, message = row.refused["value"]
            out.problems.append(CellProblem(cell, path, message))
            out.spoiled.add(path)
        value = row.values.get("value")
        if value is not None:
            _set(out, path, value, where)


def _merge_records(out: Merged, rows: list[Row], label: str) -> None:
    by_path: dict[str, Row] = {}
    for row in rows:
        path = row.values.get("record")
        where = row.cells.get("record", row.ref or label)
        if not isinstance(path, str) or path not in RECORDS.paths:
            shown = "blank" if path is None else repr(path)
            out.problems.append(
                CellProblem(where, "", f"no stage record {shown} (the README sheet lists them)")
            )
        elif path in by_path:
            out.problems.append(CellProblem(where, path, "the record is there twice"))
        else:
            by_path[path] = row
    for path in RECORDS.paths:
        extras = _pop(out.data, path)
        found = by_path.get(path)
        if found is None:
            continue
        core = {k: x for k, x in found.values.items() if k != "record"}
        _set(out, path, {**(extras if isinstance(extras, dict) else {}), **core}, label)
        out.at(path, found)


def _merge_children(
    out: Merged,
    register: Register,
    rows: list[Row],
    items: dict[str, list[tuple[str, Plain]]],
    label: Callable[[str], str],
) -> None:
    """Put each row of a child register under its parent item, itself an item from then on.

    `items` holds each register's items with their document paths, parents before children.
    """
    assert register.parent_column is not None  # noqa: S101 - only child registers come here
    parent = next(r for r in REGISTERS if r.sheet == register.parent)
    parents = items[parent.sheet]
    mine = items[register.sheet] = []
    index_of: dict[object, int] = {}
    for index, (_, item) in enumerate(parents):
        index_of.setdefault(item.get("id"), index)
    key = register.parent_column.key
    for row in rows:
        owner = row.values.pop(key, None)
        where = row.cells.pop(key, row.ref)
        if owner is None:
            out.problems.append(
                CellProblem(where, "", f"which {parent.sheet} row? the cell is blank")
            )
            continue
        number = index_of.get(owner)
        if number is None:
            out.problems.append(
                CellProblem(where, parent.path, f"no {owner!r} in {label(parent.sheet)}")
            )
            continue
        at, owner_item = parents[number]
        children = owner_item.setdefault(register.path, [])
        path = f"{at}.{register.path}[{len(children)}]"
        out.at(path, row)
        children.append(dict(row.values))
        mine.append((path, children[-1]))


def _activity(out: Merged, row: Row, path: str) -> Plain:
    activity = {k: x for k, x in row.values.items() if k != "order"}
    codes = {party: (text, cell) for party, text, cell in row.codes}
    wanted = row.values.get("order") or []
    order = [p for p in dict.fromkeys(wanted) if p in codes]
    order += [p for p in codes if p not in order]
    assignments = []
    for index, party in enumerate(order):
        text, cell = codes[party]
        assignments.append({"party": party, "codes": text})
        if cell:
            out.locations[f"{path}.assignments[{index}]"] = cell
    if assignments:
        activity["assignments"] = assignments
    return activity


def strip_owned(rest: Plain, where: str) -> list[Problem]:
    """Remove from `rest` what belongs to a register; a problem for each found."""
    problems: list[Problem] = []
    owned = [
        *(f.path for f in PLAN_FIELDS),
        *(r.path for r in REGISTERS if not r.parent),
        RACI.path,
    ]
    problems.extend(
        CellProblem(where, path, "belongs in its own sheet, not here")
        for path in owned
        if _pop(rest, path) is not None
    )
    for path in RECORDS.paths:
        record = _get(rest, path)
        if isinstance(record, dict):
            problems.extend(
                CellProblem(where, f"{path}.{c.key}", "belongs in the Stage records sheet")
                for c in RECORDS.columns
                if record.pop(c.key, None) is not None
            )
    return problems


def sheet_cells(
    layout: Layout, rows: list[Row]
) -> tuple[list[str], list[list[tuple[Kind, object]]]]:
    """The headers and cells of a sheet (or CSV file): each cell a plain value and its kind.

    A field left at its default shows the default; RACI has one column per party.
    """
    if layout is RACI:
        parties = raci_parties(rows)
        out = []
        for row in rows:
            codes = {party: text for party, text, _ in row.codes}
            out.append(
                [
                    (Kind.ID, row.values.get("id")),
                    (Kind.TEXT, row.values.get("name")),
                    (Kind.IDS, raci_order(row, parties)),
                    *((Kind.TEXT, codes.get(p)) for p in parties),
                ]
            )
        return [*(c.title for c in RACI.columns), *parties], out
    headers = [c.title for c in layout.all_columns]
    if layout is PLAN_LAYOUT:
        cells = []
        for row in rows:
            path = str(row.values["field"])
            column = _PLAN_BY_PATH[path]
            value = _shown(row.values.get("value"), column)
            cells.append([(Kind.TEXT, path), (column.kind, value), (Kind.TEXT, column.description)])
        return headers, cells
    return headers, [
        [(c.kind, _shown(row.values.get(c.key), c)) for c in layout.all_columns] for row in rows
    ]


def _shown(value: object, column: Column) -> object:
    return column.default if value is None else value


def rest_from_json(text: str, where: str, problems: list[Problem]) -> Plain:
    """The rest of a plan from the JSON `to_workbook` or `to_csv` wrote (`{}` on a problem)."""
    try:
        rest = json.loads(text or "{}", object_pairs_hook=_no_repeats)
    except ValueError as exc:
        problems.append(CellProblem(where, "", f"not the JSON collabrel wrote: {exc}"))
        return {}
    if not isinstance(rest, dict):
        problems.append(CellProblem(where, "", "not the JSON collabrel wrote: not a mapping"))
        return {}
    problems.extend(strip_owned(rest, where))
    return rest


def _no_repeats(pairs: list[tuple[str, Any]]) -> Plain:
    found = dict(pairs)
    if len(found) != len(pairs):
        keys = [k for k, _ in pairs]
        repeated = next(k for k in keys if keys.count(k) > 1)
        msg = f"the key {repeated!r} is there twice"
        raise ValueError(msg)
    return found


# ---------------------------------------------------------------------------- locate


def locate(problems: Iterable[Problem], merged: Merged) -> list[Problem]:
    """`problems` of the merged data, each naming the cell its path came from.

    Problems at a path whose cell was already refused are left out (the refusal says it).
    """
    out: list[Problem] = []
    for problem in problems:
        prefixes = list(_prefixes(problem.path))
        if any(p in merged.spoiled for p in prefixes):
            continue
        cell = next((merged.locations[p] for p in prefixes if p in merged.locations), None)
        out.append(CellProblem(cell, problem.path, problem.message) if cell else problem)
    return out


def over_rows(label: str, count: str, limit: int) -> Problem:
    """The problem of a sheet with more rows than `limit`."""
    return CellProblem(label, "", over_limit(count, limit, "max_items"))
