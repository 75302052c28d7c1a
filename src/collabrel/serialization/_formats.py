"""Text formats: JSON, YAML and TOML, each parsed and written safely."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any, Final, Literal

import yaml

from collabrel.errors import DocumentError, FormatError, Problem

Format = Literal["json", "yaml", "toml"]
"""The document formats collabrel reads and writes."""

FORMATS: Final[tuple[Format, ...]] = ("json", "yaml", "toml")
"""The formats collabrel reads and writes."""
_ALIASES: Final[dict[str, Format]] = {
    "json": "json",
    "yaml": "yaml",
    "yml": "yaml",
    "toml": "toml",
}

_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _YamlLoader(_BaseLoader):  # type: ignore[misc,valid-type]
    """A safe loader whose booleans are YAML 1.2's: only `true` and `false`.

    YAML 1.1 also reads `on`, `off`, `yes`, `no`, `y` and `n` as booleans, so a field called
    `on` (a measurement's date) or a value `no` would silently become `True` or `False`.
    """


_YamlLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}
_YamlLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool",
    re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"),
)
_YamlDumper: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

_orjson: ModuleType | None
try:  # optional speed-up (the `fast` extra); output is the same as the stdlib's
    import orjson as _orjson
except ImportError:  # pragma: no cover - depends on the environment
    _orjson = None


def normalise_format(format: str) -> Format:
    """The canonical name of `format` (`"yml"` is `"yaml"`).

    Raises:
        FormatError: If collabrel does not know the format.
    """
    found = _ALIASES.get(str(format).lower().lstrip("."))
    if found is None:
        raise FormatError(
            str(format), f"unknown format {format!r}; use one of {', '.join(FORMATS)}"
        )
    return found


def format_of(path: Path) -> Format:
    """The format named by `path`'s suffix.

    Raises:
        FormatError: If the suffix is not .json, .yaml, .yml or .toml.
    """
    suffix = path.suffix.lower()
    found = _ALIASES.get(suffix.lstrip("."))
    if not suffix or found is None:
        raise FormatError(
            suffix,
            f"cannot tell the format of {str(path)!r} from its suffix "
            "(.json, .yaml, .yml or .toml)",
        )
    return found


SyntaxProblem = Callable[[Format, int | None, int | None, str], Problem]
"""Builds the problem for text that does not parse: its format, line and column (when known)
and what is wrong there."""


def syntax_problem(format: Format, line: int | None, column: int | None, detail: str) -> Problem:
    """The problem a document that does not parse reports: `invalid YAML at line 2, column 1: ...`.

    Examples:
        >>> print(syntax_problem("json", 3, 7, "Expecting ','"))
        invalid JSON at line 3, column 7: Expecting ','
    """
    where = f" at line {line}, column {column}" if line is not None else ""
    return Problem("", f"invalid {format.upper()}{where}: {detail}")


def _decode_text(data: str | bytes, source: str, error: type[DocumentError]) -> str:
    if isinstance(data, str):
        return data
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise error(
            [Problem("", f"not UTF-8 text (byte {exc.start} is {data[exc.start]:#04x})")],
            source=source,
        ) from exc


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not allowed in a document")


def _parse_json(text: str) -> Any:
    if _orjson is not None:
        return _orjson.loads(text)
    return json.loads(text, parse_constant=_reject_constant)


def _parse_yaml(text: str) -> Any:
    return yaml.load(text, Loader=_YamlLoader)  # noqa: S506  (a safe loader)


def _parse_toml(text: str) -> Any:
    import tomllib  # noqa: PLC0415 - imported when a TOML document is read

    return tomllib.loads(text)


_PARSERS: Final[dict[Format, Callable[[str], Any]]] = {
    "json": _parse_json,
    "yaml": _parse_yaml,
    "toml": _parse_toml,
}


def parse(
    data: str | bytes,
    format: Format,
    source: str,
    *,
    error: type[DocumentError] = DocumentError,
    problem: SyntaxProblem = syntax_problem,
) -> Any:
    """Parse `data` (text, or UTF-8 bytes) as `format` into plain data, safely.

    YAML is read with a safe loader and YAML 1.2 booleans; JSON refuses `NaN` and `Infinity`.

    Args:
        data: The text.
        format: Its format.
        source: A name for it in error messages.
        error: The error to raise (catalogues raise `CatalogueError`).
        problem: Builds the problem for text that does not parse.

    Raises:
        DocumentError: (or `error`) If the text is not UTF-8 or not valid `format`, with
            the line and column when they are known.
    """
    text = _decode_text(data, source, error)
    try:
        return _PARSERS[format](text)
    except (ValueError, TypeError, RecursionError, yaml.YAMLError) as exc:
        # tomllib's and orjson's errors are ValueErrors; PyYAML raises a few without a mark
        raise error([_syntax(exc, format, problem)], source=source) from exc


def _syntax(exc: Exception, format: Format, problem: SyntaxProblem) -> Problem:
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
        return problem(format, line, column, str(exc.problem or exc))
    if isinstance(exc, json.JSONDecodeError):
        return problem(format, exc.lineno, exc.colno, exc.msg)
    return problem(format, None, None, str(exc))


def _strip_none(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_strip_none(v) for v in value]
    return value


def render(data: Any, format: Format) -> str:
    """Write plain data as `format` text.

    Raises:
        FormatError: If the data cannot be written in that format (e.g. TOML needs a table at
            the top).
    """
    if format == "json":
        if _orjson is not None:
            try:
                out: str = _orjson.dumps(data, option=_orjson.OPT_INDENT_2).decode()
            except TypeError:
                pass  # e.g. an integer beyond 64 bits: the stdlib writes those
            else:
                return out + "\n"
        try:
            return json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
        except ValueError as exc:
            raise FormatError("json", f"cannot write as JSON: {exc}") from exc
    if format == "yaml":
        text: str = yaml.dump(
            data,
            Dumper=_YamlDumper,
            sort_keys=False,
            allow_unicode=True,
            default_flow_style=False,
            width=100,
        )
        return text
    if not isinstance(data, dict):
        raise FormatError("toml", "TOML needs a table at the top; this object is not one")
    import tomli_w  # noqa: PLC0415 - imported when a TOML document is written

    return tomli_w.dumps(_strip_none(data))
