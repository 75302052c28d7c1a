"""Reference integrity: every id is unique within its kind and every reference resolves.

Model classes declare what they are and what they point at:

- an entity class sets the class variable `_entity_kind` (e.g. `"person"`), and its `id`
  field is registered under that kind;
- a field that holds an id (or a tuple of ids) of another object carries
  `metadata=ref("person")` (or several kinds, e.g. `ref("person", "body", "partner")`).

`check_references` walks an object graph once and returns every problem with its path.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
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

_Entry = tuple[str, int, tuple[str, ...] | None, type | None]
"""A field's name, how the walk treats it, the kinds it refers to and the class it holds."""
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


def _mode(hint: object) -> tuple[int | None, type | None]:
    """How the walker treats a field of type `hint`, and the attrs class it descends into.

    It descends once, per item, or skips the field.
    """
    origin = get_origin(hint)
    if origin in (Union, UnionType):
        args = [a for a in get_args(hint) if a is not type(None)]
        if len(args) != 1:
            return _SCAN, None
        hint = args[0]
        origin = get_origin(hint)
    if isinstance(hint, type) and attrs.has(hint):
        return _ONE, hint
    if origin is tuple:
        parameters = get_args(hint)
        element = parameters[0] if parameters else None
        if isinstance(element, type) and attrs.has(element):
            return _MANY, element
        return (None if element in _SCALARS else _SCAN), None
    return (None if hint in _SCALARS or isinstance(hint, type) else _SCAN), None


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
                entries.append((a.name, _REF, kinds, None))
                continue
            mode, held = _mode(hints[a.name]) if a.name in hints else (_SCAN, None)
            if mode is not None:
                entries.append((a.name, mode, None, held))
        plan = (kind, tuple(entries))
        _PLANS[cls] = plan
    return plan


def render_path(node: tuple[Any, object] | None) -> str:
    """`a.b[0].c` from a chain of (parent, segment) pairs; `None` segments are skipped.

    Examples:
        >>> render_path(((((None, "a"), "b"), 0), "c"))
        'a.b[0].c'
    """
    parts: list[object] = []
    while node is not None:
        node, segment = node
        parts.append(segment)
    out = ""
    for segment in reversed(parts):
        if isinstance(segment, int):
            out += f"[{segment}]"
        elif segment is not None:
            out = f"{out}.{segment}" if out else str(segment)
    return out


def _is_attrs(value: object) -> bool:
    return hasattr(type(value), "__attrs_attrs__")


class _Walk:
    __slots__ = ("ids", "problems", "refs", "unsure")

    def __init__(self) -> None:
        self.unsure: set[str] = set()
        self.ids: dict[str, dict[str, _Path]] = {}
        self.refs: list[tuple[_Path, tuple[str, ...], str]] = []
        self.problems: list[Problem] = []

    def visit(self, obj: Any, path: _Path) -> None:
        kind, entries = _plan(type(obj))
        if kind is not None:
            self._register(kind, obj.id, path)
        for name, mode, kinds, _ in entries:
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

    def visit_data(self, cls: type, data: object, path: _Path) -> None:
        """Visit the plain data of a `cls` (a mapping of its fields), wherever it is well formed.

        Ids and references that are not strings are left to the shape checks; where a part is
        not well formed, the kinds of entity it could hold are noted in `unsure`, and
        references to them are not judged.
        """
        if not isinstance(data, Mapping):
            self.unsure.update(_kinds_below(cls))
            return
        kind, entries = _plan(cls)
        ident = data.get("id")
        if kind is not None and isinstance(ident, str):
            self._register(kind, ident, path)
        elif kind is not None:
            self.unsure.add(kind)
        for name, mode, kinds, held in entries:
            value = data.get(name)
            if value is not None:
                self._field_data(mode, kinds, held, value, (path, name))

    def _field_data(
        self,
        mode: int,
        kinds: tuple[str, ...] | None,
        held: type | None,
        value: object,
        here: _Path,
    ) -> None:
        if mode == _REF:
            assert kinds is not None  # noqa: S101 - _REF entries always carry kinds
            self._data_reference(value, kinds, here)
        elif held is None:
            return
        elif mode == _ONE:
            self.visit_data(held, value, here)
        elif isinstance(value, list):
            for i, item in enumerate(value):
                self.visit_data(held, item, (here, i))
        else:
            self.unsure.update(_kinds_below(held))

    def _data_reference(self, value: object, kinds: tuple[str, ...], path: _Path) -> None:
        if isinstance(value, str):
            self.refs.append((path, kinds, value))
        elif isinstance(value, list):
            self.refs.extend(
                ((path, i), kinds, item) for i, item in enumerate(value) if isinstance(item, str)
            )

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
        first = render_path(seen[ident]) or "the root"
        self.problems.append(
            Problem(
                render_path((path, "id")), f"{kind} id {ident!r} is used twice (first at {first})"
            )
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
                Problem(render_path(path), f"{value!r} does not name a {wanted} in this document")
            )
        return self.problems


def check_references(root: object, outside: frozenset[str] = frozenset()) -> list[Problem]:
    """Every duplicate id and dangling reference below `root`, with paths relative to it.

    References to the kinds in `outside` are not checked: they point at entities that live
    beyond `root` (a governance body's terms of reference is a record in the plan's stage
    sections, checked when the plan is built).
    """
    if _all_resolve(root, outside):
        return []
    walk = _Walk()
    walk.visit(root, None)
    return walk.resolve(outside)


class _Collectors(dict[type, Any]):
    """For each class, a generated function collecting its ids and references, without paths.

    It visits what `_Walk.visit` visits, in the same way (the class's `_plan`), but only
    appends each id to `ids[kind]` and each id a reference names to `refs[kinds]` (a field
    naming several adds each).
    """

    def __missing__(self, cls: type) -> Any:
        kind, entries = _plan(cls)
        namespace: dict[str, Any] = {"_walkers": self, "_type": type, "_scan": _collect_scan}
        lines = ["def collect(obj, ids, refs):"]
        if kind is not None:
            namespace["_kind"] = kind
            lines.append("    ids[_kind].append(obj.id)")
        for index, (name, mode, kinds, _) in enumerate(entries):
            lines.append(f"    v = obj.{name}")
            if mode == _REF:
                namespace[f"_k{index}"] = kinds
                namespace["_str"] = str
                lines.append(
                    f"    if v is not None:\n        if _type(v) is _str:\n"
                    f"            refs[_k{index}].append(v)\n"
                    f"        else:\n            refs[_k{index}].extend(v)"
                )
            elif mode == _ONE:
                lines.append("    if v is not None:\n        _walkers[_type(v)](v, ids, refs)")
            elif mode == _MANY:
                lines.append(
                    "    if v:\n        for x in v:\n            _walkers[_type(x)](x, ids, refs)"
                )
            else:
                lines.append("    if v is not None:\n        _scan(v, ids, refs)")
        if len(lines) == 1:
            lines.append("    pass")
        source = "\n".join(lines) + "\n"
        exec(compile(source, f"<collabrel references {cls.__qualname__}>", "exec"), namespace)  # noqa: S102 - our own generated code
        found = self[cls] = namespace["collect"]
        return found


_COLLECTORS: Final = _Collectors()


def _collect_scan(value: object, ids: Any, refs: Any) -> None:
    """`_Walk._scan` without paths."""
    if isinstance(value, tuple):
        for item in value:
            if _is_attrs(item):
                _COLLECTORS[type(item)](item, ids, refs)
    elif _is_attrs(value):
        _COLLECTORS[type(value)](value, ids, refs)


def _all_resolve(root: object, outside: frozenset[str]) -> bool:
    """Whether below `root` no id repeats within its kind and every reference resolves.

    The same judgement as `_Walk`, made without paths; `False` means only that the walk
    with paths must say what is wrong (or whether anything is).
    """
    ids: defaultdict[str, list[str]] = defaultdict(list)
    refs: defaultdict[tuple[str, ...], list[Any]] = defaultdict(list)
    try:
        _COLLECTORS[type(root)](root, ids, refs)
        by_kind: dict[str, set[str]] = {}
        for kind, found in ids.items():
            unique = by_kind[kind] = set(found)
            if len(unique) < len(found):  # an id repeats within its kind
                return False
        for kinds, named in refs.items():
            if outside.intersection(kinds):  # refers outside `root`: not checked here
                continue
            if len(kinds) == 1:
                known = by_kind.get(kinds[0], set())
            else:
                known = set().union(*(by_kind.get(k, ()) for k in kinds))
            if not known.issuperset(named):
                return False
    except Exception:  # noqa: BLE001 - the walk with paths meets it again and says what it is
        return False
    return True


def check_data_references(cls: type, data: object) -> list[Problem]:
    """Every duplicate id and dangling reference in the plain data of a `cls`.

    The same checks as `check_references`, made on plain data (mappings and lists, as a
    document is parsed) rather than on built objects, so they can be reported together with
    the problems that keep the objects from being built. Parts that are not well formed are
    skipped; their problems are the shape checks' to report.
    """
    walk = _Walk()
    walk.visit_data(cls, data, None)
    return walk.resolve(frozenset(walk.unsure))


_KINDS_BELOW: dict[type, frozenset[str]] = {}


def _kinds_below(cls: type) -> frozenset[str]:
    """The kinds of entity a `cls` is or holds, at any depth."""
    found = _KINDS_BELOW.get(cls)
    if found is None:
        _KINDS_BELOW[cls] = frozenset()  # a class that holds itself adds nothing more
        kind, entries = _plan(cls)
        below = {kind} if kind is not None else set()
        for _, _, _, held in entries:
            if held is not None:
                below.update(_kinds_below(held))
        found = _KINDS_BELOW[cls] = frozenset(below)
    return found
