"""Tell a person that another Coherence Planner window already holds a plan (QLockFile).

SQLite's exclusive lock already stops two writers; the lock file lets this app say *who*
(which process on which computer) before SQLite's terser refusal. Lock files live in the
user's runtime/temp folder, keyed by the plan's full path, so no stray file appears next to
the plan (which may be in a synced folder).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDir, QLockFile, QStandardPaths

from coherence_planner.storage.errors import KnownError
from coherence_planner.storage.holders import lock_file_name


class HeldByAnotherWindow(KnownError):
    def __init__(self, path: Path, pid: int, host: str) -> None:
        where = f" on {host}" if host else ""
        super().__init__(
            path,
            f"“{path.name}” is already open in another Coherence Planner window (process {pid}{where}). "
            "Switch to that window, or close the plan there first.",
        )


def _lock_path(path: Path) -> str:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.TempLocation)
    return QDir(folder).filePath(lock_file_name(path))


def acquire(path: Path) -> QLockFile:
    """Lock `path` for this process, or raise HeldByAnotherWindow."""
    lock = QLockFile(_lock_path(path))
    lock.setStaleLockTime(0)  # a plan stays open for hours; only a dead owner frees the lock
    if not lock.tryLock(0) and lock.error() == QLockFile.LockError.LockFailedError:
        info = lock.getLockInfo()  # (pid, hostname, appname) in PySide6
        pid, host = (int(info[0]), str(info[1])) if info and len(info) >= 2 else (0, "")
        raise HeldByAnotherWindow(path, pid, host)
    return lock
