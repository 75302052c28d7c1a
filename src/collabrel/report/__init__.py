"""Reports for people: conformance reports (text, Markdown, HTML), tables (pandas) and figures.

pandas and matplotlib are optional extras. Nothing here is imported by the layers below; each
function imports its optional library on first use and raises `ImportError` naming the extra to
install when it is missing.
"""

from __future__ import annotations

from collabrel.report._conformance import to_html, to_markdown, to_text
from collabrel.report._frames import to_dataframe
from collabrel.report._governance import draw_governance, raci_from_dataframe, raci_to_dataframe
from collabrel.report._lifecycle import plot_timeline
from collabrel.report._metrics import (
    plot_health_radar,
    plot_kpi_trends,
    plot_maturity_profile,
    plot_selection,
)

__all__ = [
    "draw_governance",
    "plot_health_radar",
    "plot_kpi_trends",
    "plot_maturity_profile",
    "plot_selection",
    "plot_timeline",
    "raci_from_dataframe",
    "raci_to_dataframe",
    "to_dataframe",
    "to_html",
    "to_markdown",
    "to_text",
]
