"""The window on the screens cabinets have: maximised on first run, then as the person left
it but never larger than the screen; the compact layout below 1440 px, remembered when
changed. (The offscreen test screen is 800x800: a small screen.)"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from coherence_planner.ui.shell import geometry


def make_window(qtbot: Any) -> Any:
    from coherence_planner.ui.shell.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    return window


def test_first_run_is_maximised_and_compact_on_a_small_screen(
    qtbot: Any, sample_plan: Path
) -> None:
    window = make_window(qtbot)
    assert window.windowState() & Qt.WindowState.WindowMaximized
    assert geometry.compact_by_default(window)  # 800 px < 1440 px
    assert window.navigation.compact_action.isChecked()
    window.show()
    window.documents.open_plan(sample_plan)
    # The Plan view's Room keeps the panels aside as the plan opens; a view without one
    # shows them (a hidden dock is in no tab group).
    window.show_view(window.findings_view.page)
    # Compact: the Items list and the Inspector share one column as tabs.
    assert window.browser_dock in window.tabifiedDockWidgets(window.inspector_dock)
    window.close()


def test_the_layout_chosen_is_kept(qtbot: Any) -> None:
    window = make_window(qtbot)
    window.navigation.compact_action.trigger()  # off: the wide layout
    assert window.dockWidgetArea(window.browser_dock) == Qt.DockWidgetArea.LeftDockWidgetArea
    assert window.dockWidgetArea(window.inspector_dock) == Qt.DockWidgetArea.RightDockWidgetArea
    assert not window.tabifiedDockWidgets(window.inspector_dock)
    window.close()
    again = make_window(qtbot)
    assert not again.navigation.compact
    assert not again.navigation.compact_action.isChecked()
    assert again.dockWidgetArea(again.browser_dock) == Qt.DockWidgetArea.LeftDockWidgetArea
    again.close()


def test_a_window_saved_on_a_big_monitor_opens_on_the_laptop_screen(qtbot: Any) -> None:
    window = make_window(qtbot)
    window.setWindowState(Qt.WindowState.WindowNoState)
    window.show()
    window.setGeometry(600, 500, 1900, 1000)  # left as it was on a 1920x1080 monitor
    window.close()
    again = make_window(qtbot)
    assert not again.isMaximized()  # the person's choice, not the first-run default
    screen = again.screen().availableGeometry()
    assert screen.contains(again.frameGeometry())
    again.close()
