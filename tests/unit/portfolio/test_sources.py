"""Plan sources: folders, JSON Lines, callables and plans in memory, cut into lazy partitions."""

from __future__ import annotations

import pickle
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from _portfolio import (
    BAD_ROLE_PATH,
    bad_role,
    line,
    plan,
    query,
    write_folder,
    write_jsonl,
)
from collabrel.errors import ArgumentError, DocumentError, InvalidFieldError
from collabrel.model import RelationshipManagementPlan
from collabrel.portfolio import Partition, PlanSource
from collabrel.portfolio._sources import _line_ranges, _lines_in
from collabrel.serialization import dumps


def _locations(source: PlanSource) -> list[str]:
    return [location for location, _ in source.read()]


def _kinds(source: PlanSource) -> list[str]:
    return [type(item).__name__ for _, item in source.read()]


class TestFolder:
    def test_reads_json_yaml_and_toml_in_sorted_order(self, tmp_path: Path) -> None:
        """Every plan file below the folder is read, in sorted order, whatever its format."""
        write_folder(
            tmp_path,
            [
                ("b.yaml", plan("flawed")),
                ("a.json", plan("alliance")),
                ("sub/c.toml", plan("consortium")),
                ("d.yml", plan("enterprise")),
                ("notes.txt", "not a plan"),
            ],
        )
        source = PlanSource.folder(tmp_path, partition_size=3)
        names = [Path(loc).relative_to(tmp_path).as_posix() for loc in _locations(source)]
        assert names == ["a.json", "b.yaml", "d.yml", "sub/c.toml"]
        assert set(_kinds(source)) == {"RelationshipManagementPlan"}
        assert [p.index for p in source.partitions()] == [0, 1]

    def test_a_pattern_chooses_the_files(self, tmp_path: Path) -> None:
        """The glob pattern selects files below the folder."""
        write_folder(tmp_path, [("a.json", plan("alliance")), ("sub/b.json", plan("flawed"))])
        source = PlanSource.folder(tmp_path, pattern="*.json")
        assert [Path(loc).name for loc in _locations(source)] == ["a.json"]

    def test_a_bad_file_is_an_error_naming_its_path_and_the_field(self, tmp_path: Path) -> None:
        """A file that is not a valid plan comes out as its DocumentError; the rest load."""
        write_folder(
            tmp_path,
            [
                ("a.json", plan("alliance")),
                ("b.json", dumps(plan("alliance")).replace('"client"', '"boss"', 1)),
                ("c.json", "{ not json"),
            ],
        )
        items = dict(PlanSource.folder(tmp_path).read())
        assert isinstance(items[str(tmp_path / "a.json")], RelationshipManagementPlan)
        bad = items[str(tmp_path / "b.json")]
        assert isinstance(bad, DocumentError)
        assert any(p.endswith(".role") for p in bad.paths)
        assert str(tmp_path / "b.json") in str(bad)
        assert isinstance(items[str(tmp_path / "c.json")], DocumentError)

    def test_a_partition_names_its_files(self, tmp_path: Path) -> None:
        """A partition's location names its first and last file."""
        write_folder(tmp_path, [(f"{n}.json", plan("flawed")) for n in "abc"])
        first, second = PlanSource.folder(tmp_path, partition_size=2).partitions()
        assert first.location == f"{tmp_path / 'a.json'} to {tmp_path / 'b.json'}"
        assert second.location == str(tmp_path / "c.json")

    def test_a_missing_folder_is_refused_before_any_work(self, tmp_path: Path) -> None:
        """A folder that does not exist is an InvalidFieldError naming the argument."""
        with pytest.raises(InvalidFieldError) as info:
            PlanSource.folder(tmp_path / "nope")
        assert (info.value.cls, info.value.field) == ("PlanSource.folder", "path")

    @pytest.mark.parametrize(
        ("kwargs", "error", "argument"),
        [
            ({"path": 3}, ArgumentError, "path"),
            ({"pattern": 3}, ArgumentError, "pattern"),
            ({"partition_size": "2"}, ArgumentError, "partition_size"),
            ({"partition_size": True}, ArgumentError, "partition_size"),
            ({"partition_size": 0}, InvalidFieldError, "partition_size"),
        ],
    )
    def test_bad_arguments_are_named(
        self, tmp_path: Path, kwargs: dict[str, object], error: type[Exception], argument: str
    ) -> None:
        """A wrong argument is refused with its name."""
        with pytest.raises(error) as info:
            PlanSource.folder(**{"path": tmp_path, **kwargs})  # type: ignore[arg-type]
        assert getattr(info.value, "argument", getattr(info.value, "field", None)) == argument


class TestJsonl:
    def test_each_line_is_a_plan_located_by_its_line(self, tmp_path: Path) -> None:
        """Lines are plans at `file:LINE`; blank lines are skipped but counted."""
        file = write_jsonl(tmp_path / "p.jsonl", [plan("alliance"), "", plan("flawed")])
        source = PlanSource.jsonl(file)
        assert _locations(source) == [f"{file}:1", f"{file}:3"]
        assert _kinds(source) == ["RelationshipManagementPlan"] * 2

    def test_a_bad_line_is_reported_at_its_line_with_the_field(self, tmp_path: Path) -> None:
        """A line that is not JSON, or not a valid plan, is its error at `file:LINE`."""
        import json  # noqa: PLC0415

        file = write_jsonl(
            tmp_path / "p.jsonl", [plan("alliance"), "{oops", json.dumps(bad_role())]
        )
        items = list(PlanSource.jsonl(file, partition_size=2).read())
        assert [loc for loc, _ in items] == [f"{file}:1", f"{file}:2", f"{file}:3"]
        assert isinstance(items[1][1], DocumentError)
        bad = items[2][1]
        assert isinstance(bad, DocumentError)
        assert BAD_ROLE_PATH in bad.paths
        assert f"{file}:3" in str(bad)

    def test_a_glob_reads_every_matching_file_in_order(self, tmp_path: Path) -> None:
        """A glob pattern reads each matching file, in sorted order, numbering its lines."""
        write_jsonl(tmp_path / "b.jsonl", [plan("flawed")])
        write_jsonl(tmp_path / "a.jsonl", [plan("alliance"), plan("consortium")])
        source = PlanSource.jsonl(tmp_path / "*.jsonl", partition_size=1)
        a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
        assert _locations(source) == [f"{a}:1", f"{a}:2", f"{b}:1"]
        assert [p.location for p in source.partitions()] == [f"{a}:1", f"{a}:2", f"{b}:1"]

    def test_a_partition_names_its_lines(self, tmp_path: Path) -> None:
        """A partition's location is its file and range of lines."""
        file = write_jsonl(tmp_path / "p.jsonl", [plan("flawed")] * 3)
        locations = [p.location for p in PlanSource.jsonl(file, partition_size=2).partitions()]
        assert locations == [f"{file}:1-2", f"{file}:3"]

    def test_nothing_matched_is_refused(self, tmp_path: Path) -> None:
        """A missing file, or a glob matching none, is refused naming the argument."""
        for missing in (tmp_path / "none.jsonl", tmp_path / "*.jsonl"):
            with pytest.raises(InvalidFieldError) as info:
                PlanSource.jsonl(missing)
            assert info.value.field == "path_or_glob"

    def test_an_empty_file_has_no_partitions(self, tmp_path: Path) -> None:
        """An empty file gives no partitions at all."""
        (tmp_path / "e.jsonl").write_text("")
        assert list(PlanSource.jsonl(tmp_path / "e.jsonl").partitions()) == []


_LINE = st.text(st.sampled_from("ab {}\r\t"), max_size=6)


class TestLineRanges:
    @given(
        lines=st.lists(_LINE, max_size=30),
        ends_with_newline=st.booleans(),
        size=st.integers(1, 12),
        block=st.sampled_from([1, 2, 3, 7, 1 << 20]),
    )
    @settings(max_examples=60, deadline=None)
    def test_every_line_comes_exactly_once_with_its_number(
        self,
        tmp_path_factory: pytest.TempPathFactory,
        lines: list[str],
        ends_with_newline: bool,
        size: int,
        block: int,
    ) -> None:
        """Byte ranges at line starts give every line once, in order, with its number."""
        text = "\n".join(lines) + ("\n" if ends_with_newline and lines else "")
        file = tmp_path_factory.mktemp("lines") / "p.jsonl"
        file.write_bytes(text.encode())
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr("collabrel.portfolio._sources._BLOCK", block)
            ranges = list(_line_ranges(str(file), size))
        read = [
            (number, raw.decode())
            for start, end, first, _ in ranges
            for number, raw in _lines_in(str(file), start, end, first)
        ]
        expected = [piece for piece in re.split(r"(?<=\n)", text) if piece]  # "\n" ends a line
        assert read == list(enumerate(expected, start=1))
        assert [n for *_, n in ranges] == [
            len(expected[i : i + size]) for i in range(0, len(expected), size)
        ]
        assert all(start < end for start, end, *_ in ranges)


class TestFromCallable:
    def test_one_partition_per_key_loaded_in_the_partition(self) -> None:
        """Each key is a partition; its items are plans, plain data or located pairs."""
        source = PlanSource.from_callable(query, ["alliance", "flawed/2"])
        assert [p.location for p in source.partitions()] == [
            "query['alliance']",
            "query['flawed/2']",
        ]
        assert _locations(source) == [
            "query['alliance']#1",
            "db:alliance",
            "query['flawed/2']#1",
            "db:flawed",
        ]
        revisions = [p.meta.revision for _, p in source.read()]  # type: ignore[union-attr]
        assert revisions == [1, 2, 2, 3]

    def test_bad_data_and_a_failing_call_are_reported_with_the_key(self) -> None:
        """Bad plain data is its DocumentError; a call that raises is reported at its key."""
        items = list(PlanSource.from_callable(query, ["bad", "raises"]).read())
        assert [loc for loc, _ in items] == ["db:bad", "query['raises']"]
        assert isinstance(items[0][1], DocumentError)
        assert BAD_ROLE_PATH in items[0][1].paths
        assert isinstance(items[1][1], ConnectionError)

    def test_a_failure_midway_names_the_next_item(self) -> None:
        """A callable that fails after some items is reported at the item it was giving."""

        def half(key: object) -> object:
            yield plan("alliance")
            msg = f"lost {key}"
            raise OSError(msg)

        items = list(PlanSource.from_callable(half, [7]).read())
        assert [loc for loc, _ in items] == ["half[7]#1", "half[7]#2"]
        assert isinstance(items[1][1], OSError)

    def test_something_that_is_not_a_plan_is_reported(self) -> None:
        """An item that is neither a plan nor its data is an ArgumentError, not a crash."""
        items = list(PlanSource.from_callable(lambda _k: [42], ["k"]).read())
        assert isinstance(items[0][1], ArgumentError)

    def test_bad_arguments_are_named(self) -> None:
        """A load that is not callable, or keys that are a string, are refused."""
        with pytest.raises(ArgumentError, match="'load'"):
            PlanSource.from_callable(3, ["k"])  # type: ignore[arg-type]
        with pytest.raises(ArgumentError, match="'keys'"):
            PlanSource.from_callable(query, "abc")


class TestFromPlans:
    def test_plans_in_memory_are_chunked_and_numbered(self) -> None:
        """Plans are numbered `plans[N]` and chunked by the partition size."""
        plans = [plan("alliance"), line, ("mine", plan("flawed"))]
        source = PlanSource.from_plans(iter(plans), partition_size=2)
        parts = list(source.partitions())
        assert [p.location for p in parts] == ["plans[0:2]", "plans[2:3]"]
        items = [item for p in parts for item in p.read()]
        assert [loc for loc, _ in items] == ["plans[0]", "plans[1]", "mine"]
        assert isinstance(items[1][1], ArgumentError)

    def test_a_string_is_not_plans(self) -> None:
        """A string is refused as the plans."""
        with pytest.raises(ArgumentError, match="'plans'"):
            PlanSource.from_plans("alliance")  # type: ignore[arg-type]


class TestPartition:
    def test_partitions_pickle_small_and_read_after_pickling(self, tmp_path: Path) -> None:
        """A file partition pickles to a few hundred bytes and reads the same afterwards."""
        file = write_jsonl(tmp_path / "p.jsonl", [plan("alliance")] * 3)
        (part,) = PlanSource.jsonl(file).partitions()
        blob = pickle.dumps(part)
        assert len(blob) < 500
        again: Partition = pickle.loads(blob)  # noqa: S301 - our own bytes
        assert [loc for loc, _ in again.read()] == [loc for loc, _ in part.read()]
