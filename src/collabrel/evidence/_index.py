"""EvidenceIndex: passages ranked against a query by BM25, optionally re-ranked by embeddings.

BM25 is bm25s over words lower-cased, English stop words removed and stemmed by PyStemmer's
English (Porter 2) stemmer. A passage is indexed by its text and its heading path, whose
words count `HEADING_WEIGHT` times each (a heading names what the passages under it are
about: "4 Register extract", "3.3 Scores", "Item 2 Sponsors' reports").

The `"bm25+embed"` ranker adds wordllama's static embeddings, whose weights ship inside the
wheel: a query of several parts (a requirement's paraphrase and each of its evidence terms)
is embedded as the mean of its parts' unit vectors, each passage scored by its cosine
similarity to it, and the two scores, each min-max normalised over the passages for the
query, combined as `(1 - EMBED_WEIGHT) * bm25 + EMBED_WEIGHT * similarity`. Strictly
offline: the model is loaded from the installed package with downloads disabled, so a missing
file is an error, never a fetch.

Every ranking is deterministic: equal scores are ordered by the passage's document, its
paragraph and its text hash.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Literal, TypeAlias

from attrs import frozen

from collabrel._optional import import_optional
from collabrel.errors import ArgumentError
from collabrel.evidence._passages import Passage, PassageLocation

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

__all__ = [
    "EMBED_WEIGHT",
    "HEADING_WEIGHT",
    "RANKERS",
    "EvidenceIndex",
    "Hit",
    "Query",
    "Ranker",
    "Span",
    "highlight",
]

Ranker: TypeAlias = Literal["bm25", "bm25+embed"]
RANKERS: Final[tuple[Ranker, ...]] = ("bm25", "bm25+embed")
"""The rankers: BM25 alone, or BM25 combined with an embedding similarity."""
EMBED_WEIGHT: Final = 0.03
"""The embedding similarity's weight in `"bm25+embed"` (BM25's is 1 - EMBED_WEIGHT), both
min-max normalised per query. Tuned on the tuning half of the labelled set: recall@5 0.917
at 0.03 (as BM25 alone; 0.899 to 0.903 from 0.05 to 0.5), so the embedding mostly orders
passages BM25 scores alike and ranks those it does not find.
wordllama's static word embeddings rank these passages worse than BM25 with the evidence
terms and headings do."""

HEADING_WEIGHT: Final = 2
"""How many times each word of a passage's heading path counts in its BM25 tokens (its
text's words count once). Tuned on the tuning half of the labelled set (recall@5 0.845 with
no headings, 0.903 at 1, 0.917 at 2 and 3); held out 0.819 -> 0.899."""

_WORD: Final = re.compile(r"(?u)\b\w\w+\b")
_EXTRA: Final = "evidence"
_EMBED_EXTRA: Final = "evidence-embed"
_MODEL: Final = "l2_supercat"


Span: TypeAlias = tuple[int, int]
"""A stretch of a passage's text, `text[start:end]`."""
Query: TypeAlias = str | Sequence[str]
"""A query: text, or its parts (BM25 reads them joined; the embedding is their vectors' mean)."""


@frozen(kw_only=True)
class Hit:
    """One passage found for a query, with its rank, score and the query's words it holds.

    Attributes:
        passage: The passage.
        rank: Its place, from 1.
        score: The ranker's score: BM25's, or (with `"bm25+embed"`) the weighted sum of BM25
            and the embedding similarity, each min-max normalised over the passages.
        bm25: The BM25 score (0 when the passage shares no word with the query).
        similarity: The cosine similarity of the passage and the query embeddings (the
            query's parts' mean), with the `"bm25+embed"` ranker; `None` otherwise.
        matched: The words of the passage's text (lower case, first occurrence first) that
            match a query word once stemmed (its heading's words count in the score but are
            not listed).
        spans: Where they stand in the passage's text.
    """

    passage: Passage
    rank: int
    score: float
    bm25: float
    similarity: float | None
    matched: tuple[str, ...]
    spans: tuple[Span, ...]

    def __repr__(self) -> str:
        p = self.passage
        return (
            f"<Hit rank={self.rank} score={self.score:.4g} {p.document}#"
            f"{p.location.paragraph} matched={list(self.matched)!r}>"
        )


class _Analyzer:
    """Words to BM25 tokens: lower case, no stop words, stemmed; shared by passages and queries."""

    def __init__(self) -> None:
        stemmer = import_optional("Stemmer", "evidence rankings", _EXTRA)
        stopwords = import_optional("bm25s.stopwords", "evidence rankings", _EXTRA)
        self._stem = stemmer.Stemmer("english").stemWord
        self.stopwords: frozenset[str] = frozenset(stopwords.STOPWORDS_EN)
        # Ranking drops only the short list above (measured: the longer one ranks no better on
        # the tuning half); the longer list keeps words such as "from" out of what is shown.
        self.common: frozenset[str] = frozenset(stopwords.STOPWORDS_EN_PLUS)
        self._cache: dict[str, str] = {}

    def stem(self, word: str) -> str | None:
        """The token of one lower-case word, or `None` for a stop word."""
        token = self._cache.get(word)
        if token is None:
            token = "" if word in self.stopwords else str(self._stem(word))
            self._cache[word] = token
        return token or None

    def tokens(self, text: str) -> list[str]:
        return [t for w in _WORD.findall(text.lower()) if (t := self.stem(w)) is not None]

    def words(self, text: str) -> list[tuple[str, str]]:
        """Each word of `text` that is not a stop word, lower case, with its token."""
        return [(w, t) for w in _WORD.findall(text.lower()) if (t := self.stem(w)) is not None]

    def matches(
        self, text: str, wanted: frozenset[str]
    ) -> tuple[tuple[str, ...], tuple[Span, ...]]:
        words: dict[str, None] = {}
        spans: list[Span] = []
        for m in _WORD.finditer(text):
            word = m.group().lower()
            if self.stem(word) in wanted:
                words.setdefault(word)
                spans.append(m.span())
        return tuple(words), tuple(spans)


@cache
def _analyzer() -> _Analyzer:
    return _Analyzer()


def highlight(text: str, query: str) -> tuple[Span, ...]:
    """Where `text` holds a word of `query`, compared as the index compares them (stemmed).

    Examples:
        >>> text = "The senior executive responsible was appointed in May."
        >>> [text[a:b] for a, b in highlight(text, "appointment of an SER (senior executive)")]
        ['senior', 'executive', 'appointed']
    """
    analyzer = _analyzer()
    return analyzer.matches(text, frozenset(analyzer.tokens(query)))[1]


def _model_dir() -> Path:
    wordllama = import_optional("wordllama", "embedding re-ranks", _EMBED_EXTRA)
    return Path(str(wordllama.__file__)).parent


@cache
def _embedder() -> Any:
    """The bundled wordllama model, loaded once, offline.

    wordllama 0.4 looks for its bundled tokenizer under `wordllama/tokenizer/` but ships it
    in `wordllama/tokenizers/`, and then tries the Hugging Face hub; giving the package
    directory as the cache directory finds it there, and `disable_download` makes any other
    miss an error instead of a download.
    """
    wordllama = import_optional("wordllama", "embedding re-ranks", _EMBED_EXTRA)
    try:
        return wordllama.WordLlama.load(
            config=_MODEL, cache_dir=_model_dir(), disable_download=True
        )
    except FileNotFoundError as exc:
        msg = f"the wordllama model {_MODEL!r} is not in the installed package: {exc}"
        raise ImportError(msg) from exc


def _ordering(passages: Sequence[Passage]) -> npt.NDArray[np.int64]:
    """Each passage's place in the tie-break order (document, paragraph, text hash)."""
    np = import_optional("numpy", "evidence rankings", _EXTRA)
    order = sorted(
        range(len(passages)),
        key=lambda i: (passages[i].document, passages[i].location.paragraph, passages[i].sha256),
    )
    place = np.empty(len(passages), dtype=np.int64)
    place[order] = np.arange(len(passages))
    return place  # type: ignore[no-any-return]


class EvidenceIndex:
    """Passages indexed for ranking against requirement queries, offline.

    Args:
        passages: The passages (any order; the rankings do not depend on it).
        ranker: `"bm25"` (bm25s, the `evidence` extra) or `"bm25+embed"` (BM25 combined with
            wordllama's embedding similarity, the `evidence-embed` extra too).

    Raises:
        ArgumentError: If `ranker` is not one of `RANKERS`.
        ImportError: If the ranker's extra is not installed (the message names it).

    Examples:
        >>> from collabrel.evidence._index import _example_passages
        >>> index = EvidenceIndex(_example_passages())
        >>> index
        <EvidenceIndex passages=3, ranker='bm25'>
        >>> [h.passage.text[:24] for h in index.search("exit triggers", k=2)]
        ['Exit is triggered by per', 'The exit plan is reviewe']
    """

    def __init__(self, passages: Iterable[Passage], *, ranker: Ranker = "bm25") -> None:
        if ranker not in RANKERS:
            raise ArgumentError("ranker", ranker, " or ".join(map(repr, RANKERS)))
        bm25s = import_optional("bm25s", "evidence rankings", _EXTRA)
        self.np = import_optional("numpy", "evidence rankings", _EXTRA)
        self.passages: tuple[Passage, ...] = tuple(passages)
        self.ranker: Ranker = ranker
        self._analyzer = _analyzer()
        tokens = [self._passage_tokens(p) for p in self.passages]
        self._place = _ordering(self.passages)
        self._bm25: Any = None
        if self.passages:
            self._bm25 = bm25s.BM25()
            self._bm25.index(tokens, show_progress=False)
        self._vectors: Any = None
        if ranker == "bm25+embed" and self.passages:
            self._vectors = _embedder().embed([p.text for p in self.passages], norm=True)

    def _passage_tokens(self, passage: Passage) -> list[str]:
        """A passage's BM25 tokens: its text's, then its heading path's `HEADING_WEIGHT` times."""
        heading = self._analyzer.tokens(" ".join(passage.location.heading_path))
        return self._analyzer.tokens(passage.text) + heading * HEADING_WEIGHT

    def __repr__(self) -> str:
        return f"<EvidenceIndex passages={len(self.passages)}, ranker={self.ranker!r}>"

    def __len__(self) -> int:
        return len(self.passages)

    def bm25_scores(self, query: Query) -> npt.NDArray[np.float32]:
        """The BM25 score of every passage for `query`, in passage order."""
        if self._bm25 is None:
            return self.np.zeros(0, dtype=self.np.float32)  # type: ignore[no-any-return]
        vocab = self._bm25.vocab_dict
        ids = [vocab[t] for t in self._analyzer.tokens(_text(query)) if t in vocab]
        return self._bm25.get_scores_from_ids(ids)  # type: ignore[no-any-return]

    def similarities(self, query: Query) -> npt.NDArray[np.float32] | None:
        """The embedding similarity of every passage to `query`, or `None` with `"bm25"`."""
        if self._vectors is None:
            return None
        return self._vectors @ self._query_vectors([query])[0]  # type: ignore[no-any-return]

    def _query_vectors(self, queries: Sequence[Query]) -> Any:
        """Each query's unit vector: the normalised mean of its parts' (one batch for all)."""
        np = self.np
        parts = [_parts(q) for q in queries]
        flat = [p for ps in parts for p in ps]
        vectors = _embedder().embed(flat, norm=True) if flat else np.zeros((0, 1))
        out = []
        start = 0
        for ps in parts:
            mean = vectors[start : start + len(ps)].mean(axis=0)
            start += len(ps)
            size = float(np.linalg.norm(mean))
            out.append(mean / size if size > 0 else mean)
        return np.array(out, dtype=np.float32).reshape(len(queries), self._vectors.shape[1])

    def search(self, query: Query, k: int = 5) -> tuple[Hit, ...]:
        """The `k` passages that best answer `query`, best first.

        With `"bm25"`, only passages sharing a word with the query are found; with
        `"bm25+embed"` every passage has an embedding rank, so `k` are always found when
        the index holds `k`.

        Raises:
            ArgumentError: If `k` is not a whole number of at least 1.
        """
        return self.search_many([query], k)[0]

    def search_many(self, queries: Sequence[Query], k: int = 5) -> tuple[tuple[Hit, ...], ...]:
        """`search` for each of `queries` (their embeddings computed in one batch).

        Raises:
            ArgumentError: If `k` is not a whole number of at least 1.
        """
        if not _counts(k):
            raise ArgumentError("k", k, "a whole number of at least 1")
        similarities: list[Any] = [None] * len(queries)
        if self._vectors is not None and queries:
            similarities = list(self._query_vectors(queries) @ self._vectors.T)
        return tuple(
            self._hits(q, self.bm25_scores(q), s, k)
            for q, s in zip(queries, similarities, strict=True)
        )

    def _hits(self, query: Query, bm25: Any, similarity: Any, k: int) -> tuple[Hit, ...]:
        np = self.np
        if similarity is None:
            score = bm25.astype(np.float64)
            found = np.flatnonzero(bm25 > 0)
        else:
            score = _combined(np, bm25, similarity)
            found = np.arange(len(self.passages))
        ranked = found[np.lexsort((self._place[found], -score[found]))][:k]
        wanted = frozenset(self._analyzer.tokens(_text(query)))
        hits = []
        for rank, i in enumerate(ranked.tolist(), start=1):
            passage = self.passages[i]
            matched, spans = self._analyzer.matches(passage.text, wanted)
            hits.append(
                Hit(
                    passage=passage,
                    rank=rank,
                    score=float(score[i]),
                    bm25=float(bm25[i]),
                    similarity=None if similarity is None else float(similarity[i]),
                    matched=matched,
                    spans=spans,
                )
            )
        return tuple(hits)


def _counts(value: object) -> bool:
    """Whether `value` is a whole number (not a bool) of at least 1."""
    return isinstance(value, int) and not isinstance(value, bool) and value >= 1


def _parts(query: Query) -> tuple[str, ...]:
    """A query's parts (text is one part)."""
    return (query,) if isinstance(query, str) else tuple(query)


def _text(query: Query) -> str:
    """A query's text: its parts joined."""
    return " ".join(_parts(query))


def _min_max(np: Any, score: Any) -> Any:
    """`score` scaled to [0, 1] over the passages (all 0 when every score is equal)."""
    low, high = float(score.min()), float(score.max())
    return (score - low) / (high - low) if high > low else np.zeros_like(score)


def _combined(np: Any, bm25: Any, similarity: Any) -> Any:
    """`(1 - EMBED_WEIGHT) * bm25 + EMBED_WEIGHT * similarity`, each min-max normalised."""
    lexical = _min_max(np, bm25.astype(np.float64))
    return (1 - EMBED_WEIGHT) * lexical + EMBED_WEIGHT * _min_max(np, similarity.astype(np.float64))


def _example_passages() -> tuple[Passage, ...]:
    """Three passages of an exit plan, for the examples."""
    texts = (
        "The exit plan is reviewed by the joint management team every year.",
        "Exit is triggered by persistent failure to meet the agreed targets.",
        "Minutes of the alliance board: the budget for next year was approved.",
    )
    return tuple(
        Passage(
            document="exit-plan",
            source="exit-plan.md",
            text=t,
            location=PassageLocation(paragraph=i),
        )
        for i, t in enumerate(texts, start=1)
    )
