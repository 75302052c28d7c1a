"""Finding and loading the bundled example documents (package data)."""

from __future__ import annotations

from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Final

from collabrel.errors import CollabrelError
from collabrel.model import RelationshipManagementPlan
from collabrel.serialization import loads

_FILES: Final = {
    "alliance": "alliance.yaml",
    "flawed": "flawed.yaml",
    "consortium": "consortium.yaml",
    "enterprise": "enterprise.yaml",
}


def names() -> tuple[str, ...]:
    """The names of the bundled examples.

    `"alliance"` is a rich five-party alliance; `"flawed"` a bilateral relationship with
    planted flaws; `"consortium"` a multi-party consortium whose governance has planted
    defects; `"enterprise"` the organisation-wide plan of the flawed relationship's client,
    which that relationship plan inherits from. Each file's header lists what it shows.
    """
    return tuple(_FILES)


def path(name: str) -> Traversable:
    """The packaged file of example `name` (a YAML document).

    Raises:
        CollabrelError: If there is no example of that name.
    """
    try:
        filename = _FILES[name]
    except KeyError:
        raise CollabrelError(
            f"no example named {name!r}; the examples are {', '.join(_FILES)}"
        ) from None
    return resources.files(__package__).joinpath("data", filename)


def text(name: str) -> str:
    """The YAML text of example `name`.

    Raises:
        CollabrelError: If there is no example of that name.
    """
    return path(name).read_text(encoding="utf-8")


@cache
def _load(name: str) -> RelationshipManagementPlan:
    return loads(text(name), "yaml", source=f"example {name!r}")


def load(name: str) -> RelationshipManagementPlan:
    """The Relationship Management Plan of example `name` (see `names`).

    The plan is immutable, so every call returns the same parsed object.

    Raises:
        CollabrelError: If there is no example of that name.
    """
    path(name)  # raises for an unknown name before anything is cached
    return _load(name)
