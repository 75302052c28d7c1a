"""KPI status as of a date, trend, forecast to the target date, and review periods."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta
from enum import Enum
from itertools import pairwise
from typing import ClassVar, Final, Literal

from attrs import field, frozen
from dateutil.rrule import MONTHLY, WEEKLY, YEARLY, rrule

from collabrel._text import plural
from collabrel.errors import MetricsError
from collabrel.metrics._checks import check_count, check_day, check_instance, check_items
from collabrel.metrics._output import Output
from collabrel.model import _display as d
from collabrel.model import _validators as v
from collabrel.model._enums import Cadence, Direction
from collabrel.model._finding import Check, Finding, Result
from collabrel.model._kpi import KPI, Measurement

__all__ = [
    "KPIAssessment",
    "KPIReport",
    "KPIStatus",
    "ReviewPeriod",
    "Trend",
    "assess_kpi",
    "assess_kpi_over",
    "assess_kpis",
    "review_periods",
]

_DAYS_PER_YEAR: Final = 365.25
_HORIZON_DAYS: Final = 36_525  # a forecast further than a century away is no forecast
_FLAT: Final = 1e-9
_LAST_SAFE_DAY: Final = 28
_DAY: Final = timedelta(days=1)


class KPIStatus(Enum):
    """Where a KPI stands as of a date."""

    ON_TRACK = "on_track"
    """The latest value meets the target, or the trend reaches it by the target date."""
    AT_RISK = "at_risk"
    """The target is missed, but by no more than the KPI's tolerance."""
    OFF_TRACK = "off_track"
    """The target is missed by more than the tolerance (or there is no tolerance)."""
    NO_DATA = "no_data"
    """Nothing was measured on or before the date."""


class Trend(Enum):
    """Which way a KPI is moving, judged by its direction."""

    IMPROVING = "improving"
    STEADY = "steady"
    WORSENING = "worsening"
    UNKNOWN = "unknown"
    """Fewer than two measurements."""


@frozen(kw_only=True)
class KPIAssessment(Output):
    """One KPI as of a date: value, status, trend and forecast.

    Attributes:
        kpi_id: The KPI's id.
        name: The KPI's name.
        unit: The KPI's unit.
        as_of: The day judged.
        target: The target value.
        direction: Whether higher or lower is better.
        tolerance: How far from the target still counts as at risk rather than off track.
        target_date: When the target should be met, if set.
        value: The latest value on or before `as_of`.
        measured_on: The day of that value.
        gap: How far the value is beyond the target in the good direction (negative when it
            falls short).
        status: On track, at risk, off track or no data.
        reason: Why, in a few words.
        trend: Improving, steady, worsening or unknown.
        slope_per_year: The fitted change per year (in the KPI's unit), if two points exist.
        forecast: The fitted value on the target date, if there is one and a trend.
        meets_target_on: When the trend line reaches the target, if it is short of it now and
            moving towards it (within a century).
        history: The measurements on or before `as_of`.
    """

    _title: ClassVar[str] = "KPI status"

    kpi_id: str
    name: str
    unit: str
    as_of: date
    target: float
    direction: Direction
    tolerance: float | None
    target_date: date | None
    value: float | None
    measured_on: date | None
    gap: float | None
    status: KPIStatus
    reason: str
    trend: Trend
    slope_per_year: float | None
    forecast: float | None
    meets_target_on: date | None
    history: tuple[Measurement, ...] = field(repr=False)
    """Left out of `to_records()`'s one row (it is not in the repr); `to_data` keeps it."""


def _fit(points: Sequence[Measurement]) -> tuple[float, float, date] | None:
    """Least-squares line through `points`: (intercept, slope per day, origin day)."""
    if len(points) < 2:  # noqa: PLR2004 - a line needs two points
        return None
    origin = points[0].on
    xs = [float((m.on - origin).days) for m in points]
    # Fit on values scaled to at most 1 so huge measurements (up to float max) cannot
    # overflow the sums of squares; the line is scaled back at the end.
    scale = max(abs(m.value) for m in points) or 1.0
    ys = [m.value / scale for m in points]
    mean_x = math.fsum(xs) / len(xs)
    mean_y = math.fsum(ys) / len(ys)
    sxx = math.fsum((x - mean_x) ** 2 for x in xs)
    if sxx == 0:  # all on one day
        return None
    slope = math.fsum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / sxx
    intercept = (mean_y - slope * mean_x) * scale
    slope *= scale
    if not (math.isfinite(intercept) and math.isfinite(slope)):
        return None  # the line itself is beyond float range: no usable trend
    return intercept, slope, origin


def assess_kpi(kpi: KPI, as_of: date, *, window: int = 4) -> KPIAssessment:
    """Judge one KPI as of a day: status, trend and a forecast to its target date.

    Method: the latest measurement on or before `as_of` is compared with the target in the
    KPI's direction. A straight line is fitted by least squares to the last `window`
    measurements (value against day); its slope gives the trend and, extended, the forecast
    on the target date and the day the target would be reached. Status: *on track* if the
    value meets the target, or if the target date lies ahead and the forecast meets it;
    otherwise *at risk* if the shortfall is within the tolerance; otherwise *off track*.

    Args:
        kpi: The KPI.
        as_of: The day to judge; later measurements are ignored.
        window: How many of the latest measurements the trend line uses (at least 2).

    Returns:
        The assessment.

    Raises:
        MetricsError: If `kpi` is not a `KPI`, `as_of` not a date (`datetime.date`) or
            `window` not an integer of at least 2.

    Examples:
        >>> from datetime import date
        >>> from collabrel import examples
        >>> kpi = examples.load("alliance").relationship.kpis[6]  # embodied carbon
        >>> a = assess_kpi(kpi, date(2026, 10, 31))
        >>> a.value, a.status.value, a.trend.value, round(a.forecast)
        (387.0, 'on_track', 'improving', 357)
    """
    check_instance("kpi", kpi, KPI)
    check_day("as_of", as_of)
    check_count("window", window, least=2)
    history = tuple(m for m in kpi.measurements if m.on <= as_of)
    sign = 1.0 if kpi.direction is Direction.INCREASE else -1.0
    fit = _fit(history[-window:])
    trend = _trend(history[-window:], fit, sign)
    forecast = None
    if fit is not None and kpi.target_date is not None:
        intercept, per_day, origin = fit
        forecast = intercept + per_day * (kpi.target_date - origin).days
    gap = sign * (history[-1].value - kpi.target) if history else None
    status, reason = _status(kpi, as_of, gap, forecast, sign)
    return KPIAssessment(
        kpi_id=kpi.id,
        name=kpi.name,
        unit=kpi.unit,
        as_of=as_of,
        target=kpi.target,
        direction=kpi.direction,
        tolerance=kpi.tolerance,
        target_date=kpi.target_date,
        value=history[-1].value if history else None,
        measured_on=history[-1].on if history else None,
        gap=gap,
        status=status,
        reason=reason,
        trend=trend,
        slope_per_year=None if fit is None else fit[1] * _DAYS_PER_YEAR,
        forecast=forecast,
        meets_target_on=_meets_on(kpi, history, fit, gap, sign),
        history=history,
    )


def _trend(
    points: Sequence[Measurement], fit: tuple[float, float, date] | None, sign: float
) -> Trend:
    if fit is None:
        return Trend.UNKNOWN
    span = (points[-1].on - points[0].on).days
    scale = max(1.0, *(abs(m.value) for m in points))
    change = sign * fit[1] * span
    if abs(change) <= _FLAT * scale:
        return Trend.STEADY
    return Trend.IMPROVING if change > 0 else Trend.WORSENING


def _status(
    kpi: KPI, as_of: date, gap: float | None, forecast: float | None, sign: float
) -> tuple[KPIStatus, str]:
    if gap is None:
        return KPIStatus.NO_DATA, "no measurement yet"
    ahead = kpi.target_date is not None and kpi.target_date > as_of
    if gap >= 0:
        return KPIStatus.ON_TRACK, "meets the target"
    if ahead and forecast is not None and sign * (forecast - kpi.target) >= 0:
        return KPIStatus.ON_TRACK, f"short of the target, forecast to meet it by {kpi.target_date}"
    if kpi.tolerance is not None and -gap <= kpi.tolerance:
        return KPIStatus.AT_RISK, "short of the target, within tolerance"
    return KPIStatus.OFF_TRACK, "short of the target beyond tolerance"


def _meets_on(
    kpi: KPI,
    history: Sequence[Measurement],
    fit: tuple[float, float, date] | None,
    gap: float | None,
    sign: float,
) -> date | None:
    """When the fitted line reaches the target, if it falls short now and is heading there."""
    if fit is None or gap is None or gap >= 0 or sign * fit[1] <= 0:
        return None
    intercept, per_day, origin = fit
    days = (kpi.target - intercept) / per_day
    if abs(days) > _HORIZON_DAYS:
        return None
    return max(history[-1].on, origin + timedelta(days=math.ceil(days)))


def _latest(k: KPIAssessment) -> str:
    return "no data" if k.value is None else d.format_amount(k.value, k.unit)


def _target(k: KPIAssessment) -> str:
    bound = "\u2265" if k.direction is Direction.INCREASE else "\u2264"
    return f"{bound} {d.format_amount(k.target, k.unit)}"


@frozen(kw_only=True, repr=False)
class KPIReport(Output):
    """The status of several KPIs as of one day.

    Its `repr` is a one-line summary, the KPIs counted by status; in a notebook it is a
    table of one row per KPI: its latest value, target, status and trend.

    Examples:
        >>> from datetime import date
        >>> from collabrel import examples
        >>> assess_kpis(examples.load("alliance").relationship.kpis, date(2026, 10, 31))
        <KPIReport as of 2026-10-31: 7 KPIs (5 on track, 1 at risk, 1 off track)>
    """

    _title: ClassVar[str] = "KPI status"

    as_of: date
    kpis: tuple[KPIAssessment, ...]

    def count(self, status: KPIStatus) -> int:
        """How many KPIs have `status`."""
        return sum(1 for k in self.kpis if k.status is status)

    def _summary(self) -> str:
        if not self.kpis:
            return "no KPIs"
        counts = d.counted((k.status for k in self.kpis), KPIStatus)
        return f"{plural(len(self.kpis), 'KPI')} ({counts})"

    def __repr__(self) -> str:
        return f"<KPIReport as of {self.as_of.isoformat()}: {self._summary()}>"

    _repr_pretty_ = d.pretty

    def _repr_html_(self) -> str:
        head = d.heading(self._title, f"as of {self.as_of.isoformat()}", self._summary())
        rows = [
            [d.clip(k.name), _latest(k), _target(k), d.words(k.status), k.trend.value]
            for k in self.kpis
        ]
        if not rows:
            return d.block(head)
        columns = ["KPI", "latest", "target", "status", "trend"]
        return d.block(head, d.table(columns, rows, right=[1, 2]))

    def to_records(self, *, typed: bool = False) -> list[dict[str, object]]:
        """One row per KPI."""
        return [row for k in self.kpis for row in k.to_records(typed=typed)]

    def findings(self) -> tuple[Finding, ...]:
        """One `MET.KPI_OFF_TRACK` observation per KPI that is off track."""
        return tuple(
            Finding(
                requirement="MET.KPI_OFF_TRACK",
                result=Result.OBSERVATION,
                message=f"KPI {k.kpi_id!r} ({k.name}) is off track as of {k.as_of}.",
                explanation=[
                    Check(
                        description=f"value meets the target {k.target:g} {k.unit}",
                        passed=False,
                        observed=f"{k.value:g} on {k.measured_on}",
                    )
                ],
                subjects=[k.kpi_id],
                remediation="Agree a corrective action and review the KPI at the next meeting.",
            )
            for k in self.kpis
            if k.status is KPIStatus.OFF_TRACK
        )


def assess_kpis(kpis: Iterable[KPI], as_of: date, *, window: int = 4) -> KPIReport:
    """Judge several KPIs as of one day (see `assess_kpi`).

    Args:
        kpis: The KPIs, e.g. `rmp.relationship.kpis`.
        as_of: The day to judge.
        window: How many of the latest measurements a trend line uses, as for
            `assess_kpi` (at least 2).

    Returns:
        The report, one assessment per KPI in the order given.

    Raises:
        MetricsError: If an argument is not of its type (the message names it) or `window`
            is less than 2.

    Examples:
        >>> from datetime import date
        >>> from collabrel import examples
        >>> report = assess_kpis(examples.load("alliance").relationship.kpis, date(2026, 10, 31))
        >>> report.count(KPIStatus.OFF_TRACK), report.count(KPIStatus.AT_RISK)
        (1, 1)
    """
    kpis = check_items("kpis", kpis, KPI)
    return KPIReport(as_of=as_of, kpis=tuple(assess_kpi(k, as_of, window=window) for k in kpis))


@frozen(kw_only=True)
class ReviewPeriod:
    """A review period: its first and last day, and a label such as `2026-Q1`."""

    start: date = field(validator=v.calendar_date())
    end: date = field(validator=v.calendar_date())
    label: str = field(validator=v.text())


_RULES: Final[dict[Cadence, tuple[Literal[0, 1, 2, 3, 4, 5, 6], int]]] = {
    Cadence.WEEKLY: (WEEKLY, 1),
    Cadence.FORTNIGHTLY: (WEEKLY, 2),
    Cadence.MONTHLY: (MONTHLY, 1),
    Cadence.QUARTERLY: (MONTHLY, 3),
    Cadence.HALF_YEARLY: (MONTHLY, 6),
    Cadence.ANNUALLY: (YEARLY, 1),
}


def _label(start: date, end: date, cadence: Cadence) -> str:
    if start.day == 1:
        if cadence is Cadence.MONTHLY:
            return f"{start:%Y-%m}"
        if cadence is Cadence.QUARTERLY and start.month % 3 == 1:
            return f"{start.year}-Q{start.month // 3 + 1}"
        if cadence is Cadence.HALF_YEARLY and start.month in {1, 7}:
            return f"{start.year}-H{1 if start.month == 1 else 2}"
        if cadence is Cadence.ANNUALLY and start.month == 1:
            return str(start.year)
    return f"{start.isoformat()}/{end.isoformat()}"


def review_periods(start: date, until: date, cadence: Cadence) -> tuple[ReviewPeriod, ...]:
    """Consecutive review periods from `start` at `cadence`, the last one containing `until`.

    The periods are generated with python-dateutil's `rrule` (monthly periods step by
    calendar month, quarterly by three), each ending the day before the next begins.

    Args:
        start: The first day of the first period.
        until: A day the last period must contain.
        cadence: How long each period is.

    Returns:
        The periods, in order.

    Raises:
        MetricsError: If `start` or `until` is not a date (`datetime.date`), `cadence` not a
            `Cadence`, `until` is before `start`, or monthly or longer periods would start
            after the 28th of a month.

    Examples:
        >>> from datetime import date
        >>> [p.label for p in review_periods(date(2026, 1, 1), date(2026, 8, 15),
        ...                                   Cadence.QUARTERLY)]
        ['2026-Q1', '2026-Q2', '2026-Q3']
        >>> review_periods(date(2026, 1, 1), date(2026, 2, 1), Cadence.MONTHLY)[-1].end
        datetime.date(2026, 2, 28)
    """
    check_day("start", start)
    check_day("until", until)
    check_instance("cadence", cadence, Cadence)
    if until < start:
        raise MetricsError(f"the periods cannot end ({until}) before they start ({start})")
    freq, interval = _RULES[cadence]
    if freq != WEEKLY and start.day > _LAST_SAFE_DAY:
        raise MetricsError(
            f"monthly and longer periods must start on day 1-{_LAST_SAFE_DAY} of a month"
            f" (got {start}): later days do not occur in every month"
        )
    first = datetime(start.year, start.month, start.day)  # noqa: DTZ001 - calendar days
    starts: list[date] = []
    for moment in rrule(freq, dtstart=first, interval=interval):
        day = moment.date()
        if day > until:
            starts.append(day)
            break
        starts.append(day)
    return tuple(
        ReviewPeriod(start=a, end=b - _DAY, label=_label(a, b - _DAY, cadence))
        for a, b in pairwise(starts)
    )


def assess_kpi_over(
    kpi: KPI, periods: Sequence[ReviewPeriod], *, window: int = 4
) -> tuple[KPIAssessment, ...]:
    """Judge a KPI at the end of each review period, to show how its status moved.

    Args:
        kpi: The KPI.
        periods: The review periods, e.g. from `review_periods`.
        window: How many of the latest measurements a trend line uses, as for
            `assess_kpi` (at least 2).

    Returns:
        One assessment per period, as of its last day.

    Raises:
        MetricsError: If `periods` holds something that is not a `ReviewPeriod`, or as
            `assess_kpi` raises it for `kpi` and `window`.

    Examples:
        >>> from datetime import date
        >>> from collabrel import examples
        >>> kpi = examples.load("alliance").relationship.kpis[3]  # design accepted first time
        >>> periods = review_periods(date(2026, 1, 1), date(2026, 9, 30), Cadence.QUARTERLY)
        >>> [a.status.value for a in assess_kpi_over(kpi, periods)]
        ['on_track', 'at_risk', 'off_track']
    """
    periods = check_items("periods", periods, ReviewPeriod)
    return tuple(assess_kpi(kpi, p.end, window=window) for p in periods)
