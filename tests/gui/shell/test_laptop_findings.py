"""Issue 27's findings 1-9, each as a person met it on a maximised 1280x720 laptop (the window
1280x701) with the sample district: what the view is for gets the room, and says it whole."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QFontMetrics, QImage

from coherence_planner.domain.model import vocab
from tests.gui.helpers import wait_for_analysis
from tests.gui.layout_checks import bare_ids, overlapping_text

LAPTOP = (1280, 701)  # 1280x720, maximised: the window manager's panel takes the rest


def opened(qtbot: Any, window: Any, plan: Path, part: str = "") -> Any:
    """The window at LAPTOP size with `plan` open and, if named, that part of it shown."""
    window.resize(*LAPTOP)
    window.documents.open_plan(plan)
    wait_for_analysis(qtbot, window)
    if part:
        shown = getattr(window, part)
        window.show_view(shown)
        qtbot.wait(50)
        return shown
    return window


def fits(header: Any, section: int, viewport_width: int) -> bool:
    """The column is all in sight (no scrolling needed to see it)."""
    start = header.sectionViewportPosition(section)
    return start >= 0 and start + header.sectionSize(section) <= viewport_width + 1


# 1 -----------------------------------------------------------------------------------
def test_the_indicators_chart_gets_the_room_and_no_text_overlaps(
    qtbot: Any, window: Any, sample_plan: Path
) -> None:
    view = opened(qtbot, window, sample_plan, "indicators_view")
    view.show_goal("G1")  # two indicators, both off track
    qtbot.waitUntil(lambda: bool(view.canvas.figure.axes), timeout=5000)
    qtbot.wait(50)  # the canvas lays out again at its size
    assert view.canvas.height() >= 240
    figure = view.canvas.figure
    assert overlapping_text(figure) == []
    ax = figure.axes[0]
    plot_px = ax.get_window_extent().height
    assert plot_px >= 120, f"the plot area is a {plot_px:.0f} px strip"
    # The table is as tall as its rows, not a half-empty pane under the chart.
    table = view.table
    rows = sum(table.rowHeight(r) for r in range(table.rowCount()))
    spare = table.viewport().height() - rows
    assert 0 <= spare <= 4, f"{spare} px of empty table"


# 2 -----------------------------------------------------------------------------------
def test_the_matrices_show_every_goal_column_and_no_row_looks_empty(
    qtbot: Any, window: Any, sample_plan: Path
) -> None:
    matrix = opened(qtbot, window, sample_plan, "matrix")
    header = matrix.table.horizontalHeader()
    width = matrix.table.viewport().width()
    goals = len(matrix.goals)
    assert goals == 6
    assert all(fits(header, 2 + n, width) for n in range(goals))
    full = [window.session.district.items[g].label for g in matrix.goals]
    assert all(name in matrix.key.text() for name in full)  # the whole names, in a key
    themes = window.theme_matrix
    window.show_view(themes)
    qtbot.wait(50)
    header = themes.table.horizontalHeader()
    width = themes.table.viewport().width()
    assert all(fits(header, n, width) for n in range(1, 1 + goals))

    # With the side panels kept beside it, goal columns go out of sight: then each row
    # says how many goals it serves, so none looks as if it served nothing.
    window.show_view(matrix)
    matrix.room.action.trigger()
    qtbot.wait(50)
    header = matrix.table.horizontalHeader()
    width = matrix.table.viewport().width()
    if not all(fits(header, 2 + n, width) for n in range(goals)):
        model = matrix.model
        for r in range(model.rowCount()):
            text = model.index(r, 0).data()
            assert "serves" in text, text


# 3 -----------------------------------------------------------------------------------
def test_the_decision_log_names_items_shows_the_reason_and_dates_the_sample(
    qtbot: Any, window: Any, sample_plan: Path
) -> None:
    opened(qtbot, window, sample_plan)
    log = window.retreat.decision_log
    window.show_view(window.retreat.tabs["Decisions"])
    qtbot.waitUntil(lambda: log.model.rowCount() == 1, timeout=3000)
    qtbot.wait(50)
    model = log.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert "Item" not in headers
    assert bare_ids(log, window.session.district.items) == []
    row = {headers[c]: model.item(0, c).text() for c in range(model.columnCount())}
    assert row["Name"] == "K-8 Benchmark Assessment Suite"
    assert row["Date"] == "2026-05-19"  # the sample's decision is dated
    why = headers.index("Why")
    assert fits(log.view.horizontalHeader(), why, log.view.viewport().width())
    # The reason is wrapped whole in its cell, never cut.
    cell = log.view.visualRect(model.index(0, why))
    metrics = QFontMetrics(log.view.font())
    needed = metrics.boundingRect(
        0, 0, cell.width() - 8, 10_000, int(Qt.TextFlag.TextWordWrap), row["Why"]
    ).height()
    assert cell.height() >= needed


# 4 -----------------------------------------------------------------------------------
def test_items_keep_the_start_of_a_name_and_say_it_whole(
    qtbot: Any, window: Any, sample_plan: Path
) -> None:
    opened(qtbot, window, sample_plan)
    browser = window.browser
    # Cut at the end, a name reads as the start of a sentence; cut in the middle it read as
    # two fragments ("Every student re…grade level").
    assert browser.view.textElideMode() == Qt.TextElideMode.ElideRight
    window.show_view(window.findings)
    window.navigation.go_to_items()
    index = browser.proxy.match(
        browser.proxy.index(0, 0, browser.proxy.index(0, 0)),
        Qt.ItemDataRole.DisplayRole,
        "Every ninth grader is on track and graduates ready for college and career",
        1,
        Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive,
    )[0]
    browser.view.setCurrentIndex(index)
    assert window.statusBar().currentMessage() == (
        "Goal: Every ninth grader is on track and graduates ready for college and career"
    )
    # A retired item's "(retired)" is what an end cut loses first: the row is italic, and
    # the tooltip and the status bar say the whole name with it, and no id.
    district = window.session.district
    (gone,) = [i for i in district.items.values() if i.label.startswith("High school small")]
    retired = browser.proxy.mapFromSource(browser.model.index_of(gone.id))
    assert retired.data(Qt.ItemDataRole.FontRole).italic()
    tip = retired.data(Qt.ItemDataRole.ToolTipRole)
    assert "High school small learning communities (retired)" in tip
    assert not re.search(r"\b[BGPS]\d+\b", tip)
    whole = f"{vocab.KIND_LABELS[gone.kind]}: High school small learning communities (retired)"

    def current_is_retired() -> None:
        # Selected afresh each time, as the Items list and the map select (through the
        # session): after the whole GUI suite, setting the view's current index directly a
        # second time left the goal current, and a late message may take the status bar.
        window.session.select([])
        window.session.select([gone.id])
        assert window.statusBar().currentMessage() == whole

    qtbot.waitUntil(current_is_retired, timeout=3000)
    # On the Plan overview the side panels step aside: no Inspector saying only "Select
    # an item" in a third of the window.
    window.show_view(window.overview)
    assert not window.inspector_dock.isVisible() and not window.browser_dock.isVisible()
    window.overview.room.action.trigger()  # the person wants them here: kept for this view
    window.show_view(window.findings)
    window.show_view(window.overview)
    assert window.inspector_dock.isVisible() or window.browser_dock.isVisible()


# 5 -----------------------------------------------------------------------------------
def test_forms_offer_what_applies_and_show_the_longest_names_whole(
    qtbot: Any, window: Any, sample_plan: Path
) -> None:
    opened(qtbot, window, sample_plan)
    window.show_view(window.findings)
    inspector = window.inspector
    window.session.select(["G3"])  # the sample's longest name (73 characters)
    window.navigation.go_to_inspector()
    qtbot.wait(50)
    assert "required" not in inspector.editors  # "never proposed for removal": not a goal's
    name = inspector.editors["name"].edit
    assert name.text() == window.session.district.items["G3"].name
    shown = name.viewport().rect()
    text = name.document().size()  # lines of the wrapped text
    assert text.height() * QFontMetrics(name.font()).lineSpacing() <= shown.height() + 2
    indicators = inspector.editors["indicators"].table
    header = indicators.horizontalHeader()
    assert all(
        fits(header, c, indicators.viewport().width()) or header.isSectionHidden(c)
        for c in range(header.count())
    )


# 6 -----------------------------------------------------------------------------------
def _ring_changes(before: QImage, after: QImage, box: Any) -> int:
    """Pixels that changed in a band up to 8 px outside `box`."""
    changed = 0
    outer = box.adjusted(-8, -8, 8, 8)
    for y in range(max(outer.top(), 0), min(outer.bottom(), before.height() - 1)):
        for x in range(max(outer.left(), 0), min(outer.right(), before.width() - 1)):
            if box.contains(QPoint(x, y)):
                continue
            a, b = QColor(before.pixel(x, y)), QColor(after.pixel(x, y))
            if abs(a.red() - b.red()) + abs(a.green() - b.green()) + abs(a.blue() - b.blue()) > 60:
                changed += 1
    return changed


def test_a_selected_card_stands_out_at_fit_and_policies_lead_with_their_name(
    qtbot: Any, window: Any, sample_plan: Path
) -> None:
    opened(qtbot, window, sample_plan)
    policy = window.session.district.items["B1"]
    assert policy.label == "Absences and Excuses (BP 5113)"
    panel = window.map_panel
    window.show_view(panel)
    qtbot.waitUntil(lambda: bool(panel.scene.cards), timeout=5000)
    panel.toolbar.fit_action.trigger()
    qtbot.wait(100)
    view = panel.view
    assert view.zoom < 0.6  # the whole sample at Fit: cards are small
    card = panel.scene.cards["P4"]
    box = view.mapFromScene(card.sceneBoundingRect()).boundingRect()
    box = view.mapFromScene(card.mapRectToScene(card.rect())).boundingRect()
    before = view.viewport().grab().toImage()
    window.session.select(["P4"])
    qtbot.wait(50)
    assert card.isSelected()
    after = view.viewport().grab().toImage()
    perimeter = 2 * (box.width() + box.height())
    assert _ring_changes(before, after, box) >= 5 * perimeter  # a halo, not a hairline


# 7 -----------------------------------------------------------------------------------
def test_the_program_counts_agree_with_each_other(
    qtbot: Any, window: Any, sample_plan: Path
) -> None:
    opened(qtbot, window, sample_plan)
    overview = window.overview
    assert "63 programs, 60 in use: 3 retired" in overview.subheading.text()
    assert overview.cards["programs"].value == "60"
    assert "across 60 programs in use" in overview.money_words.text()


# 8 -----------------------------------------------------------------------------------
def test_the_presenters_goal_map_is_readable_or_gives_way_to_words(
    qtbot: Any, window: Any, sample_plan: Path
) -> None:
    from coherence_planner.domain.retreat import agenda as A
    from coherence_planner.ui.map.card_item import COMPACT_SIZES

    opened(qtbot, window, sample_plan)
    window.retreat.present_action.trigger()
    presenter = window.retreat.presenter
    qtbot.waitUntil(presenter.isVisible)
    presenter.resize(1280, 720)
    qtbot.keyClick(presenter, Qt.Key.Key_Right)
    assert presenter.step.kind == A.GOAL
    qtbot.wait(100)
    goal_map = presenter.goal_map
    # Names at the smallest size the map draws, in pixels on the projector.
    text_px = goal_map.transform().m11() * COMPACT_SIZES[-1]
    assert not goal_map.isVisible() or text_px >= 12, f"{text_px:.1f} px text"
    assert "Line of sight" in presenter.left_body.text()  # the words are there either way
    presenter.close()


# 9 is in tests/gui/importing/test_preview_words.py


def test_the_inspectors_tables_are_as_tall_as_their_rows(
    qtbot: Any, window: Any, sample_plan: Path
) -> None:
    """Two indicators in a table three times their height left an empty box in the form."""
    opened(qtbot, window, sample_plan)
    window.show_view(window.findings)
    window.session.select(["G1"])  # two indicators, each name wrapped over two lines
    window.navigation.go_to_inspector()
    table = window.inspector.editors["indicators"].table
    qtbot.waitUntil(lambda: table.rowCount() == 2)
    qtbot.wait(50)
    rows = sum(table.rowHeight(r) for r in range(table.rowCount()))
    spare = table.viewport().height() - rows
    assert 0 <= spare <= 4, f"{spare} px of empty table under {table.rowCount()} rows"
