"""Reference integrity: every id is unique within its kind and every reference resolves.

Model classes declare what they are and what they point at:

- an entity class sets the class variable `_entity_kind` (e.g. `"person"`), and its `id`
  field is registered under that kind;
- a field that holds an id (or a tuple of ids) of another object carries
  `metadata=ref("person")` (or several kinds, e.g. `ref("person", "body", "partner")`).

[`check_references`][] walks an object graph once and returns every problem with its path.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime
from types import UnionType
from typing import Any, Final, Protocol, TypeVar, Union, get_args, get_origin, get_type_hints

import attrs

from collabrel.errors import Problem

REF: Final = "collabrel.ref"

_Path = tuple[Any, str | int] | None
"""A document path as a chain of (parent, segment) pairs, rendered only when reported."""

_REF: Final = 0
_ONE: Final = 1
_MANY: Final = 2
_SCAN: Final = 3

_Entry = tuple[str, int, tuple[str, ...] | None]
_Plan = tuple[str | None, tuple[_Entry, ...]]
_PLANS: dict[type, _Plan] = {}


_DEFERRED: ContextVar[bool] = ContextVar("collabrel_deferred_reference_checks", default=False)


@contextmanager
def deferred_reference_checks() -> Iterator[None]:
    """Skip the reference check of each `Relationship` built inside the block.

    A `RelationshipManagementPlan` always checks every reference in the whole document,
    so building a plan inside this block checks each reference once and reports the
    problems of the relationship and of the stage records together. Reading a plan from a
    document does this for you.

    Examples:
        >>> from collabrel.model import Partner, PartnerRole, Relationship, RelationshipKind
        >>> from collabrel.model import Risk
        >>> with deferred_reference_checks():
        ...     rel = Relationship(id="r", name="R", kind=RelationshipKind.BILATERAL,
        ...         partners=[Partner(id="a", name="A", role=PartnerRole.CLIENT),
        ...                   Partner(id="b", name="B", role=PartnerRole.SUPPLIER)],
        ...         risks=[Risk(id="x", title="X", owner="nobody", likelihood=1, impact=1)])
        >>> rel.risks[0].owner
        'nobody'
    """
    token = _DEFERRED.set(True)
    try:
        yield
    finally:
        _DEFERRED.reset(token)


def checks_deferred() -> bool:
    """Whether relationship-level reference checks are deferred to the plan."""
    return _DEFERRED.get()


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


_E = TypeVar("_E", bound=_HasId)


def by_id(items: Iterable[_E], ident: str) -> _E:
    """The first of `items` whose `id` is `ident`.

    Raises:
        KeyError: If none has that id.
    """
    for item in items:
        if item.id == ident:
            return item
    raise KeyError(ident)


def ref(*kinds: str) -> dict[str, tuple[str, ...]]:
    """Field metadata marking the field as an id reference to one of `kinds`."""
    return {REF: kinds}


def _mode(hint: object) -> int | None:
    """How the walker treats a field of type `hint`: descend once, per item, or skip it."""
    origin = get_origin(hint)
    if origin in (Union, UnionType):
        args = [a for a in get_args(hint) if a is not type(None)]
        if len(args) != 1:
            return _SCAN
        hint = args[0]
        origin = get_origin(hint)
    if isinstance(hint, type) and attrs.has(hint):
        return _ONE
    if origin is tuple:
        parameters = get_args(hint)
        element = parameters[0] if parameters else None
        if isinstance(element, type) and attrs.has(element):
            return _MANY
        return None if element in _SCALARS else _SCAN
    return None if hint in _SCALARS or isinstance(hint, type) else _SCAN


_SCALARS: Final = frozenset({str, int, float, bool, date, datetime})


def _plan(cls: type) -> _Plan:
    plan = _PLANS.get(cls)
    if plan is None:
        kind: str | None = getattr(cls, "_entity_kind", None)
        try:
            hints = get_type_hints(cls)
        except Exception:  # noqa: BLE001 - unresolvable hints: look at the values instead
            hints = {}
        entries: list[_Entry] = []
        for a in attrs.fields(cls):
            kinds = a.metadata.get(REF)
            if kinds is not None:
                entries.append((a.name, _REF, kinds))
                continue
            mode = _mode(hints[a.name]) if a.name in hints else _SCAN
            if mode is not None:
                entries.append((a.name, mode, None))
        plan = (kind, tuple(entries))
        _PLANS[cls] = plan
    return plan


def _render(node: _Path) -> str:
    parts: list[str | int] = []
    while node is not None:
        node, segment = node
        parts.append(segment)
    out = ""
    for segment in reversed(parts):
        if isinstance(segment, int):
            out += f"[{segment}]"
        else:
            out = f"{out}.{segment}" if out else segment
    return out


def _is_attrs(value: object) -> bool:
    return hasattr(type(value), "__attrs_attrs__")


class _Walk:
    __slots__ = ("ids", "problems", "refs")

    def __init__(self) -> None:
        self.ids: dict[str, dict[str, _Path]] = {}
        self.refs: list[tuple[_Path, tuple[str, ...], str]] = []
        self.problems: list[Problem] = []

    def visit(self, obj: Any, path: _Path) -> None:
        kind, entries = _plan(type(obj))
        if kind is not None:
            self._register(kind, obj.id, path)
        for name, mode, kinds in entries:
            value = getattr(obj, name)
            if value is None:
                continue
            if mode == _REF:
                assert kinds is not None  # noqa: S101 - _REF entries always carry kinds
                self._reference(value, kinds, (path, name))
            elif mode == _ONE:
                self.visit(value, (path, name))
            elif mode == _MANY:
                here = (path, name)
                for i, item in enumerate(value):
                    self.visit(item, (here, i))
            else:
                self._scan(value, (path, name))

    def _scan(self, value: object, path: _Path) -> None:
        if isinstance(value, tuple):
            for i, item in enumerate(value):
                if _is_attrs(item):
                    self.visit(item, (path, i))
        elif _is_attrs(value):
            self.visit(value, path)

    def _register(self, kind: str, ident: str, path: _Path) -> None:
        seen = self.ids.setdefault(kind, {})
        if ident not in seen:
            seen[ident] = path
            return
        first = _render(seen[ident]) or "the root"
        self.problems.append(
            Problem(_render((path, "id")), f"{kind} id {ident!r} is used twice (first at {first})")
        )

    def _reference(self, value: str | tuple[str, ...], kinds: tuple[str, ...], path: _Path) -> None:
        if isinstance(value, str):
            self.refs.append((path, kinds, value))
        else:
            self.refs.extend(((path, i), kinds, item) for i, item in enumerate(value))

    def resolve(self, outside: frozenset[str]) -> list[Problem]:
        empty: dict[str, _Path] = {}
        for path, kinds, value in self.refs:
            if any(value in self.ids.get(k, empty) for k in kinds) or outside.intersection(kinds):
                continue
            wanted = " or ".join(kinds)
            self.problems.append(
                Problem(_render(path), f"{value!r} does not name a {wanted} in this document")
            )
        return self.problems


def check_references(root: object, outside: frozenset[str] = frozenset()) -> list[Problem]:
    """Every duplicate id and dangling reference below `root`, with paths relative to it.

    References to the kinds in `outside` are not checked: they point at entities that live
    beyond `root` (a governance body's terms of reference is a record in the plan's stage
    sections, checked when the plan is built).
    """
    walk = _Walk()
    walk.visit(root, None)
    return walk.resolve(outside)
