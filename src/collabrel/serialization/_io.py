"""load / loads / dump / dumps: documents in and out, atomically and with every problem."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Any, TypeVar, overload

from collabrel.errors import CollabrelError, DocumentError, Problem
from collabrel.model import RelationshipManagementPlan, deferred_reference_checks
from collabrel.serialization._converter import detailed_converter, fast_converter, is_attrs_class
from collabrel.serialization._formats import Format, format_of, normalise_format, parse, render
from collabrel.serialization._migrations import migrate
from collabrel.serialization._problems import problems_from
from collabrel.serialization._save import write_atomically

T = TypeVar("T")

_STRING_SOURCE = "<string>"


def to_data(obj: object) -> Any:
    """Turn a collabrel object into plain data (dicts, lists, strings, numbers, booleans).

    This is the one way to plain data, for documents and for results alike: plans and their
    parts, lifecycle states and summaries, metrics results, governance findings and reports,
    conformance reports. It is what [`dumps`][collabrel.serialization.dumps] writes and what
    [`from_data`][collabrel.serialization.from_data] reads back. The rules are the
    converter's (see [`make_converter`][collabrel.serialization.make_converter]): enums by
    value, dates and instants in ISO 8601, tuples as lists, and fields equal to their default
    left out. For a flat table use a result's `to_records()` instead.

    Examples:
        >>> from collabrel.model import Partner, PartnerRole, Result
        >>> to_data(Partner(id="acme", name="Acme", role=PartnerRole.SUPPLIER))
        {'id': 'acme', 'name': 'Acme', 'role': 'supplier'}
        >>> from collabrel.governance import GovernanceFinding
        >>> to_data(GovernanceFinding(requirement="GOV.ESCALATION.CYCLE", result=Result.MAJOR,
        ...     message="Escalation loops: jmt -> board -> jmt",
        ...     edges=[("body:jmt", "body:board", "escalates_to")]))
        {'requirement': 'GOV.ESCALATION.CYCLE', 'result': 'major', \
'message': 'Escalation loops: jmt -> board -> jmt', \
'edges': [['body:jmt', 'body:board', 'escalates_to']]}
        >>> from collabrel.lifecycle import LifecycleState
        >>> to_data(LifecycleState.initial())["statuses"]["awareness"]
        'not_started'
    """
    return fast_converter().unstructure(obj)


@overload
def from_data(data: object, cls: type[T], *, source: str | None = ...) -> T: ...


@overload
def from_data(data: object, cls: Any, *, source: str | None = ...) -> Any: ...


def from_data(data: object, cls: Any, *, source: str | None = None) -> Any:
    """Build a `cls` from plain data, reporting every problem with its path.

    Structuring runs a fast path first; only when it fails does collabrel structure again with
    detailed validation to collect every problem.

    Raises:
        DocumentError: If the data does not describe a valid `cls`; lists every problem.

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
    with contextlib.suppress(Exception):  # any failure is re-run below to explain it
        return fast_converter().structure(data, cls)
    try:
        obj = detailed_converter().structure(data, cls)
    except Exception as exc:
        problems = problems_from(exc)
        raise DocumentError(
            problems or [Problem("", f"invalid {getattr(cls, '__name__', cls)}: {exc}")],
            source=source,
        ) from exc
    return obj  # pragma: no cover - the fast path failed but the detailed one did not


def _read_document(data: Any, cls: Any, source: str) -> Any:
    if cls is not RelationshipManagementPlan:
        return from_data(data, cls, source=source)
    data = migrate(data, source)
    # The plan checks every reference in the document once, after its shape is right.
    with deferred_reference_checks():
        return from_data(data, cls, source=source)


@overload
def loads(
    text: str | bytes, format: str = ..., *, source: str | None = ...
) -> RelationshipManagementPlan: ...


@overload
def loads(text: str | bytes, format: str = ..., *, cls: type[T], source: str | None = ...) -> T: ...


def loads(
    text: str | bytes,
    format: str = "json",
    *,
    cls: type[Any] = RelationshipManagementPlan,
    source: str | None = None,
) -> Any:
    """Read a document from text.

    Args:
        text: The document, as text or UTF-8 bytes.
        format: `"json"`, `"yaml"` (or `"yml"`) or `"toml"`.
        cls: What the document describes; a Relationship Management Plan by default. Plans
            pass through the schema-version migrations first.
        source: A name for the document used in error messages.

    Returns:
        The object the document describes.

    Raises:
        FormatError: If `format` is unknown.
        DocumentError: If the text does not parse or does not describe a valid `cls`; lists
            every problem with its path.

    Examples:
        >>> from collabrel.model import Partner
        >>> loads('{"id": "acme", "name": "Acme", "role": "client"}', cls=Partner).name
        'Acme'
    """
    fmt = normalise_format(format)
    where = source or _STRING_SOURCE
    return _read_document(parse(text, fmt, where), cls, where)


def dumps(obj: object, format: str = "json") -> str:
    """Write a domain object as text.

    Fields equal to their defaults are left out, so documents stay short; reading them back
    gives an equal object.

    Raises:
        FormatError: If `format` is unknown or cannot hold the object (TOML needs a mapping
            at the top).

    Examples:
        >>> from collabrel.model import Partner, PartnerRole
        >>> print(dumps(Partner(id="acme", name="Acme", role=PartnerRole.CLIENT), "yaml"))
        id: acme
        name: Acme
        role: client
        <BLANKLINE>
    """
    fmt = normalise_format(format)
    return render(to_data(obj), fmt)


@overload
def load(
    path: str | os.PathLike[str], *, format: str | None = ...
) -> RelationshipManagementPlan: ...


@overload
def load(path: str | os.PathLike[str], *, format: str | None = ..., cls: type[T]) -> T: ...


def load(
    path: str | os.PathLike[str],
    *,
    format: str | None = None,
    cls: type[Any] = RelationshipManagementPlan,
) -> Any:
    """Read a document from a file; the format comes from the suffix unless given.

    Raises:
        FormatError: If the format is unknown or cannot be told from the suffix.
        DocumentError: If the file does not describe a valid `cls`; lists every problem.
        OSError: If the file cannot be read.

    Examples:
        >>> import tempfile, pathlib
        >>> from collabrel.model import Partner, PartnerRole
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> dump(Partner(id="acme", name="Acme", role=PartnerRole.CLIENT), folder / "p.toml")
        >>> load(folder / "p.toml", cls=Partner).id
        'acme'
    """
    p = Path(path)
    fmt = normalise_format(format) if format is not None else format_of(p)
    return _read_document(parse(p.read_bytes(), fmt, str(p)), cls, str(p))


def dump(obj: object, path: str | os.PathLike[str], *, format: str | None = None) -> None:
    """Write a domain object to a file, atomically; the format comes from the suffix unless given.

    The text is produced first; then it goes to a temporary file beside the target, which is
    synced to disk and renamed over the target in one step. So the file at `path` is either
    the previous one or the new one, never a mix: a failed or interrupted save (a full disk, a
    read-only folder, a killed process) leaves the previous file exactly as it was.

    - An existing file keeps its permission bits; a new one follows the umask.
    - A symbolic link is written through, as editors do: its target gets the new contents and
      the link stays a link.
    - Nothing is left behind: a failed save removes its temporary file, and each save removes
      the ones that earlier saves of the same file left when their process was killed
      (`.{name}.collabrel-{pid}-{random}.tmp`, once that process is gone or the file is an
      hour old).
    - Any name the file system allows for the target works: the temporary name is shortened
      to fit.

    Raises:
        FormatError: If the format is unknown, cannot be told from the suffix, or cannot hold
            the object.
        CollabrelError: If `obj` is not a collabrel object.
        SaveError: If the file cannot be written (also an `OSError`, with its `errno`); it
            names `path` and the step that failed.

    Examples:
        >>> import tempfile, pathlib
        >>> from collabrel.model import Partner, PartnerRole
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> partner = Partner(id="acme", name="Acme", role=PartnerRole.CLIENT)
        >>> dump(partner, folder / "p.yaml")
        >>> sorted(p.name for p in folder.iterdir())
        ['p.yaml']
        >>> from collabrel.errors import SaveError
        >>> try:
        ...     dump(partner, folder / "no-such-folder" / "p.yaml")
        ... except SaveError as err:
        ...     print(err.filename == str(folder / "no-such-folder" / "p.yaml"), err.strerror)
        True No such file or directory
    """
    p = Path(path)
    fmt: Format = normalise_format(format) if format is not None else format_of(p)
    if not is_attrs_class(type(obj)):
        raise CollabrelError(f"dump() writes collabrel objects, not {type(obj).__name__}")
    text = render(to_data(obj), fmt)
    write_atomically(p, text.encode("utf-8"))


__all__ = ["dump", "dumps", "from_data", "load", "loads", "to_data"]
