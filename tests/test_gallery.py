"""The docs gallery shows every figure `collabrel.report` draws, and each one draws."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest
from tests._hooks import loaded_hook

from collabrel import report

ROOT = Path(__file__).resolve().parent.parent

pytest.importorskip("matplotlib")


@pytest.fixture(scope="module")
def gallery():
    with loaded_hook("gallery") as module:
        yield module


def _draws_a_figure(obj) -> bool:
    return inspect.isfunction(obj) and inspect.signature(obj).return_annotation == "Figure"


def test_every_figure_function_is_in_the_gallery(gallery):
    """Each function of `collabrel.report.__all__` that returns a figure has a gallery figure."""
    figure_functions = {n for n in report.__all__ if _draws_a_figure(getattr(report, n))}
    assert figure_functions >= {"plot_timeline", "draw_governance", "plot_selection"}
    assert figure_functions <= {f.function for f in gallery.FIGURES}
    assert gallery.missing() == ()


def test_each_figure_calls_its_function(gallery):
    """A figure's code calls the function it is listed under; slugs are unique."""
    for figure in gallery.FIGURES:
        assert f"{figure.function}(" in figure.code, figure.slug
        assert figure.function in report.__all__
    slugs = [f.slug for f in gallery.FIGURES]
    assert len(set(slugs)) == len(slugs)


def test_each_figure_draws_a_png(gallery):
    """Every figure's code runs and saves as a PNG."""
    for figure in gallery.FIGURES:
        assert gallery.render(figure)[:8] == b"\x89PNG\r\n\x1a\n", figure.slug


def test_the_page_and_the_build_use_the_hook(gallery):
    """The gallery page has its marker; mkdocs.yml loads the hook and keeps it out of the pages."""
    assert gallery.MARKER in (ROOT / "docs" / gallery.PAGE).read_text(encoding="utf-8")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "- docs/_hooks/gallery.py" in config
    assert "/_hooks/" in config.split("theme:")[0]
    assert f"- Gallery: {gallery.PAGE}" in config
    text = gallery.markdown()
    for figure in gallery.FIGURES:
        assert f"]({figure.path})" in text
        assert f"[collabrel.report.{figure.function}]" in text
