"""Saving a file all or nothing, with nothing left behind.

`write_atomically` is the whole of it. In order:

1. A symbolic link is followed to the file it names (as editors do), so the link stays a link
   and its target gets the new contents.
2. The existing file's permission bits are read (a new file follows the umask). A folder at
   the path is refused before anything is written.
3. Temporary files that earlier saves of the same file left behind (a process killed while it
   wrote) are removed: see `TempNames` for how they are recognised and when one counts as
   abandoned.
4. The contents go to a new temporary file beside the target, are synced to disk, get the
   permission bits, and the temporary file is renamed over the target, which replaces it in
   one step. The folder is synced so that the rename itself survives a power cut.

Every failure removes the temporary file (a `KeyboardInterrupt` too, which then goes on) and
raises a `SaveError` naming the path the caller gave and the step that failed; the file that
was there is untouched, because nothing but the final rename ever changes it.
"""

from __future__ import annotations

import contextlib
import errno as errnos
import hashlib
import os
import re
import secrets
import stat
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Final

from collabrel.errors import SaveError

STALE_AFTER: Final = 3600.0
"""Seconds after which a temporary file counts as abandoned even if its process id is alive.

A save rewrites its temporary file within seconds, so an hour-old one is left over from a
process that died and whose id has since been reused (or lives on another machine).
"""

_DEFAULT_NAME_MAX: Final = 255


class TempNames:
    """How the temporary files of one target are named and recognised.

    A temporary file is called `.{stem}.collabrel-{pid}-{nonce}.tmp`: hidden, beside its
    target, with a fixed marker, the id of the process writing it and 8 random hex digits.
    `stem` is the target's name, unless that would make the temporary name longer than the
    folder's file-system limit (`NAME_MAX`, in bytes); then it is a prefix of the name and
    12 hex digits of the name's SHA-256, so any name valid for the target gives a valid
    temporary name. Every process derives the same stem for the same target, which is how a
    save finds the files that earlier, killed, saves left.

    Examples:
        >>> names = TempNames("plan.yaml", name_max=255)
        >>> names.stem
        'plan.yaml'
        >>> names.owner(names.name(pid=4242, nonce="0badf00d"))
        4242
        >>> names.owner(".plan.yaml.collabrel-4242-0badf00d.tmp.bak") is None
        True
        >>> long = TempNames("x" * 255, name_max=255)
        >>> len(long.name(pid=2**31, nonce="0badf00d").encode()) <= 255
        True
    """

    MARKER: Final = ".collabrel-"
    SUFFIX: Final = ".tmp"
    _PID_DIGITS: Final = 10  # room for any 32-bit process id
    _NONCE_DIGITS: Final = 8
    _HASH_DIGITS: Final = 12
    _OWNER: Final = re.compile(r"([1-9][0-9]{0,9})-[0-9a-f]{8}")

    def __init__(self, target_name: str, *, name_max: int) -> None:
        overhead = len(f".{self.MARKER}-{self.SUFFIX}") + self._PID_DIGITS + self._NONCE_DIGITS
        room = name_max - overhead
        if len(os.fsencode(target_name)) <= room:
            self.stem = target_name
        else:
            digest = hashlib.sha256(os.fsencode(target_name)).hexdigest()[: self._HASH_DIGITS]
            head = _prefix(target_name, max(room - self._HASH_DIGITS - 1, 0))
            self.stem = f"{head}~{digest}"
        self._head = f".{self.stem}{self.MARKER}"

    def name(self, *, pid: int, nonce: str) -> str:
        """The temporary file's name for process `pid` and random `nonce`."""
        return f"{self._head}{pid}-{nonce}{self.SUFFIX}"

    def new_nonce(self) -> str:
        """A fresh random nonce."""
        return secrets.token_hex(self._NONCE_DIGITS // 2)

    def owner(self, name: str) -> int | None:
        """The process id in `name` if it is one of this target's temporary files, else None."""
        if not (name.startswith(self._head) and name.endswith(self.SUFFIX)):
            return None
        found = self._OWNER.fullmatch(name[len(self._head) : -len(self.SUFFIX)])
        return int(found[1]) if found else None


def _prefix(text: str, max_bytes: int) -> str:
    """The longest start of `text` whose encoded form fits in `max_bytes` (at least 0)."""
    while len(os.fsencode(text)) > max_bytes:
        text = text[:-1]
    return text


def write_atomically(path: Path, payload: bytes) -> None:
    """Replace the file at `path` with `payload`, all or nothing (see the module's steps).

    Raises:
        SaveError: If any step fails; the file at `path` is then as it was.
    """
    shown = os.fspath(path)
    with _step(shown, "looking up the file failed"):
        target = _through_links(path, shown)
        mode = _mode_to_keep(target, shown)
    folder = target.parent
    names = TempNames(target.name, name_max=_name_max(folder))
    remove_abandoned(folder, names)
    tmp, fd = _create(folder, names, shown, private=mode is not None)
    try:
        try:
            with _step(shown, "writing the new contents failed"):
                _write_all(fd, payload)
            with _step(shown, "flushing the new contents to disk failed"):
                os.fsync(fd)
        except BaseException:
            with contextlib.suppress(OSError):  # the error that matters is the one above
                os.close(fd)
            raise
        with _step(shown, "closing the new file failed"):
            os.close(fd)
        if mode is not None:
            with _step(shown, "setting the file's permissions failed"):
                tmp.chmod(mode)
        with _step(shown, "replacing the file failed"):
            tmp.replace(target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    with _step(shown, "the file was replaced, but syncing its folder failed"):
        _fsync_folder(folder)


@contextlib.contextmanager
def _step(shown: str, reason: str) -> Iterator[None]:
    """Turn an `OSError` in the block into a `SaveError` naming `shown` and `reason`."""
    try:
        yield
    except SaveError:
        raise
    except OSError as exc:
        raise SaveError(shown, reason, exc.errno, exc.strerror or str(exc)) from exc


def _through_links(path: Path, shown: str) -> Path:
    if not path.is_symlink():
        return path
    target = Path(os.path.realpath(path))
    if target.is_symlink():  # realpath stops where links loop
        raise SaveError(shown, "its symbolic links loop", errnos.ELOOP, os.strerror(errnos.ELOOP))
    return target


def _mode_to_keep(target: Path, shown: str) -> int | None:
    """The permission bits of the file at `target`, or None if there is none yet."""
    try:
        st = target.stat()
    except FileNotFoundError:
        return None
    if stat.S_ISDIR(st.st_mode):
        raise SaveError(shown, "the path is a folder", errnos.EISDIR, os.strerror(errnos.EISDIR))
    return stat.S_IMODE(st.st_mode)


def _name_max(folder: Path) -> int:
    try:
        limit = os.pathconf(folder, "PC_NAME_MAX")
    except (AttributeError, OSError, ValueError):  # no pathconf (Windows) or no folder
        return _DEFAULT_NAME_MAX
    return limit if limit > 0 else _DEFAULT_NAME_MAX


def _create(folder: Path, names: TempNames, shown: str, *, private: bool) -> tuple[Path, int]:
    """Create a new temporary file for `names` in `folder`; return its path and descriptor.

    A new target's file is created with the umask's permissions; one that replaces an
    existing file starts private (0600) and gets that file's bits once written.
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    mode = 0o600 if private else 0o666
    with _step(shown, "creating a temporary file beside it failed"):
        while True:
            tmp = folder / names.name(pid=os.getpid(), nonce=names.new_nonce())
            with contextlib.suppress(FileExistsError):  # a nonce already taken: draw again
                return tmp, os.open(tmp, flags, mode)


def _write_all(fd: int, payload: bytes) -> None:
    view = memoryview(payload)
    while view:
        view = view[os.write(fd, view) :]


def _fsync_folder(folder: Path) -> None:
    if os.name != "posix":  # pragma: no cover - directories cannot be opened on Windows
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def remove_abandoned(folder: Path, names: TempNames, *, now: float | None = None) -> list[Path]:
    """Remove the temporary files of `names`' target in `folder` that no save is writing.

    A temporary file is abandoned when the process named in it is gone, or when it has not
    been touched for `STALE_AFTER` seconds. One of a live process (this one included:
    another thread may be saving) is left alone. Nothing else in the folder is touched, and
    failures (a folder that cannot be listed, a file removed meanwhile) are ignored: this is
    tidying, not the save.

    Returns:
        The paths removed.
    """
    now = time.time() if now is None else now
    removed: list[Path] = []
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            pid = names.owner(entry.name)
            if pid is None:
                continue
            with contextlib.suppress(OSError):
                info = entry.stat(follow_symlinks=False)
                if stat.S_ISREG(info.st_mode) and (
                    now - info.st_mtime > STALE_AFTER or not _is_running(pid)
                ):
                    abandoned = Path(entry.path)
                    abandoned.unlink()
                    removed.append(abandoned)
    return removed


def _is_running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if os.name != "posix":  # pragma: no cover - os.kill(pid, 0) would interrupt it on Windows
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OverflowError:  # no such process id on this system
        return False
    except OSError:  # e.g. PermissionError: it runs, under another user
        return True
    return True
