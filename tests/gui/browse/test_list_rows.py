"""The Items list's rows are Qt's own (issue 29): laying out a large plan's rows asks
nothing of Python, the empty rows never take an editor, and the list's own selection told
back by the session leaves the row the person picked current."""

from __future__ import annotations

import sys
from pathlib import Path
from types import FrameType
from typing import Any

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QAbstractItemView

from benchmarks.generate_district import generate
from coherence_planner.domain.model.codec import district_from_dict
from coherence_planner.ui.browse import model as browse_model
from coherence_planner.ui.browse.browser import ItemBrowser
from coherence_planner.ui.browse.model import ID_ROLE
from coherence_planner.ui.session import DocumentSession
from tests.gui.helpers import wait_for_analysis

Flag = QItemSelectionModel.SelectionFlag


def test_laying_out_the_rows_asks_the_model_nothing_per_row(qtbot: Any) -> None:
    district = district_from_dict(generate(1200, 1))
    browser = ItemBrowser(DocumentSession())
    qtbot.addWidget(browser)
    browser.resize(360, 600)
    browser.show()
    browser.model.set_district(district)
    browser._expand()
    calls: list[str] = []

    def count(frame: FrameType, event: str, _arg: object) -> None:
        if event == "call" and frame.f_code.co_filename == browse_model.__file__:
            calls.append(frame.f_code.co_name)

    sys.setprofile(count)
    try:
        browser.view.doItemsLayout()
    finally:
        sys.setprofile(None)
    rows = sum(browser.proxy.rowCount(browser.proxy.index(g, 0)) for g in range(4))
    assert rows == len(district.items) > 1300
    # The filter proxy still asks whether each row shows (a quick yes with no filter);
    # the model answers only what the first rows and the groups look like.
    asked = [name for name in calls if name != "filterAcceptsRow"]
    assert len(asked) < 100, sorted(set(asked))


@pytest.fixture
def opened(qtbot: Any, window: Any, sample_plan: Path) -> Any:
    """The window with the sample open and analysed."""
    window.documents.open_plan(sample_plan)
    wait_for_analysis(qtbot, window)
    return window


def _row(window: Any, item_id: str) -> Any:
    """The Items list's row of an item, as the list shows it."""
    browser = window.browser
    return browser.proxy.mapFromSource(browser.model.index_of(item_id))


def test_a_double_click_opens_the_item_and_no_editor(qtbot: Any, opened: Any) -> None:
    window = opened
    browser = window.browser
    program = window.session.district.items_of("program")[0]
    index = _row(window, program.id)
    browser.view.scrollTo(index)
    opened: list[str] = []
    browser.view.activated.connect(lambda shown: opened.append(shown.data(ID_ROLE)))
    where = browser.view.visualRect(index).center()
    qtbot.mouseClick(browser.view.viewport(), Qt.MouseButton.LeftButton, pos=where)
    qtbot.mouseDClick(browser.view.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert opened == [program.id]
    assert browser.view.state() != QAbstractItemView.State.EditingState
    assert browser.view.indexWidget(index) is None
    assert index.data(Qt.ItemDataRole.DisplayRole) == program.label  # unchanged


def test_a_second_row_picked_beside_the_first_becomes_current(opened: Any) -> None:
    window = opened
    district = window.session.district
    goal, program = district.items_of("goal")[0], district.items_of("program")[3]
    browser, first, second = window.browser, _row(window, goal.id), _row(window, program.id)
    selection = browser.view.selectionModel()
    selection.setCurrentIndex(first, Flag.ClearAndSelect | Flag.Rows)
    selection.setCurrentIndex(second, Flag.Toggle | Flag.Rows)  # what a Ctrl+click does
    assert window.session.selection == [goal.id, program.id]
    # The session's echo of the list's own selection moved the current row back to the
    # first item selected, and the status bar named the goal.
    assert browser.view.currentIndex().data(ID_ROLE) == program.id
    assert window.statusBar().currentMessage() == f"Program: {program.label}"
    # A selection made elsewhere (the map, the findings) still brings its first item in.
    window.session.select([district.items_of("program")[5].id, goal.id])
    assert browser.view.currentIndex().data(ID_ROLE) == district.items_of("program")[5].id
