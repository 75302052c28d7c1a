"""Weighted sum, TOPSIS and AHP weights on plain numbers."""

from __future__ import annotations

import math

import pytest

from collabrel import to_data
from collabrel.errors import MetricsError
from collabrel.metrics import RANDOM_INDEX, ahp_weights, topsis, weighted_sum

# Saaty (2008), "Decision making with the analytic hierarchy process", International Journal of
# Services Sciences 1(1), 83-98: "Which drink is consumed more in the US?" (coffee, wine, tea,
# beer, sodas, milk, water), with the priorities derived in the paper.
DRINKS = [
    [1, 9, 5, 2, 1, 1, 1 / 2],
    [1 / 9, 1, 1 / 3, 1 / 9, 1 / 9, 1 / 9, 1 / 9],
    [1 / 5, 3, 1, 1 / 3, 1 / 4, 1 / 3, 1 / 9],
    [1 / 2, 9, 3, 1, 1 / 2, 1, 1 / 3],
    [1, 9, 4, 2, 1, 2, 1 / 2],
    [1, 9, 3, 1, 1 / 2, 1, 1 / 3],
    [2, 9, 9, 3, 2, 3, 1],
]
DRINKS_PRIORITIES = [0.177, 0.019, 0.042, 0.116, 0.190, 0.129, 0.327]

MATRIX = [[250, 16, 12, 5], [200, 16, 8, 3], [300, 32, 16, 4], [275, 32, 8, 4], [225, 16, 16, 2]]
WEIGHTS = [0.25, 0.25, 0.25, 0.25]
DIRECTIONS = [-1, 1, 1, 1]


@pytest.mark.parametrize(
    ("ours", "method", "normalization"),
    [
        pytest.param(weighted_sum, "WSM", "minmax_normalization", id="weighted_sum"),
        pytest.param(topsis, "TOPSIS", "vector_normalization", id="topsis"),
    ],
)
def test_matches_pymcdm(ours, method, normalization):
    """The scores equal pymcdm's (WSM with min-max, TOPSIS with vector normalisation)."""
    np = pytest.importorskip("numpy")
    methods = pytest.importorskip("pymcdm.methods")
    normalizations = pytest.importorskip("pymcdm.normalizations")
    expected = getattr(methods, method)(getattr(normalizations, normalization))(
        np.array(MATRIX, dtype=float), np.array(WEIGHTS), np.array(DIRECTIONS)
    )
    assert ours(MATRIX, WEIGHTS, DIRECTIONS) == pytest.approx(list(expected))


class TestWeightedSum:
    def test_hand_computed_min_max(self):
        """Each column is scaled min-max (cost columns reversed) and weighted."""
        # column 1 (cost): 200..300; column 2 (benefit): 1..3
        scores = weighted_sum([[200, 1], [300, 3], [250, 2]], [3, 1], [-1, 1])
        assert scores == pytest.approx((0.75, 0.25, 0.5))

    def test_on_scales(self):
        """With bounds each value is placed on its own scale, independent of the others."""
        assert weighted_sum([[4, 2]], [0.5, 0.5], [1, -1], bounds=[(0, 5), (0, 5)]) == (
            pytest.approx(0.7),
        )

    def test_equal_column_gives_everyone_one(self):
        """A column where every candidate is equal contributes its full weight to each."""
        assert weighted_sum([[1, 5], [2, 5]], [1, 1], [1, 1]) == (0.5, 1.0)

    @pytest.mark.parametrize(
        ("matrix", "weights", "directions", "message"),
        [
            ([], [1], [1], "no rows"),
            ([[]], [], [], "no columns"),
            ([[1, 2], [3]], [1, 1], [1, 1], "ragged: row 1 has 1 values"),
            ([[1, math.nan]], [1, 1], [1, 1], r"matrix\[0\]\[1\] must be finite"),
            ([[1, True]], [1, 1], [1, 1], r"matrix\[0\]\[1\] must be a number"),
            ([[1, 2]], [1], [1, 1], "expected 2 weights"),
            ([[1, 2]], [1, -1], [1, 1], "must not be negative"),
            ([[1, 2]], [0, 0], [1, 1], "greater than zero"),
            ([[1, 2]], [1, 1], [1, 0], r"directions\[1\] must be \+1"),
            ([[1, 2]], [1, 1], [1], "expected 2 directions"),
        ],
    )
    def test_bad_input(self, matrix, weights, directions, message):
        """Input that cannot be computed with raises MetricsError saying what is wrong."""
        with pytest.raises(MetricsError, match=message):
            weighted_sum(matrix, weights, directions)

    @pytest.mark.parametrize(
        ("bounds", "message"),
        [
            ([(5, 0), (0, 5)], "reversed"),
            ([(0, 5)], "expected 2 bounds"),
            ([(0, 5), (0, 1)], "outside its scale"),
        ],
    )
    def test_bad_bounds(self, bounds, message):
        """Reversed scales, missing bounds and values off the scale are refused."""
        with pytest.raises(MetricsError, match=message):
            weighted_sum([[1, 2]], [1, 1], [1, 1], bounds=bounds)


class TestTopsis:
    def test_hand_computed(self):
        """Two candidates, one benefit criterion: the best is ideal (1), the worst 0."""
        assert topsis([[1], [3]], [1], [1]) == (0.0, 1.0)
        assert topsis([[1], [3]], [1], [-1]) == (1.0, 0.0)

    def test_vector_normalisation_example(self):
        """A 3 x 2 case worked by hand: norms 5.477 and 6538, distances from both ideals."""
        scores = topsis([[1, 3000], [2, 3750], [5, 4500]], [0.5, 0.5], [-1, 1])
        v = [[0.5 * x / math.sqrt(30) for x in (1, 2, 5)]]
        norm = math.sqrt(3000**2 + 3750**2 + 4500**2)
        v.append([0.5 * x / norm for x in (3000, 3750, 4500)])
        best, worst = (min(v[0]), max(v[1])), (max(v[0]), min(v[1]))
        expected = []
        for i in range(3):
            d_best = math.dist((v[0][i], v[1][i]), best)
            d_worst = math.dist((v[0][i], v[1][i]), worst)
            expected.append(d_worst / (d_best + d_worst))
        assert scores == pytest.approx(expected)

    def test_all_alike_scores_one(self):
        """Candidates that are all alike are each at the ideal."""
        assert topsis([[2, 2], [2, 2]], [1, 1], [1, -1]) == (1.0, 1.0)

    def test_zero_column_contributes_nothing(self):
        """A column of zeros neither divides by zero nor changes the scores."""
        assert topsis([[1, 0], [3, 0]], [1, 1], [1, 1]) == (0.0, 1.0)

    def test_ragged_matrix(self):
        """A ragged matrix is refused."""
        with pytest.raises(MetricsError, match="ragged"):
            topsis([[1, 2], [3, 4, 5]], [1, 1], [1, 1])


class TestAhpWeights:
    def test_saaty_drinks_example(self):
        """Saaty's published drink-consumption example gives his priorities and CR 0.022."""
        result = ahp_weights(DRINKS)
        assert [round(w, 3) for w in result.weights] == DRINKS_PRIORITIES
        assert result.random_index == 1.32
        assert result.consistency_ratio == pytest.approx(0.022, abs=5e-4)
        assert result.lambda_max == pytest.approx(7 + 6 * result.consistency_index)

    def test_consistent_matrix(self):
        """A perfectly consistent matrix gives its ratios as weights and a ratio of 0."""
        result = ahp_weights([[1, 2, 4], [1 / 2, 1, 2], [1 / 4, 1 / 2, 1]])
        assert result.weights == pytest.approx((4 / 7, 2 / 7, 1 / 7))
        assert result.consistency_ratio == pytest.approx(0, abs=1e-12)

    def test_matches_numpy_eigenvector(self):
        """The weights are numpy's principal eigenvector, scaled to sum to 1."""
        np = pytest.importorskip("numpy")
        values, vectors = np.linalg.eig(np.array(DRINKS))
        k = int(np.argmax(values.real))
        expected = np.abs(vectors[:, k].real)
        expected = expected / expected.sum()
        result = ahp_weights(DRINKS)
        assert result.weights == pytest.approx(list(expected), abs=1e-12)
        assert result.lambda_max == pytest.approx(float(values.real[k]))

    def test_small_matrices(self):
        """One or two items are always consistent."""
        assert ahp_weights([[1]]).weights == (1.0,)
        result = ahp_weights([[1, 3], [1 / 3, 1]])
        assert result.weights == pytest.approx((0.75, 0.25))
        assert result.consistency_ratio == 0

    def test_inconsistent_matrix_is_refused(self):
        """A matrix whose judgements contradict each other is refused, showing its ratio."""
        cyclic = [[1, 9, 1 / 9], [1 / 9, 1, 9], [9, 1 / 9, 1]]
        with pytest.raises(MetricsError, match=r"consistency ratio \d+\.\d{3} exceeds 0.1"):
            ahp_weights(cyclic)
        assert ahp_weights(cyclic, max_consistency_ratio=None).consistency_ratio > 1

    def test_rounded_reciprocals_are_accepted(self):
        """0.33 stands for 1/3 within the default tolerance."""
        assert ahp_weights([[1, 3], [0.33, 1]]).weights[0] == pytest.approx(0.75, abs=1e-2)

    @pytest.mark.parametrize(
        ("matrix", "message"),
        [
            ([[1, 2]], "square"),
            ([[1, 2], [0.5, 2]], r"pairwise\[1\]\[1\] must be 1"),
            ([[1, 2], [2, 1]], "not reciprocal"),
            ([[1, -2], [-0.5, 1]], "greater than zero"),
            ([[1.0] * 16 for _ in range(16)], "at most 15"),
        ],
    )
    def test_bad_matrices(self, matrix, message):
        """Non-square, non-reciprocal, non-positive and oversized matrices are refused."""
        with pytest.raises(MetricsError, match=message):
            ahp_weights(matrix)

    def test_random_index_is_saatys(self):
        """The random index table has Saaty's values."""
        assert [RANDOM_INDEX[n] for n in range(3, 11)] == [
            0.58,
            0.90,
            1.12,
            1.24,
            1.32,
            1.41,
            1.45,
            1.49,
        ]

    def test_result_as_data(self):
        """The result converts to plain data and a table of weights."""
        result = ahp_weights([[1, 3], [1 / 3, 1]])
        assert to_data(result)["weights"] == pytest.approx([0.75, 0.25])
        assert [r["item"] for r in result.to_records()] == [0, 1]
        assert "<table>" in result._repr_html_()
