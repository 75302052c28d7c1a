"""The metrics check the numbers and arguments they are given, and say which one is wrong."""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date, datetime

import pytest
from attrs import evolve

from collabrel import examples
from collabrel.errors import MetricsError
from collabrel.metrics import (
    DEFAULT_EXIT_WEIGHTS,
    DEFAULT_HEALTH_DIMENSIONS,
    MAX_DRAWS,
    DecisionMatrix,
    Method,
    ahp_weights,
    assess_exit_readiness,
    assess_health,
    assess_kpi,
    assess_kpi_over,
    assess_kpis,
    assess_maturity,
    assess_value,
    health_ratings,
    review_periods,
    select_partners,
    topsis,
    weighted_sum,
)
from collabrel.model import Cadence

RMP = examples.load("alliance")
REL = RMP.relationship
MATRIX = DecisionMatrix.from_plan(RMP)
DAY = date(2026, 10, 31)
PARTNERS = REL.parties_to_agreement
NAIVE = datetime(2026, 1, 1)  # noqa: DTZ001 - an instant where a day is asked for

# What each argument is given, and the words the error must name it by.
_Call = Callable[[object], object]
CALLS: list[tuple[str, _Call, str]] = [
    ("select_partners.matrix", select_partners, "matrix"),
    ("select_partners.method", lambda x: select_partners(MATRIX, method=x), "method"),
    ("select_partners.thresholds", lambda x: select_partners(MATRIX, thresholds=x), "thresholds"),
    ("select_partners.weights", lambda x: select_partners(MATRIX, weights=x), "weights"),
    ("select_partners.draws", lambda x: select_partners(MATRIX, draws=x), "draws"),
    ("select_partners.spread", lambda x: select_partners(MATRIX, spread=x, draws=5), "spread"),
    ("select_partners.seed", lambda x: select_partners(MATRIX, seed=x, draws=5), "seed"),
    ("weighted_sum.matrix", lambda x: weighted_sum(x, [1], [1]), "matrix"),
    ("weighted_sum.weights", lambda x: weighted_sum([[1]], x, [1]), "weights"),
    ("weighted_sum.directions", lambda x: weighted_sum([[1]], [1], x), "directions"),
    ("weighted_sum.bounds", lambda x: weighted_sum([[1]], [1], [1], bounds=x), "bounds"),
    ("topsis.matrix", lambda x: topsis([[1, 2], [x, 3]], [1, 1], [1, 1]), "matrix[1][0]"),
    (
        "ahp_weights.max_consistency_ratio",
        lambda x: ahp_weights([[1]], max_consistency_ratio=x),
        "max_consistency_ratio",
    ),
    (
        "ahp_weights.reciprocal_tolerance",
        lambda x: ahp_weights([[1]], reciprocal_tolerance=x),
        "reciprocal_tolerance",
    ),
    ("assess_kpi.kpi", lambda x: assess_kpi(x, DAY), "kpi"),
    ("assess_kpi.as_of", lambda x: assess_kpi(REL.kpis[0], x), "as_of"),
    ("assess_kpi.window", lambda x: assess_kpi(REL.kpis[0], DAY, window=x), "window"),
    ("assess_kpis.kpis", lambda x: assess_kpis(x, DAY), "kpis"),
    ("assess_kpi_over.periods", lambda x: assess_kpi_over(REL.kpis[0], x), "periods"),
    ("review_periods.start", lambda x: review_periods(x, DAY, Cadence.MONTHLY), "start"),
    ("review_periods.until", lambda x: review_periods(DAY, x, Cadence.MONTHLY), "until"),
    ("review_periods.cadence", lambda x: review_periods(DAY, DAY, x), "cadence"),
    ("assess_value.value_propositions", lambda x: assess_value(x, DAY), "value_propositions"),
    ("assess_value.as_of", lambda x: assess_value(REL.value_propositions, x), "as_of"),
    (
        "assess_exit_readiness.plan",
        lambda x: assess_exit_readiness(x, DAY, partner_ids=PARTNERS),
        "plan",
    ),
    (
        "assess_exit_readiness.as_of",
        lambda x: assess_exit_readiness(REL.exit_plan, x, partner_ids=PARTNERS),
        "as_of",
    ),
    (
        "assess_exit_readiness.partner_ids",
        lambda x: assess_exit_readiness(REL.exit_plan, DAY, partner_ids=x),
        "partner_ids",
    ),
    (
        "assess_exit_readiness.weights",
        lambda x: assess_exit_readiness(
            REL.exit_plan, DAY, partner_ids=PARTNERS, weights={**DEFAULT_EXIT_WEIGHTS, "steps": x}
        ),
        "'steps'",
    ),
    ("assess_health.ratings", assess_health, "ratings"),
    ("assess_health.dimensions", lambda x: assess_health((), dimensions=x), "dimensions"),
    ("assess_health.sides", lambda x: assess_health((), sides=x), "sides"),
    ("health_ratings.rmp", health_ratings, "rmp"),
    ("health_ratings.sides", lambda x: health_ratings(RMP, sides=x), "sides"),
    ("assess_maturity.assessments", assess_maturity, "assessments"),
    ("assess_maturity.as_of", lambda x: assess_maturity((), as_of=x), "as_of"),
    ("assess_maturity.scale", lambda x: assess_maturity((), scale=x), "scale"),
]

# Values no argument above accepts: not numbers, not finite, far too large, the wrong type.
BAD: list[object] = [math.nan, math.inf, -math.inf, -1, 10**400, True, "x", object(), 2.5]


class TestArguments:
    @pytest.mark.parametrize(("name", "call", "words"), CALLS, ids=[c[0] for c in CALLS])
    @pytest.mark.parametrize("bad", BAD, ids=repr)
    def test_bad_argument_is_named(self, name: str, call: _Call, words: str, bad: object):
        """A bad value gives a MetricsError naming the argument, or is accepted: never more."""
        try:
            call(bad)
        except MetricsError as exc:
            assert words in str(exc), (name, str(exc))  # noqa: PT017 - or it is accepted

    @pytest.mark.parametrize(
        ("call", "message"),
        [
            (lambda: select_partners(MATRIX, draws=MAX_DRAWS + 1), "at most 1,000,000"),
            (lambda: select_partners(MATRIX, draws=2.0), "draws must be an integer"),
            (lambda: select_partners(MATRIX, seed=1.5), "seed must be an integer"),
            (lambda: select_partners(MATRIX, spread=math.nan), "spread must be finite"),
            (lambda: assess_kpi(REL.kpis[0], DAY, window=True), "window must be an integer"),
            (lambda: assess_kpi(REL.kpis[0], NAIVE), "as_of must be a date"),
            (lambda: weighted_sum([[10**400]], [1], [1]), r"matrix\[0\]\[0\] must be finite"),
            (lambda: weighted_sum([[1]], [1], [1], bounds=[(0,)]), r"bounds\[0\] must be a"),
            (lambda: assess_kpis([REL.kpis[0], "k"], DAY), r"kpis\[1\] must be a KPI"),
            (lambda: ahp_weights([[1]], reciprocal_tolerance=-1), "at least 0"),
        ],
    )
    def test_messages(self, call: Callable[[], object], message: str):
        """The message names the argument (or the item) and what it must be."""
        with pytest.raises(MetricsError, match=message):
            call()


class TestHugeWeights:
    def test_select_partners_depends_only_on_proportions(self):
        """Weights near the float maximum select as the same weights scaled down would."""
        ids = [c.id for c in MATRIX.criteria]
        plain = select_partners(MATRIX, weights=dict.fromkeys(ids, 1.0), draws=50)
        huge = select_partners(MATRIX, weights=dict.fromkeys(ids, 1e308), draws=50)
        assert huge.candidates == plain.candidates
        assert huge.weights == plain.weights

    @pytest.mark.parametrize("method", list(Method))
    def test_huge_and_tiny_mixed(self, method: Method):
        """A huge weight beside ordinary ones scores without overflow, scores 0-100."""
        ids = [c.id for c in MATRIX.criteria]
        weights = {i: (1e308 if n == 0 else 1.0) for n, i in enumerate(ids)}
        result = select_partners(MATRIX, method=method, weights=weights, draws=20)
        assert all(0 <= (c.score or 0) <= 100 for c in result.candidates)

    @pytest.mark.parametrize("scoring", [weighted_sum, topsis])
    def test_plain_number_methods(self, scoring: Callable[..., tuple[float, ...]]):
        """Huge weights and values give the scores of their scaled-down equivalents."""
        assert scoring([[1, 2], [3, 1]], [1e308, 1e308], [1, -1]) == scoring(
            [[1, 2], [3, 1]], [1, 1], [1, -1]
        )
        scores = scoring([[1e308, 2], [-1e308, 1]], [1, 1], [1, -1])
        assert all(0 <= s <= 1 for s in scores)

    def test_topsis_values_whose_squares_overflow(self):
        """TOPSIS scales a column whose squares overflow: the scores are unchanged."""
        assert topsis([[1e200, 1], [3e200, 2]], [1, 1], [1, 1]) == pytest.approx(
            topsis([[1, 1], [3, 2]], [1, 1], [1, 1])
        )

    def test_exit_and_health(self):
        """Exit readiness and health take huge weights as they take their proportions."""
        plain = assess_exit_readiness(REL.exit_plan, DAY, partner_ids=PARTNERS)
        huge = assess_exit_readiness(
            REL.exit_plan,
            DAY,
            partner_ids=PARTNERS,
            weights={k: w * 1e307 for k, w in DEFAULT_EXIT_WEIGHTS.items()},
        )
        assert huge.score == pytest.approx(plain.score)
        ratings = health_ratings(RMP)
        dims = [evolve(d, weight=1e308) for d in DEFAULT_HEALTH_DIMENSIONS]
        assert (
            assess_health(ratings, dimensions=dims).latest.overall.index
            == assess_health(ratings).latest.overall.index
        )

    def test_value_totals_beyond_the_float_range(self):
        """Realised amounts whose total overflows give an infinite total, not an error."""
        vp = REL.value_propositions[0]
        huge = evolve(vp, realised=[evolve(r, amount=1e308) for r in vp.realised])
        benefits = assess_value([huge], DAY).benefits
        assert benefits
        assert [b.realised for b in benefits] == [math.inf, math.inf]
