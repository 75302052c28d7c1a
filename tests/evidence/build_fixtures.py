"""Build DOCX and PDF fixtures from passages: one file per document, headings and paragraphs.

Each passage is `(document, heading_path, text)` (or `(document, heading_path, text, kind)`
with `kind` one of `paragraph`, `list_item`), in reading order. A document's headings are
written where its heading path changes: a DOCX with Word's `Heading N` styles
(python-docx), a PDF with bold headings in larger type over 11-point body text (fpdf2, core
Helvetica font, so text outside Latin-1 is first written as its nearest ASCII:
`pdf_text`). Nothing is written outside the folder given; tests build into `tmp_path`.

    python tests/evidence/build_fixtures.py OUT_DIR [passages.yaml]

reads the labelled set (`tests/evidence/passages.yaml` by default) and writes
`OUT_DIR/<document>.docx` and `OUT_DIR/<document>.pdf` for each of its documents.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

LABELLED = Path(__file__).with_name("passages.yaml")

FixturePassage = tuple[str, Sequence[str], str] | tuple[str, Sequence[str], str, str]

_ASCII = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2026": "...",
        "\u20ac": "EUR",
        "\u2022": "-",
        "\u00a0": " ",
    }
)
_HEADING_SIZES = (16, 14, 12.5, 12)
_BODY_SIZE = 11


def pdf_text(text: str) -> str:
    """The text as the PDF fixture holds it: Latin-1, typographic marks as ASCII."""
    return text.translate(_ASCII).encode("latin-1", "replace").decode("latin-1")


def by_document(
    passages: Iterable[FixturePassage],
) -> dict[str, list[tuple[tuple[str, ...], str, str]]]:
    """The passages of each document, in order: (heading path, text, kind)."""
    documents: dict[str, list[tuple[tuple[str, ...], str, str]]] = {}
    for passage in passages:
        document, path, text = passage[0], tuple(passage[1]), passage[2]
        kind = passage[3] if len(passage) > 3 else "paragraph"
        documents.setdefault(document, []).append((path, text, kind))
    return documents


def _new_headings(previous: tuple[str, ...], path: tuple[str, ...]):
    """The (level, heading) pairs to write when the heading path goes from previous to path."""
    same = 0
    while same < min(len(previous), len(path)) and previous[same] == path[same]:
        same += 1
    return [(level, path[level - 1]) for level in range(same + 1, len(path) + 1)]


def build_docx(path: Path, passages: Sequence[tuple[tuple[str, ...], str, str]]) -> Path:
    import docx  # noqa: PLC0415 - the evidence extra, only when building

    document = docx.Document()
    previous: tuple[str, ...] = ()
    for heading_path, text, kind in passages:
        for level, heading in _new_headings(previous, heading_path):
            document.add_heading(heading, level=min(level, 9))
        previous = heading_path
        document.add_paragraph(text, style="List Bullet" if kind == "list_item" else None)
    document.save(str(path))
    return path


def build_pdf(path: Path, passages: Sequence[tuple[tuple[str, ...], str, str]]) -> Path:
    from fpdf import FPDF  # noqa: PLC0415 - a dev dependency, only when building

    pdf = FPDF()
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    previous: tuple[str, ...] = ()
    for heading_path, text, kind in passages:
        for level, heading in _new_headings(previous, heading_path):
            size = _HEADING_SIZES[min(level, len(_HEADING_SIZES)) - 1]
            pdf.ln(2)
            pdf.set_font("Helvetica", "B", size)
            pdf.multi_cell(0, size * 0.5, pdf_text(heading), new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1)
        previous = heading_path
        pdf.set_font("Helvetica", "", _BODY_SIZE)
        body = pdf_text(text)
        if kind == "list_item":
            body = f"- {body}"
        pdf.multi_cell(0, 5.5, body, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
    pdf.output(str(path))
    return path


def build(
    out: Path, passages: Iterable[FixturePassage], formats: Sequence[str] = ("docx", "pdf")
) -> list[Path]:
    """Write `out/<document>.<format>` for each document of `passages`; the paths written."""
    out.mkdir(parents=True, exist_ok=True)
    builders = {"docx": build_docx, "pdf": build_pdf}
    written = []
    for document, items in by_document(passages).items():
        written.extend(builders[f](out / f"{document}.{f}", items) for f in formats)
    return written


def labelled(path: Path = LABELLED) -> list[FixturePassage]:
    """The labelled set's passages as (document, heading path, text, kind), in file order.

    A `table_row` is written as a paragraph (its cells joined by " | " as in the set).
    """
    import yaml  # noqa: PLC0415

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    items = data["passages"] if isinstance(data, dict) else data
    return [
        (
            item["document"],
            tuple(item.get("heading_path") or item.get("heading") or ()),
            item["text"],
        )
        for item in items
    ]


def main(argv: Sequence[str]) -> int:
    if not argv or len(argv) > 2:
        print(__doc__, file=sys.stderr)  # noqa: T201
        return 2
    source = Path(argv[1]) if len(argv) > 1 else LABELLED
    for written in build(Path(argv[0]), labelled(source)):
        print(written)  # noqa: T201
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
