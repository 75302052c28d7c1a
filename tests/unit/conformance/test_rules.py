"""Unit tests of the built-in conformance rules, one rule at a time, and of the rule registry.

Every built-in rule is run alone on a small bilateral plan (`_BASE_YAML`) where it conforms;
then exactly the record it checks is removed or damaged (`_with`, by document path) and the
finding must flip to the expected result, point at the damaged path, explain itself with a
failed check at that path, and carry a remediation.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, date, datetime, timedelta
from functools import cache
from typing import Any, Final, NamedTuple

import attrs
import pytest

from _builders import approved
from collabrel.conformance import (
    CatalogueError,
    Context,
    Judgement,
    Mode,
    RecordRule,
    Registry,
    Rule,
    RuleError,
    Severity,
    assess,
    builtin_rules,
    default_rules,
)
from collabrel.conformance.rules import RECORD_RULES
from collabrel.errors import CollabrelError, DocumentError, InvalidFieldError, NoRelationshipError
from collabrel.examples import load, text
from collabrel.lifecycle import StageStatus
from collabrel.model import (
    Action,
    ActionStatus,
    BodyKind,
    Candidate,
    Check,
    CriterionCategory,
    Event,
    EventKind,
    Finding,
    IdeaStatus,
    IssueStatus,
    Lesson,
    MaturityAssessment,
    Measurement,
    Objective,
    Override,
    Partner,
    PartnerRole,
    PersonRole,
    Policy,
    RaciAssignment,
    Record,
    RecordStatus,
    Relationship,
    RelationshipManagementPlan,
    Result,
    ReviewKind,
    RiskStatus,
    Stage,
    ValueStatus,
)
from collabrel.serialization import loads

AS_OF: Final = date(2026, 10, 31)
STANDARD: Final = "iso44001:2017"

# A small bilateral plan (client acme, supplier beta) in staying together, where every
# built-in rule conforms on AS_OF (lessons learnt: agreed, not exercised, as exit is not
# activated). Its paths are the document paths the rules report.
_BASE_YAML: Final = """
meta:
  schema_version: 1
  title: Test bilateral plan
  issued_on: 2026-09-01
  author: Test author
  status: approved
  owner: a.lead
  next_review_on: 2027-03-31
  approvals:
    - {person_id: a.ser, role: Senior Executive Responsible, partner_id: acme, "on": 2026-09-01}
scope:
  level: relationship
  description: Maintenance services under one term contract.
relationship:
  id: rel
  name: Acme and Beta partnership
  kind: bilateral
  partners:
    - {id: acme, name: Acme Ltd, role: client}
    - {id: beta, name: Beta Ltd, role: supplier}
  people:
    - {id: a.ser, name: Ann Ser, partner_id: acme, roles: [ser, executive_sponsor]}
    - id: a.lead
      name: Al Lead
      partner_id: acme
      roles: [relationship_manager, jmt_member, collaborative_leader, risk_owner]
    - {id: b.exec, name: Bo Exec, partner_id: beta, roles: [executive_sponsor]}
    - {id: b.lead, name: Bea Lead, partner_id: beta, roles: [jmt_member, risk_owner]}
  objectives:
    - {id: obj-joint, statement: Cut call-outs together., owner: a.lead,
       target_date: 2027-12-31, kpi_ids: [kpi-1]}
    - {id: obj-acme, statement: Lower the cost of maintenance., partner_id: acme,
       owner: a.ser, target_date: 2027-12-31}
  value_propositions:
    - id: vp-1
      statement: Lower cost through joint planning.
      beneficiaries: [acme, beta]
      status: agreed
      owner: a.lead
      benefits:
        - {id: b-1, description: Saving, measure: spend against budget, unit: GBP,
           target: 100, due_on: 2026-06-30, kpi_id: kpi-1}
      realised:
        - {benefit_id: b-1, amount: 40, "on": 2026-06-30}
  risks:
    - {id: risk-1, title: Key staff leave, owner: a.lead, likelihood: 3, impact: 4,
       mitigation: Cross-train, status: open, joint: true, review_on: 2027-01-31}
    - {id: risk-2, title: Late payment, owner: b.lead, likelihood: 2, impact: 2,
       status: open, review_on: 2027-02-28}
  kpis:
    - id: kpi-1
      name: Defects made safe in 24 hours
      unit: "%"
      target: 95
      direction: increase
      owner: b.lead
      frequency: monthly
      measurements:
        - {"on": 2026-09-30, value: 96}
        - {"on": 2026-10-15, value: 97}
  governance:
    bodies:
      - {id: jeb, name: Joint executive board, kind: joint_executive_board,
         members: [a.ser, b.exec], cadence: quarterly}
      - {id: jmt, name: Joint management team, kind: joint_management_team,
         members: [a.lead, b.lead], escalates_to: jeb, cadence: monthly}
    raci:
      activities:
        - id: act-plan
          name: Agree the annual plan
          assignments: [{party: jeb, codes: A}, {party: jmt, codes: R}]
        - id: act-report
          name: Report performance
          assignments: [{party: a.lead, codes: A}, {party: b.lead, codes: R}]
    decision_rights:
      - {decision: Approve changes, holder: jmt, limit: Up to GBP 10000}
  exit_plan:
    id: exit-plan
    title: Exit plan
    status: approved
    approved_by: a.ser
    approved_on: 2026-02-01
    review_every_months: 12
    signatories: [acme, beta]
    triggers: [{id: trig-1, description: The contract ends}]
    steps: [{description: Hand the asset data back to Acme, owner: beta}]
    transfers: [{kind: data, description: Asset data back to Acme}]
    continuity: [Beta keeps the service running for three months]
    future_relationship: Either partner may invite the other to tender again.
stages:
  awareness:
    policy: {id: policy, title: Policy, status: approved, approved_by: a.ser,
             approved_on: 2026-01-15, review_every_months: 12, business_objectives: [Lower cost]}
    ser_appointment: {id: ser-appointment, title: SER appointment, status: approved,
                      approved_by: a.ser, approved_on: 2026-01-10, person_id: a.ser,
                      role: Senior Executive Responsible}
    value_analysis: {id: value-analysis, title: Value analysis, status: approved,
                     approved_by: a.ser, approved_on: 2026-01-20}
    relationship_portfolio: {id: portfolio, title: Portfolio, status: approved,
                             approved_by: a.ser, approved_on: 2026-01-20, criteria: [Spend],
                             entries: [{name: Maintenance, priority: 1}]}
    initial_risk_assessment: {id: initial-risks, title: Initial risks, status: approved,
                              approved_by: a.ser, approved_on: 2026-01-20}
  knowledge:
    business_case: {id: business-case, title: Business case, status: approved,
                    approved_by: a.ser, approved_on: 2026-02-01, objectives: [Lower cost],
                    drivers: [Budget cuts], decision: go, decided_on: 2026-02-01,
                    decided_by: a.ser}
    knowledge_map: {id: knowledge-map, title: Knowledge map, status: approved,
                    approved_by: a.ser, approved_on: 2026-02-01, review_every_months: 12,
                    items: [{name: Asset data, sharing: can_share}]}
    skills_assessment: {id: skills, title: Skills, status: approved, approved_by: a.ser,
                        approved_on: 2026-02-01, review_every_months: 12}
    risk_management: {id: risk-approach, title: Risk approach, status: approved,
                      approved_by: a.ser, approved_on: 2026-02-01}
    exit_outline: {id: exit-outline, title: Exit outline, status: approved, approved_by: a.ser,
                   approved_on: 2026-02-01}
  internal_assessment:
    collaborative_profile: {id: profile, title: Profile, status: approved, approved_by: a.ser,
                            approved_on: 2026-02-10, review_every_months: 12,
                            strengths: [Data], weaknesses: [Trust]}
    gap_plan: {id: gap-plan, title: Gap plan, status: approved, approved_by: a.ser,
               approved_on: 2026-02-10, review_every_months: 12,
               actions: [{id: gap-1, description: Train the team, owner: a.lead,
                          due_on: 2027-03-31}]}
    competence_assessment: {id: competence, title: Competence, status: approved,
                            approved_by: a.ser, approved_on: 2026-02-10, review_every_months: 12}
    collaborative_leaders: [a.lead]
    selection_criteria:
      id: criteria
      title: Selection criteria
      status: approved
      approved_by: a.ser
      approved_on: 2026-02-10
      criteria:
        - {id: c-capability, name: Capability, category: capability, weight: 60}
        - {id: c-maturity, name: Collaborative maturity, category: collaborative_maturity,
           weight: 40}
  partner_selection:
    candidates:
      - {id: cand-beta, name: Beta Ltd, partner_id: beta, shortlisted: true}
    evaluations:
      - id: eval-beta
        title: Evaluation of Beta
        status: approved
        approved_by: a.ser
        approved_on: 2026-03-01
        candidate_id: cand-beta
        scores: [{criterion_id: c-capability, value: 4}, {criterion_id: c-maturity, value: 3}]
        due_diligence_done: true
        behavioural_assessment_done: true
    decision: {id: decision, title: Select Beta, status: approved, approved_by: a.ser,
               approved_on: 2026-03-05, selected: [cand-beta], rationale: Best overall score.}
    negotiation_approach: {id: negotiation, title: Negotiation approach, status: approved,
                           approved_by: a.ser, approved_on: 2026-03-05}
  working_together:
    joint_rmp: {id: joint-rmp, title: Joint RMP, status: approved, approved_by: a.ser,
                approved_on: 2026-04-01, review_every_months: 12, signatories: [acme, beta]}
    governance_terms: {id: governance-terms, title: Terms of reference, status: approved,
                       approved_by: a.ser, approved_on: 2026-04-01}
    contract: {id: contract, title: Term contract, status: approved, approved_by: a.ser,
               approved_on: 2026-04-01, signatories: [acme, beta]}
    communications_plan: {id: comms, title: Communications plan, status: approved,
                          approved_by: a.ser, approved_on: 2026-04-01, review_every_months: 12,
                          signatories: [acme, beta],
                          items: [{audience: Site teams, purpose: Weekly priorities}]}
    issue_resolution: {id: issue-procedure, title: Issue procedure, status: approved,
                       approved_by: a.ser, approved_on: 2026-04-01, review_every_months: 12,
                       signatories: [acme, beta]}
    knowledge_sharing: {id: knowledge-sharing, title: Knowledge sharing, status: approved,
                        approved_by: a.ser, approved_on: 2026-04-01, review_every_months: 12,
                        signatories: [acme, beta]}
  value_creation:
    innovation_process: {id: innovation, title: Innovation process, status: approved,
                         approved_by: a.ser, approved_on: 2026-05-01, review_every_months: 12,
                         signatories: [acme, beta]}
    ideas:
      - {id: idea-1, title: Night-time inspections, status: implemented, proposed_by: beta,
         decided_on: 2026-06-01}
  staying_together:
    reviews:
      - {id: review-1, title: Management review, status: approved, approved_by: a.ser,
         approved_on: 2026-10-01, signatories: [acme, beta], held_on: 2026-10-01,
         kind: management, attendees: [a.ser, b.exec]}
    issue_log:
      - {id: iss-1, description: Access to site, raised_on: 2026-09-01, severity: 2,
         status: resolved, resolved_on: 2026-09-20, resolution: New permits issued.}
    corrective_actions:
      - {id: ca-1, description: Fix the permit process, owner: a.lead, due_on: 2026-12-31,
         status: open}
    maturity_assessments:
      - {assessed_on: 2026-06-30, levels: [{stage: working_together, level: 3}]}
    health_surveys:
      - {id: hs-1, held_on: 2026-09-15,
         responses: [{respondent: a.lead, dimension: trust, score: 4},
                     {respondent: b.lead, dimension: trust, score: 4}]}
history:
  - {kind: start, stage: awareness, at: "2026-01-05T09:00:00+00:00", actor: a.ser}
  - {kind: complete, stage: awareness, at: "2026-01-30T09:00:00+00:00", actor: a.ser}
  - {kind: start, stage: knowledge, at: "2026-01-31T09:00:00+00:00", actor: a.lead}
  - {kind: start, stage: internal_assessment, at: "2026-02-01T09:00:00+00:00", actor: a.lead}
  - {kind: complete, stage: knowledge, at: "2026-02-05T09:00:00+00:00", actor: a.ser}
  - {kind: complete, stage: internal_assessment, at: "2026-02-15T09:00:00+00:00", actor: a.ser}
  - {kind: start, stage: partner_selection, at: "2026-02-16T09:00:00+00:00", actor: a.lead}
  - {kind: complete, stage: partner_selection, at: "2026-03-05T09:00:00+00:00", actor: a.ser}
  - {kind: start, stage: working_together, at: "2026-03-09T09:00:00+00:00", actor: a.lead}
  - {kind: complete, stage: working_together, at: "2026-04-01T09:00:00+00:00", actor: a.lead}
  - {kind: start, stage: value_creation, at: "2026-04-06T09:00:00+00:00", actor: a.lead}
  - {kind: complete, stage: value_creation, at: "2026-05-01T09:00:00+00:00", actor: a.lead}
  - {kind: start, stage: staying_together, at: "2026-05-04T09:00:00+00:00", actor: a.lead}
"""

_TOKEN: Final = re.compile(r"[^.\[\]]+|\[\d+\]")


def _tokens(path: str) -> list[str | int]:
    return [int(t[1:-1]) if t.startswith("[") else t for t in _TOKEN.findall(path)]


def _apply(obj: Any, changes: list[tuple[list[str | int], Any]]) -> Any:
    """`obj` with each (tokens, value) change made, every object rebuilt once, bottom up."""
    if any(not tokens for tokens, _ in changes):
        assert len(changes) == 1, "a path and one of its sub-paths both changed"
        return changes[0][1]
    groups: dict[str | int, list[tuple[list[str | int], Any]]] = {}
    for tokens, value in changes:
        groups.setdefault(tokens[0], []).append((tokens[1:], value))
    if isinstance(obj, tuple):
        items = list(obj)
        for index, sub in groups.items():
            assert isinstance(index, int), f"{index!r} on a sequence"
            items[index] = _apply(items[index], sub)
        return tuple(items)
    return attrs.evolve(obj, **{str(k): _apply(getattr(obj, str(k)), v) for k, v in groups.items()})


def _with(
    rmp: RelationshipManagementPlan, changes: Mapping[str, Any]
) -> RelationshipManagementPlan:
    """`rmp` with the values at the given document paths replaced (the plan is rebuilt once).

    >>> plan = _with(_base(), {"stages.awareness.policy.status": RecordStatus.DRAFT})
    >>> plan.stages.awareness.policy.status.value
    'draft'
    """
    changed = _apply(rmp, [(_tokens(p), v) for p, v in changes.items()])
    assert isinstance(changed, RelationshipManagementPlan)
    return changed


def _rel(rmp: RelationshipManagementPlan | None = None) -> Relationship:
    """The relationship of `rmp` (by default the base plan)."""
    rel = (rmp or _base()).relationship
    assert rel is not None
    return rel


@cache
def _base() -> RelationshipManagementPlan:
    return loads(_BASE_YAML, "yaml", source="test plan")


@cache
def _exited() -> RelationshipManagementPlan:
    """The base plan with exit activated, a joint transition plan and lessons learnt."""
    base = _base()
    activate = Event(
        kind=EventKind.ACTIVATE_EXIT, at=datetime(2026, 10, 20, 9, tzinfo=UTC), actor="a.ser"
    )
    transition = approved(
        Record,
        "transition-plan",
        "Transition plan",
        date(2026, 10, 20),
        approved_by="a.ser",
        signatories=["acme", "beta"],
    )
    return _with(
        base,
        {
            "history": (*base.history, activate),
            "stages.exit_strategy.transition_plan": transition,
            "stages.exit_strategy.lessons_learnt": [
                Lesson(on=date(2026, 10, 25), text="Plan the handover early.")
            ],
        },
    )


@cache
def _before_value_creation() -> RelationshipManagementPlan:
    """The base plan back in working together: no value creation or staying together yet.

    Nothing shows those stages being exercised either: no records in their sections, no KPI
    measured and no value realised.
    """
    base = _base()
    rel = base.relationship
    assert rel is not None
    return _with(
        base,
        {
            "history": base.history[:10],
            "stages.value_creation": type(base.stages.value_creation)(),
            "stages.staying_together": type(base.stages.staying_together)(),
            "relationship.kpis": tuple(attrs.evolve(k, measurements=()) for k in rel.kpis),
            "relationship.value_propositions": tuple(
                attrs.evolve(vp, realised=()) for vp in rel.value_propositions
            ),
        },
    )


@cache
def _after_awareness() -> RelationshipManagementPlan:
    """The base plan with only awareness done and recorded.

    Nothing shows a later stage being exercised: no joint governance set up, no KPI measured,
    no value realised.
    """
    base = _base()
    rel = base.relationship
    assert rel is not None
    return _with(
        base,
        {
            "history": base.history[:2],
            "stages": type(base.stages)(awareness=base.stages.awareness),
            "relationship.governance": type(rel.governance)(),
            "relationship.kpis": tuple(attrs.evolve(k, measurements=()) for k in rel.kpis),
            "relationship.value_propositions": tuple(
                attrs.evolve(vp, realised=()) for vp in rel.value_propositions
            ),
        },
    )


_DOCS: Final = {
    "base": _base,
    "exited": _exited,
    "before_vc": _before_value_creation,
    "after_awareness": _after_awareness,
}

_RULES: Final = {r.id: r for r in builtin_rules()}
_DEFAULT: Final = default_rules()


@cache
def _one(rule_id: str) -> Registry:
    return _DEFAULT.select(ids=[rule_id])


def _findings(rmp: RelationshipManagementPlan, rule_id: str, as_of: date = AS_OF) -> list[Finding]:
    """The findings of the built-in rule `rule_id` alone, one per requirement it judges."""
    report = assess(rmp, STANDARD, as_of=as_of, rules=_one(rule_id))
    found = [f for q in _RULES[rule_id].requirements for f in report.findings_for(q)]
    assert len(found) == len(_RULES[rule_id].requirements)
    return found


def _finding(rmp: RelationshipManagementPlan, rule_id: str, as_of: date = AS_OF) -> Finding:
    return _findings(rmp, rule_id, as_of)[0]


def _failed(finding: Finding, path: str) -> list[Check]:
    return [c for c in finding.explanation if c.passed is False and c.path == path]


# ------------------------------------------------------------------------------ the base plans


def test_the_base_plan_loads_with_two_partners_in_staying_together() -> None:
    ctx = Context(_base(), AS_OF)
    assert ctx.partner_ids == ("acme", "beta")
    assert ctx.reached(Stage.STAYING_TOGETHER)
    assert not ctx.reached(Stage.EXIT_STRATEGY)
    assert not ctx.exit_activated
    assert ctx.history_error is None


@pytest.mark.parametrize("rule", builtin_rules(), ids=lambda r: r.id)
def test_every_rule_conforms_on_the_base_plan(rule: Rule) -> None:
    doc = _exited() if rule.id == "CR.S8.LESSONS" else _base()
    for finding in _findings(doc, rule.id):
        assert finding.result is Result.CONFORMS, finding.message
        assert finding.remediation is None
        assert finding.explanation, "a conformity is explained too"
        assert all(c.passed is not False for c in finding.explanation)
        assert finding.paths, "a conformity points at the records it looked at"


def test_every_rule_conforms_on_the_exited_plan() -> None:
    report = assess(_exited(), STANDARD, as_of=AS_OF)
    judged = [f for f in report.findings if f.result is not Result.NOT_ASSESSABLE]
    assert len(judged) == sum(len(r.requirements) for r in builtin_rules())
    assert [f for f in judged if f.result is not Result.CONFORMS] == []


def test_with_rebuilds_the_plan_and_rejects_dangling_references() -> None:
    changed = _with(_base(), {"relationship.governance.bodies[1].members": ["a.lead"]})
    assert _rel(changed).governance.bodies[1].members == ("a.lead",)
    assert _rel().governance.bodies[1].members == ("a.lead", "b.lead")
    with pytest.raises(DocumentError):
        _with(_base(), {"relationship.risks[0].owner": "nobody"})


# ------------------------------------------------------------------------------ one rule at a time


class Case(NamedTuple):
    """A damage to the plan and what the rule must then find."""

    rule: str
    name: str
    change: Mapping[str, Any]
    result: Result
    path: str
    observed: str = ""
    doc: str = "base"


_DRAFT: Final = RecordStatus.DRAFT
_OLD: Final = date(2025, 1, 2)  # a last review more than 12 months before AS_OF

_NO_KPIS: Final = {  # every KPI and every reference to one removed
    "relationship.kpis": (),
    "relationship.objectives[0].kpi_ids": (),
    "relationship.value_propositions[0].benefits[0].kpi_id": None,
}
_NO_CRITERIA: Final = {
    "stages.internal_assessment.selection_criteria.criteria": (),
    "stages.partner_selection.evaluations[0].scores": (),
}


def _action(**kw: Any) -> Action:
    return Action(**{"id": "x-1", "description": "Do it", **kw})


# fmt: off
_CASES: Final[tuple[Case, ...]] = (
    # ---------------------------------------------------------------- 1 Awareness
    Case("CR.S1.SER", "missing", {"stages.awareness.ser_appointment": None}, Result.MAJOR,
         "stages.awareness.ser_appointment", "missing"),
    Case("CR.S1.SER", "nobody-holds-the-role",
         {"relationship.people[0].roles": [PersonRole.EXECUTIVE_SPONSOR]}, Result.MAJOR,
         "relationship.people", "nobody holds the 'ser' role"),
    Case("CR.S1.SER", "appointee-not-ser", {"stages.awareness.ser_appointment.person_id": "a.lead"},
         Result.MINOR, "stages.awareness.ser_appointment.person_id", "Al Lead (a.lead"),
    Case("CR.S1.SER", "draft", {"stages.awareness.ser_appointment.status": _DRAFT}, Result.MINOR,
         "stages.awareness.ser_appointment.status", "status draft"),
    Case("CR.S1.POLICY", "missing", {"stages.awareness.policy": None}, Result.MAJOR,
         "stages.awareness.policy", "missing"),
    Case("CR.S1.POLICY", "overdue", {"stages.awareness.policy.approved_on": _OLD}, Result.MINOR,
         "stages.awareness.policy.last_reviewed_on", "due 2026-01-02"),
    Case("CR.S1.POLICY", "draft", {"stages.awareness.policy.status": _DRAFT}, Result.MINOR,
         "stages.awareness.policy.status", "status draft"),
    Case("CR.S1.POLICY", "no-objectives", {"stages.awareness.policy.business_objectives": ()},
         Result.MINOR, "stages.awareness.policy.business_objectives", "none recorded"),
    Case("CR.S1.POLICY", "approved-by-non-ser", {"stages.awareness.policy.approved_by": "a.lead"},
         Result.MINOR, "stages.awareness.policy.approved_by", "approved by Al Lead (a.lead"),
    # value propositions alone are evidence enough: a draft analysis beside them is no fault
    Case("CR.S1.VALUE", "no-analysis-no-proposition",
         {"stages.awareness.value_analysis": None, "relationship.value_propositions": ()},
         Result.MAJOR, "stages.awareness.value_analysis",
         "no value analysis and no value proposition"),
    Case("CR.S1.VALUE", "draft-and-no-proposition",
         {"stages.awareness.value_analysis.status": _DRAFT, "relationship.value_propositions": ()},
         Result.MINOR, "stages.awareness.value_analysis.status", "status draft"),
    Case("CR.S1.PRIORITISATION", "missing", {"stages.awareness.relationship_portfolio": None},
         Result.MINOR, "stages.awareness.relationship_portfolio", "missing"),
    Case("CR.S1.PRIORITISATION", "no-criteria",
         {"stages.awareness.relationship_portfolio.criteria": ()}, Result.MINOR,
         "stages.awareness.relationship_portfolio.criteria", "none recorded"),
    Case("CR.S1.PRIORITISATION", "no-entries",
         {"stages.awareness.relationship_portfolio.entries": ()}, Result.MINOR,
         "stages.awareness.relationship_portfolio.entries", "none recorded"),
    Case("CR.S1.RISK", "no-view",
         {"stages.awareness.initial_risk_assessment": None, "relationship.risks": ()}, Result.MAJOR,
         "stages.awareness.initial_risk_assessment", "none"),
    Case("CR.S1.RMP", "plan-draft", {"meta.status": _DRAFT}, Result.MAJOR, "meta.status",
         "status draft"),
    Case("CR.S1.RMP", "no-approvals", {"meta.approvals": ()}, Result.MINOR, "meta.approvals",
         "none recorded"),
    Case("CR.S1.RMP", "approved-by-non-ser", {"meta.approvals[0].person_id": "a.lead"},
         Result.MINOR, "meta.approvals", "Al Lead (a.lead"),
    Case("CR.S1.RMP", "review-overdue", {"meta.next_review_on": date(2026, 10, 1)}, Result.MINOR,
         "meta.next_review_on", "next review 2026-10-01"),
    Case("CR.S1.RMP", "no-owner", {"meta.owner": None}, Result.MINOR, "meta.owner", "no owner"),
    # ---------------------------------------------------------------- 2 Knowledge
    Case("CR.S2.BUSINESS_CASE", "missing", {"stages.knowledge.business_case": None}, Result.MAJOR,
         "stages.knowledge.business_case", "missing"),
    Case("CR.S2.BUSINESS_CASE", "no-decision", {"stages.knowledge.business_case.decision": None},
         Result.MAJOR, "stages.knowledge.business_case.decision", "no decision"),
    Case("CR.S2.BUSINESS_CASE", "draft", {"stages.knowledge.business_case.status": _DRAFT},
         Result.MINOR, "stages.knowledge.business_case.status", "status draft"),
    Case("CR.S2.BUSINESS_CASE", "no-objectives", {"stages.knowledge.business_case.objectives": ()},
         Result.MINOR, "stages.knowledge.business_case.objectives", "none recorded"),
    Case("CR.S2.BUSINESS_CASE", "decider-unknown",
         {"stages.knowledge.business_case.decided_by": None}, Result.MINOR,
         "stages.knowledge.business_case.decided_by", "not recorded"),
    Case("CR.S2.BUSINESS_CASE", "approved-by-non-ser",
         {"stages.knowledge.business_case.approved_by": "b.exec"}, Result.MINOR,
         "stages.knowledge.business_case.approved_by", "approved by Bo Exec (b.exec"),
    Case("CR.S2.KNOWLEDGE_MAP", "missing", {"stages.knowledge.knowledge_map": None}, Result.MAJOR,
         "stages.knowledge.knowledge_map", "missing"),
    Case("CR.S2.KNOWLEDGE_MAP", "no-items", {"stages.knowledge.knowledge_map.items": ()},
         Result.MINOR, "stages.knowledge.knowledge_map.items", "none recorded"),
    Case("CR.S2.KNOWLEDGE_MAP", "overdue", {"stages.knowledge.knowledge_map.approved_on": _OLD},
         Result.MINOR, "stages.knowledge.knowledge_map.last_reviewed_on", "review every 12 months"),
    Case("CR.S2.RISK", "no-register", {"relationship.risks": ()}, Result.MAJOR,
         "relationship.risks", "none recorded"),
    Case("CR.S2.RISK", "no-approach", {"stages.knowledge.risk_management": None}, Result.MINOR,
         "stages.knowledge.risk_management", "missing"),
    Case("CR.S2.EXIT_OUTLINE", "no-outline-no-plan",
         {"stages.knowledge.exit_outline": None, "relationship.exit_plan": None}, Result.MAJOR,
         "stages.knowledge.exit_outline", "no outline and no exit plan"),
    # ---------------------------------------------------------------- 3 Internal assessment
    Case("CR.S3.PROFILE", "missing", {"stages.internal_assessment.collaborative_profile": None},
         Result.MAJOR, "stages.internal_assessment.collaborative_profile", "missing"),
    Case("CR.S3.PROFILE", "no-weaknesses",
         {"stages.internal_assessment.collaborative_profile.weaknesses": ()}, Result.MINOR,
         "stages.internal_assessment.collaborative_profile.weaknesses",
         "1 strength, 0 weaknesses"),
    Case("CR.S3.PROFILE", "no-strengths",
         {"stages.internal_assessment.collaborative_profile.strengths": ()}, Result.MINOR,
         "stages.internal_assessment.collaborative_profile.strengths", "0 strengths, 1 weakness"),
    Case("CR.S3.PROFILE", "neither",
         {"stages.internal_assessment.collaborative_profile.strengths": (),
          "stages.internal_assessment.collaborative_profile.weaknesses": ()}, Result.MINOR,
         "stages.internal_assessment.collaborative_profile.strengths",
         "0 strengths, 0 weaknesses"),
    Case("CR.S3.PROFILE", "draft",
         {"stages.internal_assessment.collaborative_profile.status": _DRAFT}, Result.MINOR,
         "stages.internal_assessment.collaborative_profile.status", "status draft"),
    Case("CR.S3.GAP_PLAN", "missing", {"stages.internal_assessment.gap_plan": None}, Result.MAJOR,
         "stages.internal_assessment.gap_plan", "missing"),
    Case("CR.S3.GAP_PLAN", "no-actions", {"stages.internal_assessment.gap_plan.actions": ()},
         Result.MINOR, "stages.internal_assessment.gap_plan.actions", "none recorded"),
    Case("CR.S3.GAP_PLAN", "unowned-action",
         {"stages.internal_assessment.gap_plan.actions[0].owner": None}, Result.MINOR,
         "stages.internal_assessment.gap_plan.actions[0]", "owner none"),
    Case("CR.S3.GAP_PLAN", "overdue-action",
         {"stages.internal_assessment.gap_plan.actions[0].due_on": date(2026, 9, 30)}, Result.MINOR,
         "stages.internal_assessment.gap_plan.actions[0].due_on", "due 2026-09-30"),
    Case("CR.S3.LEADERS", "none",
         {"stages.internal_assessment.collaborative_leaders": (),
          "relationship.people[1].roles": [PersonRole.JMT_MEMBER]}, Result.MAJOR,
         "stages.internal_assessment.collaborative_leaders", "none named"),
    Case("CR.S3.SELECTION_CRITERIA", "missing",
         {"stages.internal_assessment.selection_criteria": None,
          "stages.partner_selection.evaluations[0].scores": ()}, Result.MAJOR,
         "stages.internal_assessment.selection_criteria", "missing"),
    Case("CR.S3.SELECTION_CRITERIA", "no-criteria", _NO_CRITERIA, Result.MAJOR,
         "stages.internal_assessment.selection_criteria.criteria", "none recorded"),
    Case("CR.S3.SELECTION_CRITERIA", "no-weights",
         {"stages.internal_assessment.selection_criteria.criteria[0].weight": 0,
          "stages.internal_assessment.selection_criteria.criteria[1].weight": 0}, Result.MINOR,
         "stages.internal_assessment.selection_criteria.criteria", "total weight 0"),
    Case("CR.S3.SELECTION_CRITERIA", "price-only",
         {"stages.internal_assessment.selection_criteria.criteria[1].category":
          CriterionCategory.PRICE},
         Result.MINOR, "stages.internal_assessment.selection_criteria.criteria",
         "0% of the weight"),
    Case("CR.S3.SELECTION_CRITERIA", "draft",
         {"stages.internal_assessment.selection_criteria.status": _DRAFT}, Result.MINOR,
         "stages.internal_assessment.selection_criteria.status", "status draft"),
    # ---------------------------------------------------------------- 4 Partner selection
    Case("CR.S4.NOMINATION", "no-candidates",
         {"stages.partner_selection.candidates": (),
          "stages.partner_selection.evaluations": (), "stages.partner_selection.decision": None},
         Result.MAJOR, "stages.partner_selection.candidates", "none recorded"),
    Case("CR.S4.NOMINATION", "no-shortlist",
         {"stages.partner_selection.candidates[0].shortlisted": False}, Result.MINOR,
         "stages.partner_selection.candidates", "nobody shortlisted"),
    Case("CR.S4.EVALUATION", "no-evaluations", {"stages.partner_selection.evaluations": ()},
         Result.MAJOR, "stages.partner_selection.evaluations", "none recorded"),
    Case("CR.S4.EVALUATION", "shortlisted-not-evaluated",
         {"stages.partner_selection.candidates": (
             *_base().stages.partner_selection.candidates,
             Candidate(id="cand-gamma", name="Gamma Ltd", shortlisted=True))},
         Result.MINOR, "stages.partner_selection.candidates[1]", "no evaluation"),
    Case("CR.S4.EVALUATION", "criterion-not-scored",
         {"stages.partner_selection.evaluations[0].scores":
          _base().stages.partner_selection.evaluations[0].scores[:1]},
         Result.MINOR, "stages.partner_selection.evaluations[0].scores",
         "not scored on c-maturity"),
    Case("CR.S4.EVALUATION", "no-criteria", _NO_CRITERIA, Result.MAJOR,
         "stages.internal_assessment.selection_criteria.criteria", "none recorded"),
    Case("CR.S4.DUE_DILIGENCE", "no-decision", {"stages.partner_selection.decision": None},
         Result.MAJOR, "stages.partner_selection.decision.selected", "none recorded"),
    Case("CR.S4.DUE_DILIGENCE", "no-evaluation", {"stages.partner_selection.evaluations": ()},
         Result.MINOR, "stages.partner_selection.evaluations", "no evaluation"),
    Case("CR.S4.DUE_DILIGENCE", "not-done",
         {"stages.partner_selection.evaluations[0].due_diligence_done": False}, Result.MINOR,
         "stages.partner_selection.evaluations[0].due_diligence_done", "not done"),
    Case("CR.S4.DUE_DILIGENCE", "no-behavioural-assessment",
         {"stages.partner_selection.evaluations[0].behavioural_assessment_done": False},
         Result.MINOR, "stages.partner_selection.evaluations[0].behavioural_assessment_done",
         "not done"),
    Case("CR.S4.DECISION", "missing", {"stages.partner_selection.decision": None}, Result.MAJOR,
         "stages.partner_selection.decision", "missing"),
    Case("CR.S4.DECISION", "nobody-selected", {"stages.partner_selection.decision.selected": ()},
         Result.MAJOR, "stages.partner_selection.decision.selected", "none recorded"),
    Case("CR.S4.DECISION", "no-evaluations", {"stages.partner_selection.evaluations": ()},
         Result.MAJOR, "stages.partner_selection.decision", "no evaluation of cand-beta"),
    Case("CR.S4.DECISION", "no-criteria",
         {"stages.internal_assessment.selection_criteria": None,
          "stages.partner_selection.evaluations[0].scores": ()}, Result.MAJOR,
         "stages.internal_assessment.selection_criteria", "no selection criteria"),
    Case("CR.S4.DECISION", "draft", {"stages.partner_selection.decision.status": _DRAFT},
         Result.MINOR, "stages.partner_selection.decision.status", "status draft"),
    Case("CR.S4.DECISION", "no-rationale", {"stages.partner_selection.decision.rationale": None},
         Result.MINOR, "stages.partner_selection.decision.rationale", "none recorded"),
    Case("CR.S4.DECISION", "approved-by-non-ser",
         {"stages.partner_selection.decision.approved_by": "a.lead"}, Result.MINOR,
         "stages.partner_selection.decision.approved_by", "approved by Al Lead (a.lead"),
    Case("CR.S4.JOINT_OBJECTIVES", "only-own-objectives",
         {"relationship.objectives[0].partner_id": "beta"}, Result.MAJOR, "relationship.objectives",
         "objectives belong to: acme, beta"),
    # ---------------------------------------------------------------- 5 Working together
    Case("CR.S5.JOINT_RMP", "missing", {"stages.working_together.joint_rmp": None}, Result.MAJOR,
         "stages.working_together.joint_rmp", "missing"),
    Case("CR.S5.JOINT_RMP", "unsigned", {"stages.working_together.joint_rmp.signatories": ["acme"]},
         Result.MAJOR, "stages.working_together.joint_rmp.signatories", "not by beta"),
    Case("CR.S5.JOINT_RMP", "draft", {"stages.working_together.joint_rmp.status": _DRAFT},
         Result.MINOR, "stages.working_together.joint_rmp.status", "status draft"),
    Case("CR.S5.JOINT_RMP", "overdue", {"stages.working_together.joint_rmp.approved_on": _OLD},
         Result.MINOR, "stages.working_together.joint_rmp.last_reviewed_on", "due 2026-01-02"),
    Case("CR.S5.JOINT_RMP", "approved-by-non-ser",
         {"stages.working_together.joint_rmp.approved_by": "b.lead"}, Result.MINOR,
         "stages.working_together.joint_rmp.approved_by", "approved by Bea Lead (b.lead"),
    Case("CR.S5.GOVERNANCE", "no-joint-body",
         {"relationship.governance.bodies[0].kind": BodyKind.STEERING_COMMITTEE,
          "relationship.governance.bodies[1].kind": BodyKind.WORKING_GROUP}, Result.MAJOR,
         "relationship.governance.bodies", "no joint body"),
    Case("CR.S5.GOVERNANCE", "one-sided-team",
         {"relationship.governance.bodies[1].members": ["a.lead", "a.ser"]}, Result.MINOR,
         "relationship.governance.bodies[1].members", "none from beta"),
    Case("CR.S5.GOVERNANCE", "no-terms", {"stages.working_together.governance_terms": None},
         Result.MINOR, "stages.working_together.governance_terms", "none"),
    Case("CR.S5.SPONSORS", "no-sponsor-at-beta", {"relationship.people[2].roles": ()}, Result.MINOR,
         "relationship.people", "nobody with the executive_sponsor or ser role"),
    Case("CR.S5.RACI", "empty", {"relationship.governance.raci.activities": ()}, Result.MAJOR,
         "relationship.governance.raci.activities", "none recorded"),
    Case("CR.S5.RACI", "two-accountable",
         {"relationship.governance.raci.activities[1].assignments[1]":
          RaciAssignment(party="b.lead", codes="AR")},
         Result.MAJOR, "relationship.governance.raci.activities[1]",
         "GOV.RACI.MULTIPLE_ACCOUNTABLE"),
    Case("CR.S5.RACI", "nobody-accountable",
         {"relationship.governance.raci.activities[1].assignments[0]":
          RaciAssignment(party="a.lead", codes="C")},
         Result.MAJOR, "relationship.governance.raci.activities[1]", "GOV.RACI.NO_ACCOUNTABLE"),
    Case("CR.S5.RACI", "nobody-responsible",
         {"relationship.governance.raci.activities[1].assignments[1]":
          RaciAssignment(party="b.lead", codes="C")},
         Result.MAJOR, "relationship.governance.raci.activities[1]", "GOV.RACI.NO_RESPONSIBLE"),
    Case("CR.S5.RACI", "unassigned",
         {"relationship.governance.raci.activities[1].assignments": ()},
         Result.MAJOR, "relationship.governance.raci.activities[1]", "GOV.RACI.UNASSIGNED"),
    Case("CR.S5.RACI", "conflicting-codes",
         {"relationship.governance.raci.activities[1].assignments[1]":
          RaciAssignment(party="b.lead", codes="RC")},
         Result.MINOR, "relationship.governance.raci.activities[1].assignments[1]",
         "GOV.RACI.CONFLICTING_CODES"),
    Case("CR.S5.ESCALATION", "loop", {"relationship.governance.bodies[0].escalates_to": "jmt"},
         Result.MAJOR, "relationship.governance.bodies[0].escalates_to", "jeb -> jmt -> jeb"),
    Case("CR.S5.ESCALATION", "one-sided-top",
         {"relationship.governance.bodies[0].members": ["a.ser"]}, Result.MINOR,
         "relationship.governance.bodies", "top: jeb"),
    Case("CR.S5.ESCALATION", "no-decision-rights", {"relationship.governance.decision_rights": ()},
         Result.MINOR, "relationship.governance.decision_rights", "none recorded"),
    Case("CR.S5.ESCALATION", "no-bodies",
         {"relationship.governance.bodies": (),
          "relationship.governance.raci.activities": (),
          "relationship.governance.decision_rights": ()}, Result.MAJOR,
         "relationship.governance.bodies", "none recorded"),
    Case("CR.S5.JOINT_RISK", "no-register", {"relationship.risks": ()}, Result.MAJOR,
         "relationship.risks", "none recorded"),
    Case("CR.S5.JOINT_RISK", "nothing-joint", {"relationship.risks[0].joint": False}, Result.MINOR,
         "relationship.risks", "none recorded"),
    Case("CR.S5.JOINT_RISK", "one-sided-owners", {"relationship.risks[1].owner": "a.ser"},
         Result.MINOR, "relationship.risks", "owners from acme (2); none from beta"),
    Case("CR.S5.COMMUNICATIONS", "missing", {"stages.working_together.communications_plan": None},
         Result.MAJOR, "stages.working_together.communications_plan", "missing"),
    Case("CR.S5.COMMUNICATIONS", "no-items",
         {"stages.working_together.communications_plan.items": ()}, Result.MAJOR,
         "stages.working_together.communications_plan.items", "none recorded"),
    Case("CR.S5.COMMUNICATIONS", "unsigned",
         {"stages.working_together.communications_plan.signatories": ["beta"]}, Result.MINOR,
         "stages.working_together.communications_plan.signatories", "not by acme"),
    Case("CR.S5.PERFORMANCE", "no-kpis", _NO_KPIS, Result.MAJOR, "relationship.kpis",
         "none recorded"),
    Case("CR.S5.PERFORMANCE", "joint-objective-unmeasured",
         {"relationship.objectives[0].kpi_ids": ()}, Result.MINOR,
         "relationship.objectives[0].kpi_ids", "no KPI"),
    Case("CR.S5.PERFORMANCE", "no-joint-objective",
         {"relationship.objectives[0].partner_id": "beta"}, Result.MINOR, "relationship.objectives",
         "no joint objective"),
    Case("CR.S5.PERFORMANCE", "benefit-unmeasured",
         {"relationship.value_propositions[0].benefits[0].kpi_id": None}, Result.MINOR,
         "relationship.value_propositions[0].benefits[0].kpi_id", "tied to no KPI"),
    # ---------------------------------------------------------------- 6 Value creation
    Case("CR.S6.VALUE", "no-propositions", {"relationship.value_propositions": ()}, Result.MAJOR,
         "relationship.value_propositions", "none recorded"),
    Case("CR.S6.VALUE", "nothing-for-beta",
         {"relationship.value_propositions[0].beneficiaries": ["acme"]}, Result.MINOR,
         "relationship.value_propositions", "nothing for beta"),
    Case("CR.S6.VALUE", "only-proposed",
         {"relationship.value_propositions[0].status": ValueStatus.PROPOSED}, Result.MINOR,
         "relationship.value_propositions[0].status", "status proposed"),
    Case("CR.S6.IDEAS", "no-register", {"stages.value_creation.ideas": ()}, Result.MAJOR,
         "stages.value_creation.ideas", "none recorded"),
    Case("CR.S6.IDEAS", "undated-decision", {"stages.value_creation.ideas[0].decided_on": None},
         Result.MINOR, "stages.value_creation.ideas[0].decided_on",
         "implemented, no decision date"),
    Case("CR.S6.BENEFITS", "nothing-realised", {"relationship.value_propositions[0].realised": ()},
         Result.MINOR, "relationship.value_propositions[0].realised", "0 GBP of 100"),
    # ---------------------------------------------------------------- 7 Staying together
    Case("CR.S7.REVIEWS", "none", {"stages.staying_together.reviews": ()}, Result.MAJOR,
         "stages.staying_together.reviews", "none recorded"),
    Case("CR.S7.REVIEWS", "too-long-ago",
         {"stages.staying_together.reviews[0].held_on": date(2026, 4, 1)}, Result.MINOR,
         "stages.staying_together.reviews", "last review 2026-04-01"),
    Case("CR.S7.REVIEWS", "unsigned", {"stages.staying_together.reviews[0].signatories": ["acme"]},
         Result.MINOR, "stages.staying_together.reviews[0].signatories", "not by beta"),
    Case("CR.S7.MEASUREMENT", "no-kpis", _NO_KPIS, Result.MAJOR, "relationship.kpis",
         "none recorded"),
    Case("CR.S7.MEASUREMENT", "not-measured-lately",
         {"relationship.kpis[0].measurements": [Measurement(on=date(2026, 6, 30), value=96)]},
         Result.MINOR, "relationship.kpis[0].measurements", "last measured 2026-06-30"),
    Case("CR.S7.MEASUREMENT", "off-track", {"relationship.kpis[0].measurements[1].value": 80},
         Result.OBSERVATION, "relationship.kpis[0].measurements", "off track, latest 80"),
    Case("CR.S7.HEALTH", "none", {"stages.staying_together.health_surveys": ()}, Result.MAJOR,
         "stages.staying_together.health_surveys", "none recorded"),
    Case("CR.S7.HEALTH", "stale",
         {"stages.staying_together.health_surveys[0].held_on": date(2025, 9, 15)}, Result.MINOR,
         "stages.staying_together.health_surveys[0].held_on", "held 2025-09-15"),
    Case("CR.S7.HEALTH", "one-sided",
         {"stages.staying_together.health_surveys[0].responses":
          _base().stages.staying_together.health_surveys[0].responses[:1]},
         Result.MINOR, "stages.staying_together.health_surveys[0].responses", "none from beta"),
    Case("CR.S7.RISK_REVIEW", "overdue", {"relationship.risks[1].review_on": date(2026, 5, 31)},
         Result.MINOR, "relationship.risks[1].review_on", "review on 2026-05-31"),
    Case("CR.S7.RISK_REVIEW", "undated", {"relationship.risks[0].review_on": None}, Result.MINOR,
         "relationship.risks[0].review_on", "no review date"),
    Case("CR.S7.ISSUES", "escalated-nowhere",
         {"stages.staying_together.issue_log[0].status": IssueStatus.ESCALATED}, Result.MINOR,
         "stages.staying_together.issue_log[0].escalated_to", "no body"),
    Case("CR.S7.ISSUES", "resolved-unrecorded",
         {"stages.staying_together.issue_log[0].resolution": None}, Result.MINOR,
         "stages.staying_together.issue_log[0].resolution",
         "no resolution, resolved on 2026-09-20"),
    Case("CR.S7.ISSUES", "resolved-undated",
         {"stages.staying_together.issue_log[0].resolved_on": None}, Result.MINOR,
         "stages.staying_together.issue_log[0].resolution",
         "resolution recorded, no resolution date"),
    Case("CR.S7.ISSUES", "serious-left-open",
         {"stages.staying_together.issue_log[0].status": IssueStatus.OPEN,
          "stages.staying_together.issue_log[0].severity": 3,
          "stages.staying_together.issue_log[0].raised_on": date(2026, 6, 1)}, Result.MINOR,
         "stages.staying_together.issue_log[0].status", "open for 152 days"),
    Case("CR.S7.CORRECTIVE_ACTION", "unowned",
         {"stages.staying_together.corrective_actions[0].owner": None}, Result.MINOR,
         "stages.staying_together.corrective_actions[0]", "owner none"),
    Case("CR.S7.CORRECTIVE_ACTION", "overdue",
         {"stages.staying_together.corrective_actions[0].due_on": date(2026, 10, 1)}, Result.MINOR,
         "stages.staying_together.corrective_actions[0].due_on", "due 2026-10-01"),
    Case("CR.S7.MATURITY", "none", {"stages.staying_together.maturity_assessments": ()},
         Result.MINOR, "stages.staying_together.maturity_assessments", "none recorded"),
    Case("CR.S7.MATURITY", "stale",
         {"stages.staying_together.maturity_assessments[0].assessed_on": date(2025, 6, 30)},
         Result.MINOR, "stages.staying_together.maturity_assessments", "latest 2025-06-30"),
    # ---------------------------------------------------------------- 8 Exit strategy
    Case("CR.S8.EXIT_PLAN", "missing", {"relationship.exit_plan": None}, Result.MAJOR,
         "relationship.exit_plan", "missing"),
    Case("CR.S8.EXIT_PLAN", "no-steps", {"relationship.exit_plan.steps": ()}, Result.MAJOR,
         "relationship.exit_plan.steps", "0 steps"),
    Case("CR.S8.EXIT_PLAN", "unsigned", {"relationship.exit_plan.signatories": ["acme"]},
         Result.MINOR, "relationship.exit_plan.signatories", "not by beta"),
    Case("CR.S8.EXIT_PLAN", "overdue", {"relationship.exit_plan.approved_on": _OLD}, Result.MINOR,
         "relationship.exit_plan.last_reviewed_on", "due 2026-01-02"),
    Case("CR.S8.EXIT_PLAN", "draft", {"relationship.exit_plan.status": _DRAFT}, Result.MINOR,
         "relationship.exit_plan.status", "status draft"),
    Case("CR.S8.TRIGGERS", "no-plan", {"relationship.exit_plan": None}, Result.MAJOR,
         "relationship.exit_plan", "missing"),
    Case("CR.S8.TRIGGERS", "no-triggers", {"relationship.exit_plan.triggers": ()}, Result.MAJOR,
         "relationship.exit_plan.triggers", "none recorded"),
    Case("CR.S8.TRANSITION", "no-plan", {"relationship.exit_plan": None}, Result.MAJOR,
         "relationship.exit_plan", "missing"),
    Case("CR.S8.TRANSITION", "no-transfers", {"relationship.exit_plan.transfers": ()}, Result.MAJOR,
         "relationship.exit_plan.transfers", "none recorded"),
    Case("CR.S8.TRANSITION", "no-continuity", {"relationship.exit_plan.continuity": ()},
         Result.MAJOR, "relationship.exit_plan.continuity", "none recorded"),
    Case("CR.S8.TRANSITION", "exit-without-transition-plan",
         {"stages.exit_strategy.transition_plan": None}, Result.MINOR,
         "stages.exit_strategy.transition_plan", "missing", doc="exited"),
    Case("CR.S8.TRANSITION", "exit-with-one-sided-transition-plan",
         {"stages.exit_strategy.transition_plan.signatories": ["acme"]}, Result.MINOR,
         "stages.exit_strategy.transition_plan.signatories", "not by beta", doc="exited"),
    Case("CR.S8.FUTURE", "not-addressed", {"relationship.exit_plan.future_relationship": None},
         Result.MINOR, "relationship.exit_plan.future_relationship", "not addressed"),
    Case("CR.S8.LESSONS", "exit-plan-not-agreed", {"relationship.exit_plan.status": _DRAFT},
         Result.MINOR, "relationship.exit_plan", "status draft"),
    Case("CR.S8.LESSONS", "exit-plan-missing", {"relationship.exit_plan": None}, Result.MINOR,
         "relationship.exit_plan", "missing"),
    Case("CR.S8.LESSONS", "exit-without-lessons", {"stages.exit_strategy.lessons_learnt": ()},
         Result.MINOR, "stages.exit_strategy.lessons_learnt", "none recorded", doc="exited"),
    # ---------------------------------------------------------------- management system
    Case("CR.MS.CONTEXT", "no-drivers",
         {"stages.knowledge.business_case.drivers": (), "stages.awareness.value_analysis": None},
         Result.MINOR, "stages.knowledge.business_case.drivers", "0 drivers"),
    Case("CR.MS.INTERESTED_PARTIES", "partner-without-people",
         {"relationship.partners": (
             *_rel().partners,
             Partner(id="gamma", name="Gamma", role=PartnerRole.PARTNER))},
         Result.MINOR, "relationship.partners[2]", "0 people"),
    Case("CR.MS.INTERESTED_PARTIES", "no-beneficiaries",
         {"relationship.value_propositions[0].beneficiaries": ()}, Result.MINOR,
         "relationship.value_propositions", "none recorded"),
    Case("CR.MS.SCOPE", "undescribed", {"scope.description": None}, Result.MINOR,
         "scope.description", "relationship, no description"),
    Case("CR.MS.ROLES", "no-ser",
         {"stages.awareness.ser_appointment": None,
          "relationship.people[0].roles": [PersonRole.EXECUTIVE_SPONSOR]}, Result.MAJOR,
         "stages.awareness.ser_appointment", "nobody"),
    Case("CR.MS.ROLES", "no-raci", {"relationship.governance.raci.activities": ()}, Result.MINOR,
         "relationship.governance.raci", "none recorded"),
    Case("CR.MS.ROLES", "no-decision-rights", {"relationship.governance.decision_rights": ()},
         Result.MINOR, "relationship.governance.decision_rights", "none recorded"),
    Case("CR.MS.RISKS", "none", {"relationship.risks": ()}, Result.MAJOR, "relationship.risks",
         "none recorded"),
    Case("CR.MS.RISKS", "high-risk-unmitigated", {"relationship.risks[0].mitigation": None},
         Result.MINOR, "relationship.risks[0].mitigation", "none"),
    Case("CR.MS.OBJECTIVES", "none", {"relationship.objectives": ()}, Result.MAJOR,
         "relationship.objectives", "none recorded"),
    Case("CR.MS.OBJECTIVES", "unmeasurable", {"relationship.objectives[1].target_date": None},
         Result.MINOR, "relationship.objectives[1]", "neither"),
    Case("CR.MS.OBJECTIVES", "unowned", {"relationship.objectives[0].owner": None}, Result.MINOR,
         "relationship.objectives[0].owner", "no owner"),
    Case("CR.MS.DOCUMENTED_INFORMATION", "plan-without-review-date", {"meta.next_review_on": None},
         Result.MINOR, "meta", "next review none"),
    Case("CR.MS.DOCUMENTED_INFORMATION", "approver-unknown",
         {"stages.awareness.policy.approved_by": None}, Result.MINOR, "stages.awareness.policy",
         "approved_by missing"),
    Case("CR.MS.DOCUMENTED_INFORMATION", "review-approval-undated",
         {"stages.staying_together.reviews[0].approved_on": None}, Result.MINOR,
         "stages.staying_together.reviews[0]", "approved_on missing"),
    Case("CR.MS.DOCUMENTED_INFORMATION", "exit-plan-approval-undated",
         {"relationship.exit_plan.approved_on": None}, Result.MINOR, "relationship.exit_plan",
         "approved_on missing"),
    Case("CR.MS.OPERATIONAL_PLANNING", "no-history", {"history": ()}, Result.MAJOR, "history",
         "none recorded"),
    Case("CR.MS.OPERATIONAL_PLANNING", "history-does-not-replay",
         {"history[1].kind": EventKind.START}, Result.MAJOR, "history[1].kind",
         "already in progress"),
    Case("CR.MS.OPERATIONAL_PLANNING", "guard-refused-without-override",
         {"stages.awareness.ser_appointment": None}, Result.MINOR, "history[1]",
         "no override recorded"),
    Case("CR.MS.OPERATIONAL_PLANNING", "stage-out-of-order",
         {"history": _base().history[:4] + _base().history[5:]}, Result.MINOR, "history[5]",
         "no override recorded"),
    Case("CR.MS.MONITORING", "nothing-measured", {"relationship.kpis[0].measurements": ()},
         Result.MAJOR, "relationship.kpis", "none recorded"),
    Case("CR.MS.MONITORING", "no-health-surveys", {"stages.staying_together.health_surveys": ()},
         Result.MINOR, "stages.staying_together.health_surveys", "none recorded"),
    Case("CR.MS.MONITORING", "value-unmeasured",
         {"relationship.value_propositions[0].realised": ()}, Result.MINOR,
         "relationship.value_propositions[0].realised", "due 2026-06-30; nothing recorded"),
    Case("CR.MS.MANAGEMENT_REVIEW", "no-management-review",
         {"stages.staying_together.reviews[0].kind": ReviewKind.PERFORMANCE,
          "stages.staying_together.reviews[0].attendees": ["a.lead", "b.lead"]}, Result.MAJOR,
         "stages.staying_together.reviews", "none"),
    Case("CR.MS.MANAGEMENT_REVIEW", "over-a-year-ago",
         {"stages.staying_together.reviews[0].held_on": date(2025, 10, 1)}, Result.MAJOR,
         "stages.staying_together.reviews", "none"),
    Case("CR.MS.NONCONFORMITY", "overdue-action",
         {"stages.staying_together.corrective_actions[0].due_on": date(2026, 10, 1)}, Result.MINOR,
         "stages.staying_together.corrective_actions[0].due_on", "due 2026-10-01"),
    Case("CR.MS.NONCONFORMITY", "serious-issue-no-action",
         {"stages.staying_together.corrective_actions": (),
          "stages.staying_together.issue_log[0].severity": 4}, Result.MINOR,
         "stages.staying_together.issue_log[0]", "severity 4"),
    Case("CR.MS.IMPROVEMENT", "no-evidence",
         {"stages.value_creation.ideas[0].status": IdeaStatus.APPROVED}, Result.OBSERVATION,
         "stages", "none"),
)
# fmt: on


def _case_params(cases: tuple[Case, ...]) -> list[Any]:
    return [pytest.param(c, id=f"{c.rule}-{c.name}") for c in cases]


@pytest.mark.parametrize("case", _case_params(_CASES))
def test_rule_flags_the_damaged_record(case: Case) -> None:
    rmp = _with(_DOCS[case.doc](), case.change)
    for finding in _findings(rmp, case.rule):
        assert finding.result is case.result, finding.message
        assert case.path in finding.paths, finding.paths
        failed = _failed(finding, case.path)
        assert failed, f"no failed check at {case.path}: {finding.explanation}"
        observed = [c.observed or "" for c in failed]
        assert any(case.observed in o for o in observed), observed
        assert finding.remediation


# ------------------------------------------------------------------------------ record rules
# Every RecordRule row of the table is damaged the same ways, driven by what the row declares.


def _row_params() -> list[Any]:
    return [pytest.param(r, id=r.id) for r in RECORD_RULES]


def test_the_record_rows_keep_the_flags_the_simple_records_had() -> None:
    """The records that were written out one by one keep their path and jointness."""
    simple = {
        ("CR.S2.SKILLS", "stages.knowledge.skills_assessment", False),
        ("CR.S3.COMPETENCE", "stages.internal_assessment.competence_assessment", False),
        ("CR.S4.NEGOTIATION", "stages.partner_selection.negotiation_approach", False),
        ("CR.S5.CONTRACT", "stages.working_together.contract", True),
        ("CR.S5.KNOWLEDGE_SHARING", "stages.working_together.knowledge_sharing", True),
        ("CR.S5.ISSUE_RESOLUTION", "stages.working_together.issue_resolution", True),
        ("CR.S6.PROCESS", "stages.value_creation.innovation_process", True),
    }
    rows = {(r.id, r.path, r.joint) for r in RECORD_RULES}
    assert simple <= rows


def test_a_record_row_relies_on_its_own_record() -> None:
    """A row's `records` is its path: the dated record whose currency it judges."""
    assert all(r.records == (r.path,) for r in RECORD_RULES)


@pytest.mark.parametrize("rule", _row_params())
def test_record_missing_is_major_capped_by_severity(rule: RecordRule) -> None:
    """A missing record is the single failed check, a major nonconformity (capped)."""
    for finding in _findings(_with(_base(), {rule.path: None}), rule.id):
        expected = Result.MAJOR if rule.severity is Severity.MAJOR else Result.MINOR
        assert finding.result is expected
        assert finding.paths == (rule.path,)
        (check,) = finding.explanation
        assert (check.passed, check.observed, check.path) == (False, "missing", rule.path)
        assert finding.remediation


@pytest.mark.parametrize("rule", _row_params())
def test_record_draft_is_minor(rule: RecordRule) -> None:
    """A draft fails only the approval check (its role and currency are not asked)."""
    finding = _finding(_with(_base(), {f"{rule.path}.status": _DRAFT}), rule.id)
    assert finding.result is Result.MINOR
    assert finding.paths == (f"{rule.path}.status",)
    assert _failed(finding, f"{rule.path}.status")[0].observed == "status draft"


@pytest.mark.parametrize("rule", _row_params())
def test_record_overdue_review_is_minor_for_every_row(rule: RecordRule) -> None:
    """An overdue review is minor for every row: its record's own period decides currency."""
    rmp = _with(
        _base(),
        {
            f"{rule.path}.approved_on": _OLD,
            f"{rule.path}.review_every_months": 12,
            f"{rule.path}.last_reviewed_on": None,
        },
    )
    finding = _finding(rmp, rule.id)
    assert finding.result is Result.MINOR
    assert finding.paths == (f"{rule.path}.last_reviewed_on",)
    (check,) = _failed(finding, f"{rule.path}.last_reviewed_on")
    assert check.observed == (
        f"approved {_OLD}, not reviewed since; review every 12 months, due 2026-01-02: "
        "overdue by 302 days"
    )


@pytest.mark.parametrize("rule", _row_params())
def test_record_approved_after_the_date_is_as_if_missing(rule: RecordRule) -> None:
    """A record approved after the date judged against is not in place: major, as missing."""
    rmp = _with(_base(), {f"{rule.path}.approved_on": AS_OF + timedelta(days=1)})
    finding = _finding(rmp, rule.id)
    assert finding.result is rule.cap(Result.MAJOR)
    (check,) = finding.explanation
    assert (check.passed, check.path) == (False, rule.path)
    assert (check.observed or "").endswith(
        f"approved on {AS_OF + timedelta(days=1)}, after {AS_OF}: not in place on that date"
    )


@pytest.mark.parametrize("rule", _row_params())
def test_record_signed_by_one_partner_fails_only_when_joint(rule: RecordRule) -> None:
    """A joint record signed by one partner fails; the signatures of others do not matter."""
    finding = _finding(_with(_base(), {f"{rule.path}.signatories": ["acme"]}), rule.id)
    if rule.joint:
        essential = "signatories" in rule.essential
        assert finding.result is rule.cap(Result.MAJOR if essential else Result.MINOR)
        assert finding.paths == (f"{rule.path}.signatories",)
        (check,) = _failed(finding, f"{rule.path}.signatories")
        assert check.observed == "signed by acme; not by beta"
    else:
        assert finding.result is Result.CONFORMS


@pytest.mark.parametrize("rule", _row_params())
def test_record_approved_by_someone_without_the_role_fails_only_where_a_role_is_asked(
    rule: RecordRule,
) -> None:
    """The approver must hold the row's role, when the row names one."""
    finding = _finding(_with(_base(), {f"{rule.path}.approved_by": "b.lead"}), rule.id)
    if rule.approver is None:
        assert finding.result is Result.CONFORMS
        return
    assert finding.result is rule.cap(Result.MINOR)
    assert finding.paths == (f"{rule.path}.approved_by",)
    (check,) = _failed(finding, f"{rule.path}.approved_by")
    assert (check.observed or "").startswith("approved by Bea Lead (b.lead")


@pytest.mark.parametrize(
    ("rule", "name"),
    [
        pytest.param(r, name, id=f"{r.id}-{name}")
        for r in RECORD_RULES
        for c in r.contents
        for name in c.names
    ],
)
def test_record_with_an_empty_list_fails_at_the_list(rule: RecordRule, name: str) -> None:
    """Emptying a list the record must carry fails at its path: major when it is essential."""
    finding = _finding(_with(_base(), {f"{rule.path}.{name}": ()}), rule.id)
    content = next(c for c in rule.contents if name in c.names)
    essential = any(n in rule.essential for n in content.names)
    assert finding.result is rule.cap(Result.MAJOR if essential else Result.MINOR)
    assert finding.paths == (f"{rule.path}.{name}",)
    assert _failed(finding, f"{rule.path}.{name}")
    assert finding.remediation


# ------------------------------------------------------------------------------ more behaviour


@pytest.mark.parametrize(
    ("rule_id", "change"),
    [
        ("CR.S1.VALUE", {"stages.awareness.value_analysis": None}),
        ("CR.S1.RISK", {"stages.awareness.initial_risk_assessment": None}),
        ("CR.S2.EXIT_OUTLINE", {"stages.knowledge.exit_outline": None}),
        ("CR.S3.LEADERS", {"stages.internal_assessment.collaborative_leaders": ()}),
        (
            "CR.S7.RISK_REVIEW",
            {
                "relationship.risks[0].status": RiskStatus.CLOSED,
                "relationship.risks[0].review_on": date(2026, 1, 1),
            },
        ),
        (
            "CR.S7.CORRECTIVE_ACTION",
            {
                "stages.staying_together.corrective_actions[0]": _action(
                    owner="a.lead", due_on=date(2026, 1, 1), status=ActionStatus.DONE
                )
            },
        ),
        ("CR.S7.ISSUES", {"stages.staying_together.issue_log": ()}),
        (
            "CR.S6.BENEFITS",
            {
                "relationship.value_propositions[0].realised": (),
                "relationship.value_propositions[0].benefits[0].due_on": date(2027, 6, 30),
                # value creation is complete: with nothing realised, something is in delivery
                "relationship.value_propositions[0].status": ValueStatus.IN_DELIVERY,
            },
        ),
        (
            "CR.S8.FUTURE",
            {
                "relationship.exit_plan.future_relationship": None,
                "stages.exit_strategy.future_opportunities": Record(
                    id="future", title="Future opportunities"
                ),
            },
        ),
        ("CR.MS.CONTEXT", {"stages.knowledge.business_case.drivers": ()}),
        (
            "CR.MS.MANAGEMENT_REVIEW",
            {"stages.staying_together.reviews[0].kind": ReviewKind.PERFORMANCE},
        ),
        (
            "CR.MS.IMPROVEMENT",
            {
                "stages.value_creation.ideas[0].status": IdeaStatus.APPROVED,
                "stages.staying_together.maturity_assessments": (
                    MaturityAssessment(assessed_on=date(2025, 6, 30)),
                    MaturityAssessment(assessed_on=date(2026, 6, 30)),
                ),
            },
        ),
        (
            "CR.MS.OPERATIONAL_PLANNING",
            {
                "stages.awareness.ser_appointment": None,
                "history[1].override": Override(by="a.ser", reason="Appointed by letter only."),
            },
        ),
    ],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_alternative_evidence_still_conforms(rule_id: str, change: Mapping[str, Any]) -> None:
    finding = _finding(_with(_base(), change), rule_id)
    assert finding.result is Result.CONFORMS, finding.message
    assert finding.remediation is None


def test_draft_joint_objectives_suffice_without_a_joint_objective() -> None:
    rmp = _with(
        _base(),
        {
            "relationship.objectives[0].partner_id": "beta",
            "stages.partner_selection.joint_objectives_draft": Record(
                id="joint-objectives", title="Draft joint objectives"
            ),
        },
    )
    finding = _finding(rmp, "CR.S4.JOINT_OBJECTIVES")
    assert finding.result is Result.CONFORMS
    assert "draft 'joint-objectives'" in (finding.explanation[0].observed or "")


def test_off_track_kpi_is_an_observation_with_a_remediation() -> None:
    rmp = _with(_base(), {"relationship.kpis[0].measurements[1].value": 80})
    finding = _finding(rmp, "CR.S7.MEASUREMENT")
    assert finding.result is Result.OBSERVATION
    assert finding.message.startswith("Performance monitoring: in place, but KPI kpi-1")
    assert finding.remediation is not None
    assert "corrective actions" in finding.remediation


def test_sponsors_finding_names_the_partners_as_subjects() -> None:
    finding = _finding(_with(_base(), {"relationship.people[2].roles": ()}), "CR.S5.SPONSORS")
    assert "beta" in finding.subjects
    assert "partner beta names an executive sponsor: no" in finding.message


def test_escalation_loop_is_reported_once_and_the_top_check_fails() -> None:
    rmp = _with(_base(), {"relationship.governance.bodies[0].escalates_to": "jmt"})
    finding = _finding(rmp, "CR.S5.ESCALATION")
    loops = [c for c in finding.explanation if c.description.startswith("escalation does not")]
    assert [(c.passed, c.observed) for c in loops] == [(False, "jeb -> jmt -> jeb")]
    top = _failed(finding, "relationship.governance.bodies")
    assert [c.observed for c in top] == ["no top (every route loops)"]


def test_raci_failures_carry_the_governance_requirement_ids() -> None:
    rmp = _with(
        _base(),
        {
            "relationship.governance.raci.activities[1].assignments": [
                RaciAssignment(party="a.lead", codes="C"),
                RaciAssignment(party="b.lead", codes="I"),
            ]
        },
    )
    finding = _finding(rmp, "CR.S5.RACI")
    assert finding.result is Result.MAJOR
    assert finding.paths == ("relationship.governance.raci.activities[1]",)
    observed = " ".join(c.observed or "" for c in finding.explanation if c.passed is False)
    assert "GOV.RACI.NO_ACCOUNTABLE" in observed
    assert "GOV.RACI.NO_RESPONSIBLE" in observed


def test_raci_adopts_the_governance_grades_major_faults_first() -> None:
    rmp = _with(
        _base(),
        {
            # minor: jmt holds two codes the RACI alphabet does not allow together
            "relationship.governance.raci.activities[0].assignments[1]": RaciAssignment(
                party="jmt", codes="RC"
            ),
            # major: nobody accountable
            "relationship.governance.raci.activities[1].assignments[0]": RaciAssignment(
                party="a.lead", codes="C"
            ),
        },
    )
    finding = _finding(rmp, "CR.S5.RACI")
    assert finding.result is Result.MAJOR
    failed = [c.observed or "" for c in finding.explanation if c.passed is False]
    assert len(failed) == 2
    assert failed[0].endswith("[GOV.RACI.NO_ACCOUNTABLE]")  # the major fault comes first
    assert failed[1].endswith("[GOV.RACI.CONFLICTING_CODES]")
    assert finding.explanation[0].path == "relationship.governance.raci.activities"
    assert finding.explanation[1].path == "relationship.governance.raci.activities[1]"
    minor_only = _with(
        _base(),
        {
            "relationship.governance.raci.activities[0].assignments[1]": RaciAssignment(
                party="jmt", codes="RC"
            )
        },
    )
    minor = _finding(minor_only, "CR.S5.RACI")
    assert minor.result is Result.MINOR
    assert minor.paths == ("relationship.governance.raci.activities[0].assignments[1]",)


@pytest.mark.parametrize(
    "rule", [r for r in builtin_rules() if len(r.requirements) > 1], ids=lambda r: r.id
)
def test_a_rule_gives_the_same_finding_for_each_of_its_requirements(rule: Rule) -> None:
    path = {
        "CR.S1.POLICY": "stages.awareness.policy",
        "CR.S3.COMPETENCE": "stages.internal_assessment.competence_assessment",
        "CR.S5.COMMUNICATIONS": "stages.working_together.communications_plan",
    }[rule.id]
    findings = _findings(_with(_base(), {path: None}), rule.id)
    assert [f.requirement for f in findings] == list(rule.requirements)
    assert len({(f.result, f.message, f.paths) for f in findings}) == 1
    assert findings[0].result is Result.MAJOR


def test_a_history_error_is_explained_with_its_path() -> None:
    rmp = _with(_base(), {"history[1].kind": EventKind.START})
    ctx = Context(rmp, AS_OF)
    assert ctx.history_error is not None
    assert ctx.state is None
    finding = _finding(rmp, "CR.MS.OPERATIONAL_PLANNING")
    assert finding.paths == (ctx.history_error.path,)


# ------------------------------------------------------------------------------ stages not reached


def test_context_planned_for_a_non_joint_stage_needs_an_approved_plan() -> None:
    approved = Context(_base(), AS_OF).planned(Stage.KNOWLEDGE)
    assert (approved.passed, approved.path) == (True, "meta.status")
    draft = Context(_with(_base(), {"meta.status": _DRAFT}), AS_OF).planned(Stage.KNOWLEDGE)
    assert (draft.passed, draft.observed) == (False, "plan status draft")


@pytest.mark.parametrize(
    ("change", "passed", "observed"),
    [
        ({}, True, "plan approved, joint RMP approved"),
        ({"meta.status": _DRAFT}, False, "plan draft, joint RMP approved"),
        (
            {"stages.working_together.joint_rmp.status": _DRAFT},
            False,
            "plan approved, joint RMP draft",
        ),
        ({"stages.working_together.joint_rmp": None}, False, "no joint RMP"),
        (
            {"stages.working_together.joint_rmp.signatories": ["acme"]},
            False,
            "plan approved, joint RMP approved, not signed by beta",
        ),
        (
            {"stages.working_together.joint_rmp.signatories": ()},
            False,
            "plan approved, joint RMP approved, not signed by acme, beta",
        ),
    ],
)
def test_context_planned_for_a_joint_stage_needs_the_joint_rmp(
    change: Mapping[str, Any], passed: bool, observed: str
) -> None:
    check = Context(_with(_base(), change), AS_OF).planned(Stage.VALUE_CREATION)
    assert (check.passed, check.observed) == (passed, observed)
    assert check.path == "stages.working_together.joint_rmp"
    assert check.description == (
        "the approved joint RMP, signed by every partner, covers Value creation in advance"
    )


def test_stages_are_reached_by_history_or_by_content() -> None:
    ctx = Context(_before_value_creation(), AS_OF)
    assert Context(_after_awareness(), AS_OF).reached(Stage.AWARENESS)
    assert not Context(_after_awareness(), AS_OF).reached(Stage.WORKING_TOGETHER)
    assert ctx.reached(Stage.WORKING_TOGETHER)
    assert not ctx.reached(Stage.VALUE_CREATION)
    assert not ctx.reached(Stage.STAYING_TOGETHER)
    without_history = Context(_with(_base(), {"history": ()}), AS_OF)
    assert without_history.state is None
    assert all(without_history.reached(s) for s in Stage if s is not Stage.EXIT_STRATEGY)
    assert not without_history.reached(Stage.EXIT_STRATEGY)


def test_relationship_content_shows_a_stage_being_exercised() -> None:
    """Joint governance, measured KPIs and realised value count as evidence of their stages."""
    early = _with(_after_awareness(), {"history": ()})
    assert not Context(early, AS_OF).reached(Stage.WORKING_TOGETHER)
    rel = _base().relationship
    assert rel is not None
    governed = _with(early, {"relationship.governance": rel.governance})
    assert Context(governed, AS_OF).reached(Stage.WORKING_TOGETHER)
    assert not Context(governed, AS_OF).reached(Stage.STAYING_TOGETHER)
    measured = _with(early, {"relationship.kpis": rel.kpis})
    assert Context(measured, AS_OF).reached(Stage.STAYING_TOGETHER)
    first = min(m.on for k in rel.kpis for m in k.measurements)
    assert not Context(measured, first - timedelta(days=1)).reached(Stage.STAYING_TOGETHER)
    realised = _with(early, {"relationship.value_propositions": rel.value_propositions})
    assert Context(realised, AS_OF).reached(Stage.VALUE_CREATION) == any(
        vp.realised for vp in rel.value_propositions
    )


@pytest.mark.parametrize(
    ("rule_id", "path"),
    [
        ("CR.S6.PROCESS", "stages.value_creation.innovation_process"),
        ("CR.S6.IDEAS", "stages.value_creation.ideas"),
        ("CR.S7.REVIEWS", "stages.staying_together.reviews"),
        ("CR.S7.HEALTH", "stages.staying_together.health_surveys"),
        ("CR.S7.MATURITY", "stages.staying_together.maturity_assessments"),
    ],
)
def test_joint_stage_not_reached_is_agreed_not_exercised_under_an_approved_joint_rmp(
    rule_id: str, path: str
) -> None:
    finding = _finding(_before_value_creation(), rule_id)
    assert finding.result is Result.AGREED_NOT_EXERCISED, finding.message
    assert "is not reached yet and its controls are agreed" in finding.message
    assert finding.remediation is None
    assert path in finding.paths
    planned = [c for c in finding.explanation if c.path == "stages.working_together.joint_rmp"]
    assert [c.passed for c in planned] == [True]


@pytest.mark.parametrize(
    ("change", "observed"),
    [
        ({"stages.working_together.joint_rmp.status": _DRAFT}, "plan approved, joint RMP draft"),
        ({"meta.status": _DRAFT}, "plan draft, joint RMP approved"),
        (
            {"stages.working_together.joint_rmp.signatories": ["acme"]},
            "plan approved, joint RMP approved, not signed by beta",
        ),
    ],
    ids=["joint-rmp-draft", "plan-draft", "joint-rmp-unsigned-by-beta"],
)
@pytest.mark.parametrize("rule_id", ["CR.S6.PROCESS", "CR.S7.REVIEWS"])
def test_joint_stage_not_reached_without_agreed_controls_is_minor(
    rule_id: str, change: Mapping[str, Any], observed: str
) -> None:
    finding = _finding(_with(_before_value_creation(), change), rule_id)
    expected = _RULES[rule_id].cap(Result.MINOR)
    assert finding.result is expected
    assert finding.paths == ("stages.working_together.joint_rmp",)
    assert _failed(finding, "stages.working_together.joint_rmp")[0].observed == observed
    assert "controls are not agreed in advance" in finding.message
    assert finding.remediation


def test_a_joint_rmp_missing_a_partners_signature_does_not_agree_the_stages_to_come() -> None:
    signed = _finding(_before_value_creation(), "CR.S6.IDEAS")
    assert signed.result is Result.AGREED_NOT_EXERCISED
    one_sided = _with(
        _before_value_creation(), {"stages.working_together.joint_rmp.signatories": ["beta"]}
    )
    unsigned = _finding(one_sided, "CR.S6.IDEAS")
    assert unsigned.result is Result.MINOR
    assert unsigned.paths == ("stages.working_together.joint_rmp",)
    (check,) = _failed(unsigned, "stages.working_together.joint_rmp")
    assert check.observed == "plan approved, joint RMP approved, not signed by acme"
    assert "signed by every partner" in check.description


def test_non_joint_stage_not_reached_depends_on_the_plan_approval() -> None:
    early = _after_awareness()
    agreed = _finding(early, "CR.S2.BUSINESS_CASE")
    assert agreed.result is Result.AGREED_NOT_EXERCISED
    assert agreed.paths == ("stages.knowledge.business_case",)
    assert agreed.remediation is None
    unplanned = _finding(_with(early, {"meta.status": _DRAFT}), "CR.S2.BUSINESS_CASE")
    assert unplanned.result is Result.MINOR
    assert unplanned.paths == ("meta.status",)
    assert unplanned.remediation


def test_a_record_of_a_stage_not_reached_that_is_in_place_conforms() -> None:
    process = _base().stages.value_creation.innovation_process
    rmp = _with(_before_value_creation(), {"stages.value_creation.innovation_process": process})
    assert Context(rmp, AS_OF).reached(Stage.VALUE_CREATION)  # content makes it reached
    assert _finding(rmp, "CR.S6.PROCESS").result is Result.CONFORMS


def test_exit_rules_judge_the_plan_from_working_together_until_exit_is_reached() -> None:
    early = _with(_after_awareness(), {"relationship.exit_plan.triggers": ()})
    finding = _finding(early, "CR.S8.TRIGGERS")
    assert finding.result is Result.MINOR  # working together not reached, no joint RMP
    assert finding.paths == ("stages.working_together.joint_rmp",)
    reached = _finding(_with(_exited(), {"relationship.exit_plan.triggers": ()}), "CR.S8.TRIGGERS")
    assert reached.result is Result.MAJOR
    assert reached.paths == ("relationship.exit_plan.triggers",)


def test_lessons_are_agreed_not_exercised_until_exit_is_activated() -> None:
    finding = _finding(_base(), "CR.S8.LESSONS")
    assert finding.result is Result.AGREED_NOT_EXERCISED
    assert finding.remediation is None
    assert "exit is not activated; the exit plan is agreed" in finding.message


def test_history_after_as_of_is_ignored() -> None:
    ctx = Context(_base(), date(2026, 4, 2))  # value creation starts on 2026-04-06
    assert ctx.status(Stage.WORKING_TOGETHER) is StageStatus.COMPLETED
    assert ctx.status(Stage.VALUE_CREATION) is StageStatus.NOT_STARTED
    no_ideas = _with(_base(), {"stages.value_creation": type(_base().stages.value_creation)()})
    before = _finding(no_ideas, "CR.S6.IDEAS", as_of=date(2026, 4, 2))
    assert before.result is Result.AGREED_NOT_EXERCISED
    after = _finding(no_ideas, "CR.S6.IDEAS")
    assert after.result is Result.MAJOR
    assert after.paths == ("stages.value_creation.ideas",)


# ------------------------------------------------------------------------------ templates


_NO_RELATIONSHIP_RULES: Final = frozenset(
    {
        "CR.S5.GOVERNANCE",
        "CR.S5.SPONSORS",
        "CR.S5.RACI",
        "CR.S5.ESCALATION",
        "CR.S5.JOINT_RISK",
        "CR.S5.PERFORMANCE",
        "CR.S6.VALUE",
        "CR.S6.BENEFITS",
        "CR.S7.MEASUREMENT",
        "CR.S7.RISK_REVIEW",
        "CR.MS.INTERESTED_PARTIES",
        "CR.S2.RISK",
        "CR.S4.JOINT_OBJECTIVES",
        "CR.S8.EXIT_PLAN",
        "CR.S8.TRIGGERS",
        "CR.S8.TRANSITION",
        "CR.S8.FUTURE",
        "CR.S8.LESSONS",
        "CR.MS.ROLES",
        "CR.MS.RISKS",
        "CR.MS.OBJECTIVES",
        "CR.MS.MONITORING",
        "CR.MS.MANAGEMENT_REVIEW",
    }
)


def _with_draft_policy(template: RelationshipManagementPlan) -> RelationshipManagementPlan:
    """The shared template plan (no relationship) with only a draft policy in awareness."""
    awareness = type(template.stages.awareness)(
        policy=Policy(id="policy", title="Collaborative working policy")
    )
    return attrs.evolve(template, stages=type(template.stages)(awareness=awareness))


def test_a_template_plan_is_assessed_without_crashing(
    template: RelationshipManagementPlan,
) -> None:
    report = assess(_with_draft_policy(template), STANDARD, as_of=AS_OF)
    assert report.subject is None
    assert report.subject_name == template.meta.title
    by_rule = {rule.id: report.findings_for(rule.requirements[0])[0] for rule in builtin_rules()}
    for rule_id, finding in by_rule.items():
        if rule_id in _NO_RELATIONSHIP_RULES:
            assert finding.result is Result.NOT_APPLICABLE, rule_id
            assert finding.paths == ("relationship",)
            assert finding.remediation is None
        else:
            assert finding.result is not Result.NOT_APPLICABLE, rule_id


@pytest.mark.parametrize("rule", builtin_rules(), ids=lambda r: r.id)
def test_every_rule_evaluates_a_template_to_a_judgement(
    rule: Rule, template: RelationshipManagementPlan
) -> None:
    judgement = rule.evaluate(Context(_with_draft_policy(template), AS_OF))
    assert isinstance(judgement, Judgement)
    assert judgement.message


def _risk_count(ctx: Context) -> Judgement:
    """A rule about the relationship, reading it through `Context.relationship`."""
    return Judgement(result=Result.CONFORMS, message=f"{len(ctx.relationship.risks)} risks")


class TestContextRelationship:
    def test_is_the_plans_relationship(self) -> None:
        """On a relationship plan it is the plan's relationship."""
        plan = load("flawed")
        assert Context(plan, AS_OF).relationship is plan.relationship

    def test_raises_on_a_template(self, template: RelationshipManagementPlan) -> None:
        """On a template it raises, naming the template, rather than giving None."""
        with pytest.raises(NoRelationshipError, match="Corporate template"):
            _ = Context(template, AS_OF).relationship

    def test_assess_reports_a_rule_asking_on_a_template_as_not_applicable(
        self, template: RelationshipManagementPlan
    ) -> None:
        """Assessing a template, a rule asking for the relationship is not applicable."""
        rules = Registry()
        rules.rule("T.RISKS", requirements=["CBR.S5.JOINT_RISK"])(_risk_count)
        (finding,) = assess(template, STANDARD, as_of=AS_OF, rules=rules).findings_for(
            "CBR.S5.JOINT_RISK"
        )
        assert finding.result is Result.NOT_APPLICABLE
        assert finding.paths == ("relationship",)
        assert finding.remediation is None

    def test_another_plans_missing_relationship_still_fails(
        self, template: RelationshipManagementPlan
    ) -> None:
        """Only the assessed template's own missing relationship is not applicable."""
        rules = Registry()
        rules.rule("T.OTHER", requirements=["CBR.S5.JOINT_RISK"])(
            lambda _ctx: _risk_count(Context(template, AS_OF))
        )
        with pytest.raises(NoRelationshipError):
            assess(load("flawed"), STANDARD, as_of=AS_OF, rules=rules)


# ------------------------------------------------------------------------------ Rule.cap


def _rule(severity: Severity = Severity.MAJOR, mode: Mode = Mode.ENFORCE) -> Rule:
    return Rule(
        id="T.CAP",
        title="Test",
        requirements=["CBR.S1.SER"],
        evaluate=lambda _ctx: Judgement(result=Result.CONFORMS, message="ok"),
        severity=severity,
        mode=mode,
    )


@pytest.mark.parametrize(
    ("severity", "mode", "major", "minor"),
    [
        (Severity.MAJOR, Mode.ENFORCE, Result.MAJOR, Result.MINOR),
        (Severity.MINOR, Mode.ENFORCE, Result.MINOR, Result.MINOR),
        (Severity.OBSERVATION, Mode.ENFORCE, Result.OBSERVATION, Result.OBSERVATION),
        (Severity.MAJOR, Mode.ADVISE, Result.OBSERVATION, Result.OBSERVATION),
        (Severity.MINOR, Mode.ADVISE, Result.OBSERVATION, Result.OBSERVATION),
    ],
)
def test_cap_limits_nonconformities_by_severity_and_mode(
    severity: Severity, mode: Mode, major: Result, minor: Result
) -> None:
    rule = _rule(severity, mode)
    assert rule.cap(Result.MAJOR) is major
    assert rule.cap(Result.MINOR) is minor
    for other in Result:
        if not other.is_nonconformity:
            assert rule.cap(other) is other


def test_assess_caps_the_result_by_the_rule_severity_and_mode() -> None:
    rmp = _with(_base(), {"stages.awareness.ser_appointment": None})
    ser = _RULES["CR.S1.SER"]
    for rule, expected in [
        (ser, Result.MAJOR),
        (attrs.evolve(ser, severity=Severity.MINOR), Result.MINOR),
        (attrs.evolve(ser, mode=Mode.ADVISE), Result.OBSERVATION),
    ]:
        report = assess(rmp, STANDARD, as_of=AS_OF, rules=Registry([rule]))
        (finding,) = report.findings_for("CBR.S1.SER")
        assert finding.result is expected
        assert finding.remediation  # still says what to do


# ------------------------------------------------------------------------------ Registry


def _ok(_ctx: Context) -> Judgement:
    return Judgement(result=Result.CONFORMS, message="ok")


def _paths(err: CatalogueError) -> list[str]:
    return [p.path for p in err.problems]


def test_registry_add_rejects_a_duplicate_id_naming_it() -> None:
    rules = default_rules()
    with pytest.raises(CatalogueError) as info:
        rules.add(_RULES["CR.S1.SER"])
    assert _paths(info.value) == ["rules[CR.S1.SER]"]
    assert "already registered" in str(info.value)


def test_registry_add_rejects_what_is_not_a_rule() -> None:
    with pytest.raises(CatalogueError) as info:
        Registry().add(_ok)  # type: ignore[arg-type]
    assert _paths(info.value) == ["rule"]
    assert "function" in str(info.value)


def test_registry_replace_and_remove() -> None:
    rules = default_rules()
    new = attrs.evolve(_RULES["CR.S1.SER"], severity=Severity.MINOR)
    assert rules.replace(new) is new
    assert rules["CR.S1.SER"].severity is Severity.MINOR
    assert rules.for_requirement("CBR.S1.SER") == (new,)
    assert default_rules()["CR.S1.SER"].severity is Severity.MAJOR  # a fresh copy each call
    removed = rules.remove("CR.S1.SER")
    assert removed is new
    assert "CR.S1.SER" not in rules
    assert rules.for_requirement("CBR.S1.SER") == ()
    assert len(rules) == len(builtin_rules()) - 1
    with pytest.raises(CatalogueError) as info:
        rules.replace(new)
    assert _paths(info.value) == ["rules[CR.S1.SER]"]
    with pytest.raises(CatalogueError) as info:
        rules.remove("CR.S1.SER")
    assert _paths(info.value) == ["rules[CR.S1.SER]"]
    with pytest.raises(CatalogueError) as info:
        rules["CR.NOPE"]
    assert _paths(info.value) == ["rules[CR.NOPE]"]


def test_registry_select_and_deselect() -> None:
    rules = default_rules()
    assert [r.id for r in rules.select(ids=["CR.S5.RACI", "CR.S1.SER"])] == [
        "CR.S1.SER",
        "CR.S5.RACI",
    ]
    assert [r.id for r in rules.select(requirements=["MS.5.2.POLICY"])] == ["CR.S1.POLICY"]
    s8 = rules.select(stages=[Stage.EXIT_STRATEGY])
    assert {r.id for r in s8} == {r.id for r in builtin_rules() if r.id.startswith("CR.S8.")}
    assert len(rules.select(ids=["CR.S5.RACI"], stages=[Stage.AWARENESS])) == 0
    assert rules.select(requirements=["CBR.S5.JOINT_RMP"]).requirements == {"CBR.S5.JOINT_RMP"}
    fewer = rules.deselect("CR.S4.NEGOTIATION", "CR.S1.SER")
    assert len(fewer) == len(rules) - 2
    assert "CR.S1.SER" not in fewer
    assert "CR.S1.SER" in rules
    with pytest.raises(CatalogueError) as info:
        rules.deselect("CR.S1.SER", "CR.TYPO", "CR.TYPO2")
    assert _paths(info.value) == ["rules[CR.TYPO]", "rules[CR.TYPO2]"]


def test_registry_copy_is_independent() -> None:
    rules = default_rules()
    copy = rules.copy()
    copy.remove("CR.S1.SER")
    assert "CR.S1.SER" in rules
    assert repr(copy) == f"Registry({len(builtin_rules()) - 1} rules)"


def test_registry_decorator_registers_with_the_docstring_title() -> None:
    rules = Registry()

    @rules.rule("ACME.SER.NAMED", requirements=["CBR.S1.SER"], severity="minor", mode="advise")
    def ser_named(ctx: Context) -> Judgement:
        """The SER's appointment names a role.

        More text.
        """
        return _ok(ctx)

    @rules.rule("ACME.UNTITLED", requirements=["CBR.S1.SER"])
    def no_docstring_here(ctx: Context) -> Judgement:
        return _ok(ctx)

    assert ser_named.__name__ == "ser_named"  # the function is returned unchanged
    rule = rules["ACME.SER.NAMED"]
    assert (rule.title, rule.severity, rule.mode) == (
        "The SER's appointment names a role.",
        Severity.MINOR,
        Mode.ADVISE,
    )
    assert rules["ACME.UNTITLED"].title == "no docstring here"
    assert [r.id for r in rules.for_requirement("CBR.S1.SER")] == [
        "ACME.SER.NAMED",
        "ACME.UNTITLED",
    ]


def test_registry_decorator_refuses_a_taken_id_unless_replacing() -> None:
    rules = default_rules()
    with pytest.raises(CatalogueError) as info:
        rules.rule("CR.S1.SER", requirements=["CBR.S1.SER"])(_ok)
    assert _paths(info.value) == ["rules[CR.S1.SER]"]
    rules.rule("CR.S1.SER", requirements=["CBR.S1.SER"], title="Mine", replace=True)(_ok)
    assert rules["CR.S1.SER"].title == "Mine"
    assert len(rules) == len(builtin_rules())
    rules.rule("ACME.NEW", requirements=["CBR.S1.SER"], replace=True)(_ok)  # replace adds too
    assert "ACME.NEW" in rules


@pytest.mark.parametrize(
    "kwargs",
    [
        {"id": "not a rule id", "requirements": ["CBR.S1.SER"]},
        {"id": "ACME.X", "requirements": ["not-a-requirement"]},
        {"id": "ACME.X", "requirements": []},
    ],
    ids=["bad-id", "bad-requirement", "no-requirement"],
)
def test_registry_decorator_refuses_bad_ids(kwargs: dict[str, Any]) -> None:
    rules = Registry()
    with pytest.raises(CollabrelError):
        rules.rule(**kwargs)(_ok)
    assert len(rules) == 0


@pytest.mark.parametrize("kwargs", [{"severity": "bogus"}, {"mode": "bogus"}])
def test_registry_decorator_refuses_unknown_severity_or_mode(kwargs: dict[str, Any]) -> None:
    rules = Registry()
    with pytest.raises(InvalidFieldError) as info:
        rules.rule("ACME.X", requirements=["CBR.S1.SER"], **kwargs)  # refused when decorating
    assert isinstance(info.value, CollabrelError)
    ((name, value),) = kwargs.items()
    assert (info.value.field, info.value.value) == (name, value)
    assert len(rules) == 0


# ------------------------------------------------------------------------------ RuleError


def _run(func: Any) -> None:
    rule = Rule(id="ACME.BROKEN", title="Broken", requirements=["CBR.S1.SER"], evaluate=func)
    assess(_base(), STANDARD, as_of=AS_OF, rules=Registry([rule]))


def test_a_rule_that_raises_gives_a_rule_error_naming_rule_and_requirement() -> None:
    def boom(ctx: Context) -> Judgement:
        raise KeyError(ctx.rmp.meta.title)

    with pytest.raises(RuleError) as info:
        _run(boom)
    err = info.value
    assert (err.rule, err.requirement) == ("ACME.BROKEN", "CBR.S1.SER")
    assert "rule ACME.BROKEN failed on CBR.S1.SER: KeyError" in str(err)
    assert isinstance(err.__cause__, KeyError)
    assert isinstance(err, CollabrelError)


def test_a_rule_returning_something_else_gives_a_rule_error() -> None:
    with pytest.raises(RuleError) as info:
        _run(lambda _ctx: Result.CONFORMS)
    assert "returned Result, not a Judgement" in str(info.value)
    assert info.value.rule == "ACME.BROKEN"


def test_a_collabrel_error_from_a_rule_passes_through() -> None:
    def refuse(_ctx: Context) -> Judgement:
        raise CatalogueError([])

    with pytest.raises(CatalogueError):
        _run(refuse)


def test_a_rule_is_evaluated_once_for_all_its_requirements() -> None:
    calls: list[str] = []

    def counted(ctx: Context) -> Judgement:
        calls.append(ctx.rmp.meta.title)
        return _ok(ctx)

    rule = Rule(
        id="ACME.TWICE",
        title="Twice",
        requirements=["CBR.S1.POLICY", "MS.5.2.POLICY"],
        evaluate=counted,
    )
    report = assess(_base(), STANDARD, as_of=AS_OF, rules=Registry([rule]))
    assert len(calls) == 1
    assert [f.result for f in report.findings_for("MS.5.2.POLICY")] == [Result.CONFORMS]


# ------------------------------------------------------------------------------ the flawed example


class Flaw(NamedTuple):
    number: int
    requirement: str
    result: Result
    path: str


# fmt: off
_FLAWS: Final = (
    Flaw(1, "CBR.S1.SER", Result.MAJOR, "stages.awareness.ser_appointment"),
    Flaw(1, "CBR.S1.SER", Result.MAJOR, "relationship.people"),
    Flaw(1, "MS.5.3.ROLES", Result.MAJOR, "stages.awareness.ser_appointment"),
    Flaw(2, "CBR.S1.POLICY", Result.MINOR, "stages.awareness.policy.last_reviewed_on"),
    Flaw(2, "MS.5.2.POLICY", Result.MINOR, "stages.awareness.policy.last_reviewed_on"),
    Flaw(3, "CBR.S2.BUSINESS_CASE", Result.MAJOR, "stages.knowledge.business_case.status"),
    Flaw(3, "CBR.S2.BUSINESS_CASE", Result.MAJOR, "stages.knowledge.business_case.decision"),
    Flaw(4, "CBR.S3.PROFILE", Result.MAJOR, "stages.internal_assessment.collaborative_profile"),
    Flaw(4, "CBR.S3.GAP_PLAN", Result.MAJOR, "stages.internal_assessment.gap_plan"),
    Flaw(4, "CBR.S3.SELECTION_CRITERIA", Result.MAJOR,
         "stages.internal_assessment.selection_criteria"),
    Flaw(5, "CBR.S4.DECISION", Result.MAJOR, "stages.partner_selection.decision"),
    Flaw(5, "CBR.S4.DECISION", Result.MAJOR, "stages.internal_assessment.selection_criteria"),
    Flaw(5, "CBR.S4.EVALUATION", Result.MAJOR, "stages.partner_selection.evaluations"),
    Flaw(6, "CBR.S5.JOINT_RMP", Result.MAJOR, "stages.working_together.joint_rmp.signatories"),
    Flaw(7, "CBR.S5.RACI", Result.MAJOR, "relationship.governance.raci.activities[1]"),
    Flaw(8, "CBR.S5.RACI", Result.MAJOR, "relationship.governance.raci.activities[2]"),
    Flaw(9, "CBR.S5.ESCALATION", Result.MAJOR, "relationship.governance.bodies[0].escalates_to"),
    Flaw(10, "CBR.S5.GOVERNANCE", Result.MINOR, "relationship.governance.bodies[0].members"),
    Flaw(11, "CBR.S5.JOINT_RISK", Result.MINOR, "relationship.risks"),
    Flaw(12, "CBR.S7.RISK_REVIEW", Result.MINOR, "relationship.risks[2].review_on"),
    Flaw(13, "CBR.S7.MEASUREMENT", Result.OBSERVATION, "relationship.kpis[1].measurements"),
    Flaw(14, "CBR.S8.TRIGGERS", Result.MAJOR, "relationship.exit_plan.triggers"),
    Flaw(14, "CBR.S8.TRANSITION", Result.MAJOR, "relationship.exit_plan.transfers"),
    Flaw(14, "CBR.S8.TRANSITION", Result.MAJOR, "relationship.exit_plan.continuity"),
    Flaw(14, "CBR.S8.FUTURE", Result.MINOR, "relationship.exit_plan.future_relationship"),
    Flaw(15, "CBR.S4.JOINT_OBJECTIVES", Result.MAJOR, "relationship.objectives"),
    Flaw(15, "CBR.S5.PERFORMANCE", Result.MINOR, "relationship.objectives"),
    Flaw(16, "CBR.S5.PERFORMANCE", Result.MINOR,
         "relationship.value_propositions[0].benefits[0].kpi_id"),
    Flaw(16, "MS.9.1.MONITORING", Result.MINOR, "relationship.value_propositions[0].realised"),
    Flaw(17, "CBR.S1.RMP", Result.MINOR, "meta.approvals"),
    Flaw(18, "MS.8.1.OPERATIONAL_PLANNING", Result.MINOR, "history[4]"),
    Flaw(19, "CBR.S7.REVIEWS", Result.MINOR, "stages.staying_together.reviews[0].signatories"),
)
# fmt: on


@cache
def _flawed_findings() -> dict[str, tuple[Finding, ...]]:
    report = assess(load("flawed"), STANDARD, as_of=AS_OF)
    return {q: report.findings_for(q) for q in {f.requirement for f in report.findings}}


@pytest.mark.parametrize("flaw", _FLAWS, ids=lambda f: f"{f.number}-{f.requirement}-{f.path}")
def test_every_planted_flaw_is_found_at_its_path(flaw: Flaw) -> None:
    findings = _flawed_findings()[flaw.requirement]
    hits = [f for f in findings if flaw.path in f.paths]
    assert hits, [f.paths for f in findings]
    assert [f.result for f in hits] == [flaw.result]
    assert hits[0].remediation
    assert _failed(hits[0], flaw.path)


def _header_flaws() -> dict[int, list[str]]:
    """The planted flaws listed in the flawed example's header: number -> paths."""
    flaws: dict[int, list[str]] = {}
    for m in re.finditer(r"^#\s+(\d+)\. (\S[^\n]*)$", text("flawed"), re.MULTILINE):
        paths = [p.strip() for p in m.group(2).split("/")]
        flaws[int(m.group(1))] = [p.split()[0] for p in paths if p]
    return flaws


def test_the_flaw_table_covers_every_flaw_of_the_header() -> None:
    assert sorted(_header_flaws()) == list(range(1, 20))
    assert {f.number for f in _FLAWS} == set(_header_flaws())


def _related(a: str, b: str) -> bool:
    a, b = a.replace("[*]", ""), b.replace("[*]", "")
    return a.startswith(b) or b.startswith(a)


_IN_WORDS: Final = {  # flaws the header states in words below the listed path
    (1, "relationship.people"),  # "no person in relationship.people holds the `ser` role"
    (5, "stages.partner_selection.evaluations"),  # "with no evaluations ... behind it"
    (5, "stages.internal_assessment.selection_criteria"),  # "and no criteria behind it"
    (14, "relationship.exit_plan.continuity"),  # "nor continuity arrangements"
    (14, "relationship.exit_plan.future_relationship"),  # "or a word on the future relationship"
    (16, "relationship.value_propositions[0].realised"),  # "nothing has been realised"
}


@pytest.mark.parametrize("number", range(1, 20))
def test_the_finding_paths_agree_with_the_header(number: int) -> None:
    header = _header_flaws()[number]
    listed = [f for f in _FLAWS if f.number == number and (number, f.path) not in _IN_WORDS]
    assert listed, f"flaw {number}: no finding at a path the header lists"
    for flaw in listed:
        assert any(_related(flaw.path, h) for h in header), (flaw.path, header)


def test_the_header_puts_flaw_18_at_the_unjustified_start() -> None:
    assert _header_flaws()[18] == ["history[4]"]
    (finding,) = [
        f for f in _flawed_findings()["MS.8.1.OPERATIONAL_PLANNING"] if "history[4]" in f.paths
    ]
    (check,) = _failed(finding, "history[4]")
    assert "Partner selection cannot start before Knowledge is done" in check.description


# ------------------------------------------------------------------------------ fixed rule bugs
# Each of these pinned a bug with a strict xfail until the rule was fixed.


def test_performance_points_at_the_joint_objective_without_a_kpi() -> None:
    second = Objective(id="obj-joint-2", statement="A second joint objective.", owner="a.lead")
    rmp = _with(_base(), {"relationship.objectives": (*_rel().objectives, second)})
    finding = _finding(rmp, "CR.S5.PERFORMANCE")
    assert finding.result is Result.MINOR
    assert finding.paths == ("relationship.objectives[2].kpi_ids",)
    per_objective = [
        (c.passed, c.observed)
        for c in finding.explanation
        if c.path in {"relationship.objectives[0].kpi_ids", "relationship.objectives[2].kpi_ids"}
    ]
    assert per_objective == [(True, "kpi-1"), (False, "no KPI")]
    assert "obj-joint-2" in _failed(finding, "relationship.objectives[2].kpi_ids")[0].description


def test_health_ignores_surveys_held_after_as_of() -> None:
    finding = _finding(_base(), "CR.S7.HEALTH", as_of=date(2026, 8, 1))  # survey: 2026-09-15
    assert finding.result is Result.MAJOR
    assert finding.paths == ("stages.staying_together.health_surveys",)
    assert _failed(finding, "stages.staying_together.health_surveys")[0].observed == (
        "none recorded"
    )


def test_health_judges_the_latest_survey_held_by_as_of() -> None:
    surveys = _base().stages.staying_together.health_surveys
    later = attrs.evolve(surveys[0], id="hs-2", held_on=date(2026, 12, 1), responses=())
    finding = _finding(
        _with(_base(), {"stages.staying_together.health_surveys": (*surveys, later)}),
        "CR.S7.HEALTH",
    )
    assert finding.result is Result.CONFORMS, finding.message  # the one-sided later one is ignored


def test_maturity_ignores_assessments_made_after_as_of() -> None:
    later = {"stages.staying_together.maturity_assessments[0].assessed_on": date(2026, 11, 30)}
    finding = _finding(_with(_base(), later), "CR.S7.MATURITY")
    assert finding.result is Result.MINOR
    assert finding.paths == ("stages.staying_together.maturity_assessments",)


@pytest.mark.parametrize("rule_id", ["CR.S6.BENEFITS", "CR.MS.MONITORING"])
def test_value_realised_after_as_of_does_not_count(rule_id: str) -> None:
    later = {
        "relationship.value_propositions[0].realised[0].on": date(2026, 12, 31),
        # in delivery, so completed value creation is not hollow: only the late record fails
        "relationship.value_propositions[0].status": ValueStatus.IN_DELIVERY,
    }
    finding = _finding(_with(_base(), later), rule_id)
    assert finding.result is Result.MINOR
    assert finding.paths == ("relationship.value_propositions[0].realised",)


def test_issue_resolved_without_a_date_says_what_is_missing() -> None:
    undated = {"stages.staying_together.issue_log[0].resolved_on": None}
    finding = _finding(_with(_base(), undated), "CR.S7.ISSUES")
    assert finding.result is Result.MINOR
    (check,) = _failed(finding, "stages.staying_together.issue_log[0].resolution")
    assert check.observed == "resolution recorded, no resolution date"


def test_issue_resolved_without_either_says_both_are_missing() -> None:
    bare = {
        "stages.staying_together.issue_log[0].resolved_on": None,
        "stages.staying_together.issue_log[0].resolution": None,
    }
    finding = _finding(_with(_base(), bare), "CR.S7.ISSUES")
    (check,) = _failed(finding, "stages.staying_together.issue_log[0].resolution")
    assert check.observed == "no resolution, no resolution date"


@pytest.mark.parametrize(
    ("rule_id", "expected"),
    [
        ("CR.S4.DECISION", "2 criteria"),
        ("CR.S5.RACI", "2 activities"),
        ("CR.S5.ESCALATION", "2 bodies"),
        ("CR.MS.INTERESTED_PARTIES", "2 people"),
        ("CR.S3.PROFILE", "1 strength, 1 weakness"),
    ],
)
def test_counts_are_written_with_proper_plurals(rule_id: str, expected: str) -> None:
    observed = [c.observed for c in _finding(_base(), rule_id).explanation]
    assert expected in observed, observed


# ------------------------------------------------------------------------------ coverage


_TESTED: Final = frozenset({c.rule for c in _CASES} | {r.id for r in RECORD_RULES})


def test_every_builtin_rule_has_a_failing_case() -> None:
    missing = sorted({r.id for r in builtin_rules()} - _TESTED)
    assert missing == [], f"built-in rules without a test in this module: {missing}"


def test_no_test_names_a_rule_that_does_not_exist() -> None:
    assert set(_RULES) >= _TESTED
