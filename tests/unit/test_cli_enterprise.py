"""`collabrel assess --enterprise`: plans assessed inheriting from their enterprise plan."""

from __future__ import annotations

import json
from datetime import date

import collabrel
from _cli import AS_OF, write_example
from collabrel import examples
from collabrel.cli import main
from collabrel.report import to_text
from collabrel.serialization import to_data


class TestAssessEnterprise:
    def test_a_plan_naming_it_inherits(self, tmp_path, capsys):
        """The flawed plan's report is the one assessed with its enterprise plan."""
        plan = write_example(tmp_path, "flawed")
        corporate = write_example(tmp_path, "enterprise")
        assert main(["assess", str(plan), "--as-of", AS_OF, "--enterprise", str(corporate)]) == 1
        expected = collabrel.assess(
            examples.load("flawed"),
            as_of=date.fromisoformat(AS_OF),
            enterprise=examples.load("enterprise"),
        )
        assert capsys.readouterr().out == to_text(expected)

    def test_a_plan_naming_another_is_assessed_alone(self, tmp_path, capsys):
        """The alliance names another enterprise plan: it is assessed on its own."""
        plans = [write_example(tmp_path, name) for name in ("alliance", "flawed")]
        corporate = write_example(tmp_path, "enterprise")
        args = ["assess", *map(str, plans), "--as-of", AS_OF, "--enterprise", str(corporate)]
        assert main([*args, "--json"]) == 1
        alliance, flawed = (json.loads(line) for line in capsys.readouterr().out.splitlines())
        profile = next(o for o in flawed["outcomes"] if o["requirement"] == "CBR.S3.PROFILE")
        assert profile["result"] == "conforms"
        alone = collabrel.assess(examples.load("alliance"), as_of=date.fromisoformat(AS_OF))
        assert alliance == to_data(alone)

    def test_it_must_be_an_enterprise_plan(self, tmp_path, capsys):
        """A relationship plan given as --enterprise is refused before anything is assessed."""
        plan = write_example(tmp_path, "flawed")
        args = ["assess", str(plan), "--as-of", AS_OF, "--enterprise", str(plan)]
        assert main(args) == 2
        assert "a relationship plan, not an enterprise plan" in capsys.readouterr().err
