"""The rankers' figures on the labelled set hold the issue's targets (or say why not).

Targets (issue 17): BM25 recall@5 >= 0.8; with the embedding re-rank >= 0.9. Measured on 234
passages (74 requirements labelled), the full set / the held-out half of its documents
(`evaluate.HALVES`): BM25 recall@5 0.834 / 0.872 (precision@3 0.703 / 0.554), met;
bm25+embed 0.832 / 0.867 (0.712 / 0.549), not met: that test is a strict xfail, so it fails
loudly once the target is met. The evidence terms were tuned on the whole set before the
split, so the held-out figure is clean only for what was tuned after it (the headings' weight,
the embedding's). Run
`python -m tests.evidence.evaluate --misses` for the figures and the tuning half's misses.
"""

from __future__ import annotations

import pytest

from evidence.evaluate import HALVES, Evaluation, LabelledSet, evaluate, half_of, load_set

BM25_RECALL: float = 0.8
EMBED_RECALL: float = 0.9


@pytest.fixture(scope="module")
def labelled() -> LabelledSet:
    return load_set()


@pytest.fixture(scope="module")
def bm25(labelled: LabelledSet) -> Evaluation:
    return evaluate("bm25", labelled)


class TestEvaluation:
    def test_every_labelled_requirement_scored(
        self, labelled: LabelledSet, bm25: Evaluation
    ) -> None:
        """Every requirement with a labelled passage is scored, each figure between 0 and 1."""
        assert {s.requirement for s in bm25.scores} == set(labelled.labels)
        assert all(0 <= s.recall <= 1 and 0 <= s.precision <= 1 for s in bm25.scores)

    def test_halves_split_the_documents(self, labelled: LabelledSet, bm25: Evaluation) -> None:
        """The two halves share no document, hold every passage between them, and are scored."""
        halves = [labelled.half(h) for h in HALVES]
        documents = [{p.document for p in half.passages} for half in halves]
        assert all(documents)
        assert not documents[0] & documents[1]
        assert sum(len(half.passages) for half in halves) == len(labelled.passages)
        pairs = zip(HALVES, halves, strict=True)
        assert all(half_of(p.document) == h for h, half in pairs for p in half.passages)
        assert set(bm25.halves) == set(HALVES)

    def test_bm25_recall(self, bm25: Evaluation) -> None:
        """BM25 recall@5 is at least 0.8."""
        assert bm25.recall >= BM25_RECALL

    @pytest.mark.xfail(
        strict=True,
        reason="bm25+embed recall@5 measured 0.832 full, 0.867 held out (target 0.9): "
        "wordllama's static word embeddings rank these passages worse than BM25 with the "
        "terms and headings; the weight tuned on the tuning half is 0.03, where the "
        "embedding only orders passages BM25 scores alike and those it does not find",
    )
    def test_embed_recall(self, labelled: LabelledSet) -> None:
        """With the embedding re-rank, recall@5 is at least 0.9."""
        pytest.importorskip("wordllama")
        assert evaluate("bm25+embed", labelled).recall >= EMBED_RECALL
