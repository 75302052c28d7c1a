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

    Works with every collabrel result that has `to_records()`: metrics results, RACI tables,
    conformance reports (one row per finding) and report diffs (one row per requirement that
    moved). Columns follow the order in which keys first appear; a result without rows still
    gets the columns it declares in `record_columns`, if it has that attribute.

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
        >>> from collabrel.conformance import assess
        >>> findings = to_dataframe(assess(examples.load("flawed"), as_of=date(2026, 10, 31)))
        >>> findings.loc[0, ["requirement", "result", "paths"]].tolist()
        ['MS.4.1.CONTEXT', 'minor', 'stages.knowledge.business_case.drivers']
    """
    pd = pandas()
    records = getattr(obj, "to_records", None)
    if not callable(records):
        msg = f"{type(obj).__name__} has no to_records() method to make a table from"
        raise TypeError(msg)
    rows = records()
    columns = list(dict.fromkeys(key for row in rows for key in row))
    if not columns:
        columns = list(getattr(obj, "record_columns", ()))
    frame: DataFrame = pd.DataFrame.from_records(rows, columns=columns)
    return frame
