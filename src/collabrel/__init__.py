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

from collabrel import examples
from collabrel.errors import (
    CollabrelError,
    DocumentError,
    FormatError,
    InvalidFieldError,
    Problem,
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
from collabrel.serialization import dump, dumps, json_schema, load, loads

__version__ = "0.1.0.dev0"

__all__ = [
    "KPI",
    "SCHEMA_VERSION",
    "Appointment",
    "BusinessCase",
    "CollabrelError",
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
    "InvalidFieldError",
    "Measurement",
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
    "Stage",
    "StageSections",
    "ValueProposition",
    "__version__",
    "dump",
    "dumps",
    "examples",
    "json_schema",
    "load",
    "loads",
]
