"""A large plan's map is laid out ahead while the Map tab is hidden (issue 29): the click on
the tab then builds and paints the scene from that layout instead of starting the layout,
which at 10,000 programs was most of the time from the click to the paint."""

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


def test_a_large_map_is_laid_out_ahead_and_shown_from_it(
    qtbot: Any, window: Any, tmp_path: Path
) -> None:
    panel = _opened_and_prepared(qtbot, window, tmp_path)
    assert not panel.isVisible()
    assert not panel.scene.cards  # laid out, not built: hidden, nothing is drawn
    prepared = panel._prepared[2]
    requests: list[object] = []
    original = panel.runner.request
    panel.runner.request = lambda *a: (requests.append(a), original(*a))
    window.show_view(panel)
    qtbot.waitUntil(lambda: len(panel.scene.cards) == len(prepared.cards), timeout=60000)
    assert panel.layout_ is prepared
    assert not requests  # no second layout


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
