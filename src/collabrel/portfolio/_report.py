"""The report of a portfolio: one summary per plan, counts that add up, and their views.

An `Accumulator` gathers the report of one partition plan by plan: plain attributes, dicts
and lists, so it pickles, and adding a plan costs a small fraction of assessing it.
`freeze()` turns it into a `PortfolioReport`. The two live here together because each
makes the other: a report is frozen from an accumulator, and reports merge by being added
into one.

A `PortfolioReport` is a monoid: `merge` adds two reports (of two partitions, in whatever
order they come back from the workers), `PortfolioReport.empty()` is its identity, and
merging is associative and commutative because a report keeps everything in one canonical
order (plans by location, counts by their key). So a portfolio split into partitions in any
way, assessed by any engine and merged in any order gives one and the same report.
"""

from __future__ import annotations

import itertools
import operator
from collections import Counter
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, ClassVar, Final

import attrs
from attrs import field, frozen

from collabrel._rows import records
from collabrel._text import plural
from collabrel.conformance import ConformanceReport, Tally
from collabrel.errors import ArgumentError
from collabrel.lifecycle import StageStatus
from collabrel.model import Partner, RelationshipManagementPlan, Result, Stage
from collabrel.model import _display as d
from collabrel.model import _validators as v
from collabrel.portfolio import _document
from collabrel.portfolio._parts import (
    TALLY_FIELDS,
    PartnerCount,
    PlanSummary,
    PortfolioProblem,
    RequirementCount,
    StageSummary,
    TierCount,
    add_tally,
    clause_order,
    row_order,
    stage_order,
    supply_chain_tiers,
    tally_of,
    tier_order,
)
from collabrel.portfolio._views import (
    ReadinessMatrix,
    Rows,
    TrendPoint,
    figure,
    latest,
    notebook,
    tally_rows,
    trend,
)
from collabrel.report import to_dataframe

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from pandas import DataFrame

__all__ = ["Accumulator", "PortfolioReport"]


@frozen(kw_only=True, repr=False)
class PortfolioReport:
    """The assessment of a portfolio of plans, gathered partition by partition.

    Build one with `collabrel.portfolio.assess_many`, or plan by plan with an `Accumulator`;
    add two with `merge` (or `|`). Its parts are kept in canonical order, so reports merged
    in any order are equal.

    Attributes:
        standard: The catalogue the plans were assessed against (`None` while empty).
        rows: One summary per assessed plan, by location.
        problems: The plans (or partitions) that could not be assessed, by location.
        requirements: Each requirement's results across the plans, by id.
        stage_tallies: The results of each stage's requirements across the plans.
        clause_tallies: The results of each top-level clause's requirements across the plans.
        partners: Each partner organisation across the plans, by id.
        tiers: Each supply-chain tier across the plans (see `supply_chain_tiers`).
    """

    record_columns: ClassVar[tuple[str, ...]] = (
        "location",
        "relationship",
        "name",
        "revision",
        "issued_on",
        "as_of",
        "ready",
        "nonconformities",
        "major",
        "minor",
        "readiness",
        "majors",
    )
    """The keys of `to_records()` rows (one per plan), before a readiness column per stage."""

    standard: str | None = v.optional_text()
    rows: tuple[PlanSummary, ...] = field(default=(), converter=v.to_tuple)
    problems: tuple[PortfolioProblem, ...] = field(default=(), converter=v.to_tuple)
    requirements: tuple[RequirementCount, ...] = field(default=(), converter=v.to_tuple)
    stage_tallies: tuple[tuple[Stage, Tally], ...] = field(default=(), converter=v.to_tuple)
    clause_tallies: tuple[tuple[str, Tally], ...] = field(default=(), converter=v.to_tuple)
    partners: tuple[PartnerCount, ...] = field(default=(), converter=v.to_tuple)
    tiers: tuple[TierCount, ...] = field(default=(), converter=v.to_tuple)

    # ------------------------------------------------------------------ the monoid

    @classmethod
    def empty(cls, standard: str | None = None) -> PortfolioReport:
        """The report of no plans: merging it with a report gives that report.

        Examples:
            >>> PortfolioReport.empty().plans
            0
        """
        return cls(standard=standard)

    def merge(self, other: PortfolioReport) -> PortfolioReport:
        """This report and `other` added: their plans, problems and counts together.

        Associative and commutative, with `empty()` as identity (`a | b` is the same).

        Raises:
            ArgumentError: If the two are reports against different standards.

        Examples:
            >>> from datetime import date
            >>> from collabrel import examples
            >>> from collabrel.conformance import assess
            >>> from collabrel.portfolio import Accumulator
            >>> def one(name):
            ...     acc = Accumulator()
            ...     plan = examples.load(name)
            ...     acc.add(f"{name}.json", plan, assess(plan, as_of=date(2026, 10, 31)))
            ...     return acc.freeze()
            >>> a, b = one("alliance"), one("flawed")
            >>> a.merge(b) == b | a, (a | b).plans, (a | b).ready
            (True, 2, 1)
        """
        return PortfolioReport.merge_all((self, other))

    def __or__(self, other: PortfolioReport) -> PortfolioReport:
        if not isinstance(other, PortfolioReport):
            return NotImplemented
        return self.merge(other)

    @classmethod
    def merge_all(cls, reports: Iterable[PortfolioReport]) -> PortfolioReport:
        """All `reports` merged at once (quicker than merging them one by one).

        Raises:
            ArgumentError: If they are reports against different standards.
        """
        acc = Accumulator()
        for report in reports:
            acc.absorb(report)
        return acc.freeze()

    # ------------------------------------------------------------------ counts

    @property
    def plans(self) -> int:
        """How many plans were assessed."""
        return len(self.rows)

    @property
    def ready(self) -> int:
        """How many of them were ready for certification."""
        return sum(r.ready for r in self.rows)

    @property
    def as_of(self) -> date | None:
        """The day every plan was judged against (`None`: no plans, or several days)."""
        days = {r.as_of for r in self.rows}
        return days.pop() if len(days) == 1 else None

    @property
    def tally(self) -> Tally:
        """The results of every requirement of every plan."""
        total = [0] * len(TALLY_FIELDS)
        for _, tally in self.clause_tallies:  # every requirement is in one clause
            add_tally(total, tally)
        return tally_of(total)

    # ------------------------------------------------------------------ roll-ups

    def by_stage(self) -> dict[Stage, Tally]:
        """The results of each stage's requirements across the plans, in stage order."""
        return dict(self.stage_tallies)

    def by_clause(self) -> dict[str, Tally]:
        """The results of each top-level clause's requirements across the plans."""
        return dict(self.clause_tallies)

    def by_requirement(self) -> dict[str, RequirementCount]:
        """Each requirement's results across the plans, by id."""
        return {r.requirement: r for r in self.requirements}

    def by_partner(self) -> dict[str, PartnerCount]:
        """Each partner organisation across the plans, by id."""
        return {p.partner: p for p in self.partners}

    def by_tier(self) -> dict[int | None, TierCount]:
        """Each supply-chain tier across the plans (`None`: partners whose chain loops)."""
        return {t.tier: t for t in self.tiers}

    def most_common(self, n: int | None = 10) -> tuple[RequirementCount, ...]:
        """The `n` requirements most plans fail (all of them for `None`), most first.

        Ties go to the one with more major nonconformities, then by id; requirements no
        plan fails are left out. Each says how many plans fail it (`count`) and what share
        of the plans that judged it (`share`).

        Raises:
            ArgumentError: If `n` is not a whole number from 0, or `None`.
        """
        if n is not None and (type(n) is not int or n < 0):
            raise ArgumentError("n", n, "a whole number from 0, or None")
        failed = [r for r in self.requirements if r.count]
        failed.sort(key=lambda r: (-r.count, -r.major, r.requirement))
        return tuple(failed if n is None else failed[:n])

    def latest(self) -> tuple[PlanSummary, ...]:
        """The latest revision of each relationship (by issue date, then revision), by id."""
        return latest(self.rows)

    def readiness_matrix(self) -> ReadinessMatrix:
        """Readiness by relationship and stage, of each relationship's latest revision."""
        return ReadinessMatrix(plans=self.latest())

    def trend(self) -> tuple[TrendPoint, ...]:
        """The portfolio on each date a plan revision was issued (`meta.issued_on`).

        On each date every relationship counts with its latest revision issued by then, so
        a source holding several revisions of its plans shows how the portfolio moved.
        Assess with `as_of="issued"` to judge each revision on its own date.
        """
        return trend(self.rows)

    # ------------------------------------------------------------------ tables

    def to_records(self, *, typed: bool = False) -> list[dict[str, object]]:
        """One flat row per plan, with a `readiness.<stage>` column per stage.

        Cells are plain data (dates as ISO 8601 text) unless `typed`, which keeps dates.
        """
        rows: list[dict[str, object]] = []
        for r in self.rows:
            row: dict[str, object] = dict(
                zip(
                    self.record_columns,
                    (
                        r.location,
                        r.subject,
                        r.name,
                        r.revision,
                        r.issued_on,
                        r.as_of,
                        r.ready,
                        r.tally.nonconformities,
                        r.tally.major,
                        r.tally.minor,
                        r.tally.readiness,
                        "; ".join(r.majors),
                    ),
                    strict=True,
                )
            )
            for s in r.stages:
                row[f"readiness.{s.stage.value}"] = s.readiness
            rows.append(row)
        return records(rows, typed=typed)

    def to_frame(self) -> DataFrame:
        """The plans as a pandas DataFrame: `to_records()` with analysis-ready dtypes.

        Raises:
            ImportError: If pandas is not installed (the `pandas` extra).
        """
        return to_dataframe(self)

    def frames(self) -> dict[str, DataFrame]:
        """Every table of the report as a pandas DataFrame, by name.

        `plans` (one row per plan), `stages` (per relationship and stage, latest
        revisions), `by_stage`, `by_clause`, `requirements`, `partners`, `tiers`, `trend`
        and `problems`.

        Raises:
            ImportError: If pandas is not installed (the `pandas` extra).
        """
        trend_rows = Rows(
            ("on", "relationships", "revisions", "ready", "nonconformities", "majors", "readiness"),
            (
                {
                    "on": t.on,
                    "relationships": t.relationships,
                    "revisions": t.revisions,
                    "ready": t.ready,
                    "nonconformities": t.nonconformities,
                    "majors": t.majors,
                    "readiness": t.readiness,
                }
                for t in self.trend()
            ),
        )
        return {
            "plans": self.to_frame(),
            "stages": to_dataframe(self.readiness_matrix()),
            "by_stage": to_dataframe(tally_rows("stage", self.stage_tallies)),
            "by_clause": to_dataframe(tally_rows("clause", self.clause_tallies)),
            "requirements": to_dataframe(_records(RequirementCount, self.requirements)),
            "partners": to_dataframe(_records(PartnerCount, self.partners)),
            "tiers": to_dataframe(_records(TierCount, self.tiers)),
            "trend": to_dataframe(trend_rows),
            "problems": to_dataframe(_records(PortfolioProblem, self.problems)),
        }

    # ------------------------------------------------------------------ figure and pages

    def figure(
        self, *, limit: int = 30, ax: Axes | None = None, title: str | None = None
    ) -> Figure:
        """A heatmap of readiness by relationship and stage (latest revisions).

        A row per relationship, least ready first (at most `limit`), a column per stage,
        cells coloured from red (0 %) to green (100 %), grey where nothing was judged.

        Raises:
            ImportError: If matplotlib is not installed (the `plot` extra).
        """
        return figure(self.readiness_matrix(), limit=limit, ax=ax, title=title)

    def to_text(self, *, limit: int = 10) -> str:
        """The report as plain text for a terminal: what `collabrel portfolio` prints.

        It says what `to_markdown` and `to_html` say (they are one outline): the headline
        (plans, relationships, how many are ready for certification, nonconformities, the
        day judged on, problems), the most common nonconformities, readiness by stage, the
        least ready relationships with the readiness of each stage, the trend across review
        dates (when the plans were issued on several), supply-chain tiers, partners, and the
        problems, each with its location and error. Lines are at most 99 characters; long
        lists show the `limit` entries needing attention first and say how many more there
        are. The text is deterministic and ends in a newline.

        Raises:
            ArgumentError: If `limit` is not a whole number from 1.

        Examples:
            >>> from datetime import date
            >>> from collabrel.examples import path
            >>> from collabrel.portfolio import PlanSource, assess_many
            >>> source = PlanSource.folder(path("alliance").parent)
            >>> report = assess_many(source, engine="serial", as_of=date(2026, 10, 31))
            >>> for line in report.to_text().splitlines()[:8]:
            ...     print(line)
            Portfolio against iso44001:2017
            ===============================
            Plans: 4
            Relationships: 4
            Ready for certification: 1 of 4 plans
            Nonconformities: 58 major, 49 minor
            As of: 2026-10-31
            Problems: 0
        """
        return _document.text(self, limit=_limit(limit))

    def to_markdown(self, *, limit: int = 200) -> str:
        """The report as a Markdown document (GitHub-flavoured), ending in a newline.

        It says what `to_text` says, as headed sections and tables; what comes from the
        plans is escaped so it cannot break the layout.

        Raises:
            ArgumentError: If `limit` is not a whole number from 1.

        Examples:
            >>> PortfolioReport.empty("iso44001:2017").to_markdown().splitlines()[0]
            '# Portfolio against iso44001:2017'
        """
        return _document.markdown(self, limit=_limit(limit))

    def to_html(self, *, limit: int = 200) -> str:
        """The report as a self-contained HTML page (inline CSS, no script).

        It says what `to_text` says, with a table of contents, readiness by stage as a bar
        chart beside its table, and each relationship's stages coloured by their gravest
        result. Long lists show the `limit` entries needing attention first.

        Raises:
            ArgumentError: If `limit` is not a whole number from 1.
        """
        return _document.page(self, limit=_limit(limit))

    def __repr__(self) -> str:
        tally = self.tally
        as_of = self.as_of
        parts = [
            f"<PortfolioReport against {self.standard or 'no standard'}",
            f" as of {as_of.isoformat()}" if as_of else "",
            f": {plural(self.plans, 'plan')} ({self.ready} ready for certification); ",
            f"{tally.major} major, {tally.minor} minor nonconformities; ",
            f"{plural(len(self.problems), 'problem')}>",
        ]
        return "".join(parts)

    _repr_pretty_ = d.pretty

    def _repr_html_(self) -> str:
        return notebook(self)


def _limit(limit: object) -> int:
    if type(limit) is not int or limit < 1:
        raise ArgumentError("limit", limit, "a whole number from 1")
    return limit


def _records(cls: type, items: Iterable[object]) -> Rows:
    """A table of attrs records: a column per field, then `count` and `share` if it has them."""
    columns = [a.name for a in attrs.fields(cls)]
    extra = [name for name in ("count", "share") if isinstance(getattr(cls, name, None), property)]
    return Rows(
        (*columns, *extra),
        ({name: getattr(item, name) for name in (*columns, *extra)} for item in items),
    )


# ------------------------------------------------------------------ the accumulator

_MINOR: Final = Result.MINOR
_MAJOR: Final = Result.MAJOR
_STATUSES: Final = {s.value: s for s in StageStatus}
"""A report's stage status text (the lifecycle's `StageStatus` values) back to the member."""


@attrs.define
class _RequirementTotals:
    """A requirement's counts as they are added up (see `RequirementCount`)."""

    title: str
    clause: str
    stage: Stage | None
    assessed: int = 0
    minor: int = 0
    major: int = 0

    def describe(self, title: str, clause: str, stage: Stage | None) -> None:
        """Keep the least of two descriptions (they differ only across catalogue versions)."""
        if (title, clause, stage_order(stage)) < (self.title, self.clause, stage_order(self.stage)):
            self.title, self.clause, self.stage = title, clause, stage


@attrs.define
class _PartnerTotals:
    """A partner's counts as they are added up (see `PartnerCount`)."""

    name: str
    plans: int = 0
    ready: int = 0
    findings: int = 0
    nonconformities: int = 0


@attrs.define
class _TierTotals:
    """A tier's counts as they are added up (see `TierCount`)."""

    partners: int = 0
    plans: int = 0
    ready: int = 0
    findings: int = 0
    nonconformities: int = 0


def _zero() -> list[int]:
    return [0] * len(TALLY_FIELDS)


class Accumulator:
    """The portfolio report of one partition, gathered plan by plan.

    Mutable and picklable (plain attributes, dicts and lists): a worker adds the plans of
    its partition and sends back `freeze()`, a small `PortfolioReport`. Adding a plan reads
    its report's own roll-ups (certification, readiness by stage, tallies by clause) once.

    Examples:
        >>> from datetime import date
        >>> from collabrel import examples
        >>> from collabrel.conformance import assess
        >>> acc = Accumulator()
        >>> plan = examples.load("flawed")
        >>> acc.add("flawed.json", plan, assess(plan, as_of=date(2026, 10, 31)))
        >>> acc.add_problem(PortfolioProblem("broken.json", "not a plan", "load"))
        >>> report = acc.freeze()
        >>> report.plans, report.ready, len(report.problems)
        (1, 0, 1)
    """

    def __init__(self) -> None:
        self.standard: str | None = None
        self.rows: list[PlanSummary] = []
        self.problems: list[PortfolioProblem] = []
        self.requirements: dict[str, _RequirementTotals] = {}
        self.stages: dict[Stage, list[int]] = {}
        self.clauses: dict[str, list[int]] = {}
        self.partners: dict[str, _PartnerTotals] = {}
        self.tiers: dict[int | None, _TierTotals] = {}

    def _standard(self, standard: str | None) -> None:
        if standard is None:
            return
        if self.standard is None:
            self.standard = standard
        elif standard != self.standard:
            raise ArgumentError(
                "report", standard, f"a report against {self.standard}, as the others are"
            )

    def add(
        self, location: str, plan: RelationshipManagementPlan, report: ConformanceReport
    ) -> None:
        """Add one plan, found at `location`, and its conformance report.

        Raises:
            ArgumentError: If the report is against another standard than those added.
        """
        self._standard(report.standard)
        cert = report.certification
        stages = []
        for r in report.readiness():
            stages.append(
                StageSummary(
                    stage=r.stage,
                    status=None if r.status is None else _STATUSES.get(r.status),
                    reached=r.reached,
                    agreed=r.agreed,
                    readiness=r.readiness,
                    nonconformities=r.tally.nonconformities,
                    majors=r.tally.major,
                )
            )
            if r.tally.total:
                add_tally(self.stages.setdefault(r.stage, _zero()), r.tally)
        for clause, tally in report.by_clause().items():
            add_tally(self.clauses.setdefault(clause, _zero()), tally)
        for o in report.outcomes:
            totals = self.requirements.get(o.requirement)
            if totals is None:
                totals = self.requirements[o.requirement] = _RequirementTotals(
                    o.title, o.clause, o.stage
                )
            elif (
                o.title is not totals.title
                or o.clause is not totals.clause
                or o.stage is not totals.stage
            ):  # equal texts are mostly the very same strings, from one catalogue
                totals.describe(o.title, o.clause, o.stage)
            totals.assessed += 1
            result = o.result
            if result is _MINOR:
                totals.minor += 1
            elif result is _MAJOR:
                totals.major += 1
        self.rows.append(
            PlanSummary(
                location=location,
                subject=report.subject,
                name=report.subject_name,
                revision=plan.meta.revision,
                issued_on=plan.meta.issued_on,
                as_of=report.as_of,
                ready=cert.ready,
                tally=report.tally,
                majors=cert.majors,
                stages=tuple(stages),
            )
        )
        if plan.relationship is not None:
            self._add_partners(plan.relationship.partners, report, ready=cert.ready)

    def _add_partners(
        self, partners: tuple[Partner, ...], report: ConformanceReport, *, ready: bool
    ) -> None:
        """Count the plan for each of its partners and their tiers, and the findings on them."""
        names = {p.id: p.name for p in partners}
        tiers = supply_chain_tiers(partners)
        named = dict.fromkeys(names, (0, 0))
        tier_named: dict[int | None, tuple[int, int]] = dict.fromkeys(tiers.values(), (0, 0))
        for f in report.findings:
            if not f.subjects:
                continue
            bad = int(f.result.is_nonconformity)
            subjects = {s for s in f.subjects if s in names}
            for pid in subjects:
                n, b = named[pid]
                named[pid] = (n + 1, b + bad)
            for tier in {tiers[pid] for pid in subjects}:
                n, b = tier_named[tier]
                tier_named[tier] = (n + 1, b + bad)
        for pid, name in names.items():
            totals = self.partners.get(pid)
            if totals is None:
                totals = self.partners[pid] = _PartnerTotals(name)
            elif name < totals.name:
                totals.name = name
            found, bad = named[pid]
            totals.plans += 1
            totals.ready += ready
            totals.findings += found
            totals.nonconformities += bad
        members = Counter(tiers.values())
        for tier, (found, bad) in tier_named.items():
            t = self.tiers.setdefault(tier, _TierTotals())
            t.partners += members[tier]
            t.plans += 1
            t.ready += ready
            t.findings += found
            t.nonconformities += bad

    def add_problem(self, problem: PortfolioProblem) -> None:
        """Add a plan (or a partition) that could not be assessed."""
        self.problems.append(problem)

    def absorb(self, report: PortfolioReport) -> None:
        """Add everything `report` holds (how reports are merged).

        Raises:
            ArgumentError: If the report is against another standard than those added.
        """
        self._standard(report.standard)
        self.rows.extend(report.rows)
        self.problems.extend(report.problems)
        for r in report.requirements:
            totals = self.requirements.get(r.requirement)
            if totals is None:
                totals = self.requirements[r.requirement] = _RequirementTotals(
                    r.title, r.clause, r.stage
                )
            else:
                totals.describe(r.title, r.clause, r.stage)
            totals.assessed += r.assessed
            totals.minor += r.minor
            totals.major += r.major
        for stage, tally in report.stage_tallies:
            add_tally(self.stages.setdefault(stage, _zero()), tally)
        for clause, tally in report.clause_tallies:
            add_tally(self.clauses.setdefault(clause, _zero()), tally)
        for p in report.partners:
            partner = self.partners.get(p.partner)
            if partner is None:
                partner = self.partners[p.partner] = _PartnerTotals(p.name)
            elif p.name < partner.name:
                partner.name = p.name
            partner.plans += p.plans
            partner.ready += p.ready
            partner.findings += p.findings
            partner.nonconformities += p.nonconformities
        for t in report.tiers:
            tier = self.tiers.setdefault(t.tier, _TierTotals())
            tier.partners += t.partners
            tier.plans += t.plans
            tier.ready += t.ready
            tier.findings += t.findings
            tier.nonconformities += t.nonconformities

    def freeze(self) -> PortfolioReport:
        """The report of everything added, in canonical order: the same in any order added."""
        return PortfolioReport(
            standard=self.standard,
            rows=_in_order(self.rows),
            problems=sorted(self.problems, key=_PROBLEM_ORDER),
            requirements=[
                RequirementCount(requirement=req, **attrs.asdict(self.requirements[req]))
                for req in sorted(self.requirements)
            ],
            stage_tallies=[
                (s, tally_of(self.stages[s])) for s in sorted(self.stages, key=stage_order)
            ],
            clause_tallies=[
                (c, tally_of(self.clauses[c])) for c in sorted(self.clauses, key=clause_order)
            ],
            partners=[
                PartnerCount(partner=pid, **attrs.asdict(self.partners[pid]))
                for pid in sorted(self.partners)
            ],
            tiers=[
                TierCount(tier=t, **attrs.asdict(self.tiers[t]))
                for t in sorted(self.tiers, key=tier_order)
            ],
        )


_PLACE: Final = operator.attrgetter("_place")


def _in_order(rows: Iterable[PlanSummary]) -> list[PlanSummary]:
    """`rows` in canonical order: by place, rows sharing a place by everything they hold."""
    ordered: list[PlanSummary] = []
    for _, same in itertools.groupby(sorted(rows, key=_PLACE), key=_PLACE):
        group = list(same)
        ordered.extend(group if len(group) == 1 else sorted(group, key=row_order))
    return ordered


_PROBLEM_ORDER: Final = operator.attrgetter("location", "kind.value", "error")
