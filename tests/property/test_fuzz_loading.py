"""Bounded mutation fuzzing of document loading, a few seconds of it in every test run.

The bundled examples in all three formats are mutated by `collabrel.testing._fuzz` (bit
flips, truncation, duplicated spans, deep nesting, long dates and numbers, YAML aliases and
tags, duplicate keys, stray bytes); only collabrel errors may escape `loads`. Nothing here is
timed: that the work stays bounded is asserted through the limits, which must be what refuses
the inputs built to be expensive. The long run is `python3 tasks.py fuzz --minutes N`, on the
same engine.
"""

from __future__ import annotations

import random
from functools import cache
from typing import Any
from unittest import mock

import pytest
from dateutil import parser as date_parser
from hypothesis import event, given, settings
from hypothesis import strategies as st

import collabrel as cr
from collabrel.errors import CollabrelError
from collabrel.serialization import FORMATS
from collabrel.testing._fuzz import MUTATIONS, check, mutate


@cache
def _seeds() -> dict[tuple[str, str], str]:
    """Every bundled example in every format."""
    out = {}
    for name in cr.examples.names():
        plan = cr.examples.load(name)
        for fmt in FORMATS:
            out[name, fmt] = cr.examples.text(name) if fmt == "yaml" else cr.dumps(plan, fmt)
    return out


_SEED = st.sampled_from(sorted(_seeds()))


def _error(doc: str | bytes, fmt: str) -> str:
    """The text of the collabrel error loading `doc` gives ('' if it loads)."""
    try:
        cr.loads(doc, fmt)
    except CollabrelError as exc:
        return str(exc)
    return ""


class TestMutatedExamples:
    @settings(max_examples=60, deadline=None)
    @given(_SEED, st.randoms(use_true_random=False))
    def test_only_collabrel_errors_escape(self, seed, rng):
        """Any mutation of a bundled example loads as a plan or raises a CollabrelError."""
        _, fmt = seed
        event(fmt)
        assert check(mutate(_seeds()[seed], rng, fmt), fmt) is None

    @pytest.mark.parametrize("mutation", sorted(MUTATIONS))
    @pytest.mark.parametrize("fmt", FORMATS)
    def test_each_mutation_once(self, mutation, fmt):
        """Each mutation alone, on the alliance in each format, lets only collabrel errors out."""
        rng = random.Random(f"{mutation}/{fmt}")  # noqa: S311 - a fuzzer's, not a secret
        variant = MUTATIONS[mutation](_seeds()["alliance", fmt], rng, fmt)  # type: ignore[arg-type]
        assert check(variant, fmt) is None


class TestTheLimitsBoundTheWork:
    @settings(max_examples=15, deadline=None)
    @given(st.randoms(use_true_random=False))
    def test_alias_bombs_are_refused_by_the_alias_limit(self, rng):
        """An alias bomb of nine or more levels is refused by max_alias_nodes (or as a loop)."""
        variant = MUTATIONS["alias"](_seeds()["alliance", "yaml"], rng, "yaml")
        assert isinstance(variant, str)
        message = _error(variant, "yaml")
        if "&a8 " in variant:
            refusals = ("(LoadLimits.max_alias_nodes)", "(a loop)", "invalid YAML")
            assert any(refusal in message for refusal in refusals), message

    @settings(max_examples=15, deadline=None)
    @given(st.sampled_from(FORMATS), st.randoms(use_true_random=False))
    def test_deep_nesting_is_refused_by_a_depth_limit(self, fmt, rng):
        """Nesting thousands of levels deep is refused by max_depth or the parser's own."""
        variant = MUTATIONS["nest deeply"](_seeds()["alliance", fmt], rng, fmt)
        assert isinstance(variant, str)
        message = _error(variant, fmt)
        if "[" * 1000 in variant or '{"x": ' * 1000 in variant:
            assert "(LoadLimits.max_depth)" in message or f"invalid {fmt.upper()}" in message

    @settings(max_examples=20, deadline=None)
    @given(st.sampled_from(FORMATS), st.randoms(use_true_random=False))
    def test_the_date_parser_sees_only_short_text(self, fmt, rng):
        """However long a date is written, the date parser is given at most max_date_length."""
        variant = MUTATIONS["long date"](_seeds()["alliance", fmt], rng, fmt)
        lengths: list[int] = []
        real = date_parser.parse

        def parse(text: str, *args: Any, **kwargs: Any) -> Any:
            lengths.append(len(text))
            return real(text, *args, **kwargs)

        with mock.patch.object(date_parser, "parse", parse):
            assert check(variant, fmt) is None
        assert max(lengths, default=0) <= cr.LoadLimits().max_date_length
