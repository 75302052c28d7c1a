"""msgspec Structs and pydantic v2 models built from collabrel's attrs classes.

The shadow classes validate the same *shapes* as collabrel's converter: the same field names,
the same required fields and defaults, strict scalar types (no `"5"` for an int, no `1` for a
bool), enums by value, ISO dates, timezone-aware datetimes, `X | None`, `tuple[X, ...]`,
nested classes, and unknown keys refused. They do not run collabrel's field validators
(id patterns, ranges, non-blank text) or its reference-integrity check; those are extra work
collabrel does on every load, and the benchmark reports it as such.

`canonical(obj)` turns an instance of any of the three families into the same plain data
(every field, defaults included) so the benchmark can check that all three decoded a
document to equivalent values.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from enum import Enum
from typing import Annotated, Any, Union, get_args, get_origin, get_type_hints

import annotated_types
import attrs
import msgspec
import pydantic

_MISSING = attrs.NOTHING

# Fields collabrel always writes although they have a default; the shadow classes make them
# required, which both writes them and (like collabrel's migration step) insists on reading them.
ALWAYS_WRITTEN = frozenset({("DocumentMeta", "schema_version")})


def _walk_type(t: Any, convert_class: Any, aware: Any) -> Any:
    """`t` with every attrs class replaced by `convert_class(cls)`."""
    origin = get_origin(t)
    if origin in (Union, types.UnionType):
        args = tuple(_walk_type(a, convert_class, aware) for a in get_args(t))
        return typing.Union[args]  # noqa: UP007 - built from a tuple
    if origin is tuple:
        args = get_args(t)
        if len(args) != 2 or args[1] is not Ellipsis:
            raise TypeError(f"only tuple[X, ...] is supported, not {t!r}")
        return tuple[_walk_type(args[0], convert_class, aware), ...]
    if origin is list:
        return list[_walk_type(get_args(t)[0], convert_class, aware)]
    if t is dt.datetime:
        return aware
    if isinstance(t, type) and attrs.has(t):
        return convert_class(t)
    if t in (str, int, float, bool, dt.date, type(None)) or (
        isinstance(t, type) and issubclass(t, Enum)
    ):
        return t
    raise TypeError(f"no shadow type for {t!r}")


def _defaults(cls: type, a: attrs.Attribute, convert: Any) -> tuple[str, Any]:
    """('none' | 'value' | 'factory', default) for attribute `a` of `cls`."""
    default = a.default
    if default is _MISSING or (cls.__name__, a.name) in ALWAYS_WRITTEN:
        return "none", None
    if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
        if default.takes_self:
            raise TypeError(f"{a.name}: self-taking factories are not supported")
        factory = default.factory
        if isinstance(factory, type) and attrs.has(factory):
            return "factory", convert(factory)
        return "factory", factory
    return "value", default


class _Builder:
    """Shadow classes mirroring collabrel's attrs classes, one per class, cached."""

    aware: Any  # the type an aware datetime becomes
    what = "shadow"

    def __init__(self) -> None:
        self.classes: dict[type, Any] = {}

    def __call__(self, cls: type) -> Any:
        found = self.classes.get(cls)
        if found is None:
            hints = get_type_hints(cls)
            fields = [
                (a.name, _walk_type(hints[a.name], self, self.aware), *_defaults(cls, a, self))
                for a in attrs.fields(cls)
            ]
            self.making = cls  # the class `make` builds (its fields' shadows are built)
            found = self.classes[cls] = self.make(cls.__name__, fields)
        return found

    def make(self, name: str, fields: list[tuple[str, Any, str, Any]]) -> Any:
        """The class `name` with `fields` (name, type, `none`/`factory`/`value`, default)."""
        raise NotImplementedError

    def type_of(self, t: Any) -> Any:
        """`t` (an attrs class or e.g. `list[Relationship]`) in shadow terms."""
        return _walk_type(t, self, self.aware)


class MsgspecBuilder(_Builder):
    """msgspec Struct classes mirroring collabrel's attrs classes."""

    aware = Annotated[dt.datetime, msgspec.Meta(tz=True)]

    def make(self, name: str, fields: list[tuple[str, Any, str, Any]]) -> Any:
        specs: list[Any] = []
        for field, ftype, kind, default in fields:
            if kind == "none":
                specs.append((field, ftype))
            elif kind == "factory":
                specs.append((field, ftype, msgspec.field(default_factory=default)))
            else:
                specs.append((field, ftype, default))
        return msgspec.defstruct(
            name,
            specs,
            kw_only=True,
            frozen=True,
            forbid_unknown_fields=True,
            omit_defaults=True,
            module=__name__,
        )


def _annotations(validator: Any) -> tuple[list[Any], list[Any]]:
    """pydantic constraints for collabrel's field validator: (on the value, on each item)."""
    from collabrel.model import _validators as v  # noqa: PLC0415

    own: list[Any] = []
    items: list[Any] = []
    for part in getattr(validator, "_validators", (validator,)):
        inner = part.inner if isinstance(part, v.Optional) else part
        if isinstance(inner, v.Items):
            if inner.min_len:
                own.append(annotated_types.MinLen(inner.min_len))
            if inner.element_check is not None:
                items.extend(_annotations(inner.element_check)[0])
            continue
        own.extend(_scalar_constraints(inner, v))
    return own, items


def _scalar_constraints(inner: Any, v: Any) -> list[Any]:
    if isinstance(inner, v.Text) and not inner.allow_empty:
        return [pydantic.StringConstraints(pattern=r"\S")]  # non-blank
    if isinstance(inner, v.Identifier):
        return [pydantic.StringConstraints(pattern=v.ID_PATTERN)]
    if isinstance(inner, v.Matches):
        return [pydantic.StringConstraints(pattern=inner.regex)]
    if isinstance(inner, v.Integer):
        return [annotated_types.Ge(inner.low), annotated_types.Le(inner.high)]
    if isinstance(inner, v.Number):
        found: list[Any] = [pydantic.AllowInfNan(False)]  # noqa: FBT003 - pydantic's API
        if inner.low is not None:
            found.append(annotated_types.Ge(inner.low))
        if inner.high is not None:
            found.append(annotated_types.Le(inner.high))
        return found
    return []


def _constrain(ftype: Any, validator: Any) -> Any:
    """`ftype` with the constraints of collabrel's `validator` as pydantic annotations."""
    own, items = _annotations(validator)
    origin, args = get_origin(ftype), get_args(ftype)
    if origin in (Union, types.UnionType):
        inner = [a for a in args if a is not type(None)]
        if len(inner) == 1:
            return _constrain(inner[0], validator) | None
        return ftype
    if origin is tuple:
        element = Annotated[(args[0], *items)] if items else args[0]
        ftype = tuple[element, ...]
    return Annotated[(ftype, *own)] if own else ftype


class PydanticBuilder(_Builder):
    """pydantic v2 models mirroring collabrel's attrs classes (strict, extra keys forbidden).

    With `constrained=True`, each field also carries the constraints of collabrel's field
    validator as pydantic annotations, checked in pydantic's core: non-blank text, id and other
    patterns, integer and number bounds (numbers finite), list lengths, and the same for each
    item of a list. What pydantic does not check then: the cross-field checks (a class's
    `_check_<field>` methods), unique items, and the plan's reference integrity.
    """

    aware = pydantic.AwareDatetime
    config = pydantic.ConfigDict(strict=True, extra="forbid", frozen=True)

    def __init__(self, *, constrained: bool = False) -> None:
        super().__init__()
        self.constrained = constrained

    def make(self, name: str, fields: list[tuple[str, Any, str, Any]]) -> Any:
        specs: dict[str, Any] = {}
        validators = (
            {a.name: a.validator for a in attrs.fields(self.making)} if self.constrained else {}
        )
        for field, plain, kind, default in fields:
            ftype = _constrain(plain, validators[field]) if field in validators else plain
            if kind == "none":
                specs[field] = (ftype, ...)
            elif kind == "factory":
                specs[field] = (ftype, pydantic.Field(default_factory=default))
            else:
                specs[field] = (ftype, default)
        return pydantic.create_model(name, __config__=self.config, __module__=__name__, **specs)


def canonical(obj: Any) -> Any:  # noqa: PLR0911 - one return per kind of value
    """Plain data with every field of every object, whichever library built it."""
    if isinstance(obj, Enum):
        return obj.value
    if isinstance(obj, dt.date):  # dates and datetimes
        return obj.isoformat()
    if isinstance(obj, bool | str | type(None)):
        return obj
    if isinstance(obj, int | float):
        return float(obj)
    if isinstance(obj, list | tuple):
        return [canonical(x) for x in obj]
    if attrs.has(type(obj)):
        return {a.name: canonical(getattr(obj, a.name)) for a in attrs.fields(type(obj))}
    if isinstance(obj, msgspec.Struct):
        return {f: canonical(getattr(obj, f)) for f in obj.__struct_fields__}
    if isinstance(obj, pydantic.BaseModel):
        return {f: canonical(getattr(obj, f)) for f in type(obj).model_fields}
    raise TypeError(f"cannot canonicalise {type(obj)!r}")


def first_difference(a: Any, b: Any, path: str = "") -> str | None:  # noqa: PLR0911
    """The path of the first place where two canonical values differ, or None."""
    if type(a) is not type(b):
        return f"{path or '<root>'}: {type(a).__name__} != {type(b).__name__}"
    if isinstance(a, dict):
        if a.keys() != b.keys():
            return f"{path or '<root>'}: keys {sorted(a.keys() ^ b.keys())}"
        for k in a:
            found = first_difference(a[k], b[k], f"{path}.{k}" if path else k)
            if found:
                return found
        return None
    if isinstance(a, list):
        if len(a) != len(b):
            return f"{path}: length {len(a)} != {len(b)}"
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            found = first_difference(x, y, f"{path}[{i}]")
            if found:
                return found
        return None
    return None if a == b else f"{path}: {a!r} != {b!r}"
