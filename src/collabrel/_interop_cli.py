"""The command line's data commands: `export`, `import` and `template` (`collabrel.interop`).

- `collabrel export [FILE] --to TARGET [--output PATH] [--standard NAME] [--as-of DATE]`:
  a plan as a workbook or CSV files, its conformance report as OSCAL assessment results, or a
  catalogue as a CISO Assistant library, its crosswalk as a mapping set, or an OSCAL catalog.
  FILE `-` is the plan on stdin, in `--input-format`; a workbook or CSV export of it needs
  `--output`.
- `collabrel import SOURCE [--base PLAN] [--output PATH]`: a workbook (`.xlsx`) or a folder
  of CSV files read back into a plan, written as JSON, YAML or TOML (YAML on stdout without
  `--output`).
- `collabrel template --xlsx FILE`: an empty workbook a consultant fills in.

With `--json`, each prints what it wrote as one JSON object (`{"wrote": PATH, ...}`),
`import` without `--output` prints the plan as JSON, and `export` prints a JSON target as it
is (a YAML one needs `--output`).

What each target needs and writes is the one table `TARGETS`; the help text, the errors and
the how-to read it. `collabrel.cli` adds these commands to its parser and handles errors and
exit codes for them as for the others.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import Final

from attrs import frozen

from collabrel._cli_io import is_stdin, print_json, read_plan, wrote
from collabrel._cli_options import (
    Commands,
    add_as_of,
    add_input_format,
    add_output,
    add_standard,
    as_of,
)
from collabrel.conformance import assess
from collabrel.errors import CollabrelError
from collabrel.interop import (
    from_csv,
    from_workbook,
    template_workbook,
    to_ciso_library,
    to_ciso_mapping,
    to_csv,
    to_oscal_assessment_results,
    to_oscal_catalog,
    to_workbook,
)
from collabrel.model import RelationshipManagementPlan
from collabrel.serialization import dump, dumps, load, to_data
from collabrel.serialization._save import write_atomically

__all__ = ["TARGETS", "Target", "add_commands"]


@frozen
class _Job:
    """What one `collabrel export` was asked for, with the output path resolved."""

    target: str
    src: Path | None
    input_format: str | None
    standard: str
    as_of: date
    output: Path | None

    @property
    def plan(self) -> RelationshipManagementPlan:
        """The plan FILE (only targets that need a plan ask; `_export` checks FILE is there)."""
        if self.src is None:  # pragma: no cover - _export refuses this first
            raise CollabrelError(f"export --to {self.target} needs a plan FILE")
        return read_plan(self.src, self.input_format)

    @property
    def path(self) -> Path:
        """Where a target that writes a file or folder writes it (its default, or --output)."""
        if self.output is None:  # only a plan read from stdin has no name to make one from
            raise CollabrelError(f"export --to {self.target} of a plan on stdin needs --output")
        return self.output


@frozen
class Target:
    """One thing `collabrel export` writes.

    Attributes:
        name: The `--to` value.
        description: What it writes, for the help text.
        needs_plan: Whether it is made from the plan FILE (else from `--standard`).
        default: How the output is named from FILE when `--output` is not given: a suffix
            (`".xlsx"`), a folder ending (`"-csv/"`), or `None` to print it.
        write: Makes the output: text to print or save, or the `Path` it has written.
        is_json: Whether the text it prints is JSON (so `--json` may print it).
    """

    name: str
    description: str
    needs_plan: bool
    default: str | None
    write: Callable[[_Job], str | Path]
    is_json: bool = False

    def output(self, src: Path | None, output: Path | None) -> Path | None:
        """Where the export goes: `output`, else the default name beside `src`, else stdout."""
        if output is not None or self.default is None or src is None or is_stdin(src):
            return output
        if self.default.endswith("/"):
            return src.with_name(src.stem + self.default.rstrip("/"))
        return src.with_suffix(self.default)


TARGETS: Final[Mapping[str, Target]] = MappingProxyType(
    {
        t.name: t
        for t in (
            Target(
                "xlsx",
                "the plan as an Excel workbook, a sheet per register",
                needs_plan=True,
                default=".xlsx",
                write=lambda job: to_workbook(job.plan, job.path),
            ),
            Target(
                "csv",
                "the plan as a folder of CSV files, one per register",
                needs_plan=True,
                default="-csv/",
                write=lambda job: to_csv(job.plan, job.path),
            ),
            Target(
                "oscal",
                "the plan's conformance report as OSCAL assessment results (JSON)",
                needs_plan=True,
                default=None,
                write=lambda job: to_oscal_assessment_results(
                    assess(job.plan, job.standard, as_of=job.as_of)
                ),
                is_json=True,
            ),
            Target(
                "ciso",
                "the --standard's catalogue as a CISO Assistant framework library (YAML)",
                needs_plan=False,
                default=None,
                write=lambda job: to_ciso_library(job.standard),
            ),
            Target(
                "ciso-mapping",
                "the BS 11000-1 to ISO 44001 crosswalk as a CISO Assistant mapping set (YAML)",
                needs_plan=False,
                default=None,
                write=lambda _job: to_ciso_mapping(),
            ),
            Target(
                "oscal-catalog",
                "the --standard's catalogue as an OSCAL catalog (JSON), last modified --as-of",
                needs_plan=False,
                default=None,
                write=lambda job: to_oscal_catalog(job.standard, last_modified=job.as_of),
                is_json=True,
            ),
        )
    }
)
"""Every `collabrel export` target, by its `--to` name."""


def add_commands(commands: Commands, *, ok: int) -> None:
    """Add `export`, `import` and `template` to the CLI's sub-commands (`ok`: exit code 0)."""
    targets = "; ".join(f"{t.name}: {t.description}" for t in TARGETS.values())
    export = commands.add_parser(
        "export",
        help="write a plan or a catalogue for a spreadsheet or a GRC tool",
        description=f"Write FILE (or the --standard's catalogue) for another tool. {targets}.",
    )
    export.add_argument(
        "src", type=Path, nargs="?", metavar="FILE", help="the plan to export (- for stdin)"
    )
    add_input_format(export)
    export.add_argument("--to", required=True, choices=tuple(TARGETS), help="what to write")
    add_output(
        export,
        "where to write it (default: FILE with .xlsx for xlsx, the folder FILE-csv for csv;"
        " the others print)",
    )
    add_standard(export, "of the catalogue or the assessment")
    add_as_of(export)
    export.set_defaults(command=lambda args: _export(args, as_of(args), ok))
    import_ = commands.add_parser(
        "import",
        help="read a workbook or CSV folder back into a plan",
        description="Read SOURCE (an .xlsx workbook or a folder of CSV files that export wrote)"
        " into a plan; every problem is listed with its cell and document path.",
    )
    import_.add_argument("src", type=Path, metavar="SOURCE", help="the workbook or folder")
    import_.add_argument(
        "--base",
        type=Path,
        default=None,
        metavar="PLAN",
        help="update this plan's registers instead of reading a whole plan",
    )
    add_output(import_, "write the plan to PATH (.json, .yaml or .toml), not YAML to stdout")
    import_.set_defaults(command=lambda args: _import(args, ok))
    template = commands.add_parser(
        "template",
        help="write an empty workbook to fill in",
        description="Write an empty plan workbook with every sheet and column, for `import`.",
    )
    template.add_argument(
        "--xlsx", type=Path, required=True, metavar="FILE", help="the workbook to write"
    )
    template.set_defaults(command=lambda args: _template(args, ok))


def _export(args: argparse.Namespace, as_of: date, ok: int) -> int:
    target = TARGETS[args.to]
    src: Path | None = args.src
    if target.needs_plan and src is None:
        raise CollabrelError(f"export --to {target.name} needs a plan FILE")
    if not target.needs_plan and src is not None:
        msg = f"export --to {target.name} writes the --standard's catalogue and takes no FILE"
        raise CollabrelError(msg)
    output = target.output(src, args.output)
    if args.json and output is None and target.default is None and not target.is_json:
        msg = f"export --to {target.name} prints YAML; with --json, give --output"
        raise CollabrelError(msg)
    job = _Job(target.name, src, args.input_format, args.standard, as_of, output)
    written = target.write(job)
    if isinstance(written, Path):
        wrote(written, target.name, as_json=args.json, target=target.name)
    elif job.output is None:
        sys.stdout.write(written if written.endswith("\n") else written + "\n")
    else:
        write_atomically(job.output, written.encode("utf-8"))
        wrote(job.output, target.name, as_json=args.json, target=target.name)
    return ok


def _import(args: argparse.Namespace, ok: int) -> int:
    src: Path = args.src
    base_path: Path | None = args.base
    base = load(base_path) if base_path is not None else None
    plan = from_csv(src, base) if src.is_dir() else from_workbook(src, base)
    output: Path | None = args.output
    if output is None and args.json:
        print_json(to_data(plan))
    elif output is None:
        sys.stdout.write(dumps(plan, "yaml"))
    else:
        dump(plan, output)
        wrote(output, f"from {src}", as_json=args.json, source=str(src))
    return ok


def _template(args: argparse.Namespace, ok: int) -> int:
    path = template_workbook(args.xlsx)
    wrote(path, "an empty plan workbook", as_json=args.json)
    return ok
