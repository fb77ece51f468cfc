"""The open plan is watched: a file replaced, renamed, moved, deleted or changed by another
program while it is open stops every write with one sentence, and nothing is written to
the wrong file (issue 24: a sync client or the file manager under an open plan). What was
written is read back from the disk, never from the Document's memory."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from coherence_planner.domain.model.commands import AddItem, SetDistrictFields
from coherence_planner.domain.model.district import District
from coherence_planner.domain.model.items import Program
from coherence_planner.storage.document import Document, read_plan
from coherence_planner.storage.errors import FileReplaced, SameAsOpenFile


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def new_program() -> AddItem:
    return AddItem(Program(id="NEW", name="New program"))


def replace_with_another_plan(path: Path) -> Path:
    other = path.with_name("other.coherence")
    Document.create(other, District(name="Someone else's plan")).close()
    os.replace(other, path)
    return path


def rename(path: Path) -> Path:
    moved = path.with_name("renamed.coherence")
    path.rename(moved)
    return moved


def move(path: Path) -> Path:
    folder = path.parent / "elsewhere"
    folder.mkdir()
    return path.rename(folder / path.name)


def delete(path: Path) -> None:
    path.unlink()


def change_in_place(path: Path) -> Path:
    with open(path, "ab") as handle:  # a sync client writing into it
        handle.write(b"\0" * 512)
    return path


CASES: dict[str, tuple[Callable[[Path], Path | None], str]] = {
    "replaced": (replace_with_another_plan, "replaced by another file"),
    "renamed": (rename, "moved, renamed or deleted"),
    "moved": (move, "moved, renamed or deleted"),
    "deleted": (delete, "moved, renamed or deleted"),
    "changed": (change_in_place, "changed by another program"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_file_taken_away_under_an_open_plan_stops_writing(
    tmp_path: Path, district: District, case: str
) -> None:
    path = tmp_path / "plan.coherence"
    doc = Document.create(path, district)
    doc.apply(SetDistrictFields({"name": "Saved before"}))
    disturb, what = CASES[case]
    where = disturb(path)
    before = digest(where) if where is not None else None
    with pytest.raises(FileReplaced) as caught:
        doc.apply(new_program())
    assert caught.value.message == (
        f"“plan.coherence” was {what} while it was open, so Coherence Planner stopped "
        "saving to it. Use File ▸ Save As… to keep your work."
    )
    assert "NEW" not in doc.district.items
    with pytest.raises(FileReplaced):  # and again: no write gets through later either
        doc.revert(SetDistrictFields({"name": "Saved before"}))
    doc.close()
    if where is not None:
        assert digest(where) == before, "a write reached a file that was not the plan"
        assert "NEW" not in read_plan(where).items


def test_kept_edits_go_to_the_save_as_file_not_the_replaced_one(
    tmp_path: Path, district: District
) -> None:
    path = tmp_path / "plan.coherence"
    doc = Document.create(path, district)
    replace_with_another_plan(path)
    before = digest(path)
    doc.apply(new_program(), keep_unsaved=True)
    assert isinstance(doc.unsaved, FileReplaced)
    doc.apply(SetDistrictFields({"name": "Kept in memory"}), keep_unsaved=True)
    assert doc.district.name == "Kept in memory"
    copy = doc.save_as(tmp_path / "rescued.coherence")
    doc.close()
    assert digest(path) == before  # the other plan was never written
    copy.apply(SetDistrictFields({"notes": "after Save As"}))
    copy.close()
    rescued = read_plan(tmp_path / "rescued.coherence")
    assert "NEW" in rescued.items
    assert (rescued.name, rescued.notes) == ("Kept in memory", "after Save As")


def test_our_own_commits_are_not_mistaken_for_another_program(
    tmp_path: Path, district: District
) -> None:
    path = tmp_path / "plan.coherence"
    with Document.create(path, district) as doc:
        for number in range(30):
            doc.apply(SetDistrictFields({"notes": "n" * number * 500}))  # grows the file
    assert read_plan(path).notes == "n" * 29 * 500


def test_save_as_onto_the_open_file_is_still_refused(tmp_path: Path, district: District) -> None:
    path = tmp_path / "plan.coherence"
    with Document.create(path, district) as doc, pytest.raises(SameAsOpenFile):
        doc.save_copy(tmp_path / "." / "plan.coherence")
