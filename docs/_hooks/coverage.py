# ruff: noqa: INP001 - a mkdocs hook loaded by path from mkdocs.yml, not a package
"""A mkdocs hook that writes the coverage table: per requirement, its rules' checks and gaps.

At build time it runs every built-in rule on the bundled examples and a template plan
(`runs`), collects the checks they make in general terms
(`collabrel.conformance._coverage.observed_checks`), and writes, requirement by requirement
of both catalogues, the catalogue's paraphrase, each rule's checks with the document paths
they look at, and what the rule does not judge (`_coverage.NOT_JUDGED`, or the catalogue's
reason when the requirement is not assessable from records) into
`docs/reference/coverage.md` where it says `<!-- coverage -->`. Nothing on the page is
copied by hand, so a change to a rule shows at the next build. `tests/test_coverage.py`
runs it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING, Final

from _marker import fill

if TYPE_CHECKING:
    from mkdocs.structure.pages import Page

    from collabrel.conformance import Catalogue, Requirement, Rule
    from collabrel.conformance._coverage import SeenCheck
    from collabrel.model import RelationshipManagementPlan, Stage

PAGE: Final = "reference/coverage.md"
MARKER: Final = "<!-- coverage -->"
AFTER: Final = timedelta(days=3 * 365)
"""How long after a plan's last event it is judged once more (its reviews have lapsed)."""
TEMPLATE_ISSUED: Final = date(2026, 1, 5)
"""The issue date of the template plan, and the date it is judged on."""


def template() -> RelationshipManagementPlan:
    """An empty corporate template: no relationship, no records, a draft."""
    from collabrel.model import (  # noqa: PLC0415 - the hook loads before the package is needed
        DocumentMeta,
        PlanKind,
        RelationshipManagementPlan,
    )

    meta = DocumentMeta(
        title="Corporate template",
        issued_on=TEMPLATE_ISSUED,
        author="Partnering office",
        kind=PlanKind.TEMPLATE,
    )
    return RelationshipManagementPlan(meta=meta)


def judged_on(rmp: RelationshipManagementPlan) -> tuple[date, ...]:
    """The dates a plan is judged on: its issue date, each event's day, and `AFTER` the last.

    The stages are reached one by one through the history, so the rules meet each stage both
    before it is reached and after; the last date finds every review lapsed.
    """
    days = sorted({rmp.meta.issued_on, *(e.at.date() for e in rmp.history)})
    return (*days, days[-1] + AFTER)


def runs() -> list[tuple[RelationshipManagementPlan, tuple[date, ...]]]:
    """The plans the rules run on, each with its dates: every bundled example, then a template."""
    from collabrel import examples  # noqa: PLC0415

    plans = [examples.load(name) for name in examples.names()]
    return [*((p, judged_on(p)) for p in plans), (template(), (TEMPLATE_ISSUED,))]


def requirements() -> list[Requirement]:
    """Every requirement of the built-in catalogues once, in catalogue order (BS 11000-1 first)."""
    from collabrel.conformance import catalogue, catalogues  # noqa: PLC0415

    found: dict[str, Requirement] = {}
    for name in catalogues():
        for req in catalogue(name):
            found.setdefault(req.id, req)
    return list(found.values())


def _holding(requirement_id: str) -> list[Catalogue]:
    from collabrel.conformance import catalogue, catalogues  # noqa: PLC0415

    return [catalogue(n) for n in catalogues() if requirement_id in catalogue(n)]


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _paths(paths: Iterable[str]) -> str:
    return "<br>".join(f"`{p}`" for p in paths) or "—"


def _severity(rule: Rule) -> str:
    from collabrel.conformance import Mode, Severity  # noqa: PLC0415

    if rule.mode is Mode.ADVISE or rule.severity is Severity.OBSERVATION:
        return "a failure is only an observation"
    return f"a failure is at most {rule.severity.value}"


def _checks(rule: Rule, seen: Sequence[SeenCheck]) -> list[str]:
    lines = [f"Rule `{rule.id}` *{rule.title}* ({_severity(rule)}):", ""]
    if not seen:
        return [*lines, "No check was seen on the plans above.", ""]
    lines += ["| Check | Evidence paths |", "|---|---|"]
    lines += [f"| {_cell(c.description)} | {_paths(c.paths)} |" for c in seen]
    return [*lines, ""]


def _not_judged(req: Requirement, cats: Sequence[Catalogue]) -> list[str]:
    from collabrel.conformance._coverage import NOT_JUDGED  # noqa: PLC0415

    lines = []
    if req.id in NOT_JUDGED:
        lines += [f"**Not judged:** {NOT_JUDGED[req.id]}", ""]
    for cat in cats:
        reason = cat[req.id].not_assessable_reason
        if not cat[req.id].assessable and reason:
            lines += [f"**Not assessable from records** in `{cat.name}`: {reason}", ""]
    return lines


def section(req: Requirement, rules: Sequence[Rule], seen: dict[str, tuple[SeenCheck, ...]]) -> str:
    """One requirement's section: its paraphrases, its rules' checks, what is not judged."""
    cats = _holding(req.id)
    lines = [f"### `{req.id}` {req.title} {{#{req.id}}}", ""]
    for i, cat in enumerate(cats):
        lines += [">"] if i else []
        lines.append(f"> *`{cat.name}`:* {' '.join(cat[req.id].text.split())}")
    lines.append("")
    for rule in rules:
        lines += _checks(rule, seen.get(rule.id, ()))
    if not rules and req.assessable:
        lines += ["No built-in rule judges it.", ""]
    lines += _not_judged(req, cats)
    return "\n".join(lines)


def _heading(stage: Stage | None) -> str:
    if stage is None:
        return "## Management system (ISO 44001 only)"
    return f"## {stage.number} {stage.title}"


def method() -> str:
    """How the checks were collected, from `runs` itself."""
    from collabrel import examples  # noqa: PLC0415
    from collabrel.conformance import _coverage  # noqa: PLC0415

    names = ", ".join(f"`{n}`" for n in examples.names())
    years = AFTER.days // 365
    return (
        "The checks are those the built-in rules made when this page was built, run on the "
        f"bundled examples ({names}), each judged on its issue date, on the day of every "
        f"event in its history and {years} years after the last, and on an empty template "
        "plan. Each check is written in general terms: "
        f"{_coverage.AS_OF} is the date judged against, {_coverage.DATE} another date, "
        f"{_coverage.VALUE} the id or name of a listed item (a partner, a KPI, a risk, an "
        f"action), {_coverage.NUMBER} a count or a score and `{_coverage.INDEX}` a list index. "
        "A check a rule makes only on plans unlike these does not show."
    )


def markdown() -> str:
    """The page's body: the method, then each requirement's section, stage by stage."""
    from collabrel.conformance import default_rules  # noqa: PLC0415
    from collabrel.conformance._coverage import observed_checks  # noqa: PLC0415

    registry = default_rules()
    seen = observed_checks(registry, runs())
    parts = [method(), ""]
    heading = None
    for req in sorted(requirements(), key=lambda r: r.stage is None):
        if heading != (h := _heading(req.stage)):
            heading = h
            parts += [h, ""]
        parts.append(section(req, registry.for_requirement(req.id), seen))
    return "\n".join(parts)


def on_page_markdown(markdown_text: str, page: Page, **_: object) -> str:
    """Write the coverage table into its page."""
    return fill(markdown_text, page, uri=PAGE, marker=MARKER, body=markdown)
