"""Safe rebuilding of QStandardItemModels whose items were made in Python.

PySide keeps the wrapper of every QStandardItem appended from Python alive as a child of the
model. `removeRows()` deletes the C++ items behind PySide's back, so the wrappers stay
registered at addresses Qt soon reuses: a later `toggleViewAction()` came back as a stale
QStandardItem (seen in CI). `takeRow()` hands each row back to Python, whose garbage
collector then deletes it through PySide, which unregisters the wrappers.
"""

from __future__ import annotations

from PySide6.QtGui import QStandardItemModel


def discard_rows(model: QStandardItemModel) -> None:
    """Remove every row, letting PySide delete the items it created."""
    while model.rowCount():
        model.takeRow(model.rowCount() - 1)
