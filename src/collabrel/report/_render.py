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
        if style == "code":
            out.append(_md_code(text, in_table=in_table))
        elif style == "strong":
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


def _html_spans(spans: outline.Text) -> str:
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


def _html_blocks(blocks: Iterable[outline.Block]) -> list[str]:
    out: list[str] = []
    for block in _document(blocks):
        if isinstance(block, outline.Group):
            inner = "\n".join(_html_blocks(block.blocks))
            out.append(f'<section class="finding {block.style}">\n{inner}\n</section>')
        elif isinstance(block, outline.Heading):
            out.append(f"<h{block.level}>{_html_spans(block.text)}</h{block.level}>")
        elif isinstance(block, outline.Para):
            style = f' class="{block.style}"' if block.style else ""
            out.append(f"<p{style}>{_html_spans(block.text)}</p>")
        elif isinstance(block, outline.Bullets | outline.Fields):
            items = block.items if isinstance(block, outline.Bullets) else _field_items(block)
            out.append(f"<ul>{''.join(f'<li>{_html_spans(item)}</li>' for item in items)}</ul>")
        elif isinstance(block, outline.Table):
            out.append(_html_table(block))
    return out


def _html_table(table: outline.Table) -> str:
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


def html_page(title: str, blocks: Iterable[outline.Block]) -> str:
    """The outline as one self-contained HTML page (inline CSS, no script), ending in a newline."""
    body = "\n".join(_html_blocks(blocks))
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
    return "".join("-" if style == "none" else body for style, body in spans)


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
        else:
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
