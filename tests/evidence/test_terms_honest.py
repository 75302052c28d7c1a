"""The evidence terms are the words organisations use, not phrases copied from the labelled set.

Tuning the terms on the set's misses could quietly turn them into quotations of its passages,
which would inflate the evaluation. A term of three words or more that appears word for word in
a labelled passage is refused, unless it is the established name of a thing (a record, a role,
a document) listed in `ESTABLISHED`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

import yaml

from collabrel.evidence import evidence_terms

SET: Final = Path(__file__).with_name("passages.yaml")

ESTABLISHED: Final = frozenset(
    {
        "business management system",
        "collaborative working policy",
        "decision to proceed",
        "initial risk assessment",
        "joint relationship management plan",
        "joint risk register",
        "need to know",
        "next review due",
        "out of scope",
        "outline business case",
        "partner selection strategy",
        "relationship management plan",
        "risks of collaborating",
        "senior executive responsible",
        "terms of reference",
        "who does what",
    }
)


def _passage_text() -> str:
    data = yaml.safe_load(SET.read_text(encoding="utf-8"))
    return "\n".join(p["text"].lower() for p in data["passages"])


def test_no_term_quotes_the_labelled_set() -> None:
    """No long term is a phrase of a labelled passage, other than established names."""
    text = _passage_text()
    terms = evidence_terms()
    quoted = sorted(
        {
            term
            for requirement in terms
            for term in terms[requirement]
            if len(term.split()) >= 3 and term.lower() in text and term.lower() not in ESTABLISHED
        }
    )
    assert not quoted, f"terms quoting the labelled set: {quoted}"


def test_established_names_are_still_terms() -> None:
    """Every allowed name is still a term (the list shrinks with the terms)."""
    terms = evidence_terms()
    every = {t.lower() for r in terms for t in terms[r]}
    assert every >= ESTABLISHED
