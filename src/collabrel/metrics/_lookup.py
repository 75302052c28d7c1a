"""Finding one item of a result by its id: the lookups every metrics result offers."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

__all__ = ["one"]

T = TypeVar("T")


def one(
    items: Iterable[T],
    key: Callable[[T], object],
    wanted: object,
    missing: Callable[[], Exception] | None = None,
) -> T:
    """The first of `items` whose `key` is `wanted`.

    Raises:
        KeyError: If there is none and `missing` is not given (the key is `wanted`).
        Exception: The exception `missing()` makes, if there is none and it is given.

    Examples:
        >>> one(["ab", "cd"], lambda s: s[0], "c")
        'cd'
        >>> one(["ab"], lambda s: s[0], "z")
        Traceback (most recent call last):
        ...
        KeyError: 'z'
    """
    for item in items:
        if key(item) == wanted:
            return item
    raise KeyError(wanted) if missing is None else missing()
