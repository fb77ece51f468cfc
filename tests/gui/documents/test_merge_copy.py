"""File ▸ Merge a Copy…: a colleague's copy merged into the open plan as one undoable step,
conflicts settled in the dialog; and the revisions Save As and closing record."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QDialog

from coherence_planner.domain.merge import THEIRS, lineage_of
from coherence_planner.domain.model.commands import RemoveItems, SetItemFields
from coherence_planner.storage.document import Document
from coherence_planner.storage.interchange import load_any
from coherence_planner.storage.revisions import record
from coherence_planner.ui.documents.merge_dialog import MergeDialog
from tests.gui.accessible_names import unnamed


def _program(district: Any, n: int) -> str:
    return str(district.items_of("program")[n].id)


@pytest.fixture
def copies(sample_plan: Path, tmp_path: Path) -> tuple[Path, Path]:
    """The sample plan (its revision recorded) and a file copy of it that a colleague edited:
    a cost both change, an owner only they change, a program they delete."""
    with Document.open(sample_plan) as doc:
        assert record(doc, "before the copy")
    theirs = tmp_path / "finance copy.coherence"
    shutil.copyfile(sample_plan, theirs)
    with Document.open(theirs) as doc:
        d = doc.district
        doc.apply(SetItemFields(d, _program(d, 0), {"annual_cost": 999}))
        doc.apply(SetItemFields(d, _program(d, 1), {"owner": "Finance office"}))
        doc.apply(RemoveItems(d, [_program(d, 5)]))
    return sample_plan, theirs


def test_merge_a_copy_is_one_undoable_step(
    window: Any, dialogs: Any, messages: Any, copies: Any, monkeypatch: Any, qtbot: Any
) -> None:
    mine, theirs = copies
    window.documents.open_plan(mine)
    session = window.session
    d = session.district
    first, second, sixth = (_program(d, n) for n in (0, 1, 5))
    owner = d.items[second].owner
    session.push(SetItemFields(d, first, {"annual_cost": 111}))
    seen: list[MergeDialog] = []

    def settle(dialog: MergeDialog) -> int:
        seen.append(dialog)
        dialog.show()  # every control a screen reader reaches has a name (issue 31)
        for tab in (1, 0):  # the changes, then the conflicts
            dialog.tabs.setCurrentIndex(tab)
            assert unnamed(dialog) == [], dialog.tabs.tabText(tab)
        assert not dialog.merge_button.isEnabled()  # a conflict still needs a choice
        dialog.choose_all(THEIRS)
        assert dialog.merge_button.isEnabled()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(MergeDialog, "exec", settle)
    dialogs.answer(theirs)
    with qtbot.waitSignal(session.analysis_ready, timeout=10000):
        window.files.merge_action.trigger()
    assert messages.shown == []
    [dialog] = seen
    assert dialog.conflict_table.rowCount() == 1
    assert dialog.conflict_table.item(0, 2).text() == "$111"
    assert d.items[first].annual_cost == 999
    assert d.items[second].owner == "Finance office"
    assert sixth not in d.items
    assert session.undo_stack.count() == 2  # the edit, then the whole merge
    session.undo_stack.undo()
    assert (d.items[first].annual_cost, d.items[second].owner) == (111, owner)
    assert sixth in d.items
    session.undo_stack.redo()
    assert load_any(mine).items[second].owner == "Finance office"  # stored in the file


def test_the_merge_can_be_cancelled(
    window: Any, dialogs: Any, copies: Any, monkeypatch: Any
) -> None:
    mine, theirs = copies
    window.documents.open_plan(mine)
    monkeypatch.setattr(MergeDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    dialogs.answer(theirs)
    window.files.merge_action.trigger()
    assert window.session.undo_stack.count() == 0
    district = window.session.district
    assert district.items[_program(district, 1)].owner != "Finance office"


def test_a_file_that_is_no_plan_is_one_sentence(
    window: Any, dialogs: Any, messages: Any, sample_plan: Path, tmp_path: Path
) -> None:
    window.documents.open_plan(sample_plan)
    broken = tmp_path / "notes.json"
    broken.write_text("not json", encoding="utf-8")
    dialogs.answer(broken)
    window.files.merge_action.trigger()
    [(_kind, title, text)] = messages.shown
    assert title == "Merge a Copy" and "notes.json" in text
    assert window.session.undo_stack.count() == 0


def test_save_as_and_closing_after_edits_record_a_revision(
    window: Any, dialogs: Any, sample_plan: Path, tmp_path: Path
) -> None:
    window.documents.open_plan(sample_plan)
    session = window.session
    assert lineage_of(session.district) is None
    copy = tmp_path / "copy.coherence"
    dialogs.answer(copy)
    window.files.save_as_action.trigger()
    revision = lineage_of(load_any(copy))
    assert revision is not None and lineage_of(load_any(sample_plan)) == revision
    d = session.district
    session.push(SetItemFields(d, _program(d, 0), {"owner": "Ann"}))
    window.documents.close_plan()
    after = lineage_of(load_any(copy))
    assert after is not None and after.revision != revision.revision
    assert after.plan_id == revision.plan_id
