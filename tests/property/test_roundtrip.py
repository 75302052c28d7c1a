"""Round trips: every model object survives plain data and each text format unchanged.

The objects come from `collabrel.testing.strategies` (checked in test_strategies.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from enum import Enum
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from collabrel import model
from collabrel.model._validators import ID_PATTERN
from collabrel.serialization import FORMATS, dumps, from_data, loads, to_data
from collabrel.testing import strategies as cst

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
