"""Opening a plan on a 1280x720 laptop, on the Plan view: the Overview is never laid out or
painted with the Items and Inspector panels beside it. Its Room keeps them aside, and the
panels showing for a frame before they step aside was a flash on a cabinet's projector."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject

from coherence_planner.ui.findings import money_flow_view
from coherence_planner.ui.shell.geometry import COMPACT_SIDE_WIDTH
from tests.gui.helpers import wait_for_analysis

LAPTOP = (1280, 701)  # 1280x720, maximised


class DocksAtEachEvent(QObject):
    """For each Paint of the watched widget: its width and whether a side panel was visible
    then. (Resize events a hidden widget has pending are sent as it shows, at its stale
    size, before its Room steps the panels aside: not seen, so not counted.)"""

    def __init__(self, window: Any) -> None:
        super().__init__()
        self.window = window
        self.seen: list[tuple[int, bool]] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            docks = (self.window.browser_dock, self.window.inspector_dock)
            self.seen.append((watched.width(), any(d.isVisible() for d in docks)))  # type: ignore[attr-defined]
        return False


def test_a_plan_opens_on_the_overview_without_the_panels_flashing(
    qtbot: Any, window: Any, sample_plan: Path, monkeypatch: Any
) -> None:
    asked: list[tuple[float, float]] = []
    work_out = money_flow_view._work_out

    def record(district: Any, analysis: Any, paths: Any, size: tuple[float, float]) -> Any:
        asked.append(size)
        return work_out(district, analysis, paths, size)

    monkeypatch.setattr(money_flow_view, "_work_out", record)
    window.resize(*LAPTOP)
    qtbot.wait(20)
    assert window.views.current_part() is window.overview_part  # the Plan view in front
    watch = DocksAtEachEvent(window)
    window.overview_part.widget().installEventFilter(watch)
    window.documents.open_plan(sample_plan)
    wait_for_analysis(qtbot, window)
    qtbot.wait(100)  # the queued first-run layout and the Room's settling

    assert watch.seen, "the Overview was never painted"
    assert [e for e in watch.seen if e[1]] == [], "the Overview was painted beside the panels"
    widths = {width for width, _docks in watch.seen}
    assert widths == {window.views.width()}, f"painted narrow, then wide: {watch.seen}"
    # The money picture worked out once, at the size it is shown at (not at the size it had
    # before the Overview's new words were laid out, then again).
    money = window.overview.money
    inset = 2 * money_flow_view.INSET
    assert asked == [(money.width() - inset, money.height() - inset)], asked
    # The panels come back, at their first-run widths, when a view without a Room shows.
    window.show_view(window.findings_view.page)
    qtbot.wait(50)
    assert window.inspector_dock.isVisible()
    assert window.navigation.compact  # the offscreen screen is narrow
    assert abs(window.inspector_dock.width() - COMPACT_SIDE_WIDTH) <= 10


def test_a_closed_plan_leaves_the_panels_hidden_and_the_next_opens_the_same_way(
    qtbot: Any, window: Any, sample_plan: Path
) -> None:
    window.resize(*LAPTOP)
    docks = (window.browser_dock, window.inspector_dock)
    window.documents.open_plan(sample_plan)
    wait_for_analysis(qtbot, window)
    qtbot.wait(50)
    assert window.documents.close_plan(ask=False)
    qtbot.wait(50)
    assert not any(d.isVisible() for d in docks)  # the start page has no panels
    assert window._panels_stepped_aside == []  # the Room gave them back as the views hid

    watch = DocksAtEachEvent(window)
    window.overview_part.widget().installEventFilter(watch)
    window.documents.open_plan(sample_plan)
    wait_for_analysis(qtbot, window)
    qtbot.wait(100)
    assert watch.seen and not any(shown for _w, shown in watch.seen), watch.seen
    window.show_view(window.findings_view.page)
    qtbot.wait(50)
    assert window.inspector_dock.isVisible()
