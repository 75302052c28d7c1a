"""The parts a portfolio report is made of: what it keeps of each plan, and its counts.

An assessment's `ConformanceReport` is large (every outcome and finding); a portfolio of a
hundred thousand plans keeps only a compact `PlanSummary` per plan (its location, which
relationship and revision it is, its certification verdict, its tally and one
`StageSummary` per stage) and counts that add up across plans: per requirement
(`RequirementCount`), per partner organisation (`PartnerCount`), per supply-chain tier
(`TierCount`), per stage and per clause (a `Tally` each). A plan that could not be
assessed is a `PortfolioProblem`.

This module imports no other of the portfolio's: the report (`_report.py`, which gathers
these parts with its `Accumulator`) and its views (`_views.py`, `_document.py`) import it.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from datetime import date
from typing import Any, Final

import attrs
from attrs import field, frozen

from collabrel.conformance import Tally
from collabrel.lifecycle import StageStatus
from collabrel.model import Partner, Stage
from collabrel.model import _display as d
from collabrel.model import _validators as v

__all__ = [
    "TALLY_FIELDS",
    "PartnerCount",
    "PlanSummary",
    "PortfolioProblem",
    "ProblemKind",
    "RequirementCount",
    "StageSummary",
    "TierCount",
    "add_tally",
    "clause_order",
    "row_order",
    "stage_order",
    "supply_chain_tiers",
    "tally_of",
    "tier_order",
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


TALLY_FIELDS: Final = tuple(a.name for a in attrs.fields(Tally))
"""The counts of a `Tally`, in order (how tallies are added up)."""


def add_tally(total: list[int], tally: Tally) -> None:
    """Add `tally`'s counts to `total` (one count per `TALLY_FIELDS`)."""
    for i, name in enumerate(TALLY_FIELDS):
        total[i] += getattr(tally, name)


def tally_of(counts: Iterable[int]) -> Tally:
    """The `Tally` of counts in `TALLY_FIELDS` order."""
    return Tally(**dict(zip(TALLY_FIELDS, counts, strict=True)))
