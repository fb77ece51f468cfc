"""A 300-program district at Fit on a 1366x768 laptop (the window maximised: 1366x749):
with its programs in rows of cards a name's height, its lanes flowed to the map view's
shape, it is whole at a zoom where every card's name is at least 7 pixels tall (issue 26;
in one column it was 6%, too small for any text; in rows flowed toward 16:9, 5.3 pixels)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from coherence_planner.ui.map.card_item import CardItem
from tests.gui.helpers import shown_on_map

LEAST_PX = 7.0  # issue 26


def _name_px(card: CardItem, zoom: float) -> float:
    """The name's height on screen: the font's points, at the device's dots per inch and
    the view's zoom."""
    assert card._compact_fonts, f"{card.name} was not painted"
    dpi, font = next(iter(card._compact_fonts.items()))
    return font.pointSizeF() * dpi / 72 * zoom


def test_a_300_program_district_at_fit_on_a_laptop_shows_every_name(
    qtbot: Any, window: Any, tmp_path: Path
) -> None:
    from benchmarks.generate_tree import generate_tree
    from coherence_planner.domain.model.codec import district_from_dict
    from coherence_planner.storage.document import Document

    plan = tmp_path / "district.coherence"
    Document.create(plan, district_from_dict(generate_tree(300, 1))).close()
    panel = shown_on_map(qtbot, window, plan, (1366, 749), timeout=20000)
    qtbot.waitUntil(lambda: len(panel.scene.cards) >= 300, timeout=20000)
    view = panel.view
    panel.toolbar.fit_action.trigger()
    assert view.fit_mode == "whole"
    view.viewport().grab()  # paints every card, which picks its name's size
    zoom = view.zoom
    sizes = {card.name: _name_px(card, zoom) for card in panel.scene.cards.values()}
    small = sorted(name for name, px in sizes.items() if px < LEAST_PX)
    assert not small, f"{len(small)} names under {LEAST_PX} px at {zoom:.0%}: {small[:3]}"
