"""dump / dumps / to_data: documents out, atomically (reading them is `_reading`'s)."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any, Final

from collabrel.errors import ArgumentError, CollabrelError, FormatError
from collabrel.serialization._converter import fast_converter, is_attrs_class
from collabrel.serialization._formats import Format, format_of, normalise_format, render
from collabrel.serialization._save import write_atomically


def to_data(obj: object) -> Any:
    """Turn a collabrel object into plain data (dicts, lists, strings, numbers, booleans).

    This is the one way to plain data, for documents and for results alike: plans and their
    parts, lifecycle states and summaries, metrics results, governance findings and reports,
    conformance reports. It is what `dumps` writes and what
    `from_data` reads back. The rules are the
    converter's (see `make_converter`): enums by
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


SCHEMA_COMMENT: Final = "# yaml-language-server: $schema="
"""The start of the first line that tells an editor (yaml-language-server) a YAML file's schema."""

_KEPT: Final = re.compile(r"#\s*yaml-language-server:\s*\$schema=\S[^\r\n]*")
_FIRST_LINE_MAX: Final = 4096


def _schema_line(location: object) -> str:
    """The comment line naming the schema at `location`, checked to be one line."""
    if not isinstance(location, str) or not location.strip() or location.splitlines() != [location]:
        raise ArgumentError(
            "schema_comment", location, "a schema location on one line, such as './rmp.schema.json'"
        )
    return SCHEMA_COMMENT + location.strip()


def _with_comment(text: str, fmt: Format, line: str | None) -> str:
    if line is None:
        return text
    if fmt != "yaml":
        raise FormatError(fmt, f"a schema comment is written in YAML only; {fmt} has no such line")
    return f"{line}\n{text}"


def _kept_line(path: Path) -> str | None:
    """The schema comment on the first line of the file at `path`, if it has one."""
    try:
        with path.open("rb") as existing:
            head = existing.readline(_FIRST_LINE_MAX)
    except OSError:  # no file yet, or none to read: nothing to keep
        return None
    try:
        line = head.decode("utf-8").removeprefix("\ufeff").rstrip("\r\n")
    except UnicodeDecodeError:
        return None
    return line if _KEPT.fullmatch(line) else None


def dumps(obj: object, format: str = "json", *, schema_comment: str | None = None) -> str:
    """Write a domain object as text.

    Fields equal to their defaults are left out, so documents stay short; reading them back
    gives an equal object.

    Args:
        obj: The object to write.
        format: `"json"`, `"yaml"` or `"toml"`.
        schema_comment: Where an editor finds the JSON Schema (see
            `json_schema`), e.g.
            `"./rmp.schema.json"`: YAML then starts with
            `# yaml-language-server: $schema=./rmp.schema.json`, which collabrel ignores on
            reading.

    Raises:
        FormatError: If `format` is unknown or cannot hold the object (TOML needs a mapping
            at the top), or a `schema_comment` is asked of a format other than YAML.
        ArgumentError: If `schema_comment` is not a location on one line.

    Examples:
        >>> from collabrel.model import Partner, PartnerRole
        >>> print(dumps(Partner(id="acme", name="Acme", role=PartnerRole.CLIENT), "yaml"))
        id: acme
        name: Acme
        role: client
        <BLANKLINE>
        >>> print(dumps(Partner(id="acme", name="Acme", role=PartnerRole.CLIENT), "yaml",
        ...             schema_comment="./partner.schema.json"))
        # yaml-language-server: $schema=./partner.schema.json
        id: acme
        name: Acme
        role: client
        <BLANKLINE>
    """
    fmt = normalise_format(format)
    line = None if schema_comment is None else _schema_line(schema_comment)
    return _with_comment(render(to_data(obj), fmt), fmt, line)


def dump(
    obj: object,
    path: str | os.PathLike[str],
    *,
    format: str | None = None,
    schema_comment: str | None = None,
) -> None:
    """Write a domain object to a file, atomically; the format comes from the suffix unless given.

    A YAML file whose first line tells the editor its schema
    (`# yaml-language-server: $schema=...`) keeps that line when it is saved over;
    `schema_comment` writes the line on request, naming where the editor finds the schema
    (as for `dumps`).

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
            the object, or a `schema_comment` is asked of a format other than YAML.
        ArgumentError: If `schema_comment` is not a location on one line.
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
        >>> dump(partner, folder / "p.yaml", schema_comment="./partner.schema.json")
        >>> dump(partner, folder / "p.yaml")  # saved over: the line stays
        >>> (folder / "p.yaml").read_text().splitlines()[0]
        '# yaml-language-server: $schema=./partner.schema.json'
    """
    p = Path(path)
    fmt: Format = normalise_format(format) if format is not None else format_of(p)
    if not is_attrs_class(type(obj)):
        raise CollabrelError(f"dump() writes collabrel objects, not {type(obj).__name__}")
    line = None if schema_comment is None else _schema_line(schema_comment)
    text = render(to_data(obj), fmt)
    if line is None and fmt == "yaml":
        line = _kept_line(p)
    write_atomically(p, _with_comment(text, fmt, line).encode("utf-8"))


__all__ = ["dump", "dumps", "to_data"]
