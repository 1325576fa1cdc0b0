"""Writing files the way a user expects of any program: all or nothing, with the usual permissions.

A file is written beside its final place under a temporary name and moved over it only when complete, so the
original is never half-written; the temporary file goes on any error and on Ctrl-C. A replaced file keeps its
permissions, a new one gets the user's umask (0644 typically, not mkstemp's 0600), and a symbolic link stays a
link: its target is what gets replaced. Every failure is an ``UnusableWorkbook`` with one Swedish sentence.
"""
from __future__ import annotations

import errno
import os
import stat
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
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _why(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return "behörighet saknas"
    if exc.errno == errno.ENOSPC:
        return "disken är full"
    if exc.errno == errno.EROFS:
        return "mappen är skrivskyddad"
    return exc.strerror or "okänt fel"


def ensure_folder(folder: Path) -> None:
    """Create ``folder`` if needed; an impossible one is an UnusableWorkbook naming it."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UnusableWorkbook(f"Mappen {folder} kan inte skapas ({_why(exc)}).") from None
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
        raise UnusableWorkbook(f"{what or path.name} kan inte skrivas i mappen {folder} ({_why(exc)}).") from None
    try:
        write(tmp)
        mode = stat.S_IMODE(target.stat().st_mode) if target.exists() else 0o666 & ~_umask()
        os.chmod(tmp, mode)
        os.replace(tmp, target)
        WRITTEN.append(path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        if isinstance(exc, PermissionError) and target.exists():
            raise UnusableWorkbook(f"{path.name} kunde inte sparas: filen är låst av ett annat program eller "
                                   "skrivskyddad. Den har inte ändrats.") from None
        untouched = " Den har inte ändrats." if target.exists() else ""
        raise UnusableWorkbook(f"{what or path.name} kunde inte sparas i mappen {folder} ({_why(exc)})."
                               + untouched) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_text(path: Path, text: str) -> None:
    def write(tmp: Path) -> None:
        with open(tmp, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)

    write_atomically(path, write)
