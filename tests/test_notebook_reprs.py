"""Every public type a user holds shows concisely: in a terminal, in IPython and in a notebook.

The instances come from the bundled examples and from what the public functions return for
them, gathered by walking every result down to its parts. A public type with no instance
here must be listed in `NOT_HELD` with the reason, so a new public type fails these tests
until it is covered.
"""

from __future__ import annotations

import enum
import re
import tempfile
from collections.abc import Iterator
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from types import ModuleType

import attrs
import pytest

import collabrel
from collabrel import (
    conformance,
    evidence,
    examples,
    governance,
    lifecycle,
    metrics,
    model,
    portfolio,
)
from collabrel.conformance import Certification, ConformanceReport, Tally
from collabrel.metrics import HealthAssessment, HealthPeriod, Sensitivity
from collabrel.model import Partner, Relationship, RelationshipManagementPlan

MODULES: tuple[ModuleType, ...] = (
    collabrel,
    model,
    conformance,
    metrics,
    lifecycle,
    governance,
    portfolio,
    evidence,
)
AS_OF = date(2026, 10, 31)

SUMMARIES: frozenset[type] = frozenset(
    {
        RelationshipManagementPlan,
        Relationship,
        model.StageSections,
        ConformanceReport,
        HealthAssessment,
        HealthPeriod,
        metrics.KPIReport,
        metrics.ValueRealisation,
        metrics.ExitReadiness,
        governance.GovernanceReport,
        lifecycle.LifecycleSummary,
        portfolio.PortfolioReport,
    }
)
"""The containers whose one-line `repr` is a written summary of at most `SHORT` characters."""
CONTAINERS: frozenset[type] = SUMMARIES | frozenset(
    {
        model.AwarenessSection,
        model.KnowledgeSection,
        model.InternalAssessmentSection,
        model.PartnerSelectionSection,
        model.WorkingTogetherSection,
        model.ValueCreationSection,
        model.StayingTogetherSection,
        model.ExitStrategySection,
        model.HealthSurvey,
        model.Governance,
        model.RACIMatrix,
        model.ValueProposition,
        model.ExitPlan,
        model.SelectionCriteria,
        model.KnowledgeMap,
        conformance.ReportDiff,
        conformance.Catalogue,
        conformance.Crosswalk,
        metrics.DecisionMatrix,
        metrics.SelectionResult,
    }
)
"""The big containers: a one-line `repr` (their parts counted) and `_repr_pretty_`."""
SHORT = 300
LINE = 500
"""The longest one-line `repr` of a container whose parts are counted."""
BOUND = 2_000
"""The longest `repr` any other held instance may have, unless `LONG_REPR` says why."""
HTML_BOUND = 10_000
"""The longest notebook view of any held instance."""

LONG_REPR: dict[type, str] = {
    model.Finding: "a value: its repr shows the checks that ran, as evidence",
}
"""Held types whose `repr` may exceed `BOUND`, and why."""

NOT_HELD: dict[str, str] = {
    # errors: raised, not held (the ones a Verdict holds are covered); their repr is their own
    "ArgumentError": "an exception",
    "CatalogueError": "an exception",
    "DefinitionError": "an exception",
    "DocumentError": "an exception",
    "EvidenceError": "an exception",
    "FormatError": "an exception",
    "GovernanceError": "an exception",
    "InvalidFieldError": "an exception",
    "MetricsError": "an exception",
    "NoRelationshipError": "an exception",
    "RuleError": "an exception",
    "SaveError": "an exception",
    "TransitionRefusedError": "an exception",
    # seams: protocols users implement, never instances of their own
    "Guard": "a Protocol the caller implements",
    # inputs the examples do not contain
    "LoadLimits": "a loading option; the examples load with the defaults",
    "Problem": "part of a DocumentError; the examples are valid",
    "Judgement": "a rule's verdict inside assessment; reports hold Findings",
    "Context": "what a rule reads during assessment; not returned",
    "EdgeKind": "a governance graph edge kind; graphs are networkx objects",
    "NodeKind": "a governance graph node kind; graphs are networkx objects",
}
"""Public types (by name) with no instance here, and why."""


# ------------------------------------------------------------------ instances


def _public_types() -> dict[type, str]:
    found: dict[type, str] = {}
    for module in MODULES:
        for name in module.__all__:
            obj = getattr(module, name)
            if isinstance(obj, type):
                found.setdefault(obj, name)
    return found


def _roots() -> Iterator[object]:
    for name in examples.names():
        rmp = examples.load(name)
        yield rmp
        reports = [conformance.assess(rmp, std, as_of=AS_OF) for std in conformance.catalogues()]
        yield from reports
        report = reports[-1]
        earlier = conformance.assess(rmp, report.standard, as_of=date(2019, 6, 1))
        yield report.diff(earlier), report.tally, report.certification, report.readiness()
        yield report.remediations()
        yield report.by_clause(), report.by_stage(), report.by_phase()
        yield conformance.draft(reports[0], report.standard)
        ratings = metrics.health_ratings(rmp)
        yield ratings, metrics.assess_health(ratings)
        yield metrics.assess_maturity(rmp.stages.staying_together.maturity_assessments)
        yield lifecycle.replay(rmp.history), lifecycle.summarize(rmp.history)
        yield lifecycle.trace(rmp.history), lifecycle.intervals(rmp.history)
        state = lifecycle.replay(rmp.history)
        yield lifecycle.available(state)
        if rmp.history:
            yield lifecycle.can(state, rmp.history[-1])
        rel = rmp.relationship
        if rel is None:
            continue
        yield metrics.assess_kpis(rel.kpis, AS_OF)
        yield metrics.assess_value(rel.value_propositions, AS_OF)
        yield metrics.assess_exit_readiness(rel.exit_plan, AS_OF, partner_ids=rel.parties_on(AS_OF))
        for kpi in rel.kpis[:1]:
            periods = metrics.review_periods(date(2025, 1, 1), AS_OF, model.Cadence.QUARTERLY)
            yield periods, metrics.assess_kpi_over(kpi, periods)
        yield governance.analyze(rel), governance.raci_table(rel.governance.raci)
        yield governance.validate_raci(rel.governance.raci)
        if rmp.stages.internal_assessment.selection_criteria is not None:
            matrix = metrics.DecisionMatrix.from_plan(rmp)
            yield matrix, metrics.select_partners(matrix)
    plans = [examples.load(name) for name in examples.names()]
    yield governance.analyze_portfolio(p.relationship for p in plans if p.relationship)
    yield from _portfolio_roots(plans)
    yield from _evidence_roots(tmp_folder())
    yield metrics.ahp_weights([[1, 3, 5], [1 / 3, 1, 2], [1 / 5, 1 / 2, 1]])
    yield [conformance.catalogue(name) for name in conformance.catalogues()]
    yield conformance.crosswalk(), conformance.default_rules(), conformance.builtin_rules()
    yield conformance.conformance_guards(), lifecycle.default_guards(), lifecycle.RECORD_GUARDS
    yield lifecycle.STANDARD, lifecycle.ISO_44001, lifecycle.STATUS_COLOURS
    yield governance.ALPHABETS, governance.Limits()
    yield metrics.DEFAULT_HEALTH_DIMENSIONS, metrics.DEFAULT_MATURITY_SCALE, metrics.EXIT_CRITERIA
    yield metrics.Thresholds(), list(metrics.Method)


_POLICY = b"""# Collaborative working policy

## Leadership

Our senior executive responsible (SER) sponsors collaborative working and chairs the alliance board.

## Exit

The exit plan names the triggers for disengagement and how work is handed over.
"""


def tmp_folder() -> Path:
    """A folder with a policy (Markdown) and a file that is not a document."""
    folder = Path(tempfile.mkdtemp(prefix="collabrel-evidence-"))
    (folder / "policy.md").write_bytes(_POLICY)
    (folder / "notes.xyz").write_bytes(b"not a document")
    return folder


def _evidence_roots(folder: Path) -> Iterator[object]:
    """Documents read, a problem, an index with its hits, suggestions and the terms."""
    documents = evidence.load_documents([folder / "policy.md", folder / "notes.xyz"])
    yield documents, documents.documents, documents.problems, documents.passages
    index = evidence.EvidenceIndex(documents.passages)
    yield index, index.search("senior executive responsible")
    suggestions = evidence.suggest("iso44001:2017", documents)
    offered = [each for found in suggestions.suggestions.values() for each in found]
    yield suggestions, offered, [each.reasons for each in offered]
    yield evidence.evidence_terms(), evidence.EvidenceLimits()
    suggested = evidence.link(offered[0], documents=documents)
    yield suggested, evidence.accept(suggested, by="h.okafor", on=date(2026, 3, 2))


def _portfolio_roots(plans: list[RelationshipManagementPlan]) -> Iterator[object]:
    """A portfolio source, a partition, an accumulator and the report it gathered.

    The report has a problem and two revisions of a plan, so it has a trend.
    """
    source = portfolio.PlanSource.folder(examples.path("alliance").parent, partition_size=2)
    acc = portfolio.Accumulator()
    earlier = attrs.evolve(plans[0], meta=attrs.evolve(plans[0].meta, issued_on=date(2025, 1, 6)))
    for n, rmp in enumerate([*plans, earlier]):
        acc.add(f"plans/{n}.json", rmp, conformance.assess(rmp, as_of=AS_OF))
    acc.add_problem(portfolio.PortfolioProblem("plans/bad.json", "1 problem: not a plan", "load"))
    yield source, next(source.partitions()), acc, acc.freeze()


def _children(obj: object) -> list[object]:
    """What `obj` holds: items of containers, attrs fields, a catalogue's entries."""
    if isinstance(obj, enum.Enum):
        return []
    if isinstance(obj, dict):
        return [*obj.keys(), *obj.values()]
    found = list(obj) if isinstance(obj, tuple | list | set | frozenset) else []
    if attrs.has(type(obj)):
        found.extend(getattr(obj, a.name) for a in attrs.fields(type(obj)))
    for name in ("requirements", "clauses", "entries", "stages", "rules"):
        value = getattr(obj, name, None)
        if isinstance(value, tuple):
            found.extend(value)
    return found


def _held() -> dict[type, list[object]]:
    public = _public_types()
    held: dict[type, list[object]] = {}
    seen: set[int] = set()
    stack = list(_roots())
    while stack:
        obj = stack.pop()
        if id(obj) in seen or obj is None or isinstance(obj, str | int | float | date):
            continue
        seen.add(id(obj))
        for cls in type(obj).__mro__:
            if cls in public:
                held.setdefault(cls, []).append(obj)
        stack.extend(_children(obj))
    return held


HELD = _held()
PUBLIC = _public_types()


def _instances(kind: str) -> list[tuple[type, object]]:
    """Up to three instances of each held type (the longest `repr` among them first)."""
    out = []
    for cls, objs in HELD.items():
        ranked = sorted(objs, key=lambda o: -len(repr(o)))[:3]
        out.extend((cls, o) for o in ranked if kind != "html" or hasattr(o, "_repr_html_"))
    return out


def _id(value: object) -> str:
    return type(value).__name__ if not isinstance(value, type) else value.__name__


# ------------------------------------------------------------------ coverage


class TestCoverage:
    def test_every_public_type_is_held_or_explained(self):
        """Each public class has an instance here or is listed in NOT_HELD with a reason."""
        missing = sorted(name for cls, name in PUBLIC.items() if cls not in HELD)
        unexplained = [name for name in missing if name not in NOT_HELD]
        assert not unexplained, f"build an instance of these, or say why not: {unexplained}"

    def test_not_held_is_not_stale(self):
        """Every NOT_HELD entry names a public type that really has no instance here."""
        names = {name: cls for cls, name in PUBLIC.items()}
        assert sorted(set(NOT_HELD) - set(names)) == []
        assert sorted(n for n in NOT_HELD if names[n] in HELD) == []

    def test_long_repr_entries_are_needed(self):
        """Every LONG_REPR entry is held and really has a repr beyond the bound."""
        for cls in LONG_REPR:
            assert cls in HELD
            assert max(len(repr(o)) for o in HELD[cls]) > BOUND, cls


# ------------------------------------------------------------------ repr


@pytest.mark.parametrize(("cls", "obj"), _instances("repr"), ids=_id)
def test_repr_is_bounded(cls, obj):
    """A held instance's repr stays under the bound; a container's is one short line."""
    text = repr(obj)
    if cls in CONTAINERS:
        assert len(text) <= (SHORT if cls in SUMMARIES else LINE), text
        assert "\n" not in text
        assert text.startswith(f"<{cls.__name__}")
    elif cls not in LONG_REPR:
        assert len(text) <= BOUND, text[:300]


def test_the_big_containers_were_big():
    """The plan, its relationship and a report are the ones that used to print in full."""
    rmp = examples.load("alliance")
    assert len(repr(rmp)) < SHORT < len(repr(attrs.asdict(rmp, recurse=False)))
    assert repr(rmp) == (
        "<RelationshipManagementPlan 'Northern Rail Renewals Alliance' (alliance, 6 partners;"
        " stages done 1-5, under way 6-8; 10 risks, 7 KPIs, 40 records; 18 events)>"
    )
    assert repr(rmp.relationship).startswith(
        "<Relationship 'Northern Rail Renewals Alliance' (alliance; partners nmri client,"
    )


def test_equality_and_hash_are_unchanged():
    """A short repr changes nothing else: equal plans are equal, values hash as before."""
    one, two = examples.load("alliance"), examples.load("alliance")
    assert one == two
    assert one != examples.load("flawed")
    assert hash(one.relationship.partners[0]) == hash(two.relationship.partners[0])
    assert {Tally(major=1)} == {Tally(major=1)}


class _Printer:
    """IPython's pretty printer, as far as `_repr_pretty_` uses it."""

    def __init__(self) -> None:
        self.written: list[str] = []

    def text(self, obj: str) -> None:
        self.written.append(obj)


@pytest.mark.parametrize("cls", sorted(CONTAINERS, key=lambda c: c.__name__), ids=_id)
def test_pretty_printer_shows_the_short_repr(cls):
    """IPython's `_repr_pretty_` writes the short repr (a placeholder on a cycle)."""
    assert cls in HELD, cls
    obj = HELD[cls][0]
    printer = _Printer()
    obj._repr_pretty_(printer, cycle=False)
    obj._repr_pretty_(printer, cycle=True)
    assert printer.written == [repr(obj), f"<{cls.__name__} ...>"]


# ------------------------------------------------------------------ HTML


class _Balance(HTMLParser):
    """Checks that tags open and close in order (void elements aside)."""

    VOID = frozenset({"br", "hr", "img", "meta", "input", "col", "wbr"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.errors: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, _attrs: object) -> None:
        if tag not in self.VOID:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.open or self.open.pop() != tag:
            self.errors.append(f"</{tag}> does not close the last open tag")

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parse(html: str) -> _Balance:
    parser = _Balance()
    parser.feed(html)
    parser.close()
    assert not parser.errors, parser.errors
    assert not parser.open, f"left open: {parser.open}"
    return parser


@pytest.mark.parametrize(("cls", "obj"), _instances("html"), ids=_id)
def test_html_is_well_formed_and_bounded(cls, obj):
    """A notebook view is balanced HTML, without scripts, under the size bound."""
    html = obj._repr_html_()
    assert isinstance(html, str)
    assert len(html) <= HTML_BOUND, (cls, len(html))
    assert "<script" not in html.lower()
    assert not re.search(r"\son\w+\s*=", html), "no event handlers"
    _parse(html)


def _text(html: str) -> str:
    return " ".join("".join(_parse(html).text).split())


class _Rows(HTMLParser):
    """The text of each table row's cells, header rows included."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[list[str]] = []
        self.cell: list[str] | None = None

    def handle_starttag(self, tag: str, _attrs: object) -> None:
        if tag == "tr":
            self.rows.append([])
        elif tag in {"td", "th"}:
            self.cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in {"td", "th"} and self.cell is not None:
            self.rows[-1].append(" ".join("".join(self.cell).split()))
            self.cell = None

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)


def _rows(html: str) -> list[list[str]]:
    parser = _Rows()
    parser.feed(html)
    parser.close()
    return parser.rows


class TestKeyFacts:
    def test_plan(self):
        """The plan shows its name, partners with roles, the stage strip, amounts, reviews."""
        rmp = examples.load("alliance")
        text = _text(rmp._repr_html_())
        assert "Northern Rail Renewals Alliance" in text
        for p in rmp.require_relationship().partners:
            assert p.name in text
        assert "lead_partner" in text
        for stage in model.Stage:
            assert f"{stage.number} {stage.title}" in text
        assert "completed 2024-03-04" in text  # awareness's last event
        assert "£12,000,000" in text
        assert "£6,400,000" in text
        assert "Next reviews due" in text
        assert "40 records" in text

    def test_template_plan(self):
        """A template plan (no relationship) shows its title and an empty strip."""
        meta = model.DocumentMeta(
            title="Corporate <template>",
            issued_on=date(2026, 1, 5),
            author="Partnering office",
            kind=model.PlanKind.TEMPLATE,
        )
        rmp = RelationshipManagementPlan(meta=meta)
        assert repr(rmp).startswith("<RelationshipManagementPlan template 'Corporate <template>'")
        html = rmp._repr_html_()
        assert "Corporate &lt;template&gt;" in html
        assert "no events" in _text(html)

    def test_relationship_and_partner(self):
        """The relationship lists its partners; a partner shows its role and contacts."""
        rel = examples.load("alliance").require_relationship()
        text = _text(rel._repr_html_())
        assert "Kestrel Rail Plant Hire Ltd" in text
        assert "6,000 minutes" in text
        partner = rel.partner("nmri")
        text = _text(partner._repr_html_())
        assert "Northmoor Rail Infrastructure Ltd" in text
        assert "client" in text

    def test_text_is_escaped(self):
        """Names with markup are shown as text, never as HTML."""
        partner = Partner(id="x", name="<b>Bold</b> & Co", role=model.PartnerRole.SUPPLIER)
        html = partner._repr_html_()
        assert "<b>" not in html
        assert "&lt;b&gt;Bold&lt;/b&gt; &amp; Co" in html
        rmp = examples.load("flawed")
        rel = attrs.evolve(rmp.require_relationship(), name="<script>x</script>")
        html = attrs.evolve(rmp, relationship=rel)._repr_html_()
        assert "<script" not in html
        assert "&lt;script&gt;" in html

    def test_tally_and_certification(self):
        """A tally shows each count and the readiness; certification says why not."""
        report = conformance.assess(examples.load("flawed"), as_of=AS_OF)
        text = _text(report.tally._repr_html_())
        assert "major" in text
        assert str(report.tally.major) in text
        assert "%" in text
        text = _text(report.certification._repr_html_())
        assert "Not ready for certification" in text
        assert report.certification.majors[0] in text
        ready = _text(Certification(ready=True)._repr_html_())
        assert ready == "Ready for certification"

    def test_sensitivity(self):
        """Sensitivity shows the winner, its stability and every candidate."""
        matrix = metrics.DecisionMatrix.from_plan(examples.load("alliance"))
        result = metrics.select_partners(matrix)
        sensitivity = result.sensitivity
        assert isinstance(sensitivity, Sensitivity)
        text = _text(sensitivity._repr_html_())
        assert f"winner {sensitivity.winner}" in text
        assert "1,000 draws" in text
        for c in sensitivity.candidates:
            assert c.candidate_id in text

    def test_health_is_pivoted(self):
        """Health shows dimensions by side and partner with the gap, not one row per score."""
        health = metrics.assess_health(metrics.health_ratings(examples.load("alliance")))
        html = health._repr_html_()
        latest = health.latest
        assert latest is not None
        rows = len(health.to_records())
        assert html.count("<tr>") < rows / 4
        text = _text(html)
        for dim in health.dimensions:
            assert dim.name in text
        for org in latest.organisations:
            assert org.group in text
        assert "gap client \u2212 supply" in text
        assert "-37.5" in text  # trust: the client side sees it 37.5 points lower
        assert _text(latest._repr_html_()).count("health index") == 1

    def test_metric_tables_format_amounts(self):
        """Metric tables write amounts with separators and their unit, not 1.2e+07."""
        rel = examples.load("alliance").require_relationship()
        html = metrics.assess_value(rel.value_propositions, AS_OF)._repr_html_()
        assert "£12,000,000" in html
        assert "e+07" not in html

    def test_kpi_report(self):
        """A KPI report counts KPIs by status and shows a row per KPI with value and target."""
        rel = examples.load("alliance").require_relationship()
        report = metrics.assess_kpis(rel.kpis, AS_OF)
        assert repr(report) == (
            "<KPIReport as of 2026-10-31: 7 KPIs (5 on track, 1 at risk, 1 off track)>"
        )
        html = report._repr_html_()
        rows = _rows(html)
        assert rows[0] == ["KPI", "latest", "target", "status", "trend"]
        assert [row[0] for row in rows[1:]] == [kpi.name for kpi in rel.kpis]
        carbon = ["Embodied carbon per track-km renewed", "387 tCO2e/km", "\u2264 380 tCO2e/km"]
        assert [*carbon, "on track", "improving"] in rows
        design = ["Design packages accepted first time", "82%", "\u2265 90%"]
        assert [*design, "off track", "worsening"] in rows
        assert "as of 2026-10-31" in _text(html)
        empty = metrics.assess_kpis([], AS_OF)
        assert repr(empty) == "<KPIReport as of 2026-10-31: no KPIs>"
        assert _text(empty._repr_html_()) == "KPI status · as of 2026-10-31 · no KPIs"

    def test_value_realisation(self):
        """Value realised shows totals by unit and each benefit's target, realised and share."""
        rel = examples.load("alliance").require_relationship()
        value = metrics.assess_value(rel.value_propositions, AS_OF)
        assert repr(value) == (
            "<ValueRealisation as of 2026-10-31: 6 benefits in 5 units"
            " (1 not started, 4 in progress, 1 withdrawn)>"
        )
        html = value._repr_html_()
        rows = _rows(html)
        assert "Totals by unit" in _text(html)
        # the withdrawn proposition's 4,000 hours are in no total
        assert ["hours", "1", "3,000 hours", "1,190 hours", "40%"] in rows
        assert ["GBP", "1", "£12,000,000", "£6,400,000", "53%"] in rows
        benefits = {row[0]: row[2:] for row in rows if row[0].startswith("b-")}
        assert list(benefits) == [b.benefit_id for b in value.benefits]
        assert benefits["b-efficiency"] == [
            "£12,000,000",
            "£5,504,110",
            "£6,400,000",
            "53%",
            "in progress",
        ]
        assert benefits["b-testers"] == ["12 people", "", "0 people", "0%", "not started"]
        assert benefits["b-welfare"] == ["4,000 hours", "", "0 hours", "0%", "withdrawn"]
        empty = metrics.assess_value([], AS_OF)
        assert repr(empty) == "<ValueRealisation as of 2026-10-31: no benefits>"
        assert _text(empty._repr_html_()) == "Value realised · as of 2026-10-31 · no benefits"

    def test_exit_readiness(self):
        """Exit readiness shows the score, the elements in place and what is missing."""
        rel = examples.load("flawed").require_relationship()
        readiness = metrics.assess_exit_readiness(
            rel.exit_plan, AS_OF, partner_ids=rel.parties_to_sign(rel.exit_plan, AS_OF)
        )
        summary = "score 24.5 (at most 24.5: 2 essentials missing); 5 of 14 elements in place"
        assert repr(readiness) == f"<ExitReadiness 'exit-plan' as of 2026-10-31: {summary}>"
        html = readiness._repr_html_()
        assert summary in _text(html)
        rows = _rows(html)
        assert len(rows) == 1 + len(readiness.elements)
        assert ["exit triggers agreed", "no", "yes", "3", "0 triggers"] in rows
        assert ["signed by every partner", "yes", "yes", "2", "every partner signed"] in rows
        assert ["future relationship", "no", "", "1", "not described"] in rows

    def test_governance_report(self):
        """A governance report counts findings by result and lists each nonconformity."""
        rel = examples.load("consortium").require_relationship()
        report = governance.analyze(rel)
        assert repr(report) == (
            "<GovernanceReport 18 findings (3 major, 10 minor, 5 observations); 12 requirements>"
        )
        rows = _rows(report._repr_html_())
        counts = [["major", "3"], ["minor", "10"], ["observation", "5"]]
        assert rows[:4] == [["result", "findings"], *counts]
        listed = [f for f in report if f.result.is_nonconformity]
        assert rows[5:] == [
            [f.result.value, f.requirement, " ".join(f.message.split())] for f in listed
        ]
        calm = governance.analyze(examples.load("alliance").require_relationship())
        assert "No nonconformities." in _text(calm._repr_html_())
        assert repr(governance.GovernanceReport()) == "<GovernanceReport no findings>"

    def test_long_governance_report_is_cut_short(self):
        """A long report lists its first 25 nonconformities, messages cut, the rest counted."""
        finding = governance.GovernanceFinding(
            requirement="GOV.RACI.NO_ACCOUNTABLE", result=model.Result.MAJOR, message="x" * 500
        )
        report = governance.GovernanceReport(findings=[finding] * 45)
        assert repr(report) == "<GovernanceReport 45 findings (45 major); 1 requirement>"
        html = report._repr_html_()
        assert len(html) <= HTML_BOUND
        rows = _rows(html)
        assert len(rows) == 2 + 1 + 25
        assert rows[-1][2] == "x" * 199 + "\u2026"
        assert _text(html).endswith("and 20 more")

    def test_lifecycle_summary(self):
        """A lifecycle summary counts stages by status and shows each stage's status."""
        summary = lifecycle.summarize(examples.load("alliance").history)
        assert repr(summary) == (
            "<LifecycleSummary bs11000, 18 events to 2025-04-01: 5 completed, 3 in progress;"
            " 1 override; 1 stage reopened; at most 3 active at once>"
        )
        html = summary._repr_html_()
        assert "Lifecycle summary · bs11000 · to 2025-04-01 · 5 completed, 3 in progress" in (
            _text(html)
        )
        rows = _rows(html)
        assert [row[:2] for row in rows[1:]] == [[s.title, s.status.label] for s in summary.stages]
        assert ["Partner selection", "completed", "2024-06-10", "2024-12-13", "162.33", "1"] in rows
        assert ["Value creation", "in progress", "2025-03-03", "", "28.92", "0"] in rows
