"""The one cattrs converter: every domain object to plain data and back.

Its rules are listed in `make_converter`.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections.abc import Callable, Mapping
from enum import Enum
from functools import cache
from types import UnionType
from typing import TYPE_CHECKING, Any, Final, Union, get_args, get_origin

import attrs
from cattrs import Converter
from cattrs.errors import IterableValidationError, IterableValidationNote
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from collabrel.errors import CollabrelError, _bounded_repr
from collabrel.serialization._fast import fast_structure_fn
from collabrel.serialization._limits import current_limits, over_limit

if TYPE_CHECKING:
    from collabrel.lifecycle import LifecycleDefinition, LifecycleState

_MAX_REPR: Final = 60
_ISO_DATE_LENGTH: Final = 10
_ISO_DATE: Final = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class InvalidValue(ValueError):  # noqa: N818  (a value error with a message meant for people)
    """A value that cannot become the wanted type; the message is shown to the user."""


def _describe(value: object) -> str:
    return _bounded_repr(value, _MAX_REPR)


def _check_date_length(value: str) -> None:
    """Refuse a date longer than the limit before a parser spends time on it."""
    limit = current_limits().max_date_length
    if len(value) > limit:
        raise InvalidValue(
            over_limit(f"a date of {len(value)} characters", limit, "max_date_length")
        )


def _parse_written(value: str) -> dt.datetime:
    """A date (and time) as a person writes it, day first; python-dateutil when first needed."""
    from dateutil import parser  # noqa: PLC0415 - only text that is not ISO 8601 needs it

    return parser.parse(value, dayfirst=True)


def _structure_str(value: object, _: type) -> str:
    if isinstance(value, str):
        return value
    raise InvalidValue(f"expected a string (got {_describe(value)})")


def _structure_int(value: object, _: type) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise InvalidValue(f"expected an integer (got {_describe(value)})")


def _structure_float(value: object, _: type) -> float:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    raise InvalidValue(f"expected a number (got {_describe(value)})")


def _structure_bool(value: object, _: type) -> bool:
    if isinstance(value, bool):
        return value
    raise InvalidValue(f"expected true or false (got {_describe(value)})")


def _structure_date(value: object, _: type) -> dt.date:
    if isinstance(value, dt.datetime):
        raise InvalidValue(f"expected a date without a time of day (got {_describe(value)})")
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise InvalidValue(f"expected a date such as '2026-03-01' (got {_describe(value)})")
    if len(value) == _ISO_DATE_LENGTH and _ISO_DATE.match(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    _check_date_length(value)
    try:
        parsed = _parse_written(value)
    except (ValueError, OverflowError) as exc:
        raise InvalidValue(
            f"expected a date such as '2026-03-01' or '1 March 2026' (got {_describe(value)})"
        ) from exc
    if parsed.time() != dt.time() or parsed.tzinfo is not None:
        raise InvalidValue(f"expected a date without a time of day (got {_describe(value)})")
    return parsed.date()


def _structure_datetime(value: object, _: type) -> dt.datetime:
    if isinstance(value, dt.datetime):
        parsed = value
    elif isinstance(value, str):
        _check_date_length(value)
        try:
            parsed = dt.datetime.fromisoformat(value)
        except ValueError:
            try:
                parsed = _parse_written(value)
            except (ValueError, OverflowError) as exc:
                raise InvalidValue(
                    "expected a date and time with a timezone such as "
                    f"'2026-03-01T09:30:00+00:00' (got {_describe(value)})"
                ) from exc
    else:
        raise InvalidValue(
            f"expected a date and time such as '2026-03-01T09:30:00+00:00' (got {_describe(value)})"
        )
    if parsed.utcoffset() is None:
        raise InvalidValue(
            f"expected a timezone, e.g. '+00:00' or 'Z' at the end (got {_describe(value)})"
        )
    return parsed


def _unstructure_temporal(value: dt.date) -> str:
    return value.isoformat()


_DURATION: Final = re.compile(
    r"^(-)?P(?=\d|T\d)(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d{1,6})?)S)?)?$"
)


def _unstructure_duration(value: dt.timedelta) -> str:
    sign = "-" if value < dt.timedelta(0) else ""
    value = abs(value)
    hours, rest = divmod(value.seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    clock = "".join(f"{n}{unit}" for n, unit in ((hours, "H"), (minutes, "M")) if n)
    if value.microseconds:
        clock += f"{seconds}.{value.microseconds:06d}".rstrip("0") + "S"
    elif seconds:
        clock += f"{seconds}S"
    days = f"{value.days}D" if value.days else ""
    if not days and not clock:
        return "PT0S"
    return f"{sign}P{days}{'T' if clock else ''}{clock}"


def _structure_duration(value: object, _: type) -> dt.timedelta:
    found = _DURATION.match(value) if isinstance(value, str) else None
    if found is None:
        raise InvalidValue(f"expected a duration such as 'P3DT4H' (got {_describe(value)})")
    sign, days, hours, minutes, seconds = found.groups()
    whole, _dot, fraction = (seconds or "0").partition(".")
    duration = dt.timedelta(
        days=int(days or 0),
        hours=int(hours or 0),
        minutes=int(minutes or 0),
        seconds=int(whole),
        microseconds=int(fraction.ljust(6, "0")),
    )
    return -duration if sign else duration


def _enum_structure_factory(enum: type[Enum]) -> Callable[[object, type], Enum]:
    members: dict[object, Enum] = {m.value: m for m in enum}
    allowed = ", ".join(str(m.value) for m in enum)

    def structure(value: object, _: type) -> Enum:
        try:
            return members[value]
        except (KeyError, TypeError):
            raise InvalidValue(f"{_describe(value)} is not one of {allowed}") from None

    return structure


def _is_enum(t: object) -> bool:
    return isinstance(t, type) and issubclass(t, Enum)


def _is_homogeneous_tuple(t: object) -> bool:
    args = get_args(t)
    return get_origin(t) is tuple and len(args) == 2 and args[1] is Ellipsis  # noqa: PLR2004


def _tuple_structure_factory(
    conv: Converter,
) -> Callable[[Any], Callable[[object, type], tuple[Any, ...]]]:
    """Sequences must be lists: a string or a mapping is not read as its characters or keys."""

    def factory(t: Any) -> Callable[[object, type], tuple[Any, ...]]:
        element = get_args(t)[0]
        hook = conv.get_structure_hook(element)
        detailed = conv.detailed_validation

        def structure(value: object, _: type) -> tuple[Any, ...]:
            if not isinstance(value, (list, tuple)):
                raise InvalidValue(f"expected a list (got {_describe(value)})")
            if not detailed:
                return tuple([hook(item, element) for item in value])
            out: list[Any] = []
            errors: list[Exception] = []
            for index, item in enumerate(value):
                try:
                    out.append(hook(item, element))
                except Exception as exc:  # noqa: BLE001 - collected and re-raised as a group
                    note = IterableValidationNote(
                        f"Structuring {t} @ index {index}", index, element
                    )
                    exc.__notes__ = [*getattr(exc, "__notes__", []), note]
                    errors.append(exc)
            if errors:
                raise IterableValidationError(f"While structuring {t!r}", errors, t)
            return tuple(out)

        return structure

    return factory


def _is_optional(t: object) -> bool:
    args = get_args(t)
    return (
        get_origin(t) in (Union, UnionType)
        and len(args) == 2  # noqa: PLR2004
        and type(None) in args
    )


def _optional_structure_factory(conv: Converter) -> Callable[[Any], Callable[[object, type], Any]]:
    """`X | None` with the hook for X looked up once, not on every value."""

    def factory(t: Any) -> Callable[[object, type], Any]:
        inner = next(a for a in get_args(t) if a is not type(None))
        hook = conv.get_structure_hook(inner)

        def structure(value: object, _: type) -> Any:
            return None if value is None else hook(value, inner)

        return structure

    return factory


def _tuple_to_list(value: tuple[Any, ...]) -> list[Any]:
    return list(value)


def _attrs_structure_factory(
    conv: Converter,
) -> Callable[[type[Any]], Callable[[object, type], Any]]:
    def factory(cls: type[Any]) -> Callable[[object, type], Any]:
        name = cls.__name__
        generated: list[Callable[[Any, type], Any]] = []  # made when first needed

        def structure(value: object, _: type) -> Any:
            if not isinstance(value, Mapping):
                raise InvalidValue(f"expected a mapping of {name} fields (got {_describe(value)})")
            if not generated:
                generated.append(make_dict_structure_fn(cls, conv))
            return generated[0](value, cls)

        if conv.detailed_validation:
            return structure
        return fast_structure_fn(cls, conv, structure)

    return factory


def _attrs_unstructure_factory(conv: Converter) -> Callable[[type[Any]], Callable[[Any], Any]]:
    def factory(cls: type[Any]) -> Callable[[Any], Any]:
        if "schema_version" in attrs.fields_dict(cls):
            return make_dict_unstructure_fn(
                cls,
                conv,
                _cattrs_omit_if_default=conv.omit_if_default,
                schema_version=override(omit_if_default=False),
            )
        return make_dict_unstructure_fn(cls, conv, _cattrs_omit_if_default=conv.omit_if_default)

    return factory


def _is_lifecycle_state(t: object) -> bool:
    """Whether `t` is `LifecycleState`; only asked for once collabrel.lifecycle is imported.

    The converter does not import the lifecycle itself: a document that is not a lifecycle
    state (a plan) is read without it.
    """
    lifecycle = sys.modules.get("collabrel.lifecycle")
    return lifecycle is not None and t is getattr(lifecycle, "LifecycleState", None)


@cache
def _built_in_definitions() -> dict[str, LifecycleDefinition]:
    from collabrel.lifecycle import ISO_44001, STANDARD  # noqa: PLC0415 - see _is_lifecycle_state

    return {d.name: d for d in (STANDARD, ISO_44001)}


def _unstructure_state(conv: Converter) -> Callable[[LifecycleState], dict[str, Any]]:
    built_in = _built_in_definitions()

    def unstructure(state: LifecycleState) -> dict[str, Any]:
        definition = state.definition
        data: dict[str, Any] = {
            "definition": definition.name
            if built_in.get(definition.name) == definition
            else conv.unstructure(definition),
            "statuses": {
                spec.key: status.value
                for spec, status in zip(definition.stages, state.statuses, strict=True)
            },
        }
        if state.updated_at is not None:
            data["updated_at"] = state.updated_at.isoformat()
        if state.exit_activated_at is not None:
            data["exit_activated_at"] = state.exit_activated_at.isoformat()
        return data

    return unstructure


def _structure_state(conv: Converter) -> Callable[[object, type], LifecycleState]:
    from collabrel.lifecycle import STANDARD, LifecycleDefinition, LifecycleState  # noqa: PLC0415

    keys = ("definition", "statuses", "updated_at", "exit_activated_at")
    built_in = _built_in_definitions()

    def structure(value: object, _: type) -> LifecycleState:
        if not isinstance(value, Mapping):
            raise InvalidValue(
                f"expected a mapping of LifecycleState fields (got {_describe(value)})"
            )
        extra = sorted(set(value) - set(keys))
        if extra:
            raise InvalidValue(f"unknown LifecycleState field(s): {', '.join(map(str, extra))}")
        raw_definition = value.get("definition", STANDARD.name)
        if isinstance(raw_definition, str):
            definition = built_in.get(raw_definition)
            if definition is None:
                known = ", ".join(sorted(built_in))
                raise InvalidValue(
                    f"definition {raw_definition!r} is not built in ({known}); "
                    "write a custom definition in full"
                )
        else:
            definition = conv.structure(raw_definition, LifecycleDefinition)
        statuses = value.get("statuses", {})
        if not isinstance(statuses, Mapping):
            raise InvalidValue(
                f"statuses must map stage keys to statuses (got {_describe(statuses)})"
            )
        updated = value.get("updated_at")
        exit_at = value.get("exit_activated_at")
        try:
            return LifecycleState.from_statuses(
                statuses,
                definition=definition,
                updated_at=None if updated is None else _structure_datetime(updated, dt.datetime),
                exit_activated_at=None
                if exit_at is None
                else _structure_datetime(exit_at, dt.datetime),
            )
        except CollabrelError as exc:
            raise InvalidValue(str(exc)) from exc

    return structure


def make_converter(*, detailed_validation: bool = False) -> Converter:
    """Build collabrel's converter; every rule of collabrel's plain data is configured here.

    - attrs classes are structured with generated functions (without detailed validation, the
      fast ones of `collabrel.serialization._fast`); unknown keys are an error (a typo in
      a document is reported, not silently dropped); fields equal to their default are left out
      when unstructuring, except a `schema_version` field (`meta.schema_version`, a conformance
      report's), which is always written.
    - enums are written as their `.value`; reading looks the value up in a dict and names the
      allowed values when it is not there.
    - dates are written as ISO 8601 (`2026-03-01`); reading accepts ISO dates, native dates (YAML,
      TOML) and what a person writes (`1 March 2026`, `01/03/2026` read day first), parsed with
      python-dateutil. A date with a time of day is refused, and so is a date or instant
      written in more characters than `LoadLimits.max_date_length` (before it is parsed).
    - instants (`datetime`) are written as ISO 8601 with their offset and must carry a timezone.
    - durations (`timedelta`) are written as ISO 8601 durations in days, hours, minutes and
      seconds (`P162DT8H`, `PT0S`, `-P1D`) and read back in that form.
    - `str`, `int`, `float` and `bool` are strict: `"5"` is not an int, `1` is not a bool.
    - tuples are written as lists, and only a list (or tuple) is read as one: a string or a
      mapping where a list belongs is an error, not a list of its characters or keys.
    - a `LifecycleState` is written as `{definition, statuses: {stage key: status}, updated_at,
      exit_activated_at}`; a built-in definition is written by name (`"bs11000"`, `"iso44001"`),
      a custom one in full. Stages left out of `statuses` are not started.

    Args:
        detailed_validation: Collect every error with its path (slower). collabrel structures
            with a fast converter first and, only when that fails, again with a detailed one
            to report every problem.
    """
    conv = Converter(
        detailed_validation=detailed_validation,
        forbid_extra_keys=True,
        omit_if_default=True,
        unstruct_collection_overrides={tuple: _tuple_to_list},
    )
    conv.register_structure_hook(str, _structure_str)
    conv.register_structure_hook(int, _structure_int)
    conv.register_structure_hook(float, _structure_float)
    conv.register_structure_hook(bool, _structure_bool)
    conv.register_structure_hook(dt.date, _structure_date)
    conv.register_structure_hook(dt.datetime, _structure_datetime)
    conv.register_unstructure_hook(dt.date, _unstructure_temporal)
    conv.register_unstructure_hook(dt.datetime, _unstructure_temporal)
    conv.register_structure_hook(dt.timedelta, _structure_duration)
    conv.register_unstructure_hook(dt.timedelta, _unstructure_duration)
    conv.register_structure_hook_factory(_is_enum, _enum_structure_factory)
    conv.register_structure_hook_factory(_is_homogeneous_tuple, _tuple_structure_factory(conv))
    conv.register_structure_hook_factory(_is_optional, _optional_structure_factory(conv))
    conv.register_structure_hook_factory(attrs.has, _attrs_structure_factory(conv))
    conv.register_unstructure_hook_factory(attrs.has, _attrs_unstructure_factory(conv))
    conv.register_structure_hook_factory(_is_lifecycle_state, lambda _: _structure_state(conv))
    conv.register_unstructure_hook_factory(_is_lifecycle_state, lambda _: _unstructure_state(conv))
    return conv


@cache
def fast_converter() -> Converter:
    """The shared converter without detailed validation (the fast path)."""
    return make_converter()


@cache
def detailed_converter() -> Converter:
    """The shared converter with detailed validation (used to explain a failure)."""
    return make_converter(detailed_validation=True)


def is_attrs_class(cls: object) -> bool:
    """Whether `cls` is an attrs class."""
    return isinstance(cls, type) and attrs.has(cls)
