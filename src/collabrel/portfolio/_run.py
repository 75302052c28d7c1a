"""`assess_many`: a portfolio's plans assessed on an engine, into one `PortfolioReport`."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date, datetime
from itertools import chain
from typing import Final, Literal

from collabrel._optional import import_optional
from collabrel.conformance import Catalogue, Registry, catalogue
from collabrel.errors import ArgumentError, InvalidFieldError
from collabrel.model import RelationshipManagementPlan
from collabrel.portfolio._engines import ENGINES, Job, pack, run
from collabrel.portfolio._report import PortfolioReport
from collabrel.portfolio._sink import ParquetSink
from collabrel.portfolio._sources import Partition, PlanSource

__all__ = ["assess_many"]

_WHERE: Final = "assess_many"
_ISSUED: Final = "issued"


def _cores() -> int:
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1  # pragma: no cover - platforms without CPU affinity


def _workers(n_jobs: object, client: object | None) -> int:
    if n_jobs is None:
        return _cores()
    if not isinstance(n_jobs, int) or isinstance(n_jobs, bool):
        raise ArgumentError("n_jobs", n_jobs, "an int or None")
    if client is not None:
        expectation = "None when a client is given (the client's cluster has its workers)"
        raise InvalidFieldError(_WHERE, "n_jobs", n_jobs, expectation)
    if n_jobs == -1:
        return _cores()
    if n_jobs < 1:
        raise InvalidFieldError(_WHERE, "n_jobs", n_jobs, "at least 1, or -1 for every core")
    return n_jobs


def _when(as_of: object) -> date | None:
    """The day to judge against; `None` for each plan's own issue date."""
    if as_of is None:
        return datetime.now().astimezone().date()
    if as_of == _ISSUED:
        return None
    if isinstance(as_of, datetime) or not isinstance(as_of, date):
        raise InvalidFieldError(_WHERE, "as_of", as_of, "a date (not a datetime), None or 'issued'")
    return as_of


def _standard(standard: object) -> str:
    """The catalogue's name (an unknown name fails here, before any work)."""
    if isinstance(standard, Catalogue):
        return standard.name
    if not isinstance(standard, str):
        raise ArgumentError("standard", standard, "a catalogue name or a Catalogue")
    return catalogue(standard).name


def _sendable(first: Partition | None, job: Job) -> None:
    """Refuse, before any work, what cannot be sent to a worker process."""
    expectation = "something pickle (or cloudpickle, installed with Dask) can send to a worker"
    for argument, value in (("rules", job.rules), ("enterprise", job.enterprise)):
        try:
            pack(value)
        except Exception as exc:
            raise InvalidFieldError(_WHERE, argument, value, expectation) from exc
    if first is None:
        return
    try:
        pack(first)
    except Exception as exc:
        raise InvalidFieldError(_WHERE, "source", first.location, expectation) from exc


def assess_many(
    source: PlanSource,
    standard: str | Catalogue = "iso44001:2017",
    *,
    engine: str = "process",
    as_of: date | Literal["issued"] | None = None,
    n_jobs: int | None = None,
    rules: Registry | None = None,
    enterprise: RelationshipManagementPlan | None = None,
    sink: str | os.PathLike[str] | None = None,
    client: object | None = None,
) -> PortfolioReport:
    """Assess every plan of a portfolio and gather the results in one `PortfolioReport`.

    The plans are read partition by partition where they are assessed (in the worker), so
    memory stays bounded and only small partition reports travel. A plan that fails to load
    or to be assessed is a `PortfolioProblem` with its location and the error, and the rest
    are assessed; a partition whose worker dies is tried once more and then reported as a
    `worker` problem. Every engine gives the same report.

    Args:
        source: Where the plans are (see `PlanSource`).
        standard: A catalogue name (see `collabrel.conformance.catalogues`) or a `Catalogue`.
        engine: `"process"` (a process pool on this machine, the default), `"serial"` (in
            this thread) or `"dask"` (Dask distributed, the `dask` extra).
        as_of: The date to judge against; today by default; `"issued"` judges each plan as of
            its own `meta.issued_on` (for a source with several revisions of each plan).
        n_jobs: Worker processes for `process`, and for the `LocalCluster` the `dask` engine
            makes; every core by default (`-1` too). `serial` ignores it.
        rules: The rules to run; the built-in ones by default.
        enterprise: The enterprise plan that plans naming it in `meta.inherits` inherit from.
        sink: A folder (or a pattern such as `"results/part-{i}.parquet"`) where each
            partition's findings are written as a Parquet file (the `parquet` extra).
        client: A `distributed.Client` for the `dask` engine; without one, a `LocalCluster`
            of `n_jobs` single-threaded workers is made for the call and closed after it.

    Returns:
        The portfolio's report: one summary per plan, counts, problems and their views.

    Raises:
        ArgumentError: If an argument is of the wrong type (also a `TypeError`).
        InvalidFieldError: If `engine` is unknown, `n_jobs` below 1 (and not -1) or given with
            a `client`, `client` given to another engine than `dask`, `as_of` not a date,
            `sink` a pattern without `{i}`, or `rules`, `enterprise` or the source's
            partitions cannot be sent to worker processes (neither pickle nor cloudpickle
            can pickle them).
        CatalogueError: If `standard` names no catalogue.
        ImportError: If the `dask` engine or a sink is asked for without its extra.

    Examples:
        >>> from datetime import date
        >>> from collabrel.examples import path
        >>> source = PlanSource.folder(path("alliance").parent)
        >>> report = assess_many(source, engine="serial", as_of=date(2026, 10, 31))
        >>> report.plans, report.ready, len(report.problems)
        (4, 1, 0)
    """
    if not isinstance(source, PlanSource):
        expected = "a PlanSource (PlanSource.folder, .jsonl, .from_callable, .from_plans)"
        raise ArgumentError("source", source, expected)
    if not isinstance(engine, str):
        raise ArgumentError("engine", engine, "a str")
    if engine not in ENGINES:
        raise InvalidFieldError(_WHERE, "engine", engine, f"one of {', '.join(ENGINES)}")
    if client is not None and engine != "dask":
        raise InvalidFieldError(_WHERE, "client", client, "given only with engine='dask'")
    workers = _workers(n_jobs, client)
    name = _standard(standard)
    when = _when(as_of)
    if rules is not None and not isinstance(rules, Registry):
        raise ArgumentError("rules", rules, "a Registry or None")
    if enterprise is not None and not isinstance(enterprise, RelationshipManagementPlan):
        raise ArgumentError("enterprise", enterprise, "a RelationshipManagementPlan or None")
    job = Job(
        standard=standard,
        as_of=when,
        rules=rules,
        enterprise=enterprise,
        sink=None if sink is None else ParquetSink.of(sink),
    )
    partitions: Iterator[Partition] = source.partitions()
    if engine == "dask":
        import_optional("distributed", "the dask engine", "dask")
    elif engine == "process":
        first = next(partitions, None)
        _sendable(first, job)
        partitions = chain(() if first is None else (first,), partitions)
    return run(
        engine, partitions, job, workers=workers, client=client, empty=PortfolioReport.empty(name)
    )
