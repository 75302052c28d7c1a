"""The fast path never accepts what the detailed one refuses, and builds the same objects.

collabrel structures plain data with generated functions first (collabrel.serialization._fast:
nested classes called directly, a class's recompiled `__init__` run in place of the call) and
only when they fail with cattrs' detailed validation. Whatever the data, the fast path either
fails or builds what the detailed path builds.
"""

from __future__ import annotations

import copy
from typing import Any

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from collabrel import model
from collabrel.serialization import to_data
from collabrel.serialization._converter import detailed_converter, fast_converter
from collabrel.testing import strategies as cst

ATTRS_TYPES = [
    obj
    for name in model.__all__
    if isinstance(obj := getattr(model, name), type) and attrs.has(obj)
]
_JUNK = (
    st.none()
    | st.booleans()
    | st.integers(-3, 200)
    | st.floats(allow_nan=False)
    | st.sampled_from(["", " ", "x", "acme", "a b", "2026-03-01", "1 March 2026", "client"])
    | st.lists(st.sampled_from(["acme", 1, None]), max_size=2)
    | st.just({})
)


def _places(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path] if path else []
    if isinstance(data, dict):
        for key, value in data.items():
            found += _places(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _places(value, (*path, index))
    return found


def _built(data: object, cls: type, converter: Any) -> tuple[bool, object]:
    try:
        return True, converter.structure(copy.deepcopy(data), cls)
    except Exception as exc:  # noqa: BLE001 - any failure is a refusal here
        return False, exc


@st.composite
def _documents(draw: st.DrawFn) -> tuple[type, object, object]:
    cls = draw(st.sampled_from(ATTRS_TYPES))
    obj = draw(cst.for_type(cls))
    data = to_data(obj)
    places = _places(data)
    if places and draw(st.booleans()):
        path = draw(st.sampled_from(places))
        target = data
        for step in path[:-1]:
            target = target[step]
        if draw(st.booleans()) or not isinstance(target, dict):
            target[path[-1]] = draw(_JUNK)
        else:
            del target[path[-1]]
    return cls, obj, data


class TestFastPathAgrees:
    @settings(max_examples=400, deadline=None)
    @given(_documents())
    def test_the_fast_path_builds_what_the_detailed_one_does(
        self, document: tuple[type, object, object]
    ) -> None:
        """Valid or broken, data the fast path accepts is accepted by the detailed path too,
        and both build equal objects."""
        cls, _obj, data = document
        fast_ok, fast = _built(data, cls, fast_converter())
        detailed_ok, detailed = _built(data, cls, detailed_converter())
        if fast_ok:
            assert detailed_ok, detailed
            assert fast == detailed
            assert type(fast) is cls

    @settings(max_examples=150, deadline=None)
    @given(st.sampled_from(ATTRS_TYPES).flatmap(cst.for_type))
    def test_a_valid_object_is_built_again_by_the_fast_path(self, obj: object) -> None:
        """An object's own data goes through the fast path to an equal object."""
        ok, built = _built(to_data(obj), type(obj), fast_converter())
        assert ok, built
        assert built == obj
