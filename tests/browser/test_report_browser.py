"""The HTML conformance report in headless Chromium: its links, its chart, its layout, in print.

The report is the flawed example's (many findings, every stage with gaps), written to a file
and opened by its file:// URL, as someone opens a report mailed to them.

`COLLABREL_UPDATE_SCREENSHOTS=1` also writes the screenshots the documentation shows
(`docs/assets/report-html*.png`); otherwise they go to a scratch folder and are only checked.
"""

from __future__ import annotations

import os
import re
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Final

import pytest

from collabrel.conformance import ConformanceReport, assess
from collabrel.examples import load
from collabrel.model import Result
from collabrel.report import to_html

if TYPE_CHECKING:
    from playwright.sync_api import Page

AS_OF: Final = date(2026, 10, 31)
ASSETS: Final = Path(__file__).resolve().parents[2] / "docs" / "assets"
UPDATE: Final = os.environ.get("COLLABREL_UPDATE_SCREENSHOTS") == "1"
PNG: Final = b"\x89PNG\r\n\x1a\n"
ATTENTION: Final = frozenset({Result.MAJOR, Result.MINOR, Result.OBSERVATION})
"""The results a report gives a section each (the others are rows of a table)."""


@pytest.fixture(scope="module")
def report() -> ConformanceReport:
    return assess(load("flawed"), as_of=AS_OF)


@pytest.fixture(scope="module")
def url(report: ConformanceReport, tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("report") / "flawed.html"
    path.write_text(to_html(report), encoding="utf-8")
    return path.as_uri()


def _hrefs(page: Page, selector: str) -> list[str]:
    hrefs: list[str] = page.eval_on_selector_all(
        selector, "links => links.map(a => a.getAttribute('href'))"
    )
    return hrefs


def _lands(page: Page, href: str) -> bool:
    assert href.startswith("#"), href
    found: bool = page.evaluate("id => document.getElementById(id) !== null", href[1:])
    return found


def test_contents_and_readiness_links_land(browser_page: Page, url: str) -> None:
    """Every link of the contents and of the readiness table is to an element on the page."""
    page = browser_page
    page.goto(url)
    contents = _hrefs(page, "nav.toc a[href]")
    readiness = _hrefs(page, "tr[id^='stage-'] a[href]")
    assert "#readiness" in contents
    assert "#findings-major" in contents
    assert "#finding-cbr-s5-joint-rmp" in readiness
    everything = _hrefs(page, "a[href]")
    assert set(contents) | set(readiness) <= set(everything)
    assert [href for href in everything if not _lands(page, href)] == []


def test_following_a_gap_shows_its_finding(browser_page: Page, url: str) -> None:
    """A click on a gap in the readiness table scrolls to that finding, which is the target."""
    page = browser_page
    page.goto(url)
    page.locator("#stage-working-together a[href='#finding-cbr-s5-joint-rmp']").click()
    page.wait_for_function("location.hash === '#finding-cbr-s5-joint-rmp'")
    assert page.evaluate("document.querySelector(':target').id") == "finding-cbr-s5-joint-rmp"
    finding = page.locator("#finding-cbr-s5-joint-rmp")
    assert finding.is_visible()
    box = finding.bounding_box()
    assert box is not None
    assert 0 <= box["y"] < 900  # scrolled into the viewport


def test_every_finding_has_an_anchor(
    browser_page: Page, url: str, report: ConformanceReport
) -> None:
    """Each finding is an element with an id of its own (a section, or a row of the table)."""
    page = browser_page
    page.goto(url)
    ids: list[str] = page.eval_on_selector_all("[id]", "all => all.map(e => e.id)")
    assert len(ids) == len(set(ids))
    findings = [i for i in ids if i.startswith("finding-")]
    assert len(findings) == len(report.findings)
    sections: int = page.eval_on_selector_all(
        "section.finding", "all => all.filter(s => s.id.startsWith('finding-')).length"
    )
    assert sections == len([f for f in report.findings if f.result in ATTENTION])
    for f in report.findings:
        slug = re.sub(r"[^a-z0-9]+", "-", f.requirement.lower()).strip("-")
        assert f"finding-{slug}" in findings
        assert f"req-{slug}" in ids


def test_chart_renders(browser_page: Page, url: str, report: ConformanceReport) -> None:
    """The readiness chart is drawn with a size, a bar per stage, and a name for screen readers."""
    page = browser_page
    page.goto(url)
    chart = page.locator("svg.chart")
    assert chart.is_visible()
    box = chart.bounding_box()
    assert box is not None
    assert box["width"] > 200
    assert box["height"] > 100
    readiness = report.readiness()
    assert chart.locator("g.bar").count() == len(readiness)
    widths: list[float] = page.eval_on_selector_all(
        "svg.chart g.bar", "bars => bars.map(g => g.getBBox().width)"
    )
    assert all(w > 0 for w in widths)
    named = page.get_by_role("img", name=re.compile(r"^Readiness by stage"))
    assert named.count() == 1
    described: str = chart.evaluate(
        "svg => document.getElementById(svg.getAttribute('aria-labelledby').split(' ')[1])"
        ".textContent"
    )
    for r in readiness:
        assert f"{r.stage.number} {r.stage.title}: " in described


@pytest.mark.parametrize("width", [1280, 390])
def test_no_horizontal_overflow(browser_page: Page, url: str, width: int) -> None:
    """At a desktop's and a phone's width nothing sticks out sideways; the contents show."""
    page = browser_page
    page.set_viewport_size({"width": width, "height": 844})
    page.goto(url)
    sizes: dict[str, int] = page.evaluate(
        "({doc: document.documentElement.scrollWidth, body: document.body.scrollWidth,"
        " viewport: window.innerWidth})"
    )
    assert sizes["viewport"] == width
    assert sizes["doc"] <= width
    assert sizes["body"] <= width
    contents = page.locator("nav.toc")
    assert contents.is_visible()
    box = contents.bounding_box()
    assert box is not None
    assert box["x"] >= 0
    assert box["x"] + box["width"] <= width


def test_print_hides_the_contents(browser_page: Page, url: str) -> None:
    """Printed, the contents are gone, the text is black on white and the findings remain."""
    page = browser_page
    page.goto(url)
    contents = page.locator("nav.toc")
    assert contents.is_visible()
    page.emulate_media(media="print")
    assert not contents.is_visible()
    style: dict[str, str] = page.evaluate(
        "() => { const b = getComputedStyle(document.body), r ="
        " getComputedStyle(document.querySelector('.result'));"
        " return {color: b.color, background: b.backgroundColor, result: r.color,"
        " badge: r.backgroundColor, nav: getComputedStyle(document.querySelector('nav.toc'))"
        ".display}; }"
    )
    assert style == {
        "color": "rgb(0, 0, 0)",
        "background": "rgb(255, 255, 255)",
        "result": "rgb(0, 0, 0)",
        "badge": "rgba(0, 0, 0, 0)",
        "nav": "none",
    }
    assert page.locator("section.finding").first.is_visible()
    assert page.locator("svg.chart").is_visible()
    page.emulate_media(media="screen")
    assert contents.is_visible()


SHOTS: Final = {
    "report-html.png": ((1280, 1000), ""),
    "report-html-mobile.png": ((390, 844), "#readiness"),
}
"""The screenshots: their viewports (CSS pixels) and where on the page they are taken."""


@pytest.mark.parametrize("name", sorted(SHOTS))
def test_screenshots(browser_page: Page, url: str, tmp_path: Path, name: str) -> None:
    """The screenshots the documentation shows: the page's top, and a phone's view of the chart."""
    (width, height), fragment = SHOTS[name]
    page = browser_page
    page.set_viewport_size({"width": width, "height": height})
    page.goto(url + fragment)
    target = (ASSETS if UPDATE else tmp_path) / name
    page.screenshot(path=target)
    data = target.read_bytes()
    assert data.startswith(PNG)
    assert int.from_bytes(data[16:20], "big") == width  # the IHDR chunk's width
    if UPDATE:
        _shrink(target)


def _shrink(path: Path) -> None:
    """Keep a committed screenshot small: a palette of 64 colours (with Pillow, if it is there)."""
    try:
        from PIL import Image  # noqa: PLC0415 - optional, only when updating the docs
    except ImportError:
        return
    with Image.open(path) as image:
        small = image.convert("RGB").quantize(colors=64, method=Image.Quantize.MEDIANCUT)
    small.save(path, optimize=True)
