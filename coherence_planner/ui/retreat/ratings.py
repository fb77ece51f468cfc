"""Ratings by the group: the cabinet list, each member's scores for a program, the spread,
programs sorted by disagreement, and the implementation-by-impact quadrant chart."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QListWidget,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from coherence_planner.domain import ratings as R
from coherence_planner.ui.chart_canvas import ChartCanvas
from coherence_planner.ui.errors import USER_ERRORS, explain
from coherence_planner.ui.lazy_view import LazyView
from coherence_planner.ui.session import DocumentSession

UNRATED = "—"
DONT_KNOW_TEXT = "Don't know"


def score_choices(dimension: str) -> list[tuple[str, Any]]:
    """(shown text, stored value) for a dimension's combo box."""
    top = R.SCALES[dimension]
    return [
        (UNRATED, None),
        *[(str(n), n) for n in range(1, top + 1)],
        (DONT_KNOW_TEXT, R.DONT_KNOW),
    ]


def _spread_text(sp: R.Spread) -> str:
    if sp.mean is None:
        return f"{sp.dont_know} don't know" if sp.dont_know else ""
    text = f"{sp.mean:.1f} ({sp.low}–{sp.high})"
    return text + (f", {sp.dont_know} ?" if sp.dont_know else "")


class RatingsView(LazyView):
    def __init__(self, session: DocumentSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._loading = False
        outer = QHBoxLayout(self)
        splitter = QSplitter()
        outer.addWidget(splitter)

        left = QWidget()
        lv = QVBoxLayout(left)
        lv.addWidget(QLabel("<b>Cabinet</b>"))
        self.members = QListWidget()
        self.members.setAccessibleName("Cabinet members")
        self.members.setMaximumHeight(110)
        row = QHBoxLayout()
        row.addWidget(self.members, 1)
        buttons = QVBoxLayout()
        self.add_member_button = QPushButton("Add…")
        self.remove_member_button = QPushButton("Remove")
        buttons.addWidget(self.add_member_button)
        buttons.addWidget(self.remove_member_button)
        buttons.addStretch()
        row.addLayout(buttons)
        lv.addLayout(row)
        mv = lv
        pick = QHBoxLayout()
        pick.addWidget(QLabel("Program"))
        self.program = QComboBox()
        self.program.setAccessibleName("Program to rate")
        pick.addWidget(self.program, 1)
        mv.addLayout(pick)
        # Dimensions down the side, one column per member: a cabinet is narrower than eight.
        self.grid = QTableWidget(len(R.DIMENSIONS), 0)
        self.grid.setVerticalHeaderLabels(
            [f"{R.DIMENSION_LABELS[d]} (1–{R.SCALES[d]})" for d in R.DIMENSIONS]
        )
        self.grid.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.grid.setAccessibleName("Ratings of the program by member")
        mv.addWidget(self.grid, 1)
        self.spread = QLabel()
        self.spread.setWordWrap(True)
        mv.addWidget(self.spread)
        self.error = QLabel()
        self.error.setStyleSheet("color: #c0392b;")
        self.error.hide()
        mv.addWidget(self.error)
        splitter.addWidget(left)

        right = self.right_tabs = QTabWidget()
        self.disagreement = QTableWidget(0, 5)
        self.disagreement.setHorizontalHeaderLabels(
            ["Program", "Raters", "Disagreement", "Quadrant", "Widest split"]
        )
        self.disagreement.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.disagreement.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.disagreement.horizontalHeader().setStretchLastSection(True)
        right.addTab(self.disagreement, "Most disagreement first")
        self.canvas = ChartCanvas()
        right.addTab(self.canvas, "Quadrant")
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)

        self.add_member_button.clicked.connect(self.ask_member)
        self.remove_member_button.clicked.connect(self.remove_selected_member)
        self.program.currentIndexChanged.connect(lambda _i: self._load_grid())
        self.disagreement.cellDoubleClicked.connect(self._pick_from_table)
        session.changed.connect(lambda _c: self.request_refresh())
        session.document_changed.connect(self.request_refresh)
        self.request_refresh()

    # -- refresh -------------------------------------------------------------------------
    def refresh(self) -> None:
        open_ = self.session.is_open
        self.add_member_button.setEnabled(open_)
        self.remove_member_button.setEnabled(open_)
        current = self.program.currentData()
        self.members.clear()
        self.program.blockSignals(True)
        self.program.clear()
        if open_:
            district = self.session.district
            for m in R.members(district):
                self.members.addItem(f"{m.name} — {m.role}" if m.role else m.name)
            for item in district.items_of("program"):
                if item.live:
                    self.program.addItem(f"{item.id}  {item.name}", item.id)
            index = self.program.findData(current)
            self.program.setCurrentIndex(max(index, 0))
        self.program.blockSignals(False)
        self._load_grid()
        self._load_disagreement()

    def current_program(self) -> str | None:
        data = self.program.currentData()
        return None if data is None else str(data)

    def select_program(self, program_id: str) -> None:
        index = self.program.findData(program_id)
        if index >= 0:
            self.program.setCurrentIndex(index)

    def _load_grid(self) -> None:
        self._loading = True
        self.grid.clearContents()
        program_id = self.current_program()
        if not self.session.is_open or program_id is None:
            self.grid.setColumnCount(0)
            self.spread.setText("")
            self._loading = False
            return
        district = self.session.district
        people = [m.name for m in R.members(district)]
        scores = R.scores_of(district, program_id)
        self.grid.setColumnCount(len(people))
        self.grid.setHorizontalHeaderLabels(people)
        for c, person in enumerate(people):
            for r, dimension in enumerate(R.DIMENSIONS):
                box = QComboBox()
                box.setAccessibleName(f"{person}: {R.DIMENSION_LABELS[dimension]}")
                for text, value in score_choices(dimension):
                    box.addItem(text, value)
                value = scores.get(person, {}).get(dimension)
                box.setCurrentIndex(max(box.findData(value), 0) if value is not None else 0)
                box.currentIndexChanged.connect(
                    lambda _i, p=person, d=dimension, b=box: self.set_score(p, d, b.currentData())
                )
                self.grid.setCellWidget(r, c, box)
        summary = R.program_ratings(district, program_id)
        parts = [
            f"{R.DIMENSION_LABELS[d]} {_spread_text(summary.spreads[d])}"
            for d in R.DIMENSIONS
            if _spread_text(summary.spreads[d])
        ]
        self.spread.setText(
            ("Spread: " + "; ".join(parts) + f". Quadrant: {R.QUADRANT_LABELS[summary.quadrant]}.")
            if parts
            else ("Add cabinet members, then rate." if not people else "Not rated yet.")
        )
        self._loading = False

    def _load_disagreement(self) -> None:
        rated = R.rated_programs(self.session.district) if self.session.is_open else []
        self.disagreement.setRowCount(len(rated))
        for r, pr in enumerate(rated):
            widest = max(
                R.DIMENSIONS,
                key=lambda d: pr.spreads[d].disagreement / (R.SCALES[d] - 1),
            )
            sp = pr.spreads[widest]
            values = [
                f"{pr.program_id}  {pr.name}",
                str(pr.raters),
                f"{pr.disagreement:.0%}",
                R.QUADRANT_LABELS[pr.quadrant],
                f"{R.DIMENSION_LABELS[widest]} {sp.low}–{sp.high}" if sp.low is not None else "",
            ]
            for c, value in enumerate(values):
                cell = QTableWidgetItem(value)
                cell.setData(Qt.ItemDataRole.UserRole, pr.program_id)
                self.disagreement.setItem(r, c, cell)
        self.disagreement.resizeColumnsToContents()
        from coherence_planner.reports.quadrant_chart import draw_quadrant  # matplotlib

        draw_quadrant(self.canvas.figure, rated)
        self.canvas.draw_idle()

    def _pick_from_table(self, row: int, _column: int) -> None:
        cell = self.disagreement.item(row, 0)
        if cell is not None:
            self.select_program(str(cell.data(Qt.ItemDataRole.UserRole)))

    # -- editing -------------------------------------------------------------------------
    def set_score(self, member: str, dimension: str, value: Any) -> bool:
        program_id = self.current_program()
        if self._loading or program_id is None:
            return False
        district = self.session.district
        current = district.record(R.RATINGS, f"{program_id}|{member}") or {}
        if current.get(dimension) == value:
            return False
        try:
            self.session.push(R.rate(district, program_id, member, {dimension: value}))
        except USER_ERRORS as exc:
            self.error.setText(explain(exc))
            self.error.show()
            return False
        self.error.hide()
        return True

    def ask_member(self) -> None:
        name, ok = QInputDialog.getText(self, "Add cabinet member", "Name")
        if not ok:
            return
        role, _ok = QInputDialog.getText(self, "Add cabinet member", f"Role of {name} (optional)")
        self.add_member(name, role)

    def add_member(self, name: str, role: str = "") -> bool:
        try:
            self.session.push(R.add_member(self.session.district, name, role))
        except USER_ERRORS as exc:
            QMessageBox.warning(self, "Cabinet", explain(exc))
            return False
        return True

    def remove_selected_member(self) -> None:
        row = self.members.currentRow()
        people = R.members(self.session.district)
        if 0 <= row < len(people):
            self.session.push(R.remove_member(self.session.district, people[row].name))
