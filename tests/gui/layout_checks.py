"""What a person would see cut, overlapped or coded on a screen, found in the widgets.

- `clipped(top)`: widgets showing less of their text than they have, where the whole text
  would be shown by the rules of issue 27: one-line labels, buttons, check boxes, line edits
  and combo boxes whose text is wider than their room, and table headers cut without a
  tooltip that says the rest (a header shortened on purpose carries the whole name as its
  tooltip and in a key).
- `overlapping_text(figure)`: matplotlib texts whose drawn extents intersect, or run off the
  figure.
- `bare_ids(top, ids)`: an item's id shown where a person reads (a label, a button, a cell).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from PySide6 import QtGui
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QFontMetrics, QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QStyle,
    QStyleOptionComboBox,
    QStyleOptionFrame,
    QWidget,
)

_MNEMONIC = re.compile(r"&(?!&)")


def shown(top: QWidget, types: type | tuple[type, ...] = QWidget) -> Iterator[Any]:
    """The widgets of `top` of `types` a person can see (not Qt's own inner parts)."""
    for widget in top.findChildren(types):
        if not widget.isVisibleTo(top) or not widget.isVisible() or widget.isWindow():
            continue
        if widget.objectName().startswith("qt_") or isinstance(
            widget.parentWidget(), QLineEdit | QComboBox | QAbstractSpinBox
        ):
            continue
        if widget.width() <= 0 or widget.height() <= 0:
            continue
        yield widget


def _name(widget: QWidget) -> str:
    return widget.accessibleName() or widget.objectName() or type(widget).__name__


def _rich(widget: QLabel | QAbstractButton) -> bool:
    text = widget.text()
    if isinstance(widget, QLabel) and widget.textFormat() != Qt.TextFormat.AutoText:
        return widget.textFormat() == Qt.TextFormat.RichText
    return bool(QtGui.Qt.mightBeRichText(text))  # type: ignore[attr-defined]


def _label_problem(label: QLabel) -> str | None:
    text = label.text()
    if not text or label.wordWrap():
        return None
    room = label.contentsRect().width() - 2 * label.margin() - 2 * label.indent()
    if _rich(label):
        doc = QTextDocument()
        doc.setDefaultFont(label.font())
        doc.setDocumentMargin(0)
        doc.setHtml(text)
        need = doc.idealWidth()
    else:
        metrics = QFontMetrics(label.font())
        if label.buddy() is not None:  # "&Goal:" shows as "Goal:"
            text = _MNEMONIC.sub("", text)
        need = max(metrics.horizontalAdvance(line) for line in text.splitlines() or [""])
    if need > room + 1:
        return f"label {text[:50]!r}: needs {need:.0f} px, has {room}"
    return None


def _button_problem(button: QAbstractButton) -> str | None:
    if not button.text():
        return None
    need = button.sizeHint().width()
    if isinstance(button, QCheckBox | QRadioButton | QPushButton) and button.width() < need - 1:
        text = _MNEMONIC.sub("", button.text())
        return f"button {text[:50]!r}: needs {need} px, has {button.width()}"
    return None


def _line_edit_problem(edit: QLineEdit) -> str | None:
    text = edit.text()
    if not text:
        return None
    option = QStyleOptionFrame()
    edit.initStyleOption(option)
    inner = edit.style().subElementRect(QStyle.SubElement.SE_LineEditContents, option, edit)
    margins = edit.textMargins()
    room = inner.width() - margins.left() - margins.right() - 4  # Qt's 2 px either side
    need = QFontMetrics(edit.font()).horizontalAdvance(text)
    if need > room:
        return f"field {_name(edit)} {text[:50]!r}: needs {need} px, has {room}"
    return None


def _combo_problem(combo: QComboBox) -> str | None:
    text = combo.currentText()
    if not text or combo.isEditable():
        return None
    need = QFontMetrics(combo.font()).horizontalAdvance(text)
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    field = combo.style().subControlRect(
        QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, combo
    )
    room = field.width()
    if not combo.itemIcon(combo.currentIndex()).isNull():
        room -= combo.iconSize().width() + 4
    if need > room:
        return f"choice {_name(combo)} {text[:50]!r}: needs {need} px, has {room}"
    return None


def _header_problems(header: QHeaderView) -> Iterator[str]:
    """A header cut with no tooltip to say the rest; columns off screen scroll into view."""
    model = header.model()
    if model is None or header.orientation() != Qt.Orientation.Horizontal:
        return
    metrics = QFontMetrics(header.font())
    margin = 2 * header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
    for section in range(header.count()):
        if header.isSectionHidden(section) or header.sectionSize(section) <= 0:
            continue
        text = str(model.headerData(section, Qt.Orientation.Horizontal) or "")
        tip = model.headerData(section, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
        if not text or tip:
            continue
        need = max(metrics.horizontalAdvance(line) for line in text.splitlines()) + margin
        if need > header.sectionSize(section) + 1:
            yield f"column {text[:40]!r}: needs {need} px, has {header.sectionSize(section)}"


def clipped(top: QWidget) -> list[str]:
    """Everything in `top` whose text is cut where the whole text would fit."""
    problems: list[str | None] = []
    for widget in shown(top):
        if isinstance(widget, QLabel):
            problems.append(_label_problem(widget))
        elif isinstance(widget, QAbstractButton):
            problems.append(_button_problem(widget))
        elif isinstance(widget, QLineEdit) and widget.isVisible():
            problems.append(_line_edit_problem(widget))
        elif isinstance(widget, QComboBox):
            problems.append(_combo_problem(widget))
        elif isinstance(widget, QHeaderView):
            problems.extend(_header_problems(widget))
    return [p for p in problems if p]


# -- matplotlib ---------------------------------------------------------------------------
def _texts(figure: Any) -> list[Any]:
    from matplotlib.text import Text

    found = []
    for artist in figure.findobj(Text):
        if artist.get_visible() and artist.get_text().strip() and artist.figure is figure:
            found.append(artist)
    return found


def overlapping_text(figure: Any) -> list[str]:
    """Pairs of drawn texts whose extents intersect, and texts that run off the figure."""
    figure.draw_without_rendering()
    whole = figure.bbox
    boxes = []
    problems = []
    for text in _texts(figure):
        box = text.get_window_extent()
        if box.width <= 0 or box.height <= 0:
            continue
        if box.x0 < whole.x0 - 1 or box.x1 > whole.x1 + 1 or box.y0 < whole.y0 - 1:
            problems.append(f"{text.get_text()!r} runs off the chart")
        if box.y1 > whole.y1 + 1:
            problems.append(f"{text.get_text()!r} runs off the chart")
        boxes.append((text, box))
    for n, (text, box) in enumerate(boxes):
        for other, other_box in boxes[n + 1 :]:
            if box.overlaps(other_box):
                inner_x = min(box.x1, other_box.x1) - max(box.x0, other_box.x0)
                inner_y = min(box.y1, other_box.y1) - max(box.y0, other_box.y0)
                if inner_x > 1 and inner_y > 1:
                    problems.append(f"{text.get_text()!r} overlaps {other.get_text()!r}")
    return problems


# -- ids ----------------------------------------------------------------------------------
def _words(top: QWidget) -> Iterator[tuple[str, str]]:
    """(where, text) for every text a person reads in `top`."""
    for widget in shown(top):
        if isinstance(widget, QLabel | QAbstractButton):
            text = widget.text()
            if _rich(widget):
                doc = QTextDocument()
                doc.setHtml(text)
                text = doc.toPlainText()
            yield _name(widget), text
        elif isinstance(widget, QLineEdit):
            yield _name(widget), widget.text()
        elif isinstance(widget, QComboBox):
            yield _name(widget), widget.currentText()
        elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
            yield from _cells(widget)


def _columns(model: Any, parent: QModelIndex) -> int:
    try:
        return int(model.columnCount(parent))
    except TypeError:  # a list model keeps its column count to itself: one
        return 1


def _cells(view: QAbstractItemView) -> Iterator[tuple[str, str]]:
    model = view.model()
    name = _name(view)
    for column in range(_columns(model, QModelIndex())):
        yield f"{name} header", str(model.headerData(column, Qt.Orientation.Horizontal) or "")

    def walk(parent: QModelIndex, depth: int) -> Iterator[tuple[str, str]]:
        for row in range(min(model.rowCount(parent), 400)):
            for column in range(_columns(model, parent)):
                index = model.index(row, column, parent)
                yield name, str(index.data() or "")
            if depth < 3:
                yield from walk(model.index(row, 0, parent), depth + 1)

    yield from walk(QModelIndex(), 0)


def bare_ids(top: QWidget, ids: Iterable[str]) -> list[str]:
    """Texts in `top` that show an item's id as a word of its own."""
    pattern = re.compile(r"(?<![\w-])(" + "|".join(re.escape(i) for i in ids) + r")(?![\w-])")
    return sorted(
        {f"{where}: {text[:60]!r}" for where, text in _words(top) if text and pattern.search(text)}
    )
