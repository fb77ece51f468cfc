"""Only regular files are read or replaced: said before anything opens the path.

Opening a FIFO named `x.coherence` or `x.json` for reading blocks until something writes to
it (forever, in practice); a device can hand out endless bytes; a symbolic link that leads
back to itself fails with ELOOP, which no other error names. `stat()` tells them apart
without opening anything.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from coherence_planner.storage.errors import FileMissing, NotACoherenceFile, NotAFile, classify


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not an ordinary file"


def _stat(path: Path) -> os.stat_result | None:
    try:
        return os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):  # a link to nothing
            raise NotAFile(path, "a link to a file that does not exist") from None
        return None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise NotAFile(path, "a link that leads back to itself") from None
        raise (classify(exc, path) or exc) from exc


def require_regular_file(path: Path) -> None:
    """Raise FileMissing, NotACoherenceFile (a folder) or NotAFile unless `path` is a file."""
    found = _stat(path)
    if found is None:
        raise FileMissing(path)
    if stat.S_ISDIR(found.st_mode):
        raise NotACoherenceFile(path, "it is a folder")
    if not stat.S_ISREG(found.st_mode):
        raise NotAFile(path, _kind(found.st_mode))


def refuse_unusual_target(path: Path) -> None:
    """Raise NotAFile if `path` exists (or is a link) and is not a file that may be replaced."""
    found = _stat(path)
    if found is not None and not stat.S_ISREG(found.st_mode):
        if stat.S_ISDIR(found.st_mode):
            raise NotAFile(path, "a folder")
        raise NotAFile(path, _kind(found.st_mode))


def sniff(path: Path) -> bytes:
    """The first 16 bytes of a file (FileMissing / KnownError if it cannot be read): which
    kind of plan file it is. Here, not beside the sqlite3 connection, so that reading a JSON
    district never loads sqlite3."""
    require_regular_file(path)  # opening a pipe would wait forever
    try:
        with open(path, "rb") as handle:
            return handle.read(16)
    except FileNotFoundError:
        raise FileMissing(path) from None
    except IsADirectoryError:
        raise NotACoherenceFile(path, "it is a folder") from None
    except OSError as exc:
        raise (classify(exc, path) or exc) from exc
