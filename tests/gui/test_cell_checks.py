"""The walk's cell checks find what a person would see cut or coded in a table's cells."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from tests.gui.cell_checks import coded_cells, cut_cells

NAME = "Every student reads on grade level by the end of third grade"


def table_of(qtbot: Any, *texts: str) -> tuple[QWidget, QTableWidget]:
    top = QWidget()
    qtbot.addWidget(top)
    table = QTableWidget(len(texts), 1)
    table.setAccessibleName("Names")
    table.setWordWrap(False)
    QVBoxLayout(top).addWidget(table)
    for row, text in enumerate(texts):
        table.setItem(row, 0, QTableWidgetItem(text))
    table.setColumnWidth(0, 120)
    top.resize(300, 300)
    top.show()
    qtbot.waitExposed(top)
    return top, table


def test_a_cut_name_is_found_unless_the_view_says_the_rest(qtbot: Any) -> None:
    top, table = table_of(qtbot, NAME, "Short")
    assert cut_cells(top) == [f"Names cell {NAME[:50]!r}: " + cut_cells(top)[0].split(": ")[1]]
    cell = table.item(0, 0)
    cell.setToolTip(NAME)
    assert len(cut_cells(top)) == 1  # a tooltip alone: the status bar does not say it
    cell.setStatusTip(NAME)
    table.setMouseTracking(True)
    assert cut_cells(top) == []
    table.setTextElideMode(Qt.TextElideMode.ElideNone)  # clipped with no mark at all
    assert len(cut_cells(top)) == 1


def test_a_wrapped_name_in_a_row_too_short_for_its_lines_is_found(qtbot: Any) -> None:
    top, table = table_of(qtbot, NAME)
    table.setWordWrap(True)
    assert "wraps to" in " ".join(cut_cells(top))
    table.resizeRowsToContents()
    assert cut_cells(top) == []


def test_ids_in_cells_are_found(qtbot: Any) -> None:
    top, _table = table_of(qtbot, "P7", "new, id G7", "Grade 3 reading", "BP 6142.92")
    assert coded_cells(top) == ["Names cell 'P7'", "Names cell 'new, id G7'"]
