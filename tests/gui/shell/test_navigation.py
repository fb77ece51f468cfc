"""Every view is one keystroke away, and every advertised shortcut does what it says.

The test walks the menu bar, as the Help › Keyboard Shortcuts sheet does, and presses each
shortcut on the window; dialogs are answered "Cancel" so nothing waits for a person.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QImage, QKeySequence, QTextDocument
from PySide6.QtWidgets import QApplication, QDialog, QInputDialog

from coherence_planner.ui.shell.menus import shortcuts
from tests.gui.helpers import wait_for_analysis

LAST = ("Close", "Quit")  # they end the session: pressed last


def press(qtbot: Any, window: Any, keys: QKeySequence) -> None:
    combination = keys[0]
    window.setFocus()
    qtbot.keyClick(window, combination.key(), combination.keyboardModifiers())


@pytest.fixture
def no_dialogs(monkeypatch: pytest.MonkeyPatch, dialogs: Any) -> None:
    monkeypatch.setattr(QDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("", False)))
    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(lambda *a, **k: ("", False)))


def test_alt_keys_go_left_to_right_across_the_window(
    qtbot: Any, window: Any, sample_plan: Path
) -> None:
    window.documents.open_plan(sample_plan)
    wait_for_analysis(qtbot, window)
    window.activateWindow()
    views = list(window.views.views.values())
    assert [v.title for v in views] == ["Plan", "Map", "Findings", "Retreat", "Progress"]
    for number, view in enumerate(views, start=1):
        press(qtbot, window, QKeySequence(f"Alt+{number}"))
        assert window.views.currentWidget() is view.page, view.title
    press(qtbot, window, QKeySequence("Alt+0"))
    assert window.browser_dock.isVisible()
    assert window.browser.view.hasFocus()
    press(qtbot, window, QKeySequence("Alt+6"))
    assert window.inspector_dock.isVisible()
    assert window.inspector.isAncestorOf(QApplication.focusWidget()) or window.inspector.hasFocus()
    # Ctrl+PgDown walks every part of every view in order, and wraps around.
    window.show_view(window.overview)
    parts = [part for view in views for part in view.parts.values()]
    for expected in [*parts[1:], parts[0]]:
        press(qtbot, window, QKeySequence("Ctrl+PgDown"))
        assert window.views.current_part() is expected
    # Every part has a menu entry that shows it.
    for part, action in window.navigation.part_actions.items():
        window.show_view(window.overview)
        action.trigger()
        assert window.views.current_part() is part, action.text()


def test_every_advertised_shortcut_works(
    qtbot: Any, window: Any, sample_plan: Path, no_dialogs: None
) -> None:
    window.documents.open_plan(sample_plan)
    wait_for_analysis(qtbot, window)
    window.activateWindow()
    window.session.select(["S11"])
    window.inspector.editors["name"].edit.setText("Renamed")  # something to undo
    window.inspector.editors["name"].edit.editingFinished.emit()
    listed = shortcuts(window.menuBar())
    keys = [row.keys for row in listed]
    assert len(keys) == len(set(keys)), "two entries share a shortcut"
    for expected in ("Alt+0", "Alt+1", "Alt+5", "Alt+6", "F1", "F5", "Ctrl+P"):
        assert QKeySequence(expected).toString(QKeySequence.SequenceFormat.NativeText) in keys
    fired: list[str] = []
    order = [r for r in listed if r.text not in LAST] + [r for r in listed if r.text in LAST]
    for row in order:
        if row.text == "Present":
            window.retreat.presenter.close()
        if not window.session.is_open and row.text != "Quit":
            continue
        assert row.action.isEnabled(), f"{row.menu} › {row.text} is disabled"
        row.action.triggered.connect(lambda _c=False, t=row.text: fired.append(t))
        press(qtbot, window, row.action.shortcut())
        assert fired and fired[-1] == row.text, f"{row.keys} did not reach {row.text}"
        if row.text == "Present":
            assert window.retreat.presenter.isVisible()
            window.retreat.presenter.close()
    assert set(fired) == {r.text for r in listed}


def test_help_has_an_illustrated_guide_and_a_sheet_of_every_shortcut(window: Any) -> None:
    window.help.show_guide()
    guide = window.help.guide
    assert guide is not None and guide.isVisible()
    html = guide.browser.toHtml()
    for words in ("spreadsheet", "Print", "Retreat", "decision"):
        assert words in html
    pictures = [source.split('"')[0] for source in html.split('src="')[1:]]
    assert len(pictures) >= 4
    document = guide.browser.document()
    for name in pictures:
        image = document.resource(QTextDocument.ResourceType.ImageResource, QUrl(name))
        assert isinstance(image, QImage) and not image.isNull(), name
    window.help.show_shortcuts()
    sheet = window.help.sheet
    assert sheet is not None
    table = sheet.table
    rows = {table.item(r, 0).text(): table.item(r, 1).text() for r in range(table.rowCount())}
    assert rows[QKeySequence("Alt+1").toString(QKeySequence.SequenceFormat.NativeText)] == "Plan"
    assert rows["F1"] == "Guide"
    assert table.rowCount() == len(shortcuts(window.menuBar()))
