"""Bugs reach the person as a dialog that offers to copy the details, not as a vanished window."""

from __future__ import annotations

import sys
import traceback
from types import TracebackType

from PySide6.QtWidgets import QApplication, QWidget

import coherence_planner


def details(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> str:
    text = "".join(traceback.format_exception(exc_type, exc, tb))
    return f"Coherence Planner {coherence_planner.__version__}, Python {sys.version.split()[0]}\n\n{text}"


def show_crash(parent: QWidget | None, text: str) -> None:
    from PySide6.QtWidgets import QMessageBox  # not before the first paint (issue 29)

    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle("Something went wrong")
    box.setText(
        "Coherence Planner hit a bug. Your plan is safe: every edit up to the last one was "
        "saved. Copy the details and send them to whoever supports the app."
    )
    box.setDetailedText(text)
    copy = box.addButton("Copy details", QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Close)
    copy.clicked.disconnect()  # keep the box open after copying
    copy.clicked.connect(lambda: QApplication.clipboard().setText(text))
    box.exec()


def install() -> None:
    """Route uncaught exceptions to the crash dialog (and still to stderr)."""
    previous = sys.excepthook
    showing = False

    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        nonlocal showing
        previous(exc_type, exc, tb)
        if issubclass(exc_type, KeyboardInterrupt) or showing or QApplication.instance() is None:
            return
        showing = True
        try:
            show_crash(QApplication.activeWindow(), details(exc_type, exc, tb))
        finally:
            showing = False

    sys.excepthook = hook
