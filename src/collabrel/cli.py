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
  report as text, Markdown, HTML or JSON; exit 0 when it is ready for certification, 1 when not.
- `collabrel schema`: print the JSON Schema of plan documents.
- `collabrel convert SRC DST`: read a document and write it in the format of DST's suffix.

Exit codes: 0 on success, 1 when `validate` finds problems or `assess` finds the plan not ready
for certification, 2 for usage errors and for documents or files that cannot be read or
written. Errors go to stderr as a message starting with `collabrel: error:` (a document's
message lists each of its problems), never as a traceback. `python -m collabrel` runs the same
program.

This is the top layer: it may read the clock (the default `--as-of` is today).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import tempfile
import textwrap
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Final

from attrs import evolve, fields

from collabrel._text import plural
from collabrel.conformance import ConformanceReport, assess, catalogues
from collabrel.errors import CollabrelError, DocumentError, MetricsError
from collabrel.examples import load as load_example
from collabrel.examples import names as example_names
from collabrel.governance import analyze as analyze_governance
from collabrel.lifecycle import (
    STANDARD,
    InvalidEventError,
    LifecycleDefinition,
    LifecycleError,
    LifecycleState,
    TransitionRefusedError,
    can,
    default_guards,
    replay,
    state_as_of,
    step,
    summarize,
    trace,
)
from collabrel.metrics import (
    DecisionMatrix,
    KPIStatus,
    Outcome,
    Trend,
    assess_exit_readiness,
    assess_health,
    assess_kpis,
    assess_maturity,
    assess_value,
    health_ratings,
    select_partners,
)
from collabrel.model import (
    Direction,
    Event,
    EventKind,
    Finding,
    PersonRole,
    Record,
    RelationshipManagementPlan,
    Result,
    RiskStatus,
    Stage,
)
from collabrel.report import to_html, to_markdown
from collabrel.serialization import dump, dumps, json_schema, load

__all__ = ["main"]

WIDTH: Final = 99
"""The widest line the command prints (so output fits a 100-column terminal)."""

EXIT_OK: Final = 0
EXIT_INVALID: Final = 1
EXIT_ERROR: Final = 2

_TOP_RISKS: Final = 5
_TREND_SPAN: Final = 3
_YES: Final = "[x]"
_NO: Final = "[ ]"
_NA: Final = " - "
_DEMO_STANDARD: Final = "iso44001:2017"
_FORMATS: Final = ("text", "markdown", "html", "json")
_SUFFIX_FORMATS: Final = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
}
_ATTENTION: Final = ((Result.MAJOR, "MAJOR"), (Result.MINOR, "MINOR"), (Result.OBSERVATION, "OBS"))

_Command = Callable[[argparse.Namespace], int]


# ----------------------------------------------------------------------------- entry point


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit code.

    Args:
        argv: The arguments after the program name; `sys.argv[1:]` when `None`.

    Returns:
        0 on success, 1 when `validate` finds problems in a document or `assess` finds the plan
        not ready for certification, 2 on a usage error or when a document or file cannot be
        read or written (the message goes to stderr).

    Examples:
        >>> main(["demo", "--example", "alliance", "--as-of", "2026-10-31"])  # doctest: +ELLIPSIS
        Northern Rail Renewals Alliance
        ...
        0
    """
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits on --help and on usage errors
        return _exit_code(exc.code)
    command: _Command = args.command
    try:
        return command(args)
    except BrokenPipeError:  # the reader went away (`collabrel demo | head`): stop quietly
        _silence_stdout()
        return EXIT_ERROR
    except (CollabrelError, OSError) as exc:
        print(f"collabrel: error: {_describe_error(exc)}", file=sys.stderr)
        return EXIT_ERROR


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


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        msg = f"expected a date such as 2026-10-31 (got {text!r})"
        raise argparse.ArgumentTypeError(msg) from None


def _today() -> date:
    return datetime.now(UTC).astimezone().date()


def _standard(text: str) -> str:
    known = catalogues()
    if text not in known:
        msg = f"unknown standard {text!r} (choose from {', '.join(known)})"
        raise argparse.ArgumentTypeError(msg)
    return text


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="collabrel",
        description="Collaborative business relationships (BS 11000-1 / ISO 44001) as data.",
    )
    commands = parser.add_subparsers(dest="name", required=True, metavar="COMMAND")

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
    demo.add_argument(
        "--as-of",
        type=_iso_date,
        default=None,
        metavar="YYYY-MM-DD",
        help="judge currency and progress on this day (default: today)",
    )
    demo.set_defaults(command=_demo)

    validate = commands.add_parser(
        "validate",
        help="check that a document loads; list every problem",
        description="Load a document (JSON, YAML or TOML), replay its lifecycle history, and"
        " report every problem with its path.",
    )
    validate.add_argument("path", type=Path, metavar="PATH", help="the document to check")
    validate.set_defaults(command=_validate)

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
    assess_.add_argument(
        "--standard",
        type=_standard,
        default="iso44001:2017",
        metavar="NAME",
        help=f"the standard to assess against: {', '.join(catalogues())} (default: iso44001:2017)",
    )
    assess_.add_argument(
        "--as-of",
        type=_iso_date,
        default=None,
        metavar="YYYY-MM-DD",
        help="judge currency and progress on this day (default: today)",
    )
    assess_.add_argument(
        "--format",
        choices=_FORMATS,
        default=None,
        help="the report's format: text, markdown, html or json (default: from the --output"
        " suffix, .md, .html or .json, else text)",
    )
    assess_.add_argument(
        "--output",
        type=Path,
        default=None,
        metavar="PATH",
        help="write the report to PATH instead of printing it",
    )
    assess_.set_defaults(command=_assess)

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
    return parser


# ----------------------------------------------------------------------------- commands


def _demo(args: argparse.Namespace) -> int:
    rmp = load_example(args.example)
    as_of: date = args.as_of if args.as_of is not None else _today()
    print("\n".join(_demo_lines(rmp, as_of)))
    return EXIT_OK


def _validate(args: argparse.Namespace) -> int:
    path: Path = args.path
    try:
        rmp = load(path)
    except DocumentError as exc:
        count = len(exc.problems)
        print(f"invalid: {path}: {count} problem{'s' if count != 1 else ''}")
        for problem in exc.problems:
            print(_wrap(f"  {problem.path or '(document)'}: {problem.message}", hang=4))
        return EXIT_INVALID
    try:
        replay(rmp.history)
    except InvalidEventError as exc:
        # Well formed, but the lifecycle history could not have happened.
        print(f"invalid: {path}: 1 problem")
        print(_wrap(f"  {exc.path}: {exc.reason}", hang=4))
        return EXIT_INVALID
    print(f"ok: {path}: {_one_line_summary(rmp)}")
    return EXIT_OK


def _assess(args: argparse.Namespace) -> int:
    path: Path = args.path
    as_of: date = args.as_of if args.as_of is not None else _today()
    report = assess(load(path), args.standard, as_of=as_of)
    output: Path | None = args.output
    fmt: str | None = args.format
    if fmt is None:
        fmt = _SUFFIX_FORMATS.get(output.suffix.lower(), "text") if output else "text"
    text = _render_report(report, fmt)
    ready = report.certification.ready
    if output is None:
        sys.stdout.write(text)
    else:
        _write_text(output, text)
        verdict = "ready" if ready else "not ready"
        print(f"wrote {output} ({path}: {verdict} for certification against {report.standard})")
    return EXIT_OK if ready else EXIT_INVALID


def _render_report(report: ConformanceReport, fmt: str) -> str:
    if fmt == "markdown":
        return to_markdown(report)
    if fmt == "html":
        return to_html(report)
    if fmt == "json":
        text = dumps(report, "json")
        return text if text.endswith("\n") else text + "\n"
    return "\n".join(_report_lines(report)) + "\n"


def _write_text(path: Path, text: str) -> None:
    """Write `text` to `path` atomically; an existing file keeps its permissions."""
    try:
        mode = path.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:  # name the file asked for, not the temporary one
        raise OSError(exc.errno, exc.strerror, str(path)) from exc
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        tmp.chmod(mode)
        tmp.replace(path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


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


# ----------------------------------------------------------------------------- the demo


def _demo_lines(rmp: RelationshipManagementPlan, as_of: date) -> list[str]:
    """The demo's summary of `rmp` as judged on `as_of`, as lines of plain ASCII-friendly text.

    Args:
        rmp: The plan to summarise.
        as_of: The day against which currency, realised value, KPIs and progress are judged.

    Returns:
        Lines of at most 99 characters, without trailing newlines.
    """
    sections = [
        _header(rmp, as_of),
        _parties(rmp),
        _stage_table(rmp, as_of),
        _risks(rmp, as_of),
        _print_governance(rmp),
        *_print_metrics(rmp, as_of),
        _lifecycle(rmp, as_of),
        _conformance_readiness(assess(rmp, _DEMO_STANDARD, as_of=as_of)),
        _flawed_findings(as_of),
    ]
    lines: list[str] = []
    for section in sections:
        if lines:
            lines.append("")
        lines.extend(section)
    return lines


def _header(rmp: RelationshipManagementPlan, as_of: date) -> list[str]:
    meta = rmp.meta
    rel = rmp.relationship
    title = rel.name if rel is not None else meta.title
    lines = [_clip(title), "=" * min(len(title), WIDTH)]
    if rel is not None:
        lines.append(
            _wrap(
                f"Relationship {rel.id!r}: {rel.kind.value},"
                f" {plural(len(rel.partners), 'partner')},"
                f" {plural(len(rel.people), 'person', 'people')}; scope: {rmp.scope.level.value}",
                hang=4,
            )
        )
    lines.append(
        _wrap(
            f"Plan: {meta.title} (revision {meta.revision}, {meta.status.value}), issued"
            f" {meta.issued_on.isoformat()}"
            + (f", next review {meta.next_review_on.isoformat()}" if meta.next_review_on else ""),
            hang=6,
        )
    )
    for approval in meta.approvals:
        who = _person_name(rmp, approval.person_id)
        lines.append(_wrap(f"  approved by {who}, {approval.role}, on {approval.on}", hang=4))
    if not meta.approvals:
        lines.append("  not approved by anyone")
    lines.append(f"As of: {as_of.isoformat()}")
    return lines


def _parties(rmp: RelationshipManagementPlan) -> list[str]:
    rel = rmp.relationship
    if rel is None:
        return ["Parties: none (a template plan has no relationship)"]
    lines = ["Parties and people"]
    for partner in rel.partners:
        lines.append(_clip(f"  [{partner.role.value}] {partner.name} ({partner.id})"))
        people = rel.people_of(partner.id)
        for person in people:
            roles = ", ".join(r.value for r in person.roles) or "no collaboration role"
            position = f", {person.position}" if person.position else ""
            lines.append(_wrap(f"      {person.name}{position} -- {roles}", hang=10))
        if not people:
            lines.append("      (no people named)")
    sers = [f"{p.name} ({p.partner_id})" for p in rel.people_with_role(PersonRole.SER)]
    lines.append(_wrap(f"  Senior Executives Responsible: {', '.join(sers) or 'none'}", hang=4))
    return lines


def _stage_table(rmp: RelationshipManagementPlan, as_of: date) -> list[str]:
    partner_ids = rmp.relationship.parties_to_agreement if rmp.relationship is not None else ()
    try:
        statuses = state_as_of(rmp.history, as_of).by_key()
    except LifecycleError:
        statuses = {}
    lines = [
        f"Stage records as of {as_of.isoformat()}",
        "  appr = approved, curr = approved and not overdue for review,",
        "  sign = signed by every partner (joint stages 5-8 only; ' - ' where not joint)",
        f"    {'record':<24} {'title':<54} appr curr sign",
    ]
    for stage in Stage:
        status = statuses[stage.value].label if statuses else "unknown (see the history)"
        joint = ", joint" if stage.is_joint else ""
        lines.append(
            f"  {stage.number} {stage.title} ({stage.phase.value}{joint}; lifecycle: {status})"
        )
        lines.extend(_stage_rows(rmp, stage, as_of, partner_ids))
    return lines


def _stage_rows(
    rmp: RelationshipManagementPlan, stage: Stage, as_of: date, partner_ids: tuple[str, ...]
) -> list[str]:
    section = rmp.stages.section(stage)
    records = list(rmp.stages.records(stage))
    rows: list[str] = []
    for attribute in fields(type(section)):
        name = attribute.name
        value = getattr(section, name)
        mine = [(p, r) for p, r in records if p == name or p.startswith(f"{name}[")]
        if mine:
            rows.extend(_record_row(p, r, stage, as_of, partner_ids) for p, r in mine)
        elif value is None:
            sign = _NO if stage.is_joint else _NA
            row = f"    {_cell(name, 24)} {_cell('-- missing --', 54)} {_NO}  {_NO}  {sign}"
            rows.append(row.rstrip())
        else:  # a tuple of entries that are not records
            count = f"{len(value)} entr{'ies' if len(value) != 1 else 'y'}" if value else "none"
            rows.append(f"    {_cell(name, 24)} {count}")
    return rows


def _record_row(
    path: str, record: Record, stage: Stage, as_of: date, partner_ids: tuple[str, ...]
) -> str:
    signed = _mark(record.is_signed_by_all(partner_ids)) if stage.is_joint else _NA
    approved = _mark(record.is_approved)
    current = _mark(record.is_current(as_of))
    title = record.title if record.is_approved else f"{record.title} ({record.status.value})"
    row = f"    {_cell(path, 24)} {_cell(title, 54)} {approved}  {current}  {signed}"
    return row.rstrip()


def _risks(rmp: RelationshipManagementPlan, as_of: date) -> list[str]:
    rel = rmp.relationship
    if rel is None or not rel.risks:
        return ["Risks: none recorded"]
    active = [r for r in rel.risks if r.status in (RiskStatus.OPEN, RiskStatus.MITIGATING)]
    top = sorted(active, key=lambda r: -r.score)[:_TOP_RISKS]
    lines = [
        f"Top risks by score ({len(active)} of {len(rel.risks)} are open or mitigating)",
        f"  {'score':>5}  {'L x I':<5}  {'id':<9} {'title':<36} {'owner':<16} review",
    ]
    for risk in top:
        if risk.review_on is None:
            review = "no date"
        elif risk.review_on < as_of:
            review = f"OVERDUE {risk.review_on.isoformat()}"
        else:
            review = risk.review_on.isoformat()
        lines.append(
            f"  {risk.score:>5}  {risk.likelihood} x {risk.impact}  {_cell(risk.id, 9)}"
            f" {_cell(risk.title, 36)} {_cell(_person_name(rmp, risk.owner), 16)} {review}"
        )
    owners = {rel.person(r.owner).partner_id for r in rel.risks}
    lines.append(f"  risk owners come from {plural(len(owners), 'partner')} of {len(rel.partners)}")
    return lines


def _lifecycle(rmp: RelationshipManagementPlan, as_of: date) -> list[str]:
    events = _events_until(rmp.history, as_of)
    later = len(rmp.history) - len(events)
    head = f"Lifecycle as of {as_of.isoformat()} (definition {STANDARD.name})"
    if not events:
        return [head, "  no lifecycle events yet: every stage is not started"]
    end = max(events[-1].at, datetime.combine(as_of, time(23, 59), tzinfo=UTC))
    try:
        summary = summarize(events, as_of=end)
    except LifecycleError as exc:
        return [head, _wrap(f"  the history cannot be replayed: {exc}", hang=4)]
    state = summary.state
    phases = "; ".join(f"{p.title} {s.label}" for p, s in state.phases.items())
    lines = [head, _wrap(f"  Phases: {phases}", hang=4)]
    lines.append(
        f"    {'stage':<26}{'status':<16}{'started':<12}{'completed':<12}"
        f"{'active days':>11}{'reopened':>10}"
    )
    for n, stage in enumerate(summary.stages, start=1):
        started = stage.first_started.date().isoformat() if stage.first_started else "-"
        done = stage.last_completed.date().isoformat() if stage.last_completed else "-"
        days = f"{stage.active_time.days}" if stage.first_started else "-"
        again = str(stage.times_reopened) if stage.times_reopened else "-"
        lines.append(
            f"    {_cell(f'{n} {stage.title}', 26)}{stage.status.label:<16}{started:<12}"
            f"{done:<12}{days:>11}{again:>10}"
        )
    span = f"{events[0].at.date().isoformat()} to {events[-1].at.date().isoformat()}"
    lines.append(
        f"  {plural(len(events), 'event')} from {span}; {plural(summary.overrides, 'override')}"
    )
    if later:
        lines.append(f"  ({plural(later, 'event')} after {as_of.isoformat()} not counted)")
    if summary.peak_at is not None and summary.peak_concurrency > 1:
        titles = ", ".join(state.definition.spec(k).title for k in summary.peak_stages)
        lines.append(
            _wrap(
                f"  Concurrency: at most {summary.peak_concurrency} stages active at once,"
                f" first on {summary.peak_at.date().isoformat()} ({titles})",
                hang=4,
            )
        )
    for event in events:
        if event.kind is EventKind.REOPEN and event.stage is not None:
            who = _person_name(rmp, event.actor)
            note = f": {event.note}" if event.note else ""
            lines.append(
                _wrap(
                    f"  Iteration: {event.stage.title} reopened on"
                    f" {event.at.date().isoformat()} by {who}{note}",
                    hang=4,
                )
            )
    lines.extend(_guard_audit(rmp, events))
    lines.extend(_dry_runs(rmp, state, end))
    return lines


def _guard_audit(rmp: RelationshipManagementPlan, events: list[Event]) -> list[str]:
    guards = default_guards()
    steps = trace(events, guards=guards, rmp=rmp)
    refused = [t for t in steps if t.refused]
    unjustified = sum(1 for t in refused if t.is_unjustified)
    lines = [
        _wrap(
            f"  Built-in guards on this history: {plural(len(steps), 'transition')},"
            f" {len(refused)} refused by the guards ({unjustified} without a recorded override)",
            hang=4,
        )
    ]
    for t in refused:
        event = t.event
        title = _event_title(t.before.definition, event)
        verdict = (
            f"refused; went ahead by override of {_person_name(rmp, event.override.by)}"
            if event.override is not None
            else "refused; went ahead with NO recorded override"
        )
        lines.append(
            _wrap(
                f"    {event.at.date().isoformat()} {event.kind.value} {title}: {verdict}",
                hang=8,
            )
        )
        lines.extend(_reason(f) for f in t.reasons)
        if event.override is not None:
            lines.append(_wrap(f"      override reason: {event.override.reason}", hang=8))
            bare = evolve(event, override=None)
            try:
                step(t.before, bare, guards=guards, rmp=rmp)
            except TransitionRefusedError as exc:
                lines.append(
                    _wrap(
                        f"      without it, step() raises TransitionRefusedError:"
                        f" {len(exc.reasons)} failed guard finding(s)",
                        hang=8,
                    )
                )
    return lines


def _dry_runs(rmp: RelationshipManagementPlan, state: LifecycleState, at: datetime) -> list[str]:
    guards = default_guards()
    actor = rmp.relationship.people[0].id if rmp.relationship and rmp.relationship.people else "x"
    tries = [
        Event(kind=EventKind.COMPLETE, stage=state.definition.spec(key).stage, actor=actor, at=at)
        for key in state.active
        if not state.definition.spec(key).is_substage
    ]
    if not state.is_exit_activated:
        tries.append(Event(kind=EventKind.ACTIVATE_EXIT, actor=actor, at=at))
    lines = [f"  Dry runs on {at.date().isoformat()} (can(): nothing is changed)"]
    for event in tries:
        verdict = can(state, event, guards=guards, rmp=rmp)
        what = f"{event.kind.value.replace('_', ' ')} {_event_title(state.definition, event)}"
        lines.append(f"    {what.strip()}: {'allowed' if verdict else 'REFUSED'}")
        lines.extend(_reason(f) for f in verdict.reasons)
    return lines


def _reason(finding: Finding) -> str:
    seen = [c.observed for c in finding.explanation if c.passed is False and c.observed]
    extra = f" (seen: {'; '.join(seen)})" if seen else ""
    return _wrap(f"      - [{finding.requirement}] {finding.message}{extra}", hang=8)


def _event_title(definition: LifecycleDefinition, event: Event) -> str:
    if event.substage is not None:
        return definition.spec(event.substage).title
    return definition.spec(event.stage).title if event.stage is not None else ""


def _events_until(events: Iterable[Event], as_of: date) -> list[Event]:
    return [e for e in events if e.at.date() <= as_of]


# ----------------------------------------------------------------------------- metrics


def _print_governance(rmp: RelationshipManagementPlan) -> list[str]:
    """The governance section: the escalation ladder, then what `analyze` finds."""
    rel = rmp.relationship
    if rel is None:
        return ["Governance: none (a template plan has no relationship)"]
    report = analyze_governance(rel)
    bad = report.nonconformities
    majors = sum(f.result is Result.MAJOR for f in bad)
    others = [f for f in report if not f.result.is_nonconformity]
    summary = f"{majors} major, {len(bad) - majors} minor, {plural(len(others), 'observation')}"
    lines = [f"Governance findings: {summary}"]
    for body in rel.governance.bodies:
        up = f" -> {body.escalates_to}" if body.escalates_to else " (top)"
        members = {rel.person(m).partner_id for m in body.members}
        lines.append(
            _clip(
                f"  {body.id}{up}: {body.kind.value}, {plural(len(body.members), 'member')}"
                f" from {plural(len(members), 'partner')}"
            )
        )
    lines.extend(
        _wrap(f"  {f.result.value.upper():<5} {f.requirement}: {f.message}", hang=8) for f in bad
    )
    if not bad:
        lines.append("  no nonconformities")
    counts: dict[str, int] = {}
    for f in others:
        counts[f.requirement] = counts.get(f.requirement, 0) + 1
    if counts:
        seen = ", ".join(f"{k} x{n}" for k, n in counts.items())
        lines.append(_wrap(f"  observations: {seen}", hang=6))
    return lines


def _print_metrics(rmp: RelationshipManagementPlan, as_of: date) -> list[list[str]]:
    """The demo's metrics sections: value, KPIs, health, maturity, exit, partner selection."""
    return [
        _value_realised(rmp, as_of),
        _kpi_status(rmp, as_of),
        _health(rmp, as_of),
        _maturity(rmp, as_of),
        _exit_readiness(rmp, as_of),
        _partner_selection(rmp),
    ]


def _value_realised(rmp: RelationshipManagementPlan, as_of: date) -> list[str]:
    rel = rmp.relationship
    if rel is None or not rel.value_propositions:
        return ["Value propositions: none"]
    realisation = assess_value(rel.value_propositions, as_of)
    lines = [f"Value propositions: expected benefits vs value realised by {as_of.isoformat()}"]
    for vp in rel.value_propositions:
        lines.append(_wrap(f"  {vp.id} [{vp.status.value}] {vp.statement}", hang=6))
        for benefit in vp.benefits:
            b = realisation.benefit(benefit.id)
            share = f" ({b.share:.0%})" if b.share is not None else ""
            kpi = f", KPI {benefit.kpi_id}" if benefit.kpi_id else ", no KPI"
            status = b.status.value.replace("_", " ")
            lines.append(
                _wrap(
                    f"    {b.benefit_id}: {b.description}; target {_num(b.target)} {b.unit},"
                    f" realised {_num(b.realised)}{share}, {status}{kpi}",
                    hang=8,
                )
            )
            if b.by_partner:
                split = "; ".join(
                    f"{p.partner_id or 'whole relationship'} {_num(p.amount)}" for p in b.by_partner
                )
                lines.append(_wrap(f"      by partner: {split}", hang=8))
    return lines


_KPI_STATUS_TEXT: Final = {
    KPIStatus.ON_TRACK: "on track",
    KPIStatus.AT_RISK: "at risk",
    KPIStatus.OFF_TRACK: "OFF TRACK",
    KPIStatus.NO_DATA: "no data",
}


def _kpi_status(rmp: RelationshipManagementPlan, as_of: date) -> list[str]:
    rel = rmp.relationship
    if rel is None or not rel.kpis:
        return ["KPIs: none defined"]
    report = assess_kpis(rel.kpis, as_of)
    counts = ", ".join(
        f"{report.count(status)} {text.lower()}"
        for status, text in _KPI_STATUS_TEXT.items()
        if report.count(status)
    )
    lines = [
        f"KPIs as of {as_of.isoformat()}: {counts}",
        f"  {'kpi':<28} {'latest':>9} {'on':<10} {'target':>10} {'unit':<10} {'status':<10} trend",
    ]
    for k in report.kpis:
        sign = ">=" if k.direction is Direction.INCREASE else "<="
        latest = _num(k.value) if k.value is not None else "-"
        on = k.measured_on.isoformat() if k.measured_on is not None else "-"
        trend = k.trend.value if k.trend is not Trend.UNKNOWN else "-"
        lines.append(
            f"  {_cell(k.name, 28)} {latest:>9} {on:<10} {sign + ' ' + _num(k.target):>10}"
            f" {_cell(k.unit, 10)} {_KPI_STATUS_TEXT[k.status]:<10} {trend}"
        )
        if k.forecast is not None and k.target_date is not None:
            lines.append(
                f"      forecast {_num(round(k.forecast, 1))} on {k.target_date.isoformat()}"
                " (straight-line trend of the last 4 measurements)"
            )
    return lines


def _health(rmp: RelationshipManagementPlan, as_of: date) -> list[str]:
    ratings = [r for r in health_ratings(rmp) if r.period <= as_of]
    if not ratings:
        return ["Relationship health: no survey responses recorded"]
    health = assess_health(ratings)
    latest = health.latest
    assert latest is not None  # noqa: S101 - there are ratings
    sides = [s.group for s in latest.sides]
    gap = latest.gaps[0] if latest.gaps else None
    gap_words = f"; gap = {gap.side} minus {gap.other}" if gap is not None else ""
    lines = [
        f"Relationship health (0-100, surveys rated by every side{gap_words})",
        f"  {'period':<12}{'overall':>8}" + "".join(f"{s:>9}" for s in sides) + f"{'gap':>8}",
    ]
    for period in health.periods:
        by_side = {s.group: s.index for s in period.sides}
        first = period.gaps[0].index_gap if period.gaps else None
        cells = "".join(f"{_score(by_side.get(s)):>9}" for s in sides)
        lines.append(
            f"  {period.period.isoformat():<12}{_score(period.overall.index):>8}{cells}"
            f"{_signed(first):>8}"
        )
    lines.append(f"  latest period by dimension ({latest.period.isoformat()}):")
    names = {d.id: d.name for d in health.dimensions}
    for i, dimension in enumerate(health.dimensions):
        scores = "".join(f"{_score(s.dimensions[i].score):>9}" for s in latest.sides)
        dim_gap = gap.dimensions[i].gap if gap is not None else None
        lines.append(f"    {_cell(dimension.name, 32)}{scores}{_signed(dim_gap):>8}")
    largest = gap.largest if gap is not None else None
    if gap is not None and largest is not None and largest.gap is not None:
        lower = gap.side if largest.gap < 0 else gap.other
        lines.append(
            _wrap(
                f"  perception gap: overall {_signed(gap.index_gap)}; largest on"
                f" {names[largest.dimension]} ({_signed(largest.gap)}), rated lower by the"
                f" {lower} side",
                hang=4,
            )
        )
    orgs = "; ".join(f"{o.group} {_score(o.index)}" for o in latest.organisations)
    lines.append(_wrap(f"  by organisation: {orgs}", hang=4))
    if health.change is not None:
        lines.append(f"  trend: overall index {_signed(health.change)} since the first survey")
    return lines


def _maturity(rmp: RelationshipManagementPlan, as_of: date) -> list[str]:
    assessments = rmp.stages.staying_together.maturity_assessments
    try:
        profile = assess_maturity(assessments, as_of=as_of)
    except MetricsError as exc:
        return [_wrap(f"Maturity: cannot be profiled: {exc}", hang=4)]
    if profile.assessed_on is None:
        return ["Maturity: not assessed"]
    since = f", change since {profile.previous_on}" if profile.previous_on else ""
    lines = [f"Maturity profile ({profile.assessed_on}, levels 1-5{since})"]
    cells = []
    for s in profile.stages:
        level = "-" if s.level is None else str(s.level)
        change = f" ({s.change:+d})" if s.change else ""
        cells.append(f"{s.stage.number} {s.stage.title} {level}{change}")
    lines.append(_wrap("  " + "; ".join(cells), hang=4))
    weakest = ", ".join(stage.title for stage in profile.weakest)
    lines.append(_wrap(f"  least mature: {weakest}", hang=4))
    return lines


def _exit_readiness(rmp: RelationshipManagementPlan, as_of: date) -> list[str]:
    rel = rmp.relationship
    plan = rel.exit_plan if rel is not None else None
    if rel is None or plan is None:
        return ["Exit readiness", f"  {_NO} no exit plan recorded"]
    readiness = assess_exit_readiness(plan, as_of, partner_ids=rel.parties_to_agreement)
    lines = [
        _clip(f"Exit readiness {readiness.score:.0f}/100: exit plan {plan.id!r}, {plan.title}")
    ]
    lines.extend(
        _clip(f"  {_mark(e.met)} {e.label}" + (f" ({e.detail})" if e.detail != e.label else ""))
        for e in readiness.elements
    )
    met = len(readiness.elements) - len(readiness.missing)
    lines.append(f"  {met} of {len(readiness.elements)} elements in place")
    return lines


def _partner_selection(rmp: RelationshipManagementPlan) -> list[str]:
    try:
        matrix = DecisionMatrix.from_plan(rmp)
    except MetricsError as exc:
        return [_wrap(f"Partner selection: cannot be scored: {exc}", hang=4)]
    if not matrix.candidates:
        return ["Partner selection: no candidate has been evaluated"]
    result = select_partners(matrix)
    t = result.thresholds
    lines = [
        _wrap(
            f"Partner selection (weighted sum after gates; proceed >= {t.proceed:g},"
            f" conditional >= {t.conditional:g}; band = 5th-95th percentile under random weights)",
            hang=4,
        ),
        f"  {'rank':>4} {'candidate':<34} {'score':>6}  {'outcome':<15} {'band':<12} wins",
    ]
    sens = result.sensitivity
    for c in result.candidates:
        rank = str(c.rank) if c.rank is not None else "-"
        score = f"{c.score:.1f}" if c.score is not None else "gate"
        band, wins = "", ""
        if sens is not None and c.score is not None:
            s = sens.candidate(c.candidate_id)
            band, wins = f"{s.low:.1f}-{s.high:.1f}", f"{s.win_share:.0%}"
        outcome = c.outcome.value.replace("_", " ")
        lines.append(
            f"  {rank:>4} {_cell(c.name, 34)} {score:>6}  {outcome:<15} {band:<12} {wins}".rstrip()
        )
    lines.extend(
        _wrap(f"    {c.candidate_id}: {'; '.join(c.reasons)}", hang=8)
        for c in result.candidates
        if c.outcome is not Outcome.PROCEED
    )
    decision = rmp.stages.partner_selection.decision
    if decision is not None:
        chosen = ", ".join(decision.selected) or "nobody"
        lines.append(_wrap(f"  recorded decision ({decision.decided_on}): {chosen}", hang=4))
    if sens is not None:
        lines.append(
            _wrap(
                f"  sensitivity: {sens.winner} stays the winner in {sens.winner_stability:.0%} of"
                f" {sens.draws:,} random weight sets (each weight x 1 +- {sens.spread:g},"
                f" seed {sens.seed})",
                hang=4,
            )
        )
        ranges = "; ".join(
            f"{w.criterion_id} {w.weight:.2f} ({w.low:.2f}-{w.high:.2f})"
            for w in sens.one_at_a_time
        )
        lines.append(_wrap(f"  weight ranges keeping the winner: {ranges}", hang=4))
    reversals = [r for r in result.rank_reversals if r.reversed_pairs]
    removed = ", ".join(r.removed for r in reversals) or "none"
    lines.append(_wrap(f"  rank reversal when one candidate is removed: {removed}", hang=4))
    return lines


def _score(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def _signed(value: float | None) -> str:
    return "-" if value is None else f"{value:+.1f}"


# ----------------------------------------------------------------------------- conformance


def _conformance_readiness(report: ConformanceReport) -> list[str]:
    """The certification verdict, the tally and the readiness of every stage."""
    cert = report.certification
    t = report.tally
    drafted = f", drafted from {report.drafted_from}" if report.drafted_from else ""
    verdict = (
        "ready (no major nonconformity; every stage agreed)"
        if cert.ready
        else "NOT READY: " + "; ".join(cert.reasons)
    )
    lines = [
        f"Conformance readiness ({report.standard}{drafted}, as of {report.as_of.isoformat()})",
        _wrap(f"  Certification: {verdict}", hang=4),
        _wrap(
            f"  {plural(t.total, 'requirement')}: {t.conforms} conform, {t.major} major and"
            f" {t.minor} minor nonconformities, {plural(t.observation, 'observation')},"
            f" {t.agreed_not_exercised} agreed (not yet exercised),"
            f" {t.not_assessable} not assessable from records",
            hang=4,
        ),
        f"    {'stage':<26}{'lifecycle':<16}{'readiness':>9}  {'agreed':<8}{'nonconformities':>15}",
    ]
    for r in report.readiness():
        status = r.status.replace("_", " ") if r.status else "unknown"
        share = "-" if r.readiness is None else f"{r.readiness:.0%}"
        lines.append(
            f"    {_cell(f'{r.stage.number} {r.stage.title}', 26)}{status:<16}{share:>9}"
            f"  {'yes' if r.agreed else 'NO':<8}{r.tally.nonconformities:>15}"
        )
        if r.gaps:
            lines.append(_wrap(f"      gaps: {', '.join(r.gaps)}", hang=12))
    return lines


def _finding_lines(label: str, finding: Finding) -> list[str]:
    """A finding: its message, its failed checks (what was seen, where) and the remedy.

    A failed check the message already states (`description: no (observed)`) is shown by its
    path alone, on the `where:` line, so nothing is said twice.
    """
    lines = [_wrap(f"  {label:<5} {finding.requirement}: {finding.message}", hang=8)]
    where: list[str] = []
    for check in finding.explanation:
        if check.passed is not False:
            continue
        stated = f"{check.description}: no ({check.observed})" in finding.message
        if stated and check.path:
            where.append(check.path)
            continue
        seen = f" (seen: {check.observed})" if check.observed else ""
        at = f" at {check.path}" if check.path else ""
        lines.append(_wrap(f"        failed: {check.description}{seen}{at}", hang=16))
    if where:
        lines.append(_wrap(f"        where: {'; '.join(dict.fromkeys(where))}", hang=15))
    if finding.remediation:
        lines.append(_wrap(f"        remedy: {finding.remediation}", hang=16))
    return lines


def _flawed_findings(as_of: date) -> list[str]:
    """The demo's look at explained findings: the flawed example's nonconformities."""
    report = assess(load_example("flawed"), _DEMO_STANDARD, as_of=as_of)
    t = report.tally
    lines = [
        _wrap(
            f"Conformance findings of the flawed example ({report.standard},"
            f" {report.as_of.isoformat()}): {t.major} major, {t.minor} minor",
            hang=4,
        )
    ]
    for result, label in _ATTENTION[:2]:
        for finding in report.findings:
            if finding.result is result:
                lines.extend(_finding_lines(label, finding))
    if not report.nonconformities:
        lines.append("  no nonconformities")
    observations = [f.requirement for f in report.findings if f.result is Result.OBSERVATION]
    if observations:
        lines.append(
            _wrap(
                f"  (and {plural(len(observations), 'observation')}: {', '.join(observations)};"
                " `collabrel assess` prints them all)",
                hang=4,
            )
        )
    return lines


def _report_lines(report: ConformanceReport) -> list[str]:
    """The `assess` command's plain-text report."""
    name = report.subject_name or report.subject or "plan"
    title = f"Conformance report: {name}"
    lines = [_clip(title), "=" * min(len(title), WIDTH)]
    subject = f" ({report.subject})" if report.subject else " (a template plan)"
    lines.append(_wrap(f"Subject: {name}{subject}", hang=4))
    lines.append(f"Standard: {report.standard}, catalogue version {report.catalogue_version}")
    lines.append(f"As of: {report.as_of.isoformat()}")
    lines.append("")
    lines.extend(_conformance_readiness(report))
    lines.extend(["", "Results by clause"])
    lines.append(
        f"  {'clause':<32}{'conform':>8}{'major':>6}{'minor':>6}{'obs':>4}{'agreed':>7}"
        f"{'n/a':>4}{'not assessable':>15}{'readiness':>10}"
    )
    titles = report.clause_titles()
    for clause, t in report.by_clause().items():
        share = "-" if t.readiness is None else f"{t.readiness:.0%}"
        name = f"{clause} {titles.get(clause, '')}".rstrip()
        lines.append(
            f"  {_cell(name, 32)}{t.conforms:>8}{t.major:>6}{t.minor:>6}{t.observation:>4}"
            f"{t.agreed_not_exercised:>7}{t.not_applicable:>4}{t.not_assessable:>15}{share:>10}"
        )
    lines.extend(["", "Nonconformities and observations"])
    shown = 0
    for result, label in _ATTENTION:
        for finding in report.findings:
            if finding.result is result:
                lines.extend(_finding_lines(label, finding))
                shown += 1
    if not shown:
        lines.append("  none")
    lines.extend(_other_results(report))
    return lines


def _other_results(report: ConformanceReport) -> list[str]:
    lines: list[str] = []
    for result, heading in (
        (Result.NOT_ASSESSABLE, "Not assessable from records"),
        (Result.AGREED_NOT_EXERCISED, "Agreed, not yet exercised"),
    ):
        found = [f for f in report.findings if f.result is result]
        if found:
            lines.extend(["", f"{heading} ({len(found)})"])
            lines.extend(_wrap(f"  {f.requirement}: {f.message}", hang=6) for f in found)
    for result, heading in (
        (Result.CONFORMS, "Conform"),
        (Result.NOT_APPLICABLE, "Not applicable"),
    ):
        ids = [f.requirement for f in report.findings if f.result is result]
        if ids:
            lines.extend(["", f"{heading} ({len(ids)})", _wrap("  " + ", ".join(ids), hang=2)])
    return lines


# ----------------------------------------------------------------------------- formatting


def _person_name(rmp: RelationshipManagementPlan, person_id: str) -> str:
    # Every person id in a loaded plan resolves (the model checks references), and a plan
    # without a relationship has no people to name.
    rel = rmp.relationship
    return rel.person(person_id).name if rel is not None else person_id


def _mark(flag: bool) -> str:
    return _YES if flag else _NO


def _num(value: float) -> str:
    """A number for people: thousands separated, no needless decimals (`1,300,000`, `0.08`)."""
    if float(value).is_integer():
        return f"{value:,.0f}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def _cell(text: str, width: int) -> str:
    """`text` padded or cut to exactly `width` characters (a cut ends in `~`)."""
    if len(text) > width:
        return text[: width - 1] + "~"
    return f"{text:<{width}}"


def _clip(text: str) -> str:
    return text if len(text) <= WIDTH else text[: WIDTH - 1] + "~"


def _wrap(text: str, hang: int) -> str:
    """`text` wrapped to the output width, continuation lines indented by `hang` spaces."""
    stripped = text.lstrip(" ")
    indent = " " * (len(text) - len(stripped))
    return textwrap.fill(
        stripped,
        width=WIDTH,
        initial_indent=indent,
        subsequent_indent=" " * hang,
        break_on_hyphens=False,
    )
