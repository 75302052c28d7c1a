"""The engines: where partitions are assessed, and how their reports come back merged.

- `serial`: in the calling thread, a partition at a time.
- `process`: a `ProcessPoolExecutor`. Workers start from a fork server (`spawn` where
  there is none, as on Windows): a forked copy of a caller that runs threads (a Dask client,
  a notebook, a web server) can inherit a lock another thread held and hang, and the fork
  server is started fresh, imports collabrel once, then forks each worker from itself in
  milliseconds. Measured on 2 cores: about 0.4 s for the first pool of an interpreter
  against 0.07 s for `fork` and 0.9 s for `spawn`; later pools reuse the server.
- `dask`: `distributed` futures, on a given client or on a `LocalCluster` of single-threaded
  worker processes made for the call. Plans are read and assessed on the workers; each
  partition's small report comes back as it is done and is merged by the caller.

Every engine runs the same function on each partition (`assess_partition`), so they give
the same report: `PortfolioReport.merge` does not depend on the order results arrive in.
A partition whose worker dies (or fails outside any one plan) is tried once more, alone
where the engine lets us choose, and then reported as a `worker` problem.
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
import multiprocessing
import pickle
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

__all__ = ["ENGINES", "Job", "assess_partition", "pack", "run"]

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


def pack(value: object) -> bytes:
    """`value` pickled, by cloudpickle when pickle cannot (a notebook's function, a closure).

    Raises:
        Exception: Whatever pickle raised, when cloudpickle (installed with Dask) is absent
            or fails too.
    """
    try:
        return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # any failure to pickle: cloudpickle pickles by value what it can
        if importlib.util.find_spec("cloudpickle") is None:
            raise
    cloudpickle = importlib.import_module("cloudpickle")
    blob: bytes = cloudpickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    return blob


def _assess_packed(partition: bytes, job: bytes) -> PortfolioReport:
    """`assess_partition` in a worker process, on what the caller packed."""
    return assess_partition(pickle.loads(partition), pickle.loads(job))  # noqa: S301 - ours


def _pool(workers: int) -> ProcessPoolExecutor:
    context = multiprocessing.get_context(_START_METHOD)
    if _START_METHOD == "forkserver":
        context.set_forkserver_preload(_PRELOAD)
    return ProcessPoolExecutor(workers, mp_context=context)


def _submit(pool: ProcessPoolExecutor, partition: Partition, job: bytes) -> Future[PortfolioReport]:
    try:
        return pool.submit(_assess_packed, pack(partition), job)
    except Exception as exc:  # noqa: BLE001 - a partition that cannot be sent fails as any other
        failed: Future[PortfolioReport] = Future()
        failed.set_exception(exc)
        return failed


def _first_round(
    partitions: Iterator[Partition], job: bytes, workers: int, again: list[Partition]
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
                    running[_submit(pool, p, job)] = p
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


def _alone(partitions: list[Partition], job: bytes) -> Iterator[PortfolioReport]:
    """Each partition once more, alone in a one-worker pool, so no other can kill it."""
    pool = _pool(1)
    try:
        for partition in partitions:
            try:
                yield _submit(pool, partition, job).result()
            except Exception as exc:  # noqa: BLE001 - reported, the run goes on
                yield _failed(partition, exc)
                if isinstance(exc, BrokenProcessPool):
                    pool.shutdown()
                    pool = _pool(1)
    finally:
        pool.shutdown()


def _process(partitions: Iterable[Partition], job: Job, workers: int) -> Iterator[PortfolioReport]:
    packed = pack(job)  # once: each task carries these bytes, not the rules and plans again
    again: list[Partition] = []
    yield from _first_round(iter(partitions), packed, workers, again)
    if again:
        yield from _alone(again, packed)


# ---------------------------------------------------------------------- dask


def _dask(
    partitions: Iterable[Partition], job: Job, client: Any, workers: int | None
) -> Iterator[PortfolioReport]:
    distributed = import_optional("distributed", "the dask engine", "dask")
    if client is not None:
        yield from _OnClient(distributed, client, job).run(partitions)
        return
    dask = import_optional("dask", "the dask engine", "dask")
    # A partition whose worker dies is tried on one more worker, then reported.
    with dask.config.set({"distributed.scheduler.allowed-failures": 1}):
        cluster = distributed.LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",
            silence_logs=logging.ERROR,
        )
    try:
        with distributed.Client(cluster) as own:
            yield from _OnClient(distributed, own, job).run(partitions)
    finally:
        cluster.close()


def _given(job: Job) -> Job:
    """The job as a task's result: a worker that held it and died can compute it again."""
    return job


class _OnClient:
    """Partitions as futures, a bounded number at a time, each report fetched as it is done.

    A partition's report comes to the caller, which merges them all at once, as the process
    engine does, and the future is released at once, so a worker holds no more than the
    partitions in flight. Merging on the workers instead saves no transfer (a report's rows,
    one per plan, are most of it and all of them come back in the end) and costs more: a
    merge copies both inputs, and one large report merged with each small one in turn grows
    quadratically in time and holds a copy of every stage in the workers' memory.

    A worker that dies takes the partitions queued on it too, so a partition whose workers
    died (`KilledWorker`) is tried once more at the end, alone on the cluster: one that
    kills its workers is then reported, and one that only shared a worker with it is
    assessed.
    """

    def __init__(self, distributed: Any, client: Any, job: Job) -> None:
        self.killed: type[BaseException] = distributed.KilledWorker
        self.wait = distributed.wait
        self.client = client
        self.tag = uuid.uuid4().hex
        self.job = client.submit(_given, job, key=f"collabrel-job-{self.tag}", pure=False)
        self.flow = distributed.as_completed()
        self.partitions: dict[str, Partition] = {}  # each running future's partition

    def submit(self, partition: Partition, *, again: bool = False) -> Any:
        future = self.client.submit(
            assess_partition,
            partition,
            self.job,
            key=f"collabrel-partition-{self.tag}-{partition.index}{'-again' if again else ''}",
            pure=False,
            retries=1,  # an exception outside any plan: once more (a dead worker: the cluster's)
        )
        self.partitions[future.key] = partition
        return future

    def run(self, partitions: Iterable[Partition]) -> Iterator[PortfolioReport]:
        workers = len(self.client.scheduler_info().get("workers", {}))
        todo = iter(partitions)
        for partition in islice(todo, max(1, workers) * _IN_FLIGHT_PER_WORKER):
            self.flow.add(self.submit(partition))
        again: list[Partition] = []
        try:
            for future in self.flow:
                for partition in islice(todo, 1):
                    self.flow.add(self.submit(partition))
                partition, exc = self.outcome(future)
                if exc is None:
                    yield future.result()
                elif isinstance(exc, self.killed):
                    again.append(partition)
                else:  # failed twice (the task's retries)
                    yield _failed(partition, exc)
                future.release()  # the worker forgets the report now, not at the end
            for partition in again:  # one at a time: no other partition shares its worker
                future = self.submit(partition, again=True)
                self.wait(future)
                _, exc = self.outcome(future)
                yield future.result() if exc is None else _failed(partition, exc)
                future.release()
        finally:
            self.job.release()

    def outcome(self, future: Any) -> tuple[Partition, BaseException | None]:
        """A done future's partition, and why it failed (`None`: it finished)."""
        partition = self.partitions.pop(future.key)
        return partition, None if future.status == "finished" else _exception(future)


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
