"""Stage 4, partner selection: the bespoke rules (the negotiation approach is a record row)."""

from __future__ import annotations

from collabrel._text import plural
from collabrel.conformance._checks import counted, fact, named, non_empty
from collabrel.conformance._grading import Checked, per_relationship
from collabrel.conformance._rules import Context
from collabrel.model import (
    PersonRole,
    Relationship,
    SelectionDecision,
)

__all__ = ["decision", "due_diligence", "evaluation", "joint_objectives", "nomination"]


def nomination(ctx: Context) -> Checked:
    """Candidates are nominated and shortlisted."""
    candidates = ctx.rmp.stages.partner_selection.candidates
    short = [c.id for c in candidates if c.shortlisted]
    return [
        counted(
            candidates,
            "candidate partners are nominated",
            "candidate",
            "stages.partner_selection.candidates",
        ),
        named(
            short,
            "a shortlist is drawn",
            "nobody shortlisted",
            "stages.partner_selection.candidates",
        ),
    ]


def evaluation(ctx: Context) -> Checked:
    """Shortlisted candidates are evaluated against every agreed criterion."""
    sel = ctx.rmp.stages.partner_selection
    crit = ctx.rmp.stages.internal_assessment.selection_criteria
    criteria = {c.id for c in crit.criteria} if crit else set()
    evaluated = {e.candidate_id for e in sel.evaluations}
    checks = [
        counted(
            sel.evaluations,
            "candidates are evaluated",
            "evaluation",
            "stages.partner_selection.evaluations",
        ),
        counted(
            criteria,
            "the evaluation has agreed criteria to score against",
            "criterion",
            "stages.internal_assessment.selection_criteria.criteria",
        ),
    ]
    for i, c in enumerate(sel.candidates):
        if c.shortlisted:
            checks.append(
                fact(
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
                fact(
                    f"candidate {e.candidate_id} is scored on every criterion",
                    not missing,
                    "all scored" if not missing else "not scored on " + ", ".join(missing),
                    f"stages.partner_selection.evaluations[{i}].scores",
                )
            )
    return checks


def due_diligence(ctx: Context) -> Checked:
    """The chosen partners went through due diligence and a behavioural assessment."""
    sel = ctx.rmp.stages.partner_selection
    chosen = sel.decision.selected if sel.decision else ()
    by_candidate = {e.candidate_id: (i, e) for i, e in enumerate(sel.evaluations)}
    checks = [
        non_empty(
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
                fact(
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
            fact(
                f"due diligence on {cid} is done",
                e.due_diligence_done,
                "done" if e.due_diligence_done else "not done",
                f"{p}.due_diligence_done",
            ),
            fact(
                f"a behavioural assessment of {cid} is done",
                e.behavioural_assessment_done,
                "done" if e.behavioural_assessment_done else "not done",
                f"{p}.behavioural_assessment_done",
            ),
        ]
    return checks


def decision(ctx: Context) -> Checked:
    """The selection decision is recorded, reasoned and backed by evaluations and criteria."""
    sel = ctx.rmp.stages.partner_selection
    decision, path = ctx.at("stages.partner_selection.decision", SelectionDecision)
    checks = ctx.record_checks(decision, path, "selection decision", approver=PersonRole.SER)
    if decision is not None and checks[0].passed:
        evaluated = {e.candidate_id for e in sel.evaluations}
        unevaluated = [c for c in decision.selected if c not in evaluated]
        crit = ctx.rmp.stages.internal_assessment.selection_criteria
        checks[1:1] = [
            non_empty(
                decision.selected,
                "the decision names the selected partners",
                ", ".join(decision.selected),
                f"{path}.selected",
            ),
            fact(
                "the decision is backed by evaluations of the selected candidates",
                bool(decision.selected) and not unevaluated,
                "evaluated" if not unevaluated else "no evaluation of " + ", ".join(unevaluated),
                path,
            ),
            fact(
                "the decision is backed by agreed selection criteria",
                crit is not None and bool(crit.criteria),
                plural(len(crit.criteria), "criterion") if crit else "no selection criteria",
                "stages.internal_assessment.selection_criteria",
            ),
        ]
        checks.append(
            non_empty(
                decision.rationale, "the decision gives its rationale", "given", f"{path}.rationale"
            )
        )
    return checks


@per_relationship
def joint_objectives(ctx: Context, rel: Relationship) -> Checked:
    """Joint ("ours") objectives are drafted with the chosen partners."""
    draft = ctx.rmp.stages.partner_selection.joint_objectives_draft
    joint = [o.id for o in rel.objectives if o.is_joint]
    owners = sorted({o.partner_id or "joint" for o in rel.objectives})
    return [
        fact(
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
