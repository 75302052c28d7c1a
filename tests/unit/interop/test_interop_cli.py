"""`collabrel export`, `import` and `template`: the interop layer on the command line."""

from __future__ import annotations

import json

import attrs
import pytest

import collabrel as cr
from collabrel import examples
from collabrel._interop_cli import TARGETS
from collabrel.cli import EXIT_ERROR, EXIT_OK, main
from collabrel.conformance import catalogue

AS_OF = "2026-10-31"


@pytest.fixture
def plan_file(tmp_path):
    path = tmp_path / "alliance.yaml"
    cr.dump(examples.load("alliance"), path)
    return path


def test_every_target_is_a_choice_and_is_described_in_the_help(capsys):
    assert main(["export", "--help"]) == EXIT_OK
    out = " ".join(capsys.readouterr().out.split())
    for target in TARGETS.values():
        assert f"{target.name}: {' '.join(target.description.split())}" in out


def test_a_workbook_export_beside_the_plan_imports_back_to_an_equal_plan(plan_file, capsys):
    assert main(["export", str(plan_file), "--to", "xlsx"]) == EXIT_OK
    workbook = plan_file.with_suffix(".xlsx")
    assert capsys.readouterr().out == f"wrote {workbook} (xlsx)\n"
    back = plan_file.with_name("back.toml")
    assert main(["import", str(workbook), "-o", str(back)]) == EXIT_OK
    assert cr.load(back) == cr.load(plan_file)


def test_a_csv_export_is_a_folder_that_imports_back_and_prints_yaml(plan_file, capsys):
    assert main(["export", str(plan_file), "--to", "csv"]) == EXIT_OK
    folder = plan_file.with_name("alliance-csv")
    assert (folder / "risks.csv").is_file()
    capsys.readouterr()
    assert main(["import", str(folder)]) == EXIT_OK
    assert cr.loads(capsys.readouterr().out, "yaml") == cr.load(plan_file)


def test_import_with_a_base_replaces_only_the_registers(plan_file, tmp_path):
    plan = cr.load(plan_file)
    no_risks = attrs.evolve(plan.relationship, risks=())
    base = tmp_path / "base.json"
    cr.dump(attrs.evolve(plan, history=(), relationship=no_risks), base)
    workbook = tmp_path / "registers.xlsx"
    assert main(["export", str(plan_file), "--to", "xlsx", "-o", str(workbook)]) == EXIT_OK
    out = tmp_path / "merged.yaml"
    assert main(["import", str(workbook), "--base", str(base), "-o", str(out)]) == EXIT_OK
    merged = cr.load(out)
    assert merged.history == ()  # the base's, not a register
    assert merged.relationship.risks == plan.relationship.risks  # the workbook's register
    assert plan.history


def test_the_oscal_target_prints_the_assessment_of_the_plan(plan_file, capsys):
    argv = ["export", str(plan_file), "--to", "oscal", "--as-of", AS_OF, "--standard"]
    assert main([*argv, "bs11000-1:2010"]) == EXIT_OK
    results = json.loads(capsys.readouterr().out)["assessment-results"]
    assert "bs11000-1:2010" in results["metadata"]["title"]
    assert results["metadata"]["last-modified"].startswith(AS_OF)


@pytest.mark.parametrize("standard", ["iso44001:2017", "bs11000-1:2010"])
def test_catalogue_targets_need_no_plan_and_cover_the_standard(standard, tmp_path, capsys):
    out = tmp_path / "catalog.json"
    argv = ["export", "--to", "oscal-catalog", "--standard", standard, "--as-of", AS_OF]
    assert main([*argv, "-o", str(out)]) == EXIT_OK
    assert capsys.readouterr().out == f"wrote {out} (oscal-catalog)\n"
    text = out.read_text(encoding="utf-8")
    assert all(r.id in text for r in catalogue(standard).requirements)
    assert main(["export", "--to", "ciso", "--standard", standard]) == EXIT_OK
    library = capsys.readouterr().out
    assert library.startswith("urn: urn:collabrel:risk:library:")
    assert all(r.id in library for r in catalogue(standard).requirements)
    assert main(["export", "--to", "ciso-mapping"]) == EXIT_OK
    assert "requirement_mapping_set" in capsys.readouterr().out


def test_a_plan_target_without_a_file_and_a_catalogue_target_with_one_are_errors(plan_file, capsys):
    assert main(["export", "--to", "xlsx"]) == EXIT_ERROR
    assert capsys.readouterr().err == "collabrel: error: export --to xlsx needs a plan FILE\n"
    assert main(["export", str(plan_file), "--to", "ciso"]) == EXIT_ERROR
    err = capsys.readouterr().err
    assert err.startswith("collabrel: error: export --to ciso writes the --standard's")
    assert not plan_file.with_suffix(".xlsx").exists()


def test_an_unfilled_template_names_its_cells_and_leaves_the_output_alone(tmp_path, capsys):
    template = tmp_path / "template.xlsx"
    assert main(["template", "--xlsx", str(template)]) == EXIT_OK
    assert capsys.readouterr().out == f"wrote {template} (an empty plan workbook)\n"
    out = tmp_path / "plan.yaml"
    out.write_text("kept\n", encoding="utf-8")
    assert main(["import", str(template), "-o", str(out)]) == EXIT_ERROR
    err = capsys.readouterr().err
    assert err.startswith("collabrel: error: ")
    assert "Plan!B2 → meta.title: required field is missing" in err
    assert out.read_text(encoding="utf-8") == "kept\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.yaml", "template.xlsx"]


def test_a_plan_that_cannot_be_read_is_an_error_and_writes_nothing(tmp_path, capsys):
    broken = tmp_path / "broken.yaml"
    broken.write_text("meta: [\n", encoding="utf-8")
    assert main(["export", str(broken), "--to", "xlsx"]) == EXIT_ERROR
    assert capsys.readouterr().err.startswith("collabrel: error: ")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken.yaml"]
