# ruff: noqa: INP001 - a griffe extension loaded by path from mkdocs.yml, not a package
"""A griffe extension giving attrs classes the `__init__` signature attrs generates.

attrs writes `__init__` at import time, so static analysis sees none and the reference would
show `Partner()` with no parameters. This extension imports each attrs class, reads
`attrs.fields()` (which includes inherited fields, aliases, defaults and `kw_only`) and adds an
`__init__` to griffe's view of the class, keeping the static annotations so that
`signature_crossrefs` can link them. It is used by the docs build only (see `mkdocs.yml`).
"""

from __future__ import annotations

import importlib
from enum import Enum
from typing import Any

import attrs
import griffe


def _default(a: attrs.Attribute[Any]) -> str | None:
    """The default as the reference shows it, or `None` when the parameter is required."""
    default = a.default
    if default is attrs.NOTHING:
        return None
    if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
        factory = default.factory
        return f"{getattr(factory, '__name__', 'factory')}()"
    if isinstance(default, Enum):
        return f"{type(default).__name__}.{default.name}"
    return repr(default)


def _runtime_class(cls: griffe.Class) -> type | None:
    try:
        module = importlib.import_module(cls.module.path)
    except ImportError:
        return None
    found = getattr(module, cls.name, None)
    return found if isinstance(found, type) and attrs.has(found) else None


def _add_init(cls: griffe.Class) -> None:
    runtime = _runtime_class(cls)
    if runtime is None or "__init__" in cls.members:
        return
    members = cls.all_members
    parameters = [griffe.Parameter("self", kind=griffe.ParameterKind.positional_or_keyword)]
    for a in attrs.fields(runtime):
        if not a.init:
            continue
        static = members.get(a.name)
        annotation = getattr(static, "annotation", None) if static is not None else None
        parameters.append(
            griffe.Parameter(
                a.alias or a.name,
                annotation=annotation,
                kind=(
                    griffe.ParameterKind.keyword_only
                    if a.kw_only
                    else griffe.ParameterKind.positional_or_keyword
                ),
                default=_default(a),
            )
        )
    init = griffe.Function(
        "__init__",
        lineno=0,
        endlineno=0,
        parent=cls,
        parameters=griffe.Parameters(*parameters),
        returns="None",
    )
    cls.set_member("__init__", init)


def _walk(obj: griffe.Module | griffe.Class, seen: set[str]) -> None:
    if obj.path in seen:
        return
    seen.add(obj.path)
    if isinstance(obj, griffe.Class):
        _add_init(obj)
    for member in obj.members.values():
        if not member.is_alias and (member.is_module or member.is_class):
            _walk(member, seen)  # type: ignore[arg-type]


class AttrsInit(griffe.Extension):
    """Add the generated `__init__` to every attrs class of a loaded package."""

    def on_package(self, *, pkg: griffe.Module, **kwargs: Any) -> None:  # noqa: ARG002
        """Walk the package once it is fully loaded."""
        _walk(pkg, set())
