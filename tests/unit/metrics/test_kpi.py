"""KPI status as of a date, trend, forecast and review periods."""

from __future__ import annotations

import math
from datetime import date

import pytest

from collabrel import examples
from collabrel.errors import MetricsError
from collabrel.metrics import (
    KPIStatus,
    Trend,
    assess_kpi,
    assess_kpi_over,
    assess_kpis,
    review_periods,
)
from collabrel.model import KPI, Cadence, Direction, Measurement

AS_OF = date(2026, 10, 31)


DAYS = (date(2026, 1, 1), date(2026, 1, 11), date(2026, 1, 21), date(2026, 1, 31))


def kpi(
    values,
    *,
    target=10.0,
    direction=Direction.INCREASE,
    tolerance=None,
    target_date=None,
    days=DAYS,
):
    return KPI(
        id="k",
        name="K",
        unit="u",
        target=target,
        direction=direction,
        tolerance=tolerance,
        target_date=target_date,
        measurements=[Measurement(on=d, value=x) for d, x in zip(days, values, strict=False)],
    )


class TestAssessKpi:
    def test_meets_target(self):
        """A value at or beyond the target is on track; the gap is how far beyond."""
        a = assess_kpi(kpi([9, 12]), AS_OF)
        assert (a.status, a.gap, a.value, a.measured_on) == (
            KPIStatus.ON_TRACK,
            2.0,
            12.0,
            date(2026, 1, 11),
        )

    def test_tolerance_makes_at_risk(self):
        """A shortfall within the tolerance is at risk, beyond it off track."""
        assert assess_kpi(kpi([9], tolerance=1), AS_OF).status is KPIStatus.AT_RISK
        assert assess_kpi(kpi([8.5], tolerance=1), AS_OF).status is KPIStatus.OFF_TRACK
        assert assess_kpi(kpi([9.9]), AS_OF).status is KPIStatus.OFF_TRACK

    def test_decrease_direction(self):
        """For a decrease KPI lower is better."""
        a = assess_kpi(kpi([12, 8], direction=Direction.DECREASE), AS_OF)
        assert (a.status, a.gap, a.trend) == (KPIStatus.ON_TRACK, 2.0, Trend.IMPROVING)

    def test_no_data(self):
        """Nothing measured by the date: no data, no trend."""
        a = assess_kpi(kpi([5]), date(2025, 1, 1))
        assert (a.status, a.value, a.gap, a.trend) == (KPIStatus.NO_DATA, None, None, Trend.UNKNOWN)

    def test_trend_and_slope_hand_computed(self):
        """Points rising 1 per 10 days fit a slope of 36.525 a year."""
        a = assess_kpi(kpi([1, 2, 3, 4]), AS_OF)
        assert a.trend is Trend.IMPROVING
        assert a.slope_per_year == pytest.approx(36.525)
        assert assess_kpi(kpi([4, 3, 2, 1]), AS_OF).trend is Trend.WORSENING
        assert assess_kpi(kpi([2, 2]), AS_OF).trend is Trend.STEADY

    def test_forecast_to_target_date(self):
        """The fitted line, extended to the target date, gives the forecast."""
        a = assess_kpi(kpi([1, 2, 3, 4], target_date=date(2026, 2, 10)), date(2026, 1, 31))
        assert a.forecast == pytest.approx(5.0)
        assert a.meets_target_on == date(2026, 4, 1)  # 1 + t/10 reaches 10 at t = 90 days

    def test_forecast_on_course_is_on_track(self):
        """Short of the target now but forecast to meet it by the target date: on track."""
        a = assess_kpi(
            kpi([1, 2, 3, 4], target=5, target_date=date(2026, 2, 15)), date(2026, 1, 31)
        )
        assert a.status is KPIStatus.ON_TRACK
        assert "forecast to meet it by 2026-02-15" in a.reason

    def test_window(self):
        """Only the last `window` measurements fit the line; fewer than 2 is refused."""
        assert assess_kpi(kpi([9, 1, 2, 3]), AS_OF, window=2).trend is Trend.IMPROVING
        with pytest.raises(MetricsError, match="at least 2"):
            assess_kpi(kpi([1]), AS_OF, window=1)

    def test_alliance_carbon(self):
        """The alliance's carbon KPI is short of target but on course to meet it by its date."""
        rel = examples.load("alliance").relationship
        a = assess_kpi(next(k for k in rel.kpis if k.id == "kpi-carbon"), AS_OF)
        assert a.status is KPIStatus.ON_TRACK
        assert a.forecast < 380
        assert a.meets_target_on is not None
        assert a.to_records()[0]["status"] == "on_track"
        assert "history" not in a.to_records()[0]


class TestAssessKpis:
    def test_alliance_report(self):
        """The alliance has one KPI off track (design) and one at risk (health index)."""
        report = assess_kpis(examples.load("alliance").relationship.kpis, AS_OF)
        off = [k.kpi_id for k in report.kpis if k.status is KPIStatus.OFF_TRACK]
        at_risk = [k.kpi_id for k in report.kpis if k.status is KPIStatus.AT_RISK]
        assert (off, at_risk) == (["kpi-design-rft"], ["kpi-health"])
        (finding,) = report.findings()
        assert finding.requirement == "MET.KPI_OFF_TRACK"
        assert finding.subjects == ("kpi-design-rft",)
        assert len(report.to_records()) == len(report.kpis)


class TestReviewPeriods:
    def test_quarters(self):
        """Quarterly periods step three calendar months and carry quarter labels."""
        periods = review_periods(date(2025, 1, 1), date(2025, 12, 31), Cadence.QUARTERLY)
        assert [p.label for p in periods] == ["2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4"]
        assert periods[0].end == date(2025, 3, 31)

    def test_months(self):
        """Monthly periods end on the last day of each month."""
        periods = review_periods(date(2024, 1, 1), date(2024, 3, 1), Cadence.MONTHLY)
        assert [(p.label, p.end.day) for p in periods] == [
            ("2024-01", 31),
            ("2024-02", 29),
            ("2024-03", 31),
        ]

    @pytest.mark.parametrize(
        ("start", "cadence", "label"),
        [
            (date(2024, 1, 1), Cadence.HALF_YEARLY, "2024-H1"),
            (date(2024, 7, 1), Cadence.HALF_YEARLY, "2024-H2"),
            (date(2024, 1, 1), Cadence.ANNUALLY, "2024"),
            (date(2024, 1, 3), Cadence.WEEKLY, "2024-01-03/2024-01-09"),
            (date(2024, 1, 3), Cadence.FORTNIGHTLY, "2024-01-03/2024-01-16"),
            (date(2024, 2, 1), Cadence.QUARTERLY, "2024-02-01/2024-04-30"),
        ],
    )
    def test_labels(self, start, cadence, label):
        """Periods aligned with the calendar get short labels, others their dates."""
        assert review_periods(start, start, cadence)[0].label == label

    def test_bad_range(self):
        """An end before the start, or a monthly start after the 28th, is refused."""
        with pytest.raises(MetricsError, match="before they start"):
            review_periods(date(2025, 1, 2), date(2025, 1, 1), Cadence.MONTHLY)
        with pytest.raises(MetricsError, match="day 1-28"):
            review_periods(date(2025, 1, 31), date(2025, 6, 1), Cadence.MONTHLY)

    def test_status_over_periods(self):
        """A KPI judged at each period's end shows how its status moved."""
        rel = examples.load("alliance").relationship
        design = next(k for k in rel.kpis if k.id == "kpi-design-rft")
        periods = review_periods(date(2026, 1, 1), date(2026, 9, 30), Cadence.QUARTERLY)
        statuses = [a.status for a in assess_kpi_over(design, periods)]
        assert statuses == [KPIStatus.ON_TRACK, KPIStatus.AT_RISK, KPIStatus.OFF_TRACK]


def test_huge_measurements_do_not_overflow_the_trend_fit() -> None:
    """Values near the float limit once made the least-squares sums overflow (a bare ValueError)."""
    huge = kpi(
        [0.0, 1e307, -1.7e308],
        target=0.0,
        days=[date(2025, 1, 1), date(2025, 1, 1), date(2026, 1, 1)],
    )
    result = assess_kpi(huge, date(2026, 10, 31))
    assert result.value == -1.7e308
    assert result.slope_per_year is None or math.isfinite(result.slope_per_year)
