"""Every older document loads: the schema version 1 documents, lifted to version 2.

`v1/` holds the bundled examples as they were at schema version 1 (before partners had
membership periods); they must load in every format, unchanged in meaning.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
import yaml

import collabrel as cr
from collabrel.serialization import MIGRATIONS, from_data, migrate, to_data

V1 = Path(__file__).parent / "v1"
V1_DOCUMENTS = sorted(V1.glob("*.yaml"))
_VERSION_WRITTEN = {
    "yaml": "schema_version: {}",
    "json": '"schema_version": {}',
    "toml": "schema_version = {}",
}


def test_there_are_version_1_documents() -> None:
    """The v1 documents are the three examples bundled at version 1, as they were."""
    names = [p.stem for p in V1_DOCUMENTS]
    assert names == ["alliance", "consortium", "flawed"]
    assert set(names) <= set(cr.examples.names())


@pytest.mark.parametrize("path", V1_DOCUMENTS, ids=lambda p: p.stem)
def test_a_version_1_document_loads_as_the_current_version(path: Path) -> None:
    """A v1 file loads; the plan is at the current version and every partner a party throughout."""
    text = path.read_text(encoding="utf-8")
    assert "schema_version: 1\n" in text
    plan = cr.loads(text, "yaml")
    assert plan.meta.schema_version == cr.SCHEMA_VERSION == 2
    rel = plan.require_relationship()
    assert all(p.joined_on is None and p.left_on is None for p in rel.partners)
    assert not [e for e in plan.history if e.is_membership]


@pytest.mark.parametrize("fmt", sorted(_VERSION_WRITTEN))
@pytest.mark.parametrize("path", V1_DOCUMENTS, ids=lambda p: p.stem)
def test_a_version_1_document_loads_in_every_format(path: Path, fmt: str) -> None:
    """The same v1 document written as JSON, YAML or TOML loads to the same plan."""
    plan = cr.loads(path.read_text(encoding="utf-8"), "yaml")
    current = _VERSION_WRITTEN[fmt].format(cr.SCHEMA_VERSION)
    text = cr.dumps(plan, fmt)
    assert current in text
    old = text.replace(current, _VERSION_WRITTEN[fmt].format(1), 1)
    assert cr.loads(old, fmt) == plan


@pytest.mark.parametrize("path", V1_DOCUMENTS, ids=lambda p: p.stem)
def test_the_lift_changes_only_the_version(path: Path) -> None:
    """Migrating v1 plain data gives the same data at version 2; the input is untouched."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    before = copy.deepcopy(data)
    lifted = migrate(data, str(path))
    assert data == before
    assert lifted["meta"].pop("schema_version") == 2
    before["meta"].pop("schema_version")
    assert lifted == before


def test_each_version_has_one_step_to_the_next() -> None:
    """The registry lifts every older version; a newer one is refused."""
    assert sorted(MIGRATIONS) == list(range(1, cr.SCHEMA_VERSION))
    with pytest.raises(cr.DocumentError, match="newer than this collabrel"):
        cr.loads('{"meta": {"schema_version": 3}}', "json")


@pytest.mark.parametrize("path", V1_DOCUMENTS, ids=lambda p: p.stem)
def test_a_version_1_plan_from_plain_data_is_read_as_from_text(path: Path) -> None:
    """from_data lifts a v1 plan (a dict from a database, say) as loads does; the dict is kept."""
    text = path.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    before = copy.deepcopy(data)
    plan = from_data(data, cr.RelationshipManagementPlan)
    assert plan == cr.loads(text, "yaml")
    assert plan.meta.schema_version == cr.SCHEMA_VERSION
    assert data == before


def test_a_newer_plan_from_plain_data_is_refused_as_from_text() -> None:
    """from_data refuses a version this release does not know, with the message loads gives."""
    data = {"meta": {"schema_version": cr.SCHEMA_VERSION + 1}}
    with pytest.raises(cr.DocumentError) as from_text:
        cr.loads(json.dumps(data), "json")
    with pytest.raises(cr.DocumentError) as from_plain:
        from_data(data, cr.RelationshipManagementPlan)
    assert from_plain.value.problems == from_text.value.problems


def test_a_plans_references_from_plain_data_are_checked_as_from_text() -> None:
    """Dangling references in the relationship and the stages are reported together, as by loads."""
    data = to_data(cr.examples.load("alliance"))
    data["relationship"]["risks"][0]["owner"] = "nobody"
    data["relationship"]["governance"]["bodies"][0]["members"].append("no-one")
    with pytest.raises(cr.DocumentError) as from_text:
        cr.loads(json.dumps(data), "json")
    with pytest.raises(cr.DocumentError) as from_plain:
        from_data(data, cr.RelationshipManagementPlan)
    assert from_plain.value.problems == from_text.value.problems
    assert len(from_plain.value.problems) >= 2
