"""What every benchmark script shares: its options, the clock, timing, tables, the machine, results.

A script builds its parser with `parser(__doc__, SECTIONS)`, adds its own options, reads them
with `parse` (options meant for the other scripts are ignored with a note, since
`python3 tasks.py bench ARGS` passes the same ones to every script) and hands its sections to
`run`, which prints the heading and the machine, runs the chosen sections (each timed, with
the load average after it) and writes the results as JSON when `--json` asks for it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import importlib.metadata
import json
import os
import platform
import statistics
import subprocess
import sys
import time
import timeit
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "results"

Sections = dict[str, Callable[[], dict[str, Any]]]

# ---------------------------------------------------------------------------- the clock

CLOCKS: dict[str, Callable[[], float]] = {"wall": time.perf_counter, "cpu": time.process_time}
_clock = {"name": "wall"}


def clock_name() -> str:
    """`wall` (elapsed time, the default) or `cpu` (this process's CPU time; `--timer cpu`)."""
    return _clock["name"]


def clock() -> Callable[[], float]:
    """The clock `--timer` chose."""
    return CLOCKS[_clock["name"]]


# ---------------------------------------------------------------------------- formatting


def fmt_time(seconds: float) -> str:
    """A duration with a sensible unit: `812 µs`, `3.41 ms`, `12.3 s`."""
    if seconds < 1e-3:
        return f"{seconds * 1e6:.1f} µs" if seconds < 1e-4 else f"{seconds * 1e6:.0f} µs"
    if seconds < 1:
        return f"{seconds * 1e3:.2f} ms" if seconds < 0.1 else f"{seconds * 1e3:.0f} ms"
    return f"{seconds:.2f} s"


def fmt_unit(seconds: float) -> str:
    """A time per item, down to nanoseconds: `231 ns`, `1.74 µs`, `25.1 µs`, `1.2 ms`."""
    if seconds < 1e-6:
        return f"{seconds * 1e9:.0f} ns"
    if seconds < 1e-5:
        return f"{seconds * 1e6:.2f} µs"
    return fmt_time(seconds)


def fmt_bytes(n: float) -> str:
    """A size in B, KiB, MiB or GiB."""
    for unit in ("B", "KiB", "MiB"):
        if abs(n) < 1024:
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n:.1f} GiB"


def table(headers: list[str], rows: list[list[str]], align: str | None = None) -> str:
    """A Markdown table; `align` is one letter per column, `l` or `r` (default `lrr...`)."""
    align = align or "l" + "r" * (len(headers) - 1)
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]

    def line(cells: list[str]) -> str:
        out = [
            c.ljust(w) if a == "l" else c.rjust(w)
            for c, w, a in zip(cells, widths, align, strict=True)
        ]
        return "| " + " | ".join(out) + " |"

    marks = [
        ("-" * (w + 1) + ":") if a == "r" else (":" + "-" * (w + 1))
        for w, a in zip(widths, align, strict=True)
    ]
    return "\n".join([line(headers), "|" + "|".join(marks) + "|", *(line(r) for r in rows)])


def heading(text: str) -> None:
    print(f"\n## {text}\n", flush=True)


# ---------------------------------------------------------------------------- timing


def measure_all(
    fns: dict[str, Callable[[], object]], *, repeat: int, min_time: float
) -> dict[str, dict[str, float]]:
    """Time each of `fns` timeit-style: `repeat` runs of `number` calls each, GC left on.

    `number` is chosen per function (as `timeit -n` would) so one run takes at least
    `min_time` seconds. The runs are interleaved (one run of every function, then the next
    round), so a slower spell of a shared machine affects all of them alike and the ratios
    stay fair. Returns seconds per call for each function: the median and the minimum over
    its runs.
    """
    timers, numbers = {}, {}
    for key, fn in fns.items():
        timer = timeit.Timer(fn, setup="import gc; gc.enable()", timer=clock())
        number = 1
        while (elapsed := timer.timeit(number)) < min_time:
            number = max(number * 2, int(number * min_time / max(elapsed, 1e-9) * 1.1))
        timers[key], numbers[key] = timer, number
    runs: dict[str, list[float]] = {key: [] for key in fns}
    for _ in range(repeat):
        for key, timer in timers.items():
            runs[key].append(timer.timeit(numbers[key]) / numbers[key])
    return {
        key: {
            "median_s": statistics.median(values),
            "min_s": min(values),
            "runs": len(values),
            "calls_per_run": numbers[key],
        }
        for key, values in runs.items()
    }


def time_runs(
    fns: dict[str, Callable[[], object]], *, repeat: int, units: Mapping[str, int] | None = None
) -> dict[str, dict[str, Any]]:
    """Run each of `fns` `repeat` times, interleaved; seconds per unit (min and median).

    One run of a function does all of its work once (a whole stream, a whole list of
    relationships); `units[key]` says how many items that is (1 by default). The result of a
    run is freed after the clock stops, so deallocation is not timed.
    """
    now = clock()
    units = units or {}
    runs: dict[str, list[float]] = {key: [] for key in fns}
    for _ in range(repeat):
        for key, fn in fns.items():
            gc.collect()
            t0 = now()
            out = fn()
            elapsed = now() - t0
            del out
            runs[key].append(elapsed)
    return {
        key: {
            "min_s": min(values) / units.get(key, 1),
            "median_s": statistics.median(values) / units.get(key, 1),
            "run_s": values,
            "runs": len(values),
            "units": units.get(key, 1),
        }
        for key, values in runs.items()
    }


# ---------------------------------------------------------------------------- the machine


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _git(*args: str) -> str | None:
    try:
        out = subprocess.run(  # noqa: S603 - fixed arguments
            ["git", *args],  # noqa: S607 - git from PATH, as a developer would run it
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
            timeout=10,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip()


def loadavg() -> list[float] | None:
    return list(os.getloadavg()) if hasattr(os, "getloadavg") else None


def environment(packages: Sequence[str]) -> dict[str, Any]:
    """The machine, the interpreter, the versions of `packages` and the collabrel tree."""
    versions: dict[str, str | None] = {}
    for name in packages:
        try:
            versions[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            versions[name] = None
    status = _git("status", "--porcelain", "--untracked-files=no")
    return {
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "executable": sys.executable,
        "platform": platform.platform(),
        "cpu": _cpu_model(),
        "nproc": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
        "cpu_count": os.cpu_count(),
        "loadavg": loadavg(),
        "packages": versions,
        "git_commit": _git("rev-parse", "--short", "HEAD"),
        "git_dirty": bool(status) if status is not None else None,
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }


def print_environment(env: dict[str, Any]) -> None:
    heading("Machine")
    pkgs = ", ".join(f"{k} {v}" for k, v in env["packages"].items() if v)
    dirty = " (uncommitted changes)" if env["git_dirty"] else ""
    rows = [
        ["CPU", f"{env['cpu']} ({env['nproc']} usable of {env['cpu_count']})"],
        ["Load average at start", ", ".join(f"{x:.2f}" for x in env["loadavg"] or [])],
        ["Python", f"{env['implementation']} {env['python']} on {env['platform']}"],
        ["Packages", pkgs],
        ["collabrel tree", f"{env['git_commit']}{dirty}"],
    ]
    print(table(["", ""], rows, "ll"))


# ---------------------------------------------------------------------------- a script's run


def parser(doc: str, sections: Sequence[str]) -> argparse.ArgumentParser:
    """The options every script takes: `--quick`, `--json [PATH]`, `--only`, `--timer`."""
    p = argparse.ArgumentParser(description=doc.split("\n", 1)[0])
    p.add_argument("--quick", action="store_true", help="a smoke run: smaller, fewer runs")
    p.add_argument(
        "--json",
        nargs="?",
        const="",
        metavar="PATH",
        help="also write the results as JSON (default: benchmarks/results/<UTC time>-<name>.json)",
    )
    p.add_argument(
        "--only",
        action="append",
        metavar="|".join(sections),
        help="run only these sections (repeatable; other scripts' names are ignored)",
    )
    p.add_argument(
        "--timer",
        choices=tuple(CLOCKS),
        default="wall",
        help="wall time (default) or CPU time, steadier when other work shares the machine",
    )
    return p


def parse(p: argparse.ArgumentParser, argv: list[str] | None) -> argparse.Namespace:
    """The options, tolerating those meant for the other scripts (with a note)."""
    args, unknown = p.parse_known_args(argv)
    if unknown:
        print(f"> note: ignoring options meant for other benchmarks: {' '.join(unknown)}")
    _clock["name"] = args.timer
    args.mode = "quick" if args.quick else "full"
    return args


def run(
    args: argparse.Namespace,
    title: str,
    sections: Sections,
    *,
    packages: Sequence[str],
    name: str,
    info: Mapping[str, Any] | None = None,
) -> int:
    """Run the `sections` `--only` chose; print and return 0; write JSON if asked.

    `name` names the JSON file (`results/<UTC time>-<name>.json`); `info` goes into the
    results beside the mode, the timer and the machine.
    """
    started = time.perf_counter()
    print(f"# collabrel {title} benchmarks ({args.mode} run, {args.timer} time)")
    chosen = [s for s in (args.only or sections) if s in sections]
    if not chosen:
        print("\nNothing to run: --only names none of " + ", ".join(sections) + ".")
        return 0
    env = environment(packages)
    print_environment(env)
    results: dict[str, Any] = {"mode": args.mode, "timer": args.timer, **(info or {})}
    results["environment"] = env
    for key, section in sections.items():
        if key in chosen:
            t0 = time.perf_counter()
            results[key] = section()
            results[key] |= {"elapsed_s": time.perf_counter() - t0, "loadavg_after": loadavg()}
    results["elapsed_s"] = time.perf_counter() - started
    print(
        f"\n_Total benchmark time: {results['elapsed_s']:.0f} s; load average at the end "
        f"{', '.join(f'{x:.2f}' for x in loadavg() or [])} on {env['nproc']} CPUs._"
    )
    if args.json is not None:
        write_results(results, args.json, name)
    return 0


def write_results(results: dict[str, Any], json_arg: str, name: str) -> Path:
    """Write `results` atomically to `json_arg`, or to `results/<timestamp>-<name>.json`."""
    stamp = f"{dt.datetime.now(dt.UTC):%Y%m%dT%H%M%SZ}"
    path = Path(json_arg) if json_arg else RESULTS / f"{stamp}-{name}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(results, indent=2, default=str) + "\n", encoding="utf-8")
    tmp.replace(path)
    print(f"Results written to {path}")
    return path
