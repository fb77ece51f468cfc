"""What a killed process leaves beside a plan, and reading a plan someone else holds.

- A hot journal (`plan.coherence-journal` starting with SQLite's journal magic): a write
  was cut off; the next read-write open rolls it back. A read-only reader (`check`,
  `export`, `diff`) cannot, so it reads a private copy of the plan and its journal, where
  SQLite rolls back the copy: the user sees the last committed plan and nothing alarming.
- A cold journal (its header zeroed): with exclusive locking SQLite keeps the journal
  between transactions, so a kill leaves it behind. It holds nothing; once this process
  holds the plan's lock and has not written yet, it is nobody's and is removed.
- Temporary files `.plan.coherence-<pid>-XXXX.tmp` from a write cut off by a kill
  (storage/atomic.py): removed once the process named in them is gone.
- A plan held by the app (exclusive lock): read-only commands read a private copy too,
  taken between two of the app's commits (checked by the files' sizes and times).
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

JOURNAL_MAGIC = bytes.fromhex("d9d505f920a163d7")
_COPY_ATTEMPTS = 20


def journal_of(path: Path) -> Path:
    return path.with_name(path.name + "-journal")


def has_hot_journal(path: Path) -> bool:
    """True when `path` has a journal that still holds a transaction to roll back."""
    try:
        with open(journal_of(path), "rb") as handle:
            return handle.read(8) == JOURNAL_MAGIC
    except OSError:
        return False


def temp_prefix(target: Path) -> str:
    """The start of the name of a temporary file written for `target` by this process."""
    return f".{target.name}-{os.getpid()}-"


def _process_gone(pid: int) -> bool:
    if sys.platform == "win32":
        return False  # no safe probe (os.kill ends the process); Windows keeps open files
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False  # alive, owned by someone else
    return False


def remove_leftovers(path: Path) -> None:
    """Remove what killed writers left beside `path`. Call only while holding the plan's
    exclusive lock and before this connection has written (see the module docstring)."""
    journal = journal_of(path)
    with contextlib.suppress(OSError):
        with open(journal, "rb") as handle:
            cold = handle.read(8) != JOURNAL_MAGIC
        if cold:
            journal.unlink()
    pattern = re.compile(re.escape(f".{path.name}-") + r"(\d+)-\w+\.tmp(-journal)?")
    with contextlib.suppress(OSError):
        for entry in os.scandir(path.parent):
            match = pattern.fullmatch(entry.name)
            if match and _process_gone(int(match.group(1))):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)


def _signature(paths: list[Path]) -> list[tuple[int, int] | None]:
    out: list[tuple[int, int] | None] = []
    for p in paths:
        try:
            found = os.stat(p)
            out.append((found.st_size, found.st_mtime_ns))
        except FileNotFoundError:
            out.append(None)
    return out


@contextlib.contextmanager
def private_copy(path: Path) -> Iterator[Path]:
    """A copy of the plan and its journal, of the same name, in a temporary folder.

    Copied again if either file changed while being copied (the app committed meanwhile).
    The journal is copied first: with it, any half-written state rolls back to a commit.
    """
    with tempfile.TemporaryDirectory(prefix="coherence-read-") as folder:
        copy = Path(folder) / path.name
        originals = [journal_of(path), path]
        for _attempt in range(_COPY_ATTEMPTS):
            before = _signature(originals)
            with contextlib.suppress(FileNotFoundError):
                journal_of(copy).unlink()
            if before[0] is not None:
                with contextlib.suppress(FileNotFoundError):
                    shutil.copyfile(originals[0], journal_of(copy))
            shutil.copyfile(path, copy)
            if _signature(originals) == before:
                break
            time.sleep(0.05)
        yield copy
