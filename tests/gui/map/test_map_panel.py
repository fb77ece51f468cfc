"""The Map tab with the sample district: cards and links, editing by dragging, the edge strip,
focus, filters, search, keys and selection shared with the browser and inspector."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox

from coherence_planner.domain.layout.geometry import line_of_sight
from coherence_planner.ui.browse.model import ID_ROLE
from coherence_planner.ui.map.scene import MapScene
from tests.gui.helpers import wait_for_analysis


@pytest.fixture
def shown(qtbot: Any, window: Any, sample_plan: Path) -> Any:
    window.documents.open_plan(sample_plan)
    wait_for_analysis(qtbot, window)
    window.show_view(window.map_panel)
    panel = window.map_panel
    qtbot.waitUntil(lambda: bool(panel.scene.cards), timeout=5000)
    panel.view.fit()
    return window


def _centre(panel: Any, item_id: str) -> QPoint:
    card = panel.scene.cards[item_id]
    panel.view.centerOn(card)
    return panel.view.mapFromScene(card.sceneBoundingRect().center())


def _drag(panel: Any, src: str, dst: str, mods: Any = Qt.KeyboardModifier.NoModifier) -> None:
    """Press on one card, move in steps, release on the other, as a hand would."""
    view = panel.view
    view.fit()
    start = view.mapFromScene(panel.scene.cards[src].sceneBoundingRect().center())
    end = view.mapFromScene(panel.scene.cards[dst].sceneBoundingRect().center())
    QTest.mousePress(view.viewport(), Qt.MouseButton.LeftButton, mods, start)
    for k in range(1, 6):
        QTest.mouseMove(view.viewport(), start + (end - start) * (k / 5))
    QTest.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, mods, end)


def _orphan_program(window: Any) -> str:
    analysis = window.session.analysis
    return next(o.id for o in analysis.orphans if o.kind == "program")


def test_scene_has_a_card_per_live_item_and_a_path_per_link(shown: Any) -> None:
    district, scene = shown.session.district, shown.map_panel.scene
    live = {i for i, item in district.items.items() if item.live}
    assert set(scene.cards) == live
    drawn = {k for k, ln in district.links.items() if ln.src in live and ln.dst in live}
    assert set(scene.edges) == drawn
    # The legend is a strip above the map; the scene's copy is for exported images.
    assert scene.legend is not None and not scene.legend.isVisible()


def test_drag_from_a_program_to_a_goal_links_them_and_undo_removes_it(
    qtbot: Any, shown: Any
) -> None:
    panel, session = shown.map_panel, shown.session
    program = _orphan_program(shown)
    _drag(panel, program, "G1")
    key = ("supports", program, "G1")
    assert key in session.district.links
    qtbot.waitUntil(lambda: key in panel.scene.edges, timeout=5000)
    assert "G1" in session.analysis.goals_of[program]  # the findings follow
    shown.undo_action.trigger()
    assert key not in session.district.links
    qtbot.waitUntil(lambda: key not in panel.scene.edges, timeout=5000)


def test_alt_drag_and_conflict_mode_mark_conflicts(qtbot: Any, shown: Any) -> None:
    panel, session = shown.map_panel, shown.session
    program = _orphan_program(shown)
    _drag(panel, program, "S1", Qt.KeyboardModifier.AltModifier)
    assert session.district.links[("conflicts", *sorted((program, "S1")))].kind == "conflicts"
    shown.undo_action.trigger()
    panel.toolbar.conflict_mode.trigger()
    assert panel.view.conflict_mode
    _drag(panel, program, "S1")
    assert ("conflicts", *sorted((program, "S1"))) in session.district.links
    assert ("supports", program, "S1") not in session.district.links


def test_refused_links_explain_themselves_and_change_nothing(qtbot: Any, shown: Any) -> None:
    panel, session = shown.map_panel, shown.session
    before = dict(session.district.links)
    _drag(panel, "G1", "S1")
    assert "A goal cannot support" in panel.status.text()
    _drag(panel, "S1", "S1")
    link = next(ln for ln in session.district.links.values() if ln.kind == "supports")
    _drag(panel, link.src, link.dst)
    assert "already linked" in panel.status.text()
    assert session.district.links == before
    assert session.undo_stack.count() == 0


def test_selected_edge_strength_change_and_delete_are_undoable(qtbot: Any, shown: Any) -> None:
    panel, session = shown.map_panel, shown.session
    key = next(k for k, ln in session.district.links.items() if ln.strength == "strong")
    edge = panel.scene.edges[key]
    # Click on the middle of the edge's first segment.
    (x1, y1), (x2, y2) = edge.geom.points[0], edge.geom.points[1]
    panel.view.set_zoom(1.0)
    panel.view.centerOn((x1 + x2) / 2, (y1 + y2) / 2)
    at = panel.view.mapFromScene((x1 + x2) / 2, (y1 + y2) / 2)
    QTest.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=at)
    assert panel.view.selected_edges() == [edge]
    assert panel.edge_strip.isVisible() and panel.edge_strip.key == key
    strip = panel.edge_strip
    strip.strength.setCurrentIndex(strip.strength.findData("weak"))
    strip.strength.activated.emit(strip.strength.currentIndex())
    assert session.district.links[key].strength == "weak"
    qtbot.waitUntil(lambda: panel.scene.edges[key].geom.strength == "weak", timeout=5000)
    assert panel.edge_strip.key == key  # the selection survives the redraw
    panel.view.setFocus()
    QTest.keyClick(panel.view, Qt.Key.Key_Delete)
    assert key not in session.district.links
    shown.undo_action.trigger()
    shown.undo_action.trigger()
    assert session.district.links[key].strength == "strong"


def test_delete_on_a_card_asks_first(
    qtbot: Any, shown: Any, messages: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    panel, session = shown.map_panel, shown.session
    program = _orphan_program(shown)
    session.select([program])
    panel.view.setFocus()
    QTest.keyClick(panel.view, Qt.Key.Key_Delete)  # the recorded question answers "Ok"
    assert messages.shown[-1][0] == "question"
    assert program in session.district.items
    monkeypatch.setattr(
        QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes)
    )
    QTest.keyClick(panel.view, Qt.Key.Key_Delete)
    assert program not in session.district.items
    shown.undo_action.trigger()
    assert program in session.district.items


def test_focus_dims_exactly_what_is_outside_the_goals_line_of_sight(shown: Any) -> None:
    panel, session = shown.map_panel, shown.session
    whole = panel.view.zoom
    panel.focus_goal("G1")
    lit = line_of_sight(session.district, session.analysis, "G1")
    assert panel.scene.dimmed == set(panel.scene.cards) - lit
    assert all(panel.scene.cards[i].opacity() == 1.0 for i in lit)
    assert panel.view.zoom > whole  # zoomed to the line of sight, not the whole map
    panel.focus_goal(None)
    assert panel.scene.dimmed == set()


def test_filters_dim_or_hide_what_they_leave_out(shown: Any) -> None:
    panel, district = shown.map_panel, shown.session.district
    panel.filter_bar.kind.setCurrentIndex(panel.filter_bar.kind.findData("policy"))
    policies = {i for i in panel.scene.cards if district.items[i].kind == "policy"}
    assert panel.scene.dimmed == set(panel.scene.cards) - policies
    panel.filter_bar.hide_others.setChecked(True)
    assert panel.scene.hidden == set(panel.scene.cards) - policies
    assert not any(
        e.isVisible()
        for e in panel.scene.edges.values()
        if e.geom.kind == "supports" and district.items[e.geom.src].kind != "policy"
    )
    panel.filter_bar.kind.setCurrentIndex(0)
    panel.filter_bar.flag.setCurrentIndex(panel.filter_bar.flag.findData("orphan"))
    orphans = {o.id for o in shown.session.analysis.orphans}
    assert set(panel.scene.cards) - panel.scene.hidden == orphans & set(panel.scene.cards)
    panel.filter_bar.flag.setCurrentIndex(0)
    panel.filter_bar.grade_band.setCurrentIndex(panel.filter_bar.grade_band.findData("High (9-12)"))
    shown_ids = set(panel.scene.cards) - panel.scene.hidden
    assert "G1" in shown_ids  # goals stay lit: they are where the lines end
    assert all(district.items[i].kind in ("goal", "program") for i in shown_ids)


def test_search_jumps_to_the_item_and_selects_it_everywhere(qtbot: Any, shown: Any) -> None:
    panel, session = shown.map_panel, shown.session
    program = _orphan_program(shown)
    name = session.district.items[program].name
    panel.toolbar.search.setText(name)
    QTest.keyClick(panel.toolbar.search, Qt.Key.Key_Return)
    assert session.selection == [program]
    card = panel.scene.cards[program]
    visible = panel.view.mapToScene(panel.view.viewport().rect()).boundingRect()
    assert visible.contains(card.sceneBoundingRect().center())
    assert shown.inspector.item_id == program if hasattr(shown.inspector, "item_id") else True
    panel.jump_to("no such thing anywhere")
    assert "Nothing on the map matches" in panel.status.text()


def test_keyboard_moves_between_cards_and_enter_opens_the_inspector(qtbot: Any, shown: Any) -> None:
    panel, session = shown.map_panel, shown.session
    view = panel.view
    session.select(["G1"])
    view.setFocus()
    QTest.keyClick(view, Qt.Key.Key_Right)
    first = session.selection[0]
    assert session.district.items[first].kind != "goal"  # right of the goal, in its lane
    assert panel.scene.cards[first].card.x > panel.scene.cards["G1"].card.x
    QTest.keyClick(view, Qt.Key.Key_Left)
    assert panel.scene.cards[session.selection[0]].card.x < panel.scene.cards[first].card.x
    QTest.keyClick(view, Qt.Key.Key_Down)
    below = session.selection[0]
    QTest.keyClick(view, Qt.Key.Key_Up)
    assert session.selection[0] != below
    before = session.selection[0]
    QTest.keyClick(view, Qt.Key.Key_Tab)
    assert session.selection[0] != before and view.hasFocus()
    QTest.keyClick(view, Qt.Key.Key_Return)
    assert shown.inspector.hasFocus() or shown.inspector.isAncestorOf(shown.focusWidget())


def test_selection_is_shared_with_the_browser(qtbot: Any, shown: Any) -> None:
    panel, session = shown.map_panel, shown.session
    card = panel.scene.cards["G1"]
    at = _centre(panel, "G1")
    QTest.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=at)
    assert card.isSelected() and session.selection == ["G1"]
    rows = shown.browser.view.selectionModel().selectedRows()
    assert [r.data(ID_ROLE) for r in rows] == ["G1"]
    program = _orphan_program(shown)
    session.select([program])  # as the browser or the findings would
    assert panel.view.selected_cards() == [panel.scene.cards[program]]


def test_matrix_cells_and_csv_export(tmp_path: Path, shown: Any) -> None:
    matrix, session = shown.matrix, shown.session
    assert matrix.rows == [] or not matrix.isVisible()  # a hidden tab does not rebuild
    shown.show_view(matrix)  # the person opens the Alignment tab
    district = session.district
    direct = next(ln for ln in district.links.values() if ln.kind == "supports" and ln.dst == "G1")
    assert matrix.cell(direct.src, "G1") == "●"
    through = next(
        i
        for i, goals in session.analysis.goals_of.items()
        if "G1" in goals
        and district.items[i].kind == "program"
        and not any(ln.dst == "G1" for ln in district.supports_from(i))
    )
    assert matrix.cell(through, "G1") == "○"
    orphan = _orphan_program(shown)
    assert not any(matrix.rows[-1].cells) and matrix.rows[-1].orphan
    assert all(c == "" for c in matrix.rows[[r.item_id for r in matrix.rows].index(orphan)].cells)
    out = tmp_path / "alignment.csv"
    assert matrix.export_csv(str(out))
    text = out.read_text(encoding="utf-8-sig")
    assert text.splitlines()[0].startswith("ID,Item,Kind,")
    assert f"{direct.src}," in text and "direct" in text


def test_matrix_csv_neutralises_formula_like_names(tmp_path: Path, shown: Any) -> None:
    from coherence_planner.domain.model.commands import SetItemFields

    session = shown.session
    orphan = _orphan_program(shown)
    session.push(SetItemFields(session.district, orphan, {"name": "=HYPERLINK(1)"}))
    session._runner._start()  # analyse now rather than after the event loop turns
    shown.matrix.refresh()
    out = tmp_path / "m.csv"
    assert shown.matrix.export_csv(str(out))
    assert ",'=HYPERLINK(1)," in out.read_text(encoding="utf-8-sig")


def test_export_png_and_svg_from_the_panel(tmp_path: Path, shown: Any) -> None:
    panel = shown.map_panel
    panel.focus_goal("G1")
    assert panel.export(str(tmp_path / "map.svg"))
    svg = (tmp_path / "map.svg").read_text()
    assert 'class="card goal' in svg and "dimmed" in svg
    assert panel.export(str(tmp_path / "map.png"))
    image = QImage(str(tmp_path / "map.png"))
    rect = panel.scene.sceneRect()
    assert image.width() == pytest.approx(rect.width() * 2, abs=2)
    assert image.height() == pytest.approx(rect.height() * 2, abs=2)


def test_scene_builds_without_a_window(shown: Any) -> None:
    scene = MapScene()
    panel = shown.map_panel
    scene.build(panel.district_shown, panel.analysis_shown, panel.layout_)
    assert set(scene.cards) == set(panel.scene.cards)


def test_fit_on_a_projector_frames_the_sample_large_enough_to_read(qtbot: Any, shown: Any) -> None:
    """At 1920x1080 (the side panels step aside for the map) the sample's lanes fit at
    40-50% (one tall column fitted at 16%), and cards draw compact."""
    shown.resize(1920, 1080)
    for dock in (shown.browser_dock, shown.inspector_dock):
        dock.hide()
    panel = shown.map_panel
    view = panel.view
    qtbot.waitUntil(lambda: view.viewport().width() > 1800, timeout=5000)
    view.fit()
    assert view.zoom >= 0.35
    right = view.mapFromScene(view.map_rect().topRight()).x()
    bottom = view.mapFromScene(view.map_rect().bottomLeft()).y()
    assert right <= view.viewport().width() + 1
    assert bottom <= view.viewport().height() + 1
    view.fit_width()
    width = view.map_rect().width() * view.zoom
    assert width == pytest.approx(view.viewport().width(), abs=30)
    assert view.verticalScrollBar().value() == view.verticalScrollBar().minimum()


def test_a_hidden_map_waits_until_shown(qtbot: Any, window: Any, sample_plan: Path) -> None:
    from coherence_planner.domain.model.commands import SetItemFields
    from tests.gui.helpers import wait_for_analysis

    window.documents.open_plan(sample_plan)
    wait_for_analysis(qtbot, window)
    panel = window.map_panel
    assert not panel.isVisible()
    assert not panel.scene.cards  # never laid out while nobody looked
    window.session.push(SetItemFields(window.session.district, "P1", {"annual_cost": 1}))
    wait_for_analysis(qtbot, window)
    assert not panel.scene.cards
    window.show_view(panel)
    qtbot.waitUntil(lambda: bool(panel.scene.cards), timeout=5000)
    assert "P1" in panel.scene.cards


def test_a_large_plan_is_redrawn_on_request_not_on_every_edit(
    qtbot: Any, shown: Any, monkeypatch: Any
) -> None:
    from coherence_planner.domain.model.commands import SetItemFields
    from coherence_planner.ui.map import map_panel
    from tests.gui.helpers import wait_for_analysis

    monkeypatch.setattr(map_panel, "LIVE_REDRAW_LIMIT", 10)  # the sample counts as large
    panel = shown.map_panel
    requests: list[Any] = []
    original = panel.runner.request
    monkeypatch.setattr(panel.runner, "request", lambda *a: (requests.append(a), original(*a))[1])
    shown.session.push(SetItemFields(shown.session.district, "P1", {"annual_cost": 7}))
    wait_for_analysis(qtbot, shown)
    assert requests == []
    assert panel.toolbar.refresh_action.isEnabled()
    assert "Refresh Map" in panel.status.text()
    panel.toolbar.refresh_action.trigger()
    assert len(requests) == 1
    assert not panel.toolbar.refresh_action.isEnabled()


def test_required_items_wear_a_required_badge(shown: Any) -> None:
    district = shown.session.district
    cards = shown.map_panel.scene.cards
    required = {i for i in cards if district.items[i].required}
    assert len(required) >= 3
    assert {i for i, card in cards.items() if "REQUIRED" in card.top_line} == required
