"""What every metrics result shares: plain data, flat records and a notebook table."""

from __future__ import annotations

import html
import math
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from enum import Enum
from typing import ClassVar, cast

import attrs

from collabrel.errors import MetricsError

__all__ = ["Output", "check_weight", "fsum_mean", "plain"]


def plain(value: object) -> object:  # noqa: PLR0911 - one return per kind of value
    """`value` as JSON-able data: attrs objects become dicts, enums their values, dates ISO text.

    Examples:
        >>> from datetime import date
        >>> plain({"on": date(2026, 1, 31), "scores": (1.0, None)})
        {'on': '2026-01-31', 'scores': [1.0, None]}
    """
    if value is None or isinstance(value, str | bool | int | float):
        return value
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if attrs.has(type(value)):
        return {
            a.name.lstrip("_"): plain(getattr(value, a.name))
            for a in attrs.fields(cast("type[attrs.AttrsInstance]", type(value)))
            if a.repr is not False
        }
    if isinstance(value, Mapping):
        return {str(plain(k)): plain(v) for k, v in value.items()}
    if isinstance(value, Iterable):
        return [plain(item) for item in value]
    return str(value)


def fsum_mean(values: Sequence[float]) -> float:
    """The mean of `values`, correctly rounded, so it does not depend on their order.

    Raises:
        MetricsError: If `values` is empty.
    """
    if not values:
        raise MetricsError("cannot average no values")
    return math.fsum(values) / len(values)


def check_weight(name: str, weight: object) -> float:
    """`weight` as a float, if it is a finite number of at least 0.

    Raises:
        MetricsError: If it is not (a `bool` is not a number here).
    """
    if isinstance(weight, bool) or not isinstance(weight, int | float):
        raise MetricsError(f"the weight of {name!r} must be a number (got {weight!r})")
    if not math.isfinite(weight) or weight < 0:
        raise MetricsError(f"the weight of {name!r} must be finite and >= 0 (got {weight!r})")
    return float(weight)


def _cell(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.4g}"
    if value is None:
        return ""
    return str(value)


class Output:
    """Mixin for results: `to_dict()`, `to_records()` and a notebook table (`_repr_html_`)."""

    __slots__ = ()

    _title: ClassVar[str] = "Result"

    def to_dict(self) -> dict[str, object]:
        """The result as plain, JSON-able data (nested dicts, lists, numbers and strings)."""
        data = plain(self)
        assert isinstance(data, dict)  # noqa: S101 - every result is an attrs class
        return data

    def to_records(self) -> list[dict[str, object]]:
        """The result as a table: one flat dict per row (what `report.to_dataframe` shows)."""
        return [self.to_dict()]

    def _repr_html_(self) -> str:
        rows = self.to_records()
        columns: list[str] = list(dict.fromkeys(k for row in rows for k in row))
        head = "".join(f"<th>{html.escape(c)}</th>" for c in columns)
        body = "".join(
            "<tr>"
            + "".join(f"<td>{html.escape(_cell(row.get(c)))}</td>" for c in columns)
            + "</tr>"
            for row in rows
        )
        caption = html.escape(self._title)
        return (
            f"<table><caption>{caption}</caption><thead><tr>{head}</tr></thead>"
            f"<tbody>{body}</tbody></table>"
        )
