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
        NoRelationshipError,
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
# and documentation tools read the imports above and `__all__`. A name in `__all__` is taken
# from the first of these homes that exports it: each home loads only what a later one needs.
_MODULES: Final = frozenset(
    {"conformance", "examples", "governance", "lifecycle", "metrics", "report"}
)
_HOMES: Final = (
    "collabrel.errors",
    "collabrel.model",
    "collabrel.serialization",
    "collabrel.lifecycle",
    "collabrel.conformance",
)


def __getattr__(name: str) -> object:
    if name in _MODULES:
        value: object = importlib.import_module(f"collabrel.{name}")
    elif name in __all__:
        homes = (importlib.import_module(home) for home in _HOMES)
        value = getattr(next(m for m in homes if name in m.__all__), name)
    else:
        msg = f"module 'collabrel' has no attribute {name!r}"
        raise AttributeError(msg)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


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
    "NoRelationshipError",
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
