"""How values look to people in a notebook: numbers, amounts and small pieces of HTML.

Every layer that renders for a notebook (the model, conformance, metrics) formats with these,
so an amount reads the same wherever it appears. Standard library only.

The HTML helpers escape every piece of text they are given; text that is already HTML is
marked as `Markup` (what the helpers return), so nothing is escaped twice and nothing
unescaped slips through. No scripts, only small inline styles.
"""

from __future__ import annotations

import html
import math
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Sequence
from datetime import date
from enum import Enum
from functools import partial
from typing import Final, Protocol, TypeVar

__all__ = [
    "Markup",
    "PrettyRepr",
    "Printer",
    "block",
    "clip",
    "counted",
    "format_amount",
    "format_number",
    "format_percent",
    "heading",
    "markup",
    "paragraph",
    "pretty",
    "strip",
    "summary_repr",
    "table",
    "words",
]

_SYMBOLS: Final = {"GBP": "£", "EUR": "€", "USD": "$"}
"""The currencies written with a symbol before the amount."""
_CODES: Final = frozenset(
    {"AUD", "CAD", "CHF", "CNY", "DKK", "HKD", "INR", "JPY", "NOK", "NZD", "SEK", "SGD", "ZAR"}
)
"""Other ISO 4217 currencies, written as the code before the amount."""
_EXPONENT_FROM: Final = 1e15
"""Numbers this large are written with an exponent rather than eighteen digits."""

_K = TypeVar("_K", bound=Hashable)


def format_number(value: float | None, *, places: int = 2, signed: bool = False) -> str:
    """`value` for people: thousands separators, at most `places` decimals, no trailing zeros.

    Numbers below 1 keep three significant digits instead; huge ones (from 10**15) and the
    special values are written as Python writes them. `None` is the empty string.

    Examples:
        >>> format_number(12_000_000.0), format_number(-1234.5), format_number(60.520833)
        ('12,000,000', '-1,234.5', '60.52')
        >>> format_number(0.53333), format_number(67.2, places=0), format_number(None)
        ('0.533', '67', '')
        >>> format_number(4.5, signed=True), format_number(-37.5, signed=True)
        ('+4.5', '-37.5')
        >>> format_number(1e300), format_number(float("-inf"))
        ('1e+300', '-inf')
    """
    if value is None:
        return ""
    number = float(value)
    if not math.isfinite(number) or abs(number) >= _EXPONENT_FROM:
        text = f"{number:.4g}"
    elif 0 < abs(number) < 1:
        text = f"{number:.3g}"
    else:
        text = f"{number:,.{places}f}"
        if "." in text:
            text = text.rstrip("0").rstrip(".")
        if text == "-0":
            text = "0"
    if signed and number > 0:
        return f"+{text}"
    return text


def format_amount(value: float | None, unit: str | None, *, places: int = 2) -> str:
    """An amount in its unit: a currency by its symbol or code, `%` attached, others after.

    Examples:
        >>> format_amount(12_000_000, "GBP"), format_amount(-2500.5, "EUR")
        ('£12,000,000', '-€2,500.5')
        >>> format_amount(1e6, "CHF"), format_amount(95, "%"), format_amount(1400, "tCO2e")
        ('CHF 1,000,000', '95%', '1,400 tCO2e')
        >>> format_amount(3, None), format_amount(None, "GBP")
        ('3', '')
    """
    if value is None:
        return ""
    number = format_number(value, places=places)
    if not unit:
        return number
    symbol = _SYMBOLS.get(unit)
    if symbol is not None:
        sign, digits = ("-", number[1:]) if number.startswith("-") else ("", number)
        return f"{sign}{symbol}{digits}"
    if unit in _CODES:
        return f"{unit} {number}"
    if unit == "%":
        return f"{number}%"
    return f"{number} {unit}"


def format_percent(share: float | None) -> str:
    """A share from 0 to 1 as a whole percentage; `None` is the empty string.

    Examples:
        >>> format_percent(0.5333), format_percent(1.0), format_percent(None)
        ('53%', '100%', '')
    """
    return "" if share is None else f"{share:.0%}"


def clip(text: str, limit: int = 60) -> str:
    """`text` cut to at most `limit` characters, with an ellipsis where it was cut.

    Examples:
        >>> clip("Northern Rail Renewals Alliance", 14)
        'Northern Rail…'
        >>> clip("short")
        'short'
    """
    if len(text) <= limit:
        return text
    return text[: limit - 1].rstrip() + "…"


def words(value: object) -> str:
    """A value for people: an enum member by its value with spaces for underscores.

    Examples:
        >>> from collabrel.model import Result
        >>> words(Result.NOT_APPLICABLE), words("on_track"), words(3)
        ('not applicable', 'on track', '3')
    """
    text = value.value if isinstance(value, Enum) else value
    return str(text).replace("_", " ")


def _count(value: object, n: int) -> str:
    return f"{n} {words(value)}"


def counted(
    values: Iterable[_K],
    order: Iterable[_K] = (),
    *,
    label: Callable[[_K, int], str] = _count,
) -> str:
    """`values` counted, e.g. `"5 on track, 1 at risk"`: in `order`, then as they first come.

    Values that do not occur are left out; `label` writes one count (by default the number
    and the value in `words`).

    Examples:
        >>> from collabrel.model import Result
        >>> counted([Result.MINOR, Result.MAJOR, Result.MINOR], [Result.MAJOR, Result.MINOR])
        '1 major, 2 minor'
        >>> counted(["b", "a", "b"], label=lambda v, n: f"{v} x{n}"), counted([])
        ('b x2, a x1', '')
    """
    found = Counter(values)
    keys = dict.fromkeys([*order, *found])
    return ", ".join(label(key, found[key]) for key in keys if found[key])


# ------------------------------------------------------------------ HTML


class Markup(str):
    """Text that is already HTML: the helpers below put it in as it is, unescaped."""

    __slots__ = ()


def markup(value: object) -> Markup:
    """`value` as HTML: `Markup` as it is, anything else as escaped text.

    Examples:
        >>> markup("<b>A & B</b>"), markup(Markup("<b>bold</b>"))
        ('&lt;b&gt;A &amp; B&lt;/b&gt;', '<b>bold</b>')
    """
    if isinstance(value, Markup):
        return value
    return Markup(html.escape("" if value is None else str(value)))


def heading(title: object, *details: object) -> Markup:
    """A bold title followed by details separated by middle dots.

    Examples:
        >>> heading("Alliance <1>", "alliance", "5 partners")
        '<div><strong>Alliance &lt;1&gt;</strong> · alliance · 5 partners</div>'
    """
    rest = "".join(f" · {markup(d)}" for d in details if d not in (None, ""))
    return Markup(f"<div><strong>{markup(title)}</strong>{rest}</div>")


def paragraph(text: object) -> Markup:
    """`text` as a paragraph, or nothing when it is empty.

    Examples:
        >>> paragraph("5 partners & 28 people"), paragraph("")
        ('<p style="margin:4px 0">5 partners &amp; 28 people</p>', '')
    """
    if text in (None, ""):
        return Markup("")
    return Markup(f'<p style="margin:4px 0">{markup(text)}</p>')


def table(
    columns: Sequence[object],
    rows: Iterable[Sequence[object]],
    *,
    caption: object = None,
    right: Iterable[int] = (),
) -> Markup:
    """An HTML table; every cell is escaped text unless it is `Markup`.

    Args:
        columns: The header cells.
        rows: The rows, each with one cell per column.
        caption: The table's caption, if any.
        right: The positions of the columns to align right (numbers).

    Examples:
        >>> table(["name", "amount"], [["A & B", "£1,000"]], right=[1])
        '<table><thead><tr><th>name</th><th>amount</th></tr></thead><tbody><tr><td>A &amp; \
B</td><td style="text-align:right">£1,000</td></tr></tbody></table>'
    """
    aligned = frozenset(right)

    def cell(tag: str, i: int, value: object) -> str:
        style = ' style="text-align:right"' if i in aligned else ""
        return f"<{tag}{style}>{markup(value)}</{tag}>"

    head = "".join(f"<th>{markup(c)}</th>" for c in columns)
    body = "".join(
        "<tr>" + "".join(cell("td", i, v) for i, v in enumerate(row)) + "</tr>" for row in rows
    )
    top = f"<caption>{markup(caption)}</caption>" if caption not in (None, "") else ""
    return Markup(f"<table>{top}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")


def strip(cells: Iterable[Sequence[object]], *, emphasised: Iterable[int] = ()) -> Markup:
    """A row of small boxes, one per cell, its first line bold; emphasised boxes framed darker.

    Examples:
        >>> strip([["1 Awareness", "completed"], ["2 Knowledge"]], emphasised=[1])
        '<div style="display:flex;gap:4px;margin:4px 0"><div style="flex:1;border:1px solid \
#bbb;border-radius:4px;padding:2px 6px;font-size:smaller"><strong>1 Awareness</strong><br>\
completed</div><div style="flex:1;border:2px solid #333;border-radius:4px;padding:2px 6px;\
font-size:smaller"><strong>2 Knowledge</strong></div></div>'
    """
    strong = frozenset(emphasised)
    boxes = []
    for i, lines in enumerate(cells):
        first, *rest = (markup(line) for line in lines)
        frame = "2px solid #333" if i in strong else "1px solid #bbb"
        text = "".join(f"<br>{line}" for line in rest)
        boxes.append(
            f'<div style="flex:1;border:{frame};border-radius:4px;padding:2px 6px;'
            f'font-size:smaller"><strong>{first}</strong>{text}</div>'
        )
    return Markup(f'<div style="display:flex;gap:4px;margin:4px 0">{"".join(boxes)}</div>')


def block(*parts: object) -> Markup:
    """The parts one after another in a `<div>` (empty parts left out).

    Examples:
        >>> block(Markup("<p>a</p>"), "", "b & c")
        '<div class="collabrel"><p>a</p>b &amp; c</div>'
    """
    inner = "".join(markup(p) for p in parts if p not in (None, ""))
    return Markup(f'<div class="collabrel">{inner}</div>')


# ------------------------------------------------------------------ short reprs


def summary_repr(self: object) -> str:
    """A one-line `repr` of an attrs container: its parts counted, not shown in full.

    Empty and `None` fields and those declared `repr=False` are left out, tuples are
    counted, parts with an `id` are named by it, other parts by their class, and plain values
    are shown (text cut short, enums by value, dates in ISO 8601). Assign it
    in the class body (`__repr__ = summary_repr`) of a class decorated with `repr=False`.

    Examples:
        >>> import attrs
        >>> @attrs.frozen(repr=False)
        ... class Shelf:
        ...     label: str
        ...     books: tuple[str, ...] = ()
        ...     note: str | None = None
        ...     __repr__ = summary_repr
        >>> Shelf("Standards", ("BS 11000", "ISO 44001"))
        <Shelf label='Standards', books: 2>
    """
    parts = []
    for a in type(self).__attrs_attrs__:  # type: ignore[attr-defined]
        if a.repr is False:
            continue
        value = getattr(self, a.name)
        if value is None or value is False or (isinstance(value, tuple | str) and not value):
            continue
        if isinstance(value, tuple):
            parts.append(f"{a.name}: {len(value)}")
        elif isinstance(getattr(value, "id", None), str):
            parts.append(f"{a.name}: {clip(value.id, 40)!r}")
        elif hasattr(type(value), "__attrs_attrs__"):
            parts.append(f"{a.name}: {type(value).__name__}")
        elif isinstance(value, str):
            parts.append(f"{a.name}={clip(value, 40)!r}")
        elif isinstance(value, Enum):
            parts.append(f"{a.name}={value.value}")
        elif isinstance(value, date):
            parts.append(f"{a.name}={value.isoformat()}")
        else:
            parts.append(f"{a.name}={clip(repr(value), 40)}")
    return f"<{type(self).__name__} {', '.join(parts)}>" if parts else f"<{type(self).__name__}>"


# ------------------------------------------------------------------ IPython's pretty printer


class Printer(Protocol):
    """What `_repr_pretty_` needs of IPython's pretty printer: its `text` method."""

    def text(self, obj: str) -> None:
        """Write `obj`."""


def _write(obj: object, p: Printer, cycle: bool) -> None:
    p.text(f"<{type(obj).__name__} ...>" if cycle else repr(obj))


class PrettyRepr:
    """IPython's `_repr_pretty_` as a class attribute: an instance's short `repr`, one line.

    Assign `pretty` in a class body (`_repr_pretty_ = pretty`) beside a short `__repr__`, so
    IPython shows the summary rather than walking every field. Looked up on the class itself
    it is `None`, so a printer that asks whatever it prints for the hook (Hypothesis's does)
    shows the class by its name.

    Examples:
        >>> class Shown:
        ...     _repr_pretty_ = pretty
        ...     def __repr__(self):
        ...         return "<Shown>"
        >>> class Out:
        ...     def text(self, obj):
        ...         print(obj)
        >>> Shown()._repr_pretty_(Out(), False)
        <Shown>
        >>> Shown()._repr_pretty_(Out(), True)
        <Shown ...>
        >>> Shown._repr_pretty_ is None
        True
    """

    __slots__ = ()

    def __get__(
        self, obj: object, owner: type | None = None
    ) -> Callable[[Printer, bool], None] | None:
        if obj is None:
            return None
        return partial(_write, obj)


pretty: Final = PrettyRepr()
"""The one `_repr_pretty_` of every class with a short `repr`."""
