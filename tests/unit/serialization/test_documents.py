"""Reading and writing documents: formats, dates, errors with paths, atomic saves."""

from __future__ import annotations

import json
import os
import stat
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import jsonschema
import pytest

import collabrel as cr
from _builders import partners
from collabrel.model import (
    BodyKind,
    DocumentMeta,
    Event,
    EventKind,
    Governance,
    GovernanceBody,
    Measurement,
    Partner,
    PartnerRole,
    Person,
    PersonRole,
    PlanKind,
    Relationship,
    RelationshipKind,
    RelationshipManagementPlan,
    Risk,
    Stage,
)
from collabrel.serialization import (
    MIGRATIONS,
    _formats,
    _io,
    from_data,
    json_schema,
    make_converter,
    migrate,
    to_data,
)

FORMATS = ("json", "yaml", "toml")


@pytest.fixture
def rmp() -> RelationshipManagementPlan:
    rel = Relationship(
        id="rel",
        name="Signalling alliance",
        kind=RelationshipKind.BILATERAL,
        partners=partners(
            ("nr", "Network Rail", PartnerRole.CLIENT), ("sig", "Signal Co", PartnerRole.SUPPLIER)
        ),
        people=[
            Person(id="jo", name="Jo Hale", partner_id="nr", roles=[PersonRole.SER]),
            Person(id="raj", name="Rāj Patel", partner_id="sig"),
        ],
        risks=[Risk(id="r1", title="Possession overrun", owner="raj", likelihood=3, impact=4)],
        governance=Governance(
            bodies=[
                GovernanceBody(
                    id="jmt", name="JMT", kind=BodyKind.JOINT_MANAGEMENT_TEAM, members=["jo"]
                )
            ]
        ),
    )
    return RelationshipManagementPlan(
        meta=DocumentMeta(title="RMP", issued_on=date(2026, 3, 1), author="Jo Hale"),
        relationship=rel,
        history=[
            Event(
                kind=EventKind.START,
                stage=Stage.AWARENESS,
                actor="jo",
                at=datetime(2026, 1, 5, 9, 30, tzinfo=timezone(timedelta(hours=1))),
            )
        ],
    )


def _doc(rmp: RelationshipManagementPlan) -> dict[str, Any]:
    data: dict[str, Any] = to_data(rmp)
    return data


class TestRoundTrip:
    @pytest.mark.parametrize("fmt", FORMATS)
    def test_dumps_then_loads_is_lossless(self, rmp: RelationshipManagementPlan, fmt: str) -> None:
        """A plan written in each format reads back equal."""
        assert cr.loads(cr.dumps(rmp, fmt), fmt) == rmp

    @pytest.mark.parametrize("suffix", [".json", ".yaml", ".yml", ".toml"])
    def test_dump_then_load_picks_format_from_suffix(
        self, rmp: RelationshipManagementPlan, tmp_path: Path, suffix: str
    ) -> None:
        """The file suffix chooses the format for both dump and load."""
        target = tmp_path / f"plan{suffix}"
        cr.dump(rmp, target)
        assert cr.load(target) == rmp

    def test_defaults_are_left_out_but_schema_version_is_written(
        self, rmp: RelationshipManagementPlan
    ) -> None:
        """Output omits fields at their defaults, except meta.schema_version."""
        data = _doc(rmp)
        assert data["meta"]["schema_version"] == cr.SCHEMA_VERSION
        assert "revision" not in data["meta"]
        assert "stages" not in data
        assert data["history"][0]["at"] == "2026-01-05T09:30:00+01:00"

    def test_unicode_survives_every_format(self, rmp: RelationshipManagementPlan) -> None:
        """Non-ASCII text is written as text and read back unchanged."""
        for fmt in FORMATS:
            assert "Rāj Patel" in cr.dumps(rmp, fmt)

    def test_other_types_round_trip(self) -> None:
        """Any model object, not only plans, goes through loads/dumps with cls=."""
        m = Measurement(on=date(2026, 1, 31), value=91.5, note="month end")
        for fmt in FORMATS:
            assert cr.loads(cr.dumps(m, fmt), fmt, cls=Measurement) == m

    def test_lists_of_objects(self) -> None:
        """Generic types such as list[Partner] structure too."""
        data = [{"id": "a", "name": "A", "role": "client"}]
        assert from_data(data, list[Partner]) == [
            Partner(id="a", name="A", role=PartnerRole.CLIENT)
        ]


class TestDates:
    @pytest.mark.parametrize(
        ("written", "expected"),
        [
            ("2026-03-01", date(2026, 3, 1)),
            ("1 March 2026", date(2026, 3, 1)),
            ("March 1, 2026", date(2026, 3, 1)),
            ("01/03/2026", date(2026, 3, 1)),
            (date(2026, 3, 1), date(2026, 3, 1)),
        ],
    )
    def test_dates_people_write(self, written: object, expected: date) -> None:
        """Dates are read from ISO text, what people write (day first) and native dates."""
        assert from_data({"on": written, "value": 1}, Measurement).on == expected

    @pytest.mark.parametrize("bad", ["2026-03-01T10:00", "someday", 20260301, True])
    def test_bad_dates_are_problems(self, bad: object) -> None:
        """Times of day, nonsense and numbers are refused for a date, naming the field."""
        with pytest.raises(cr.DocumentError) as info:
            from_data({"on": bad, "value": 1}, Measurement)
        assert info.value.paths == ("on",)

    def test_instants_need_a_timezone(self) -> None:
        """A naive instant is refused with a hint about the timezone."""
        data = {"kind": "start", "actor": "jo", "at": "2026-03-01T09:00:00"}
        with pytest.raises(cr.DocumentError, match="timezone"):
            from_data(data, Event)
        data["at"] = "2026-03-01T09:00:00Z"
        assert from_data(data, Event).at == datetime(2026, 3, 1, 9, tzinfo=UTC)
        data["at"] = "1 March 2026 09:00 +01:00"
        assert from_data(data, Event).at.utcoffset() == timedelta(hours=1)

    def test_native_yaml_and_toml_dates(self, rmp: RelationshipManagementPlan) -> None:
        """Unquoted YAML dates and TOML native datetimes are accepted."""
        text = cr.dumps(rmp, "yaml").replace("'2026-03-01'", "2026-03-01")
        assert "issued_on: 2026-03-01" in text
        assert cr.loads(text, "yaml") == rmp
        stamp = "2026-01-05T09:30:00+01:00"
        toml = cr.dumps(rmp, "toml").replace(f'"{stamp}"', stamp)
        assert cr.loads(toml, "toml") == rmp


class TestErrors:
    def test_three_mistakes_one_error(self, rmp: RelationshipManagementPlan) -> None:
        """A document with three mistakes raises one DocumentError naming all three paths."""
        data = _doc(rmp)
        data["relationship"]["partners"][1]["role"] = "boss"
        data["relationship"]["risks"][0]["likelihood"] = "high"
        data["meta"]["issued_on"] = "not a date"
        with pytest.raises(cr.DocumentError) as info:
            cr.loads(json.dumps(data), "json")
        assert set(info.value.paths) == {
            "relationship.partners[1].role",
            "relationship.risks[0].likelihood",
            "meta.issued_on",
        }
        message = str(info.value)
        assert "relationship.partners[1].role: 'boss' is not one of client, supplier" in message
        assert "3 problems" in message

    def test_unknown_field_suggests_the_right_one(self, rmp: RelationshipManagementPlan) -> None:
        """A misspelt field is reported with the closest real name."""
        data = _doc(rmp)
        data["relationship"]["risks"][0]["likelyhood"] = 3
        with pytest.raises(cr.DocumentError) as info:
            cr.loads(json.dumps(data))
        (problem,) = info.value.problems
        assert problem.path == "relationship.risks[0].likelyhood"
        assert "did you mean 'likelihood'" in problem.message

    def test_missing_required_field(self, rmp: RelationshipManagementPlan) -> None:
        """A missing required field is named by its path."""
        data = _doc(rmp)
        del data["relationship"]["people"][0]["name"]
        with pytest.raises(cr.DocumentError) as info:
            cr.loads(json.dumps(data))
        assert info.value.paths == ("relationship.people[0].name",)
        assert "required field is missing" in str(info.value)

    def test_dangling_references_are_document_paths(self, rmp: RelationshipManagementPlan) -> None:
        """Reference problems found by the model carry full document paths."""
        data = _doc(rmp)
        data["relationship"]["risks"][0]["owner"] = "nobody"
        data["history"][0]["actor"] = "ghost"
        with pytest.raises(cr.DocumentError) as info:
            cr.loads(json.dumps(data))
        assert set(info.value.paths) == {"relationship.risks[0].owner", "history[0].actor"}

    def test_model_validator_failures_name_the_field(self, rmp: RelationshipManagementPlan) -> None:
        """A value refused by a model validator is reported at the field's path."""
        data = _doc(rmp)
        data["relationship"]["risks"][0]["impact"] = 9
        with pytest.raises(cr.DocumentError) as info:
            cr.loads(json.dumps(data))
        assert info.value.paths == ("relationship.risks[0].impact",)
        assert "from 1 to 5" in str(info.value)

    @pytest.mark.parametrize(
        ("value", "words"),
        [("5", "expected an integer"), (True, "expected an integer"), (2.0, "expected an integer")],
    )
    def test_strict_scalars(
        self, rmp: RelationshipManagementPlan, value: object, words: str
    ) -> None:
        """Scalars are not coerced: '5', True and 2.0 are not integers."""
        data = _doc(rmp)
        data["relationship"]["risks"][0]["impact"] = value
        with pytest.raises(cr.DocumentError, match=words):
            cr.loads(json.dumps(data))

    @pytest.mark.parametrize("bad", ["nr", {"id": "nr"}])
    def test_strings_and_mappings_are_not_lists(
        self, rmp: RelationshipManagementPlan, bad: object
    ) -> None:
        """A string or mapping where a list belongs is one problem at the field."""
        data = _doc(rmp)
        data["relationship"]["partners"] = bad
        with pytest.raises(cr.DocumentError) as info:
            cr.loads(json.dumps(data))
        assert info.value.paths == ("relationship.partners",)
        assert "expected a list" in str(info.value)

    def test_integers_beyond_64_bits(self, rmp: RelationshipManagementPlan) -> None:
        """Integers beyond 64 bits are refused by the model, so every JSON tool can read them."""
        text = cr.dumps(rmp, "yaml").replace(
            f"schema_version: {cr.SCHEMA_VERSION}",
            f"schema_version: {cr.SCHEMA_VERSION}\n  revision: 18446744073709551616",
        )
        with pytest.raises(cr.DocumentError) as info:
            cr.loads(text, "yaml")
        assert info.value.paths == ("meta.revision",)

    def test_wrong_shapes(self, rmp: RelationshipManagementPlan) -> None:
        """A list where an object belongs, and an object where a list belongs, are problems."""
        data = _doc(rmp)
        data["relationship"]["partners"] = {"id": "x"}
        data["meta"] = ["x"]
        with pytest.raises(cr.DocumentError) as info:
            cr.loads(json.dumps(data))
        assert info.value.paths == ("meta",)
        data["meta"] = _doc(rmp)["meta"]
        with pytest.raises(cr.DocumentError) as info:
            cr.loads(json.dumps(data))
        assert info.value.paths[0].startswith("relationship.partners")

    @pytest.mark.parametrize(
        ("text", "fmt", "words"),
        [
            ("{", "json", "invalid JSON"),
            ("a: [", "yaml", "invalid YAML at line"),
            ("a = ", "toml", "invalid TOML"),
            (b"\xff\xfe", "json", "not UTF-8"),
            ("[1, 2]", "json", "expected a mapping"),
            ("{}", "json", "meta: required field is missing"),
            ('{"meta": {}}', "json", "meta.schema_version: required"),
            ('{"meta": {"schema_version": "1"}}', "json", "whole number"),
            ('{"meta": {"schema_version": 99}}', "json", "newer than this collabrel"),
            ("!!python/object/apply:os.system ['true']", "yaml", "invalid YAML"),
            ('{"a": NaN}', "json", "invalid JSON"),
        ],
    )
    def test_unreadable_documents(self, text: str | bytes, fmt: str, words: str) -> None:
        """Broken text, wrong roots, bad versions and unsafe YAML tags are DocumentErrors."""
        with pytest.raises(cr.DocumentError, match=words):
            cr.loads(text, fmt)

    def test_unknown_format(self, tmp_path: Path) -> None:
        """Unknown formats and suffixes raise FormatError before anything is written."""
        with pytest.raises(cr.FormatError, match="unknown format"):
            cr.loads("{}", "xml")
        with pytest.raises(cr.FormatError, match="suffix"):
            cr.load(tmp_path / "plan.txt")

    def test_source_is_named(self, tmp_path: Path) -> None:
        """Errors from load name the file."""
        target = tmp_path / "bad.json"
        target.write_text("{", encoding="utf-8")
        with pytest.raises(cr.DocumentError) as info:
            cr.load(target)
        assert info.value.source == str(target)
        assert str(target) in str(info.value)

    def test_long_problem_lists_are_truncated_in_text(self) -> None:
        """The message lists fifty problems and counts the rest; .problems keeps all."""
        err = cr.DocumentError([cr.Problem(f"a[{i}]", "bad") for i in range(60)])
        assert "... and 10 more" in str(err)
        assert len(err.problems) == 60


class TestSave:
    def test_failed_save_keeps_previous_file(
        self, rmp: RelationshipManagementPlan, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A save that fails while writing leaves the old file intact and no temp files."""
        target = tmp_path / "plan.json"
        cr.dump(rmp, target)
        before = target.read_bytes()

        def broken_fsync(fd: int) -> None:
            raise OSError("disk gone")

        monkeypatch.setattr(_io.os, "fsync", broken_fsync)
        with pytest.raises(OSError, match="disk gone"):
            cr.dump(rmp, target)
        assert target.read_bytes() == before
        assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.json"]

    def test_unwritable_object_never_touches_file(
        self, rmp: RelationshipManagementPlan, tmp_path: Path
    ) -> None:
        """An object that cannot be written fails before the target is opened."""
        target = tmp_path / "plan.toml"
        target.write_text("keep me", encoding="utf-8")
        with pytest.raises(cr.CollabrelError, match="writes collabrel objects"):
            cr.dump(rmp.meta.issued_on, target)
        with pytest.raises(cr.FormatError, match="TOML needs a table"):
            cr.dumps(Stage.AWARENESS, "toml")
        assert target.read_text(encoding="utf-8") == "keep me"

    def test_existing_permissions_are_kept(
        self, rmp: RelationshipManagementPlan, tmp_path: Path
    ) -> None:
        """Overwriting a file keeps its permission bits."""
        target = tmp_path / "plan.yaml"
        target.write_text("", encoding="utf-8")
        target.chmod(0o640)
        cr.dump(rmp, target)
        assert stat.S_IMODE(target.stat().st_mode) == 0o640
        assert cr.load(target) == rmp

    def test_new_file_follows_umask(self, rmp: RelationshipManagementPlan, tmp_path: Path) -> None:
        """A new file gets the usual permissions (not the temp file's 0600)."""
        old = os.umask(0o022)
        try:
            cr.dump(rmp, tmp_path / "new.json")
        finally:
            os.umask(old)
        assert stat.S_IMODE((tmp_path / "new.json").stat().st_mode) == 0o644


class TestMigrations:
    def test_older_document_is_migrated_without_touching_input(self) -> None:
        """An older version passes through each migration step in turn; input is unchanged."""
        doc = {"meta": {"schema_version": 1, "title": "old"}}

        def rename_title(d: dict[str, Any]) -> dict[str, Any]:
            d["meta"]["name"] = d["meta"].pop("title")
            return d

        out = migrate(doc, "<test>", migrations={1: rename_title}, target=2)
        assert out == {"meta": {"schema_version": 2, "name": "old"}}
        assert doc == {"meta": {"schema_version": 1, "title": "old"}}

    def test_missing_step_is_an_error(self) -> None:
        """No path from an old version is a clear DocumentError."""
        with pytest.raises(cr.DocumentError, match="no migration from version 1"):
            migrate({"meta": {"schema_version": 1}}, "<test>", migrations={}, target=2)

    def test_every_older_version_has_its_migration(self) -> None:
        """Version 2 is current; the registry lifts each older version one step."""
        assert cr.SCHEMA_VERSION == 2
        assert sorted(MIGRATIONS) == list(range(1, cr.SCHEMA_VERSION))


class TestSchema:
    def test_schema_is_valid_draft_2020_12(self) -> None:
        """json_schema() is a valid Draft 2020-12 schema."""
        jsonschema.Draft202012Validator.check_schema(json_schema())

    def test_documents_validate_against_schema(self, rmp: RelationshipManagementPlan) -> None:
        """A written plan validates against the schema; a broken one does not."""
        validator = jsonschema.Draft202012Validator(
            json_schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
        )
        data = _doc(rmp)
        validator.validate(data)
        data["relationship"]["partners"][0]["role"] = "boss"
        assert not validator.is_valid(data)

    def test_schema_of_other_types(self) -> None:
        """Schemas can be made for any model class."""
        schema = json_schema(Partner)
        assert schema["title"] == "Partner"
        assert schema["required"] == ["id", "name", "role"]


class TestConverter:
    def test_converters_are_independent(self) -> None:
        """make_converter returns a fresh converter each time (never the global one)."""
        assert make_converter() is not make_converter()

    def test_template_plan(self) -> None:
        """A corporate template (no relationship) round-trips."""
        plan = RelationshipManagementPlan(
            meta=DocumentMeta(
                title="Template", issued_on=date(2026, 1, 1), author="x", kind=PlanKind.TEMPLATE
            )
        )
        for fmt in FORMATS:
            assert cr.loads(cr.dumps(plan, fmt), fmt) == plan

    def test_stdlib_json_path(
        self, rmp: RelationshipManagementPlan, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Without orjson the stdlib json writes and reads the same documents."""
        with_orjson = cr.dumps(rmp, "json")
        monkeypatch.setattr(_formats, "_orjson", None)
        assert cr.dumps(rmp, "json") == with_orjson
        assert cr.loads(with_orjson, "json") == rmp
        with pytest.raises(cr.DocumentError, match="invalid JSON"):
            cr.loads('{"a": NaN}', "json")
