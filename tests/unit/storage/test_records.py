"""App records (scenarios, ratings, snapshots...) are stored, undone and reopened like items."""

from __future__ import annotations

from pathlib import Path

import pytest

from coherence_planner.domain.model.commands import Batch, DeleteRecord, PutRecord
from coherence_planner.domain.model.district import DistrictError
from coherence_planner.storage.document import Document
from tests.factories import g, make


def test_records_persist_undo_and_reopen(tmp_path: Path) -> None:
    path = tmp_path / "plan.coherence"
    doc = Document.create(path, make(goals=[g("G1")]))
    put = PutRecord("scenarios", "s1", {"name": "Lean", "remove": ["P1"]}, "Add scenario Lean")
    doc.apply(put)
    replace = PutRecord("scenarios", "s1", {"name": "Leaner", "remove": []}, "Rename scenario")
    doc.apply(replace)
    doc.apply(PutRecord("ratings", "P1/ana", {"impact": 3}, "Rate"))
    doc.close()

    with Document.open(path) as doc:
        assert doc.district.record("scenarios", "s1") == {"name": "Leaner", "remove": []}
        assert doc.district.records_of("ratings") == {"P1/ana": {"impact": 3}}
        doc.revert(replace)
    with Document.open(path) as doc:
        assert doc.district.record("scenarios", "s1")["name"] == "Lean"
        delete = DeleteRecord("scenarios", "s1", "Delete scenario")
        doc.apply(delete)
        assert doc.district.record("scenarios", "s1") is None
    with Document.open(path) as doc:
        assert doc.district.records_of("scenarios") == {}
        doc.revert(delete)
    with Document.open(path) as doc:
        assert doc.district.record("scenarios", "s1")["name"] == "Lean"


def test_deleting_a_missing_record_is_refused_and_batch_rolls_back(tmp_path: Path) -> None:
    with Document.create(tmp_path / "p.coherence", make(goals=[g("G1")])) as doc:
        batch = Batch(
            "Two things",
            [
                PutRecord("members", "m1", {"name": "Ana"}, "Add"),
                DeleteRecord("members", "zz", "Del"),
            ],
        )
        with pytest.raises(DistrictError):
            doc.apply(batch)
        assert doc.district.records_of("members") == {}


def test_reading_a_plan_never_changes_it_even_with_a_damaged_header(tmp_path: Path) -> None:
    from coherence_planner.storage.document import read_plan
    from coherence_planner.storage.errors import DamagedFile

    path = tmp_path / "plan.coherence"
    Document.create(path, make(goals=[g("G1")])).close()
    raw = bytearray(path.read_bytes())
    raw[28:32] = (999_999).to_bytes(4, "big")  # the header's database size, now wrong
    path.write_bytes(bytes(raw))
    before = path.read_bytes()
    with pytest.raises(DamagedFile):
        read_plan(path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.coherence"]
