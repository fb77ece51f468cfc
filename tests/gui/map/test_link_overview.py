"""A map shown whole at a small zoom draws its links in batches (link_overview.py): the same
lines on screen, a selected or emphasised link drawn on its own, the filters' hidden links
left out, and exports drawn link by link as before. A link is a scene item only once it is
clicked or selected; the field draws the others."""

from __future__ import annotations

import itertools
from typing import Any

import numpy as np
import pytest
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QGraphicsItem

from coherence_planner.ui.map.export import render_image
from coherence_planner.ui.map.link_overview import OVERVIEW_BELOW, _batches
from coherence_planner.ui.map.scene import MapScene
from coherence_planner.ui.map.view import MapView
from tests.gui.map.small_map import pixels, small_map

NO_CONTENTS = QGraphicsItem.GraphicsItemFlag.ItemHasNoContents


@pytest.fixture
def view(qtbot: Any) -> MapView:
    return small_map(qtbot)


_pixels = pixels


def _differing(a: np.ndarray, b: np.ndarray) -> int:
    return int(np.count_nonzero(np.abs(a.astype(int) - b.astype(int)) > 60))


def _batched(scene: MapScene, edge: Any) -> bool:
    return bool(edge.flags() & NO_CONTENTS)


def _lines(scene: MapScene) -> list[tuple[Any, bool, list[Any]]]:
    links = scene.link_overview
    assert links is not None
    return _batches(links.geoms, links._looks, links._lines, links.dimmed, links.hidden)


def test_below_the_threshold_links_are_batched_and_look_the_same(view: MapView) -> None:
    scene = view.map_scene
    view.set_zoom(OVERVIEW_BELOW / 2)
    assert scene.overview and scene.link_overview is not None
    assert scene.link_overview.overview
    assert not scene.edges.made  # drawn by the field, not one item each
    batched = _pixels(view)
    with scene.detailed():
        assert not scene.link_overview.overview
        one_by_one = _pixels(view)
    scene.link_overview.hidden = set(range(len(scene.link_overview.geoms)))
    with scene.detailed():
        scene.link_overview.forget()
        without_links = _pixels(view)
    links = _differing(without_links, one_by_one)
    assert links > 2000  # the links are a good part of the picture
    assert _differing(batched, one_by_one) < links / 10  # antialiasing apart, the same


def test_zooming_in_draws_each_link_again(view: MapView) -> None:
    scene = view.map_scene
    view.set_zoom(OVERVIEW_BELOW / 2)
    view.set_zoom(OVERVIEW_BELOW * 2)
    assert not scene.overview
    assert scene.link_overview is not None and not scene.link_overview.overview
    edge = next(iter(scene.edges.values()))
    assert not _batched(scene, edge)


def test_a_selected_or_emphasised_link_draws_itself_on_top(view: MapView) -> None:
    scene = view.map_scene
    view.set_zoom(OVERVIEW_BELOW / 2)
    edge = next(iter(scene.edges.values()))
    edge.setSelected(True)
    assert not _batched(scene, edge)
    edge.setSelected(False)
    assert _batched(scene, edge)
    card = scene.cards[edge.geom.src]
    card.setSelected(True)
    scene.emphasise_selection()
    assert not _batched(scene, edge)
    card.setSelected(False)
    scene.emphasise_selection()
    assert _batched(scene, edge)


def test_links_hidden_by_the_filters_are_left_out_and_dimmed_ones_dimmed(
    view: MapView,
) -> None:
    scene = view.map_scene
    assert scene.layout is not None
    edges = scene.layout.edges
    every = sum(len(e.points) - 1 for e in edges)
    assert sum(len(lines) for _pen, _dim, lines in _lines(scene)) == every
    card = edges[0].src
    gone = sum(len(e.points) - 1 for e in edges if card in (e.src, e.dst))
    scene.apply_visibility(None, set(), {card})
    assert sum(len(lines) for _pen, _dim, lines in _lines(scene)) == every - gone
    scene.apply_visibility(None, {card}, set())
    dimmed = sum(len(lines) for _pen, dim, lines in _lines(scene) if dim)
    assert dimmed == gone


def test_an_export_draws_every_link_whatever_the_zoom(view: MapView) -> None:
    scene = view.map_scene
    view.set_zoom(OVERVIEW_BELOW * 2)
    detailed = render_image(scene, scale=0.5)
    view.set_zoom(OVERVIEW_BELOW / 2)
    assert render_image(scene, scale=0.5) == detailed
    assert scene.overview  # as it was


def test_a_link_can_still_be_clicked_in_overview(qtbot: Any, view: MapView) -> None:
    from PySide6.QtCore import QLineF, QPoint, QRectF, Qt
    from PySide6.QtTest import QTest

    from coherence_planner.ui.map.edge_item import EdgeItem

    scene = view.map_scene
    view.set_zoom(OVERVIEW_BELOW * 0.9)
    assert scene.overview
    assert scene.layout is not None
    # The middle of a link's longest segment, away from every card.
    cards = [
        QRectF(c.x, c.y, c.w, c.h).adjusted(-10, -10, 10, 10) for c in scene.layout.cards.values()
    ]
    target, at = None, QPoint()
    for edge in scene.layout.edges:
        for (x1, y1), (x2, y2) in itertools.pairwise(edge.points):
            line = QLineF(x1, y1, x2, y2)
            middle = line.center()
            here = view.mapFromScene(middle)
            long_and_shown = line.length() > 200 and view.viewport().rect().contains(here)
            if long_and_shown and not any(r.contains(middle) for r in cards):
                target, at = edge, here
                break
        if target is not None:
            break
    assert target is not None
    assert not scene.edges.made  # the field draws it until it is clicked
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=at)
    chosen = [item for item in scene.selectedItems() if isinstance(item, EdgeItem)]
    assert len(chosen) == 1  # this link, or one drawn over it there
    assert list(scene.edges.made.values()) == chosen


def _drawn_ahead(view: MapView) -> Any:
    """The overview's picture drawn at the view's zoom, as a map built ahead has it."""
    links = view.map_scene.link_overview
    assert links is not None
    for _ in links.picture_steps(view.zoom, view.viewport().devicePixelRatioF()):
        pass
    assert links.picture is not None and links.picture.done
    return links.picture


def test_the_links_drawn_ahead_into_a_picture_look_the_same(view: MapView) -> None:
    scene = view.map_scene
    view.set_zoom(OVERVIEW_BELOW / 2)
    links = scene.link_overview
    assert links is not None
    drawn = _pixels(view)  # line by line, in batches
    picture = _drawn_ahead(view)
    blits: list[bool] = []
    original = picture.blit
    picture.blit = lambda painter: blits.append(original(painter)) or blits[-1]
    view.viewport().update()
    blitted = _pixels(view)
    assert blits and all(blits)  # the picture was drawn instead of the lines
    # Composited "over" in another order: premultiplied rounding apart (a few levels of
    # 255 where lines cross), nowhere a line missing or moved.
    difference = np.abs(blitted.astype(int) - drawn.astype(int))
    assert int(difference.max()) <= 8
    view.horizontalScrollBar().setValue(view.horizontalScrollBar().value() + 37)
    view.verticalScrollBar().setValue(view.verticalScrollBar().value() + 23)
    scrolled = _pixels(view)
    links.picture = None  # the lines again, where the view has scrolled to
    links.update()
    assert int(np.abs(_pixels(view).astype(int) - scrolled.astype(int)).max()) <= 8


def test_the_picture_is_dropped_when_links_are_dimmed_and_not_used_at_another_zoom(
    view: MapView,
) -> None:
    scene = view.map_scene
    view.set_zoom(OVERVIEW_BELOW / 2)
    links = scene.link_overview
    assert links is not None
    picture = _drawn_ahead(view)
    assert scene.layout is not None
    scene.apply_visibility(None, {scene.layout.edges[0].src}, set())
    assert links.picture is None  # drawn for other dimming: the lines are drawn again
    picture = _drawn_ahead(view)
    view.set_zoom(OVERVIEW_BELOW / 3)
    image = QImage(view.viewport().size(), QImage.Format.Format_ARGB32_Premultiplied)
    painter = QPainter(image)
    painter.setTransform(view.viewportTransform())
    assert not picture.blit(painter)  # another zoom: not resampled
    painter.end()


def test_a_click_between_two_links_finds_the_nearer_and_at_a_crossing_the_top_one(
    qtbot: Any,
) -> None:
    from PySide6.QtCore import QRectF

    from coherence_planner.domain.layout.geometry import EdgeGeom
    from coherence_planner.ui.map.link_overview import LinkOverview

    near = EdgeGeom("A", "B", "supports", "strong", ((0.0, 100.0), (400.0, 100.0)))
    far = EdgeGeom("C", "D", "supports", "strong", ((0.0, 104.0), (400.0, 104.0)))
    across = EdgeGeom("E", "F", "supports", "strong", ((200.0, 0.0), (200.0, 300.0)))
    away = EdgeGeom("G", "H", "supports", "strong", ((0.0, 900.0), (400.0, 900.0)))
    links = LinkOverview([near, far, across, away], QRectF(0, 0, 1000, 1000))
    assert links.near(50, 101, 6) == 0  # 1 point from the first, 3 from the second drawn
    assert links.near(50, 103.5, 6) == 1
    assert links.near(200, 100, 6) == 2  # where two cross: the one drawn over the other
    assert links.near(50, 500, 6) is None
    links.hidden = {0}
    assert links.near(50, 101, 6) == 1  # a hidden link is not there to click
