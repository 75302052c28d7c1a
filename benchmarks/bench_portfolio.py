"""Portfolio benchmarks for collabrel: `collabrel.portfolio.assess_many` on every engine.

Run from the repository root::

    .venv/bin/python benchmarks/bench_portfolio.py            # 1,000 and 10,000 plans (minutes)
    .venv/bin/python benchmarks/bench_portfolio.py --quick    # 1,000 plans (about a minute)
    .venv/bin/python benchmarks/bench_portfolio.py --full     # adds 100,000 plans: a long run
    .venv/bin/python benchmarks/bench_portfolio.py --json     # also save results as JSON

What it measures (see benchmarks/README.md and docs/benchmarks.md, "Portfolios"):

1. plans: the portfolio, made by `_portfolio_plans.py` (deterministic, streamed): relationships
   from the bundled examples with their own ids, names and partners, one to three revisions
   each, conformance results that differ from plan to plan, and about one line in a hundred
   deliberately bad. Written once as JSON Lines (the largest count; smaller counts are its
   first lines); bytes per plan and the time it took to write.
2. engines: for each count, `assess_many(PlanSource.jsonl(path), engine=...)` with
   `engine="serial"`, `"process"` (2 workers) and `"dask"` (a `distributed.LocalCluster` of
   2 single-threaded worker processes, made before the clock starts; its start is reported
   apart), each in a fresh interpreter. Wall time, plans per second, CPU time of the whole
   process tree, and its peak RSS (the parent and every child, sampled with psutil every
   50 ms). Every engine must give the same report (compared by digest) before any ratio is
   shown. Targets: process / serial throughput >= 1.8 on 2 cores, dask within 1.3x of process,
   time per plan growing linearly, 100,000 plans within 1 GB of peak RSS.
3. folder: the same plans as a folder of files (`PlanSource.folder`), with the process engine,
   beside the JSON Lines figure.
4. overhead: where the process engine's CPU per plan goes, at up to 10,000 plans. The serial
   engine alone; the process engine with one worker (the engine's own cost: reading byte
   ranges in a worker, sending partitions and reports, merging); and two serial runs at once
   (what the machine charges two busy processes side by side, whatever runs them). The
   process engine's speed-up on 2 cores is at most 2 x serial CPU / its CPU; this section
   says how much of the gap is the engine and how much is the machine.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import enum
import hashlib
import itertools
import json
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import _runner
from _runner import fmt_bytes, fmt_time, heading, table

PACKAGES = ("collabrel", "attrs", "cattrs", "orjson", "dask", "distributed", "psutil")
SECTIONS = ("plans", "engines", "folder", "overhead")
ENGINES = ("serial", "process", "dask")
STANDARD = "iso44001:2017"
AS_OF = dt.date(2026, 10, 31)  # as the conformance benchmark and the generator
WORKERS = 2
SAMPLE_EVERY_S = 0.05
PROCESS_TARGET = 1.8  # process / serial throughput, on 2 cores
DASK_TARGET = 1.3  # dask time / process time
LINEAR_TARGET = 1.2  # time per plan at a count / at the count before
RSS_TARGET = 1 << 30  # peak RSS of the process tree for RSS_COUNT plans
RSS_COUNT = 100_000
COUNTS = {"quick": (1_000,), "full": (1_000, 10_000), "long": (1_000, 10_000, 100_000)}
RUNS = {1_000: 2, 10_000: 1, 100_000: 1}  # runs of each engine (quick: 1), best kept


# ---------------------------------------------------------------------------- the child


class _TreeSampler(threading.Thread):
    """The RSS of this process and all its children, summed, every `SAMPLE_EVERY_S` seconds."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        import psutil  # noqa: PLC0415

        self._me = psutil.Process()
        self._psutil = psutil
        self._done = threading.Event()
        self.peak_tree = self.peak_one = self.peak_parent = 0
        self.peak_processes = 1
        self.samples = 0
        self._cpu: dict[int, float] = {}

    def sample(self) -> None:
        total, processes = 0, [self._me]
        with contextlib.suppress(self._psutil.Error):
            processes += self._me.children(recursive=True)
        for proc in processes:
            try:
                with proc.oneshot():
                    rss = proc.memory_info().rss
                    times = proc.cpu_times()
            except self._psutil.Error:  # a worker that just exited
                continue
            total += rss
            self.peak_one = max(self.peak_one, rss)
            self._cpu[proc.pid] = times.user + times.system
            if proc.pid == self._me.pid:
                self.peak_parent = max(self.peak_parent, rss)
        self.peak_tree = max(self.peak_tree, total)
        self.peak_processes = max(self.peak_processes, len(processes))
        self.samples += 1

    def run(self) -> None:
        while not self._done.wait(SAMPLE_EVERY_S):
            self.sample()

    def stop(self) -> None:
        self.sample()
        self._done.set()
        self.join()

    def cpu_s(self) -> float:
        """CPU time of every process seen (each at its last sample; the parent's is exact)."""
        return sum(self._cpu.values())


def _canonical(obj: Any) -> Any:  # noqa: PLR0911 - one return per kind
    """Plain, ordered data for a digest: equal reports give equal data, whatever the engine."""
    import attrs  # noqa: PLC0415

    if attrs.has(type(obj)):
        return {f.name: _canonical(getattr(obj, f.name)) for f in attrs.fields(type(obj))}
    if isinstance(obj, dict):
        return sorted(([_canonical(k), _canonical(v)] for k, v in obj.items()), key=repr)
    if isinstance(obj, list | tuple):
        return [_canonical(x) for x in obj]
    if isinstance(obj, set | frozenset):
        return sorted((_canonical(x) for x in obj), key=repr)
    if isinstance(obj, enum.Enum):
        return obj.value
    if isinstance(obj, dt.date):
        return obj.isoformat()
    return obj if obj is None or isinstance(obj, str | int | float | bool) else repr(obj)


def digest(report: Any) -> str:
    text = json.dumps(_canonical(report), sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _summary(report: Any) -> dict[str, Any]:
    """A few of the report's figures, for the tables (whichever the report has)."""
    out: dict[str, Any] = {}
    for name in ("plans", "ready", "relationships"):
        value = getattr(report, name, None)
        if value is not None:
            out[name] = value if isinstance(value, int) else len(value)
    problems = getattr(report, "problems", ())
    out["problems"] = len(problems)
    kinds: dict[str, int] = {}
    for problem in problems:
        kind = getattr(problem.kind, "value", problem.kind)
        kinds[kind] = kinds.get(kind, 0) + 1
    out["problem_kinds"] = kinds
    return out


def child(engine: str, source_kind: str, path: str, workers: int) -> None:
    """Run in a fresh interpreter: one `assess_many`, then the figures as JSON on stdout."""
    sampler = _TreeSampler()
    sampler.start()
    t_import = time.perf_counter()
    from collabrel.portfolio import PlanSource, assess_many  # noqa: PLC0415

    imported = time.perf_counter() - t_import
    source = PlanSource.jsonl(path) if source_kind == "jsonl" else PlanSource.folder(path)
    out: dict[str, Any] = {"engine": engine, "source": source_kind, "import_s": imported}
    extra: dict[str, Any] = {}
    cluster = client = None
    if engine == "dask":
        from distributed import Client, LocalCluster  # noqa: PLC0415

        t0 = time.perf_counter()
        cluster = LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
        )
        client = Client(cluster)
        client.wait_for_workers(workers)
        out["cluster_start_s"] = time.perf_counter() - t0
        extra["client"] = client
    else:
        extra["n_jobs"] = workers if engine == "process" else None
    sampler.sample()
    cpu0 = sampler.cpu_s()  # the imports and the cluster's start are not counted
    t0, c0 = time.perf_counter(), time.process_time()
    report = assess_many(source, STANDARD, engine=engine, as_of=AS_OF, **extra)
    wall, parent_cpu = time.perf_counter() - t0, time.process_time() - c0
    sampler.sample()
    tree_cpu = sampler.cpu_s() - cpu0
    if client is not None and cluster is not None:
        t0 = time.perf_counter()
        client.close()
        cluster.close()
        out["cluster_close_s"] = time.perf_counter() - t0
    sampler.stop()
    out |= {
        "workers": workers if engine != "serial" else 1,
        "loadavg_1min_after": _runner.loadavg()[0] if _runner.loadavg() else None,
        "wall_s": wall,
        "parent_cpu_s": parent_cpu,
        "tree_cpu_s": max(tree_cpu, parent_cpu),
        "peak_tree_rss": sampler.peak_tree,
        "peak_parent_rss": sampler.peak_parent,
        "peak_one_process_rss": sampler.peak_one,
        "peak_processes": sampler.peak_processes,
        "rss_samples": sampler.samples,
        "digest": digest(report),
        **_summary(report),
    }
    print(json.dumps(out))


def _run_children(
    engine: str, source: str, path: Path, workers: int, n: int
) -> list[dict[str, Any]]:
    """`n` children at once (each one `assess_many`), their figures in order."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", engine, source, str(path)]
    t0 = time.perf_counter()
    procs = [
        subprocess.Popen(  # noqa: S603 - this script, this interpreter
            [*cmd, "--workers", str(workers)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(n)
    ]
    outs = []
    for proc in procs:
        stdout, stderr = proc.communicate()
        if proc.returncode != 0:
            raise SystemExit(f"{engine} on {path.name} failed:\n{stderr[-4000:]}")
        out: dict[str, Any] = json.loads(stdout.strip().splitlines()[-1])
        out["interpreter_s"] = time.perf_counter() - t0
        outs.append(out)
    return outs


def _run_child(engine: str, source: str, path: Path, workers: int) -> dict[str, Any]:
    return _run_children(engine, source, path, workers, 1)[0]


# ---------------------------------------------------------------------------- 1. plans


def _portfolio_file(data: Path, count: int) -> Path:
    return data / f"portfolio-{count}.jsonl"


def _ensure_files(data: Path, counts: Sequence[int]) -> dict[str, Any]:
    """The JSON Lines files for `counts` in `data`, made unless there (the largest first)."""
    import _portfolio_plans as plans  # noqa: PLC0415

    largest = max(counts)
    manifest = data / "manifest.json"
    known = json.loads(manifest.read_text()) if manifest.exists() else {}
    key = f"seed {plans.SEED}, bad every {plans.BAD_EVERY}, {plans.BASES}, {plans.REVISIONS}"
    if known.get("key") != key:
        known = {"key": key, "files": {}}
    written: dict[str, Any] = known["files"]
    big = _portfolio_file(data, largest)
    if str(largest) not in written or not big.exists():
        t0 = time.perf_counter()
        info = plans.write_jsonl(big, largest).as_dict()
        written[str(largest)] = info | {"write_s": time.perf_counter() - t0}
    for count in counts:
        if str(count) not in written or not _portfolio_file(data, count).exists():
            t0 = time.perf_counter()
            info = plans.copy_prefix(big, _portfolio_file(data, count), count).as_dict()
            written[str(count)] = info | {"write_s": time.perf_counter() - t0, "prefix": True}
    manifest.write_text(json.dumps(known, indent=2))
    return written


def make_plans(data: Path, counts: Sequence[int]) -> dict[str, Any]:
    import _portfolio_plans as plans  # noqa: PLC0415

    heading("1. The portfolio")
    written = _ensure_files(data, counts)
    rows = []
    for count in counts:
        info = written[str(count)]
        how = "first lines of the largest" if info.get("prefix") else "generated"
        rows.append(
            [
                f"{count:,}",
                fmt_bytes(info["bytes"]),
                fmt_bytes(info["bytes_per_plan"]),
                f"{info['bad']:,}",
                f"{info['relationships']:,}" if info["relationships"] > 0 else "",
                f"{fmt_time(info['write_s'])} ({how})",
            ]
        )
    print(table(["plans", "file", "per plan", "bad lines", "relationships", "written in"], rows))
    print(
        f"\nJSON Lines, one compact `collabrel.dumps(plan, 'json')` a line; made from "
        f"{', '.join(f'{n} ({w})' for n, w in plans.BASES)} (example and weight), "
        f"{plans.REVISIONS[0]} to {plans.REVISIONS[1]} revisions a relationship; one line in "
        f"{plans.BAD_EVERY} bad ({' / '.join(plans.BAD_KINDS)}, in turn). Files in {data}."
    )
    return {"files": {c: written[str(c)] for c in counts}}


# ---------------------------------------------------------------------------- 2. engines


def _best(runs: list[dict[str, Any]]) -> dict[str, Any]:
    best = min(runs, key=lambda r: r["wall_s"])
    return best | {"runs": len(runs), "wall_all_s": [r["wall_s"] for r in runs]}


def _agree(results: dict[str, dict[str, Any]], where: str) -> None:
    digests = {engine: r["digest"] for engine, r in results.items()}
    if len(set(digests.values())) > 1:
        raise SystemExit(f"the engines' reports differ for {where}: {digests}")


def bench_engines(
    data: Path, counts: Sequence[int], engines: Sequence[str], runs: dict[int, int], workers: int
) -> dict[str, Any]:
    heading(f"2. Engines: serial, process ({workers} workers), dask ({workers} workers)")
    _ensure_files(data, counts)
    results: dict[int, dict[str, dict[str, Any]]] = {}
    for count in counts:
        path = _portfolio_file(data, count)
        tried: dict[str, list[dict[str, Any]]] = {e: [] for e in engines}
        for _ in range(runs[count]):
            for engine in engines:  # interleaved: a slow spell hits every engine alike
                tried[engine].append(_run_child(engine, "jsonl", path, workers))
        results[count] = {e: _best(r) for e, r in tried.items()}
        _agree(results[count], f"{count:,} plans")
        print(
            f"> {count:,} plans: "
            + ", ".join(f"{e} {fmt_time(r['wall_s'])}" for e, r in results[count].items()),
            flush=True,
        )
    rows = []
    for count, by_engine in results.items():
        for engine, r in by_engine.items():
            start = f"{fmt_time(r['cluster_start_s'])}" if "cluster_start_s" in r else ""
            rows.append(
                [
                    f"{count:,}",
                    engine,
                    fmt_time(r["wall_s"]),
                    f"{count / r['wall_s']:,.0f}",
                    f"{r['wall_s'] / count * 1e3:.2f} ms",
                    f"{r['tree_cpu_s']:.1f} s ({r['tree_cpu_s'] / r['wall_s']:.2f})",
                    f"{r['tree_cpu_s'] / count * 1e3:.2f} ms",
                    fmt_bytes(r["peak_tree_rss"]),
                    fmt_bytes(r["peak_one_process_rss"]),
                    str(r["peak_processes"]),
                    start,
                    f"{r['problems']:,}",
                ]
            )
    print()
    print(
        table(
            [
                "plans",
                "engine",
                "wall",
                "plans/s",
                "per plan",
                "CPU, all processes (÷ wall)",
                "CPU per plan",
                "peak RSS, tree",
                "largest process",
                "processes",
                "cluster start",
                "problems",
            ],
            rows,
            "lllrrrrrrrrr",
        )
    )
    r0 = next(iter(results[max(results)].values()))
    loads = [r["loadavg_1min_after"] for by in results.values() for r in by.values()]
    loads = [x for x in loads if x is not None] or [0.0]
    print(
        f"\nBest of {', '.join(f'{_runs_text(runs, c)} at {c:,}' for c in counts)}, each run "
        "in a fresh interpreter; wall time of `assess_many` alone (the dask cluster is made "
        "before the clock starts). Peak RSS sums the RSS of the process and all its children "
        f"(sampled every {SAMPLE_EVERY_S * 1e3:.0f} ms), counting pages they share once per "
        f"process. Every engine gave the same report (at {max(results):,}: digest {r0['digest']}; "
        f"{r0.get('plans', '?')} plans, {r0['problems']} problems {r0['problem_kinds']}). "
        "The load average after each run was "
        f"{min(loads):.1f} to {max(loads):.1f}: CPU ÷ wall below 1 for the serial engine means "
        "other work took part of the machine."
    )
    return {"results": results, "targets": _targets(results)}


def _runs_text(runs: dict[int, int], count: int) -> str:
    return f"{runs[count]} run" + ("s" if runs[count] > 1 else "")


def _ceilings(
    results: dict[int, dict[str, dict[str, Any]]], rows: list[list[str]], out: dict[str, Any]
) -> None:
    """What the CPU time allows on idle cores: workers x serial CPU / the engine's CPU."""
    for count, r in results.items():  # what the CPU time allows on `workers` idle cores
        if "serial" in r:
            for engine in ("process", "dask"):
                if engine in r:
                    ceiling = (
                        r[engine]["workers"] * r["serial"]["tree_cpu_s"] / r[engine]["tree_cpu_s"]
                    )
                    out[f"{engine}_over_serial_cpu_ceiling_{count}"] = ceiling
                    rows.append(
                        [
                            f"{engine} / serial, ceiling from CPU time, {count:,} plans",
                            "(workers x serial CPU ÷ its CPU)",
                            f"{ceiling:.2f}",
                            "estimate",
                        ]
                    )


def _targets(results: dict[int, dict[str, dict[str, Any]]]) -> dict[str, Any]:
    rows, out = [], {}
    for count, r in results.items():
        if "serial" in r and "process" in r:
            ratio = r["serial"]["wall_s"] / r["process"]["wall_s"]
            out[f"process_over_serial_{count}"] = ratio
            rows.append(
                [
                    f"process / serial throughput, {count:,} plans",
                    f">= {PROCESS_TARGET}",
                    f"{ratio:.2f}",
                    "met" if ratio >= PROCESS_TARGET else "not met",
                ]
            )
        if "dask" in r and "process" in r:
            ratio = r["dask"]["wall_s"] / r["process"]["wall_s"]
            with_start = (r["dask"]["wall_s"] + r["dask"].get("cluster_start_s", 0)) / r["process"][
                "wall_s"
            ]
            out[f"dask_over_process_{count}"] = ratio
            rows.append(
                [
                    f"dask / process time, {count:,} plans (with the cluster's start)",
                    f"<= {DASK_TARGET}",
                    f"{ratio:.2f} ({with_start:.2f})",
                    "met" if ratio <= DASK_TARGET else "not met",
                ]
            )
    _ceilings(results, rows, out)
    counts = list(results)
    for engine in ENGINES:
        for a, b in itertools.pairwise(counts):
            if engine in results[a] and engine in results[b]:
                per_a = results[a][engine]["wall_s"] / a
                per_b = results[b][engine]["wall_s"] / b
                out[f"growth_{engine}_{a}_{b}"] = per_b / per_a
                rows.append(
                    [
                        f"{engine}: time per plan at {b:,} ÷ at {a:,}",
                        f"<= {LINEAR_TARGET}",
                        f"{per_b / per_a:.2f} ({per_a * 1e3:.2f} → {per_b * 1e3:.2f} ms)",
                        "met" if per_b / per_a <= LINEAR_TARGET else "not met",
                    ]
                )
    if RSS_COUNT in results:
        for engine, r in results[RSS_COUNT].items():
            ok = r["peak_tree_rss"] <= RSS_TARGET
            out[f"rss_{engine}_{RSS_COUNT}"] = r["peak_tree_rss"]
            rows.append(
                [
                    f"{engine}: peak RSS of the tree, {RSS_COUNT:,} plans",
                    f"<= {fmt_bytes(RSS_TARGET)}",
                    fmt_bytes(r["peak_tree_rss"]),
                    "met" if ok else "not met",
                ]
            )
    else:
        rows.append(
            [
                f"peak RSS of the tree, {RSS_COUNT:,} plans",
                f"<= {fmt_bytes(RSS_TARGET)}",
                f"not run (`--full` runs {RSS_COUNT:,} plans)",
                "",
            ]
        )
    print()
    print(table(["target", "bar", "measured", "status"], rows, "llrl"))
    return out


# ---------------------------------------------------------------------------- 3. folder


def bench_folder(
    data: Path, count: int, jsonl: dict[str, Any] | None, workers: int
) -> dict[str, Any]:
    import _portfolio_plans as plans  # noqa: PLC0415

    heading(f"3. A folder of {count:,} plan files, process engine")
    folder = data / f"folder-{count}"
    if not folder.exists():
        tmp = folder.with_name(folder.name + ".tmp")
        shutil.rmtree(tmp, ignore_errors=True)
        plans.write_folder(tmp, count)
        tmp.rename(folder)
    r = _run_child("process", "folder", folder, workers)
    rows = [
        [
            "folder (`PlanSource.folder`)",
            fmt_time(r["wall_s"]),
            f"{count / r['wall_s']:,.0f}",
            fmt_bytes(r["peak_tree_rss"]),
            r["digest"],
        ]
    ]
    if jsonl is not None:
        rows.append(
            [
                "JSON Lines (`PlanSource.jsonl`), from section 2",
                fmt_time(jsonl["wall_s"]),
                f"{count / jsonl['wall_s']:,.0f}",
                fmt_bytes(jsonl["peak_tree_rss"]),
                jsonl["digest"],
            ]
        )
    print(table(["source", "wall", "plans/s", "peak RSS, tree", "report digest"], rows, "lrrrl"))
    print(
        "\nThe same plans, one file each (1,000 a folder); the reports differ only in the "
        "problems' and plans' locations (file paths instead of line numbers)."
    )
    return {"count": count, "result": r}


# ---------------------------------------------------------------------------- 4. overhead


def bench_overhead(data: Path, count: int) -> dict[str, Any]:
    heading(f"4. Where the process engine's CPU goes, {count:,} plans")
    _ensure_files(data, (count,))
    path = _portfolio_file(data, count)
    alone = _run_child("serial", "jsonl", path, 1)
    one = _run_child("process", "jsonl", path, 1)
    pair = _run_children("serial", "jsonl", path, 1, 2)
    two = _run_child("process", "jsonl", path, 2)
    runs = {
        "serial, alone": alone,
        "process, 1 worker": one,
        "serial, two at once (each)": _mean(pair),
        "process, 2 workers": two,
    }
    rows = []
    base = alone["tree_cpu_s"]
    for label, r in runs.items():
        rows.append(
            [
                label,
                fmt_time(r["wall_s"]),
                f"{r['tree_cpu_s']:.1f} s",
                f"{r['tree_cpu_s'] / count * 1e3:.2f} ms",
                f"{r['tree_cpu_s'] / base:.2f}",
                f"{r['parent_cpu_s']:.2f} s" if label.startswith("process") else "",
            ]
        )
    print(
        table(
            ["run", "wall", "CPU, all processes", "CPU per plan", "÷ serial alone", "caller CPU"],
            rows,
            "lrrrrr",
        )
    )
    engine = one["tree_cpu_s"] / base
    machine = _mean(pair)["tree_cpu_s"] / base
    ceiling = 2 * base / two["tree_cpu_s"]
    loads = ", ".join(f"{r['loadavg_1min_after']:.1f}" for r in (alone, one, *pair, two))
    print(
        f"\nThe engine's own cost (one worker against serial): {engine - 1:+.1%} CPU per plan. "
        f"Two serial runs side by side each took {machine - 1:+.1%} CPU per plan: what this "
        f"machine charges two busy processes at once. With 2 workers: "
        f"{two['tree_cpu_s'] / base - 1:+.1%}, so at most {ceiling:.2f}x on 2 idle cores "
        f"(wall here {alone['wall_s'] / two['wall_s']:.2f}x). Load average after the runs: "
        f"{loads}."
    )
    return {
        "count": count,
        "runs": {"serial": alone, "process_1": one, "serial_pair": pair, "process_2": two},
        "engine_overhead": engine - 1,
        "machine_overhead_two_at_once": machine - 1,
        "process_2_overhead": two["tree_cpu_s"] / base - 1,
        "process_over_serial_cpu_ceiling": ceiling,
    }


def _mean(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """The figures of runs made at once, averaged (the numbers; the rest of the first)."""
    out = dict(runs[0])
    for key, value in runs[0].items():
        if isinstance(value, int | float) and not isinstance(value, bool):
            out[key] = sum(r[key] for r in runs) / len(runs)
    return out


# ---------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--child"]:
        c = argparse.ArgumentParser()
        c.add_argument("--child", nargs=3, metavar=("ENGINE", "SOURCE", "PATH"))
        c.add_argument("--workers", type=int, default=WORKERS)
        a = c.parse_args(argv)
        child(*a.child, a.workers)
        return 0
    p = _runner.parser(__doc__, SECTIONS)
    p.add_argument("--full", action="store_true", help=f"also {RSS_COUNT:,} plans (a long run)")
    p.add_argument("--counts", type=int, nargs="+", metavar="N", help="plans per run")
    p.add_argument("--engines", nargs="+", choices=ENGINES, default=list(ENGINES))
    p.add_argument("--workers", type=int, default=WORKERS, help="process and dask workers")
    p.add_argument("--runs", type=int, help="runs of each engine at each count (best kept)")
    p.add_argument("--data", metavar="DIR", help="keep the generated plans here, and reuse them")
    args = _runner.parse(p, argv)
    size = "long" if args.full else args.mode
    counts = tuple(sorted(args.counts or COUNTS[size]))
    runs = {c: args.runs or (1 if args.quick else RUNS.get(c, 1)) for c in counts}
    with tempfile.TemporaryDirectory(prefix="collabrel-portfolio-") as tmp:
        data = Path(args.data) if args.data else Path(tmp)
        data.mkdir(parents=True, exist_ok=True)
        made: dict[str, Any] = {}

        def engines() -> dict[str, Any]:
            made["engines"] = bench_engines(data, counts, args.engines, runs, args.workers)
            return made["engines"]

        def folder() -> dict[str, Any]:
            count = min(max(counts), 10_000)
            jsonl = made.get("engines", {}).get("results", {}).get(count, {}).get("process")
            return bench_folder(data, count, jsonl, args.workers)

        sections = {
            "plans": lambda: make_plans(data, counts),
            "engines": engines,
            "folder": folder,
            "overhead": lambda: bench_overhead(data, min(max(counts), 10_000)),
        }
        return _runner.run(
            args,
            "portfolio",
            sections,
            packages=PACKAGES,
            name=f"portfolio-{size}",
            info={"counts": counts, "engines": args.engines, "workers": args.workers, "runs": runs},
        )


if __name__ == "__main__":
    sys.exit(main())
