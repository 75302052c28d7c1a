"""The built-in rules: one or more per assessable requirement of the shipped catalogues.

Each rule composes the auditor's questions (exists, approved by the right role, current,
joint) from [`Context.record_checks`][collabrel.conformance.Context.record_checks] with checks of
its own, and [`_judge`][] turns the checks into a judgement:

- every check passed: conforms;
- the stage is not reached yet: agreed, not yet exercised when the stage's controls are agreed
  in advance (see [`Context.planned`][collabrel.conformance.Context.planned]), else a minor
  nonconformity;
- an *essential* check failed (the record is missing, or its core content is): major;
- only other checks failed: minor.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Final

from dateutil.relativedelta import relativedelta

from collabrel._text import plural
from collabrel.conformance import _trusted
from collabrel.conformance._rules import (
    Context,
    Judgement,
    Registry,
    Rule,
    Severity,
    _judgement,
)
from collabrel.errors import CollabrelError
from collabrel.governance import validate_raci
from collabrel.lifecycle import default_guards, trace
from collabrel.metrics import assess_kpis
from collabrel.model import (
    ActionStatus,
    Cadence,
    Check,
    CriterionCategory,
    GovernanceBody,
    IssueStatus,
    PersonRole,
    Record,
    RecordStatus,
    Result,
    ReviewKind,
    RiskStatus,
    Stage,
    ValueStatus,
)

__all__ = ["builtin_rules", "default_rules"]

_A: Final = Stage.AWARENESS
_K: Final = Stage.KNOWLEDGE
_IA: Final = Stage.INTERNAL_ASSESSMENT
_PS: Final = Stage.PARTNER_SELECTION
_WT: Final = Stage.WORKING_TOGETHER
_VC: Final = Stage.VALUE_CREATION
_ST: Final = Stage.STAYING_TOGETHER
_EX: Final = Stage.EXIT_STRATEGY

_HIGH_RISK: Final = 12
"""A risk score (likelihood x impact) from which a mitigation is expected."""
_SERIOUS_ISSUE: Final = 3
"""An issue severity from which it must be dealt with early."""
_GRAVE_ISSUE: Final = 4
"""An issue severity from which a corrective action is expected."""
_EARLY_DAYS: Final = 90
"""How long a serious issue may stay open before it is late."""

_CADENCE_DAYS: Final = {
    Cadence.WEEKLY: 7,
    Cadence.FORTNIGHTLY: 14,
    Cadence.MONTHLY: 31,
    Cadence.QUARTERLY: 92,
    Cadence.HALF_YEARLY: 183,
    Cadence.ANNUALLY: 366,
}


def _ok(description: str, passed: bool, observed: str, path: str) -> Check:
    return _trusted.check(description, passed, observed, path)


def _judge(
    ctx: Context,
    stage: Stage | None,
    checks: Sequence[Check],
    *,
    title: str,
    remediation: str,
    essential: int = 1,
    subjects: Sequence[str] = (),
) -> Judgement:
    """Turn checks into a judgement (see the module): the first `essential` checks are core."""
    failed = [c for c in checks if c.passed is False]
    if not failed:
        return _judgement(result=Result.CONFORMS, message=f"{title}: in place", checks=checks)
    if stage is not None and not ctx.reached(stage):
        planned = ctx.planned(stage)
        agreed = bool(planned.passed)
        return _judgement(
            result=Result.AGREED_NOT_EXERCISED if agreed else Result.MINOR,
            message=(
                f"{title}: {stage.title} is not reached yet and its controls are agreed"
                if agreed
                else f"{title}: {stage.title} is not reached yet and its controls are not "
                "agreed in advance"
            ),
            checks=[*checks, planned],
            evidence=[planned.path] if not agreed and planned.path else (),
            remediation=None if agreed else remediation,
        )
    major = any(c.passed is False for c in checks[:essential])
    grouped: dict[str, list[str]] = {}
    for c in failed:
        grouped.setdefault(c.description, []).extend([c.observed] if c.observed else [])
    detail = "; ".join(
        f"{d}: no" + (f" ({'; '.join(seen)})" if seen else "") for d, seen in grouped.items()
    )
    return _judgement(
        result=Result.MAJOR if major else Result.MINOR,
        message=f"{title}: {detail}",
        checks=checks,
        subjects=subjects,
        remediation=remediation,
    )


def _present(value: object, description: str, observed_if: str, path: str) -> Check:
    return _ok(description, bool(value), observed_if if value else "none recorded", path)


# ----------------------------------------------------------------------------- 1 Awareness


def _ser(ctx: Context) -> Judgement:
    """A senior executive responsible (SER) is appointed and named in the plan."""
    rel = ctx.rmp.relationship
    path = "stages.awareness.ser_appointment"
    appointment = ctx.rmp.stages.awareness.ser_appointment
    checks = ctx.record_checks(appointment, path, "SER appointment", current=False)
    holders = [p.id for p in rel.people if PersonRole.SER in p.roles] if rel else []
    checks.insert(
        1,
        _ok(
            "someone in the relationship holds the SER role",
            bool(holders),
            ", ".join(holders) or "nobody holds the 'ser' role",
            "relationship.people",
        ),
    )
    if appointment is not None:
        checks.append(
            _ok(
                "the appointed person holds the SER role",
                ctx.holds(appointment.person_id, PersonRole.SER),
                ctx.describe(appointment.person_id),
                f"{path}.person_id",
            )
        )
    return _judge(
        ctx,
        _A,
        checks,
        title="Senior executive responsible",
        essential=2,
        remediation="appoint a senior executive responsible, record the appointment and give "
        "the person the 'ser' role",
    )


def _policy(ctx: Context) -> Judgement:
    """A collaborative working policy, approved, current and tied to business objectives."""
    path = "stages.awareness.policy"
    policy = ctx.rmp.stages.awareness.policy
    checks = ctx.record_checks(
        policy, path, "collaborative working policy", approver=PersonRole.SER
    )
    if policy is not None:
        checks.append(
            _present(
                policy.business_objectives,
                "the policy is tied to business objectives",
                plural(len(policy.business_objectives), "objective"),
                f"{path}.business_objectives",
            )
        )
    return _judge(
        ctx,
        _A,
        checks,
        title="Collaborative working policy",
        remediation="approve a policy for collaborative working, link it to the business "
        "objectives and review it within its period",
    )


def _value(ctx: Context) -> Judgement:
    """The value collaborating should add is analysed."""
    rel = ctx.rmp.relationship
    analysis = ctx.rmp.stages.awareness.value_analysis
    props = rel.value_propositions if rel else ()
    checks = [
        _ok(
            "the value of collaborating is analysed",
            analysis is not None or bool(props),
            ", ".join(
                filter(
                    None,
                    [
                        f"value analysis {analysis.id!r}" if analysis else "",
                        plural(len(props), "value proposition") if props else "",
                    ],
                )
            )
            or "no value analysis and no value proposition",
            "stages.awareness.value_analysis",
        )
    ]
    if analysis is not None and not props:
        # value propositions are evidence enough; without them the analysis must be approved
        checks.append(
            _ok(
                "the value analysis is approved",
                analysis.is_approved,
                f"status {analysis.status.value}",
                "stages.awareness.value_analysis.status",
            )
        )
    return _judge(
        ctx,
        _A,
        checks,
        title="Value of collaborating",
        remediation="record what collaborating should add (a value analysis or value propositions)",
    )


def _prioritisation(ctx: Context) -> Judgement:
    """Relationships are identified and prioritised against stated criteria."""
    path = "stages.awareness.relationship_portfolio"
    portfolio = ctx.rmp.stages.awareness.relationship_portfolio
    checks = ctx.record_checks(portfolio, path, "prioritised relationship list", current=False)
    if portfolio is not None:
        checks += [
            _present(
                portfolio.criteria,
                "the prioritisation states its criteria",
                plural(len(portfolio.criteria), "criterion"),
                f"{path}.criteria",
            ),
            _present(
                portfolio.entries,
                "relationships are listed with priorities",
                plural(len(portfolio.entries), "relationship"),
                f"{path}.entries",
            ),
        ]
    return _judge(
        ctx,
        _A,
        checks,
        title="Relationship prioritisation",
        remediation="list candidate relationships and rank them against stated criteria",
    )


def _initial_risk(ctx: Context) -> Judgement:
    """The risks of collaborating are looked at from the start."""
    rel = ctx.rmp.relationship
    record = ctx.rmp.stages.awareness.initial_risk_assessment
    risks = rel.risks if rel else ()
    checks = [
        _ok(
            "an initial view of the risks of collaborating is recorded",
            record is not None or bool(risks),
            f"initial risk assessment {record.id!r}"
            if record
            else (plural(len(risks), "risk") + " in the register" if risks else "none"),
            "stages.awareness.initial_risk_assessment",
        )
    ]
    return _judge(
        ctx,
        _A,
        checks,
        title="Initial risk view",
        remediation="record an initial assessment of the risks of collaborating, including "
        "the risk of the relationship breaking down",
    )


def _rmp(ctx: Context) -> Judgement:
    """The relationship management plan is established, approved by a SER and kept current."""
    meta = ctx.rmp.meta
    checks = [
        _ok(
            "the plan is approved",
            meta.status is RecordStatus.APPROVED,
            f"status {meta.status.value}",
            "meta.status",
        ),
        _present(
            meta.approvals,
            "the plan's approvals are recorded",
            plural(len(meta.approvals), "approval"),
            "meta.approvals",
        ),
    ]
    if meta.approvals:
        by_ser = [a for a in meta.approvals if ctx.holds(a.person_id, PersonRole.SER)]
        checks.append(
            _ok(
                "a senior executive responsible approved the plan",
                bool(by_ser),
                "; ".join(f"{ctx.describe(a.person_id)} as {a.role}" for a in meta.approvals),
                "meta.approvals",
            )
        )
    checks.append(
        _ok(
            f"the plan's next review is not overdue on {ctx.as_of.isoformat()}",
            meta.next_review_on is not None and meta.next_review_on >= ctx.as_of,
            f"next review {meta.next_review_on}" if meta.next_review_on else "no review date",
            "meta.next_review_on",
        )
    )
    checks.append(
        _ok(
            "the plan has an owner",
            meta.owner is not None,
            ctx.describe(meta.owner) if meta.owner else "no owner",
            "meta.owner",
        )
    )
    return _judge(
        ctx,
        _A,
        checks,
        title="Relationship management plan",
        remediation="have a senior executive responsible approve the plan and set its next "
        "review date",
    )


# ----------------------------------------------------------------------------- 2 Knowledge


def _business_case(ctx: Context) -> Judgement:
    """A business case ending in a recorded go / no-go decision."""
    path = "stages.knowledge.business_case"
    case = ctx.rmp.stages.knowledge.business_case
    checks = ctx.record_checks(case, path, "business case", approver=PersonRole.SER, current=False)
    if case is not None:
        checks.insert(
            1,
            _ok(
                "the business case records a go / no-go decision",
                case.decision is not None,
                case.decision.value if case.decision else "no decision",
                f"{path}.decision",
            ),
        )
        checks += [
            _present(
                case.objectives,
                "the business case states objectives",
                plural(len(case.objectives), "objective"),
                f"{path}.objectives",
            ),
            _ok(
                "the decision says who took it",
                case.decided_by is not None or case.decision is None,
                ctx.describe(case.decided_by) if case.decided_by else "not recorded",
                f"{path}.decided_by",
            ),
        ]
    return _judge(
        ctx,
        _K,
        checks,
        title="Business case",
        essential=2,
        remediation="complete and approve the business case and record its go / no-go decision",
    )


def _simple_record(
    stage: Stage,
    attr: str,
    what: str,
    title: str,
    remediation: str,
    *,
    joint: bool = False,
    current: bool = True,
) -> Callable[[Context], Judgement]:
    section = stage.value
    path = f"stages.{section}.{attr}"

    def rule(ctx: Context) -> Judgement:
        record = getattr(ctx.rmp.stages.section(stage), attr)
        checks = ctx.record_checks(record, path, what, joint=joint, current=current)
        return _judge(ctx, stage, checks, title=title, remediation=remediation)

    rule.__doc__ = f"The {what} is recorded and approved" + (
        ", signed by every partner." if joint else "."
    )
    return rule


def _knowledge_map(ctx: Context) -> Judgement:
    """A knowledge map says what can, could and must not be shared."""
    path = "stages.knowledge.knowledge_map"
    kmap = ctx.rmp.stages.knowledge.knowledge_map
    checks = ctx.record_checks(kmap, path, "knowledge map")
    if kmap is not None:
        checks.append(
            _present(
                kmap.items,
                "the map lists knowledge and intellectual property with sharing rules",
                plural(len(kmap.items), "item"),
                f"{path}.items",
            )
        )
    return _judge(
        ctx,
        _K,
        checks,
        title="Knowledge map",
        remediation="map what may, may under conditions, and must not be shared, and who owns it",
    )


def _collab_risk(ctx: Context) -> Judgement:
    """Collaboration risks are managed: a register with owners and an agreed approach."""
    rel = ctx.rmp.relationship
    risks = rel.risks if rel else ()
    approach = ctx.rmp.stages.knowledge.risk_management
    checks = [
        _present(
            risks,
            "a risk register for the relationship is kept",
            plural(len(risks), "risk"),
            "relationship.risks",
        ),
        _ok(
            "the approach to managing collaboration risk is recorded",
            approach is not None,
            f"{approach.title!r}" if approach else "missing",
            "stages.knowledge.risk_management",
        ),
    ]
    return _judge(
        ctx,
        _K,
        checks,
        title="Collaboration risk management",
        remediation="keep a risk register for the relationship and record how its risks are "
        "managed",
    )


def _exit_outline(ctx: Context) -> Judgement:
    """An exit strategy is outlined from the knowledge stage on."""
    outline = ctx.rmp.stages.knowledge.exit_outline
    plan = ctx.rmp.relationship.exit_plan if ctx.rmp.relationship else None
    checks = [
        _ok(
            "an exit strategy is outlined",
            outline is not None or plan is not None,
            f"exit outline {outline.id!r}"
            if outline
            else (f"exit plan {plan.id!r}" if plan else "no outline and no exit plan"),
            "stages.knowledge.exit_outline",
        )
    ]
    return _judge(
        ctx,
        _K,
        checks,
        title="Exit strategy outline",
        remediation="outline how the relationship would end before committing to it",
    )


# ----------------------------------------------------------------------------- 3 Internal


def _profile(ctx: Context) -> Judgement:
    """A collaborative profile records strengths and weaknesses from a self-assessment."""
    path = "stages.internal_assessment.collaborative_profile"
    profile = ctx.rmp.stages.internal_assessment.collaborative_profile
    checks = ctx.record_checks(profile, path, "collaborative profile")
    if profile is not None:
        checks.append(
            _ok(
                "the profile records strengths and weaknesses",
                bool(profile.strengths) and bool(profile.weaknesses),
                f"{plural(len(profile.strengths), 'strength')}, "
                f"{plural(len(profile.weaknesses), 'weakness')}",
                f"{path}.strengths" if not profile.strengths else f"{path}.weaknesses",
            )
        )
    return _judge(
        ctx,
        _IA,
        checks,
        title="Collaborative profile",
        remediation="assess your own capability and maturity for collaborating and record "
        "the profile",
    )


def _gap_plan(ctx: Context) -> Judgement:
    """Capability gaps have a plan with owned, dated actions."""
    path = "stages.internal_assessment.gap_plan"
    plan = ctx.rmp.stages.internal_assessment.gap_plan
    checks = ctx.record_checks(plan, path, "gap closure plan")
    if plan is not None:
        checks.append(
            _present(
                plan.actions,
                "the plan has actions",
                plural(len(plan.actions), "action"),
                f"{path}.actions",
            )
        )
        checks += _action_checks(ctx, plan.actions, f"{path}.actions")
    return _judge(
        ctx,
        _IA,
        checks,
        title="Gap closure plan",
        remediation="plan actions with owners and due dates to close the gaps the profile shows",
    )


def _leaders(ctx: Context) -> Judgement:
    """Collaborative leaders are appointed."""
    rel = ctx.rmp.relationship
    named = ctx.rmp.stages.internal_assessment.collaborative_leaders
    with_role = (
        [p.id for p in rel.people if PersonRole.COLLABORATIVE_LEADER in p.roles] if rel else []
    )
    leaders = list(dict.fromkeys([*named, *with_role]))
    checks = [
        _ok(
            "collaborative leaders are appointed",
            bool(leaders),
            ", ".join(leaders) or "none named",
            "stages.internal_assessment.collaborative_leaders",
        )
    ]
    return _judge(
        ctx,
        _IA,
        checks,
        title="Collaborative leaders",
        remediation="name the people who will lead collaboration",
    )


_COLLABORATIVE: Final = frozenset(
    {CriterionCategory.COLLABORATIVE_MATURITY, CriterionCategory.CULTURE_AND_BEHAVIOUR}
)


def _criteria(ctx: Context) -> Judgement:
    """Partner selection criteria are set, weighted, and weigh collaborative capability."""
    path = "stages.internal_assessment.selection_criteria"
    crit = ctx.rmp.stages.internal_assessment.selection_criteria
    checks = ctx.record_checks(crit, path, "set of partner selection criteria", current=False)
    if crit is not None:
        total = sum(c.weight for c in crit.criteria)
        collab = sum(c.weight for c in crit.criteria if c.category in _COLLABORATIVE)
        checks.insert(
            1,
            _present(
                crit.criteria,
                "criteria are listed",
                plural(len(crit.criteria), "criterion"),
                f"{path}.criteria",
            ),
        )
        checks += [
            _ok(
                "the criteria carry weights",
                total > 0,
                f"total weight {total:g}",
                f"{path}.criteria",
            ),
            _ok(
                "collaborative capability or behaviour is weighed, not only price",
                collab > 0,
                f"{collab / total:.0%} of the weight" if total else "no weight",
                f"{path}.criteria",
            ),
        ]
    return _judge(
        ctx,
        _IA,
        checks,
        title="Partner selection criteria",
        essential=2,
        remediation="set the selection strategy and weighted criteria, including "
        "collaborative capability and behaviour, before scoring candidates",
    )


# ----------------------------------------------------------------------------- 4 Selection


def _nomination(ctx: Context) -> Judgement:
    """Candidates are nominated and shortlisted."""
    candidates = ctx.rmp.stages.partner_selection.candidates
    short = [c.id for c in candidates if c.shortlisted]
    checks = [
        _present(
            candidates,
            "candidate partners are nominated",
            plural(len(candidates), "candidate"),
            "stages.partner_selection.candidates",
        ),
        _ok(
            "a shortlist is drawn",
            bool(short),
            ", ".join(short) or "nobody shortlisted",
            "stages.partner_selection.candidates",
        ),
    ]
    return _judge(
        ctx,
        _PS,
        checks,
        title="Nomination of candidates",
        remediation="record the candidates considered and the shortlist",
    )


def _evaluation(ctx: Context) -> Judgement:
    """Shortlisted candidates are evaluated against every agreed criterion."""
    sel = ctx.rmp.stages.partner_selection
    crit = ctx.rmp.stages.internal_assessment.selection_criteria
    criteria = {c.id for c in crit.criteria} if crit else set()
    evaluated = {e.candidate_id for e in sel.evaluations}
    checks = [
        _present(
            sel.evaluations,
            "candidates are evaluated",
            plural(len(sel.evaluations), "evaluation"),
            "stages.partner_selection.evaluations",
        ),
        _present(
            criteria,
            "the evaluation has agreed criteria to score against",
            plural(len(criteria), "criterion"),
            "stages.internal_assessment.selection_criteria.criteria",
        ),
    ]
    for i, c in enumerate(sel.candidates):
        if c.shortlisted:
            checks.append(
                _ok(
                    f"shortlisted candidate {c.name} is evaluated",
                    c.id in evaluated,
                    "evaluated" if c.id in evaluated else "no evaluation",
                    f"stages.partner_selection.candidates[{i}]",
                )
            )
    for i, e in enumerate(sel.evaluations):
        scored = {s.criterion_id for s in e.scores}
        missing = sorted(criteria - scored)
        if criteria:
            checks.append(
                _ok(
                    f"candidate {e.candidate_id} is scored on every criterion",
                    not missing,
                    "all scored" if not missing else "not scored on " + ", ".join(missing),
                    f"stages.partner_selection.evaluations[{i}].scores",
                )
            )
    return _judge(
        ctx,
        _PS,
        checks,
        title="Evaluation of candidates",
        essential=2,
        remediation="score every shortlisted candidate against the agreed criteria",
    )


def _due_diligence(ctx: Context) -> Judgement:
    """The chosen partners went through due diligence and a behavioural assessment."""
    sel = ctx.rmp.stages.partner_selection
    chosen = sel.decision.selected if sel.decision else ()
    by_candidate = {e.candidate_id: (i, e) for i, e in enumerate(sel.evaluations)}
    checks = [
        _present(
            chosen,
            "partners have been chosen",
            ", ".join(chosen),
            "stages.partner_selection.decision.selected",
        )
    ]
    for cid in chosen:
        found = by_candidate.get(cid)
        if found is None:
            checks.append(
                _ok(
                    f"chosen candidate {cid} has an evaluation",
                    passed=False,
                    observed="no evaluation",
                    path="stages.partner_selection.evaluations",
                )
            )
            continue
        i, e = found
        p = f"stages.partner_selection.evaluations[{i}]"
        checks += [
            _ok(
                f"due diligence on {cid} is done",
                e.due_diligence_done,
                "done" if e.due_diligence_done else "not done",
                f"{p}.due_diligence_done",
            ),
            _ok(
                f"a behavioural assessment of {cid} is done",
                e.behavioural_assessment_done,
                "done" if e.behavioural_assessment_done else "not done",
                f"{p}.behavioural_assessment_done",
            ),
        ]
    return _judge(
        ctx,
        _PS,
        checks,
        title="Due diligence",
        essential=1,
        remediation="verify the chosen partners' claims by due diligence and assess their "
        "behaviour, not only their written bids",
    )


def _decision(ctx: Context) -> Judgement:
    """The selection decision is recorded, reasoned and backed by evaluations and criteria."""
    path = "stages.partner_selection.decision"
    sel = ctx.rmp.stages.partner_selection
    decision = sel.decision
    checks = ctx.record_checks(
        decision, path, "selection decision", approver=PersonRole.SER, current=False
    )
    if decision is not None:
        evaluated = {e.candidate_id for e in sel.evaluations}
        unevaluated = [c for c in decision.selected if c not in evaluated]
        crit = ctx.rmp.stages.internal_assessment.selection_criteria
        checks[1:1] = [
            _present(
                decision.selected,
                "the decision names the selected partners",
                ", ".join(decision.selected),
                f"{path}.selected",
            ),
            _ok(
                "the decision is backed by evaluations of the selected candidates",
                bool(decision.selected) and not unevaluated,
                "evaluated" if not unevaluated else "no evaluation of " + ", ".join(unevaluated),
                path,
            ),
            _ok(
                "the decision is backed by agreed selection criteria",
                crit is not None and bool(crit.criteria),
                plural(len(crit.criteria), "criterion") if crit else "no selection criteria",
                "stages.internal_assessment.selection_criteria",
            ),
        ]
        checks.append(
            _present(
                decision.rationale, "the decision gives its rationale", "given", f"{path}.rationale"
            )
        )
    return _judge(
        ctx,
        _PS,
        checks,
        title="Selection decision",
        essential=4,
        remediation="base the decision on evaluations against the agreed criteria and record "
        "its rationale",
    )


def _joint_objectives(ctx: Context) -> Judgement:
    """Joint ("ours") objectives are drafted with the chosen partners."""
    rel = ctx.rmp.relationship
    draft = ctx.rmp.stages.partner_selection.joint_objectives_draft
    joint = [o.id for o in rel.objectives if o.is_joint] if rel else []
    owners = sorted({o.partner_id or "joint" for o in rel.objectives}) if rel else []
    checks = [
        _ok(
            "joint objectives are drafted",
            draft is not None or bool(joint),
            (f"draft {draft.id!r}; " if draft else "")
            + (
                f"joint objectives {', '.join(joint)}"
                if joint
                else "no joint objective (objectives belong to: "
                + (", ".join(owners) or "none")
                + ")"
            ),
            "relationship.objectives",
        )
    ]
    return _judge(
        ctx,
        _PS,
        checks,
        title="Joint objectives",
        remediation="agree objectives that belong to the relationship as a whole, not to one "
        "partner",
    )


# ----------------------------------------------------------------------------- 5 Working


def _joint_rmp(ctx: Context) -> Judgement:
    """The joint RMP is approved and signed by every partner."""
    path = "stages.working_together.joint_rmp"
    record = ctx.rmp.stages.working_together.joint_rmp
    checks = ctx.record_checks(record, path, "joint RMP", approver=PersonRole.SER, joint=True)
    # the signatures are what makes it joint: move them up among the essential checks
    signed = [c for c in checks if c.path == f"{path}.signatories"]
    rest = [c for c in checks if c.path != f"{path}.signatories"]
    return _judge(
        ctx,
        _WT,
        [*rest[:1], *signed, *rest[1:]],
        title="Joint relationship management plan",
        essential=2,
        remediation="have every partner sign the joint relationship management plan",
    )


def _partner_of(ctx: Context, person_id: str) -> str | None:
    person = ctx.person(person_id)
    return person.partner_id if person else None


def _governance(ctx: Context) -> Judgement:
    """A joint management team with members from every partner and agreed terms."""
    rel = ctx.rmp.relationship
    if rel is None:
        return _no_relationship()
    bodies = rel.governance.bodies
    joint = [(i, b) for i, b in enumerate(bodies) if b.is_joint]
    checks = [
        _ok(
            "a joint management body is set up",
            bool(joint),
            ", ".join(b.name for _, b in joint) or "no joint body",
            "relationship.governance.bodies",
        )
    ]
    for i, b in joint:
        parties = {_partner_of(ctx, m) for m in b.members} - {None}
        missing = [p for p in ctx.partner_ids if p not in parties]
        checks.append(
            _ok(
                f"{b.name} has members from every partner",
                not missing,
                f"members from {', '.join(sorted(p for p in parties if p)) or 'nobody'}"
                + (f"; none from {', '.join(missing)}" if missing else ""),
                f"relationship.governance.bodies[{i}].members",
            )
        )
    terms = ctx.rmp.stages.working_together.governance_terms
    has_tor = terms is not None or any(b.terms_of_reference for _, b in joint)
    checks.append(
        _ok(
            "the joint governance has terms of reference",
            has_tor,
            f"{terms.title!r}" if terms else ("on the body" if has_tor else "none"),
            "stages.working_together.governance_terms",
        )
    )
    return _judge(
        ctx,
        _WT,
        checks,
        title="Joint governance",
        remediation="set up a joint management team with members from every partner and "
        "agreed terms of reference",
    )


def _no_relationship() -> Judgement:
    return _judgement(
        result=Result.NOT_APPLICABLE,
        message="the plan has no relationship (a template): judged per relationship",
        evidence=["relationship"],
    )


def _sponsors(ctx: Context) -> Judgement:
    """Every partner names an executive sponsor (or a SER)."""
    rel = ctx.rmp.relationship
    if rel is None:
        return _no_relationship()
    roles = (PersonRole.EXECUTIVE_SPONSOR, PersonRole.SER)
    checks = []
    for pid in ctx.partner_ids:
        sponsors = [
            p.id for p in rel.people if p.partner_id == pid and any(r in p.roles for r in roles)
        ]
        checks.append(
            _ok(
                f"partner {pid} names an executive sponsor",
                bool(sponsors),
                ", ".join(sponsors) or "nobody with the executive_sponsor or ser role",
                "relationship.people",
            )
        )
    return _judge(
        ctx,
        _WT,
        checks,
        title="Executive sponsors",
        essential=0,
        subjects=ctx.partner_ids,
        remediation="name an executive sponsor on every side",
    )


def _raci(ctx: Context) -> Judgement:
    """Roles and responsibilities are agreed: the RACI matrix has no structural fault."""
    rel = ctx.rmp.relationship
    if rel is None:
        return _no_relationship()
    matrix = rel.governance.raci
    path = "relationship.governance.raci"
    majors = 0
    checks = [
        _present(
            matrix.activities,
            "a responsibility (RACI) matrix is agreed",
            plural(len(matrix.activities), "activity"),
            f"{path}.activities",
        )
    ]
    if matrix.activities:
        try:
            findings = validate_raci(matrix, path=path).findings
        except CollabrelError as exc:
            checks.append(
                _ok("the matrix uses a known alphabet", passed=False, observed=str(exc), path=path)
            )
            findings = ()
        bad = sorted(
            (f for f in findings if f.result.is_nonconformity),
            key=lambda f: f.result is not Result.MAJOR,
        )
        majors = sum(1 for f in bad if f.result is Result.MAJOR)
        checks += [
            _ok(
                "every activity has one accountable party and someone responsible",
                passed=False,
                observed=f"{f.message} [{f.requirement}]",
                path=f.paths[0] if f.paths else path,
            )
            for f in bad
        ]
        if not bad:
            checks.append(
                _ok(
                    "every activity has one accountable and a responsible party",
                    passed=True,
                    observed="no structural fault",
                    path=f"{path}.activities",
                )
            )
    return _judge(
        ctx,
        _WT,
        checks,
        title="Roles and responsibilities (RACI)",
        essential=1 + majors,
        remediation="give every activity exactly one accountable party and someone responsible",
    )


def _ladder(bodies: Sequence[GovernanceBody], index: dict[str, int]) -> tuple[list[str], set[str]]:
    """The escalation loops (as "a -> b -> a") and the bodies at the top of the ladder."""
    loops: list[str] = []
    tops: set[str] = set()
    for b in bodies:
        seen = [b.id]
        current = b
        while current.escalates_to is not None and current.escalates_to in index:
            nxt = bodies[index[current.escalates_to]]
            if nxt.id in seen:
                loop = [*seen[seen.index(nxt.id) :], nxt.id]
                if not any(set(loop) == set(x.split(" -> ")) for x in loops):
                    loops.append(" -> ".join(loop))
                break
            seen.append(nxt.id)
            current = nxt
        else:
            tops.add(current.id)
    return loops, tops


def _escalation(ctx: Context) -> Judgement:
    """Escalation runs up a ladder without loops to a joint top, with decision rights."""
    rel = ctx.rmp.relationship
    if rel is None:
        return _no_relationship()
    bodies = rel.governance.bodies
    index = {b.id: i for i, b in enumerate(bodies)}
    checks = [
        _present(
            bodies,
            "governance bodies are set up",
            plural(len(bodies), "body"),
            "relationship.governance.bodies",
        )
    ]
    loops, tops = _ladder(bodies, index)
    for loop in loops:
        first = loop.split(" -> ")[0]
        checks.append(
            _ok(
                "escalation does not go round in a loop",
                passed=False,
                observed=loop,
                path=f"relationship.governance.bodies[{index[first]}].escalates_to",
            )
        )
    if bodies and not loops:
        checks.append(
            _ok(
                "escalation does not go round in a loop",
                passed=True,
                observed="no loop",
                path="relationship.governance.bodies",
            )
        )
    joint_tops = []
    for t in sorted(tops):
        parties = {_partner_of(ctx, m) for m in bodies[index[t]].members}
        if all(p in parties for p in ctx.partner_ids):
            joint_tops.append(t)
    if bodies:
        checks.append(
            _ok(
                "the top of the ladder has members from every partner",
                bool(joint_tops),
                ("top: " + ", ".join(sorted(tops))) if tops else "no top (every route loops)",
                "relationship.governance.bodies",
            )
        )
    checks.append(
        _present(
            rel.governance.decision_rights,
            "decision rights are recorded",
            plural(len(rel.governance.decision_rights), "decision right"),
            "relationship.governance.decision_rights",
        )
    )
    return _judge(
        ctx,
        _WT,
        checks,
        title="Escalation and decision rights",
        essential=2 + len(loops),
        remediation="make escalation run up to one joint body with members from every "
        "partner, and record who may decide what",
    )


def _joint_risk(ctx: Context) -> Judgement:
    """The joint risk register has owners on every side."""
    rel = ctx.rmp.relationship
    if rel is None:
        return _no_relationship()
    owners: dict[str, list[int]] = {}
    for i, r in enumerate(rel.risks):
        owners.setdefault(_partner_of(ctx, r.owner) or "?", []).append(i)
    joint = [r.id for r in rel.risks if r.joint]
    checks = [
        _present(
            rel.risks,
            "a risk register is kept",
            plural(len(rel.risks), "risk"),
            "relationship.risks",
        ),
        _present(
            joint,
            "risks are managed jointly",
            plural(len(joint), "joint risk"),
            "relationship.risks",
        ),
    ]
    missing = [p for p in ctx.partner_ids if p not in owners]
    checks.append(
        _ok(
            "risks have owners on every side",
            not missing,
            "owners from "
            + ", ".join(f"{p} ({len(ix)})" for p, ix in sorted(owners.items()))
            + (f"; none from {', '.join(missing)}" if missing else ""),
            "relationship.risks",
        )
    )
    return _judge(
        ctx,
        _WT,
        checks,
        title="Joint risk register",
        remediation="manage risks jointly and give each to the partner best placed to own it",
    )


def _communications(ctx: Context) -> Judgement:
    """A joint communications plan says who hears what, how and how often."""
    path = "stages.working_together.communications_plan"
    plan = ctx.rmp.stages.working_together.communications_plan
    checks = ctx.record_checks(plan, path, "communications plan", joint=True)
    if plan is not None:
        checks.insert(
            1,
            _present(
                plan.items,
                "the plan lists audiences and messages",
                plural(len(plan.items), "line"),
                f"{path}.items",
            ),
        )
    return _judge(
        ctx,
        _WT,
        checks,
        title="Communications plan",
        essential=2,
        remediation="agree a joint communications plan: audiences, purpose, channel, "
        "frequency, owner",
    )


def _performance(ctx: Context) -> Judgement:
    """Performance is measured against the joint objectives and the expected benefits."""
    rel = ctx.rmp.relationship
    if rel is None:
        return _no_relationship()
    kpi_ids = {k.id for k in rel.kpis}
    checks = [
        _present(
            rel.kpis,
            "performance measures (KPIs) are set",
            plural(len(rel.kpis), "KPI"),
            "relationship.kpis",
        )
    ]
    joint = [(i, o) for i, o in enumerate(rel.objectives) if o.is_joint]
    if not joint:
        checks.append(
            _ok(
                "joint objectives are measured by KPIs",
                passed=False,
                observed="no joint objective",
                path="relationship.objectives",
            )
        )
    checks.extend(
        _ok(
            f"joint objective {o.id} is measured by a KPI",
            passed=bool(o.kpi_ids),
            observed=", ".join(o.kpi_ids) or "no KPI",
            path=f"relationship.objectives[{i}].kpi_ids",
        )
        for i, o in joint
    )
    for i, vp in enumerate(rel.value_propositions):
        for j, b in enumerate(vp.benefits):
            linked = b.kpi_id is not None and b.kpi_id in kpi_ids
            checks.append(
                _ok(
                    f"expected benefit {b.id} is measured by a KPI",
                    linked,
                    f"KPI {b.kpi_id}" if linked else "tied to no KPI",
                    f"relationship.value_propositions[{i}].benefits[{j}].kpi_id",
                )
            )
    return _judge(
        ctx,
        _WT,
        checks,
        title="Performance measurement",
        remediation="measure the joint objectives and expected benefits with KPIs",
    )


# ----------------------------------------------------------------------------- 6 Value


def _value_defined(ctx: Context) -> Judgement:
    """What value means to each partner is agreed, with measurable benefits."""
    rel = ctx.rmp.relationship
    if rel is None:
        return _no_relationship()
    props = rel.value_propositions
    checks = [
        _present(
            props,
            "value propositions are recorded",
            plural(len(props), "proposition"),
            "relationship.value_propositions",
        )
    ]
    beneficiaries = {b for vp in props for b in vp.beneficiaries}
    missing = [p for p in ctx.partner_ids if p not in beneficiaries]
    if props:
        checks.append(
            _ok(
                "every partner sees value for itself",
                not missing,
                "beneficiaries: "
                + (", ".join(sorted(beneficiaries)) or "none named")
                + (f"; nothing for {', '.join(missing)}" if missing else ""),
                "relationship.value_propositions",
            )
        )
    for i, vp in enumerate(props):
        checks.append(
            _ok(
                f"value proposition {vp.id} is agreed",
                vp.status is not ValueStatus.PROPOSED,
                f"status {vp.status.value}",
                f"relationship.value_propositions[{i}].status",
            )
        )
    return _judge(
        ctx,
        _VC,
        checks,
        title="Value for every partner",
        remediation="agree what value each partner expects, with measurable benefits",
    )


def _ideas(ctx: Context) -> Judgement:
    """An idea register records ideas with their evaluation and decision."""
    ideas = ctx.rmp.stages.value_creation.ideas
    checks = [
        _present(
            ideas,
            "an improvement and innovation register is kept",
            plural(len(ideas), "idea"),
            "stages.value_creation.ideas",
        )
    ]
    for i, idea in enumerate(ideas):
        decided = idea.status.value in {"approved", "implemented", "rejected", "dropped"}
        if decided:
            checks.append(
                _ok(
                    f"the decision on idea {idea.id} is dated",
                    idea.decided_on is not None,
                    f"{idea.status.value} on {idea.decided_on}"
                    if idea.decided_on
                    else f"{idea.status.value}, no decision date",
                    f"stages.value_creation.ideas[{i}].decided_on",
                )
            )
    return _judge(
        ctx,
        _VC,
        checks,
        title="Idea register",
        remediation="keep a joint register of ideas and record each evaluation and decision",
    )


def _benefits(ctx: Context) -> Judgement:
    """Benefits that have fallen due have realised value recorded."""
    rel = ctx.rmp.relationship
    if rel is None:
        return _no_relationship()
    checks = []
    for i, vp in enumerate(rel.value_propositions):
        for b in vp.benefits:
            if b.due_on is None or b.due_on > ctx.as_of:
                continue
            total = sum(r.amount for r in vp.realised if r.benefit_id == b.id and r.on <= ctx.as_of)
            checks.append(
                _ok(
                    f"realised value of benefit {b.id} (due {b.due_on}) is recorded",
                    any(r.benefit_id == b.id and r.on <= ctx.as_of for r in vp.realised),
                    f"{total:g} {b.unit} of {b.target:g}",
                    f"relationship.value_propositions[{i}].realised",
                )
            )
    if not checks:
        checks.append(
            _ok(
                "no benefit has fallen due yet",
                passed=True,
                observed=f"as of {ctx.as_of}",
                path="relationship.value_propositions",
            )
        )
    return _judge(
        ctx,
        _VC,
        checks,
        title="Benefits realised",
        essential=0,
        remediation="record the value realised for each benefit that has fallen due",
    )


# ----------------------------------------------------------------------------- 7 Staying


def _within(as_of: date, last: date | None, days: int) -> bool:
    return last is not None and (as_of - last).days <= days


def _reviews(ctx: Context) -> Judgement:
    """Joint reviews are held regularly and signed by every partner."""
    reviews = ctx.rmp.stages.staying_together.reviews
    rel = ctx.rmp.relationship
    cadences = [b.cadence for b in rel.governance.bodies if b.is_joint and b.cadence] if rel else []
    period = max((_CADENCE_DAYS[c] for c in cadences), default=183) * 2
    last = max((r.held_on for r in reviews if r.held_on <= ctx.as_of), default=None)
    checks = [
        _present(
            reviews,
            "relationship reviews are held",
            plural(len(reviews), "review"),
            "stages.staying_together.reviews",
        ),
        _ok(
            f"a review was held in the {period} days before {ctx.as_of}",
            _within(ctx.as_of, last, period),
            f"last review {last}" if last else "none held",
            "stages.staying_together.reviews",
        ),
    ]
    for i, r in enumerate(reviews):
        missing = r.unsigned_by(ctx.partner_ids)
        checks.append(
            _ok(
                f"review {r.id} is signed by every partner",
                not missing,
                f"signed by {', '.join(r.signatories) or 'nobody'}"
                + (f"; not by {', '.join(missing)}" if missing else ""),
                f"stages.staying_together.reviews[{i}].signatories",
            )
        )
    return _judge(
        ctx,
        _ST,
        checks,
        title="Joint reviews",
        remediation="hold joint reviews at the governance cadence and have every partner "
        "sign the record",
    )


def _measurement(ctx: Context) -> Judgement:
    """KPIs are measured at their frequency; those off track are flagged for action.

    A KPI without a recent measurement is a nonconformity (monitoring is not happening); a
    measured KPI that is off track or at risk is an observation (monitoring works, and the
    reviews must act on it).
    """
    rel = ctx.rmp.relationship
    if rel is None:
        return _no_relationship()
    checks = [
        _present(
            rel.kpis, "performance is measured", plural(len(rel.kpis), "KPI"), "relationship.kpis"
        )
    ]
    off: list[Check] = []
    if rel.kpis:
        report = assess_kpis(rel.kpis, ctx.as_of)
        for i, (kpi, a) in enumerate(zip(rel.kpis, report.kpis, strict=True)):
            path = f"relationship.kpis[{i}].measurements"
            days = _CADENCE_DAYS.get(kpi.frequency, 92) * 2 if kpi.frequency else 183
            checks.append(
                _ok(
                    f"KPI {kpi.id} was measured in the {days} days before {ctx.as_of}",
                    _within(ctx.as_of, a.measured_on, days),
                    f"last measured {a.measured_on}" if a.measured_on else "never measured",
                    path,
                )
            )
            if a.value is not None and a.status.value != "on_track":
                off.append(
                    _ok(
                        f"KPI {kpi.id} is on track",
                        passed=False,
                        observed=f"{a.status.value.replace('_', ' ')}, latest {a.value:g} against "
                        f"{a.target:g}",
                        path=path,
                    )
                )
    judged = _judge(
        ctx,
        _ST,
        checks,
        title="Performance monitoring",
        remediation="measure every KPI at its frequency and act on those off track",
    )
    if judged.result is not Result.CONFORMS or not off:
        return judged
    return _judgement(
        result=Result.OBSERVATION,
        message="Performance monitoring: in place, but "
        + "; ".join(f"{c.description.removesuffix(' is on track')}: {c.observed}" for c in off),
        checks=[*checks, *off],
        remediation="review the KPIs off track with the joint management team and agree "
        "corrective actions",
    )


def _health(ctx: Context) -> Judgement:
    """Relationship health is measured by people on every side."""
    surveys = [s for s in ctx.rmp.stages.staying_together.health_surveys if s.held_on <= ctx.as_of]
    checks = [
        _present(
            surveys,
            "relationship health surveys are held",
            plural(len(surveys), "survey"),
            "stages.staying_together.health_surveys",
        )
    ]
    if surveys:
        i, latest = max(
            (
                (i, s)
                for i, s in enumerate(ctx.rmp.stages.staying_together.health_surveys)
                if s.held_on <= ctx.as_of
            ),
            key=lambda t: t[1].held_on,
        )
        sides = {_partner_of(ctx, r.respondent) for r in latest.responses} - {None}
        missing = [p for p in ctx.partner_ids if p not in sides]
        checks += [
            _ok(
                f"the latest survey ({latest.held_on}) is within a year of {ctx.as_of}",
                _within(ctx.as_of, latest.held_on, 366),
                f"held {latest.held_on}",
                f"stages.staying_together.health_surveys[{i}].held_on",
            ),
            _ok(
                "every partner answered the latest survey",
                not missing,
                "answers from "
                + (", ".join(sorted(p for p in sides if p)) or "nobody")
                + (f"; none from {', '.join(missing)}" if missing else ""),
                f"stages.staying_together.health_surveys[{i}].responses",
            ),
        ]
    return _judge(
        ctx,
        _ST,
        checks,
        title="Relationship health",
        remediation="survey relationship health (trust, behaviours, communication) on every "
        "side at least yearly",
    )


def _risk_review(ctx: Context) -> Judgement:
    """Open risks are reviewed by their review dates."""
    rel = ctx.rmp.relationship
    if rel is None:
        return _no_relationship()
    checks = []
    for i, r in enumerate(rel.risks):
        if r.status in (RiskStatus.CLOSED, RiskStatus.REALISED):
            continue
        checks.append(
            _ok(
                f"risk {r.id} is reviewed on time",
                r.review_on is not None and r.review_on >= ctx.as_of,
                f"review on {r.review_on}" if r.review_on else "no review date",
                f"relationship.risks[{i}].review_on",
            )
        )
    if not checks:
        checks.append(
            _ok(
                "no open risk awaits review",
                passed=True,
                observed="none open",
                path="relationship.risks",
            )
        )
    return _judge(
        ctx,
        _ST,
        checks,
        title="Risk review",
        essential=0,
        remediation="review each open risk jointly by its review date and set the next one",
    )


def _issues(ctx: Context) -> Judgement:
    """Issues and disputes are logged, escalated to a body and resolved with a record."""
    log = ctx.rmp.stages.staying_together.issue_log
    checks = []
    for i, issue in enumerate(log):
        p = f"stages.staying_together.issue_log[{i}]"
        if issue.status is IssueStatus.ESCALATED:
            checks.append(
                _ok(
                    f"escalated issue {issue.id} names the body it went to",
                    issue.escalated_to is not None,
                    issue.escalated_to or "no body",
                    f"{p}.escalated_to",
                )
            )
        if issue.status in (IssueStatus.RESOLVED, IssueStatus.CLOSED):
            checks.append(
                _ok(
                    f"resolved issue {issue.id} records its resolution",
                    issue.resolution is not None and issue.resolved_on is not None,
                    ", ".join(
                        filter(
                            None,
                            [
                                "resolution recorded" if issue.resolution else "no resolution",
                                f"resolved on {issue.resolved_on}"
                                if issue.resolved_on
                                else "no resolution date",
                            ],
                        )
                    ),
                    f"{p}.resolution",
                )
            )
        if issue.status is IssueStatus.OPEN and issue.severity >= _SERIOUS_ISSUE:
            age = (ctx.as_of - issue.raised_on).days
            checks.append(
                _ok(
                    f"serious open issue {issue.id} is dealt with early",
                    age <= _EARLY_DAYS,
                    f"open for {age} days",
                    f"{p}.status",
                )
            )
    if not checks:
        checks.append(
            _ok(
                "the issue log shows nothing left unhandled",
                passed=True,
                observed=plural(len(log), "issue"),
                path="stages.staying_together.issue_log",
            )
        )
    return _judge(
        ctx,
        _ST,
        checks,
        title="Issues and disputes",
        essential=0,
        remediation="escalate serious issues early through the agreed ladder and record "
        "each resolution",
    )


def _action_checks(ctx: Context, actions: Sequence[object], path: str) -> list[Check]:
    checks = []
    for i, a in enumerate(actions):
        owner = getattr(a, "owner", None)
        due = getattr(a, "due_on", None)
        status = getattr(a, "status", ActionStatus.OPEN)
        aid = getattr(a, "id", str(i))
        checks.append(
            _ok(
                f"action {aid} has an owner and a due date",
                owner is not None and due is not None,
                f"owner {owner or 'none'}, due {due or 'never'}",
                f"{path}[{i}]",
            )
        )
        if status in (ActionStatus.OPEN, ActionStatus.IN_PROGRESS) and due is not None:
            checks.append(
                _ok(
                    f"open action {aid} is on time",
                    due >= ctx.as_of,
                    f"due {due}",
                    f"{path}[{i}].due_on",
                )
            )
    return checks


def _corrective(ctx: Context) -> Judgement:
    """Corrective actions are owned, dated and closed on time."""
    actions = ctx.rmp.stages.staying_together.corrective_actions
    checks = _action_checks(ctx, actions, "stages.staying_together.corrective_actions")
    if not checks:
        checks.append(
            _ok(
                "no corrective action is outstanding",
                passed=True,
                observed="none recorded",
                path="stages.staying_together.corrective_actions",
            )
        )
    return _judge(
        ctx,
        _ST,
        checks,
        title="Corrective action",
        essential=0,
        remediation="give every corrective action an owner and a due date, and close it",
    )


def _maturity(ctx: Context) -> Judgement:
    """The relationship's maturity is assessed, at least yearly."""
    assessments = [
        m
        for m in ctx.rmp.stages.staying_together.maturity_assessments
        if m.assessed_on <= ctx.as_of
    ]
    last = max((m.assessed_on for m in assessments), default=None)
    checks = [
        _present(
            assessments,
            "maturity assessments are made",
            plural(len(assessments), "assessment"),
            "stages.staying_together.maturity_assessments",
        ),
        _ok(
            f"the latest is within a year of {ctx.as_of}",
            _within(ctx.as_of, last, 366),
            f"latest {last}" if last else "none",
            "stages.staying_together.maturity_assessments",
        ),
    ]
    return _judge(
        ctx,
        _ST,
        checks,
        title="Maturity assessment",
        remediation="assess the relationship's maturity stage by stage at least yearly",
    )


# ----------------------------------------------------------------------------- 8 Exit


def _exit_stage(ctx: Context) -> Stage:
    """The stage whose reach makes the exit plan's content due: working together onwards."""
    return _EX if ctx.reached(_EX) else _WT


def _exit_plan(ctx: Context) -> Judgement:
    """A joint exit plan is approved, signed by every partner and kept current."""
    plan = ctx.rmp.relationship.exit_plan if ctx.rmp.relationship else None
    checks = ctx.record_checks(plan, "relationship.exit_plan", "exit plan", joint=True)
    return _judge(
        ctx,
        _exit_stage(ctx),
        checks,
        title="Joint exit strategy",
        remediation="agree a joint exit strategy, signed by every partner, and review it",
    )


def _triggers(ctx: Context) -> Judgement:
    """The exit plan names the triggers that end the relationship."""
    plan = ctx.rmp.relationship.exit_plan if ctx.rmp.relationship else None
    checks = [
        _ok(
            "an exit plan is recorded",
            plan is not None,
            plan.id if plan else "missing",
            "relationship.exit_plan",
        ),
    ]
    if plan is not None:
        checks.append(
            _present(
                plan.triggers,
                "exit triggers are agreed",
                plural(len(plan.triggers), "trigger"),
                "relationship.exit_plan.triggers",
            )
        )
    return _judge(
        ctx,
        _exit_stage(ctx),
        checks,
        title="Exit triggers",
        essential=2,
        remediation="agree the signs that the relationship has run its course",
    )


def _transition(ctx: Context) -> Judgement:
    """Continuity and the transfer of people, assets, data and IP are planned."""
    plan = ctx.rmp.relationship.exit_plan if ctx.rmp.relationship else None
    checks = [
        _ok(
            "an exit plan is recorded",
            plan is not None,
            plan.id if plan else "missing",
            "relationship.exit_plan",
        ),
    ]
    if plan is not None:
        kinds = sorted(k.value for k in plan.transfer_kinds)
        checks += [
            _present(
                plan.transfers,
                "transfers on exit are planned",
                ", ".join(kinds),
                "relationship.exit_plan.transfers",
            ),
            _present(
                plan.continuity,
                "continuity of service is planned",
                plural(len(plan.continuity), "arrangement"),
                "relationship.exit_plan.continuity",
            ),
        ]
    if ctx.exit_activated:
        checks += ctx.record_checks(
            ctx.rmp.stages.exit_strategy.transition_plan,
            "stages.exit_strategy.transition_plan",
            "transition plan",
            joint=True,
        )
    return _judge(
        ctx,
        _exit_stage(ctx),
        checks,
        title="Continuity and transition",
        essential=2,
        remediation="plan the transfer of people, assets, data and intellectual property, "
        "and how service continues",
    )


def _future(ctx: Context) -> Judgement:
    """The exit plan considers the future relationship and leaves the door open."""
    plan = ctx.rmp.relationship.exit_plan if ctx.rmp.relationship else None
    record = ctx.rmp.stages.exit_strategy.future_opportunities
    checks = [
        _ok(
            "the future relationship is considered",
            (plan is not None and plan.future_relationship is not None) or record is not None,
            "considered" if (plan and plan.future_relationship) or record else "not addressed",
            "relationship.exit_plan.future_relationship",
        )
    ]
    return _judge(
        ctx,
        _exit_stage(ctx),
        checks,
        title="Future relationship",
        remediation="say how the partners could work together again after exit",
    )


def _lessons(ctx: Context) -> Judgement:
    """Lessons learnt are captured once exit is activated."""
    lessons = ctx.rmp.stages.exit_strategy.lessons_learnt
    if not ctx.exit_activated:
        plan = ctx.rmp.relationship.exit_plan if ctx.rmp.relationship else None
        planned = _ok(
            "an exit plan is agreed",
            plan is not None and plan.is_approved,
            f"status {plan.status.value}" if plan else "missing",
            "relationship.exit_plan",
        )
        agreed = bool(planned.passed)
        return _judgement(
            result=Result.AGREED_NOT_EXERCISED if agreed else Result.MINOR,
            message="Lessons learnt: exit is not activated"
            + ("; the exit plan is agreed" if agreed else " and no exit plan is agreed"),
            checks=[
                _ok("exit is activated", passed=False, observed="not activated", path="history"),
                planned,
            ],
            evidence=[] if agreed else ["relationship.exit_plan"],
            remediation=None if agreed else "agree the exit plan",
        )
    checks = [
        _present(
            lessons,
            "lessons learnt are recorded",
            plural(len(lessons), "lesson"),
            "stages.exit_strategy.lessons_learnt",
        )
    ]
    return _judge(
        ctx,
        _EX,
        checks,
        title="Lessons learnt",
        remediation="record the lessons learnt from the relationship",
    )


# ----------------------------------------------------------------------------- management system


def _context(ctx: Context) -> Judgement:
    """The context for collaborating is understood: drivers and objectives are stated."""
    case = ctx.rmp.stages.knowledge.business_case
    analysis = ctx.rmp.stages.awareness.value_analysis
    checks = [
        _ok(
            "the drivers for collaborating are stated",
            (case is not None and bool(case.drivers)) or analysis is not None,
            (plural(len(case.drivers), "driver") if case else "no business case")
            + (f"; value analysis {analysis.id!r}" if analysis else ""),
            "stages.knowledge.business_case.drivers",
        )
    ]
    return _judge(
        ctx,
        None,
        checks,
        title="Context of collaboration",
        remediation="state the internal and external drivers for collaborating",
    )


def _interested_parties(ctx: Context) -> Judgement:
    """The interested parties and what they need from the relationship are identified."""
    rel = ctx.rmp.relationship
    if rel is None:
        return _no_relationship()
    checks = [
        _ok(
            f"partner {p.id} has named people",
            bool(rel.people_of(p.id)),
            plural(len(rel.people_of(p.id)), "person"),
            f"relationship.partners[{i}]",
        )
        for i, p in enumerate(rel.partners)
    ]
    checks.append(
        _present(
            [b for vp in rel.value_propositions for b in vp.beneficiaries],
            "the value each party expects is recorded",
            "beneficiaries named",
            "relationship.value_propositions",
        )
    )
    return _judge(
        ctx,
        None,
        checks,
        title="Interested parties",
        essential=0,
        remediation="name each party's people and what each expects",
    )


def _scope(ctx: Context) -> Judgement:
    """The scope of the collaborative working is stated."""
    scope = ctx.rmp.scope
    checks = [
        _ok(
            "the scope is described",
            scope.description is not None,
            f"{scope.level.value}: {scope.description}"
            if scope.description
            else f"{scope.level.value}, no description",
            "scope.description",
        )
    ]
    return _judge(ctx, None, checks, title="Scope", remediation="describe what the plan covers")


def _roles(ctx: Context) -> Judgement:
    """Roles, responsibilities and authorities are assigned, the SER's among them."""
    rel = ctx.rmp.relationship
    holders = [p.id for p in rel.people if PersonRole.SER in p.roles] if rel else []
    appointment = ctx.rmp.stages.awareness.ser_appointment
    checks = [
        _ok(
            "a senior executive responsible is appointed",
            bool(holders) or appointment is not None,
            ", ".join(holders) or ("appointment recorded" if appointment else "nobody"),
            "stages.awareness.ser_appointment",
        ),
    ]
    if rel is not None:
        checks.append(
            _present(
                rel.governance.raci.activities,
                "responsibilities are assigned",
                plural(len(rel.governance.raci.activities), "activity"),
                "relationship.governance.raci",
            )
        )
        checks.append(
            _present(
                rel.governance.decision_rights,
                "authorities are recorded",
                plural(len(rel.governance.decision_rights), "decision right"),
                "relationship.governance.decision_rights",
            )
        )
    return _judge(
        ctx,
        None,
        checks,
        title="Roles and authorities",
        remediation="appoint the SER and record who is responsible for and may decide what",
    )


def _ms_risks(ctx: Context) -> Judgement:
    """Risks and opportunities are addressed: open risks have mitigations."""
    rel = ctx.rmp.relationship
    risks = rel.risks if rel else ()
    checks = [
        _present(risks, "risks are identified", plural(len(risks), "risk"), "relationship.risks")
    ]
    for i, r in enumerate(risks):
        if r.status in (RiskStatus.OPEN, RiskStatus.MITIGATING) and r.score >= _HIGH_RISK:
            checks.append(
                _ok(
                    f"high risk {r.id} (score {r.score}) has a mitigation",
                    r.mitigation is not None,
                    r.mitigation or "none",
                    f"relationship.risks[{i}].mitigation",
                )
            )
    return _judge(
        ctx,
        None,
        checks,
        title="Risks and opportunities",
        remediation="plan a mitigation for every high risk",
    )


def _objectives(ctx: Context) -> Judgement:
    """Collaborative objectives are measurable, owned and planned."""
    rel = ctx.rmp.relationship
    objectives = rel.objectives if rel else ()
    checks = [
        _present(
            objectives,
            "objectives are set",
            plural(len(objectives), "objective"),
            "relationship.objectives",
        )
    ]
    for i, o in enumerate(objectives):
        checks.append(
            _ok(
                f"objective {o.id} is measurable (a KPI or a target date)",
                bool(o.kpi_ids) or o.target_date is not None,
                ", ".join(o.kpi_ids) or (str(o.target_date) if o.target_date else "neither"),
                f"relationship.objectives[{i}]",
            )
        )
        checks.append(
            _ok(
                f"objective {o.id} has an owner",
                o.owner is not None,
                o.owner or "no owner",
                f"relationship.objectives[{i}].owner",
            )
        )
    return _judge(
        ctx,
        None,
        checks,
        title="Collaborative objectives",
        remediation="make each objective measurable and give it an owner",
    )


def _all_records(ctx: Context) -> list[tuple[str, Record]]:
    out = []
    for stage in Stage:
        out += [(f"stages.{stage.value}.{p}", r) for p, r in ctx.rmp.stages.records(stage)]
    if ctx.rmp.relationship is not None and ctx.rmp.relationship.exit_plan is not None:
        out.append(("relationship.exit_plan", ctx.rmp.relationship.exit_plan))
    return out


def _documented(ctx: Context) -> Judgement:
    """Documented information is controlled: approvals are attributed and dated."""
    meta = ctx.rmp.meta
    checks = [
        _ok(
            "the plan carries a revision, owner and next review date",
            meta.owner is not None and meta.next_review_on is not None,
            f"revision {meta.revision}, owner {meta.owner or 'none'}, "
            f"next review {meta.next_review_on or 'none'}",
            "meta",
        ),
    ]
    records = _all_records(ctx)
    for path, r in records:
        if r.is_approved and (r.approved_by is None or r.approved_on is None):
            checks.append(
                _ok(
                    f"approved record {r.id} says who approved it and when",
                    passed=False,
                    observed=f"approved_by {r.approved_by or 'missing'}, approved_on "
                    f"{r.approved_on or 'missing'}",
                    path=path,
                )
            )
    if len(checks) == 1:
        checks.append(
            _ok(
                "every approved record says who approved it and when",
                passed=True,
                observed=plural(len(records), "record"),
                path="stages",
            )
        )
    return _judge(
        ctx,
        None,
        checks,
        title="Documented information",
        essential=0,
        remediation="record who approved each document and when, and keep the "
        "plan's revision and review date",
    )


def _operational(ctx: Context) -> Judgement:
    """The lifecycle is planned and controlled: the history replays and follows the guards."""
    history = ctx.rmp.history
    checks = [
        _present(
            history, "the lifecycle history is recorded", plural(len(history), "event"), "history"
        )
    ]
    if ctx.history_error is not None:
        err = ctx.history_error
        checks.append(
            _ok(
                "the history replays", passed=False, observed=err.reason, path=err.path or "history"
            )
        )
    elif history:
        checks.append(
            _ok("the history replays", passed=True, observed="every event applies", path="history")
        )
        try:
            transitions = trace(history, guards=default_guards(), rmp=ctx.rmp)
        except CollabrelError as exc:  # pragma: no cover - replay already succeeded
            transitions = ()
            checks.append(
                _ok("the history can be traced", passed=False, observed=str(exc), path="history")
            )
        for t in transitions:
            if t.event.at.date() > ctx.as_of:
                break
            checks.extend(
                _ok(
                    f"history[{t.index}]: {f.message}",
                    t.overridden,
                    "overridden: " + t.event.override.reason
                    if t.event.override
                    else "no override recorded",
                    f"history[{t.index}]",
                )
                for f in t.reasons
            )
    return _judge(
        ctx,
        None,
        checks,
        title="Operational planning and control",
        essential=2,
        remediation="record lifecycle events as they happen; where a stage starts "
        "before what it waits on, record who decided so and why (an override)",
    )


def _monitoring(ctx: Context) -> Judgement:
    """Monitoring covers performance, value and relationship health."""
    rel = ctx.rmp.relationship
    kpis = rel.kpis if rel else ()
    measured = [k.id for k in kpis if k.measurements]
    surveys = ctx.rmp.stages.staying_together.health_surveys
    checks = [
        _present(measured, "performance is measured", ", ".join(measured), "relationship.kpis"),
        _present(
            surveys,
            "relationship health is measured",
            plural(len(surveys), "survey"),
            "stages.staying_together.health_surveys",
        ),
    ]
    if rel is not None:
        for i, vp in enumerate(rel.value_propositions):
            for b in vp.benefits:
                if b.due_on is not None and b.due_on <= ctx.as_of:
                    seen = any(r.benefit_id == b.id and r.on <= ctx.as_of for r in vp.realised)
                    checks.append(
                        _ok(
                            f"value realised for benefit {b.id} is measured",
                            seen,
                            f"due {b.due_on}; " + ("recorded" if seen else "nothing recorded"),
                            f"relationship.value_propositions[{i}].realised",
                        )
                    )
    return _judge(
        ctx,
        None,
        checks,
        title="Monitoring and measurement",
        remediation="measure performance, value realised and relationship health",
    )


def _management_review(ctx: Context) -> Judgement:
    """Top management reviews the collaboration at least yearly."""
    reviews = ctx.rmp.stages.staying_together.reviews
    year_ago = ctx.as_of - relativedelta(years=1)
    mgmt = [
        (i, r)
        for i, r in enumerate(reviews)
        if year_ago <= r.held_on <= ctx.as_of
        and (
            r.kind is ReviewKind.MANAGEMENT
            or any(ctx.holds(a, PersonRole.SER) for a in r.attendees)
        )
    ]
    checks = [
        _ok(
            "a management review (or a review with a SER) was held in the last year",
            bool(mgmt),
            ", ".join(r.id for _, r in mgmt) or "none",
            "stages.staying_together.reviews",
        )
    ]
    return _judge(
        ctx,
        None,
        checks,
        title="Management review",
        remediation="hold a management review with the SER at least yearly",
    )


def _nonconformity(ctx: Context) -> Judgement:
    """Nonconformities and issues lead to owned corrective actions, closed on time."""
    st = ctx.rmp.stages.staying_together
    checks = _action_checks(
        ctx, st.corrective_actions, "stages.staying_together.corrective_actions"
    )
    serious = [(i, x) for i, x in enumerate(st.issue_log) if x.severity >= _GRAVE_ISSUE]
    if serious and not st.corrective_actions:
        i, x = serious[0]
        checks.append(
            _ok(
                "serious issues lead to corrective action",
                passed=False,
                observed=f"issue {x.id} (severity {x.severity}), no corrective action",
                path=f"stages.staying_together.issue_log[{i}]",
            )
        )
    if not checks:
        checks.append(
            _ok(
                "no corrective action is outstanding",
                passed=True,
                observed="none recorded",
                path="stages.staying_together.corrective_actions",
            )
        )
    return _judge(
        ctx,
        None,
        checks,
        title="Nonconformity and corrective action",
        essential=0,
        remediation="answer each nonconformity with an owned, dated corrective action",
    )


def _improvement(ctx: Context) -> Judgement:
    """There is evidence of continual improvement."""
    st = ctx.rmp.stages.staying_together
    lessons = ctx.rmp.stages.exit_strategy.lessons_learnt
    ideas = [i for i in ctx.rmp.stages.value_creation.ideas if i.status.value == "implemented"]
    evidence = [
        plural(len(lessons), "lesson") if lessons else "",
        plural(len(st.maturity_assessments), "maturity assessment")
        if len(st.maturity_assessments) > 1
        else "",
        plural(len(ideas), "implemented idea") if ideas else "",
    ]
    seen = [e for e in evidence if e]
    checks = [
        _ok(
            "improvement is evidenced (lessons, repeated maturity assessments, implemented ideas)",
            bool(seen),
            ", ".join(seen) or "none",
            "stages",
        )
    ]
    return _judge(
        ctx,
        None,
        checks,
        title="Continual improvement",
        remediation="capture lessons, reassess maturity and implement ideas",
    )


# ----------------------------------------------------------------------------- registry


def _per_relationship(func: Callable[[Context], Judgement]) -> Callable[[Context], Judgement]:
    """`func`, answering not applicable for a template plan (no relationship)."""

    def rule(ctx: Context) -> Judgement:
        if ctx.rmp.relationship is None:
            return _no_relationship()
        return func(ctx)

    rule.__doc__ = func.__doc__
    return rule


def _r(
    rule_id: str,
    requirements: tuple[str, ...],
    func: Callable[[Context], Judgement],
    *,
    severity: Severity = Severity.MAJOR,
) -> Rule:
    if rule_id in _RELATIONSHIP_BOUND:
        func = _per_relationship(func)
    doc = (func.__doc__ or rule_id).strip().splitlines()[0]
    return Rule(id=rule_id, title=doc, requirements=requirements, evaluate=func, severity=severity)


_MINOR: Final = Severity.MINOR
_RELATIONSHIP_BOUND: Final = frozenset(
    {
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
"""Rules about one relationship: a template plan (no relationship) is not judged by them."""

_RULES: Final[tuple[Rule, ...]] = (
    _r("CR.S1.SER", ("CBR.S1.SER",), _ser),
    _r("CR.S1.POLICY", ("CBR.S1.POLICY", "MS.5.2.POLICY"), _policy),
    _r("CR.S1.VALUE", ("CBR.S1.VALUE",), _value),
    _r("CR.S1.PRIORITISATION", ("CBR.S1.PRIORITISATION",), _prioritisation, severity=_MINOR),
    _r("CR.S1.RISK", ("CBR.S1.RISK",), _initial_risk),
    _r("CR.S1.RMP", ("CBR.S1.RMP",), _rmp),
    _r("CR.S2.BUSINESS_CASE", ("CBR.S2.BUSINESS_CASE",), _business_case),
    _r(
        "CR.S2.SKILLS",
        ("CBR.S2.SKILLS",),
        _simple_record(
            _K,
            "skills_assessment",
            "skills assessment",
            "Skills needed",
            "assess the skills the relationship needs",
        ),
        severity=_MINOR,
    ),
    _r("CR.S2.KNOWLEDGE_MAP", ("CBR.S2.KNOWLEDGE_MAP",), _knowledge_map),
    _r("CR.S2.RISK", ("CBR.S2.RISK",), _collab_risk),
    _r("CR.S2.EXIT_OUTLINE", ("CBR.S2.EXIT_OUTLINE",), _exit_outline),
    _r("CR.S3.PROFILE", ("CBR.S3.PROFILE",), _profile),
    _r("CR.S3.GAP_PLAN", ("CBR.S3.GAP_PLAN",), _gap_plan),
    _r(
        "CR.S3.COMPETENCE",
        ("CBR.S3.COMPETENCE", "MS.7.2.COMPETENCE"),
        _simple_record(
            _IA,
            "competence_assessment",
            "competence assessment",
            "Competences and behaviours",
            "assess the competences and behaviours of the people involved",
        ),
    ),
    _r("CR.S3.LEADERS", ("CBR.S3.LEADERS",), _leaders),
    _r("CR.S3.SELECTION_CRITERIA", ("CBR.S3.SELECTION_CRITERIA",), _criteria),
    _r("CR.S4.NOMINATION", ("CBR.S4.NOMINATION",), _nomination),
    _r("CR.S4.EVALUATION", ("CBR.S4.EVALUATION",), _evaluation),
    _r("CR.S4.DUE_DILIGENCE", ("CBR.S4.DUE_DILIGENCE",), _due_diligence),
    _r("CR.S4.DECISION", ("CBR.S4.DECISION",), _decision),
    _r("CR.S4.JOINT_OBJECTIVES", ("CBR.S4.JOINT_OBJECTIVES",), _joint_objectives),
    _r(
        "CR.S4.NEGOTIATION",
        ("CBR.S4.NEGOTIATION",),
        _simple_record(
            _PS,
            "negotiation_approach",
            "negotiation approach",
            "Negotiation approach",
            "record a non-adversarial negotiation approach",
            current=False,
        ),
        severity=_MINOR,
    ),
    _r("CR.S5.JOINT_RMP", ("CBR.S5.JOINT_RMP",), _joint_rmp),
    _r("CR.S5.GOVERNANCE", ("CBR.S5.GOVERNANCE",), _governance),
    _r("CR.S5.SPONSORS", ("CBR.S5.SPONSORS",), _sponsors),
    _r("CR.S5.RACI", ("CBR.S5.RACI",), _raci),
    _r("CR.S5.ESCALATION", ("CBR.S5.ESCALATION",), _escalation),
    _r(
        "CR.S5.CONTRACT",
        ("CBR.S5.CONTRACT",),
        _simple_record(
            _WT,
            "contract",
            "contract",
            "Contracting arrangements",
            "record the contract and have every partner sign it",
            joint=True,
            current=False,
        ),
    ),
    _r("CR.S5.JOINT_RISK", ("CBR.S5.JOINT_RISK",), _joint_risk),
    _r(
        "CR.S5.KNOWLEDGE_SHARING",
        ("CBR.S5.KNOWLEDGE_SHARING",),
        _simple_record(
            _WT,
            "knowledge_sharing",
            "knowledge-sharing process",
            "Knowledge sharing",
            "agree how the partners share knowledge",
            joint=True,
        ),
        severity=_MINOR,
    ),
    _r("CR.S5.COMMUNICATIONS", ("CBR.S5.COMMUNICATIONS", "MS.7.4.COMMUNICATION"), _communications),
    _r("CR.S5.PERFORMANCE", ("CBR.S5.PERFORMANCE",), _performance),
    _r(
        "CR.S5.ISSUE_RESOLUTION",
        ("CBR.S5.ISSUE_RESOLUTION",),
        _simple_record(
            _WT,
            "issue_resolution",
            "issue resolution procedure",
            "Issue resolution procedure",
            "agree a joint procedure for resolving issues early",
            joint=True,
        ),
    ),
    _r(
        "CR.S6.PROCESS",
        ("CBR.S6.PROCESS",),
        _simple_record(
            _VC,
            "innovation_process",
            "joint innovation process",
            "Improvement and innovation process",
            "agree a joint process for improvement and innovation",
            joint=True,
        ),
    ),
    _r("CR.S6.VALUE", ("CBR.S6.VALUE",), _value_defined),
    _r("CR.S6.IDEAS", ("CBR.S6.IDEAS",), _ideas),
    _r("CR.S6.BENEFITS", ("CBR.S6.BENEFITS",), _benefits),
    _r("CR.S7.REVIEWS", ("CBR.S7.REVIEWS",), _reviews),
    _r("CR.S7.MEASUREMENT", ("CBR.S7.MEASUREMENT",), _measurement),
    _r("CR.S7.HEALTH", ("CBR.S7.HEALTH",), _health),
    _r("CR.S7.RISK_REVIEW", ("CBR.S7.RISK_REVIEW",), _risk_review, severity=_MINOR),
    _r("CR.S7.ISSUES", ("CBR.S7.ISSUES",), _issues, severity=_MINOR),
    _r("CR.S7.CORRECTIVE_ACTION", ("CBR.S7.CORRECTIVE_ACTION",), _corrective, severity=_MINOR),
    _r("CR.S7.MATURITY", ("CBR.S7.MATURITY",), _maturity, severity=_MINOR),
    _r("CR.S8.EXIT_PLAN", ("CBR.S8.EXIT_PLAN",), _exit_plan),
    _r("CR.S8.TRIGGERS", ("CBR.S8.TRIGGERS",), _triggers),
    _r("CR.S8.TRANSITION", ("CBR.S8.TRANSITION",), _transition),
    _r("CR.S8.FUTURE", ("CBR.S8.FUTURE",), _future, severity=_MINOR),
    _r("CR.S8.LESSONS", ("CBR.S8.LESSONS",), _lessons, severity=_MINOR),
    _r("CR.MS.CONTEXT", ("MS.4.1.CONTEXT",), _context, severity=_MINOR),
    _r(
        "CR.MS.INTERESTED_PARTIES",
        ("MS.4.2.INTERESTED_PARTIES",),
        _interested_parties,
        severity=_MINOR,
    ),
    _r("CR.MS.SCOPE", ("MS.4.3.SCOPE",), _scope, severity=_MINOR),
    _r("CR.MS.ROLES", ("MS.5.3.ROLES",), _roles),
    _r("CR.MS.RISKS", ("MS.6.1.RISKS",), _ms_risks),
    _r("CR.MS.OBJECTIVES", ("MS.6.2.OBJECTIVES",), _objectives),
    _r(
        "CR.MS.DOCUMENTED_INFORMATION",
        ("MS.7.5.DOCUMENTED_INFORMATION",),
        _documented,
        severity=_MINOR,
    ),
    _r("CR.MS.OPERATIONAL_PLANNING", ("MS.8.1.OPERATIONAL_PLANNING",), _operational),
    _r("CR.MS.MONITORING", ("MS.9.1.MONITORING",), _monitoring),
    _r("CR.MS.MANAGEMENT_REVIEW", ("MS.9.3.MANAGEMENT_REVIEW",), _management_review),
    _r("CR.MS.NONCONFORMITY", ("MS.10.1.NONCONFORMITY",), _nonconformity, severity=_MINOR),
    _r("CR.MS.IMPROVEMENT", ("MS.10.2.IMPROVEMENT",), _improvement, severity=Severity.OBSERVATION),
)


def builtin_rules() -> tuple[Rule, ...]:
    """The built-in rules, in catalogue order.

    Examples:
        >>> rules = builtin_rules()
        >>> rules[0].id, rules[0].requirements
        ('CR.S1.SER', ('CBR.S1.SER',))
    """
    return _RULES


def default_rules() -> Registry:
    """A fresh registry holding the built-in rules: change it freely.

    Examples:
        >>> rules = default_rules().deselect("CR.S4.NEGOTIATION")
        >>> "CR.S4.NEGOTIATION" in rules, "CR.S4.NEGOTIATION" in default_rules()
        (False, True)
    """
    return Registry(_RULES)
