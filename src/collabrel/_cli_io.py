"""What the `collabrel` commands read, how they print and how they end.

- Exit codes: the `EXIT_*` constants and their meanings, `EXIT_CODES` (`collabrel.cli`
  re-exports them and tables them in `main`'s docstring); `each` runs a command on several
  documents and ends with the worst code.
- Documents: `expand` turns the PATH arguments (files, shell-style globs, `-` for stdin) into
  the documents to read, in order and each once, and `read_plan` reads one of them, from
  stdin through `collabrel.loads` within the default `LoadLimits`.
- Output: with `--json` a command prints JSON (`print_json`, `wrote`) and an error is one JSON
  object on stderr (`report_error`); otherwise it prints text, coloured (`paint`) only when
  stdout is a terminal and `NO_COLOR` (https://no-color.org) is unset or empty.

This is the top layer: it reads stdin, the environment and the file system.
"""

from __future__ import annotations

import glob
import json
import os
import sys
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Final

from collabrel.errors import CollabrelError, DocumentError
from collabrel.model import RelationshipManagementPlan
from collabrel.serialization import LoadLimits, load, loads

__all__ = [
    "EXIT_CODES",
    "EXIT_ERROR",
    "EXIT_INTERNAL",
    "EXIT_INTERRUPTED",
    "EXIT_INVALID",
    "EXIT_OK",
    "STDIN",
    "STDIN_SOURCE",
    "each",
    "expand",
    "is_stdin",
    "paint",
    "print_json",
    "read_plan",
    "report_error",
    "wrote",
]

EXIT_OK: Final = 0
EXIT_INVALID: Final = 1
EXIT_ERROR: Final = 2
EXIT_INTERNAL: Final = 3
EXIT_INTERRUPTED: Final = 130

EXIT_CODES: Final[Mapping[int, str]] = MappingProxyType(
    {
        EXIT_OK: "ok: every document is valid (`validate`), every plan ready for certification"
        " (`assess`; `portfolio`: and none it could not assess), or the command did what it"
        " was asked",
        EXIT_INVALID: "findings: `validate` found a document invalid, `assess` a plan not ready"
        " for certification, or `portfolio` a plan not ready or one it could not read or"
        " assess",
        EXIT_ERROR: "usage: a usage error (such as a glob that matches no file), a document or"
        " file that cannot be read, written or parsed (one line on stderr starting with"
        " `collabrel: error:`, or with `--json` one JSON object), or the reader of the output"
        " went away",
        EXIT_INTERNAL: "internal: a bug in collabrel (one line on stderr starting with"
        " `collabrel: internal error:`; please report it)",
        EXIT_INTERRUPTED: "interrupted (Ctrl-C); nothing is printed",
    }
)
"""What each exit code means: the table of exit codes in the CLI reference. With several
documents, a command ends with the worst (highest) code of them."""

STDIN: Final = Path("-")
"""The PATH that means "read the document from stdin"."""

STDIN_SOURCE: Final = "<stdin>"
"""How a document read from stdin is named in messages."""

_MAGIC: Final = frozenset("*?[")
_MAX_MESSAGE: Final = 200
_GREEN: Final = "\033[32m"
_RED: Final = "\033[31m"
_RESET: Final = "\033[0m"


def is_stdin(path: Path | None) -> bool:
    """Whether `path` is `-`, the document on stdin."""
    return path == STDIN


def expand(patterns: Iterable[str], input_format: str | None) -> list[Path]:
    """The documents PATH arguments name: files, the files globs match, `-` for stdin.

    Globs (`*`, `?`, `[...]`, and `**` for any depth) are expanded here, so they work where
    the shell does not expand them (Windows); a glob's matches are sorted, folders left out.
    A document named twice is read once.

    Raises:
        CollabrelError: If a glob matches no file (a usage error, naming it), or `-` is
            given without `input_format` (stdin has no suffix to tell its format).
    """
    found: dict[Path, None] = {}
    for pattern in patterns:
        found.update(dict.fromkeys(_matches(pattern)))
    if STDIN in found and input_format is None:
        msg = "reading a document from stdin (-) needs --input-format json, yaml or toml"
        raise CollabrelError(msg)
    return list(found)


def _matches(pattern: str) -> list[Path]:
    if pattern == str(STDIN) or not _MAGIC.intersection(pattern) or Path(pattern).is_file():
        return [Path(pattern)]
    matches = sorted(glob.glob(pattern, recursive=True))  # noqa: PTH207 - Path.glob is relative
    files = [Path(m) for m in matches if not Path(m).is_dir()]
    if not files:
        raise CollabrelError(f"no file matches {pattern!r}")
    return files


def read_plan(path: Path, input_format: str | None) -> RelationshipManagementPlan:
    """The plan at `path` (in `input_format`, else the format its suffix names) or on stdin.

    Stdin is read as bytes, at most one byte more than `LoadLimits.max_bytes`, so a document
    too big is refused like a file would be.

    Raises:
        DocumentError: If the document is not a valid plan.
        FormatError: If its format is not known.
        OSError: If the file cannot be read.
    """
    if not is_stdin(path):
        return load(path, format=input_format)
    data = sys.stdin.buffer.read(LoadLimits().max_bytes + 1)
    return loads(data, input_format or "json", source=STDIN_SOURCE)


def each(paths: Iterable[Path], check: Callable[[Path, str], int], *, as_json: bool) -> int:
    """Run `check(path, name)` on every document; the worst (highest) exit code of them.

    A document that cannot be read is reported on stderr (`EXIT_ERROR`), and the next one is
    still checked.
    """
    worst = EXIT_OK
    for path in paths:
        try:
            code = check(path, STDIN_SOURCE if is_stdin(path) else str(path))
        except (CollabrelError, OSError) as exc:
            report_error(exc, as_json=as_json)
            code = EXIT_ERROR
        worst = max(worst, code)
    return worst


def print_json(data: object) -> None:
    """Print `data` as JSON on one line (so several results are JSON Lines)."""
    print(json.dumps(data, ensure_ascii=False))


def wrote(path: Path, detail: str, *, as_json: bool, **data: object) -> None:
    """Say what a command wrote: `wrote PATH (DETAIL)`, or `{"wrote": PATH, **data}`."""
    if as_json:
        print_json({"wrote": str(path), **data})
    else:
        print(f"wrote {path} ({detail})")


def report_error(error: BaseException | str, *, as_json: bool, internal: bool = False) -> None:
    """Print an error on stderr as one line (a document's lists its problems after it).

    The line is `collabrel: error: MESSAGE` (`collabrel: internal error: ...; please report
    it` for a bug), or with `as_json` one JSON object, `{"error": MESSAGE, "problems":
    [{"path": ..., "message": ...}, ...]}`: a `DocumentError`'s problems, else none.
    """
    if isinstance(error, str):
        text = error
    elif internal:
        text = f"internal error: {type(error).__name__}: {_bounded(error)}; please report it"
    else:
        text = _describe(error)
    if not as_json:
        print(f"collabrel: {text if internal else 'error: ' + text}", file=sys.stderr)
        return
    problems = error.problems if isinstance(error, DocumentError) else ()
    head = text.splitlines()[0] if problems else text
    entry = {
        "error": head.removesuffix(":"),
        "problems": [{"path": p.path, "message": p.message} for p in problems],
    }
    print(json.dumps(entry, ensure_ascii=False), file=sys.stderr)


def _bounded(exc: BaseException) -> str:
    """The first line of the exception's message, at most 200 characters."""
    try:
        text = str(exc)
    except Exception:  # noqa: BLE001 - a message that cannot be made is not worth a crash
        return "(no message)"
    lines = text.strip().splitlines()
    first = lines[0] if lines else "(no message)"
    return first if len(first) <= _MAX_MESSAGE else first[: _MAX_MESSAGE - 3] + "..."


def _describe(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        where = f": {exc.filename}" if exc.filename is not None else ""
        return f"{exc.strerror}{where}"
    return str(exc)


def _colour() -> bool:
    """Whether stdout takes colour: a terminal, `NO_COLOR` unset or empty, `TERM` not dumb."""
    isatty = getattr(sys.stdout, "isatty", None)
    return (
        callable(isatty)
        and bool(isatty())
        and not os.environ.get("NO_COLOR")
        and os.environ.get("TERM") != "dumb"
    )


def paint(text: str, *, good: bool, line: str | None = None) -> str:
    """`text` in green (`good`) or red when stdout takes colour, else unchanged.

    With `line`, a prefix such as `"Certification: "`, only the first line of `text` that
    starts with it (after its indentation) is coloured.
    """
    if not _colour():
        return text
    colour = _GREEN if good else _RED
    parts = text.split("\n")
    for i, part in enumerate(parts):
        if line is None or part.lstrip().startswith(line):
            parts[i] = f"{colour}{part}{_RESET}"
            break
    return "\n".join(parts)
