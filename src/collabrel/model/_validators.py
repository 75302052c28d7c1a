"""Private validators shared by the model classes.

Each validator is a small frozen class whose parameters are public attributes, so tools can
read what a field accepts (the hypothesis strategies in `collabrel.testing` draw from them);
calling one checks a value the way attrs calls validators, `(instance, attribute, value)`.
The lower-case factories (`text()`, `identifier()`, `items(...)`, ...) build them and are
what the model classes use; `part(cls)` is the field of a nested part (an empty `cls` by
default, checked to be one), and the `optional_*()` factories are the fields that hold
`None` by default or one value of a kind (`optional_text()`, `optional_date()`,
`optional_id("person")`, `optional_number()`, `optional_part(cls)`, ...). Each validator
raises `InvalidFieldError` naming the class and the field, so
building a bad object in code gives a message that says what to fix.

Required fields and tuple fields stay `attrs.field(...)` calls in the classes: mypy's attrs
plugin reads only `field()` itself, so behind a factory it would take any field for one with
a default (a missing required id would type-check) and would not see the converter (a tuple
field would refuse the lists it accepts at run time).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from enum import Enum
from typing import Any, ClassVar, Final, Protocol, TypeVar, cast

from attrs import Factory, field, frozen

from collabrel.errors import InvalidFieldError
from collabrel.model._refs import ref

_Validator = Callable[[Any, Any, Any], None]
_T = TypeVar("_T")
_E = TypeVar("_E", bound=Enum)

ID_PATTERN: Final = r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$"
"""Ids are 1-128 characters: letters, digits, `.`, `_`, `:` and `-`, starting alphanumeric."""
_ID_RE: Final = re.compile(ID_PATTERN)
_ID_WORDS: Final = "an id of 1-128 letters, digits, '.', '_', ':' or '-', starting alphanumeric"

INT_MAX: Final = 2**63 - 1
"""The largest integer a document may hold: JSON tools beyond Python stop at 64 bits."""

_NUMERIC: Final[tuple[object, ...]] = (int, float)
_FLOAT_MAX: Final = sys.float_info.max


def _fail(inst: object, attribute: Any, value: object, expectation: str) -> InvalidFieldError:
    return InvalidFieldError(type(inst).__name__, attribute.name, value, expectation)


class Code(Protocol):
    """Where a validator's `condition` puts the objects its expression names."""

    def name(self, obj: object) -> str:
        """A global name bound to `obj` in the generated code."""
        ...  # pragma: no cover - a protocol

    def helper(self, params: str, body: list[str]) -> str:
        """The name of a generated function `(params)` running `body` (lines, unindented)."""
        ...  # pragma: no cover - a protocol


@frozen
class Text:
    """A `str`, stripped of nothing, non-blank unless `allow_empty`."""

    allow_empty: bool = False

    def __call__(self, inst: object, attribute: Any, value: Any) -> None:
        if not isinstance(value, str):
            raise _fail(inst, attribute, value, "a string")
        if not self.allow_empty and not value.strip():
            raise _fail(inst, attribute, value, "a non-empty string")

    def condition(self, value: str, code: Code) -> str:
        """An expression true only of what this accepts (see `collabrel.model._inline`)."""
        is_str = f"{code.name(type)}({value}) is {code.name(str)}"
        return is_str if self.allow_empty else f"({is_str} and {value} and not {value}.isspace())"


@frozen
class Matches:
    """A `str` matching `regex` in full; `words` describes it for the error message."""

    regex: str
    words: str
    _compiled: re.Pattern[str] = field(init=False, repr=False, eq=False)

    @_compiled.default
    def _compile(self) -> re.Pattern[str]:
        return re.compile(self.regex)

    def __call__(self, inst: object, attribute: Any, value: Any) -> None:
        if not isinstance(value, str) or not self._compiled.fullmatch(value):
            raise _fail(inst, attribute, value, self.words)

    def condition(self, value: str, code: Code) -> str:
        """An expression true only of what this accepts."""
        return _matches(value, code, self._compiled)


@frozen
class Identifier:
    """An id made of letters, digits, `.`, `_`, `:` and `-` (`ID_PATTERN`)."""

    pattern: ClassVar[str] = ID_PATTERN

    def __call__(self, inst: object, attribute: Any, value: Any) -> None:
        if not isinstance(value, str) or not _ID_RE.fullmatch(value):
            raise _fail(inst, attribute, value, _ID_WORDS)

    def condition(self, value: str, code: Code) -> str:
        """An expression true only of what this accepts (an id met before is not matched again)."""
        is_str = f"{code.name(type)}({value}) is {code.name(str)}"
        return (
            f"({is_str} and ({value} in {code.name(_KNOWN_IDS)} or {code.name(_is_id)}({value})))"
        )


@frozen
class Optional:
    """`None`, or a value that passes `inner`."""

    inner: _Validator

    def __call__(self, inst: object, attribute: Any, value: Any) -> None:
        if value is not None:
            self.inner(inst, attribute, value)

    def condition(self, value: str, code: Code) -> str | None:
        """An expression true only of what this accepts; `None` if `inner` has none."""
        inner = condition_of(self.inner, value, code)
        return None if inner is None else f"({value} is None or {inner})"


@frozen
class MemberOf:
    """A member of `enum` (not its value: strings are converted at the document boundary)."""

    enum: type[Enum]
    _words: str = field(init=False, repr=False, eq=False)

    @_words.default
    def _describe(self) -> str:
        allowed = ", ".join(str(m.value) for m in self.enum)
        return f"a {self.enum.__name__} ({allowed})"

    def __call__(self, inst: object, attribute: Any, value: Any) -> None:
        if not isinstance(value, self.enum):
            raise _fail(inst, attribute, value, self._words)

    def condition(self, value: str, code: Code) -> str:
        """An expression true only of what this accepts (a member's type is its enum)."""
        return f"{code.name(type)}({value}) is {code.name(self.enum)}"


@frozen
class Integer:
    """An `int` (not a `bool`) from `low` to `high` inclusive (64-bit signed by default)."""

    low: int = -INT_MAX
    high: int = INT_MAX
    _words: str = field(init=False, repr=False, eq=False)

    @_words.default
    def _describe(self) -> str:
        if self.high != INT_MAX:
            return f"an integer from {self.low} to {self.high}"
        if self.low != -INT_MAX:
            return f"an integer of at least {self.low} (and at most 2**63 - 1)"
        return "a 64-bit integer"

    def __call__(self, inst: object, attribute: Any, value: Any) -> None:
        if (
            not isinstance(value, int)
            or isinstance(value, bool)
            or not self.low <= value <= self.high
        ):
            raise _fail(inst, attribute, value, self._words)

    def condition(self, value: str, code: Code) -> str:
        """An expression true only of what this accepts."""
        return (
            f"({code.name(type)}({value}) is {code.name(int)} "
            f"and {self.low!r} <= {value} <= {self.high!r})"
        )


@frozen
class Number:
    """A finite `float` within the inclusive bounds given (`None`: unbounded on that side).

    Integers become floats through the `to_float` converter first.
    """

    low: float | None = None
    high: float | None = None
    _words: str = field(init=False, repr=False, eq=False)

    @_words.default
    def _describe(self) -> str:
        if self.low is not None and self.high is not None:
            return f"a finite number from {self.low:g} to {self.high:g}"
        if self.low is not None:
            return f"a finite number of at least {self.low:g}"
        return "a finite number"

    def __call__(self, inst: object, attribute: Any, value: Any) -> None:
        low, high = self.low, self.high
        if (
            not isinstance(value, float)
            or value != value  # NaN  # noqa: PLR0124
            or value in (float("inf"), float("-inf"))
            or (low is not None and value < low)
            or (high is not None and value > high)
        ):
            raise _fail(inst, attribute, value, self._words)

    def condition(self, value: str, code: Code) -> str:
        """An expression true only of what this accepts: bounds within the finite floats.

        NaN fails every comparison, and the infinities are outside `±sys.float_info.max`.
        """
        low = -_FLOAT_MAX if self.low is None else max(self.low, -_FLOAT_MAX)
        high = _FLOAT_MAX if self.high is None else min(self.high, _FLOAT_MAX)
        return (
            f"({code.name(type)}({value}) is {code.name(float)} "
            f"and {code.name(low)} <= {value} <= {code.name(high)})"
        )


@frozen
class Instance:
    """An instance of `cls`."""

    cls: type[Any]

    def __call__(self, inst: object, attribute: Any, value: Any) -> None:
        if not isinstance(value, self.cls):
            raise _fail(inst, attribute, value, f"a {self.cls.__name__}")

    def condition(self, value: str, code: Code) -> str:
        """An expression true only of what this accepts."""
        return f"{code.name(isinstance)}({value}, {code.name(self.cls)})"


@frozen
class Boolean:
    """A `bool`."""

    def __call__(self, inst: object, attribute: Any, value: Any) -> None:
        if not isinstance(value, bool):
            raise _fail(inst, attribute, value, "a bool")

    def condition(self, value: str, code: Code) -> str:  # noqa: ARG002 - the protocol's
        """An expression true only of what this accepts."""
        return f"({value} is True or {value} is False)"


@frozen
class CalendarDate:
    """A `datetime.date` that is not a `datetime` (a day, not an instant)."""

    def __call__(self, inst: object, attribute: Any, value: Any) -> None:
        if not isinstance(value, date) or isinstance(value, datetime):
            raise _fail(inst, attribute, value, "a date (datetime.date)")

    def condition(self, value: str, code: Code) -> str:
        """An expression true only of what this accepts."""
        return f"{code.name(type)}({value}) is {code.name(date)}"


@frozen
class AwareDatetime:
    """A timezone-aware `datetime.datetime`."""

    def __call__(self, inst: object, attribute: Any, value: Any) -> None:
        if not isinstance(value, datetime) or value.utcoffset() is None:
            raise _fail(inst, attribute, value, "a timezone-aware datetime")

    def condition(self, value: str, code: Code) -> str:
        """An expression true only of what this accepts."""
        return (
            f"({code.name(type)}({value}) is {code.name(datetime)} "
            f"and {value}.utcoffset() is not None)"
        )


@frozen
class Items:
    """A tuple of at least `min_len` instances of `element` (each passing `element_check`).

    `unique` forbids repeats. A `bool` is not a number here, though Python says it is one.
    """

    element: type[Any] | tuple[type[Any], ...]
    min_len: int = 0
    element_check: _Validator | None = None
    unique: bool = False
    _names: str = field(init=False, repr=False, eq=False)

    @_names.default
    def _describe(self) -> str:
        element = self.element
        if isinstance(element, type):
            return element.__name__
        return " or ".join(e.__name__ for e in element)

    def __call__(self, inst: object, attribute: Any, value: Any) -> None:
        names, element, element_check = self._names, self.element, self.element_check
        if not isinstance(value, tuple):
            raise _fail(inst, attribute, value, f"a sequence of {names}")
        for index, item in enumerate(value):
            if not isinstance(item, element) or (isinstance(item, bool) and element in _NUMERIC):
                raise _fail(
                    inst, attribute, value, f"a sequence of {names} (item {index} is {item!r})"
                )
            if element_check is not None:
                element_check(inst, attribute, item)
        if len(value) < self.min_len:
            raise _fail(inst, attribute, value, f"a sequence of at least {self.min_len} {names}")
        if self.unique and len(set(value)) != len(value):
            raise _fail(inst, attribute, value, f"a sequence of {names} without repeats")

    def condition(self, value: str, code: Code) -> str | None:
        """An expression true only of what this accepts; `None` if `element_check` has none.

        Each item's type must be one of `element` exactly (a subclass is left to `__call__`).
        """
        element = self.element if isinstance(self.element, tuple) else (self.element,)
        kinds = " or ".join(f"_t is {code.name(e)}" for e in element)
        check = "" if self.element_check is None else condition_of(self.element_check, "_x", code)
        if check is None:
            return None
        body = [
            "for _x in v:",
            f"    _t = {code.name(type)}(_x)",
            f"    if not ({kinds}){f' or not {check}' if check else ''}:",
            "        return False",
        ]
        if self.unique:
            body.append(f"return {code.name(len)}({code.name(set)}(v)) == {code.name(len)}(v)")
        else:
            body.append("return True")
        each = code.helper("v", body)
        is_tuple = f"{code.name(type)}({value}) is {code.name(tuple)}"
        if not self.min_len:
            return f"({is_tuple} and (not {value} or {each}({value})))"
        return f"({is_tuple} and {code.name(len)}({value}) >= {self.min_len} and {each}({value}))"


@frozen
class UniqueIds:
    """A tuple of objects whose `attribute_name` values are all different."""

    attribute_name: str = "id"

    def __call__(self, inst: object, attribute: Any, value: Any) -> None:
        name = self.attribute_name
        seen: set[object] = set()
        for item in value:
            key = getattr(item, name)
            if key in seen:
                raise _fail(inst, attribute, key, f"a sequence with unique {name}s")
            seen.add(key)

    def condition(self, value: str, code: Code) -> str | None:
        """An expression true only of what this accepts; `None` for an unusual name."""
        name = self.attribute_name
        if not name.isidentifier() or name.startswith("_"):
            return None
        body = [
            "try:",
            f"    return {code.name(len)}({{_x.{name} for _x in v}}) == {code.name(len)}(v)",
            "except Exception:  # noqa: BLE001 - left to __call__, which says what is wrong",
            "    return False",
        ]
        return f"(not {value} or {code.helper('v', body)}({value}))"


# ---------------------------------------------------------------- factories


_KNOWN_IDS: Final[set[str]] = set()
"""Strings that matched `ID_PATTERN`: a document names the same ids again and again."""
_KNOWN_IDS_MAX: Final = 4096


def _is_id(value: str) -> bool:
    """Whether `value` (a `str`) matches `ID_PATTERN`; one that does joins `_KNOWN_IDS`."""
    if _ID_RE.fullmatch(value) is None:
        return False
    if len(_KNOWN_IDS) >= _KNOWN_IDS_MAX:  # bounded: a stranger's ids do not pile up
        _KNOWN_IDS.clear()
    _KNOWN_IDS.add(value)
    return True


def _matches(value: str, code: Code, regex: re.Pattern[str]) -> str:
    return (
        f"({code.name(type)}({value}) is {code.name(str)} "
        f"and {code.name(regex.fullmatch)}({value}) is not None)"
    )


def condition_of(validator: object, value: str, code: Code) -> str | None:
    """A Python expression, over the expression `value`, true only of values `validator` accepts.

    `None` when the validator has none (one of attrs' own, a class's `_check_<field>`
    method): then only calling it can tell. A true condition means calling the validator
    would not raise, so `collabrel.model._inline` calls a validator only where its condition
    is false, to raise its error.
    """
    condition = getattr(validator, "condition", None)
    if condition is None or not isinstance(validator, _CONDITIONED):
        return None
    found: str | None = condition(value, code)
    return found


def text(*, allow_empty: bool = False) -> Text:
    """A `str`, stripped of nothing, non-blank unless `allow_empty`."""
    return Text(allow_empty) if allow_empty else _TEXT


def identifier() -> Identifier:
    """An id made of letters, digits, `.`, `_`, `:` and `-`."""
    return _IDENTIFIER


def matches(regex: str, words: str) -> Matches:
    """A `str` matching `regex`; `words` describes it for the error message."""
    return Matches(regex, words)


def sha256() -> Matches:
    """A sha256 digest written as 64 lower-case hex digits."""
    return Matches(r"^[0-9a-f]{64}$", "64 lower-case hex digits (a sha256)")


def optional(inner: _Validator) -> Optional:
    """`None`, or a value that passes `inner`."""
    return Optional(inner)


def member_of(enum: type[Enum]) -> MemberOf:
    """A member of `enum` (not its value: strings are converted at the document boundary)."""
    return MemberOf(enum)


def integer(*, low: int = -INT_MAX, high: int = INT_MAX) -> Integer:
    """An `int` (not a `bool`) within the inclusive bounds (64-bit signed by default)."""
    return Integer(low, high)


def number(*, low: float | None = None, high: float | None = None) -> Number:
    """A finite `int` or `float` (not a `bool`) within the inclusive bounds given."""
    return Number(low, high)


def instance(cls: type[Any]) -> Instance:
    """An instance of `cls`."""
    return Instance(cls)


def part(cls: type[_T]) -> _T:
    """A field holding one `cls` (a nested part of a document), a new empty one by default."""
    return field(default=Factory(cls), validator=Instance(cls))


def _none_or(
    inner: _Validator,
    holds: type[_T],  # noqa: ARG001 - only types the field for mypy
    metadata: dict[str, Any] | None = None,
    converter: Callable[[Any], Any] | None = None,
) -> _T | None:
    """The field of the `optional_*()` factories: `None` by default, else passing `inner`.

    `holds` only types it, so mypy checks the factory against the field's annotation
    (`x: str | None = optional_text()`); mypy's attrs plugin sees a field with a default, whose
    `__init__` parameter has the annotation's type (so a `converter` must accept just that).
    """
    optional = field(
        default=None, validator=Optional(inner), metadata=metadata, converter=converter
    )
    return cast("_T | None", optional)


def optional_text() -> str | None:
    """An optional free-text field: `None` by default, else a non-blank `str`."""
    return _none_or(_TEXT, str)


def optional_date() -> date | None:
    """An optional day: `None` by default, else a `datetime.date` (not a `datetime`)."""
    return _none_or(CalendarDate(), date)


def optional_id(*kinds: str) -> str | None:
    """An optional id: `None` by default; with `kinds`, a reference to one of them (`ref`).

    Without `kinds` it is an id that refers to nothing the plan checks.
    """
    return _none_or(_IDENTIFIER, str, ref(*kinds) if kinds else None)


def optional_integer(*, low: int = -INT_MAX, high: int = INT_MAX) -> int | None:
    """An optional integer: `None` by default, else an `int` from `low` to `high` inclusive."""
    return _none_or(Integer(low, high), int)


def optional_number(*, low: float | None = None, high: float | None = None) -> float | None:
    """An optional number: `None` by default, else a finite number within the bounds given.

    Integers become floats (the `to_optional_float` converter).
    """
    return _none_or(Number(low, high), float, converter=to_optional_float)


def optional_part(cls: type[_T]) -> _T | None:
    """An optional nested part: `None` by default, else one `cls`."""
    return _none_or(Instance(cls), cls)


def optional_member(enum: type[_E]) -> _E | None:
    """An optional member of `enum`: `None` by default."""
    return _none_or(MemberOf(enum), enum)


def boolean() -> Boolean:
    """A `bool`."""
    return Boolean()


def calendar_date() -> CalendarDate:
    """A `datetime.date` that is not a `datetime` (a day, not an instant)."""
    return CalendarDate()


def aware_datetime() -> AwareDatetime:
    """A timezone-aware `datetime.datetime`."""
    return AwareDatetime()


def items(
    element: type[Any] | tuple[type[Any], ...],
    *,
    min_len: int = 0,
    element_check: _Validator | None = None,
    unique: bool = False,
) -> Items:
    """A tuple whose elements are instances of `element` (and pass `element_check`)."""
    return Items(element, min_len, element_check, unique)


def unique_ids(attribute_name: str = "id") -> UniqueIds:
    """A tuple of objects whose `attribute_name` values are all different."""
    return UniqueIds(attribute_name)


_TEXT: Final = Text()
_IDENTIFIER: Final = Identifier()
_CONDITIONED: Final = (
    Text,
    Matches,
    Identifier,
    Optional,
    MemberOf,
    Integer,
    Number,
    Instance,
    Boolean,
    CalendarDate,
    AwareDatetime,
    Items,
    UniqueIds,
)

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
    if type(values) is tuple and len(values) < 2:  # noqa: PLR2004 - nothing to repeat
        return values
    return tuple(dict.fromkeys(values))


def unchanged_by(converter: object, value: str, code: Code) -> str | None:
    """An expression, over the name `value`, true only where `converter` returns it as is.

    `None` for a converter not listed here. `collabrel.model._inline` calls a converter
    only where the expression is false (the call is most of what a converter costs).
    """
    if converter is to_float or converter is to_optional_float:
        return f"{code.name(type)}({value}) is not {code.name(int)}"
    if converter is to_tuple:
        return f"{code.name(type)}({value}) is {code.name(tuple)}"
    if converter is dedupe:
        tuple_ = f"{code.name(type)}({value}) is {code.name(tuple)}"
        return f"({tuple_} and {code.name(len)}({value}) < 2)"
    return None
