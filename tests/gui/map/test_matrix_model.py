"""The alignment matrix's table model: cells worked out when asked, a sound Qt model,
sorting a goal's column puts direct first, then through others, then none."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPersistentModelIndex, Qt

from coherence_planner.domain.analysis.coherence import analyse
from coherence_planner.ui.map.matrix import MatrixRow, alignment
from coherence_planner.ui.map.matrix_model import (
    DIRECT,
    ID_ROLE,
    THROUGH,
    AlignmentModel,
)
from tests.factories import g, make, p, s, sup


def _model() -> tuple[AlignmentModel, list[str], dict[str, MatrixRow]]:
    district = make(
        goals=[g("G1", name="Readers by grade 3"), g("G2", name="Every student attends")],
        strategies=[s("S1", name="Tiered reading")],
        programs=[p("P1", name="Tutoring"), p("P2", name="Phonics kits"), p("P3", name="Robots")],
        links=[sup("S1", "G1"), sup("P1", "S1"), sup("P2", "G1"), sup("P2", "G2")],
    )
    goals, rows = alignment(district, analyse(district))
    model = AlignmentModel()
    model.set_rows(rows, [district.items[x].label for x in goals], ["tip 1", "tip 2"])
    return model, goals, {row.item_id: row for row in rows}


def test_the_model_is_sound_and_says_each_cell(qtmodeltester: Any) -> None:
    model, goals, _rows = _model()
    qtmodeltester.check(model)
    assert goals == ["G1", "G2"]
    assert model.columnCount() == 4 and model.rowCount() == 4
    ids = [model.index(r, 0).data(ID_ROLE) for r in range(4)]
    assert ids[-1] == "P3"  # serving no goal: last
    last = model.index(3, 0).data()
    assert last == "Robots  (serves no goal)"
    p1 = ids.index("P1")
    assert model.index(p1, 2).data() == THROUGH and model.index(p1, 3).data() == ""
    assert model.index(p1, 2).data(Qt.ItemDataRole.TextAlignmentRole) == int(
        Qt.AlignmentFlag.AlignCenter
    )
    assert model.headerData(2, Qt.Orientation.Horizontal) == "Readers by grade 3"
    assert model.headerData(3, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole) == "tip 2"


def test_sorting_a_goal_column_puts_direct_then_through_then_none() -> None:
    model, _goals, rows = _model()
    plan_order = [model.index(r, 0).data(ID_ROLE) for r in range(model.rowCount())]
    chosen = QPersistentModelIndex(model.index(plan_order.index("P1"), 0))  # a selection
    model.sort(2, Qt.SortOrder.AscendingOrder)
    cells = [model.index(r, 2).data() for r in range(model.rowCount())]
    assert cells == [DIRECT, DIRECT, THROUGH, ""]
    assert chosen.data(ID_ROLE) == "P1"  # it followed its row
    shown = [rows[model.index(r, 0).data(ID_ROLE)] for r in range(model.rowCount())]
    keys = [model.sort_key(row, 2) for row in shown]
    assert keys == sorted(keys)
    model.sort(2, Qt.SortOrder.DescendingOrder)
    assert [model.index(r, 2).data() for r in range(model.rowCount())] == [
        "",
        THROUGH,
        DIRECT,
        DIRECT,
    ]
    model.sort(-1)  # no column: the matrix's own order again
    assert [model.index(r, 0).data(ID_ROLE) for r in range(model.rowCount())] == plan_order
