"""Conformance reports as plain text, Markdown and HTML (collabrel.report), and as DataFrames."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from html.parser import HTMLParser

import attrs
import pytest

from collabrel import examples
from collabrel.conformance import assess, draft
from collabrel.model import (
    Check,
    Finding,
    Result,
)
from collabrel.report import to_dataframe, to_html, to_markdown, to_text
from collabrel.report._conformance import finding_view
from collabrel.report._outline import Anchors
from collabrel.report._render import text as render_text

AS_OF = date(2026, 10, 31)
HOSTILE = "<script>alert('x')</script> | *bold* `tick` & co"

REPORT_COLUMNS = "requirement title clause stage phase importance result message paths remediation"
REPORT_COLUMNS += " caused_by"
REPORT_COLUMNS = REPORT_COLUMNS.split()
DIFF_COLUMNS = ["requirement", "title", "before", "after", "direction"]

# Problems planted in the flawed example, by the path of the record at fault.
PLANTED = (
    "stages.working_together.joint_rmp.signatories",
    "stages.awareness.ser_appointment",
    "relationship.governance.bodies[0].escalates_to",
    "relationship.governance.raci.activities[1]",
    "relationship.exit_plan.triggers",
    "stages.staying_together.reviews[0].signatories",
)


@pytest.fixture(scope="module")
def flawed():
    return assess(examples.load("flawed"), "iso44001:2017", as_of=AS_OF)


@pytest.fixture(scope="module")
def alliance():
    return assess(examples.load("alliance"), "iso44001:2017", as_of=AS_OF)


@pytest.fixture(scope="module")
def diff(flawed):
    before = assess(examples.load("flawed"), "iso44001:2017", as_of=date(2019, 6, 1))
    return flawed.diff(before)


@pytest.fixture(scope="module")
def hostile(flawed):
    """The flawed report with plan-supplied strings that would break Markdown or HTML."""
    first = flawed.findings[0]
    checks = (*first.explanation, Check(description=HOSTILE, passed=False, path="a`b|c"))
    findings = (
        attrs.evolve(first, message="# " + HOSTILE, explanation=checks, remediation=HOSTILE),
        *flawed.findings[1:],
    )
    return attrs.evolve(flawed, subject_name=HOSTILE, findings=findings)


def slug(name):
    """The slug `Anchors` makes of `name` (as a fresh document's first anchor)."""
    return Anchors().new("x", name).removeprefix("x-")


def _section(text, start, end):
    """`text` from `start` to the first `end` after it."""
    begin = text.index(start)
    return text[begin : text.index(end, begin + len(start))]


def _finding_block(text, requirement):
    """The Markdown of one finding: from its heading to the next heading of any level."""
    start = text.index(f"#### `{requirement}`")
    ends = [text.find(mark, start + 1) for mark in ("\n#### ", "\n### ", "\n## ")]
    return text[start : min(e for e in ends if e != -1)]


class _TagBalance(HTMLParser):
    VOID = frozenset({"meta", "br", "hr", "img", "link", "input"})

    def __init__(self):
        super().__init__()
        self.open: list[str] = []
        self.errors: list[str] = []
        self.tags: set[str] = set()
        self.attributes: list[tuple[str, str | None]] = []
        self.elements: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attributes.extend(attrs)
        self.elements.append((tag, dict(attrs)))
        if tag not in self.VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.tags.add(tag)
        self.attributes.extend(attrs)
        self.elements.append((tag, dict(attrs)))

    def ids(self) -> list[str]:
        return [a["id"] for _, a in self.elements if a.get("id")]

    def links(self) -> list[str]:
        return [a["href"] for tag, a in self.elements if tag == "a" and a.get("href")]

    def handle_endtag(self, tag):
        if not self.open or self.open.pop() != tag:
            self.errors.append(tag)


def _parsed(page: str) -> _TagBalance:
    parser = _TagBalance()
    parser.feed(page)
    return parser


class TestToMarkdown:
    def test_header_names_subject_standard_and_date(self, flawed):
        """The title names the relationship; standard, catalogue version and date follow."""
        lines = to_markdown(flawed).splitlines()
        assert lines[0] == "# Conformance report: Greywater Harbour maintenance partnership"
        assert (
            "- **Subject:** Greywater Harbour maintenance partnership (`harbour-maintenance`)"
            in lines
        )
        assert "- **Standard:** `iso44001:2017`, catalogue version 1" in lines
        assert "- **As of:** 2026-10-31" in lines

    def test_certification_line_gives_the_reasons(self, flawed):
        """A plan that is not ready says so, with every reason the report gives."""
        text = to_markdown(flawed)
        cert, t = flawed.certification, flawed.tally
        assert "stages not agreed: Awareness, Knowledge," in cert.reasons[-1]
        assert f"**Not ready for certification:** {'; '.join(cert.reasons)}." in text
        assert (
            f"{t.total} requirements: {t.conforms} conform, {t.major} major and {t.minor} minor"
            f" nonconformities, {t.observation} observations," in text
        )

    def test_ready_plan(self, alliance):
        """A plan ready for certification says so; its minor nonconformities need action."""
        text = to_markdown(alliance)
        assert "**Ready for certification:** no major nonconformity and every stage agreed." in text
        assert f"{alliance.tally.minor} minor nonconformities need corrective action." in text

    def test_stage_table(self, flawed):
        """Each stage has a row: number, title, lifecycle, readiness, agreed, count, gaps."""
        text = to_markdown(flawed)
        assert "| # | Stage | Lifecycle | Readiness | Agreed | Nonconformities | Gaps |" in text
        for r in flawed.readiness():
            status = r.status.replace("_", " ") if r.status else "unknown"
            share = "\u2013" if r.readiness is None else f"{r.readiness:.0%}"
            gaps = ", ".join(f"`{g}`" for g in r.gaps) or "\u2013"
            assert (
                f"| {r.stage.number} | {r.stage.title} | {status} | {share}"
                f" | {'yes' if r.agreed else 'no'} | {r.tally.nonconformities} | {gaps} |" in text
            )
        assert "| 5 | Working together | in progress | " in text
        assert "| `CBR.S5.JOINT_RMP`, `" in text
        alliance_text = to_markdown(assess(examples.load("alliance"), "iso44001:2017", as_of=AS_OF))
        assert "| 1 | Awareness | completed | 100% | yes | 0 | \u2013 |" in alliance_text

    def test_clause_roll_up(self, flawed):
        """The clause table gives each top-level clause its title, counts and readiness."""
        text = to_markdown(flawed)
        t = flawed.by_clause()["8"]
        assert (
            f"| 8 | Operation | {t.conforms} | {t.major} | {t.minor} | {t.observation}"
            f" | {t.agreed_not_exercised} | {t.not_applicable} | {t.not_assessable}"
            f" | {t.readiness:.0%} |" in text
        )
        assert "| 10 | Improvement | " in text

    def test_planted_problems_are_explained_with_their_paths(self, flawed):
        """Every planted problem appears with the path of its record in backticks."""
        text = to_markdown(flawed)
        for path in PLANTED:
            assert f"`{path}`" in text

    def test_finding_has_message_explanation_evidence_and_remediation(self, flawed):
        """A nonconformity shows its message, every check, its evidence and the remedy."""
        text = to_markdown(flawed)
        block = _finding_block(text, "CBR.S5.JOINT_RMP")
        assert block.startswith("#### `CBR.S5.JOINT_RMP` Joint relationship management plan")
        assert "Major nonconformity \u00b7 clause 8.6 \u00b7 stage 5 Working together" in block
        assert (
            "Joint relationship management plan: the joint RMP is signed by every partner: no"
            " (signed by gha; not by tidemark)" in block
        )
        assert "**Explanation**" in block
        assert (
            "- \u2718 failed: the joint RMP is signed by every partner; observed: signed by gha;"
            " not by tidemark (`stages.working_together.joint_rmp.signatories`)" in block
        )
        assert "- \u2714 passed: the joint RMP is approved; observed: status approved" in block
        assert "**Evidence:** `stages.working_together.joint_rmp.signatories`" in block
        assert (
            "**Remediation:** have every partner sign the joint relationship management plan"
            in block
        )

    def test_subjects_are_listed(self, flawed):
        """A finding about particular partners names them."""
        first = attrs.evolve(flawed.nonconformities[0], subjects=("gha", "tidemark"))
        report = attrs.evolve(flawed, findings=(first,))
        block = _finding_block(to_markdown(report), first.requirement)
        assert "**Concerns:** `gha`, `tidemark`" in block

    def test_graver_results_come_first(self, flawed):
        """Majors come before minors, minors before observations, and the rest last."""
        text = to_markdown(flawed)
        count = Counter(f.result for f in flawed.findings)
        order = [
            text.index(f"### Major nonconformities ({count[Result.MAJOR]})"),
            text.index(f"### Minor nonconformities ({count[Result.MINOR]})"),
            text.index(f"### Observations ({count[Result.OBSERVATION]})"),
            text.index("## Other results"),
        ]
        assert order == sorted(order)

    def test_other_results_table(self, flawed):
        """Conforming, agreed and not assessable requirements share a table, with reasons."""
        rest = to_markdown(flawed).split("## Other results", 1)[1]
        assert "| Requirement | Result | Detail |" in rest
        labels = {
            Result.CONFORMS: "conforms",
            Result.AGREED_NOT_EXERCISED: "agreed, not exercised",
            Result.NOT_ASSESSABLE: "not assessable",
        }
        others = [f for f in flawed.findings if f.result in labels]
        assert {f.result for f in others} == set(labels)
        for f in others:
            assert f"| `{f.requirement}` | {labels[f.result]} | {f.message} |" in rest
        assert "not assessable from records (Leadership behaviour: " in rest
        assert "`CBR.S5.JOINT_RMP`" not in rest

    def test_drafted_report_says_where_it_came_from(self):
        """A report drafted through the crosswalk names the catalogue it was drafted from."""
        bs = assess(examples.load("flawed"), "bs11000-1:2010", as_of=AS_OF)
        text = to_markdown(draft(bs, "iso44001:2017"))
        assert "; drafted from `bs11000-1:2010` through the crosswalk" in text

    def test_template_plan(self, template):
        """A template plan is reported as such."""
        text = to_markdown(assess(template, as_of=date(2025, 6, 1)))
        assert "- **Subject:** Corporate template (a template plan)" in text
        assert "a template plan: certification needs a relationship with partners" in text

    @pytest.mark.parametrize("change", [{"standard": "own:1"}, {"catalogue_version": 99}])
    def test_unknown_catalogue_leaves_clause_titles_out(self, flawed, change):
        """Clause titles come from the catalogue; without it the column stays empty."""
        text = to_markdown(attrs.evolve(flawed, **change))
        assert f"| 8 |  | {flawed.by_clause()['8'].conforms} | " in text
        assert "| Operation |" not in text

    def test_nothing_to_report(self, flawed):
        """Without findings both finding sections say there is nothing."""
        text = to_markdown(attrs.evolve(flawed, findings=()))
        assert "None: no nonconformity and no observation." in text
        empty = to_markdown(attrs.evolve(flawed, findings=(), outcomes=()))
        assert "0 requirements: 0 conform," in empty
        assert "corrective action" not in empty
        assert "None: every requirement is a nonconformity or an observation." in text

    def test_bare_findings(self, flawed):
        """A finding without checks, remedy or outcome is still shown; one minor "needs"."""
        outcome = attrs.evolve(flawed.outcome("MS.4.1.CONTEXT"))
        findings = (
            Finding(requirement="MS.4.1.CONTEXT", result=Result.MINOR, message="No drivers"),
            Finding(requirement="XX.ORPHAN", result=Result.MAJOR, message="Nowhere"),
        )
        text = to_markdown(attrs.evolve(flawed, outcomes=(outcome,), findings=findings))
        assert "1 minor nonconformity needs corrective action." in text
        assert (
            "#### `XX.ORPHAN`\n\nMajor nonconformity\n\nNowhere\n\n**Evidence:** \u2013\n" in text
        )
        assert "#### `MS.4.1.CONTEXT` " in text
        assert "**Explanation**" not in text
        assert "**Remediation:**" not in text

    def test_plan_strings_are_escaped(self, hostile):
        """Strings from the plan cannot open HTML, break a table or start a heading."""
        text = to_markdown(hostile)
        escaped = "\\<script>alert('x')\\</script> \\| \\*bold\\* \\`tick\\` & co"
        assert HOSTILE not in text
        assert re.search(r"(?<!\\)<", text) is None
        assert text.count(escaped) == 6  # title, subject, message, check, remediation, action
        assert f"# Conformance report: {escaped}\n" in text
        assert "\n\\# \\<script>" in text  # a message starting with "#" is not a heading
        assert "(``a`b|c``)" in text  # a path holding a backtick gets a longer fence

    def test_deterministic(self, flawed):
        """The same report always gives the same text, ending in one newline."""
        text = to_markdown(flawed)
        assert text == to_markdown(flawed)
        assert text.endswith("|\n")

    def test_diff(self, diff):
        """A diff lists what improved and what regressed, with the results before and after."""
        text = to_markdown(diff)
        assert text.startswith("# Conformance changes from 2019-06-01 to 2026-10-31\n")
        up, down = len(diff.improved), len(diff.regressed)
        unchanged = len(diff.changes) - len(diff.moved)
        assert (
            f"{len(diff.moved)} requirements moved ({up} improved, {down} regressed, 0 added,"
            f" 0 removed); {unchanged} unchanged." in text
        )
        improved = _section(text, f"## Improved ({up})", f"## Regressed ({down})")
        assert "| Requirement | Title | Before | After |" in improved
        assert (
            "| `CBR.S7.MEASUREMENT` | Performance monitored against targets"
            " | minor nonconformity | observation |" in improved
        )
        regressed = text.split(f"## Regressed ({down})", 1)[1]
        assert "| `CBR.S3.PROFILE` | " in regressed
        assert "| agreed, not exercised | major nonconformity |" in regressed
        assert "## Added" not in text

    def test_diff_without_changes(self, flawed):
        """A diff where nothing moved says so under each heading."""
        text = to_markdown(flawed.diff(flawed))
        assert (
            "0 requirements moved (0 improved, 0 regressed, 0 added, 0 removed);"
            f" {len(flawed.outcomes)} unchanged." in text
        )
        assert "No requirement improved." in text
        assert "No requirement regressed." in text

    def test_diff_across_catalogues_lists_added_and_removed(self, flawed):
        """Requirements only one side has are listed as added or removed, with a dash."""
        bs = assess(examples.load("flawed"), "bs11000-1:2010", as_of=AS_OF)
        added = to_markdown(flawed.diff(bs))
        assert "## Added (20)" in added
        assert (
            "| `MS.10.2.IMPROVEMENT` | Continual improvement of collaboration | \u2013 |" in added
        )
        removed = to_markdown(bs.diff(flawed))
        assert "## Removed (20)" in removed
        assert "## Added" not in removed

    def test_rejects_other_objects(self):
        """Anything but a report or a diff is a TypeError naming its type."""
        with pytest.raises(TypeError, match="got dict"):
            to_markdown({})  # type: ignore[arg-type]


class TestToText:
    def test_ready_plan(self, alliance):
        """A ready plan: the title underlined, the verdict, every kind of result in its place."""
        text = to_text(alliance)
        assert text.startswith("Conformance report: Northern Rail Renewals Alliance\n====")
        said = (
            "Standard: iso44001:2017, catalogue version 1\nAs of: 2026-10-31\n",
            "  Certification: ready (no major nonconformity; every stage agreed)",
            "  MINOR CBR.S6.VALUE: Value for every partner",
            "  OBS   CBR.S7.MEASUREMENT: Performance monitoring: in place, but",
            "Not assessable from records (10)\n  MS.4.4.SYSTEM: ",
            "Conform (60)\n  MS.4.1.CONTEXT, ",
        )
        assert [s for s in said if s not in text] == []

    def test_plan_not_ready(self, flawed):
        """A plan that is not ready: the verdict, the gaps, the clauses, each finding's path."""
        text = to_text(flawed)
        assert "\nConformance readiness (iso44001:2017, as of 2026-10-31)\n" in text
        assert "  Certification: NOT READY: " in text
        assert "      gaps: CBR.S5.JOINT_RMP, CBR.S5.GOVERNANCE, " in text
        t = flawed.by_clause()["8"]
        assert (
            f"  {'8 Operation':<32}{t.conforms:>8}{t.major:>6}{t.minor:>6}{t.observation:>4}"
            in (text)
        )
        assert "        where: stages.working_together.joint_rmp.signatories" in text
        assert "        remedy: have every partner sign the joint relationship" in text
        assert "\nAgreed, not yet exercised (" in text
        assert text.count("  OBS   ") == sum(f.result is Result.OBSERVATION for f in flawed)

    def test_failed_checks_the_message_does_not_state(self, flawed):
        """A failed check the message does not already state is printed in full."""
        assert (
            "        failed: KPI kpi-depth is on track (seen: off track, latest 89.4 against 98)"
            " at\n                relationship.kpis[1].measurements\n" in to_text(flawed)
        )

    @pytest.mark.parametrize("name", ["alliance", "flawed", "hostile"])
    def test_fits_a_terminal(self, request, name):
        """ASCII lines of at most 99 characters, ending in one newline."""
        text = to_text(request.getfixturevalue(name))
        assert max(len(line) for line in text.splitlines()) <= 99
        assert text.endswith("\n")
        assert not text.endswith("\n\n")
        assert text.isascii()

    @pytest.mark.parametrize("change", [{"standard": "own:1"}, {"catalogue_version": 99}])
    def test_clause_titles_need_the_catalogue(self, flawed, change):
        """Without the catalogue the report was made with, clauses are shown by number only."""
        lines = to_text(attrs.evolve(flawed, **change)).splitlines()
        assert any(line.startswith("  8      ") for line in lines)
        assert not any(line.startswith("  8 Operation") for line in lines)

    def test_finding_without_paths_or_remedy(self):
        """A failed check without an observation or a path, and no remedy, still reads well."""
        finding = Finding(
            requirement="MS.4.1.CONTEXT",
            result=Result.MINOR,
            message="Context: unclear",
            explanation=[Check(description="the drivers are stated", passed=False)],
        )
        assert render_text([finding_view(finding)]) == [
            "  MINOR MS.4.1.CONTEXT: Context: unclear",
            "        failed: the drivers are stated",
        ]

    def test_report_without_findings(self, alliance):
        """A report without findings says there are none rather than failing."""
        text = to_text(attrs.evolve(alliance, findings=()))
        assert "Nonconformities and observations\n  none" in text
        assert "Not assessable from records" not in text
        assert "Conform (" not in text

    def test_drafted_report_says_where_it_came_from(self):
        """A report drafted through the crosswalk names the catalogue it was drafted from."""
        bs = assess(examples.load("flawed"), "bs11000-1:2010", as_of=AS_OF)
        text = to_text(draft(bs, "iso44001:2017"))
        assert "Conformance readiness (iso44001:2017, drafted from bs11000-1:2010, as of" in text
        assert "; drafted from bs11000-1:2010 through the crosswalk" in text

    def test_diff(self, diff):
        """A diff lists what moved in plain tables, a dash where a side has no result."""
        text = to_text(diff)
        assert text.startswith("Conformance changes from 2019-06-01 to 2026-10-31\n=====")
        assert f"\n\nImproved ({len(diff.improved)})\n  Requirement " in text
        assert "  CBR.S7.MEASUREMENT " in text
        assert text.isascii()
        assert max(len(line) for line in text.splitlines()) <= 99
        assert "  MS.7.2.COMPETENCE            Competence of people in~  agreed, not" in text

    def test_diff_across_catalogues_shows_a_dash(self, flawed):
        """A requirement only one side has shows a dash on the other."""
        bs = assess(examples.load("flawed"), "bs11000-1:2010", as_of=AS_OF)
        added = to_text(flawed.diff(bs)).split("\n\nAdded (20)\n", 1)[1]
        assert "  MS.4.1.CONTEXT                 Context for collaboration understood " in added
        assert " -       minor nonconformity\n" in added

    def test_rejects_other_objects(self):
        """Anything but a report or a diff is a TypeError naming its type."""
        with pytest.raises(TypeError, match="got list"):
            to_text([])  # type: ignore[arg-type]


class TestToHtml:
    def test_self_contained_page(self, flawed):
        """One page: doctype, inline CSS, nothing fetched, no script."""
        page = to_html(flawed)
        assert page.startswith('<!DOCTYPE html>\n<html lang="en">')
        assert page.endswith("</html>\n")
        assert "<style>" in page
        for external in ("<script", "<link", "<img", "src=", "url(", "@import", "javascript:"):
            assert external not in page
        parser = _parsed(page)
        assert [name for name, _ in parser.attributes if name.startswith("on")] == []
        assert all(href.startswith("#") for href in parser.links())  # links within the page

    def test_tags_balance(self, flawed, hostile):
        """Every element that opens is closed, in order."""
        for report in (flawed, hostile):
            parser = _TagBalance()
            parser.feed(to_html(report))
            assert parser.errors == []
            assert parser.open == []
            assert "script" not in parser.tags

    def test_same_content_as_markdown(self, flawed):
        """The page carries the verdict, the tables, the findings and their paths."""
        page = to_html(flawed)
        assert (
            "<title>Conformance report: Greywater Harbour maintenance partnership</title>" in page
        )
        assert '<p class="not-ready"><strong>Not ready for certification:</strong>' in page
        assert "<th>Stage</th>" in page
        assert '<h2 id="clauses">Results by clause</h2>' in page
        assert '<h2 id="others">Other results</h2>' in page
        for path in PLANTED:
            assert f"<code>{path}</code>" in page
        assert "have every partner sign the joint relationship management plan" in page

    def test_results_are_colour_coded(self, flawed, alliance):
        """Results carry a class per result, each with its colour; findings a coloured border."""
        page = to_html(flawed)
        said = (
            '<section class="finding major" id="finding-ms-5-3-roles">',
            '<section class="finding minor" id="finding-ms-4-1-context">',
            '<section class="finding observation" id="finding-',
            '<span class="result r-major">Major nonconformity</span>',
            '<span class="result r-not_assessable">not assessable</span>',
            ".r-major { background: #c62828; color: #fff; }",
            "section.finding.minor { border-left-color: #ef6c00; }",
            '<span class="check-fail">\u2718 failed</span>',
            '<tr id="stage-awareness" class="not-agreed">',
        )
        assert [s for s in said if s not in page] == []
        assert '<p class="ready">' in to_html(alliance)

    def test_plan_strings_are_escaped(self, hostile):
        """Every string from the plan is HTML-escaped."""
        page = to_html(hostile)
        escaped = "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; | *bold* `tick` &amp; co"
        assert f"<title>Conformance report: {escaped}</title>" in page
        assert f"<h1>Conformance report: {escaped}</h1>" in page
        assert "<script>" not in page

    def test_diff(self, diff):
        """A diff is a page too, with its tables colour-coded."""
        page = to_html(diff)
        assert "<h1>Conformance changes from 2019-06-01 to 2026-10-31</h1>" in page
        assert f'<h2 id="improved">Improved ({len(diff.improved)})</h2>' in page
        assert '<span class="result r-observation">observation</span>' in page
        assert '<li><a href="#regressed">Regressed (' in page
        parser = _parsed(page)
        ids = parser.ids()
        assert len(ids) == len(set(ids))
        assert {f"req-{slug(c.requirement)}" for c in diff.moved} <= set(ids)
        assert {href[1:] for href in parser.links()} <= set(ids)

    def test_contents_lists_the_sections(self, flawed):
        """The contents link every section and, below its section, every group of findings."""
        page = to_html(flawed)
        start = page.index('<nav class="toc" id="contents" aria-labelledby="contents-title">')
        contents = page[start : page.index("</nav>", start)]
        sections = re.findall(r'<a href="#([^"]+)">([^<]+)</a>', contents)
        assert [anchor for anchor, _ in sections] == [
            "certification",
            "readiness",
            "clauses",
            "findings",
            "findings-major",
            "findings-minor",
            "findings-observation",
            "actions",
            "others",
        ]
        assert ("findings-major", f"Major nonconformities ({flawed.tally.major})") in sections
        for anchor, title in sections:
            assert re.search(f'<h[23] id="{anchor}">{re.escape(title)}</h[23]>', page)

    def test_anchors_are_unique_and_every_link_lands(self, flawed, alliance, hostile):
        """Ids are unique and URL-safe; every link is to an id on the page."""
        for report in (flawed, alliance, hostile):
            parser = _parsed(to_html(report))
            ids = parser.ids()
            assert len(ids) == len(set(ids))
            assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", i) for i in ids)
            assert {href[1:] for href in parser.links()} <= set(ids)

    def test_every_finding_and_requirement_has_an_anchor(self, flawed):
        """Each finding has `finding-<requirement>`, its requirement `req-<requirement>`."""
        ids = set(_parsed(to_html(flawed)).ids())
        for f in flawed.findings:
            assert f"finding-{slug(f.requirement)}" in ids
            assert f"req-{slug(f.requirement)}" in ids
        page = to_html(flawed)
        assert (
            '<h4><code id="req-cbr-s5-joint-rmp">CBR.S5.JOINT_RMP</code> Joint relationship' in page
        )
        assert '<tr id="finding-ms-7-1-resources"><td><code id="req-ms-7-1-resources">' in page

    def test_anchors_of_a_requirement_with_two_findings(self, flawed):
        """A second finding on a requirement gets the next free anchor; ids stay unique."""
        first = flawed.findings[0]
        report = attrs.evolve(flawed, findings=(first, *flawed.findings))
        parser = _parsed(to_html(report))
        ids = parser.ids()
        anchor = f"finding-{slug(first.requirement)}"
        assert anchor in ids
        assert f"{anchor}-2" in ids
        assert ids.count(f"req-{slug(first.requirement)}") == 1
        assert len(ids) == len(set(ids))

    def test_readiness_table_links_each_gap_to_its_finding(self, flawed):
        """A stage's row has its anchor; each of its gaps links to that requirement's finding."""
        page = to_html(flawed)
        for r in flawed.readiness():
            anchor = "stage-" + slug(r.stage.value)
            row = page[page.index(f'<tr id="{anchor}"') :]
            row = row[: row.index("</tr>")]
            for gap in r.gaps:
                assert f'<a href="#finding-{slug(gap)}"><code>{gap}</code></a>' in row

    def test_findings_link_back_to_their_clause_and_stage(self, flawed):
        """A finding's clause and stage link to their rows in the tables above."""
        page = to_html(flawed)
        section = _section(page, 'id="finding-cbr-s5-joint-rmp"', "</section>")
        assert '<a href="#clause-8">clause 8.6</a>' in section
        assert '<a href="#stage-working-together">stage 5 Working together</a>' in section
        assert '<tr id="clause-8">' in page

    def test_readiness_chart(self, flawed):
        """An inline SVG bar per stage, named for screen readers; nothing fetched, no script."""
        page = to_html(flawed)
        svg = _section(page, '<svg class="chart" id="chart-readiness"', "</svg>")
        assert 'role="img" aria-labelledby="chart-readiness-title chart-readiness-desc"' in svg
        assert '<title id="chart-readiness-title">Readiness by stage' in svg
        assert svg.count('<g class="bar not-agreed">') == len(flawed.readiness())
        desc = _section(svg, '<desc id="chart-readiness-desc">', "</desc>")
        for r in flawed.readiness():
            assert f"{r.stage.number} {r.stage.title}: {r.readiness:.0%}, not agreed" in desc
        assert "<script" not in svg
        assert "href" not in svg

    def test_print_css(self, flawed):
        """Printed: no contents, black on white, no breaks inside a finding or a row."""
        page = to_html(flawed)
        css = page[page.index("@media print {") : page.index("</style>")]
        for rule in (
            "nav.toc { display: none; }",
            "body, main { background: #fff; color: #000; }",
            "section.finding, tr, svg.chart, p.ready, p.not-ready { break-inside: avoid; }",
            "h2, h3, h4 { break-after: avoid; }",
            ".result { background: none; color: #000; border: 1px solid #000; }",
        ):
            assert rule in css
        assert page.index("@media print {") > page.index(".r-major {")

    def test_deterministic(self, flawed):
        """The same report always gives the same page."""
        assert to_html(flawed) == to_html(flawed)

    def test_rejects_other_objects(self):
        """Anything but a report or a diff is a TypeError."""
        with pytest.raises(TypeError, match="ConformanceReport or a ReportDiff"):
            to_html("report")  # type: ignore[arg-type]


class TestToDataframe:
    def test_report_rows_are_findings(self, flawed):
        """A report becomes one row per finding, with the report's record columns."""
        pytest.importorskip("pandas")
        frame = to_dataframe(flawed)
        assert list(frame.columns) == REPORT_COLUMNS
        assert len(frame) == len(flawed.findings)
        row = frame[frame["requirement"] == "CBR.S5.JOINT_RMP"].iloc[0]
        assert row["result"] == "major"
        assert "stages.working_together.joint_rmp.signatories" in row["paths"].split("; ")
        assert row["stage"] == "working_together"

    def test_diff_rows_are_moves(self, diff):
        """A diff becomes one row per requirement that moved."""
        pytest.importorskip("pandas")
        frame = to_dataframe(diff)
        assert list(frame.columns) == DIFF_COLUMNS
        assert sorted(frame["direction"].unique()) == ["improved", "regressed"]
        assert len(frame) == len(diff.moved)

    def test_empty_results_keep_their_columns(self, flawed):
        """A report without findings and a diff where nothing moved still have columns."""
        pytest.importorskip("pandas")
        assert list(to_dataframe(attrs.evolve(flawed, findings=())).columns) == (REPORT_COLUMNS)
        empty = to_dataframe(flawed.diff(flawed))
        assert list(empty.columns) == DIFF_COLUMNS
        assert len(empty) == 0

    def test_known_columns_match_the_records(self, flawed, diff):
        """The columns kept for empty tables are those the records have."""
        assert list(flawed.to_records()[0]) == REPORT_COLUMNS
        assert list(diff.to_records()[0]) == DIFF_COLUMNS
