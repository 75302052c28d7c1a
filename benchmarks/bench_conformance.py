"""Conformance benchmarks for collabrel: assessing a portfolio of plans, beside a hand floor.

Run from the repository root::

    .venv/bin/python benchmarks/bench_conformance.py            # full run (a few minutes)
    .venv/bin/python benchmarks/bench_conformance.py --quick    # smoke run (under a minute)
    .venv/bin/python benchmarks/bench_conformance.py --json     # also save results as JSON

What it measures (see benchmarks/README.md and docs/benchmarks.md, "Conformance"):

1. portfolio: a pool of distinct relationship management plans generated deterministically
   (seeded) from the bundled examples `alliance`, `flawed` and `consortium` with
   `attrs.evolve`: records dropped or changed, approvals withdrawn, dates, approvers and
   signatories changed, plan status and review date changed, histories cut short or moved
   past the assessment date, risks, KPI measurements, people's roles and the exit plan varied.
   Every generated plan is a valid document (the plan's own checks run on each).
2. verify: the floor (`_conformance_floor.py`: five of the built-in rules, one of each shape,
   written by hand as plain functions over tuples) must give the same findings (requirement,
   result, message, checks, paths, subjects, remediation), outcomes and stage progress as
   `collabrel.conformance.assess` restricted to the same five rules
   (`default_rules().select(ids=...)`) and to the requirements they judge, for every plan of
   the pool. Any difference stops the benchmark: the comparison would be meaningless.
3. throughput: N assessments (10,000 and 100,000; 1,000 and 5,000 with `--quick`) of the
   pool's plans round-robin with a fixed `as_of`: `assess` in a loop, `assess_many` and the
   floor, all on the same five rules and six requirements. Relationships per second, time per
   relationship, collabrel / floor (target: within 1.5x).
4. latency: one assessment of the bundled alliance, timed call by call (the median of many):
   the five rules beside the floor, and the whole rule book against the whole catalogue
   (target: under 5 ms), with writing its report as JSON and as Markdown for scale.
5. breakdown: where the time goes: `assess` with every attrs validator off (a diagnosis),
   the sub-analyses both sides call (`replay`, `assess_kpis`), the whole rule book, and the
   cost of building a report's `Check`, `Finding`, `Outcome` and report objects again.

Nothing in `assess` or the floor is kept from one call to the next, so seeing a plan again
favours neither. Plans share their unchanged parts with the example they come from.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import random
import statistics
import sys
import time
import timeit
import tracemalloc
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import attrs

import _conformance_floor as floor
import _runner
from _runner import fmt_bytes, fmt_time, heading, table
from collabrel import examples
from collabrel.conformance import Catalogue, Registry, assess, assess_many, catalogue, default_rules
from collabrel.errors import CollabrelError
from collabrel.lifecycle import InvalidEventError, replay
from collabrel.metrics import assess_kpis
from collabrel.model import (
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
SHARED = "the sub-analyses both call (replay, assess_kpis)"
WHOLE = "collabrel `assess`, the whole rule book and catalogue (for scale)"
STANDARD = "iso44001:2017"
AS_OF = dt.date(2026, 10, 31)
SEED = 44001
BASES = (("alliance", 5), ("flawed", 3), ("consortium", 2))  # example and weight
RATIO_TARGET = 1.5
LATENCY_TARGET_S = 5e-3

SIZES: dict[str, tuple[Any, Any]] = {  # (full run, quick run)
    "pool": (2_000, 500),
    "counts": ((10_000, 100_000), (1_000, 5_000)),
    "repeat": ({10_000: 3, 100_000: 1}, {1_000: 2, 5_000: 1}),
    "chunk": (2_000, 1_000),
    "latency_runs": (1_000, 200),
    "render_runs": (100, 20),
    "breakdown_repeat": (3, 2),
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


# ---------------------------------------------------------------------------- the subset


def subset() -> tuple[Catalogue, Registry]:
    """The floor's five rules from the built-in ones, and the requirements they judge."""
    rules = default_rules().select(ids=floor.RULES)
    if sorted(r.id for r in rules) != sorted(floor.RULES):
        raise SystemExit(f"the built-in rules lack some of the floor's: {floor.RULES}")
    whole = catalogue(STANDARD)
    judged = [req for req in whole if rules.for_requirement(req.id)]
    return attrs.evolve(whole, requirements=judged), rules


_MADE: dict[str, Any] = {}  # the pool, the subset and the floor's compiled spec, made once


def _made() -> tuple[Catalogue, Registry, Any]:
    if "spec" not in _MADE:
        cat, rules = subset()
        _MADE["subset"] = cat, rules
        _MADE["spec"] = floor.compile_spec(cat, rules)
    cat, rules = _MADE["subset"]
    return cat, rules, _MADE["spec"]


def _pool(size: int) -> list[RelationshipManagementPlan]:
    if "pool" not in _MADE:
        _MADE["pool"], _ = make_pool(size)
    pool: list[RelationshipManagementPlan] = _MADE["pool"]
    return pool


# ---------------------------------------------------------------------------- comparing


def collabrel_rows(report: Any) -> list[tuple[Any, ...]]:
    """collabrel's report in the floor's shape: findings, outcomes, stage progress, header."""
    findings = [
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
    outcomes = [(o.requirement, o.result) for o in report.outcomes]
    stages = [(p.stage, p.status, p.reached) for p in report.stages]
    header = (report.standard, report.catalogue_version, report.subject, report.subject_name)
    return [*findings, *outcomes, *stages, header]


def floor_rows(mine: floor.FloorReport) -> list[tuple[Any, ...]]:
    header = (mine.standard, mine.catalogue_version, mine.subject, mine.subject_name)
    return [*mine.findings, *mine.outcomes, *mine.stages, header]


def compare(pool: Sequence[RelationshipManagementPlan]) -> dict[str, Any]:
    """Assess every plan both ways; list every difference (finding, outcome, stage, header)."""
    cat, rules, spec = _made()
    differences: list[str] = []
    findings = 0
    tally: Counter[str] = Counter()
    for n, rmp in enumerate(pool):
        report = assess(rmp, cat, as_of=AS_OF, rules=rules)
        ours, theirs = collabrel_rows(report), floor_rows(floor.assess(rmp, spec, AS_OF))
        findings += len(report.findings)
        tally.update(f"{f.requirement} {f.result.value}" for f in report.findings)
        if len(ours) != len(theirs):
            differences.append(f"plan {n}: {len(ours)} rows, floor {len(theirs)}")
        differences.extend(
            f"plan {n}:\n    collabrel {a}\n    floor     {b}"
            for a, b in zip(ours, theirs, strict=False)
            if a != b
        )
    return {
        "plans": len(pool),
        "findings": findings,
        "differences": len(differences),
        "first_differences": differences[:10],
        "tally": dict(sorted(tally.items())),
    }


# ---------------------------------------------------------------------------- sections


def bench_portfolio(sizes: dict[str, Any]) -> dict[str, Any]:
    heading("1. The portfolio")
    size = sizes["pool"]
    for name, _ in BASES:  # cached by collabrel.examples: not charged to the pool
        examples.load(name)
    tracemalloc.start()
    t0 = time.perf_counter()
    pool, origin = make_pool(size)
    took = time.perf_counter() - t0
    traced = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    _MADE["pool"] = pool
    events = [len(p.history) for p in pool]
    spread = f"{min(events)} / {statistics.median(events):g} / {max(events)}"
    made = ", ".join(f"{k} {v:,}" for k, v in origin.items() if k != "rejected_draws")
    rows = [
        ["plans in the pool (all distinct)", f"{len({id(p) for p in pool}):,}"],
        ["from the examples", made],
        ["variations redrawn because they broke a reference", f"{origin['rejected_draws']:,}"],
        ["history events per plan (min / median / max)", spread],
        ["time to generate (with tracing on)", fmt_time(took)],
        ["memory traced while generating the pool", fmt_bytes(traced)],
        ["memory per generated plan", fmt_bytes(traced / size)],
    ]
    print(table(["", ""], rows, "lr"))
    return {
        "pool": size,
        "origin": origin,
        "generate_s": took,
        "traced_bytes": traced,
        "bytes_per_plan": traced / size,
        "history_events": {"min": min(events), "median": statistics.median(events)},
    }


def bench_verify(sizes: dict[str, Any]) -> dict[str, Any]:
    heading("2. Agreement: collabrel and the floor, plan by plan")
    cat = _made()[0]
    out = compare(_pool(sizes["pool"]))
    print(
        f"Rules: {', '.join(floor.RULES)} (of {len(default_rules())} built-in); requirements: "
        f"{', '.join(cat.ids)} (of {len(catalogue(STANDARD))} in {STANDARD}).\n\n"
        f"{out['plans']:,} plans, {out['findings']:,} findings: {out['differences']} "
        "differences in findings, outcomes, stage progress or header.\n"
    )
    by_requirement: dict[str, dict[str, int]] = {}
    for key, count in out["tally"].items():
        req, result = key.split()
        by_requirement.setdefault(req, {})[result] = count
    rows = [
        [req, ", ".join(f"{r} {c:,}" for r, c in sorted(results.items(), key=lambda x: -x[1]))]
        for req, results in by_requirement.items()
    ]
    print(table(["requirement", "results over the pool"], rows, "ll"))
    for line in out["first_differences"]:
        print("  " + line)
    if out["differences"]:
        raise SystemExit("the floor and collabrel disagree: the comparison would be meaningless")
    return out


def _runners(pool: Sequence[Any]) -> dict[str, Callable[[int, int], object]]:
    """Each implementation as `run(start, count)`: plans `start` to `start + count`, round-robin."""
    cat, rules, spec = _made()
    size = len(pool)

    def plans(start: int, count: int) -> Iterator[Any]:
        for i in range(start, start + count):
            yield pool[i % size]

    def collabrel_assess(start: int, count: int) -> object:
        last = None
        for rmp in plans(start, count):
            last = assess(rmp, cat, as_of=AS_OF, rules=rules)
        return last

    def collabrel_many(start: int, count: int) -> object:
        last = None
        for last in assess_many(plans(start, count), cat, as_of=AS_OF, rules=rules):  # noqa: B007
            pass
        return last

    def floor_assess(start: int, count: int) -> object:
        last = None
        for rmp in plans(start, count):
            last = floor.assess(rmp, spec, AS_OF)
        return last

    return {COLLABREL: collabrel_assess, MANY: collabrel_many, FLOOR: floor_assess}


def _time_chunked(
    fns: dict[str, Callable[[int, int], object]], n: int, repeat: int, chunk: int
) -> dict[str, list[float]]:
    """Seconds for `n` calls of each function, `repeat` times; chunks interleaved.

    Each run of `n` assessments is cut into chunks of `chunk`, and the implementations take
    turns chunk by chunk, so a slow spell of a shared machine affects all of them alike.
    """
    runs: dict[str, list[float]] = {k: [] for k in fns}
    for _ in range(repeat):
        totals = dict.fromkeys(fns, 0.0)
        for start in range(0, n, chunk):
            timed = _runner.time_runs(
                {k: functools.partial(fn, start, min(chunk, n - start)) for k, fn in fns.items()},
                repeat=1,
            )
            for key, t in timed.items():
                totals[key] += t["min_s"]
        for key, total in totals.items():
            runs[key].append(total)
    return runs


def bench_throughput(sizes: dict[str, Any]) -> dict[str, Any]:
    heading("3. Throughput: a portfolio, one plan after another")
    pool = _pool(sizes["pool"])
    fns = _runners(pool)
    results: dict[str, Any] = {"pool": len(pool), "chunk": sizes["chunk"], "counts": {}}
    for n in sizes["counts"]:
        repeat = sizes["repeat"].get(n, 1)
        runs = _time_chunked(fns, n, repeat, sizes["chunk"])
        base = statistics.median(runs[FLOOR])
        rows, data = [], {}
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
            total = f"{med:.2f} s" + (f" ({low:.2f} s)" if repeat > 1 else "")
            rows.append([key, total, f"{n / med:,.0f}", fmt_time(med / n), f"{med / base:.2f}x"])
        runs_text = f"{repeat} runs, median (min)" if repeat > 1 else "1 run"
        print(
            f"\n{n:,} assessments ({len(pool):,} distinct plans round-robin; {runs_text}; "
            f"the implementations take turns every {sizes['chunk']:,} assessments; "
            f"{_runner.clock_name()} time):\n"
        )
        headers = ["implementation", "total", "relationships/s", "per relationship", "vs floor"]
        print(table(headers, rows))
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


def shared_work(rmp: RelationshipManagementPlan) -> None:
    """Only the sub-analyses both sides call, as they call them: `replay` and `assess_kpis`."""
    if rmp.history:
        with contextlib.suppress(InvalidEventError):
            replay(e for e in rmp.history if e.at.date() <= AS_OF)
    if rmp.relationship is not None and rmp.relationship.kpis:
        assess_kpis(rmp.relationship.kpis, AS_OF)


def _breakdown_fns(pool: Sequence[Any]) -> dict[str, Callable[[], object]]:
    cat, rules, spec = _made()

    def over_pool(fn: Callable[[Any], object]) -> Callable[[], object]:
        def run() -> object:
            last = None
            for rmp in pool:
                last = fn(rmp)
            return last

        return run

    def unvalidated() -> object:
        with attrs.validators.disabled():  # every attrs validator off: diagnosis only
            return over_pool(lambda rmp: assess(rmp, cat, as_of=AS_OF, rules=rules))()

    return {
        COLLABREL: over_pool(lambda rmp: assess(rmp, cat, as_of=AS_OF, rules=rules)),
        UNVALIDATED: unvalidated,
        FLOOR: over_pool(lambda rmp: floor.assess(rmp, spec, AS_OF)),
        SHARED: over_pool(shared_work),
        WHOLE: over_pool(lambda rmp: assess(rmp, STANDARD, as_of=AS_OF)),
    }


def bench_breakdown(sizes: dict[str, Any]) -> dict[str, Any]:
    heading("5. Where collabrel's time goes")
    pool = _pool(sizes["pool"])
    timed = _runner.time_runs(
        _breakdown_fns(pool),
        repeat=sizes["breakdown_repeat"],
        units=dict.fromkeys((COLLABREL, UNVALIDATED, FLOOR, SHARED, WHOLE), len(pool)),
    )
    per = {k: t["median_s"] for k, t in timed.items()}
    base = per[FLOOR]
    print(
        f"Per plan, each of the {len(pool):,} plans of the pool once, median of "
        f"{sizes['breakdown_repeat']} interleaved passes:\n"
    )
    rows = [[k, fmt_time(t), f"{t / base:.2f}x"] for k, t in per.items()]
    print(table(["what", "per plan", "vs floor"], rows))
    own = (per[COLLABREL] - per[SHARED]) / (base - per[SHARED])
    print(
        f"\nWithout the sub-analyses both sides call, collabrel's own work is {own:.2f}x the "
        f"floor's. Turning every attrs validator off (not something to do in use: it is global) "
        f"saves {1 - per[UNVALIDATED] / per[COLLABREL]:.0%} of collabrel's time."
    )
    objects = _object_costs()
    print(
        "\nBuilding the objects of one report (the alliance, the whole rule book) again from "
        "their own fields, which collabrel builds and the floor does not (min of 5 "
        "runs of 100):\n"
    )
    rows = [
        [k, f"{v['count']:,}", fmt_time(v["validated_s"]), fmt_time(v["unvalidated_s"])]
        for k, v in objects.items()
    ]
    print(table(["objects", "count", "validated", "validators off"], rows))
    return {"per_plan_s": per, "runs": timed, "own_work_vs_floor": own, "objects": objects}


def _rebuild(objs: Sequence[Any]) -> None:
    """Build each of `objs` again from its own fields, through its class (with its checks)."""
    for obj in objs:
        cls = type(obj)
        cls(**{a.alias: getattr(obj, a.name) for a in attrs.fields(cls) if a.init})


def _object_costs() -> dict[str, dict[str, float]]:
    """Seconds to build one report's objects again from their own fields, and as tuples."""
    report = assess(examples.load("alliance"), STANDARD, as_of=AS_OF)
    checks = [c for f in report.findings for c in f.explanation]
    makers: dict[str, tuple[Callable[[], object], int]] = {
        "`Check`": (lambda: _rebuild(checks), len(checks)),
        "the same checks as tuples (as the floor keeps them)": (
            lambda: [(c.description, c.passed, c.observed, c.path) for c in checks],
            len(checks),
        ),
        "`Finding`": (lambda: _rebuild(report.findings), len(report.findings)),
        "`Outcome`": (lambda: _rebuild(report.outcomes), len(report.outcomes)),
        "`ConformanceReport`": (lambda: _rebuild([report]), 1),
    }
    out = {}
    for key, (make, count) in makers.items():
        validated = min(timeit.repeat(make, number=100, repeat=5, timer=_runner.clock())) / 100
        with attrs.validators.disabled():
            bare = min(timeit.repeat(make, number=100, repeat=5, timer=_runner.clock())) / 100
        out[key] = {"count": count, "validated_s": validated, "unvalidated_s": bare}
    return out


def _latency(fn: Callable[[], object], calls: int) -> dict[str, float]:
    """One call at a time, after a warm-up: median, minimum and 90th percentile."""
    now = _runner.clock()
    for _ in range(max(3, calls // 20)):
        fn()
    times = []
    for _ in range(calls):
        t0 = now()
        fn()
        times.append(now() - t0)
    times.sort()
    p90 = times[int(len(times) * 0.9)]
    return {"median_s": statistics.median(times), "min_s": times[0], "p90_s": p90, "runs": calls}


def bench_latency(sizes: dict[str, Any]) -> dict[str, Any]:
    import collabrel  # noqa: PLC0415
    from collabrel.report import to_markdown  # noqa: PLC0415

    heading("4. Latency: one plan (the bundled alliance)")
    rmp = examples.load("alliance")
    cat, rules, spec = _made()
    whole = assess(rmp, STANDARD, as_of=AS_OF)
    runs, render = sizes["latency_runs"], sizes["render_runs"]
    fns: dict[str, Callable[[], object]] = {
        COLLABREL + ", five rules": lambda: assess(rmp, cat, as_of=AS_OF, rules=rules),
        FLOOR + ", five rules": lambda: floor.assess(rmp, spec, AS_OF),
        "collabrel `assess`, the whole rule book and catalogue": lambda: assess(
            rmp, STANDARD, as_of=AS_OF
        ),
        "`collabrel.dumps(report)` (JSON), whole report": lambda: collabrel.dumps(whole, "json"),
        "`collabrel.report.to_markdown(report)`, whole report": lambda: to_markdown(whole),
    }
    out = {key: _latency(fn, render if "report" in key else runs) for key, fn in fns.items()}
    rows = [
        [k, fmt_time(t["median_s"]), fmt_time(t["min_s"]), fmt_time(t["p90_s"]), f"{t['runs']:,}"]
        for k, t in out.items()
    ]
    print(table(["what", "median", "min", "90th percentile", "calls"], rows))
    five, mine = (
        out[COLLABREL + ", five rules"]["median_s"],
        out[FLOOR + ", five rules"]["median_s"],
    )
    med = out["collabrel `assess`, the whole rule book and catalogue"]["median_s"]
    ok = med < LATENCY_TARGET_S
    checks = sum(len(f.explanation) for f in whole.findings)
    print(
        f"\nThe five rules: {fmt_time(five)}, the floor {fmt_time(mine)} ({five / mine:.2f}x). "
        f"Target: one assessment of the alliance by the whole rule book under "
        f"{LATENCY_TARGET_S * 1e3:.0f} ms: {'met' if ok else 'NOT met'} ({fmt_time(med)}, "
        f"{len(whole.findings)} findings, {checks} checks)."
    )
    return {
        "timings": out,
        "five_rules_vs_floor": five / mine,
        "target_s": LATENCY_TARGET_S,
        "target_met": ok,
        "findings": len(whole.findings),
        "checks": checks,
    }


# ---------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = _runner.parser(__doc__, SECTIONS)
    parser.add_argument("--pool", type=int, help="distinct plans in the pool")
    parser.add_argument("--counts", type=int, nargs="+", help="assessments per throughput run")
    args = _runner.parse(parser, argv)
    sizes = {key: both[args.quick] for key, both in SIZES.items()}
    sizes["pool"] = args.pool or sizes["pool"]
    sizes["counts"] = tuple(args.counts or sizes["counts"])
    sections: _runner.Sections = {
        "portfolio": lambda: bench_portfolio(sizes),
        "verify": lambda: bench_verify(sizes),
        "throughput": lambda: bench_throughput(sizes),
        "latency": lambda: bench_latency(sizes),
        "breakdown": lambda: bench_breakdown(sizes),
    }
    info = {
        "standard": STANDARD,
        "rules": floor.RULES,
        "as_of": AS_OF.isoformat(),
        "sizes": {
            k: v if not isinstance(v, dict) else {str(a): b for a, b in v.items()}
            for k, v in sizes.items()
        },
    }
    name = f"conformance-{args.mode}"
    return _runner.run(args, "conformance", sections, packages=PACKAGES, name=name, info=info)


if __name__ == "__main__":
    sys.exit(main())
