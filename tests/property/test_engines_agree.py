"""Every engine gives the same portfolio report, for any small portfolio and partitioning."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from _portfolio import AS_OF, NAMES, bad_role, plan, write_folder, write_jsonl
from collabrel.model import RelationshipManagementPlan
from collabrel.portfolio import PlanSource, assess_many

distributed = pytest.importorskip("distributed")  # installed in dev: never skipped in CI

_BAD = ("{not json", json.dumps(bad_role()))

_ENTRY = st.one_of(
    st.builds(plan, st.sampled_from(NAMES), st.integers(1, 3)),
    st.sampled_from(_BAD),
)


@pytest.fixture(scope="module")
def client() -> Iterator[object]:
    """A 2-worker LocalCluster, made once for the module."""
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, dashboard_address=":0", silence_logs=50
    )
    with cluster, distributed.Client(cluster) as c:
        yield c


def _source(
    folder: Path, entries: list[RelationshipManagementPlan | str], *, as_files: bool, size: int
) -> PlanSource:
    if not as_files:
        return PlanSource.jsonl(write_jsonl(folder / "p.jsonl", entries), partition_size=size)
    suffixes = (".json", ".yaml", ".toml")
    named = [(f"{n:02d}{suffixes[n % 3]}", e) for n, e in enumerate(entries)]
    return PlanSource.folder(write_folder(folder / "plans", named), partition_size=size)


@given(
    entries=st.lists(_ENTRY, min_size=1, max_size=6),
    as_files=st.booleans(),
    size=st.integers(1, 4),
)
@settings(
    max_examples=4,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_serial_process_and_dask_agree(
    client: object, entries: list[RelationshipManagementPlan | str], as_files: bool, size: int
) -> None:
    """serial == process == dask, plans and problems alike, however the plans are cut."""
    with tempfile.TemporaryDirectory() as folder:
        source = _source(Path(folder), entries, as_files=as_files, size=size)
        serial = assess_many(source, engine="serial", as_of=AS_OF)
        assert serial == assess_many(source, engine="process", as_of=AS_OF, n_jobs=2)
        assert serial == assess_many(source, engine="dask", as_of=AS_OF, client=client)
        bad = sum(isinstance(e, str) for e in entries)
        assert (serial.plans, len(serial.problems)) == (len(entries) - bad, bad)
