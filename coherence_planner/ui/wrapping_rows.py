"""Tree rows that wrap their text and are as tall as its lines (issue 27).

QTreeView asks its delegate for a row's height with no width (it sets the option's rect to
-1 to save time), so a wrapped text gets the height of one line and its second line is cut
off. `wrap_rows(view)` gives the delegate the width the text will really have, the column
less the row's indentation, and lays the rows out again when a column's width changes.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, QTimer
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem, QTreeView


class WrappingRows(QStyledItemDelegate):
    """A delegate whose size hint wraps the text at the width the view gives the cell."""

    def __init__(self, view: QTreeView) -> None:
        super().__init__(view)
        self._view = view
        # A drag of a splitter resizes a column many times a second: lay out once after it.
        self._relayout = QTimer(self)
        self._relayout.setSingleShot(True)
        self._relayout.setInterval(0)
        self._relayout.timeout.connect(view.doItemsLayout)
        view.header().sectionResized.connect(lambda *_: self._relayout.start())

    def _depth(self, index: QModelIndex | QPersistentModelIndex) -> int:
        depth = 1 if self._view.rootIsDecorated() else 0
        parent = index.parent()
        while parent.isValid():
            depth += 1
            parent = parent.parent()
        return depth

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        width = self._view.columnWidth(index.column())
        if index.column() == self._view.header().logicalIndex(0):
            width -= self._view.indentation() * self._depth(index)
        sized = QStyleOptionViewItem(option)
        sized.rect = QRect(0, 0, max(width, 1), 1_000_000)
        return super().sizeHint(sized, index)


def wrap_rows(view: QTreeView) -> None:
    """Wrap `view`'s texts, each row as tall as its lines."""
    view.setWordWrap(True)
    view.setUniformRowHeights(False)
    view.setItemDelegate(WrappingRows(view))
