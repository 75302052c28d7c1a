"""Evidence terms: one list per requirement id, checked on load; a requirement's query."""

from __future__ import annotations

from pathlib import Path

import pytest

from collabrel.conformance import catalogue, catalogues
from collabrel.errors import CatalogueError
from collabrel.evidence._terms import evidence_terms, load_terms, parse_terms, query


class TestBuiltinTerms:
    def test_every_requirement_has_terms(self) -> None:
        """Every requirement of every built-in catalogue has a list of terms, and no more."""
        ids = {rid for name in catalogues() for rid in catalogue(name).ids}
        assert set(evidence_terms()) == ids

    def test_terms_are_not_the_paraphrase(self) -> None:
        """The terms add words: each list holds a term not already in the title or paraphrase."""
        iso = catalogue("iso44001")
        for req in iso:
            own = f"{req.title} {req.text}".lower()
            assert any(t.lower() not in own for t in evidence_terms()[req.id]), req.id

    def test_query_is_title_paraphrase_and_terms(self) -> None:
        """A query is the title, then the paraphrase, then the terms."""
        req = catalogue("iso44001")["CBR.S1.SER"]
        q = query(req)
        assert q.startswith(req.title)
        assert req.text in q
        assert q.endswith(evidence_terms()[req.id][-1])

    def test_query_with_other_terms(self) -> None:
        """Terms of one's own replace the built-in ones."""
        req = catalogue("iso44001")["CBR.S1.SER"]
        own = parse_terms({"format": 1, "terms": {"CBR.S1.SER": ["chief partnering officer"]}})
        assert query(req, own).endswith("chief partnering officer")
        assert "letter of appointment" not in query(req, own)


class TestParseTerms:
    def test_every_problem_with_its_path(self) -> None:
        """All problems at once, each with its path."""
        data = {
            "format": 2,
            "extra": 1,
            "terms": {
                "CBR.S1.SER": "SER",
                "not an id": ["x"],
                "CBR.S9.NOPE": ["x"],
                "CBR.S1.POLICY": ["policy", 3, "Policy"],
            },
        }
        with pytest.raises(CatalogueError) as info:
            parse_terms(data, catalogues=[catalogue("iso44001")])
        got = {(p.path, p.message) for p in info.value.problems}
        assert got == {
            ("extra", "is not a known field"),
            ("format", "must be 1 (got 2)"),
            ("terms.CBR.S1.SER", "must be a non-empty list of terms (got 'SER')"),
            ("terms.not an id", "must be a requirement id such as 'CBR.S5.RACI' (got 'not an id')"),
            ("terms.CBR.S9.NOPE", "is not a requirement of the catalogues"),
            ("terms.CBR.S1.POLICY[1]", "must be non-empty text (got 3)"),
            ("terms.CBR.S1.POLICY[2]", "repeats 'policy'"),
        }

    def test_not_a_mapping(self) -> None:
        """A file that is not a mapping says so."""
        with pytest.raises(CatalogueError, match="must be a mapping"):
            parse_terms(["x"])

    def test_white_space_collapsed(self) -> None:
        """A term's white space is collapsed."""
        terms = parse_terms({"format": 1, "terms": {"CBR.S1.SER": ["senior   executive\n"]}})
        assert terms["CBR.S1.SER"] == ("senior executive",)

    def test_missing_id(self) -> None:
        """Asking for an id without terms: KeyError names it; get gives ()."""
        terms = parse_terms({"format": 1, "terms": {}})
        with pytest.raises(KeyError, match=r"CBR\.S1\.SER"):
            terms["CBR.S1.SER"]
        assert terms.get("CBR.S1.SER") == ()

    def test_load_terms_names_the_file(self, tmp_path: Path) -> None:
        """load_terms reads YAML; a syntax error names the file and line."""
        good = tmp_path / "terms.yaml"
        good.write_text("format: 1\nterms:\n  CBR.S1.SER: [SER]\n", encoding="utf-8")
        assert load_terms(good)["CBR.S1.SER"] == ("SER",)
        bad = tmp_path / "bad.yaml"
        bad.write_text("format: 1\nterms: [\n", encoding="utf-8")
        with pytest.raises(CatalogueError) as info:
            load_terms(bad)
        assert info.value.source == str(bad)
        assert "not valid YAML" in str(info.value)
