"""The formats a conformance report is written in: the one table `collabrel assess` looks up.

Each row names a format, says what it is for, gives the file suffixes that choose it and
renders a report, given where the plan came from (the JUnit and SARIF formats point at it).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import PurePath
from types import MappingProxyType
from typing import Final
from urllib.parse import quote

from attrs import field, frozen

from collabrel.conformance import ConformanceReport
from collabrel.errors import FormatError
from collabrel.report._conformance import to_html, to_markdown, to_text
from collabrel.report._junit import to_junit
from collabrel.report._sarif import to_sarif
from collabrel.serialization import dumps

__all__ = ["REPORT_FORMATS", "ReportFormat", "choose_format"]

_Renderer = Callable[[ConformanceReport, PurePath | None], str]


@frozen(kw_only=True)
class ReportFormat:
    """One format a conformance report can be written in.

    Attributes:
        name: The format's name, as `collabrel assess --format` takes it, e.g. `"junit"`.
        description: What the format is, in a few words.
        suffixes: The file suffixes that choose the format for `--output`, e.g. `(".xml",)`.
        renderer: Renders a report, given the plan's path (or `None`).
        joins: Whether reports in this format still read as one when printed one after
            another (text, Markdown), as `collabrel assess` prints several plans' reports.

    Examples:
        >>> from collabrel.report import REPORT_FORMATS
        >>> REPORT_FORMATS["junit"].suffixes
        ('.xml',)
    """

    name: str
    description: str
    suffixes: tuple[str, ...]
    renderer: _Renderer = field(repr=False)
    joins: bool = False

    def render(self, report: ConformanceReport, *, source: PurePath | None = None) -> str:
        """The report in this format, ending in a newline.

        Args:
            report: The report to write.
            source: The plan's path; JUnit test cases name it as their file and SARIF
                results are located in it. The other formats leave it out.

        Returns:
            The text.

        Raises:
            ArgumentError: If `report` is not a `ConformanceReport`.

        Examples:
            >>> from datetime import date
            >>> from pathlib import PurePath
            >>> from collabrel import assess, examples
            >>> from collabrel.report import REPORT_FORMATS
            >>> report = assess(examples.load("alliance"), as_of=date(2026, 10, 31))
            >>> sarif = REPORT_FORMATS["sarif"].render(report, source=PurePath("my plan.yaml"))
            >>> '"uri": "my%20plan.yaml"' in sarif
            True
        """
        return self.renderer(report, source)


def _json(report: ConformanceReport, _source: PurePath | None) -> str:
    text = dumps(report, "json")
    return text if text.endswith("\n") else text + "\n"


def _uri(path: PurePath) -> str:
    """A path as a URI reference: relative ones stay relative (to the repository's root)."""
    return path.as_uri() if path.is_absolute() else quote(path.as_posix())


def _junit(report: ConformanceReport, source: PurePath | None) -> str:
    return to_junit(report, source=None if source is None else source.as_posix())


def _sarif(report: ConformanceReport, source: PurePath | None) -> str:
    return to_sarif(report, artifact_uri=None if source is None else _uri(source))


REPORT_FORMATS: Final = MappingProxyType(
    {
        f.name: f
        for f in (
            ReportFormat(
                name="text",
                description="plain text for a terminal",
                suffixes=(".txt",),
                renderer=lambda report, _: to_text(report),
                joins=True,
            ),
            ReportFormat(
                name="markdown",
                description="a Markdown document",
                suffixes=(".md", ".markdown"),
                renderer=lambda report, _: to_markdown(report),
                joins=True,
            ),
            ReportFormat(
                name="html",
                description="one self-contained HTML page",
                suffixes=(".html", ".htm"),
                renderer=lambda report, _: to_html(report),
            ),
            ReportFormat(
                name="json",
                description="the report as data, which `collabrel.loads` reads back",
                suffixes=(".json",),
                renderer=_json,
            ),
            ReportFormat(
                name="junit",
                description="JUnit XML: each nonconformity a failed test, for CI test reports",
                suffixes=(".xml",),
                renderer=_junit,
            ),
            ReportFormat(
                name="sarif",
                description="SARIF 2.1.0: nonconformities and observations for code scanning",
                suffixes=(".sarif",),
                renderer=_sarif,
            ),
        )
    }
)
"""Every format a conformance report is written in, by name, text first."""


def choose_format(name: str | None = None, output: PurePath | None = None) -> ReportFormat:
    """The format named, else the one `output`'s suffix chooses, else text.

    Args:
        name: A format's name (a key of `REPORT_FORMATS`), or `None`.
        output: The file the report is written to, or `None`; its suffix chooses the format
            when `name` is `None` (case does not matter; an unknown suffix chooses text).

    Returns:
        The format.

    Raises:
        FormatError: If `name` is not a format's name.

    Examples:
        >>> from pathlib import PurePath
        >>> choose_format(output=PurePath("out/report.XML")).name
        'junit'
        >>> choose_format("markdown", PurePath("report.html")).name
        'markdown'
        >>> choose_format().name
        'text'
    """
    if name is not None:
        try:
            return REPORT_FORMATS[name]
        except KeyError:
            known = ", ".join(REPORT_FORMATS)
            msg = f"unknown report format {name!r} (choose from {known})"
            raise FormatError(name, msg) from None
    if output is not None:
        suffix = output.suffix.lower()
        for fmt in REPORT_FORMATS.values():
            if suffix in fmt.suffixes:
                return fmt
    return REPORT_FORMATS["text"]
