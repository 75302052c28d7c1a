"""Round trips: every model object survives plain data and each text format unchanged.

Also checks the strategies themselves (every public type has one; what they draw is valid,
well-formed and, for whole documents, self-consistent) and the hypothesis plugin that
registers them for `st.from_type`.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from enum import Enum
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import collabrel
from collabrel import model
from collabrel.model._refs import check_references
from collabrel.model._validators import ID_PATTERN
from collabrel.serialization import FORMATS, dumps, from_data, loads, to_data
from collabrel.testing import strategies as cst
from collabrel.testing._hypothesis_plugin import STRATEGY_NAMES

PUBLIC_TYPES: list[type] = [
    obj for name in model.__all__ if isinstance(obj := getattr(model, name), type)
]
ATTRS_TYPES = [cls for cls in PUBLIC_TYPES if attrs.has(cls)]
ENUM_TYPES = [cls for cls in PUBLIC_TYPES if issubclass(cls, Enum)]

# types written as text in every format: the document root and a handful of others
TEXT_TYPES = [
    model.RelationshipManagementPlan,
    model.Relationship,
    model.StageSections,
    model.Partner,
    model.RACIMatrix,
    model.KPI,
    model.ExitPlan,
    model.Event,
    model.Finding,
    model.Criterion,
]

_ID = re.compile(ID_PATTERN)


def _name(cls: type) -> str:
    return cls.__name__


def _objects(obj: Any) -> Iterator[Any]:
    """Every attrs object reachable from `obj`, `obj` included."""
    if attrs.has(type(obj)):
        yield obj
        for field in attrs.fields(type(obj)):
            yield from _objects(getattr(obj, field.name))
    elif isinstance(obj, tuple):
        for item in obj:
            yield from _objects(item)


class TestStrategies:
    def test_every_public_type_has_a_strategy(self):
        """The strategies cover exactly the public classes and enums of collabrel.model."""
        assert set(STRATEGY_NAMES) == {cls.__name__ for cls in PUBLIC_TYPES}
        assert set(STRATEGY_NAMES.values()) <= set(cst.__all__)

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
        """Plans resolve every reference and keep their history in time order, by people."""
        assert check_references(rmp) == []
        if rmp.meta.kind is model.PlanKind.RELATIONSHIP:
            assert rmp.relationship is not None
        people = set() if rmp.relationship is None else {p.id for p in rmp.relationship.people}
        instants = [event.at for event in rmp.history]
        assert instants == sorted(instants)
        assert all(at.utcoffset() is not None for at in instants)
        assert {event.actor for event in rmp.history} <= people


class TestPlainData:
    @pytest.mark.parametrize("cls", ATTRS_TYPES, ids=_name)
    @given(data=st.data())
    def test_valid_objects_survive_plain_data(self, cls, data):
        """Strategies draw valid objects of their type that from_data(to_data(x)) gives back."""
        obj = data.draw(cst.for_type(cls))
        assert type(obj) is cls
        assert attrs.evolve(obj) == obj  # builds again: every validator passes
        for entity in _objects(obj):
            if hasattr(type(entity), "_entity_kind"):
                assert _ID.match(entity.id)
                assert "\n" not in entity.id
        assert from_data(to_data(obj), cls) == obj

    @pytest.mark.parametrize("cls", ENUM_TYPES, ids=_name)
    def test_enums_are_written_as_their_values(self, cls):
        """Every enum member is written as its value and read back as the same member."""
        for member in cls:
            assert to_data(member) == member.value
            assert from_data(to_data(member), cls) is member


class TestTextFormats:
    @pytest.mark.parametrize("cls", TEXT_TYPES, ids=_name)
    @given(data=st.data())
    def test_loads_inverts_dumps(self, cls, data):
        """loads(dumps(x, fmt), fmt, cls=type(x)) gives back an equal object in every format."""
        obj = data.draw(cst.for_type(cls))
        for fmt in FORMATS:
            assert loads(dumps(obj, fmt), fmt, cls=cls) == obj, fmt


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

    def test_importing_hypothesis_does_not_import_the_strategies(self):
        """Registration is lazy: hypothesis loads the plugin, not the strategies module."""
        code = (
            "import sys, hypothesis; "
            "print('collabrel.testing.strategies' in sys.modules, "
            "'collabrel.testing._hypothesis_plugin' in sys.modules)"
        )
        out = subprocess.run(  # noqa: S603
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        assert out.stdout.split() == ["False", "True"]
