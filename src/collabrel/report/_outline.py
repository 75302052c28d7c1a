"""The outline a report is built as, once, before any renderer sees it.

An outline is a sequence of blocks (headings, paragraphs, labelled facts, lists, tables and
groups) made of short styled spans. Markdown, HTML and plain text are renderings of the same
outline (`_render.py`), so they always say the same thing.

Where a 99-column terminal says a part more tersely than a document does (a fixed-width table
instead of a wide one, a finding on three lines instead of a section), the part is a `Views`
block: its `document` blocks are what Markdown and HTML show, its `terminal` blocks what plain
text shows, built side by side from the same data. The terminal-only blocks are `Line` (one
wrapped line with its indent) and `Grid` (a table of fixed-width columns).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final, NamedTuple, TypeAlias

from collabrel.model import Result

__all__ = [
    "DASH",
    "RESULT_LABELS",
    "Block",
    "Bullets",
    "Column",
    "Fields",
    "Grid",
    "GridRow",
    "Group",
    "Heading",
    "Line",
    "Para",
    "Span",
    "Table",
    "Text",
    "Views",
    "code",
    "codes",
    "nothing",
    "plain",
    "result_span",
    "strong",
]

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

DASH: Final = "\u2013"
"""An en dash: nothing to show (plain text shows `-`)."""

Span: TypeAlias = tuple[str, str]
"""`(style, text)`: style `""`, `"code"`, `"strong"`, `"none"` (a placeholder for nothing),
`"result:<value>"` or `"check:<mark>"`."""
Text: TypeAlias = tuple[Span, ...]


class Heading(NamedTuple):
    """A heading; level 1 is the title."""

    level: int
    text: Text


class Para(NamedTuple):
    """A paragraph; `style` is a CSS class in HTML."""

    text: Text
    style: str = ""


class Fields(NamedTuple):
    """Labelled facts (`Subject: ...`): a list in documents, one line each in plain text."""

    items: tuple[tuple[str, Text], ...]


class Bullets(NamedTuple):
    """A bulleted list."""

    items: tuple[Text, ...]


class Table(NamedTuple):
    """A table; `numeric` columns are right-aligned, `row_styles` are CSS classes in HTML."""

    header: tuple[str, ...]
    rows: tuple[tuple[Text, ...], ...]
    numeric: frozenset[int] = frozenset()
    row_styles: tuple[str, ...] = ()


class Group(NamedTuple):
    """Blocks that belong together (a finding); `style` is a CSS class in HTML."""

    style: str
    blocks: tuple[Block, ...]


class Line(NamedTuple):
    """Terminal only: one line of text, indented, its continuation lines indented by `hang`."""

    text: str
    indent: int = 2
    hang: int = 4


class Column(NamedTuple):
    """Terminal only: a column of a `Grid`, `gap` spaces after the column before it."""

    header: str
    width: int
    align: str = "<"
    gap: int = 0


class GridRow(NamedTuple):
    """Terminal only: a row of a `Grid`, with the lines shown below it."""

    cells: tuple[str, ...]
    notes: tuple[Line, ...] = ()


class Grid(NamedTuple):
    """Terminal only: a table of fixed-width columns (a left cell that is too long is cut)."""

    columns: tuple[Column, ...]
    rows: tuple[GridRow, ...]
    indent: int = 2


class Views(NamedTuple):
    """One part of the outline as a document shows it and as a terminal shows it."""

    document: tuple[Block, ...]
    terminal: tuple[Block, ...]


Block: TypeAlias = Heading | Para | Fields | Bullets | Table | Group | Line | Grid | Views


def plain(text: str) -> Span:
    """A span of ordinary text."""
    return ("", text)


def code(text: str) -> Span:
    """A span of code: an id, a path."""
    return ("code", text)


def strong(text: str) -> Span:
    """A span to stress."""
    return ("strong", text)


def nothing() -> Span:
    """A placeholder where there is nothing to show."""
    return ("none", DASH)


def result_span(result: Result | None, text: str | None = None) -> Span:
    """A result, by its label unless `text` is given (`None`: nothing to show)."""
    if result is None:
        return nothing()
    return (f"result:{result.value}", text if text is not None else RESULT_LABELS[result])


def codes(items: Iterable[str]) -> Text:
    """Items as code, separated by commas; a placeholder when there are none."""
    spans: list[Span] = []
    for n, item in enumerate(items):
        if n:
            spans.append(plain(", "))
        spans.append(code(item))
    return tuple(spans) or (nothing(),)
