"""Small text helpers shared by the layers that write for people (no collabrel imports)."""

from __future__ import annotations

from typing import Final

__all__ = ["plural", "with_article"]

_IRREGULAR: Final = {
    "activity": "activities",
    "body": "bodies",
    "criterion": "criteria",
    "person": "people",
    "weakness": "weaknesses",
}


def plural(n: int, word: str, many: str | None = None) -> str:
    """`n` and `word`, in the plural unless `n` is 1.

    Examples:
        >>> plural(1, "risk"), plural(0, "risk"), plural(2, "criterion")
        ('1 risk', '0 risks', '2 criteria')
        >>> plural(3, "minor nonconformity", "minor nonconformities")
        '3 minor nonconformities'
    """
    if n == 1:
        return f"{n} {word}"
    return f"{n} {many or _IRREGULAR.get(word) or word + 's'}"


def with_article(word: str) -> str:
    """`word` after its indefinite article, judged by its first letter.

    Examples:
        >>> with_article("template"), with_article("enterprise")
        ('a template', 'an enterprise')
    """
    return f"{'an' if word[:1] in 'aeiou' else 'a'} {word}"
