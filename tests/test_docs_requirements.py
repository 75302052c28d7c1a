"""The hand-written requirements page lists exactly what the built-in catalogues hold.

`docs/reference/requirements.md` has, per catalogue, a heading naming the catalogue and its
version, a table of every requirement in catalogue order, and a table of the requirements not
assessable from records with the reason. Any change to a catalogue must be copied to the page.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from collabrel.conformance import Catalogue, Requirement, catalogue, catalogues

PAGE = Path(__file__).resolve().parent.parent / "docs" / "reference" / "requirements.md"


def _tables(lines: list[str]) -> list[list[list[str]]]:
    """The body rows of every Markdown table in `lines`, table by table."""
    tables: list[list[list[str]]] = []
    current: list[list[str]] | None = None
    for line in [*lines, ""]:
        if line.startswith("|"):
            if current is None:
                current = []
                tables.append(current)
            current.append([cell.strip() for cell in line.strip().strip("|").split("|")])
        else:
            current = None
    return [table[2:] for table in tables]  # drop the header and the rule under it


def _section(name: str) -> list[str]:
    """The lines from the catalogue's `##` heading up to the next `##` heading."""
    lines = PAGE.read_text(encoding="utf-8").splitlines()
    start = next(i for i, ln in enumerate(lines) if ln.startswith("## ") and f"`{name}`" in ln)
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), None)
    return lines[start:end]


def _clause(cat: Catalogue, req: Requirement) -> str:
    own = next(ref for ref in req.references if ref.standard == cat.name)
    return req.clause + ("" if own.verified else " (unverified)")


def _row(cat: Catalogue, req: Requirement) -> list[str]:
    return [
        f"`{req.id}`",
        req.title,
        _clause(cat, req),
        f"`{req.stage.value}`" if req.stage else "—",
        "yes" if req.joint else "no",
        "yes" if req.assessable else "no",
        req.importance.value,
        req.level.value,
    ]


@pytest.mark.parametrize("name", catalogues())
def test_heading_names_the_catalogue_version(name: str) -> None:
    """The catalogue's heading gives its current version."""
    cat = catalogue(name)
    assert _section(name)[0].endswith(f"(`{cat.name}`, version {cat.version})")


@pytest.mark.parametrize("name", catalogues())
def test_page_lists_every_requirement(name: str) -> None:
    """The first table lists exactly the catalogue's requirements, in order, field by field."""
    cat = catalogue(name)
    requirements, _ = _tables(_section(name))
    assert [row[0].strip("`") for row in requirements] == list(cat.ids)
    assert requirements == [_row(cat, req) for req in cat]


@pytest.mark.parametrize("name", catalogues())
def test_page_gives_every_not_assessable_reason(name: str) -> None:
    """The second table gives each requirement not assessable from records with its reason."""
    cat = catalogue(name)
    _, reasons = _tables(_section(name))
    assert reasons == [[f"`{req.id}`", req.not_assessable_reason] for req in cat.not_assessable()]


def test_both_catalogues_are_on_the_page() -> None:
    """Every built-in catalogue has its section and the page holds no other requirement id."""
    text = PAGE.read_text(encoding="utf-8")
    known = {rid for name in catalogues() for rid in catalogue(name).ids}
    listed = {
        cell.strip("`")
        for name in catalogues()
        for table in _tables(_section(name))
        for row in table
        for cell in row[:1]
    }
    assert listed == known
    assert text.count("\n## ") == len(catalogues())
