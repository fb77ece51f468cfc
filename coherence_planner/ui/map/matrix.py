"""The alignment matrix: strategies, programs and policies by goals, and an Export CSV.

A cell says how an item serves a goal: "●" it supports the goal directly, "○" it reaches the
goal through other items (a strategy, say), empty: it does not serve it. Items that serve
no goal are listed last, so the rows that need a decision stand together.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from coherence_planner.domain.analysis.coherence import Analysis
from coherence_planner.domain.layout.geometry import card_name_lines, natural_key
from coherence_planner.domain.model import vocab
from coherence_planner.domain.model.district import District
from coherence_planner.storage.atomic import write_atomically
from coherence_planner.ui.errors import USER_ERRORS, explain
from coherence_planner.ui.icons import icon
from coherence_planner.ui.lazy_view import LazyView
from coherence_planner.ui.map.matrix_model import (
    DIRECT,
    ID_ROLE,
    ROW_KINDS,
    THROUGH,
    AlignmentModel,
)
from coherence_planner.ui.map.room import side_panels_button
from coherence_planner.ui.plain_text import tooltip
from coherence_planner.ui.session import DocumentSession

GOAL_COLUMN_MIN = 72  # px: three lines of a goal's first words
GOAL_COLUMN_EASY = 120  # px: a goal's first words in three short lines
GOAL_COLUMN_MAX = 170
ITEM_MIN = 220  # px: most names of the sample in full; the tooltip has every name
ITEM_MAX = 360
CSV_WORDS = {DIRECT: "direct", THROUGH: "through others", "": ""}
EXPORT_ERRORS: tuple[type[Exception], ...] = (*USER_ERRORS, OSError)


@dataclass(frozen=True)
class MatrixRow:
    item_id: str
    name: str
    kind: str
    cells: tuple[str, ...]  # one per goal: DIRECT, THROUGH or ""

    @property
    def orphan(self) -> bool:
        return not any(self.cells)


def alignment(district: District, analysis: Analysis) -> tuple[list[str], list[MatrixRow]]:
    """Goal ids (columns) and the rows, linked items first, then those serving no goal."""
    goals = sorted((g.id for g in district.items_of("goal") if g.live), key=natural_key)
    rows = []
    for item in district.items.values():
        if item.kind not in ROW_KINDS or not item.live:
            continue
        direct = {ln.dst for ln in district.supports_from(item.id)}
        reached = set(analysis.goals_of.get(item.id, ()))
        cells = tuple(DIRECT if g in direct else THROUGH if g in reached else "" for g in goals)
        rows.append(MatrixRow(item.id, item.label, item.kind, cells))
    rows.sort(key=lambda r: (r.orphan, ROW_KINDS.index(r.kind), natural_key(r.item_id)))
    return goals, rows


def write_csv(path: Path, district: District, goals: list[str], rows: list[MatrixRow]) -> None:
    """The matrix as CSV (UTF-8 with BOM so Excel reads it); formula-like text neutralised."""
    from coherence_planner.storage.spreadsheets.writing import neutralise  # not at start-up

    header = ["ID", "Item", "Kind", *(district.items[g].label for g in goals), "Serves a goal"]

    def build(temp: Path) -> None:
        with open(temp, "w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow([neutralise(v) for v in header])
            for row in rows:
                values = [
                    row.item_id,
                    row.name,
                    vocab.KIND_LABELS[row.kind],
                    *(CSV_WORDS[c] for c in row.cells),
                    "no" if row.orphan else "yes",
                ]
                writer.writerow([neutralise(v) for v in values])

    write_atomically(path, build)


class AlignmentMatrix(LazyView):
    """The matrix tab; click a header to sort, click a row to select the item everywhere."""

    def __init__(self, session: DocumentSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.goals: list[str] = []
        self.rows: list[MatrixRow] = []
        self.model = AlignmentModel(self)  # sorts itself: see matrix_model.py
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        top = QHBoxLayout()
        self.caption = QLabel(
            f"{DIRECT} supports the goal directly   {THROUGH} reaches it through other items"
            "   (items that serve no goal are listed last)"
        )
        self.caption.setWordWrap(True)
        self.export_button = QPushButton(icon("export"), "Export CSV…")
        self.export_button.clicked.connect(lambda: self.export_csv())
        top.addWidget(self.caption, 1)
        top.addWidget(self.export_button)
        top.addWidget(side_panels_button(self, "alignment"))
        layout.addLayout(top)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setAccessibleName("Alignment matrix")
        self.table.verticalHeader().hide()
        # One line a row, so that 10,000 rows scroll evenly: a long name keeps both ends
        # (its "(serves no goal)" too), and its whole text is the tooltip and, on hover,
        # the status bar.
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.table.setMouseTracking(True)
        layout.addWidget(self.table, 1)
        self._fitted_width = -1
        self._widest_name = 0  # px: the longest row name, for the item column
        self.table.viewport().installEventFilter(self)
        # The goals' whole names, numbered as their columns are: a header has room for a few
        # words only at 1280x720.
        self.key = QLabel()
        self.key.setWordWrap(True)
        self.key.setTextFormat(Qt.TextFormat.PlainText)
        self.key.setAccessibleName("Goal columns")
        layout.addWidget(self.key)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._row_selected())
        # Refresh only while shown (LazyView): rebuilding 10,000 rows after every edit in a
        # hidden tab cost 45 s per edit (benchmarks/ui_freeze.py).
        session.document_changed.connect(self.request_refresh)
        session.analysis_ready.connect(lambda _a: self.request_refresh())
        self.refresh()

    def refresh(self) -> None:
        if not self.session.is_open or self.session.analysis is None:
            self.goals, self.rows = [], []
            self.model.set_rows([], [], [])
            return
        district = self.session.district
        self.goals, self.rows = alignment(district, self.session.analysis)
        names = [district.items[g].label for g in self.goals]
        self.model.set_rows(
            self.rows,
            self._goal_headers(GOAL_COLUMN_MAX),
            [tooltip(f"Goal {n}: {name}") for n, name in enumerate(names, start=1)],
        )
        self.key.setText(
            "Goals: " + " · ".join(f"{n} {name}" for n, name in enumerate(names, start=1))
        )
        self.key.setVisible(bool(names))
        self.table.resizeColumnToContents(1)
        metrics = self.table.fontMetrics()
        shown = (self.model.index(r, 0).data() for r in range(self.model.rowCount()))
        self._widest_name = max((metrics.horizontalAdvance(t) for t in shown), default=0)
        self._fit_columns()

    def _goal_headers(self, width: int) -> list[str]:
        """Each goal's number and name wrapped over three lines to fit `width` pixels, so
        every column says which goal it is; the key below and the tooltip say the rest."""
        if not self.session.is_open:
            return []
        chars = max(8, int((width - 12) / max(1.0, self.fontMetrics().averageCharWidth())))
        district = self.session.district
        return [
            "\n".join(card_name_lines(f"{n} · {district.items[g].label}", chars, 3))
            for n, g in enumerate(self.goals, start=1)
        ]

    def _fit_columns(self) -> None:
        """Every goal column in sight where the width allows (at 1280x720 it does). The
        names a person reads come first: the item column as wide as its longest name (up
        to ITEM_MAX) while the goals keep GOAL_COLUMN_EASY each; with less room the names
        give way down to ITEM_MIN before the goals narrow to GOAL_COLUMN_MIN."""
        if not self.goals:
            return
        room = self.table.viewport().width()
        kind = self.table.columnWidth(1)
        goals = len(self.goals)
        wanted = min(
            ITEM_MAX,
            self._widest_name
            + 2 * self.table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin)
            + 6,
        )
        goal_width = (room - kind - wanted) // goals
        if goal_width < GOAL_COLUMN_EASY:
            goal_width = max(
                GOAL_COLUMN_MIN, min(GOAL_COLUMN_EASY, (room - kind - ITEM_MIN) // goals)
            )
        goal_width = min(goal_width, GOAL_COLUMN_MAX)
        item = max(ITEM_MIN, min(ITEM_MAX, room - kind - goal_width * goals))
        self.table.setColumnWidth(0, item)
        for column in range(2, 2 + goals):
            self.table.setColumnWidth(column, goal_width)
        self.model.set_goal_headers(self._goal_headers(goal_width))
        self.model.say_counts(item + kind + goal_width * goals > room)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The table's viewport, not this widget: side panels or a scroll bar coming and
        # going change the room the goal columns share.
        if event.type() == QEvent.Type.Resize and watched is self.table.viewport():
            width = self.table.viewport().width()
            if width != self._fitted_width:
                self._fitted_width = width
                self._fit_columns()
        return super().eventFilter(watched, event)

    def cell(self, item_id: str, goal_id: str) -> str:  # (for tests)
        row = next(r for r in self.rows if r.item_id == item_id)
        return row.cells[self.goals.index(goal_id)]

    def _row_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            item_id = rows[0].data(ID_ROLE)
            if item_id:
                self.session.select([item_id])

    def export_csv(self, path: str | None = None) -> bool:
        if not self.session.is_open or not self.rows:
            return False
        if path is None:
            path, _f = QFileDialog.getSaveFileName(
                self, "Export the Alignment Matrix", "alignment.csv", "CSV (*.csv)"
            )
            if not path:
                return False
        try:
            write_csv(Path(path), self.session.district, self.goals, self.rows)
        except EXPORT_ERRORS as exc:
            QMessageBox.warning(self, "Export the Alignment Matrix", explain(exc))
            return False
        return True
