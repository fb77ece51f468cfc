"""What the window shows while the first plan it opens is made or read (a copy of the
sample, a large plan): the plan's name and a calm "Opening…", instead of the start page's
buttons or empty views that are not the plan (issue 29)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QProgressBar, QVBoxLayout, QWidget


class OpeningPage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        column = QVBoxLayout(self)
        column.addStretch(1)
        self.name = QLabel()
        self.name.setTextFormat(Qt.TextFormat.PlainText)  # a plan's name, shown as typed
        self.name.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.name.setWordWrap(True)
        font = self.name.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.name.setFont(font)
        column.addWidget(self.name)
        self.state = QLabel("Opening…")
        self.state.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        column.addWidget(self.state)
        # Busy, not a percentage: the read has no steps worth counting (a sample's copy
        # takes a fraction of a second, a 10,000-program plan a second or two).
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.setFixedWidth(240)
        self.busy.setAccessibleName("Opening the plan")
        column.addWidget(self.busy, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addStretch(2)

    def set_plan(self, name: str) -> None:
        """Name the plan being opened (its file name, without the suffix)."""
        self.name.setText(name)
