r"""Evidence from office documents: passages of policies, minutes and plans mapped to requirements.

Offline by construction: no model or data is downloaded at run time (the `evidence` and
`evidence-embed` extras ship everything they use).

`read_document` reads one DOCX, PDF, Markdown or text file into `Passage`s, each with its
`PassageLocation` (page, heading path, place in the document) and the sha256 of its
normalised text; `load_documents` reads many into a `DocumentSet`, where a document that
cannot be read is a `DocumentProblem` and the others are read. `EvidenceLimits` bounds the
size, pages and passages of each document. `EvidenceIndex` ranks passages for a query (BM25,
optionally combined with an embedding model shipped in a package); `suggest` proposes, for each
requirement of a catalogue, the passages that may evidence it, with the matched terms and the
reasons (`EvidenceSuggestions`). `link`, `accept` and `reject` make the plan's evidence
register (`EvidenceLink`s in `RelationshipManagementPlan.evidence`) from suggestions, and
`stale_links` names the links whose document changed since.

Examples:
    >>> from collabrel.evidence import read_document
    >>> doc = read_document(b"# Exit plan\n\n- Triggers agreed\n", format="markdown", id="x")
    >>> [(p.kind, p.text) for p in doc.passages]
    [('heading', 'Exit plan'), ('list_item', 'Triggers agreed')]
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from collabrel.evidence._index import RANKERS, EvidenceIndex, Hit, Ranker, Span, highlight
    from collabrel.evidence._passages import (
        FORMATS,
        PASSAGE_KINDS,
        Document,
        DocumentFormat,
        DocumentProblem,
        DocumentSet,
        EvidenceError,
        Passage,
        PassageKind,
        PassageLocation,
        normalise_text,
        text_sha256,
    )
    from collabrel.evidence._readers import (
        SUFFIXES,
        EvidenceLimits,
        load_documents,
        read_document,
    )
    from collabrel.evidence._register import QUOTE_LIMIT, accept, link, reject, stale_links
    from collabrel.evidence._suggest import (
        EvidenceSuggestion,
        EvidenceSuggestions,
        Reason,
        mark,
        suggest,
    )
    from collabrel.evidence._terms import EvidenceTerms, evidence_terms

_LAZY: Final[dict[str, str]] = {
    **dict.fromkeys(("RANKERS", "EvidenceIndex", "Hit", "Ranker", "Span", "highlight"), "_index"),
    **dict.fromkeys(
        (
            "FORMATS",
            "PASSAGE_KINDS",
            "Document",
            "DocumentFormat",
            "DocumentProblem",
            "DocumentSet",
            "EvidenceError",
            "Passage",
            "PassageKind",
            "PassageLocation",
            "normalise_text",
            "text_sha256",
        ),
        "_passages",
    ),
    **dict.fromkeys(("QUOTE_LIMIT", "accept", "link", "reject", "stale_links"), "_register"),
    **dict.fromkeys(("SUFFIXES", "EvidenceLimits", "load_documents", "read_document"), "_readers"),
    **dict.fromkeys(
        ("EvidenceSuggestion", "EvidenceSuggestions", "Reason", "mark", "suggest"), "_suggest"
    ),
    **dict.fromkeys(("EvidenceTerms", "evidence_terms"), "_terms"),
}


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        msg = f"module 'collabrel.evidence' has no attribute {name!r}"
        raise AttributeError(msg)
    value = getattr(importlib.import_module(f"collabrel.evidence.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})


__all__ = [
    "FORMATS",
    "PASSAGE_KINDS",
    "QUOTE_LIMIT",
    "RANKERS",
    "SUFFIXES",
    "Document",
    "DocumentFormat",
    "DocumentProblem",
    "DocumentSet",
    "EvidenceError",
    "EvidenceIndex",
    "EvidenceLimits",
    "EvidenceSuggestion",
    "EvidenceSuggestions",
    "EvidenceTerms",
    "Hit",
    "Passage",
    "PassageKind",
    "PassageLocation",
    "Ranker",
    "Reason",
    "Span",
    "accept",
    "evidence_terms",
    "highlight",
    "link",
    "load_documents",
    "mark",
    "normalise_text",
    "read_document",
    "reject",
    "stale_links",
    "suggest",
    "text_sha256",
]
