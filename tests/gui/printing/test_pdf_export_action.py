"""File > Print / Export PDF… opens the export dialog on the open plan and saves the report."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pypdf import PdfReader
from PySide6.QtCore import QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication

from coherence_planner.ui.printing.dialog import PdfExportDialog


def _click_save_when_shown(found: list[PdfExportDialog]) -> None:
    """The dialog runs modally: press its Save button from inside its own event loop."""

    def press() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, PdfExportDialog) and widget.isVisible():
                found.append(widget)
                widget.save_button.click()
                return
        QTimer.singleShot(50, press)

    QTimer.singleShot(50, press)


def test_print_action_is_in_the_file_menu_and_follows_the_plan(
    window: Any, sample_plan: Path
) -> None:
    action = window.pdf_export.action
    assert action in window.menus["File"].actions()
    assert action.shortcut() == QKeySequence(QKeySequence.StandardKey.Print)
    assert action.property("icon_name") == "export-pdf"
    assert not action.isEnabled()
    window.documents.open_plan(sample_plan)
    assert action.isEnabled()
    window.documents.close_plan()
    assert not action.isEnabled()


def test_print_action_saves_the_report_beside_the_plan(
    qtbot: Any, window: Any, dialogs: Any, sample_plan: Path
) -> None:
    window.documents.open_plan(sample_plan)
    target = sample_plan.parent / "cabinet packet"
    dialogs.answer(target)
    found: list[PdfExportDialog] = []
    _click_save_when_shown(found)
    window.pdf_export.action.trigger()
    saved = sample_plan.parent / "cabinet packet.pdf"
    assert found and found[0].default_dir == sample_plan.parent
    assert dialogs.asked == ["Save PDF"]
    assert saved.exists()
    assert len(PdfReader(saved).pages) >= 12
    assert str(saved) in window.statusBar().currentMessage()
