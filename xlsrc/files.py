"""Workbook files are the clerk's documents: saves are atomic, keep a backup, and never run twice at once.

A save writes a temporary file in the target's folder, flushes and fsyncs it, then
`os.replace`s it onto the target, so a crash, a kill or a full disk leaves either the old
file or the new one, never half of one. Before an in-place save the original is copied to
`.xlsrc-backup/<name>` beside it (only the latest is kept). A sidecar lock file keeps two
xlsrc runs from writing one file at once, and Excel's/WPS's owner file `~$<name>` says the
clerk has the workbook open, so xlsrc does not write it behind their back.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from xlsrc.domain import text as T
from xlsrc.errors import FileAccessError, XlsrcError

BACKUP_DIR = ".xlsrc-backup"
TEMP_SUFFIX = ".xlsrc-tmp"
LOCK_SUFFIX = ".xlsrc-lock"
LOCK_TIMEOUT = 3.0  # seconds a run waits for another run on the same file


NAME_MAX = 255  # bytes in one file name (ext4, XFS, Btrfs, NTFS and APFS count about so many)


def fit_name(name: str, room: int = 0) -> str:
    """`name` if it and `room` more bytes fit in one file name, else its stem cut to fit and
    followed by "~" and a short hash of the whole name (so two long names stay apart); the
    suffix kept."""
    if len(os.fsencode(name)) + room <= NAME_MAX:
        return name
    stem, dot, suffix = name.rpartition(".")
    if not dot or len(suffix) > 8:
        stem, suffix = name, ""
    tail = f"~{hashlib.sha1(name.encode('utf-8', 'surrogateescape')).hexdigest()[:8]}"
    tail += f".{suffix}" if suffix else ""
    budget = NAME_MAX - room - len(os.fsencode(tail))
    while len(os.fsencode(stem)) > budget:
        stem = stem[:-1]
    return stem + tail


def fit_path(path: Path) -> Path:
    """`path` with its file name shortened to what the file system holds (`fit_name`)."""
    return path.with_name(fit_name(path.name))


def backup_path(path: Path) -> Path:
    return path.parent / BACKUP_DIR / path.name


def lock_path(path: Path) -> Path:
    return path.parent / f".{fit_name(path.name, len(LOCK_SUFFIX) + 1)}{LOCK_SUFFIX}"


def _temp_prefix(target: Path) -> str:
    """What a temporary file of `target` is named from: with mkstemp's 8 characters and the
    suffix, it stays one valid file name however long the target's name is."""
    return f".{fit_name(target.name, len(TEMP_SUFFIX) + 10)}."


def real_target(path: Path) -> Path:
    """The file a save of `path` writes: through a symbolic link, the file it points to, so
    the link stays a link and the real workbook is the one updated."""
    path = Path(path)
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def owner_file(path: Path) -> Path | None:
    """The owner file Excel/WPS (`~$name`) or LibreOffice (`.~lock.name#`) keeps while `path` is open."""
    for name in (f"~${path.name}", f".~lock.{path.name}#"):
        candidate = path.parent / name
        with contextlib.suppress(OSError):  # a name too long for the file system is not there
            if candidate.exists():
                return candidate
    return None


def same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def describe(exc: OSError, path: Path | None = None) -> str:
    """The clerk's sentence for an operating-system error while writing `path`."""
    where = path if path is not None else Path(str(exc.filename or ""))
    if isinstance(exc, IsADirectoryError) or exc.errno == errno.EISDIR:
        return T.F_IS_FOLDER.format(path=where)
    if isinstance(exc, PermissionError) or exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return T.F_NO_PERMISSION.format(path=where)
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return T.F_DISK_FULL.format(path=where)
    if exc.errno == errno.ENAMETOOLONG:
        return T.F_NAME_TOO_LONG.format(path=where, limit=NAME_MAX)
    if isinstance(exc, FileNotFoundError):
        if exc.filename and Path(str(exc.filename)).name == where.name:
            return T.A_NO_FILE.format(path=where)
        return T.F_NO_FOLDER.format(path=where.parent)
    return T.F_CANNOT_WRITE.format(path=where, detail=exc.strerror or exc)


def sentence(exc: XlsrcError | OSError) -> str:
    """The clerk's sentence for an error they can act on: xlsrc's own, or the system's in words."""
    return str(exc) if isinstance(exc, XlsrcError) else describe(exc)


def check_writable(target: Path) -> None:
    """Refuse, with the clerk's sentence, a target that is a folder, read-only, or open in Excel/WPS."""
    if target.is_dir():
        raise FileAccessError(T.F_IS_FOLDER.format(path=target))
    if target.exists() and not real_target(target).is_file():  # /dev/null, a pipe: replaced, never
        raise FileAccessError(T.F_NOT_REGULAR.format(path=target))
    if not target.parent.is_dir():
        raise FileAccessError(T.F_NO_FOLDER.format(path=target.parent))
    for shown in dict.fromkeys((target, real_target(target))):  # opened through a link, or not
        owner = owner_file(shown)
        if owner is not None:
            raise FileAccessError(T.F_OPEN_ELSEWHERE.format(path=shown, owner=owner.name))
    # The read-only attribute is honoured even where the OS would let us replace the file
    # (POSIX replaces by folder permission; root ignores modes).
    if target.exists() and not target.stat().st_mode & stat.S_IWUSR:
        raise FileAccessError(T.F_READ_ONLY.format(path=target))


def _new_file_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable where the OS allows opening a folder (not on Windows)."""
    if os.name == "nt":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


class _Sink:
    """The temporary file as a writer sees it. Once the save is over, late calls go nowhere:
    a writer that failed half-way (openpyxl) leaves its zip archive open, and when that is
    garbage-collected it would otherwise print a traceback about the closed file."""

    def __init__(self, f: BinaryIO) -> None:
        self._f: BinaryIO | None = f
        self._pos = 0  # where a detached sink pretends to be

    def write(self, data: bytes) -> int:
        if self._f:
            return self._f.write(data)
        self._pos += len(data)
        return len(data)

    def seek(self, offset: int, whence: int = 0) -> int:
        if self._f:
            return self._f.seek(offset, whence)
        self._pos = offset if whence == 0 else self._pos + offset
        return self._pos

    def tell(self) -> int:
        return self._f.tell() if self._f else self._pos

    def flush(self) -> None:
        if self._f:
            self._f.flush()

    def seekable(self) -> bool:
        return True

    def detach(self) -> None:
        if self._f:
            self._pos = self._f.tell()
        self._f = None

    def __getattr__(self, name: str) -> object:
        return getattr(self._f, name)


def _replace_with(target: Path, write: Callable[[BinaryIO], object], mode: int) -> None:
    """Write a temporary file beside `target` with `write`, make it durable, then rename it onto `target`."""
    fd, name = tempfile.mkstemp(prefix=_temp_prefix(target), suffix=TEMP_SUFFIX, dir=target.parent)
    tmp = Path(name)
    try:
        with os.fdopen(fd, "w+b") as f:
            sink = _Sink(f)
            try:
                write(sink)  # type: ignore[arg-type]
            finally:
                sink.detach()
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    _fsync_folder(target.parent)


def keep_backup(path: Path) -> Path:
    """Copy `path` to `.xlsrc-backup/<name>` beside it, atomically; the previous backup is replaced."""
    backup = backup_path(path)
    backup.parent.mkdir(exist_ok=True)

    def copy(f: BinaryIO) -> None:
        with open(path, "rb") as src:
            shutil.copyfileobj(src, f)

    _replace_with(backup, copy, stat.S_IMODE(path.stat().st_mode))
    return backup


def save_atomically(
    target: Path, write: Callable[[BinaryIO], object], *, backup: bool = False
) -> Path:
    """Write `target` through `write(file)` so that it is never left half written.

    With `backup`, the file being replaced is first kept as `.xlsrc-backup/<name>`.
    Any failure leaves the original untouched and no temporary file behind; operating-system
    errors come back as `FileAccessError` with a sentence naming the path. A symbolic link is
    written through: the file it points to is replaced (atomically, in its own folder).
    """
    target = real_target(Path(target))
    check_writable(target)
    try:
        exists = target.exists()
        mode = stat.S_IMODE(target.stat().st_mode) if exists else _new_file_mode()
        if backup and exists:
            keep_backup(target)
        _replace_with(target, write, mode)
    except OSError as exc:
        raise FileAccessError(describe(exc, target)) from exc
    return target


def remove_stale_temporaries(target: Path) -> None:
    """Delete temporary files a killed run left beside `target` (call only while holding its lock)."""
    for folder in (target.parent, target.parent / BACKUP_DIR):
        if not folder.is_dir():
            continue
        prefix = _temp_prefix(target)
        for p in folder.iterdir():
            if p.name.startswith(prefix) and p.name.endswith(TEMP_SUFFIX):
                with contextlib.suppress(OSError):
                    p.unlink()


@contextlib.contextmanager
def exclusive(paths: Iterable[Path], timeout: float | None = None) -> Iterator[None]:
    """Hold the sidecar lock of every file to be written (in a fixed order) during the block.

    Another xlsrc run holding one of them makes this fail after `timeout` seconds with a
    Chinese message. Files only read need no lock: saves are atomic and a workbook is read
    once, so a reader always sees one whole version. Once a lock is held, temporaries a
    killed run left beside that file are removed.
    """
    from filelock import FileLock, Timeout

    wait = LOCK_TIMEOUT if timeout is None else timeout
    with contextlib.ExitStack() as stack:
        for path in sorted({Path(os.path.abspath(real_target(Path(p)))) for p in paths}):
            if not path.parent.is_dir():
                raise FileAccessError(T.F_NO_FOLDER.format(path=path.parent))
            sidecar = lock_path(path)
            if sidecar.is_symlink() or (sidecar.exists() and not sidecar.is_file()):
                raise FileAccessError(T.F_LOCK_NOT_FILE.format(lock=sidecar, path=path))
            lock = FileLock(sidecar, timeout=wait)
            try:
                lock.acquire()
            except Timeout:
                raise FileAccessError(T.F_BUSY.format(path=path)) from None
            except OSError as exc:
                if exc.errno == errno.ELOOP:  # made a link meanwhile: never followed
                    raise FileAccessError(
                        T.F_LOCK_NOT_FILE.format(lock=sidecar, path=path)
                    ) from exc
                raise FileAccessError(describe(exc, path)) from exc
            stack.callback(lock.release)
            remove_stale_temporaries(path)
        yield
