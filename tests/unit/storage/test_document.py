"""A plan survives create -> open, every edit reaches the file, and failures change nothing."""

from __future__ import annotations

import copy
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from coherence_planner.domain.model import codec
from coherence_planner.domain.model.commands import (
    AddItem,
    AddLink,
    Batch,
    Changes,
    Command,
    RemoveItems,
    RemoveLink,
    SetDistrictFields,
    SetItemFields,
    SetLinkFields,
)
from coherence_planner.domain.model.district import District
from coherence_planner.domain.model.items import Goal, Indicator, Link, Program, link_key
from coherence_planner.storage import errors, rows, schema
from coherence_planner.storage.document import Document


def as_dict(district: District) -> dict[str, Any]:
    return codec.district_to_dict(district)


def stored(path: Path) -> dict[str, Any]:
    with Document.open(path) as doc:
        return as_dict(doc.district)


def test_create_open_round_trip_keeps_everything(tmp_path: Path, district: District) -> None:
    path = tmp_path / "plan.coherence"
    Document.create(path, district).close()
    with Document.open(path) as doc:
        assert as_dict(doc.district) == as_dict(district)
        assert doc.district.items["P1"].extra == {"vendor_contract": "C-17"}
        assert doc.district.items["G2"].status == "retired"
        assert doc.district.extra == {"superintendent": "Dr. Ōta"}
        assert [i.id for i in doc.district.ordered_items()] == [
            i.id for i in district.ordered_items()
        ]
        conflict = doc.district.links[link_key("conflicts", "P7", "P1")]
        assert (conflict.src, conflict.dst) == ("P7", "P1")  # the file's own order is kept


def test_file_identifies_itself(tmp_path: Path, district: District) -> None:
    path = tmp_path / "plan.coherence"
    Document.create(path, district).close()
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA application_id").fetchone()[0] == 0x43504C4E
        assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.current_version()
        assert conn.execute("SELECT kind, name FROM items WHERE id = 'G1'").fetchone() == (
            "goal",
            "Every student reads by grade 3 📚",
        )
    finally:
        conn.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.coherence"]


def test_create_empty_and_meta(tmp_path: Path) -> None:
    with Document.create(tmp_path / "new.coherence") as doc:
        assert len(doc.district) == 0
        meta = doc.meta()
        assert meta["created_by"] == meta["written_by"] == "0.1.0"
        assert meta["created_at"].endswith("+00:00")


def test_create_refuses_existing_unless_replace(tmp_path: Path, district: District) -> None:
    path = tmp_path / "plan.coherence"
    path.write_bytes(b"precious")
    with pytest.raises(errors.FileExists):
        Document.create(path, district)
    assert path.read_bytes() == b"precious"
    Document.create(path, district, replace=True).close()
    assert stored(path) == as_dict(district)


def test_create_failure_leaves_target_untouched(
    tmp_path: Path, district: District, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "plan.coherence"
    Document.create(path, District("Old")).close()
    before = path.read_bytes()

    def explode(db: object, d: District) -> None:
        raise RuntimeError("killed half way")

    monkeypatch.setattr(rows, "write_all", explode)
    with pytest.raises(RuntimeError, match="half way"):
        Document.create(path, district, replace=True)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.coherence"]


def _commands(d: District) -> list[Command]:
    """One of every command type, each valid on the sample district when built."""
    new_goal = Goal(
        id="G9", name="Ĝoal nine", indicators=[Indicator(name="x", target=3)], extra={"keep": "me"}
    )
    return [
        AddItem(new_goal),
        RemoveItems(d, ["P1"]),  # takes its three links with it
        SetItemFields(d, "P7", {"name": "Renamed ✓", "status": "retired", "annual_cost": None}),
        AddLink(d, Link(src="B1", dst="S1", strength="strong", extra={"why": "mandate"})),
        RemoveLink(d, link_key("supports", "S1", "G1")),
        SetLinkFields(
            d, link_key("conflicts", "P1", "P7"), {"strength": "strong", "rationale": "ǅ"}
        ),
        SetDistrictFields({"name": "Renamed district", "notes": ""}),
        Batch(
            "Two at once",
            [AddItem(Program(id="P9", name="New")), SetItemFields(d, "G1", {"owner": "Ana"})],
        ),
    ]


@pytest.mark.parametrize("index", range(8))
def test_every_command_is_stored_and_reverted(
    tmp_path: Path, district: District, index: int
) -> None:
    path = tmp_path / "plan.coherence"
    original = as_dict(district)
    with Document.create(path, district) as doc:
        command = _commands(doc.district)[index]
        seen: list[Changes] = []
        doc.add_listener(seen.append)
        changes = doc.apply(command)
        after = as_dict(doc.district)
        assert after != original
        assert seen == [changes]
    assert stored(path) == after
    with Document.open(path) as doc:
        # A command built on one District object undoes on its equal reloaded copy.
        doc.revert(command)
        assert as_dict(doc.district) == original
        assert len(seen) == 1  # listeners belong to their document
    assert stored(path) == original


def test_revert_then_apply_again(tmp_path: Path, district: District) -> None:
    with Document.create(tmp_path / "p.coherence", district) as doc:
        command = RemoveItems(doc.district, ["S1", "G1"])
        doc.apply(command)
        doc.revert(command)
        doc.apply(command)
        assert "S1" not in doc.district.items
    assert set(stored(tmp_path / "p.coherence")["links"][0].values()) >= {"P7", "P1"}


def test_failed_write_rolls_back_memory_and_file(
    tmp_path: Path, district: District, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "plan.coherence"
    original = as_dict(district)
    real = rows._write_link

    def write_link_then_fail(db: Any, d: District, key: Any) -> None:
        real(db, d, key)
        raise sqlite3.OperationalError("database or disk is full")

    with Document.create(path, district) as doc:
        monkeypatch.setattr(rows, "_write_link", write_link_then_fail)
        heard: list[Changes] = []
        doc.add_listener(heard.append)
        with pytest.raises(errors.DiskFull) as caught:
            doc.apply(RemoveItems(doc.district, ["P1"]))
        assert "full" in caught.value.message
        assert caught.value.message.endswith("Nothing was lost: the last change was not applied.")
        assert as_dict(doc.district) == original
        assert heard == []
        monkeypatch.undo()
        doc.apply(SetDistrictFields({"name": "still works"}))  # the document stays usable
    expected = copy.deepcopy(original)
    expected["district"]["name"] = "still works"
    assert stored(path) == expected


def test_bug_during_write_is_not_dressed_as_known_error(
    tmp_path: Path, district: District, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Document.create(tmp_path / "p.coherence", district) as doc:
        monkeypatch.setattr(rows, "write_changes", lambda *a: 1 / 0)
        with pytest.raises(ZeroDivisionError):
            doc.apply(SetDistrictFields({"name": "x"}))
        assert doc.district.name == district.name


def test_second_open_of_an_open_plan_is_refused(tmp_path: Path, district: District) -> None:
    path = tmp_path / "plan.coherence"
    with Document.create(path, district), pytest.raises(errors.FileLocked):
        Document.open(path)
    Document.open(path).close()


def test_an_open_plan_is_never_replaced(tmp_path: Path, district: District) -> None:
    path = tmp_path / "plan.coherence"
    with Document.create(path, district) as doc:
        before = path.read_bytes()
        with pytest.raises(errors.FileLocked):
            Document.create(path, District("other"), replace=True)
        with (
            Document.create(tmp_path / "other.coherence") as other,
            pytest.raises(errors.FileLocked),
        ):
            other.save_copy(path)
        assert path.read_bytes() == before
        assert doc.apply(SetDistrictFields({"name": "mine"}))


def test_create_in_a_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(errors.FileMissing) as caught:
        Document.create(tmp_path / "nowhere" / "p.coherence")
    assert caught.value.path == tmp_path / "nowhere"


def test_save_copy_and_save_as(tmp_path: Path, district: District) -> None:
    path = tmp_path / "plan.coherence"
    with Document.create(path, district) as doc:
        doc.apply(SetDistrictFields({"name": "Edited"}))
        doc.save_copy(tmp_path / "copy.coherence")
        doc.save_copy(tmp_path / "copy.coherence")  # replacing a copy is fine
        with pytest.raises(errors.SameAsOpenFile):
            doc.save_copy(path)
        new = doc.save_as(tmp_path / "new.coherence")
    with new:
        assert new.path == tmp_path / "new.coherence"
        new.apply(SetDistrictFields({"name": "Only in new"}))
    assert stored(tmp_path / "copy.coherence")["district"]["name"] == "Edited"
    assert stored(path)["district"]["name"] == "Edited"
    assert stored(tmp_path / "new.coherence")["district"]["name"] == "Only in new"
    leftovers = {p.name for p in tmp_path.iterdir()}
    assert leftovers == {"plan.coherence", "copy.coherence", "new.coherence"}


def test_closed_document_refuses_work(tmp_path: Path) -> None:
    doc = Document.create(tmp_path / "p.coherence")
    doc.close()
    doc.close()
    assert doc.closed and "closed" in repr(doc)
    with pytest.raises(ValueError, match="closed"):
        doc.apply(SetDistrictFields({"name": "x"}))


def test_create_holds_a_copy_equal_to_what_the_file_reads_back(
    tmp_path: Path, district: District
) -> None:
    # create() does not read the file back; what it holds must be what open() would read.
    path = tmp_path / "plan.coherence"
    with Document.create(path, district) as doc:
        held = as_dict(doc.district)
        assert doc.district is not district
        assert doc.district.items["P1"] is not district.items["P1"]
        doc.apply(SetItemFields(doc.district, "P1", {"name": "Renamed"}))
        assert district.items["P1"].name != "Renamed"  # the caller's district is untouched
    assert held == as_dict(district)
    assert stored(path)["programs"][0]["name"] == "Renamed"


def test_opening_and_editing_never_load_sqlite_utils(tmp_path: Path, district: District) -> None:
    # The window shows a plan before sqlite-utils is imported (a fifth of a second), and edits
    # are plain SQL (storage/rows.py): sqlite-utils' upsert once wrote nothing in a read-only
    # folder and said nothing (issue 24). Only migrating an older plan uses it.
    import subprocess
    import sys

    path = tmp_path / "plan.coherence"
    Document.create(path, district).close()
    probe = (
        "import sys\n"
        "from coherence_planner.domain.model.commands import SetItemFields\n"
        "from coherence_planner.storage.document import Document\n"
        f"doc = Document.open({str(path)!r})\n"
        "print('sqlite_utils' in sys.modules)\n"
        "doc.apply(SetItemFields(doc.district, 'P1', {'name': 'Edited'}))\n"
        "print('sqlite_utils' in sys.modules)\n"
        "doc.close()\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "False"]
    assert stored(path)["programs"][0]["name"] == "Edited"
