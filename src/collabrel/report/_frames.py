"""Tables of results as pandas DataFrames (the optional `pandas` extra)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from collabrel.report._optional import pandas

if TYPE_CHECKING:
    from pandas import DataFrame

__all__ = ["HasRecords", "to_dataframe"]


class HasRecords(Protocol):
    """Anything that can list itself as a table: one flat dict per row."""

    def to_records(self) -> list[dict[str, object]]:
        """The rows of the table."""
        ...


def to_dataframe(obj: HasRecords) -> DataFrame:
    """A result as a pandas DataFrame, one row per record of `obj.to_records()`.

    Works with every collabrel result that has `to_records()` (metrics results, RACI
    tables, ...). Columns follow the order in which keys first appear.

    Args:
        obj: A result with a `to_records()` method.

    Returns:
        The DataFrame.

    Raises:
        ImportError: If pandas is not installed (the `pandas` extra).
        TypeError: If `obj` has no `to_records()` method.

    Examples:
        >>> from datetime import date
        >>> from collabrel import examples
        >>> from collabrel.metrics import assess_kpis
        >>> from collabrel.report import to_dataframe
        >>> report = assess_kpis(examples.load("alliance").relationship.kpis, date(2026, 10, 31))
        >>> to_dataframe(report)[["kpi_id", "status"]].head(2)
                   kpi_id    status
        0  kpi-efficiency  on_track
        1    kpi-handback  on_track
    """
    pd = pandas()
    records = getattr(obj, "to_records", None)
    if not callable(records):
        msg = f"{type(obj).__name__} has no to_records() method to make a table from"
        raise TypeError(msg)
    rows = records()
    columns = list(dict.fromkeys(key for row in rows for key in row))
    frame: DataFrame = pd.DataFrame.from_records(rows, columns=columns)
    return frame
