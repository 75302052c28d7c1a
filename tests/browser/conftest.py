"""Headless-browser tests: a Playwright page on the system's Chromium.

They need Playwright for Python (the `browser` extra, in `dev` too) and a Chromium: the one
`COLLABREL_CHROMIUM` names, else Debian's `/usr/bin/chromium` (`apt-get install chromium`).
Playwright's own browser download (`playwright install`) is never used. Without either, every
test here is skipped, and the skip says which is missing and how to install it.

`browser_page` is the fixture to use: a new page (in a context of its own, 1280 x 900 CSS
pixels) for each test, from one browser started once per session.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Final

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

CHROMIUM: Final = "/usr/bin/chromium"
"""Debian's Chromium, used unless `COLLABREL_CHROMIUM` names another."""
LAUNCH_ARGS: Final = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
"""Chromium's flags: headless, and no connections of its own (the network may be closed)."""
VIEWPORT: Final = {"width": 1280, "height": 900}


def chromium_path() -> Path:
    """The Chromium the tests drive: `COLLABREL_CHROMIUM`, else `/usr/bin/chromium`."""
    return Path(os.environ.get("COLLABREL_CHROMIUM") or CHROMIUM)


@pytest.fixture(scope="session")
def _browser() -> Iterator[Browser]:
    try:
        from playwright.sync_api import sync_playwright  # noqa: PLC0415 - only if it is there
    except ImportError:
        pytest.skip("playwright is not installed: pip install -e '.[browser]' (or '.[dev]')")
    chromium = chromium_path()
    if not chromium.is_file():
        pytest.skip(
            f"no Chromium at {chromium}: apt-get install chromium, or set COLLABREL_CHROMIUM"
            " to a Chromium binary (never `playwright install`)"
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium), args=list(LAUNCH_ARGS))
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def browser_page(_browser: Browser) -> Iterator[Page]:
    """A fresh page in headless Chromium (1280 x 900), closed with its context after the test."""
    context = _browser.new_context(
        viewport={"width": VIEWPORT["width"], "height": VIEWPORT["height"]}
    )
    try:
        yield context.new_page()
    finally:
        context.close()
