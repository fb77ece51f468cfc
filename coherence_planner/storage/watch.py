"""Is the open plan's file still the one we opened? Asked before every write.

SQLite writes through the file it opened, whatever its name has become. A plan renamed or
moved in the file manager, deleted, or replaced by a sync client or a copy over it would
take edits the person never sees again (or lose them with the replaced file), and SQLite's
journal, named after the path, would no longer match the file it protects. So the
Document records the file's identity (device, inode, size, change time) when it opens the
plan and again after each of its own commits, and refuses to write when the path shows
anything else. One stat: a few microseconds an edit (see the README).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import NamedTuple

from coherence_planner.storage.errors import FileReplaced


class Identity(NamedTuple):
    device: int
    inode: int
    size: int
    changed_ns: int  # st_ctime_ns: any write, rename over it, chmod or link changes it


def identity(path: Path) -> Identity | None:
    """The identity of the file at `path` now, or None when there is none."""
    try:
        found = os.stat(path)
    except OSError:
        return None
    return Identity(found.st_dev, found.st_ino, found.st_size, found.st_ctime_ns)


def check(path: Path, recorded: Identity | None) -> None:
    """Raise FileReplaced unless `path` is still the file recorded (by `identity`)."""
    now = identity(path)
    if now is not None and now == recorded:
        return
    if now is None or recorded is None:
        raise FileReplaced(path, "moved, renamed or deleted")
    if (now.device, now.inode) != (recorded.device, recorded.inode):
        raise FileReplaced(path, "replaced by another file")
    raise FileReplaced(path, "changed by another program")
