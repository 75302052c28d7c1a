"""The engines: where partitions are assessed, and how their reports come back merged.

- `serial`: in the calling thread, a partition at a time.
- `process`: a `ProcessPoolExecutor`. Workers start from a fork server (`spawn` where
  there is none, as on Windows): a forked copy of a caller that runs threads (a Dask client,
  a notebook, a web server) can inherit a lock another thread held and hang, and the fork
  server is started fresh, imports collabrel once, then forks each worker from itself in
  milliseconds. Measured on 2 cores: about 0.4 s for the first pool of an interpreter
  against 0.07 s for `fork` and 0.9 s for `spawn`; later pools reuse the server.
- `dask`: `distributed` futures, on a given client or on a `LocalCluster` of single-threaded
  worker processes made for the call. The partition reports are merged on the workers;
  only the final report comes back.

Every engine runs the same function on each partition (`assess_partition`), so they give
the same report: `PortfolioReport.merge` does not depend on the order results arrive in.
A partition whose worker dies (or fails outside any one plan) is tried once more, alone
where the engine lets us choose, and then reported as a `worker` problem.
"""

from __future__ import annotations

import logging
import multiprocessing
import uuid
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from datetime import date
from itertools import chain, islice
from typing import TYPE_CHECKING, Any, Final

from attrs import frozen

from collabrel._optional import import_optional
from collabrel.conformance import Catalogue, Registry, assess_many
from collabrel.errors import CollabrelError
from collabrel.model import RelationshipManagementPlan
from collabrel.portfolio._sink import ParquetSink
from collabrel.portfolio._sources import Loaded, Partition
from collabrel.portfolio._summary import Accumulator, PortfolioProblem

if TYPE_CHECKING:
    from collabrel.portfolio._report import PortfolioReport

__all__ = ["ENGINES", "Job", "assess_partition", "run"]

ENGINES: Final = ("serial", "process", "dask")
"""The engines `assess_many` runs on, by name."""

_IN_FLIGHT_PER_WORKER: Final = 2  # partitions queued per worker: busy workers, bounded memory
_START_METHOD: Final = (
    "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
)
_PRELOAD: Final = ["__main__", __name__]  # what the fork server imports before forking


@frozen
class Job:
    """What each partition is assessed with; pickled to the workers with the partition.

    Attributes:
        standard: The catalogue (name or object).
        as_of: The date to judge against; `None` judges each plan as of its own
            `meta.issued_on`.
        rules: The rules, or `None` for the built-in ones.
        enterprise: The enterprise plan that plans naming it inherit from.
        sink: Where the findings of each partition are written, if anywhere.
    """

    standard: str | Catalogue
    as_of: date | None
    rules: Registry | None
    enterprise: RelationshipManagementPlan | None
    sink: ParquetSink | None


def _text(exc: BaseException) -> str:
    """An error's message; a foreign exception's type is named, as it is not ours."""
    return str(exc) if isinstance(exc, CollabrelError) else f"{type(exc).__name__}: {exc}"


def _read(partition: Partition) -> Iterator[tuple[str, Loaded]]:
    """The partition's plans; a failure of the reader itself ends it as one more item."""
    items = partition.read()
    while True:
        try:
            item = next(items)
        except StopIteration:
            return
        except Exception as exc:  # noqa: BLE001 - a source that cannot be read is reported
            yield partition.location, exc
            return
        yield item


def assess_partition(partition: Partition, job: Job) -> PortfolioReport:
    """Assess every plan of one partition; the same code for every engine.

    A plan that fails to load or to be assessed becomes a `PortfolioProblem` and the
    partition goes on; the findings go to the sink, if there is one.
    """
    acc = Accumulator()
    rows: list[dict[str, object]] | None = [] if job.sink is not None else None
    for location, item in _read(partition):
        if isinstance(item, Exception):
            acc.add_problem(PortfolioProblem(location, _text(item), "load"))
            continue
        try:
            when = item.meta.issued_on if job.as_of is None else job.as_of
            # conformance's own assess_many decides whether the plan inherits from enterprise
            report = next(
                assess_many(
                    (item,), job.standard, as_of=when, rules=job.rules, enterprise=job.enterprise
                )
            )
        except Exception as exc:  # noqa: BLE001 - a plan that cannot be assessed is reported
            acc.add_problem(PortfolioProblem(location, _text(exc), "assess"))
            continue
        acc.add(location, item, report)
        if rows is not None:
            rows.extend(ParquetSink.rows(location, item, report))
    if job.sink is not None and rows is not None:
        job.sink.write(partition.index, rows)
    return acc.freeze()


def _failed(partition: Partition, exc: BaseException) -> PortfolioReport:
    acc = Accumulator()
    error = f"the partition failed, and again when tried once more: {_text(exc)}"
    acc.add_problem(PortfolioProblem(partition.location, error, "worker"))
    return acc.freeze()


def _merge(first: PortfolioReport, second: PortfolioReport) -> PortfolioReport:
    return first.merge(second)


# ---------------------------------------------------------------------- serial


def _serial(partitions: Iterable[Partition], job: Job) -> Iterator[PortfolioReport]:
    for partition in partitions:
        try:
            yield assess_partition(partition, job)
        except Exception:  # noqa: BLE001 - tried once more, then reported
            try:
                yield assess_partition(partition, job)
            except Exception as exc:  # noqa: BLE001 - reported, the run goes on
                yield _failed(partition, exc)


# ---------------------------------------------------------------------- process


def _pool(workers: int) -> ProcessPoolExecutor:
    context = multiprocessing.get_context(_START_METHOD)
    if _START_METHOD == "forkserver":
        context.set_forkserver_preload(_PRELOAD)
    return ProcessPoolExecutor(workers, mp_context=context)


def _first_round(
    partitions: Iterator[Partition], job: Job, workers: int, again: list[Partition]
) -> Iterator[PortfolioReport]:
    """Each partition once; those whose worker died or failed go to `again`.

    A dead worker breaks the whole pool, failing every partition in flight: they all go to
    `again` (they are tried again alone) and a fresh pool takes the rest.
    """
    window = workers * _IN_FLIGHT_PER_WORKER
    broken = True
    while broken:
        broken = False
        with _pool(workers) as pool:
            running: dict[Future[PortfolioReport], Partition] = {}
            while True:
                for p in islice(partitions, window - len(running)):
                    running[pool.submit(assess_partition, p, job)] = p
                if not running:
                    return
                done, _ = wait(running, return_when=FIRST_COMPLETED)
                for future in done:
                    partition = running.pop(future)
                    exc = future.exception()
                    if exc is None:
                        yield future.result()
                    else:
                        again.append(partition)
                        broken = broken or isinstance(exc, BrokenProcessPool)
                if broken:
                    again.extend(running.values())  # each failed with the pool, or never ran
                    break


def _alone(partitions: list[Partition], job: Job) -> Iterator[PortfolioReport]:
    """Each partition once more, alone in a one-worker pool, so no other can kill it."""
    pool = _pool(1)
    try:
        for partition in partitions:
            try:
                yield pool.submit(assess_partition, partition, job).result()
            except Exception as exc:  # noqa: BLE001 - reported, the run goes on
                yield _failed(partition, exc)
                if isinstance(exc, BrokenProcessPool):
                    pool.shutdown()
                    pool = _pool(1)
    finally:
        pool.shutdown()


def _process(partitions: Iterable[Partition], job: Job, workers: int) -> Iterator[PortfolioReport]:
    again: list[Partition] = []
    yield from _first_round(iter(partitions), job, workers, again)
    if again:
        yield from _alone(again, job)


# ---------------------------------------------------------------------- dask


def _dask(
    partitions: Iterable[Partition], job: Job, client: Any, workers: int | None
) -> Iterator[PortfolioReport]:
    distributed = import_optional("distributed", "the dask engine", "dask")
    if client is not None:
        yield from _on_client(distributed, client, partitions, job)
        return
    dask = import_optional("dask", "the dask engine", "dask")
    # A partition whose worker dies is tried on one more worker, then reported.
    with dask.config.set({"distributed.scheduler.allowed-failures": 1}):
        cluster = distributed.LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.ERROR,
        )
    try:
        with distributed.Client(cluster) as own:
            yield from _on_client(distributed, own, partitions, job)
    finally:
        cluster.close()


def _on_client(
    distributed: Any, client: Any, partitions: Iterable[Partition], job: Job
) -> Iterator[PortfolioReport]:
    """Partitions as futures, a bounded number at a time, merged pairwise on the workers."""
    tag = uuid.uuid4().hex
    shared = client.scatter(job, broadcast=True, hash=False)
    window = max(1, len(client.scheduler_info().get("workers", {}))) * _IN_FLIGHT_PER_WORKER
    todo = iter(partitions)
    ready: list[Any] = []
    flow = distributed.as_completed()
    owners: dict[str, Partition] = {}

    def submit(partition: Partition) -> None:
        future = client.submit(
            assess_partition,
            partition,
            shared,
            key=f"collabrel-partition-{tag}-{partition.index}",
            pure=False,
            retries=1,
        )
        owners[future.key] = partition
        flow.add(future)

    for partition in islice(todo, window):
        submit(partition)
    for future in flow:
        if future.key in owners:
            partition = owners.pop(future.key)
            if future.status == "finished":
                ready.append(future)
            else:
                yield _failed(partition, _exception(future))
            for nxt in islice(todo, 1):
                submit(nxt)
        else:
            ready.append(future)
        while len(ready) >= 2:  # noqa: PLR2004 - a pair
            flow.add(client.submit(_merge, ready.pop(), ready.pop(), pure=False))
    if ready:
        yield ready.pop().result()


def _exception(future: Any) -> BaseException:
    """Why a Dask future did not finish (an error, `KilledWorker`, or a cancellation)."""
    if future.status == "error":
        exc: BaseException = future.exception()
        return exc
    return RuntimeError(f"the task was {future.status}")


# ---------------------------------------------------------------------- entry


def run(
    engine: str,
    partitions: Iterable[Partition],
    job: Job,
    *,
    workers: int,
    client: object | None,
    empty: PortfolioReport,
) -> PortfolioReport:
    """Run `engine` over `partitions` and merge what comes back (arguments already checked)."""
    if engine == "serial":
        reports = _serial(partitions, job)
    elif engine == "process":
        reports = _process(partitions, job, workers)
    else:
        reports = _dask(partitions, job, client, workers)
    return type(empty).merge_all(chain((empty,), reports))
