"""The lifecycle: the eight stages as a pure state machine over a dated history."""

from __future__ import annotations

__all__: list[str] = []
