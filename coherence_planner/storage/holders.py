"""Who holds a plan: read from the lock file the app keeps while a plan is open.

The app locks a plan twice: SQLite's exclusive lock (which stops a second writer) and a
QLockFile in the temp folder (ui/documents/locks.py), which records the holder's process id
and computer. The command line has no Qt, so it reads that file here to say *who* holds
the plan when SQLite refuses it. The file's name is decided here, for both.
"""

from __future__ import annotations

import hashlib
import os
import socket
import sys
import tempfile
from pathlib import Path


def lock_file_name(path: Path) -> str:
    """The lock file's name for a plan (in the temp folder), from its full path."""
    digest = hashlib.sha256(str(Path(path).resolve()).encode()).hexdigest()[:24]
    return f"coherence-planner-{digest}.lock"


def _alive(pid: int) -> bool:
    if sys.platform == "win32":
        return True  # no safe probe; the lock file is removed when the app closes the plan
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def holder_of(path: Path) -> str | None:
    """ "Coherence Planner (process 123 on laptop-7)" when the app holds `path`, else None."""
    try:
        lock = Path(tempfile.gettempdir()) / lock_file_name(path)
        lines = lock.read_text(encoding="utf-8", errors="replace").splitlines()
        pid, host = int(lines[0]), lines[2].strip() if len(lines) > 2 else ""
    except (OSError, ValueError, IndexError):
        return None
    if host and host != socket.gethostname():
        return f"Coherence Planner on {host}"
    if not _alive(pid):
        return None
    return f"Coherence Planner (process {pid}{f' on {host}' if host else ''})"
