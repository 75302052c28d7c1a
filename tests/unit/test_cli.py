"""The command line: argument handling, exit codes, the demo tour and the report formats."""

from __future__ import annotations

import contextlib
import functools
import io
import json
import re
import subprocess
import sys
from collections import Counter
from datetime import UTC, date, datetime

import attrs
import pytest

import collabrel
from _cli import AS_OF, write_example
from collabrel import _cli_options, cli, examples
from collabrel import _demo as _demo_module
from collabrel.cli import main
from collabrel.model import (
    KPI,
    Direction,
    DocumentMeta,
    Event,
    EventKind,
    Measurement,
    Partner,
    PartnerRole,
    Person,
    Relationship,
    RelationshipKind,
    RelationshipManagementPlan,
    Result,
    Risk,
)
from collabrel.report import to_text


def _a_report():
    return collabrel.assess(examples.load("alliance"), as_of=date.fromisoformat(AS_OF))


def _assert_plain(text):
    assert text.isascii()
    assert all(len(line) < 100 for line in text.splitlines())


class TestMain:
    def test_help_exits_zero(self, capsys):
        """--help prints usage listing the sub-commands and returns 0."""
        assert main(["--help"]) == 0
        out = capsys.readouterr().out
        for command in ("demo", "validate", "assess", "schema", "convert"):
            assert command in out

    def test_no_command_is_a_usage_error(self, capsys):
        """Without a sub-command the exit code is 2 and usage goes to stderr."""
        assert main([]) == 2
        assert "usage:" in capsys.readouterr().err

    def test_python_dash_m_runs_the_demo(self):
        """`python -m collabrel demo` runs the command line."""
        done = subprocess.run(  # noqa: S603 - a fixed command line
            [sys.executable, "-m", "collabrel", "demo", "--as-of", AS_OF],
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        assert "Northern Rail Renewals Alliance" in done.stdout

    def test_closed_output_pipe_is_quiet(self, monkeypatch, capsys):
        """When the reader of stdout goes away the command stops quietly with exit 2."""

        class ClosedPipe(io.StringIO):
            def write(self, _text):
                raise BrokenPipeError(32, "Broken pipe")

        monkeypatch.setattr(sys, "stdout", ClosedPipe())
        assert main(["schema"]) == 2
        assert capsys.readouterr().err == ""

    def test_closed_pipe_redirects_the_real_stream(self, monkeypatch, tmp_path):
        """After a broken pipe, stdout's file descriptor points at the null device."""
        with (tmp_path / "out.txt").open("w") as target:

            class ClosedPipe(io.StringIO):
                def write(self, _text):
                    raise BrokenPipeError(32, "Broken pipe")

                def fileno(self):
                    return target.fileno()

            monkeypatch.setattr(sys, "stdout", ClosedPipe())
            assert main(["schema"]) == 2
            target.write("after")
        assert (tmp_path / "out.txt").read_text() == ""


class TestExitCode:
    @pytest.mark.parametrize(("code", "expected"), [(None, 0), (0, 0), (2, 2), ("stop", 2)])
    def test_maps_system_exit_codes(self, code, expected, capsys):
        """A SystemExit code becomes an exit code; a message goes to stderr as 2."""
        assert cli._exit_code(code) == expected
        assert capsys.readouterr().err == ("stop\n" if code == "stop" else "")


class TestUnexpectedErrors:
    """A bug in a command ends in one line and its own exit code, never a traceback."""

    @staticmethod
    def _failing(monkeypatch, exc):
        def broken(_rmp, _as_of):
            raise exc

        monkeypatch.setattr(cli, "demo_lines", broken)

    @pytest.mark.parametrize(
        "exc",
        [
            AttributeError("'NoneType' object has no attribute 'x'"),
            KeyError("k"),
            ZeroDivisionError(),
        ],
        ids=lambda e: type(e).__name__,
    )
    def test_internal_error_is_one_line(self, monkeypatch, capsys, exc):
        """Any other exception is reported as an internal error with exit code 3."""
        self._failing(monkeypatch, exc)
        assert main(["demo"]) == cli.EXIT_INTERNAL == 3
        err = capsys.readouterr().err
        assert err.startswith(f"collabrel: internal error: {type(exc).__name__}: ")
        assert err.endswith("; please report it\n")
        assert err.count("\n") == 1
        assert "Traceback" not in err

    def test_message_is_bounded(self, monkeypatch, capsys):
        """Only the message's first line is shown, cut to 200 characters."""
        self._failing(monkeypatch, RuntimeError("x" * 10_000 + "\nsecond line"))
        assert main(["demo"]) == cli.EXIT_INTERNAL
        err = capsys.readouterr().err
        assert "second line" not in err
        assert len(err) < 300

    def test_unprintable_message(self, monkeypatch, capsys):
        """An exception whose message cannot be made still gives one line."""

        class UnprintableError(Exception):
            def __str__(self):
                raise ValueError

        self._failing(monkeypatch, UnprintableError())
        assert main(["demo"]) == cli.EXIT_INTERNAL
        assert capsys.readouterr().err == (
            "collabrel: internal error: UnprintableError: (no message); please report it\n"
        )

    def test_keyboard_interrupt_is_quiet(self, monkeypatch, capsys):
        """Ctrl-C ends the command with 130 and prints nothing."""
        self._failing(monkeypatch, KeyboardInterrupt())
        assert main(["demo"]) == cli.EXIT_INTERRUPTED == 130
        assert capsys.readouterr().err == ""

    def test_collabrel_errors_stay_errors(self, monkeypatch, capsys):
        """A collabrel error is still a plain error with exit code 2."""
        self._failing(monkeypatch, collabrel.MetricsError("cannot compute"))
        assert main(["demo"]) == cli.EXIT_ERROR
        assert capsys.readouterr().err == "collabrel: error: cannot compute\n"

    def test_python_dash_m_prints_no_traceback(self, tmp_path):
        """Run as a program, an internal error exits 3 with one line on stderr."""
        script = (
            "import sys, collabrel.cli as c\n"
            "c.demo_lines = lambda *a: 1 / 0\n"
            "sys.exit(c.main(['demo']))\n"
        )
        done = subprocess.run(  # noqa: S603 - a fixed command line
            [sys.executable, "-c", script],
            capture_output=True,
            text=True,
            check=False,
            cwd=tmp_path,
        )
        assert done.returncode == cli.EXIT_INTERNAL
        assert done.stderr.startswith("collabrel: internal error: ZeroDivisionError: ")
        assert "Traceback" not in done.stderr


class TestExitCodeTable:
    def test_reference_table_matches_the_constants(self):
        """main's table (the CLI reference) lists each EXIT_ constant with its meaning."""
        rows = re.findall(
            r"^ *\| (\d+) \| `(EXIT_\w+)` \| (.+) \|$", main.__doc__ or "", re.MULTILINE
        )
        constants = {
            name: value
            for name, value in vars(cli).items()
            if name.startswith("EXIT_") and isinstance(value, int)
        }
        assert {(int(code), name, meaning) for code, name, meaning in rows} == {
            (value, name, cli.EXIT_CODES[value]) for name, value in constants.items()
        }
        assert len(rows) == len(constants) == len(cli.EXIT_CODES)
        assert [int(code) for code, _, _ in rows] == sorted(cli.EXIT_CODES)


@functools.cache
def _demo(*args):
    """What `collabrel demo ARGS` prints (it must exit 0); each command line runs once."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["demo", *args]) == 0
    return out.getvalue()


DEMO_SAYS = {
    "alliance": (
        "Senior Executives Responsible: Helen Okafor (nmri), Gareth Pryce (brackwell)",
        "[lead_partner] Brackwell Civil Engineering Ltd (brackwell)",
        "  5 Working together (engagement, joint; lifecycle: completed)",
        "realised 6,400,000 (53%)",
        "by partner: nmri 3,200,000; brackwell 1,280,000",
        "     16  4 x 4  risk-02",
        "KPIs as of 2026-10-31: 5 on track, 1 at risk, 1 off track",
        "forecast 357.4 on 2027-03-31",
        "  2026-05-29      72.8     66.7     79.0   -12.3",
        "perception gap: overall -12.3; largest on Trust (-37.5), rated lower by the",
        "least mature: Exit strategy",
        "Exit readiness 100/100",
        "14 of 14 elements in place",
        "     1 Brackwell Civil Engineering Ltd      81.0  proceed ",
        "     5 Fairhaven Plant Services Ltd         54.0  do not proceed ",
        "cand-brackwell stays the winner in 100% of 1,000 random weight sets",
        "rank reversal when one candidate is removed: none",
        "Iteration: Partner selection reopened on 2024-10-21 by Helen Okafor",
        "Concurrency: at most 3 stages active at once, first on 2024-04-22",
        "    4 Partner selection       completed       2024-06-10  2024-12-13",
        "2025-04-01 start Staying together: refused; went ahead by override of Helen",
        "[LC.ORDER] Staying together cannot start before Value creation is done",
        "without it, step() raises TransitionRefusedError",
        "activate exit: allowed",
        "Governance findings: 0 major, 0 minor, 6 observations",
        "  amt -> aeb: joint_management_team, 6 members from 5 partners",
        "  no nonconformities",
        "Conformance readiness (iso44001:2017, as of 2026-10-31)",
        "  Certification: ready (no major nonconformity; every stage agreed)",
        "    5 Working together        completed     ",
        "\n      gaps: CBR.S",
    ),
    "flawed": (
        "Senior Executives Responsible: none",
        "OVERDUE 2026-05-31",
        "[ ] exit triggers agreed (0 triggers)",
        "5 of 14 elements in place",
        "Relationship health: no survey responses recorded",
        "Partner selection: cannot be scored: the plan has no partner-selection",
        "3 Internal assessment (strategic; lifecycle: not applicable)",
        "2 refused by the guards (2 without a recorded",
        "complete Working together: REFUSED",
        "[LC.S5.JOINT_RMP] missing: the joint RMP is recorded and signed",
        "risk owners come from 1 partner of 2",
        "MAJOR GOV.ESCALATION.CYCLE: Escalation loops: jmt -> board -> jmt",
        "MAJOR GOV.RACI.MULTIPLE_ACCOUNTABLE",
        "  Certification: NOT READY: ",
        "    5 Working together        in progress            9%  NO  ",
    ),
    "consortium": (
        "Governance findings: 3 major, 10 minor, 5 observations",
        "  wg-ecology (top): working_group, 1 member from 1 partner",
        "MAJOR GOV.ESCALATION.NO_ROUTE: Organisation Quayside Environmental LLP",
        "MAJOR GOV.SPOF.PERSON: Every escalation route of Harrowgate",
        "MINOR GOV.SUBCONTRACT.TOO_DEEP",
    ),
}
"""What the demo of each example says, among the rest."""


class TestDemo:
    @pytest.mark.parametrize("example", sorted(DEMO_SAYS))
    def test_summary(self, example):
        """Each demo summarises parties, stages, value, risks, KPIs, exit, history, governance."""
        out = _demo("--example", example, "--as-of", AS_OF)
        for expected in DEMO_SAYS[example]:
            assert expected in out
        _assert_plain(out)

    def test_alliance_summary_shape(self):
        """The alliance demo starts with its name and shows one KPI off track."""
        out = _demo("--example", "alliance", "--as-of", AS_OF)
        assert out.startswith("Northern Rail Renewals Alliance\n")
        assert out.count("OFF TRACK") == 1

    def test_flawed_summary_marks_missing_records(self):
        """The flawed demo marks a missing record as such in the stage table."""
        out = _demo("--example", "flawed", "--as-of", AS_OF)
        assert any(line.split()[:2] == ["ser_appointment", "--"] for line in out.splitlines())

    def test_flawed_findings_close_the_demo(self):
        """Every demo ends with the flawed example's nonconformities, explained."""
        out = _demo("--as-of", AS_OF)
        report = collabrel.assess(examples.load("flawed"), as_of=date.fromisoformat(AS_OF))
        count = Counter(f.result for f in report.findings)
        section = out.split("Conformance findings of the flawed example", 1)[1]
        assert section.startswith(
            f" (iso44001:2017, 2026-10-31): {report.tally.major} major,"
            f" {report.tally.minor} minor\n"
        )
        assert section.count("\n  MAJOR ") == count[Result.MAJOR]
        assert section.count("\n  MINOR ") == count[Result.MINOR]
        assert "  OBS " not in section
        joint_rmp = section.split("  MAJOR CBR.S5.JOINT_RMP: ", 1)[1].split("\n  MAJOR ", 1)[0]
        assert joint_rmp.startswith(
            "Joint relationship management plan: the joint RMP is signed by every\n"
            "        partner: no (signed by gha; not by tidemark)"
        )
        assert "        where: stages.working_together.joint_rmp.signatories" in joint_rmp
        assert "        remedy: have every partner sign the joint relationship" in joint_rmp
        observations = [f.requirement for f in report.findings if f.result is Result.OBSERVATION]
        assert (
            f"(and {len(observations)} observations: {', '.join(observations)}; `collabrel"
            in section
        )
        assert out.endswith("prints them all)\n")
        _assert_plain(out)

    def test_alliance_is_the_default(self):
        """Without --example the demo shows the alliance."""
        assert _demo("--as-of", AS_OF).startswith("Northern Rail Renewals Alliance")

    def test_findings_section_without_nonconformities(self, monkeypatch):
        """Were the flawed example clean, the findings section would say so."""
        monkeypatch.setattr(_demo_module, "load_example", lambda _name: examples.load("alliance"))
        lines = _demo_module._flawed_findings(date.fromisoformat(AS_OF))
        assert lines[0].endswith(": 0 major, 2 minor")
        assert lines[1].startswith("  MINOR CBR.S5.PERFORMANCE: Performance measurement:")
        assert lines[-1].startswith("  (and 1 observation: CBR.S7.MEASUREMENT;")
        no_findings = attrs.evolve(_a_report(), findings=())
        monkeypatch.setattr(_demo_module, "assess", lambda *_a, **_k: no_findings)
        assert _demo_module._flawed_findings(date.fromisoformat(AS_OF))[1:] == [
            "  no nonconformities"
        ]

    def test_as_of_limits_what_has_happened(self):
        """An earlier --as-of leaves out later events and measurements."""
        out = _demo("--as-of", "2024-12-31")
        assert "15 events from 2024-01-15 to 2024-12-13; 0 overrides" in out
        assert "(3 events after 2024-12-31 not counted)" in out
        assert "no data" in out

    def test_default_as_of_is_today(self, capsys):
        """Without --as-of the demo judges the plan as of today."""
        assert main(["demo"]) == 0
        assert "As of: " in capsys.readouterr().out

    def test_unknown_example(self, capsys):
        """An unknown example exits with 2 and a one-line message, no traceback."""
        assert main(["demo", "--example", "nope"]) == 2
        captured = capsys.readouterr()
        assert "no example named 'nope'" in captured.err
        assert "Traceback" not in captured.err
        assert captured.out == ""

    def test_bad_as_of(self, capsys):
        """A malformed --as-of is a usage error (exit 2)."""
        assert main(["demo", "--as-of", "31/10/2026"]) == 2
        assert "expected a date such as 2026-10-31" in capsys.readouterr().err


class TestValidate:
    @pytest.mark.parametrize("name", ["alliance", "flawed"])
    def test_valid_document(self, tmp_path, capsys, name):
        """A valid document prints ok and a one-line summary and exits 0."""
        path = write_example(tmp_path, name)
        assert main(["validate", str(path)]) == 0
        out = capsys.readouterr().out
        assert out.startswith(f"ok: {path}: ")
        assert len(out.splitlines()) == 1

    def test_summary_counts(self, tmp_path, capsys):
        """The summary names the relationship and counts its parts."""
        path = write_example(tmp_path)
        main(["validate", str(path)])
        out = capsys.readouterr().out
        assert "'Northern Rail Renewals Alliance' (alliance): 6 partners, 14 people" in out

    def test_history_that_cannot_replay_is_invalid(self, tmp_path, capsys):
        """A well-formed plan whose history could not have happened is reported with its path."""
        rmp = examples.load("alliance")
        first = rmp.history[0]
        broken = attrs.evolve(
            rmp, history=[*rmp.history, attrs.evolve(first, kind=EventKind.COMPLETE, at=first.at)]
        )
        path = tmp_path / "broken-history.yaml"
        collabrel.dump(broken, path)
        assert main(["validate", str(path)]) == 1
        out = capsys.readouterr().out
        assert out.splitlines()[0] == f"invalid: {path}: 1 problem"
        assert f"history[{len(rmp.history)}].at: " in out
        assert "earlier than the last event" in out

    def test_invalid_document_lists_every_problem(self, tmp_path, capsys):
        """A broken document lists every problem, shape and references, and exits 1."""
        path = tmp_path / "broken.yaml"
        path.write_text(
            "meta: {schema_version: 1, title: Broken, issued_on: not a date}\n"
            "relationship:\n"
            "  id: r1\n"
            "  name: Broken\n"
            "  kind: alliance\n"
            "  partners: [{id: a, name: A, role: client}, {id: b, name: B, role: boss}]\n"
            "  risks: [{id: r, title: T, owner: a, likelihood: 9, impact: 2}]\n",
            encoding="utf-8",
        )
        assert main(["validate", str(path)]) == 1
        out = capsys.readouterr().out
        assert out.startswith(f"invalid: {path}: 5 problems")
        for where in (
            "meta.issued_on",
            "meta.author",
            "relationship.partners[1].role",
            "relationship.risks[0].likelihood",
            "relationship.risks[0].owner",  # a reference problem, listed with the shape ones
        ):
            assert f"  {where}: " in out

    def test_unparsable_document(self, tmp_path, capsys):
        """Text that is not YAML at all is reported as a problem (exit 1)."""
        path = tmp_path / "junk.yaml"
        path.write_text("meta: [unclosed\n", encoding="utf-8")
        assert main(["validate", str(path)]) == 1
        assert "invalid YAML" in capsys.readouterr().out

    def test_missing_file(self, tmp_path, capsys):
        """A missing file exits with 2 and names the file, no traceback."""
        missing = tmp_path / "missing.yaml"
        assert main(["validate", str(missing)]) == 2
        err = capsys.readouterr().err
        assert err.startswith("collabrel: error: ")
        assert str(missing) in err
        assert "Traceback" not in err

    def test_unknown_suffix(self, tmp_path, capsys):
        """A file whose format cannot be told from its suffix exits with 2."""
        path = tmp_path / "plan.txt"
        path.write_text("{}", encoding="utf-8")
        assert main(["validate", str(path)]) == 2
        assert "cannot tell the format" in capsys.readouterr().err


class TestAssess:
    @pytest.mark.parametrize(("name", "code"), [("alliance", 0), ("flawed", 1)])
    def test_prints_the_text_report(self, tmp_path, capsys, name, code):
        """The text report is printed; exit 0 when ready for certification, 1 when not."""
        path = write_example(tmp_path, name)
        assert main(["assess", str(path), "--as-of", AS_OF]) == code
        out = capsys.readouterr().out
        report = collabrel.assess(examples.load(name), as_of=date.fromisoformat(AS_OF))
        assert out == to_text(report)
        _assert_plain(out)

    def test_standard(self, tmp_path, capsys):
        """--standard assesses against BS 11000-1."""
        path = write_example(tmp_path, "flawed")
        args = ["assess", str(path), "--as-of", AS_OF, "--standard", "bs11000-1:2010"]
        assert main(args) == 1
        assert "Standard: bs11000-1:2010, catalogue version 1" in capsys.readouterr().out

    @pytest.mark.parametrize(
        ("fmt", "start", "needle"),
        [
            ("markdown", "# Conformance report: Greywater", "`stages.awareness.ser_appointment`"),
            ("html", "<!DOCTYPE html>", "<code>stages.awareness.ser_appointment</code>"),
            ("json", "{", '"stages.awareness.ser_appointment"'),
            ("text", "Conformance report: Greywater", "where: stages.awareness.ser_appointment"),
        ],
    )
    def test_formats(self, tmp_path, capsys, fmt, start, needle):
        """Each format prints the report; the exit code is the same."""
        path = write_example(tmp_path, "flawed")
        assert main(["assess", str(path), "--as-of", AS_OF, "--format", fmt]) == 1
        out = capsys.readouterr().out
        assert out.startswith(start)
        assert needle in out
        assert out.endswith("\n")
        assert not out.endswith("\n\n")

    def test_json_reads_back(self, tmp_path, capsys):
        """The JSON report loads back into an equal ConformanceReport."""
        path = write_example(tmp_path, "flawed")
        main(["assess", str(path), "--as-of", AS_OF, "--format", "json"])
        report = collabrel.loads(capsys.readouterr().out, cls=collabrel.ConformanceReport)
        assert report == collabrel.assess(examples.load("flawed"), as_of=date.fromisoformat(AS_OF))

    @pytest.mark.parametrize(
        ("name", "fmt", "start"),
        [
            ("report.html", None, "<!DOCTYPE html>"),
            ("report.md", None, "# Conformance report"),
            ("report.json", None, "{"),
            ("report.txt", None, "Conformance report"),
            ("report.html", "markdown", "# Conformance report"),
        ],
    )
    def test_output(self, tmp_path, capsys, name, fmt, start):
        """--output writes the report in the format of its suffix unless --format is given."""
        path = write_example(tmp_path)
        target = tmp_path / name
        args = ["assess", str(path), "--as-of", AS_OF, "--output", str(target)]
        assert main(args + (["--format", fmt] if fmt else [])) == 0
        out = capsys.readouterr().out
        assert out == (f"wrote {target} ({path}: ready for certification against iso44001:2017)\n")
        assert target.read_text(encoding="utf-8").startswith(start)
        assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []

    def test_output_keeps_permissions(self, tmp_path, capsys):
        """Writing over an existing report keeps its permissions; a new one follows the umask."""
        path = write_example(tmp_path, "flawed")
        target = tmp_path / "report.md"
        main(["assess", str(path), "--as-of", AS_OF, "--output", str(target)])
        assert target.stat().st_mode & 0o077 != 0 or sys.platform == "win32"
        target.chmod(0o640)
        main(["assess", str(path), "--as-of", AS_OF, "--output", str(target)])
        assert target.stat().st_mode & 0o777 == 0o640 or sys.platform == "win32"
        capsys.readouterr()

    def test_output_folder_missing(self, tmp_path, capsys):
        """An output in a folder that does not exist exits 2 naming the file."""
        path = write_example(tmp_path)
        target = tmp_path / "missing" / "report.md"
        assert main(["assess", str(path), "--output", str(target)]) == 2
        err = capsys.readouterr().err
        assert err == f"collabrel: error: No such file or directory: {target}\n"

    def test_missing_file(self, tmp_path, capsys):
        """A missing document exits 2 with a one-line message."""
        missing = tmp_path / "missing.yaml"
        assert main(["assess", str(missing)]) == 2
        captured = capsys.readouterr()
        assert captured.err == f"collabrel: error: No such file or directory: {missing}\n"
        assert captured.out == ""

    def test_invalid_document(self, tmp_path, capsys):
        """A document that does not load exits 2 and lists its problems, no traceback."""
        path = tmp_path / "broken.yaml"
        path.write_text("meta: {schema_version: 1, title: Broken}\n", encoding="utf-8")
        assert main(["assess", str(path)]) == 2
        captured = capsys.readouterr()
        assert captured.err.startswith("collabrel: error: ")
        assert "meta.issued_on" in captured.err
        assert "Traceback" not in captured.err
        assert captured.out == ""

    def test_unknown_standard(self, tmp_path, capsys):
        """An unknown --standard is a usage error naming the standards there are."""
        path = write_example(tmp_path)
        assert main(["assess", str(path), "--standard", "iso9001"]) == 2
        err = capsys.readouterr().err
        assert (
            "argument --standard: unknown standard 'iso9001' (choose from bs11000-1:2010,"
            " iso44001:2017)" in err
        )

    @pytest.mark.parametrize(
        ("option", "value", "message"),
        [
            ("--format", "pdf", "invalid choice: 'pdf'"),
            ("--as-of", "31/10/2026", "expected a date such as 2026-10-31"),
        ],
    )
    def test_bad_options(self, tmp_path, capsys, option, value, message):
        """A bad --format or --as-of is a usage error (exit 2)."""
        path = write_example(tmp_path)
        assert main(["assess", str(path), option, value]) == 2
        assert message in capsys.readouterr().err

    def test_failed_write_leaves_no_temporary_file(self, tmp_path, capsys, monkeypatch):
        """When the report cannot be moved into place, the exit code is 2 and nothing is left."""
        path = write_example(tmp_path)
        target = tmp_path / "report.md"

        def refuse(self, _target):
            raise PermissionError(13, "Permission denied", str(target))

        monkeypatch.setattr(cli.Path, "replace", refuse)
        assert main(["assess", str(path), "--output", str(target)]) == 2
        assert "Permission denied" in capsys.readouterr().err
        assert sorted(p.name for p in tmp_path.iterdir()) == ["alliance.yaml"]

    def test_default_as_of_is_today(self, tmp_path, capsys):
        """Without --as-of the plan is judged as of today."""
        path = write_example(tmp_path)
        main(["assess", str(path)])
        assert f"As of: {_cli_options.today().isoformat()}" in capsys.readouterr().out


class TestSchema:
    def test_prints_json_schema(self, capsys):
        """The schema command prints the JSON Schema of plans as JSON."""
        assert main(["schema"]) == 0
        schema = json.loads(capsys.readouterr().out)
        assert schema == collabrel.json_schema()
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


class TestConvert:
    def test_yaml_to_toml_to_json_round_trip(self, tmp_path, capsys):
        """Converting YAML to TOML to JSON keeps the plan unchanged."""
        src = write_example(tmp_path)
        toml_path = tmp_path / "alliance.toml"
        json_path = tmp_path / "alliance.json"
        assert main(["convert", str(src), str(toml_path)]) == 0
        assert main(["convert", str(toml_path), str(json_path)]) == 0
        assert f"wrote {json_path}" in capsys.readouterr().out
        json.loads(json_path.read_text(encoding="utf-8"))
        assert collabrel.load(json_path) == examples.load("alliance")

    def test_missing_source(self, tmp_path, capsys):
        """A missing source exits with 2 and writes nothing."""
        dst = tmp_path / "out.json"
        assert main(["convert", str(tmp_path / "none.yaml"), str(dst)]) == 2
        assert "No such file" in capsys.readouterr().err
        assert not dst.exists()

    def test_unknown_target_format(self, tmp_path, capsys):
        """An unknown target suffix exits with 2."""
        src = write_example(tmp_path)
        assert main(["convert", str(src), str(tmp_path / "out.xml")]) == 2
        assert "cannot tell the format" in capsys.readouterr().err


def _kpi(kpi_id, name, direction, *values):
    """A KPI in %, target 1, measured at the ends of January and February 2025."""
    days = (date(2025, 1, 31), date(2025, 2, 28))
    measured = [Measurement(on=day, value=value) for day, value in zip(days, values, strict=False)]
    return KPI(id=kpi_id, name=name, unit="%", target=1, direction=direction, measurements=measured)


def _minimal_plan():
    at = datetime(2025, 1, 6, 9, 0, tzinfo=UTC)
    partners = [("a", "A Ltd", PartnerRole.CLIENT), ("b", "B Ltd", PartnerRole.SUPPLIER)]
    relationship = Relationship(
        id="r",
        name="Minimal relationship",
        kind=RelationshipKind.BILATERAL,
        partners=[Partner(id=i, name=name, role=role) for i, name, role in partners],
        people=[Person(id="p", name="Pat", partner_id="a")],
        risks=[Risk(id="k", title="Something", owner="p", likelihood=1, impact=1)],
        kpis=[
            _kpi("none", "Never measured", Direction.INCREASE),
            _kpi("one", "Measured once", Direction.INCREASE, 0.5),
            _kpi("flat", "Flat", Direction.DECREASE, 2, 2),
        ],
    )
    return RelationshipManagementPlan(
        meta=DocumentMeta(title="Minimal", issued_on=date(2025, 1, 1), author="me"),
        relationship=relationship,
        history=[
            Event(kind=EventKind.START, at=at, actor="p"),
            Event(kind=EventKind.ACTIVATE_EXIT, at=at, actor="p"),
        ],
    )


class TestDemoLines:
    def test_template_plan(self, template):
        """A template plan without a relationship is summarised without failing."""
        text = "\n".join(_demo_module.demo_lines(template, date(2025, 6, 1)))
        for expected in (
            "Corporate template",
            "not approved by anyone",
            "Parties: none (a template plan has no relationship)",
            "Value propositions: none",
            "Risks: none recorded",
            "KPIs: none defined",
            "[ ] no exit plan recorded",
            "no lifecycle events yet: every stage is not started",
            "Governance: none (a template plan has no relationship)",
        ):
            assert expected in text
        assert (
            cli._one_line_summary(template)
            == "template plan 'Corporate template', 0 lifecycle events"
        )

    def test_minimal_relationship(self):
        """Gaps in a small plan are shown as such rather than failing."""
        text = "\n".join(_demo_module.demo_lines(_minimal_plan(), date(2025, 6, 1)))
        assert "      (no people named)" in text
        assert "Senior Executives Responsible: none" in text
        assert text.count(" no date") == 1
        assert "Never measured" in text
        assert "no data" in text
        lines = {line.split()[0]: line for line in text.splitlines() if line.startswith("  ")}
        assert lines["Measured"].endswith("OFF TRACK  -")
        assert lines["Flat"].rstrip().endswith("OFF TRACK  steady")
        assert "the history cannot be replayed: history[0].stage: a start event must name" in text
        assert "lifecycle: unknown (see the history)" in text


class TestDemoMetrics:
    def test_metrics_that_cannot_be_computed_are_said_so(self):
        """Selection without evaluations and maturity on another scale are reported, not raised."""
        from attrs import evolve  # noqa: PLC0415

        from collabrel.model import MaturityAssessment  # noqa: PLC0415

        rmp = examples.load("alliance")
        stages = evolve(
            rmp.stages,
            partner_selection=evolve(rmp.stages.partner_selection, evaluations=[], decision=None),
            staying_together=evolve(
                rmp.stages.staying_together,
                maturity_assessments=[
                    MaturityAssessment(assessed_on=date(2026, 1, 1), scale_max=4)
                ],
            ),
        )
        text = "\n".join(_demo_module.demo_lines(evolve(rmp, stages=stages), date(2026, 10, 31)))
        assert "Partner selection: no candidate has been evaluated" in text
        assert (
            "Maturity: cannot be profiled: the assessment of 2026-01-01 uses levels up to 4" in text
        )
