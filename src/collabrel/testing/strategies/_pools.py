"""Primitive strategies and the scope that lets references name the ids of one document.

Strategies are built once and never per example (building them is far slower than drawing).
What varies between drawn documents (the ids taken, the ids references may name) lives in a
scope that a document's strategy opens for one draw and the reference strategies read.
"""

from __future__ import annotations

import functools
import operator
import string
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any, Final, TypeVar

from hypothesis import strategies as st

_T = TypeVar("_T")

Ids = Sequence[str] | None
"""The ids a reference may take: `None` for any valid id, or the ids of a document."""

ID_MAX: Final = 128
SMALL: Final = 2  # the usual upper bound on the length of a drawn collection
PARTY: Final = ("person", "body", "partner")
_OFFSETS: Final = (
    UTC,
    timezone(timedelta(hours=1)),
    timezone(timedelta(hours=-5)),
    timezone(timedelta(hours=5, minutes=30)),
    timezone(timedelta(hours=-9, minutes=-30)),
)

_ID_FIRST: Final = string.digits + string.ascii_letters


IDENTIFIERS: Final = st.builds(
    operator.add, st.sampled_from(_ID_FIRST), st.text(_ID_FIRST + "._:-", max_size=ID_MAX - 1)
)
_TEXT_CHARACTERS: Final = st.characters(exclude_categories=("Cs", "Cc"), include_characters="\t\n")
DATES: Final = st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31))
DATETIMES: Final = st.datetimes(
    min_value=datetime(1990, 1, 1),  # noqa: DTZ001  (naive bounds, aware values)
    max_value=datetime(2100, 12, 31, 23, 59, 59),  # noqa: DTZ001
    timezones=st.sampled_from(_OFFSETS),
)


def _non_blank(value: str) -> str:
    """`value`, or `value` with a `0` added when it is only whitespace."""
    return value if value.strip() else value + "0"


@functools.cache
def texts(*, allow_empty: bool = False, max_size: int = 20) -> st.SearchStrategy[str]:
    """Printable text, non-blank unless `allow_empty`."""
    if allow_empty:
        return st.text(_TEXT_CHARACTERS, max_size=max_size)
    # a map, not a filter: hypothesis re-validates a filtered text strategy on every draw
    return st.text(_TEXT_CHARACTERS, min_size=1, max_size=max(max_size - 1, 1)).map(_non_blank)


@functools.cache
def floats(low: float | None = None, high: float | None = None) -> st.SearchStrategy[float]:
    """Finite floats within the inclusive bounds given."""
    return st.floats(min_value=low, max_value=high, allow_nan=False, allow_infinity=False)


class _Scope:
    """The ids references may name, and the ids taken, while one object is drawn."""

    __slots__ = ("pools", "scales", "taken")

    def __init__(self, pools: dict[str, tuple[str, ...] | None]) -> None:
        self.pools = pools
        self.taken: dict[str, set[str]] = {}
        self.scales: dict[str, tuple[float, float]] = {}  # criterion id to its scale

    def pool(self, kinds: tuple[str, ...]) -> tuple[str, ...] | None:
        """The ids of `kinds` a reference may name; `None` (any id) when a kind is free."""
        pools = [self.pools.get(k) for k in kinds]
        if len(pools) == 1:
            return pools[0]
        if any(p is None for p in pools):
            return None
        return tuple(dict.fromkeys(i for pool in pools if pool is not None for i in pool))

    def claim(self, kind: str, base: str) -> str:
        """`base`, or `base` with a `.1`, `.2`, ... suffix when it is taken for `kind`."""
        taken = self.taken.setdefault(kind, set())
        ident, n = base, 0
        while ident in taken:
            n += 1
            suffix = f".{n}"
            ident = base[: ID_MAX - len(suffix)] + suffix
        taken.add(ident)
        return ident


_SCOPE: ContextVar[_Scope | None] = ContextVar("collabrel_testing_scope", default=None)


def current() -> _Scope:
    """The scope of the document being drawn (a throwaway one outside any)."""
    scope = _SCOPE.get()
    return _Scope({}) if scope is None else scope


@contextmanager
def pools(**given: tuple[str, ...] | None) -> Iterator[None]:
    """Set some pools of the current scope for the length of a `with` block."""
    scope = current()
    saved = {kind: scope.pools.get(kind) for kind in given}
    scope.pools.update(given)
    try:
        yield
    finally:
        scope.pools.update(saved)


@st.composite
def scoped(draw: st.DrawFn, /, strategy: st.SearchStrategy[_T], **given: Ids) -> _T:
    """Draw from `strategy` in a new scope whose pools are `given`."""
    scope = _Scope({k: None if v is None else tuple(v) for k, v in given.items()})
    token = _SCOPE.set(scope)
    try:
        return draw(strategy)
    finally:
        _SCOPE.reset(token)


def parties(ids: Ids, kinds: tuple[str, ...] = PARTY) -> dict[str, Ids]:
    """Pools that let a reference to any of `kinds` name exactly `ids`."""
    return {} if ids is None else {kind: ids if i == 0 else () for i, kind in enumerate(kinds)}


def is_empty(pool: Ids) -> bool:
    """Whether `pool` leaves a reference nothing to name."""
    return pool is not None and len(pool) == 0


@functools.cache
def index(size: int) -> st.SearchStrategy[int]:
    """Indices into a sequence of `size` items, shrinking towards the first."""
    return st.integers(min_value=0, max_value=size - 1)


@functools.cache
def _indices(size: int, max_size: int, min_size: int) -> st.SearchStrategy[list[int]]:
    return st.lists(index(size), unique=True, min_size=min_size, max_size=min(max_size, size))


def pick(draw: st.DrawFn, items: Sequence[_T]) -> _T:
    return items[draw(index(len(items)))]


def pick_some(draw: st.DrawFn, items: Sequence[_T], max_size: int, min_size: int = 0) -> list[_T]:
    """Up to `max_size` different items of `items`, in a drawn order."""
    return [items[i] for i in draw(_indices(len(items), max_size, min_size))] if items else []


@functools.cache
@st.composite
def _draw_one(draw: st.DrawFn, kinds: tuple[str, ...], optional: bool) -> str | None:
    pool = current().pool(kinds)
    if pool is None:
        return draw(maybe(IDENTIFIERS) if optional else IDENTIFIERS)
    if not pool:
        if optional:
            return None
        draw(st.nothing())  # pragma: no cover - callers check for empty pools
    if not optional:
        return pick(draw, pool)
    # one choice, None half the time: the lower half (where it shrinks to) is None
    chosen = draw(index(2 * len(pool))) - len(pool)
    return None if chosen < 0 else pool[chosen]


def one(*kinds: str) -> st.SearchStrategy[str]:
    """A required reference to one of `kinds`."""
    return _draw_one(kinds, optional=False)  # type: ignore[return-value]


def maybe_one(*kinds: str) -> st.SearchStrategy[str | None]:
    """An optional reference to one of `kinds` (always `None` when there is nothing to name)."""
    return _draw_one(kinds, optional=True)


@functools.cache
@st.composite
def _draw_some(draw: st.DrawFn, kinds: tuple[str, ...], max_size: int) -> list[str]:
    pool = current().pool(kinds)
    if pool is None:
        return draw(st.lists(IDENTIFIERS, unique=True, max_size=max_size))
    return pick_some(draw, pool, max_size)


def some(*kinds: str, max_size: int = SMALL) -> st.SearchStrategy[list[str]]:
    """Up to `max_size` different references to `kinds`."""
    return _draw_some(kinds, max_size)


def lacks(groups: Sequence[tuple[str, ...]]) -> bool:
    """Whether some group of kinds has nothing to name in the current scope."""
    return any(is_empty(current().pool(kinds)) for kinds in groups)


@st.composite
def needs(
    draw: st.DrawFn,
    groups: tuple[tuple[str, ...], ...],
    strategy: st.SearchStrategy[_T],
    otherwise: _T,
) -> _T:
    """Draw from `strategy`, or give `otherwise` when a group of kinds has nothing to name."""
    return otherwise if lacks(groups) else draw(strategy)


@functools.cache
@st.composite
def fresh(draw: st.DrawFn, kind: str) -> str:
    """An id not yet taken by another `kind` in the object being drawn."""
    return current().claim(kind, draw(IDENTIFIERS))


def maybe(strategy: st.SearchStrategy[_T]) -> st.SearchStrategy[_T | None]:
    """`None` or a value of `strategy`, shrinking towards `None`."""
    return st.none() | strategy


@st.composite
def sometimes(draw: st.DrawFn, strategy: st.SearchStrategy[_T]) -> _T | None:
    """`None` three times in four: for the many optional records of a plan."""
    return draw(strategy) if draw(index(4)) == 3 else None  # noqa: PLR2004


def few(strategy: st.SearchStrategy[_T], max_size: int = SMALL) -> st.SearchStrategy[list[_T]]:
    return st.lists(strategy, max_size=max_size)


def ids_of(items: Sequence[Any]) -> tuple[str, ...]:
    return tuple(item.id for item in items)
