"""Metrics: relationship health and maturity, KPIs, value realised, exit readiness, selection."""

from __future__ import annotations

__all__: list[str] = []
