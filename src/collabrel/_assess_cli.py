"""The `collabrel assess` command: plans judged against a standard, one report per plan.

`collabrel assess PATH... [--standard NAME] [--as-of DATE] [--enterprise PATH]
[--format FORMAT | --json] [--output PATH]` reads each plan (files, globs, `-` for stdin with
`--input-format`) and writes its conformance report in one of `REPORT_FORMATS`. With
`--enterprise`, the plans naming that enterprise plan in `meta.inherits` are assessed
inheriting from it (`assess_many`), the others on their own:

- without `--output`, the reports are printed one after another; several plans' reports can
  share stdout only in a format that `joins` (text, Markdown), or in JSON, as one report per
  line (JSON Lines);
- with `--output FILE`, the one plan's report is written there (the suffix chooses the
  format unless `--format` does);
- with `--output FOLDER` (an existing folder, required for several plans), each report is
  written into it, named after its plan with the format's suffix (`plan.yaml` gives
  `plan.txt`; stdin gives `stdin.txt`). Two plans of the same name, or a report that would
  overwrite a plan, are refused before anything is assessed.

The exit code is the worst of the plans': 0 when every plan is ready for certification, 1
when one is not, 2 when one cannot be read.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import attrs
from attrs import frozen

import collabrel._cli_io as cli_io
from collabrel._cli_options import Commands, add_as_of, add_output, add_paths, add_standard, as_of
from collabrel.conformance import assess_many
from collabrel.errors import CollabrelError
from collabrel.model import PlanKind, RelationshipManagementPlan
from collabrel.report import REPORT_FORMATS, ReportFormat, choose_format
from collabrel.serialization import to_data
from collabrel.serialization._save import write_atomically

__all__ = ["add_assess"]


def add_assess(commands: Commands) -> None:
    """Add `assess` to the CLI's sub-commands."""
    assess_ = commands.add_parser(
        "assess",
        help="assess documents against ISO 44001 or BS 11000-1",
        description="Judge each plan against every requirement of a standard, explain each"
        " result and print the conformance report. Exit 0 when every plan is ready for"
        " certification, 1 when one is not, 2 when a document cannot be read.",
    )
    add_paths(assess_, "the plans to assess (JSON, YAML or TOML)")
    add_standard(assess_, "to assess against")
    add_as_of(assess_)
    assess_.add_argument(
        "--enterprise",
        type=Path,
        default=None,
        metavar="PATH",
        help="the enterprise plan the plans inherit from: a plan naming it in meta.inherits"
        " relies on its records where it has none of its own",
    )
    suffixes = ", ".join(f"{f.suffixes[0]} {f.name}" for f in REPORT_FORMATS.values())
    assess_.add_argument(
        "--format",
        choices=tuple(REPORT_FORMATS),
        default=None,
        help=f"the report's format (default: the one the --output suffix names: {suffixes};"
        " else text; json with --json)",
    )
    add_output(
        assess_,
        "write the report to PATH instead of printing it; if PATH is a folder, one report"
        " per plan into it, named after the plan",
    )
    assess_.set_defaults(command=_assess)


def _assess(args: argparse.Namespace) -> int:
    if args.json and args.format not in (None, "json"):
        raise CollabrelError(f"--json prints the report as JSON, not --format {args.format}")
    paths = cli_io.expand(args.paths, args.input_format)
    reports = _Reports.plan(paths, args.output, "json" if args.json else args.format)
    reports = attrs.evolve(reports, enterprise=_enterprise(args.enterprise))
    return cli_io.each(paths, lambda path, name: reports.write(args, path, name), as_json=args.json)


def _enterprise(path: Path | None) -> RelationshipManagementPlan | None:
    """The `--enterprise` plan, read and checked to be one.

    Raises:
        CollabrelError: If it is not an enterprise plan (or cannot be read: `DocumentError`).
    """
    if path is None:
        return None
    plan = cli_io.read_plan(path, None)
    if plan.meta.kind is not PlanKind.ENTERPRISE:
        msg = f"--enterprise {path}: a {plan.meta.kind.value} plan, not an enterprise plan"
        raise CollabrelError(msg)
    return plan


@frozen
class _Reports:
    """The reports' format, where each plan's report goes (`None`: stdout), the enterprise plan."""

    format: ReportFormat
    outputs: dict[Path, Path | None]
    enterprise: RelationshipManagementPlan | None = None

    @classmethod
    def plan(cls, paths: list[Path], output: Path | None, name: str | None) -> _Reports:
        """Where the reports of `paths` go, asked for with `--output` and `--format`.

        Raises:
            CollabrelError: If they cannot go there (see the module).
        """
        outputs: dict[Path, Path | None]
        if output is not None and output.is_dir():
            fmt = choose_format(name)
            stems = ("stdin" if cli_io.is_stdin(p) else p.stem for p in paths)
            outputs = {
                p: output / f"{stem}{fmt.suffixes[0]}" for p, stem in zip(paths, stems, strict=True)
            }
        else:
            fmt = choose_format(name, output)
            outputs = dict.fromkeys(paths, output)
            if len(paths) > 1 and output is not None:
                msg = f"{len(paths)} plans give {len(paths)} reports: --output must be a folder"
                raise CollabrelError(f"{msg} (got {output})")
            if len(paths) > 1 and not fmt.joins and fmt.name != "json":
                msg = f"{len(paths)} {fmt.name} reports cannot share stdout; give --output FOLDER"
                raise CollabrelError(msg)
        _check_distinct(outputs)
        return cls(fmt, outputs)

    def write(self, args: argparse.Namespace, path: Path, name: str) -> int:
        """Assess the plan at `path` and write its report; the exit code for it."""
        plan = cli_io.read_plan(path, args.input_format)
        (report,) = assess_many(
            [plan], args.standard, as_of=as_of(args), enterprise=self.enterprise
        )
        ready = report.certification.ready
        code = cli_io.EXIT_OK if ready else cli_io.EXIT_INVALID
        output = self.outputs[path]
        several = len(self.outputs) > 1
        if output is None and self.format.name == "json" and several:
            cli_io.print_json(to_data(report))  # JSON Lines: one report per line
            return code
        text = self.format.render(report, source=None if cli_io.is_stdin(path) else path)
        if output is None:
            if several and path != next(iter(self.outputs)):
                sys.stdout.write("\n")
            if self.format.name == "text":
                text = cli_io.paint(text, good=ready, line="Certification: ")
            sys.stdout.write(text)
            return code
        write_atomically(output, text.encode("utf-8"))
        verdict = "ready" if ready else "not ready"
        cli_io.wrote(
            output,
            f"{name}: {verdict} for certification against {report.standard}",
            as_json=args.json,
            source=name,
            ready=ready,
            standard=report.standard,
        )
        return code


def _check_distinct(outputs: dict[Path, Path | None]) -> None:
    """Refuse two plans' reports in one file, and a report written over a plan."""
    taken: dict[Path, Path] = {}
    plans = {p.resolve(): p for p in outputs if not cli_io.is_stdin(p)}
    for plan, output in outputs.items():
        if output is None:
            continue
        where = output.resolve()
        if where in plans:
            raise CollabrelError(f"the report {output} would overwrite the plan {plans[where]}")
        if where in taken:
            msg = f"the reports of {taken[where]} and {plan} would both be {output}"
            raise CollabrelError(msg)
        taken[where] = plan
