"""The `.coherence` file format: its SQLite identity, its tables and their migrations.

A `.coherence` file is an SQLite database that says what it is in its header:

- `PRAGMA application_id` is APPLICATION_ID, 0x43504C4E, the ASCII bytes "CPLN". `file(1)`
  and our own open() use it to tell a plan from any other SQLite database.
- `PRAGMA user_version` is the file-format version: the number of migrations applied.

Version N of the format is what MIGRATIONS[0..N-1] build, each run once, in order, inside
the one transaction that also sets user_version. MIGRATIONS[0] creates the initial schema
(version 1); a later feature adds a function to the end of the list and never edits an
earlier one. A file whose user_version is higher than `current_version()` was written by a
newer app and is refused, never "best-effort" read.

The tables:

- `district`: exactly one row (id = 1): name, school_year, notes, and `extra`, a JSON
  object of unknown fields kept for the interchange format.
- `items`: one row per item. `data` is the codec's item_to_dict output without `id`, so
  every field, indicators and unknown extras travel as one JSON object the codec already
  validates; `kind`, `name` and `status` are copies for people reading the file with sqlite3
  and for future indexes. `seq` is the item's place in the district's order.
- `links`: one row per link, keyed by items.link_key (kind, src, dst: conflicts order their
  two ids), so a link is found the way the domain finds it; `data` is link_to_dict output,
  which keeps the file's own from/to order. `seq` is the link's place in order.
- `meta`: key/value text: `created_at`, `created_by` and `written_by` (app versions).
- `records`: the district's app data beyond the interchange format (District.records):
  scenarios, ratings, cabinet members, the decision log, snapshots; one JSON value per
  (collection, key).

Files never hold triggers or views: open() refuses a file that does, because they would run
code from the file when the app writes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:  # only named in a type: reading a JSON district never loads sqlite3
    import sqlite3

APPLICATION_ID = 0x43504C4E  # "CPLN"
SQLITE_HEADER = b"SQLite format 3\x00"
SUFFIX = ".coherence"


class Executes(Protocol):
    """A plain sqlite3 connection or a sqlite-utils Database: all that creating, reading and
    migrating need (so `check` and creating a plan do without sqlite-utils)."""

    def execute(self, sql: str, parameters: Any = ..., /) -> sqlite3.Cursor: ...


Migration = Callable[[Executes], None]


def _initial_schema(db: Executes) -> None:
    """Version 1: district, items, links, meta and records."""
    db.execute(
        """CREATE TABLE district (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            name TEXT NOT NULL DEFAULT '',
            school_year TEXT NOT NULL DEFAULT '',
            notes TEXT NOT NULL DEFAULT '',
            extra TEXT NOT NULL DEFAULT '{}'
        )"""
    )
    db.execute(
        """CREATE TABLE items (
            id TEXT PRIMARY KEY NOT NULL,
            kind TEXT NOT NULL,
            seq INTEGER NOT NULL,
            name TEXT NOT NULL,
            status TEXT NOT NULL,
            data TEXT NOT NULL
        )"""
    )
    db.execute(
        """CREATE TABLE links (
            kind TEXT NOT NULL,
            src TEXT NOT NULL,
            dst TEXT NOT NULL,
            seq INTEGER NOT NULL,
            data TEXT NOT NULL,
            PRIMARY KEY (kind, src, dst)
        )"""
    )
    db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL)")
    db.execute(
        """CREATE TABLE records (
            collection TEXT NOT NULL,
            key TEXT NOT NULL,
            data TEXT NOT NULL,
            PRIMARY KEY (collection, key)
        )"""
    )
    db.execute("INSERT INTO district (id) VALUES (1)")


MIGRATIONS: list[Migration] = [_initial_schema]


def current_version() -> int:
    """The format version this app writes and the newest it reads."""
    return len(MIGRATIONS)


def migrate(db: Executes, found: int) -> None:
    """Run every migration after version `found` and set user_version; the caller holds the
    transaction, so a failure leaves the file at `found`."""
    for version in range(found, current_version()):
        MIGRATIONS[version](db)
    db.execute(f"PRAGMA user_version = {current_version():d}")
