"""Reading documents from strangers: limits, parser failures, argument types, duplicate keys.

Whatever a document holds, reading it gives an object or a `CollabrelError`; a document over a
limit is refused with a problem naming where and which limit, before the work it would cost.
"""

from __future__ import annotations

import itertools
import json
import pickle
from pathlib import Path
from typing import Any

import pytest
import tomli_w
import yaml

import collabrel as cr
from collabrel.errors import ArgumentError, DocumentError, FormatError, InvalidFieldError
from collabrel.model import Partner, RelationshipManagementPlan
from collabrel.serialization import FORMATS, LoadLimits, from_data, load, loads, to_data


def _plan_data(plan: RelationshipManagementPlan) -> dict[str, Any]:
    data: dict[str, Any] = to_data(plan)
    return data


def _text(data: object, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(data)
    if fmt == "yaml":
        return yaml.dump(data, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper))
    assert isinstance(data, dict)
    return tomli_w.dumps(data)


def _problems(text: str | bytes, fmt: str = "yaml", **kwargs: Any) -> list[str]:
    with pytest.raises(DocumentError) as caught:
        loads(text, fmt, **kwargs)
    return [str(p) for p in caught.value.problems]


def _alias_bomb(width: int = 9, levels: int = 9) -> str:
    names = [f"l{level}" for level in range(levels)]
    lines = [f"{names[0]}: &{names[0]} [{', '.join(['x'] * width)}]"]
    lines += [
        f"{name}: &{name} [{', '.join([f'*{before}'] * width)}]"
        for before, name in itertools.pairwise(names)
    ]
    return "\n".join([*lines, f"meta: {{schema_version: 1, author: *{names[-1]}}}", ""])


class TestLoadLimits:
    def test_defaults_are_documented_values(self):
        """The defaults are the documented ones, and the class is exported from collabrel."""
        limits = cr.LoadLimits()
        assert limits is not None
        assert (limits.max_items, limits.max_alias_nodes, limits.max_depth) == (10_000, 100_000, 64)
        assert cr.LoadLimits is LoadLimits

    def test_a_limit_must_be_a_positive_integer(self):
        """A limit below one is refused when the limits are made."""
        with pytest.raises(InvalidFieldError):
            LoadLimits(max_items=0)

    def test_the_bundled_examples_are_within_the_defaults(self):
        """Every bundled example reads in every format with the default limits."""
        for name in cr.examples.names():
            plan = cr.examples.load(name)
            for fmt in FORMATS:
                assert loads(cr.dumps(plan, fmt), fmt) == plan

    @pytest.mark.parametrize("fmt", FORMATS)
    def test_size(self, fmt):
        """A document bigger than max_bytes is refused before it is parsed, text or bytes."""
        text = _text({"meta": {"schema_version": 1}}, fmt)
        limits = LoadLimits(max_bytes=10)
        expected = (
            f"a document of {len(text)} bytes is more than the limit of 10 (LoadLimits.max_bytes)"
        )
        assert _problems(text, fmt, limits=limits) == [expected]
        assert _problems(text.encode(), fmt, limits=limits) == [expected]

    def test_size_of_a_file_is_checked_before_it_is_read(self, tmp_path: Path):
        """load() refuses a file over max_bytes from its size."""
        path = tmp_path / "plan.json"
        path.write_text('{"meta": {"schema_version": 1}}')
        with pytest.raises(DocumentError, match=r"LoadLimits\.max_bytes") as caught:
            load(path, limits=LoadLimits(max_bytes=5))
        assert caught.value.source == str(path)

    @pytest.mark.parametrize("fmt", FORMATS)
    def test_depth(self, fmt):
        """Nesting deeper than max_depth is a problem at the path where it goes over."""
        deep: Any = "x"
        for _ in range(10):
            deep = {"a": deep}
        data = {"meta": {"schema_version": 1, "notes": deep}}
        problems = _problems(_text(data, fmt), fmt, limits=LoadLimits(max_depth=6))
        if fmt == "toml":  # written as the table [meta.notes.a.a.a.a.a.a.a.a.a]
            expected = "at line 4, column 1: a key of 11 parts is more than the limit of 6"
        else:
            expected = "meta.notes.a.a.a.a: nesting 7 levels deep is more than the limit of 6"
        assert problems == [f"{expected} (LoadLimits.max_depth)"]

    @pytest.mark.parametrize("fmt", FORMATS)
    def test_list_items(self, fmt):
        """A list longer than max_items is one problem at its path, naming the limit."""
        data = {"meta": {"schema_version": 1}, "relationship": {"partners": ["p"] * 12_001}}
        assert _problems(_text(data, fmt), fmt) == [
            (
                "relationship.partners: 12001 items is more than the limit of 10000 "
                "(LoadLimits.max_items)"
            )
        ]

    @pytest.mark.parametrize("fmt", FORMATS)
    def test_string_length(self, alliance, fmt):
        """A string longer than max_string_length is a problem at its path."""
        data = _plan_data(alliance)
        data["meta"]["title"] = "x" * 1_000_001
        assert _problems(_text(data, fmt), fmt) == [
            (
                "meta.title: 1000001 characters is more than the limit of 1000000 "
                "(LoadLimits.max_string_length)"
            )
        ]

    def test_key_length(self):
        """A key longer than max_string_length is a problem at the mapping holding it."""
        text = json.dumps({"meta": {"k" * 50: 1}})
        assert _problems(text, "json", limits=LoadLimits(max_string_length=20)) == [
            (
                "meta: a key of 50 characters is more than the limit of 20 "
                "(LoadLimits.max_string_length)"
            )
        ]

    @pytest.mark.parametrize("fmt", FORMATS)
    @pytest.mark.parametrize("size", [65, 1_000_000])
    def test_date_length_is_checked_before_the_date_is_parsed(self, alliance, fmt, size):
        """A date written in more than max_date_length characters is refused unparsed."""
        data = _plan_data(alliance)
        data["meta"]["issued_on"] = "1" * size
        problems = _problems(_text(data, fmt), fmt)
        assert problems == [
            (
                f"meta.issued_on: a date of {size} characters is more than the limit of 64 "
                "(LoadLimits.max_date_length)"
            )
        ]

    def test_instant_length(self, alliance):
        """An instant (a date and time) is bounded by max_date_length too."""
        data = _plan_data(alliance)
        data["history"][0]["at"] = "2026-01-01T00:00:00+00:00" + " " * 50
        problems = _problems(json.dumps(data), "json", limits=LoadLimits(max_date_length=30))
        assert problems == [
            (
                "history[0].at: a date of 75 characters is more than the limit of 30 "
                "(LoadLimits.max_date_length)"
            )
        ]

    def test_an_alias_bomb_is_refused_before_it_is_expanded(self):
        """Aliases that would expand to billions of nodes are refused, naming the limit."""
        problems = _problems(_alias_bomb())
        assert len(problems) == 1
        assert (
            "aliases expanding to 926177086 nodes is more than the limit of 100000" in problems[0]
        )
        assert problems[0].endswith("(LoadLimits.max_alias_nodes)")

    def test_an_alias_bomb_with_a_duplicate_key(self):
        """Finding where a duplicate key is does not expand the aliases either."""
        problems = _problems(_alias_bomb() + "meta: 2\n")
        assert problems[0].endswith("(LoadLimits.max_alias_nodes)")
        assert problems[1] == "meta: duplicate key (first at line 10)"

    def test_aliases_within_the_limit_are_read(self):
        """A few aliases that stay under max_alias_nodes are read as their values."""
        text = "a: &a [1, 2]\nb: [*a, *a]\n"
        with pytest.raises(DocumentError) as caught:  # not a Partner, but read all the same
            loads(text, "yaml", cls=Partner)
        assert "b: unknown field for Partner" in [str(p) for p in caught.value.problems]
        problems = _problems(text, "yaml", cls=Partner, limits=LoadLimits(max_alias_nodes=3))
        assert problems == [
            (
                "b[0]: aliases expanding to 6 nodes is more than the limit of 3 "
                "(LoadLimits.max_alias_nodes)"
            )
        ]

    @pytest.mark.parametrize(
        "text", ["a: &x [*x]\n", "a: &x {b: *x}\n", "meta: &m {schema_version: 1, title: *m}\n"]
    )
    def test_a_recursive_alias_is_refused(self, text):
        """An anchor used inside itself is refused, whatever the limits."""
        problems = _problems(text)
        assert problems[0].endswith("an alias refers to a node it is inside (a loop)")

    def test_a_long_dotted_toml_key_is_refused_before_it_is_parsed(self):
        """A TOML key of 20,000 parts is refused in the text, at its line and column."""
        text = "title = 'x'\n" + "a" + ".a" * 19_999 + " = 1\n"
        assert _problems(text, "toml") == [
            (
                "at line 2, column 1: a key of 20000 parts is more than the limit of 64 "
                "(LoadLimits.max_depth)"
            )
        ]

    @pytest.mark.parametrize("text", ["[" + "a." * 70 + "b]\n", "x = {" + "a." * 70 + "b = 1}\n"])
    def test_long_toml_table_names_and_inline_keys(self, text):
        """Table names and keys inside inline tables are bounded like other keys."""
        assert "(LoadLimits.max_depth)" in _problems(text, "toml")[0]

    def test_dots_in_a_toml_string_are_not_key_parts(self):
        """A string value full of dots is not a long key."""
        text = 'id = "a"\nname = "' + "a." * 100 + '"\nrole = "client"\n'
        assert loads(text, "toml", cls=Partner).name.startswith("a.a.")

    def test_limits_apply_to_from_data(self):
        """from_data() checks plain data against the limits as loads() does."""
        with pytest.raises(DocumentError, match=r"LoadLimits\.max_items"):
            from_data({"id": ["x"] * 5}, Partner, limits=LoadLimits(max_items=4))

    def test_shared_python_data_is_counted_as_aliases(self):
        """Plain data that shares a list with itself is refused, not walked forever."""
        looped: list[Any] = []
        looped.append(looped)
        with pytest.raises(DocumentError, match="a loop"):
            from_data({"id": looped}, Partner)


class TestParserFailures:
    @pytest.mark.parametrize(
        ("text", "message"),
        [
            ("meta: !!timestamp x\n", "'x' is not a valid !!timestamp"),
            ("meta: !!bool x\n", "'x' is not a valid !!bool"),
            ("meta: !!int x\n", "'x' is not a valid !!int"),
            ("meta: !!float x\n", "'x' is not a valid !!float"),
            ("meta: 2026-13-45\n", "'2026-13-45' is not a valid !!timestamp"),
        ],
    )
    def test_a_bad_tagged_scalar_is_a_problem_at_its_line(self, text, message):
        """A scalar its tag cannot read is a problem with the line and column, not a crash."""
        assert _problems(text) == [f"invalid YAML at line 1, column 7: {message}"]

    @pytest.mark.parametrize(
        "tag",
        [
            "!!binary aGk=",
            "!!set {a: null}",
            "!!omap [a: 1]",
            "!!pairs [a: 1]",
            "!!python/object/apply:os.system ['true']",
            "!!python/name:builtins.print ''",
            "!local x",
            "!<tag:example.com,2026:x> x",
        ],
    )
    def test_no_tag_constructs_an_object(self, tag):
        """Tags beyond plain data are refused with their line, whatever they name."""
        problems = _problems(f"meta: {tag}\n")
        assert len(problems) == 1
        assert problems[0].startswith("invalid YAML at line 1, column 7: the tag ")
        assert problems[0].endswith("is not allowed in a document")

    @pytest.mark.parametrize("fmt", FORMATS)
    def test_invalid_utf8(self, fmt):
        """Bytes that are not UTF-8 are a problem naming the byte."""
        assert _problems(b'{"a": "\xff"}', fmt) == ["not UTF-8 text (byte 7 is 0xff)"]

    @pytest.mark.parametrize("fmt", FORMATS)
    def test_nul_bytes(self, fmt):
        """A NUL byte in the text is a syntax problem, not a crash."""
        problems = _problems(b"meta\x00 = 1\n", fmt)
        assert problems[0].startswith(f"invalid {fmt.upper()}")

    @pytest.mark.parametrize("fmt", FORMATS)
    def test_a_byte_order_mark_is_ignored(self, fmt):
        """A leading BOM, in bytes or in text, is read as nothing."""
        text = _text({"id": "acme", "name": "Acme", "role": "client"}, fmt)
        assert loads("\ufeff" + text, fmt, cls=Partner).id == "acme"
        assert loads(b"\xef\xbb\xbf" + text.encode(), fmt, cls=Partner).id == "acme"

    def test_toml_errors_give_line_and_column(self):
        """A TOML syntax error is reported at its line and column, like YAML and JSON."""
        assert _problems("a = 1\nb = \n", "toml") == [
            "invalid TOML at line 2, column 5: Invalid value"
        ]

    def test_deep_nesting_inside_the_parser(self):
        """Nesting a parser itself refuses is one syntax problem in every format."""
        for fmt, text in (
            ("json", "[" * 5000),
            ("yaml", "[" * 5000),
            ("toml", "a = " + "[" * 5000),
        ):
            assert _problems(text, fmt)[0].startswith(f"invalid {fmt.upper()}")


class TestArguments:
    @pytest.mark.parametrize("text", [None, 123, 1.5, ["{}"], object()])
    def test_text_of_the_wrong_type(self, text):
        """A text that is neither str nor bytes-like is an ArgumentError, also a TypeError."""
        with pytest.raises(ArgumentError) as caught:
            loads(text)
        assert isinstance(caught.value, TypeError)
        assert isinstance(caught.value, cr.CollabrelError)
        assert caught.value.argument == "text"
        assert str(caught.value).startswith("'text' must be a str, bytes or other bytes-like")

    @pytest.mark.parametrize("kind", [bytes, bytearray, memoryview])
    def test_bytes_like_text_is_read(self, kind):
        """bytes, bytearray and memoryview are read as UTF-8."""
        text = kind(b'{"id": "acme", "name": "Acme", "role": "client"}')
        assert loads(text, cls=Partner).id == "acme"

    @pytest.mark.parametrize(
        ("kwargs", "argument"),
        [
            ({"format": 5}, "format"),
            ({"format": None}, "format"),
            ({"cls": 5}, "cls"),
            ({"cls": "Partner"}, "cls"),
            ({"source": 5}, "source"),
            ({"limits": {"max_items": 5}}, "limits"),
        ],
    )
    def test_other_arguments_of_the_wrong_type(self, kwargs, argument):
        """Each argument of the wrong type is an ArgumentError naming it."""
        with pytest.raises(ArgumentError) as caught:
            loads("{}", **kwargs)
        assert caught.value.argument == argument

    def test_an_unknown_format_is_a_format_error(self):
        """A format name collabrel does not know is a FormatError (a ValueError)."""
        with pytest.raises(FormatError):
            loads("{}", "xml")

    def test_load_checks_its_path(self):
        """load() of something that is not a path is an ArgumentError."""
        with pytest.raises(ArgumentError) as caught:
            load(5)  # type: ignore[arg-type]
        assert caught.value.argument == "path"

    def test_argument_errors_pickle(self):
        """An ArgumentError survives pickling with its attributes."""
        err = ArgumentError("text", None, "a str")
        copy = pickle.loads(pickle.dumps(err))  # noqa: S301 - our own object
        assert (copy.argument, copy.value, str(copy)) == ("text", None, str(err))


class TestDuplicateKeys:
    def test_yaml(self):
        """A YAML key written twice is a problem at its path, naming the first line."""
        text = "id: a\nname: A\nrole: client\nname: B\n"
        assert _problems(text, cls=Partner) == ["name: duplicate key (first at line 2)"]

    def test_json(self):
        """A JSON key written twice is a problem at its path."""
        text = '{"id": "a", "name": "A", "role": "client", "name": "B"}'
        assert _problems(text, "json", cls=Partner) == ["name: duplicate key"]

    def test_json_with_colons_and_escapes_in_strings(self):
        """Strings with colons, quotes and backslashes do not hide or invent a duplicate."""
        text = json.dumps({"id": "a", "name": 'x: "y" \\', "role": "client"})
        assert loads(text, "json", cls=Partner).name == 'x: "y" \\'
        doubled = text[:-1] + ', "id": "b"}'
        assert _problems(doubled, "json", cls=Partner) == ["id: duplicate key"]

    def test_toml(self):
        """A TOML key written twice is a problem at its path, naming the first line."""
        text = "[meta]\nschema_version = 1\ntitle = 'a'\ntitle = 'b'\n"
        assert _problems(text, "toml") == ["meta.title: duplicate key (first at line 3)"]

    def test_toml_table(self):
        """A TOML table declared twice is a problem at its name."""
        text = "[meta]\nschema_version = 1\n[scope]\n[meta]\n"
        assert _problems(text, "toml") == ["meta: duplicate key (first at line 1)"]

    def test_toml_array_of_tables(self):
        """In an array of tables, the path names the entry and the same key in another entry
        is not a duplicate."""
        text = "[[a]]\nid = 1\n[[a]]\nid = 2\nname = 'x'\nid = 3\n"
        assert _problems(text, "toml") == ["a[1].id: duplicate key (first at line 4)"]

    def test_deep_in_a_plan(self, alliance):
        """In a plan, the path goes down to the repeated key."""
        text = cr.dumps(alliance, "yaml")
        lines = text.splitlines(keepends=True)
        first = next(
            i
            for i, line in enumerate(lines)
            if line.startswith("  - id: ") and "partners" in "".join(lines[:i])
        )
        lines.insert(first + 1, lines[first].replace("- id", "  id"))
        problems = _problems("".join(lines))
        assert (
            problems[0] == f"relationship.partners[0].id: duplicate key (first at line {first + 1})"
        )

    def test_collected_with_the_other_problems(self):
        """Duplicate keys are listed with the shape problems of the same document."""
        text = "id: a\nid: b\nname: A\nrole: boss\n"
        assert _problems(text, cls=Partner) == [
            "id: duplicate key (first at line 1)",
            "role: 'boss' is not one of client, supplier, lead_partner, partner",
        ]

    def test_merge_keys_may_be_overridden(self):
        """A key written after a YAML merge (`<<`) overrides the merged one: no duplicate."""
        text = "base: &b {name: A, role: client}\n"
        with pytest.raises(DocumentError) as caught:
            loads(text + "id: x\n<<: *b\nname: B\n", cls=Partner)
        assert "duplicate key" not in str(caught.value)


class TestEveryProblemAtOnce:
    def test_shape_and_references_together(self, alliance):
        """A bad value and a dangling reference in one plan are both reported."""
        data = _plan_data(alliance)
        data["relationship"]["partners"][0]["role"] = "boss"
        data["relationship"]["risks"][0]["owner"] = "nobody"
        problems = _problems(json.dumps(data), "json")
        roles = "client, supplier, lead_partner, partner"
        assert f"relationship.partners[0].role: 'boss' is not one of {roles}" in problems
        assert (
            "relationship.risks[0].owner: 'nobody' does not name a person in this document"
            in problems
        )

    def test_a_missing_relationship_with_a_bad_meta(self, alliance):
        """A missing relationship is reported even when meta has a problem too."""
        data = _plan_data(alliance)
        del data["relationship"]
        data["meta"]["revision"] = "two"
        problems = _problems(json.dumps(data), "json")
        assert "relationship: a relationship plan needs a relationship" in problems
        assert any(p.startswith("meta.revision: ") for p in problems)

    def test_references_into_a_broken_part_are_not_judged(self, alliance):
        """When the partners cannot be read, references to partners are not reported."""
        data = _plan_data(alliance)
        data["relationship"]["partners"] = "everyone"
        problems = _problems(json.dumps(data), "json")
        assert problems == ["relationship.partners: expected a list (got 'everyone')"]

    def test_duplicate_ids_with_shape_problems(self, alliance):
        """An id used twice is reported next to an unrelated shape problem."""
        data = _plan_data(alliance)
        people = data["relationship"]["people"]
        people[1]["id"] = people[0]["id"]
        data["meta"]["revision"] = 0
        problems = _problems(json.dumps(data), "json")
        assert any("is used twice" in p for p in problems)
        assert any(p.startswith("meta.revision: ") for p in problems)


class TestBoundedMessages:
    def test_a_huge_value_is_quoted_briefly(self):
        """An error quotes a bounded start of a huge value, not all of it."""
        with pytest.raises(DocumentError) as caught:
            from_data({"id": ["x" * 100] * 5_000, "name": "A", "role": "client"}, Partner)
        assert len(str(caught.value)) < 500

    def test_invalid_field_error_quotes_briefly(self):
        """A model validator's message quotes at most a few hundred characters of the value."""
        with pytest.raises(InvalidFieldError) as caught:
            Partner(id="x" * 10_000, name="A", role="client")  # type: ignore[arg-type]
        assert len(str(caught.value)) < 400
