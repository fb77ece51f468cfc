"""District details (name, school year, notes): one undoable edit."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from coherence_planner.domain.model.district import District


class DistrictDialog(QDialog):
    def __init__(self, district: District, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("District details")
        form = QFormLayout(self)
        self.name = QLineEdit(district.name)
        self.school_year = QLineEdit(district.school_year)
        self.school_year.setPlaceholderText("2026-27")
        self.notes = QPlainTextEdit(district.notes)
        self.notes.setTabChangesFocus(True)
        form.addRow("District &name", self.name)
        form.addRow("School &year", self.school_year)
        form.addRow("&Notes", self.notes)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.resize(460, 280)

    def values(self) -> dict[str, str]:
        return {
            "name": self.name.text().strip(),
            "school_year": self.school_year.text().strip(),
            "notes": self.notes.toPlainText(),
        }
