"""The alignment matrix as a table model that answers for the cells on screen.

The matrix was a QStandardItemModel holding an item per cell: 11,000 rows by 52 columns at
10,000 programs, 570,000 items made (and aligned, and given a sort key) before the tab could
show, a 4.9 s freeze. This model keeps the rows it is given and works out a cell's text,
alignment, tooltip or sort key only when the view or the sorting proxy asks.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from coherence_planner.domain import vocab
from coherence_planner.ui.plain_text import tooltip

DIRECT = "●"
THROUGH = "○"
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
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
        self._rows: Sequence[Any] = []  # matrix.MatrixRow
        self._headers: list[str] = []
        self._header_tips: list[str] = []

    def set_rows(self, rows: Sequence[Any], goal_headers: list[str], goal_tips: list[str]) -> None:
        self.beginResetModel()
        self._rows = rows
        self._headers = ["Item", "Kind", *goal_headers]
        self._header_tips = ["", "", *goal_tips]
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        if not index.isValid():
            return None
        rank, column = index.row(), index.column()
        row = self._rows[rank]
        if column == 0:
            if role == _DISPLAY:
                return row.name + ("  (serves no goal)" if row.orphan else "")
            if role == SORT_ROLE:
                return rank
            if role == ID_ROLE:
                return row.item_id
            if role == _TOOLTIP:
                return tooltip(f"{row.name} ({row.item_id})")
            return None
        if column == 1:
            if role == _DISPLAY:
                return vocab.KIND_LABELS[row.kind]
            if role == SORT_ROLE:
                return ROW_KINDS.index(row.kind) * 1_000_000 + rank
            return None
        cell = row.cells[column - 2]
        if role == _DISPLAY:
            return cell
        if role == _ALIGN:
            return _CENTRE
        if role == SORT_ROLE:
            return _CELL_WEIGHT[cell] * 1_000_000 + rank
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self._headers):
            return None
        if role == _DISPLAY:
            return self._headers[section]
        if role == _TOOLTIP and self._header_tips[section]:
            return self._header_tips[section]
        return None
