"""Multi-criteria decision methods on plain numbers: weighted sum, TOPSIS and AHP weights.

Rows of a decision matrix are candidates and columns criteria; a direction is `+1` for a
benefit criterion (more is better) and `-1` for a cost criterion (less is better). Every
function checks its input and raises `MetricsError` for anything it cannot compute with.
Sums use `math.fsum`, so reordering candidates or criteria reorders the scores and changes
nothing else, not even the last bit.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import ClassVar, Final

from attrs import field, frozen

from collabrel._rows import records
from collabrel.errors import MetricsError
from collabrel.metrics._checks import check_items, check_number, with_headroom
from collabrel.metrics._output import Output

__all__ = [
    "RANDOM_INDEX",
    "AHPResult",
    "ahp_weights",
    "topsis",
    "weighted_sum",
]

RANDOM_INDEX: Final[Mapping[int, float]] = MappingProxyType(
    {
        1: 0.0,
        2: 0.0,
        3: 0.58,
        4: 0.90,
        5: 1.12,
        6: 1.24,
        7: 1.32,
        8: 1.41,
        9: 1.45,
        10: 1.49,
        11: 1.51,
        12: 1.48,
        13: 1.56,
        14: 1.57,
        15: 1.59,
    }
)
"""Saaty's random consistency index by matrix size (T. L. Saaty, *The Analytic Hierarchy
Process*, McGraw-Hill, 1980): the mean consistency index of random reciprocal matrices."""

_SQUARE_SAFE: Final = 2.0**500
"""Below it, a column's squares (of up to millions of values) sum without overflow."""
_MAX_ITERATIONS: Final = 10_000
_CONVERGED: Final = 1e-15


def _rows(matrix: Sequence[Sequence[float]]) -> list[list[float]]:
    """The matrix as lists of floats, checked: not empty, not ragged, finite numbers."""
    rows = [
        list(check_items(f"matrix[{i}]", row, object))
        for i, row in enumerate(check_items("matrix", matrix, object))
    ]
    if not rows:
        raise MetricsError("the decision matrix has no rows (no candidates)")
    width = len(rows[0])
    if width == 0:
        raise MetricsError("the decision matrix has no columns (no criteria)")
    checked: list[list[float]] = []
    for i, row in enumerate(rows):
        if len(row) != width:
            raise MetricsError(
                f"the decision matrix is ragged: row {i} has {len(row)} values, row 0 has {width}"
            )
        values = row
        if all(type(x) is float or type(x) is int for x in values):  # the fast, common path
            try:
                converted = [float(x) for x in values]  # type: ignore[arg-type]
            except OverflowError:  # an int beyond the float range: the slow path says which
                converted = [math.inf]
            if all(map(math.isfinite, converted)):
                checked.append(converted)
                continue
        checked.append([check_number(f"matrix[{i}][{j}]", x) for j, x in enumerate(values)])
    return checked


def _weights(weights: Sequence[float], width: int) -> list[float]:
    """The weights, checked and scaled to sum to 1."""
    given = check_items("weights", weights, object)
    if len(given) != width:
        raise MetricsError(f"expected {width} weights, one per criterion (got {len(given)})")
    values = [check_number(f"weights[{j}]", w) for j, w in enumerate(given)]
    for j, w in enumerate(values):
        if w < 0:
            raise MetricsError(f"weights[{j}] must not be negative (got {w!r})")
    values = with_headroom(values)
    total = math.fsum(values)
    if total <= 0:
        raise MetricsError("at least one weight must be greater than zero")
    return [w / total for w in values]


def _directions(given: Sequence[int], width: int) -> list[int]:
    directions = check_items("directions", given, object)
    if len(directions) != width:
        raise MetricsError(
            f"expected {width} directions, one per criterion (got {len(directions)})"
        )
    for j, d in enumerate(directions):
        if isinstance(d, bool) or d not in (1, -1):
            raise MetricsError(f"directions[{j}] must be +1 (benefit) or -1 (cost) (got {d!r})")
    return [int(d) for d in directions]  # type: ignore[call-overload]


def _columns(rows: list[list[float]]) -> list[list[float]]:
    return [list(column) for column in zip(*rows, strict=True)]


def weighted_sum(
    matrix: Sequence[Sequence[float]],
    weights: Sequence[float],
    directions: Sequence[int],
    *,
    bounds: Sequence[tuple[float, float]] | None = None,
) -> tuple[float, ...]:
    """Score each candidate by the weighted sum of its normalised values (0 to 1).

    Each column is normalised to 0-1, the best value giving 1: on its scale when `bounds`
    gives each criterion's `(low, high)` (absolute: a candidate's score does not depend on
    the others), otherwise min-max over the candidates (relative: the best candidate on a
    criterion gets 1, the worst 0, and a column where all are equal gives everyone 1, as in
    pymcdm). Weights are scaled to sum to 1, so scaling them all together changes nothing.

    Args:
        matrix: One row per candidate, one column per criterion.
        weights: One non-negative weight per criterion, not all zero.
        directions: `+1` where more is better, `-1` where less is better.
        bounds: Optional `(low, high)` scale of each criterion.

    Returns:
        One score per candidate, in row order, from 0 to 1; higher is better.

    Raises:
        MetricsError: If an argument is not a sequence, the matrix is empty or ragged, a
            value is not a finite number, the weights or directions do not fit, a scale is
            reversed or a value lies outside it (the message names the item, e.g.
            `matrix[0][1]`). Huge finite values are fine.

    Examples:
        >>> weighted_sum([[3, 200], [5, 400]], [0.5, 0.5], [1, -1])
        (0.5, 0.5)
        >>> weighted_sum([[3, 200]], [1, 1], [1, -1], bounds=[(0, 5), (0, 400)])
        (0.55,)
    """
    rows = _rows(matrix)
    width = len(rows[0])
    w = _weights(weights, width)
    d = _directions(directions, width)
    columns = _columns(rows)
    if bounds is not None:
        given = check_items("bounds", bounds, object)
        if len(given) != width:
            raise MetricsError(f"expected {width} bounds, one per criterion (got {len(given)})")
        scales = []
        for j, pair in enumerate(given):
            scale = check_items(f"bounds[{j}]", pair, object)
            if len(scale) != 2:  # noqa: PLR2004
                raise MetricsError(
                    f"bounds[{j}] must be a (low, high) pair (got {len(scale)} values)"
                )
            lo, hi = (
                check_number(f"bounds[{j}][0]", scale[0]),
                check_number(f"bounds[{j}][1]", scale[1]),
            )
            if hi <= lo:
                raise MetricsError(f"bounds[{j}] is reversed or empty: ({lo:g}, {hi:g})")
            for i, x in enumerate(columns[j]):
                if not lo <= x <= hi:
                    raise MetricsError(
                        f"matrix[{i}][{j}] = {x:g} lies outside its scale ({lo:g}, {hi:g})"
                    )
            scales.append((lo, hi))
    else:
        scales = [(min(c), max(c)) for c in columns]
    return weighted_sum_unchecked(columns, w, d, scales)


def weighted_sum_unchecked(
    columns: Sequence[Sequence[float]],
    weights: Sequence[float],
    directions: Sequence[int],
    scales: Sequence[tuple[float, float]],
) -> tuple[float, ...]:
    """`weighted_sum` on checked input: columns of values, weights summing to 1, scales."""
    normalised: list[list[float]] = []
    for values, (low, high), direction in zip(columns, scales, directions, strict=True):
        column, lo, hi = values, low, high
        span = hi - lo
        if math.isinf(span):  # a scale wider than the float range: halve it, and the values
            column, lo, hi = [x / 2 for x in values], low / 2, high / 2
            span = hi - lo
        if span == 0:
            normalised.append([1.0] * len(column))
        elif direction == 1:
            normalised.append([(x - lo) / span for x in column])
        else:
            normalised.append([(hi - x) / span for x in column])
    width = len(normalised)
    return tuple(
        math.fsum(weights[j] * normalised[j][i] for j in range(width))
        for i in range(len(normalised[0]))
    )


def topsis(
    matrix: Sequence[Sequence[float]],
    weights: Sequence[float],
    directions: Sequence[int],
) -> tuple[float, ...]:
    """Score each candidate by TOPSIS: relative closeness to the ideal, from 0 to 1.

    The classic method (Hwang and Yoon, 1981): each column is divided by its Euclidean norm
    (vector normalisation), multiplied by its weight; the ideal takes each column's best
    value (the largest for a benefit, the smallest for a cost) and the anti-ideal the worst;
    a candidate's score is `D- / (D+ + D-)`, its distance from the anti-ideal over the sum of
    its distances from both. A column of zeros contributes nothing; when every candidate is
    at once ideal and anti-ideal (all alike) each scores 1.

    Args:
        matrix: One row per candidate, one column per criterion.
        weights: One non-negative weight per criterion, not all zero (scaled to sum to 1).
        directions: `+1` where more is better, `-1` where less is better.

    Returns:
        One score per candidate, in row order, from 0 to 1; higher is better.

    Raises:
        MetricsError: If an argument is not a sequence, the matrix is empty or ragged, a
            value is not a finite number, or the weights or directions do not fit (the message
            names the item, e.g. `weights[1]`). Huge finite values are fine.

    Examples:
        >>> [round(s, 3) for s in topsis([[1, 3000], [2, 3750], [5, 4500]], [0.5, 0.5], [-1, 1])]
        [0.762, 0.722, 0.238]
    """
    rows = _rows(matrix)
    width = len(rows[0])
    w = _weights(weights, width)
    d = _directions(directions, width)
    return topsis_unchecked(_columns(rows), w, d)


def topsis_unchecked(
    columns: Sequence[Sequence[float]], weights: Sequence[float], directions: Sequence[int]
) -> tuple[float, ...]:
    """`topsis` on checked input: columns of values and weights summing to 1."""
    weighted: list[list[float]] = []
    for values, weight in zip(columns, weights, strict=True):
        column = values
        top = max(map(abs, values), default=0.0)
        if top > _SQUARE_SAFE:  # the squares could overflow: scaling a column changes nothing
            column = [x / top for x in values]
        norm = math.sqrt(math.fsum(x * x for x in column))
        factor = weight / norm if norm > 0 else 0.0
        weighted.append([x * factor for x in column])
    d = directions
    best = [max(c) if dj == 1 else min(c) for c, dj in zip(weighted, d, strict=True)]
    worst = [min(c) if dj == 1 else max(c) for c, dj in zip(weighted, d, strict=True)]
    scores = []
    fsum, sqrt = math.fsum, math.sqrt
    for row in zip(*weighted, strict=True):
        to_best = sqrt(fsum([(v - b) * (v - b) for v, b in zip(row, best, strict=True)]))
        to_worst = sqrt(fsum([(v - w) * (v - w) for v, w in zip(row, worst, strict=True)]))
        total = to_best + to_worst
        scores.append(to_worst / total if total > 0 else 1.0)
    return tuple(scores)


@frozen(kw_only=True)
class AHPResult(Output):
    """Weights derived from a pairwise comparison matrix, and how consistent it was.

    Attributes:
        weights: The priority vector (the principal eigenvector, summing to 1), in the order
            of the matrix's rows.
        lambda_max: The principal eigenvalue.
        consistency_index: `(lambda_max - n) / (n - 1)`; 0 for a perfectly consistent matrix.
        random_index: Saaty's random index for `n` (`RANDOM_INDEX`).
        consistency_ratio: `consistency_index / random_index` (0 for `n` of 1 or 2).
    """

    _title: ClassVar[str] = "AHP weights"

    weights: tuple[float, ...] = field()
    lambda_max: float = field()
    consistency_index: float = field()
    random_index: float = field()
    consistency_ratio: float = field()

    def to_records(self, *, typed: bool = False) -> list[dict[str, object]]:
        """One row per compared item: its index and weight."""
        return records(({"item": i, "weight": w} for i, w in enumerate(self.weights)), typed=typed)


def _pairwise(pairwise: Sequence[Sequence[float]], tolerance: float) -> list[list[float]]:
    rows = _rows(pairwise)
    n = len(rows)
    if len(rows[0]) != n:
        raise MetricsError(f"a pairwise matrix must be square (got {n} x {len(rows[0])})")
    for i in range(n):
        for j in range(n):
            if rows[i][j] <= 0:
                raise MetricsError(
                    f"pairwise[{i}][{j}] must be greater than zero (got {rows[i][j]:g})"
                )
        if abs(rows[i][i] - 1) > tolerance:
            raise MetricsError(f"pairwise[{i}][{i}] must be 1 (got {rows[i][i]:g})")
        for j in range(i + 1, n):
            if abs(rows[i][j] * rows[j][i] - 1) > tolerance:
                raise MetricsError(
                    f"the pairwise matrix is not reciprocal: pairwise[{i}][{j}] = "
                    f"{rows[i][j]:g} but pairwise[{j}][{i}] = {rows[j][i]:g}"
                    f" (expected {1 / rows[i][j]:g})"
                )
    return rows


def ahp_weights(
    pairwise: Sequence[Sequence[float]],
    *,
    max_consistency_ratio: float | None = 0.1,
    reciprocal_tolerance: float = 0.05,
) -> AHPResult:
    """Derive weights from pairwise comparisons by the analytic hierarchy process (AHP).

    `pairwise[i][j]` says how much more important item `i` is than item `j` (Saaty's 1-9
    scale; `pairwise[j][i]` is its reciprocal). The weights are the principal eigenvector,
    found by power iteration from the rows' geometric means; the consistency ratio compares
    the matrix's consistency index with Saaty's random index.

    Args:
        pairwise: A square, positive, reciprocal matrix of at most 15 rows.
        max_consistency_ratio: The largest acceptable consistency ratio (Saaty's 0.1 by
            default); `None` accepts any.
        reciprocal_tolerance: How far `pairwise[i][j] * pairwise[j][i]` may be from 1 (so
            reciprocals rounded to two decimals, such as `0.33` or `0.13`, are accepted).

    Returns:
        The weights with the eigenvalue, consistency index, random index and ratio.

    Raises:
        MetricsError: If the matrix is empty, not square, ragged, not positive, not
            reciprocal, larger than 15, or its consistency ratio exceeds the maximum (the
            message shows the ratio); or if `max_consistency_ratio` or
            `reciprocal_tolerance` is not a finite number of at least 0.

    Examples:
        >>> result = ahp_weights([[1, 3, 5], [1/3, 1, 2], [1/5, 1/2, 1]])
        >>> [round(w, 3) for w in result.weights], round(result.consistency_ratio, 3)
        ([0.648, 0.23, 0.122], 0.003)
    """
    if max_consistency_ratio is not None:
        check_number("max_consistency_ratio", max_consistency_ratio, least=0)
    rows = _pairwise(pairwise, check_number("reciprocal_tolerance", reciprocal_tolerance, least=0))
    n = len(rows)
    if n not in RANDOM_INDEX:
        raise MetricsError(f"AHP needs at most {max(RANDOM_INDEX)} items (got {n})")
    means = [math.exp(math.fsum(math.log(x) for x in row) / n) for row in rows]
    total = math.fsum(means)
    w = [m / total for m in means]
    for _ in range(_MAX_ITERATIONS):
        product = [math.fsum(a * b for a, b in zip(row, w, strict=True)) for row in rows]
        total = math.fsum(product)
        new = [p / total for p in product]
        change = max(abs(a - b) for a, b in zip(new, w, strict=True))
        w = new
        if change <= _CONVERGED:
            break
    product = [math.fsum(a * b for a, b in zip(row, w, strict=True)) for row in rows]
    lambda_max = math.fsum(p / x for p, x in zip(product, w, strict=True)) / n
    ci = max(0.0, (lambda_max - n) / (n - 1)) if n > 1 else 0.0
    ri = RANDOM_INDEX[n]
    cr = ci / ri if ri > 0 else 0.0
    if max_consistency_ratio is not None and cr > max_consistency_ratio:
        raise MetricsError(
            f"the pairwise matrix is too inconsistent: consistency ratio {cr:.3f} exceeds "
            f"{max_consistency_ratio:g} (consistency index {ci:.3f}, random index {ri:g}"
            f" for {n} items); revise the judgements that contradict each other"
        )
    return AHPResult(
        weights=tuple(w),
        lambda_max=lambda_max,
        consistency_index=ci,
        random_index=ri,
        consistency_ratio=cr,
    )
