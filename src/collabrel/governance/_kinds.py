"""The vocabulary of governance graphs: node kinds, edge kinds and node keys."""

from __future__ import annotations

from enum import StrEnum
from typing import Final

from collabrel.errors import GovernanceError
from collabrel.model._arguments import shown

__all__ = ["EdgeKind", "NodeKind", "node_key"]


class NodeKind(StrEnum):
    """What a node of a governance graph stands for (its `kind` attribute).

    The graph stores the plain string value, so `graph.nodes[n]["kind"] == NodeKind.PERSON`
    holds and the graph exports to GraphML as it is.

    Examples:
        >>> NodeKind.PERSON == "person"
        True
    """

    ORGANISATION = "organisation"
    PERSON = "person"
    BODY = "body"
    ACTIVITY = "activity"
    RELATIONSHIP = "relationship"


class EdgeKind(StrEnum):
    """What an edge of a governance graph says (its `kind` attribute and its key).

    | kind | from | to |
    |---|---|---|
    | `member_of` | person | organisation or body |
    | `acts_for` | person | organisation (besides their employer: `Person.acts_for`) |
    | `chairs` | person | body |
    | `reports_to` | person or body | person or body |
    | `escalates_to` | body | body |
    | `accountable_for` | person, body or organisation | activity |
    | `responsible_for` | person, body or organisation | activity |
    | `contracts_with` | organisation | organisation |
    | `subcontracts_to` | organisation (the principal) | organisation (the subcontractor) |
    | `party_to` | organisation | relationship (portfolio graphs only) |

    Examples:
        >>> EdgeKind("escalates_to") is EdgeKind.ESCALATES_TO
        True
    """

    MEMBER_OF = "member_of"
    ACTS_FOR = "acts_for"
    CHAIRS = "chairs"
    REPORTS_TO = "reports_to"
    ESCALATES_TO = "escalates_to"
    ACCOUNTABLE_FOR = "accountable_for"
    RESPONSIBLE_FOR = "responsible_for"
    CONTRACTS_WITH = "contracts_with"
    SUBCONTRACTS_TO = "subcontracts_to"
    PARTY_TO = "party_to"


_PARTIES: Final = frozenset({NodeKind.PERSON, NodeKind.BODY, NodeKind.ORGANISATION})
_PEOPLE_AND_BODIES: Final = frozenset({NodeKind.PERSON, NodeKind.BODY})
_ORGS: Final = frozenset({NodeKind.ORGANISATION})

EDGE_ENDS: Final[dict[str, tuple[frozenset[NodeKind], frozenset[NodeKind]]]] = {
    EdgeKind.MEMBER_OF: (
        frozenset({NodeKind.PERSON}),
        frozenset({NodeKind.ORGANISATION, NodeKind.BODY}),
    ),
    EdgeKind.ACTS_FOR: (frozenset({NodeKind.PERSON}), _ORGS),
    EdgeKind.CHAIRS: (frozenset({NodeKind.PERSON}), frozenset({NodeKind.BODY})),
    EdgeKind.REPORTS_TO: (_PEOPLE_AND_BODIES, _PEOPLE_AND_BODIES),
    EdgeKind.ESCALATES_TO: (frozenset({NodeKind.BODY}), frozenset({NodeKind.BODY})),
    EdgeKind.ACCOUNTABLE_FOR: (_PARTIES, frozenset({NodeKind.ACTIVITY})),
    EdgeKind.RESPONSIBLE_FOR: (_PARTIES, frozenset({NodeKind.ACTIVITY})),
    EdgeKind.CONTRACTS_WITH: (_ORGS, _ORGS),
    EdgeKind.SUBCONTRACTS_TO: (_ORGS, _ORGS),
    EdgeKind.PARTY_TO: (_ORGS, frozenset({NodeKind.RELATIONSHIP})),
}
"""For each edge kind, the node kinds it may start from and end at."""

_PREFIX: Final = {
    NodeKind.ORGANISATION: "org",
    NodeKind.PERSON: "person",
    NodeKind.BODY: "body",
    NodeKind.ACTIVITY: "activity",
    NodeKind.RELATIONSHIP: "relationship",
}


def node_key(kind: NodeKind | str, ident: str) -> str:
    """The key of the node for document id `ident` of `kind` in a governance graph.

    Ids are unique per kind only (a person and a body may share one), so keys carry the
    kind: `"org:"`, `"person:"`, `"body:"`, `"activity:"` or `"relationship:"`, then the id.

    Raises:
        GovernanceError: If `kind` is not a `NodeKind` or
            one's value (it is also a `ValueError`).

    Examples:
        >>> node_key(NodeKind.PERSON, "d.marsh")
        'person:d.marsh'
        >>> node_key("organisation", "nmri")
        'org:nmri'
    """
    try:
        prefix = _PREFIX[NodeKind(kind)]
    except (ValueError, TypeError):
        raise GovernanceError(f"kind must be a NodeKind (got {shown(kind)})") from None
    return f"{prefix}:{ident}"
