"""Partner selection: decision matrix, gates, outcomes, sensitivity and rank reversal."""

from __future__ import annotations

from datetime import date

import pytest
from attrs import evolve

from _builders import criterion, pass_fail_gate
from collabrel import examples, to_data
from collabrel.errors import InvalidFieldError, MetricsError
from collabrel.metrics import (
    DecisionCell,
    DecisionMatrix,
    Method,
    Outcome,
    Thresholds,
    ahp_weights,
    select_partners,
    topsis,
)
from collabrel.model import (
    Candidate,
    Criterion,
    CriterionCategory,
    Direction,
    Evaluation,
    Score,
)

CRITERIA = [
    pass_fail_gate("Accredited", evidence_required="Certificate"),
    criterion("fit", "Fit", CriterionCategory.STRATEGIC_FIT, 3),
    criterion("risk", "Risk", CriterionCategory.RISK, 1, direction=Direction.DECREASE),
]


def matrix(scores, criteria=CRITERIA):
    candidates = [Candidate(id=c, name=c.upper()) for c in scores]
    cells = [
        DecisionCell(
            candidate_id=c,
            score=Score(criterion_id=k, value=v, evidence="doc" if k == "gate" else None),
        )
        for c, values in scores.items()
        for k, v in values.items()
    ]
    return DecisionMatrix(criteria=criteria, candidates=candidates, cells=cells)


class TestDecisionMatrix:
    def test_from_alliance(self):
        """Stage 3's criteria and stage 4's evaluated candidates, superseded ones left out."""
        rmp = examples.load("alliance")
        m = DecisionMatrix.from_plan(rmp)
        assert "cand-carrick" not in [c.id for c in m.candidates]
        assert "cand-lowmoor" not in [c.id for c in m.candidates]  # never evaluated
        with_old = DecisionMatrix.from_plan(rmp, include_superseded=True)
        assert "cand-carrick" in [c.id for c in with_old.candidates]
        cell = m.cell("cand-brackwell", "crit-capability")
        assert (cell.scored_by, cell.scored_on, cell.evidence) == (
            "d.marsh",
            date(2024, 8, 14),
            "Site visits to two live track renewals",
        )
        assert m.value("cand-brackwell", "nope") is None
        rows = m.to_records()
        assert rows[0]["candidate"] == "cand-brackwell"
        assert {"scored_by", "scored_on", "evidence", "rationale"} <= set(rows[0])

    def test_plan_without_criteria(self):
        """A plan without selection criteria cannot give a matrix."""
        with pytest.raises(MetricsError, match="no partner-selection criteria"):
            DecisionMatrix.from_plan(examples.load("flawed"))

    def test_two_evaluations_of_one_candidate(self):
        """Two evaluations that count for one candidate are ambiguous."""
        rmp = examples.load("alliance")
        section = rmp.stages.partner_selection
        twice = evolve(
            section,
            evaluations=[
                *section.evaluations,
                Evaluation(id="again", title="Again", candidate_id="cand-kestrel"),
            ],
        )
        with pytest.raises(MetricsError, match="more than one evaluation"):
            DecisionMatrix.from_plan(
                evolve(rmp, stages=evolve(rmp.stages, partner_selection=twice))
            )

    @pytest.mark.parametrize(
        ("scores", "message"),
        [
            ({"a": {"fit": 9}}, "outside its scale 0-5"),
            ({"a": {"nope": 1}}, "unknown criterion 'nope'"),
        ],
    )
    def test_bad_cells(self, scores, message):
        """Cells off the scale or naming unknown criteria are refused."""
        with pytest.raises(MetricsError, match=message):
            matrix(scores)

    def test_bad_structure(self):
        """Repeated ids, unknown candidates and repeated cells are refused."""
        cand = Candidate(id="a", name="A")
        cell = DecisionCell(candidate_id="a", score=Score(criterion_id="fit", value=1))
        with pytest.raises(MetricsError, match="criterion ids repeat"):
            DecisionMatrix(criteria=[CRITERIA[1], CRITERIA[1]], candidates=[cand])
        with pytest.raises(MetricsError, match="unknown candidate 'b'"):
            DecisionMatrix(criteria=CRITERIA, candidates=[], cells=[evolve(cell, candidate_id="b")])
        with pytest.raises(MetricsError, match="a second time"):
            DecisionMatrix(criteria=CRITERIA, candidates=[cand], cells=[cell, cell])


class TestSelectPartners:
    def test_hand_computed_weighted_sum(self):
        """Scores are the weighted mean of values normalised on each scale, 0-100."""
        result = select_partners(
            matrix({"a": {"gate": 1, "fit": 4, "risk": 1}, "b": {"gate": 1, "fit": 2, "risk": 0}})
        )
        a, b = result.candidates
        assert a.score == pytest.approx(100 * (0.75 * 0.8 + 0.25 * 0.8))
        assert b.score == pytest.approx(100 * (0.75 * 0.4 + 0.25 * 1.0))
        assert (a.rank, b.rank, result.winner) == (1, 2, "a")
        assert (a.outcome, b.outcome) == (Outcome.PROCEED, Outcome.DO_NOT_PROCEED)
        assert result.weights == (("fit", 0.75), ("risk", 0.25))

    def test_gates_come_first(self):
        """A candidate failing a gate, or not scored on it, is not scored and does not proceed."""
        result = select_partners(
            matrix(
                {
                    "a": {"gate": 0, "fit": 5, "risk": 0},
                    "b": {"fit": 5, "risk": 0},
                    "c": {"gate": 1, "fit": 1},
                }
            )
        )
        a, b = result.candidate("a"), result.candidate("b")
        assert (a.failed_gates, a.score, a.rank, a.outcome) == (
            ("gate",),
            None,
            None,
            Outcome.DO_NOT_PROCEED,
        )
        assert b.failed_gates == ("gate",)
        assert result.winner == "c"
        assert [c.candidate_id for c in result.candidates] == ["c", "a", "b"]
        assert {f.requirement for f in result.findings()} >= {"MET.SELECTION_GATE"}

    def test_missing_score_and_evidence_make_conditional(self):
        """A missing score counts as the worst and, like missing evidence, makes it conditional."""
        crit = [evolve(c, evidence_required="Report") if c.id == "fit" else c for c in CRITERIA]
        result = select_partners(matrix({"a": {"gate": 1, "fit": 5}}, criteria=crit))
        a = result.candidate("a")
        assert a.missing_scores == ("risk",)
        assert a.missing_evidence == ("fit",)
        assert a.score == pytest.approx(75.0)  # risk counted at its worst (5 on a decrease)
        assert a.outcome is Outcome.CONDITIONAL
        relaxed = select_partners(
            matrix({"a": {"gate": 1, "fit": 5, "risk": 0}}, criteria=crit),
            evidence_makes_conditional=False,
        )
        assert relaxed.candidate("a").outcome is Outcome.PROCEED
        assert "MET.SELECTION_EVIDENCE" in {f.requirement for f in result.findings()}

    def test_thresholds(self):
        """Outcomes follow the thresholds; conditional may not exceed proceed."""
        m = matrix({"a": {"gate": 1, "fit": 3, "risk": 2}})  # 60
        assert select_partners(m).candidate("a").outcome is Outcome.CONDITIONAL
        low = Thresholds(proceed=50, conditional=40)
        assert select_partners(m, thresholds=low).candidate("a").outcome is Outcome.PROCEED
        with pytest.raises(MetricsError, match="must not exceed"):
            Thresholds(proceed=50, conditional=60)
        with pytest.raises(InvalidFieldError):
            Thresholds(proceed=150)

    def test_topsis_uses_the_classic_method(self):
        """TOPSIS scores match the plain function on the candidates past the gates."""
        m = matrix({"a": {"gate": 1, "fit": 4, "risk": 1}, "b": {"gate": 1, "fit": 2, "risk": 0}})
        result = select_partners(m, method=Method.TOPSIS)
        expected = topsis([[4, 1], [2, 0]], [3, 1], [1, -1])
        assert [c.score for c in result.candidates] == pytest.approx([100 * x for x in expected])

    def test_weights_from_ahp(self):
        """Weights may come from AHP; criteria left out weigh nothing."""
        ahp = ahp_weights([[1, 3], [1 / 3, 1]])
        m = matrix({"a": {"gate": 1, "fit": 4, "risk": 5}})
        result = select_partners(m, weights=dict(zip(["fit", "risk"], ahp.weights, strict=True)))
        assert [k for k, _ in result.weights] == ["fit", "risk"]
        assert [w for _, w in result.weights] == pytest.approx([0.75, 0.25])
        only_fit = select_partners(m, weights={"fit": 2})
        assert only_fit.candidate("a").score == pytest.approx(80)

    @pytest.mark.parametrize(
        ("kwargs", "message"),
        [
            ({"weights": {"nope": 1}}, "unknown criteria"),
            ({"weights": {"fit": -1}}, ">= 0"),
            ({"weights": {"fit": 0}}, "above zero"),
            ({"draws": 0}, "at least 1"),
            ({"spread": 1}, "below 1"),
        ],
    )
    def test_bad_parameters(self, kwargs, message):
        """Bad weights, draws or spread are refused."""
        with pytest.raises(MetricsError, match=message):
            select_partners(matrix({"a": {"gate": 1, "fit": 1}}), **kwargs)

    def test_sensitivity_is_deterministic(self):
        """The Monte Carlo analysis repeats exactly for a seed and varies with another."""
        m = DecisionMatrix.from_plan(examples.load("alliance"))
        first = select_partners(m, method=Method.TOPSIS, draws=200)
        again = select_partners(m, method=Method.TOPSIS, draws=200)
        other = select_partners(m, method=Method.TOPSIS, draws=200, seed=1)
        assert first.sensitivity == again.sensitivity
        assert first.sensitivity != other.sensitivity
        s = first.sensitivity
        assert s.winner == "cand-brackwell"
        assert 0.5 < s.winner_stability < 1
        assert sum(c.win_share for c in s.candidates) == pytest.approx(1)
        for c in s.candidates:
            assert c.low <= c.median <= c.high

    def test_one_at_a_time_ranges(self):
        """Each weight's range keeps the winner; it contains the weight itself."""
        result = select_partners(DecisionMatrix.from_plan(examples.load("alliance")), draws=10)
        for r in result.sensitivity.one_at_a_time:
            assert r.low <= r.weight <= r.high
        behaviour = next(
            r for r in result.sensitivity.one_at_a_time if r.criterion_id == "crit-behaviour"
        )
        assert behaviour.high < 1  # Holloway wins once behaviour weighs enough

    def test_unstable_winner_is_reported(self):
        """A winner that keeps winning in under 80 % of draws is an observation."""
        m = matrix({"a": {"gate": 1, "fit": 5, "risk": 5}, "b": {"gate": 1, "fit": 4, "risk": 1}})
        result = select_partners(m, spread=0.9, draws=500)
        assert result.sensitivity.winner_stability < 0.8
        assert "MET.SELECTION_SENSITIVITY" in {f.requirement for f in result.findings()}

    def test_single_criterion(self):
        """With one weighted criterion its weight cannot move."""
        result = select_partners(matrix({"a": {"gate": 1, "fit": 5}}), weights={"fit": 1}, draws=5)
        (only,) = result.sensitivity.one_at_a_time
        assert (only.low, only.weight, only.high) == (1.0, 1.0, 1.0)

    def test_no_sensitivity(self):
        """The analysis can be turned off, and nothing passing the gates leaves nothing to test."""
        m = matrix({"a": {"gate": 1, "fit": 5}})
        assert select_partners(m, sensitivity=False).sensitivity is None
        nobody = select_partners(matrix({"a": {"gate": 0}}))
        assert (nobody.winner, nobody.sensitivity, nobody.rank_reversals) == (None, None, ())

    def test_rank_reversal_with_topsis(self):
        """Removing a candidate can reorder the others under TOPSIS, and it is reported."""
        crit = [
            Criterion(
                id="x", name="X", category=CriterionCategory.CAPABILITY, weight=1, scale_max=10
            ),
            Criterion(
                id="y", name="Y", category=CriterionCategory.CAPABILITY, weight=1, scale_max=10
            ),
        ]
        scores = {
            "a": {"x": 10, "y": 0},
            "b": {"x": 0, "y": 7},
            "c": {"x": 0.1, "y": 10},
        }
        ws = select_partners(matrix(scores, criteria=crit), sensitivity=False)
        assert not ws.has_rank_reversal  # scale-normalised weighted sums never reverse
        tp = select_partners(matrix(scores, criteria=crit), method=Method.TOPSIS, sensitivity=False)
        assert tp.has_rank_reversal
        reversal = next(r for r in tp.rank_reversals if r.reversed_pairs)
        assert "MET.SELECTION_RANK_REVERSAL" in {f.requirement for f in tp.findings()}
        assert reversal.removed in scores

    def test_alliance_selection(self):
        """The alliance's scores after the gates: Fairhaven, best on price, does not proceed."""
        result = select_partners(DecisionMatrix.from_plan(examples.load("alliance")))
        assert result.with_outcome(Outcome.PROCEED) == ("cand-brackwell",)
        assert result.candidate("cand-fairhaven").outcome is Outcome.DO_NOT_PROCEED
        assert [round(c.score) for c in result.candidates] == [81, 78, 77, 73, 54]
        rows = result.to_records()
        assert rows[0]["win_share"] == 1.0
        assert to_data(result)["method"] == "weighted_sum"
        with pytest.raises(KeyError):
            result.candidate("nope")
        with pytest.raises(KeyError):
            result.sensitivity.candidate("nope")

    def test_decrease_gate_without_threshold(self):
        """A decrease gate without a threshold needs the scale's bottom."""
        gate = Criterion(
            id="g",
            name="Claims",
            category=CriterionCategory.RISK,
            weight=0,
            gate=True,
            direction=Direction.DECREASE,
        )
        crit = [gate, CRITERIA[1]]
        result = select_partners(matrix({"a": {"g": 0, "fit": 1}, "b": {"g": 1, "fit": 1}}, crit))
        assert (result.candidate("a").failed_gates, result.candidate("b").failed_gates) == (
            (),
            ("g",),
        )
