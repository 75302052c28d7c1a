"""The exceptions collabrel raises, rooted at `CollabrelError`.

Every public function lists the errors it raises. Structured context lives in attributes, so
programs can react to an error without parsing its text.

This module imports nothing from collabrel.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Final

__all__ = [
    "ArgumentError",
    "CatalogueError",
    "CollabrelError",
    "DocumentError",
    "FormatError",
    "GovernanceError",
    "InvalidFieldError",
    "LifecycleError",
    "MetricsError",
    "NoRelationshipError",
    "Problem",
    "SaveError",
]

_MAX_LISTED: Final = 50


class CollabrelError(Exception):
    """Root of every error collabrel raises on purpose.

    Catch this to handle any collabrel failure; nothing from a public function escapes as a
    bare `KeyError`, `TypeError` or a parser's own exception.
    """


class InvalidFieldError(CollabrelError, ValueError):
    """A domain object was built with a field value that breaks its contract.

    Attributes:
        cls: The name of the class being built, e.g. `"Partner"`.
        field: The name of the offending field, e.g. `"role"`.
        value: The value that was given.
        expectation: What the field needs, in words, e.g. `"one of client, supplier"`.

    Examples:
        >>> err = InvalidFieldError("Risk", "likelihood", 9, "an integer from 1 to 5")
        >>> print(err)
        Risk.likelihood must be an integer from 1 to 5 (got 9).
    """

    def __init__(self, cls: str, field: str, value: object, expectation: str) -> None:
        self.cls = cls
        self.field = field
        self.value = value
        self.expectation = expectation
        super().__init__(f"{cls}.{field} must be {expectation} (got {_bounded_repr(value, 200)}).")

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.cls, self.field, self.value, self.expectation))


class FormatError(CollabrelError, ValueError):
    """A document format was asked for that collabrel does not read or write.

    Attributes:
        format: The format asked for.
    """

    def __init__(self, format: str, message: str) -> None:
        self.format = format
        super().__init__(message)

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.format, str(self)))


class Problem:
    """One problem found in a document: where it is and what is wrong.

    Attributes:
        path: The location in the document, e.g. `"relationship.partners[2].role"`; an empty
            string is the document root.
        message: What is wrong there, in plain words.

    Examples:
        >>> str(Problem("relationship.partners[2].role", "'boss' is not one of client, supplier"))
        "relationship.partners[2].role: 'boss' is not one of client, supplier"
    """

    __slots__ = ("message", "path")

    def __init__(self, path: str, message: str) -> None:
        self.path = path
        self.message = message

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Problem):
            return NotImplemented
        return (self.path, self.message) == (other.path, other.message)

    def __hash__(self) -> int:
        return hash((self.path, self.message))

    def __repr__(self) -> str:
        return f"Problem(path={self.path!r}, message={self.message!r})"

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message

    def under(self, prefix: str) -> Problem:
        """Return this problem with its path placed below `prefix`.

        Examples:
            >>> Problem("role", "bad").under("partners[2]").path
            'partners[2].role'
            >>> Problem("[0]", "bad").under("partners").path
            'partners[0]'
        """
        if not prefix:
            return self
        if not self.path:
            return Problem(prefix, self.message)
        sep = "" if self.path.startswith("[") else "."
        return Problem(f"{prefix}{sep}{self.path}", self.message)


class DocumentError(CollabrelError, ValueError):
    """A document (or a whole object graph) has one or more problems.

    Every problem is listed with its path, not only the first one found.

    Attributes:
        problems: Each problem found, in document order where it is known.
        source: Where the document came from (a file path or `"<string>"`), if known.

    Examples:
        >>> err = DocumentError([Problem("meta.revision", "must be at least 1 (got 0)")])
        >>> print(err)
        1 problem in the document:
          meta.revision: must be at least 1 (got 0)
    """

    def __init__(self, problems: Iterable[Problem], *, source: str | None = None) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        self.source = source
        super().__init__(self._render())

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild_document_error, (self.problems, self.source, type(self)))

    def _render(self) -> str:
        n = len(self.problems)
        where = f" {self.source}" if self.source else " the document"
        head = f"{n} problem{'s' if n != 1 else ''} in{where}:"
        lines = [f"  {p}" for p in self.problems[:_MAX_LISTED]]
        if n > _MAX_LISTED:
            lines.append(f"  ... and {n - _MAX_LISTED} more")
        return "\n".join([head, *lines])

    @property
    def paths(self) -> tuple[str, ...]:
        """The paths of all problems, in order.

        Examples:
            >>> DocumentError([Problem("a", "x"), Problem("b[0]", "y")]).paths
            ('a', 'b[0]')
        """
        return tuple(p.path for p in self.problems)


def _rebuild_document_error(
    problems: tuple[Problem, ...], source: str | None, cls: type[DocumentError] = DocumentError
) -> DocumentError:
    return cls(problems, source=source)


class LifecycleError(CollabrelError, ValueError):
    """A lifecycle event or lifecycle definition cannot be applied or is malformed.

    Raised for events that make no sense whatever the guards say (an unknown stage, a timestamp
    earlier than the last event, completing a stage that was never started) and for lifecycle
    definitions that break their own rules. The state the caller had is never changed.
    """


class GovernanceError(CollabrelError, ValueError):
    """A governance structure (RACI matrix, governance graph) cannot be built or analysed.

    Analyses report what they find as findings; this error is for input that cannot be
    analysed at all, such as a table with a missing column or a graph node without a kind.
    """


class MetricsError(CollabrelError, ValueError):
    """A measurement or a decision method was given input it cannot compute with.

    For example an AHP pairwise matrix that is not reciprocal or too inconsistent, a decision
    matrix whose rows differ in length, or a scale whose bounds are reversed.
    """


class NoRelationshipError(CollabrelError, ValueError):
    """A relationship was asked of a plan that has none: a template or an enterprise plan.

    Raised by
    `RelationshipManagementPlan.require_relationship`
    and by `conformance.Context.relationship`; an
    assessment reports a rule that asks for it on a template as not applicable.

    Attributes:
        kind: The plan's `meta.kind`, e.g. `"template"`.
        title: The plan's `meta.title`.

    Examples:
        >>> err = NoRelationshipError("template", "RMP template")
        >>> print(err)
        the plan 'RMP template' is a template (meta.kind 'template') and has no relationship
    """

    def __init__(self, kind: str, title: str) -> None:
        self.kind = kind
        self.title = title
        super().__init__(
            f"the plan {_bounded_repr(title)} is {'an' if kind[:1] in 'aeiou' else 'a'} {kind}"
            f" (meta.kind {kind!r})"
            " and has no relationship"
        )

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.kind, self.title))


class CatalogueError(DocumentError):
    """A requirement catalogue, crosswalk or rule registry is malformed.

    Like a `DocumentError` it lists every problem with its path
    (e.g. `requirements[3].clause`), so a catalogue file can be fixed in one pass.

    Examples:
        >>> err = CatalogueError([Problem("requirements[3].clause", "no clause '11'")],
        ...                      source="policy.yaml")
        >>> print(err)
        1 problem in policy.yaml:
          requirements[3].clause: no clause '11'
    """


class SaveError(CollabrelError, OSError):
    """A document could not be saved; the file that was there is left exactly as it was.

    It is also an `OSError`, so `except OSError` keeps catching it, with the operating
    system's `errno` and `strerror` and with `filename` set to the path asked for (never the
    hidden temporary file collabrel writes first).

    Attributes:
        path: The path the caller asked to save to, as given.
        reason: What failed, in words, e.g. `"writing the new contents failed"`.

    Examples:
        >>> import errno
        >>> err = SaveError("plan.yaml", "writing failed", errno.ENOSPC, "No space left on device")
        >>> print(err)
        cannot save 'plan.yaml': writing failed ([Errno 28] No space left on device)
        >>> isinstance(err, OSError), err.errno == errno.ENOSPC, err.filename
        (True, True, 'plan.yaml')
    """

    def __init__(
        self, path: str, reason: str, errno: int | None = None, strerror: str | None = None
    ) -> None:
        super().__init__(errno, strerror, path)
        self.path = path
        self.reason = reason

    def __str__(self) -> str:
        code = f"[Errno {self.errno}] " if self.errno is not None else ""
        detail = f" ({code}{self.strerror})" if self.strerror else ""
        return f"cannot save {self.path!r}: {self.reason}{detail}"

    def __repr__(self) -> str:
        args = (self.path, self.reason, self.errno, self.strerror)
        return f"{type(self).__name__}({', '.join(map(repr, args))})"

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.path, self.reason, self.errno, self.strerror))


class ArgumentError(CollabrelError, TypeError):
    """A public function was called with an argument of the wrong type.

    It is also a `TypeError`, as Python's own functions raise for such a call, so either
    `except` catches it.

    Attributes:
        argument: The name of the argument, e.g. `"text"`.
        value: The value that was given.

    Examples:
        >>> err = ArgumentError("text", None, "a str, bytes or other bytes-like object")
        >>> print(err)
        'text' must be a str, bytes or other bytes-like object (got None).
        >>> isinstance(err, TypeError)
        True
    """

    def __init__(self, argument: str, value: object, expectation: str) -> None:
        self.argument = argument
        self.value = value
        self.expectation = expectation
        super().__init__(f"{argument!r} must be {expectation} (got {_bounded_repr(value)}).")

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.argument, self.value, self.expectation))


class _Text(str):
    """A piece of a bounded repr that is written as it is."""

    __slots__ = ()


def _bounded_repr(value: object, limit: int = 60) -> str:
    """`repr(value)` cut to `limit` characters, built only as far as needed.

    Lists, tuples and dicts are written item by item and strings are cut before they are
    quoted, so the cost is bounded by `limit`, however large the value (an expanded YAML
    alias, a megabyte string).

    Examples:
        >>> _bounded_repr(["a", 1, {"b": (2,)}])
        "['a', 1, {'b': (2,)}]"
        >>> _bounded_repr(list(range(10**6)), 20)
        '[0, 1, 2, 3, 4, 5...'
    """
    out: list[str] = []
    size = 0
    stack: list[Iterator[object]] = [iter((value,))]
    while stack and size <= limit:
        item = next(stack[-1], _DONE)
        if item is _DONE:
            stack.pop()
            continue
        if isinstance(item, _Text):
            piece = str(item)
        elif type(item) in (list, tuple, dict):
            stack.append(_pieces(item))  # type: ignore[arg-type]
            continue
        elif isinstance(item, str):
            piece = repr(item[: limit + 1])
        else:
            piece = repr(item)
        out.append(piece)
        size += len(piece)
    text = "".join(out)
    return text if len(text) <= limit else text[: limit - 3] + "..."


_DONE: Final = object()


def _pieces(value: list[object] | tuple[object, ...] | dict[object, object]) -> Iterator[object]:
    if isinstance(value, dict):
        yield _Text("{")
        for index, (key, item) in enumerate(value.items()):
            yield from (_Text(", "), key, _Text(": "), item) if index else (key, _Text(": "), item)
        yield _Text("}")
        return
    opening, closing = (
        ("[", "]") if isinstance(value, list) else ("(", ",)" if len(value) == 1 else ")")
    )
    yield _Text(opening)
    for index, item in enumerate(value):
        if index:
            yield _Text(", ")
        yield item
    yield _Text(closing)
