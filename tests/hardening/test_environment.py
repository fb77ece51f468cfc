"""A full disk: the error is said, nothing reported done is lost.

After each failure the plan opens, integrity_check is ok, every edit that apply() returned
from is in the file, and the failed edit is in neither the file nor the district in memory.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from coherence_planner.domain.model.commands import AddItem
from coherence_planner.domain.model.items import Program
from coherence_planner.storage.document import Document
from coherence_planner.storage.errors import DiskFull
from tests.hardening.crash import base_district, integrity
from tests.hardening.places import small_disk


def big_program(n: int) -> AddItem:
    return AddItem(Program(id=f"E{n}", name=f"Program {n}", notes="n" * 4000))


def fill_until_full(doc: Document) -> int:
    """Apply edits until the disk is full; the number applied before DiskFull."""
    for n in range(1, 10_000):
        try:
            doc.apply(big_program(n))
        except DiskFull:
            assert f"E{n}" not in doc.district.items
            return n - 1
    raise AssertionError("the disk never filled")


def assert_whole(path: Path, applied: int) -> None:
    assert integrity(path) == "ok"
    with Document.open(path) as doc:
        ids = {i for i in doc.district.items if i.startswith("E")}
    assert ids == {f"E{n}" for n in range(1, applied + 1)}


def hidden_leftovers(folder: Path) -> list[str]:
    return [name for name in os.listdir(folder) if name.startswith(".")]


def test_real_full_disk_keeps_every_applied_edit(tmp_path: Path) -> None:
    with small_disk(tmp_path / "disk", 320) as disk:
        filler = disk / "filler.bin"
        filler.write_bytes(b"\0" * 40_000)
        plan = disk / "plan.coherence"
        doc = Document.create(plan, base_district(20))
        applied = fill_until_full(doc)
        assert applied > 0
        filler.unlink()  # the person frees some space, and goes on working
        doc.apply(big_program(applied + 1))
        doc.close()
        assert_whole(plan, applied + 1)
        assert hidden_leftovers(disk) == []


def test_import_and_save_as_on_a_full_disk_write_nothing(tmp_path: Path) -> None:
    with small_disk(tmp_path / "disk", 200) as disk:
        source = Document.create(tmp_path / "source.coherence", base_district(400))
        with pytest.raises(DiskFull):
            Document.create(disk / "imported.coherence", source.district)
        with pytest.raises(DiskFull):
            source.save_copy(disk / "copy.coherence")
        source.close()
        assert os.listdir(disk) == []


def test_sqlite_full_inside_a_transaction_changes_nothing(tmp_path: Path) -> None:
    """SQLite's own SQLITE_FULL, from a page limit, on any system and user."""
    plan = tmp_path / "plan.coherence"
    doc = Document.create(plan, base_district(20))
    pages = doc._conn.execute("PRAGMA page_count").fetchone()[0]
    doc._conn.execute(f"PRAGMA max_page_count = {pages + 12}")
    applied = fill_until_full(doc)
    assert applied > 0
    doc.close()
    assert_whole(plan, applied)


# The read-only folder: tests/hardening/test_read_only_folder.py, with permissions enforced.
