"""The strategies of `collabrel.testing`: what they draw is valid, whole and replays.

Every public type has a strategy; whole documents resolve every reference, their histories
replay through the lifecycle, their selection scores fit their criteria's scales; and the
hypothesis plugin registers the strategies for `st.from_type`.
"""

from __future__ import annotations

from enum import Enum

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import collabrel
from collabrel import model
from collabrel.lifecycle import replay
from collabrel.model import _validators as v
from collabrel.model._refs import check_references
from collabrel.serialization import dumps, loads
from collabrel.testing import strategies as cst
from collabrel.testing._names import strategy_name
from collabrel.testing.strategies._infer import field_strategy

PUBLIC_TYPES: list[type] = [
    obj for name in model.__all__ if isinstance(obj := getattr(model, name), type)
]
ENUM_TYPES = [cls for cls in PUBLIC_TYPES if issubclass(cls, Enum)]


def _name(cls: type) -> str:
    return cls.__name__


class TestStrategies:
    def test_every_public_type_has_a_strategy(self):
        """Every public class and enum of collabrel.model has a strategy named after it."""
        assert {strategy_name(cls.__name__) for cls in PUBLIC_TYPES} <= set(cst.__all__)

    def test_for_type_refuses_other_types(self):
        """for_type() knows only collabrel's public model types."""
        with pytest.raises(KeyError):
            cst.for_type(dict)

    def test_rmps_is_an_alias(self):
        """rmps() is relationship_management_plans() under a shorter name."""
        assert cst.rmps is cst.relationship_management_plans

    @settings(max_examples=5)
    @given(st.data())
    def test_enum_strategies_draw_members(self, data):
        """Each enum strategy draws members of its enum."""
        for cls in ENUM_TYPES:
            assert type(data.draw(cst.for_type(cls))) is cls

    def test_a_field_without_a_model_validator_is_refused(self):
        """Inference says which validator it cannot read rather than guess."""

        @attrs.frozen
        class Odd:
            x: int = attrs.field(validator=attrs.validators.instance_of(int))

        with pytest.raises(TypeError, match="cannot infer a strategy"):
            field_strategy(attrs.fields(Odd).x)

    @settings(max_examples=10)
    @given(cst.risks(person_ids=["jo"]))
    def test_references_are_inferred_from_ref_metadata(self, risk):
        """A field declared with ref() names an id of its kind; none to name, nothing drawn."""
        assert risk.owner == "jo"
        assert cst.risks(person_ids=[]).is_empty


class TestDocuments:
    @given(cst.relationships())
    def test_relationships_are_whole_documents(self, rel):
        """People belong to partners, owners are people, bodies escalate without cycles."""
        assert check_references(rel) == []
        partner_ids = set(rel.partner_ids)
        person_ids = {p.id for p in rel.people}
        body_ids = [b.id for b in rel.governance.bodies]
        assert {p.partner_id for p in rel.people} <= partner_ids
        assert {r.owner for r in rel.risks} <= person_ids
        for i, body in enumerate(rel.governance.bodies):
            assert set(body.members) <= person_ids
            assert body.chair is None or body.chair in body.members
            assert body.escalates_to is None or body.escalates_to in body_ids[:i]
        assert set(rel.governance.raci.parties) <= person_ids | partner_ids | set(body_ids)

    @given(cst.rmps())
    def test_plans_are_whole_documents(self, rmp):
        """Plans resolve every reference, their history replays, their scores fit the scales.

        The history is in time order, by people, and replaying it refuses no event; every
        evaluation scores a stage-3 criterion within that criterion's scale.
        """
        assert check_references(rmp) == []
        if rmp.meta.kind is model.PlanKind.RELATIONSHIP:
            assert rmp.relationship is not None
        people = set() if rmp.relationship is None else {p.id for p in rmp.relationship.people}
        instants = [event.at for event in rmp.history]
        assert instants == sorted(instants)
        assert all(at.utcoffset() is not None for at in instants)
        assert {event.actor for event in rmp.history} <= people
        assert replay(rmp.history).updated_at == (instants[-1] if instants else None)
        chosen = rmp.stages.internal_assessment.selection_criteria
        scales = {} if chosen is None else {c.id: c for c in chosen.criteria}
        for evaluation in rmp.stages.partner_selection.evaluations:
            for score in evaluation.scores:
                criterion = scales[score.criterion_id]
                assert criterion.scale_min <= score.value <= criterion.scale_max

    @given(cst.rmps())
    def test_every_drawn_plan_validates_and_round_trips(self, rmp):
        """A drawn plan builds again (every check passes) and survives its JSON document."""
        assert attrs.evolve(rmp) == rmp
        assert loads(dumps(rmp)) == rmp

    @given(cst.health_surveys(), cst.maturity_assessments())
    def test_survey_and_maturity_scores_fit_their_scales(self, survey, assessment):
        """Survey responses and maturity levels lie on their own record's scale."""
        for response in survey.responses:
            assert response.score is None or survey.scale_min <= response.score <= survey.scale_max
        assert all(0 <= level.level <= assessment.scale_max for level in assessment.levels)


class TestValidatorsAreInspectable:
    def test_validators_expose_their_parameters(self):
        """The model's validators say what they accept through public attributes."""
        fields = attrs.fields(model.Risk)
        assert fields.likelihood.validator == v.Integer(low=1, high=5)
        assert fields.title.validator == v.Text(allow_empty=False)
        assert fields.status.validator == v.MemberOf(model.RiskStatus)
        assert fields.owner.validator.pattern == v.ID_PATTERN
        assert attrs.fields(model.Record).approved_by.validator == v.Optional(v.Identifier())
        items = attrs.fields(model.Relationship).partners.validator
        assert (items.element, items.min_len) == (model.Partner, 2)


class TestHypothesisPlugin:
    @settings(max_examples=10)
    @given(st.from_type(collabrel.Partner))
    def test_from_type_draws_partners(self, partner):
        """st.from_type(Partner) uses collabrel's registered strategy."""
        assert isinstance(partner, collabrel.Partner)
        assert partner.name.strip()

    @pytest.mark.parametrize("cls", PUBLIC_TYPES, ids=_name)
    @settings(max_examples=1)
    @given(data=st.data())
    def test_every_public_type_is_registered(self, cls, data):
        """st.from_type() resolves every public model type to an instance of it."""
        assert type(data.draw(st.from_type(cls))) is cls
