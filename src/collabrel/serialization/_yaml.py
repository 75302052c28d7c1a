"""YAML read safely and written plainly: imported only when a YAML document is read or written.

`collabrel.serialization._formats` imports this module (and PyYAML with it) the first time a
document is read or written as YAML, so reading and writing JSON never loads PyYAML.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any, Final

import yaml

from collabrel.errors import _bounded_repr

_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TAG: Final = "tag:yaml.org,2002:"


class YamlLoader(_BaseLoader):  # type: ignore[misc,valid-type]
    """A safe loader: YAML 1.2 booleans, plain data only, duplicate keys noted.

    YAML 1.1 also reads `on`, `off`, `yes`, `no`, `y` and `n` as booleans, so a field called
    `on` (a measurement's date) or a value `no` would silently become `True` or `False`.
    No tag constructs an object: `!!binary`, `!!set`, `!!omap`, `!!pairs` and every
    `!!python/...` or unknown tag are refused with their line and column. An alias is the
    anchored object itself, not a copy, so an alias bomb stays as small as its text; the
    limits check counts what the aliases would expand to.
    """

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.duplicates: list[tuple[dict[Any, Any], object, int, int]] = []

    def construct_plain_map(self, node: yaml.MappingNode) -> Iterator[dict[Any, Any]]:
        data: dict[Any, Any] = {}
        yield data
        explicit = node.value  # flatten_mapping removes merge keys from this list in place
        value = self.construct_mapping(node)
        data.update(value)
        if len(value) < len(node.value):  # a repeated key, or a merged key written again
            self._note_duplicates(data, explicit)

    def _note_duplicates(self, data: dict[Any, Any], pairs: list[tuple[Any, Any]]) -> None:
        first: dict[Any, Any] = {}
        for key_node, _ in pairs:
            key = self.construct_object(key_node)
            try:
                seen = first.setdefault(key, key_node)
            except TypeError:  # unhashable keys are refused by the constructor itself
                continue
            if seen is not key_node:
                line = seen.start_mark.line + 1
                self.duplicates.append((data, key, line, key_node.start_mark.line + 1))


def _guarded(construct: Callable[[Any, Any], Any]) -> Callable[[Any, Any], Any]:
    """A scalar constructor whose failures are YAML errors with the node's line and column."""

    def guarded(loader: Any, node: yaml.Node) -> Any:
        try:
            return construct(loader, node)
        except yaml.YAMLError:
            raise
        except Exception as exc:
            tag = str(node.tag).replace(_TAG, "!!")
            raise yaml.constructor.ConstructorError(
                None, None, f"{_bounded_repr(node.value)} is not a valid {tag}", node.start_mark
            ) from exc

    return guarded


def _refuse_tag(loader: Any, node: yaml.Node) -> Any:  # noqa: ARG001 - a constructor's signature
    tag = str(node.tag).replace(_TAG, "!!")
    raise yaml.constructor.ConstructorError(
        None, None, f"the tag {_bounded_repr(tag)} is not allowed in a document", node.start_mark
    )


YamlLoader.yaml_constructors = {
    **{
        f"{_TAG}{name}": _guarded(_BaseLoader.yaml_constructors[f"{_TAG}{name}"])
        for name in ("bool", "int", "float", "timestamp")
    },
    f"{_TAG}null": _BaseLoader.yaml_constructors[f"{_TAG}null"],  # reads anything as null
    f"{_TAG}str": _BaseLoader.yaml_constructors[f"{_TAG}str"],
    f"{_TAG}seq": _BaseLoader.yaml_constructors[f"{_TAG}seq"],
    f"{_TAG}map": YamlLoader.construct_plain_map,
    None: _refuse_tag,
}
YamlLoader.yaml_multi_constructors = {}
YamlLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != f"{_TAG}bool"]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}
YamlLoader.add_implicit_resolver(
    f"{_TAG}bool",
    re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"),
)


_Dumper: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def dump(data: Any) -> str:
    """`data` as block-style YAML text, keys in their order, Unicode as written.

    Examples:
        >>> print(dump({"id": "acme", "roles": ["client"]}), end="")
        id: acme
        roles:
        - client
    """
    text: str = yaml.dump(
        data,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=100,
    )
    return text


def syntax_error(exc: Exception) -> tuple[int | None, int | None, object] | None:
    """The line, column and detail of PyYAML's error for text that does not parse.

    `None` when `exc` is not one of those (the line and column count from 1).
    """
    if not isinstance(exc, yaml.MarkedYAMLError):
        return None
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
    return line, column, exc.problem or exc
