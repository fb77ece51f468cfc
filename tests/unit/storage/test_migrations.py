"""Older files are backed up, then migrated in one transaction; a failed migration changes
nothing but leaves the backup."""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database

from coherence_planner.domain.model import codec
from coherence_planner.domain.model.district import District
from coherence_planner.storage import schema
from coherence_planner.storage.document import Document, backup_path


def user_version(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("PRAGMA user_version").fetchone()[0])
    finally:
        conn.close()


def dump(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def add_scenarios(db: Database) -> None:
    db.execute("CREATE TABLE scenarios (id TEXT PRIMARY KEY, data TEXT NOT NULL)")


def test_older_file_is_backed_up_then_migrated(
    tmp_path: Path, district: District, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "plan.coherence"
    Document.create(path, district).close()
    old_dump = dump(path)
    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, add_scenarios])
    with Document.open(path) as doc:
        assert codec.district_to_dict(doc.district) == codec.district_to_dict(district)
    backups = [p for p in tmp_path.iterdir() if p.name.endswith(".backup.coherence")]
    assert len(backups) == 1
    assert re.fullmatch(r"plan-\d{8}-\d{6}\.backup\.coherence", backups[0].name)
    assert dump(backups[0]) == old_dump
    assert user_version(backups[0]) == 1
    assert user_version(path) == 2
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("SELECT count(*) FROM scenarios").fetchone() == (0,)
    finally:
        conn.close()
    Document.open(path).close()  # already current: no second backup
    assert len([p for p in tmp_path.iterdir() if "backup" in p.name]) == 1


def test_failed_migration_leaves_file_as_it_was(
    tmp_path: Path, district: District, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "plan.coherence"
    Document.create(path, district).close()

    def half_then_fail(db: Database) -> None:
        add_scenarios(db)
        raise RuntimeError("migration bug")

    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, half_then_fail])
    with pytest.raises(RuntimeError, match="migration bug"):
        Document.open(path)
    monkeypatch.undo()
    assert user_version(path) == 1
    with Document.open(path) as doc:  # scenarios table was rolled back with the rest
        assert codec.district_to_dict(doc.district) == codec.district_to_dict(district)
    assert len([p for p in tmp_path.iterdir() if "backup" in p.name]) == 1


def test_backup_names_do_not_collide(tmp_path: Path) -> None:
    when = dt.datetime(2026, 11, 22, 9, 5, 7)
    first = backup_path(tmp_path / "plan.coherence", when)
    assert first.name == "plan-20261122-090507.backup.coherence"
    first.write_bytes(b"x")
    assert backup_path(tmp_path / "plan.coherence", when).name == (
        "plan-20261122-090507-2.backup.coherence"
    )
