"""The `collabrel` command line: a tour of the bundled examples and a few document tools.

Sub-commands (`collabrel --version` prints the installed version):

- `collabrel demo [--example NAME] [--as-of YYYY-MM-DD]`: a readable summary of a bundled
  example plan (parties, stage records, value, risks, KPIs, exit readiness, and the lifecycle
  with its guard audit and dry runs), then its conformance readiness and the conformance
  findings of the flawed example.
- `collabrel validate PATH...`: load each document and replay its lifecycle history; list
  every problem (exit 1) or print `ok`.
- `collabrel assess PATH... [--standard NAME] [--as-of YYYY-MM-DD] [--enterprise PATH]
  [--format FORMAT] [--output PATH]`: judge plans against ISO 44001 or BS 11000-1 (those
  naming the `--enterprise` plan inheriting from it) and print the conformance reports as
  text, Markdown, HTML, JSON, JUnit XML or SARIF; exit 0 when every plan is ready for
  certification, 1 when one is not; see `collabrel._assess_cli`.
- `collabrel portfolio SOURCE... [--standard NAME] [--as-of YYYY-MM-DD|issued]
  [--engine serial|process|dask] [--jobs N] [--partition-size N] [--sink FOLDER]
  [--format FORMAT] [--output FILE]`: assess every plan of folders and JSON Lines files on
  one core, every core or a Dask cluster and print one portfolio report (text, Markdown,
  HTML or JSON); exit 0 when every plan is ready and none could not be assessed, 1
  otherwise; see `collabrel._portfolio_cli`.
- `collabrel evidence suggest PLAN DOCS... [--standard NAME] [--top-k N] [--ranker RANKER]
  [-o OUT]` and `collabrel evidence accept PLAN REGISTER [--by PERSON] [--on DATE]
  [-o OUT]`: suggest passages of documents as evidence of each requirement (a reviewer page
  with `-o FILE.html`, the records with `-o FILE.json`, else a summary), and add a
  reviewer's register file to the plan's evidence register; see `collabrel._evidence_cli`.
- `collabrel schema`: print the JSON Schema of plan documents.
- `collabrel convert SRC DST`: read a document and write it in the format of DST's suffix.
- `collabrel export [FILE] --to TARGET`, `collabrel import SOURCE` and
  `collabrel template --xlsx FILE`: plans as workbooks and CSV files and back, reports and
  catalogues for GRC tools (CISO Assistant, OSCAL); see `collabrel._interop_cli`.

A PATH is a file, a shell-style glob (expanded here, so it works on Windows too; one that
matches nothing is a usage error) or `-`, the document on stdin in `--input-format json`,
`yaml` or `toml` (which `convert`'s SRC and `export`'s FILE take too). Every command takes
`--json`: it prints JSON on stdout (`validate` one object per document, a line each; `assess`
the report as `--format json`, a line per report for several plans; `portfolio` its report
on one line; `demo` the example plan and its report; the commands that write files what
they wrote), and an error is one JSON
object on stderr, `{"error": MESSAGE, "problems": [{"path": ..., "message": ...}]}`.
Without it, `validate`'s `ok`/`invalid` and the text report's certification verdict are
green or red when stdout is a terminal and `NO_COLOR` is unset, plain when piped.

Exit codes are the `EXIT_*` constants (of `collabrel._cli_io`, re-exported here), with their
meanings in `EXIT_CODES`; `main`'s docstring tables them for the CLI reference, and a test
holds the table to them. With several documents, a command ends with the worst code.
Errors go to stderr as one message starting with `collabrel: error:` (a document's message
lists each of its problems) or `collabrel: internal error:`, never as a traceback.
`python -m collabrel` runs the same program.

This module is argument handling: the demo's tour is `collabrel._demo`, reading documents and
printing JSON and colour are `collabrel._cli_io`, and the reports are the renderings of
`collabrel.report` (the table `REPORT_FORMATS`). This is the top
layer: it may read the clock (the default `--as-of` is today).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from collections.abc import Callable, Sequence
from importlib import metadata
from pathlib import Path
from typing import NoReturn, cast

from collabrel import __version__  # its defining module: the package itself
from collabrel._assess_cli import add_assess
from collabrel._cli_io import (
    EXIT_CODES,  # noqa: F401 - part of this module's interface, tabled in main
    EXIT_ERROR,
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    EXIT_INVALID,
    EXIT_OK,
    STDIN_SOURCE,
    each,
    expand,
    is_stdin,
    paint,
    print_json,
    read_plan,
    report_error,
    wrote,
)
from collabrel._cli_options import (
    DEFAULT_STANDARD,
    Commands,
    add_as_of,
    add_input_format,
    add_json,
    add_paths,
    as_of,
)
from collabrel._demo import demo_lines
from collabrel._evidence_cli import add_evidence
from collabrel._interop_cli import add_commands as _add_interop
from collabrel._portfolio_cli import add_portfolio
from collabrel._text import plural
from collabrel.conformance import assess
from collabrel.errors import CollabrelError, DocumentError
from collabrel.examples import load as load_example
from collabrel.examples import names as example_names
from collabrel.lifecycle import InvalidEventError, replay
from collabrel.model import RelationshipManagementPlan
from collabrel.report._render import wrap
from collabrel.serialization import dump, json_schema, to_data

__all__ = ["main"]

_Command = Callable[[argparse.Namespace], int]


# ----------------------------------------------------------------------------- entry point


def main(argv: Sequence[str] | None = None) -> int:  # noqa: PLR0911 - a return per exit code
    """Run the command line and return its exit code.

    Args:
        argv: The arguments after the program name; `sys.argv[1:]` when `None`.

    Exit codes (the `EXIT_*` constants of `collabrel.cli`, with their meanings in
    `EXIT_CODES`; a test holds this table to them). A command given several documents ends
    with the worst (highest) code of them:

    | Exit code | Constant | Meaning |
    |---|---|---|
    | 0 | `EXIT_OK` | ok: every document is valid (`validate`), every plan ready for certification (`assess`; `portfolio`: and none it could not assess), or the command did what it was asked |
    | 1 | `EXIT_INVALID` | findings: `validate` found a document invalid, `assess` a plan not ready for certification, or `portfolio` a plan not ready or one it could not read or assess |
    | 2 | `EXIT_ERROR` | usage: a usage error (such as a glob that matches no file), a document or file that cannot be read, written or parsed (one line on stderr starting with `collabrel: error:`, or with `--json` one JSON object), or the reader of the output went away |
    | 3 | `EXIT_INTERNAL` | internal: a bug in collabrel (one line on stderr starting with `collabrel: internal error:`; please report it) |
    | 130 | `EXIT_INTERRUPTED` | interrupted (Ctrl-C); nothing is printed |

    Returns:
        The exit code, from the table above. Messages go to stderr, never as a traceback.

    Examples:
        >>> main(["demo", "--example", "alliance", "--as-of", "2026-10-31"])  # doctest: +ELLIPSIS
        Northern Rail Renewals Alliance
        ...
        0
    """  # noqa: E501 - the table's rows are Markdown, which cannot wrap them
    arguments = sys.argv[1:] if argv is None else list(argv)
    as_json = "--json" in arguments  # until the arguments are parsed
    try:
        try:
            args = _parser().parse_args(arguments)
        except SystemExit as exc:  # argparse exits on --help and --version
            return _exit_code(exc.code)
        as_json = args.json
        command: _Command = args.command
        return command(args)
    except _UsageError as exc:
        exc.report(as_json=as_json)
        return EXIT_ERROR
    except BrokenPipeError:  # the reader went away (`collabrel demo | head`): stop quietly
        _silence_stdout()
        return EXIT_ERROR
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except (CollabrelError, OSError) as exc:
        report_error(exc, as_json=as_json)
        return EXIT_ERROR
    except Exception as exc:  # noqa: BLE001 - a bug: one line instead of a traceback
        report_error(exc, as_json=as_json, internal=True)
        return EXIT_INTERNAL


class _UsageError(Exception):
    """A usage error argparse found, raised to `main` so it can print it as text or JSON."""

    def __init__(self, parser: argparse.ArgumentParser, message: str) -> None:
        super().__init__(message)
        self.parser = parser
        self.message = message

    def report(self, *, as_json: bool) -> None:
        if as_json:
            report_error(self.message, as_json=True)
        else:  # as argparse prints it
            self.parser.print_usage(sys.stderr)
            print(f"{self.parser.prog}: error: {self.message}", file=sys.stderr)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise _UsageError(self, message)


def _version() -> str:
    """The installed distribution's version, else the package's own."""
    try:
        return metadata.version("collabrel")
    except metadata.PackageNotFoundError:
        return __version__


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


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="collabrel",
        description="Collaborative business relationships (BS 11000-1 / ISO 44001) as data.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    # Each sub-command's parser is a _Parser too (argparse makes them of the parent's class).
    commands = cast(
        "Commands", parser.add_subparsers(dest="name", required=True, metavar="COMMAND")
    )
    _add_demo(commands)
    validate = commands.add_parser(
        "validate",
        help="check that documents load; list every problem",
        description="Load each document (JSON, YAML or TOML), replay its lifecycle history, and"
        " report every problem with its path. Exit 0 when all are valid, 1 when one is not.",
    )
    add_paths(validate, "the documents to check")
    validate.set_defaults(command=_validate)
    add_assess(commands)
    add_portfolio(commands)
    schema = commands.add_parser(
        "schema",
        help="print the JSON Schema of plan documents",
        description="Print the JSON Schema (Draft 2020-12) of Relationship Management Plans.",
    )
    schema.set_defaults(command=_schema)
    convert = commands.add_parser(
        "convert",
        help="convert a document between JSON, YAML and TOML",
        description="Read SRC (- for stdin, with --input-format) and write it to DST in the"
        " format of DST's suffix.",
    )
    convert.add_argument("src", type=Path, metavar="SRC", help="the document to read")
    convert.add_argument("dst", type=Path, metavar="DST", help="the file to write")
    add_input_format(convert)
    convert.set_defaults(command=_convert)
    _add_interop(commands, ok=EXIT_OK)
    add_evidence(commands)
    for command in commands.choices.values():
        add_json(command)
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


# ----------------------------------------------------------------------------- commands


def _demo(args: argparse.Namespace) -> int:
    rmp = load_example(args.example)
    day = as_of(args)
    if args.json:
        report = assess(rmp, DEFAULT_STANDARD, as_of=day)
        print_json({"example": args.example, "plan": to_data(rmp), "report": to_data(report)})
    else:
        print("\n".join(demo_lines(rmp, day)))
    return EXIT_OK


def _validate(args: argparse.Namespace) -> int:
    paths = expand(args.paths, args.input_format)
    return each(paths, lambda path, name: _validate_one(args, path, name), as_json=args.json)


def _validate_one(args: argparse.Namespace, path: Path, name: str) -> int:
    try:
        rmp = read_plan(path, args.input_format)
        replay(rmp.history)
    except DocumentError as exc:
        problems = [(p.path or "(document)", p.message) for p in exc.problems]
    except InvalidEventError as exc:  # well formed, but the history could not have happened
        problems = [(exc.path, exc.reason)]
    else:
        problems = []
    if args.json:
        listed = [{"path": where, "message": message} for where, message in problems]
        print_json({"path": name, "valid": not problems, "problems": listed})
    elif problems:
        print(f"{paint('invalid', good=False)}: {name}: {plural(len(problems), 'problem')}")
        for where, message in problems:
            print(wrap(f"  {where}: {message}", hang=4))
    else:
        print(f"{paint('ok', good=True)}: {name}: {_one_line_summary(rmp)}")
    return EXIT_INVALID if problems else EXIT_OK


def _schema(args: argparse.Namespace) -> int:  # noqa: ARG001 - every command takes the namespace
    print(json.dumps(json_schema(), indent=2))  # JSON with or without --json
    return EXIT_OK


def _convert(args: argparse.Namespace) -> int:
    src: Path = args.src
    dst: Path = args.dst
    dump(read_plan(src, args.input_format), dst)
    name = STDIN_SOURCE if is_stdin(src) else str(src)
    wrote(dst, f"from {name}", as_json=args.json, source=name)
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
