"""JSON read with orjson is judged like the standard library's reading: limits and repeated keys.

With orjson, collabrel tells whether parsed JSON is within the limits, and repeats no key, from
the text and orjson's rendering of the data rather than a walk over it; without orjson it
walks. Both must find the same: the same data, the same problems, the same repeated keys.
"""

from __future__ import annotations

import json
from typing import Any

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from collabrel.errors import DocumentError
from collabrel.serialization import LoadLimits, _formats

_KEYS = st.sampled_from(["a", "b", "dup", "dup_", 'q"', "back\\slash", "line\nbreak", "é"])
_SCALARS = st.none() | st.booleans() | st.integers(-(2**63), 2**63 - 1) | st.text(max_size=4)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_KEYS, inner, max_size=4),
    max_leaves=25,
)
_LIMITS = st.builds(
    LoadLimits,
    max_depth=st.integers(1, 6),
    max_items=st.integers(1, 6),
    max_string_length=st.sampled_from([3, 1_000_000]),
)


def _texts(value: object) -> list[str]:
    """`value` as orjson writes it (indented, as collabrel does, and compact) and as the
    standard library does; and each with `dup_` renamed `dup`, a repeated key where a mapping
    has both."""
    texts = [
        orjson.dumps(value, option=orjson.OPT_INDENT_2).decode() + "\n",
        orjson.dumps(value, option=orjson.OPT_INDENT_2).decode(),
        orjson.dumps(value).decode(),
        json.dumps(value, indent=2, ensure_ascii=False),
    ]
    return texts + [t.replace('"dup_":', '"dup":') for t in texts]


def _outcome(text: str, limits: LoadLimits) -> tuple[Any, ...]:
    try:
        data, repeated = _formats.read(text, "json", "<s>", limits)
    except DocumentError as exc:
        return ("refused", [str(p) for p in exc.problems])
    return ("read", data, [str(p) for p in repeated])


class TestJsonLimits:
    @settings(max_examples=300, deadline=None)
    @given(value=_VALUES, limits=_LIMITS)
    def test_orjson_reads_as_the_standard_library_does(
        self, value: object, limits: LoadLimits
    ) -> None:
        """The same data, limit problems and repeated keys with orjson as without it."""
        for text in _texts(value):
            with_orjson = _outcome(text, limits)
            with pytest.MonkeyPatch.context() as patched:
                patched.setattr(_formats, "_orjson", None)
                without = _outcome(text, limits)
            assert with_orjson == without, text

    def test_collabrels_own_json_is_not_walked(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Text as collabrel writes it, within the limits, is judged without a walk."""
        text = orjson.dumps({"a": [1, {"b": "c"}]}, option=orjson.OPT_INDENT_2).decode() + "\n"

        def walked(*_: object, **__: object) -> None:
            raise AssertionError("walked")

        monkeypatch.setattr(_formats, "PlainCheck", walked)
        assert _formats.read(text, "json", "<s>") == ({"a": [1, {"b": "c"}]}, [])

    @pytest.mark.parametrize(
        ("limits", "expected"),
        [
            (LoadLimits(max_depth=2), "a[1]: nesting 3 levels deep is more than the limit of 2"),
            (LoadLimits(max_items=1), "a: 2 items is more than the limit of 1"),
            (LoadLimits(max_string_length=1), "a[1].b: 2 characters is more than the limit of 1"),
        ],
    )
    def test_a_limit_in_collabrels_own_json_is_found_where_it_is(
        self, limits: LoadLimits, expected: str
    ) -> None:
        """Over a limit, the walk says where, as for any other text."""
        text = orjson.dumps({"a": [1, {"b": "cc"}]}, option=orjson.OPT_INDENT_2).decode()
        with pytest.raises(DocumentError) as caught:
            _formats.read(text, "json", "<s>", limits)
        assert str(caught.value.problems[0]).startswith(expected)
