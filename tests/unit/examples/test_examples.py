from __future__ import annotations

from datetime import date

import attrs
import pytest

import collabrel
from collabrel import examples, model
from collabrel.model import (
    BodyKind,
    Check,
    Decision,
    EventKind,
    Finding,
    PartnerRole,
    PersonRole,
    RelationshipKind,
    RelationshipManagementPlan,
    Stage,
    TransferKind,
)

AS_OF = date(2026, 10, 31)
NAMES = ["alliance", "flawed", "consortium", "enterprise"]

# Analysis outputs, not parts of a document: no plan can hold them.
NOT_IN_DOCUMENTS = {Finding, Check}


def _classes_in(obj: object, seen: set[type]) -> set[type]:
    """Every attrs class instantiated in the object graph below `obj`."""
    cls = type(obj)
    if attrs.has(cls):
        seen.add(cls)
        for a in attrs.fields(cls):
            _classes_in(getattr(obj, a.name), seen)
    elif isinstance(obj, (tuple, list, frozenset)):
        for item in obj:
            _classes_in(item, seen)
    return seen


def _model_classes() -> set[type]:
    found = set()
    for name in model.__all__:
        obj = getattr(model, name)
        if isinstance(obj, type) and attrs.has(obj):
            found.add(obj)
    return found - NOT_IN_DOCUMENTS


@pytest.fixture(scope="module")
def rel():
    return examples.load("consortium").relationship


class TestNames:
    def test_lists_the_examples(self):
        """The bundled examples: the alliance, the flawed plans and an enterprise plan."""
        assert examples.names() == ("alliance", "flawed", "consortium", "enterprise")


class TestPath:
    @pytest.mark.parametrize("name", NAMES)
    def test_points_at_packaged_yaml(self, name):
        """Each example is a YAML file shipped inside the package."""
        p = examples.path(name)
        assert p.is_file()
        assert p.name == f"{name}.yaml"

    def test_unknown_name_raises(self):
        """An unknown name is a CollabrelError naming the examples there are."""
        with pytest.raises(collabrel.CollabrelError, match="alliance, flawed"):
            examples.path("nope")


class TestText:
    @pytest.mark.parametrize("name", NAMES)
    def test_starts_with_explaining_comment(self, name):
        """Each example opens with a comment header explaining it."""
        assert examples.text(name).startswith("# ----")

    def test_unknown_name_raises(self):
        """An unknown name is a CollabrelError."""
        with pytest.raises(collabrel.CollabrelError):
            examples.text("nope")


class TestLoad:
    @pytest.mark.parametrize("name", NAMES)
    def test_loads(self, name):
        """Each example loads into a Relationship Management Plan."""
        assert isinstance(examples.load(name), RelationshipManagementPlan)

    @pytest.mark.parametrize("name", NAMES)
    def test_repeated_calls_return_the_same_object(self, name):
        """Loading an example twice gives the very same (immutable) object."""
        assert examples.load(name) is examples.load(name)

    def test_unknown_name_raises(self):
        """An unknown name is a CollabrelError, not a KeyError."""
        with pytest.raises(collabrel.CollabrelError, match="no example named 'nope'"):
            examples.load("nope")

    @pytest.mark.parametrize("fmt", ["json", "yaml", "toml"])
    @pytest.mark.parametrize("name", NAMES)
    def test_round_trips_losslessly(self, name, fmt):
        """Each example survives a dump and load in every format unchanged."""
        rmp = examples.load(name)
        assert collabrel.loads(collabrel.dumps(rmp, fmt), fmt) == rmp


class TestAlliance:
    def test_name_and_kind(self, alliance):
        """The alliance example is the Northern Rail Renewals Alliance, an alliance."""
        rel = alliance.relationship
        assert rel.name == "Northern Rail Renewals Alliance"
        assert rel.kind is RelationshipKind.ALLIANCE

    def test_partner_order(self, alliance):
        """Partners are a client, a lead partner, then at least three more partners."""
        roles = [p.role for p in alliance.relationship.partners]
        assert roles[:2] == [PartnerRole.CLIENT, PartnerRole.LEAD_PARTNER]
        assert len(roles) >= 5
        assert set(roles[2:]) <= {PartnerRole.PARTNER, PartnerRole.SUPPLIER}

    def test_uses_every_model_class(self, alliance):
        """Every document class the model exports appears somewhere in the alliance."""
        missing = _model_classes() - _classes_in(alliance, set())
        assert not missing, sorted(c.__name__ for c in missing)

    @pytest.mark.parametrize("stage", list(Stage), ids=lambda s: s.value)
    def test_every_stage_section_is_filled(self, alliance, stage):
        """Every field of every stage section holds something."""
        section = alliance.stages.section(stage)
        empty = [
            a.name for a in attrs.fields(type(section)) if getattr(section, a.name) in (None, ())
        ]
        assert not empty

    def test_business_case_says_go(self, alliance):
        """The business case ends in a go decision."""
        assert alliance.stages.knowledge.business_case.decision is Decision.GO

    def test_sers_on_client_and_lead_partner_sides(self, alliance):
        """There is an SER on the client side and one on the lead partner side."""
        rel = alliance.relationship
        sides = {p.partner_id for p in rel.people_with_role(PersonRole.SER)}
        assert sides == {rel.partners[0].id, rel.partners[1].id}
        assert alliance.stages.awareness.ser_appointment.person_id in {
            p.id for p in rel.people_with_role(PersonRole.SER)
        }

    def test_meta_approved_by_the_sers(self, alliance):
        """The plan is approved by the SERs."""
        rel = alliance.relationship
        approvers = {a.person_id for a in alliance.meta.approvals}
        assert approvers == {p.id for p in rel.people_with_role(PersonRole.SER)}

    @pytest.mark.parametrize("stage", [s for s in Stage if s.is_joint], ids=lambda s: s.value)
    def test_joint_records_signed_by_every_partner(self, alliance, stage):
        """Every record in stages 5 to 8 is signed by every partner of the day it was signed."""
        rel = alliance.relationship
        unsigned = [
            p
            for p, r in alliance.stages.records(stage)
            if not r.is_signed_by_all(rel.parties_to_sign(r, AS_OF))
        ]
        assert not unsigned

    def test_records_mostly_current(self, alliance):
        """Approved records are current at the end of October 2026."""
        stale = [
            f"{stage.value}.{path}"
            for stage in Stage
            for path, r in alliance.stages.records(stage)
            if r.is_approved and not r.is_current(AS_OF)
        ]
        assert not stale

    def test_governance_hierarchy(self, alliance):
        """A joint board with every partner on it; the JMT and working groups escalate upward."""
        gov = alliance.relationship.governance
        rel = alliance.relationship
        (board,) = [b for b in gov.bodies if b.kind is BodyKind.JOINT_EXECUTIVE_BOARD]
        (jmt,) = [b for b in gov.bodies if b.kind is BodyKind.JOINT_MANAGEMENT_TEAM]
        groups = [b for b in gov.bodies if b.kind is BodyKind.WORKING_GROUP]
        assert board.escalates_to is None
        assert {rel.person(m).partner_id for m in board.members} == set(rel.parties_on(AS_OF))
        assert jmt.escalates_to == board.id
        assert len(groups) >= 2
        assert all(g.escalates_to == jmt.id for g in groups)

    def test_raci_has_one_accountable_and_a_responsible_per_activity(self, alliance):
        """Each RACI activity has exactly one A and at least one R."""
        raci = alliance.relationship.governance.raci
        assert 8 <= len(raci.activities) <= 12
        for row in raci.activities:
            assert len(raci.holders(row.id, "A")) == 1, row.id
            assert raci.holders(row.id, "R"), row.id

    def test_risk_owners_on_several_sides(self, alliance):
        """Risk owners come from at least three partners."""
        rel = alliance.relationship
        assert len({rel.person(r.owner).partner_id for r in rel.risks}) >= 3

    def test_objectives_yours_mine_ours(self, alliance):
        """There are joint objectives and objectives of every partner."""
        rel = alliance.relationship
        assert any(o.is_joint for o in rel.objectives)
        assert {o.partner_id for o in rel.objectives if not o.is_joint} == set(
            rel.parties_on(AS_OF)
        )

    def test_realised_value_split_by_partner(self, alliance):
        """Realised value is recorded for every partner."""
        rel = alliance.relationship
        owners = {r.partner_id for vp in rel.value_propositions for r in vp.realised}
        assert set(rel.parties_on(AS_OF)) <= owners

    def test_exit_plan_complete(self, alliance):
        """The exit plan has triggers, steps, continuity, every transfer kind and a future."""
        plan = alliance.relationship.exit_plan
        assert plan.triggers
        assert plan.steps
        assert plan.continuity
        assert plan.responsibilities
        assert plan.future_relationship
        assert plan.transfer_kinds == frozenset(TransferKind)
        assert plan.is_current(AS_OF)

    def test_history_is_oldest_first(self, alliance):
        """Lifecycle events are in time order."""
        times = [e.at for e in alliance.history]
        assert times == sorted(times)

    def test_history_shows_overlap_and_iteration(self, alliance):
        """Two stages run at once, and partner selection is reopened then completed again."""
        running: set[Stage] = set()
        most = 0
        for e in alliance.history:
            if e.kind in (EventKind.START, EventKind.REOPEN):
                running.add(e.stage)
            elif e.kind is EventKind.COMPLETE:
                running.discard(e.stage)
            most = max(most, len(running))
        assert most >= 2
        selection = [e.kind for e in alliance.history if e.stage is Stage.PARTNER_SELECTION]
        assert selection[-3:] == [EventKind.COMPLETE, EventKind.REOPEN, EventKind.COMPLETE]

    def test_dates_written_as_people_write_them(self, alliance):
        """Dates like '15 January 2025' in the text are read as dates."""
        assert "15 January 2025" in examples.text("alliance")
        dates = {k.name: k.on for k in alliance.relationship.key_dates}
        assert dates["Alliance agreement signed"] == date(2025, 1, 15)
        assert dates["Delivery go-live"] == date(2025, 4, 1)


class TestFlawed:
    def test_is_bilateral_client_and_supplier(self, flawed):
        """The flawed example is a bilateral client and supplier relationship."""
        rel = flawed.relationship
        assert rel.kind is RelationshipKind.BILATERAL
        assert [p.role for p in rel.partners] == [PartnerRole.CLIENT, PartnerRole.SUPPLIER]

    def test_has_no_ser(self, flawed):
        """No SER is appointed and nobody holds the SER role."""
        assert flawed.stages.awareness.ser_appointment is None
        assert not flawed.relationship.people_with_role(PersonRole.SER)

    def test_business_case_undecided_draft(self, flawed):
        """The business case is a draft without a decision."""
        case = flawed.stages.knowledge.business_case
        assert not case.is_approved
        assert case.decision is None

    def test_policy_overdue(self, flawed):
        """The policy is overdue for review."""
        assert not flawed.stages.awareness.policy.is_current(AS_OF)

    def test_selection_decision_without_criteria(self, flawed):
        """A selection decision exists with no criteria or evaluations behind it."""
        assert flawed.stages.partner_selection.decision is not None
        assert flawed.stages.internal_assessment.selection_criteria is None
        assert not flawed.stages.partner_selection.evaluations

    def test_joint_rmp_signed_by_one_side(self, flawed):
        """The joint RMP is not signed by every partner."""
        rmp = flawed.stages.working_together.joint_rmp
        assert not rmp.is_signed_by_all(flawed.relationship.partner_ids)

    def test_raci_flaws(self, flawed):
        """One activity has two accountables; another has no accountable or responsible."""
        raci = flawed.relationship.governance.raci
        assert len(raci.holders("act-change", "A")) == 2
        assert not raci.holders("act-report", "A")
        assert not raci.holders("act-report", "R")

    def test_escalation_loop(self, flawed):
        """The two governance bodies escalate to each other."""
        gov = flawed.relationship.governance
        assert gov.body("jmt").escalates_to == "board"
        assert gov.body("board").escalates_to == "jmt"

    def test_risks_owned_by_one_side_and_one_overdue(self, flawed):
        """Every risk owner is on the client side and one review date has passed."""
        rel = flawed.relationship
        assert {rel.person(r.owner).partner_id for r in rel.risks} == {"gha"}
        assert [r.id for r in rel.risks if r.review_on and r.review_on < AS_OF] == ["risk-3"]

    def test_exit_plan_lacks_triggers_and_transfers(self, flawed):
        """The exit plan has no triggers and no transfers."""
        plan = flawed.relationship.exit_plan
        assert not plan.triggers
        assert not plan.transfers

    def test_history_skips_internal_assessment(self, flawed):
        """The history skips the internal assessment."""
        skipped = [e.stage for e in flawed.history if e.kind is EventKind.SKIP]
        assert skipped == [Stage.INTERNAL_ASSESSMENT]


class TestConsortium:
    """The consortium example carries the governance defects its header lists."""

    def test_is_a_multi_party_consortium(self, rel):
        """A consortium of at least five parties to the agreement, and subcontractors."""
        assert rel.kind is RelationshipKind.CONSORTIUM
        direct = [p for p in rel.partners if not p.is_subcontractor]
        assert len(direct) >= 5
        assert any(p.is_subcontractor for p in rel.partners)

    def test_subcontracting_chain_three_deep(self, rel):
        """Undercliff is a subcontractor of a subcontractor of a subcontractor."""
        chain = ["undercliff"]
        while rel.partner(chain[-1]).subcontractor_of is not None:
            chain.append(rel.partner(chain[-1]).subcontractor_of)
        assert chain == ["undercliff", "tern", "saltmarsh", "penrith"]

    def test_quayside_absent_from_the_board(self, rel):
        """Quayside has nobody on the executive board, and its group escalates nowhere."""
        gov = rel.governance
        board = gov.body("jeb")
        assert board.kind is BodyKind.JOINT_EXECUTIVE_BOARD
        assert "quayside" not in {rel.person(m).partner_id for m in board.members}
        assert gov.body("wg-ecology").escalates_to is None

    def test_header_lists_the_defects(self):
        """The header comment lists the planted defects."""
        assert "planted defects" in examples.text("consortium")
