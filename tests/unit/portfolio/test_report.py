"""What a portfolio report shows: merges, roll-ups, the readiness matrix, the trend, pages."""

from __future__ import annotations

import pickle
from datetime import date
from html.parser import HTMLParser

import attrs
import pytest

from collabrel import examples
from collabrel.conformance import assess
from collabrel.errors import ArgumentError
from collabrel.model import RelationshipManagementPlan, Stage
from collabrel.portfolio import Accumulator, PortfolioProblem, PortfolioReport

AS_OF = date(2026, 10, 31)
PLANS: dict[str, RelationshipManagementPlan] = {n: examples.load(n) for n in examples.names()}
FLAWED = PLANS["flawed"]
EARLIER = attrs.evolve(
    FLAWED, meta=attrs.evolve(FLAWED.meta, revision=1, issued_on=date(2025, 3, 1))
)
"""An earlier revision of the flawed plan, issued in March 2025."""


def _build() -> PortfolioReport:
    acc = Accumulator()
    for name, plan in PLANS.items():
        acc.add(f"plans/{name}.json", plan, assess(plan, as_of=AS_OF))
    acc.add("plans/flawed-r1.json", EARLIER, assess(EARLIER, as_of=AS_OF))
    acc.add_problem(PortfolioProblem("plans/broken.json", "<not> a plan & more", "load"))
    return acc.freeze()


REPORT = _build()
"""The four examples, an earlier revision of the flawed plan and a problem: made once."""


def _single(name: str) -> PortfolioReport:
    acc = Accumulator()
    acc.add(f"plans/{name}.json", PLANS[name], assess(PLANS[name], as_of=AS_OF))
    return acc.freeze()


class TestMerge:
    def test_merging_the_parts_gives_the_whole(self):
        """The plans' reports merged one by one, in any order, equal the report of all."""
        parts = [_single(name) for name in PLANS]
        whole = PortfolioReport.merge_all(parts)
        assert whole == parts[3] | parts[1] | parts[0] | parts[2]
        assert whole.plans == len(PLANS)

    def test_empty_is_the_identity(self):
        """Merging with an empty report gives the report itself."""
        assert REPORT.merge(PortfolioReport.empty()) == REPORT
        assert PortfolioReport.empty("iso44001:2017") | REPORT == REPORT

    def test_different_standards_do_not_merge(self):
        """Reports against two standards are an ArgumentError."""
        other = PortfolioReport.empty("bs11000-1:2010")
        with pytest.raises(ArgumentError, match="iso44001:2017"):
            REPORT.merge(other)

    def test_only_reports_merge(self):
        """`|` with something else is a TypeError."""
        with pytest.raises(TypeError):
            REPORT | 3  # type: ignore[operator]

    def test_a_report_pickles(self):
        """A report sent between processes comes back equal."""
        assert pickle.loads(pickle.dumps(REPORT)) == REPORT  # noqa: S301 - our own bytes


class TestCounts:
    def test_plans_ready_and_problems(self):
        """Five plans, the alliance ready for certification, one problem."""
        assert (REPORT.plans, REPORT.ready, len(REPORT.problems)) == (5, 1, 1)
        assert REPORT.standard == "iso44001:2017"
        assert REPORT.as_of == AS_OF

    def test_as_of_is_none_when_the_days_differ(self):
        """Plans judged on different days have no one `as_of`."""
        acc = Accumulator()
        acc.add("a.json", FLAWED, assess(FLAWED, as_of=date(2025, 1, 1)))
        acc.add("b.json", FLAWED, assess(FLAWED, as_of=AS_OF))
        assert acc.freeze().as_of is None
        assert PortfolioReport.empty().as_of is None

    def test_the_tally_adds_every_plans(self):
        """The portfolio's tally is the sum of the plans' tallies."""
        assert REPORT.tally.total == sum(r.tally.total for r in REPORT.rows)
        assert REPORT.tally.major == sum(r.tally.major for r in REPORT.rows)

    def test_by_stage_adds_the_stages_of_every_plan(self):
        """Each stage's major count is the sum of the plans' majors in that stage."""
        for stage, tally in REPORT.by_stage().items():
            assert tally.major == sum(r.stage(stage).majors for r in REPORT.rows)

    def test_by_tier_and_partner(self):
        """Tiers are 1 to 4 (the consortium's chain); the flawed plan's partners are in two."""
        assert list(REPORT.by_tier()) == [1, 2, 3, 4]
        assert REPORT.by_partner()["gha"].plans == 2
        assert REPORT.by_partner()["nmri"].ready == 1


class TestMostCommon:
    def test_most_failed_first_with_count_and_share(self):
        """The first requirement is failed by the most plans; share is of those judging it."""
        common = REPORT.most_common(5)
        counts = [r.count for r in common]
        assert counts == sorted(counts, reverse=True)
        top = common[0]
        assert top.share == top.count / top.assessed
        assert top.title
        every = REPORT.most_common(None)
        assert all(r.count for r in every)
        assert common == every[:5]

    def test_ties_go_to_majors_then_ids(self):
        """Requirements failed by as many plans are ordered by majors, then by id."""
        every = REPORT.most_common(None)
        keys = [(-r.count, -r.major, r.requirement) for r in every]
        assert keys == sorted(keys)

    @pytest.mark.parametrize("n", [-1, 2.5, True, "3"])
    def test_n_must_be_a_whole_number(self, n):
        """A negative, fractional or non-number `n` is an ArgumentError."""
        with pytest.raises(ArgumentError, match="'n' must be a whole number"):
            REPORT.most_common(n)

    def test_zero(self):
        """`most_common(0)` is empty."""
        assert REPORT.most_common(0) == ()


class TestReadinessMatrix:
    def test_the_latest_revision_of_each_relationship(self):
        """The flawed relationship's row is revision 2; a plan without one is by location."""
        matrix = REPORT.readiness_matrix()
        assert matrix.relationships == (
            "efrc",
            "harbour-maintenance",
            "nrra",
            "plans/enterprise.json",
        )
        row = next(p for p in matrix.plans if p.subject == "harbour-maintenance")
        assert row.revision == FLAWED.meta.revision
        assert matrix.stages == tuple(Stage)

    def test_cells_are_the_stage_summaries(self):
        """A cell is the latest plan's stage summary; its value the stage's readiness."""
        matrix = REPORT.readiness_matrix()
        cell = matrix.cell("nrra", Stage.AWARENESS)
        assert cell is not None
        assert matrix.value("nrra", Stage.AWARENESS) == cell.readiness == 1.0
        with pytest.raises(KeyError, match="no relationship 'nowhere'"):
            matrix.value("nowhere", Stage.AWARENESS)

    def test_least_ready_first(self):
        """The alliance, ready, comes after the consortium."""
        order = [p.subject for p in REPORT.readiness_matrix().least_ready()]
        assert order.index("efrc") < order.index("nrra")
        assert len(REPORT.readiness_matrix().least_ready(2)) == 2

    def test_records_a_row_per_relationship_and_stage(self):
        """Four relationships by eight stages; plain data unless typed."""
        rows = REPORT.readiness_matrix().to_records()
        assert len(rows) == 4 * 8
        assert rows[0]["stage"] == "awareness"
        typed = REPORT.readiness_matrix().to_records(typed=True)
        assert typed[0]["stage"] is Stage.AWARENESS


class TestTrend:
    def test_a_point_per_issue_date(self):
        """One point per distinct `meta.issued_on`, oldest first."""
        days = sorted({r.issued_on for r in REPORT.rows})
        assert [t.on for t in REPORT.trend()] == days

    def test_a_later_revision_replaces_the_earlier(self):
        """Before revision 2 the flawed relationship counts with revision 1, then with 2."""
        points = {t.on: t for t in REPORT.trend()}
        first = points[date(2025, 3, 1)]
        assert (first.relationships, first.revisions) == (1, 1)
        r1 = next(r for r in REPORT.rows if r.revision == 1 and r.subject == "harbour-maintenance")
        assert first.tally == r1.tally
        last = REPORT.trend()[-1]
        assert last.relationships == len(REPORT.latest()) == 4
        assert last.ready == 1
        assert last.majors == sum(r.tally.major for r in REPORT.latest())
        assert last.ready_share == 1 / 4
        assert last.readiness == last.tally.readiness

    def test_no_plans_no_trend(self):
        """An empty report has no trend."""
        assert PortfolioReport.empty().trend() == ()


class TestTables:
    def test_records_a_row_per_plan(self):
        """One row per plan, the declared columns and a readiness column per stage."""
        rows = REPORT.to_records()
        assert len(rows) == REPORT.plans
        assert list(rows[0])[: len(REPORT.record_columns)] == list(REPORT.record_columns)
        assert f"readiness.{Stage.EXIT_STRATEGY.value}" in rows[0]
        assert isinstance(rows[0]["issued_on"], str)
        assert isinstance(REPORT.to_records(typed=True)[0]["issued_on"], date)

    def test_frames(self):
        """Every table is a DataFrame with analysis-ready dtypes."""
        pytest.importorskip("pandas")
        frames = REPORT.frames()
        assert set(frames) == {
            "plans",
            "stages",
            "by_stage",
            "by_clause",
            "requirements",
            "partners",
            "tiers",
            "trend",
            "problems",
        }
        plans = REPORT.to_frame()
        assert len(plans) == REPORT.plans
        assert str(plans["issued_on"].dtype) == "datetime64[us]"
        assert str(plans["ready"].dtype) == "boolean"
        assert str(frames["stages"]["stage"].dtype) == "category"
        assert len(frames["requirements"]) == len(REPORT.requirements)
        assert {"count", "share"} <= set(frames["requirements"].columns)
        assert frames["problems"].loc[0, "kind"] == "load"
        assert len(frames["trend"]) == len(REPORT.trend())


class TestFigure:
    def test_a_heatmap_of_relationships_by_stage(self):
        """A row per relationship (least ready first), a column per stage, labelled."""
        matplotlib = pytest.importorskip("matplotlib")
        matplotlib.use("Agg")
        fig = REPORT.figure()
        ax = fig.axes[0]
        assert ax.get_xticklabels()[0].get_text() == "1 Awareness"
        labels = [t.get_text() for t in ax.get_yticklabels()]
        assert len(labels) == 4
        assert labels[0].startswith("Estuary Flood")
        assert "Readiness" in ax.get_title()

    def test_a_limit_and_says_how_many_more(self):
        """At most `limit` relationships are drawn; the title says how many are not."""
        matplotlib = pytest.importorskip("matplotlib")
        matplotlib.use("Agg")
        ax = REPORT.figure(limit=2).axes[0]
        assert len(ax.get_yticklabels()) == 2
        assert "2 more not shown" in ax.get_title()

    def test_an_empty_report_still_draws(self):
        """No plans: an empty heatmap, no error."""
        matplotlib = pytest.importorskip("matplotlib")
        matplotlib.use("Agg")
        assert PortfolioReport.empty().figure().axes


class _Checker(HTMLParser):
    """Collects the page's section ids and whether it has scripts or outside links."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.outside: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("id"):
            self.ids.append(str(found["id"]))
        if tag == "script" or (found.get("src") or found.get("href") or "#").startswith("http"):
            self.outside.append(tag)


class TestPages:
    def test_a_self_contained_page(self):
        """A whole HTML page: its styles inline, no script, nothing fetched from outside."""
        page = REPORT.to_html()
        assert page.startswith("<!DOCTYPE html>")
        checker = _Checker()
        checker.feed(page)
        assert checker.outside == []
        assert "section-most-common-nonconformities" in checker.ids
        assert "section-trend-across-review-dates" in checker.ids
        assert "&lt;not&gt; a plan &amp; more" in page
        assert "<not>" not in page

    def test_long_lists_are_cut(self):
        """With a limit of 1, the page shows one relationship and says how many more."""
        page = REPORT.to_html(limit=1)
        assert "and 3 more relationships" in page

    def test_an_empty_report_renders(self):
        """An empty report is a page too, without a trend or problems section."""
        page = PortfolioReport.empty().to_html()
        assert "No nonconformities." in page
        assert "Trend" not in page

    def test_repr_is_one_short_line(self):
        """The repr counts: plans, ready, nonconformities, problems."""
        text = repr(REPORT)
        assert text.startswith("<PortfolioReport against iso44001:2017 as of 2026-10-31: 5 plans")
        assert "1 problem>" in text
        assert "\n" not in text
        assert len(text) < 300
        assert repr(PortfolioReport.empty()) == (
            "<PortfolioReport against no standard: 0 plans (0 ready for certification); "
            "0 major, 0 minor nonconformities; 0 problems>"
        )

    def test_notebook_view_is_bounded(self):
        """The notebook view shows readiness by stage and the worst parts, within 10,000."""
        html = REPORT._repr_html_()
        assert "Readiness by stage" in html
        assert "Most common nonconformities" in html
        assert len(html) < 10_000
        assert "Portfolio" in PortfolioReport.empty()._repr_html_()
        matrix = REPORT.readiness_matrix()
        assert "least ready relationships first" in matrix._repr_html_()
        assert repr(matrix) == "<ReadinessMatrix 4 relationships x 8 stages>"

    def test_ipython_shows_the_repr(self):
        """IPython's pretty printer prints the one-line repr."""
        printed: list[str] = []

        class Out:
            def text(self, obj: str) -> None:
                printed.append(obj)

        REPORT._repr_pretty_(Out(), cycle=False)
        assert printed == [repr(REPORT)]


_SECTIONS = (
    "Most common nonconformities",
    "Readiness by stage",
    "Readiness by relationship and stage",
    "Trend across review dates",
    "Supply-chain tiers",
    "Partners",
    "Problems",
)
"""The sections of a report's text, Markdown and page, in order."""


class TestTextAndMarkdown:
    def test_text_markdown_and_html_say_the_same_in_the_same_order(self):
        """The three renderings are one outline: the same sections, in the same order."""
        text, markdown, html = REPORT.to_text(), REPORT.to_markdown(), REPORT.to_html()
        for rendering, heading in ((text, "\n{}\n"), (markdown, "\n## {}\n"), (html, ">{}</h2>")):
            places = [rendering.index(heading.format(name)) for name in _SECTIONS]
            assert places == sorted(places)
        for said in ("CBR.S1.SER", "Greywater Harbour maintenance partnership", "2025-03-01"):
            assert said in text
            assert said in markdown
            assert said in html

    def test_the_headline(self):
        """The text opens with the plans, how many are ready, the nonconformities, problems."""
        tally = REPORT.tally
        assert REPORT.to_text().splitlines()[:8] == [
            "Portfolio against iso44001:2017",
            "===============================",
            "Plans: 5",
            "Relationships: 4",
            "Ready for certification: 1 of 5 plans",
            f"Nonconformities: {tally.major} major, {tally.minor} minor",
            "As of: 2026-10-31",
            "Problems: 1",
        ]

    def test_text_fits_a_terminal_and_lists_problems_by_location(self):
        """Lines are at most 99 characters; a problem's error lines follow its location."""
        acc = Accumulator()
        acc.add_problem(
            PortfolioProblem(
                "p.jsonl:3", "1 problem in p.jsonl:3:\n  partners[2].role: bad", "load"
            )
        )
        text = (REPORT | acc.freeze()).to_text()
        assert max(len(line) for line in text.splitlines()) <= 99
        assert "  p.jsonl:3 (load): 1 problem in p.jsonl:3:\n      partners[2].role: bad\n" in text
        assert "  plans/broken.json (load): <not> a plan & more" in text

    def test_markdown_escapes_what_comes_from_the_plans(self):
        """A problem's error cannot break the Markdown table it is in."""
        markdown = REPORT.to_markdown()
        assert "| `plans/broken.json` | load | \\<not> a plan & more |" in markdown

    def test_long_lists_are_cut(self):
        """With a limit of 1, each list shows one entry and says how many more there are."""
        text = REPORT.to_text(limit=1)
        assert "and 3 more relationships" in text
        assert "more requirements" in text
        assert "more partners" in text

    def test_an_empty_report_has_no_trend_or_problems(self):
        """The report of no plans still reads, without the trend and problems sections."""
        text = PortfolioReport.empty("iso44001:2017").to_text()
        assert "No nonconformities." in text
        assert "Trend" not in text
        assert "\nProblems\n" not in text
        assert "As of: each plan's own date" in text

    @pytest.mark.parametrize("limit", [0, -1, 1.5, True, None])
    def test_limit_must_be_a_whole_number_from_1(self, limit):
        """A limit that is not a whole number from 1 is refused, naming it."""
        for render in (REPORT.to_text, REPORT.to_markdown, REPORT.to_html):
            with pytest.raises(ArgumentError, match="limit"):
                render(limit=limit)


def test_the_figure_draws_on_given_axes():
    """Given axes, the heatmap is drawn on them."""
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    from matplotlib import pyplot as plt  # noqa: PLC0415 - after choosing the backend

    fig, ax = plt.subplots()
    assert REPORT.figure(ax=ax) is fig
    plt.close(fig)
