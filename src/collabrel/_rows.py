"""Rows of result tables, shared by every layer that has results (no collabrel imports).

A result builds its rows once, with typed cells: enum members, dates and datetimes as they
are. `to_records()` gives them as plain data (what JSON, CSV and HTML tables take);
`to_records(typed=True)` gives them as built, and `collabrel.report.to_dataframe` reads the
column types from those cells. So what type a column has is said in one place, the row.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from enum import Enum

__all__ = ["plain", "records"]


def plain(value: object) -> object:
    """A cell as plain data: an enum by its value, a date or datetime as ISO 8601 text.

    Examples:
        >>> from datetime import datetime, timezone
        >>> plain(date(2026, 1, 31)), plain(datetime(2026, 1, 31, 9, tzinfo=timezone.utc))
        ('2026-01-31', '2026-01-31T09:00:00+00:00')
        >>> plain(1.5), plain(None)
        (1.5, None)
    """
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    return value


def records(rows: Iterable[Mapping[str, object]], *, typed: bool) -> list[dict[str, object]]:
    """`rows` as a list of dicts: their cells as built if `typed`, else as `plain` data."""
    if typed:
        return [dict(row) for row in rows]
    return [{key: plain(value) for key, value in row.items()} for row in rows]
