"""The Map tab on the laptops cabinets have: the map gets the window, every control stays
reachable, the legend folds away without covering cards, and a 10,000-card scene is cheap
(tooltips written when hovered, no BSP index)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QGraphicsScene, QWidget

from tests.gui.helpers import shown_on_map, wait_for_analysis


def _on_screen(window: Any, widget: QWidget) -> bool:
    top_left = widget.mapTo(window, widget.rect().topLeft())
    box = QRect(top_left, widget.size())
    return widget.isVisible() and window.rect().contains(box)


def test_every_map_control_is_reachable_at_1280x720(
    qtbot: Any, window: Any, sample_plan: Path
) -> None:
    panel = shown_on_map(qtbot, window, sample_plan, (1280, 720))
    # The side panels step aside: the map gets most of the window.
    view = panel.view.viewport()
    qtbot.waitUntil(lambda: view.width() * view.height() > 0.6 * 1280 * 720, timeout=3000)
    buttons = {
        b.defaultAction(): b for b in panel.toolbar.findChildren(type(panel.toolbar.refresh_button))
    }
    actions = [
        panel.toolbar.fit_action, panel.toolbar.fit_width_action, panel.toolbar.zoom_in_action, panel.toolbar.zoom_out_action,
        panel.toolbar.link_mode, panel.toolbar.conflict_mode, panel.toolbar.export_action, panel.toolbar.legend_action,
        panel.toolbar.panels_action,
    ]  # fmt: skip
    for action in actions:
        assert _on_screen(window, buttons[action]), action.text()
    for widget in (
        panel.toolbar.focus,
        panel.toolbar.search,
        *panel.filter_bar.filter_combos,
        panel.filter_bar.hide_others,
    ):
        assert _on_screen(window, widget), widget.accessibleName()


@pytest.mark.parametrize("size", [(1366, 768), (1920, 1080)])
def test_controls_stay_on_screen_at_other_laptop_sizes(
    qtbot: Any, window: Any, sample_plan: Path, size: tuple[int, int]
) -> None:
    panel = shown_on_map(qtbot, window, sample_plan, size)
    for widget in (panel.toolbar.focus, panel.toolbar.search, *panel.filter_bar.filter_combos):
        assert _on_screen(window, widget)


def test_side_panels_step_aside_for_the_map_and_come_back(
    qtbot: Any, window: Any, sample_plan: Path
) -> None:
    # The wide layout, where both panels show at once (the compact one tabs them together;
    # Findings is a view of its own since issue 15).
    window.navigation.set_compact(False)
    docks = (window.browser_dock, window.inspector_dock)
    window.documents.open_plan(sample_plan)
    wait_for_analysis(qtbot, window)
    window.show_view(window.findings)  # the plan opens on the overview, which needs the width
    assert all(d.isVisible() for d in docks)
    panel = window.map_panel
    window.show_view(panel)
    assert not any(d.isVisible() for d in docks)
    assert not panel.toolbar.panels_action.isChecked()
    panel.toolbar.panels_action.trigger()  # the user wants them beside the map
    assert all(d.isVisible() for d in docks)
    panel.toolbar.panels_action.trigger()
    assert not any(d.isVisible() for d in docks)
    window.show_view(window.findings)  # a view that keeps the panels beside it
    assert all(d.isVisible() for d in docks)


def test_the_legend_folds_away_and_never_covers_the_map(
    qtbot: Any, window: Any, sample_plan: Path
) -> None:
    panel = shown_on_map(qtbot, window, sample_plan, (1366, 768))
    assert not panel.legend.isVisible()
    panel.toolbar.legend_action.trigger()
    qtbot.waitUntil(panel.legend.isVisible, timeout=2000)
    legend = panel.legend.geometry()
    assert legend.bottom() < panel.view.geometry().top()
    assert any("NOT LINKED" in text for text in panel.legend.texts)
    panel.toolbar.legend_action.trigger()
    assert not panel.legend.isVisible()


def test_tooltips_are_written_when_hovered_and_the_scene_has_no_index(
    qtbot: Any, window: Any, sample_plan: Path
) -> None:
    panel = shown_on_map(qtbot, window, sample_plan, (1366, 768))
    assert panel.scene.itemIndexMethod() == QGraphicsScene.ItemIndexMethod.NoIndex
    analysis = window.session.analysis
    member = next(iter(analysis.group_of))
    card = panel.scene.cards[member]
    assert card.toolTip() == ""  # nothing built up front
    assert f"Competing group #{analysis.group_of[member] + 1} with:" in card.tooltip()
    assert card.toolTip() == card.tooltip()


def test_a_large_map_is_built_a_slice_at_a_time_and_then_shown_whole(
    qtbot: Any, window: Any, sample_plan: Path, monkeypatch: Any
) -> None:
    from PySide6.QtCore import QTimer

    from coherence_planner.ui.map import map_panel, scene

    monkeypatch.setattr(map_panel, "LIVE_REDRAW_LIMIT", 10)  # the sample counts as large
    monkeypatch.setattr(scene, "STEP_MS", 1)  # many slices, even for the sample
    monkeypatch.setattr(scene, "CARDS_PER_LOOK", 1)
    monkeypatch.setattr(scene, "LINKS_PER_LOOK", 1)
    ticks: list[int] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(0)
    panel = window.map_panel
    monkeypatch.setattr(panel.scene, "build", None)  # never the one-go build
    window.documents.open_plan(sample_plan)
    wait_for_analysis(qtbot, window)
    window.show_view(panel)
    qtbot.waitUntil(lambda: panel.layout_ is not None, timeout=10000)
    timer.stop()
    live = {i for i, item in window.session.district.items.items() if item.live}
    assert set(panel.scene.cards) == live
    assert len(panel.scene.edges) == len(panel.layout_.edges)
    assert len(ticks) > 3  # the event loop turned between slices


def test_a_large_map_shown_whole_is_built_with_its_links_batched_and_then_painted(
    qtbot: Any, window: Any, sample_plan: Path, monkeypatch: Any
) -> None:
    from PySide6.QtWidgets import QGraphicsItem

    from coherence_planner.ui.map import map_panel, view

    monkeypatch.setattr(map_panel, "LIVE_REDRAW_LIMIT", 10)  # the sample counts as large
    for module in (map_panel, view):
        monkeypatch.setattr(module, "OVERVIEW_BELOW", 5.0)  # and its Fit as zoomed out
    panel = window.map_panel
    switched: list[tuple[bool, int]] = []  # (on, edges built by then)
    real_set_overview = panel.scene.set_overview

    def set_overview(on: bool) -> None:
        if on != panel.scene.overview:
            switched.append((on, len(panel.scene.edges)))
        real_set_overview(on)

    monkeypatch.setattr(panel.scene, "set_overview", set_overview)
    window.resize(1280, 720)
    window.documents.open_plan(sample_plan)
    wait_for_analysis(qtbot, window)
    window.show_view(panel)
    qtbot.waitUntil(lambda: panel.layout_ is not None, timeout=10000)
    # Painting again once the map is whole, in a turn of its own.
    qtbot.waitUntil(lambda: panel.view.viewport().updatesEnabled(), timeout=3000)
    assert switched == [(True, 0)]  # set before the build, not switched after it
    assert panel.scene.overview
    flag = QGraphicsItem.GraphicsItemFlag.ItemHasNoContents
    assert all(edge.flags() & flag for edge in panel.scene.edges.values())


def test_a_plan_opened_while_a_large_map_is_built_is_painted(
    qtbot: Any, window: Any, sample_plan: Path, tmp_path: Path, monkeypatch: Any
) -> None:
    import shutil

    from coherence_planner.ui.map import map_panel, scene

    monkeypatch.setattr(map_panel, "LIVE_REDRAW_LIMIT", 10)
    monkeypatch.setattr(scene, "STEP_MS", 0)  # a slice at a time: the build is under way
    panel = window.map_panel
    window.documents.open_plan(sample_plan)
    wait_for_analysis(qtbot, window)
    window.show_view(panel)
    # The sample's map is now a handful of steps: built in a few milliseconds, it could be
    # whole between two looks of waitUntil. This first map is never whole, so the next
    # plan always arrives while it is being built, as on a slow machine with a large plan.
    whole = panel.scene._build_steps

    def never_whole(*args: Any) -> Iterator[None]:
        yield from whole(*args)
        while True:
            yield None

    monkeypatch.setattr(panel.scene, "_build_steps", never_whole)
    qtbot.waitUntil(lambda: not panel.view.viewport().updatesEnabled(), timeout=10000)
    monkeypatch.setattr(panel.scene, "_build_steps", whole)
    other = tmp_path / "other.coherence"
    shutil.copyfile(sample_plan, other)
    monkeypatch.setattr(map_panel, "LIVE_REDRAW_LIMIT", 10_000)  # drawn in one go
    window.documents.open_plan(other)
    wait_for_analysis(qtbot, window)
    qtbot.waitUntil(lambda: panel.layout_ is not None, timeout=10000)
    assert panel.view.viewport().updatesEnabled()


@pytest.mark.parametrize("size", [(1280, 720), (1366, 768)])
def test_the_first_showing_fits_the_whole_map_to_the_window(
    qtbot: Any, window: Any, sample_plan: Path, size: tuple[int, int]
) -> None:
    # As a person meets it: the plan opens on the Plan view, then the Map is chosen; the
    # first fit used to happen before the view had its size (5% in a corner at 1280x720).
    panel = shown_on_map(qtbot, window, sample_plan, size)
    view = panel.view
    viewport = view.viewport()

    def fills_the_window() -> bool:
        shown = view.mapFromScene(view.map_rect()).boundingRect()
        return shown.width() >= 0.9 * viewport.width() or shown.height() >= 0.9 * viewport.height()

    # The side panels step aside for the map, then the whole map fills the room it got.
    qtbot.waitUntil(lambda: viewport.width() > 0.9 * window.width(), timeout=3000)
    qtbot.waitUntil(fills_the_window, timeout=5000)
    assert view.zoom >= 0.2
    zoom = view.zoom
    window.resize(size[0] // 2, size[1])  # Fit stays in effect until the person zooms
    qtbot.waitUntil(lambda: view.zoom < zoom, timeout=3000)
    qtbot.waitUntil(fills_the_window, timeout=3000)
    view.zoom_in()
    zoomed = view.zoom
    window.resize(*size)
    qtbot.wait(100)
    assert view.zoom == zoomed  # their zoom is kept


def test_a_map_too_tall_to_read_whole_first_fills_the_width(
    qtbot: Any, window: Any, tmp_path: Path
) -> None:
    from benchmarks.generate_tree import generate_tree
    from coherence_planner.domain.model.codec import district_from_dict
    from coherence_planner.storage.document import Document
    from coherence_planner.ui.map.view import READABLE_ZOOM

    plan = tmp_path / "tall.coherence"
    Document.create(plan, district_from_dict(generate_tree(400, 1))).close()
    panel = shown_on_map(qtbot, window, plan, (1366, 768))
    view = panel.view
    qtbot.waitUntil(lambda: panel.layout_ is not None and not panel.runner.busy, timeout=10000)
    rect = view.map_rect()
    assert view.fit_zoom(rect) < READABLE_ZOOM  # whole, it would be a wall of specks
    assert view.fit_mode == "width" and view.zoom >= READABLE_ZOOM
    assert abs(view.zoom - view.width_zoom(rect)) < 1e-6
    assert "Too small to read whole" in panel.status.text()
    assert "Fit (F)" in panel.status.toolTip()
    assert view.horizontalScrollBar().maximum() == 0  # the whole width is in view
    assert view.verticalScrollBar().maximum() > 0  # scroll down for the rest
    window.resize(1280, 720)  # Fit Width stays in effect as the window changes
    qtbot.waitUntil(lambda: abs(view.zoom - view.width_zoom(rect)) < 1e-6, timeout=3000)
    panel.toolbar.fit_action.trigger()
    assert view.fit_mode == "whole" and abs(view.zoom - view.fit_zoom(rect)) < 1e-6
