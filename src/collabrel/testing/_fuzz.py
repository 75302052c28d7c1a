r"""A mutation fuzzer for document loading: broken, hostile variants of a valid document.

Two functions make the engine, and they are all a fuzzing loop needs:

- `mutate` takes a document's text and a `random.Random` and returns a variant (text, or
  bytes when a mutation breaks the encoding), made by one to three mutations from
  `MUTATIONS`: bit flips, truncation, duplicated and deleted spans, deep nesting, long
  strings where dates and numbers belong, YAML aliases and tags, duplicate keys, stray bytes.
- `check` loads a variant and returns `None` when the outcome is allowed (an object, or a
  `CollabrelError`), or a one-line description of the exception that escaped.

It imports neither hypothesis nor the examples: the caller chooses the seed documents and the
random source, so the same engine serves the short property test in the suite and a long
fuzzing run over many processes.

Examples:
    >>> import random
    >>> variant = mutate("meta:\\n  schema_version: 1\\n", random.Random(7), "yaml")
    >>> check(variant, "yaml") is None
    True
"""

from __future__ import annotations

import itertools
import random
import re
from collections.abc import Callable
from typing import Final

from collabrel.errors import CollabrelError
from collabrel.serialization._formats import Format
from collabrel.serialization._reading import loads

Mutation = Callable[[str, random.Random, Format], str | bytes]
"""Makes one variant of a document's text (in a format) with a random source."""

_DATE: Final = re.compile(r"\d{4}-\d{2}-\d{2}(?:T[0-9:.]+(?:Z|[+-]\d{2}:\d{2})?)?")
_NUMBER: Final = re.compile(r"(?<![\w.-])\d+(?:\.\d+)?(?![\w.-])")
_TAGS: Final = (
    "!!timestamp",
    "!!bool",
    "!!int",
    "!!float",
    "!!null",
    "!!str",
    "!!seq",
    "!!map",
    "!!binary",
    "!!set",
    "!!omap",
    "!!pairs",
    "!!merge",
    "!!python/object/apply:os.system",
    "!!python/name:builtins.print",
    "!local",
    "!<tag:example.com,2026:x>",
)
_LOOPED: Final = 0.2
"""How often the alias mutation writes an anchor used inside itself instead of a bomb."""
_BYTES: Final = (b"\x00", b"\xff", b"\xef\xbb\xbf", b"\xc3", b"\xed\xa0\x80", b"\r", b"\t")


def _encode(text: str) -> bytes:
    """The bytes of `text`, undecodable bytes a mutation put in it included."""
    try:
        return text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogatepass")


def _spot(text: str, rng: random.Random) -> int:
    return rng.randrange(len(text) + 1)


def _flip_bits(text: str, rng: random.Random, _fmt: Format) -> bytes:
    data = bytearray(_encode(text))
    for _ in range(rng.randint(1, 8)):
        if data:
            data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
    return bytes(data)


def _truncate(text: str, rng: random.Random, _fmt: Format) -> str:
    return text[: _spot(text, rng)]


def _duplicate_span(text: str, rng: random.Random, _fmt: Format) -> str:
    start = _spot(text, rng)
    span = text[start : start + rng.randint(1, 2000)]
    at = _spot(text, rng)
    return text[:at] + span * rng.randint(1, 3) + text[at:]


def _delete_span(text: str, rng: random.Random, _fmt: Format) -> str:
    start = _spot(text, rng)
    return text[:start] + text[start + rng.randint(1, 500) :]


def _nest_deeply(text: str, rng: random.Random, fmt: Format) -> str:
    depth = rng.choice((70, 1_000, 20_000))
    if fmt == "toml":
        nested = "x = " + "[" * depth + "]" * depth + "\n"
    elif fmt == "json":
        nested = '{"x": ' * depth + "1" + "}" * depth
    else:
        nested = "[" * depth + "]" * depth
    return _replace_value(text, rng, fmt, nested)


def _replace_value(text: str, rng: random.Random, fmt: Format, value: str) -> str:
    """`text` with one value (after a `:` or `=`) replaced by `value`, or `value` inserted."""
    marks = [
        m.end()
        for m in re.finditer(r"(?::[ ]|= )", text)
        if fmt == "json" or "#" not in text[text.rfind("\n", 0, m.start()) + 1 : m.start()]
    ]  # a value, not a `key: ` written in a YAML or TOML comment
    if not marks:
        at = _spot(text, rng)
        return text[:at] + value + text[at:]
    at = rng.choice(marks)
    end = text.find("\n", at)
    end = len(text) if end < 0 else end
    if fmt == "json":
        end = at + len(re.match(r'"(?:[^"\\]|\\.)*"|[^,}\]\n]*', text[at:]).group())  # type: ignore[union-attr]
    return text[:at] + value + text[end:]


def _long_date(text: str, rng: random.Random, fmt: Format) -> str:
    digits = "1" * rng.choice((65, 5_000, 1_000_000))
    found = list(_DATE.finditer(text))
    if not found:
        return _replace_value(text, rng, fmt, f'"{digits}"')
    m = rng.choice(found)
    return text[: m.start()] + digits + text[m.end() :]


def _long_number(text: str, rng: random.Random, fmt: Format) -> str:
    digits = "9" * rng.choice((20, 4_301, 100_000)) + rng.choice(("", ".5", "e999", "e-999"))
    found = list(_NUMBER.finditer(text))
    if not found:
        return _replace_value(text, rng, fmt, digits)
    m = rng.choice(found)
    return text[: m.start()] + digits + text[m.end() :]


def _long_string(text: str, rng: random.Random, fmt: Format) -> str:
    size = rng.choice((1_000, 1_000_001))
    return _replace_value(text, rng, fmt, '"' + rng.choice("ax é") * size + '"')


def _alias(text: str, rng: random.Random, fmt: Format) -> str:
    if fmt != "yaml":
        return _duplicate_span(text, rng, fmt)
    width, levels = rng.choice(((2, 3), (9, 9), (10, 12)))
    names = [f"a{level}" for level in range(levels)]
    items = ", ".join(["x"] * width)
    anchors = [f"{names[0]}: &{names[0]} [{items}]"]
    for before, name in itertools.pairwise(names):
        anchors.append(f"{name}: &{name} [{', '.join([f'*{before}'] * width)}]")
    bomb = "\n".join(anchors) + "\n"
    looped = rng.random() < _LOOPED
    value = "&loop [*loop]" if looped else f"*{names[-1]}"
    return bomb + _replace_value(text, rng, fmt, value)


def _tag(text: str, rng: random.Random, fmt: Format) -> str:
    if fmt != "yaml":
        return _flip_bits(text, rng, fmt).decode("utf-8", "replace")
    tag = rng.choice(_TAGS)
    return _replace_value(text, rng, fmt, f"{tag} {rng.choice(('x', '1', '', '[a]', '{a: 1}'))}")


def _duplicate_key(text: str, rng: random.Random, fmt: Format) -> str:
    lines = text.splitlines(keepends=True)
    keyed = [i for i, line in enumerate(lines) if re.match(r'\s*(?:"[^"]+"|[\w-]+)\s*[:=]', line)]
    if not keyed:
        return _duplicate_span(text, rng, fmt)
    i = rng.choice(keyed)
    line = lines[i]
    if fmt == "json" and not line.rstrip().endswith(","):
        line = line.rstrip("\n") + ",\n"
    return "".join([*lines[:i], line, *lines[i:]])


def _stray_bytes(text: str, rng: random.Random, _fmt: Format) -> bytes:
    data = _encode(text)
    at = rng.randrange(len(data) + 1)
    return data[:at] + rng.choice(_BYTES) + data[at:]


MUTATIONS: Final[dict[str, Mutation]] = {
    "flip bits": _flip_bits,
    "truncate": _truncate,
    "duplicate a span": _duplicate_span,
    "delete a span": _delete_span,
    "nest deeply": _nest_deeply,
    "long date": _long_date,
    "long number": _long_number,
    "long string": _long_string,
    "alias": _alias,
    "tag": _tag,
    "duplicate a key": _duplicate_key,
    "stray bytes": _stray_bytes,
}
"""Each mutation by name: it takes text, a random source and the format, returns a variant."""


def mutate(text: str, rng: random.Random, fmt: Format = "yaml") -> str | bytes:
    """A variant of `text` (a `fmt` document) made by one to three random mutations.

    Args:
        text: A document, usually a valid one.
        rng: The random source; the same seed gives the same variant.
        fmt: The document's format (some mutations are format-aware).

    Returns:
        The variant: text, or bytes when a mutation worked on the encoding.
    """
    variant: str | bytes = text
    for _ in range(rng.randint(1, 3)):
        if isinstance(variant, bytes):
            variant = variant.decode("utf-8", "surrogateescape")
        variant = MUTATIONS[rng.choice(sorted(MUTATIONS))](variant, rng, fmt)
    if isinstance(variant, str):
        try:
            variant.encode("utf-8")
        except UnicodeEncodeError:
            return _encode(variant)
    return variant


def check(doc: str | bytes, fmt: Format) -> str | None:
    """Load `doc` as a plan; `None` if that gives a plan or a `CollabrelError`.

    Returns:
        `None`, or a one-line description of the exception that escaped (its type and the
        start of its message): the outcome a fuzzing run counts as a failure.
    """
    try:
        loads(doc, fmt)
    except CollabrelError:
        return None
    except Exception as exc:  # noqa: BLE001 - finding what escapes is the point
        return f"{type(exc).__name__}: {str(exc)[:200]}"
    return None
