"""Bundled example documents: an alliance, a flawed relationship and a flawed consortium.

Examples:
    >>> from collabrel import examples
    >>> examples.names()
    ('alliance', 'flawed', 'consortium')
"""

from __future__ import annotations

from collabrel.examples._loader import load, names, path, text

__all__ = ["load", "names", "path", "text"]
