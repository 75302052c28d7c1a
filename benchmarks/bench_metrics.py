"""Metrics benchmarks for collabrel: health scoring and TOPSIS at scale, beside their floors.

Run from the repository root::

    .venv/bin/python benchmarks/bench_metrics.py            # full run (about a minute)
    .venv/bin/python benchmarks/bench_metrics.py --quick    # smoke run (a few seconds)
    .venv/bin/python benchmarks/bench_metrics.py --json     # also save results as JSON

What it measures (see docs/benchmarks.md):

1. health: `collabrel.metrics.assess_health` over 100,000 ratings (3 review periods, 2
   sides, 5 organisations, 8 dimensions, 5 % unanswered), beside the same computation
   written directly in plain Python over tuples (no objects, no checks, plain `sum`) and
   vectorised with numpy (`np.bincount` over group codes). Building the 100,000
   `HealthRating` objects is timed on its own row: it is the price of the checks on input.
2. topsis: `collabrel.metrics.topsis` over 1,000 candidates x 30 criteria (input checks
   included), beside a direct plain-Python version without checks or `math.fsum` and the
   numpy version. All three must agree to 1e-9 before anything is timed.
3. selection: `select_partners` on the bundled alliance's decision matrix with the default
   1,000 Monte Carlo weight draws, for scale.

Results are printed as Markdown tables; `--json [PATH]` also writes them as JSON (by default
to benchmarks/results/<UTC time>-metrics-<full|quick>.json).
"""

from __future__ import annotations

import math
import random
from datetime import date
from typing import Any

import numpy as np

import _runner
from _runner import fmt_time, heading, measure_all, table
from collabrel import examples
from collabrel.metrics import (
    DEFAULT_HEALTH_DIMENSIONS,
    DecisionMatrix,
    HealthRating,
    assess_health,
    select_partners,
    topsis,
)

PACKAGES = ("collabrel", "attrs", "numpy")
SECTIONS = ("health", "topsis", "selection")
DIMENSIONS = [d.id for d in DEFAULT_HEALTH_DIMENSIONS]
PERIODS = [date(2025, 5, 30), date(2025, 11, 28), date(2026, 5, 29)]
ORGS = {"nr": "client", "acme": "supply", "bolt": "supply", "crane": "supply", "dyke": "supply"}


# ---------------------------------------------------------------------------- helpers


def _ratio(x: float) -> str:
    return f"{x:.1f}x" if x >= 0.1 else f"{x:.3f}x"


def rows_for(results: dict, floor: str, unit: int) -> list[list[str]]:
    base = results[floor]["median_s"]
    return (
        [
            [
                key,
                fmt_time(r["median_s"]),
                fmt_time(r["min_s"]),
                f"{r['median_s'] / unit * 1e9:.0f} ns" if unit > 1 else "",
                _ratio(r["median_s"] / base),
            ]
            for key, r in results.items()
        ]
        if unit
        else []
    )


# ---------------------------------------------------------------------------- health


def make_ratings(n: int, seed: int = 11000) -> list[tuple]:
    rng = random.Random(seed)
    orgs = list(ORGS)
    out = []
    for i in range(n):
        org = orgs[i % len(orgs)]
        score = None if rng.random() < 0.05 else rng.randint(1, 5)
        out.append((PERIODS[i % 3], f"p{i % 400}", org, ORGS[org], DIMENSIONS[i % 8], score))
    return out


def to_objects(rows: list[tuple]) -> list[HealthRating]:
    return [
        HealthRating(
            period=p, respondent=who, organisation=org, side=side, dimension=dim, score=score
        )
        for p, who, org, side, dim, score in rows
    ]


def health_plain(rows: list[tuple]) -> dict[date, float]:
    """The overall index per period, written directly: group means, sides averaged."""
    sums: dict[tuple, list[float]] = {}
    for period, _who, _org, side, dim, score in rows:
        if score is None:
            continue
        acc = sums.setdefault((period, side, dim), [0.0, 0])
        acc[0] += (score - 1) * 25.0
        acc[1] += 1
    overall: dict[date, float] = {}
    for period in sorted({r[0] for r in rows}):
        dim_scores = []
        for dim in DIMENSIONS:
            sides = [s / c for (p, _side, d), (s, c) in sums.items() if p == period and d == dim]
            if sides:
                dim_scores.append(sum(sides) / len(sides))
        overall[period] = sum(dim_scores) / len(dim_scores)
    return overall


def health_numpy(arrays: dict[str, np.ndarray]) -> dict[date, float]:
    """The same with numpy: bincount over (period, side, dimension) codes."""
    period, side, dim, score = arrays["period"], arrays["side"], arrays["dim"], arrays["score"]
    answered = ~np.isnan(score)
    code = (period * 2 + side) * 8 + dim
    sums = np.bincount(code[answered], weights=(score[answered] - 1) * 25.0, minlength=48)
    counts = np.bincount(code[answered], minlength=48)
    with np.errstate(invalid="ignore"):
        means = (sums / counts).reshape(3, 2, 8)
    per_dim = np.nanmean(means, axis=1)
    index = np.nanmean(per_dim, axis=1)
    return {PERIODS[i]: float(index[i]) for i in range(3)}


def bench_health(n: int, repeat: int, min_time: float) -> dict[str, Any]:
    rows = make_ratings(n)
    objects = to_objects(rows)
    codes = {p: i for i, p in enumerate(PERIODS)}
    arrays = {
        "period": np.array([codes[r[0]] for r in rows]),
        "side": np.array([0 if r[3] == "client" else 1 for r in rows]),
        "dim": np.array([DIMENSIONS.index(r[4]) for r in rows]),
        "score": np.array([np.nan if r[5] is None else r[5] for r in rows], dtype=float),
    }
    ours = {p.period: p.overall.index for p in assess_health(objects).periods}
    for other in (health_plain(rows), health_numpy(arrays)):
        assert all(abs(ours[p] - other[p]) < 1e-9 for p in PERIODS), (ours, other)
    results = measure_all(
        {
            "collabrel assess_health (HealthRating objects)": lambda: assess_health(objects),
            "plain Python over tuples (the floor)": lambda: health_plain(rows),
            "numpy bincount": lambda: health_numpy(arrays),
        },
        repeat=repeat,
        min_time=min_time,
    )
    build = measure_all({"build": lambda: to_objects(rows)}, repeat=max(1, repeat // 2), min_time=0)
    results["building the HealthRating objects (checked input)"] = build["build"]
    return {"ratings": n, "results": results}


# ---------------------------------------------------------------------------- topsis


def topsis_plain(matrix: list[list[float]], weights: list[float], directions: list[int]):
    total = sum(weights)
    w = [x / total for x in weights]
    cols = list(zip(*matrix, strict=True))
    weighted = []
    for j, col in enumerate(cols):
        norm = math.sqrt(sum(x * x for x in col))
        weighted.append([x * w[j] / norm for x in col])
    best = [max(c) if d == 1 else min(c) for c, d in zip(weighted, directions, strict=True)]
    worst = [min(c) if d == 1 else max(c) for c, d in zip(weighted, directions, strict=True)]
    out = []
    for i in range(len(matrix)):
        dp = math.sqrt(sum((weighted[j][i] - best[j]) ** 2 for j in range(len(cols))))
        dm = math.sqrt(sum((weighted[j][i] - worst[j]) ** 2 for j in range(len(cols))))
        out.append(dm / (dp + dm))
    return out


def topsis_numpy(matrix: np.ndarray, weights: np.ndarray, directions: np.ndarray) -> np.ndarray:
    v = matrix / np.sqrt((matrix**2).sum(axis=0)) * (weights / weights.sum())
    best = np.where(directions == 1, v.max(axis=0), v.min(axis=0))
    worst = np.where(directions == 1, v.min(axis=0), v.max(axis=0))
    dp = np.sqrt(((v - best) ** 2).sum(axis=1))
    dm = np.sqrt(((v - worst) ** 2).sum(axis=1))
    return dm / (dp + dm)


def bench_topsis(rows: int, cols: int, repeat: int, min_time: float) -> dict[str, Any]:
    rng = random.Random(44001)
    matrix = [[rng.uniform(1, 100) for _ in range(cols)] for _ in range(rows)]
    weights = [rng.uniform(0.1, 1) for _ in range(cols)]
    directions = [1 if j % 3 else -1 for j in range(cols)]
    arrays = (np.array(matrix), np.array(weights), np.array(directions))
    ours = topsis(matrix, weights, directions)
    for other in (topsis_plain(matrix, weights, directions), topsis_numpy(*arrays)):
        assert max(abs(a - b) for a, b in zip(ours, other, strict=True)) < 1e-9
    results = measure_all(
        {
            "collabrel topsis (checked, math.fsum)": lambda: topsis(matrix, weights, directions),
            "plain Python, no checks (the floor)": lambda: topsis_plain(
                matrix, weights, directions
            ),
            "numpy": lambda: topsis_numpy(*arrays),
        },
        repeat=repeat,
        min_time=min_time,
    )
    return {"candidates": rows, "criteria": cols, "results": results}


def bench_selection(repeat: int) -> dict[str, Any]:
    m = DecisionMatrix.from_plan(examples.load("alliance"))
    results = measure_all(
        {
            "select_partners, 1,000 draws (weighted sum)": lambda: select_partners(m),
            "select_partners, no sensitivity": lambda: select_partners(m, sensitivity=False),
        },
        repeat=repeat,
        min_time=0.2,
    )
    return {"candidates": len(m.candidates), "criteria": len(m.criteria), "results": results}


# ---------------------------------------------------------------------------- main


def section_health(repeat: int, min_time: float, ratings: int) -> dict[str, Any]:
    heading(f"health: {ratings:,} ratings")
    out = bench_health(ratings, repeat, min_time)
    floor = "plain Python over tuples (the floor)"
    headers = ["computation", "median", "min", "per rating", "vs floor"]
    print(table(headers, rows_for(out["results"], floor, ratings)))
    return out


def section_topsis(repeat: int, min_time: float) -> dict[str, Any]:
    heading("topsis: 1,000 candidates x 30 criteria")
    out = bench_topsis(1000, 30, repeat, min_time)
    floor = "plain Python, no checks (the floor)"
    print(
        table(
            ["computation", "median", "min", "per cell", "vs floor"],
            rows_for(out["results"], floor, 30_000),
        )
    )
    return out


def section_selection(repeat: int) -> dict[str, Any]:
    heading("selection: the alliance's decision matrix")
    out = bench_selection(repeat)
    first = "select_partners, 1,000 draws (weighted sum)"
    print(
        table(["computation", "median", "min", "", "vs first"], rows_for(out["results"], first, 1))
    )
    return out


def main(argv: list[str] | None = None) -> int:
    args = _runner.parse(_runner.parser(__doc__, SECTIONS), argv)
    repeat, min_time = (3, 0.05) if args.quick else (7, 0.5)
    ratings = 10_000 if args.quick else 100_000
    sections: _runner.Sections = {
        "health": lambda: section_health(repeat, min_time, ratings),
        "topsis": lambda: section_topsis(repeat, min_time),
        "selection": lambda: section_selection(repeat),
    }
    name = f"metrics-{args.mode}"
    return _runner.run(args, "metrics", sections, packages=PACKAGES, name=name)


if __name__ == "__main__":
    raise SystemExit(main())
