"""The outline a report is built as, once, before any renderer sees it.

An outline is a sequence of blocks (headings, paragraphs, labelled facts, lists, tables and
groups) made of short styled spans. Markdown, HTML and plain text are renderings of the same
outline (`_render.py`), so they always say the same thing.

Where a 99-column terminal says a part more tersely than a document does (a fixed-width table
instead of a wide one, a finding on three lines instead of a section), the part is a `Views`
block: its `document` blocks are what Markdown and HTML show, its `terminal` blocks what plain
text shows, built side by side from the same data. The terminal-only blocks are `Line` (one
wrapped line with its indent) and `Grid` (a table of fixed-width columns). Two blocks are
drawn by HTML alone: `Contents` (the table of contents) and `Bars` (a bar chart, as inline SVG,
always beside a table that says the same in words); Markdown leaves them out.

Parts of an HTML page link to each other by anchors (their `id`s): a heading, a group or a
table row may have one, and a span may be the target of links (`anchored`) or a link itself
(`linked`). `Anchors` gives each part of one document a unique, URL-safe anchor derived from
what the part is about. Markdown and plain text show the text alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final, NamedTuple, TypeAlias

from collabrel.model import Result

__all__ = [
    "DASH",
    "RESULT_LABELS",
    "Anchors",
    "Bar",
    "Bars",
    "Block",
    "Bullets",
    "Column",
    "Contents",
    "Fields",
    "Grid",
    "GridRow",
    "Group",
    "Heading",
    "Line",
    "Para",
    "Span",
    "SpanStyle",
    "Table",
    "Text",
    "Views",
    "anchored",
    "code",
    "codes",
    "linked",
    "nothing",
    "plain",
    "result_span",
    "span_style",
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
`"result:<value>"` or `"check:<mark>"`, then optionally ` #<anchor>` (the span is the target of
links to `anchor`) and ` ><anchor>` (the span links to `anchor`); see `span_style`."""
Text: TypeAlias = tuple[Span, ...]


class Heading(NamedTuple):
    """A heading; level 1 is the title.

    `anchor` is its id in HTML; a heading of level 2 or 3 with an anchor is in the contents.
    """

    level: int
    text: Text
    anchor: str = ""


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
    """A table; `numeric` columns are right-aligned.

    In HTML `row_styles` are the rows' CSS classes and `row_anchors` their ids (`""`: none).
    """

    header: tuple[str, ...]
    rows: tuple[tuple[Text, ...], ...]
    numeric: frozenset[int] = frozenset()
    row_styles: tuple[str, ...] = ()
    row_anchors: tuple[str, ...] = ()


class Group(NamedTuple):
    """Blocks that belong together (a finding); `style` is a CSS class in HTML, `anchor` its id."""

    style: str
    blocks: tuple[Block, ...]
    anchor: str = ""


class Contents(NamedTuple):
    """HTML only: the table of contents, listing the anchored headings of levels 2 and 3."""

    anchor: str
    title: str = "Contents"


class Bar(NamedTuple):
    """One bar of a `Bars` chart: a share from 0 to 1 (`None`: nothing to draw).

    `note` is said after the share (`"not agreed"`); `style`, a CSS class, chooses the colour.
    """

    label: str
    share: float | None
    note: str = ""
    style: str = ""


class Bars(NamedTuple):
    """HTML only: a horizontal bar chart of shares, drawn as inline SVG.

    `anchor` is the chart's id in HTML; its title and description (the text a screen reader
    says) have ids made from it. A table beside the chart says the same in words.
    """

    title: str
    bars: tuple[Bar, ...]
    anchor: str


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


Block: TypeAlias = (
    Heading | Para | Fields | Bullets | Table | Group | Contents | Bars | Line | Grid | Views
)

_UNSAFE: Final = re.compile(r"[^a-z0-9]+")


class Anchors:
    """Anchors for the parts of one document: unique, URL-safe and the same on every run.

    An anchor is a prefix and a slug of what the part is about, lower-case letters and digits
    between hyphens: `new("finding", "CBR.S5.JOINT_RMP")` is `finding-cbr-s5-joint-rmp`. When
    that anchor is taken, the next free one of `-2`, `-3`, ... is added, in the order asked.

    Examples:
        >>> anchors = Anchors()
        >>> anchors.new("finding", "CBR.S5.JOINT_RMP"), anchors.new("finding", "cbr-s5-joint-rmp")
        ('finding-cbr-s5-joint-rmp', 'finding-cbr-s5-joint-rmp-2')
        >>> anchors.new("contents")
        'contents'
    """

    def __init__(self) -> None:
        self._taken: set[str] = set()

    def new(self, prefix: str, about: str = "") -> str:
        """A new anchor for a part about `about` (the prefix alone when it is empty)."""
        slug = _UNSAFE.sub("-", about.lower()).strip("-")
        base = f"{prefix}-{slug}" if slug else prefix
        anchor, n = base, 1
        while anchor in self._taken:
            n += 1
            anchor = f"{base}-{n}"
        self._taken.add(anchor)
        return anchor


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


def anchored(span: Span, anchor: str) -> Span:
    """`span` as the target of links to `anchor` (its id in HTML); `span` itself if it is `""`."""
    style, text = span
    return (f"{style} #{anchor}", text) if anchor else span


def linked(span: Span, anchor: str) -> Span:
    """`span` as a link to `anchor` (in HTML); `span` itself if `anchor` is `""`."""
    style, text = span
    return (f"{style} >{anchor}", text) if anchor else span


class SpanStyle(NamedTuple):
    """A span's style taken apart: its kind (`"code"`, ...), its anchor and its link."""

    kind: str
    anchor: str = ""
    link: str = ""


def span_style(style: str) -> SpanStyle:
    """The parts of a span's style (see `anchored` and `linked`).

    Examples:
        >>> span_style(linked(anchored(code("X"), "req-x"), "finding-x")[0])
        SpanStyle(kind='code', anchor='req-x', link='finding-x')
    """
    kind, *marks = style.split(" ")
    anchor = next((m[1:] for m in marks if m.startswith("#")), "")
    link = next((m[1:] for m in marks if m.startswith(">")), "")
    return SpanStyle(kind, anchor, link)


def codes(items: Iterable[str]) -> Text:
    """Items as code, separated by commas; a placeholder when there are none."""
    spans: list[Span] = []
    for n, item in enumerate(items):
        if n:
            spans.append(plain(", "))
        spans.append(code(item))
    return tuple(spans) or (nothing(),)
