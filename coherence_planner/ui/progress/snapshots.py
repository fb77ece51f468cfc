"""Snapshots and comparison: keep named copies of the plan inside it ("Before the 2026
retreat") and compare any two, or this plan with another file (last year's), as a readable
diff. Added lines are green and start with "+", removed ones red with "−", changed ones
"~": the sign says it as well as the colour.
"""

from __future__ import annotations

import datetime as dt
import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from coherence_planner.domain.model.codec import InvalidDistrict
from coherence_planner.domain.model.commands import Changes
from coherence_planner.domain.model.district import District
from coherence_planner.domain.progress.diff import DistrictDiff, diff_districts
from coherence_planner.domain.progress.diff_words import diff_lines
from coherence_planner.domain.progress.snapshots import (
    COLLECTION,
    delete_snapshot,
    snapshot_district,
    snapshots,
    take_snapshot,
)
from coherence_planner.ui.errors import USER_ERRORS, explain
from coherence_planner.ui.session import DocumentSession

# What comparing can meet: refused edits, unreadable files, damaged stored snapshots.
_ERRORS: tuple[type[Exception], ...] = (*USER_ERRORS, InvalidDistrict)
NOW = "now"
PICK = "pick"
ADDED_COLOUR = "#00704F"  # a darker Okabe–Ito bluish green, readable as text on white
REMOVED_COLOUR = "#B03A00"  # a darker Okabe–Ito vermillion
CHANGED_COLOUR = "#005A8C"  # a darker Okabe–Ito blue


GUIDANCE = (
    "Take a snapshot before a retreat or a budget round, then compare it with the plan as "
    "it is now, or compare this plan with last year's file."
)


def _when(taken_at: str) -> str:
    try:
        moment = dt.datetime.fromisoformat(taken_at).astimezone()
    except ValueError:
        return taken_at
    return moment.strftime("%Y-%m-%d %H:%M")


def diff_html(diff: DistrictDiff) -> str:
    """The diff as HTML for a QTextBrowser: headings, then one line per change."""
    marks = {
        "+": ("+", ADDED_COLOUR, "added"),
        "−": ("−", REMOVED_COLOUR, "removed"),
        "~": ("~", CHANGED_COLOUR, "changed"),
        " ": ("\u2007", "", ""),
    }
    parts = []
    for mark, text in diff_lines(diff):
        if mark == "#":
            parts.append(f"<h3 style='margin-top:12px'>{html.escape(text)}</h3>")
            continue
        sign, colour, _word = marks[mark]
        indent = len(text) - len(text.lstrip(" "))
        style = f"color:{colour};" if colour else ""
        style += f"margin-left:{indent * 6}px;" if indent else ""
        parts.append(
            f"<div style='{style}'><b style='font-family:monospace'>{sign}</b>&nbsp;"
            f"{html.escape(text.strip())}</div>"
        )
    return "".join(parts)


class SnapshotsView(QWidget):
    def __init__(self, session: DocumentSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.diff: DistrictDiff | None = None
        self._files: dict[str, District] = {}

        self.list = QListWidget()
        self.list.setAccessibleName("Snapshots")
        self.take_button = QPushButton("&Take snapshot…")
        self.delete_button = QPushButton("&Delete snapshot")
        self.take_button.clicked.connect(self.take)
        self.delete_button.clicked.connect(self.delete)
        self.list.itemSelectionChanged.connect(self._update_buttons)
        snap_box = QGroupBox("Snapshots in this plan")
        snap_layout = QVBoxLayout(snap_box)
        snap_layout.addWidget(self.list)
        row = QHBoxLayout()
        row.addWidget(self.take_button)
        row.addWidget(self.delete_button)
        snap_layout.addLayout(row)

        self.before = QComboBox()
        self.after = QComboBox()
        self.before.setAccessibleName("Before")
        self.after.setAccessibleName("After")
        self.before.activated.connect(lambda _i: self._maybe_pick_file(self.before))
        self.after.activated.connect(lambda _i: self._maybe_pick_file(self.after))
        self.compare_button = QPushButton("&Compare")
        self.compare_button.clicked.connect(self.compare)
        compare_box = QGroupBox("Compare")
        form = QFormLayout(compare_box)
        form.addRow("&Before:", self.before)
        form.addRow("&After:", self.after)
        form.addRow(self.compare_button)
        legend = QLabel(
            f"<span style='color:{ADDED_COLOUR}'><b>+</b> added</span> · "
            f"<span style='color:{REMOVED_COLOUR}'><b>−</b> removed</span> · "
            f"<span style='color:{CHANGED_COLOUR}'><b>~</b> changed</span>"
        )
        form.addRow(legend)

        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(snap_box, 1)
        side_layout.addWidget(compare_box)

        self.view = QTextBrowser()
        self.view.setAccessibleName("Comparison")
        self.view.setOpenLinks(False)
        split = QSplitter()
        split.addWidget(side)
        split.addWidget(self.view)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(split)

        session.document_changed.connect(self._document_changed)
        session.changed.connect(self._changed)
        self._document_changed()

    # -- the list ----------------------------------------------------------------------
    def _document_changed(self) -> None:
        self._files.clear()
        # What to do here, until there is a comparison to show. (A placeholder text would
        # stop mid-sentence: Qt draws it on one line.)
        self.view.setHtml(f'<p style="color: gray;">{GUIDANCE}</p>')
        self.diff = None
        self.refresh()

    def _changed(self, changes: Changes) -> None:
        if any(collection == COLLECTION for collection, _ in changes.records):
            self.refresh()

    def refresh(self) -> None:
        self.list.clear()
        found = snapshots(self.session.district) if self.session.is_open else []
        for info in found:
            item = QListWidgetItem(f"{info.name}\n{_when(info.taken_at)}")
            item.setData(Qt.ItemDataRole.UserRole, info.key)
            self.list.addItem(item)
        for combo, default in ((self.before, -1), (self.after, 0)):
            keep = combo.currentData()
            combo.clear()
            combo.addItem("This plan, now", NOW)
            for info in found:
                combo.addItem(f"Snapshot: {info.name}", f"snapshot:{info.key}")
            for path in self._files:
                combo.addItem(f"File: {path}", f"file:{path}")
            combo.addItem("Another file…", PICK)
            index = combo.findData(keep) if keep and keep != PICK else -1
            if index < 0:
                index = len(found) if default == -1 and found else 0
            combo.setCurrentIndex(index)
        self._update_buttons()

    def _update_buttons(self) -> None:
        open_ = self.session.is_open
        self.take_button.setEnabled(open_)
        self.delete_button.setEnabled(open_ and bool(self.list.selectedItems()))
        self.compare_button.setEnabled(open_)

    # -- actions -----------------------------------------------------------------------
    def take(self) -> None:
        if not self.session.is_open:
            return
        suggestion = f"Snapshot of {dt.date.today().isoformat()}"
        name, ok = QInputDialog.getText(
            self, "Take snapshot", "Name of the snapshot:", text=suggestion
        )
        if not ok:
            return
        try:
            command = take_snapshot(self.session.district, name, dt.datetime.now(dt.UTC))
            self.session.push(command)
        except USER_ERRORS as exc:
            QMessageBox.warning(self, "Take snapshot", explain(exc))
            return
        # The usual next step: compare the new snapshot with the plan as it changes.
        self.before.setCurrentIndex(self.before.findData(f"snapshot:{command.key}"))
        self.after.setCurrentIndex(self.after.findData(NOW))

    def delete(self) -> None:
        items = self.list.selectedItems()
        if not items:
            return
        try:
            self.session.push(
                delete_snapshot(self.session.district, items[0].data(Qt.ItemDataRole.UserRole))
            )
        except USER_ERRORS as exc:
            QMessageBox.warning(self, "Delete snapshot", explain(exc))

    def _maybe_pick_file(self, combo: QComboBox) -> None:
        if combo.currentData() != PICK:
            return
        path, _ = QFileDialog.getOpenFileName(
            self, "Compare with a plan", "", "Plans (*.coherence *.json);;All files (*)"
        )
        if not path:
            combo.setCurrentIndex(0)
            return
        from coherence_planner.storage.interchange import load_any

        try:
            self._files[path] = load_any(path)
        except _ERRORS as exc:
            QMessageBox.warning(self, "Compare with a plan", explain(exc))
            combo.setCurrentIndex(0)
            return
        self.refresh()
        combo.setCurrentIndex(combo.findData(f"file:{path}"))

    def _side(self, data: str) -> tuple[District, str]:
        kind, _, key = data.partition(":")
        if kind == "snapshot":
            name = next(s.name for s in snapshots(self.session.district) if s.key == key)
            return snapshot_district(self.session.district, key), f"snapshot “{name}”"
        if kind == "file":
            return self._files[key], key
        return self.session.district, "this plan now"

    def compare(self) -> None:
        if not self.session.is_open:
            return
        # The plan's own analysis is reused when it is current (4 s saved at 10,000 items).
        ready = None if self.session.analysis_pending else self.session.analysis
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            a, label_a = self._side(self.before.currentData() or NOW)
            b, label_b = self._side(self.after.currentData() or NOW)
            self.diff = diff_districts(
                a,
                b,
                label_a=label_a,
                label_b=label_b,
                analysis_a=ready if a is self.session.district else None,
                analysis_b=ready if b is self.session.district else None,
            )
        except _ERRORS as exc:
            QApplication.restoreOverrideCursor()
            QMessageBox.warning(self, "Compare", explain(exc))
            return
        QApplication.restoreOverrideCursor()
        self.view.setHtml(diff_html(self.diff))
