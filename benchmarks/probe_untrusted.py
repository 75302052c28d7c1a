"""Hostile documents against `collabrel.loads`: each must fail fast, small and with our error.

Run `python benchmarks/probe_untrusted.py` (or with `--markdown` for the table in
docs/benchmarks.md). Each probe runs in a fresh interpreter, so its peak memory is its own:
the time is that of the `loads` call, the memory the process's peak resident size and how
much of it the call added over the interpreter with collabrel imported.
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import json
import re
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from typing import Final


def _alias_bomb() -> str:
    """576 bytes of YAML: nine anchors of nine aliases each, 9**9 nodes in `meta.author`."""
    names = "abcdefghi"
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    lines += [f"{n}: &{n} [{', '.join([f'*{p}'] * 9)}]" for p, n in itertools.pairwise(names)]
    return "\n".join([*lines, "meta: {schema_version: 1, author: *i}", ""])


def _dotted_toml() -> str:
    return "a" + ".a" * 19_999 + " = 1\n"


def _long_date() -> str:
    """The alliance plan with its issue date written as a million digits."""
    import collabrel as cr  # noqa: PLC0415 - the child imports it; the parent need not

    text = cr.examples.text("alliance")
    return re.sub(r"issued_on: \S+", f"issued_on: '{'1' * 1_000_000}'", text, count=1)


_DUPLICATES: Final = '{"meta": {"schema_version": 1, "revision": 1, "revision": 2}}'

PROBES: Final[dict[str, tuple[str, Callable[[], object], str]]] = {
    # name: (what it is, the argument to loads, the format)
    f"alias bomb ({len(_alias_bomb())} bytes, 9**9 nodes)": ("yaml", _alias_bomb, "yaml"),
    "meta: !!timestamp x": ("yaml", lambda: "meta: !!timestamp x\n", "yaml"),
    "meta: !!bool x": ("yaml", lambda: "meta: !!bool x\n", "yaml"),
    "1 MB digit string in a date": ("yaml", _long_date, "yaml"),
    "TOML dotted key of 20,000 parts": ("toml", _dotted_toml, "toml"),
    "loads(None)": ("json", lambda: None, "json"),
    "loads(123)": ("json", lambda: 123, "json"),
    "loads(memoryview(...))": ("json", lambda: memoryview(b'{"meta": 1}'), "json"),
    "duplicate keys (JSON)": ("json", lambda: _DUPLICATES, "json"),
    "duplicate keys (YAML)": ("yaml", lambda: "meta: 1\nmeta: 2\n", "yaml"),
    "duplicate keys (TOML)": ("toml", lambda: "[meta]\nrevision = 1\nrevision = 2\n", "toml"),
}


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def _run_one(name: str) -> dict[str, object]:
    import collabrel as cr  # noqa: PLC0415 - the child imports it; the parent need not

    cr.loads(cr.examples.text("alliance"), "yaml")  # everything a load needs is imported,
    broken = cr.examples.text("alliance").replace("schema_version: 1", "schema_version: 1\n  x: 1")
    with contextlib.suppress(cr.DocumentError):  # and the converter that explains failures
        cr.loads(broken, "yaml")
    _, make, fmt = PROBES[name]
    argument = make()
    before = _peak_mb()
    start = time.perf_counter()
    try:
        cr.loads(argument, fmt)  # type: ignore[arg-type] - some probes pass the wrong type
    except cr.CollabrelError as exc:
        problems = [str(p) for p in getattr(exc, "problems", ())] or [str(exc)]
        telling = [p for p in problems if "LoadLimits" in p or "duplicate" in p] or problems
        outcome = f"{type(exc).__name__}: {telling[0]}"
    except Exception as exc:
        outcome = f"ESCAPED {type(exc).__name__}: {exc}"
    else:
        outcome = "ESCAPED: no error"
    seconds = time.perf_counter() - start
    peak = _peak_mb()
    return {
        "probe": name,
        "outcome": outcome,
        "seconds": seconds,
        "peak": peak,
        "added": peak - before,
    }


def _run(name: str, timeout: float) -> dict[str, object]:
    try:
        done = subprocess.run(  # noqa: S603 - runs this very script
            [sys.executable, __file__, "--one", name],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=True,
        )
    except subprocess.TimeoutExpired:
        return {"probe": name, "outcome": f"TIMEOUT after {timeout:.0f} s", "seconds": timeout}
    result: dict[str, object] = json.loads(done.stdout)
    return result


def main() -> None:
    """Run every probe in its own interpreter and print a table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--one", help=argparse.SUPPRESS)
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per probe")
    args = parser.parse_args()
    if args.one:
        print(json.dumps(_run_one(args.one)))
        return
    rows = [_run(name, args.timeout) for name in PROBES]
    if args.markdown:
        print("| Probe | Error | Time (ms) | Peak RSS (MB) | Added by the call (MB) |")
        print("|---|---|---:|---:|---:|")
    for row in rows:
        ms = f"{float(row['seconds']) * 1000:.1f}"  # type: ignore[arg-type]
        peak = f"{row.get('peak', float('nan')):.0f}"
        added = f"{row.get('added', float('nan')):.1f}"
        outcome = str(row["outcome"])
        if args.markdown:
            print(f"| {row['probe']} | {outcome} | {ms} | {peak} | {added} |")
        else:
            print(f"{row['probe']:<38} {ms:>9} ms {peak:>5} MB +{added:>5} MB  {outcome[:100]}")


if __name__ == "__main__":
    main()
