"""suggest: per requirement the best passages, their matched terms, highlights and reasons."""

from __future__ import annotations

import json

import pytest

from collabrel import examples
from collabrel.conformance import catalogue
from collabrel.errors import ArgumentError
from collabrel.evidence import Passage, PassageLocation, read_document
from collabrel.evidence._suggest import EvidenceSuggestions, mark, suggest


def passage(text: str, paragraph: int, document: str = "jrmp") -> Passage:
    return Passage(
        document=document,
        source=f"{document}.docx",
        text=text,
        location=PassageLocation(paragraph=paragraph, page=2, heading_path=("Exit",)),
        kind="paragraph",
    )


PASSAGES = [
    passage("Either partner may end the alliance on insolvency or change of control.", 1),
    passage("The joint exit strategy was reviewed and agreed by the alliance board.", 2),
    passage("The canteen closes at four on Fridays.", 3),
    passage("Ms Okafor is appointed as the senior executive responsible (SER).", 4, "policy"),
]


@pytest.fixture(scope="module")
def found() -> EvidenceSuggestions:
    return suggest("iso44001", PASSAGES, top_k=2)


class TestSuggest:
    def test_every_requirement_in_catalogue_order(self, found: EvidenceSuggestions) -> None:
        """Every requirement of the catalogue is a key, in catalogue order, found or not."""
        assert list(found) == list(catalogue("iso44001").ids)
        assert found.catalogue == "iso44001:2017"
        assert found.passages == 4

    def test_best_passage_first(self, found: EvidenceSuggestions) -> None:
        """The SER appointment is the SER requirement's first suggestion, ranked 1."""
        best = found["CBR.S1.SER"][0]
        assert best.passage.location.paragraph == 4
        assert best.rank == 1
        assert best.method == "bm25"

    def test_matched_terms_are_phrases_of_the_term_list(self, found: EvidenceSuggestions) -> None:
        """A term of several words matches only where its words stand together, in order."""
        best = found["CBR.S1.SER"][0]
        assert best.matched_terms[:2] == ("SER", "senior executive responsible")
        assert "executive accountable for collaboration" not in best.matched_terms

    def test_common_words_are_not_shown_as_matched(self) -> None:
        """A passage matched on "from" alone does not show "from" among its matched words."""
        minutes = [passage("The canteen opens at eight from Monday.", 1, "minutes")]
        shown = {
            word
            for found in suggest("iso44001", minutes, top_k=1).suggestions.values()
            for each in found
            for word in each.matched_terms
        }
        assert "from" not in shown

    def test_top_k(self, found: EvidenceSuggestions) -> None:
        """At most top_k suggestions per requirement, ranks from 1."""
        for rid in found:
            assert [s.rank for s in found[rid]] == list(range(1, len(found[rid]) + 1))
            assert len(found[rid]) <= 2

    def test_distractor_not_suggested(self, found: EvidenceSuggestions) -> None:
        """The canteen passage shares no query word with the exit requirements."""
        texts = {
            s.passage.text for rid in ("CBR.S8.TRIGGERS", "CBR.S8.EXIT_PLAN") for s in found[rid]
        }
        assert PASSAGES[2].text not in texts

    def test_reasons_name_the_rules_checks(self) -> None:
        """With a plan, the reasons are the checks the requirement's rules make, with the words
        the passage shares, most shared first."""
        got = suggest("iso44001", PASSAGES, top_k=1, plan=examples.load("alliance"))
        reasons = got["CBR.S8.EXIT_PLAN"][0].reasons
        assert reasons
        assert all(r.rule == "CR.S8.EXIT_PLAN" for r in reasons)
        assert all("exit" in r.shared for r in reasons)
        counts = [len(r.shared) for r in reasons]
        assert counts == sorted(counts, reverse=True)

    def test_reasons_without_a_plan(self, found: EvidenceSuggestions) -> None:
        """Without a plan, the reasons come from the rules' titles and records."""
        reasons = found["CBR.S1.SER"][0].reasons
        assert reasons
        assert all(r.rule == "CR.S1.SER" for r in reasons)

    def test_not_assessable_requirement_reasoned_by_its_title(self) -> None:
        """A requirement no rule judges is reasoned by its own title."""
        p = passage("The internal audit programme covers the collaborative system.", 1)
        got = suggest("iso44001", [p], top_k=1)["MS.9.2.INTERNAL_AUDIT"][0]
        assert got.reasons[0].rule is None
        assert got.reasons[0].check == catalogue("iso44001")["MS.9.2.INTERNAL_AUDIT"].title

    def test_min_score(self) -> None:
        """Suggestions scoring below min_score are left out."""
        got = suggest("iso44001", PASSAGES, top_k=5, min_score=1e9)
        assert all(not got[rid] for rid in got)

    def test_documents_accepted(self) -> None:
        """A Document (or a DocumentSet, or passages) is accepted."""
        doc = read_document(b"# Exit\n\nExit triggers are agreed.\n", format="markdown", id="x")
        got = suggest("iso44001", [doc], top_k=1)
        assert got["CBR.S8.TRIGGERS"][0].passage.document == "x"

    @pytest.mark.parametrize("top_k", [0, True, "5"])
    def test_bad_top_k(self, top_k: object) -> None:
        """top_k must be a whole number of at least 1."""
        with pytest.raises(ArgumentError, match="'top_k'"):
            suggest("iso44001", PASSAGES, top_k=top_k)  # type: ignore[arg-type]

    def test_bad_documents(self) -> None:
        """Documents must be an iterable of documents or passages."""
        with pytest.raises(ArgumentError, match="'documents'"):
            suggest("iso44001", 3)

    def test_embed_ranker(self) -> None:
        """The embedding re-rank finds the SER appointment too."""
        pytest.importorskip("wordllama")
        got = suggest("iso44001", PASSAGES, top_k=2, ranker="bm25+embed")
        assert got["CBR.S1.SER"][0].passage.location.paragraph == 4
        assert got.method == "bm25+embed"


class TestRendering:
    def test_highlighted_html(self, found: EvidenceSuggestions) -> None:
        """The passage in HTML with each matched word in <mark>."""
        html = found["CBR.S1.SER"][0].highlighted()
        assert "<mark>appointed</mark>" in html
        assert "<mark>SER</mark>" in html

    def test_mark_escapes(self) -> None:
        """HTML is escaped; Markdown escapes its own characters too; overlapping spans merge."""
        assert mark("a<b & c", [(0, 1), (0, 1)]) == "<mark>a</mark>&lt;b &amp; c"
        assert mark("*x*", [(1, 2)], "markdown") == "\\*<mark>x</mark>\\*"

    def test_mark_bad_format(self) -> None:
        """An unknown format is an ArgumentError."""
        with pytest.raises(ArgumentError, match="'format'"):
            mark("x", [], "latex")  # type: ignore[arg-type]

    def test_repr(self, found: EvidenceSuggestions) -> None:
        """The reprs are one line each."""
        assert repr(found).startswith(
            "<EvidenceSuggestions catalogue='iso44001:2017', method='bm25', requirements=74"
        )
        assert repr(found["CBR.S1.SER"][0]).startswith("<EvidenceSuggestion CBR.S1.SER #1 score=")

    def test_to_records(self, found: EvidenceSuggestions) -> None:
        """One plain, JSON-ready row per suggestion."""
        rows = found.to_records()
        assert len(rows) == sum(len(found[rid]) for rid in found)
        row = next(r for r in rows if r["requirement"] == "CBR.S1.SER")
        assert row["document"] == "policy"
        assert row["page"] == 2
        assert row["heading_path"] == ["Exit"]
        assert row["paragraph"] == 4
        assert json.loads(json.dumps(rows)) == rows

    def test_missing_requirement(self, found: EvidenceSuggestions) -> None:
        """Asking for a requirement not in the catalogue is a KeyError naming it."""
        with pytest.raises(KeyError, match=r"NO\.SUCH"):
            found["NO.SUCH"]
