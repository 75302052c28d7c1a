"""The invariants no single field states, written by hand; everything else is inferred.

- RACI codes come from the matrix's alphabet and an activity names each party once;
- a body's chair is one of its members and bodies escalate only to bodies drawn before them;
- a partner leaves on or after it joined, and gives a reason only once it has left;
- a person acts for organisations other than their employer, each representation ending on
  or after it starts;
- KPI measurements are in date order; a criterion's scale has its top above its bottom;
- a benefit's interim targets are in date order, from its baseline day to its due date;
- scores, survey responses and maturity levels fit their scales;
- realised value is recorded against the proposition's own benefits, evaluations name the
  section's candidates, surveys its reviews; a relationship's references resolve;
- a plan's history replays: it is drawn by stepping the lifecycle engine.
"""

from __future__ import annotations

import functools
import string
from collections.abc import Sequence
from typing import Any, Final

import attrs
from hypothesis import strategies as st

import collabrel.model as m
from collabrel.lifecycle import STANDARD
from collabrel.model._refs import deferred_reference_checks
from collabrel.testing.lifecycle import _stepped
from collabrel.testing.strategies._infer import (
    DEFAULT,
    enum_members,
    field_strategy,
    hand_written,
    infer,
    of,
)
from collabrel.testing.strategies._pools import (
    DATETIMES,
    IDENTIFIERS,
    PARTY,
    current,
    few,
    floats,
    fresh,
    ids_of,
    index,
    lacks,
    maybe,
    maybe_one,
    one,
    pick,
    pick_some,
    pools,
    some,
)

_ALPHABETS: Final = ("RACI", "RASCI", "RACIVS", "DACI")
_FRACTIONS: Final = st.floats(min_value=0, max_value=1)
_STAGES: Final = tuple(m.Stage)
_DIMENSIONS: Final = st.sampled_from(
    ("trust", "communication", "charter_behaviours", "joint_objectives")
)


@functools.cache
def later(cls: type, name: str) -> st.SearchStrategy[Any]:
    """The inferred strategy of `cls`'s field `name`, for a `fix` to draw in narrower pools."""
    return field_strategy(getattr(attrs.fields(cls), name))


def _within(low: float, high: float, fraction: float) -> float:
    """The point `fraction` of the way from `low` to `high` (never outside, never infinite)."""
    return min(max(low * (1 - fraction) + high * fraction, low), high)


# ---------------------------------------------------------------- RACI


@st.composite
def _codes(draw: st.DrawFn, alphabet: str) -> str:
    return "".join(pick_some(draw, alphabet, max_size=3, min_size=1))


@st.composite
def _alphabet(draw: st.DrawFn) -> str:
    if draw(st.booleans()):
        return "".join(pick_some(draw, string.ascii_uppercase, max_size=6, min_size=1))
    return pick(draw, _ALPHABETS)


@functools.cache
def raci_assignments(alphabet: str) -> st.SearchStrategy[m.RaciAssignment]:
    """Assignments whose codes are letters of `alphabet`."""
    return infer(m.RaciAssignment, codes=_codes(alphabet))


def _assign(alphabet: str, draw: st.DrawFn, kw: dict[str, Any]) -> None:
    codes = _codes(alphabet)
    kw["assignments"] = [m.RaciAssignment(party=p, codes=draw(codes)) for p in kw["assignments"]]


@functools.cache
def raci_activities(ids: st.SearchStrategy[str], alphabet: str) -> st.SearchStrategy[Any]:
    """Activities naming each party at most once, with codes from `alphabet`."""
    fix = functools.partial(_assign, alphabet)
    return infer(m.RaciActivity, fix, id=ids, assignments=some(*PARTY, max_size=3))


def _activities(draw: st.DrawFn, kw: dict[str, Any]) -> None:
    kw["activities"] = draw(few(raci_activities(fresh("activity"), kw["alphabet"]), 3))


@functools.cache
def raci_matrices(alphabet: str | None) -> st.SearchStrategy[m.RACIMatrix]:
    """Matrices in `alphabet` (a drawn one when `None`) with up to three activities."""
    letters = _alphabet() if alphabet is None else st.just(alphabet)
    return infer(m.RACIMatrix, _activities, alphabet=letters, activities=DEFAULT)


# ---------------------------------------------------------------- governance


def _chair(draw: st.DrawFn, kw: dict[str, Any]) -> None:
    members = kw["members"]
    kw["chair"] = pick(draw, members) if members and draw(st.booleans()) else None


def governance_with(draw: st.DrawFn, body_ids: Sequence[str]) -> m.Governance:
    """Governance whose bodies have `body_ids`, each escalating only to those before it."""
    bodies = []
    for i, body_id in enumerate(body_ids):
        with pools(body=tuple(body_ids[:i])):
            bodies.append(draw(of(m.GovernanceBody, st.just(body_id))))
    with pools(body=tuple(body_ids)):
        rest = draw(_rest_of_governance())
    return attrs.evolve(rest, bodies=bodies)


@functools.cache
def _rest_of_governance() -> st.SearchStrategy[m.Governance]:
    return infer(m.Governance, bodies=DEFAULT)


@st.composite
def _draw_governance(draw: st.DrawFn) -> m.Governance:
    return governance_with(draw, draw(few(fresh("body"), max_size=3)))


# ---------------------------------------------------------------- scales and order


def _membership(_draw: st.DrawFn, kw: dict[str, Any]) -> None:
    """A partner leaves on or after it joined, and says why only once it has left."""
    joined, left = kw["joined_on"], kw["left_on"]
    if joined is not None and left is not None and left < joined:
        kw["joined_on"], kw["left_on"] = left, joined
    if kw["left_on"] is None:
        kw["left_because"] = None


def _period(_draw: st.DrawFn, kw: dict[str, Any]) -> None:
    """A representation ends on or after it starts."""
    start, end = kw["from_on"], kw["until_on"]
    if start is not None and end is not None and end < start:
        kw["from_on"], kw["until_on"] = end, start


def _acts_for_others(_draw: st.DrawFn, kw: dict[str, Any]) -> None:
    """A person acts for organisations other than their employer."""
    kw["acts_for"] = [r for r in kw["acts_for"] if r.partner_id != kw["partner_id"]]


def _in_date_order(_draw: st.DrawFn, kw: dict[str, Any]) -> None:
    kw["measurements"] = sorted(kw["measurements"], key=lambda item: item.on)


def _plan_in_order(_draw: st.DrawFn, kw: dict[str, Any]) -> None:
    """Interim targets in date order, the baseline day before them, the due date after."""
    targets = kw["interim_targets"] = sorted(kw["interim_targets"], key=lambda t: t.on)
    days = [t.on for t in targets]
    if kw["baseline_on"] is not None:
        kw["baseline_on"] = min([kw["baseline_on"], *days[:1]])
    if kw["due_on"] is not None:
        kw["due_on"] = max([kw["due_on"], *days[-1:]])
    if None not in (kw["baseline_on"], kw["due_on"]) and kw["baseline_on"] > kw["due_on"]:
        kw["baseline_on"], kw["due_on"] = kw["due_on"], kw["baseline_on"]


_SCALE: Final = st.lists(floats(), min_size=2, max_size=2, unique=True).map(sorted)


def _scale(draw: st.DrawFn, kw: dict[str, Any]) -> None:
    kw["scale_min"], kw["scale_max"] = draw(_SCALE)


def _fit(draw: st.DrawFn, kw: dict[str, Any]) -> None:
    scale = current().scales.get(kw["criterion_id"])
    if scale is not None:
        kw["value"] = _within(*scale, draw(_FRACTIONS))


def _survey(draw: st.DrawFn, kw: dict[str, Any]) -> None:
    low = draw(st.sampled_from((0.0, 1.0)))
    high = low + draw(st.sampled_from((4.0, 9.0, 100.0)))
    kw.update(scale_min=low, scale_max=high)
    kw["responses"] = [
        r if r.score is None else attrs.evolve(r, score=_within(low, high, draw(_FRACTIONS)))
        for r in kw["responses"]
    ]


def _levels(draw: st.DrawFn, kw: dict[str, Any]) -> None:
    top = kw["scale_max"]
    kw["levels"] = [
        m.StageLevel(stage=stage, level=draw(index(top + 1)))
        for stage in pick_some(draw, _STAGES, max_size=3)
    ]


# ---------------------------------------------------------------- what refers within a section


def _realised(draw: st.DrawFn, kw: dict[str, Any]) -> None:
    if kw["benefits"]:
        with pools(benefit=ids_of(kw["benefits"])):
            kw["realised"] = draw(later(m.ValueProposition, "realised"))


def _selection(draw: st.DrawFn, kw: dict[str, Any]) -> None:
    with pools(candidate=ids_of(kw["candidates"])):
        for name in ("evaluations", "decision"):
            kw[name] = draw(later(m.PartnerSelectionSection, name))


def _surveys(draw: st.DrawFn, kw: dict[str, Any]) -> None:
    with pools(record=ids_of(kw["reviews"])):
        kw["health_surveys"] = draw(later(m.StayingTogetherSection, "health_surveys"))


def _criteria(draw: st.DrawFn, kw: dict[str, Any]) -> None:
    chosen = kw["internal_assessment"].selection_criteria
    criteria = () if chosen is None else chosen.criteria
    current().scales.update({c.id: (c.scale_min, c.scale_max) for c in criteria})
    with pools(criterion=ids_of(criteria)):
        kw["partner_selection"] = draw(later(m.StageSections, "partner_selection"))


# ---------------------------------------------------------------- whole documents


def _with_subcontractors(draw: st.DrawFn, partners: list[m.Partner]) -> list[m.Partner]:
    """`partners`, some made subcontractors of a partner listed before them (never a cycle)."""
    out = partners[:1]
    for i, partner in enumerate(partners[1:], start=1):
        chosen = draw(index(i + 1))  # 0 (where it shrinks to): not a subcontractor
        sub = None if chosen == 0 else partners[chosen - 1].id
        out.append(attrs.evolve(partner, subcontractor_of=sub))
    return out


_PARTS: Final = (
    ("partners", "partner"),
    ("people", "person"),
    ("kpis", "kpi"),
    ("objectives", ""),
    ("value_propositions", ""),
    ("risks", ""),
)
"""The relationship's parts in the order their references need, and the pool each fills."""


def _parts(draw: st.DrawFn, kw: dict[str, Any], *, in_plan: bool) -> None:
    """Draw the relationship's parts, each one's ids the pool the later ones draw from.

    Bodies' ids come before the exit plan (which may give bodies duties) and the exit plan
    before the bodies (which, on a relationship alone, may take it as terms of reference).
    """
    scope = current()
    for name, kind in _PARTS:
        kw[name] = draw(later(m.Relationship, name))
        if kind:
            scope.pools[kind] = ids_of(kw[name])
    kw["partners"] = _with_subcontractors(draw, kw["partners"])
    body_ids = draw(few(fresh("body"), max_size=3))
    scope.pools["body"] = tuple(body_ids)
    kw["exit_plan"] = draw(later(m.Relationship, "exit_plan"))
    scope.pools["record"] = () if kw["exit_plan"] is None or in_plan else (kw["exit_plan"].id,)
    kw["governance"] = governance_with(draw, body_ids)


@functools.cache
def relationships(*, in_plan: bool = False) -> st.SearchStrategy[m.Relationship]:
    """Whole relationships; leaves their people, partners and bodies as the scope's pools.

    `in_plan` leaves terms of reference out, for the plan to choose among all its records.
    """
    fix = functools.partial(_parts, in_plan=in_plan)
    parts = dict.fromkeys([name for name, _ in _PARTS] + ["governance", "exit_plan"], DEFAULT)
    return infer(m.Relationship, fix, **parts, id=fresh("relationship"))


_HISTORY: Final = _stepped(STANDARD, one("person"), DATETIMES, max_events=6)


def _with_terms_of_reference(
    draw: st.DrawFn, relationship: m.Relationship, stages: m.StageSections
) -> m.Relationship:
    """`relationship` with bodies whose terms of reference are records of the plan."""
    record_ids = tuple(record.id for stage in m.Stage for _, record in stages.records(stage))
    if relationship.exit_plan is not None:
        record_ids += (relationship.exit_plan.id,)
    governance = relationship.governance
    with pools(record=record_ids):
        bodies = [
            attrs.evolve(body, terms_of_reference=draw(maybe_one("record")))
            for body in governance.bodies
        ]
    with deferred_reference_checks():
        return attrs.evolve(relationship, governance=attrs.evolve(governance, bodies=bodies))


@st.composite
def plans(draw: st.DrawFn) -> m.RelationshipManagementPlan:
    """Whole plans whose references resolve and whose history replays."""
    kind = draw(enum_members(m.PlanKind))
    # a template need not describe a relationship; without one there is nobody to refer to.
    # The plan checks every reference of the document, the relationship's included.
    with deferred_reference_checks():
        in_plan = relationships(in_plan=True)
        relationship: m.Relationship | None
        if kind is m.PlanKind.ENTERPRISE:  # an enterprise plan describes no relationship
            relationship = None
        else:
            relationship = draw(in_plan if kind is m.PlanKind.RELATIONSHIP else maybe(in_plan))
    if relationship is None:
        current().pools.update(person=(), partner=(), body=())
    stages = draw(of(m.StageSections))
    if relationship is not None and relationship.governance.bodies:
        relationship = _with_terms_of_reference(draw, relationship, stages)
    meta = attrs.evolve(draw(of(m.DocumentMeta)), kind=kind)
    if kind is m.PlanKind.ENTERPRISE:  # an enterprise plan inherits from no other plan
        meta = attrs.evolve(meta, inherits=None)
    return m.RelationshipManagementPlan(
        meta=meta,
        relationship=relationship,
        scope=draw(of(m.Scope)),
        stages=stages,
        history=[] if lacks((("person",),)) else draw(_HISTORY),
        evidence=draw(few(of(m.EvidenceLink))),
    )


hand_written(
    {
        m.RaciAssignment: lambda _: raci_assignments("RACI"),
        m.RaciActivity: lambda ids: raci_activities(ids, "RACI"),
        m.RACIMatrix: lambda _: raci_matrices(None),
        m.Governance: lambda _: _draw_governance(),
        m.GovernanceBody: lambda ids: infer(m.GovernanceBody, _chair, id=ids, chair=DEFAULT),
        m.KPI: lambda ids: infer(m.KPI, _in_date_order, id=ids),
        m.ExpectedBenefit: lambda ids: infer(m.ExpectedBenefit, _plan_in_order, id=ids),
        m.Criterion: lambda ids: infer(
            m.Criterion, _scale, id=ids, scale_min=DEFAULT, scale_max=DEFAULT
        ),
        m.Score: lambda _: infer(m.Score, _fit),
        m.HealthResponse: lambda _: infer(m.HealthResponse, dimension=_DIMENSIONS | IDENTIFIERS),
        m.HealthSurvey: lambda ids: infer(
            m.HealthSurvey, _survey, id=ids, scale_min=DEFAULT, scale_max=DEFAULT
        ),
        m.MaturityAssessment: lambda _: infer(m.MaturityAssessment, _levels, levels=DEFAULT),
        m.ValueProposition: lambda ids: infer(
            m.ValueProposition, _realised, id=ids, realised=DEFAULT
        ),
        m.PartnerSelectionSection: lambda _: infer(
            m.PartnerSelectionSection, _selection, evaluations=DEFAULT, decision=DEFAULT
        ),
        m.StayingTogetherSection: lambda _: infer(
            m.StayingTogetherSection, _surveys, health_surveys=DEFAULT
        ),
        m.StageSections: lambda _: infer(m.StageSections, _criteria, partner_selection=DEFAULT),
        m.InternalAssessmentSection: lambda _: infer(
            m.InternalAssessmentSection, selection_criteria=maybe(of(m.SelectionCriteria))
        ),
        m.Partner: lambda ids: infer(m.Partner, _membership, id=ids, subcontractor_of=DEFAULT),
        m.Representation: lambda _: infer(m.Representation, _period),
        m.Person: lambda ids: infer(m.Person, _acts_for_others, id=ids),
        m.DocumentMeta: lambda _: infer(m.DocumentMeta, schema_version=DEFAULT),
    }
)
