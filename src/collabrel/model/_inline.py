"""Model classes whose `__init__` checks each field inline before it calls its validator.

attrs' generated `__init__` calls every field's validator, and calling one of the model's
validator objects (`collabrel.model._validators`) costs more than the check it makes.
`inline_validators(cls)` recompiles a class's attrs-generated `__init__` with one change:
before each validator call it evaluates that validator's `condition`, an expression true only
of values the validator accepts, and calls the validator only when the expression is false,
so that the validator raises its own error. Everything else attrs generated (defaults,
converters, the order of the checks, `attrs.validators.disabled()`, `__attrs_post_init__`)
stays as attrs wrote it, so a class builds, and refuses, exactly what it did before.

A validator without a condition (a class's `_check_<field>` method, one of attrs' own) is
called as before. A class whose `__init__` is not attrs' own is left alone.

Compiling costs a fraction of a millisecond a class, so the model does not do it at import:
`inline_all` gives each class a stand-in `__init__` that recompiles the class's own the first
time one is built (a program that reads one small plan compiles a handful of the model's
classes, not all of them). The stand-in has the signature of attrs' `__init__`, which it wraps.
"""

from __future__ import annotations

import functools
import linecache
import re
import weakref
from typing import Any, Final

import attrs

from collabrel.model._validators import condition_of, unchanged_by

_VALIDATOR_CALL: Final = re.compile(
    r"^(?P<indent>\s+)(?P<validator>__attr_validator_\w+)\((?P<args>self, (?P<attr>__attr_\w+), "
    r"(?P<value>self\.\w+))\)$"
)
_SET: Final = re.compile(r"^(\s+)_setattr\('(\w+)', (.+)\)$")
_CONVERTED: Final = re.compile(r"^(?P<converter>__attr_converter_\w+)\((?P<value>\w+)\)$")
_GENERATED: Final = "<attrs generated"
_AND: Final[type] = type(attrs.validators.and_())


class _Code:
    """The names and helper functions one recompiled `__init__` refers to."""

    def __init__(self, namespace: dict[str, Any], prefix: str) -> None:
        self.namespace = namespace
        self.prefix = prefix
        self.helpers: list[str] = []
        self._names: dict[int, str] = {}

    def name(self, obj: object) -> str:
        found = self._names.get(id(obj))
        if found is None:
            found = self._names[id(obj)] = f"{self.prefix}{len(self._names)}"
            self.namespace[found] = obj
        return found

    def helper(self, params: str, body: list[str]) -> str:
        name = f"{self.prefix}f{len(self.helpers)}"
        self.helpers.append(f"def {name}({params}):\n" + "".join(f"    {b}\n" for b in body))
        return name


def _checks(validator: object, value: str, attr: str, indent: str, code: _Code) -> list[str]:
    """Lines that check `value` with `validator`, calling it only where its condition fails."""
    parts = getattr(validator, "_validators", None)  # attrs' and_() of several validators
    if isinstance(validator, _AND) and parts is not None:
        return [line for part in parts for line in _checks(part, value, attr, indent, code)]
    call = f"{code.name(validator)}(self, {attr}, {value})"
    condition = condition_of(validator, value, code)
    if condition is None:
        return [f"{indent}{call}"]
    return [f"{indent}if not {condition}:", f"{indent}    {call}"]


_ATTRS_INIT: Final = "_collabrel_attrs_init"
"""The attribute of a stand-in `__init__` (see `inline_all`) that holds attrs' own."""
_BODIES: Final[weakref.WeakKeyDictionary[type, tuple[tuple[str, ...], dict[str, Any]]]] = (
    weakref.WeakKeyDictionary()
)
"""Each recompiled class's `__init__` statements and their globals (see `init_body`)."""


def _converted(value: str, namespace: dict[str, Any], code: _Code) -> str:
    """`value` (attrs' `converter(argument)`), calling the converter only where it changes it."""
    found = _CONVERTED.match(value)
    if found is None:
        return value
    unchanged = unchanged_by(namespace.get(found["converter"]), found["value"], code)
    if unchanged is None:
        return value
    return f"{found['value']} if {unchanged} else {value}"


def inline_validators(cls: type[Any]) -> bool:
    """Recompile `cls.__init__` with its validators' conditions inline; whether it was now.

    A class given a stand-in by `inline_all` is recompiled here, or gets attrs' `__init__`
    back when there is nothing to recompile. `False` for a class already recompiled.

    Examples:
        >>> from collabrel.model import Partner, PartnerRole
        >>> Partner.__init__.__name__, Partner(id="a", name="A", role=PartnerRole.CLIENT).id
        ('__init__', 'a')
        >>> Partner.__init__.__code__.co_filename
        '<collabrel inline validators collabrel.model._parties.Partner>'
        >>> inline_validators(Partner)
        False
    """
    current: Any = cls.__dict__.get("__init__")
    init: Any = getattr(current, _ATTRS_INIT, current)
    if _recompile(cls, init):
        return True
    if init is not current:
        cls.__init__ = init  # a stand-in with nothing to recompile: attrs' own again
    return False


def _is_attrs_init(init: Any) -> bool:
    """Whether `init` is an `__init__` attrs generated (recompiled ones are not)."""
    code_object = getattr(init, "__code__", None)
    return (
        code_object is not None
        and code_object.co_filename.startswith(_GENERATED)
        and init.__closure__ is None
    )


def _recompile(cls: type[Any], init: Any) -> bool:
    """Replace `cls.__init__` with `init` (attrs' own) recompiled; whether it was."""
    if not _is_attrs_init(init):
        return False
    code_object = init.__code__
    lines = linecache.getlines(code_object.co_filename)[code_object.co_firstlineno - 1 :]
    if not lines or not lines[0].startswith("def __init__("):
        return False
    namespace = dict(init.__globals__)
    code = _Code(namespace, "_ci")
    body: list[str] = [lines[0].rstrip("\n")]
    changed = False
    for raw in lines[1:]:
        line = raw.rstrip("\n")
        if line and not line.startswith(" "):
            break  # the next generated method
        stored = _SET.match(line)
        if stored is not None:  # keep the value set in a local, for the checks below
            indent, name, value = stored.groups()
            value = _converted(value, namespace, code)
            body += [f"{indent}_cv_{name} = {value}", f"{indent}_setattr({name!r}, _cv_{name})"]
            continue
        found = _VALIDATOR_CALL.match(line)
        validator = namespace.get(found["validator"]) if found else None
        if found is None or validator is None:
            body.append(line)
            continue
        indent, value = found["indent"], found["value"]
        field_name = value.removeprefix("self.")
        local = f"_cv_{field_name}"
        if not any(b.strip().startswith(f"{local} = ") for b in body):
            body.append(f"{indent}{local} = {value}")
        body.extend(_checks(validator, local, found["attr"], indent, code))
        changed = True
    if not changed:
        return False
    source = "\n".join([*code.helpers, *body]) + "\n"
    filename = f"<collabrel inline validators {cls.__module__}.{cls.__qualname__}>"
    exec(compile(source, filename, "exec"), namespace)  # noqa: S102 - our own generated code
    linecache.cache[filename] = (len(source), None, source.splitlines(keepends=True), filename)
    new = namespace["__init__"]
    new.__qualname__ = init.__qualname__
    new.__module__ = init.__module__
    new.__doc__ = init.__doc__
    new.__annotations__ = init.__annotations__
    new.__kwdefaults__ = init.__kwdefaults__
    new.__defaults__ = init.__defaults__
    cls.__init__ = new
    _BODIES[cls] = (tuple(body[1:]), namespace)
    return True


def init_body(cls: type[Any]) -> tuple[tuple[str, ...], dict[str, Any]] | None:
    """The statements of `cls.__init__` as recompiled here, and the globals they read.

    Each statement is indented by four spaces; they read the instance as `self` and each
    argument as a local named as the parameter (a field's alias), and return nothing. Code
    that binds those names and runs the statements builds what `cls(...)` builds (the
    fast path's structure functions do, to save the call). A class given a stand-in
    is recompiled first; `None` for a class whose `__init__` was not recompiled.

    Examples:
        >>> from collabrel.model import PlanReference
        >>> lines, names = init_body(PlanReference)
        >>> lines[0]
        '    _setattr = _cached_setattr_get(self)'
    """
    inline_validators(cls)
    found = _BODIES.get(cls)
    if found is None or found[1].get("__init__") is not cls.__dict__.get("__init__"):
        return None
    return found


def _stand_in(cls: type[Any], init: Any) -> Any:
    """An `__init__` for `cls` that recompiles attrs' `init` when it is first called."""

    @functools.wraps(init)
    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:  # noqa: N807 - it is one
        if cls.__dict__.get("__init__") is __init__:
            inline_validators(cls)
        cls.__dict__["__init__"](self, *args, **kwargs)

    setattr(__init__, _ATTRS_INIT, init)
    return __init__


def inline_all(namespace: dict[str, Any]) -> None:
    """A stand-in `__init__` for every attrs class the model's modules in `namespace` define.

    Each class is recompiled by `inline_validators` when its first instance is built.
    """
    seen: set[type] = set()
    for obj in list(namespace.values()):
        module = getattr(obj, "__name__", "")
        if not module.startswith("collabrel.model."):
            continue
        for value in vars(obj).values():
            if (
                isinstance(value, type)
                and attrs.has(value)
                and value.__module__ == module
                and value not in seen
            ):
                seen.add(value)
                init = value.__dict__.get("__init__")
                if _is_attrs_init(init):
                    value.__init__ = _stand_in(value, init)  # type: ignore[method-assign]
