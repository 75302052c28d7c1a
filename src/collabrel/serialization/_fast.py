"""The fast path's structure functions: one generated function per attrs class.

The fast converter (`make_converter()` without detailed validation) structures an attrs
class with a function generated here. It builds the object as the class does (it runs the
statements of the class's `__init__`, as `collabrel.model._inline` recompiled them, on a new
instance, or calls the class), so every converter, validator and `__attrs_post_init__` runs
as always, and it hands a field's value to the class as read
when the field's own validator makes the check the converter's hook would make (a `str`
field whose validator takes only strings, an `int` field checked by `integer()`, ...):
that check is then made once, by the class, not twice. Nested classes are structured by
their own generated functions, called directly; enums are looked up in a dict; ISO dates
are read at once. Whatever the function meets that it does not expect (a mapping that is not
a `dict`, an unknown or missing key, a value of the wrong kind) raises, and collabrel
structures the document again with detailed validation to report every problem with its
path: the fast path never accepts what the detailed one refuses, and builds the same
objects where both accept.
"""

from __future__ import annotations

import datetime as dt
import itertools
import linecache
import re
from collections.abc import Callable
from enum import Enum
from types import NoneType, UnionType
from typing import Any, Final, Union, get_args, get_origin

import attrs
from cattrs import Converter

from collabrel.model import _validators as v
from collabrel.model._inline import init_body

_ISO_DATE: Final = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_DATE_LENGTH: Final = 10
_V: Final = "$V"
"""Where the value goes in a generated expression."""

# What a validator guarantees of the type of the value it accepts (its converter aside).
_GUARANTEES: Final[dict[type, tuple[type, ...]]] = {
    v.Text: (str,),
    v.Identifier: (str,),
    v.Matches: (str,),
    v.Integer: (int,),
    v.Boolean: (bool,),
}
# Converters that turn no value a hook would refuse into one the validator accepts.
_SAFE_CONVERTERS: Final[tuple[object, ...]] = (
    v.to_tuple,
    v.dedupe,
    v.to_float,
    v.to_optional_float,
)
_FLOAT_CONVERTERS: Final[tuple[object, ...]] = (v.to_float, v.to_optional_float)


class _RefusedError(ValueError):
    """A value the fast path does not take; the detailed path says what is wrong."""


def _parts(validator: object) -> tuple[object, ...]:
    found = getattr(validator, "_validators", None)  # attrs' and_() of several validators
    return tuple(found) if isinstance(found, tuple) else (validator,)


def _checks_type(validator: object, t: type, *, optional: bool) -> bool:
    """Whether `validator` accepts only values of type `t` (and `None` when `optional`)."""
    for part in _parts(validator):
        inner = part
        if optional:
            if not isinstance(part, v.Optional):
                continue
            inner = part.inner
        if t in _GUARANTEES.get(type(inner), ()):
            return True
        if t is float and isinstance(inner, v.Number):
            return True
    return False


def _checks_items(validator: object, element: type) -> bool:
    """Whether `validator` accepts only tuples whose items are all of type `element`."""
    return any(isinstance(part, v.Items) and part.element is element for part in _parts(validator))


class _Builder:
    """The source and the names (the globals) of one class's generated functions."""

    def __init__(self, conv: Converter) -> None:
        self.conv = conv
        self.names: dict[str, Any] = {}
        self._count = itertools.count()

    def name(self, obj: object) -> str:
        key = f"_g{next(self._count)}"
        self.names[key] = obj
        return key

    def hook(self, t: Any) -> str:
        """A call of the converter's own hook for `t`, with `$V` where the value goes.

        The hook is looked up when it is first called: a nested class's function is made
        only when a document has one (its first call puts the hook itself in its place).
        """
        return f"{self.later(t)}($V, {self.name(t)})"

    def later(self, t: Any) -> str:
        """The name of the converter's hook for `t`, looked up at its first call."""
        names, get = self.names, self.conv.get_structure_hook

        def first(value: object, cls: Any) -> Any:
            hook = names[key] = get(t)
            return hook(value, cls)

        key = self.name(first)
        return key

    def value(self, t: Any, a: attrs.Attribute[Any]) -> str:  # noqa: PLR0911 - one per kind
        """The expression structuring a value (`$V`) of type `t` for field `a`."""
        safe = a.converter is None or any(a.converter is c for c in _SAFE_CONVERTERS)
        origin, args = get_origin(t), get_args(t)
        if origin in (Union, UnionType) and len(args) == 2 and NoneType in args:  # noqa: PLR2004
            inner = args[0] if args[1] is NoneType else args[1]
            if safe and self._raw(inner, a, optional=True):
                return _V
            return f"(None if $V is None else {self.value(inner, a)})"
        if safe and self._raw(t, a, optional=False):
            return _V
        if isinstance(t, type) and issubclass(t, Enum):
            return f"{self.name({m.value: m for m in t})}[$V]"
        if t is dt.date:
            date_hook = self.conv.get_structure_hook(dt.date)
            return f"{self.name(_date_reader(date_hook))}($V)"
        if origin is tuple and len(args) == 2 and args[1] is Ellipsis:  # noqa: PLR2004
            return self._tuple(t, args[0], a, safe=safe)
        return self.hook(t)

    def _raw(self, t: Any, a: attrs.Attribute[Any], *, optional: bool) -> bool:
        """Whether a value of type `t` may go to the class as read: its validator checks it."""
        if t is float:
            return a.converter in _FLOAT_CONVERTERS and _checks_type(
                a.validator, float, optional=optional
            )
        return t in (str, int, bool) and _checks_type(a.validator, t, optional=optional)

    def _tuple(self, t: Any, element: Any, a: attrs.Attribute[Any], *, safe: bool) -> str:
        if safe and element is str and _checks_items(a.validator, str):
            each = "x"
        elif isinstance(element, type) and issubclass(element, Enum):
            each = f"{self.name({m.value: m for m in element})}[x]"
        elif isinstance(element, type) and attrs.has(element):  # its own function
            each = f"{self.hook(element).replace(_V, 'x')}"
        else:
            return self.hook(t)
        reader = self.name(
            _tuple_reader(each, self.names, f"{self.later(t)}(value, {self.name(t)})")
        )
        return f"{reader}($V)"


def _date_reader(hook: Callable[[object, type], dt.date]) -> Callable[[object], dt.date]:
    """An ISO date read at once; anything else goes to the converter's date hook."""
    match, from_iso, date = _ISO_DATE.match, dt.date.fromisoformat, dt.date

    def read(value: object) -> dt.date:
        if type(value) is str and len(value) == _ISO_DATE_LENGTH and match(value):
            return from_iso(value)
        return hook(value, date)

    return read


def _tuple_reader(
    each: str, names: dict[str, Any], otherwise: str
) -> Callable[[object], tuple[Any, ...]]:
    """A list read item by item (`each` on `x`); anything else goes to `otherwise`.

    `names` are the globals of the class's function, shared (see `_Builder.hook`).
    """
    names.update(_list=list, _type=type, _tuple=tuple)
    items = "value" if each == "x" else f"[{each} for x in value]"
    source = (
        "def read(value):\n"
        "    if _type(value) is not _list:\n"
        f"        return {otherwise}\n"
        f"    return _tuple({items})\n"
    )
    exec(compile(source, "<collabrel fast tuple>", "exec"), names)  # noqa: S102
    reader: Callable[[object], tuple[Any, ...]] = names.pop("read")
    return reader


_OWN_NAMES: Final = frozenset({"o", "_", "self", "_v"})
"""The locals of a structure function besides the arguments it reads."""


def _construction(cls: type[Any], arguments: list[str], names: dict[str, Any]) -> str:
    """The statements that build `cls` from `arguments` (`alias=expression`) and return it.

    Where the class's `__init__` is recompiled by the model (`init_body`), its statements
    are run here on a new instance, with each argument read into a local named as its
    parameter: what `cls(...)` does, without the call. Otherwise the class is called.
    """
    call = f"    return _cls({', '.join(arguments)})\n"
    own_new = any("__new__" in vars(c) for c in cls.__mro__[:-1])  # object.__new__ otherwise
    found = None if own_new else init_body(cls)
    if found is None:
        return call
    lines, init_names = found
    reads = [argument.partition("=")[::2] for argument in arguments]
    clash = (init_names.keys() & {*names, "_new"}) - {"__builtins__"}
    taken = {*_OWN_NAMES, *names, *init_names}
    if clash or any(a.startswith("_") or a in taken for a, _ in reads):
        return call  # pragma: no cover - no model class has such names
    names.update({k: v for k, v in init_names.items() if k != "__builtins__"})
    names["_new"] = object.__new__
    return "".join(
        [
            *(f"    {alias} = {expression}\n" for alias, expression in reads),
            "    self = _new(_cls)\n",
            *(f"{line}\n" for line in lines),
            "    return self\n",
        ]
    )


def fast_structure_fn(
    cls: type[Any], conv: Converter, slow: Callable[[object, type], Any]
) -> Callable[..., Any]:
    """The fast structure function of `cls`; `slow` takes a mapping that is not a `dict`."""
    hints = {a.name: a.type for a in attrs.fields(attrs.resolve_types(cls))}
    build = _Builder(conv)
    keys = frozenset(a.name for a in attrs.fields(cls) if a.init)
    arguments = []
    for a in attrs.fields(cls):
        if not a.init:
            continue
        key = repr(a.name)
        expression = build.value(hints[a.name], a)
        if a.default is attrs.NOTHING:
            arguments.append(f"{a.alias}={expression.replace(_V, f'o[{key}]')}")
            continue
        default = attrs.NOTHING if isinstance(a.default, attrs.Factory) else a.default  # type: ignore[arg-type]
        default_name = build.name(default)
        if expression == _V:
            arguments.append(f"{a.alias}=o.get({key}, {default_name})")
        else:
            arguments.append(
                f"{a.alias}=({expression.replace(_V, '_v')} "
                f"if (_v := o.get({key}, _missing)) is not _missing else {default_name})"
            )
    names = build.names  # shared with the tuple readers and the hooks looked up later
    names.update(
        _cls=cls,
        _dict=dict,
        _type=type,
        _keys=keys,
        _slow=slow,
        _missing=object(),
        _RefusedError=_RefusedError,
    )
    source = (
        f"def structure_{cls.__name__}(o, _=None):\n"
        "    if _type(o) is not _dict:\n"
        "        return _slow(o, _cls)\n"
        "    if not _keys.issuperset(o):\n"
        "        raise _RefusedError('unknown field')\n"
        f"{_construction(cls, arguments, names)}"
    )
    filename = f"<collabrel fast structure {cls.__module__}.{cls.__qualname__}>"
    exec(compile(source, filename, "exec"), names)  # noqa: S102 - our own generated code
    linecache.cache[filename] = (len(source), None, source.splitlines(keepends=True), filename)
    fn: Callable[..., Any] = names.pop(f"structure_{cls.__name__}")
    return fn
