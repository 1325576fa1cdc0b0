"""Writing files the way a user expects of any program: all or nothing, with the usual permissions.

A file is written beside its final place under a temporary name and moved over it only when complete, so the
original is never half-written; the temporary file goes on any error and on Ctrl-C. A replaced file keeps its
mode, owner and group where the operating system allows it, a new one gets the user's umask (0644 typically, not
mkstemp's 0600), and a symbolic link stays a link: its target is what gets replaced. Every failure is an
``UnusableWorkbook`` with one Swedish sentence.

One writer at a time on a workbook (``WriteLock``): an operating-system lock (fcntl on POSIX, msvcrt on Windows)
on a small lock file beside the workbook, held from reading the file until it is replaced, then removed. A second
xlbokslut that wants to write the same file is told at once that it is busy; it never waits. The lock goes with
the process: a killed run leaves no lock behind, at most an empty lock file that the next run takes over.
"""
from __future__ import annotations

import errno
import os
import stat
import sys
import time
from pathlib import Path
from collections.abc import Callable

from .issues import UnusableWorkbook

TEMP_PREFIX = ".~xlbokslut-"
WRITTEN: list[Path] = []  # every file this process has replaced or created, so a later failure can say so


def lock_files(path: Path) -> list[Path]:
    """Owner files Excel (~$name) and LibreOffice (.~lock.name#) leave while the file is open."""
    names = {f"~${path.name}", f"~${path.name[2:]}", f".~lock.{path.name}#"}
    return [path.parent / n for n in sorted(names) if (path.parent / n).exists()]


def _umask() -> int:
    """The user's umask; 0o022 where it would leave the owner unable to read (Pyodide's is 0o777, and a file
    xlwings Lite writes to /data must be readable to be downloaded)."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o022 if mask & 0o400 else mask


def why(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return "behörighet saknas"
    if exc.errno == errno.ENOSPC:
        return "disken är full"
    if exc.errno == errno.EROFS:
        return "mappen är skrivskyddad"
    if exc.errno == errno.ENAMETOOLONG:
        return "filnamnet är för långt; välj ett kortare namn eller en mapp närmare roten"
    return exc.strerror or "okänt fel"


def _same_owner_and_mode(tmp: Path, original: os.stat_result) -> None:
    """Give the replacement the original's owner and group (as far as this user may) and then its mode."""
    if hasattr(os, "chown"):
        for uid, gid in ((original.st_uid, original.st_gid), (-1, original.st_gid)):
            try:
                os.chown(tmp, uid, gid)
                break
            except OSError:
                continue
    os.chmod(tmp, stat.S_IMODE(original.st_mode))


def ensure_folder(folder: Path) -> None:
    """Create ``folder`` if needed; an impossible one is an UnusableWorkbook naming it."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UnusableWorkbook(f"Mappen {folder} kan inte skapas ({why(exc)}).") from None
    if not folder.is_dir():
        raise UnusableWorkbook(f"{folder} är ingen mapp.")


def write_atomically(path: Path, write: Callable[[Path], None], what: str | None = None) -> None:
    """Call ``write(temporary path)``, then move the result over ``path`` (the target of a link)."""
    target = Path(os.path.realpath(path))
    folder = target.parent
    tmp = folder / f"{TEMP_PREFIX}{os.getpid()}-{time.monotonic_ns()}{target.suffix}"
    try:
        os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except OSError as exc:
        raise UnusableWorkbook(f"{what or path.name} kan inte skrivas i mappen {folder} ({why(exc)}).") from None
    try:
        write(tmp)
        if target.exists():
            _same_owner_and_mode(tmp, target.stat())
        else:
            os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, target)
        WRITTEN.append(path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        if isinstance(exc, PermissionError) and target.exists():
            raise UnusableWorkbook(f"{path.name} kunde inte sparas: filen är låst av ett annat program eller "
                                   "skrivskyddad. Den har inte ändrats.") from None
        untouched = " Den har inte ändrats." if target.exists() else ""
        raise UnusableWorkbook(f"{what or path.name} kunde inte sparas i mappen {folder} ({why(exc)})."
                               + untouched) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_text(path: Path, text: str) -> None:
    def write(tmp: Path) -> None:
        with open(tmp, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)

    write_atomically(path, write)


LOCK_PREFIX = ".~xlbokslut-lock."

if sys.platform == "win32":  # pragma: no cover - Windows
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        try:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        except OSError:
            pass
elif sys.platform == "emscripten":  # Pyodide (xlwings Lite): no fcntl, and one process, so no other writer
    def _try_lock(fd: int) -> bool:
        return True

    def _unlock(fd: int) -> None:
        pass
else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


def busy_message(name: str) -> str:
    return (f"{name} används just nu av en annan körning av xlbokslut: vänta tills den är klar och försök igen "
            "(filen har inte ändrats).")


class WriteLock:
    """The lock on ``path`` (the target of a link), taken on creation; ``release`` gives it back."""

    def __init__(self, path: Path):
        target = Path(os.path.realpath(path))
        self.file = target.parent / f"{LOCK_PREFIX}{target.name}"
        self.fd: int | None = None
        for _ in range(20):  # the holder may remove the file just after we opened it: then take the new one
            try:
                fd = os.open(self.file, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o666)
            except OSError as exc:
                raise UnusableWorkbook(f"{path.name} kan inte sparas i mappen {target.parent} ({why(exc)}). "
                                       "Den har inte ändrats.") from None
            if not _try_lock(fd):
                os.close(fd)
                raise UnusableWorkbook(busy_message(path.name))
            try:
                current = os.path.samestat(os.fstat(fd), os.stat(self.file))
            except OSError:
                current = False
            if current:
                self.fd = fd
                return
            _unlock(fd)
            os.close(fd)
        raise UnusableWorkbook(busy_message(path.name))

    def release(self) -> None:
        if self.fd is None:
            return
        fd, self.fd = self.fd, None
        if sys.platform != "win32":  # removed while still held, so that no one locks a file about to disappear
            self._remove()
        _unlock(fd)
        os.close(fd)
        if sys.platform == "win32":  # pragma: no cover - Windows cannot remove an open file; another holder keeps it
            self._remove()

    def _remove(self) -> None:
        try:
            os.unlink(self.file)
        except OSError:
            pass


def read_regular_file(path: Path, limit: int, what: str, too_big: Callable[[int], str],
                      cannot_open: str | None = None) -> tuple[bytes, os.stat_result]:
    """The bytes (at most ``limit`` + 1) and the status of a regular file, opened without blocking: a pipe or a
    device could block or never end. ``what`` is what the file should be ("en Excel-arbetsbok"); ``too_big``
    says so from the size in MB."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as problem:
        raise UnusableWorkbook(cannot_open or f"{path.name} kan inte öppnas: {why(problem)}.") from None
    with os.fdopen(fd, "rb") as f:
        info = os.fstat(f.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise UnusableWorkbook(f"{path} är ingen vanlig fil och kan inte vara {what}.")
        if info.st_size > limit:
            raise UnusableWorkbook(too_big(info.st_size // 2**20))
        return f.read(limit + 1), info
