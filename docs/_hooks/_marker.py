# ruff: noqa: INP001 - imported by the mkdocs hooks beside it (mkdocs puts their folder on the path)
"""What every page-writing hook does: put generated Markdown where its page has the marker."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mkdocs.structure.pages import Page


def fill(markdown_text: str, page: Page, *, uri: str, marker: str, body: Callable[[], str]) -> str:
    """The page's Markdown with `marker` replaced by `body()`, if `page` is the one at `uri`.

    Other pages come back as they are; `body` runs only for this one.

    Raises:
        PluginError: If the page at `uri` has no `marker` line.
    """
    if page.file.src_uri != uri:
        return markdown_text
    if marker not in markdown_text:
        from mkdocs.exceptions import PluginError  # noqa: PLC0415 - only at build time

        msg = f"{uri} has no {marker} line for the hook to write into"
        raise PluginError(msg)
    return markdown_text.replace(marker, body())
