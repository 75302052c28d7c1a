"""The findings sink: one Parquet file per partition, one row per finding (`parquet` extra).

Each worker writes its own partition's file, so findings never travel back to the caller;
DuckDB, pandas or Spark read the folder as one table
(`SELECT result, count(*) FROM 'results/*.parquet' GROUP BY result`).
"""

from __future__ import annotations

import os
from pathlib import Path
from types import ModuleType
from typing import Final

from attrs import frozen

from collabrel._optional import import_optional
from collabrel.conformance import ConformanceReport
from collabrel.errors import ArgumentError, InvalidFieldError
from collabrel.model import RelationshipManagementPlan

__all__ = ["SINK_COLUMNS", "ParquetSink"]

_PLAN_COLUMNS: Final = ("location", "subject", "revision", "as_of")
SINK_COLUMNS: Final = (*_PLAN_COLUMNS, *ConformanceReport.record_columns)
"""The columns of the sink's Parquet files, in order: where the plan is, which plan, then
`ConformanceReport.to_records`' columns."""

_FILE: Final = "part-{i:05d}.parquet"  # a folder sink's file names


def _pyarrow() -> ModuleType:
    return import_optional("pyarrow", "Parquet findings files", "parquet")


def _schema(pa: ModuleType) -> object:
    typed = {"revision": pa.int64(), "as_of": pa.date32()}
    return pa.schema([(name, typed.get(name, pa.string())) for name in SINK_COLUMNS])


@frozen
class ParquetSink:
    """Where each partition's findings are written: `pattern.format(i=partition_index)`.

    Attributes:
        pattern: A file name pattern with `{i}`, e.g. `"results/part-{i}.parquet"`.
    """

    pattern: str

    @classmethod
    def of(cls, sink: str | os.PathLike[str]) -> ParquetSink:
        """A sink for a folder (files `part-00000.parquet`, ...) or a pattern naming `{i}`.

        The folder is made if it is missing; pyarrow is imported now, so a missing extra
        fails before any work.

        Raises:
            ArgumentError: If `sink` is not a path.
            InvalidFieldError: If the pattern names no `{i}` or another field.
            ImportError: If pyarrow is not installed.
        """
        if not isinstance(sink, (str, os.PathLike)):
            raise ArgumentError("sink", sink, "a folder or a file pattern with '{i}'")
        text = os.fspath(sink)
        pattern = text if "{" in text else str(Path(text) / _FILE)
        try:
            pattern.format(i=0)
        except (KeyError, IndexError, ValueError) as exc:
            expectation = "a folder or a file pattern naming only '{i}'"
            raise InvalidFieldError("assess_many", "sink", text, expectation) from exc
        if pattern.format(i=0) == pattern.format(i=1):
            raise InvalidFieldError("assess_many", "sink", text, "a pattern naming '{i}'")
        _pyarrow()
        Path(pattern.format(i=0)).parent.mkdir(parents=True, exist_ok=True)
        return cls(pattern)

    def path(self, index: int) -> Path:
        """The file of partition `index`."""
        return Path(self.pattern.format(i=index))

    @staticmethod
    def rows(
        location: str, plan: RelationshipManagementPlan, report: ConformanceReport
    ) -> list[dict[str, object]]:
        """The rows of one plan's findings, with the plan's location, subject and revision."""
        head = (location, report.subject, plan.meta.revision, report.as_of)
        return [{**dict(zip(_PLAN_COLUMNS, head, strict=True)), **r} for r in report.to_records()]

    def write(self, index: int, rows: list[dict[str, object]]) -> None:
        """Write partition `index`'s rows (a partition without findings gets an empty file).

        The file is written beside its final name and renamed into place, so a reader never
        sees half a file and a partition tried twice leaves one file.
        """
        pa = _pyarrow()
        parquet = import_optional("pyarrow.parquet", "Parquet findings files", "parquet")
        table = pa.Table.from_pylist(rows, schema=_schema(pa))
        target = self.path(index)
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
        parquet.write_table(table, partial)
        partial.replace(target)
