"""Small steps a person takes, shared by the GUI tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget


def findings_count(window: Any, section: str) -> int:
    head = window.findings.model.section_index(section)
    return -1 if head is None else head.rowCount()


def wait_for_analysis(qtbot: Any, window: Any) -> None:
    qtbot.waitUntil(
        lambda: not window.session.analysis_pending and window.session.analysis is not None,
        timeout=5000,
    )


def shown_on_map(
    qtbot: Any, window: Any, plan: Path, size: tuple[int, int], timeout: int = 5000
) -> Any:
    """Open `plan` in a window of `size`, show the Map tab and wait until its map is built
    from a finished layout; the map panel."""
    window.resize(*size)
    window.documents.open_plan(plan)
    wait_for_analysis(qtbot, window)
    window.show_view(window.map_panel)
    panel = window.map_panel
    qtbot.waitUntil(
        lambda: panel.layout_ is not None and not panel.runner.busy and bool(panel.scene.cards),
        timeout=timeout,
    )
    return panel


def type_into(qtbot: Any, widget: QWidget, text: str) -> None:
    """Select what the field holds, type `text` and press Enter, as a person would."""
    widget.setFocus()
    select_all = getattr(widget, "selectAll", None)
    if select_all is not None:
        select_all()
    qtbot.keyClicks(widget, text)
    qtbot.keyClick(widget, Qt.Key.Key_Return)
