"""The model classes' recompiled `__init__`: the same checks, made inline."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import collabrel.model as m
from collabrel.errors import InvalidFieldError
from collabrel.model import _validators as v
from collabrel.model._inline import _Code, inline_validators


def _model_classes() -> list[type]:
    found: dict[type, None] = {}

    def add(cls: type) -> None:
        if cls in found:
            return
        found[cls] = None
        for a in attrs.fields(cls):
            for t in (a.type, *getattr(a.type, "__args__", ())):
                if isinstance(t, type) and attrs.has(t):
                    add(t)

    for name in m.__all__:
        obj = getattr(m, name)
        if isinstance(obj, type) and attrs.has(obj):
            add(obj)
    return list(found)


def _validators() -> list[object]:
    parts = {  # equal validators once
        part: None
        for cls in _model_classes()
        for a in attrs.fields(cls)
        for part in getattr(a.validator, "_validators", (a.validator,))
        if v.condition_of(part, "x", _Code({}, "_t")) is not None
    }
    return list(parts)


VALIDATORS = _validators()
VALUES = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(),
        st.text(max_size=5),
        st.sampled_from(["a", " ", "", "acme-1", "x" * 129, "\u2003", "1 March"]),
        st.dates(),
        st.datetimes(timezones=st.none() | st.just(dt.UTC)),
        st.sampled_from(list(m.PersonRole) + list(m.Stage)),
    ),
    lambda inner: st.lists(inner, max_size=3).map(tuple),
    max_leaves=6,
)


class _Attribute:
    name = "field"


class TestInlineValidators:
    def test_every_model_class_is_recompiled(self) -> None:
        """Each model class's attrs `__init__` is recompiled, once (now if not built yet)."""
        for cls in _model_classes():
            inline_validators(cls)  # a class no test has built yet still has its stand-in
            assert cls.__dict__["__init__"].__code__.co_filename.startswith("<collabrel inline")
            assert not inline_validators(cls)

    def test_a_class_is_recompiled_when_its_first_instance_is_built(self) -> None:
        """At import a class has a stand-in with attrs' signature; building one recompiles it."""
        script = (
            "import inspect, collabrel.model as m\n"
            "def where(): return m.Person.__dict__['__init__'].__code__.co_filename\n"
            "before, signature = where(), inspect.signature(m.Person)\n"
            "m.Person(id='jo', name='Jo', partner_id='acme')\n"
            "print(before.startswith('<collabrel inline'), where().startswith('<collabrel inline'),"
            " signature == inspect.signature(m.Person), 'partner_id' in str(signature))\n"
        )
        out = subprocess.run(  # noqa: S603 - this interpreter, the test's own script
            [sys.executable, "-c", script], check=True, capture_output=True, text=True
        )
        assert out.stdout.split() == ["False", "True", "True", "True"]

    def test_the_model_has_conditioned_validators(self) -> None:
        """Most of the model's validators have a condition to inline."""
        assert len(VALIDATORS) > 10

    @pytest.mark.parametrize("validator", VALIDATORS, ids=repr)
    @given(value=VALUES)
    def test_a_condition_holds_only_where_the_validator_accepts(
        self, validator: Any, value: object
    ) -> None:
        """A value the inline condition passes is one the validator itself accepts."""
        namespace: dict[str, Any] = {}
        code = _Code(namespace, "_t")
        condition = v.condition_of(validator, "x", code)
        source = "\n".join([*code.helpers, f"def check(x):\n    return bool({condition})\n"])
        exec(compile(source, "<test>", "exec"), namespace)  # noqa: S102 - the test's own code
        if namespace["check"](value):
            validator(object(), _Attribute(), value)

    @pytest.mark.parametrize(
        "converter", [v.to_float, v.to_optional_float, v.to_tuple, v.dedupe], ids=repr
    )
    @given(value=VALUES)
    def test_a_converter_is_skipped_only_where_it_changes_nothing(
        self, converter: Any, value: object
    ) -> None:
        """Where the inline expression holds, the converter returns the value itself."""
        namespace: dict[str, Any] = {}
        code = _Code(namespace, "_t")
        unchanged = v.unchanged_by(converter, "x", code)
        source = "\n".join([*code.helpers, f"def check(x):\n    return bool({unchanged})\n"])
        exec(compile(source, "<test>", "exec"), namespace)  # noqa: S102 - the test's own code
        if namespace["check"](value):
            assert converter(value) is value

    def test_ids_met_are_remembered_within_a_bound(self) -> None:
        """An id that matched is not matched again; the memory of them stays bounded."""
        v._KNOWN_IDS.clear()
        m.Partner(id="acme-1", name="Acme", role=m.PartnerRole.CLIENT)
        assert "acme-1" in v._KNOWN_IDS
        for n in range(v._KNOWN_IDS_MAX + 10):
            m.Partner(id=f"p{n}", name="P", role=m.PartnerRole.CLIENT)
        assert len(v._KNOWN_IDS) <= v._KNOWN_IDS_MAX
        with pytest.raises(InvalidFieldError):
            m.Partner(id="not an id", name="P", role=m.PartnerRole.CLIENT)
        assert "not an id" not in v._KNOWN_IDS

    def test_a_bad_field_is_refused_with_the_validators_error(self) -> None:
        """The recompiled `__init__` raises the error the validator raises."""
        with pytest.raises(InvalidFieldError) as info:
            m.Person(id="jo", name="  ", partner_id="acme")
        assert info.value.field == "name"
        with pytest.raises(InvalidFieldError) as info:
            m.Partner(id="a", name="A", role="client")  # type: ignore[arg-type]
        assert info.value.field == "role"

    def test_disabled_validators_stay_disabled(self) -> None:
        """`attrs.validators.disabled()` still turns the checks off."""
        with attrs.validators.disabled():
            assert m.Person(id="jo", name="  ", partner_id="acme").name == "  "
