"""One plain-data path: `collabrel.to_data` for documents and every result type."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest

import collabrel as cr
from collabrel import examples, metrics, serialization
from collabrel.conformance import assess, catalogue, crosswalk
from collabrel.errors import CatalogueError, DocumentError, Problem
from collabrel.governance import GovernanceFinding, analyze, raci_table
from collabrel.lifecycle import STANDARD, intervals, replay, summarize
from collabrel.model import RelationshipManagementPlan, Result
from collabrel.serialization import from_data, to_data
from collabrel.serialization._formats import parse

AS_OF = date(2026, 10, 31)


def _results(rmp: RelationshipManagementPlan) -> dict[str, Callable[[], object]]:
    rel = rmp.relationship
    assert rel is not None
    assert rel.exit_plan is not None
    return {
        "health": lambda: metrics.assess_health(metrics.health_ratings(rmp)),
        "health period": lambda: metrics.assess_health(metrics.health_ratings(rmp)).latest,
        "kpis": lambda: metrics.assess_kpis(rel.kpis, AS_OF),
        "kpi": lambda: metrics.assess_kpis(rel.kpis, AS_OF).kpis[0],
        "value": lambda: metrics.assess_value(rel.value_propositions, AS_OF),
        "exit": lambda: metrics.assess_exit_readiness(
            rel.exit_plan, AS_OF, partner_ids=rel.partner_ids
        ),
        "maturity": lambda: metrics.assess_maturity(
            rmp.stages.staying_together.maturity_assessments, as_of=AS_OF
        ),
        "decision matrix": lambda: metrics.DecisionMatrix.from_plan(rmp),
        "selection": lambda: metrics.select_partners(metrics.DecisionMatrix.from_plan(rmp)),
        "ahp": lambda: metrics.ahp_weights([[1, 3], [1 / 3, 1]]),
        "governance report": lambda: analyze(rmp),
        "governance finding": lambda: analyze(rmp).findings[0],
        "lifecycle state": lambda: replay(rmp.history),
        "lifecycle summary": lambda: summarize(rmp.history),
        "conformance report": lambda: assess(rmp, as_of=AS_OF),
        "report diff": lambda: assess(rmp, as_of=AS_OF).diff(assess(rmp, as_of=date(2019, 6, 1))),
        "stage readiness": lambda: assess(rmp, as_of=AS_OF).readiness()[4],
        "certification": lambda: assess(rmp, as_of=AS_OF).certification,
        "raci table": lambda: raci_table(rel.governance.raci),
        "lifecycle definition": lambda: STANDARD,
        "status interval": lambda: intervals(rmp.history)[0],
        "catalogue": lambda: catalogue("iso44001:2017"),
        "crosswalk": crosswalk,
        "plan": lambda: rmp,
    }


_KINDS = tuple(_results(examples.load("alliance")))


@pytest.fixture(scope="module")
def alliance() -> RelationshipManagementPlan:
    return examples.load("alliance")


class TestToData:
    def test_is_public_at_the_top(self) -> None:
        """`collabrel.to_data` is the serialization function, listed in `__all__`."""
        assert cr.to_data is serialization.to_data is to_data
        assert "to_data" in cr.__all__

    @pytest.mark.parametrize("kind", _KINDS)
    def test_every_result_is_json_and_reads_back(
        self, alliance: RelationshipManagementPlan, kind: str
    ) -> None:
        """Every result type becomes JSON-able data that reads back as an equal object."""
        obj = _results(alliance)[kind]()
        assert obj is not None
        data = to_data(obj)
        assert json.loads(json.dumps(data)) == data
        assert from_data(data, type(obj)) == obj

    def test_results_use_the_converter_rules(self, alliance: RelationshipManagementPlan) -> None:
        """Results follow the document rules: enums by value, tuples as lists, defaults out."""
        finding = GovernanceFinding(
            requirement="GOV.ESCALATION.CYCLE",
            result=Result.MAJOR,
            message="Escalation loops",
            edges=[("body:jmt", "body:board", "escalates_to")],
        )
        assert to_data(finding) == {
            "requirement": "GOV.ESCALATION.CYCLE",
            "result": "major",
            "message": "Escalation loops",
            "edges": [["body:jmt", "body:board", "escalates_to"]],
        }
        report = analyze(alliance)
        assert to_data(report) == {"findings": [to_data(f) for f in report]}
        assert cr.dumps(report) == serialization.dumps(report)

    def test_kpi_history_is_kept(self, alliance: RelationshipManagementPlan) -> None:
        """A KPI's history, left out of its table row, is part of its plain data."""
        assessment = metrics.assess_kpis(alliance.relationship.kpis, AS_OF).kpis[0]
        assert "history" not in assessment.to_records()[0]
        assert to_data(assessment)["history"][0] == {"on": "2025-06-30", "value": 5.8}


class TestDurations:
    @pytest.mark.parametrize(
        ("duration", "text"),
        [
            (timedelta(0), "PT0S"),
            (timedelta(days=162, hours=8), "P162DT8H"),
            (timedelta(hours=3, minutes=2), "PT3H2M"),
            (timedelta(seconds=1.5), "PT1.5S"),
            (timedelta(microseconds=1), "PT0.000001S"),
            (timedelta(days=3), "P3D"),
            (-timedelta(days=1), "-P1D"),
            (-timedelta(minutes=5, seconds=1), "-PT5M1S"),
        ],
    )
    def test_iso_8601_both_ways(self, duration: timedelta, text: str) -> None:
        """A duration is written as an ISO 8601 duration and read back equal."""
        assert to_data(duration) == text
        assert from_data(text, timedelta) == duration

    @pytest.mark.parametrize("bad", ["P", "PT", "P1DT", "3 days", "P1.5D", 5, None])
    def test_other_text_is_a_problem(self, bad: object) -> None:
        """Anything else is a DocumentError naming the expected form."""
        with pytest.raises(DocumentError, match=r"expected a duration such as 'P3DT4H'"):
            from_data(bad, timedelta)

    def test_schema_format(self) -> None:
        """The JSON Schema of a duration is an ISO 8601 duration string."""
        schema = serialization.json_schema(type(summarize([]).stages[0]))
        assert schema["properties"]["active_time"] == {"type": "string", "format": "duration"}


class TestParse:
    def test_documents_and_catalogues_share_the_safe_loader(self) -> None:
        """Catalogues parse YAML as documents do: YAML 1.2 booleans, no Python objects."""
        assert parse("joint: yes\nassessable: true\n", "yaml", "x.yaml") == {
            "joint": "yes",
            "assessable": True,
        }
        with pytest.raises(DocumentError, match="invalid YAML"):
            parse("!!python/object/apply:os.system ['true']", "yaml", "x.yaml")

    def test_the_caller_chooses_the_error_and_its_problem(self) -> None:
        """The error class and the problem for bad text are the caller's."""

        def problem(_fmt: Any, line: int | None, _col: int | None, detail: str) -> Problem:
            return Problem(f"line {line}", f"bad: {detail}")

        with pytest.raises(CatalogueError) as info:
            parse("a: [\n", "yaml", "cat.yaml", error=CatalogueError, problem=problem)
        assert info.value.source == "cat.yaml"
        assert info.value.paths == ("line 2",)
        assert info.value.problems[0].message.startswith("bad: ")
        with pytest.raises(CatalogueError, match="not UTF-8"):
            parse(b"\xff", "yaml", "cat.yaml", error=CatalogueError)
