"""The `collabrel` command line: a tour of the bundled examples and a few document tools.

Sub-commands:

- `collabrel demo [--example NAME] [--as-of YYYY-MM-DD]`: a readable summary of a bundled
  example plan (parties, stage records, value, risks, KPIs, exit readiness, and the lifecycle
  with its guard audit and dry runs), then its conformance readiness and the conformance
  findings of the flawed example.
- `collabrel validate PATH`: load a document and replay its lifecycle history; list every
  problem (exit 1) or print `ok`.
- `collabrel assess FILE [--standard NAME] [--as-of YYYY-MM-DD] [--format FORMAT]
  [--output PATH]`: judge a plan against ISO 44001 or BS 11000-1 and print the conformance
  report as text, Markdown, HTML, JSON, JUnit XML or SARIF; exit 0 when it is ready for
  certification, 1 when not.
- `collabrel schema`: print the JSON Schema of plan documents.
- `collabrel convert SRC DST`: read a document and write it in the format of DST's suffix.
- `collabrel export [FILE] --to TARGET`, `collabrel import SOURCE` and
  `collabrel template --xlsx FILE`: plans as workbooks and CSV files and back, reports and
  catalogues for GRC tools (CISO Assistant, OSCAL); see `collabrel._interop_cli`.

Exit codes are the `EXIT_*` constants below, with their meanings in `EXIT_CODES`; `main`'s
docstring tables them for the CLI reference, and a test holds the table to them.
Errors go to stderr as one message starting with `collabrel: error:` (a document's message
lists each of its problems) or `collabrel: internal error:`, never as a traceback.
`python -m collabrel` runs the same program.

This module is argument handling: the demo's tour is `collabrel._demo`, and the reports are
the renderings of `collabrel.report` (the table `REPORT_FORMATS`). This is the top
layer: it may read the clock (the default `--as-of` is today).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import Final

from collabrel._cli_options import Commands, add_as_of, add_output, add_standard, as_of
from collabrel._demo import demo_lines
from collabrel._interop_cli import add_commands as _add_interop
from collabrel._text import plural
from collabrel.conformance import assess
from collabrel.errors import CollabrelError, DocumentError
from collabrel.examples import load as load_example
from collabrel.examples import names as example_names
from collabrel.lifecycle import InvalidEventError, replay
from collabrel.model import RelationshipManagementPlan
from collabrel.report import REPORT_FORMATS, choose_format
from collabrel.report._render import wrap
from collabrel.serialization import dump, json_schema, load
from collabrel.serialization._save import write_atomically

__all__ = ["main"]

EXIT_OK: Final = 0
EXIT_INVALID: Final = 1
EXIT_ERROR: Final = 2
EXIT_INTERNAL: Final = 3
EXIT_INTERRUPTED: Final = 130

EXIT_CODES: Final[Mapping[int, str]] = MappingProxyType(
    {
        EXIT_OK: "success (`validate` found no problems, `assess` found the plan ready for"
        " certification)",
        EXIT_INVALID: "`validate` found problems in the document, or `assess` found the plan"
        " not ready for certification",
        EXIT_ERROR: "a usage error, a document or file that cannot be read, written or parsed"
        " (one line on stderr starting with `collabrel: error:`), or the reader of the output"
        " went away",
        EXIT_INTERNAL: "an internal error, that is a bug in collabrel (one line on stderr"
        " starting with `collabrel: internal error:`; please report it)",
        EXIT_INTERRUPTED: "interrupted (Ctrl-C); nothing is printed",
    }
)
"""What each exit code means: the table of exit codes in the CLI reference."""

_MAX_MESSAGE: Final = 200

_Command = Callable[[argparse.Namespace], int]


# ----------------------------------------------------------------------------- entry point


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit code.

    Args:
        argv: The arguments after the program name; `sys.argv[1:]` when `None`.

    Exit codes (the `EXIT_*` constants of `collabrel.cli`, with their meanings in
    `EXIT_CODES`; a test holds this table to them):

    | Exit code | Constant | Meaning |
    |---|---|---|
    | 0 | `EXIT_OK` | success (`validate` found no problems, `assess` found the plan ready for certification) |
    | 1 | `EXIT_INVALID` | `validate` found problems in the document, or `assess` found the plan not ready for certification |
    | 2 | `EXIT_ERROR` | a usage error, a document or file that cannot be read, written or parsed (one line on stderr starting with `collabrel: error:`), or the reader of the output went away |
    | 3 | `EXIT_INTERNAL` | an internal error, that is a bug in collabrel (one line on stderr starting with `collabrel: internal error:`; please report it) |
    | 130 | `EXIT_INTERRUPTED` | interrupted (Ctrl-C); nothing is printed |

    Returns:
        The exit code, from the table above. Messages go to stderr, never as a traceback.

    Examples:
        >>> main(["demo", "--example", "alliance", "--as-of", "2026-10-31"])  # doctest: +ELLIPSIS
        Northern Rail Renewals Alliance
        ...
        0
    """  # noqa: E501 - the table's rows are Markdown, which cannot wrap them
    try:
        try:
            args = _parser().parse_args(argv)
        except SystemExit as exc:  # argparse exits on --help and on usage errors
            return _exit_code(exc.code)
        command: _Command = args.command
        return command(args)
    except BrokenPipeError:  # the reader went away (`collabrel demo | head`): stop quietly
        _silence_stdout()
        return EXIT_ERROR
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except (CollabrelError, OSError) as exc:
        print(f"collabrel: error: {_describe_error(exc)}", file=sys.stderr)
        return EXIT_ERROR
    except Exception as exc:  # noqa: BLE001 - a bug: one line instead of a traceback
        print(
            f"collabrel: internal error: {type(exc).__name__}: {_bounded(exc)}; please report it",
            file=sys.stderr,
        )
        return EXIT_INTERNAL


def _bounded(exc: BaseException) -> str:
    """The first line of the exception's message, at most 200 characters."""
    try:
        text = str(exc)
    except Exception:  # noqa: BLE001 - a message that cannot be made is not worth a crash
        return "(no message)"
    lines = text.strip().splitlines()
    first = lines[0] if lines else "(no message)"
    return first if len(first) <= _MAX_MESSAGE else first[: _MAX_MESSAGE - 3] + "..."


def _exit_code(code: str | int | None) -> int:
    if code is None:
        return EXIT_OK
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return EXIT_ERROR


def _silence_stdout() -> None:
    # Point stdout at the null device so the interpreter's final flush cannot fail again.
    with contextlib.suppress(OSError, ValueError):
        fd = sys.stdout.fileno()
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, fd)


def _describe_error(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        where = f": {exc.filename}" if exc.filename is not None else ""
        return f"{exc.strerror}{where}"
    return str(exc)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="collabrel",
        description="Collaborative business relationships (BS 11000-1 / ISO 44001) as data.",
    )
    commands = parser.add_subparsers(dest="name", required=True, metavar="COMMAND")
    _add_demo(commands)
    validate = commands.add_parser(
        "validate",
        help="check that a document loads; list every problem",
        description="Load a document (JSON, YAML or TOML), replay its lifecycle history, and"
        " report every problem with its path.",
    )
    validate.add_argument("path", type=Path, metavar="PATH", help="the document to check")
    validate.set_defaults(command=_validate)
    _add_assess(commands)
    schema = commands.add_parser(
        "schema",
        help="print the JSON Schema of plan documents",
        description="Print the JSON Schema (Draft 2020-12) of Relationship Management Plans.",
    )
    schema.set_defaults(command=_schema)
    convert = commands.add_parser(
        "convert",
        help="convert a document between JSON, YAML and TOML",
        description="Read SRC and write it to DST; both formats come from the file suffixes.",
    )
    convert.add_argument("src", type=Path, metavar="SRC", help="the document to read")
    convert.add_argument("dst", type=Path, metavar="DST", help="the file to write")
    convert.set_defaults(command=_convert)
    _add_interop(commands, ok=EXIT_OK)
    return parser


def _add_demo(commands: Commands) -> None:
    demo = commands.add_parser(
        "demo",
        help="summarise a bundled example plan",
        description="Print a readable summary of a bundled example Relationship Management Plan.",
    )
    demo.add_argument(
        "--example",
        default="alliance",
        metavar="NAME",
        help=f"the example to show: {', '.join(example_names())} (default: alliance)",
    )
    add_as_of(demo)
    demo.set_defaults(command=_demo)


def _add_assess(commands: Commands) -> None:
    assess_ = commands.add_parser(
        "assess",
        help="assess a document against ISO 44001 or BS 11000-1",
        description="Judge a plan against every requirement of a standard, explain each result"
        " and print the conformance report. Exit 0 when the plan is ready for certification,"
        " 1 when it is not, 2 when the document cannot be read.",
    )
    assess_.add_argument(
        "path", type=Path, metavar="FILE", help="the plan to assess (JSON, YAML or TOML)"
    )
    add_standard(assess_, "to assess against")
    add_as_of(assess_)
    suffixes = ", ".join(f"{f.suffixes[0]} {f.name}" for f in REPORT_FORMATS.values())
    assess_.add_argument(
        "--format",
        choices=tuple(REPORT_FORMATS),
        default=None,
        help=f"the report's format (default: the one the --output suffix names: {suffixes};"
        " else text)",
    )
    add_output(assess_, "write the report to PATH instead of printing it")
    assess_.set_defaults(command=_assess)


# ----------------------------------------------------------------------------- commands


def _demo(args: argparse.Namespace) -> int:
    rmp = load_example(args.example)
    print("\n".join(demo_lines(rmp, as_of(args))))
    return EXIT_OK


def _validate(args: argparse.Namespace) -> int:
    path: Path = args.path
    try:
        rmp = load(path)
    except DocumentError as exc:
        print(f"invalid: {path}: {plural(len(exc.problems), 'problem')}")
        for problem in exc.problems:
            print(wrap(f"  {problem.path or '(document)'}: {problem.message}", hang=4))
        return EXIT_INVALID
    try:
        replay(rmp.history)
    except InvalidEventError as exc:
        # Well formed, but the lifecycle history could not have happened.
        print(f"invalid: {path}: 1 problem")
        print(wrap(f"  {exc.path}: {exc.reason}", hang=4))
        return EXIT_INVALID
    print(f"ok: {path}: {_one_line_summary(rmp)}")
    return EXIT_OK


def _assess(args: argparse.Namespace) -> int:
    path: Path = args.path
    report = assess(load(path), args.standard, as_of=as_of(args))
    output: Path | None = args.output
    text = choose_format(args.format, output).render(report, source=path)
    ready = report.certification.ready
    if output is None:
        sys.stdout.write(text)
    else:
        _write_text(output, text)
        verdict = "ready" if ready else "not ready"
        print(f"wrote {output} ({path}: {verdict} for certification against {report.standard})")
    return EXIT_OK if ready else EXIT_INVALID


def _write_text(path: Path, text: str) -> None:
    """Write `text` to `path` as `dump` saves a plan (atomically; see `write_atomically`)."""
    write_atomically(path, text.encode("utf-8"))


def _schema(args: argparse.Namespace) -> int:  # noqa: ARG001 - every command takes the namespace
    print(json.dumps(json_schema(), indent=2))
    return EXIT_OK


def _convert(args: argparse.Namespace) -> int:
    src: Path = args.src
    dst: Path = args.dst
    dump(load(src), dst)
    print(f"wrote {dst} (from {src})")
    return EXIT_OK


def _one_line_summary(rmp: RelationshipManagementPlan) -> str:
    rel = rmp.relationship
    events = plural(len(rmp.history), "lifecycle event")
    if rel is None:
        return f"{rmp.meta.kind.value} plan {rmp.meta.title!r}, {events}"
    parts = [
        plural(len(rel.partners), "partner"),
        plural(len(rel.people), "person", "people"),
        plural(len(rel.risks), "risk"),
        plural(len(rel.kpis), "KPI"),
        events,
    ]
    return f"{rel.name!r} ({rel.kind.value}): {', '.join(parts)}"
