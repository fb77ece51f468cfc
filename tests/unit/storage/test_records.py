"""App records (scenarios, ratings, snapshots...) are stored, undone and reopened like items."""

from __future__ import annotations

from pathlib import Path

import pytest

from coherence_planner.domain.commands import Batch, DeleteRecord, PutRecord
from coherence_planner.domain.district import DistrictError
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
