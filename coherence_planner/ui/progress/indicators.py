"""Are we moving? A goal's progress chart and its indicators, editable in place.

Pick a goal; the chart (the same one the report prints) shows each indicator's path from
baseline to target and where it stands. Editing a number in the table is one undoable
change of the goal's indicators.
"""

from __future__ import annotations

import copy
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from coherence_planner.domain.model import fields as F
from coherence_planner.domain.model.commands import Changes, SetItemFields
from coherence_planner.domain.model.items import Goal, Indicator
from coherence_planner.domain.progress.indicators import goal_progress, indicator_status
from coherence_planner.ui.chart_canvas import ChartCanvas
from coherence_planner.ui.errors import USER_ERRORS, explain
from coherence_planner.ui.inspect.field_widgets import BadNumber
from coherence_planner.ui.map.room import side_panels_button
from coherence_planner.ui.plain_text import html
from coherence_planner.ui.session import DocumentSession

# Each value next to its year, in the order a reader follows the line.
_ORDER = ("name", "unit", "baseline", "baseline_year", "current", "current_year", "target")
COLUMNS = tuple(
    sorted(
        F.INDICATOR_FIELDS,
        key=lambda s: _ORDER.index(s.name) if s.name in _ORDER else len(_ORDER),
    )
)
STATUS_COLUMN = len(COLUMNS)
TABLE_MAX_ROWS = 5  # rows the table shows before it scrolls


def _number(text: str, spec: F.FieldSpec) -> Any:
    text = text.strip()
    if spec.type == F.TEXT:
        return text
    if not text:
        return None
    try:
        number = float(text.replace(",", ""))
    except ValueError:
        raise BadNumber(f"{spec.label}: “{text}” is not a number") from None
    if spec.type == F.YEAR:
        if not number.is_integer():
            raise BadNumber(f"{spec.label}: “{text}” is not a year")
        return int(number)
    return F.clean_number(number)


class IndicatorsView(QWidget):
    def __init__(self, session: DocumentSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.goal_id: str | None = None
        self._filling = False
        self._chart_stale = False

        self.picker = QComboBox()
        self.picker.setAccessibleName("Goal")
        self.picker.currentIndexChanged.connect(self._picked)
        self.status = QLabel()
        self.status.setWordWrap(True)
        top = QHBoxLayout()
        pick_label = QLabel("&Goal:")
        pick_label.setBuddy(self.picker)
        top.addWidget(pick_label)
        top.addWidget(self.picker, 1)
        top.addWidget(side_panels_button(self, "indicators"))

        self.canvas = ChartCanvas(size=(6.4, 4.2))  # matplotlib loads on the first chart
        # The question this view is for, "are we on track?", gets the room: all the height
        # the table (sized to its rows) leaves, about 300 px at 1280x720. Its minimum stays
        # small so that the window can still be made shorter than a laptop's screen.
        self.canvas.setMinimumSize(0, 150)
        self.canvas.after_layout = _separate_labels
        self.canvas.setAccessibleName("Progress chart")

        self.table = QTableWidget(0, len(COLUMNS) + 1)
        self.table.setHorizontalHeaderLabels([s.label for s in COLUMNS] + ["Status"])
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        # An indicator's name wraps in the stretched first column: when a column's width
        # changes, each row is made as tall as its lines and the table as tall as its rows
        # (issue 27). Once per resize: a drag resizes the columns many times a second.
        self._refit = QTimer(self)
        self._refit.setSingleShot(True)
        self._refit.setInterval(0)
        self._refit.timeout.connect(self._fit_table)
        header.sectionResized.connect(lambda *_: self._refit.start())
        self.table.setAccessibleName("Indicators")
        self.table.itemChanged.connect(self._cell_changed)
        self.add_button = QPushButton("&Add indicator")
        self.remove_button = QPushButton("&Remove indicator")
        self.add_button.clicked.connect(self.add_indicator)
        self.remove_button.clicked.connect(self.remove_indicator)
        self.error = QLabel()
        self.error.setStyleSheet("color: #B00020;")
        self.error.setWordWrap(True)
        self.error.hide()
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch()
        self.table.setToolTip(
            "Years are years of results; a blank current year means the plan's school year."
        )
        self.table.setVerticalScrollMode(QTableWidget.ScrollMode.ScrollPerPixel)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addWidget(self.canvas, 1)
        layout.addWidget(self.table)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self._fit_table()

        session.document_changed.connect(self._reload_goals)
        session.changed.connect(self._changed)
        session.selection_changed.connect(self._selection)
        self._reload_goals()
        self._selection(session.selection)  # made when first shown: the goal picked by then

    # -- goals -------------------------------------------------------------------------
    def _goals(self) -> list[Goal]:
        if not self.session.is_open:
            return []
        return [g for g in self.session.district.items_of("goal") if isinstance(g, Goal) and g.live]

    def _reload_goals(self) -> None:
        keep = self.goal_id
        self._filling = True
        self.picker.clear()
        year = self.session.district.school_year if self.session.is_open else ""
        for goal in self._goals():
            word = goal_progress(goal, year).status
            self.picker.addItem(f"{goal.label} — {word}", goal.id)
        self._filling = False
        index = self.picker.findData(keep) if keep else -1
        self.picker.setCurrentIndex(index if index >= 0 else 0 if self.picker.count() else -1)
        self._picked()

    def show_goal(self, goal_id: str) -> None:
        index = self.picker.findData(goal_id)
        if index >= 0:
            self.picker.setCurrentIndex(index)

    def _picked(self) -> None:
        if self._filling:
            return
        self.goal_id = self.picker.currentData()
        self._show()

    def _selection(self, ids: list[str]) -> None:
        goals = [i for i in ids if self.picker.findData(i) >= 0]
        if len(goals) == 1 and goals[0] != self.goal_id:
            self.show_goal(goals[0])

    def _changed(self, changes: Changes) -> None:
        if changes.district or any(
            self.session.district.items.get(i) is None
            or self.session.district.items[i].kind == "goal"
            for i in changes.items
        ):
            self._reload_goals()

    def goal(self) -> Goal | None:
        if self.goal_id is None or not self.session.is_open:
            return None
        goal = self.session.district.items.get(self.goal_id)
        return goal if isinstance(goal, Goal) else None

    # -- showing -----------------------------------------------------------------------
    def _show(self) -> None:
        goal = self.goal()
        self._filling = True
        self.table.setRowCount(0)
        if goal is None:
            self.canvas.clear()
            self.status.setText("No goals yet." if self.session.is_open else "")
            self._filling = False
            return
        year = self.session.district.school_year
        progress = goal_progress(goal, year)
        # Rich text for the bold word; the reason names indicators, typed by a person.
        self.status.setTextFormat(Qt.TextFormat.RichText)
        self.status.setText(f"<b>{progress.status.capitalize()}</b>: {html(progress.reason)}.")
        for row, indicator in enumerate(goal.indicators):
            self.table.insertRow(row)
            for col, spec in enumerate(COLUMNS):
                value = getattr(indicator, spec.name)
                self.table.setItem(row, col, QTableWidgetItem("" if value is None else str(value)))
            word = indicator_status(indicator, year)
            cell = QTableWidgetItem(word)
            cell.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            cell.setForeground(_colour(word))
            bold = cell.font()
            bold.setBold(True)
            cell.setFont(bold)
            cell.setToolTip(
                "On the straight path from baseline to target, the current value is "
                f"{word} for its year."
            )
            self.table.setItem(row, STATUS_COLUMN, cell)
        self._filling = False
        self._fit_table()
        self._chart_stale = True
        if self.isVisible():
            self._draw_chart()

    def _fit_table(self) -> None:
        """The table as tall as its rows (up to TABLE_MAX_ROWS, then it scrolls), so the
        chart above gets the rest of the height instead of an empty table."""
        self.table.resizeRowsToContents()
        rows = self.table.rowCount()
        shown = min(max(rows, 1), TABLE_MAX_ROWS)
        row_height = self.table.verticalHeader().defaultSectionSize()
        height = sum(self.table.rowHeight(r) for r in range(min(rows, shown)))
        height += (shown - min(rows, shown)) * row_height
        height += self.table.horizontalHeader().sizeHint().height()
        height += 2 * self.table.frameWidth()
        if self.table.horizontalScrollBar().isVisible():
            height += self.table.horizontalScrollBar().sizeHint().height()
        self.table.setFixedHeight(height)

    def _draw_chart(self) -> None:
        """Draw the chart (a matplotlib draw takes tens of ms: only when the view shows)."""
        goal = self.goal()
        if goal is not None and self._chart_stale:
            from coherence_planner.reports.charts.indicators import draw_goal_progress

            draw_goal_progress(self.canvas.figure, goal, self.session.district.school_year)
            self.canvas.draw_idle()
        self._chart_stale = False

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._draw_chart()

    # -- editing -----------------------------------------------------------------------
    def _push(self, indicators: list[Indicator], text: str) -> None:
        goal = self.goal()
        if goal is None:
            return
        try:
            self.session.push(
                SetItemFields(self.session.district, goal.id, {"indicators": indicators}, text)
            )
        except USER_ERRORS as exc:
            self.show_error(exc)
            self._show()
        else:
            self.error.hide()

    def show_error(self, exc: Exception) -> None:
        self.error.setText(explain(exc))
        self.error.show()

    def _cell_changed(self, cell: QTableWidgetItem) -> None:
        goal = self.goal()
        if self._filling or goal is None or cell.column() >= len(COLUMNS):
            return
        spec = COLUMNS[cell.column()]
        try:
            value = _number(cell.text(), spec)
            problem = F.check_value(spec, value)
            if problem and spec.name != "name":
                raise BadNumber(f"{spec.label} {problem}")
        except BadNumber as exc:
            self.show_error(exc)
            self._show()
            return
        indicators = copy.deepcopy(goal.indicators)
        if getattr(indicators[cell.row()], spec.name) == value:
            return
        setattr(indicators[cell.row()], spec.name, value)
        self._push(indicators, f"Change {spec.label.lower()} of {goal.name}")

    def add_indicator(self) -> None:
        goal = self.goal()
        if goal is not None:
            indicators = [*copy.deepcopy(goal.indicators), Indicator(name="New indicator")]
            self._push(indicators, f"Add an indicator to {goal.name}")

    def remove_indicator(self) -> None:
        goal = self.goal()
        if goal is None or not goal.indicators:
            return
        row = self.table.currentRow()
        row = row if 0 <= row < len(goal.indicators) else len(goal.indicators) - 1
        indicators = copy.deepcopy(goal.indicators)
        del indicators[row]
        self._push(indicators, f"Remove an indicator from {goal.name}")


def _separate_labels(figure: Any) -> None:
    from coherence_planner.reports.charts.indicators import separate_end_labels

    separate_end_labels(figure)


def _colour(word: str) -> Any:
    from PySide6.QtGui import QColor

    from coherence_planner.reports.palette import STATUS_COLOURS

    return QColor(STATUS_COLOURS[word])
