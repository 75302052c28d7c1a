"""The scenarios: one row each, the single source of what is planted and what is expected.

A row names the scenario and its defect family, the function that plants the defect in the
healthy base (`None` for the base itself), the catalogue it is judged against, and the
findings an auditor would raise, written from the standard's intent (the catalogue's
requirement texts, the domain brief, docs/explanation/conformance.md), never from what
collabrel reports today:

- `roots`: the requirements whose nonconformity IS the planted defect, each raised once.
  A root written `A|B` is one finding the standard's intent places under either
  requirement: reporting either finds it. A healthy control has none.
- `consequences`: requirements an auditor accepts being raised too, because the same fact
  breaks them in their own right (an ISO 44001 management-system clause served by the same
  record, an exit plan that cannot be agreed without its triggers). A consequence is never
  needed for recall; a finding neither root nor consequence is imprecise unless the report
  links it to a root finding it reports.
- `pending`: a model feature the scenario needs and the model may not have yet; a pending
  scenario whose plan does not load is listed but not scored.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from . import _plants as p

ISO = "iso44001:2017"
BS = "bs11000-1:2010"


@dataclass(frozen=True)
class Scenario:
    """One planted-defect plan (or healthy control) and the findings it should raise."""

    name: str
    family: str
    plant: p.Plant | None
    roots: frozenset[str] = frozenset()
    consequences: frozenset[str] = frozenset()
    catalogue: str = ISO
    as_of: date = p.AS_OF
    pending: str | None = None

    @property
    def root_ids(self) -> frozenset[str]:
        """Every requirement id a root may be reported under."""
        return frozenset(id for root in self.roots for id in root.split("|"))

    @property
    def control(self) -> bool:
        """Whether the scenario is a healthy control (nothing planted, nothing expected)."""
        return not self.roots

    @property
    def story(self) -> str:
        """What is planted, in business words (the plant's docstring)."""
        if self.plant is None:
            return "The bundled alliance, repaired to health."
        return (self.plant.__doc__ or "").strip().splitlines()[0]


FAMILIES: dict[str, str] = {
    "time": "1. time is judged everywhere the same way",
    "root-cause": "2. one finding per root cause",
    "value": "3. value is judged against its plan",
    "exit": "4. exit readiness weights what matters",
    "governance": "2. and 5. joint bodies, signatures and parties",
    "monitoring": "1. measurements are current",
    "enterprise": "7. relationship plans inherit the enterprise plan's records",
    "control": "healthy: nothing to raise",
}
"""Each defect family and the principle of issue 15 it tests."""

ROWS = """
name                    family     roots                              consequences         catalogue
stale-portfolio         time       CBR.S1.PRIORITISATION              -                    iso
stale-policy            time       CBR.S1.POLICY                      MS.5.2.POLICY        iso
stale-joint-rmp         time       CBR.S5.JOINT_RMP                   -                    iso
stale-exit-plan         time       CBR.S8.EXIT_PLAN                   -                    iso
stale-gap-plan          time       CBR.S3.GAP_PLAN                    -                    iso
record-after-audit-date time       CBR.S2.KNOWLEDGE_MAP               -                    iso
risk-reviews-overdue    time       CBR.S7.RISK_REVIEW                 MS.6.1.RISKS         iso
ser-role-unheld         root-cause CBR.S1.SER                         MS.5.3.ROLES         iso
ser-role-unheld-bs      root-cause CBR.S1.SER                         -                    bs
competence-absent       root-cause CBR.S3.COMPETENCE                  MS.7.2.COMPETENCE    iso
comms-plan-absent       root-cause CBR.S5.COMMUNICATIONS              MS.7.4.COMMUNICATION iso
business-case-undecided root-cause CBR.S2.BUSINESS_CASE               -                    iso
benefit-behind-plan     value      CBR.S6.BENEFITS                    -                    iso
value-creation-hollow   value      CBR.S6.BENEFITS                    -                    iso
benefit-unmeasured      value      CBR.S6.VALUE|CBR.S6.BENEFITS       CBR.S5.PERFORMANCE   iso
exit-no-triggers        exit       CBR.S8.TRIGGERS                    CBR.S8.EXIT_PLAN     iso
exit-no-continuity      exit       CBR.S8.TRANSITION                  CBR.S8.EXIT_PLAN     iso
exit-no-steps           exit       CBR.S8.EXIT_PLAN|CBR.S8.TRANSITION -                    iso
jmt-missing-partner     governance CBR.S5.GOVERNANCE                  -                    iso
escalation-missing      governance CBR.S5.ESCALATION                  -                    iso
raci-two-accountable    governance CBR.S5.RACI                        MS.5.3.ROLES         iso
jrmp-unsigned           governance CBR.S5.JOINT_RMP                   -                    iso
sponsor-missing         governance CBR.S5.SPONSORS                    -                    iso
joint-risk-one-sided    governance CBR.S5.JOINT_RISK                  -                    iso
kpi-lapsed              monitoring CBR.S7.MEASUREMENT                 MS.9.1.MONITORING    iso
inherited-stale-policy  enterprise CBR.S1.POLICY                      MS.5.2.POLICY        iso
inherited-profile-after-audit enterprise CBR.S3.PROFILE               -                    iso
healthy-iso             control    -                                  -                    iso
healthy-bs              control    -                                  -                    bs
withdrawn-proposition   control    -                                  -                    iso
reviewed-within-period  control    -                                  -                    iso
partner-replaced        control    -                                  -                    iso
seconded-representative control    -                                  -                    iso
inherited-records       control    -                                  -                    iso
"""
"""The table: one scenario a line. Its plant is the function of `_plants` named like it
(`stale-policy`: `stale_policy`; none for the healthy bases); `roots` and `consequences` are
comma-separated ids (`-`: none); `catalogue` is `iso` or `bs`."""

PENDING: dict[str, str] = {}
"""The scenarios that need a model feature, and the feature."""

_CATALOGUES = {"iso": ISO, "bs": BS}


def _ids(cell: str) -> frozenset[str]:
    return frozenset() if cell == "-" else frozenset(cell.split(","))


def _parse(rows: str) -> tuple[Scenario, ...]:
    scenarios = []
    for line in rows.strip().splitlines()[1:]:
        name, family, roots, consequences, cat = line.split()
        scenarios.append(
            Scenario(
                name,
                family,
                getattr(p, name.replace("-", "_"), None),
                _ids(roots),
                _ids(consequences),
                catalogue=_CATALOGUES[cat],
                pending=PENDING.get(name),
            )
        )
    return tuple(scenarios)


SCENARIOS: tuple[Scenario, ...] = _parse(ROWS)
"""Every scenario, in family order."""
