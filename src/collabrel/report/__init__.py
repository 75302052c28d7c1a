"""Reports for people and pipelines: conformance reports, tables (pandas) and figures.

A conformance report is written as text, Markdown, HTML, JSON, JUnit XML (for CI test
reports) or SARIF (for code scanning); `REPORT_FORMATS` is the table of them that
`collabrel assess --format` looks up.

pandas and matplotlib are optional extras. Nothing here is imported by the layers below; each
function imports its optional library on first use and raises `ImportError` naming the extra to
install when it is missing.
"""

from __future__ import annotations

from collabrel.report._conformance import to_html, to_markdown, to_text
from collabrel.report._formats import REPORT_FORMATS, ReportFormat, choose_format
from collabrel.report._frames import to_dataframe
from collabrel.report._governance import draw_governance, raci_from_dataframe, raci_to_dataframe
from collabrel.report._junit import to_junit
from collabrel.report._lifecycle import plot_timeline
from collabrel.report._metrics import (
    plot_health_radar,
    plot_kpi_trends,
    plot_maturity_profile,
    plot_selection,
)
from collabrel.report._sarif import to_sarif

__all__ = [
    "REPORT_FORMATS",
    "ReportFormat",
    "choose_format",
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
    "to_junit",
    "to_markdown",
    "to_sarif",
    "to_text",
]
