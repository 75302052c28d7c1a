"""Value realised, exit readiness and the maturity profile."""

from __future__ import annotations

from datetime import date

import pytest
from attrs import evolve

from collabrel import examples
from collabrel.errors import MetricsError
from collabrel.metrics import (
    DEFAULT_EXIT_WEIGHTS,
    DEFAULT_MATURITY_SCALE,
    BenefitStatus,
    MaturityLevel,
    MaturityScale,
    assess_exit_readiness,
    assess_maturity,
    assess_value,
)
from collabrel.model import (
    ExitPlan,
    ExitTrigger,
    ExpectedBenefit,
    MaturityAssessment,
    RealisedValue,
    Stage,
    StageLevel,
    ValueProposition,
)

AS_OF = date(2026, 10, 31)


class TestAssessValue:
    def _vp(self, **benefit):
        b = ExpectedBenefit(
            id="b", description="Saving", measure="m", unit="GBP", target=100, **benefit
        )
        realised = [
            RealisedValue(benefit_id="b", amount=30, on=date(2026, 1, 31), partner_id="x"),
            RealisedValue(benefit_id="b", amount=20, on=date(2026, 1, 31)),
            RealisedValue(benefit_id="b", amount=60, on=date(2026, 6, 30), partner_id="x"),
        ]
        return ValueProposition(id="vp", statement="S", benefits=[b], realised=realised)

    def test_totals_series_and_split(self):
        """Realised value adds up over time and splits by partner."""
        b = assess_value([self._vp()], date(2026, 3, 1)).benefit("b")
        assert (b.realised, b.share, b.status) == (50.0, 0.5, BenefitStatus.IN_PROGRESS)
        assert [(p.on, p.cumulative) for p in b.series] == [(date(2026, 1, 31), 50.0)]
        assert [(s.partner_id, s.amount) for s in b.by_partner] == [("x", 30.0), (None, 20.0)]

    def test_achieved_and_overdue(self):
        """Reaching the target is achieved; passing the due date short of it is overdue."""
        assert assess_value([self._vp()], AS_OF).benefit("b").status is BenefitStatus.ACHIEVED
        late = assess_value([self._vp(due_on=date(2026, 2, 1))], date(2026, 3, 1)).benefit("b")
        assert late.status is BenefitStatus.OVERDUE
        early = assess_value([self._vp()], date(2025, 1, 1)).benefit("b")
        assert (early.status, early.realised) == (BenefitStatus.NOT_STARTED, 0.0)

    def test_alliance(self):
        """The alliance's efficiency benefit: GBP 6.4m of 12m, the client's share first."""
        vps = examples.load("alliance").relationship.value_propositions
        result = assess_value(vps, AS_OF)
        b = result.benefit("b-efficiency")
        assert b.realised == 6_400_000
        assert b.by_partner[0].partner_id == "nmri"
        assert b.series[-1].cumulative == b.realised
        rows = result.to_records()
        assert {r["benefit"] for r in rows} == {b.benefit_id for b in result.benefits}
        with pytest.raises(KeyError):
            result.benefit("nope")


class TestAssessExitReadiness:
    def test_alliance_is_ready(self):
        """The alliance's exit plan has every element in place."""
        rel = examples.load("alliance").relationship
        parties = rel.parties_to_sign(rel.exit_plan, AS_OF)
        readiness = assess_exit_readiness(rel.exit_plan, AS_OF, partner_ids=parties)
        assert readiness.score == 100
        assert readiness.findings() == ()
        assert len(readiness.to_records()) == len(DEFAULT_EXIT_WEIGHTS)

    def test_weighted_score(self):
        """The weighted share of elements in place (triggers 3 and signed 2 of 28), capped."""
        plan = ExitPlan(id="x", title="Exit", triggers=[ExitTrigger(id="t", description="End")])
        readiness = assess_exit_readiness(plan, AS_OF, partner_ids=[])
        met = {e.id for e in readiness.elements if e.met}
        assert met == {"triggers", "signed"}
        assert readiness.weighted == pytest.approx(100 * 5 / 28)
        assert [e.id for e in readiness.capped_by] == ["approved", "steps", "continuity"]
        assert readiness.cap == readiness.score == pytest.approx(49 / 3)
        assert {f.requirement for f in readiness.findings()} == {"MET.EXIT_READINESS"}

    def test_no_plan_scores_zero(self):
        """Without an exit plan nothing is in place."""
        readiness = assess_exit_readiness(None, AS_OF, partner_ids=["a"])
        assert (readiness.score, readiness.plan_id) == (0.0, None)
        assert len(readiness.missing) == len(DEFAULT_EXIT_WEIGHTS)

    def test_review_overdue_and_unsigned(self):
        """An overdue review and a missing signature are reported with what was seen."""
        rel = examples.load("alliance").relationship
        readiness = assess_exit_readiness(
            rel.exit_plan,
            date(2028, 1, 1),
            partner_ids=[*rel.parties_to_sign(rel.exit_plan, date(2028, 1, 1)), "newco"],
        )
        missing = {e.id: e.detail for e in readiness.missing}
        assert missing == {"current": "next review due 2027-09-15", "signed": "not signed by newco"}

    @pytest.mark.parametrize(
        ("weights", "message"),
        [
            ({"triggers": 1}, "must name every element"),
            ({**DEFAULT_EXIT_WEIGHTS, "triggers": -1}, "finite and >= 0"),
            ({**DEFAULT_EXIT_WEIGHTS, "triggers": "2"}, "must be a number"),
            (dict.fromkeys(DEFAULT_EXIT_WEIGHTS, 0), "above zero"),
        ],
    )
    def test_bad_weights(self, weights, message):
        """Weights must name every element, be numbers >= 0 and not all zero."""
        with pytest.raises(MetricsError, match=message):
            assess_exit_readiness(None, AS_OF, partner_ids=[], weights=weights)


class TestAssessMaturity:
    def test_alliance_profile(self):
        """The latest assessment, with each stage's change since the one before."""
        rmp = examples.load("alliance")
        profile = assess_maturity(rmp.stages.staying_together.maturity_assessments)
        assert profile.assessed_on == date(2026, 9, 9)
        assert profile.previous_on == date(2025, 3, 20)
        working = profile.stages[Stage.WORKING_TOGETHER.number - 1]
        assert (working.level, working.change, working.name, working.score) == (
            4,
            2,
            "Managed",
            75.0,
        )
        assert profile.mean_level == pytest.approx(27 / 8)
        assert profile.weakest == (Stage.EXIT_STRATEGY,)
        assert len(profile.to_records()) == 8

    def test_as_of(self):
        """Assessments after `as_of` are ignored; before any there is no profile."""
        rmp = examples.load("alliance")
        assessments = rmp.stages.staying_together.maturity_assessments
        earlier = assess_maturity(assessments, as_of=date(2025, 12, 31))
        assert (earlier.assessed_on, earlier.previous_on) == (date(2025, 3, 20), None)
        none = assess_maturity(assessments, as_of=date(2024, 1, 1))
        assert (none.assessed_on, none.mean_level, none.weakest) == (None, None, ())

    def test_scale_must_match(self):
        """An assessment on another scale is refused."""
        other = MaturityAssessment(assessed_on=AS_OF, scale_max=4)
        with pytest.raises(MetricsError, match="levels up to 4"):
            assess_maturity([other])

    def test_level_zero_is_below_the_scale(self):
        """A level below the scale's first counts as 0 and has no name."""
        a = MaturityAssessment(
            assessed_on=AS_OF, levels=[StageLevel(stage=Stage.AWARENESS, level=0)]
        )
        first = assess_maturity([a]).stages[0]
        assert (first.level, first.score, first.name) == (0, 0.0, None)

    def test_scales(self):
        """A scale needs two or more consecutive levels; lookups off it are refused."""
        assert DEFAULT_MATURITY_SCALE.normalise(5) == 100
        with pytest.raises(MetricsError, match="above the scale"):
            DEFAULT_MATURITY_SCALE.normalise(6)
        with pytest.raises(MetricsError, match="not on the scale"):
            DEFAULT_MATURITY_SCALE.level(9)
        with pytest.raises(MetricsError, match="at least two"):
            MaturityScale(levels=[MaturityLevel(level=1, name="a", descriptor="b")])
        levels = [MaturityLevel(level=n, name="a", descriptor="b") for n in (1, 3)]
        with pytest.raises(MetricsError, match="consecutive"):
            MaturityScale(levels=levels)
        evolve(DEFAULT_MATURITY_SCALE)  # a scale is an ordinary attrs value
