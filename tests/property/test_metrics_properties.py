"""Properties of the metrics: bounds, invariances, gates and monotone health scores."""

from __future__ import annotations

import math
from datetime import date
from itertools import pairwise

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from _builders import criterion, pass_fail_gate
from collabrel.metrics import (
    DEFAULT_HEALTH_DIMENSIONS,
    DecisionCell,
    DecisionMatrix,
    HealthRating,
    Method,
    Outcome,
    assess_exit_readiness,
    assess_health,
    select_partners,
    topsis,
    weighted_sum,
)
from collabrel.model import Candidate, CriterionCategory, Direction, Score
from collabrel.testing import strategies as cst

VALUES = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False)
WEIGHTS = st.floats(min_value=0, max_value=100, allow_nan=False, allow_infinity=False)
DIMENSIONS = [d.id for d in DEFAULT_HEALTH_DIMENSIONS]
DAYS = [date(2025, 5, 30), date(2025, 11, 28), date(2026, 5, 29)]


@st.composite
def problems(draw, min_rows=1):
    """A decision matrix with weights (not all zero) and directions."""
    rows = draw(st.integers(min_value=min_rows, max_value=6))
    cols = draw(st.integers(min_value=1, max_value=5))
    matrix = [draw(st.lists(VALUES, min_size=cols, max_size=cols)) for _ in range(rows)]
    weights = draw(st.lists(WEIGHTS, min_size=cols, max_size=cols))
    assume(math.fsum(weights) > 1e-6)
    directions = draw(st.lists(st.sampled_from([1, -1]), min_size=cols, max_size=cols))
    return matrix, weights, directions


def _ranking(scores):
    return sorted(range(len(scores)), key=lambda i: (-scores[i], i))


def _clear(scores):
    """Whether no two scores are so close that rounding could swap them."""
    ordered = sorted(scores)
    return all(b - a > 1e-9 for a, b in pairwise(ordered))


class TestDecisionMethods:
    @given(problems())
    def test_scores_stay_within_bounds(self, problem):
        """Weighted sum and TOPSIS scores lie between 0 and 1."""
        for method in (weighted_sum, topsis):
            assert all(0 <= s <= 1 + 1e-12 for s in method(*problem))

    @given(problems(), st.floats(min_value=1e-3, max_value=1e3))
    def test_scaled_weights_keep_rankings(self, problem, factor):
        """Multiplying every weight by the same factor leaves the ranking unchanged."""
        matrix, weights, directions = problem
        scaled = [w * factor for w in weights]
        for method in (weighted_sum, topsis):
            before = method(matrix, weights, directions)
            after = method(matrix, scaled, directions)
            assert after == pytest.approx(before, abs=1e-9)
            if _clear(before):
                assert _ranking(after) == _ranking(before)

    @given(problems(min_rows=2), st.randoms(use_true_random=False))
    def test_permuting_candidates_only_reorders(self, problem, rnd):
        """Shuffling the rows shuffles the scores the same way and changes nothing else."""
        matrix, weights, directions = problem
        order = list(range(len(matrix)))
        rnd.shuffle(order)
        for method in (weighted_sum, topsis):
            before = method(matrix, weights, directions)
            after = method([matrix[i] for i in order], weights, directions)
            assert list(after) == [before[i] for i in order]


CRITERIA = [
    pass_fail_gate("G"),
    criterion("a", "A", CriterionCategory.CAPABILITY, 2),
    criterion("b", "B", CriterionCategory.PRICE, 1, direction=Direction.DECREASE),
]


@st.composite
def decision_matrices(draw):
    n = draw(st.integers(min_value=1, max_value=5))
    cells = []
    for i in range(n):
        if draw(st.booleans()):
            cells.append(
                DecisionCell(
                    candidate_id=f"c{i}",
                    score=Score(criterion_id="gate", value=draw(st.sampled_from([0, 1]))),
                )
            )
        for criterion_id in ("a", "b"):
            value = draw(st.one_of(st.none(), st.integers(min_value=0, max_value=5)))
            if value is not None:
                cells.append(
                    DecisionCell(
                        candidate_id=f"c{i}", score=Score(criterion_id=criterion_id, value=value)
                    )
                )
    return DecisionMatrix(
        criteria=CRITERIA,
        candidates=[Candidate(id=f"c{i}", name=f"C{i}") for i in range(n)],
        cells=cells,
    )


class TestSelection:
    @settings(deadline=None)
    @given(decision_matrices(), st.sampled_from(list(Method)))
    def test_failing_a_gate_never_proceeds(self, matrix, method):
        """A candidate that fails a gate is never ranked and never proceeds."""
        result = select_partners(matrix, method=method, draws=20)
        for c in result.candidates:
            passed = matrix.value(c.candidate_id, "gate") == 1
            assert c.passed_gates is passed
            if not passed:
                assert (c.rank, c.score, c.outcome) == (None, None, Outcome.DO_NOT_PROCEED)
            else:
                assert 0 <= c.score <= 100 + 1e-9

    @settings(deadline=None)
    @given(decision_matrices(), st.randoms(use_true_random=False))
    def test_permuting_candidates_changes_nothing_but_order(self, matrix, rnd):
        """The same candidates in another order get the same results."""
        shuffled = list(matrix.candidates)
        rnd.shuffle(shuffled)
        cells = list(matrix.cells)
        rnd.shuffle(cells)
        other = DecisionMatrix(criteria=matrix.criteria, candidates=shuffled, cells=cells)
        for method in Method:
            a = select_partners(matrix, method=method, draws=20)
            b = select_partners(other, method=method, draws=20)
            assert a.candidates == b.candidates
            assert a.sensitivity == b.sensitivity


@st.composite
def ratings(draw, max_size=25):
    return draw(
        st.lists(
            st.builds(
                HealthRating,
                period=st.sampled_from(DAYS),
                respondent=st.sampled_from(["p1", "p2", "p3", "p4"]),
                organisation=st.sampled_from(["nr", "acme", "bolt"]),
                side=st.sampled_from(["client", "supply"]),
                dimension=st.sampled_from(DIMENSIONS),
                score=st.one_of(st.none(), st.integers(min_value=1, max_value=5)),
            ),
            max_size=max_size,
        )
    )


def _indexes(result):
    for period in result.periods:
        for group in (period.overall, *period.sides, *period.organisations):
            yield group.index
            for d in group.dimensions:
                yield d.score


class TestHealth:
    @given(ratings())
    def test_scores_stay_within_bounds(self, given_ratings):
        """Every health score and index lies between 0 and 100."""
        for value in _indexes(assess_health(given_ratings)):
            assert value is None or 0 <= value <= 100

    @given(ratings(), st.randoms(use_true_random=False))
    def test_permuting_respondents_changes_nothing(self, given_ratings, rnd):
        """The same ratings in another order give exactly the same assessment."""
        shuffled = list(given_ratings)
        rnd.shuffle(shuffled)
        assert assess_health(shuffled) == assess_health(given_ratings)

    @given(
        ratings(),
        st.sampled_from(DIMENSIONS),
        st.sampled_from(["client", "supply"]),
        st.sampled_from(DAYS),
    )
    def test_a_perfect_score_never_lowers(self, given_ratings, dimension, side, day):
        """Adding a top rating to a dimension never lowers that dimension or any index."""
        before = assess_health(given_ratings)
        perfect = HealthRating(
            period=day, respondent="new", organisation="nr", side=side, dimension=dimension, score=5
        )
        after = assess_health([*given_ratings, perfect])
        old = {p.period: p for p in before.periods}
        new = {p.period: p for p in after.periods}
        previous = old.get(day)
        if previous is None:
            return
        pairs = [(previous.overall, new[day].overall)]
        pairs += [(g, new[day].side(g.group)) for g in previous.sides if g.group == side]
        for was, now in pairs:
            was_score, now_score = was.score(dimension), now.score(dimension)
            assert now_score is not None
            assert was_score is None or now_score >= was_score - 1e-9
            assert was.index is None or now.index >= was.index - 1e-9


class TestExitReadiness:
    @given(cst.exit_plans(), cst.calendar_dates())
    def test_score_stays_within_bounds(self, plan, day):
        """Exit readiness lies between 0 and 100."""
        readiness = assess_exit_readiness(plan, day, partner_ids=list(plan.signatories))
        assert 0 <= readiness.score <= 100
