"""Conformance benchmarks for collabrel: assessing a portfolio of plans, beside the floor.

Run from the repository root::

    .venv/bin/python benchmarks/bench_conformance.py            # full run (about 14 minutes)
    .venv/bin/python benchmarks/bench_conformance.py --quick    # smoke run (about a minute)
    .venv/bin/python benchmarks/bench_conformance.py --json     # also save results as JSON

What it measures (see docs/benchmarks.md, "Conformance"):

1. portfolio: a pool of distinct relationship management plans generated deterministically
   (seeded) from the bundled examples `alliance`, `flawed` and `consortium` with
   `attrs.evolve`: records dropped or kept, approvals withdrawn, review dates and approvers
   changed, signatories changed, plan status and review date changed, histories cut short or
   moved past the assessment date, risks, KPI measurements, people's roles and the exit plan
   varied. Every generated plan is a valid document (the plan's own checks run on each).
   The pool's size, memory (tracemalloc) and the spread of results are reported.
2. verify: the floor (`benchmarks/_conformance_floor.py`: the same checks as the built-in
   rules written as plain functions returning tuples, no `Context`, `Judgement`, `Finding`
   or `Check` objects) must give the same result, message and checks as
   `collabrel.conformance.assess` for every requirement of every plan of the pool. Any
   difference in a result stops the benchmark: the comparison would be meaningless.
3. throughput: N assessments (10,000 and 100,000; 1,000 and 5,000 with `--quick`) of the
   pool's plans taken round-robin, against the default catalogue (ISO 44001:2017), the full
   built-in rule set and a fixed `as_of`: `assess` in a loop, `assess_many` over a generator,
   and the floor. Relationships per second, time per relationship, collabrel / floor.
4. latency: one `assess` of the bundled alliance plan, timed one call at a time (the median
   of many), beside the floor; and, for scale, writing the report as JSON with
   `collabrel.dumps` and as Markdown with `collabrel.report.to_markdown` (when present).

The throughput runs take the pool's plans round-robin, so that every plan assessed is one
checked against the floor; nothing in `assess` or the floor is kept from one call to the
next, so seeing a plan again favours neither. Plans share their unchanged parts with the
example they come from (the pool's memory per plan is printed): `--pool 100000` fits easily
and assesses 100,000 distinct plans. Results are printed as Markdown tables; `--json [PATH]` also
writes them as JSON (by default to benchmarks/results/<UTC time>-conformance-<mode>.json).
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import gc
import random
import statistics
import sys
import time
import timeit
import tracemalloc
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import attrs  # noqa: E402

import _conformance_floor as floor  # noqa: E402
from bench_documents import (  # noqa: E402 - the shared helpers live beside this script
    CLOCKS,
    _clock,
    clock_name,
    environment,
    fmt_bytes,
    fmt_time,
    heading,
    print_environment,
    run_sections,
    table,
    write_results,
)
from collabrel import examples  # noqa: E402
from collabrel.conformance import (  # noqa: E402
    ConformanceReport,
    Judgement,
    Outcome,
    StageProgress,
    assess,
    assess_many,
    catalogue,
)
from collabrel.errors import CollabrelError  # noqa: E402
from collabrel.model import (  # noqa: E402
    Check,
    Finding,
    PersonRole,
    Record,
    RecordStatus,
    RelationshipManagementPlan,
    RiskStatus,
    deferred_reference_checks,
)

PACKAGES = ("collabrel", "attrs", "python-dateutil")
SECTIONS = ("portfolio", "verify", "throughput", "latency", "breakdown")
COLLABREL = "collabrel `assess`"
MANY = "collabrel `assess_many`"
FLOOR = "floor (plain functions, tuples)"
UNVALIDATED = "collabrel `assess`, attrs validators disabled"
SHARED = "the sub-analyses both call (replay, validate_raci, assess_kpis, trace)"
STANDARD = "iso44001:2017"
AS_OF = dt.date(2026, 10, 31)
SEED = 44001
BASES = (("alliance", 5), ("flawed", 3), ("consortium", 2))  # example and weight
RATIO_TARGET = 1.5
LATENCY_TARGET_S = 5e-3

SIZES: dict[str, dict[str, Any]] = {
    "full": {
        "pool": 2_000,
        "counts": (10_000, 100_000),
        "repeat": {10_000: 3, 100_000: 1},
        "chunk": 2_000,
        "latency_runs": 1_000,
        "render_runs": 100,
        "breakdown_repeat": 3,
    },
    "quick": {
        "pool": 500,
        "counts": (1_000, 5_000),
        "repeat": {1_000: 2, 5_000: 1},
        "chunk": 1_000,
        "latency_runs": 200,
        "render_runs": 20,
        "breakdown_repeat": 2,
    },
}


# ---------------------------------------------------------------------------- the portfolio


def _days(rng: random.Random, low: int, high: int) -> dt.timedelta:
    return dt.timedelta(days=rng.randint(low, high))


_KEEP: Any = object()


def _pick(rng: random.Random, options: Sequence[tuple[float, Any]]) -> Any:
    """One of `options` (probability, value), or `_KEEP` with the probability left over."""
    roll = rng.random()
    for probability, value in options:
        if roll < probability:
            return value
        roll -= probability
    return _KEEP


def _vary_record(
    rng: random.Random, rec: Record, partners: Sequence[str], people: Sequence[str]
) -> Record:
    """The auditor's questions answered differently: status, approver, dates, signatures."""
    statuses = ((0.12, RecordStatus.DRAFT), (0.04, RecordStatus.APPROVED))
    approver = rng.choice(people) if people else None
    shift = rng.random() < 0.3
    options = {
        "status": _pick(rng, (*statuses, (0.02, RecordStatus.SUPERSEDED))),
        "approved_by": _pick(rng, ((0.08, None), (0.08, approver))),
        "approved_on": _KEEP
        if not shift or rec.approved_on is None
        else rec.approved_on - _days(rng, -120, 700),
        "last_reviewed_on": _KEEP
        if not shift or rec.last_reviewed_on is None
        else rec.last_reviewed_on - _days(rng, -120, 700),
        "review_every_months": _pick(rng, ((0.1, rng.choice((None, 6, 12, 24))),)),
        "signatories": _pick(rng, ((0.25, [p for p in partners if rng.random() < 0.7]),)),
    }
    changes = {k: v for k, v in options.items() if v is not _KEEP}
    return attrs.evolve(rec, **changes) if changes else rec


def _vary_items(
    rng: random.Random, items: tuple[Any, ...], vary: Callable[[Any], Any], *, keep: float = 0.85
) -> tuple[Any, ...]:
    return tuple(vary(x) for x in items if rng.random() < keep)


_REFERENCED = frozenset(
    # records and items other parts of a plan point at by id: varied, never dropped
    {
        "candidates",
        "evaluations",
        "collaborative_leaders",
        "governance_terms",
        "selection_criteria",
        "reviews",
    }
)


def _vary_stages(
    rng: random.Random, stages: Any, partners: Sequence[str], people: Sequence[str]
) -> Any:
    def record(x: Any) -> Any:
        return _vary_record(rng, x, partners, people) if isinstance(x, Record) else x

    sections: dict[str, Any] = {}
    for sec in attrs.fields(type(stages)):
        section = getattr(stages, sec.name)
        changes: dict[str, Any] = {}
        for f in attrs.fields(type(section)):
            value = getattr(section, f.name)
            referenced = f.name in _REFERENCED
            if isinstance(value, Record):
                drop = not referenced and rng.random() < 0.12
                changes[f.name] = None if drop else record(value)
            elif isinstance(value, tuple) and value and rng.random() < 0.5:
                if referenced:
                    changes[f.name] = tuple(record(x) for x in value)
                else:
                    changes[f.name] = _vary_items(rng, value, record)
        sections[sec.name] = attrs.evolve(section, **changes) if changes else section
    return attrs.evolve(stages, **sections)


def _without_role(rng: random.Random, people: tuple[Any, ...]) -> tuple[Any, ...]:
    """Take one collaboration role away from most of those who hold it."""
    role = rng.choice(
        (PersonRole.SER, PersonRole.EXECUTIVE_SPONSOR, PersonRole.COLLABORATIVE_LEADER)
    )
    return tuple(
        attrs.evolve(p, roles=tuple(r for r in p.roles if r is not role))
        if role in p.roles and rng.random() < 0.7
        else p
        for p in people
    )


def _vary_risk(rng: random.Random, risk: Any) -> Any:
    review = None if rng.random() < 0.2 else AS_OF + _days(rng, -200, 200)
    options = {
        "review_on": _pick(rng, ((0.35, review),)),
        "status": _pick(rng, ((0.1, rng.choice(tuple(RiskStatus))),)),
        "mitigation": _pick(rng, ((0.1, None),)),
    }
    changes = {k: v for k, v in options.items() if v is not _KEEP}
    return attrs.evolve(risk, **changes) if changes else risk


def _vary_relationship(
    rng: random.Random, rel: Any, partners: Sequence[str], people: Sequence[str]
) -> Any:
    changes: dict[str, Any] = {}
    if rng.random() < 0.3:
        changes["people"] = _without_role(rng, rel.people)
    if rel.risks and rng.random() < 0.6:
        changes["risks"] = tuple(_vary_risk(rng, r) for r in rel.risks)
    if rel.kpis and rng.random() < 0.5:
        changes["kpis"] = tuple(
            attrs.evolve(k, measurements=k.measurements[: rng.randint(0, len(k.measurements))])
            if rng.random() < 0.4
            else k
            for k in rel.kpis
        )
    if rel.objectives and rng.random() < 0.2:
        changes["objectives"] = tuple(
            attrs.evolve(o, owner=None) if rng.random() < 0.3 else o for o in rel.objectives
        )
    if rel.exit_plan is not None:
        varied = _vary_record(rng, rel.exit_plan, partners, people)
        exit_plan = _pick(rng, ((0.12, None), (0.38, varied)))
        if exit_plan is not _KEEP:
            changes["exit_plan"] = exit_plan
    if rng.random() < 0.08 and rel.governance.decision_rights:
        changes["governance"] = attrs.evolve(rel.governance, decision_rights=())
    return attrs.evolve(rel, **changes) if changes else rel


def _vary_history(rng: random.Random, history: tuple[Any, ...]) -> tuple[Any, ...]:
    roll = rng.random()
    if roll < 0.35:  # a relationship earlier in its life
        return history[: rng.randint(0, len(history))]
    if roll < 0.5:  # the same history, later: its tail falls after the assessment date
        shift = _days(rng, 30, 1000)
        return tuple(attrs.evolve(e, at=e.at + shift) for e in history)
    return history


def vary(base: RelationshipManagementPlan, rng: random.Random) -> RelationshipManagementPlan:
    """A variant of `base`: valid, different in the ways an auditor would notice."""
    rel = base.relationship
    partners = [p.id for p in rel.partners] if rel else []
    people = [p.id for p in rel.people] if rel else []
    meta = base.meta
    mc: dict[str, Any] = {}
    if rng.random() < 0.15:
        mc["status"] = RecordStatus.DRAFT
    if rng.random() < 0.3:
        mc["next_review_on"] = None if rng.random() < 0.2 else AS_OF + _days(rng, -300, 300)
    if meta.approvals and rng.random() < 0.15:
        mc["approvals"] = meta.approvals[: rng.randint(0, len(meta.approvals) - 1)]
    if rng.random() < 0.08:
        mc["owner"] = None
    with deferred_reference_checks():  # the plan checks every reference once, below
        return attrs.evolve(
            base,
            meta=attrs.evolve(meta, **mc) if mc else meta,
            relationship=_vary_relationship(rng, rel, partners, people) if rel else None,
            stages=_vary_stages(rng, base.stages, partners, people),
            history=_vary_history(rng, base.history),
        )


def make_pool(
    size: int, seed: int = SEED
) -> tuple[list[RelationshipManagementPlan], dict[str, int]]:
    """`size` distinct plans, deterministic for a seed; and how many came from each example."""
    bases = {name: examples.load(name) for name, _ in BASES}
    names = [name for name, _ in BASES]
    weights = [w for _, w in BASES]
    pool: list[RelationshipManagementPlan] = []
    origin: Counter[str] = Counter()
    rejected = 0
    for i in range(size):
        rng = random.Random(seed * 1_000_003 + i)
        name = rng.choices(names, weights)[0]
        for _ in range(20):
            try:
                plan = vary(bases[name], rng)
            except CollabrelError:  # a variation broke a reference: draw again
                rejected += 1
                continue
            break
        else:
            plan = bases[name]
        pool.append(plan)
        origin[name] += 1
    return pool, {**origin, "rejected_draws": rejected}


# ---------------------------------------------------------------------------- comparing


def collabrel_rows(report: Any) -> list[tuple[Any, ...]]:
    """collabrel's findings in the floor's shape.

    (requirement, result, message, checks as (description, passed, observed, path),
    paths, subjects, remediation).
    """
    return [
        (
            f.requirement,
            f.result,
            f.message,
            tuple((c.description, c.passed, c.observed, c.path) for c in f.explanation),
            f.paths,
            f.subjects,
            f.remediation,
        )
        for f in report.findings
    ]


def compare(pool: Sequence[RelationshipManagementPlan], spec: Any) -> dict[str, Any]:
    """Assess every plan both ways; count the differences in results, messages and checks."""
    result_diffs: list[str] = []
    text_diffs: list[str] = []
    outcomes = 0
    vectors: set[tuple[Any, ...]] = set()
    tally: Counter[str] = Counter()
    for n, rmp in enumerate(pool):
        report = assess(rmp, STANDARD, as_of=AS_OF)
        mine = floor.assess(rmp, spec, AS_OF)
        ours = {o.requirement: o.result for o in report.outcomes}
        theirs = {req: res for req, res, _ in mine.outcomes}
        vectors.add(tuple(o.result.value for o in report.outcomes))
        tally.update(o.result.value for o in report.outcomes)
        outcomes += len(ours)
        if list(ours) != list(theirs):
            result_diffs.append(f"plan {n}: requirements differ")
            continue
        for req, res in ours.items():
            if theirs[req] is not res:
                result_diffs.append(
                    f"plan {n} {req}: collabrel {res.value}, floor {theirs[req].value}"
                )
        rows = collabrel_rows(report)
        for a, b in zip(rows, mine.findings, strict=False):
            if a != b and len(text_diffs) < 1000:
                text_diffs.append(f"plan {n} {a[0]}:\n    collabrel {a[1:]}\n    floor     {b[1:]}")
        if len(rows) != len(mine.findings):
            text_diffs.append(f"plan {n}: {len(rows)} findings, floor {len(mine.findings)}")
        if mine.stages != [(p.stage, p.status, p.reached) for p in report.stages]:
            text_diffs.append(f"plan {n}: stage progress differs")
    return {
        "plans": len(pool),
        "outcomes": outcomes,
        "result_differences": len(result_diffs),
        "text_differences": len(text_diffs),
        "first_result_differences": result_diffs[:10],
        "first_text_differences": text_diffs[:10],
        "distinct_outcome_vectors": len(vectors),
        "tally": dict(tally),
    }


# ---------------------------------------------------------------------------- sections


_MADE: dict[str, Any] = {}  # the pool and the floor's compiled catalogue, made once


def _pool(size: int) -> list[RelationshipManagementPlan]:
    if "pool" not in _MADE:
        _MADE["pool"], _ = make_pool(size)
    pool: list[RelationshipManagementPlan] = _MADE["pool"]
    return pool


def _spec() -> Any:
    if "spec" not in _MADE:
        _MADE["spec"] = floor.compile_spec(catalogue(STANDARD))
    return _MADE["spec"]


def bench_portfolio(sizes: dict[str, Any]) -> dict[str, Any]:
    heading("1. The portfolio")
    size = sizes["pool"]
    for name, _ in BASES:  # cached by collabrel.examples: not charged to the pool
        examples.load(name)
    gc.collect()
    tracemalloc.start()
    t0 = time.perf_counter()
    pool, origin = make_pool(size)
    took = time.perf_counter() - t0
    traced = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    _MADE["pool"] = pool
    distinct = len({id(p) for p in pool})
    events = [len(p.history) for p in pool]
    rows = [
        ["plans in the pool (all distinct)", f"{distinct:,}"],
        [
            "from the examples",
            ", ".join(f"{k} {v:,}" for k, v in origin.items() if k != "rejected_draws"),
        ],
        ["variations redrawn because they broke a reference", f"{origin['rejected_draws']:,}"],
        [
            "history events per plan (min / median / max)",
            f"{min(events)} / {statistics.median(events):g} / {max(events)}",
        ],
        ["time to generate (with tracing on)", fmt_time(took)],
        ["memory traced while generating the pool", fmt_bytes(traced)],
        ["memory per generated plan", fmt_bytes(traced / size)],
    ]
    print(table(["", ""], rows, "lr"))
    print(
        "\nPlans share their unchanged parts with the example they come from (`attrs.evolve` "
        "copies only what changes), so a generated plan costs a fraction of a loaded one. "
        "The throughput runs assess the pool round-robin."
    )
    return {
        "pool": size,
        "origin": origin,
        "generate_s": took,
        "traced_bytes": traced,
        "bytes_per_plan": traced / size,
        "history_events": {
            "min": min(events),
            "median": statistics.median(events),
            "max": max(events),
        },
    }


def bench_verify(sizes: dict[str, Any]) -> dict[str, Any]:
    heading("2. Agreement: collabrel and the floor, plan by plan")
    pool = _pool(sizes["pool"])
    out = compare(pool, _spec())
    tally = ", ".join(f"{k} {v:,}" for k, v in sorted(out["tally"].items(), key=lambda kv: -kv[1]))
    print(
        f"{out['plans']:,} plans, {out['outcomes']:,} requirement outcomes: "
        f"{out['result_differences']} differ in result, {out['text_differences']} in message "
        f"or checks. {out['distinct_outcome_vectors']:,} distinct result vectors (one result "
        f"per requirement) among the plans. All outcomes: {tally}."
    )
    for line in out["first_result_differences"] + out["first_text_differences"]:
        print("  " + line)
    if out["result_differences"]:
        raise SystemExit("the floor and collabrel disagree: the comparison would be meaningless")
    return out


def _runners(pool: Sequence[Any], spec: Any) -> dict[str, Callable[[int, int], object]]:
    """Each implementation as `run(start, count)`: plans `start` to `start + count`, round-robin."""
    size = len(pool)

    def plans(start: int, count: int) -> Iterator[Any]:
        for i in range(start, start + count):
            yield pool[i % size]

    def collabrel_assess(start: int, count: int) -> object:
        last = None
        for rmp in plans(start, count):
            last = assess(rmp, STANDARD, as_of=AS_OF)
        return last

    def collabrel_many(start: int, count: int) -> object:
        last = None
        for last in assess_many(plans(start, count), STANDARD, as_of=AS_OF):  # noqa: B007
            pass
        return last

    def floor_assess(start: int, count: int) -> object:
        last = None
        for rmp in plans(start, count):
            last = floor.assess(rmp, spec, AS_OF)
        return last

    return {
        COLLABREL: collabrel_assess,
        MANY: collabrel_many,
        FLOOR: floor_assess,
    }


def _time_chunked(
    fns: dict[str, Callable[[int, int], object]], n: int, repeat: int, chunk: int
) -> dict[str, list[float]]:
    """Seconds for `n` calls of each function, `repeat` times; chunks interleaved.

    Each run of `n` assessments is cut into chunks of `chunk`, and the implementations take
    turns chunk by chunk, so a slow spell of a shared machine affects all of them alike.
    """
    clock = CLOCKS[clock_name()]
    runs: dict[str, list[float]] = {k: [] for k in fns}
    for _ in range(repeat):
        totals = dict.fromkeys(fns, 0.0)
        for start in range(0, n, chunk):
            count = min(chunk, n - start)
            for key, fn in fns.items():
                gc.collect()
                t0 = clock()
                out = fn(start, count)
                totals[key] += clock() - t0
                del out
        for key, total in totals.items():
            runs[key].append(total)
    return runs


def bench_throughput(sizes: dict[str, Any]) -> dict[str, Any]:
    heading("3. Throughput: a portfolio, one plan after another")
    pool = _pool(sizes["pool"])
    fns = _runners(pool, _spec())
    results: dict[str, Any] = {"pool": len(pool), "chunk": sizes["chunk"], "counts": {}}
    for n in sizes["counts"]:
        repeat = sizes["repeat"][n]
        runs = _time_chunked(fns, n, repeat, sizes["chunk"])
        base = statistics.median(runs[FLOOR])
        rows = []
        data: dict[str, Any] = {}
        for key, values in runs.items():
            med, low = statistics.median(values), min(values)
            data[key] = {
                "median_s": med,
                "min_s": low,
                "runs_s": values,
                "per_relationship_s": med / n,
                "relationships_per_s": n / med,
                "vs_floor": med / base,
            }
            rows.append(
                [
                    key,
                    f"{med:.2f} s" + (f" ({low:.2f} s)" if repeat > 1 else ""),
                    f"{n / med:,.0f}",
                    fmt_time(med / n),
                    f"{med / base:.2f}x",
                ]
            )
        runs_text = f"{repeat} runs, median (min)" if repeat > 1 else "1 run"
        print(
            f"\n{n:,} assessments ({len(pool):,} distinct plans round-robin; {runs_text}; "
            f"the implementations take turns every {sizes['chunk']:,} assessments):\n"
        )
        print(
            table(
                ["implementation", "total", "relationships/s", "per relationship", "vs floor"], rows
            )
        )
        results["counts"][str(n)] = data
    ratios = {n: d[COLLABREL]["vs_floor"] for n, d in results["counts"].items()}
    ok = all(r <= RATIO_TARGET for r in ratios.values())
    results |= {"ratio_target": RATIO_TARGET, "ratio_target_met": ok, "ratios": ratios}
    print(
        f"\nTarget: `assess` within {RATIO_TARGET}x of the floor: {'met' if ok else 'NOT met'} ("
        + ", ".join(f"{r:.2f}x at {int(n):,}" for n, r in ratios.items())
        + ")."
    )
    return results


def _breakdown_fns(pool: Sequence[Any], spec: Any) -> dict[str, Callable[[], None]]:
    def collabrel_all() -> None:
        for rmp in pool:
            assess(rmp, STANDARD, as_of=AS_OF)

    def unvalidated() -> None:
        with attrs.validators.disabled():  # every attrs validator off: diagnosis only
            for rmp in pool:
                assess(rmp, STANDARD, as_of=AS_OF)

    def floor_all() -> None:
        for rmp in pool:
            floor.assess(rmp, spec, AS_OF)

    def shared() -> None:
        for rmp in pool:
            floor.shared_work(rmp, AS_OF)

    return {COLLABREL: collabrel_all, UNVALIDATED: unvalidated, FLOOR: floor_all, SHARED: shared}


def bench_breakdown(sizes: dict[str, Any]) -> dict[str, Any]:
    heading("5. Where collabrel's time goes")
    pool = _pool(sizes["pool"])
    fns = _breakdown_fns(pool, _spec())
    clock = CLOCKS[clock_name()]
    runs: dict[str, list[float]] = {k: [] for k in fns}
    for _ in range(sizes["breakdown_repeat"]):
        for key, fn in fns.items():
            gc.collect()
            t0 = clock()
            fn()
            runs[key].append((clock() - t0) / len(pool))
    per = {k: statistics.median(v) for k, v in runs.items()}
    base = per[FLOOR]
    print(
        f"Per plan, each of the {len(pool):,} plans of the pool once, median of "
        f"{sizes['breakdown_repeat']} interleaved passes:\n"
    )
    print(
        table(
            ["what", "per plan", "vs floor"],
            [[k, fmt_time(t), f"{t / base:.2f}x"] for k, t in per.items()],
        )
    )
    own = (per[COLLABREL] - per[SHARED]) / (base - per[SHARED])
    print(
        f"\nWithout the sub-analyses both sides call, collabrel's own work is {own:.2f}x the "
        f"floor's. Turning every attrs validator off (not something to do in use: it is global) "
        f"saves {1 - per[UNVALIDATED] / per[COLLABREL]:.0%} of collabrel's time."
    )
    objects = _object_costs()
    print(
        "\nBuilding the objects of one report of the alliance again from their own fields "
        "(what collabrel builds and the floor does not; `timeit`, wall time, min of 5 runs "
        "of 100):\n"
    )
    rows = [
        [k, f"{v['count']:,}", fmt_time(v["validated_s"]), fmt_time(v["unvalidated_s"])]
        for k, v in objects.items()
    ]
    print(table(["objects", "count", "validated", "validators off"], rows))
    return {"per_plan_s": per, "runs_s": runs, "own_work_vs_floor": own, "objects": objects}


def _make_checks(report: Any) -> None:
    for f in report.findings:
        for c in f.explanation:
            Check(description=c.description, passed=c.passed, observed=c.observed, path=c.path)


def _make_tuples(report: Any) -> None:
    for f in report.findings:
        for c in f.explanation:
            (c.description, c.passed, c.observed, c.path)  # noqa: B018


def _make_judgements(report: Any) -> None:
    for f in report.findings:
        Judgement(
            result=f.result,
            message=f.message,
            checks=list(f.explanation),
            subjects=f.subjects,
            remediation=f.remediation,
        )


def _make_findings(report: Any) -> None:
    for f in report.findings:
        Finding(
            requirement=f.requirement,
            result=f.result,
            message=f.message,
            explanation=f.explanation,
            paths=f.paths,
            subjects=f.subjects,
            remediation=f.remediation,
        )


def _make_outcomes(report: Any) -> None:
    for o in report.outcomes:
        Outcome(
            requirement=o.requirement,
            title=o.title,
            clause=o.clause,
            stage=o.stage,
            importance=o.importance,
            result=o.result,
            rules=o.rules,
        )


def _make_report(report: Any) -> None:
    ConformanceReport(
        standard=report.standard,
        catalogue_version=report.catalogue_version,
        as_of=report.as_of,
        subject=report.subject,
        subject_name=report.subject_name,
        outcomes=list(report.outcomes),
        findings=list(report.findings),
        stages=[
            StageProgress(stage=s.stage, status=s.status, reached=s.reached) for s in report.stages
        ],
    )


def _object_costs() -> dict[str, dict[str, float]]:
    """Seconds to build one report's objects again from their own fields, and as tuples."""
    report = assess(examples.load("alliance"), STANDARD, as_of=AS_OF)
    checks = sum(len(f.explanation) for f in report.findings)
    makers: dict[str, tuple[Callable[[Any], None], int]] = {
        "`Check`": (_make_checks, checks),
        "the same checks as tuples (as the floor keeps them)": (_make_tuples, checks),
        "`Judgement` (one per finding here)": (_make_judgements, len(report.findings)),
        "`Finding`": (_make_findings, len(report.findings)),
        "`Outcome`": (_make_outcomes, len(report.outcomes)),
        "`ConformanceReport` and its `StageProgress`": (_make_report, 1),
    }
    out = {}
    for key, (make, count) in makers.items():
        run = functools.partial(make, report)
        validated = min(timeit.repeat(run, number=100, repeat=5)) / 100
        with attrs.validators.disabled():
            bare = min(timeit.repeat(run, number=100, repeat=5)) / 100
        out[key] = {"count": count, "validated_s": validated, "unvalidated_s": bare}
    return out


def _latency(fn: Callable[[], object], runs: int) -> dict[str, float]:
    clock = CLOCKS[clock_name()]
    for _ in range(max(3, runs // 20)):  # warm up
        fn()
    times = []
    for _ in range(runs):
        t0 = clock()
        fn()
        times.append(clock() - t0)
    times.sort()
    return {
        "median_s": statistics.median(times),
        "min_s": times[0],
        "p90_s": times[int(len(times) * 0.9)],
        "runs": runs,
    }


def bench_latency(sizes: dict[str, Any]) -> dict[str, Any]:
    import collabrel  # noqa: PLC0415

    heading("4. Latency: one plan (the bundled alliance)")
    rmp = examples.load("alliance")
    spec = _spec()
    report = assess(rmp, STANDARD, as_of=AS_OF)
    fns: dict[str, tuple[Callable[[], object], int]] = {
        COLLABREL: (lambda: assess(rmp, STANDARD, as_of=AS_OF), sizes["latency_runs"]),
        FLOOR: (lambda: floor.assess(rmp, spec, AS_OF), sizes["latency_runs"]),
        "`collabrel.dumps(report)` (JSON)": (
            lambda: collabrel.dumps(report, "json"),
            sizes["render_runs"],
        ),
    }
    try:
        from collabrel.report import to_markdown  # noqa: PLC0415

        fns["`collabrel.report.to_markdown(report)`"] = (
            lambda: to_markdown(report),
            sizes["render_runs"],
        )
    except ImportError:
        print("> note: collabrel.report.to_markdown is not available; not timed.")
    out: dict[str, Any] = {}
    rows = []
    for key, (fn, runs) in fns.items():
        try:
            out[key] = _latency(fn, runs)
        except Exception as exc:  # an optional renderer still under construction
            print(f"> note: {key} failed ({type(exc).__name__}: {exc}); not timed.")
            continue
        t = out[key]
        rows.append(
            [key, fmt_time(t["median_s"]), fmt_time(t["min_s"]), fmt_time(t["p90_s"]), f"{runs:,}"]
        )
    print(table(["what", "median", "min", "90th percentile", "calls"], rows))
    med = out[COLLABREL]["median_s"]
    ok = med < LATENCY_TARGET_S
    checks = sum(len(f.explanation) for f in report.findings)
    print(
        f"\nTarget: one assessment of the alliance under {LATENCY_TARGET_S * 1e3:.0f} ms: "
        f"{'met' if ok else 'NOT met'} ({fmt_time(med)}, median of {sizes['latency_runs']:,} "
        f"calls; {len(report.findings)} findings, {checks} checks; the floor "
        f"{fmt_time(out[FLOOR]['median_s'])}, {med / out[FLOOR]['median_s']:.2f}x)."
    )
    return {
        "timings": out,
        "target_s": LATENCY_TARGET_S,
        "target_met": ok,
        "findings": len(report.findings),
        "checks": checks,
    }


# ---------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--quick", action="store_true", help="smaller portfolio, fewer runs")
    parser.add_argument(
        "--json",
        nargs="?",
        const="",
        metavar="PATH",
        help="also write the results as JSON (default: benchmarks/results/<date>-conformance-"
        "<mode>.json)",
    )
    parser.add_argument(
        "--only",
        action="append",
        metavar="|".join(SECTIONS),
        help="run only these benchmarks (repeatable; other scripts' names are ignored)",
    )
    parser.add_argument("--pool", type=int, help="distinct plans in the pool")
    parser.add_argument("--counts", type=int, nargs="+", help="assessments per throughput run")
    parser.add_argument(
        "--timer",
        choices=tuple(CLOCKS),
        default="wall",
        help="wall time (default) or CPU time, steadier when other work shares the machine",
    )
    # `python3 tasks.py bench ARGS` passes the same arguments to every bench_*.py script:
    # tolerate the other scripts' options rather than fail on them.
    args, unknown = parser.parse_known_args(argv)
    if unknown:
        print(f"> note: ignoring options meant for other benchmarks: {' '.join(unknown)}")

    started = time.perf_counter()
    _clock["name"] = args.timer
    mode = "quick" if args.quick else "full"
    only = [s for s in (args.only or SECTIONS) if s in SECTIONS]
    print(f"# collabrel conformance benchmarks ({mode} run, {args.timer} time)")
    if not only:
        print("\nNothing to run: --only names none of " + ", ".join(SECTIONS) + ".")
        return 0
    sizes = dict(SIZES[mode])
    if args.pool:
        sizes["pool"] = args.pool
    if args.counts:
        sizes["counts"] = tuple(args.counts)
        sizes["repeat"] = {n: sizes["repeat"].get(n, 1) for n in args.counts}
    env = environment(PACKAGES)
    print_environment(env)
    results: dict[str, Any] = {
        "mode": mode,
        "timer": args.timer,
        "standard": STANDARD,
        "as_of": AS_OF.isoformat(),
        "sizes": {
            k: (v if not isinstance(v, dict) else {str(a): b for a, b in v.items()})
            for k, v in sizes.items()
        },
        "environment": env,
    }
    sections: dict[str, Callable[[], dict[str, Any]]] = {
        "portfolio": lambda: bench_portfolio(sizes),
        "verify": lambda: bench_verify(sizes),
        "throughput": lambda: bench_throughput(sizes),
        "latency": lambda: bench_latency(sizes),
        "breakdown": lambda: bench_breakdown(sizes),
    }
    run_sections(results, sections, only, started)
    if args.json is not None:
        write_results(results, args.json, f"conformance-{mode}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
