"""The plan's evidence register: links from a requirement to a passage of a document.

A link says which passage of which document evidences a requirement, by the document's
hash and the passage's hash, so a later reading can tell whether the document still says
it; and whether a reviewer accepted or rejected it, who and when. Nothing here reads a
document: `collabrel.evidence` reads them, suggests links and tells stale ones.
"""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import Any, Final

from attrs import field, frozen

from collabrel.errors import InvalidFieldError
from collabrel.model import _validators as v

__all__ = ["EvidenceLink", "EvidenceStatus", "PassageLocation"]

_SHA256: Final = v.sha256()


class EvidenceStatus(Enum):
    """Where a link of the evidence register stands: suggested, or judged by a reviewer."""

    SUGGESTED = "suggested"
    ACCEPTED = "accepted"
    REJECTED = "rejected"

    __hash__ = object.__hash__

    @property
    def is_reviewed(self) -> bool:
        """Whether a reviewer judged the link (accepted or rejected it)."""
        return self is not EvidenceStatus.SUGGESTED


@frozen(kw_only=True)
class PassageLocation:
    """Where a passage is in its document.

    Attributes:
        paragraph: The passage's place in the document, 1-based, counting every passage
            (headings, list items and table rows too) in reading order.
        page: The 1-based page of a PDF; `None` for formats without pages.
        heading_path: The headings above the passage, outermost first; a heading's own path
            ends with itself. Empty before the first heading.

    Examples:
        >>> where = PassageLocation(paragraph=3, page=2, heading_path=["Governance", "Board"])
        >>> where
        PassageLocation(paragraph=3, page=2, heading_path=('Governance', 'Board'))
        >>> where.describe()
        'page 2, Governance > Board, paragraph 3'
    """

    paragraph: int = field(validator=v.integer(low=1))
    page: int | None = v.optional_integer(low=1)
    heading_path: tuple[str, ...] = field(
        default=(), converter=v.to_tuple, validator=v.items(str, element_check=v.text())
    )

    def describe(self) -> str:
        """The location in words: page (if any), headings (if any), paragraph."""
        parts = [f"page {self.page}"] if self.page is not None else []
        if self.heading_path:
            parts.append(" > ".join(self.heading_path))
        parts.append(f"paragraph {self.paragraph}")
        return ", ".join(parts)


@frozen(kw_only=True)
class EvidenceLink:
    """One entry of the evidence register: a passage of a document offered for a requirement.

    A suggested link awaits a reviewer; an accepted or rejected one names who judged it and
    on which day. Accepted evidence is shown under its requirement in conformance reports,
    for the auditor to judge: it never makes a requirement pass.

    Attributes:
        requirement: The requirement id, e.g. `"MS.5.1.LEADERSHIP"`.
        document: The document's id (its file name's stem by default).
        document_sha256: The sha256 of the document's file when the link was made.
        location: Where the passage is in the document.
        quote_sha256: The sha256 of the passage's normalised text.
        quote: A short excerpt of the passage, for people; optional.
        status: Suggested, accepted or rejected.
        reviewed_by: The person (id) who accepted or rejected it.
        reviewed_on: The day they did.
        note: The reviewer's note.

    Raises:
        InvalidFieldError: A field has a bad value, or an accepted or rejected link does not
            say who reviewed it and when.

    Examples:
        >>> from datetime import date
        >>> link = EvidenceLink(requirement="MS.5.1.LEADERSHIP", document="policy",
        ...     document_sha256="a" * 64, location=PassageLocation(paragraph=4),
        ...     quote_sha256="b" * 64, quote="The board owns the policy.",
        ...     status=EvidenceStatus.ACCEPTED, reviewed_by="p-ser", reviewed_on=date(2026, 3, 2))
        >>> link.describe()
        "policy, paragraph 4: 'The board owns the policy.' (accepted by p-ser on 2026-03-02)"
        >>> EvidenceLink(requirement="MS.5.1.LEADERSHIP", document="policy",
        ...     document_sha256="a" * 64, location=PassageLocation(paragraph=4),
        ...     quote_sha256="b" * 64, status=EvidenceStatus.REJECTED)
        Traceback (most recent call last):
        ...
        collabrel.errors.InvalidFieldError: EvidenceLink.reviewed_by must be the person \
who reviewed a rejected link (got None).
    """

    requirement: str = field(validator=v.identifier())
    document: str = field(validator=v.text())
    document_sha256: str = field(validator=_SHA256)
    location: PassageLocation = field(validator=v.instance(PassageLocation))
    quote_sha256: str = field(validator=_SHA256)
    quote: str | None = v.optional_text()
    status: EvidenceStatus = field(
        default=EvidenceStatus.SUGGESTED, validator=v.member_of(EvidenceStatus)
    )
    reviewed_by: str | None = v.optional_id("person")
    reviewed_on: date | None = v.optional_date()
    note: str | None = v.optional_text()

    @reviewed_on.validator
    def _check_reviewed_on(self, _attribute: Any, value: date | None) -> None:
        if not self.status.is_reviewed:
            return
        if self.reviewed_by is None:
            raise InvalidFieldError(
                "EvidenceLink",
                "reviewed_by",
                None,
                f"the person who reviewed a {self.status.value} link",
            )
        if value is None:
            raise InvalidFieldError(
                "EvidenceLink",
                "reviewed_on",
                None,
                f"the day a {self.status.value} link was reviewed",
            )

    @property
    def is_accepted(self) -> bool:
        """Whether a reviewer accepted the link."""
        return self.status is EvidenceStatus.ACCEPTED

    def describe(self) -> str:
        """The link in one line for people: document, location, excerpt and its review."""
        text = f"{self.document}, {self.location.describe()}"
        if self.quote is not None:
            text += f": {self.quote!r}"
        if self.reviewed_by is not None and self.reviewed_on is not None:
            text += (
                f" ({self.status.value} by {self.reviewed_by} on {self.reviewed_on.isoformat()})"
            )
        else:
            text += f" ({self.status.value})"
        return text
