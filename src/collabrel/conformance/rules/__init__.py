"""The built-in rules: one or more per assessable requirement of the shipped catalogues.

The registration table (`_table`) lists them in catalogue order: record-shaped requirements
as `RecordRule` rows, the others as functions in their
stage's module (`_awareness`, `_knowledge`, `_internal`, `_selection`, `_working`, `_value`,
`_staying`, `_exit`, and `_system` for ISO 44001's management-system clauses). Every rule
composes the auditor's questions from one vocabulary of check builders (`_checks`) and is
graded by one function (`_grading.judge`). The modules are private: import
`builtin_rules` and `default_rules` from `collabrel.conformance`.
"""

from __future__ import annotations

from collabrel.conformance._rules import Registry, Rule
from collabrel.conformance.rules._table import RECORD_RULES, RULES

__all__ = ["RECORD_RULES", "builtin_rules", "default_rules"]


def builtin_rules() -> tuple[Rule, ...]:
    """The built-in rules, in catalogue order.

    Examples:
        >>> rules = builtin_rules()
        >>> rules[0].id, rules[0].requirements
        ('CR.S1.SER', ('CBR.S1.SER',))
    """
    return RULES


def default_rules() -> Registry:
    """A fresh registry holding the built-in rules: change it freely.

    Examples:
        >>> rules = default_rules().deselect("CR.S4.NEGOTIATION")
        >>> "CR.S4.NEGOTIATION" in rules, "CR.S4.NEGOTIATION" in default_rules()
        (False, True)
    """
    return Registry(RULES)
