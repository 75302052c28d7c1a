"""Assessment: run the rules over a plan, one finding per rule and requirement, and roll up."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date, datetime
from typing import Final, TypeVar

import attrs

from collabrel.conformance import _enterprise, _trusted
from collabrel.conformance._catalogue import (
    Catalogue,
    Crosswalk,
    Relation,
    Requirement,
    RequirementLevel,
    catalogue,
    crosswalk,
)
from collabrel.conformance._grading import no_relationship
from collabrel.conformance._report import ConformanceReport, Outcome, worst
from collabrel.conformance._rules import Context, Judgement, Registry, Rule
from collabrel.conformance.rules import builtin_rules
from collabrel.errors import CollabrelError, InvalidFieldError, NoRelationshipError
from collabrel.lifecycle import LifecycleState
from collabrel.model import (
    Check,
    EvidenceLink,
    Finding,
    PlanKind,
    RelationshipManagementPlan,
    Result,
    Stage,
)

__all__ = ["RuleError", "assess", "assess_many", "draft"]

_DEFAULT = Registry(builtin_rules())


class RuleError(CollabrelError, RuntimeError):
    """A rule raised an error or returned something other than a `Judgement`.

    Attributes:
        rule: The rule's id.
        requirement: The requirement it was judging.
    """

    def __init__(self, rule: str, requirement: str, problem: str) -> None:
        self.rule = rule
        self.requirement = requirement
        super().__init__(f"rule {rule} failed on {requirement}: {problem}")


def _outcome(
    req: Requirement,
    result: Result,
    rules: tuple[str, ...],
    evidence: tuple[EvidenceLink, ...] = (),
) -> Outcome:
    return _trusted.outcome(
        req.id,
        req.title,
        req.clause,
        stage=req.stage,
        importance=req.importance,
        result=result,
        rules=rules,
        evidence=evidence,
    )


def _evaluate(rule: Rule, ctx: Context, requirement: str) -> Judgement:
    try:
        judgement = rule.evaluate(ctx)
    except NoRelationshipError:
        if ctx.rmp.relationship is not None:  # another plan's: not this template's answer
            raise
        return no_relationship()  # a rule about the relationship, on a template
    except CollabrelError:
        raise
    except Exception as exc:
        raise RuleError(rule.id, requirement, f"{type(exc).__name__}: {exc}") from exc
    if not isinstance(judgement, Judgement):
        raise RuleError(
            rule.id, requirement, f"returned {type(judgement).__name__}, not a Judgement"
        )
    return judgement


def _check_inputs(rmp: object, as_of: object, state: object) -> date:
    if not isinstance(rmp, RelationshipManagementPlan):
        raise InvalidFieldError("assess", "rmp", type(rmp).__name__, "a RelationshipManagementPlan")
    if state is not None and not isinstance(state, LifecycleState):
        raise InvalidFieldError("assess", "state", type(state).__name__, "a LifecycleState")
    return _check_as_of(as_of)


def _check_as_of(as_of: object) -> date:
    if as_of is None:
        return datetime.now().astimezone().date()
    if isinstance(as_of, datetime) or not isinstance(as_of, date):
        raise InvalidFieldError("assess", "as_of", as_of, "a date (not a datetime)")
    return as_of


def _catalogue_of(standard: str | Catalogue, argument: str = "standard") -> Catalogue:
    if isinstance(standard, Catalogue):
        return standard
    if not isinstance(standard, str):
        raise InvalidFieldError(
            "assess", argument, type(standard).__name__, "a name or a Catalogue"
        )
    return catalogue(standard)


def assess(
    rmp: RelationshipManagementPlan,
    standard: str | Catalogue = "iso44001:2017",
    *,
    as_of: date | None = None,
    state: LifecycleState | None = None,
    rules: Registry | None = None,
    enterprise: RelationshipManagementPlan | None = None,
) -> ConformanceReport:
    r"""Judge a plan against every requirement of a catalogue and explain each result.

    Each requirement gets one finding per rule registered against it; a requirement with no
    rule gets a `not_assessable` finding saying why (the catalogue's reason, or that no rule is
    registered). A rule's result is capped by its severity and mode. On a template plan, a
    rule that asks for `Context.relationship`
    is `not_applicable`: it judges one relationship, and a template has none.

    An enterprise plan (`meta.kind` `enterprise`) is judged on the catalogue's enterprise-
    and plan-level requirements (`Requirement.level`); every relationship-level one is
    `not_applicable` to it (`not_assessable`, as anywhere, when records cannot show it). A
    relationship plan assessed with the `enterprise` plan it names in `meta.inherits` relies
    on that plan's record of an enterprise-level requirement where it has none of its own,
    judged by the same checks on the same date (its paths read `enterprise:<path>`).

    Args:
        rmp: The plan (never changed).
        standard: A catalogue name (see `catalogues`) or a
            `Catalogue` of your own.
        as_of: The date to judge against (reviews due after it are not late); today by default.
        state: The lifecycle state to judge with; by default the replay of the plan's history
            up to `as_of`.
        rules: The rules to run; the built-in ones by default.
        enterprise: The enterprise plan `rmp` inherits from (`meta.inherits`), if any.

    Returns:
        The report: outcomes per requirement, findings with explanations, roll-ups.

    Raises:
        CatalogueError: If `standard` names no catalogue.
        InvalidFieldError: If `rmp` is not a plan, `standard` not a name or a catalogue,
            `as_of` not a date, `state` not a lifecycle state, `rules` not a `Registry`, or
            `enterprise` not the enterprise plan `rmp` names in `meta.inherits`.
        RuleError: If a rule fails or returns something other than a `Judgement`.

    Examples:
        >>> from datetime import date, datetime
        >>> import collabrel as cr
        >>> report = cr.assess(cr.examples.load("flawed"), "bs11000-1:2010",
        ...                    as_of=date(2026, 10, 31))
        >>> f = report.findings_for("CBR.S5.JOINT_RMP")[0]
        >>> f.result.value, f.paths[0]
        ('major', 'stages.working_together.joint_rmp.signatories')
        >>> for check in f.explanation:
        ...     print("passed" if check.passed else "FAILED", "|", check.description)
        passed | the joint RMP is recorded
        FAILED | the joint RMP is signed by every partner
        passed | the joint RMP is approved
        FAILED | the joint RMP is approved by a SER
        passed | the joint RMP is current on 2026-10-31
    """
    cat = _catalogue_of(standard)
    when = _check_inputs(rmp, as_of, state)
    inherits = _enterprise.check_enterprise(rmp, enterprise)
    ctx = Context(
        rmp,
        when,
        state,
        enterprise=Context(inherits, when) if inherits is not None else None,
        inheritable=_enterprise.inheritable(cat) if inherits is not None else frozenset(),
    )
    organisation_only = rmp.meta.kind is PlanKind.ENTERPRISE
    if rules is not None and not isinstance(rules, Registry):
        raise InvalidFieldError("assess", "rules", type(rules).__name__, "a Registry")
    registry = rules if rules is not None else _DEFAULT
    cache: dict[str, tuple[Judgement, tuple[str, ...]]] = {}  # per rule: run once
    outcomes: list[Outcome] = []
    findings: list[Finding] = []
    judges: dict[str, list[str]] = {}  # record path: the requirements judging it
    for req in cat.requirements:
        chosen = registry.for_requirement(req.id)
        if organisation_only and req.level is RequirementLevel.RELATIONSHIP and req.assessable:
            chosen = ()
            found = [_enterprise.not_applicable(req)]
        elif chosen:
            found = [_judged(rule, ctx, req.id, cache) for rule in chosen]
            for rule in chosen:
                for path in rule.records:
                    judges.setdefault(path, []).append(req.id)
        else:
            found = [_unassessable(req)]
        findings += found
        result = found[0].result if len(found) == 1 else worst(f.result for f in found)
        accepted = rmp.evidence_for(req.id) if rmp.evidence else ()
        outcomes.append(_outcome(req, result, tuple(r.id for r in chosen), accepted))
    return _report(cat, ctx, *_link(outcomes, findings, judges))


_NONCONFORMING: Final = frozenset({Result.MINOR, Result.MAJOR})


def _link(
    outcomes: list[Outcome], findings: list[Finding], judges: dict[str, list[str]]
) -> tuple[list[Outcome], list[Finding]]:
    """The outcomes and findings with each consequence linked to its root causes.

    A nonconforming finding is a consequence when every check that failed in it rests on a
    record (`Check.rests_on`, the record's path or one inside it) judged by another
    requirement that is a nonconformity in the same report. A requirement is a root cause when
    some nonconforming finding on it is not a consequence; a consequence's `caused_by` names
    the root causes it leads back to, following consequences of consequences. Requirements
    that lead back only to each other (a cycle, with no root cause outside it) are roots.
    Results, messages and remediations are left as they are: only the links are added.
    """
    bad = {o.requirement for o in outcomes if o.result in _NONCONFORMING}
    parents: dict[int, set[str]] = {}  # finding index: the requirements it rests on
    rooted: set[str] = set()  # requirements with a finding that is not a consequence
    for n, f in enumerate(findings):
        if f.result not in _NONCONFORMING:  # (a nonconforming finding's outcome is too)
            continue
        rests = _rests_on(f, bad, judges)
        if rests:
            parents[n] = rests
        else:
            rooted.add(f.requirement)
    if not parents:
        return outcomes, findings
    leads: dict[str, set[str]] = {}  # a consequence requirement: the requirements it rests on
    for n, rests in parents.items():
        req = findings[n].requirement
        if req not in rooted:
            leads.setdefault(req, set()).update(rests)
    roots = _roots(rooted, leads)
    linked = list(findings)
    for n, rests in parents.items():
        f = findings[n]
        causes = _order(_causes(f.requirement, rests, rooted, roots), outcomes)
        if causes:
            linked[n] = _caused_by(f, causes)
    return [
        _caused_by(o, _order(roots[o.requirement], outcomes)) if o.requirement in roots else o
        for o in outcomes
    ], linked


_Linked = TypeVar("_Linked", Finding, Outcome)


def _caused_by(obj: _Linked, causes: tuple[str, ...]) -> _Linked:
    """`obj` with `caused_by` set, copied as `_trusted` builds (its values are valid)."""
    copy = object.__new__(type(obj))
    for a in attrs.fields(type(obj)):
        object.__setattr__(copy, a.name, getattr(obj, a.name))
    object.__setattr__(copy, "caused_by", causes)
    return copy


def _causes(
    requirement: str, rests: set[str], rooted: set[str], roots: dict[str, set[str]]
) -> set[str]:
    """The root causes of a finding on `requirement` resting on the requirements `rests`."""
    if requirement in rooted:  # a root cause, with a finding that rests on others
        causes = set().union(*(roots.get(r, {r}) for r in rests))
    else:  # a consequence, or on a cycle leading back to no root cause (a root itself)
        causes = roots.get(requirement, set())
    return causes - {requirement}


def _rests_on(finding: Finding, bad: set[str], judges: dict[str, list[str]]) -> set[str]:
    """The nonconforming requirements every failed check of `finding` rests on (else empty)."""
    rests: set[str] = set()
    failed = False
    for c in finding.explanation:
        if c.passed is not False:
            continue
        failed = True
        on = {q for q in _judging(c.rests_on, judges) if q in bad and q != finding.requirement}
        if not on:
            return set()
        rests |= on
    return rests if failed else set()


def _judging(path: str | None, judges: dict[str, list[str]]) -> list[str]:
    """The requirements judging the record at `path`, or the record `path` lies in.

    A path that is neither (a stage section, such as a lifecycle gate's
    `stages.internal_assessment` waiting on the records in it) rests on the records within it.
    """
    within = f"{path}."
    while path:
        found = judges.get(path)
        if found:
            return found
        path = path.rpartition(".")[0]
    return [q for record, qs in judges.items() if record.startswith(within) for q in qs]


def _roots(rooted: set[str], leads: dict[str, set[str]]) -> dict[str, set[str]]:
    """For each consequence requirement in `leads`, the root causes it leads back to.

    A requirement that leads back to no root cause (only round a cycle) is a root itself and
    is left out.
    """
    reach: dict[str, set[str]] = {}
    cyclic: set[str] = set()  # on a cycle that leads back to no root cause
    for start in leads:
        seen = {start}
        todo = [start]
        found: set[str] = set()
        looped = False
        while todo:
            for nxt in leads.get(todo.pop(), ()):
                if nxt in rooted:
                    found.add(nxt)
                elif nxt == start:
                    looped = True
                elif nxt not in seen and nxt in leads:
                    seen.add(nxt)
                    todo.append(nxt)
        reach[start] = found
        if looped and not found:
            cyclic.add(start)
    if cyclic:  # roots of their own; what led to them leads to them now
        return _roots(rooted | cyclic, {r: leads[r] for r in leads if r not in cyclic})
    return reach


def _order(requirements: set[str], outcomes: list[Outcome]) -> tuple[str, ...]:
    """`requirements` in catalogue order."""
    return tuple(o.requirement for o in outcomes if o.requirement in requirements)


def _unassessable(req: Requirement) -> Finding:
    """The finding on a requirement no rule judges: not assessable, with the reason.

    It depends on the requirement alone, so it is made once per requirement and shared by
    every report (findings are immutable).
    """
    memo = _UNASSESSABLE.get(id(req))
    if memo is not None and memo[0] is req:
        return memo[1]
    reason = req.not_assessable_reason or "no rule is registered for this requirement"
    finding = _trusted.finding(
        req.id,
        Result.NOT_ASSESSABLE,
        f"{req.title}: not assessable from records ({reason})",
        explanation=(),
        paths=tuple(req.records),
        subjects=(),
        remediation=None,
    )
    if len(_UNASSESSABLE) >= _MEMO_SIZE:
        _UNASSESSABLE.clear()
    _UNASSESSABLE[id(req)] = (req, finding)
    return finding


_MEMO_SIZE: Final = 4096
_UNASSESSABLE: dict[int, tuple[Requirement, Finding]] = {}
"""The not-assessable finding of each requirement met, by the requirement's identity."""


def _judged(
    rule: Rule,
    ctx: Context,
    requirement: str,
    cache: dict[str, tuple[Judgement, tuple[str, ...]]],
) -> Finding:
    """The finding of `rule` on `requirement`, its result capped by the rule's severity and mode.

    The rule runs once per assessment, however many requirements it judges.
    """
    done = cache.get(rule.id)
    if done is None:
        judgement = _evaluate(rule, ctx, requirement)
        done = cache[rule.id] = (judgement, judgement.paths)
    judgement, paths = done
    result = rule.cap(judgement.result)
    return _trusted.finding(
        requirement,
        result,
        judgement.message,
        explanation=judgement.checks,
        paths=paths,
        subjects=judgement.subjects,
        remediation=judgement.remediation if result is not Result.CONFORMS else None,
    )


def _report(
    cat: Catalogue, ctx: Context, outcomes: list[Outcome], findings: list[Finding]
) -> ConformanceReport:
    """The report of an assessment: its outcomes and findings, and where each stage stands."""
    rmp = ctx.rmp
    rel = rmp.relationship
    return _trusted.report(
        cat.name,
        cat.version,
        ctx.as_of,
        subject=rel.id if rel else None,
        subject_name=rel.name if rel else rmp.meta.title,
        outcomes=tuple(outcomes),
        findings=tuple(findings),
        plan_kind=rmp.meta.kind,
        stages=tuple(
            _trusted.stage_progress(
                s,
                st.value if (st := ctx.status(s)) is not None else None,
                reached=ctx.reached(s),
            )
            for s in Stage
        ),
    )


def assess_many(
    rmps: Iterable[RelationshipManagementPlan],
    standard: str | Catalogue = "iso44001:2017",
    *,
    as_of: date | None = None,
    rules: Registry | None = None,
    enterprise: RelationshipManagementPlan | None = None,
) -> Iterator[ConformanceReport]:
    """Assess plans one by one in this thread, lazily, yielding each plan's full report.

    For a portfolio read from files or a database, on every core or a Dask cluster, with
    reports merged into one, use `collabrel.portfolio.assess_many` instead.

    With an `enterprise` plan, each plan that names it in `meta.inherits` is assessed
    inheriting from it, and every other plan on its own.

    Raises:
        CatalogueError: If `standard` names no catalogue (at the call, before any report).
        RuleError: If a rule fails.

    Examples:
        >>> from datetime import date, datetime
        >>> from collabrel.examples import load
        >>> reports = assess_many([load("alliance"), load("flawed")], as_of=date(2026, 10, 31))
        >>> [r.certification.ready for r in reports]
        [True, False]
    """
    cat = _catalogue_of(standard)  # an unknown name fails here, not at the first report
    when = _check_as_of(as_of)
    return (
        assess(
            rmp,
            cat,
            as_of=when,
            rules=rules,
            enterprise=enterprise if _enterprise.names(rmp, enterprise) else None,
        )
        for rmp in rmps
    )


def draft(
    report: ConformanceReport,
    target: str | Catalogue,
    *,
    mapping: Crosswalk | None = None,
) -> ConformanceReport:
    """Draft an assessment against another standard from this one, through the crosswalk.

    Each target requirement takes the results of the source requirements mapped to it:

    - `equal`: the result carries over;
    - the source demands more (`superset`): a conformity carries over, a nonconformity
      becomes an observation to check;
    - the source demands less (`subset`) or overlaps (`intersect`): a nonconformity carries
      over as such for `subset` and as an observation for `intersect`; a conformity is only
      partial evidence, so the requirement is `not_assessable` until assessed directly;
    - nothing maps to it: `not_assessable`.

    Every drafted finding says where it came from. A draft is a starting point for a review,
    not an assessment.

    Raises:
        CatalogueError: If `target` names no catalogue, or the crosswalk does not map the two.

    Examples:
        >>> from datetime import date, datetime
        >>> import collabrel as cr
        >>> bs = cr.assess(cr.examples.load("flawed"), "bs11000-1:2010", as_of=date(2026, 10, 31))
        >>> iso = draft(bs, "iso44001:2017")
        >>> iso.drafted_from, iso.outcome("CBR.S5.JOINT_RMP").result.value
        ('bs11000-1:2010', 'major')
        >>> iso.outcome("MS.9.2.INTERNAL_AUDIT").result.value
        'not_assessable'
    """
    cat = _catalogue_of(target, "target")
    sources = _mapped(report, (mapping or crosswalk()).towards(cat.name))
    outcomes: list[Outcome] = []
    findings: list[Finding] = []
    for req in cat.requirements:
        finding = _drafted(report, req, sources.get(req.id, []))
        findings.append(finding)
        outcomes.append(_outcome(req, finding.result, ()))
    return ConformanceReport(
        standard=cat.name,
        catalogue_version=cat.version,
        as_of=report.as_of,
        subject=report.subject,
        subject_name=report.subject_name,
        outcomes=outcomes,
        findings=findings,
        stages=report.stages,
        drafted_from=report.standard,
        plan_kind=report.plan_kind,
    )


def _mapped(report: ConformanceReport, cw: Crosswalk) -> dict[str, list[tuple[Outcome, Relation]]]:
    """Each target requirement's source outcomes and how they relate to it."""
    source = {o.requirement: o for o in report.outcomes}
    sources: dict[str, list[tuple[Outcome, Relation]]] = {}
    for e in cw.entries:  # read as "left RELATION right", right being the target
        if e.left in source:
            sources.setdefault(e.right, []).append((source[e.left], e.relation))
    return sources


def _drafted(
    report: ConformanceReport, req: Requirement, mapped: list[tuple[Outcome, Relation]]
) -> Finding:
    """The drafted finding on `req`: the source results carried over, the gravest winning."""
    results = []
    checks = []
    for outcome, relation in mapped:
        before = outcome.result
        after = _carry(before, relation)
        results.append(after)
        checks.append(
            Check(
                description=f"{report.standard} {outcome.requirement} ({relation.value}) was "
                f"{before.value}",
                passed=None if after is Result.NOT_ASSESSABLE else not after.is_nonconformity,
                observed=f"drafted as {after.value}",
            )
        )
    remediation: str | None = "confirm the drafted result with a direct assessment"
    if not req.assessable:
        result = Result.NOT_ASSESSABLE
        message = f"{req.title}: not assessable from records ({req.not_assessable_reason})"
        remediation = None
    elif not results:
        result = Result.NOT_ASSESSABLE
        message = f"{req.title}: nothing in {report.standard} maps to it; assess it directly"
    else:
        result = worst(results)
        message = (
            f"{req.title}: only partly evidenced by {report.standard}; assess it directly"
            if result is Result.NOT_ASSESSABLE
            else f"{req.title}: drafted from {report.standard} as {result.value}"
        )
    if result in (Result.CONFORMS, Result.NOT_APPLICABLE):
        remediation = None
    return req.finding(result, message, explanation=checks, remediation=remediation)


def _carry(result: Result, relation: Relation) -> Result:
    if relation is Relation.EQUAL or result in (Result.NOT_APPLICABLE, Result.NOT_ASSESSABLE):
        return result
    if relation is Relation.SUPERSET:
        return Result.OBSERVATION if result.is_nonconformity else result
    if result.is_nonconformity:
        return result if relation is Relation.SUBSET else Result.OBSERVATION
    if result is Result.OBSERVATION:
        return result
    return Result.NOT_ASSESSABLE
