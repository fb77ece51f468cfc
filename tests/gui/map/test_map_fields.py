"""The map's cards and links are drawn by two fields (card_field.py, link_overview.py), and a
card or a link becomes a scene item only when a person reaches it (issue 29: 11,000 card
items and 28,000 link items were most of a 10,000-program map's first showing and of its
memory). Every gesture of the Map tab still works on cards that are not items yet: click,
hover and tooltip, keys, search, drag to link; and the field draws what the items drew."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from benchmarks.generate_district import generate
from coherence_planner.domain.analysis.coherence import analyse
from coherence_planner.domain.layout.pipeline import layout_map
from coherence_planner.domain.model.codec import district_from_dict
from coherence_planner.storage.document import Document
from coherence_planner.ui.map.scene import MapScene
from coherence_planner.ui.map.view import MapView
from tests.gui.helpers import shown_on_map
from tests.gui.map.small_map import pixels, small_map

FEW = 60  # scene items a map may hold whatever its size: title, legend, regions, fields


def test_a_3000_card_map_is_a_few_scene_items() -> None:
    district = district_from_dict(generate(2750, 1))
    analysis = analyse(district)
    layout = layout_map(district, analysis)
    assert len(layout.cards) >= 3000
    scene = MapScene()
    scene.build(district, analysis, layout)
    backdrop = len(layout.regions) + len(layout.brackets) + 2  # title and legend
    assert len(scene.items()) <= backdrop + 2  # and the two fields
    assert len(scene.cards) == len(layout.cards)
    assert len(scene.edges) == len(layout.edges)


@pytest.fixture
def big(qtbot: Any, window: Any, tmp_path: Path) -> Any:
    """The Map tab showing a generated 300-program plan, nothing on it touched yet."""
    plan = tmp_path / "district.coherence"
    Document.create(plan, district_from_dict(generate(300, 3))).close()
    panel = shown_on_map(qtbot, window, plan, (1366, 768), timeout=30000)
    panel.view.set_zoom(0.8)  # close enough to read, so the cards draw their words
    return window


def _few_items(panel: Any) -> bool:
    return len(panel.scene.items()) < FEW + len(panel.layout_.regions) + len(panel.layout_.brackets)


def _at(panel: Any, item_id: str) -> QPoint:
    """Where the card is on screen, found from the layout alone (no item is made)."""
    card = panel.layout_.cards[item_id]
    panel.view.centerOn(QPointF(*card.centre))
    return panel.view.mapFromScene(QPointF(*card.centre))


def _move(view: MapView, at: QPoint) -> None:
    """The pointer moved to `at`, no button down, as the window system says it."""
    viewport = view.viewport()
    event = QMouseEvent(
        QEvent.Type.MouseMove,
        QPointF(at),
        QPointF(viewport.mapToGlobal(at)),
        Qt.MouseButton.NoButton,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(viewport, event)


def _program(window: Any, n: int = 5) -> str:
    return window.session.district.items_of("program")[n].id


def test_clicking_a_card_selects_it_everywhere_and_makes_one_item(big: Any) -> None:
    panel, session = big.map_panel, big.session
    program = _program(big)
    assert _few_items(panel)
    QTest.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=_at(panel, program))
    assert session.selection == [program]
    assert [c.item_id for c in panel.view.selected_cards()] == [program]
    assert big.inspector.item_id == program  # the Inspector shows it
    assert _few_items(panel)
    # Double-click opens it for editing, as on any card.
    opened: list[str] = []
    panel.open_item.connect(opened.append)
    other = _program(big, 7)
    QTest.mouseDClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=_at(panel, other))
    assert opened == [other]


def test_hovering_a_card_shows_its_tooltip_and_emphasises_its_links(big: Any) -> None:
    panel = big.map_panel
    program = next(i for i in panel.layout_.cards if panel.scene._edges_of.get(i))
    at = _at(panel, program)
    _move(panel.view, at)  # makes the card an item under the pointer, which takes the hover
    _move(panel.view, at + QPoint(2, 2))
    card = panel.scene.cards.made[program]
    assert card._hover
    assert big.session.district.items[program].label in card.toolTip()
    links = panel.scene.link_overview
    assert links.emphasised == set(panel.scene._edges_of[program])
    assert _few_items(panel)


def test_keys_and_search_move_the_selection_without_making_every_card(big: Any) -> None:
    panel, session = big.map_panel, big.session
    view = panel.view
    view.setFocus()
    QTest.keyClick(view, Qt.Key.Key_Tab)
    first = session.selection[0]
    QTest.keyClick(view, Qt.Key.Key_Right)
    second = session.selection[0]
    assert panel.layout_.cards[second].x > panel.layout_.cards[first].x
    QTest.keyClick(view, Qt.Key.Key_Down)
    assert session.selection[0] != second
    name = session.district.items[_program(big, 9)].label
    assert panel.jump_to(name) == _program(big, 9)
    assert session.selection == [_program(big, 9)]
    assert _few_items(panel)


def test_dragging_between_cards_that_are_not_items_links_them(big: Any) -> None:
    panel, session = big.map_panel, big.session
    district = session.district
    program = next(o.id for o in session.analysis.orphans if o.kind == "program")
    goal = district.items_of("goal")[0].id
    view = panel.view
    view.fit()
    start = view.mapFromScene(QPointF(*panel.layout_.cards[program].centre))
    end = view.mapFromScene(QPointF(*panel.layout_.cards[goal].centre))
    assert _few_items(panel)
    QTest.mousePress(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier(0), start)
    for k in range(1, 6):
        QTest.mouseMove(view.viewport(), start + (end - start) * (k / 5))
    QTest.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier(0), end)
    assert ("supports", program, goal) in {
        (ln.kind, ln.src, ln.dst) for ln in district.links.values()
    }


@pytest.mark.parametrize("zoom", [0.05, 0.3, 1.0])
def test_the_field_draws_the_cards_and_links_as_their_items_do(qtbot: Any, zoom: float) -> None:
    view = small_map(qtbot)
    scene = view.map_scene
    assert scene.layout is not None
    view.set_zoom(zoom)
    view.centerOn(QPointF(scene.layout.width / 3, scene.layout.height / 3))
    assert len(scene.items()) < len(scene.cards)
    by_field = pixels(view).astype(int)
    for item_id in scene.cards:
        scene.cards[item_id]  # every card made an item, which the field then leaves
    for key in scene.edges:
        scene.edges[key]
    assert len(scene.items()) > len(scene.cards) + len(scene.edges)
    by_items = pixels(view).astype(int)
    painted = int(np.count_nonzero(np.abs(by_items - 255) > 30))
    assert painted > 2000
    differing = int(np.count_nonzero(np.abs(by_field - by_items) > 60))
    assert differing < painted / 20
