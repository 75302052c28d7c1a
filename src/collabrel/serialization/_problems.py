"""Turning cattrs' nested validation errors into collabrel `Problem`s with paths."""

from __future__ import annotations

from typing import Final

import attrs
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
)

from collabrel.errors import DocumentError, InvalidFieldError, Problem, _bounded_repr
from collabrel.serialization._converter import InvalidValue
from collabrel.serialization._limits import bounded_text

_MAX_TEXT: Final = 200
"""How much of a value or an error's text a problem quotes."""


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def _type_name(t: object) -> str:
    name = getattr(t, "__name__", None)
    return name if isinstance(name, str) else str(t).replace("typing.", "")


def problems_from(exc: BaseException, path: str = "") -> list[Problem]:
    """Every problem inside a (detailed) cattrs structuring error, with its document path."""
    out: list[Problem] = []
    _collect(exc, path, None, out)
    return out


def _collect(exc: BaseException, path: str, expected: object, out: list[Problem]) -> None:
    if isinstance(exc, ClassValidationError):
        cls = exc.cl
        with_notes, without = exc.group_exceptions()
        for sub, note in with_notes:
            _collect(sub, _join(path, note.name), note.type, out)
        for sub in without:
            _collect_plain(sub, path, cls, out)
    elif isinstance(exc, IterableValidationError):
        items, rest = exc.group_exceptions()
        for sub, item in items:
            _collect(sub, f"{path}[{item.index!r}]", item.type, out)
        for sub in rest:
            _collect_plain(sub, path, None, out)
    else:
        _collect_plain(exc, path, expected, out)


def _collect_plain(  # noqa: C901 - one branch per kind of error
    exc: BaseException, path: str, context: object, out: list[Problem]
) -> None:
    if isinstance(exc, ForbiddenExtraKeysError):
        import difflib  # noqa: PLC0415 - a document with an unknown field needs it

        known = [a.name for a in attrs.fields(exc.cl)] if attrs.has(exc.cl) else []
        for key in sorted(exc.extra_fields, key=str):
            hint = difflib.get_close_matches(str(key), known, n=1)
            tip = f"; did you mean {hint[0]!r}?" if hint else ""
            out.append(
                Problem(
                    _join(path, str(key)),
                    f"unknown field for {_type_name(exc.cl)}{tip}",
                )
            )
    elif isinstance(exc, DocumentError):
        out.extend(p.under(path) for p in exc.problems)
    elif isinstance(exc, InvalidFieldError):
        out.append(
            Problem(
                _join(path, exc.field),
                f"must be {exc.expectation} (got {_bounded_repr(exc.value, _MAX_TEXT)})",
            )
        )
    elif isinstance(exc, KeyError):
        out.append(Problem(path, "required field is missing"))
    elif isinstance(exc, InvalidValue):
        out.append(Problem(path, str(exc)))
    elif isinstance(exc, (ClassValidationError, IterableValidationError)):
        _collect(exc, path, None, out)
    elif isinstance(exc, AttributeError) and "items" in str(exc):
        out.append(Problem(path, "expected a mapping of fields"))
    elif isinstance(exc, TypeError) and "iterable" in str(exc):
        out.append(Problem(path, "expected a list"))
    elif isinstance(exc, (TypeError, ValueError, AttributeError)):
        wanted = f" for {_type_name(context)}" if context is not None else ""
        out.append(Problem(path, f"invalid value{wanted} ({bounded_text(exc)})"))
    else:
        out.append(Problem(path, f"{type(exc).__name__}: {bounded_text(exc)}"))
