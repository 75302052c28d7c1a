"""Where a portfolio's plans come from: sources cut into small, picklable, lazy partitions.

A `Partition` is a descriptor (a few file names, a byte range of a JSON Lines file, one key
of a callable); nothing is read until `Partition.read` runs, which is in the worker that
assesses it. Only `PlanSource.from_plans` carries plans themselves.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from itertools import islice
from pathlib import Path
from typing import Final, Protocol, TypeAlias

from attrs import field, frozen

from collabrel.errors import ArgumentError, InvalidFieldError
from collabrel.model import RelationshipManagementPlan
from collabrel.serialization import from_data, load, loads

__all__ = ["DEFAULT_PARTITION_SIZE", "PLAN_SUFFIXES", "Item", "Loaded", "Partition", "PlanSource"]

DEFAULT_PARTITION_SIZE: Final = 50
"""Plans (files, lines) per partition unless a source is told otherwise.

Small enough that two workers share a few hundred plans evenly, large enough that a
partition's overhead (a task, a report to merge) is well under 1 % of its work.
"""

PLAN_SUFFIXES: Final = frozenset({".json", ".yaml", ".yml", ".toml"})
"""The file suffixes `PlanSource.folder` reads as plans (any other file is left alone)."""

_BLOCK: Final = 1 << 20  # bytes read at a time when a JSON Lines file is cut into ranges
_GLOB_CHARS: Final = frozenset("*?[")

Loaded: TypeAlias = RelationshipManagementPlan | Exception
"""A plan, or the exception that explains why it could not be read."""

Item: TypeAlias = RelationshipManagementPlan | Mapping[str, object] | tuple[str, object]
"""What a callable source or `PlanSource.from_plans` may give: a plan, its plain data, or
either paired with its location."""


class _Reader(Protocol):
    """Reads one partition's plans, in order, each with its location."""

    def read(self) -> Iterator[tuple[str, Loaded]]: ...  # pragma: no cover - a protocol


def _checked_size(size: object, where: str) -> int:
    if not isinstance(size, int) or isinstance(size, bool):
        raise ArgumentError("partition_size", size, "an int")
    if size < 1:
        raise InvalidFieldError(where, "partition_size", size, "at least 1")
    return size


def _checked_path(path: object, argument: str) -> Path:
    if not isinstance(path, (str, os.PathLike)):
        raise ArgumentError(argument, path, "a str or os.PathLike path")
    return Path(path)


def _checked_many(values: object, argument: str, expectation: str) -> None:
    """Refuse what is not an iterable of several things (a str or a mapping is one thing)."""
    if not isinstance(values, Iterable) or isinstance(values, (str, bytes, Mapping)):
        raise ArgumentError(argument, values, expectation)


def _located(item: object, location: str) -> tuple[str, object]:
    """An item with its own location if it is a `(location, plan)` pair, else `location`."""
    if isinstance(item, tuple) and len(item) == 2 and isinstance(item[0], str):  # noqa: PLR2004
        return item[0], item[1]
    return location, item


def _plan_of(location: str, item: object) -> tuple[str, Loaded]:
    """An item of a callable or in-memory source as a plan (or the reason it is not one)."""
    if isinstance(item, RelationshipManagementPlan):
        return location, item
    if isinstance(item, Mapping):
        try:
            return location, from_data(dict(item), RelationshipManagementPlan, source=location)
        except Exception as exc:  # noqa: BLE001 - a bad plan is reported, never raised
            return location, exc
    expected = "a RelationshipManagementPlan, its plain data, or a (location, plan) pair"
    return location, ArgumentError("item", item, expected)


# ---------------------------------------------------------------------- readers


@frozen
class _Files:
    """Plan files, each read with `collabrel.serialization.load`."""

    paths: tuple[str, ...]

    def read(self) -> Iterator[tuple[str, Loaded]]:
        for path in self.paths:
            try:
                plan: Loaded = load(path)
            except Exception as exc:  # noqa: BLE001 - a bad plan is reported, never raised
                plan = exc
            yield path, plan


def _line_ranges(path: str, size: int) -> Iterator[tuple[int, int, int, int]]:
    """Byte ranges `(start, end, first_line, lines)` of `size` lines each, at line starts.

    The file is read once, a block at a time, so memory stays flat for any file; the last
    range ends at the end of the file whether or not its last line ends with a newline.
    """
    start, first, lines, offset, last = 0, 1, 0, 0, b"\n"
    with Path(path).open("rb") as handle:
        while block := handle.read(_BLOCK):
            pos, remaining = 0, block.count(b"\n")
            while lines + remaining >= size:
                for _ in range(size - lines):
                    pos = block.index(b"\n", pos) + 1
                remaining -= size - lines
                yield start, offset + pos, first, size
                start, first, lines = offset + pos, first + size, 0
            lines += remaining
            offset += len(block)
            last = block[-1:]
    if offset > start:
        yield start, offset, first, lines + (last != b"\n")


def _lines_in(path: str, start: int, end: int, first: int) -> Iterator[tuple[int, bytes]]:
    """The lines of bytes `start` to `end` of a file, each with its 1-based line number."""
    with Path(path).open("rb") as handle:
        handle.seek(start)
        number, at = first, start
        while at < end:
            line = handle.readline()
            if not line:
                return
            yield number, line
            number, at = number + 1, at + len(line)


@frozen
class _Lines:
    """A byte range of a JSON Lines file, one plan per line (blank lines are skipped)."""

    path: str
    start: int
    end: int
    first: int

    def read(self) -> Iterator[tuple[str, Loaded]]:
        for number, line in _lines_in(self.path, self.start, self.end, self.first):
            if not line.strip():
                continue
            location = f"{self.path}:{number}"
            try:
                plan: Loaded = loads(line, "json", source=location)
            except Exception as exc:  # noqa: BLE001 - a bad plan is reported, never raised
                plan = exc
            yield location, plan


@frozen
class _Call:
    """One key of a callable source: `load(key)` runs in the worker."""

    load: Callable[[object], Iterable[object]]
    key: object
    label: str

    def read(self) -> Iterator[tuple[str, Loaded]]:
        number = 0
        try:
            for number, item in enumerate(self.load(self.key), start=1):
                yield _plan_of(*_located(item, f"{self.label}#{number}"))
        except Exception as exc:  # noqa: BLE001 - a failing query is reported, never raised
            where = self.label if number == 0 else f"{self.label}#{number + 1}"
            yield where, exc


@frozen
class _InMemory:
    """Plans held in memory (pickled to a worker with the partition: the slow path)."""

    items: tuple[tuple[str, object], ...]

    def read(self) -> Iterator[tuple[str, Loaded]]:
        for location, item in self.items:
            yield _plan_of(location, item)


# ---------------------------------------------------------------------- public


@frozen
class Partition:
    """A bounded slice of a `PlanSource`: a small picklable descriptor, read lazily.

    Attributes:
        index: The partition's place in its source, from 0.
        location: Where its plans are, in words (a file range, a key), used when the
            partition as a whole fails (its worker died).

    Examples:
        >>> from collabrel.examples import path
        >>> part = next(PlanSource.folder(path("alliance").parent, pattern="a*").partitions())
        >>> part.index, part.location.endswith("alliance.yaml")
        (0, True)
        >>> [(loc.endswith("alliance.yaml"), type(plan).__name__) for loc, plan in part.read()]
        [(True, 'RelationshipManagementPlan')]
    """

    index: int
    location: str
    _reader: _Reader = field(alias="reader", repr=False)

    def read(self) -> Iterator[tuple[str, Loaded]]:
        """Each plan of the partition with its location, or the exception that stopped it.

        A plan that fails to load never raises here: it comes out as the exception (a
        `DocumentError` naming the path inside the document, an `OSError`, ...), and the
        partition goes on with the next plan.
        """
        return self._reader.read()


@frozen
class _FolderSpec:
    path: Path
    pattern: str
    size: int

    def partitions(self) -> Iterator[Partition]:
        files = (
            p for p in self.path.glob(self.pattern) if p.suffix in PLAN_SUFFIXES and p.is_file()
        )
        names = sorted(str(p) for p in files)
        for index, start in enumerate(range(0, len(names), self.size)):
            chunk = tuple(names[start : start + self.size])
            where = chunk[0] if len(chunk) == 1 else f"{chunk[0]} to {chunk[-1]}"
            yield Partition(index, where, reader=_Files(chunk))


@frozen
class _JsonLinesSpec:
    paths: tuple[str, ...]
    size: int

    def partitions(self) -> Iterator[Partition]:
        index = 0
        for path in self.paths:
            for start, end, first, lines in _line_ranges(path, self.size):
                where = f"{path}:{first}" if lines == 1 else f"{path}:{first}-{first + lines - 1}"
                yield Partition(index, where, reader=_Lines(path, start, end, first))
                index += 1


@frozen
class _CallableSpec:
    load: Callable[[object], Iterable[object]]
    keys: tuple[object, ...]
    name: str

    def partitions(self) -> Iterator[Partition]:
        for index, key in enumerate(self.keys):
            label = f"{self.name}[{key!r}]"
            yield Partition(index, label, reader=_Call(self.load, key, label))


@frozen
class _PlansSpec:
    plans: Iterable[object]
    size: int

    def partitions(self) -> Iterator[Partition]:
        numbered = (_located(item, f"plans[{n}]") for n, item in enumerate(self.plans))
        index = 0
        while chunk := tuple(islice(numbered, self.size)):
            where = f"plans[{index * self.size}:{index * self.size + len(chunk)}]"
            yield Partition(index, where, reader=_InMemory(chunk))
            index += 1


class _Spec(Protocol):
    def partitions(self) -> Iterator[Partition]: ...  # pragma: no cover - a protocol


@frozen
class PlanSource:
    """Where a portfolio's plans come from, cut into partitions that are read lazily.

    Build one with a constructor: `PlanSource.folder`, `PlanSource.jsonl`,
    `PlanSource.from_callable` or `PlanSource.from_plans`. Arguments are checked when the
    source is built; files are read only when a partition is.

    Attributes:
        description: What the source reads, in words.

    Examples:
        >>> from collabrel.examples import path
        >>> source = PlanSource.folder(path("alliance").parent, partition_size=2)
        >>> [p.index for p in source.partitions()]
        [0, 1]
        >>> sum(1 for p in source.partitions() for _ in p.read())
        4
    """

    description: str
    _spec: _Spec = field(alias="spec", repr=False)

    def partitions(self) -> Iterator[Partition]:
        """The source's partitions, in order, each a small descriptor made as it is asked for.

        A JSON Lines file is scanned once for line starts as the partitions are made (no
        plan is parsed); `from_plans` sources can be iterated once when built from an
        iterator.
        """
        return self._spec.partitions()

    def read(self) -> Iterator[tuple[str, Loaded]]:
        """Every plan of the source with its location, partition after partition.

        Examples:
            >>> from collabrel.examples import load
            >>> [loc for loc, _ in PlanSource.from_plans([load("alliance")]).read()]
            ['plans[0]']
        """
        for partition in self.partitions():
            yield from partition.read()

    @classmethod
    def folder(
        cls,
        path: str | os.PathLike[str],
        *,
        pattern: str = "**/*",
        partition_size: int = DEFAULT_PARTITION_SIZE,
    ) -> PlanSource:
        """The plan files in a folder: JSON, YAML and TOML, read by `collabrel.load`.

        Files are taken in sorted order; a file whose suffix is not in `PLAN_SUFFIXES` is
        left alone. A plan's location is its file's path.

        Args:
            path: The folder.
            pattern: A glob pattern below the folder (`"**/*"`: every file, recursively).
            partition_size: Files per partition.

        Raises:
            ArgumentError: If `path` is not a path, `pattern` not a str or `partition_size`
                not an int.
            InvalidFieldError: If `path` is not an existing folder or `partition_size` is
                below 1.

        Examples:
            >>> PlanSource.folder("no/such/folder")
            Traceback (most recent call last):
            ...
            collabrel.errors.InvalidFieldError: PlanSource.folder.path must be an existing folder (got 'no/such/folder').
        """  # noqa: E501 - a doctest's output is one line
        folder = _checked_path(path, "path")
        if not isinstance(pattern, str):
            raise ArgumentError("pattern", pattern, "a str glob pattern such as '**/*.json'")
        size = _checked_size(partition_size, "PlanSource.folder")
        if not folder.is_dir():
            raise InvalidFieldError("PlanSource.folder", "path", str(path), "an existing folder")
        return cls(f"plan files in {folder} ({pattern})", spec=_FolderSpec(folder, pattern, size))

    @classmethod
    def jsonl(
        cls,
        path_or_glob: str | os.PathLike[str],
        *,
        partition_size: int = DEFAULT_PARTITION_SIZE,
    ) -> PlanSource:
        r"""JSON Lines files: one plan per line, as JSON; blank lines are skipped.

        Partitions are byte ranges of `partition_size` lines aligned to line starts, so each
        worker reads its own range and nothing else. A plan's location is `file:LINE`
        (1-based).

        Args:
            path_or_glob: A file, or a glob pattern (`"plans/*.jsonl"`) matching files, taken
                in sorted order.
            partition_size: Lines per partition.

        Raises:
            ArgumentError: If `path_or_glob` is not a path or `partition_size` not an int.
            InvalidFieldError: If no file is found or `partition_size` is below 1.

        Examples:
            >>> import tempfile, pathlib
            >>> import json
            >>> from collabrel import examples
            >>> from collabrel.serialization import to_data
            >>> file = pathlib.Path(tempfile.mkdtemp()) / "plans.jsonl"
            >>> plan = json.dumps(to_data(examples.load("alliance")))
            >>> _ = file.write_text(plan + "\n" + "{}\n" + plan + "\n")
            >>> for location, item in PlanSource.jsonl(file, partition_size=2).read():
            ...     print(location.rsplit("/", 1)[-1], type(item).__name__)
            plans.jsonl:1 RelationshipManagementPlan
            plans.jsonl:2 DocumentError
            plans.jsonl:3 RelationshipManagementPlan
        """
        given = _checked_path(path_or_glob, "path_or_glob")
        size = _checked_size(partition_size, "PlanSource.jsonl")
        text = os.fspath(given)
        if _GLOB_CHARS & set(text):
            # glob.glob, not Path.glob: the pattern may be absolute or wild in its folders
            found = glob.glob(text, recursive=True)  # noqa: PTH207
            paths = tuple(sorted(p for p in found if Path(p).is_file()))
            expected = "a glob matching at least one file"
        else:
            paths = (text,) if given.is_file() else ()
            expected = "an existing JSON Lines file"
        if not paths:
            raise InvalidFieldError("PlanSource.jsonl", "path_or_glob", text, expected)
        return cls(f"JSON Lines {text}", spec=_JsonLinesSpec(paths, size))

    @classmethod
    def from_callable(
        cls, load: Callable[[object], Iterable[object]], keys: Iterable[object]
    ) -> PlanSource:
        """Plans a callable gives per key (a database query per partition, say).

        There is one partition per key, and `load(key)` runs in the worker, so the plans
        never pass through the caller. It may give plans, their plain data (read with
        `collabrel.serialization.from_data`), or `(location, plan_or_data)` pairs; a plan
        without a location is `name[key]#N` (N from 1). For the process and Dask engines
        `load` must be picklable: a function defined at module level.

        Args:
            load: Called with each key; returns an iterable of plans.
            keys: The keys, one partition each.

        Raises:
            ArgumentError: If `load` is not callable or `keys` not an iterable.

        Examples:
            >>> from collabrel.examples import load as example
            >>> def query(name):
            ...     return [example(name)]
            >>> [loc for loc, _ in PlanSource.from_callable(query, ["alliance", "flawed"]).read()]
            ["query['alliance']#1", "query['flawed']#1"]
        """
        if not callable(load):
            raise ArgumentError("load", load, "a callable taking a key")
        _checked_many(keys, "keys", "an iterable of keys (not a str)")
        name = getattr(load, "__name__", None) or type(load).__name__
        chosen = tuple(keys)
        return cls(f"{name} over {len(chosen)} keys", spec=_CallableSpec(load, chosen, name))

    @classmethod
    def from_plans(
        cls, plans: Iterable[Item], *, partition_size: int = DEFAULT_PARTITION_SIZE
    ) -> PlanSource:
        """Plans already in memory (or made by a generator), `plans[N]` by location.

        The serial engine streams them; the process and Dask engines pickle each partition's
        plans to a worker, which costs about as much as assessing them: the slow path. Prefer
        a source the workers read themselves for large portfolios.

        Args:
            plans: Plans, their plain data, or `(location, plan)` pairs.
            partition_size: Plans per partition.

        Raises:
            ArgumentError: If `plans` is not an iterable or `partition_size` not an int.
            InvalidFieldError: If `partition_size` is below 1.
        """
        _checked_many(plans, "plans", "an iterable of plans")
        size = _checked_size(partition_size, "PlanSource.from_plans")
        return cls("plans in memory", spec=_PlansSpec(plans, size))
