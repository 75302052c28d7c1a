"""Saving documents: all or nothing, nothing left behind, errors that name the user's path.

Where running as root makes a real failure impossible (root writes into read-only folders),
the failure is injected at the system call instead, and the test says so.
"""

from __future__ import annotations

import errno
import json
import os
import pickle
import stat
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

import collabrel as cr
from collabrel.model import Partner, PartnerRole
from collabrel.serialization import _save

ROOT = Path(__file__).resolve().parents[3]
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
MARKER = _save.TempNames.MARKER

OLD = Partner(id="acme", name="Acme", role=PartnerRole.CLIENT)
NEW = Partner(id="acme", name="Acme Rail", role=PartnerRole.SUPPLIER)


@pytest.fixture
def saved(tmp_path: Path) -> Path:
    """A folder holding `plan.json`, saved once with OLD."""
    target = tmp_path / "plan.json"
    cr.dump(OLD, target)
    return target


def _left(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def _assert_untouched(target: Path) -> None:
    """The file holds OLD and nothing else is in its folder."""
    assert cr.load(target, cls=Partner) == OLD
    assert _left(target.parent) == [target.name]


def _dead_pid() -> int:
    """The id of a process that has exited (and been reaped)."""
    done = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    return int(done.stdout)


def _raising(exc: BaseException) -> Callable[..., object]:
    def fail(*args: object, **kwargs: object) -> object:
        raise exc

    return fail


def _half_then_full(fd: int, data: bytes) -> int:
    """os.write on a disk that fills up after the first half: a short write, then ENOSPC."""
    if len(data) > 1:
        return os.pwrite(fd, data[: len(data) // 2], 0)
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


# Each os function a save calls on its temp file, the error it meets there, the step named.
FAILURES = {
    "write": (errno.ENOSPC, "writing the new contents failed"),  # a full disk
    "fsync": (errno.EIO, "flushing the new contents to disk failed"),
    "close": (errno.EIO, "closing the new file failed"),  # NFS reports errors here
    "chmod": (errno.EPERM, "setting the file's permissions failed"),
    "replace": (errno.EXDEV, "replacing the file failed"),
}


class TestFailedSave:
    @pytest.mark.parametrize("case", FAILURES)
    def test_failure_keeps_file_and_leaves_nothing(
        self, saved: Path, monkeypatch: pytest.MonkeyPatch, case: str
    ) -> None:
        """Whatever step fails, the old file stays, the temp goes, and SaveError says which."""
        code, reason = FAILURES[case]
        fake = _half_then_full if case == "write" else _raising(OSError(code, os.strerror(code)))
        real_close = os.close
        monkeypatch.setattr(os, case, fake)
        with pytest.raises(cr.SaveError) as caught:
            cr.dump(NEW, saved)
        monkeypatch.setattr(os, "close", real_close)
        err = caught.value
        assert err.reason == reason
        assert err.path == err.filename == str(saved)
        assert err.errno == code == err.__cause__.errno
        assert MARKER not in str(err)
        assert str(saved) in str(err)
        _assert_untouched(saved)

    def test_interrupt_while_writing_removes_temp_and_goes_on(
        self, saved: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A KeyboardInterrupt mid-write is not swallowed or wrapped; the temp is still gone."""
        monkeypatch.setattr(os, "write", _raising(KeyboardInterrupt()))
        with pytest.raises(KeyboardInterrupt):
            cr.dump(NEW, saved)
        monkeypatch.undo()
        _assert_untouched(saved)

    def test_save_error_is_an_os_error(self, saved: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """Existing `except OSError` handlers (the CLI's among them) keep catching failed saves."""
        monkeypatch.setattr(os, "fsync", _raising(OSError(errno.EIO, "disk gone")))
        with pytest.raises(OSError, match="disk gone") as caught:
            cr.dump(NEW, saved)
        assert isinstance(caught.value, cr.CollabrelError)
        assert caught.value.errno == errno.EIO

    def test_error_survives_pickling(self) -> None:
        """A SaveError crosses process boundaries with its attributes (multiprocessing)."""
        err = cr.SaveError("plan.yaml", "writing failed", errno.ENOSPC, "No space left on device")
        again = pickle.loads(pickle.dumps(err))  # noqa: S301 - our own object
        assert (again.path, again.reason, again.errno, again.strerror, again.filename) == (
            "plan.yaml",
            "writing failed",
            errno.ENOSPC,
            "No space left on device",
            "plan.yaml",
        )
        assert str(again) == str(err)
        assert repr(again) == (
            "SaveError('plan.yaml', 'writing failed', 28, 'No space left on device')"
        )
        assert str(cr.SaveError("p", "it broke")) == "cannot save 'p': it broke"


class TestWhereSavesCannotGo:
    def test_read_only_folder(self, saved: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """A folder that refuses new files fails the save with EACCES; the file stays.

        Root ignores the folder's permission bits, so as root the refusal is injected where
        the kernel would make it (creating the temporary file).
        """
        folder = saved.parent
        folder.chmod(0o555)
        if IS_ROOT:
            real_open = os.open

            def refuse_creation(path: object, flags: int, *args: int) -> int:
                if flags & os.O_CREAT and Path(os.fsdecode(path)).parent == folder:
                    raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), path)
                return real_open(path, flags, *args)

            monkeypatch.setattr(os, "open", refuse_creation)
        try:
            with pytest.raises(cr.SaveError) as caught:
                cr.dump(NEW, saved)
        finally:
            monkeypatch.undo()
            folder.chmod(0o755)
        assert caught.value.errno == errno.EACCES
        assert caught.value.reason == "creating a temporary file beside it failed"
        assert caught.value.path == str(saved)
        _assert_untouched(saved)

    def test_missing_parent(self, tmp_path: Path) -> None:
        """A folder that does not exist is not created; ENOENT names the path asked for."""
        target = tmp_path / "nowhere" / "plan.json"
        with pytest.raises(cr.SaveError) as caught:
            cr.dump(NEW, target)
        assert caught.value.errno == errno.ENOENT
        assert caught.value.filename == str(target)
        assert _left(tmp_path) == []

    def test_parent_is_a_file(self, saved: Path) -> None:
        """A path through a file fails with ENOTDIR; the file in the way is untouched."""
        with pytest.raises(cr.SaveError) as caught:
            cr.dump(NEW, saved / "plan.json")
        assert caught.value.errno == errno.ENOTDIR
        assert caught.value.path == str(saved / "plan.json")
        _assert_untouched(saved)

    def test_path_is_a_folder(self, tmp_path: Path) -> None:
        """A folder at the path is refused before anything is written, its contents kept."""
        folder = tmp_path / "plan.json"
        folder.mkdir()
        (folder / "inside.txt").write_text("keep", encoding="utf-8")
        with pytest.raises(cr.SaveError) as caught:
            cr.dump(NEW, folder)
        assert caught.value.errno == errno.EISDIR
        assert caught.value.reason == "the path is a folder"
        assert _left(tmp_path) == ["plan.json"]
        assert _left(folder) == ["inside.txt"]

    def test_full_disk(self, saved: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """A disk that fills up mid-write (ENOSPC after a short write) keeps the old file."""
        monkeypatch.setattr(os, "write", _half_then_full)
        with pytest.raises(cr.SaveError) as caught:
            cr.dump(NEW, saved)
        monkeypatch.undo()
        assert caught.value.errno == errno.ENOSPC
        assert str(caught.value).startswith(f"cannot save {str(saved)!r}: writing")
        _assert_untouched(saved)

    @pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_FSIZE is POSIX")
    def test_file_size_limit(self, saved: Path) -> None:
        """Over the process's file-size limit (RLIMIT_FSIZE) the save fails with EFBIG."""
        script = (
            "import resource, sys\n"
            "import collabrel as cr\n"
            "resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))\n"
            "try:\n"
            "    cr.dump(cr.examples.load('alliance'), sys.argv[1])\n"
            "except cr.SaveError as err:\n"
            "    print(err.errno, err.filename, err.reason, sep='|')\n"
        )
        done = subprocess.run(  # noqa: S603 - our own script
            [sys.executable, "-c", script, str(saved)],
            capture_output=True,
            text=True,
            check=True,
        )
        assert done.stdout.strip() == f"{errno.EFBIG}|{saved}|writing the new contents failed"
        _assert_untouched(saved)


class TestStaleTemps:
    def _temp(self, target: Path, pid: int, nonce: str = "0badf00d") -> Path:
        names = _save.TempNames(target.name, name_max=255)
        path = target.parent / names.name(pid=pid, nonce=nonce)
        path.write_bytes(b"half a plan")
        return path

    def test_next_save_removes_temps_of_dead_processes(self, saved: Path) -> None:
        """A temp whose process is gone (killed mid-save) is removed by the next save."""
        self._temp(saved, _dead_pid())
        cr.dump(NEW, saved)
        assert _left(saved.parent) == ["plan.json"]
        assert cr.load(saved, cls=Partner) == NEW

    def test_temps_of_live_savers_are_kept(self, saved: Path) -> None:
        """A temp of a running process (another saver, or this one) is not touched."""
        other = self._temp(saved, 1)  # pid 1 always runs
        mine = self._temp(saved, os.getpid(), "00c0ffee")
        cr.dump(NEW, saved)
        assert _left(saved.parent) == sorted(["plan.json", other.name, mine.name])

    def test_old_temps_go_even_if_their_pid_runs(self, saved: Path) -> None:
        """A temp untouched for longer than STALE_AFTER is abandoned (its pid was reused)."""
        old = self._temp(saved, 1)
        long_ago = old.stat().st_mtime - _save.STALE_AFTER - 1
        os.utime(old, (long_ago, long_ago))
        cr.dump(NEW, saved)
        assert _left(saved.parent) == ["plan.json"]

    def test_only_this_targets_temps_are_removed(self, saved: Path) -> None:
        """Other files' temps, look-alikes and folders with a temp's name are left alone."""
        dead = _dead_pid()
        others = [
            self._temp(saved.with_name("other.json"), dead),
            self._temp(saved.with_name("plan.json.collabrel-1"), dead),
            saved.with_name(f".plan.json{MARKER}{dead}-0badf00d.tmp.bak"),
            saved.with_name(f".plan.json{MARKER}{dead}-0BADF00D.tmp"),
            saved.with_name(f".plan.json{MARKER}0-0badf00d.tmp"),
            saved.with_name(".plan.json.tmp"),
        ]
        for path in others[2:]:
            path.write_bytes(b"")
        folder_named_like_a_temp = saved.with_name(f".plan.json{MARKER}{dead}-00000000.tmp")
        folder_named_like_a_temp.mkdir()
        cr.dump(NEW, saved)
        expected = ["plan.json", folder_named_like_a_temp.name, *(p.name for p in others)]
        assert _left(saved.parent) == sorted(expected)

    def test_unlistable_folder_does_not_fail_the_save(
        self, saved: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Tidying is best effort: a folder that cannot be listed still gets its save."""
        monkeypatch.setattr(os, "scandir", _raising(PermissionError(errno.EACCES, "no")))
        cr.dump(NEW, saved)
        monkeypatch.undo()
        assert cr.load(saved, cls=Partner) == NEW

    @pytest.mark.parametrize(
        ("kill", "running"),
        [
            (_raising(ProcessLookupError()), False),
            (_raising(OverflowError()), False),
            (_raising(PermissionError(errno.EPERM, "another user's")), True),
            (lambda *_: None, True),
        ],
    )
    def test_liveness(
        self, monkeypatch: pytest.MonkeyPatch, kill: Callable[..., object], *, running: bool
    ) -> None:
        """A pid runs unless the system says there is no such process (or cannot be one)."""
        monkeypatch.setattr(os, "kill", kill)
        assert _save._is_running(os.getpid() + 1) is running

    def test_concurrent_savers_never_lose_each_other(self, saved: Path) -> None:
        """Two threads saving one file in a loop: it is always whole, nothing is left after."""
        errors: list[BaseException] = []

        def save_many(obj: Partner) -> None:
            try:
                for _ in range(25):
                    cr.dump(obj, saved)
            except BaseException as exc:  # noqa: BLE001 - handed to the test thread
                errors.append(exc)

        threads = [threading.Thread(target=save_many, args=(p,)) for p in (OLD, NEW)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert errors == []
        assert cr.load(saved, cls=Partner) in (OLD, NEW)
        assert _left(saved.parent) == ["plan.json"]


class TestSymlinks:
    def test_save_writes_through_a_link(self, tmp_path: Path) -> None:
        """The link stays a link; its target gets the contents; the temp was beside the target."""
        real = tmp_path / "store" / "plan.json"
        real.parent.mkdir()
        cr.dump(OLD, real)
        real.chmod(0o640)
        links = tmp_path / "links"
        links.mkdir()
        link = links / "plan.json"
        link.symlink_to(Path("..") / "store" / "plan.json")
        cr.dump(NEW, link)
        assert link.is_symlink()
        assert link.readlink() == Path("..", "store", "plan.json")
        assert cr.load(real, cls=Partner) == NEW
        assert stat.S_IMODE(real.stat().st_mode) == 0o640
        assert _left(links) == ["plan.json"]
        assert _left(real.parent) == ["plan.json"]

    def test_chain_of_links_and_dangling_link(self, tmp_path: Path) -> None:
        """Links to links are followed to the end; a dangling link creates its target."""
        real = tmp_path / "real.json"
        (tmp_path / "b.json").symlink_to(real)
        (tmp_path / "a.json").symlink_to(tmp_path / "b.json")
        cr.dump(NEW, tmp_path / "a.json")
        assert cr.load(real, cls=Partner) == NEW
        assert (tmp_path / "a.json").is_symlink()
        assert (tmp_path / "b.json").is_symlink()

    def test_link_loop_is_refused(self, tmp_path: Path) -> None:
        """Links that loop fail with ELOOP and are left as they were."""
        (tmp_path / "a.json").symlink_to(tmp_path / "b.json")
        (tmp_path / "b.json").symlink_to(tmp_path / "a.json")
        with pytest.raises(cr.SaveError) as caught:
            cr.dump(NEW, tmp_path / "a.json")
        assert caught.value.errno == errno.ELOOP
        assert caught.value.path == str(tmp_path / "a.json")
        assert (tmp_path / "a.json").is_symlink()
        assert _left(tmp_path) == ["a.json", "b.json"]

    def test_link_to_a_folder_is_refused(self, tmp_path: Path) -> None:
        """A link naming a folder is a folder at the path."""
        (tmp_path / "dir").mkdir()
        (tmp_path / "plan.json").symlink_to(tmp_path / "dir")
        with pytest.raises(cr.SaveError) as caught:
            cr.dump(NEW, tmp_path / "plan.json")
        assert caught.value.errno == errno.EISDIR


class TestLongNames:
    NAME_MAX = os.pathconf(".", "PC_NAME_MAX") if hasattr(os, "pathconf") else 255

    @pytest.mark.parametrize("length", [200, 221, 245, 250, 255])
    def test_every_valid_name_saves(self, tmp_path: Path, length: int) -> None:
        """Names up to NAME_MAX save (they failed from 242 when the temp name was longer)."""
        target = tmp_path / ("p" * (length - len(".json")) + ".json")
        cr.dump(OLD, target)
        cr.dump(NEW, target)
        assert cr.load(target, cls=Partner) == NEW
        assert _left(tmp_path) == [target.name]

    def test_multibyte_names_count_in_bytes(self, tmp_path: Path) -> None:
        """NAME_MAX counts bytes: 82 three-byte characters and a suffix (250 bytes) save too."""
        target = tmp_path / ("€" * 82 + ".yml")
        cr.dump(NEW, target)
        assert cr.load(target, cls=Partner) == NEW

    def test_temps_of_long_names_are_recognised(self, tmp_path: Path) -> None:
        """A hashed temp name still belongs to its target alone, so it is tidied like others."""
        target = tmp_path / ("q" * 250 + ".json")
        names = _save.TempNames(target.name, name_max=255)
        assert len(names.name(pid=2**31 - 1, nonce="ffffffff").encode()) <= 255
        twin = _save.TempNames("q" * 250 + ".yaml", name_max=255)
        assert twin.stem != names.stem
        assert names.stem.startswith("q" * 100)
        stale = tmp_path / names.name(pid=_dead_pid(), nonce="0badf00d")
        stale.write_bytes(b"")
        cr.dump(NEW, target)
        assert _left(tmp_path) == [target.name]

    def test_names_over_the_limit_fail_with_the_path(self, tmp_path: Path) -> None:
        """A name the file system cannot hold fails with ENAMETOOLONG naming it, not the temp."""
        target = tmp_path / ("r" * 251 + ".json")  # 256 bytes
        with pytest.raises(cr.SaveError) as caught:
            cr.dump(NEW, target)
        assert caught.value.errno == errno.ENAMETOOLONG
        assert caught.value.filename == str(target)
        assert _left(tmp_path) == []


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the harness forks and sends SIGKILL")
def test_kill_minus_nine_during_saves(tmp_path: Path) -> None:
    """20 kills at random moments of a save loop lose no document and leave nothing behind.

    The full count (1,000 kills) is `python3 tasks.py crashtest --kills 1000`.
    """
    out = tmp_path / "crash.json"
    subprocess.run(  # noqa: S603 - a fixed command line
        [
            sys.executable,
            str(ROOT / "benchmarks" / "crash_saves.py"),
            "--kills=20",
            "--risks=300",
            f"--dir={tmp_path}",
            f"--json={out}",
        ],
        check=True,
        capture_output=True,
    )
    results = json.loads(out.read_text(encoding="utf-8"))
    assert results["kills"] == 20
    assert results["lost_documents"] == 0
    assert results["stray_files_after_next_save"] == 0
    assert results["wrong_after_next_save"] == 0
    assert results["problems"] == []
    assert _left(tmp_path) == ["crash.json"]


SCHEMA_LINE = "# yaml-language-server: $schema=./rmp.schema.json"


@pytest.fixture
def commented(tmp_path: Path) -> Path:
    """A folder holding `plan.yaml`: OLD saved with the editor's schema comment first."""
    target = tmp_path / "plan.yaml"
    cr.dump(OLD, target, schema_comment="./rmp.schema.json")
    return target


def _first_line(path: Path) -> str:
    return path.read_text(encoding="utf-8").splitlines()[0]


class TestSchemaComment:
    def test_dumps_writes_the_line_on_request(self) -> None:
        """`schema_comment` puts the editor's line first; reading ignores it."""
        text = cr.dumps(OLD, "yaml", schema_comment="./rmp.schema.json")
        assert text.splitlines()[0] == SCHEMA_LINE
        assert text.removeprefix(SCHEMA_LINE + "\n") == cr.dumps(OLD, "yaml")
        assert cr.loads(text, "yaml", cls=Partner) == OLD

    def test_dump_writes_the_line_on_request(self, commented: Path) -> None:
        """`dump(..., schema_comment=...)` writes it to the file, which loads as before."""
        assert _first_line(commented) == SCHEMA_LINE
        assert cr.load(commented, cls=Partner) == OLD

    def test_saving_over_keeps_the_line(self, commented: Path) -> None:
        """A plain save over a YAML file that names its schema keeps that line as it was."""
        url = "# yaml-language-server: $schema=https://example.org/rmp.schema.json "
        commented.write_text(url + "\n" + cr.dumps(OLD, "yaml"), encoding="utf-8")
        cr.dump(NEW, commented)
        assert _first_line(commented) == url
        assert cr.load(commented, cls=Partner) == NEW

    def test_kept_through_a_byte_order_mark_and_crlf(self, tmp_path: Path) -> None:
        """A first line written by another editor (BOM, CRLF) is still recognised."""
        target = tmp_path / "plan.yml"
        target.write_bytes(b"\xef\xbb\xbf" + SCHEMA_LINE.encode() + b"\r\n" + b"id: x\n")
        cr.dump(NEW, target)
        assert target.read_text(encoding="utf-8").startswith(SCHEMA_LINE + "\nid: acme\n")

    def test_a_new_location_replaces_the_kept_line(self, commented: Path) -> None:
        """Asking for a schema comment writes that one instead of the file's."""
        cr.dump(NEW, commented, schema_comment="../schemas/rmp.json")
        assert _first_line(commented) == "# yaml-language-server: $schema=../schemas/rmp.json"
        assert commented.read_text(encoding="utf-8").count("yaml-language-server") == 1

    @pytest.mark.parametrize(
        "first",
        [
            b"# a plain comment",
            b"id: acme  # yaml-language-server: $schema=./rmp.schema.json",
            b"# yaml-language-server: $schema=",
            b"# yaml-language-server: $schema=\xff",
        ],
    )
    def test_other_first_lines_are_not_kept(self, tmp_path: Path, first: bytes) -> None:
        """Only a schema comment is kept: other comments, data, and undecodable bytes are not."""
        target = tmp_path / "plan.yaml"
        target.write_bytes(first + b"\nid: x\n")
        cr.dump(NEW, target)
        assert target.read_text(encoding="utf-8") == cr.dumps(NEW, "yaml")

    def test_only_the_first_line_counts(self, tmp_path: Path) -> None:
        """A schema comment further down is part of the old text, not kept."""
        target = tmp_path / "plan.yaml"
        target.write_text("id: x\n" + SCHEMA_LINE + "\n", encoding="utf-8")
        cr.dump(NEW, target)
        assert "yaml-language-server" not in target.read_text(encoding="utf-8")

    def test_kept_through_a_symbolic_link(self, commented: Path) -> None:
        """Saving to a link keeps the line of the file it points to."""
        link = commented.with_name("current.yaml")
        link.symlink_to(commented.name)
        cr.dump(NEW, link)
        assert link.is_symlink()
        assert _first_line(commented) == SCHEMA_LINE
        assert cr.load(commented, cls=Partner) == NEW

    def test_other_formats_have_no_such_line(self, saved: Path) -> None:
        """JSON and TOML refuse a schema comment, and the file is left as it was."""
        for fmt in ("json", "toml"):
            with pytest.raises(cr.FormatError, match="YAML only") as caught:
                cr.dumps(OLD, fmt, schema_comment="./rmp.schema.json")
            assert caught.value.format == fmt
        with pytest.raises(cr.FormatError):
            cr.dump(NEW, saved, schema_comment="./rmp.schema.json")
        _assert_untouched(saved)

    @pytest.mark.parametrize("location", ["", "  ", "a.json\nid: evil", "a.json\r", 3])
    def test_location_must_be_one_line(self, commented: Path, location: object) -> None:
        """A location that is empty, spans lines or is no string is refused before saving."""
        before = commented.read_bytes()
        with pytest.raises(cr.ArgumentError, match="schema_comment") as caught:
            cr.dump(NEW, commented, schema_comment=location)  # type: ignore[arg-type]
        assert caught.value.value == location
        with pytest.raises(cr.ArgumentError):
            cr.dumps(NEW, "yaml", schema_comment=location)  # type: ignore[arg-type]
        assert commented.read_bytes() == before

    @pytest.mark.parametrize("case", ["write", "replace"])
    def test_a_failed_save_leaves_the_commented_file_intact(
        self, commented: Path, monkeypatch: pytest.MonkeyPatch, case: str
    ) -> None:
        """A save that fails leaves the old file, its schema line too, and no temp file."""
        before = commented.read_bytes()
        code = errno.ENOSPC if case == "write" else errno.EXDEV
        monkeypatch.setattr(os, case, _raising(OSError(code, os.strerror(code))))
        with pytest.raises(cr.SaveError):
            cr.dump(NEW, commented)
        monkeypatch.undo()
        assert commented.read_bytes() == before
        assert _first_line(commented) == SCHEMA_LINE
        _assert_untouched(commented)
