"""Evaluate collabrel.evidence's rankers on the labelled set (tests/evidence/passages.yaml).

For each requirement that some passage is labelled with, `suggest` ranks every passage of the
set; then

- recall@5: the labelled passages found in its top 5, over min(5, how many are labelled);
- precision@3: the share of its top 3 that are labelled for it (out of 3);

both macro-averaged over those requirements, per method ("bm25", "bm25+embed").

Held out: so that tuning (the evidence terms, the ranker's weights) cannot just memorise the
set, its documents are split into two fixed halves by the first byte of the SHA-256 of the
document id (even: "tune", odd: "held-out"; a document added later falls in a half without
moving the others). Tune on the "tune" half only; each half is evaluated on its own (only its
passages indexed, only the requirements labelled in it scored), and the report gives the
full set's figure with both halves' beside it. A held-out figure well below the tuning
half's means the tuning learnt the passages, not the vocabulary. Run it as
`python -m tests.evidence.evaluate` (or `python tests/evidence/evaluate.py`) from the
repository's root; `--misses` also lists, per requirement, the labelled passages missed and
the unlabelled ones ranked above them. `test_evaluation.py` holds the targets.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

import yaml

from collabrel.conformance import catalogue
from collabrel.evidence import Passage, PassageLocation
from collabrel.evidence._index import RANKERS, Ranker
from collabrel.evidence._suggest import suggest
from collabrel.evidence._terms import EvidenceTerms

SET: Final = Path(__file__).with_name("passages.yaml")
RECALL_AT: Final = 5
PRECISION_AT: Final = 3
HALVES: Final = ("tune", "held-out")
"""The two halves of the set's documents: tune on the first, report the second beside it."""


def half_of(document: str) -> str:
    """The half a document belongs to: by the parity of its id's SHA-256 (first byte)."""
    return HALVES[hashlib.sha256(document.encode("utf-8")).digest()[0] % 2]


@dataclass(frozen=True)
class LabelledSet:
    """The labelled passages: each as a `Passage`, its set id, and the requirements it evidences."""

    catalogue: str
    passages: tuple[Passage, ...]
    ids: Mapping[tuple[str, int], str]  # (document, paragraph) -> passage id
    labels: Mapping[str, frozenset[str]]  # requirement id -> labelled passage ids

    def key(self, passage: Passage) -> str:
        """The set's id of a passage."""
        return self.ids[passage.document, passage.location.paragraph]

    def half(self, name: str) -> LabelledSet:
        """The passages of the documents in half `name` (one of `HALVES`), and their labels."""
        if name not in HALVES:
            msg = f"no half {name!r}: one of {HALVES}"
            raise ValueError(msg)
        passages = tuple(p for p in self.passages if half_of(p.document) == name)
        kept = {self.key(p) for p in passages}
        labels = {rid: found & kept for rid, found in self.labels.items()}
        return LabelledSet(
            catalogue=self.catalogue,
            passages=passages,
            ids={k: v for k, v in self.ids.items() if v in kept},
            labels={rid: found for rid, found in labels.items() if found},
        )


def load_set(path: Path = SET) -> LabelledSet:
    """The labelled set as Passages (paragraphs numbered within each document, in set order)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    passages: list[Passage] = []
    ids: dict[tuple[str, int], str] = {}
    labels: dict[str, set[str]] = {}
    counts: dict[str, int] = {}
    for item in data["passages"]:
        document = str(item["document"])
        counts[document] = paragraph = counts.get(document, 0) + 1
        passages.append(
            Passage(
                document=document,
                source=f"{document}.docx",
                text=str(item["text"]),
                location=PassageLocation(
                    paragraph=paragraph, heading_path=tuple(item.get("heading") or ())
                ),
                kind=item.get("kind", "paragraph"),
            )
        )
        ids[document, paragraph] = str(item["id"])
        for rid in item.get("evidences") or ():
            labels.setdefault(str(rid), set()).add(str(item["id"]))
    return LabelledSet(
        catalogue=str(data.get("catalogue", "iso44001:2017")),
        passages=tuple(passages),
        ids=ids,
        labels={rid: frozenset(found) for rid, found in labels.items()},
    )


@dataclass(frozen=True)
class RequirementScore:
    """One requirement's figures and ranking."""

    requirement: str
    recall: float
    precision: float
    labelled: frozenset[str]
    ranked: tuple[str, ...]  # the top RECALL_AT passage ids, best first

    @property
    def missed(self) -> tuple[str, ...]:
        """The labelled passages not in its top RECALL_AT."""
        return tuple(sorted(self.labelled - set(self.ranked)))


@dataclass(frozen=True)
class Evaluation:
    """A method's macro-averaged figures and its per-requirement scores."""

    method: Ranker
    recall: float
    precision: float
    scores: tuple[RequirementScore, ...]
    halves: Mapping[str, Evaluation] = field(default_factory=dict)  # HALVES -> its figures


def evaluate(
    method: Ranker,
    labelled: LabelledSet | None = None,
    *,
    halves: bool = True,
    terms: EvidenceTerms | None = None,
) -> Evaluation:
    """Recall@5 and precision@3 of `method` on the labelled set (macro-averaged).

    With `halves`, each half of the set (`HALVES`) is evaluated on its own too; `terms` are
    the evidence terms (the built-in ones by default).
    """
    chosen = load_set() if labelled is None else labelled
    cat = catalogue(chosen.catalogue)
    wanted = [rid for rid in cat.ids if rid in chosen.labels]
    found = suggest(
        cat.subset(wanted), chosen.passages, top_k=RECALL_AT, ranker=method, terms=terms
    )
    scores = []
    for rid in wanted:
        labelled_ids = chosen.labels[rid]
        ranked = tuple(chosen.key(s.passage) for s in found[rid])
        hits = sum(1 for p in ranked if p in labelled_ids)
        top = ranked[:PRECISION_AT]
        scores.append(
            RequirementScore(
                requirement=rid,
                recall=hits / min(RECALL_AT, len(labelled_ids)),
                precision=sum(1 for p in top if p in labelled_ids) / PRECISION_AT,
                labelled=labelled_ids,
                ranked=ranked,
            )
        )
    return Evaluation(
        method=method,
        recall=sum(s.recall for s in scores) / len(scores),
        precision=sum(s.precision for s in scores) / len(scores),
        scores=tuple(scores),
        halves={h: evaluate(method, chosen.half(h), halves=False, terms=terms) for h in HALVES}
        if halves
        else {},
    )


def report(
    evaluations: Sequence[Evaluation], labelled: LabelledSet, *, misses: str | None = None
) -> str:
    """The figures as text: one line per method, then each miss in `misses` ("full" or a half)."""
    parts = {"full": labelled} | {h: labelled.half(h) for h in HALVES}
    lines = [
        f"labelled set ({name}): {len(part.passages)} passages, "
        f"{len({p.document for p in part.passages})} documents, "
        f"{len(part.labels)} requirements labelled"
        for name, part in parts.items()
    ]
    columns = "".join(f"  {name:>17}" for name in parts)
    lines += [
        f"{'':<12}{columns}",
        f"{'method':<12}" + f"  {f'R@{RECALL_AT}':>8} {f'P@{PRECISION_AT}':>8}" * len(parts),
    ]
    for e in evaluations:
        figures = [e, *(e.halves[h] for h in HALVES if h in e.halves)]
        lines.append(
            f"{e.method:<12}" + "".join(f"  {f.recall:8.3f} {f.precision:8.3f}" for f in figures)
        )
    if misses:
        for e in evaluations:
            lines.append(f"\nmisses ({e.method}, {misses}):")
            for s in (e if misses == "full" else e.halves[misses]).scores:
                if s.missed:
                    lines.append(
                        f"  {s.requirement}: recall {s.recall:.2f}, missed {', '.join(s.missed)};"
                        f" top {', '.join(p + ('*' if p in s.labelled else '') for p in s.ranked)}"
                    )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Print the figures of every method (or those given)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--method", choices=RANKERS, action="append")
    parser.add_argument(
        "--misses",
        nargs="?",
        const=HALVES[0],
        choices=("full", *HALVES),
        help="list each requirement's misses in the tuning half (or the half given)",
    )
    args = parser.parse_args(argv)
    labelled = load_set()
    evaluations = [evaluate(m, labelled) for m in args.method or RANKERS]
    print(report(evaluations, labelled, misses=args.misses))  # noqa: T201 - a report script
    return 0


if __name__ == "__main__":
    sys.exit(main())
