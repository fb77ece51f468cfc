"""Issue 24: an edit the file refuses (here: the plan renamed under the open window, a real
FileReplaced) is not lost. It stays applied and on the undo stack, the window says "Not
saved" with the way out, later edits gather in memory, Save As writes every one of them
(read back from the new file on the disk), and closing the plan first asks."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox

from coherence_planner.domain.model.commands import SetDistrictFields
from coherence_planner.storage.document import read_plan
from tests.gui.conftest import Dialogs, Messages

Button = QMessageBox.StandardButton


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def answer_questions(monkeypatch: pytest.MonkeyPatch, button: Button) -> list[str]:
    asked: list[str] = []

    def ask(_parent: Any, title: str, text: str, *args: Any) -> Any:
        asked.append(f"{title}: {text}")
        return button

    monkeypatch.setattr(QMessageBox, "question", staticmethod(ask))
    return asked


def lose_the_file(window: Any, qtbot: Any, sample_plan: Path) -> tuple[Path, str, str]:
    """Open the plan, rename its file away, then add a program: (the moved file, its
    digest, the new program's id)."""
    assert window.documents.open_plan(sample_plan)
    moved = sample_plan.with_name("moved by the file manager.coherence")
    sample_plan.rename(moved)
    before = digest(moved)
    new_id = window.editing.add_item("program")
    assert new_id is not None
    return moved, before, new_id


def test_a_refused_edit_is_kept_shown_and_saved_by_save_as(
    window: Any, qtbot: Any, sample_plan: Path, dialogs: Dialogs, messages: Messages
) -> None:
    session = window.session
    moved, before, new_id = lose_the_file(window, qtbot, sample_plan)
    assert new_id in session.district.items  # kept, in memory
    assert session.undo_stack.count() == 1
    assert window.saved_label.text() == "Not saved"
    assert "Not saved" in window.windowTitle()
    qtbot.waitUntil(lambda: bool(messages.shown), timeout=2000)
    (kind, title, text), *_ = messages.shown
    assert (kind, title) == ("warning", "Not saved")
    assert text.startswith(
        "“riverside.coherence” was moved, renamed or deleted while it was open, so Coherence "
        "Planner stopped saving to it. Use File ▸ Save As… to keep your work."
    )
    session.push(SetDistrictFields({"name": "Kept district"}))  # later edits gather
    session.undo_stack.undo()
    session.undo_stack.redo()
    assert session.undo_stack.count() == 2
    assert len(messages.shown) == 1  # said once, not at every edit
    assert digest(moved) == before  # nothing reached the renamed file

    rescued = sample_plan.with_name("rescued.coherence")
    dialogs.answer(rescued)
    assert window.documents.save_as()
    assert window.saved_label.text() == "Saved"
    on_disk = read_plan(rescued)
    assert new_id in on_disk.items and on_disk.name == "Kept district"
    session.push(SetDistrictFields({"notes": "saved again"}))
    assert window.saved_label.text() == "Saved"
    window.documents.close_plan()
    assert read_plan(rescued).notes == "saved again"


def test_the_offer_opens_save_as_at_once(
    window: Any, qtbot: Any, sample_plan: Path, dialogs: Dialogs, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda *_args: Button.Save))
    rescued = sample_plan.with_name("rescued.coherence")
    dialogs.answer(rescued)
    _moved, _before, new_id = lose_the_file(window, qtbot, sample_plan)
    qtbot.waitUntil(lambda: window.session.document.path == rescued, timeout=2000)
    assert window.saved_label.text() == "Saved"
    window.documents.close_plan()
    assert new_id in read_plan(rescued).items


CLOSES: dict[str, Callable[[Any], object]] = {
    "window": lambda window: window.close(),
    "File ▸ Close": lambda window: window.documents.close_plan(),
    "Open another plan": lambda window: window.documents.open_sample(),
}


@pytest.mark.parametrize("how", list(CLOSES))
def test_closing_a_plan_with_unsaved_edits_asks(
    window: Any,
    qtbot: Any,
    sample_plan: Path,
    dialogs: Dialogs,
    monkeypatch: pytest.MonkeyPatch,
    how: str,
) -> None:
    moved, before, new_id = lose_the_file(window, qtbot, sample_plan)
    close = CLOSES[how]
    asked = answer_questions(monkeypatch, Button.Cancel)
    close(window)
    assert len(asked) == 1 and "not saved" in asked[0]
    assert window.session.unsaved and new_id in window.session.district.items  # kept open
    assert window.isVisible()

    rescued = sample_plan.with_name("rescued.coherence")
    dialogs.answer(rescued)
    answer_questions(monkeypatch, Button.Save)
    close(window)
    assert new_id in read_plan(rescued).items
    assert digest(moved) == before


def test_discarding_unsaved_edits_closes_without_writing(
    window: Any, qtbot: Any, sample_plan: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    moved, before, _new_id = lose_the_file(window, qtbot, sample_plan)
    answer_questions(monkeypatch, Button.Discard)
    assert window.documents.close_plan()
    assert not window.session.is_open
    assert digest(moved) == before
