"""The checks the metrics apply to the numbers they are given: one per kind of number.

- a *weight* ([`check_weight`][..check_weight]) is a finite number of at least 0, and a set
  of weights ([`checked_weights`][..checked_weights]) is scaled down first when it is so large
  that summing it could overflow;
- a *count* ([`check_count`][..check_count]) is an `int` (not a `bool`) within bounds;
- a *number* ([`check_number`][..check_number]) is a finite `int` or `float` (not a `bool`)
  within bounds;
- a *day* ([`check_day`][..check_day]) is a `date` that is not a `datetime`;
- and the structures that hold them: an object of a class
  ([`check_instance`][..check_instance]), an iterable of such objects
  ([`check_items`][..check_items]) and a mapping ([`check_mapping`][..check_mapping]).

Each raises [`MetricsError`][collabrel.errors.MetricsError] naming the argument, and the item
within it where the number sits in a structure (`weights['crit-price']`).
"""

from __future__ import annotations

import math
import sys
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Final, TypeVar

from collabrel.errors import MetricsError

__all__ = [
    "check_count",
    "check_day",
    "check_instance",
    "check_items",
    "check_mapping",
    "check_number",
    "check_weight",
    "checked_weights",
    "shown",
    "with_headroom",
]

_HEADROOM: Final = 2.0**16
"""How far below the largest float a set of weights stays, so that sums of weights and of
weights times scores up to 100 cannot overflow (for up to hundreds of weights)."""

_LONGEST: Final = 40

_T = TypeVar("_T")


def shown(value: object) -> str:
    """`repr(value)` in at most 40 characters (a huge integer by its size, others by type)."""
    if isinstance(value, int) and value.bit_length() > 64:  # noqa: PLR2004
        return f"an integer of {value.bit_length()} bits"
    if isinstance(value, str):
        text = repr(value[:_LONGEST])
    elif value is None or isinstance(value, int | float | date):
        text = repr(value)
    else:
        text = f"a {type(value).__name__}"
    return text if len(text) <= _LONGEST else text[: _LONGEST - 3] + "..."


def _real(value: object) -> float | None:
    """`value` as a finite float if it is an `int` or `float` (not a `bool`) that has one."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    try:
        number = float(value)
    except OverflowError:  # an int beyond the float range
        return None
    return number if math.isfinite(number) else None


def check_weight(name: str, weight: object) -> float:
    """`weight` as a float, if it is a finite number of at least 0.

    Raises:
        MetricsError: If it is not (a `bool` is not a number here).
    """
    if isinstance(weight, bool) or not isinstance(weight, int | float):
        raise MetricsError(f"the weight of {name!r} must be a number (got {shown(weight)})")
    number = _real(weight)
    if number is None or number < 0:
        raise MetricsError(f"the weight of {name!r} must be finite and >= 0 (got {shown(weight)})")
    return number


def checked_weights(weights: Mapping[str, object]) -> dict[str, float]:
    """Each weight checked by [`check_weight`][..check_weight], in the mapping's order.

    When the largest is so large that a sum could overflow, every weight is divided by the
    largest first: results depend only on the weights' proportions, and ordinary weights
    are returned exactly as given.

    Raises:
        MetricsError: If a weight is not a finite number of at least 0.

    Examples:
        >>> checked_weights({"a": 1, "b": 3})
        {'a': 1.0, 'b': 3.0}
        >>> checked_weights({"a": 1e308, "b": 1e308})
        {'a': 1.0, 'b': 1.0}
    """
    checked = {name: check_weight(name, w) for name, w in weights.items()}
    return dict(zip(checked, with_headroom(list(checked.values())), strict=True))


def with_headroom(values: list[float]) -> list[float]:
    """`values` (finite, at least 0), divided by the largest if a sum of them could overflow.

    Ordinary values are returned as they are, so results computed from them do not change.

    Examples:
        >>> with_headroom([1.0, 2.0])
        [1.0, 2.0]
        >>> with_headroom([1e308, 5e307])
        [1.0, 0.5]
    """
    top = max(values, default=0.0)
    if top > sys.float_info.max / (_HEADROOM * max(1, len(values))):
        return [v / top for v in values]
    return values


def check_count(name: str, value: object, *, least: int | None = 0, most: int | None = None) -> int:
    """`value`, if it is an `int` (not a `bool`) from `least` to `most` (`None`: no bound).

    Raises:
        MetricsError: If it is not.
    """
    if (
        isinstance(value, bool)
        or not isinstance(value, int)
        or (least is not None and value < least)
        or (most is not None and value > most)
    ):
        bounds = [
            f"at least {least}" if least is not None else "",
            f"at most {most:,}" if most is not None else "",
        ]
        within = " and ".join(b for b in bounds if b)
        raise MetricsError(
            f"{name} must be an integer{' ' + within if within else ''} (got {shown(value)})"
        )
    return value


def check_number(
    name: str,
    value: object,
    *,
    least: float | None = None,
    below: float | None = None,
    most: float | None = None,
) -> float:
    """`value` as a float, if it is a finite number (not a `bool`) within the bounds given.

    `least` and `most` are inclusive, `below` exclusive; `None` leaves that side open.

    Raises:
        MetricsError: If it is not.
    """
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise MetricsError(f"{name} must be a number (got {shown(value)})")
    number = _real(value)
    if number is None:
        raise MetricsError(f"{name} must be finite (got {shown(value)})")
    if (
        (least is not None and number < least)
        or (below is not None and number >= below)
        or (most is not None and number > most)
    ):
        bounds = [
            f"at least {least:g}" if least is not None else "",
            f"below {below:g}" if below is not None else "",
            f"at most {most:g}" if most is not None else "",
        ]
        within = " and ".join(b for b in bounds if b)
        raise MetricsError(f"{name} must be {within} (got {shown(value)})")
    return number


def check_day(name: str, value: object) -> date:
    """`value`, if it is a `datetime.date` and not a `datetime` (a day, not an instant).

    Raises:
        MetricsError: If it is not.
    """
    if not isinstance(value, date) or isinstance(value, datetime):
        raise MetricsError(f"{name} must be a date (datetime.date) (got {shown(value)})")
    return value


def check_instance(name: str, value: object, cls: type[_T]) -> _T:
    """`value`, if it is an instance of `cls`.

    Raises:
        MetricsError: If it is not.
    """
    if not isinstance(value, cls):
        raise MetricsError(f"{name} must be a {cls.__name__} (got {shown(value)})")
    return value


def check_items(name: str, values: object, cls: type[_T]) -> tuple[_T, ...]:
    """`values` as a tuple, if it is an iterable (not a string) of instances of `cls`.

    Raises:
        MetricsError: If it is not (the message names the first item that is not).
    """
    if isinstance(values, str | bytes) or not isinstance(values, Iterable):
        raise MetricsError(f"{name} must be an iterable of {cls.__name__} (got {shown(values)})")
    items = tuple(values)
    for i, item in enumerate(items):
        if not isinstance(item, cls):
            raise MetricsError(f"{name}[{i}] must be a {cls.__name__} (got {shown(item)})")
    return items


def check_mapping(name: str, value: object) -> Mapping[object, object]:
    """`value`, if it is a mapping.

    Raises:
        MetricsError: If it is not.
    """
    if not isinstance(value, Mapping):
        raise MetricsError(f"{name} must be a mapping (got {shown(value)})")
    return value
