"""`collabrel portfolio`: folders and JSON Lines files assessed into one portfolio report."""

from __future__ import annotations

import json
from datetime import date

import pytest

import collabrel
import collabrel._portfolio_cli as portfolio_cli
from _cli import AS_OF
from _portfolio import bad_role, plan, write_folder, write_jsonl
from collabrel import _cli_options
from collabrel.cli import main
from collabrel.portfolio import PlanSource, PortfolioReport, assess_many

DAY = date.fromisoformat(AS_OF)
SERIAL = ("--engine", "serial", "--as-of", AS_OF)


@pytest.fixture
def folder(tmp_path):
    """A folder of the four bundled examples (one ready for certification)."""
    names = ("alliance", "flawed", "consortium", "enterprise")
    return write_folder(tmp_path / "plans", ((f"{n}.json", plan(n)) for n in names))


@pytest.fixture
def lines(tmp_path):
    """A JSON Lines file: the alliance, a line that is not JSON, a bad role, two revisions."""
    rows = [plan("alliance"), "not json", json.dumps(bad_role()), plan("flawed"), plan("flawed", 2)]
    return write_jsonl(tmp_path / "plans.jsonl", rows)


def _expected(*sources: PlanSource) -> PortfolioReport:
    return PortfolioReport.merge_all(assess_many(s, engine="serial", as_of=DAY) for s in sources)


class TestPortfolio:
    def test_prints_the_text_report(self, folder, capsys):
        """A folder's report is printed as the report's text; one plan not ready: exit 1."""
        assert main(["portfolio", str(folder), *SERIAL]) == 1
        out = capsys.readouterr().out
        expected = _expected(PlanSource.folder(folder))
        assert out == expected.to_text(limit=portfolio_cli.TEXT_LIMIT)
        assert "Ready for certification: 1 of 4 plans\n" in out

    def test_every_plan_ready_and_no_problems_is_exit_0(self, tmp_path, capsys):
        """A portfolio whose every plan is ready for certification, with no problem, exits 0."""
        only = write_folder(tmp_path / "ok", [("alliance.yaml", plan("alliance"))])
        assert main(["portfolio", str(only), *SERIAL]) == 0
        assert "Ready for certification: 1 of 1 plan\n" in capsys.readouterr().out

    def test_problems_are_listed_with_their_locations(self, lines, capsys):
        """Lines that cannot be read are problems, with file:LINE and the path in the plan."""
        assert main(["portfolio", str(lines), *SERIAL]) == 1
        out = capsys.readouterr().out
        assert f"  {lines}:2 (load): 1 problem in" in out
        assert "      relationship.partners[2].role: 'boss' is not one of" in out
        assert "Problems: 2\n" in out

    def test_a_problem_alone_is_exit_1(self, tmp_path, capsys):
        """Every assessed plan ready, but one line unreadable: exit 1."""
        file = write_jsonl(tmp_path / "p.jsonl", [plan("alliance"), "{}"])
        assert main(["portfolio", str(file), *SERIAL]) == 1
        assert "Problems: 1\n" in capsys.readouterr().out

    def test_several_sources_are_one_portfolio(self, folder, lines, capsys):
        """A folder and a JSON Lines file give the report of both, merged."""
        assert main(["portfolio", str(folder), str(lines), *SERIAL, "--json"]) == 1
        report = collabrel.loads(capsys.readouterr().out, cls=PortfolioReport)
        assert report == _expected(PlanSource.folder(folder), PlanSource.jsonl(lines))
        assert (report.plans, len(report.problems)) == (7, 2)

    def test_a_glob_of_json_lines_files(self, tmp_path, capsys):
        """A quoted glob names the JSON Lines files it matches."""
        for n, name in enumerate(("alliance", "flawed")):
            write_jsonl(tmp_path / f"part-{n}.jsonl", [plan(name)])
        pattern = str(tmp_path / "part-*.jsonl")
        assert main(["portfolio", pattern, *SERIAL, "--json"]) == 1
        report = collabrel.loads(capsys.readouterr().out, cls=PortfolioReport)
        assert [r.location.rsplit("/", 1)[-1] for r in report.rows] == [
            "part-0.jsonl:1",
            "part-1.jsonl:1",
        ]

    def test_json_reads_back_and_process_agrees(self, folder, lines, capsys):
        """--json is the report as data, on one line; the process engine gives the same."""
        assert main(["portfolio", str(folder), str(lines), *SERIAL, "--json"]) == 1
        serial = capsys.readouterr().out
        assert serial.count("\n") == 1
        args = ["portfolio", str(folder), str(lines), "--as-of", AS_OF, "--json"]
        assert main([*args, "--engine", "process", "--jobs", "2", "--partition-size", "2"]) == 1
        assert capsys.readouterr().out == serial

    def test_as_of_issued_judges_each_plan_on_its_own_date(self, folder, capsys):
        """--as-of issued judges each revision on the day it was issued."""
        args = ["portfolio", str(folder), "--engine", "serial", "--as-of", "issued"]
        assert main(args) == 1
        assert "As of: each plan's own date\n" in capsys.readouterr().out
        assert main([*args, "--json"]) == 1
        report = collabrel.loads(capsys.readouterr().out, cls=PortfolioReport)
        assert all(r.as_of == r.issued_on for r in report.rows)

    def test_default_as_of_is_today(self, folder, capsys):
        """Without --as-of the plans are judged as of today."""
        main(["portfolio", str(folder), "--engine", "serial"])
        assert f"As of: {_cli_options.today().isoformat()}\n" in capsys.readouterr().out

    def test_standard(self, folder, capsys):
        """--standard chooses the catalogue the plans are assessed against."""
        assert main(["portfolio", str(folder), *SERIAL, "--standard", "bs11000-1:2010"]) == 1
        assert capsys.readouterr().out.startswith("Portfolio against bs11000-1:2010\n")

    def test_sink(self, folder, lines, tmp_path, capsys):
        """--sink writes one Parquet file per partition, numbered across the sources."""
        pytest.importorskip("pyarrow")
        sink = tmp_path / "findings"
        args = ["portfolio", str(folder), str(lines), *SERIAL, "--partition-size", "3"]
        assert main([*args, "--sink", str(sink)]) == 1
        capsys.readouterr()
        files = sorted(p.name for p in sink.iterdir())
        assert files == [f"part-{i:05d}.parquet" for i in range(4)]  # 2 + 2 partitions


class TestOutput:
    @pytest.mark.parametrize(
        ("name", "start"),
        [
            ("report.txt", "Portfolio against iso44001:2017\n"),
            ("report.md", "# Portfolio against iso44001:2017\n"),
            ("report.html", "<!DOCTYPE html>"),
            ("report.json", '{\n  "standard": "iso44001:2017"'),
        ],
    )
    def test_the_suffix_chooses_the_format(self, folder, tmp_path, capsys, name, start):
        """--output FILE writes the report there, in the format its suffix names."""
        output = tmp_path / name
        assert main(["portfolio", str(folder), *SERIAL, "--output", str(output)]) == 1
        assert output.read_text(encoding="utf-8").startswith(start)
        said = capsys.readouterr().out
        assert said.startswith(f"wrote {output} (1 of 4 plans ready for certification against")
        assert said.endswith(" iso44001:2017; 0 problems)\n")

    def test_format_overrides_the_suffix(self, folder, tmp_path):
        """--format markdown writes Markdown whatever the suffix."""
        output = tmp_path / "report.txt"
        args = ["portfolio", str(folder), *SERIAL, "-o", str(output), "--format", "markdown"]
        assert main(args) == 1
        assert output.read_text(encoding="utf-8").startswith("# Portfolio")

    @pytest.mark.parametrize("fmt", ["markdown", "html", "json"])
    def test_format_to_stdout(self, folder, capsys, fmt):
        """--format prints the report in that format."""
        assert main(["portfolio", str(folder), *SERIAL, "--format", fmt]) == 1
        report = _expected(PlanSource.folder(folder))
        assert capsys.readouterr().out == portfolio_cli.FORMATS[fmt](report)

    def test_json_says_what_it_wrote(self, folder, tmp_path, capsys):
        """With --json and --output, what was written is one JSON object."""
        output = tmp_path / "report.json"
        assert main(["portfolio", str(folder), *SERIAL, "-o", str(output), "--json"]) == 1
        said = json.loads(capsys.readouterr().out)
        assert said == {
            "wrote": str(output),
            "plans": 4,
            "ready": 1,
            "problems": 0,
            "standard": "iso44001:2017",
        }
        assert collabrel.load(output, cls=PortfolioReport).plans == 4


class TestErrors:
    @pytest.mark.parametrize(
        ("source", "message"),
        [
            ("missing", "missing: no such folder or file"),
            ("missing/*.jsonl", "no file matches"),
            ("plans/alliance.json", "a plan file; a SOURCE is a folder of plans or a JSON Lines"),
            ("notes.txt", "notes.txt: not a JSON Lines file"),
            ("empty", "no plans in plan files in"),
        ],
    )
    def test_a_source_that_cannot_be_read_is_exit_2(self, folder, source, message, capsys):
        """A source that is not there, not a source, or holds no plan: exit 2, one line."""
        (folder.parent / "notes.txt").write_text("notes")
        (folder.parent / "empty").mkdir()
        assert main(["portfolio", str(folder.parent / source), *SERIAL]) == 2
        err = capsys.readouterr().err
        assert err.startswith("collabrel: error: ")
        assert message in err
        assert "Traceback" not in err
        assert err.count("\n") == 1

    @pytest.mark.parametrize(
        ("option", "value", "message"),
        [
            ("--jobs", "0", "at least 1, or -1 for every core"),
            ("--jobs", "many", "expected a whole number"),
            ("--partition-size", "0", "expected at least 1"),
            ("--engine", "spark", "invalid choice: 'spark'"),
            ("--as-of", "yesterday", "expected a date such as 2026-10-31"),
        ],
    )
    def test_bad_options_are_usage_errors(self, folder, capsys, option, value, message):
        """A bad option value is a usage error naming it."""
        assert main(["portfolio", str(folder), "--engine", "serial", option, value]) == 2
        assert message in capsys.readouterr().err

    def test_json_takes_no_other_format(self, folder, capsys):
        """--json with --format html is refused, as one JSON object on stderr."""
        assert main(["portfolio", str(folder), *SERIAL, "--json", "--format", "html"]) == 2
        error = json.loads(capsys.readouterr().err)
        assert error["error"] == "--json prints the report as JSON, not --format html"

    @pytest.mark.parametrize(
        ("name", "message"), [("report.xml", "a junit file"), ("", "a folder")]
    )
    def test_output_that_is_not_a_report_file(self, folder, tmp_path, capsys, name, message):
        """--output naming a folder, or a JUnit or SARIF file, is refused before any work."""
        assert main(["portfolio", str(folder), *SERIAL, "-o", str(tmp_path / name)]) == 2
        assert message in capsys.readouterr().err

    def test_a_missing_extra_is_an_error_not_a_crash(self, folder, monkeypatch, capsys):
        """An engine or sink whose extra is missing is exit 2, naming what to install."""

        def missing(*_args: object, **_kwargs: object) -> PortfolioReport:
            msg = "the dask engine need distributed: pip install 'collabrel[dask]'"
            raise ImportError(msg)

        monkeypatch.setattr(portfolio_cli, "assess_many", missing)
        assert main(["portfolio", str(folder), "--engine", "dask", "--as-of", AS_OF]) == 2
        assert "pip install 'collabrel[dask]'" in capsys.readouterr().err
