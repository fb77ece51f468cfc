"""Compare a file's schema with the one the app writes, before SQLite evaluates any row.

A plan's schema is whatever MIGRATIONS[0..version-1] build: the app never makes a table, a
column, a constraint or an index any other way, and it never edits an earlier migration.
So the schema a file of version N must have is known exactly: run those migrations on an
empty in-memory database and read its `sqlite_master`. Anything else in the file was put
there by someone else and is refused here, naming the object, before `PRAGMA quick_check`
or a read: a generated column, a CHECK constraint or an expression index can make SQLite
evaluate an expression per row for minutes without reaching the progress handler (an
audit's `printf('%.*c', 2147483647, name)` took 13 s a row), an oversized DEFAULT or a
CHECK breaks every later write, and triggers, views and virtual tables run code.

Reading `sqlite_master` and `PRAGMA table_xinfo` only parses the schema; no row is touched.
"""

from __future__ import annotations

import functools
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coherence_planner.storage import schema
from coherence_planner.storage.errors import DamagedFile, NotACoherenceFile

# Tables SQLite itself may add to any database (AUTOINCREMENT, ANALYZE); harmless, no code.
_SQLITE_OWN = re.compile(r"sqlite_(sequence|stat\d)")


@dataclass(frozen=True)
class SchemaObject:
    type: str  # table, index, view, trigger
    name: str
    table: str
    sql: str  # normalised CREATE statement; "" for an index SQLite made for a key


def _normalise(sql: str | None) -> str:
    """The statement with runs of white space collapsed, so indentation never matters."""
    if not sql:
        return ""
    text = re.sub(r"\s+", " ", sql.strip())
    return re.sub(r"\s*([(),])\s*", r"\1", text)


def read_objects(conn: sqlite3.Connection) -> dict[str, SchemaObject]:
    """Every object in the file's schema, by name (parsing only; no row is evaluated)."""
    rows = conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall()
    return {
        str(name): SchemaObject(str(kind), str(name), str(table), _normalise(sql))
        for kind, name, table, sql in rows
    }


class _Executor:
    """What a schema migration needs of sqlite-utils' Database (`execute`), without
    importing sqlite-utils: `check` and the app's start load none of it."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def execute(self, sql: str, parameters: Any = ()) -> sqlite3.Cursor:
        return self.conn.execute(sql, parameters)


def _run(migrations: tuple[schema.Migration, ...], make_db: Any) -> dict[str, SchemaObject]:
    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        db = make_db(conn)
        conn.execute("BEGIN")
        for migration in migrations:
            migration(db)
        conn.execute("COMMIT")
        return read_objects(conn)
    finally:
        conn.close()


def _expected_for(migrations: tuple[schema.Migration, ...]) -> dict[str, SchemaObject]:
    try:
        return _run(migrations, _Executor)
    except AttributeError:  # a migration that uses more of sqlite-utils
        from sqlite_utils import Database

        return _run(
            migrations, lambda c: Database(c, recursive_triggers=False, execute_plugins=False)
        )


@functools.lru_cache(maxsize=8)
def _expected_cached(migrations: tuple[schema.Migration, ...]) -> dict[str, SchemaObject]:
    return _expected_for(migrations)


def expected_objects(version: int) -> dict[str, SchemaObject]:
    """The schema the app writes at format `version` (cached: about 1 ms to build)."""
    return _expected_cached(tuple(schema.MIGRATIONS[:version]))


def _quoted(name: str) -> str:
    return "“" + name[:60] + ("…" if len(name) > 60 else "") + "”"


def _column_difference(conn: sqlite3.Connection, found: SchemaObject, want: SchemaObject) -> str:
    """What about table `found` differs from `want`, in a few words."""
    theirs = {row[1]: row for row in conn.execute(f"PRAGMA table_xinfo({_sql_name(found.name)})")}
    generated = [name for name, row in theirs.items() if row[6] in (2, 3)]
    if generated:
        return f"a generated column {_quoted(str(generated[0]))}"
    if found.sql.upper().count("CHECK") > want.sql.upper().count("CHECK"):
        return "a CHECK constraint"
    if found.sql.upper().count("DEFAULT") != want.sql.upper().count("DEFAULT"):
        return "a DEFAULT value"
    return "a definition"


def _a(noun: str) -> str:
    return ("an " if noun[:1] in "aeiou" else "a ") + noun


def _sql_name(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def check_schema(conn: sqlite3.Connection, path: Path, version: int) -> None:
    """Refuse a file whose schema is not exactly the one the app writes at `version`.

    Something missing is damage (DamagedFile); something added or altered is not ours
    (NotACoherenceFile). Either way the message names the object.
    """
    found = read_objects(conn)
    want = expected_objects(version)
    for name, obj in found.items():
        if name in want or (obj.type == "table" and _SQLITE_OWN.fullmatch(name)):
            continue
        if obj.type in ("trigger", "view"):
            raise NotACoherenceFile(
                path,
                f"it holds database code ({obj.type} {_quoted(name)}) that plans never contain",
            )
        if obj.sql.upper().startswith("CREATE VIRTUAL TABLE"):
            raise NotACoherenceFile(path, f"it holds a virtual table {_quoted(name)}")
        raise NotACoherenceFile(
            path, f"it holds a {obj.type} {_quoted(name)} that plans never contain"
        )
    for name, expected in want.items():
        if name not in found:
            raise DamagedFile(path, f"its {expected.type} {_quoted(name)} is missing")
        obj = found[name]
        if obj.type != expected.type:
            raise NotACoherenceFile(
                path, f"{_quoted(name)} is {_a(obj.type)} where plans have {_a(expected.type)}"
            )
        if obj.sql != expected.sql or obj.table != expected.table:
            what = (
                _column_difference(conn, obj, expected) if obj.type == "table" else "a definition"
            )
            raise NotACoherenceFile(
                path,
                f"its {obj.type} {_quoted(name)} has {what} that Coherence Planner does not write",
            )
