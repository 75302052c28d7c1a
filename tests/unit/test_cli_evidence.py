"""`collabrel evidence suggest` and `collabrel evidence accept`: documents to a plan's register."""

from __future__ import annotations

import json
import re

import pytest

import collabrel as cr
from collabrel.cli import main
from collabrel.model import EvidenceStatus, RelationshipManagementPlan
from collabrel.serialization import from_data

pytest.importorskip("bm25s")

POLICY = """# Collaborative working policy

## Leadership

Our senior executive responsible (SER), the Chief Operating Officer, sponsors collaborative
working and reports on it to the executive board twice a year.

## Exit

Exit is triggered by persistent failure to meet the agreed targets; the exit plan is reviewed
every year.
"""


@pytest.fixture
def setup(tmp_path, monkeypatch):
    """The flawed example saved as plan.yaml and a policy in Markdown, in the working folder."""
    monkeypatch.chdir(tmp_path)
    cr.dump(cr.examples.load("flawed"), tmp_path / "plan.yaml")
    (tmp_path / "policy.md").write_text(POLICY, encoding="utf-8")
    return tmp_path


def _links(page: str) -> list[dict[str, object]]:
    """The link data a reviewer page carries for its script."""
    found = re.search(r'<script type="application/json" id="links">(.*?)</script>', page)
    assert found is not None
    links: list[dict[str, object]] = json.loads(found.group(1))
    return links


def _register(setup, entries) -> str:
    (setup / "evidence.json").write_text(json.dumps(entries), encoding="utf-8")
    return "evidence.json"


@pytest.fixture
def links(setup):
    """The suggested links of the reviewer page for the policy."""
    assert main(["evidence", "suggest", "plan.yaml", "policy.md", "-o", "page.html"]) == 0
    return _links((setup / "page.html").read_text(encoding="utf-8"))


class TestSuggest:
    @pytest.mark.usefixtures("setup")
    def test_text_summary(self, capsys):
        """Without -o, each requirement with suggestions, its passages and matched terms."""
        assert main(["evidence", "suggest", "plan.yaml", "policy.md", "--top-k", "1"]) == 0
        out = capsys.readouterr().out
        assert out.startswith("Suggestions for iso44001:2017 (bm25) from 5 passages of 1 document:")
        assert (
            "CBR.S8.TRIGGERS: Triggers for exit agreed\n"
            "  1. policy, Collaborative working policy > Exit, paragraph 5" in out
        )
        assert "matched: exit triggers, persistent failure" in out
        assert re.search(r"\d+ of 74 requirements have suggestions\.\n$", out)

    def test_json_records(self, setup, capsys):
        """-o FILE.json writes the suggestions' records; --json says what it wrote."""
        argv = ["evidence", "suggest", "plan.yaml", "policy.md", "-o", "s.json", "--json"]
        assert main(argv) == 0
        said = json.loads(capsys.readouterr().out)
        records = json.loads((setup / "s.json").read_text(encoding="utf-8"))
        assert said == {"wrote": "s.json", "suggestions": len(records), "standard": "iso44001:2017"}
        assert {r["rank"] for r in records} == {1, 2, 3}
        assert records[0]["document"] == "policy"

    def test_reviewer_page(self, setup, links):
        """The page: highlighted passages, a pair of buttons per suggestion, the links' data."""
        page = (setup / "page.html").read_text(encoding="utf-8")
        assert page.startswith("<!DOCTYPE html>")
        assert "section.finding" in page  # the report's CSS
        assert "<mark>senior</mark>" in page
        assert page.count('type="radio"') == 2 * len(links)
        assert 'a.download = "evidence.json"' in page
        assert links[0]["document"] == "policy"
        assert "<script src" not in page  # self-contained

    def test_a_bad_document_is_a_warning(self, setup, capsys):
        """A document that cannot be read is a warning; the others are read."""
        (setup / "minutes.pdf").write_bytes(b"not a PDF")
        assert main(["evidence", "suggest", "plan.yaml", "policy.md", "minutes.pdf"]) == 0
        captured = capsys.readouterr()
        assert captured.err.startswith("collabrel: warning: minutes.pdf: ")
        assert "of 1 document:" in captured.out

    def test_no_readable_document_is_an_error(self, setup, capsys):
        (setup / "minutes.pdf").write_bytes(b"not a PDF")
        assert main(["evidence", "suggest", "plan.yaml", "minutes.pdf"]) == 2
        assert "collabrel: error: no document could be read" in capsys.readouterr().err

    @pytest.mark.usefixtures("setup")
    def test_unknown_output_suffix(self, capsys):
        assert main(["evidence", "suggest", "plan.yaml", "policy.md", "-o", "s.txt"]) == 2
        assert "-o s.txt: write a reviewer page (.html)" in capsys.readouterr().err

    @pytest.mark.usefixtures("setup")
    def test_top_k_must_count(self, capsys):
        assert main(["evidence", "suggest", "plan.yaml", "policy.md", "--top-k", "0"]) == 2
        assert "expected a whole number of at least 1" in capsys.readouterr().err


class TestAccept:
    def test_page_register_into_the_plan(self, setup, links, capsys):
        """Accepted and rejected links go into plan.evidence; the input plan is untouched."""
        before = (setup / "plan.yaml").read_bytes()
        entries = [
            dict(links[0], status="accepted"),
            dict(links[1], status="rejected", reviewed_by="p.lund", reviewed_on="2026-11-03"),
        ]
        argv = ["evidence", "accept", "plan.yaml", _register(setup, entries)]
        argv += ["--by", "e.moss", "--on", "2026-11-02", "-o", "out.yaml"]
        assert main(argv) == 0
        assert "wrote out.yaml (2 links from evidence.json: 1 accepted, 1 rejected" in (
            capsys.readouterr().out
        )
        assert (setup / "plan.yaml").read_bytes() == before
        first, second = cr.load(setup / "out.yaml").evidence
        assert (first.status, first.reviewed_by, str(first.reviewed_on)) == (
            EvidenceStatus.ACCEPTED,
            "e.moss",
            "2026-11-02",
        )
        assert (second.status, second.reviewed_by) == (EvidenceStatus.REJECTED, "p.lund")

    def test_suggested_links_are_accepted_and_replace_the_same(self, setup, links):
        """A suggested link is accepted by --by; accepting it again replaces it."""
        argv = ["evidence", "accept", "plan.yaml", _register(setup, links[:2]), "--by", "e.moss"]
        assert main([*argv, "-o", "plan.yaml"]) == 0  # PLAN, named explicitly
        assert main([*argv, "-o", "plan.yaml"]) == 0
        evidence = cr.load(setup / "plan.yaml").evidence
        assert len(evidence) == 2
        assert all(e.is_accepted for e in evidence)

    def test_without_output_prints_the_plan(self, setup, links, capsys):
        argv = ["evidence", "accept", "plan.yaml", _register(setup, links[:1]), "--by", "e.moss"]
        assert main(argv) == 0
        printed = cr.loads(capsys.readouterr().out, "yaml")
        assert len(printed.evidence) == 1
        assert main([*argv, "--json"]) == 0
        assert (
            from_data(json.loads(capsys.readouterr().out), RelationshipManagementPlan).evidence
            == printed.evidence
        )

    def test_reviewer_must_be_a_person_of_the_plan(self, setup, links, capsys):
        argv = ["evidence", "accept", "plan.yaml", _register(setup, links[:1]), "--by", "zed"]
        assert main(argv) == 2
        err = capsys.readouterr().err
        assert "--by 'zed' is not a person of the plan (relationship.people: e.moss" in err

    def test_reviewer_in_the_register_is_checked_with_its_path(self, setup, links, capsys):
        entries = [links[0], dict(links[1], reviewed_by="nobody", reviewed_on="2026-11-03")]
        argv = ["evidence", "accept", "plan.yaml", _register(setup, entries), "--by", "e.moss"]
        assert main([*argv, "--json"]) == 2
        error = json.loads(capsys.readouterr().err)
        assert [p["path"] for p in error["problems"]] == ["register[1].reviewed_by"]

    def test_every_bad_entry_is_named(self, setup, links, capsys):
        """Unknown requirements, entries that are not links, missing reviewers: each by index."""
        entries = [
            links[0],
            dict(links[1], requirement="NO.SUCH"),
            7,
            {"requirement": "MS.4.4.SYSTEM"},
        ]
        argv = ["evidence", "accept", "plan.yaml", _register(setup, entries), "--json"]
        assert main(argv) == 2
        paths = [p["path"] for p in json.loads(capsys.readouterr().err)["problems"]]
        assert paths[:3] == ["register[0].reviewed_by", "register[1].requirement", "register[2]"]
        assert "register[3].reviewed_by" in paths

    def test_missing_link_fields_are_named(self, setup, capsys):
        entries = [{"requirement": "MS.4.4.SYSTEM", "reviewed_by": "e.moss"}]
        argv = ["evidence", "accept", "plan.yaml", _register(setup, entries), "--json"]
        assert main(argv) == 2
        paths = [p["path"] for p in json.loads(capsys.readouterr().err)["problems"]]
        assert "register[0].document_sha256" in paths

    @pytest.mark.parametrize(
        ("text", "message"), [("{", "not a JSON register file"), ("{}", "a JSON list")]
    )
    def test_not_a_register(self, setup, capsys, text, message):
        (setup / "evidence.json").write_text(text, encoding="utf-8")
        assert main(["evidence", "accept", "plan.yaml", "evidence.json", "--by", "e.moss"]) == 2
        assert message in capsys.readouterr().err
