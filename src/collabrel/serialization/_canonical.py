"""Canonical JSON (RFC 8785, the JSON Canonicalization Scheme) and content digests.

A plan's parts are turned into plain data by `to_data`, the one way to plain data, and that
data is written canonically: object members sorted by their names' UTF-16 code units, no
whitespace, strings escaped as ECMAScript's `JSON.stringify` escapes them, and numbers written
as ECMAScript writes an IEEE 754 double. So a digest of a record is the same whether the plan
came from JSON, YAML or TOML, and anyone holding the plan's JSON can recompute it with any
RFC 8785 implementation.

One deliberate difference: an integer is written with all its digits. RFC 8785 reads every
number as an IEEE 754 double, so beyond 2**53 it would write the nearest double and two
different amounts could share a digest; within 2**53 (every id, count and sensible amount)
the two agree.
"""

from __future__ import annotations

import hashlib
import json
import math
from decimal import Decimal
from typing import Final

from collabrel.errors import ArgumentError
from collabrel.serialization._io import to_data

__all__ = ["DIGEST_PREFIX", "canonical_json", "content_digest", "digest_of_data"]

DIGEST_PREFIX: Final = "sha256:"
"""How a content digest starts: the hash function's name (then 64 hex digits)."""

_FIXED_UP_TO: Final = 21
"""ECMAScript writes a number below 10**21 without an exponent..."""

_FIXED_FROM: Final = -6
"""... and one of at least 10**-6 too (RFC 8785, 3.2.2.3)."""

_LITERALS: Final[dict[object, str]] = {None: "null", True: "true", False: "false"}


def _number(value: float) -> str:
    """`value` as ECMAScript's `Number.prototype.toString` writes it (RFC 8785, 3.2.2.3)."""
    if not math.isfinite(value):
        raise ArgumentError("value", value, "a finite number (RFC 8785 has no NaN or infinity)")
    if value == 0:
        return "0"
    sign = "-" if value < 0 else ""
    # Python's repr is the shortest string that reads back as the same double, as ECMAScript's.
    _, digit_tuple, exponent = Decimal(repr(abs(value))).normalize().as_tuple()
    digits = "".join(map(str, digit_tuple)).rstrip("0") or "0"
    if not isinstance(exponent, int):  # pragma: no cover - finite values have an int exponent
        raise ArgumentError("value", value, "a finite number")
    k = len(digits)
    n = exponent + len(digit_tuple)  # 10**(n-1) <= |value| < 10**n
    if k <= n <= _FIXED_UP_TO:
        text = digits + "0" * (n - k)
    elif 0 < n <= _FIXED_UP_TO:
        text = f"{digits[:n]}.{digits[n:]}"
    elif _FIXED_FROM < n <= 0:
        text = "0." + "0" * -n + digits
    else:
        e = n - 1
        mantissa = digits if k == 1 else f"{digits[0]}.{digits[1:]}"
        text = f"{mantissa}e{'+' if e > 0 else '-'}{abs(e)}"
    return sign + text


def _string(value: str) -> str:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ArgumentError("value", value, "text without lone surrogates") from None
    return json.dumps(value, ensure_ascii=False)


def _write(value: object, out: list[str]) -> None:
    if value is None or isinstance(value, bool):
        out.append(_LITERALS[value])
    elif isinstance(value, str):
        out.append(_string(value))
    elif isinstance(value, int):
        out.append(str(value))  # exact, also beyond 2**53 (see the module's docstring)
    elif isinstance(value, float):
        out.append(_number(value))
    elif isinstance(value, dict):
        _write_object(value, out)
    elif isinstance(value, list | tuple):
        out.append("[")
        for i, item in enumerate(value):
            if i:
                out.append(",")
            _write(item, out)
        out.append("]")
    else:
        raise ArgumentError("value", value, "plain JSON data (dicts, lists, text, numbers)")


def _write_object(value: dict[object, object], out: list[str]) -> None:
    out.append("{")
    for i, name in enumerate(sorted(value, key=_utf16)):
        if i:
            out.append(",")
        out.append(_string(str(name)))
        out.append(":")
        _write(value[name], out)
    out.append("}")


def _utf16(name: object) -> bytes:
    if not isinstance(name, str):
        raise ArgumentError("value", name, "an object whose member names are text")
    return name.encode("utf-16-be", "surrogatepass")


def canonical_json(data: object) -> bytes:
    r"""Plain JSON data written canonically, as RFC 8785 (JCS) writes it, in UTF-8.

    Raises:
        ArgumentError: If `data` holds something JSON cannot write canonically: a value that is
            not plain data, NaN or infinity, a lone surrogate.

    Examples:
        >>> print(canonical_json({"b": [1, 2.50, None], "a": "tab\t", "z": 1e21, "1": 1e-7}
        ...                      ).decode())
        {"1":1e-7,"a":"tab\t","b":[1,2.5,null],"z":1e+21}
    """
    out: list[str] = []
    _write(data, out)
    return "".join(out).encode("utf-8")


def digest_of_data(data: object) -> str:
    """The sha256 of `data`'s canonical JSON, as `"sha256:"` and 64 hex digits.

    Examples:
        >>> digest_of_data({"b": 1, "a": 2}) == digest_of_data({"a": 2, "b": 1.0})
        True
        >>> digest_of_data([])[:15]
        'sha256:4f53cda1'
    """
    return DIGEST_PREFIX + hashlib.sha256(canonical_json(data)).hexdigest()


def content_digest(obj: object, *, leave_out: tuple[str, ...] = ()) -> str:
    """The digest of a collabrel object's content: its `to_data` form, written canonically.

    Args:
        obj: A plan or any part of one (a record, a risk, a partner, ...).
        leave_out: Top-level fields not part of the content (a record's signatures, say).

    Examples:
        >>> from collabrel.model import Record
        >>> a = Record(id="jrmp", title="Joint RMP", signatories=["nr"])
        >>> b = Record(id="jrmp", title="Joint RMP", signatories=["nr", "acme"])
        >>> content_digest(a) == content_digest(b)
        False
        >>> content_digest(a, leave_out=("signatories",)) == content_digest(
        ...     b, leave_out=("signatories",))
        True
    """
    data = to_data(obj)
    if leave_out and isinstance(data, dict):
        data = {name: value for name, value in data.items() if name not in leave_out}
    return digest_of_data(data)
