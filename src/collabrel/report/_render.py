"""Three renderings of an outline (`_outline.py`): Markdown, an HTML page and plain text.

Markdown and HTML show the `document` side of each `Views` block, plain text its `terminal`
side. Plain text is ASCII-friendly and fits `WIDTH` columns: the terminal helpers `wrap`,
`clip` and `cell` are the ones everything the command line prints is laid out with.
"""

from __future__ import annotations

import html
import re
import textwrap
from collections.abc import Iterable
from typing import Final, TypeAlias

from collabrel.model import Result
from collabrel.report import _outline as outline

__all__ = ["WIDTH", "cell", "clip", "html_page", "markdown", "text", "wrap"]

WIDTH: Final = 99
"""The widest line of plain text (so it fits a 100-column terminal)."""

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


def _document(blocks: Iterable[outline.Block]) -> Iterable[outline.Block]:
    """The blocks a document shows: the `document` side of every `Views`."""
    for block in blocks:
        if isinstance(block, outline.Views):
            yield from _document(block.document)
        else:
            yield block


def _field_items(block: outline.Fields) -> tuple[outline.Text, ...]:
    return tuple(
        (outline.strong(f"{label}:"), outline.plain(" "), *value) for label, value in block.items
    )


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


def _md_spans(spans: outline.Text, *, in_table: bool = False, start: bool = False) -> str:
    out = []
    for style, text in spans:
        kind = outline.span_style(style).kind
        if kind == "code":
            out.append(_md_code(text, in_table=in_table))
        elif kind == "strong":
            out.append(f"**{_md_text(text)}**")
        else:
            out.append(_md_text(text))
    line = "".join(out)
    return "\\" + line if start and _MD_BLOCK_START.match(line) else line


def _md_blocks(blocks: Iterable[outline.Block]) -> list[str]:
    out: list[str] = []
    for block in _document(blocks):
        if isinstance(block, outline.Group):
            out.extend(_md_blocks(block.blocks))
        elif isinstance(block, outline.Heading):
            out.append(f"{'#' * block.level} {_md_spans(block.text)}")
        elif isinstance(block, outline.Para):
            out.append(_md_spans(block.text, start=True))
        elif isinstance(block, outline.Bullets | outline.Fields):
            items = block.items if isinstance(block, outline.Bullets) else _field_items(block)
            out.append("\n".join(f"- {_md_spans(item, start=True)}" for item in items))
        elif isinstance(block, outline.Table):
            out.append(_md_table(block))
    return out


def _md_table(table: outline.Table) -> str:
    head = "| " + " | ".join(_md_text(h) for h in table.header) + " |"
    rule = "|" + "|".join("---:" if i in table.numeric else "---" for i in range(len(table.header)))
    lines = [head, rule + "|"]
    lines.extend(
        "| " + " | ".join(_md_spans(cell, in_table=True) for cell in row) + " |"
        for row in table.rows
    )
    return "\n".join(lines)


def markdown(blocks: Iterable[outline.Block]) -> str:
    """The outline as GitHub-flavoured Markdown, ending in a newline."""
    return "\n\n".join(_md_blocks(blocks)) + "\n"


# ----------------------------------------------------------------------------- HTML

_CSS: Final = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #212121;
  margin: 0; background: #fafafa; line-height: 1.45; }
main { max-width: 72rem; margin: 0 auto; padding: 1.5rem 2rem 3rem; background: #fff;
  overflow-wrap: break-word; }
h1 { font-size: 1.6rem; margin-top: 0; }
h2 { font-size: 1.3rem; border-bottom: 1px solid #e0e0e0; padding-bottom: .2rem;
  margin-top: 2rem; }
h3 { font-size: 1.1rem; margin-top: 1.5rem; }
h4 { font-size: 1rem; margin: 0 0 .3rem; }
a { color: #1565c0; }
[id] { scroll-margin-top: .75rem; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
  font-size: .88em; background: #f1f3f4; padding: .05rem .25rem; border-radius: 3px;
  overflow-wrap: anywhere; }
nav.toc { border: 1px solid #e0e0e0; border-radius: 4px; background: #fafafa;
  padding: .6rem 1rem; margin: 1rem 0 1.5rem; }
nav.toc h2 { font-size: 1rem; margin: 0 0 .3rem; border: 0; padding: 0; }
nav.toc ol { margin: 0; padding-left: 1.4rem; }
nav.toc li { margin: .1rem 0; }
div.table { overflow-x: auto; margin: .5rem 0 1rem; }
table { border-collapse: collapse; font-size: .9rem; width: 100%; min-width: 36rem; }
th, td { border: 1px solid #e0e0e0; padding: .3rem .5rem; text-align: left;
  vertical-align: top; }
th { background: #f5f5f5; }
td.num, th.num { text-align: right; white-space: nowrap; }
tr.not-agreed td:first-child { box-shadow: inset 4px 0 0 #c62828; }
tr.agreed td:first-child { box-shadow: inset 4px 0 0 #2e7d32; }
tr:target td { background: #e3f2fd; }
td code { white-space: nowrap; overflow-wrap: normal; }
svg.chart { display: block; width: 100%; max-width: 420px; height: auto; margin: .5rem 0; }
p.ready, p.not-ready { padding: .6rem .8rem; border-radius: 4px; }
p.ready { background: #e8f5e9; border-left: 6px solid #2e7d32; }
p.not-ready { background: #ffebee; border-left: 6px solid #c62828; }
p.where { margin: 0 0 .4rem; font-size: .9rem; color: #555; }
p.consequence { margin: 0 0 .4rem; padding: .2rem .6rem; border-left: 4px solid #9e9e9e; }
section.finding { border: 1px solid #e0e0e0; border-left-width: 6px; border-radius: 4px;
  padding: .7rem 1rem; margin: .8rem 0; }
section.finding:target { box-shadow: 0 0 0 3px #90caf9; }
section.finding p { margin: .35rem 0; }
section.finding ul { margin: .2rem 0 .4rem; padding-left: 1.3rem; }
.result { display: inline-block; padding: 0 .45rem; border-radius: 3px; color: #fff;
  font-size: .85em; white-space: nowrap; }
.check-pass { color: #2e7d32; font-weight: 600; }
.check-fail { color: #c62828; font-weight: 600; }
.check-none { color: #616161; font-weight: 600; }
@media (max-width: 40rem) {
  main { padding: 1rem 1rem 2rem; }
  h1 { font-size: 1.3rem; }
  th, td { padding: .25rem .35rem; }
  section.finding { padding: .6rem .7rem; }
}
"""
_PRINT_CSS: Final = """
@media print {
  @page { margin: 1.5cm; }
  body, main { background: #fff; color: #000; }
  main { max-width: none; padding: 0; }
  nav.toc { display: none; }
  a { color: inherit; text-decoration: none; }
  a[href^="http"]::after { content: " (" attr(href) ")"; font-size: .85em; }
  h2, h3, h4 { break-after: avoid; }
  section.finding, tr, svg.chart, p.ready, p.not-ready { break-inside: avoid; }
  thead { display: table-header-group; }
  div.table { overflow: visible; }
  table { font-size: 9pt; }
  th, code, p.ready, p.not-ready { background: none; }
  p.where, .check-pass, .check-fail, .check-none { color: #000; }
  .result { background: none; color: #000; border: 1px solid #000; }
  section.finding:target, tr:target td { box-shadow: none; background: none; }
}
"""
"""What a printed page leaves out (the contents) and changes: black on white, no breaks inside
a finding or a row. It comes last, so it overrides the results' colours."""

_BAR_FILLS: Final = {
    "agreed": RESULT_COLOURS[Result.CONFORMS],
    "not-agreed": RESULT_COLOURS[Result.MAJOR],
}
"""The colour of a chart's bar by its style (others are grey)."""
_CHART_WIDTH: Final = 420
"""A bar chart's width in SVG units (as its height, the units of everything below)."""
_LABELS: Final = 150
"""Where a chart's bars start: its labels end 8 units before."""
_LONGEST: Final = _CHART_WIDTH - _LABELS - 50
"""The longest bar: 100 %, with room after it for its share."""
_ROW: Final = 24
_THICK: Final = _ROW - 10
"""The height of a chart's row and, less a margin, of its bar."""
_TOP: Final = 6
"""The space above the first bar."""


def _css() -> str:
    rules = [_CSS.strip()]
    for result, colour in RESULT_COLOURS.items():
        text = "#212121" if result is Result.OBSERVATION else "#fff"
        rules.append(f".r-{result.value} {{ background: {colour}; color: {text}; }}")
        rules.append(f"section.finding.{result.value} {{ border-left-color: {colour}; }}")
    rules.append(_PRINT_CSS.strip())
    return "\n".join(rules)


def _attr(name: str, value: str) -> str:
    return f' {name}="{html.escape(value)}"' if value else ""


def _html_span(style: str, text: str) -> str:
    parts = outline.span_style(style)
    body, ident = html.escape(text), _attr("id", parts.anchor)
    if parts.kind == "code":
        out = f"<code{ident}>{body}</code>"
    elif parts.kind == "strong":
        out = f"<strong{ident}>{body}</strong>"
    elif parts.kind.startswith("result:"):
        value = parts.kind.removeprefix("result:")
        out = f'<span class="result r-{value}"{ident}>{body}</span>'
    elif parts.kind.startswith("check:"):
        out = f'<span class="check-{parts.kind.removeprefix("check:")}"{ident}>{body}</span>'
    else:
        out = f"<span{ident}>{body}</span>" if ident else body
    return f"<a{_attr('href', '#' + parts.link)}>{out}</a>" if parts.link else out


def _html_spans(spans: outline.Text) -> str:
    return "".join(_html_span(style, text) for style, text in spans)


def _headings(blocks: Iterable[outline.Block]) -> Iterable[outline.Heading]:
    for block in _document(blocks):
        if isinstance(block, outline.Group):
            yield from _headings(block.blocks)
        elif isinstance(block, outline.Heading):
            yield block


def _html_contents(contents: outline.Contents, headings: Iterable[outline.Heading]) -> str:
    """The contents: the anchored headings of level 2, each with those of level 3 below it."""
    entries: list[tuple[str, list[str]]] = []
    for h in headings:
        if not h.anchor or h.level not in (2, 3):  # sections and their subsections
            continue
        link = f"<a{_attr('href', '#' + h.anchor)}>{html.escape(_plain_spans(h.text))}</a>"
        if h.level == 3 and entries:  # noqa: PLR2004
            entries[-1][1].append(link)
        else:
            entries.append((link, []))
    items = []
    for link, below in entries:
        inner = "".join(f"<li>{sub}</li>" for sub in below)
        items.append(f"<li>{link}<ol>{inner}</ol></li>" if below else f"<li>{link}</li>")
    title = contents.anchor + "-title"
    return (
        f'<nav class="toc"{_attr("id", contents.anchor)}{_attr("aria-labelledby", title)}>\n'
        f"<h2{_attr('id', title)}>{html.escape(contents.title)}</h2>\n"
        f"<ol>\n{chr(10).join(items)}\n</ol>\n</nav>"
    )


def _number(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


def _fill(style: str) -> str:
    return _BAR_FILLS.get(style, RESULT_COLOURS[Result.NOT_ASSESSABLE])


def _html_bar(bar: outline.Bar, y: int) -> tuple[str, str]:
    """One bar of a chart, `y` units down, in SVG; and what it says, for the description."""
    share = outline.DASH if bar.share is None else f"{bar.share:.0%}"
    said = f"{bar.label}: {share}" + (f", {bar.note}" if bar.note else "")
    length = 0.0 if bar.share is None else _LONGEST * min(max(bar.share, 0.0), 1.0)
    top, baseline = _number(y + (_ROW - _THICK) / 2), _number(y + (_ROW + _THICK) / 2 - 3)
    drawn = (
        f'<rect x="{_LABELS}" y="{top}" width="{_number(length)}" height="{_THICK}"'
        f' fill="{_fill(bar.style)}"/>'
        if length
        else ""
    )
    svg = (
        f"<g{_attr('class', f'bar {bar.style}'.rstrip())}><title>{html.escape(said)}</title>"
        f'<text x="{_LABELS - 8}" y="{baseline}" text-anchor="end">{html.escape(bar.label)}'
        f'</text><rect x="{_LABELS}" y="{top}" width="{_LONGEST}" height="{_THICK}"'
        f' fill="#eeeeee"/>{drawn}'
        f'<text x="{_number(_LABELS + length + 6)}" y="{baseline}">{share}</text></g>'
    )
    return svg, said


def _html_bars(chart: outline.Bars) -> str:
    """A bar chart as inline SVG: a labelled bar per share, ticks at 0, 50 and 100 %, a legend.

    Its title and description (every bar's label and share) are what a screen reader says;
    each bar has its own title, which a browser shows on hovering. The legend names each
    colour by the note of the bars that have it.
    """
    bars = [_html_bar(bar, _TOP + n * _ROW) for n, bar in enumerate(chart.bars)]
    bottom = _TOP + _ROW * len(bars)
    parts = [svg for svg, _ in bars]
    for tick in (0.0, 0.5, 1.0):
        x = _number(_LABELS + _LONGEST * tick)
        parts.append(
            f'<line x1="{x}" y1="{_TOP}" x2="{x}" y2="{bottom}" stroke="#9e9e9e"'
            ' stroke-dasharray="2 2"/>'
            f'<text x="{x}" y="{bottom + 14}" text-anchor="middle" fill="#616161">{tick:.0%}</text>'
        )
    key = _LABELS
    for style, note in dict.fromkeys((bar.style, bar.note) for bar in chart.bars if bar.note):
        parts.append(
            f'<rect x="{key}" y="{bottom + 24}" width="10" height="10" fill="{_fill(style)}"/>'
            f'<text x="{key + 14}" y="{bottom + 33}">{html.escape(note)}</text>'
        )
        key += 14 + 7 * len(note) + 16  # about 7 units a character
    height, anchor = bottom + 40, chart.anchor
    labels = f"{anchor}-title {anchor}-desc"
    described = "; ".join(said for _, said in bars)
    body = "\n".join(parts)
    return (
        f'<svg class="chart"{_attr("id", anchor)} viewBox="0 0 {_CHART_WIDTH} {height}"'
        f' width="{_CHART_WIDTH}" height="{height}" role="img"{_attr("aria-labelledby", labels)}'
        ' font-family="system-ui, sans-serif" font-size="12" fill="#212121">\n'
        f"<title{_attr('id', anchor + '-title')}>{html.escape(chart.title)}</title>\n"
        f"<desc{_attr('id', anchor + '-desc')}>{html.escape(described)}.</desc>\n"
        f"{body}\n</svg>"
    )


def _html_blocks(blocks: Iterable[outline.Block], page: tuple[outline.Block, ...]) -> list[str]:
    out: list[str] = []
    for block in _document(blocks):
        if isinstance(block, outline.Group):
            inner = "\n".join(_html_blocks(block.blocks, page))
            ident = _attr("id", block.anchor)
            out.append(f'<section class="finding {block.style}"{ident}>\n{inner}\n</section>')
        elif isinstance(block, outline.Heading):
            ident = _attr("id", block.anchor)
            out.append(f"<h{block.level}{ident}>{_html_spans(block.text)}</h{block.level}>")
        elif isinstance(block, outline.Para):
            out.append(f"<p{_attr('class', block.style)}>{_html_spans(block.text)}</p>")
        elif isinstance(block, outline.Bullets | outline.Fields):
            items = block.items if isinstance(block, outline.Bullets) else _field_items(block)
            out.append(f"<ul>{''.join(f'<li>{_html_spans(item)}</li>' for item in items)}</ul>")
        elif isinstance(block, outline.Table):
            out.append(_html_table(block))
        elif isinstance(block, outline.Contents):
            out.append(_html_contents(block, _headings(page)))
        elif isinstance(block, outline.Bars):
            out.append(_html_bars(block))
    return out


def _html_table(table: outline.Table) -> str:
    def cls(i: int) -> str:
        return ' class="num"' if i in table.numeric else ""

    def row_attributes(n: int) -> str:
        style = table.row_styles[n] if n < len(table.row_styles) else ""
        anchor = table.row_anchors[n] if n < len(table.row_anchors) else ""
        return _attr("id", anchor) + _attr("class", style)

    head = "".join(f"<th{cls(i)}>{html.escape(h)}</th>" for i, h in enumerate(table.header))
    rows = []
    for n, row in enumerate(table.rows):
        cells = "".join(f"<td{cls(i)}>{_html_spans(c)}</td>" for i, c in enumerate(row))
        rows.append(f"<tr{row_attributes(n)}>{cells}</tr>")
    body = "\n".join(rows)
    return (
        f'<div class="table"><table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n'
        "</tbody>\n</table></div>"
    )


def html_page(title: str, blocks: Iterable[outline.Block]) -> str:
    """The outline as one self-contained HTML page (inline CSS, no script), ending in a newline.

    Links are to anchors on the page only; a `Contents` block lists the page's sections.
    """
    page = tuple(blocks)
    body = "\n".join(_html_blocks(page, page))
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title)}</title>\n<style>\n{_css()}\n</style>\n</head>\n"
        f"<body>\n<main>\n{body}\n</main>\n</body>\n</html>\n"
    )


# ----------------------------------------------------------------------------- plain text


def clip(text: str) -> str:
    """`text` cut to the output width (a cut ends in `~`)."""
    return text if len(text) <= WIDTH else text[: WIDTH - 1] + "~"


def cell(text: str, width: int) -> str:
    """`text` padded or cut to exactly `width` characters (a cut ends in `~`)."""
    if len(text) > width:
        return text[: width - 1] + "~"
    return f"{text:<{width}}"


def wrap(text: str, hang: int) -> str:
    """`text` wrapped to the output width, continuation lines indented by `hang` spaces.

    The leading spaces of `text` indent its first line.
    """
    stripped = text.lstrip(" ")
    indent = " " * (len(text) - len(stripped))
    return textwrap.fill(
        stripped,
        width=WIDTH,
        initial_indent=indent,
        subsequent_indent=" " * hang,
        break_on_hyphens=False,
    )


def _plain_spans(spans: outline.Text) -> str:
    return "".join(
        "-" if outline.span_style(style).kind == "none" else body for style, body in spans
    )


def _text_grid(grid: outline.Grid) -> list[str]:
    def row(cells: Iterable[str]) -> str:
        out = [" " * grid.indent]
        for column, value in zip(grid.columns, cells, strict=True):
            left = column.align == "<"
            fitted = cell(value, column.width) if left else f"{value:>{column.width}}"
            out.append(" " * column.gap + fitted)
        return "".join(out)

    lines = [row(c.header for c in grid.columns)]
    for r in grid.rows:
        lines.append(row(r.cells))
        lines.extend(_text_line(note) for note in r.notes)
    return lines


def _text_table(table: outline.Table) -> list[str]:
    """A document table in plain text: columns two spaces apart, as wide as their widest cell.

    When the lines would be wider than `WIDTH`, the widest text column is cut to fit.
    """
    rows = [list(table.header), *([_plain_spans(c) for c in row] for row in table.rows)]
    widths = [max(len(r[i]) for r in rows) for i in range(len(table.header))]
    excess = 2 + sum(widths) + 2 * (len(widths) - 1) - WIDTH
    text_columns = [i for i in range(len(widths)) if i not in table.numeric]
    if excess > 0 and text_columns:
        widest = max(text_columns, key=lambda i: widths[i])
        widths[widest] = max(len(table.header[widest]), widths[widest] - excess)
    return [
        "  "
        + "  ".join(
            f"{value:>{widths[i]}}" if i in table.numeric else cell(value, widths[i])
            for i, value in enumerate(r)
        ).rstrip()
        for r in rows
    ]


def _text_line(line: outline.Line) -> str:
    return wrap(" " * line.indent + line.text, hang=line.hang)


def _text_blocks(blocks: Iterable[outline.Block], lines: list[str]) -> None:
    for block in blocks:
        if isinstance(block, outline.Views | outline.Group):
            _text_blocks(
                block.terminal if isinstance(block, outline.Views) else block.blocks, lines
            )
        elif isinstance(block, outline.Heading):
            title = _plain_spans(block.text)
            if block.level == 1:
                lines.extend([clip(title), "=" * min(len(title), WIDTH)])
            else:
                lines.extend(["", clip(title)] if lines else [clip(title)])
        elif not isinstance(block, outline.Contents | outline.Bars):  # drawn by HTML alone
            lines.extend(_text_leaf(block))


_Leaf: TypeAlias = (
    outline.Line | outline.Para | outline.Fields | outline.Bullets | outline.Grid | outline.Table
)


def _text_leaf(block: _Leaf) -> list[str]:
    if isinstance(block, outline.Line):
        return [_text_line(block)]
    if isinstance(block, outline.Para):
        return [wrap(f"  {_plain_spans(block.text)}", hang=4)]
    if isinstance(block, outline.Fields):
        return [wrap(f"{k}: {_plain_spans(v)}", hang=4) for k, v in block.items]
    if isinstance(block, outline.Bullets):
        return [wrap(f"  - {_plain_spans(item)}", hang=6) for item in block.items]
    if isinstance(block, outline.Grid):
        return _text_grid(block)
    return _text_table(block)


def text(blocks: Iterable[outline.Block]) -> list[str]:
    """The outline as lines of plain text, at most `WIDTH` characters, without newlines.

    A heading below the title follows a blank line; paragraphs are indented by two spaces.
    """
    lines: list[str] = []
    _text_blocks(blocks, lines)
    return lines
