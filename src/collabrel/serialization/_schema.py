"""A JSON Schema (Draft 2020-12) of collabrel documents, derived from the model classes."""

from __future__ import annotations

import datetime as dt
import inspect
import types
from enum import Enum
from typing import Any, Final, Union, get_args, get_origin, get_type_hints

import attrs

from collabrel.model import SCHEMA_VERSION, DocumentMeta, RelationshipManagementPlan
from collabrel.model._validators import ID_PATTERN

DIALECT: Final = "https://json-schema.org/draft/2020-12/schema"
_ID_FIELDS: Final = ("id",)
_SCALARS: Final[dict[object, dict[str, str]]] = {
    str: {"type": "string"},
    bool: {"type": "boolean"},
    int: {"type": "integer"},
    float: {"type": "number"},
    dt.datetime: {"type": "string", "format": "date-time"},
    dt.date: {"type": "string", "format": "date"},
    dt.timedelta: {"type": "string", "format": "duration"},
}


def _summary(obj: object) -> str | None:
    doc = inspect.getdoc(obj)
    if not doc:
        return None
    return doc.split("\n\n", 1)[0].replace("\n", " ")


class _Builder:
    def __init__(self) -> None:
        self.defs: dict[str, Any] = {}

    def ref(self, t: Any) -> dict[str, Any]:
        origin = get_origin(t)
        if origin in (Union, types.UnionType):
            args = [a for a in get_args(t) if a is not type(None)]
            inner = self.ref(args[0]) if len(args) == 1 else {"anyOf": [self.ref(a) for a in args]}
            return {"anyOf": [inner, {"type": "null"}]}
        if origin is tuple:
            item = get_args(t)[0]
            return {"type": "array", "items": self.ref(item)}
        scalar = _SCALARS.get(t)
        if scalar is not None:
            return dict(scalar)
        if isinstance(t, type) and issubclass(t, Enum):
            return self._named(t, lambda: self._enum(t))
        if isinstance(t, type) and attrs.has(t):
            return self._named(t, lambda: self._attrs(t))
        msg = f"no JSON Schema for {t!r}"
        raise TypeError(msg)

    def _named(self, t: type, build: Any) -> dict[str, Any]:
        name = t.__name__
        if name not in self.defs:
            self.defs[name] = {}  # placeholder against recursion
            self.defs[name] = build()
        return {"$ref": f"#/$defs/{name}"}

    def _enum(self, t: type[Enum]) -> dict[str, Any]:
        schema: dict[str, Any] = {"enum": [m.value for m in t]}
        doc = _summary(t)
        if doc:
            schema["description"] = doc
        return schema

    def _attrs(self, cls: type) -> dict[str, Any]:
        hints = get_type_hints(cls)
        properties: dict[str, Any] = {}
        required: list[str] = []
        for a in attrs.fields(cls):
            prop = self.ref(hints[a.name])
            if a.name in _ID_FIELDS and hints[a.name] is str:
                prop = {"type": "string", "pattern": ID_PATTERN}
            if cls is DocumentMeta and a.name == "schema_version":
                prop = {"type": "integer", "const": SCHEMA_VERSION}
                required.append(a.name)
            elif a.default is attrs.NOTHING:
                required.append(a.name)
            properties[a.name] = prop
        schema: dict[str, Any] = {
            "type": "object",
            "properties": properties,
            "additionalProperties": False,
        }
        if required:
            schema["required"] = required
        doc = _summary(cls)
        if doc:
            schema["description"] = doc
        return schema


def json_schema(cls: type = RelationshipManagementPlan) -> dict[str, Any]:
    """A JSON Schema (Draft 2020-12) for documents describing `cls` (an RMP by default).

    Editors use it for completion and validation, e.g. with a `# yaml-language-server:
    $schema=...` comment. Dates are written as ISO 8601 in the schema; collabrel also reads
    what people write (`1 March 2026`), which a strict editor may flag.

    Examples:
        >>> schema = json_schema()
        >>> schema["$schema"]
        'https://json-schema.org/draft/2020-12/schema'
        >>> schema["required"]
        ['meta']
        >>> schema["$defs"]["Partner"]["properties"]["role"]
        {'$ref': '#/$defs/PartnerRole'}
        >>> schema["$defs"]["PartnerRole"]["enum"]
        ['client', 'supplier', 'lead_partner', 'partner']
    """
    builder = _Builder()
    builder.ref(cls)
    name = cls.__name__
    root = builder.defs.pop(name)  # the root class is the schema itself, not a definition
    return {
        "$schema": DIALECT,
        "$id": f"https://collabrel.dev/schema/v{SCHEMA_VERSION}/{name}.json",
        "title": name,
        **root,
        "$defs": dict(sorted(builder.defs.items())),
    }
