"""The layout the import found, in one sentence, with the other layouts one click away.

A district's sheet says which goal a program serves by its layout as often as by a column
(storage/spreadsheets/layouts.py): goal rows above their actions, one tab per goal, or a
flat list. The preview says which layout it read ("Goals are the rows that start “Goal N:”;
the rows under each are its actions") and offers the others as buttons; pressing one works
the plan out again at once in that layout.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from coherence_planner.storage.spreadsheets import ImportPlan
from coherence_planner.storage.spreadsheets.layouts import LAYOUTS, NAMES
from coherence_planner.ui.plain_text import tooltip


class LayoutChooser(QWidget):
    """Emits `chosen(layout)` when the planner presses another layout's button."""

    chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sentence = QLabel()
        self.sentence.setWordWrap(True)
        self.sentence.setAccessibleName("The layout the import read")
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.sentence, 1)
        for key in LAYOUTS:
            button = QPushButton(NAMES[key])
            button.setCheckable(True)
            button.setToolTip(tooltip(f"Read the sheet as {NAMES[key].lower()}"))
            button.clicked.connect(lambda _checked=False, key=key: self.chosen.emit(key))
            self.buttons[key] = button
            row.addWidget(button)

    def show_plan(self, plan: ImportPlan) -> None:
        """Say the layout the plan was read in; its button is pressed, the others offered."""
        key, sentence = plan.found_layout()
        self.setVisible(key is not None)
        self.sentence.setText(f"<b>Layout.</b> {sentence}" if sentence else "")
        for other, button in self.buttons.items():
            button.setChecked(other == key)
