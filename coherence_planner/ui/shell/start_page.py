"""What the window shows when no plan is open: start a plan, open one, or try the sample."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coherence_planner.ui.icons import app_icon, icon
from coherence_planner.ui.plain_text import tooltip


class StartPage(QWidget):
    new_requested = Signal()
    open_requested = Signal()
    sample_requested = Signal()
    import_requested = Signal()
    spreadsheet_requested = Signal()
    recent_requested = Signal(str)
    guide_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        holder = QWidget()
        holder.setMaximumWidth(520)
        column = QVBoxLayout(holder)
        column.addStretch(1)
        logo = QLabel()
        logo.setPixmap(app_icon().pixmap(72, 72))
        logo.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        column.addWidget(logo)
        title = QLabel("Coherence Planner")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 2)
        font.setBold(True)
        title.setFont(font)
        title.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        column.addWidget(title)
        blurb = QLabel(
            "See which programs and policies serve your district's student-learning goals,\n"
            "and decide what to stop doing."
        )
        blurb.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        column.addWidget(blurb)
        column.addSpacing(16)

        self.new_button = QPushButton(icon("new"), "New plan…")
        self.open_button = QPushButton(icon("open"), "Open plan…")
        self.sample_button = QPushButton(icon("map"), "Explore the sample district")
        self.import_button = QPushButton(icon("import"), "Import a district (JSON)…")
        self.spreadsheet_button = QPushButton(icon("import"), "Import a spreadsheet inventory…")
        self.spreadsheet_button.setToolTip("Make a plan from an .xlsx or .csv list of programs")
        self.guide_button = QPushButton("How it works: the guide (F1)")
        self.guide_button.setToolTip(
            "From the district's spreadsheet to a printed map and decisions"
        )
        self.sample_button.setToolTip(
            "Opens a copy of Riverside Unified; the original stays untouched"
        )
        for button, signal in (
            (self.new_button, self.new_requested),
            (self.open_button, self.open_requested),
            (self.sample_button, self.sample_requested),
            (self.spreadsheet_button, self.spreadsheet_requested),
            (self.import_button, self.import_requested),
            (self.guide_button, self.guide_requested),
        ):
            button.setMinimumHeight(34)
            button.clicked.connect(signal.emit)
            column.addWidget(button)

        column.addSpacing(12)
        self.recent_label = QLabel("<b>Recent plans</b>")
        column.addWidget(self.recent_label)
        self.recent = QListWidget()
        self.recent.setAccessibleName("Recent plans")
        self.recent.setMaximumHeight(160)
        self.recent.itemActivated.connect(
            lambda item: self.recent_requested.emit(item.data(Qt.ItemDataRole.UserRole))
        )
        column.addWidget(self.recent)
        column.addStretch(2)
        outer.addWidget(holder, 2)
        outer.addStretch(1)

    def set_recent(self, paths: list[str]) -> None:
        self.recent.clear()
        for path in paths:
            item = QListWidgetItem(f"{Path(path).name}  —  {Path(path).parent}")
            item.setData(Qt.ItemDataRole.UserRole, path)
            item.setToolTip(tooltip(path))
            self.recent.addItem(item)
        self.recent_label.setVisible(bool(paths))
        self.recent.setVisible(bool(paths))
