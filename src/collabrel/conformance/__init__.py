"""Conformance: clause catalogues, explainable rules and assessment reports.

Point it at a plan and learn, requirement by requirement, where it stands against
BS 11000-1:2010 or ISO 44001:2017, why, and what to do next. The catalogues are our own
paraphrases (package data, versioned, validated on load); every requirement has a rule or is
marked not assessable from records with the reason.

Examples:
    >>> from datetime import date
    >>> from collabrel import examples
    >>> from collabrel.conformance import assess, catalogues
    >>> catalogues()
    ('bs11000-1:2010', 'iso44001:2017')
    >>> report = assess(examples.load("alliance"), "iso44001:2017", as_of=date(2026, 10, 31))
    >>> report.certification.ready
    True
"""

from __future__ import annotations

from collabrel.conformance._assess import RuleError, assess, assess_many, draft
from collabrel.conformance._catalogue import (
    Catalogue,
    Clause,
    ClauseRef,
    Crosswalk,
    CrosswalkEntry,
    Importance,
    Relation,
    Requirement,
    RequirementLevel,
    catalogue,
    catalogues,
    crosswalk,
    load_catalogue,
    load_crosswalk,
    parse_catalogue,
    parse_crosswalk,
)
from collabrel.conformance._guards import ConformanceGuard, conformance_guards
from collabrel.conformance._record_rule import RecordContent, RecordRule
from collabrel.conformance._report import (
    REPORT_SCHEMA_VERSION,
    Certification,
    Change,
    ConformanceReport,
    Outcome,
    Remediation,
    ReportDiff,
    StageProgress,
    StageReadiness,
    Tally,
    worst,
)
from collabrel.conformance._rules import (
    Context,
    Judgement,
    Mode,
    Registry,
    Rule,
    RuleFunction,
    Severity,
)
from collabrel.conformance.rules import builtin_rules, default_rules
from collabrel.errors import CatalogueError

__all__ = [
    "REPORT_SCHEMA_VERSION",
    "Catalogue",
    "CatalogueError",
    "Certification",
    "Change",
    "Clause",
    "ClauseRef",
    "ConformanceGuard",
    "ConformanceReport",
    "Context",
    "Crosswalk",
    "CrosswalkEntry",
    "Importance",
    "Judgement",
    "Mode",
    "Outcome",
    "RecordContent",
    "RecordRule",
    "Registry",
    "Relation",
    "Remediation",
    "ReportDiff",
    "Requirement",
    "RequirementLevel",
    "Rule",
    "RuleError",
    "RuleFunction",
    "Severity",
    "StageProgress",
    "StageReadiness",
    "Tally",
    "assess",
    "assess_many",
    "builtin_rules",
    "catalogue",
    "catalogues",
    "conformance_guards",
    "crosswalk",
    "default_rules",
    "draft",
    "load_catalogue",
    "load_crosswalk",
    "parse_catalogue",
    "parse_crosswalk",
    "worst",
]
