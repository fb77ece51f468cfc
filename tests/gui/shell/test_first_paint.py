"""The start page paints first; the Overview, the Items list and the Inspector are made in
the turn after (issue 29), so a plan opened a moment later finds them ready, and a plan
opened before the first paint has them made before they show."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from coherence_planner.ui.shell.main_window import MainWindow
from tests.gui.helpers import wait_for_analysis


def _made(window: MainWindow) -> list[bool]:
    parts = (window.overview_part, window.browser_part, window.inspector_part)
    return [part.built is not None for part in parts]


def test_the_hidden_parts_are_made_after_the_first_paint(qtbot: Any) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    assert _made(window) == [False, False, False]  # not before the window paints
    window.resize(1280, 720)
    window.show()
    qtbot.waitUntil(lambda: all(_made(window)), timeout=5000)
    assert window.inspector_dock.widget().focusProxy() is window.inspector


def test_a_plan_opened_before_the_first_paint_shows_them_made(
    qtbot: Any, sample_plan: Path
) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    window.documents.open_plan(sample_plan)
    assert all(_made(window))
    window.resize(1280, 720)
    window.show()
    wait_for_analysis(qtbot, window)
    assert window.browser.view.model().rowCount() > 0
    assert window.overview.isVisible()
