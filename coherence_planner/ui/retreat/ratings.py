"""Ratings by the cabinet: one program at a time, each member's scores in a column headed by
their name, what the room said (mean, range, don't know) beside them, programs sorted by
disagreement, and the implementation-by-impact quadrant chart.

A cabinet is 5 to 15 people, so the grid scrolls sideways rather than squeezing columns, and
it is quick to fill from the keyboard: select a cell and type the score (1 to 5), ? for
"don't know" or Delete to clear it; the cursor moves on to the next member, as in a
spreadsheet. Double-click (or F2) a cell for a list of the scores with their words.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, QTimer
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from coherence_planner.domain.retreat import ratings as R
from coherence_planner.domain.retreat.votes import program_votes, votes_text
from coherence_planner.ui.chart_canvas import ChartCanvas
from coherence_planner.ui.errors import USER_ERRORS, explain
from coherence_planner.ui.lazy_view import LazyView
from coherence_planner.ui.session import DocumentSession

UNRATED = "—"
DONT_KNOW_TEXT = "Don't know"
SUMMARY_COLUMNS = ("Mean", "Range", "Don't know")
FIRST_MEMBER_COLUMN = len(SUMMARY_COLUMNS)
SCORE_ROLE = Qt.ItemDataRole.UserRole
MEMBER_COLUMN_WIDTH = 128  # "3 Mostly in place" and a name like "Dr. Ana Ruiz"
CHART_DELAY_MS = 250


def score_text(dimension: str, value: Any) -> str:
    """A stored score as the grid shows it: "3 Mostly in place", "Don't know" or a dash."""
    if value is None:
        return UNRATED
    if value == R.DONT_KNOW:
        return DONT_KNOW_TEXT
    return f"{value} {R.SCORE_WORDS[dimension][int(value) - 1]}"


def score_choices(dimension: str) -> list[tuple[str, Any]]:
    """(shown text, stored value) for a dimension's list of scores."""
    top = R.SCALES[dimension]
    return [(score_text(dimension, v), v) for v in (None, *range(1, top + 1), R.DONT_KNOW)]


def scale_legend() -> str:
    """The words of every scale, for the line under the grid."""
    lines = []
    for dimensions in (("implementation",), ("impact",), ("fit",)):
        d = dimensions[0]
        words = " · ".join(f"{n} {w}" for n, w in enumerate(R.SCORE_WORDS[d], start=1))
        name = R.DIMENSION_LABELS[d] if d != "fit" else "The other six"
        lines.append(f"<b>{name}:</b> {words}")
    lines.append("<b>?</b> Don't know")
    return "<br>".join(lines)


def mean_text(sp: R.Spread) -> str:
    return "" if sp.mean is None else f"{sp.mean:.1f}"


def range_text(sp: R.Spread) -> str:
    if sp.low is None:
        return ""
    return str(sp.low) if sp.low == sp.high else f"{sp.low}–{sp.high}"


class ScoreDelegate(QStyledItemDelegate):
    """A list of the scores with their words, to pick one with the mouse."""

    def createEditor(
        self,
        parent: QWidget,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> QWidget:
        box = QComboBox(parent)
        dimension = R.DIMENSIONS[index.row()]
        for text, value in score_choices(dimension):
            box.addItem(text, value)
        box.setAccessibleName(f"Score for {R.DIMENSION_LABELS[dimension]}")
        return box

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QComboBox)
        value = index.data(SCORE_ROLE)
        editor.setCurrentIndex(max(editor.findData(value), 0) if value is not None else 0)
        editor.showPopup()

    def setModelData(self, editor: QWidget, model: Any, index: Any) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), SCORE_ROLE)


class RatingGrid(QTableWidget):
    """Dimensions down the side; mean, range and don't-know, then one column per member."""

    def __init__(self, view: RatingsView) -> None:
        super().__init__(len(R.DIMENSIONS), FIRST_MEMBER_COLUMN)
        self.ratings_view = view
        self.setVerticalHeaderLabels(
            [f"{R.DIMENSION_LABELS[d]} (1–{R.SCALES[d]})" for d in R.DIMENSIONS]
        )
        self.setHorizontalHeaderLabels(list(SUMMARY_COLUMNS))
        self.setItemDelegate(ScoreDelegate(self))
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setWordWrap(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setDefaultSectionSize(MEMBER_COLUMN_WIDTH)
        header.setMinimumSectionSize(48)
        for column, title in enumerate(SUMMARY_COLUMNS):  # narrow: numbers only
            header.resizeSection(column, self.fontMetrics().horizontalAdvance(title) + 20)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.setAccessibleName("Ratings of the program: one column per cabinet member")

    def keyPressEvent(self, event: QKeyEvent) -> None:
        index = self.currentIndex()
        text = event.text()
        value: Any = "unchanged"
        if index.isValid() and index.column() >= FIRST_MEMBER_COLUMN:
            if text.isdigit() and 1 <= int(text) <= R.SCALES[R.DIMENSIONS[index.row()]]:
                value = int(text)
            elif text in ("?", "d", "D"):
                value = R.DONT_KNOW
            elif event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                value = None
        if value == "unchanged":
            super().keyPressEvent(event)
            return
        row, column = index.row(), index.column()
        self.ratings_view.set_score_at(row, column, value)
        if column + 1 < self.columnCount():
            self.setCurrentCell(row, column + 1)
        elif row + 1 < self.rowCount():
            self.setCurrentCell(row + 1, FIRST_MEMBER_COLUMN)


class MemberDialog(QDialog):
    """Name and role of a new cabinet member, in one dialog."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Add cabinet member")
        form = QFormLayout(self)
        self.name = QLineEdit()
        self.name.setPlaceholderText("For example Dr. Ruiz")
        self.role = QLineEdit()
        self.role.setPlaceholderText("Optional, for example Superintendent")
        form.addRow("&Name", self.name)
        form.addRow("&Role", self.role)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Add")
        ok.setEnabled(False)
        self.name.textChanged.connect(lambda text: ok.setEnabled(bool(text.strip())))


class RatingsView(LazyView):
    def __init__(self, session: DocumentSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._loading = False
        self.people: list[R.Member] = []
        outer = QHBoxLayout(self)
        splitter = QSplitter()
        outer.addWidget(splitter)

        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(QLabel("&Program"))
        self.program = QComboBox()
        self.program.setAccessibleName("Program to rate")
        self.program.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.program.setMinimumContentsLength(18)
        top.itemAt(0).widget().setBuddy(self.program)  # type: ignore[union-attr]
        top.addWidget(self.program, 1)
        self.previous_button = QToolButton()
        self.previous_button.setArrowType(Qt.ArrowType.LeftArrow)
        self.previous_button.setToolTip("The previous program")
        self.previous_button.setAccessibleName("Previous program")
        self.next_button = QToolButton()
        self.next_button.setArrowType(Qt.ArrowType.RightArrow)
        self.next_button.setToolTip("The next program")
        self.next_button.setAccessibleName("Next program")
        top.addWidget(self.previous_button)
        top.addWidget(self.next_button)
        lv.addLayout(top)
        members = QHBoxLayout()
        self.cabinet = QLabel()
        self.cabinet.setWordWrap(True)
        members.addWidget(self.cabinet, 1)
        self.add_member_button = QPushButton("Add member…")
        self.remove_member_button = QPushButton("Remove member…")
        members.addWidget(self.add_member_button)
        members.addWidget(self.remove_member_button)
        lv.addLayout(members)
        self.grid = RatingGrid(self)
        lv.addWidget(self.grid, 1)
        self.spread = QLabel()
        self.spread.setWordWrap(True)
        lv.addWidget(self.spread)
        # The votes from rating rounds beside the spread: closing a round writes the scores
        # into the grid, and the votes and reasons stay with the round's answers.
        self.votes = QLabel()
        self.votes.setTextFormat(Qt.TextFormat.PlainText)  # reasons come from phones
        self.votes.setWordWrap(True)
        self.votes.setAccessibleName("Votes from the rating rounds")
        lv.addWidget(self.votes)
        self.legend = QLabel(scale_legend())
        self.legend.setWordWrap(True)
        lv.addWidget(self.legend)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #c0392b;")
        self.error.hide()
        lv.addWidget(self.error)
        splitter.addWidget(left)

        right = self.right_tabs = QTabWidget()
        self.disagreement = QTableWidget(0, 5)
        self.disagreement.setAccessibleName("Programs by disagreement")
        self.disagreement.setHorizontalHeaderLabels(
            ["Program", "Raters", "Disagreement", "Quadrant", "Widest split"]
        )
        self.disagreement.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.disagreement.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.disagreement.horizontalHeader().setStretchLastSection(True)
        self.disagreement.setToolTip("Double-click a program to rate it")
        right.addTab(self.disagreement, "Most disagreement first")
        self.canvas = ChartCanvas()
        right.addTab(self.canvas, "Quadrant")
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([600, 400])  # the grid first: it is where the room works
        splitter.setChildrenCollapsible(False)

        # The ranking and the chart follow a burst of typed scores once, not per keystroke.
        self._charts = QTimer(self)
        self._charts.setSingleShot(True)
        self._charts.setInterval(CHART_DELAY_MS)
        self._charts.timeout.connect(self._load_disagreement)

        self.add_member_button.clicked.connect(self.ask_member)
        self.remove_member_button.clicked.connect(self.ask_remove_member)
        self.previous_button.clicked.connect(lambda: self._step_program(-1))
        self.next_button.clicked.connect(lambda: self._step_program(1))
        self.program.currentIndexChanged.connect(lambda _i: self._load_grid())
        self.grid.itemChanged.connect(self._cell_edited)
        self.disagreement.cellDoubleClicked.connect(self._pick_from_table)
        session.changed.connect(lambda _c: self.request_refresh())
        session.document_changed.connect(self.request_refresh)
        self.request_refresh()

    # -- refresh -------------------------------------------------------------------------
    def refresh(self) -> None:
        open_ = self.session.is_open
        for widget in (self.add_member_button, self.previous_button, self.next_button):
            widget.setEnabled(open_)
        current = self.program.currentData()
        self.program.blockSignals(True)
        self.program.clear()
        self.people = R.members(self.session.district) if open_ else []
        self.remove_member_button.setEnabled(bool(self.people))
        if open_:
            for item in self.session.district.items_of("program"):
                if item.live:
                    self.program.addItem(item.name, item.id)
            index = self.program.findData(current)
            self.program.setCurrentIndex(max(index, 0))
        self.program.blockSignals(False)
        count = len(self.people)
        self.cabinet.setText(
            f"Cabinet: {count} member{'s' if count != 1 else ''}"
            if count
            else "No cabinet members yet: add each person who rates."
        )
        self._load_grid()
        self._charts.start()

    def current_program(self) -> str | None:
        data = self.program.currentData()
        return None if data is None else str(data)

    def select_program(self, program_id: str) -> None:
        index = self.program.findData(program_id)
        if index >= 0:
            self.program.setCurrentIndex(index)

    def _step_program(self, delta: int) -> None:
        count = self.program.count()
        if count:
            self.program.setCurrentIndex((self.program.currentIndex() + delta) % count)

    def _load_grid(self) -> None:
        self._loading = True
        grid = self.grid
        row, column = grid.currentRow(), grid.currentColumn()
        program_id = self.current_program()
        people = self.people if program_id is not None else []
        grid.setColumnCount(FIRST_MEMBER_COLUMN + len(people))
        for c, member in enumerate(people, start=FIRST_MEMBER_COLUMN):
            head = QTableWidgetItem(member.name)
            head.setToolTip(f"{member.name}, {member.role}" if member.role else member.name)
            grid.setHorizontalHeaderItem(c, head)
        scores = R.scores_of(self.session.district, program_id) if program_id else {}
        summary = R.program_ratings(self.session.district, program_id) if program_id else None
        italic = QFont(grid.font())
        italic.setItalic(True)
        for r, dimension in enumerate(R.DIMENSIONS):
            sp = summary.spreads[dimension] if summary else R.spread([])
            dont_know = str(sp.dont_know) if sp.dont_know else ""
            for c, text in enumerate((mean_text(sp), range_text(sp), dont_know)):
                cell = QTableWidgetItem(text)
                cell.setFlags(Qt.ItemFlag.ItemIsEnabled)
                cell.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                grid.setItem(r, c, cell)
            for c, member in enumerate(people, start=FIRST_MEMBER_COLUMN):
                value = scores.get(member.name, {}).get(dimension)
                cell = QTableWidgetItem(score_text(dimension, value))
                cell.setData(SCORE_ROLE, value)
                cell.setToolTip(f"{member.name}: {R.DIMENSION_LABELS[dimension]}")
                if value == R.DONT_KNOW:
                    cell.setFont(italic)
                grid.setItem(r, c, cell)
        if 0 <= row < grid.rowCount() and 0 <= column < grid.columnCount():
            grid.setCurrentCell(row, column)
        self.spread.setText(self._summary_text(summary, len(people)))
        votes = program_votes(self.session.district, program_id) if program_id else []
        self.votes.setText(votes_text(votes))
        self.votes.setVisible(bool(votes))
        self._loading = False

    def _summary_text(self, summary: R.ProgramRatings | None, people: int) -> str:
        if not self.session.is_open or summary is None:
            return ""
        if not people:
            return "Add cabinet members, then rate."
        if not summary.raters:
            return "Nobody has rated this program yet: select a cell and type a score."
        quadrant = R.QUADRANT_LABELS[summary.quadrant]
        return (
            f"{summary.raters} of {people} members rated this program. Mean is the average "
            f"score; range the lowest to the highest. Quadrant: {quadrant}."
        )

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
                pr.name,
                str(pr.raters),
                f"{pr.disagreement:.0%}",
                R.QUADRANT_LABELS[pr.quadrant],
                f"{R.DIMENSION_LABELS[widest]} {range_text(sp)}" if sp.low is not None else "",
            ]
            for c, value in enumerate(values):
                cell = QTableWidgetItem(value)
                cell.setData(Qt.ItemDataRole.UserRole, pr.program_id)
                self.disagreement.setItem(r, c, cell)
        self.disagreement.resizeColumnsToContents()
        from coherence_planner.reports.charts.quadrant import draw_quadrant  # matplotlib

        draw_quadrant(self.canvas.figure, rated)
        self.canvas.draw_idle()

    def _pick_from_table(self, row: int, _column: int) -> None:
        cell = self.disagreement.item(row, 0)
        if cell is not None:
            self.select_program(str(cell.data(Qt.ItemDataRole.UserRole)))

    # -- editing -------------------------------------------------------------------------
    def _cell_edited(self, cell: QTableWidgetItem) -> None:
        if not self._loading and cell.column() >= FIRST_MEMBER_COLUMN:
            self.set_score_at(cell.row(), cell.column(), cell.data(SCORE_ROLE))

    def set_score_at(self, row: int, column: int, value: Any) -> bool:
        member = column - FIRST_MEMBER_COLUMN
        if not 0 <= member < len(self.people) or not 0 <= row < len(R.DIMENSIONS):
            return False
        return self.set_score(self.people[member].name, R.DIMENSIONS[row], value)

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
        dialog = MemberDialog(self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.add_member(dialog.name.text(), dialog.role.text().strip())

    def add_member(self, name: str, role: str = "") -> bool:
        try:
            self.session.push(R.add_member(self.session.district, name, role))
        except USER_ERRORS as exc:
            QMessageBox.warning(self, "Cabinet", explain(exc))
            return False
        return True

    def ask_remove_member(self) -> None:
        names = [m.name for m in self.people]
        if not names:
            return
        column = self.grid.currentColumn() - FIRST_MEMBER_COLUMN
        name, ok = QInputDialog.getItem(
            self,
            "Remove cabinet member",
            "Remove this member and their ratings (Undo brings them back):",
            names,
            column if 0 <= column < len(names) else 0,
            False,
        )
        if ok:
            self.remove_member(name)

    def remove_member(self, name: str) -> bool:
        try:
            self.session.push(R.remove_member(self.session.district, name))
        except USER_ERRORS as exc:
            QMessageBox.warning(self, "Cabinet", explain(exc))
            return False
        return True
