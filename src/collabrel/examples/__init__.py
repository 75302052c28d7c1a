"""Bundled example documents: a multi-party alliance and a deliberately flawed relationship.

Examples:
    >>> from collabrel import examples
    >>> examples.names()
    ('alliance', 'flawed')
"""

from __future__ import annotations

from collabrel.examples._loader import load, names, path, text

__all__ = ["load", "names", "path", "text"]
