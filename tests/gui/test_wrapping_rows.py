"""A tree's wrapped rows are as tall as their lines, at the width the text really has, and
grow again when the column narrows (issue 27: the Findings tree and the Inspector's links
cut names off after one line)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetrics, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QTreeView

from coherence_planner.ui.wrapping_rows import wrap_rows

NAME = "Supported by Data-driven instructional cycles in professional learning communities"


def lines_needed(view: QTreeView, width: int) -> int:
    metrics = QFontMetrics(view.font())
    flags = int(Qt.TextFlag.TextWordWrap)
    return metrics.boundingRect(QRect(0, 0, width, 10_000), flags, NAME).height()


def test_a_wrapped_row_is_as_tall_as_its_lines_and_grows_when_the_column_narrows(
    qtbot: Any,
) -> None:
    model = QStandardItemModel()
    parent = QStandardItem("Findings")
    parent.appendRow(QStandardItem(NAME))
    model.appendRow(parent)
    view = QTreeView()
    qtbot.addWidget(view)
    view.setHeaderHidden(True)
    view.setModel(model)
    wrap_rows(view)
    view.resize(260, 300)
    view.show()
    view.expandAll()
    qtbot.waitExposed(view)
    child = model.index(0, 0, model.index(0, 0))
    text_width = view.visualRect(child).width() - 8  # the item view's text margins
    assert (
        view.visualRect(child).height()
        >= lines_needed(view, text_width)
        > (view.fontMetrics().height() * 2)
    )
    before = view.visualRect(child).height()
    view.resize(170, 300)
    qtbot.waitUntil(lambda: view.visualRect(child).height() > before)
    text_width = view.visualRect(child).width() - 8
    assert view.visualRect(child).height() >= lines_needed(view, text_width)
