"""Conformance reports for people: a Markdown document and a self-contained HTML page.

Both are built from the same outline (headings, paragraphs, lists and tables made of short
styled spans), so they always say the same thing; only the rendering differs. Nothing here reads
the clock: the same report always gives the same text.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from typing import Final, NamedTuple, TypeAlias

from collabrel._text import plural
from collabrel.conformance import (
    Change,
    ConformanceReport,
    ReportDiff,
    StageReadiness,
    Tally,
)
from collabrel.model import Check, Finding, Result

__all__ = ["to_html", "to_markdown"]

RESULT_LABELS: Final = {
    Result.MAJOR: "major nonconformity",
    Result.MINOR: "minor nonconformity",
    Result.OBSERVATION: "observation",
    Result.CONFORMS: "conforms",
    Result.AGREED_NOT_EXERCISED: "agreed, not exercised",
    Result.NOT_APPLICABLE: "not applicable",
    Result.NOT_ASSESSABLE: "not assessable",
}
"""How each result is named in a report."""

RESULT_COLOURS: Final = {
    Result.MAJOR: "#c62828",
    Result.MINOR: "#ef6c00",
    Result.OBSERVATION: "#f9a825",
    Result.CONFORMS: "#2e7d32",
    Result.AGREED_NOT_EXERCISED: "#1565c0",
    Result.NOT_APPLICABLE: "#9e9e9e",
    Result.NOT_ASSESSABLE: "#616161",
}
"""The colour of each result in the HTML page."""

_ATTENTION: Final = (
    (Result.MAJOR, "Major nonconformities"),
    (Result.MINOR, "Minor nonconformities"),
    (Result.OBSERVATION, "Observations"),
)
_TALLY_COLUMNS: Final = (
    (Result.CONFORMS, "Conforms"),
    (Result.MAJOR, "Major"),
    (Result.MINOR, "Minor"),
    (Result.OBSERVATION, "Observations"),
    (Result.AGREED_NOT_EXERCISED, "Agreed, not exercised"),
    (Result.NOT_APPLICABLE, "Not applicable"),
    (Result.NOT_ASSESSABLE, "Not assessable"),
)
_DASH: Final = "\u2013"  # an en dash: nothing to show
_CHECK_MARKS: Final = {True: "\u2714 passed", False: "\u2718 failed", None: "\u2013 not judged"}

# ----------------------------------------------------------------------------- the outline

_Span: TypeAlias = tuple[str, str]
"""`(style, text)`: style `""`, `"code"`, `"strong"`, `"result:<value>"` or `"check:<mark>"`."""
_Text: TypeAlias = tuple[_Span, ...]


class _Heading(NamedTuple):
    level: int
    text: _Text


class _Para(NamedTuple):
    text: _Text
    style: str = ""


class _Bullets(NamedTuple):
    items: tuple[_Text, ...]


class _Table(NamedTuple):
    header: tuple[str, ...]
    rows: tuple[tuple[_Text, ...], ...]
    numeric: frozenset[int] = frozenset()
    row_styles: tuple[str, ...] = ()


class _Group(NamedTuple):
    style: str
    blocks: tuple[_Block, ...]


_Block: TypeAlias = _Heading | _Para | _Bullets | _Table | _Group


def _plain(text: str) -> _Span:
    return ("", text)


def _code(text: str) -> _Span:
    return ("code", text)


def _strong(text: str) -> _Span:
    return ("strong", text)


def _result(result: Result, text: str | None = None) -> _Span:
    return (f"result:{result.value}", text if text is not None else RESULT_LABELS[result])


def _codes(items: Iterable[str]) -> _Text:
    spans: list[_Span] = []
    for n, item in enumerate(items):
        if n:
            spans.append(_plain(", "))
        spans.append(_code(item))
    return tuple(spans) or (_plain(_DASH),)


def _percent(value: float | None) -> str:
    return _DASH if value is None else f"{value:.0%}"


# ----------------------------------------------------------------------------- reports


def _report_outline(report: ConformanceReport) -> tuple[str, list[_Block]]:
    name = report.subject_name or report.subject or "plan"
    title = f"Conformance report: {name}"
    blocks: list[_Block] = [_Heading(1, (_plain(title),)), _about(report)]
    blocks.extend(_certification(report))
    blocks.append(_Heading(2, (_plain("Readiness by stage"),)))
    blocks.append(_stage_table(report.readiness()))
    blocks.append(_Heading(2, (_plain("Results by clause"),)))
    blocks.append(_clause_table(report))
    blocks.append(_Heading(2, (_plain("Nonconformities and observations"),)))
    blocks.extend(_attention(report))
    blocks.append(_Heading(2, (_plain("Other results"),)))
    blocks.extend(_others(report))
    return title, blocks


def _about(report: ConformanceReport) -> _Bullets:
    if report.subject is not None:
        subject: _Text = (
            _strong("Subject:"),
            _plain(f" {report.subject_name or report.subject} ("),
            _code(report.subject),
            _plain(")"),
        )
    else:
        subject = (
            _strong("Subject:"),
            _plain(f" {report.subject_name or 'plan'} (a template plan)"),
        )
    standard: _Text = (
        _strong("Standard:"),
        _plain(" "),
        _code(report.standard),
        _plain(f", catalogue version {report.catalogue_version}"),
    )
    if report.drafted_from is not None:
        standard += (
            _plain("; drafted from "),
            _code(report.drafted_from),
            _plain(" through the crosswalk (a starting point for a review, not an assessment)"),
        )
    as_of: _Text = (_strong("As of:"), _plain(f" {report.as_of.isoformat()}"))
    return _Bullets((subject, standard, as_of))


def _certification(report: ConformanceReport) -> list[_Block]:
    cert = report.certification
    tally = report.tally
    if cert.ready:
        verdict = _Para(
            (
                _strong("Ready for certification:"),
                _plain(" no major nonconformity and every stage agreed."),
            ),
            "ready",
        )
    else:
        verdict = _Para(
            (_strong("Not ready for certification:"), _plain(f" {'; '.join(cert.reasons)}.")),
            "not-ready",
        )
    summary = (
        f"{plural(tally.total, 'requirement')}: {tally.conforms} conform,"
        f" {tally.major} major and {tally.minor} minor nonconformities,"
        f" {plural(tally.observation, 'observation')},"
        f" {tally.agreed_not_exercised} agreed and not yet exercised,"
        f" {tally.not_applicable} not applicable,"
        f" {tally.not_assessable} not assessable from records."
    )
    if tally.minor:
        need = "needs" if tally.minor == 1 else "need"
        summary += (
            f" {plural(tally.minor, 'minor nonconformity', 'minor nonconformities')}"
            f" {need} corrective action."
        )
    return [_Heading(2, (_plain("Certification readiness"),)), verdict, _Para((_plain(summary),))]


def _stage_table(readiness: Sequence[StageReadiness]) -> _Table:
    rows = tuple(
        (
            (_plain(str(r.stage.number)),),
            (_plain(r.stage.title),),
            (_plain(r.status.replace("_", " ") if r.status else "unknown"),),
            (_plain(_percent(r.readiness)),),
            (_plain("yes" if r.agreed else "no"),),
            (_plain(str(r.tally.nonconformities)),),
            _codes(r.gaps),
        )
        for r in readiness
    )
    return _Table(
        header=("#", "Stage", "Lifecycle", "Readiness", "Agreed", "Nonconformities", "Gaps"),
        rows=rows,
        numeric=frozenset({0, 3, 5}),
        row_styles=tuple("agreed" if r.agreed else "not-agreed" for r in readiness),
    )


def _tally_cells(tally: Tally) -> tuple[_Text, ...]:
    cells = tuple((_plain(str(getattr(tally, r.value))),) for r, _ in _TALLY_COLUMNS)
    return (*cells, (_plain(_percent(tally.readiness)),))


def _clause_table(report: ConformanceReport) -> _Table:
    titles = report.clause_titles()
    rows = tuple(
        ((_plain(clause),), (_plain(titles.get(clause, "")),), *_tally_cells(tally))
        for clause, tally in report.by_clause().items()
    )
    header = ("Clause", "Title", *(label for _, label in _TALLY_COLUMNS), "Readiness")
    return _Table(header=header, rows=rows, numeric=frozenset(range(2, len(header))))


def _attention(report: ConformanceReport) -> list[_Block]:
    blocks: list[_Block] = []
    for result, heading in _ATTENTION:
        found = [f for f in report.findings if f.result is result]
        if not found:
            continue
        blocks.append(_Heading(3, (_plain(f"{heading} ({len(found)})"),)))
        blocks.extend(_finding(report, f) for f in found)
    if not blocks:
        blocks.append(_Para((_plain("None: no nonconformity and no observation."),)))
    return blocks


def _finding(report: ConformanceReport, finding: Finding) -> _Group:
    outcome = next((o for o in report.outcomes if o.requirement == finding.requirement), None)
    heading: _Text = (_code(finding.requirement),)
    if outcome is not None:
        heading += (_plain(f" {outcome.title}"),)
    where: list[_Span] = [_result(finding.result, RESULT_LABELS[finding.result].capitalize())]
    if outcome is not None:
        where.append(_plain(f" · clause {outcome.clause}"))
        if outcome.stage is not None:
            where.append(_plain(f" · stage {outcome.stage.number} {outcome.stage.title}"))
    blocks: list[_Block] = [
        _Heading(4, heading),
        _Para(tuple(where), "where"),
        _Para((_plain(finding.message),)),
    ]
    if finding.explanation:
        blocks.append(_Para((_strong("Explanation"),)))
        blocks.append(_Bullets(tuple(_check(c) for c in finding.explanation)))
    blocks.append(_Para((_strong("Evidence:"), _plain(" "), *_codes(finding.paths))))
    if finding.subjects:
        blocks.append(_Para((_strong("Concerns:"), _plain(" "), *_codes(finding.subjects))))
    if finding.remediation:
        blocks.append(_Para((_strong("Remediation:"), _plain(f" {finding.remediation}"))))
    return _Group(finding.result.value, tuple(blocks))


def _check(check: Check) -> _Text:
    mark = {True: "pass", False: "fail", None: "none"}[check.passed]
    spans: list[_Span] = [(f"check:{mark}", _CHECK_MARKS[check.passed]), _plain(": ")]
    spans.append(_plain(check.description))
    if check.observed:
        spans.append(_plain(f"; observed: {check.observed}"))
    if check.path:
        spans.extend((_plain(" ("), _code(check.path), _plain(")")))
    return tuple(spans)


def _others(report: ConformanceReport) -> list[_Block]:
    attention = {r for r, _ in _ATTENTION}
    rest = [f for f in report.findings if f.result not in attention]
    if not rest:
        return [_Para((_plain("None: every requirement is a nonconformity or an observation."),))]
    rows = tuple(
        ((_code(f.requirement),), (_result(f.result),), (_plain(f.message),)) for f in rest
    )
    return [_Table(header=("Requirement", "Result", "Detail"), rows=rows)]


# ----------------------------------------------------------------------------- diffs


def _diff_outline(diff: ReportDiff) -> tuple[str, list[_Block]]:
    title = (
        f"Conformance changes from {diff.previous_as_of.isoformat()} to {diff.as_of.isoformat()}"
    )
    groups = {d: [c for c in diff.changes if c.direction == d] for d in _DIRECTIONS}
    counts = ", ".join(f"{len(groups[d])} {d}" for d in _DIRECTIONS if d != "unchanged")
    moved = len(diff.moved)
    summary = (
        f"{plural(moved, 'requirement')} moved ({counts}); {len(groups['unchanged'])} unchanged."
    )
    blocks: list[_Block] = [_Heading(1, (_plain(title),)), _Para((_plain(summary),))]
    for direction in ("improved", "regressed", "added", "removed"):
        changes = groups[direction]
        if not changes and direction in ("added", "removed"):
            continue
        blocks.append(_Heading(2, (_plain(f"{direction.capitalize()} ({len(changes)})"),)))
        if changes:
            blocks.append(_change_table(changes))
        else:
            blocks.append(_Para((_plain(f"No requirement {direction}."),)))
    return title, blocks


_DIRECTIONS: Final = ("improved", "regressed", "added", "removed", "unchanged")


def _change_table(changes: Sequence[Change]) -> _Table:
    def cell(result: Result | None) -> _Text:
        return (_result(result),) if result is not None else (_plain(_DASH),)

    rows = tuple(
        ((_code(c.requirement),), (_plain(c.title),), cell(c.before), cell(c.after))
        for c in changes
    )
    return _Table(header=("Requirement", "Title", "Before", "After"), rows=rows)


def _outline(obj: ConformanceReport | ReportDiff) -> tuple[str, list[_Block]]:
    if isinstance(obj, ConformanceReport):
        return _report_outline(obj)
    if isinstance(obj, ReportDiff):
        return _diff_outline(obj)
    msg = f"expected a ConformanceReport or a ReportDiff (got {type(obj).__name__})"
    raise TypeError(msg)


# ----------------------------------------------------------------------------- Markdown

_MD_SPECIAL: Final = re.compile(r"([\\`*\[\]<|])")
_MD_BLOCK_START: Final = re.compile(r"^(?:[#>+=-]|\d+[.)])")
_WHITESPACE: Final = re.compile(r"\s+")


def _md_text(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", _WHITESPACE.sub(" ", text))


def _md_code(text: str, *, in_table: bool) -> str:
    text = _WHITESPACE.sub(" ", text)
    run = max((len(m) for m in re.findall(r"`+", text)), default=0)
    fence = "`" * (run + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    body = text.replace("|", "\\|") if in_table else text
    return f"{fence}{pad}{body}{pad}{fence}"


def _md_spans(spans: _Text, *, in_table: bool = False, start: bool = False) -> str:
    out = []
    for style, text in spans:
        if style == "code":
            out.append(_md_code(text, in_table=in_table))
        elif style == "strong":
            out.append(f"**{_md_text(text)}**")
        else:
            out.append(_md_text(text))
    line = "".join(out)
    return "\\" + line if start and _MD_BLOCK_START.match(line) else line


def _md_blocks(blocks: Iterable[_Block]) -> list[str]:
    out: list[str] = []
    for block in blocks:
        if isinstance(block, _Group):
            out.extend(_md_blocks(block.blocks))
        elif isinstance(block, _Heading):
            out.append(f"{'#' * block.level} {_md_spans(block.text)}")
        elif isinstance(block, _Para):
            out.append(_md_spans(block.text, start=True))
        elif isinstance(block, _Bullets):
            out.append("\n".join(f"- {_md_spans(item, start=True)}" for item in block.items))
        else:
            out.append(_md_table(block))
    return out


def _md_table(table: _Table) -> str:
    head = "| " + " | ".join(_md_text(h) for h in table.header) + " |"
    rule = "|" + "|".join("---:" if i in table.numeric else "---" for i in range(len(table.header)))
    lines = [head, rule + "|"]
    lines.extend(
        "| " + " | ".join(_md_spans(cell, in_table=True) for cell in row) + " |"
        for row in table.rows
    )
    return "\n".join(lines)


def to_markdown(report: ConformanceReport | ReportDiff) -> str:
    """A conformance report (or the changes between two) as a Markdown document.

    A report gives its subject, standard and date; the certification verdict with its reasons;
    a readiness table per stage and a roll-up per clause; then every major and minor
    nonconformity and observation with its message, the checks behind it (`✔ passed` or
    `✘ failed`, what was observed, and the record's path), its evidence and what to do about
    it; and last a compact table of the other results (conforms, agreed and not exercised,
    not assessable with the reason). A [`ReportDiff`][collabrel.conformance.ReportDiff] gives
    what improved and what regressed.

    The text is GitHub-flavoured Markdown, deterministic (no timestamps) and ends in a newline;
    what comes from the plan is escaped so it cannot break the layout.

    Args:
        report: A [`ConformanceReport`][collabrel.conformance.ConformanceReport] or a
            [`ReportDiff`][collabrel.conformance.ReportDiff].

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
    return "\n\n".join(_md_blocks(blocks)) + "\n"


# ----------------------------------------------------------------------------- HTML

_CSS: Final = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #212121;
  margin: 0; background: #fafafa; line-height: 1.45; }
main { max-width: 72rem; margin: 0 auto; padding: 1.5rem 2rem 3rem; background: #fff; }
h1 { font-size: 1.6rem; margin-top: 0; }
h2 { font-size: 1.3rem; border-bottom: 1px solid #e0e0e0; padding-bottom: .2rem;
  margin-top: 2rem; }
h3 { font-size: 1.1rem; margin-top: 1.5rem; }
h4 { font-size: 1rem; margin: 0 0 .3rem; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
  font-size: .88em; background: #f1f3f4; padding: .05rem .25rem; border-radius: 3px;
  overflow-wrap: anywhere; }
table { border-collapse: collapse; margin: .5rem 0 1rem; font-size: .9rem; width: 100%; }
th, td { border: 1px solid #e0e0e0; padding: .3rem .5rem; text-align: left;
  vertical-align: top; }
th { background: #f5f5f5; }
td.num, th.num { text-align: right; white-space: nowrap; }
tr.not-agreed td:first-child { box-shadow: inset 4px 0 0 #c62828; }
tr.agreed td:first-child { box-shadow: inset 4px 0 0 #2e7d32; }
p.ready, p.not-ready { padding: .6rem .8rem; border-radius: 4px; }
p.ready { background: #e8f5e9; border-left: 6px solid #2e7d32; }
p.not-ready { background: #ffebee; border-left: 6px solid #c62828; }
p.where { margin: 0 0 .4rem; font-size: .9rem; color: #555; }
section.finding { border: 1px solid #e0e0e0; border-left-width: 6px; border-radius: 4px;
  padding: .7rem 1rem; margin: .8rem 0; }
section.finding p { margin: .35rem 0; }
section.finding ul { margin: .2rem 0 .4rem; padding-left: 1.3rem; }
.result { display: inline-block; padding: 0 .45rem; border-radius: 3px; color: #fff;
  font-size: .85em; white-space: nowrap; }
.check-pass { color: #2e7d32; font-weight: 600; }
.check-fail { color: #c62828; font-weight: 600; }
.check-none { color: #616161; font-weight: 600; }
"""


def _css() -> str:
    rules = [_CSS.strip()]
    for result, colour in RESULT_COLOURS.items():
        text = "#212121" if result is Result.OBSERVATION else "#fff"
        rules.append(f".r-{result.value} {{ background: {colour}; color: {text}; }}")
        rules.append(f"section.finding.{result.value} {{ border-left-color: {colour}; }}")
    return "\n".join(rules)


def _html_spans(spans: _Text) -> str:
    out = []
    for style, text in spans:
        body = html.escape(text)
        if style == "code":
            out.append(f"<code>{body}</code>")
        elif style == "strong":
            out.append(f"<strong>{body}</strong>")
        elif style.startswith("result:"):
            value = style.removeprefix("result:")
            out.append(f'<span class="result r-{value}">{body}</span>')
        elif style.startswith("check:"):
            out.append(f'<span class="check-{style.removeprefix("check:")}">{body}</span>')
        else:
            out.append(body)
    return "".join(out)


def _html_blocks(blocks: Iterable[_Block]) -> list[str]:
    out: list[str] = []
    for block in blocks:
        if isinstance(block, _Group):
            inner = "\n".join(_html_blocks(block.blocks))
            out.append(f'<section class="finding {block.style}">\n{inner}\n</section>')
        elif isinstance(block, _Heading):
            out.append(f"<h{block.level}>{_html_spans(block.text)}</h{block.level}>")
        elif isinstance(block, _Para):
            style = f' class="{block.style}"' if block.style else ""
            out.append(f"<p{style}>{_html_spans(block.text)}</p>")
        elif isinstance(block, _Bullets):
            items = "".join(f"<li>{_html_spans(item)}</li>" for item in block.items)
            out.append(f"<ul>{items}</ul>")
        else:
            out.append(_html_table(block))
    return out


def _html_table(table: _Table) -> str:
    def cls(i: int) -> str:
        return ' class="num"' if i in table.numeric else ""

    head = "".join(f"<th{cls(i)}>{html.escape(h)}</th>" for i, h in enumerate(table.header))
    rows = []
    for n, row in enumerate(table.rows):
        style = f' class="{table.row_styles[n]}"' if n < len(table.row_styles) else ""
        cells = "".join(f"<td{cls(i)}>{_html_spans(c)}</td>" for i, c in enumerate(row))
        rows.append(f"<tr{style}>{cells}</tr>")
    body = "\n".join(rows)
    return f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>"


def to_html(report: ConformanceReport | ReportDiff) -> str:
    """A conformance report (or the changes between two) as one self-contained HTML page.

    The page says what [`to_markdown`][collabrel.report.to_markdown] says, with results
    colour-coded (major red, minor orange, observation amber, conforms green, agreed and not
    exercised blue, the rest grey). Its CSS is inline: no script, font, image or stylesheet
    is fetched, so the file can be mailed or archived as it is. Every string that comes from
    the plan is HTML-escaped. The page is deterministic (no timestamps).

    Args:
        report: A [`ConformanceReport`][collabrel.conformance.ConformanceReport] or a
            [`ReportDiff`][collabrel.conformance.ReportDiff].

    Returns:
        The HTML document, starting with `<!DOCTYPE html>` and ending in a newline.

    Raises:
        TypeError: If `report` is neither.

    Examples:
        >>> from datetime import date
        >>> from collabrel import examples
        >>> from collabrel.conformance import assess
        >>> from collabrel.report import to_html
        >>> page = to_html(assess(examples.load("flawed"), as_of=date(2026, 10, 31)))
        >>> page.startswith("<!DOCTYPE html>"), "<script" in page
        (True, False)
        >>> '<section class="finding major">' in page
        True
    """
    title, blocks = _outline(report)
    body = "\n".join(_html_blocks(blocks))
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title)}</title>\n<style>\n{_css()}\n</style>\n</head>\n"
        f"<body>\n<main>\n{body}\n</main>\n</body>\n</html>\n"
    )
