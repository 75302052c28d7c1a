"""CISO Assistant: catalogue libraries, the crosswalk as a mapping set, assessments back.

A catalogue becomes a framework library, the crosswalk a requirement mapping set, and a
compliance assessment of either is read back as findings.

The library follows what CISO Assistant's importer (`backend/library/utils.py`) asks of a
library, a framework and its requirement nodes; `tests/unit/interop/test_ciso.py` checks
every rule it enforces. The URNs come from `_urns.py`, so a library, the mapping set and an
assessment read back always agree.

A compliance assessment is read from the export CISO Assistant offers: the CSV (`;` between
columns, a byte-order mark) or the Excel workbook, whose columns include `urn`, `ref_id`,
`compliance_result`, `extended_result`, `requirement_progress` and `observations`; or from
YAML or JSON holding a list of rows with the same column names.
"""

from __future__ import annotations

import csv
import io
import os
import zipfile
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import Final, Literal

from collabrel._optional import import_optional
from collabrel.conformance import Catalogue, Clause, Crosswalk, Requirement, catalogues, crosswalk
from collabrel.conformance import catalogue as builtin_catalogue
from collabrel.errors import ArgumentError, DocumentError, InvalidFieldError, Problem
from collabrel.interop import _urns
from collabrel.interop._catalogue import catalogue_of, tree
from collabrel.interop._tables import CellProblem, cell_name
from collabrel.model import Check, Finding, Result, Stage
from collabrel.serialization._formats import parse, render
from collabrel.serialization._limits import DEFAULT_LIMITS, over_limit

__all__ = [
    "CISO_EXTENDED",
    "CISO_RESULTS",
    "CisoFormat",
    "from_ciso_assessment",
    "to_ciso_library",
    "to_ciso_mapping",
]

CisoFormat = Literal["csv", "xlsx", "yaml", "json"]
"""The forms of a CISO Assistant compliance assessment `from_ciso_assessment` reads."""

CISO_RESULTS: Final[Mapping[str, Result]] = MappingProxyType(
    {
        "compliant": Result.CONFORMS,
        "partially_compliant": Result.MINOR,
        "non_compliant": Result.MAJOR,
        "not_applicable": Result.NOT_APPLICABLE,
        "not_assessed": Result.NOT_ASSESSABLE,
    }
)
"""How each CISO Assistant compliance result reads as a collabrel result.

An auditor's extended result, when the row has one, refines it (see `CISO_EXTENDED`).
CISO Assistant has no "agreed, not yet exercised": no row reads as it.
"""

CISO_EXTENDED: Final[Mapping[str, Result]] = MappingProxyType(
    {
        "major_nonconformity": Result.MAJOR,
        "minor_nonconformity": Result.MINOR,
        "observation_sensitive_point": Result.OBSERVATION,
        "opportunity_for_improvement": Result.OBSERVATION,
        "good_practice": Result.CONFORMS,
    }
)
"""How each CISO Assistant extended result reads: it wins over the compliance result of an
assessed requirement (compliant, partially or non-compliant) and is ignored otherwise."""

_ASSESSED: Final = frozenset({"compliant", "partially_compliant", "non_compliant"})
_REQUIRED: Final = ("urn", "compliance_result")
_LOCALE: Final = "en"
_MIN_SCORE: Final = 0
_MAX_SCORE: Final = 100
_SYSTEM: Final = "management_system"
_FORMULA: Final = ("=", "+", "-", "@")
_UNPACKED: Final = 10  # a workbook may unpack to this many times LoadLimits.max_bytes


# ---------------------------------------------------------------- the library


def _copyright(cat: Catalogue) -> str:
    edition = f":{cat.edition}" if cat.edition else ""
    return (
        f"collabrel's own paraphrase (MIT licence), not the text of {cat.standard}{edition}; "
        "obtain the standard for its normative requirements"
    )


def to_ciso_library(standard: str | Catalogue, *, published: date | None = None) -> str:
    """A catalogue as a CISO Assistant framework library (YAML).

    The framework's requirement nodes are the catalogue's clause tree (headings, not
    assessable) with each requirement under its clause: our id as `ref_id`, our title and
    paraphrase as `name` and `description`, the document paths of the records that evidence
    it as `typical_evidence`, and in `annotation` its importance, whether the partners agree
    it jointly, whether collabrel can judge it from records (and why not) and the clauses it
    corresponds to. Each lifecycle stage (and the management system, for ISO 44001) is an
    implementation group, so an assessment can be scoped to stages. Scores run from 0 to 100.

    Args:
        standard: A catalogue name (`"bs11000-1:2010"`, `"iso44001:2017"`) or a catalogue.
        published: The library's `publication_date`, if it is to have one.

    Returns:
        The library's YAML text; the same catalogue always gives the same text.

    Raises:
        CatalogueError: If `standard` names no catalogue, or two of its nodes would share a URN.
        ArgumentError: If an argument is not of the right type.

    Examples:
        >>> text = to_ciso_library("iso44001:2017")
        >>> print(text[: text.index("description")].rstrip())
        urn: urn:collabrel:risk:library:iso44001-2017
        locale: en
        ref_id: iso44001-2017
        name: ISO 44001:2017 collaborative business relationship management systems (collabrel
          paraphrase)
        >>> "urn:collabrel:risk:req_node:iso44001-2017:cbr.s5.raci" in text
        True
    """
    cat = catalogue_of(standard)
    if published is not None and not isinstance(published, date):
        raise ArgumentError("published", published, "a date or None")
    _urns.requirements_by_urn(cat)  # refuses a catalogue whose URNs would clash
    name = _urns.slug(cat.name)
    library: dict[str, object] = {
        "urn": _urns.library_urn(cat.name),
        "locale": _LOCALE,
        "ref_id": name,
        "name": cat.title,
        "description": cat.notice or cat.title,
        "copyright": _copyright(cat),
        "version": cat.version,
    }
    if published is not None:
        library["publication_date"] = published
    library |= {"provider": _urns.PACKAGER, "packager": _urns.PACKAGER}
    framework: dict[str, object] = {
        "urn": _urns.framework_urn(cat.name),
        "ref_id": name,
        "name": cat.title,
        "description": cat.notice or cat.title,
        "min_score": _MIN_SCORE,
        "max_score": _MAX_SCORE,
    }
    groups = _implementation_groups(cat)
    if groups:
        framework["implementation_groups_definition"] = groups
    framework["requirement_nodes"] = _nodes(cat, grouped=bool(groups))
    library["objects"] = {"framework": framework}
    return render(library, "yaml")


def _implementation_groups(cat: Catalogue) -> list[dict[str, str]]:
    stages = {r.stage for r in cat}
    groups = [
        {
            "ref_id": s.value,
            "name": f"Stage {s.number}: {s.title}",
            "description": f"The requirements of lifecycle stage {s.number} "
            f"({s.phase.title} phase).",
        }
        for s in Stage
        if s in stages
    ]
    if None in stages and groups:
        groups.append(
            {
                "ref_id": _SYSTEM,
                "name": "Management system",
                "description": "The requirements of the management system, outside the stages.",
            }
        )
    return groups


def _nodes(cat: Catalogue, *, grouped: bool) -> list[dict[str, object]]:
    """The requirement nodes in pre-order: each clause, its requirements, then its sub-clauses.

    Requirements outside the clause tree come last, at the top.
    """
    nodes: list[dict[str, object]] = []
    branches, outside = tree(cat)
    for b in branches:
        here = _urns.clause_urn(cat.name, b.clause.id)
        parent = None if b.parent is None else _urns.clause_urn(cat.name, b.parent.id)
        nodes.append(_clause_node(b.clause, here, parent, b.depth))
        nodes.extend(
            _requirement_node(cat, r, here, b.depth + 1, grouped=grouped) for r in b.requirements
        )
    nodes.extend(_requirement_node(cat, r, None, 1, grouped=grouped) for r in outside)
    return nodes


def _clause_node(clause: Clause, here: str, parent: str | None, depth: int) -> dict[str, object]:
    node: dict[str, object] = {"urn": here, "assessable": False, "depth": depth}
    if parent is not None:
        node["parent_urn"] = parent
    node |= {"ref_id": clause.id, "name": clause.title}
    if clause.stage is not None:
        s = clause.stage
        node["description"] = f"Lifecycle stage {s.number}, {s.title} ({s.phase.title} phase)."
    return node


def _requirement_node(
    cat: Catalogue, req: Requirement, parent: str | None, depth: int, *, grouped: bool
) -> dict[str, object]:
    node: dict[str, object] = {
        "urn": _urns.requirement_urn(cat.name, req.id),
        "assessable": True,
        "depth": depth,
    }
    if parent is not None:
        node["parent_urn"] = parent
    node |= {
        "ref_id": req.id,
        "name": req.title,
        "description": req.text,
        "annotation": _annotation(req),
    }
    if req.records:
        node["typical_evidence"] = f"Records of the collabrel plan: {'; '.join(req.records)}."
    if grouped:
        node["implementation_groups"] = [req.stage.value if req.stage else _SYSTEM]
    return node


def _annotation(req: Requirement) -> str:
    lines = [f"Importance: {req.importance.value}."]
    if req.joint:
        lines.append("Joint: the partners agree it together.")
    if req.assessable:
        lines.append("collabrel judges it from the plan's records.")
    else:
        lines.append(f"Not assessable from records: {req.not_assessable_reason}")
    if req.references:
        lines.append("Corresponds to: " + "; ".join(str(ref) for ref in req.references) + ".")
    return " ".join(lines)


def to_ciso_mapping(mapping: Crosswalk | None = None) -> str:
    """A crosswalk as a CISO Assistant requirement mapping set library (YAML).

    Each entry `left RELATION right` becomes a mapping from the left catalogue's requirement
    (the source framework) to the right one's (the target), with the relation as the
    `relationship` (CISO Assistant reads it the same way round), `semantic` as the
    `rationale` and our rationale as the `annotation`. The library depends on the libraries
    of both catalogues (`to_ciso_library`).

    Args:
        mapping: The crosswalk; the built-in BS 11000-1:2010 to ISO 44001:2017 one by default.

    Returns:
        The library's YAML text.

    Raises:
        ArgumentError: If `mapping` is not a `Crosswalk`.

    Examples:
        >>> text = to_ciso_mapping()
        >>> "source_framework_urn: urn:collabrel:risk:framework:bs11000-1-2010" in text
        True
        >>> "target_framework_urn: urn:collabrel:risk:framework:iso44001-2017" in text
        True
    """
    if mapping is None:
        mapping = crosswalk()
    if not isinstance(mapping, Crosswalk):
        raise ArgumentError("mapping", mapping, "a Crosswalk or None")
    name = f"{mapping.left} -> {mapping.right} (collabrel crosswalk)"
    description = (
        f"collabrel's own judgement of how the requirements of {mapping.left} relate to those "
        f"of {mapping.right}; not an official mapping."
    )
    entries = [
        {
            "source_requirement_urn": _urns.requirement_urn(mapping.left, e.left),
            "target_requirement_urn": _urns.requirement_urn(mapping.right, e.right),
            "relationship": e.relation.value,
            "rationale": "semantic",
            "annotation": e.rationale,
        }
        for e in mapping.entries
    ]
    ref_id = _urns.mapping_library_urn(mapping).rsplit(":", 1)[1]
    library = {
        "urn": _urns.mapping_library_urn(mapping),
        "locale": _LOCALE,
        "ref_id": ref_id,
        "name": name,
        "description": description,
        "copyright": "collabrel (MIT licence)",
        "version": mapping.version,
        "provider": _urns.PACKAGER,
        "packager": _urns.PACKAGER,
        "dependencies": [_urns.library_urn(mapping.left), _urns.library_urn(mapping.right)],
        "objects": {
            "requirement_mapping_set": {
                "urn": _urns.mapping_set_urn(mapping),
                "ref_id": ref_id,
                "name": name,
                "description": description,
                "source_framework_urn": _urns.framework_urn(mapping.left),
                "target_framework_urn": _urns.framework_urn(mapping.right),
                "requirement_mappings": entries,
            }
        },
    }
    return render(library, "yaml")


# ---------------------------------------------------------------- reading an assessment

_Where = Callable[[str, str], Problem]
"""A problem with a column of a row: at its cell (`audit.csv!G7`) or path (`[4].urn`)."""


class _Rows:
    """The rows of an export: its columns, where its header is, and each row's cells."""

    def __init__(self, columns: Iterable[str], header: str) -> None:
        self.columns = frozenset(columns)
        self.header = header
        self.rows: list[tuple[_Where, dict[str, str]]] = []


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    if text[:1] == "'" and text[1:].lstrip()[:1] in _FORMULA:
        text = text[1:]  # CISO Assistant's guard against formula injection, undone
    return text


def _tabular(label: str, table: Iterable[Iterable[object]]) -> _Rows:
    lines = iter(table)
    header = [_text(v).lower() for v in next(lines, ())]
    index = {name: i for i, name in enumerate(header, start=1) if name}
    twice = sorted({name for name in header if name and header.count(name) > 1})
    if twice:
        problems = [CellProblem(f"{label}!1:1", "", f"the column {n!r} is twice") for n in twice]
        raise DocumentError(problems, source=label)
    out = _Rows(index, f"{label}!1:1")
    limit = DEFAULT_LIMITS.max_items
    for number, values in enumerate(lines, start=2):
        cells = [_text(v) for v in values]
        if not any(cells):
            continue
        if len(out.rows) >= limit:
            words = over_limit(f"more than {limit} rows", limit, "max_items")
            raise DocumentError([CellProblem(label, "", words)], source=label)
        row = {name: cells[i - 1] if i <= len(cells) else "" for name, i in index.items()}

        def where(column: str, message: str, number: int = number) -> Problem:
            return CellProblem(cell_name(label, index[column], number), "", message)

        out.rows.append((where, row))
    return out


def _read_csv(data: bytes, label: str) -> _Rows:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DocumentError([Problem("", f"not UTF-8 text: {exc}")], source=label) from exc
    first = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first.count)  # CISO Assistant writes ';'
    try:
        return _tabular(label, csv.reader(io.StringIO(text), delimiter=delimiter))
    except csv.Error as exc:
        problem = Problem("", f"not CSV collabrel can read: {exc}")
        raise DocumentError([problem], source=label) from exc


def _read_xlsx(data: bytes, label: str) -> _Rows:
    openpyxl = import_optional("openpyxl", "workbooks", "xlsx")
    limit = _UNPACKED * DEFAULT_LIMITS.max_bytes
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as exc:
        problem = Problem("", f"not a workbook (an .xlsx file is a zip archive): {exc}")
        raise DocumentError([problem], source=label) from exc
    if unpacked > limit:
        words = over_limit(f"{unpacked} bytes unpacked", limit, "max_bytes, ten times")
        raise DocumentError([Problem("", words)], source=label)
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (OSError, ValueError, KeyError, zipfile.BadZipFile) as exc:
        problem = Problem("", f"not a workbook collabrel can read: {exc}")
        raise DocumentError([problem], source=label) from exc
    try:
        sheet = book.worksheets[0]
        return _tabular(str(sheet.title), sheet.iter_rows(values_only=True))
    finally:
        book.close()


def _read_plain(data: bytes, format: CisoFormat, label: str) -> _Rows:
    plain = parse(data, "json" if format == "json" else "yaml", label)
    key = ""
    if isinstance(plain, Mapping):  # the rows under one key, e.g. requirement_assessments
        lists = [(k, v) for k, v in plain.items() if isinstance(v, list)]
        if len(lists) == 1:
            key, plain = str(lists[0][0]), lists[0][1]
    if not isinstance(plain, list):
        problem = Problem("", "must be a list of rows, each a mapping of column to value")
        raise DocumentError([problem], source=label)
    problems = [
        Problem(f"{key}[{i}]", f"must be a mapping of column to value (got {type(item).__name__})")
        for i, item in enumerate(plain)
        if not isinstance(item, Mapping)
    ]
    if problems:
        raise DocumentError(problems, source=label)
    rows = [{str(k).strip().lower(): _text(v) for k, v in item.items()} for item in plain]
    out = _Rows({name for row in rows for name in row}, key)
    for i, row in enumerate(rows):

        def where(column: str, message: str, i: int = i) -> Problem:
            return Problem(f"{key}[{i}].{column}", message)

        out.rows.append((where, {name: row.get(name, "") for name in out.columns}))
    return out


_READERS: Final[dict[CisoFormat, Callable[[bytes, str], _Rows]]] = {
    "csv": _read_csv,
    "xlsx": _read_xlsx,
    "yaml": lambda data, label: _read_plain(data, "yaml", label),
    "json": lambda data, label: _read_plain(data, "json", label),
}
_SUFFIXES: Final[dict[str, CisoFormat]] = {
    ".csv": "csv",
    ".xlsx": "xlsx",
    ".yaml": "yaml",
    ".yml": "yaml",
    ".json": "json",
}


def _check_size(size: int, label: str) -> None:
    if size > DEFAULT_LIMITS.max_bytes:
        words = over_limit(f"a document of {size} bytes", DEFAULT_LIMITS.max_bytes, "max_bytes")
        raise DocumentError([Problem("", words)], source=label)


def _source(source: object, format: CisoFormat | None) -> tuple[bytes, CisoFormat, str]:
    """The bytes to read, their format and a name for them in messages."""
    if format is not None and format not in _READERS:
        raise ArgumentError("format", format, "'csv', 'xlsx', 'yaml', 'json' or None")
    if isinstance(source, bytes | bytearray):
        if format is None:
            raise ArgumentError("format", format, "given when the source is bytes")
        data, fmt, label = bytes(source), format, f"<{format}>"
    elif isinstance(source, str | os.PathLike):
        path = Path(source)
        label = path.name
        found = format or _SUFFIXES.get(path.suffix.lower())
        if found is None:
            expected = "given for a file not named .csv, .xlsx, .yaml or .json"
            raise ArgumentError("format", format, expected)
        _check_size(path.stat().st_size, label)
        data, fmt = path.read_bytes(), found
    else:
        raise ArgumentError("source", source, "a path or bytes")
    _check_size(len(data), label)
    return data, fmt, label


def from_ciso_assessment(
    source: str | os.PathLike[str] | bytes,
    *,
    standard: str | Catalogue | None = None,
    format: Literal["csv", "xlsx", "yaml", "json"] | None = None,
) -> tuple[Finding, ...]:
    r"""Read a CISO Assistant compliance assessment of a collabrel library back as findings.

    Each row whose `urn` is one of the catalogue's requirements (see `to_ciso_library`)
    gives one finding: its `compliance_result` read through `CISO_RESULTS`, refined by an
    `extended_result` (`CISO_EXTENDED`); `observations` join the message, and the results
    and `requirement_progress` are the finding's checks. Rows of the clauses (headings) are
    skipped, and so are blank rows; other columns are ignored. Nothing is returned unless
    every row reads: every problem is reported at once, each naming its cell
    (`audit.csv!G7`) or, for YAML and JSON, its row and column (`[4].compliance_result`).

    Args:
        source: The export: a path (the format from its suffix) or its bytes (with `format`).
        standard: The catalogue assessed; by default the built-in catalogue whose URNs most
            rows carry.
        format: `"csv"`, `"xlsx"` (needs the `xlsx` extra), `"yaml"` or `"json"` (a list of
            rows with the CSV's column names).

    Returns:
        The findings, in the order of the rows.

    Raises:
        DocumentError: If the export cannot be read, a column it needs is missing, a URN is
            not one of the catalogue's, a requirement is there twice or a result is unknown.
        CatalogueError: If `standard` names no catalogue.
        ArgumentError: If an argument is not of the right type (also a `TypeError`).
        ImportError: For `xlsx` without openpyxl (`pip install 'collabrel[xlsx]'`).
        OSError: If the file cannot be read.

    Examples:
        >>> export = (
        ...     "urn;ref_id;compliance_result;extended_result;observations\n"
        ...     "urn:collabrel:risk:req_node:iso44001-2017:8.6;8.6;;;\n"
        ...     "urn:collabrel:risk:req_node:iso44001-2017:cbr.s5.raci;CBR.S5.RACI;"
        ...     "partially_compliant;;Two parties accountable for design\n"
        ... )
        >>> (finding,) = from_ciso_assessment(export.encode(), format="csv")
        >>> finding.requirement, finding.result.value
        ('CBR.S5.RACI', 'minor')
        >>> from_ciso_assessment(export.replace("partially", "fully").encode(), format="csv")
        Traceback (most recent call last):
        ...
        collabrel.errors.DocumentError: 1 problem in <csv>:
          <csv>!C3: compliance_result must be one of compliant, partially_compliant,
            non_compliant, not_applicable, not_assessed (got 'fully_compliant')
    """
    data, fmt, label = _source(source, format)
    rows = _READERS[fmt](data, label)
    missing = [c for c in _REQUIRED if c not in rows.columns]
    if missing:
        absent = [Problem(rows.header, f"the column {c!r} is missing") for c in missing]
        raise DocumentError(absent, source=label)
    cat = _assessed(rows, standard, label)
    by_urn, clauses = _urns.requirements_by_urn(cat)
    others = _other_urns(cat)
    problems: list[Problem] = []
    findings: list[Finding] = []
    seen: dict[str, str] = {}
    for where, row in rows.rows:
        urn = row["urn"].lower()
        req = by_urn.get(urn)
        if urn in clauses:
            continue
        if req is None:
            where_else = f" (it is one of {others[urn]}'s)" if urn in others else ""
            message = f"urn names no requirement of {cat.name} (got {row['urn']!r}){where_else}"
            problems.append(where("urn", message if urn else "urn is blank"))
            continue
        first = where("urn", "").path
        if urn in seen:
            problems.append(where("urn", f"urn repeats the row at {seen[urn]} ({req.id})"))
            continue
        seen[urn] = first
        finding = _finding(req, row, where, problems)
        if finding is not None:
            findings.append(finding)
    if problems:
        raise DocumentError(problems, source=label)
    return tuple(findings)


def _assessed(rows: _Rows, standard: str | Catalogue | None, label: str) -> Catalogue:
    """The catalogue given, or the built-in one whose URNs most rows carry."""
    if standard is not None:
        return catalogue_of(standard)
    urns = [row["urn"].lower() for _, row in rows.rows]
    best, most = None, 0
    for name in catalogues():
        cat = builtin_catalogue(name)
        by_urn, clauses = _urns.requirements_by_urn(cat)
        count = sum(u in by_urn or u in clauses for u in urns)
        if count > most:
            best, most = cat, count
    if best is not None:
        return best
    message = (
        "no row carries the URN of a requirement of a built-in catalogue "
        f"({', '.join(catalogues())}); for a catalogue of your own pass standard="
    )
    raise DocumentError([Problem(rows.header, message)], source=label)


def _other_urns(cat: Catalogue) -> dict[str, str]:
    """The requirement URNs of the other built-in catalogues, and whose they are."""
    out: dict[str, str] = {}
    for name in catalogues():
        if name != cat.name:
            out |= dict.fromkeys(_urns.requirements_by_urn(builtin_catalogue(name))[0], name)
    return out


def _one_of(column: str, value: str, allowed: Iterable[str]) -> str:
    return f"{column} must be one of {', '.join(allowed)} (got {value!r})"


def _passed(result: Result) -> bool | None:
    if result.is_nonconformity:
        return False
    return True if result in (Result.CONFORMS, Result.OBSERVATION) else None


def _finding(
    req: Requirement, row: Mapping[str, str], where: _Where, problems: list[Problem]
) -> Finding | None:
    value = row["compliance_result"].lower()
    extended = row.get("extended_result", "").lower()
    progress = row.get("requirement_progress", "")
    # (column, its value, what it may be, whether it must be given)
    columns = (
        ("compliance_result", value, CISO_RESULTS, True),
        ("extended_result", extended, CISO_EXTENDED, False),
    )
    bad = [
        where(column, _one_of(column, row[column], table) if given else f"{column} is blank")
        for column, given, table, required in columns
        if (given or required) and given not in table
    ]
    if bad:
        problems.extend(bad)
        return None
    result = CISO_EXTENDED[extended] if extended and value in _ASSESSED else CISO_RESULTS[value]
    checks = [
        Check(
            description=f"the {column.replace('_', ' ')} in CISO Assistant",
            passed=_passed(table[given]),
            observed=given,
        )
        for column, given, table, _ in columns
        if given
    ]
    if progress:
        checks.append(
            Check(description="the requirement's progress in CISO Assistant", observed=progress)
        )
    said = ", ".join(v.replace("_", " ") for v in (value, extended) if v)
    observations = row.get("observations", "")
    message = f"{req.title}: {said} in CISO Assistant" + (
        f": {observations}" if observations else ""
    )
    try:
        return req.finding(result, message, explanation=checks)
    except InvalidFieldError as exc:  # pragma: no cover - every part is checked above
        problems.append(where("urn", str(exc)))
        return None
