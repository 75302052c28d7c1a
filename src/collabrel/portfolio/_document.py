"""How a portfolio report reads: one outline, rendered as plain text, Markdown and HTML.

The outline is built here once per report from the report layer's blocks
(`collabrel.report._outline`) and rendered by its renderers (`collabrel.report._render`),
so the three always say the same thing, in the same order: the headline (plans, ready,
problems), the most common nonconformities, readiness by stage, the least ready
relationships (readiness by relationship and stage), the trend when there are several
review dates, the supply-chain tiers and partners, then the problems with their locations.
A terminal shows the problems a line each, their errors below; documents show a table.
Nothing here reads the clock: the same report always gives the same text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Final, TypeAlias, TypeVar

from collabrel._text import plural
from collabrel.conformance import Tally
from collabrel.portfolio._parts import (
    PartnerCount,
    PortfolioProblem,
    RequirementCount,
    StageSummary,
    TierCount,
)
from collabrel.portfolio._views import PortfolioView, ReadinessMatrix, TrendPoint, stage_result
from collabrel.report import _outline as o
from collabrel.report import _render

__all__ = ["MOST_COMMON", "markdown", "outline", "page", "text", "title"]

MOST_COMMON: Final = 25
"""The most nonconformities a page or a text lists (fewer if its `limit` is lower)."""

_MATRIX_NOTE: Final = (
    "The latest revision of each relationship, least ready first: the readiness of each"
    " stage, by its number as in Readiness by stage, and whether it is ready."
)
_NO_MAJOR: Final = ("no major nonconformity", "agreed")
"""A bar's note and style for a stage without a major nonconformity in any plan."""


def _share(share: float | None) -> o.Text:
    return (o.nothing(),) if share is None else (o.plain(f"{share:.0%}"),)


def _numbers(*values: int) -> tuple[o.Text, ...]:
    return tuple((o.plain(str(n)),) for n in values)


def title(report: PortfolioView) -> str:
    """The outline's title: the portfolio and the standard it was assessed against."""
    return f"Portfolio against {report.standard or 'no standard'}"


def outline(report: PortfolioView, *, limit: int) -> list[o.Block]:
    """The report as outline blocks; long lists show their first `limit` entries.

    The entries needing attention come first (the least ready relationships, the partners
    with most nonconformities), and a list that is cut says how many more there are.
    """
    anchors = o.Anchors()
    matrix = report.readiness_matrix()
    blocks: list[o.Block] = [
        o.Heading(1, (o.plain(title(report)),)),
        _headline(report, matrix),
        o.Contents(anchors.new("contents")),
    ]

    def section(name: str) -> None:
        blocks.append(o.Heading(2, (o.plain(name),), anchors.new("section", name)))

    def more(shown: int, total: int, what: str) -> None:
        if total > shown:
            rest = total - shown
            words = plural(rest, what).partition(" ")[2]
            blocks.append(o.Para((o.plain(f"and {rest} more {words}"),)))

    section("Most common nonconformities")
    common = report.most_common(None)
    shown_common = common[: min(limit, MOST_COMMON)]
    blocks.append(_table(_COMMON, shown_common) if common else _para("No nonconformities."))
    more(len(shown_common), len(common), "requirement")

    section("Readiness by stage")
    stages = report.by_stage()
    blocks.append(_tally_table("Stage", [(f"{s.number} {s.title}", t) for s, t in stages.items()]))
    blocks.append(
        o.Bars(
            "Readiness by stage",
            tuple(
                o.Bar(
                    f"{s.number} {s.title}",
                    t.readiness,
                    *(("major nonconformities", "not-agreed") if t.major else _NO_MAJOR),
                )
                for s, t in stages.items()
            ),
            anchors.new("chart", "stages"),
        )
    )

    section("Readiness by relationship and stage")
    shown = matrix.least_ready(limit)
    blocks.append(_para(_MATRIX_NOTE, style="where"))
    blocks.append(_matrix_table(matrix, limit))
    more(len(shown), len(matrix.plans), "relationship")

    points = report.trend()
    if len(points) > 1:
        section("Trend across review dates")
        blocks.append(_table(_TREND, points))

    section("Supply-chain tiers")
    blocks.append(_table(_TIERS, report.tiers))

    section("Partners")
    partners = sorted(report.partners, key=lambda p: (-p.nonconformities, -p.findings, p.partner))
    blocks.append(_table(_PARTNERS, partners[:limit]))
    more(min(limit, len(partners)), len(partners), "partner")

    if report.problems:
        section("Problems")
        shown_problems = report.problems[:limit]
        blocks.append(
            o.Views(
                document=(_table(_PROBLEMS, shown_problems),),
                terminal=tuple(line for p in shown_problems for line in _problem_lines(p)),
            )
        )
        more(len(shown_problems), len(report.problems), "problem")
    return blocks


def _para(text: str, style: str = "") -> o.Para:
    return o.Para((o.plain(text),), style)


def _headline(report: PortfolioView, matrix: ReadinessMatrix) -> o.Fields:
    as_of = report.as_of
    tally = report.tally
    ready = f"{report.ready} of {plural(report.plans, 'plan')}"
    return o.Fields(
        (
            ("Plans", (o.plain(str(report.plans)),)),
            ("Relationships", (o.plain(str(len(matrix.plans))),)),
            ("Ready for certification", (o.plain(ready),)),
            (
                "Nonconformities",
                (o.plain(f"{tally.major} major, {tally.minor} minor"),),
            ),
            ("As of", (o.plain(as_of.isoformat() if as_of else "each plan's own date"),)),
            ("Problems", (o.plain(str(len(report.problems))),)),
        )
    )


def _matrix_table(matrix: ReadinessMatrix, limit: int) -> o.Table:
    shown = matrix.least_ready(limit)
    return o.Table(
        ("Relationship", *(str(s.number) for s in matrix.stages), "Ready"),
        tuple(
            (
                (o.plain(p.label),),
                *(_stage_cell(p.stage(s)) for s in matrix.stages),
                (o.plain("yes" if p.ready else "no"),),
            )
            for p in shown
        ),
        numeric=frozenset(range(1, len(matrix.stages) + 1)),
        row_styles=tuple("agreed" if p.ready else "not-agreed" for p in shown),
    )


def _stage_cell(stage: StageSummary | None) -> o.Text:
    result = None if stage is None else stage_result(stage)
    if stage is None or result is None:
        return (o.nothing(),)
    return (o.result_span(result, f"{stage.readiness:.0%}"),)


def _tally_table(key: str, groups: Sequence[tuple[str, Tally]]) -> o.Table:
    return o.Table(
        (key, "Conforms", "Major", "Minor", "Observations", "Not assessable", "Readiness"),
        tuple(
            (
                (o.plain(name),),
                *_numbers(t.conforms, t.major, t.minor, t.observation, t.not_assessable),
                _share(t.readiness),
            )
            for name, t in groups
        ),
        numeric=frozenset(range(1, 7)),
    )


# ------------------------------------------------------------------ column tables

_T = TypeVar("_T")
_Columns: TypeAlias = tuple[tuple[str, Callable[[_T], o.Text], bool], ...]
"""A table's columns: its header, how a row's item gives its cell, whether it is a number."""


def _plain(name: str) -> Callable[[object], o.Text]:
    return lambda item: (o.plain(str(getattr(item, name))),)


def _code(name: str) -> Callable[[object], o.Text]:
    return lambda item: (o.code(str(getattr(item, name))),)


def _percent(name: str) -> Callable[[object], o.Text]:
    return lambda item: _share(getattr(item, name))


def _tier(t: TierCount) -> o.Text:
    return (o.plain("no tier (a loop)" if t.tier is None else str(t.tier)),)


_COMMON: Final[_Columns[RequirementCount]] = (
    ("Requirement", _code("requirement"), False),
    ("Title", _plain("title"), False),
    ("Plans", _plain("count"), True),
    ("Major", _plain("major"), True),
    ("Minor", _plain("minor"), True),
    ("Share", _percent("share"), True),
)
_TREND: Final[_Columns[TrendPoint]] = (
    ("Date", lambda t: (o.plain(t.on.isoformat()),), False),
    ("Relationships", _plain("relationships"), True),
    ("Revisions", _plain("revisions"), True),
    ("Ready", _plain("ready"), True),
    ("Nonconformities", _plain("nonconformities"), True),
    ("Major", _plain("majors"), True),
    ("Readiness", _percent("readiness"), True),
)
_TIERS: Final[_Columns[TierCount]] = (
    ("Tier", _tier, False),
    ("Partners", _plain("partners"), True),
    ("Plans", _plain("plans"), True),
    ("Ready", _plain("ready"), True),
    ("Findings naming them", _plain("findings"), True),
    ("Nonconformities", _plain("nonconformities"), True),
)
_PARTNERS: Final[_Columns[PartnerCount]] = (
    ("Partner", _plain("name"), False),
    ("Id", _code("partner"), False),
    ("Plans", _plain("plans"), True),
    ("Ready", _plain("ready"), True),
    ("Findings naming it", _plain("findings"), True),
    ("Nonconformities", _plain("nonconformities"), True),
)
_PROBLEMS: Final[_Columns[PortfolioProblem]] = (
    ("Location", _code("location"), False),
    ("Kind", lambda p: (o.plain(p.kind.value),), False),
    ("Error", lambda p: (o.plain(" ".join(p.error.split())),), False),
)


def _table(columns: _Columns[_T], items: Iterable[_T]) -> o.Table:
    return o.Table(
        tuple(header for header, _, _ in columns),
        tuple(tuple(cell(item) for _, cell, _ in columns) for item in items),
        numeric=frozenset(n for n, (_, _, number) in enumerate(columns) if number),
    )


def _problem_lines(problem: PortfolioProblem) -> tuple[o.Line, ...]:
    """A problem in a terminal: its location and kind, then its error's lines below."""
    head, *rest = problem.error.splitlines() or [""]
    lines = [o.Line(f"{problem.location} ({problem.kind.value}): {head}".rstrip(), hang=6)]
    lines.extend(o.Line(line.strip(), indent=6, hang=8) for line in rest if line.strip())
    return tuple(lines)


# ------------------------------------------------------------------ renderings


def text(report: PortfolioView, *, limit: int) -> str:
    """The outline as plain text for a terminal, ending in a newline."""
    return "\n".join(_render.text(outline(report, limit=limit))) + "\n"


def markdown(report: PortfolioView, *, limit: int) -> str:
    """The outline as a Markdown document, ending in a newline."""
    return _render.markdown(outline(report, limit=limit))


def page(report: PortfolioView, *, limit: int) -> str:
    """The outline as a self-contained HTML page (the report layer's page and styles)."""
    return _render.html_page(title(report), outline(report, limit=limit))
