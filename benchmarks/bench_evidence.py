"""Evidence benchmarks for collabrel: reading documents into passages.

Run from the repository root::

    .venv/bin/python benchmarks/bench_evidence.py            # full run (about 20 seconds)
    .venv/bin/python benchmarks/bench_evidence.py --quick    # smoke run (a few seconds)
    .venv/bin/python benchmarks/bench_evidence.py --json     # also save results as JSON

What it measures (see docs/benchmarks.md):

1. read: `collabrel.evidence.read_document` of a generated 100-page PDF (fpdf2: a heading
   and five paragraphs of about 450 characters a page, of generated sentences), and of the
   same passages as a DOCX (python-docx), Markdown and plain text. Time per document and
   per page, passages found. Target (issue 17): a 100-page PDF read and indexed in under
   2 s; this section is the reading part.

Results are printed as Markdown tables; `--json [PATH]` also writes them as JSON (by default
to benchmarks/results/<UTC time>-evidence-<full|quick>.json).
"""

from __future__ import annotations

import itertools
import sys
import tempfile
from pathlib import Path
from typing import Any

import _runner
from _runner import fmt_time, heading, table, time_runs
from collabrel.evidence import read_document

sys.path.insert(0, str(Path(__file__).parents[1] / "tests" / "evidence"))
import build_fixtures  # the fixture builder of the evaluation set

PACKAGES = ("collabrel", "pypdf", "python-docx", "markdown-it-py", "fpdf2")
SECTIONS = ("read",)
PAGES = 100
PARAGRAPHS_PER_PAGE = 5


_SUBJECTS = ("The joint management team", "The alliance board", "Each partner", "The SER")
_VERBS = ("reviews", "agrees", "records", "escalates")
_OBJECTS = ("the joint risk register", "the exit plan", "the value case", "the KPI results")


def _texts() -> list[str]:
    """Deterministic sentences, so the figures do not move as the labelled set grows."""
    return [
        f"{s} {v} {o} at meeting {i}, with owners and dates for every action."
        for i, (s, v, o) in enumerate(itertools.product(_SUBJECTS, _VERBS, _OBJECTS))
    ]


def _paragraph(texts: itertools.cycle[str]) -> str:
    out = next(texts)
    while len(out) < 400:
        out = f"{out} {next(texts)}"
    return out


def _documents(folder: Path, pages: int) -> dict[str, Path]:
    """The same passages as a PDF of `pages` pages, a DOCX, Markdown and text."""
    from fpdf import FPDF  # noqa: PLC0415 - a dev dependency

    texts = itertools.cycle(_texts())
    sections = [
        (f"Section {page}", [_paragraph(texts) for _ in range(PARAGRAPHS_PER_PAGE)])
        for page in range(1, pages + 1)
    ]
    pdf = FPDF()
    pdf.set_auto_page_break(auto=False)
    for title, paragraphs in sections:
        pdf.add_page()
        pdf.set_font("Helvetica", "B", 16)
        pdf.multi_cell(0, 8, title, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", "", 11)
        for text in paragraphs:
            pdf.multi_cell(0, 5.5, build_fixtures.pdf_text(text), new_x="LMARGIN", new_y="NEXT")
            pdf.ln(3)
    paths = {"pdf": folder / "report.pdf"}
    pdf.output(str(paths["pdf"]))
    passages = [((title,), text, "paragraph") for title, ps in sections for text in ps]
    paths["docx"] = build_fixtures.build_docx(folder / "report.docx", passages)
    markdown = "\n\n".join(f"# {t}\n\n" + "\n\n".join(ps) for t, ps in sections)
    paths["markdown"] = folder / "report.md"
    paths["markdown"].write_text(markdown, encoding="utf-8")
    paths["text"] = folder / "report.txt"
    paths["text"].write_text(markdown.replace("# ", ""), encoding="utf-8")
    return paths


def section_read(repeat: int, pages: int) -> dict[str, Any]:
    heading(f"read: one document of {pages} pages' text, by format")
    with tempfile.TemporaryDirectory() as name:
        paths = _documents(Path(name), pages)
        found = {fmt: read_document(path) for fmt, path in paths.items()}
        assert found["pdf"].pages == pages, found["pdf"].pages
        assert not found["pdf"].warnings, found["pdf"].warnings
        times = time_runs(
            {fmt: (lambda p=path: read_document(p)) for fmt, path in paths.items()},
            repeat=repeat,
        )
        sizes = {fmt: path.stat().st_size for fmt, path in paths.items()}
    rows = [
        [
            fmt,
            _runner.fmt_bytes(sizes[fmt]),
            str(len(found[fmt].passages)),
            fmt_time(t["median_s"]),
            fmt_time(t["min_s"]),
            fmt_time(t["median_s"] / pages),
        ]
        for fmt, t in times.items()
    ]
    print(
        table(
            ["format", "file", "passages", "median", "min", "per page"],
            rows,
            align="lrrrrr",
        )
    )
    return {
        "pages": pages,
        "times": times,
        "passages": {fmt: len(d.passages) for fmt, d in found.items()},
        "bytes": sizes,
    }


def main(argv: list[str] | None = None) -> int:
    args = _runner.parse(_runner.parser(__doc__, SECTIONS), argv)
    repeat = 3 if args.quick else 7
    sections: _runner.Sections = {"read": lambda: section_read(repeat, PAGES)}
    name = f"evidence-{args.mode}"
    return _runner.run(args, "evidence", sections, packages=PACKAGES, name=name)


if __name__ == "__main__":
    raise SystemExit(main())
