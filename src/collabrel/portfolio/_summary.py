"""What a portfolio keeps of each assessed plan, and the accumulator that gathers it.

An assessment's `ConformanceReport` is large (every outcome and finding); a portfolio of a
hundred thousand plans keeps only a compact `PlanSummary` per plan (its location, which
relationship and revision it is, its certification verdict, its tally and one
`StageSummary` per stage) and counts that add up across plans: per requirement
(`RequirementCount`), per partner organisation (`PartnerCount`), per supply-chain tier
(`TierCount`), per stage and per clause (a `Tally` each).

An `Accumulator` gathers them for one partition of a portfolio: plain attributes, dicts and
lists, so it pickles, and adding a plan costs a small fraction of assessing it. `freeze()`
turns it into a `PortfolioReport`, whose `merge` adds two of them in any order.
"""

from __future__ import annotations

import enum
import itertools
import operator
from collections import Counter
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any, Final

import attrs
from attrs import field, frozen

from collabrel.conformance import ConformanceReport, Tally
from collabrel.errors import ArgumentError
from collabrel.lifecycle import StageStatus
from collabrel.model import Partner, RelationshipManagementPlan, Result, Stage
from collabrel.model import _display as d
from collabrel.model import _validators as v

if TYPE_CHECKING:
    from collabrel.portfolio._report import PortfolioReport

__all__ = [
    "Accumulator",
    "PartnerCount",
    "PlanSummary",
    "PortfolioProblem",
    "ProblemKind",
    "RequirementCount",
    "StageSummary",
    "TierCount",
    "supply_chain_tiers",
]


class ProblemKind(enum.Enum):
    """Why a plan (or a partition) of a portfolio has no assessment."""

    LOAD = "load"
    """The plan could not be read: a file that is not a plan, a line that is not JSON."""
    ASSESS = "assess"
    """The plan was read but its assessment failed."""
    WORKER = "worker"
    """The worker assessing a partition died twice; the partition's plans are not counted."""


@frozen(kw_only=False)
class PortfolioProblem:
    """One plan, or one partition, of a portfolio that could not be assessed.

    Attributes:
        location: Where it came from: `"plans/a.json"`, `"portfolio.jsonl:17"` (a 1-based
            line), `"query[3]#5"`, `"partition 4"`.
        error: What went wrong, in the error's words (a `DocumentError` names the path).
        kind: Whether loading, assessing or the worker failed (a `ProblemKind` or its value).

    Examples:
        >>> PortfolioProblem("plans/a.json", "$.partners[2].role: bad role", "load")
        PortfolioProblem(location='plans/a.json', error='$.partners[2].role: bad role', \
kind=<ProblemKind.LOAD: 'load'>)
    """

    location: str = field(validator=v.text())
    error: str = field(validator=v.text(allow_empty=True))
    kind: ProblemKind = field(converter=ProblemKind, validator=v.member_of(ProblemKind))


@frozen(kw_only=True)
class StageSummary:
    """How one stage of one plan came out: the compact form of a `StageReadiness`.

    Attributes:
        stage: The stage.
        status: Its lifecycle status on the day assessed (`None` without a usable history).
        reached: Whether the relationship had reached it.
        agreed: Whether its controls were agreed (`StageReadiness.agreed`).
        readiness: The share of its judged requirements that conform (`None`: none judged).
        nonconformities: Its requirements with a minor or major nonconformity.
        majors: Those with a major one.
    """

    stage: Stage
    status: StageStatus | None
    reached: bool
    agreed: bool
    readiness: float | None
    nonconformities: int
    majors: int


@frozen(kw_only=True, repr=False)
class PlanSummary:
    """What a portfolio keeps of one assessed plan.

    Its `repr` is one line, its parts counted (a report holds thousands of them).

    Attributes:
        location: Where the plan came from (a path, `"file.jsonl:LINE"`, ...).
        subject: The relationship's id (`None` for a template or an enterprise plan).
        name: The relationship's name.
        revision: The plan's revision (`meta.revision`).
        issued_on: The day the revision was issued (`meta.issued_on`).
        as_of: The day it was judged against.
        ready: Whether it was ready for certification (`ConformanceReport.certification`).
        tally: Its requirements' results.
        majors: The requirements with a major nonconformity, in catalogue order.
        stages: One summary per stage, in stage order.
    """

    location: str
    subject: str | None
    name: str | None
    revision: int
    issued_on: date
    as_of: date
    ready: bool
    tally: Tally
    majors: tuple[str, ...] = ()
    stages: tuple[StageSummary, ...] = ()
    _place: tuple[str, str, int, date, date] = field(init=False, eq=False, repr=False)
    """Where it goes in a report, worked out once (reports are merged often): location,
    relationship, revision, issue date, assessment date; `row_order` settles ties."""

    def __attrs_post_init__(self) -> None:
        place = (self.location, self.subject or "", self.revision, self.issued_on, self.as_of)
        object.__setattr__(self, "_place", place)

    __repr__ = d.summary_repr
    _repr_pretty_ = d.pretty

    @property
    def relationship(self) -> str:
        """The key the plan's revisions share: the relationship's id, else its location."""
        return self.subject if self.subject is not None else self.location

    @property
    def label(self) -> str:
        """The plan for people: the relationship's name, else its id, else its location."""
        return self.name or self.subject or self.location

    def stage(self, stage: Stage) -> StageSummary | None:
        """The summary of `stage`, if the plan's report had it."""
        for s in self.stages:
            if s.stage is stage:
                return s
        return None


@frozen(kw_only=True)
class RequirementCount:
    """How one requirement came out across the plans of a portfolio.

    Attributes:
        requirement: The requirement's id.
        title: Its title.
        clause: Its clause.
        stage: Its stage, if it has one.
        assessed: The plans whose report judged it (had an outcome for it).
        minor: The plans with a minor nonconformity on it.
        major: The plans with a major nonconformity on it.
    """

    requirement: str
    title: str
    clause: str
    stage: Stage | None
    assessed: int = 0
    minor: int = 0
    major: int = 0

    @property
    def count(self) -> int:
        """The plans with a nonconformity on it (minor or major)."""
        return self.minor + self.major

    @property
    def share(self) -> float:
        """`count` as a share of the plans that judged it (0 when none did)."""
        return self.count / self.assessed if self.assessed else 0.0


@frozen(kw_only=True)
class PartnerCount:
    """One partner organisation across the plans of a portfolio, by its id.

    A partner's id is what names it across plans: a platform that gives each organisation
    one id sees its every relationship here. Its `name` is the first of the names it has in
    the plans, alphabetically (the same whatever order the plans are added in).

    Attributes:
        partner: The partner's id.
        name: Its name.
        plans: The plans it is in (as a party or a subcontractor, past or present).
        ready: Those of them ready for certification.
        findings: The findings that name it (`Finding.subjects`).
        nonconformities: Those of them that are minor or major nonconformities.
    """

    partner: str
    name: str
    plans: int = 0
    ready: int = 0
    findings: int = 0
    nonconformities: int = 0


@frozen(kw_only=True)
class TierCount:
    """The partners of one supply-chain tier across a portfolio (see `supply_chain_tiers`).

    Attributes:
        tier: The tier: 1 for the parties to a relationship's agreement, 2 for their
            subcontractors, and so on; `None` for partners whose chain of principals loops.
        partners: The partners at that tier, counted once per plan they are in.
        plans: The plans with at least one partner at that tier.
        ready: Those of them ready for certification.
        findings: The findings naming at least one partner at that tier, once per finding.
        nonconformities: Those of them that are minor or major nonconformities.
    """

    tier: int | None
    partners: int = 0
    plans: int = 0
    ready: int = 0
    findings: int = 0
    nonconformities: int = 0


def supply_chain_tiers(partners: Iterable[Partner]) -> dict[str, int | None]:
    """The supply-chain tier of each partner, by id.

    Tier 1 is a party to the relationship's own agreement (a partner that is not a
    subcontractor); a subcontractor of a tier-n partner (`Partner.subcontractor_of`) is at
    tier n + 1. A partner whose chain of principals loops, or names a partner that is not
    in `partners`, has no tier (`None`).

    Examples:
        >>> from collabrel import examples
        >>> tiers = supply_chain_tiers(examples.load("consortium").relationship.partners)
        >>> tiers["efa"], tiers["saltmarsh"], tiers["tern"], tiers["undercliff"]
        (1, 2, 3, 4)
    """
    principal = {p.id: p.subcontractor_of for p in partners}
    tiers: dict[str, int | None] = {}
    for start in principal:
        chain: list[str] = []
        current: str | None = start
        tier: int | None = None
        while current is not None:
            if current in tiers:
                tier = tiers[current]
                break
            if current not in principal or current in chain:
                break  # names no partner, or loops: no tier for the chain
            chain.append(current)
            above = principal[current]
            if above is None:
                tier = 0
                break
            current = above
        for n, pid in enumerate(reversed(chain), start=1):
            tiers[pid] = None if tier is None else tier + n
    return tiers


def row_order(row: PlanSummary) -> tuple[Any, ...]:
    """A plan summary's place in a report: by location, then by everything else it holds.

    Two summaries with the same place are equal, so a report's rows are in one order
    whatever order its plans were added in.
    """
    return (
        *row._place,  # noqa: SLF001 - the class's own key, first
        row.name or "",
        row.ready,
        attrs.astuple(row.tally),
        row.majors,
        tuple(
            (
                n,
                s.status.value if s.status else "",
                s.reached,
                s.agreed,
                -1.0 if s.readiness is None else s.readiness,
                s.nonconformities,
                s.majors,
            )
            for n, s in enumerate(row.stages)
        ),
    )


def clause_order(clause: str) -> tuple[tuple[int, str], ...]:
    """A clause id's place: its parts in numeric order (`"4.2"` before `"4.10"` and `"10"`).

    Examples:
        >>> sorted(["10", "4.10", "4.2", "9"], key=clause_order)
        ['4.2', '4.10', '9', '10']
    """
    return tuple((int(p), "") if p.isdigit() else (-1, p) for p in clause.split("."))


def stage_order(stage: Stage | None) -> int:
    """A stage's place (its number); no stage (a management-system requirement) first."""
    return 0 if stage is None else stage.number


def tier_order(tier: int | None) -> tuple[bool, int]:
    """A tier's place: by number, no tier (a looping chain) last."""
    return (tier is None, tier or 0)


_MINOR: Final = Result.MINOR
_MAJOR: Final = Result.MAJOR
_STATUSES: Final = {s.value: s for s in StageStatus}
"""A report's stage status text (the lifecycle's `StageStatus` values) back to the member."""
TALLY_FIELDS: Final = tuple(a.name for a in attrs.fields(Tally))
"""The counts of a `Tally`, in order (how tallies are added up)."""


def add_tally(total: list[int], tally: Tally) -> None:
    """Add `tally`'s counts to `total` (one count per `TALLY_FIELDS`)."""
    for i, name in enumerate(TALLY_FIELDS):
        total[i] += getattr(tally, name)


def tally_of(counts: Iterable[int]) -> Tally:
    """The `Tally` of counts in `TALLY_FIELDS` order."""
    return Tally(**dict(zip(TALLY_FIELDS, counts, strict=True)))


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
        from collabrel.portfolio._report import PortfolioReport  # noqa: PLC0415 - a cycle

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
