"""The start page paints first; the Overview, the Items list and the Inspector are made in
the turn after (issue 29), so a plan opened a moment later finds them ready, and a plan
opened before the first paint has them made before they show. Started with the sample, the
window first paints the sample's name and "Opening…"; its copy is made in the worker after
that paint, and its findings follow."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject

from coherence_planner.ui import app
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


class FirstPaintState(QObject):
    """What the window was showing at its first paint."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__()
        self.window = window
        self.seen: dict[str, object] = {}
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self.seen:
            window = self.window
            reading = window.documents._reader.current
            self.seen = {
                "title": window.windowTitle(),
                "page": window.stack.currentWidget(),
                "open": window.session.is_open,
                "worker started": reading is not None and reading.thread.ident is not None,
                "findings": window.findings_label.text(),
                "collector on": gc.isenabled(),
            }
        return False


def test_the_sample_is_named_at_the_first_paint_and_its_findings_follow(qtbot: Any) -> None:
    window = app.open_window(demo=True)
    qtbot.addWidget(window)
    spy = FirstPaintState(window)  # installed before the event loop runs: the first paint
    qtbot.waitUntil(lambda: bool(spy.seen), timeout=5000)
    seen = spy.seen
    assert "Riverside" in str(seen["title"]) and "Opening…" in str(seen["title"])
    assert seen["page"] is window.opening_page  # not the start page, nor empty views
    assert "Riverside" in window.opening_page.name.text()
    assert seen["open"] is False and seen["worker started"] is False and seen["findings"] == ""
    # open_window pauses the cycle collector until the first paint, and no longer.
    assert seen["collector on"] is False
    qtbot.waitUntil(gc.isenabled, timeout=5000)
    wait_for_analysis(qtbot, window)
    assert window.session.district.name.startswith("Riverside")
    assert window.stack.currentWidget() is window.views
    assert window.findings_label.text()  # the findings' summary, after the first paint
    assert "Opening" not in window.windowTitle()
    window.close()
