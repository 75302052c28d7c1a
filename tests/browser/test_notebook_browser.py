"""The executed consultant's notebook in headless Chromium: its sections, outputs and layout.

The notebook is run with nbclient (as the docs build runs it) and exported with nbconvert's
lab template, the HTML a reader gets from Jupyter's "export as HTML"; the page is opened by its
file:// URL with every request off the machine refused, so nothing outside the page is needed.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Final

import pytest
from tests._notebook import executed, read

if TYPE_CHECKING:
    from playwright.sync_api import Page, Route

FIGURES: Final = 5
"""The figures the notebook draws (`fig = report.plot_...`)."""


def _sections() -> list[str]:
    """The notebook's `##` headings, each an anchor in the page."""
    return [
        line
        for cell in read().cells
        if cell.cell_type == "markdown"
        for line in cell.source.splitlines()
        if line.startswith("## ")
    ]


@pytest.fixture(scope="module")
def url(tmp_path_factory: pytest.TempPathFactory) -> str:
    nbconvert = pytest.importorskip("nbconvert", reason="pip install -e '.[dev]' (nbconvert)")
    body, _ = nbconvert.HTMLExporter(template_name="lab").from_notebook_node(executed())
    path = tmp_path_factory.mktemp("notebook") / "consultant-review.html"
    path.write_text(body, encoding="utf-8")
    return path.as_uri()


def _offline(route: Route) -> None:
    if route.request.url.startswith("file://"):
        route.continue_()
    else:
        route.abort()


def _open(page: Page, url: str, width: int = 1280) -> Page:
    page.set_viewport_size({"width": width, "height": 900})
    page.route("**/*", _offline)
    page.goto(url)
    return page


def test_every_section_has_an_anchor_that_lands(browser_page: Page, url: str) -> None:
    page = _open(browser_page, url)
    ids: list[str] = page.eval_on_selector_all("h2[id]", "hs => hs.map(h => h.id)")
    assert len(ids) == len(_sections()), ids
    for anchor in ids:
        page.goto(f"{url}#{anchor}")
        top: float = page.evaluate(
            "id => document.getElementById(id).getBoundingClientRect().top", anchor
        )
        assert abs(top) < 5 or page.evaluate(
            "window.scrollY + innerHeight >= document.body.scrollHeight - 2"
        )


def test_no_cell_shows_an_error(browser_page: Page, url: str) -> None:
    page = _open(browser_page, url)
    assert page.locator(".jp-OutputArea-output").count() > 20
    stderr = '[data-mime-type="application/vnd.jupyter.stderr"]'
    errors = page.locator(f'{stderr}, .jp-OutputArea-output pre:has-text("Traceback")')
    assert errors.count() == 0


def test_the_plan_shows_its_notebook_view(browser_page: Page, url: str) -> None:
    page = _open(browser_page, url)
    plan = page.locator(".jp-OutputArea-output .collabrel").first
    assert plan.is_visible()
    text = plan.inner_text()
    for fact in (
        "Northern Rail Renewals Alliance",
        "Northmoor Rail Infrastructure Ltd",
        "Awareness",
        "Exit strategy",
    ):
        assert fact in text, fact
    box = plan.bounding_box()
    assert box is not None
    assert box["width"] <= 1280


def test_every_figure_is_drawn(browser_page: Page, url: str) -> None:
    page = _open(browser_page, url)
    sizes: list[list[int]] = page.eval_on_selector_all(
        ".jp-OutputArea-output img",
        "imgs => imgs.map(i => [i.complete ? i.naturalWidth : 0, i.naturalHeight])",
    )
    assert len(sizes) == FIGURES
    assert all(width > 300 and height > 200 for width, height in sizes), sizes


def test_dataframes_render_as_tables(browser_page: Page, url: str) -> None:
    page = _open(browser_page, url)
    tables = page.locator(".jp-OutputArea-output table.dataframe")
    assert tables.count() >= 6
    first = tables.first.inner_text()
    assert re.search(r"not_assessable", first), first[:200]


@pytest.mark.parametrize("width", [1280, 390])
def test_no_horizontal_overflow(browser_page: Page, url: str, width: int) -> None:
    """The page never scrolls sideways; a wide table scrolls in its own output box."""
    page = _open(browser_page, url, width)
    widths: dict[str, int] = page.evaluate(
        "({doc: document.documentElement.scrollWidth, view: window.innerWidth})"
    )
    assert widths["doc"] <= widths["view"] + 1, widths


def test_it_renders_with_the_network_refused(browser_page: Page, url: str, tmp_path: Path) -> None:
    """Every cell is laid out with nothing fetched from off the machine."""
    page = _open(browser_page, url)
    page.wait_for_load_state("load")
    assert page.locator(".jp-Cell").count() == len(read().cells)
    page.screenshot(path=tmp_path / "notebook.png", full_page=True)
    assert (tmp_path / "notebook.png").stat().st_size > 50_000
