"""Tables of results as pandas DataFrames (the optional `pandas` extra).

What type a column has is said once, by the rows. Every result builds its rows with typed
cells: `to_records(typed=True)` gives enum members, dates and datetimes as they are, and
`to_records()` is the same rows as plain data (what JSON, CSV and HTML tables take). A
sequence of records (a plan's history, a KPI's measurements, a register) is a table too: a
row per record, a column per field it shows in its repr. `to_dataframe` then gives each
column the dtype its cells call for, with no list of columns kept anywhere:

- enum members of one enum: `category`, the enum's values in declaration order, ordered
  when the enum's members compare with `<` (`Stage`; a `Result` is a grade, not a scale);
- dates: `datetime64[us]`; aware datetimes (instants): `datetime64[us, UTC]`; `NaT` where
  missing (microseconds hold every date a plan can, nanoseconds stop in 2262);
- numbers (scores, weights, money): `float64` with `NaN` where missing, or `int64` (`Int64`
  where missing) when every value is a whole `int`, such as a rank or a count;
- booleans: `bool` (`boolean` where missing); durations: `timedelta64[us]`;
- text: the dtype pandas gives text; a column with no value at all: `object`.

A nested record's fields become `field.sub` columns, a tuple of plain values one text cell
joined with `"; "`; tuples of records (nested tables) are left out: make them a table of
their own.
"""

from __future__ import annotations

import inspect
import math
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime, timedelta
from enum import Enum
from types import ModuleType
from typing import TYPE_CHECKING, Final, Protocol, cast

import attrs

from collabrel._rows import plain
from collabrel.report._optional import pandas

if TYPE_CHECKING:
    from pandas import DataFrame

__all__ = ["HasRecords", "to_dataframe"]

_SUPPORTED = (
    "a result with to_records() (metrics results, conformance reports and their diffs, RACI "
    "tables, governance reports, lifecycle summaries) or a sequence of them or of records "
    "(a plan's history, a KPI's measurements, lifecycle intervals, a register)"
)
_UNIT = "us"


class HasRecords(Protocol):
    """Anything that can list itself as a table: one flat dict per row."""

    def to_records(self) -> list[dict[str, object]]:
        """The rows of the table."""
        ...


def to_dataframe(obj: HasRecords | Sequence[object]) -> DataFrame:
    """A result as a pandas DataFrame with analysis-ready dtypes, one row per record.

    Takes every collabrel result that has `to_records()`: metrics results (one row per KPI,
    benefit and partner, stage, candidate, cell, ...), conformance reports (one row per
    finding), report diffs (one row per requirement that moved), RACI tables, governance
    reports and lifecycle summaries; a sequence of such results (the rows one after the
    other, as `assess_kpi_over` gives them); and a sequence of records, such as a plan's
    lifecycle `history` (one row per event), `intervals(history)` or a KPI's `measurements`.
    Dates become `datetime64`, enums `category` with the enum's values as categories, money
    and scores numbers (see the module for every rule). Columns follow the order in which
    keys first appear; a result without rows still gets the columns it declares in
    `record_columns`, if it has that attribute.

    Args:
        obj: A result with a `to_records()` method, or a sequence of results or of records.

    Returns:
        The DataFrame.

    Raises:
        ImportError: If pandas is not installed (the `pandas` extra).
        TypeError: If `obj` is none of these (the message says what is taken).

    Examples:
        >>> from datetime import date
        >>> from collabrel import examples
        >>> from collabrel.metrics import assess_kpis
        >>> from collabrel.report import to_dataframe
        >>> rmp = examples.load("alliance")
        >>> report = assess_kpis(rmp.relationship.kpis, date(2026, 10, 31))
        >>> frame = to_dataframe(report)
        >>> frame[["kpi_id", "status"]].head(2)
                   kpi_id    status
        0  kpi-efficiency  on_track
        1    kpi-handback  on_track
        >>> list(frame["status"].cat.categories)
        ['on_track', 'at_risk', 'off_track', 'no_data']
        >>> str(frame["measured_on"].dtype), str(frame["value"].dtype)
        ('datetime64[us]', 'float64')
        >>> from collabrel.conformance import assess
        >>> findings = to_dataframe(assess(examples.load("flawed"), as_of=date(2026, 10, 31)))
        >>> findings.loc[0, ["requirement", "result", "paths"]].tolist()
        ['MS.4.1.CONTEXT', 'minor', 'stages.knowledge.business_case.drivers']
        >>> events = to_dataframe(rmp.history)
        >>> str(events["at"].dtype), events["stage"].cat.ordered
        ('datetime64[us, UTC]', True)
    """
    pd = pandas()
    rows, columns = _rows_of(obj)
    columns = list(dict.fromkeys(key for row in rows for key in row)) or columns
    data = {name: _column(pd, [row.get(name) for row in rows]) for name in columns}
    frame: DataFrame = pd.DataFrame(data, index=pd.RangeIndex(len(rows)), columns=columns)
    return frame


def _rows_of(obj: object) -> tuple[list[dict[str, object]], list[str]]:
    """The typed rows of `obj` and the columns it declares for a table without rows."""
    columns = list(getattr(obj, "record_columns", ()))
    if callable(getattr(obj, "to_records", None)):
        return _typed_records(obj), columns
    if isinstance(obj, Sequence) and not isinstance(obj, (str, bytes)):
        rows: list[dict[str, object]] = []
        for item in obj:
            if callable(getattr(item, "to_records", None)):
                rows += _typed_records(item)
            elif attrs.has(type(item)):
                rows.append(_fields(item))
            else:
                break
        else:
            return rows, columns
    msg = (
        f"a {type(obj).__name__} has no to_records() and is not a sequence of results or "
        f"records: to_dataframe() takes {_SUPPORTED}"
    )
    raise TypeError(msg)


def _typed_records(obj: object) -> list[dict[str, object]]:
    method = obj.to_records  # type: ignore[attr-defined]
    if "typed" in inspect.signature(method).parameters:
        rows: list[dict[str, object]] = method(typed=True)
        return rows
    return list(method())


def _fields(record: object, prefix: str = "") -> dict[str, object]:
    """A record's row: the fields it shows in its repr (see the module for nested values)."""
    row: dict[str, object] = {}
    for a in attrs.fields(cast("type[attrs.AttrsInstance]", type(record))):
        value, name = getattr(record, a.name), prefix + a.name
        if a.repr is False or isinstance(value, Mapping):
            continue
        if attrs.has(type(value)):
            row |= _fields(value, f"{name}.")
        elif isinstance(value, (tuple, list, frozenset)):
            if not any(attrs.has(type(v)) or isinstance(v, Mapping) for v in value):
                cells = [str(plain(v)) for v in value]
                row[name] = "; ".join(sorted(cells) if isinstance(value, frozenset) else cells)
        else:
            row[name] = value
    return row


def _column(pd: ModuleType, cells: list[object]) -> object:
    """`cells` as the array their values call for (see the module)."""
    present = [c for c in cells if c is not None]
    kinds = frozenset(type(c) for c in present)
    if len(kinds) == 1 and issubclass(first := next(iter(kinds)), Enum):
        values = [None if c is None else c.value for c in cells]  # type: ignore[attr-defined]
        return pd.Categorical(values, categories=[m.value for m in first], ordered=_ordinal(first))
    for accepted, array in _ARRAYS:
        if kinds and kinds <= accepted:
            return array(pd, cells, len(present) < len(cells))
    return [plain(c) for c in cells]


def _flags(pd: ModuleType, cells: list[object], missing: bool) -> object:
    return pd.array(cells, dtype="boolean" if missing else "bool")


def _counts(pd: ModuleType, cells: list[object], missing: bool) -> object:
    return pd.array(cells, dtype="Int64" if missing else "int64")


def _numbers(pd: ModuleType, cells: list[object], _missing: bool) -> object:
    return pd.array([math.nan if c is None else c for c in cells], dtype="float64")


def _instants(pd: ModuleType, cells: list[object], _missing: bool) -> object:
    aware = any(getattr(c, "tzinfo", None) is not None for c in cells)
    return pd.to_datetime(cells, utc=aware).as_unit(_UNIT)


def _days(pd: ModuleType, cells: list[object], _missing: bool) -> object:
    return pd.to_datetime(cells).as_unit(_UNIT)


def _durations(pd: ModuleType, cells: list[object], _missing: bool) -> object:
    return pd.to_timedelta(cells).as_unit(_UNIT)


_ARRAYS: Final[
    tuple[tuple[frozenset[type], Callable[[ModuleType, list[object], bool], object]], ...]
] = (
    (frozenset({bool}), _flags),
    (frozenset({int}), _counts),
    (frozenset({int, float}), _numbers),
    (frozenset({datetime}), _instants),
    (frozenset({date}), _days),
    (frozenset({timedelta}), _durations),
)
"""The array for a column whose cells are all of (some of) these types, the first that fits."""


def _ordinal(enum: type[Enum]) -> bool:
    """Whether an enum's members are ordered: the enum (not a str or int mixin) defines `<`."""
    return any(
        "__lt__" in vars(cls) for cls in enum.__mro__ if issubclass(cls, Enum) and cls is not Enum
    )
