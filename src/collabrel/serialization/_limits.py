"""How much of a document collabrel reads: the limits that keep loading bounded.

A document from a stranger may be built to make a reader slow or hungry: an alias that expands
to billions of nodes, a date of a million digits, a list of a million items. Each limit here
bounds one of those, and a document that goes over one is a `DocumentError` problem that names
the path (or the line and column) and the limit, never a slow or failing load.
"""

from __future__ import annotations

from collections.abc import Iterable
from contextvars import ContextVar
from typing import Any, Final

from attrs import field, frozen

from collabrel.errors import ArgumentError, Problem
from collabrel.model._refs import render_path
from collabrel.model._validators import integer

_AT_LEAST_ONE: Final = integer(low=1)


@frozen(kw_only=True)
class LoadLimits:
    """The bounds on a document that `load`, `loads` and `from_data` enforce.

    The defaults are generous for any real plan (the bundled examples are far below every one
    of them) and small enough that a hostile document is refused in a fraction of a second.
    Pass your own to read bigger documents, or to be stricter with input from strangers.

    A document that goes over a limit is a `DocumentError` with a
    problem naming where (a path, or a line and column when the text is refused before it is
    read) and which limit, e.g. `relationship.partners: 12001 items is more than the limit of
    10000 (LoadLimits.max_items)`.

    Attributes:
        max_bytes: The size of the text, in bytes (UTF-8), checked before it is parsed.
        max_depth: How deeply lists and mappings nest; in TOML also the parts of one dotted
            key or table name (`a.b.c` has three), checked in the text before it is parsed.
        max_alias_nodes: The nodes that YAML aliases (`*name`) add when they are expanded, in
            the whole document, counted before the expanded value is built. A recursive
            alias (an anchor used inside itself) is always refused.
        max_items: The items of one list.
        max_string_length: The characters of one string (a value or a key).
        max_date_length: The characters of a date or an instant written as text, checked
            before it is parsed (a person's date parser is slow on long input).

    Examples:
        >>> import collabrel as cr
        >>> cr.LoadLimits().max_items
        10000
        >>> cr.loads('{"id": "acme", "name": "Acme", "role": "client"}', cls=cr.Partner,
        ...          limits=cr.LoadLimits(max_string_length=5))
        Traceback (most recent call last):
        ...
        collabrel.errors.DocumentError: 1 problem in <string>:
          role: 6 characters is more than the limit of 5 (LoadLimits.max_string_length)
    """

    max_bytes: int = field(default=10_000_000, validator=_AT_LEAST_ONE)
    max_depth: int = field(default=64, validator=_AT_LEAST_ONE)
    max_alias_nodes: int = field(default=100_000, validator=_AT_LEAST_ONE)
    max_items: int = field(default=10_000, validator=_AT_LEAST_ONE)
    max_string_length: int = field(default=1_000_000, validator=_AT_LEAST_ONE)
    max_date_length: int = field(default=64, validator=_AT_LEAST_ONE)


DEFAULT_LIMITS: Final = LoadLimits()

CURRENT_LIMITS: Final[ContextVar[LoadLimits]] = ContextVar(
    "collabrel_load_limits", default=DEFAULT_LIMITS
)
"""The limits of the document being read, for the converter's hooks (set by the reader)."""


def checked_limits(limits: object) -> LoadLimits:
    """`limits`, or the defaults for `None`; an `ArgumentError` for anything else."""
    if limits is None:
        return DEFAULT_LIMITS
    if not isinstance(limits, LoadLimits):
        raise ArgumentError("limits", limits, "a LoadLimits or None")
    return limits


def current_limits() -> LoadLimits:
    """The limits of the document being read (the defaults outside a load)."""
    return CURRENT_LIMITS.get()


def over_limit(amount: str, limit: int, name: str) -> str:
    """The message for a value over a limit, e.g. `12001 items is more than the limit of ...`.

    Examples:
        >>> over_limit("12001 items", 10000, "max_items")
        '12001 items is more than the limit of 10000 (LoadLimits.max_items)'
    """
    return f"{amount} is more than the limit of {limit} (LoadLimits.{name})"


def size_problem(size: int, limit: int) -> Problem | None:
    """The problem of a document of `size` bytes, if that is over `limit`."""
    if size <= limit:
        return None
    return Problem("", over_limit(f"a document of {size} bytes", limit, "max_bytes"))


def bounded_text(value: object, limit: int = 200) -> str:
    """`str(value)` cut to `limit` characters: an error's text may quote a whole value.

    Examples:
        >>> bounded_text("x" * 500, 10)
        'xxxxxxx...'
    """
    text = str(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


_Path = tuple[Any, object] | None
"""A path as a chain of (parent, segment) pairs, rendered only when a problem is reported."""


class PlainCheck:
    """One walk over parsed plain data: nesting, list sizes, string lengths and aliases.

    A list or mapping met a second time is shared (a YAML alias): it is not walked again,
    and what its copies would add when expanded is counted from the shared objects, so a
    document of a few hundred bytes that expands to billions of nodes costs no more to check
    than its text. A list or mapping inside itself is refused.

    Attributes:
        problems: Each limit the data goes over, with its path.
        strings: How many strings the data holds, keys included (JSON compares it with the
            text to find duplicate keys without a slower parse).
    """

    __slots__ = ("problems", "strings")

    def __init__(
        self,
        data: object,
        limits: LoadLimits,
        *,
        text_length: int | None = None,
        may_share: bool = True,
    ) -> None:
        self.problems: list[Problem] = []
        # Text no longer than the string limit holds no string over it; JSON and TOML data
        # share nothing. A first pass without paths finds whether anything is over a limit;
        # only then does a second find where.
        check_strings = text_length is None or text_length > limits.max_string_length
        within, self.strings = _within(
            data, limits, check_strings=check_strings, may_share=may_share
        )
        if within:
            return
        shared = self._walk(data, limits)
        if shared:
            self._count_aliases(shared, limits.max_alias_nodes)

    def _walk(self, data: object, limits: LoadLimits) -> list[tuple[object, _Path]]:  # noqa: C901, PLR0912 - one loop, one check per kind
        max_depth, max_items, max_str = limits.max_depth, limits.max_items, limits.max_string_length
        problems = self.problems
        seen: set[int] = set()
        shared: list[tuple[object, _Path]] = []
        stack: list[tuple[object, int, _Path]] = [(data, 0, None)]
        pop, extend = stack.pop, stack.extend
        strings = 0
        while stack:
            value, depth, path = pop()
            inside: list[tuple[object, int, _Path]] = []  # pushed last first: document order
            push = inside.append
            if isinstance(value, (dict, list)):
                if id(value) in seen:
                    shared.append((value, path))
                    continue
                seen.add(id(value))
                if depth >= max_depth:
                    problems.append(_too_deep(path, max_depth))
                    continue
            if isinstance(value, dict):
                strings += len(value)
                for key, item in value.items():
                    if isinstance(key, str) and len(key) > max_str:
                        problems.append(_too_long(path, key, max_str, "a key of "))
                        continue
                    if isinstance(item, str):
                        strings += 1
                        if len(item) > max_str:
                            problems.append(_too_long((path, str(key)), item, max_str))
                    elif isinstance(item, (dict, list)):
                        push((item, depth + 1, (path, str(key))))
            elif isinstance(value, list):
                if len(value) > max_items:
                    problems.append(
                        Problem(
                            render_path(path),
                            over_limit(f"{len(value)} items", max_items, "max_items"),
                        )
                    )
                    continue
                for index, item in enumerate(value):
                    if isinstance(item, str):
                        strings += 1
                        if len(item) > max_str:
                            problems.append(_too_long((path, index), item, max_str))
                    elif isinstance(item, (dict, list)):
                        push((item, depth + 1, (path, index)))
            elif isinstance(value, str):
                strings += 1
                if len(value) > max_str:
                    problems.append(_too_long(path, value, max_str))
            if inside:
                inside.reverse()
                extend(inside)
        self.strings = strings
        return shared

    def _count_aliases(self, shared: list[tuple[object, _Path]], limit: int) -> None:
        sizes: dict[int, int] = {}
        added = 0
        largest: tuple[int, _Path] = (0, None)
        for value, path in shared:
            size = _expanded_size(value, sizes)
            if size is None:
                self.problems.append(
                    Problem(render_path(path), "an alias refers to a node it is inside (a loop)")
                )
                return
            added += size
            largest = max(largest, (size, path), key=lambda found: found[0])
        if added > limit:
            self.problems.append(
                Problem(
                    render_path(largest[1]),
                    over_limit(f"aliases expanding to {added} nodes", limit, "max_alias_nodes"),
                )
            )


def _within(  # noqa: C901, PLR0911, PLR0912 - one inline loop: it runs on every document
    data: object, limits: LoadLimits, *, check_strings: bool, may_share: bool
) -> tuple[bool, int]:
    """Whether `data` is within `limits`, and how many strings it holds (keys included)."""
    max_depth, max_items, max_str = limits.max_depth, limits.max_items, limits.max_string_length
    seen: set[int] = set()
    sizes: dict[int, int] = {}
    added = 0
    strings = 0
    stack: list[tuple[object, int]] = [(data, 0)]
    pop, push = stack.pop, stack.append
    while stack:
        value, depth = pop()
        if isinstance(value, str):
            strings += 1
            if check_strings and len(value) > max_str:
                return False, strings
            continue
        if not isinstance(value, (dict, list)):
            continue
        if may_share:
            if id(value) in seen:
                size = _expanded_size(value, sizes)
                if size is None:
                    return False, strings
                added += size
                if added > limits.max_alias_nodes:
                    return False, strings
                continue
            seen.add(id(value))
        if depth >= max_depth:
            return False, strings
        if isinstance(value, dict):
            strings += len(value)
            if check_strings and any(isinstance(k, str) and len(k) > max_str for k in value):
                return False, strings
            items: Iterable[object] = value.values()
        elif len(value) > max_items:
            return False, strings
        else:
            items = value
        depth += 1
        for item in items:
            if isinstance(item, str):
                strings += 1
                if check_strings and len(item) > max_str:
                    return False, strings
            elif isinstance(item, (dict, list)):
                push((item, depth))
    return True, strings


def _expanded_size(root: object, sizes: dict[int, int]) -> int | None:
    """The nodes `root` holds once every shared part is copied out (keys count).

    `None` if it holds itself. `sizes` remembers each container's, so each is counted once.
    """
    visiting: set[int] = set()
    stack: list[tuple[object, bool]] = [(root, False)]
    while stack:
        value, done = stack.pop()
        items = list(value.values()) if isinstance(value, dict) else value
        assert isinstance(items, list)  # noqa: S101 - only lists and mappings are pushed
        if done:
            visiting.discard(id(value))
            size = 1 + (len(value) if isinstance(value, dict) else 0)
            size += sum(sizes.get(id(item), 1) for item in items)
            sizes[id(value)] = size
            continue
        if id(value) in sizes:
            continue
        if id(value) in visiting:
            return None
        visiting.add(id(value))
        stack.append((value, True))
        stack.extend((item, False) for item in items if isinstance(item, (dict, list)))
    return sizes[id(root)]


def _too_deep(path: _Path, limit: int) -> Problem:
    return Problem(
        render_path(path), over_limit(f"nesting {limit + 1} levels deep", limit, "max_depth")
    )


def _too_long(path: _Path, text: str, limit: int, what: str = "") -> Problem:
    return Problem(
        render_path(path), over_limit(f"{what}{len(text)} characters", limit, "max_string_length")
    )
