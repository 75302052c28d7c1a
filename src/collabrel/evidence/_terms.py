"""Evidence terms: per requirement, the words organisations use for what evidences it.

One source: `collabrel/conformance/data/evidence-terms.yaml`, keyed by requirement id and
shared by every catalogue that holds the id (BS 11000-1:2010 and ISO 44001:2017 use the same
ids). It is read as catalogues are read (safely, through collabrel.serialization) and checked
throughout: every id known, every term non-empty text, no term twice for one requirement. A
requirement's query is its title, its paraphrase and its terms (`query`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from functools import cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any, Final

from attrs import field, frozen

from collabrel.conformance import Catalogue, Requirement, catalogue, catalogues
from collabrel.conformance._catalogue import _read_yaml
from collabrel.errors import CatalogueError, Problem
from collabrel.model._finding import REQUIREMENT_PATTERN

__all__ = [
    "TERMS_FORMAT",
    "EvidenceTerms",
    "evidence_terms",
    "load_terms",
    "parse_terms",
    "query",
    "query_parts",
]

TERMS_FORMAT: Final = 1
"""The evidence-terms file format this release reads."""

_FILENAME: Final = "evidence-terms.yaml"
_ID: Final = re.compile(REQUIREMENT_PATTERN)
_TOP_KEYS: Final = frozenset({"format", "terms"})


def _frozen_terms(value: Mapping[str, Iterable[str]]) -> Mapping[str, tuple[str, ...]]:
    return MappingProxyType({str(k): tuple(v) for k, v in value.items()})


@frozen(kw_only=True, repr=False)
class EvidenceTerms:
    """Per requirement id, the terms its evidence is looked for by (synonyms, abbreviations).

    Its `repr` is one line, its requirements and terms counted.

    Examples:
        >>> terms = evidence_terms()
        >>> "senior executive responsible" in terms["CBR.S1.SER"]
        True
        >>> terms.get("NO.SUCH.ID")
        ()
        >>> terms  # doctest: +ELLIPSIS
        <EvidenceTerms requirements=74, terms=..., source='evidence-terms.yaml'>
    """

    terms: Mapping[str, tuple[str, ...]] = field(converter=_frozen_terms)
    source: str | None = field(default=None, eq=False)

    def __repr__(self) -> str:
        count = sum(len(t) for t in self.terms.values())
        return (
            f"<EvidenceTerms requirements={len(self.terms)}, terms={count}, source={self.source!r}>"
        )

    def __iter__(self) -> Iterator[str]:
        return iter(self.terms)

    def __len__(self) -> int:
        return len(self.terms)

    def __contains__(self, requirement_id: object) -> bool:
        return requirement_id in self.terms

    def __getitem__(self, requirement_id: str) -> tuple[str, ...]:
        try:
            return self.terms[requirement_id]
        except KeyError:
            msg = f"no evidence terms for requirement {requirement_id!r}"
            raise KeyError(msg) from None

    def get(self, requirement_id: str) -> tuple[str, ...]:
        """The terms of `requirement_id`, or `()` when it has none."""
        return self.terms.get(requirement_id, ())


def query(requirement: Requirement, terms: EvidenceTerms | None = None) -> str:
    """What a requirement's evidence is searched by: its title, paraphrase and terms.

    Args:
        requirement: The requirement.
        terms: The terms to add; the built-in ones (`evidence_terms()`) by default.

    Examples:
        >>> from collabrel.conformance import catalogue
        >>> q = query(catalogue("iso44001")["CBR.S8.TRIGGERS"])
        >>> q.startswith("Triggers for exit agreed. The exit plan defines"), "break clause" in q
        (True, True)
    """
    return " ".join(query_parts(requirement, terms))


def query_parts(requirement: Requirement, terms: EvidenceTerms | None = None) -> tuple[str, ...]:
    """A requirement's query in parts: its title and paraphrase, then each of its terms.

    `query` joins them; an embedding ranker embeds each part and takes their mean.

    Examples:
        >>> from collabrel.conformance import catalogue
        >>> parts = query_parts(catalogue("iso44001")["CBR.S8.TRIGGERS"])
        >>> parts[0][:50], "break clause" in parts[1:]
        ('Triggers for exit agreed. The exit plan defines th', True)
    """
    chosen = evidence_terms() if terms is None else terms
    return (f"{requirement.title}. {requirement.text}", *chosen.get(requirement.id))


@cache
def evidence_terms() -> EvidenceTerms:
    """The built-in evidence terms, loaded once and checked against the built-in catalogues.

    Examples:
        >>> len(evidence_terms()) == len(catalogue("iso44001:2017"))
        True
    """
    data = resources.files("collabrel.conformance").joinpath("data", _FILENAME).read_bytes()
    known = [catalogue(name) for name in catalogues()]
    return parse_terms(_read_yaml(data, _FILENAME), source=_FILENAME, catalogues=known)


def load_terms(path: str | Path, *, catalogues: Iterable[Catalogue] = ()) -> EvidenceTerms:
    """Load an evidence-terms file of your own (the built-in file's format).

    Args:
        path: The YAML file.
        catalogues: When given, every requirement id must be in one of them.

    Raises:
        CatalogueError: With every problem and its path.
        OSError: If the file cannot be read.
    """
    p = Path(path)
    return parse_terms(_read_yaml(p.read_bytes(), str(p)), source=str(p), catalogues=catalogues)


def parse_terms(
    data: object, *, source: str | None = None, catalogues: Iterable[Catalogue] = ()
) -> EvidenceTerms:
    """Evidence terms from plain data (a parsed terms file), checked throughout.

    Checks: the format, that `terms` maps requirement ids (well formed, and in one of
    `catalogues` when they are given) to non-empty lists of non-empty text, and that no
    term repeats for one requirement (ignoring case).

    Raises:
        CatalogueError: With every problem found and its path.

    Examples:
        >>> parse_terms({"format": 1, "terms": {"CBR.S1.SER": ["SER", "senior executive"]}})
        <EvidenceTerms requirements=1, terms=2, source=None>
        >>> parse_terms({"format": 1, "terms": {"CBR.S1.SER": ["SER", "ser", ""]}})
        Traceback (most recent call last):
        ...
        collabrel.errors.CatalogueError: 2 problems in the document:
          terms.CBR.S1.SER[1]: repeats 'SER'
          terms.CBR.S1.SER[2]: must be non-empty text (got '')
    """
    problems: list[Problem] = []
    top = data if isinstance(data, Mapping) else {}
    if not isinstance(data, Mapping):
        problems.append(Problem("", f"must be a mapping (got {type(data).__name__})"))
    problems += [Problem(str(k), "is not a known field") for k in top if k not in _TOP_KEYS]
    if top and top.get("format") != TERMS_FORMAT:
        got = top.get("format")
        problems.append(Problem("format", f"must be {TERMS_FORMAT} (got {got!r})"))
    known = {rid for cat in catalogues for rid in cat.ids}
    raw = top.get("terms", {})
    if not isinstance(raw, Mapping):
        problems.append(Problem("terms", f"must be a mapping (got {type(raw).__name__})"))
        raw = {}
    found: dict[str, tuple[str, ...]] = {}
    for rid, items in raw.items():
        path = f"terms.{rid}"
        if not (isinstance(rid, str) and _ID.match(rid)):
            problems.append(
                Problem(path, f"must be a requirement id such as 'CBR.S5.RACI' (got {rid!r})")
            )
            continue
        if known and rid not in known:
            problems.append(Problem(path, "is not a requirement of the catalogues"))
        found[rid] = _term_list(items, path, problems)
    if problems:
        raise CatalogueError(problems, source=source)
    return EvidenceTerms(terms=found, source=source)


def _term_list(items: Any, path: str, problems: list[Problem]) -> tuple[str, ...]:
    if not isinstance(items, list) or not items:
        problems.append(Problem(path, f"must be a non-empty list of terms (got {items!r})"))
        return ()
    seen: dict[str, str] = {}
    for i, term in enumerate(items):
        if not isinstance(term, str) or not term.strip():
            problems.append(Problem(f"{path}[{i}]", f"must be non-empty text (got {term!r})"))
            continue
        key = " ".join(term.split()).casefold()
        if key in seen:
            problems.append(Problem(f"{path}[{i}]", f"repeats {seen[key]!r}"))
            continue
        seen[key] = " ".join(term.split())
    return tuple(seen.values())
