"""A type-checked sample of the public API (mypy --strict runs over this file)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import attrs

import collabrel as cr
from collabrel.model import Measurement, PartnerRole, Stage


def summarise(path: Path) -> list[str]:
    """Typical program use: load, query, evolve, save."""
    rmp: cr.RelationshipManagementPlan = cr.load(path)
    rel: cr.Relationship = rmp.require_relationship()
    names: list[str] = [p.name for p in rel.partners_with_role(PartnerRole.CLIENT)]
    renamed: cr.Relationship = attrs.evolve(rel, name="Renamed")
    cr.dump(attrs.evolve(rmp, relationship=renamed), path.with_suffix(".yaml"))
    measurement: Measurement = cr.loads("{}", "json", cls=Measurement)
    names.append(str(measurement.on >= date(2026, 1, 1)))
    names.append(Stage.from_number(5).title)
    day = date(2026, 10, 31)
    parties: tuple[str, ...] = rel.parties_on(day)
    gone: list[date] = [p.left_on for p in rel.partners if p.left_on and not p.is_member_on(day)]
    plan = rel.exit_plan
    signers: tuple[str, ...] = rel.parties_to_sign(plan, day) if plan is not None else parties
    names.extend([*signers, *(d.isoformat() for d in gone)])
    return names


def handle(text: str) -> tuple[str, ...]:
    """Errors carry typed attributes."""
    try:
        cr.loads(text, "yaml")
    except cr.DocumentError as err:
        return err.paths
    return ()


def lifecycle_use(rmp: cr.RelationshipManagementPlan) -> list[str]:
    """Replay, ask, step: the lifecycle's public API is typed."""
    from collabrel import lifecycle as lc  # noqa: PLC0415

    state: lc.LifecycleState = lc.replay(rmp.history)
    then: lc.LifecycleState = lc.state_as_of(rmp.history, date(2025, 1, 1))
    status: lc.StageStatus = state.status(Stage.PARTNER_SELECTION)
    event = rmp.history[-1]
    verdict: lc.Verdict = lc.can(then, event, guards=lc.default_guards(), rmp=rmp)
    if verdict:
        state = lc.step(then, event)
    return [status.value, *state.active]


def governance_and_metrics_use(rmp: cr.RelationshipManagementPlan) -> list[str]:
    """Analyses return findings; metrics return typed results."""
    from collabrel.governance import analyze, validate_raci  # noqa: PLC0415
    from collabrel.metrics import ahp_weights, topsis  # noqa: PLC0415

    findings: list[cr.Finding] = list(analyze(rmp))
    findings += list(validate_raci(rmp.require_relationship().governance.raci))
    scores: list[float] = list(topsis([[1.0, 2.0], [2.0, 1.0]], [0.5, 0.5], [1, -1]))
    weights = ahp_weights([[1.0, 3.0], [1 / 3, 1.0]])
    return (
        [f.requirement for f in findings]
        + [str(s) for s in scores]
        + [str(weights.consistency_ratio)]
    )


def conformance_use(rmp: cr.RelationshipManagementPlan) -> list[str]:
    """Assess, write a rule, diff, draft and render: every name typed for a caller."""
    from collabrel.conformance import (  # noqa: PLC0415
        Context,
        Judgement,
        Registry,
        ReportDiff,
        default_rules,
        draft,
    )
    from collabrel.report import to_html, to_markdown  # noqa: PLC0415

    rules: Registry = default_rules().deselect("CR.S4.NEGOTIATION")

    @rules.rule("ACME.POLICY.PRINCIPLES", requirements=["CBR.S1.POLICY"], severity="minor")
    def principles(ctx: Context) -> Judgement:
        policy = ctx.rmp.stages.awareness.policy
        ok = policy is not None and bool(policy.principles)
        return Judgement(
            result=cr.Result.CONFORMS if ok else cr.Result.MINOR,
            message="the policy states its principles" if ok else "no principles stated",
        )

    @rules.rule("ACME.RISKS.MITIGATED", requirements=["CBR.S5.JOINT_RISK"])
    def mitigated(ctx: Context) -> Judgement:
        bare = [r.id for r in ctx.relationship.risks if r.mitigation is None]
        return Judgement(
            result=cr.Result.MINOR if bare else cr.Result.CONFORMS,
            message=f"{len(bare)} risks without a mitigation",
        )

    names: tuple[str, ...] = cr.catalogues()
    iso = cr.catalogue(names[-1])
    report: cr.ConformanceReport = cr.assess(rmp, iso, as_of=date(2026, 10, 31), rules=rules)
    earlier = cr.assess(rmp, "bs11000-1:2010", as_of=date(2025, 10, 31))
    changes: ReportDiff = draft(report, "bs11000-1:2010").diff(earlier)
    text: str = to_markdown(report) + to_html(changes)
    ready: bool = report.certification.ready
    causes: tuple[str, ...] = report.certification.major_causes
    led: tuple[str, ...] = tuple(f.requirement for f in report.consequences_of("CBR.S1.SER"))
    first: tuple[str, ...] = report.consequences[0].caused_by if report.consequences else ()
    actions: list[str] = [a.action for a in report.remediations() if not a.caused_by]
    roots: int = report.tally.root_causes + report.tally.consequences
    return [
        text[:10],
        str(ready),
        *(c.requirement for c in changes.regressed),
        *causes,
        *led,
        *first,
        *actions,
        str(roots),
    ]


def interop_use(rmp: cr.RelationshipManagementPlan, folder: Path) -> list[str]:
    """Workbooks, CSV and GRC formats in and out: typed paths, plans, findings and text."""
    from collabrel import interop  # noqa: PLC0415

    saved: Path = interop.to_workbook(rmp, folder / "plan.xlsx")
    back: cr.RelationshipManagementPlan = interop.from_workbook(saved, base=rmp)
    csv_folder: Path = interop.to_csv(back, folder / "csv")
    again: cr.RelationshipManagementPlan = interop.from_csv(csv_folder)
    library: str = interop.to_ciso_library("iso44001:2017")
    catalog: str = interop.to_oscal_catalog("bs11000-1:2010", last_modified=date(2026, 11, 1))
    report = cr.assess(again, "iso44001:2017", as_of=date(2026, 10, 31))
    results: str = interop.to_oscal_assessment_results(report)
    return [library, catalog, results]


def enterprise_use(rmp: cr.RelationshipManagementPlan) -> list[str]:
    """An enterprise plan, a plan inheriting from it and the requirement levels, typed."""
    from collabrel.conformance import RequirementLevel, catalogue  # noqa: PLC0415
    from collabrel.model import PlanKind, PlanReference  # noqa: PLC0415

    corporate: cr.RelationshipManagementPlan = cr.examples.load("enterprise")
    ref: PlanReference | None = rmp.meta.inherits
    named: bool = ref is not None and ref.matches(corporate.meta.title, corporate.meta.revision)
    report = cr.assess(rmp, as_of=date(2026, 10, 31), enterprise=corporate if named else None)
    kind: PlanKind = report.plan_kind
    levels: list[RequirementLevel] = [r.level for r in catalogue("iso44001:2017")]
    return [kind.value, *(level.value for level in levels[:1])]


def representation_use(rmp: cr.RelationshipManagementPlan) -> list[str]:
    """People acting for another party: representations, acting_for, the analyses of a day."""
    from collabrel.governance import analyze, governance_graph  # noqa: PLC0415
    from collabrel.model import Person, Representation, RepresentationKind  # noqa: PLC0415

    rel = rmp.require_relationship()
    day = date(2026, 10, 31)
    rep = Representation(
        partner_id=rel.partners[1].id,
        kind=RepresentationKind.SECONDMENT,
        from_on=date(2026, 5, 1),
        until_on=None,
        note="JMT seat",
    )
    person = Person(id="secondee", name="Sam", partner_id=rel.partners[0].id, acts_for=[rep])
    rel = attrs.evolve(rel, people=[*rel.people, person])
    acting: tuple[str, ...] = rel.acting_for("secondee", day)
    in_force: bool = rep.is_in_force_on(day)
    phrase: str = rep.kind.phrase
    edges: int = governance_graph(rel, as_of=day).number_of_edges()
    findings: list[cr.Finding] = list(analyze(rel, as_of=day))
    return [*acting, str(in_force), phrase, str(edges), *(f.requirement for f in findings)]


def portfolio_use(folder: Path) -> list[str]:
    """A portfolio: a source, an engine, the report merged, its views and renderings."""
    from collabrel.portfolio import (  # noqa: PLC0415
        PlanSource,
        PortfolioProblem,
        PortfolioReport,
        RequirementCount,
        assess_many,
    )

    source: PlanSource = PlanSource.folder(folder, partition_size=10)
    report: PortfolioReport = assess_many(source, engine="serial", as_of="issued")
    merged: PortfolioReport = report | PortfolioReport.empty(report.standard)
    common: tuple[RequirementCount, ...] = merged.most_common(5)
    problems: tuple[PortfolioProblem, ...] = merged.problems
    text: str = merged.to_text(limit=5)
    pages: list[str] = [merged.to_markdown(), merged.to_html(limit=50)]
    return [text, *pages, *(r.requirement for r in common), *(p.location for p in problems)]
