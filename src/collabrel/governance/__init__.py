"""Governance: RACI validation and multi-party consortium governance graphs."""

from __future__ import annotations

__all__: list[str] = []
