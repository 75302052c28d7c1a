"""Documents in and out: the one cattrs converter, JSON/YAML/TOML, migrations, JSON Schema.

This package is the only place collabrel imports cattrs and the format libraries. Its names
are imported on first use, so a module that only parses text (the conformance catalogues)
does not load cattrs.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from collabrel.serialization._canonical import canonical_json, content_digest, digest_of_data
    from collabrel.serialization._converter import make_converter
    from collabrel.serialization._formats import FORMATS, Format
    from collabrel.serialization._io import dump, dumps, to_data
    from collabrel.serialization._limits import LoadLimits
    from collabrel.serialization._migrations import MIGRATIONS, Migration, migrate
    from collabrel.serialization._reading import from_data, load, loads
    from collabrel.serialization._schema import json_schema

_LAZY: Final[dict[str, str]] = {
    "make_converter": "_converter",
    **dict.fromkeys(("canonical_json", "content_digest", "digest_of_data"), "_canonical"),
    "FORMATS": "_formats",
    "Format": "_formats",
    **dict.fromkeys(("dump", "dumps", "to_data"), "_io"),
    **dict.fromkeys(("from_data", "load", "loads"), "_reading"),
    "LoadLimits": "_limits",
    **dict.fromkeys(("MIGRATIONS", "Migration", "migrate"), "_migrations"),
    "json_schema": "_schema",
}


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        msg = f"module 'collabrel.serialization' has no attribute {name!r}"
        raise AttributeError(msg)
    value = getattr(importlib.import_module(f"collabrel.serialization.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})


__all__ = [
    "FORMATS",
    "MIGRATIONS",
    "Format",
    "LoadLimits",
    "Migration",
    "canonical_json",
    "content_digest",
    "digest_of_data",
    "dump",
    "dumps",
    "from_data",
    "json_schema",
    "load",
    "loads",
    "make_converter",
    "migrate",
    "to_data",
]
