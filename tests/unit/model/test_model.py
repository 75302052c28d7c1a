"""Behaviour of the domain model: construction, validation, lookups, integrity."""

from __future__ import annotations

import pickle
from datetime import UTC, date, datetime, timedelta, timezone

import attrs
import pytest

from _builders import approved, criterion
from collabrel.errors import CollabrelError, DocumentError, InvalidFieldError, NoRelationshipError
from collabrel.model import (
    KPI,
    Action,
    BodyKind,
    Cadence,
    CriterionCategory,
    Direction,
    DocumentMeta,
    Event,
    EventKind,
    ExitPlan,
    ExpectedBenefit,
    Finding,
    Governance,
    GovernanceBody,
    MaturityAssessment,
    Measurement,
    Partner,
    PartnerRole,
    Person,
    PersonRole,
    Phase,
    PlanKind,
    RaciActivity,
    RaciAssignment,
    RACIMatrix,
    RealisedValue,
    Record,
    Relationship,
    RelationshipKind,
    RelationshipManagementPlan,
    Result,
    Risk,
    Stage,
    StageLevel,
    StageSections,
    Transfer,
    TransferKind,
    ValueProposition,
)


def _partners() -> list[Partner]:
    return [
        Partner(id="nr", name="Network Rail", role=PartnerRole.CLIENT),
        Partner(id="sig", name="Signal Co", role=PartnerRole.SUPPLIER),
    ]


def _kpi(target: object, *points: tuple[date, float]) -> KPI:
    """A KPI aiming at `target` (any value: tests pass bad ones), measured at `points`."""
    measured = [Measurement(on=on, value=value) for on, value in points]
    return KPI(
        id="k",
        name="n",
        unit="%",
        target=target,  # type: ignore[arg-type]
        direction=Direction.INCREASE,
        measurements=measured,
    )


def _row(ident: str, **codes: str) -> RaciActivity:
    """A RACI activity `ident` in which each keyword party holds its codes."""
    cells = [RaciAssignment(party=party, codes=c) for party, c in codes.items()]
    return RaciActivity(id=ident, name=ident.title(), assignments=cells)


def _relationship(**changes: object) -> Relationship:
    fields: dict[str, object] = {
        "id": "rel",
        "name": "Signalling alliance",
        "kind": RelationshipKind.BILATERAL,
        "partners": _partners(),
        "people": [
            Person(id="jo", name="Jo Hale", partner_id="nr", roles=[PersonRole.SER]),
            Person(id="raj", name="Raj Patel", partner_id="sig", roles=[PersonRole.SER]),
        ],
    }
    fields.update(changes)
    return Relationship(**fields)  # type: ignore[arg-type]


class TestStage:
    def test_numbers_run_one_to_eight_in_order(self) -> None:
        """The eight stages are numbered 1..8 in declaration order."""
        assert [s.number for s in Stage] == list(range(1, 9))

    def test_phases_group_three_three_two(self) -> None:
        """Strategic holds stages 1-3, Engagement 4-6, Management 7-8."""
        assert [len(p.stages) for p in Phase] == [3, 3, 2]

    def test_clauses_follow_both_standards(self) -> None:
        """BS 11000-1 clauses run 3..10 and ISO 44001 sub-clauses 8.2..8.9."""
        assert [s.bs11000_clause for s in Stage] == list(range(3, 11))
        assert [s.iso44001_clause for s in Stage] == [f"8.{i}" for i in range(2, 10)]

    def test_joint_from_stage_five(self) -> None:
        """Stages 5 to 8 are joint; 1 to 4 are not."""
        assert [s.is_joint for s in Stage] == [False] * 4 + [True] * 4

    def test_ordering(self) -> None:
        """Stages compare by number and sort into order."""
        assert sorted([Stage.EXIT_STRATEGY, Stage.AWARENESS]) == [
            Stage.AWARENESS,
            Stage.EXIT_STRATEGY,
        ]
        assert Stage.KNOWLEDGE >= Stage.AWARENESS
        assert Stage.KNOWLEDGE <= Stage.KNOWLEDGE
        assert Stage.KNOWLEDGE > Stage.AWARENESS
        assert Stage.AWARENESS.__lt__(1) is NotImplemented

    def test_from_number_rejects_out_of_range(self) -> None:
        """Stage.from_number refuses numbers outside 1..8."""
        with pytest.raises(ValueError, match="from 1 to 8"):
            Stage.from_number(9)

    def test_titles(self) -> None:
        """Stages and phases have human titles."""
        assert Stage.INTERNAL_ASSESSMENT.title == "Internal assessment"
        assert Phase.MANAGEMENT.title == "Management"
        assert Cadence.MONTHLY.months == 1.0


class TestValidation:
    def test_bad_enum_names_field_and_allowed_values(self) -> None:
        """A string where an enum member is needed names the field and the choices."""
        with pytest.raises(InvalidFieldError) as info:
            Partner(id="x", name="X", role="boss")  # type: ignore[arg-type]
        err = info.value
        assert (err.cls, err.field, err.value) == ("Partner", "role", "boss")
        assert "client, supplier, lead_partner, partner" in str(err)

    @pytest.mark.parametrize("bad", ["", "has space", "-lead", "x" * 129, 7, "acme\n"])
    def test_bad_ids_are_refused(self, bad: object) -> None:
        """Ids must be 1-128 id characters starting alphanumeric."""
        with pytest.raises(InvalidFieldError, match=r"Partner\.id"):
            Partner(id=bad, name="X", role=PartnerRole.CLIENT)  # type: ignore[arg-type]

    def test_blank_text_is_refused(self) -> None:
        """Required text may not be blank."""
        with pytest.raises(InvalidFieldError, match="non-empty"):
            Partner(id="x", name="  ", role=PartnerRole.CLIENT)

    @pytest.mark.parametrize("bad", [0, 6, True, 2.5])
    def test_risk_scales_are_one_to_five_integers(self, bad: object) -> None:
        """Likelihood is an integer from 1 to 5 (bools and floats refused)."""
        with pytest.raises(InvalidFieldError, match="from 1 to 5"):
            Risk(id="r", title="t", owner="jo", likelihood=bad, impact=1)  # type: ignore[arg-type]

    @pytest.mark.parametrize("bad", [float("nan"), float("inf"), "5", True])
    def test_numbers_are_finite(self, bad: object) -> None:
        """KPI targets must be finite numbers."""
        with pytest.raises(InvalidFieldError, match="finite number"):
            _kpi(bad)

    def test_integers_become_floats(self) -> None:
        """Whole numbers given for a number field are stored as equal floats."""
        k = _kpi(95)
        assert type(k.target) is float
        assert k.target == 95.0
        with pytest.raises(InvalidFieldError, match="finite number"):
            _kpi(10**400)

    def test_naive_datetimes_are_refused(self) -> None:
        """Event instants must carry a timezone."""
        with pytest.raises(InvalidFieldError, match="timezone-aware"):
            Event(kind=EventKind.START, at=datetime(2026, 1, 1), actor="jo")  # noqa: DTZ001

    def test_datetimes_are_not_dates(self) -> None:
        """A datetime is not accepted where a calendar date is needed."""
        with pytest.raises(InvalidFieldError, match=r"datetime\.date"):
            Measurement(on=datetime(2026, 1, 1, tzinfo=UTC), value=1)

    def test_sequences_check_their_items(self) -> None:
        """A tuple field refuses items of the wrong type, naming the index."""
        with pytest.raises(InvalidFieldError, match="item 1"):
            _relationship(partners=[_partners()[0], "sig"])

    def test_relationship_needs_two_partners(self) -> None:
        """A relationship has at least two partners."""
        with pytest.raises(InvalidFieldError, match="at least 2"):
            _relationship(partners=_partners()[:1])

    def test_kpi_measurements_in_date_order(self) -> None:
        """Measurements must be in date order."""
        with pytest.raises(InvalidFieldError, match="date order"):
            _kpi(1, (date(2026, 2, 1), 1), (date(2026, 1, 1), 1))

    def test_criterion_scale_must_be_increasing(self) -> None:
        """A criterion's scale_max must exceed its scale_min."""
        with pytest.raises(InvalidFieldError, match="greater than scale_min"):
            criterion("c", "n", CriterionCategory.RISK, 1, scale_min=5, scale_max=5)

    def test_maturity_levels_bounded_and_unique(self) -> None:
        """Maturity levels stay within the scale and appear once per stage."""
        with pytest.raises(InvalidFieldError, match="at most scale_max"):
            MaturityAssessment(
                assessed_on=date(2026, 1, 1),
                levels=[StageLevel(stage=Stage.AWARENESS, level=6)],
            )
        with pytest.raises(InvalidFieldError, match="one level per stage"):
            MaturityAssessment(
                assessed_on=date(2026, 1, 1),
                levels=[StageLevel(stage=Stage.AWARENESS, level=1)] * 2,
            )

    def test_schema_version_must_be_current(self) -> None:
        """DocumentMeta only holds the current schema version (older ones are migrated)."""
        with pytest.raises(InvalidFieldError, match="current version"):
            DocumentMeta(title="t", issued_on=date(2026, 1, 1), author="a", schema_version=1)

    def test_finding_requirement_id_pattern(self) -> None:
        """Findings name a requirement id like CBR.S5.RACI."""
        with pytest.raises(InvalidFieldError, match="requirement id"):
            Finding(requirement="raci", result=Result.MINOR, message="m")
        with pytest.raises(InvalidFieldError, match="requirement id"):
            Finding(requirement="CBR.S5.RACI\n", result=Result.MINOR, message="m")

    def test_errors_pickle(self) -> None:
        """Errors survive pickling with their attributes (for multiprocessing users)."""
        err = InvalidFieldError("Risk", "impact", 9, "an integer from 1 to 5")
        again = pickle.loads(pickle.dumps(err))  # noqa: S301
        assert (again.cls, again.field, again.value) == ("Risk", "impact", 9)
        doc = DocumentError([])
        assert pickle.loads(pickle.dumps(doc)).problems == ()  # noqa: S301
        none = pickle.loads(pickle.dumps(NoRelationshipError("template", "T")))  # noqa: S301
        assert (none.kind, none.title, str(none)) == (
            "template",
            "T",
            str(NoRelationshipError("template", "T")),
        )


class TestConverters:
    def test_iterables_become_tuples(self) -> None:
        """Sequence fields accept any iterable and store tuples."""
        rel = _relationship(partners=iter(_partners()))
        assert isinstance(rel.partners, tuple)

    def test_reference_lists_drop_repeats(self) -> None:
        """Id lists keep the first of repeated ids, in order."""
        body = GovernanceBody(
            id="jmt", name="JMT", kind=BodyKind.JOINT_MANAGEMENT_TEAM, members=["a", "b", "a"]
        )
        assert body.members == ("a", "b")

    def test_raci_codes_normalised(self) -> None:
        """RACI codes are upper-cased and separators dropped: 'a/r' is 'AR'."""
        assert RaciAssignment(party="p", codes="a/r").codes == "AR"

    def test_objects_are_frozen_and_hashable(self) -> None:
        """Model objects are immutable and hashable; change them with attrs.evolve."""
        rel = _relationship()
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            rel.name = "other"  # type: ignore[misc]
        assert hash(rel) == hash(_relationship())
        assert attrs.evolve(rel, name="other").name == "other"


class TestReferences:
    def test_dangling_references_all_reported(self) -> None:
        """Every dangling id is reported with its path, not just the first."""
        with pytest.raises(DocumentError) as info:
            _relationship(
                risks=[Risk(id="r1", title="t", owner="nobody", likelihood=1, impact=1)],
                governance=Governance(
                    bodies=[
                        GovernanceBody(
                            id="jmt",
                            name="JMT",
                            kind=BodyKind.JOINT_MANAGEMENT_TEAM,
                            members=["jo", "ghost"],
                            escalates_to="jeb",
                        )
                    ]
                ),
            )
        assert info.value.paths == (
            "risks[0].owner",
            "governance.bodies[0].members[1]",
            "governance.bodies[0].escalates_to",
        )

    def test_duplicate_ids_reported(self) -> None:
        """Two people with one id is a problem at the second one's path."""
        with pytest.raises(DocumentError) as info:
            _relationship(
                people=[
                    Person(id="jo", name="Jo", partner_id="nr"),
                    Person(id="jo", name="Jo Again", partner_id="sig"),
                ]
            )
        (problem,) = info.value.problems
        assert problem.path == "people[1].id"
        assert "first at people[0]" in problem.message

    def test_raci_party_may_be_person_body_or_partner(self) -> None:
        """A RACI party resolves against people, bodies and partners."""
        raci = RACIMatrix(activities=[_row("plan", jmt="A", jo="R", sig="I")])
        body = GovernanceBody(id="jmt", name="JMT", kind=BodyKind.JOINT_MANAGEMENT_TEAM)
        rel = _relationship(governance=Governance(bodies=[body], raci=raci))
        assert rel.governance.raci.parties == ("jmt", "jo", "sig")

    def test_plan_checks_stage_records_against_people(self) -> None:
        """The plan resolves approvers in stage records against the relationship's people."""
        meta = DocumentMeta(title="t", issued_on=date(2026, 1, 1), author="a")
        with pytest.raises(DocumentError) as info:
            RelationshipManagementPlan(
                meta=meta,
                relationship=_relationship(),
                stages=StageSections(
                    working_together=attrs.evolve(
                        StageSections().working_together,
                        joint_rmp=Record(id="jrmp", title="JRMP", approved_by="nobody"),
                    )
                ),
            )
        assert info.value.paths == ("stages.working_together.joint_rmp.approved_by",)

    def test_terms_of_reference_resolve_at_plan_level(self) -> None:
        """A body may name a stage record as its terms of reference; the plan checks it."""
        body = GovernanceBody(
            id="jmt", name="JMT", kind=BodyKind.JOINT_MANAGEMENT_TEAM, terms_of_reference="tor"
        )
        rel = _relationship(governance=Governance(bodies=[body]))  # no error on its own
        meta = DocumentMeta(title="t", issued_on=date(2026, 1, 1), author="a")
        with pytest.raises(DocumentError) as info:
            RelationshipManagementPlan(meta=meta, relationship=rel)
        assert info.value.paths == ("relationship.governance.bodies[0].terms_of_reference",)
        working = attrs.evolve(
            StageSections().working_together, governance_terms=Record(id="tor", title="ToR")
        )
        plan = RelationshipManagementPlan(
            meta=meta, relationship=rel, stages=StageSections(working_together=working)
        )
        assert plan.relationship is rel

    def test_relationship_plan_needs_relationship(self) -> None:
        """A relationship plan without a relationship is refused; a template is fine."""
        meta = DocumentMeta(title="t", issued_on=date(2026, 1, 1), author="a")
        with pytest.raises(DocumentError, match="needs a relationship"):
            RelationshipManagementPlan(meta=meta)
        template = attrs.evolve(meta, kind=PlanKind.TEMPLATE)
        assert RelationshipManagementPlan(meta=template).relationship is None

    def test_require_relationship_gives_the_relationship(self) -> None:
        """A relationship plan's relationship comes back, typed without None."""
        rel = _relationship()
        meta = DocumentMeta(title="t", issued_on=date(2026, 1, 1), author="a")
        assert RelationshipManagementPlan(meta=meta, relationship=rel).require_relationship() is rel

    def test_require_relationship_names_the_template(self) -> None:
        """A template has no relationship: the error names its kind and title."""
        meta = DocumentMeta(
            title="Corporate template",
            issued_on=date(2026, 1, 1),
            author="a",
            kind=PlanKind.TEMPLATE,
        )
        with pytest.raises(NoRelationshipError) as info:
            RelationshipManagementPlan(meta=meta).require_relationship()
        err = info.value
        assert (err.kind, err.title) == ("template", "Corporate template")
        assert isinstance(err, CollabrelError)
        assert isinstance(err, ValueError)
        assert "'Corporate template' is a template" in str(err)
        assert "no relationship" in str(err)


class TestLookups:
    def test_relationship_lookups(self) -> None:
        """Partners and people are found by id, role and organisation."""
        rel = _relationship()
        assert rel.partner("sig").name == "Signal Co"
        assert rel.person("raj").partner_id == "sig"
        assert [p.id for p in rel.people_of("nr")] == ["jo"]
        assert [p.id for p in rel.people_with_role(PersonRole.SER)] == ["jo", "raj"]
        assert rel.partner_ids == ("nr", "sig")
        with pytest.raises(KeyError):
            rel.partner("nope")

    def test_raci_lookups(self) -> None:
        """The RACI matrix answers by activity, by party and by code."""
        m = RACIMatrix(activities=[_row("a1", p="AR", q="C"), _row("a2")])
        assert m.cell("a1", "p") == "AR"
        assert m.cell("a2", "p") == ""
        assert m.by_party("p") == {"a1": "AR"}
        assert m.holders("a1", "R") == ("p",)
        with pytest.raises(KeyError):
            m.activity("zz")

    def test_raci_alphabets(self) -> None:
        """Codes must come from the matrix's alphabet; other alphabets work alike."""
        row = _row("a", p="D")
        assert RACIMatrix(alphabet="DACI", activities=[row]).cell("a", "p") == "D"
        with pytest.raises(InvalidFieldError, match="alphabet 'RACI'"):
            RACIMatrix(activities=[row])
        with pytest.raises(InvalidFieldError, match="upper-case letters"):
            RACIMatrix(alphabet="RR")

    def test_raci_one_assignment_per_party(self) -> None:
        """A party appears once per activity."""
        with pytest.raises(InvalidFieldError, match="each party once"):
            RaciActivity(
                id="a",
                name="A",
                assignments=[
                    RaciAssignment(party="p", codes="A"),
                    RaciAssignment(party="p", codes="R"),
                ],
            )

    def test_record_currency(self) -> None:
        """A record is current when approved and not past its review date."""
        rec = approved(Record, "r", "Policy", date(2025, 1, 31), review_every_months=1)
        assert rec.review_due_on == date(2025, 2, 28)
        assert rec.is_current(date(2025, 2, 28))
        assert not rec.is_current(date(2025, 3, 1))
        reviewed = attrs.evolve(rec, last_reviewed_on=date(2025, 3, 1))
        assert reviewed.is_current(date(2025, 3, 15))
        assert Record(id="d", title="Draft").review_due_on is None
        assert not Record(id="d", title="Draft").is_current(date(2025, 1, 1))

    def test_record_signatories(self) -> None:
        """A joint record is signed by all when every partner id is a signatory."""
        rec = Record(id="r", title="JRMP", signatories=["nr", "sig"])
        assert rec.is_signed_by_all(("nr", "sig"))
        assert not rec.is_signed_by_all(("nr", "sig", "x"))

    def test_kpi_values_over_time(self) -> None:
        """KPI lookups give the latest value and the value as of a date."""
        k = _kpi(95, (date(2026, 1, 31), 90), (date(2026, 2, 28), 93))
        assert k.latest == Measurement(on=date(2026, 2, 28), value=93)
        assert k.value_as_of(date(2026, 2, 1)) == 90
        assert k.value_as_of(date(2026, 1, 1)) is None

    def test_value_realised(self) -> None:
        """Realised value sums the records for one benefit."""
        vp = ValueProposition(
            id="vp",
            statement="s",
            benefits=[ExpectedBenefit(id="b", description="d", measure="m", unit="GBP", target=10)],
            realised=[
                RealisedValue(benefit_id="b", amount=3, on=date(2026, 1, 1)),
                RealisedValue(benefit_id="b", amount=4.5, on=date(2026, 2, 1)),
            ],
        )
        assert vp.realised_total("b") == 7.5
        assert vp.realised_total("other") == 0.0

    def test_exit_plan_transfer_kinds(self) -> None:
        """An exit plan reports which kinds of transfer it covers."""
        plan = ExitPlan(
            id="x",
            title="Exit",
            transfers=[
                Transfer(kind=TransferKind.PEOPLE, description="TUPE"),
                Transfer(kind=TransferKind.DATA, description="Records"),
            ],
        )
        assert plan.transfer_kinds == {TransferKind.PEOPLE, TransferKind.DATA}

    def test_stage_sections_records(self) -> None:
        """StageSections lists the records of one stage with their paths."""
        sections = StageSections(
            staying_together=attrs.evolve(
                StageSections().staying_together,
                corrective_actions=[Action(id="a1", description="Fix")],
            )
        )
        assert list(sections.records(Stage.STAYING_TOGETHER)) == []
        assert sections.section(Stage.STAYING_TOGETHER).corrective_actions[0].id == "a1"

    def test_event_instants_keep_offsets(self) -> None:
        """Events keep their timezone offset."""
        tz = timezone(timedelta(hours=1))
        e = Event(kind=EventKind.START, at=datetime(2026, 1, 1, 9, tzinfo=tz), actor="jo")
        assert e.at.utcoffset() == timedelta(hours=1)

    def test_result_nonconformity(self) -> None:
        """Only minor and major results are nonconformities."""
        assert {r for r in Result if r.is_nonconformity} == {Result.MINOR, Result.MAJOR}


class TestEventInstants:
    def test_fixed_offsets_share_one_tzinfo(self):
        """Events in the same fixed offset share a tzinfo object, and stay equal to the input."""
        from datetime import datetime, timedelta, timezone  # noqa: PLC0415

        from collabrel.model import Event, EventKind  # noqa: PLC0415

        a = datetime(2025, 1, 1, tzinfo=timezone(timedelta(hours=1)))
        b = datetime(2025, 1, 2, tzinfo=timezone(timedelta(hours=1)))
        ea = Event(kind=EventKind.START, at=a, actor="p")
        eb = Event(kind=EventKind.START, at=b, actor="p")
        assert ea.at == a
        assert eb.at == b
        assert ea.at.tzinfo is eb.at.tzinfo
        assert ea.at.isoformat() == a.isoformat()

    def test_named_zones_are_kept(self):
        """A named fixed offset or a zoneinfo zone is not replaced."""
        from datetime import datetime, timedelta, timezone  # noqa: PLC0415
        from zoneinfo import ZoneInfo  # noqa: PLC0415

        from collabrel.model import Event, EventKind  # noqa: PLC0415

        named = datetime(2025, 1, 1, tzinfo=timezone(timedelta(hours=1), "BST"))
        assert Event(kind=EventKind.START, at=named, actor="p").at.tzname() == "BST"
        zoned = datetime(2025, 6, 1, tzinfo=ZoneInfo("Europe/London"))
        assert Event(kind=EventKind.START, at=zoned, actor="p").at.tzinfo is zoned.tzinfo
