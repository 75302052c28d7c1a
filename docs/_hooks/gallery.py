# ruff: noqa: INP001 - a mkdocs hook loaded by path from mkdocs.yml, not a package
"""A mkdocs hook that draws every figure collabrel makes, for the gallery page.

`FIGURES` is the one list of them: each names the `collabrel.report` function it shows and
the code that draws it from the bundled examples. At build time the hook runs that code with
matplotlib's Agg backend, adds each PNG to the site (none is committed) and writes the
gallery into `docs/gallery.md` where it says `<!-- gallery -->`. A figure function of
`collabrel.report` that the list leaves out fails the build (and `tests/test_gallery.py`).
"""

from __future__ import annotations

import inspect
import io
from typing import TYPE_CHECKING, Any, Final, NamedTuple

from _marker import fill

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

PAGE: Final = "gallery.md"
MARKER: Final = "<!-- gallery -->"
FOLDER: Final = "assets/gallery"
DPI: Final = 80

SETUP: Final = """\
from datetime import date

from collabrel import examples, metrics, report

alliance = examples.load("alliance")
consortium = examples.load("consortium")
"""
"""The code every figure's code runs after (shown once, at the top of the page)."""


class Figure(NamedTuple):
    """One figure of the gallery: the function it shows, what it shows, the code to draw it."""

    slug: str
    function: str
    title: str
    about: str
    code: str

    @property
    def path(self) -> str:
        """Where the PNG goes in the site."""
        return f"{FOLDER}/{self.slug}.png"


FIGURES: Final = (
    Figure(
        slug="health-radar",
        function="plot_health_radar",
        title="Relationship health",
        about="The alliance's latest health survey, one polygon per side.",
        code="""\
health = metrics.assess_health(metrics.health_ratings(alliance))
fig = report.plot_health_radar(health)""",
    ),
    Figure(
        slug="kpi-trends",
        function="plot_kpi_trends",
        title="KPI trends",
        about="Two of the alliance's KPIs against their targets and at-risk bands.",
        code="""\
kpis = metrics.assess_kpis(alliance.relationship.kpis, date(2026, 10, 31))
fig = report.plot_kpi_trends(kpis, kpis=["kpi-design-rft", "kpi-carbon"])""",
    ),
    Figure(
        slug="maturity-profile",
        function="plot_maturity_profile",
        title="Maturity profile",
        about="The alliance's latest maturity assessment, with the one before it.",
        code="""\
assessments = alliance.stages.staying_together.maturity_assessments
fig = report.plot_maturity_profile(metrics.assess_maturity(assessments))""",
    ),
    Figure(
        slug="selection",
        function="plot_selection",
        title="Partner selection",
        about="The alliance's candidates: scores, sensitivity to the weights, thresholds.",
        code="""\
matrix = metrics.DecisionMatrix.from_plan(alliance)
fig = report.plot_selection(metrics.select_partners(matrix))""",
    ),
    Figure(
        slug="timeline",
        function="plot_timeline",
        title="Lifecycle timeline",
        about="The alliance's history, stage by stage, as of a day.",
        code="fig = report.plot_timeline(alliance.history, as_of=date(2025, 10, 31))",
    ),
    Figure(
        slug="governance-alliance",
        function="draw_governance",
        title="Governance of the alliance",
        about="Bodies by escalation level over the people of each organisation.",
        code="fig = report.draw_governance(alliance)",
    ),
    Figure(
        slug="governance-consortium",
        function="draw_governance",
        title="Governance of the consortium",
        about="A flawed consortium: the nodes its nonconformities name are ringed in red.",
        code="fig = report.draw_governance(consortium)",
    ),
)


def figure_functions() -> tuple[str, ...]:
    """The names in `collabrel.report.__all__` of the functions that return a figure."""
    from collabrel import report  # noqa: PLC0415 - the hook loads before the package is needed

    found = []
    for name in report.__all__:
        obj = getattr(report, name)
        if inspect.isfunction(obj) and inspect.signature(obj).return_annotation == "Figure":
            found.append(name)
    return tuple(found)


def missing() -> tuple[str, ...]:
    """The figure functions of `collabrel.report` that no gallery figure shows."""
    shown = {f.function for f in FIGURES}
    return tuple(name for name in figure_functions() if name not in shown)


def draw(figure: Figure) -> Any:
    """Run a figure's code (after `SETUP`) and return the matplotlib figure it makes."""
    import matplotlib as mpl  # noqa: PLC0415 - only when drawing

    mpl.use("Agg")
    namespace: dict[str, Any] = {}
    exec(SETUP, namespace)  # noqa: S102 - our own code, from the table above
    exec(figure.code, namespace)  # noqa: S102
    return namespace["fig"]


def render(figure: Figure) -> bytes:
    """A figure as PNG bytes (the figure is closed afterwards)."""
    from matplotlib import pyplot as plt  # noqa: PLC0415

    fig = draw(figure)
    out = io.BytesIO()
    try:
        fig.savefig(out, format="png", dpi=DPI)
    finally:
        plt.close(fig)
    return out.getvalue()


def markdown() -> str:
    """The gallery's sections: the shared setup, then each figure's code and picture."""
    parts = ["Every figure starts from this code:", "", "```python", SETUP.rstrip(), "```", ""]
    for figure in FIGURES:
        parts += [
            f"## {figure.title}",
            "",
            f"[`{figure.function}`][collabrel.report.{figure.function}]: {figure.about}",
            "",
            "```python",
            figure.code,
            "```",
            "",
            f"![{figure.title}]({figure.path})",
            "",
        ]
    return "\n".join(parts)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Draw every figure into the site's files."""
    from mkdocs.exceptions import PluginError  # noqa: PLC0415
    from mkdocs.structure.files import File  # noqa: PLC0415

    left_out = missing()
    if left_out:
        msg = f"the gallery (docs/_hooks/gallery.py) shows no figure of {', '.join(left_out)}"
        raise PluginError(msg)
    for figure in FIGURES:
        files.append(File.generated(config, figure.path, content=render(figure)))
    return files


def on_page_markdown(markdown_text: str, page: Page, **_: object) -> str:
    """Write the gallery into its page."""
    return fill(markdown_text, page, uri=PAGE, marker=MARKER, body=markdown)
