"""Portfolios: many plans, read where they are assessed, on one core, every core or a cluster.

A `PlanSource` says where the plans are (a folder of plan files, JSON Lines files, a
callable such as a database query per key, or plans in memory) and cuts them into
partitions: small descriptors that pickle in microseconds, read lazily by the worker that
assesses them. `assess_many` runs one function per partition on an engine and merges the
partition reports into one `PortfolioReport` (readiness by relationship and stage, the most
common nonconformities, counts by clause, requirement, partner and tier, problems):

- `"process"` (the default): a process pool on this machine, `n_jobs` workers (every core by
  default). Each worker loads its partition's plans itself: sending a plan to another
  process costs more than assessing it. Workers start from a fork server (`spawn` where
  there is none), which is safe when the caller runs threads; plain `fork` is faster to
  start but can copy a lock held by another thread and hang.
- `"serial"`: in this thread, a partition at a time: no start-up cost, for small portfolios,
  debugging and profiling.
- `"dask"` (the `dask` extra): Dask distributed, on the `client` given (a cluster of many
  machines) or on a `LocalCluster` of `n_jobs` single-threaded workers made for the call.
  Partitions are read and assessed on the workers; each partition's small report comes back
  as it is done and is merged by the caller. On one machine the process pool is as fast or
  faster; Dask pays off across machines.

Every engine gives the same report, because merging is associative and commutative and a
report keeps its parts in canonical order. Bad input never stops a run: a plan that cannot
be loaded or assessed is a `PortfolioProblem` with its location (`plans/a.json`,
`portfolio.jsonl:17`, `query['north']#3`) and the error (a `DocumentError` names the path
inside the plan, such as `relationship.partners[2].role`); a partition whose worker dies
is tried once more, then reported as a `worker` problem. With a `sink`, each partition's
findings are written as a Parquet file (the `parquet` extra) for DuckDB or pandas.

Examples:
    >>> from datetime import date
    >>> from collabrel.examples import path
    >>> from collabrel.portfolio import PlanSource, assess_many
    >>> source = PlanSource.folder(path("alliance").parent, partition_size=2)
    >>> report = assess_many(source, engine="serial", as_of=date(2026, 10, 31))
    >>> report.plans, report.ready
    (4, 1)
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from collabrel.portfolio._engines import ENGINES
    from collabrel.portfolio._report import PortfolioReport
    from collabrel.portfolio._run import assess_many
    from collabrel.portfolio._sink import SINK_COLUMNS
    from collabrel.portfolio._sources import (
        DEFAULT_PARTITION_SIZE,
        PLAN_SUFFIXES,
        Partition,
        PlanSource,
    )
    from collabrel.portfolio._summary import (
        Accumulator,
        PartnerCount,
        PlanSummary,
        PortfolioProblem,
        ProblemKind,
        RequirementCount,
        StageSummary,
        TierCount,
        supply_chain_tiers,
    )

_LAZY: Final[dict[str, str]] = {
    "ENGINES": "_engines",
    "PortfolioReport": "_report",
    "assess_many": "_run",
    "SINK_COLUMNS": "_sink",
    **dict.fromkeys(
        ("DEFAULT_PARTITION_SIZE", "PLAN_SUFFIXES", "Partition", "PlanSource"), "_sources"
    ),
    **dict.fromkeys(
        (
            "Accumulator",
            "PartnerCount",
            "PlanSummary",
            "PortfolioProblem",
            "ProblemKind",
            "RequirementCount",
            "StageSummary",
            "TierCount",
            "supply_chain_tiers",
        ),
        "_summary",
    ),
}


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        msg = f"module 'collabrel.portfolio' has no attribute {name!r}"
        raise AttributeError(msg)
    value = getattr(importlib.import_module(f"collabrel.portfolio.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})


__all__ = [
    "DEFAULT_PARTITION_SIZE",
    "ENGINES",
    "PLAN_SUFFIXES",
    "SINK_COLUMNS",
    "Accumulator",
    "Partition",
    "PartnerCount",
    "PlanSource",
    "PlanSummary",
    "PortfolioProblem",
    "PortfolioReport",
    "ProblemKind",
    "RequirementCount",
    "StageSummary",
    "TierCount",
    "assess_many",
    "supply_chain_tiers",
]
