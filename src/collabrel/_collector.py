"""The cyclic garbage collector paused while collabrel builds many objects that stay alive.

Loading a document (serialization) and analysing a relationship's governance make hundreds of
thousands of small objects in one go and no reference cycles to free. The collector's passes
over them free nothing and cost a walk over every object still alive, so those operations
pause it. This module imports nothing from collabrel: any layer may use it.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

__all__ = ["paused"]


@contextlib.contextmanager
def paused() -> Iterator[None]:
    """Pause the cyclic garbage collector inside the `with` block.

    The collector is enabled again afterwards (also when the block raises) only if it was
    enabled before: one the caller turned off stays off, and a pause inside another leaves
    it to the outer one. Reference counting frees objects as always.

    Examples:
        >>> import gc
        >>> with paused():
        ...     gc.isenabled()
        False
        >>> gc.isenabled()
        True
        >>> gc.disable()
        >>> with paused():
        ...     pass
        >>> gc.isenabled()
        False
        >>> gc.enable()
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
