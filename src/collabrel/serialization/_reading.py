"""load / loads / from_data: documents in, within limits and with every problem at once."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Any, Final, TypeVar, get_origin, overload

from collabrel._collector import paused as collector_paused
from collabrel.errors import ArgumentError, DocumentError, Problem
from collabrel.model import RelationshipManagementPlan, deferred_reference_checks
from collabrel.model._rmp import plan_data_problems
from collabrel.serialization._converter import detailed_converter, fast_converter
from collabrel.serialization._formats import Format, format_of, normalise_format, read
from collabrel.serialization._limits import (
    CURRENT_LIMITS,
    LoadLimits,
    PlainCheck,
    bounded_text,
    checked_limits,
    size_problem,
)
from collabrel.serialization._migrations import migrate
from collabrel.serialization._problems import problems_from

T = TypeVar("T")

_STRING_SOURCE: Final = "<string>"
_TEXT: Final = "a str, bytes or other bytes-like object"


def _checked_cls(cls: object) -> None:
    if not isinstance(cls, type) and get_origin(cls) is None:
        raise ArgumentError("cls", cls, "a class, such as collabrel.Partner")


def _checked_source(source: object) -> None:
    if source is not None and not isinstance(source, str):
        raise ArgumentError("source", source, "a str or None")


def _checked_text(text: object) -> str | bytes:
    if isinstance(text, (str, bytes)):
        return text
    if isinstance(text, (bytearray, memoryview)):
        return bytes(text)
    raise ArgumentError("text", text, _TEXT)


def _checked_format(format: object) -> Format:
    if not isinstance(format, str):
        raise ArgumentError("format", format, "a str such as 'yaml'")
    return normalise_format(format)


def _structure(
    data: object, cls: Any, source: str | None, limits: LoadLimits, found: list[Problem]
) -> Any:
    """Build a `cls` from `data`; `found` are problems already known (duplicate keys)."""
    token = CURRENT_LIMITS.set(limits)
    try:
        if not found:
            with contextlib.suppress(Exception):  # any failure is re-run below to explain it
                return fast_converter().structure(data, cls)
        try:
            obj = detailed_converter().structure(data, cls)
        except DocumentError as exc:  # the shape is right: the object's own checks failed
            raise DocumentError([*found, *exc.problems], source=source) from exc
        except Exception as exc:
            problems = problems_from(exc) or [
                Problem("", f"invalid {getattr(cls, '__name__', cls)}: {bounded_text(exc)}")
            ]
            raise DocumentError(
                [*found, *problems, *_beyond_shape(data, cls, problems)], source=source
            ) from exc
    finally:
        CURRENT_LIMITS.reset(token)
    if found:
        raise DocumentError(found, source=source)
    return obj  # pragma: no cover - the fast path failed but the detailed one did not


def _beyond_shape(data: object, cls: Any, problems: list[Problem]) -> list[Problem]:
    """The plan's own checks (references, a missing relationship), made on the plain data.

    They run because some of the plan's parts did not build; none is reported where a shape
    problem is already.
    """
    if cls is not RelationshipManagementPlan or not isinstance(data, dict):
        return []
    taken = {p.path for p in problems}
    return [p for p in plan_data_problems(data) if p.path not in taken]


@overload
def from_data(
    data: object, cls: type[T], *, source: str | None = ..., limits: LoadLimits | None = ...
) -> T: ...


@overload
def from_data(
    data: object, cls: Any, *, source: str | None = ..., limits: LoadLimits | None = ...
) -> Any: ...


def from_data(
    data: object, cls: Any, *, source: str | None = None, limits: LoadLimits | None = None
) -> Any:
    """Build a `cls` from plain data, reporting every problem with its path.

    Plain data is read as `loads` reads a parsed document: a plan (the default of `loads`)
    passes through the schema-version migrations first, so a version 1 plan from a database
    is read as one from a file, and its references are checked once, in the whole plan.
    Structuring runs a fast path first; only when it fails does collabrel structure again with
    detailed validation to collect every problem. The cyclic garbage collector is paused while
    the objects are built (everything built stays alive until the call returns).

    Args:
        data: Plain data: dicts, lists, strings, numbers, booleans and `None`.
        cls: What the data describes.
        source: A name for the data used in error messages.
        limits: The bounds on the data (nesting, list items, string lengths); the defaults
            of `LoadLimits` when not given.

    Raises:
        DocumentError: If the data does not describe a valid `cls` or goes over a limit;
            lists every problem.
        ArgumentError: If `cls`, `source` or `limits` is not of the right type (also a
            `TypeError`).

    Examples:
        >>> from collabrel.model import Partner
        >>> from_data({"id": "acme", "name": "Acme", "role": "supplier"}, Partner).role
        <PartnerRole.SUPPLIER: 'supplier'>
        >>> from_data({"id": "acme", "name": "Acme", "role": "boss"}, Partner)
        Traceback (most recent call last):
        ...
        collabrel.errors.DocumentError: 1 problem in the document:
          role: 'boss' is not one of client, supplier, lead_partner, partner
    """
    checked = checked_limits(limits)
    _checked_cls(cls)
    _checked_source(source)
    with collector_paused():
        over = PlainCheck(data, checked).problems
        if over:
            raise DocumentError(over, source=source)
        return _build(data, cls, source, checked, [])


def _read_document(
    text: str | bytes, fmt: Format, cls: Any, source: str, limits: LoadLimits
) -> Any:
    with collector_paused():
        return _read_paused(text, fmt, cls, source, limits)


def _read_paused(text: str | bytes, fmt: Format, cls: Any, source: str, limits: LoadLimits) -> Any:
    data, found = read(text, fmt, source, limits)
    return _build(data, cls, source, limits, found)


def _build(
    data: Any, cls: Any, source: str | None, limits: LoadLimits, found: list[Problem]
) -> Any:
    """Build a `cls` from plain data within `limits`, as `loads` and `from_data` both do.

    A plan passes through the schema migrations first and checks every reference in the
    document once, after its shape is right. `found` are problems already known (duplicate
    keys), reported with any others.
    """
    if cls is not RelationshipManagementPlan:
        return _structure(data, cls, source, limits, found)
    try:
        data = migrate(data, source)
    except DocumentError as exc:
        raise DocumentError([*found, *exc.problems], source=source) from exc
    with deferred_reference_checks():
        return _structure(data, cls, source, limits, found)


@overload
def loads(
    text: str | bytes | bytearray | memoryview,
    format: str = ...,
    *,
    source: str | None = ...,
    limits: LoadLimits | None = ...,
) -> RelationshipManagementPlan: ...


@overload
def loads(
    text: str | bytes | bytearray | memoryview,
    format: str = ...,
    *,
    cls: type[T],
    source: str | None = ...,
    limits: LoadLimits | None = ...,
) -> T: ...


def loads(
    text: str | bytes | bytearray | memoryview,
    format: str = "json",
    *,
    cls: type[Any] = RelationshipManagementPlan,
    source: str | None = None,
    limits: LoadLimits | None = None,
) -> Any:
    """Read a document from text.

    The document may come from anyone: it is read within `limits`, no YAML tag constructs
    an object, and whatever is wrong with it (its syntax, a key written twice, a limit, its
    shape, its references) is one `DocumentError` listing every problem that can be found.

    Args:
        text: The document, as text or UTF-8 bytes (`bytes`, `bytearray`, `memoryview`); a
            leading byte order mark is ignored.
        format: `"json"`, `"yaml"` (or `"yml"`) or `"toml"`.
        cls: What the document describes; a Relationship Management Plan by default. Plans
            pass through the schema-version migrations first.
        source: A name for the document used in error messages.
        limits: The bounds on the document; the defaults of
            `LoadLimits` when not given.

    Returns:
        The object the document describes.

    Raises:
        FormatError: If `format` is unknown.
        DocumentError: If the text does not parse, goes over a limit or does not describe a
            valid `cls`; lists every problem with its path (or line and column).
        ArgumentError: If an argument is not of the right type, e.g. `text` is `None` (also
            a `TypeError`).

    Examples:
        >>> from collabrel.model import Partner
        >>> loads('{"id": "acme", "name": "Acme", "role": "client"}', cls=Partner).name
        'Acme'
        >>> loads('{"id": "acme", "id": "acme"}', cls=Partner)
        Traceback (most recent call last):
        ...
        collabrel.errors.DocumentError: 3 problems in <string>:
          id: duplicate key
          name: required field is missing
          role: required field is missing
    """
    checked = checked_limits(limits)
    fmt = _checked_format(format)
    _checked_cls(cls)
    _checked_source(source)
    return _read_document(_checked_text(text), fmt, cls, source or _STRING_SOURCE, checked)


@overload
def load(
    path: str | os.PathLike[str], *, format: str | None = ..., limits: LoadLimits | None = ...
) -> RelationshipManagementPlan: ...


@overload
def load(
    path: str | os.PathLike[str],
    *,
    format: str | None = ...,
    cls: type[T],
    limits: LoadLimits | None = ...,
) -> T: ...


def load(
    path: str | os.PathLike[str],
    *,
    format: str | None = None,
    cls: type[Any] = RelationshipManagementPlan,
    limits: LoadLimits | None = None,
) -> Any:
    """Read a document from a file; the format comes from the suffix unless given.

    The file is read as `loads` reads text; a file bigger
    than `limits.max_bytes` is refused before it is read.

    Raises:
        FormatError: If the format is unknown or cannot be told from the suffix.
        DocumentError: If the file does not describe a valid `cls` or goes over a limit;
            lists every problem.
        ArgumentError: If an argument is not of the right type (also a `TypeError`).
        OSError: If the file cannot be read.

    Examples:
        >>> import tempfile, pathlib
        >>> from collabrel.serialization import dump
        >>> from collabrel.model import Partner, PartnerRole
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> dump(Partner(id="acme", name="Acme", role=PartnerRole.CLIENT), folder / "p.toml")
        >>> load(folder / "p.toml", cls=Partner).id
        'acme'
    """
    checked = checked_limits(limits)
    if not isinstance(path, (str, os.PathLike)):
        raise ArgumentError("path", path, "a str or os.PathLike path")
    p = Path(path)
    fmt = _checked_format(format) if format is not None else format_of(p)
    _checked_cls(cls)
    with p.open("rb") as handle:
        too_big = size_problem(os.fstat(handle.fileno()).st_size, checked.max_bytes)
        if too_big is not None:
            raise DocumentError([too_big], source=str(p))
        payload = handle.read()
    return _read_document(payload, fmt, cls, str(p), checked)


__all__ = ["from_data", "load", "loads"]
