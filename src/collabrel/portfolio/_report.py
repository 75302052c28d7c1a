"""The report of a portfolio: one summary per plan, counts that add up, and their views.

A `PortfolioReport` is a monoid: `merge` adds two reports (of two partitions, in whatever
order they come back from the workers), `PortfolioReport.empty()` is its identity, and
merging is associative and commutative because a report keeps everything in one canonical
order (plans by location, counts by their key). So a portfolio split into partitions in any
way, assessed by any engine and merged in any order gives one and the same report.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import ClassVar

from attrs import field, frozen

from collabrel.conformance import Tally
from collabrel.model import Stage
from collabrel.model import _validators as v
from collabrel.portfolio._summary import (
    TALLY_FIELDS,
    Accumulator,
    PartnerCount,
    PlanSummary,
    PortfolioProblem,
    RequirementCount,
    TierCount,
    add_tally,
    tally_of,
)

__all__ = ["PortfolioReport"]


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
            >>> from collabrel.portfolio._summary import Accumulator
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
