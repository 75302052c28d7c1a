"""The planted-defect scenario suite: well-formed scenarios, healthy controls, the target.

The figures are in docs/explanation/scenarios.md; `python -m tests.scenarios` prints them.
"""

from __future__ import annotations

import calendar
from datetime import date
from functools import cache
from types import SimpleNamespace
from typing import Any

import pytest

from collabrel.conformance import catalogue, catalogues
from collabrel.errors import DocumentError
from collabrel.model import Result
from scenarios import _plants, _score
from scenarios._table import FAMILIES, PENDING, SCENARIOS, Scenario

TARGET = 0.95
JOINT_SECTIONS = ("working_together", "value_creation", "staying_together", "exit_strategy")


@cache
def _scores() -> tuple[_score.Score, ...]:
    return tuple(_score.score_all())


def _ids(scenarios: tuple[Scenario, ...]) -> list[str]:
    return [s.name for s in scenarios]


LOADABLE = tuple(s for s in SCENARIOS if s.pending is None)
CONTROLS = tuple(s for s in LOADABLE if s.control)


# ------------------------------------------------------------------ the table is well formed
def test_enough_scenarios_and_controls() -> None:
    assert len([s for s in LOADABLE if not s.control]) >= 20
    assert len(CONTROLS) >= 3


def test_names_unique_and_families_known() -> None:
    names = [s.name for s in SCENARIOS]
    assert len(names) == len(set(names))
    assert {s.family for s in SCENARIOS} <= FAMILIES.keys()
    assert all(s.control == (s.family == "control") for s in SCENARIOS)
    assert all((s.plant is None) == s.name.startswith("healthy-") for s in SCENARIOS)
    assert PENDING.keys() <= set(names)


@pytest.mark.parametrize("scenario", SCENARIOS, ids=_ids(SCENARIOS))
def test_expected_ids_are_assessable_requirements_of_the_catalogue(scenario: Scenario) -> None:
    assert scenario.catalogue in catalogues()
    requirements = {r.id: r for r in catalogue(scenario.catalogue).requirements}
    for id in scenario.root_ids | scenario.consequences:
        assert id in requirements, id
        assert requirements[id].assessable, id
    assert not scenario.root_ids & scenario.consequences
    assert scenario.plant is not None or scenario.control
    assert scenario.story


# ------------------------------------------------------------------ the plans load and plant
@pytest.mark.parametrize("scenario", LOADABLE, ids=_ids(LOADABLE))
def test_plan_loads_and_validates(scenario: Scenario) -> None:
    plan = _plants.plan_for(scenario.plant)
    if scenario.plant is not None:
        assert plan != _plants.plan_for(None), "the plant changed nothing"


@pytest.mark.parametrize(
    "scenario",
    [s for s in SCENARIOS if s.pending],
    ids=_ids(tuple(s for s in SCENARIOS if s.pending)),
)
def test_pending_scenario_loads_or_is_refused_as_a_document(scenario: Scenario) -> None:
    try:
        _plants.plan_for(scenario.plant)
    except DocumentError:
        pytest.skip(f"pending: {scenario.pending}")


# ------------------------------------------------------------------ controls are healthy
def _plus_months(day: date, months: int) -> date:
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def _records(node: Any, path: str = "") -> list[tuple[str, dict[str, Any]]]:
    """Every record-like dict (one with a status) in plain data, with its path."""
    found: list[tuple[str, dict[str, Any]]] = []
    if isinstance(node, dict):
        if "status" in node and "title" in node:
            found.append((path, node))
        for key, value in node.items():
            found += _records(value, f"{path}.{key}" if path else key)
    elif isinstance(node, list):
        for n, value in enumerate(node):
            found += _records(value, f"{path}[{n}]")
    return found


def _parties(rel: dict[str, Any], day: str) -> set[str]:
    """The parties to the agreement on `day` (ISO): not subcontractors, joined and not left."""
    return {
        p["id"]
        for p in rel["partners"]
        if "subcontractor_of" not in p
        and p.get("joined_on", "") <= day <= p.get("left_on", "9999-12-31")
    }


def _record_problems(data: dict[str, Any], as_of: date) -> list[str]:
    """Records approved after the date, overdue for review, or joint and not signed by all.

    A joint record's signatories are those of its latest signing (its last review, else its
    approval): all the parties of that day must be among them.
    """
    problems = []
    joint_paths = ("relationship.exit_plan", *(f"stages.{s}" for s in JOINT_SECTIONS))
    for path, record in _records(data):
        if record["status"] != "approved" or not record.get("approved_on"):
            continue
        approved = date.fromisoformat(record["approved_on"])
        if approved > as_of:
            problems.append(f"{path}: approved after {as_of}")
        months = record.get("review_every_months")
        last = record.get("last_reviewed_on")
        if months and _plus_months(date.fromisoformat(last) if last else approved, months) < as_of:
            problems.append(f"{path}: review overdue")
        parties = _parties(data["relationship"], last or record["approved_on"])
        unsigned = parties - set(record.get("signatories") or parties)
        if path.startswith(joint_paths) and unsigned:
            problems.append(f"{path}: not signed by {sorted(unsigned)}")
    return problems


def _stands_for(person: dict[str, Any], day: str) -> set[str]:
    """The person's employer and each partner they act for by a representation in force."""
    return {person["partner_id"]} | {
        r["partner_id"]
        for r in person.get("acts_for", ())
        if r.get("from_on", "") <= day <= r.get("until_on", "9999-12-31")
    }


def _relationship_problems(rel: dict[str, Any], parties: set[str], day: str) -> list[str]:
    """No SER, a joint body missing a partner, an exit plan or live benefit missing essentials.

    A member stands for their employer and for each partner they act for on `day`.
    """
    people = {p["id"]: p for p in rel["people"]}
    problems = [] if any("ser" in p.get("roles", ()) for p in people.values()) else ["no SER"]
    for body in rel["governance"]["bodies"]:
        if body["kind"] in {"joint_management_team", "joint_executive_board"}:
            seated = {o for m in body["members"] for o in _stands_for(people[m], day)}
            missing = parties - seated
            problems += [f"{body['id']}: no member from {sorted(missing)}"] if missing else []
    plan = rel["exit_plan"]
    essentials = ("triggers", "continuity", "steps")
    problems += [f"exit plan: no {k}" for k in essentials if not plan.get(k)]
    for vp in rel["value_propositions"]:
        if vp["status"] in {"agreed", "in_delivery"}:
            problems += [] if vp.get("owner") else [f"{vp['id']}: no owner"]
            problems += [f"{b['id']}: no KPI" for b in vp["benefits"] if not b.get("kpi_id")]
    return problems


def _health_problems(data: dict[str, Any], as_of: date) -> list[str]:
    """What an auditor's first look finds wrong, computed here, independently of collabrel."""
    rel = data["relationship"]
    parties = _parties(rel, as_of.isoformat())
    return _record_problems(data, as_of) + _relationship_problems(rel, parties, as_of.isoformat())


@pytest.mark.parametrize("scenario", CONTROLS, ids=_ids(CONTROLS))
def test_control_is_healthy_by_construction(scenario: Scenario) -> None:
    data = _plants.healthy_data()
    if scenario.plant is not None:
        scenario.plant(data)
    assert _health_problems(data, scenario.as_of) == []


def test_the_health_check_sees_the_planted_families() -> None:
    for name in ("stale-policy", "record-after-audit-date", "jrmp-unsigned", "ser-role-unheld"):
        scenario = next(s for s in SCENARIOS if s.name == name)
        data = _plants.healthy_data()
        assert scenario.plant is not None
        scenario.plant(data)
        assert _health_problems(data, scenario.as_of), name


# ------------------------------------------------------------------ the scorer and the target
def test_every_loadable_scenario_is_scored() -> None:
    scores = _scores()
    assert [s.scenario for s in scores] == list(SCENARIOS)
    assert all(s.skipped is None for s in scores if s.scenario.pending is None)
    assert all(0 <= s.recall <= 1 and 0 <= s.precision <= 1 for s in scores)


def test_table_lists_every_scenario_and_the_totals() -> None:
    text = _score.table(list(_scores()))
    assert all(f"| {s.name} |" in text for s in SCENARIOS)
    assert "| overall |" in text


def test_overall_recall_and_precision_reach_the_target() -> None:
    overall = _score.totals(_scores())
    assert overall.recall >= TARGET
    assert overall.precision >= TARGET


def _finding(requirement: str, root: str | None = None) -> SimpleNamespace:
    return SimpleNamespace(requirement=requirement, result=Result.MINOR, root=root)


def test_scorer_counts_linked_consequences_as_precise_and_restatements_not() -> None:
    scenario = Scenario("s", "root-cause", None, frozenset({"R"}), frozenset({"C"}))
    findings = [_finding("R"), _finding("C"), _finding("L", root="R"), _finding("X")]
    outcomes = [SimpleNamespace(requirement=f.requirement, result=f.result) for f in findings]
    report = SimpleNamespace(outcomes=outcomes, findings=findings)
    reported, roots = _score.nonconformities(report)  # type: ignore[arg-type]
    assert reported == {"R", "C", "L", "X"}
    assert roots == {"R": set(), "C": set(), "L": {"R"}, "X": set()}
    score = _score.Score(scenario, reported, frozenset({"L"}))
    assert score.precise == {"R", "C", "L"}
    assert score.imprecise == {"X"}
    assert (score.recall, score.precision) == (1.0, 0.75)


def test_a_root_with_alternatives_is_found_under_either() -> None:
    scenario = Scenario("s", "exit", None, frozenset({"A|B"}))
    assert _score.Score(scenario, frozenset({"B"})).recall == 1.0
    assert _score.Score(scenario, frozenset({"C"})).recall == 0.0
    assert _score.Score(Scenario("c", "control", None), frozenset({"C"})).precision == 0.0
