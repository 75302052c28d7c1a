"""collabrel: collaborative business relationships (BS 11000-1 / ISO 44001) as typed software.

Examples:
    >>> import collabrel as cr
    >>> rmp = cr.examples.load("alliance")
    >>> [p.role.value for p in rmp.relationship.partners][:2]
    ['client', 'lead_partner']
    >>> cr.loads(cr.dumps(rmp, "yaml"), "yaml") == rmp
    True
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from collabrel import conformance, examples, governance, lifecycle, metrics, report
    from collabrel.conformance import ConformanceReport, assess, catalogue, catalogues
    from collabrel.errors import (
        ArgumentError,
        CatalogueError,
        CollabrelError,
        DocumentError,
        FormatError,
        GovernanceError,
        InvalidFieldError,
        LifecycleError,
        MetricsError,
        Problem,
        SaveError,
    )
    from collabrel.lifecycle import (
        LifecycleState,
        StageStatus,
        TransitionRefusedError,
        can,
        replay,
        state_as_of,
        step,
    )
    from collabrel.model import (
        KPI,
        SCHEMA_VERSION,
        Appointment,
        BusinessCase,
        Contact,
        DocumentMeta,
        Event,
        EventKind,
        ExitPlan,
        ExpectedBenefit,
        Finding,
        Governance,
        GovernanceBody,
        Measurement,
        Objective,
        Partner,
        PartnerRole,
        Person,
        PersonRole,
        Phase,
        RaciActivity,
        RaciAssignment,
        RACIMatrix,
        RealisedValue,
        Record,
        RecordStatus,
        Relationship,
        RelationshipKind,
        RelationshipManagementPlan,
        Result,
        Risk,
        Stage,
        StageSections,
        ValueProposition,
    )
    from collabrel.serialization import (
        LoadLimits,
        dump,
        dumps,
        json_schema,
        load,
        loads,
        to_data,
    )

# Names are imported on first use (PEP 562) so `import collabrel` stays cheap; type checkers
# and documentation tools read the imports above.
_MODULES: Final = frozenset(
    {"conformance", "examples", "governance", "lifecycle", "metrics", "report"}
)
_LAZY: Final[dict[str, str]] = {
    **{name: f"collabrel.{name}" for name in _MODULES},
    **dict.fromkeys(
        (
            "ArgumentError",
            "CatalogueError",
            "CollabrelError",
            "DocumentError",
            "FormatError",
            "GovernanceError",
            "InvalidFieldError",
            "LifecycleError",
            "MetricsError",
            "Problem",
            "SaveError",
        ),
        "collabrel.errors",
    ),
    **dict.fromkeys(
        (
            "LifecycleState",
            "StageStatus",
            "TransitionRefusedError",
            "can",
            "replay",
            "state_as_of",
            "step",
        ),
        "collabrel.lifecycle",
    ),
    **dict.fromkeys(
        (
            "KPI",
            "SCHEMA_VERSION",
            "Appointment",
            "BusinessCase",
            "Contact",
            "DocumentMeta",
            "Event",
            "EventKind",
            "ExitPlan",
            "ExpectedBenefit",
            "Finding",
            "Governance",
            "GovernanceBody",
            "Measurement",
            "Objective",
            "Partner",
            "PartnerRole",
            "Person",
            "PersonRole",
            "Phase",
            "RaciActivity",
            "RaciAssignment",
            "RACIMatrix",
            "RealisedValue",
            "Record",
            "RecordStatus",
            "Relationship",
            "RelationshipKind",
            "RelationshipManagementPlan",
            "Result",
            "Risk",
            "Stage",
            "StageSections",
            "ValueProposition",
        ),
        "collabrel.model",
    ),
    **dict.fromkeys(
        ("LoadLimits", "dump", "dumps", "json_schema", "load", "loads", "to_data"),
        "collabrel.serialization",
    ),
    **dict.fromkeys(
        ("ConformanceReport", "assess", "catalogue", "catalogues"), "collabrel.conformance"
    ),
}


def __getattr__(name: str) -> object:
    module_name = _LAZY.get(name)
    if module_name is None:
        msg = f"module 'collabrel' has no attribute {name!r}"
        raise AttributeError(msg)
    module = importlib.import_module(module_name)
    value = module if name in _MODULES else getattr(module, name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})


__version__ = "0.1.0.dev0"

__all__ = [
    "KPI",
    "SCHEMA_VERSION",
    "Appointment",
    "ArgumentError",
    "BusinessCase",
    "CatalogueError",
    "CollabrelError",
    "ConformanceReport",
    "Contact",
    "DocumentError",
    "DocumentMeta",
    "Event",
    "EventKind",
    "ExitPlan",
    "ExpectedBenefit",
    "Finding",
    "FormatError",
    "Governance",
    "GovernanceBody",
    "GovernanceError",
    "InvalidFieldError",
    "LifecycleError",
    "LifecycleState",
    "LoadLimits",
    "Measurement",
    "MetricsError",
    "Objective",
    "Partner",
    "PartnerRole",
    "Person",
    "PersonRole",
    "Phase",
    "Problem",
    "RACIMatrix",
    "RaciActivity",
    "RaciAssignment",
    "RealisedValue",
    "Record",
    "RecordStatus",
    "Relationship",
    "RelationshipKind",
    "RelationshipManagementPlan",
    "Result",
    "Risk",
    "SaveError",
    "Stage",
    "StageSections",
    "StageStatus",
    "TransitionRefusedError",
    "ValueProposition",
    "__version__",
    "assess",
    "can",
    "catalogue",
    "catalogues",
    "conformance",
    "dump",
    "dumps",
    "examples",
    "governance",
    "json_schema",
    "lifecycle",
    "load",
    "loads",
    "metrics",
    "replay",
    "report",
    "state_as_of",
    "step",
    "to_data",
]
