"""Entry points, desktop manners, the crash dialog."""

from __future__ import annotations

import sys
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QToolButton

from coherence_planner import cli as entry
from coherence_planner.ui import app as app_module
from coherence_planner.ui import crash


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        ([], {"path": None, "demo": False}),
        (["plan.coherence"], {"path": "plan.coherence", "demo": False}),
        (["--demo"], {"path": None, "demo": True}),
    ],
)
def test_command_line(
    monkeypatch: pytest.MonkeyPatch, argv: list[str], expected: dict[str, Any]
) -> None:
    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(app_module, "run", lambda **kwargs: calls.append(kwargs) or 0)
    assert entry.main(argv) == 0
    assert calls == [expected]


def test_demo_window_opens_a_sample_copy(qtbot: Any) -> None:
    window = app_module.open_window(demo=True)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.session.is_open, timeout=5000)
    assert "sample" in window.session.document.path.name
    window.close()


def test_toolbar_buttons_have_names_and_tooltips(window: Any) -> None:
    for button in window.toolbar.findChildren(QToolButton):
        action = button.defaultAction()
        if action is None or action.isSeparator():
            continue
        assert button.accessibleName(), action.text()
        assert action.toolTip()


def test_every_action_has_a_shortcut_or_menu(window: Any) -> None:
    def reachable(menu: Any) -> set[Any]:
        found = set()
        for action in menu.actions():
            found.add(action)
            if action.menu() is not None:
                found |= reachable(action.menu())
        return found

    in_menus = set()
    for top in window.menuBar().actions():
        in_menus |= reachable(top.menu())
    for action in window.actions():
        assert action in in_menus or not action.shortcut().isEmpty(), action.text()


def test_keyboard_only_add_and_name_a_program(qtbot: Any, window: Any, sample_plan: Any) -> None:
    window.documents.open_plan(sample_plan)
    window.activateWindow()
    qtbot.keyClick(
        window,
        Qt.Key.Key_3,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    program_id = window.session.selection[0]
    focused = QApplication.focusWidget()
    assert focused is window.inspector.editors["name"].edit
    qtbot.keyClicks(focused, "Reading Recovery")
    qtbot.keyClick(focused, Qt.Key.Key_Tab)
    assert window.session.district.items[program_id].name == "Reading Recovery"
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.session.district.items[program_id].name == "New program"


def test_about_box(window: Any, messages: Any) -> None:
    window.about_action.trigger()
    assert messages.shown[0][0] == "about"


def test_crash_hook_offers_the_details(monkeypatch: pytest.MonkeyPatch, qapp: Any) -> None:
    shown: list[str] = []
    monkeypatch.setattr(crash, "show_crash", lambda _parent, text: shown.append(text))
    monkeypatch.setattr(sys, "excepthook", lambda *args: None)
    crash.install()
    try:
        raise ValueError("boom")
    except ValueError:
        sys.excepthook(*sys.exc_info())
    assert "ValueError: boom" in shown[0]
    assert "Coherence Planner" in shown[0]


def test_dark_scheme_gets_a_dark_palette_and_light_icons(window: Any, qapp: Any) -> None:
    from PySide6.QtGui import QPalette

    from coherence_planner.ui import theme

    before = window.files.new_action.icon().pixmap(24, 24).toImage()
    try:
        theme.apply(qapp, Qt.ColorScheme.Dark)
        window.refresh_icons()
        assert qapp.palette().color(QPalette.ColorRole.Window).lightness() < 128
        after = window.files.new_action.icon().pixmap(24, 24).toImage()
        assert after != before
    finally:
        theme.apply(qapp, Qt.ColorScheme.Light)
        window.refresh_icons()
    assert qapp.palette().color(QPalette.ColorRole.Window).lightness() >= 128


def test_crash_dialog_copies_the_details(monkeypatch: pytest.MonkeyPatch, qapp: Any) -> None:
    from PySide6.QtWidgets import QMessageBox

    seen: list[QMessageBox] = []

    def exec_(box: QMessageBox) -> int:
        seen.append(box)
        copy = next(b for b in box.buttons() if b.text() == "Copy details")
        copy.click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    crash.show_crash(None, "Traceback: boom")
    assert "Your plan is safe" in seen[0].text()
    assert QApplication.clipboard().text() == "Traceback: boom"


def test_the_window_fits_a_1280_wide_laptop_with_a_plan_open(window: Any, sample_plan: Any) -> None:
    # Every tab's widgets count toward the window's minimum width; a long filter row once
    # pushed it to 1,380 px and clipped the inspector on 1366x768 screens.
    window.documents.open_plan(sample_plan)
    assert window.minimumSizeHint().width() <= 1280


def test_workers_hand_the_gil_back_to_the_window_quickly(qapp: Any) -> None:
    """The window's Python callbacks wait at most half a millisecond for a busy worker
    (at Python's 5 ms default, showing a 10,000-program map stalled the window 1.2-1.5 s)."""
    from coherence_planner.ui.app import SWITCH_INTERVAL, make_application

    make_application()
    assert sys.getswitchinterval() == SWITCH_INTERVAL <= 0.001
