"""Partner selection: a decision matrix with provenance, gates, outcomes and sensitivity."""

from __future__ import annotations

import math
import random
from collections.abc import Mapping, Sequence
from enum import Enum
from itertools import combinations
from operator import attrgetter
from typing import ClassVar, Final, TypeAlias

from attrs import field, frozen

from collabrel._rows import records
from collabrel.errors import MetricsError
from collabrel.metrics._checks import (
    check_count,
    check_instance,
    check_mapping,
    check_number,
    checked_weights,
)
from collabrel.metrics._lookup import one
from collabrel.metrics._mcda import topsis_unchecked, weighted_sum_unchecked
from collabrel.metrics._output import Output
from collabrel.model import _display
from collabrel.model import _validators as v
from collabrel.model._enums import Direction, RecordStatus
from collabrel.model._finding import Check, Finding, Result
from collabrel.model._rmp import RelationshipManagementPlan
from collabrel.model._stages import Candidate, Criterion, Evaluation, Score

__all__ = [
    "DEFAULT_SEED",
    "MAX_DRAWS",
    "CandidateResult",
    "CandidateSensitivity",
    "DecisionCell",
    "DecisionMatrix",
    "Method",
    "Outcome",
    "RankReversal",
    "SelectionResult",
    "Sensitivity",
    "Thresholds",
    "WeightRange",
    "select_partners",
]

DEFAULT_SEED: Final = 44001
"""The Monte Carlo seed used unless another is given, so results repeat exactly."""

MAX_DRAWS: Final = 1_000_000
"""The most random weight sets a sensitivity analysis draws."""

_GRID: Final = 100
_Simulation: TypeAlias = tuple[int, float, int]  # draws, spread, seed
_LOW_PERCENTILE: Final = 0.05
_HIGH_PERCENTILE: Final = 0.95
_STABLE: Final = 0.8


class Method(Enum):
    """How candidates are scored once the gates are applied."""

    WEIGHTED_SUM = "weighted_sum"
    """The weighted mean of scores normalised on each criterion's scale (absolute)."""
    TOPSIS = "topsis"
    """Closeness to the ideal candidate among those scored (relative to the others)."""


class Outcome(Enum):
    """What the selection recommends for a candidate."""

    PROCEED = "proceed"
    CONDITIONAL = "conditional"
    DO_NOT_PROCEED = "do_not_proceed"


@frozen(kw_only=True)
class DecisionCell:
    """One cell of the decision matrix: a candidate's score on a criterion, with provenance."""

    candidate_id: str = field(validator=v.identifier())
    score: Score = field(validator=v.instance(Score))


@frozen(kw_only=True, repr=False)
class DecisionMatrix(Output):
    """Candidates x criteria, each cell a `Score` that says who scored it, when and on what.

    Building one checks that ids are unique, that each cell names a known candidate and
    criterion, that no cell is given twice and that every value lies on its criterion's scale.

    Raises:
        MetricsError: If any of those checks fails (the message names the cell).

    Examples:
        >>> from collabrel import examples
        >>> matrix = DecisionMatrix.from_plan(examples.load("alliance"))
        >>> len(matrix.candidates), len(matrix.criteria)
        (5, 10)
        >>> matrix.value("cand-fairhaven", "crit-price")
        5.0
    """

    _title: ClassVar[str] = "Decision matrix"

    criteria: tuple[Criterion, ...] = field(
        converter=v.to_tuple, validator=v.items(Criterion, min_len=1)
    )
    candidates: tuple[Candidate, ...] = field(converter=v.to_tuple, validator=v.items(Candidate))
    cells: tuple[DecisionCell, ...] = field(
        default=(), converter=v.to_tuple, validator=v.items(DecisionCell)
    )

    def __attrs_post_init__(self) -> None:
        for kind, ids in (
            ("criterion", [c.id for c in self.criteria]),
            ("candidate", [c.id for c in self.candidates]),
        ):
            repeated = sorted({i for i in ids if ids.count(i) > 1})
            if repeated:
                raise MetricsError(f"{kind} ids repeat in the decision matrix: {repeated}")
        criteria = {c.id: c for c in self.criteria}
        candidates = {c.id for c in self.candidates}
        seen: set[tuple[str, str]] = set()
        for i, cell in enumerate(self.cells):
            key = (cell.candidate_id, cell.score.criterion_id)
            if cell.candidate_id not in candidates:
                raise MetricsError(f"cells[{i}] names an unknown candidate {cell.candidate_id!r}")
            criterion = criteria.get(cell.score.criterion_id)
            if criterion is None:
                raise MetricsError(
                    f"cells[{i}] names an unknown criterion {cell.score.criterion_id!r}"
                )
            if key in seen:
                raise MetricsError(f"cells[{i}] scores {key[0]!r} on {key[1]!r} a second time")
            seen.add(key)
            if not criterion.scale_min <= cell.score.value <= criterion.scale_max:
                raise MetricsError(
                    f"cells[{i}]: {key[0]!r} scores {cell.score.value:g} on {key[1]!r}, outside"
                    f" its scale {criterion.scale_min:g}-{criterion.scale_max:g}"
                )

    @classmethod
    def from_plan(
        cls, rmp: RelationshipManagementPlan, *, include_superseded: bool = False
    ) -> DecisionMatrix:
        """The decision matrix of a plan: stage 3's criteria, stage 4's evaluated candidates.

        Candidates without an evaluation are left out, and so are superseded evaluations
        (a candidate that withdrew, say) unless `include_superseded`.

        Args:
            rmp: The plan.
            include_superseded: Whether superseded evaluations count.

        Returns:
            The matrix, candidates in the plan's order.

        Raises:
            MetricsError: If the plan has no selection criteria, a candidate has two
                evaluations that count, or a score lies outside its criterion's scale.
        """
        chosen = rmp.stages.internal_assessment.selection_criteria
        if chosen is None or not chosen.criteria:
            raise MetricsError(
                "the plan has no partner-selection criteria"
                " (stages.internal_assessment.selection_criteria)"
            )
        section = rmp.stages.partner_selection
        evaluations: dict[str, Evaluation] = {}
        for e in section.evaluations:
            if e.status is RecordStatus.SUPERSEDED and not include_superseded:
                continue
            if e.candidate_id in evaluations:
                raise MetricsError(
                    f"candidate {e.candidate_id!r} has more than one evaluation that counts"
                    f" ({evaluations[e.candidate_id].id!r} and {e.id!r})"
                )
            evaluations[e.candidate_id] = e
        candidates = [c for c in section.candidates if c.id in evaluations]
        cells = [
            DecisionCell(candidate_id=c.id, score=s)
            for c in candidates
            for s in evaluations[c.id].scores
        ]
        return cls(criteria=chosen.criteria, candidates=candidates, cells=cells)

    def cell(self, candidate_id: str, criterion_id: str) -> Score | None:
        """The score (with its provenance) of a candidate on a criterion, if given."""
        for c in self.cells:
            if c.candidate_id == candidate_id and c.score.criterion_id == criterion_id:
                return c.score
        return None

    def value(self, candidate_id: str, criterion_id: str) -> float | None:
        """The value a candidate scored on a criterion, if scored."""
        score = self.cell(candidate_id, criterion_id)
        return score.value if score is not None else None

    def to_records(self, *, typed: bool = False) -> list[dict[str, object]]:
        """One row per cell: candidate, criterion, value and provenance."""
        rows = [
            {
                "candidate": c.candidate_id,
                "criterion": c.score.criterion_id,
                "value": c.score.value,
                "scored_by": c.score.scored_by,
                "scored_on": c.score.scored_on,
                "evidence": c.score.evidence,
                "rationale": c.score.rationale,
            }
            for c in self.cells
        ]
        return records(rows, typed=typed)

    __repr__ = _display.summary_repr
    _repr_pretty_ = _display.pretty


def _check_conditional(inst: Thresholds, _attribute: object, value: float) -> None:
    if value > inst.proceed:
        raise MetricsError(
            f"the conditional threshold ({value:g}) must not exceed the proceed threshold"
            f" ({inst.proceed:g})"
        )


@frozen(kw_only=True)
class Thresholds:
    """Score thresholds (0-100) for the outcomes: at least `proceed`, at least `conditional`.

    Raises:
        MetricsError: If `conditional` is above `proceed`.
    """

    proceed: float = field(default=70.0, converter=v.to_float, validator=v.number(low=0, high=100))
    conditional: float = field(
        default=60.0,
        converter=v.to_float,
        validator=[v.number(low=0, high=100), _check_conditional],
    )


@frozen(kw_only=True)
class CandidateResult:
    """One candidate's result.

    Attributes:
        candidate_id: The candidate.
        name: Its name.
        failed_gates: The gate criteria it failed (or was not scored on).
        score: Its score, 0-100 (`None` when a gate failed: gates come first).
        rank: 1 for the best score among those past the gates (equal scores share a rank).
        outcome: Proceed, conditional or do not proceed.
        reasons: Why, in a few words each.
        missing_scores: Weighted criteria it was not scored on (counted at the scale's worst).
        missing_evidence: Criteria needing evidence whose score records none.
    """

    candidate_id: str
    name: str
    failed_gates: tuple[str, ...]
    score: float | None
    rank: int | None
    outcome: Outcome
    reasons: tuple[str, ...]
    missing_scores: tuple[str, ...]
    missing_evidence: tuple[str, ...]

    @property
    def passed_gates(self) -> bool:
        """Whether the candidate passed every gate."""
        return not self.failed_gates


@frozen(kw_only=True)
class WeightRange:
    """How far one criterion's weight can move before the winner changes.

    The other weights keep their proportions; `low` and `high` are found to the nearest 0.01.
    """

    criterion_id: str
    weight: float
    low: float
    high: float


@frozen(kw_only=True)
class CandidateSensitivity:
    """One candidate under random weights: how often it wins, keeps its outcome, its band."""

    candidate_id: str
    win_share: float
    outcome_stability: float
    low: float
    median: float
    high: float


@frozen(kw_only=True)
class Sensitivity:
    """How robust the selection is to the weights.

    Attributes:
        winner: The best candidate with the given weights (ties broken by id).
        one_at_a_time: For each weighted criterion, the range of its weight that keeps the
            winner.
        draws: How many random weight sets were drawn.
        spread: Each weight was multiplied by a uniform factor in `1 +- spread`.
        seed: The random seed.
        winner_stability: The share of draws in which the winner stayed the winner.
        candidates: Per candidate: win share, outcome stability and score band (5th, 50th,
            95th percentile).
    """

    winner: str | None
    one_at_a_time: tuple[WeightRange, ...]
    draws: int
    spread: float
    seed: int
    winner_stability: float
    candidates: tuple[CandidateSensitivity, ...]

    def candidate(self, candidate_id: str) -> CandidateSensitivity:
        """The sensitivity of one candidate.

        Raises:
            KeyError: If the candidate was not scored.
        """
        return one(self.candidates, attrgetter("candidate_id"), candidate_id)

    def _repr_html_(self) -> str:
        pct = _display.format_percent
        num = _display.format_number
        stays = (
            f"winner {self.winner} stays the winner in {pct(self.winner_stability)} of "
            f"{num(self.draws)} draws"
            if self.winner is not None
            else "no winner"
        )
        candidates = _display.table(
            ["candidate", "wins", "keeps its outcome", "score 5th pct", "median", "95th pct"],
            [
                [c.candidate_id, pct(c.win_share), pct(c.outcome_stability)]
                + [num(x, places=1) for x in (c.low, c.median, c.high)]
                for c in self.candidates
            ],
            caption=(
                f"Under random weights (each times 1 \u00b1 {num(self.spread)}, seed {self.seed})"
            ),
            right=range(1, 6),
        )
        ranges = _display.table(
            ["criterion", "weight", "winner kept from", "to"],
            [[r.criterion_id, num(r.weight), num(r.low), num(r.high)] for r in self.one_at_a_time],
            caption="One weight at a time",
            right=range(1, 4),
        )
        return _display.block(
            _display.heading("Weight sensitivity", stays),
            candidates,
            ranges if self.one_at_a_time else "",
        )


@frozen(kw_only=True)
class RankReversal:
    """What removing one candidate did to the order of the others.

    `reversed_pairs` lists each `(a, b)` where `a` ranked above `b` before the removal and
    below it after.
    """

    removed: str
    reversed_pairs: tuple[tuple[str, str], ...]


@frozen(kw_only=True, repr=False)
class SelectionResult(Output):
    """The outcome of a partner selection: each candidate's result, sensitivity, reversals.

    Attributes:
        method: The scoring method.
        weights: Each scored criterion's weight (summing to 1), in criteria order.
        thresholds: The outcome thresholds.
        candidates: Each candidate's result: those past the gates by rank, then the others.
        sensitivity: The weight sensitivity, unless it was not asked for.
        rank_reversals: For each candidate past the gates, what removing it did to the
            order of the rest.
    """

    _title: ClassVar[str] = "Partner selection"

    method: Method
    weights: tuple[tuple[str, float], ...]
    thresholds: Thresholds
    candidates: tuple[CandidateResult, ...]
    sensitivity: Sensitivity | None
    rank_reversals: tuple[RankReversal, ...]

    @property
    def winner(self) -> str | None:
        """The best candidate past the gates, if any (ties broken by id)."""
        ranked = [c for c in self.candidates if c.rank is not None]
        return ranked[0].candidate_id if ranked else None

    @property
    def has_rank_reversal(self) -> bool:
        """Whether removing some candidate reversed the order of two others."""
        return any(r.reversed_pairs for r in self.rank_reversals)

    def candidate(self, candidate_id: str) -> CandidateResult:
        """The result of one candidate.

        Raises:
            KeyError: If the candidate was not in the matrix.
        """
        return one(self.candidates, attrgetter("candidate_id"), candidate_id)

    def with_outcome(self, outcome: Outcome) -> tuple[str, ...]:
        """The ids of the candidates with `outcome`, best first."""
        return tuple(c.candidate_id for c in self.candidates if c.outcome is outcome)

    def to_records(self, *, typed: bool = False) -> list[dict[str, object]]:
        """One row per candidate, with its sensitivity figures when there are any."""
        rows: list[dict[str, object]] = []
        for c in self.candidates:
            row: dict[str, object] = {
                "candidate": c.candidate_id,
                "name": c.name,
                "score": c.score,
                "rank": c.rank,
                "outcome": c.outcome,
                "failed_gates": ", ".join(c.failed_gates),
                "missing_evidence": ", ".join(c.missing_evidence),
            }
            if self.sensitivity is not None and c.score is not None:
                s = self.sensitivity.candidate(c.candidate_id)
                row |= {
                    "win_share": s.win_share,
                    "outcome_stability": s.outcome_stability,
                    "low": s.low,
                    "high": s.high,
                }
            rows.append(row)
        return records(rows, typed=typed)

    def findings(self) -> tuple[Finding, ...]:
        """Observations a reviewer of the decision should see.

        `MET.SELECTION_GATE` for each gate failure, `MET.SELECTION_EVIDENCE` for scores
        recorded without the evidence their criterion requires, `MET.SELECTION_SENSITIVITY`
        when the winner keeps winning in fewer than 80 % of the random weight sets, and
        `MET.SELECTION_RANK_REVERSAL` when removing a candidate reorders others.
        """
        found: list[Finding] = []
        for c in self.candidates:
            found.extend(
                Finding(
                    requirement="MET.SELECTION_GATE",
                    result=Result.OBSERVATION,
                    message=f"Candidate {c.candidate_id!r} fails the gate {gate!r}.",
                    subjects=[c.candidate_id, gate],
                    paths=["stages.partner_selection.evaluations"],
                )
                for gate in c.failed_gates
            )
            if c.missing_evidence:
                found.append(
                    Finding(
                        requirement="MET.SELECTION_EVIDENCE",
                        result=Result.OBSERVATION,
                        message=(
                            f"Candidate {c.candidate_id!r} was scored without the required"
                            f" evidence on {', '.join(c.missing_evidence)}."
                        ),
                        subjects=[c.candidate_id, *c.missing_evidence],
                        paths=["stages.partner_selection.evaluations"],
                        remediation="Record the evidence each score rests on.",
                    )
                )
        s = self.sensitivity
        if s is not None and s.winner is not None and s.winner_stability < _STABLE:
            found.append(
                Finding(
                    requirement="MET.SELECTION_SENSITIVITY",
                    result=Result.OBSERVATION,
                    message=(
                        f"The winner {s.winner!r} stays the winner in only"
                        f" {s.winner_stability:.0%} of {s.draws} random weight sets."
                    ),
                    explanation=[
                        Check(
                            description="winner stable in at least 80 % of draws",
                            passed=False,
                            observed=f"{s.winner_stability:.3f}",
                        )
                    ],
                    subjects=[s.winner],
                )
            )
        found.extend(
            Finding(
                requirement="MET.SELECTION_RANK_REVERSAL",
                result=Result.OBSERVATION,
                message=(
                    f"Removing {r.removed!r} reverses the order of "
                    + "; ".join(f"{a} and {b}" for a, b in r.reversed_pairs)
                    + "."
                ),
                subjects=[r.removed, *(x for pair in r.reversed_pairs for x in pair)],
            )
            for r in self.rank_reversals
            if r.reversed_pairs
        )
        return tuple(found)

    __repr__ = _display.summary_repr
    _repr_pretty_ = _display.pretty


# ----------------------------------------------------------------------------- the method


@frozen(kw_only=True)
class _Problem:
    """The checked numbers of one selection: what scoring needs and nothing more."""

    ids: tuple[str, ...]  # candidates past the gates
    columns: tuple[tuple[float, ...], ...]  # one per scored criterion
    weights: tuple[float, ...]
    directions: tuple[int, ...]
    scales: tuple[tuple[float, float], ...]
    method: Method

    def scores(self, weights: Sequence[float], keep: Sequence[int] | None = None) -> list[float]:
        """Scores (0-100) of the candidates (`keep`: only those positions) under `weights`."""
        columns = self.columns
        if keep is not None:
            columns = tuple(tuple(col[i] for i in keep) for col in columns)
        if self.method is Method.TOPSIS:
            raw = topsis_unchecked(columns, weights, self.directions)
        else:
            raw = weighted_sum_unchecked(columns, weights, self.directions, self.scales)
        return [100.0 * x for x in raw]


def _order(ids: Sequence[str], scores: Sequence[float]) -> list[int]:
    """Positions from best to worst: by score, ties by id (so permutations agree)."""
    return sorted(range(len(ids)), key=lambda i: (-scores[i], ids[i]))


def _outcome(score: float, thresholds: Thresholds) -> Outcome:
    if score >= thresholds.proceed:
        return Outcome.PROCEED
    if score >= thresholds.conditional:
        return Outcome.CONDITIONAL
    return Outcome.DO_NOT_PROCEED


def _threshold_reason(score: float, outcome: Outcome, thresholds: Thresholds) -> str:
    if outcome is Outcome.PROCEED:
        return f"score {score:.1f} reaches the proceed threshold ({thresholds.proceed:g})"
    if outcome is Outcome.CONDITIONAL:
        return (
            f"score {score:.1f} reaches the conditional threshold ({thresholds.conditional:g})"
            f" but not the proceed threshold ({thresholds.proceed:g})"
        )
    return f"score {score:.1f} is below the conditional threshold ({thresholds.conditional:g})"


def _gate_passes(criterion: Criterion, value: float) -> bool:
    increase = criterion.direction is Direction.INCREASE
    threshold = criterion.gate_threshold
    if threshold is None:
        threshold = criterion.scale_max if increase else criterion.scale_min
    return value >= threshold if increase else value <= threshold


def _weights(matrix: DecisionMatrix, weights: Mapping[str, float] | None) -> dict[str, float]:
    given: Mapping[object, object] = (
        {c.id: c.weight for c in matrix.criteria}
        if weights is None
        else check_mapping("weights", weights)
    )
    known = {c.id for c in matrix.criteria}
    unknown = sorted((key for key in given if key not in known), key=str)
    if unknown:
        raise MetricsError(f"weights name unknown criteria: {unknown}")
    checked = checked_weights({str(key): w for key, w in given.items()})
    chosen = {c.id: checked[c.id] for c in matrix.criteria if checked.get(c.id, 0.0) > 0}
    total = math.fsum(chosen.values())
    if total <= 0:
        raise MetricsError("at least one criterion needs a weight above zero")
    return {k: w / total for k, w in chosen.items()}


def _percentile(values: Sequence[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, math.ceil(share * len(ordered)) - 1))
    return ordered[index]


def _one_at_a_time(problem: _Problem, ids: Sequence[str], winner: str) -> tuple[WeightRange, ...]:
    ranges = []
    base = problem.weights
    for j, wj in enumerate(base):
        rest = 1.0 - wj
        if rest <= 0:  # the only weighted criterion: its weight cannot move
            ranges.append(WeightRange(criterion_id=ids[j], weight=wj, low=wj, high=wj))
            continue

        def winner_at(t: float, j: int = j, rest: float = rest) -> str:
            w = [t if k == j else x * (1.0 - t) / rest for k, x in enumerate(base)]
            scores = problem.scores(w)
            return problem.ids[_order(problem.ids, scores)[0]]

        grid = [k / _GRID for k in range(_GRID + 1)]
        low = high = wj
        for t in reversed([t for t in grid if t < wj]):
            if winner_at(t) != winner:
                break
            low = t
        for t in (t for t in grid if t > wj):
            if winner_at(t) != winner:
                break
            high = t
        ranges.append(WeightRange(criterion_id=ids[j], weight=wj, low=low, high=high))
    return tuple(ranges)


def _monte_carlo(
    problem: _Problem,
    thresholds: Thresholds,
    base_outcomes: Sequence[Outcome],
    winner: str,
    *,
    draws: int,
    spread: float,
    seed: int,
) -> tuple[float, tuple[CandidateSensitivity, ...]]:
    rng = random.Random(seed)  # noqa: S311 - a reproducible simulation, not cryptography
    n = len(problem.ids)
    wins = [0] * n
    kept = [0] * n
    samples: list[list[float]] = [[] for _ in range(n)]
    for _ in range(draws):
        raw = [w * rng.uniform(1.0 - spread, 1.0 + spread) for w in problem.weights]
        total = math.fsum(raw)
        scores = problem.scores([w / total for w in raw])
        wins[_order(problem.ids, scores)[0]] += 1
        for i, score in enumerate(scores):
            samples[i].append(score)
            if _outcome(score, thresholds) is base_outcomes[i]:
                kept[i] += 1
    stability = wins[problem.ids.index(winner)] / draws
    return stability, tuple(
        CandidateSensitivity(
            candidate_id=problem.ids[i],
            win_share=wins[i] / draws,
            outcome_stability=kept[i] / draws,
            low=_percentile(samples[i], _LOW_PERCENTILE),
            median=_percentile(samples[i], 0.5),
            high=_percentile(samples[i], _HIGH_PERCENTILE),
        )
        for i in range(n)
    )


def _rank_reversals(problem: _Problem, scores: Sequence[float]) -> tuple[RankReversal, ...]:
    n = len(problem.ids)
    if n < 3:  # noqa: PLR2004 - removing one of two leaves nothing to reorder
        return ()
    found = []
    for removed in _order(problem.ids, scores):
        keep = [i for i in range(n) if i != removed]
        after = dict(zip(keep, problem.scores(problem.weights, keep), strict=True))
        pairs = tuple(
            (problem.ids[a], problem.ids[b])
            if scores[a] > scores[b]
            else (problem.ids[b], problem.ids[a])
            for a, b in combinations(sorted(keep, key=lambda i: problem.ids[i]), 2)
            if (scores[a] - scores[b]) * (after[a] - after[b]) < 0
        )
        found.append(
            RankReversal(removed=problem.ids[removed], reversed_pairs=tuple(sorted(pairs)))
        )
    return tuple(found)


def select_partners(
    matrix: DecisionMatrix,
    *,
    method: Method = Method.WEIGHTED_SUM,
    weights: Mapping[str, float] | None = None,
    thresholds: Thresholds | None = None,
    evidence_makes_conditional: bool = True,
    sensitivity: bool = True,
    draws: int = 1000,
    spread: float = 0.25,
    seed: int = DEFAULT_SEED,
) -> SelectionResult:
    """Apply the gates, score the candidates, give each an outcome and test the weights.

    Method:

    1. **Gates first.** A candidate fails a gate criterion when its score is below the
       gate's threshold (above it for a `decrease` criterion; without a threshold, the
       scale's best end is required) or when it was not scored on it. It is then *do not
       proceed* and is not scored.
    2. **Scores** (0-100) from the criteria with a weight above zero, weights scaled to sum
       to 1: the weighted sum of values normalised on each criterion's scale, or TOPSIS
       among the candidates past the gates. A missing score counts as the scale's worst.
    3. **Outcome** by the thresholds; *proceed* becomes *conditional* when a score is
       missing or a criterion's required evidence is not recorded (unless
       `evidence_makes_conditional` is false).
    4. **Sensitivity** (unless turned off): one criterion's weight at a time over 0-1 in
       steps of 0.01 (the others keeping their proportions), and `draws` random weight sets,
       each weight multiplied by a uniform factor in `1 +- spread` (seeded, so repeatable).
    5. **Rank reversal**: each candidate past the gates is removed in turn and the rest
       rescored; pairs whose order flips are reported.

    Args:
        matrix: The decision matrix.
        method: Weighted sum (default) or TOPSIS.
        weights: Weights by criterion id, instead of the criteria's own (e.g. from
            `ahp_weights`); criteria left out weigh 0.
        thresholds: The outcome thresholds (70 and 60 by default).
        evidence_makes_conditional: Whether missing evidence turns *proceed* into
            *conditional*.
        sensitivity: Whether to run the sensitivity analysis.
        draws: How many random weight sets to draw (1 to `MAX_DRAWS`).
        spread: How far each weight may move, as a share of itself (0 to below 1).
        seed: The random seed (an integer).

    Returns:
        The result, candidates past the gates by rank, then the others.

    Raises:
        MetricsError: If an argument is not of its type (`matrix` a `DecisionMatrix`,
            `method` a `Method`, `thresholds` `Thresholds`, `weights` a mapping, `seed` an
            integer), weights name unknown criteria, are not finite numbers, are negative or
            all zero, `draws` is not an integer from 1 to `MAX_DRAWS` or `spread` is not a
            number from 0 to below 1 (the message names the argument, and the criterion of
            a bad weight). Huge weights are fine: only their proportions count.

    Examples:
        >>> from collabrel import examples
        >>> result = select_partners(DecisionMatrix.from_plan(examples.load("alliance")))
        >>> [(c.candidate_id, round(c.score), c.outcome.value) for c in result.candidates][:2]
        [('cand-brackwell', 81, 'proceed'), ('cand-holloway', 78, 'conditional')]
        >>> result.sensitivity.winner_stability
        1.0
    """
    _check_arguments(matrix, method, thresholds, (draws, spread, seed))
    thresholds = thresholds if thresholds is not None else Thresholds()
    w = _weights(matrix, weights)
    scored = [c for c in matrix.criteria if c.id in w]
    screen = _Screen.of(matrix, scored)
    ranking = _Ranking.of(_problem(matrix, screen, scored, w, method))
    results, outcomes = _outcomes(matrix, screen, ranking, thresholds, evidence_makes_conditional)
    results.extend(_gated_out(matrix, screen))
    analysis = None
    if sensitivity and ranking.problem.ids:
        analysis = _sensitivity(
            ranking, [c.id for c in scored], thresholds, outcomes, (draws, spread, seed)
        )
    return SelectionResult(
        method=method,
        weights=tuple((c.id, w[c.id]) for c in scored),
        thresholds=thresholds,
        candidates=tuple(results),
        sensitivity=analysis,
        rank_reversals=_rank_reversals(ranking.problem, ranking.scores) if ranking.scores else (),
    )


# `select_partners`'s steps, in order.


def _check_arguments(
    matrix: DecisionMatrix, method: Method, thresholds: Thresholds | None, simulation: _Simulation
) -> None:
    """Step 0: the arguments are of their types, the simulation's numbers within bounds."""
    check_instance("matrix", matrix, DecisionMatrix)
    check_instance("method", method, Method)
    if thresholds is not None:
        check_instance("thresholds", thresholds, Thresholds)
    draws, spread, seed = simulation
    check_count("draws", draws, least=1, most=MAX_DRAWS)
    check_number("spread", spread, least=0, below=1)
    check_count("seed", seed, least=None)


@frozen(kw_only=True)
class _Screen:
    """Step 1, the gates: what each candidate fails, lacks a score on, or lacks evidence for."""

    values: dict[tuple[str, str], Score]  # (candidate id, criterion id) -> score
    failed: dict[str, list[str]]  # gate criteria failed, by candidate id
    missing: dict[str, list[str]]  # weighted criteria not scored
    no_evidence: dict[str, list[str]]  # criteria scored without their required evidence

    @classmethod
    def of(cls, matrix: DecisionMatrix, scored: Sequence[Criterion]) -> _Screen:
        values = {(c.candidate_id, c.score.criterion_id): c.score for c in matrix.cells}
        gates = [c for c in matrix.criteria if c.gate]
        failed: dict[str, list[str]] = {}
        missing: dict[str, list[str]] = {}
        no_evidence: dict[str, list[str]] = {}
        for cand in matrix.candidates:
            failed[cand.id] = [
                g.id
                for g in gates
                if (s := values.get((cand.id, g.id))) is None or not _gate_passes(g, s.value)
            ]
            missing[cand.id] = [c.id for c in scored if (cand.id, c.id) not in values]
            no_evidence[cand.id] = [
                c.id
                for c in matrix.criteria
                if c.evidence_required
                and (s := values.get((cand.id, c.id))) is not None
                and not s.evidence
            ]
        return cls(values=values, failed=failed, missing=missing, no_evidence=no_evidence)


def _problem(
    matrix: DecisionMatrix,
    screen: _Screen,
    scored: Sequence[Criterion],
    w: Mapping[str, float],
    method: Method,
) -> _Problem:
    """Step 2, what scoring needs: the candidates past the gates, missing scores at worst."""
    passing = [c for c in matrix.candidates if not screen.failed[c.id]]
    values = screen.values

    def worst(c: Criterion) -> float:
        return c.scale_min if c.direction is Direction.INCREASE else c.scale_max

    return _Problem(
        ids=tuple(c.id for c in passing),
        columns=tuple(
            tuple(
                s.value if (s := values.get((cand.id, c.id))) is not None else worst(c)
                for cand in passing
            )
            for c in scored
        ),
        weights=tuple(w[c.id] for c in scored),
        directions=tuple(1 if c.direction is Direction.INCREASE else -1 for c in scored),
        scales=tuple((c.scale_min, c.scale_max) for c in scored),
        method=method,
    )


@frozen(kw_only=True)
class _Ranking:
    """Step 2, the scores: each candidate past the gates scored, and their order, best first."""

    problem: _Problem
    scores: list[float]
    order: list[int]

    @classmethod
    def of(cls, problem: _Problem) -> _Ranking:
        scores = problem.scores(problem.weights) if problem.ids else []
        return cls(problem=problem, scores=scores, order=_order(problem.ids, scores))


def _outcomes(
    matrix: DecisionMatrix,
    screen: _Screen,
    ranking: _Ranking,
    thresholds: Thresholds,
    evidence_makes_conditional: bool,
) -> tuple[list[CandidateResult], list[Outcome]]:
    """Step 3, the scored candidates by rank, and each one's outcome by the thresholds alone."""
    problem, scores = ranking.problem, ranking.scores
    results: list[CandidateResult] = []
    outcomes: list[Outcome] = [Outcome.DO_NOT_PROCEED] * len(problem.ids)
    by_id = {c.id: c for c in matrix.candidates}
    missing, no_evidence = screen.missing, screen.no_evidence
    for position in ranking.order:
        cid = problem.ids[position]
        score = scores[position]
        outcome = _outcome(score, thresholds)
        outcomes[position] = outcome
        reasons = [_threshold_reason(score, outcome, thresholds)]
        conditions = missing[cid] + (no_evidence[cid] if evidence_makes_conditional else [])
        if outcome is Outcome.PROCEED and conditions:
            outcome = Outcome.CONDITIONAL
        if missing[cid]:
            reasons.append(f"not scored on {', '.join(missing[cid])}")
        if no_evidence[cid]:
            reasons.append(f"evidence missing for {', '.join(no_evidence[cid])}")
        results.append(
            CandidateResult(
                candidate_id=cid,
                name=by_id[cid].name,
                failed_gates=(),
                score=score,
                rank=1 + sum(1 for other in scores if other > score),
                outcome=outcome,
                reasons=tuple(reasons),
                missing_scores=tuple(missing[cid]),
                missing_evidence=tuple(no_evidence[cid]),
            )
        )
    return results, outcomes


def _gated_out(matrix: DecisionMatrix, screen: _Screen) -> list[CandidateResult]:
    """Step 3, the candidates that fail a gate: do not proceed, unscored, by id."""
    failed = screen.failed
    return [
        CandidateResult(
            candidate_id=cand.id,
            name=cand.name,
            failed_gates=tuple(failed[cand.id]),
            score=None,
            rank=None,
            outcome=Outcome.DO_NOT_PROCEED,
            reasons=(f"fails the gate {', '.join(failed[cand.id])}",),
            missing_scores=tuple(screen.missing[cand.id]),
            missing_evidence=tuple(screen.no_evidence[cand.id]),
        )
        for cand in sorted((c for c in matrix.candidates if failed[c.id]), key=lambda c: c.id)
    ]


def _sensitivity(
    ranking: _Ranking,
    criterion_ids: Sequence[str],
    thresholds: Thresholds,
    outcomes: Sequence[Outcome],
    simulation: _Simulation,
) -> Sensitivity:
    """Step 4: one weight at a time, then `draws` random weight sets (draws, spread, seed)."""
    problem = ranking.problem
    winner = problem.ids[ranking.order[0]]
    draws, spread, seed = simulation
    stability, per_candidate = _monte_carlo(
        problem, thresholds, outcomes, winner, draws=draws, spread=spread, seed=seed
    )
    return Sensitivity(
        winner=winner,
        one_at_a_time=_one_at_a_time(problem, criterion_ids, winner),
        draws=draws,
        spread=spread,
        seed=seed,
        winner_stability=stability,
        candidates=tuple(sorted(per_candidate, key=lambda c: c.candidate_id)),
    )
