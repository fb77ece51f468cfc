"""Open a rating round: which programs, which scales, a vote or not, anonymous or named."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from coherence_planner.domain.analysis.coherence import Analysis, analyse
from coherence_planner.domain.model.district import District
from coherence_planner.domain.retreat import room
from coherence_planner.domain.retreat.room import Round


def presets(district: District, analysis: Analysis) -> list[tuple[str, list[str]]]:
    """(what the facilitator reads, the programs it picks), in the order they are offered."""
    found = [(f"All programs ({len(room.all_programs(district))})", room.all_programs(district))]
    candidates = room.removal_programs(analysis)
    if candidates:
        found.append((f"The removal candidates ({len(candidates)})", candidates))
    for item in district.items.values():
        if item.kind == "goal" and item.live:
            programs = room.line_of_sight(district, analysis, item.id)
            if programs:
                found.append((f"Line of sight: {item.name} ({len(programs)})", programs))
    for n, group in enumerate(analysis.competing, start=1):
        names = ", ".join(district.items[m].name for m in group.members[:2])
        more = f" and {len(group.members) - 2} more" if len(group.members) > 2 else ""
        found.append((f"Competing group {n}: {names}{more}", list(group.members)))
    return found


class RoundDialog(QDialog):
    def __init__(
        self, district: District, analysis: Analysis | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Open a Rating Round")
        self.district = district
        self._presets = presets(district, analysis or analyse(district))
        layout = QVBoxLayout(self)
        intro = QLabel(
            "Members rate and vote from their own phones or laptops on this laptop's Wi-Fi "
            "or hotspot; no internet is needed. Each answer is saved in the plan as it arrives."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        today = dt.date.today()
        self.title = QLineEdit(f"Rating round, {today:%B} {today.day}")
        self.title.setMaxLength(80)
        form.addRow("&Title:", self.title)
        self.preset = QComboBox()
        self.preset.addItems([text for text, _ in self._presets])
        self.preset.setAccessibleName("Programs to rate")
        form.addRow("&Programs:", self.preset)
        layout.addLayout(form)
        self.programs = QListWidget()
        self.programs.setAccessibleName("Programs in the round")
        for item in district.items.values():
            if item.kind == "program" and item.live:
                entry = QListWidgetItem(item.name)
                entry.setData(Qt.ItemDataRole.UserRole, item.id)
                entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                entry.setCheckState(Qt.CheckState.Unchecked)
                self.programs.addItem(entry)
        layout.addWidget(self.programs, 1)
        self.count = QLabel()
        layout.addWidget(self.count)
        self.implementation = QCheckBox(
            "Implementation, 1 (not really started) to 4 (fully in place)"
        )
        self.impact = QCheckBox("Impact on students, 1 (no visible effect) to 4 (strong)")
        self.vote = QCheckBox("A vote: keep / modify / sunset / remove, with a one-line reason")
        self.anonymous = QCheckBox("Anonymous: nobody sees who gave which answer")
        self.implementation.setChecked(True)
        self.impact.setChecked(True)
        for box in (self.implementation, self.impact, self.vote, self.anonymous):
            layout.addWidget(box)
        layout.addWidget(QLabel("Every question also offers \u201cDon't know\u201d."))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Open the Round")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.preset.currentIndexChanged.connect(self._apply_preset)
        self.programs.itemChanged.connect(self._update)
        for box in (self.implementation, self.impact, self.vote):
            box.toggled.connect(self._update)
        self._apply_preset(0)
        self.resize(620, 560)  # fits a 1280x720 screen with its taskbar

    def _apply_preset(self, index: int) -> None:
        chosen = set(self._presets[index][1]) if 0 <= index < len(self._presets) else set()
        self.programs.blockSignals(True)
        for row in range(self.programs.count()):
            entry = self.programs.item(row)
            on = entry.data(Qt.ItemDataRole.UserRole) in chosen
            entry.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        self.programs.blockSignals(False)
        self._update()

    def chosen_programs(self) -> list[str]:
        return [
            str(self.programs.item(r).data(Qt.ItemDataRole.UserRole))
            for r in range(self.programs.count())
            if self.programs.item(r).checkState() == Qt.CheckState.Checked
        ]

    def _update(self) -> None:
        count = len(self.chosen_programs())
        asks = self.implementation.isChecked() or self.impact.isChecked() or self.vote.isChecked()
        self.count.setText(f"{count} programs chosen" + ("" if asks else "; choose a question"))
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(0 < count <= room.MAX_PROGRAMS and asks)

    def round(self) -> Round:
        scales = tuple(
            s
            for s, box in (("implementation", self.implementation), ("impact", self.impact))
            if box.isChecked()
        )
        return Round(
            "",
            self.title.text().strip(),
            tuple(self.chosen_programs()),
            scales,
            self.vote.isChecked(),
            self.anonymous.isChecked(),
        )
