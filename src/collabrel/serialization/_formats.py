"""Text formats: JSON, YAML and TOML, each parsed and written safely."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any, Final, Literal

from collabrel.errors import DocumentError, FormatError, Problem
from collabrel.model._refs import render_path
from collabrel.serialization._limits import (
    DEFAULT_LIMITS,
    LoadLimits,
    PlainCheck,
    bounded_text,
    over_limit,
    size_problem,
)

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


class _LimitError(Exception):
    """A limit a document goes over, found while it is parsed."""

    def __init__(self, *problems: Problem) -> None:
        super().__init__(*problems)
        self.problems = problems


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
        return data.removeprefix("\ufeff")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise error(
            [Problem("", f"not UTF-8 text (byte {exc.start} is {data[exc.start]:#04x})")],
            source=source,
        ) from exc


def _size_problem(data: str | bytes, limit: int) -> Problem | None:
    if not isinstance(data, str):
        return size_problem(len(data), limit)
    if len(data) * 4 <= limit:  # a character is at most four bytes of UTF-8
        return None
    return size_problem(len(data.encode("utf-8", "surrogatepass")), limit)


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not allowed in a document")


_Parsed = tuple[Any, list[Problem], list[Problem]]
"""Plain data, the limits it goes over and the keys it repeats."""


def _parse_json(text: str, limits: LoadLimits) -> _Parsed:
    if _orjson is not None:
        data = _orjson.loads(text)
        if _plainly_within(text, data, limits):
            return data, [], []
        check = PlainCheck(data, limits, text_length=len(text), may_share=False)
        if _strings_in(text) == check.strings:
            return data, check.problems, []  # every string written was read: no key repeats
    found: list[tuple[dict[str, Any], list[str]]] = []

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        mapping = dict(items)
        if len(mapping) < len(items):
            seen: set[str] = set()
            found.append((mapping, [k for k, _ in items if k in seen or seen.add(k)]))  # type: ignore[func-returns-value]
        return mapping

    data = json.loads(text, parse_constant=_reject_constant, object_pairs_hook=pairs)
    check = PlainCheck(data, limits, text_length=len(text), may_share=False)
    paths = _paths_of(data, {id(d) for d, _ in found})
    duplicates = [  # a mapping not in the data was the value of a key written again: that key
        Problem(_join(paths[id(d)], key), "duplicate key")
        for d, keys in found
        if id(d) in paths
        for key in keys
    ]
    return data, check.problems, duplicates


def _plainly_within(text: str, data: object, limits: LoadLimits) -> bool:
    """Whether JSON `data`, parsed by orjson from `text`, is within `limits` and repeats no key.

    Told without a walk over the data (`PlainCheck`), from the text and orjson's indented
    rendering of the data, each searched in C. `True` only when all of these hold, so that
    `False` means only that the data is to be walked:

    - the text is no longer than `max_string_length`, so no string is longer;
    - it has fewer commas than `max_items`, so no list has more items;
    - no line of the rendering is indented by `2 * max_depth` spaces or more: a list or
      mapping nested `d` deep is written on a line indented by `2 * d` (a string's line
      breaks are escaped);
    - the text is the rendering (collabrel writes JSON so), or writes as many strings as the
      rendering: every key written was read (orjson keeps the last value of a repeated key).
    """
    if len(text) > limits.max_string_length or text.count(",") >= limits.max_items:
        return False
    assert _orjson is not None  # noqa: S101 - only the orjson path calls this
    try:
        rendered = _orjson.dumps(data, option=_orjson.OPT_INDENT_2)
    except TypeError:  # pragma: no cover - orjson writes what it reads
        return False
    if b"\n" + b" " * (2 * limits.max_depth) in rendered:
        return False
    if text.startswith(("{\n", "[\n")):
        written = text.encode("utf-8", "surrogatepass")
        if written == rendered or (
            len(written) == len(rendered) + 1
            and written.endswith(b"\n")
            and written.startswith(rendered)
        ):
            return True
    strings = _strings_in(text)
    return strings is not None and strings == _strings_in(rendered.decode())


def _strings_in(text: str) -> int | None:
    """How many strings JSON text writes: two quotes each, escaped ones aside.

    `None` when that is not easy to tell, because the text escapes a backslash.
    """
    if "\\" not in text:
        return text.count('"') // 2
    if "\\\\" in text:
        return None
    return (text.count('"') - text.count('\\"')) // 2


def _parse_yaml(text: str, limits: LoadLimits) -> _Parsed:
    from collabrel.serialization._yaml import YamlLoader  # noqa: PLC0415 - PyYAML when needed

    loader = YamlLoader(text)
    try:
        data = loader.get_single_data()
    finally:
        loader.dispose()
    check = PlainCheck(data, limits, text_length=len(text))
    if not loader.duplicates:
        return data, check.problems, []
    paths = _paths_of(data, {id(d) for d, *_ in loader.duplicates})
    duplicates = [
        Problem(_join(paths.get(id(d), ""), str(key)), f"duplicate key (first at line {first})")
        for d, key, first, _ in sorted(loader.duplicates, key=lambda found: found[3])
    ]
    return data, check.problems, duplicates


_TOML_KEY_PART: Final = r"""(?:[A-Za-z0-9_-]+|"(?:[^"\\\n]|\\.)*"|'[^'\n]*')[ \t]*\.[ \t]*"""
_TOML_DUPLICATE: Final = re.compile(r"^Cannot (?:overwrite|declare|mutate)")
_TOML_AT: Final = re.compile(r"^(?P<detail>.*) \(at line (?P<line>\d+), column (?P<column>\d+)\)$")


def _parse_toml(text: str, limits: LoadLimits) -> _Parsed:
    import tomllib  # noqa: PLC0415 - imported when a TOML document is read

    long_key = _long_toml_key(text, limits.max_depth)
    if long_key is not None:
        line, column, parts = long_key
        too_many = over_limit(f"a key of {parts} parts", limits.max_depth, "max_depth")
        raise _LimitError(Problem("", f"at line {line}, column {column}: {too_many}"))
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        if _TOML_DUPLICATE.match(str(exc)):
            raise _LimitError(_toml_duplicate(text, str(exc))) from exc
        raise
    return data, PlainCheck(data, limits, text_length=len(text), may_share=False).problems, []


def _long_toml_key(text: str, limit: int) -> tuple[int, int, int] | None:
    """The line, column and parts of a dotted key (or table name) of more than `limit` parts.

    A key is on one line, so only a line with `limit` dots is searched, and only where a key
    can start.
    """
    if text.count(".") < limit:
        return None
    for dotted in re.finditer(f"(?m)^(?:[^\\n.]*\\.){{{limit}}}[^\\n]*", text):
        key = re.search(f"(?:^|[{{,\\[])[ \\t]*(?:{_TOML_KEY_PART}){{{limit},}}", dotted.group())
        if key is not None:
            line, column = _line_column(text, dotted.start() + key.start())
            return line, column, key.group().count(".") + 1
    return None


def _toml_duplicate(text: str, message: str) -> Problem:
    """The key tomllib refused as written twice, found from where tomllib stopped.

    tomllib names the line it stopped at (or the end of the document) but not the key, so
    the key is the last one defined up to there, read from the lines with the table each is
    in; the first time it was defined is the earlier line defining the same key.
    """
    lines = text.splitlines()
    at = _TOML_AT.match(message)
    stop = min(int(at["line"]), len(lines)) if at else len(lines)
    keys = _toml_keys(lines[:stop])
    defined = [i for i, key in enumerate(keys) if key is not None]
    if not defined:
        return Problem("", "duplicate key")
    last = defined[-1]
    table, key = keys[last]  # type: ignore[misc]
    path = f"{table}.{key}" if table else key
    first = next((i for i in defined[:-1] if keys[i] == keys[last]), None)
    if first is None:
        return Problem(path, "duplicate key")
    return Problem(path, f"duplicate key (first at line {first + 1})")


def _toml_keys(lines: list[str]) -> list[tuple[str, str] | None]:
    """For each line, the table it is in and the key it defines (`None` if none).

    A table header defines its table's name; an entry of an array of tables (`[[name]]`)
    starts a table of its own, `name[n]`, and defines nothing.
    """
    entries: dict[str, int] = {}
    table = ""
    out: list[tuple[str, str] | None] = []
    for raw in lines:
        line = raw.strip()
        if line.startswith("[["):
            name = _toml_name(line.strip("[]"))
            entries[name] = entries.get(name, -1) + 1
            table = f"{name}[{entries[name]}]"
            out.append(None)
        elif line.startswith("["):
            table = _toml_name(line.split("]")[0].strip("["))
            out.append(("", table))
        elif "=" in line and not line.startswith("#"):
            out.append((table, _toml_name(line.split("=", 1)[0])))
        else:
            out.append(None)
    return out


def _toml_name(key: str) -> str:
    """A dotted TOML key as a path: `a . "b c"` is `a.b c`."""
    return ".".join(part.strip().strip("\"'") for part in key.split("."))


def _line_column(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _paths_of(data: Any, wanted: set[int]) -> dict[int, str]:
    """The paths of the mappings in `data` whose ids are `wanted`.

    A list or mapping met again (a YAML alias) is not walked again: the path found is where
    it first appears.
    """
    found: dict[int, str] = {}
    seen: set[int] = set()
    stack: list[tuple[Any, tuple[Any, object] | None]] = [(data, None)]
    while stack and len(found) < len(wanted):
        value, path = stack.pop()
        if isinstance(value, (dict, list)):
            if id(value) in seen:
                continue
            seen.add(id(value))
        if isinstance(value, dict):
            if id(value) in wanted:
                found[id(value)] = render_path(path)
            stack.extend((item, (path, str(key))) for key, item in value.items())
        elif isinstance(value, list):
            stack.extend((item, (path, index)) for index, item in enumerate(value))
    return found


_PARSERS: Final[dict[Format, Callable[[str, LoadLimits], _Parsed]]] = {
    "json": _parse_json,
    "yaml": _parse_yaml,
    "toml": _parse_toml,
}


def read(
    data: str | bytes,
    format: Format,
    source: str,
    limits: LoadLimits = DEFAULT_LIMITS,
    *,
    error: type[DocumentError] = DocumentError,
    problem: SyntaxProblem = syntax_problem,
) -> tuple[Any, list[Problem]]:
    """Parse `data` as `format` within `limits`: the plain data and its duplicate keys.

    Duplicate keys are returned rather than raised so that they are reported together with
    every other problem of the document (the value read is the last one written).

    Raises:
        DocumentError: (or `error`) If the text is over a limit, is not UTF-8 or is not valid
            `format`, with the line and column when they are known.
    """
    too_big = _size_problem(data, limits.max_bytes)
    if too_big is not None:
        raise error([too_big], source=source)
    text = _decode_text(data, source, error)
    try:
        value, over, duplicates = _PARSERS[format](text, limits)
    except _LimitError as exc:
        raise error(exc.problems, source=source) from None
    except Exception as exc:
        raise error([_syntax(exc, format, problem)], source=source) from exc
    if over:
        raise error([*over, *duplicates], source=source)
    return value, duplicates


def parse(
    data: str | bytes,
    format: Format,
    source: str,
    *,
    error: type[DocumentError] = DocumentError,
    problem: SyntaxProblem = syntax_problem,
) -> Any:
    """Parse `data` (text, or UTF-8 bytes) as `format` into plain data, safely.

    YAML is read with a safe loader and YAML 1.2 booleans, and no tag constructs an object;
    JSON refuses `NaN` and `Infinity`; a key written twice in the same mapping is an error in
    every format. The default `LoadLimits` apply.

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
    value, problems = read(data, format, source, error=error, problem=problem)
    if problems:
        raise error(problems, source=source)
    return value


_TOML_END: Final = " (at end of document)"


def _syntax(exc: Exception, format: Format, problem: SyntaxProblem) -> Problem:
    if format == "yaml":  # PyYAML is loaded: it parsed the text
        from collabrel.serialization._yaml import syntax_error  # noqa: PLC0415

        found = syntax_error(exc)
        if found is not None:
            line, column, detail = found
            return problem(format, line, column, bounded_text(detail))
    if isinstance(exc, json.JSONDecodeError):
        return problem(format, exc.lineno, exc.colno, bounded_text(exc.msg))
    if isinstance(exc, RecursionError):
        return problem(format, None, None, "nested too deeply")
    detail = bounded_text(exc)
    at = _TOML_AT.match(detail) if format == "toml" else None
    if at is not None:
        return problem(format, int(at["line"]), int(at["column"]), at["detail"])
    return problem(format, None, None, detail.removesuffix(_TOML_END))


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
        from collabrel.serialization._yaml import dump  # noqa: PLC0415 - PyYAML when needed

        return dump(data)
    if not isinstance(data, dict):
        raise FormatError("toml", "TOML needs a table at the top; this object is not one")
    import tomli_w  # noqa: PLC0415 - imported when a TOML document is written

    return tomli_w.dumps(_strip_none(data))
