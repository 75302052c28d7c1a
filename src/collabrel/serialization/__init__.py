"""Documents in and out: the one cattrs converter, JSON/YAML/TOML, migrations, JSON Schema.

This package is the only place collabrel imports cattrs and the format libraries.
"""

from __future__ import annotations

from collabrel.serialization._converter import make_converter
from collabrel.serialization._formats import FORMATS, Format
from collabrel.serialization._io import dump, dumps, from_data, load, loads, to_data
from collabrel.serialization._migrations import MIGRATIONS, Migration, migrate
from collabrel.serialization._schema import json_schema

__all__ = [
    "FORMATS",
    "MIGRATIONS",
    "Format",
    "Migration",
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
