"""Optional libraries, imported on first use with an error that names the extra to install.

Every layer that uses an optional extra (figures, tables, workbooks) imports it through
`import_optional`, so the message and the extra's name live here once.
"""

from __future__ import annotations

import importlib
from types import ModuleType

__all__ = ["import_optional"]


def import_optional(name: str, needs: str, extra: str) -> ModuleType:
    """The module `name`, or an ImportError saying that `needs` need the `extra` installed.

    Examples:
        >>> import_optional("json", "examples", "none").__name__
        'json'
        >>> import_optional("no_such_module", "workbooks", "xlsx")
        Traceback (most recent call last):
        ...
        ImportError: workbooks need no_such_module: pip install 'collabrel[xlsx]'
    """
    try:
        return importlib.import_module(name)
    except ImportError as exc:
        msg = f"{needs} need {name.split('.', maxsplit=1)[0]}: pip install 'collabrel[{extra}]'"
        raise ImportError(msg) from exc
