"""Evidence benchmarks for collabrel: ranking passages against a whole catalogue.

Run from the repository root::

    .venv/bin/python benchmarks/bench_evidence_rank.py            # full run
    .venv/bin/python benchmarks/bench_evidence_rank.py --quick    # smoke run
    .venv/bin/python benchmarks/bench_evidence_rank.py --json     # also save results as JSON

What it measures (see docs/benchmarks.md):

1. suggest: `collabrel.evidence.suggest` for every requirement of ISO 44001:2017 (74) over
   1,000 passages (the labelled set's passages repeated, each copy its own paragraph), with
   each ranker: the index built and every requirement queried, top 5 kept, reasons and
   highlights made. Target (issue 17): under 1 s. The embedding model is loaded once before
   timing; its first load is timed on its own (`model load`).

Results are printed as Markdown tables; `--json [PATH]` also writes them as JSON (by default
to benchmarks/results/<UTC time>-evidence-rank-<full|quick>.json).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import _runner
from _runner import fmt_time, heading, table, time_runs
from collabrel.conformance import catalogue
from collabrel.evidence import Passage, PassageLocation, _index
from collabrel.evidence._index import EvidenceIndex
from collabrel.evidence._suggest import suggest

sys.path.insert(0, str(Path(__file__).parents[1] / "tests"))
from evidence.evaluate import load_set  # the labelled set's passages

PACKAGES = ("collabrel", "bm25s", "PyStemmer", "wordllama", "numpy")
SECTIONS = ("suggest",)
PASSAGES = 1000


def _passages(count: int) -> list[Passage]:
    """`count` passages: the labelled set's (text and heading path), repeated, numbered on."""
    base = load_set().passages
    return [
        Passage(
            document=f"doc-{i // 100}",
            source=f"doc-{i // 100}.docx",
            text=base[i % len(base)].text,
            location=PassageLocation(
                paragraph=i % 100 + 1, heading_path=base[i % len(base)].location.heading_path
            ),
        )
        for i in range(count)
    ]


def section_suggest(repeat: int) -> dict[str, Any]:
    passages = _passages(PASSAGES)
    iso = catalogue("iso44001:2017")
    heading(f"suggest: {len(iso)} requirements over {len(passages)} passages, top 5")
    load = time_runs({"model load": _load_model}, repeat=1)
    fns = {
        "bm25: index only": lambda: EvidenceIndex(passages),
        "bm25": lambda: suggest(iso, passages),
        "bm25+embed: index only": lambda: EvidenceIndex(passages, ranker="bm25+embed"),
        "bm25+embed": lambda: suggest(iso, passages, ranker="bm25+embed"),
    }
    times = load | time_runs(fns, repeat=repeat)
    rows = [[key, fmt_time(t["median_s"]), fmt_time(t["min_s"])] for key, t in times.items()]
    print(table(["run", "median", "min"], rows, align="lrr"))
    return {"passages": len(passages), "requirements": len(iso), "times": times}


def _load_model() -> object:
    """The embedding model's first load (the cache emptied first)."""
    embedder = _index._embedder  # noqa: SLF001 - the model's loader, timed on its own
    embedder.cache_clear()
    return embedder()


def main(argv: list[str] | None = None) -> int:
    args = _runner.parse(_runner.parser(__doc__, SECTIONS), argv)
    repeat = 3 if args.quick else 7
    sections: _runner.Sections = {"suggest": lambda: section_suggest(repeat)}
    name = f"evidence-rank-{args.mode}"
    return _runner.run(args, "evidence rank", sections, packages=PACKAGES, name=name)


if __name__ == "__main__":
    raise SystemExit(main())
