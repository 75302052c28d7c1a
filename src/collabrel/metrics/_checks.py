"""The checks the metrics apply to the numbers and arguments they are given.

A *weight* (`check_weight`) is a finite number of at least 0, and a set of
weights (`checked_weights`) is scaled down first when it is so large that
summing it could overflow (`with_headroom`). Counts, numbers, days, and
the types of arguments are the model's shared argument checks
(`ArgumentChecks`) bound to
`MetricsError`: `check_count`, `check_number`, `check_day`,
`check_instance`, `check_items` and `check_mapping`. Each error names the argument, and the
item within it where the number sits in a structure (`weights['crit-price']`, `matrix[0][1]`).
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from typing import Final

from collabrel.errors import MetricsError
from collabrel.model._arguments import ArgumentChecks, finite, shown

__all__ = [
    "check_count",
    "check_day",
    "check_instance",
    "check_items",
    "check_mapping",
    "check_number",
    "check_weight",
    "checked_weights",
    "with_headroom",
]

_HEADROOM: Final = 2.0**16
"""How far below the largest float a set of weights stays, so that sums of weights and of
weights times scores up to 100 cannot overflow (for up to hundreds of weights)."""

_ARGS: Final = ArgumentChecks(MetricsError)
check_count: Final = _ARGS.count
check_number: Final = _ARGS.number
check_day: Final = _ARGS.day
check_instance: Final = _ARGS.instance
check_items: Final = _ARGS.items
check_mapping: Final = _ARGS.mapping


def check_weight(name: str, weight: object) -> float:
    """`weight` as a float, if it is a finite number of at least 0.

    Raises:
        MetricsError: If it is not (a `bool` is not a number here).
    """
    if isinstance(weight, bool) or not isinstance(weight, int | float):
        raise MetricsError(f"the weight of {name!r} must be a number (got {shown(weight)})")
    number = finite(weight)
    if number is None or number < 0:
        raise MetricsError(f"the weight of {name!r} must be finite and >= 0 (got {shown(weight)})")
    return number


def checked_weights(weights: Mapping[str, object]) -> dict[str, float]:
    """Each weight checked by `check_weight`, scaled by `with_headroom`.

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

    Results depend only on the weights' proportions; ordinary values are returned as they
    are, so results computed from them do not change by a bit.

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
