"""The name of each public model type's strategy, shared by the strategies and the plugin.

A leaf module: it imports nothing from collabrel, so the hypothesis plugin can name the
strategies without importing them, and the strategies can find theirs without the plugin.
"""

from __future__ import annotations

import re
from typing import Final

_IRREGULAR: Final = {
    "Criterion": "criteria",
    "Person": "people",
    "RACIMatrix": "raci_matrices",
    "SelectionCriteria": "selection_criteria",
    "StageSections": "stage_sections",
}
_WORDS: Final = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")


def strategy_name(type_name: str) -> str:
    """The strategy function for the model type `type_name`: snake case, in the plural.

    Examples:
        >>> [strategy_name(n) for n in ("Partner", "GovernanceBody", "KPI", "ActionStatus")]
        ['partners', 'governance_bodies', 'kpis', 'action_statuses']
        >>> strategy_name("Person"), strategy_name("RaciActivity")
        ('people', 'raci_activities')
    """
    if type_name in _IRREGULAR:
        return _IRREGULAR[type_name]
    snake = _WORDS.sub("_", type_name).lower()
    if snake.endswith("y") and snake[-2:-1] not in tuple("aeiou"):
        return snake[:-1] + "ies"
    if snake.endswith(("s", "x", "ch", "sh")):
        return snake + "es"
    return snake + "s"
