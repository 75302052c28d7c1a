"""Lifecycle benchmarks for collabrel: transitions, replaying a long history, many relationships.

Run from the repository root::

    .venv/bin/python benchmarks/bench_lifecycle.py            # full run (about 2 minutes)
    .venv/bin/python benchmarks/bench_lifecycle.py --quick    # smoke run (about 15 seconds)
    .venv/bin/python benchmarks/bench_lifecycle.py --json     # also save results as JSON

What it measures (see benchmarks/README.md and docs/benchmarks.md):

1. transitions: the time per transition of `collabrel.lifecycle.step` (no guards) over a
   realistic stream of start/complete/reopen events across the eight stages, beside the floor
   (a plain dict-update loop applying the same stream with the same transition table and the
   same timestamp check), `replay` of the same stream, and the same eight-stage machine in
   `transitions` and `python-statemachine` (benchmarks/_lifecycle_shadow.py, two models in
   each). `step` with `default_guards()` and the alliance plan is timed too, for information.
2. replay: `replay` of a history of 1,000,000 events (repeated reopen/complete cycles), in all
   and per event, beside the dict floor.
3. create: the lifecycle state of 100,000 relationships, as `LifecycleState.initial()` and as
   the replay of a typical 12-event history (the alliance's first twelve stage events): time and
   memory per relationship (tracemalloc, all states alive; and a `sys.getsizeof` estimate),
   beside a dict per relationship and the shadow machines (fewer relationships, scaled).

Every figure is the minimum (and median) over a few interleaved runs timed with
`time.perf_counter` (`--timer cpu`: this process's CPU time), with the garbage collector on.
The targets: a transition under 1 µs and within 3x of the floor (issue 16; 5x before); a
relationship's lifecycle state under 2 µs and 1 KiB to create. Results are printed as
Markdown tables; `--json [PATH]` also writes them as JSON (by default to
benchmarks/results/<UTC time>-lifecycle.json).
"""

from __future__ import annotations

import datetime as dt
import gc
import random
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable, Sequence
from typing import Any

import _runner
from _runner import fmt_bytes, fmt_unit, heading, table, time_runs

TRANSITION_TARGET_S = 1e-6
TRANSITION_TARGET_RATIO = 3.0
CREATE_TARGET_S = 2e-6
CREATE_TARGET_BYTES = 1024
PACKAGES = ("collabrel", "attrs", "transitions", "python-statemachine")
SECTIONS = ("transitions", "replay", "create")

SIZES = {
    # stream: events for step/replay per transition; replay: the long history;
    # create: relationships; shadow_*: the shadows' smaller counts (8 machines / parallel)
    "full": {
        "stream": 100_000,
        "replay": 1_000_000,
        "create": 100_000,
        "shadow_events": 5_000,
        "parallel_events": 1_000,
        "shadow_create": 500,
        "parallel_create": 100,
        "guard_rounds": 2_000,
        "repeat": 5,
        "replay_repeat": 3,
    },
    "quick": {
        "stream": 20_000,
        "replay": 100_000,
        "create": 10_000,
        "shadow_events": 2_000,
        "parallel_events": 400,
        "shadow_create": 200,
        "parallel_create": 40,
        "guard_rounds": 200,
        "repeat": 3,
        "replay_repeat": 2,
    },
}


# ---------------------------------------------------------------------------- timing


def traced_per_item(make: Callable[[], object], n: int) -> float:
    """Bytes traced (tracemalloc) per item while `n` items made by `make` are all alive.

    The list holding them is not counted; `make` runs once first so that one-off caches
    (interned tuples, a library's machine definitions) are not charged to the items.
    """
    make()
    gc.collect()
    tracemalloc.start()
    try:
        base = tracemalloc.get_traced_memory()[0]
        items = [make() for _ in range(n)]
        current = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    return (current - base - sys.getsizeof(items)) / n


# ---------------------------------------------------------------------------- event streams

T0 = dt.datetime(2020, 1, 6, 9, 0, tzinfo=dt.UTC)


def make_stream(n: int, *, seed: int = 11000) -> list[Any]:
    """`n` valid events with increasing timestamps (an hour apart).

    The first eight start every stage in order; after that each event picks a stage at random
    (deterministically) and completes it if it is under way or reopens it if it is completed,
    so the stream is start/complete/reopen across all eight stages, as a long-lived
    relationship's history would be. Built with attrs validators off: every field is valid by
    construction, and validation is not what is timed.
    """
    import attrs  # noqa: PLC0415

    from collabrel.lifecycle import Event, EventKind  # noqa: PLC0415
    from collabrel.model import Stage  # noqa: PLC0415

    rng = random.Random(seed)
    stages = list(Stage)
    under_way = dict.fromkeys(stages, False)
    hour = dt.timedelta(hours=1)
    out = []
    with attrs.validators.disabled():
        for i in range(n):
            if i < len(stages):
                stage, kind = stages[i], EventKind.START
                under_way[stage] = True
            else:
                stage = rng.choice(stages)
                kind = EventKind.COMPLETE if under_way[stage] else EventKind.REOPEN
                under_way[stage] = not under_way[stage]
            out.append(Event(kind=kind, at=T0 + i * hour, actor="jo", stage=stage))
    return out


def floor_replay(events: Sequence[Any]) -> tuple[dict[Any, str], Any]:
    """The floor: a dict of stage to status updated from a transition table, in one loop.

    The same work as collabrel's rules for these events and nothing more: reject time going
    backwards, look the next status up by (kind, status), fail on a missing entry. The dict
    is keyed by the event's `Stage` and the table by its `EventKind` (both hash by identity),
    so no enum `.value` is read in the loop.
    """
    table = _floor_table()
    statuses = dict.fromkeys(_STAGES, "not_started")
    last = None
    for event in events:
        at = event.at
        if last is not None and at < last:
            raise ValueError("time goes backwards")
        stage = event.stage
        statuses[stage] = table[event.kind, statuses[stage]]
        last = at
    return statuses, last


def floor_statuses(events: Sequence[Any]) -> dict[str, str]:
    """The floor's final statuses by stage key, to compare with collabrel's."""
    return {stage.value: status for stage, status in floor_replay(events)[0].items()}


def _floor_table() -> dict[tuple[Any, str], str]:
    if not _FLOOR_TABLE:
        from _lifecycle_shadow import TABLE  # noqa: PLC0415
        from collabrel.lifecycle import EventKind  # noqa: PLC0415
        from collabrel.model import Stage  # noqa: PLC0415

        _FLOOR_TABLE.update({(EventKind(kind), old): new for (kind, old), new in TABLE.items()})
        _STAGES.extend(Stage)
    return _FLOOR_TABLE


_FLOOR_TABLE: dict[tuple[Any, str], str] = {}
_STAGES: list[Any] = []


def by_key(state: Any) -> dict[str, str]:
    return {k: v.value for k, v in state.by_key().items()}


# ---------------------------------------------------------------------------- 1. transitions


def run_steps(events: Sequence[Any], rounds: int = 1, **guarded: Any) -> Any:
    """`step` over `events` from the initial state, `rounds` times; the last state.

    Without guards the loop calls `step(state, event)` as a caller writes it: passing an
    empty `**guarded` would add the cost of unpacking a mapping (about 50 ns a call) to
    every transition, which is the benchmark's, not collabrel's.
    """
    from collabrel.lifecycle import LifecycleState, step  # noqa: PLC0415

    initial = LifecycleState.initial()
    state = initial
    for _ in range(rounds):
        state = initial
        if guarded:
            for event in events:
                state = step(state, event, **guarded)
        else:
            for event in events:
                state = step(state, event)
    return state


def shadow_counts(sizes: dict[str, int], events: str, parallel: str) -> dict[str, int]:
    """How many events or relationships each shadow gets (the parallel ones are slower)."""
    from _lifecycle_shadow import SHADOWS  # noqa: PLC0415

    return {name: sizes[parallel] if "parallel" in name else sizes[events] for name in SHADOWS}


def verify_stream(stream: Sequence[Any], counts: dict[str, int]) -> None:
    """Every model reaches collabrel's state on the stream (the shadows on its prefix)."""
    from _lifecycle_shadow import SHADOWS  # noqa: PLC0415
    from collabrel.lifecycle import replay  # noqa: PLC0415

    reference = by_key(replay(stream))
    if by_key(run_steps(stream)) != reference or floor_statuses(stream) != reference:
        raise SystemExit("step, replay and the dict floor disagree on the stream")
    for name, cls in SHADOWS.items():
        part = stream[: counts[name]]
        if cls().replay(part).statuses() != by_key(replay(part)):
            raise SystemExit(f"{name} reaches a different state from collabrel")


def bench_transitions(sizes: dict[str, int]) -> dict[str, Any]:
    from _lifecycle_shadow import SHADOWS, prepare  # noqa: PLC0415
    from collabrel import examples  # noqa: PLC0415
    from collabrel.lifecycle import default_guards, replay  # noqa: PLC0415

    n = sizes["stream"]
    heading(f"1. Transitions: a stream of {n:,} events, per transition")
    t0 = time.perf_counter()
    stream = make_stream(n)
    built = time.perf_counter() - t0
    prepare()
    rmp = examples.load("alliance")
    history, guards, rounds = rmp.history, default_guards(), sizes["guard_rounds"]
    counts = shadow_counts(sizes, "shadow_events", "parallel_events")
    verify_stream(stream, counts)
    if run_steps(history, guards=guards, rmp=rmp) != replay(history):
        raise SystemExit("step with guards disagrees with replay on the alliance history")

    guarded = "collabrel `step` with `default_guards()`, alliance history"
    unguarded = "collabrel `step` (no guards), alliance history"
    fns: dict[str, Callable[[], object]] = {
        "floor: dict update loop": lambda: floor_replay(stream),
        "collabrel `step` (no guards)": lambda: run_steps(stream),
        "collabrel `replay` (same stream)": lambda: replay(stream),
    }
    units = dict.fromkeys(fns, n)
    for name, cls in SHADOWS.items():
        fns[name] = lambda cls=cls, part=stream[: counts[name]]: cls().replay(part)
        units[name] = counts[name]
    fns[guarded] = lambda: run_steps(history, rounds, guards=guards, rmp=rmp)
    fns[unguarded] = lambda: run_steps(history, rounds)
    units[guarded] = units[unguarded] = rounds * len(history)
    results = time_runs(fns, repeat=sizes["repeat"], units=units)

    floor = results["floor: dict update loop"]
    print(
        f"Stream: {n:,} events (`make_stream`, built in {built:.1f} s); the shadows get its "
        "first events only. Every model reaches the same state as collabrel (checked first). "
        f"The alliance history has {len(history)} events, replayed {rounds:,} times.\n"
    )
    print(
        table(
            ["per transition", "events", "min", "median", "min ÷ floor"],
            [
                [
                    name,
                    f"{r['units']:,}",
                    fmt_unit(r["min_s"]),
                    fmt_unit(r["median_s"]),
                    f"{r['min_s'] / floor['min_s']:.1f}x",
                ]
                for name, r in results.items()
            ],
        )
    )
    collab = results["collabrel `step` (no guards)"]
    ratio = collab["min_s"] / floor["min_s"]
    under = collab["min_s"] < TRANSITION_TARGET_S
    within = ratio <= TRANSITION_TARGET_RATIO
    per_event = results["collabrel `replay` (same stream)"]["min_s"]
    print(
        f"\nTarget: a transition under {TRANSITION_TARGET_S * 1e6:.0f} µs: "
        f"{'met' if under else 'NOT met'} ({fmt_unit(collab['min_s'])}); within "
        f"{TRANSITION_TARGET_RATIO:.0f}x of the floor: {'met' if within else 'NOT met'} "
        f"({ratio:.1f}x). `replay`: {fmt_unit(per_event)} per event."
    )
    return {
        "stream_events": n,
        "stream_build_s": built,
        "alliance_history_events": len(history),
        "results": results,
        "target_transition_under_1us": under,
        f"target_within_{TRANSITION_TARGET_RATIO:.0f}x_floor": within,
        "step_over_floor": ratio,
    }


# ---------------------------------------------------------------------------- 2. replay


def bench_replay(sizes: dict[str, int]) -> dict[str, Any]:
    from collabrel.lifecycle import replay  # noqa: PLC0415

    n = sizes["replay"]
    heading(f"2. Replaying a history of {n:,} events")
    t0 = time.perf_counter()
    events = make_stream(n, seed=44001)
    built = time.perf_counter() - t0
    if by_key(replay(events)) != floor_statuses(events):
        raise SystemExit("replay and the dict floor disagree on the long history")
    results = time_runs(
        {
            "floor: dict update loop": lambda: floor_replay(events),
            "collabrel `replay`": lambda: replay(events),
        },
        repeat=sizes["replay_repeat"],
        units={"floor: dict update loop": n, "collabrel `replay`": n},
    )
    floor = results["floor: dict update loop"]
    rows = [
        [
            name,
            f"{r['min_s'] * n:.2f} s",
            f"{statistics.median(r['run_s']):.2f} s",
            fmt_unit(r["min_s"]),
            f"{r['min_s'] / floor['min_s']:.1f}x",
        ]
        for name, r in results.items()
    ]
    print(f"History: {n:,} events (built in {built:.1f} s, not timed).\n")
    print(table(["replay", "total (min)", "total (median)", "per event (min)", "÷ floor"], rows))
    return {"events": n, "build_s": built, "results": results}


# ---------------------------------------------------------------------------- 3. create


def _sizeof_estimate(states: list[Any]) -> float:
    """`sys.getsizeof` of each state plus each distinct statuses tuple, per state."""
    tuples = {id(s.statuses): s.statuses for s in states}
    total = sum(sys.getsizeof(s) for s in states) + sum(sys.getsizeof(t) for t in tuples.values())
    return total / len(states)


def bench_create(sizes: dict[str, int]) -> dict[str, Any]:
    from _lifecycle_shadow import SHADOWS, prepare  # noqa: PLC0415
    from collabrel import examples  # noqa: PLC0415
    from collabrel.lifecycle import LifecycleState, replay  # noqa: PLC0415

    n = sizes["create"]
    heading(f"3. The lifecycle state of {n:,} relationships")
    prepare()
    # the first twelve stage events (the partner moves between them change no stage)
    history = [e for e in examples.load("alliance").history if e.stage is not None][:12]
    initial = LifecycleState.initial
    _floor_table()
    stages = tuple(_STAGES)
    makers: dict[str, Callable[[], object]] = {
        "floor: a dict per relationship": lambda: dict.fromkeys(stages, "not_started"),
        "collabrel `LifecycleState.initial()`": initial,
        "floor: dict + 12-event history": lambda: floor_replay(history),
        "collabrel `replay(history)` (12 events)": lambda: replay(history),
    }
    counts = dict.fromkeys(makers, n)
    for name, k in shadow_counts(sizes, "shadow_create", "parallel_create").items():
        cls = SHADOWS[name]
        makers[name] = cls
        makers[f"{name} + 12-event history"] = lambda cls=cls: cls().replay(history)
        counts[name] = counts[f"{name} + 12-event history"] = k

    reference = by_key(replay(history))
    for name, cls in SHADOWS.items():
        if cls().replay(history).statuses() != reference:
            raise SystemExit(f"{name} reaches a different state from collabrel")

    def many(make: Callable[[], object], k: int) -> Callable[[], object]:
        return lambda: [make() for _ in range(k)]

    timed = time_runs(
        {name: many(make, counts[name]) for name, make in makers.items()},
        repeat=sizes["repeat"],
        units=counts,
    )
    memory = {name: traced_per_item(make, counts[name]) for name, make in makers.items()}
    estimates = {
        "collabrel `LifecycleState.initial()`": _sizeof_estimate([initial() for _ in range(n)]),
        "collabrel `replay(history)` (12 events)": _sizeof_estimate(
            [replay(history) for _ in range(n)]
        ),
        "floor: a dict per relationship": float(
            sys.getsizeof(dict.fromkeys(stages, "not_started"))
        ),
    }
    floor_t = timed["floor: a dict per relationship"]["min_s"]
    floor_m = memory["floor: a dict per relationship"]
    rows = [
        [
            name,
            f"{counts[name]:,}",
            fmt_unit(r["min_s"]),
            fmt_unit(r["median_s"]),
            f"{r['min_s'] / floor_t:.1f}x",
            fmt_bytes(memory[name]),
            f"{memory[name] / floor_m:.1f}x",
            fmt_bytes(estimates[name]) if name in estimates else "",
        ]
        for name, r in timed.items()
    ]
    print(
        f"History: the alliance's first {len(history)} events. Memory: tracemalloc, all "
        "states alive in a list (the list itself not counted).\n"
    )
    print(
        table(
            [
                "per relationship",
                "relationships",
                "time (min)",
                "time (median)",
                "÷ dict",
                "memory (traced)",
                "÷ dict",
                "`getsizeof` estimate",
            ],
            rows,
        )
    )
    key = "collabrel `LifecycleState.initial()`"
    fast = timed[key]["min_s"] < CREATE_TARGET_S
    small = memory[key] < CREATE_TARGET_BYTES
    replayed = "collabrel `replay(history)` (12 events)"
    print(
        f"\nTarget: a relationship's lifecycle state under {CREATE_TARGET_S * 1e6:.0f} µs: "
        f"{'met' if fast else 'NOT met'} ({fmt_unit(timed[key]['min_s'])}); under 1 KiB: "
        f"{'met' if small else 'NOT met'} ({fmt_bytes(memory[key])}). With a 12-event "
        f"history replayed: {fmt_unit(timed[replayed]['min_s'])} and "
        f"{fmt_bytes(memory[replayed])}."
    )
    return {
        "relationships": n,
        "history_events": len(history),
        "results": timed,
        "traced_bytes_per_relationship": memory,
        "getsizeof_bytes_per_relationship": estimates,
        "target_create_under_2us": fast,
        "target_create_under_1kib": small,
    }


# ---------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    args = _runner.parse(_runner.parser(__doc__, SECTIONS), argv)
    sizes = SIZES[args.mode]
    sections: _runner.Sections = {
        "transitions": lambda: bench_transitions(sizes),
        "replay": lambda: bench_replay(sizes),
        "create": lambda: bench_create(sizes),
    }
    name = "lifecycle" if args.mode == "full" else "lifecycle-quick"
    info = {"sizes": sizes}
    return _runner.run(args, "lifecycle", sections, packages=PACKAGES, name=name, info=info)


if __name__ == "__main__":
    sys.exit(main())
