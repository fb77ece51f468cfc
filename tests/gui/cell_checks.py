"""What a person would see cut or coded in the cells of tables, trees and lists (issue 27).

- `cut_cells(top)`: every cell in sight whose text the view draws shortened. Measured as the
  view draws it: the delegate's own style option (font, icon, word wrap, elide mode), the
  style's text rectangle inside the cell (after the indent, the icon and the check box) and
  the item view's text margins. A name a person needs to decide by may be shortened only if
  the view says the rest: the whole text as the cell's tooltip and its status tip, with the
  mouse tracked so that hovering puts it in the status bar. A cell that wraps must be tall
  enough for all of its lines.
- `coded_cells(top)`: cells that show an id where a name belongs ("P7", "new, id G7").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from PySide6.QtCore import QModelIndex, QRect, Qt
from PySide6.QtGui import QFontMetrics, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QStyleOptionViewItem,
    QTreeView,
    QWidget,
)

from tests.gui.layout_checks import shown

# An item's id alone in a cell, or named as one ("id P7", "ids G1, G2").
CODED = re.compile(r"^\s*[BGLPST]\d+\s*$|\bids? [BGLPST]\d+\b")
_ROWS = 400  # enough for every row of the sample; a view never shows more at once


def _columns(model: Any, parent: QModelIndex) -> int:
    try:
        return int(model.columnCount(parent))
    except TypeError:  # a list model keeps its column count to itself: one
        return 1


def _all_indexes(view: QAbstractItemView, open_only: bool) -> Iterator[QModelIndex]:
    """The cells of `view`, three levels deep in a tree (only under open parents if
    `open_only`); a table's model may answer rows for any parent, so its rows stay flat."""
    model = view.model()
    tree = isinstance(view, QTreeView)

    def walk(parent: QModelIndex, depth: int) -> Iterator[QModelIndex]:
        for row in range(min(model.rowCount(parent), _ROWS)):
            for column in range(_columns(model, parent)):
                yield model.index(row, column, parent)
            first = model.index(row, 0, parent)
            if not tree or depth >= 3 or not model.hasChildren(first):
                continue
            if not open_only or view.isExpanded(first):  # type: ignore[attr-defined]
                yield from walk(first, depth + 1)

    yield from walk(QModelIndex(), 0)


def _indexes(view: QAbstractItemView) -> Iterator[QModelIndex]:
    """The cells of `view` a person can see now: inside the viewport, under open parents."""
    sight = view.viewport().rect()
    for index in _all_indexes(view, open_only=True):
        rect = view.visualRect(index)
        if rect.width() > 0 and rect.height() > 0 and rect.intersects(sight):
            yield index


def _plain(text: Any) -> str:
    if not text:
        return ""
    text = str(text)
    if "<" in text:
        doc = QTextDocument()
        doc.setHtml(text)
        text = doc.toPlainText()
    return " ".join(text.split())


def _option(view: QAbstractItemView, index: QModelIndex) -> QStyleOptionViewItem:
    option = QStyleOptionViewItem()
    view.initViewItemOption(option)
    option.rect = view.visualRect(index)
    view.itemDelegateForIndex(index).initStyleOption(option, index)
    return option


def _text_room(view: QAbstractItemView, option: QStyleOptionViewItem) -> QRect:
    style = view.style()
    rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, view)
    margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
    return rect.adjusted(margin, 0, -margin, 0)


def _cut(view: QAbstractItemView, option: QStyleOptionViewItem) -> str | None:
    """How the cell's text is cut, or None when it shows whole."""
    text = option.text
    if not text.strip():
        return None
    room = _text_room(view, option)
    metrics = QFontMetrics(option.font)
    lines = text.split("\n")
    if option.features & QStyleOptionViewItem.ViewItemFeature.WrapText:
        flags = Qt.TextFlag.TextWordWrap | Qt.TextFlag.TextWrapAnywhere
        bounds = QRect(0, 0, max(room.width(), 1), 1_000_000)
        need = metrics.boundingRect(bounds, int(flags), text).height()
        if need > room.height() + 1:
            return f"wraps to {need} px high in a row {room.height()} px high"
        return None
    widest = max(metrics.horizontalAdvance(line) for line in lines)
    if widest > room.width():
        return f"needs {widest} px, has {room.width()}"
    if len(lines) * metrics.lineSpacing() > room.height() + metrics.leading() + 1:
        return f"{len(lines)} lines in a row {room.height()} px high"
    return None


def _says_the_rest(view: QAbstractItemView, index: QModelIndex, text: str) -> bool:
    """The whole text is the cell's tooltip and, on hover, the status bar's message."""
    whole = " ".join(text.split())
    tip = _plain(index.data(Qt.ItemDataRole.ToolTipRole))
    status = _plain(index.data(Qt.ItemDataRole.StatusTipRole))
    return whole in tip and whole in status and view.hasMouseTracking()


def _views(top: QWidget) -> Iterator[QAbstractItemView]:
    """The item views in sight with a model; a header is one too, but shows no cells."""
    for view in shown(top, QAbstractItemView):
        if view.model() is not None and not isinstance(view, QHeaderView):
            yield view


def _name(view: QWidget) -> str:
    return view.accessibleName() or view.objectName() or type(view).__name__


def cut_cells(top: QWidget) -> list[str]:
    """Cells in sight drawn shorter than their text, with nothing to say the rest."""
    problems = []
    for view in _views(top):
        for index in _indexes(view):
            option = _option(view, index)
            how = _cut(view, option)
            if how is None:
                continue
            wraps = option.features & QStyleOptionViewItem.ViewItemFeature.WrapText
            elides = view.textElideMode() != Qt.TextElideMode.ElideNone
            if not wraps and elides and _says_the_rest(view, index, option.text):
                continue
            problems.append(f"{_name(view)} cell {option.text[:50]!r}: {how}")
    return problems


def coded_cells(top: QWidget) -> list[str]:
    """Cells anywhere in `top` (in sight or scrolled away) that show an id for a name."""
    problems = []
    for view in _views(top):
        for index in _all_indexes(view, open_only=False):
            text = _plain(index.data())
            if CODED.search(text):
                problems.append(f"{_name(view)} cell {text[:50]!r}")
    return problems
