"""Files that are not our plans, or are damaged or hostile, are refused quickly and unchanged."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest

from coherence_planner.domain.model.district import District
from coherence_planner.storage import errors
from coherence_planner.storage.connection import Watchdog, connect_file
from coherence_planner.storage.document import Document

INFINITE = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c"


def make_plan(tmp_path: Path, district: District) -> Path:
    path = tmp_path / "plan.coherence"
    Document.create(path, district).close()
    return path


def tamper(path: Path, *statements: str) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        for sql in statements:
            conn.execute(sql)
    finally:
        conn.close()


def refused(path: Path, error: type[errors.KnownError]) -> errors.KnownError:
    before = path.read_bytes()
    with pytest.raises(error) as caught:
        Document.open(path)
    assert path.read_bytes() == before
    assert caught.value.path == path
    return caught.value


def test_text_file(tmp_path: Path) -> None:
    path = tmp_path / "notes.coherence"
    path.write_text("Dear cabinet,\n")
    message = refused(path, errors.NotACoherenceFile).message
    assert message.startswith("“notes.coherence” is not a Coherence Planner plan")


def test_empty_file_and_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.coherence"
    path.write_bytes(b"")
    assert "empty" in refused(path, errors.NotACoherenceFile).message
    with pytest.raises(errors.FileMissing):
        Document.open(tmp_path / "gone.coherence")
    assert not (tmp_path / "gone.coherence").exists()  # SQLite must not create it


def test_foreign_sqlite_database(tmp_path: Path) -> None:
    path = tmp_path / "browser.coherence"
    tamper(path, "CREATE TABLE cookies (host TEXT)")
    assert "another program" in refused(path, errors.NotACoherenceFile).message
    empty = tmp_path / "blank.coherence"
    tamper(empty, "CREATE TABLE t (x)", "DROP TABLE t")
    assert empty.read_bytes()[:16] == b"SQLite format 3\x00"
    assert "empty database" in refused(empty, errors.NotACoherenceFile).message


def test_folder_is_not_a_plan(tmp_path: Path) -> None:
    (tmp_path / "dir.coherence").mkdir()
    with pytest.raises(errors.NotACoherenceFile, match="folder"):
        Document.open(tmp_path / "dir.coherence")


def test_foreign_wal_database_is_left_as_it_is(tmp_path: Path) -> None:
    path = tmp_path / "wal.coherence"
    tamper(path, "PRAGMA journal_mode = WAL", "CREATE TABLE t (x)")
    refused(path, errors.NotACoherenceFile)
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        conn.close()


def test_newer_version(tmp_path: Path, district: District) -> None:
    path = make_plan(tmp_path, district)
    tamper(path, "PRAGMA user_version = 3")
    error = refused(path, errors.NewerVersion)
    assert error.message == (
        "“plan.coherence” was saved by a newer version of Coherence Planner (file format 3; "
        "this version reads up to 1). Update the app to open it."
    )


def test_truncated_file(tmp_path: Path, district: District) -> None:
    path = make_plan(tmp_path, district)
    data = path.read_bytes()
    assert len(data) > 8192
    path.write_bytes(data[: len(data) // 2])
    refused(path, errors.DamagedFile)


def test_scribbled_page(tmp_path: Path, district: District) -> None:
    path = make_plan(tmp_path, district)
    data = bytearray(path.read_bytes())
    page = 4096
    data[page : 2 * page] = bytes(range(256)) * (page // 256)
    path.write_bytes(bytes(data))
    refused(path, errors.DamagedFile)


def test_bad_row_is_damage_not_a_crash(tmp_path: Path, district: District) -> None:
    path = make_plan(tmp_path, district)
    tamper(path, 'UPDATE items SET data = \'{"name": "", "status": "zombie"}\' WHERE id = \'P7\'')
    assert "P7" in refused(path, errors.DamagedFile).message


def test_missing_table_is_damage(tmp_path: Path, district: District) -> None:
    path = make_plan(tmp_path, district)
    tamper(path, "DROP TABLE links")
    refused(path, errors.DamagedFile)


@pytest.mark.parametrize(
    "code",
    [
        "CREATE TRIGGER spin AFTER INSERT ON items BEGIN SELECT count(*) FROM "
        "(WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT x FROM c); END",
        f"CREATE VIEW forever AS {INFINITE}",
    ],
)
def test_hostile_code_never_runs(tmp_path: Path, district: District, code: str) -> None:
    path = make_plan(tmp_path, district)
    tamper(path, code)
    started = time.monotonic()
    assert "database code" in refused(path, errors.NotACoherenceFile).message
    assert time.monotonic() - started < 1.0


def test_items_replaced_by_an_endless_view(tmp_path: Path, district: District) -> None:
    path = make_plan(tmp_path, district)
    tamper(
        path,
        "DROP TABLE items",
        f"CREATE VIEW items AS SELECT 'x' AS id, 'goal' AS kind, 0 AS seq, '{{}}' AS data "
        f"WHERE ({INFINITE}) < 0",
    )
    refused(path, errors.NotACoherenceFile)


def test_watchdog_stops_a_runaway_statement(tmp_path: Path, district: District) -> None:
    path = make_plan(tmp_path, district)
    watchdog = Watchdog(budget=0.3)
    conn = connect_file(path, watchdog)
    try:
        watchdog.start()
        started = time.monotonic()
        with pytest.raises(sqlite3.OperationalError) as caught:
            conn.execute(INFINITE).fetchall()
        assert time.monotonic() - started < 1.5
        assert isinstance(errors.classify(caught.value, path), errors.TooSlow)
        assert conn.execute("PRAGMA trusted_schema").fetchone()[0] == 0
    finally:
        conn.close()
