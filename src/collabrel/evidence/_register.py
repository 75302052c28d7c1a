r"""The plan's evidence register from documents: links made, reviewed, and told stale.

`link` turns a suggestion (or a passage) into a suggested `EvidenceLink` of the register,
with the document's hash and the passage's; `accept` and `reject` record a reviewer's
judgement; `stale_links` names the links whose document changed since they were made.

Examples:
    >>> from datetime import date
    >>> from collabrel.evidence import load_documents, read_document
    >>> doc = read_document(b"# Leadership\n\nThe board sponsors collaboration.\n",
    ...                     format="markdown", id="policy")
    >>> accepted = accept(doc.passages[1], "MS.5.1.LEADERSHIP", [doc],
    ...                   by="p-ser", on=date(2026, 3, 2))
    >>> print(accepted.describe())  # doctest: +ELLIPSIS
    policy, Leadership, paragraph 2: 'The board sponsors collaboration.' (accepted by p-ser ...)
    >>> changed = read_document(b"# Leadership\n\nThe board sponsors it.\n",
    ...                         format="markdown", id="policy")
    >>> stale_links([accepted], [changed]) == (accepted,)
    True
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Final

import attrs

from collabrel.errors import ArgumentError, InvalidFieldError
from collabrel.evidence._passages import Document, DocumentSet, Passage
from collabrel.evidence._suggest import EvidenceSuggestion
from collabrel.model import _display as d
from collabrel.model._evidence import EvidenceLink, EvidenceStatus
from collabrel.model._rmp import RelationshipManagementPlan

__all__ = ["QUOTE_LIMIT", "accept", "link", "reject", "stale_links"]

QUOTE_LIMIT: Final = 200
"""The longest excerpt of a passage a link keeps as its `quote`, in characters."""

Documents = DocumentSet | Iterable[Document]
"""Documents as `load_documents` gives them, or any iterable of `Document`s."""
Linkable = EvidenceSuggestion | Passage | EvidenceLink
"""What a link can be made from: a suggestion, a passage, or a link already in the register."""


def _by_id(documents: Documents) -> dict[str, Document]:
    if isinstance(documents, Document):
        documents = [documents]
    found: dict[str, Document] = {}
    for i, document in enumerate(documents):
        if not isinstance(document, Document):
            raise ArgumentError(f"documents[{i}]", document, "a Document")
        found[document.id] = document
    return found


def link(
    item: EvidenceSuggestion | Passage,
    requirement: str | None = None,
    documents: Documents = (),
) -> EvidenceLink:
    """A suggested link of the register for a suggestion or a passage.

    Args:
        item: A suggestion (its requirement is used) or a passage.
        requirement: The requirement id; needed for a passage, and for a suggestion must be
            its own if given.
        documents: The documents read; the passage's document must be among them (its
            file's sha256 goes into the link).

    Raises:
        ArgumentError: If `item` is not a suggestion or a passage, or an item of `documents`
            not a `Document`.
        InvalidFieldError: If the requirement is missing, not an id or not the suggestion's
            own, or the passage's document is not among `documents`.
    """
    if isinstance(item, EvidenceSuggestion):
        if requirement is not None and requirement != item.requirement:
            raise InvalidFieldError(
                "link", "requirement", requirement, f"the suggestion's own, {item.requirement!r}"
            )
        requirement, passage = item.requirement, item.passage
    elif isinstance(item, Passage):
        passage = item
    else:
        raise ArgumentError("item", item, "an EvidenceSuggestion or a Passage")
    if requirement is None:
        raise InvalidFieldError(
            "link", "requirement", None, "the requirement the passage evidences"
        )
    document = _by_id(documents).get(passage.document)
    if document is None:
        raise InvalidFieldError(
            "link", "documents", passage.document, "documents that include the passage's document"
        )
    return EvidenceLink(
        requirement=requirement,
        document=document.id,
        document_sha256=document.sha256,
        location=passage.location,
        quote_sha256=passage.sha256,
        quote=d.clip(passage.text, QUOTE_LIMIT),
    )


def _reviewed(
    status: EvidenceStatus,
    item: Linkable,
    requirement: str | None,
    *,
    documents: Documents,
    by: str,
    on: date,
    note: str | None,
) -> EvidenceLink:
    base = item if isinstance(item, EvidenceLink) else link(item, requirement, documents)
    return attrs.evolve(base, status=status, reviewed_by=by, reviewed_on=on, note=note)


def accept(
    item: Linkable,
    requirement: str | None = None,
    documents: Documents = (),
    *,
    by: str,
    on: date,
    note: str | None = None,
) -> EvidenceLink:
    """A link accepted by `by` on `on`: of a suggestion, a passage or a register link.

    A register link keeps what it says and gains the review; a suggestion or a passage is
    linked as `link` does first.

    Raises:
        ArgumentError: As `link` does.
        InvalidFieldError: As `link` does, or if `by` is not an id or `on` not a date.
    """
    return _reviewed(
        EvidenceStatus.ACCEPTED, item, requirement, documents=documents, by=by, on=on, note=note
    )


def reject(
    item: Linkable,
    requirement: str | None = None,
    documents: Documents = (),
    *,
    by: str,
    on: date,
    note: str | None = None,
) -> EvidenceLink:
    """A link rejected by `by` on `on`; otherwise as `accept`.

    Raises:
        ArgumentError: As `link` does.
        InvalidFieldError: As `link` does, or if `by` is not an id or `on` not a date.
    """
    return _reviewed(
        EvidenceStatus.REJECTED, item, requirement, documents=documents, by=by, on=on, note=note
    )


def stale_links(
    plan: RelationshipManagementPlan | Iterable[EvidenceLink], documents: Documents
) -> tuple[EvidenceLink, ...]:
    """The register's links whose document changed: its sha256 differs or the passage is gone.

    A link whose document is not among `documents` is not judged (nothing says it changed).
    Rejected links are judged too: a changed document may now say what was missing.

    Args:
        plan: A plan (its `evidence`) or the links themselves.
        documents: The documents as they are now.

    Raises:
        ArgumentError: If an item of `documents` is not a `Document`.
    """
    links = plan.evidence if isinstance(plan, RelationshipManagementPlan) else tuple(plan)
    current = _by_id(documents)
    held: dict[str, frozenset[str]] = {}  # document id: its passages' hashes
    stale = []
    for item in links:
        document = current.get(item.document)
        if document is None:
            continue
        hashes = held.get(document.id)
        if hashes is None:
            hashes = held[document.id] = frozenset(p.sha256 for p in document.passages)
        if document.sha256 != item.document_sha256 or item.quote_sha256 not in hashes:
            stale.append(item)
    return tuple(stale)
