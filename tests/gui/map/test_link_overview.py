"""A map shown whole at a small zoom draws its links in batches (link_overview.py): the same
lines on screen, the link items skipped, a selected or emphasised link drawn on its own, the
filters' hidden links left out, and exports drawn link by link as before."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QGraphicsItem

from benchmarks.generate_district import generate
from coherence_planner.domain.analysis.coherence import analyse
from coherence_planner.domain.layout.pipeline import layout_map
from coherence_planner.domain.model import codec
from coherence_planner.ui.map.export import render_image
from coherence_planner.ui.map.link_overview import OVERVIEW_BELOW, _batches
from coherence_planner.ui.map.scene import MapScene
from coherence_planner.ui.map.view import MapView

NO_CONTENTS = QGraphicsItem.GraphicsItemFlag.ItemHasNoContents


@pytest.fixture
def view(qtbot: Any) -> MapView:
    district = codec.district_from_dict(generate(150, 2))
    analysis = analyse(district)
    scene = MapScene()
    view = MapView(scene)
    qtbot.addWidget(view)
    view.resize(1000, 560)
    view.show()
    scene.build(district, analysis, layout_map(district, analysis))
    return view


def _pixels(view: MapView) -> np.ndarray:
    image = view.viewport().grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    data = np.frombuffer(bytes(image.constBits()), dtype=np.uint8)
    return data.reshape(image.height(), image.bytesPerLine())


def _differing(a: np.ndarray, b: np.ndarray) -> int:
    return int(np.count_nonzero(np.abs(a.astype(int) - b.astype(int)) > 60))


def _batched(scene: MapScene, edge: Any) -> bool:
    return bool(edge.flags() & NO_CONTENTS)


def test_below_the_threshold_links_are_batched_and_look_the_same(view: MapView) -> None:
    scene = view.map_scene
    view.set_zoom(OVERVIEW_BELOW / 2)
    assert scene.overview and scene.link_overview is not None
    assert scene.link_overview.isVisible()
    assert all(_batched(scene, e) for e in scene.edges.values())
    batched = _pixels(view)
    with scene.detailed():
        assert not any(_batched(scene, e) for e in scene.edges.values())
        one_by_one = _pixels(view)
    for edge in scene.edges.values():
        edge.setVisible(False)
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
    assert scene.link_overview is not None and not scene.link_overview.isVisible()
    assert not any(_batched(scene, e) for e in scene.edges.values())


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
    edges = list(scene.edges.values())
    every = sum(len(e.lines) for e in edges)
    assert sum(len(lines) for _pen, _dim, lines in _batches(edges)) == every
    card = edges[0].geom.src
    gone = sum(len(e.lines) for e in edges if card in (e.geom.src, e.geom.dst))
    scene.apply_visibility(None, set(), {card})
    assert sum(len(lines) for _pen, _dim, lines in _batches(edges)) == every - gone
    scene.apply_visibility(None, {card}, set())
    dimmed = sum(len(lines) for _pen, dim, lines in _batches(edges) if dim)
    assert dimmed == gone


def test_an_export_draws_every_link_whatever_the_zoom(view: MapView) -> None:
    scene = view.map_scene
    view.set_zoom(OVERVIEW_BELOW * 2)
    detailed = render_image(scene, scale=0.5)
    view.set_zoom(OVERVIEW_BELOW / 2)
    assert render_image(scene, scale=0.5) == detailed
    assert scene.overview  # as it was


def test_a_link_can_still_be_clicked_in_overview(qtbot: Any, view: MapView) -> None:
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest

    from coherence_planner.ui.map.edge_item import EdgeItem

    scene = view.map_scene
    view.set_zoom(OVERVIEW_BELOW * 0.9)
    assert scene.overview
    # The middle of a link's longest segment, away from every card.
    cards = [c.sceneBoundingRect().adjusted(-6, -6, 6, 6) for c in scene.cards.values()]
    target, at = None, QPoint()
    for edge in scene.edges.values():
        for line in edge.lines:
            middle = line.center()
            here = view.mapFromScene(middle)
            long_and_shown = line.length() > 200 and view.viewport().rect().contains(here)
            if long_and_shown and not any(r.contains(middle) for r in cards):
                target, at = edge, here
                break
        if target is not None:
            break
    assert target is not None
    assert isinstance(view.itemAt(at), EdgeItem)  # not the overview drawn over the links
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=at)
    assert any(isinstance(item, EdgeItem) for item in scene.selectedItems())
