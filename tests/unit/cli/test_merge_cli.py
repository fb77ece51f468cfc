"""`coherence-planner merge [BASE] MINE THEIRS --into OUT [--prefer mine|theirs]`."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from coherence_planner.cli.main import main
from coherence_planner.domain.model.commands import SetItemFields
from coherence_planner.storage.document import Document
from coherence_planner.storage.interchange import load_any, read_json, write_json
from coherence_planner.storage.revisions import record
from tests.unit.domain.merge.helpers import base_plan


@pytest.fixture
def copies(tmp_path: Path) -> tuple[Path, Path]:
    """mine.coherence and a file copy of it, theirs.coherence, each then edited."""
    mine, theirs = tmp_path / "mine.coherence", tmp_path / "theirs.coherence"
    with Document.create(mine, base_plan()) as doc:
        assert record(doc, "before the copy")
    shutil.copyfile(mine, theirs)
    with Document.open(mine) as doc:
        doc.apply(SetItemFields(doc.district, "P1", {"annual_cost": 120, "owner": "Dana"}))
    with Document.open(theirs) as doc:
        doc.apply(SetItemFields(doc.district, "P1", {"annual_cost": 150}))
        doc.apply(SetItemFields(doc.district, "P2", {"fte": 2}))
    return mine, theirs


def test_conflicts_are_printed_and_nothing_is_written(copies, tmp_path, capsys) -> None:
    out = tmp_path / "out.coherence"
    assert main(["merge", *map(str, copies), "--into", str(out)]) == 1
    printed = capsys.readouterr().out
    assert "Phonics block: Annual cost: mine $120; theirs $150" in printed
    assert "P1" not in printed  # names, not ids
    assert not out.exists()


@pytest.mark.parametrize(("prefer", "cost"), [("mine", 120), ("theirs", 150)])
def test_prefer_settles_every_conflict(copies, tmp_path, capsys, prefer, cost) -> None:
    out = tmp_path / "out.coherence"
    assert main(["merge", *map(str, copies), "--into", str(out), "--prefer", prefer]) == 0
    merged = load_any(out)
    assert merged.items["P1"].annual_cost == cost
    assert (merged.items["P1"].owner, merged.items["P2"].fte) == ("Dana", 2)
    assert "1 change taken" in capsys.readouterr().out


def test_through_json_export_with_an_explicit_base(copies, tmp_path) -> None:
    mine, theirs = copies
    base, theirs_json, out = tmp_path / "base.json", tmp_path / "t.json", tmp_path / "out.json"
    write_json(base_plan(), base)
    write_json(load_any(theirs), theirs_json)
    assert main(["merge", str(base), str(mine), str(theirs_json), "--into", str(out),
                 "--prefer", "theirs"]) == 0  # fmt: skip
    assert read_json(out).items["P2"].fte == 2


def test_an_unreadable_copy_is_one_sentence_and_nothing_written(copies, tmp_path, capsys):
    broken, out = tmp_path / "broken.json", tmp_path / "out.coherence"
    broken.write_text("{ not json", encoding="utf-8")
    assert main(["merge", str(copies[0]), str(broken), "--into", str(out)]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "broken.json" in err
    assert not out.exists()


def test_out_must_be_a_plan_or_json(copies, tmp_path, capsys) -> None:
    assert main(["merge", *map(str, copies), "--into", str(tmp_path / "x.txt")]) == 2
    assert "x.txt" in capsys.readouterr().err
