"""Assess every scenario and score its nonconformities against the auditor's expectations.

For one scenario, `reported` is the set of requirements whose outcome is a nonconformity
(minor or major; observations and "agreed, not yet exercised" are not findings to raise):

- recall: the share of the expected root requirements that are reported (a control has
  nothing to find: 1.0);
- precision: the share of reported requirements that are expected roots, acceptable
  consequences, or findings the report itself links to a reported root finding. A finding
  that restates a root cause without being linked to it counts as imprecise; in a control
  every finding does. Nothing reported: 1.0.

Totals add the counts over the scored scenarios (micro averages): recall is roots found over
roots expected, precision precise findings over findings reported.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from collabrel.conformance import ConformanceReport, assess
from collabrel.errors import DocumentError
from collabrel.model import Result

from . import _plants
from ._table import SCENARIOS, Scenario

NONCONFORMING = frozenset({Result.MAJOR, Result.MINOR})

ROOT_LINKS = ("root", "root_cause", "caused_by", "consequence_of")
"""Where a finding may name the root finding it is a consequence of (issue 15, principle 2):
the first of these attributes a finding has, holding a requirement id, a finding, or a
sequence of them. Findings without any are roots of their own."""


@dataclass(frozen=True)
class Score:
    """The outcome of one scenario."""

    scenario: Scenario
    reported: frozenset[str] = frozenset()
    linked: frozenset[str] = frozenset()
    skipped: str | None = None

    @property
    def found(self) -> frozenset[str]:
        """Expected roots that were reported (under any of their alternative ids)."""
        return frozenset(r for r in self.scenario.roots if set(r.split("|")) & self.reported)

    @property
    def missed(self) -> frozenset[str]:
        """Expected roots that were not reported."""
        return self.scenario.roots - self.found

    @property
    def precise(self) -> frozenset[str]:
        """Reported requirements that are roots, acceptable consequences or linked to a root."""
        s = self.scenario
        return self.reported & (s.root_ids | s.consequences | self.linked)

    @property
    def imprecise(self) -> frozenset[str]:
        """Reported requirements an auditor would not raise: restatements or false alarms."""
        return self.reported - self.precise

    @property
    def recall(self) -> float:
        """Share of expected roots reported."""
        roots = self.scenario.roots
        return len(self.found) / len(roots) if roots else 1.0

    @property
    def precision(self) -> float:
        """Share of reported findings that are precise."""
        return len(self.precise) / len(self.reported) if self.reported else 1.0


def _linked_ids(value: Any) -> set[str]:
    """The requirement ids a root link names (an id, a finding, or a sequence of them)."""
    if value is None:
        return set()
    if isinstance(value, str):
        return {value}
    requirement = getattr(value, "requirement", None)
    if isinstance(requirement, str):
        return {requirement}
    if isinstance(value, Iterable):
        return set().union(*(_linked_ids(v) for v in value))
    return set()


def _root_of(finding: object) -> set[str]:
    for name in ROOT_LINKS:
        if hasattr(finding, name):
            return _linked_ids(getattr(finding, name))
    return set()


def nonconformities(report: ConformanceReport) -> tuple[frozenset[str], dict[str, set[str]]]:
    """The nonconforming requirements, and for each the roots its findings are linked to."""
    reported = frozenset(o.requirement for o in report.outcomes if o.result in NONCONFORMING)
    roots: dict[str, set[str]] = {}
    for finding in report.findings:
        if finding.result in NONCONFORMING:
            roots.setdefault(finding.requirement, set()).update(_root_of(finding))
    return reported, roots


def report_for(scenario: Scenario) -> ConformanceReport:
    """The scenario's plan assessed against its catalogue on its date (with its enterprise plan)."""
    plan = _plants.plan_for(scenario.plant)
    enterprise = _plants.enterprise_for(scenario.plant)
    return assess(plan, scenario.catalogue, as_of=scenario.as_of, enterprise=enterprise)


def score(scenario: Scenario) -> Score:
    """Assess one scenario and score it."""
    try:
        report = report_for(scenario)
    except DocumentError as exc:
        if scenario.pending is None:
            raise
        return Score(scenario, skipped=f"pending: {scenario.pending} ({exc.problems[0]})")
    reported, roots = nonconformities(report)
    # A finding is a linked consequence when every nonconforming finding of its requirement
    # names a root, and each root it names is itself reported and an expected root.
    linked = frozenset(
        req
        for req, linked_to in roots.items()
        if linked_to and linked_to <= (reported & scenario.root_ids) and req not in linked_to
    )
    return Score(scenario, reported, linked)


@dataclass(frozen=True)
class Totals:
    """Micro-averaged figures over some scored scenarios."""

    scenarios: int
    expected: int
    found: int
    reported: int
    precise: int

    @property
    def recall(self) -> float:
        """Roots found over roots expected."""
        return self.found / self.expected if self.expected else 1.0

    @property
    def precision(self) -> float:
        """Precise findings over findings reported."""
        return self.precise / self.reported if self.reported else 1.0


def totals(scores: Iterable[Score]) -> Totals:
    """The totals of the scores that were scored (pending scenarios left out)."""
    scored = [s for s in scores if s.skipped is None]
    return Totals(
        scenarios=len(scored),
        expected=sum(len(s.scenario.roots) for s in scored),
        found=sum(len(s.found) for s in scored),
        reported=sum(len(s.reported) for s in scored),
        precise=sum(len(s.precise) for s in scored),
    )


def score_all(scenarios: Iterable[Scenario] = SCENARIOS) -> list[Score]:
    """Every scenario scored, in table order."""
    return [score(s) for s in scenarios]


def _ids(ids: Iterable[str]) -> str:
    """Ids for a Markdown cell; a root's alternatives `A|B` read "A or B"."""
    return ", ".join(sorted(id.replace("|", " or ") for id in ids)) or "-"


def table(scores: list[Score]) -> str:
    """The per-scenario table, the per-family totals and the overall totals, as Markdown."""
    lines = [
        "| scenario | family | expected | reported | recall | precision |",
        "|---|---|---|---|---|---|",
    ]
    for s in scores:
        sc = s.scenario
        expected = _ids(sc.roots)
        if sc.consequences:
            expected += f" (may add {_ids(sc.consequences)})"
        if s.skipped is not None:
            lines.append(f"| {sc.name} | {sc.family} | {expected} | {s.skipped} | - | - |")
            continue
        reported = _ids(s.reported)
        if s.imprecise:
            reported += f"; imprecise: {_ids(s.imprecise)}"
        lines.append(
            f"| {sc.name} | {sc.family} | {expected} | {reported} "
            f"| {s.recall:.2f} | {s.precision:.2f} |"
        )
    lines += ["", "| family | scenarios | recall | precision |", "|---|---|---|---|"]
    families = dict.fromkeys(s.scenario.family for s in scores)
    for family in [*families, "overall"]:
        group = [s for s in scores if family in {"overall", s.scenario.family}]
        t = totals(group)
        lines.append(
            f"| {family} | {t.scenarios} | {t.recall:.2f} ({t.found}/{t.expected}) "
            f"| {t.precision:.2f} ({t.precise}/{t.reported}) |"
        )
    return "\n".join(lines)
