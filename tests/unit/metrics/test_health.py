"""Relationship health: ratings from both sides, weights, perception gap, trend."""

from __future__ import annotations

from datetime import date

import pytest
from attrs import evolve

from collabrel import examples, to_data
from collabrel.errors import InvalidFieldError, MetricsError
from collabrel.metrics import (
    DEFAULT_HEALTH_DIMENSIONS,
    HealthDimension,
    HealthRating,
    assess_health,
    health_ratings,
)
from collabrel.model import (
    DocumentMeta,
    HealthResponse,
    HealthSurvey,
    PlanKind,
    RelationshipManagementPlan,
    StageSections,
    StayingTogetherSection,
)

MAY = date(2026, 5, 29)
NOV = date(2025, 11, 28)
DIMS = [HealthDimension(id="trust", name="Trust", weight=3), HealthDimension(id="comms", name="C")]


def rating(who, side, dimension, score, *, org=None, period=MAY, scale=(1, 5)):
    return HealthRating(
        period=period,
        respondent=who,
        organisation=org or side,
        side=side,
        dimension=dimension,
        score=score,
        scale_min=scale[0],
        scale_max=scale[1],
    )


class TestHealthRating:
    def test_normalised_to_0_100(self):
        """The scale's bottom is 0, its top 100."""
        assert rating("a", "client", "trust", 1).normalised == 0
        assert rating("a", "client", "trust", 5).normalised == 100
        assert rating("a", "client", "trust", 7, scale=(0, 10)).normalised == 70
        assert rating("a", "client", "trust", None).normalised is None

    def test_score_outside_scale(self):
        """A score off its scale is refused."""
        with pytest.raises(MetricsError, match="outside its scale 1-5"):
            rating("a", "client", "trust", 6)

    def test_reversed_scale(self):
        """A reversed scale is refused."""
        with pytest.raises(MetricsError, match="reversed"):
            rating("a", "client", "trust", 3, scale=(5, 1))


class TestAssessHealth:
    def test_hand_computed(self):
        """Means per side, sides averaged equally, weights 3:1, gap client minus supply."""
        ratings = [
            rating("c1", "client", "trust", 2),  # 25
            rating("c2", "client", "trust", 4),  # 75 -> client trust 50
            rating("c1", "client", "comms", 5),  # 100
            rating("s1", "supply", "trust", 5),  # 100
            rating("s2", "supply", "trust", 5),
            rating("s3", "supply", "trust", 5),
            rating("s1", "supply", "comms", 3),  # 50
        ]
        latest = assess_health(ratings, dimensions=DIMS).latest
        client, supply = latest.sides
        assert (client.group, client.score("trust"), client.score("comms")) == ("client", 50, 100)
        assert client.index == pytest.approx((3 * 50 + 100) / 4)
        assert supply.index == pytest.approx((3 * 100 + 50) / 4)
        assert latest.overall.score("trust") == 75  # sides count the same
        assert latest.overall.respondents == 5
        gap = latest.gaps[0]
        assert (gap.side, gap.other) == ("client", "supply")
        assert [d.gap for d in gap.dimensions] == [-50, 50]
        assert gap.index_gap == pytest.approx(62.5 - 87.5)
        assert gap.largest.dimension == "trust"

    def test_unanswered_excluded_and_weights_redistributed(self):
        """An unanswered dimension drops out of the index; the others share its weight."""
        ratings = [rating("c1", "client", "trust", None), rating("c1", "client", "comms", 4)]
        side = assess_health(ratings, dimensions=DIMS).latest.sides[0]
        assert side.score("trust") is None
        assert side.index == 75
        assert side.dimensions[0].responses == 0

    def test_nothing_answered(self):
        """A group that answered nothing has no index and no side result."""
        result = assess_health([rating("c1", "client", "trust", None)], dimensions=DIMS)
        assert result.latest.sides == ()
        assert result.latest.overall.index is None

    def test_periods_and_trend(self):
        """Each rating period is a result of its own, oldest first, with the trend between."""
        ratings = [
            rating("c1", "client", "trust", 5),
            rating("c1", "client", "trust", 3, period=NOV),
        ]
        result = assess_health(ratings, dimensions=DIMS)
        assert [p.period for p in result.periods] == [NOV, MAY]
        assert result.trend == ((NOV, 50.0), (MAY, 100.0))
        assert result.change == 50

    def test_organisations(self):
        """Each organisation's own view is reported."""
        ratings = [
            rating("s1", "supply", "trust", 5, org="acme"),
            rating("s2", "supply", "trust", 1, org="bolt"),
        ]
        latest = assess_health(ratings, dimensions=DIMS).latest
        assert latest.organisation("acme").index == 100
        assert latest.organisation("bolt").index == 0
        assert latest.side("supply").index == 50
        with pytest.raises(MetricsError, match="no ratings from 'nope'"):
            latest.organisation("nope")
        with pytest.raises(MetricsError, match="no ratings from side 'client'"):
            latest.side("client")

    def test_side_order(self):
        """Sides may be ordered explicitly; a side left out of the order is refused."""
        ratings = [rating("c1", "client", "trust", 5), rating("s1", "supply", "trust", 1)]
        result = assess_health(ratings, dimensions=DIMS, sides=["supply", "client"])
        assert result.latest.gaps[0].index_gap == -100
        with pytest.raises(MetricsError, match="not listed"):
            assess_health(ratings, dimensions=DIMS, sides=["supply"])

    @pytest.mark.parametrize(
        ("dimensions", "message"),
        [
            ([DIMS[0], DIMS[0]], "repeat"),
            ([HealthDimension(id="trust", name="T", weight=0)], "weight above zero"),
        ],
    )
    def test_bad_dimensions(self, dimensions, message):
        """Repeated dimensions and all-zero weights are refused."""
        with pytest.raises(MetricsError, match=message):
            assess_health([], dimensions=dimensions)

    def test_unknown_dimension(self):
        """A rating of a dimension not in the model is refused, naming the known ones."""
        with pytest.raises(MetricsError, match="unknown health dimension 'mood'"):
            assess_health([rating("c1", "client", "mood", 3)])

    def test_unknown_score_lookup(self):
        """Asking for a dimension the assessment does not have is an error."""
        latest = assess_health([rating("c1", "client", "trust", 3)], dimensions=DIMS).latest
        with pytest.raises(MetricsError, match="no health dimension 'mood'"):
            latest.overall.score("mood")

    def test_empty(self):
        """No ratings: no periods, no latest, no change, no findings."""
        result = assess_health([])
        assert (result.periods, result.latest, result.change, result.findings()) == (
            (),
            None,
            None,
            (),
        )

    def test_findings_name_large_gaps(self):
        """Dimensions the sides see very differently become observations, largest first."""
        ratings = [
            rating("c1", "client", "trust", 1),
            rating("s1", "supply", "trust", 5),
            rating("c1", "client", "comms", 4),
            rating("s1", "supply", "comms", 2),
        ]
        findings = assess_health(ratings, dimensions=DIMS).findings(gap_threshold=40)
        assert [f.requirement for f in findings] == ["MET.HEALTH_PERCEPTION_GAP"] * 2
        assert "client side rates 'trust' 100 points lower" in findings[0].message
        assert "supply side rates 'comms' 50 points lower" in findings[1].message

    def test_records(self):
        """The table has a row per group and dimension plus the index."""
        result = assess_health([rating("c1", "client", "trust", 5)], dimensions=DIMS)
        rows = result.to_records()
        assert len(rows) == 3 * 3  # overall, side, organisation x (index + 2 dimensions)
        assert rows[0] == {
            "period": "2026-05-29",
            "kind": "relationship",
            "group": "all",
            "dimension": "index",
            "score": 100.0,
            "responses": None,
        }
        assert to_data(result)["periods"][0]["period"] == "2026-05-29"
        assert "<table>" in result.latest._repr_html_()


class TestHealthRatings:
    def test_alliance_has_both_sides(self):
        """The alliance's surveys give client and supply ratings over three periods."""
        rmp = examples.load("alliance")
        ratings = health_ratings(rmp)
        assert {r.side for r in ratings} == {"client", "supply"}
        assert {r.organisation for r in ratings if r.side == "client"} == {"nmri"}
        assert len({r.period for r in ratings}) == 3
        assert any(r.score is None for r in ratings)
        first = next(r for r in ratings if r.respondent == "d.marsh")
        assert first.role == "Client Alliance Manager"

    def test_alliance_perception_gap(self):
        """The client sees the alliance as less healthy than the supply side, trust most."""
        latest = assess_health(health_ratings(examples.load("alliance"))).latest
        gap = latest.gaps[0]
        assert gap.index_gap < -10
        assert gap.largest.dimension == "trust"

    def test_no_surveys(self):
        """A plan without surveys has no ratings."""
        assert health_ratings(examples.load("flawed")) == ()

    def test_explicit_sides(self):
        """Sides may be given per partner; a partner without a side is refused."""
        rmp = examples.load("alliance")
        sides = dict.fromkeys(rmp.relationship.partner_ids, "everyone")
        assert {r.side for r in health_ratings(rmp, sides=sides)} == {"everyone"}
        with pytest.raises(MetricsError, match="no side given for partner"):
            health_ratings(rmp, sides={"nmri": "client"})

    def test_relationship_without_client(self):
        """Without a client partner each partner is its own side."""
        rmp = examples.load("alliance")
        partners = [
            evolve(p, role=p.role.PARTNER) if p.id == "nmri" else p
            for p in rmp.relationship.partners
        ]
        rmp = evolve(rmp, relationship=evolve(rmp.relationship, partners=partners))
        parties = rmp.relationship.parties_on(date(2026, 10, 31))
        assert {r.side for r in health_ratings(rmp)} == set(parties)

    def test_plan_without_relationship(self):
        """A template plan has nobody to respond, so no ratings."""
        template = RelationshipManagementPlan(
            meta=DocumentMeta(title="T", issued_on=MAY, author="me", kind=PlanKind.TEMPLATE),
            stages=StageSections(
                staying_together=StayingTogetherSection(
                    health_surveys=[HealthSurvey(id="s", held_on=MAY)]
                )
            ),
        )
        assert health_ratings(template) == ()


class TestHealthSurvey:
    def test_scores_within_scale(self):
        """A survey refuses a response off its scale, naming the response."""
        with pytest.raises(InvalidFieldError, match=r"scores from 1 to 5 \(response 0\)"):
            HealthSurvey(
                id="s",
                held_on=MAY,
                responses=[HealthResponse(respondent="p", dimension="trust", score=9)],
            )

    def test_scale_must_increase(self):
        """The scale's top must be above its bottom."""
        with pytest.raises(InvalidFieldError, match="greater than scale_min"):
            HealthSurvey(id="s", held_on=MAY, scale_min=5, scale_max=5)

    def test_default_dimensions(self):
        """The default health model has the eight dimensions, equally weighted."""
        assert [d.id for d in DEFAULT_HEALTH_DIMENSIONS] == [
            "trust",
            "charter_behaviours",
            "communication",
            "joint_objectives",
            "governance",
            "value_creation",
            "joint_risk",
            "issue_resolution",
        ]
        assert {d.weight for d in DEFAULT_HEALTH_DIMENSIONS} == {1.0}
