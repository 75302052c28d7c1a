"""Reading DOCX, PDF, Markdown and text into passages; bad input; limits; load_documents."""

from __future__ import annotations

import codecs
import io
import os
import pickle
import sys
import zipfile
from pathlib import Path

import docx
import pypdf
import pytest
from fpdf import FPDF

from collabrel.errors import ArgumentError, CollabrelError
from collabrel.evidence import (
    DocumentSet,
    EvidenceError,
    EvidenceLimits,
    Passage,
    PassageLocation,
    load_documents,
    normalise_text,
    read_document,
    text_sha256,
)

sys.path.insert(0, str(Path(__file__).parents[2] / "evidence"))
import build_fixtures


def texts(document):
    return [p.text for p in document.passages]


def _pdf(pages, *, heading=None):
    """A PDF whose pages hold the given paragraphs (an empty list: a page without text)."""
    pdf = FPDF()
    for paragraphs in pages:
        pdf.add_page()
        if heading:
            pdf.set_font("Helvetica", "B", 16)
            pdf.multi_cell(0, 8, heading, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", "", 11)
        for text in paragraphs:
            pdf.multi_cell(0, 5.5, text, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(3)
        if not paragraphs:
            pdf.rect(20, 20, 100, 100, style="F")  # a picture, no text
    return bytes(pdf.output())


def _encrypted(data, *, user_password, owner_password="owner"):  # noqa: S107
    reader = pypdf.PdfReader(io.BytesIO(data))
    writer = pypdf.PdfWriter(clone_from=reader)
    writer.encrypt(user_password=user_password, owner_password=owner_password)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


# ------------------------------------------------------------------ passages and hashes


def test_the_hash_is_of_the_normalised_text():
    assert normalise_text(" a\u00a0 b\n\tc ") == "a b c"
    assert text_sha256("ﬁnal  plan") == text_sha256("final plan")
    assert text_sha256("Final plan") != text_sha256("final plan")
    passage = Passage(
        document="d", source="d.txt", text="The plan.", location=PassageLocation(paragraph=1)
    )
    assert passage.sha256 == text_sha256("The plan.")


def test_a_document_set_refuses_two_documents_with_one_id():
    one = read_document(b"Text.", format="text", id="same")
    with pytest.raises(CollabrelError, match="distinct ids"):
        DocumentSet(documents=[one, one])


def test_an_evidence_error_names_the_source_and_pickles():
    err = EvidenceError("a/minutes.pdf", "encrypted PDF: it needs a password to open")
    assert isinstance(err, CollabrelError)
    assert (err.source, err.reason) == (
        "a/minutes.pdf",
        "encrypted PDF: it needs a password to open",
    )
    again = pickle.loads(pickle.dumps(err))  # noqa: S301 - our own bytes
    assert (again.source, str(again)) == (err.source, str(err))


# ------------------------------------------------------------------ plain text


def test_text_is_paragraphs_separated_by_blank_lines():
    doc = read_document(
        b"Joint risk register\r\n\r\nRisks are reviewed\nevery month.\n  \nOwners agreed.",
        format="text",
        id="notes",
    )
    assert texts(doc) == [
        "Joint risk register",
        "Risks are reviewed every month.",
        "Owners agreed.",
    ]
    assert [p.location.paragraph for p in doc.passages] == [1, 2, 3]
    assert {p.location.page for p in doc.passages} == {None}
    assert {p.kind for p in doc.passages} == {"paragraph"}
    assert doc.format == "text"
    assert doc.id == "notes"


@pytest.mark.parametrize(
    ("bom", "encoding"),
    [
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
    ],
)
def test_text_with_a_byte_order_mark_is_decoded_by_it(bom, encoding):
    data = bom + "Café strategy\n\nNaïve — no more.".encode(encoding)
    assert texts(read_document(data, format="text")) == ["Café strategy", "Naïve — no more."]


def test_text_that_is_not_utf8_is_a_clear_error(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("Café policy".encode("cp1252"))
    with pytest.raises(EvidenceError, match=r"not UTF-8 text \(byte 0xe9 at offset 3\)") as info:
        read_document(path)
    assert info.value.source == str(path)


def test_a_binary_file_named_txt_is_refused():
    with pytest.raises(EvidenceError, match="NUL"):
        read_document(b"abc\x00\x01", format="text")


# ------------------------------------------------------------------ Markdown


def test_markdown_headings_lists_tables_and_paragraphs():
    text = """# Relationship plan

Intro with **bold** and a [link](http://x) and `code`.

## Governance

- The **JMT** meets monthly
- The board
  meets quarterly

```
code is skipped
```

| Role | Holder |
|------|--------|
| SER  | Jane   |
| Chair |       |

# Exit

Exit triggers agreed.
"""
    doc = read_document(text.encode(), format="markdown", id="rmp")
    got = [(p.kind, p.text, p.location.heading_path) for p in doc.passages]
    gov = ("Relationship plan", "Governance")
    assert got == [
        ("heading", "Relationship plan", ("Relationship plan",)),
        ("paragraph", "Intro with bold and a link and code.", ("Relationship plan",)),
        ("heading", "Governance", gov),
        ("list_item", "The JMT meets monthly", gov),
        ("list_item", "The board meets quarterly", gov),
        ("table_row", "Role: SER; Holder: Jane", gov),
        ("table_row", "Role: Chair", gov),
        ("heading", "Exit", ("Exit",)),
        ("paragraph", "Exit triggers agreed.", ("Exit",)),
    ]


def test_a_markdown_file_is_read_by_its_suffix(tmp_path):
    path = tmp_path / "policy.markdown"
    path.write_text("Policy text.\n", encoding="utf-8")
    doc = read_document(path)
    assert (doc.id, doc.format, doc.source) == ("policy", "markdown", str(path))


# ------------------------------------------------------------------ DOCX


def _docx_bytes(build):
    document = docx.Document()
    build(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_docx_headings_give_the_heading_path_tables_give_rows():
    def build(d):
        d.add_heading("Joint relationship management plan", level=0)
        d.add_paragraph("Agreed by both partners.")
        d.add_heading("Governance", level=1)
        d.add_heading("Joint management team", level=2)
        d.add_paragraph("Meets every month.")
        d.add_paragraph("Chair rotates", style="List Bullet")
        d.add_paragraph("   ")
        table = d.add_table(rows=3, cols=3)
        for cell, value in zip(table.rows[0].cells, ["Risk", "Owner", "Score"], strict=True):
            cell.text = value
        for cell, value in zip(table.rows[1].cells, ["Supplier exit", "JMT", "12"], strict=True):
            cell.text = value
        merged = table.rows[2].cells[0].merge(table.rows[2].cells[1])
        merged.text = "Merged across two"
        table.rows[2].cells[2].text = "4"
        d.add_heading("Exit", level=1)
        d.add_paragraph("Exit plan agreed.")

    doc = read_document(_docx_bytes(build), id="jrmp")
    assert doc.format == "docx"
    got = [(p.kind, p.text, p.location.heading_path) for p in doc.passages]
    title = "Joint relationship management plan"
    jmt = (title, "Governance", "Joint management team")
    assert got == [
        ("heading", title, (title,)),
        ("paragraph", "Agreed by both partners.", (title,)),
        ("heading", "Governance", (title, "Governance")),
        ("heading", "Joint management team", jmt),
        ("paragraph", "Meets every month.", jmt),
        ("list_item", "Chair rotates", jmt),
        ("table_row", "Risk: Supplier exit; Owner: JMT; Score: 12", jmt),
        ("table_row", "Risk: Merged across two; Owner: 4", jmt),
        ("heading", "Exit", (title, "Exit")),
        ("paragraph", "Exit plan agreed.", (title, "Exit")),
    ]
    assert [p.location.paragraph for p in doc.passages] == list(range(1, 11))


def test_a_docx_without_text_is_read_with_a_warning():
    doc = read_document(_docx_bytes(lambda d: d.add_paragraph("")), id="empty")
    assert doc.passages == ()
    assert doc.warnings == ("no text: nothing in it has a word to read",)


def test_a_file_named_docx_that_is_not_a_zip_is_an_error(tmp_path):
    path = tmp_path / "policy.docx"
    path.write_bytes(b"this is plain text, not a Word document")
    with pytest.raises(EvidenceError, match="not a DOCX: not a zip archive") as info:
        read_document(path)
    assert info.value.source == str(path)


def test_a_zip_that_is_not_a_docx_is_an_error():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("hello.txt", "hi")
    with pytest.raises(EvidenceError, match="not a readable Word document"):
        read_document(out.getvalue(), format="docx")


def test_a_password_protected_docx_is_named_as_such():
    with pytest.raises(EvidenceError, match="OLE file: a password-protected document or an old"):
        read_document(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), format="docx")


def test_a_docx_that_unpacks_to_more_than_max_bytes_is_refused_unparsed():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b" " * 2_000_000)
    data = out.getvalue()
    assert len(data) < 100_000
    with pytest.raises(EvidenceError, match=r"unpack to 2000000 bytes.*max_bytes"):
        read_document(data, format="docx", limits=EvidenceLimits(max_bytes=1_000_000))


# ------------------------------------------------------------------ PDF


def test_pdf_passages_have_pages_headings_and_paragraphs():
    data = _pdf(
        [["The board meets quarterly.", "- Minutes are kept"], ["Exit triggers are agreed."]],
        heading="Governance",
    )
    doc = read_document(data, id="minutes")
    assert (doc.format, doc.pages, doc.warnings) == ("pdf", 2, ())
    got = [(p.kind, p.text, p.location.page, p.location.heading_path) for p in doc.passages]
    assert got == [
        ("heading", "Governance", 1, ("Governance",)),
        ("paragraph", "The board meets quarterly.", 1, ("Governance",)),
        ("list_item", "Minutes are kept", 1, ("Governance",)),
        ("heading", "Governance", 2, ("Governance",)),
        ("paragraph", "Exit triggers are agreed.", 2, ("Governance",)),
    ]


def test_pdf_lines_of_one_paragraph_are_joined_and_paragraphs_split():
    long = "The joint management team reviews the risk register and agrees owners. " * 4
    doc = read_document(_pdf([[long, "Second paragraph.", "Third."]]))
    assert texts(doc) == [long.strip(), "Second paragraph.", "Third."]


def test_an_encrypted_pdf_is_an_error_naming_the_file(tmp_path):
    path = tmp_path / "board-minutes.pdf"
    path.write_bytes(_encrypted(_pdf([["Secret minutes."]]), user_password="secret"))  # noqa: S106
    with pytest.raises(EvidenceError, match="encrypted PDF: it needs a password") as info:
        read_document(path)
    assert info.value.source == str(path)
    assert "board-minutes.pdf" in str(info.value)


def test_a_pdf_with_only_an_owner_password_is_read_with_a_warning():
    doc = read_document(_encrypted(_pdf([["Open minutes."]]), user_password=""))
    assert texts(doc) == ["Open minutes."]
    assert doc.warnings == ("encrypted PDF with an owner password only: read without a password",)


def test_an_image_only_pdf_is_a_warning_not_an_error():
    doc = read_document(_pdf([[], []]), id="scan")
    assert (doc.passages, doc.pages) == ((), 2)
    assert len(doc.warnings) == 1
    assert doc.warnings[0].startswith("no text (image-only PDF?): none of its 2 pages")


def test_pages_without_text_are_listed_in_a_warning():
    doc = read_document(_pdf([["Text."], [], ["More."]]))
    assert texts(doc) == ["Text.", "More."]
    assert doc.warnings == ("1 of 3 pages have no text (images?): 2",)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"not a pdf at all", "not a PDF"),
        (b"%PDF-1.7\n" + b"garbage " * 50, "corrupt PDF"),
    ],
)
def test_a_corrupt_pdf_is_an_error(tmp_path, data, message):
    path = tmp_path / "broken.pdf"
    path.write_bytes(data)
    with pytest.raises(EvidenceError, match=message) as info:
        read_document(path)
    assert info.value.source == str(path)


def test_a_pdf_cut_short_is_read_as_far_as_it_goes_or_refused():
    data = _pdf([["First page text."], ["Second page text."]])
    try:
        doc = read_document(data[: len(data) // 2], format="pdf")
    except EvidenceError as err:
        reason = err.reason
    else:
        reason = "PDF read"
        assert all(p.location.page in (1, 2) for p in doc.passages)
    assert "PDF" in reason


def test_a_pdf_over_max_pages_is_refused_before_its_text_is_read(monkeypatch):
    data = _pdf([["a"], ["b"], ["c"]])

    def no_text(*args, **kwargs):
        raise AssertionError("text extracted")

    monkeypatch.setattr(pypdf.PageObject, "extract_text", no_text)
    with pytest.raises(EvidenceError, match=r"a PDF of 3 pages is more than the limit of 2"):
        read_document(data, limits=EvidenceLimits(max_pages=2))


# ------------------------------------------------------------------ limits and arguments


def test_a_file_over_max_bytes_is_refused_before_it_is_read(tmp_path, monkeypatch):
    path = tmp_path / "huge.pdf"
    path.write_bytes(b"%PDF-1.7\n" + b"x" * 5000)
    monkeypatch.setattr(Path, "open", lambda *_a, **_k: pytest.fail("the file was opened"))
    with pytest.raises(
        EvidenceError, match=r"a file of 5009 bytes .* \(EvidenceLimits.max_bytes\)"
    ):
        read_document(path, limits=EvidenceLimits(max_bytes=1000))


def test_max_passages_and_max_passage_chars():
    many = "\n\n".join(f"Paragraph {i}." for i in range(11)).encode()
    with pytest.raises(EvidenceError, match="max_passages"):
        read_document(many, format="text", limits=EvidenceLimits(max_passages=10))
    long = ("word " * 100).encode()
    doc = read_document(long, format="text", limits=EvidenceLimits(max_passage_chars=100))
    assert all(len(t) <= 100 for t in texts(doc))
    assert " ".join(texts(doc)) == ("word " * 100).strip()
    assert [p.location.paragraph for p in doc.passages] == list(range(1, len(doc.passages) + 1))


def test_passages_without_a_word_are_skipped():
    assert texts(read_document(b"---\n\n***\n\nReal text.", format="text")) == ["Real text."]


@pytest.mark.parametrize("name", ["minutes.doc", "plan.xlsx", "README"])
def test_an_unknown_suffix_is_an_error_naming_the_path(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(b"x")
    with pytest.raises(EvidenceError, match="is not one collabrel reads") as info:
        read_document(path)
    assert info.value.source == str(path)
    assert read_document(path, format="text").passages[0].text == "x"


def test_a_missing_file_is_an_evidence_error(tmp_path):
    with pytest.raises(EvidenceError, match="cannot open it"):
        read_document(tmp_path / "gone.md")


@pytest.mark.parametrize(
    ("kwargs", "argument"),
    [
        ({"document": 3}, "document"),
        ({"document": b"x", "format": "rtf"}, "format"),
        ({"document": b"x", "format": "text", "id": " "}, "id"),
        ({"document": b"x", "format": "text", "limits": {}}, "limits"),
    ],
)
def test_arguments_of_the_wrong_kind(kwargs, argument):
    with pytest.raises(ArgumentError) as info:
        read_document(**kwargs)
    assert info.value.argument == argument


def test_bytes_without_a_format_must_look_like_a_pdf_or_docx():
    assert read_document(_pdf([["Hi there."]])).format == "pdf"
    assert read_document(_docx_bytes(lambda d: d.add_paragraph("Hi."))).format == "docx"
    with pytest.raises(EvidenceError, match="need format="):
        read_document(b"plain words")


def test_limits_are_checked():
    with pytest.raises(CollabrelError):
        EvidenceLimits(max_pages=0)


# ------------------------------------------------------------------ load_documents


def test_one_bad_document_never_stops_the_others(tmp_path):
    (tmp_path / "policy.md").write_text("# Policy\n\nThe SER is named.\n", encoding="utf-8")
    (tmp_path / "locked.pdf").write_bytes(_encrypted(_pdf([["Locked."]]), user_password="pw"))  # noqa: S106
    (tmp_path / "broken.docx").write_bytes(b"not a zip")
    (tmp_path / "scan.pdf").write_bytes(_pdf([[]]))
    (tmp_path / "notes.txt").write_bytes("Café".encode("cp1252"))
    (tmp_path / "sheet.xlsx").write_bytes(b"x")
    found = load_documents(
        [
            tmp_path / name
            for name in (
                "policy.md",
                "locked.pdf",
                "broken.docx",
                "scan.pdf",
                "notes.txt",
                "sheet.xlsx",
            )
        ]
    )
    assert [d.id for d in found] == ["policy", "scan"]
    assert found.documents[1].warnings[0].startswith("no text (image-only PDF?)")
    assert [(Path(p.source).name, p.message[:14]) for p in found.problems] == [
        ("locked.pdf", "encrypted PDF:"),
        ("broken.docx", "not a DOCX: no"),
        ("notes.txt", "not UTF-8 text"),
        ("sheet.xlsx", "the suffix '.x"),
    ]
    assert [p.text for p in found.passages] == ["Policy", "The SER is named."]


def test_a_folder_is_its_documents_in_name_order_and_ids_stay_distinct(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "minutes.txt").write_text("Later.", encoding="utf-8")
    (tmp_path / "minutes.md").write_text("Earlier.", encoding="utf-8")
    (tmp_path / "minutes.txt").write_text("Plain.", encoding="utf-8")
    (tmp_path / "~$minutes.docx").write_bytes(b"lock")
    (tmp_path / ".hidden.md").write_text("Hidden.", encoding="utf-8")
    (tmp_path / "data.csv").write_text("a,b", encoding="utf-8")
    found = load_documents(tmp_path)
    assert [(d.id, Path(d.source).relative_to(tmp_path).as_posix()) for d in found] == [
        ("minutes", "b/minutes.txt"),
        ("minutes.md", "minutes.md"),
        ("minutes.txt", "minutes.txt"),
    ]
    assert {p.document for p in found.passages} == {"minutes", "minutes.md", "minutes.txt"}
    assert found.problems == ()


def test_a_path_given_twice_and_an_empty_folder(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Text.", encoding="utf-8")
    empty = tmp_path / "empty"
    empty.mkdir()
    found = load_documents([path, str(path), empty])
    assert len(found) == 1
    assert [p.message for p in found.problems] == [
        "given more than once: read once",
        "a folder without documents (.docx, .pdf, .md, .markdown, .txt, .text)",
    ]


def test_load_documents_arguments():
    with pytest.raises(ArgumentError):
        load_documents(3)  # type: ignore[arg-type]
    with pytest.raises(ArgumentError):
        load_documents([3])  # type: ignore[list-item]
    with pytest.raises(ArgumentError):
        load_documents(b"a.txt")  # type: ignore[arg-type]


def test_the_inputs_are_never_written(tmp_path):
    files = {
        "a.pdf": _pdf([["Minutes."]]),
        "b.docx": _docx_bytes(lambda d: d.add_paragraph("Policy.")),
        "c.md": b"# Plan\n",
        "d.txt": b"Notes.",
        "e.pdf": b"%PDF-1.4 broken",
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
        os.utime(tmp_path / name, (1_000_000_000, 1_000_000_000))
    before = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in tmp_path.iterdir()}
    found = load_documents(tmp_path)
    assert len(found) == 4
    assert {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in tmp_path.iterdir()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(files)


# ------------------------------------------------------------------ the fixture builder


PASSAGES = [
    ("plan", ("Relationship plan",), "This plan is owned by the joint management team."),
    (
        "plan",
        ("Relationship plan", "Risks"),
        "Joint risks are reviewed at every meeting \u2013 monthly.",
    ),
    ("plan", ("Relationship plan", "Risks"), "Escalate red risks to the board", "list_item"),
    ("plan", ("Exit",), "The exit strategy names \u201ctriggers\u201d and steps."),
    ("minutes", (), "Minutes of the alliance board, held on 3 March."),
]


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_the_fixture_builder_round_trips_through_the_reader(tmp_path, fmt):
    written = build_fixtures.build(tmp_path, PASSAGES, formats=[fmt])
    assert [p.name for p in written] == [f"plan.{fmt}", f"minutes.{fmt}"]
    found = load_documents(written)
    assert found.problems == ()
    for document, passages in build_fixtures.by_document(PASSAGES).items():
        read = [p for p in found.passages if p.document == document and p.kind != "heading"]
        want = [
            (path, build_fixtures.pdf_text(text) if fmt == "pdf" else text, kind)
            for path, text, kind in passages
        ]
        assert [(p.location.heading_path, p.text, p.kind) for p in read] == want


def test_the_labelled_set_builds_into_readable_fixtures(tmp_path):
    if not build_fixtures.LABELLED.exists():
        pytest.skip("no labelled set yet")
    passages = build_fixtures.labelled()
    written = build_fixtures.build(tmp_path, passages)
    found = load_documents(written)
    assert found.problems == ()
    for fmt in ("docx", "pdf"):
        read = {normalise_text(p.text) for d in found if d.format == fmt for p in d.passages}
        missing = [
            text
            for _, _, text, *_ in passages
            if normalise_text(build_fixtures.pdf_text(text) if fmt == "pdf" else text) not in read
        ]
        assert missing == [], fmt
