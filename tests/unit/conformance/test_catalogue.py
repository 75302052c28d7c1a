"""The requirement catalogues and the crosswalk: loading, queries, coverage and validation."""

from __future__ import annotations

import copy
import pickle
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from collabrel.conformance import (
    Catalogue,
    CatalogueError,
    Crosswalk,
    Importance,
    Relation,
    Requirement,
    assess,
    builtin_rules,
    catalogue,
    catalogues,
    crosswalk,
    default_rules,
    load_catalogue,
    load_crosswalk,
    parse_catalogue,
    parse_crosswalk,
)
from collabrel.errors import DocumentError, Problem
from collabrel.examples import load
from collabrel.model import Phase, Result, Stage

BS = "bs11000-1:2010"
ISO = "iso44001:2017"
BOTH = (BS, ISO)
_AS_OF = date(2026, 10, 31)


def _minimal() -> dict[str, Any]:
    """A small valid catalogue document, to break one field at a time."""
    return {
        "format": 1,
        "name": "acme:policy",
        "title": "Acme partnering policy",
        "standard": "Acme",
        "version": 1,
        "clauses": [
            {"id": "1", "title": "Partners"},
            {"id": "1.1", "title": "Vetting", "parent": "1", "stage": "partner_selection"},
        ],
        "requirements": [
            {
                "id": "ACME.P.VETTED",
                "title": "Partners vetted",
                "text": "Every partner is vetted before award.",
                "clause": "1.1",
                "stage": "partner_selection",
                "records": ["stages.partner_selection.evaluations"],
                "importance": "high",
            },
            {
                "id": "ACME.P.TRUST",
                "title": "Trust between partners",
                "text": "The partners trust each other.",
                "clause": "1",
                "assessable": False,
                "not_assessable_reason": "Trust shows in interviews, not in records.",
            },
        ],
    }


def _problems(data: object) -> CatalogueError:
    with pytest.raises(CatalogueError) as info:
        parse_catalogue(data)
    return info.value


# ------------------------------------------------------------------------- built-in catalogues


class TestBuiltInCatalogues:
    def test_names(self):
        assert catalogues() == BOTH

    @pytest.mark.parametrize("name", BOTH)
    def test_each_loads_and_is_typed(self, name):
        cat = catalogue(name)
        assert isinstance(cat, Catalogue)
        assert cat.name == name
        assert cat.version >= 1
        assert cat.notice  # the paraphrase notice ships with the data
        assert len(cat) == len(cat.ids) == len(set(cat.ids)) > 0
        assert all(isinstance(r, Requirement) for r in cat)

    @pytest.mark.parametrize(
        ("alias", "name"),
        [("bs11000", BS), ("bs11000-1", BS), ("iso44001", ISO), (BS, BS), (ISO, ISO)],
    )
    def test_aliases_name_the_same_catalogue(self, alias, name):
        assert catalogue(alias) is catalogue(name)

    def test_loaded_once(self):
        assert catalogue(ISO) is catalogue(ISO)

    @pytest.mark.parametrize("name", ["iso9001", "", "BS11000-1:2010", "bs11000-1:2011"])
    def test_unknown_name_lists_the_known_ones(self, name):
        with pytest.raises(CatalogueError) as info:
            catalogue(name)
        err = info.value
        assert err.paths == ("name",)
        for known in BOTH:
            assert known in str(err)
        assert repr(name) in str(err)

    def test_catalogue_error_is_a_document_error(self):
        with pytest.raises(DocumentError):
            catalogue("nope")
        with pytest.raises(ValueError, match="built in"):
            catalogue("nope")

    @pytest.mark.parametrize("name", BOTH)
    def test_requirement_fields(self, name):
        cat = catalogue(name)
        for r in cat:
            assert r.title.strip()
            assert r.text.strip()
            assert isinstance(r.importance, Importance)
            assert cat.clause(r.clause).id == r.clause
            assert r.phase is (r.stage.phase if r.stage else None)
            if r.assessable:
                assert r.not_assessable_reason is None
                assert r.records, f"{r.id} is assessable but names no record"
            else:
                assert r.not_assessable_reason
                assert r.not_assessable_reason.strip()

    def test_stage_requirements_sit_in_the_stage_clauses(self):
        bs, iso = catalogue(BS), catalogue(ISO)
        for r in bs:
            assert r.stage is not None
            assert r.clause == str(r.stage.bs11000_clause)
            assert r.id.startswith(f"CBR.S{r.stage.number}.")
        for r in iso:
            if r.id.startswith("CBR."):
                assert r.stage is not None
                assert r.clause == r.stage.iso44001_clause
            else:
                assert r.id.startswith("MS.")
                assert r.stage is None
                assert r.id.startswith(f"MS.{r.clause}.")

    def test_iso_has_every_bs_requirement_id(self):
        bs, iso = catalogue(BS), catalogue(ISO)
        assert set(bs.ids) <= set(iso.ids)
        assert [i for i in iso.ids if i not in bs] == [i for i in iso.ids if i.startswith("MS.")]
        for rid in bs.ids:
            assert bs[rid].stage is iso[rid].stage
            assert bs[rid].assessable == iso[rid].assessable

    @pytest.mark.parametrize("name", BOTH)
    def test_references_name_clauses_of_the_own_standard(self, name):
        cat = catalogue(name)
        for r in cat:
            own = [ref for ref in r.references if ref.standard == cat.name]
            assert own, f"{r.id} has no reference to {cat.name}"
            for ref in own:
                assert cat.clause(ref.clause)


# ------------------------------------------------------------------------- queries


class TestQueries:
    def test_lookup(self):
        iso = catalogue(ISO)
        assert iso["CBR.S5.RACI"].clause == "8.6"
        assert iso.get("CBR.S5.RACI") is iso["CBR.S5.RACI"]
        assert iso.get("CBR.S9.NOPE") is None
        assert "CBR.S5.RACI" in iso
        assert "CBR.S9.NOPE" not in iso
        assert 42 not in iso
        with pytest.raises(KeyError, match=r"CBR\.S9\.NOPE"):
            iso["CBR.S9.NOPE"]

    def test_clause_lookup(self):
        iso = catalogue(ISO)
        assert iso.clause("8.6").stage is Stage.WORKING_TOGETHER
        assert iso.clause("8.6").parent == "8"
        with pytest.raises(KeyError, match="11"):
            iso.clause("11")

    def test_iteration_is_catalogue_order(self):
        iso = catalogue(ISO)
        assert tuple(r.id for r in iso) == iso.ids
        assert list(iso) == list(iso.requirements)

    @pytest.mark.parametrize("name", BOTH)
    @pytest.mark.parametrize("stage", list(Stage))
    def test_by_stage(self, name, stage):
        cat = catalogue(name)
        got = cat.by_stage(stage)
        assert got
        assert all(r.stage is stage for r in got)
        assert [r.id for r in got] == [r.id for r in cat if r.stage is stage]
        assert all(r.id.startswith(f"CBR.S{stage.number}.") for r in got)

    @pytest.mark.parametrize("name", BOTH)
    def test_by_phase_is_the_union_of_its_stages(self, name):
        cat = catalogue(name)
        total = 0
        for phase in Phase:
            got = cat.by_phase(phase)
            assert {r.id for r in got} == {r.id for s in phase.stages for r in cat.by_stage(s)}
            total += len(got)
        assert total == sum(1 for r in cat if r.stage is not None)

    def test_stage_requirements_partition_the_bs_catalogue(self):
        bs = catalogue(BS)
        assert sum(len(bs.by_stage(s)) for s in Stage) == len(bs)

    def test_by_clause_includes_sub_clauses(self):
        iso = catalogue(ISO)
        operation = iso.by_clause("8")
        clauses = {r.clause for r in operation}
        assert "8.1" in clauses
        assert {s.iso44001_clause for s in Stage} <= clauses
        assert all(c == "8" or c.startswith("8.") for c in clauses)
        assert iso.by_clause("8.6") == iso.by_stage(Stage.WORKING_TOGETHER)
        assert [r.id for r in iso.by_clause("9")] == [
            "MS.9.1.MONITORING",
            "MS.9.2.INTERNAL_AUDIT",
            "MS.9.3.MANAGEMENT_REVIEW",
        ]

    def test_by_clause_matches_whole_clause_numbers(self):
        bs = catalogue(BS)
        assert bs.by_clause("1") == ()  # "1" is not a prefix of "10"
        assert bs.by_clause("10") == bs.by_stage(Stage.EXIT_STRATEGY)
        assert bs.by_clause("3") == bs.by_stage(Stage.AWARENESS)
        iso = catalogue(ISO)
        assert {r.clause for r in iso.by_clause("10")} == {"10.1", "10.2"}
        assert iso.by_clause("1") == ()
        assert iso.by_clause("8.1") == (iso["MS.8.1.OPERATIONAL_PLANNING"],)

    def test_by_clause_top_levels_partition_the_catalogue(self):
        for name in BOTH:
            cat = catalogue(name)
            tops = {c.id for c in cat.clauses if c.parent is None}
            assert sum(len(cat.by_clause(t)) for t in tops) == len(cat)

    def test_top_clause(self):
        iso = catalogue(ISO)
        assert iso.top_clause("CBR.S5.RACI") == "8"
        assert iso.top_clause("MS.10.2.IMPROVEMENT") == "10"
        assert catalogue(BS).top_clause("CBR.S8.EXIT_PLAN") == "10"

    @pytest.mark.parametrize("name", BOTH)
    def test_assessable_partition(self, name):
        cat = catalogue(name)
        yes, no = cat.assessable(), cat.not_assessable()
        assert len(yes) + len(no) == len(cat)
        assert all(r.assessable for r in yes)
        assert not any(r.assessable for r in no)
        assert {r.id for r in no} >= {"CBR.S1.LEADERSHIP", "CBR.S3.CULTURE"}


# ------------------------------------------------------------------------- rules coverage


class TestRuleCoverage:
    @pytest.mark.parametrize("name", BOTH)
    def test_every_requirement_has_a_rule_or_a_reason(self, name):
        rules = default_rules()
        for r in catalogue(name):
            chosen = rules.for_requirement(r.id)
            if r.assessable:
                assert chosen, f"{name} {r.id} is assessable but no built-in rule judges it"
            else:
                assert r.not_assessable_reason, f"{name} {r.id} gives no reason"
                assert not chosen, f"{r.id} is not assessable yet a rule judges it"

    def test_no_rule_names_an_unknown_requirement(self):
        known = set(catalogue(BS).ids) | set(catalogue(ISO).ids)
        for rule in builtin_rules():
            unknown = set(rule.requirements) - known
            assert not unknown, f"rule {rule.id} names {sorted(unknown)}"
        assert default_rules().requirements <= known

    def test_builtin_rule_ids_are_unique(self):
        ids = [r.id for r in builtin_rules()]
        assert len(ids) == len(set(ids))
        assert len(default_rules()) == len(ids)

    def test_default_rules_is_a_fresh_copy(self):
        rules = default_rules()
        rules.remove("CR.S1.SER")
        assert default_rules().for_requirement("CBR.S1.SER")


# ------------------------------------------------------------------------- crosswalk


class TestCrosswalk:
    def test_sides(self):
        cw = crosswalk()
        assert isinstance(cw, Crosswalk)
        assert (cw.left, cw.right) == (BS, ISO)
        assert cw.version >= 1
        assert cw.entries

    def test_every_id_exists_on_its_side(self):
        cw = crosswalk()
        left, right = catalogue(cw.left), catalogue(cw.right)
        for e in cw.entries:
            assert e.left in left, e
            assert e.right in right, e
            assert e.rationale.strip()

    def test_no_pair_repeats(self):
        pairs = [(e.left, e.right) for e in crosswalk().entries]
        assert len(pairs) == len(set(pairs))

    def test_every_shared_id_maps_equal_to_itself(self):
        cw = crosswalk()
        bs, iso = catalogue(BS), catalogue(ISO)
        equal = {(e.left, e.right) for e in cw.entries if e.relation is Relation.EQUAL}
        shared = [i for i in bs.ids if i in iso]
        assert shared
        for rid in shared:
            assert (rid, rid) in equal, rid
        # and nothing is "equal" to a different requirement
        assert all(a == b for a, b in equal)

    def test_every_bs_requirement_is_mapped(self):
        cw = crosswalk()
        assert {e.left for e in cw.entries} == set(catalogue(BS).ids)

    def test_inverse_twice_is_the_original(self):
        cw = crosswalk()
        assert cw.inverse().inverse() == cw

    def test_inverse_swaps_sides_and_relations(self):
        cw = crosswalk()
        inv = cw.inverse()
        assert (inv.left, inv.right, inv.version) == (cw.right, cw.left, cw.version)
        assert len(inv.entries) == len(cw.entries)
        for e, i in zip(cw.entries, inv.entries, strict=True):
            assert (i.left, i.right, i.rationale) == (e.right, e.left, e.rationale)
            assert i.relation is e.relation.inverse
            if e.relation is Relation.SUBSET:
                assert i.relation is Relation.SUPERSET
            elif e.relation is Relation.SUPERSET:
                assert i.relation is Relation.SUBSET
            else:
                assert i.relation is e.relation

    @pytest.mark.parametrize("relation", list(Relation))
    def test_relation_inverse_is_an_involution(self, relation):
        assert relation.inverse.inverse is relation

    def test_mapped(self):
        cw = crosswalk()
        roles = [(e.right, e.relation) for e in cw.mapped("CBR.S1.SER")]
        assert ("CBR.S1.SER", Relation.EQUAL) in roles
        assert ("MS.5.3.ROLES", Relation.SUBSET) in roles
        assert cw.mapped("MS.5.3.ROLES") == ()
        back = [(e.right, e.relation) for e in cw.inverse().mapped("MS.5.3.ROLES")]
        assert ("CBR.S1.SER", Relation.SUPERSET) in back

    def test_parse_crosswalk_problems(self):
        data = {
            "format": 2,
            "version": 1,
            "left": "a",
            "entries": [
                {"left": "A.X", "right": "B.X", "relation": "equal", "rationale": "same"},
                {"left": "A.X", "right": "B.X", "relation": "equal", "rationale": "again"},
                {"left": "A.Y", "right": "B.Y", "relation": "bigger", "rationale": "r"},
                {"left": "A.Z", "right": "B.Z", "rationale": "r", "note": "n"},
            ],
        }
        with pytest.raises(CatalogueError) as info:
            parse_crosswalk(data, source="cw.yaml")
        paths = set(info.value.paths)
        assert {
            "format",
            "right",
            "entries[1]",
            "entries[2].relation",
            "entries[3].relation",
            "entries[3].note",
        } <= paths
        assert info.value.source == "cw.yaml"

    def test_load_crosswalk_checks_ids_against_the_catalogues(self, tmp_path):
        path = tmp_path / "cw.yaml"
        path.write_text(
            "format: 1\nversion: 1\nleft: bs11000-1:2010\nright: iso44001:2017\nentries:\n"
            "  - {left: CBR.S1.SER, right: CBR.S1.SER, relation: equal, rationale: same}\n"
            "  - {left: CBR.S9.NOPE, right: MS.99.NOPE, relation: subset, rationale: none}\n",
            encoding="utf-8",
        )
        unchecked = load_crosswalk(path)
        assert len(unchecked.entries) == 2
        with pytest.raises(CatalogueError) as info:
            load_crosswalk(path, left=catalogue(BS), right=catalogue(ISO))
        assert info.value.paths == ("entries[1].left", "entries[1].right")
        with pytest.raises(CatalogueError) as info:
            load_crosswalk(path, left=catalogue(ISO), right=catalogue(BS))
        assert "" in info.value.paths  # the sides are the wrong way round

    def test_towards(self):
        cw = crosswalk()
        assert cw.towards(ISO) is cw
        assert cw.towards(BS) == cw.inverse()
        with pytest.raises(CatalogueError) as info:
            cw.towards("iso9001:2015")
        assert info.value.paths == ("target",)


# ------------------------------------------------------------------------- parse_catalogue


def _top(**changes: object) -> Callable[[dict[str, Any]], None]:
    return lambda d: d.update(changes)


def _req(index: int, **changes: object) -> Callable[[dict[str, Any]], None]:
    return lambda d: d["requirements"][index].update(changes)


def _clause(index: int, **changes: object) -> Callable[[dict[str, Any]], None]:
    return lambda d: d["clauses"][index].update(changes)


_REASON = "not_assessable_reason"
_REF = "requirements[0].references[0].clause"
_BROKEN = [  # how to break the minimal catalogue, the problem's path and words of its message
    (_req(0, id="bad id"), "requirements[0].id", "must be an id"),
    (_req(0, id="cbr.s1.lower"), "requirements[0].id", "must be an id"),
    (_req(1, id="ACME.P.VETTED"), "requirements[1].id", "repeats requirements[0]"),
    (_req(0, clause="9"), "requirements[0].clause", "no clause '9'"),
    (
        lambda d: d["requirements"][1].pop(_REASON),
        f"requirements[1].{_REASON}",
        "required when assessable is false",
    ),
    (
        _req(0, **{_REASON: "because"}),
        f"requirements[0].{_REASON}",
        "only for requirements not assessable",
    ),
    (_req(0, colour="red"), "requirements[0].colour", "not a known field"),
    (_top(colour="red"), "colour", "not a known field"),
    (_clause(0, colour="red"), "clauses[0].colour", "not a known field"),
    (_top(format=2), "format", "must be 1"),
    (_req(0, importance="critical"), "requirements[0].importance", "high, medium, low"),
    (_req(0, stage="stage-5"), "requirements[0].stage", "working_together"),
    (_clause(1, stage="later"), "clauses[1].stage", "awareness"),
    (_clause(1, parent="7"), "clauses[1].parent", "no clause '7'"),
    (
        lambda d: d["clauses"].append({"id": "1", "title": "Again"}),
        "clauses[2].id",
        "repeats clause",
    ),
    (_top(name="Acme Policy"), "name", "lower-case"),
    (lambda d: d.pop("title"), "title", "required"),
    (_top(version=0), "version", "at least 1"),
    (_req(0, assessable="yes"), "requirements[0].assessable", "true or false"),
    (_req(0, records=["ok.path", 3]), "requirements[0].records[1]", "document path"),
    (_req(0, records="stages.knowledge"), "requirements[0].records", "must be a list"),
    (
        _req(0, references=[{"standard": "acme:policy", "clause": "4"}]),
        _REF,
        "no clause '4' in this catalogue",
    ),
    (_req(0, references=[{"standard": "x"}]), _REF, "required"),
    (_top(requirements=[]), "requirements", "at least one"),
    (
        lambda d: d["requirements"].__setitem__(0, "ACME.P.VETTED"),
        "requirements[0]",
        "must be a mapping",
    ),
]


class TestParseCatalogue:
    def test_minimal_document_parses(self):
        cat = parse_catalogue(_minimal(), source="acme.yaml")
        assert cat.name == "acme:policy"
        assert cat.source == "acme.yaml"
        assert cat.ids == ("ACME.P.VETTED", "ACME.P.TRUST")
        vetted = cat["ACME.P.VETTED"]
        assert vetted.stage is Stage.PARTNER_SELECTION
        assert vetted.phase is Phase.ENGAGEMENT
        assert vetted.importance is Importance.HIGH
        assert vetted.records == ("stages.partner_selection.evaluations",)
        trust = cat["ACME.P.TRUST"]
        assert not trust.assessable
        assert trust.importance is Importance.MEDIUM  # the default
        assert cat.by_clause("1") == (vetted, trust)

    def test_source_does_not_affect_equality(self):
        assert parse_catalogue(_minimal(), source="a") == parse_catalogue(_minimal(), source="b")

    def test_numeric_clause_ids_are_read_as_text(self):
        data = _minimal()
        data["clauses"].append({"id": 10, "title": "Exit"})
        data["requirements"][0]["clause"] = 10
        assert parse_catalogue(data)["ACME.P.VETTED"].clause == "10"

    @pytest.mark.parametrize(("break_it", "path", "fragment"), _BROKEN)
    def test_each_problem_has_its_path(self, break_it, path, fragment):
        data = copy.deepcopy(_minimal())
        break_it(data)
        err = _problems(data)
        assert path in err.paths, err
        [problem] = [p for p in err.problems if p.path == path]
        assert fragment in problem.message

    def test_a_foreign_reference_to_any_clause_is_fine(self):
        data = _minimal()
        data["requirements"][0]["references"] = [
            {"standard": "iso44001:2017", "clause": "8.5", "verified": False}
        ]
        ref = parse_catalogue(data)["ACME.P.VETTED"].references[0]
        assert (ref.standard, ref.clause, ref.verified) == ("iso44001:2017", "8.5", False)
        assert str(ref) == "iso44001:2017 8.5 (unverified)"

    @pytest.mark.parametrize("data", [None, [], "catalogue", 3])
    def test_non_mapping_input(self, data):
        err = _problems(data)
        assert err.problems[0] == Problem("", err.problems[0].message)
        assert "must be a mapping" in err.problems[0].message
        # and the required fields are reported with it, not one at a time
        assert {"name", "version", "title", "standard"} <= set(err.paths)

    def test_every_problem_is_listed_at_once(self):
        data = _minimal()
        data["format"] = 3
        data["colour"] = "blue"
        data["requirements"][0].update(id="bad id", clause="9", importance="huge", stage="x")
        data["requirements"][1].pop("not_assessable_reason")
        data["requirements"].append(dict(data["requirements"][1], id="ACME.P.TRUST"))
        err = _problems(data)
        expected = {
            "format",
            "colour",
            "requirements[0].id",
            "requirements[0].clause",
            "requirements[0].importance",
            "requirements[0].stage",
            "requirements[1].not_assessable_reason",
            "requirements[2].not_assessable_reason",
            "requirements[2].id",
        }
        assert expected <= set(err.paths), err.paths
        assert str(err).startswith(f"{len(err.problems)} problems in")

    def test_an_empty_requirement_is_reported(self):
        data = _minimal()
        data["requirements"].insert(0, {})
        err = _problems(data)
        assert {"requirements[0].id", "requirements[0].title"} <= set(err.paths)

    def test_the_source_is_named(self):
        data = _minimal()
        data["format"] = 2
        with pytest.raises(CatalogueError) as info:
            parse_catalogue(data, source="acme.yaml")
        assert info.value.source == "acme.yaml"
        assert "acme.yaml" in str(info.value)


# ------------------------------------------------------------------------- load_catalogue

_USER_FILE = """\
format: 1
name: acme:partnering
title: Acme partnering policy
standard: Acme partnering policy
edition: "2026"
version: 3
clauses:
  - {id: "1", title: "Before award"}
  - {id: "2", title: "During the contract", stage: working_together}
requirements:
  - id: ACME.P.SER
    title: A senior executive owns the relationship
    text: Someone senior answers for each partnership.
    clause: "1"
    stage: awareness
    records: [stages.awareness.ser_appointment]
    importance: high
  - id: ACME.W.JOINT_RMP
    title: Joint plan signed
    text: Both sides sign the joint plan.
    clause: 2
    stage: working_together
    joint: true
    records: [stages.working_together.joint_rmp]
  - id: ACME.W.TRUST
    title: Trust
    text: The partners trust each other.
    clause: "2"
    assessable: false
    not_assessable_reason: Judged in interviews.
"""


class TestLoadCatalogue:
    def test_user_file(self, tmp_path):
        path = tmp_path / "acme.yaml"
        path.write_text(_USER_FILE, encoding="utf-8")
        cat = load_catalogue(path)
        assert cat.name == "acme:partnering"
        assert cat.version == 3
        assert cat.edition == "2026"
        assert cat.source == str(path)
        assert cat.ids == ("ACME.P.SER", "ACME.W.JOINT_RMP", "ACME.W.TRUST")
        assert cat["ACME.W.JOINT_RMP"].joint
        assert cat["ACME.W.JOINT_RMP"].clause == "2"
        assert load_catalogue(str(path)) == cat

    def test_a_user_catalogue_can_be_assessed(self, tmp_path):
        path = tmp_path / "acme.yaml"
        path.write_text(_USER_FILE, encoding="utf-8")
        cat = load_catalogue(path)
        report = assess(load("alliance"), cat, as_of=_AS_OF)
        assert report.standard == "acme:partnering"
        assert report.catalogue_version == 3
        assert [o.requirement for o in report.outcomes] == list(cat.ids)
        # no built-in rule is registered for the user's ids: not assessable, saying why
        assert {o.result for o in report.outcomes} == {Result.NOT_ASSESSABLE}
        assert "no rule is registered" in report.findings_for("ACME.P.SER")[0].message
        assert "Judged in interviews" in report.findings_for("ACME.W.TRUST")[0].message

    def test_bad_yaml(self, tmp_path):
        path = tmp_path / "broken.yaml"
        path.write_text("format: 1\nname: [unclosed\ntitle: x\n", encoding="utf-8")
        with pytest.raises(CatalogueError) as info:
            load_catalogue(path)
        err = info.value
        assert err.source == str(path)
        assert len(err.problems) == 1
        assert err.paths[0].startswith("line ")
        assert "not valid YAML" in err.problems[0].message

    def test_file_with_problems_names_the_file(self, tmp_path):
        path = tmp_path / "bad.yaml"
        path.write_text(_USER_FILE.replace("clause: 2\n", "clause: 7\n"), encoding="utf-8")
        with pytest.raises(CatalogueError) as info:
            load_catalogue(path)
        assert info.value.paths == ("requirements[1].clause",)
        assert str(path) in str(info.value)

    def test_missing_file(self, tmp_path):
        with pytest.raises(OSError, match=r"nothing\.yaml"):
            load_catalogue(tmp_path / "nothing.yaml")


# ------------------------------------------------------------------------- CatalogueError


class TestCatalogueError:
    def test_pickles_keeping_its_type(self):
        err = CatalogueError(
            [Problem("requirements[3].clause", "no clause '11'"), Problem("format", "must be 1")],
            source="policy.yaml",
        )
        back = pickle.loads(pickle.dumps(err))  # noqa: S301 # our own object
        assert type(back) is CatalogueError
        assert back.problems == err.problems
        assert back.source == err.source
        assert str(back) == str(err)

    def test_raised_error_pickles(self):
        with pytest.raises(CatalogueError) as info:
            catalogue("nope")
        back = pickle.loads(pickle.dumps(info.value))  # noqa: S301 # our own object
        assert type(back) is CatalogueError
        assert back.paths == ("name",)
