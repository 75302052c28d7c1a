"""Reports for people: tables (pandas) and figures (matplotlib), both optional extras.

Nothing here is imported by the layers below; each function imports its optional library on
first use and raises `ImportError` naming the extra to install when it is missing.
"""

from __future__ import annotations

from collabrel.report._lifecycle import plot_timeline

__all__ = ["plot_timeline"]
