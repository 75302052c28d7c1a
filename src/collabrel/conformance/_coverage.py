"""Coverage: the checks each rule makes, and what each requirement's rule leaves unjudged.

Two halves, each with one source:

- the checks are read off the rules themselves: `observed_checks` runs every rule in the
  contexts it is given (a plan, a date, a lifecycle state) and collects each `Check`'s
  description and path in the order first seen, made general by `generalise` (the date
  judged against, other dates, the ids and names of listed items, counts and list indexes
  become words in italics). Nothing about them is written by hand, so a rule's change shows
  at the next docs build;
- what a requirement's rule deliberately does not judge, and why, is written by hand in
  `NOT_JUDGED`, keyed by requirement id, one entry for every requirement some catalogue
  holds assessable. A requirement not assessable from records has no entry: its reason is
  the catalogue's `not_assessable_reason`.

The docs page `reference/coverage.md` is built from both by `docs/_hooks/coverage.py`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Final

import attrs
from attrs import field, frozen

from collabrel.conformance._assess import _evaluate
from collabrel.conformance._rules import Context, Rule
from collabrel.model import RelationshipManagementPlan
from collabrel.model import _validators as v

__all__ = ["NOT_JUDGED", "SeenCheck", "generalise", "listed_values", "observed_checks"]

AS_OF: Final = "the assessment date"
"""What the date judged against reads as in a general check."""
DATE: Final = "*date*"
"""What any other date reads as."""
VALUE: Final = "*id*"
"""What the id or name of a listed item (a partner, a KPI, a risk, an action) reads as."""
NUMBER: Final = "*n*"
"""What a count or a score reads as."""
INDEX: Final = "[i]"
"""What a list index reads as, in a description and in a path."""

_DATE: Final = re.compile(r"\d{4}-\d{2}-\d{2}")
_INDEX: Final = re.compile(r"\[\d+\]")
_NUMBER: Final = re.compile(r"(?<![\w.-])\d+(?![\w-])")
_NAMED: Final = ("id", "name")


@frozen(kw_only=True)
class SeenCheck:
    """One check a rule made, in general terms, with the document paths it looked at.

    Examples:
        >>> c = SeenCheck(description="the exit plan is recorded",
        ...               paths=["relationship.exit_plan"])
        >>> c.paths
        ('relationship.exit_plan',)
    """

    description: str = field(validator=v.text())
    paths: tuple[str, ...] = field(default=(), converter=v.to_tuple, validator=v.items(str))


def listed_values(rmp: RelationshipManagementPlan) -> frozenset[str]:
    """The ids and names of every item the plan holds in a list (partners, KPIs, actions...).

    These are what a rule's check names when it asks a question per item ("KPI kpi-carbon was
    measured ..."). A single record's id is left out: it never stands in a description, and
    it may be a plain word ("policy").

    Examples:
        >>> from collabrel import examples
        >>> values = listed_values(examples.load("flawed"))
        >>> "tidemark" in values, "Tidemark Marine Services Ltd" in values
        (True, True)
    """
    found: set[str] = set()
    _walk(rmp, found, listed=False)
    return frozenset(found)


def _walk(obj: object, found: set[str], *, listed: bool) -> None:
    cls = type(obj)
    if attrs.has(cls):
        if listed:
            found.update(
                value for name in _NAMED if isinstance(value := getattr(obj, name, None), str)
            )
        for a in attrs.fields(cls):
            _walk(getattr(obj, a.name), found, listed=False)
    elif isinstance(obj, (tuple, list, frozenset)):
        for item in obj:
            _walk(item, found, listed=True)
    elif isinstance(obj, Mapping):
        for item in obj.values():
            _walk(item, found, listed=True)


def _words(values: Iterable[str]) -> re.Pattern[str] | None:
    """A pattern matching any of `values` as a whole word (the longest first)."""
    ordered = sorted(values, key=lambda s: (-len(s), s))
    if not ordered:
        return None
    return re.compile(r"(?<![\w.-])(?:" + "|".join(map(re.escape, ordered)) + r")(?![\w-])")


def generalise(text: str, as_of: date, values: Iterable[str] = ()) -> str:
    """A check's description (or path) in general terms.

    The date judged against reads "the assessment date"; other dates, the `values` (ids and
    names of listed items, see `listed_values`), counts and list indexes become `*date*`,
    `*id*`, `*n*` and `[i]` (Markdown's italics, for the docs page).

    Examples:
        >>> from datetime import date
        >>> generalise("KPI kpi-carbon was measured in the 184 days before 2026-10-31",
        ...            date(2026, 10, 31), ["kpi-carbon"])
        'KPI *id* was measured in the *n* days before the assessment date'
        >>> generalise("relationship.kpis[6].measurements", date(2026, 10, 31))
        'relationship.kpis[i].measurements'
    """
    out = text.replace(as_of.isoformat(), AS_OF)
    out = _INDEX.sub(INDEX, _DATE.sub(DATE, out))
    pattern = _words(values)
    if pattern is not None:
        out = pattern.sub(VALUE, out)
    return _NUMBER.sub(NUMBER, out)


def observed_checks(
    rules: Iterable[Rule], contexts: Iterable[Context]
) -> dict[str, tuple[SeenCheck, ...]]:
    """Every check each rule makes in the `contexts` (a plan, a date, a lifecycle state).

    Keyed by rule id in the order of `rules`; a rule's checks in the order first seen
    (context by context), each with the sorted general paths it was seen at. Each rule runs
    as `assess` runs it: one about the relationship is not applicable to a template, with no
    check. Deterministic: the same rules and contexts give the same answer.

    Raises:
        RuleError: If a rule fails or returns something other than a `Judgement`.

    Examples:
        >>> from datetime import date
        >>> from collabrel import examples
        >>> from collabrel.conformance import Context, default_rules
        >>> rules = default_rules().select(ids=["CR.S8.TRIGGERS"])
        >>> seen = observed_checks(rules, [Context(examples.load("alliance"), date(2026, 10, 31))])
        >>> [(c.description, c.paths) for c in seen["CR.S8.TRIGGERS"]]
        [('the exit plan is recorded', ('relationship.exit_plan',)), \
('exit triggers are agreed', ('relationship.exit_plan.triggers',))]
    """
    chosen = tuple(rules)
    seen: dict[str, dict[str, set[str]]] = {r.id: {} for r in chosen}
    values: dict[int, frozenset[str]] = {}
    for ctx in contexts:
        listed = values.get(id(ctx.rmp))
        if listed is None:
            listed = values[id(ctx.rmp)] = listed_values(ctx.rmp)
        for rule in chosen:
            checks = seen[rule.id]
            for c in _evaluate(rule, ctx, rule.requirements[0]).checks:
                paths = checks.setdefault(generalise(c.description, ctx.as_of, listed), set())
                if c.path:
                    paths.add(generalise(c.path, ctx.as_of))
    return {
        rule_id: tuple(SeenCheck(description=d, paths=sorted(p)) for d, p in checks.items())
        for rule_id, checks in seen.items()
    }


NOT_JUDGED: Final[Mapping[str, str]] = {
    # ----------------------------------------------------------------------- 1 Awareness
    "CBR.S1.SER": "Whether the appointee is senior enough and really answers for "
    "collaborative working: authority shows in conduct, asked in an interview.",
    "CBR.S1.POLICY": "What the policy says about why and how the organisation collaborates: "
    "its wording needs a reader, not a record check.",
    "CBR.S1.VALUE": "Whether the value analysis compares collaborating with working alone, "
    "or is realistic: its reasoning needs a reader.",
    "CBR.S1.PRIORITISATION": "Whether the criteria are measurable and the ranking follows "
    "from them: that needs the reasoning behind each priority.",
    "CBR.S1.RISK": "Whether the initial view covers the relationship breaking down, or feeds "
    "the register: any initial assessment or registered risk counts, its content is not read.",
    "CBR.S1.RMP": "Whether the plan is fit to carry the approach through the later stages: "
    "its adequacy needs a reader; its revision is asked under MS.7.5.DOCUMENTED_INFORMATION.",
    # ----------------------------------------------------------------------- 2 Knowledge
    "CBR.S2.BUSINESS_CASE": "Whether the case is sound, and its way of operating, benefits "
    "and possible partners: their substance needs a reader (drivers are asked under "
    "MS.4.1.CONTEXT).",
    "CBR.S2.SKILLS": "Which skills are needed and whether the organisation has them: the "
    "assessment's content needs a reader.",
    "CBR.S2.KNOWLEDGE_MAP": "Whether the map is complete and each item's sharing rule right: "
    "that needs the people who hold the knowledge.",
    "CBR.S2.RISK": "Whether the approach suits collaboration and each risk is well assessed "
    "and treated: that is judgement of the risks themselves, for the people who know them.",
    "CBR.S2.EXIT_OUTLINE": "When the outline was drawn up, and whether it says anything "
    "useful: an outline or a later exit plan counts whenever it was recorded.",
    # ----------------------------------------------------------------------- 3 Internal
    "CBR.S3.PROFILE": "Whether the self-assessment was honest and thorough, and its "
    "blockers: the profile's content is the organisation's own view.",
    "CBR.S3.GAP_PLAN": "Whether the actions address the weaknesses the profile shows: "
    "relating actions to weaknesses needs a reader.",
    "CBR.S3.COMPETENCE": "Whether the people assigned are competent, behaviours included: "
    "competence is shown in work and interviews, not in the assessment's record.",
    "CBR.S3.LEADERS": "Whether the leaders suit the role, or their appointment is "
    "documented: anyone listed or holding the collaborative leader role counts.",
    "CBR.S3.SELECTION_CRITERIA": "Whether the criteria were set before candidates were "
    "approached, and how much weight on collaboration is enough: the dates of the approach "
    "are not on record, and the weighting is the organisation's choice.",
    # ----------------------------------------------------------------------- 4 Selection
    "CBR.S4.NOMINATION": "Whether nomination was open: how candidates were found and why "
    "others were left out is not on record.",
    "CBR.S4.EVALUATION": "Whether the scores are fair, and who evaluated: the scoring's "
    "justification needs the evaluators.",
    "CBR.S4.DUE_DILIGENCE": "What the due diligence and the behavioural assessment found, "
    "and how well they were done: the plan records only that they were done.",
    "CBR.S4.DECISION": "Whether the rationale is sound and follows from the scores: it is "
    "read for presence, not weighed against the evaluations.",
    "CBR.S4.JOINT_OBJECTIVES": "Whether the objectives were drafted together with the "
    "partner: who wrote them is not on record; a draft or a joint objective counts.",
    "CBR.S4.NEGOTIATION": "Whether the negotiation was in fact non-adversarial: how the "
    "talks went is asked of the parties, not read from the approach's record.",
    # ----------------------------------------------------------------------- 5 Working
    "CBR.S5.JOINT_RMP": "Whether the joint plan really brings the partners' plans together: "
    "its content needs a reader.",
    "CBR.S5.GOVERNANCE": "Whether the team meets and steers the relationship by its terms: "
    "practice shows in minutes and interviews, not in the set-up.",
    "CBR.S5.SPONSORS": "Whether the sponsors are executives and active: anyone holding the "
    "sponsor (or SER) role counts; seniority and involvement are asked in interviews.",
    "CBR.S5.RACI": "Whether the assignments suit the work, and whether every partner agreed "
    "them: only the matrix's structure is checked; no sign-off of it is recorded.",
    "CBR.S5.ESCALATION": "Whether escalation works in practice and the decision rights are "
    "sensible: the ladder's use shows in the issue log, its fitness needs a reader.",
    "CBR.S5.CONTRACT": "Whether the contract's terms fit collaborative working: its clauses "
    "need a commercial or legal reader.",
    "CBR.S5.JOINT_RISK": "Whether the register holds the right risks, each owned by the "
    "partner best placed: that is judgement of the risks themselves.",
    "CBR.S5.KNOWLEDGE_SHARING": "Whether knowledge flows within the limits the knowledge "
    "map sets: the process is not compared with the map, and the flow is not on record.",
    "CBR.S5.COMMUNICATIONS": "Whether the partners communicate as planned: what was said to "
    "whom is not on record.",
    "CBR.S5.PERFORMANCE": "Whether the KPIs and their targets measure the objectives well: "
    "the links between them are on record, their fitness needs a reader.",
    "CBR.S5.ISSUE_RESOLUTION": "Whether the procedure works: its use is judged under "
    "CBR.S7.ISSUES.",
    # ----------------------------------------------------------------------- 6 Value
    "CBR.S6.PROCESS": "Whether the process is in operation and reaches beyond routine "
    "efficiency savings: what it produces is judged under CBR.S6.IDEAS; ambition needs a "
    "reader.",
    "CBR.S6.VALUE": "Whether the value is real to each partner, and the benefits' targets "
    "meaningful: each partner's own view, asked of it.",
    "CBR.S6.IDEAS": "How well ideas are evaluated, whether those failing to deliver are "
    "dropped, and ideas still undecided: the evaluation's content needs a reader.",
    "CBR.S6.BENEFITS": "Whether the value recorded is true, and whether its targets were "
    "ambitious enough: verifying it needs the partners' accounts.",
    # ----------------------------------------------------------------------- 7 Staying
    "CBR.S7.REVIEWS": "Whether the reviews are useful and their actions followed up with "
    "senior oversight: minutes and actions are not read.",
    "CBR.S7.MEASUREMENT": "Whether the targets are right and the results true; a KPI off "
    "track is only an observation, since acting on it is the reviews' business.",
    "CBR.S7.HEALTH": "What the surveys say: low scores are not a nonconformity here "
    "(collabrel.metrics.assess_health reports them); a survey's honesty needs the people.",
    "CBR.S7.RISK_REVIEW": "Whether the reviews were joint and changed anything: the plan "
    "holds the next review date, not the review.",
    "CBR.S7.ISSUES": "How well issues were resolved, and disputes never logged: the "
    "resolution's substance needs the parties' account.",
    "CBR.S7.CORRECTIVE_ACTION": "Whether the actions removed the cause and were checked "
    "for effect: effectiveness shows in later results, not in the action's record.",
    "CBR.S7.MATURITY": "How mature the relationship is, and whether the assessment is "
    "honest: the levels are for collabrel.metrics.assess_maturity, honesty for interviews.",
    # ----------------------------------------------------------------------- 8 Exit
    "CBR.S8.EXIT_PLAN": "Whether the strategy is workable and kept up with the relationship's "
    "changes: fitness needs a reader.",
    "CBR.S8.TRIGGERS": "Whether the triggers are the right signs and would be noticed: "
    "that needs the people who watch for them.",
    "CBR.S8.TRANSITION": "Whether every kind of transfer (people, assets, data, IP) is "
    "planned, and whether the plan would work: any planned transfer counts; workability "
    "needs a reader.",
    "CBR.S8.FUTURE": "What the partners concluded about working together again: the record "
    "is read for presence only.",
    "CBR.S8.LESSONS": "Whether the lessons are fed back into later relationships and the "
    "management system: the later use is not on this plan's record.",
    # ----------------------------------------------------------------------- management system
    "MS.4.1.CONTEXT": "Whether the drivers stated are the real ones, and external factors "
    "beyond them: that needs the people who set the strategy.",
    "MS.4.2.INTERESTED_PARTIES": "Parties beyond the partners (customers, regulators, "
    "staff) and their requirements: the plan records the partners only.",
    "MS.4.3.SCOPE": "Whether the stated scope matches the relationships actually run: the "
    "organisation's other relationships are outside the plan.",
    "MS.5.2.POLICY": "Whether the policy fits the organisation's purpose and is "
    "communicated: its wording needs a reader, its communication interviews "
    "(MS.7.3.AWARENESS is not assessable).",
    "MS.5.3.ROLES": "Whether the roles are communicated and the authorities adequate: "
    "communication is asked of the people, adequacy needs a reader.",
    "MS.6.1.RISKS": "Opportunities, and whether the actions worked: the plan records risks "
    "and mitigations, not their evaluated effect.",
    "MS.6.2.OBJECTIVES": "Whether the objectives are consistent with the policy and backed "
    "by plans of what will be done, with what: that needs a reader.",
    "MS.7.2.COMPETENCE": "Whether the competence each role needs is defined and gaps are "
    "closed, with evidence per person: the plan holds one assessment record, not per-role "
    "evidence.",
    "MS.7.4.COMMUNICATION": "Communication inside the organisation, beyond the joint plan: "
    "it is not on the relationship's record.",
    "MS.7.5.DOCUMENTED_INFORMATION": "Documents kept outside the plan, and how they are "
    "identified and distributed: only the plan and its records are in view.",
    "MS.8.1.OPERATIONAL_PLANNING": "Whether each stage's processes were planned and changes "
    "managed well: an override's reason is shown, not weighed.",
    "MS.9.1.MONITORING": "What is monitored, by which methods and when, and whether the "
    "results are analysed: the methods are not on record.",
    "MS.9.3.MANAGEMENT_REVIEW": "Whether the review considered the system's suitability, "
    "adequacy and effectiveness, and what it decided: the minutes are not read.",
    "MS.10.1.NONCONFORMITY": "The causes examined, and whether the actions worked: the "
    "plan records actions, not root-cause analysis or their effect.",
    "MS.10.2.IMPROVEMENT": "Whether the system actually improves: improvement shows over "
    "time and needs an auditor's view across reviews.",
}
"""What the rule of each assessable requirement deliberately does not judge, and why.

Keyed by requirement id; `tests/test_coverage.py` holds it to both catalogues (an entry for
every requirement assessable from records, none for one that is not, no unknown id).
"""
