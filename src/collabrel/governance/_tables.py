"""RACI matrices as tables: rows of activities, a column per party, codes in the cells."""

from __future__ import annotations

import csv
import html
import io
from collections.abc import Iterable, Sequence
from typing import Final

from attrs import field, frozen

from collabrel.errors import CollabrelError, GovernanceError
from collabrel.governance._findings import ARGS
from collabrel.model import RaciActivity, RaciAssignment, RACIMatrix
from collabrel.model import _validators as v

__all__ = ["RaciTable", "raci_from_csv", "raci_table", "raci_to_csv"]

ID_COLUMN: Final = "activity"
NAME_COLUMN: Final = "name"


def _rows(values: Iterable[Iterable[str]]) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(row) for row in values)


@frozen(kw_only=True)
class RaciTable:
    """A RACI matrix laid out as a table, for people: one row per activity, a column per party.

    `codes[i][j]` holds what party `parties[j]` does on activity `activities[i]` (`""` when
    nothing). Rows keep the matrix's order and columns the order in which parties first
    appear; read back, each activity lists its parties in column order.
    Notebooks render it as an HTML table; `str()` gives a plain-text grid.

    Examples:
        >>> from collabrel import examples
        >>> table = raci_table(examples.load("flawed").relationship.governance.raci)
        >>> table.parties[:3]
        ('board', 'jmt', 'tidemark')
        >>> print(str(table).splitlines()[0])
        activity    board jmt tidemark p.lund r.carver s.ortiz e.moss b.kerr
    """

    activities: tuple[str, ...] = field(converter=v.to_tuple, validator=v.items(str))
    names: tuple[str, ...] = field(converter=v.to_tuple, validator=v.items(str))
    parties: tuple[str, ...] = field(converter=v.to_tuple, validator=v.items(str))
    codes: tuple[tuple[str, ...], ...] = field(converter=_rows)
    alphabet: str = field(default="RACI", validator=v.text())
    accountable_acts_as_responsible: bool = field(default=False, validator=v.boolean())

    @classmethod
    def from_rows(
        cls,
        header: Sequence[str],
        rows: Iterable[Sequence[str]],
        *,
        alphabet: str = "RACI",
        accountable_acts_as_responsible: bool = False,
    ) -> RaciTable:
        """A table from a header row and rows of cells, as a CSV or DataFrame reader gives them.

        The `activity` (id) and `name` columns may be anywhere; every other column is a party.

        Raises:
            GovernanceError: If the `activity` or `name` column is missing, a row has the wrong
                number of cells, or a party column repeats.
        """
        header = [h.strip() for h in header]
        for column in (ID_COLUMN, NAME_COLUMN):
            if column not in header:
                raise GovernanceError(
                    f"the table has no {column!r} column (its columns are {', '.join(header)})"
                )
        id_at, name_at = header.index(ID_COLUMN), header.index(NAME_COLUMN)
        party_at = [i for i in range(len(header)) if i not in (id_at, name_at)]
        parties = [header[i] for i in party_at]
        if len(set(parties)) != len(parties):
            raise GovernanceError(f"a party column appears twice: {', '.join(parties)}")
        ids, names, codes = [], [], []
        for number, row in enumerate(rows, start=2):
            if len(row) != len(header):
                raise GovernanceError(
                    f"row {number} has {len(row)} cells; the header has {len(header)}"
                )
            ids.append(row[id_at].strip())
            names.append(row[name_at].strip())
            codes.append([row[i].strip() for i in party_at])
        return cls(
            activities=ids,
            names=names,
            parties=parties,
            codes=codes,
            alphabet=alphabet,
            accountable_acts_as_responsible=accountable_acts_as_responsible,
        )

    def to_records(self) -> list[dict[str, object]]:
        """One flat row per activity: `activity`, `name`, then a column per party."""
        return [
            {ID_COLUMN: a, NAME_COLUMN: n, **dict(zip(self.parties, row, strict=True))}
            for a, n, row in zip(self.activities, self.names, self.codes, strict=True)
        ]

    def to_matrix(self) -> RACIMatrix:
        """The table as a `RACIMatrix` (empty cells dropped).

        Raises:
            GovernanceError: If a cell holds codes outside the alphabet or an id is malformed.
        """
        try:
            return RACIMatrix(
                activities=[
                    RaciActivity(
                        id=a,
                        name=n,
                        assignments=[
                            RaciAssignment(party=p, codes=c)
                            for p, c in zip(self.parties, row, strict=True)
                            if c.strip()
                        ],
                    )
                    for a, n, row in zip(self.activities, self.names, self.codes, strict=True)
                ],
                alphabet=self.alphabet,
                accountable_acts_as_responsible=self.accountable_acts_as_responsible,
            )
        except CollabrelError as exc:
            raise GovernanceError(f"the table is not a valid RACI matrix: {exc}") from exc

    def to_csv(self) -> str:
        """The table as CSV text: a header row `activity,name,<party>...`, then the rows."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow([ID_COLUMN, NAME_COLUMN, *self.parties])
        for a, n, row in zip(self.activities, self.names, self.codes, strict=True):
            writer.writerow([a, n, *row])
        return out.getvalue()

    def __str__(self) -> str:
        header = [ID_COLUMN, *self.parties]
        rows = [[a, *row] for a, row in zip(self.activities, self.codes, strict=True)]
        widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
        return "\n".join(
            " ".join(cell.ljust(w) for cell, w in zip(r, widths, strict=True)).rstrip()
            for r in [header, *rows]
        )

    def _repr_html_(self) -> str:
        head = "".join(f"<th>{html.escape(c)}</th>" for c in (ID_COLUMN, *self.parties))
        body = "".join(
            f"<tr><th title='{html.escape(a)}'>{html.escape(n)}</th>"
            + "".join(f"<td>{html.escape(c)}</td>" for c in row)
            + "</tr>"
            for a, n, row in zip(self.activities, self.names, self.codes, strict=True)
        )
        return f"<table><tr>{head}</tr>{body}</table>"


def raci_table(matrix: RACIMatrix) -> RaciTable:
    """Lay a RACI matrix out as a `RaciTable`.

    Raises:
        GovernanceError: If `matrix` is not a `RACIMatrix`.

    Examples:
        >>> from collabrel import examples
        >>> raci = examples.load("alliance").relationship.governance.raci
        >>> back = raci_table(raci).to_matrix()
        >>> [a.id for a in back.activities] == [a.id for a in raci.activities]
        True
        >>> all(back.by_activity(a.id) == raci.by_activity(a.id) for a in raci.activities)
        True
    """
    parties = ARGS.instance("matrix", matrix, RACIMatrix).parties
    return RaciTable(
        activities=[row.id for row in matrix.activities],
        names=[row.name for row in matrix.activities],
        parties=parties,
        codes=[[row.codes_of(p) for p in parties] for row in matrix.activities],
        alphabet=matrix.alphabet,
        accountable_acts_as_responsible=matrix.accountable_acts_as_responsible,
    )


def raci_to_csv(matrix: RACIMatrix) -> str:
    """A RACI matrix as CSV text: `activity,name,<party>...` then one row per activity.

    Raises:
        GovernanceError: If `matrix` is not a `RACIMatrix`.

    Examples:
        >>> from collabrel import examples
        >>> text = raci_to_csv(examples.load("flawed").relationship.governance.raci)
        >>> text.splitlines()[1]
        'act-plan,Agree the annual maintenance plan,A,R,I,,,,,'
    """
    return raci_table(matrix).to_csv()


def raci_from_csv(
    text: str | Iterable[str],
    *,
    alphabet: str = "RACI",
    accountable_acts_as_responsible: bool = False,
) -> RACIMatrix:
    """Read a RACI matrix from CSV written as `raci_to_csv` writes it.

    `text` is the CSV text, or its lines (an open file works).

    The `activity` (id) and `name` columns may be anywhere; every other column is a party,
    in the order given; empty cells mean no code.

    Raises:
        GovernanceError: If a column is missing, a row is short or long, or a cell or id is
            not valid for a RACI matrix; or if `text` is not a string or lines of text, or
            `alphabet` not a string.

    Examples:
        >>> m = raci_from_csv(["activity,name,jeb,jmt", "plan,Approve the plan,A,R"])
        >>> m.by_activity("plan")
        {'jeb': 'A', 'jmt': 'R'}
    """
    ARGS.instance("alphabet", alphabet, str)
    lines = [text] if isinstance(text, str) else ARGS.items("text", text, str)
    reader = csv.reader(io.StringIO(text) if isinstance(text, str) else lines)
    try:
        header = next(reader, None)
        if header is None:
            raise GovernanceError("the CSV text is empty: it needs a header row")
        table = RaciTable.from_rows(
            header,
            (row for row in reader if any(cell.strip() for cell in row)),
            alphabet=alphabet,
            accountable_acts_as_responsible=accountable_acts_as_responsible,
        )
    except csv.Error as exc:
        raise GovernanceError(f"the CSV text cannot be read: {exc}") from exc
    return table.to_matrix()
