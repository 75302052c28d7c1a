"""Document benchmarks for collabrel: round trips, bulk loading and import time.

Run from the repository root::

    .venv/bin/python benchmarks/bench_documents.py            # full run (2 to 3 minutes)
    .venv/bin/python benchmarks/bench_documents.py --quick    # smoke run (about 20 seconds)
    .venv/bin/python benchmarks/bench_documents.py --json     # also save results as JSON

What it measures (see benchmarks/README.md and docs/benchmarks.md):

1. documents: `dumps`, `loads` and the round trip of the bundled alliance RMP as JSON, beside
   the same document as msgspec Structs and as pydantic v2 models built from the same attrs
   classes. All three must decode the JSON text to equivalent data before anything is timed.
   `loads` is also timed against pydantic models carrying collabrel's field constraints
   (non-blank text, id patterns, bounds: `_shadow.PydanticBuilder(constrained=True)`), the
   target's comparison, and so is building one `Person(...)` in code against that model.
2. bulk: loading a JSON file of 10,000 generated relationships with
   `collabrel.load(path, cls=list[Relationship])` in a fresh interpreter: wall time, peak
   traced memory (tracemalloc) and the RSS increase, plus the file size.
3. import: `import collabrel` in a fresh interpreter, N times: wall time minus that of
   `python -c pass`, the `-X importtime` total, and the slowest imports; and the first use,
   `import collabrel` with the first `loads` of a small plan.

Results are printed as Markdown tables; `--json [PATH]` also writes them as JSON (by default
to benchmarks/results/).
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import _runner
from _runner import (
    ROOT,
    clock_name,
    fmt_bytes,
    fmt_time,
    fmt_unit,
    heading,
    measure_all,
    table,
)

IMPORT_TARGET_MS = 150.0
FIRST_USE_TARGET_MS = 150.0
PERSON_TARGET_RATIO = 1.2
SECTIONS = ("documents", "bulk", "import")
PACKAGES = (
    "collabrel",
    "attrs",
    "cattrs",
    "orjson",
    "PyYAML",
    "python-dateutil",
    "tomli_w",
    "networkx",
    "msgspec",
    "pydantic",
    "pydantic_core",
)


# ---------------------------------------------------------------------------- 1. documents


def count_objects(obj: Any) -> int:
    import attrs  # noqa: PLC0415

    if isinstance(obj, tuple):
        return sum(count_objects(x) for x in obj)
    if attrs.has(type(obj)):
        return 1 + sum(count_objects(getattr(obj, a.name)) for a in attrs.fields(type(obj)))
    return 0


def verify_equivalent(text: str, rmp: Any, shadow: dict[str, Any]) -> None:
    """All three libraries decode `text` to the same data, and each one's output reads back."""
    import collabrel  # noqa: PLC0415
    from _shadow import canonical, first_difference  # noqa: PLC0415

    reference = canonical(collabrel.loads(text, "json"))
    if reference != canonical(rmp):
        raise SystemExit("collabrel.loads(dumps(rmp)) is not rmp; nothing to benchmark")
    for name, lib in shadow.items():
        decoded = lib["loads"](text)
        diff = first_difference(reference, canonical(decoded))
        if diff:
            raise SystemExit(f"{name} decodes the document differently: {diff}")
        back = collabrel.loads(lib["dumps"](decoded), "json")
        if back != rmp:
            raise SystemExit(f"{name}'s output does not read back in collabrel as the same plan")


def _target_calls(rmp: Any, text: str, constrained: Any) -> dict[str, Callable[[], object]]:
    """The target's comparisons: loads against pydantic with the same field constraints, and
    one Person built in code against that model's Person."""
    import attrs  # noqa: PLC0415

    import collabrel  # noqa: PLC0415

    pyd_checked = constrained(type(rmp))
    person = rmp.require_relationship().people[0]
    person_kw = {a.name: getattr(person, a.name) for a in attrs.fields(type(person))}
    pyd_person = constrained.classes[type(person)]
    assert pyd_person(**person_kw).id == type(person)(**person_kw).id
    return {
        "loads|collabrel": lambda: collabrel.loads(text, "json"),
        "loads|pydantic (constrained)": lambda: pyd_checked.model_validate_json(text),
        "Person|collabrel": lambda: type(person)(**person_kw),
        "Person|pydantic (constrained)": lambda: pyd_person(**person_kw),
    }


def _constrained_targets(versus: dict[str, dict[str, float]]) -> dict[str, bool]:
    """Print loads and Person(...) against constrained pydantic; which targets are met."""
    rows: list[list[str]] = []
    met: dict[str, bool] = {}
    for what, limit in (("loads", 1.0), ("Person", PERSON_TARGET_RATIO)):
        c = versus[f"{what}|collabrel"]["median_s"]
        p = versus[f"{what}|pydantic (constrained)"]["median_s"]
        met[what] = c / p <= limit
        label = "`loads` of the alliance" if what == "loads" else "`Person(...)` in code"
        rows.append(
            [
                label,
                fmt_unit(c),
                fmt_unit(p),
                f"{c / p:.2f}x",
                f"≤ {limit:.1f}x: {'met' if met[what] else 'NOT met'}",
            ]
        )
    print(
        "\nAgainst pydantic v2 with collabrel's field constraints (non-blank text, id "
        "patterns, bounds, list lengths; not the cross-field checks, unique items or the "
        "reference check, which only collabrel makes):\n"
    )
    print(
        table(
            ["operation", "collabrel", "pydantic v2, constrained", "ratio", "target"],
            rows,
        )
    )
    return met


def bench_documents(quick: bool) -> dict[str, Any]:
    import msgspec  # noqa: PLC0415
    import orjson  # noqa: PLC0415

    import collabrel  # noqa: PLC0415
    from _shadow import MsgspecBuilder, PydanticBuilder  # noqa: PLC0415
    from collabrel import examples  # noqa: PLC0415
    from collabrel.model import RelationshipManagementPlan, deferred_reference_checks  # noqa: PLC0415
    from collabrel.serialization import from_data, to_data  # noqa: PLC0415

    heading("1. One document: the alliance RMP as JSON")
    rmp, source = examples.load("alliance"), "bundled example `alliance`"
    text = collabrel.dumps(rmp, "json")
    compact = orjson.dumps(orjson.loads(text))
    msg_cls = MsgspecBuilder()(RelationshipManagementPlan)
    pyd_cls = PydanticBuilder()(RelationshipManagementPlan)
    pyd_checked = (constrained := PydanticBuilder(constrained=True))(RelationshipManagementPlan)
    encoder, decoder = msgspec.json.Encoder(), msgspec.json.Decoder(msg_cls)
    shadow = {
        "msgspec": {"loads": decoder.decode, "dumps": encoder.encode},
        "pydantic": {
            "loads": pyd_cls.model_validate_json,
            "dumps": lambda m: m.model_dump_json(exclude_defaults=True),
        },
        "pydantic (constrained)": {
            "loads": pyd_checked.model_validate_json,
            "dumps": lambda m: m.model_dump_json(exclude_defaults=True),
        },
    }
    verify_equivalent(text, rmp, shadow)
    struct, model = decoder.decode(text), pyd_cls.model_validate_json(text)
    print(
        f"Document: {source}; {count_objects(rmp)} objects; JSON {len(text.encode()):,} bytes "
        f"as collabrel writes it (indented), {len(compact):,} bytes compact. msgspec and "
        "pydantic decode it to the same data as collabrel (checked before timing).\n"
    )

    ops: dict[str, dict[str, Callable[[], object]]] = {
        "round trip (dumps + loads)": {
            "collabrel": lambda: collabrel.loads(collabrel.dumps(rmp, "json"), "json"),
            "msgspec": lambda: decoder.decode(encoder.encode(struct)),
            "pydantic": lambda: pyd_cls.model_validate_json(
                model.model_dump_json(exclude_defaults=True)
            ),
        },
        "dumps (object to JSON text)": {
            "collabrel": lambda: collabrel.dumps(rmp, "json"),
            "msgspec": lambda: encoder.encode(struct),
            "pydantic": lambda: model.model_dump_json(exclude_defaults=True),
        },
        "loads (JSON text to object)": {
            "collabrel": lambda: collabrel.loads(text, "json"),
            "msgspec": lambda: decoder.decode(text),
            "pydantic": lambda: pyd_cls.model_validate_json(text),
        },
    }
    # Where collabrel's time goes: parsing/rendering text vs structuring/unstructuring.
    # `loads` structures a plan with relationship-level reference checks deferred to the
    # plan's one whole-document check; the structuring step below does the same.
    try:
        from collabrel.model._refs import check_references  # noqa: PLC0415 (private)
    except ImportError:
        check_references = None

    data = orjson.loads(text)

    def structure() -> object:
        with deferred_reference_checks():
            return from_data(data, RelationshipManagementPlan)

    steps: dict[str, Callable[[], object]] = {
        "loads: parse JSON text (orjson)": lambda: orjson.loads(text),
        "loads: structure data to objects (from_data)": structure,
    }
    if check_references is not None:
        steps["  of which: the plan's reference-integrity check"] = lambda: check_references(rmp)
    steps |= {
        "dumps: unstructure objects to data (to_data)": lambda: to_data(rmp),
        "dumps: render data as JSON text (orjson, indent 2)": lambda: orjson.dumps(
            data, option=orjson.OPT_INDENT_2
        ),
    }
    assert structure() == rmp

    # Every operation of every library and collabrel's steps, measured interleaved.
    repeat, min_time = (3, 0.05) if quick else (5, 0.15)
    timed = measure_all(
        {f"{op}|{lib}": fn for op, libs in ops.items() for lib, fn in libs.items()}
        | {f"step|{name}": fn for name, fn in steps.items()}
        | {f"target|{name}": fn for name, fn in _target_calls(rmp, text, constrained).items()},
        repeat=repeat,
        min_time=min_time,
    )
    results: dict[str, dict[str, dict[str, float]]] = {op: {} for op in ops}
    breakdown: dict[str, dict[str, float]] = {}
    versus: dict[str, dict[str, float]] = {}
    for key, value in timed.items():
        group, name = key.split("|", 1)
        (breakdown if group == "step" else versus if group == "target" else results[group])[
            name
        ] = value

    rows = []
    for op, libs in results.items():
        c, m, p = (libs[k]["median_s"] for k in ("collabrel", "msgspec", "pydantic"))
        rows.append(
            [op]
            + [
                f"{fmt_time(libs[k]['median_s'])} ({fmt_time(libs[k]['min_s'])})"
                for k in ("collabrel", "msgspec", "pydantic")
            ]
            + [f"{c / m:.1f}x", f"{p / m:.1f}x", f"{c / p:.2f}x"]
        )
    print(
        table(
            [
                "operation",
                "collabrel",
                "msgspec",
                "pydantic v2",
                "collabrel ÷ msgspec",
                "pydantic ÷ msgspec",
                "collabrel ÷ pydantic",
            ],
            rows,
        )
    )
    print(
        f"\nMedian (min) {clock_name()} time per call over {repeat} interleaved runs of many "
        "calls each; ratios use medians."
    )
    print("\ncollabrel's share, step by step:\n")
    print(
        table(
            ["step", "median", "min"],
            [[k, fmt_time(v["median_s"]), fmt_time(v["min_s"])] for k, v in breakdown.items()],
        )
    )
    rt = results["round trip (dumps + loads)"]
    ok = rt["collabrel"]["median_s"] <= rt["pydantic"]["median_s"]
    print(
        f"\nTarget: round trip no slower than pydantic: {'met' if ok else 'NOT met'} "
        f"(collabrel {fmt_time(rt['collabrel']['median_s'])}, "
        f"pydantic {fmt_time(rt['pydantic']['median_s'])})."
    )
    met = _constrained_targets(versus)
    return {
        "document": source,
        "objects": count_objects(rmp),
        "json_bytes_indented": len(text.encode()),
        "json_bytes_compact": len(compact),
        "results": results,
        "collabrel_breakdown": breakdown,
        "target_round_trip_no_slower_than_pydantic": ok,
        "versus_constrained_pydantic": versus,
        "target_loads_no_slower_than_constrained_pydantic": met["loads"],
        "target_person_within_1_2x_constrained_pydantic": met["Person"],
    }


# ---------------------------------------------------------------------------- 2. bulk


def _rss_kib() -> tuple[int, int]:
    """(VmRSS, VmHWM) of this process in KiB."""
    fields = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(("VmRSS:", "VmHWM:")):
            key, value = line.split(":", 1)
            fields[key] = int(value.split()[0])
    return fields["VmRSS"], fields["VmHWM"]


def _reset_peak_rss() -> bool:
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def child_bulk(path: str, mode: str) -> None:
    """Run in a fresh interpreter: load the bulk file once and print the figures as JSON."""
    import collabrel  # noqa: PLC0415
    from collabrel import Relationship  # noqa: PLC0415

    # The bulk file is bigger than a plan, and than the default load limits where collabrel
    # has them (`LoadLimits`): raise them, as a user reading such a file would.
    limits = getattr(collabrel, "LoadLimits", None)
    bounds = {} if limits is None else {"limits": limits(max_bytes=1 << 40, max_items=1 << 30)}
    # Build the converter's hooks on a one-item list first: a one-off cost, reported apart.
    sample = Path(path).with_name("one.json")
    t0 = time.perf_counter()
    collabrel.load(sample, cls=list[Relationship], **bounds)
    first_call = time.perf_counter() - t0
    gc.collect()
    out: dict[str, Any] = {"first_call_one_item_s": first_call}
    if mode == "tracemalloc":
        import tracemalloc  # noqa: PLC0415

        tracemalloc.start()
        loaded = collabrel.load(path, cls=list[Relationship], **bounds)
        current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        out |= {"traced_peak_bytes": peak, "traced_retained_bytes": current}
        try:  # the JSON parser's share: orjson (collabrel's `fast` extra) parsing the text
            import orjson  # noqa: PLC0415
        except ImportError:
            pass
        else:
            # measured on the tenth-size file: tracing a parse of the whole file takes long
            text = Path(path).with_name("tenth.json").read_bytes().decode("utf-8")
            out["tenth_file_bytes"] = len(text.encode())
            tracemalloc.start()
            base = tracemalloc.get_traced_memory()[0]
            data = orjson.loads(text)
            parsed, parse_peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            del data, text
            out |= {
                "orjson_parse_peak_bytes": parse_peak - base,
                "orjson_data_bytes": parsed - base,
            }
    else:
        reset = _reset_peak_rss()
        rss0, hwm0 = _rss_kib()
        c0, t0 = time.process_time(), time.perf_counter()
        loaded = collabrel.load(path, cls=list[Relationship], **bounds)
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
        rss1, hwm1 = _rss_kib()
        out |= {
            "wall_s": wall,
            "cpu_s": cpu,
            "rss_before_kib": rss0,
            "rss_after_kib": rss1,
            "rss_peak_kib": hwm1,
            "peak_rss_was_reset": reset,
            "peak_before_kib": hwm0,
        }
    out["count"] = len(loaded)
    out["first_id"], out["last_id"] = loaded[0].id, loaded[-1].id
    print(json.dumps(out))


def _run_child(path: Path, mode: str, env: dict[str, str]) -> dict[str, Any]:
    proc = subprocess.run(  # noqa: S603 - this script, this interpreter
        [
            sys.executable,
            str(Path(__file__).resolve()),
            "--child-bulk",
            str(path),
            "--child-mode",
            mode,
        ],
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )
    if proc.returncode != 0:
        raise SystemExit(f"bulk child ({mode}) failed:\n{proc.stderr}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


@contextlib.contextmanager
def _unchecked() -> Iterator[None]:
    """Build model objects without attrs validators or relationship reference checks."""
    import attrs  # noqa: PLC0415

    from collabrel.model import deferred_reference_checks  # noqa: PLC0415

    with attrs.validators.disabled(), deferred_reference_checks():
        yield


def _orjson_rows(traced: dict[str, Any]) -> list[list[str]]:
    """Rows on orjson's share of the peak, measured on a file a tenth of the size."""
    if "orjson_parse_peak_bytes" not in traced:
        return []
    size, peak = traced["tenth_file_bytes"], traced["orjson_parse_peak_bytes"]
    return [
        [
            f"orjson parsing a tenth-size file ({fmt_bytes(size)}): traced peak",
            f"{fmt_bytes(peak)} ({peak / size:.0f}x the file)",
        ],
        [
            "  of which the plain data it returns (dicts, lists, strings)",
            fmt_bytes(traced["orjson_data_bytes"]),
        ],
    ]


def bench_bulk(count: int, quick: bool) -> dict[str, Any]:
    import msgspec  # noqa: PLC0415

    import collabrel  # noqa: PLC0415
    from _documents import make_relationship  # noqa: PLC0415
    from _shadow import MsgspecBuilder, PydanticBuilder  # noqa: PLC0415
    from collabrel import Relationship  # noqa: PLC0415

    heading(f"2. Loading {count:,} relationships from one JSON file")
    t0 = time.perf_counter()
    # Generation skips validation (the load below validates every relationship in full and
    # would fail on a bad one); it only makes the file quicker to produce.
    with _unchecked():
        rels = [make_relationship(i) for i in range(count)]
    text = collabrel.dumps(rels, "json")
    generated = time.perf_counter() - t0
    del rels
    gc.collect()
    with tempfile.TemporaryDirectory(prefix="collabrel-bench-") as tmp:
        path = Path(tmp) / "relationships.json"
        path.write_text(text, encoding="utf-8")
        Path(tmp, "one.json").write_text(
            collabrel.dumps([make_relationship(count)], "json"), encoding="utf-8"
        )
        with _unchecked():
            tenth = [make_relationship(i) for i in range(max(1, count // 10))]
        Path(tmp, "tenth.json").write_text(collabrel.dumps(tenth, "json"), encoding="utf-8")
        del tenth
        size = path.stat().st_size
        print(
            f"File: {count:,} generated relationships (benchmarks/_documents.py, deterministic), "
            f"written by `collabrel.dumps(..., 'json')`: {fmt_bytes(size)} "
            f"({size / count / 1024:.1f} KiB each); generated in {generated:.1f} s.\n"
        )
        runs = 1 if quick else 2
        env = subprocess_env(str(Path(tmp) / "pycache"))
        subprocess.run(  # write the bytecode cache the children then read
            [sys.executable, "-c", "import collabrel; collabrel.load; collabrel.Relationship"],
            check=True,
            env=env,
        )
        timed = [_run_child(path, "time", env) for _ in range(runs)]
        traced = _run_child(path, "tracemalloc", env)
        for r in [*timed, traced]:
            assert r["count"] == count, r
            assert r["first_id"] == "rel-00000", r

        # msgspec and pydantic on the same file, for scale (same shapes, no collabrel checks)
        msg_type = MsgspecBuilder().type_of(list[Relationship])
        pyd_adapter = __import__("pydantic").TypeAdapter(
            PydanticBuilder().type_of(list[Relationship])
        )
        others = _runner.time_runs(  # for scale only: one run each
            {
                "msgspec": lambda: msgspec.json.decode(path.read_bytes(), type=msg_type),
                "pydantic": lambda: pyd_adapter.validate_json(path.read_bytes()),
            },
            repeat=1,
        )

    walls = [r["wall_s" if clock_name() == "wall" else "cpu_s"] for r in timed]
    first = timed[0]
    rss_peak = (first["rss_peak_kib"] - first["rss_before_kib"]) * 1024
    rss_kept = (first["rss_after_kib"] - first["rss_before_kib"]) * 1024
    wall_med = statistics.median(walls)
    rows = [
        [
            f"{clock_name()} time, `collabrel.load(path, cls=list[Relationship])`",
            f"{fmt_time(wall_med)} (min {fmt_time(min(walls))}, {runs} run{'s' * (runs > 1)})",
        ],
        ["per relationship", fmt_time(wall_med / count)],
        ["peak traced memory (tracemalloc)", fmt_bytes(traced["traced_peak_bytes"])],
        [
            "memory still held by the loaded list (tracemalloc)",
            (
                f"{fmt_bytes(traced['traced_retained_bytes'])} "
                f"({traced['traced_retained_bytes'] / count / 1024:.1f} KiB each)"
            ),
        ],
        *_orjson_rows(traced),
        ["peak RSS increase during the load", fmt_bytes(rss_peak)],
        ["RSS increase after the load (list alive)", fmt_bytes(rss_kept)],
        ["file size", fmt_bytes(size)],
        [
            "first call, on a one-item file (imports the serialization layer, builds hooks)",
            fmt_time(statistics.median(r["first_call_one_item_s"] for r in timed)),
        ],
        [
            "msgspec, same file and shapes (one run, for scale)",
            fmt_time(others["msgspec"]["median_s"]),
        ],
        [
            "pydantic v2, same file and shapes (one run, for scale)",
            fmt_time(others["pydantic"]["median_s"]),
        ],
    ]
    print(table(["measure", "value"], rows, "lr"))
    print(
        "\nEach collabrel figure comes from a fresh interpreter (one load per process; the "
        "tracemalloc run is separate because tracing slows allocation down)."
    )
    return {
        "count": count,
        "file_bytes": size,
        "generate_and_write_s": generated,
        "clock": clock_name(),
        "load_s": {"median_s": wall_med, "min_s": min(walls), "runs": walls},
        "load_wall_s": [r["wall_s"] for r in timed],
        "load_cpu_s": [r["cpu_s"] for r in timed],
        "per_relationship_s": wall_med / count,
        "traced_peak_bytes": traced["traced_peak_bytes"],
        "traced_retained_bytes": traced["traced_retained_bytes"],
        "orjson_tenth_file_bytes": traced.get("tenth_file_bytes"),
        "orjson_tenth_parse_peak_bytes": traced.get("orjson_parse_peak_bytes"),
        "orjson_tenth_data_bytes": traced.get("orjson_data_bytes"),
        "rss_peak_increase_bytes": rss_peak,
        "rss_retained_increase_bytes": rss_kept,
        "peak_rss_was_reset": first["peak_rss_was_reset"],
        "first_call_one_item_s": [r["first_call_one_item_s"] for r in timed],
        "others": others,
    }


# ---------------------------------------------------------------------------- 3. import

_IMPORTTIME = re.compile(r"^import time:\s+(\d+)\s+\|\s+(\d+)\s+\|(\s*)(\S.*)$")
_SMALL_PLAN = (
    '{"meta": {"schema_version": 2, "title": "T", "issued_on": "2026-01-05", '
    '"author": "A", "kind": "template"}}'
)
_STATEMENTS = {
    "import collabrel": "import collabrel",
    "first use": "import collabrel; collabrel.loads",
    "first loads": f"import collabrel; collabrel.loads({_SMALL_PLAN!r})",
}


def subprocess_env(pycache: str) -> dict[str, str]:
    """The environment for child interpreters: bytecode cached in a private folder.

    An installed package runs from cached bytecode. Some environments (this sandbox among
    them) set PYTHONDONTWRITEBYTECODE, so a source tree edited since its `__pycache__` was
    written is compiled again on every start; timing that would measure the compiler. The
    children therefore write and read bytecode under `pycache` (PYTHONPYCACHEPREFIX), which
    leaves the source tree untouched.
    """
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = pycache
    return env


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _wall(args: list[str], env: dict[str, str]) -> float:
    """Elapsed time of the child (or its CPU time, user + system, with `--timer cpu`)."""
    c0, t0 = _children_cpu(), time.perf_counter()
    subprocess.run(args, check=True, capture_output=True, cwd=ROOT, env=env)  # noqa: S603
    if clock_name() == "cpu":
        return _children_cpu() - c0
    return time.perf_counter() - t0


def _importtime(statement: str, env: dict[str, str]) -> dict[str, tuple[int, int]]:
    """Module to (self µs, cumulative µs) from one `-X importtime -c statement` run."""
    proc = subprocess.run(  # noqa: S603 - this interpreter, fixed statements
        [sys.executable, "-X", "importtime", "-c", statement],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
    )
    out = {}
    for line in proc.stderr.splitlines():
        m = _IMPORTTIME.match(line)
        if m:
            self_us, cum_us, _, name = m.groups()
            out[name.strip()] = (int(self_us), int(cum_us))
    return out


def bench_import(runs: int) -> dict[str, Any]:
    heading("3. `import collabrel` in a fresh interpreter")
    py = sys.executable
    with tempfile.TemporaryDirectory(prefix="collabrel-bench-pycache-") as pycache:
        env = subprocess_env(pycache)
        for stmt in ("pass", *_STATEMENTS.values()):  # write the bytecode cache first
            _wall([py, "-c", stmt], env)
        startup = set(_importtime("pass", env))
        walls: dict[str, list[float]] = {k: [] for k in ("pass", *_STATEMENTS)}
        traces: dict[str, list[dict[str, tuple[int, int]]]] = {k: [] for k in _STATEMENTS}
        for _ in range(runs):  # interleaved, so drift affects every statement alike
            walls["pass"].append(_wall([py, "-c", "pass"], env))
            for key, stmt in _STATEMENTS.items():
                walls[key].append(_wall([py, "-c", stmt], env))
                traces[key].append(_importtime(stmt, env))

    base = statistics.median(walls["pass"])
    out: dict[str, Any] = {
        "runs": runs,
        "clock": clock_name(),
        "python_pass_ms": base * 1e3,
        "statements": {},
    }
    rows = []
    for key, stmt in _STATEMENTS.items():
        wall_ms = (statistics.median(walls[key]) - base) * 1e3
        diffs = sorted((w - b) * 1e3 for w, b in zip(walls[key], walls["pass"], strict=True))
        added = [{n: v for n, v in t.items() if n not in startup} for t in traces[key]]
        names = set().union(*added)
        per_module = {
            n: (
                statistics.median(t[n][0] for t in added if n in t),
                statistics.median(t[n][1] for t in added if n in t),
            )
            for n in names
        }
        total_ms = statistics.median(sum(v[0] for v in t.values()) for t in added) / 1e3
        top = sorted(per_module.items(), key=lambda kv: kv[1][0], reverse=True)[:10]
        by_package: dict[str, float] = {}
        for n, (self_us, _) in per_module.items():
            by_package[n.split(".")[0]] = by_package.get(n.split(".")[0], 0) + self_us
        packages = sorted(by_package.items(), key=lambda kv: kv[1], reverse=True)[:10]
        out["statements"][key] = {
            "statement": stmt,
            "wall_ms": wall_ms,
            "paired_diff_ms": diffs,
            "importtime_total_ms": total_ms,
            "modules": len(names),
            "top_self": [
                {"module": n, "self_ms": s / 1e3, "cumulative_ms": c / 1e3} for n, (s, c) in top
            ],
            "by_package_self_ms": {n: s / 1e3 for n, s in packages},
        }
        rows.append(
            [
                f"`python -c '{stmt}'`",
                f"{wall_ms:.0f} ms",
                f"{statistics.median(diffs):.0f} ms ({diffs[0]:.0f} to {diffs[-1]:.0f})",
                f"{total_ms:.0f} ms",
                str(len(names)),
            ]
        )
    print(
        table(
            [
                "statement",
                f"{clock_name()} - `python -c pass`",
                "paired difference, median (min to max)",
                "`-X importtime` total",
                "modules added",
            ],
            rows,
        )
    )
    print(
        f"\n{runs} runs of each, interleaved; `python -c pass` itself takes {base * 1e3:.0f} ms. "
        "`-X importtime` total is the sum of the self times of every module the statement "
        "adds to a bare interpreter. Bytecode is cached (see `subprocess_env`)."
    )
    first = out["statements"]["import collabrel"]
    ok = first["wall_ms"] < IMPORT_TARGET_MS
    out |= {"target_ms": IMPORT_TARGET_MS, "target_met": ok, "wall_ms": first["wall_ms"]}
    print(
        f"\nTarget: `import collabrel` under {IMPORT_TARGET_MS:.0f} ms: "
        f"{'met' if ok else 'NOT met'} ({first['wall_ms']:.0f} ms). The first use "
        f"(`collabrel.loads`, `collabrel.Relationship`, ...) then imports the model and the "
        f"serialization layer: {out['statements']['first use']['wall_ms']:.0f} ms in all."
    )
    first_loads = out["statements"]["first loads"]["wall_ms"]
    out["first_loads_target_met"] = first_loads <= FIRST_USE_TARGET_MS
    print(
        f"\nTarget: first use, `import collabrel` and the first `loads` of a small plan, "
        f"≤ {FIRST_USE_TARGET_MS:.0f} ms: "
        f"{'met' if out['first_loads_target_met'] else 'NOT met'} ({first_loads:.0f} ms)."
    )
    for key, stmt in _STATEMENTS.items():
        data = out["statements"][key]
        print(f"\nSlowest imports of `{stmt}` by their own time (`-X importtime` self, median):\n")
        print(
            table(
                ["module", "self", "cumulative"],
                [
                    [f"`{t['module']}`", f"{t['self_ms']:.1f} ms", f"{t['cumulative_ms']:.1f} ms"]
                    for t in data["top_self"]
                ],
            )
        )
    print("\nOwn import time of the first use, by top-level package:\n")
    print(
        table(
            ["package", "self total"],
            [
                [f"`{n}`", f"{s:.1f} ms"]
                for n, s in out["statements"]["first use"]["by_package_self_ms"].items()
            ],
        )
    )
    return out


# ---------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = _runner.parser(__doc__, SECTIONS)
    parser.add_argument("--count", type=int, help="relationships in the bulk file")
    parser.add_argument("--child-bulk", help=argparse.SUPPRESS)
    parser.add_argument("--child-mode", default="time", help=argparse.SUPPRESS)
    args = _runner.parse(parser, argv)
    if args.child_bulk:
        child_bulk(args.child_bulk, args.child_mode)
        return 0
    count = args.count or (1_000 if args.quick else 10_000)
    sections: _runner.Sections = {
        "documents": lambda: bench_documents(args.quick),
        "bulk": lambda: bench_bulk(count, args.quick),
        "import": lambda: bench_import(5 if args.quick else 15),
    }
    return _runner.run(args, "document", sections, packages=PACKAGES, name=args.mode)


if __name__ == "__main__":
    sys.exit(main())
