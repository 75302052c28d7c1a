"""Every result a user gets becomes a DataFrame with analysis-ready dtypes (the pandas extra).

Dates are datetime64 (`NaT` where missing), enums categoricals with the enum's values in
declaration order, money and scores numbers; the rows are those of `to_records()`.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date
from enum import Enum

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from collabrel import examples
from collabrel import metrics as m
from collabrel._rows import plain
from collabrel.conformance import Importance, assess
from collabrel.governance import analyze, raci_table
from collabrel.lifecycle import EventKind, StageStatus, intervals, replay, summarize
from collabrel.metrics import BenefitStatus, DecisionMatrix, KPIStatus, Outcome, Trend
from collabrel.model import Cadence, Direction, Phase, Result, RiskStatus, Stage
from collabrel.testing import strategies as cst

pd = pytest.importorskip("pandas")

from collabrel.report import to_dataframe  # noqa: E402 - only with pandas

AS_OF = date(2026, 10, 31)
ALLIANCE = examples.load("alliance")
FLAWED = examples.load("flawed")
REL = ALLIANCE.relationship

DAY = "datetime64[us]"
INSTANT = "datetime64[us, UTC]"
NUMBER = "float64"


def _diff() -> object:
    before = assess(FLAWED, "bs11000-1:2010", as_of=date(2019, 6, 1))
    return assess(FLAWED, "bs11000-1:2010", as_of=AS_OF).diff(before)


def _over() -> object:
    periods = m.review_periods(date(2026, 1, 1), date(2026, 9, 30), Cadence.QUARTERLY)
    return m.assess_kpi_over(REL.kpis[3], periods)


# name: (make the result, how many rows it has, the dtype or enum each column must have)
RESULTS: dict[str, tuple[Callable[[], object], Callable[[object], int], dict[str, object]]] = {
    "KPIReport": (
        lambda: m.assess_kpis(REL.kpis, AS_OF),
        lambda _: len(REL.kpis),
        {
            "as_of": DAY,
            "target_date": DAY,
            "measured_on": DAY,
            "meets_target_on": DAY,
            "target": NUMBER,
            "value": NUMBER,
            "forecast": NUMBER,
            "direction": Direction,
            "status": KPIStatus,
            "trend": Trend,
        },
    ),
    "KPIAssessment": (
        lambda: m.assess_kpi(REL.kpis[0], AS_OF),
        lambda _: 1,
        {"measured_on": DAY, "value": NUMBER, "status": KPIStatus},
    ),
    "KPI series (assess_kpi_over)": (
        _over,
        len,
        {"as_of": DAY, "forecast": NUMBER, "meets_target_on": DAY, "status": KPIStatus},
    ),
    "KPI measurements": (
        lambda: REL.kpis[0].measurements,
        len,
        {"on": DAY, "value": NUMBER},
    ),
    "HealthAssessment": (
        lambda: m.assess_health(m.health_ratings(ALLIANCE)),
        lambda r: sum(len(p.to_records()) for p in r.periods),
        {"period": DAY, "score": NUMBER, "responses": "Int64"},
    ),
    "HealthPeriod": (
        lambda: m.assess_health(m.health_ratings(ALLIANCE)).latest,
        lambda r: sum(1 + len(g.dimensions) for g in (r.overall, *r.sides, *r.organisations)),
        {"period": DAY, "score": NUMBER},
    ),
    "ValueRealisation": (
        lambda: m.assess_value(REL.value_propositions, AS_OF),
        lambda r: sum(len(b.by_partner) or 1 for b in r.benefits),
        {"target": NUMBER, "realised": NUMBER, "amount": NUMBER, "status": BenefitStatus},
    ),
    "ExitReadiness": (
        lambda: m.assess_exit_readiness(REL.exit_plan, AS_OF, partner_ids=REL.partner_ids),
        lambda r: len(r.elements),
        {"met": "boolean", "weight": NUMBER},
    ),
    "MaturityProfile": (
        lambda: m.assess_maturity(
            ALLIANCE.stages.staying_together.maturity_assessments, as_of=AS_OF
        ),
        lambda _: len(Stage),
        {"stage": Stage, "number": "Int64", "score": NUMBER},
    ),
    "DecisionMatrix": (
        lambda: DecisionMatrix.from_plan(ALLIANCE),
        lambda r: len(r.cells),
        {"value": NUMBER, "scored_on": DAY},
    ),
    "SelectionResult": (
        lambda: m.select_partners(DecisionMatrix.from_plan(ALLIANCE)),
        lambda r: len(r.candidates),
        {"score": NUMBER, "rank": "Int64", "outcome": Outcome, "win_share": NUMBER},
    ),
    "AHPResult": (
        lambda: m.ahp_weights([[1, 3], [1 / 3, 1]]),
        lambda r: len(r.weights),
        {"item": "Int64", "weight": NUMBER},
    ),
    "ConformanceReport": (
        lambda: assess(FLAWED, as_of=AS_OF),
        lambda r: len(r.findings),
        {"stage": Stage, "phase": Phase, "importance": Importance, "result": Result},
    ),
    "ReportDiff": (
        _diff,
        lambda r: len(r.moved),
        {"before": Result, "after": Result},
    ),
    "GovernanceReport": (
        lambda: analyze(FLAWED),
        len,
        {"result": Result, "edges": "Int64"},
    ),
    "RaciTable": (
        lambda: raci_table(REL.governance.raci),
        lambda r: len(r.activities),
        {},
    ),
    "LifecycleState": (
        lambda: replay(ALLIANCE.history),
        lambda r: len(r.statuses),
        {"stage": Stage, "phase": Phase, "status": StageStatus},
    ),
    "LifecycleSummary": (
        lambda: summarize(ALLIANCE.history),
        lambda r: len(r.stages),
        {
            "status": StageStatus,
            "first_started": INSTANT,
            "last_completed": INSTANT,
            "active_days": NUMBER,
            "times_reopened": "Int64",
        },
    ),
    "lifecycle history": (
        lambda: ALLIANCE.history,
        len,
        {"kind": EventKind, "at": INSTANT, "stage": Stage},
    ),
    "lifecycle intervals": (
        lambda: intervals(ALLIANCE.history),
        len,
        {"stage": Stage, "status": StageStatus, "start": INSTANT, "end": INSTANT},
    ),
    "risk register": (
        lambda: REL.risks,
        len,
        {"status": RiskStatus, "joint": "boolean", "raised_on": DAY, "likelihood": "Int64"},
    ),
}


def _assert_dtype(frame: object, column: str, expected: object) -> None:
    dtype = frame[column].dtype  # type: ignore[index]
    if isinstance(expected, type) and issubclass(expected, Enum):
        assert isinstance(dtype, pd.CategoricalDtype), column
        assert list(dtype.categories) == [m.value for m in expected], column
        assert dtype.ordered is (expected is Stage), column
    else:
        assert str(dtype) == expected, column


def _same(cell: object, value: object) -> bool:
    """Whether a DataFrame cell holds what the plain record has."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return bool(pd.isna(cell))
    if isinstance(cell, pd.Timestamp):
        return cell == pd.Timestamp(value)
    return bool(cell == value)


class TestDtypes:
    @pytest.mark.parametrize("name", list(RESULTS))
    def test_columns_have_their_types(self, name):
        """Each result's dates are datetime64, its enums categoricals, its numbers numbers."""
        make, count, expected = RESULTS[name]
        result = make()
        frame = to_dataframe(result)
        assert len(frame) == count(result) > 0
        assert set(expected) <= set(frame.columns)
        for column, dtype in expected.items():
            _assert_dtype(frame, column, dtype)

    @pytest.mark.parametrize("name", [n for n in RESULTS if hasattr(RESULTS[n][0](), "to_records")])
    def test_rows_are_the_records(self, name):
        """A result's frame has the rows and columns of its to_records(), values unchanged."""
        result = RESULTS[name][0]()
        records = result.to_records()
        frame = to_dataframe(result)
        assert list(frame.columns) == list(dict.fromkeys(k for r in records for k in r))
        assert len(frame) == len(records)
        for i, record in enumerate(records):
            for column, value in record.items():
                assert _same(frame.at[i, column], value), (column, i, value)

    def test_typed_records_differ_only_in_form(self):
        """to_records(typed=True) holds enum members and dates; plain, their values and text."""
        report = m.assess_kpis(REL.kpis, AS_OF)
        typed, flat = report.to_records(typed=True), report.to_records()
        assert isinstance(typed[0]["status"], KPIStatus)
        assert isinstance(typed[0]["as_of"], date)
        assert flat == [{k: plain(v) for k, v in row.items()} for row in typed]


class TestEmptyColumns:
    def test_columns_without_values_keep_the_field_type(self):
        """A column with no value takes its field's type: dates stay dates, numbers numbers."""
        assessment = m.assess_kpi(REL.kpis[0], date(1990, 1, 1))  # before any measurement
        frame = to_dataframe(assessment)
        assert frame["measured_on"].isna().all()
        _assert_dtype(frame, "measured_on", DAY)
        _assert_dtype(frame, "value", NUMBER)
        _assert_dtype(frame, "status", KPIStatus)

    def test_report_without_findings(self):
        """A report without findings has its columns, enums still categorical."""
        report = attrs.evolve(assess(FLAWED, as_of=AS_OF), findings=())
        frame = to_dataframe(report)
        assert list(frame.columns) == list(report.record_columns)
        assert len(frame) == 0
        _assert_dtype(frame, "result", Result)
        _assert_dtype(frame, "stage", Stage)

    def test_missing_nested_records_give_empty_columns(self):
        """Events without an override still have the override's columns, empty."""
        frame = to_dataframe(ALLIANCE.history)
        assert {"override.by", "override.reason"} <= set(frame.columns)
        assert "override" not in frame.columns
        assert frame["override.by"].isna().sum() == sum(
            e.override is None for e in ALLIANCE.history
        )

    def test_empty_sequence(self):
        """An empty sequence is an empty table."""
        assert to_dataframe(()).shape == (0, 0)


class TestRefused:
    @pytest.mark.parametrize("value", ["text", 3, object(), [1, 2], {"a": 1}])
    def test_other_objects(self, value):
        """Anything else is a TypeError naming its type and saying what is taken."""
        with pytest.raises(TypeError, match=type(value).__name__) as caught:
            to_dataframe(value)
        assert "to_records()" in str(caught.value)
        assert "history" in str(caught.value)


class TestProperties:
    @given(st.lists(cst.kpis(), max_size=4), cst.calendar_dates())
    def test_a_row_per_record(self, kpis, as_of):
        """For any KPIs and day, the frame has a row per record and the records' columns."""
        report = m.assess_kpis(kpis, as_of)
        records = report.to_records()
        frame = to_dataframe(report)
        assert len(frame) == len(records)
        assert list(frame.columns) == list(dict.fromkeys(k for r in records for k in r))
        if records:
            _assert_dtype(frame, "status", KPIStatus)
            _assert_dtype(frame, "measured_on", DAY)
            _assert_dtype(frame, "target", NUMBER)

    @given(st.lists(cst.measurements(), max_size=5))
    def test_measurements(self, measurements):
        """Any measurements are a row each, their days datetime64 and values numbers."""
        frame = to_dataframe(measurements)
        assert len(frame) == len(measurements)
        if measurements:
            _assert_dtype(frame, "on", DAY)
            _assert_dtype(frame, "value", NUMBER)
            assert [t.date() for t in frame["on"]] == [m.on for m in measurements]
