"""Bundled example documents: an alliance, two flawed plans and an enterprise plan.

Examples:
    >>> from collabrel import examples
    >>> examples.names()
    ('alliance', 'flawed', 'consortium', 'enterprise')
"""

from __future__ import annotations

from collabrel.examples._loader import load, names, path, text

__all__ = ["load", "names", "path", "text"]
