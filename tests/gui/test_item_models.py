"""Rebuilt item models hand their rows back to Python instead of deleting them in C++."""

from __future__ import annotations

from typing import Any

import shiboken6
from PySide6.QtGui import QStandardItem, QStandardItemModel

from coherence_planner.ui.item_models import discard_rows


def test_discarded_rows_leave_held_items_alive_and_detached(qtbot: Any) -> None:
    model = QStandardItemModel()
    head = QStandardItem("head")
    head.appendRow(QStandardItem("child"))
    model.appendRow(head)
    model.appendRow(QStandardItem("second"))
    held = model.item(0)
    discard_rows(model)
    assert model.rowCount() == 0
    # The item we still hold was handed back to Python: valid, readable, in no model.
    assert shiboken6.isValid(held)
    assert held.text() == "head"
    assert held.model() is None
