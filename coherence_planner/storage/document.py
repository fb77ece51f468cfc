"""The open `.coherence` plan: a District in memory, kept equal to its file at every step.

There is no Save command. Each edit is a domain command; `apply()` runs it on the district
and writes exactly the rows its `Changes` name in one transaction, so when `apply()` returns
the edit is on the disk, and when it raises the district in memory is as it was before.
Before each write the plan's folder and file must be writable and the file still the one
opened (storage/watch.py); every statement, the journal and the commit are checked, and
any failure raises a KnownError. The app passes `keep_unsaved=True` instead: a failed edit
stays in memory and the Document becomes `unsaved` (it writes nothing more to the file,
which no longer matches the district) until Save As writes the whole district elsewhere.
"Save a Copy" and "Save As" copy the live database with SQLite's backup API; the live file
is never copied or renamed by file operations, which could catch it half-written.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

import coherence_planner
from coherence_planner.domain.model.codec import InvalidDistrict
from coherence_planner.domain.model.commands import Changes, Command
from coherence_planner.domain.model.district import District
from coherence_planner.storage import rows, schema, watch
from coherence_planner.storage.atomic import write_atomically
from coherence_planner.storage.connection import (
    STATEMENT_BUDGET,
    WRITE_BUDGET,
    Watchdog,
    connect_file,
    refuse_if_in_use,
    set_journal,
)
from coherence_planner.storage.errors import (
    DamagedFile,
    FileExists,
    FileLocked,
    KnownError,
    NewerVersion,
    NotACoherenceFile,
    SameAsOpenFile,
    WriteIgnored,
    classify,
    read_only_place,
    unsaved,
)
from coherence_planner.storage.file_kinds import sniff
from coherence_planner.storage.leftovers import has_hot_journal, private_copy, remove_leftovers
from coherence_planner.storage.schema_check import check_schema

if TYPE_CHECKING:
    from sqlite_utils import Database

Listener = Callable[[Changes], None]


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _stamp(conn: sqlite3.Connection, *, created: bool = False) -> None:
    values = {"written_by": coherence_planner.__version__}
    if created:
        values.update(created_at=_now(), created_by=coherence_planner.__version__)
    cursor = conn.executemany(
        "INSERT INTO meta (key, value) VALUES (?, ?)"
        " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        list(values.items()),
    )
    if cursor.rowcount != len(values):
        raise WriteIgnored(f"the version stamp changed {cursor.rowcount} rows")


@contextmanager
def _transaction(conn: sqlite3.Connection) -> Iterator[None]:
    """One transaction on a plain connection (autocommit mode): committed, or rolled back.

    A failed ROLLBACK (the drive gone) must not hide the error that caused it; a COMMIT
    that leaves a transaction open did not reach the file and raises.
    """
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        # The original error says more than a failed ROLLBACK would; SQLite rolls back
        # the journal itself when it can.
        with contextlib.suppress(sqlite3.Error):
            if conn.in_transaction:
                conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
    if conn.in_transaction:  # COMMIT returned, but the changes are not in the file
        with contextlib.suppress(sqlite3.Error):
            conn.execute("ROLLBACK")
        raise WriteIgnored("the commit did not finish")


def _database(conn: sqlite3.Connection) -> Database:
    # Imported here: `check` and `export` read plans through plain sqlite3 (read_plan),
    # and the app's start page opens no plan.
    from sqlite_utils import Database

    return Database(conn, recursive_triggers=False, execute_plugins=False)


def backup_path(path: Path, when: dt.datetime | None = None) -> Path:
    """Where a file is backed up before migrating: name-YYYYmmdd-HHMMSS.backup.coherence."""
    stamp = (when or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    candidate = path.with_name(f"{path.stem}-{stamp}.backup{schema.SUFFIX}")
    number = 2
    while candidate.exists():
        candidate = path.with_name(f"{path.stem}-{stamp}-{number}.backup{schema.SUFFIX}")
        number += 1
    return candidate


def _write_plan(path: Path, district: District, *, replace: bool) -> None:
    """Write `district` as a new plan at `path`, built beside it and moved into place."""
    if path.exists() and not replace:
        raise FileExists(path)
    refuse_if_in_use(path)

    def build(temp: Path) -> None:
        # Plain sqlite3 (no sqlite-utils): opening a copy of the sample shows the window
        # before sqlite-utils is loaded.
        conn = connect_file(temp, Watchdog(WRITE_BUDGET), must_exist=False)
        try:
            with _transaction(conn):
                conn.execute(f"PRAGMA application_id = {schema.APPLICATION_ID:d}")
                schema.migrate(conn, 0)
                rows.write_all(conn, district)
                _stamp(conn, created=True)
        finally:
            conn.close()

    write_atomically(path, build)


def _copy_database(source: sqlite3.Connection, dest: Path) -> None:
    """Copy a live database to `dest` atomically with the backup API."""

    def build(temp: Path) -> None:
        target = sqlite3.connect(str(temp))
        try:
            source.backup(target)
        finally:
            target.close()

    write_atomically(dest, build)


def _check_identity(conn: sqlite3.Connection, path: Path) -> int:
    """The file's format version, after refusing what is not a plan we can read."""
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    objects = conn.execute("SELECT type, name FROM sqlite_master").fetchall()
    if app_id != schema.APPLICATION_ID:
        if app_id == 0 and not objects:
            raise NotACoherenceFile(path, "it is an empty database")
        raise NotACoherenceFile(path, "it is a database made by another program")
    if version > schema.current_version():
        raise NewerVersion(path, version, schema.current_version())
    if version < 1:
        raise DamagedFile(path, "it has no format version")
    check_schema(conn, path, int(version))  # before anything evaluates a row
    problems = [row[0] for row in conn.execute("PRAGMA quick_check")]
    if problems != ["ok"]:
        raise DamagedFile(path, problems[0])
    return int(version)


def read_plan(path: str | Path, *, budget: float = STATEMENT_BUDGET) -> District:
    """The district in a plan, read without changing a byte of the file.

    For `check`, `export` and `diff`: the connection is read-only, takes no write lock, and
    never commits (committing even an empty transaction made SQLite rewrite a damaged
    header). An older plan is upgraded in a copy in memory, never in place. A plan with a
    hot journal left by a kill, or held open by the app, is read from a private copy
    (storage/leftovers.py): the last committed plan, with nothing alarming said.
    """
    path = Path(path)
    sniff(path)  # a pipe, a folder or a missing file is said before any copy is made
    if has_hot_journal(path):
        with private_copy(path) as copy:
            return _read_plan(copy, budget, read_only=False)
    try:
        return _read_plan(path, budget, read_only=True)
    except FileLocked:
        with private_copy(path) as copy:
            return _read_plan(copy, budget, read_only=False)


def _read_plan(path: Path, budget: float, *, read_only: bool) -> District:
    watchdog = Watchdog(budget)
    conn = connect_file(path, watchdog, read_only=read_only)
    try:
        version = _check_identity(conn, path)
        source = conn
        if version < schema.current_version():
            source = sqlite3.connect(":memory:", isolation_level=None)
            conn.backup(source)
            db = _database(source)
            with db.atomic():
                schema.migrate(db, version)
        # The rows get a budget of their own, as in Document._load: checking the file and
        # then reading a 20,000-program plan's rows under one budget went past it on a
        # busy machine, and `check` said the plan was too slow to read.
        watchdog.start()
        try:
            return rows.read_district(source)
        finally:
            if source is not conn:
                source.close()
    except InvalidDistrict as exc:
        raise DamagedFile(path, str(exc)) from exc
    except sqlite3.Error as exc:
        known = classify(exc, path)
        if known is None:
            raise DamagedFile(path, str(exc)) from exc
        raise known from exc
    finally:
        conn.close()


class Document:
    """An open plan. Make one with `Document.open` or `Document.create`; close it when done."""

    def __init__(self, path: Path, conn: sqlite3.Connection, watchdog: Watchdog) -> None:
        self.path = path
        self._conn = conn
        self._writer: Database | None = None  # made on first write: see _db
        self._watchdog = watchdog
        self._listeners: list[Listener] = []
        self._stamped = False
        self._identity: watch.Identity | None = None  # the file we opened: see _writable
        # Why the file stopped following the district (an edit kept in memory only), or
        # None while every edit is saved.
        self.unsaved: KnownError | None = None
        self.district: District = District()

    # -- opening -------------------------------------------------------------------------
    @classmethod
    def open(
        cls, path: str | Path, *, budget: float = STATEMENT_BUDGET, handed_over: bool = False
    ) -> Document:
        """Open an existing plan, migrating an older one after backing it up.

        Raises a KnownError (NotACoherenceFile, NewerVersion, DamagedFile, FileLocked,
        FileMissing, TooSlow, ...) when the file cannot be opened; nothing is changed then.
        With `handed_over`, another thread may use the Document once this one is done with
        it (the app opens a large plan in a worker; connection.connect_file).
        """
        return cls._open(Path(path), budget, None, handed_over=handed_over)

    @classmethod
    def _open(
        cls, path: Path, budget: float, district: District | None, *, handed_over: bool = False
    ) -> Document:
        """Open `path`; read its district, or take `district` when it was just written."""
        watchdog = Watchdog(budget)
        conn = connect_file(path, watchdog, handed_over=handed_over)
        doc = cls(path, conn, watchdog)
        try:
            doc._load(district)
            doc._identity = watch.identity(path)
        except BaseException as exc:
            conn.close()
            known = classify(exc, path)
            if known is not None and known is not exc:
                raise known from exc
            raise
        return doc

    def _load(self, district: District | None) -> None:
        version = _check_identity(self._conn, self.path)
        set_journal(self._conn)  # only now: switching a foreign WAL file would change it
        if version < schema.current_version():
            self._watchdog.start(WRITE_BUDGET)
            _copy_database(self._conn, backup_path(self.path))
            with self._db.atomic():
                schema.migrate(self._db, version)
                _stamp(self._conn)
        else:
            # Take the write lock now, and hold it (exclusive locking) until close.
            self._conn.execute("BEGIN EXCLUSIVE")
            self._conn.execute("COMMIT")
            remove_leftovers(self.path)  # a hot journal is rolled back by now
        if district is not None:
            self.district = district
            return
        self._watchdog.start()
        try:
            self.district = rows.read_district(self._conn)
        except InvalidDistrict as exc:
            raise DamagedFile(self.path, str(exc)) from exc
        except sqlite3.OperationalError as exc:
            if classify(exc, self.path) is None:  # "no such table/column": not our tables
                raise DamagedFile(self.path, str(exc)) from exc
            raise

    @property
    def _db(self) -> Database:
        """The sqlite-utils view of the file, for writing. Made on first use: opening a plan
        reads through plain sqlite3, so the window shows the plan before sqlite-utils (a
        fifth of a second to import) is loaded; the app imports it in a thread meanwhile
        (ui/session.py)."""
        if self._writer is None:
            self._writer = _database(self._conn)
        return self._writer

    @classmethod
    def create(
        cls,
        path: str | Path,
        district: District | None = None,
        *,
        replace: bool = False,
        handed_over: bool = False,
    ) -> Document:
        """Write a new plan holding `district` (or an empty one) and open it.

        The file is built beside the target and moved into place, so a failure leaves an
        existing file exactly as it was. Raises FileExists unless `replace`. Do not replace
        a plan that is open in this process: close its Document first.

        The file is not read back: the Document holds a copy of `district`, which passed
        the codec's checks when it was read or built, and from which the rows were written.
        Reading it back doubled the time of creating a plan. `handed_over` as for `open`
        (the app makes a copy of the sample in a worker).
        """
        path = Path(path)
        content = district if district is not None else District()
        _write_plan(path, content, replace=replace)
        # The file was just written by this app: no hostile content to stop early, and a
        # slow laptop must not call a big new plan damaged (the audit's 168 MB import).
        return cls._open(path, WRITE_BUDGET, content.copy(), handed_over=handed_over)

    @property
    def read_only(self) -> bool:
        """True when edits cannot be saved: the file or its folder (where SQLite writes its
        journal) cannot be written. Said when the plan opens, not at the first edit."""
        return not (os.access(self.path, os.W_OK) and os.access(self.path.parent, os.W_OK))

    # -- editing -------------------------------------------------------------------------
    def apply(self, command: Command, *, keep_unsaved: bool = False) -> Changes:
        """Do `command` and store what it changed, or raise with the district unchanged.

        With `keep_unsaved`, a write refused for a reason of the place (a KnownError) keeps
        the edit in memory instead and makes the Document `unsaved`; from then on edits
        change memory only, until Save As. The caller reads `unsaved` to tell the person.
        """
        return self._run(command.do, command.undo, keep_unsaved)

    def revert(self, command: Command, *, keep_unsaved: bool = False) -> Changes:
        """Undo `command` and store what it changed, or raise with the district unchanged."""
        return self._run(command.undo, command.do, keep_unsaved)

    def _writable(self) -> None:
        """Refuse before anything changes: a plan that cannot be saved, or a file that is
        not the one opened any more (a rename, a move, a copy over it)."""
        if self.unsaved is not None:
            raise self.unsaved
        watch.check(self.path, self._identity)
        if self.read_only:
            raise read_only_place(self.path)  # which of the file or its folder, by name

    def _run(
        self,
        forward: Callable[[District], Changes],
        backward: Callable[[District], Changes],
        keep: bool,
    ) -> Changes:
        self._check_open()
        try:
            self._writable()
        except KnownError as exc:
            if not keep:
                raise
            self.unsaved = unsaved(exc)
            return self._in_memory(forward)
        with self.district.editing():  # a snapshot in a worker thread waits for the edit
            changes = forward(self.district)
        try:
            self._watchdog.start(WRITE_BUDGET)
            with _transaction(self._conn):
                rows.write_changes(self._conn, self.district, changes)
                if not self._stamped:
                    _stamp(self._conn)
        except BaseException as exc:
            known = classify(exc, self.path)
            if known is not None and keep:
                self.unsaved = unsaved(known)  # the file holds the plan as before this edit
                return self._announce(changes)
            with self.district.editing():
                backward(self.district)
            # Our own rolled-back transaction may have touched the file (its size, its
            # change time); it was the file we opened a moment ago (_writable).
            self._identity = watch.identity(self.path)
            if known is not None and known is not exc:
                raise known from exc
            raise
        self._identity = watch.identity(self.path)  # our own commit changed size and time
        self._stamped = True
        return self._announce(changes)

    def _in_memory(self, forward: Callable[[District], Changes]) -> Changes:
        with self.district.editing():
            changes = forward(self.district)
        return self._announce(changes)

    def _announce(self, changes: Changes) -> Changes:
        for listener in list(self._listeners):
            listener(changes)
        return changes

    def add_listener(self, listener: Listener) -> None:
        """Call `listener(changes)` after each successful apply() and revert()."""
        self._listeners.append(listener)

    def remove_listener(self, listener: Listener) -> None:
        self._listeners.remove(listener)

    # -- copies --------------------------------------------------------------------------
    def save_copy(self, dest: str | Path) -> None:
        """Write a complete copy of the plan to `dest` (replacing it); this file stays open.

        An unsaved plan is written from the district in memory, which holds the edits the
        file does not; a saved one is copied from the file, which keeps its meta."""
        self._check_open()
        dest = Path(dest)
        found, mine = watch.identity(dest), self._identity
        if found is not None and mine is not None and found[:2] == mine[:2]:
            raise SameAsOpenFile(dest)  # the same device and inode: this very file
        if self.unsaved is not None:
            _write_plan(dest, self.district, replace=True)
            return
        refuse_if_in_use(dest)
        _copy_database(self._conn, dest)

    def save_as(self, dest: str | Path) -> Document:
        """Copy the plan to `dest` and open the copy; the caller closes this Document."""
        self.save_copy(dest)
        if self.unsaved is not None:
            return Document._open(Path(dest), WRITE_BUDGET, self.district.copy())
        return Document.open(dest, budget=self._watchdog.budget)

    def meta(self) -> dict[str, str]:
        """The file's meta table: created_at, created_by, written_by."""
        self._check_open()
        self._watchdog.start()
        return {str(k): str(v) for k, v in self._conn.execute("SELECT key, value FROM meta")}

    # -- closing -------------------------------------------------------------------------
    @property
    def closed(self) -> bool:
        return self._conn is None

    def _check_open(self) -> None:
        if self.closed:
            raise ValueError("the document is closed")

    def close(self) -> None:
        """Release the file (and its lock). Safe to call twice."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None  # type: ignore[assignment]

    def __enter__(self) -> Document:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Document({str(self.path)!r}{', closed' if self.closed else ''})"


__all__ = ["Document", "KnownError", "backup_path"]
