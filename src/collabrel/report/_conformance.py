"""Conformance reports for people: plain text, a Markdown document and a self-contained HTML page.

All three are rendered from one outline (`_outline.py`) built here once per report, so they
always say the same thing; where a terminal says a part more tersely, the part's two views are
built side by side from the same data. Nothing here reads the clock: the same report always
gives the same text.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Final, NamedTuple

from collabrel._text import plural, with_article
from collabrel.conformance import (
    Change,
    ConformanceReport,
    Outcome,
    ReportDiff,
    StageReadiness,
    Tally,
)
from collabrel.model import Check, Finding, Result, Stage
from collabrel.report import _render
from collabrel.report._outline import (
    DASH,
    RESULT_LABELS,
    Anchors,
    Bar,
    Bars,
    Block,
    Bullets,
    Column,
    Contents,
    Fields,
    Grid,
    GridRow,
    Group,
    Heading,
    Line,
    Para,
    Span,
    Table,
    Text,
    Views,
    anchored,
    code,
    codes,
    linked,
    plain,
    result_span,
    strong,
)

__all__ = [
    "Links",
    "Place",
    "finding_line",
    "finding_view",
    "readiness_view",
    "to_html",
    "to_markdown",
    "to_text",
]

_ATTENTION: Final = (
    (Result.MAJOR, "Major nonconformities", "MAJOR"),
    (Result.MINOR, "Minor nonconformities", "MINOR"),
    (Result.OBSERVATION, "Observations", "OBS"),
)
"""The results a report dwells on, gravest first: heading in a document, label in a terminal."""
_TERMINAL_LABELS: Final = {result: label for result, _, label in _ATTENTION}
_TALLY_COLUMNS: Final = (
    (Result.CONFORMS, "Conforms", "conform"),
    (Result.MAJOR, "Major", "major"),
    (Result.MINOR, "Minor", "minor"),
    (Result.OBSERVATION, "Observations", "obs"),
    (Result.AGREED_NOT_EXERCISED, "Agreed, not exercised", "agreed"),
    (Result.NOT_APPLICABLE, "Not applicable", "n/a"),
    (Result.NOT_ASSESSABLE, "Not assessable", "not assessable"),
)
"""A tally's columns: the result counted, its document header and its terminal header."""
_CHECK_MARKS: Final = {True: "\u2714 passed", False: "\u2718 failed", None: "\u2013 not judged"}


def _percent(value: float | None, none: str = DASH) -> str:
    return none if value is None else f"{value:.0%}"


def _heading(level: int, text: str, anchor: str = "") -> Heading:
    return Heading(level, (plain(text),), anchor)


def _document(*blocks: Block) -> Views:
    return Views(document=blocks, terminal=())


# ----------------------------------------------------------------------------- anchors


class Place(NamedTuple):
    """Where a finding stands in a report's HTML: its anchors, and the rows it links to.

    `anchor` is the finding's own, `requirement` its requirement's (given with the
    requirement's first finding only), `stage` and `clause` the anchors of the readiness and
    roll-up rows of its stage and clause. `""` is none. For a consequence, `causes` are the
    anchors of its root causes' findings (one per `Finding.caused_by`); for a root cause,
    `consequences` are its consequences' requirements and the anchors of their findings.
    """

    anchor: str = ""
    requirement: str = ""
    stage: str = ""
    clause: str = ""
    causes: tuple[str, ...] = ()
    consequences: tuple[tuple[str, str], ...] = ()


class Links(NamedTuple):
    """The anchors of one report's parts, so that its parts can link to each other.

    `sections` by a short name (`"readiness"`, `"findings-major"`, ...); `findings` one per
    finding of the report, in order, and `requirements` one per finding too (its requirement's
    anchor on the requirement's first finding, else `""`); `targets` the anchor of each
    requirement's first finding; `stages` and `clauses` the rows of the readiness table and of
    the roll-up by clause; `consequences` the requirements that are consequences of each root
    cause, in order.
    """

    sections: Mapping[str, str]
    findings: tuple[str, ...]
    requirements: tuple[str, ...]
    targets: Mapping[str, str]
    stages: Mapping[Stage, str]
    clauses: Mapping[str, str]
    consequences: Mapping[str, tuple[str, ...]] = {}

    def place(self, index: int, outcome: Outcome | None, finding: Finding | None = None) -> Place:
        """Where the report's finding number `index` (on `outcome`) stands.

        Given the `finding`, the place links it to its root causes or to its consequences.
        """
        stage = outcome.stage if outcome is not None else None
        clause = outcome.clause.split(".", 1)[0] if outcome is not None else ""
        causes: tuple[str, ...] = ()
        consequences: tuple[tuple[str, str], ...] = ()
        if finding is not None:
            causes = tuple(self.targets.get(r, "") for r in finding.caused_by)
            if self.requirements[index] and not finding.caused_by:
                consequences = tuple(
                    (c, self.targets.get(c, ""))
                    for c in self.consequences.get(finding.requirement, ())
                )
        return Place(
            self.findings[index],
            self.requirements[index],
            self.stages.get(stage, "") if stage is not None else "",
            self.clauses.get(clause, ""),
            causes,
            consequences,
        )


_SECTIONS: Final = (
    "contents",
    "certification",
    "readiness",
    "chart-readiness",
    "clauses",
    "findings",
    *(f"findings-{result.value}" for result, _, _ in _ATTENTION),
    "actions",
    "others",
)
"""The anchors of a report's sections (and of its chart), by which `Links.sections` names them."""


def _links(report: ConformanceReport) -> Links:
    """Every anchor of the report's page, taken in one order so they are the same every time."""
    anchors = Anchors()
    sections = {name: anchors.new(name) for name in _SECTIONS}
    stages = {r.stage: anchors.new("stage", r.stage.value) for r in report.readiness()}
    clauses = {clause: anchors.new("clause", clause) for clause in report.by_clause()}
    findings = tuple(anchors.new("finding", f.requirement) for f in report.findings)
    requirements: list[str] = []
    targets: dict[str, str] = {}
    consequences: dict[str, list[str]] = {}
    for f, anchor in zip(report.findings, findings, strict=True):
        first = f.requirement not in targets
        targets.setdefault(f.requirement, anchor)
        requirements.append(anchors.new("req", f.requirement) if first else "")
        if f.result.is_nonconformity:
            for root in f.caused_by:
                led = consequences.setdefault(root, [])
                if f.requirement not in led:
                    led.append(f.requirement)
    return Links(
        sections,
        findings,
        tuple(requirements),
        targets,
        stages,
        clauses,
        {root: tuple(led) for root, led in consequences.items()},
    )


# ----------------------------------------------------------------------------- reports


def _report_outline(report: ConformanceReport) -> tuple[str, list[Block]]:
    name = report.subject_name or report.subject or "plan"
    title = f"Conformance report: {name}"
    links = _links(report)
    at = links.sections
    return title, [
        _heading(1, title),
        _about(report),
        _document(Contents(at["contents"])),
        readiness_view(report, links),
        _heading(2, "Results by clause", at["clauses"]),
        _clause_table(report, links),
        _heading(2, "Nonconformities and observations", at["findings"]),
        *_attention(report, links),
        _actions(report, links),
        _others(report, links),
    ]


def _about(report: ConformanceReport) -> Fields:
    name = report.subject_name or report.subject or "plan"
    subject: Text = (
        (plain(f"{name} ("), code(report.subject), plain(")"))
        if report.subject is not None
        else (plain(f"{name} ({with_article(report.plan_kind.value)} plan)"),)
    )
    standard: Text = (
        code(report.standard),
        plain(f", catalogue version {report.catalogue_version}"),
    )
    if report.drafted_from is not None:
        standard += (
            plain("; drafted from "),
            code(report.drafted_from),
            plain(" through the crosswalk (a starting point for a review, not an assessment)"),
        )
    as_of: Text = (plain(report.as_of.isoformat()),)
    return Fields((("Subject", subject), ("Standard", standard), ("As of", as_of)))


def readiness_view(report: ConformanceReport, links: Links | None = None) -> Views:
    """The certification verdict, the tally and the readiness of every stage.

    A document gives them two sections (certification readiness, readiness by stage, with a
    bar chart of the stages' readiness above their table); a terminal one, headed
    `Conformance readiness`, with the stages in a fixed-width table. Given the whole report's
    `links`, the sections and the stages' rows have their anchors and each gap links to its
    finding.
    """
    cert = report.certification
    t = report.tally
    counts = (
        f"{plural(t.total, 'requirement')}: {t.conforms} conform, {t.major} major and {t.minor}"
        f" minor nonconformities, {plural(t.observation, 'observation')}"
    )
    summary = (
        f"{counts}, {t.agreed_not_exercised} agreed and not yet exercised,"
        f" {t.not_applicable} not applicable, {t.not_assessable} not assessable from records."
    )
    causes = _causes(t)
    if causes:
        summary += f" {causes}."
    if t.minor:
        need = "needs" if t.minor == 1 else "need"
        summary += (
            f" {plural(t.minor, 'minor nonconformity', 'minor nonconformities')}"
            f" {need} corrective action."
        )
    if cert.ready:
        verdict = Para(
            (
                strong("Ready for certification:"),
                plain(" no major nonconformity and every stage agreed."),
            ),
            "ready",
        )
    else:
        reasons = "; ".join(cert.reasons)
        verdict = Para((strong("Not ready for certification:"), plain(f" {reasons}.")), "not-ready")
    drafted = f", drafted from {report.drafted_from}" if report.drafted_from else ""
    as_of = report.as_of.isoformat()
    terse = (
        "ready (no major nonconformity; every stage agreed)"
        if cert.ready
        else "NOT READY: " + "; ".join(cert.reasons)
    )
    readiness = report.readiness()
    table, grid = _stage_tables(readiness, links)
    at = links.sections if links is not None else {}
    return Views(
        document=(
            _heading(2, "Certification readiness", at.get("certification", "")),
            verdict,
            Para((plain(summary),)),
            _heading(2, "Readiness by stage", at.get("readiness", "")),
            _readiness_chart(readiness, at.get("chart-readiness", "chart-readiness")),
            table,
        ),
        terminal=(
            _heading(2, f"Conformance readiness ({report.standard}{drafted}, as of {as_of})"),
            Line(f"Certification: {terse}"),
            Line(
                f"{counts}, {t.agreed_not_exercised} agreed (not yet exercised),"
                f" {t.not_assessable} not assessable from records"
            ),
            *((Line(causes),) if causes else ()),
            grid,
        ),
    )


def _causes(tally: Tally) -> str:
    """How many of the nonconformities are root causes and how many consequences ("" if none)."""
    if not tally.consequences:
        return ""
    n = tally.consequences
    which = (
        "1 is a consequence of a root cause, graded in its own right and listed with it"
        if n == 1
        else f"{n} are consequences of root causes, graded in their own right and listed with them"
    )
    return (
        f"The {plural(tally.nonconformities, 'nonconformity', 'nonconformities')} come from"
        f" {plural(tally.root_causes, 'root cause')}: {which}"
    )


def _readiness_chart(readiness: Sequence[StageReadiness], anchor: str) -> Bars:
    bars = tuple(
        Bar(
            f"{r.stage.number} {r.stage.title}",
            r.readiness,
            "agreed" if r.agreed else "not agreed",
            "agreed" if r.agreed else "not-agreed",
        )
        for r in readiness
    )
    title = "Readiness by stage: the share of judged requirements that conform or are agreed"
    return Bars(title, bars, anchor)


def _linked_codes(items: Sequence[str], targets: Mapping[str, str]) -> Text:
    """`items` as `codes` gives them, each linked to its anchor in `targets` (if it has one)."""
    return tuple(
        linked(span, targets.get(span[1], "")) if span[0] == "code" else span
        for span in codes(items)
    )


def _stage_tables(readiness: Sequence[StageReadiness], links: Links | None) -> tuple[Table, Grid]:
    targets = links.targets if links is not None else {}
    rows: list[tuple[Text, ...]] = []
    grid_rows: list[GridRow] = []
    for r in readiness:
        status = r.status.replace("_", " ") if r.status else "unknown"
        count = str(r.tally.nonconformities)
        rows.append(
            (
                (plain(str(r.stage.number)),),
                (plain(r.stage.title),),
                (plain(status),),
                (plain(_percent(r.readiness)),),
                (plain("yes" if r.agreed else "no"),),
                (plain(count),),
                _linked_codes(r.gaps, targets),
            )
        )
        share = _percent(r.readiness, "-")
        cells = (f"{r.stage.number} {r.stage.title}", status, share, "yes" if r.agreed else "NO")
        gaps = (Line(f"gaps: {', '.join(r.gaps)}", indent=6, hang=12),) if r.gaps else ()
        grid_rows.append(GridRow((*cells, count), gaps))
    table = Table(
        header=("#", "Stage", "Lifecycle", "Readiness", "Agreed", "Nonconformities", "Gaps"),
        rows=tuple(rows),
        numeric=frozenset({0, 3, 5}),
        row_styles=tuple("agreed" if r.agreed else "not-agreed" for r in readiness),
        row_anchors=tuple(links.stages[r.stage] for r in readiness) if links is not None else (),
    )
    columns = (
        Column("stage", 26),
        Column("lifecycle", 16),
        Column("readiness", 9, ">"),
        Column("agreed", 8, gap=2),
        Column("nonconformities", 15, ">"),
    )
    return table, Grid(columns, tuple(grid_rows), indent=4)


def _tally_counts(tally: Tally) -> tuple[str, ...]:
    return tuple(str(getattr(tally, result.value)) for result, _, _ in _TALLY_COLUMNS)


def _clause_table(report: ConformanceReport, links: Links) -> Views:
    titles = report.clause_titles()
    rows: list[tuple[Text, ...]] = []
    grid_rows: list[GridRow] = []
    for clause, tally in report.by_clause().items():
        counts = _tally_counts(tally)
        title = titles.get(clause, "")
        rows.append(
            (
                (plain(clause),),
                (plain(title),),
                *((plain(n),) for n in counts),
                (plain(_percent(tally.readiness)),),
            )
        )
        name = f"{clause} {title}".rstrip()
        grid_rows.append(GridRow((name, *counts, _percent(tally.readiness, "-"))))
    header = ("Clause", "Title", *(label for _, label, _ in _TALLY_COLUMNS), "Readiness")
    columns = (
        Column("clause", 32),
        *(Column(terse, len(terse) + 1, ">") for _, _, terse in _TALLY_COLUMNS),
        Column("readiness", 10, ">"),
    )
    table = Table(
        header=header,
        rows=tuple(rows),
        numeric=frozenset(range(2, 10)),
        row_anchors=tuple(links.clauses[clause] for clause in report.by_clause()),
    )
    return Views(document=(table,), terminal=(Grid(columns, tuple(grid_rows)),))


def _attention(report: ConformanceReport, links: Links) -> list[Block]:
    blocks: list[Block] = []
    for result, heading, _ in _ATTENTION:
        found = [(n, f) for n, f in enumerate(report.findings) if f.result is result]
        if not found:
            continue
        anchor = links.sections[f"findings-{result.value}"]
        blocks.append(_document(_heading(3, f"{heading} ({len(found)})", anchor)))
        for n, f in found:
            outcome = _outcome(report, f)
            blocks.append(finding_view(f, outcome, links.place(n, outcome, f)))
    if not blocks:
        none = Para((plain("None: no nonconformity and no observation."),))
        blocks.append(Views(document=(none,), terminal=(Line("none"),)))
    return blocks


def _outcome(report: ConformanceReport, finding: Finding) -> Outcome | None:
    return next((o for o in report.outcomes if o.requirement == finding.requirement), None)


def finding_view(
    finding: Finding, outcome: Outcome | None = None, place: Place | None = None
) -> Views:
    """A finding: in a document a section, in a terminal its message, failed checks and remedy.

    The section gives the requirement's title, clause and stage (from `outcome`), the message,
    every check, the evidence, whom it concerns and the remediation. The terminal says the
    message, then each failed check (what was seen, where) and the remedy; a failed check the
    message already states (`description: no (observed)`) is shown by its path alone, on a
    `where:` line, so nothing is said twice. In a report's HTML, `place` gives the section
    and its requirement their anchors, and links the clause and the stage to their rows.
    """
    place = place or Place()
    heading: Text = (anchored(code(finding.requirement), place.requirement),)
    where: list[tuple[str, str]] = [
        result_span(finding.result, RESULT_LABELS[finding.result].capitalize())
    ]
    if outcome is not None:
        heading += (plain(f" {outcome.title}"),)
        where.append(plain(" \u00b7 "))
        where.append(linked(plain(f"clause {outcome.clause}"), place.clause))
        if outcome.stage is not None:
            stage = outcome.stage
            where.append(plain(" \u00b7 "))
            where.append(linked(plain(f"stage {stage.number} {stage.title}"), place.stage))
    blocks: list[Block] = [Heading(4, heading), Para(tuple(where), "where")]
    if finding.caused_by:
        anchors = place.causes or ("",) * len(finding.caused_by)
        roots = _linked_ids(finding.caused_by, anchors)
        blocks.append(
            Para(
                (
                    strong("Consequence of"),
                    plain(" "),
                    *roots,
                    plain(": its grade stands, and correcting the root cause comes first."),
                ),
                "consequence",
            )
        )
    blocks.append(Para((plain(finding.message),)))
    if finding.explanation:
        blocks.append(Para((strong("Explanation"),)))
        blocks.append(Bullets(tuple(_check(c) for c in finding.explanation)))
    blocks.append(Para((strong("Evidence:"), plain(" "), *codes(finding.paths))))
    if finding.subjects:
        blocks.append(Para((strong("Concerns:"), plain(" "), *codes(finding.subjects))))
    if place.consequences:
        led = _linked_ids(*zip(*place.consequences, strict=True))
        blocks.append(Para((strong("Consequences:"), plain(" "), *led)))
    offered = _documents_offered(outcome)
    if offered:
        blocks.append(Para((strong(f"{DOCUMENTS_OFFERED.capitalize()}:"),)))
        blocks.append(Bullets(tuple((plain(e),) for e in offered)))
    if finding.remediation:
        blocks.append(Para((strong("Remediation:"), plain(f" {finding.remediation}"))))
    document = Group(finding.result.value, tuple(blocks), place.anchor)
    terminal = _finding_lines(finding, tuple(c for c, _ in place.consequences), offered)
    return Views(document=(document,), terminal=tuple(terminal))


def _linked_ids(ids: Sequence[str], anchors: Sequence[str]) -> Text:
    """Requirement ids as code, each linked to its anchor (`""`: not linked), comma-separated."""
    spans: list[tuple[str, str]] = []
    for n, (id_, anchor) in enumerate(zip(ids, anchors, strict=True)):
        if n:
            spans.append(plain(", "))
        spans.append(linked(code(id_), anchor))
    return tuple(spans)


def finding_line(finding: Finding) -> Line:
    """A finding on one terminal line: its result, requirement and message (`MAJOR X.Y: ...`)."""
    label = _TERMINAL_LABELS.get(finding.result, finding.result.value.upper())
    return Line(f"{label:<5} {finding.requirement}: {finding.message}", hang=8)


DOCUMENTS_OFFERED: Final = "documents offered"
"""How a finding introduces the accepted evidence of its requirement (the register's links)."""


def _documents_offered(outcome: Outcome | None) -> tuple[str, ...]:
    """The accepted evidence links of `outcome`'s requirement, described, in register order."""
    return tuple(e.describe() for e in outcome.evidence) if outcome is not None else ()


def _finding_lines(
    finding: Finding, consequences: Sequence[str] = (), offered: Sequence[str] = ()
) -> list[Line]:
    lines = [finding_line(finding)]
    if finding.caused_by:
        lines.append(Line(f"consequence of: {', '.join(finding.caused_by)}", indent=8, hang=24))
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
        lines.append(Line(f"failed: {check.description}{seen}{at}", indent=8, hang=16))
    if where:
        lines.append(Line(f"where: {'; '.join(dict.fromkeys(where))}", indent=8, hang=15))
    if consequences:
        lines.append(Line(f"consequences: {', '.join(consequences)}", indent=8, hang=22))
    lines.extend(Line(f"{DOCUMENTS_OFFERED}: {e}", indent=8, hang=27) for e in offered)
    if finding.remediation:
        lines.append(Line(f"remedy: {finding.remediation}", indent=8, hang=16))
    return lines


def _check(check: Check) -> Text:
    mark = {True: "pass", False: "fail", None: "none"}[check.passed]
    spans: list[tuple[str, str]] = [(f"check:{mark}", _CHECK_MARKS[check.passed]), plain(": ")]
    spans.append(plain(check.description))
    if check.observed:
        spans.append(plain(f"; observed: {check.observed}"))
    if check.path:
        spans.extend((plain(" ("), code(check.path), plain(")")))
    return tuple(spans)


def _actions(report: ConformanceReport, links: Links) -> Views:
    """The corrective actions, each once: root causes first, then what follows from them."""
    actions = report.remediations()
    heading = "Corrective actions"
    if not actions:
        return Views(document=(), terminal=())
    n = len(report.nonconformities)
    summary = (
        f"{plural(len(actions), 'action')} for {plural(n, 'nonconformity', 'nonconformities')},"
        " each listed once, root causes first; an action marked after a root cause follows"
        " from it and comes once that is corrected."
    )
    items: list[Text] = []
    lines: list[Block] = [_heading(2, f"{heading} ({len(actions)} for {n} nonconformities)")]
    for i, a in enumerate(actions, 1):
        label = a.result.value
        text: Text = ()
        line = f"{i:>2}. "
        if a.caused_by:
            text += (
                strong("after"),
                plain(" "),
                *_linked_codes(a.caused_by, links.targets),
                plain(": "),
            )
            line += f"after {', '.join(a.caused_by)}: "
        text += (*_linked_codes(a.requirements, links.targets), plain(f" ({label}): {a.action}"))
        items.append(text)
        line += f"{', '.join(a.requirements)} ({label}): {a.action}"
        lines.append(Line(line, indent=2, hang=6))
    document: tuple[Block, ...] = (
        _heading(2, heading, links.sections["actions"]),
        Para((plain(summary),)),
        Bullets(tuple(items)),
    )
    return Views(document=document, terminal=tuple(lines))


_OTHERS: Final = (
    (Result.NOT_ASSESSABLE, "Not assessable from records"),
    (Result.AGREED_NOT_EXERCISED, "Agreed, not yet exercised"),
    (Result.CONFORMS, "Conform"),
    (Result.NOT_APPLICABLE, "Not applicable"),
)
"""The other results; a terminal lists them by result in this order, the last two by id only."""


OFFERED: Final = "evidence offered"
"""How a requirement not assessable from records, with accepted evidence, reads in reports."""


def _evidence(report: ConformanceReport) -> dict[str, tuple[str, ...]]:
    """Each requirement with accepted evidence: the links described, in register order."""
    return {o.requirement: _documents_offered(o) for o in report.outcomes if o.evidence}


def _result_cell(result: Result, offered: bool) -> Span:
    label = RESULT_LABELS[result]
    return result_span(result, f"{label}, {OFFERED}" if offered else None)


def _others(report: ConformanceReport, links: Links) -> Views:
    attention = {r for r, _, _ in _ATTENTION}
    numbered = [(n, f) for n, f in enumerate(report.findings) if f.result not in attention]
    rest = [f for _, f in numbered]
    evidence = _evidence(report)
    document: list[Block] = [_heading(2, "Other results", links.sections["others"])]
    if rest:
        rows = tuple(
            (
                (anchored(code(f.requirement), links.requirements[n]),),
                (_result_cell(f.result, _offered(f, evidence)),),
                (
                    plain(f.message),
                    *(plain(f" Evidence: {e}") for e in evidence.get(f.requirement, ())),
                ),
            )
            for n, f in numbered
        )
        anchors = tuple(links.findings[n] for n, _ in numbered)
        header = ("Requirement", "Result", "Detail")
        document.append(Table(header=header, rows=rows, row_anchors=anchors))
    else:
        none = "None: every requirement is a nonconformity or an observation."
        document.append(Para((plain(none),)))
    terminal: list[Block] = []
    for n, (result, heading) in enumerate(_OTHERS):
        found = [f for f in rest if f.result is result]
        if not found:
            continue
        terminal.append(_heading(2, f"{heading} ({len(found)})"))
        if n < 2:  # noqa: PLR2004 - the first two are listed with their messages
            for f in found:
                said = f"{OFFERED}; " if _offered(f, evidence) else ""
                terminal.append(Line(f"{f.requirement}: {said}{f.message}", hang=6))
                terminal.extend(
                    Line(f"evidence: {e}", indent=4, hang=6)
                    for e in evidence.get(f.requirement, ())
                )
        else:
            terminal.append(Line(", ".join(f.requirement for f in found), hang=2))
            terminal.extend(
                Line(f"{f.requirement} evidence: {e}", indent=4, hang=6)
                for f in found
                for e in evidence.get(f.requirement, ())
            )
    return Views(document=tuple(document), terminal=tuple(terminal))


def _offered(finding: Finding, evidence: Mapping[str, tuple[str, ...]]) -> bool:
    """Whether `finding` is not assessable from records and its requirement has evidence."""
    return finding.result is Result.NOT_ASSESSABLE and finding.requirement in evidence


# ----------------------------------------------------------------------------- diffs

_DIRECTIONS: Final = ("improved", "regressed", "added", "removed", "unchanged")


def _diff_outline(diff: ReportDiff) -> tuple[str, list[Block]]:
    title = (
        f"Conformance changes from {diff.previous_as_of.isoformat()} to {diff.as_of.isoformat()}"
    )
    groups = {d: [c for c in diff.changes if c.direction == d] for d in _DIRECTIONS}
    counts = ", ".join(f"{len(groups[d])} {d}" for d in _DIRECTIONS if d != "unchanged")
    moved = len(diff.moved)
    summary = (
        f"{plural(moved, 'requirement')} moved ({counts}); {len(groups['unchanged'])} unchanged."
    )
    anchors = Anchors()
    contents = _document(Contents(anchors.new("contents")))
    blocks: list[Block] = [_heading(1, title), Para((plain(summary),)), contents]
    for direction in ("improved", "regressed", "added", "removed"):
        changes = groups[direction]
        if not changes and direction in ("added", "removed"):
            continue
        heading = f"{direction.capitalize()} ({len(changes)})"
        blocks.append(_heading(2, heading, anchors.new(direction)))
        if changes:
            blocks.append(_change_table(changes, anchors))
        else:
            blocks.append(Para((plain(f"No requirement {direction}."),)))
    return title, blocks


def _change_table(changes: Sequence[Change], anchors: Anchors) -> Table:
    rows = tuple(
        (
            (anchored(code(c.requirement), anchors.new("req", c.requirement)),),
            (plain(c.title),),
            (result_span(c.before),),
            (result_span(c.after),),
        )
        for c in changes
    )
    return Table(header=("Requirement", "Title", "Before", "After"), rows=rows)


def _outline(obj: ConformanceReport | ReportDiff) -> tuple[str, list[Block]]:
    if isinstance(obj, ConformanceReport):
        return _report_outline(obj)
    if isinstance(obj, ReportDiff):
        return _diff_outline(obj)
    msg = f"expected a ConformanceReport or a ReportDiff (got {type(obj).__name__})"
    raise TypeError(msg)


# ----------------------------------------------------------------------------- renderers


def to_text(report: ConformanceReport | ReportDiff) -> str:
    """A conformance report (or the changes between two) as plain text for a terminal.

    The text says what `to_markdown` says, laid out for a
    100-column terminal: the subject, standard and date; the certification verdict, the tally
    and a fixed-width table of readiness by stage (with each stage's gaps); the roll-up by
    clause; every major and minor nonconformity and observation with its message, the checks
    that failed (what was seen, and where) and the remedy; then the requirements not assessable
    from records, agreed and not yet exercised, conforming and not applicable. A
    `ReportDiff` gives what improved and what regressed.
    It is what `collabrel assess --format text` prints.

    Lines are at most 99 characters; the text is deterministic (no timestamps) and ends in a
    newline.

    Args:
        report: A `ConformanceReport` or a
            `ReportDiff`.

    Returns:
        The text.

    Raises:
        TypeError: If `report` is neither.

    Examples:
        >>> import datetime
        >>> from collabrel import assess, examples
        >>> from collabrel.report import to_text
        >>> flawed = assess(examples.load("flawed"), as_of=datetime.date(2026, 10, 31))
        >>> for line in to_text(flawed).splitlines()[:3]:
        ...     print(line)
        Conformance report: Greywater Harbour maintenance partnership
        =============================================================
        Subject: Greywater Harbour maintenance partnership (harbour-maintenance)
        >>> "        where: stages.working_together.joint_rmp.signatories" in to_text(flawed)
        True
        >>> print(to_text(flawed.diff(flawed)).splitlines()[2])
          0 requirements moved (0 improved, 0 regressed, 0 added, 0 removed); 74 unchanged.
    """
    _, blocks = _outline(report)
    return "\n".join(_render.text(blocks)) + "\n"


def to_markdown(report: ConformanceReport | ReportDiff) -> str:
    """A conformance report (or the changes between two) as a Markdown document.

    A report gives its subject, standard and date; the certification verdict with its reasons;
    a readiness table per stage and a roll-up per clause; then every major and minor
    nonconformity and observation with its message, the checks behind it (`✔ passed` or
    `✘ failed`, what was observed, and the record's path), its evidence and what to do about
    it; and last a compact table of the other results (conforms, agreed and not exercised,
    not assessable with the reason). A `ReportDiff` gives
    what improved and what regressed.

    The text is GitHub-flavoured Markdown, deterministic (no timestamps) and ends in a newline;
    what comes from the plan is escaped so it cannot break the layout.

    Args:
        report: A `ConformanceReport` or a
            `ReportDiff`.

    Returns:
        The Markdown text.

    Raises:
        TypeError: If `report` is neither.

    Examples:
        >>> from datetime import date
        >>> from collabrel import examples
        >>> from collabrel.conformance import assess
        >>> from collabrel.report import to_markdown
        >>> report = assess(examples.load("flawed"), "iso44001:2017", as_of=date(2026, 10, 31))
        >>> text = to_markdown(report)
        >>> print(text.splitlines()[0])
        # Conformance report: Greywater Harbour maintenance partnership
        >>> "(`stages.working_together.joint_rmp.signatories`)" in text
        True
        >>> before = assess(examples.load("flawed"), "iso44001:2017", as_of=date(2019, 6, 1))
        >>> print(to_markdown(report.diff(before)).splitlines()[0])
        # Conformance changes from 2019-06-01 to 2026-10-31
    """
    _, blocks = _outline(report)
    return _render.markdown(blocks)


def to_html(report: ConformanceReport | ReportDiff) -> str:
    """A conformance report (or the changes between two) as one self-contained HTML page.

    The page says what `to_markdown` says, with results
    colour-coded (major red, minor orange, observation amber, conforms green, agreed and not
    exercised blue, the rest grey). Its CSS is inline: no script, font, image or stylesheet
    is fetched, so the file can be mailed or archived as it is. Every string that comes from
    the plan is HTML-escaped. The page is deterministic (no timestamps).

    A report's page opens with a table of contents, and draws the readiness of every stage
    as a bar chart (inline SVG, with a title and description for screen readers) above the
    readiness table. Every finding has an anchor (`#finding-cbr-s5-joint-rmp`) and so does
    its requirement (`#req-cbr-s5-joint-rmp`): made from the requirement's id, unique on the
    page and the same in every report. Each gap in the readiness table links to its finding;
    each finding links back to the rows of its clause and its stage. It fits a phone's width,
    and printed it leaves out the contents, prints black on white and keeps each finding on
    one page.

    Args:
        report: A `ConformanceReport` or a
            `ReportDiff`.

    Returns:
        The HTML document, starting with `<!DOCTYPE html>` and ending in a newline.

    Raises:
        TypeError: If `report` is neither.

    Examples:
        >>> import datetime
        >>> from collabrel import assess, examples, report
        >>> plan = examples.load("alliance")
        >>> page = report.to_html(assess(plan, as_of=datetime.date(2026, 10, 31)))
        >>> page.startswith("<!DOCTYPE html>"), "<script" in page
        (True, False)
        >>> '<p class="ready"><strong>Ready for certification:</strong>' in page
        True
        >>> '<a href="#finding-cbr-s5-performance"><code>CBR.S5.PERFORMANCE</code></a>' in page
        True
    """
    title, blocks = _outline(report)
    return _render.html_page(title, blocks)
