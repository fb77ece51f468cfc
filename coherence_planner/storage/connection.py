"""Open an SQLite file as if it came from a stranger, because it may have.

A plan arrives by email or USB stick; SQLite's advice for such files ("Defense against the
dark arts") is applied here once, for every connection the app makes to a plan:

- the file must exist (SQLite would otherwise create an empty one) and start with the
  SQLite header; anything else is not a plan, said before SQLite touches it;
- `PRAGMA trusted_schema=OFF`, so functions with side effects cannot run from the schema,
  and defensive mode where Python can turn it on (Connection.setconfig, 3.12+), so SQL
  cannot corrupt the file on purpose;
- `cell_size_check` on and memory-mapping off, so a forged page is caught, not trusted;
- a progress handler (`Watchdog`) that stops any statement running past its budget, so a
  hostile view, trigger or giant table cannot hang the app;
- a bounded busy timeout, so a file locked by another program fails fast as FileLocked.

Journal: rollback journal (`journal_mode=DELETE`), `synchronous=FULL`, exclusive locking.
WAL would keep committed edits in a `-wal` file beside the plan until a checkpoint; a person
who copies just the `.coherence` file after a crash, or who keeps it on a USB stick or a
network share (where WAL's shared memory does not work) would lose edits or the file. With a
rollback journal every commit is in the main file when `apply()` returns, and the file is a
single self-contained file whenever the app is not in the middle of a write. Exclusive
locking holds the lock from open to close, so a second window or a colleague on a share
opening the same plan gets "open elsewhere" instead of two copies silently overwriting
each other's edits.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from coherence_planner.storage.errors import (
    FileLocked,
    KnownError,
    NotACoherenceFile,
    classify,
)
from coherence_planner.storage.file_kinds import sniff
from coherence_planner.storage.schema import SQLITE_HEADER

STATEMENT_BUDGET = 2.0  # seconds reading an untrusted plan may take, per step of open()
WRITE_BUDGET = 120.0  # seconds for writes to a file already checked (a big import, a migration)
BUSY_TIMEOUT = 1.0  # seconds to wait for another program's lock
_PROGRESS_STEPS = 10_000  # VM instructions between watchdog checks (~1 ms)
_MAX_LENGTH = 100_000_000  # bytes in one string or blob; our rows are far smaller


class Watchdog:
    """A progress handler that interrupts SQLite once the current budget has run out.

    `start()` begins a budget; statements run after that count against it until the next
    `start()`. Until the first start, nothing can run longer than one budget either. Reads of
    a file not yet checked get the short default; writes to a checked file, whose schema has
    no triggers or views, may take longer (a 10,000-item import, a migration).
    """

    def __init__(self, budget: float = STATEMENT_BUDGET) -> None:
        self.budget = budget
        self._deadline = time.monotonic() + budget

    def start(self, budget: float | None = None) -> None:
        self._deadline = time.monotonic() + (self.budget if budget is None else budget)

    def __call__(self) -> int:
        return 1 if time.monotonic() > self._deadline else 0

    def install(self, conn: sqlite3.Connection) -> None:
        conn.set_progress_handler(self, _PROGRESS_STEPS)


def _refuse_write_ahead_log(path: Path) -> None:
    """Refuse a file switched to WAL (header bytes 18-19 = 2) before SQLite reads it.

    Plans never use WAL; reading one would create -wal and -shm files beside it, and opening
    it would switch it back, changing a file that may not be ours.
    """
    try:
        with open(path, "rb") as handle:
            versions = handle.read(20)[18:20]
    except OSError as exc:
        raise (classify(exc, path) or exc) from exc
    if versions == b"\x02\x02":
        raise NotACoherenceFile(path, "it uses a write-ahead log, which plans never do")


def _harden(conn: sqlite3.Connection) -> None:
    defensive = getattr(sqlite3, "SQLITE_DBCONFIG_DEFENSIVE", None)
    setconfig = getattr(conn, "setconfig", None)
    if defensive is not None and setconfig is not None:  # Python 3.12+
        setconfig(defensive, True)
    conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, _MAX_LENGTH)
    for pragma in (
        "trusted_schema = OFF",
        "cell_size_check = ON",
        "mmap_size = 0",
        "recursive_triggers = OFF",
    ):
        conn.execute(f"PRAGMA {pragma}")


def connect_file(
    path: Path,
    watchdog: Watchdog,
    *,
    must_exist: bool = True,
    read_only: bool = False,
    handed_over: bool = False,
) -> sqlite3.Connection:
    """A hardened connection to an existing SQLite file (or a new empty one if not must_exist).

    With `handed_over`, the connection may be used by a thread other than the one that made
    it: the app reads a large plan in a worker and then edits it on the window's thread,
    one thread after the other, never both at once (SQLite is built serialized here,
    `sqlite3.threadsafety == 3`).

    Raises FileMissing, NotACoherenceFile (not SQLite), or another KnownError.
    """
    path = Path(path)
    if must_exist:
        head = sniff(path)
        if not head:
            raise NotACoherenceFile(path, "the file is empty")
        if head != SQLITE_HEADER:
            raise NotACoherenceFile(path)
        _refuse_write_ahead_log(path)
    mode = "ro" if read_only else ("rw" if must_exist else "rwc")
    uri = path.resolve().as_uri() + f"?mode={mode}"
    try:
        conn = sqlite3.connect(
            uri,
            uri=True,
            timeout=BUSY_TIMEOUT,
            isolation_level=None,
            check_same_thread=not handed_over,
        )
    except sqlite3.Error as exc:
        raise (classify(exc, path) or exc) from exc
    try:
        watchdog.install(conn)
        watchdog.start()
        _harden(conn)
    except BaseException:
        conn.close()
        raise
    return conn


def refuse_if_in_use(path: Path) -> None:
    """Raise FileLocked if `path` is an SQLite file that another connection holds locked.

    Replacing such a file would leave its owner writing edits into a file that is gone.
    """
    path = Path(path)
    try:
        head = sniff(path)
    except KnownError:
        return  # missing or unreadable: nothing holds it as a plan
    if head != SQLITE_HEADER:
        return
    watchdog = Watchdog()
    try:
        conn = sqlite3.connect(
            path.resolve().as_uri() + "?mode=rw", uri=True, timeout=0.2, isolation_level=None
        )
    except sqlite3.Error:
        return
    try:
        watchdog.install(conn)
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("ROLLBACK")
    except sqlite3.Error as exc:
        known = classify(exc, path)
        if isinstance(known, FileLocked):
            raise known from exc
    finally:
        conn.close()


def set_journal(conn: sqlite3.Connection) -> None:
    """Rollback journal, full fsync, lock held until close (see the module docstring)."""
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA locking_mode = EXCLUSIVE")
