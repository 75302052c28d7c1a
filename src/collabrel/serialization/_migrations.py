"""Schema versions and the migrations that bring an older document up to date."""

from __future__ import annotations

import copy
from collections.abc import Callable, MutableMapping
from typing import Any, Final

from collabrel.errors import DocumentError, Problem
from collabrel.model import SCHEMA_VERSION

Migration = Callable[[dict[str, Any]], dict[str, Any]]
"""A function taking a version-N document (plain data) and returning it at version N+1."""


def _v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    """Version 1 to 2: membership periods, partner events, representations.

    Partners gained membership periods, the history partner events, and people the
    organisations they act for.

    All are optional additions, so a version 1 document means the same at version 2: every
    partner a party throughout (no `joined_on` or `left_on`), no membership events, every
    person acting for their employer alone (no `acts_for`). Only the version number changes
    (`migrate` writes it).
    """
    return data


MIGRATIONS: Final[dict[int, Migration]] = {1: _v1_to_v2}
"""Version N to the migration that lifts a document from N to N+1.

A change to the schema adds its migration here and raises `SCHEMA_VERSION`:

- 1 to 2: partners' membership periods (`joined_on`, `left_on`, `left_because`), the
  `partner_joins` / `partner_leaves` history events, people's representations
  (`acts_for`) and the plan's evidence register (`evidence`), all optional (nothing to
  rewrite). Version 2 was not released before the register joined it, so no reader of
  version 2 refuses a plan with one.
"""


def schema_version_of(data: object, source: str | None) -> int:
    """The `meta.schema_version` of a plain-data RMP document.

    Raises:
        DocumentError: If the document is not a mapping, or the version is missing or not a
            whole number.
    """
    if not isinstance(data, MutableMapping):
        raise DocumentError(
            [Problem("", "expected a mapping of RelationshipManagementPlan fields")],
            source=source,
        )
    meta = data.get("meta")
    if not isinstance(meta, MutableMapping):
        problem = "required field is missing" if meta is None else "expected a mapping"
        raise DocumentError([Problem("meta", problem)], source=source)
    version = meta.get("schema_version")
    if version is None:
        raise DocumentError(
            [Problem("meta.schema_version", "required field is missing")], source=source
        )
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise DocumentError(
            [
                Problem(
                    "meta.schema_version",
                    f"expected a whole number of at least 1 (got {version!r})",
                )
            ],
            source=source,
        )
    return version


def migrate(
    data: dict[str, Any],
    source: str | None,
    migrations: MutableMapping[int, Migration] | None = None,
    target: int = SCHEMA_VERSION,
) -> dict[str, Any]:
    """Bring a plain-data RMP document up to `target`; the input is never changed.

    Raises:
        DocumentError: If the version is newer than this release understands, or no
            migration path exists.
    """
    steps = MIGRATIONS if migrations is None else migrations
    version = schema_version_of(data, source)
    if version > target:
        raise DocumentError(
            [
                Problem(
                    "meta.schema_version",
                    f"version {version} is newer than this collabrel understands "
                    f"({target}); upgrade collabrel to read it",
                )
            ],
            source=source,
        )
    if version == target:
        return data
    current = copy.deepcopy(data)
    while version < target:
        step = steps.get(version)
        if step is None:
            raise DocumentError(
                [Problem("meta.schema_version", f"no migration from version {version}")],
                source=source,
            )
        current = step(current)
        version += 1
        current["meta"]["schema_version"] = version
    return current
