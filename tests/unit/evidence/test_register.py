"""The evidence register from documents: links made, reviewed and told stale."""

from __future__ import annotations

from datetime import date

import attrs
import pytest

from collabrel import examples
from collabrel.errors import ArgumentError, InvalidFieldError
from collabrel.evidence import Document, accept, link, read_document, reject, stale_links, suggest
from collabrel.model import EvidenceStatus

ON = date(2026, 3, 2)


def policy(text: bytes = b"The board sponsors collaboration.") -> Document:
    return read_document(b"# Leadership\n\n" + text + b"\n", format="markdown", id="policy")


class TestLink:
    def test_a_passage_becomes_a_suggested_link(self) -> None:
        """A link holds the document's and the passage's hashes, its place and an excerpt."""
        doc = policy()
        made = link(doc.passages[1], "MS.5.1.LEADERSHIP", [doc])
        assert made.status is EvidenceStatus.SUGGESTED
        assert (made.document, made.document_sha256) == ("policy", doc.sha256)
        assert made.quote_sha256 == doc.passages[1].sha256
        assert made.location == doc.passages[1].location
        assert made.quote == "The board sponsors collaboration."

    def test_a_long_passage_is_quoted_in_part(self) -> None:
        """The excerpt is at most QUOTE_LIMIT characters."""
        doc = policy(b"word " * 100)
        made = link(doc.passages[1], "MS.5.1.LEADERSHIP", doc)
        assert made.quote is not None
        assert len(made.quote) <= 200
        assert made.quote.endswith("…")

    def test_a_suggestion_brings_its_requirement(self) -> None:
        """A suggestion's requirement is the link's; another one given is refused."""
        doc = read_document(
            b"Ms Okafor is appointed as the senior executive responsible (SER).\n",
            format="text",
            id="policy",
        )
        best = next(s for s in suggest("iso44001", [doc]).suggestions.values() if s)[0]
        assert link(best, documents=[doc]).requirement == best.requirement
        with pytest.raises(InvalidFieldError) as caught:
            link(best, "NOT.ITS.OWN", [doc])
        assert caught.value.field == "requirement"

    def test_the_document_must_be_given(self) -> None:
        """Without the passage's document there is no file hash to record."""
        with pytest.raises(InvalidFieldError) as caught:
            link(policy().passages[1], "MS.5.1.LEADERSHIP")
        assert (caught.value.field, caught.value.value) == ("documents", "policy")

    def test_a_passage_needs_a_requirement(self) -> None:
        """A bare passage does not say which requirement it evidences."""
        doc = policy()
        with pytest.raises(InvalidFieldError) as caught:
            link(doc.passages[1], documents=[doc])
        assert caught.value.field == "requirement"


class TestReview:
    def test_accept_and_reject_record_who_and_when(self) -> None:
        """accept() and reject() set the status, the reviewer, the day and the note."""
        doc = policy()
        yes = accept(doc.passages[1], "MS.5.1.LEADERSHIP", [doc], by="h.okafor", on=ON)
        no = reject(yes, by="c.adeyemi", on=ON, note="Says nothing of resources.")
        assert (yes.status, yes.reviewed_by, yes.reviewed_on) == (
            EvidenceStatus.ACCEPTED,
            "h.okafor",
            ON,
        )
        assert (no.status, no.reviewed_by, no.note) == (
            EvidenceStatus.REJECTED,
            "c.adeyemi",
            "Says nothing of resources.",
        )
        assert no.quote_sha256 == yes.quote_sha256


class TestStaleLinks:
    def test_an_unchanged_document_keeps_its_links(self) -> None:
        """Links into the same file are not stale."""
        doc = policy()
        made = accept(doc.passages[1], "MS.5.1.LEADERSHIP", [doc], by="h.okafor", on=ON)
        assert stale_links([made], [policy()]) == ()

    def test_a_changed_document_marks_its_links_stale(self) -> None:
        """A document whose file hash differs makes its links stale, in a plan too."""
        doc = policy()
        made = accept(doc.passages[1], "MS.5.1.LEADERSHIP", [doc], by="h.okafor", on=ON)
        rmp = attrs.evolve(examples.load("alliance"), evidence=[made])
        assert stale_links(rmp, [policy(b"The board sponsors it.")]) == (made,)

    def test_a_passage_no_longer_in_the_document_is_stale(self) -> None:
        """A link whose passage hash the document no longer holds is stale."""
        doc = policy()
        made = attrs.evolve(
            link(doc.passages[1], "MS.5.1.LEADERSHIP", [doc]), quote_sha256="0" * 64
        )
        assert stale_links([made], [doc]) == (made,)

    def test_links_to_documents_not_given_are_not_judged(self) -> None:
        """A link into a document not read now is left alone."""
        doc = policy()
        made = link(doc.passages[1], "MS.5.1.LEADERSHIP", [doc])
        assert stale_links([made], []) == ()

    def test_documents_must_be_documents(self) -> None:
        """Something other than a Document among the documents is refused."""
        with pytest.raises(ArgumentError, match=r"documents\[0\]"):
            stale_links([], ["policy.md"])  # type: ignore[list-item]
