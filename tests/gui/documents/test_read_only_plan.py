"""Issue 18, case 11: a read-only plan opened saying "Saved" and refused each edit later.
Now it says so when it opens and offers Save As; the copy is an ordinary, editable plan."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox

from coherence_planner.storage.document import Document
from tests.gui.conftest import Dialogs, Messages, sample_district
from tests.hardening.places import read_only_view


def test_read_only_plan_says_so_and_offers_save_as(
    window: Any,
    tmp_path: Path,
    dialogs: Dialogs,
    messages: Messages,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    Document.create(shared / "plan.coherence", sample_district()).close()
    asked: list[str] = []

    def save(_parent: Any, title: str, text: str, *args: Any) -> Any:
        asked.append(text)
        return QMessageBox.StandardButton.Save

    monkeypatch.setattr(QMessageBox, "question", staticmethod(save))
    copy = tmp_path / "mine.coherence"
    dialogs.answer(copy)
    with read_only_view(shared, tmp_path / "view") as folder:
        assert window.documents.open_plan(folder / "plan.coherence")
        assert len(asked) == 1 and "read-only" in asked[0] and "plan.coherence" in asked[0]
    document = window.session.document
    assert document.path == copy and not document.read_only
    assert window.saved_label.text() == "Saved"


def test_a_writable_plan_asks_nothing(window: Any, tmp_path: Path, messages: Messages) -> None:
    path = tmp_path / "plan.coherence"
    Document.create(path, sample_district()).close()
    assert window.documents.open_plan(path)
    assert messages.shown == [] and window.saved_label.text() == "Saved"
