"""Reading documents into passages: DOCX, PDF, Markdown and plain text, within limits.

`read_document` reads one document and raises `EvidenceError` for one it cannot read;
`load_documents` reads many and keeps a `DocumentProblem` for each bad one while it reads the
rest. What each format gives:

- DOCX (python-docx): the body's paragraphs in order; a paragraph styled `Title` or
  `Heading N` (or a style based on one) is a heading and sets the heading path; a paragraph
  in a `List ...` style or with list numbering is a list item; each table row after the
  first is a passage `header: cell; header: cell` (the first row gives the headers).
  Headers, footers, text boxes and comments are not read.
- PDF (pypdf): the text of each page, cut into paragraphs where the space between lines is
  larger than the document's usual line spacing; a short line in a font clearly larger than
  the body text is a heading (its level from the size: the largest is 1). Every passage
  has its page. A PDF with a password for opening is refused; one with only an owner
  password is read, with a warning; a PDF without any text (scanned images) is read with a
  warning and no passages.
- Markdown (markdown-it-py, CommonMark with tables): headings, paragraphs, list items and
  table rows (with the header cells); code blocks and HTML are skipped.
- Plain text: paragraphs separated by blank lines.

Text files (Markdown and plain) are decoded as UTF-8 (a UTF-8 byte-order mark is dropped)
or, with a byte-order mark, as UTF-16 or UTF-32. Anything else is an `EvidenceError`
naming the first byte that is not UTF-8: there is no silent fallback to another encoding,
which would read the wrong characters without saying so.

Passages without a letter or digit (rules, bare page furniture) are skipped; a passage
longer than `EvidenceLimits.max_passage_chars` is cut at spaces into several. Inputs are
only ever opened for reading.
"""

from __future__ import annotations

import codecs
import hashlib
import io
import itertools
import os
import re
import zipfile
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from attrs import field, frozen

from collabrel._optional import import_optional
from collabrel.errors import ArgumentError
from collabrel.evidence._passages import (
    FORMATS,
    Document,
    DocumentFormat,
    DocumentProblem,
    DocumentSet,
    EvidenceError,
    Passage,
    PassageKind,
    PassageLocation,
    collapse_space,
)
from collabrel.model import _validators as v

if TYPE_CHECKING:
    from docx.table import Table
    from docx.text.paragraph import Paragraph
    from markdown_it.token import Token
    from pypdf import PageObject

__all__ = [
    "DEFAULT_EVIDENCE_LIMITS",
    "SUFFIXES",
    "EvidenceLimits",
    "load_documents",
    "read_document",
]

_AT_LEAST_ONE: Final = v.integer(low=1)
_EXTRA: Final = "evidence"


@frozen(kw_only=True)
class EvidenceLimits:
    """The bounds on a document that `read_document` and `load_documents` enforce.

    The defaults are generous for policies, plans and minutes, and keep a hostile or mistaken
    input (a 2 GB scan, a zip bomb named `.docx`) from making reading slow or hungry. A
    document over `max_bytes` or `max_pages` is refused before it is parsed.

    Attributes:
        max_bytes: The size of the file; for a DOCX also the size of its unpacked parts.
        max_pages: The pages of a PDF.
        max_passages: The passages of one document.
        max_passage_chars: The characters of one passage; a longer paragraph is cut at spaces
            into passages of at most this many.

    Examples:
        >>> EvidenceLimits().max_pages
        1000
        >>> read_document(b"Policy.", format="text", limits=EvidenceLimits(max_bytes=3))
        Traceback (most recent call last):
        ...
        collabrel.evidence._passages.EvidenceError: cannot read '<bytes>': a file of 7 bytes \
is more than the limit of 3 (EvidenceLimits.max_bytes)
    """

    max_bytes: int = field(default=50_000_000, validator=_AT_LEAST_ONE)
    max_pages: int = field(default=1_000, validator=_AT_LEAST_ONE)
    max_passages: int = field(default=50_000, validator=_AT_LEAST_ONE)
    max_passage_chars: int = field(default=4_000, validator=v.integer(low=100))


DEFAULT_EVIDENCE_LIMITS: Final = EvidenceLimits()

SUFFIXES: Final[Mapping[str, DocumentFormat]] = {
    ".docx": "docx",
    ".pdf": "pdf",
    ".md": "markdown",
    ".markdown": "markdown",
    ".txt": "text",
    ".text": "text",
}
"""The file name suffixes read (compared in lower case), and the format of each."""

_BYTES_SOURCE: Final = "<bytes>"
_WORD: Final = re.compile(r"\w")
_NO_TEXT: Final = "no text"


def _over(amount: str, limit: int, name: str) -> str:
    return f"{amount} is more than the limit of {limit} (EvidenceLimits.{name})"


# ------------------------------------------------------------------ building passages


class _Builder:
    """The passages of one document as a reader finds them, with the current heading path."""

    def __init__(self, document: str, source: str, limits: EvidenceLimits) -> None:
        self.document = document
        self.source = source
        self.limits = limits
        self.passages: list[Passage] = []
        self.warnings: list[str] = []
        self.pages: int | None = None
        self._headings: list[tuple[int, str]] = []

    def error(self, reason: str) -> EvidenceError:
        return EvidenceError(self.source, reason)

    def heading(self, text: str, level: int, page: int | None = None) -> None:
        text = collapse_space(text)
        if not _WORD.search(text):
            return
        while self._headings and self._headings[-1][0] >= level:
            self._headings.pop()
        self._headings.append((level, text))
        self.add(text, "heading", page)

    def add(self, text: str, kind: PassageKind = "paragraph", page: int | None = None) -> None:
        text = collapse_space(text)
        if not _WORD.search(text):
            return
        path = tuple(heading for _, heading in self._headings)
        for piece in _cut(text, self.limits.max_passage_chars):
            if len(self.passages) >= self.limits.max_passages:
                limit = self.limits.max_passages
                raise self.error(_over(f"more than {limit} passages", limit, "max_passages"))
            location = PassageLocation(
                paragraph=len(self.passages) + 1, page=page, heading_path=path
            )
            self.passages.append(
                Passage(
                    document=self.document,
                    source=self.source,
                    text=piece,
                    location=location,
                    kind=kind,
                )
            )


def _cut(text: str, limit: int) -> Iterator[str]:
    """`text` in pieces of at most `limit` characters, cut at a space where there is one."""
    while len(text) > limit:
        cut = text.rfind(" ", 0, limit + 1)
        if cut <= 0:
            cut = limit
        yield text[:cut].rstrip()
        text = text[cut:].lstrip()
    if text:
        yield text


# ------------------------------------------------------------------ DOCX

_HEADING_STYLE: Final = re.compile(r"^heading\s*([1-9])$", re.IGNORECASE)
_OLE_MAGIC: Final = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _read_docx(data: bytes, build: _Builder) -> None:
    _check_docx_package(data, build)
    docx = import_optional("docx", "Word documents", _EXTRA)
    table_type = import_optional("docx.table", "Word documents", _EXTRA).Table
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:
        raise build.error(f"not a readable Word document ({_why(exc)})") from exc
    roles: dict[str | None, int | None] = {}  # per style id: python-docx looks styles up slowly
    for block in document.iter_inner_content():
        if isinstance(block, table_type):
            _docx_table(block, build)
        else:
            _docx_paragraph(block, build, roles)


def _check_docx_package(data: bytes, build: _Builder) -> None:
    if data.startswith(_OLE_MAGIC):
        raise build.error(
            "not a DOCX but an OLE file: a password-protected document or an old .doc;"
            " save it without a password as .docx"
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            unpacked = sum(member.file_size for member in package.infolist())
    except (zipfile.BadZipFile, EOFError, ValueError) as exc:
        raise build.error(f"not a DOCX: not a zip archive ({_why(exc)})") from exc
    if unpacked > build.limits.max_bytes:
        raise build.error(
            _over(f"parts that unpack to {unpacked} bytes", build.limits.max_bytes, "max_bytes")
        )


_LIST: Final = -1


def _docx_paragraph(
    paragraph: Paragraph, build: _Builder, roles: dict[str | None, int | None]
) -> None:
    """A heading, a list item or a paragraph, by the paragraph's style (or its numbering)."""
    text = paragraph.text
    style_id = paragraph._p.style  # noqa: SLF001 - the id, without python-docx's slow lookup
    if style_id not in roles:
        roles[style_id] = _docx_style_role(paragraph.style)
    level = roles[style_id]
    if level is not None and level != _LIST:
        build.heading(text, level)
    elif level == _LIST or _docx_is_numbered(paragraph):
        build.add(text, "list_item")
    else:
        build.add(text)


def _docx_style_role(style: Any) -> int | None:
    """0 for `Title`, N for `Heading N`, `_LIST` for `List ...`, else None (base styles too)."""
    for _ in range(10):  # a style's base chain is short; a cycle would be a corrupt file
        if style is None:
            return None
        name = str(style.name or "").strip()
        if name.lower() == "title":
            return 0
        match = _HEADING_STYLE.match(name)
        if match:
            return int(match[1])
        if name.lower().startswith("list"):
            return _LIST
        style = style.base_style
    return None


def _docx_is_numbered(paragraph: Paragraph) -> bool:
    properties = paragraph._p.pPr  # noqa: SLF001 - python-docx has no public list numbering
    return properties is not None and properties.numPr is not None


def _docx_table(table: Table, build: _Builder) -> None:
    rows = [_docx_row(row) for row in table.rows]
    if len(rows) == 1:
        build.add("; ".join(cell for cell in rows[0] if cell), "table_row")
        return
    header, *body = rows
    for cells in body:
        pairs = zip(header + [""] * (len(cells) - len(header)), cells, strict=False)
        text = "; ".join(f"{head}: {cell}" if head else cell for head, cell in pairs if cell)
        build.add(text, "table_row")


def _docx_row(row: Any) -> list[str]:
    """The text of each cell of a table row; a cell merged across columns counts once."""
    cells: list[str] = []
    previous: object = None
    for cell in row.cells:
        element = cell._tc  # noqa: SLF001 - a merged cell repeats; its element is the same
        if element is not previous:
            cells.append(collapse_space(cell.text))
        previous = element
    return cells


# ------------------------------------------------------------------ PDF


@frozen
class _Line:
    page: int
    y: float
    size: float
    text: str


_HEADING_RATIO: Final = 1.15
_HEADING_MAX_CHARS: Final = 150
_GAP_RATIO: Final = 1.3
_PAGES_SHOWN: Final = 10
_MAX_LEADING: Final = 1.5
_SENTENCE_END: Final = re.compile(r"[.!?:;]['\")\]\u2019\u201d]*$")
_BULLET: Final = re.compile(
    r"^(?:[\u2022\u25e6\u25aa\u2023\u2043\u00b7*\u2013-]\s+|\d{1,2}[.)]\s+)"
)
_BULLET_GLYPH: Final = re.compile(r"^[\u2022\u25e6\u25aa\u2023\u2043\u00b7*\u2013-]\s+")


def _read_pdf(data: bytes, build: _Builder) -> None:
    pypdf = import_optional("pypdf", "PDF documents", _EXTRA)
    if b"%PDF-" not in data[:1024]:
        raise build.error("not a PDF (no %PDF- header)")
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        encrypted = reader.is_encrypted
    except Exception as exc:
        raise build.error(f"a corrupt PDF ({_why(exc)})") from exc
    if encrypted:
        _open_encrypted(reader, pypdf, build)
    try:
        count = len(reader.pages)
    except Exception as exc:
        raise build.error(f"a corrupt PDF: its pages cannot be read ({_why(exc)})") from exc
    if count > build.limits.max_pages:
        limit = build.limits.max_pages
        raise build.error(_over(f"a PDF of {count} pages", limit, "max_pages"))
    build.pages = count
    lines = _pdf_lines(reader, build)
    if lines:
        _pdf_passages(lines, build)


def _pdf_lines(reader: Any, build: _Builder) -> list[_Line]:
    """The lines of every page; a warning for pages without text, or for no text at all."""
    lines: list[_Line] = []
    empty: list[int] = []
    for number, page in enumerate(reader.pages, start=1):
        try:
            found = _page_lines(page, number)
        except Exception as exc:  # noqa: BLE001 - one unreadable page is a warning
            build.warnings.append(f"page {number}: its text cannot be extracted ({_why(exc)})")
            continue
        if not found:
            empty.append(number)
        lines.extend(found)
    count = len(reader.pages)
    if not lines:
        build.warnings.append(
            f"{_NO_TEXT} (image-only PDF?): none of its {count} pages has text to extract;"
            " it needs OCR first"
        )
    elif empty:
        shown = ", ".join(map(str, empty[:_PAGES_SHOWN]))
        more = " ..." if len(empty) > _PAGES_SHOWN else ""
        build.warnings.append(
            f"{len(empty)} of {count} pages have no text (images?): {shown}{more}"
        )
    return lines


def _open_encrypted(reader: Any, pypdf: Any, build: _Builder) -> None:
    try:
        opened = reader.decrypt("")
    except pypdf.errors.DependencyError as exc:
        raise build.error(
            "encrypted PDF: reading it needs the cryptography package (pip install cryptography)"
        ) from exc
    except Exception as exc:
        raise build.error(f"encrypted PDF that cannot be opened ({_why(exc)})") from exc
    if not opened:
        raise build.error("encrypted PDF: it needs a password to open")
    build.warnings.append("encrypted PDF with an owner password only: read without a password")


def _page_lines(page: PageObject, number: int) -> list[_Line]:
    """The page's lines of text, each with its height on the page and its font size."""
    lines: list[_Line] = []
    parts: list[str] = []
    y: float | None = None
    size = 0.0

    def end_line() -> None:
        nonlocal y, size
        text = collapse_space("".join(parts))
        if text:
            lines.append(_Line(number, y or 0.0, size, text))
        parts.clear()
        y, size = None, 0.0

    def visit(text: str, cm: list[float], tm: list[float], _font: object, font_size: float) -> None:
        nonlocal y, size
        for index, piece in enumerate(text.split("\n")):
            if index:
                end_line()
            if piece.strip():
                if y is None:
                    y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                size = max(size, round(font_size * _scale(cm, tm), 1))
            parts.append(piece)

    page.extract_text(visitor_text=visit)
    end_line()
    return lines


def _scale(cm: list[float], tm: list[float]) -> float:
    """How much the text and current matrices scale a font size (1.0 when they do not)."""
    a = tm[0] * cm[0] + tm[1] * cm[2]
    b = tm[0] * cm[1] + tm[1] * cm[3]
    c = tm[2] * cm[0] + tm[3] * cm[2]
    d = tm[2] * cm[1] + tm[3] * cm[3]
    scale = float(abs(a * d - b * c) ** 0.5)
    return scale or 1.0


def _pdf_passages(lines: list[_Line], build: _Builder) -> None:
    """Headings, paragraphs and list items from the lines of every page, in order.

    The body size is the font size of most of the text; a heading is a short line in a
    larger size (the largest is level 1). Lines of one size go on one passage until the
    gap to the next line is wider than usual or a line starts a list item; a paragraph that
    ends a page inside a sentence goes on at the top of the next (its page is the first).
    """
    weight: dict[float, int] = {}
    for line in lines:
        weight[line.size] = weight.get(line.size, 0) + len(line.text)
    body = max(weight, key=lambda size: (weight[size], -size))
    sizes = sorted({line.size for line in lines if _is_heading(line, body)}, reverse=True)
    levels = {size: min(index, 5) + 1 for index, size in enumerate(sizes)}
    leading = _leading(lines, body)
    group: list[_Line] = []
    for line in lines:
        heading = _is_heading(line, body)
        if group and not (
            _continues(
                group[-1], line, leading * (2 if heading else _GAP_RATIO), across_pages=not heading
            )
            and not _BULLET.match(line.text)
        ):
            _pdf_passage(group, build, levels)
            group = []
        group.append(line)
    if group:
        _pdf_passage(group, build, levels)


def _pdf_passage(group: list[_Line], build: _Builder, levels: Mapping[float, int]) -> None:
    first = group[0]
    level = levels.get(first.size)
    if level is not None:
        build.heading(_join_lines(line.text for line in group), level, first.page)
        return
    bullet = _BULLET.match(first.text)
    texts = [_BULLET_GLYPH.sub("", first.text), *(line.text for line in group[1:])]
    build.add(_join_lines(texts), "list_item" if bullet else "paragraph", first.page)


def _is_heading(line: _Line, body: float) -> bool:
    return line.size >= body * _HEADING_RATIO and len(line.text) <= _HEADING_MAX_CHARS


def _continues(previous: _Line, line: _Line, gap: float, *, across_pages: bool) -> bool:
    """Whether `line` goes on the text of `previous`: the same size, no wide gap.

    With `across_pages`, the first line of a page goes on the last of the page before when
    that one ends inside a sentence.
    """
    if previous.size != line.size:
        return False
    if line.page == previous.page:
        return 0 < previous.y - line.y <= gap
    return (
        across_pages and line.page == previous.page + 1 and not _SENTENCE_END.search(previous.text)
    )


def _leading(lines: list[_Line], body: float) -> float:
    """The usual distance between two lines of one paragraph of body text.

    The lower quartile of the distances between successive body lines, as paragraph breaks
    are the wider ones; at most 1.5 times the body size, for documents whose paragraphs are
    all one line long (where every distance is a paragraph break).
    """
    gaps = sorted(
        previous.y - line.y
        for previous, line in itertools.pairwise(lines)
        if previous.page == line.page
        and previous.size == line.size == body
        and 0 < previous.y - line.y < body * 3
    )
    usual = gaps[len(gaps) // 4] if gaps else body * 1.2
    return min(usual, body * _MAX_LEADING)


def _join_lines(lines: Iterable[str]) -> str:
    """Lines of one paragraph as one text; a word broken by a hyphen at a line end is joined."""
    out = ""
    for line in lines:
        if out.endswith("-") and line[:1].islower() and out[-2:-1].isalpha():
            out = out[:-1] + line
        else:
            out = f"{out} {line}" if out else line
    return out


# ------------------------------------------------------------------ Markdown and plain text

_BOMS: Final = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_BLANK_LINE: Final = re.compile(r"\n[ \t\f\v]*\n")


def _decode(data: bytes, build: _Builder) -> str:
    """The text of a text file: UTF-8, or UTF-16/UTF-32 with a byte-order mark."""
    encoding = next((name for bom, name in _BOMS if data.startswith(bom)), "utf-8")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        byte = data[exc.start]
        raise build.error(
            f"not {encoding.upper().removesuffix('-SIG')} text (byte 0x{byte:02x} at offset"
            f" {exc.start}); save it as UTF-8, or as UTF-16 with a byte-order mark"
        ) from exc
    if "\x00" in text:
        raise build.error("holds NUL characters: a binary file, not text")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _read_text(data: bytes, build: _Builder) -> None:
    for block in _BLANK_LINE.split(_decode(data, build)):
        build.add(block)


def _read_markdown(data: bytes, build: _Builder) -> None:
    markdown_it = import_optional("markdown_it", "Markdown documents", _EXTRA)
    parser = markdown_it.MarkdownIt("commonmark").enable("table")
    tokens: list[Token] = parser.parse(_decode(data, build))
    in_list = 0
    header: list[str] = []
    cells: list[str] = []
    in_head = False
    for index, token in enumerate(tokens):
        kind = token.type
        if kind == "list_item_open":
            in_list += 1
        elif kind == "list_item_close":
            in_list -= 1
        elif kind == "heading_open":
            build.heading(_inline_text(tokens[index + 1]), int(token.tag[1:]))
        elif kind == "paragraph_open":
            build.add(_inline_text(tokens[index + 1]), "list_item" if in_list else "paragraph")
        elif kind in ("thead_open", "thead_close"):
            in_head = kind == "thead_open"
        elif kind in ("th_open", "td_open"):
            cells.append(collapse_space(_inline_text(tokens[index + 1])))
        elif kind == "tr_close":
            if in_head:
                header = cells
            else:
                pairs = zip(header + [""] * (len(cells) - len(header)), cells, strict=False)
                build.add("; ".join(f"{h}: {c}" if h else c for h, c in pairs if c), "table_row")
            cells = []


def _inline_text(token: Token) -> str:
    """The plain text of an inline token: marks and links dropped, images by their alt text."""
    parts: list[str] = []
    for child in token.children or ():
        if child.type in ("text", "code_inline", "image"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts)


# ------------------------------------------------------------------ reading

_READERS: Final = {
    "docx": _read_docx,
    "pdf": _read_pdf,
    "markdown": _read_markdown,
    "text": _read_text,
}


def _why(exc: BaseException) -> str:
    message = str(exc).strip().splitlines()
    first = message[0][:200] if message else ""
    return f"{type(exc).__name__}: {first}" if first else type(exc).__name__


def _checked_limits(limits: object) -> EvidenceLimits:
    if limits is None:
        return DEFAULT_EVIDENCE_LIMITS
    if not isinstance(limits, EvidenceLimits):
        raise ArgumentError("limits", limits, "an EvidenceLimits or None")
    return limits


_FORMAT_NAMED: Final[Mapping[str, DocumentFormat]] = {name: name for name in FORMATS}


def _checked_id(id: object, source: str, digest: str) -> str:
    if id is None:
        return digest[:12] if source == _BYTES_SOURCE else Path(source).stem or source
    if not isinstance(id, str) or not id.strip():
        raise ArgumentError("id", id, "a non-blank str or None")
    return id


def _checked_paths(paths: object) -> list[str | os.PathLike[str]]:
    if isinstance(paths, (str, os.PathLike)):
        return [paths]
    if isinstance(paths, (bytes, bytearray)) or not isinstance(paths, Iterable):
        raise ArgumentError("paths", paths, "a path, or an iterable of paths")
    checked: list[str | os.PathLike[str]] = []
    for path in paths:
        if not isinstance(path, (str, os.PathLike)):
            raise ArgumentError("paths", path, "a path (str or os.PathLike)")
        checked.append(path)
    return checked


def _checked_format(format: object, source: str, data: bytes | None) -> DocumentFormat:
    """The format asked for, or the one the file's suffix (or a PDF or zip header) says."""
    if format is not None:
        found = _FORMAT_NAMED.get(format) if isinstance(format, str) else None
        if found is None:
            raise ArgumentError("format", format, f"one of {', '.join(FORMATS)} or None")
        return found
    if data is None:
        suffix = Path(source).suffix.lower()
        known = SUFFIXES.get(suffix)
        if known is None:
            what = f"the suffix {suffix!r}" if suffix else "no suffix"
            raise EvidenceError(
                source,
                f"{what} is not one collabrel reads ({', '.join(SUFFIXES)});"
                " pass format= to read it as one of those",
            )
        return known
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return "docx"
    raise EvidenceError(
        source, f"bytes that are not a PDF or a DOCX need format= ({', '.join(FORMATS)})"
    )


def _file_bytes(path: Path, source: str, limits: EvidenceLimits) -> bytes:
    """The file's bytes, refused without reading them when it is over `max_bytes`."""
    try:
        size = path.stat().st_size
        if size > limits.max_bytes:
            raise EvidenceError(
                source, _over(f"a file of {size} bytes", limits.max_bytes, "max_bytes")
            )
        with path.open("rb") as file:
            data = file.read(limits.max_bytes + 1)
    except OSError as exc:
        raise EvidenceError(source, f"cannot open it ({exc.strerror or _why(exc)})") from exc
    if len(data) > limits.max_bytes:  # it grew while we looked
        raise EvidenceError(
            source,
            _over(f"a file of more than {limits.max_bytes} bytes", limits.max_bytes, "max_bytes"),
        )
    return data


def read_document(
    document: str | os.PathLike[str] | bytes,
    *,
    format: DocumentFormat | None = None,
    id: str | None = None,
    limits: EvidenceLimits | None = None,
) -> Document:
    r"""Read one document (a path, or its bytes) into passages.

    Args:
        document: A path to a `.docx`, `.pdf`, `.md`/`.markdown` or `.txt` file, or the
            file's bytes.
        format: `"docx"`, `"pdf"`, `"markdown"` or `"text"`; by default the path's suffix
            says, and bytes that start as a PDF or a zip (DOCX) need none.
        id: The document's id; by default the file name's stem (for bytes, the start of
            their sha256).
        limits: The bounds (`EvidenceLimits`); the defaults when `None`.

    Returns:
        The `Document`, its passages in reading order. What the reader read past is in its
        `warnings` (a PDF without text, pages without text, an owner password).

    Raises:
        EvidenceError: The document cannot be read: no such file, an unknown suffix, over a
            limit, an encrypted or corrupt PDF, a file that is not a DOCX, text that is not
            UTF-8 (or UTF-16/32 with a byte-order mark). It names the source.
        ArgumentError: `document`, `format`, `id` or `limits` is of the wrong kind.
        ImportError: The `evidence` extra is not installed (it names it).

    Examples:
        >>> doc = read_document(b"Exit plan\n\nThe exit plan was agreed.", format="text",
        ...                     id="exit")
        >>> [p.text for p in doc.passages], doc.passages[1].location.paragraph
        (['Exit plan', 'The exit plan was agreed.'], 2)
    """
    limits = _checked_limits(limits)
    if isinstance(document, (bytes, bytearray, memoryview)):
        data = bytes(document)
        source = _BYTES_SOURCE
        if len(data) > limits.max_bytes:
            raise EvidenceError(
                source, _over(f"a file of {len(data)} bytes", limits.max_bytes, "max_bytes")
            )
        kind = _checked_format(format, source, data)
    elif isinstance(document, (str, os.PathLike)):
        path = Path(document)
        source = os.fspath(document)
        kind = _checked_format(format, source, None)
        data = _file_bytes(path, source, limits)
    else:
        raise ArgumentError("document", document, "a path (str or os.PathLike) or bytes")
    digest = hashlib.sha256(data).hexdigest()
    id = _checked_id(id, source, digest)
    build = _Builder(id, source, limits)
    try:
        _READERS[kind](data, build)
    except EvidenceError:
        raise
    except Exception as exc:
        raise build.error(f"the {kind} reader failed ({_why(exc)})") from exc
    if not build.passages and not any(w.startswith(_NO_TEXT) for w in build.warnings):
        build.warnings.append(f"{_NO_TEXT}: nothing in it has a word to read")
    return Document(
        id=id,
        source=source,
        sha256=digest,
        format=kind,
        passages=build.passages,
        pages=build.pages,
        warnings=build.warnings,
    )


def load_documents(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    limits: EvidenceLimits | None = None,
) -> DocumentSet:
    r"""Read many documents; one that cannot be read is a problem, and the others are read.

    A folder stands for the files under it (at any depth) whose suffix collabrel reads,
    in name order; hidden files and Word's `~$` lock files are skipped. Each document's id
    is its file name's stem; where two stems are the same, the file name, then the path as
    given.

    Args:
        paths: Files and folders (or one of them).
        limits: The bounds on each document (`EvidenceLimits`); the defaults when `None`.

    Returns:
        A `DocumentSet`: the documents read, in order, and a `DocumentProblem` (its source
        and the reason) for each file that could not be read.

    Raises:
        ArgumentError: `paths` or `limits` is of the wrong kind.
        ImportError: The `evidence` extra is not installed (it names it).

    Examples:
        >>> import tempfile
        >>> from pathlib import Path
        >>> with tempfile.TemporaryDirectory() as name:
        ...     folder = Path(name)
        ...     _ = (folder / "policy.md").write_text("# Policy\n\nThe SER is named.\n")
        ...     _ = (folder / "minutes.pdf").write_bytes(b"not a PDF at all")
        ...     found = load_documents(folder)
        >>> [d.id for d in found], [p.message for p in found.problems]
        (['policy'], ['not a PDF (no %PDF- header)'])
    """
    limits = _checked_limits(limits)
    documents: list[Document] = []
    problems: list[DocumentProblem] = []
    ids: set[str] = set()
    sources: set[str] = set()
    for source in _expand(_checked_paths(paths), problems):
        if source in sources:
            problems.append(DocumentProblem(source, "given more than once: read once"))
            continue
        sources.add(source)
        name = Path(source)
        id = next((i for i in (name.stem, name.name, source) if i and i not in ids), source)
        try:
            document = read_document(source, id=id, limits=limits)
        except EvidenceError as exc:
            problems.append(DocumentProblem(exc.source, exc.reason))
            continue
        ids.add(id)
        documents.append(document)
    return DocumentSet(documents=documents, problems=problems)


def _expand(
    paths: Iterable[str | os.PathLike[str]], problems: list[DocumentProblem]
) -> Iterator[str]:
    """Each path as given; a folder as the readable files under it, in name order."""
    for path in paths:
        source = os.fspath(path)
        folder = Path(source)
        if not folder.is_dir():
            yield source
            continue
        found = sorted(
            str(file)
            for file in folder.rglob("*")
            if file.suffix.lower() in SUFFIXES
            and not file.name.startswith((".", "~$"))
            and file.is_file()
        )
        if not found:
            known = ", ".join(SUFFIXES)
            problems.append(DocumentProblem(source, f"a folder without documents ({known})"))
        yield from found
