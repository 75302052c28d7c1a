"""Strategies inferred from the model: each field's validator, `ref()` metadata and converter.

`infer` walks `attrs.fields(cls)` and reads each field's validator object (text, the id
pattern, an enum, item types, ranges, optional), its `ref()` kinds (a reference draws an id
from the document's pool of that kind) and its converter (`dedupe`: the items differ). What
no field can say is written by hand as overrides and a `fix` that sees every field drawn.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from enum import Enum
from typing import Any, Final, TypeVar, cast

import attrs
from hypothesis import strategies as st

from collabrel.model import _validators as v
from collabrel.model._refs import REF
from collabrel.testing.strategies._pools import (
    DATES,
    DATETIMES,
    IDENTIFIERS,
    SMALL,
    few,
    floats,
    fresh,
    maybe,
    maybe_one,
    needs,
    one,
    some,
    sometimes,
    texts,
)

_T = TypeVar("_T")
_Fix = Callable[[st.DrawFn, dict[str, Any]], None]
_Groups = tuple[tuple[str, ...], ...]

DEFAULT: Final[Any] = object()
"""Given for a field, leaves it to its default."""

_HAND: dict[type, Callable[[st.SearchStrategy[str] | None], st.SearchStrategy[Any]]] = {}
_OF: dict[tuple[type, st.SearchStrategy[str] | None], st.SearchStrategy[Any]] = {}
_REQUIRED: dict[type, _Groups] = {}


def hand_written(builders: Mapping[type, Callable[[Any], st.SearchStrategy[Any]]]) -> None:
    """Register classes' strategies, each built from a strategy for the object's own id."""
    _HAND.update(builders)


def of(cls: type[_T], ids: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[_T]:
    """`cls` drawn in the current scope; an entity's own id from `ids`, fresh by default."""
    strategy = _OF.get((cls, ids))
    if strategy is None:
        kind: str | None = getattr(cls, "_entity_kind", None)
        own = fresh(kind) if ids is None and kind is not None else ids
        builder = _HAND.get(cls)
        if builder is not None:
            strategy = builder(own)
        else:
            strategy = infer(cls) if kind is None else infer(cls, id=own)
        _OF[cls, ids] = strategy
    return strategy


def infer(cls: type[_T], fix: _Fix | None = None, /, **given: Any) -> st.SearchStrategy[_T]:
    """`cls` with each field drawn as its validator and metadata say, but those `given`.

    A field `given` as `DEFAULT` keeps its default; `fix` may change the drawn fields
    (keyword arguments of `cls`) before the object is built, drawing more if it needs to.
    """
    fields = tuple(
        (a.name, given[a.name] if a.name in given else field_strategy(a))
        for a in attrs.fields(cast("type[attrs.AttrsInstance]", cls))
        if given.get(a.name) is not DEFAULT
    )
    return _build(cls, fields, fix)


@st.composite
def _build(
    draw: st.DrawFn,
    cls: type[_T],
    fields: tuple[tuple[str, st.SearchStrategy[Any]], ...],
    fix: _Fix | None,
) -> _T:
    kwargs = {name: draw(strategy) for name, strategy in fields}
    if fix is not None:
        fix(draw, kwargs)
    return cls(**kwargs)


def _check(validator: object) -> object:
    """The first of a field's validators: the one that says what the field holds."""
    chained = getattr(validator, "_validators", None)  # attrs' and_() of a list
    return chained[0] if chained else validator


def required(cls: type) -> _Groups:
    """The kinds of `cls`'s required references: each group must have an id to name."""
    groups = _REQUIRED.get(cls)
    if groups is None:
        groups = _REQUIRED[cls] = tuple(
            a.metadata[REF]
            for a in attrs.fields(cls)
            if REF in a.metadata and isinstance(_check(a.validator), v.Identifier)
        )
    return groups


@functools.cache
def enum_members(enum: type[Enum]) -> st.SearchStrategy[Any]:
    """Members of `enum`, shrinking towards the first."""
    return st.from_type(enum)


_SIMPLE: Final[Mapping[type, Callable[[Any], st.SearchStrategy[Any]]]] = {
    v.Text: lambda c: texts(allow_empty=c.allow_empty),
    v.Matches: lambda c: st.from_regex(c.regex, fullmatch=True),
    v.MemberOf: lambda c: enum_members(c.enum),
    v.Integer: lambda c: st.integers(c.low, c.high),
    v.Number: lambda c: floats(c.low, c.high),
    v.Boolean: lambda _: st.booleans(),
    v.CalendarDate: lambda _: DATES,
    v.AwareDatetime: lambda _: DATETIMES,
    v.Instance: lambda c: of(c.cls),
}


def field_strategy(field: attrs.Attribute[Any]) -> st.SearchStrategy[Any]:
    """What a field holds, as its validator, `ref()` kinds and converter say.

    Raises:
        TypeError: If the field's validator is not one of the model's validators.
    """
    return _from(
        _check(field.validator),
        field.metadata.get(REF),
        cast("object", field.converter) is v.dedupe,
    )


def _from(check: object, kinds: tuple[str, ...] | None, unique: bool) -> st.SearchStrategy[Any]:
    if isinstance(check, v.Optional):
        inner = check.inner
        if kinds:
            return maybe_one(*kinds)
        if isinstance(inner, v.Instance):
            return needs(required(inner.cls), sometimes(of(inner.cls)), None)
        return maybe(_from(inner, None, unique))
    if isinstance(check, v.Identifier):
        return one(*kinds) if kinds else IDENTIFIERS
    if isinstance(check, v.Items):
        return _items(check, kinds, unique)
    simple = _SIMPLE.get(type(check))
    if simple is None:
        msg = f"cannot infer a strategy from the validator {check!r}"
        raise TypeError(msg)
    return simple(check)


def _items(check: v.Items, kinds: tuple[str, ...] | None, unique: bool) -> st.SearchStrategy[Any]:
    element = check.element
    if kinds:
        return some(*kinds)
    if isinstance(element, type) and attrs.has(element):
        size = check.min_len + 1 if check.min_len else SMALL
        drawn = st.lists(of(element), min_size=check.min_len, max_size=size)
        return needs(required(element), drawn, []) if not check.min_len else drawn
    if isinstance(element, type) and issubclass(element, Enum):
        return st.lists(enum_members(element), unique=True, max_size=SMALL)
    if isinstance(check.element_check, v.Identifier):
        return st.lists(IDENTIFIERS, unique=unique, max_size=SMALL)
    if isinstance(check.element_check, v.Matches):
        matching = st.from_regex(check.element_check.regex, fullmatch=True)
        return st.lists(matching, unique=unique or check.unique, max_size=SMALL)
    return few(texts(allow_empty=True))
