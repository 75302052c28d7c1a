"""Stage 5, working together: the bespoke rules.

The joint RMP, the contract, knowledge sharing, the communications plan and the issue
procedure are record rows of the table.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from collabrel.conformance._checks import clear, counted, fact, named
from collabrel.conformance._grading import Checked, judge, per_relationship
from collabrel.conformance._rules import Context, Judgement
from collabrel.conformance.rules._common import partner_of, seated
from collabrel.conformance.rules._value import benefit_measured
from collabrel.errors import CollabrelError
from collabrel.governance import validate_raci
from collabrel.model import (
    Check,
    GovernanceBody,
    PersonRole,
    Relationship,
    Result,
    Stage,
)

__all__ = ["escalation", "governance", "joint_risk", "performance", "raci", "sponsors"]


@per_relationship
def governance(ctx: Context, rel: Relationship) -> Checked:
    """A joint management team with members from every partner and agreed terms.

    A member stands for every partner they act for on the day judged (their employer, and
    the partners they are seconded to, agent of or representative for).
    """
    bodies = rel.governance.bodies
    joint = [(i, b) for i, b in enumerate(bodies) if b.is_joint]
    checks = [
        named(
            [b.name for _, b in joint],
            "a joint management body is set up",
            "no joint body",
            "relationship.governance.bodies",
        )
    ]
    for i, b in joint:
        parties, via = seated(ctx, rel, b.members)
        missing = [p for p in ctx.partner_ids if p not in parties]
        checks.append(
            fact(
                f"{b.name} has members from every partner",
                not missing,
                f"members from {', '.join(sorted(parties)) or 'nobody'}"
                + "".join(f"; {v}" for v in via)
                + (f"; none from {', '.join(missing)}" if missing else ""),
                f"relationship.governance.bodies[{i}].members",
            )
        )
    terms = ctx.rmp.stages.working_together.governance_terms
    has_tor = terms is not None or any(b.terms_of_reference for _, b in joint)
    checks.append(
        fact(
            "the joint governance has terms of reference",
            has_tor,
            f"{terms.title!r}" if terms else ("on the body" if has_tor else "none"),
            "stages.working_together.governance_terms",
        )
    )
    return checks


@per_relationship
def sponsors(ctx: Context, rel: Relationship) -> Judgement:
    """Every partner names an executive sponsor (or a SER)."""
    roles = (PersonRole.EXECUTIVE_SPONSOR, PersonRole.SER)
    checks = []
    for pid in ctx.partner_ids:
        sponsors = [
            p.id for p in rel.people if p.partner_id == pid and any(r in p.roles for r in roles)
        ]
        checks.append(
            named(
                sponsors,
                f"partner {pid} names an executive sponsor",
                "nobody with the executive_sponsor or ser role",
                "relationship.people",
            )
        )
    return judge(
        ctx,
        Stage.WORKING_TOGETHER,
        checks,
        title="Executive sponsors",
        essential=0,
        subjects=ctx.partner_ids,
        remediation="name an executive sponsor on every side",
    )


@per_relationship
def raci(ctx: Context, rel: Relationship) -> Judgement:
    """Roles and responsibilities are agreed: the RACI matrix has no structural fault."""
    matrix = rel.governance.raci
    path = "relationship.governance.raci"
    majors = 0
    checks = [
        counted(
            matrix.activities,
            "a responsibility (RACI) matrix is agreed",
            "activity",
            f"{path}.activities",
        )
    ]
    if matrix.activities:
        try:
            findings = validate_raci(matrix, path=path).findings
        except CollabrelError as exc:
            checks.append(
                fact("the matrix uses a known alphabet", passed=False, observed=str(exc), path=path)
            )
            findings = ()
        bad = sorted(
            (f for f in findings if f.result.is_nonconformity),
            key=lambda f: f.result is not Result.MAJOR,
        )
        majors = sum(1 for f in bad if f.result is Result.MAJOR)
        checks += [
            fact(
                "every activity has one accountable party and someone responsible",
                passed=False,
                observed=f"{f.message} [{f.requirement}]",
                path=f.paths[0] if f.paths else path,
            )
            for f in bad
        ]
        if not bad:
            checks.append(
                clear(
                    "every activity has one accountable and a responsible party",
                    "no structural fault",
                    f"{path}.activities",
                )
            )
    return judge(
        ctx,
        Stage.WORKING_TOGETHER,
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


_BODIES: Final = "relationship.governance.bodies"


def _one_top(index: dict[str, int], tops: set[str]) -> Check:
    """Whether every body's escalation ends at the same top: a ladder, not broken pieces.

    A body at a top that others do not share escalates to nobody: a dispute raised there
    cannot reach the rest of the ladder, which is what the ladder is for.
    """
    if len(tops) <= 1:
        return clear("escalation ends at one top", f"top: {', '.join(tops)}", _BODIES)
    ends = sorted(tops, key=index.__getitem__)
    return fact(
        "escalation ends at one top",
        passed=False,
        observed=f"the ladder is broken into {len(ends)} tops: {', '.join(ends)}",
        path=_BODIES,
    )


@per_relationship
def escalation(ctx: Context, rel: Relationship) -> Judgement:
    """Escalation runs up a ladder without loops to a joint top, with decision rights."""
    bodies = rel.governance.bodies
    index = {b.id: i for i, b in enumerate(bodies)}
    checks = [
        counted(bodies, "governance bodies are set up", "body", "relationship.governance.bodies")
    ]
    loops, tops = _ladder(bodies, index)
    for loop in loops:
        first = loop.split(" -> ")[0]
        checks.append(
            fact(
                "escalation does not go round in a loop",
                passed=False,
                observed=loop,
                path=f"relationship.governance.bodies[{index[first]}].escalates_to",
            )
        )
    if bodies and not loops:
        checks.append(
            clear(
                "escalation does not go round in a loop",
                "no loop",
                "relationship.governance.bodies",
            )
        )
        checks.append(_one_top(index, tops))
    joint_tops, via = [], []
    for t in sorted(tops):
        parties, represented = seated(ctx, rel, bodies[index[t]].members)
        if all(p in parties for p in ctx.partner_ids):
            joint_tops.append(t)
            via.extend(represented)
    if bodies:
        checks.append(
            fact(
                "the top of the ladder has members from every partner",
                bool(joint_tops),
                (("top: " + ", ".join(sorted(tops))) if tops else "no top (every route loops)")
                + "".join(f"; {v}" for v in via),
                "relationship.governance.bodies",
            )
        )
    checks.append(
        counted(
            rel.governance.decision_rights,
            "decision rights are recorded",
            "decision right",
            "relationship.governance.decision_rights",
        )
    )
    return judge(
        ctx,
        Stage.WORKING_TOGETHER,
        checks,
        title="Escalation and decision rights",
        essential=2 + len(loops),
        remediation="make escalation run up to one joint body with members from every "
        "partner, and record who may decide what",
    )


@per_relationship
def joint_risk(ctx: Context, rel: Relationship) -> Checked:
    """The joint risk register has owners on every side."""
    owners: dict[str, list[int]] = {}
    for i, r in enumerate(rel.risks):
        owners.setdefault(partner_of(ctx, r.owner) or "?", []).append(i)
    joint = [r.id for r in rel.risks if r.joint]
    checks = [
        counted(rel.risks, "a risk register is kept", "risk", "relationship.risks"),
        counted(joint, "risks are managed jointly", "joint risk", "relationship.risks"),
    ]
    missing = [p for p in ctx.partner_ids if p not in owners]
    checks.append(
        fact(
            "risks have owners on every side",
            not missing,
            "owners from "
            + ", ".join(f"{p} ({len(ix)})" for p, ix in sorted(owners.items()))
            + (f"; none from {', '.join(missing)}" if missing else ""),
            "relationship.risks",
        )
    )
    return checks


@per_relationship
def performance(_ctx: Context, rel: Relationship) -> Checked:
    """Performance is measured against the joint objectives and the expected benefits."""
    kpi_ids = {k.id for k in rel.kpis}
    checks = [counted(rel.kpis, "performance measures (KPIs) are set", "KPI", "relationship.kpis")]
    joint = [(i, o) for i, o in enumerate(rel.objectives) if o.is_joint]
    if not joint:
        checks.append(
            fact(
                "joint objectives are measured by KPIs",
                passed=False,
                observed="no joint objective",
                path="relationship.objectives",
            )
        )
    checks.extend(
        fact(
            f"joint objective {o.id} is measured by a KPI",
            passed=bool(o.kpi_ids),
            observed=", ".join(o.kpi_ids) or "no KPI",
            path=f"relationship.objectives[{i}].kpi_ids",
        )
        for i, o in joint
    )
    checks.extend(
        benefit_measured(b, kpi_ids, f"relationship.value_propositions[{i}].benefits[{j}]")
        for i, vp in enumerate(rel.value_propositions)
        if vp.is_pursued
        for j, b in enumerate(vp.benefits)
    )
    return checks
