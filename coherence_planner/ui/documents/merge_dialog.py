"""The Merge a Copy dialog: what each copy changed since the version both started from, and
the conflicts, each settled for mine or theirs (or all at once) before the merge is done.

A thin view over domain/merge's `Merged`: rows are its conflicts and changes, in their own
words (names, never ids); the choices are the dict `merge_command` takes.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from coherence_planner.domain.merge import MINE, THEIRS, Conflict, Merged
from coherence_planner.domain.merge.conflicts import describe_value
from coherence_planner.domain.model.wording import plural

SIDE_WORDS = {MINE: "Mine", THEIRS: "Theirs"}


def _cell(text: str, tip: str = "") -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    item.setToolTip(tip or text)
    return item


def _table(name: str, headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setAccessibleName(name)  # what a screen reader says the table lists
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().setVisible(False)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setWordWrap(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    return table


class MergeDialog(QDialog):
    """Shows a merge; `choices` holds the person's choice per conflict key."""

    def __init__(self, merged: Merged, mine_name: str, theirs_name: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Merge “{theirs_name}” into this plan")
        self.merged = merged
        self.choices: dict[str, str] = {}
        self._groups: dict[str, QButtonGroup] = {}
        layout = QVBoxLayout(self)
        layout.addWidget(self._heading(mine_name, theirs_name))
        self.tabs = QTabWidget()
        self.tabs.addTab(self._conflicts_page(), f"Conflicts ({len(merged.conflicts)})")
        self.tabs.addTab(self._changes_page(theirs_name), f"Changes ({len(merged.taken)})")
        if not merged.conflicts:
            self.tabs.setCurrentIndex(1)
        layout.addWidget(self.tabs, 1)
        self.status = QLabel()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.merge_button = self.buttons.addButton("&Merge", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        footer = QHBoxLayout()
        footer.addWidget(self.status, 1)
        footer.addWidget(self.buttons)
        layout.addLayout(footer)
        self.resize(1120, 620)  # inside a 1366x768 screen, with the window's frame
        self._update()

    def _heading(self, mine_name: str, theirs_name: str) -> QLabel:
        base = self.merged.prepared.base
        if base.found and base.at:
            by = f" by {base.by}" if base.by else ""
            start = f"Both copies started from the version saved {base.at[:10]}{by}."
        elif base.found:
            start = "Both copies started from the same version."
        else:
            start = f"No shared version: {base.why}."
        theirs = sum(1 for t in self.merged.taken if t.side == THEIRS)
        mine = len(self.merged.taken) - theirs
        text = (
            f"<b>Mine</b> is this plan, “{mine_name}”; <b>theirs</b> is “{theirs_name}”. "
            f"{start}<br>{plural(theirs, 'change')} only theirs made will be taken; "
            f"{plural(mine, 'change')} only mine made stay; "
            f"{plural(len(self.merged.conflicts), 'conflict')} need a choice."
        )
        label = QLabel(text)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.RichText)
        return label

    # -- conflicts -------------------------------------------------------------------------
    def _conflicts_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        row = QHBoxLayout()
        row.addWidget(QLabel("Both copies changed these differently. Keep, for each:"), 1)
        self.all_mine = QPushButton("Mine for &all")
        self.all_theirs = QPushButton("&Theirs for all")
        self.all_mine.clicked.connect(lambda: self.choose_all(MINE))
        self.all_theirs.clicked.connect(lambda: self.choose_all(THEIRS))
        row.addWidget(self.all_mine)
        row.addWidget(self.all_theirs)
        layout.addLayout(row)
        table = self.conflict_table = _table(
            "Conflicts", ["Item", "What", "Mine", "Theirs", "Keep"]
        )
        table.setRowCount(len(self.merged.conflicts))
        for n, conflict in enumerate(self.merged.conflicts):
            self._conflict_row(n, conflict)
        for column, width in enumerate((300, 250, 185, 185)):
            table.setColumnWidth(column, width)
        layout.addWidget(table, 1)
        return page

    def _conflict_row(self, n: int, conflict: Conflict) -> None:
        table = self.conflict_table
        table.setItem(n, 0, _cell(conflict.subject))
        table.setItem(n, 1, _cell(conflict.what))
        for column, side, who in ((2, MINE, conflict.mine_who), (3, THEIRS, conflict.theirs_who)):
            text = conflict.value_text(side) + (f" ({who})" if who else "")
            base = describe_value(conflict.base, conflict.type)
            table.setItem(n, column, _cell(text, f"{text}\nBefore: {base}"))
        choice = QWidget()
        row = QHBoxLayout(choice)
        row.setContentsMargins(4, 0, 4, 0)
        group = QButtonGroup(choice)
        for side in (MINE, THEIRS):
            button = QRadioButton(SIDE_WORDS[side])
            button.setProperty("side", side)
            button.setAccessibleName(f"Keep {side} for {conflict.subject}, {conflict.what}")
            group.addButton(button)
            row.addWidget(button)
        group.buttonClicked.connect(
            lambda button, key=conflict.key: self.choose(key, str(button.property("side")))
        )
        self._groups[conflict.key] = group
        table.setCellWidget(n, 4, choice)

    def choose(self, key: str, side: str) -> None:
        self.choices[key] = side
        for button in self._groups[key].buttons():
            if button.property("side") == side and not button.isChecked():
                button.setChecked(True)
        self._update()

    def choose_all(self, side: str) -> None:
        for conflict in self.merged.conflicts:
            self.choose(conflict.key, side)

    def _update(self) -> None:
        left = sum(1 for c in self.merged.conflicts if c.key not in self.choices)
        self.merge_button.setEnabled(left == 0)
        self.status.setText(
            f"{plural(left, 'conflict')} still need a choice." if left else "Ready to merge."
        )

    # -- changes ---------------------------------------------------------------------------
    def _changes_page(self, theirs_name: str) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(
            QLabel(
                "Changed on one side only, since the version both started from: "
                f"theirs’ changes come from “{theirs_name}”; mine stay as they are."
            )
        )
        table = self.change_table = _table("Changes on one side only", ["Who", "Item", "Change"])
        taken = sorted(self.merged.taken, key=lambda t: (t.side != THEIRS, t.subject))
        table.setRowCount(len(taken))
        for n, change in enumerate(taken):
            table.setItem(n, 0, _cell(SIDE_WORDS[change.side]))
            table.setItem(n, 1, _cell(change.subject))
            line = change.line()
            table.setItem(n, 2, _cell(line.removeprefix(f"{change.subject}: ")))
        table.setColumnWidth(0, 70)
        table.setColumnWidth(1, 330)
        layout.addWidget(table, 1)
        return page
