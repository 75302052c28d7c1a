"""Loading under a mutation fuzzer: does any hostile document escape as a non-collabrel error?

Run from the repository root::

    python3 tasks.py fuzz --minutes 60                       # both cores, a random seed
    python3 tasks.py fuzz --minutes 60 --workers 2 --seed 7  # the same run again
    .venv/bin/python benchmarks/fuzz_loading.py --documents 2000 --workers 1 --seed 1

The seed documents are the bundled examples (`collabrel.examples.names()`): each as its own
YAML text and as `collabrel.dumps` writes it in JSON, YAML and TOML. Each worker process (one
per core by default, each with its own `random.Random(seed + worker)`) picks a seed document,
makes a variant with `collabrel.testing._fuzz.mutate` (the engine the suite's bounded property
test uses) and reads it with the default limits twice:

1. `collabrel.loads(variant, format)`;
2. written to a temporary file with the format's suffix, through `collabrel validate FILE`
   (`collabrel.cli.main`, output captured): `load` of a file, the lifecycle replay, and the
   CLI's error handling, where an exit code of 3 (`EXIT_INTERNAL`) is a bug.

An escape is any exception that is not a `collabrel.CollabrelError` (or an internal-error exit
from the CLI). Each escaping variant is saved to `results/fuzz-escapes/` with its traceback;
so are the slowest variant and every variant that took over `--slow` seconds (2 by default)
twice in a row (a variant over it is timed again, so a stall of a shared machine does not
count), gzip-compressed when large. When the workers are done, every slow variant is read back
from its file and timed again, best of three, with nothing else of the run going (`retimed_s`):
a variant that was slow only because the machine was busy is told apart from one that is slow
itself. A variant whose file is gone (a long run resumed on another machine) is made again from
the seed, worker and document number (`variant` replays the worker's random choices). The
figures (documents tried, escapes, the slowest variant, the slow ones with both times, each
worker's peak RSS) are printed as a Markdown table and written to `results/<UTC time>-fuzz.json`.
The exit status is 1 if anything escaped or is still slow when timed again (or can be neither
read nor made again, so it cannot be).

With `--checkpoint PATH` each worker saves its counts, findings and random state to
`PATH.wN.json` every minute; run again with the same options, it goes on from there and makes
the variants an unbroken run would, so a long run can span several sittings.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import io
import json
import multiprocessing
import os
import random
import re
import resource
import signal
import sys
import tempfile
import time
import traceback
from pathlib import Path
from typing import Any

import collabrel
from _runner import (
    RESULTS,
    environment,
    fmt_bytes,
    fmt_time,
    print_environment,
    table,
    write_results,
)
from collabrel.cli import EXIT_INTERNAL
from collabrel.cli import main as cli_main
from collabrel.testing._fuzz import mutate

FORMATS = ("json", "yaml", "toml")
SUFFIXES = {"json": ".json", "yaml": ".yaml", "toml": ".toml"}
ESCAPES = RESULTS / "fuzz-escapes"
_PROGRESS_S = 60.0
"""How often each worker prints its count."""
_SMALL = 64_000
"""Saved variants larger than this (bytes) are gzip-compressed."""
_RETIMES = 3
"""How many times a slow variant is timed again after the run (the best time counts)."""


def seed_documents() -> list[tuple[str, str, str]]:
    """(example, format, text) for every bundled example in every format, and its own YAML."""
    docs = []
    for name in collabrel.examples.names():
        plan = collabrel.examples.load(name)
        docs.append((name, "yaml", collabrel.examples.text(name)))
        docs.extend((name, fmt, collabrel.dumps(plan, fmt)) for fmt in FORMATS)
    return docs


def _as_bytes(doc: str | bytes) -> bytes:
    return doc if isinstance(doc, bytes) else doc.encode("utf-8", "surrogatepass")


def save_input(folder: Path, stem: str, fmt: str, doc: str | bytes, note: str) -> str:
    """Write `doc` (compressed if large) and `note` beside it; the name of the input's file."""
    folder.mkdir(parents=True, exist_ok=True)
    data = _as_bytes(doc)
    path = folder / f"{stem}{SUFFIXES[fmt]}"
    if len(data) > _SMALL:
        path = path.with_name(path.name + ".gz")
        data = gzip.compress(data, 9)
    path.write_bytes(data)
    path.with_name(f"{stem}.txt").write_text(note, encoding="utf-8")
    return path.name


def _validate(path: Path) -> int:
    """`collabrel validate PATH`, its output thrown away; the exit code."""
    sink = io.StringIO()
    with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
        code = cli_main(["validate", str(path)])
    if code == EXIT_INTERNAL:
        raise RuntimeError(f"collabrel validate: internal error: {sink.getvalue().strip()}")
    return code


def one(doc: str | bytes, fmt: str, scratch: Path) -> str | None:
    """Load `doc` both ways; `None`, or the traceback of what escaped."""
    try:
        with contextlib.suppress(collabrel.CollabrelError):
            collabrel.loads(doc, fmt)
        scratch.write_bytes(_as_bytes(doc))
        _validate(scratch)
    except Exception:  # finding what escapes is the point
        return traceback.format_exc()
    return None


def read_input(folder: Path, name: str) -> bytes:
    """The bytes of a variant `save_input` wrote as `name`."""
    data = (folder / name).read_bytes()
    return gzip.decompress(data) if name.endswith(".gz") else data


def _slow_stem(index: int, document: int) -> str:
    return f"slow-w{index}-{document}"


def _origin(name: str) -> tuple[int, int] | None:
    """(worker, document) of a slow variant's file `name` (as `_slow_stem` made it), or `None`."""
    match = re.fullmatch(r"slow-w(\d+)-(\d+)\.\w+(?:\.gz)?", name)
    return (int(match[1]), int(match[2])) if match else None


def variant(seed: int, index: int, document: int) -> tuple[str, str, str | bytes]:
    """(example, format, variant) of document number `document` (from 1) of worker `index` in a
    run with `seed`: the worker's random choices replayed, with nothing loaded."""
    rng = random.Random(seed + index)
    seeds = seed_documents()
    for _ in range(document):
        name, fmt, text = rng.choice(seeds)
        doc = mutate(text, rng, fmt)  # type: ignore[arg-type]
    return name, fmt, doc


def _slow_input(folder: Path, item: dict[str, Any], seed: int | None) -> bytes | None:
    """The saved variant; if its file is gone, made again from `seed` (and saved), or `None`."""
    with contextlib.suppress(OSError):
        return read_input(folder, item["file"])
    origin = _origin(item["file"])
    if seed is None or origin is None:
        return None
    _, fmt, doc = variant(seed, *origin)
    if fmt != item["format"] or len(_as_bytes(doc)) != item["bytes"]:
        return None  # not the run's variant: the seed documents have changed since
    where = f"worker {origin[0]}, document {origin[1]}, seed {seed}, made again from the seed"
    save_input(folder, _slow_stem(*origin), fmt, doc, where)
    item["regenerated"] = True
    return _as_bytes(doc)


def retime(
    items: list[dict[str, Any]], slow: float, folder: Path = ESCAPES, seed: int | None = None
) -> list[dict[str, Any]]:
    """Time each saved slow variant again (best of `_RETIMES`); the ones still over `slow`.

    A variant whose file is gone (a run over several sittings on different machines) is made
    again from `seed` (`variant`) and saved. Each item gains `retimed_s`, or `None` where its
    variant can be had neither way (then it stays slow).
    """
    still: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="collabrel-retime-") as tmp:
        for item in items:
            data = _slow_input(folder, item, seed)
            if data is None:
                item["retimed_s"] = None
                still.append(item)
                continue
            doc: str | bytes = data
            with contextlib.suppress(UnicodeDecodeError):  # not UTF-8 at all: timed as bytes
                doc = data.decode("utf-8", "surrogatepass")
            scratch = Path(tmp) / f"plan{SUFFIXES[item['format']]}"
            best = float("inf")
            for _ in range(_RETIMES):
                t0 = time.perf_counter()
                one(doc, item["format"], scratch)
                best = min(best, time.perf_counter() - t0)
            item["retimed_s"] = best
            if best > slow:
                still.append(item)
    return still


def _state_file(checkpoint: str, index: int) -> Path | None:
    return Path(f"{checkpoint}.w{index}.json") if checkpoint else None


def _resume(path: Path | None, index: int, seed: int, documents: int) -> dict[str, Any]:
    """The worker's saved figures and random state, or a fresh start."""
    fresh: dict[str, Any] = {
        "worker": index,
        "seed": seed,
        "target": documents,
        "documents": 0,
        "escapes": 0,
        "escaped": [],
        "slow": [],
        "slowest": {"seconds": -1.0},
        "seconds": 0.0,
        "peak_rss_bytes": 0,
        "rng": None,
    }
    if path is None or not path.exists():
        return fresh
    saved: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    if (saved["seed"], saved["target"]) != (seed, documents):
        sys.exit(
            f"{path}: a checkpoint of seed {saved['seed']} for {saved['target']:,} documents a"
            f" worker, not seed {seed} for {documents:,}; give the same options or a new path"
        )
    return saved


def _rng(state: dict[str, Any], seed: int, index: int) -> random.Random:
    rng = random.Random(seed + index)
    if state["rng"] is not None:
        version, internal, gauss = state["rng"]
        rng.setstate((version, tuple(internal), gauss))
    return rng


def _checkpoint(
    path: Path | None, state: dict[str, Any], rng: random.Random, seconds: float
) -> None:
    """Bring the worker's time, peak memory and random state up to date; with a checkpoint file,
    write them and its figures there (atomically): a later run goes on from here."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # KiB on Linux
    state["seconds"] = seconds
    state["peak_rss_bytes"] = max(state["peak_rss_bytes"], peak)
    state["rng"] = rng.getstate()
    if path is None:
        return
    slowest = {k: v for k, v in state["slowest"].items() if k != "doc"}
    text = json.dumps({**state, "slowest": slowest}, indent=1)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


def worker(
    index: int, seed: int, deadline: float, documents: int, slow: float, *, checkpoint: str = ""
) -> dict[str, Any]:
    """Fuzz until `deadline` (a `time.time()`) or `documents` variants; this worker's figures.

    With `checkpoint`, the worker goes on from its saved state (counts, findings and random
    state, so the variants are those an unbroken run would make) and saves it every minute.
    """
    path = _state_file(checkpoint, index)
    state = _resume(path, index, seed, documents)
    rng = _rng(state, seed, index)
    seeds = seed_documents()
    tried, escapes = state["documents"], state["escapes"]
    slowest: dict[str, Any] = state["slowest"]
    slow_inputs: list[dict[str, Any]] = state["slow"]
    escaped: list[dict[str, Any]] = state["escaped"]
    started = time.perf_counter() - state["seconds"]
    next_note = time.time() + _PROGRESS_S
    with tempfile.TemporaryDirectory(prefix="collabrel-fuzz-") as tmp:
        scratch = {fmt: Path(tmp) / f"plan{SUFFIXES[fmt]}" for fmt in FORMATS}
        while time.time() < deadline and (not documents or tried < documents):
            name, fmt, text = rng.choice(seeds)
            doc = mutate(text, rng, fmt)  # type: ignore[arg-type]
            t0 = time.perf_counter()
            failure = one(doc, fmt, scratch[fmt])
            seconds = time.perf_counter() - t0
            tried += 1
            size = len(_as_bytes(doc))
            where = f"worker {index}, document {tried}, seed {seed}, from {name} in {fmt}"
            if failure is not None:
                escapes += 1
                saved = save_input(ESCAPES, f"w{index}-{tried}", fmt, doc, f"{where}\n{failure}")
                escaped.append({"file": saved, "format": fmt, "bytes": size, "error": failure})
                print(f"ESCAPE ({where}): {failure.strip().splitlines()[-1]}", flush=True)
            if seconds > slow:  # once more: a stall of a shared machine is not the input's
                t0 = time.perf_counter()
                one(doc, fmt, scratch[fmt])
                seconds = min(seconds, time.perf_counter() - t0)
            if seconds > slow:
                saved = save_input(ESCAPES, _slow_stem(index, tried), fmt, doc, where)
                slow_inputs.append(
                    {"file": saved, "format": fmt, "bytes": size, "seconds": seconds}
                )
            if seconds > slowest["seconds"]:
                slowest = {"seconds": seconds, "format": fmt, "bytes": size, "from": name}
                slowest["doc"], slowest["where"] = doc, where
                state["slowest"] = slowest
            if time.time() >= next_note:
                next_note += _PROGRESS_S
                print(f"worker {index}: {tried:,} documents, {escapes} escapes", flush=True)
                state.update(documents=tried, escapes=escapes)
                _checkpoint(path, state, rng, time.perf_counter() - started)
    state.update(documents=tried, escapes=escapes)
    _checkpoint(path, state, rng, time.perf_counter() - started)
    return state


def _star(job: tuple[int, int, float, int, float, str]) -> dict[str, Any]:
    index, seed, deadline, documents, slow, checkpoint = job
    return worker(index, seed, deadline, documents, slow, checkpoint=checkpoint)


def fuzz(
    minutes: float, workers: int, seed: int, documents: int, slow: float, *, checkpoint: str = ""
) -> dict[str, Any]:
    """Run `workers` processes; their figures together (with `checkpoint`, of every run so far)."""
    deadline = time.time() + minutes * 60 if minutes else float("inf")
    per_worker = -(-documents // workers) if documents else 0
    jobs = [(i, seed, deadline, per_worker, slow, checkpoint) for i in range(workers)]
    with multiprocessing.get_context("spawn").Pool(workers) as pool:
        parts = pool.map(_star, jobs)  # SIGTERM ends the workers too: see `main`
    elapsed = max(p["seconds"] for p in parts)
    slowest = max((p["slowest"] for p in parts), key=lambda s: s["seconds"])
    if "doc" in slowest:
        doc = slowest.pop("doc")
        slowest["file"] = save_input(ESCAPES, "slowest", slowest["format"], doc, slowest["where"])
    tried = sum(p["documents"] for p in parts)
    return {
        "seed": seed,
        "workers": workers,
        "minutes": minutes,
        "documents": tried,
        "escapes": sum(p["escapes"] for p in parts),
        "escaped": [e for p in parts for e in p["escaped"]],
        "slow_threshold_s": slow,
        "slow": (slow_items := [s for p in parts for s in p["slow"]]),
        "still_slow": len(retime(slow_items, slow, seed=seed)),
        "slowest": slowest,
        "peak_rss_bytes": [p["peak_rss_bytes"] for p in parts],
        "per_worker_documents": [p["documents"] for p in parts],
        "elapsed_s": elapsed,
        "documents_per_s": tried / elapsed if elapsed else 0.0,
        "seed_documents": len(seed_documents()),
    }


def report(results: dict[str, Any]) -> str:
    slowest = results["slowest"]
    size = fmt_bytes(slowest["bytes"])
    rows = [
        ["documents tried", f"{results['documents']:,}"],
        ["escapes (exceptions that are not collabrel errors)", f"{results['escapes']:,}"],
        [f"inputs over {results['slow_threshold_s']:g} s in the run", f"{len(results['slow']):,}"],
        [
            f"inputs over {results['slow_threshold_s']:g} s timed again alone (best of {_RETIMES})",
            f"{results['still_slow']:,}",
        ],
        [
            "slowest input",
            f"{fmt_time(slowest['seconds'])} ({slowest['format']}, {size}, from {slowest['from']})",
        ],
        ["peak RSS per worker", ", ".join(fmt_bytes(b) for b in results["peak_rss_bytes"])],
        ["workers", str(results["workers"])],
        ["seed", str(results["seed"])],
        ["time", fmt_time(results["elapsed_s"])],
        ["documents per second", f"{results['documents_per_s']:,.0f}"],
    ]
    return table(["", ""], rows, "lr")


def main(argv: list[str] | None = None) -> int:
    """Parse the options, fuzz, print (and write) the figures."""
    p = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    p.add_argument("--minutes", type=float, default=1.0, help="how long (default 1; 0: no limit)")
    p.add_argument("--documents", type=int, default=0, help="stop after this many (0: no limit)")
    p.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="processes (cores)")
    p.add_argument("--seed", type=int, default=None, help="random seed (default: random)")
    p.add_argument("--slow", type=float, default=2.0, help="seconds that make an input slow (2)")
    p.add_argument("--json", default="", metavar="PATH", help="results file (results/<time>-fuzz)")
    p.add_argument(
        "--checkpoint",
        default="",
        metavar="PATH",
        help="save each worker's state to PATH.wN.json every minute and go on from it when"
        " run again with the same options (a long run over several sittings)",
    )
    args = p.parse_args(argv)
    if not args.minutes and not args.documents:
        p.error("give --minutes or --documents")
    seed = args.seed if args.seed is not None else random.randrange(2**32)
    # `kill` of this process: SystemExit unwinds the pool, which ends its workers (they keep
    # their last checkpoint) instead of leaving them running alone.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(f"fuzz: stopped by SIGTERM (seed {seed})"))
    env = environment(["attrs", "cattrs", "PyYAML", "orjson"])
    print(f"# collabrel loading under a mutation fuzzer (seed {seed})")
    print_environment(env)
    results = fuzz(
        args.minutes, args.workers, seed, args.documents, args.slow, checkpoint=args.checkpoint
    )
    command = f"python3 tasks.py fuzz --minutes {args.minutes:g} --workers {args.workers}"
    if args.documents:
        command += f" --documents {args.documents}"
    results["command"] = f"{command} --seed {seed}"
    print("\n## Results\n")
    print(report(results))
    for escape in results["escaped"]:
        print(f"- escape: {ESCAPES / escape['file']}: {escape['error'].strip().splitlines()[-1]}")
    for item in results["slow"]:
        again = "file gone" if item["retimed_s"] is None else fmt_time(item["retimed_s"])
        again += " (file made again from the seed)" if item.get("regenerated") else ""
        print(f"- slow: {ESCAPES / item['file']}: {fmt_time(item['seconds'])}, again: {again}")
    write_results({"environment": env, **results}, args.json, "fuzz")
    return 1 if results["escapes"] or results["still_slow"] else 0


if __name__ == "__main__":
    sys.exit(main())
