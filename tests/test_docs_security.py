"""The pages that list the loading limits list every `LoadLimits` field with its default.

`LoadLimits` is the one source of the limits: a field added, renamed or given a new default
fails here until the tables of the security page and the how-to say the same.
"""

from __future__ import annotations

import re
from pathlib import Path

import attrs
import pytest

from collabrel import LoadLimits

DOCS = Path(__file__).resolve().parent.parent / "docs"
PAGES = ("explanation/security.md", "how-to/load-validate-save.md")
_ROW = re.compile(r"^\|\s*`(max_\w+)`\s*\|\s*([\d,]+)\s*\|", re.MULTILINE)


@pytest.mark.parametrize("page", PAGES)
def test_the_limits_table_names_every_field_and_its_default(page: str) -> None:
    rows = {
        name: int(default.replace(",", ""))
        for name, default in _ROW.findall((DOCS / page).read_text(encoding="utf-8"))
    }
    defaults = {f.name: f.default for f in attrs.fields(LoadLimits)}
    assert rows == defaults


def test_security_policy_points_to_the_threat_model() -> None:
    policy = (DOCS.parent / "SECURITY.md").read_text(encoding="utf-8")
    assert "docs/explanation/security.md" in policy
    assert (DOCS / "explanation" / "security.md").is_file()
