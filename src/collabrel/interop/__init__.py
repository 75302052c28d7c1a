"""Plans and reports in and out of the tools people already use: workbooks, CSV, GRC formats.

- Workbooks (`xlsx`, the `xlsx` extra) and CSV: one sheet or file per register of a plan,
  read back into the same plan, with errors that name the cell and the document path.
- CISO Assistant: the catalogue as a framework library, the BS 11000 / ISO 44001 crosswalk as
  a mapping set, and compliance assessments read back as findings.
- OSCAL: the catalogue as an OSCAL catalog and a conformance report as assessment results.

Each format's optional library is imported on first use; without it, the call raises an
`ImportError` that names the extra to install.
"""

from __future__ import annotations

from collabrel.interop._ciso import (
    CISO_EXTENDED,
    CISO_RESULTS,
    from_ciso_assessment,
    to_ciso_library,
    to_ciso_mapping,
)
from collabrel.interop._csv import from_csv, to_csv
from collabrel.interop._oscal import (
    OSCAL_NS,
    OSCAL_VERSION,
    to_oscal_assessment_results,
    to_oscal_catalog,
)
from collabrel.interop._tables import CellProblem
from collabrel.interop._workbook import from_workbook, template_workbook, to_workbook

__all__: list[str] = [
    "CISO_EXTENDED",
    "CISO_RESULTS",
    "OSCAL_NS",
    "OSCAL_VERSION",
    "CellProblem",
    "from_ciso_assessment",
    "from_csv",
    "from_workbook",
    "template_workbook",
    "to_ciso_library",
    "to_ciso_mapping",
    "to_csv",
    "to_oscal_assessment_results",
    "to_oscal_catalog",
    "to_workbook",
]
