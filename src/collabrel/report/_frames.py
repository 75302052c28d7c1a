"""Tables of results as pandas DataFrames (the optional `pandas` extra).

What type a column has is said once, where the rows are built. Every result builds its rows
with typed cells: `to_records(typed=True)` gives enum members, dates and datetimes as they
are, and `to_records()` is the same rows as plain data (what JSON, CSV and HTML tables
take). A sequence of records (a plan's history, a KPI's measurements, a register) is a table
too: a row per record, a column per field it shows in its repr. `to_dataframe` gives each
column the dtype its cells call for, with no list of columns kept anywhere:

- enum members of one enum: `category`, the enum's values in declaration order, ordered
  when the enum's members compare with `<` (`Stage`; a `Result` is a grade, not a scale);
- dates: `datetime64[us]`; datetimes (aware instants): `datetime64[us, UTC]`; `NaT` where
  missing (microseconds hold every date a plan can, nanoseconds stop in 2262);
- numbers (scores, weights, money): `float64` with `NaN` where missing, or the nullable
  `Int64` when every value is an `int`, such as a rank or a count;
- booleans: the nullable `boolean`; durations: `timedelta64[us]`;
- text: the dtype pandas gives text.

Whole numbers and booleans take pandas' nullable dtypes even where nothing is missing, so a
column has the same dtype in every frame of the same result, whatever its rows hold.

A column with no value at all (every KPI without a forecast, a report without findings)
takes the type of the attrs field it is named after, in the result's class or the classes
of the records it holds, the nearest first; failing that it is an `object` column.

A nested record's fields become `field.sub` columns (empty where the record is missing), a
tuple of plain values one text cell joined with `"; "`; tuples of records (nested tables)
are left out: make them a table of their own.
"""

from __future__ import annotations

import functools
import inspect
import math
import typing
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime, timedelta
from enum import Enum
from types import ModuleType, NoneType, UnionType
from typing import TYPE_CHECKING, Final, NamedTuple, Protocol, Union, cast

import attrs

from collabrel._rows import plain
from collabrel.report._optional import pandas

if TYPE_CHECKING:
    from pandas import DataFrame

__all__ = ["HasRecords", "to_dataframe"]

_SUPPORTED = (
    "a result with to_records() (metrics results, conformance reports and their diffs, RACI "
    "tables, governance reports, lifecycle states and summaries) or a sequence of them or of "
    "records "
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
    reports, lifecycle states and summaries; a sequence of such results (the rows one after the
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
    rows, columns, source = _rows_of(obj)
    columns = list(dict.fromkeys(key for row in rows for key in row)) or columns
    declared = _column_types(source)
    data = {
        name: _column(pd, [row.get(name) for row in rows], declared.get(name)) for name in columns
    }
    frame: DataFrame = pd.DataFrame(data, index=pd.RangeIndex(len(rows)), columns=columns)
    return frame


def _rows_of(obj: object) -> tuple[list[dict[str, object]], list[str], type]:
    """The typed rows of `obj`, the columns it declares for no rows, the class of its items."""
    columns = list(getattr(obj, "record_columns", ()))
    if callable(getattr(obj, "to_records", None)):
        return _typed_records(obj), columns, type(obj)
    if isinstance(obj, Sequence) and not isinstance(obj, (str, bytes)):
        rows: list[dict[str, object]] = []
        for item in obj:
            if callable(getattr(item, "to_records", None)):
                rows += _typed_records(item)
            elif attrs.has(type(item)):
                rows.append(_fields(type(item), item))
            else:
                break
        else:
            return rows, columns, type(obj[0]) if obj else type(None)
    msg = (
        f"to_dataframe() cannot make a table of a {type(obj).__name__!r} object: it has no "
        f"to_records() and is not a sequence of results or records. It takes {_SUPPORTED}."
    )
    raise TypeError(msg)


def _typed_records(obj: object) -> list[dict[str, object]]:
    method = obj.to_records  # type: ignore[attr-defined]
    if "typed" in inspect.signature(method).parameters:
        rows: list[dict[str, object]] = method(typed=True)
        return rows
    return list(method())


def _fields(cls: type, record: object, prefix: str = "") -> dict[str, object]:
    """A record's row: the fields it shows in its repr (see the module for nested values).

    `record` is `None` for a nested record that is missing: its columns are then empty.
    """
    row: dict[str, object] = {}
    declared = _declared(cls)
    for a in attrs.fields(cast("type[attrs.AttrsInstance]", cls)):
        value, name = getattr(record, a.name, None), prefix + a.name
        kind = declared.get(a.name)
        nested = type(value) if value is not None else kind.record if kind else None
        if a.repr is False or isinstance(value, Mapping):
            continue
        if nested is not None and attrs.has(nested) and nested is not cls:
            row |= _fields(nested, value, f"{name}.")
        elif isinstance(value, (tuple, list, frozenset)):
            if not any(attrs.has(type(v)) or isinstance(v, Mapping) for v in value):
                cells = [str(plain(v)) for v in value]
                row[name] = "; ".join(sorted(cells) if isinstance(value, frozenset) else cells)
        else:
            row[name] = value
    return row


class _Declared(NamedTuple):
    """What an attrs field declares it holds: its types (`None` left out), one or many."""

    types: tuple[type, ...]
    many: bool

    @property
    def one(self) -> type | None:
        """The one type of a field that holds a single value of a single type."""
        return self.types[0] if len(self.types) == 1 and not self.many else None

    @property
    def record(self) -> type | None:
        """The record class of a field that holds one (or no) nested record."""
        one = self.one
        return one if one is not None and attrs.has(one) else None


def _unwrap(hint: object) -> _Declared:
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (Union, UnionType):
        parts = [_unwrap(arg) for arg in args if arg is not NoneType]
        return _Declared(tuple(t for p in parts for t in p.types), any(p.many for p in parts))
    if origin in (tuple, list, frozenset, set):
        inner = [_unwrap(arg).types for arg in args if arg is not Ellipsis]
        return _Declared(tuple(t for types in inner for t in types), many=True)
    return _Declared((hint,) if isinstance(hint, type) else (), many=False)


@functools.cache
def _declared(cls: type) -> dict[str, _Declared]:
    """What each attrs field of `cls` declares (nothing if the annotations do not resolve)."""
    if not attrs.has(cls):
        return {}
    try:
        hints = typing.get_type_hints(cls)
    except (NameError, TypeError):
        return {}
    return {a.name: _unwrap(hints.get(a.name)) for a in attrs.fields(cls)}


@functools.cache
def _column_types(cls: type) -> dict[str, type]:
    """The type of each field name in `cls` and the records it holds, the nearest first.

    A column with no value at all takes the type of the field it is named after, so an
    empty column of dates is still a column of dates.
    """
    found: dict[str, type] = {}
    queue, seen = [cls], set()
    while queue:
        current = queue.pop(0)
        if current in seen:
            continue
        seen.add(current)
        for name, kind in _declared(current).items():
            if kind.one is not None and kind.record is None:
                found.setdefault(name, kind.one)
            queue += [t for t in kind.types if attrs.has(t)]
    return found


def _column(pd: ModuleType, cells: list[object], declared: type | None) -> object:
    """`cells` as the array their values call for, or if none has a value, their `declared` type."""
    present = [c for c in cells if c is not None]
    kinds = frozenset(type(c) for c in present) or frozenset(
        () if declared is None else (declared,)
    )
    if len(kinds) == 1 and issubclass(first := next(iter(kinds)), Enum):
        values = [None if c is None else c.value for c in cells]  # type: ignore[attr-defined]
        return pd.Categorical(values, categories=[m.value for m in first], ordered=_ordinal(first))
    for accepted, array in _ARRAYS:
        if kinds and kinds <= accepted:
            return array(pd, cells)
    return [plain(c) for c in cells] if present else pd.array(cells, dtype=object)


def _flags(pd: ModuleType, cells: list[object]) -> object:
    return pd.array(cells, dtype="boolean")


def _counts(pd: ModuleType, cells: list[object]) -> object:
    return pd.array(cells, dtype="Int64")


def _numbers(pd: ModuleType, cells: list[object]) -> object:
    return pd.array([math.nan if c is None else c for c in cells], dtype="float64")


def _instants(pd: ModuleType, cells: list[object]) -> object:
    return pd.to_datetime(cells, utc=True).as_unit(_UNIT)


def _days(pd: ModuleType, cells: list[object]) -> object:
    return pd.to_datetime(cells).as_unit(_UNIT)


def _durations(pd: ModuleType, cells: list[object]) -> object:
    return pd.to_timedelta(cells).as_unit(_UNIT)


_ARRAYS: Final[tuple[tuple[frozenset[type], Callable[[ModuleType, list[object]], object]], ...]] = (
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
