"""Suggestions: per requirement, the passages that may evidence it, and why.

`suggest` queries an `EvidenceIndex` with each requirement of a catalogue (its title,
paraphrase and evidence terms, `collabrel.evidence.query`) and keeps the best passages. Each
suggestion says why: the requirement's terms the passage holds (highlighted in its text), and
which of the checks of the requirement's rules it speaks to. The checks are those the rules
make, read off the rules: observed on a plan when one is given
(`collabrel.conformance._coverage.observed_checks`), else each rule's title and, for a record
rule, its record and the lists it must carry. A suggestion is only that: a reviewer accepts
or rejects it.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from types import MappingProxyType
from typing import Final, Literal

from attrs import field, frozen

from collabrel.conformance import (
    Catalogue,
    Context,
    RecordRule,
    Registry,
    Requirement,
    default_rules,
)
from collabrel.conformance import catalogue as _builtin_catalogue
from collabrel.conformance._coverage import AS_OF, DATE, INDEX, NUMBER, VALUE, observed_checks
from collabrel.errors import ArgumentError
from collabrel.evidence._index import (
    EvidenceIndex,
    Ranker,
    Span,
    _analyzer,
    _counts,
)
from collabrel.evidence._passages import Passage
from collabrel.evidence._terms import EvidenceTerms, evidence_terms, query_parts
from collabrel.model import RelationshipManagementPlan

__all__ = ["EvidenceSuggestion", "EvidenceSuggestions", "Reason", "mark", "suggest"]

_PLACEHOLDERS: Final = re.compile("|".join(map(re.escape, (AS_OF, DATE, INDEX, NUMBER, VALUE))))
_MD_SPECIAL: Final = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>])")
MarkFormat = Literal["html", "markdown"]


def mark(text: str, spans: Iterable[Span], format: MarkFormat = "html") -> str:
    r"""`text` with each span wrapped in `<mark>`, escaped for HTML or for Markdown.

    Examples:
        >>> mark("Exit <draft> agreed", [(0, 4), (13, 19)])
        '<mark>Exit</mark> &lt;draft&gt; <mark>agreed</mark>'
        >>> mark("The SER_1 is named.", [(4, 9)], "markdown")
        'The <mark>SER\\_1</mark> is named\\.'
    """
    if format not in ("html", "markdown"):
        raise ArgumentError("format", format, "'html' or 'markdown'")
    escape = _escape_html if format == "html" else _escape_markdown
    out: list[str] = []
    at = 0
    for start, end in sorted(spans):
        if start < at:
            continue
        out += [escape(text[at:start]), "<mark>", escape(text[start:end]), "</mark>"]
        at = end
    out.append(escape(text[at:]))
    return "".join(out)


def _escape_html(text: str) -> str:
    return html.escape(text, quote=False)


def _escape_markdown(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", _escape_html(text))


@frozen(kw_only=True)
class Reason:
    """A check of the requirement's rules that a passage speaks to.

    Attributes:
        check: The check, in words (`"exit triggers are agreed"`), or the requirement's own
            title for one that no rule judges.
        rule: The id of the rule that makes it (`None` for a requirement's title).
        shared: The passage's words it shares (compared stemmed, as the index compares).
    """

    check: str
    rule: str | None
    shared: tuple[str, ...]

    def __str__(self) -> str:
        return f"{self.check} ({', '.join(self.shared)})"


@frozen(kw_only=True)
class EvidenceSuggestion:
    """One passage suggested as evidence of one requirement.

    Attributes:
        requirement: The requirement's id.
        passage: The passage.
        rank: Its place among the requirement's suggestions, from 1.
        score: The ranker's score (see `EvidenceIndex`).
        method: The ranker: `"bm25"` or `"bm25+embed"`.
        matched_terms: The requirement's evidence terms the passage holds, then the other
            words of the query it holds.
        spans: Where the matched words stand in the passage's text.
        reasons: The checks of the requirement it speaks to, most shared words first.
    """

    requirement: str
    passage: Passage
    rank: int
    score: float
    method: Ranker
    matched_terms: tuple[str, ...]
    spans: tuple[Span, ...]
    reasons: tuple[Reason, ...]

    def __repr__(self) -> str:
        p = self.passage
        return (
            f"<EvidenceSuggestion {self.requirement} #{self.rank} score={self.score:.4g} "
            f"{p.document}#{p.location.paragraph} matched={list(self.matched_terms)!r}>"
        )

    def highlighted(self, format: MarkFormat = "html") -> str:
        """The passage's text with the matched words in `<mark>` (HTML or Markdown)."""
        return mark(self.passage.text, self.spans, format)


def _frozen_mapping(
    value: Mapping[str, tuple[EvidenceSuggestion, ...]],
) -> Mapping[str, tuple[EvidenceSuggestion, ...]]:
    return MappingProxyType(dict(value))


@frozen(kw_only=True, repr=False)
class EvidenceSuggestions:
    """Per requirement of a catalogue, the passages suggested as its evidence, best first.

    Iterating gives the requirement ids in catalogue order (every requirement, with or
    without suggestions); `suggestions[rid]` their suggestions.

    Attributes:
        catalogue: The catalogue's name.
        method: The ranker.
        top_k: The most suggestions kept per requirement.
        passages: How many passages were searched.
        suggestions: Per requirement id, in catalogue order, its suggestions.
    """

    catalogue: str
    method: Ranker
    top_k: int
    passages: int
    suggestions: Mapping[str, tuple[EvidenceSuggestion, ...]] = field(converter=_frozen_mapping)

    def __repr__(self) -> str:
        found = sum(1 for s in self.suggestions.values() if s)
        count = sum(len(s) for s in self.suggestions.values())
        return (
            f"<EvidenceSuggestions catalogue={self.catalogue!r}, method={self.method!r}, "
            f"requirements={len(self.suggestions)} ({found} with suggestions), "
            f"suggestions={count}, passages={self.passages}>"
        )

    def __iter__(self) -> Iterator[str]:
        return iter(self.suggestions)

    def __len__(self) -> int:
        return len(self.suggestions)

    def __getitem__(self, requirement_id: str) -> tuple[EvidenceSuggestion, ...]:
        try:
            return self.suggestions[requirement_id]
        except KeyError:
            msg = f"no requirement {requirement_id!r} in the suggestions for {self.catalogue!r}"
            raise KeyError(msg) from None

    def to_records(self) -> list[dict[str, object]]:
        """One plain row per suggestion (for JSON, CSV or a data frame), in order.

        Fields: requirement, rank, score (rounded to 6 places), method, document, source,
        page, paragraph, heading_path, kind, sha256, matched_terms, reasons (as text) and
        text.
        """
        rows: list[dict[str, object]] = []
        for rid, found in self.suggestions.items():
            for s in found:
                p = s.passage
                rows.append(
                    {
                        "requirement": rid,
                        "rank": s.rank,
                        "score": round(s.score, 6),
                        "method": s.method,
                        "document": p.document,
                        "source": p.source,
                        "page": p.location.page,
                        "paragraph": p.location.paragraph,
                        "heading_path": list(p.location.heading_path),
                        "kind": p.kind,
                        "sha256": p.sha256,
                        "matched_terms": list(s.matched_terms),
                        "reasons": [str(r) for r in s.reasons],
                        "text": p.text,
                    }
                )
        return rows


def _passages(documents: object) -> list[Passage]:
    """The passages of a DocumentSet, of Documents, or the passages given."""
    if hasattr(documents, "documents"):
        documents = documents.documents
    if not isinstance(documents, Iterable) or isinstance(documents, str | bytes):
        raise ArgumentError(
            "documents", documents, "a DocumentSet, Documents or Passages (an iterable)"
        )
    found: list[Passage] = []
    for item in documents:
        if hasattr(item, "passages"):
            found.extend(item.passages)
        else:
            found.append(item)
    return found


def _rule_checks(
    rules: Registry, plan: RelationshipManagementPlan | None
) -> dict[str, list[tuple[str, str]]]:
    """Per requirement id, (rule id, check description) of its rules, first seen first."""
    if plan is not None:
        seen = observed_checks(rules, [Context(plan, plan.meta.issued_on)])
        per_rule = {rid: [c.description for c in checks] for rid, checks in seen.items()}
    else:
        per_rule = {r.id: _static_checks(r) for r in rules}
    found: dict[str, list[tuple[str, str]]] = {}
    for rule in rules:
        for rid in rule.requirements:
            found.setdefault(rid, []).extend((rule.id, d) for d in per_rule[rule.id])
    return found


def _static_checks(rule: object) -> list[str]:
    """What a rule checks, read off it without a plan: its title, a record rule's record."""
    descriptions = [str(getattr(rule, "title", ""))]
    if isinstance(rule, RecordRule):
        descriptions += [f"the {rule.what} is recorded", *(c.description for c in rule.contents)]
    return [d for d in dict.fromkeys(descriptions) if d]


def _reasons(
    requirement: Requirement,
    checks: Sequence[tuple[str, str]],
    words: Mapping[str, str],
) -> tuple[Reason, ...]:
    """The checks sharing words with a passage (`words`: its tokens to its words)."""
    analyzer = _analyzer()
    candidates = list(checks) or [("", requirement.title)]
    found: list[tuple[int, int, Reason]] = []
    for i, (rule_id, description) in enumerate(candidates):
        tokens = analyzer.tokens(_PLACEHOLDERS.sub(" ", description))
        shared = tuple(dict.fromkeys(words[t] for t in tokens if t in words))
        if shared:
            reason = Reason(check=description, rule=rule_id or None, shared=shared)
            found.append((-len(shared), i, reason))
    return tuple(r for *_, r in sorted(found, key=lambda t: t[:2]))


def _matched_terms(
    terms: Sequence[str], tokens: Sequence[str], words: Sequence[str]
) -> tuple[str, ...]:
    """The terms the passage (`tokens`) holds word for word, then its other matched `words`.

    Common words ("from", "which") are not shown among the other words: they say nothing.

    A term is held when its tokens stand together, in order, in the passage's. A term whose
    words an earlier, longer one holds is left out ("exit triggers" before "triggers").
    """
    analyzer = _analyzer()
    text = " " + " ".join(tokens) + " "
    held: list[str] = []
    covered: set[str | None] = set()
    for term in sorted(terms, key=lambda t: -len(analyzer.tokens(t))):
        own = analyzer.tokens(term)
        if own and f" {' '.join(own)} " in text and not covered.issuperset(own):
            held.append(term)
            covered.update(own)
    held.sort(key=terms.index)
    others = (w for w in words if analyzer.stem(w) not in covered and w not in analyzer.common)
    return (*held, *others)


def suggest(
    catalogue: str | Catalogue,
    documents: object,
    *,
    top_k: int = 5,
    ranker: Ranker = "bm25",
    min_score: float | None = None,
    terms: EvidenceTerms | None = None,
    rules: Registry | None = None,
    plan: RelationshipManagementPlan | None = None,
) -> EvidenceSuggestions:
    """Suggest, per requirement of `catalogue`, the passages of `documents` that may evidence it.

    Args:
        catalogue: A catalogue or a built-in catalogue's name (`"iso44001"`).
        documents: A `DocumentSet`, Documents, or Passages.
        top_k: The most suggestions per requirement.
        ranker: `"bm25"` or `"bm25+embed"` (see `EvidenceIndex`).
        min_score: Leave out suggestions scoring below it.
        terms: The evidence terms; the built-in ones by default.
        rules: The rules whose checks give the reasons; the built-in ones by default.
        plan: A plan to observe the rules' checks on (their wording for its records); without
            one, each rule's title and record.

    Raises:
        ArgumentError: If `top_k` is not a whole number of at least 1, `ranker` is not known
            or `documents` is not an iterable.
        CatalogueError: If there is no such built-in catalogue.
        ImportError: If the ranker's extra is not installed (the message names it).

    Examples:
        >>> from collabrel.evidence._index import _example_passages
        >>> found = suggest("iso44001", _example_passages(), top_k=1)
        >>> found  # doctest: +ELLIPSIS
        <EvidenceSuggestions catalogue='iso44001:2017', method='bm25', requirements=74 ...>
        >>> best = found["CBR.S8.TRIGGERS"][0]
        >>> best.passage.text
        'Exit is triggered by persistent failure to meet the agreed targets.'
        >>> best.matched_terms
        ('exit triggers', 'persistent failure', 'agreed')
        >>> [str(r) for r in best.reasons]
        ['Exit triggers (exit, triggered)']

    With a plan, the reasons are the checks the rules make of it:

        >>> from collabrel import examples
        >>> found = suggest("iso44001", _example_passages(), top_k=1,
        ...                 plan=examples.load("alliance"))
        >>> [str(r) for r in found["CBR.S8.TRIGGERS"][0].reasons]
        ['exit triggers are agreed (exit, triggered, agreed)', 'the exit plan is recorded (exit)']
        >>> best.highlighted()[:43]
        '<mark>Exit</mark> is <mark>triggered</mark>'
    """
    if not _counts(top_k):
        raise ArgumentError("top_k", top_k, "a whole number of at least 1")
    cat = catalogue if isinstance(catalogue, Catalogue) else _builtin_catalogue(catalogue)
    chosen_terms = evidence_terms() if terms is None else terms
    index = EvidenceIndex(_passages(documents), ranker=ranker)
    checks = _rule_checks(default_rules() if rules is None else rules, plan)
    requirements = list(cat)
    results = index.search_many([query_parts(r, chosen_terms) for r in requirements], top_k)
    analyzer = _analyzer()
    suggestions: dict[str, tuple[EvidenceSuggestion, ...]] = {}
    for req, hits in zip(requirements, results, strict=True):
        own_terms = chosen_terms.get(req.id)
        kept: list[EvidenceSuggestion] = []
        for hit in hits:
            if min_score is not None and hit.score < min_score:
                continue
            pairs = analyzer.words(hit.passage.text)
            tokens = [t for _, t in pairs]
            words = {t: w for w, t in reversed(pairs)}
            kept.append(
                EvidenceSuggestion(
                    requirement=req.id,
                    passage=hit.passage,
                    rank=len(kept) + 1,
                    score=hit.score,
                    method=ranker,
                    matched_terms=_matched_terms(own_terms, tokens, hit.matched),
                    spans=hit.spans,
                    reasons=_reasons(req, checks.get(req.id, ()), words),
                )
            )
        suggestions[req.id] = tuple(kept)
    return EvidenceSuggestions(
        catalogue=cat.name,
        method=ranker,
        top_k=top_k,
        passages=len(index),
        suggestions=suggestions,
    )
