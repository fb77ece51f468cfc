"""Write a whole file so that a crash or a failure leaves the old one exactly as it was.

Every new file (a new plan, a copy, an exported JSON file) is built under a hidden temporary
name in the destination folder, flushed to the disk with fsync, and moved over the target
with os.replace, which is atomic within one folder on every system we ship to. The folder is
then fsynced on POSIX so that the rename itself survives a power cut.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from coherence_planner.storage.errors import (
    DiskFull,
    ReadOnlyDestination,
    classify,
    is_read_only_error,
)
from coherence_planner.storage.file_kinds import refuse_unusual_target
from coherence_planner.storage.leftovers import temp_prefix


def fsync_path(path: Path) -> None:
    """Flush a closed file's data to the disk."""
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


def _fsync_folder(folder: Path) -> None:
    if os.name != "posix":
        return  # Windows cannot open a folder; NTFS journals the rename itself
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _give_normal_permissions(temp: Path, target: Path) -> None:
    """mkstemp makes files only their owner can read; a replaced file keeps its own mode,
    a new one gets the usual mode for new files (0666 less the umask)."""
    if os.name != "posix":
        return
    try:
        mode = target.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    os.chmod(temp, mode)


def write_atomically(target: Path, build: Callable[[Path], None]) -> None:
    """Call build(temp) to write a complete file at `temp`, then move it over `target`.

    If build or anything after it raises, the temporary file is removed and `target` is
    untouched. Environment errors come out as KnownError (see errors.classify).
    """
    target = Path(target)
    refuse_unusual_target(target)
    folder = target.parent if str(target.parent) else Path(".")
    try:
        # The name carries this process's id, so that the next open of the plan can tell a
        # killed writer's leftover from a write in progress (storage/leftovers.py).
        fd, name = tempfile.mkstemp(prefix=temp_prefix(target), suffix=".tmp", dir=folder)
    except OSError as exc:
        if is_read_only_error(exc):  # no file can be made here: say which folder
            raise ReadOnlyDestination(target) from exc
        where = folder if isinstance(exc, FileNotFoundError) else target
        raise (classify(exc, where) or exc) from exc
    os.close(fd)
    temp = Path(name)
    try:
        build(temp)
        _give_normal_permissions(temp, target)
        fsync_path(temp)
        os.replace(temp, target)
        _fsync_folder(folder)
    except BaseException as exc:
        for leftover in (temp, Path(f"{temp}-journal")):
            with contextlib.suppress(OSError):
                leftover.unlink()
        known = classify(exc, target)
        if isinstance(known, DiskFull) and known is not exc:
            # A whole file was being written: nothing of the plan changed, so say what did not.
            known = DiskFull(target, whole_file=True)
        if known is not None and known is not exc:
            raise known from exc
        raise
