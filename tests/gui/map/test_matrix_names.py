"""The alignment matrix gives the names a person reads their room before the goal columns
take more than they need (issue 27: at 1366x768 each goal had 170 px and the names were cut
in a 220 px column)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from tests.gui.cell_checks import cut_cells
from tests.gui.helpers import wait_for_analysis
from tests.gui.shell.test_walk_views import MAXIMISED


@pytest.mark.parametrize("size", list(MAXIMISED), ids=list(MAXIMISED))
def test_every_name_is_whole_beside_every_goal_column(
    qtbot: Any, ui_font: str, window: Any, sample_plan: Path, size: str
) -> None:
    window.resize(*MAXIMISED[size])
    window.documents.open_plan(sample_plan)
    wait_for_analysis(qtbot, window)
    matrix = window.matrix
    window.show_view(matrix)
    qtbot.wait(50)
    table = matrix.table
    header = table.horizontalHeader()
    last = 2 + len(matrix.goals) - 1
    assert header.sectionViewportPosition(last) + header.sectionSize(last) <= (
        table.viewport().width() + 1
    )
    # No name elided, even one whose whole text the tooltip would give: scroll through all.
    cut = []
    for row in range(0, matrix.model.rowCount(), 10):
        table.scrollTo(matrix.model.index(row, 0))
        table.setMouseTracking(False)  # a cut that only the tooltip makes whole counts too
        cut += cut_cells(matrix)
        table.setMouseTracking(True)
    assert not cut, sorted(set(cut))
    assert table.textElideMode() == Qt.TextElideMode.ElideMiddle
