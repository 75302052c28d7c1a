"""The labelled evidence set (`passages.yaml` beside this file): its shape and its coverage.

The set is the ground truth the evidence retrieval is measured against (`evaluate.py`), so
these tests hold what the measurement relies on: ids are unique, every label is a requirement
of the ISO 44001 catalogue, every document is there in strength, there are enough passages
and enough distractors, and every requirement is evidenced by at least two passages from two
different documents (a retriever must find it in more than one place).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from functools import cache
from pathlib import Path
from typing import Final

import pytest
import yaml

from collabrel.conformance import catalogue

SET: Final = Path(__file__).with_name("passages.yaml")
CATALOGUE: Final = "iso44001:2017"

MIN_PASSAGES: Final = 150
MIN_DISTRACTORS: Final = 30
MIN_PER_DOCUMENT: Final = 5
MIN_PER_REQUIREMENT: Final = 2
MIN_NOT_ASSESSABLE: Final = 3
MAX_LABELS: Final = 3
TEXT_CHARS: Final = (40, 700)  # about one to five sentences

DOCUMENT_KINDS: Final = frozenset(
    {
        "policy",
        "business_case",
        "assessment",
        "report",
        "plan",
        "minutes",
        "register",
        "review",
        "framework",
        "procedure",
        "charter",
        "audit",
        "handbook",
    }
)
PASSAGE_KINDS: Final = frozenset({"paragraph", "list_item", "table_row"})
DOCUMENT_KEYS: Final = frozenset({"id", "title", "kind", "organisation"})
PASSAGE_KEYS: Final = frozenset({"id", "document", "heading", "kind", "text", "evidences"})
OPTIONAL_PASSAGE_KEYS: Final = frozenset({"note"})

THIN: Final[dict[str, str]] = {}
"""Requirements allowed fewer than two passages, or passages from one document only, each with
the reason. Empty today: every requirement of the catalogue is evidenced in two documents.
Add an entry only where real organisations keep the evidence in one place alone."""


@cache
def _set() -> dict:
    with SET.open(encoding="utf-8") as f:
        return yaml.safe_load(f)


def _passages() -> list[dict]:
    return _set()["passages"]


def _documents() -> list[dict]:
    return _set()["documents"]


@cache
def _requirement_ids() -> frozenset[str]:
    return frozenset(r.id for r in catalogue(CATALOGUE).requirements)


def _where(passage: dict) -> str:
    return f"passage {passage.get('id', '?')!r}"


def test_header_names_the_format_and_the_catalogue():
    assert _set()["format"] == 1
    assert _set()["catalogue"] == CATALOGUE


def test_documents_are_well_formed_and_unique():
    ids = [d["id"] for d in _documents()]
    assert len(ids) == len(set(ids)), [i for i, n in Counter(ids).items() if n > 1]
    for d in _documents():
        assert set(d) == DOCUMENT_KEYS, f"document {d.get('id')!r}: keys {sorted(d)}"
        assert d["kind"] in DOCUMENT_KINDS, f"document {d['id']!r}: kind {d['kind']!r}"
        assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", d["id"]), d["id"]
        assert d["title"].strip(), d["id"]
        assert d["organisation"].strip(), d["id"]


def test_passages_are_well_formed():
    documents = {d["id"] for d in _documents()}
    requirements = _requirement_ids()
    for p in _passages():
        keys = set(p)
        assert PASSAGE_KEYS <= keys <= PASSAGE_KEYS | OPTIONAL_PASSAGE_KEYS, (
            f"{_where(p)}: keys {sorted(keys)}"
        )
        assert p["document"] in documents, f"{_where(p)}: unknown document {p['document']!r}"
        assert p["kind"] in PASSAGE_KINDS, f"{_where(p)}: kind {p['kind']!r}"
        heading = p["heading"]
        assert isinstance(heading, list), f"{_where(p)}: heading is not a list"
        assert heading, f"{_where(p)}: empty heading path"
        assert all(isinstance(h, str) and h.strip() for h in heading), _where(p)
        text = p["text"]
        assert isinstance(text, str), f"{_where(p)}: text is not a string"
        assert TEXT_CHARS[0] <= len(text) <= TEXT_CHARS[1], f"{_where(p)}: {len(text)} chars"
        assert text == text.strip(), f"{_where(p)}: text has surrounding blanks"
        labels = p["evidences"]
        assert isinstance(labels, list), f"{_where(p)}: evidences is not a list"
        assert len(labels) <= MAX_LABELS, f"{_where(p)}: {len(labels)} labels"
        assert len(labels) == len(set(labels)), f"{_where(p)}: a label repeated"
        unknown = sorted(set(labels) - requirements)
        assert not unknown, f"{_where(p)}: not in {CATALOGUE}: {unknown}"
        if "note" in p:
            assert isinstance(p["note"], str), f"{_where(p)}: note is not a string"
            assert p["note"].strip(), f"{_where(p)}: empty note"


def test_passage_ids_are_unique():
    ids = [p["id"] for p in _passages()]
    assert len(ids) == len(set(ids)), [i for i, n in Counter(ids).items() if n > 1]


def test_no_text_is_repeated():
    seen: dict[str, str] = {}
    for p in _passages():
        key = " ".join(p["text"].lower().split())
        assert key not in seen, f"{_where(p)} repeats the text of {seen[key]!r}"
        seen[key] = p["id"]


def test_the_set_is_large_enough():
    passages = _passages()
    distractors = [p for p in passages if not p["evidences"]]
    assert len(passages) >= MIN_PASSAGES
    assert len(distractors) >= MIN_DISTRACTORS


def test_every_document_has_enough_passages():
    counts = Counter(p["document"] for p in _passages())
    thin = {d["id"]: counts[d["id"]] for d in _documents() if counts[d["id"]] < MIN_PER_DOCUMENT}
    assert not thin, f"documents with fewer than {MIN_PER_DOCUMENT} passages: {thin}"


def _evidenced_in() -> dict[str, list[dict]]:
    found: dict[str, list[dict]] = defaultdict(list)
    for p in _passages():
        for label in p["evidences"]:
            found[label].append(p)
    return found


def _is_thin(passages: list[dict]) -> bool:
    documents = {p["document"] for p in passages}
    return len(passages) < MIN_PER_REQUIREMENT or len(documents) < MIN_PER_REQUIREMENT


@pytest.mark.parametrize("requirement", sorted(_requirement_ids()))
def test_every_requirement_is_evidenced_in_two_documents(requirement):
    passages = _evidenced_in().get(requirement, [])
    if requirement in THIN:
        pytest.skip(f"allowed thin: {THIN[requirement]}")
    assert not _is_thin(passages), (
        f"{requirement}: {len(passages)} passages in "
        f"{sorted({p['document'] for p in passages})}; write more, or add it to THIN with a reason"
    )


def test_thin_allowances_are_needed_and_explained():
    found = _evidenced_in()
    for requirement, reason in THIN.items():
        assert requirement in _requirement_ids(), f"THIN names unknown {requirement!r}"
        assert reason.strip(), f"THIN[{requirement!r}] gives no reason"
        assert _is_thin(found.get(requirement, [])), f"THIN[{requirement!r}] is no longer thin"


def test_requirements_not_assessable_from_records_have_more_evidence():
    # The point of the feature: what a plan's records cannot show, documents may. Each such
    # requirement has a passage more than the minimum, in at least two documents (held above).
    not_assessable = {r.id for r in catalogue(CATALOGUE).not_assessable()}
    assert not_assessable, "the catalogue lost its not-assessable requirements"
    found = _evidenced_in()
    short = {
        r: len(found.get(r, []))
        for r in sorted(not_assessable)
        if len(found.get(r, [])) < MIN_NOT_ASSESSABLE
    }
    assert not short, f"fewer than {MIN_NOT_ASSESSABLE} passages: {short}"


def test_distractors_come_from_most_documents():
    # Distractors sit among the evidence, not only in the two noise documents.
    with_distractors = {p["document"] for p in _passages() if not p["evidences"]}
    assert len(with_distractors) >= len(_documents()) // 2
