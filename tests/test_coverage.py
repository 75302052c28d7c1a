"""The coverage table: the checks read off the rules, the gaps held to both catalogues.

`collabrel.conformance._coverage` collects the checks each rule makes and holds what each
requirement's rule does not judge (`NOT_JUDGED`); `docs/_hooks/coverage.py` writes both into
`docs/reference/coverage.md` at every docs build.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from tests._hooks import loaded_hook

from collabrel.conformance import Context, RecordRule, _checks, catalogue, catalogues, default_rules
from collabrel.conformance._coverage import (
    AS_OF,
    NOT_JUDGED,
    SeenCheck,
    generalise,
    listed_values,
    observed_checks,
)
from collabrel.examples import load

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "reference" / "coverage.md"


@pytest.fixture(scope="module")
def hook():
    with loaded_hook("coverage") as module:
        yield module


@pytest.fixture(scope="module")
def seen(hook):
    """The checks every built-in rule makes on the plans the docs page runs them on."""
    return observed_checks(default_rules(), hook.contexts())


@pytest.fixture(scope="module")
def page(hook):
    return hook.markdown()


def _requirements() -> dict[str, list[bool]]:
    """Every requirement id of the built-in catalogues, with whether each catalogue assesses it."""
    found: dict[str, list[bool]] = {}
    for name in catalogues():
        for req in catalogue(name):
            found.setdefault(req.id, []).append(req.assessable)
    return found


class TestNotJudged:
    """`NOT_JUDGED` says, for every assessable requirement, what its rule leaves unjudged."""

    def test_every_assessable_requirement_has_an_entry(self) -> None:
        """A requirement some catalogue assesses from records has an entry."""
        missing = [rid for rid, a in _requirements().items() if any(a) and rid not in NOT_JUDGED]
        assert missing == []

    def test_not_assessable_requirements_reuse_the_catalogue(self) -> None:
        """A requirement no catalogue assesses has no entry: its reason is the catalogue's."""
        copied = [rid for rid, a in _requirements().items() if not any(a) and rid in NOT_JUDGED]
        assert copied == []
        for name in catalogues():
            for req in catalogue(name).not_assessable():
                assert req.not_assessable_reason, req.id

    def test_no_entry_names_an_unknown_requirement(self) -> None:
        """Every key of the table is a requirement of a built-in catalogue."""
        assert set(NOT_JUDGED) - set(_requirements()) == set()

    def test_entries_are_one_plain_sentence(self) -> None:
        """An entry is one short sentence of plain text, ending with a full stop."""
        for rid, text in NOT_JUDGED.items():
            assert text == " ".join(text.split()), rid
            assert text[0].isupper(), rid
            assert text.endswith("."), rid
            assert len(text) <= 240, rid  # short, for a table cell
            assert "[" not in text, rid  # no link markup

    def test_entries_name_only_known_requirements(self) -> None:
        """A requirement id an entry points to exists."""
        known = set(_requirements())
        for rid, text in NOT_JUDGED.items():
            for named in re.findall(r"\b(?:CBR|MS)\.[A-Z0-9_.]*[A-Z0-9]", text):
                assert named in known, (rid, named)


class TestObservedChecks:
    """The checks are read off the rules by running them, in general terms."""

    def test_every_rule_of_an_assessable_requirement_shows_checks(self, seen) -> None:
        """The runs exercise every built-in rule: none shows an empty list of checks."""
        rules = default_rules()
        for rid, assessable in _requirements().items():
            if any(assessable):
                assert rules.for_requirement(rid), rid
        assert [r.id for r in rules if not seen[r.id]] == []

    def test_checks_are_general(self, seen) -> None:
        """No check names a date, a list index or a listed item's id."""
        for rule_id, checks in seen.items():
            for c in checks:
                assert not re.search(r"\d{4}-\d{2}-\d{2}", c.description), (rule_id, c)
                assert not re.search(r"\[\d+\]", c.description + "".join(c.paths)), (rule_id, c)
        values = listed_values(load("alliance"))
        descriptions = {c.description for checks in seen.values() for c in checks}
        assert not {d for d in descriptions for v in values if f" {v} " in f" {d} "}

    def test_record_rules_show_their_declared_contents(self, seen) -> None:
        """Each row's declared lists show as its checks, at the lists' paths (the static side)."""
        ctx = Context(load("alliance"), date(2026, 10, 31))
        for rule in default_rules():
            if not isinstance(rule, RecordRule):
                continue
            by_description = {c.description: c.paths for c in seen[rule.id]}
            recorded = _checks.recorded(ctx, None, rule.path, rule.what)
            assert by_description[recorded.description] == (rule.path,)
            for content in rule.contents:
                paths = by_description[content.description]
                assert {p.rsplit(".", 1)[-1] for p in paths} <= set(content.names), rule.id

    def test_collection_is_deterministic(self, hook, seen) -> None:
        """The same rules and plans give the same checks in the same order."""
        assert observed_checks(default_rules(), hook.contexts()) == seen

    def test_a_template_skips_the_rules_about_the_relationship(self, hook) -> None:
        """On a template, a rule that needs the relationship makes no check."""
        run = [Context(hook.template(), hook.TEMPLATE_ISSUED)]
        seen = observed_checks(default_rules().select(ids=["CR.S5.RACI", "CR.S1.POLICY"]), run)
        assert seen["CR.S5.RACI"] == ()
        assert seen["CR.S1.POLICY"][0].description == "the collaborative working policy is recorded"

    def test_generalise_names_the_assessment_date(self) -> None:
        """The date judged against reads as the assessment date, other dates as a placeholder."""
        text = generalise("survey (2025-05-30) within a year of 2026-10-31", date(2026, 10, 31))
        assert text == f"survey (*date*) within a year of {AS_OF}"

    def test_listed_values_leave_out_single_records(self) -> None:
        """A single record's id is not a listed value (it may be a plain word)."""
        rmp = load("alliance")
        policy = rmp.stages.awareness.policy
        assert policy is not None
        assert policy.id not in listed_values(rmp)
        assert {p.id for p in rmp.require_relationship().partners} <= listed_values(rmp)


class TestPage:
    """The hook writes one section per requirement into the page."""

    def test_page_has_the_marker_and_is_in_the_nav(self, hook) -> None:
        """The committed page holds only the introduction and the marker the hook replaces."""
        text = PAGE.read_text(encoding="utf-8")
        assert text.count(hook.MARKER) == 1
        assert "reference/coverage.md" in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
        assert "docs/_hooks/coverage.py" in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")

    def test_every_requirement_has_a_section_in_catalogue_order(self, page) -> None:
        """Each requirement of both catalogues has one section, stage requirements first."""
        headings = re.findall(r"^### `([^`]+)`", page, flags=re.MULTILINE)
        order = list(_requirements())
        expected = [r for r in order if r.startswith("CBR.")] + [
            r for r in order if not r.startswith("CBR.")
        ]
        assert headings == expected

    def test_sections_show_checks_and_gaps(self, hook, page) -> None:
        """A section shows its paraphrases, its rule's checks and what is not judged."""
        sections = dict(
            re.findall(r"^### `([^`]+)`(.*?)(?=^### |\Z)", page, flags=re.MULTILINE | re.DOTALL)
        )
        ser = sections["CBR.S1.SER"]
        for name in catalogues():
            assert " ".join(catalogue(name)["CBR.S1.SER"].text.split()) in ser
        assert "Rule `CR.S1.SER`" in ser
        assert "| the SER appointment is recorded | `stages.awareness.ser_appointment` |" in ser
        assert NOT_JUDGED["CBR.S1.SER"] in ser
        culture = sections["CBR.S3.CULTURE"]
        assert "Rule `" not in culture
        for name in catalogues():
            assert catalogue(name)["CBR.S3.CULTURE"].not_assessable_reason in culture
        assert hook.method() in page

    def test_evidence_no_check_points_at_is_named(self, hook) -> None:
        """A record the catalogue names is listed unless some check's path is in or over it."""
        (req,) = [r for r in hook.requirements() if r.id == "CBR.S5.JOINT_RISK"]
        rules = default_rules().for_requirement(req.id)
        assert set(req.records) == {"relationship.risks"}

        def seen(*paths: str) -> dict[str, tuple[SeenCheck, ...]]:
            return {rules[0].id: (SeenCheck(description="a check", paths=paths),)}

        assert hook.unlooked(req, rules, seen("relationship.risks[i].owner")) == []
        assert hook.unlooked(req, rules, seen("relationship")) == []
        assert hook.unlooked(req, rules, seen("relationship.risk_owner", "meta")) == [
            "relationship.risks"
        ]

    def test_other_pages_are_left_alone(self, hook) -> None:
        """Only the coverage page is written into; a page without the marker is refused."""

        class _File:
            def __init__(self, uri: str) -> None:
                self.src_uri = uri

        class _Page:
            def __init__(self, uri: str) -> None:
                self.file = _File(uri)

        assert hook.on_page_markdown("text", _Page("index.md")) == "text"
        from mkdocs.exceptions import PluginError  # noqa: PLC0415 - only the docs extra has it

        with pytest.raises(PluginError, match="no <!-- coverage --> line"):
            hook.on_page_markdown("no marker", _Page(hook.PAGE))
