"""The names the portfolio's engines gather a partition with: `Accumulator` and the parts.

`Accumulator` is defined with `PortfolioReport` in `_report.py` (it freezes into one, and
merging reports adds them into one); the parts of a report (`PlanSummary`,
`PortfolioProblem`, the counts) are defined in `_parts.py`. Both are imported here under
the names the engines and the package use.
"""

from __future__ import annotations

from collabrel.portfolio._parts import (
    PartnerCount,
    PlanSummary,
    PortfolioProblem,
    ProblemKind,
    RequirementCount,
    StageSummary,
    TierCount,
    supply_chain_tiers,
)
from collabrel.portfolio._report import Accumulator

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
