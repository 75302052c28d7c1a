# ruff: noqa: INP001 - a griffe extension loaded by path from mkdocs.yml, not a package
"""A griffe extension that links the names docstrings write in backticks.

Docstrings name other objects plainly, `` `ConformanceReport` `` or `` `lifecycle.step` ``, so
that `help()` and editors show readable text. At docs build this extension turns each such name
into a cross-reference when it resolves, from the docstring's own module (and class), to a
public object the reference documents; anything else (`rmp.relationship`, `None`, a parameter)
stays inline code. The public objects are those in the `__all__` of the modules the reference
pages render (`::: collabrel.x` in `docs/reference/*.md`), so the pages are the one list of what
is documented.
"""

from __future__ import annotations

import importlib
import re
from pathlib import Path
from types import ModuleType
from typing import Any

import griffe

_REFERENCE = Path(__file__).resolve().parent.parent / "reference"
_DIRECTIVE = re.compile(r"^::: (\S+)", re.MULTILINE)
# `name`, `a.b.c` or `name()`, not already the text of a link (`[`...`][...]`).
_CODE = re.compile(r"(?<![\[`])`(?P<name>[A-Za-z_][\w.]*)(?P<call>\(\))?`(?![`\]])")
_FENCE = re.compile(r"^\s*```")
_SCALARS = (int, float, str, bytes, bool, type(None))


def _key(obj: object) -> tuple[str, str] | None:
    """What identifies a documented object however it was imported."""
    module = getattr(obj, "__module__", None)
    qualname = getattr(obj, "__qualname__", None)
    if isinstance(module, str) and isinstance(qualname, str):
        return module, qualname
    if isinstance(obj, ModuleType):
        return obj.__name__, ""
    if isinstance(obj, _SCALARS):
        return None  # equal constants are not the same fact
    return "id", str(id(obj))


def _public_index() -> dict[tuple[str, str], str]:
    """Each public object's key mapped to the path it is documented under.

    A module's own page is preferred to the package root that re-exports it (the deeper
    path wins); `resolve_closest` in mkdocs.yml then picks the nearest page for the reader.
    """
    targets = sorted(
        {m for page in _REFERENCE.glob("*.md") for m in _DIRECTIVE.findall(page.read_text())},
        key=lambda path: -path.count("."),
    )
    index: dict[tuple[str, str], str] = {}
    for target in targets:
        try:
            module = importlib.import_module(target)
        except ImportError:
            module_name, _, name = target.rpartition(".")
            obj = getattr(importlib.import_module(module_name), name)
            if (key := _key(obj)) is not None:
                index.setdefault(key, target)
            continue
        index.setdefault((module.__name__, ""), target)
        for name in getattr(module, "__all__", ()):
            obj = getattr(module, name, None)
            key = _key(obj) or ("constant", name)  # a constant is known by its name alone
            index.setdefault(key, f"{target}.{name}")
    return index


class _Resolver:
    def __init__(self, pkg: griffe.Module) -> None:
        self.pkg = pkg
        self.index = _public_index()
        # A name used once among the public objects is found from anywhere, unless it is also
        # a parameter's name (`path`, `text`, `catalogue`) or a module's (`report`): such names
        # are as often the variable as the object, and are linked only from their own scope.
        parameters = {
            p.name
            for obj in _objects(pkg, set())
            if isinstance(obj, griffe.Function)
            for p in obj.parameters
        }
        by_name: dict[str, set[str]] = {}
        for key, path in self.index.items():
            name = path.rpartition(".")[2]
            if key[1] and name not in parameters:
                by_name.setdefault(name, set()).add(path)
        self.unique = {name: next(iter(p)) for name, p in by_name.items() if len(p) == 1}

    def _documented(self, path: str) -> bool:
        owner_path, _, name = path.removeprefix(f"{self.pkg.name}.").rpartition(".")
        try:
            owner = _target(self.pkg[owner_path]) if owner_path else self.pkg
            if owner.is_class and name not in owner.members:
                return False  # inherited: the reference renders a class's own members only
            obj = _target(owner[name])
        except (KeyError, griffe.AliasResolutionError, griffe.CyclicAliasError):
            return False
        return obj.is_module or obj.is_class or obj.docstring is not None

    def _public(self, runtime: object, owner: object | None, attr: str | None) -> str | None:
        key = _key(runtime)
        if key is not None and key in self.index:
            return self.index[key]
        if isinstance(owner, type) and attr is not None:  # a method, property or field
            owner_key = _key(owner)
            if owner_key is not None and owner_key in self.index:
                return f"{self.index[owner_key]}.{attr}"
        return None

    def _walk(self, start: object, parts: list[str]) -> str | None:
        owner: object | None = None
        current = start
        for part in parts:
            owner, current = current, getattr(current, part, _MISSING)
            if current is _MISSING:
                return None
        return self._public(current, owner, parts[-1] if parts else None)

    def resolve(self, name: str, scope: griffe.Object) -> str | None:
        parts = name.split(".")
        try:
            module = importlib.import_module(scope.module.path)
        except ImportError:
            return None
        starts: list[object] = []
        if scope.is_class:
            starts.append(getattr(module, scope.name, _MISSING))
        elif scope.parent is not None and scope.parent.is_class:
            starts.append(getattr(module, scope.parent.name, _MISSING))
        starts.append(module)
        for start in starts:
            if start is _MISSING:
                continue
            found = self._walk(start, parts)
            if found is not None and self._documented(found):
                return found
        root = importlib.import_module(self.pkg.name)
        found = self._walk(root, parts[1:] if parts[0] == self.pkg.name else parts)
        if found is not None and self._documented(found):
            return found
        if len(parts) == 1 and name in self.unique:
            return self.unique[name] if self._documented(self.unique[name]) else None
        return None


_MISSING = object()


def _target(obj: griffe.Object | griffe.Alias) -> griffe.Object:
    """What `obj` stands for, through any chain of imports."""
    return obj.final_target if obj.is_alias else obj  # type: ignore[union-attr,return-value]


def _linked(text: str, scope: griffe.Object, resolver: _Resolver) -> str:
    """`text` with resolvable inline names turned into cross-references (fences untouched)."""
    out: list[str] = []
    fenced = False
    for line in text.splitlines(keepends=True):
        if _FENCE.match(line):
            fenced = not fenced
        if fenced or line.lstrip().startswith((">>>", "...")):
            out.append(line)
            continue

        def link(match: re.Match[str]) -> str:
            target = resolver.resolve(match["name"], scope)
            return f"[{match[0]}][{target}]" if target else match[0]

        out.append(_CODE.sub(link, line))
    return "".join(out)


def _objects(obj: griffe.Object, seen: set[str]) -> list[griffe.Object]:
    if obj.path in seen:
        return []
    seen.add(obj.path)
    found = [obj]
    for member in obj.members.values():
        if not member.is_alias:
            found.extend(_objects(member, seen))  # type: ignore[arg-type]
    return found


class PlainCrossrefs(griffe.Extension):
    """Link backticked names in every docstring of a loaded package."""

    def on_package(self, *, pkg: griffe.Module, **kwargs: Any) -> None:  # noqa: ARG002
        """Walk the package once it is fully loaded."""
        resolver = _Resolver(pkg)
        for obj in _objects(pkg, set()):
            if obj.docstring is not None:
                obj.docstring.value = _linked(obj.docstring.value, obj, resolver)
