"""The alignment matrix as a table model that answers for the cells on screen.

The matrix was a QStandardItemModel holding an item per cell: 11,000 rows by 52 columns at
10,000 programs, 570,000 items made (and aligned, and given a sort key) before the tab could
show, a 4.9 s freeze. This model keeps the rows it is given and works out a cell's text,
alignment or tooltip only when the view asks. It sorts itself (a click on a header): a
sorting proxy compared rows through data() calls into Python, 0.6 s a click at that size;
one key per row and Python's sort take a few milliseconds.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from coherence_planner.domain.model import vocab
from coherence_planner.ui.plain_text import tooltip

DIRECT = "●"
THROUGH = "○"
ID_ROLE = Qt.ItemDataRole.UserRole + 2
ROW_KINDS = ("strategy", "program", "policy")
# Sorting a goal's column puts direct first, then through, then none; ties in plan order.
_CELL_WEIGHT = {DIRECT: 0, THROUGH: 1, "": 2}
_CENTRE = int(Qt.AlignmentFlag.AlignCenter)
_DISPLAY = Qt.ItemDataRole.DisplayRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
_ALIGN = Qt.ItemDataRole.TextAlignmentRole

Index = QModelIndex | QPersistentModelIndex


class AlignmentModel(QAbstractTableModel):
    """Rows of (item id, name, kind, cells): columns Item, Kind, then one per goal."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._base: Sequence[Any] = []  # matrix.MatrixRow, in the matrix's own order
        self._rows: list[Any] = []  # the same, as sorted now
        self._rank: dict[str, int] = {}  # item id -> place in the matrix's own order
        self._sorted_by: tuple[int, Qt.SortOrder] = (-1, Qt.SortOrder.AscendingOrder)
        self._headers: list[str] = []
        self._header_tips: list[str] = []
        self._say_counts = False  # some goal columns are out of sight: rows say how many

    def set_rows(self, rows: Sequence[Any], goal_headers: list[str], goal_tips: list[str]) -> None:
        self.beginResetModel()
        self._base = rows
        self._rank = {row.item_id: rank for rank, row in enumerate(rows)}
        self._rows = self._ordered(*self._sorted_by)
        self._headers = ["Item", "Kind", *goal_headers]
        self._header_tips = ["", "", *goal_tips]
        self.endResetModel()

    def set_goal_headers(self, goal_headers: list[str]) -> None:
        """New header words for the goal columns (rewrapped for a new column width)."""
        self._headers[2:] = goal_headers
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 2, len(self._headers) - 1)

    def say_counts(self, on: bool) -> None:
        """With `on`, each row's name says how many goals it serves: when some goal columns
        are out of sight, a row whose marks are all there must not look as if it served none."""
        if on != self._say_counts:
            self._say_counts = on
            if self._rows:
                self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, 0))

    def sort_key(self, row: Any, column: int) -> int:
        """Where `row` goes when `column` is sorted: a goal's column puts direct first,
        then through, then none; the kind column goes by kind; ties in the matrix's order."""
        rank = self._rank[row.item_id]
        if column == 1:
            return ROW_KINDS.index(row.kind) * 1_000_000 + rank
        if column >= 2:
            return _CELL_WEIGHT[row.cells[column - 2]] * 1_000_000 + rank
        return rank

    def _ordered(self, column: int, order: Qt.SortOrder) -> list[Any]:
        if column < 0 or column >= 2 + len(self._base[0].cells if self._base else ()):
            return list(self._base)
        descending = order == Qt.SortOrder.DescendingOrder
        return sorted(self._base, key=lambda row: self.sort_key(row, column), reverse=descending)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        before = {id(row): n for n, row in enumerate(self._rows)}
        self._sorted_by = (column, order)
        self._rows = self._ordered(column, order)
        after = {id(row): n for n, row in enumerate(self._rows)}
        moved_from = {before[key]: row for key, row in after.items()}
        old = self.persistentIndexList()  # the selection follows its rows
        new = [self.index(moved_from[i.row()], i.column()) for i in old]
        self.changePersistentIndexList(old, new)
        self.layoutChanged.emit()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        if not index.isValid():
            return None
        column = index.column()
        row = self._rows[index.row()]
        if column == 0:
            if role == _DISPLAY:
                if row.orphan:
                    return row.name + "  (serves no goal)"
                if self._say_counts:
                    served = sum(1 for cell in row.cells if cell)
                    return f"{row.name}  (serves {served} goal{'' if served == 1 else 's'})"
                return row.name
            if role == ID_ROLE:
                return row.item_id
            if role == _TOOLTIP:  # the whole name, which a narrow column elides
                return tooltip(self.data(index, _DISPLAY))
            if role == Qt.ItemDataRole.StatusTipRole:  # and on hover, in the status bar
                return self.data(index, _DISPLAY)
            return None
        if column == 1:
            if role == _DISPLAY:
                return vocab.KIND_LABELS[row.kind]
            return None
        cell = row.cells[column - 2]
        if role == _DISPLAY:
            return cell
        if role == _ALIGN:
            return _CENTRE
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self._headers):
            return None
        if role == _DISPLAY:
            return self._headers[section]
        if role == _TOOLTIP and self._header_tips[section]:
            return self._header_tips[section]
        return None
