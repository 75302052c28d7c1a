"""CISO Assistant: the libraries pass its importer's rules, and assessments read back.

CISO Assistant itself (Django and PostgreSQL) cannot run here, so the rules its importer
enforces are re-implemented as checks, each citing where it lives in
intuitem/ciso-assistant-community (backend/library/utils.py, backend/core/models.py and
backend/library/framework_editor.py, commit f990d7b). Its exports are written the way its
views write them (backend/core/views.py, `compliance_assessment_csv` and `xlsx`).
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import date
from functools import cache

import pytest
import yaml

from collabrel import examples
from collabrel.conformance import (
    Catalogue,
    Clause,
    ConformanceReport,
    Requirement,
    assess,
    catalogue,
    catalogues,
    crosswalk,
)
from collabrel.errors import ArgumentError, CatalogueError, DocumentError
from collabrel.interop import (
    CISO_EXTENDED,
    CISO_RESULTS,
    CellProblem,
    from_ciso_assessment,
    to_ciso_library,
    to_ciso_mapping,
)
from collabrel.model import Result

AS_OF = date(2026, 10, 31)
EXAMPLES = ("alliance", "flawed", "consortium")

# backend/library/utils.py
LIBRARY_REQUIRED = {"ref_id", "urn", "locale", "objects", "version"}
LIBRARY_OBJECTS = {"framework", "frameworks", "requirement_mapping_set", "requirement_mapping_sets"}
FRAMEWORK_REQUIRED = {"ref_id", "urn"}
FRAMEWORK_OBJECTS = {"requirement_nodes", "requirements"}
NODE_REQUIRED = {"urn"}
MAPPING_SET_REQUIRED = {"urn", "name", "source_framework_urn", "target_framework_urn"}
MAPPING_REQUIRED = {"target_requirement_urn", "relationship", "source_requirement_urn"}
# backend/core/models.py: RequirementMapping choices and the columns' lengths
RELATIONSHIPS = {"subset", "intersect", "equal", "superset", "not_related"}
RATIONALES = {"syntactic", "semantic", "functional"}
MAX_LENGTH = {"urn": 255, "parent_urn": 255, "ref_id": 100, "name": 200}
# backend/core/views.py: compliance_assessment_csv
CSV_COLUMNS = (
    "urn",
    "ref_id",
    "name",
    "description",
    "typical_evidence",
    "annotation",
    "compliance_result",
    "extended_result",
    "requirement_progress",
    "score",
    "observations",
)


@cache
def library(name: str) -> dict:
    return yaml.safe_load(to_ciso_library(name))  # CISO Assistant reads with yaml.safe_load


@cache
def mapping() -> dict:
    return yaml.safe_load(to_ciso_mapping())


@cache
def report(example: str, name: str) -> ConformanceReport:
    return assess(examples.load(example), name, as_of=AS_OF)


def nodes(name: str) -> list[dict]:
    return library(name)["objects"]["framework"]["requirement_nodes"]


def ciso_values(result: Result) -> tuple[str, str]:
    """The compliance and extended result a CISO Assistant auditor records for `result`."""
    for value, read in CISO_RESULTS.items():
        if read is result:
            return value, ""
    for extended, read in CISO_EXTENDED.items():
        if read is result:
            return "compliant", extended
    return "compliant", ""  # agreed, not yet exercised: CISO Assistant has no such grade


def escape(value: str) -> str:
    """backend/core/views.py escape_excel_formula."""
    return "'" + value if value.lstrip()[:1] in ("=", "+", "-", "@") else value


def export_rows(name: str, rep: ConformanceReport) -> list[list[str]]:
    """The rows CISO Assistant's CSV export writes for an assessment of our library."""
    outcomes = {o.requirement: o for o in rep.outcomes}
    rows = []
    for node in nodes(name):
        row = [node["urn"], node["ref_id"], node["name"], node.get("description", "")]
        row += [node.get("typical_evidence", ""), node.get("annotation", "")]
        if node["assessable"]:
            outcome = outcomes[node["ref_id"]]
            value, extended = ciso_values(outcome.result)
            row += [value, extended, "done", "", escape(f"- checked {outcome.requirement}")]
        else:
            row += ["", "", "", "", ""]
        rows.append(row)
    return rows


def expected(result: Result) -> Result:
    return Result.CONFORMS if result is Result.AGREED_NOT_EXERCISED else result


def csv_export(rows: list[list[str]], columns=CSV_COLUMNS) -> bytes:
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=";")
    writer.writerow(columns)
    writer.writerows(rows)
    return out.getvalue().encode()


class TestToCisoLibrary:
    @pytest.mark.parametrize("name", catalogues())
    def test_has_the_fields_the_importer_requires(self, name):
        """The library, its framework and every node have the importer's required fields."""
        lib = library(name)
        assert lib.keys() >= LIBRARY_REQUIRED
        assert isinstance(lib["version"], int)
        assert lib["objects"].keys() & LIBRARY_OBJECTS == {"framework"}
        framework = lib["objects"]["framework"]
        assert framework.keys() >= FRAMEWORK_REQUIRED
        assert framework.keys() & FRAMEWORK_OBJECTS == {"requirement_nodes"}
        assert all(node.keys() >= NODE_REQUIRED for node in nodes(name))

    @pytest.mark.parametrize("name", catalogues())
    def test_scores_run_from_a_minimum_below_the_maximum(self, name):
        """min_score and max_score are at least 0 and min is below max (defaults 0 and 100)."""
        framework = library(name)["objects"]["framework"]
        low, high = framework.get("min_score", 0), framework.get("max_score", 100)
        assert 0 <= low < high

    def test_urns_are_unique_and_lower_case_across_both_libraries(self):
        """Node URNs are unique in the whole database, and stored as the importer lower-cases."""
        urns = [n["urn"] for name in catalogues() for n in nodes(name)]
        urns += [library(name)["urn"] for name in catalogues()]
        urns += [library(name)["objects"]["framework"]["urn"] for name in catalogues()]
        assert len(urns) == len(set(urns))
        assert all(u == u.lower() and u.startswith("urn:collabrel:risk:") for u in urns)

    @pytest.mark.parametrize("name", catalogues())
    def test_parents_exist_come_first_and_depth_is_one_more(self, name):
        """Every parent_urn names an earlier node, and a node is one deeper than its parent."""
        depth: dict[str, int] = {}
        for node in nodes(name):
            parent = node.get("parent_urn")
            if parent is None:
                assert node["depth"] == 1
            else:
                assert parent in depth, f"{node['urn']}: parent {parent} missing or later"
                assert node["depth"] == depth[parent] + 1
            depth[node["urn"]] = node["depth"]

    @pytest.mark.parametrize("name", catalogues())
    def test_every_node_says_whether_it_is_assessable_and_fits_its_columns(self, name):
        """assessable is never null (a NOT NULL column) and texts fit their columns."""
        for node in nodes(name):
            assert isinstance(node["assessable"], bool)
            for key, limit in MAX_LENGTH.items():
                assert len(node.get(key) or "") <= limit, (node["urn"], key)

    @pytest.mark.parametrize("name", catalogues())
    def test_requirements_are_assessable_nodes_with_our_paraphrase_and_records(self, name):
        """Each requirement is one assessable node: our id, title, text and its records."""
        cat = catalogue(name)
        by_ref = {n["ref_id"]: n for n in nodes(name) if n["assessable"]}
        assert sorted(by_ref) == sorted(cat.ids)
        for req in cat:
            node = by_ref[req.id]
            assert (node["name"], node["description"]) == (req.title, req.text)
            assert all(path in node.get("typical_evidence", "") for path in req.records)
            if not req.assessable:
                assert req.not_assessable_reason in node["annotation"]

    @pytest.mark.parametrize("name", catalogues())
    def test_clause_tree_is_the_catalogues(self, name):
        """Clauses are headings (not assessable); each requirement sits under its clause."""
        cat = catalogue(name)
        by_urn = {n["urn"]: n for n in nodes(name)}
        headings = [n for n in nodes(name) if not n["assessable"]]
        assert [n["ref_id"] for n in headings] == [c.id for c in cat.clauses]
        for node in nodes(name):
            if node["assessable"]:
                assert by_urn[node["parent_urn"]]["ref_id"] == cat[node["ref_id"]].clause

    @pytest.mark.parametrize("name", catalogues())
    def test_implementation_groups_are_the_stages(self, name):
        """Each node's implementation groups are defined: its stage (or the system's)."""
        framework = library(name)["objects"]["framework"]
        defined = {g["ref_id"] for g in framework["implementation_groups_definition"]}
        used = {g for n in nodes(name) for g in n.get("implementation_groups", [])}
        assert used == defined

    def test_the_same_catalogue_gives_the_same_text_and_a_publication_date(self):
        """Exports repeat byte for byte; a publication date is written as a YAML date."""
        assert to_ciso_library("bs11000") == to_ciso_library("bs11000-1:2010")
        text = to_ciso_library("bs11000", published=date(2026, 11, 1))
        assert yaml.safe_load(text)["publication_date"] == date(2026, 11, 1)

    def test_refuses_what_is_not_a_catalogue(self):
        """An unknown name is a CatalogueError; a wrong type an ArgumentError."""
        with pytest.raises(CatalogueError):
            to_ciso_library("iso9001")
        with pytest.raises(ArgumentError):
            to_ciso_library(44001)  # type: ignore[arg-type]
        with pytest.raises(ArgumentError):
            to_ciso_library("bs11000", published="2026-11-01")  # type: ignore[arg-type]


class TestToCisoMapping:
    def test_has_the_fields_the_importer_requires(self):
        """The mapping library, its set and each mapping have the required fields."""
        lib = mapping()
        assert lib.keys() >= LIBRARY_REQUIRED
        assert lib["objects"].keys() & LIBRARY_OBJECTS == {"requirement_mapping_set"}
        mapping_set = lib["objects"]["requirement_mapping_set"]
        assert mapping_set.keys() >= MAPPING_SET_REQUIRED
        assert mapping_set["requirement_mappings"]
        for m in mapping_set["requirement_mappings"]:
            assert m.keys() >= MAPPING_REQUIRED
            assert m["relationship"] in RELATIONSHIPS
            assert m["rationale"] in RATIONALES

    def test_frameworks_requirements_and_dependencies_exist(self):
        """Source and target frameworks, every mapped requirement and the dependencies exist."""
        cw = crosswalk()
        lib = mapping()
        mapping_set = lib["objects"]["requirement_mapping_set"]
        source, target = library(cw.left), library(cw.right)
        assert lib["dependencies"] == [source["urn"], target["urn"]]
        assert mapping_set["source_framework_urn"] == source["objects"]["framework"]["urn"]
        assert mapping_set["target_framework_urn"] == target["objects"]["framework"]["urn"]
        source_urns = {n["urn"] for n in nodes(cw.left) if n["assessable"]}
        target_urns = {n["urn"] for n in nodes(cw.right) if n["assessable"]}
        pairs = [
            (m["source_requirement_urn"], m["target_requirement_urn"])
            for m in mapping_set["requirement_mappings"]
        ]
        assert len(pairs) == len(cw.entries) == len(set(pairs))
        assert all(s in source_urns and t in target_urns for s, t in pairs)

    def test_carries_each_entry_of_the_crosswalk(self):
        """Each entry's relation and rationale are the mapping's relationship and annotation."""
        entries = mapping()["objects"]["requirement_mapping_set"]["requirement_mappings"]
        for entry, m in zip(crosswalk().entries, entries, strict=True):
            assert m["source_requirement_urn"].endswith(":" + entry.left.lower())
            assert (m["relationship"], m["annotation"]) == (entry.relation.value, entry.rationale)

    def test_refuses_what_is_not_a_crosswalk(self):
        """A mapping that is not a Crosswalk is an ArgumentError."""
        with pytest.raises(ArgumentError):
            to_ciso_mapping("crosswalk.yaml")  # type: ignore[arg-type]


class TestFromCisoAssessment:
    @pytest.mark.parametrize("name", catalogues())
    @pytest.mark.parametrize("example", EXAMPLES)
    def test_an_assessment_of_our_library_reads_back(self, tmp_path, example, name):
        """A CISO Assistant CSV export of each assessment reads back as its results."""
        rep = report(example, name)
        path = tmp_path / "audit_export.csv"
        path.write_bytes(csv_export(export_rows(name, rep)))
        findings = from_ciso_assessment(path)
        assert [f.requirement for f in findings] == [o.requirement for o in rep.outcomes]
        assert [f.result for f in findings] == [expected(o.result) for o in rep.outcomes]
        assert all(f.message.endswith(f": - checked {f.requirement}") for f in findings)
        assert findings == from_ciso_assessment(path, standard=catalogue(name))

    def test_a_workbook_export_reads_back(self, tmp_path):
        """The Excel export (Sheet1, its own columns) reads back like the CSV."""
        openpyxl = pytest.importorskip("openpyxl")
        rep = report("flawed", "iso44001:2017")
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.title = "Sheet1"
        sheet.append(
            [
                "urn",
                "assessable",
                "ref_id",
                "name",
                "compliance_result",
                "extended_result",
                "requirement_progress",
                "observations",
                "score",
            ]
        )
        for row in export_rows("iso44001:2017", rep):
            sheet.append([row[0], bool(row[6]), row[1], row[2], *row[6:9], row[10] or None, 3])
        path = tmp_path / "audit.xlsx"
        book.save(path)
        findings = from_ciso_assessment(path)
        assert [f.result for f in findings] == [expected(o.result) for o in rep.outcomes]

    def test_yaml_and_json_rows_read_back(self):
        """A list of rows with the CSV's column names reads as YAML and as JSON."""
        rows = [
            {
                "urn": "urn:collabrel:risk:req_node:bs11000-1-2010:cbr.s1.ser",
                "compliance_result": "compliant",
                "extended_result": "good_practice",
            },
            {
                "urn": "URN:COLLABREL:RISK:REQ_NODE:BS11000-1-2010:CBR.S5.RACI",
                "compliance_result": "non_compliant",
                "extended_result": "minor_nonconformity",
            },
        ]
        for data, fmt in ((yaml.safe_dump(rows), "yaml"), (json.dumps({"rows": rows}), "json")):
            findings = from_ciso_assessment(data.encode(), format=fmt)
            assert [(f.requirement, f.result) for f in findings] == [
                ("CBR.S1.SER", Result.CONFORMS),
                ("CBR.S5.RACI", Result.MINOR),
            ]

    def test_extended_results_refine_only_assessed_ones(self):
        """An auditor's extended result wins over compliant, but not over not_applicable."""
        urn = "urn:collabrel:risk:req_node:iso44001-2017:cbr.s5.raci"
        for value, extended, result in (
            ("compliant", "observation_sensitive_point", Result.OBSERVATION),
            ("compliant", "major_nonconformity", Result.MAJOR),
            ("not_applicable", "major_nonconformity", Result.NOT_APPLICABLE),
            ("not_assessed", "", Result.NOT_ASSESSABLE),
        ):
            data = csv_export([[urn, "", "", "", "", "", value, extended, "", "", ""]])
            (finding,) = from_ciso_assessment(data, format="csv")
            assert finding.result is result
            assert [c.observed for c in finding.explanation] == [v for v in (value, extended) if v]

    def test_every_problem_is_reported_at_once_with_its_cell(self):
        """Unknown URNs, results and repeats are all reported, each at its cell and value."""
        base = "urn:collabrel:risk:req_node:iso44001-2017:"
        blank = ["", "", "", ""]
        rows = [
            [base + "cbr.s5.raci", "", *blank, "compliant", "", "", "", ""],
            [base + "cbr.s5.nope", "", *blank, "compliant", "", "", "", ""],
            [base + "cbr.s5.raci", "", *blank, "compliant", "", "", "", ""],
            [base + "cbr.s1.ser", "", *blank, "done", "bravo", "", "", ""],
            [
                "urn:collabrel:risk:req_node:bs11000-1-2010:cbr.s1.ser",
                "",
                *blank,
                "compliant",
                "",
                "",
                "",
                "",
            ],
        ]
        with pytest.raises(DocumentError) as caught:
            from_ciso_assessment(csv_export(rows), format="csv")
        problems = caught.value.problems
        assert all(isinstance(p, CellProblem) for p in problems)
        assert [p.cell for p in problems] == [
            "<csv>!A3",
            "<csv>!A4",
            "<csv>!G5",
            "<csv>!H5",
            "<csv>!A6",
        ]
        assert "'urn:collabrel:risk:req_node:iso44001-2017:cbr.s5.nope'" in problems[0].message
        assert "repeats the row at <csv>!A2" in problems[1].message
        assert "(got 'done')" in problems[2].message
        assert "(got 'bravo')" in problems[3].message
        assert "one of bs11000-1:2010's" in problems[4].message

    def test_a_missing_column_is_named(self):
        """An export without the result column says which column is missing, at the header."""
        data = csv_export([["urn:collabrel:risk:req_node:iso44001-2017:cbr.s5.raci"]], ("urn",))
        with pytest.raises(DocumentError) as caught:
            from_ciso_assessment(data, format="csv")
        assert [str(p) for p in caught.value.problems] == [
            "<csv>!1:1: the column 'compliance_result' is missing"
        ]

    def test_rows_of_another_framework_name_no_catalogue(self):
        """An export of someone else's framework is refused: no row carries our URNs."""
        urn = "urn:intuitem:risk:req_node:iso27001-2022:4.1"
        data = csv_export([[urn, "", "", "", "", "", "compliant", "", "", "", ""]])
        with pytest.raises(DocumentError, match="pass standard="):
            from_ciso_assessment(data, format="csv")

    def test_comma_separated_files_and_formula_guards_read(self):
        """A CSV saved again with commas reads too, and the formula guard is undone."""
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(["urn", "compliance_result", "observations"])
        writer.writerow(
            [
                "urn:collabrel:risk:req_node:iso44001-2017:cbr.s5.raci",
                "partially_compliant",
                "'=two accountable",
            ]
        )
        (finding,) = from_ciso_assessment(out.getvalue().encode(), format="csv")
        assert finding.message.endswith("in CISO Assistant: =two accountable")

    def test_refuses_bad_arguments(self, tmp_path):
        """Bytes need a format, a path a known suffix; other sources are ArgumentErrors."""
        with pytest.raises(ArgumentError):
            from_ciso_assessment(b"urn;compliance_result\n")
        with pytest.raises(ArgumentError):
            from_ciso_assessment(tmp_path / "audit.txt")
        with pytest.raises(ArgumentError):
            from_ciso_assessment(b"", format="xls")  # type: ignore[arg-type]
        with pytest.raises(ArgumentError):
            from_ciso_assessment(42)  # type: ignore[arg-type]


class TestCataloguesOfYourOwn:
    def test_requirements_outside_the_clause_tree_are_top_nodes(self):
        """A catalogue built in code without clauses still exports, its requirements on top."""
        own = Catalogue(
            name="acme:policy",
            title="Acme policy",
            version=2,
            standard="Acme",
            requirements=(Requirement(id="ACME.P.VETTED", title="Vetted", text="X.", clause="1"),),
        )
        lib = yaml.safe_load(to_ciso_library(own))
        (node,) = lib["objects"]["framework"]["requirement_nodes"]
        assert (node["depth"], node["ref_id"], "parent_urn" in node) == (1, "ACME.P.VETTED", False)
        assert "implementation_groups_definition" not in lib["objects"]["framework"]
        data = csv_export([[node["urn"], "", "", "", "", "", "compliant", "", "", "", ""]])
        (finding,) = from_ciso_assessment(data, format="csv", standard=own)
        assert finding.result is Result.CONFORMS

    @pytest.mark.parametrize(
        "clauses",
        [
            (Clause(id="ACME.P.VETTED", title="Clash"),),
            (Clause(id="a", title="A"), Clause(id="A", title="Also A")),
        ],
    )
    def test_nodes_that_would_share_a_urn_are_refused(self, clauses):
        """A clause id equal to a requirement's, or ids differing in case, are refused."""
        own = Catalogue(
            name="acme:policy",
            title="Acme policy",
            version=1,
            standard="Acme",
            clauses=clauses,
            requirements=(
                Requirement(id="ACME.P.VETTED", title="Vetted", text="X.", clause="ACME.P.VETTED"),
            ),
        )
        with pytest.raises(CatalogueError, match="URN"):
            to_ciso_library(own)


class TestUnreadableExports:
    @pytest.mark.parametrize(
        ("data", "fmt", "message"),
        [
            (b"\xff\xfe", "csv", "not UTF-8"),
            (b"urn;urn;compliance_result\n", "csv", "the column 'urn' is twice"),
            (b"urn;compliance_result\n" + b"a" * 200_000 + b";x\n", "csv", "not CSV"),
            (b"not a zip", "xlsx", "zip archive"),
            (b"[1, 2]", "json", "must be a mapping"),
            (b"urn: x", "yaml", "must be a list of rows"),
            (b"[{urn: ''}]", "yaml", "is missing"),
        ],
    )
    def test_names_what_is_wrong(self, data, fmt, message):
        """Text that is not UTF-8, CSV, a workbook or a list of rows is a DocumentError."""
        with pytest.raises(DocumentError, match=message):
            from_ciso_assessment(data, format=fmt, standard="iso44001")

    def test_blank_urns_and_results_are_problems(self):
        """A row without a URN or a requirement row without a result is reported."""
        urn = "urn:collabrel:risk:req_node:iso44001-2017:cbr.s5.raci"
        rows = [["", "x", *[""] * 4, "compliant"], [urn, "", *[""] * 4, ""]]
        with pytest.raises(DocumentError) as caught:
            from_ciso_assessment(csv_export(rows), format="csv")
        assert [str(p) for p in caught.value.problems] == [
            "<csv>!A2: urn is blank",
            "<csv>!G3: compliance_result is blank",
        ]

    def test_a_list_under_one_key_names_its_rows_by_that_key(self):
        """Rows under one key (an API response) are named by it in problems."""
        data = b'{"results": [{"urn": "urn:collabrel:risk:req_node:iso44001-2017:cbr.s5.raci",'
        data += b' "compliance_result": "maybe"}]}'
        with pytest.raises(DocumentError) as caught:
            from_ciso_assessment(data, format="json")
        assert caught.value.paths == ("results[0].compliance_result",)

    def test_too_many_rows_are_refused(self):
        """More rows than LoadLimits.max_items are refused before any is judged."""
        urn = "urn:collabrel:risk:req_node:iso44001-2017:cbr.s5.raci"
        data = csv_export([[urn, "", "", "", "", "", "compliant"]] * 10_001)
        with pytest.raises(DocumentError, match="max_items"):
            from_ciso_assessment(data, format="csv")

    def test_blank_rows_and_whole_numbers_read(self):
        """Blank rows are skipped and a number written as 3.0 reads as 3."""
        openpyxl = pytest.importorskip("openpyxl")
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.append(["urn", "compliance_result", "requirement_progress"])
        sheet.append([None, None, None])
        sheet.append(["urn:collabrel:risk:req_node:iso44001-2017:cbr.s5.raci", "compliant", 3.0])
        out = io.BytesIO()
        book.save(out)
        (finding,) = from_ciso_assessment(out.getvalue(), format="xlsx")
        assert finding.explanation[-1].observed == "3"
        row = '[{"urn": "urn:collabrel:risk:req_node:iso44001-2017:cbr.s5.raci", '
        row += '"compliance_result": "compliant", "requirement_progress": 3.0}]'
        (finding,) = from_ciso_assessment(row.encode(), format="json")
        assert finding.explanation[-1].observed == "3"

    def test_a_zip_that_is_no_workbook_or_unpacks_too_far_is_refused(self):
        """A zip archive without a workbook, or one that unpacks past the limit, is refused."""
        small = io.BytesIO()
        with zipfile.ZipFile(small, "w") as archive:
            archive.writestr("hello.txt", "hello")
        with pytest.raises(DocumentError, match="not a workbook"):
            from_ciso_assessment(small.getvalue(), format="xlsx")
        bomb = io.BytesIO()
        with (
            zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive,
            archive.open("xl/worksheets/sheet1.xml", "w") as member,
        ):
            for _ in range(101):
                member.write(bytes(1_000_000))
        with pytest.raises(DocumentError, match="unpacked"):
            from_ciso_assessment(bomb.getvalue(), format="xlsx")

    def test_a_file_over_the_size_limit_is_refused(self, tmp_path):
        """A file larger than LoadLimits.max_bytes is refused before it is read."""
        path = tmp_path / "audit.csv"
        with path.open("wb") as out:
            out.truncate(10_000_001)
        with pytest.raises(DocumentError, match="max_bytes"):
            from_ciso_assessment(path)
