"""The findings sink: one Parquet file per partition, one row per finding."""

from __future__ import annotations

from pathlib import Path

import pytest

from _portfolio import AS_OF, plan, write_jsonl
from collabrel.conformance import assess
from collabrel.errors import InvalidFieldError
from collabrel.portfolio import SINK_COLUMNS, PlanSource, assess_many
from collabrel.portfolio._sink import ParquetSink

pq = pytest.importorskip("pyarrow.parquet")  # installed in dev: never skipped in CI


@pytest.fixture
def source(tmp_path: Path) -> PlanSource:
    """Three plans and a bad line in two partitions."""
    rows = [plan("alliance"), "{bad", plan("flawed"), plan("consortium", 2)]
    return PlanSource.jsonl(write_jsonl(tmp_path / "p.jsonl", rows), partition_size=2)  # type: ignore[arg-type]


class TestSink:
    @pytest.mark.parametrize("engine", ["serial", "process"])
    def test_one_file_per_partition_with_a_row_per_finding(
        self, source: PlanSource, tmp_path: Path, engine: str
    ) -> None:
        """Each partition writes its file; together they hold every plan's findings."""
        out = tmp_path / "out"
        assess_many(source, engine=engine, as_of=AS_OF, sink=out, n_jobs=2)
        files = sorted(out.iterdir())
        assert [f.name for f in files] == ["part-00000.parquet", "part-00001.parquet"]
        tables = [pq.read_table(f) for f in files]
        assert all(tuple(t.column_names) == SINK_COLUMNS for t in tables)
        expected = sum(
            len(assess(p, as_of=AS_OF).findings)
            for p in (plan("alliance"), plan("flawed"), plan("consortium", 2))
        )
        assert sum(t.num_rows for t in tables) == expected
        first = tables[0].to_pylist()
        file = source.description.removeprefix("JSON Lines ")
        assert {r["location"] for r in first} == {f"{file}:1"}
        assert {r["as_of"] for r in first} == {AS_OF}
        assert {r["subject"] for r in tables[1].to_pylist()} == {
            plan("flawed").relationship.id,  # type: ignore[union-attr]
            plan("consortium").relationship.id,  # type: ignore[union-attr]
        }
        assert {r["revision"] for r in tables[1].to_pylist()} == {1, 2}

    def test_rows_match_the_reports_records(self) -> None:
        """A plan's rows are its report's records with where the plan is and which it is."""
        rmp = plan("flawed", 4)
        report = assess(rmp, as_of=AS_OF)
        rows = ParquetSink.rows("x.json", rmp, report)
        assert [
            {k: v for k, v in r.items() if k not in {"location", "subject", "revision", "as_of"}}
            for r in rows
        ] == report.to_records()
        assert {(r["location"], r["revision"]) for r in rows} == {("x.json", 4)}

    def test_a_pattern_names_the_files(self, tmp_path: Path) -> None:
        """A pattern with `{i}` names each partition's file."""
        source = PlanSource.from_plans([plan("flawed")])
        assess_many(source, engine="serial", as_of=AS_OF, sink=tmp_path / "r" / "f-{i}.pq")
        assert [f.name for f in (tmp_path / "r").iterdir()] == ["f-0.pq"]

    def test_a_partition_without_findings_writes_an_empty_table(self, tmp_path: Path) -> None:
        """A partition whose plans all fail still writes its file, with the columns and no rows."""
        file = write_jsonl(tmp_path / "p.jsonl", ["{bad"])
        assess_many(PlanSource.jsonl(file), engine="serial", as_of=AS_OF, sink=tmp_path / "o")
        table = pq.read_table(tmp_path / "o" / "part-00000.parquet")
        assert (table.num_rows, tuple(table.column_names)) == (0, SINK_COLUMNS)

    def test_a_pattern_that_names_the_same_file_twice_is_refused(self, tmp_path: Path) -> None:
        """A pattern whose `{i}` is missing would write every partition to one file."""
        with pytest.raises(InvalidFieldError) as info:
            ParquetSink.of(str(tmp_path / "{i!r:.0}.parquet"))
        assert info.value.field == "sink"
