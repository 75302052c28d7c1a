"""Private validator factories shared by the model classes.

Each validator raises [`InvalidFieldError`][collabrel.InvalidFieldError] naming the class and the
field, so building a bad object in code gives a message that says what to fix.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from enum import Enum
from typing import Any, Final

from collabrel.errors import InvalidFieldError

_Validator = Callable[[Any, Any, Any], None]

ID_PATTERN: Final = r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$"
"""Ids are 1-128 characters: letters, digits, `.`, `_`, `:` and `-`, starting alphanumeric."""
_ID_RE: Final = re.compile(ID_PATTERN)
_ID_WORDS: Final = "an id of 1-128 letters, digits, '.', '_', ':' or '-', starting alphanumeric"


_NUMERIC: Final[tuple[object, ...]] = (int, float)


def _fail(inst: object, attribute: Any, value: object, expectation: str) -> InvalidFieldError:
    return InvalidFieldError(type(inst).__name__, attribute.name, value, expectation)


def text(*, allow_empty: bool = False) -> _Validator:
    """A `str`, stripped of nothing, non-blank unless `allow_empty`."""

    def check(inst: object, attribute: Any, value: object) -> None:
        if not isinstance(value, str):
            raise _fail(inst, attribute, value, "a string")
        if not allow_empty and not value.strip():
            raise _fail(inst, attribute, value, "a non-empty string")

    return check


def identifier() -> _Validator:
    """An id made of letters, digits, `.`, `_`, `:` and `-`."""

    def check(inst: object, attribute: Any, value: object) -> None:
        if not isinstance(value, str) or not _ID_RE.fullmatch(value):
            raise _fail(
                inst,
                attribute,
                value,
                _ID_WORDS,
            )

    return check


def matches(regex: str, words: str) -> _Validator:
    """A `str` matching `regex`; `words` describes it for the error message."""
    compiled = re.compile(regex)

    def check(inst: object, attribute: Any, value: object) -> None:
        if not isinstance(value, str) or not compiled.fullmatch(value):
            raise _fail(inst, attribute, value, words)

    return check


def optional(inner: _Validator) -> _Validator:
    """`None`, or a value that passes `inner`."""

    def check(inst: object, attribute: Any, value: object) -> None:
        if value is not None:
            inner(inst, attribute, value)

    return check


def member_of(enum: type[Enum]) -> _Validator:
    """A member of `enum` (not its value: strings are converted at the document boundary)."""
    allowed = ", ".join(str(m.value) for m in enum)

    def check(inst: object, attribute: Any, value: object) -> None:
        if not isinstance(value, enum):
            raise _fail(inst, attribute, value, f"a {enum.__name__} ({allowed})")

    return check


INT_MAX: Final = 2**63 - 1
"""The largest integer a document may hold: JSON tools beyond Python stop at 64 bits."""


def integer(*, low: int = -INT_MAX, high: int = INT_MAX) -> _Validator:
    """An `int` (not a `bool`) within the inclusive bounds (64-bit signed by default)."""
    if high != INT_MAX:
        words = f"an integer from {low} to {high}"
    elif low != -INT_MAX:
        words = f"an integer of at least {low} (and at most 2**63 - 1)"
    else:
        words = "a 64-bit integer"

    def check(inst: object, attribute: Any, value: object) -> None:
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            raise _fail(inst, attribute, value, words)

    return check


def number(*, low: float | None = None, high: float | None = None) -> _Validator:
    """A finite `int` or `float` (not a `bool`) within the inclusive bounds given."""
    if low is not None and high is not None:
        words = f"a finite number from {low:g} to {high:g}"
    elif low is not None:
        words = f"a finite number of at least {low:g}"
    else:
        words = "a finite number"

    def check(inst: object, attribute: Any, value: object) -> None:
        if (
            not isinstance(value, float)
            or value != value  # NaN  # noqa: PLR0124
            or value in (float("inf"), float("-inf"))
            or (low is not None and value < low)
            or (high is not None and value > high)
        ):
            raise _fail(inst, attribute, value, words)

    return check


def instance(cls: type[Any]) -> _Validator:
    """An instance of `cls`."""

    def check(inst: object, attribute: Any, value: object) -> None:
        if not isinstance(value, cls):
            raise _fail(inst, attribute, value, f"a {cls.__name__}")

    return check


def boolean() -> _Validator:
    """A `bool`."""

    def check(inst: object, attribute: Any, value: object) -> None:
        if not isinstance(value, bool):
            raise _fail(inst, attribute, value, "a bool")

    return check


def calendar_date() -> _Validator:
    """A `datetime.date` that is not a `datetime` (a day, not an instant)."""

    def check(inst: object, attribute: Any, value: object) -> None:
        if not isinstance(value, date) or isinstance(value, datetime):
            raise _fail(inst, attribute, value, "a date (datetime.date)")

    return check


def aware_datetime() -> _Validator:
    """A timezone-aware `datetime.datetime`."""

    def check(inst: object, attribute: Any, value: object) -> None:
        if not isinstance(value, datetime) or value.utcoffset() is None:
            raise _fail(inst, attribute, value, "a timezone-aware datetime")

    return check


def items(
    element: type[Any] | tuple[type[Any], ...],
    *,
    min_len: int = 0,
    element_check: _Validator | None = None,
    unique: bool = False,
) -> _Validator:
    """A tuple whose elements are instances of `element` (and pass `element_check`)."""
    names = (
        element.__name__ if isinstance(element, type) else " or ".join(e.__name__ for e in element)
    )

    def check(inst: object, attribute: Any, value: object) -> None:
        if not isinstance(value, tuple):
            raise _fail(inst, attribute, value, f"a sequence of {names}")
        for index, item in enumerate(value):
            if not isinstance(item, element) or (isinstance(item, bool) and element in _NUMERIC):
                raise _fail(
                    inst, attribute, value, f"a sequence of {names} (item {index} is {item!r})"
                )
            if element_check is not None:
                element_check(inst, attribute, item)
        if len(value) < min_len:
            raise _fail(inst, attribute, value, f"a sequence of at least {min_len} {names}")
        if unique and len(set(value)) != len(value):
            raise _fail(inst, attribute, value, f"a sequence of {names} without repeats")

    return check


def unique_ids(attribute_name: str = "id") -> _Validator:
    """A tuple of objects whose `attribute_name` values are all different."""

    def check(inst: object, attribute: Any, value: Iterable[Any]) -> None:
        seen: set[object] = set()
        for item in value:
            key = getattr(item, attribute_name)
            if key in seen:
                raise _fail(inst, attribute, key, f"a sequence with unique {attribute_name}s")
            seen.add(key)

    return check


# The converters take `Iterable[Any]`: mypy's attrs plugin cannot solve a type variable in a
# converter (nor `converter=tuple`), and would then refuse every list a user passes. The
# element types are still enforced at run time by the `items(...)` validators.


def to_float(value: float) -> float:
    """Converter: an `int` becomes the equal `float`, so numbers read back as they were.

    Anything else is left for the validator to judge (a `bool` is not a number here).
    """
    if type(value) is int:
        try:
            return float(value)
        except OverflowError:
            return value  # too large for a float: the validator refuses it
    return value


def to_optional_float(value: float | None) -> float | None:
    """Converter: like `to_float`, letting `None` through."""
    return None if value is None else to_float(value)


def to_tuple(values: Iterable[Any]) -> tuple[Any, ...]:
    """Converter: a tuple of `values` (a plain function: attrs inspects it cheaply)."""
    return values if type(values) is tuple else tuple(values)


_SHARED_OFFSETS: dict[timedelta | None, tzinfo] = {}


def shared_offset(value: Any) -> Any:
    """Converter: an aware datetime with a fixed offset gets one shared `timezone` object.

    Equal values stay equal and print the same; comparing two instants is fast in CPython only
    when their `tzinfo` is the same object, so a history of events in one offset compares at
    C speed. Named zones (`zoneinfo`) and anything else pass through unchanged.
    """
    if type(value) is not datetime:
        return value
    tz = value.tzinfo
    if type(tz) is not timezone:
        return value
    offset = tz.utcoffset(None)
    shared = _SHARED_OFFSETS.get(offset)
    if shared is None:
        # Only unnamed offsets are shared, so a zone's own name is never replaced.
        if tz != timezone(offset) or tz.tzname(None) != timezone(offset).tzname(None):
            return value
        shared = _SHARED_OFFSETS.setdefault(offset, UTC if not offset else tz)
    if shared is tz or shared.tzname(None) != tz.tzname(None):
        return value
    return value.replace(tzinfo=shared)


def dedupe(values: Iterable[Any]) -> tuple[Any, ...]:
    """Converter: a tuple of `values` with repeats removed, first occurrence kept."""
    return tuple(dict.fromkeys(values))
