"""EvidenceIndex: BM25 over stemmed words, the embedding fusion, deterministic ties."""

from __future__ import annotations

import numpy as np
import pytest

from collabrel.errors import ArgumentError
from collabrel.evidence import Passage, PassageLocation
from collabrel.evidence._index import EMBED_WEIGHT, EvidenceIndex, _embedder, highlight


def passage(text: str, paragraph: int = 1, document: str = "doc") -> Passage:
    return Passage(
        document=document,
        source=f"{document}.md",
        text=text,
        location=PassageLocation(paragraph=paragraph),
    )


CORPUS = [
    passage("The senior executive responsible was appointed by the board.", 1),
    passage("Risks are reviewed by the joint management team each quarter.", 2),
    passage("Lunch is served in the atrium.", 3),
    passage("Exit triggers: insolvency, change of control, persistent failure.", 4),
]


class TestSearch:
    def test_stems_match_other_forms(self) -> None:
        """'appointment' finds 'appointed': words are compared stemmed."""
        hits = EvidenceIndex(CORPUS).search("appointment of the SER", k=2)
        assert hits[0].passage.location.paragraph == 1
        assert hits[0].matched == ("appointed",)

    def test_stop_words_do_not_match(self) -> None:
        """A query of stop words only finds nothing with BM25."""
        assert EvidenceIndex(CORPUS).search("the of and by") == ()

    def test_only_passages_sharing_a_word(self) -> None:
        """BM25 finds only passages that share a word with the query, best first, ranked from 1."""
        hits = EvidenceIndex(CORPUS).search("risk review", k=5)
        assert [h.passage.location.paragraph for h in hits] == [2]
        assert hits[0].rank == 1
        assert hits[0].score == hits[0].bm25 > 0
        assert hits[0].similarity is None

    def test_k_limits(self) -> None:
        """At most k hits."""
        assert len(EvidenceIndex(CORPUS).search("the board joint exit risk", k=2)) == 2

    def test_spans_point_at_the_words(self) -> None:
        """Each span cuts a matched word out of the text."""
        hit = EvidenceIndex(CORPUS).search("exit trigger", k=1)[0]
        text = hit.passage.text
        assert [text[a:b] for a, b in hit.spans] == ["Exit", "triggers"]

    def test_ties_broken_by_document_and_paragraph(self) -> None:
        """Equal scores are ordered by document, then paragraph, whatever the input order."""
        same = [passage("Exit plan agreed.", p, d) for d, p in [("b", 1), ("a", 2), ("a", 1)]]
        for order in (same, same[::-1]):
            hits = EvidenceIndex(order).search("exit plan", k=3)
            got = [(h.passage.document, h.passage.location.paragraph) for h in hits]
            assert got == [("a", 1), ("a", 2), ("b", 1)]

    def test_empty_index(self) -> None:
        """An index of no passages finds nothing."""
        index = EvidenceIndex([])
        assert len(index) == 0
        assert index.search("exit plan") == ()

    @pytest.mark.parametrize("k", [0, -1, True, 2.0])
    def test_bad_k(self, k: object) -> None:
        """k must be a whole number of at least 1."""
        with pytest.raises(ArgumentError, match="'k' must be a whole number"):
            EvidenceIndex(CORPUS).search("exit", k=k)  # type: ignore[arg-type]

    def test_bad_ranker(self) -> None:
        """An unknown ranker is an ArgumentError naming the rankers."""
        with pytest.raises(ArgumentError, match="'bm25' or 'bm25\\+embed'"):
            EvidenceIndex(CORPUS, ranker="tfidf")  # type: ignore[arg-type]

    def test_heading_words_count(self) -> None:
        """A passage is found by its heading path's words too, though only its text is marked."""
        under = Passage(
            document="register",
            source="register.md",
            text="R-07 | Possession overrun | Amber | Owner: J. Patel",
            location=PassageLocation(paragraph=2, heading_path=("4 Joint risk register",)),
        )
        hits = EvidenceIndex([*CORPUS, under]).search("joint risk register", k=1)
        assert hits[0].passage is under
        assert hits[0].matched == ()

    def test_repr(self) -> None:
        """The repr counts the passages and names the ranker."""
        assert repr(EvidenceIndex(CORPUS)) == "<EvidenceIndex passages=4, ranker='bm25'>"


class TestEmbed:
    pytest.importorskip("wordllama")

    def test_every_passage_ranked(self) -> None:
        """With the embedding, every passage has a rank, so k are always found."""
        hits = EvidenceIndex(CORPUS, ranker="bm25+embed").search("when can we leave", k=4)
        assert len(hits) == 4
        assert all(h.similarity is not None for h in hits)

    def test_combination_is_convex(self) -> None:
        """The score is (1 - W) * BM25 + W * similarity, each min-max normalised over passages."""
        index = EvidenceIndex(CORPUS, ranker="bm25+embed")
        hits = index.search("exit triggers", k=4)
        best = hits[0]
        assert best.passage.location.paragraph == 4
        bm25 = index.bm25_scores("exit triggers")
        similarity = index.similarities("exit triggers")
        assert similarity is not None
        for hit in hits:
            i = CORPUS.index(hit.passage)
            lexical = (bm25[i] - bm25.min()) / (bm25.max() - bm25.min())
            dense = (similarity[i] - similarity.min()) / (similarity.max() - similarity.min())
            expected = (1 - EMBED_WEIGHT) * lexical + EMBED_WEIGHT * dense
            assert hit.score == pytest.approx(expected, abs=1e-6)
        unmatched = [h for h in hits if h.bm25 == 0]
        assert all(h.score <= EMBED_WEIGHT for h in unmatched)

    def test_parts_embedded_as_their_mean(self) -> None:
        """A query in parts: BM25 reads them joined, the embedding is their unit vectors' mean."""
        index = EvidenceIndex(CORPUS, ranker="bm25+embed")
        parts = ("exit triggers", "insolvency", "change of control")
        assert index.bm25_scores(parts) == pytest.approx(index.bm25_scores(" ".join(parts)))
        vectors = _embedder().embed(list(parts), norm=True)
        mean = vectors.mean(axis=0)
        mean /= np.linalg.norm(mean)
        similarity = index.similarities(parts)
        assert similarity is not None
        assert similarity == pytest.approx(index._vectors @ mean, abs=1e-5)

    def test_search_many_agrees_with_search(self) -> None:
        """search_many ranks as search does for each query (similarities to float precision)."""
        index = EvidenceIndex(CORPUS, ranker="bm25+embed")
        queries = ["exit", "risk review", "appointment"]
        for batch, q in zip(index.search_many(queries, k=2), queries, strict=True):
            alone = index.search(q, k=2)
            assert [(h.passage, h.rank) for h in batch] == [(h.passage, h.rank) for h in alone]
            assert [h.similarity for h in batch] == pytest.approx(
                [h.similarity for h in alone], abs=1e-5
            )


class TestHighlight:
    def test_spans_of_stemmed_words(self) -> None:
        """highlight finds the query's words in any form, not stop words."""
        text = "Reviewed: the risks were reviewed."
        assert [text[a:b] for a, b in highlight(text, "the risk review")] == [
            "Reviewed",
            "risks",
            "reviewed",
        ]
