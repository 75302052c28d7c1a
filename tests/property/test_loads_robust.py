"""Reading untrusted documents: any input gives an object or a CollabrelError, never a crash.

And a broken document is reported where it is broken: a dropped required field, a value of
the wrong type or an unknown field gives a `DocumentError` with a problem at (or above) the
place that was changed.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from typing import Any

import attrs
import pytest
import tomli_w
import yaml
from hypothesis import assume, example, given
from hypothesis import strategies as st

import collabrel
from collabrel import model
from collabrel.errors import CollabrelError, DocumentError
from collabrel.serialization import FORMATS, from_data, loads, to_data
from collabrel.testing import strategies as cst

ATTRS_TYPES = [
    obj
    for name in model.__all__
    if isinstance(obj := getattr(model, name), type) and attrs.has(obj)
]
FIELD_NAMES = sorted({f.name for cls in ATTRS_TYPES for f in attrs.fields(cls)})

Path = tuple[str | int, ...]


def _outcome(text: str | bytes, fmt: str, cls: type) -> None:
    """Read `text`; it must give a `cls` or raise a CollabrelError (anything else escapes)."""
    try:
        obj = loads(text, fmt, cls=cls)
    except CollabrelError:
        return
    assert isinstance(obj, cls)


def _without_none(value: Any) -> Any:
    """`value` without None anywhere (TOML has no null)."""
    if isinstance(value, dict):
        return {k: _without_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_without_none(v) for v in value if v is not None]
    return value


def _render(value: Any, fmt: str) -> str:
    """`value` written as `fmt` text by the format's own library."""
    if fmt == "json":
        return json.dumps(value)  # NaN and Infinity included: the reader must refuse them
    if fmt == "yaml":
        return yaml.safe_dump(value, allow_unicode=True)
    table = value if isinstance(value, dict) else {"value": value}
    return tomli_w.dumps(_without_none(table))


def _path_text(path: Path) -> str:
    """A mutation path written the way `Problem.path` writes it: `a.b[0].c`."""
    out = ""
    for step in path:
        if isinstance(step, int):
            out += f"[{step}]"
        else:
            out = f"{out}.{step}" if out else step
    return out


def _is_at_or_above(problem_path: str, mutation: str) -> bool:
    return problem_path == mutation or mutation.startswith((f"{problem_path}.", f"{problem_path}["))


def _get(data: Any, path: Path) -> Any:
    for step in path:
        data = data[step]
    return data


def _set(data: Any, path: Path, value: Any) -> None:
    _get(data, path[:-1])[path[-1]] = value


# ---------------------------------------------------------------- where a document can break


@attrs.frozen
class _Sites:
    """The places of a document's plain data where a mutation can go."""

    required: list[Path] = attrs.Factory(list)  # keys of required fields
    values: list[Path] = attrs.Factory(list)  # every value below the root
    objects: list[Path] = attrs.Factory(list)  # every mapping of an attrs object


def _sites(obj: Any, data: Any, path: Path = (), found: _Sites | None = None) -> _Sites:
    """Walk `obj` and its plain `data` together, noting where mutations can go."""
    found = _Sites() if found is None else found
    found.objects.append(path)
    for field in attrs.fields(type(obj)):
        if field.name not in data:  # a default, left out
            continue
        here = (*path, field.name)
        if field.default is attrs.NOTHING:
            found.required.append(here)
        found.values.append(here)
        value = getattr(obj, field.name)
        if attrs.has(type(value)):
            _sites(value, data[field.name], here, found)
        elif isinstance(value, tuple):
            for i, item in enumerate(value):
                found.values.append((*here, i))
                if attrs.has(type(item)):
                    _sites(item, data[field.name][i], (*here, i), found)
    return found


def _wrong_values(value: Any) -> tuple[Any, ...]:
    """Values of a JSON type that `value`'s field never accepts."""
    if isinstance(value, bool):
        return ("true", 1, [], {})
    if isinstance(value, int):
        return ("7", 1.5, True, [], {})
    if isinstance(value, float):
        return ("7.5", True, [], {})
    if isinstance(value, str):
        return (7, 1.5, True, [], {})
    if isinstance(value, list):
        return (7, 1.5, True, "ab", {"x": 1})
    return (7, "x", True, [])  # a mapping


def _documents() -> st.SearchStrategy[Any]:
    """Valid documents of many kinds, plans most of all."""
    return cst.rmps() | cst.relationships() | st.sampled_from(ATTRS_TYPES).flatmap(cst.for_type)


# ---------------------------------------------------------------- strategies for junk

_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text()
    | st.dates().map(date.isoformat)
    | st.sampled_from(["client", "draft", "awareness", "2026-03-01", "2026-03-01T09:30:00Z"])
)
_KEYS = st.sampled_from(FIELD_NAMES) | st.text(max_size=8)
_JSON_LIKE = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_KEYS, inner, max_size=5),
    max_leaves=20,
)
_PLAN_LIKE = st.fixed_dictionaries(
    {
        # a current schema version gets the junk past the migrations, into the converter
        "meta": st.dictionaries(_KEYS, _JSON_LIKE, max_size=6).map(
            lambda d: {**d, "schema_version": model.SCHEMA_VERSION}
        )
    },
    optional={
        "relationship": _JSON_LIKE,
        "stages": _JSON_LIKE,
        "scope": _JSON_LIKE,
        "history": _JSON_LIKE,
    },
)


class TestLoadsNeverCrashes:
    @given(st.binary(max_size=200), st.sampled_from(FORMATS), st.sampled_from(ATTRS_TYPES))
    @example(b"\xff\xfe", "json", model.RelationshipManagementPlan)
    @example(b"\xef\xbb\xbf{}", "json", model.Partner)
    def test_any_bytes(self, data, fmt, cls):
        """Any bytes read as any type give an object or a CollabrelError."""
        _outcome(data, fmt, cls)

    @given(st.text(max_size=200), st.sampled_from(FORMATS), st.sampled_from(ATTRS_TYPES))
    @example("a: &x [*x]", "yaml", model.Record)
    @example("meta: &m {schema_version: 1, title: *m}", "yaml", model.RelationshipManagementPlan)
    @example("? [a]\n: 1", "yaml", model.Partner)
    @example("!!binary aGk=", "yaml", model.Partner)
    @example("id: !!binary aGk=\nname: x\nrole: client", "yaml", model.Partner)
    @example("{id: 2001-12-14, name: x, role: client}", "yaml", model.Partner)
    @example("id = 1979-05-27T07:32:00Z", "toml", model.Partner)
    @example('{"id": 1e999, "name": "x", "role": "client"}', "json", model.Partner)
    @example("[" * 5000, "json", model.Partner)
    @example("[" * 5000, "yaml", model.Partner)
    @example("a = " + "[" * 5000, "toml", model.Partner)
    @example("\ud800", "json", model.Partner)
    @example("\ud800", "yaml", model.Partner)
    def test_any_text(self, text, fmt, cls):
        """Any text read as any type gives an object or a CollabrelError."""
        _outcome(text, fmt, cls)

    @given(_JSON_LIKE, st.sampled_from(FORMATS), st.sampled_from(ATTRS_TYPES))
    def test_any_json_like_value(self, value, fmt, cls):
        """Any nested value, written in any format, reads as an object or a CollabrelError."""
        _outcome(_render(value, fmt), fmt, cls)

    @given(_PLAN_LIKE, st.sampled_from(FORMATS))
    def test_any_plan_shaped_value(self, value, fmt):
        """A plan-shaped value with junk inside reads as a plan or a CollabrelError."""
        _outcome(_render(value, fmt), fmt, model.RelationshipManagementPlan)

    @given(cst.rmps(), st.data(), _JSON_LIKE, st.sampled_from(FORMATS))
    def test_valid_plan_with_a_junk_subtree(self, rmp, data, junk, fmt):
        """A valid plan with any value swapped in anywhere reads as a plan or a CollabrelError."""
        doc, path = _site(rmp, data, "values")
        _set(doc, path, junk)
        _outcome(_render(doc, fmt), fmt, model.RelationshipManagementPlan)

    @pytest.mark.parametrize("fmt", FORMATS)
    def test_unknown_format_is_a_collabrel_error(self, fmt):
        """A format name collabrel does not know is a CollabrelError, whatever the text."""
        with pytest.raises(CollabrelError):
            collabrel.loads("{}", f"{fmt}x")


def _site(obj: Any, data: st.DataObject, which: str) -> tuple[Any, Path]:
    """`obj` as plain data, and the path of one of its sites of the kind `which`."""
    doc = to_data(obj)
    sites = getattr(_sites(obj, doc), which)
    assume(sites)
    return doc, data.draw(st.sampled_from(sites))


def _reported_at_or_above(read: Callable[[], object], path: Path) -> None:
    """`read()` raises a DocumentError with a problem at `path` or at a parent of it."""
    with pytest.raises(DocumentError) as caught:
        read()
    where = _path_text(path)
    assert any(_is_at_or_above(p.path, where) for p in caught.value.problems), where


class TestBrokenDocuments:
    @given(_documents(), st.data())
    def test_a_dropped_required_field_is_reported_there(self, obj, data):
        """Dropping a required field gives a DocumentError with a problem at its path."""
        doc, path = _site(obj, data, "required")
        del _get(doc, path[:-1])[path[-1]]
        _reported_at_or_above(lambda: from_data(doc, type(obj)), path)

    @given(_documents(), st.data())
    def test_a_wrong_typed_value_is_reported_at_or_above_it(self, obj, data):
        """A value of the wrong type gives a DocumentError with a problem at or above it."""
        doc, path = _site(obj, data, "values")
        wrong = data.draw(st.sampled_from(_wrong_values(_get(doc, path))))
        _set(doc, path, wrong)
        _reported_at_or_above(lambda: from_data(doc, type(obj)), path)

    @given(_documents(), st.data(), st.text(min_size=1, max_size=10))
    def test_an_unknown_field_is_reported_at_its_path(self, obj, data, key):
        """An unknown field gives a DocumentError with a problem naming exactly that field."""
        doc, path = _site(obj, data, "objects")
        target = _get(doc, path)
        assume(key not in FIELD_NAMES)
        target[key] = "surplus"
        with pytest.raises(DocumentError) as caught:
            from_data(doc, type(obj))
        assert _path_text((*path, key)) in caught.value.paths

    @given(cst.rmps(), st.data())
    def test_a_broken_plan_in_json_is_reported_there(self, rmp, data):
        """Through loads(), a plan with a dropped required field is reported at that field."""
        doc, path = _site(rmp, data, "required")
        del _get(doc, path[:-1])[path[-1]]
        _reported_at_or_above(lambda: loads(json.dumps(doc), "json"), path)
