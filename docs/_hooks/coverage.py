# ruff: noqa: INP001 - a mkdocs hook loaded by path from mkdocs.yml, not a package
"""A mkdocs hook that writes the coverage table: per requirement, its rules' checks and gaps.

At build time it runs every built-in rule on the bundled examples and a template plan
(`contexts`), collects the checks they make in general terms
(`collabrel.conformance._coverage.observed_checks`), and writes, requirement by requirement
of both catalogues, the catalogue's paraphrase, each rule's checks with the document paths
they look at, and what the rule does not judge (`_coverage.NOT_JUDGED`, or the catalogue's
reason when the requirement is not assessable from records) into
`docs/reference/coverage.md` where it says `<!-- coverage -->`. Nothing on the page is
copied by hand, so a change to a rule shows at the next build. `tests/test_coverage.py`
tests it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING, Final

from _marker import fill

if TYPE_CHECKING:
    from mkdocs.structure.pages import Page

    from collabrel.conformance import Catalogue, Context, Requirement, Rule
    from collabrel.conformance._coverage import SeenCheck
    from collabrel.lifecycle import LifecycleState
    from collabrel.model import RelationshipManagementPlan, Stage

PAGE: Final = "reference/coverage.md"
MARKER: Final = "<!-- coverage -->"
AFTER: Final = timedelta(days=3 * 365)
"""How long after a plan's last event it is judged once more (its reviews have lapsed)."""
EXIT_AFTER: Final = timedelta(days=1)
"""How long after a plan's last event exit is activated, for the run with exit activated."""
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


def exit_activated(rmp: RelationshipManagementPlan) -> LifecycleState | None:
    """The state after the plan's history and then exit activated (`None` without a history).

    None of the bundled examples has reached exit: this lets the rules that ask more once exit
    is activated show those checks too.
    """
    from collabrel.lifecycle import replay, step  # noqa: PLC0415
    from collabrel.model import Event, EventKind  # noqa: PLC0415

    if not rmp.history:
        return None
    last = rmp.history[-1]
    event = Event(kind=EventKind.ACTIVATE_EXIT, at=last.at + EXIT_AFTER, actor=last.actor)
    return step(replay(rmp.history), event)


def contexts() -> list[Context]:
    """What the rules run in: the bundled examples and an empty template.

    Each example on its dates (`judged_on`), then with exit activated after its history; the
    template on its issue date.
    """
    from collabrel import examples  # noqa: PLC0415
    from collabrel.conformance import Context  # noqa: PLC0415

    found = []
    for name in examples.names():
        rmp = examples.load(name)
        found += [Context(rmp, day) for day in judged_on(rmp)]
        if (state := exit_activated(rmp)) is not None:
            found.append(Context(rmp, (rmp.history[-1].at + EXIT_AFTER).date(), state))
    return [*found, Context(template(), TEMPLATE_ISSUED)]


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


def _looks_at(record: str, path: str) -> bool:
    """Whether a check at `path` looks at the catalogue's `record`: it, a part, or its owner."""
    return (
        path == record
        or path.startswith((f"{record}.", f"{record}["))
        or (record.startswith(f"{path}."))
    )


def unlooked(
    req: Requirement, rules: Sequence[Rule], seen: dict[str, tuple[SeenCheck, ...]]
) -> list[str]:
    """The records the catalogues name as the requirement's evidence that no check's path names."""
    paths = [p for rule in rules for c in seen.get(rule.id, ()) for p in c.paths]
    records = dict.fromkeys(r for cat in _holding(req.id) for r in cat[req.id].records)
    return [r for r in records if not any(_looks_at(r, p) for p in paths)]


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
    if rules and (left := unlooked(req, rules, seen)):
        named = ", ".join(f"`{r}`" for r in left)
        lines += [f"**Evidence the catalogue names that no check's path points at:** {named}", ""]
    lines += _not_judged(req, cats)
    return "\n".join(lines)


def _heading(stage: Stage | None) -> str:
    if stage is None:
        return "## Management system (ISO 44001 only)"
    return f"## {stage.number} {stage.title}"


def method() -> str:
    """How the checks were collected, from `contexts` itself."""
    from collabrel import examples  # noqa: PLC0415
    from collabrel.conformance import _coverage  # noqa: PLC0415

    names = ", ".join(f"`{n}`" for n in examples.names())
    years = AFTER.days // 365
    return (
        "The checks are those the built-in rules made when this page was built, run on the "
        f"bundled examples ({names}), each judged on its issue date, on the day of every "
        f"event in its history and {years} years after the last, and once more with exit "
        "activated after its history; and on an empty template plan. Each check is written "
        "in general terms: "
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
    seen = observed_checks(registry, contexts())
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
