"""A large plan's map is laid out ahead while the Map tab is hidden (issue 29), and its scene
built from that layout and its first paint worked out: the click on the tab then only shows
it, instead of laying out, building and drawing 10,000 cards and 28,000 links."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from coherence_planner.ui.map.map_panel import LIVE_REDRAW_LIMIT
from coherence_planner.ui.shell.parts import MAP_AHEAD_ITEMS
from tests.gui.helpers import wait_for_analysis


def _large_plan(tmp_path: Path) -> Path:
    from benchmarks.generate_tree import generate_tree
    from coherence_planner.domain.model.codec import district_from_dict
    from coherence_planner.storage.document import Document

    district = district_from_dict(generate_tree(1400, 1))
    assert len(district.items) > LIVE_REDRAW_LIMIT
    plan = tmp_path / "large.coherence"
    Document.create(plan, district).close()
    return plan


def _opened_and_prepared(qtbot: Any, window: Any, tmp_path: Path) -> Any:
    """The large plan opened and its map laid out ahead: the Map part, made when first
    shown, is made hidden for a large plan (not asked for here: `window.map_panel` would
    make it)."""
    window.documents.open_plan(_large_plan(tmp_path))
    wait_for_analysis(qtbot, window)
    part = window.map_part
    qtbot.waitUntil(
        lambda: part.built is not None and part.built._prepared is not None, timeout=60000
    )
    return window.map_panel


def _built_ahead(qtbot: Any, panel: Any) -> None:
    qtbot.waitUntil(lambda: panel._ahead_whole and panel.scene._building is None, timeout=60000)


def test_a_large_map_is_laid_out_and_built_ahead_and_shown_from_it(
    qtbot: Any, window: Any, tmp_path: Path
) -> None:
    panel = _opened_and_prepared(qtbot, window, tmp_path)
    assert not panel.isVisible()
    prepared = panel._prepared[2]
    _built_ahead(qtbot, panel)
    assert len(panel.scene.cards) == len(prepared.cards)  # built while hidden
    links = panel.scene.link_overview
    assert links is not None and links.picture is not None and links.picture.done
    requests: list[object] = []
    builds: list[object] = []
    original = panel.runner.request
    panel.runner.request = lambda *a: (requests.append(a), original(*a))
    panel.scene.build_in_steps = lambda *a, **k: builds.append(a)
    window.show_view(panel)
    qtbot.waitUntil(lambda: panel.layout_ is prepared, timeout=60000)
    assert not requests  # no second layout
    assert not builds  # nor a second build
    assert panel.view.viewport().updatesEnabled()
    # The zoom planned while hidden is the one shown: the picture is what is painted.
    blits: list[bool] = []
    picture = links.picture
    shown = picture.blit
    picture.blit = lambda painter: blits.append(shown(painter)) or blits[-1]
    panel.view.viewport().repaint()
    assert blits == [True]


def test_a_map_shown_while_it_is_built_ahead_is_shown_once_whole(
    qtbot: Any, window: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    from coherence_planner.ui.map.scene import MapScene

    held: list[Any] = []  # the ends of builds, held back: the click comes before them
    build = MapScene.build_in_steps

    def holding(scene: MapScene, *args: Any, **kwargs: Any) -> None:
        *rest, done = args
        build(scene, *rest, lambda: held.append(done), **kwargs)

    monkeypatch.setattr(MapScene, "build_in_steps", holding)
    panel = _opened_and_prepared(qtbot, window, tmp_path)
    prepared = panel._prepared[2]
    qtbot.waitUntil(lambda: bool(held), timeout=60000)
    window.show_view(panel)
    qtbot.wait(50)
    assert panel.layout_ is None  # not shown half built
    assert not panel.view.viewport().updatesEnabled()
    held.pop()()
    assert panel.layout_ is prepared
    assert len(panel.scene.cards) == len(prepared.cards)
    assert panel.view.viewport().updatesEnabled()
    assert not held  # built once


def test_an_edit_while_hidden_lays_the_map_out_again_when_shown(
    qtbot: Any, window: Any, tmp_path: Path
) -> None:
    panel = _opened_and_prepared(qtbot, window, tmp_path)
    stale = panel._prepared[2]
    session = window.session
    before = session.analysis
    program = session.district.items_of("program")[0]
    session.select([program.id])
    qtbot.waitUntil(lambda: "annual_cost" in window.inspector.editors)
    editor = window.inspector.editors["annual_cost"]
    editor.box.setValue(123_456)
    editor.box.editingFinished.emit()
    qtbot.waitUntil(lambda: session.analysis is not before, timeout=60000)
    window.show_view(panel)
    qtbot.waitUntil(
        lambda: panel.layout_ is not None and not panel.runner.busy and bool(panel.scene.cards),
        timeout=60000,
    )
    assert panel.layout_ is not stale
    assert panel.analysis_shown is session.analysis


def test_the_window_makes_the_map_ahead_for_the_plans_the_map_redraws_on_request() -> None:
    assert MAP_AHEAD_ITEMS == LIVE_REDRAW_LIMIT
