"""The healthy base plan and the functions that plant one defect in it.

A plant works on plain data (`collabrel.to_data` of the healthy base), changing only what
its defect needs, so that the plan it makes is the healthy plan plus that defect.
`plan_for` turns the data back into a plan through `collabrel.loads`, which validates
every reference.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from functools import cache
from typing import Any

import collabrel
from collabrel import examples
from collabrel.model import RelationshipManagementPlan

Data = dict[str, Any]
Plant = Callable[[Data], None]

AS_OF = date(2026, 10, 31)
"""The audit date every scenario is judged on, unless it says otherwise."""


# ------------------------------------------------------------------------------ plain data
def _at(data: Data, path: str) -> Any:
    """The value at a dotted path (`stages.awareness.policy`)."""
    node: Any = data
    for key in path.split("."):
        node = node[key]
    return node


def _by_id(items: list[Data], id: str) -> Data:
    """The item of a list whose `id` is `id`."""
    return next(item for item in items if item["id"] == id)


def _person(data: Data, id: str) -> Data:
    return _by_id(data["relationship"]["people"], id)


def _body(data: Data, id: str) -> Data:
    return _by_id(data["relationship"]["governance"]["bodies"], id)


def _proposition(data: Data, id: str) -> Data:
    return _by_id(data["relationship"]["value_propositions"], id)


def _drop(data: Data, path: str) -> None:
    """Remove the key a dotted path ends in."""
    parent, _, key = path.rpartition(".")
    del _at(data, parent)[key]


# ------------------------------------------------------------------------------ the base
def _repair(data: Data) -> None:
    """Make the bundled alliance healthy by the standard's intent.

    The alliance example shows a live relationship, warts and all: a value proposition still
    under discussion (vp-testers, proposed, no KPI) and one withdrawn (vp-welfare). A
    proposition not yet agreed is a gap in what value means to each partner, so the base
    leaves both out; the control `withdrawn-proposition` puts the withdrawn one back.
    """
    props = data["relationship"]["value_propositions"]
    props[:] = [p for p in props if p["id"] not in {"vp-testers", "vp-welfare"}]


@cache
def _healthy_text() -> str:
    data = collabrel.to_data(examples.load("alliance"))
    _repair(data)
    return json.dumps(data)


def healthy_data() -> Data:
    """A fresh copy of the healthy base plan as plain data."""
    data: Data = json.loads(_healthy_text())
    return data


def plan_for(plant: Plant | None) -> RelationshipManagementPlan:
    """The healthy base with `plant` applied, loaded (and so validated) by collabrel."""
    data = healthy_data()
    if plant is not None:
        plant(data)
    return collabrel.loads(json.dumps(data), "json", source="scenario")


# ------------------------------------------------------------------------------ time
def stale_portfolio(data: Data) -> None:
    """The relationship portfolio, approved in March 2024 for yearly review, never reviewed."""
    _drop(data, "stages.awareness.relationship_portfolio.last_reviewed_on")


def stale_policy(data: Data) -> None:
    """The collaborative working policy, approved in February 2024, never reviewed since."""
    _drop(data, "stages.awareness.policy.last_reviewed_on")


def stale_joint_rmp(data: Data) -> None:
    """The joint RMP signed in January 2025 for yearly review, never reviewed."""
    _drop(data, "stages.working_together.joint_rmp.last_reviewed_on")


def stale_exit_plan(data: Data) -> None:
    """The joint exit plan approved in February 2025 for yearly review, never reviewed."""
    _drop(data, "relationship.exit_plan.last_reviewed_on")


def stale_gap_plan(data: Data) -> None:
    """The six-monthly gap plan last reviewed in November 2025: overdue since May 2026."""
    _at(data, "stages.internal_assessment.gap_plan")["last_reviewed_on"] = "2025-11-30"


def record_after_audit_date(data: Data) -> None:
    """The knowledge map was only approved in November 2026, after the audit date."""
    record = _at(data, "stages.knowledge.knowledge_map")
    record["approved_on"] = "2026-11-20"
    del record["last_reviewed_on"]


def risk_reviews_overdue(data: Data) -> None:
    """Every live joint risk was due for review by the end of April 2026; none was reviewed."""
    for risk in data["relationship"]["risks"]:
        if "review_on" in risk:
            risk["review_on"] = "2026-04-30"


def reviewed_within_period(data: Data) -> None:
    """Control: the policy was last reviewed eleven and a half months before the audit."""
    _at(data, "stages.awareness.policy")["last_reviewed_on"] = "2025-11-15"


# ------------------------------------------------------------------------------ root causes
def ser_role_unheld(data: Data) -> None:
    """Nobody holds the SER role: both executives lost it in a role clean-up."""
    for id in ("h.okafor", "g.pryce"):
        person = _person(data, id)
        person["roles"] = [r for r in person["roles"] if r != "ser"]


ser_role_unheld_bs = ser_role_unheld


def competence_absent(data: Data) -> None:
    """The competence assessment of the client alliance team is not on record."""
    _drop(data, "stages.internal_assessment.competence_assessment")


def comms_plan_absent(data: Data) -> None:
    """The joint communications plan is not on record."""
    _drop(data, "stages.working_together.communications_plan")


def business_case_undecided(data: Data) -> None:
    """The approved business case records no go / no-go decision."""
    case = _at(data, "stages.knowledge.business_case")
    for key in ("decision", "decided_on", "decided_by"):
        del case[key]


# ------------------------------------------------------------------------------ value
def benefit_behind_plan(data: Data) -> None:
    """Delay minutes avoided: 150 of 6,000 realised five months before the benefit is due."""
    vp = _proposition(data, "vp-efficiency")
    realised = [r for r in vp["realised"] if r["benefit_id"] != "b-overrun"]
    realised.append(
        {"benefit_id": "b-overrun", "amount": 150, "on": "2026-09-30", "partner_id": "nmri"}
    )
    vp["realised"] = realised


def value_creation_hollow(data: Data) -> None:
    """Value creation completed in September 2026 with nothing realised or in delivery."""
    for vp in data["relationship"]["value_propositions"]:
        vp.pop("realised", None)
        vp["status"] = "agreed"
    for idea in _at(data, "stages.value_creation.ideas"):
        idea.pop("realised_benefit", None)
    data["history"].append(
        {
            "kind": "complete",
            "stage": "value_creation",
            "at": "2026-09-30T16:00:00+01:00",
            "actor": "t.bakare",
            "note": "Value creation closed.",
        }
    )


def benefit_unmeasured(data: Data) -> None:
    """Idle plant hours: a benefit not yet due with no KPI and a proposition with no owner."""
    vp = _proposition(data, "vp-plant")
    del vp["owner"]
    del vp["benefits"][0]["kpi_id"]


def withdrawn_proposition(data: Data) -> None:
    """Control: a withdrawn value proposition (no KPI, nothing realised) is kept on record."""
    data["relationship"]["value_propositions"].append(
        {
            "id": "vp-welfare",
            "statement": "Zero-emission welfare units at every worksite.",
            "beneficiaries": ["kestrel", "brackwell"],
            "status": "withdrawn",
            "owner": "n.shah",
            "benefits": [
                {
                    "id": "b-welfare",
                    "description": "Diesel generator hours removed from worksites",
                    "measure": "generator run hours",
                    "unit": "hours",
                    "target": 4000,
                }
            ],
        }
    )


# ------------------------------------------------------------------------------ exit
def exit_no_triggers(data: Data) -> None:
    """The joint exit plan lists no agreed triggers."""
    _drop(data, "relationship.exit_plan.triggers")


def exit_no_continuity(data: Data) -> None:
    """The joint exit plan says nothing of continuity or of what transfers to whom."""
    _drop(data, "relationship.exit_plan.continuity")
    _drop(data, "relationship.exit_plan.transfers")


def exit_no_steps(data: Data) -> None:
    """The joint exit plan has no disengagement steps."""
    _drop(data, "relationship.exit_plan.steps")


# ------------------------------------------------------------------------------ governance
def jmt_missing_partner(data: Data) -> None:
    """Kestrel's only manager left the alliance management team; nobody replaced her."""
    amt = _body(data, "amt")
    amt["members"] = [m for m in amt["members"] if m != "n.shah"]


def escalation_missing(data: Data) -> None:
    """The management team escalates to nobody: the board is cut off from the ladder."""
    del _body(data, "amt")["escalates_to"]


def raci_two_accountable(data: Data) -> None:
    """Two parties are accountable for the joint risk register."""
    activities = data["relationship"]["governance"]["raci"]["activities"]
    for row in _by_id(activities, "act-risk")["assignments"]:
        if row["party"] == "s.lindqvist":
            row["codes"] = "A"


def jrmp_unsigned(data: Data) -> None:
    """The design partner never signed the joint RMP."""
    jrmp = _at(data, "stages.working_together.joint_rmp")
    jrmp["signatories"] = [p for p in jrmp["signatories"] if p != "holloway"]


def sponsor_missing(data: Data) -> None:
    """The signalling partner names no executive sponsor."""
    person = _person(data, "r.fenwick")
    person["roles"] = [r for r in person["roles"] if r != "executive_sponsor"]


def joint_risk_one_sided(data: Data) -> None:
    """Every joint risk is owned by the client: the register is joint in name only."""
    for n, risk in enumerate(data["relationship"]["risks"]):
        if risk.get("joint"):
            risk["owner"] = ("s.lindqvist", "d.marsh")[n % 2]


def kpi_lapsed(data: Data) -> None:
    """The monthly handback KPI has not been measured since March 2026."""
    kpi = _by_id(data["relationship"]["kpis"], "kpi-handback")
    kpi["measurements"] = [m for m in kpi["measurements"] if m["on"] <= "2026-03-31"]


# ------------------------------------------------------------------------------ partners
def partner_replaced(data: Data) -> None:
    """Control: Kestrel left on 30 June 2026 and Fairhaven took its place, handed over in full.

    The joint RMP was re-signed by the parties of the day, Fairhaven's director took
    Kestrel's seats and duties, the records signed since carry Fairhaven's signature and
    name it a beneficiary of Kestrel's value, and the records signed before the end of June
    keep Kestrel's signature.
    Needs a partner membership period (issue 15, principle 5), written here as `joined_on`
    and `left_on`; a model without them refuses the document and the scenario is pending.
    """
    rel = data["relationship"]
    _by_id(rel["partners"], "kestrel")["left_on"] = "2026-06-30"
    rel["partners"].append(
        {
            "id": "fairhaven",
            "name": "Fairhaven Plant Services Ltd",
            "role": "supplier",
            "joined_on": "2026-07-01",
        }
    )
    rel["people"].append(
        {
            "id": "p.okoro",
            "name": "Peter Okoro",
            "partner_id": "fairhaven",
            "position": "Rail Director",
            "roles": ["executive_sponsor", "jmt_member", "risk_owner"],
        }
    )
    leavers = {"j.whitfield": "p.okoro", "n.shah": "p.okoro", "kestrel": "fairhaven"}
    for body in rel["governance"]["bodies"]:
        body["members"] = list(dict.fromkeys(leavers.get(m, m) for m in body["members"]))
    for activity in rel["governance"]["raci"]["activities"]:
        for row in activity["assignments"]:
            row["party"] = leavers.get(row["party"], row["party"])
    for item in (*rel["risks"], *rel["kpis"], *rel["value_propositions"]):
        if "owner" in item:
            item["owner"] = leavers.get(item["owner"], item["owner"])
    for duty in rel["exit_plan"]["responsibilities"]:
        duty["party"] = leavers.get(duty["party"], duty["party"])
    jrmp = _at(data, "stages.working_together.joint_rmp")
    jrmp["signatories"] = ["nmri", "brackwell", "aldergate", "holloway", "fairhaven"]
    jrmp["last_reviewed_on"] = "2026-07-15"
    _handed_over(data, leavers)


def seconded_representative(data: Data) -> None:
    """Control: Brackwell's plant planner, seconded to Kestrel since May 2026, holds its JMT seat.

    Kestrel's plant manager left the alliance management team at the end of April 2026;
    from 1 May Brackwell seconded Eve Marlow to Kestrel for a year, and she sits on the team
    for Kestrel. Every partner is represented on the joint management team through someone
    acting for it on the audit date, so nothing is missing.
    Needs a person acting for another organisation for a period (issue 15, principle 6),
    written here as `acts_for`; a model without it refuses the document.
    """
    rel = data["relationship"]
    rel["people"].append(
        {
            "id": "e.marlow",
            "name": "Eve Marlow",
            "partner_id": "brackwell",
            "position": "Plant Planner (seconded to Kestrel)",
            "roles": ["jmt_member"],
            "acts_for": [
                {
                    "partner_id": "kestrel",
                    "kind": "secondment",
                    "from_on": "2026-05-01",
                    "until_on": "2027-04-30",
                    "note": "Kestrel's seat on the alliance management team",
                }
            ],
        }
    )
    amt = _body(data, "amt")
    amt["members"] = ["e.marlow" if m == "n.shah" else m for m in amt["members"]]


def _handed_over(data: Data, leavers: dict[str, str]) -> None:
    """What Kestrel signed or was to gain after it left, Fairhaven's in its place.

    A joint record signed (approved or last reviewed) after 30 June 2026 carries Fairhaven's
    signature where Kestrel's was, and Fairhaven sees the value Kestrel was to see; what was
    signed or realised before keeps Kestrel's name.
    """
    for record in _signed(data):
        signed = record.get("last_reviewed_on") or record.get("approved_on") or ""
        if signed > "2026-06-30":
            record["signatories"] = [leavers.get(p, p) for p in record["signatories"]]
    for vp in data["relationship"]["value_propositions"]:
        if "kestrel" in vp.get("beneficiaries", ()):
            vp["beneficiaries"].append("fairhaven")


def _signed(node: Any) -> list[Data]:
    """Every dict in plain data that has signatories (the records partners sign)."""
    found: list[Data] = []
    if isinstance(node, dict):
        found += [node] if node.get("signatories") else []
        for value in node.values():
            found += _signed(value)
    elif isinstance(node, list):
        for value in node:
            found += _signed(value)
    return found


# ------------------------------------------------------------------------------ enterprise
_ORGANISATION_RECORDS: dict[str, tuple[str, ...]] = {
    "awareness": ("policy", "relationship_portfolio"),
    "internal_assessment": ("collaborative_profile", "competence_assessment"),
}
"""The base's records an organisation keeps once for all its relationships."""


def enterprise_data() -> Data:
    """The client's enterprise plan, the one the base names in `meta.inherits`, as plain data.

    It holds the base's organisation-level records (approval dates, no approvers: an
    enterprise plan names no people) and nothing of the relationship.
    """
    base = healthy_data()
    stages: Data = {}
    for section, names in _ORGANISATION_RECORDS.items():
        for name in names:
            record = dict(base["stages"][section][name])
            record.pop("approved_by", None)
            stages.setdefault(section, {})[name] = record
    inherits = base["meta"]["inherits"]
    meta = {
        "schema_version": base["meta"]["schema_version"],
        "kind": "enterprise",
        "title": inherits["title"],
        "revision": inherits["revision"],
        "issued_on": "2024-03-01",
        "author": "Northmoor partnering office",
        "status": "approved",
    }
    scope = {"level": "enterprise", "description": "Every relationship of Northmoor Rail."}
    return {"meta": meta, "scope": scope, "stages": stages}


ENTERPRISE: dict[str, Plant] = {}
"""The plants assessed with the enterprise plan, by name, and what each plants in that plan."""


def inherits(enterprise: Plant) -> Callable[[Plant], Plant]:
    """Mark a plant as assessed with an enterprise plan, `enterprise` planted in it."""

    def mark(plant: Plant) -> Plant:
        ENTERPRISE[plant.__name__] = enterprise
        return plant

    return mark


def enterprise_for(plant: Plant | None) -> RelationshipManagementPlan | None:
    """The enterprise plan the scenario of `plant` is assessed with, if it has one."""
    if plant is None or plant.__name__ not in ENTERPRISE:
        return None
    data = enterprise_data()
    ENTERPRISE[plant.__name__](data)
    return collabrel.loads(json.dumps(data), "json", source="scenario enterprise plan")


def _own_organisation_records_dropped(data: Data) -> None:
    for section, names in _ORGANISATION_RECORDS.items():
        for name in names:
            del data["stages"][section][name]


def _current(_data: Data) -> None:
    """The enterprise plan as it is: every record current."""


@inherits(_current)
def inherited_records(data: Data) -> None:
    """No policy, portfolio, profile or competences of its own: the client's current ones."""
    _own_organisation_records_dropped(data)


def _stale_corporate_policy(data: Data) -> None:
    del data["stages"]["awareness"]["policy"]["last_reviewed_on"]


@inherits(_stale_corporate_policy)
def inherited_stale_policy(data: Data) -> None:
    """The alliance relies on the client's policy, approved in February 2024, never reviewed."""
    _own_organisation_records_dropped(data)


def _corporate_profile_after_audit(data: Data) -> None:
    profile = data["stages"]["internal_assessment"]["collaborative_profile"]
    profile["approved_on"] = "2026-11-20"
    del profile["last_reviewed_on"]


@inherits(_corporate_profile_after_audit)
def inherited_profile_after_audit(data: Data) -> None:
    """The client's collaborative profile the alliance relies on was approved after the audit."""
    _own_organisation_records_dropped(data)
