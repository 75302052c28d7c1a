"""The `collabrel portfolio` command: many plans assessed on an engine, one portfolio report.

`collabrel portfolio SOURCE... [--standard NAME] [--as-of YYYY-MM-DD|issued]
[--engine serial|process|dask] [--jobs N] [--partition-size N] [--sink FOLDER]
[--format text|markdown|html|json | --json] [--output FILE]` assesses every plan of the
sources with `collabrel.portfolio.assess_many` and writes the `PortfolioReport`:

- a SOURCE is a folder (its plan files, JSON, YAML or TOML, in every folder below it:
  `PlanSource.folder`), or a JSON Lines file (`.jsonl`, one plan per line) or a quoted glob
  of them (`'exports/*.jsonl'`: `PlanSource.jsonl`). The sources are one portfolio,
  assessed in one run of the engine; their partitions are numbered in the order given;
- `--as-of issued` judges each plan on the day it was issued (for a source holding several
  revisions of each plan: the report's trend); `--engine`, `--jobs` and `--partition-size`
  choose where and in what slices the plans are assessed; `--sink FOLDER` writes each
  partition's findings there as Parquet (the `parquet` extra);
- the report is text (`PortfolioReport.to_text`: the entries needing attention first,
  `TEXT_LIMIT` of each list), Markdown or HTML (`LIMIT` of each list) or JSON (the report as
  data, `collabrel.serialization.to_data`, which `collabrel.loads(text,
  cls=PortfolioReport)` reads back); `--json` prints it on one line. With `--output FILE`
  it is written there, the suffix choosing the format unless `--format` does.

A plan that cannot be read or assessed does not stop the run: it is one of the report's
problems, with its location. The exit code is 0 when every plan is ready for certification
and there are no problems, 1 otherwise, and 2 when a source cannot be read (a folder or file
that is not there, a glob that matches nothing, sources holding no plan at all) or an
option is wrong (an engine or sink without its extra installed).
"""

from __future__ import annotations

import argparse
import glob
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import Final

import attrs
from attrs import frozen

import collabrel._cli_io as cli_io
from collabrel._cli_options import (
    Commands,
    add_as_of,
    add_output,
    add_standard,
    as_of_or_issued,
)
from collabrel._text import plural
from collabrel.errors import CollabrelError
from collabrel.portfolio import (
    DEFAULT_PARTITION_SIZE,
    ENGINES,
    PLAN_SUFFIXES,
    Partition,
    PlanSource,
    PortfolioReport,
    assess_many,
)
from collabrel.report import choose_format
from collabrel.serialization import dumps, to_data
from collabrel.serialization._save import write_atomically

__all__ = ["FORMATS", "LIMIT", "TEXT_LIMIT", "add_portfolio", "source_of"]

TEXT_LIMIT: Final = 10
"""The entries of each list (relationships, partners, problems, ...) the text shows."""
LIMIT: Final = 200
"""The entries of each list Markdown and HTML show."""

FORMATS: Final[MappingProxyType[str, Callable[[PortfolioReport], str]]] = MappingProxyType(
    {
        "text": lambda report: report.to_text(limit=TEXT_LIMIT),
        "markdown": lambda report: report.to_markdown(limit=LIMIT),
        "html": lambda report: report.to_html(limit=LIMIT),
        "json": lambda report: dumps(report, "json"),
    }
)
"""The formats a portfolio report is written in, by name; `--output`'s suffix chooses one as
for `collabrel assess` (`collabrel.report.choose_format`)."""

_JSONL: Final = ".jsonl"
_GLOB_CHARS: Final = frozenset("*?[")


def add_portfolio(commands: Commands) -> None:
    """Add `portfolio` to the CLI's sub-commands."""
    portfolio = commands.add_parser(
        "portfolio",
        help="assess many plans into one portfolio report",
        description="Assess every plan of the sources, on one core, every core or a Dask"
        " cluster, and print one portfolio report: the plans ready for certification, the"
        " most common nonconformities, readiness by stage and by relationship, the trend"
        " and the plans that could not be assessed. Exit 0 when every plan is ready and"
        " none is a problem, 1 otherwise, 2 when a source cannot be read.",
    )
    portfolio.add_argument(
        "sources",
        nargs="+",
        metavar="SOURCE",
        help="a folder of plan files (JSON, YAML, TOML; read recursively), or a JSON Lines"
        " file (.jsonl, one plan per line) or a quoted glob of them such as 'exports/*.jsonl'",
    )
    add_standard(portfolio, "to assess against")
    add_as_of(portfolio, issued=True)
    portfolio.add_argument(
        "--engine",
        choices=ENGINES,
        default="process",
        help="where the plans are assessed: serial (this process), process (a pool of"
        " processes, the default) or dask (a local Dask cluster; the dask extra)",
    )
    portfolio.add_argument(
        "--jobs",
        type=_jobs,
        default=None,
        metavar="N",
        help="worker processes for the process and dask engines (default and -1: every core)",
    )
    portfolio.add_argument(
        "--partition-size",
        type=_positive,
        default=DEFAULT_PARTITION_SIZE,
        metavar="N",
        help=f"plans (files, lines) per partition (default: {DEFAULT_PARTITION_SIZE})",
    )
    portfolio.add_argument(
        "--sink",
        type=Path,
        default=None,
        metavar="FOLDER",
        help="write each partition's findings into FOLDER as a Parquet file (the parquet extra)",
    )
    portfolio.add_argument(
        "--format",
        choices=tuple(FORMATS),
        default=None,
        help="the report's format (default: the one the --output suffix names: .txt text,"
        " .md markdown, .html html, .json json; else text; json with --json)",
    )
    add_output(portfolio, "write the report to FILE instead of printing it")
    portfolio.set_defaults(command=_portfolio)


def _jobs(text: str) -> int:
    n = _whole(text)
    if n < 1 and n != -1:
        msg = f"expected at least 1, or -1 for every core (got {text!r})"
        raise argparse.ArgumentTypeError(msg)
    return n


def _positive(text: str) -> int:
    n = _whole(text)
    if n < 1:
        msg = f"expected at least 1 (got {text!r})"
        raise argparse.ArgumentTypeError(msg)
    return n


def _whole(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        msg = f"expected a whole number (got {text!r})"
        raise argparse.ArgumentTypeError(msg) from None


def source_of(text: str, *, partition_size: int = DEFAULT_PARTITION_SIZE) -> PlanSource:
    """The `PlanSource` a SOURCE argument names: a folder, or JSON Lines files.

    Raises:
        CollabrelError: If it names no folder, no `.jsonl` file, or a glob matching none (a
            plan file is named as such: `collabrel assess` reads single plans).
    """
    path = Path(text)
    if path.is_dir():
        return PlanSource.folder(path, partition_size=partition_size)
    if _GLOB_CHARS & set(text):
        found = glob.glob(text, recursive=True)  # noqa: PTH207 - the pattern may be absolute
        if not any(Path(f).is_file() for f in found):
            raise CollabrelError(f"no file matches {text!r}")
        return PlanSource.jsonl(text, partition_size=partition_size)
    if path.is_file() and path.suffix.lower() == _JSONL:
        return PlanSource.jsonl(path, partition_size=partition_size)
    if path.is_file():
        kind = "a plan file" if path.suffix.lower() in PLAN_SUFFIXES else "not a JSON Lines file"
        msg = (
            f"{text}: {kind}; a SOURCE is a folder of plans or a JSON Lines file (.jsonl)"
            " (collabrel assess judges plans one by one)"
        )
        raise CollabrelError(msg)
    raise CollabrelError(f"{text}: no such folder or file")


@frozen
class _Chain:
    """Several sources as one: their partitions in order, numbered from 0 across them all."""

    sources: tuple[PlanSource, ...]

    def partitions(self) -> Iterator[Partition]:
        index = 0
        for source in self.sources:
            for partition in source.partitions():
                yield attrs.evolve(partition, index=index)
                index += 1


def _source(texts: Sequence[str], partition_size: int) -> PlanSource:
    sources = tuple(source_of(t, partition_size=partition_size) for t in texts)
    if len(sources) == 1:
        return sources[0]
    description = "; ".join(s.description for s in sources)
    return PlanSource(description, spec=_Chain(sources))


def _portfolio(args: argparse.Namespace) -> int:
    if args.json and args.format not in (None, "json"):
        raise CollabrelError(f"--json prints the report as JSON, not --format {args.format}")
    output: Path | None = args.output
    name = _format(args.format or ("json" if args.json else None), output)
    source = _source(args.sources, args.partition_size)
    try:
        report = assess_many(
            source,
            args.standard,
            engine=args.engine,
            as_of=as_of_or_issued(args),
            n_jobs=args.jobs,
            sink=args.sink,
        )
    except ImportError as exc:  # an engine or a sink whose extra is not installed
        raise CollabrelError(str(exc)) from exc
    if not report.plans and not report.problems:
        raise CollabrelError(f"no plans in {source.description}")
    good = report.ready == report.plans and not report.problems
    code = cli_io.EXIT_OK if good else cli_io.EXIT_INVALID
    if output is None and args.json:
        cli_io.print_json(to_data(report))
        return code
    text = FORMATS[name](report)
    if output is None:
        if name == "text":
            text = cli_io.paint(text, good=good, line="Ready for certification: ")
        sys.stdout.write(text)
        return code
    write_atomically(output, text.encode("utf-8"))
    cli_io.wrote(
        output,
        f"{report.ready} of {plural(report.plans, 'plan')} ready for certification against"
        f" {report.standard}; {plural(len(report.problems), 'problem')}",
        as_json=args.json,
        plans=report.plans,
        ready=report.ready,
        problems=len(report.problems),
        standard=report.standard,
    )
    return code


def _format(name: str | None, output: Path | None) -> str:
    """The format named, else the one `output`'s suffix chooses, else text.

    Raises:
        CollabrelError: If `output` is a folder, or its suffix names a format a portfolio
            report is not written in (JUnit, SARIF).
    """
    if output is not None and output.is_dir():
        raise CollabrelError(f"--output {output}: a folder; give the report's file")
    chosen = choose_format(name, output).name
    if chosen not in FORMATS:
        known = ", ".join(FORMATS)
        msg = f"--output {output}: a {chosen} file; a portfolio report is written as {known}"
        raise CollabrelError(msg)
    return chosen
