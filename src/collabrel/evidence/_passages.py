"""What reading a document gives: `Passage`, `Document`, `DocumentSet`, and their errors.

A passage is one paragraph, heading, list item or table row of a document, with where it is
(`PassageLocation`, the model's: the page of a PDF, the headings above it, its place in the
document) and the sha256 of its normalised text (`normalise_text`), so a link to it can tell
later whether the document still says the same thing. Nothing here reads a file: the readers
(`_readers.py`) build these.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterator
from typing import Final, Literal

from attrs import Factory, field, frozen
from attrs.validators import deep_iterable, in_, instance_of

from collabrel.errors import CollabrelError, InvalidFieldError
from collabrel.model import _display as d
from collabrel.model import _validators as v
from collabrel.model._evidence import PassageLocation

__all__ = [
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
    "collapse_space",
    "normalise_text",
    "text_sha256",
]

PassageKind = Literal["paragraph", "heading", "table_row", "list_item"]
PASSAGE_KINDS: Final[tuple[PassageKind, ...]] = ("paragraph", "heading", "table_row", "list_item")

DocumentFormat = Literal["docx", "pdf", "markdown", "text"]
FORMATS: Final[tuple[DocumentFormat, ...]] = ("docx", "pdf", "markdown", "text")

_SPACE: Final = re.compile(r"\s+")
_SHA256: Final = v.sha256()


def collapse_space(text: str) -> str:
    r"""`text` with each run of white space (line breaks too) as one space, stripped.

    Examples:
        >>> collapse_space("  agreed by\n the  board ")
        'agreed by the board'
    """
    return _SPACE.sub(" ", text).strip()


def normalise_text(text: str) -> str:
    r"""`text` as it is hashed and compared: Unicode NFKC, runs of white space as one space.

    Layout is not content: a paragraph re-flowed, re-indented or written with a non-breaking
    space or a ligature (`ﬁ`) normalises to the same text. Case and punctuation are kept.

    Examples:
        >>> normalise_text("  The alliance\u00a0board\n  meets  monthly. ")
        'The alliance board meets monthly.'
        >>> normalise_text("ﬁnance") == normalise_text("finance")
        True
    """
    return collapse_space(unicodedata.normalize("NFKC", text))


def text_sha256(text: str) -> str:
    r"""The sha256 (hex) of `normalise_text(text)` encoded as UTF-8: a passage's content hash.

    Examples:
        >>> text_sha256("Exit plan agreed.") == text_sha256(" Exit  plan\nagreed. ")
        True
        >>> text_sha256("Exit plan agreed.")[:12]
        '2d315fe5f269'
    """
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()


def _own_sha256(passage: Passage) -> str:
    return text_sha256(passage.text)


@frozen(kw_only=True)
class Passage:
    """One paragraph, heading, list item or table row of a document.

    Attributes:
        document: The id of the document it belongs to (the file name's stem by default).
        source: The document's path as given (or `"<bytes>"`).
        text: The passage's text, white space collapsed; a table row is written
            `header: cell; header: cell`.
        location: Where it is: page, heading path, place in the document.
        kind: `"paragraph"`, `"heading"`, `"table_row"` or `"list_item"`.
        sha256: The sha256 of `normalise_text(text)`; computed from `text` when not given.

    Examples:
        >>> p = Passage(document="policy", source="policy.md", text="The SER is named.",
        ...             location=PassageLocation(paragraph=1))
        >>> p.kind, p.sha256 == text_sha256("The SER is named.")
        ('paragraph', True)
    """

    document: str = field(validator=v.text())
    source: str = field(validator=v.text())
    text: str = field(validator=v.text())
    location: PassageLocation = field(validator=instance_of(PassageLocation))
    kind: PassageKind = field(default="paragraph", validator=in_(PASSAGE_KINDS))
    sha256: str = field(default=Factory(_own_sha256, takes_self=True), validator=_SHA256)


@frozen(kw_only=True, repr=False)
class Document:
    r"""A document read into passages.

    Attributes:
        id: The document's id (the file name's stem by default).
        source: Its path as given (or `"<bytes>"`).
        sha256: The sha256 (hex) of the file's bytes: a changed file has another.
        format: `"docx"`, `"pdf"`, `"markdown"` or `"text"`.
        passages: Its passages in reading order.
        pages: The number of pages of a PDF; `None` for other formats.
        warnings: What the reader noticed but read past, e.g. `"no text (image-only PDF?)"`.

    Examples:
        >>> from collabrel.evidence import read_document
        >>> doc = read_document(b"# Policy\n\nThe board owns it.\n", format="markdown",
        ...                     id="policy")
        >>> [(p.kind, p.text, p.location.heading_path) for p in doc.passages]
        [('heading', 'Policy', ('Policy',)), ('paragraph', 'The board owns it.', ('Policy',))]
    """

    id: str = field(validator=v.text())
    source: str = field(validator=v.text())
    sha256: str = field(validator=_SHA256)
    format: DocumentFormat = field(validator=in_(FORMATS))
    passages: tuple[Passage, ...] = field(
        default=(), converter=v.to_tuple, validator=deep_iterable(instance_of(Passage))
    )
    pages: int | None = field(default=None, validator=v.optional(v.integer(low=0)))
    warnings: tuple[str, ...] = field(
        default=(), converter=v.to_tuple, validator=deep_iterable(v.text())
    )

    __repr__ = d.summary_repr


@frozen(kw_only=False)
class DocumentProblem:
    """A document `load_documents` could not read: its source and why.

    Attributes:
        source: The path as given.
        message: What is wrong, e.g. `"encrypted PDF: it needs a password"`.

    Examples:
        >>> print(DocumentProblem("minutes.pdf", "encrypted PDF: it needs a password"))
        minutes.pdf: encrypted PDF: it needs a password
    """

    source: str = field(validator=v.text())
    message: str = field(validator=v.text())

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"


def _unique_ids(
    _instance: DocumentSet, _attribute: object, documents: tuple[Document, ...]
) -> None:
    seen: set[str] = set()
    for document in documents:
        if document.id in seen:
            raise InvalidFieldError(
                "DocumentSet", "documents", document.id, "documents with distinct ids"
            )
        seen.add(document.id)


@frozen(kw_only=True, repr=False)
class DocumentSet:
    """The documents `load_documents` read, and a problem for each one it could not.

    Attributes:
        documents: The documents read, in the order given; ids are distinct.
        problems: One per document that could not be read, in the order given.

    Examples:
        >>> empty = DocumentSet()
        >>> empty.passages, empty.problems
        ((), ())
    """

    documents: tuple[Document, ...] = field(
        default=(),
        converter=v.to_tuple,
        validator=[deep_iterable(instance_of(Document)), _unique_ids],
    )
    problems: tuple[DocumentProblem, ...] = field(
        default=(), converter=v.to_tuple, validator=deep_iterable(instance_of(DocumentProblem))
    )

    @property
    def passages(self) -> tuple[Passage, ...]:
        """Every document's passages, document by document, in reading order."""
        return tuple(p for document in self.documents for p in document.passages)

    def __iter__(self) -> Iterator[Document]:
        return iter(self.documents)

    def __len__(self) -> int:
        return len(self.documents)

    __repr__ = d.summary_repr


class EvidenceError(CollabrelError, ValueError):
    """A document cannot be read as evidence: encrypted, corrupt, too big, of unknown kind.

    Attributes:
        source: The path as given (or `"<bytes>"`).
        reason: Why, in words, e.g. `"encrypted PDF: it needs a password"`.

    Examples:
        >>> err = EvidenceError("minutes.pdf", "encrypted PDF: it needs a password")
        >>> print(err)
        cannot read 'minutes.pdf': encrypted PDF: it needs a password
    """

    def __init__(self, source: str, reason: str) -> None:
        self.source = source
        self.reason = reason
        super().__init__(f"cannot read {source!r}: {reason}")

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.source, self.reason))
