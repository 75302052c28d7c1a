"""Checks of public functions' arguments, one per kind of value, for every analysis layer.

The model's field validators check what a document holds; these check what a caller passes to
an analysis (`as_of`, `window`, `draws`, `samples`, a matrix, an iterable of KPIs). Each
layer binds them to its own error, e.g. `ARGS = ArgumentChecks(MetricsError)`, so a bad
argument is that layer's error and its message names the argument (and the item within it):

- `count`: an `int` (not a `bool`) within bounds;
- `number`: a finite `int` or `float` (not a `bool`) within bounds;
- `day`: a `date` that is not a `datetime`;
- `instance`: an object of a class;
- `items`: an iterable (not a string) of objects of a class;
- `mapping`: a mapping.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Final, TypeVar

from attrs import frozen

from collabrel.errors import CollabrelError

__all__ = ["ArgumentChecks", "finite", "shown"]

_LONGEST: Final = 40

_T = TypeVar("_T")


def shown(value: object) -> str:
    """`repr(value)` in at most 40 characters (a huge integer by its size, others by type).

    Examples:
        >>> shown(2.5), shown("x" * 99)[-5:], shown(10**400), shown([1])
        ('2.5', 'xx...', 'an integer of 1329 bits', 'a list')
    """
    if isinstance(value, int) and value.bit_length() > 64:  # noqa: PLR2004
        return f"an integer of {value.bit_length()} bits"
    if isinstance(value, str):
        text = repr(value[:_LONGEST])
    elif value is None or isinstance(value, int | float | date):
        text = repr(value)
    else:
        text = f"a {type(value).__name__}"
    return text if len(text) <= _LONGEST else text[: _LONGEST - 3] + "..."


def finite(value: object) -> float | None:
    """`value` as a finite float if it is an `int` or `float` (not a `bool`) that has one."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    try:
        number = float(value)
    except OverflowError:  # an int beyond the float range
        return None
    return number if math.isfinite(number) else None


def _within(**bounds: float | None) -> str:
    words = {"least": "at least", "below": "below", "most": "at most"}
    return " and ".join(
        f"{words[k]} {v:,}" if isinstance(v, int) else f"{words[k]} {v:g}"
        for k, v in bounds.items()
        if v is not None
    )


@frozen
class ArgumentChecks:
    """The argument checks, raising `error` (a collabrel error taking a message)."""

    error: type[CollabrelError]

    def count(
        self, name: str, value: object, *, least: int | None = 0, most: int | None = None
    ) -> int:
        """`value`, if it is an `int` (not a `bool`) from `least` to `most` (`None`: no bound).

        Raises:
            CollabrelError: `error`, if it is not.
        """
        if (
            isinstance(value, bool)
            or not isinstance(value, int)
            or (least is not None and value < least)
            or (most is not None and value > most)
        ):
            within = _within(least=least, most=most)
            raise self.error(
                f"{name} must be an integer{' ' + within if within else ''} (got {shown(value)})"
            )
        return value

    def number(
        self,
        name: str,
        value: object,
        *,
        least: float | None = None,
        below: float | None = None,
        most: float | None = None,
    ) -> float:
        """`value` as a float, if it is a finite number (not a `bool`) within the bounds.

        `least` and `most` are inclusive, `below` exclusive; `None` leaves that side open.

        Raises:
            CollabrelError: `error`, if it is not.
        """
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.error(f"{name} must be a number (got {shown(value)})")
        number = finite(value)
        if number is None:
            raise self.error(f"{name} must be finite (got {shown(value)})")
        if (
            (least is not None and number < least)
            or (below is not None and number >= below)
            or (most is not None and number > most)
        ):
            within = _within(least=least, below=below, most=most)
            raise self.error(f"{name} must be {within} (got {shown(value)})")
        return number

    def day(self, name: str, value: object) -> date:
        """`value`, if it is a `datetime.date` and not a `datetime` (a day, not an instant).

        Raises:
            CollabrelError: `error`, if it is not.
        """
        if not isinstance(value, date) or isinstance(value, datetime):
            raise self.error(f"{name} must be a date (datetime.date) (got {shown(value)})")
        return value

    def instance(self, name: str, value: object, cls: type[_T]) -> _T:
        """`value`, if it is an instance of `cls`.

        Raises:
            CollabrelError: `error`, if it is not.
        """
        if not isinstance(value, cls):
            raise self.error(f"{name} must be a {cls.__name__} (got {shown(value)})")
        return value

    def items(self, name: str, values: object, cls: type[_T]) -> tuple[_T, ...]:
        """`values` as a tuple, if it is an iterable (not a string) of instances of `cls`.

        Raises:
            CollabrelError: `error`, if it is not (naming the first item that is not).
        """
        if isinstance(values, str | bytes) or not isinstance(values, Iterable):
            raise self.error(f"{name} must be an iterable of {cls.__name__} (got {shown(values)})")
        items = tuple(values)
        for i, item in enumerate(items):
            if not isinstance(item, cls):
                raise self.error(f"{name}[{i}] must be a {cls.__name__} (got {shown(item)})")
        return items

    def mapping(self, name: str, value: object) -> Mapping[object, object]:
        """`value`, if it is a mapping.

        Raises:
            CollabrelError: `error`, if it is not.
        """
        if not isinstance(value, Mapping):
            raise self.error(f"{name} must be a mapping (got {shown(value)})")
        return value
