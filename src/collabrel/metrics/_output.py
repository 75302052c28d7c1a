"""What every metrics result shares: flat records and a notebook table.

Plain data is `collabrel.to_data(result)`, the converter's business, not the result's.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import ClassVar, Final, cast

import attrs

from collabrel._rows import records
from collabrel.errors import MetricsError
from collabrel.model import _display as d

__all__ = ["Output", "fsum_mean", "total"]


def fsum_mean(values: Sequence[float]) -> float:
    """The mean of `values`, correctly rounded, so it does not depend on their order.

    Raises:
        MetricsError: If `values` is empty.
    """
    if not values:
        raise MetricsError("cannot average no values")
    return math.fsum(values) / len(values)


def total(values: Sequence[float]) -> float:
    """`math.fsum(values)`, or an infinity when the sum lies beyond the float range.

    `math.fsum` raises `OverflowError` when a partial sum overflows, even if the total would
    not; the values are then summed scaled down by a power of two (exactly) and scaled back.

    Examples:
        >>> total([0.1, 0.2, 0.3]) == math.fsum([0.1, 0.2, 0.3])
        True
        >>> total([1e308, 1e308]), total([1e308, 1e308, -1e308])
        (inf, 1e+308)
    """
    try:
        return math.fsum(values)
    except OverflowError:
        factor = 2.0 ** (len(values).bit_length() + 1)
        return math.fsum(v / factor for v in values) * factor


_IN_UNIT: Final = frozenset(
    {"amount", "baseline", "forecast", "gap", "realised", "target", "tolerance", "value"}
)
"""The columns whose numbers are measured in the row's `unit` (shown with it, e.g. £6,400,000)."""


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _cell(value: object, unit: object = None) -> str:
    if not _is_number(value):
        return "" if value is None else str(value)
    return d.format_amount(cast("float", value), unit if isinstance(unit, str) else None)


class Output:
    """Mixin for results: `to_records()` and a notebook table (`_repr_html_`).

    Every result is an attrs class, so `collabrel.to_data(result)` gives its plain data.
    """

    __slots__ = ()

    _title: ClassVar[str] = "Result"

    def to_records(self, *, typed: bool = False) -> list[dict[str, object]]:
        """The result as a table: one flat dict per row (what `report.to_dataframe` shows).

        By default one row of the fields the result shows in its repr; results with rows of
        their own override it. Cells are plain data (enums by value, dates as ISO text)
        unless `typed`, which keeps enum members, dates and datetimes as they are.
        """
        fields = attrs.fields(cast("type[attrs.AttrsInstance]", type(self)))
        row = {a.name: getattr(self, a.name) for a in fields if a.repr is not False}
        return records([row], typed=typed)

    def _repr_html_(self) -> str:
        rows = self.to_records()
        columns: list[str] = list(dict.fromkeys(k for row in rows for k in row))
        cells = [
            [_cell(row.get(c), row.get("unit") if c in _IN_UNIT else None) for c in columns]
            for row in rows
        ]
        numeric = [i for i, c in enumerate(columns) if any(_is_number(row.get(c)) for row in rows)]
        return d.table(columns, cells, caption=self._title, right=numeric)
