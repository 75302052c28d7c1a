"""assess_many's engines: the same report from each, bad plans reported, dead workers retried."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest

from _portfolio import (
    AS_OF,
    BAD_ROLE_PATH,
    EXPLODES,
    bad_role,
    dies,
    exploding_rules,
    plan,
    query,
    write_jsonl,
)
from collabrel.conformance import CatalogueError, default_rules
from collabrel.errors import ArgumentError, InvalidFieldError
from collabrel.portfolio import PlanSource, PortfolioReport, ProblemKind, assess_many

distributed = pytest.importorskip("distributed")  # installed in dev: never skipped in CI


@pytest.fixture(scope="module")
def client() -> Iterator[object]:
    """A 2-worker LocalCluster for the module; a task whose worker dies is tried once more."""
    import dask  # noqa: PLC0415

    with dask.config.set({"distributed.scheduler.allowed-failures": 1}):
        cluster = distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, dashboard_address=":0", silence_logs=50
        )
    with cluster, distributed.Client(cluster) as c:
        yield c


@pytest.fixture
def portfolio(tmp_path: Path) -> PlanSource:
    """Eight good plans, a line that is not JSON, a plan with a bad role and one that explodes."""
    rows: list[object] = [
        plan(name, revision) for name in ("alliance", "flawed") for revision in (1, 2)
    ]
    rows += [plan("consortium"), "", "{not json", json.dumps(bad_role()), plan("enterprise")]
    rows += [plan("flawed", 3, title=f"it {EXPLODES}"), plan("consortium", 2), plan("alliance", 3)]
    return PlanSource.jsonl(write_jsonl(tmp_path / "p.jsonl", rows), partition_size=3)  # type: ignore[arg-type]


def _by_kind(report: PortfolioReport) -> dict[ProblemKind, list[str]]:
    found: dict[ProblemKind, list[str]] = {}
    for p in report.problems:
        found.setdefault(p.kind, []).append(p.location)
    return found


class TestAssessMany:
    def test_serial_process_and_dask_agree(self, portfolio: PlanSource, client: object) -> None:
        """Every engine gives the same report, problems included."""
        kwargs = {"as_of": AS_OF, "rules": exploding_rules()}
        serial = assess_many(portfolio, engine="serial", **kwargs)  # type: ignore[arg-type]
        process = assess_many(portfolio, engine="process", n_jobs=2, **kwargs)  # type: ignore[arg-type]
        on_dask = assess_many(portfolio, engine="dask", client=client, **kwargs)  # type: ignore[arg-type]
        assert serial == process == on_dask
        assert serial.plans == 8

    @pytest.mark.parametrize("engine", ["serial", "process"])
    def test_one_bad_plan_is_reported_and_the_rest_assessed(
        self, portfolio: PlanSource, engine: str
    ) -> None:
        """A bad line, a bad plan and a failing assessment are problems; the others count."""
        report = assess_many(portfolio, engine=engine, as_of=AS_OF, rules=exploding_rules())
        file = portfolio.description.removeprefix("JSON Lines ")
        assert report.plans == 8
        assert _by_kind(report) == {
            ProblemKind.LOAD: [f"{file}:7", f"{file}:8"],
            ProblemKind.ASSESS: [f"{file}:10"],
        }
        bad_role_problem = next(p for p in report.problems if p.location == f"{file}:8")
        assert BAD_ROLE_PATH in bad_role_problem.error
        assert "always fails" in next(
            p.error for p in report.problems if p.kind is ProblemKind.ASSESS
        )

    def test_a_dead_worker_is_retried_then_reported(self) -> None:
        """A partition whose process dies twice is a worker problem; the others are assessed."""
        source = PlanSource.from_callable(dies, ["alliance", "die", "flawed", "consortium"])
        report = assess_many(source, engine="process", n_jobs=2, as_of=AS_OF)
        assert report.plans == 6
        (problem,) = report.problems
        assert (problem.location, problem.kind) == ("dies['die']", ProblemKind.WORKER)
        assert "BrokenProcessPool" in problem.error

    def test_a_dead_dask_worker_is_retried_then_reported(self, client: object) -> None:
        """On Dask, a partition whose worker dies on two workers is a worker problem."""
        source = PlanSource.from_callable(dies, ["alliance", "die", "flawed"])
        report = assess_many(source, engine="dask", client=client, as_of=AS_OF)
        assert report.plans == 4
        (problem,) = report.problems
        assert (problem.location, problem.kind) == ("dies['die']", ProblemKind.WORKER)
        assert "KilledWorker" in problem.error

    def test_dask_without_a_client_makes_and_closes_a_cluster(self) -> None:
        """Without a client, the Dask engine runs on a LocalCluster of its own."""
        source = PlanSource.from_callable(query, ["alliance", "bad"])
        report = assess_many(source, engine="dask", n_jobs=1, as_of=AS_OF)
        assert report == assess_many(source, engine="serial", as_of=AS_OF)
        assert (report.plans, [p.location for p in report.problems]) == (2, ["db:bad"])

    def test_rules_made_in_a_closure_reach_the_workers(self) -> None:
        """Rules pickle cannot send (the defaults are closures) go by cloudpickle."""
        source = PlanSource.from_callable(query, ["flawed"])
        rules = default_rules()
        assert assess_many(source, rules=rules, n_jobs=1, as_of=AS_OF) == assess_many(
            source, engine="serial", rules=rules, as_of=AS_OF
        )

    def test_a_lambda_source_reaches_the_workers(self) -> None:
        """A callable source defined inline (a lambda) goes to the workers by cloudpickle."""
        source = PlanSource.from_callable(lambda key: [plan(key)], ["alliance"])
        assert assess_many(source, n_jobs=1, as_of=AS_OF).plans == 1

    def test_plans_in_memory_and_issued_dates(self) -> None:
        """Plans in memory are assessed; 'issued' judges each as of its own issue date."""
        plans = [plan("alliance"), plan("flawed")]
        report = assess_many(PlanSource.from_plans(plans), engine="process", as_of="issued")
        assert sorted(r.as_of for r in report.rows) == sorted(p.meta.issued_on for p in plans)

    def test_an_empty_source_gives_an_empty_report(self, tmp_path: Path) -> None:
        """No plans: the empty report of the standard asked for."""
        report = assess_many(PlanSource.folder(tmp_path), "bs11000", as_of=AS_OF)
        assert report == PortfolioReport.empty("bs11000-1:2010")

    def test_today_by_default(self) -> None:
        """Without as_of, plans are judged as of today."""
        report = assess_many(PlanSource.from_plans([plan("flawed")]), engine="serial")
        assert report.as_of == datetime.now().astimezone().date()


class TestArguments:
    @pytest.mark.parametrize(
        ("kwargs", "error", "name"),
        [
            ({"engine": "spark"}, InvalidFieldError, "engine"),
            ({"engine": 3}, ArgumentError, "engine"),
            ({"n_jobs": 0}, InvalidFieldError, "n_jobs"),
            ({"n_jobs": -2}, InvalidFieldError, "n_jobs"),
            ({"n_jobs": "2"}, ArgumentError, "n_jobs"),
            ({"n_jobs": True}, ArgumentError, "n_jobs"),
            ({"client": object()}, InvalidFieldError, "client"),
            ({"engine": "dask", "client": object(), "n_jobs": 2}, InvalidFieldError, "n_jobs"),
            ({"as_of": datetime(2026, 1, 1)}, InvalidFieldError, "as_of"),  # noqa: DTZ001
            ({"as_of": "today"}, InvalidFieldError, "as_of"),
            ({"rules": []}, ArgumentError, "rules"),
            ({"enterprise": "corp"}, ArgumentError, "enterprise"),
            ({"standard": 44001}, ArgumentError, "standard"),
            ({"sink": 3}, ArgumentError, "sink"),
            ({"sink": "out/{j}.parquet"}, InvalidFieldError, "sink"),
            ({"sink": "out/{}.parquet"}, InvalidFieldError, "sink"),
        ],
    )
    def test_bad_arguments_are_refused_before_any_work(
        self, kwargs: dict[str, object], error: type[Exception], name: str
    ) -> None:
        """A bad argument is an error naming it, raised before any plan is read."""
        source = PlanSource.from_callable(dies, ["die"])  # would end a worker if it ran
        with pytest.raises(error) as info:
            assess_many(source, **kwargs)  # type: ignore[arg-type]
        assert getattr(info.value, "argument", getattr(info.value, "field", None)) == name

    def test_a_source_is_required(self) -> None:
        """Plans not wrapped in a PlanSource are refused, naming the constructors."""
        with pytest.raises(ArgumentError, match="PlanSource"):
            assess_many([plan("alliance")])  # type: ignore[arg-type]

    def test_an_unknown_standard_is_refused(self) -> None:
        """An unknown catalogue name is a CatalogueError before any work."""
        with pytest.raises(CatalogueError):
            assess_many(PlanSource.from_plans([]), "iso9001")

    def test_a_source_that_cannot_be_sent_is_refused(self) -> None:
        """A process run refuses, up front, a source no pickler can send."""
        import threading  # noqa: PLC0415

        lock = threading.Lock()
        source = PlanSource.from_callable(lambda _k: [lock], ["k"])
        with pytest.raises(InvalidFieldError) as info:
            assess_many(source, as_of=date(2026, 1, 1))
        assert info.value.field == "source"
