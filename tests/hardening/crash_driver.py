"""The child process of the crash harness: it works on a plan and says what it finished.

    python -m tests.hardening.crash_driver SCENARIO FOLDER

It prints "ready" once the plan is open, then one line "done N ..." (flushed) after each
step that storage has reported as committed, and loops until the parent kills it with
SIGKILL. The parent then checks that every step reported done is in the file (see
tests/hardening/crash.py); a step that was committed but not yet reported may be there too.

Scenarios:
- edits: each step is one Batch (add program E<n> and link it to a strategy) or a rename
  of the program added just before, applied with Document.apply.
- import: each step reads a district JSON file and replaces the plan with it
  (Document.create(replace=True)); the district's name carries the step number.
- save_as: each step edits the open plan, then saves it as the other of two files and goes
  on editing the copy, so a kill can land inside the backup API copy and the move.
- migration: opens a version-1 file while a test migration (version 2) is registered, so
  open() backs the file up and rewrites every item row in one transaction; one step.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

# Document imports sqlite-utils on first use (so `check` and the start page do without it);
# load it here, before "ready", so that the kills land in the steps, not in an import.
import sqlite_utils  # noqa: F401

from coherence_planner.domain.model.commands import AddItem, AddLink, Batch, SetItemFields
from coherence_planner.domain.model.items import Link, Program
from coherence_planner.storage import schema
from coherence_planner.storage.document import Document
from coherence_planner.storage.interchange import read_json

PLAN = "plan.coherence"
OTHER = "other.coherence"
SOURCE = "source.json"
STRATEGY = "S1"


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def edit_step(doc: Document, n: int) -> None:
    """Step n: odd steps add program E<n> with its link, even steps rename E<n-1>."""
    if n % 2:
        item = Program(id=f"E{n}", name=f"Edit program {n}", notes="x" * 200)
        link = Link(src=item.id, dst=STRATEGY)
        doc.apply(
            Batch(f"step {n}", [AddItem(item), _DeferredLink(link)])  # type: ignore[list-item]
        )
    else:
        doc.apply(SetItemFields(doc.district, f"E{n - 1}", {"name": f"Renamed {n}"}))


class _DeferredLink:
    """AddLink built when the batch runs, after the program it starts from exists."""

    def __init__(self, link: Link) -> None:
        self.link = link
        self.text = "link"
        self._inner: AddLink | None = None

    def do(self, district):  # type: ignore[no-untyped-def]
        self._inner = AddLink(district, self.link)
        return self._inner.do(district)

    def undo(self, district):  # type: ignore[no-untyped-def]
        assert self._inner is not None
        return self._inner.undo(district)


def next_step(doc: Document) -> int:
    """The step after the last one already in the file (the file may be from a previous run)."""
    numbers = [int(i[1:]) for i in doc.district.items if i.startswith("E") and i[1:].isdigit()]
    if not numbers:
        return 1
    last = max(numbers)
    renamed = doc.district.items[f"E{last}"].name == f"Renamed {last + 1}"
    return last + 2 if renamed else last + 1


def open_latest(folder: Path) -> Document:
    """Open whichever of the two plans holds more steps (save_as alternates between them)."""
    doc = Document.open(folder / PLAN)
    if (folder / OTHER).exists():
        other = Document.open(folder / OTHER)
        if next_step(other) > next_step(doc):
            doc, other = other, doc
        other.close()
    return doc


def run_edits(folder: Path) -> None:
    doc = Document.open(folder / PLAN)
    say("ready")
    n = next_step(doc)
    while True:
        edit_step(doc, n)
        say(f"done {n}")
        n += 1


def run_import(folder: Path) -> None:
    source = folder / SOURCE
    say("ready")
    n = 1
    while True:
        district = read_json(source)
        district.name = f"Import {n}"
        Document.create(folder / PLAN, district, replace=True).close()
        say(f"done {n}")
        n += 1


def run_save_as(folder: Path) -> None:
    doc = open_latest(folder)
    say("ready")
    n = next_step(doc)
    while True:
        edit_step(doc, n)
        target = folder / (OTHER if doc.path.name == PLAN else PLAN)
        copy = doc.save_as(target)
        doc.close()
        doc = copy
        say(f"done {n} {target.name}")
        n += 1


def _test_migration(db) -> None:  # type: ignore[no-untyped-def]
    """Version 2 for the harness: a new table and every item row rewritten."""
    db.execute("CREATE TABLE harness_marks (id TEXT PRIMARY KEY, mark TEXT NOT NULL)")
    db.execute("INSERT INTO harness_marks SELECT id, 'migrated ' || seq FROM items")
    db.execute("UPDATE items SET data = json_set(data, '$.notes', 'migrated')")


def run_migration(folder: Path) -> None:
    schema.MIGRATIONS.append(_test_migration)
    say("ready")
    with Document.open(folder / PLAN):
        say("done 1")
    time.sleep(3600)  # wait for the kill, as every scenario does


SCENARIOS = {
    "edits": run_edits,
    "import": run_import,
    "save_as": run_save_as,
    "migration": run_migration,
}

if __name__ == "__main__":
    SCENARIOS[sys.argv[1]](Path(sys.argv[2]))
