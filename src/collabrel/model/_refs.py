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
from typing import Any, Final, Protocol, TypeVar

import attrs

from collabrel.errors import Problem

REF: Final = "collabrel.ref"

_Plan = tuple[str | None, tuple[tuple[str, tuple[str, ...] | None], ...]]
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


def _plan(cls: type) -> _Plan:
    plan = _PLANS.get(cls)
    if plan is None:
        kind: str | None = getattr(cls, "_entity_kind", None)
        fields = tuple((a.name, a.metadata.get(REF)) for a in attrs.fields(cls))
        plan = (kind, fields)
        _PLANS[cls] = plan
    return plan


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


class _Walk:
    __slots__ = ("ids", "problems", "refs")

    def __init__(self) -> None:
        self.ids: dict[str, dict[str, str]] = {}
        self.refs: list[tuple[str, tuple[str, ...], str]] = []
        self.problems: list[Problem] = []

    def visit(self, obj: Any, path: str) -> None:
        kind, fields = _plan(type(obj))
        if kind is not None:
            self._register(kind, obj.id, path)
        for name, kinds in fields:
            value = getattr(obj, name)
            if value is None:
                continue
            here = _join(path, name)
            if kinds is not None:
                self._reference(value, kinds, here)
            elif isinstance(value, tuple):
                for i, item in enumerate(value):
                    if hasattr(type(item), "__attrs_attrs__"):
                        self.visit(item, f"{here}[{i}]")
            elif hasattr(type(value), "__attrs_attrs__"):
                self.visit(value, here)

    def _register(self, kind: str, ident: str, path: str) -> None:
        seen = self.ids.setdefault(kind, {})
        first = seen.get(ident)
        if first is None:
            seen[ident] = path
            return
        self.problems.append(
            Problem(
                _join(path, "id"),
                f"{kind} id {ident!r} is used twice (first at {first or 'the root'})",
            )
        )

    def _reference(self, value: str | tuple[str, ...], kinds: tuple[str, ...], path: str) -> None:
        if isinstance(value, str):
            self.refs.append((path, kinds, value))
        else:
            self.refs.extend((f"{path}[{i}]", kinds, item) for i, item in enumerate(value))

    def resolve(self, outside: frozenset[str]) -> list[Problem]:
        for path, kinds, value in self.refs:
            if outside.intersection(kinds):
                continue
            if not any(value in self.ids.get(k, ()) for k in kinds):
                wanted = " or ".join(kinds)
                self.problems.append(
                    Problem(path, f"{value!r} does not name a {wanted} in this document")
                )
        return self.problems


def check_references(root: object, outside: frozenset[str] = frozenset()) -> list[Problem]:
    """Every duplicate id and dangling reference below `root`, with paths relative to it.

    References to the kinds in `outside` are not checked: they point at entities that live
    beyond `root` (a governance body's terms of reference is a record in the plan's stage
    sections, checked when the plan is built).
    """
    walk = _Walk()
    walk.visit(root, "")
    return walk.resolve(outside)
