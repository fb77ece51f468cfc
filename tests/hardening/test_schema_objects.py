"""Audit case 1 (and the schema half of case 7): a schema object the app did not write is
refused, naming it, before SQLite evaluates a single row.

The audit's file: a generated column `printf('%.*c', 2147483647, name)` that PRAGMA
quick_check evaluated for 13 s a row, beyond the reach of the progress handler. The tests
use the same expression; each must be refused in well under a second.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest

from coherence_planner.cli import main
from coherence_planner.domain.model.district import District
from coherence_planner.storage import errors, schema
from coherence_planner.storage.document import Document, read_plan
from coherence_planner.storage.schema_check import expected_objects

SLOW = "printf('%.*c', 2147483647, name)"

ADDED = {
    "generated column": (
        f"ALTER TABLE items ADD COLUMN slow TEXT GENERATED ALWAYS AS ({SLOW}) VIRTUAL",
        "generated column “slow”",
    ),
    "trigger": (
        "CREATE TRIGGER grow AFTER INSERT ON items BEGIN DELETE FROM links; END",
        "trigger “grow”",
    ),
    "view": ("CREATE VIEW everything AS SELECT * FROM items", "view “everything”"),
    "virtual table": ("CREATE VIRTUAL TABLE words USING fts5(text)", "virtual table “words”"),
    "foreign table": ("CREATE TABLE notes (a)", "table “notes”"),
}

# Rewritten definitions (through writable_schema, as an attacker would): same table names.
REWRITTEN = {
    "check constraint": (
        "CREATE TABLE items (id TEXT PRIMARY KEY NOT NULL, kind TEXT NOT NULL, seq INTEGER "
        "NOT NULL, name TEXT NOT NULL CHECK (length(name) < 0), status TEXT NOT NULL, "
        "data TEXT NOT NULL)",
        "CHECK constraint",
    ),
    "expression index": (
        f"CREATE INDEX slow_index ON items (length({SLOW}))",
        "index “slow_index”",
    ),
    "oversized default": (
        "CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL DEFAULT "
        f"'{'x' * 200_000}')",
        "DEFAULT value",
    ),
}


def plan_with(tmp_path: Path, district: District, *sql: str, writable: bool = False) -> Path:
    path = tmp_path / "plan.coherence"
    Document.create(path, district).close()
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        if writable:
            conn.execute("PRAGMA writable_schema = ON")
        for statement in sql:
            conn.execute(statement)
    finally:
        conn.close()
    return path


def assert_refused(path: Path, named: str) -> None:
    before = path.read_bytes()
    for reader in (Document.open, read_plan):
        started = time.monotonic()
        with pytest.raises(errors.NotACoherenceFile) as caught:
            reader(path)
        assert time.monotonic() - started < 1.0
        assert named in caught.value.message and "plan.coherence" in caught.value.message
    assert path.read_bytes() == before


@pytest.mark.parametrize("case", sorted(ADDED))
def test_added_objects_are_refused_by_name(tmp_path: Path, district: District, case: str) -> None:
    sql, named = ADDED[case]
    assert_refused(plan_with(tmp_path, district, sql), named)


@pytest.mark.parametrize("case", sorted(REWRITTEN))
def test_rewritten_tables_are_refused(tmp_path: Path, district: District, case: str) -> None:
    create, named = REWRITTEN[case]
    table = create.split()[2]
    # Building the index would evaluate the expression per row: make a cheap one, then
    # write the slow one into the schema, as a hostile file would hold it.
    index = create.startswith("CREATE INDEX")
    cheap = [f"CREATE INDEX {table} ON items (length(name))"] if index else []
    path = plan_with(
        tmp_path,
        district,
        *cheap,
        f"UPDATE sqlite_master SET sql = '{create.replace(chr(39), chr(39) * 2)}' "
        f"WHERE name = '{table}'",
        writable=True,
    )
    assert_refused(path, named)


def test_audit_file_every_command_answers_at_once(
    tmp_path: Path, district: District, capsys: pytest.CaptureFixture[str]
) -> None:
    """The 96-row file that hung check, export, diff and import --into for 20 minutes."""
    sql, _ = ADDED["generated column"]
    path = plan_with(tmp_path, district, sql)
    other = tmp_path / "other.coherence"
    Document.create(other, district).close()
    commands = [
        ["check", str(path)],
        ["export", str(path), str(tmp_path / "out.json")],
        ["diff", str(path), str(other)],
        ["import", str(path), "--into", str(tmp_path / "new.coherence")],
    ]
    for argv in commands:
        started = time.monotonic()
        assert main(argv) == 2
        assert time.monotonic() - started < 1.0
        lines = capsys.readouterr().err.splitlines()
        assert len(lines) == 1 and "“slow”" in lines[0], lines


def test_the_schema_the_app_writes_is_what_it_expects(tmp_path: Path, district: District) -> None:
    path = plan_with(tmp_path, district)
    conn = sqlite3.connect(path)
    try:
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    finally:
        conn.close()
    assert names == set(expected_objects(schema.current_version()))
