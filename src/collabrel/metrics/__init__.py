"""Metrics: relationship health and maturity, KPIs, value realised, exit readiness, selection.

Typed assessments read the plan's records and return result objects with `to_records()` (a
table; `collabrel.report.to_dataframe` makes it a DataFrame) and a notebook rendering;
`collabrel.to_data(result)` gives their plain data:

- `assess_health` scores survey ratings from both sides of
  the relationship per period, side and organisation, with the perception gap between sides;
- `assess_maturity` gives a maturity profile of the eight
  stages;
- `assess_kpis` judges KPIs as of a date (status, trend,
  forecast), over `review_periods` if wanted;
- `assess_value` sets value realised against the expected
  benefits;
- `assess_exit_readiness` scores the exit plan, weighed by `EXIT_CRITERIA` and capped
  below 50 while an essential is missing;
- `select_partners` applies gates, scores candidates, gives
  outcomes and tests the weights' sensitivity.

For numeric use, `weighted_sum`,
`topsis` and `ahp_weights` work on
plain numbers. Everything here is pure Python; bad input raises
`MetricsError`: every argument is checked (a weight is a
finite number of at least 0, a count an integer, a day a `date`, a matrix a sequence of
sequences, ...) and the message names the argument, and the item within it (`matrix[0][1]`,
the weight of `'crit-price'`). Weights count only by their proportions, so huge finite
weights are scaled down before they are summed and never overflow.
"""

from __future__ import annotations

from collabrel.metrics._exit import (
    DEFAULT_EXIT_WEIGHTS,
    EXIT_CAP,
    EXIT_CRITERIA,
    EXIT_ESSENTIALS,
    ExitCriterion,
    ExitElement,
    ExitReadiness,
    assess_exit_readiness,
    exit_readiness_cap,
)
from collabrel.metrics._health import (
    CLIENT_SIDE,
    DEFAULT_HEALTH_DIMENSIONS,
    SUPPLY_SIDE,
    DimensionGap,
    DimensionScore,
    GroupHealth,
    HealthAssessment,
    HealthDimension,
    HealthPeriod,
    HealthRating,
    PerceptionGap,
    assess_health,
    health_ratings,
)
from collabrel.metrics._kpi import (
    KPIAssessment,
    KPIReport,
    KPIStatus,
    ReviewPeriod,
    Trend,
    assess_kpi,
    assess_kpi_over,
    assess_kpis,
    review_periods,
)
from collabrel.metrics._maturity import (
    DEFAULT_MATURITY_SCALE,
    MaturityLevel,
    MaturityProfile,
    MaturityScale,
    StageMaturity,
    assess_maturity,
)
from collabrel.metrics._mcda import RANDOM_INDEX, AHPResult, ahp_weights, topsis, weighted_sum
from collabrel.metrics._selection import (
    DEFAULT_SEED,
    MAX_DRAWS,
    CandidateResult,
    CandidateSensitivity,
    DecisionCell,
    DecisionMatrix,
    Method,
    Outcome,
    RankReversal,
    SelectionResult,
    Sensitivity,
    Thresholds,
    WeightRange,
    select_partners,
)
from collabrel.metrics._value import (
    BenefitRealisation,
    BenefitStatus,
    PartnerShare,
    RealisedPoint,
    ValueRealisation,
    assess_value,
)

__all__ = [
    "CLIENT_SIDE",
    "DEFAULT_EXIT_WEIGHTS",
    "DEFAULT_HEALTH_DIMENSIONS",
    "DEFAULT_MATURITY_SCALE",
    "DEFAULT_SEED",
    "EXIT_CAP",
    "EXIT_CRITERIA",
    "EXIT_ESSENTIALS",
    "MAX_DRAWS",
    "RANDOM_INDEX",
    "SUPPLY_SIDE",
    "AHPResult",
    "BenefitRealisation",
    "BenefitStatus",
    "CandidateResult",
    "CandidateSensitivity",
    "DecisionCell",
    "DecisionMatrix",
    "DimensionGap",
    "DimensionScore",
    "ExitCriterion",
    "ExitElement",
    "ExitReadiness",
    "GroupHealth",
    "HealthAssessment",
    "HealthDimension",
    "HealthPeriod",
    "HealthRating",
    "KPIAssessment",
    "KPIReport",
    "KPIStatus",
    "MaturityLevel",
    "MaturityProfile",
    "MaturityScale",
    "Method",
    "Outcome",
    "PartnerShare",
    "PerceptionGap",
    "RankReversal",
    "RealisedPoint",
    "ReviewPeriod",
    "SelectionResult",
    "Sensitivity",
    "StageMaturity",
    "Thresholds",
    "Trend",
    "ValueRealisation",
    "WeightRange",
    "ahp_weights",
    "assess_exit_readiness",
    "assess_health",
    "assess_kpi",
    "assess_kpi_over",
    "assess_kpis",
    "assess_maturity",
    "assess_value",
    "exit_readiness_cap",
    "health_ratings",
    "review_periods",
    "select_partners",
    "topsis",
    "weighted_sum",
]
