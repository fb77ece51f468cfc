"""Editors for fields that hold a list of records, shown as a table: a goal's indicators and
a strategy's improvement cycles."""

from __future__ import annotations

import datetime as _dt
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
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
from coherence_planner.domain.model.codec import indicator_to_dict
from coherence_planner.domain.model.items import Indicator
from coherence_planner.ui.inspect.field_widgets import Editor, PlainText, number

MIN_TABLE_WIDTH = 320
MAX_TABLE_ROWS = 6  # rows in sight before the table scrolls
INSPECTOR_INDICATOR_FIELDS = ("name", "current", "target")


class RowsEditor(Editor):
    """A table of records, one per row, with Add and Remove buttons; keys a record has
    beyond the table's columns are kept per row and written back unchanged."""

    noun = ""  # "indicator", "cycle": the buttons' words

    def __init__(
        self, spec: F.FieldSpec, headers: list[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(spec, parent)
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        self.table = QTableWidget(0, len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().hide()
        # A sentence (a cycle's focus, an indicator's name) wraps in a narrow panel: each
        # row as tall as its lines, or the second line is cut off (issue 27).
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # As tall as its rows (two indicators left half the table empty under them): fitted
        # once after the rows or their heights change.
        self._refit = QTimer(self)
        self._refit.setSingleShot(True)
        self._refit.setInterval(0)
        self._refit.timeout.connect(self._fit_height)
        self.table.verticalHeader().sectionResized.connect(lambda *_: self._refit.start())
        self.table.model().rowsInserted.connect(lambda *_: self._refit.start())
        self.table.model().rowsRemoved.connect(lambda *_: self._refit.start())
        self._fit_height()
        # Wider than the Inspector's field column: the form then puts the label above the
        # table and gives it the panel's whole width.
        self.table.setMinimumWidth(MIN_TABLE_WIDTH)
        column.addWidget(self.table)
        self.column = column  # a subclass may add to the editor under the table
        buttons = QHBoxLayout()
        self.add_button = QPushButton(f"Add {self.noun}")
        self.remove_button = QPushButton(f"Remove {self.noun}")
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch()
        column.addLayout(buttons)
        self._add(box)
        self.setFocusProxy(self.table)
        self._extras: list[dict[str, Any]] = []
        self._setting = False
        self.table.itemChanged.connect(self._cell_changed)
        self.add_button.clicked.connect(self._add_row)
        self.remove_button.clicked.connect(self._remove_row)

    def _fit_height(self) -> None:
        rows = min(self.table.rowCount(), MAX_TABLE_ROWS)
        # An empty table keeps one row's room, which shows where a new row goes.
        height = sum(self.table.rowHeight(r) for r in range(rows)) or (
            self.table.verticalHeader().defaultSectionSize()
        )
        height += self.table.horizontalHeader().sizeHint().height() + 2 * self.table.frameWidth()
        if self.table.horizontalScrollBar().isVisible():
            height += self.table.horizontalScrollBar().sizeHint().height()
        self.table.setFixedHeight(height)

    def _new_row(self) -> list[str]:
        """The cells of a row the person adds."""
        raise NotImplementedError

    def _append(self, texts: list[str], extra: dict[str, Any], *, tooltips: bool = False) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        for col, text in enumerate(texts):
            cell = QTableWidgetItem(text)
            if tooltips:
                cell.setToolTip(text)  # the whole text, which a narrow cell cuts
            self.table.setItem(row, col, cell)
        self._extras.append(extra)

    def _fill(
        self, rows: list[tuple[list[str], dict[str, Any]]], *, tooltips: bool = False
    ) -> None:
        self._setting = True
        self.table.setRowCount(0)
        self._extras = []
        for texts, extra in rows:
            self._append(texts, extra, tooltips=tooltips)
        self._setting = False

    def _texts(self, row: int) -> list[str]:
        cells = (self.table.item(row, col) for col in range(self.table.columnCount()))
        return [cell.text().strip() if cell else "" for cell in cells]

    def _add_row(self) -> None:
        self._setting = True
        self._append(self._new_row(), {})
        self._setting = False
        self.committed.emit()

    def _remove_row(self) -> None:
        row = self.table.currentRow()
        if row < 0:
            row = self.table.rowCount() - 1
        if row >= 0:
            self.table.removeRow(row)
            del self._extras[row]
            self.committed.emit()

    def _cell_changed(self) -> None:
        if not self._setting:
            self.committed.emit()


class IndicatorsEditor(RowsEditor):
    """One row per indicator; numbers may be blank (unknown) or negative."""

    noun = "indicator"

    def __init__(self, spec: F.FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, [s.label for s in F.INDICATOR_FIELDS], parent)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setAccessibleName("Indicators")
        # Eight columns in a side panel a third of a laptop wide were cut at "Tar": the
        # Inspector shows where each indicator stands and where it is going; the columns
        # kept out of sight keep their values, and Progress ▸ Indicators shows them all.
        for column, field in enumerate(F.INDICATOR_FIELDS):
            self.table.setColumnHidden(column, field.name not in INSPECTOR_INDICATOR_FIELDS)
        self.table.setWordWrap(True)
        more = QLabel("Units, baselines and years: Progress ▸ Indicators.")
        more.setWordWrap(True)
        self.column.addWidget(more)

    def _new_row(self) -> list[str]:
        return ["New indicator"] + [""] * (len(F.INDICATOR_FIELDS) - 1)

    def value(self) -> list[Indicator]:
        result = []
        for row in range(self.table.rowCount()):
            values: dict[str, Any] = {}
            for text, spec in zip(self._texts(row), F.INDICATOR_FIELDS, strict=True):
                values[spec.name] = text if spec.type == F.TEXT else number(text, spec.type)
            result.append(Indicator(**values, extra=dict(self._extras[row])))
        return result

    def set_value(self, value: Any) -> None:
        rows = []
        for indicator in value:
            data = indicator_to_dict(indicator)
            texts = [
                "" if data.get(spec.name) is None else str(data[spec.name])
                for spec in F.INDICATOR_FIELDS
            ]
            rows.append((texts, dict(indicator.extra)))
        self._fill(rows)


class CyclesEditor(RowsEditor):
    """Improvement cycles of a strategy, oldest first: the table lists each cycle's dates and
    focus, and the selected cycle's evidence and next step are edited in full below it.

    (Five columns of sentences in a table a third of a laptop wide left Focus and Evidence
    about 20 px each, one character per line.)"""

    noun = "cycle"
    IN_TABLE = ("start", "end", "focus")

    def __init__(self, spec: F.FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, [F.CYCLE_LABELS[k] for k in F.CYCLE_KEYS], parent)
        header = self.table.horizontalHeader()
        for col, key in enumerate(F.CYCLE_KEYS):
            if key in ("start", "end"):
                header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
            elif key == "focus":
                header.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)
            else:
                self.table.setColumnHidden(col, True)
        self.table.setWordWrap(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAccessibleName("Improvement cycles")
        self.table.setToolTip(
            "Dates as YYYY-MM-DD; leave the end empty while the cycle is running."
        )
        details = QFormLayout()
        details.setContentsMargins(0, 4, 0, 0)
        self.details: dict[str, PlainText] = {}
        for key in F.CYCLE_KEYS:
            if key in self.IN_TABLE:
                continue
            edit = PlainText()
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(edit.fontMetrics().lineSpacing() * 3 + 12)
            edit.setAccessibleName(f"{F.CYCLE_LABELS[key]} of the selected cycle")
            edit.setEnabled(False)
            edit.left.connect(lambda key=key: self._detail_left(key))
            details.addRow(F.CYCLE_LABELS[key], edit)
            self.details[key] = edit
        self.column.addLayout(details)
        self.table.currentCellChanged.connect(lambda row, *_: self._show_details(row))

    def _new_row(self) -> list[str]:
        start = _dt.date.today().isoformat()
        return [
            start if k == "start" else "New cycle" if k == "focus" else "" for k in F.CYCLE_KEYS
        ]

    def _show_details(self, row: int) -> None:
        texts = self._texts(row) if 0 <= row < self.table.rowCount() else None
        for key, edit in self.details.items():
            edit.setEnabled(texts is not None)
            edit.setPlainText(texts[F.CYCLE_KEYS.index(key)] if texts else "")

    def _detail_left(self, key: str) -> None:
        """The person left a detail box: its text goes into the selected cycle."""
        row = self.table.currentRow()
        if not 0 <= row < self.table.rowCount():
            return
        cell = self.table.item(row, F.CYCLE_KEYS.index(key))  # every row has all its cells
        text = self.details[key].toPlainText()
        if cell is not None and cell.text() != text:
            cell.setText(text)  # itemChanged: the editor commits

    def value(self) -> list[dict[str, Any]]:
        result = []
        for row in range(self.table.rowCount()):
            cycle: dict[str, Any] = dict(zip(F.CYCLE_KEYS, self._texts(row), strict=True))
            cycle.update(self._extras[row])
            result.append(cycle)
        return result

    def set_value(self, value: Any) -> None:
        row = self.table.currentRow()
        self._fill(
            [
                (
                    [str(cycle.get(key, "")) for key in F.CYCLE_KEYS],
                    {k: v for k, v in cycle.items() if k not in F.CYCLE_KEYS},
                )
                for cycle in value
            ],
            tooltips=True,
        )
        self.table.resizeRowsToContents()
        if self.table.rowCount():
            self.table.setCurrentCell(min(max(row, 0), self.table.rowCount() - 1), 0)
        self._show_details(self.table.currentRow())
