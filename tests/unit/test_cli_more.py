"""The command line's inputs and outputs: --version, PATHs and globs, stdin, --json, colour."""

from __future__ import annotations

import io
import json
import sys
from importlib import metadata

import pytest

import collabrel
from _cli import AS_OF, write_example
from collabrel import _cli_io, cli, examples
from collabrel.cli import EXIT_ERROR, EXIT_INVALID, EXIT_OK, main
from collabrel.conformance import ConformanceReport
from collabrel.serialization import from_data

BROKEN = "meta: {schema_version: 1, title: Broken, issued_on: not a date}\n"


def _stdin(monkeypatch, data):
    """Make `data` (bytes) what the command reads on stdin."""
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))


def _json_lines(text):
    return [json.loads(line) for line in text.splitlines()]


class _Terminal(io.StringIO):
    def isatty(self):
        return True


class TestVersion:
    def test_prints_the_installed_version(self, capsys):
        """--version prints the distribution's version and exits 0."""
        assert main(["--version"]) == EXIT_OK
        assert capsys.readouterr().out == f"collabrel {metadata.version('collabrel')}\n"

    def test_falls_back_to_the_package_version(self, monkeypatch):
        """Without installed metadata, the version is collabrel.__version__."""

        def missing(_name):
            raise metadata.PackageNotFoundError

        monkeypatch.setattr(cli.metadata, "version", missing)
        assert cli._version() == collabrel.__version__


class TestSeveralPaths:
    def test_each_document_is_reported_and_the_worst_code_wins(self, tmp_path, capsys):
        """validate reports every file in turn; one invalid file makes the exit code 1."""
        good = write_example(tmp_path)
        bad = tmp_path / "broken.yaml"
        bad.write_text(BROKEN, encoding="utf-8")
        assert main(["validate", str(good), str(bad)]) == EXIT_INVALID
        lines = capsys.readouterr().out.splitlines()
        assert lines[0].startswith(f"ok: {good}: ")
        assert lines[1].startswith(f"invalid: {bad}: ")

    def test_a_glob_is_expanded_sorted_without_folders(self, tmp_path, capsys):
        """A glob matches files in name order; a folder it matches is left out."""
        write_example(tmp_path, "flawed")
        write_example(tmp_path, "alliance")
        (tmp_path / "dir.yaml").mkdir()
        assert main(["validate", str(tmp_path / "*.yaml")]) == EXIT_OK
        out = capsys.readouterr().out.splitlines()
        assert [line.split(": ")[1] for line in out] == [
            str(tmp_path / "alliance.yaml"),
            str(tmp_path / "flawed.yaml"),
        ]

    def test_a_document_named_twice_is_read_once(self, tmp_path, capsys):
        """A file named and matched by a glob is checked once."""
        path = write_example(tmp_path)
        assert main(["validate", str(path), str(tmp_path / "*.yaml")]) == EXIT_OK
        assert len(capsys.readouterr().out.splitlines()) == 1

    def test_an_existing_file_with_glob_characters_is_taken_as_named(self, tmp_path, capsys):
        """A file whose name holds [ ] is read as it is named."""
        path = tmp_path / "plan[1].yaml"
        path.write_text(examples.text("alliance"), encoding="utf-8")
        assert main(["validate", str(path)]) == EXIT_OK
        assert capsys.readouterr().out.startswith(f"ok: {path}: ")

    def test_a_glob_that_matches_nothing_is_a_usage_error(self, tmp_path, capsys):
        """A glob matching no file ends with exit 2 and names the glob."""
        pattern = str(tmp_path / "*.toml")
        assert main(["validate", pattern]) == EXIT_ERROR
        assert capsys.readouterr().err == f"collabrel: error: no file matches {pattern!r}\n"

    def test_an_unreadable_file_does_not_stop_the_others(self, tmp_path, capsys):
        """A missing file is an error (exit 2) and the next file is still checked."""
        good = write_example(tmp_path)
        missing = tmp_path / "missing.yaml"
        assert main(["validate", str(missing), str(good)]) == EXIT_ERROR
        captured = capsys.readouterr()
        assert str(missing) in captured.err
        assert captured.out.startswith(f"ok: {good}: ")


class TestStdin:
    def test_validate_reads_stdin_in_the_input_format(self, monkeypatch, capsys):
        """`-` with --input-format reads the document from stdin."""
        _stdin(monkeypatch, examples.text("alliance").encode())
        assert main(["validate", "-", "--input-format", "yaml"]) == EXIT_OK
        assert capsys.readouterr().out.startswith("ok: <stdin>: 'Northern Rail")

    def test_stdin_needs_an_input_format(self, capsys):
        """`-` without --input-format is a usage error: stdin has no suffix."""
        assert main(["validate", "-"]) == EXIT_ERROR
        assert "needs --input-format" in capsys.readouterr().err

    def test_stdin_is_read_within_the_size_limit(self, monkeypatch):
        """At most one byte more than LoadLimits.max_bytes is read from stdin."""
        asked = []

        class Buffer:
            def read(self, size):
                asked.append(size)
                return b"{}"

        monkeypatch.setattr(sys, "stdin", type("Stdin", (), {"buffer": Buffer()})())
        with pytest.raises(collabrel.DocumentError):
            _cli_io.read_plan(_cli_io.STDIN, "json")
        assert asked == [collabrel.LoadLimits().max_bytes + 1]

    def test_input_format_overrides_the_suffix(self, tmp_path, capsys):
        """--input-format reads a file whose suffix names no format."""
        path = tmp_path / "plan.txt"
        path.write_text(examples.text("alliance"), encoding="utf-8")
        assert main(["validate", str(path), "--input-format", "yaml"]) == EXIT_OK
        capsys.readouterr()

    def test_assess_convert_and_export_read_stdin(self, monkeypatch, tmp_path, capsys):
        """assess, convert and export take `-` with --input-format too."""
        data = examples.text("flawed").encode()
        _stdin(monkeypatch, data)
        assert main(["assess", "-", "--input-format", "yaml", "--as-of", AS_OF]) == EXIT_INVALID
        _stdin(monkeypatch, data)
        out = tmp_path / "out.json"
        assert main(["convert", "-", str(out), "--input-format", "yaml"]) == EXIT_OK
        assert collabrel.load(out) == examples.load("flawed")
        _stdin(monkeypatch, data)
        assert main(["export", "-", "--to", "oscal", "--input-format", "yaml"]) == EXIT_OK
        assert '"assessment-results"' in capsys.readouterr().out

    def test_a_workbook_of_stdin_needs_an_output(self, monkeypatch, capsys):
        """export --to xlsx of a plan on stdin has no name to go by: it needs --output."""
        _stdin(monkeypatch, examples.text("alliance").encode())
        assert main(["export", "-", "--to", "xlsx", "--input-format", "yaml"]) == EXIT_ERROR
        assert "needs --output" in capsys.readouterr().err


class TestAssessSeveral:
    def test_text_reports_follow_each_other(self, tmp_path, capsys):
        """Several plans' text reports are printed in turn; the worst exit code wins."""
        paths = [str(write_example(tmp_path, n)) for n in ("alliance", "flawed")]
        assert main(["assess", *paths, "--as-of", AS_OF]) == EXIT_INVALID
        out = capsys.readouterr().out
        assert out.count("Conformance report: ") == 2
        assert "\n\nConformance report: Greywater" in out

    def test_json_reports_are_one_per_line(self, tmp_path, capsys):
        """With --json, several plans give JSON Lines, each a report loads reads back."""
        paths = [str(write_example(tmp_path, n)) for n in ("alliance", "flawed")]
        assert main(["assess", *paths, "--as-of", AS_OF, "--json"]) == EXIT_INVALID
        lines = capsys.readouterr().out.splitlines()
        reports = [collabrel.loads(line, cls=ConformanceReport) for line in lines]
        assert [r.certification.ready for r in reports] == [True, False]

    def test_formats_that_do_not_join_need_a_folder(self, tmp_path, capsys):
        """Several HTML reports cannot share stdout, nor several plans one --output file."""
        paths = [str(write_example(tmp_path, n)) for n in ("alliance", "flawed")]
        assert main(["assess", *paths, "--format", "html"]) == EXIT_ERROR
        assert "give --output FOLDER" in capsys.readouterr().err
        assert main(["assess", *paths, "-o", str(tmp_path / "r.html")]) == EXIT_ERROR
        assert "--output must be a folder" in capsys.readouterr().err

    def test_a_folder_gets_one_report_per_plan(self, tmp_path, monkeypatch, capsys):
        """--output FOLDER writes each report named after its plan (stdin: `stdin`)."""
        folder = tmp_path / "reports"
        folder.mkdir()
        path = write_example(tmp_path, "flawed")
        _stdin(monkeypatch, examples.text("alliance").encode())
        argv = ["assess", str(path), "-", "--input-format", "yaml", "-o", str(folder)]
        assert main([*argv, "--as-of", AS_OF, "--format", "junit"]) == EXIT_INVALID
        assert sorted(p.name for p in folder.iterdir()) == ["flawed.xml", "stdin.xml"]
        assert f"wrote {folder / 'flawed.xml'} ({path}: not ready" in capsys.readouterr().out

    def test_clashing_names_and_overwritten_plans_are_refused(self, tmp_path, capsys):
        """Two plans of one name, or a report over a plan, are refused before writing."""
        (tmp_path / "a").mkdir()
        first = write_example(tmp_path)
        second = write_example(tmp_path / "a")
        assert main(["assess", str(first), str(second), "-o", str(tmp_path)]) == EXIT_ERROR
        assert "would both be" in capsys.readouterr().err
        plan = write_example(tmp_path, suffix=".json")
        assert main(["assess", str(plan), "-o", str(tmp_path), "--json"]) == EXIT_ERROR
        assert "would overwrite the plan" in capsys.readouterr().err
        assert collabrel.load(plan) == examples.load("alliance")


class TestJson:
    def test_validate_prints_one_object_per_document(self, tmp_path, capsys):
        """validate --json prints a line per document with its problems."""
        good = write_example(tmp_path)
        bad = tmp_path / "broken.yaml"
        bad.write_text(BROKEN, encoding="utf-8")
        assert main(["validate", str(good), str(bad), "--json"]) == EXIT_INVALID
        ok, broken = _json_lines(capsys.readouterr().out)
        assert ok == {"path": str(good), "valid": True, "problems": []}
        assert broken["valid"] is False
        assert {"path": "meta.issued_on", "message": broken["problems"][0]["message"]} in (
            broken["problems"]
        )

    def test_assess_json_is_the_json_format(self, tmp_path, capsys):
        """assess --json prints what --format json prints."""
        path = str(write_example(tmp_path))
        main(["assess", path, "--as-of", AS_OF, "--format", "json"])
        expected = capsys.readouterr().out
        assert main(["assess", path, "--as-of", AS_OF, "--json"]) == EXIT_OK
        assert capsys.readouterr().out == expected
        assert main(["assess", path, "--json", "--format", "text"]) == EXIT_ERROR

    def test_demo_and_schema(self, capsys):
        """demo --json gives the example plan and its report; schema --json the schema."""
        assert main(["demo", "--json", "--as-of", AS_OF]) == EXIT_OK
        (data,) = _json_lines(capsys.readouterr().out)
        assert from_data(data["plan"], collabrel.RelationshipManagementPlan) == (
            examples.load("alliance")
        )
        assert data["report"]["as_of"] == AS_OF
        assert main(["schema", "--json"]) == EXIT_OK
        assert json.loads(capsys.readouterr().out) == collabrel.json_schema()

    def test_commands_that_write_say_what_they_wrote(self, tmp_path, capsys):
        """convert, export, template and import print a JSON object of what they wrote."""
        src = write_example(tmp_path)
        dst, book, blank = tmp_path / "p.toml", tmp_path / "p.xlsx", tmp_path / "t.xlsx"
        back = tmp_path / "back.json"
        main(["convert", str(src), str(dst), "--json"])
        main(["export", str(src), "--to", "xlsx", "-o", str(book), "--json"])
        main(["template", "--xlsx", str(blank), "--json"])
        main(["import", str(book), "-o", str(back), "--json"])
        assert _json_lines(capsys.readouterr().out) == [
            {"wrote": str(dst), "source": str(src)},
            {"wrote": str(book), "target": "xlsx"},
            {"wrote": str(blank)},
            {"wrote": str(back), "source": str(book)},
        ]
        assert main(["import", str(book), "--json"]) == EXIT_OK
        assert json.loads(capsys.readouterr().out) == collabrel.to_data(collabrel.load(back))

    def test_a_yaml_target_on_stdout_is_refused(self, capsys):
        """export --json of a target that prints YAML asks for --output instead."""
        assert main(["export", "--to", "ciso", "--json"]) == EXIT_ERROR
        captured = capsys.readouterr()
        assert captured.out == ""
        assert json.loads(captured.err)["error"].endswith("give --output")

    def test_errors_are_one_json_object_on_stderr(self, tmp_path, capsys):
        """With --json, a document error lists its problems; a usage error has none."""
        bad = tmp_path / "broken.yaml"
        bad.write_text(BROKEN, encoding="utf-8")
        assert main(["assess", str(bad), "--json"]) == EXIT_ERROR
        err = capsys.readouterr().err
        assert err.count("\n") == 1
        error = json.loads(err)
        assert error["error"] == f"{len(error['problems'])} problems in {bad}"
        assert "meta.issued_on" in [p["path"] for p in error["problems"]]
        assert main(["assess", str(bad), "--json", "--standard", "iso9001"]) == EXIT_ERROR
        error = json.loads(capsys.readouterr().err)
        assert error["error"].startswith("argument --standard: unknown standard")
        assert error["problems"] == []

    def test_an_internal_error_is_json_too(self, monkeypatch, capsys):
        """A bug is one JSON object naming it as an internal error (exit 3)."""

        def broken(_rmp, _as_of, **_kwargs):
            raise ZeroDivisionError

        monkeypatch.setattr(cli, "assess", broken)
        assert main(["demo", "--json"]) == cli.EXIT_INTERNAL
        error = json.loads(capsys.readouterr().err)
        assert error["error"].startswith("internal error: ZeroDivisionError")


class TestColour:
    @staticmethod
    def _terminal(monkeypatch):
        """Make stdout a terminal, NO_COLOR and TERM unset (in the test: capture resets it)."""
        monkeypatch.delenv("NO_COLOR", raising=False)
        monkeypatch.delenv("TERM", raising=False)
        screen = _Terminal()
        monkeypatch.setattr(sys, "stdout", screen)
        return screen

    def test_validate_colours_ok_and_invalid_on_a_terminal(self, monkeypatch, tmp_path):
        """On a terminal, ok is green and invalid red."""
        terminal = self._terminal(monkeypatch)
        bad = tmp_path / "broken.yaml"
        bad.write_text(BROKEN, encoding="utf-8")
        main(["validate", str(write_example(tmp_path)), str(bad)])
        out = terminal.getvalue()
        assert out.startswith("\033[32mok\033[0m: ")
        assert "\n\033[31minvalid\033[0m: " in out

    def test_assess_colours_the_verdict_line_only(self, monkeypatch, tmp_path):
        """The text report's certification line is coloured, nothing else."""
        terminal = self._terminal(monkeypatch)
        main(["assess", str(write_example(tmp_path, "flawed")), "--as-of", AS_OF])
        coloured = [line for line in terminal.getvalue().splitlines() if "\033[" in line]
        assert len(coloured) == 1
        assert coloured[0].startswith("\033[31m  Certification: NOT READY")

    @pytest.mark.parametrize(("name", "value"), [("NO_COLOR", "1"), ("TERM", "dumb")])
    def test_no_color_and_dumb_terminals_are_plain(self, monkeypatch, name, value):
        """NO_COLOR (https://no-color.org) or a dumb terminal turn colour off."""
        self._terminal(monkeypatch)
        assert _cli_io.paint("ok", good=True) != "ok"
        monkeypatch.setenv(name, value)
        assert _cli_io.paint("ok", good=True) == "ok"

    def test_only_the_named_line_is_coloured(self, monkeypatch):
        """With a line prefix that no line starts with, the text stays plain."""
        self._terminal(monkeypatch)
        assert _cli_io.paint("a\nb", good=False, line="c") == "a\nb"

    def test_piped_output_is_plain(self, tmp_path, capsys):
        """Piped (not a terminal), the output has no escape codes."""
        main(["validate", str(write_example(tmp_path))])
        assert "\033[" not in capsys.readouterr().out
