"""A failure injected at every write site of Document: the error is a KnownError that names
the file, never silence and never a bug's traceback, and the file on the disk is exactly as
it was (read back after the Document is closed, never from its memory).

Two kinds of fault: a statement SQLite refuses (a disk I/O error), and a write SQLite skips
without an error (it changes no row, as INSERT OR IGNORE did in a read-only folder in
issue 24, or a COMMIT that leaves the transaction open).
"""

from __future__ import annotations

import errno
import hashlib
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from coherence_planner.domain.model.commands import (
    AddItem,
    AddLink,
    Command,
    DeleteRecord,
    PutRecord,
    RemoveLink,
    SetDistrictFields,
    SetItemFields,
)
from coherence_planner.domain.model.district import District
from coherence_planner.domain.model.items import Link, Program
from coherence_planner.storage import atomic, document, schema
from coherence_planner.storage.document import Document, read_plan
from coherence_planner.storage.errors import DiskFull, DriveUnavailable, KnownError, NotSaved


class FaultyConnection:
    """A real sqlite3 connection whose statements starting with `prefix` fail or are
    skipped; everything else reaches SQLite."""

    def __init__(self, conn: sqlite3.Connection, prefix: str, fault: str) -> None:
        self._conn = conn
        self.prefix = prefix
        self.fault = fault
        self.hits = 0

    def _faulty(self, sql: str) -> bool:
        if sql.lstrip().upper().startswith(self.prefix.upper()):
            self.hits += 1
            return True
        return False

    def _fail_or_skip(self) -> sqlite3.Cursor:
        if self.fault == "error":
            exc = sqlite3.OperationalError("disk I/O error")
            exc.sqlite_errorcode = 10  # type: ignore[attr-defined]  # SQLITE_IOERR
            raise exc
        return self._conn.execute("UPDATE meta SET value = value WHERE 0")  # no row changed

    def execute(self, sql: str, parameters: Any = ()) -> sqlite3.Cursor:
        return self._fail_or_skip() if self._faulty(sql) else self._conn.execute(sql, parameters)

    def executemany(self, sql: str, parameters: Any) -> sqlite3.Cursor:
        if self._faulty(sql):
            return self._fail_or_skip()
        return self._conn.executemany(sql, parameters)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._conn, name)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def new_program(district: District) -> Command:
    return AddItem(Program(id="NEW", name="New program"))


def rename_program(district: District) -> Command:
    return SetItemFields(district, "P1", {"name": "Renamed"})


def add_link(district: District) -> Command:
    return AddLink(district, Link("P7", "S1"))


def remove_link(district: District) -> Command:
    return RemoveLink(district, ("supports", "S1", "G1"))


def put_record(district: District) -> Command:
    return PutRecord("scenarios", "new", {"keep": ["P1"]}, text="Save a scenario")


def delete_record(district: District) -> Command:
    return DeleteRecord("scenarios", "old", text="Delete a scenario")


def rename_district(district: District) -> Command:
    return SetDistrictFields({"name": "Renamed district"})


# (statement, the edit that reaches it, whether it is applied or reverted)
SITES: list[tuple[str, Callable[[District], Command], str]] = [
    ("BEGIN", rename_program, "apply"),
    ("INSERT INTO items", new_program, "apply"),
    ("INSERT INTO items", rename_program, "apply"),
    ("DELETE FROM items", new_program, "revert"),
    ("INSERT INTO links", add_link, "apply"),
    ("DELETE FROM links", remove_link, "apply"),
    ("INSERT INTO records", put_record, "apply"),
    ("DELETE FROM records", delete_record, "apply"),
    ("UPDATE district", rename_district, "apply"),
    ("INSERT INTO meta", rename_program, "apply"),  # the first write stamps the version
    ("COMMIT", rename_program, "apply"),
    ("COMMIT", new_program, "revert"),
]
SKIPPABLE = ("INSERT", "UPDATE", "COMMIT")  # a skipped DELETE is legitimate: see rows.py


def plan_on_disk(tmp_path: Path, district: District) -> Path:
    path = tmp_path / "plan.coherence"
    district.put_record("scenarios", "old", {"keep": []})
    Document.create(path, district).close()
    return path


def faults() -> list[Any]:
    cases = []
    for prefix, edit, step in SITES:
        for fault in ("error", "skipped"):
            if fault == "skipped" and not prefix.startswith(SKIPPABLE):
                continue
            label = f"{step}-{edit.__name__}-{prefix.lower().replace(' ', '-')}-{fault}"
            cases.append(pytest.param(prefix, edit, step, fault, id=label))
    return cases


@pytest.mark.parametrize(("prefix", "edit", "step", "fault"), faults())
@pytest.mark.parametrize("keep", [False, True], ids=["refused", "kept-unsaved"])
def test_a_failed_write_in_an_edit_is_never_silent(
    tmp_path: Path,
    district: District,
    prefix: str,
    edit: Callable[[District], Command],
    step: str,
    fault: str,
    keep: bool,
) -> None:
    path = plan_on_disk(tmp_path, district)
    doc = Document.open(path)
    command = edit(doc.district)
    if step == "revert":
        doc.apply(command)
    doc.close()
    before = digest(path)
    doc = Document.open(path)
    in_memory_before = read_plan(path)
    faulty = FaultyConnection(doc._conn, prefix, fault)
    doc._conn = faulty  # type: ignore[assignment]
    run = doc.revert if step == "revert" else doc.apply
    if keep:
        run(command, keep_unsaved=True)
        assert isinstance(doc.unsaved, NotSaved)
        why = " (the drive stopped answering)" if fault == "error" else ""
        assert doc.unsaved.message.startswith(
            f"Coherence Planner could not save the change to “plan.coherence”{why}. "
        )
        assert doc.district != in_memory_before  # the edit is kept, in memory
    else:
        with pytest.raises(KnownError) as caught:
            run(command)
        assert isinstance(caught.value, DriveUnavailable if fault == "error" else NotSaved)
        assert "plan.coherence" in caught.value.message
        assert doc.unsaved is None
    assert faulty.hits >= 1, "the fault was never reached"
    doc._conn = faulty._conn
    doc.close()
    assert digest(path) == before


def test_a_plan_written_anew_is_refused_whole(
    tmp_path: Path, district: District, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Document.create (New, Import, the sample) and Save As of an unsaved plan."""
    real = document.connect_file
    for prefix in ("INSERT INTO items", "INSERT INTO links", "INSERT INTO meta", "COMMIT"):
        for fault in ("error", "skipped"):
            monkeypatch.setattr(
                document,
                "connect_file",
                lambda *args, p=prefix, f=fault, **kw: FaultyConnection(real(*args, **kw), p, f),
            )
            with pytest.raises(KnownError, match=r"new\.coherence"):
                Document.create(tmp_path / "new.coherence", district)
            assert os.listdir(tmp_path) == [], (prefix, fault)


def os_failure(code: int) -> Callable[..., None]:
    def fail(*_args: Any, **_kwargs: Any) -> None:
        raise OSError(code, os.strerror(code))

    return fail


@pytest.mark.parametrize("function", ["replace", "fsync"])
@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EIO])
def test_copies_and_unsaved_save_as_are_refused_whole(
    tmp_path: Path,
    district: District,
    monkeypatch: pytest.MonkeyPatch,
    function: str,
    code: int,
) -> None:
    path = plan_on_disk(tmp_path, district)
    with Document.open(path) as doc:
        monkeypatch.setattr(atomic.os, function, os_failure(code))
        expected = DiskFull if code == errno.ENOSPC else DriveUnavailable
        with pytest.raises(expected):
            doc.save_copy(tmp_path / "copy.coherence")
        path.rename(tmp_path / "moved.coherence")  # the plan can no longer be saved
        doc.apply(rename_program(doc.district), keep_unsaved=True)
        assert doc.unsaved is not None
        with pytest.raises(expected):
            doc.save_as(tmp_path / "rescued.coherence")
        monkeypatch.undo()
    assert sorted(os.listdir(tmp_path)) == ["moved.coherence"]


def test_the_backup_before_a_migration_is_refused_whole(
    tmp_path: Path, district: District, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = plan_on_disk(tmp_path, district)
    before = digest(path)

    def add_index(db: schema.Executes) -> None:
        db.execute("CREATE INDEX items_by_kind ON items (kind)")

    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, add_index])
    monkeypatch.setattr(atomic.os, "replace", os_failure(errno.EIO))
    with pytest.raises(DriveUnavailable):
        Document.open(path)
    assert digest(path) == before
    assert os.listdir(tmp_path) == ["plan.coherence"]


def test_a_change_kept_on_a_full_disk_says_so_and_not_try_again(
    tmp_path: Path, district: District
) -> None:
    """SQLite's own SQLITE_FULL (a page limit). DiskFull says "try again … the last change
    was not applied", true when apply() raises; a change kept in memory gets its own."""
    path = plan_on_disk(tmp_path, district)
    before = digest(path)
    doc = Document.open(path)
    pages = doc._conn.execute("PRAGMA page_count").fetchone()[0]
    doc._conn.execute(f"PRAGMA max_page_count = {pages}")
    doc.apply(PutRecord("notes", "big", "n" * 100_000, text="Note"), keep_unsaved=True)
    assert doc.unsaved is not None
    assert doc.unsaved.message == (
        "Coherence Planner could not save the change to “plan.coherence” (the disk is "
        "full). Use File ▸ Save As… to keep your work."
    )
    assert doc.district.record("notes", "big") == "n" * 100_000
    doc.close()
    assert digest(path) == before
