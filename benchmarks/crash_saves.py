"""Saves under `kill -9`: does `collabrel.dump` ever lose a document or leave a file behind?

Run from the repository root (POSIX only: it forks and sends SIGKILL)::

    python3 tasks.py crashtest --kills 1000          # the full run (docs/benchmarks.md)
    .venv/bin/python benchmarks/crash_saves.py --kills 20 --json out.json

The suite runs it with 20 kills (tests/unit/serialization/test_saves.py). One trial:

1. fork a worker that saves versions of a large plan (the bundled alliance with `--risks`
   extra risks; the versions differ in `meta.revision`) to one file with `collabrel.dump`, in
   a loop, as fast as it can;
2. SIGKILL it after a random delay of up to three save times (the median of a few saves
   measured first), so the kill lands anywhere: rendering, writing, syncing, renaming; reap
   it;
3. check the file: it must load and be, byte for byte, one of the versions written,
   otherwise the document counts as lost. Count the files beside it (a kill during a write
   leaves its temporary file);
4. save once more, as the next user would, and count what is left beside the file: every
   stray temporary file must be gone, and the file must be the version just saved.

The figures are printed as a Markdown table; `--json [PATH]` also writes them with the
machine (default `benchmarks/results/<UTC time>-crash-saves.json`). The exit status is 1 if any
document was lost or any stray file outlived the next save.

It lives here rather than in `collabrel.testing` because it is a measurement of collabrel,
not a helper for users' tests: like the benchmarks, it is run from the repository and its
figures go to docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from attrs import evolve

import collabrel as cr
from _runner import environment, fmt_time, print_environment, table, write_results

VERSIONS = 3
"""How many different versions the worker cycles through."""


def large_plan(extra_risks: int) -> cr.RelationshipManagementPlan:
    """The alliance with `extra_risks` more risks (copies of its own under new ids)."""
    plan = cr.examples.load("alliance")
    risks = plan.relationship.risks
    more = [
        evolve(risks[i % len(risks)], id=f"{risks[i % len(risks)].id}-copy-{i}")
        for i in range(extra_risks)
    ]
    return evolve(plan, relationship=evolve(plan.relationship, risks=(*risks, *more)))


def versions(plan: cr.RelationshipManagementPlan) -> list[cr.RelationshipManagementPlan]:
    """`VERSIONS` versions of `plan`, one revision apart."""
    meta = plan.meta
    return [evolve(plan, meta=evolve(meta, revision=meta.revision + k)) for k in range(VERSIONS)]


def _worker(path: Path, plans: list[cr.RelationshipManagementPlan]) -> None:
    """Save the versions in turn until killed (or until the harness is gone)."""
    parent = os.getppid()
    try:
        i = 0
        while os.getppid() == parent:
            cr.dump(plans[i % len(plans)], path)
            i += 1
    finally:
        os._exit(0)


def _others(folder: Path, target: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p != target)


def crash_saves(kills: int, extra_risks: int, seed: int, where: str | None) -> dict[str, Any]:
    """Run `kills` trials in a new folder under `where`; return the figures."""
    rng = random.Random(seed)
    plans = versions(large_plan(extra_risks))
    texts = [cr.dumps(p, "json").encode("utf-8") for p in plans]
    folder = Path(tempfile.mkdtemp(prefix="collabrel-crash-", dir=where))
    target = folder / "plan.json"
    save_times = []
    for plan in plans * 2:
        started = time.perf_counter()
        cr.dump(plan, target)
        save_times.append(time.perf_counter() - started)
    window = 3 * statistics.median(save_times)

    interrupted = lost = wrong_after = 0
    strays: set[str] = set()
    left_bytes = 0
    problems: list[str] = []
    started = time.perf_counter()
    for trial in range(kills):
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the worker, in the child
            _worker(target, plans)
        time.sleep(rng.uniform(0, window))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)

        left = _others(folder, target)
        interrupted += bool(left)
        left_bytes += sum((folder / name).stat().st_size for name in left)
        try:
            data = target.read_bytes()
            intact = data in texts and cr.load(target) == plans[texts.index(data)]
        except (OSError, cr.DocumentError) as exc:
            intact = False
            problems.append(f"trial {trial}: {exc}")
        lost += not intact

        expected = trial % VERSIONS
        cr.dump(plans[expected], target)
        after = _others(folder, target)
        strays.update(after)
        if after:
            problems.append(f"trial {trial}: left after the next save: {after}")
        if target.read_bytes() != texts[expected]:
            wrong_after += 1
            problems.append(f"trial {trial}: the next save did not write its version")
    elapsed = time.perf_counter() - started
    target.unlink()
    for name in _others(folder, target):
        (folder / name).unlink()
    folder.rmdir()
    return {
        "kills": kills,
        "seed": seed,
        "plan_bytes": len(texts[0]),
        "save_time_s": statistics.median(save_times),
        "kill_window_s": window,
        "interrupted_writes": interrupted,
        "temp_bytes_left_by_kills": left_bytes,
        "stray_files_after_next_save": len(strays),
        "lost_documents": lost,
        "wrong_after_next_save": wrong_after,
        "elapsed_s": elapsed,
        "problems": problems[:20],
    }


def report(results: dict[str, Any]) -> str:
    """The figures as a Markdown table."""
    mib = results["temp_bytes_left_by_kills"] / 2**20
    rows = [
        ["kills (`kill -9` at a random moment of a save loop)", f"{results['kills']:,}"],
        ["plan size (JSON)", f"{results['plan_bytes'] / 1000:,.0f} kB"],
        ["one save (median)", fmt_time(results["save_time_s"])],
        [
            "kills that left a temporary file (before the next save)",
            f"{results['interrupted_writes']:,} ({mib:,.1f} MiB)",
        ],
        ["stray files after the next save", f"{results['stray_files_after_next_save']:,}"],
        [
            "lost documents (not loadable, or not a version written)",
            f"{results['lost_documents']:,}",
        ],
        ["next saves that did not write their version", f"{results['wrong_after_next_save']:,}"],
        ["time", fmt_time(results["elapsed_s"])],
    ]
    return table(["", ""], rows, "lr")


def main(argv: list[str] | None = None) -> int:
    """Parse the options, run the trials, print (and maybe write) the figures."""
    p = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    p.add_argument("--kills", type=int, default=1000, help="trials (default 1000)")
    p.add_argument("--risks", type=int, default=1500, help="extra risks in the plan (1500)")
    p.add_argument("--seed", type=int, default=None, help="random seed (default: random)")
    p.add_argument("--dir", default=None, help="where to make the scratch folder (system temp)")
    p.add_argument("--json", nargs="?", const="", metavar="PATH", help="also write JSON")
    args = p.parse_args(argv)
    seed = args.seed if args.seed is not None else random.randrange(2**32)
    env = environment(["attrs", "cattrs", "PyYAML"])
    print("# collabrel saves under kill -9")
    print_environment(env)
    results = crash_saves(args.kills, args.risks, seed, args.dir)
    print(f"\n## Results (seed {seed})\n")
    print(report(results))
    for line in results["problems"]:
        print(f"- {line}")
    if args.json is not None:
        write_results({"environment": env, **results}, args.json, "crash-saves")
    failed = results["lost_documents"] or results["stray_files_after_next_save"]
    return 1 if failed or results["wrong_after_next_save"] else 0


if __name__ == "__main__":
    sys.exit(main())
